"""The installed console script, end to end, on the bundled examples."""
import json

from conftest import EXAMPLES

MISMATCH = EXAMPLES / "owner-title-project-duties.txt"
MATCH = EXAMPLES / "scrum-master-match.md"
NO_TITLE = EXAMPLES / "no-title-product-manager.txt"


def _json(run, *args):
    proc = run("--json", *args)
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def test_mismatch_example_text_output(run):
    proc = run(MISMATCH)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "Product Owner" in out and "(as posted)" in out
    assert "MISMATCH: titled Product Owner, the duties read as a project manager" in out
    assert "Evidence   project_manager" in out


def test_three_examples_verdicts_and_schema(run):
    rows = _json(run, MISMATCH, MATCH, NO_TITLE)
    assert [(r["role"], r["verdict"]) for r in rows] == [
        ("project_manager", "mismatch"), ("scrum_master", "match"), ("product_manager", "no_title")]
    for row in rows:
        assert row["schema_version"] == 1 and row["model_version"]
        assert abs(sum(row["role_probabilities"].values()) - 1) < 1e-3
        assert abs(sum(row["seniority_probabilities"].values()) - 1) < 1e-3
        assert row["role"] == max(row["role_probabilities"], key=row["role_probabilities"].get)
        assert row["role_confidence"] == max(row["role_probabilities"].values())
    assert rows[0]["title"] == "Product Owner" and rows[0]["title_role"] == "product_owner"
    assert rows[2]["title"] is None


def test_evidence_offsets_point_into_the_input(run):
    text = MISMATCH.read_text(encoding="utf-8")
    row = _json(run, MISMATCH)[0]
    assert row["evidence"], "no evidence"
    for ev in row["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert ev["role"] in row["role_probabilities"]
    assert row["evidence"][0]["role"] == "project_manager" and row["evidence"][0]["weight"] > 0


def test_stdin_and_title_override(run):
    proc = run("--json", "--title", "Scrum Master", "-", stdin=MISMATCH.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    row = json.loads(proc.stdout)
    assert row["title"] == "Scrum Master" and row["title_from"] == "given" and row["verdict"] == "mismatch"


def test_usage_error_exit_2(run):
    proc = run("--no-such-option", MATCH)
    assert proc.returncode == 2


def test_missing_file_exit_3_one_line(run, tmp_path):
    proc = run(tmp_path / "nope.txt")
    assert proc.returncode == 3
    err = proc.stderr.decode().strip()
    assert err.count("\n") == 0 and "no such file" in err and "Traceback" not in err


def test_one_bad_file_does_not_hide_the_good_one(run, tmp_path):
    proc = run("--json", tmp_path / "nope.txt", MATCH)
    assert proc.returncode == 3
    assert json.loads(proc.stdout)["role"] == "scrum_master"


def test_untrusted_model_refused_exit_4(run, tmp_path):
    proc = run("--model", tmp_path, MATCH)
    assert proc.returncode == 4 and "--trust-model" in proc.stderr.decode()


def test_trusted_but_missing_model_exit_4(run, tmp_path):
    proc = run("--model", tmp_path, "--trust-model", MATCH)
    assert proc.returncode == 4 and "no model" in proc.stderr.decode()
