"""Fitting the model with scikit-learn: the training pipelines and the final fit.

Only training, cross-validation and the ablation import this module; scoring reads the fitted
classifiers as plain arrays (``model.LinearHead``).
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .model import BLOCK_WEIGHTS, WHOLE_ROLE_WEIGHTS, LinearHead, column_weights
from .vectorize import Vectorizer


class BlockWeights(BaseEstimator, TransformerMixin):
    """Scale the blocks of a ``Vectorizer`` matrix (a pipeline step, for cross-validation)."""

    def __init__(self, weights: dict, vectorizer: Vectorizer):
        self.weights = weights
        self.vectorizer = vectorizer

    def fit(self, x, y=None):
        """Nothing to learn."""
        return self

    def transform(self, x):
        """The matrix with each block scaled."""
        return x @ column_weights(self.vectorizer, self.weights)


def _classifier(c: float = 1.0) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def _pipeline(weights: dict, variant: str, c: float) -> Pipeline:
    vec = Vectorizer(variant)
    return Pipeline([("vec", vec), ("weights", BlockWeights(weights, vec)), ("clf", _classifier(c))])


def role_pipeline(variant: str = "duties", c: float = 1.0) -> Pipeline:
    """The role classifier as one pipeline (cross-validation, ablation). ``variant='whole'``: whole text."""
    return _pipeline(WHOLE_ROLE_WEIGHTS if variant == "whole" else BLOCK_WEIGHTS["role"], variant, c)


def seniority_pipeline(c: float = 1.0) -> Pipeline:
    """The seniority classifier as one pipeline (cross-validation)."""
    return _pipeline(BLOCK_WEIGHTS["seniority"], "duties", c)


def linear_head(clf: LogisticRegression) -> LinearHead:
    """The fitted classifier's classes, coefficients (sparse: unused hashed columns stay zero) and intercepts."""
    return LinearHead(np.asarray(clf.classes_), sp.csr_matrix(clf.coef_), np.asarray(clf.intercept_, dtype=float))


def fit(frame, roles, levels, role_weights=None, level_weights=None,
        c: float = 1.0) -> tuple[Vectorizer, LinearHead, LinearHead]:
    """Fit the shared vectorizer and both classifiers on a feature frame."""
    vec = Vectorizer().fit(frame)
    x = vec.transform(frame)
    role = _classifier(c).fit(x @ column_weights(vec, BLOCK_WEIGHTS["role"]), roles, sample_weight=role_weights)
    level = _classifier(c).fit(x @ column_weights(vec, BLOCK_WEIGHTS["seniority"]), levels,
                               sample_weight=level_weights)
    return vec, linear_head(role), linear_head(level)
