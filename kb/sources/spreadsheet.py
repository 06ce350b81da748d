"""A spreadsheet saved as comma-separated values and published as a text file: an action tracker
exported from Excel ("ID,Action,Owner,Due,Status,Comments"), its cells quoted where they hold
commas, quotes or line breaks, and every record padded with empty cells to the sheet's width
(",,,,,").  Read as such, each record is one line of tab-separated cells, as the text exports of
tables are, so that the layout reads its rows, its header and its key; a cell's own line breaks
become `<br>` (kb.layout.markup splits a cell there).  A text that is not such an export is left
as it is."""

from __future__ import annotations

import csv
import io

# A sheet has at least this many columns, and a text this many records, to be read as one: prose
# with a comma or two on each line never gives every line the same count of cells.
_MIN_COLUMNS = 3
_MIN_RECORDS = 5


def spreadsheet_lines(text: str) -> list[tuple[int, str]] | None:
    """Each record of a comma-separated export as (its first line's number, its cells joined by tabs),
    or None when the text is not such an export: every record (blank lines apart) must have the same
    number of cells, at least `_MIN_COLUMNS`, and some record must fill two of them.

    A record whose only filled cell is its first is a title or a paragraph when no table row stands
    beside it, and a row across the table (a group's title) when one does."""
    if "," not in text[:4096]:
        return None
    reader = csv.reader(io.StringIO(text))
    records: list[tuple[int, list[str]]] = []
    width = None
    try:
        start = 1
        for fields in reader:
            line = start
            start = reader.line_num + 1
            if not fields or not any(f.strip() for f in fields) and len(fields) <= 1:
                records.append((line, []))
                continue
            if width is None:
                width = len(fields)
            if len(fields) != width:
                return None
            records.append((line, fields))
    except csv.Error:
        return None
    filled = [sum(1 for f in r if f.strip()) for _, r in records]  # each record's filled cells
    if width is None or width < _MIN_COLUMNS or sum(1 for _, r in records if r) < _MIN_RECORDS or max(filled) < 2:
        return None
    out: list[tuple[int, str]] = []
    for k, (line, fields) in enumerate(records):
        cells = [" <br> ".join(p.strip() for p in f.split("\n") if p.strip()) for f in fields]
        beside_row = any(0 <= j < len(records) and filled[j] >= 2 for j in (k - 1, k + 1))
        if not any(cells):
            out.append((line, ""))
        elif filled[k] == 1 and cells[0] and not beside_row:
            out.append((line, cells[0]))
        else:
            while cells and not cells[-1]:
                cells.pop()
            out.append((line, "\t".join(cells) if len(cells) > 1 else cells[0] + "\t" * (width - 1)))
    return out
