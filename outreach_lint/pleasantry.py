"""Which sentences only open or close a message ("Hope all is well", "Looking forward to hearing from you").

RULES.md counts such pleasantries, and content-free thank-yous for connecting, as part of the greeting or
the closing: they never count toward a body figure. Judged on lemmas, so paraphrases count too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

WELLBEING = {
    "well", "good", "great", "fine", "wonderful", "successful", "safe", "healthy", "epic", "lovely",
    "fantastic", "awesome", "productive", "nice", "enjoy", "amazing", "smoothly", "find",
}
CONNECT_WORDS = {"connect", "connection", "follow", "accept", "add", "invite", "invitation", "request", "network"}
GLAD = {"great", "glad", "nice", "good", "happy", "pleased", "excited", "thrilled", "delighted", "appreciate"}
THANK = {"thank", "thanks", "appreciate"}
CLOSING_THANKS = {"advance", "time", "consideration", "reading", "again", "help", "attention", "patience"}
DAY_WORDS = {"day", "week", "weekend", "evening", "morning", "afternoon", "holiday", "friday", "monday", "year"}
APOLOGY = {"sorry", "apology", "apologies", "apologise", "apologize", "pardon"}
INTRUSION = {"bother", "surprise", "intrusion", "intrude", "unsolicited", "cold", "random", "interrupt", "disturb"}


def _words(sentence: Span) -> list[str]:
    return [t.lemma_.lower() for t in sentence if not (t.is_punct or t.is_space)]


def is_opening(sentence: Span) -> bool:
    words = _words(sentence)
    lowered = {t.lower_ for t in sentence}
    n = len(words)
    if not words:
        return True
    if words[0] in ("hope", "i") and "hope" in words[:2] and (lowered & WELLBEING or set(words) & WELLBEING):
        return True
    if words[0] == "how" and n <= 7 and set(words[1:3]) & {"be", "go", "have", "'s"}:
        return True
    if set(words) & THANK | (lowered & THANK) and set(words) & CONNECT_WORDS and n <= 10:
        return True
    if (set(words) & GLAD or lowered & GLAD) and set(words) & CONNECT_WORDS and n <= 10:
        return True
    if words[0] == "happy" and n <= 5 and (set(words) & DAY_WORDS or "new" in words):
        return True
    if (set(words) & APOLOGY or lowered & APOLOGY) and (lowered & INTRUSION or set(words) & INTRUSION) and n <= 12:
        return True
    return bool(
        "know" in words[:3] and lowered & {"busy", "inbox", "swamped", "slammed"} and n <= 16
    )


def is_closing(sentence: Span) -> bool:
    words = _words(sentence)
    lowered = {t.lower_ for t in sentence}
    n = len(words)
    if not words:
        return True
    if "look" in words and "forward" in words and n <= 12:
        return True
    if (set(words) & THANK or lowered & THANK) and (n <= 3 or (set(words) & CLOSING_THANKS and n <= 14)):
        return True
    if "have" in words and set(words) & DAY_WORDS and n <= 10 and (set(words) & WELLBEING or lowered & GLAD):
        return True
    if words[0] in ("wish", "wishing", "i") and "wish" in words[:2] and n <= 12:
        return True
    return " ".join(words[:2]) in ("take care", "talk soon", "speak soon", "enjoy your") and n <= 6
