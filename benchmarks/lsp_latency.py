"""How long a writer waits for fresh diagnostics in the editor: didChange -> publishDiagnostics, in ms.

Starts `outreach-lint lsp` with this Python, opens a ~150-word cold email with a few flaws, waits for
its first lint (spaCy loading included: the editor opens the draft right after starting the server),
then changes one word N times, one edit at a time, timing each from sending the didChange to receiving
the diagnostics published for that version. The goal is a median under 50 ms after the first lint.

    python benchmarks/lsp_latency.py [-n 50] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

DRAFT = """---
channel: email
stage: first-touch
subject: "Quick question about returns at Brightcart"
---
Hi Priya,

I hope this email finds you well. I read your post on returns fraud at Brightcart last week, and the
part about serial returners buying five sizes and keeping one stuck with me.

We help online retailers leverage order history to spot that pattern before the refund goes out. Our
platform is an industry-leading, seamless solution, and teams like yours usually cut fraudulent refunds
by about a third in the first quarter. We also plug into Shopify and Zendesk, so your support team
keeps working the way it does today.

I put together a one-page summary of how three mid-sized apparel stores handled the same problem,
including what did not work for them. It takes two minutes to read!! I can send it over today if
that is useful.

Do you have 15 minutes on Thursday or Friday for a quick call to walk through it?

Best,
Dana
"""
SLOT = "last week"  # the words the benchmark keeps rewriting, as a writer revising one phrase would
VARIANTS = ("last month", "on Monday", "this spring", "last week")


def position_of(text: str, offset: int) -> types.Position:
    before = text[:offset]
    line = before.count("\n")
    return types.Position(line=line, character=len(before) - (before.rfind("\n") + 1))  # ASCII: units = chars


async def measure(edits: int) -> dict[str, float | int]:
    client = LanguageClient("lsp-latency", "1")
    arrived: dict[int, asyncio.Future[float]] = {}
    loop = asyncio.get_running_loop()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        future = arrived.get(params.version) if params.version is not None else None
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    def expect(version: int) -> asyncio.Future[float]:
        arrived[version] = loop.create_future()
        return arrived[version]

    await client.start_io(sys.executable, "-m", "outreach_lint", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         process_id=os.getpid()))
    client.initialized(types.InitializedParams())
    uri = (Path.cwd() / "benchmark-draft.md").as_uri()
    text = DRAFT
    first = expect(0)
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=0, text=text)))
    first_lint = await asyncio.wait_for(first, 120) - started

    latencies = []
    current = SLOT
    start = text.index(SLOT)
    for version in range(1, edits + 1):
        new = VARIANTS[(version - 1) % len(VARIANTS)]
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=position_of(text, start), end=position_of(text, start + len(current))), text=new)
        text, current = text[:start] + new + text[start + len(current):], new
        done = expect(version)
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        latencies.append(await asyncio.wait_for(done, 30) - sent)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    ordered = sorted(latencies)
    return {
        "edits": edits,
        "first_lint_ms": round(first_lint * 1000, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[math.ceil(0.9 * len(ordered)) - 1] * 1000, 1),  # nearest rank
        "max_ms": round(ordered[-1] * 1000, 1),
        "words": len(DRAFT.split("---")[-1].split()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--edits", type=int, default=50, help="how many didChange edits to time (default 50)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    if args.edits < 1:
        parser.error("--edits must be at least 1")
    figures = asyncio.run(measure(args.edits))
    if args.json:
        print(json.dumps(figures))
        return
    print(f"first lint: {figures['first_lint_ms']} ms (didOpen right after initialized; spaCy loads meanwhile)")
    print(f"{figures['edits']} edits of a {figures['words']}-word draft, didChange -> publishDiagnostics: "
          f"median {figures['median_ms']} ms, p90 {figures['p90_ms']} ms, max {figures['max_ms']} ms")


if __name__ == "__main__":
    main()
