"""Tell English postings from others, so the tool can refuse rather than guess."""
from __future__ import annotations

import re

from .errors import UnsupportedLanguageError

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset("the and to of a in you for with will our we is are on as be your this that or an "
                     "at by from have it team work who what can all us new their about across".split())
MIN_WORDS = 30
MIN_SHARE = 0.08
SAMPLE_CHARS = 1_500  # about 220 words: plenty to tell the language, and cheap


def english_share(text: str) -> tuple[int, float]:
    """(number of words, share of them that are common English function words)."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words:
        return 0, 0.0
    return len(words), sum(map(_ENGLISH.__contains__, words)) / len(words)


def check_english(text: str, source: str = "-") -> None:
    """Raise UnsupportedLanguageError when a posting of some length is clearly not English."""
    n, share = english_share(text)
    if n >= MIN_WORDS and share < MIN_SHARE:
        raise UnsupportedLanguageError(
            f"{source}: the posting does not look like English ({share:.0%} common English words); "
            "only English postings are supported")
