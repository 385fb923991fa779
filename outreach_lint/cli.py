"""The outreach-lint command: check drafts, score the rules on a corpus. Exit codes are set here, once."""

from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path

import click

from . import __version__
from .alert import Severity
from .errors import OutreachLintError
from .reader import CHANNELS, STAGES

FAIL_LEVELS = ("error", "warning", "suggestion", "never")


def _version_text() -> str:
    from .analysis import FALLBACK_MODEL, MODEL, model_version

    def version_of(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    model, version = MODEL, model_version(MODEL)
    if not version and model_version(FALLBACK_MODEL).startswith("3.8."):
        model, version = FALLBACK_MODEL, model_version(FALLBACK_MODEL)
    return (f"outreach-lint {__version__} (spaCy {version_of('spacy')}, model {model} {version or 'not installed'}, "
            f"textstat {version_of('textstat')})")


def _fail(errors: list[OutreachLintError]) -> None:
    for error in errors:
        click.echo(f"outreach-lint: {error.render()}", err=True)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version, the spaCy model it loads, and exit.")
def main() -> None:
    """Lint outreach messages (cold emails, LinkedIn notes, InMails, DMs) for rapport, credibility and risk."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--channel", type=click.Choice(CHANNELS), help="Channel for every message (overrides front matter).")
@click.option("--stage", type=click.Choice(STAGES), help="Stage for every message (overrides front matter).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="warning", show_default=True,
              help="The lowest severity that makes the exit code 1.")
@click.option("--stdin-filename", help="The name to report standard input ('-') under.")
def check(paths: tuple[str, ...], channel: str | None, stage: str | None, output_format: str, fail_on: str,
          stdin_filename: str | None) -> None:
    """Lint message files, directories (their .md and .txt files) or '-' for standard input.

    Exit code 0: no alert at or above --fail-on; 1: some; 2: a file, rule or model could not be used.
    """
    from .engine import lint_paths
    from .formatters import FORMATTERS

    try:
        report = lint_paths(list(paths) or ["."], channel, stage, stdin_filename)
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    color = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(FORMATTERS[output_format](report, color), nl=False)
    _fail(report.errors)
    if report.errors:
        sys.exit(2)
    worst = report.worst()
    if fail_on != "never" and worst is not None and worst >= Severity.parse(fail_on):
        sys.exit(1)


@main.command(name="eval")
@click.argument("corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false alarm with its file.")
def evaluate_command(corpus: Path, verbose: bool) -> None:
    """Score the rules on a labelled corpus (front matter 'expect' and 'ignore' lists)."""
    from .evaluation import evaluate, render
    from .rulefile import load_rules

    try:
        if not corpus.is_dir():
            raise OutreachLintError(str(corpus), "no such directory")
        files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
        if not files:
            raise OutreachLintError(str(corpus), "no .md or .txt messages in this directory")
        result = evaluate(files, load_rules())
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    click.echo(render(result, verbose), nl=False)
