"""spaCy stage: components that label sections and put duty phrases in ``doc.spans``.

Factories (also exposed through the ``spacy_factories`` entry point, so
``nlp.add_pipe("rolecheck_sections")`` works in any English pipeline once installed):

- ``rolecheck_sections``: ``doc.spans["sections"]``, one span per part of the posting,
  labeled responsibilities, requirements, company, benefits, legal, apply or other.
- ``rolecheck_duties``: ``doc.spans["duties"]``, one span per responsibility phrase, labeled
  with the section it came from; ``span._.normalized`` gives its normalized form.

The ``normalized`` extension is registered when a duty component is created, never at import.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from .duties import find_duties, normalize
from .sections import segment, section_spans

BLOCKS_KEY = "rolecheck_blocks"
TEXT_KEY = "rolecheck_text"
TOKENS_KEY = "rolecheck_token_table"


def register_extensions() -> None:
    """Register ``Span._.normalized`` (idempotent). Called by the duty factory."""
    if not Span.has_extension("normalized"):
        Span.set_extension("normalized", getter=lambda span: normalize(
            doc_text(span.doc)[span.start_char:span.end_char]))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _blocks(doc: Doc):
    blocks = doc.user_data.get(BLOCKS_KEY)
    if blocks is None:
        blocks = segment(doc_text(doc))
        doc.user_data[BLOCKS_KEY] = blocks
    return blocks


TOKEN_ATTRS = (IDX, LENGTH, LOWER, IS_SPACE)  # the columns of ``token_table``


def token_table(doc: Doc) -> np.ndarray:
    """The Doc's tokens as a (len(doc), 4) array of ``TOKEN_ATTRS``: character offset, length,
    lower-case hash and is-space, read once per tokenization and shared by the components and
    the features (one ``to_array`` call costs less than several)."""
    table = doc.user_data.get(TOKENS_KEY)
    if table is None or table.shape[0] != len(doc):
        table = doc.user_data[TOKENS_KEY] = doc.to_array(list(TOKEN_ATTRS))
    return table


def _char_spans(doc: Doc, ranges) -> list[Span]:
    """Spans over the tokens each (start, end, label) character range touches (like ``char_span``'s
    "expand" mode), found for all ranges at once: a Python call of ``char_span`` per range costs more."""
    ranges = list(ranges)
    if not ranges or not len(doc):
        return []
    table = token_table(doc)
    starts, lengths = table[:, 0], table[:, 1]
    begin = np.searchsorted(starts + lengths, [r[0] for r in ranges], side="right")
    end = np.searchsorted(starts, [r[1] for r in ranges], side="left")
    return [Span(doc, int(b), int(e), label=r[2]) for b, e, r in zip(begin, end, ranges) if e > b]


class SectionLabeler:
    """Label each part of a posting (responsibilities, requirements, company, ...)."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["sections"] = _char_spans(doc, section_spans(_blocks(doc)))
        return doc


class DutyFinder:
    """Put each responsibility phrase into ``doc.spans["duties"]``, labeled with its section."""

    def __call__(self, doc: Doc) -> Doc:
        duties = find_duties(doc_text(doc), _blocks(doc))
        doc.spans["duties"] = _char_spans(doc, ((d.start, d.end, d.section) for d in duties))
        return doc


@Language.factory("rolecheck_sections")
def make_sections(nlp: Language, name: str) -> SectionLabeler:
    """spaCy factory for the section component."""
    return SectionLabeler()


@Language.factory("rolecheck_duties")
def make_duties(nlp: Language, name: str) -> DutyFinder:
    """spaCy factory for the duty component; registers the ``normalized`` span extension."""
    register_extensions()
    return DutyFinder()


# The components read character offsets, not tokens: tokens only have to end where a duty or a
# section can end (spaces, punctuation, words glued by scraping). This small rule set gives those
# boundaries at about four times the speed of the full English rules (see scripts/bench_batch.py).
_PREFIX = re.compile(r"""^[(\["'“‘•\-*▪◦‣·–—#>]""")
_SUFFIX = re.compile(r"""[.,;:!?)\]"'”’%]$""")
_INFIX = re.compile(r"""(?<=[a-z0-9.)%])(?=[A-Z])|[/—–]""")


def light_tokenizer(vocab) -> Tokenizer:
    """A spaCy tokenizer that splits on whitespace, edge punctuation, dashes, slashes and glued words."""
    return Tokenizer(vocab, prefix_search=_PREFIX.search, suffix_search=_SUFFIX.search,
                     infix_finditer=_INFIX.finditer)


# What a new word in the vocabulary is given: the features read only its lower case and whether it
# is a space (``features.word_hashes``); its length is always set. English's full set (shape,
# prefix, suffix, norm, like_num...) is a dozen Python calls per new word, which long runs of
# unseen strings (names, numbers, typos) pay for again and again.
LEXEME_ATTRS = {LOWER: str.lower, IS_SPACE: str.isspace}


def build_nlp() -> Language:
    """A blank English pipeline with the light tokenizer, minimal lexeme attributes and both components."""
    nlp = spacy.blank("en")
    nlp.vocab.lex_attr_getters = dict(LEXEME_ATTRS)
    nlp.tokenizer = light_tokenizer(nlp.vocab)
    nlp.add_pipe("rolecheck_sections")
    nlp.add_pipe("rolecheck_duties")
    return nlp


def process(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """``nlp.pipe`` over texts, with each Doc carrying its original string (no rebuild from tokens)."""
    def docs():
        for text in texts:
            doc = nlp.make_doc(text)
            doc.user_data[TEXT_KEY] = text
            yield doc
    return nlp.pipe(docs(), batch_size=batch_size)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline, built once."""
    return build_nlp()
