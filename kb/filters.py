"""Filter option values from the command line: the kinds, dates for --due-before / --due-after."""

from __future__ import annotations

import re
from datetime import date

# A record's kinds (kb.model.Commitment.kind): the four kinds of commitment, and passages kept as evidence.
KINDS = ("commitment", "target", "milestone", "decision", "evidence")


class FilterError(ValueError):
    """A filter value that cannot be understood (a bad date): one line for the user."""


def parse_confidence(value: str | None, flag: str) -> float | None:
    """'0.6' -> 0.6 (a number from 0 to 1); None stays None."""
    if value is None:
        return None
    try:
        x = float(value)
    except ValueError:
        raise FilterError(f"{flag}: '{value}' is not a number (use 0 to 1, e.g. 0.6)") from None
    if not 0.0 <= x <= 1.0:
        raise FilterError(f"{flag}: {value} is outside 0 to 1")
    return x


def parse_date_bound(value: str | None, flag: str) -> str | None:
    """'2020', '2020-04' or '2020-04-01' -> ISO date (first day); None stays None."""
    if value is None:
        return None
    m = re.fullmatch(r"((?:19|20)\d{2})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not m:
        raise FilterError(f"{flag}: '{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).isoformat()
    except ValueError as exc:
        raise FilterError(f"{flag}: '{value}' is not a date ({exc})") from None
