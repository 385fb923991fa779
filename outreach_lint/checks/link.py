"""link: web addresses in the message as written (Markdown link targets included), calendar links named.

A link is an address with a scheme (https://...), one that starts with www., or a bare domain on a
common web ending with a path (calendly.com/sam) or typed in lower case (acme.io). A bare domain
written like a name (Booking.com, WritersMarket.com) is a company, and an e-mail address is not a link.
A link whose address holds one of the rule's `calendar` markers is a calendar link. A link named as the
reader's own just before it ("your article at https://...", "[your post](...)"), one the sender offers to
link to or asks the reader to put a link on ("I'd link back to ...", "could you add it on ..."), and any
other link to the same site is theirs, not the sender's, and is not reported unless `readers_own: false`:
advice to cut it would tell the writer to cut the reader's own page. Templates may use
{url}, {kind} ("link" or "calendar link"), {offer} (what to offer instead, from the link's text or
address) and {sentence}.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from ..masking import html_comments
from ..message import READABLE_PARTS
from .written import exact_alert, part_at, sentence_at, written_text

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

# Web endings common enough in outreach; two-letter words that end sentences glued to the next
# ("today.it", "log.in") are left out.
ENDINGS = ("com|org|net|io|co|ai|app|dev|me|ly|so|xyz|info|biz|us|uk|ca|de|fr|eu|au|nl|es|ch|se|tech|site|"
           "page|link|cc|tv|gg|sh|club|store|shop|online|agency|studio|design|cloud|digital|email|live|video|"
           "events|ventures|vc|fm|health|finance|news|blog")
URL = re.compile(
    r"(?<![\w@.%+-])(?:"
    r"(?i:https?|ftp)://[^\s<>\"'`]+"
    r"|(?i:www)\.[^\s<>\"'`]+"
    rf"|(?P<domain>(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:{ENDINGS}))(?![\w@-])(?P<path>/[^\s<>\"'`]*)?"
    r")"
)
TRAILING = ".,;:!?'\"*_"
MARKDOWN_TEXT = re.compile(r"\[([^\[\]\n]+)\]\($")
SLUG_WORD = re.compile(r"[a-z]{2,}")  # a word of a readable address slug
# A link named as the reader's own, just before it in the same sentence: "your article at", "your post:",
# "your company's site (", "what you wrote here -". The thing must be something a reader writes, runs or
# shows ("your team at acme.io" or "your demo at" is still the sender's link), and none of the words
# between it and the address may be the sender's ("your post about my tool at ...").
READERS_THINGS = (r"article|post|blog|site|website|homepage|page|talk|keynote|podcast|episode|video|thread|piece|"
                  r"newsletter|paper|essay|study|report|profile|portfolio|repo|repository|shop|store|launch|"
                  r"announcement|interview|write-?up|tweet|listing|research|case[ \t]+study|feed|channel|guide|"
                  r"tutorial|book|course|resources?|recipe|gallery|directory|docs|documentation")
NOT_THEIRS = r"(?!(?:my|our|ours|mine|we|i|me|us|and|but|so|then|this|these|which|that)\b)"
READERS_OWN = re.compile(
    rf"(?:\byour(?:[ \t]+{NOT_THEIRS}[\w'’-]+){{0,3}}?[ \t]+(?:{READERS_THINGS})s?"
    r"|\byou[ \t]+(?:wrote|posted|published|shared|gave|recorded|launched))\b"
    rf"(?:[ \t]+{NOT_THEIRS}[\w'’-]+){{0,4}}[ \t]*[:(\[–—-]?[ \t]*$",
    re.I,
)
# Links the sender would place on their own page point at the reader's ("I'd happily link back to ..."), and
# a place the reader is asked to put a link is the reader's page ("could you add a link to mine on ...").
SENDER_LINKS_TO = re.compile(
    r"\b(?:i|we)\b(?:(?!\byou\b)[^\n]){0,40}?\blink(?:ing)?[ \t]+(?:back[ \t]+)?to[ \t]*$", re.I)
PLACED_BY_READER = re.compile(
    r"\byou\b[^\n]{0,40}?\b(?:add|put|place|include|insert|feature|drop|mention)\b[^\n]*?\blinks?\b[^\n]*?"
    r"[ \t](?:on|onto|in|within)[ \t]+(?:your[ \t]+)?$", re.I)
SENDERS_OWN = re.compile(r"\b(?:my|our|mine|ours)\b(?:[ \t]+[\w'’-]+){0,4}[ \t]*[:(\[–—-]?[ \t]*$", re.I)
# Sites where many people publish: there a page is someone's by its first path segment (medium.com/@ana),
# not by the site.
SHARED_HOSTS = frozenset({"medium.com", "linkedin.com", "youtube.com", "youtu.be", "twitter.com", "x.com",
                          "github.com", "gitlab.com", "substack.com", "facebook.com", "instagram.com",
                          "tiktok.com", "docs.google.com", "drive.google.com", "notion.so", "notion.site",
                          "bit.ly", "dev.to", "behance.net", "dribbble.com", "vimeo.com", "reddit.com"})


def _trim(url: str) -> str:
    """Drop sentence punctuation after an address, and a closing bracket it did not open."""
    while url and (url[-1] in TRAILING or url[-1] == "]" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def _offer(url: str, label: str | None, calendar: bool) -> str:
    """What to offer instead of the link: its Markdown text, else the words of its last path segment."""
    if calendar:
        return "my calendar link"
    if label:
        return re.sub(r"^(?:our|my)\b", "the", label.strip(), flags=re.I)
    path = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("?")[0].split("#")[0].rstrip("/")
    host, *segments = path.split("/")
    for segment in reversed(segments):
        pieces = re.split(r"[-_+]", re.sub(r"\.\w+$", "", segment.lower()))
        words = [p for p in pieces if SLUG_WORD.fullmatch(p)]
        if len(words) >= 2 and 2 * len(words) >= len(pieces):  # a readable slug, not an id like abc123def
            return "the " + " ".join(words) + " page"
    return f"the {re.sub(r'^www[.]', '', host.lower())} link"


def _named_as_theirs(analysis: Analysis, start: int, label: str) -> bool:
    """Whether the words just before a link (in its sentence), or its Markdown text, name it the reader's."""
    if READERS_OWN.search(label + " "):
        return True
    before = _words_before(analysis, start)
    return any(p.search(before) is not None for p in (READERS_OWN, SENDER_LINKS_TO, PLACED_BY_READER))


def _words_before(analysis: Analysis, start: int) -> str:
    """The words of a link's sentence before it (at most 80 characters of them)."""
    sentence = analysis.sentence_holding(start)
    since = sentence.start_char if sentence is not None else max(0, start - 80)
    return analysis.message.text[max(since, start - 80) : start]


def site(url: str) -> str:
    """The site a link belongs to: its host without www., and on a shared host its first path segment too."""
    path = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("?")[0].split("#")[0]
    host, _, rest = path.partition("/")
    host = re.sub(r"^www[.]", "", host.split(":")[0].lower())
    if any(host == h or host.endswith("." + h) for h in SHARED_HOSTS):
        return host + "/" + rest.split("/")[0].lower()
    return host


@dataclass(frozen=True)
class Found:
    """A link in the message: its span (a Markdown link whole), address, Markdown text, and whose it is."""

    start: int
    end: int
    url: str
    label: str | None
    readers: bool


def find_links(analysis: Analysis, parts: set[str] | None = None) -> list[Found]:
    """Every link in the parts (default: the readable ones), at analysed-text offsets. A link is the reader's
    when named so, or when it is on a site another link names as theirs and is not named as the sender's."""
    written = written_text(analysis.message)
    comments = html_comments(written)
    comment_starts = [s for s, _ in comments]
    found: list[tuple[Found, str]] = []
    for m in URL.finditer(written):
        n = bisect.bisect_right(comment_starts, m.start()) - 1
        if n >= 0 and m.start() < comments[n][1]:
            continue  # <!-- notes to self --> are not sent
        url = _trim(m.group())
        if m.group("domain") and not m.group("path") and m.group("domain") != m.group("domain").lower():
            continue  # Booking.com: a company named by its domain
        start, end = m.start(), m.start() + len(url)
        part = part_at(analysis, start)
        label = MARKDOWN_TEXT.search(written, max(0, start - 200), start)
        if label and written[end : end + 1] == ")":
            at, text = label.start(), label.group(1)
            link = Found(at, end + 1, url, text, _named_as_theirs(analysis, at, text))
        else:
            link = Found(start, end, url, None, _named_as_theirs(analysis, start, ""))
        found.append((link, part))
    theirs = {site(link.url) for link, _ in found if link.readers}
    out = []
    for link, part in found:
        if not link.readers and site(link.url) in theirs and not SENDERS_OWN.search(
                _words_before(analysis, link.start) + (link.label or "") + " "):
            link = replace(link, readers=True)
        if part in (READABLE_PARTS if parts is None else parts):
            out.append(link)
    return out


def readers_links(analysis: Analysis) -> list[tuple[int, int]]:
    """The analysed-text spans of links to the reader's own pages: no fix may cut them."""
    return [(link.start, link.end) for link in find_links(analysis) if link.readers]


@dataclass
class Link:
    calendar: list[str] = field(default_factory=list)  # address fragments of booking tools (calendly.com, /30min)
    readers_own: bool = True  # a link named as the reader's own ("your post at ...") is not reported

    FIELDS: ClassVar[tuple[str, ...]] = ("url", "kind", "offer", "sentence")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})

    def validate(self) -> None:
        if not all(isinstance(c, str) and c.strip() for c in self.calendar):
            raise ValueError("'calendar' must be a list of address fragments")

    def compile(self, nlp: Language) -> None:
        """Nothing to build: the address pattern is fixed."""

    def links(self, analysis: Analysis, parts: set[str]) -> Iterator[tuple[int, int, str, str | None]]:
        """(start, end, address, Markdown text) of every link in the parts that is reported, at analysed-text
        offsets: the reader's own links are left out unless `readers_own` is off."""
        for link in find_links(analysis, parts):
            if not (self.readers_own and link.readers):
                yield link.start, link.end, link.url, link.label

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        for start, end, url, label in self.links(analysis, set(rule.when.parts(READABLE_PARTS))):
            booking = any(marker.lower() in url.lower() for marker in self.calendar)
            yield exact_alert(rule, analysis, start, end, url=url, kind="calendar link" if booking else "link",
                              offer=_offer(url, label, booking), sentence=sentence_at(analysis, start))
