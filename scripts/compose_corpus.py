"""Compose authored postings from the team's fragment banks into training_data/src/gen-*.txt.

Usage: python scripts/compose_corpus.py [--n 1500] [--seed 7]

Every fragment below (duties, blurbs, benefits, legal text, headings, titles) is written by
the team. The composer varies layout (bullets of every kind, numbered, prose, Markdown, HTML,
scraped run-on text, terse ads), length (60 to 1,500 words), industry, country and spelling,
and makes about 30% of titles misleading, in role or in level, and about 6% of postings with
no duties at all. Labels follow ../shared/LABELING.md by construction: the duties drawn
decide the role (most duties win), and years, scope and reports decide the level.
The output uses the marked source format of training_data/AUTHORING.md.
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "training_data" / "src"
ROLES = ("product_owner", "product_manager", "project_manager", "scrum_master", "other")
LEVELS = ("junior", "mid", "senior", "lead", "head")

# --- duties: "verb|rest" so each can be written as imperative, gerund, third person or prose ---
DUTIES = {
    "product_owner": [
        "own|and order the product backlog for {product}",
        "write|user stories and acceptance criteria that the team can pick up",
        "refine|backlog items with developers and testers every week",
        "run|sprint planning together with the Scrum Master and the team",
        "accept|or reject increments against the definition of done",
        "represent|{stakeholders} inside the delivery team",
        "decide|what goes into each sprint and what waits",
        "split|large features into thin slices the team can ship",
        "maintain|a groomed backlog at least two sprints ahead",
        "present|the increment at sprint review and collect feedback",
        "clarify|requirements with developers during the sprint",
        "prioritise|defects, technical debt and new features in one backlog",
        "define|the sprint goal with the team",
        "translate|the roadmap set by product management into epics and stories",
        "keep|the backlog transparent in {tool}",
        "work|daily with {n_teams} delivery team on {product}",
        "answer|the team's questions about scope within the sprint",
        "write|acceptance tests with QA for every story",
        "gather|feedback from {stakeholders} and turn it into backlog items",
        "order|the backlog by value, risk and dependencies",
        "negotiate|scope trade-offs with stakeholders when the sprint is at risk",
        "maximise|the value of the work the team delivers each sprint",
        "attend|daily stand-ups to unblock questions on stories",
        "track|release burn-up and forecast delivery of the epics",
        "validate|delivered features with users before closing them",
        "manage|the product backlog for the {product} team",
        "groom|the backlog with the tech lead before planning",
        "sign|off user acceptance testing for each release",
        "map|user journeys into story maps for the next increment",
        "document|business rules as examples on the stories",
    ],
    "product_manager": [
        "own|the product vision, strategy and roadmap for {product}",
        "set|pricing and packaging with finance and sales",
        "interview|customers every week to understand their problems",
        "size|market opportunities and write the business case for new bets",
        "define|product metrics and the outcomes we target each quarter",
        "plan|go-to-market with product marketing and sales",
        "analyse|competitors and keep our positioning sharp",
        "decide|what we build next and, just as important, what we don't",
        "lead|discovery with design and engineering to test ideas before we build them",
        "work|with sales to win and keep key accounts",
        "build|the multi-year roadmap and communicate it to leadership",
        "own|the profit and loss of the product line",
        "run|experiments to improve activation and retention",
        "research|market trends and customer segments in {region}",
        "shape|the product strategy with the executive team",
        "launch|new products and features into new markets",
        "track|adoption, revenue and churn, and act on what the data says",
        "partner|with engineering leads on trade-offs between scope and time",
        "define|the ideal customer profile and the value proposition",
        "brief|sales and support on new capabilities before launch",
        "prioritise|the roadmap using customer evidence and business impact",
        "evaluate|build, buy and partner options for new capabilities",
        "own|the pricing model and run pricing experiments",
        "represent|the product at customer events and with analysts",
        "write|product requirement documents for major initiatives",
        "identify|new revenue streams and adjacent markets",
        "manage|the product lifecycle from concept to retirement",
        "set|quarterly OKRs for the product area",
        "synthesise|user research into clear product problems",
        "negotiate|commercial terms with strategic partners",
    ],
    "project_manager": [
        "manage|the project budget and schedule from initiation to close",
        "report|status, risks and issues to the steering committee",
        "build|and maintain the integrated project plan and milestones",
        "coordinate|vendors and hold them to their contracts",
        "run|change control for any change to scope, time or cost",
        "keep|the RAID log current and escalate what needs escalating",
        "plan|resources across {n_teams} workstreams",
        "track|spend against budget and forecast the cost to complete",
        "chair|weekly project meetings and follow up on actions",
        "manage|dependencies with other projects in the programme",
        "prepare|stage-gate documents for the project board",
        "negotiate|timelines with contractors and suppliers",
        "lead|the delivery of the {project} on time and within budget",
        "define|scope, deliverables and acceptance criteria with the sponsor",
        "mitigate|project risks and keep contingency plans ready",
        "produce|weekly status reports for sponsors",
        "manage|procurement of equipment and services for the project",
        "organise|site cut-overs and go-live activities",
        "monitor|progress against the baseline and correct course",
        "secure|resources from functional managers",
        "handle|contract variations and invoices with the commercial team",
        "run|lessons-learned reviews at each phase and at project close",
        "ensure|compliance with health and safety requirements on site",
        "coordinate|testing, training and cut-over with the business",
        "manage|a portfolio of {n_projects} small projects at the same time",
        "set|up project governance, reporting cadence and the project board",
        "estimate|effort and cost for new work packages",
        "schedule|work with {tool} and keep the critical path visible",
        "communicate|progress to stakeholders at every level",
        "close|out the project with handover to operations",
        "drive|cross-functional programs across engineering, operations and finance",
        "own|the program schedule and milestones for the {area} launch",
        "align|engineering teams on dependencies, release plans and launch dates",
        "run|monthly program reviews with senior leadership",
        "manage|launch readiness and the go/no-go decision process",
        "coordinate|prototype builds with manufacturing partners",
        "define|program scope, success metrics and the governance model",
        "manage|the programme budget and report to donors and funders",
        "oversee|the delivery of projects run by partner organisations",
        "monitor|programme outcomes against the agreed logframe",
        "manage|subcontractors and review their progress on site",
        "run|owner, architect and contractor meetings",
        "review|RFIs, submittals and change orders",
        "keep|the master schedule current and report slippage early",
        "track|project costs, commitments and forecasts in the cost report",
        "lead|the migration of {area} to the new platform on an agreed timeline",
        "manage|project resources, timelines and deliverables for client engagements",
        "drive|execution of the roadmap's technical work across several engineering teams",
        "identify|cross-team risks early and drive them to closure",
        "prepare|executive status updates on program health",
    ],
    "scrum_master": [
        "facilitate|sprint planning, daily scrum, review and retrospective",
        "coach|the team in Scrum values and practices",
        "remove|impediments that slow the team down",
        "track|flow metrics such as cycle time and throughput",
        "help|the product owner keep the backlog healthy",
        "run|retrospectives that lead to real improvements",
        "coach|the organisation in agile ways of working",
        "protect|the team from interruptions during the sprint",
        "teach|Kanban practices and limit work in progress",
        "foster|self-organisation and psychological safety in the team",
        "facilitate|conflict resolution inside the team",
        "work|with other Scrum Masters on cross-team impediments",
        "guide|the team towards a clear definition of done",
        "introduce|practices that improve quality, such as pairing",
        "support|{n_teams} teams in their agile journey",
        "make|impediments visible and escalate them when needed",
        "coach|managers on how to support self-managing teams",
        "run|agile training sessions for new joiners",
        "facilitate|PI planning and scrum of scrums",
        "measure|team health and act on the results",
        "encourage|continuous improvement through experiments",
        "organise|communities of practice for Scrum Masters",
        "mentor|new Scrum Masters and agile coaches",
        "help|the team plan realistic sprints based on its velocity",
        "challenge|the team to inspect and adapt its process",
        "shield|the team from scope changes in the middle of a sprint",
        "coach|product owners on backlog management techniques",
        "visualise|work on team boards and keep them current",
        "facilitate|workshops that align teams on ways of working",
        "support|leadership in an agile transformation",
    ],
    "other": [
        "design|user flows, wireframes and high-fidelity prototypes",
        "write|SQL to build dashboards for the leadership team",
        "manage|a team of {n_reports} software engineers and their careers",
        "elicit|business requirements and document them as process models",
        "create|messaging and positioning for product launches",
        "build|sales enablement material and train the sales team",
        "analyse|funnel data and report weekly on conversion",
        "review|code and guide technical architecture decisions",
        "run|usability tests and turn findings into design changes",
        "prepare|month-end close and management accounts",
        "manage|key accounts and grow revenue in the territory",
        "deliver|technical demos and proofs of concept to prospects",
        "run|the employee onboarding programme across all offices",
        "prepare|permit applications and liaise with local authorities",
        "maintain|the design system and its documentation",
        "model|data flows between systems and write interface specifications",
        "plan|campaigns with demand generation and measure their results",
        "recruit|engineers and shape the hiring process",
        "develop|and test features in Python and TypeScript",
        "negotiate|with suppliers on price and delivery terms",
        "coordinate|the wellbeing programme and its events",
        "write|test plans and automate regression tests",
        "forecast|demand and plan stock for the category",
        "produce|weekly reporting on the sales pipeline",
        "onboard|new customers and lead quarterly business reviews",
        "map|as-is and to-be processes with the business",
        "manage|the office, suppliers and facilities budget",
        "draft|contracts and check regulatory compliance",
        "run|competitive analysis for the sales team",
        "support|customers by phone and email and resolve tickets",
        "build|data pipelines and keep them reliable",
        "train|machine learning models and put them into production",
        "maintain|CI/CD pipelines and cloud infrastructure",
        "investigate|production incidents and write post-mortems",
        "write|copy for the website, emails and product pages",
        "manage|social media channels and the content calendar",
        "reconcile|accounts and prepare VAT returns",
        "process|payroll and answer employee questions",
        "advise|business units on employment law",
        "audit|suppliers against quality standards",
        "operate|the production line and report downtime",
        "inspect|sites and sign off completed works",
        "prepare|drawings and calculations for structural designs",
        "teach|undergraduate modules and supervise research students",
        "handle|inbound sales enquiries and close deals",
        "configure|the CRM and build reports for sales managers",
        "plan|shifts and manage the warehouse team",
        "negotiate|renewals with enterprise customers",
        "conduct|user interviews and synthesise insights for designers",
        "own|the brand guidelines and review marketing assets",
        "source|candidates and run interviews with hiring managers",
        "monitor|security alerts and respond to threats",
        "write|technical documentation for the API",
        "design|experiments and analyse A/B test results for the growth team",
        "manage|the internal newsletter and the intranet",
        "deliver|training courses for sales staff",
        "build|financial models and support the annual budget",
        "answer|technical questions from prospects during the sales cycle",
    ],
}
# Scope duties that signal level, by role family.
LEVEL_DUTIES = {
    "junior": ["support|experienced colleagues with {task} under guidance",
               "take|meeting notes and follow up on actions for the team",
               "learn|our methods from a mentor in your first months",
               "assist|with {task} for one part of the {thing}",
               "update|trackers and documents as your manager asks",
               "shadow|the team lead in stakeholder meetings"],
    "mid": [],
    "senior": ["mentor|less experienced colleagues informally",
               "handle|the most complex {thing} in the portfolio",
               "own|several {thing}s at the same time",
               "advise|senior stakeholders on trade-offs and options"],
    "lead": ["lead|a team of {n_reports} {peers}",
             "set|the standards and practices for all {peers}",
             "coach|and review the work of {n_reports} {peers}",
             "coordinate|{n_teams} teams and align their work",
             "manage|a team of {n_reports} {peers} and support their growth",
             "hire|, coach and develop the {peers} in your team",
             "line-manage|{n_reports} direct reports",
             "lead|the {dept} practice across several teams"],
    "head": ["run|the {dept} department and its budget",
             "manage|the managers of the {peers} teams",
             "hire|and develop a department of {n_big} people",
             "set|the strategy of the {dept} function and report to the executive board",
             "build|and lead a function of {n_big} people across {n_teams} locations",
             "own|the operating model and budget of the {dept} function"],
}
PEERS = {"product_owner": ("product owners", "product ownership", "backlog"),
         "product_manager": ("product managers", "product", "product area"),
         "project_manager": ("project managers", "PMO", "project"),
         "scrum_master": ("Scrum Masters", "agile ways of working", "team"),
         "other": ("engineers", "engineering", "workstream")}
OTHER_PEERS = ["engineers", "analysts", "designers", "account managers", "marketers", "recruiters", "accountants",
               "data scientists", "support agents", "technicians"]
TASKS = {"product_owner": "backlog refinement", "product_manager": "customer research",
         "project_manager": "project planning and reporting", "scrum_master": "team ceremonies",
         "other": "day-to-day analysis"}

TITLES = {
    "product_owner": ["Product Owner", "Product Owner", "Technical Product Owner", "Digital Product Owner",
                      "Product Owner - {area}", "Scrum Product Owner", "IT Product Owner", "PO"],
    "product_manager": ["Product Manager", "Product Manager", "Technical Product Manager", "Product Manager, {area}",
                        "Digital Product Manager", "Growth Product Manager", "Product Lead"],
    "project_manager": ["Project Manager", "Project Manager", "IT Project Manager", "Programme Manager",
                        "Technical Program Manager", "Delivery Manager", "Construction Project Manager",
                        "Project Manager - {area}", "Program Manager", "Program Manager, {area}",
                        "Engineering Program Manager", "Project Coordinator", "Project Management Officer",
                        "PMO Analyst", "Technical Project Manager", "Implementation Project Manager",
                        "Solar Project Manager", "Programme Manager - {area}"],
    "scrum_master": ["Scrum Master", "Scrum Master", "Agile Coach", "Scrum Master / Agile Coach",
                     "Agile Team Coach", "Scrum Master ({area})"],
    "other": ["Business Analyst", "Product Marketing Manager", "Product Designer", "Engineering Manager",
              "Data Analyst", "Product Analyst", "Account Manager", "Operations Manager", "Sales Engineer",
              "Programme Coordinator, People", "Permit Coordinator", "Software Engineer", "QA Engineer",
              "Management Accountant", "Customer Success Manager", "UX Researcher", "Solutions Architect",
              "Category Manager", "Internal Communications Manager", "Learning Program Manager",
              "Data Engineer", "Data Scientist", "DevOps Engineer", "Frontend Developer", "Marketing Manager",
              "Content Designer", "HR Business Partner", "Recruiter", "Financial Analyst", "Site Engineer",
              "Structural Engineer", "Quality Manager", "Security Analyst", "Technical Writer", "Office Manager",
              "Supply Chain Planner", "Growth Marketing Manager", "Brand Manager", "Sales Manager",
              "Customer Support Specialist", "Legal Counsel", "Payroll Specialist", "Research Scientist",
              "Lecturer in Computing", "Production Supervisor", "Implementation Specialist", "IT Support Engineer",
              "Product Operations Manager", "Partnerships Manager", "Business Development Manager"],
}
# Titles that claim a target role while the duties are another job.
MISLEADING_TITLES = {
    "product_owner": ["Product Manager", "Business Analyst", "Project Manager - Digital", "Product Lead",
                      "Technical Product Manager", "Product Specialist"],
    "product_manager": ["Product Owner", "Senior Product Owner", "Business Lead", "Offering Manager",
                        "Project Manager - Product", "Innovation Manager"],
    "project_manager": ["Product Owner", "IT Product Manager", "Scrum Master", "Implementation Consultant",
                        "Agile Delivery Lead", "Operations Manager"],
    "scrum_master": ["Project Manager", "Agile Project Manager", "Delivery Lead", "Team Facilitator",
                     "Iteration Manager", "Product Owner / Scrum Master"],
    "other": ["Product Manager", "Project Manager", "Product Owner", "Scrum Master", "Product Lead",
              "Product Specialist", "Wellbeing Program Manager"],
}
LEVEL_WORDS = {"junior": ["Junior", "Associate", "Graduate", "Jr.", "Trainee"], "mid": [""],
               "senior": ["Senior", "Sr.", "{t} II", "Senior"], "lead": ["Lead", "Principal", "Staff", "Group"],
               "head": ["Head of {p}", "Director of {p}", "VP, {p}", "Director, {p}"]}
HEAD_WORD = {"product_owner": "Product Ownership", "product_manager": "Product", "project_manager": "PMO",
             "scrum_master": "Agile Ways of Working", "other": "Operations"}
YEARS = {"junior": (0, 1), "mid": (2, 4), "senior": (5, 7), "lead": (7, 12), "head": (10, 15)}
# How often a posting of each level states no years at all.
NO_YEARS = {"junior": 0.5, "mid": 0.55, "senior": 0.2, "lead": 0.45, "head": 0.6}
# How often the title of each level carries a level word at all.
TITLE_LEVEL_WORD = {"junior": 0.6, "mid": 1.0, "senior": 0.5, "lead": 0.55, "head": 0.9}

# --- context fragments ---
INDUSTRIES = {
    "banking": ("retail bank", ["current accounts", "mortgage origination", "card payments", "savings app"]),
    "insurance": ("insurer", ["claims handling", "policy administration", "broker portal", "pet insurance"]),
    "retail": ("retailer", ["store replenishment", "loyalty programme", "click-and-collect", "point of sale"]),
    "e-commerce": ("online marketplace", ["checkout", "seller onboarding", "search and discovery", "returns"]),
    "healthcare": ("hospital group", ["patient records", "appointment booking", "lab results", "telehealth"]),
    "pharma": ("pharmaceutical company", ["clinical trial platform", "drug safety reporting", "lab systems"]),
    "government": ("public agency", ["benefits applications", "licence renewals", "tax filing", "case management"]),
    "construction": ("contractor", ["hospital extension", "school rebuild", "rail depot", "office fit-out"]),
    "energy": ("energy company", ["solar farm", "smart meter rollout", "grid connection", "wind farm"]),
    "telecoms": ("telecoms operator", ["5G rollout", "fibre network", "billing platform", "prepaid app"]),
    "logistics": ("logistics group", ["warehouse management system", "route planning", "parcel tracking"]),
    "automotive": ("car maker", ["connected car app", "dealer portal", "battery plant", "infotainment"]),
    "gaming": ("game studio", ["live-ops tools", "player accounts", "in-game store", "matchmaking"]),
    "media": ("broadcaster", ["streaming app", "content management", "ad platform", "subscriptions"]),
    "education": ("university", ["student portal", "learning platform", "admissions system", "timetabling"]),
    "saas": ("software company", ["billing API", "analytics dashboard", "workflow engine", "admin console"]),
    "manufacturing": ("manufacturer", ["MES rollout", "new production line", "quality system", "ERP upgrade"]),
    "travel": ("travel company", ["booking engine", "loyalty scheme", "airport kiosks", "mobile check-in"]),
    "agriculture": ("agritech firm", ["farm management app", "grain logistics", "irrigation sensors"]),
    "nonprofit": ("charity", ["donor platform", "volunteer app", "grant management", "fundraising CRM"]),
}
COUNTRIES = {
    "US": (["Austin, TX", "Chicago, IL", "Denver, CO", "Atlanta, GA", "Seattle, WA"], "us", "$", (70, 210)),
    "UK": (["London", "Manchester", "Leeds", "Bristol", "Edinburgh"], "uk", "£", (35, 140)),
    "Ireland": (["Dublin", "Cork", "Galway"], "uk", "€", (45, 150)),
    "Australia": (["Sydney", "Melbourne", "Brisbane", "Perth"], "uk", "A$", (90, 230)),
    "New Zealand": (["Auckland", "Wellington"], "uk", "NZ$", (80, 190)),
    "Canada": (["Toronto, ON", "Vancouver, BC", "Montreal, QC"], "us", "C$", (70, 190)),
    "India": (["Bengaluru", "Pune", "Hyderabad", "Gurugram"], "uk", "INR ", (900, 6000)),
    "Germany": (["Berlin", "Munich", "Hamburg"], "uk", "€", (55, 140)),
    "Netherlands": (["Amsterdam", "Rotterdam", "Utrecht"], "uk", "€", (50, 130)),
    "Singapore": (["Singapore"], "uk", "S$", (70, 220)),
    "South Africa": (["Johannesburg", "Cape Town", "Pretoria"], "uk", "R", (500, 1800)),
    "Poland": (["Warsaw", "Krakow", "Wroclaw"], "uk", "PLN ", (120, 420)),
    "UAE": (["Dubai", "Abu Dhabi"], "uk", "AED ", (200, 700)),
}
UK_SPELLING = {"organize": "organise", "prioritize": "prioritise", "program ": "programme ", "behavior": "behaviour",
               "center": "centre", "color": "colour", "analyze": "analyse", "optimize": "optimise",
               "maximize": "maximise", "favorite": "favourite", "synthesize": "synthesise"}
NAME_A = ["North", "Blue", "Harbor", "Lark", "Copper", "Silver", "Kestrel", "Maple", "Granite", "Tidal", "Bright",
          "Orchard", "Summit", "Falcon", "Juniper", "Atlas", "Meridian", "Willow", "Iron", "Coral", "Aster", "Beacon"]
NAME_B = ["gate", "stone", "field", "line", "works", "wave", "bridge", "point", "leaf", "peak", "path", "ridge",
          " Labs", " Group", " Systems", " Health", " Mutual", " Digital", " Partners", " & Co"]
BLURB = [
    "{name} is a {kind} based in {city} with {staff} people.",
    "Founded in {year}, {name} serves {customers} customers across {region}.",
    "We are {name}, a {kind} on a mission to make {domain} simpler for everyone.",
    "At {name} we have spent {age} years building {domain} that people actually like to use.",
    "{name} is growing fast: revenue doubled last year and we opened offices in {city2}.",
    "Our teams work hybrid, with two days a week in our {city} office.",
    "We are backed by long-term investors and have been profitable since {year2}.",
    "{name} was named one of the best places to work in {region} in {year2}.",
    "Our {staff} colleagues speak more than {langs} languages between them.",
    "We believe the best work happens when people are trusted and given room to think.",
    "As a {kind}, we care about doing the basics well, every day.",
    "{name} is part of a group of companies with a combined turnover of {money}.",
    "We are in the middle of a multi-year transformation of our {domain} estate.",
    "Sustainability is at the heart of how {name} operates, and we publish our emissions every year.",
    "Our customers range from small family businesses to some of the largest organisations in {region}.",
    "Over the last three years we have invested heavily in modern tooling, cloud platforms and data.",
    "Every new joiner gets a buddy, a clear first-90-days plan and time to meet people across the business.",
    "We run quarterly hack days where anyone can pitch an idea and build it with a small team.",
    "The {domain} team is a mix of long-serving experts and people who joined in the last year.",
    "We were one of the first {kind}s in {region} to publish our gender pay gap and the plan to close it.",
    "Our values are simple: be honest, be curious, and look after each other.",
    "Most of our leadership team started in junior roles here, and we are proud of that.",
    "We serve customers in {langs} countries from hubs in {city} and {city2}.",
    "In {year2} we merged with a smaller rival, and we are still bringing the two ways of working together.",
    "We are regulated, which means we take risk, security and compliance seriously in everything we do.",
    "Our office sits a short walk from the station, with bike storage, showers and quiet rooms.",
    "Last year our teams shipped more than {staff} changes to production and our customer satisfaction rose again.",
    "We partner with local schools and universities to bring more young people into {industry}.",
]
ROLE_INTRO = [
    "We are looking for a {title} to join our {domain} team.",
    "This is a {contract} role based in {city}.",
    "You will report to the {boss} and work closely with {stakeholders}.",
    "The {title} sits in our {dept} team of {team_size}.",
    "This role exists because our {domain} work has grown beyond what one team can handle.",
    "We need someone who can bring calm and structure to a busy environment.",
]
BENEFITS = [
    "{holidays} days of annual leave plus public holidays", "a pension with {pension}% employer contribution",
    "private medical insurance for you and your family", "a learning budget of {cur}{learn} a year",
    "hybrid working with a monthly home-office allowance", "an annual bonus of up to {bonus}%",
    "enhanced parental leave", "an employee share scheme", "a cycle-to-work scheme", "free lunch on office days",
    "dental and vision coverage", "life insurance at four times salary", "two volunteering days a year",
    "a company laptop and the kit you need", "wellbeing days on top of your leave", "gym membership discounts",
    "an employee assistance programme", "flexible hours around school runs", "a 401(k) with company match",
    "paid sabbatical after five years", "subsidised public transport", "mental health support through an app",
    "relocation support where needed", "birthday off", "regular team offsites", "four-day week trial in summer",
]
LEGAL = [
    "{name} is an equal opportunity employer.",
    "We welcome applications from people of every background, gender identity, age, religion, disability and sexual orientation.",
    "We judge candidates on what they can do for this job and nothing else: not on race, colour, faith, sex, origin, disability or military service.",
    "If you need adjustments during the recruitment process, please tell us and we will make them.",
    "We will process your personal data in line with our candidate privacy notice.",
    "Candidates must have the right to work in {country}; we are unable to sponsor visas for this role.",
    "Offers are subject to background and reference checks.",
    "We do not accept unsolicited CVs from recruitment agencies.",
    "This employer participates in E-Verify.",
    "We are committed to building a diverse team and strongly encourage applications from under-represented groups.",
    "Reasonable accommodations are available on request for candidates taking part in all aspects of the selection process.",
    "By applying you confirm that the information you provide is accurate.",
]
APPLY = [
    "Send your CV and a short note on why this role interests you.", "Apply through our careers page.",
    "Applications close on {date}.", "Interviews will be held on a rolling basis.",
    "Our process: a 30-minute call, a case study and a final conversation with the team.",
    "Questions? Write to our talent team.", "We aim to reply to every applicant within two weeks.",
]
REQS = {
    "product_owner": ["Experience as a Product Owner in agile teams", "CSPO or PSPO certification is a plus",
                      "Comfort with {tool} and writing clear user stories", "Understanding of Scrum and Kanban"],
    "product_manager": ["Experience in product management in B2B or B2C", "Strong commercial and analytical skills",
                        "A track record of launching products customers love", "Comfort with data and experiments"],
    "project_manager": ["PMP or PRINCE2 certification", "Experience managing budgets above {cur}{budget}",
                        "Strong planning skills in {tool}", "Knowledge of contract and vendor management"],
    "scrum_master": ["PSM I, PSM II or CSM certification", "Experience with Scrum, Kanban and SAFe",
                     "Strong facilitation and coaching skills", "Knowledge of flow metrics"],
    "other": ["A degree in a relevant field", "Strong communication skills", "Experience with {tool}",
              "Attention to detail"],
}
GENERIC_REQS = [
    "Excellent written and spoken English", "Comfort working with people at every level",
    "A bachelor's degree or equivalent experience", "Good judgement when information is incomplete",
    "Experience in {industry} is a plus", "You are organised and follow through on what you promise",
    "Confidence presenting to senior audiences", "Experience working with remote teams across time zones",
    "Familiarity with {tool}", "A calm approach under pressure", "Curiosity and a willingness to learn",
    "Strong stakeholder management skills", "Comfort with numbers and spreadsheets",
]
TOOLS = ["Jira", "Azure DevOps", "Confluence", "MS Project", "Smartsheet", "Asana", "Monday.com", "Primavera P6",
         "Figma", "Tableau", "Power BI", "Looker", "Aha!", "Productboard", "Trello", "Linear"]
STAKEHOLDERS = ["the business", "our customers", "operations", "the clinical teams", "marketing and sales",
                "the finance team", "store managers", "the underwriting team", "partner banks", "the regulators"]
HEADINGS = {
    "company": ["About us", "About {name}", "Who we are", "ABOUT THE COMPANY", "Our story", "The company"],
    "intro": ["The role", "About the role", "Role overview", "The opportunity", "Position summary", "Job summary"],
    "duties": ["Responsibilities", "Key Responsibilities", "What you'll do", "What you will do", "Your role",
               "Day to day", "Your mission", "Duties", "Key accountabilities", "Your responsibilities",
               "In this role you will", "What you'll be doing", "Your impact", "Main duties"],
    "reqs": ["Requirements", "What you'll bring", "Who you are", "Qualifications", "About you", "Skills & experience",
             "What we're looking for", "You have", "Must have"],
    "benefits": ["Benefits", "What we offer", "Perks", "Why join us", "Compensation & benefits", "What's in it for you"],
    "legal": ["Equal opportunity", "Diversity & inclusion", "Our commitment", "Legal", "EEO statement"],
    "apply": ["How to apply", "Next steps", "Interested?", "Application process"],
}
BULLETS = ["•", "-", "*", "–", "▪", "✔", "✅", "👉", "🔹", "·"]
GERUND_DOUBLE = {"run", "plan", "set", "map", "split", "shop", "stop", "chat"}


def gerund(verb: str) -> str:
    if verb in GERUND_DOUBLE:
        return verb + verb[-1] + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


def third(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


class Composer:
    """Build one posting at a time from the banks, with a seeded random generator."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def pick(self, seq, k=None):
        return self.r.choice(seq) if k is None else self.r.sample(seq, min(k, len(seq)))

    def fill(self, text: str, ctx: dict) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(ctx.get(m.group(1), m.group(0))), text)

    def context(self, role: str, level: str) -> dict:
        industry = self.pick(list(INDUSTRIES))
        kind, areas = INDUSTRIES[industry]
        country = self.pick(list(COUNTRIES))
        cities, spelling, cur, (lo, hi) = COUNTRIES[country]
        name = self.pick(NAME_A) + self.pick(NAME_B)
        area = self.pick(areas)
        r = self.r
        peers, dept, thing = PEERS[role]
        if role == "other":
            peers = self.pick(OTHER_PEERS)
            dept = peers.rstrip("s")
        return {
            "industry": industry, "kind": kind, "country": country, "city": self.pick(cities),
            "city2": self.pick(cities), "spelling": spelling, "cur": cur, "name": name, "area": area.title(),
            "product": f"our {area}", "project": f"{area} project", "domain": area, "region": country,
            "staff": r.choice([40, 120, 300, 850, 2000, 12000]), "year": r.randint(1890, 2019),
            "year2": r.randint(2016, 2025), "customers": r.choice(["4,000", "2 million", "600", "90,000"]),
            "age": r.randint(5, 60), "langs": r.randint(5, 30), "money": f"{cur}{r.randint(1, 40)}bn",
            "stakeholders": self.pick(STAKEHOLDERS), "tool": self.pick(TOOLS), "n_teams": r.choice(["one", "two", "three"]),
            "n_projects": r.randint(3, 8), "n_reports": r.randint(3, 9), "n_big": r.randint(25, 120),
            "peers": peers, "dept": dept, "thing": thing, "task": TASKS[role],
            "contract": r.choice(["permanent", "full-time", "12-month fixed-term", "contract", "hybrid"]),
            "boss": r.choice(["Head of Digital", "CTO", "Programme Director", "VP Product", "COO",
                              "Delivery Lead", "Head of Engineering", "Chief Operating Officer"]),
            "team_size": r.randint(4, 40), "holidays": r.randint(20, 33), "pension": r.randint(3, 10),
            "learn": r.choice([500, 1000, 1500, 2000]), "bonus": r.choice([5, 10, 15, 20]),
            "budget": r.choice(["500k", "1m", "5m", "20m"]), "date": f"{r.randint(1, 28)} {self.pick(['March', 'June', 'September', 'December'])}",
            "salary": (lo, hi),
        }

    # ---- duty phrasing ----
    def phrase(self, duty: str, ctx: dict, form: str) -> str:
        verb, rest = duty.split("|")
        rest = self.fill(rest, ctx)
        if form == "gerund":
            return f"{gerund(verb).capitalize()} {rest}"
        if form == "third":
            return f"{third(verb).capitalize()} {rest}"
        if form == "lower":
            return f"{verb} {rest}"
        return f"{verb.capitalize()} {rest}"

    def duties(self, role: str, level: str, mislead_mix: bool, bloated: bool = False) -> list[str]:
        n = self.r.randint(5, 12) + (8 if bloated else 0)
        main = self.pick(DUTIES[role], n)
        extra = []
        scope = LEVEL_DUTIES[level]
        if scope:
            extra += self.pick(scope, self.r.randint(1, 2))
        if mislead_mix or self.r.random() < 0.25:  # a minority of another role's duties
            other = self.pick([x for x in ROLES if x != role])
            extra += self.pick(DUTIES[other], self.r.randint(1, max(1, n // 3)))
        items = main + extra
        self.r.shuffle(items)
        return items

    # ---- title ----
    def title(self, role: str, level: str, mislead: str, ctx: dict) -> tuple[str, str]:
        shown_level = level
        if mislead in ("seniority", "both"):
            shown_level = {"junior": "senior", "mid": "lead", "senior": "lead", "lead": "head", "head": "senior"}[level]
        base = self.pick(MISLEADING_TITLES[role]) if mislead in ("role", "both") else self.pick(TITLES[role])
        base = self.fill(base, ctx)
        word = self.pick(LEVEL_WORDS[shown_level])
        if mislead not in ("seniority", "both") and self.r.random() > TITLE_LEVEL_WORD[shown_level]:
            word = ""
        if shown_level == "head":
            title = word.replace("{p}", HEAD_WORD[role] if mislead not in ("role", "both") else base + "s")
        elif "{t}" in word:
            title = word.replace("{t}", base)
        elif word:
            title = f"{word} {base}"
        else:
            title = base
        if self.r.random() < 0.15:
            title += self.pick([f" - {ctx['city']}", " (m/f/d)", f" | {ctx['contract'].title()}", f" - REQ{self.r.randint(1000, 99999)}",
                                " (Hybrid)", f", {ctx['area']}"])
        if self.r.random() < 0.05:
            title = title.upper()
        return title, shown_level

    def years_line(self, level: str, shown_level: str, mislead: str) -> str | None:
        if self.r.random() < NO_YEARS[level] and mislead not in ("seniority", "both"):
            return None
        lo, hi = YEARS[level]
        if level == "junior":
            return self.pick(["No previous experience needed; we will train you", "A first internship or placement is enough",
                              "0-2 years of experience", "Up to one year of experience", "1 year of relevant experience",
                              "A recent degree or 1 year in a similar role"])
        n = self.r.randint(lo, hi)
        return self.pick([f"{n}+ years of experience in a similar role", f"At least {n} years of relevant experience",
                          f"{n}-{n + 1} years of experience", f"Minimum {n} years' experience",
                          f"{n} or more years in a comparable position"])

    # ---- layout ----
    def render(self, layout: str, parts: dict, ctx: dict) -> str:
        r = self.r
        out = []
        H = lambda key: self.fill(self.pick(HEADINGS[key]), ctx)  # noqa: E731
        bullet = self.pick(BULLETS)
        duties = parts["duties"]
        form = self.pick(["imp", "imp", "imp", "gerund", "third"])
        marked = [f"⟦{self.phrase(d, ctx, form)}⟧" for d in duties]

        def bl(items, numbered=False):
            return "\n".join((f"{i + 1}{r.choice(['.', ')'])} " if numbered else f"{bullet} ") + x for i, x in enumerate(items))

        if layout == "terse":
            d = [f"⟦{self.phrase(x, ctx, 'lower')}⟧" for x in duties[:3]]
            text = (f"{parts['title_line']}. {ctx['name']} ({ctx['city']}) is hiring. {parts['blurb'][0]} "
                    f"You will {d[0]}, {d[1]} and {d[2]}. {parts['reqs'][0]}. {parts['reqs'][-1]}. "
                    f"We offer {parts['benefits'][0]} and {parts['benefits'][1]}. {parts['salary']}. "
                    f"{self.fill(self.pick(APPLY), ctx)}")
            return text
        if layout == "prose":
            lines = [" ".join(parts["blurb"]), " ".join(parts["intro"])]
            d = [f"⟦{self.phrase(x, ctx, 'lower')}⟧" for x in duties]
            chunks = [d[i:i + r.randint(2, 3)] for i in range(0, len(d), 3)]
            sents = []
            for j, ch in enumerate(chunks):
                lead_in = self.pick(["In this role you will", "You will", "Day to day, you will", "You'll also",
                                     "You will be responsible for helping to", "Your job is to"]) if j else "In this role you will"
                sents.append(f"{lead_in} {', '.join(ch[:-1]) + ' and ' if len(ch) > 1 else ''}{ch[-1]}.")
            lines.append(" ".join(sents))
            lines.append("We are looking for someone with " + "; ".join(x.lower() for x in parts["reqs"]) + ".")
            lines.append(f"We offer {', '.join(parts['benefits'])}. {parts['salary']}.")
            lines.append(" ".join(parts["legal"]))
            return "\n\n".join(x for x in lines if x.strip())
        if layout == "scraped":
            segs = [parts["title_line"], " ".join(parts["blurb"]), H("duties"), "".join(marked).replace("⟧⟦", "⟧⟦"),
                    H("reqs"), " ".join(x + "." for x in parts["reqs"]), H("benefits"),
                    " ".join(b.capitalize() + "." for b in parts["benefits"]), " ".join(parts["legal"])]
            return "".join(s for s in segs if s)
        if layout == "html":
            h = self.pick(["h2", "h3", "h4", "strong"])
            wrap = (lambda t: f"<p><strong>{t}</strong></p>") if h == "strong" else (lambda t: f"<{h}>{t}</{h}>")
            html = [f"<p>{' '.join(parts['blurb'])}</p>", f"<p>{' '.join(parts['intro'])}</p>", wrap(H("duties")),
                    "<ul>" + "".join(f"<li>{m}</li>" for m in marked) + "</ul>", wrap(H("reqs")),
                    "<ul>" + "".join(f"<li>{x}</li>" for x in parts["reqs"]) + "</ul>", wrap(H("benefits")),
                    "<ul>" + "".join(f"<li>{b.capitalize()}</li>" for b in parts["benefits"]) + "</ul>",
                    f"<p>{parts['salary']}</p>", f"<p><em>{' '.join(parts['legal'])}</em></p>"]
            return ("\n" if r.random() < 0.5 else "").join(html).replace("&", "&amp;").replace("&amp;amp;", "&amp;")
        md = layout == "markdown"
        head = (lambda t: f"## {t}") if md else (lambda t: r.choice([t, t + ":", t.upper()]))  # noqa: E731
        if r.random() < 0.6:
            out.append(("# " if md else "") + parts["title_line"])
        if parts["blurb"]:
            out.append(head(H("company")) + "\n" + " ".join(parts["blurb"]))
        if parts["intro"]:
            out.append(head(H("intro")) + "\n" + " ".join(parts["intro"]))
        out.append(head(H("duties")) + "\n" + bl(marked, numbered=layout == "numbered"))
        out.append(head(H("reqs")) + "\n" + bl(parts["reqs"]))
        out.append(head(H("benefits")) + "\n" + bl([b[0].upper() + b[1:] for b in parts["benefits"]]) + f"\n\n{parts['salary']}")
        if parts["legal"]:
            out.append(head(H("legal")) + "\n" + " ".join(parts["legal"]))
        if r.random() < 0.5:
            out.append(head(H("apply")) + "\n" + " ".join(self.fill(x, ctx) for x in self.pick(APPLY, 2)))
        return "\n\n".join(out)

    def posting(self, i: int, role: str, level: str) -> str:
        r = self.r
        ctx = self.context(role, level)
        mislead = r.choices(["none", "role", "seniority", "both"], [69, 20, 8, 3])[0]
        usable = r.random() >= 0.06
        layout = r.choices(["bullets", "numbered", "prose", "markdown", "html", "scraped", "terse"],
                           [30, 8, 16, 14, 14, 8, 10])[0]
        bloated = r.random() < 0.12
        title, shown_level = self.title(role, level, mislead, ctx)
        ctx["title"] = title
        lo, hi = ctx["salary"]
        sal_lo = r.randint(lo, hi)
        parts = {
            "title_line": title,
            "blurb": [self.fill(x, ctx) for x in self.pick(BLURB, r.randint(2, 6) + (22 if bloated else 0))],
            "intro": [self.fill(x, ctx) for x in self.pick(ROLE_INTRO, r.randint(1, 4))],
            "duties": self.duties(role, level, mislead in ("role", "both") and r.random() < 0.5, bloated),
            "reqs": [y for y in [self.years_line(level, shown_level, mislead)] if y]
                    + [self.fill(x, ctx) for x in self.pick(REQS[role] + GENERIC_REQS, r.randint(2, 6))],
            "benefits": [self.fill(x, ctx) for x in self.pick(BENEFITS, r.randint(3, 9) + (20 if bloated else 0))],
            "legal": [self.fill(x, ctx) for x in self.pick(LEGAL, r.randint(1, 5) + (12 if bloated else 0))],
            "salary": f"Salary: {ctx['cur']}{sal_lo}k-{ctx['cur']}{sal_lo + r.randint(5, 30)}k",
        }
        if level == "head":
            parts["reqs"].append(self.pick(["Experience managing managers", "A record of building and running a department",
                                            "Experience leading a function of 30+ people"]))
        if level == "lead":
            parts["reqs"].append(self.pick(["Experience leading a small team", "Experience leading practitioners across teams"]))
        if not usable:
            parts["duties"] = []
            layout = self.pick(["bullets", "prose", "markdown"])
        text = self.render(layout, parts, ctx) if parts["duties"] else self.render_unusable(parts, ctx)
        if ctx["spelling"] == "uk":
            for us, uk in UK_SPELLING.items():
                text = text.replace(us, uk)
        header = [
            "=== posting ===", f"id: gen-{i:04d}", f"title: {title if r.random() > 0.05 else ''}",
            f"role: {role}", f"seniority: {level}", f"usable: {'true' if usable else 'false'}",
            f"misleading: {mislead}", f"industry: {ctx['industry']}", f"country: {ctx['country']}",
            f"layout: {layout if usable else 'unusable'}", "---",
        ]
        return "\n".join(header) + "\n" + text + "\n"

    def render_unusable(self, parts: dict, ctx: dict) -> str:
        return "\n\n".join([parts["title_line"], " ".join(parts["blurb"]), " ".join(parts["intro"]),
                            "Benefits\n" + "\n".join(f"- {b}" for b in parts["benefits"]), parts["salary"],
                            " ".join(parts["legal"]), self.fill(self.pick(APPLY), ctx)])


# Share of each role wanted in the whole corpus (hand-written and composed together).
TARGET_SHARE = {"product_owner": 0.18, "product_manager": 0.19, "project_manager": 0.2, "scrum_master": 0.17, "other": 0.26}


def balance_weights(n_composed: int) -> dict[str, float]:
    """Role weights for the composer that bring the hand-written postings plus composed ones to TARGET_SHARE."""
    written = {r: 0 for r in ROLES}
    for path in OUT.glob("*.txt"):
        if not path.name.startswith("gen-"):
            for m in re.finditer(r"^role: *(\w+)", path.read_text(encoding="utf-8"), re.MULTILINE):
                written[m.group(1)] = written.get(m.group(1), 0) + 1
    total = n_composed + sum(written.values())
    need = {r: max(0.0, TARGET_SHARE[r] * total - written[r]) for r in ROLES}
    return {r: need[r] / sum(need.values()) for r in ROLES}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    comp = Composer(args.seed)
    role_weights = balance_weights(args.n)
    postings = []
    for i in range(args.n):
        role = comp.r.choices(list(role_weights), list(role_weights.values()))[0]
        level = LEVELS[i % len(LEVELS)]
        postings.append(comp.posting(i, role, level))
    for old in OUT.glob("gen-*.txt"):
        old.unlink()
    per_file = 100
    for k in range(0, len(postings), per_file):
        (OUT / f"gen-{k // per_file + 1:02d}.txt").write_text("".join(postings[k:k + per_file]), encoding="utf-8")
    print(f"{len(postings)} postings written to {OUT}/gen-*.txt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
