"""YAML read once, as nodes: values with the line of each key, and one clear error for broken YAML.

Rule files, config files, front matter and sequence files all need both the values and where they
stand, so they compose the node tree once and build Python values from it here.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import OutreachLintError

STR_TAG = "tag:yaml.org,2002:str"


class Located(dict[str, Any]):
    """A mapping that remembers the line of each key, for error messages."""

    lines: dict[str, int]


def compose(text: str, path: str, error: type[OutreachLintError], prefix: str = "invalid YAML: ",
            first_line: int = 1, trusted: bool = False) -> yaml.Node | None:
    """The node tree of `text`, or `error` naming the file and line (`first_line`: where text starts).

    `trusted` (the packaged rules, tested to compose alike) uses libyaml when present, 7x faster at start-up;
    everything a user writes goes through PyYAML's own parser, whose messages the tests pin.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else yaml.SafeLoader
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]  # one line, as every error is
        raise error(path, prefix + problem, mark.line + first_line if mark else first_line) from None


def to_python(node: yaml.Node, loader: yaml.SafeLoader | None = None) -> Any:
    """Python values of a node tree, mappings as Located (1-based lines, counted in the composed text)."""
    loader = loader or yaml.SafeLoader("")  # one constructor for the whole tree
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.lines = {}
        for key, value in node.value:
            k = loader.construct_scalar(key) if isinstance(key, yaml.ScalarNode) else key
            out[str(k)] = to_python(value, loader)
            out.lines[str(k)] = key.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [to_python(v, loader) for v in node.value]
    if node.tag == STR_TAG:
        return node.value  # what SafeConstructor makes of it, without its machinery per word
    return loader.construct_object(node, deep=True)
