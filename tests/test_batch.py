"""classify batch: every row back, in order, scored as classify scores it."""
import io

import pandas as pd
import pytest

from conftest import EXAMPLES

GOOD = [p for p in sorted(EXAMPLES.iterdir())]


def _frame():
    rows = []
    for i, path in enumerate(GOOD * 3):
        text = path.read_text(encoding="utf-8")
        rows.append({"job_id": f"r{i}", "Job_Title": "Product Owner" if i % 2 else "", "description": text,
                     "extra": f"keep-{i}"})
    return pd.DataFrame(rows)


def test_rows_in_equal_rows_out_with_broken_rows(run, tmp_path):
    src = tmp_path / "in.csv"
    _frame().to_csv(src, index=False)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write('bad1,"x","y","z","too","many"\n')
        fh.write("empty1,Product Owner,,keep\n")
        fh.write(f'huge1,PO,"{"word " * 2_200_000}",keep\n')
    with open(src, "ab") as fh:
        fh.write(b"undecodable,PO,\"caf\xe9 \xff\xfe own the backlog\",keep\n")
    out, errs = tmp_path / "out.csv", tmp_path / "errors.csv"
    proc = run("batch", src, "-o", out, "--errors", errs, "--jobs", "2")
    assert proc.returncode == 1, proc.stderr.decode()
    res = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(res) == len(_frame()) + 4
    assert res["job_id"].tolist()[-4:] == ["bad1", "empty1", "huge1", "undecodable"]
    assert res["extra"].tolist()[:9] == [f"keep-{i}" for i in range(9)]
    assert set(res["status"][:9]) <= {"ok", "needs_review"}
    assert res["status"].tolist()[-4:] == ["error"] * 4
    assert "malformed" in res["error"].iloc[-4] and "empty" in res["error"].iloc[-3]
    assert "limit" in res["error"].iloc[-2] and "undecodable" in res["error"].iloc[-1]
    errors = pd.read_csv(errs, dtype=str)
    assert errors["id"].tolist() == ["bad1", "empty1", "huge1", "undecodable"]
    summary = proc.stderr.decode()
    assert f"{len(res)} rows" in summary and "4 errors" in summary


@pytest.mark.parametrize("jobs", ["1", "2"])  # in process, and forked workers sharing the parent's model
def test_each_row_equals_classify_on_the_same_posting(run, tmp_path, clf, jobs):
    from classifier.read import from_text

    frame = _frame()
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    frame.to_json(src, orient="records", lines=True)
    proc = run("batch", src, "-o", out, "--jobs", jobs)
    assert proc.returncode == 0, proc.stderr.decode()
    res = pd.read_json(out, lines=True, dtype=False)
    for (_, row), (_, got) in zip(frame.iterrows(), res.iterrows()):
        want = clf.classify(from_text(row["description"], "row", row["Job_Title"] or None))
        assert (got["role"], got["seniority"], got["verdict"]) == (want.role, want.seniority, want.verdict)
        assert got["role_confidence"] == pytest.approx(want.role_confidence, abs=1e-4)


def test_shuffling_rows_changes_no_result(run, tmp_path):
    frame = _frame()
    shuffled = frame.sample(frac=1, random_state=3)
    results = []
    for name, f in (("a", frame), ("b", shuffled)):
        src, out = tmp_path / f"{name}.parquet", tmp_path / f"{name}.out.parquet"
        f.to_parquet(src, index=False)
        proc = run("batch", src, "-o", out, "--jobs", "2")
        assert proc.returncode == 0, proc.stderr.decode()
        results.append(pd.read_parquet(out).set_index("job_id").sort_index())
    cols = ["role", "role_confidence", "seniority", "verdict", "evidence"]
    pd.testing.assert_frame_equal(results[0][cols], results[1][cols])


def test_missing_text_column_lists_the_columns(run, tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"a": ["x"], "b": ["y"]}).to_csv(src, index=False)
    proc = run("batch", src, "-o", tmp_path / "out.csv")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "a, b" in err and "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()


def test_stdin_to_stdout_tsv(run, tmp_path):
    tsv = _frame().head(2).to_csv(sep="\t", index=False)
    proc = run("batch", "-", "-o", "-", "--format", "tsv", "--jobs", "1", stdin=tsv.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert lines[0].split("\t")[-10:] == ["role", "role_confidence", "seniority", "seniority_confidence",
                                         "title_role", "verdict", "evidence", "model_version", "status", "error"]


def test_non_english_and_no_duty_rows_in_batch(tmp_path):
    from classifier.batch import run_batch
    from test_bad_input import GERMAN, NO_DUTIES

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    frame = pd.DataFrame({"id": ["de", "blurb", "ok"], "title": ["Projektleiter", "", "Scrum Master"],
                          "description": [GERMAN, NO_DUTIES, (EXAMPLES / "scrum-master-match.md").read_text()]})
    frame.to_json(src, orient="records", lines=True)
    summary = run_batch(str(src), str(out), jobs=1)
    res = pd.read_json(out, lines=True, dtype=False)
    assert res["status"].tolist() == ["error", "needs_review", "ok"]
    assert "English" in res["error"][0] and summary.errors == 1 and summary.needs_review == 1


def test_many_chunks_through_forked_workers_come_back_in_order(tmp_path):
    """Chunks scored by two forked workers come back in input order, equal to scoring in process."""
    from classifier.batch import run_batch

    src = tmp_path / "in.csv"
    _frame().to_csv(src, index=False)
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.csv"
        summary = run_batch(str(src), str(out), jobs=jobs, chunk_rows=2)
        assert summary.rows == len(_frame())
        outs[jobs] = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert outs[2]["job_id"].tolist() == [f"r{i}" for i in range(len(_frame()))]
    pd.testing.assert_frame_equal(outs[1], outs[2])


def test_parquet_with_list_cells_to_csv_keeps_every_row_and_cell(tmp_path):
    """Cells a CSV cannot hold as they are (lists from Parquet) are written as text, in every chunk."""
    from classifier.batch import run_batch

    frame = _frame().head(4).assign(tags=[["a", "b"], [], ["c"], ["d"]],
                                    posted=pd.to_datetime(["2026-01-0%d" % d for d in range(1, 5)]))
    src, out = tmp_path / "in.parquet", tmp_path / "out.csv"
    frame.to_parquet(src)
    summary = run_batch(str(src), str(out), jobs=1, chunk_rows=2)
    res = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert summary.rows == len(res) == 4
    assert res["job_id"].tolist() == frame["job_id"].tolist()
    assert res["extra"].tolist() == frame["extra"].tolist()
    assert [t.count("'") for t in res["tags"]] == [4, 0, 2, 2] and res["posted"][0].startswith("2026-01-01")
    assert set(res["status"]) <= {"ok", "needs_review"}


def test_csv_to_stdout(run, tmp_path):
    src = tmp_path / "in.csv"
    _frame().head(3).to_csv(src, index=False)
    proc = run("batch", src, "-o", "-", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    res = pd.read_csv(io.BytesIO(proc.stdout), dtype=str, keep_default_na=False)
    assert res["job_id"].tolist() == ["r0", "r1", "r2"] and res["role"].str.len().min() > 0
