"""Which spaCy components a lint needs: the rules say what they read, and the rest of the pipeline rests.

Each check type declares what it reads of the Doc (`reads`), its patterns add what they name (LEMMA,
POS, DEP, ENT_TYPE ...), and the analysis itself always reads sentences, tags and lemmas (parts and
pleasantries are found from them). The entity recogniser, half of en_core_web_sm's time, never runs
when no enabled rule that applies to some message reads entities; when one does, it runs on a Doc
only once a check needs that Doc's entities (`ensure_entities`): it is the pipeline's last component,
so running it later on a Doc gives what running it in nlp.pipe gives. In a batch, the messages whose
checks ask for entities are set aside and the recogniser runs over them together (`run_batch`).
The parser always runs: it gives the sentences every rule is judged by, and the model's sentence
segmenter cuts some texts otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .message import Message
    from .rulefile import Rule

FEATURES = ("tokens", "sentences", "tags", "lemmas", "deps", "entities")
BASE_READS = frozenset({"tokens", "sentences", "tags", "lemmas"})  # Analysis: parts, pleasantries, persons
# The components each feature needs in en_core_web_sm: the tagger and the parser listen to tok2vec,
# attribute_ruler maps tags to POS, the lemmatizer reads POS, ner has a tok2vec of its own.
COMPONENTS: Mapping[str, tuple[str, ...]] = {
    "tokens": (),
    "sentences": ("tok2vec", "parser"),
    "tags": ("tok2vec", "tagger", "attribute_ruler"),
    "lemmas": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "deps": ("tok2vec", "parser"),
    "entities": ("ner",),
}
KNOWN = frozenset(name for names in COMPONENTS.values() for name in names)
TOKEN_PATTERN_FIELDS = ("patterns", "unless", "unless_message", "items", "lead_in", "not_lead_in")
DEPENDENCY_FIELDS = ("dependency", "framing")
RECOGNISER = "ner"
ON_DEMAND = "outreach_lint.on_demand"  # doc.user_data: components still to run on this Doc, by name
DEFERRED = "outreach_lint.entities_deferred"  # doc.user_data: its recogniser runs with the batch's
ATTRIBUTE_READS = {  # what a token pattern attribute reads; the others (ORTH, LOWER, IS_* ...) are tokens
    "LEMMA": "lemmas", "POS": "tags", "TAG": "tags", "MORPH": "tags", "DEP": "deps", "HEAD": "deps",
    "ENT_TYPE": "entities", "ENT_IOB": "entities", "ENT_ID": "entities", "ENT_KB_ID": "entities",
    "IS_SENT_START": "sentences", "SENT_START": "sentences",
}


def pattern_reads(patterns: Sequence[Any]) -> set[str]:
    """What token patterns (or dependency nodes' RIGHT_ATTRS) read."""
    found = {"tokens"}
    for pattern in patterns:
        for token in pattern if isinstance(pattern, list) else ():
            if isinstance(token, Mapping):
                found.update(ATTRIBUTE_READS[k] for k in map(str.upper, map(str, token)) if k in ATTRIBUTE_READS)
    return found


def reads_of(check: Any) -> frozenset[str]:
    """What a check reads: its type's own reads, its patterns', and its sub-checks' (any, all); worked out
    once per check (an editor lints on every change)."""
    known: frozenset[str] | None = vars(check).get("_reads")
    if known is None:
        known = check._reads = _reads_of(check)
    return known


def _reads_of(check: Any) -> frozenset[str]:
    found = set(getattr(type(check), "reads", FEATURES))  # a check that does not say: everything
    for name in TOKEN_PATTERN_FIELDS:
        found |= pattern_reads(getattr(check, name, None) or ())
    for name in DEPENDENCY_FIELDS:
        for pattern in getattr(check, name, None) or ():
            found |= {"deps"} | pattern_reads([[node.get("RIGHT_ATTRS", {}) for node in pattern]])
    if getattr(check, "phrases", None) and str(getattr(check, "attr", "")).upper() == "LEMMA":
        found.add("lemmas")
    for sub, _ in getattr(check, "_built", None) or ():
        found |= reads_of(sub)
    return frozenset(found)


def needed(plans: Iterable[tuple[Message, Iterable[Rule]]]) -> frozenset[str]:
    """The features read by the rules that apply to at least one of the messages."""
    applying: dict[int, Rule] = {}  # each rule once, however many messages it applies to
    for message, rules in plans:
        for rule in rules:
            if id(rule) not in applying and rule.when.applies(message.channel, message.stage):
                applying[id(rule)] = rule
    return frozenset(BASE_READS.union(*(reads_of(rule.check) for rule in applying.values())))


def unused_components(pipe_names: Iterable[str], features: Iterable[str]) -> list[str]:
    """The components of the pipeline that no needed feature depends on; unknown ones always run."""
    wanted = {name for feature in features for name in COMPONENTS[feature]}
    return [name for name in pipe_names if name in KNOWN and name not in wanted]


@dataclass(frozen=True)
class Plan:
    """How a batch runs the pipeline: components left out of nlp.pipe, and those run per Doc on demand."""

    disable: tuple[str, ...] = ()
    on_demand: tuple[str, ...] = ()


def plan(pipe_names: Sequence[str], plans: Iterable[tuple[Message, Iterable[Rule]]]) -> Plan:
    """What a batch of messages, each with its rules, can do without, and what it may need only now and then."""
    features = needed(plans)
    later = "entities" in features and bool(pipe_names) and pipe_names[-1] == RECOGNISER  # last: nothing reads it
    disable = unused_components(pipe_names, features - {"entities"} if later else features)
    return Plan(tuple(disable), (RECOGNISER,) if later else ())


def entities_pending(doc: Doc) -> bool:
    """Whether the recogniser was left to run on this Doc when first needed, and has not run yet."""
    waiting: dict[str, Any] | None = doc.user_data.get(ON_DEMAND)
    return waiting is not None and RECOGNISER in waiting


def without_entities(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A pattern token without its entity conditions: it matches wherever the token could match."""
    return {k: v for k, v in spec.items() if ATTRIBUTE_READS.get(str(k).upper()) != "entities"}


class EntitiesLater(Exception):
    """A check asked for the entities of a Doc whose recogniser runs with the batch's (run_batch)."""


def ensure_entities(doc: Doc) -> None:
    """Run the recogniser on a Doc whose entities were left for later, once; otherwise nothing to do.

    In a batch (`defer_entities`) it raises EntitiesLater instead: the caller sets the message aside and
    runs the recogniser once over all that asked (`recognise_deferred`), at half the cost per Doc."""
    waiting: dict[str, Any] | None = doc.user_data.get(ON_DEMAND)
    if waiting and RECOGNISER in waiting:
        if doc.user_data.get(DEFERRED):
            raise EntitiesLater
        waiting.pop(RECOGNISER)(doc)


def defer_entities(docs: Iterable[Doc]) -> None:
    """Make ensure_entities raise EntitiesLater on these Docs until recognise_deferred has run."""
    for doc in docs:
        if entities_pending(doc):
            doc.user_data[DEFERRED] = True


def recognise_deferred(asked: Iterable[Doc], batch: Iterable[Doc]) -> None:
    """Run the waiting recogniser of the Docs that asked, batched (en_core_web_sm's costs twice as much one
    Doc at a time), and end the deferral on every Doc of the batch: should anything ask later, on demand."""
    for doc in batch:
        doc.user_data.pop(DEFERRED, None)
    groups: dict[int, tuple[Any, list[Doc]]] = {}
    for doc in asked:
        waiting: dict[str, Any] = doc.user_data.get(ON_DEMAND) or {}
        component = waiting.pop(RECOGNISER, None)
        if component is not None:
            groups.setdefault(id(component), (component, []))[1].append(doc)
    for component, group in groups.values():
        for _ in component.pipe(group):  # annotates each Doc in place
            pass
