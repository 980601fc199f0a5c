"""Build training_data/postings.jsonl and duty_spans.jsonl from the authored sources.

The team writes postings in training_data/src/*.txt, several per file:

    === posting ===
    id: po-001
    title: Senior Product Owner
    role: product_owner
    seniority: senior
    usable: true
    misleading: none            # none | role | seniority | both
    industry: fintech
    country: UK
    layout: bullets
    note: one line on hard cases (optional)
    ---
    The description, verbatim, with every duty phrase wrapped as ⟦like this⟧.

The markers are removed from the description and their character offsets are
written to duty_spans.jsonl, so duty annotations can never drift from the text.

Usage: python scripts/build_corpus.py [--check]   (--check: fail if outputs are stale)
       python scripts/build_corpus.py --validate FILE...   (parse files, print a summary)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "training_data" / "src"
POSTINGS = ROOT / "training_data" / "postings.jsonl"
SPANS = ROOT / "training_data" / "duty_spans.jsonl"

OPEN, CLOSE = "\u27e6", "\u27e7"
HEADER_KEYS = {"id", "title", "role", "seniority", "usable", "misleading", "industry",
               "country", "layout", "note", "confidence"}
REQUIRED = {"id", "title", "role", "seniority"}


class SourceError(ValueError):
    """An authored source file does not follow the format."""


def strip_markers(marked: str, where: str) -> tuple[str, list[list[int]]]:
    """Remove ⟦ ⟧ markers; return clean text and [start, end) offsets of each marked span."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    start = None
    for ch in marked:
        if ch == OPEN:
            if start is not None:
                raise SourceError(f"{where}: nested {OPEN}")
            start = pos
        elif ch == CLOSE:
            if start is None:
                raise SourceError(f"{where}: {CLOSE} without {OPEN}")
            if pos > start:
                spans.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    if start is not None:
        raise SourceError(f"{where}: unclosed {OPEN}")
    return "".join(out), spans


def parse_file(path: Path) -> list[tuple[dict, list[list[int]]]]:
    """Parse one source file into (record, duty spans) pairs."""
    text = path.read_text(encoding="utf-8")
    blocks = text.split("=== posting ===")
    if blocks[0].strip():
        raise SourceError(f"{path.name}: text before the first '=== posting ==='")
    records = []
    for n, block in enumerate(blocks[1:], 1):
        where = f"{path.name} posting {n}"
        head, sep, body = block.partition("\n---\n")
        if not sep:
            raise SourceError(f"{where}: no '---' line after the header")
        rec: dict = {}
        for line in head.strip().splitlines():
            key, colon, value = line.partition(":")
            key = key.strip()
            if not colon or key not in HEADER_KEYS:
                raise SourceError(f"{where}: bad header line {line!r}")
            rec[key] = value.strip()
        missing = REQUIRED - rec.keys()
        if missing:
            raise SourceError(f"{where}: missing {sorted(missing)}")
        description, spans = strip_markers(body.strip("\n").rstrip(), where)
        rec["usable"] = rec.get("usable", "true").lower() != "false"
        rec["description"] = description
        rec["source"] = "authored"
        records.append((rec, spans))
    return records


def build() -> tuple[str, str]:
    """Return the JSONL text of postings and of duty spans built from every source file."""
    posts, spans = [], []
    seen = set()
    for path in sorted(SRC.glob("*.txt")):
        for rec, sp in parse_file(path):
            if rec["id"] in seen:
                raise SourceError(f"{path.name}: duplicate id {rec['id']}")
            seen.add(rec["id"])
            order = ["id", "title", "description", "role", "seniority", "usable", "misleading",
                     "industry", "country", "layout", "confidence", "note", "source"]
            posts.append(json.dumps({k: rec[k] for k in order if k in rec}, ensure_ascii=False))
            spans.append(json.dumps({"id": rec["id"], "duties": sp}))
    return "\n".join(posts) + "\n", "\n".join(spans) + "\n"


def validate(paths: list[str]) -> int:
    """Parse the given source files only and print one line per posting."""
    for name in paths:
        try:
            records = parse_file(Path(name))
        except SourceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        for rec, sp in records:
            words = len(rec["description"].split())
            print(f"{rec['id']:<14} {rec['role']:<16} {rec['seniority']:<7} words={words:<5} "
                  f"duties={len(sp):<3} misleading={rec.get('misleading', 'none')}")
    return 0


def main() -> int:
    if "--validate" in sys.argv:
        return validate([a for a in sys.argv[1:] if a != "--validate"])
    try:
        posts, spans = build()
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if "--check" in sys.argv:
        stale = [p.name for p, t in ((POSTINGS, posts), (SPANS, spans))
                 if not p.exists() or p.read_text(encoding="utf-8") != t]
        if stale:
            print(f"stale: {', '.join(stale)}; run python scripts/build_corpus.py", file=sys.stderr)
            return 1
        return 0
    POSTINGS.write_text(posts, encoding="utf-8")
    SPANS.write_text(spans, encoding="utf-8")
    print(f"{posts.count(chr(10))} postings written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
