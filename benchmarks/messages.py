"""The benchmark's message sets, built deterministically from the labelled corpus and examples/.

A thousand copies of the same hundred strings would flatter any cache inside spaCy or the linter,
so every copy after the first gets a different reader, a different sender and, where a paragraph has
room for it, two sentences swapped. Labels (`expect`, `ignore`, `source`) are dropped from the copies:
they are the corpus's, not the writer's. Peers get the prose as a reader sees it: the subject line,
then the body, with no front matter (they would lint YAML as prose otherwise).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from outreach_lint.reader import parse_source

LABELS = ("expect", "ignore", "source")
GREETING = re.compile(r"\A(Hi|Hey|Hello|Dear|Morning|Good morning)([ \t]+)([A-Z][a-z]+)\b")
STARTS_WITH_GREETING = re.compile(r"\A(?:Hi|Hey|Hello|Dear|Morning|Good (?:morning|afternoon)|Greetings)\b")
SIGN_OFF = re.compile(r"(\n)([A-Z][a-z]+)(\s*)\Z")
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z])")
NOT_NAMES = {"Thanks", "Best", "Cheers", "Regards", "Thank", "Sincerely", "Warmly", "Talk", "Speak", "Hi"}
READERS = ("Priya", "Marcus", "Aiko", "Tomas", "Leila", "Owen", "Sofia", "Kwame", "Ingrid", "Rahul", "Elena",
           "Jonah", "Mei", "Diego", "Hannah", "Yusuf", "Clara", "Mateo", "Nadia", "Felix", "Amara", "Lukas",
           "Zoe", "Arjun", "Freya", "Omar", "Julia", "Kenji", "Maya", "Samir")
SENDERS = ("Dana", "Alex", "Robin", "Sam", "Jordan", "Casey", "Morgan", "Riley", "Taylor", "Jamie", "Avery",
           "Quinn", "Noor", "Eli", "Tess", "Ravi", "Ines", "Hugo", "Lena", "Theo")


@dataclass(frozen=True)
class Message:
    """One benchmark message: the file outreach-lint reads, and the prose a general linter reads."""

    name: str
    text: str  # front matter (labels dropped) + body
    prose: str  # "Subject: ..." + body, no front matter
    flawed: bool | None = None  # a corpus message as written: does its `expect` list any rule? (else None)


def base_messages(dirs: Iterable[Path]) -> list[tuple[str, str]]:
    """(file name, text) of every message file under the dirs, in a stable order."""
    found = []
    for folder in dirs:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt") and p.is_file()):
            found.append((path.stem, path.read_text(encoding="utf-8")))
    return found


def drop_labels(text: str) -> str:
    """The front matter without the corpus's labels (and any indented lines that continue them)."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---", 4)
    if end < 0:
        return text
    kept: list[str] = []
    dropping = False
    for line in text[4:end].split("\n"):
        if line and not line[0].isspace() and not line.startswith("-"):
            dropping = line.split(":", 1)[0].strip() in LABELS
        if not dropping:
            kept.append(line)
    return "---\n" + "\n".join(kept) + text[end:]


def label(text: str) -> bool | None:
    """A labelled message is flawed when its front matter expects some rule, clean when `expect` is empty."""
    raw = parse_source(text, "message.md").front_matter.raw
    return bool(raw["expect"]) if "expect" in raw else None


def split(text: str) -> tuple[str, str, str | None]:
    """(front matter block, body, subject) as outreach-lint's reader sees them."""
    source = parse_source(text, "message.md")
    return text[: source.body_start], text[source.body_start :], source.front_matter.subject


def _respace(placeholder: re.Match[str]) -> str:
    """{{name}} <-> {{ name }}."""
    name = placeholder.group(1)
    return f"{{{{ {name} }}}}" if placeholder.group(0) == f"{{{{{name}}}}}" else f"{{{{{name}}}}}"


def vary(body: str, rng: random.Random) -> str:
    """A new reader, sender and greeting word, and maybe two middle sentences of a paragraph swapped."""
    reader = rng.choice(READERS)
    greeting = GREETING.match(body)
    if greeting and greeting.group(3) not in NOT_NAMES:
        body = re.sub(rf"\b{greeting.group(3)}\b", reader, body)
    elif not STARTS_WITH_GREETING.match(body) and "{{" not in body[:40]:
        body = f"Hi {reader}, {body}"
    sign_off = SIGN_OFF.search(body)
    if sign_off and sign_off.group(2) not in NOT_NAMES:
        body = body[: sign_off.start(2)] + rng.choice(SENDERS) + body[sign_off.end(2) :]
    hello = re.match(r"(?:Hi|Hey|Hello)\b", body)
    if hello:
        body = rng.choice(("Hi", "Hey", "Hello")) + body[hello.end() :]
    if rng.random() < 0.5:  # templates have no names to swap; their authors space placeholders either way
        body = PLACEHOLDER.sub(_respace, body)
    trailing = body[len(body.rstrip()) :]
    paragraphs = body.rstrip().split("\n\n")
    roomy = [i for i, p in enumerate(paragraphs) if len(SENTENCE_END.split(p)) >= 3]
    if roomy and rng.random() < 0.5:
        n = rng.choice(roomy)
        sentences = SENTENCE_END.split(paragraphs[n])
        i = rng.randrange(1, len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
        paragraphs[n] = " ".join(sentences)
    return "\n\n".join(paragraphs) + trailing


def to_prose(body: str, subject: str | None) -> str:
    return (f"Subject: {subject}\n\n" if subject else "") + body


def build(bases: list[tuple[str, str]], count: int, seed: int = 7) -> tuple[list[Message], int]:
    """`count` messages cycling through the bases; the first round as written, later rounds varied.

    The first round keeps each labelled message's label, so one run over the set also scores a linter
    on the corpus. Returns the messages and how many are still exact duplicates of an earlier one.
    """
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[Message] = []
    duplicates = 0
    for n in range(count):
        stem, original = bases[n % len(bases)]
        head, body, subject = split(drop_labels(original))
        text = head + body
        for _ in range(30 if n >= len(bases) else 0):
            if text not in seen:
                break
            text = head + vary(body, rng)
        duplicates += text in seen
        seen.add(text)
        varied_body = text[len(head) :]
        flawed = label(original) if n < len(bases) else None
        out.append(Message(f"m{n:04d}-{stem}.md", text, to_prose(varied_body, subject), flawed))
    return out, duplicates


def write(messages: Iterable[Message], folder: Path, prose: bool = False) -> Path:
    """Write the messages (or their prose) as files, one per message."""
    folder.mkdir(parents=True, exist_ok=True)
    for message in messages:
        (folder / message.name).write_text(message.prose if prose else message.text, encoding="utf-8")
    return folder
