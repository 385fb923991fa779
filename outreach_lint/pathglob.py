"""Path globs (`exclude`, `overrides.files`) matched in time linear in the path, whatever the pattern.

A glob used to become a backtracking regex, and `**/**/**/.../*.txt` took 111 s on one path. Here the
pattern is a small automaton run over the path one character at a time, tracking every place in the
pattern the path could have reached (as RE2 does), so no pattern can make matching slow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# One instruction per pattern element; ("split", n) may also jump ahead to instruction n.
Instruction = tuple[str, str | int]
MAX_REMEMBERED = 4096  # steps remembered per glob; a path outside them is still matched, just not faster


def _compile(pattern: str) -> tuple[Instruction, ...]:
    """`**/` is any run of whole folders (or none), `**` anything, `*` and `?` stay inside one name."""
    program: list[Instruction] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):  # (?:.*/)? : skip it, or anything up to and including a '/'
            program += [("split", len(program) + 3), ("any", ""), ("char", "/")]
            i += 3
        elif pattern.startswith("**", i):
            program.append(("any", ""))
            i += 2
        elif pattern[i] == "*":
            program.append(("name", ""))
            i += 1
        elif pattern[i] == "?":
            program.append(("one", ""))
            i += 1
        else:
            program.append(("char", pattern[i]))
            i += 1
    return tuple(program)


@dataclass(frozen=True)
class PathGlob:
    """A glob relative to the config's folder: a bare name (no '/') matches in any folder, and a
    trailing '/' matches everything under that folder."""

    pattern: str
    program: tuple[Instruction, ...] = field(init=False, repr=False)
    steps: dict[tuple[frozenset[int], str], frozenset[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = self.pattern.strip().removeprefix("./")
        if "/" not in pattern.rstrip("/"):
            pattern = "**/" + pattern
        if pattern.endswith("/"):
            pattern += "**"
        object.__setattr__(self, "program", _compile(pattern))
        object.__setattr__(self, "steps", {})

    def fullmatch(self, path: str) -> bool:
        """Whether the whole path matches (named as re.Pattern.fullmatch, which this replaced)."""
        states = self._closure({0})
        for ch in path:
            key = (states, ch)
            after = self.steps.get(key)
            if after is None:
                after = self._step(states, ch)
                if len(self.steps) < MAX_REMEMBERED:
                    self.steps[key] = after
            states = after
            if not states:
                return False
        return len(self.program) in states

    def _step(self, states: frozenset[int], ch: str) -> frozenset[int]:
        reached: set[int] = set()
        for at in states:
            if at == len(self.program):
                continue
            kind, arg = self.program[at]
            if kind == "any" or (kind == "name" and ch != "/"):
                reached.add(at)  # stays, for one more character
            elif (kind == "char" and ch == arg) or (kind == "one" and ch != "/"):
                reached.add(at + 1)
        return self._closure(reached)

    def _closure(self, states: set[int]) -> frozenset[int]:
        """The states plus every one reachable without reading a character."""
        todo, seen = list(states), set(states)
        while todo:
            at = todo.pop()
            if at == len(self.program):
                continue
            kind, arg = self.program[at]
            following = [at + 1] if kind in ("any", "name") else [at + 1, int(arg)] if kind == "split" else []
            for nxt in following:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)
