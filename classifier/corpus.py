"""Labeled postings (JSON Lines, ../shared/LABELING.md): load and validate them."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .read import Posting, from_text
from .verdict import LEVELS, ROLES


@dataclass(frozen=True)
class Labeled:
    """One labeled posting."""

    id: str
    title: str
    description: str
    role: str
    seniority: str
    usable: bool
    record: dict

    def posting(self) -> Posting:
        """The posting as the classifier reads it (HTML converted, title as labeled)."""
        return from_text(self.description, self.id, self.title or None)


def validate_record(rec: dict, where: str) -> list[str]:
    """Problems with one record, as readable strings (empty when it is valid)."""
    problems = []
    for key in ("id", "title", "description", "role", "seniority"):
        if key not in rec:
            problems.append(f"{where}: missing '{key}'")
        elif not isinstance(rec[key], str):
            problems.append(f"{where}: '{key}' must be a string")
    if rec.get("role") not in ROLES:
        problems.append(f"{where}: role {rec.get('role')!r} is not one of {', '.join(ROLES)}")
    if rec.get("seniority") not in LEVELS:
        problems.append(f"{where}: seniority {rec.get('seniority')!r} is not one of {', '.join(LEVELS)}")
    if not isinstance(rec.get("description", ""), str) or not rec.get("description", "").strip():
        problems.append(f"{where}: empty description")
    if "usable" in rec and not isinstance(rec["usable"], bool):
        problems.append(f"{where}: 'usable' must be true or false")
    return problems


def load(path: str | Path) -> list[Labeled]:
    """Load a labeled JSONL file, raising InputError listing the first problems found."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    rows, problems, seen = [], [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            rec = json.loads(line)
        except ValueError:
            problems.append(f"{where}: not valid JSON")
            continue
        found = validate_record(rec, where)
        if rec.get("id") in seen:
            found.append(f"{where}: duplicate id {rec.get('id')!r}")
        seen.add(rec.get("id"))
        if found:
            problems.extend(found)
            continue
        rows.append(Labeled(rec["id"], rec["title"], rec["description"], rec["role"], rec["seniority"],
                            rec.get("usable", True), rec))
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError("; ".join(problems[:5]) + more)
    if not rows:
        raise InputError(f"{path}: no labeled postings")
    return rows


def data_hash(path: str | Path) -> str:
    """SHA-256 of a data file, for the model card."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
