"""Record filters shared by export (now) and search (later): document, year, owner, theme, kind, due."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kb.model import Commitment, DocumentMeta


class FilterError(ValueError):
    """A filter value that cannot be understood (a bad date): one line for the user."""


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


@dataclass
class Filters:
    query_words: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    due_before: str | None = None
    due_after: str | None = None

    @classmethod
    def from_args(cls, args) -> Filters:
        return cls(
            query_words=re.findall(r"\w+", (getattr(args, "query", None) or "").lower()),
            docs=list(getattr(args, "doc", []) or []),
            years=list(getattr(args, "year", []) or []),
            owners=[o.lower() for o in getattr(args, "owner", []) or []],
            themes=[t.lower() for t in getattr(args, "theme", []) or []],
            kinds=[k.lower() for k in getattr(args, "kind", []) or []],
            due_before=parse_date_bound(getattr(args, "due_before", None), "--due-before"),
            due_after=parse_date_bound(getattr(args, "due_after", None), "--due-after"),
        )

    def match(self, c: Commitment, meta: DocumentMeta | None) -> bool:
        if self.query_words:
            text = c.text.lower()
            if not all(w in text for w in self.query_words):
                return False
        if self.docs and c.doc_id not in self.docs:
            return False
        if self.years and not (meta and meta.date and int(meta.date[:4]) in self.years):
            return False
        if self.owners and not any(o in own.lower() for o in self.owners for own in c.owners):
            return False
        if self.themes and not any(t == th for t in self.themes for th in c.themes):
            return False
        if self.kinds and c.kind not in self.kinds:
            return False
        if self.due_before and not any((d.end or d.start or "9999") < self.due_before for d in c.due):
            return False
        if self.due_after and not any((d.start or d.end or "0000") > self.due_after for d in c.due):
            return False
        return True
