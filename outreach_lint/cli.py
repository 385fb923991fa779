"""The outreach-lint command: check drafts, score the rules on a corpus. Exit codes are set here, once."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .alert import Severity
from .errors import OutreachLintError
from .rawinput import MAX_BYTES
from .reader import CHANNELS, STAGES
from .report import FileReport, Report

if TYPE_CHECKING:
    from .batch import LintArgs  # at run time only where a command lints: it imports the engine

FAIL_LEVELS = ("error", "warning", "suggestion", "never")
OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github", "unix", "text")  # formatters.FORMATTERS; text: full
INTERRUPTED = 130  # 128 + SIGINT


def _version_text() -> str:
    from .analysis import FALLBACK_MODEL, MODEL, model_version
    from .versions import installed_version

    def version_of(dist: str) -> str:
        return installed_version(dist) or "not installed"

    model, version = MODEL, model_version(MODEL)
    if not version and model_version(FALLBACK_MODEL).startswith("3.8."):
        model, version = FALLBACK_MODEL, model_version(FALLBACK_MODEL)
    return (f"outreach-lint {__version__} (spaCy {version_of('spacy')}, model {model} {version or 'not installed'}, "
            f"textstat {version_of('textstat')})")


def _fail(errors: list[OutreachLintError]) -> None:
    for error in errors:
        click.echo(f"outreach-lint: {_shown(error.render())}", err=True)


def _note(skipped: list[OutreachLintError]) -> None:
    for note in skipped:
        click.echo(f"outreach-lint: note: {_shown(note.render())}", err=True)


def _shown(text: str) -> str:
    """One line with no raw control character: a file name or link target from someone else's repository
    may hold terminal escape sequences."""
    from .formatters.visible import visible

    return visible(text)


def _byte_size(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    from .rawinput import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit()


class _Commands(click.Group):
    """Ctrl-C anywhere in a command is one line and exit 130, as shells report SIGINT: never a traceback,
    and never exit 1, which CI reads as "alerts found"."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            import signal

            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the goodbye
            click.echo("outreach-lint: interrupted", err=True)
            sys.exit(INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version, the spaCy model it loads, and exit.")
def main() -> None:
    """Lint outreach messages (cold emails, LinkedIn notes, InMails, DMs) for rapport, credibility and risk."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--channel", type=click.Choice(CHANNELS), help="Channel for every message (overrides front matter).")
@click.option("--stage", type=click.Choice(STAGES), help="Stage for every message (overrides front matter).")
@click.option("--output-format", "--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="full",
              show_default=True, help="full (also: text) or concise (one line an alert) for people; unix for "
                                      "editors; json, sarif or github for tools and CI.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS),
              help="The lowest severity that makes the exit code 1 [default: config's fail_on, else warning].")
@click.option("--min-severity", type=click.Choice(FAIL_LEVELS[:3]), help="Hide alerts below this severity.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of the nearest .outreach-lint.yaml / pyproject.toml.")
@click.option("--no-config", is_flag=True, help="Ignore config files; use the packaged defaults.")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report outreach-lint: disable comments that silence nothing.")
@click.option("--stdin-filename", help="The name to report standard input ('-') under.")
@click.option("--fix", "apply_fix", is_flag=True,
              help="Apply the fixes in place (standard input: print the fixed text), then report what is left.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; change nothing.")
@click.option("--max-size", callback=_byte_size, metavar="SIZE",
              help="Skip larger files as errors: 200KB, 1MB or a byte count [default: 100KB].")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Worker processes [default: all cores for 50 or more files to lint, else 1].")
@click.option("--no-cache", is_flag=True, help="Lint every file again; neither read nor write the result cache.")
@click.option("--follow-external-links", is_flag=True,
              help="Read (and with --fix, rewrite) drafts through symbolic links that leave the linted tree: "
                   "the directory walked, or for a file named here its repository (else its folder). "
                   "Without it they are skipped with a note.")
def check(paths: tuple[str, ...], channel: str | None, stage: str | None, output_format: str, fail_on: str | None,
          min_severity: str | None, config_path: Path | None, no_config: bool, report_unused_suppressions: bool,
          stdin_filename: str | None,
          apply_fix: bool, show_diff: bool, max_size: int | None, jobs: int | None, no_cache: bool,
          follow_external_links: bool) -> None:
    """Lint message files, directories (their .md and .txt files) or '-' for standard input.

    Exit code 0: no alert at or above --fail-on; 1: some (with --diff: some fix to show); 2: a file,
    rule or model could not be used.
    """
    from .batch import LintArgs, lint_batch
    from .formatters import FORMATTERS, HUMAN

    if apply_fix and show_diff:
        _fail([OutreachLintError("--fix", "choose one of --fix and --diff")])
        sys.exit(2)
    try:
        if config_path is not None and not config_path.exists():  # one that is not a file says why when read
            raise OutreachLintError(str(config_path), "no such config file")
        fail_on = fail_on or _configured_fail_on(config_path, no_config, paths, stdin_filename)
        floor = Severity.parse(min_severity) if min_severity else None
        args = LintArgs(channel, stage, stdin_filename, config_path, not no_config, floor, report_unused_suppressions,
                        max_size or MAX_BYTES, follow_external_links)
        report = lint_batch(list(paths) or ["."], args, cache=not no_cache, jobs=jobs,
                            sources=output_format == "sarif" or apply_fix or show_diff)
        if show_diff:
            sys.exit(_show_diffs(report, args))
        if apply_fix:
            report, printed = _apply_fixes(report, args)
            if printed:  # standard input: the fixed text went to stdout; the exit code tells what is left
                sys.exit(_exit_code(report, fail_on))
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    color = output_format in HUMAN and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(FORMATTERS[output_format](report, color), nl=False)
    _note(report.notes)
    _fail(report.errors)
    if not report.files and not report.errors and not report.notes:
        click.echo("outreach-lint: warning: no message files (.md, .markdown, .txt, sequence .yaml) found under "
                   f"{_shown(', '.join(paths) or '.')}", err=True)
    sys.exit(_exit_code(report, fail_on))


def _exit_code(report: Report, fail_on: str) -> int:
    if report.errors:
        return 2
    worst = report.worst()
    return 1 if fail_on != "never" and worst is not None and worst >= Severity.parse(fail_on) else 0



def _configured_fail_on(config_path: Path | None, no_config: bool, paths: tuple[str, ...],
                        stdin_filename: str | None = None) -> str:
    """The fail level of the config the first path belongs to (standard input: its --stdin-filename, else the cwd)."""
    from .config import discover, load_config
    from .defaults import defaults

    if not no_config:
        named = stdin_filename if paths and paths[0] == "-" else (paths[0] if paths else None)
        first = Path(named) if named else Path.cwd()
        found = config_path or discover(first)
        try:
            if found is not None:
                return str(load_config(found).get("fail_on") or defaults()["fail_on"])
        except OutreachLintError:
            pass  # reported with the files under that config, which are not linted; the others still are
    return str(defaults()["fail_on"])


def _fixed_files(report: Report, options: LintArgs) -> list[tuple[FileReport, str, int]]:
    """(file, fixed text, fixes applied) for each file with at least one fix."""
    from .engine import config_resolver, relinter
    from .fixer import fix_until_stable

    configs = config_resolver(options.config, options.use_config)
    out = []
    for file in report.files:
        if file.source is None or file.source.step is not None or not any(a.fix for a in file.alerts):
            continue  # a sequence step's offsets are not offsets in its YAML file: advice only
        relint = relinter(file.source, options.channel, options.stage, configs=configs)
        try:
            result = fix_until_stable(file.source.text, relint, file.alerts)  # checked fixes: no lint again
        except OutreachLintError as error:  # a fix this file cannot take: skip it, fix the others
            report.errors.append(error)
            continue
        if result.applied:
            out.append((file, result.text, result.applied))
    return out


def _show_diffs(report: Report, options: LintArgs) -> int:
    from .fixer import unified_diff

    fixed = _fixed_files(report, options)
    for file, text, _ in fixed:
        assert file.source is not None
        click.echo(unified_diff(file.path, file.source.text, text), nl=False)
    _note(report.notes)
    _fail(report.errors)
    if report.errors:
        return 2
    count = sum(n for _, _, n in fixed)
    files = _plural(len(fixed), "file")
    click.echo(f"Would fix {_plural(count, 'alert')} in {files}." if fixed else "No fixes to apply.", err=True)
    return 1 if fixed else 0


def _apply_fixes(report: Report, options: LintArgs) -> tuple[Report, bool]:
    """Write each file's fixes, then lint again so the report shows what is left to do by hand.

    Standard input's fixed text goes to stdout instead (True: printed), as editors expect.
    """
    from .fixer import write_atomically
    from .rawinput import SkippedInput, encode

    stdin = [f for f in report.files if f.source is not None and f.source.from_stdin]
    if stdin and len(report.files) > 1:
        raise OutreachLintError("-", "--fix reads standard input alone; lint files in a separate run")
    fixed = _fixed_files(report, options)
    if stdin:
        source = stdin[0].source
        assert source is not None
        text = fixed[0][1] if fixed else source.text
        click.echo(encode(text, source.had_bom, source.encoding), nl=False)  # bytes: UTF-16 stays UTF-16
        from .engine import config_resolver, lint_sources
        from .reader import parse_source

        configs = config_resolver(options.config, options.use_config)
        again = lint_sources([parse_source(text, source.path)], options.channel, options.stage, configs=configs,
                             min_severity=options.min_severity, report_unused=options.report_unused)
        return again, True
    written = []
    for file, text, n in fixed:
        assert file.source is not None
        read = encode(file.source.text, file.source.had_bom, file.source.encoding)  # the bytes the fixes fit
        try:
            write_atomically(Path(file.path), text, file.source.had_bom, file.source.encoding, expected=read)
            written.append((file, text, n))
        except SkippedInput as note:  # read-only: a note; what is left is still reported
            report.notes.append(note)
        except OutreachLintError as error:  # the draft is untouched; the other files are still fixed
            report.errors.append(error)
    fixed = written
    count = sum(n for _, _, n in fixed)
    if fixed:
        click.echo(f"Fixed {_plural(count, 'alert')} in {_plural(len(fixed), 'file')}.", err=True)
    paths = [f.path for f in report.files]
    again = options.lint(paths) if paths else Report()  # with every option of the first lint
    again.errors[:0] = report.errors
    again.notes[:0] = report.notes
    return again, False


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@main.command(name="read")
@click.argument("paths", nargs=-1, required=True)
@click.option("--channel", type=click.Choice(CHANNELS), help="Channel for every message (overrides front matter).")
@click.option("--stage", type=click.Choice(STAGES), help="Stage for every message (overrides front matter).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file (its packs' concepts.yaml) instead of the nearest one.")
@click.option("--no-config", is_flag=True, help="Ignore config files; use the built-in concept classes.")
def read_command(paths: tuple[str, ...], channel: str | None, stage: str | None, output_format: str,
                 config_path: Path | None, no_config: bool) -> None:
    """Show what outreach-lint read in drafts, sentence by sentence: each sentence's act, who acts, how it asks,
    what it is about; then the message's relationship, kind and the details it gives about the reader.

    Files or '-' for standard input. Exit code 0, or 2 when a draft or config could not be read.
    """
    from .readout import read_drafts, render_json, render_text

    try:
        drafts, errors = read_drafts(paths, channel, stage, config_path, not no_config)
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    click.echo(render_json(drafts) if output_format == "json" else render_text(drafts), nl=False)
    _fail(errors)
    sys.exit(2 if errors else 0)


@main.command(name="eval")
@click.argument("corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("--group", "group", type=click.Choice(["written", "real", "all"]), default="all", show_default=True,
              help="Score the written messages, the real ones (source: not 'written for the corpus'), or both.")
@click.option("--half", type=click.Choice(["a", "b"]),
              help="Only this fixed half of the real messages (by a hash of the file name); default: both, apart.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True,
              help="List every miss and false alarm with its file (half b's only with --half b).")
def evaluate_command(corpus: Path, group: str, half: str | None, output_format: str, verbose: bool) -> None:
    """Score the rules on a labelled corpus (front matter 'expect' and 'ignore' lists), written and real apart."""
    from .evalreport import render_json, render_text
    from .evaluation import evaluate
    from .rulefile import load_rules

    if half and group == "written":
        raise click.UsageError("--half picks real messages; it does not go with --group written")
    groups = {"written": ["written"], "real": ["real-a", "real-b"], "all": ["written", "real-a", "real-b"]}[group]
    try:
        if not corpus.is_dir():
            raise OutreachLintError(str(corpus), "no such directory")
        files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
        if not files:
            raise OutreachLintError(str(corpus), "no .md or .txt messages in this directory")
        result = evaluate(files, load_rules(), groups, half)
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    render = render_json if output_format == "json" else render_text
    click.echo(render(result, verbose), nl=False)


def _pack_rules(config_path: Path | None, no_config: bool, extra: tuple[Path, ...] = ()) -> list[Any]:
    """The built-in rules plus the packs of the config that applies here and `extra` rule directories,
    each directory loaded once (never loads a model)."""
    from .config import discover, load_config
    from .rulefile import load_rules

    found = None if no_config else (config_path or discover(Path.cwd()))
    dirs = (*(load_config(found).packs if found else ()), *extra)
    return load_rules(dict.fromkeys(d.resolve() for d in dirs))


@main.command(name="rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Include the packs of this config (default: the nearest one).")
@click.option("--no-config", is_flag=True, help="List the built-in rules only.")
def rules_command(output_format: str, config_path: Path | None, no_config: bool) -> None:
    """List every rule: id, trust factor, default severity, where it applies, what it catches."""
    from .ruleinfo import rules_json, rules_table

    try:
        rules = _pack_rules(config_path, no_config)
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    click.echo(rules_json(rules) if output_format == "json" else rules_table(rules), nl=False)


@main.command(name="explain")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also look in the packs of this config (default: the nearest one).")
def explain_command(rule_id: str, config_path: Path | None) -> None:
    """Explain one rule: why it matters, where it applies, what fires and what does not."""
    from difflib import get_close_matches

    from .ruleinfo import explain

    try:
        rules = {r.id: r for r in _pack_rules(config_path, False)}
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    if rule_id not in rules:
        close = get_close_matches(rule_id, list(rules), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else " `outreach-lint rules` lists them."
        _fail([OutreachLintError(rule_id, f"no such rule.{hint}")])
        sys.exit(2)
    click.echo(explain(rules[rule_id]), nl=False)


@main.command(name="init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def init_command(directory: Path) -> None:
    """Write a commented starter .outreach-lint.yaml (never overwrites one)."""
    from importlib import resources

    target = directory / ".outreach-lint.yaml"
    if target.exists():
        _fail([OutreachLintError(str(target), "already exists; not overwriting it")])
        sys.exit(2)
    text = resources.files("outreach_lint.data").joinpath("starter-config.yaml").read_text(encoding="utf-8")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        _fail([OutreachLintError(str(target), f"cannot write: {exc.strerror or exc}")])
        sys.exit(2)
    click.echo(f"Wrote {target}. Edit it, then run `outreach-lint check`.")


@main.command(name="test-rules")
@click.argument("fixtures", type=click.Path(file_okay=False, path_type=Path))
@click.option("--pack", "packs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A rule directory to test beside the built-in rules (repeatable).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also load the packs of this config (default: the nearest one).")
def test_rules_command(fixtures: Path, packs: tuple[Path, ...], config_path: Path | None) -> None:
    """Run fixture messages (front matter `expect:` / `ignore:` lists) against the rules.

    Every rule in `expect` must fire; every rule in neither list must not. Exit 1 on any failure.
    """
    from .ruletest import run_examples, run_fixtures

    try:
        if not fixtures.is_dir():
            raise OutreachLintError(str(fixtures), "no such directory")
        for pack in packs:
            if not pack.is_dir():
                raise OutreachLintError(str(pack), "no such rule directory")
        files = sorted(p for p in fixtures.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
        if not files:
            raise OutreachLintError(str(fixtures), "no .md or .txt fixture messages in this directory")
        rules = _pack_rules(config_path, False, packs)
        failures = run_examples(rules) + run_fixtures(files, rules)
    except OutreachLintError as error:
        _fail([error])
        sys.exit(2)
    for failure in failures:
        click.echo(failure.render())
    verdict = f"{_plural(len(failures), 'failure')}" if failures else "all passed"
    click.echo(f"{_plural(len(files), 'fixture')}, {len(rules)} rules: {verdict}.")
    sys.exit(1 if failures else 0)


@main.command(name="lsp")
@click.option("--max-size", callback=_byte_size, metavar="SIZE",
              help="Do not lint larger documents: 200KB, 1MB or a byte count [default: 100KB].")
def lsp_command(max_size: int | None) -> None:
    """Start the language server on standard input and output (for editors)."""
    from .lsp.server import serve

    serve(max_size or MAX_BYTES)
