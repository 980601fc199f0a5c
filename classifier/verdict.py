"""Verdict stage: what the title claims, and whether the duties agree.

The title rules are also the title-keyword baseline that ``classify evaluate`` reports.
"""
from __future__ import annotations

import re

ROLES = ("product_owner", "product_manager", "project_manager", "scrum_master", "other")
LEVELS = ("junior", "mid", "senior", "lead", "head")
VERDICTS = ("match", "mismatch", "no_title", "needs_review")
ROLE_NAMES = {"product_owner": "Product Owner", "product_manager": "Product Manager",
              "project_manager": "Project Manager", "scrum_master": "Scrum Master", "other": "another role"}

# Checked in order; the first rule that matches names the role the title claims.
_TITLE_ROLE_RULES = [
    ("other", r"product marketing|marketing manager|product design|designer|business analyst|"
              r"product analyst|data analyst|(?<!train )\bengineers?\b|developer|"
              r"product support|product specialist|professor|accountant|recruit"),
    ("scrum_master", r"scrum\s*master|agile coach|agile delivery coach|\bsm\b|release train engineer|\brte\b"),
    ("product_owner", r"product\s*owner|\bp\.?o\.?\b|value stream owner"),
    ("project_manager", r"project|programme|\bprograms?\b|\bpmo\b|delivery manager|"
                        r"delivery lead|\btpm\b|\bpm\b(?=.*\bproject)"),
    ("product_manager", r"product\s*(manager|management|lead|director|head)|head of product|"
                        r"\bcpo\b|chief product officer|vp,? (of )?product|product\b"),
]
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TITLE_ROLE_RES = [(role, re.compile(rx, re.IGNORECASE)) for role, rx in _TITLE_ROLE_RULES]

_LEVEL_RULES = [
    ("lead", r"chief product owner"),
    ("junior", r"\bintern(ship)?\b|trainee|apprentice|graduate"),
    ("head", r"\bhead\b|director|\bvp\b|vice president|chief|\bcpo\b|\bcto\b"),
    ("lead", r"\blead(?:er)?\b|principal|\bstaff\b|\bgroup\b|chief product owner|\bmanager,? (of )?(product|project) managers"),
    ("senior", r"\bsenior\b|\bsr\.?\b|\biii\b|\bii\b|\b[23]\b|\bexperienced\b"),
    ("junior", r"\bjunior\b|\bjr\.?\b|\bintern(ship)?\b|graduate|trainee|\bassociate\b(?! (director|professor|partner))|"
               r"coordinator|apprentice|\bentry\b|\bi\b|\b1\b"),
]
_LEVEL_RES = [(level, re.compile(rx, re.IGNORECASE)) for level, rx in _LEVEL_RULES]


def title_role(title: str | None) -> str | None:
    """The role a title claims by its keywords; 'other' for any other title; None for no title."""
    if not title or not title.strip():
        return None
    # "Project Manager (Scrum Master)": the main title speaks first, the parenthesis only if it is silent.
    main = _PARENS.sub(" ", title)
    for text in (main, title):
        for role, rx in _TITLE_ROLE_RES:
            if rx.search(text):
                return role
    return "other"


def title_level(title: str | None) -> str:
    """The level a title's words claim ('mid' when it has no level word)."""
    for level, rx in _LEVEL_RES:
        if title and rx.search(title):
            return level
    return "mid"


def decide(title: str | None, role: str, confidence: float, n_duties: int,
           review_below: float = 0.5) -> tuple[str | None, str]:
    """Return (title_role, verdict) for a prediction.

    ``needs_review`` when the text holds no duties or the model is unsure; otherwise
    ``no_title``, ``match`` or ``mismatch``.
    """
    claimed = title_role(title)
    if n_duties == 0 or confidence < review_below:
        return claimed, "needs_review"
    if claimed is None:
        return None, "no_title"
    return claimed, "match" if claimed == role else "mismatch"


def verdict_text(title: str | None, claimed: str | None, role: str, confidence: float, verdict: str) -> str:
    """One human sentence for the verdict."""
    reads = f"the duties read as {'a ' if role != 'other' else ''}{ROLE_NAMES[role].lower() if role != 'other' else 'another role'}"
    if verdict == "needs_review":
        return f"NEEDS REVIEW: too little duty evidence for a firm answer (best guess {role}, {confidence:.2f})"
    if verdict == "no_title":
        return f"NO TITLE: {reads} ({confidence:.2f})"
    if verdict == "match":
        return f"MATCH: titled {title}, {reads} ({confidence:.2f})"
    return f"MISMATCH: titled {title}, {reads} ({confidence:.2f})"
