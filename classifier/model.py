"""Model stage: the role and seniority classifiers, their training, saving and trusted loading.

Both are scikit-learn pipelines over the frame from ``features.to_frame``: TF-IDF of the
duty phrases (n-grams never cross two duties), of the title and of the non-boilerplate
context, then a multinomial logistic regression. Being linear, the role model lets each
duty's contribution to the decision be read off exactly (``duty_contributions``).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import sklearn
import spacy
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

from .errors import ModelError
from .verdict import LEVELS, ROLES, title_level, title_role

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOP = frozenset("a an the and or of to for in on with our your their its be is are as at by from this that "
                  "it we you will all any".split())


def duty_ngrams(duties) -> list[str]:
    """Unigrams and bigrams of each duty phrase; no n-gram spans two duties."""
    grams: list[str] = []
    for duty in duties:
        words = [w for w in _TOKEN.findall(duty) if w not in _STOP]
        grams.extend(words)
        grams.extend(f"{a} {b}" for a, b in zip(words, words[1:]))
    return grams


def _years_bucket(frame) -> np.ndarray:
    years = np.asarray(frame, dtype=float).reshape(-1)
    edges = [(-1.5, -0.5, "none"), (-0.5, 2.5, "0-2"), (2.5, 4.5, "3-4"), (4.5, 7.5, "5-7"), (7.5, 99, "8+")]
    return np.array([[next(name for lo, hi, name in edges if lo < y <= hi)] for y in years], dtype=object)


def title_claims(frame) -> np.ndarray:
    """The role each title claims by the title-keyword rules, as one category column."""
    return np.array([[title_role(t) or "none"] for t in np.asarray(frame).reshape(-1)], dtype=object)


def title_levels(frame) -> np.ndarray:
    """The level each title claims by its level words, as one category column."""
    return np.array([[title_level(t)] for t in np.asarray(frame).reshape(-1)], dtype=object)


def _category(fn) -> Pipeline:
    return Pipeline([("rule", FunctionTransformer(fn)), ("onehot", OneHotEncoder(handle_unknown="ignore"))])


def _text_vectorizer(**kw) -> TfidfVectorizer:
    return TfidfVectorizer(sublinear_tf=True, lowercase=True, **kw)


def role_pipeline(variant: str = "duties", c: float = 1.0) -> Pipeline:
    """The role classifier. ``variant='whole'`` reads the whole text instead of duties + context (ablation).

    The title enters twice: its words, and the role its keywords claim. The corpus has far more
    misleading titles (over 25%) than real postings, so without the claim the model learns to
    distrust titles more than real data warrants.
    """
    title = [("title", _text_vectorizer(ngram_range=(1, 2)), "title"), ("claim", _category(title_claims), ["title"])]
    if variant == "whole":
        columns = [("whole", _text_vectorizer(ngram_range=(1, 2), min_df=2, max_features=100_000), "whole"), *title]
        weights = {"whole": 1.0, "title": 1.0, "claim": 0.5}
    else:
        columns = [("duties", _text_vectorizer(analyzer=duty_ngrams, min_df=2), "duties"), *title,
                   ("context", _text_vectorizer(ngram_range=(1, 2), min_df=2, max_features=100_000), "context")]
        weights = {"duties": 1.0, "title": 1.0, "claim": 0.5, "context": 0.5}
    features = ColumnTransformer(columns, transformer_weights=weights)
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))])


def seniority_pipeline(c: float = 1.0) -> Pipeline:
    """The seniority classifier: title words and level claim, years asked, and duty/context wording."""
    features = ColumnTransformer(
        [("title", _text_vectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b"), "title"),
         ("claim", _category(title_levels), ["title"]),
         ("years", Pipeline([("bucket", FunctionTransformer(_years_bucket)),
                             ("onehot", OneHotEncoder(handle_unknown="ignore"))]), ["years"]),
         ("duties", _text_vectorizer(analyzer=duty_ngrams, min_df=2), "duties"),
         ("context", _text_vectorizer(ngram_range=(1, 2), min_df=3, max_features=50_000), "context")],
        transformer_weights={"title": 1.0, "claim": 1.0, "years": 1.0, "duties": 0.5, "context": 0.5},
    )
    return Pipeline([("features", features),
                     ("clf", LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))])


@dataclass
class Model:
    """The trained classifiers with their metadata."""

    role: Pipeline
    seniority: Pipeline
    meta: dict = field(default_factory=dict)
    sha256: str = ""
    temperature: dict = field(default_factory=lambda: {"role": 1.0, "seniority": 1.0})

    @property
    def version(self) -> str:
        """The model version string (e.g. ``2026.11.0``)."""
        return self.meta.get("model_version", "unknown")

    def predict_proba(self, frame):
        """Role and seniority probabilities, as two arrays with classes in ROLES / LEVELS order."""
        return (_ordered(self.role, frame, ROLES, self.temperature.get("role", 1.0)),
                _ordered(self.seniority, frame, LEVELS, self.temperature.get("seniority", 1.0)))


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


def _ordered(pipe: Pipeline, frame, labels, temperature: float = 1.0) -> np.ndarray:
    proba = softmax(pipe.decision_function(frame), temperature)
    classes = list(pipe.classes_)
    out = np.zeros((proba.shape[0], len(labels)))
    for j, label in enumerate(labels):
        if label in classes:
            out[:, j] = proba[:, classes.index(label)]
    return out


def duty_contributions(model: Model, duty_vector, duties: list[str]) -> np.ndarray:
    """Each duty's share of the role logits: an array (n_duties, n_roles) in ROLES order.

    ``duty_vector`` is the posting's duty block (``duty_block``). Each n-gram's value is split
    among the duties that hold it, in proportion to how often each holds it, so the rows add
    up to the duty block's whole contribution to every class logit.
    """
    out = np.zeros((len(duties), len(ROLES)))
    parts = _duty_parts(model)
    if parts is None or not duties:
        return out
    vec, coef, weight = parts
    row = duty_vector.tocsr()
    values = dict(zip(row.indices.tolist(), (row.data * weight).tolist()))
    vocab = vec.vocabulary_
    per_duty = []
    totals: dict[int, int] = {}
    for duty in duties:
        counts: dict[int, int] = {}
        for gram in duty_ngrams([duty]):
            j = vocab.get(gram)
            if j is not None and j in values:
                counts[j] = counts.get(j, 0) + 1
                totals[j] = totals.get(j, 0) + 1
        per_duty.append(counts)
    for i, counts in enumerate(per_duty):
        for j, n in counts.items():
            out[i] += coef[:, j] * (values[j] * n / totals[j])
    return out


def duty_block(model: Model, frames) -> "object | None":
    """The duty TF-IDF block (sparse, one row per posting) of a feature frame."""
    parts = _duty_parts(model)
    if parts is None:
        return None
    return parts[0].transform(frames["duties"])


def _duty_parts(model: Model):
    """(duty vectorizer, its coefficient columns in ROLES order, block weight), cached on the model."""
    cached = getattr(model, "_duty_parts_cache", None)
    if cached is not None:
        return cached or None
    pipe = model.role
    ct: ColumnTransformer = pipe.named_steps["features"]
    if "duties" not in ct.named_transformers_:
        model._duty_parts_cache = ()
        return None
    block = ct.output_indices_["duties"]
    coef = pipe.named_steps["clf"].coef_[:, block]
    classes = list(pipe.classes_)
    ordered = np.stack([coef[classes.index(r)] if r in classes else np.zeros(coef.shape[1]) for r in ROLES])
    weight = (ct.transformer_weights or {}).get("duties", 1.0)
    model._duty_parts_cache = (ct.named_transformers_["duties"], ordered, weight)
    return model._duty_parts_cache


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
    joblib.dump({"role": model.role, "seniority": model.seniority, "temperature": model.temperature}, path, compress=3)
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
    return Model(parts["role"], parts["seniority"], manifest, sha, parts.get("temperature", {"role": 1.0, "seniority": 1.0}))
