"""Vectorize stage: the feature frame -> one sparse matrix both models read.

Every text column is read once per posting and hashed (no vocabulary to hold in memory), then
TF-IDF weighted with document frequencies learned at fit time. The matrix is a row of blocks:

    duties | title | context | role claim | level claim | years asked

The role and seniority models weight these blocks differently (``model.BLOCK_WEIGHTS``) over
the same matrix, so a posting's text is analysed once for both. Duty n-grams are hashed per
duty, which lets ``duty_shares`` split the duty block exactly among the duties that produced it.
"""
from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from .verdict import LEVELS, ROLES, title_level, title_role

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOP = frozenset("a an the and or of to for in on with our your their its be is are as at by from this that "
                  "it we you will all any".split())
ROLE_CLAIMS = (*ROLES, "none")
LEVEL_CLAIMS = LEVELS
YEAR_BUCKETS = ((-1.5, -0.5), (-0.5, 2.5), (2.5, 4.5), (4.5, 7.5), (7.5, 99.0))
MIN_DF = {"duties": 2, "title": 1, "context": 2}
BLOCKS = ("duties", "title", "context", "role_claim", "level_claim", "years")


def duty_grams(duty: str) -> list[str]:
    """Unigrams and bigrams of one normalized duty phrase, stop words left out."""
    words = [w for w in _TOKEN.findall(duty.lower()) if w not in _STOP]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _one_hot(columns: list[int], width: int) -> sp.csr_matrix:
    rows = np.arange(len(columns))
    return sp.csr_matrix((np.ones(len(columns)), (rows, np.asarray(columns, dtype=np.int64))),
                         shape=(len(columns), width))


def years_bucket(years: float) -> int:
    """Index of the years-asked bucket: none, 0-2, 3-4, 5-7, 8+."""
    return next(i for i, (lo, hi) in enumerate(YEAR_BUCKETS) if lo < years <= hi)


class Vectorizer(BaseEstimator, TransformerMixin):
    """Hash and TF-IDF weight a feature frame (``features.to_frame``) into the block matrix.

    ``variant='whole'`` reads the whole text in the context block instead of the
    non-boilerplate context (the ablation's whole-text model).
    """

    def __init__(self, variant: str = "duties", duty_bits: int = 18, title_bits: int = 16, context_bits: int = 18):
        self.variant = variant
        self.duty_bits = duty_bits
        self.title_bits = title_bits
        self.context_bits = context_bits

    # Hashers hold no state, so they are built on demand rather than pickled.
    def _duty_hasher(self) -> HashingVectorizer:
        return HashingVectorizer(analyzer=duty_grams, n_features=2 ** self.duty_bits,
                                 alternate_sign=False, norm=None)

    def _title_hasher(self) -> HashingVectorizer:
        return HashingVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b",
                                 n_features=2 ** self.title_bits, alternate_sign=False, norm=None)

    def _context_hasher(self) -> HashingVectorizer:
        return HashingVectorizer(ngram_range=(1, 2), n_features=2 ** self.context_bits,
                                 alternate_sign=False, norm=None)

    @property
    def _context_column(self) -> str:
        return "whole" if self.variant == "whole" else "context"

    def duty_counts(self, frame) -> tuple[sp.csr_matrix, np.ndarray]:
        """Hashed n-gram counts of every duty (one row per duty) and the posting row each belongs to."""
        lists = list(frame["duties"])
        owner = np.repeat(np.arange(len(lists)), [len(d) for d in lists])
        flat = [d for duties in lists for d in duties]
        counts = self._duty_hasher().transform(flat) if flat else sp.csr_matrix((0, 2 ** self.duty_bits))
        return counts.tocsr(), owner

    def _raw(self, frame):
        per_duty, owner = self.duty_counts(frame)
        n = len(frame)
        gather = sp.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(n, len(owner)))
        duties = (gather @ per_duty).tocsr()
        title = self._title_hasher().transform(list(frame["title"]))
        context = self._context_hasher().transform(list(frame[self._context_column]))
        return duties, title, context, per_duty, owner

    def fit(self, frame, y=None):
        """Learn the document frequencies of each text block; n-grams in fewer than ``MIN_DF`` postings get no weight."""
        duties, title, context, _, _ = self._raw(frame)
        self.idf_ = {}
        for name, block in (("duties", duties), ("title", title), ("context", context)):
            tfidf = TfidfTransformer(sublinear_tf=True).fit(block)
            df = np.bincount(block.tocsr().indices, minlength=block.shape[1])
            # Like min_df: a one-off n-gram would otherwise dilute the normalized row.
            tfidf.idf_ = np.where(df >= MIN_DF[name], tfidf.idf_, 0.0)
            self.idf_[name] = tfidf
        self.n_features_ = sum(self.block_sizes().values())
        return self

    def block_sizes(self) -> dict[str, int]:
        """The width of each block, in ``BLOCKS`` order."""
        return {"duties": 2 ** self.duty_bits, "title": 2 ** self.title_bits, "context": 2 ** self.context_bits,
                "role_claim": len(ROLE_CLAIMS), "level_claim": len(LEVEL_CLAIMS), "years": len(YEAR_BUCKETS)}

    def block_slices(self) -> dict[str, slice]:
        """Column range of each block in the matrix."""
        out, at = {}, 0
        for name, size in self.block_sizes().items():
            out[name] = slice(at, at + size)
            at += size
        return out

    def transform_parts(self, frame):
        """The block matrix, plus what ``duty_shares`` needs: per-duty counts, owners, duty counts and TF-IDF."""
        duties, title, context, per_duty, owner = self._raw(frame)
        duty_tfidf = self.idf_["duties"].transform(duties)
        titles = list(frame["title"])
        blocks = [
            duty_tfidf,
            self.idf_["title"].transform(title),
            self.idf_["context"].transform(context),
            _one_hot([ROLE_CLAIMS.index(title_role(t) or "none") for t in titles], len(ROLE_CLAIMS)),
            _one_hot([LEVEL_CLAIMS.index(title_level(t)) for t in titles], len(LEVEL_CLAIMS)),
            _one_hot([years_bucket(y) for y in frame["years"]], len(YEAR_BUCKETS)),
        ]
        return sp.hstack(blocks, format="csr"), (per_duty, owner, duties.tocsr(), duty_tfidf.tocsr())

    def transform(self, frame) -> sp.csr_matrix:
        """The block matrix of a feature frame."""
        return self.transform_parts(frame)[0]


def duty_shares(per_duty: sp.csr_matrix, owner: np.ndarray, counts: sp.csr_matrix,
                tfidf: sp.csr_matrix) -> sp.csr_matrix:
    """Split each posting's duty TF-IDF among its duties, by how often each duty holds each n-gram.

    Returns one row per duty; the rows of a posting add up to its duty TF-IDF row.
    """
    ratio = tfidf.multiply(counts.power(-1.0)).tocsr()  # TF-IDF per count of each n-gram
    return per_duty.multiply(ratio[owner]).tocsr()
