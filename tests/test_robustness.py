"""Bad input never prints a traceback, hangs or loses data, and one bad file never stops the others.

Each case lints a bad file beside a good one (`ok.md`, one buzzwords alert) and checks the one stderr
line, the exit code, and that the good file was still reported. Cases where a real process matters (a
FIFO, a catastrophic regex) run the installed script with a timeout, so a regression fails, not hangs.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.errors import OutreachLintError
from outreach_lint.fixer import write_atomically
from outreach_lint.rawinput import parse_size

SCRIPT = Path(sys.executable).parent / "outreach-lint"
OK = "Hi Sam,\n\nYour post on returns was sharp. We leverage data there too. Is it on your list?\n"
CLEAN = "Hi Ines,\n\nYour talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up?\n"
OK_ALERT = "ok.md:3:36: warning: [buzzwords]"


def _run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--format", "unix", *args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _script(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process; a hang fails the test after `timeout` seconds."""
    proc = subprocess.run([str(SCRIPT), "check", "--format", "unix", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, check=False, stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one good draft, as the current directory (so paths in messages are short)."""
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- errors: one line naming the file, exit 2, the other files still reported ----------------------


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("latin1.md", "Hé ".encode() + b"\xff there\n", "not valid UTF-8 (bad byte at offset 4)"),
    ("utf16-odd.md", b"\xff\xfeH\x00i", "not valid UTF-16-LE (bad byte at offset 4)"),
    ("utf32.md", b"\xff\xfe\x00\x00H\x00\x00\x00", "UTF-32 is not supported; save the file as UTF-8"),
    ("late-nul.md", b"Hi Sam,\n" + b"word " * 2000 + b"\x00\n", "looks like a binary file (contains NUL bytes)"),
])
def test_undecodable_file_is_one_error_line(work: Path, name: str, data: bytes, problem: str) -> None:
    (work / name).write_bytes(data)
    code, out, err = _run(name, "ok.md")
    assert code == 2
    assert err == f"outreach-lint: {name}: {problem}\n"
    assert OK_ALERT in out


def test_file_over_the_size_limit(work: Path) -> None:
    (work / "big.md").write_bytes(b"Hi Sam,\n\n" + b"x" * 99_992)  # 100,001 bytes: one over the default
    code, out, err = _run("big.md", "ok.md")
    assert code == 2
    assert err == "outreach-lint: big.md: 100,001 bytes, over the size limit of 100,000 bytes (--max-size raises it)\n"
    assert OK_ALERT in out
    (work / "mid.md").write_text("Hi Sam,\n\n" + "We leverage data. " * 200, encoding="utf-8")  # 3,609 bytes
    code, out, err = _run("--max-size", "3KB", "mid.md", "ok.md")
    assert code == 2
    assert err == "outreach-lint: mid.md: 3,609 bytes, over the size limit of 3,000 bytes (--max-size raises it)\n"
    code, out, err = _run("--max-size", "4KB", "mid.md")
    assert (code, err) == (1, "")
    assert "mid.md:3:4: warning: [buzzwords]" in out


def test_a_long_draft_is_linted_in_seconds_not_minutes(nlp: Any) -> None:
    """Nothing may grow with the square of a draft: before a fix, 1,000 sentences took two minutes."""
    from outreach_lint.engine import lint_sources
    from outreach_lint.reader import parse_source

    started = time.perf_counter()
    report = lint_sources([parse_source("Hi Sam,\n\n" + "We leverage our data. " * 1000, "long.md")], nlp=nlp)
    assert time.perf_counter() - started < 30
    assert report.files[0].alerts


@pytest.mark.parametrize(("text", "size"), [
    ("150000", 150_000), ("200KB", 200_000), ("200kb", 200_000), ("1MB", 1_000_000), ("1 MiB", 1_048_576),
    ("64KiB", 65_536), ("10k", 10_000),
])
def test_max_size_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["0", "-5", "1.5MB", "12XB", "MB", ""])
def test_max_size_rejects_what_is_not_a_size(work: Path, bad: str) -> None:
    code, _, err = _run("--max-size", bad, "ok.md")
    assert code == 2
    assert "Invalid value for '--max-size'" in err
    assert "Traceback" not in err


def test_standard_input_stops_reading_at_the_size_limit(work: Path) -> None:
    code, _, err = _run("--max-size", "1KB", "-", input=b"word " * 1000)
    assert (code, err) == (2, "outreach-lint: -: over the size limit of 1,000 bytes (--max-size raises it)\n")


def test_permission_denied(work: Path) -> None:
    locked = work / "locked.md"
    locked.write_text(OK, encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading (the next test fakes the denial)")
        code, out, err = _run("locked.md", "ok.md")
    finally:
        locked.chmod(0o644)
    assert code == 2
    assert err == "outreach-lint: locked.md: cannot read: Permission denied\n"
    assert OK_ALERT in out


def test_permission_denied_when_even_root_is_refused(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, a file system that refuses the open (a read-only NFS export, an LSM) is simulated."""
    (work / "locked.md").write_text(OK, encoding="utf-8")
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == "locked.md":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, out, err = _run("locked.md", "ok.md")
    assert code == 2
    assert err == "outreach-lint: locked.md: cannot read: Permission denied\n"
    assert OK_ALERT in out


def test_unreadable_directory_while_walking(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "drafts" / "private").mkdir(parents=True)
    (work / "drafts" / "private" / "x.md").write_text(OK, encoding="utf-8")
    (work / "drafts" / "ok.md").write_text(OK, encoding="utf-8")
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if isinstance(path, str | os.PathLike) and Path(path).name == "private":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, out, err = _run("drafts")
    assert code == 2
    assert err == f"outreach-lint: {Path('drafts', 'private')}: cannot read directory: Permission denied\n"
    assert "drafts/ok.md:3:36: warning: [buzzwords]" in out


def test_missing_path(work: Path) -> None:
    code, out, err = _run("nope.md", "ok.md", "gone/")
    assert code == 2
    assert err == ("outreach-lint: nope.md: no such file or directory\n"
                   "outreach-lint: gone/: no such file or directory\n")
    assert OK_ALERT in out


def test_fifo_named_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "walked").mkdir()
    os.mkfifo(tmp_path / "walked" / "pipe.md")
    result = _script("--no-config", "pipe.md", "ok.md", "walked", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "outreach-lint: pipe.md: not a regular file (a FIFO); only regular files are read\n"
        "outreach-lint: walked/pipe.md: not a regular file (a FIFO); only regular files are read\n")
    assert OK_ALERT in result.stdout


def test_a_device_is_not_read(work: Path) -> None:
    code, out, err = _run("/dev/zero", "ok.md")
    assert code == 2
    assert err == "outreach-lint: /dev/zero: not a regular file (a device); only regular files are read\n"
    assert OK_ALERT in out


def test_symlink_loops_and_broken_links(work: Path) -> None:
    drafts = work / "drafts"
    (drafts / "team").mkdir(parents=True)
    (drafts / "team" / "ok.md").write_text(OK, encoding="utf-8")
    (drafts / "team" / "up").symlink_to("..")  # a directory link to its parent: walked forever if followed
    (drafts / "loop").symlink_to("loop")
    (drafts / "a.md").symlink_to("b.md")
    (drafts / "b.md").symlink_to("a.md")
    (drafts / "gone.md").symlink_to("nowhere.md")
    code, out, err = _run("drafts", "drafts/loop")
    assert code == 2
    assert err == ("outreach-lint: drafts/a.md: cannot read: symbolic link loop\n"
                   "outreach-lint: drafts/b.md: cannot read: symbolic link loop\n"
                   "outreach-lint: drafts/gone.md: broken symbolic link (to nowhere.md)\n"
                   "outreach-lint: drafts/loop: cannot read: symbolic link loop\n")
    assert [line.split(" [")[0] for line in out.splitlines()] == ["drafts/team/ok.md:3:36: warning:"]  # once


def test_a_symlinked_directory_named_on_the_command_line_is_walked(work: Path) -> None:
    (work / "real").mkdir()
    (work / "real" / "ok.md").write_text(OK, encoding="utf-8")
    (work / "link").symlink_to("real")
    code, out, _ = _run("link")
    assert code == 1
    assert out.startswith("link/ok.md:3:36: warning: [buzzwords]")


# ---- rule packs: one line naming the rule file and line; a REGEX can never hang the run -------------

RULE = """id: {id}
type: pattern
factor: risk
severity: warning
description: "A rule for a robustness test."
explain: "Only here to load."
message: "found {{match}}"
suggest: "write something else"
patterns:
  - [{pattern}]
"""


def _pack(root: Path, rule_id: str, pattern: str, text: str | None = None) -> Path:
    (root / "rules").mkdir(exist_ok=True)
    (root / ".outreach-lint.yaml").write_text("packs: [rules]\n", encoding="utf-8")
    path = root / "rules" / f"{rule_id}.yaml"
    path.write_text(text if text is not None else RULE.format(id=rule_id, pattern=pattern), encoding="utf-8")
    return path


def _run_with_config(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["check", "--format", "unix", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("pattern", "problem"), [
    ('{LOWER: {REGEX: "(unclosed"}}', "REGEX '(unclosed' cannot be used: missing ): (unclosed"),
    ('{LOWER: {REGEX: "(a)\\\\1"}}', "REGEX '(a)\\1' cannot be used: invalid escape sequence: \\1 (rule patterns "
                                     "run under RE2, which has no lookarounds or backreferences)"),
    ('{LOWER: {REGEX: "call(?= me)"}}', "REGEX 'call(?= me)' cannot be used: invalid perl operator: (?= (rule "
                                        "patterns run under RE2, which has no lookarounds or backreferences)"),
    ('{LOWER: {REGEX: {NOT_IN: ["ok", "(?<!x)y"]}}}', "REGEX '(?<!x)y' cannot be used: invalid perl operator: (?<! "
                                                      "(rule patterns run under RE2, which has no lookarounds or "
                                                      "backreferences)"),
    ('{LENGTH: {REGEX: "3"}}', "LENGTH: REGEX works on text attributes only (ORTH, TEXT, LOWER, NORM, LEMMA, POS, "
                               "TAG, DEP, SHAPE, ENT_TYPE, ENT_ID, ENT_KB_ID, MORPH)"),
    ('{LOWER: {FUZZY: {REGEX: "x"}}}', "LOWER: REGEX goes directly under a token attribute, not inside FUZZY"),
    ('{_: {mine: true}}', "custom attributes ('_') are not available in rule patterns"),
])
def test_bad_regex_is_a_rule_error_naming_file_and_line(work: Path, pattern: str, problem: str) -> None:
    path = _pack(work, "bad-regex", pattern)
    code, out, err = _run_with_config("ok.md")
    assert code == 2
    assert err == f"outreach-lint: {path}:9: bad-regex: 'patterns': pattern 1: {problem}\n"
    assert out == ""


@pytest.mark.parametrize(("text", "problem"), [
    ("id: broken\ntype: pattern\n  factor: [risk\n", "3: invalid YAML: mapping values are not allowed here"),
    (RULE.format(id="broken", pattern='{LOWER: "x"}').replace("type: pattern", "type: regexp"),
     "2: broken: unknown type 'regexp' (expected one of: act, all, any, density, entities, link, list-items, marks, "
     "metric, pattern, phrase, placeholder, position, ratio, repeat, shouting, substitution)"),
    (b"\xff".decode("latin-1"), " cannot read rule file: not valid UTF-8 (bad byte at offset 0)"),
    ("", " empty rule file"),
])
def test_broken_rule_file_is_one_line(work: Path, text: str, problem: str) -> None:
    path = work / "rules" / "broken.yaml"
    _pack(work, "broken", "")
    path.write_bytes(text.encode("latin-1"))
    code, _, err = _run_with_config("ok.md")
    assert code == 2
    assert err == f"outreach-lint: {path}:{problem}\n"


def test_a_fifo_or_dangling_link_in_a_pack_is_an_error_not_a_hang(tmp_path: Path) -> None:
    _pack(tmp_path, "fine", '{LOWER: "synergy"}')
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    os.mkfifo(tmp_path / "rules" / "pipe.yaml")
    result = _script("ok.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"outreach-lint: {tmp_path / 'rules' / 'pipe.yaml'}: cannot read rule file: not a "
                             "regular file (a FIFO); only regular files are read\n")
    (tmp_path / "rules" / "pipe.yaml").unlink()
    (tmp_path / "rules" / "gone.yaml").symlink_to("nowhere.yaml")
    result = _script("ok.md", cwd=tmp_path)
    assert result.stderr == (f"outreach-lint: {tmp_path / 'rules' / 'gone.yaml'}: cannot read rule file: broken "
                             "symbolic link (to nowhere.yaml)\n")


def test_catastrophic_backtracking_regex_cannot_hang_the_linter(tmp_path: Path) -> None:
    # Under Python's re, `(a+)+$` on 5,000 a's and a "b" backtracks for longer than the universe has existed.
    _pack(tmp_path, "evil-regex", '{LOWER: {REGEX: "(a+)+$"}}')
    (tmp_path / "evil.md").write_text("Hi Sam,\n\n" + "a" * 5000 + "b is a long word. " + "a" * 30 + " too?\n",
                                      encoding="utf-8")
    result = _script("evil.md", cwd=tmp_path, timeout=90)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    assert "evil.md:3:5019: warning: [evil-regex] found " + "a" * 30 in result.stdout  # matches still match


REGEX_PATTERNS = [
    [{"LOWER": {"REGEX": "^synerg", "NOT_IN": ["synergies"]}}],
    [{"lower": {"regex": {"IN": ["^leverag", "^utiliz"]}}, "POS": "VERB"}],
    [{"TEXT": {"REGEX": {"NOT_IN": ["[a-z]"]}}, "IS_PUNCT": False}, {"LOWER": {"REGEX": "s$"}, "OP": "?"}],
]
REGEX_TEXTS = ["Synergy and synergies: we leverage data, utilize 42 tools and a leverage ratio.",
               "SYNERGISTIC teams utilized 3 APIs; leveraged buyouts are not synergy."]


@pytest.mark.parametrize("text", REGEX_TEXTS)
def test_re2_predicates_match_what_spacy_regex_matches(nlp: Any, text: str) -> None:
    """The RE2 rewrite finds exactly the spans spaCy's own (Python re) REGEX finds, IN / NOT_IN and OP included."""
    from spacy.matcher import Matcher

    from outreach_lint.checks.matching import Matchers

    native = Matcher(nlp.vocab)
    native.add("native", REGEX_PATTERNS, greedy="LONGEST")
    doc = nlp(text)
    expected = sorted((s, e) for _, s, e in native(doc))
    ours = Matchers(nlp, patterns=REGEX_PATTERNS)
    assert expected
    assert [(span.start, span.end) for span in ours.find(doc)] == expected


def test_regex_in_dependency_patterns(make_rule: Any, lint: Any) -> None:
    rule = make_rule("regex-dep", "pattern", dependency=[[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"REGEX": "^leverag"}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": {"REGEX": "obj$"}}},
    ]])
    assert lint("We leverage data daily.", rule) == ["1:4 regex-dep"]


# ---- skipped with a note: exit code unaffected ------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "why"), [
    ("empty.md", b"", "empty file"),
    ("bom-only.md", b"\xef\xbb\xbf", "empty file"),
    ("blank.md", b"  \n\t\r\n\n", "whitespace-only file"),
    ("blank16.md", b"\xff\xfe \x00\n\x00", "whitespace-only file"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (NUL bytes)"),
    ("late.md", b"Hi\n" * 2000 + b"\x00", "binary file (NUL bytes)"),  # within the first 8,000 bytes
])
def test_nothing_to_lint_is_a_note_and_leaves_the_exit_code(work: Path, name: str, data: bytes, why: str) -> None:
    (work / name).write_bytes(data)
    (work / "clean.md").write_text(CLEAN, encoding="utf-8")
    code, out, err = _run(name, "clean.md")
    assert (code, out) == (0, "")
    assert err == f"outreach-lint: note: {name}: {why}, skipped\n"
    code, _, err = _run(name)  # alone: no "no message files found" warning on top
    assert (code, err) == (0, f"outreach-lint: note: {name}: {why}, skipped\n")
    code, out, _ = _run(name, "ok.md")
    assert code == 1
    assert OK_ALERT in out


def test_fix_and_diff_note_skipped_files_too(work: Path) -> None:
    (work / "empty.md").write_bytes(b"")
    code, _, err = _run("--diff", "empty.md", "ok.md")
    assert code == 1
    assert err.startswith("outreach-lint: note: empty.md: empty file, skipped\n")
    code, _, err = _run("--fix", "empty.md", "ok.md")
    assert code == 0
    assert err == "Fixed 1 alert in 1 file.\noutreach-lint: note: empty.md: empty file, skipped\n"
    assert (work / "empty.md").read_bytes() == b""


def test_skipped_files_are_not_in_the_json_report(work: Path) -> None:
    (work / "empty.md").write_bytes(b"")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--format", "json", "empty.md", "ok.md"])
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["ok.md"]
    assert result.exit_code == 1


# ---- read normally: encodings, line endings, tabs, emoji and combining marks keep columns right ----

BODY = "Your post on returns was sharp. We leverage data there too. Is it on your list?"


@pytest.mark.parametrize(("data", "start", "end"), [
    (f"Hi Sam,\n\n{BODY}\n".encode(), (3, 36), (3, 44)),
    (f"Hi Sam,\r\n\r\n{BODY}\r\n".encode(), (3, 36), (3, 44)),
    (b"\xef\xbb\xbf" + f"Hi Sam,\n\n{BODY}\n".encode(), (3, 36), (3, 44)),
    (b"\xff\xfe" + f"Hi Sam,\r\n\r\n{BODY}\r\n".encode("utf-16-le"), (3, 36), (3, 44)),
    (b"\xfe\xff" + f"Hi Sam,\n\n{BODY}\n".encode("utf-16-be"), (3, 36), (3, 44)),
    (b"Hi Sam,\n\r\nYour post on returns was sharp.\rWe leverage data. Is it on your list?\r\n",
     (4, 4), (4, 12)),
    (b"Hi Sam,\n\nYour post on returns was sharp.\tWe leverage data. Is it on your list?\n", (3, 36), (3, 44)),
    ("Hi Sam 👋,\n\nYour post 🚀 on returns was sharp 👩‍👩‍👧. We leverage data. Is it on your list?\n".encode(),
     (3, 44), (3, 52)),
    ("Hi Sam,\n\nYour post on cafe\u0301 returns was sharp. We leverage data. Is it on your list?\n".encode(),
     (3, 42), (3, 50)),
    ("---\nchannel: email\r\n---\r\nHi Zoë,\r\n\r\n\tWe leverage data 😀. Is it on your list?\n".encode(),
     (6, 5), (6, 13)),
])
def test_alert_positions_survive_encodings_and_odd_characters(work: Path, data: bytes, start: tuple[int, int],
                                                              end: tuple[int, int]) -> None:
    (work / "draft.md").write_bytes(data)
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--format", "json", "draft.md"])
    assert result.stderr == ""
    alerts = json.loads(result.stdout)["files"][0]["alerts"]
    found = [(a["line"], a["column"], a["end_line"], a["end_column"], a["match"]) for a in alerts
             if a["rule"] == "buzzwords"]
    assert found == [(*start, *end, "leverage")]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_fix_writes_utf16_back_as_utf16_with_its_bom(work: Path, encoding: str) -> None:
    bom = "\ufeff".encode(encoding)
    draft = work / "draft.md"
    draft.write_bytes(bom + f"Hi Sam 👋,\r\n\r\n{BODY}\r\n".encode(encoding))
    code, _, err = _run("--fix", "draft.md")
    assert err == "Fixed 1 alert in 1 file.\n"
    assert code == 0
    assert draft.read_bytes() == bom + f"Hi Sam 👋,\r\n\r\n{BODY.replace('leverage', 'use')}\r\n".encode(encoding)


def test_fix_on_utf16_standard_input_prints_utf16(work: Path) -> None:
    data = b"\xff\xfe" + f"Hi Sam,\n\n{BODY}\n".encode("utf-16-le")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--fix", "-"], input=data)
    assert result.stdout_bytes == b"\xff\xfe" + f"Hi Sam,\n\n{BODY.replace('leverage', 'use')}\n".encode("utf-16-le")


# ---- --fix never loses data ---------------------------------------------------------------------------


def test_a_failed_write_leaves_that_draft_and_no_temporary_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "second.md").write_text(OK, encoding="utf-8")
    real_replace = os.replace

    def disk_full_for_ok(src: Any, dst: Any) -> None:
        if Path(dst).name == "ok.md":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", disk_full_for_ok)
    code, out, err = _run("--fix", "ok.md", "second.md")
    assert code == 2
    assert err == ("Fixed 1 alert in 1 file.\n"
                   "outreach-lint: ok.md: cannot write the fixes: No space left on device\n")
    assert (work / "ok.md").read_text(encoding="utf-8") == OK
    assert (work / "second.md").read_text(encoding="utf-8") == OK.replace("leverage", "use")  # the others go on
    assert sorted(p.name for p in work.iterdir()) == ["ok.md", "second.md"]
    assert OK_ALERT in out


def test_a_failing_fsync_is_an_error_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(OK, encoding="utf-8")

    def io_error(_fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", io_error)
    with pytest.raises(OutreachLintError, match="cannot write the fixes: Input/output error"):
        write_atomically(draft, "half", bom=False)
    assert draft.read_text(encoding="utf-8") == OK
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_ctrl_c_mid_write_leaves_the_draft_and_no_temporary_file(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(OK, encoding="utf-8")

    def interrupt(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(draft, "half", bom=False)
    assert draft.read_text(encoding="utf-8") == OK
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(work: Path) -> None:
    (work / "shared").mkdir()
    (work / "shared" / "real.md").write_text(OK, encoding="utf-8")
    (work / "linked.md").symlink_to("shared/real.md")
    code, _, _ = _run("--fix", "linked.md")
    assert code == 0
    assert (work / "linked.md").is_symlink()
    assert (work / "shared" / "real.md").read_text(encoding="utf-8") == OK.replace("leverage", "use")


def test_a_file_reached_twice_is_linted_and_fixed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "nag.md").write_text("Hi Jo,\n\nJust checking in on this!! Is it on your list?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run("drafts", "drafts/nag.md", "./drafts/nag.md", str(drafts / "nag.md"))
    assert code == 1
    assert out.splitlines() and all(line.startswith("drafts/nag.md:") for line in out.splitlines())
    assert len(out.splitlines()) == len(set(out.splitlines()))  # each alert once
    (tmp_path / "once.md").write_bytes((drafts / "nag.md").read_bytes())
    CliRunner().invoke(cli.main, ["check", "--no-config", "--fix", "once.md"])
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--fix", "drafts", "drafts/nag.md"])
    assert "in 1 file." in result.stdout, result.stdout
    assert (drafts / "nag.md").read_text(encoding="utf-8") == (tmp_path / "once.md").read_text(encoding="utf-8")
    assert "!!" not in (tmp_path / "once.md").read_text(encoding="utf-8")  # the fix did apply


def test_fix_keeps_reporting_unused_suppressions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lint after --fix runs with the first lint's options, --report-unused-suppressions included."""
    text = ("Hi Jo,\n\n<!-- outreach-lint: disable-next-line=pressure -->\n"
            "Your post on returns was sharp!! Is it on your list?\n")
    (tmp_path / "draft.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = _run("--report-unused-suppressions", "draft.md")[1]
    assert "[unused-suppression]" in before and "[hype]" in before
    code, out, _ = _run("--report-unused-suppressions", "--fix", "draft.md")
    assert "!!" not in (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "[unused-suppression]" in out and "[hype]" not in out
    assert code == 0  # what is left is a suggestion, below the default fail_on
    piped = _run("--report-unused-suppressions", "--fix", "-", input=text.encode())[1]
    assert "Your post on returns was sharp! Is it on your list?" in piped
