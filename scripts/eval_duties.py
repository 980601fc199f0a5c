"""Precision and recall of the duty finder against the annotated duty spans.

Usage: python scripts/eval_duties.py [training_data/postings.jsonl] [training_data/duty_spans.jsonl]

Matching rule (overlap-based): a found span and an annotated span match when they overlap
by at least half of the shorter of the two. Precision is the share of found spans that
match some annotated span; recall the share of annotated spans matched by some found span.
Figures are also given for composed postings (``gen-*``, from scripts/compose_corpus.py),
hand-written ones, and each layout.
Postings are read the way the tool reads them (HTML converted to text); annotated spans
are carried over to the converted text by their wording.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from classifier.nlp import get_nlp, process  # noqa: E402
from classifier.read import from_text  # noqa: E402


def matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two [start, end) ranges overlap by at least half of the shorter one."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and overlap >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def carry_over(raw: str, text: str, spans: list[list[int]]) -> list[tuple[int, int]]:
    """Map annotated spans in the raw description to the text the tool reads."""
    if raw == text:
        return [tuple(s) for s in spans]
    out, pos = [], 0
    for start, end in spans:
        phrase = " ".join(raw[start:end].split())
        at = text.find(phrase, pos)
        if at < 0:
            at = text.find(phrase)
        if at >= 0:
            out.append((at, at + len(phrase)))
            pos = at + len(phrase)
    return out


def score(postings_path: Path, spans_path: Path) -> dict:
    """Counts and P/R over every posting that has annotations."""
    gold = {json.loads(line)["id"]: json.loads(line)["duties"] for line in spans_path.read_text().splitlines()}
    recs = [json.loads(line) for line in postings_path.read_text(encoding="utf-8").splitlines()]
    recs = [r for r in recs if r["id"] in gold]
    nlp = get_nlp()
    posts = [from_text(r["description"], r["id"], r["title"] or None) for r in recs]
    counts: dict[str, list[int]] = {}  # group -> [postings, matched found, found, matched annotated, annotated]
    worst = []
    for rec, post, doc in zip(recs, posts, process(nlp, (p.text for p in posts))):
        g = carry_over(rec["description"], post.text, gold[rec["id"]])
        p = [(s.start_char, s.end_char) for s in doc.spans["duties"]]
        hit_p = sum(any(matches(x, y) for y in g) for x in p)
        hit_g = sum(any(matches(y, x) for x in p) for y in g)
        origin = "composed" if rec["id"].startswith("gen-") else "hand-written"
        for group in ("all", origin, f"layout {rec.get('layout', '?')}"):
            c = counts.setdefault(group, [0, 0, 0, 0, 0])
            for k, v in enumerate((1, hit_p, len(p), hit_g, len(g))):
                c[k] += v
        worst.append((len(p) - hit_p + len(g) - hit_g, rec["id"], rec.get("layout", "")))
    worst.sort(reverse=True)
    groups = {name: {"postings": c[0], "found": c[2], "annotated": c[4],
                     "precision": c[1] / c[2] if c[2] else 0.0, "recall": c[3] / c[4] if c[4] else 0.0}
              for name, c in counts.items()}
    return {**groups["all"], "groups": groups, "worst": worst[:10]}


def main() -> int:
    args = sys.argv[1:]
    postings = Path(args[0] if args else "training_data/postings.jsonl")
    spans = Path(args[1] if len(args) > 1 else "training_data/duty_spans.jsonl")
    res = score(postings, spans)
    print(f"{res['postings']} postings, {res['annotated']} annotated duty spans, {res['found']} found")
    print(f"precision {res['precision']:.3f}  recall {res['recall']:.3f}  (overlap >= half the shorter span)")
    print(f"{'group':<22}{'postings':>9}{'precision':>11}{'recall':>8}")
    for name, g in sorted(res["groups"].items()):
        print(f"{name:<22}{g['postings']:>9}{g['precision']:>11.3f}{g['recall']:>8.3f}")
    print("most errors:", ", ".join(f"{i} ({lay}, {n})" for n, i, lay in res["worst"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
