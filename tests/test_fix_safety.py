"""Every deterministic fix is advice a coach would sign: read again, the fixed draft has no new alert, no
fragment where text was cut, and still has every name, the ask, the detail about the reader and the
reader's own links; nothing outside the fixed spans changes. A fix that fails is advice only (fixcheck.py).

The drafts are written for these tests, in the voices the tool meets (sales, recruiting, job seeking, PR,
networking), and run on the real model (the session's `nlp`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.alert import Alert, Edit, Fix
from outreach_lint.checks.all_of import AllOf
from outreach_lint.checks.any_of import AnyOf
from outreach_lint.checks.marks import Marks
from outreach_lint.checks.placeholder import Placeholder
from outreach_lint.checks.shouting import Shouting
from outreach_lint.checks.substitution import Substitution
from outreach_lint.engine import lint_sources, relinter
from outreach_lint.fixer import apply_edits, choose_fixes, fix_until_stable
from outreach_lint.reader import parse_source
from outreach_lint.rulefile import Rule

# The built-in rules whose checks build fixes, and what each fix does.
FIXABLE = {
    "buzzwords": "swaps the jargon word for a plain one",
    "cliche-opener": "deletes the stock opening sentence (a name it opens with stays)",
    "fake-reply": "drops the Re:/Fwd: marker from the subject",
    "follow-up-guilt": "drops the word 'just'",
    "hype": "one '!' (or a full stop) for a run of '!'; a shouted word in lower case",
    "merge-field": "the allowed field a misspelt placeholder meant",
}

SIGNED = "\n\nBest,\nNoor\n"

# (rule, kind, draft, the draft after --fix)
DRAFTS = [
    ("buzzwords", "sales",
     "Hi Priya,\n\nYour note on late freight invoices at Northwind rang true. We leverage carrier data to flag "
     "overcharges before you pay. Is invoice auditing on your list this quarter?\n\nBest,\nOmar\n",
     "Hi Priya,\n\nYour note on late freight invoices at Northwind rang true. We use carrier data to flag "
     "overcharges before you pay. Is invoice auditing on your list this quarter?\n\nBest,\nOmar\n"),
    ("buzzwords", "recruiting",
     "Hi Tomasz,\n\nI read your write-up on moving Kestrel's billing to Postgres. Our platform team wants to "
     "streamline deploys the same way. Would you be open to hearing about a staff engineer role?\n\nThanks,\nLena\n",
     "Hi Tomasz,\n\nI read your write-up on moving Kestrel's billing to Postgres. Our platform team wants to "
     "simplify deploys the same way. Would you be open to hearing about a staff engineer role?\n\nThanks,\nLena\n"),
    ("buzzwords", "PR",
     "Hi Ines,\n\nYour piece on night-bus cuts in Porto was the clearest I've read. Our client runs a "
     "state-of-the-art routing lab that mapped the same gaps. Would a chart of the gaps help a follow-up story?"
     + SIGNED,
     "Hi Ines,\n\nYour piece on night-bus cuts in Porto was the clearest I've read. Our client runs a "
     "modern routing lab that mapped the same gaps. Would a chart of the gaps help a follow-up story?" + SIGNED),
    ("cliche-opener", "job seeking",
     "Hi Ms. Ortega,\n\nI hope this email finds you well.\n\nYour talk on library outreach at the state "
     "conference made me want to work in community programs. Are you hiring a programs assistant this summer?"
     "\n\nBest,\nJun\n",
     "Hi Ms. Ortega,\n\nYour talk on library outreach at the state conference made me want to work in "
     "community programs. Are you hiring a programs assistant this summer?\n\nBest,\nJun\n"),
    ("cliche-opener", "networking",
     "Hi Sam,\n\nQuick question. Did the Lisbon meetup you ran on design systems get recorded?\n\nCheers,\nAva\n",
     "Hi Sam,\n\nDid the Lisbon meetup you ran on design systems get recorded?\n\nCheers,\nAva\n"),
    ("cliche-opener", "PR",
     "Jack, hope this finds you well.\n\nYour essay on reviving tide mills stayed with me. I produce the Harbour "
     "Talks podcast. Would you join us for an episode in May?" + SIGNED,
     "Jack,\n\nYour essay on reviving tide mills stayed with me. I produce the Harbour Talks podcast. Would you "
     "join us for an episode in May?" + SIGNED),
    ("fake-reply", "sales",
     "---\nsubject: \"Re: your loading-dock schedule\"\n---\nHi Grace,\n\nYour post about trucks idling at the "
     "Tilbury dock caught my eye. We book dock slots for mid-size warehouses. Is idling time something you "
     "track?\n\nBest,\nLeon\n",
     "---\nsubject: \"Your loading-dock schedule\"\n---\nHi Grace,\n\nYour post about trucks idling at the "
     "Tilbury dock caught my eye. We book dock slots for mid-size warehouses. Is idling time something you "
     "track?\n\nBest,\nLeon\n"),
    ("fake-reply", "PR",
     "---\nsubject: \"FW: Harbor Bakery's sourdough school\"\n---\nHi Chloe,\n\nYour column on small bakeries "
     "training apprentices was lovely. Harbor Bakery runs a free sourdough school for teens. Would it fit a "
     "future column?\n\nThanks,\nPia\n",
     "---\nsubject: \"Harbor Bakery's sourdough school\"\n---\nHi Chloe,\n\nYour column on small bakeries "
     "training apprentices was lovely. Harbor Bakery runs a free sourdough school for teens. Would it fit a "
     "future column?\n\nThanks,\nPia\n"),
    ("follow-up-guilt", "recruiting",
     "---\nstage: follow-up\n---\nHi Dana,\n\nJust checking in on the data engineer role. The team has since "
     "shipped its streaming pipeline. Would a short chat next week suit you?\n\nBest,\nRui\n",
     "---\nstage: follow-up\n---\nHi Dana,\n\nChecking in on the data engineer role. The team has since "
     "shipped its streaming pipeline. Would a short chat next week suit you?\n\nBest,\nRui\n"),
    ("follow-up-guilt", "sales",
     "---\nstage: follow-up\n---\nHi Omar,\n\nJust circling back on the pallet quote. Our Leeds depot now has "
     "next-day slots. Shall I hold two for March?\n\nThanks,\nIvy\n",
     "---\nstage: follow-up\n---\nHi Omar,\n\nCircling back on the pallet quote. Our Leeds depot now has "
     "next-day slots. Shall I hold two for March?\n\nThanks,\nIvy\n"),
    ("hype", "networking",
     "Hi Bea!! Your panel on rural broadband was great. Are you speaking at the Leeds summit?\n",
     "Hi Bea! Your panel on rural broadband was great. Are you speaking at the Leeds summit?\n"),
    ("hype", "sales",
     "Hi Karim,\n\nYour launch of same-day pickup at Fenwick looked busy!! We print shelf labels overnight for "
     "stores like yours. Is label printing a bottleneck?\n\nBest,\nJo\n",
     "Hi Karim,\n\nYour launch of same-day pickup at Fenwick looked busy! We print shelf labels overnight for "
     "stores like yours. Is label printing a bottleneck?\n\nBest,\nJo\n"),
    ("hype", "sales",
     "Hi Ravi,\n\nYour post on returns at Tidewell was sharp. Our returns audit is FREE for stores under fifty "
     "staff. Is returns fraud on your radar?\n\nBest,\nMei\n",
     "Hi Ravi,\n\nYour post on returns at Tidewell was sharp. Our returns audit is free for stores under fifty "
     "staff. Is returns fraud on your radar?\n\nBest,\nMei\n"),
    ("hype", "job seeking",
     "Hi Dr. Okafor,\n\nI am a HUGE admirer of your lab's work on soft grippers. I am finishing a robotics MSc "
     "in June. Do you take research assistants?\n\nBest,\nTeo\n",
     "Hi Dr. Okafor,\n\nI am a huge admirer of your lab's work on soft grippers. I am finishing a robotics MSc "
     "in June. Do you take research assistants?\n\nBest,\nTeo\n"),
    ("merge-field", "recruiting",
     "---\ntemplate: true\n---\nHi {{frist_name}},\n\nI saw {{company}} opened an office in {{city}}. Are you "
     "hiring engineers there?\n\nBest,\nLena\n",
     "---\ntemplate: true\n---\nHi {{first_name}},\n\nI saw {{company}} opened an office in {{city}}. Are you "
     "hiring engineers there?\n\nBest,\nLena\n"),
    ("merge-field", "sales",
     "---\ntemplate: true\n---\nHi {{first_name}},\n\nCongrats on the new {{city}} store. Do your {{compnay}} "
     "buyers handle shelf labels?\n\nBest,\nJo\n",
     "---\ntemplate: true\n---\nHi {{first_name}},\n\nCongrats on the new {{city}} store. Do your {{company}} "
     "buyers handle shelf labels?\n\nBest,\nJo\n"),
]

HYPE_KNOWN = "Hey!! Loved your recent piece on supply chains. We do amazing work!!! Thanks in advance!\n"
SPAMMER = ("Hi Jane,\n\nI loved your rose-pruning guide at https://janesgarden.com/roses. I run a gardening blog "
           "too (greenthumbtips.net). Would you add a link to greenthumbtips.net/compost on janesgarden.com/roses? "
           "In return I'd link to janesgarden.com from my resources page.\n\nThanks,\nTom\n")
DOUBLED = re.compile(r"[ \t]{2}|[ \t][,.;:!?]|[,;:][,.;:!?]|[.!?][,;:]|[!?][.]")


def _lint(text: str, nlp: Any, rules: list[Rule] | None = None, verify: bool = True) -> list[Alert]:
    return relinter(parse_source(text, "draft.md"), None, None, rules, nlp=nlp, verify_fixes=verify)(text)


def _fix(text: str, nlp: Any, rules: list[Rule] | None = None) -> tuple[list[Alert], str, list[Alert]]:
    """The draft's alerts, the draft after --fix, and the fixed draft's alerts."""
    lint = relinter(parse_source(text, "draft.md"), None, None, rules, nlp=nlp)
    before = lint(text)
    fixed = fix_until_stable(text, lint, before).text
    return before, fixed, lint(fixed)


def _fragments(nlp: Any, original: str, fixed: str) -> list[str]:
    """What reads as a fragment in the fixed draft and not in the original: a sentence without a verb, one
    that starts or ends on a comma or a conjunction, doubled blanks or stops."""
    found = [m.group() for m in DOUBLED.finditer(fixed)]
    found = found[len(DOUBLED.findall(original)):]
    for sentence in nlp(fixed).sents:
        words = [t for t in sentence if not t.is_space]
        text = sentence.text.strip()
        if len(words) < 3 or text in original:
            continue  # a greeting or sign-off line, or a sentence the fix left as it was
        last = words[-2] if words[-1].text in ".!?" else words[-1]
        dangling = any(t.text in ",;:" or t.pos_ == "CCONJ" for t in (words[0], last))
        if dangling or not any(t.pos_ in ("VERB", "AUX") for t in sentence):
            found.append(text)
    return found


def _spans(alerts: list[Alert], text: str) -> list[Edit]:
    """The edits one --fix pass makes to the text, in order."""
    chosen = choose_fixes(text, [a.fix for a in alerts if a.fix is not None])
    return sorted((e for fix in chosen for e in fix.edits), key=lambda e: e.start)


def _outside(text: str, edits: list[Edit]) -> Iterator[str]:
    """The text between the edits (and before the first, after the last)."""
    at = 0
    for edit in edits:
        yield text[at : edit.start]
        at = edit.end
    yield text[at:]


def _where_now(edits: list[Edit]) -> list[Edit]:
    """The same edits as spans of the text they produce."""
    out, shift = [], 0
    for edit in edits:
        start = edit.start + shift
        out.append(Edit(start, start + len(edit.replacement), edit.replacement))
        shift += len(edit.replacement) - (edit.end - edit.start)
    return out


def _shapes(alerts: list[Alert]) -> set[tuple[str, str]]:
    return {(a.rule, re.sub(r"\d+", "#", a.message.replace(a.match, ""))) for a in alerts}


# ---- every rule with a fix: at least two kinds of draft, the exact result, read again ---------------


def test_the_fragment_finder_finds_fragments(nlp: Any) -> None:
    draft = "Hi Ana,\n\nJust checking in on the deck. To be honest, it ran late.\n"
    found = _fragments(nlp, draft, "Hi Ana,\n\non the deck. , it ran late.\n")
    assert " ," in found and any("on the deck." in f for f in found)
    assert _fragments(nlp, draft, draft) == []


def test_every_rule_with_a_fix_has_drafts_here(pack: dict[str, Rule]) -> None:
    def can_fix(check: Any) -> bool:
        if isinstance(check, (AnyOf, AllOf)):
            return any(can_fix(sub) for sub, _ in check._built)
        if isinstance(check, Substitution):
            return any(plain is not None for plain in check._plain.values())
        if isinstance(check, Marks):
            return bool(check.repeated)
        if isinstance(check, (Shouting, Placeholder)):
            return True
        return getattr(check, "fix", None) is not None

    assert {rule_id for rule_id, rule in pack.items() if can_fix(rule.check)} == set(FIXABLE)
    for rule_id in FIXABLE:
        assert len({kind for rule, kind, _, _ in DRAFTS if rule == rule_id}) >= 2, rule_id


@pytest.mark.parametrize(("rule", "kind", "draft", "expected"), DRAFTS,
                         ids=[f"{rule}-{kind}-{n}" for n, (rule, kind, _, _) in enumerate(DRAFTS)])
def test_the_fix_gives_exactly_this_and_reads_clean(nlp: Any, rule: str, kind: str, draft: str,
                                                     expected: str) -> None:
    before, fixed, after = _fix(draft, nlp)
    assert any(a.rule == rule and a.fix is not None for a in before)
    assert fixed == expected
    folded = {r for a in before for r in a.also}  # said before, folded into another rule's alert on those words
    assert {(r, m) for r, m in _shapes(after) if r not in folded} <= _shapes(before), (
        "the fixed draft raises an alert the draft did not")
    assert not any(a.fix is not None for a in after), "a fix is left over after --fix"
    assert _fragments(nlp, draft, fixed) == []


@pytest.mark.parametrize(("draft", "expected"), [(d, e) for _, _, d, e in DRAFTS] + [
    (HYPE_KNOWN, "Hey! Loved your recent piece on supply chains. We do amazing work. Thanks in advance!\n")])
def test_fix_never_loses_a_byte_outside_the_spans_it_fixes(nlp: Any, draft: str, expected: str) -> None:
    alerts = _lint(draft, nlp)
    edits = _spans(alerts, draft)
    fixed = apply_edits(draft, choose_fixes(draft, [a.fix for a in alerts if a.fix is not None]))
    assert fixed == expected  # one pass is all these drafts need
    assert list(_outside(fixed, _where_now(edits))) == list(_outside(draft, edits))
    for edit, now in zip(edits, _where_now(edits), strict=True):
        assert fixed[now.start : now.end] == edit.replacement


# ---- the three cases found when it was tried ------------------------------------------------------


def test_the_salutation_stays(nlp: Any) -> None:
    draft = ("Jack, hope this finds you well.\n\nYour essay on reviving tide mills stayed with me. Would you "
             "join the Harbour Talks podcast for an episode in May?" + SIGNED)
    [opener] = [a for a in _lint(draft, nlp, verify=False) if a.rule == "cliche-opener"]
    assert opener.fix is not None and draft[: opener.fix.edits[0].start] == "Jack,"  # built to keep it
    assert opener.suggestion.startswith('Cut "hope this finds you well."')  # says what the fix cuts
    _, fixed, _ = _fix(draft, nlp)
    assert fixed.startswith("Jack,\n\nYour essay on reviving tide mills")


def test_a_cut_that_would_open_on_the_sender_is_advice_and_keeps_the_name(nlp: Any) -> None:
    draft = ("Jack, hope this finds you well.\n\nI produce the Harbour Talks podcast, and your essay on reviving "
             "tide mills stayed with me. Would you join us for an episode in May?" + SIGNED)
    built = [a for a in _lint(draft, nlp, verify=False) if a.rule == "cliche-opener"]
    assert built and built[0].fix is not None  # the cut alone would make self-focus fire
    [opener] = [a for a in _lint(draft, nlp) if a.rule == "cliche-opener"]
    assert opener.fix is None
    assert _fix(draft, nlp)[1] == draft


def test_exclamation_runs_are_fixed_together(nlp: Any) -> None:
    before, fixed, after = _fix(HYPE_KNOWN, nlp)
    assert [a.fix.edits[0].replacement for a in before if a.rule == "hype" and a.fix] == ["!", "."]
    assert fixed == "Hey! Loved your recent piece on supply chains. We do amazing work. Thanks in advance!\n"
    assert not [a for a in after if a.rule == "hype"]
    [run] = [a for a in before if a.match == "!!!"]
    assert "We do amazing work." in run.suggestion and run.fix is not None and "'.'" in run.fix.title


@pytest.mark.parametrize(("draft", "fixed"), [
    # two single marks already: no budget left, and "Wow!! that" goes on in lower case, so no full stop fits
    ("Hi Ana,\n\nWow!! that launch was big! Your demo at Expo was sharp! Is the beta open?\n", None),
    # one single mark: the run may keep one "!"
    ("Hi Ana,\n\nYour launch was big! Your demo at Expo was sharp!! Is the beta open?\n",
     "Hi Ana,\n\nYour launch was big! Your demo at Expo was sharp! Is the beta open?\n"),
])
def test_a_run_keeps_one_mark_only_while_the_message_stays_under_three(nlp: Any, draft: str,
                                                                        fixed: str | None) -> None:
    [run] = [a for a in _lint(draft, nlp) if a.rule == "hype"]
    assert run.match == "!!" and (run.fix is None) == (fixed is None)
    assert _fix(draft, nlp)[1] == (fixed or draft)


def test_the_check_alone_refuses_a_run_fix_that_makes_the_third_mark(nlp: Any, make_rule: Any) -> None:
    """Without `keep` the runs' fixes are built one by one; the check finds the one that makes a third '!'."""
    bangs = make_rule("bangs", "all", checks=[{"type": "marks", "mark": "!", "repeated": 2},
                                              {"type": "marks", "mark": "!", "count": 3}])
    draft = "Hi Sam,\n\nLoved your piece on tide mills!! We do amazing work!!! Our team is ready!\n"
    assert [a.fix is not None for a in _lint(draft, nlp, [bangs], verify=False)] == [True, True]
    assert [a.fix is not None for a in _lint(draft, nlp, [bangs])] == [True, False]
    _, fixed, after = _fix(draft, nlp, [bangs])
    assert fixed == "Hi Sam,\n\nLoved your piece on tide mills! We do amazing work!!! Our team is ready!\n"
    assert [a.match for a in after] == ["!!!"]


def test_the_readers_own_site_is_never_the_link_to_cut(nlp: Any) -> None:
    alerts = _lint(SPAMMER, nlp)
    links = [a for a in alerts if a.rule == "link-first-touch"]
    assert [a.match for a in links] == ["greenthumbtips.net", "greenthumbtips.net/compost"]
    assert not [a for a in alerts if "janesgarden" in a.suggestion and a.rule == "link-first-touch"]


@pytest.mark.parametrize("draft", [
    # a link named as theirs makes the whole site theirs
    "Hi Ana, your guide at anagrows.com/roses was great. I'd love to feature anagrows.com/tulips and my own "
    "bulbs.io/list too. Would that work?",
    # the page the reader is asked to put a link on is theirs
    "Hi Ana, I write about bulbs at bulbs.io. Would you add a link to my guide on anagrows.com/roses? Is that fair?",
])
def test_a_link_to_the_readers_site_is_theirs(nlp: Any, draft: str) -> None:
    links = [a.match for a in _lint(draft, nlp) if a.rule == "link-first-touch"]
    assert links and not [link for link in links if "anagrows" in link]


def test_a_link_named_as_the_senders_on_a_shared_host_stays_the_senders(nlp: Any) -> None:
    draft = ("Hi Ana, your post at medium.com/@ana/roses was great. My notes are at medium.com/@tom/bulbs. "
             "Is bulb season busy?")
    assert [a.match for a in _lint(draft, nlp) if a.rule == "link-first-touch"] == ["medium.com/@tom/bulbs"]


# ---- what the check refuses: a fix that cuts what the message is for --------------------------------


@pytest.mark.parametrize(("draft", "rule"), [
    # the reader's own link
    ("Hi Jane,\n\nI came across your website at janesgarden.com.\n\nI write about compost for "
     "greenthumbtips.net. Would a guest post on leaf mould suit your readers?\n\nBest,\nTom\n", "cliche-opener"),
    # the ask
    ("Hi Marco,\n\nQuick question: are you hiring?\n\nBest,\nAnnie\n", "cliche-opener"),
    # a name that appears nowhere else
    ("Hi there,\n\nHope you're well, Marcus.\n\nYour talk on tide mills at FutureFest was sharp. Are you touring "
     "it this autumn?\n\nBest,\nIda\n", "cliche-opener"),
])
def test_a_fix_that_cuts_what_the_message_is_for_is_advice(nlp: Any, draft: str, rule: str) -> None:
    assert any(a.rule == rule and a.fix is not None for a in _lint(draft, nlp, verify=False))
    [checked] = [a for a in _lint(draft, nlp) if a.rule == rule]
    assert checked.fix is None
    assert _fix(draft, nlp)[1] == draft


def test_a_name_said_again_elsewhere_may_go_with_its_sentence(nlp: Any) -> None:
    draft = ("Hi Marcus,\n\nHope you're well, Marcus.\n\nYour talk on tide mills at FutureFest was sharp. Are you "
             "touring it this autumn?\n\nBest,\nIda\n")
    _, fixed, _ = _fix(draft, nlp)
    assert fixed == ("Hi Marcus,\n\nYour talk on tide mills at FutureFest was sharp. Are you touring it this "
                     "autumn?\n\nBest,\nIda\n")


@pytest.mark.parametrize(("phrases", "fix", "draft"), [
    (["to be honest"], "delete", "Hi Ana,\n\nTo be honest, the pilot ran late. Could we move the review to Friday?\n"),
    (["loved your"], "delete-sentence",  # the detail about the reader
     "Hi Ana,\n\nLoved your talk on tide mills at FutureFest. Could we talk about a feature?\n"),
])
def test_a_fragment_or_a_lost_detail_is_advice(nlp: Any, make_rule: Any, phrases: list[str], fix: str,
                                                draft: str) -> None:
    rule = make_rule("cut", "phrase", phrases=phrases, fix=fix)
    [built] = _lint(draft, nlp, [rule], verify=False)
    assert built.fix is not None
    [checked] = _lint(draft, nlp, [rule])
    assert checked.fix is None and checked.message == built.message


# ---- what the writer sees ----------------------------------------------------------------------------


def test_a_refused_fix_is_not_advertised(tmp_path: Any) -> None:
    draft = tmp_path / "ask.md"
    draft.write_text("Hi Marco,\n\nQuick question: are you hiring?\n\nBest,\nAnnie\n", encoding="utf-8")
    text = CliRunner().invoke(cli.main, ["check", "--no-config", "--no-cache", str(draft)]).stdout
    assert "cliche-opener" in text and "[*]" not in text and "fixable" not in text
    out = CliRunner().invoke(cli.main, ["check", "--no-config", "--no-cache", "--format", "json", str(draft)]).stdout
    assert '"fix": {' not in out and '"fixable": 0' in out


def test_stdin_fix_prints_the_fixed_text_and_nothing_already_fixed() -> None:
    result = subprocess.run([sys.executable, "-m", "outreach_lint", "check", "-", "--fix", "--no-config",
                             "--no-cache"], input="Hi!! Buy now\n", capture_output=True, text=True, check=False)
    assert result.stdout == "Hi! Buy now\n"
    assert "fixable" not in result.stdout + result.stderr and "hype" not in result.stdout + result.stderr
    assert result.returncode == 1  # what is left (a premature ask) is still a warning


def test_fix_objects_are_the_ones_the_report_offered(nlp: Any) -> None:
    """--fix applies the report's checked fixes: what the text output marks [*] is what gets written."""
    alerts = _lint(HYPE_KNOWN, nlp)
    offered = [a.fix for a in alerts if a.fix is not None]
    assert all(isinstance(f, Fix) for f in offered)
    again = lint_sources([parse_source(HYPE_KNOWN, "draft.md")], nlp=nlp).files[0].alerts
    assert [a.fix for a in again if a.fix is not None] == offered
