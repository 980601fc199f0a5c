"""Split a posting's text into blocks (headings, bullet items, text lines) and label sections.

Pure text functions with character offsets; the spaCy components in ``nlp_components``
wrap them. Headings are found with or without colons or Markdown marks, in capitals, and
inside scraped text where a heading runs into the next sentence ("...20 years.Responsibilities
Own the backlog..."). Bullet items glued together by scraping ("Own the backlogWrite user
stories") are split where a known duty verb starts after a lower-case letter.
"""
from __future__ import annotations

import re
from functools import lru_cache
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from .lexicon import is_duty_verb

SECTIONS = ("responsibilities", "requirements", "company", "benefits", "legal", "apply", "other")

_HEADINGS: dict[str, tuple[str, ...]] = {
    "legal": (r"equal (employment )?opportunit", r"\beeo\b", r"diversity", r"inclusion", r"accommodation",
              r"privacy", r"disclaimer", r"e-verify", r"affirmative action", r"data protection",
              r"non-?discrimination", r"legal", r"right to work", r"our commitment"),
    "apply": (r"how to apply", r"^apply\b", r"application", r"next steps", r"interview process",
              r"hiring process", r"recruitment process", r"^to apply", r"ready to apply", r"interested\?"),
    "benefits": (r"benefit", r"perks", r"what we offer", r"we offer", r"compensation", r"salary", r"^pay\b",
                 r"package", r"why you.ll love", r"rewards?\b", r"in it for you", r"what you.ll get",
                 r"what you get", r"our offer", r"why work", r"why join"),
    "requirements": (r"requirement", r"qualification", r"what you.ll bring", r"what you bring",
                     r"who you are", r"about you", r"skills", r"experience", r"must.have", r"nice.to.have",
                     r"preferred", r"essential", r"desirable", r"looking for", r"you have", r"^you are",
                     r"competenc", r"education", r"ideal candidate", r"profile", r"bonus points",
                     r"what you need", r"what we need", r"you.ll need", r"you should have",
                     r"knowledge", r"criteria", r"we.d love", r"to be successful", r"success looks",
                     r"what do we expect", r"what we expect"),
    "responsibilities": (r"responsibilit", r"dut(y|ies)", r"what you.ll do", r"what you will do",
                         r"what you.ll be doing", r"what you will be doing", r"your role", r"the role",
                         r"role overview", r"about (the|this) (role|job|position|opportunity)", r"the job",
                         r"what you.ll tackle", r"why this role", r"functions", r"^role$", r"this role",
                         r"what you.re going to do", r"what you are going to do", r"what you.ll achieve",
                         r"what you will achieve",
                         r"mission", r"day.to.day", r"impact", r"accountabilit", r"in this role",
                         r"job description", r"position summary", r"job summary", r"role summary",
                         r"the opportunity", r"role description", r"main purpose", r"purpose of",
                         r"key activities", r"your tasks", r"^tasks", r"what.s the job", r"you will:?$",
                         r"you.ll:?$", r"what you.ll own", r"what you will own", r"the position",
                         r"the work", r"scope", r"what the job involves", r"how you.ll", r"your focus",
                         r"overview", r"you.ll be", r"job purpose", r"key result"),
    "company": (r"about us", r"about the (company|team|business|organi[sz]ation)", r"who we are",
                r"our company", r"company overview", r"our story", r"^about\b", r"our mission",
                r"our team", r"the team", r"culture", r"our values", r"who are we", r"the company",
                r"company description"),
}
_HEADING_RES = [(label, re.compile("|".join(pats))) for label, pats in _HEADINGS.items()]
# All of them in one pattern: most short lines name no section, and one search tells.
_ANY_HEADING = re.compile("|".join(p for pats in _HEADINGS.values() for p in pats))

_BULLET = re.compile(r"^[ \t]*(?:[-*•▪◦‣·–—✔✓✅➤►→👉🚀🔹🔸⭐️★☑️\u2022]+|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]*")
_MD = re.compile(r"^[#>\s]+|[*_`]{1,3}|:$")
_SENT_END = re.compile(r"[.!?](?=\s|$)")
# A heading run into the text by scraping: preceded by a lower-case letter or a full stop,
# followed directly by a capital. Only multi-word or distinctive headings, to avoid splitting prose.
_SCRAPED_HEADINGS = [
    "Key Responsibilities", "Responsibilities", "Your Responsibilities", "Duties", "Main Duties",
    "What you'll do", "What You'll Do", "What you will do", "What You Will Do", "The Role", "About the Role",
    "About the role", "Your role", "Your Role", "Requirements", "Qualifications", "Key Requirements",
    "Minimum Qualifications", "Preferred Qualifications", "What you'll bring", "What You'll Bring",
    "What you bring", "Who you are", "About you", "About You", "Nice to have", "Nice to Have",
    "Benefits", "What we offer", "What We Offer", "Perks", "About us", "About Us", "Who we are",
    "How to apply", "How to Apply", "Equal Opportunity", "Skills", "Experience", "Job Description",
    "Your mission", "Your Mission", "Day to day", "Day-to-day", "Your impact", "Your Impact",
]
# Both scraping repairs start where a capital follows a lower-case letter, digit or stop with no
# space ("...years.Responsibilities", "backlogWrite"): rare in normal text, so only those places
# are tried against the longer patterns.
_JOIN = re.compile(r"[a-z0-9.!?)%](?=[A-Z])")
_SCRAPED_AT = re.compile(
    "("
    + "|".join(sorted(map(re.escape, _SCRAPED_HEADINGS), key=len, reverse=True))
    + r")(?=:?[ \t\xa0]*[A-Z0-9•\-*])"
)
_CAPITALISED = re.compile(r"[A-Z][a-z]+[A-Za-z]*")


class Block(NamedTuple):  # a NamedTuple: tens of thousands are made per second in batch runs
    """A piece of the text: a heading, a bullet item or a line of prose, with its section."""

    start: int
    end: int
    kind: str  # heading | bullet | text
    section: str


# Words that name the duties outright win over any other heading word in the same line:
# "Essential Responsibilities" is a duties heading, not requirements.
_DUTY_HEADING = re.compile(r"responsibilit|\bduties\b|accountabilit|what you.ll do|what you will do|"
                           r"essential (?:job )?functions|key functions|job functions")
_WHAT_YOU_DO = re.compile(r"what you(?:.ll| will| are going to) (?!need|bring|get|have|love|gain|receive|enjoy)\w+")
_PAREN = re.compile(r"\([^)]*\)")
# A lead-in sentence that ends in a colon opens a list: "As the people lead for the team, you will:".
_DUTY_LEAD_IN = re.compile(r"\b(?:you(?:'ll|’ll| will)(?: be)?|your (?:day|week|responsibilities)|"
                           r"responsible for|you can expect to)\b[^:]{0,40}:\s*$", re.IGNORECASE)
_REQUIREMENT_LEAD_IN = re.compile(r"\b(?:you (?:have|bring|are|might be|may be)|you(?:'ll|’ll| will) need|"
                                  r"we.re looking for|we are looking for someone|ideal(?:ly)?|good fit)\b[^:]{0,60}:\s*$",
                                  re.IGNORECASE)
# A heading that names an area of the work ("Backlog & Requirements Management", "Acceptance
# Criteria & Validation") is a sub-heading inside the duties, not the requirements section.
_WORK_AREA = re.compile(r"\b(?:management|gathering|definition|analysis|elicitation|backlog|planning|delivery|"
                        r"acceptance|validation|refinement|prioriti[sz]ation|governance|reporting)\b")
SAME = "same"  # heading_label's answer for a sub-heading that keeps the current section


def heading_label(line: str) -> str | None:
    """Return the section a heading line names, ``SAME`` for a sub-heading of the duties, or None."""
    clean = _MD.sub("", line.strip()).strip(" :-–—").lower()
    if _WHAT_YOU_DO.match(clean) and len(clean.split()) <= 12:
        return "responsibilities"  # "What You'll Tackle — Through a Design-First Lens"
    if not clean or len(clean) > 60 or len(clean.split()) > 8:
        return None
    if _DUTY_HEADING.search(clean):
        return "responsibilities"
    if not _ANY_HEADING.search(clean):
        return None
    for label, rx in _HEADING_RES:
        if rx.search(clean):
            if label == "requirements" and _WORK_AREA.search(clean):
                return SAME
            return label
    return None


def _is_heading(line: str) -> str | None:
    """Section label if the line is a heading; 'other' for an unknown short heading."""
    stripped = line.strip()
    if len(stripped) > 120:
        # Too long for any heading rule but the Markdown one; spares the regexes on long prose lines.
        return _heading_rules(stripped) if stripped.startswith("#") else None
    return _cached_heading_rules(stripped)


def _heading_rules(stripped: str) -> str | None:
    if _BULLET.match(stripped) and not stripped.startswith(("#", "**")):
        return None
    label = heading_label(stripped)
    if label:
        words = _MD.sub("", stripped).split()
        marked = stripped.endswith(":") or stripped.startswith(("#", "**")) or stripped.isupper()
        # "5+ years experience", "Own the impact of..." or "SAFe (nice to have)" are content lines.
        if "(" in stripped and heading_label(_PAREN.sub(" ", stripped)) is None:
            return None
        if marked or (len(words) <= 5 and not words[0][0].isdigit() and not is_duty_verb(words[0])
                      and not stripped.endswith((".", "!", ";", ","))):
            return label
        return None
    if stripped.endswith(":"):
        if _DUTY_LEAD_IN.search(stripped):
            return "responsibilities"
        if _REQUIREMENT_LEAD_IN.search(stripped):
            return "requirements"
    clean = _MD.sub("", stripped).strip()
    if stripped.startswith("#") and clean:
        return "other"
    if clean.isupper() and len(clean.split()) <= 6 and not clean.endswith((".", ",", ";")):
        return "other"  # "WHAT YOU'LL ACHIEVE": an unknown heading still ends the section before it
    if stripped.endswith(":") and 0 < len(clean.split()) <= 6:
        return "other"
    return None


# Short lines repeat across postings ("Responsibilities:", "About us", "Location: Remote") and the
# answer depends on the line alone.
_cached_heading_rules = lru_cache(maxsize=16384)(_heading_rules)


def _split_line(text: str, start: int, end: int, scraped: list) -> list[tuple[int, int, str | None]]:
    """Split one physical line into pieces at scraped headings; return (start, end, heading label).

    ``scraped`` holds this line's matches of the scraped-heading pattern, in text order.
    """
    pieces: list[tuple[int, int, str | None]] = []
    cut = start
    for m in scraped:
        if m.start(1) > cut:
            pieces.append((cut, m.start(1), None))
        label = heading_label(m.group(1))
        h_end = m.end(1)
        if h_end < end and text[h_end] == ":":
            h_end += 1
        pieces.append((m.start(1), h_end, label or "other"))
        cut = h_end
    if cut == start:
        # "Responsibilities: own the backlog, ..." on one line: heading then content.
        colon = text.find(":", start, end)
        if colon > 0 and colon - start <= 60:
            head = text[start:colon]
            label = heading_label(head) if len(head.split()) <= 4 else None
            if label and text[colon + 1:end].strip():
                return [(start, colon + 1, label), (colon + 1, end, None)]
        return [(start, end, None)]
    if cut < end:
        pieces.append((cut, end, None))
    return pieces


def _joins(text: str) -> tuple[list, list[int]]:
    """Scraped headings run into the text (matches, group 1 the heading), and glue points.

    A glue point is where a duty verb starts right after a lower-case letter, digit or stop
    ("backlogWrite", "roadmap.Drive").
    """
    scraped, glue = [], []
    for m in _JOIN.finditer(text):
        at = m.end()
        heading = _SCRAPED_AT.match(text, at)
        if heading:
            scraped.append(heading)
        if m.group() not in "!?":
            word = _CAPITALISED.match(text, at)
            if word and is_duty_verb(word.group()):
                glue.append(at)
    return scraped, glue


def _unglue(start: int, end: int, points: list[int]) -> list[tuple[int, int]]:
    """Split the range at the glue points that fall inside it."""
    if not points:
        return [(start, end)]
    lo = bisect_right(points, start)
    hi = bisect_left(points, end, lo)
    cuts = [start, *points[lo:hi], end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def segment(text: str) -> list[Block]:
    """Cut ``text`` into headings, bullet items and text lines, each labeled with its section."""
    blocks: list[Block] = []
    section = "other"
    pos = 0
    scraped, glue = _joins(text)
    k = 0
    for raw_line in text.splitlines(keepends=True):
        line = raw_line.rstrip("\r\n")
        line_start, line_end = pos, pos + len(line)
        pos += len(raw_line)
        here = []
        while k < len(scraped) and scraped[k].start(1) < line_end:
            if scraped[k].start(1) >= line_start:
                here.append(scraped[k])
            k += 1
        if not line.strip():
            continue
        # Most lines hold neither a scraped heading nor a colon: one piece, with no call.
        pieces = _split_line(text, line_start, line_end, here) if here or ":" in line else ((line_start, line_end, None),)
        for p_start, p_end, scraped_label in pieces:
            piece = line if len(pieces) == 1 else text[p_start:p_end]
            if not piece.strip():
                continue
            bullet = _BULLET.match(piece)
            label = scraped_label or (None if bullet and not piece.lstrip().startswith(("#", "**"))
                                      else _is_heading(piece))
            if label:
                section = section if label == SAME else label
                blocks.append(Block(p_start, p_end, "heading", section))
                continue
            kind = "bullet" if bullet else "text"
            if not glue:
                blocks.append(Block(p_start, p_end, kind, section))
                continue
            for g_start, g_end in _unglue(p_start, p_end, glue):
                if text[g_start:g_end].strip():
                    blocks.append(Block(g_start, g_end, kind, section))
                    kind = "bullet"  # glued pieces after the first were list items
    return blocks


def section_spans(blocks: list[Block]) -> list[tuple[int, int, str]]:
    """Merge consecutive blocks of one section into (start, end, label) ranges."""
    out: list[tuple[int, int, str]] = []
    for b in blocks:
        if out and out[-1][2] == b.section and b.kind != "heading":
            out[-1] = (out[-1][0], b.end, b.section)
        else:
            out.append((b.start, b.end, b.section))
    return out
