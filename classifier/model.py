"""Model stage: the role and seniority classifiers, their training, saving and trusted loading.

Both are multinomial logistic regressions over the one block matrix of ``vectorize.Vectorizer``
(hashed TF-IDF of the duty phrases, the title and the non-boilerplate context, plus the role
and level the title claims and the years asked), each with its own weight per block. Being
linear, the role model lets each duty's contribution to the decision be read off exactly
(``Model.scores``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
import spacy
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .errors import ModelError
from .vectorize import Vectorizer, duty_shares
from .verdict import LEVELS, ROLES

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
# How much each block counts for each model. The title enters twice for role (its words and the
# role its keywords claim): the corpus has far more misleading titles than real postings, so
# without the claim the model learns to distrust titles more than real data warrants.
BLOCK_WEIGHTS = {
    "role": {"duties": 1.0, "title": 1.0, "context": 0.5, "role_claim": 0.5, "level_claim": 0.0, "years": 0.0},
    "seniority": {"duties": 0.5, "title": 1.0, "context": 0.5, "role_claim": 0.0, "level_claim": 1.0, "years": 1.0},
}
# The whole-text ablation: no duty block, the whole text in the context block at full weight.
WHOLE_ROLE_WEIGHTS = dict(BLOCK_WEIGHTS["role"], duties=0.0, context=1.0)


def column_weights(vectorizer: Vectorizer, weights: dict) -> sp.dia_matrix:
    """A diagonal matrix that scales each block of the vectorizer's output by its weight."""
    w = np.concatenate([np.full(size, weights.get(name, 0.0))
                        for name, size in vectorizer.block_sizes().items()])
    return sp.diags(w, format="csr")


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


@dataclass
class Scores:
    """What the models say about a batch of postings."""

    role: np.ndarray  # (n, 5) probabilities in ROLES order
    seniority: np.ndarray  # (n, 5) probabilities in LEVELS order
    duty_contributions: list  # per posting, an (n_duties, 5) array: each duty's share of the role logits


@dataclass
class Model:
    """The trained vectorizer and classifiers with their metadata."""

    vectorizer: Vectorizer
    role: LogisticRegression
    seniority: LogisticRegression
    meta: dict = field(default_factory=dict)
    sha256: str = ""
    temperature: dict = field(default_factory=lambda: {"role": 1.0, "seniority": 1.0})

    @property
    def version(self) -> str:
        """The model version string (e.g. ``2026.11.0``)."""
        return self.meta.get("model_version", "unknown")

    def _logits(self, name: str, x) -> np.ndarray:
        """Decision values of one classifier on the unweighted block matrix, classes in its own order."""
        cache = self.__dict__.setdefault("_projection_cache", {})
        clf = getattr(self, name)
        if name not in cache:
            # Block weights folded into the coefficients once: one sparse product per batch.
            coef = sp.csr_matrix(clf.coef_)
            cache[name] = (column_weights(self.vectorizer, BLOCK_WEIGHTS[name]) @ coef.T).tocsr()
        product = x @ cache[name]
        return (product.toarray() if sp.issparse(product) else np.asarray(product)) + clf.intercept_

    def scores(self, frame) -> Scores:
        """Role and seniority probabilities and each duty's contribution, for a feature frame."""
        x, (per_duty, owner, counts, tfidf) = self.vectorizer.transform_parts(frame)
        role = _ordered(self._logits("role", x), self.role.classes_, ROLES, self.temperature.get("role", 1.0))
        level = _ordered(self._logits("seniority", x), self.seniority.classes_, LEVELS,
                         self.temperature.get("seniority", 1.0))
        contrib = np.zeros((per_duty.shape[0], len(ROLES)))
        if per_duty.shape[0]:
            shares = duty_shares(per_duty, owner, counts, tfidf)
            prod = shares @ self._duty_coef().T
            contrib = prod.toarray() if sp.issparse(prod) else np.asarray(prod)
        bounds = np.searchsorted(owner, np.arange(len(frame) + 1))
        return Scores(role, level, [contrib[bounds[i]:bounds[i + 1]] for i in range(len(frame))])

    def predict_proba(self, frame):
        """Role and seniority probabilities, as two arrays with classes in ROLES / LEVELS order."""
        s = self.scores(frame)
        return s.role, s.seniority

    def _duty_coef(self):
        """The role coefficients of the duty block in ROLES order, times the block's weight."""
        cached = self.__dict__.get("_duty_coef_cache")
        if cached is None:
            coef = self.role.coef_
            coef = coef.tocsr() if sp.issparse(coef) else np.asarray(coef)
            block = coef[:, self.vectorizer.block_slices()["duties"]] * BLOCK_WEIGHTS["role"]["duties"]
            classes = list(self.role.classes_)
            rows = [classes.index(r) for r in ROLES]
            cached = self.__dict__["_duty_coef_cache"] = block[rows]
        return cached


def fit(frame, roles, levels, role_weights=None, level_weights=None,
        c: float = 1.0) -> tuple[Vectorizer, LogisticRegression, LogisticRegression]:
    """Fit the shared vectorizer and both classifiers on a feature frame."""
    vec = Vectorizer().fit(frame)
    x = vec.transform(frame)
    role = _classifier(c).fit(x @ column_weights(vec, BLOCK_WEIGHTS["role"]), roles, sample_weight=role_weights)
    level = _classifier(c).fit(x @ column_weights(vec, BLOCK_WEIGHTS["seniority"]), levels,
                               sample_weight=level_weights)
    # Hashed columns no posting used keep a zero weight; sparse coefficients keep workers small.
    role.sparsify()
    level.sparsify()
    return vec, role, level


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of logits divided by a temperature."""
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, labels: np.ndarray, classes) -> float:
    """The temperature that minimises the negative log-likelihood of held-out logits."""
    idx = np.array([list(classes).index(y) for y in labels])
    grid = np.exp(np.linspace(np.log(0.05), np.log(5.0), 200))
    nll = [-np.log(softmax(logits, t)[np.arange(len(idx)), idx] + 1e-12).mean() for t in grid]
    return float(grid[int(np.argmin(nll))])


def _ordered(logits: np.ndarray, classes, labels, temperature: float = 1.0) -> np.ndarray:
    proba = softmax(logits, temperature)
    classes = list(classes)
    out = np.zeros((proba.shape[0], len(labels)))
    for j, label in enumerate(labels):
        if label in classes:
            out[:, j] = proba[:, classes.index(label)]
    return out


def library_versions() -> dict:
    """The versions a model file depends on."""
    return {"scikit-learn": sklearn.__version__, "spacy": spacy.__version__, "numpy": np.__version__}


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save(model: Model, directory: Path) -> str:
    """Write the model file and its manifest (SHA-256, versions); return the SHA-256."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    joblib.dump({"vectorizer": model.vectorizer, "role": model.role, "seniority": model.seniority,
                 "temperature": model.temperature}, path, compress=3)
    sha = file_sha256(path)
    manifest = dict(model.meta, sha256=sha, libraries=library_versions())
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    model.sha256 = sha
    return sha


def default_model_dir() -> Path:
    """Where the bundled model lives: ``classifier/models`` when installed, ``models/`` in a checkout."""
    from importlib import resources

    try:
        return Path(str(resources.files("classifier.models")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "models"


def load(directory: Path | None = None, *, trust: bool = False) -> Model:
    """Load a model after checking its SHA-256 and library versions.

    Any model other than the bundled one needs ``trust=True``: joblib files can run
    code when loaded.
    """
    bundled = directory is None
    directory = default_model_dir() if bundled else Path(directory)
    if not bundled and not trust:
        raise ModelError(f"{directory}: loading a model other than the bundled one can run code; "
                         "pass --trust-model if you trust it")
    path, manifest_path = directory / MODEL_FILE, directory / MANIFEST_FILE
    if not path.is_file() or not manifest_path.is_file():
        raise ModelError(f"{directory}: no model here (expected {MODEL_FILE} and {MANIFEST_FILE}); "
                         "run 'classify train'")
    try:
        manifest = json.loads(manifest_path.read_text())
    except ValueError:
        raise ModelError(f"{manifest_path}: the manifest is not valid JSON") from None
    sha = file_sha256(path)
    if sha != manifest.get("sha256"):
        raise ModelError(f"{path}: SHA-256 {sha[:12]}… does not match the manifest; the file is corrupt "
                         "or was replaced. Reinstall, or retrain with 'classify train'")
    saved = manifest.get("libraries", {})
    installed = library_versions()
    for lib in ("scikit-learn", "spacy"):
        if saved.get(lib) != installed[lib]:
            raise ModelError(f"{path}: saved with {lib} {saved.get(lib)}, installed is {installed[lib]}; "
                             "retrain with 'classify train' or install the matching version")
    try:
        parts = joblib.load(path)
    except Exception as exc:  # a corrupt pickle can raise almost anything
        raise ModelError(f"{path}: cannot load the model ({type(exc).__name__})") from None
    if not isinstance(parts, dict) or "vectorizer" not in parts:
        raise ModelError(f"{path}: an older model format; retrain with 'classify train'")
    return Model(parts["vectorizer"], parts["role"], parts["seniority"], manifest, sha, parts["temperature"])
