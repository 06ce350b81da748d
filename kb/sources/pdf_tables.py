"""Tables without rulings: columns of words that line up across rows, found from the text alone.

Spreadsheets printed to PDF, action plans typed with tab stops and many report tables draw no
lines between cells; without this module their cells are read as one long line a row, or as text
columns that tear each row apart.  A run of lines becomes a table only on strong evidence, because
two- and three-column pages, hanging-indent lists and label-value blocks also line up:

- a white gutter (wider than a word space) crosses every line of the run, and each gutter has text
  on both of its sides in at least three lines;
- at least three rows, of which at least three hold text in two or more columns;
- the cells are not running prose: no column reads on from one row into the next (a lower-case
  start under a line that does not end a sentence), not every column is full lines of words, and
  a column of full lines beside short ones (a side panel) does not run on over its rows' ends;
- a first column of bullets or numbers ("1.", "(a)", "4.1", "•") beside one column of text is a list
  or numbered paragraphs with hanging indents, and a first column of "Label:" cells is a
  label-value block: neither is a table.

Rows: a table whose rows are set apart by white space is cut at those gaps; otherwise a row starts
where two or more columns start text (unless every such cell starts in lower case, a wrapped line,
or the lines are bold, a header's cells wrapping), where the first column has text again under a
line without, or where bold (a header) gives way to plain text.  A cell's lines stay together and
are joined by the same rules as a ruled table's.  A table at the foot of a page goes on at the head
of the next in the same columns (`open_table`, then `find_aligned_tables(carry=...)`), and a row
whose cells go on in lower case there is the same row.

The tables are returned as the reader's `_Table`s, so they are emitted like ruled ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.layout.parse import ends_with_connector
from kb.sources.pdf import (
    _CID,
    _GLYPHS,
    _NUMBERED,
    MARGIN_ZONE,
    _ends_sentence,
    _group_lines,
    _Line,
    _marks_only,
    _Table,
    _Word,
)

_CELL_GAP = 1.0  # ems: a white gap at least this wide between two words may be a column gutter
_MIN_GUTTER = 0.8  # ems: the white band that all the lines of a table share must stay this wide
_FLUSH_GUTTER = 0.6  # ems: a narrower band will do when the column right of it starts flush at one x
_FLUSH = 0.5  # points: words whose left edges are this close start at one x (a column's edge)
_MAX_LEAD = 2.6  # ems from one line's top to the next's beyond which a table ends
_MAX_CELL_LEAD = 4.5  # ems: a wider white gap a table spans when the line after it is plainly its own
_ROW_GAP = 0.35  # ems of extra spacing over the table's tightest line pitch that separate rows
_MIN_ROWS = 3
_CARRIED_GUTTER = 0.5  # ems: the white a table carried over from the page before keeps left of each column


@dataclass
class _Candidate:
    lines: list[_Line]
    gutters: list[tuple[float, float]]


def _gaps(line: _Line) -> list[tuple[float, float]]:
    """The white gaps between a line's words wide enough to be gutters."""
    out = []
    for a, b in zip(line.words, line.words[1:], strict=False):
        if b.x0 - a.x1 >= _CELL_GAP * max(a.size, b.size, 1.0):
            out.append((a.x1, b.x0))
    return out


def _narrow(gutters: list[tuple[float, float]], line: _Line, min_width: float) -> list[tuple[float, float]] | None:
    """The gutters left white by this line too, or None when the line crosses one of them."""
    out = []
    for g0, g1 in gutters:
        pieces = [(g0, g1)]
        for w in line.words:
            nxt = []
            for p0, p1 in pieces:
                if w.x1 <= p0 or w.x0 >= p1:
                    nxt.append((p0, p1))
                    continue
                if w.x0 > p0:
                    nxt.append((p0, w.x0))
                if w.x1 < p1:
                    nxt.append((w.x1, p1))
            pieces = nxt
        pieces = [p for p in pieces if p[1] - p[0] >= min_width]
        if not pieces:
            return None
        out += pieces  # a word inside a gutter may split it into two (a narrow column between)
    return out


def _white(lines: list[_Line]) -> list[tuple[float, float]]:
    """The white bands that no word of the lines covers, between their leftmost and rightmost words
    (narrower ones too where the column right of them starts flush: `_flush`)."""
    spans = sorted((w.x0, w.x1) for ln in lines for w in ln.words)
    size = max(min(ln.size for ln in lines), 1.0)
    out = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= _MIN_GUTTER * size or (x0 - reach >= _FLUSH_GUTTER * size and _flush(lines, x0)):
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _flush(lines: list[_Line], x: float) -> bool:
    """Words of different widths start at `x` on three lines or more: the left edge of a column of
    cells, as an office tool sets every cell's text a padding in from its border (figures set flush
    right and as wide as each other start at one x too, but also end at one x)."""
    ends = [w.x1 for ln in lines for w in ln.words if abs(w.x0 - x) <= _FLUSH]
    return len(ends) >= _MIN_ROWS and max(ends) - min(ends) > 1.0


def _narrow_flush(cand: _Candidate) -> bool:
    """Every gutter of the candidate narrower than _MIN_GUTTER has a flush column right of it."""
    size = max(cand.lines[0].size, 1.0)
    return all(g1 - g0 >= _MIN_GUTTER * size or _flush(cand.lines, g1) for g0, g1 in cand.gutters)


def _own_line(run: list[_Line], gutters: list[tuple[float, float]], line: _Line) -> bool:
    """After a wide white gap, `line` still belongs to the table of `run`: it starts text in two
    columns or more (the next row: a top-aligned row's cells all start on its first line), or it
    lies in one column other than the first, starting at that column's left edge (the next
    paragraph of a cell whose neighbours have ended).  A heading or a paragraph under the table
    does neither: it starts in the first column alone, or runs across the gutters."""
    cuts = [(g0 + g1) / 2 for g0, g1 in gutters]
    used = [c for c, words in enumerate(_columns_of(line, cuts)) if words]
    if len(used) >= 2:
        return True
    if not used or used[0] == 0:
        return False
    size = max(line.size, 1.0)
    lefts = [words[0].x0 for ln in run if (words := _columns_of(ln, cuts)[used[0]])]
    if lefts and abs(line.x0 - min(lefts)) <= 0.5 * size:
        return True
    # or at an edge where the run's cells start text, though narrow gutters merged that column with
    # its neighbour (a "Progress" column beside a one-word "Achieved?" column): a cell's next paragraph
    return sum(1 for ln in run if any(abs(w.x0 - line.x0) <= 0.5 * size and (k == 0 or w.x0 - ln.words[k - 1].x1
                                                                               >= _CELL_GAP * size)
                                      for k, w in enumerate(ln.words))) >= _MIN_ROWS


def _grow(lines: list[_Line], start: int, min_gutter: float = _MIN_GUTTER) -> _Candidate | None:
    """The longest run of lines from `start` that keeps the white gutters of its first line (each
    at least `min_gutter` ems wide).  A gap wider than a table's usual leading (a cell's paragraphs
    set apart, padding between rows) is spanned when the line after it is plainly the table's own
    (`_own_line`)."""
    first = lines[start]
    gutters = _gaps(first)
    if not gutters:
        return None
    size = max(first.size, 1.0)
    run = [first]
    for line in lines[start + 1:]:
        lead = line.top - run[-1].top
        if lead > _MAX_CELL_LEAD * size or line.top < run[-1].top:
            break
        narrowed = _narrow(gutters, line, min_gutter * size)
        if narrowed is None:
            break
        if lead > _MAX_LEAD * size and (len(run) < _MIN_ROWS or not _own_line(run, narrowed, line)):
            break
        gutters = narrowed
        run.append(line)
    return _Candidate(run, gutters)


def _columns_of(line: _Line, cuts: list[float]) -> list[list[_Word]]:
    cells: list[list[_Word]] = [[] for _ in range(len(cuts) + 1)]
    for w in line.words:
        cells[sum(1 for c in cuts if c < (w.x0 + w.x1) / 2)].append(w)
    return cells


def _text(words: list[_Word]) -> str:
    return _CID.sub("", " ".join(w.text for w in words)).strip()


def _gap_before(lines: list[_Line]) -> list[bool]:
    """Whether white space wider than the table's tightest line pitch comes before each line."""
    size = max(min(ln.size for ln in lines), 1.0)
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
    tight = max(min(steps), 0.9 * size) if steps else 0.0  # (lines drawn over each other aside)
    return [False] + [s > tight + _ROW_GAP * size for s in steps]


def _spaced(lines: list[_Line], gap_before: list[bool]) -> bool:
    """Most rows set apart by white space (the space under a bold header aside)."""
    gaps = sum(1 for i, g in enumerate(gap_before) if g and not (lines[i - 1].bold and not lines[i].bold))
    return gaps >= max(1.0, 0.2 * (len(lines) - 1))


def _rows(lines: list[_Line], cells: list[list[list[_Word]]], spaced: bool | None = None
          ) -> tuple[list[list[int]], bool]:
    """The table's rows, as lists of line indexes, and whether white space sets its rows apart
    (`spaced`, when already known from the table's part on the page before)."""
    gap_before = _gap_before(lines)
    if spaced is None:
        spaced = _spaced(lines, gap_before)
    rows: list[list[int]] = []
    for i, line in enumerate(lines):
        filled = [c for c in cells[i] if c]
        new = not rows or (gap_before[i] and (spaced or not _next_paragraph(cells, rows[-1], i)))
        if rows and not spaced and not new:
            prev = lines[i - 1]
            starts = [_text(c) for c in filled]
            if prev.bold and line.bold:
                pass  # a bold header's cells wrapping
            elif len(filled) >= 2 and not all(s[:1].islower() for s in starts) and not _phrase_goes_on(
                    cells[i - 1], cells[i]) and not _cut_mid_phrase(cells[i - 1], cells[i]):
                new = True  # the columns start again together
            elif cells[i][0] and not cells[i - 1][0]:
                new = True  # the first column has text again
            elif prev.bold and not line.bold:
                new = True  # a bold header row over plain rows
        if new:
            rows.append([i])
        else:
            rows[-1].append(i)
    return rows, spaced


def _next_paragraph(cells: list[list[list[_Word]]], row: list[int], i: int) -> bool:
    """Line `i`, after a white gap, has text in one column only, not the first, a column the row
    above has text in: the next paragraph of that row's cell (its neighbours ended), not a new row
    (in a table whose rows white space does not set apart)."""
    used = [c for c, words in enumerate(cells[i]) if words]
    return len(used) == 1 and used[0] > 0 and any(cells[k][used[0]] for k in row)


def _headed_rows(lines: list[_Line], cells: list[list[list[_Word]]], rows: list[list[int]]) -> bool:
    """A bold header row of two cells or more over rows whose every cell starts flush with a header
    word: a table however few its rows (a header repeated at the top of a page over the last row)."""
    head = cells[rows[0][0]]
    if not lines[rows[0][0]].bold or sum(1 for c in head if c) < 2 or len(rows) < 2:
        return False
    return all(not words or (head[c] and abs(words[0].x0 - head[c][0].x0) <= _FLUSH)
               for row in rows[1:] for c, words in enumerate(cells[row[0]]))


def _cut_mid_phrase(above: list[list[_Word]], line: list[list[_Word]]) -> bool:
    """A cell right of the first stops on a word no phrase ends with ("by end of") and its column goes
    on in the line below ("2023/24"): the row is cut mid-phrase, by a line break or a page break, and
    goes on whatever case its other cells start in.  (The first column is left out: running text set
    beside a side panel fills it on every line.)"""
    return any(c > 0 and words and _stops_on_connector(_text(above[c])) for c, words in enumerate(line)
               if c < len(above))


def _stops_on_connector(cell: str) -> bool:
    """A phrase of two words or more stopping on a word in lower case that no phrase ends with ("by end
    of"); a rating's initial ("A", amber) is no article."""
    ws = cell.split()
    return len(ws) >= 2 and ws[-1].islower() and ends_with_connector(cell)


def _phrase_goes_on(above: list[list[_Word]], line: list[list[_Word]]) -> bool:
    """With the first column empty (a row's label stands on its first line only), the line's first
    cell goes on from a phrase its column's line above left unfinished, on a word no phrase ends
    with ("Study and, if" / "viable, launch a ride share"; "a scheme with" / "Tolworth Community
    Transport,") or on a comma before a word in lower case: the same tall row wrapping, though its
    other columns start words in capitals or figures ("£9,000").  (Running text beside a side panel
    fills the first column on every line.)"""
    c = next((k for k, words in enumerate(line) if words), None)
    if not c or not above[c]:
        return False
    prev = _text(above[c])
    return ends_with_connector(prev) or (prev.endswith(",") and _text(line[c])[:1].islower())


def _top_aligned_rows(lines: list[_Line], cells: list[list[list[_Word]]]) -> list[list[int]] | None:
    """Tall rows set apart only by their cells' padding, as an office tool prints a table without
    borders, its cells aligned to the top: too few of the lines follow a gap for the table to count
    as spaced, but every gap is followed by the next row's first line, where each of its cells
    starts (text in two columns or more, or in the first), or by a cell's next paragraph (text in
    one other column, in a row that has text there).  A row whose cell starts below its first line
    (text centred in its cell, a wrapped line that starts the columns again) is no such table."""
    gap_before = _gap_before(lines)
    if _spaced(lines, gap_before):
        return None  # read as a spaced table already
    starts = [i for i in range(1, len(lines)) if gap_before[i]
              and (cells[i][0] or sum(1 for c in cells[i] if c) >= 2 or (lines[i - 1].bold and not lines[i].bold))]
    if len(starts) < 2:
        return None
    bounds = [0, *starts, len(lines)]
    rows = [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    if max(len(r) for r in rows) < 3:
        return None  # rows of a line or two: the usual tests do
    for row in rows:
        first = cells[row[0]]
        for i in row[1:]:
            for c, words in enumerate(cells[i]):
                if words and not first[c]:
                    return None  # a cell that starts below its row's first line
    return rows


_SECTION_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3}){0,3}|[A-Z]\d{0,2}(?:\.\d{1,3}){0,2}|[ivxlc]{1,6})[.):]?", re.I)


def _is_label(text: str) -> bool:
    """A list item's or numbered paragraph's label: a bullet, "1.", "(a)", "3.1", "A2", "iv"."""
    return bool(text) and (text[:1] in _GLYPHS or text in ("-", "–", "o", "§") or bool(_NUMBERED.match(text + " "))
                           or len(text) <= 2 or bool(_SECTION_NUMBER.fullmatch(text)))


class _Prose(Exception):
    """The lines are running text set in columns (or lists side by side): none of them starts a table."""


def _ruled_cuts(lines: list[_Line], rules: list[float]) -> list[float]:
    """The x of the vertical rules that run between the lines' words without crossing any."""
    x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    return [r for r in rules if x0 < r < x1 and not any(w.x0 < r < w.x1 for ln in lines for w in ln.words)]


def _judge(cand: _Candidate, carried: bool = False, rules: list[float] | None = None,
           spaced: bool | None = None, continues: bool = False) -> tuple[list[list[list[list[_Word]]]], bool] | None:
    """The candidate's rows of cells (rows -> cells -> words) when it is a table, else None; raises
    _Prose when its lines are running text in columns.  A `carried` candidate goes on with the
    columns of a table at the foot of the page before: one row is enough, and every column stays.
    A candidate that `continues` the last row of that table may open with the last words of one
    tall cell alone, as an office tool breaks a row across the page."""
    lines = cand.lines
    # the columns from all the lines: the first line (a header over groups of columns) may not show them all
    gutters = cand.gutters if carried else _white(lines)
    cuts = [(g0 + g1) / 2 for g0, g1 in gutters]
    if rules and not carried:  # rules drawn between groups of columns are the gutters they stand in
        ruled = _ruled_cuts(lines, rules)
        cuts = sorted([(g0 + g1) / 2 for g0, g1 in gutters if not any(g0 - 1.0 <= r <= g1 + 1.0 for r in ruled)]
                      + ruled)
    cells = [_columns_of(ln, cuts) for ln in lines]
    if not carried:  # a gutter needs text on both of its sides in at least three lines
        keep = []
        for k, cut in enumerate(cuts):
            both = sum(1 for c in cells if any(c[: k + 1]) and any(c[k + 1:]))
            if both >= _MIN_ROWS or _heads_empty_column(lines, cells, k):
                keep.append(cut)
        if not keep:
            return None
        if keep != cuts:
            cuts = keep
            cells = [_columns_of(ln, cuts) for ln in lines]
    ncols = len(cuts) + 1
    tall = _top_aligned_rows(lines, cells) if spaced is None else None
    if tall is not None:  # cut at the padding between tall rows, else as any table
        try:
            judged = _table_of(lines, cells, ncols, tall, True, carried, continues)
        except _Prose:
            judged = None
        if judged is not None:
            return judged
    rows, spaced = _rows(lines, cells, spaced)
    return _table_of(lines, cells, ncols, rows, spaced, carried, continues)


def _heads_empty_column(lines: list[_Line], cells: list[list[list[_Word]]], k: int) -> bool:
    """A bold first line (a header row) names a column on each side of cut `k`, and the column right
    of it starts flush at one x: a column the rows on this page leave empty (an "Objective" cell that
    spans rows, printed on the page before), which the rows overleaf may fill."""
    if not (lines[0].bold and any(cells[0][: k + 1]) and any(cells[0][k + 1:])):
        return False
    starts = [c[k + 1][0].x0 for c in cells if c[k + 1]]
    return bool(starts) and _flush(lines, min(starts))


_RUNNING_WORDS = 3  # words on a cell's last line for its text to be running on into the row below


def _last_line_words(cell: list[_Word]) -> int:
    """How many words the cell's last line holds."""
    return sum(1 for w in cell if abs(w.top - cell[-1].top) < 1.0)


def _table_of(lines: list[_Line], cells: list[list[list[_Word]]], ncols: int, rows: list[list[int]],
              spaced: bool, carried: bool, continues: bool = False
              ) -> tuple[list[list[list[list[_Word]]]], bool] | None:
    """The rows of cells when these rows make a table (see _judge), else None; raises _Prose."""
    need = 1 if carried else 2 if _headed_rows(lines, cells, rows) else _MIN_ROWS
    if len(rows) < need:
        return None
    table = [[[w for i in row for w in cells[i][c]] for c in range(ncols)] for row in rows]
    if not carried:  # a column no row has text in (two gutters side by side) is none
        used = [c for c in range(ncols) if any(r[c] for r in table)]
        table = [[r[c] for c in used] for r in table]
        cells = [[cl[c] for c in used] for cl in cells]
        ncols = len(used)
        if ncols < 2:
            return None
    multi = sum(1 for k, r in enumerate(table) if sum(1 for c in r if c) >= 2 or (k == 0 and continues))
    if multi < need:
        return None
    # running prose read across a gutter: a column goes on from one row into the next (from a line
    # of running text: a cell that ends on a line of a word or two, a date or a figure, such as
    # "Q3 2026", does not run on into "autumn 2027" below it)
    pairs = flows = 0
    for c in range(ncols):
        texts = [_text(r[c]) for r in table]
        both = [(k, a, b) for k, (a, b) in enumerate(zip(texts, texts[1:], strict=False)) if a and b]
        pairs += len(both)
        flows += sum(1 for k, a, b in both if b[:1].islower() and not _ends_sentence(a)
                     and _last_line_words(table[k][c]) >= _RUNNING_WORDS
                     and not (c > 0 and _is_label(_text(table[k + 1][0]))))
    if flows >= max(2, 0.1 * pairs):
        raise _Prose
    for c in range(ncols):
        texts = [_text(r[c]) for r in table if r[c]]
        # a column of bullets: lists set side by side (a column of ticks right of the text is none,
        # one tick a cell or several: a timeline's year columns run together)
        if texts and sum(1 for t in texts if t[:1] in _GLYPHS and (c == 0 or not _marks_only(t[1:]))) \
                >= 0.6 * len(texts):
            raise _Prose
    opening = next(_text(c) for c in table[0] if c)
    if opening[:1].islower() and not carried:
        return None  # the first row goes on from the text above
    # columns of full lines of words on every side of every gutter: a page set in columns
    def edges(c: int) -> tuple[float, float]:
        segs = [cl[c] for cl in cells if cl[c]]
        return min(s[0].x0 for s in segs), max(s[-1].x1 for s in segs)

    def full(seg: list[_Word], c: int) -> bool:
        left, right = edges(c)
        return seg[-1].x1 >= right - 0.15 * (right - left)

    def prose(c: int) -> bool:
        segs = [cl[c] for cl in cells if cl[c]]
        return bool(segs) and sum(1 for s in segs if len(s) >= 5 and full(s, c)) >= 0.6 * len(segs)

    running = [c for c in range(ncols) if prose(c)]
    if len(running) == ncols:
        raise _Prose
    # a column of running text beside short lines (a side panel): its text runs on from a row's
    # last line, full to the column's edge with the sentence unfinished, into the next row in lower case
    for c in running:
        lasts = [next((cells[i][c] for i in reversed(row) if cells[i][c]), None) for row in rows]
        nexts = [_text(table[r][c]) for r in range(len(rows))]
        pairs_c = [(a, b) for a, b in zip(lasts, nexts[1:], strict=False) if a and b]
        runs = sum(1 for a, b in pairs_c if full(a, c) and not _ends_sentence(_text(a)) and b[:1].islower())
        if runs and runs >= 0.25 * len(pairs_c):
            raise _Prose
    firsts = [_text(r[0]) for r in table if r[0]]
    if ncols == 2 and firsts and not carried:  # (a carried table's columns are known: its header's or rows')
        if sum(1 for t in firsts if _is_label(t)) >= 0.6 * len(firsts):
            return None  # a list with hanging indents
        if sum(1 for t in firsts if t.endswith(":")) >= 0.6 * len(firsts):
            return None  # label-value lines
    return table, spaced


def _to_table(lines: list[_Line], table: list[list[list[_Word]]], spaced: bool,
              carry: _Table | None = None) -> _Table:
    ncols = len(table[0])
    lefts = [min((w.x0 for r in table for w in r[c]), default=0.0) for c in range(ncols)]
    rights = [max((w.x1 for r in table for w in r[c]), default=0.0) for c in range(ncols)]
    if carry is not None:  # the same columns as the part on the page before
        lefts, rights = carry.lefts, carry.rights
    x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    boxes = []
    for row in table:
        words = [w for cell in row for w in cell]
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        boxes.append([(lefts[c], top, rights[c], bottom) for c in range(ncols)])
    return _Table(top=min(ln.top for ln in lines), bottom=max(ln.bottom for ln in lines), x0=x0, x1=x1,
                  rows=table, cell_boxes=boxes, aligned=True, lefts=lefts, rights=rights, spaced=spaced,
                  gutters=carry.gutters if carry is not None else
                  [(rights[c - 1], lefts[c]) for c in range(1, ncols)])



def _carry_on(lines: list[_Line], carry: _Table, top_margin: float) -> tuple[_Table, int, int] | None:
    """The rows at the head of a page that go on with `carry`, the table at the foot of the page
    before, in its columns (a running header above them aside): the table and the lines it takes."""
    start = 0
    while start < len(lines) and lines[start].bottom <= top_margin and _narrow(
            carry.gutters, lines[start], 0.5) is None:
        start += 1  # a running header
    if start >= len(lines) or not carry.gutters:
        return None
    first = lines[start]
    size = max(first.size, 1.0)
    # (each gutter as the white just left of its column's edge: the page before may have left more, its
    # cells shorter than these, and a longer cell here reaches further into it without crossing it)
    gutters = [(max(g0, g1 - _CARRIED_GUTTER * size), g1) for g0, g1 in carry.gutters]
    cuts = [(g0 + g1) / 2 for g0, g1 in gutters]
    starts = [_text(c) for c in _columns_of(first, cuts) if c]
    wrapped = bool(starts) and all(t[:1].islower() for t in starts)  # the last row's cells go on
    header = carry.header_line is not None
    if not wrapped and not header and starts and carry.rows:
        # or each cell goes on in lower case or, beside the first column, from a sentence the last
        # row left unfinished in its column (a row of tall cells cut by the page break, as an office
        # tool prints it); a row label ("P4.2") or a cell under a finished one starts a row of its own
        cells = _columns_of(first, cuts)
        last = carry.rows[-1]
        wrapped = len(last) == len(cells) and (all(
            _text(words)[:1].islower()
            or (c > 0 and last[c] and not _ends_sentence(_text(last[c])) and not _is_label(_text(words)))
            for c, words in enumerate(cells) if words) or _cut_mid_phrase(last, cells)
            # or a table whose every row starts in its first column (a reference or a label) goes on
            # with that column empty: the last row's tall cells, cut by the page break, a new
            # sentence of them perhaps ("... (baseline 22%)." / "Recording rose after ...")
            or not cells[0] and all(r and r[0] for r in carry.rows) and all(last[c] for c, words in enumerate(cells)
                                                                           if words))
    if (abs(first.x0 - carry.lefts[0]) > size and not wrapped) or (first.x1 > carry.x1 + 2 * size and not header):
        return None  # a new row starts in the first column (the last column reaches no further than
        # the table's, unless the table is its header alone)
    run: list[_Line] = []
    for line in lines[start:]:
        lead = line.top - run[-1].top if run else 0.0
        if lead > _MAX_CELL_LEAD * size:
            break
        narrowed = _narrow(gutters, line, 0.5 * _MIN_GUTTER * size)
        if narrowed is None or len(narrowed) != len(gutters) or not _in_columns(line, cuts, carry):
            break  # (a line whose words stand in a gutter, white gaps between them, is no row in its columns)
        if lead > _MAX_LEAD * size and not _own_line(run, narrowed, line):
            break  # past a row's padding only to a line plainly the table's own (as `_grow` spans it)
        gutters = narrowed
        run.append(line)
    if not run:
        return None
    if header and not all(abs(words[0].x0 - carry.lefts[c]) <= _FLUSH for ln in run
                          for c, words in enumerate(_columns_of(ln, cuts)) if words):
        return None  # under a header alone, every cell starts flush with its column's header
    try:
        # (rows set apart or not as on the page before, unless too few rows stood there to tell)
        judged = _judge(_Candidate(run, gutters), carried=True,
                        spaced=None if header or len(carry.rows) < _MIN_ROWS else carry.spaced,
                        continues=wrapped and not any(ln.bold for ln in lines[:start]))
        # (a bold heading or header above it, in the page's top margin, is no running header: the
        # words under it start something new)
    except _Prose:
        return None
    if judged is None:
        return None
    table = _to_table(run, *judged, carry)
    table.continues_row = wrapped
    if header:  # the header heads its rows
        table.rows.insert(0, carry.rows[0])
        table.cell_boxes.insert(0, carry.cell_boxes[0])
        table.header_line = carry.header_line
    return table, start, start + len(run)


def _in_columns(line: _Line, cuts: list[float], table: _Table) -> bool:
    """Each cell of the line starts at its column's left edge or ends at its right edge (numbers)."""
    size = max(line.size, 1.0)
    for c, words in enumerate(_columns_of(line, cuts)):
        if words and abs(words[0].x0 - table.lefts[c]) > size and abs(words[-1].x1 - table.rights[c]) > size:
            return False
    return True


def frames_columns(table: _Table) -> list[float] | None:
    """A ruled table whose cells hold columns of their own (a spreadsheet printed with rules only
    around groups of columns, such as one box a year over Core / External / Total): its cells'
    lines, split at wide white gaps, are the real table, read as a table without rulings.  The x
    of its inner vertical rules, or None for an ordinary ruled table."""
    lines = [ln for row in table.rows for cell in row if cell for ln in _group_lines(cell)]
    split = sum(1 for ln in lines if _gaps(ln))
    if split < 6 or split < 0.5 * len(lines):
        return None
    edges = {round(box[0], 1) for row in table.cell_boxes for box in row if box is not None}
    return sorted(x for x in edges if x > table.x0 + 1.0)


def open_table(tables: list[_Table], lines: list[_Line], height: float) -> _Table | None:
    """The table without rulings that ends a page (no text below it but the footer zone), which the
    next page may go on with; or a header row left alone at the foot of the page (`_foot_header`)."""
    aligned = [t for t in tables if t.aligned]
    if not aligned:
        return _foot_header(tables, lines, height)
    last = max(aligned, key=lambda t: t.bottom)
    if any(t.top > last.bottom for t in tables):
        return None
    if any(ln.top > last.bottom and ln.top < height * (1 - MARGIN_ZONE) for ln in lines):
        # text under the table: the page may still end with the header of the next one
        return _foot_header(tables, lines, height)
    return last


_WRAPPED_HEAD_WORDS = 3  # a header cell's wrapped line holds a word or two, not a heading


def _foot_header(tables: list[_Table], lines: list[_Line], height: float) -> _Table | None:
    """A bold line of two cells or more (its first no list label) under all the page's text and
    tables but the footer zone: a table's header row that an office tool left at the foot of the
    page, its rows overleaf.  Returned as a table of that one row, which `_carry_on` takes only for
    rows whose every cell starts flush with the header's words."""
    foot = height * (1 - MARGIN_ZONE)
    wrapped: list[_Line] = []
    for line in sorted(lines, key=lambda ln: -ln.top):
        gaps = [(a.x1, b.x0) for a, b in zip(line.words, line.words[1:], strict=False)
                if b.x0 - a.x1 >= _FLUSH_GUTTER * max(a.size, b.size, 1.0)]
        if line.bold and gaps:
            break
        if line.bold and len(line.words) <= _WRAPPED_HEAD_WORDS:
            wrapped.append(line)  # a header cell's words wrapped under it ("Did" / "we do" / "it?")
            continue
        if line.top < foot:
            return None  # text under the last bold line, outside the footer zone
    else:
        return None
    if any(t.bottom > line.top for t in tables) or any(ln.top < line.top and ln.bottom > line.top for ln in lines
                                                      if ln is not line):
        return None
    cuts = [(g0 + g1) / 2 for g0, g1 in gaps]
    cells = _columns_of(line, cuts)
    if any(not c for c in cells) or _is_label(_text(cells[0])):
        return None
    for under in sorted(wrapped, key=lambda ln: ln.top):  # the header's cells with their wrapped words
        for c, words in enumerate(_columns_of(under, cuts)):
            cells[c] = cells[c] + words
    boxes = [(c[0].x0, line.top, max(w.x1 for w in c), line.bottom) for c in cells]
    return _Table(top=line.top, bottom=line.bottom, x0=line.x0, x1=line.x1, rows=[cells], cell_boxes=[boxes],
                  aligned=True, lefts=[b[0] for b in boxes], rights=[b[2] for b in boxes], gutters=gaps,
                  header_line=line)


def find_aligned_tables(lines: list[_Line], carry: _Table | None = None, height: float = 0.0,
                        rules: list[float] | None = None) -> tuple[list[_Table], list[_Line]]:
    """Tables without rulings among a page's lines, and the lines left over.  `carry` is the table
    that ended the page before (`open_table`): rows at the head of this page in its columns go on
    with it even when they are fewer than a table needs on its own.  `rules` are the x of vertical
    rules of frames drawn around groups of columns (`frames_columns`)."""
    lines = sorted(lines, key=lambda ln: ln.top)
    tables: list[_Table] = []
    rest: list[_Line] = []
    i = 0
    if carry is not None:
        carried = _carry_on(lines, carry, height * MARGIN_ZONE)
        if carried is not None:
            table, start, i = carried
            tables.append(table)
            rest += lines[:start]
    while i < len(lines):
        cand = _grow(lines, i)
        loose = _grow(lines, i, _FLUSH_GUTTER)  # cells an office tool sets two paddings apart
        if loose is not None and (cand is None or len(loose.lines) > len(cand.lines)) and _narrow_flush(loose):
            cand = loose
        if cand is not None and len(cand.lines) >= _MIN_ROWS:
            try:
                judged = _judge(cand, rules=rules)
            except _Prose:
                rest += cand.lines
                i += len(cand.lines)
                continue
            if judged is not None:
                tables.append(_to_table(cand.lines, *judged))
                i += len(cand.lines)
                continue
        short = _foot_table(lines[i:], height)
        if short is not None:
            tables.append(short)
            i += len(short.rows_lines)
            continue
        rest.append(lines[i])
        i += 1
    return tables, rest


def _foot_table(lines: list[_Line], height: float) -> _Table | None:
    """A table of fewer rows than a table needs, at the foot of the page: a bold header row (cells
    two paddings apart or more) and lines under it down to the footer zone, whose every cell starts
    flush with a header word (an office tool starts a table low on the page, its rows overleaf)."""
    head = lines[0]
    if not head.bold or height <= 0:
        return None
    lefts = [head.words[0].x0] + [b.x0 for a, b in zip(head.words, head.words[1:], strict=False)
                                  if b.x0 - a.x1 >= _FLUSH_GUTTER * max(a.size, b.size, 1.0)]
    cuts = [x - 1.0 for x in lefts[1:]]
    if len(lefts) < 2 or _is_label(_text(_columns_of(head, cuts)[0])):
        return None  # (a numbered heading over its paragraph, its text hanging at the number's indent)
    run = [head]
    gutters = [(x - 2.0, x) for x in lefts[1:]]
    for line in lines[1:]:
        lead, size = line.top - run[-1].top, max(line.size, 1.0)
        if lead > _MAX_CELL_LEAD * size or (lead > _MAX_LEAD * size and not _own_line(run, gutters, line)):
            break  # (past a cell's paragraph gap only to a line plainly the table's own, as `_grow` spans it)
        cells = _columns_of(line, cuts)
        if not all(abs(words[0].x0 - lefts[c]) <= _FLUSH for c, words in enumerate(cells) if words):
            break
        run.append(line)
    foot = height * (1 - MARGIN_ZONE)
    if len(run) < 2 or any(ln.top < foot for ln in lines[len(run):]):
        return None  # text under it on the page: no table cut short by the page's end
    if not any(sum(1 for c in _columns_of(ln, cuts) if c) >= 2 for ln in run[1:]):
        return None
    try:
        judged = _judge(_Candidate(run, gutters), carried=True)
    except _Prose:
        return None
    if judged is None:
        return None
    table = _to_table(run, *judged)
    table.rows_lines = run
    return table
