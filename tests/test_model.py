"""The model stage: shared block matrix, exact duty contributions, training weights, tokenizer."""
import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier import features as feats
from classifier.corpus import Labeled
from classifier.fitting import linear_head
from classifier.model import BLOCK_WEIGHTS, column_weights
from classifier.nlp import build_nlp, light_tokenizer, process
from classifier.train import level_weights, misleading_weights
from classifier.vectorize import duty_shares, fit_idf, hash_duties, hash_words, tfidf
from classifier.verdict import ROLES
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from spacy.strings import hash_string
from conftest import EXAMPLES


# Scoring multiplies by float32 weight tables (``model.dense_table``); logits of a few units
# agree with the float64 formula to about 1e-6.
TABLE_PRECISION = 1e-5


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
        assert contrib.shape == (frame["n_duties"][i], len(ROLES)) and len(contrib) > 0
        np.testing.assert_allclose(contrib.sum(axis=0), direct[i, order], atol=TABLE_PRECISION)


@pytest.mark.parametrize("name", ["role", "seniority"])
def test_scores_match_the_classifier_decision_function(clf, name):
    model = clf.model
    frame = _frame(clf, sorted(EXAMPLES.iterdir()))
    x = model.vectorizer.transform(frame)
    plain = getattr(model, name).decision_function(x @ column_weights(model.vectorizer, BLOCK_WEIGHTS[name]))
    np.testing.assert_allclose(model._logits(name, x), plain, atol=TABLE_PRECISION)


def test_linear_head_decides_like_the_fitted_logistic_regression():
    rng = np.random.default_rng(0)
    x = sp.random(60, 40, density=0.2, format="csr", random_state=1)
    y = rng.choice(["a", "b", "c"], size=60)
    lr = LogisticRegression(max_iter=500).fit(x, y)
    head = linear_head(lr)
    assert list(head.classes_) == list(lr.classes_)
    np.testing.assert_allclose(head.decision_function(x), lr.decision_function(x), atol=1e-12)


def test_tfidf_equals_scikit_learns_sublinear_transformer():
    counts = sp.csr_matrix(np.array([[3, 0, 1, 0], [0, 2, 1, 0], [1, 0, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0]], dtype=float))
    reference = TfidfTransformer(sublinear_tf=True).fit(counts)
    np.testing.assert_allclose(fit_idf(counts, 1), reference.idf_)
    np.testing.assert_allclose(tfidf(counts, fit_idf(counts, 1)).toarray(), reference.transform(counts).toarray())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=4), st.data())
def test_duty_shares_split_each_postings_tfidf_by_each_duties_counts(sizes, data):
    # ``sizes``: how many duties each posting has (none is allowed); duties come in posting order.
    owner = np.repeat(np.arange(len(sizes)), sizes)
    cells = data.draw(st.lists(st.integers(0, 3), min_size=6 * len(owner), max_size=6 * len(owner)))
    per_duty = sp.csr_matrix(np.array(cells, dtype=float).reshape(len(owner), 6))
    counts = sp.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))),
                           shape=(len(sizes), len(owner))) @ per_duty
    weights = tfidf(counts, np.array([1.0, 2.0, 0.0, 1.5, 1.0, 3.0]))  # a zero idf: no weight, no share
    shares = duty_shares(per_duty, owner, counts.tocsr(), weights).toarray()
    dense_counts, dense_weights = counts.toarray(), weights.toarray()
    for d, posting in enumerate(owner):
        ratio = np.divide(dense_weights[posting], dense_counts[posting], out=np.zeros(6), where=dense_counts[posting] > 0)
        np.testing.assert_allclose(shares[d], per_duty.toarray()[d] * ratio)
    for posting in range(len(sizes)):
        np.testing.assert_allclose(shares[owner == posting].sum(axis=0), dense_weights[posting], atol=1e-12)


def test_rare_columns_get_no_idf():
    counts = sp.csr_matrix(np.array([[1, 1], [1, 0], [1, 0]], dtype=float))
    idf = fit_idf(counts, 2)
    assert idf[1] == 0.0 and idf[0] > 0


def test_scoring_never_imports_scikit_learn():
    code = ("import sys; from classifier.api import Classifier; from classifier.read import from_text; "
            "Classifier().classify(from_text('Own the backlog and write user stories.', 'x', 'Product Owner')); "
            "sys.exit(any(m == 'sklearn' or m.startswith('sklearn.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


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


def test_word_hashes_are_spacy_string_hashes_of_lower_cased_words():
    doc = build_nlp()("Own the Backlog, and run sprint reviews.")
    hashes, is_word = feats.word_hashes(doc)
    assert hashes[is_word].tolist() == [hash_string(w) for w in ("own", "the", "backlog", "and", "run", "sprint",
                                                                   "reviews")]


def test_duty_words_are_lemmas_grouped_by_phrase():
    nlp = build_nlp()
    doc = nlp("Responsibilities\n- Owns the backlog\n- Running sprint reviews\n")
    row = feats.extract(doc, None)
    index, lemmas = row.duties
    assert len(row.spans) == 2 and index.tolist() == [0, 0, 0, 1, 1, 1]
    assert lemmas.tolist() == [hash_string(w) for w in ("own", "the", "backlog", "run", "sprint", "review")]


def test_duty_hashing_skips_stop_words_and_never_joins_two_phrases():
    h = [hash_string(w) for w in ("own", "the", "backlog", "run", "reviews")]
    index, words = np.array([0, 0, 0, 2, 2]), np.array(h, dtype=np.uint64)
    counts = hash_duties([(index, words)], [3], bits=20)
    assert counts.shape == (3, 2 ** 20)
    # own, backlog, "own backlog" | nothing (a phrase with no words) | run, reviews, "run reviews"
    assert counts.getnnz(axis=1).tolist() == [3, 0, 3]
    alone = hash_duties([(np.array([0, 1]), np.array([h[2], h[3]], dtype=np.uint64))], [2], bits=20)
    assert alone.getnnz(axis=1).tolist() == [1, 1]  # "backlog run" crosses two phrases: no bigram


def test_word_hashing_counts_unigrams_and_bigrams():
    words = np.array([hash_string(w) for w in ("plan", "budget", "plan", "budget")], dtype=np.uint64)
    counts = hash_words([words, np.zeros(0, dtype=np.uint64)], bits=20).toarray()
    # 2 unigrams x2, bigram "plan budget" x2, "budget plan" x1: 7 grams in 5 columns (or fewer on a collision)
    assert counts[0].sum() == 7 and counts[1].sum() == 0
    assert sorted(counts[0][counts[0] > 0].tolist()) == [1, 2, 2, 2]


@pytest.mark.parametrize("text, years", [
    ("- 12+ years of experience", 12), ("At least five years' experience, ideally 8-10 years", 8),
    ("We have been around for 125 years.", -1), ("No experience asked", -1), ("3 yrs in retail", 3),
])
def test_years_asked(text, years):
    assert feats.years_asked(text) == years
