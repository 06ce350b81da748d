"""Targets: the measurable figures a commitment names, with their unit and subject."""

from __future__ import annotations

import re

from kb.model import Target

_FIGURE = re.compile(
    r"(?P<money>£\s?\d[\d,.]*\s?(?:bn|billion|m|million|k)?)"
    r"|(?P<percent>\d+(?:\.\d+)?\s?%)"
    r"|(?P<count>\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b)(?=\s+(?P<noun>[a-zA-Z][a-zA-Z-]+))",
)
_YEARISH = re.compile(r"^(?:19|20)\d{2}$")
_COUNT_NOUNS_SKIP = {"am", "pm", "th", "st", "nd", "rd", "of", "and", "to", "per", "week", "weeks", "days",
                     "day", "months", "month", "years", "year", "hours", "minutes", "x"}


def targets_for(text: str) -> list[Target]:
    """Percentages, sums of money and counts of things ("30%", "£6.3m", "fourteen" is not covered)."""
    out: list[Target] = []
    for m in _FIGURE.finditer(text):
        if m.group("money"):
            out.append(Target(m.group("money").replace(" ", ""), "money", _subject(text, m.end())))
        elif m.group("percent"):
            out.append(Target(m.group("percent").replace(" ", ""), "percent", _subject(text, m.end())))
        else:
            value, noun = m.group("count"), m.group("noun") or ""
            if _YEARISH.match(value) or noun.lower() in _COUNT_NOUNS_SKIP:
                continue
            out.append(Target(value, "count", noun))
    return out


def _subject(text: str, end: int) -> str:
    """A few words after the figure name what it measures ("30% ... of face to face outpatients")."""
    tail = re.findall(r"[A-Za-z][A-Za-z-]*", text[end:end + 60])
    return " ".join(tail[:4])
