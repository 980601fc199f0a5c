"""Model stage: the role and seniority classifiers, scoring, saving and trusted loading.

Both are multinomial logistic regressions over the one block matrix of ``vectorize.Vectorizer``
(hashed TF-IDF of the duty phrases, the title and the non-boilerplate context, plus the role
and level the title claims and the years asked), each with its own weight per block. Being
linear, the role model lets each duty's contribution to the decision be read off exactly
(``Model.scores``). They are fitted with scikit-learn (``fitting``) and kept as plain arrays
(``LinearHead``), so scoring never imports it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

import joblib
import numpy as np
import scipy.sparse as sp

from .errors import ModelError
from .vectorize import Vectorizer, duty_shares
from .verdict import LEVELS, ROLES

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
FORMAT = 2  # of the model file: 2 holds the classifiers as plain arrays (``LinearHead``)
# How much each block counts for each model. The title enters twice for role (its words and the
# role its keywords claim): the corpus has far more misleading titles than real postings, so
# without the claim the model learns to distrust titles more than real data warrants.
BLOCK_WEIGHTS = {
    "role": {"duties": 1.0, "title": 1.0, "context": 0.5, "role_claim": 0.5, "thin_claim": 1.0, "level_claim": 0.0,
             "years": 0.0},
    "seniority": {"duties": 0.5, "title": 1.0, "context": 0.5, "role_claim": 0.0, "thin_claim": 0.0, "level_claim": 1.0,
                  "years": 1.0},
}
# The whole-text ablation: no duty block, the whole text in the context block at full weight.
WHOLE_ROLE_WEIGHTS = dict(BLOCK_WEIGHTS["role"], duties=0.0, context=1.0)


def column_weights(vectorizer: Vectorizer, weights: dict) -> sp.dia_matrix:
    """A diagonal matrix that scales each block of the vectorizer's output by its weight."""
    w = np.concatenate([np.full(size, weights.get(name, 0.0))
                        for name, size in vectorizer.block_sizes().items()])
    return sp.diags(w, format="csr")


@dataclass
class LinearHead:
    """A fitted linear classifier as plain arrays: scoring needs no scikit-learn.

    The attribute names are scikit-learn's, so a head reads like the ``LogisticRegression`` it
    was taken from (``fitting.linear_head``).
    """

    classes_: np.ndarray  # (k,) class labels
    coef_: sp.csr_matrix  # (k, features)
    intercept_: np.ndarray  # (k,)

    def decision_function(self, x) -> np.ndarray:
        """``x @ coef_.T + intercept_``, one row per row of ``x``."""
        product = x @ self.coef_.T
        return (product.toarray() if sp.issparse(product) else np.asarray(product)) + self.intercept_


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
    role: LinearHead
    seniority: LinearHead
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
            # Block weights folded into the coefficients once, as a dense (features x classes) table.
            cache[name] = dense_table(column_weights(self.vectorizer, BLOCK_WEIGHTS[name]) @ clf.coef_.T)
        return times_table(x, cache[name]) + clf.intercept_

    def scores(self, frame) -> Scores:
        """Role and seniority probabilities and each duty's contribution, for a feature frame."""
        x, (per_duty, owner, counts, tfidf) = self.vectorizer.transform_parts(frame)
        role = _ordered(self._logits("role", x), self.role.classes_, ROLES, self.temperature.get("role", 1.0))
        level = _ordered(self._logits("seniority", x), self.seniority.classes_, LEVELS,
                         self.temperature.get("seniority", 1.0))
        contrib = np.zeros((per_duty.shape[0], len(ROLES)))
        if per_duty.shape[0]:
            shares = duty_shares(per_duty, owner, counts, tfidf)
            contrib = times_table(shares, self._duty_coef())
        bounds = np.searchsorted(owner, np.arange(len(frame) + 1))
        return Scores(role, level, [contrib[bounds[i]:bounds[i + 1]] for i in range(len(frame))])

    def predict_proba(self, frame):
        """Role and seniority probabilities, as two arrays with classes in ROLES / LEVELS order."""
        s = self.scores(frame)
        return s.role, s.seniority

    def _duty_coef(self) -> np.ndarray:
        """The role coefficients of the duty block times the block's weight, (features x roles) in ROLES order."""
        cached = self.__dict__.get("_duty_coef_cache")
        if cached is None:
            block = self.role.coef_[:, self.vectorizer.block_slices()["duties"]] * BLOCK_WEIGHTS["role"]["duties"]
            classes = list(self.role.classes_)
            rows = [classes.index(r) for r in ROLES]
            cached = self.__dict__["_duty_coef_cache"] = dense_table(block[rows].T)
        return cached


def dense_table(weights) -> np.ndarray:
    """A (features x classes) weight table as a dense float32 array.

    A sparse CSR matrix times a dense table is one fast pass over the stored entries; times a
    sparse table it is several times slower. Float32 halves the tables (over 25 MB) at a
    precision far below what a probability shows; they are built before the batch workers
    fork, so the workers share them.
    """
    if not sp.issparse(weights):
        return np.ascontiguousarray(weights, dtype=np.float32)
    # Filled in place: a float64 ``toarray()`` first would leave its 20-odd MB on the heap.
    coo = weights.tocoo()
    table = np.zeros(coo.shape, dtype=np.float32)
    table[coo.row, coo.col] = coo.data
    return table


def times_table(x, table: np.ndarray) -> np.ndarray:
    """``x @ table`` for a sparse CSR ``x`` and a float32 table, as float64.

    ``x``'s values are cast to float32 first: mixing the two types would make scipy copy the
    whole table on every call.
    """
    x = sp.csr_matrix(x)
    x32 = sp.csr_matrix((x.data.astype(np.float32), x.indices, x.indptr), shape=x.shape)
    return np.asarray(x32 @ table, dtype=np.float64)


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
    return {lib: version(lib) for lib in ("scikit-learn", "spacy", "numpy")}


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
    joblib.dump({"format": FORMAT, "vectorizer": model.vectorizer, "role": asdict(model.role),
                 "seniority": asdict(model.seniority), "temperature": model.temperature}, path, compress=3)
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
    if not isinstance(parts, dict) or parts.get("format") != FORMAT:
        raise ModelError(f"{path}: an older model format; retrain with 'classify train'")
    width = sum(parts["vectorizer"].block_sizes().values())
    if any(parts[name]["coef_"].shape[1] != width for name in ("role", "seniority")):
        raise ModelError(f"{path}: trained on another feature layout than this version reads; "
                         "retrain with 'classify train'")
    return Model(parts["vectorizer"], LinearHead(**parts["role"]), LinearHead(**parts["seniority"]), manifest, sha,
                 parts["temperature"])
