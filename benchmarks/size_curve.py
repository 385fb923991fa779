"""Lint time against draft size, so the README can show it grows linearly up to --max-size.

    .venv/bin/python benchmarks/size_curve.py           # a table: seconds per draft kind at 10, 25, 50, 99 KB
    .venv/bin/python benchmarks/size_curve.py --json

Each draft kind is one unit repeated to the size: a plain paragraph, and the floods that once took minutes
(a shouted word, merge fields, list lines, unclosed comments). The model and rules load before the clock
starts; each figure is the best of `--repeats` runs of `lint_text` in this process. Linear growth shows as a
roughly constant time per KB, and a 99 KB / 10 KB ratio near 10 (quadratic growth would give about 100).
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

SIZES_KB = (10, 25, 50, 99)  # 99: under the default --max-size of 100,000 bytes
KINDS = {
    "plain": "Your talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up? ",
    "HELLO flood": "HELLO ",
    "{{a}} flood": "{{a}} ",
    "[First Name] flood": "[First Name] ",
    "list lines": "- item\n",
    "unclosed <!--": "<!-- ",
}


def draft(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def measure(repeats: int) -> dict[str, Any]:
    from outreach_lint import lint_text
    from outreach_lint.analysis import load_nlp

    load_nlp()
    lint_text(draft(KINDS["plain"], 2_000), use_config=False)  # rules, matchers and textstat loaded
    seconds: dict[str, dict[int, float]] = {}
    for kind, unit in KINDS.items():
        seconds[kind] = {}
        for kb in SIZES_KB:
            text = draft(unit, kb * 1000)
            best = float("inf")
            for _ in range(repeats):
                started = time.perf_counter()
                lint_text(text, use_config=False)
                best = min(best, time.perf_counter() - started)
            seconds[kind][kb] = best
    return {"sizes_kb": list(SIZES_KB), "seconds": seconds}


def render(result: dict[str, Any], markdown: bool = False) -> str:
    sizes = result["sizes_kb"]
    header = ["Draft", *(f"{kb} KB" for kb in sizes), f"{sizes[-1]} KB / {sizes[0]} KB"]
    rows = []
    for kind, by_size in result["seconds"].items():
        times = [by_size[kb] if kb in by_size else by_size[str(kb)] for kb in sizes]
        rows.append([kind, *(f"{t:.2f} s" for t in times), f"{times[-1] / times[0]:.1f}x"])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=1, help="runs per size, best kept (default 1)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    result = measure(args.repeats)
    print(json.dumps(result) if args.json else render(result, markdown=args.markdown))


if __name__ == "__main__":
    main()
