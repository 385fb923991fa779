"""Source -> Message: the analysed text, its parts (subject .. signature), and the map back to the source."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .masking import MergeField, literal_spans, mask
from .quoting import QUOTED, blank_quoted, quoted_spans
from .reader import DEFAULT_CHANNEL, DEFAULT_STAGE, Source, aligned_offsets
from .spans import SpanIndex

PARTS = ("subject", "greeting", "body", "closing", "signature")
# What a rule reads when it reads every part: the signature is the sender's but not the message (RULES.md).
READABLE_PARTS = ("subject", "greeting", "body", "closing")

GREETING_WORD = re.compile(
    r"[ \t]*(?:hi|hello|hey|hiya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening|day)|morning|yo)"
    r"(?:\s+hey)?\b",
    re.I,
)
TITLE = re.compile(r"^(?:(?:dr|mr|mrs|ms|mx|prof|sr|jr|st)\.|professor|doctor|dr|mr|mrs|ms|prof)$", re.I)
NOT_A_NAME = {"there", "all", "team", "everyone", "folks", "again", "sir", "madam", "sir/madam", "hey"}
BARE_NAME_LINE = re.compile(  # "Jordan,", "Mr. Gorman,", "Dr Ana Ruiz,"
    r"[ \t]*(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]+)?([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})[ \t]*[,.][ \t]*$")
CLOSING = re.compile(
    r"[ \t]*(?:best(?:\s+regards|\s+wishes)?|kind\s+regards|warm(?:est)?\s+regards|regards|warmly|"
    r"thanks(?:\s+again|\s+so\s+much|\s+in\s+advance)?|thank\s+you(?:\s+so\s+much)?|many\s+thanks|cheers|"
    r"sincerely|yours(?:\s+truly|\s+sincerely|\s+faithfully)?|talk\s+soon|speak\s+soon|all\s+the\s+best|"
    r"with\s+best\s+wishes|best\s+wishes|respectfully|cordially|take\s+care|obrigado|gracias|danke|"
    r"love|peace)\b[ \t]*[,.!]*",
    re.I,
)
SIGNATURE_LINE = re.compile(r"[ \t]*[-–—~]?[ \t]*[A-Z:][\w.'’:-]*(?:[ \t]+[\w.'’&()-]+){0,3}[ \t]*$")
INLINE_SIGNATURE = re.compile(r"[ \t]+[-–—~][ \t]?[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)?[ \t]*$")
# The subject ends at its last non-blank character, found greedily: a lazy (.+?) re-read the trailing
# blanks once per character. A line of only blanks after "subject:" keeps its last blank, as before.
INLINE_SUBJECT = re.compile(r"[ \t]*subject:[ \t]*([^ \t](?:.*[^ \t])?|[ \t])[ \t]*$", re.I)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the analysed text that stands at source_start in the source file."""

    start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class PartSpan:
    kind: str
    start: int
    end: int


@dataclass
class Message:
    source: Source
    text: str  # what the analyser reads
    channel: str
    stage: str
    template: bool
    sender_company: str | None
    segments: list[Segment]
    parts: list[PartSpan]
    merge_fields: list[MergeField]
    reader_name: str | None = None
    list_items: list[tuple[int, int]] = field(default_factory=list)
    merge_field_names: tuple[str, ...] = ()  # the placeholder names a template may use (config); () = defaults
    merge_field_syntax: tuple[str, ...] = ()  # the syntaxes the team's merge tool reads (config); () = any
    literals: list[tuple[int, int]] = field(default_factory=list)  # code spans and web addresses: quoted as written

    @cached_property
    def quoted_text(self) -> SpanIndex:
        """Code spans, web addresses and merge fields: what no fix may cut into."""
        return SpanIndex.of([*self.literals, *((f.start, f.end) for f in self.merge_fields)])

    @cached_property
    def literals_in_source(self) -> SpanIndex:
        """Code spans and web addresses as source offsets, where alerts stand: no rule reads inside them."""
        return SpanIndex.of((self.to_source(s), self.to_source(e - 1) + 1) for s, e in self.literals)

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s.start for s in self.segments]

    def to_source(self, offset: int) -> int:
        """Map an analysed-text offset to a source offset (separators map to the nearest segment end)."""
        starts = self._segment_starts
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        seg = self.segments[index]
        return seg.source_start + min(max(offset - seg.start, 0), seg.length)

    @cached_property
    def _quoted(self) -> tuple[list[int], list[PartSpan], list[PartSpan]]:
        """Quoted spans' starts and spans (found by bisect: a reply may quote thousands of lines), and the
        other parts."""
        quoted = [p for p in self.parts if p.kind == QUOTED]
        return [p.start for p in quoted], quoted, [p for p in self.parts if p.kind != QUOTED]

    def part_at(self, offset: int) -> str:
        """The part holding an offset; quoted text wins over the body it sits in."""
        starts, quoted, others = self._quoted
        n = bisect.bisect_right(starts, offset) - 1
        if n >= 0 and offset < quoted[n].end:
            return QUOTED
        for part in others:
            if part.start <= offset < part.end:
                return part.kind
        return "body"

    @property
    def raw_message(self) -> str:
        """The message as written (no front matter), as a platform would count it."""
        return self.source.text[self.source.body_start :].strip()


def _aligned(value: str, text: str, start: int, end: int) -> list[Segment]:
    """Segments mapping a YAML scalar's value onto its written form, one run of contiguous characters each."""
    segments: list[Segment] = []
    for i, offset in enumerate(aligned_offsets(value, text, start, end)[:-1]):
        last = segments[-1] if segments else None
        if last and offset == last.source_start + last.length and i == last.start + last.length:
            segments[-1] = Segment(last.start, last.source_start, last.length + 1)
        else:
            segments.append(Segment(i, offset, 1))
    return segments or [Segment(0, start, 0)]


def _lines(text: str, start: int = 0) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        out.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _greeting(text: str, start: int, end: int) -> tuple[int, str | None] | None:
    """End offset of a salutation at the start of the line [start, end) and the reader's name in it."""
    line = text[start:end]
    m = GREETING_WORD.match(line)
    if m:
        pos = m.end()
        while pos < len(line) and pos - m.end() <= 45:
            ch = line[pos]
            spaced = (ch == "-" and line[pos - 1 : pos] == " " and line[pos + 1 : pos + 2] == " "  # "Hi Aisha - I'm
                      and not line.rstrip().endswith(","))  # a recruiter...", not "Hi Jo - it's Sam," (all greeting)
            if ch in ",!:;?—–" or spaced or (ch == "." and not TITLE.search(line[m.end() : pos + 1].split()[-1])):
                stop = pos
                while pos < len(line) and line[pos] in ",!.:;?—–- ":
                    pos += 1
                name_words = [w for w in line[m.end() : stop].split() if w.lower().strip(".") not in NOT_A_NAME]
                names = [w for w in name_words if not TITLE.search(w)]
                return start + pos, (names[0] if names else None)
            pos += 1
        if len(line.split()) <= 4:
            words = [w for w in line[m.end() :].split() if w.lower() not in NOT_A_NAME]
            return end, (words[0] if words else None)
        return start + m.end(), None
    bare = BARE_NAME_LINE.match(line)
    if bare and len(bare.group(1).split()) <= 3 and not CLOSING.fullmatch(line.strip(" ,.")):
        return end, bare.group(1).split()[0]
    return None


def _closing(text: str, lines: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """(closing start, closing end, signature end) scanning the last few non-blank lines."""
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    for s, e in reversed(content[-7:]):
        m = CLOSING.match(text, s, e)
        if m and len(text[m.end() : e].split()) <= 4 and (m.end() == e or text[m.end() - 1] in ",.!" or
                                                           text[m.end():e].strip() == ""):
            return s, m.end(), e
    return None


def build_message(source: Source, channel: str | None = None, stage: str | None = None,
                  settings: Any = None) -> Message:
    """`channel`/`stage` (the CLI's flags) beat the front matter, which beats `settings` (the config's
    FileSettings for this path), which beat the defaults."""
    front = source.front_matter
    raw = source.text[source.body_start :]
    masked, fields = mask(raw)
    quoted = quoted_spans(raw)
    masked = blank_quoted(masked, quoted)
    segments: list[Segment] = []
    parts: list[PartSpan] = []
    prefix = ""
    if front.subject:
        subject = front.subject.replace("\n", " ")
        if source.subject_span:
            segments.extend(_aligned(subject, source.text, *source.subject_span))
        else:
            segments.append(Segment(0, source.body_start, 0))
        parts.append(PartSpan("subject", 0, len(subject)))
        prefix = subject + "\n\n"
    base = len(prefix)
    segments.append(Segment(base, source.body_start, len(masked)))
    text = prefix + masked
    fields = [MergeField(f.start + base, f.end + base, f.name, f.raw, f.syntax) for f in fields]

    quote_tail = quoted[-1][0] + base if quoted and quoted[-1][1] == len(raw) else len(text)
    lines = [(s, e) for s, e in _lines(text, base) if s < quote_tail]
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    body_start, body_end = base, quote_tail
    reader_name = None
    if content and not front.subject:
        m = INLINE_SUBJECT.match(text, content[0][0], content[0][1])
        if m:
            parts.append(PartSpan("subject", m.start(1), m.end(1)))
            body_start = content[0][1]
            content = content[1:]
    if content:
        greeting = _greeting(text, content[0][0], content[0][1])
        if greeting:
            g_end, reader_name = greeting
            if any(f.start < g_end and f.end > content[0][0] for f in fields):
                reader_name = None  # the name is a placeholder, counted as a merge field instead
            parts.append(PartSpan("greeting", content[0][0], g_end))
            body_start = g_end
    closing = _closing(text, [(s, e) for s, e in lines if s >= body_start])
    signature: list[PartSpan] = []
    if closing:
        c_start, c_end, c_line_end = closing
        body_end = c_start
        parts.append(PartSpan("closing", c_start, c_end))
        sig_end = quote_tail
        after = [(s, e) for s, e in lines if s > c_line_end and text[s:e].strip()]
        for s, e in after:  # a long paragraph after the signature is a postscript: body again
            if len(text[s:e].split()) > 12:
                sig_end = s
                break
        if text[c_end:c_line_end].strip():
            signature.append(PartSpan("signature", c_end, c_line_end))
        if sig_end > c_line_end and text[c_line_end:sig_end].strip():
            signature.append(PartSpan("signature", c_line_end, sig_end))
        if sig_end < quote_tail:
            parts.append(PartSpan("body", sig_end, quote_tail))
    else:
        last = [(max(s, body_start), e) for s, e in content if e > body_start]  # a one-line note: after "Hi Jo!"
        if len(last) > 1 and SIGNATURE_LINE.fullmatch(text[last[-1][0] : last[-1][1]]):
            body_end = last[-1][0]
            signature.append(PartSpan("signature", last[-1][0], quote_tail))
        elif last:
            m = INLINE_SIGNATURE.search(text, last[-1][0], last[-1][1])
            if m and text[m.start() - 1] in ".!?)":
                body_end = m.start()
                signature.append(PartSpan("signature", m.start(), quote_tail))
    parts.extend(signature)
    parts.extend(PartSpan(QUOTED, start + base, end + base) for start, end in quoted)
    parts.append(PartSpan("body", body_start, max(body_start, body_end)))
    parts.sort(key=lambda p: p.start)
    list_items = [
        (s, e) for s, e in lines if re.match(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+\S", raw[s - base : e - base])
    ]
    return Message(
        source=source,
        text=text,
        channel=channel or front.channel or getattr(settings, "channel", None) or DEFAULT_CHANNEL,
        stage=stage or front.stage or getattr(settings, "stage", None) or DEFAULT_STAGE,
        template=front.template if "template" in front.raw or settings is None else bool(settings.template),
        sender_company=front.sender_company or getattr(settings, "sender_company", None),
        segments=segments,
        parts=parts,
        merge_fields=fields,
        reader_name=reader_name,
        list_items=list_items,
        merge_field_names=tuple(getattr(settings, "merge_fields", None) or ()),
        merge_field_syntax=tuple(getattr(settings, "merge_field_syntax", None) or ()),
        literals=[(s + base, e + base) for s, e in literal_spans(raw)],
    )
