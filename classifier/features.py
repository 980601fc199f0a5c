"""Features stage: a processed Doc (and title) -> the inputs the models read.

Duties are the main signal. Requirements and untitled text are kept as weaker context;
company, benefits, legal and how-to-apply text is left out, so boilerplate cannot move a
prediction. ``whole`` keeps the full text for the whole-text ablation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc

from .duties import normalize
from .nlp import doc_text

BOILERPLATE = frozenset({"company", "benefits", "legal", "apply"})
COLUMNS = ("title", "duties", "context", "whole", "years")

_YEARS = re.compile(
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)"
    r"\s*(?:\+|plus)?\s*(?:-|to|–)?\s*(?:\d{1,2}\s*)?\+?\s*(?:years|yrs)",
    re.IGNORECASE,
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}


@dataclass(frozen=True)
class PostingFeatures:
    """What the models read of one posting."""

    title: str
    duties: tuple[str, ...]
    context: str
    whole: str
    years: float  # most years of experience asked for; -1 when none
    spans: tuple = ()  # (text, start, end, section) of each duty in ``duties``, same order


def years_asked(text: str) -> float:
    """The largest number of years of experience the text asks for, or -1."""
    found = []
    lines = [line for line in text.splitlines() if "year" in line.lower() or "yrs" in line.lower()]
    for m in _YEARS.finditer("\n".join(lines)):
        word = m.group(1).lower()
        n = _NUMBERS.get(word) if not word.isdigit() else int(word)
        if n is not None and 0 <= n <= 30:
            found.append(n)
    return float(max(found)) if found else -1.0


def extract(doc: Doc, title: str | None) -> PostingFeatures:
    """Features of one processed posting."""
    text = doc_text(doc)
    spans = [(text[s.start_char:s.end_char], s.start_char, s.end_char, s.label_) for s in doc.spans["duties"]]
    pairs = [(sp, normalize(sp[0])) for sp in spans]
    pairs = [(sp, norm) for sp, norm in pairs if norm]
    context = "\n".join(text[s.start_char:s.end_char] for s in doc.spans["sections"] if s.label_ not in BOILERPLATE)
    return PostingFeatures(
        title=title or "",
        duties=tuple(norm for _, norm in pairs),
        context=context,
        whole=text,
        years=years_asked(context),
        spans=tuple(sp for sp, _ in pairs),
    )


def to_frame(rows: list[PostingFeatures]) -> pd.DataFrame:
    """A DataFrame with one row per posting, the shape the model pipelines take."""
    return pd.DataFrame({
        "title": [r.title for r in rows],
        "duties": [list(r.duties) for r in rows],
        "context": [r.context for r in rows],
        "whole": [r.whole for r in rows],
        "years": [r.years for r in rows],
    })
