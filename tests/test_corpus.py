"""The authored corpus: built from its sources, valid, no near-duplicates, duty spans extractable."""
import subprocess
import sys

from conftest import ROOT


def _script(*args):
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_corpus_is_built_from_its_sources():
    proc = _script("scripts/build_corpus.py", "--check")
    assert proc.returncode == 0, proc.stderr


def test_data_check_passes():
    proc = _script("scripts/check_data.py", "training_data/postings.jsonl")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "postings checked, 0 problems" in proc.stdout


def test_data_check_rejects_near_duplicates_and_bad_labels(tmp_path):
    import json

    rows = [json.loads(line) for line in (ROOT / "training_data" / "postings.jsonl").read_text().splitlines()[:3]]
    copy = dict(rows[0], id="copy-of-first")
    bad = dict(rows[1], id="bad-label", role="product_wizard")
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows + [copy, bad]) + "\n")
    proc = _script("scripts/check_data.py", path)
    assert proc.returncode == 1
    assert "near-duplicate" in proc.stdout and "product_wizard" in proc.stdout


def test_duty_extraction_meets_targets():
    proc = _script("scripts/eval_duties.py")
    assert proc.returncode == 0, proc.stderr
    line = next(l for l in proc.stdout.splitlines() if l.startswith("precision"))
    precision, recall = float(line.split()[1]), float(line.split()[3])
    assert precision >= 0.85 and recall >= 0.85, line
    # The same targets on the hand-written postings alone: their annotations owe nothing to the composer.
    hand = next(l for l in proc.stdout.splitlines() if l.startswith("hand-written"))
    postings, precision, recall = int(hand.split()[1]), float(hand.split()[2]), float(hand.split()[3])
    assert postings >= 80 and precision >= 0.85 and recall >= 0.85, hand


def test_data_check_reports_missed_targets(tmp_path):
    rows = (ROOT / "training_data" / "postings.jsonl").read_text().splitlines()[:40]
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(rows) + "\n")
    proc = _script("scripts/check_data.py", path)
    assert proc.returncode == 1 and "target: 40 postings, fewer than 1500" in proc.stdout
    assert _script("scripts/check_data.py", path, "--no-targets").returncode == 0
