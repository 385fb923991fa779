"""Warm throughput, run by run.py in a child process of its own so its peak memory is its own.

    python benchmarks/inprocess.py MESSAGES.json [--chunk 250]

Times `engine.lint_sources` over already parsed sources (model, rules and textstat loaded by a warm-up
first) against the spaCy floor: `list(nlp.pipe(texts))` over exactly the texts the analyser fed spaCy,
on the very pipeline object it used, with exactly the components that ran when it did (enabled, and
not in the call's `disable`; `Language.pipe` is watched to learn both), then the recogniser, batched,
over the Docs the linter ran it on one by one, on demand (`Language.get_pipe` is watched for that).
When lint_sources has `prune`, prune=False (and prune=True, if it is not the default) are timed too.
The modes take turns chunk by chunk, so a busy spell on a shared machine slows them alike and the
ratios stay fair. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

WARM_UP = 20  # messages linted before the clock starts: model, rules, matchers and textstat all loaded


@dataclass
class PipeCall:
    """One nlp.pipe call as the linter made it: on which pipeline, with which components, over which texts."""

    nlp: Language
    components: list[str]
    texts: list[str] = field(default_factory=list)


def watch_pipe() -> tuple[list[PipeCall], Any]:
    """Record every nlp.pipe call from here on; returns the record and the unwatched pipe, for the floor."""
    from spacy.language import Language

    calls: list[PipeCall] = []
    original = Language.pipe

    def pipe(self: Language, texts: Iterable[Any], *args: Any, **kwargs: Any) -> Iterator[Any]:
        skipped = set(kwargs.get("disable") or ())  # what the linter turns off for this call only
        call = PipeCall(self, [n for n in self.pipe_names if n not in skipped])
        calls.append(call)

        def fed() -> Iterator[Any]:
            for item in texts:
                doc = item[0] if kwargs.get("as_tuples") else item
                call.texts.append(doc if isinstance(doc, str) else doc.text)
                yield item

        return original(self, fed(), *args, **kwargs)

    Language.pipe = pipe  # type: ignore[method-assign]
    return calls, original


class Recorder:
    """A component run on demand (per Doc, or batched over the Docs that asked), recording the texts it
    ran on: the floor runs it on those too."""

    def __init__(self, component: Any, texts: list[str]) -> None:
        self.component, self.texts = component, texts

    def __call__(self, doc: Any) -> Any:
        self.texts.append(doc.text)
        return self.component(doc)

    def pipe(self, docs: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        def recorded() -> Iterator[Any]:
            for doc in docs:
                self.texts.append(doc.text)
                yield doc

        return self.component.pipe(recorded(), **kwargs)  # type: ignore[no-any-return]


def watch_on_demand() -> list[str]:
    """Record the texts the recogniser runs on when the linter runs it per Doc, on demand (pruning.py)."""
    from spacy.language import Language

    texts: list[str] = []
    original = Language.get_pipe

    def get_pipe(self: Language, name: str) -> Any:
        component = original(self, name)
        return Recorder(component, texts) if name == "ner" else component

    Language.get_pipe = get_pipe  # type: ignore[method-assign]
    return texts


@contextmanager
def only(nlp: Language, components: list[str]) -> Iterator[list[str]]:
    """Exactly these components enabled for a while (yields the ones this pipeline does not have)."""
    turn_on = [n for n in components if n in nlp.disabled]
    turn_off = [n for n in nlp.pipe_names if n not in components]
    for name in turn_on:
        nlp.enable_pipe(name)
    for name in turn_off:
        nlp.disable_pipe(name)
    try:
        yield [n for n in components if n not in nlp.component_names]
    finally:
        for name in turn_off:
            nlp.enable_pipe(name)
        for name in turn_on:
            nlp.disable_pipe(name)


class ReadingClock:
    """Time spent in the reading layer (reading.layer.read_message) while the clock is on: the share of warm
    lint time that reading every sentence once costs (issue 14 allows at most 15%)."""

    def __init__(self) -> None:
        from outreach_lint.reading import layer

        self.seconds, self.on = 0.0, False
        original = layer.read_message

        def timed(analysis: Any, *args: Any, **kwargs: Any) -> Any:
            # What the Analysis computes for every rule (sentences, their parts, who each pronoun is) is paid
            # with or without a reading layer: it is made before the clock starts, so the share is the reading's.
            _ = analysis.sentences, analysis.sentence_parts
            if len(analysis.doc):
                analysis.is_first_person(analysis.doc[0])
            began = time.perf_counter()
            try:
                return original(analysis, *args, **kwargs)
            finally:
                if self.on:
                    self.seconds += time.perf_counter() - began

        layer.read_message = timed  # type: ignore[assignment]


def measure(messages_path: Path, chunk: int) -> dict[str, Any]:
    from outreach_lint import engine
    from outreach_lint.reader import parse_source

    parameter = inspect.signature(engine.lint_sources).parameters.get("prune")
    modes: dict[str, dict[str, Any]] = {"lint": {}}
    if parameter is not None:
        modes["full"] = {"prune": False}
        if parameter.default is not True:
            modes["pruned"] = {"prune": True}
    sources = [parse_source(text, name) for name, text in json.loads(messages_path.read_text())]
    calls, unwatched = watch_pipe()
    reading = ReadingClock()
    on_demand = watch_on_demand()
    recognised = 0
    recognised_texts: Counter[str] = Counter()
    seconds = dict.fromkeys([*modes, "floor"], 0.0)
    alerts: dict[str, list[str]] = {name: [] for name in modes}
    fed: PipeCall | None = None
    missing: set[str] = set()
    for start in [None, *range(0, len(sources), chunk)]:  # None: the warm-up, not timed
        part = sources[:WARM_UP] if start is None else sources[start : start + chunk]
        for name, options in modes.items():
            calls.clear()
            on_demand.clear()
            reading.on = name == "lint" and start is not None
            began = time.perf_counter()
            report = engine.lint_sources(part, **options)
            reading.on = False
            if start is not None:
                seconds[name] += time.perf_counter() - began
                alerts[name] += [f"{f.path}:{a.line}:{a.column}:{a.rule}" for f in report.files for a in f.alerts]
            if name == "lint" and calls:
                fed = max(calls, key=lambda c: len(c.texts))
                recognised_texts = Counter(on_demand)  # the texts the linter ran the recogniser on, later
        if fed is None:
            raise SystemExit("lint_sources never called nlp.pipe: no floor to compare with")
        with only(fed.nlp, fed.components) as lacking:
            missing.update(lacking)
            began = time.perf_counter()
            docs = list(unwatched(fed.nlp, fed.texts))
            later = []
            for doc in docs:
                if recognised_texts[doc.text] > 0:
                    recognised_texts[doc.text] -= 1
                    later.append(doc)
            if later:
                list(fed.nlp.get_pipe("ner").component.pipe(later))
            if start is not None:
                seconds["floor"] += time.perf_counter() - began
                recognised += len(later)
    out: dict[str, Any] = {name: {"messages": len(sources), "seconds": s, "per_second": len(sources) / s}
                           for name, s in seconds.items()}
    for name, found in alerts.items():
        out[name] |= {"alerts": len(found), "alerts_sha": hashlib.sha256("\n".join(sorted(found)).encode()).hexdigest()}
    if "full" in modes and "pruned" not in modes:
        out["pruned"] = out["lint"]  # prune=True is the default: the linter's own run is the pruned one
    assert fed is not None
    out["lint"]["reading_seconds"] = reading.seconds
    return out | {"components": fed.components, "missing": sorted(missing), "chunk": chunk, "on_demand": recognised,
                  "prune_default": None if parameter is None else parameter.default,
                  "textstat_loaded": "textstat" in sys.modules}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("messages", type=Path, help="the messages as JSON: [[name, text], ...]")
    parser.add_argument("--chunk", type=int, default=250, help="messages per turn of each mode (default 250)")
    args = parser.parse_args()
    print(json.dumps(measure(args.messages, args.chunk)))


if __name__ == "__main__":
    main()
