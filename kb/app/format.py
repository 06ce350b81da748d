"""Small text helpers shared by the app's screens."""

from __future__ import annotations

from rich.markup import escape

from kb.index.search import HL_END, HL_START


def highlight_markup(text: str) -> str:
    """Search highlights (HL_START/HL_END markers) as Rich markup."""
    return escape(text).replace(HL_START, "[b reverse]").replace(HL_END, "[/]")


def due_text(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    if start and end and start[:7] == end[:7]:
        return start[:7]
    return f"{(start or '…')[:7]}→{(end or '…')[:7]}"
