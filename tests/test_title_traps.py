"""Titles that trap keyword rules: what the title claims, and that the tool still answers from duties."""
import json

import pytest

from classifier.verdict import title_level, title_role

TRAPS = [
    ("Intern – Office of the Chief Technology Officer", "other", "junior"),
    ("Internal Communications Manager", "other", "mid"),
    ("International Project Coordinator", "project_manager", "junior"),
    ("Senior Management Accountant", "other", "senior"),
    ("Associate Professor", "other", "mid"),
    ("Product Manager II", "product_manager", "senior"),
    ("Sr. PO", "product_owner", "senior"),
    ("Head of PMO", "project_manager", "head"),
    ("Chief Product Owner", "product_owner", "lead"),
    ("Project Manager (Scrum Master)", "project_manager", "mid"),
    ("Technical Program Manager", "project_manager", "mid"),
    ("Product Marketing Manager", "other", "mid"),
    ("Director of Product", "product_manager", "head"),
    # "Engineering" in a title is the field, not the job: these still claim the role they name.
    ("Engineering Program Manager, Payments", "project_manager", "mid"),
    ("Civil Engineering Project Manager", "project_manager", "mid"),
    ("Programs Manager, Operations", "project_manager", "mid"),
    ("Release Train Engineer", "scrum_master", "mid"),
    ("Senior Software Engineer", "other", "senior"),
    ("Project Team Leader", "project_manager", "lead"),
    ("Leadership Development Program Manager", "project_manager", "mid"),
]


@pytest.mark.parametrize("title,role,level", TRAPS, ids=[t[0] for t in TRAPS])
def test_title_claims(title, role, level):
    assert (title_role(title), title_level(title)) == (role, level)


# A title that claims no target role must not outweigh six clear project duties (this was a
# known defect until the corpus gained postings whose titles name none of the four roles).
DUTY_CASES = [pytest.param(*t, id=t[0]) for t in TRAPS[:5]]


@pytest.mark.parametrize("title,role,level", DUTY_CASES)
def test_trap_title_on_project_duties_is_judged_by_duties(run, title, role, level):
    from conftest import EXAMPLES

    text = (EXAMPLES / "owner-title-project-duties.txt").read_bytes()
    proc = run("--json", "--title", title, "-", stdin=text)
    assert proc.returncode == 0, proc.stderr.decode()
    row = json.loads(proc.stdout)
    assert row["title_role"] == role and row["role"] == "project_manager"
    assert row["verdict"] == ("match" if role == "project_manager" else "mismatch")
