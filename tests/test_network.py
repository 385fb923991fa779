"""Linting works offline: the pipeline and textstat's syllable dictionaries load from disk, never the network.

Only the tests here block sockets (through the `no_network` fixture); the rest of the suite is left alone.
"""

from __future__ import annotations

import socket

import pytest

from outreach_lint import lint_text
from outreach_lint.analysis import analyse
from outreach_lint.engine import lint_sources
from outreach_lint.message import build_message
from outreach_lint.reader import parse_source

HARD = (
    "Hi Sam,\n\n"
    "Notwithstanding considerable organisational heterogeneity, interdepartmental procurement reconciliation "
    "necessitates comprehensive documentation, particularly regarding multijurisdictional regulatory "
    "obligations and the corresponding administrative infrastructure. Consequently, institutional "
    "stakeholders frequently underestimate the operational complexity associated with retrospective "
    "verification of contractual commitments, especially whenever intermediary organisations "
    "simultaneously administer overlapping responsibilities across geographically distributed "
    "subsidiaries. Furthermore, the accompanying documentation requirements substantially complicate "
    "otherwise straightforward evaluation methodologies, and considerable organisational resources are "
    "consequently redirected toward compliance-oriented administrative activities rather than toward "
    "genuinely productive commercial initiatives that customers would appreciate.\n\n"
    "Best,\nAna\n"
)
EASY = "Hi Sam,\n\nI saw your post. The dog ran to the park. Did the new van help?\n\nBest,\nAna\n"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Make every IP connection and name lookup fail (Unix sockets still work); returns the attempts."""
    attempts: list[object] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        attempts.append(address)
        raise OSError(f"network access in a test: connect({address!r})")

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        family = kwargs.get("family", args[1] if len(args) > 1 else 0)
        if family == socket.AF_UNIX:
            return real_getaddrinfo(host, *args, **kwargs)
        attempts.append(host)
        raise socket.gaierror(f"network access in a test: getaddrinfo({host!r})")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def _clear_textstat_caches() -> None:
    """textstat caches its dictionaries per process; clear them so this test loads them under the block."""
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict, _get_pyphen

    for cached in (_get_cmudict.get_cmudict, _get_pyphen.get_pyphen, _count_syllables.count_syllables):
        cached.cache_clear()


def test_the_block_works(no_network: list[object]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("example.com", 80), timeout=1)
    assert no_network


def test_lint_and_reading_grade_offline(no_network: list[object], nlp, make_rule) -> None:
    _clear_textstat_caches()
    report = lint_text(HARD, channel="email")
    assert [f.path for f in report.files] == ["-"]
    assert 0 <= report.files[0].score <= 100

    hard, easy = analyse([build_message(parse_source(HARD, "-")), build_message(parse_source(EASY, "-"))], nlp)
    assert hard.grade > 14
    assert easy.grade < 6

    rule = make_rule("hard-to-read", "metric", limits=[{"figure": "grade", "above": 12}])
    graded = lint_sources([parse_source(HARD, "-"), parse_source(EASY, "-")], rules=[rule], nlp=nlp)
    assert [len(f.alerts) for f in graded.files] == [1, 0]
    assert no_network == []
