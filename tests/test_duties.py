"""The duty finder on every layout the issue names."""
import spacy

from classifier.duties import find_duties, normalize
from classifier.read import html_to_text
from classifier.sections import segment


def duties(text):
    return [text[d.start:d.end] for d in find_duties(text)]


def test_bullets_of_every_kind():
    text = ("Responsibilities\n• Own the backlog\n- Write user stories\n* Run sprint reviews\n"
            "1. Accept increments\n2) Talk to stakeholders daily\n🚀 Facilitate refinement\n✅ Drive discovery\n")
    assert duties(text) == ["Own the backlog", "Write user stories", "Run sprint reviews", "Accept increments",
                            "Talk to stakeholders daily", "Facilitate refinement", "Drive discovery"]


def test_headings_with_and_without_colons_and_markdown():
    for heading in ("What you'll do:", "## Your role", "**Key Responsibilities**", "THE JOB", "Day to day"):
        text = f"{heading}\n- Plan the project schedule\n\nRequirements:\n- 5 years of experience\n"
        assert duties(text) == ["Plan the project schedule"], heading


def test_requirements_and_boilerplate_are_not_duties():
    text = ("About us\nWe build bridges. Manage your own time!\n\nRequirements\n- Manage budgets for 5 years\n"
            "Benefits\n- Drive a company car\n\nResponsibilities\n- 5+ years of experience\n- Own the roadmap\n")
    assert duties(text) == ["Own the roadmap"]


def test_prose_clauses_drop_filler():
    text = "In this role you will own the roadmap and run discovery with customers. We are nine people."
    assert duties(text) == ["own the roadmap", "run discovery with customers"]


def test_scraped_headings_run_into_sentences():
    text = ("Acme has sold tools for 20 years.ResponsibilitiesOwn the backlogWrite user storiesRun sprint reviews"
            "RequirementsFive years in PowerPoint and JavaScript.")
    assert duties(text) == ["Own the backlog", "Write user stories", "Run sprint reviews"]


def test_html_list_after_conversion():
    text = html_to_text("<h3>Your responsibilities</h3><ul><li>Coordinate vendors</li><li>Track the budget</li></ul>")
    assert duties(text) == ["Coordinate vendors", "Track the budget"]


def test_imperatives_a_tagger_gets_wrong():
    text = "Duties\nOwn product quality\nDrive alignment across squads\nFacilitate retrospectives\n"
    assert duties(text) == ["Own product quality", "Drive alignment across squads", "Facilitate retrospectives"]


def test_normalized_form():
    assert normalize("You will be responsible for managing the schedules") == "manage the schedule"
    assert normalize("• The ability to write user stories") == "write user story"


def test_sections_labeled():
    labels = {b.section for b in segment("About us\nx\nWhat we offer\ny\nEqual opportunity\nz\nHow to apply\nw\n")}
    assert {"company", "benefits", "legal", "apply"} <= labels


def test_spacy_factories_from_entry_point():
    nlp = spacy.blank("en")
    nlp.add_pipe("rolecheck_sections")
    nlp.add_pipe("rolecheck_duties")
    doc = nlp("About us\nWe are big.\nWhat you'll do\n- Own the backlog\n- Facilitate sprint reviews\n")
    assert [(s.text, s.label_) for s in doc.spans["duties"]] == [
        ("Own the backlog", "responsibilities"), ("Facilitate sprint reviews", "responsibilities")]
    assert [s._.normalized for s in doc.spans["duties"]] == ["own the backlog", "facilitate sprint review"]
    assert "company" in {s.label_ for s in doc.spans["sections"]}


def test_duty_heading_words_win_and_work_area_subheadings_keep_the_section():
    text = ("Essential Responsibilities (Level II)\nFacilitates sprint planning and reviews.\n"
            "Backlog & Requirements Management\nMaintain an ordered backlog for the team.\n"
            "Acceptance Criteria & Validation\nAgree acceptance criteria with testers.\n")
    assert duties(text) == ["Facilitates sprint planning and reviews", "Maintain an ordered backlog for the team",
                            "Agree acceptance criteria with testers"]


def test_skill_line_with_parenthesis_is_not_a_heading():
    text = "Kanban (nice to have)\nResponsibilities\n- Coach the team on flow metrics\n"
    kinds = [(b.kind, text[b.start:b.end]) for b in segment(text)]
    assert kinds[0] == ("text", "Kanban (nice to have)")
    assert duties(text) == ["Coach the team on flow metrics"]


def test_lead_in_and_capitals_open_a_list_after_company_text():
    text = ("About us\nWe build ferry software for island towns.\n"
            "As the delivery lead for the crossings team, you will:\n- Plan each release with the harbour board\n"
            "WHAT YOU GET\n- Free crossings\n"
            "ABOUT THE FLEET\nWe run nine boats.\nHOW WE WORK\n- Run the weekly demo for skippers\n")
    assert duties(text) == ["Plan each release with the harbour board", "Run the weekly demo for skippers"]


def test_reporting_lines_and_experience_asks_are_not_duties():
    text = ("Responsibilities\n- Report to the Head of Delivery\n- Report status to the steering group\n"
            "In this role you bring at least five years of experience as a scrum master.\n"
            "Salary £60k plus bonus\n")
    assert duties(text) == ["Report status to the steering group"]
