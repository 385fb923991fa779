"""placeholder: merge fields left in a message; in a template, broken ones and names the merge cannot fill.

A message (no `template: true`) must not contain any placeholder: every field masking found is reported.
A template is expected to hold them, so only malformed fields (mixed or unbalanced delimiters, a blank)
and names outside the allowed list are reported there; a name one edit away from an allowed one gets a fix.
Templates may use {field} {name} {problem} {closest} {fixed} {allowed} {sentence} and {example} (the
sentence as it reads once filled, with masking's stand-in: "Hi Sam,").
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..alert import Severity
from ..defaults import defaults
from ..masking import FIELD_WORDS, MergeField, find_merge_fields
from ..message import READABLE_PARTS
from .base import quote
from .written import exact_alert, part_at, sentence_at, written_text

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

WRAPS = {"double-brace": "{{%s}}", "brace": "{%s}", "bracket": "[%s]", "double-bracket": "[[%s]]",
         "mailchimp": "*|%s|*", "percent": "%%%s%%", "angle": "<%s>"}
OPENER_SYNTAX = (("{{", "double-brace"), ("*|", "mailchimp"), ("[[", "double-bracket"), ("{", "brace"),
                 ("[", "bracket"), ("%", "percent"), ("<", "angle"))
CONTROL = re.compile(r"[#/^>!]|else\b")  # {{#if x}}, {{/if}}, {{else}}: template logic, not a field
ALIASES = {"fname": "first_name", "lname": "last_name"}  # Mailchimp's stock tags
CLEAR_MATCH = 0.7  # difflib ratio a typo must reach ("frist_name" -> "first_name" is 0.9)
CLEAR_MARGIN = 0.08  # and its lead over the runner-up, so "fname" is not guessed as full_name


def allowed_names() -> list[str]:
    """The field names a template may use (the packaged list; config can replace it)."""
    return [str(name) for name in defaults()["merge_fields"]]


def snake(name: str) -> str:
    """first_name for FirstName, firstName, "First Name", first-name and FIRST_NAME alike."""
    name = name.split("|")[0].strip()  # {{ first_name | default: "there" }}
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _key(name: str) -> str:
    return snake(name).replace("_", "")


def _styled(name: str, like: str) -> str:
    """Write an allowed snake_case name the way the writer wrote theirs (FIRST_NAME, FirstName, first name)."""
    words = name.split("_")
    sep = "_" if "_" in like else " " if " " in like else ""
    if like.isupper():
        return sep.join(words).upper()
    if sep == " ":
        return " ".join(w.capitalize() if like[:1].isupper() else w for w in words)
    if not sep and (re.search(r"[a-z][A-Z]", like) or like[:1].isupper()):
        joined = "".join(w.capitalize() for w in words)
        return joined if like[:1].isupper() else joined[:1].lower() + joined[1:]
    return sep.join(words)


def _written_sentence(analysis: Analysis, written: str, offset: int) -> str:
    """The sentence holding an offset as the writer wrote it (placeholders and all)."""
    sentence = analysis.sentence_holding(offset)
    return quote(written[sentence.start_char : sentence.end_char]) if sentence is not None else ""


def _literal(text: str) -> str:
    """Escape braces so a fix title holding a field is not read as a template."""
    return text.replace("{", "{{").replace("}", "}}")


def _problem(field: MergeField) -> str:
    opener = re.match(r"[{\[(*|%<]+", field.raw)
    closer = re.search(r"[}\])*|%>]+$", field.raw)
    if not opener and closer:
        return f"'{closer.group()}' closes a field that never opens"
    if opener and not closer:
        return f"'{opener.group()}' opens a field that never closes"
    if opener and closer:
        return f"it opens with '{opener.group()}' but closes with '{closer.group()}'"
    return "its delimiters do not match"


@dataclass
class Placeholder:
    malformed_message: str = ""  # templates for a template's broken field (default: the rule's own)
    malformed_suggest: str = ""
    unknown_message: str = ""  # ... and for a name the merge cannot fill
    unknown_suggest: str = ""
    typo_suggest: str = ""  # ... when that name is clearly a typo of an allowed one
    unknown_severity: str = "warning"

    FIELDS: ClassVar[tuple[str, ...]] = ("field", "name", "problem", "closest", "fixed", "allowed", "sentence",
                                         "example")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})

    def validate(self) -> None:
        Severity.parse(self.unknown_severity)

    def templates(self) -> list[tuple[str, str]]:
        keys = ("malformed_message", "malformed_suggest", "unknown_message", "unknown_suggest", "typo_suggest")
        return [(key, getattr(self, key)) for key in keys if getattr(self, key)]

    def compile(self, nlp: Language) -> None:
        """Nothing to build: fields are found once by masking."""

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        parts = set(rule.when.parts(READABLE_PARTS))
        fields = [f for f in self._fields(analysis) if part_at(analysis, f.start) in parts]
        template = analysis.message.template
        allowed = list(analysis.message.merge_field_names or allowed_names())
        style = self._style(fields)
        written = written_text(analysis.message)
        for f in fields:
            example = sentence_at(analysis, f.end - 1)  # the stand-in sits at the field's end
            values: dict[str, Any] = {"field": self._human(f.name), "name": f.name, "allowed": ", ".join(allowed),
                                      "sentence": _written_sentence(analysis, written, f.end - 1) or example,
                                      "example": example}
            if not template or f.syntax == "blank" or not f.name:  # a blank is filled by hand, never by the merge
                yield exact_alert(rule, analysis, f.start, f.end, **values)
                continue
            syntaxes = analysis.message.merge_field_syntax
            if syntaxes and f.syntax in WRAPS and f.syntax not in syntaxes and not CONTROL.match(f.name):
                # The team's merge tool reads only its own syntax (config `merge_fields: {syntax: [...]}`).
                fixed = WRAPS[syntaxes[0]] % f.name.split("|")[0].strip()
                problem = f"your merge tool reads {' or '.join(WRAPS[x] % 'name' for x in syntaxes)}, not this syntax"
                yield exact_alert(rule, analysis, f.start, f.end, replacement=fixed,
                                  fix_title=_literal(f"Write '{fixed}'"), message=self.malformed_message or None,
                                  suggest=self.malformed_suggest or None, problem=problem, fixed=fixed, closest="",
                                  **values)
                continue
            if f.syntax != "malformed" and (CONTROL.match(f.name) or self._allowed(f.name, allowed)):
                continue
            closest = None if self._allowed(f.name, allowed) else self._closest(f.name, allowed)
            written = f.name.split("|")[0].strip()  # keep a filter: {{ frist_name | default: "there" }}
            if f.syntax == "malformed":
                name = _styled(snake(closest), written) if closest else written
                fixed = WRAPS[style(f)] % name if name else ""
                yield exact_alert(rule, analysis, f.start, f.end, replacement=fixed or None,
                                  fix_title=_literal(f"Write '{fixed}'"), message=self.malformed_message or None,
                                  suggest=self.malformed_suggest or None, problem=_problem(f), fixed=fixed,
                                  closest=closest or "", **values)
                continue
            fixed = f.raw.replace(written, _styled(closest, written), 1) if closest else ""
            yield exact_alert(rule, analysis, f.start, f.end, replacement=fixed or None,
                              fix_title=_literal(f"Write '{fixed}'"), severity=Severity.parse(self.unknown_severity),
                              message=self.unknown_message or None,
                              suggest=(self.typo_suggest if closest else self.unknown_suggest) or None,
                              fixed=fixed, closest=closest or "", **values)

    @staticmethod
    def _fields(analysis: Analysis) -> list[MergeField]:
        """The body's fields (found by masking) and the front-matter subject's (never masked)."""
        message = analysis.message
        fields = list(message.merge_fields)
        body_start = message.segments[-1].start
        for part in message.parts:
            if part.kind != "subject" or part.start >= body_start:
                continue
            for f in find_merge_fields(message.text[part.start : part.end]):
                tag = f.syntax == "bracket" and f.start == 0 and not set(snake(f.name).split("_")) & FIELD_WORDS
                if not tag:  # "[Webinar] Cutting churn" is a subject tag, not a placeholder
                    fields.append(MergeField(f.start + part.start, f.end + part.start, f.name, f.raw, f.syntax))
        return sorted(fields, key=lambda f: f.start)

    @staticmethod
    def _human(name: str) -> str:
        key = re.sub(r"^(?:your|insert|the)_", "", snake(name))  # [Your Name], [Insert Company]
        known = {_key(a): a for a in allowed_names()}.get(key.replace("_", ""), key)  # FIRSTNAME: first_name
        return ALIASES.get(known, known).replace("_", " ") or "missing detail"

    @staticmethod
    def _allowed(name: str, allowed: list[str]) -> bool:
        keys = {_key(a) for a in allowed}
        last = name.split("|")[0].strip().split(".")[-1]  # {{ contact.first_name }}
        return _key(name) in keys or _key(last) in keys or ALIASES.get(_key(name), "") in allowed

    @staticmethod
    def _closest(name: str, allowed: list[str]) -> str | None:
        """The one allowed name a typo is clearly closest to, or None when none or several are."""
        wanted = snake(name)
        scores = sorted(((difflib.SequenceMatcher(None, wanted, a).ratio(), a) for a in allowed), reverse=True)
        if not scores or scores[0][0] < CLEAR_MATCH:
            return None
        if len(scores) > 1 and scores[0][0] - scores[1][0] < CLEAR_MARGIN:
            return None
        return scores[0][1]

    @staticmethod
    def _style(fields: list[MergeField]) -> _Style:
        used = Counter(f.syntax for f in fields if f.syntax in WRAPS)
        return _Style(used.most_common(1)[0][0] if used else None)


@dataclass(frozen=True)
class _Style:
    """The syntax a repaired field takes: the template's usual one, else what its opener suggests."""

    usual: str | None

    def __call__(self, field: MergeField) -> str:
        if self.usual:
            return self.usual
        for opener, syntax in OPENER_SYNTAX:
            if field.raw.startswith(opener):
                return syntax
        return "double-brace"
