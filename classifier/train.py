"""Train the shipped model from training_data/ and write models/ with its model card."""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from . import features as feats
from .corpus import Labeled, data_hash, load
from .model import Model, library_versions, role_pipeline, save, seniority_pipeline
from .nlp import get_nlp
from .verdict import LEVELS, ROLES

MODEL_VERSION = "2026.11.0"
SEED = 0


def featurize(rows: list[Labeled]):
    """Run the nlp and feature stages over labeled postings; return the model frame."""
    postings = [r.posting() for r in rows]
    docs = get_nlp().pipe(p.text for p in postings)
    return feats.to_frame([feats.extract(doc, p.title) for doc, p in zip(docs, postings)])


def _within_one(y_true, y_pred) -> float:
    idx = {lv: i for i, lv in enumerate(LEVELS)}
    return float(np.mean([abs(idx[a] - idx[b]) <= 1 for a, b in zip(y_true, y_pred)]))


def train(data: Path, out: Path, folds: int = 5) -> dict:
    """Fit both classifiers on ``data``, cross-validate them, save to ``out``; return the card's facts."""
    rows = load(data)
    frame = feats_frame = featurize(rows)
    roles = np.array([r.role for r in rows])
    levels = np.array([r.seniority for r in rows])
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    role_cv = cross_val_predict(role_pipeline(), feats_frame, roles, cv=cv)
    level_cv = cross_val_predict(seniority_pipeline(), feats_frame, levels, cv=cv)
    role_model = role_pipeline().fit(frame, roles)
    level_model = seniority_pipeline().fit(frame, levels)
    facts = {
        "model_version": MODEL_VERSION,
        "trained_on": str(data.name),
        "training_data_sha256": data_hash(data),
        "trained_at": _dt.date.today().isoformat(),
        "n_postings": len(rows),
        "role_counts": dict(Counter(roles.tolist())),
        "seniority_counts": dict(Counter(levels.tolist())),
        "cv": {
            "folds": folds,
            "role_accuracy": round(accuracy_score(roles, role_cv), 4),
            "role_macro_f1": round(f1_score(roles, role_cv, average="macro"), 4),
            "seniority_accuracy": round(accuracy_score(levels, level_cv), 4),
            "seniority_within_one": round(_within_one(levels, level_cv), 4),
        },
        "seed": SEED,
    }
    model = Model(role_model, level_model, facts)
    sha = save(model, out)
    facts["sha256"] = sha
    (out / "MODEL_CARD.md").write_text(model_card(facts), encoding="utf-8")
    return facts


def model_card(facts: dict) -> str:
    """The model card in Markdown."""
    libs = library_versions()
    cv = facts["cv"]
    lines = [
        f"# rolecheck model {facts['model_version']}",
        "",
        "Two multinomial logistic regressions (scikit-learn) over TF-IDF features of the duty phrases "
        "found by the spaCy stage, the title, and the non-boilerplate context; seniority adds the years "
        "of experience asked for. Trained only on postings written by the rolecheck team "
        "(`training_data/`).",
        "",
        f"- Training data: `{facts['trained_on']}`, {facts['n_postings']} postings, "
        f"SHA-256 `{facts['training_data_sha256']}`",
        f"- Model file SHA-256: `{facts['sha256']}`",
        f"- Trained: {facts['trained_at']}, seed {facts['seed']}",
        f"- Libraries: scikit-learn {libs['scikit-learn']}, spaCy {libs['spacy']}, numpy {libs['numpy']}",
        "",
        "## Data counts",
        "",
        "| role | postings |", "|---|---|",
        *[f"| {r} | {facts['role_counts'].get(r, 0)} |" for r in ROLES],
        "",
        "| seniority | postings |", "|---|---|",
        *[f"| {lv} | {facts['seniority_counts'].get(lv, 0)} |" for lv in LEVELS],
        "",
        f"## Cross-validated on the training data ({cv['folds']} stratified folds)",
        "",
        f"- Role accuracy {cv['role_accuracy']:.3f}, macro-F1 {cv['role_macro_f1']:.3f}",
        f"- Seniority exact {cv['seniority_accuracy']:.3f}, within one level {cv['seniority_within_one']:.3f}",
        "",
        "Cross-validation on authored text overstates accuracy on real postings; see the README for "
        "figures on real postings.",
        "",
    ]
    return "\n".join(lines)
