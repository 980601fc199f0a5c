"""Small metrics shared by training and evaluation."""
from __future__ import annotations

import numpy as np

from .verdict import LEVELS


def within_one(truth, pred) -> float:
    """Share of seniority predictions at most one level from the truth."""
    idx = {lv: i for i, lv in enumerate(LEVELS)}
    return float(np.mean([abs(idx[a] - idx[b]) <= 1 for a, b in zip(truth, pred)]))
