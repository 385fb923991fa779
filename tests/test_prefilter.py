"""Prefiltered matching (checks/prefilter.py) finds exactly what spaCy's matchers find over the whole Doc.

The pack's own patterns are compared on the dev corpus and the rule cases, and random patterns with
every operator on random Docs, against plain spaCy Matcher / DependencyMatcher runs.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from outreach_lint.analysis import analyse
from outreach_lint.checks.matching import Matchers
from outreach_lint.checks.prefilter import DependencyPattern, Shape, TokenPattern
from outreach_lint.checks.safe_regex import rewrite_dependency_pattern, rewrite_token_pattern
from outreach_lint.checks.wordindex import WordIndex
from outreach_lint.message import build_message
from outreach_lint.reader import parse_source
from outreach_lint.rulefile import load_rules

# The labelled dev corpus sits beside the repository (../shared); a checkout elsewhere finds it under /work.
DEV_CORPUS = next((p for p in (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev",
                               Path("/work/shared/corpus/dev")) if p.is_dir()),
                  Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev")
RULE_CASES = Path(__file__).parent / "rule_cases"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV_CORPUS.glob("*.md"))]
    for path in sorted(RULE_CASES.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [case["text"] for kind in ("fires", "passes") for case in cases.get(kind) or []]
    return texts


@pytest.fixture(scope="module")
def docs(nlp: Any) -> list[Doc]:
    return [a.doc for a in analyse([build_message(parse_source(t, "case.md")) for t in _texts()], nlp)]


def _matchers(check: Any) -> list[Matchers]:
    found = [v for v in vars(check).values() if isinstance(v, Matchers)]
    for sub, _ in getattr(check, "_built", None) or ():
        found += _matchers(sub)
    return found


def _whole_doc(nlp: Any, matchers: Matchers) -> Any:
    """Matchers.find as it was before the prefilter: one greedy spaCy matcher over the whole Doc."""
    whole = Matcher(nlp.vocab)
    if matchers.token:
        whole.add("pattern", [p.compiled for p in matchers.token], greedy="LONGEST")
    deps = DependencyMatcher(nlp.vocab)
    for n, pattern in enumerate(matchers.dep):
        deps.add(f"dep{n}", [pattern.compiled])

    def find(doc: Doc) -> list[tuple[int, int]]:
        spans = [doc[s:e] for _, s, e in matchers.phrase(doc)] if matchers.phrase is not None else []
        spans += [doc[s:e] for _, s, e in whole(doc)] if matchers.token else []
        spans += [doc[min(ids) : max(ids) + 1] for _, ids in deps(doc)] if matchers.dep else []
        return [(s.start, s.end) for s in sorted(filter_spans(spans), key=lambda s: s.start)]

    return find


def test_the_packs_matchers_find_what_spacy_finds(nlp: Any, docs: list[Doc]) -> None:
    assert DEV_CORPUS.is_dir() or len(docs) > 100
    checked = 0
    for rule in load_rules():
        rule.check.compile(nlp)
        for matchers in _matchers(rule.check):
            expected = _whole_doc(nlp, matchers)
            for doc in docs:
                got = [(s.start, s.end) for s in matchers.find(doc)]
                assert got == expected(doc), (rule.id, doc.text[:80])
                checked += bool(got)
    assert checked > 50  # the comparison saw plenty of matches, not only empty results


def test_the_word_index_holds_what_the_matcher_compares(docs: list[Doc]) -> None:
    for doc in docs[:20]:
        index = WordIndex.of(doc)
        for token in doc:
            for attr, value in (("ORTH", token.orth), ("LOWER", token.lower), ("NORM", token.norm),
                                ("LEMMA", token.lemma)):
                assert token.i in index.where(attr)[value]


WORDS = ["a", "b", "c", "d", ".", "A", "B"]
OPS = [None, None, None, "?", "*", "+", "!", "{2}", "{0,2}", "{1,3}", "{2,}", "{,2}"]


def _random_pattern(rng: random.Random) -> list[dict[str, Any]]:
    pattern = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        token: dict[str, Any] = ({"LOWER": rng.choice(WORDS[:5])} if kind < 0.4 else
                                 {"ORTH": {"IN": rng.sample(WORDS, 2)}} if kind < 0.7 else
                                 {"TEXT": {"NOT_IN": ["."]}} if kind < 0.85 else {"IS_TITLE": True})
        op = rng.choice(OPS)
        if op:
            token["OP"] = op
        pattern.append(token)
    return pattern


def test_windows_give_the_whole_doc_result_for_random_patterns(nlp: Any) -> None:
    rng = random.Random(7)
    docs = [Doc(nlp.vocab, words=[rng.choice(WORDS) for _ in range(rng.randint(1, 40))]) for _ in range(60)]
    found = windowed = 0
    for _ in range(300):
        pattern = _random_pattern(rng)
        if all(t.get("OP") in ("?", "*", "{,2}", "{0,2}") for t in pattern):
            continue  # spaCy reports no zero-length match; nothing to compare
        ours = TokenPattern(nlp.vocab, pattern, rewrite_token_pattern(pattern))
        whole = Matcher(nlp.vocab)
        whole.add("p", [pattern])
        for doc in docs:
            expected = sorted({(s, e) for _, s, e in whole(doc)})
            assert sorted(set(ours.matches(doc, WordIndex.of(doc)))) == expected, (pattern, doc.text)
            found += len(expected)
            windowed += ours.shape.windows(WordIndex.of(doc)) not in ([], [(0, len(doc))])
    assert found > 1000 and windowed > 1000  # many matches, many of them found in windows


def test_a_required_word_sets_the_window_and_an_optional_one_does_not() -> None:
    shape = Shape.of([{"LOWER": "call", "OP": "?"}, {"LEMMA": {"IN": ["book", "plan"]}},
                      {"TEXT": {"NOT_IN": ["."]}, "OP": "{0,6}"}, {"LOWER": "demo"}])
    assert [(a.need[0][0], a.before, a.after) for a in shape.anchors] == [("LEMMA", 1, 7), ("LOWER", 8, 0)]
    assert Shape.of([{"LOWER": "so"}, {"IS_ALPHA": True, "OP": "+"}]).anchors[0].after is None


def test_dependency_patterns_run_only_where_every_node_word_is(nlp: Any, docs: list[Doc]) -> None:
    pattern = [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "help"}},
               {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"LOWER": "we"}}]
    ours = DependencyPattern(nlp.vocab, pattern, rewrite_dependency_pattern(pattern))
    whole = DependencyMatcher(nlp.vocab)
    whole.add("p", [pattern])
    found = 0
    for doc in docs:
        expected = sorted(ids for _, ids in whole(doc))
        assert sorted(ours.matches(doc)) == expected
        found += len(expected)
    assert found


def test_a_tree_never_crosses_a_sentence(docs: list[Doc]) -> None:
    """DependencyPattern searches sentence by sentence; that is exact only if every head is in its sentence."""
    for doc in docs:
        for sentence in doc.sents:
            assert all(sentence.start <= token.head.i < sentence.end for token in sentence)
