import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "postings"


@pytest.fixture(scope="session")
def classify_exe() -> str:
    # The script installed beside this interpreter, else the one on PATH.
    beside = Path(sys.executable).parent / "classify"
    exe = str(beside) if beside.exists() else shutil.which("classify")
    assert exe, "the classify console script is not installed"
    return exe


@pytest.fixture(scope="session")
def run(classify_exe):
    def _run(*args, stdin: bytes | None = None):
        return subprocess.run([classify_exe, *map(str, args)], input=stdin, capture_output=True, timeout=300)
    return _run


@pytest.fixture(scope="session")
def clf():
    from classifier import Classifier
    return Classifier()
