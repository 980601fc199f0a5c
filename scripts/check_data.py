"""Data check for training_data/: schema and labels, near-duplicates, balance table.

Usage: python scripts/check_data.py [training_data/postings.jsonl] [--threshold 0.5]

Near-duplicates: Jaccard similarity of 5-word shingles, estimated with MinHash and LSH
(datasketch) and confirmed exactly; any pair at or over the threshold fails the check.
Targets (unless --no-targets): at least 1,500 postings, 200 per role, 350 `other`, 150 per
seniority level, 25% misleading titles and 5% `usable: false`.
Exits 1 when anything fails, after printing every finding and the balance table.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from datasketch import MinHash, MinHashLSH

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from classifier.corpus import validate_record  # noqa: E402
from classifier.verdict import LEVELS, ROLES  # noqa: E402

SHINGLE = 5
PERM = 128


def shingles(text: str) -> set[str]:
    """Lower-case 5-word shingles of a text."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def near_duplicates(records: list[dict], threshold: float) -> list[tuple[str, str, float]]:
    """Pairs of ids whose descriptions share at least ``threshold`` of their shingles (Jaccard)."""
    lsh = MinHashLSH(threshold=threshold * 0.8, num_perm=PERM)
    sets, pairs = {}, []
    for rec in records:
        sh = shingles(rec["description"])
        mh = MinHash(num_perm=PERM, seed=1)
        mh.update_batch([s.encode() for s in sh])
        for other in lsh.query(mh):
            jac = len(sh & sets[other]) / len(sh | sets[other])
            if jac >= threshold:
                pairs.append((other, rec["id"], round(jac, 3)))
        lsh.insert(rec["id"], mh)
        sets[rec["id"]] = sh
    return pairs


def balance_table(records: list[dict]) -> str:
    """Role x seniority counts with totals, plus the share of misleading and unusable postings."""
    counts = Counter((r["role"], r["seniority"]) for r in records)
    head = f"{'':<17}" + "".join(f"{lv:>8}" for lv in LEVELS) + f"{'total':>8}"
    lines = [head]
    for role in ROLES:
        row = [counts[(role, lv)] for lv in LEVELS]
        lines.append(f"{role:<17}" + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}")
    totals = [sum(counts[(r, lv)] for r in ROLES) for lv in LEVELS]
    lines.append(f"{'total':<17}" + "".join(f"{n:>8}" for n in totals) + f"{sum(totals):>8}")
    n = len(records) or 1
    misleading = sum(r.get("misleading", "none") != "none" for r in records)
    unusable = sum(r.get("usable") is False for r in records)
    words = sorted(len(r["description"].split()) for r in records)
    lines.append(f"misleading titles {misleading} ({misleading / n:.0%}), usable:false {unusable} ({unusable / n:.0%}), "
                 f"words min {words[0] if words else 0} median {words[len(words) // 2] if words else 0} "
                 f"max {words[-1] if words else 0}")
    lines.append(f"industries {len({r.get('industry', '').lower() for r in records} - {''})}, "
                 f"countries {len({r.get('country', '').lower() for r in records} - {''})}")
    return "\n".join(lines)


# The corpus the project promises (issue: the training corpus).
TARGETS = {"postings": 1500, "per_role": 200, "other": 350, "per_level": 150, "misleading": 0.25, "unusable": 0.05}


def target_problems(records: list[dict]) -> list[str]:
    """Where the corpus falls short of ``TARGETS``."""
    n = len(records)
    roles = Counter(r["role"] for r in records)
    levels = Counter(r["seniority"] for r in records)
    out = []
    if n < TARGETS["postings"]:
        out.append(f"{n} postings, fewer than {TARGETS['postings']}")
    out += [f"{role}: {roles[role]} postings, fewer than {TARGETS['per_role']}"
            for role in ROLES if roles[role] < TARGETS["per_role"]]
    if roles["other"] < TARGETS["other"]:
        out.append(f"other: {roles['other']} postings, fewer than {TARGETS['other']}")
    out += [f"{lv}: {levels[lv]} postings, fewer than {TARGETS['per_level']}"
            for lv in LEVELS if levels[lv] < TARGETS["per_level"]]
    for key, test in (("misleading", lambda r: r.get("misleading", "none") != "none"),
                      ("unusable", lambda r: r.get("usable") is False)):
        share = sum(map(test, records)) / (n or 1)
        if share < TARGETS[key]:
            out.append(f"{key} share {share:.1%}, under {TARGETS[key]:.0%}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="training_data/postings.jsonl")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--no-targets", action="store_true", help="Skip the corpus size and balance targets.")
    args = parser.parse_args(argv)
    path = Path(args.data)
    problems, records, seen = [], [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except ValueError:
            problems.append(f"{path.name}:{n}: not valid JSON")
            continue
        found = validate_record(rec, f"{path.name}:{n}")
        if rec.get("id") in seen:
            found.append(f"{path.name}:{n}: duplicate id {rec.get('id')!r}")
        seen.add(rec.get("id"))
        problems.extend(found)
        if not found:
            records.append(rec)
    for a, b, jac in near_duplicates(records, args.threshold):
        problems.append(f"near-duplicate: {a} and {b} share {jac:.0%} of their 5-word shingles")
    if not args.no_targets:
        problems.extend(f"target: {p}" for p in target_problems(records))
    print(balance_table(records))
    for p in problems:
        print(f"FAIL {p}")
    print(f"{len(records)} postings checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
