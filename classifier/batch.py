"""Batch scoring of exports: CSV, TSV, JSON Lines or Parquet in, the same rows out, scored.

Rows stream in chunks; every input row comes out, in input order, with its columns kept
and the result columns added. A row that cannot be scored gets ``status=error`` and the
reason; it is never dropped. Worker processes each load the model once.
"""
from __future__ import annotations

import gc
import io
import json
import multiprocessing
import os
import sys
import tempfile
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from .errors import InputError, RolecheckError, UsageError
from .read import DEFAULT_MAX_BYTES, from_text

FORMATS = ("csv", "tsv", "jsonl", "parquet")
BINARY_OUTPUTS = ("csv", "parquet")  # written by Arrow, as bytes
TITLE_NAMES = ("title", "job_title", "jobtitle", "position")
TEXT_NAMES = ("description", "job_description", "jobdescription", "descriptionplain", "text", "body")
ID_NAMES = ("id", "job_id", "posting_id")
LEVEL_NAMES = ("formatted_experience_level", "job_level", "seniority", "experience_level")
RESULT_COLUMNS = ("role", "role_confidence", "seniority", "seniority_confidence", "title_role", "verdict",
                  "evidence", "model_version", "status", "error")
MALFORMED = "\x00malformed"
_MARK_END = "\x01"

# Five levels -> what an export's own level column says (LinkedIn's six, Google's JobLevel...).
LEVEL_CROSSWALK = {
    "internship": "junior", "intern": "junior", "entry level": "junior",
    "entry": "junior", "junior": "junior", "associate": "mid", "mid-senior level": "senior",
    "mid_senior": "senior", "mid-senior": "senior", "mid": "mid", "senior": "senior",
    "director": "head", "executive": "head", "lead": "lead", "head": "head",
    # Google Cloud Talent Solution JobLevel
    "entry_level": "junior", "experienced": "senior", "manager": "lead",
}


@dataclass
class Summary:
    """Counts for the end-of-run summary."""

    rows: int = 0
    ok: int = 0
    needs_review: int = 0
    errors: int = 0
    mismatches: int = 0
    level_compared: int = 0
    level_agreed: int = 0
    error_rows: list = field(default_factory=list)


def detect_format(name: str, given: str | None) -> str:
    """The format named by --format, or by the file's extension."""
    if given:
        if given not in FORMATS:
            raise UsageError(f"unknown format {given!r}; use one of {', '.join(FORMATS)}")
        return given
    suffix = Path(name).suffix.lower().lstrip(".")
    fmt = {"csv": "csv", "tsv": "tsv", "tab": "tsv", "jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl",
           "parquet": "parquet", "pq": "parquet"}.get(suffix)
    if fmt is None:
        raise UsageError(f"{name}: cannot tell the format from the name; pass --format ({', '.join(FORMATS)})")
    return fmt


def find_column(columns, wanted: str | None, names: tuple[str, ...], what: str, required: bool) -> str | None:
    """The column for ``what``: the one given, or the first common export name (any case)."""
    by_lower = {str(c).lower(): c for c in columns}
    if wanted:
        if wanted in columns:
            return wanted
        if wanted.lower() in by_lower:
            return by_lower[wanted.lower()]
        raise UsageError(f"no column {wanted!r}; the file has: {', '.join(map(str, columns))}")
    for name in names:
        if name in by_lower:
            return by_lower[name]
    if required:
        raise UsageError(f"no {what} column (looked for {', '.join(names)}; use --{what}-col); "
                         f"the file has: {', '.join(map(str, columns))}")
    return None


def read_chunks(source, fmt: str, chunk_rows: int) -> Iterator[pd.DataFrame]:
    """Stream the input as DataFrames of strings; malformed lines become rows marked MALFORMED."""
    if fmt in ("csv", "tsv"):
        yield from _read_delimited(source, "," if fmt == "csv" else "\t", chunk_rows)
    elif fmt == "jsonl":
        yield from _read_jsonl(source, chunk_rows)
    else:
        yield from _read_parquet(source, chunk_rows)


def _read_delimited(source, sep: str, chunk_rows: int) -> Iterator[pd.DataFrame]:
    import csv

    csv.field_size_limit(2**31 - 1)  # a 10 MB cell is a row error later, not a parser crash
    bad: list[int] = []

    def on_bad(fields: list[str]):
        # Keep what fits; the last cell carries the mark, restored before writing.
        bad.append(len(fields))
        kept = (fields + [""] * expected)[:expected]
        kept[-1] = f"{MALFORMED} ({len(fields)} fields, expected {expected}){_MARK_END}{kept[-1]}"
        return kept

    header = pd.read_csv(source, sep=sep, nrows=0, dtype=str, encoding_errors="replace")
    expected = len(header.columns)
    if hasattr(source, "seek"):
        source.seek(0)
    reader = pd.read_csv(source, sep=sep, dtype=str, keep_default_na=False, chunksize=chunk_rows,
                         engine="python", on_bad_lines=on_bad, encoding_errors="replace")
    try:
        yield from reader
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise InputError(f"the file cannot be parsed as {'CSV' if sep == ',' else 'TSV'} "
                         f"({str(exc).splitlines()[0]})") from None


def _read_jsonl(source, chunk_rows: int) -> Iterator[pd.DataFrame]:
    rows: list[dict] = []
    handle = open(source, "rb") if isinstance(source, (str, Path)) else source
    try:
        for n, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
                if not isinstance(obj, dict):
                    raise ValueError("not an object")
                rows.append({k: _cell(v) for k, v in obj.items()})
            except (ValueError, UnicodeDecodeError) as exc:
                rows.append({"_malformed": f"{MALFORMED} (line {n}: {exc})"})
            if len(rows) >= chunk_rows:
                yield pd.DataFrame(rows, dtype=object)
                rows = []
        if rows:
            yield pd.DataFrame(rows, dtype=object)
    finally:
        if handle is not source:
            handle.close()


def _cell(value):
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


def _read_parquet(source, chunk_rows: int) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(source)
    for batch in pf.iter_batches(batch_size=chunk_rows):
        yield batch.to_pandas().astype(object).where(lambda d: d.notna(), None)


# --- workers -------------------------------------------------------------------------------

_WORKER = None
_WARM_UP = ("Product Owner\n\nResponsibilities\n- Own and order the team backlog\n- Write user stories\n"
            "- Run sprint reviews with stakeholders")


def _init_worker(model_dir: str | None, trust: bool) -> None:
    global _WORKER
    if _WORKER is not None:
        return  # forked from a parent that had loaded it
    from .api import Classifier, load_model

    _WORKER = Classifier(load_model(model_dir, trust=trust))
    _WORKER.classify(from_text(_WARM_UP, "warm-up"))  # fills the lazy tables and caches now


def _pool(jobs: int, model_dir: str | None, trust: bool) -> ProcessPoolExecutor | None:
    """Load the model here, then start the workers; on Linux they are forked and share its memory."""
    _init_worker(model_dir, trust)
    if jobs <= 1:
        return None
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    # Objects the collector never moves stay in pages the forked workers share instead of copying.
    gc.freeze()
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(model_dir, trust))


def score_rows(items: list[tuple[str | None, str | None]], max_bytes: int = DEFAULT_MAX_BYTES,
               classifier=None) -> list[dict]:
    """Score (title, text) pairs; return one dict of result columns per pair, errors included."""
    clf = classifier or _WORKER
    out: list[dict | None] = [None] * len(items)
    postings, where = [], []
    for i, (title, text) in enumerate(items):
        try:
            if text is not None and text.startswith(MALFORMED):
                raise InputError(f"malformed line{text[len(MALFORMED):]}")
            if text is None or not str(text).strip():
                raise InputError("missing or empty description")
            if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
                raise InputError(f"description over the {max_bytes:,}-byte limit")
            if "\ufffd" in text:
                raise InputError("undecodable bytes in the description (not valid UTF-8)")
            postings.append(from_text(text, "row", title if title and str(title).strip() else None))
            where.append(i)
        except RolecheckError as exc:
            out[i] = _error(str(exc), clf)
    if postings:
        try:
            results = list(clf.classify_many(postings))
        except RolecheckError:
            results = []
            for p in postings:  # find the rows at fault, score the rest
                try:
                    results.append(clf.classify(p))
                except RolecheckError as exc:
                    results.append(exc)
        for i, res in zip(where, results):
            out[i] = _error(str(res), clf) if isinstance(res, Exception) else _row(res)
    return out  # type: ignore[return-value]


def _row(res) -> dict:
    return {
        "role": res.role, "role_confidence": res.role_confidence, "seniority": res.seniority,
        "seniority_confidence": res.seniority_confidence, "title_role": res.title_role or "",
        "verdict": res.verdict, "evidence": " | ".join(e.text for e in res.evidence[:3]),
        "model_version": res.model_version, "status": "needs_review" if res.verdict == "needs_review" else "ok",
        "error": "",
    }


def _error(reason: str, clf) -> dict:
    reason = reason.removeprefix("row: ")
    return {"role": "", "role_confidence": None, "seniority": "", "seniority_confidence": None, "title_role": "",
            "verdict": "", "evidence": "", "model_version": clf.model.version if clf else "", "status": "error",
            "error": reason}


def _score_chunk(args) -> list[dict]:
    items, max_bytes = args
    return score_rows(items, max_bytes)


# --- writing -------------------------------------------------------------------------------

class _Writer:
    """Append scored chunks to the output in one format."""

    def __init__(self, handle, fmt: str):
        self.handle, self.fmt, self.first, self.parquet = handle, fmt, True, None
        self.csv_as_text = False  # set once a chunk had cells CSV cannot hold: the columns keep their types

    def write(self, frame: pd.DataFrame) -> None:
        if self.fmt == "csv":
            self._write_csv(frame)
        elif self.fmt == "tsv":
            frame.to_csv(self.handle, sep="\t", index=False, header=self.first)
        elif self.fmt == "jsonl":
            frame.to_json(self.handle, orient="records", lines=True, force_ascii=False)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = _text_table(frame)
            if self.parquet is None:
                self.parquet = pq.ParquetWriter(self.handle, table.schema)
            self.parquet.write_table(table.cast(self.parquet.schema))
        self.first = False

    def _write_csv(self, frame: pd.DataFrame) -> None:
        # Arrow's C++ writer, about ten times faster than ``to_csv``: in a batch run the main
        # process shares the cores with the workers, so its time is taken from scoring.
        # It quotes every string, which any CSV reader takes back unchanged.
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        options = pa_csv.WriteOptions(include_header=self.first)
        if not self.csv_as_text:
            try:
                pa_csv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), self.handle, options)
                return
            except pa.ArrowException:  # cells CSV cannot hold as they are (lists from Parquet input)
                self.csv_as_text = True
        pa_csv.write_csv(_text_table(frame), self.handle, options)

    def close(self) -> None:
        if self.parquet is not None:
            self.parquet.close()


def _text_table(frame: pd.DataFrame):
    """An Arrow table of the frame with every cell as text, the confidences as floats."""
    import pyarrow as pa

    return pa.Table.from_pandas(_as_strings(frame), preserve_index=False)


def _as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    floats = {"role_confidence", "seniority_confidence"}
    return frame.apply(lambda col: col.astype("float64") if col.name in floats
                       else col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)))


def run_batch(src: str, dest: str, *, fmt_in: str | None = None, fmt_out: str | None = None,
              title_col: str | None = None, text_col: str | None = None, id_col: str | None = None,
              jobs: int | None = None, chunk_rows: int = 256, max_bytes: int = DEFAULT_MAX_BYTES,
              model_dir: str | None = None, trust_model: bool = False,
              progress: Callable[[int], None] | None = None) -> Summary:
    """Score every row of ``src`` into ``dest`` ('-' for stdin/stdout); return the summary.

    The output is written to a temporary file beside ``dest`` and renamed when complete.
    """
    fmt_in = detect_format(src if src != "-" else "x.csv", fmt_in if src != "-" else (fmt_in or "csv"))
    fmt_out = detect_format(dest if dest != "-" else "x.csv", fmt_out or (fmt_in if dest == "-" else None))
    if src != "-" and not Path(src).is_file():
        raise InputError(f"{src}: no such file")
    source = sys.stdin.buffer if src == "-" else src
    if src == "-" and fmt_in in ("csv", "tsv", "parquet"):
        source = io.BytesIO(sys.stdin.buffer.read())  # pandas needs to read the header twice
    jobs = jobs or os.cpu_count() or 1
    summary = Summary()
    pool = _pool(jobs, model_dir, trust_model)  # before any output exists: a model error leaves nothing behind
    tmp = None
    if dest == "-":
        handle = sys.stdout.buffer if fmt_out in BINARY_OUTPUTS else sys.stdout
    else:
        out_dir = Path(dest).resolve().parent
        fd, tmp = tempfile.mkstemp(prefix=f".{Path(dest).name}.", suffix=".part", dir=out_dir)
        binary = fmt_out in BINARY_OUTPUTS
        handle = os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8",
                           newline=None if binary else "")
    writer = _Writer(handle, fmt_out)
    try:
        chunks = read_chunks(source, fmt_in, chunk_rows)
        cols: dict | None = None
        pending: deque = deque()
        for chunk in chunks:
            if cols is None:
                cols = _columns(chunk, title_col, text_col, id_col)
            items = _items(chunk, cols)
            job = (items, max_bytes)
            pending.append((chunk, pool.submit(_score_chunk, job) if pool else score_rows(items, max_bytes)))
            while len(pending) > 2 * jobs:
                _emit(pending.popleft(), writer, cols, summary, progress)
        while pending:
            _emit(pending.popleft(), writer, cols, summary, progress)
        writer.close()
        if tmp:
            handle.close()
            os.replace(tmp, dest)
            tmp = None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if tmp:
            handle.close()
            os.unlink(tmp)
    return summary


def _columns(chunk: pd.DataFrame, title_col, text_col, id_col) -> dict:
    columns = [c for c in chunk.columns if c != "_malformed"]
    return {
        "text": find_column(columns, text_col, TEXT_NAMES, "text", required=True),
        "title": find_column(columns, title_col, TITLE_NAMES, "title", required=False),
        "id": find_column(columns, id_col, ID_NAMES, "id", required=False),
        "level": find_column(columns, None, LEVEL_NAMES, "level", required=False),
    }


def _items(chunk: pd.DataFrame, cols: dict) -> list[tuple]:
    texts = chunk[cols["text"]] if cols["text"] in chunk else pd.Series([None] * len(chunk), index=chunk.index)
    if "_malformed" in chunk:
        texts = chunk["_malformed"].where(chunk["_malformed"].notna(), texts)
    last = chunk.columns[-1]
    marked = chunk[last].astype(str).str.startswith(MALFORMED)
    if marked.any():  # a malformed CSV line is marked in its last cell
        texts = texts.where(~marked, chunk[last].astype(str).str.split(_MARK_END).str[0])
    titles = chunk[cols["title"]] if cols["title"] and cols["title"] in chunk else [None] * len(chunk)
    return [(t if isinstance(t, str) else None, x if isinstance(x, str) else None) for t, x in zip(titles, texts)]


def _emit(entry, writer: _Writer, cols: dict, summary: Summary, progress) -> None:
    chunk, scored = entry
    results = scored.result() if hasattr(scored, "result") else scored
    res = pd.DataFrame(results, index=chunk.index, columns=list(RESULT_COLUMNS))
    base = chunk.drop(columns=[c for c in ("_malformed",) if c in chunk])
    last = base.columns[-1]
    if base[last].astype(str).str.startswith(MALFORMED).any():
        base = base.assign(**{last: base[last].astype(str).str.split(_MARK_END).str[-1]})
    base = base.drop(columns=[c for c in RESULT_COLUMNS if c in base])
    out = pd.concat([base, res], axis=1)
    writer.write(out)
    summary.rows += len(out)
    for i, r in enumerate(results):
        summary.ok += r["status"] == "ok"
        summary.needs_review += r["status"] == "needs_review"
        summary.mismatches += r["verdict"] == "mismatch"
        if r["status"] == "error":
            summary.errors += 1
            row_id = chunk[cols["id"]].iloc[i] if cols["id"] and cols["id"] in chunk else None
            summary.error_rows.append({"row": summary.rows - len(out) + i + 1, "id": row_id, "error": r["error"]})
        if cols["level"] and r["status"] != "error":
            theirs = LEVEL_CROSSWALK.get(str(chunk[cols["level"]].iloc[i]).strip().lower())
            if theirs:
                summary.level_compared += 1
                summary.level_agreed += theirs == r["seniority"]
    if progress:
        progress(len(out))
