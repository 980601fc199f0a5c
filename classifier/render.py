"""Render stage: Result objects as the human text block or as JSON lines."""
from __future__ import annotations

import json

from .api import Result
from .verdict import ROLES

_TITLE_FROM = {"given": "(given)", "first-line": "(as posted)", "json": "(from JSON)",
               "json-ld": "(from JSON-LD)", "none": ""}


def to_json(result: Result) -> str:
    """One compact JSON object (a line of JSON Lines)."""
    return json.dumps(result.to_dict(), ensure_ascii=False)


def to_text(result: Result) -> str:
    """The human-readable block shown by ``classify FILE``."""
    others = " · ".join(f"{r} {result.role_probabilities[r]:.2f}" for r in
                        sorted(ROLES, key=lambda r: -result.role_probabilities[r]) if r != result.role)
    title = result.title if result.title else "no title"
    lines = [
        f"File       {result.source}",
        f"Title      {title:<34} {_TITLE_FROM.get(result.title_from, '')}".rstrip(),
        f"Role       {result.role:<17} {result.role_confidence:.2f}             {others}",
        f"Seniority  {result.seniority:<17} {result.seniority_confidence:.2f}",
        f"Verdict    {result.verdict_text}",
    ]
    if result.evidence:
        for i, ev in enumerate(result.evidence):
            head = "Evidence   " if i == 0 else "           "
            phrase = ev.text if len(ev.text) <= 70 else ev.text[:67] + "..."
            lines.append(f"{head}{ev.role:<16} {ev.weight:+.2f}  \"{phrase}\"  [{ev.section}, {ev.start}-{ev.end}]")
    else:
        lines.append("Evidence   no duty phrases found")
    lines.append(f"Model      {result.model_version} (sha256 {result.model_sha256[:8]}…)")
    return "\n".join(lines)
