"""Features stage: a processed Doc (and title) -> the inputs the models read.

Duties are the main signal. Requirements and untitled text are kept as weaker context;
company, benefits, legal and how-to-apply text is left out, so boilerplate cannot move a
prediction. ``whole`` keeps the full text for the whole-text ablation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from .lexicon import lemma_hashes
from .nlp import doc_text, token_table

BOILERPLATE = frozenset({"company", "benefits", "legal", "apply"})
COLUMNS = ("title", "duties", "n_duties", "context", "whole", "years")

_YEARS = re.compile(
    # A whole number ("125 years" is not 12, "someone" is not one), then an optional range.
    r"(?<!\w)(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)(?![\w])"
    r"\s*(?:\+|plus)?\s*(?:(?:-|to|–)\s*\d{1,2}\s*)?\+?\s*(?:years|yrs)",
    re.IGNORECASE,
)
_YEARS_BEFORE = re.compile(_YEARS.pattern + "$", re.IGNORECASE)
_YEAR_WORD = re.compile(r"years|yrs", re.IGNORECASE)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}


@dataclass(frozen=True)
class PostingFeatures:
    """What the models read of one posting."""

    title: str
    duties: tuple[np.ndarray, np.ndarray]  # (duty index, lemma hash) of each word in the duty phrases
    context: np.ndarray  # lower-case word hashes (spaCy's) of the non-boilerplate sections, in order
    whole: np.ndarray  # the same for the whole text (the whole-text ablation)
    years: float  # most years of experience asked for; -1 when none
    spans: tuple = ()  # (text, start, end, section) of each duty phrase, in text order


def years_asked(text: str) -> float:
    """The largest number of years of experience the text asks for, or -1."""
    found = []
    # Find the rare word first, then read the number just before it: the full pattern tried at
    # every position of a long text costs more than the rest of feature extraction.
    for word in _YEAR_WORD.finditer(text):
        m = _YEARS_BEFORE.search(text, max(0, word.start() - 40), word.end())
        if m:
            number = m.group(1).lower()
            n = _NUMBERS.get(number) if not number.isdigit() else int(number)
            if n is not None and 0 <= n <= 30:
                found.append(n)
    return float(max(found)) if found else -1.0


def word_hashes(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """spaCy's hashes of the lower-cased tokens of a Doc, and which tokens are words.

    Words leave out spaces and tokens of one character (punctuation, "a", "I"). The hashes are StringStore
    keys, the same in every process, so they can be hashed into features directly.
    """
    table = token_table(doc)  # IDX, LENGTH, LOWER, IS_SPACE
    return table[:, 2], (table[:, 3] == 0) & (table[:, 1] >= 2)


def extract(doc: Doc, title: str | None) -> PostingFeatures:
    """Features of one processed posting."""
    text = doc_text(doc)
    hashes, is_word = word_hashes(doc)
    duty_of = np.full(len(doc), -1, dtype=np.int64)
    spans = []
    for i, span in enumerate(doc.spans["duties"]):  # each access builds a Span: read each once
        start, end = span.start_char, span.end_char
        spans.append((text[start:end], start, end, span.label_))
        duty_of[span.start:span.end] = i
    kept = [s for s in doc.spans["sections"] if s.label_ not in BOILERPLATE]
    in_duty = (duty_of >= 0) & is_word
    in_context = np.zeros(len(doc), dtype=bool)
    for span in kept:
        in_context[span.start:span.end] = True
    return PostingFeatures(
        title=title or "",
        duties=(duty_of[in_duty], lemma_hashes(hashes[in_duty])),
        context=hashes[is_word & in_context],
        whole=hashes[is_word],
        years=years_asked("\n".join(text[s.start_char:s.end_char] for s in kept)),
        spans=tuple(spans),
    )


def to_frame(rows: list[PostingFeatures]) -> pd.DataFrame:
    """A DataFrame with one row per posting, the shape the model pipelines take."""
    return pd.DataFrame({
        "title": [r.title for r in rows],
        "duties": [r.duties for r in rows],
        "n_duties": [len(r.spans) for r in rows],
        "context": [r.context for r in rows],
        "whole": [r.whole for r in rows],
        "years": [r.years for r in rows],
    })
