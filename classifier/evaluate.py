"""Measure the model on labeled postings, beside the title-keyword baseline, in one run."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from .api import Classifier
from .corpus import load
from .metrics import within_one
from .verdict import LEVELS, ROLES, title_level, title_role

ECE_BINS = 10


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE over equal-width confidence bins: the mean gap between confidence and accuracy."""
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (confidence > lo) & (confidence <= hi)
        if mask.any():
            ece += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(ece)


def _block(truth: list[str], pred: list[str], labels) -> dict:
    p, r, f, n = precision_recall_fscore_support(truth, pred, labels=list(labels), zero_division=0)
    return {
        "accuracy": round(float(accuracy_score(truth, pred)), 4),
        "macro_f1": round(float(f1_score(truth, pred, labels=list(labels), average="macro", zero_division=0)), 4),
        "per_class": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(n[i])} for i, lab in enumerate(labels)},
        "confusion": confusion_matrix(truth, pred, labels=list(labels)).tolist(),
    }


def evaluate(data: Path, classifier: Classifier | None = None) -> dict:
    """All figures for one labeled file: model and title-keyword baseline."""
    rows = load(data)
    clf = classifier or Classifier()
    results = list(clf.classify_many(r.posting() for r in rows))
    roles = [r.role for r in rows]
    levels = [r.seniority for r in rows]
    pred_roles = [res.role for res in results]
    pred_levels = [res.seniority for res in results]
    base_roles = [title_role(r.title) or "other" for r in rows]
    base_levels = [title_level(r.title) for r in rows]
    misleading = [i for i, (b, t) in enumerate(zip(base_roles, roles)) if b != t]
    conf = np.array([res.role_confidence for res in results])
    correct = np.array([a == b for a, b in zip(roles, pred_roles)], dtype=float)

    def subset_acc(pred):
        return round(float(np.mean([pred[i] == roles[i] for i in misleading])), 4) if misleading else None

    report = {
        "data": str(data),
        "n": len(rows),
        "model_version": clf.model.version,
        "role": _block(roles, pred_roles, ROLES),
        "seniority": {**_block(levels, pred_levels, LEVELS), "within_one": round(within_one(levels, pred_levels), 4)},
        "misleading_title": {"n": len(misleading), "accuracy": subset_acc(pred_roles)},
        "role_ece": round(expected_calibration_error(conf, correct), 4),
        "verdicts": {v: sum(res.verdict == v for res in results) for v in ("match", "mismatch", "no_title", "needs_review")},
        "baseline": {
            "role": _block(roles, base_roles, ROLES),
            "seniority": {**_block(levels, base_levels, LEVELS), "within_one": round(within_one(levels, base_levels), 4)},
            "misleading_title": {"n": len(misleading), "accuracy": subset_acc(base_roles)},
        },
        "_calibration": {"confidence": conf.tolist(), "correct": correct.tolist()},
        "errors": [{"id": rows[i].id, "title": rows[i].title, "truth": roles[i], "predicted": pred_roles[i],
                    "confidence": results[i].role_confidence}
                   for i in range(len(rows)) if roles[i] != pred_roles[i]],
    }
    return report


def format_report(rep: dict) -> str:
    """The figures as a plain-text report."""
    out = [f"{rep['n']} postings from {rep['data']} (model {rep['model_version']})", ""]
    for name, labels in (("role", ROLES), ("seniority", LEVELS)):
        m = rep[name]
        out.append(f"{name.upper():<16}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
        for lab in labels:
            c = m["per_class"][lab]
            out.append(f"  {lab:<14}{c['precision']:>10.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}{c['support']:>9}")
        out.append(f"  confusion (rows truth, columns predicted: {' '.join(labels)})")
        out.extend("    " + " ".join(f"{v:>4}" for v in row) for row in m["confusion"])
        out.append("")
    r, br = rep["role"], rep["baseline"]["role"]
    s, bs = rep["seniority"], rep["baseline"]["seniority"]
    ml, bml = rep["misleading_title"], rep["baseline"]["misleading_title"]
    out += [
        f"{'figure':<34}{'model':>8}{'title baseline':>16}",
        f"{'role accuracy':<34}{r['accuracy']:>8.3f}{br['accuracy']:>16.3f}",
        f"{'role macro-F1':<34}{r['macro_f1']:>8.3f}{br['macro_f1']:>16.3f}",
        f"{'accuracy where the title misleads':<34}{(ml['accuracy'] or 0):>8.3f}{(bml['accuracy'] or 0):>16.3f}"
        f"   (n={ml['n']})",
        f"{'seniority exact':<34}{s['accuracy']:>8.3f}{bs['accuracy']:>16.3f}",
        f"{'seniority within one level':<34}{s['within_one']:>8.3f}{bs['within_one']:>16.3f}",
        f"{'role expected calibration error':<34}{rep['role_ece']:>8.3f}",
    ]
    return "\n".join(out)


def write_report(rep: dict, directory: Path) -> list[Path]:
    """Write figures as JSON, confusion matrices and a reliability diagram as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    figures = {k: v for k, v in rep.items() if not k.startswith("_")}
    path = directory / "figures.json"
    path.write_text(json.dumps(figures, indent=2))
    written.append(path)
    for name, labels in (("role", ROLES), ("seniority", LEVELS)):
        fig, ax = plt.subplots(figsize=(6, 5))
        cm = np.array(rep[name]["confusion"])
        ax.imshow(cm, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
        ax.set_yticks(range(len(labels)), labels)
        for (i, j), v in np.ndenumerate(cm):
            ax.text(j, i, str(v), ha="center", va="center")
        ax.set_xlabel("predicted")
        ax.set_ylabel("truth")
        ax.set_title(f"{name} confusion matrix")
        fig.tight_layout()
        path = directory / f"confusion_{name}.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    conf = np.array(rep["_calibration"]["confidence"])
    correct = np.array(rep["_calibration"]["correct"])
    edges = np.linspace(0, 1, ECE_BINS + 1)
    mids, accs = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            mids.append(conf[mask].mean())
            accs.append(correct[mask].mean())
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "--", color="grey")
    ax.plot(mids, accs, "o-")
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"role reliability (ECE {rep['role_ece']:.3f})")
    fig.tight_layout()
    path = directory / "reliability_role.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    written.append(path)
    return written
