"""Offset-preserving masks: merge fields, HTML comments and Markdown markup become plain words or spaces.

Every mask keeps the text's length, so an offset in the analysed text is an offset in the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Well-formed placeholder syntaxes, tried in this order; the group is the field name. Single braces,
# single brackets and angle brackets also need a name that looks like a field (see _looks_like_field):
# "[link]", "[sic]", "<br>" and "{ return x }" are prose, markup or code, not placeholders.
MERGE_FIELD_SYNTAXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("double-brace", re.compile(r"\{\{[ \t]*([^{}\[\]\n,;!?]{0,60}?)[ \t]*\}\}")),  # {{ first_name | default: 'x' }}
    ("mailchimp", re.compile(r"\*\|[ \t]*([A-Za-z0-9_]{1,40})[ \t]*\|\*")),
    ("percent", re.compile(r"%([A-Za-z][A-Za-z0-9_]{1,38})%")),
    ("angle", re.compile(r"<([A-Za-z][\w .-]{1,38})>")),
    ("brace", re.compile(r"\{!?[ \t]*([A-Za-z_][\w .-]{0,38}?)[ \t]*\}")),  # {FirstName}, {!Contact.Name}
    ("bracket", re.compile(r"\[[ \t]*([^\[\]\n]{1,60}?)[ \t]*\](?!\()")),  # not a Markdown link
)
# Broken placeholders: delimiters of two families ({{name]]), or an opener or closer with no partner.
# Same-family miscounts ({{name}, {name}}) are caught as a well-formed field with a stray neighbour.
MIXED = re.compile(
    r"(?P<open>\{{1,3}|\[{1,2}|\*\|)[ \t]*(?P<name>[A-Za-z_][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,3})[ \t]*"
    r"(?P<close>\}{1,3}|\]{1,2}|\|\*|\){1,2})(?!\()"
)
UNCLOSED = re.compile(r"(?:\{\{|\*\|)[ \t]*([A-Za-z_][\w-]*(?:\.[\w-]+)*)")
UNOPENED = re.compile(r"(?<![\w.{\[|*-])([A-Za-z_][\w-]*(?:\.[\w-]+)*)[ \t]*(?:\}\}|\|\*)")
BLANK = re.compile(r"(?<![\w_])_{3,}(?![\w_])")  # "offices in ______": a blank left to fill by hand
BLANK_LINE = re.compile(r"[ \t]*_{3,}[ \t]*")  # a line of underscores is a rule, not a blank
CODE = re.compile(r"```.*?```|`[^`\n]+`", re.S)
LITERAL_URL = re.compile(r"(?<![\w@.])(?:(?i:https?|ftp)://|(?i:www)\.)[^\s<>\"'`]+")
URL_TRAILING = ".,;:!?'\"*_]"
HTML_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "body", "br", "center", "code", "del", "div", "em", "font", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "hr", "html", "i", "img", "li", "ol", "p", "pre", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "tr", "u", "ul",
})
FIELD_WORDS = frozenset({
    "name", "first", "last", "full", "company", "organisation", "organization", "business", "title", "role",
    "city", "industry", "prospect", "contact", "recipient", "firstname", "lastname", "fullname",
})
FAMILY = {"{": "brace", "}": "brace", "[": "bracket", "]": "bracket", "*": "pipe", "|": "pipe", ")": "paren"}
HASH_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*outreach-lint:[^\r\n]*", re.M)  # plain-text suppressions
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\n]*)\)")
# Emphasis closes within 500 characters on its line: an opener that never closes (a line of "*a ")
# would otherwise scan to the line's end from each one, time growing with the square of the line.
EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.{1,500}?)(?<=\S)\1")
LINE_MARKUP = re.compile(r"^([ \t]*)(#{1,6}[ \t]+|>[ \t]?|[-*+•][ \t]+|\d{1,2}[.)][ \t]+)", re.M)

STRAIGHT_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
READER_FIELDS = ("first", "last", "full", "name", "company", "organisation", "organization", "business")
# Fields that name someone other than the reader: the sender ("your name" in a template is the writer's own)
# or a third party the sender speaks for.
OTHER_PEOPLE = ("client", "your", "my", "sender", "author", "writer", "customer", "partner")


@dataclass(frozen=True, slots=True)
class MergeField:
    start: int  # offsets in the message text
    end: int
    name: str
    raw: str
    syntax: str  # one of MERGE_FIELD_SYNTAXES' names, "double-bracket", "malformed" or "blank"

    @property
    def stands_for_reader(self) -> bool:
        """True for fields that name the reader or the reader's company (they count as 'you')."""
        lowered = self.name.lower().replace(" ", "_")
        if any(part in lowered.split("_") for part in OTHER_PEOPLE):
            return False  # [Client Name], {{your_name}}, [My Company]: someone else, or the sender
        return any(part in lowered for part in READER_FIELDS)


def html_comments(text: str) -> list[tuple[int, int]]:
    """Each <!-- ... --> span, in order, found in one pass.

    The pattern <!--.*?--> scans to the end of the text from every opener it cannot close, so a draft
    of unclosed openers took time growing with the square of its length. Once one opener has no
    closer after it, no later one has either: the search stops there.
    """
    spans: list[tuple[int, int]] = []
    at = text.find("<!--")
    while at >= 0:
        close = text.find("-->", at + 4)
        if close < 0:
            break
        spans.append((at, close + 3))
        at = text.find("<!--", close + 3)
    return spans


def _looks_like_field(name: str) -> bool:
    """A short name written the way placeholders are (First Name, FIRST_NAME, firstName, company), not prose."""
    words = name.split()
    if len(words) > 1 and words[-1].isdigit():
        words = words[:-1]  # "<Client 1>", "[Company 2]": numbered stand-ins, as an author redacts a list
    if not words or len(words) > 4 or not all(re.fullmatch(r"[A-Za-z_][\w.'’-]*", w) for w in words):
        return False
    if "_" in name or re.search(r"[a-z][A-Z]", name) or all(w[0].isupper() for w in words):
        return True
    return any(w.lower().strip(".'’") in FIELD_WORDS for w in words)


def _is_field(syntax: str, name: str) -> bool:
    if syntax == "angle":
        return name.lower() not in HTML_TAGS and (name.isupper() or _looks_like_field(name))
    if syntax in ("brace", "bracket"):
        return _looks_like_field(name)
    return True


def _stand_in(name: str, width: int) -> str:
    """A plain word the parser reads as the field would read, right-aligned in the field's width."""
    lowered = name.lower()
    word = "Acme" if any(k in lowered for k in ("company", "organi", "business", "brand")) else "Sam"
    if "city" in lowered or "location" in lowered:
        word = "Leeds"
    word = word[:width]
    return " " * (width - len(word)) + word


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n":
            chars[i] = " "


def _with_neighbours(text: str, syntax: str, start: int, end: int) -> tuple[str, int, int]:
    """Widen a well-formed field over a stray delimiter beside it: {{name} and {name}} are malformed."""
    pair = {"double-brace": ("{", "}"), "brace": ("{", "}"), "bracket": ("[", "]")}.get(syntax)
    if pair is None:
        return syntax, start, end
    opener, closer = pair
    before = start > 0 and text[start - 1] == opener
    after = end < len(text) and text[end] == closer
    if before and after and syntax != "brace":  # {{{name}}} (unescaped) and [[name]] are balanced
        return ("double-bracket" if syntax == "bracket" else syntax), start - 1, end + 1
    if before or after:
        return "malformed", start - before, end + after
    return syntax, start, end


def _candidates(text: str) -> list[tuple[str, int, int, str]]:
    """Every placeholder-like span, best readings first: (syntax, start, end, name)."""
    found: list[tuple[str, int, int, str]] = []
    for syntax, pattern in MERGE_FIELD_SYNTAXES:
        for m in pattern.finditer(text):
            name = m.group(1).strip()
            if _is_field(syntax, name):
                found.append((*_with_neighbours(text, syntax, m.start(), m.end()), name))
    for m in MIXED.finditer(text):
        open_family, close_family = FAMILY[m.group("open")[0]], FAMILY[m.group("close")[0]]
        strong = m.group("open") in ("{{", "{{{", "*|") or m.group("close") in ("}}", "}}}", "|*")
        if open_family != close_family and (strong or _looks_like_field(m.group("name"))):
            found.append(("malformed", m.start(), m.end(), m.group("name").strip()))
    for pattern in (UNCLOSED, UNOPENED):
        found += [("malformed", m.start(), m.end(), m.group(1)) for m in pattern.finditer(text)]
    for m in BLANK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if not BLANK_LINE.fullmatch(text, line_start, len(text) if line_end < 0 else line_end):
            found.append(("blank", m.start(), m.end(), ""))
    return found


def find_merge_fields(text: str) -> list[MergeField]:
    """Placeholders outside code and HTML comments, well-formed or not; the first reading of a span wins."""
    # One mark per character taken: a candidate is checked over its own length, not against every
    # span taken so far (a flood of fields made that quadratic).
    taken = bytearray(len(text))
    for start, end in [*((m.start(), m.end()) for m in CODE.finditer(text)), *html_comments(text)]:
        taken[start:end] = b"\x01" * (end - start)
    fields: list[MergeField] = []
    for syntax, start, end, name in _candidates(text):
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        fields.append(MergeField(start, end, name, text[start:end], syntax))
    return sorted(fields, key=lambda f: f.start)


def mask(text: str) -> tuple[str, list[MergeField]]:
    """Return the text as the analyser should see it, and the merge fields found in it."""
    # Curly quotes parse worse than straight ones ("I’m" is not read as "I'm"); same length, so offsets hold.
    # CRLF becomes " \n" and a lone CR "\n": lines stay lines, offsets stay put.
    chars = list(text.replace("\r\n", " \n").replace("\r", "\n").translate(STRAIGHT_QUOTES))
    for start, end in [*html_comments(text), *((m.start(), m.end()) for m in HASH_DIRECTIVE.finditer(text))]:
        _blank(chars, start, end)
    fields = find_merge_fields(text)
    for f in fields:
        chars[f.start : f.end] = list(_stand_in(f.name, f.end - f.start))
    masked = "".join(chars)
    for m in MARKDOWN_LINK.finditer(masked):
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for m in EMPHASIS.finditer(masked):
        _blank(chars, m.start(1), m.end(1))
        _blank(chars, m.end(2), m.end())
    for m in LINE_MARKUP.finditer(masked):
        _blank(chars, m.start(2), m.end(2))
    return "".join(chars), fields


def literal_spans(text: str) -> list[tuple[int, int]]:
    """Where the text is quoted as written (code spans, web addresses): read as data, never as prose."""
    spans = [(m.start(), m.end()) for m in CODE.finditer(text)]
    for m in LITERAL_URL.finditer(text):
        end, unopened = m.end(), m.group().count(")") - m.group().count("(")
        while end > m.start() and (text[end - 1] in URL_TRAILING or (text[end - 1] == ")" and unopened > 0)):
            unopened -= text[end - 1] == ")"  # sentence punctuation after an address, or a bracket it did not open
            end -= 1
        spans.append((m.start(), end))
    return sorted(spans)
