"""PDF reader: a PDF's text as `SourceLine`s in the same line conventions as the text exports.

Reading order is top to bottom per page, column by column where a page has a clear gutter.
Ruled tables become tab-separated rows, bullets become "- " items (nested by indent), headings
and paragraphs become one line each (bold ones wrapped in `**`), contents entries with dot
leaders become "title<TAB>page" rows, and running headers/footers and page numbers are dropped.
See kb/sources/base.py for the conventions.

Characters and painted paths come from pdfium (kb/sources/pdf_pdfium.py) or, on the pages that
need it, from pdfminer; pdfplumber (pdfminer) and pypdfium2 are imported on first use only.
"""

from __future__ import annotations

import itertools
import logging
import math
import mmap
import pathlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from kb.layout.fields import RATING_MARKS, label_role, status_phrase_head
from kb.layout.parse import LABELLED_NUMBER, ends_with_connector
from kb.model import Position
from kb.sources.base import SourceError, SourceLine

# --------------------------------------------------------------------------- text clean-up

_LIGATURES = {ch: unicodedata.normalize("NFKC", ch) for ch in "ﬀﬁﬂﬃﬄﬅﬆ"}
_SPACES = {ch: " " for ch in "\xa0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\t"}
_DROP = {ch: "" for ch in "\xad\u200b\u200c\u200d\ufeff\u2060"}
_CLEAN = str.maketrans({**_LIGATURES, **_SPACES, **_DROP})
_CID = re.compile(r"\(cid:\d+\)")

# bullets that are never ordinary text at the start of a line
_GLYPHS = set("•●▪■◦○➤➢►▶▸‣⁃◆♦❖✓✔□◘∙·")
# dashes are bullets only when they stand alone and do not continue a sentence
_DASHES = {"-", "–"}
_NUMBERED = re.compile(r"^(\d{1,3}[.)]|\((?:\d{1,2}|[a-z]{1,2}|[ivx]{1,4}|[A-Z])\)|[a-z][.)])(\s|$)")
_SECTION = re.compile(r"\d{1,3}(?:\.\d{1,3}){1,3}\.?")  # a report's paragraph number: "4.2", "10.3.1"
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*(\d{1,4})\s*[-–)]?(?:\s*(?:of|/)\s*(\d{1,4}))?$", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$|\.b$", re.I)
_TERMINAL = tuple(".!?:;")
_ABBREVIATION = re.compile(
    r"(?:\b(?:no|nos|e\.g|i\.e|etc|dr|st|vs|cf|para|fig|vol|pp?|mr|mrs|ms|ref)|\b[A-Z])\.$", re.I
)

# a line ending on a connecting word does not end its paragraph (a comma may: items of a list)
_RUNS_ON = re.compile(r"^(?:and|or|of|the|to|for|in|on|by|with|a|an|&)$|[A-Za-z]-$", re.I)

MARGIN_ZONE = 0.12  # top/bottom fraction of the page searched for running headers and footers


def _private_use(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


# Symbol and Wingdings fonts put their glyphs at U+F020-U+F0FF (their own code plus 0xF000): the
# few that planning documents use, by the font's own encoding.  Others stay private and are dropped.
_SYMBOL = {0xB7: "•", 0xB0: "°", 0xB1: "±", 0xB3: "≥", 0xA3: "≤", 0xB4: "×", 0xAE: "→", 0xD7: "⋅",
           0xB8: "÷", 0xB9: "≠", 0xA5: "∞", 0xE0: "◊", 0x2D: "−"}
_WINGDINGS = {0x9F: "•", 0xA7: "▪", 0x6C: "●", 0x6E: "■", 0x71: "❑", 0x76: "❖", 0xA8: "◻", 0xD8: "➢",
              0xE0: "➢", 0xF0: "⇨", 0xFC: "✓", 0xFB: "✗", 0xFE: "☑", 0x77: "⬥", 0x75: "◆"}


def symbol_glyph(ch: str, fontname: str) -> str:
    """A character of a Symbol, Wingdings or Dingbats font as the character it draws: its private-use
    code, or the plain letter a dingbat font's text layer spells its glyph with ("n" for a square
    bullet in ZapfDingbats).  The character itself when it is not one of these."""
    name = fontname.lower()
    dingbat = "wingding" in name or "dingbat" in name
    code = ord(ch) - 0xF000 if _private_use(ch) else ord(ch) if dingbat else -1
    table = _WINGDINGS if dingbat else _SYMBOL if "symbol" in name else None
    if table is None or not 0x20 <= code <= 0xFF:
        return ch
    return table.get(code, ch)


# Glyphs a font gives no Unicode for come out as "(cid:N)": most often ligatures.  The document
# itself tells what each stands for: "e(cid:28)cient" is "efficient" when that word is written
# elsewhere in the same file.
_CID_CANDIDATES = ("fi", "fl", "ff", "ffi", "ffl", "ft", "st", "tt", "Th", " ", "-", "'")


def learn_cids(words: list[str]) -> dict[str, str]:
    """For each "(cid:N)", the text that turns the words holding it into words the document also
    writes in plain letters; a cid no word explains is left out (it is dropped when rendered)."""
    vocabulary = {w.lower() for w in words if "(cid:" not in w}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for w in words:
        cids = _CID.findall(w)
        if len(set(cids)) != 1:
            continue
        for candidate in _CID_CANDIDATES:
            trial = _CID.sub(candidate, w).lower()
            parts = trial.split() if candidate == " " else [trial]
            core = [re.sub(r"^\W+|\W+$", "", x) for x in parts]
            if all(x and x in vocabulary for x in core):
                votes[cids[0]][candidate] += 1
    out = {}
    for cid, counted in votes.items():
        best, n = counted.most_common(1)[0]
        if n >= 1 and n >= 0.6 * sum(counted.values()):
            out[cid] = best
    return out


def _resolve_cids(pages: list[_Page]) -> None:
    """Replace each "(cid:N)" the document explains (learn_cids) in every word of every page."""
    words = [w for p in pages for line in p.lines for w in line.words]
    words += [w for p in pages for t in p.tables for row in t.rows for cell in row for w in cell]
    if not any("(cid:" in w.text for w in words):
        return
    texts = [re.sub(r"^\W+|\W+$", "", w.text) for w in words]
    mapping = learn_cids([t for t in texts if t])
    if not mapping:
        return
    for w in words:
        if "(cid:" in w.text:
            w.text = _CID.sub(lambda m: mapping.get(m.group(0), m.group(0)), w.text)


def _is_page_number(text: str) -> bool:
    text = text.strip()
    if re.fullmatch(r"[ivxlc]{1,7}|[IVXLC]{1,7}", text):
        return True  # roman front-matter numbers
    m = _PAGE_NUMBER.match(text)
    if not m:
        return False
    return m.group(2) is None or int(m.group(1)) <= int(m.group(2))  # "3 of 40", "3/40"; not "2019/20"


def _edge_number(text: str) -> int | None:
    """The page-number-like integer at the start or end of a line, if any."""
    m = re.search(r"(?:^|\s)(\d{1,4})$", text.strip()) or re.match(r"^(\d{1,4})(?:\s|$)", text.strip())
    return int(m.group(1)) if m else None


def _ends_sentence(text: str) -> bool:
    text = text.rstrip().rstrip("\"'’”)")
    return text.endswith(_TERMINAL) and not _ABBREVIATION.search(text)


def _clean(text: str) -> str:
    return text.translate(_CLEAN)


# --------------------------------------------------------------------------- page model


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    spaced: bool = False  # a space character follows it in the text layer (words ending in "-" only)
    space_after: bool = False  # the text layer's own space ended it: the next word on its line is apart,
    # however close an italic letter's overhang draws the two ("Renal failure": "l", " ", "f")


@dataclass
class _Line:
    words: list[_Word]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool  # (nearly) all letters bold
    glyph: str = ""  # bullet glyph found at the start ("" if none)
    running: bool = False  # a running header/footer or page number
    toc: tuple[str, str] | None = None  # (title, page) of a contents line with dot leaders
    col_left: float | None = None  # the column's edges when the page has columns
    col_right: float | None = None
    text_x0: float = 0.0  # x where the text after a bullet glyph starts
    number: int = 0  # the line's number in its column of its page (running headers aside)
    column: str | None = None  # "left" | "middle" | "right" | "column N" on a page with columns

    @property
    def text(self) -> str:
        return _join_words(self.words)


@dataclass
class _Table:
    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[list[list[_Word]]]  # rows -> cells -> words
    cell_boxes: list[list[tuple[float, float, float, float] | None]]
    aligned: bool = False  # found from aligned text, not from rulings (kb/sources/pdf_tables.py)
    lefts: list[float] = field(default_factory=list)  # its columns' left edges (aligned tables)
    rights: list[float] = field(default_factory=list)  # and right edges
    gutters: list[tuple[float, float]] = field(default_factory=list)  # the white between its columns
    spaced: bool = False  # its rows are set apart by white space
    continues_row: bool = False  # its first row is the last row of the page before, going on
    open_bottom: bool = False  # ruled tables: no rule closes its last row (the row goes on overleaf)
    header_line: _Line | None = None  # a header row left alone at the foot of a page, its line there
    rows_lines: list[_Line] = field(default_factory=list)  # tables without rulings: the lines it took
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # cells painted a rating colour (pdf_fills)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    tables: list[_Table]
    left: float = 0.0
    right: float = 0.0


@dataclass
class _Block:
    kind: str  # "para" | "bullet" | "table" | "toc"
    page: int
    lines: list[_Line] = field(default_factory=list)
    level: int = 0
    rows: list[str] = field(default_factory=list)
    header: str = ""
    ncols: int = 0
    top: float = 0.0
    last_full: bool = False  # the last visual line reaches the right margin (it may run on)
    row_positions: list[Position | None] = field(default_factory=list)  # tables: each row's box
    aligned: bool = False  # a table found from aligned text
    lefts: list[float] = field(default_factory=list)  # its columns' left edges
    continues_row: bool = False  # its first row goes on with the last row of the page before
    right: float = 0.0  # ruled tables: the right edge (with `lefts`, its columns)
    bold_head: bool = False  # its first row is set in bold throughout (a header row)
    open_bottom: bool = False  # ruled tables: no rule closes its last row
    first_cells: list[float] = field(default_factory=list)  # ruled tables: the left edges of the
    last_cells: list[float] = field(default_factory=list)  # cells of its first and last rows

    def position(self) -> Position:
        """Where the block's lines are on its page (the first page, if it runs over a break)."""
        lines = [ln for ln in self.lines if ln.number] or self.lines
        first = lines[0]
        return Position(self.page, min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                        max(ln.x1 for ln in lines), max(ln.bottom for ln in lines), first.column,
                        first.number or None, lines[-1].number or None)


def _name_columns(lines: list[_Line], gutters: list[float]) -> None:
    """Name each line's column ("left", "middle", "right", or "column 4") from the page's gutters; a
    line across a gutter (a title over the columns) is in none."""
    cuts = sorted(set(round(g, 1) for g in gutters))
    if not cuts:
        return
    names = (["left", "right"] if len(cuts) == 1 else ["left", "middle", "right"] if len(cuts) == 2
             else [f"column {i + 1}" for i in range(len(cuts) + 1)])
    for line in lines:
        if any(line.x0 < g < line.x1 for g in cuts):
            continue
        centre = (line.x0 + line.x1) / 2
        line.column = names[sum(1 for g in cuts if g < centre)]


def _join_words(words: list[_Word]) -> str:
    out: list[str] = []
    prev: _Word | None = None
    for w in words:
        if prev is not None and (w.x0 - prev.x1 > 0.12 * max(w.size, 1.0) or prev.space_after and w.x0 >= prev.x0):
            out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Cluster words into visual lines (vertical overlap), each sorted left to right."""
    words = sorted(words, key=lambda w: (w.top, w.x0))
    groups: list[list[_Word]] = []
    band_top = band_bottom = 0.0
    for w in words:
        if groups:
            h = max(w.bottom - w.top, 0.1)
            overlap = min(band_bottom, w.bottom) - max(band_top, w.top)
            if overlap >= 0.5 * min(h, band_bottom - band_top):
                groups[-1].append(w)
                continue
        groups.append([w])
        band_top, band_bottom = w.top, w.bottom
    return [_make_line(g) for g in groups]


def _make_line(words: list[_Word]) -> _Line:
    words = sorted(words, key=lambda w: w.x0)
    sizes: Counter[float] = Counter()
    letters = bold_letters = 0
    for w in words:
        sizes[round(w.size, 1)] += len(w.text)
        n = sum(ch.isalnum() for ch in w.text)
        letters += n
        bold_letters += n if w.bold else 0
    if not letters:
        # a line of signs only (a header's "%" wrapped over its word, "£"): bold as its fonts are
        letters = sum(len(w.text) for w in words)
        bold_letters = sum(len(w.text) for w in words if w.bold)
    line = _Line(
        words=words,
        x0=words[0].x0,
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=sizes.most_common(1)[0][0],
        bold=letters > 0 and bold_letters >= 0.9 * letters,
    )
    line.text_x0 = line.x0
    return line


# --------------------------------------------------------------------------- columns


_SEGMENT_GAP = 0.6  # a gap wider than this (in ems) between words is white space, not a word space
_GUTTER_ZONE = 0.1  # gutters are sought between this fraction of the text width from either edge


def _segments(line: _Line) -> list[tuple[float, float]]:
    """x-ranges of a line's runs of words (inter-word spaces included)."""
    segs: list[list[float]] = []
    for w in line.words:
        if segs and w.x0 - segs[-1][1] <= _SEGMENT_GAP * max(w.size, 1.0):
            segs[-1][1] = max(segs[-1][1], w.x1)
        else:
            segs.append([w.x0, w.x1])
    return [(a, b) for a, b in segs]


def _spread(lines: list[_Line]) -> tuple[list[list[tuple[float, float]]], float, float] | None:
    """The lines' runs of words (`_segments`) and their leftmost and rightmost x; None when they span
    too little width to hold two columns."""
    segs = [_segments(line) for line in lines]
    xmin = min(a for ss in segs for a, _ in ss)
    xmax = max(b for ss in segs for _, b in ss)
    return (segs, xmin, xmax) if xmax - xmin >= _MIN_SPREAD else None


_MIN_SPREAD = 100  # points: text narrower than this holds no two columns


def _find_gutter(lines: list[_Line]) -> float | None:
    """x of a white gap that splits the lines into two columns of running text, if there is one."""
    if len(lines) < 8:
        return None
    spread = _spread(lines)
    if spread is None:
        return None
    segs, xmin, xmax = spread
    width = xmax - xmin
    lo, hi = int(xmin + _GUTTER_ZONE * width), int(xmax - _GUTTER_ZONE * width)
    cover = [0] * (hi - lo + 1)
    for ss in segs:
        for a, b in ss:
            for x in range(max(lo, math.ceil(a)), min(hi, math.floor(b)) + 1):
                cover[x - lo] += 1
    limit = max(2, 0.04 * len(lines))  # a title and subtitle may run across the columns below them
    sizes = sorted(line.size for line in lines)
    min_gap = max(6.0, 0.6 * sizes[len(sizes) // 2])
    best: tuple[int, float] | None = None
    x = 0
    while x < len(cover):
        if cover[x] > limit:
            x += 1
            continue
        start = x
        while x < len(cover) and cover[x] <= limit:
            x += 1
        g0, g1 = lo + start, lo + x - 1
        if g1 - g0 < min_gap:
            continue
        left_span = g0 - xmin
        # the left column's lines run up to the gutter; the right column has text too
        # (ragged narrow columns end anywhere in their last few ems)
        near = max(0.2 * left_span, 3 * sizes[len(sizes) // 2])
        reach = sum(1 for ss in segs if any(g0 - near <= b <= g0 + 1 for _, b in ss))
        right = sum(1 for ss in segs if any(a >= g1 - 1 for a, _ in ss))
        if _parts_bullets(lines, g0, g1):
            continue  # white between list bullets and their items' text is no gutter
        if reach >= max(4, 0.25 * len(lines)) and right >= max(4, 0.25 * len(lines)):
            score = reach + right
            if best is None or score > best[0]:
                best = (score, (g0 + g1) / 2)
    return best[1] if best else None


def _is_glyph_word(w: _Word) -> bool:
    """A word that starts with a list bullet glyph (dashes aside: they also stand between words)."""
    return bool(w.text) and (w.text[0] in _GLYPHS or _private_use(w.text[0]) or bool(_CID.match(w.text)))


def _parts_bullets(lines: list[_Line], g0: float, g1: float) -> bool:
    """Does the white between g0 and g1 lie between bullet glyphs and their items' text on two lines
    or more (a column of bullets standing apart from its text, not a gutter)?"""
    parted = 0
    for line in lines:
        for a, b in zip(line.words, line.words[1:], strict=False):
            if a.text in _GLYPHS and a.x1 <= g0 + 1 and b.x0 >= g1 - 1:
                parted += 1
    return parted >= 2


_BULLET_X = 2.0  # points: bullets this close in x stand in one list's column


def _bullet_xs(line: _Line) -> list[float]:
    """x of the bullet glyphs on a line that start a list item: the line's first word, or a word
    after white space wider than a word space, with text after it."""
    xs = []
    for i, w in enumerate(line.words[:-1]):
        if _is_glyph_word(w) and (i == 0 or w.x0 - line.words[i - 1].x1 > _SEGMENT_GAP * max(w.size, 1.0)):
            xs.append(w.x0)
    return xs


def _bullet_band_columns(lines: list[_Line]) -> list[_Line] | None:
    """Lists side by side (an infographic's panels): where bullets stand at two x positions or more
    on the same lines, again and again, each list is read top to bottom before the next.

    The x positions of the bullets are the lists' left edges; a run of lines between white space
    (or a line across those edges, a title over the lists) is cut there, each piece a line of its
    column. None when the lines hold no such lists."""
    xs = sorted(x for line in lines for x in _bullet_xs(line))
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] <= _BULLET_X:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    starts = [min(c) for c in clusters if len(c) >= 2]
    if len(starts) < 2:
        return None
    cuts = [x - 0.5 for x in starts]

    def column(x: float) -> int:
        return sum(1 for c in cuts if c <= x)

    def side_by_side(run: list[_Line]) -> bool:
        both = sum(1 for ln in run if len({column(x) for x in _bullet_xs(ln) if
                                            any(abs(x - s) <= _BULLET_X for s in starts)}) >= 2)
        return both >= 2

    out: list[_Line] = []
    found = False

    def flush(run: list[_Line]) -> None:
        nonlocal found
        if not side_by_side(run):
            out.extend(run)
            return
        found = True
        pieces: dict[int, list[_Line]] = defaultdict(list)
        for ln in run:
            parts: dict[int, list[_Word]] = defaultdict(list)
            for w in ln.words:
                parts[column(w.x0)].append(w)
            for c, ws in parts.items():
                pieces[c].append(_make_line(ws) if len(parts) > 1 else ln)
        for c in sorted(pieces):
            col = pieces[c]
            left = min(ln.x0 for ln in col)
            right = max(ln.x1 for ln in col)
            for ln in col:
                ln.col_left, ln.col_right = left, right
            out.extend(col)

    run: list[_Line] = []
    for line in lines:
        across = any(a < c < b for a, b in _segments(line) for c in cuts)
        apart = bool(run) and line.top - run[-1].bottom > 1.5 * max(line.size, run[-1].size)
        if across or apart:
            flush(run)
            run = []
        if across:
            out.append(line)
        else:
            run.append(line)
    flush(run)
    return out if found else None


def _columns(lines: list[_Line], depth: int = 0, gutters: list[float] | None = None,
             banded: bool = False) -> list[_Line]:
    """Lines in reading order: column by column between full-width lines (headings, tables), and
    lists side by side one list after the other. The gutters found are added to `gutters`.
    `banded`: the lines are one band of a page (`_banded_columns`), whose gutter `_band_gutter` finds."""
    # (a band may be a table's row of three or four cells: one gutter more)
    gutter = (_band_gutter(lines) if banded else _find_gutter(lines)) if depth < (3 if banded else 2) else None
    if gutter is None and depth == 0 and not banded:
        by_band = _banded_columns(lines, gutters)
        if by_band is not None:
            return by_band
    if gutter is None:
        return _bullet_band_columns(lines) or lines
    return _split_at(lines, gutter, depth, gutters, banded)


def _split_at(lines: list[_Line], gutter: float, depth: int, gutters: list[float] | None,
              banded: bool) -> list[_Line]:
    """The lines read column by column either side of `gutter`, between the lines across it."""
    if gutters is not None:
        gutters.append(gutter)
    full: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for line in lines:
        if any(w.x0 < gutter < w.x1 for w in line.words):
            full.append(line)
            continue
        lw = [w for w in line.words if w.x1 <= gutter]
        rw = [w for w in line.words if w.x0 >= gutter]
        if lw:
            left.append(_make_line(lw) if rw else line)
        if rw:
            right.append(_make_line(rw) if lw else line)
    left_edge = max((line.x1 for line in left), default=gutter)
    right_edge = min((line.x0 for line in right), default=gutter)
    for line in left:
        line.col_right = left_edge
    for line in right:
        line.col_left = right_edge
    out: list[_Line] = []
    full_sorted = sorted(full, key=lambda ln: ln.top)
    bounds = [ln.top for ln in full_sorted] + [math.inf]
    previous = -math.inf
    for i, upper in enumerate(bounds):
        band_left = [ln for ln in left if previous <= ln.top < upper]
        band_right = [ln for ln in right if previous <= ln.top < upper]
        out += _columns(sorted(band_left, key=lambda ln: ln.top), depth + 1, gutters, banded)
        out += _columns(sorted(band_right, key=lambda ln: ln.top), depth + 1, gutters, banded)
        if i < len(full_sorted):
            out.append(full_sorted[i])
            previous = upper
    return out

_BAND_GAP = 1.2  # white this many line heights deep, across the page, parts one band of a page from the next
_BAND_LINES = 2  # the fewest lines a band needs for its own columns to be told
_SPACES_WIDE = 2.5  # a gutter is this many times as wide as the band's usual word space, or more
_PAIR_GAP = 1.2  # ems: the white a band of two lines needs (wider than any word space justified text makes)


def _banded_columns(lines: list[_Line], gutters: list[float] | None = None) -> list[_Line] | None:
    """A designed page's bands, each with its own columns: a banner, two columns of text, a
    full-width paragraph, a table's row set apart, one under the other with white space between, so
    that no gutter runs down the whole page.  Each band with a gutter of its own (`_band_gutter`) is
    read column by column; None when no band has one."""
    bands: list[list[_Line]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        if bands and line.top - max(ln.bottom for ln in bands[-1]) <= _BAND_GAP * max(line.size, bands[-1][-1].size):
            bands[-1].append(line)
        else:
            bands.append([line])
    if len(bands) < 2:
        return None
    out: list[_Line] = []
    found = False
    for band in bands:
        side = _bullet_band_columns(band)  # lists side by side: each list whole, as their bullets place them
        if side is not None:
            found = True
            out += side
            continue
        gutter = _band_gutter(band)
        if gutter is None:
            out += band
            continue
        found = True
        out += _split_at(band, gutter, 0, gutters, True)
    return out if found else None


def _band_gutter(lines: list[_Line]) -> float | None:
    """x of the white that runs down every line of a band of a few lines, with text on either side
    of it on most of them: the gutter between two columns of text, or between a table's cells set
    with no rules.  Not in the band's outer tenths (a list's numbers or bullets and their text), and
    not after labels ("Lead:", "When:") that each line opens with: label-value lines read across."""
    if len(lines) < _BAND_LINES:
        return None
    spread = _spread(lines)
    if spread is None:
        return None
    segs, xmin, xmax = spread
    width = xmax - xmin
    size = sorted(line.size for line in lines)[len(lines) // 2]
    min_gap = max(6.0, 0.6 * size) if len(lines) > 2 else max(12.0, _PAIR_GAP * size)
    # (loosely justified text spaces its words wide, and two such spaces may fall one above the other)
    spaces = sorted(b.x0 - a.x1 for ln in lines for a, b in zip(ln.words, ln.words[1:], strict=False) if b.x0 > a.x1)
    if spaces:
        min_gap = max(min_gap, _SPACES_WIDE * spaces[len(spaces) // 2])
    lo, hi = xmin + _GUTTER_ZONE * width, xmax - _GUTTER_ZONE * width
    edges = sorted({b for ss in segs for _, b in ss})  # where white may start: a segment's end
    best: tuple[int, float] | None = None
    for g0 in edges:
        if not lo <= g0 <= hi:
            continue
        # the white from g0 to the nearest text any line has right of it
        starts = [a for ss in segs for a, b in ss if a > g0]
        if not starts or any(a + 0.5 < g0 < b - 0.5 for ss in segs for a, b in ss):
            continue
        g1 = min(starts)
        if g1 - g0 < min_gap or g1 > hi + _GUTTER_ZONE * width:
            continue
        left = [ln for ln in lines if any(w.x1 <= g0 + 0.5 for w in ln.words)]
        right = sum(1 for ss in segs if any(a >= g1 - 0.5 for a, _ in ss))
        need = max(2, 0.6 * len(lines))
        if len(left) < need or right < need:
            continue
        if sum(1 for ln in left if " ".join(w.text for w in ln.words if w.x1 <= g0 + 0.5).rstrip().endswith(":")) \
                >= 0.5 * len(left) or _parts_bullets(lines, g0, g1):
            continue
        score = len(left) + right
        if best is None or score > best[0]:
            best = (score, (g0 + g1) / 2)
    return best[1] if best else None


_LEADER = re.compile(r"^(?P<title>.*?\S)\s*\.(?:\s*\.){3,}\s*(?P<page>\d{1,4}|[ivxlc]{1,6})$", re.I)


def _split_leader(line: _Line) -> None:
    """A contents entry "Title . . . . 12" becomes a two-cell row, like the text exports' contents."""
    m = _LEADER.match(_join_words(line.words))
    if m:
        title = _CID.sub("", m.group("title")).strip()
        if any(ch.isalnum() for ch in title):
            line.toc = (title, m.group("page"))


def _marks_only(text: str) -> bool:
    """Glyphs and spaces only: ticks or bullets with no words ("✓ ✓")."""
    return all(ch.isspace() or ch in _GLYPHS for ch in text)


def _split_glyph(line: _Line) -> None:
    """Detect and remove a leading bullet glyph (also "(cid:NN)" and private-use symbols)."""
    if len(line.words) < 2 and len(line.words[0].text) < 2:
        return  # a lone glyph is not a list item
    if all(_marks_only(w.text) for w in line.words):
        return  # nor is a run of marks with no words ("✓ ✓": a timeline's ticks)
    first = line.words[0]
    text = first.text
    if text in RATING_MARKS and status_phrase_head(" ".join(w.text for w in line.words[1:5])) is not None:
        return  # a key's mark before the status it stands for ("○ Not achieved: ..."), not a bullet
    m = _CID.match(text)
    if m:
        glyph, rest = "•", text[m.end() :]
    elif text[:1] in _GLYPHS or _private_use(text[:1]):
        glyph, rest = "•", text[1:]
    elif text in _DASHES:
        glyph, rest = text, ""
    elif text in ("o", "§") and line.words[1].x0 - first.x1 > 0.8 * first.size:
        glyph, rest = "•", ""  # Word's second-level "o" (Courier) and "§" (Wingdings square) bullets
    else:
        return
    rest = _CID.sub("", rest).lstrip()
    words = line.words[1:]
    if rest:
        # the text is glued to the glyph: estimate where it starts from the glyph's share of the width
        x0 = first.x0 + (first.x1 - first.x0) * (len(text) - len(rest)) / len(text)
        words.insert(0, _Word(rest, x0, first.x1, first.top, first.bottom, first.size, first.bold))
    if not words:
        return
    line.words = words
    line.glyph = glyph
    line.text_x0 = words[0].x0


# --------------------------------------------------------------------------- panels

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_PANEL_MIN = (40.0, 20.0)  # points: a filled shape smaller than this holds no lines of text (a bullet, a pointer)
_PAGE_SHARE = 0.5  # a fill over more of the page than this is its background


def _text_boxes(graphics: list, width: float, height: float, mb_x0: float, mb_top: float) -> list[Box]:
    """The coloured panels of a page (call-outs, quotation boxes, coloured side panels), top-down:
    filled shapes big enough to hold lines of text, neither white nor the page's background."""
    out: list[Box] = []
    for g in graphics:
        if not getattr(g, "fill", False) or _invisible(g) or _white(getattr(g, "non_stroking_color", None)):
            continue
        if g.width < _PANEL_MIN[0] or g.height < _PANEL_MIN[1] or g.width * g.height > _PAGE_SHARE * width * height:
            continue
        out.append((g.x0 + mb_x0, height - g.y1 + mb_top, g.x1 + mb_x0, height - g.y0 + mb_top))
    return out


def _panel_of(w: _Word, boxes: list[Box]) -> int:
    """The smallest panel the word's centre lies in, or -1."""
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    inside = [i for i, (x0, top, x1, bottom) in enumerate(boxes) if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1]
    return min(inside, key=lambda i: (boxes[i][2] - boxes[i][0]) * (boxes[i][3] - boxes[i][1])) if inside else -1


_PANEL_LINES = 3  # a panel read on its own holds this many lines of text or more (a cell's fill holds fewer)


def _side_by_side_panels(words: list[_Word], boxes: list[Box]) -> tuple[dict[int, list[_Line]], list[_Word]] | None:
    """The panels read whole, each as a column of its own, and the words outside them; or None when
    no panel stands beside another or beside the running text.  Call-outs side by side share printed
    lines ("Provide a clear roadmap to common" in one, "Align with NHSE" in the next), and their lines
    line up as a table's would: read in the usual order they interleave.  A panel here holds
    `_PANEL_LINES` lines or more (a table cell's fill, a coloured heading bar, hold fewer)."""
    if not boxes:
        return None
    member: dict[int, list[_Word]] = {}
    of: dict[int, int] = {}
    for w in words:
        of[id(w)] = k = _panel_of(w, boxes)
        member.setdefault(k, []).append(w)
    panels = {k: lines for k, ws in member.items() if k >= 0 and len(lines := _group_lines(ws)) >= _PANEL_LINES}
    if not panels:
        return None  # (most pages: only small fills, a heading bar, a cell's shade)
    # a panel's text stands apart from what is printed beside it: a word that runs on at a word's space
    # across its edge shows a fill laid over the text (a watermark's letters), no panel
    for line in _group_lines(words):
        for a, b in itertools.pairwise(line.words):
            if of[id(a)] != of[id(b)] and b.x0 - a.x1 <= _SEGMENT_GAP * max(a.size, b.size, 1.0):
                for k in (of[id(a)], of[id(b)]):
                    panels.pop(k, None)
    if not panels:
        return None

    def span(lines: list[_Line]) -> tuple[float, float]:
        return min(ln.top for ln in lines), max(ln.bottom for ln in lines)

    spans = {k: span(lines) for k, lines in panels.items()}
    rest = [w for k, ws in member.items() if k not in panels for w in ws]
    beside = any(min(spans[a][1], spans[b][1]) - max(spans[a][0], spans[b][0]) > 0
                 for a in spans for b in spans if a < b) or any(
        spans[k][0] <= (w.top + w.bottom) / 2 <= spans[k][1] and not boxes[k][0] - 1 <= (w.x0 + w.x1) / 2 <= boxes[k][2] + 1
        for k in panels for w in rest)
    return (panels, rest) if beside else None


def _without(lines: list[_Line], taken: set[int]) -> list[_Line]:
    """The lines with the words of `taken` (by id) left out, each keeping its place and column."""
    out: list[_Line] = []
    for ln in lines:
        kept = [w for w in ln.words if id(w) not in taken]
        if len(kept) == len(ln.words):
            out.append(ln)
        elif kept:
            out.append(replace(_make_line(kept), col_left=ln.col_left, col_right=ln.col_right, column=ln.column))
    return out


def _runs_on(prev: _Line, line: _Line) -> bool:
    """Whether `line` goes on with the paragraph of `prev`: the next line of its column at a line's
    pitch, after a line that ends no sentence."""
    size = max(prev.size, line.size, 1.0)
    return (prev.column == line.column and 0 <= line.top - prev.bottom <= 0.8 * size
            and abs(line.x0 - prev.x0) <= 2 * size and not _ends_sentence(prev.text))


def _with_panels(order: list[_Line], panels: dict[int, list[_Line]], boxes: list[Box]) -> list[_Line]:
    """The running text's lines with each panel's lines put in before the first line below the
    panel's top, panels at one height left to right."""
    placed: dict[int, list[_Line]] = {}
    for k, members in sorted(panels.items(), key=lambda kv: (boxes[kv[0]][1], boxes[kv[0]][0])):
        members.sort(key=lambda ln: ln.top)
        left, right = min(ln.x0 for ln in members), max(ln.x1 for ln in members)
        for ln in members:
            ln.col_left, ln.col_right, ln.column = left, right, f"panel {k + 1}"
        at = next((i for i, ln in enumerate(order) if ln.top > members[0].top), len(order))
        while 0 < at < len(order) and _runs_on(order[at - 1], order[at]):
            at += 1  # not inside a paragraph of the running text: after it
        placed.setdefault(at, []).extend(members)
    out: list[_Line] = []
    for i in range(len(order) + 1):
        out += placed.get(i, [])
        if i < len(order):
            out.append(order[i])
    return out


# --------------------------------------------------------------------------- pass 1: collect


def _layout_objects(page):
    """Characters and ruling graphics of a page, straight from pdfminer's layout.

    pdfplumber's `page.chars`/`page.objects` convert every attribute of every object to a dict,
    which costs most of the reading time; only the few attributes used here are taken.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    chars: list[LTChar] = []
    graphics: list[LTCurve] = []
    stack = [iter(page.layout)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                chars.append(obj)
            elif isinstance(obj, LTCurve):
                graphics.append(obj)
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj))
                break
        else:
            stack.pop()
    height, width = float(page.height), float(page.width)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    char_dicts = []
    for c in chars:
        if c.x1 < 0 or c.x0 > width or c.y1 < 0 or c.y0 > height:
            continue  # drawn off the page (clipped away)
        text = c.get_text()
        top = height - c.y1 + mb_top
        fontname = c.fontname
        if isinstance(fontname, bytes):
            fontname = fontname.decode("latin-1", "replace")
        if len(text) == 1 and _private_use(text):
            text = symbol_glyph(text, fontname)  # (a dingbat font's plain letters: extract_words, both readers)
        char_dicts.append(
            {
                "text": text,
                "x0": c.x0 + mb_x0,
                "x1": c.x1 + mb_x0,
                "top": top,
                "doctop": top,
                "bottom": height - c.y0 + mb_top,
                "upright": _horizontal(c),
                "size": c.size,
                "fontname": fontname,
            }
        )
    return char_dicts, graphics


def _horizontal(c) -> bool:
    """Whether a character runs along the line: pdfminer's `upright` tests only the signs of the
    matrix's products, so a glyph turned a quarter with near-zero cosine terms (-1.8e-16, as office
    tools write a sideways "Page 25" up the margin) passes it; its baseline must also point along x."""
    a, b = c.matrix[0], c.matrix[1]
    return bool(c.upright) and abs(b) <= 0.1 * abs(a)  # a few degrees of skew (a scan's text layer) still reads


_MARKER_CHARS = set("0123456789*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰")


def _drop_note_markers(chars: list[dict]) -> list[dict]:
    """Footnote markers raised after a word ("primary,² secondary") are not part of the sentence.

    A marker is a run of digits (or *, †, ‡) set smaller than the text it follows, on the same line,
    with its baseline raised: dropped, so "primary,2 secondary" reads "primary, secondary".  The
    footnote itself, at the foot of the page, stays a paragraph of its own.
    """
    out: list[dict] = []
    anchor: dict | None = None  # the last ordinary character of the line
    for c in chars:
        if anchor is not None and c["text"] in _MARKER_CHARS:
            size = anchor["size"] or 1.0
            same_line = anchor["top"] - 0.5 * size <= c["top"] <= anchor["bottom"]
            if (same_line and c["size"] <= 0.8 * size and anchor["bottom"] - c["bottom"] >= 0.2 * size
                    and -0.2 * size <= c["x0"] - anchor["x1"] <= 0.6 * size):
                anchor = {**anchor, "x1": c["x1"]}  # a run of marker digits stays a marker
                continue
        out.append(c)
        if c["text"].strip():
            anchor = c
    return out


def _white(color) -> bool:
    """A fill colour that is white on paper: gray 1, RGB (1, 1, 1) or CMYK (0, 0, 0, 0)."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(c, (int, float)) for c in color):
        return False
    if len(color) == 4:
        return all(c <= 0.02 for c in color)
    return all(c >= 0.98 for c in color)


def _invisible(g) -> bool:
    """A white box filled behind text and not stroked (word processors shade each line of a
    paragraph this way): it draws nothing on a white page, so its edges are no table rulings."""
    return bool(getattr(g, "fill", False)) and not getattr(g, "stroke", False) and _white(
        getattr(g, "non_stroking_color", None))


def _hidden_fills(graphics: list) -> set[int]:
    """Filled, unstroked boxes drawn on a box of the same colour that holds them (a text highlight
    the colour of its cell): they draw nothing visible, so their edges are no rulings."""
    fills = [(i, g) for i, g in enumerate(graphics)
             if getattr(g, "fill", False) and not getattr(g, "stroke", False) and g.width > 2 and g.height > 2]
    hidden = set()
    for i, g in fills:
        colour = getattr(g, "non_stroking_color", None)
        for j, big in fills:
            if j != i and getattr(big, "non_stroking_color", None) == colour and (
                    big.x0 - 0.5 <= g.x0 and g.x1 <= big.x1 + 0.5 and big.y0 - 0.5 <= g.y0 and g.y1 <= big.y1 + 0.5
                    and big.width * big.height > g.width * g.height):
                hidden.add(i)
                break
    return hidden


def _find_tables(page, graphics: list) -> tuple[list, list[tuple[str, float]]]:
    """`page.find_tables()` on the page's ruling lines (the default "lines" strategy, made explicit),
    and the ends ("top" or "bottom", y) where a table was left open and is closed here."""
    from pdfplumber.utils import obj_to_edges

    hidden = _hidden_fills(graphics)
    edges = [e for i, g in enumerate(graphics) if not (_invisible(g) or i in hidden)
             for e in obj_to_edges(page.process_object(g))]
    return _tables_from_edges(page, edges)


def _tables_from_edges(page, edges: list[dict]) -> tuple[list, list[tuple[str, float]]]:
    """The ruled tables that straight edges (pdfplumber's form, top-down) make on the page (a
    pdfplumber page, or None), and the ends of tables left open and closed here (see _find_tables)."""
    v = [e for e in edges if e.get("orientation") == "v" and e["height"] >= 1]
    h = [e for e in edges if e.get("orientation") == "h" and e["width"] >= 1]
    if len(v) < 2 or not h:
        return [], []
    # a table whose last row runs on to the next page is often left open at the bottom (or top):
    # close it where two or more vertical rules end at the same height without a horizontal rule
    # (only at the rules' outermost ends: rules drawn in pieces, one per row, end inside the table too)
    outermost = {"top": min(e["top"] for e in v), "bottom": max(e["bottom"] for e in v)}
    opened: list[tuple[str, float]] = []
    for end in ("top", "bottom"):
        ends: dict[int, list[dict]] = defaultdict(list)
        for e in v:
            ends[round(e[end])].append(e)
        for y, group in ends.items():
            if len(group) < 2 or abs(y - outermost[end]) > 2:
                continue
            x0 = min(e["x0"] for e in group)
            x1 = max(e["x0"] for e in group)
            if x1 - x0 < 1 or _ruled_across(h, y, x0, x1):
                continue
            opened.append((end, float(y)))
            h.append(
                {
                    "object_type": "rect_edge",
                    "orientation": "h",
                    "x0": x0,
                    "x1": x1,
                    "top": float(y),
                    "bottom": float(y),
                    "doctop": float(y),
                    "width": x1 - x0,
                    "height": 0.0,
                }
            )
    if len(h) < 2:
        return [], []
    from pdfplumber.table import TableFinder

    # page.find_tables() with these settings: the finder needs no page for explicit edges
    return TableFinder(page, {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": v,
        "explicit_horizontal_lines": h,
    }).tables, opened


def _ruled_across(h: list[dict], y: float, x0: float, x1: float) -> bool:
    """Whether horizontal rules at height `y` run from `x0` to `x1`: one rule, or rules drawn in
    pieces that meet (browsers and some word processors draw a table's border a cell at a time)."""
    reach = x0
    for e in sorted((e for e in h if abs(e["top"] - y) <= 1.5), key=lambda e: e["x0"]):
        if e["x0"] > reach + 1:
            break  # a gap in the rule
        reach = max(reach, e["x1"])
    return reach >= x1 - 1


def _collect_page(page, number: int, carry: _Table | None = None) -> _Page:
    """A page read by pdfminer: its characters, ruled tables and drawn bullets (pdfplumber's geometry)."""
    chars, graphics = _layout_objects(page)
    words = _words(_drop_note_markers(chars))
    tables = _ruled_tables(*_find_tables(page, graphics)) if words and graphics else []
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    _note_fills(tables, graphics, float(page.height), mb_x0, mb_top)
    words += _shape_bullets(graphics, words, float(page.height), mb_x0, mb_top)
    boxes = _text_boxes(graphics, float(page.width), float(page.height), mb_x0, mb_top)
    return _assemble(number, float(page.width), float(page.height), words, tables, carry, boxes)


def _fast_page(fast, number: int, carry: _Table | None = None) -> _Page | None:
    """A page from pdfium's text layer and paths (kb/sources/pdf_pdfium.py), or None when it needs
    pdfminer after all (then `fast.reason` says why: a turned page, no text layer, ...).

    The ruled tables are pdfplumber's table finder on pdfium's painted edges, kept by the same
    rules as pdfminer's (white boxes and fills hidden on their own colour are no rulings)."""
    if fast.reason is not None:
        return None
    words = _words(_drop_note_markers(fast.chars))
    graphics = fast.shapes
    tables: list[_Table] = []
    if words and graphics:
        hidden = _hidden_fills(graphics)
        edges = [e for i, g in enumerate(graphics) if not (_invisible(g) or i in hidden) for e in g.edges]
        tables = _ruled_tables(*_tables_from_edges(None, edges))
        _note_fills(tables, graphics, fast.height, 0.0, 0.0)
    words += _shape_bullets(graphics, words, fast.height, 0.0, 0.0)
    boxes = _text_boxes(graphics, fast.width, fast.height, 0.0, 0.0)
    return _assemble(number, fast.width, fast.height, words, tables, carry, boxes)


def _note_fills(tables: list[_Table], graphics: list, height: float, mb_x0: float, mb_top: float) -> None:
    """Each ruled table's cells painted a rating colour (kb.sources.pdf_fills), from the filled
    boxes of the page (PDF coordinates, from the bottom left) turned top-down as the cells are."""
    if not tables:
        return
    from kb.sources.pdf_fills import cell_fills, rating_colour

    painted = []
    for g in graphics:
        if not getattr(g, "fill", False) or g.width < 2 or g.height < 2:
            continue
        colour = rating_colour(getattr(g, "non_stroking_color", None))
        if colour is not None:
            painted.append(((g.x0 + mb_x0, height - g.y1 + mb_top, g.x1 + mb_x0, height - g.y0 + mb_top), colour))
    if painted:
        for t in tables:
            t.fills = cell_fills(t.cell_boxes, painted)


def _rate_cells(pages: list[_Page]) -> None:
    """Write the rating colour into each empty cell that gives a rating by colour alone: under a
    status column of its table's header (a table going on from the page before, with no header of
    its own, keeps that table's columns) or as a colour key's code cell (kb.sources.pdf_fills)."""
    from kb.sources.pdf_fills import in_spans, is_key_row, status_spans

    headed: list[tuple[float, float, list[tuple[float, float]]]] = []  # tables with a header: x0, x1, spans
    for page in pages:
        for t in sorted(page.tables, key=lambda t: t.top):
            head = next((ri for ri, row in enumerate(t.rows) if any(row)), None)
            own = None if head is None else status_spans(
                [(_join_words(cell), t.cell_boxes[head][ci]) for ci, cell in enumerate(t.rows[head])])
            if own is not None:
                spans = own
                headed.append((t.x0, t.x1, own))
            else:  # no header: the table of the same width and place going on, if one had a header
                head = None  # (its first row is a row like the others)
                spans = next((sp for x0, x1, sp in reversed(headed) if abs(x0 - t.x0) <= 3 and abs(x1 - t.x1) <= 3), [])
            size = _mode([w.size for row in t.rows for c in row for w in c], 10.0)  # the table's type size
            for (ri, ci), colour in t.fills.items():
                cell, box = t.rows[ri][ci], t.cell_boxes[ri][ci]
                if cell or box is None:
                    continue
                texts = [_join_words(c) for c in t.rows[ri]]
                if (ri != head and in_spans(box, spans)) or is_key_row(texts, ci, colour):
                    middle = (box[1] + box[3]) / 2
                    cell.append(_Word(colour.capitalize(), box[0] + 2, box[0] + 2 + 2.5 * size,
                                      middle - size / 2, middle + size / 2, size, False))


def _ruled_tables(found: list, opened: list[tuple[str, float]]) -> list[_Table]:
    """pdfplumber's tables as the reader's: two columns or more (a box around text is no table),
    each row's cells as drawn, and whether a table is left open at its top or bottom."""
    tables: list[_Table] = []
    for t in found:
        rows = t.rows
        ncols = max((len(r.cells) for r in rows), default=0)
        if ncols < 2 or not rows:
            continue  # a box around text is not a table
        x0, top, x1, bottom = t.bbox
        boxes = _row_cells([list(r.cells) for r in rows])
        tables.append(
            _Table(
                top=float(top),
                bottom=float(bottom),
                x0=float(x0),
                x1=float(x1),
                rows=[[[] for _ in r] for r in boxes],
                cell_boxes=boxes,
                continues_row=any(end == "top" and abs(y - top) <= 1.5 for end, y in opened),
                open_bottom=any(end == "bottom" and abs(y - bottom) <= 1.5 for end, y in opened),
            )
        )
    return tables


_WORD_GAP = 0.15  # ems: words split at gaps wider than this (many PDFs, LaTeX, ghostscript, draw no spaces)
_LINE_TOLERANCE = 3.0  # points: characters whose tops are this close (in a chain) are on one line


def extract_words(chars: list[dict]) -> list[dict]:
    """Upright words from characters, as pdfplumber's `extract_words(chars, extra_attrs=["fontname",
    "size"], x_tolerance_ratio=0.15)` makes them, in its order (pdfplumber's general version, with
    its options and directions, took a quarter of the reading time once pdfium read the text).

    Runs of characters in one font and size (in drawing order) are each cut into lines (tops within
    3 pt of the next, in a chain), each line read left to right; a word ends at a space, at a gap
    wider than 0.15 of the last letter's size, where the next letter starts left of the last one,
    or where its top is more than 3 pt away.  Text turned from the horizontal is left out."""
    out: list[dict] = []
    run: list[dict] = []
    key = None
    dingbat = False
    for c in chars:
        k = (c["upright"], c["fontname"], c["size"])
        if k != key:
            if run and key[0]:
                _run_words(run, out)
            run, key = [], k
            name = str(c["fontname"]).lower()
            dingbat = "dingbat" in name or "wingding" in name
        if dingbat and len(c["text"]) == 1:
            c = {**c, "text": symbol_glyph(c["text"], str(c["fontname"]))}  # ZapfDingbats' "n" is a square
        run.append(c)
    if run and key[0]:
        _run_words(run, out)
    return out


def _run_words(run: list[dict], out: list[dict]) -> None:
    tops = sorted({c["top"] for c in run})
    line_of: dict[float, int] = {}
    line, last = 0, tops[0]
    for t in tops:
        if t > last + _LINE_TOLERANCE:
            line += 1
        line_of[t] = line
        last = t
    lines: dict[int, list[dict]] = defaultdict(list)
    for c in run:
        lines[line_of[c["top"]]].append(c)
    for n in sorted(lines):
        word: list[dict] = []
        for c in sorted(lines[n], key=lambda c: c["x0"]):
            if c["text"].isspace():
                if word:
                    out.append({**_merge(word), "space_after": True})
                word = []
                continue
            if word:
                prev = word[-1]
                if (c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + _WORD_GAP * prev["size"]
                        or abs(c["top"] - prev["top"]) > _LINE_TOLERANCE):
                    out.append(_merge(word))
                    word = []
            word.append(c)
        if word:
            out.append(_merge(word))


_EXPAND = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def _merge(chars: list[dict]) -> dict:
    first = chars[0]
    x0, x1, top, bottom = first["x0"], first["x1"], first["top"], first["bottom"]
    for c in chars:
        if c["x0"] < x0:
            x0 = c["x0"]
        if c["x1"] > x1:
            x1 = c["x1"]
        if c["top"] < top:
            top = c["top"]
        if c["bottom"] > bottom:
            bottom = c["bottom"]
    text = "".join(c["text"] for c in chars)
    if not text.isascii():
        text = "".join(_EXPAND.get(c["text"], c["text"] or "") for c in chars)
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "upright": first["upright"], "fontname": first["fontname"], "size": first["size"]}


def _words(chars: list[dict]) -> list[_Word]:
    """Words from characters (pdfplumber's word grouping), each with its size and weight."""
    raw = extract_words(chars)
    words: list[_Word] = []
    seen: set[tuple[str, int, int]] = set()
    spaces: set[tuple[int, int]] | None = None
    for w in raw:
        if not w.get("upright", True):
            continue
        text = _clean(w["text"]).strip()
        if not text:
            continue
        key = (text, round(float(w["x0"])), round(float(w["top"])))
        if key in seen:
            continue  # text drawn twice (fake bold, shadows)
        seen.add(key)
        words.append(
            _Word(
                text=text,
                x0=float(w["x0"]),
                x1=float(w["x1"]),
                top=float(w["top"]),
                bottom=float(w["bottom"]),
                size=float(w.get("size") or 0.0),
                bold=bool(_BOLD_FONT.search(str(w.get("fontname") or ""))),
                space_after=bool(w.get("space_after")),
            )
        )
        if text.endswith("-"):  # "Lead- Strategy" typed with a space, or "Five-Year" broken at the hyphen
            if spaces is None:
                spaces = {(round(c["x0"]), round(c["top"])) for c in chars if c["text"] == " "}
            x, y = round(float(w["x1"])), round(float(w["top"]))
            words[-1].spaced = any((x + dx, y + dy) in spaces for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    return words


def _assemble(number: int, width: float, height: float, words: list[_Word], tables: list[_Table],
              carry: _Table | None = None, boxes: list[tuple[float, float, float, float]] | None = None) -> _Page:
    """A page from its words (from the text layer or from OCR) and its ruled tables; `carry` is a
    table without rulings that ended the page before (it may go on at the head of this one);
    `boxes` the coloured panels text is printed in (`_text_boxes`), read one panel at a time."""
    running: list[_Word] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for t in tables:
            if t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom:
                _place_in_table(t, w, cx, cy)
                break
        else:
            running.append(w)
    from kb.sources.pdf_tables import find_aligned_tables, frames_columns

    rules: list[float] = []
    for t in list(tables):
        edges = frames_columns(t)
        if edges is not None:  # rules around groups of columns: the words line up inside them
            tables.remove(t)
            running += [w for row in t.rows for cell in row for w in cell]
            rules += edges
    side = _side_by_side_panels(running, boxes or [])
    panels: dict[int, list[_Line]] = {}
    if side is not None:
        panels, running = side
    found, rest = find_aligned_tables(_group_lines(running), carry, height, rules)
    tables = tables + found
    gutters: list[float] = []
    # the panels' lines stand where they are while the page's columns are found, so the running text
    # beside them is measured as it was printed; then each panel is put in whole (`_with_panels`)
    if panels:
        panel_words = {id(w) for members in panels.values() for ln in members for w in ln.words}
        lines = _columns(_group_lines([w for ln in rest for w in ln.words] + [
            w for members in panels.values() for ln in members for w in ln.words]), gutters=gutters)
        _name_columns(lines, gutters)
        lines = _with_panels(_without(lines, panel_words), panels, boxes or [])
    else:
        lines = _columns(rest, gutters=gutters)
        _name_columns(lines, gutters)
    for line in lines:
        _split_glyph(line)
        _split_leader(line)
    return _Page(number=number, width=width, height=height, lines=lines, tables=tables)


def _row_cells(rows: list[list[tuple[float, float, float, float] | None]]) -> list[list]:
    """Each row's cells as drawn: a column that a cell to its left spans in this row is not a cell.

    pdfplumber aligns every row to the union of the table's columns, so tables pasted row by row
    (each row its own ruled table, as office tools and browsers export them) or cells spanning
    columns come out with empty slots that are not cells.  A slot no cell of the row covers (a cell
    spanning rows from above, an empty cell) stays, so the columns of ordinary tables keep their place.
    """
    lefts = sorted({round(box[0], 1) for row in rows for box in row if box is not None})
    out = []
    for row in rows:
        cells: list[tuple[float, float, float, float] | None] = []
        reach: float | None = None
        for i, box in enumerate(row):
            if box is None and reach is not None and i < len(lefts) and lefts[i] < reach - 1.0:
                continue  # inside the span of the cell before it
            cells.append(box)
            if box is not None:
                reach = box[2]
        out.append(cells)
    return out


_BULLET_SHAPE = (1.5, 9.0)  # side of a drawn bullet (disc, circle or square), in points


def _shape_bullets(graphics: list, words: list[_Word], height: float, mb_x0: float = 0.0,
                   mb_top: float = 0.0) -> list[_Word]:
    """List bullets drawn as shapes (a filled disc or square, a hollow circle) become "•" words.

    Browsers and some office tools draw list markers as vector graphics, not as text, so without
    this a list reads as one run-on paragraph.  A shape counts when it is small, roughly square,
    sits within the height of a line of text that starts just to its right, and no text stands
    just to its left on that line.
    """
    if not graphics:
        return []
    out: list[_Word] = []
    for g in graphics:
        w, h = float(g.x1 - g.x0), float(g.y1 - g.y0)
        if not (_BULLET_SHAPE[0] <= w <= _BULLET_SHAPE[1] and _BULLET_SHAPE[0] <= h <= _BULLET_SHAPE[1]):
            continue
        if abs(w - h) > 0.35 * max(w, h):
            continue
        x0, x1 = float(g.x0) + mb_x0, float(g.x1) + mb_x0
        top, bottom = height - float(g.y1) + mb_top, height - float(g.y0) + mb_top
        cy = (top + bottom) / 2
        band = [t for t in words if t.top <= cy <= t.bottom]
        right = [t for t in band if 0 <= t.x0 - x1 <= 3.0 * max(t.size, 1.0)]
        if not right:
            continue
        nearest = min(right, key=lambda t: t.x0)
        if h > 0.8 * max(nearest.size, 1.0):
            continue  # as tall as the text: a box or an icon, not a bullet
        if any(0 <= x0 - t.x1 <= 1.5 * max(t.size, 1.0) for t in band):
            continue  # text just before it: a mark inside a line
        out.append(_Word("•", x0, x1, nearest.top, nearest.bottom, nearest.size, False))
    return out


def _place_in_table(t: _Table, w: _Word, cx: float, cy: float) -> None:
    best: tuple[float, int, int] | None = None
    for ri, boxes in enumerate(t.cell_boxes):
        for ci, box in enumerate(boxes):
            if box is None:
                continue
            bx0, btop, bx1, bbottom = box
            dx = max(bx0 - cx, 0.0, cx - bx1)
            dy = max(btop - cy, 0.0, cy - bbottom)
            d = dx + dy
            if best is None or d < best[0]:
                best = (d, ri, ci)
            if d == 0:
                t.rows[ri][ci].append(w)
                return
    if best is not None:
        t.rows[best[1]][best[2]].append(w)


# --------------------------------------------------------------------------- document statistics


@dataclass
class _Stats:
    body: float
    pitch: float  # line pitch inside a paragraph, as a multiple of the font size
    running: set[tuple[str, str, int]]
    pitches: dict[float, float] = field(default_factory=dict)  # the same, per (rounded) font size

    def pitch_for(self, size: float) -> float:
        """The line pitch of text of this size (body text, footnotes and tables are often spaced
        differently), else the document's overall."""
        return self.pitches.get(round(size)) or self.pitch


def _running_key(page: _Page, line: _Line) -> tuple[str, str, int] | None:
    if line.bottom <= page.height * MARGIN_ZONE:
        zone = "top"
    elif line.top >= page.height * (1 - MARGIN_ZONE):
        zone = "bottom"
    else:
        return None
    norm = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
    return zone, norm, round(line.top / 4)


def _title_like(line: _Line, typical: float) -> bool:
    """Set as a title (larger than the text, or bold), with words, and not a page number."""
    return ((line.size >= 1.15 * typical or line.bold) and sum(ch.isalpha() for ch in line.text) >= 8
            and not _is_page_number(line.text))


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    return Counter(values).most_common(1)[0][0]


_SIZE_PITCH_SAMPLES = 5  # line pairs a font size needs to have a line pitch of its own


def _pitch_ratios(page: _Page) -> list[tuple[float, float]]:
    """(font size, baseline-to-baseline distance in ems to 0.05) of consecutive lines of one size."""
    out = []
    for a, b in zip(page.lines, page.lines[1:], strict=False):
        if abs(a.size - b.size) > 0.3 or a.size <= 0:
            continue
        r = (b.bottom - a.bottom) / a.size
        if 0.95 <= r <= 2.5:
            out.append((round(a.size), round(r * 20) / 20))
    return out


def _pitch_of(ratios: list[float]) -> float:
    """The line pitch inside paragraphs: the tightest spacing that is frequent (wider ones are gaps
    between paragraphs); documents set anything from single to double spacing."""
    if not ratios:
        return 1.2
    counts = Counter(ratios)
    frequent = sorted(r for r, n in counts.items() if n >= max(3, 0.1 * len(ratios)))
    pitch = frequent[0] if frequent else counts.most_common(1)[0][0]
    return min(max(pitch, 1.0), 2.0)


def _stats(pages: list[_Page]) -> _Stats:
    # running headers/footers: same text (digits ignored) at the same height on most pages
    seen: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for p in pages:
        for line in p.lines:
            key = _running_key(p, line)
            if key is not None:
                seen[key].add(p.number)
    need = max(2, math.ceil(0.4 * len(pages)))
    running = {k for k, v in seen.items() if len(v) >= need}
    # headers that change by chapter ("Chapter 2: Finance   17") still carry the page number:
    # a number at the start or end of a margin line that runs in step with the page index
    offsets: dict[tuple[str, int], set[int]] = defaultdict(set)
    for p in pages:
        for line in p.lines:
            key = _running_key(p, line)
            number = _edge_number(line.text) if key is not None else None
            if key is not None and number is not None:
                offsets[(key[0], number - p.number)].add(p.number)
    stepped = {k for k, v in offsets.items() if len(v) >= max(3, math.ceil(0.25 * len(pages)))}
    sizes_all = sorted(line.size for p in pages for line in p.lines)
    typical = sizes_all[len(sizes_all) // 2] if sizes_all else 10.0
    titles_kept: set[tuple[str, str, int]] = set()
    for p in pages:
        for line in p.lines:
            key = _running_key(p, line)
            if key is None:
                continue
            number = _edge_number(line.text)
            if key in running and key[0] == "top" and key not in titles_kept and _title_like(line, typical):
                titles_kept.add(key)  # a page title repeated over a section: its first showing is a heading
                continue
            if (
                key in running
                or _is_page_number(line.text)
                or (number is not None and (key[0], number - p.number) in stepped)
            ):
                line.running = True
        p.lines = [line for line in p.lines if not line.running]

    sizes: Counter[float] = Counter()
    for p in pages:
        for line in p.lines:
            for w in line.words:
                sizes[round(w.size, 1)] += len(w.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    body = body or 10.0

    ratios: list[float] = []
    doc_by_size: dict[float, list[float]] = defaultdict(list)
    for p in pages:
        for size, r in _pitch_ratios(p):
            doc_by_size[size].append(r)
            ratios.append(r)
    pitch = _pitch_of(ratios)
    pitches = {size: _pitch_of(rs) for size, rs in doc_by_size.items() if len(rs) >= _SIZE_PITCH_SAMPLES}

    # text margins per page (list items' hanging lines left out), right edges per page width
    for p in pages:
        hanging = [line.text_x0 for line in p.lines if line.glyph]
        xs = [
            round(line.x0)
            for line in p.lines
            if not line.glyph
            and abs(line.size - body) <= 0.5
            and not any(abs(line.x0 - x) <= 1.5 for x in hanging)  # not a list item's second line
        ]
        p.left = _mode(xs, -1.0)
        ends = sorted(line.x1 for line in p.lines if abs(line.size - body) <= 0.5)
        p.right = ends[int(0.95 * (len(ends) - 1))] if ends else p.width
    doc_left = _mode([p.left for p in pages if p.left >= 0], 0.0)
    rights: dict[int, list[float]] = defaultdict(list)
    for p in pages:
        if p.lines:
            rights[round(p.width)].append(p.right)
    for p in pages:
        same = sorted(rights.get(round(p.width), []))
        if same:
            p.right = max(p.right, same[len(same) // 2])
        if p.left < 0:
            p.left = doc_left

    return _Stats(body=body, pitch=pitch, running=running, pitches=pitches)


# --------------------------------------------------------------------------- pass 2: blocks


def _dash_is_bullet(line: _Line, prev: _Line | None, stats: _Stats) -> bool:
    """A leading "-"/"–" is a list item unless it continues the previous line's sentence."""
    if prev is None or prev.glyph:
        return True
    pitch = (line.bottom - prev.bottom) / max(line.size, 1.0)
    tight = pitch <= stats.pitch + 0.3
    same_x = abs(line.x0 - prev.x0) <= 2.0
    return not (tight and same_x and not prev.text.rstrip().endswith(":"))


def _restore_glyph(line: _Line) -> None:
    """Put back a leading dash that turned out to be text, not a bullet."""
    line.words.insert(0, _Word(line.glyph, line.x0, line.x0, line.top, line.bottom, line.size, False))
    line.glyph = ""
    line.text_x0 = line.x0


def _breaks(block: _Block, prev: _Line, line: _Line, page: _Page, stats: _Stats) -> bool:
    """Does `line` start a new block after `prev` (the last line of `block`)?"""
    if line.glyph or line.toc or prev.toc:
        return True
    size = max(prev.size, line.size, 1.0)
    left = prev.col_left if prev.col_left is not None else page.left
    right = prev.col_right if prev.col_right is not None else page.right
    width = max(right - left, 1.0)
    prev_full = prev.x1 >= right - 0.15 * width
    if _NUMBERED.match(line.text) and (not prev_full or _ends_sentence(prev.text)):
        return True
    if abs(prev.size - line.size) > 0.1 * size:
        return True
    pitch = (line.bottom - prev.bottom) / size
    big = max((w.size for w in line.words), default=line.size)
    if big > line.size + 0.5 and pitch > 0:
        # a glyph larger than its line (a full stop in another font) makes the line taller
        pitch = max(pitch - (big - line.size) * stats.pitch_for(line.size) / size, 0.01)
    if (
        pitch <= 0
        and prev.col_right is not None
        and line.col_left is not None
        and line.x0 > prev.x1
        and prev_full
        and prev.bold == line.bold
        and not _ends_sentence(prev.text)
    ):
        return False  # a paragraph running on from the foot of one column to the head of the next
    if pitch <= 0 or pitch > stats.pitch_for(prev.size) + 0.3:
        return True
    if block.kind == "bullet":
        # a list item continues at its hanging indent, or, wrapped under its bullet without one, with
        # a line that goes on mid-sentence ("... with enough" / "detail to understand ...")
        under_bullet = line.x0 >= block.lines[0].x0 - 0.6 * size and prev_full and line.text[:1].islower() \
            and not _ends_sentence(prev.text)
        if abs(line.x0 - block.lines[0].text_x0) > 0.6 * size and not under_bullet:
            return True
    else:
        shift = prev.x0 - line.x0
        # later lines sit at the same x; after a paragraph's first line a first-line indent is allowed
        allowed = (-0.6 * size, 3 * size) if len(block.lines) == 1 else (-0.6 * size, 0.6 * size)
        if not allowed[0] <= shift <= allowed[1] and not _hangs_under_label(block, line, size):
            centred = abs((line.x0 + line.x1) - (prev.x0 + prev.x1)) <= size
            if not centred:
                return True
    if prev.bold != line.bold and not prev_full:
        return True  # a short bold line is a heading; a short plain line ends a paragraph
    if _ends_sentence(prev.text) and prev.x1 < right - 0.2 * width and _first_word_fits(prev, line, right):
        return True
    # A line the next one's first word would have fitted on ended by choice, not by wrapping: before a
    # field ("Lead: ...", "Timescale: ...", after an action's title) or a numbered paragraph ("3.2 We
    # will ..." after a sentence or a field), a new block, however close the lines (single-line paragraphs
    # leave the document no wider spacing between paragraphs to learn from).
    # (the right margin as wide as the left when no line of the page reaches it: a page of short fields)
    if _first_word_fits(prev, line, max(right, page.width - page.left)) and (
            _opens_field(line.text) or (_ends_sentence(prev.text) or _opens_field(prev.text))
            and _SECTION_START.match(line.text)):
        return True
    return False


# A multi-level paragraph number opening a line before a capitalised word: "3.2 We will ...".
_SECTION_START = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,2}\.?\s+[A-Z]")
# ("Action 2.2: ...", "Objective 2.3 – Severe weather": a numbered label before its colon or dash)
_NUMBERED_LABEL = re.compile(rf"^{LABELLED_NUMBER}(?::|\s[–—-])\s+\S")
_FIELD_OPENING = re.compile(r"^([A-Z][A-Za-z /&'’()-]{1,40}):\s+\S")


def _opens_field(text: str) -> bool:
    """A line opening with a field label an action plan uses ("Lead:", "What we will do:", "By when:")
    or with a numbered item's label ("Action 2.2:", "Recommendation 4:")."""
    m = _FIELD_OPENING.match(text)
    return m is not None and label_role(m.group(1), line_form=True) is not None or bool(_NUMBERED_LABEL.match(text))


def _first_word_fits(prev: _Line, line: _Line, right: float) -> bool:
    """Whether the first word of `line` would have fitted at the end of `prev` (before `right`).  A
    line ending a sentence or a clause ("Dementia Friends;") with room left after it ends a paragraph
    only when the text could have gone on there: in a narrow table cell the next word may be longer
    than the room left, and the text wrapped ("Dementia Friends;" / "dementia friendly services")."""
    if not line.words:
        return True
    first = line.words[0]
    return prev.x1 + 0.25 * max(first.size, 1.0) + (first.x1 - first.x0) <= right


def _hangs_under_label(block: _Block, line: _Line, size: float) -> bool:
    """A numbered item's second line aligned with the text after its label ("(a) At the ..." or
    "4.2 The ..." over "considered the ..."): the hanging indent of numbered paragraphs in minutes
    and reports."""
    first = block.lines[0]
    if len(block.lines) != 1 or len(first.words) < 2:
        return False
    label = first.words[0].text
    # (also a capital letter, "A. Agree to ..." over "the statutory ...": a report's lettered recommendations;
    # and a number with its letter, "1(a) Replace ..." over "with text ...": a plan's lettered actions)
    if not (_NUMBERED.match(label + " ") or _SECTION.fullmatch(label) or re.fullmatch(r"[A-H]\.", label)
            or re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?\([a-z]{1,2}\)", label)):
        return False
    return abs(line.x0 - first.words[1].x0) <= 0.6 * size


_CODE_HEAD = re.compile(r"[A-Z][A-Z0-9]*\d-")  # a reference's first part: "CQC21-", "P4-"
_CODE_TAIL = re.compile(r"[A-Z]{1,3}\d")  # and its next: "M03", "S6"
_DATE_PART = re.compile(r"[0-9/]+")
# a date or year as tables print them: 31/12/2022, 31/12/22, 2021/22, 12/2022 (or its first part, a line
# of a cell too narrow for it ending there)
_SLASHED_FIGURE = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{0,4})?|\d{4}/\d{0,2}|\d{1,2}/\d{0,4}")
_WHOLE_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}/\d{2}")


def _figure_broken(before: str, after: str) -> bool:
    """A slashed date or year that an office tool broke inside, its column too narrow for it
    ("2021/2" over "2", "31/1" over "2/20" over "22", "30/09" over "/2022"): the line's last
    word and the next line's first are figures and slashes, neither a whole date alone, and
    together they make one."""
    return (bool(_DATE_PART.fullmatch(before)) and bool(_DATE_PART.fullmatch(after))
            and not _WHOLE_DATE.fullmatch(before) and not _WHOLE_DATE.fullmatch(after)
            and "/" in before + after and len(before + after) >= 5  # (not a fraction: "1/2" over "3")
            and bool(_SLASHED_FIGURE.fullmatch(before + after)))


def _render_words(lines: list[_Line], mark_bold: bool) -> str:
    """Join the visual lines of a paragraph, marking bold runs with `**` when asked."""
    words: list[tuple[str, bool, bool]] = []  # text, bold, space before
    last: _Word | None = None
    for li, line in enumerate(lines):
        prev: _Word | None = None
        for w in line.words:
            text = _CID.sub("", w.text)
            text = "".join(ch for ch in text if not _private_use(ch))
            if not text:
                prev = w
                continue
            if prev is None:
                space = li > 0
                if space and words and words[-1][0].endswith("-") and len(words[-1][0]) > 1:
                    # a word hyphenated over the line break: a compound before a capital only
                    # where the line broke at the hyphen itself, not at a space typed after it
                    if words[-1][0][-2].isalpha() and (
                        text[:1].islower() or (text[:1].isalpha() and not (last and last.spaced))
                    ):
                        space = False
                    elif words[-1][0][-2].isalnum() and text[:1].isdigit() and not (last and last.spaced):
                        space = False  # a date or range broken at its hyphen: "Apr-" over "22"
                    elif _CODE_HEAD.fullmatch(words[-1][0]) and _CODE_TAIL.match(text) and not (last and last.spaced):
                        space = False  # a reference broken at its hyphen: "CQC21-" over "M03"
                elif space and words and _figure_broken(words[-1][0], text):
                    space = False  # a date too long for a narrow column, broken in it: "31/1" over "2/20"
            else:
                space = w.x0 - prev.x1 > 0.12 * max(w.size, 1.0) or (prev.space_after and w.x0 >= prev.x0)
            words.append((text, w.bold, space))
            prev = last = w
    if not words:
        return ""
    letters = [(sum(ch.isalnum() for ch in t), b) for t, b, _ in words]
    total = sum(n for n, _ in letters)
    bold = sum(n for n, b in letters if b)
    if total and bold >= 0.9 * total:
        return "**" + _plain(words) + "**" if mark_bold else _plain(words)
    if not mark_bold or bold == 0:
        return _plain(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        text, b, space = words[i]
        if b and any(ch.isalnum() for ch in text):
            j = i
            while j + 1 < len(words) and (words[j + 1][1] or not any(ch.isalnum() for ch in words[j + 1][0])):
                j += 1
            while j > i and not words[j][1]:
                j -= 1  # trailing plain punctuation stays outside
            run = _plain(words[i : j + 1])
            out.append((" " if space and out else "") + "**" + run + "**")
            i = j + 1
        else:
            out.append((" " if space and out else "") + text)
            i += 1
    return "".join(out)


def _plain(words: list[tuple[str, bool, bool]]) -> str:
    out: list[str] = []
    for k, (text, _, space) in enumerate(words):
        if k and space:
            out.append(" ")
        out.append(text)
    return "".join(out)


def _cell_text(words: list[_Word], stats: _Stats, box: tuple[float, float, float, float] | None,
               ruled: bool = True) -> str:
    if not words:
        return ""
    lines = _group_lines(words)
    for line in lines:
        _split_glyph(line)
    x0 = box[0] if box else min(line.x0 for line in lines)
    x1 = box[2] if box else max(line.x1 for line in lines)
    cell_page = _Page(number=0, width=x1 - x0, height=0.0, lines=lines, tables=[], left=x0, right=x1)
    cell_page.right = x1 - 0.5 * stats.body  # inside a cell the right edge is the cell's, less padding
    widest = max(line.x1 for line in lines)
    if box:
        pad = min(line.x0 for line in lines) - box[0]
        if 0 <= pad <= 2 * stats.body:
            widest = max(widest, box[2] - pad)  # cells are padded alike on the left and the right
    items: list[list[_Line]] = []
    for line in lines:
        if line.glyph in _DASHES and not _dash_is_bullet(line, items[-1][-1] if items else None, stats):
            _restore_glyph(line)
        if items:
            block = _Block(kind="bullet" if items[-1][0].glyph else "para", page=0, lines=items[-1])
            if not _breaks(block, items[-1][-1], line, cell_page, stats) and not (
                ruled and _hard_break(items[-1][-1], line, widest)
            ):
                items[-1].append(line)
                continue
        items.append([line])
    texts = [_render_words(item, mark_bold=False) for item in items]
    return " • ".join(t.replace("\t", " ").strip() for t in texts if t.strip())


def _hard_break(prev: _Line, line: _Line, limit: float) -> bool:
    """A line broken by hand, not wrapped: the next line's first word would have fitted on it.

    Text wraps only when the next word does not fit, so where it would have fitted (within the
    widest line of the same text, which the wrap width is at least), and the next line starts
    as a sentence or an item does (a capital or a figure) at the same x, the writer started a new
    paragraph: a table cell listing one plan or action a line, with no bullets and no spacing.
    `limit` is the widest line, or the cell's right edge less the padding its left edge shows.
    Ruled cells only: a table set with tab stops does not wrap at all, every line is broken by hand.
    """
    if not line.words or not prev.words or abs(line.x0 - prev.x0) > 0.6 * max(line.size, 1.0):
        return False
    if prev.bold and line.bold:
        return False  # a header's label broken by hand ("Target" over "Date") is still one label
    if _RUNS_ON.search(prev.words[-1].text):
        return False  # a line ending on "and" or "of" goes on below
    first = line.words[0]
    start = first.text.lstrip("\"'“‘(")
    if not start or not (start[0].isupper() or start[0].isdigit()):
        return False
    size = max(first.size, 1.0)
    gaps = sorted(b.x0 - a.x1 for ln in (prev, line) for a, b in zip(ln.words, ln.words[1:], strict=False)
                  if 0 < b.x0 - a.x1 < 0.6 * size)
    space = gaps[len(gaps) // 2] if gaps else 0.3 * size  # the word space as this text sets it
    # with a margin: a word that would have fitted by a hair may not have (padding, borders)
    return prev.x1 + space + (first.x1 - first.x0) + 0.2 * size < limit


def _table_block(t: _Table, page: _Page, stats: _Stats) -> _Block:
    rows = []
    where = []
    edges: list[list[float]] = []
    for ri, row in enumerate(t.rows):
        cells = [_cell_text(words, stats, t.cell_boxes[ri][ci], ruled=not t.aligned)
                 for ci, words in enumerate(row)]
        if any(cells):
            rows.append("\t".join(cells))
            edges.append([b[0] for b in t.cell_boxes[ri] if b is not None])
            boxes = [b for b in t.cell_boxes[ri] if b is not None]
            where.append(Position(page.number, min(b[0] for b in boxes), min(b[1] for b in boxes),
                                  max(b[2] for b in boxes), max(b[3] for b in boxes), table=True)
                         if boxes else None)
    ncols = max((len(r) for r in t.rows), default=0)
    head = next((row for row in t.rows if any(row)), [])
    head_words = [w for cell in head for w in cell if any(ch.isalpha() for ch in w.text)]
    return _Block(
        kind="table", page=page.number, rows=rows, header=rows[0] if rows else "", ncols=ncols, top=t.top,
        row_positions=where, aligned=t.aligned, lefts=t.lefts or _ruled_lefts(t), right=t.x1,
        continues_row=t.continues_row, bold_head=bool(head_words) and all(w.bold for w in head_words),
        open_bottom=t.open_bottom, first_cells=edges[0] if edges else [], last_cells=edges[-1] if edges else [],
    )


def _ruled_lefts(t: _Table) -> list[float]:
    """The left edges of a ruled table's columns (its cells' left edges, within 2 pt)."""
    lefts: list[float] = []
    for x in sorted(box[0] for row in t.cell_boxes for box in row if box is not None):
        if not lefts or x - lefts[-1] > 2.0:
            lefts.append(x)
    return lefts


def _page_blocks(page: _Page, stats: _Stats) -> list[_Block]:
    # lines are already in reading order (columns); a table goes before the first line below it
    items: list[object] = []
    tables = sorted(page.tables, key=lambda t: t.top)
    for line in page.lines:
        while tables and tables[0].top <= line.top:
            items.append(tables.pop(0))
        items.append(line)
    items += tables
    blocks: list[_Block] = []
    current: _Block | None = None
    prev_line: _Line | None = None
    for item in items:
        if isinstance(item, _Table):
            block = _table_block(item, page, stats)
            if block.rows:
                blocks.append(block)
            current, prev_line = None, None
            continue
        line = item
        assert isinstance(line, _Line)
        if line.glyph in _DASHES and not _dash_is_bullet(line, prev_line, stats):
            _restore_glyph(line)
        if (
            current is not None
            and prev_line is not None
            and not _breaks(current, prev_line, line, page, stats)
        ):
            current.lines.append(line)
        else:
            kind = "toc" if line.toc and not line.glyph else "bullet" if line.glyph else "para"
            current = _Block(kind=kind, page=page.number, lines=[line], top=line.top)
            blocks.append(current)
        prev_line = line
    for b in blocks:
        if b.lines:
            last = b.lines[-1]
            left = last.col_left if last.col_left is not None else page.left
            right = last.col_right if last.col_right is not None else page.right
            b.last_full = last.x1 >= right - 0.15 * max(right - left, 1.0)
    return blocks


# --------------------------------------------------------------------------- output


class _ListState:
    """Nesting of list items, from the x of their glyphs within one run of a list.

    The first item of a list is level 0 (level 1 under a numbered item it is indented below);
    a deeper glyph opens a level, a shallower one closes levels. A paragraph at the items' text
    indent (a second paragraph of an item) keeps the list open; anything further left ends it.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.stack: list[float] = []
        self.base = 0
        self.text_x = 0.0
        self.numbered_x: float | None = None
        self.col_left: float | None = None  # the left edge of the column the list stands in

    def item(self, block: _Block) -> int:
        first = block.lines[0]
        x, tol = first.x0, max(0.6 * first.size, 3.0)
        if self.stack and first.col_left is not None and first.col_left != self.col_left:
            self.stack = []  # an item at the head of another column (the next of lists side by
            # side) starts its own list: further right is not deeper there
        self.col_left = first.col_left
        if not self.stack:
            self.base = 1 if self.numbered_x is not None and x > self.numbered_x + tol else 0
            self.stack = [x]
        elif x > self.stack[-1] + tol:
            self.stack.append(x)
        else:
            while len(self.stack) > 1 and x < self.stack[-1] - tol:
                self.stack.pop()
        self.text_x = first.text_x0
        return min(self.base + len(self.stack) - 1, 6)

    def paragraph(self, block: _Block, text: str) -> None:
        first = block.lines[0]
        tol = max(0.6 * first.size, 3.0)
        if _NUMBERED.match(text.lstrip("*")):
            self.reset()
            self.numbered_x = first.x0
        elif not (self.stack and first.x0 >= self.text_x - tol):
            self.reset()


def _emit(pages: list[_Page], stats: _Stats) -> list[SourceLine]:
    out: list[SourceLine] = []
    last: _Block | None = None
    last_text = ""

    lists = _ListState()

    def add(text: str, page: int, position: Position | None = None) -> None:
        if position is not None:  # its place in the reading order, for the tracer's nearness (Position.order)
            position = replace(position, order=len(out) + 1)
        out.append(SourceLine(text=text, line=None, page=page, position=position))

    for page in pages:
        counted: Counter[str | None] = Counter()  # lines are numbered within their column
        for line in page.lines:
            counted[line.column] += 1
            line.number = counted[line.column]
        blocks = _page_blocks(page, stats)
        for bi, block in enumerate(blocks):
            if block.kind == "table":
                continuing = (
                    bi == 0
                    and last is not None
                    and last.kind == "table"
                    and last.ncols == block.ncols
                    and block.rows[0] == last.header
                )
                # a table goes on over the page break in the same columns, its header not repeated
                # (a ruled table whose first row is bold starts afresh: that row is its header);
                # rows ruled one by one go on where the row overleaf has the cells of the last row
                row_cut = (bi == 0 and last is not None and last.kind == "table" and not block.aligned
                           and _same_cells(last.last_cells, block.first_cells) and bool(block.rows)
                           and (bool(out) and _cut_mid_phrase(out[-1].text)
                                or _lower_start(block.rows[0]) and not _every_cell_filled(block.rows[0])))
                runs_on = (not continuing and bi == 0 and last is not None and last.kind == "table"
                           and last.page == block.page - 1
                           and (_same_columns(last, block) or row_cut)
                           and (block.aligned or not block.bold_head))
                rows = block.rows[1:] if continuing else block.rows
                where = block.row_positions[1:] if continuing else block.row_positions
                if continuing or runs_on:
                    block.header = last.header
                elif out:
                    add("", block.page)
                if (runs_on and (row_cut or (block.continues_row and (block.aligned or last.open_bottom)))
                        and rows and out and out[-1].text):
                    # a cell whose lines run over the page break: its row goes on
                    out[-1] = replace(out[-1], text=_join_rows(out[-1].text, rows[0]))
                    rows, where = rows[1:], where[1:]
                for row, position in zip(rows, where, strict=True):
                    add(row, block.page, position)
                lists.reset()
                last, last_text = block, ""
                continue
            if block.kind == "toc":
                assert block.lines[0].toc is not None
                title, number = block.lines[0].toc
                if out and not (last is not None and last.kind == "toc"):
                    add("", block.page)
                add(f"{title}\t{number}", block.page, block.position())
                lists.reset()
                last, last_text = block, ""
                continue
            text = _render_words(block.lines, mark_bold=True)
            if not text:
                continue
            if (
                bi == 0
                and last is not None
                and last.kind in ("para", "bullet")
                and block.kind == "para"
                and last.page != block.page
                and (text[:1].islower() or last.last_full)
                and not _ends_sentence(last_text)
                and not last_text.endswith("**")
                and abs(last.lines[-1].size - block.lines[0].size) <= 0.5
                and last.lines[-1].bold == block.lines[0].bold
                and not _NUMBERED.match(text)
                and abs(
                    block.lines[0].x0
                    - (last.lines[0].text_x0 if last.kind == "bullet" else last.lines[-1].x0)
                )
                <= 0.6 * block.lines[0].size
            ):
                # a paragraph running over a page break
                joined = last_text + " " + text
                out[-1] = replace(out[-1], text=joined)
                last_text = joined
                last.lines = last.lines + block.lines
                last.last_full = block.last_full
                continue
            if block.kind == "bullet":
                block.level = lists.item(block)
                text = " " * block.level + "- " + text
            else:
                lists.paragraph(block, text)
            if out and not (block.kind == "bullet" and last is not None and last.kind == "bullet"):
                add("", block.page)
            add(text, block.page, block.position())
            last, last_text = block, text
    return out


def _join_rows(upper: str, lower: str) -> str:
    """A table row whose cells go on in the row below (tab-separated), cell by cell."""
    a, b = upper.split("\t"), lower.split("\t")
    a += [""] * (len(b) - len(a))
    return "\t".join(" ".join(p for p in (x, y) if p) for x, y in zip(a, b + [""] * (len(a) - len(b)), strict=True))


def _same_cells(a: list[float], b: list[float]) -> bool:
    """Two rows of ruled cells with the same left edges (within 3 pt)."""
    return len(a) == len(b) >= 2 and all(abs(x - y) <= 3.0 for x, y in zip(a, b, strict=True))


def _lower_start(row: str) -> bool:
    """A row whose first text starts in lower case: the rest of a sentence, not a row of its own."""
    text = next((c for c in row.split("\t") if c.strip()), "").lstrip("•").strip()
    return text[:1].islower()


def _every_cell_filled(row: str) -> bool:
    """A row with text in every cell: a row of its own, though its first cell starts in lower case
    (the items of a "We will" column finish its sentence); the part of a row that a page break cut
    off holds only the cells that ran over."""
    return all(c.strip() for c in row.split("\t"))


def _cut_mid_phrase(row: str) -> bool:
    """A row with a cell that stops on a word no phrase ends with ("2.1 and", "... in every ward;
    the", "60% of"): the page cut the row, whose cells go on overleaf, whatever the next cell starts with."""
    return any(ends_with_connector(c) for c in row.split("\t") if c.strip())


def _same_columns(a: _Block, b: _Block) -> bool:
    """Two tables of the same kind with the same columns (left edges within 3 pt; ruled tables'
    right edges too)."""
    if a.aligned != b.aligned or (not a.aligned and abs(a.right - b.right) > 3.0):
        return False
    return (a.ncols == b.ncols and len(a.lefts) == len(b.lefts)
            and all(abs(x - y) <= 3.0 for x, y in zip(a.lefts, b.lefts, strict=True)))


# --------------------------------------------------------------------------- entry point


def _check_file(path: pathlib.Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceError("file not found") from None
    except OSError as exc:
        raise SourceError(f"cannot open file: {exc.strerror or type(exc).__name__}") from None
    if size == 0:
        raise SourceError("empty file (not a PDF)")
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            if mm.find(b"%PDF-", 0, 1024) < 0:
                raise SourceError("not a PDF (no %PDF header)")
            if mm.rfind(b"%%EOF") < 0:
                raise SourceError("truncated or corrupt PDF (no end-of-file marker)")
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or type(exc).__name__}") from None


def _one_line(text: str, limit: int = 120) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(exc: BaseException) -> str:
    """A one-line reason for an exception raised while parsing a PDF."""
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain and len(chain) < 8:
        chain.append(e)
        e = e.__cause__ or e.__context__
    names = " ".join(type(x).__name__ for x in chain).lower()
    texts = " ".join(str(x) for x in chain).lower()
    if "password" in names or "password" in texts:
        return "encrypted PDF (password required)"
    if "encrypt" in names or "encrypt" in texts:
        return "encrypted PDF (unsupported encryption)"
    root = chain[-1]
    detail = _one_line(str(root))
    detail = f"{type(root).__name__}: {detail}" if detail else type(root).__name__
    if isinstance(root, MemoryError):
        return "PDF too large to read (out of memory)"
    return f"corrupt PDF ({detail})"


@dataclass
class PdfText:
    """What the reader made of a PDF: its lines, its page count, and the pages it could only read
    by OCR (`ocr_pages`) or not at all (`unread_pages`: scans without Tesseract, or OCR failures)."""

    lines: list[SourceLine]
    pages: int
    pdfminer_pages: dict[int, str] = field(default_factory=dict)  # pages read by pdfminer, and why
    ocr_pages: list[int] = field(default_factory=list)
    unread_pages: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    author: str = ""  # the document properties' Author (a body's name, a person's, a login, or none)


def read_pdf(path: pathlib.Path) -> tuple[list[SourceLine], int]:
    """Lines of a PDF in reading order with 1-based page numbers (line=None), and the page count."""
    result = read_pdf_text(path)
    return result.lines, result.pages


def _page_numbers(numbers: list[int]) -> str:
    """'3', '3 and 5', '3-6, 9' for a report line."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return ", ".join(parts)


def _ocr_page(path: pathlib.Path, number: int, width: float, height: float) -> _Page:
    from kb.sources.ocr import read_page

    words = [_Word(w.text, w.x0, w.x1, w.top, w.bottom, round(w.line_height, 1), False)
             for w in read_page(path, number - 1)]
    words = [w for w in words if _clean(w.text).strip()]
    return _assemble(number, width, height, words, [])


def _properties_author(pdfium, plumber) -> str:
    """The Author of the PDF's document properties, from whichever reader has the file open."""
    try:
        info = pdfium.get_metadata_dict() if pdfium is not None else (plumber.metadata if plumber is not None else {})
        author = info.get("Author") or ""
    except Exception:  # damaged properties say nothing about the text
        return ""
    return author.strip() if isinstance(author, str) else ""


def read_pdf_text(path: pathlib.Path, fast: bool = True) -> PdfText:
    """The PDF's lines in reading order (1-based page numbers, line=None), OCR for scanned pages.

    Each page's characters and painted paths come from pdfium, unless pdfium cannot give them as
    pdfminer does (a turned page, no text layer: kb/sources/pdf_pdfium.py); then, and with
    `fast=False` (the parity tests and the benchmark compare the two), from pdfminer (pdfplumber).
    The layout after that is the same for both."""
    path = pathlib.Path(path)
    _check_file(path)
    from kb.sources.pdf_pdfium import open_document, read_page
    from kb.sources.pdf_tables import open_table

    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of the package
        raise SourceError("PDF support needs pdfplumber (pip install pdfplumber)") from None
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pdfminer warns on every recoverable oddity
    pdfium = open_document(path) if fast else None  # None: pdfium cannot open it, pdfminer says why
    plumber = None  # pdfminer's reading of the file, opened for the first page that needs it
    page_objs: list = []
    slow: dict[int, str] = {}
    try:
        try:

            def plumber_pages() -> list:
                nonlocal plumber, page_objs
                if plumber is None:
                    plumber = pdfplumber.open(path)
                    try:
                        page_objs = plumber.pages
                    except Exception as exc:
                        raise SourceError(_describe(exc)) from None
                return page_objs

            count = len(pdfium) if pdfium is not None else len(plumber_pages())
            if count == 0:
                raise SourceError("PDF has no pages")
            pages = []
            scanned: list[tuple[int, float, float]] = []  # pages with images and no text layer
            carry: _Table | None = None  # a table without rulings at the foot of the page before
            for number in range(1, count + 1):
                collected = None
                if pdfium is not None:
                    try:
                        layer = read_page(pdfium, number - 1)
                        collected = _fast_page(layer, number, carry)
                        reason = layer.reason or ""
                    except Exception as exc:  # a page pdfium fails on: pdfminer may read it
                        reason = f"pdfium failed ({type(exc).__name__})"
                    if collected is None:
                        slow[number] = reason
                else:
                    slow[number] = "pdfium not used"
                if collected is None:
                    objs = plumber_pages()
                    if number > len(objs):
                        raise SourceError(f"corrupt PDF (page {number} of {count} not found)")
                    page = objs[number - 1]
                    collected = _collect_page(page, number, carry)
                    if not collected.lines and not collected.tables and page.images:
                        scanned.append((number, float(page.width), float(page.height)))
                    page.close()
                for t in collected.tables:  # a header left at the foot of the page before heads its table
                    if t.header_line is not None and pages:
                        pages[-1].lines = [ln for ln in pages[-1].lines if ln is not t.header_line]
                carry = open_table(collected.tables, collected.lines, collected.height)
                pages.append(collected)
            author = _properties_author(pdfium, plumber)
        finally:
            if plumber is not None:
                plumber.close()
            if pdfium is not None:
                pdfium.close()
    except SourceError:
        raise
    except RecursionError:
        raise SourceError("corrupt PDF (object structure too deep)") from None
    except Exception as exc:
        raise SourceError(_describe(exc)) from None
    finally:
        quiet.setLevel(level)
    result = PdfText(lines=[], pages=count, pdfminer_pages=slow, author=author)
    if scanned:
        from kb.sources.ocr import OcrError, tesseract

        if tesseract() is None:
            result.unread_pages = [n for n, _, _ in scanned]
        else:
            for number, width, height in scanned:
                try:
                    pages[number - 1] = _ocr_page(path, number, width, height)
                    result.ocr_pages.append(number)
                except (OcrError, OSError) as exc:
                    result.unread_pages.append(number)
                    result.notes.append(_one_line(str(exc)))
    _resolve_cids(pages)
    _rate_cells(pages)
    if not any(p.lines or p.tables for p in pages):
        if result.unread_pages and not result.ocr_pages:
            raise SourceError("no text layer (scanned image?); install Tesseract (Debian: tesseract-ocr) "
                              "to read scans by OCR")
        raise SourceError("no text layer (scanned image?)")
    if result.ocr_pages:
        result.notes.append(f"page{'s' if len(result.ocr_pages) > 1 else ''} "
                            f"{_page_numbers(result.ocr_pages)} read by OCR (Tesseract)")
    if result.unread_pages:
        many = len(result.unread_pages) > 1
        result.notes.append(f"page{'s' if many else ''} {_page_numbers(result.unread_pages)} "
                            f"{'have' if many else 'has'} no text layer and {'were' if many else 'was'} not read "
                            "(install Tesseract, Debian: tesseract-ocr, to read scans by OCR)")
    try:
        stats = _stats(pages)
        result.lines = _emit(pages, stats)
    except Exception as exc:  # a layout bug must not escape as a traceback
        raise SourceError(f"cannot lay out PDF text ({type(exc).__name__}: {_one_line(str(exc))})") from None
    return result
