"""Suggestions speak about this draft: they quote it, build their examples from it, and give a frame with
[slots] where it has nothing to build on, never a finished example from someone else's message."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from outreach_lint.engine import lint_sources
from outreach_lint.reader import parse_source

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "dev", Path("/work/shared/corpus/dev"))
                   if p.is_dir()), ROOT.parent / "shared" / "corpus" / "dev")
QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
WORD = re.compile(r"[\w']+")
EXAMPLE_WORDS = 3  # a quote this long that is not a frame is an example


def runs(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """The text's n-word runs, lower-cased."""
    found = [w.lower() for w in WORD.findall(text)]
    return {tuple(found[i:i + n]) for i in range(len(found) - n + 1)}


def quotes(suggestion: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in QUOTED.finditer(suggestion)]


def foreign_examples(suggestion: str, draft: str) -> list[str]:
    """Quoted examples (three words or more, no [slot]) that share no three-word run with the draft."""
    mine = runs(draft)
    return [q for q in quotes(suggestion)
            if len(WORD.findall(q)) >= EXAMPLE_WORDS and "[" not in q and not runs(q) & mine]


def quotes_the_draft(suggestion: str, draft: str) -> bool:
    mine = runs(draft)
    return any((runs(q) & mine) or (q.strip() and q.strip() in draft) for q in quotes(suggestion))


def _drafts() -> list[tuple[str, str]]:
    found = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DEV_CORPUS.glob("*.md"))]
    found += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").rglob("*.md"))]
    for path in sorted((ROOT / "tests" / "rule_cases").glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(f"{path.stem}-{n}", case["text"]) for n, case in enumerate(cases.get("fires") or [])]
    return found


@pytest.fixture(scope="module")
def suggested(nlp: Any) -> list[tuple[str, str, str, str]]:
    """(draft name, rule, suggestion, draft text) for every alert on every draft."""
    drafts = _drafts()
    report = lint_sources([parse_source(text, name) for name, text in drafts], nlp=nlp)
    out = []
    for (name, text), file in zip(drafts, report.files, strict=True):
        out += [(name, a.rule, a.suggestion, text) for a in file.alerts]
    return out


def test_the_corpus_is_there_to_judge(suggested: list[tuple[str, str, str, str]]) -> None:
    assert len({name for name, *_ in suggested}) >= 300 and len(suggested) >= 600


def test_no_suggestion_carries_an_example_from_another_draft(suggested: list[tuple[str, str, str, str]]) -> None:
    found = [(name, rule, ex) for name, rule, text, draft in suggested for ex in foreign_examples(text, draft)]
    assert found == []


def test_most_suggestions_quote_the_draft(suggested: list[tuple[str, str, str, str]]) -> None:
    share = sum(quotes_the_draft(text, draft) for _, _, text, draft in suggested) / len(suggested)
    assert share >= 0.8, share


def test_the_measure_tells_a_stock_example_from_a_built_one() -> None:
    draft = "Hi Jo, your thread on pricing pages for small SaaS teams was sharp."
    assert foreign_examples('e.g. "cuts month-end close from 6 days to 2"', draft) == [
        "cuts month-end close from 6 days to 2"]
    assert foreign_examples('e.g. "Is pricing pages for small SaaS teams a priority?"', draft) == []
    assert foreign_examples('e.g. "Your [post] on [topic] got me thinking"', draft) == []


# ---- each intent rule's advice, on drafts of different kinds ----------------------------------------------
def advice(nlp: Any, text: str, rule: str) -> list[str]:
    report = lint_sources([parse_source(text, "draft.md")], nlp=nlp).files[0]
    return [a.suggestion for a in report.alerts if a.rule == rule or rule in a.also]


JOB_SEEKER = ("---\nchannel: email\n---\nDear Ms. Alvarez,\n\nMy name is Tom Reyes and I am a recent graduate in "
              "environmental engineering. I am very passionate about water policy and I have always admired your "
              "agency.\n\nI would like to meet with you for 20-30 minutes to learn more about your career path "
              "and any openings on your team.\n\n"
              "Best regards,\nTom\n")
RECRUITER = ("---\nchannel: linkedin-message\n---\nHi Sam, I came across your profile and was impressed by your "
             "background. I'm a technical recruiter at Talentloop and we're hiring a senior Rust engineer for a "
             "fintech. Are you open to a quick 15-minute call this week?\n")
SALES = ("---\nchannel: email\n---\nHi Ana,\n\nI read your post about cutting month-end close at Brightcart. We "
         "build reconciliation software for retailers. Could we book a 30-minute demo next Tuesday?\n\nBest,\nAl\n")
PR = ("---\nchannel: email\n---\nHi Dana,\n\nI loved your piece on zero-waste kitchens in last Sunday's Herald. I "
      "represent GreenPan, a cookware brand. Could you feature our new skillet in your holiday gift guide?\n\n"
      "Thanks,\nMia\n")
FOUNDER = ("---\nchannel: email\n---\nHi Leo,\n\nLizzie Blake suggested I talk to you. We're building Ledgerly, a "
           "bookkeeping tool for small charities. Our customers close their books four days faster. Let's connect "
           "for mutual benefit!\n\nSam\n")
NETWORKER = ("---\nchannel: linkedin-message\n---\nHi Priya, we both spoke at the Leeds product meetup last month. "
             "Could you introduce me to your head of design at Fernbank?\n")


def test_a_meeting_ask_becomes_a_question_about_what_the_draft_is_about(nlp: Any) -> None:
    assert advice(nlp, JOB_SEEKER, "premature-cta") == [
        'Ask for less: swap "meet with you for 20-30 minutes" for one question they can answer in a line, e.g. '
        '"What would you tell someone passionate about water policy?", and offer the time once they have replied.']
    assert advice(nlp, RECRUITER, "premature-cta") == [
        'Ask for less: swap "Are you open to a quick 15-minute call this week" for one question they can answer '
        'in a line, e.g. "Would the senior Rust engineer role be worth a look for you right now?", and offer the '
        'time once they have replied.']
    [sales] = advice(nlp, SALES, "premature-cta")
    assert sales.startswith('Ask for less: swap "book a 30-minute demo" for one question') and (
        "month-end close" in sales)


def test_a_favour_ask_gets_give_first_and_the_easy_form(nlp: Any) -> None:
    [pr] = advice(nlp, PR, "favor-ask")
    assert pr == (
        'Give before you ask: hold back "feature our new skillet in your holiday gift guide". Say what "your piece '
        'on zero-waste kitchens in last Sunday\'s Herald" did for you, and give something they can use back (a '
        'result, a resource, an intro) before asking anything. Ask for it once they have replied, in one line, and '
        'make it easy: a two-line blurb they can forward as it is, and an easy way to say no.')
    [networker] = advice(nlp, NETWORKER, "favor-ask")
    assert "hold back \"introduce me to your head of design at Fernbank\"" in networker
    assert "a two-line blurb they can forward" in networker


def test_an_opening_about_the_sender_moves_after_the_referral_or_the_detail(nlp: Any) -> None:
    [founder] = advice(nlp, FOUNDER, "product-talk")
    assert founder.endswith('open with who sent you: "Lizzie Blake suggested I talk to you".')
    [seeker] = advice(nlp, JOB_SEEKER, "self-focus")
    assert seeker.startswith('Move "My name is Tom Reyes and I am a recent graduate in environm…" after a line '
                             'about them: find one true thing about them first (the draft has none yet)')
    assert '"Your [post / talk / launch] on [topic] ..."' in seeker


def test_a_vague_benefit_becomes_what_the_draft_shows_the_sender_can_give(nlp: Any) -> None:
    assert advice(nlp, FOUNDER, "mutual-benefit") == [
        'Cut "Let\'s connect for mutual benefit!" and name the one thing Leo gets: offer what is behind "Our '
        'customers close their books four days faster" (the numbers, or how it was done). If you cannot name it '
        'yet, leave the claim out.']
