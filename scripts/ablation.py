"""Ablation: duty-weighted features against whole-text features for role, in one run.

Usage: python scripts/ablation.py [--train training_data/postings.jsonl] [--eval ../shared/data/dev.jsonl]

Both role models are trained on the same authored postings with the same settings and sample
weights as ``classify train``; only the
text they read differs: duty phrases + title + non-boilerplate context, or the whole text + title.
Nothing trained here is saved.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from classifier.corpus import load  # noqa: E402
from classifier.fitting import role_pipeline  # noqa: E402
from classifier.train import featurize, misleading_weights  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=Path("training_data/postings.jsonl"))
    ap.add_argument("--eval", type=Path, default=Path("../shared/data/dev.jsonl"))
    args = ap.parse_args()
    train_rows, eval_rows = load(args.train), load(args.eval)
    x_train, x_eval = featurize(train_rows), featurize(eval_rows)
    y_train = np.array([r.role for r in train_rows])
    y_eval = np.array([r.role for r in eval_rows])
    print(f"train {len(train_rows)} postings ({args.train}), evaluate {len(eval_rows)} postings ({args.eval})")
    print(f"{'features':<34}{'accuracy':>10}{'macro-F1':>10}")
    for variant, name in (("duties", "duty-weighted (duties+title+ctx)"), ("whole", "whole text (+title)")):
        pipe = role_pipeline(variant).fit(x_train, y_train, clf__sample_weight=misleading_weights(train_rows))
        pred = pipe.predict(x_eval)
        print(f"{name:<34}{accuracy_score(y_eval, pred):>10.3f}{f1_score(y_eval, pred, average='macro'):>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
