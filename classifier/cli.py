"""The ``classify`` command: a thin typer layer over the library.

Exit codes: 0 success, 1 some rows failed in a batch, 2 usage error, 3 input cannot be
read, 4 model problem.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperGroup

from .errors import InputError, ModelError, RolecheckError
from .read import DEFAULT_MAX_BYTES, read_file, read_posting

DEFAULT_COMMAND = "posting"


class _DefaultGroup(TyperGroup):
    """Route ``classify FILE`` to the default command when FILE is not a subcommand name."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args.insert(0, DEFAULT_COMMAND)
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_DefaultGroup, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Read job postings and say what the job really is, from its duties.\n\n"
                       "classify FILE [FILE ...] classifies postings (use - for stdin).")

MODEL_HELP = ("Use the model in this directory instead of the bundled one. Model files are "
              "joblib pickles, which can run code when loaded: requires --trust-model.")


def _fail(exc: RolecheckError) -> None:
    typer.echo(f"classify: error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


def _check_model_flags(model: Optional[Path], trust_model: bool) -> None:
    if trust_model and model is None:
        raise click.UsageError("--trust-model only goes with --model")
    if model is not None and not trust_model:
        _fail(ModelError(f"{model}: loading a model other than the bundled one can run code; "
                         "pass --trust-model if you trust it"))


def _classifier(model: Optional[Path], trust_model: bool):
    from .api import Classifier, load_model

    _check_model_flags(model, trust_model)
    return Classifier(load_model(model, trust=trust_model))


@app.command(DEFAULT_COMMAND, hidden=True)
def posting(
    files: List[str] = typer.Argument(..., help="Posting files (.txt, .md, .html, .json), or - for stdin."),
    title: Optional[str] = typer.Option(None, "--title", help="The posted title (overrides the one read)."),
    json_out: bool = typer.Option(False, "--json", help="One JSON object per posting (JSON Lines)."),
    model: Optional[Path] = typer.Option(None, "--model", help=MODEL_HELP),
    trust_model: bool = typer.Option(False, "--trust-model", help="Allow loading the --model file."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest input accepted."),
):
    """Classify posting files: role, seniority, evidence and verdict."""
    from .render import to_json, to_text

    try:
        clf = _classifier(model, trust_model)
    except RolecheckError as exc:
        _fail(exc)
    failed = 0
    for i, name in enumerate(files):
        try:
            if name == "-":
                post = read_posting(sys.stdin.buffer.read(), "<stdin>", title=title, max_bytes=max_bytes)
            else:
                post = read_file(name, title=title, max_bytes=max_bytes)
            result = clf.classify(post)
        except InputError as exc:
            typer.echo(f"classify: error: {exc}", err=True)
            failed += 1
            continue
        if json_out:
            typer.echo(to_json(result))
        else:
            if i:
                typer.echo()
            typer.echo(to_text(result))
    if failed:
        raise typer.Exit(InputError.exit_code)


@app.command()
def train(
    data: Path = typer.Option(Path("training_data/postings.jsonl"), "--data", help="Labeled JSONL."),
    out: Path = typer.Option(Path("models"), "--out", help="Directory to write the model to."),
):
    """Train the model from labeled postings and write it with its model card."""
    from .train import train as run_train

    try:
        facts = run_train(data, out)
    except RolecheckError as exc:
        _fail(exc)
    cv = facts["cv"]
    typer.echo(f"trained on {facts['n_postings']} postings -> {out}/ (sha256 {facts['sha256'][:12]}…)")
    typer.echo(f"cross-validated: role accuracy {cv['role_accuracy']:.3f}, macro-F1 {cv['role_macro_f1']:.3f}; "
               f"seniority exact {cv['seniority_accuracy']:.3f}, within one {cv['seniority_within_one']:.3f}")


@app.command()
def evaluate(
    data: Path = typer.Argument(..., help="Labeled JSONL (../shared/LABELING.md)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Also write figures.json and PNG charts here."),
    model: Optional[Path] = typer.Option(None, "--model", help=MODEL_HELP),
    trust_model: bool = typer.Option(False, "--trust-model", help="Allow loading the --model file."),
):
    """Per-class figures, confusion matrices, calibration, and the title-keyword baseline."""
    from .evaluate import evaluate as run_eval
    from .evaluate import format_report, write_report

    try:
        rep = run_eval(data, _classifier(model, trust_model))
    except RolecheckError as exc:
        _fail(exc)
    typer.echo(format_report(rep))
    if report:
        for path in write_report(rep, report):
            typer.echo(f"wrote {path}")


@app.command()
def batch(
    src: str = typer.Argument(..., metavar="INPUT", help="CSV, TSV, JSON Lines or Parquet file, or - for stdin."),
    out: str = typer.Option(..., "-o", "--output", help="Output file (same formats), or - for stdout."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Input format when the name does not tell."),
    out_fmt: Optional[str] = typer.Option(None, "--output-format", help="Output format when the name does not tell."),
    title_col: Optional[str] = typer.Option(None, "--title-col", help="Column with the posted title."),
    text_col: Optional[str] = typer.Option(None, "--text-col", help="Column with the posting text."),
    id_col: Optional[str] = typer.Option(None, "--id-col", help="Column with the row id."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Also list failed rows in this CSV."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (default: all cores)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest posting text accepted."),
    model: Optional[Path] = typer.Option(None, "--model", help=MODEL_HELP),
    trust_model: bool = typer.Option(False, "--trust-model", help="Allow loading the --model file."),
):
    """Score every row of an export; rows keep their columns and order, result columns are added."""
    import csv
    import time

    from .batch import run_batch

    _check_model_flags(model, trust_model)
    start = time.perf_counter()
    try:
        with _progress() as advance:
            summary = run_batch(src, out, fmt_in=fmt, fmt_out=out_fmt, title_col=title_col, text_col=text_col,
                                id_col=id_col, jobs=jobs or None, max_bytes=max_bytes,
                                model_dir=str(model) if model else None, trust_model=trust_model,
                                progress=advance)
    except RolecheckError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        typer.echo("classify: interrupted; no output was written", err=True)
        raise typer.Exit(130)
    secs = max(time.perf_counter() - start, 1e-9)
    if errors:
        with open(errors, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["row", "id", "error"])
            w.writeheader()
            w.writerows(summary.error_rows)
    agree = (f", seniority agrees with the file's own level on {summary.level_agreed}/{summary.level_compared}"
             if summary.level_compared else "")
    typer.echo(f"{summary.rows} rows: {summary.ok} ok, {summary.needs_review} needs_review, {summary.errors} errors, "
               f"{summary.mismatches} mismatches; {summary.rows / secs:.0f} rows/s{agree}", err=True)
    if summary.errors:
        raise typer.Exit(1)


def _progress():
    """A rich progress bar on stderr when it is a terminal; otherwise a no-op."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    @contextlib.contextmanager
    def bar():
        with Progress(SpinnerColumn(), TextColumn("{task.completed} rows"), TextColumn("{task.fields[rate]} rows/s"),
                      TimeElapsedColumn(), transient=True) as prog:
            task = prog.add_task("scoring", total=None, rate="-")

            def advance(n):
                prog.advance(task, n)
                t = prog.tasks[0]
                if t.elapsed:
                    prog.update(task, rate=f"{t.completed / t.elapsed:.0f}")
            yield advance
    return bar()


def main() -> None:
    """Console-script entry point: one line, never a traceback, for anything unexpected."""
    try:
        app()
    except RolecheckError as exc:
        typer.echo(f"classify: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # last resort: a bug should still not spill a traceback on users
        typer.echo(f"classify: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
