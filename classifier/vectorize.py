"""Vectorize stage: the feature frame -> one sparse matrix both models read.

Every text column is read once per posting and hashed (no vocabulary to hold in memory), then
TF-IDF weighted with document frequencies learned at fit time. Duty phrases and context arrive
as spaCy's word hashes (``features.extract``), so their n-grams are hashed with numpy, with no
string work; the short title's words get the same hash function. The matrix is a row of blocks:

    duties | title | context | role claim | role claim if hardly any duties | level claim | years asked

The role and seniority models weight these blocks differently (``model.BLOCK_WEIGHTS``) over
the same matrix, so a posting's text is analysed once for both. Duty n-grams are hashed per
duty, which lets ``duty_shares`` split the duty block exactly among the duties that produced it.
"""
from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp
from spacy.strings import hash_string

from .verdict import LEVELS, ROLES, title_level, title_role

_STOP = frozenset("a an the and or of to for in on with our your their its be is are as at by from this that "
                  "it we you will all any".split())
_STOP_HASHES = np.array([hash_string(w) for w in _STOP], dtype=np.uint64)
ROLE_CLAIMS = (*ROLES, "none")
LEVEL_CLAIMS = LEVELS
YEAR_BUCKETS = ((-1.5, -0.5), (-0.5, 2.5), (2.5, 4.5), (4.5, 7.5), (7.5, 99.0))
MIN_DF = {"duties": 2, "title": 1, "context": 2}
BLOCKS = ("duties", "title", "context", "role_claim", "thin_claim", "level_claim", "years")
# At most this many duty phrases found: the posting has little else than its title to go on
# (the labeling guide labels such postings from what they have), so the title's claim gets a
# second weight of its own.
THIN_DUTIES = 1


_MIX = np.uint64(0x9E3779B97F4A7C15)
_TITLE_WORD = re.compile(r"\w+")


def _bigrams(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    # Word hashes are well-mixed 64-bit keys; a bigram mixes its two into one (uint64 arithmetic wraps).
    return left * _MIX + (right ^ (right >> np.uint64(29)))


def _counts(rows: np.ndarray, cols: np.ndarray, n_rows: int, bits: int) -> sp.csr_matrix:
    counts = sp.csr_matrix((np.ones(len(cols)), (rows, (cols & np.uint64(2 ** bits - 1)).astype(np.int64))),
                           shape=(n_rows, 2 ** bits))
    counts.sum_duplicates()
    return counts


def _grams(owner: np.ndarray, words: np.ndarray, n_rows: int, bits: int) -> sp.csr_matrix:
    """Counts of unigrams and of bigrams of neighbours with the same owner row."""
    same = owner[1:] == owner[:-1]
    rows = np.concatenate([owner, owner[:-1][same]])
    cols = np.concatenate([words, _bigrams(words[:-1][same], words[1:][same])])
    return _counts(rows, cols, n_rows, bits)


def hash_words(rows, bits: int) -> sp.csr_matrix:
    """Counts of hashed unigrams and bigrams, one row per array of word hashes (``features.word_hashes``)."""
    rows = [np.asarray(r, dtype=np.uint64) for r in rows]
    owner = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    words = np.concatenate(rows) if rows else np.zeros(0, dtype=np.uint64)
    return _grams(owner, words, len(rows), bits)


def hash_duties(duties, n_duties, bits: int) -> sp.csr_matrix:
    """Counts of hashed unigrams and bigrams of lemmas, one row per duty phrase, stop words left out.

    ``duties``: per posting, (duty index, lemma hash) of each word (``features.extract``);
    ``n_duties``: per posting, how many duty phrases it has (a phrase may have no words left).
    Bigrams never join two phrases.
    """
    n_duties = np.asarray(n_duties, dtype=np.int64)
    first = np.concatenate([[0], np.cumsum(n_duties)[:-1]]).astype(np.int64)
    duties = list(duties)
    if not duties:
        return sp.csr_matrix((0, 2 ** bits))
    owner = np.concatenate([index + at for (index, _), at in zip(duties, first)]).astype(np.int64)
    words = np.concatenate([w for _, w in duties]).astype(np.uint64)
    keep = ~np.isin(words, _STOP_HASHES)
    return _grams(owner[keep], words[keep], int(n_duties.sum()), bits)


def hash_titles(titles, bits: int) -> sp.csr_matrix:
    """Counts of hashed unigrams and bigrams of each title's lower-cased words."""
    return hash_words([np.array([hash_string(w) for w in _TITLE_WORD.findall(t.lower())], dtype=np.uint64)
                       for t in titles], bits)


def fit_idf(counts: sp.csr_matrix, min_df: int) -> np.ndarray:
    """Smoothed inverse document frequency of each column, ``ln((1 + n) / (1 + df)) + 1``.

    Columns in fewer than ``min_df`` rows get 0: a one-off n-gram would otherwise dilute the
    normalized row.
    """
    df = np.bincount(sp.csr_matrix(counts).indices, minlength=counts.shape[1])
    idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
    return np.where(df >= min_df, idf, 0.0)


def tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF (``1 + ln(count)``) times IDF, each row scaled to unit length.

    What scikit-learn's ``TfidfTransformer(sublinear_tf=True)`` computes; done here so that scoring
    never imports scikit-learn (about 60 MB and 1.5 s per process).
    """
    out = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    out.data = (1.0 + np.log(out.data)) * idf[out.indices]
    norms = np.sqrt(np.bincount(np.repeat(np.arange(out.shape[0]), np.diff(out.indptr)),
                                weights=out.data ** 2, minlength=out.shape[0]))
    out.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(out.indptr))
    out.eliminate_zeros()
    return out


def _one_hot(columns: list[int], width: int) -> sp.csr_matrix:
    rows = np.arange(len(columns))
    return sp.csr_matrix((np.ones(len(columns)), (rows, np.asarray(columns, dtype=np.int64))),
                         shape=(len(columns), width))


def years_bucket(years: float) -> int:
    """Index of the years-asked bucket: none, 0-2, 3-4, 5-7, 8+."""
    return next(i for i, (lo, hi) in enumerate(YEAR_BUCKETS) if lo < years <= hi)


class Vectorizer:
    """Hash and TF-IDF weight a feature frame (``features.to_frame``) into the block matrix.

    ``variant='whole'`` reads the whole text in the context block instead of the
    non-boilerplate context (the ablation's whole-text model). It follows scikit-learn's
    transformer protocol (``get_params``, ``fit``, ``transform``) without importing it, so
    training pipelines can clone it and scoring stays free of scikit-learn.
    """

    def __init__(self, variant: str = "duties", duty_bits: int = 18, title_bits: int = 16, context_bits: int = 18):
        self.variant = variant
        self.duty_bits = duty_bits
        self.title_bits = title_bits
        self.context_bits = context_bits

    def get_params(self, deep: bool = True) -> dict:
        """The constructor parameters (scikit-learn's estimator protocol)."""
        return {"variant": self.variant, "duty_bits": self.duty_bits, "title_bits": self.title_bits,
                "context_bits": self.context_bits}

    def set_params(self, **params) -> Vectorizer:
        """Set constructor parameters (scikit-learn's estimator protocol)."""
        for name, value in params.items():
            if name not in self.get_params():
                raise ValueError(f"Vectorizer has no parameter {name!r}")
            setattr(self, name, value)
        return self

    @property
    def _context_column(self) -> str:
        return "whole" if self.variant == "whole" else "context"

    def duty_counts(self, frame) -> tuple[sp.csr_matrix, np.ndarray]:
        """Hashed n-gram counts of every duty (one row per duty) and the posting row each belongs to."""
        n_duties = np.asarray(frame["n_duties"], dtype=np.int64)
        owner = np.repeat(np.arange(len(n_duties)), n_duties)
        return hash_duties(frame["duties"], n_duties, self.duty_bits), owner

    def _raw(self, frame):
        per_duty, owner = self.duty_counts(frame)
        n = len(frame)
        gather = sp.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(n, len(owner)))
        duties = (gather @ per_duty).tocsr()
        title = hash_titles(frame["title"], self.title_bits)
        context = hash_words(frame[self._context_column], self.context_bits)
        return duties, title, context, per_duty, owner

    def fit(self, frame, y=None) -> Vectorizer:
        """Learn the document frequencies of each text block; n-grams in fewer than ``MIN_DF`` postings get no weight."""
        duties, title, context, _, _ = self._raw(frame)
        self.idf_ = {name: fit_idf(block, MIN_DF[name])
                     for name, block in (("duties", duties), ("title", title), ("context", context))}
        self.n_features_ = sum(self.block_sizes().values())
        return self

    def fit_transform(self, frame, y=None) -> sp.csr_matrix:
        """``fit`` then ``transform``."""
        return self.fit(frame).transform(frame)

    def block_sizes(self) -> dict[str, int]:
        """The width of each block, in ``BLOCKS`` order."""
        return {"duties": 2 ** self.duty_bits, "title": 2 ** self.title_bits, "context": 2 ** self.context_bits,
                "role_claim": len(ROLE_CLAIMS), "thin_claim": len(ROLE_CLAIMS), "level_claim": len(LEVEL_CLAIMS),
                "years": len(YEAR_BUCKETS)}

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
        duty_tfidf = tfidf(duties, self.idf_["duties"])
        titles = list(frame["title"])
        claims = _one_hot([ROLE_CLAIMS.index(title_role(t) or "none") for t in titles], len(ROLE_CLAIMS))
        thin = np.asarray(frame["n_duties"]) <= THIN_DUTIES
        blocks = [
            duty_tfidf,
            tfidf(title, self.idf_["title"]),
            tfidf(context, self.idf_["context"]),
            claims,
            sp.diags(thin.astype(float), format="csr") @ claims,
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

    Returns one row per duty, with the sparsity of ``per_duty``; the rows of a posting add up
    to its duty TF-IDF row.
    """
    # Each duty entry looks up its posting's TF-IDF per count of that n-gram by a sorted key
    # (row * width + column): indexing ``ratio[owner]`` would copy a whole posting row per duty.
    width = per_duty.shape[1]
    tfidf, counts, per_duty = (m.sorted_indices() for m in (tfidf, counts, per_duty))
    t_keys = _keys(tfidf, np.arange(tfidf.shape[0]), width)
    c_keys = _keys(counts, np.arange(counts.shape[0]), width)
    ratio = tfidf.data * np.power(counts.data[np.searchsorted(c_keys, t_keys)], -1.0)
    d_keys = _keys(per_duty, owner, width)
    at = np.minimum(np.searchsorted(t_keys, d_keys), max(len(t_keys) - 1, 0))
    hit = t_keys[at] == d_keys if len(t_keys) else np.zeros(len(d_keys), dtype=bool)
    data = np.where(hit, per_duty.data * (ratio[at] if len(t_keys) else 0.0), 0.0)
    return sp.csr_matrix((data, per_duty.indices, per_duty.indptr), shape=per_duty.shape)


def _keys(matrix: sp.csr_matrix, row_ids: np.ndarray, width: int) -> np.ndarray:
    """``row_id * width + column`` of each stored entry of a CSR matrix, in storage order."""
    rows = np.repeat(np.asarray(row_ids, dtype=np.int64), np.diff(matrix.indptr))
    return rows * width + matrix.indices
