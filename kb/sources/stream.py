"""A text export laid out in pieces, so a long file never has all its blocks in memory at once.

A 50 MB export is about a million lines and a few hundred thousand blocks; laid out whole, its
blocks and everything extracted from them grow with the file.  Here the file's lines are read
once (the decoded text: encodings are told from the whole file, kb.sources.text), what the layout
learns from the whole document is read from all its lines (page furniture, whether it writes one
paragraph a line, its metadata from the first lines), and the blocks are then built a piece of
about `piece_lines` lines at a time.  Pieces meet only where the layout restarts anyway
(kb.layout.parse.starts_afresh: a blank line, then a long plain paragraph), and one
`BlockBuilder` walks them in order, so the heading path, its dates and the list intros carry
across a boundary and the pieces' blocks are the blocks of the whole file.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.model import Block, Document
from kb.sources.base import SourceLine

PIECE_LINES = 2000  # lines a piece holds at least (about 150 KB of text, a thousand blocks or so: a parser
# process peaks at some 300 MB on one, 350 MB on twice as many)


def piece_lines() -> int:
    """Lines per piece: $KB_PIECE_LINES (tests force tiny pieces), else `PIECE_LINES`."""
    value = os.environ.get("KB_PIECE_LINES", "")
    return int(value) if value.isdigit() and int(value) > 0 else PIECE_LINES


@dataclass
class DocumentStream:
    """One text document: its `Document` (metadata; `blocks` left empty) and its text, laid out a
    piece at a time by `pieces()` (which can be walked more than once).

    The text is kept as one string per piece (its lines joined by newlines), not as a list of
    lines: a million short line objects would hold two to three times the file's size for as long
    as the file is ingested, one string a piece about its size (a byte a character for the
    Latin-1 text of most exports)."""

    doc: Document
    texts: list[str]  # each piece's lines, joined by "\n"
    furniture: list[int]  # indexes of page-furniture lines (sorted)
    dense: bool | str  # how a line break reads (kb.layout.parse.line_layout)
    cuts: list[int]  # the first line of each piece
    wrapped: bool = False  # a PDF-to-text tool's hard-wrapped output (kb.layout.parse.hard_wrapped)
    tails: tuple[str, ...] = ()  # running footers' text before the page number (kb.layout.parse.furniture_tails)
    parts: frozenset[str] = frozenset()  # question headlines it repeats (kb.layout.parse.repeated_question_titles)

    def pieces(self) -> Iterator[list[Block]]:
        """The document's blocks, piece by piece, in reading order."""
        from kb.extract.dates import doc_period
        from kb.layout.structure import BlockBuilder, raw_blocks

        meta = self.doc.meta
        builder = BlockBuilder(meta.doc_date(), doc_period(meta.period_start, meta.period_end))
        for start, text in zip(self.cuts, self.texts, strict=True):
            piece = text.split("\n")
            end = start + len(piece)
            lines = [SourceLine(text=t, line=start + k + 1, page=None) for k, t in enumerate(piece)]
            lo, hi = bisect.bisect_left(self.furniture, start), bisect.bisect_left(self.furniture, end)
            furniture = {i - start for i in self.furniture[lo:hi]}
            yield builder.blocks(raw_blocks(lines, furniture, self.dense, self.wrapped, self.tails, self.parts))


def open_text(path: Path, catalog: dict[str, dict] | None = None, sha256: str | None = None,
              doc_id: str | None = None, per_piece: int | None = None) -> DocumentStream:
    """A text export ready to be laid out in pieces of at least `per_piece` lines (default
    `piece_lines()`); raises SourceError with a one-line reason for a file that is not text (a
    file with no block of text is found so by whoever walks the pieces)."""
    from kb.layout.parse import (
        furniture_tails,
        hard_wrapped,
        line_layout,
        page_furniture,
        repeated_question_titles,
        starts_afresh,
    )
    from kb.sources import file_sha256
    from kb.sources.metadata import apply_catalog, catalog_entry, head_lines, infer_meta
    from kb.sources.text import read_text_lines

    texts = read_text_lines(path)
    doc_id = doc_id or path.stem
    wrapped = hard_wrapped(texts)
    limit = head_lines(wrapped)
    head = [SourceLine(text=t, line=i, page=None) for i, t in enumerate(texts[:max(200, limit)], start=1)]
    meta = infer_meta(path.stem, head, limit)  # from the first lines (it reads no further)
    meta.id = doc_id
    meta = apply_catalog(meta, catalog_entry(catalog or {}, path, doc_id))
    furniture = page_furniture(texts)
    per_piece = per_piece or piece_lines()
    cuts, prev, blank_from = [0], "", None
    for i, t in enumerate(texts):
        if not t.strip() or i in furniture:
            blank_from = i if blank_from is None else blank_from
            continue
        if blank_from is not None and blank_from - cuts[-1] >= per_piece and starts_afresh(prev, t):
            cuts.append(blank_from)  # the blank lines open the next piece (its first block's blank_before)
        prev, blank_from = t, None
    doc = Document(meta=meta, path=str(path), sha256=sha256 or file_sha256(path), source_kind="text",
                   pages=None, blocks=[])
    dense = line_layout(texts)
    tails = furniture_tails(texts, furniture)
    parts = repeated_question_titles(texts)
    pieces = ["\n".join(texts[start:end]) for start, end in zip(cuts, [*cuts[1:], len(texts)], strict=True)]
    del texts
    return DocumentStream(doc, pieces, sorted(furniture), dense, cuts, wrapped, tails, parts)
