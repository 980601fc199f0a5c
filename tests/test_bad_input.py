"""Every bad input: one clear line on stderr, a documented exit code, never a traceback."""
import json
import zipfile

import pytest

GERMAN = ("Wir suchen einen erfahrenen Projektleiter für unser Team in München. Sie planen und steuern "
          "Projekte im Bereich Energie, übernehmen die Verantwortung für Budget und Termine und berichten "
          "an die Geschäftsführung. Sie verfügen über mehrjährige Erfahrung im Projektmanagement und "
          "sprechen fließend Deutsch. Wir bieten ein attraktives Gehalt, flexible Arbeitszeiten und "
          "einen modernen Arbeitsplatz mit vielen Entwicklungsmöglichkeiten.")
NO_DUTIES = ("Senior Product Owner\n\nAbout us\nBrightwater Mutual has insured farms in Iowa since 1921. "
             "We are proud of our people and our community.\n\nBenefits\n- 401(k) with match\n- Dental and vision\n"
             "- Paid parental leave\n\nHow to apply\nSend your resume to the hiring team. We look forward to it.")


def _zip(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")


CASES = {
    "missing": (None, 3, "no such file"),
    "directory": ("DIR", 3, "directory"),
    "empty": (b"", 3, "empty"),
    "whitespace": (b"  \n\t \n", 3, "empty"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "PNG"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", 3, "PDF"),
    "zip": ("ZIP", 3, "zip"),
    "undecodable": (bytes(range(128, 256)) * 4, 3, "encoding"),
    "too-large": (b"Own the backlog. " * 200, 3, "limit"),
    "german": (GERMAN.encode(), 3, "English"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file(run, tmp_path, name):
    content, code, needle = CASES[name]
    path = tmp_path / f"{name}.txt"
    if content == "DIR":
        path.mkdir()
    elif content == "ZIP":
        _zip(path)
    elif content is not None:
        path.write_bytes(content)
    args = ["--max-bytes", "1000", path] if name == "too-large" else [path]
    proc = run(*args)
    err = proc.stderr.decode().strip()
    assert proc.returncode == code, err
    assert len(err.splitlines()) == 1 and needle in err and "Traceback" not in err
    assert proc.stdout == b""


def test_no_duties_is_needs_review_with_low_confidence(run, tmp_path):
    path = tmp_path / "blurb.txt"
    path.write_text(NO_DUTIES)
    proc = run("--json", path)
    assert proc.returncode == 0, proc.stderr.decode()
    row = json.loads(proc.stdout)
    assert row["verdict"] == "needs_review" and row["n_duties"] == 0 and row["evidence"] == []


def test_broken_json_file(run, tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"title": "PO", "description": ')
    proc = run(path)
    assert proc.returncode == 3 and "not valid JSON" in proc.stderr.decode()
