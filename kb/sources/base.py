"""What every source reader hands to the layout stage: lines of text with where they came from.

Both readers (text exports and PDFs) normalise to the same markdown-ish line conventions, so
one layout parser serves both and the two paths extract the same commitments:

- a heading or paragraph is one line (soft-wrapped lines are joined by the layout stage);
- list items start with "- " (nested: one leading space per level, " - ");
- table rows are cells joined by a tab; a cell may hold `<p>`/`<li>` fragments or "•" items;
- `**bold**` marks emphasis; blank lines separate blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.model import Position


class SourceError(Exception):
    """A file that cannot be read as a document; the message is one line naming the reason."""


@dataclass(frozen=True)
class SourceLine:
    text: str
    line: int | None  # 1-based line number in a text source, None for PDF
    page: int | None  # 1-based PDF page, None for text
    position: Position | None = None  # PDF only: where the line's passage is on its page
    furniture: bool = False  # a page's running footer or header, blanked out: a page broke here
