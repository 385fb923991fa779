"""Pipeline pruning (pruning.py): only the components the rules read run, and no alert ever changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from outreach_lint import analysis
from outreach_lint.checks import CHECKS
from outreach_lint.engine import lint_sources, read_sources
from outreach_lint.formatters import FORMATTERS
from outreach_lint.message import build_message
from outreach_lint.pruning import FEATURES, Plan, plan, reads_of
from outreach_lint.reader import parse_source
from outreach_lint.rulefile import load_rules

# The labelled dev corpus sits beside the repository (../shared); a checkout elsewhere finds it under /work.
DEV_CORPUS = next((p for p in (Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev",
                               Path("/work/shared/corpus/dev")) if p.is_dir()),
                  Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev")
PLAIN = "Hi Jo,\n\nYour post on onboarding was sharp. Is it on your list this quarter?\n"
NAMES = "Hi Jo,\n\nWe've built onboarding flows for Monzo, Revolut and Wise. Is onboarding on your list?\n"


@pytest.fixture(scope="module")
def dev_sources() -> list[Any]:
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"no dev corpus at {DEV_CORPUS}")
    return [s for path in sorted(DEV_CORPUS.glob("*.md")) for s in read_sources(path)]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Plan, list[Any]]]:
    """Each analyse() call of the engine: how it ran the pipeline and the Docs it made (checked after the lint)."""
    calls: list[tuple[Plan, list[Any]]] = []
    real = analysis.analyse

    def spy(messages: list[Any], nlp: Any = None, disable: Any = (), on_demand: Any = ()) -> list[Any]:
        out = real(messages, nlp, disable, on_demand)
        calls.append((Plan(tuple(disable), tuple(on_demand)), [a.doc for a in out]))
        return out

    monkeypatch.setattr(analysis, "analyse", spy)
    return calls


def _json(report: Any) -> str:
    return str(FORMATTERS["json"](report, False))


def entity_free_rules() -> list[Any]:
    return [rule for rule in load_rules() if "entities" not in reads_of(rule.check)]


def test_every_check_type_says_what_it_reads() -> None:
    for name, cls in CHECKS.items():
        assert set(cls.reads) <= set(FEATURES), name


def test_pruned_and_full_runs_give_the_same_alerts_on_the_dev_corpus(dev_sources: list[Any], nlp: Any) -> None:
    for rules in (None, entity_free_rules()):
        pruned = lint_sources(dev_sources, rules=rules, nlp=nlp, prune=True)
        full = lint_sources(dev_sources, rules=rules, nlp=nlp, prune=False)
        assert sum(len(f.alerts) for f in full.files) > 100
        assert _json(pruned) == _json(full)


def test_with_no_rule_reading_entities_the_recogniser_never_runs(parsed: list[Any], nlp: Any) -> None:
    rules = entity_free_rules()
    assert {"name-dropping", "pressure"} <= {r.id for r in load_rules()} - {r.id for r in rules}
    lint_sources([parse_source(NAMES, "a.md"), parse_source(PLAIN, "b.md")], rules=rules, nlp=nlp)
    (how, docs), = parsed
    assert how == Plan(disable=("ner",), on_demand=())
    assert not any(doc.has_annotation("ENT_IOB") or doc.ents for doc in docs)


def test_the_default_pack_runs_the_recogniser_only_where_a_rule_needs_it(parsed: list[Any], nlp: Any) -> None:
    report = lint_sources([parse_source(NAMES, "a.md"), parse_source(PLAIN, "b.md")], nlp=nlp)
    (how, (names, plain)), = parsed
    assert how == Plan(disable=("ner",), on_demand=("ner",))  # every other component runs in nlp.pipe
    assert nlp.pipe_names == ["tok2vec", "tagger", "outreach_boundaries", "parser", "attribute_ruler", "lemmatizer",
                              "ner"]
    assert "senter" not in nlp.component_names  # disabled in the model and never used: not even loaded
    assert [a.rule for a in report.files[0].alerts].count("name-dropping") == 1
    assert names.has_annotation("ENT_IOB") and names.ents
    assert not plain.has_annotation("ENT_IOB")  # no list of names: name-dropping never asked
    assert plain.has_annotation("DEP") and plain.has_annotation("LEMMA") and plain.has_annotation("TAG")


def test_prune_false_runs_every_component(parsed: list[Any], nlp: Any) -> None:
    lint_sources([parse_source(PLAIN, "b.md")], rules=entity_free_rules(), nlp=nlp, prune=False)
    (how, (doc,)), = parsed
    assert how == Plan() and doc.has_annotation("ENT_IOB")


def test_a_rule_that_applies_to_no_message_reads_nothing(nlp: Any) -> None:
    """name-dropping only judges first touches: a batch of follow-ups needs no entities from it."""
    rules = [r for r in load_rules() if r.id == "name-dropping"] + entity_free_rules()
    follow_up = build_message(parse_source("---\nstage: follow-up\n---\n" + NAMES, "a.md"))
    first_touch = build_message(parse_source(NAMES, "a.md"))
    assert plan(nlp.pipe_names, [(follow_up, rules)]) == Plan(("ner",), ())
    assert plan(nlp.pipe_names, [(first_touch, rules), (follow_up, rules)]) == Plan(("ner",), ("ner",))


def test_pattern_attributes_add_what_they_read(make_rule: Any) -> None:
    rule = make_rule("dated", "pattern", patterns=[[{"LOWER": "until"}, {"ENT_TYPE": "DATE"}]],
                     dependency=[[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}}]])
    assert reads_of(rule.check) == {"tokens", "sentences", "entities", "deps", "tags"}
    plain = make_rule("plain", "pattern", patterns=[[{"LOWER": "until"}, {"IS_DIGIT": True}]])
    assert reads_of(plain.check) == {"tokens", "sentences"}


def test_an_entity_pattern_wakes_the_recogniser_only_when_the_rest_of_it_matches(make_rule: Any, parsed: list[Any],
                                                                                 nlp: Any) -> None:
    rule = make_rule("dated", "pattern", patterns=[[{"LOWER": "until"}, {"ENT_TYPE": "DATE"}]])
    sources = [parse_source(t, f"{n}.md") for n, t in enumerate((
        "Hi Jo,\n\nThe offer runs until Friday.\n", "Hi Jo,\n\nThe offer runs until we sell out.\n",
        "Hi Jo,\n\nThe offer runs on Friday.\n"))]
    report = lint_sources(sources, rules=[rule], nlp=nlp)
    assert [len(f.alerts) for f in report.files] == [1, 0, 0]
    (_, docs), = parsed
    assert [d.has_annotation("ENT_IOB") for d in docs] == [True, True, False]


def test_a_batch_runs_the_recogniser_once_over_the_messages_that_asked(parsed: list[Any], nlp: Any,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages whose checks ask for entities wait; one batched pass of the recogniser serves them all."""
    from outreach_lint import checks, pruning

    passes: list[int] = []

    def spy(asked: Any, batch: Any) -> None:
        asked = list(asked)
        passes.append(len(asked))
        pruning.recognise_deferred(asked, batch)

    monkeypatch.setattr(checks, "recognise_deferred", spy)
    texts = [NAMES, PLAIN, NAMES.replace("Monzo, Revolut and Wise", "Stripe, Adyen and Klarna"), PLAIN]
    batch = lint_sources([parse_source(t, f"{n}.md") for n, t in enumerate(texts)], nlp=nlp)
    assert passes == [2]
    (_, docs), = parsed
    assert [d.has_annotation("ENT_IOB") for d in docs] == [True, False, True, False]
    assert not any(pruning.DEFERRED in d.user_data for d in docs)
    one_by_one = [lint_sources([parse_source(t, f"{n}.md")], nlp=nlp).files[0] for n, t in enumerate(texts)]
    assert [f.alerts for f in batch.files] == [f.alerts for f in one_by_one]
    assert [a.rule for a in batch.files[0].alerts].count("name-dropping") == 1
