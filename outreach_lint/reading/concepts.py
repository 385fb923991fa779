"""Concept classes as data: lemma lists a pack ships in concepts.yaml, so every rule shares one vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from ..defaults import builtin_pack_dir
from ..errors import OutreachLintError
from ..rawinput import decode, read_file
from ..yamlnodes import compose, to_python

FILE_NAME = "concepts.yaml"
WORD_KEYS = ("verbs", "nouns", "adjectives")
ENTRY_KEYS = (*WORD_KEYS, "phrases", "objects")
CLASS_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class ConceptError(OutreachLintError):
    """A concepts.yaml that fails validation: file:line: what is wrong."""


@dataclass(frozen=True)
class ConceptClasses:
    """Lemma -> the class names it signals, one table per kind of word, built once per pack set."""

    names: tuple[str, ...] = ()
    verbs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    nouns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    adjectives: Mapping[str, frozenset[str]] = field(default_factory=dict)
    phrases: Mapping[tuple[str, ...], frozenset[str]] = field(default_factory=dict)  # keyed by lemma sequence
    objects: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # (verb, object lemma)
    _only: dict[str, ConceptClasses] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def phrases_by_start(self) -> Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]:
        """Phrases by their first word, so a sentence's word is checked only against the phrases it can open."""
        index: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
        for words, names in self.phrases.items():
            index.setdefault(words[0], []).append((words, names))
        return {first: tuple(found) for first, found in index.items()}

    @cached_property
    def nouns_of(self) -> Mapping[str, frozenset[str]]:
        """Class name -> its nouns, so the reading does not rebuild a class's word set for every message."""
        index: dict[str, set[str]] = {}
        for lemma, names in self.nouns.items():
            for name in names:
                index.setdefault(name, set()).add(lemma)
        return {name: frozenset(words) for name, words in index.items()}

    @cached_property
    def object_verbs(self) -> frozenset[str]:
        """The verbs that signal a class only with an object: a verb not among them needs no look at its objects."""
        return frozenset(verb for verb, _ in self.objects)

    @cached_property
    def keyed_lemmas(self) -> frozenset[str]:
        """Every lemma the verb, noun and verb-object tables are keyed by: a sentence with none of them signals no
        class through those tables."""
        return frozenset({*self.verbs, *self.nouns, *self.object_verbs})

    def only(self, prefix: str) -> ConceptClasses:
        """The classes whose names start with prefix ("favour."), with the words that signal them: a reader after
        one family looks a word up once instead of filtering every class it signals. Built once per prefix."""
        found = self._only.get(prefix)
        if found is None:
            def keep(table: Mapping[Any, frozenset[str]]) -> dict[Any, frozenset[str]]:
                kept = {key: frozenset(n for n in names if n.startswith(prefix)) for key, names in table.items()}
                return {key: names for key, names in kept.items() if names}

            found = self._only[prefix] = ConceptClasses(
                tuple(n for n in self.names if n.startswith(prefix)), keep(self.verbs), keep(self.nouns),
                keep(self.adjectives), keep(self.phrases), keep(self.objects))
        return found

    @cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """Every verb a class names, alone or with an object."""
        return frozenset({*self.verbs, *(verb for verb, _ in self.objects)})

    def merged(self, other: ConceptClasses) -> ConceptClasses:
        """This vocabulary with another pack's added: new classes, and new words for existing ones."""

        def union(a: Mapping[Any, frozenset[str]], b: Mapping[Any, frozenset[str]]) -> dict[Any, frozenset[str]]:
            out = dict(a)
            for key, names in b.items():
                out[key] = out.get(key, frozenset()) | names
            return out

        return ConceptClasses(tuple(dict.fromkeys((*self.names, *other.names))), union(self.verbs, other.verbs),
                              union(self.nouns, other.nouns), union(self.adjectives, other.adjectives),
                              union(self.phrases, other.phrases), union(self.objects, other.objects))


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as the tokens spaCy makes of it ("sign-up" is three), lower-cased."""
    return tuple(w for w in re.split(r"\s+|(-)", phrase.lower().strip()) if w)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.names: list[str] = []
        self.tables: dict[str, dict[Any, set[str]]] = {key: {} for key in ENTRY_KEYS}

    def fail(self, problem: str, line: int) -> ConceptError:
        return ConceptError(self.path, problem, line)

    def add_class(self, name: str, spec: Any, line: int, parent: str | None = None) -> None:
        full = f"{parent}.{name}" if parent else name
        if not CLASS_NAME.fullmatch(name):
            raise self.fail(f"concept class '{full}' must be kebab-case (a-z, 0-9, -)", line)
        if not isinstance(spec, dict):
            raise self.fail(f"concept class '{full}' must be a mapping of {', '.join(ENTRY_KEYS)} (or kinds)", line)
        lines: dict[str, int] = getattr(spec, "lines", {})
        self.names.append(full)
        signals = (parent, full) if parent else (full,)
        for key, value in spec.items():
            at = lines.get(key, line)
            if key == "kinds" and parent is None:
                if not isinstance(value, dict) or not value:
                    raise self.fail(f"'{full}.kinds' must be a mapping of sub-kinds", at)
                kind_lines: dict[str, int] = getattr(value, "lines", {})
                for kind, kind_spec in value.items():
                    self.add_class(str(kind), kind_spec, kind_lines.get(kind, at), full)
            elif key in WORD_KEYS or key == "phrases":
                for word in self.words(value, f"{full}.{key}", at):
                    entry = phrase_words(word) if key == "phrases" else word.lower()
                    self.tables[key].setdefault(entry, set()).update(signals)
            elif key == "objects":
                if not isinstance(value, dict):
                    raise self.fail(f"'{full}.objects' must map a verb to a list of its objects", at)
                for verb, objects in value.items():
                    for obj in self.words(objects, f"{full}.objects.{verb}", at):
                        self.tables["objects"].setdefault((str(verb).lower(), obj.lower()), set()).update(signals)
            else:
                allowed = ", ".join((*ENTRY_KEYS, "kinds") if parent is None else ENTRY_KEYS)
                raise self.fail(f"unknown key '{key}' in concept class '{full}' (expected: {allowed})", at)

    def words(self, value: Any, where: str, line: int) -> list[str]:
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            raise self.fail(f"'{where}' must be a list of words", line)
        return [w.strip() for w in value]

    def build(self) -> ConceptClasses:
        frozen = {key: {k: frozenset(v) for k, v in table.items()} for key, table in self.tables.items()}
        return ConceptClasses(tuple(self.names), frozen["verbs"], frozen["nouns"], frozen["adjectives"],
                              frozen["phrases"], frozen["objects"])


def parse_concepts(text: str, path: str) -> ConceptClasses:
    """Validate a concepts.yaml's text; a mistake is one ConceptError naming the file and line."""
    node = compose(text, path, ConceptError)
    data = to_python(node, path, ConceptError) if node is not None else None
    if not isinstance(data, dict):
        raise ConceptError(path, "a concepts file must map class names to their words", 1)
    builder = _Builder(path)
    lines: dict[str, int] = getattr(data, "lines", {})
    for name, spec in data.items():
        builder.add_class(str(name), spec, lines.get(name, 1))
    return builder.build()


def load_concepts(path: Path) -> ConceptClasses:
    try:
        text = decode(read_file(path), str(path))[0]
    except OutreachLintError as exc:
        raise ConceptError(str(path), f"cannot read concepts file: {exc.problem}") from None
    return parse_concepts(text, str(path))


@cache
def builtin_concepts() -> ConceptClasses:
    """The shipped classes, read once per process."""
    return load_concepts(builtin_pack_dir() / FILE_NAME)


@cache
def _pack_concepts(path: Path, stamp: float) -> ConceptClasses:
    return load_concepts(path)


def concepts_for(packs: Iterable[Path]) -> ConceptClasses:
    """The built-in classes extended by each pack's own concepts.yaml (re-read when it changes)."""
    classes = builtin_concepts()
    for pack in packs:
        path = pack / FILE_NAME
        try:
            stamp = path.stat().st_mtime
        except OSError:
            continue  # a pack without its own concepts
        classes = classes.merged(_pack_concepts(path.resolve(), stamp))
    return classes
