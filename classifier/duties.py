"""Find responsibility phrases in segmented text, and normalize them.

Rules, in order: nothing is taken from requirements, company, benefits, legal or apply
sections; a bullet item under a responsibilities heading is a duty unless it reads as a
requirement ("5+ years", "Experience with ..."); elsewhere a bullet or a sentence is a
duty when it starts with a duty verb in any form ("Own", "Drives", "Managing"; a word
list plus lookup lemmas, so no tagger is needed) or contains a duty cue ("you will",
"responsible for"). A duty sentence is cut into clauses at ";" and at "and" / "," before
another duty verb, and leading filler ("You will", "Responsible for") is left out of the span.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import DUTY_CUE, FILLER, REQUIREMENT_CUE, is_duty_verb, lemma_table
from .sections import _BULLET, Block, segment

SKIP_SECTIONS = frozenset({"requirements", "company", "benefits", "legal", "apply"})
_SENTENCE = re.compile(r"[^.!?;]+(?:[.!?;]+(?=\s|$)|$)|[^.!?;]*[.!?;]+")
# A comma, a semicolon, "and" or "as well as" before a word. Written to start with one character
# class so the regex engine skips to the candidates instead of trying every position:
# "(?:,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+|\s*;\s*)" with the first character taken apart.
_CLAUSE_CUT = re.compile(r"[,;\s](?:(?<=,)\s*(?:and\s+)?|(?<=;)\s*|(?<=\s)(?:\s*and\s+|\s*as well as\s+|\s*;\s*))"
                         r"(?=([A-Za-z]+)\b)")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")
_DESCRIPTIVE = re.compile(r"^(?:we|our|this|that|the team|the company|it|they|join|as part of|"
                          r"reporting to|you'll join|you will join|here|there|why|interviews?)\b", re.IGNORECASE)
# Words that are nouns as often as verbs: "the budget and schedule for ..." is one duty.
NOUN_VERBS = frozenset("""budget schedule plan report review test design order model map price market track work
support host pitch experiment document forecast control position staff source structure question help demo use
scope partner update coach size sign balance interview estimate research chair champion slice triage
process release launch roll set change measure present brief act""".split())
_DETERMINER = re.compile(r"\s+(?:the|a|an|our|your|their|its|all|every|each|new|key|cross|and|with|to|on)\b",
                         re.IGNORECASE)
_TRIM = " \t\r\n.,;:!?-–—*•\"'()[]"
# Requirements written as sentences anywhere in the text ("bring at least two years' experience as ...").
_ASKS_EXPERIENCE = re.compile(r"\b(?:years|yrs)\b.{0,40}\bexperience\b|\bexperience\b.{0,40}\b(?:years|yrs)\b|"
                              r"\bfluen(?:t|cy)\b|\bdegree in\b|\b(?:is )?an? (?:plus|bonus|advantage)\b",
                              re.IGNORECASE)
# "Report to the Head of Delivery" is a reporting line, not a duty.
# Cheap guard for the above, run on the lower-cased sentence: case-insensitive regexes scan ten times slower.
_MAY_ASK = re.compile(r"years|yrs|fluen|degree|plus|bonus|advantage")
_REPORTING_LINE = re.compile(r"(?:\w+ly )?report(?:s|ing)? (?:in(?:to)? |directly )?to\b", re.IGNORECASE)
_MONEY = re.compile(r"[£$€]\s?\d|\b\d+\s?k\b|\bsalary\b")  # on the lower-cased sentence
LIST_LINE_WORDS = 15  # a line this short under a duties heading reads as a list item even without a bullet
MAX_DUTY_CHARS = 400


class Duty(NamedTuple):
    """A responsibility phrase: character range in the text and the section it came from."""

    start: int
    end: int
    section: str


def normalize(phrase: str) -> str:
    """Lower-case, lemmatized phrase with leading filler ("you will", "responsible for") removed."""
    text = _BULLET.sub("", phrase.strip())
    text = FILLER.sub("", text, count=1).lower()
    lemmas = lemma_table()
    return " ".join([lemmas.get(w, w) for w in _WORD.findall(text)])


# One C call each instead of a generator over ``_WORD.finditer``: the same words, found the same way
# (a word is taken whole, never backtracked into: atomic groups).
_W = r"(?>[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*)"
_FIRST_TWO = re.compile(rf"[^A-Za-z0-9]*+({_W})(?:[^A-Za-z0-9]*+({_W}))?")
_N_WORDS = {n: re.compile(rf"(?:[^A-Za-z0-9]*+{_W}){{{n}}}") for n in (2, 3)}


def _has_words(text: str, start: int, end: int, n: int) -> bool:
    """True when text[start:end] holds at least ``n`` words (``n`` is 2 or 3)."""
    return _N_WORDS[n].match(text, start, end) is not None


def _starts_with_verb(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when text[start:end] starts with a duty verb, or an adverb and a duty verb."""
    end = len(text) if end is None else end
    m = _FIRST_TWO.match(text, start, min(end, start + 60))
    if m is None:
        return False
    first, second = m.groups()
    if is_duty_verb(first):
        return True
    # "Actively manage ...", "Proactively identify ..."
    return second is not None and first.lower().endswith("ly") and is_duty_verb(second)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a duty sentence at coordinations that start another duty verb; drop leading filler."""
    piece = text[start:end]
    cuts = [(0, 0)]
    # Every cut is at a comma, a semicolon, "and" or "as well as": many duties have none of them.
    matches = (_CLAUSE_CUT.finditer(piece)
               if "," in piece or ";" in piece or "and" in piece or "as well as" in piece else ())
    for m in matches:
        # Cut only between two real clauses: "manage the budget and schedule" stays whole.
        word = m.group(1).lower()
        if not is_duty_verb(word) or (word in NOUN_VERBS and not _DETERMINER.match(piece, m.end() + len(word))):
            continue
        if _has_words(piece, cuts[-1][1], m.start(), 3) and _has_words(piece, m.end(), m.end() + 40, 2):
            cuts.append((m.start(), m.end()))
    bounds = []
    for (_, c_start), (c_end, _) in zip(cuts, cuts[1:] + [(len(piece), len(piece))]):
        sub = piece[c_start:c_end]
        filler = FILLER.match(sub)
        offset = filler.end() if filler and filler.end() < len(sub) else 0
        s, e = _trim(text, start + c_start + offset, start + c_end)
        if e - s >= 3:
            bounds.append((s, e))
    return bounds


def _emit(text: str, start: int, end: int, section: str, out: list[Duty]) -> None:
    for s, e in _clauses(text, start, end):
        if _REPORTING_LINE.match(text, s):
            continue
        if _has_words(text, s, e, 2) or _starts_with_verb(text, s, e):
            out.append(Duty(s, min(e, s + MAX_DUTY_CHARS), section))


def _sentences(text: str, start: int, end: int):
    for m in _SENTENCE.finditer(text, start, end):
        s, e = _trim(text, m.start(), m.end())
        if e > s:
            yield s, e


def find_duties(text: str, blocks: list[Block] | None = None) -> list[Duty]:
    """Return the duty phrases of a posting, in text order."""
    if blocks is None:
        blocks = segment(text)
    out: list[Duty] = []
    for block in blocks:
        if block.kind == "heading" or block.section in SKIP_SECTIONS:
            continue
        marker = _BULLET.match(text[block.start:block.end]) if block.kind == "bullet" else None
        start = block.start + marker.end() if marker else block.start
        start, end = _trim(text, start, block.end)
        if end <= start:
            continue
        # Under a duties heading, a list item is a duty even without a verb ("Backlog ownership");
        # a sentence of prose needs a duty verb or cue like anywhere else.
        list_like = block.section == "responsibilities" and (
            block.kind == "bullet" or len(text[start:end].split()) <= LIST_LINE_WORDS)
        for s, e in ([(start, end)] if block.kind == "bullet" else _sentences(text, start, end)):
            sentence = text[s:e]
            low = sentence.lower()
            if REQUIREMENT_CUE.match(sentence) or (_MAY_ASK.search(low) and _ASKS_EXPERIENCE.search(sentence)):
                continue
            # Every cue holds one of these words; the plain test spares the regex on most sentences.
            cue = DUTY_CUE.search(sentence) if ("you" in low or "respons" in low or "accountab" in low
                                                or "in this role" in low) else None
            if _starts_with_verb(text, s, e):
                _emit(text, s, e, block.section, out)
            elif cue:
                _emit(text, s + cue.start(), e, block.section, out)
            elif list_like and not _DESCRIPTIVE.match(sentence) and not _MONEY.search(low):
                _emit(text, s, e, block.section, out)
    return out
