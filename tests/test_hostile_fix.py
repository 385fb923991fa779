"""--fix never loses a byte: hostile drafts, files that change or are shared, links out of the tree.

Issue 13, "Data loss": each case drives the real model (the `warm` fixture) or the real command, and
checks that every byte outside the fixed spans survives, that a file edited or shared or read-only is
left as it is (with one line saying why), and that one file's failure never stops the others.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from outreach_lint import cli, engine, fixer
from outreach_lint.alert import Alert
from outreach_lint.engine import relinter
from outreach_lint.errors import InputError
from outreach_lint.fixer import apply_fixes, fix_until_stable
from outreach_lint.reader import LineMap, parse_source

LEVERAGE = "Hi Sam,\n\nYour post on returns was sharp. We leverage data there too. Is it on your list?\n"
USE = LEVERAGE.replace("leverage", "use")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--no-cache", "--format", "unix", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _alerts(text: str, nlp: Any) -> list[Alert]:
    return relinter(parse_source(text, "note.md"), None, None, nlp=nlp)(text)


def _fixed(text: str, nlp: Any) -> str:
    return fix_until_stable(text, relinter(parse_source(text, "note.md"), None, None, nlp=nlp)).text


def _offsets(text: str, alert: Alert) -> tuple[int, int]:
    starts = LineMap(text).starts
    return starts[alert.line - 1] + alert.column - 1, starts[alert.end_line - 1] + alert.end_column - 1


# ---- 1. the stock-opener deletion stops at its sentence ------------------------------------------

NEXT_PARAGRAPHS = [
    "**Bold** claim about your post on retros.",
    "- first item about your retros",
    "[Your post](https://x.com/p) on retros was sharp.",
    "# Heading",
    "<!-- note -->Your post on retros was sharp.",
    "{{company}} looks great.",
    "> quoted line",
]


@pytest.mark.parametrize("after", NEXT_PARAGRAPHS)
def test_opener_deletion_leaves_the_next_paragraph_byte_for_byte(warm: Any, after: str) -> None:
    text = f"Hi Sam, I hope this email finds you well.\n\n{after}\n"
    built = relinter(parse_source(text, "note.md"), None, None, nlp=warm, verify_fixes=False)
    assert any(a.rule == "cliche-opener" and a.fix for a in built(text))
    assert fix_until_stable(text, built).text == f"Hi Sam,\n\n{after}\n"
    # The fix check offers it only where the fixed draft raises no new alert ("# Heading" alone is now a
    # body that says nothing about the reader); offered or not, no byte of the next paragraph is lost.
    assert _fixed(text, warm) in (text, f"Hi Sam,\n\n{after}\n")


def test_opener_deletion_keeps_the_code_span_after_it(warm: Any) -> None:
    text = "I hope this email finds you well. `code` is here.\n"
    assert any(a.rule == "cliche-opener" and a.fix for a in _alerts(text, warm))
    assert _fixed(text, warm) == "`code` is here.\n"


def test_opener_deletion_never_cuts_a_merge_field(warm: Any) -> None:
    text = "Hi Sam,\n\n{{first_name}}, I hope this email finds you well.\n\nYour post on retros was sharp.\n"
    assert "{{first_name}}" in _fixed(text, warm)


# ---- 5. URLs and code spans are literal -------------------------------------------------------------

LITERALS = "https://x.com/HUGE!!/leverage", "`HUGE!!`", "`we leverage it`"


def test_urls_and_code_spans_get_no_alert_and_no_fix(warm: Any) -> None:
    text = ("Hi Sam,\n\nSee https://x.com/HUGE!!/leverage and `HUGE!!` here, or `we leverage it`. "
            "Your retro post was sharp. Is it on your list?\n")
    spans = [(text.index(lit), text.index(lit) + len(lit)) for lit in LITERALS]
    for alert in _alerts(text, warm):
        start, end = _offsets(text, alert)
        assert not any(s <= start and end <= e and (start, end) != (s, e) for s, e in spans), alert
        for edit in alert.fix.edits if alert.fix else ():
            assert not any(edit.start < e and s < edit.end for s, e in spans), alert
    fixed = _fixed(text, warm)
    assert all(lit in fixed for lit in LITERALS), fixed


def test_a_link_is_still_reported_as_a_link(warm: Any) -> None:
    text = "Hi Sam,\n\nBook a slot at https://calendly.com/sam/30min so we can talk. Your retro post was sharp.\n"
    assert any(a.match.startswith("https://calendly.com") for a in _alerts(text, warm))


# ---- 6. escaped subjects, and one failing re-lint ------------------------------------------------

ESCAPED = ('---\nsubject: "The \\"BEST\\" SYNERGY deal"\n---\n'
           "Hi Sam,\n\nYour post on retros was sharp. Is it on your list?\n")


def test_a_fix_in_an_escaped_subject_keeps_the_yaml_valid(warm: Any) -> None:
    fixed = _fixed(ESCAPED, warm)
    front = yaml.safe_load(fixed.split("---\n")[1])
    assert front["subject"].replace('"', "").lower() == "the best synergy deal"
    for alert in _alerts(ESCAPED, warm):
        for edit in alert.fix.edits if alert.fix else ():
            # an edit lands on exactly the characters it names: never on an escape's backslash
            assert "\\" not in ESCAPED[edit.start : edit.end], alert


def test_escaped_subject_with_diff_and_fix_beside_other_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             warm: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Path("escaped.md").write_text(ESCAPED, encoding="utf-8")
    Path("ok.md").write_text(LEVERAGE, encoding="utf-8")
    code, out, err = _run("--diff", "escaped.md", "ok.md")
    assert code == 1 and "+Your post on returns was sharp. We use data" in out, err
    _run("--fix", "escaped.md", "ok.md")
    assert Path("ok.md").read_text(encoding="utf-8") == USE
    yaml.safe_load(Path("escaped.md").read_text(encoding="utf-8").split("---\n")[1])


def test_a_failed_relint_skips_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Path("broken.md").write_text(LEVERAGE, encoding="utf-8")
    Path("ok.md").write_text(LEVERAGE, encoding="utf-8")
    real = engine.relinter

    def failing(source: Any, *args: Any, **kwargs: Any) -> Any:
        lint = real(source, *args, **kwargs)
        if source.path != "broken.md":
            return lint

        def run(text: str) -> list[Alert]:
            if text != source.text:
                raise InputError(source.path, "front matter: broken by a fix", 2)
            return lint(text)
        return run

    monkeypatch.setattr(engine, "relinter", failing)
    for flag in ("--diff", "--fix"):
        code, _, err = _run(flag, "broken.md", "ok.md")
        assert code == 2
        assert err.count("broken.md") == 1 and "outreach-lint: broken.md:2: " in err, err
        assert "Traceback" not in err
    assert Path("broken.md").read_text(encoding="utf-8") == LEVERAGE
    assert Path("ok.md").read_text(encoding="utf-8") == USE


# ---- 2. lost update -------------------------------------------------------------------------------


def test_a_draft_edited_after_it_was_read_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             warm: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Path("busy.md").write_text(LEVERAGE, encoding="utf-8")
    Path("ok.md").write_text(LEVERAGE, encoding="utf-8")
    real = fixer.fix_until_stable
    saved: list[str] = []

    def edit_meanwhile(text: str, lint: Any, *rest: Any) -> Any:
        result = real(text, lint, *rest)
        if not saved:  # the writer saves busy.md while --fix works
            saved.append("P.S. Saved while the fixer ran.\n")
            with open("busy.md", "a", encoding="utf-8") as handle:
                handle.write(saved[0])
        return result

    monkeypatch.setattr(fixer, "fix_until_stable", edit_meanwhile)
    code, _, err = _run("--fix", "busy.md", "ok.md")
    assert code == 2
    assert Path("busy.md").read_text(encoding="utf-8") == LEVERAGE + "P.S. Saved while the fixer ran.\n"
    assert [line for line in err.splitlines() if "busy.md" in line] == [
        "outreach-lint: busy.md: changed since it was read; not fixed (run --fix again)"]
    assert Path("ok.md").read_text(encoding="utf-8") == USE


# ---- 3. the file's identity -----------------------------------------------------------------------


def test_fix_keeps_owner_group_and_extended_attributes(tmp_path: Path, warm: Any) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(LEVERAGE, encoding="utf-8")
    os.chmod(draft, 0o640)
    try:
        os.setxattr(draft, "user.origin", b"crm-export")
    except OSError:
        pytest.skip("no user extended attributes on this file system")
    owner = (4321, 4322) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(draft, *owner)
    _run("--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == USE
    status = draft.stat()
    assert (status.st_uid, status.st_gid) == owner
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert os.getxattr(draft, "user.origin") == b"crm-export"


def test_a_read_only_draft_is_skipped_with_a_note(tmp_path: Path, warm: Any) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(LEVERAGE, encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text(LEVERAGE, encoding="utf-8")
    os.chmod(draft, 0o444)
    code, out, err = _run("--fix", str(draft), str(other))
    assert draft.read_text(encoding="utf-8") == LEVERAGE
    assert stat.S_IMODE(draft.stat().st_mode) == 0o444
    assert f"outreach-lint: note: {draft}: read-only; not fixed, skipped\n" in err
    assert other.read_text(encoding="utf-8") == USE
    assert code == 1 and "buzzwords" in out  # what is left is still reported


def test_a_hard_linked_draft_is_fixed_in_place_and_stays_linked(tmp_path: Path, warm: Any) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(LEVERAGE, encoding="utf-8")
    twin = tmp_path / "twin.md"
    os.link(draft, twin)
    inode = draft.stat().st_ino
    _run("--fix", str(draft))
    assert draft.stat().st_ino == inode and draft.stat().st_nlink == 2
    assert twin.read_text(encoding="utf-8") == USE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md", "twin.md"]


# ---- 4. links out of the tree ---------------------------------------------------------------------

SECRET = "Hi Sam,\n\nWe leverage TOKEN-8c1f data. Is it on your list?\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """repo/ (a repository, the cwd) with ok.md and drafts/out.md, a link to ../outside/secret.md."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text(SECRET, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "ok.md").write_text(LEVERAGE, encoding="utf-8")
    (repo / "drafts" / "out.md").symlink_to(tmp_path / "outside" / "secret.md")
    monkeypatch.chdir(repo)
    return tmp_path


@pytest.mark.parametrize("named", [["."], ["drafts"], ["drafts/out.md", "ok.md"]], ids=" ".join)
def test_a_link_out_of_the_tree_is_not_read_echoed_or_fixed(tree: Path, named: list[str], warm: Any) -> None:
    code, out, err = _run("--fix", *named)
    assert (tree / "outside" / "secret.md").read_text(encoding="utf-8") == SECRET
    assert "TOKEN" not in out + err
    assert "outreach-lint: note: " in err and "out.md: symbolic link out of the linted tree" in err, err
    assert code in (0, 1)
    if "ok.md" in named or "." in named:
        assert Path("ok.md").read_text(encoding="utf-8") == USE


def test_follow_external_links_opts_in(tree: Path, warm: Any) -> None:
    _run("--fix", "--follow-external-links", "drafts/out.md")
    assert (tree / "outside" / "secret.md").read_text(encoding="utf-8") == SECRET.replace("leverage", "use")
    assert (tree / "repo" / "drafts" / "out.md").is_symlink()
    assert "--follow-external-links" in CliRunner().invoke(cli.main, ["check", "--help"]).stdout


def test_a_link_inside_the_tree_still_works(tree: Path, warm: Any) -> None:
    (tree / "repo" / "shared").mkdir()
    (tree / "repo" / "shared" / "real.md").write_text(LEVERAGE, encoding="utf-8")
    (tree / "repo" / "drafts" / "in.md").symlink_to("../shared/real.md")
    _run("--fix", "drafts/in.md")
    assert (tree / "repo" / "shared" / "real.md").read_text(encoding="utf-8") == USE


# ---- 7. the property: nothing outside the fixed spans changes -------------------------------------

MARKUP = ["{{company}}", "{{first_name}}", "<!-- note -->", "`code`", "`HUGE!!`", "[Your post](https://x.com/p)",
          "https://x.com/HUGE!!/leverage", "**Bold**", "\n- ", "\n# ", "\n> ", "\n\n", "\n", " "]
PROSE = ["Hi Sam, ", "I hope this email finds you well.", "We leverage data.", "It is HUGE!!", "Just checking in!!",
         "Your post on retros was sharp.", "THIS IS A BIG DEAL.", "Is it on your list?", "Thanks,\nDana"]
PAIRS = (("**", "**"), ("`", "`"), ("[", "]"), ("{{", "}}"), ("<!--", "-->"))
LINE_MARKERS = ("- ", "# ", "> ")


def _kept_in_order(before: str, after: str, spans: list[tuple[int, int]]) -> bool:
    """Every character of `before` outside the spans is in `after`, in order; the ends exactly."""
    kept, pos = [], 0
    for start, end in sorted(spans):
        kept.append(before[pos:max(pos, start)])
        pos = max(pos, end)
    kept.append(before[pos:])
    if not (after.startswith(kept[0]) and after.endswith(kept[-1])):
        return False
    at = len(kept[0])
    for piece in kept[1:]:
        found = after.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def _cuts_markup(text: str, start: int, end: int, replacement: str) -> str | None:
    """The markup an edit would break: half of a pair, or a line marker without the rest of its line."""
    removed = text[start:end]
    for opener, closer in PAIRS:
        lost_open = removed.count(opener) - replacement.count(opener)
        lost_close = removed.count(closer) - replacement.count(closer)
        if (lost_open % 2 if opener == closer else lost_open - lost_close):
            return opener
    for n in range(start, end):
        if (n == 0 or text[n - 1] == "\n") and text.startswith(LINE_MARKERS, n) and n + 2 <= end:
            line_end = text.find("\n", n)
            if end < (len(text) if line_end < 0 else line_end):
                return text[n : n + 2]
    return None


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(st.sampled_from(MARKUP + PROSE), min_size=1, max_size=14).map("".join))
@example("Hi Sam, I hope this email finds you well.\n\n{{company}} looks great.")
@example("Hi Sam, I hope this email finds you well.\n\n**Bold** claim.")
@example("I hope this email finds you well. `code` is here.")
def test_fix_changes_nothing_outside_its_spans(warm: Any, text: str) -> None:
    try:
        source = parse_source(text, "note.md")
    except InputError:
        return
    lint = relinter(source, None, None, nlp=warm)
    current = text
    for _ in range(fixer.MAX_PASSES):  # fix_until_stable, one pass at a time, each pass checked
        alerts = lint(current)
        edits = [e for a in alerts if a.fix for e in a.fix.edits]
        for edit in edits:
            assert _cuts_markup(current, edit.start, edit.end, edit.replacement) is None, (current, edit)
        result = apply_fixes(current, alerts)
        assert _kept_in_order(current, result.text, [(e.start, e.end) for e in edits]), (current, result.text)
        if result.applied == 0 or result.text == current:
            break
        current = result.text
