"""Property tests: any text gives a valid result or a clean error; boilerplate moves nothing."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classifier import Classifier
from classifier.errors import RolecheckError
from classifier.read import from_text, read_posting
from conftest import EXAMPLES

EEO = ("\n\nEqual opportunity\nHiring here turns on skills and the needs of the job alone. Race, colour, faith, sex, "
       "sexual orientation, gender identity, origin, disability and service history play no part in "
       "who we hire or promote. We provide reasonable accommodations to "
       "candidates with disabilities; ask the recruiter. We process personal data under our privacy notice.\n")
BLURB = ("\n\nAbout us\nFounded in 1987, Northgate Group is a leading provider of integrated services with "
         "offices in twelve countries. We manage complex programmes for our customers, drive innovation, own "
         "our mistakes and deliver results. Our culture is built on trust, curiosity and care.\n")
BENEFITS = ("\n\nWhat we offer\n- Manage your own hours with flexible working\n- Private health insurance\n"
            "- 25 days of holiday plus bank holidays\n- A learning budget you plan yourself\n")

_clf = None


def classifier():
    global _clf
    if _clf is None:
        _clf = Classifier()
    return _clf


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_any_text_gives_valid_result_or_clean_error(text):
    try:
        post = from_text(text, "prop")
        res = classifier().classify(post)
    except RolecheckError:
        return
    assert abs(sum(res.role_probabilities.values()) - 1) < 1e-3
    assert abs(sum(res.seniority_probabilities.values()) - 1) < 1e-3
    assert res.verdict in ("match", "mismatch", "no_title", "needs_review")
    assert res.role == max(res.role_probabilities, key=res.role_probabilities.get)
    for ev in res.evidence:
        assert post.text[ev.start:ev.end] == ev.text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_read_or_clean_error(data):
    try:
        post = read_posting(data, "fuzz.txt")
    except RolecheckError:
        return
    assert isinstance(post.text, str) and post.text.strip()


@pytest.mark.parametrize("path", sorted(EXAMPLES.iterdir()), ids=lambda p: p.name)
@pytest.mark.parametrize("extra", [EEO, BLURB, BENEFITS, EEO + BLURB + BENEFITS], ids=["eeo", "blurb", "benefits", "all"])
def test_boilerplate_changes_no_prediction(path, extra):
    text = path.read_text(encoding="utf-8")
    before = classifier().classify(from_text(text, "a"))
    after = classifier().classify(from_text(text + extra, "b"))
    assert (after.role, after.seniority, after.verdict) == (before.role, before.seniority, before.verdict)
    assert after.role_confidence == pytest.approx(before.role_confidence, abs=1e-6)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=80)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_cell, _cell), min_size=1, max_size=12))
def test_csv_round_trip_keeps_every_id_and_row(tmp_path_factory, rows):
    import pandas as pd

    from classifier.batch import run_batch

    work = tmp_path_factory.mktemp("rt")
    ids = [f"id-{i}" for i in range(len(rows))]
    frame = pd.DataFrame({"id": ids, "title": [t for t, _ in rows],
                          "description": [d + " You will own the backlog." for _, d in rows]})
    frame.to_csv(work / "in.csv", index=False)
    summary = run_batch(str(work / "in.csv"), str(work / "out.csv"), jobs=1)
    out = pd.read_csv(work / "out.csv", dtype=str, keep_default_na=False)
    assert out["id"].tolist() == ids and summary.rows == len(ids)
    assert out["title"].tolist() == frame["title"].tolist()
    assert set(out["status"]) <= {"ok", "needs_review", "error"}
