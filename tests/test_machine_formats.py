"""--format unix, github and sarif, each checked by what reads it.

SARIF goes through the official validators, never an imitation of them: the SARIF 2.1.0 JSON schema
(with jsonschema) and Microsoft's SARIF Multitool, both installed by `npm ci`. Unix lines are read with
Vim's errorformat, github lines with the escaping of actions/toolkit. One realistic run (the examples, a
custom pack, an emoji, a sequence, an unused suppression, standard input and an unreadable file) is
linted once per format and shared by the module.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from outreach_lint import cli
from outreach_lint.alert import Alert, Factor, Severity
from outreach_lint.formatters import github, sarif
from outreach_lint.report import FileReport, Report
from outreach_lint.rulefile import load_rules

ROOT = Path(__file__).resolve().parent.parent
MULTITOOL = ROOT / "node_modules" / ".bin" / "sarif-multitool"
SCHEMA = ROOT / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
FORMATS = ("text", "json", "unix", "github", "sarif")
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}

# Vim's errorformat `%f:%l:%c: %t%*[a-z]: %m` as Vim compiles it: %f is `.\{-1,}` (shortest) when a
# literal follows, %l and %c digits, %t one character, %*[a-z] skipped letters, %m the rest.
ERRORFORMAT = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<type>.)[a-z]*: (?P<text>.+)")
WORKFLOW_COMMAND = re.compile(r"::(?P<command>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)")

PERCENT_OFF = """\
id: percent-off
type: phrase
factor: risk
severity: error
description: "A discount used as bait in a first message."
explain: "A discount before any conversation reads as a sales blast, and nobody answers a blast."
message: "Discount bait: \\"{match}\\", 100% off: really?\\nSecond line."
suggest: "Drop the discount,\\nand ask a question."
phrases: ["percent off"]
"""
EMOJI = ("Hi Ana 👋,\n\nLoved your talk 🎤 on churn. We leverage AI, and our plan is 50 percent off.\n"
         "Could we hop on a quick call on Thursday?\n")
ODD_NAME = "Hi Ana,\n\nOur plan is 50 percent off until Friday. What is your team working on?\n"
UNUSED = "<!-- outreach-lint: disable=buzzwords -->\nHi Ana,\n\nYour churn talk was sharp. What did the pilot teach?\n"
CADENCE = """\
steps:
  - subject: Your churn talk
    body: |
      Hi Jo,

      We leverage AI to cut churn. Could we hop on a quick call on Thursday?
"""
STDIN = "Hi Ben,\n\nYour post on returns fraud was sharp. We leverage AI. Could we hop on a quick call on Thursday?\n"
MAIN_ARGS = ["check", "--report-unused-suppressions", "--stdin-filename", "drafts/from-stdin.md",
             "examples", "drafts", "-"]


def invoke(cwd: Path, args: list[str], stdin: str | None = None) -> Result:
    """The real click command, in process (the spaCy model stays loaded), run from `cwd`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        patch.delenv("NO_COLOR", raising=False)
        result = CliRunner().invoke(cli.main, args, input=stdin.encode() if stdin is not None else None)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def require_validators() -> None:
    missing = [str(p.relative_to(ROOT)) for p in (MULTITOOL, SCHEMA) if not p.exists()]
    if missing:
        pytest.fail(f"the SARIF validators are not installed ({', '.join(missing)} missing): run `npm ci` in {ROOT}",
                    pytrace=False)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / ".outreach-lint.yaml").write_text("packs: [team-rules]\n", encoding="utf-8")
    (root / "team-rules").mkdir()
    (root / "team-rules" / "percent-off.yaml").write_text(PERCENT_OFF, encoding="utf-8")
    drafts = root / "drafts"
    drafts.mkdir()
    (drafts / "emoji note.md").write_text(EMOJI, encoding="utf-8")
    (drafts / "a,b:c.md").write_text(ODD_NAME, encoding="utf-8")
    (drafts / "unused.md").write_text(UNUSED, encoding="utf-8")
    (drafts / "cadence.yaml").write_text(CADENCE, encoding="utf-8")
    (drafts / "bad-utf8.md").write_bytes(b"Hi Ana,\n\nCaf\xe9 later?\n")  # Latin-1: cannot be read
    (drafts / "empty.md").write_bytes(b"")  # skipped with a note
    return root


@pytest.fixture(scope="module")
def outputs(workspace: Path) -> dict[str, Result]:
    """The realistic run in every format (same files, same standard input)."""
    return {fmt: invoke(workspace, [*MAIN_ARGS, "--format", fmt], STDIN) for fmt in FORMATS}


@pytest.fixture(scope="module")
def doc(outputs: dict[str, Result]) -> dict[str, Any]:
    return json.loads(outputs["sarif"].stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def json_alerts(outputs: dict[str, Result]) -> list[dict[str, Any]]:
    """The JSON format's alerts in output order, each with its file entry's path and step."""
    files = json.loads(outputs["json"].stdout)["files"]
    return [{**a, "path": f["path"], "step": f.get("step")} for f in files for a in f["alerts"]]


@pytest.fixture(scope="module")
def clean_doc(workspace: Path) -> dict[str, Any]:
    result = invoke(workspace, ["check", "--format", "sarif", "examples/good"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def schema_validator() -> Any:
    require_validators()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft4Validator, schema["$schema"]  # the schema is draft-04
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def without_message(document: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    del broken["runs"][0]["results"][0]["message"]
    return broken


@pytest.fixture(scope="module")
def multitool(doc: dict[str, Any], clean_doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory,
              ) -> dict[str, list[str]]:
    """The Multitool's level-error findings by file name, from one run over every document (it takes ~2 s)."""
    require_validators()
    folder = tmp_path_factory.mktemp("multitool")
    documents = {"main.sarif": doc, "clean.sarif": clean_doc, "no-message.sarif": without_message(doc)}
    for name, document in documents.items():
        (folder / name).write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    log = folder / "validation.log.sarif"
    proc = subprocess.run([str(MULTITOOL), "validate", "-o", str(log), *(str(folder / n) for n in documents)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert log.is_file(), f"the Multitool wrote no log (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    found: dict[str, list[str]] = {name: [] for name in documents}
    for result in json.loads(log.read_text(encoding="utf-8-sig"))["runs"][0].get("results", []):
        if result.get("level", "warning") != "error":
            continue
        locations = result.get("locations") or [{}]
        uri = locations[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "?")
        message = result["message"].get("text") or result["message"].get("arguments")
        found.setdefault(uri.rsplit("/", 1)[-1], []).append(f"{result['ruleId']}: {message}")
    return found


# --- SARIF: the real validators ------------------------------------------------------------------

def test_sarif_passes_the_json_schema(schema_validator: Any, doc: dict[str, Any], clean_doc: dict[str, Any]) -> None:
    for document in (doc, clean_doc):
        assert [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator.iter_errors(document)] == []


def test_sarif_passes_the_multitool(multitool: dict[str, list[str]]) -> None:
    assert multitool["main.sarif"] == []
    assert multitool["clean.sarif"] == []
    assert set(multitool) == {"main.sarif", "clean.sarif", "no-message.sarif"}  # no error about anything else


def test_both_validators_reject_a_result_without_a_message(multitool: dict[str, list[str]], schema_validator: Any,
                                                           doc: dict[str, Any]) -> None:
    assert any("message" in finding for finding in multitool["no-message.sarif"]), multitool
    errors = [e.message for e in schema_validator.iter_errors(without_message(doc))]
    assert "'message' is a required property" in errors


def test_the_schema_rejects_a_level_sarif_does_not_have(schema_validator: Any, doc: dict[str, Any]) -> None:
    broken = copy.deepcopy(doc)
    broken["runs"][0]["results"][0]["level"] = "suggestion"
    assert any("'suggestion' is not one of" in e.message for e in schema_validator.iter_errors(broken))


# --- SARIF: what it says -------------------------------------------------------------------------

def test_sarif_results_are_the_json_alerts(doc: dict[str, Any], json_alerts: list[dict[str, Any]]) -> None:
    run = doc["runs"][0]
    assert (doc["version"], doc["$schema"]) == ("2.1.0", "https://json.schemastore.org/sarif-2.1.0.json")
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(json_alerts) > 30
    for result, alert in zip(run["results"], json_alerts, strict=True):
        assert result["ruleId"] == alert["rule"]
        assert rules[result["ruleIndex"]]["id"] == alert["rule"]
        assert result["level"] == LEVELS[alert["severity"]]
        remark = alert["message"] + (f" (also {', '.join(alert['also'])})" if alert["also"] else "")
        assert result["message"]["text"] == f"{remark}\nSuggestion: {alert['suggestion']}"
        location = result["locations"][0]["physicalLocation"]
        assert location["region"] == {"startLine": alert["line"], "startColumn": alert["column"],
                                      "endLine": alert["end_line"], "endColumn": alert["end_column"]}
        assert location["artifactLocation"]["uri"] == alert["path"].replace(" ", "%20").replace(",", "%2C").replace(
            ":", "%3A")
        assert result["properties"]["factor"] == alert["factor"]
        assert result["properties"].get("step") == alert["step"]
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert any("step" in r["properties"] for r in run["results"])  # the sequence's alerts are there


def test_sarif_describes_every_rule_that_ran(doc: dict[str, Any], workspace: Path) -> None:
    driver = doc["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("outreach-lint", "0.1.0")
    ran = {rule.id: rule for rule in load_rules([workspace / "team-rules"])}
    described = {rule["id"]: rule for rule in driver["rules"]}
    assert list(described) == sorted(described)
    assert set(described) == {*ran, "unused-suppression"}  # it was reported in this run
    for rule_id, rule in ran.items():
        assert described[rule_id]["shortDescription"]["text"] == rule.description
        assert described[rule_id]["fullDescription"]["text"] == rule.explain
        assert described[rule_id]["defaultConfiguration"]["level"] == LEVELS[rule.severity.label]
        assert described[rule_id]["properties"]["factor"] == rule.factor.value
    assert described["percent-off"]["defaultConfiguration"]["level"] == "error"


def test_unused_suppression_is_described_only_when_reported(doc: dict[str, Any], clean_doc: dict[str, Any]) -> None:
    assert any(r["ruleId"] == "unused-suppression" for r in doc["runs"][0]["results"])
    assert "unused-suppression" not in {r["id"] for r in clean_doc["runs"][0]["tool"]["driver"]["rules"]}


def test_sarif_columns_are_code_points(doc: dict[str, Any]) -> None:
    """The emoji (two UTF-16 units, one code point) comes before the alert; the region still covers the match."""
    line = EMOJI.splitlines()[2]
    found = {}
    for result in doc["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        if location["artifactLocation"]["uri"] == "drafts/emoji%20note.md" and location["region"]["startLine"] == 3:
            region = location["region"]
            found[result["ruleId"]] = line[region["startColumn"] - 1:region["endColumn"] - 1]
    assert found == {"buzzwords": "leverage", "percent-off": "percent off"}
    assert len(line[:line.index("leverage")].encode("utf-16-le")) // 2 == line.index("leverage") + 1  # 🎤 counts 2


def test_unreadable_files_are_tool_notifications(outputs: dict[str, Result], doc: dict[str, Any],
                                                 clean_doc: dict[str, Any]) -> None:
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [(n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            for n in invocation["toolExecutionNotifications"]] == [("error", "drafts/bad-utf8.md"),
                                                                   ("note", "drafts/empty.md")]
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("not valid UTF-8")
    assert invocation["toolExecutionNotifications"][1]["message"]["text"] == "empty file, skipped"
    assert outputs["sarif"].stderr == ("outreach-lint: note: drafts/empty.md: empty file, skipped\n"
                                       "outreach-lint: drafts/bad-utf8.md: not valid UTF-8 (bad byte at offset 12)\n")
    assert clean_doc["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def _line_starts(text: str, newlines: list[str]) -> list[int]:
    breaks = re.compile("|".join(re.escape(n) for n in sorted(newlines, key=len, reverse=True)))
    return [0, *(m.end() for m in breaks.finditer(text))]


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_sarif_fixes_make_the_same_edits_as_json(doc: dict[str, Any], json_alerts: list[dict[str, Any]],
                                                 workspace: Path) -> None:
    """Each SARIF fix, applied by line and column the way SARIF defines it, gives the text the JSON edits give."""
    run = doc["runs"][0]
    checked = 0
    for result, alert in zip(run["results"], json_alerts, strict=True):
        if alert["step"] is not None or alert["fix"] is None:
            assert "fixes" not in result  # a step's offsets are not offsets in its YAML file
            continue
        path = alert["path"]
        text = STDIN if path == "drafts/from-stdin.md" else (workspace / path).read_text(encoding="utf-8")
        starts = _line_starts(text, run["newlineSequences"])
        (change,) = result["fixes"][0]["artifactChanges"]
        assert change["artifactLocation"] == result["locations"][0]["physicalLocation"]["artifactLocation"]
        spans = []
        for replacement in change["replacements"]:
            region = replacement["deletedRegion"]
            spans.append((starts[region["startLine"] - 1] + region["startColumn"] - 1,
                          starts[region["endLine"] - 1] + region["endColumn"] - 1,
                          replacement.get("insertedContent", {}).get("text", "")))
        expected = _apply(text, [(e["start"], e["end"], e["replacement"]) for e in alert["fix"]["edits"]])
        assert _apply(text, spans) == expected
        assert result["fixes"][0]["description"]["text"] == alert["fix"]["title"]
        checked += 1
    assert checked >= 5


def test_artifact_uris() -> None:
    assert sarif.artifact_uri("drafts/café note.md") == "drafts/caf%C3%A9%20note.md"
    assert sarif.artifact_uri("../shared/a#1.md") == "../shared/a%231.md"
    assert sarif.artifact_uri("/srv/drafts/a b.md") == "file:///srv/drafts/a%20b.md"


# --- unix ----------------------------------------------------------------------------------------

def test_unix_lines_read_with_vims_errorformat(outputs: dict[str, Result], json_alerts: list[dict[str, Any]]) -> None:
    lines = outputs["unix"].stdout.splitlines()
    parsed = [ERRORFORMAT.fullmatch(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    got = [(m["file"], int(m["line"]), int(m["col"]), m["type"], m["text"].split("]")[0][1:]) for m in parsed if m]
    types = {"error": "e", "warning": "w", "suggestion": "i"}
    assert got == [(a["path"], a["line"], a["column"], types[a["severity"]], a["rule"]) for a in json_alerts]
    assert outputs["unix"].stderr == ("outreach-lint: note: drafts/empty.md: empty file, skipped\n"
                                      "outreach-lint: drafts/bad-utf8.md: not valid UTF-8 (bad byte at offset 12)\n")


def test_unix_line_is_exact_and_flat(outputs: dict[str, Result]) -> None:
    mine = [line for line in outputs["unix"].stdout.splitlines() if line.startswith("drafts/a,b:c.md:3:16:")]
    assert mine == ['drafts/a,b:c.md:3:16: error: [percent-off] Discount bait: "percent off", 100% off: really? '
                    "Second line. -- Drop the discount, and ask a question."]


def test_unix_stdin_takes_the_name_and_the_config_of_its_path(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / ".outreach-lint.yaml").write_text("rules: {premature-cta: off}\n", encoding="utf-8")
    named = invoke(tmp_path, ["check", "--format", "unix", "-", "--stdin-filename", "drafts/note.md"], STDIN)
    elsewhere = invoke(tmp_path, ["check", "--format", "unix", "-", "--stdin-filename", "other/note.md"], STDIN)
    assert named.stdout.startswith("drafts/note.md:3:")
    assert all(line.startswith("drafts/note.md:") for line in named.stdout.splitlines())
    assert "[premature-cta]" not in named.stdout
    assert "other/note.md:3:" in elsewhere.stdout and "[premature-cta]" in elsewhere.stdout


def test_stdin_fails_on_the_level_of_the_config_of_its_path(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / ".outreach-lint.yaml").write_text("fail_on: error\n", encoding="utf-8")
    named = invoke(tmp_path, ["check", "--format", "unix", "-", "--stdin-filename", "drafts/note.md"], STDIN)
    elsewhere = invoke(tmp_path, ["check", "--format", "unix", "-", "--stdin-filename", "other/note.md"], STDIN)
    assert "warning: [premature-cta]" in named.stdout and "warning: [premature-cta]" in elsewhere.stdout
    assert (named.exit_code, elsewhere.exit_code) == (0, 1)


# --- github --------------------------------------------------------------------------------------

def _unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def test_github_commands_carry_every_alert(outputs: dict[str, Result], json_alerts: list[dict[str, Any]]) -> None:
    lines = [line for line in outputs["github"].stdout.splitlines() if "title=outreach-lint (" in line]
    assert len(lines) == len(json_alerts)
    for line, alert in zip(lines, json_alerts, strict=True):
        command = WORKFLOW_COMMAND.fullmatch(line)
        assert command, line
        props = dict(pair.split("=", 1) for pair in command["props"].split(","))
        assert command["command"] == COMMANDS[alert["severity"]]
        assert _unescape(props["file"]) == alert["path"]
        assert _unescape(props["title"]) == f"outreach-lint ({alert['rule']})"
        assert (int(props["line"]), int(props["endLine"])) == (alert["line"], alert["end_line"])
        if alert["line"] == alert["end_line"]:
            assert (int(props["col"]), int(props["endColumn"])) == (alert["column"], alert["end_column"])
        else:
            assert "col" not in props and "endColumn" not in props
        remark = alert["message"] + (f" (also {', '.join(alert['also'])})" if alert["also"] else "")
        assert _unescape(command["data"]) == f"{remark}\n{alert['suggestion']}"
    assert {line.split(" ", 1)[0] for line in lines} == {"::error", "::warning", "::notice"}


def test_github_escapes_data_and_properties(outputs: dict[str, Result]) -> None:
    mine = [line for line in outputs["github"].stdout.splitlines() if "(percent-off)::" in line and "a%2Cb" in line]
    assert mine == ["::error file=drafts/a%2Cb%3Ac.md,line=3,col=16,endLine=3,endColumn=27,"
                    'title=outreach-lint (percent-off)::Discount bait: "percent off", 100%25 off: really?'
                    "%0ASecond line.%0ADrop the discount,%0Aand ask a question."]
    assert github.escape_property("50%,\r\n:") == "50%25%2C%0D%0A%3A"
    assert github.escape_data("50%,\r\n:") == "50%25,%0D%0A:"


def test_github_annotates_a_file_that_could_not_be_read(outputs: dict[str, Result]) -> None:
    errors = [line for line in outputs["github"].stdout.splitlines() if "title=outreach-lint::" in line]
    assert errors == ["::error file=drafts/bad-utf8.md,title=outreach-lint::not valid UTF-8 (bad byte at offset 12)",
                      "::notice file=drafts/empty.md,title=outreach-lint::empty file, skipped"]


def test_github_spans_over_lines_and_stdin_without_a_name() -> None:
    alert = Alert("length", Factor.RAPPORT, Severity.SUGGESTION, "Long.", "", 2, 5, 4, 1, "x")
    report = Report([FileReport("-", "email", "first-touch", (alert,), ("",), {}, 95),
                     FileReport("a.md", "email", "first-touch", (alert,), ("",), {}, 95)])
    assert github.render(report, False).splitlines() == [
        "::notice title=outreach-lint (length)::Long.",
        "::notice file=a.md,line=2,endLine=4,title=outreach-lint (length)::Long.",
    ]


# --- every format ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("paths", "code"), [(["examples/good"], 0), (["examples/bad/twitter-dm-demo.md"], 1),
                                             (["examples/good", "missing.md"], 2)], ids=["clean", "alerts", "error"])
def test_exit_codes_are_the_same_in_every_format(workspace: Path, paths: list[str], code: int) -> None:
    results = {fmt: invoke(workspace, ["check", "--format", fmt, *paths]) for fmt in FORMATS}
    assert {fmt: r.exit_code for fmt, r in results.items()} == dict.fromkeys(FORMATS, code)
    if code == 0:  # nothing to report: the editor and CI formats print nothing at all
        assert results["unix"].stdout == results["github"].stdout == ""
    if code == 2:  # the missing file is named on stderr; github also annotates it
        assert results["unix"].stdout == ""
        assert results["github"].stdout == "::error file=missing.md,title=outreach-lint::no such file or directory\n"


def test_the_realistic_run_exits_2_in_every_format(outputs: dict[str, Result]) -> None:
    assert {fmt: r.exit_code for fmt, r in outputs.items()} == dict.fromkeys(FORMATS, 2)
