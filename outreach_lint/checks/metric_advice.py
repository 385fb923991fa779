"""Concrete advice for metric alerts, built from the draft: where to split, which question to keep or ask.

A suggestion a writer can act on names the sentence and the place; these helpers find them from the
parse (clause boundaries, noun chunks), so the advice follows any draft rather than a list of phrasings.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from typing import TYPE_CHECKING

from ..analysis import WORD
from .base import quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..analysis import Analysis

# Singular and plural of each figure's unit, so a message never says "1 words".
UNITS = {
    "words": ("word", "words"),
    "characters": ("character", "characters"),
    "sentences": ("sentence", "sentences"),
    "questions": ("question", "questions"),
    "grade": ("grade", "grades"),
    "first-person": ("first-person reference", "first-person references"),
    "second-person": ("second-person reference", "second-person references"),
}
# Words that open a new clause: a sentence can end before them and the next one start with them.
CLAUSE_OPENERS = {"because", "which", "while", "although", "though", "since", "so", "but", "and", "when", "whereas",
                  "where", "who", "as", "if", "unless", "until", "after", "before"}
# Nouns that name something the reader wrote or said; the topic is what it was about.
MEDIA = {"post", "talk", "article", "interview", "piece", "podcast", "comment", "thread", "panel", "keynote",
         "webinar", "newsletter", "book", "video", "episode", "presentation", "paper", "essay", "blog", "point",
         "session", "report", "study", "announcement", "update", "tweet", "take", "thought", "question", "story",
         "letter", "memo", "speech", "research"}
# Nouns too general to be the topic of a question.
VAGUE = {"time", "way", "thing", "lot", "bit", "day", "week", "month", "year", "minute", "call", "chat", "meeting",
         "note", "message", "email", "idea", "company", "people", "everyone", "anything", "something", "work", "job",
         "role", "part", "sense", "touch", "opportunity", "name", "help", "profile", "network", "connection", "team",
         "place", "kind", "sort", "today", "tomorrow", "line", "reply", "chance", "one", "guy", "folk", "hello",
         "success", "stuff", "life", "career", "journey", "inbox", "site", "website", "page", "word"}
GREETING_NOUNS = {"congrats", "congratulations", "thanks", "kudos", "cheers", "welcome"}
DETERMINERS = {"the", "a", "an", "your", "their", "this", "that", "these", "those", "his", "her", "its", "some", "any"}
LONG_WORD_SYLLABLES = 4
SENTENCE_WORDS = 20  # what a phone reads in one go; also the target when splitting


def units(n: float, figure: str) -> str:
    """"1 word", "12 words", "grade 9.4"."""
    one, many = UNITS.get(figure, (figure, figure))
    shown = f"{n:.1f}" if isinstance(n, float) and not float(n).is_integer() else str(int(n))
    if figure == "grade" and shown != "1":
        return f"{shown} grades" if n > 0 else f"grade {shown}"
    return f"{shown} {one if shown == '1' else many}"


def written(analysis: Analysis, start: int, end: int) -> str:
    """The draft's own words for an analysed span (merge fields as the writer typed them)."""
    message = analysis.message
    return message.source.text[message.to_source(start) : message.to_source(end)]


def words_in(sentence: Span) -> int:
    return len(WORD.findall(sentence.text))


def cut_advice(analysis: Analysis, sentences: list[Span]) -> str:
    """Name the sentence to cut first: the one most about the sender."""
    def selfishness(sentence: Span) -> tuple[int, int]:
        first, second = analysis.person_counts(sentence)
        return first - second, len(sentence)

    body = [s for s in sentences if analysis.part_of(s) == "body"] or sentences
    worst = max(body, key=selfishness)
    if selfishness(worst)[0] > 0:
        return f"start with the sentence about you: \"{quote(worst.text, 70)}\""
    longest = max(body, key=len)
    return f"start with the longest sentence: \"{quote(longest.text, 70)}\""


# ---- hard sentences ------------------------------------------------------------------------------


def hardest(analysis: Analysis, sentences: list[Span]) -> Span:
    """The sentence with the highest grade of its own; length dominates, long words break ties."""
    return max(sentences, key=lambda s: (analysis.grade_of([s]), analysis.words_in(s)))


def split_point(sentence: Span) -> Token | None:
    """A clause boundary near the middle of a long sentence: ", and", ", which", "; so", a subordinate word."""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    if len(words) < 10:
        return None
    position = {t.i: n for n, t in enumerate(words)}
    best: tuple[float, Token] | None = None
    for t in words:
        n = position[t.i]
        if n < 5 or len(words) - n < 5 or t.lower_ not in CLAUSE_OPENERS:
            continue
        before = t.doc[t.i - 1]
        after_pause = before.text in (",", ";", "—", "–", "-", ":")
        joins_clauses = t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(g.dep_.startswith("nsubj") for g in c.children)
            for c in t.head.children)
        if not (after_pause or joins_clauses):
            continue
        if before.dep_ == "cc" and before.i > sentence.start:  # ", and when": split before the "and"
            t = before
        cost = abs(n - len(words) / 2) + (0 if after_pause else 4) + (0 if t.dep_ == "cc" else 2)
        if best is None or cost < best[0]:
            best = (cost, t)
    return best[1] if best else None


def split_advice(analysis: Analysis, sentence: Span) -> str:
    """How to cut one long sentence in two, quoting the words the second one starts with."""
    point = split_point(sentence)
    if point is None:
        return f"say it in two or three sentences of under {SENTENCE_WORDS} words"
    ending = written(analysis, point.idx, sentence.end_char).split()
    opening = " ".join(ending[:4]).rstrip(",;:")
    return f"end it before \"{quote(opening, 40)}…\" and start a new sentence there"


def long_words(analysis: Analysis, sentence: Span) -> list[str]:
    """Its longest everyday words, the ones a plainer word could replace; names, acronyms and the nouns
    of a compound term ("engineering director", "platform migration") stay, since they have no plainer word."""
    found: list[str] = []
    for t in sentence:
        everyday = t.is_alpha and t.pos_ != "PROPN" and not t.is_upper and t.dep_ != "compound"
        if everyday and t.lower_ not in found and analysis.syllables(t.lower_) >= LONG_WORD_SYLLABLES:
            found.append(t.lower_)
    return sorted(found, key=len, reverse=True)[:3]


def _listed(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _plainer(words: list[str]) -> str:
    return "a shorter word" if len(words) == 1 else "shorter words"


def grade_advice(analysis: Analysis, sentences: list[Span]) -> dict[str, str]:
    """Name the hardest sentence, where to split it if it is long, and its long words if they are the problem."""
    worst = hardest(analysis, sentences)
    size = words_in(worst)
    syllables = sum(analysis.syllables(t.lower_) for t in worst if t.is_alpha)
    plain = long_words(analysis, worst) if size <= SENTENCE_WORDS or syllables / max(size, 1) >= 1.6 else []
    if size > SENTENCE_WORDS:
        split = split_advice(analysis, worst)
        swap = f", then swap {_listed(plain)} for {_plainer(plain)}" if plain else ""
    else:
        split = f"swap {_listed(plain)} for {_plainer(plain)}" if plain else "say it in shorter, everyday words"
        swap = ""
    return {
        "hardest": quote(written(analysis, worst.start_char, worst.end_char), 90),
        "hardest_words": units(size, "words"),
        "split": split,
        "plain_words": swap,
    }


# ---- paragraphs ----------------------------------------------------------------------------------


PARAGRAPH_WORDS = 50  # a comfortable block on a phone; a long paragraph is cut into pieces about this size


def paragraph_advice(analysis: Analysis, sentences: list[Span]) -> str:
    """Where to break a paragraph: after the sentences nearest even shares, or inside its one long sentence."""
    if len(sentences) == 1:
        return split_advice(analysis, sentences[0]).replace("end it", "end the sentence").replace(
            "a new sentence", "a new paragraph")
    sizes = [words_in(s) for s in sentences]
    total = sum(sizes)
    pieces = min(len(sentences), max(2, -(-total // PARAGRAPH_WORDS)))
    ends, running = [], 0
    for n, size in enumerate(sizes[:-1]):
        running += size
        ends.append((running, n))
    chosen: list[int] = []
    taken: set[int] = set()  # a set: a long file has hundreds of pieces and thousands of sentence ends
    for k in range(1, pieces):
        target = total * k / pieces
        best = min((abs(target - at), n) for at, n in ends if n not in taken)
        chosen.append(best[1])
        taken.add(best[1])
    chosen.sort()
    quoted = []
    for n in chosen:
        tail = written(analysis, sentences[n].start_char, sentences[n].end_char).split()
        quoted.append(f"\"…{quote(' '.join(tail[-6:]), 50)}\"")
    cuts = [0, *(n + 1 for n in chosen), len(sentences)]
    shares = [str(sum(sizes[a:b])) for a, b in pairwise(cuts)]
    where = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    noun = "the sentence" if len(quoted) == 1 else "the sentences"
    return f"start a new paragraph after {noun} ending {where} ({' / '.join(shares)} words)"


# ---- questions -----------------------------------------------------------------------------------


def question_to_keep(analysis: Analysis, questions: list[Span]) -> Span:
    """The one question worth keeping: about the reader, and short enough to answer in a line."""
    def value(q: Span) -> tuple[bool, int]:
        return any(analysis.is_second_person(t) for t in q), -words_in(q)

    return max(questions, key=value)


def question_advice(analysis: Analysis, questions: list[Span]) -> dict[str, str]:
    keep = question_to_keep(analysis, questions)
    others = len(questions) - 1
    rest = "the other question" if others == 1 else f"the other {others} questions"
    return {"keep": quote(written(analysis, keep.start_char, keep.end_char), 90), "rest": rest}


def _phrase(analysis: Analysis, head: Token) -> list[Token]:
    """A noun and the words that make it specific ("warehouse slotting"), plus a gerund's object; a singular
    noun keeps its "the" or the reader's "your" ("your hiring plan"), other determiners and numbers go."""
    tokens = [t for t in head.subtree if head.left_edge.i <= t.i <= head.i
              and (t is head or t.dep_ in ("compound", "amod", "nmod", "det", "poss", "case", "nummod"))]
    if head.tag_ == "VBG" or head.dep_ == "pcomp":
        tokens += [t for child in head.children if child.dep_ == "dobj" for t in _phrase(analysis, child)]
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i != head.i and nxt.dep_ == head.dep_:
        tokens.append(nxt)  # "the seed round" parsed as two objects: keep the compound whole
    keep = {"the"} | ({t.lower_ for t in tokens if analysis.is_second_person(t)} if head.tag_ == "NN" else set())
    while tokens and tokens[0].lower_ not in keep and (
            tokens[0].lower_ in DETERMINERS or tokens[0].pos_ in ("NUM", "DET", "PRON")):
        tokens = tokens[1:]
    if tokens and tokens[0].lower_ == "the" and head.tag_ != "NN":
        tokens = tokens[1:]
    return tokens[-5:]


def _about(root: Token) -> Token | None:
    """What a post, talk or point was about: the object of the "on"/"about" right after it."""
    nxt = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    preps = [c for c in root.children if c.dep_ == "prep"] + ([nxt] if nxt is not None else [])
    for prep in preps:
        if prep.lower_ in ("on", "about", "around", "regarding"):
            for obj in prep.children:
                if obj.dep_ in ("pobj", "pcomp") and obj.tag_ in ("NN", "NNS", "NNP", "NNPS", "VBG"):
                    return obj
    return None


def _candidate(analysis: Analysis, chunk: Span) -> tuple[int, str, list[Token]] | None:
    """A chunk's topic, how telling it is, and how to ask: what the reader wrote about beats what they own.

    Only these two: anything else in a cold message is usually the sender's pitch, and a question built
    from a guess reads worse than the plain example the caller falls back to."""
    root = chunk.root
    owned = any(t.dep_ == "poss" and analysis.is_second_person(t) for t in chunk)
    lemma = root.lemma_.lower()
    if lemma in MEDIA:
        obj = _about(root)
        return (3 + owned, "about", _phrase(analysis, obj)) if obj is not None else None
    if owned and root.pos_ == "NOUN" and lemma not in VAGUE and root.lower_ not in GREETING_NOUNS:
        tokens = _phrase(analysis, root)
        return (2, "owned", tokens) if len(tokens) > 2 else None  # "your plan" alone is too vague
    return None


def _words(tokens: list[Token]) -> str:
    """The phrase as written when only punctuation sits between its words ("same-day shipping")."""
    span = tokens[0].doc[tokens[0].i : tokens[-1].i + 1]
    chosen = {t.i for t in tokens}
    if all(t.i in chosen or t.is_punct for t in span):
        return span.text
    return " ".join(t.text for t in tokens)


def topic(analysis: Analysis) -> tuple[str, str, bool] | None:
    """The message's own subject, how to ask about it, and whether it takes "are"."""
    best: tuple[int, str, str, bool] | None = None
    sentences = analysis.body_sentences
    asked = {r.start for r in analysis.reading.sentences if r.act == "request" and r.agent == "reader"}
    for sentence, chunks in zip(sentences, _noun_chunks_in(sentences), strict=True):
        if sentence.root.lower_ in GREETING_NOUNS:
            continue  # "Congrats on closing the round": news to celebrate, not a topic to ask about
        if sentence.start_char in asked:
            continue  # "please send me your updated CV": what the sender wants from them, not their concern
        for chunk in chunks:
            found = _candidate(analysis, chunk)
            if found is None:
                continue
            score, kind, tokens = found
            if not tokens or any(analysis.is_first_person(t) or analysis.merge_field_at(t.idx) for t in tokens):
                continue
            text = _words(tokens).strip(" .,;:!?")
            if tokens[0].pos_ == "PRON":
                text = text[:1].lower() + text[1:]  # "Your team's move" is asked mid-sentence
            if len(text) < 4 or not all(ch.isalnum() or ch in " -'’" for ch in text):
                continue
            plural = tokens[-1].tag_ in ("NNS", "NNPS") and tokens[0].tag_ != "VBG"
            if best is None or score > best[0]:
                best = (score, kind, text, plural)
    return best[1:] if best else None


def _noun_chunks_in(sentences: list[Span]) -> list[list[Span]]:
    """Each sentence's noun chunks (as Span.noun_chunks gives them) from one pass over the doc: Span.noun_chunks
    walks the whole doc each time, which made a 100 KB file take minutes."""
    found: list[list[Span]] = [[] for _ in sentences]
    if not sentences:
        return found
    starts = [s.start for s in sentences]
    for chunk in sentences[0].doc.noun_chunks:
        i = bisect.bisect_right(starts, chunk.start) - 1
        if i >= 0 and chunk.end <= sentences[i].end:
            found[i].append(chunk)
    return found


def ask_advice(analysis: Analysis) -> dict[str, str]:
    """One question the reader can answer in a line, about the message's own topic when it has one."""
    found = topic(analysis)
    if found is None:
        return {"ask": "Is [the problem you solve] a priority for you right now?", "topic": "[the problem you solve]"}
    kind, subject, plural = found
    verb = "are" if plural else "is"
    if kind == "owned":
        return {"ask": f"How {verb} {subject} going?", "topic": subject}
    return {"ask": f"{verb.capitalize()} {subject} a priority for you right now?", "topic": subject}
