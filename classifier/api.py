"""Library entry points: load the model once, classify postings into frozen Result objects."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from . import features as feats
from .language import check_english
from .model import Model, load
from .nlp import build_nlp, get_nlp, process
from .read import Posting, from_text
from .verdict import LEVELS, ROLES, decide, title_level, verdict_text

SCHEMA_VERSION = 1
MAX_EVIDENCE = 8
RENEW_NLP_EVERY = 5_000


@dataclass(frozen=True)
class Evidence:
    """A duty phrase found in the text, the role it supports and how much it moved the decision."""

    text: str
    start: int
    end: int
    section: str
    role: str
    weight: float  # the phrase's contribution to the predicted role's logit, minus its mean over roles


@dataclass(frozen=True)
class Result:
    """Everything the tool says about one posting."""

    source: str
    title: str | None
    title_from: str
    role: str
    role_confidence: float
    role_probabilities: dict
    seniority: str
    seniority_confidence: float
    seniority_probabilities: dict
    title_role: str | None
    title_level: str | None
    verdict: str
    verdict_text: str
    evidence: tuple
    n_duties: int
    model_version: str
    model_sha256: str

    def to_dict(self) -> dict:
        """A JSON-ready dict (the documented ``--json`` schema)."""
        data = asdict(self)
        data["evidence"] = [asdict(e) for e in self.evidence]
        return {"schema_version": SCHEMA_VERSION, **data}


@lru_cache(maxsize=4)
def _cached_model(directory: str | None, trust: bool) -> Model:
    return load(Path(directory) if directory else None, trust=trust)


def load_model(directory: str | Path | None = None, *, trust: bool = False) -> Model:
    """Load (once per process) the bundled model, or the one in ``directory`` with ``trust=True``."""
    return _cached_model(str(directory) if directory else None, trust)


class Classifier:
    """The whole path for many postings: nlp -> features -> model -> verdict."""

    def __init__(self, model: Model | None = None, review_below: float = 0.5):
        self.model = model or load_model()
        self.nlp = get_nlp()
        self.review_below = review_below
        self._since_renew = 0

    def classify(self, posting: Posting) -> Result:
        """Classify one posting read by ``classifier.read``."""
        return next(self.classify_many([posting]))

    def classify_many(self, postings: Iterable[Posting], batch_size: int = 64) -> Iterator[Result]:
        """Classify postings in order, processing texts with ``nlp.pipe`` in batches."""
        batch: list[Posting] = []
        for posting in postings:
            batch.append(posting)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Posting]) -> list[Result]:
        for posting in batch:
            check_english(posting.text, posting.source)
        self._renew_nlp(len(batch))
        docs = list(process(self.nlp, (p.text for p in batch)))
        rows = [feats.extract(doc, p.title) for doc, p in zip(docs, batch)]
        frame = feats.to_frame(rows)
        scores = self.model.scores(frame)
        return [self._result(posting, doc, row, scores.duty_contributions[i], scores.role[i], scores.seniority[i])
                for i, (posting, doc, row) in enumerate(zip(batch, docs, rows))]

    def _renew_nlp(self, n: int) -> None:
        """Start a fresh pipeline every ``RENEW_NLP_EVERY`` postings.

        spaCy's vocabulary keeps every string it has seen (requisition numbers, URLs, typos), so
        over millions of postings a worker would grow without bound. ``nlp.memory_zone()`` frees
        them too, but turns off the tokenizer cache and halves the speed here.
        """
        self._since_renew += n
        if self._since_renew > RENEW_NLP_EVERY:
            self.nlp = build_nlp()
            self._since_renew = n

    def _result(self, posting: Posting, doc, row: feats.PostingFeatures, contrib, role_p, level_p) -> Result:
        role = ROLES[int(np.argmax(role_p))]
        level = LEVELS[int(np.argmax(level_p))]
        conf = float(role_p.max())
        evidence = self._evidence(row, contrib, role)
        n_duties = len(doc.spans["duties"])
        claimed, verdict = decide(posting.title, role, conf, n_duties, self.review_below)
        return Result(
            source=posting.source, title=posting.title, title_from=posting.title_from,
            role=role, role_confidence=round(conf, 4),
            role_probabilities={r: round(float(p), 4) for r, p in zip(ROLES, role_p)},
            seniority=level, seniority_confidence=round(float(level_p.max()), 4),
            seniority_probabilities={lv: round(float(p), 4) for lv, p in zip(LEVELS, level_p)},
            title_role=claimed, title_level=title_level(posting.title) if posting.title else None,
            verdict=verdict, verdict_text=verdict_text(posting.title, claimed, role, conf, verdict),
            evidence=evidence, n_duties=n_duties,
            model_version=self.model.version, model_sha256=self.model.sha256,
        )

    @staticmethod
    def _evidence(row: feats.PostingFeatures, contrib: np.ndarray, role: str) -> tuple:
        if not row.spans:
            return ()
        centred = contrib - contrib.mean(axis=1, keepdims=True)
        weights = centred[:, ROLES.index(role)]
        points_to = centred.argmax(axis=1)
        top = np.argsort(-np.abs(weights), kind="stable")[:MAX_EVIDENCE]
        return tuple(Evidence(*row.spans[i], ROLES[points_to[i]], round(float(weights[i]), 4)) for i in top)


def classify(text: str, title: str | None = None, *, model: Model | None = None) -> Result:
    """Classify one posting given as text (plain, Markdown or HTML)."""
    return Classifier(model).classify(from_text(text, "-", title))
