"""YAML read once, as nodes: values with the line of each key, and one clear error for broken YAML.

Rule files, config files, front matter and sequence files all need both the values and where they
stand, so they compose the node tree once and build Python values from it here. Every one of them may
come from someone else's repository, so composing is bounded: aliases may add at most EXPANSION_BUDGET
characters (no "billion laughs"), nesting stops at MAX_DEPTH (no RecursionError), and tags, lone
surrogates and duplicate keys are errors naming their line, never a traceback or a silent choice.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import ComposerError

from .errors import OutreachLintError

STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
# Scalars as SafeLoader builds them; `<<` and a bare `=` resolve to merge/value and are kept as text.
SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "binary", "merge", "value"))
AS_TEXT = frozenset({STR_TAG, "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})
MAX_DEPTH = 100  # a rule pattern nests about ten levels deep
EXPANSION_BUDGET = 100_000  # characters aliases may add when the tree is read out: a few reused blocks
SURROGATE = re.compile("[\ud800-\udfff]")


class Located(dict[str, Any]):
    """A mapping that remembers the line of each key, for error messages."""

    lines: dict[str, int]


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _refused(problem: str, mark: Any) -> ComposerError:
    return ComposerError(None, None, problem, mark)


class GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing within bounds (aliases, depth) and refusing what no value may hold."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.expanded = 0  # characters the aliases seen so far add to the document
        self.weights: dict[int, int] = {}  # id(anchored node) -> its size in characters, its own aliases included
        self.open_anchors: set[str] = set()  # anchors whose node is still being composed

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self.open_anchors:
                raise _refused(f"alias *{event.anchor} stands inside the node it names (a recursive alias)",
                               event.start_mark)
            alias = super().compose_node(parent, index)
            assert alias is not None
            self.expanded += self.weights.get(id(alias), 0)
            if self.expanded > EXPANSION_BUDGET:
                raise _refused(f"aliases (*{event.anchor}) expand the document by more than "
                               f"{EXPANSION_BUDGET:,} characters", event.start_mark)
            return alias
        if self.depth >= MAX_DEPTH:
            raise _refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        anchor = getattr(event, "anchor", None)
        before = self.expanded
        self.depth += 1
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(anchor)
        assert node is not None
        if anchor is not None:
            self.weights[id(node)] = node.end_mark.index - node.start_mark.index + self.expanded - before
        self._check(node)
        return node

    def _check(self, node: yaml.Node) -> None:
        expected = SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else \
            {SEQ_TAG} if isinstance(node, yaml.SequenceNode) else {MAP_TAG}
        if node.tag not in expected:
            raise _refused(f"unknown YAML tag '{_short_tag(node.tag)}' (only text, numbers, true/false, null, "
                           "lists and mappings are read)", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            surrogate = SURROGATE.search(node.value)
            if surrogate:
                raise _refused(f"'\\u{ord(surrogate.group()):04x}' is a lone surrogate, not a character; write "
                               "the character itself", node.start_mark)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise _refused(f"duplicate key '{key.value}' (first on line "
                                       f"{seen[key.value].start_mark.line + 1})", key.start_mark)
                    seen[key.value] = key


def compose(text: str, path: str, error: type[OutreachLintError], prefix: str = "invalid YAML: ",
            first_line: int = 1, trusted: bool = False) -> yaml.Node | None:
    """The node tree of `text`, or `error` naming the file and line (`first_line`: where text starts).

    `trusted` (the packaged rules, tested to compose alike) uses libyaml when present, 7x faster at start-up;
    everything a user writes goes through PyYAML's own parser, guarded, whose messages the tests pin.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else GuardedLoader
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]  # one line, as every error is
        raise error(path, prefix + problem, mark.line + first_line if mark else first_line) from None


class _Builder:
    """Builds Python values from a composed tree, naming the line of whatever cannot become a value."""

    def __init__(self, path: str, error: type[OutreachLintError], prefix: str, first_line: int) -> None:
        self.path, self.error, self.prefix, self.first_line = path, error, prefix, first_line
        self.loader = yaml.SafeLoader("")  # one constructor for the whole tree

    def fail(self, node: yaml.Node, problem: str) -> OutreachLintError:
        return self.error(self.path, self.prefix + problem, node.start_mark.line + self.first_line)

    def value(self, node: yaml.Node, depth: int) -> Any:
        if depth > MAX_DEPTH:  # aliases can stack nodes that are each shallow
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep (through aliases)")
        if isinstance(node, yaml.MappingNode):
            out = Located()
            out.lines = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise self.fail(key, "a key must be text, not a list or mapping")
                k = str(self.loader.construct_scalar(key))
                if k in out:
                    raise self.fail(key, f"duplicate key '{k}' (first on line {out.lines[k]})")
                out[k] = self.value(value, depth + 1)
                out.lines[k] = key.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(v, depth + 1) for v in node.value]
        if node.tag in AS_TEXT:
            return node.value  # what SafeConstructor makes of it, without its machinery per word
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError):
            raise self.fail(node, f"'{node.value}' is not a valid {_short_tag(node.tag)}") from None


def to_python(node: yaml.Node, path: str = "<yaml>", error: type[OutreachLintError] = OutreachLintError,
              prefix: str = "invalid YAML: ", first_line: int = 1) -> Any:
    """Python values of a node tree, mappings as Located (1-based lines, counted in the composed text)."""
    return _Builder(path, error, prefix, first_line).value(node, 0)
