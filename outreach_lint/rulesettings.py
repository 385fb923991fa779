"""Config's per-rule settings applied to the pack: rules turned off, severities replaced, parameters tuned.

A rule's parameters are its own YAML keys (replaced whole), plus three conveniences: `add` / `remove`
for a word list (a substitution's swap map, a phrase rule's phrases), and `max_<figure>` /
`min_<figure>` for a metric rule, either one number or a number per channel (`max_words: {email: 90}`).
The tuned rule is re-validated exactly as a rule file is, so a bad parameter is caught at load.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from .config import ConfigError, RuleSetting
from .errors import RuleError
from .reader import CHANNELS
from .rulefile import Rule, parse_rule

WORD_LISTS = {"substitution": "swap", "phrase": "phrases"}

_cache: dict[tuple[int, str], Rule] = {}


def configure(rules: Iterable[Rule], settings: Mapping[str, RuleSetting], config_path: str) -> list[Rule]:
    """The rules as config wants them for one file; unchanged rules are the same objects (compiled once)."""
    out = []
    for rule in rules:
        setting = settings.get(rule.id)
        if setting is None:
            out.append(rule)
            continue
        if not setting.enabled:
            continue
        key = (id(rule), repr((setting.severity, sorted(setting.params.items(), key=lambda kv: kv[0]))))
        if key not in _cache:
            _cache[key] = _tuned(rule, setting, config_path)
        out.append(_cache[key])
    return out


def _tuned(rule: Rule, setting: RuleSetting, config_path: str) -> Rule:
    tuned = rule
    if setting.params:
        raw = copy.deepcopy(dict(rule.raw))
        for name, value in setting.params.items():
            _apply(raw, rule, name, value, config_path, setting.line)
        try:
            tuned = parse_rule(raw, rule.path, rule.line)
        except RuleError as exc:
            raise ConfigError(config_path, f"rules.{rule.id}: {exc.problem.removeprefix(rule.id + ': ')}",
                              setting.line) from None
    if setting.severity is not None:
        tuned = replace(tuned, severity=setting.severity, forced_severity=True)
    return tuned


def _apply(raw: dict[str, Any], rule: Rule, name: str, value: Any, config_path: str, line: int) -> None:
    def fail(problem: str) -> ConfigError:
        return ConfigError(config_path, f"rules.{rule.id}.{name}: {problem}", line)

    word_list = WORD_LISTS.get(rule.type)
    if name in ("add", "remove"):
        if word_list is None:
            raise fail(f"'{name}' works on word-list rules (types {', '.join(WORD_LISTS)}); "
                       f"'{rule.id}' is type {rule.type}")
        current = raw.get(word_list)
        if word_list == "swap":
            words = dict(current or {})
            if name == "add":
                if not isinstance(value, dict):
                    raise fail("maps each word to its plain word (or null)")
                words.update(value)
            else:
                for word in _names(value, fail):
                    words.pop(word, None)
            raw[word_list] = words
        else:
            phrases = list(current or [])
            if name == "add":
                phrases += _names(value, fail)
            else:
                drop = {w.lower() for w in _names(value, fail)}
                phrases = [p for p in phrases if p.lower() not in drop]
            raw[word_list] = phrases
        return
    if rule.type == "metric" and name.startswith(("max_", "min_")):
        raw["limits"] = _limits(raw.get("limits", []), name, value, fail)
        return
    if name in ("id", "type", "factor", "description", "explain", "examples"):
        raise fail("cannot be changed in config")
    if name not in raw and name not in ("message", "suggest", "when"):
        raise fail(f"not a parameter of rule '{rule.id}' (it has: "
                   f"{', '.join(k for k in raw if k not in ('id', 'type', 'factor', 'examples'))})")
    raw[name] = value


def _names(value: Any, fail: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise fail("must be a word or a list of words")
    return list(items)


def _limits(limits: list[Any], name: str, value: Any, fail: Any) -> list[Any]:
    """max_words: {email: 90} rewrites the words limit for email only; max_words: 90 for every channel."""
    figure = name[4:]
    bound = "above" if name.startswith("max_") else "below"
    per_channel = value if isinstance(value, dict) else {None: value}
    out = [dict(lim) for lim in limits]
    for channel, number in per_channel.items():
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise fail("must be a number, or a mapping of channel to number")
        if channel is not None and channel not in CHANNELS:
            raise fail(f"unknown channel '{channel}' (expected: {', '.join(CHANNELS)})")
        matching = [lim for lim in out if lim.get("figure") == figure and bound in lim and
                    _as_list(lim.get("part", "body")) == ["body"] and
                    (channel is None or channel in _as_list(lim.get("channel", [])) or not lim.get("channel"))]
        if not matching:
            raise fail(f"rule has no '{figure}' limit to change")
        for lim in matching:
            if channel is None:
                lim[bound] = number
                continue
            others = [c for c in _as_list(lim.get("channel", [])) or list(CHANNELS) if c != channel]
            split = dict(lim, channel=[channel], **{bound: number})
            lim["channel"] = others
            out.insert(out.index(lim), split)
    return [lim for lim in out if lim.get("channel", ["any"]) != []]


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
