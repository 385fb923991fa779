"""`outreach-lint eval`: written and real messages scored apart, real ones in two fixed halves, macro F1 over the
rules with positives, Spearman against the coach's score, JSON, and half b's names kept out of sight."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.engine import lint_sources
from outreach_lint.evaluation import GroupScore, RuleScore, half_of
from outreach_lint.ranking import average_ranks, clean_above_flawed, spearman
from outreach_lint.reader import read_path
from outreach_lint.rulefile import load_rules

ROW = re.compile(r"(?P<rule>[a-z0-9-]+) +(?P<p>\d\.\d\d|-) +(?P<r>\d\.\d\d|-) +(?P<f1>\d\.\d\d|-) +(?P<tp>\d+) "
                 r"+(?P<fp>\d+) +(?P<fn>\d+)")
WRITTEN = '"written for the corpus"'
POSTED = '"https://example.org/a-public-post"'
ASK = "Hi Ben,\n\nYour post on returns fraud was sharp. Could we hop on a quick call on Thursday?\n"
CLEAN = "Hi Ines,\n\nYour talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up?\n"
PLAIN = "Hi Jo,\n\nCongrats on the launch of the new store.\n"  # labelled generic-help-offer: nothing in it fires it
HALVES = {"posted-ask.md": "a", "posted-clean.md": "a", "quoted-note.md": "b", "real-clean.md": "b"}


def message(source: str, expect: str, coach: int, body: str, ignore: str = "[]") -> str:
    return f"---\nexpect: {expect}\nignore: {ignore}\nsource: {source}\ncoach_score: {coach}\n---\n{body}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "real").mkdir(parents=True)
    files = {
        "written-ask.md": message(WRITTEN, "[premature-cta]", 30, ASK),
        "written-missed.md": message(WRITTEN, "[generic-help-offer]", 50, PLAIN),
        "written-clean.md": message(WRITTEN, "[]", 90, CLEAN, ignore="[self-focus, questions]"),
        "real/posted-ask.md": message(POSTED, "[premature-cta, made-up-rule]", 25, ASK),
        "real/posted-clean.md": message(POSTED, "[]", 85, CLEAN, ignore="[made-up-rule]"),
        "real/quoted-note.md": message(POSTED, "[generic-help-offer, made-up-rule]", 40, PLAIN),
        "real/real-clean.md": message(POSTED, "[]", 80, CLEAN),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "notes.yaml").write_text("not a message: skipped\n", encoding="utf-8")
    return root


def invoke(*args: str):
    result = CliRunner().invoke(cli.main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def eval_json(*args: str) -> dict:
    result = invoke("eval", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_fixture_names_fall_in_the_halves_it_says() -> None:
    for name, half in HALVES.items():
        assert "ab"[hashlib.sha256(name.encode()).digest()[0] % 2] == half == half_of(name)


def test_eval_reports_written_and_each_real_half_apart(corpus: Path) -> None:
    result = invoke("eval", str(corpus))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    headers = [line for line in lines if line.startswith("== ")]
    assert headers == ["== written: 3 messages, 1 clean ==", "== real a: 2 messages, 1 clean ==",
                       "== real b: 2 messages, 1 clean =="]
    tables: list[dict[str, re.Match[str]]] = []
    for line in lines:
        if line.startswith("== "):
            tables.append({})
        elif (row := ROW.fullmatch(line)) is not None:
            tables[-1][row["rule"]] = row
    written, real_a, real_b = tables
    assert sorted(written) == sorted(rule.id for rule in load_rules())
    assert (written["premature-cta"]["tp"], written["premature-cta"]["fn"]) == ("1", "0")
    missed = written["generic-help-offer"]
    assert (missed["tp"], missed["fn"], missed["r"], missed["f1"]) == ("0", "1", "0.00", "0.00")
    assert (real_a["premature-cta"]["tp"], real_a["premature-cta"]["r"]) == ("1", "1.00")
    assert real_a["generic-help-offer"]["f1"] == "-"  # no positives in half a
    assert real_b["premature-cta"]["f1"] == "-" and real_b["generic-help-offer"]["fn"] == "1"

    columns = lines.index(next(line for line in lines if line.split() == ["written", "real", "a", "real", "b"]))
    summary = {line[:38].strip(): line[38:].split() for line in lines[columns + 1:]}
    assert summary["messages (clean)"] == ["3", "(1)", "2", "(1)", "2", "(1)"]
    assert summary["rules with positives"] == ["2", "1", "1"]
    written_macro, a_macro, b_macro = (float(v) for v in summary["macro F1, rules with positives"])
    assert written_macro == pytest.approx(0.5)  # premature-cta 1.00 and generic-help-offer 0.00; the rest not counted
    assert (a_macro, b_macro) == (1.0, 0.0)
    assert summary["macro F1, rules with >= 3 positives"] == ["-", "-", "-"]
    assert len(summary["clean messages with a false alarm"]) == 6
    assert max(len(line) for line in lines) <= 100  # readable on a 100-column terminal


def test_a_rule_counts_in_the_macro_f1_only_with_positives() -> None:
    group = GroupScore(name="written", files=("a.md",), clean=0, clean_flagged=(), spearman=None, ranking=None,
                       rules={"caught": RuleScore(tp=3, fn=1), "no-labels": RuleScore(),
                              "alarms-only": RuleScore(fp=2), "rare": RuleScore(tp=1)})
    assert group.rules["no-labels"].f1 is None and group.rules["alarms-only"].f1 is None
    assert group.rules["alarms-only"].precision == 0.0
    assert group.counted() == 2
    assert group.macro_f1() == pytest.approx((6 / 7 + 1.0) / 2)
    assert group.macro_f1(3) == pytest.approx(6 / 7)
    assert GroupScore("real-a", (), 0, (), {"none": RuleScore()}, None, None).macro_f1() is None


def test_half_and_group_select_what_is_linted(corpus: Path) -> None:
    def files(*args: str) -> dict[str, int]:
        return {name: g["files"] for name, g in eval_json(*args, str(corpus))["groups"].items()}

    assert files() == {"written": 3, "real-a": 2, "real-b": 2}
    assert files("--half", "a") == {"written": 3, "real-a": 2}
    assert files("--half", "b") == {"written": 3, "real-b": 2}
    assert files("--group", "real") == {"real-a": 2, "real-b": 2}
    assert files("--group", "real", "--half", "b") == {"real-b": 2}
    assert files("--group", "written") == {"written": 3}
    refused = invoke("eval", "--group", "written", "--half", "a", str(corpus))
    assert refused.exit_code == 2 and "--half" in refused.stderr


def test_a_message_without_a_source_counts_as_written(tmp_path: Path) -> None:
    (tmp_path / "posted-ask.md").write_text("---\nexpect: [premature-cta]\n---\n" + ASK, encoding="utf-8")
    assert list(eval_json(str(tmp_path))["groups"]) == ["written", "real-a", "real-b"]
    assert eval_json(str(tmp_path))["groups"]["written"]["files"] == 1


def test_verbose_never_names_half_b_unless_asked(corpus: Path) -> None:
    out = invoke("eval", "-v", str(corpus)).stdout
    assert "    miss: written-missed.md" in out.splitlines()
    assert "files in half a (first byte of sha256(file name) even):\n    posted-ask.md\n    posted-clean.md" in out
    assert "quoted-note.md" not in out and "real-clean.md" not in out
    assert out.count("(-v lists half b's files, misses and false alarms only with --half b)") == 1
    for args in (["--group", "real"], ["--half", "a"]):
        assert "quoted-note.md" not in invoke("eval", "-v", *args, str(corpus)).stdout

    explicit = invoke("eval", "-v", "--half", "b", str(corpus)).stdout
    assert "    miss: quoted-note.md" in explicit.splitlines()
    assert "files in half b (first byte of sha256(file name) odd):\n    quoted-note.md\n    real-clean.md" in explicit
    assert "half b only with" not in explicit
    assert "quoted-note.md" not in invoke("eval", str(corpus)).stdout  # and never without -v


def test_json_carries_the_same_figures(corpus: Path) -> None:
    document = eval_json(str(corpus))
    assert set(document) == {"half", "groups", "not_in_pack"}
    assert document["half"] is None
    assert document["not_in_pack"] == {"made-up-rule": 2}
    written = document["groups"]["written"]
    assert set(written) == {"files", "clean", "clean_flagged", "false_alarm_rate", "rules_counted", "macro_f1",
                            "macro_f1_min3", "spearman", "ranking", "headline_agrees", "headline_null", "rules"}
    assert (written["files"], written["clean"], written["rules_counted"], written["macro_f1"]) == (3, 1, 2, 0.5)
    assert written["macro_f1_min3"] is None
    assert written["rules"]["premature-cta"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0,
                                                 "fn": 0, "counted": True}
    assert written["rules"]["buzzwords"]["f1"] is None and written["rules"]["buzzwords"]["counted"] is False

    verbose = eval_json("-v", str(corpus))["groups"]
    assert verbose["written"]["rules"]["generic-help-offer"]["misses"] == ["written-missed.md"]
    assert verbose["real-a"]["file_names"] == ["posted-ask.md", "posted-clean.md"]
    assert verbose["real-b"]["names_withheld"] is True
    assert "quoted-note.md" not in json.dumps(verbose)
    assert eval_json("-v", "--half", "b", str(corpus))["groups"]["real-b"]["file_names"] == ["quoted-note.md",
                                                                                           "real-clean.md"]


def test_spearman_and_ranking_follow_the_linter_and_coach_scores(corpus: Path) -> None:
    paths = sorted((corpus / name) for name in ("written-ask.md", "written-clean.md", "written-missed.md"))
    scores = [f.score for f in lint_sources([read_path(p) for p in paths], rules=load_rules()).files]
    coach = [30.0, 90.0, 50.0]  # in the order of `paths`: ask, clean, missed
    written = eval_json("--group", "written", str(corpus))["groups"]["written"]
    expected = spearman(scores, coach)
    assert written["spearman"] == (None if expected is None else round(expected, 4))
    ranking = clean_above_flawed([scores[1]], [scores[0], scores[2]])
    assert ranking is not None and written["ranking"] == round(ranking, 4)


def test_not_in_pack_is_listed_once(corpus: Path) -> None:
    out = invoke("eval", str(corpus)).stdout
    assert out.count("made-up-rule") == 1
    assert "not in the pack, labels not scored: made-up-rule (2 expected)" in out.splitlines()


def test_average_ranks_share_ties() -> None:
    assert average_ranks([10, 20, 20, 20, 5]) == [2.0, 4.0, 4.0, 4.0, 1.0]
    assert average_ranks([]) == []


def test_spearman_on_known_cases() -> None:
    # ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4 -> covariance 4.5, variances 4.5 and 5
    assert spearman([1, 2, 2, 3], [1, 3, 2, 4]) == pytest.approx(4.5 / (4.5 * 5) ** 0.5)
    assert spearman([1, 2, 3, 4], [40, 30, 20, 10]) == pytest.approx(-1.0)
    assert spearman([5, 1, 3], [50, 10, 30]) == pytest.approx(1.0)
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([7], [3]) is None
    assert clean_above_flawed([90, 80], [80, 20]) == pytest.approx((1 + 1 + 0.5 + 1) / 4)
    assert clean_above_flawed([], [1]) is None


def test_bad_coach_score_exits_2(corpus: Path) -> None:
    (corpus / "coach.md").write_text(message(WRITTEN, "[]", 140, CLEAN), encoding="utf-8")
    result = invoke("eval", str(corpus))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"outreach-lint: {corpus / 'coach.md'}: front matter: 'coach_score' "
                                          "must be a number from 0 to 100"]


def test_eval_missing_directory_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = invoke("eval", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"outreach-lint: {missing}: no such directory\n"


def test_eval_empty_directory_exits_2(tmp_path: Path) -> None:
    result = invoke("eval", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"outreach-lint: {tmp_path}: ")
    assert len(result.stderr.splitlines()) == 1


def test_eval_bad_labels_exit_2(corpus: Path) -> None:
    (corpus / "labels.md").write_text("---\nexpect: premature-cta\n---\nHi Ben.\n", encoding="utf-8")
    result = invoke("eval", str(corpus))
    assert result.exit_code == 2
    assert "labels.md" in result.stderr and "expect" in result.stderr
    assert len(result.stderr.splitlines()) == 1
