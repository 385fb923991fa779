"""One pass over a message's sentences: each one's act and concepts, then the message's relationship and kind."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .acts import ActReader
from .ask_scope import beside_the_ask
from .asked import refine
from .clauses import modal
from .concepts import ConceptClasses, builtin_concepts
from .customers import customer_list
from .details import DETAIL_CLASS, DetailReader
from .favour_asks import FavourReader
from .kids import children_kept, kids, lemmas_in, text_of, toks
from .meeting import interest_in_it, meeting_details, meeting_for_others, open_calendar, time_put
from .message_reading import job_lean, kind, relationship
from .offering_thread import continue_offering
from .records import Reading, ReadingSummary, SentenceReading
from .requests import FREE_TIME, Act
from .sender_names import describes_named_offering, sender_names
from .tagging import OFFERING, concepts_in

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..analysis import Analysis

OUTSIDE = ("signature", "quote")  # parts no rule reads
COMMITMENTS = frozenset({"meeting", "purchase"})
SELF_INTRODUCTION = "self-introduction"
INTRODUCTION = "favour.introduction"
SENT = frozenset({"send", "share", "forward", "email", "mail", "shoot", "drop", "pass", "post", "attach"})
HOLDERS = frozenset({"be", "happy", "glad", "delighted", "pleased", "keen", "love", "like"})  # "I'd be happy to"


def read_message(analysis: Analysis, classes: ConceptClasses | None = None) -> Reading:
    """Every sentence read once, then the message; each token's children are made once for all of it."""
    with children_kept():
        return _read_message(analysis, classes)


def _read_message(analysis: Analysis, classes: ConceptClasses | None) -> Reading:
    classes = classes or builtin_concepts()
    acts = ActReader(analysis.is_first_person, analysis.is_second_person, classes.verb_lemmas,
                     classes.nouns_of.get(DETAIL_CLASS, frozenset()))
    details = DetailReader(analysis, classes)
    favours = FavourReader(classes, analysis.is_first_person, analysis.is_second_person)
    found: list[SentenceReading] = []
    reader_details: list[str] = []
    inside: list[Span] = []
    parts: list[str] = []
    names = sender_names(analysis.sentences, analysis.is_first_person,
                         analysis.is_second_person)  # the sentences' tokens, made once and read again below
    for sentence in analysis.sentences:
        part = analysis.part_of(sentence)
        if part in OUTSIDE:
            continue
        tokens = toks(sentence)  # made once: a Span makes new Token objects on every pass
        inside.append(sentence)
        parts.append(part)
        act = acts.read(sentence, part)
        found_concepts = concepts_in(tokens, classes, lemmas_in(sentence))
        act, concepts = _with_favours(sentence, act, part, favours, found_concepts, classes, analysis)
        concepts = beside_the_ask(sentence, concepts, classes, analysis.is_first_person, analysis.is_second_person)
        if act.act == "statement" and act.verb is not None and concepts & COMMITMENTS and (
                told := favours.told(act.verb)) is not None and modal(told) != "will":  # not "you'll spend"
            act = Act("request", "reader", "suggestion", told)  # "You can sign up for a free trial here"
        if act.act in ("self-description", "statement") and open_calendar(sentence):
            act, concepts = Act("proposal", "both", verb=act.verb), concepts | {"meeting"}  # "my diary is free Friday"
        if act.act == "statement" and act.agent in ("third-party", "none") and OFFERING in classes.names and (
                describes_named_offering(act.verb, names)):
            act, concepts = Act("self-description", "sender", verb=act.verb), concepts | {OFFERING}
        if act.act != "self-description" and SELF_INTRODUCTION in classes.names and (
                acts.introduces_sender(sentence)):
            concepts |= {SELF_INTRODUCTION}  # "I sell X and would love a call": a request that opens on the sender
        if OFFERING in classes.names and customer_list(tokens, analysis.is_first_person,
                                                       analysis.is_second_person):
            concepts |= {OFFERING}  # "teams at Acme, Birch and Cole use Flowbase": the sender's customers
        if act.shape == "availability" or (act.shape == "open-to" and _free_time(sentence)) or (
                act.act == "request" and time_put(sentence)):
            concepts |= {"meeting"}
        if act.act == "offer" and "meeting" in concepts:
            concepts = _offered_meeting(sentence, act.verb, concepts, analysis)
        reading = SentenceReading(
            sentence.start_char, sentence.end_char, text_of(sentence).strip(), part, act.act, act.agent, act.shape,
            concepts, meeting_details(sentence) if "meeting" in concepts else None,
            _verb_phrase(act.verb, sentence) if act.verb is not None else None)
        found.append(reading)
        reader_details.extend(details.details(sentence, reading))
    found = _interest_in_a_meeting(inside, found)
    if OFFERING in classes.names:
        found = continue_offering(inside, found, analysis.is_first_person, analysis.is_second_person)
    reader_details.extend(details.template_details())
    warmth, evidence = relationship(inside, parts)
    if evidence:
        reader_details.append(evidence)
    lean = sum(job_lean(s, analysis.is_first_person, analysis.is_second_person)
               for s, r in zip(inside, found, strict=True) if "job" in r.concepts)
    summary = ReadingSummary(warmth, kind(found, analysis.message.stage, lean), _distinct(reader_details))
    return Reading(tuple(found), summary)


def _with_favours(sentence: Span, act: Act, part: str, favours: FavourReader, found: frozenset[str],
                  classes: ConceptClasses, analysis: Analysis) -> tuple[Act, frozenset[str]]:
    """The sentence's act and concepts, with a favour asked in a shape only the parse shows ("you'll want to
    feature our client", "I'd love to contribute a piece to your blog") read as the request it is."""
    asked = favours.read(sentence, act, part)
    if asked is not None:
        concepts = refine(sentence, found, asked.act.verb, classes, analysis.is_first_person,
                          analysis.is_second_person) | asked.kinds
        if "favour" in concepts:
            return asked.act, concepts
    return act, refine(sentence, found, act.verb, classes, analysis.is_first_person, analysis.is_second_person)


def _interest_in_a_meeting(sentences: list[Span], found: list[SentenceReading]) -> list[SentenceReading]:
    """"...someone I should grab a coffee with. Let me know if you're interested.": the ask is for the coffee."""
    out = list(found)
    for n in range(1, len(out)):
        here, before = out[n], out[n - 1]
        if (here.act == "request" and "meeting" not in here.concepts and "meeting" in before.concepts
                and before.act != "request" and interest_in_it(sentences[n])):
            out[n] = replace(here, concepts=here.concepts | {"meeting"}, meeting=before.meeting)
    return out


def _distinct(details: list[str]) -> tuple[str, ...]:
    """Each detail once: one the subject line names and the body repeats at more length is the longer one."""
    unique = list(dict.fromkeys(details))
    return tuple(d for d in unique if not any(d != other and d.lower() in other.lower() for other in unique))


def _offered_meeting(sentence: Span, verb: Token | None, concepts: frozenset[str],
                     analysis: Analysis) -> frozenset[str]:
    """An offered meeting is the sender's time unless it is for the reader and someone else (an introduction
    offered: "a call between you and Dana") or a thing sent ("happy to send a recording of the demo")."""
    if meeting_for_others(sentence, analysis.is_first_person, analysis.is_second_person):
        return concepts | {INTRODUCTION}
    given = _given(verb) if verb is not None else None
    if given is not None and given.lemma_.lower() in SENT:
        return concepts - {"meeting"}
    return concepts


def _given(verb: Token) -> Token | None:
    """What the sender offers to do: "happy to send ...", "I'd be glad to show ...", "I can send ..."."""
    seen = 0
    while verb.lemma_.lower() in HOLDERS and seen < 4:
        nxt = next((c for c in kids(verb) if c.dep_ in ("xcomp", "acomp")), None)
        if nxt is None:
            return None
        verb, seen = nxt, seen + 1
    return verb


def _free_time(sentence: Span) -> bool:
    return any(t.lemma_.lower() in FREE_TIME and t.head.lemma_ == "be" for t in toks(sentence))  # not "comes around"


def _verb_phrase(verb: Token, sentence: Span) -> tuple[int, int]:
    """The verb with its particle and objects ("book a short call"), as character offsets."""
    end = verb.i
    for child in kids(verb):
        if child.i > verb.i and child.dep_ in ("prt", "dobj", "xcomp", "ccomp", "prep", "acomp", "attr", "dative"):
            end = max(end, child.right_edge.i)
    doc = verb.doc
    sentence_end = sentence.end
    while end > verb.i and (end >= sentence_end or doc[end].is_punct):
        end -= 1
    return doc[verb.i].idx, doc[end].idx + len(doc[end].text)
