"""The model stage: shared block matrix, exact duty contributions, training weights, tokenizer."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier import features as feats
from classifier.corpus import Labeled
from classifier.model import BLOCK_WEIGHTS, column_weights
from classifier.nlp import build_nlp, light_tokenizer, process
from classifier.train import level_weights, misleading_weights
from classifier.verdict import ROLES
from conftest import EXAMPLES


def _frame(clf, paths):
    texts = [p.read_text(encoding="utf-8") for p in paths]
    docs = process(clf.nlp, texts)
    return feats.to_frame([feats.extract(doc, "Product Owner") for doc in docs])


def test_duty_contributions_add_up_to_the_duty_block_logits(clf):
    model = clf.model
    frame = _frame(clf, sorted(EXAMPLES.iterdir()))
    scores = model.scores(frame)
    x = model.vectorizer.transform(frame)
    block = model.vectorizer.block_slices()["duties"]
    only_duties = x.tolil()
    only_duties[:, :block.start] = 0
    only_duties[:, block.stop:] = 0
    weighted = only_duties.tocsr() @ column_weights(model.vectorizer, BLOCK_WEIGHTS["role"])
    direct = (weighted @ model.role.coef_.T)
    direct = direct.toarray() if hasattr(direct, "toarray") else np.asarray(direct)
    order = [list(model.role.classes_).index(r) for r in ROLES]
    for i, contrib in enumerate(scores.duty_contributions):
        assert contrib.shape == (len(frame["duties"][i]), len(ROLES)) and len(contrib) > 0
        np.testing.assert_allclose(contrib.sum(axis=0), direct[i, order], atol=1e-9)


def test_scores_match_the_classifier_decision_function(clf):
    model = clf.model
    frame = _frame(clf, sorted(EXAMPLES.iterdir()))
    x = model.vectorizer.transform(frame)
    sklearn_logits = model.role.decision_function(x @ column_weights(model.vectorizer, BLOCK_WEIGHTS["role"]))
    np.testing.assert_allclose(model._logits("role", x), sklearn_logits, atol=1e-9)


def _row(title, role, seniority):
    return Labeled(id="x", title=title, description="", role=role, seniority=seniority, usable=True, record={})


@pytest.mark.parametrize("prior", [0.1, 0.2, 0.5])
def test_misleading_titles_are_reweighted_to_the_prior(prior):
    rows = [_row("Product Owner", "project_manager", "mid")] * 30 + [_row("Project Manager", "project_manager", "mid")] * 70
    w = misleading_weights(rows, prior)
    assert w[30:].tolist() == [1.0] * 70
    assert w[:30].sum() / w.sum() == pytest.approx(prior)


def test_level_weights_leave_titles_without_level_words_alone():
    rows = ([_row("Senior Scrum Master", "scrum_master", "junior")] * 10 + [_row("Scrum Master", "scrum_master", "senior")] * 10
            + [_row("Senior Scrum Master", "scrum_master", "senior")] * 10)
    w = level_weights(rows, 0.1)
    assert w[10:].tolist() == [1.0] * 20
    assert w[:10].sum() / w.sum() == pytest.approx(0.1)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_light_tokenizer_keeps_every_character(text):
    nlp = build_nlp()
    assert nlp.make_doc(text).text == text


def test_light_tokenizer_splits_glued_words_and_edge_punctuation():
    nlp = build_nlp()
    tokens = [t.text for t in light_tokenizer(nlp.vocab)("Own the backlogWrite user stories (with QA).")]
    assert tokens == ["Own", "the", "backlog", "Write", "user", "stories", "(", "with", "QA", ")", "."]


def test_long_runs_renew_the_pipeline_and_keep_results(monkeypatch):
    import classifier.api as api
    from classifier.read import from_text

    monkeypatch.setattr(api, "RENEW_NLP_EVERY", 50)
    clf = api.Classifier()
    text = (EXAMPLES / "scrum-master-match.md").read_text(encoding="utf-8")
    posts = [from_text(f"{text}\n\nRequisition RQ-{i:06d}-{i * 7919 % 100003}", str(i), "Scrum Master")
             for i in range(300)]
    results = list(clf.classify_many(posts))
    assert len(clf.nlp.vocab.strings) < 2_000  # about one cycle's worth, not 300 postings' worth
    first, last = results[0], results[-1]
    assert (first.role, first.role_confidence, first.evidence[:3]) == (last.role, last.role_confidence, last.evidence[:3])
