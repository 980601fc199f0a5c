"""Benchmark ``classify batch`` against its floors, in one run.

Usage: python scripts/bench_batch.py [--rows 20000] [--jobs 2] [--median-words 700] [--keep DIR]

Builds an N-row CSV from the team's authored postings, lengthened to a realistic size
(log-normal word counts, median about 700, by joining postings), then measures:
  1. the floor of reading and writing the file with pandas alone;
  2. the floor of spaCy's tokenizer alone over the same texts, on the same number of processes,
     with spaCy's default English rules (just before and just after the batch) and with the
     pipeline's own lighter rules;
  3. ``classify batch`` end to end (a subprocess), with the peak memory of its whole process
     tree, as summed RSS (shared pages counted once per process) and summed PSS (shared pages
     split among the processes that share them: the memory really held).
Prints rows/s for each and the ratios of the batch against the floors.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def build_rows(n: int, median_words: int, seed: int = 0) -> pd.DataFrame:
    """N postings from training_data, joined until each reaches a log-normal target length."""
    recs = [json.loads(line) for line in (ROOT / "training_data" / "postings.jsonl").read_text().splitlines()]
    rng = np.random.default_rng(seed)
    targets = np.clip(rng.lognormal(np.log(median_words), 0.45, n), 60, 3000).astype(int)
    rows = []
    for i, target in enumerate(targets):
        first = recs[rng.integers(len(recs))]
        text, words = first["description"], len(first["description"].split())
        while words < target:
            extra = recs[rng.integers(len(recs))]["description"].split(" ")
            extra = " ".join(extra[:target - words + 1])  # stop near the target length
            text += "\n\n" + extra
            words += len(extra.split())
        # Real exports carry strings seen once (requisition numbers): they make spaCy's vocabulary grow.
        text += f"\n\nRequisition {rng.integers(16 ** 8):08x}-{i}"
        rows.append({"id": f"bench-{i}", "title": first["title"], "description": text})
    return pd.DataFrame(rows)


def _tokenize(args: tuple[list[str], bool]) -> int:
    import spacy

    texts, light = args
    nlp = spacy.blank("en")
    if light:
        from classifier.nlp import light_tokenizer

        nlp.tokenizer = light_tokenizer(nlp.vocab)
    return sum(1 for _ in nlp.tokenizer.pipe(texts, batch_size=64))


def tokenizer_floor(texts: list[str], jobs: int, light: bool = False) -> float:
    """rows/s of a blank English tokenizer alone, split over ``jobs`` processes.

    ``light``: the pipeline's own tokenizer (``classifier.nlp.light_tokenizer``) instead of
    spaCy's default English rules.
    """
    parts = [(texts[i::jobs], light) for i in range(jobs)]
    start = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_tokenize, parts))
    return len(texts) / (time.perf_counter() - start)


def pandas_floor(src: Path, dest: Path) -> float:
    """rows/s of reading the CSV in chunks and writing it back with pandas alone."""
    start = time.perf_counter()
    n, first = 0, True
    with open(dest, "w", newline="") as out:
        for chunk in pd.read_csv(src, dtype=str, keep_default_na=False, chunksize=256):
            chunk.to_csv(out, index=False, header=first)
            first, n = False, n + len(chunk)
    return n / (time.perf_counter() - start)


def _tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of a process and all its descendants (Linux /proc).

    RSS counts a page shared by forked workers once in every process; PSS splits it among
    them, so the PSS sum is the memory the tree really holds.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return rss, pss


def run_batch(src: Path, dest: Path, jobs: int) -> tuple[float, tuple[int, int], str]:
    """rows/s and the peak tree (RSS, PSS) of ``classify batch`` as a subprocess."""
    exe = [sys.executable, "-m", "classifier.cli"] if not _which("classify") else [_which("classify")]
    start = time.perf_counter()
    proc = subprocess.Popen([*exe, "batch", str(src), "-o", str(dest), "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = (0, 0)
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak = (max(peak[0], rss), max(peak[1], pss))
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    stop.set()
    t.join()
    secs = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {err.decode()[-500:]}")
    return len(pd.read_csv(dest, dtype=str, usecols=["id"])) / secs, peak, err.decode().strip()


def _which(name: str) -> str | None:
    from shutil import which

    return which(name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--median-words", type=int, default=700)
    ap.add_argument("--keep", type=Path, default=None, help="Write the files here instead of a temp dir.")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="rolecheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    frame = build_rows(args.rows, args.median_words)
    src = work / "bench.csv"
    frame.to_csv(src, index=False)
    words = frame["description"].str.split().str.len()
    print(f"input: {len(frame)} rows, median {int(words.median())} words, {src.stat().st_size / 1e6:.0f} MB, "
          f"{args.jobs} processes")
    texts = frame["description"].tolist()
    io_rate = pandas_floor(src, work / "copy.csv")
    light_rate = tokenizer_floor(texts, args.jobs, light=True)
    # The tokenizer floor is measured just before and just after the batch: on a shared machine the
    # speed drifts by a tenth or more over minutes, and the two show how far.
    tok_before = tokenizer_floor(texts, args.jobs)
    rate, peak, summary = run_batch(src, work / "out.csv", args.jobs)
    tok_after = tokenizer_floor(texts, args.jobs)
    print(f"pandas read+write alone   {io_rate:10.0f} rows/s")
    print(f"spaCy tokenizer alone     {tok_before:10.0f} rows/s before the batch, {tok_after:.0f} after "
          f"(default English rules)")
    print(f"light tokenizer alone     {light_rate:10.0f} rows/s   (the pipeline's own, classifier.nlp)")
    print(f"classify batch            {rate:10.0f} rows/s   peak memory of the process tree: "
          f"RSS {peak[0] / 1e6:.0f} MB, PSS {peak[1] / 1e6:.0f} MB")
    print(f"ratio batch / tokenizer   {rate / tok_before:10.2f}   against the floor before, "
          f"{rate / tok_after:.2f} against the floor after (default rules)")
    print(f"ratio batch / light tok.  {rate / light_rate:10.2f}")
    print(f"ratio batch / pandas io   {rate / io_rate:10.3f}")
    print(f"batch summary: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
