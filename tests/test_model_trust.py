"""The model is only loaded when its SHA-256 and library versions check out."""
import json
import shutil

import pytest

from classifier.errors import ModelError
from classifier.model import default_model_dir, load


@pytest.fixture()
def model_copy(tmp_path):
    src = default_model_dir()
    for name in ("model.joblib", "manifest.json"):
        shutil.copy(src / name, tmp_path / name)
    return tmp_path


def test_bundled_model_loads_and_matches_manifest():
    model = load()
    manifest = json.loads((default_model_dir() / "manifest.json").read_text())
    assert model.sha256 == manifest["sha256"] and model.version == manifest["model_version"]


def test_other_model_needs_trust(model_copy):
    with pytest.raises(ModelError, match="trust"):
        load(model_copy)
    assert load(model_copy, trust=True).sha256


def test_tampered_model_refused(model_copy):
    with open(model_copy / "model.joblib", "ab") as fh:
        fh.write(b"x")
    with pytest.raises(ModelError, match="SHA-256"):
        load(model_copy, trust=True)


def test_other_library_version_refused(model_copy):
    manifest = json.loads((model_copy / "manifest.json").read_text())
    manifest["libraries"]["scikit-learn"] = "0.24.2"
    (model_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="retrain"):
        load(model_copy, trust=True)


def _rewrite(model_dir, change):
    """Load the copied model file's parts, change them, save, and re-sign the manifest."""
    import joblib

    from classifier.model import file_sha256

    parts = joblib.load(model_dir / "model.joblib")
    change(parts)
    joblib.dump(parts, model_dir / "model.joblib")
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["sha256"] = file_sha256(model_dir / "model.joblib")
    (model_dir / "manifest.json").write_text(json.dumps(manifest))


def test_older_model_format_refused(model_copy):
    _rewrite(model_copy, lambda parts: parts.pop("format"))
    with pytest.raises(ModelError, match="older model format"):
        load(model_copy, trust=True)


def test_model_of_another_feature_layout_refused(model_copy):
    _rewrite(model_copy, lambda parts: setattr(parts["vectorizer"], "title_bits", parts["vectorizer"].title_bits - 1))
    with pytest.raises(ModelError, match="feature layout"):
        load(model_copy, trust=True)
