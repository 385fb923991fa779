"""The one direction of data flow: sources -> messages -> one analysis each -> rules -> Report."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import sequence, suppressions
from .alert import Alert, Severity
from .config import Config, discover, load_config
from .defaults import defaults
from .errors import InputError, OutreachLintError
from .linkguard import leaves_tree, outside_note, tree_of
from .rawinput import MAX_BYTES, SkippedInput
from .reader import FrontMatter, LineMap, Source, parse_source, read_path, read_stdin
from .report import Report, make_file_report
from .trust import TrustModel

if TYPE_CHECKING:  # the rules, messages and checks load on the first lint: a fully cached run never needs them
    from .analysis import Analysis
    from .message import Message
    from .pipelines import ModelChoice
    from .reading.concepts import ConceptClasses
    from .rulefile import Rule
    from .suppressions import Directive

NO_CONFIG = Config()
NO_FRONT_MATTER = FrontMatter()

MESSAGE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_PEEK = 100_000  # a walked YAML file is a sequence if a top-level `steps:` shows up in this much of it


def read_sources(path: Path, max_bytes: int = MAX_BYTES) -> list[Source]:
    """A message file is one Source; a sequence file (YAML with `steps:`) is one per step."""
    if path.suffix.lower() not in sequence.SUFFIXES:
        return [read_path(path, max_bytes)]
    text = read_path(path, max_bytes).text  # size, encoding and binary checks as for any file
    if not sequence.is_sequence(text):
        raise InputError(str(path), "a YAML file is linted only as a sequence, and this one has no top-level 'steps:'")
    return sequence.read_sequence(path, text)


def collect(paths: Sequence[str], excluded: Callable[[Path], bool] = lambda _: False, follow_links: bool = False,
            ) -> tuple[list[Path | str], list[OutreachLintError]]:
    """Expand directories into their message files; skip hidden directories and config-excluded
    files; '-' stays stdin. A file named on the command line is linted even if excluded. A file
    reached twice (`drafts/ drafts/a.md`, `a.md ./a.md`) is linted once, under its first name, and so
    is standard input named twice (`- -`): there is one input to read.

    A symbolic link resolving outside the walked directory (for a file named on the command line: its
    repository, else its folder) is skipped with a note (a SkippedInput among the errors), unless
    `follow_links`."""
    found: list[Path | str] = []
    errors: list[OutreachLintError] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))  # by name, not by target: two links stay two drafts
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        if raw == "-":
            if "-" not in found:
                found.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            tree = os.path.realpath(path)
            # Symbolic links to directories are listed, never entered: a link to a parent cannot loop.
            for root, dirs, files in os.walk(path, onerror=lambda e: errors.append(_unreadable_dir(e))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    file = Path(root) / name
                    if not follow_links and os.path.islink(file) and leaves_tree(file, tree):
                        errors.append(outside_note(file))  # before its contents are peeked at
                        continue
                    wanted = not name.startswith(".") and (name.lower().endswith(MESSAGE_SUFFIXES) or (
                        name.lower().endswith(sequence.SUFFIXES) and _looks_like_sequence(file)))
                    if wanted and not excluded(file):
                        add(file)
        elif not follow_links and leaves_tree(path, tree_of(path)):
            errors.append(outside_note(path))
        elif path.exists() or path.is_symlink():  # a broken link: the reader says where it points
            add(path)
        else:
            errors.append(OutreachLintError(raw, "no such file or directory"))
    return found, errors


def _unreadable_dir(error: OSError) -> OutreachLintError:
    return InputError(str(error.filename), f"cannot read directory: {error.strerror or error}")


def _looks_like_sequence(path: Path) -> bool:
    """Whether a walked .yaml file is a sequence. One that is not a regular file (a FIFO would wait
    forever for a writer) is taken unread, so that the reader reports why it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return True
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return True
        return sequence.is_sequence(os.read(fd, MAX_PEEK).decode("utf-8", errors="replace"))
    except OSError:
        return True
    finally:
        os.close(fd)


def lint_sources(
    sources: Iterable[Source],
    channel: str | None = None,
    stage: str | None = None,
    rules: list[Rule] | None = None,
    weights: Mapping[str, float] | None = None,
    nlp: Any = None,
    configs: Callable[[Source], Config] | None = None,
    min_severity: Severity | None = None,
    report_unused: bool = False,
    prune: bool = True,
    verify_fixes: bool = True,
) -> Report:
    """Lint sources; each gets the settings of its config (`configs`), or the packaged defaults.

    `prune` runs only the spaCy components the applicable rules read (pruning.py); False runs them all.
    `verify_fixes` re-lints each file that has fixes with them applied (fixcheck.py), so that a fix that
    would leave a fragment, lose a name or the ask, or raise an alert it cannot fix is reported as advice
    only: the report never offers a fix that --fix would refuse.
    """
    plans, packs, problems = _plans(sources, channel, stage, rules, configs)
    report = Report(errors=list(problems.values()))
    for item in plans:
        report.rules.update((rule.id, rule.info) for rule in item.rules)
    linted = _lint_plans(plans, nlp, prune, report.errors)
    if verify_fixes:
        _verify_fixes(linted, channel, stage, nlp, prune)
    models: dict[int, TrustModel] = {}  # by config, and the verdict's words by rule set: made once, not per file
    phrases: dict[int, dict[str, str]] = {}
    for done in sorted(linted, key=lambda d: d.plan.index):
        message, config, alerts = done.plan.message, done.plan.config, done.alerts
        unused = (suppressions.unused_alerts(done.directives, {r.id for r in packs[id(config)]}) if report_unused
                  else [])
        floor = min_severity or (Severity.parse(config.get("min_severity")) if config.get("min_severity") else None)
        hidden = [a for a in alerts if floor is not None and a.severity < floor]  # scored, not shown
        shown = [a for a in alerts if floor is None or a.severity >= floor]
        source = message.source
        if id(config) not in models:
            models[id(config)] = trust_model(config, weights)
        if id(done.plan.rules) not in phrases:
            phrases[id(done.plan.rules)] = {r.id: r.verdict_phrase for r in done.plan.rules}
        report.files.append(make_file_report(source.path, message.channel, message.stage, shown,
                                             source.origin_text or source.text, models[id(config)],
                                             phrases[id(done.plan.rules)], step=source.step,
                                             source=source, unscored=unused, reading=done.analysis.reading.summary,
                                             hidden=hidden))
    return report


@dataclass
class _Plan:
    """A source read as a message, with the config, rules and concept classes it is linted with."""

    index: int  # its place among the sources, so reports keep their order
    message: Message
    config: Config
    rules: list[Rule]
    concepts: ConceptClasses


@dataclass
class _Linted:
    """One message with its alerts after suppression: what its file report and the fix check are made from."""

    plan: _Plan
    analysis: Analysis
    alerts: list[Alert]
    directives: list[Directive]


def _plans(sources: Iterable[Source], channel: str | None, stage: str | None, rules: list[Rule] | None,
           configs: Callable[[Source], Config] | None,
           ) -> tuple[list[_Plan], dict[int, list[Rule]], dict[str, OutreachLintError]]:
    """Each source as a message with its config and rules; the packs by config; the configs that cannot be used."""
    from .message import build_message
    from .reading.concepts import concepts_for
    from .rulesettings import configure

    plans: list[_Plan] = []
    packs: dict[int, list[Rule]] = {}  # by config: its packs are read once per run, not once per file
    vocabularies: dict[int, ConceptClasses] = {}  # by config: the concept classes its packs extend
    problems: dict[str, OutreachLintError] = {}  # a config or pack that cannot be used, reported once
    for source in sources:
        config = configs(source) if configs else NO_CONFIG
        if config.problem is not None:
            problems.setdefault(config.problem.render(), config.problem)
            continue
        settings = config.for_file(None if source.path == "-" else Path(source.path))
        if id(config) not in packs:
            try:
                packs[id(config)] = rules if rules is not None else base_rules(config)
                vocabularies[id(config)] = concepts_for(config.packs)
            except OutreachLintError as problem:
                problems.setdefault(problem.render(), problem)
                continue
        base = packs[id(config)]
        file_rules = configure(base, settings.rules, str(config.path)) if settings.rules else base
        plans.append(_Plan(len(plans), build_message(source, channel, stage, settings), config, file_rules,
                           vocabularies[id(config)]))
    return plans, packs, problems


def _lint_plans(plans: Sequence[_Plan], nlp: Any, prune: bool, errors: list[OutreachLintError]) -> list[_Linted]:
    """Analyse the messages (one nlp.pipe pass per model) and run their rules; a model that cannot load,
    or a message too long to parse, is an error in `errors` and its messages are left out."""
    from .analysis import analyse, load_nlp
    from .checks import compile_rules, run_batch
    from .pruning import Plan, plan

    by_model: dict[ModelChoice | None, list[_Plan]] = {}
    for item in plans:
        by_model.setdefault(item.config.get("model"), []).append(item)
    linted: list[_Linted] = []
    for model, every in by_model.items():
        try:
            pipeline = nlp or load_nlp(model)
        except OutreachLintError as problem:  # a config's model that cannot load: its files only
            errors.append(problem)
            continue
        fitting = [p for p in every if len(p.message.text) <= pipeline.max_length]
        errors.extend(_too_long(p.message.source, len(p.message.text), pipeline.max_length)
                      for p in every if len(p.message.text) > pipeline.max_length)
        if not fitting:
            continue
        run = plan(pipeline.pipe_names, [(p.message, p.rules) for p in fitting]) if prune else Plan()
        analyses = analyse([p.message for p in fitting], pipeline, run.disable, run.on_demand)
        for item, analysis in zip(fitting, analyses, strict=True):
            analysis.concepts = item.concepts
            compile_rules(item.rules, pipeline)
        found = run_batch([(p.rules, analysis) for p, analysis in zip(fitting, analyses, strict=True)])
        for item, raised, analysis in zip(fitting, found, analyses, strict=True):
            alerts, directives = suppressions.apply(raised, item.message.source.text)
            linted.append(_Linted(item, analysis, alerts, directives))
    return linted


def _verify_fixes(linted: list[_Linted], channel: str | None, stage: str | None, nlp: Any, prune: bool) -> None:
    """Turn into advice every fix that fails fixcheck's re-reading of the fixed text. Only files with a
    fix are re-linted, all in one batch per round (fixcheck.verify): a draft with nothing to fix costs nothing."""
    from .fixcheck import Draft, Relinted, verify
    from .message import build_message

    for item in linted:
        if item.plan.message.source.step is not None:  # --fix leaves sequence files alone: advice only
            item.alerts = [replace(a, fix=None) if a.fix is not None else a for a in item.alerts]
    drafts = [item for item in linted if any(a.fix is not None for a in item.alerts)]
    if not drafts:
        return

    def relint(jobs: Sequence[tuple[int, str]]) -> list[Relinted | None]:
        plans: list[_Plan] = []
        for n, text in jobs:
            item = drafts[n].plan
            source = item.message.source
            fixed = parse_source(text, source.path, source.had_bom, source.encoding)
            plans.append(_Plan(len(plans), build_message(fixed, channel, stage, item.config.for_file(
                None if source.path == "-" else Path(source.path))), item.config, item.rules, item.concepts))
        errors: list[OutreachLintError] = []
        done = {item.plan.index: item for item in _lint_plans(plans, nlp, prune, errors)}
        return [Relinted(done[n].analysis, tuple(done[n].alerts)) if n in done else None for n in range(len(plans))]

    checked = verify([Draft(item.analysis, tuple(item.alerts)) for item in drafts], relint)
    for item, alerts in zip(drafts, checked, strict=True):
        item.alerts = list(alerts)


def trust_model(config: Config, weights: Mapping[str, float] | None = None) -> TrustModel:
    """The score's weights: the packaged ones, with the config's (or the caller's) laid over them."""
    data = defaults()
    return TrustModel.from_data({**data["weights"], **config.get("weights", {}), **(weights or {})},
                                data.get("trust", {}))


def _too_long(source: Source, length: int, limit: int) -> InputError:
    """spaCy refuses longer texts (E088): its parser would take about 5 GB and two minutes for 1.5 M characters."""
    step = f"step {source.step}: " if source.step is not None else ""
    return InputError(source.path, f"{step}{length:,} characters to parse, over the {limit:,} a message may have "
                                   "(spaCy's limit); split it")


def base_rules(config: Config) -> list[Rule]:
    from .rulefile import load_rules

    return load_rules(config.packs)


def config_resolver(explicit: Path | None = None, use_config: bool = True) -> Callable[[Source], Config]:
    """Which config a source gets: --config, else the nearest one above its path (or the cwd for stdin)."""

    def resolve(source: Source) -> Config:
        if not use_config:
            return NO_CONFIG
        try:
            if explicit is not None:
                return load_config(explicit)
            found = discover(Path(source.path) if source.path != "-" else Path.cwd())
            return load_config(found) if found else NO_CONFIG
        except OutreachLintError as problem:  # reported once by lint_sources; files under other configs still run
            return Config(Path(problem.path), problem=problem)

    return resolve


def relinter(source: Source, channel: str | None, stage: str | None, rules: list[Rule] | None = None,
             nlp: Any = None, configs: Callable[[Source], Config] | None = None,
             verify_fixes: bool = True) -> Callable[[str], list[Alert]]:
    """A function that lints new text as if it were this source (same path, channel, stage and config).
    `verify_fixes=False` gives the fixes as the checks build them, unchecked (fixcheck.py)."""

    def run(text: str) -> list[Alert]:
        again = parse_source(text, source.path, source.had_bom)
        report = lint_sources([again], channel, stage, rules, nlp=nlp, configs=configs, verify_fixes=verify_fixes)
        if report.errors:
            raise report.errors[0]
        return list(report.files[0].alerts)

    return run


def lint_text(text: str, channel: str | None = None, stage: str | None = None, path: str = "-",
              config: Path | None = None, use_config: bool = True, verify_fixes: bool = True) -> Report:
    """Lint one draft held in memory, as if it were the file at `path` (its config and overrides apply).

    Front matter in the text is honoured; `channel` and `stage` win over it. The language server passes
    `verify_fixes=False` for the diagnostics of each keystroke and checks a fix only when one is asked for.
    """
    return lint_sources([parse_source(text, path)], channel, stage, configs=config_resolver(config, use_config),
                        verify_fixes=verify_fixes)


def lint_paths(
    paths: Sequence[str],
    channel: str | None = None,
    stage: str | None = None,
    stdin_filename: str | None = None,
    rules: list[Rule] | None = None,
    config: Path | None = None,
    use_config: bool = True,
    min_severity: Severity | None = None,
    report_unused: bool = False,
    max_size: int = MAX_BYTES,
    follow_links: bool = False,
) -> Report:
    """Lint files, directories and '-' (stdin); a file that cannot be read is reported, the rest still run.

    `follow_links`: read drafts through symbolic links that leave the linted tree (see collect)."""
    configs = config_resolver(config, use_config)

    def excluded(path: Path) -> bool:
        return configs(Source(str(path), "", NO_FRONT_MATTER, 0, None, LineMap(""))).excluded(path)

    targets, problems = collect(paths, excluded, follow_links)
    errors, notes = split_notes(problems)
    sources: list[Source] = []
    for target in targets:
        try:
            sources.extend([read_stdin(stdin_filename or "-", max_size)] if target == "-"
                           else read_sources(Path(target), max_size))
        except SkippedInput as note:
            notes.append(note)
        except OutreachLintError as exc:
            errors.append(exc)
    report = lint_sources(sources, channel, stage, rules, configs=configs, min_severity=min_severity,
                          report_unused=report_unused)
    report.errors.extend(errors)
    report.notes.extend(notes)
    return report


def split_notes(problems: list[OutreachLintError]) -> tuple[list[OutreachLintError], list[SkippedInput]]:
    """collect()'s problems: the errors, and the files it skipped (notes, not failures)."""
    notes = [p for p in problems if isinstance(p, SkippedInput)]
    return [p for p in problems if not isinstance(p, SkippedInput)], notes
