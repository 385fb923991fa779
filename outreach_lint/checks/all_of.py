"""all: a rule with several independent signs, each reported (hype: "!!", a run of single "!", FREE).

Built like `any` (a list of checks, each with its own message, suggest and severity), but every check
runs and every alert counts: three separate signs are three things to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .any_of import AnyOf, sub_rule

if TYPE_CHECKING:
    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule


@dataclass
class AllOf(AnyOf):
    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        for check, overrides in self.applicable(analysis):
            yield from check.run(sub_rule(rule, overrides), analysis)
