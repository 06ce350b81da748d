"""PDF reader: a PDF's text as `SourceLine`s in the same line conventions as the text exports.

Reading order is top-to-bottom per page (single text column). Ruled tables become tab-separated
rows, bullets become "- " items, headings and paragraphs become one line each, and running
headers/footers and page numbers are dropped. See kb/sources/base.py for the conventions.
"""

from __future__ import annotations

import logging
import math
import mmap
import pathlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

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
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*(\d{1,4})\s*[-–)]?(?:\s*(?:of|/)\s*(\d{1,4}))?$", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$|\.b$", re.I)
_TERMINAL = tuple(".!?:;")
_ABBREVIATION = re.compile(r"(?:\b(?:no|nos|e\.g|i\.e|etc|dr|st|vs|cf|para|fig|vol|pp?|mr|mrs|ms|ref)|\b[A-Z])\.$", re.I)

MARGIN_ZONE = 0.12  # top/bottom fraction of the page searched for running headers and footers
LARGE = 1.15  # font size ratio to the body text that makes a heading


def _private_use(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def _is_page_number(text: str) -> bool:
    m = _PAGE_NUMBER.match(text.strip())
    if not m:
        return False
    return m.group(2) is None or int(m.group(1)) <= int(m.group(2))  # "3 of 40", "3/40"; not "2019/20"


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
    text_x0: float = 0.0  # x where the text after a bullet glyph starts

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
    kind: str  # "para" | "bullet" | "table"
    page: int
    lines: list[_Line] = field(default_factory=list)
    level: int = 0
    rows: list[str] = field(default_factory=list)
    header: str = ""
    ncols: int = 0
    top: float = 0.0
    last_full: bool = False  # the last visual line reaches the right margin (it may run on)


def _join_words(words: list[_Word]) -> str:
    out: list[str] = []
    prev: _Word | None = None
    for w in words:
        if prev is not None and w.x0 - prev.x1 > 0.12 * max(w.size, 1.0):
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
    lines = []
    for g in groups:
        g.sort(key=lambda w: w.x0)
        sizes: Counter[float] = Counter()
        letters = bold_letters = 0
        for w in g:
            sizes[round(w.size, 1)] += len(w.text)
            n = sum(ch.isalnum() for ch in w.text)
            letters += n
            bold_letters += n if w.bold else 0
        line = _Line(
            words=g,
            x0=g[0].x0,
            x1=max(w.x1 for w in g),
            top=min(w.top for w in g),
            bottom=max(w.bottom for w in g),
            size=sizes.most_common(1)[0][0],
            bold=letters > 0 and bold_letters >= 0.9 * letters,
        )
        line.text_x0 = line.x0
        lines.append(line)
    return lines


def _split_glyph(line: _Line) -> None:
    """Detect and remove a leading bullet glyph (also "(cid:NN)" and private-use symbols)."""
    first = line.words[0]
    text = first.text
    m = _CID.match(text)
    glyph = ""
    if m:
        glyph, rest = "•", text[m.end() :]
    elif text[:1] in _GLYPHS or _private_use(text[:1]):
        glyph, rest = "•", text[1:]
    elif text in _DASHES:
        glyph, rest = text, ""
    else:
        return
    rest = _CID.sub("", rest).lstrip()
    if rest:
        line.words[0] = _Word(rest, first.x1 - 0.0, first.x1, first.top, first.bottom, first.size, first.bold)
        # the text starts right after the glyph; estimate its x from the glyph width
        line.words[0].x0 = first.x0 + (first.x1 - first.x0) * (len(text) - len(rest)) / max(len(text), 1)
    else:
        line.words.pop(0)
    if not line.words:
        # a lone glyph is not a list item
        line.words = [first]
        return
    line.glyph = glyph
    line.text_x0 = line.words[0].x0


# --------------------------------------------------------------------------- pass 1: collect


def _layout_objects(page):
    """Characters and ruling graphics of a page, straight from pdfminer's layout.

    pdfplumber's `page.chars`/`page.objects` convert every attribute of every object to a dict,
    which costs most of the reading time; only the few attributes used here are taken.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    chars: list[dict] = []
    graphics: list = []
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
    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    char_dicts = []
    for c in chars:
        text = c.get_text()
        top = height - c.y1 + mb_top
        fontname = c.fontname
        if isinstance(fontname, bytes):
            fontname = fontname.decode("latin-1", "replace")
        char_dicts.append(
            {
                "text": text,
                "x0": c.x0 + mb_x0,
                "x1": c.x1 + mb_x0,
                "top": top,
                "doctop": top,
                "bottom": height - c.y0 + mb_top,
                "upright": c.upright,
                "size": c.size,
                "fontname": fontname,
            }
        )
    return char_dicts, graphics


def _find_tables(page, graphics: list) -> list:
    """`page.find_tables()` on the page's ruling lines (the default "lines" strategy, made explicit)."""
    from pdfplumber.utils import obj_to_edges

    v: list[dict] = []
    h: list[dict] = []
    for g in graphics:
        for e in obj_to_edges(page.process_object(g)):
            if e.get("orientation") == "v" and e["height"] >= 1:
                v.append(e)
            elif e.get("orientation") == "h" and e["width"] >= 1:
                h.append(e)
    if len(v) < 2 or not h:
        return []
    # a table whose last row runs on to the next page is often left open at the bottom (or top):
    # close it where two or more vertical rules end at the same height without a horizontal rule
    for end in ("top", "bottom"):
        ends: dict[int, list[dict]] = defaultdict(list)
        for e in v:
            ends[round(e[end])].append(e)
        for y, group in ends.items():
            if len(group) < 2:
                continue
            x0 = min(e["x0"] for e in group)
            x1 = max(e["x0"] for e in group)
            if x1 - x0 < 1 or any(abs(e["top"] - y) <= 1.5 and e["x0"] <= x0 + 1 and e["x1"] >= x1 - 1 for e in h):
                continue
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
        return []
    return page.find_tables(
        {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": v,
            "explicit_horizontal_lines": h,
        }
    )


def _collect_page(page, number: int) -> _Page:
    from pdfplumber.utils import extract_words

    chars, graphics = _layout_objects(page)
    # words split at gaps wider than 0.15 em: many PDFs (LaTeX, ghostscript) draw no space characters
    raw = extract_words(chars, extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance_ratio=0.15)
    words: list[_Word] = []
    seen: set[tuple[str, int, int]] = set()
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
            )
        )

    tables: list[_Table] = []
    if words and graphics:
        for t in _find_tables(page, graphics):
            rows = t.rows
            ncols = max((len(r.cells) for r in rows), default=0)
            if ncols < 2 or not rows:
                continue  # a box around text is not a table
            x0, top, x1, bottom = t.bbox
            tables.append(
                _Table(
                    top=float(top),
                    bottom=float(bottom),
                    x0=float(x0),
                    x1=float(x1),
                    rows=[[[] for _ in r.cells] for r in rows],
                    cell_boxes=[list(r.cells) for r in rows],
                )
            )
    running: list[_Word] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for t in tables:
            if t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom:
                _place_in_table(t, w, cx, cy)
                break
        else:
            running.append(w)
    lines = _group_lines(running)
    for line in lines:
        _split_glyph(line)
    return _Page(number=number, width=float(page.width), height=float(page.height), lines=lines, tables=tables)


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


def _running_key(page: _Page, line: _Line) -> tuple[str, str, int] | None:
    if line.bottom <= page.height * MARGIN_ZONE:
        zone = "top"
    elif line.top >= page.height * (1 - MARGIN_ZONE):
        zone = "bottom"
    else:
        return None
    norm = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
    return zone, norm, round(line.top / 4)


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    return Counter(values).most_common(1)[0][0]


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
    for p in pages:
        for line in p.lines:
            key = _running_key(p, line)
            if key is not None and (key in running or _is_page_number(line.text)):
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
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            if abs(a.size - b.size) > 0.3 or a.size <= 0:
                continue
            r = (b.bottom - a.bottom) / a.size
            if 0.95 <= r <= 2.5:
                ratios.append(round(r * 20) / 20)
    pitch = 1.2
    if ratios:
        counts = Counter(ratios)
        frequent = sorted(r for r, n in counts.items() if n >= max(3, 0.1 * len(ratios)))
        pitch = frequent[0] if frequent else counts.most_common(1)[0][0]
    pitch = min(max(pitch, 1.0), 1.5)

    # page text margins, then bullet indents relative to them
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

    return _Stats(body=body, pitch=pitch, running=running)


# --------------------------------------------------------------------------- pass 2: blocks


def _dash_is_bullet(line: _Line, prev: _Line | None, stats: _Stats) -> bool:
    """A leading "-"/"–" is a list item unless it continues the previous line's sentence."""
    if prev is None or prev.glyph:
        return True
    pitch = (line.bottom - prev.bottom) / max(line.size, 1.0)
    tight = pitch <= stats.pitch + 0.3
    same_x = abs(line.x0 - prev.x0) <= 2.0
    return not (tight and same_x and not prev.text.rstrip().endswith(":"))


def _breaks(block: _Block, prev: _Line, line: _Line, page: _Page, stats: _Stats) -> bool:
    """Does `line` start a new block after `prev` (the last line of `block`)?"""
    if line.glyph:
        return True
    size = max(prev.size, line.size, 1.0)
    width = max(page.right - page.left, 1.0)
    prev_full = prev.x1 >= page.right - 0.15 * width
    if _NUMBERED.match(line.text) and (not prev_full or _ends_sentence(prev.text)):
        return True
    if abs(prev.size - line.size) > 0.1 * size:
        return True
    pitch = (line.bottom - prev.bottom) / size
    if pitch <= 0 or pitch > stats.pitch + 0.3:
        return True
    if block.kind == "bullet":
        if abs(line.x0 - block.lines[0].text_x0) > 0.6 * size:
            return True  # a list item continues at its hanging indent only
    else:
        shift = prev.x0 - line.x0
        # later lines sit at the same x; after a paragraph's first line a first-line indent is allowed
        allowed = (-0.6 * size, 3 * size) if len(block.lines) == 1 else (-0.6 * size, 0.6 * size)
        if not allowed[0] <= shift <= allowed[1]:
            centred = abs((line.x0 + line.x1) - (prev.x0 + prev.x1)) <= size
            if not centred:
                return True
    if prev.bold != line.bold and not prev_full:
        return True  # a short bold line is a heading; a short plain line ends a paragraph
    if _ends_sentence(prev.text) and prev.x1 < page.right - 0.2 * width:
        return True
    return False


def _render_words(lines: list[_Line], mark_bold: bool) -> str:
    """Join the visual lines of a paragraph, marking bold runs with `**` when asked."""
    words: list[tuple[str, bool, bool]] = []  # text, bold, space before
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
                    if words[-1][0][-2].isalpha() and text[:1].islower():
                        space = False  # a word hyphenated over the line break
            else:
                space = w.x0 - prev.x1 > 0.12 * max(w.size, 1.0)
            words.append((text, w.bold, space))
            prev = w
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


def _cell_text(words: list[_Word], stats: _Stats, box: tuple[float, float, float, float] | None) -> str:
    if not words:
        return ""
    lines = _group_lines(words)
    for line in lines:
        _split_glyph(line)
    x0 = box[0] if box else min(line.x0 for line in lines)
    x1 = box[2] if box else max(line.x1 for line in lines)
    cell_page = _Page(number=0, width=x1 - x0, height=0.0, lines=lines, tables=[], left=x0, right=x1)
    items: list[list[_Line]] = []
    for line in lines:
        if line.glyph in _DASHES:
            prev = items[-1][-1] if items else None
            if not _dash_is_bullet(line, prev, stats):
                line.words.insert(0, _Word(line.glyph, line.x0, line.x0, line.top, line.bottom, line.size, False))
                line.glyph = ""
        if items:
            block = _Block(kind="bullet" if items[-1][0].glyph else "para", page=0, lines=items[-1])
            # inside a cell the right edge is the cell's, minus its padding
            cell_page.right = x1 - 0.5 * line.size
            cell_page.left = x0
            if not _breaks(block, items[-1][-1], line, cell_page, stats):
                items[-1].append(line)
                continue
        items.append([line])
    texts = [_render_words(item, mark_bold=False) for item in items]
    return " • ".join(t.replace("\t", " ").strip() for t in texts if t.strip())


def _table_block(t: _Table, page: _Page, stats: _Stats) -> _Block:
    rows = []
    for ri, row in enumerate(t.rows):
        cells = [_cell_text(words, stats, t.cell_boxes[ri][ci]) for ci, words in enumerate(row)]
        if any(cells):
            rows.append("\t".join(cells))
    ncols = max((len(r) for r in t.rows), default=0)
    return _Block(kind="table", page=page.number, rows=rows, header=rows[0] if rows else "", ncols=ncols, top=t.top)


def _page_blocks(page: _Page, stats: _Stats) -> list[_Block]:
    items: list[tuple[float, object]] = [(line.top, line) for line in page.lines]
    items += [(t.top, t) for t in page.tables]
    items.sort(key=lambda it: it[0])
    blocks: list[_Block] = []
    current: _Block | None = None
    prev_line: _Line | None = None
    for _, item in items:
        if isinstance(item, _Table):
            block = _table_block(item, page, stats)
            if block.rows:
                blocks.append(block)
            current, prev_line = None, None
            continue
        line = item
        assert isinstance(line, _Line)
        if line.glyph in _DASHES and not _dash_is_bullet(line, prev_line, stats):
            line.words.insert(0, _Word(line.glyph, line.x0, line.x0, line.top, line.bottom, line.size, False))
            line.glyph = ""
            line.text_x0 = line.x0
        if current is not None and prev_line is not None and not _breaks(current, prev_line, line, page, stats):
            current.lines.append(line)
        else:
            kind = "bullet" if line.glyph else "para"
            current = _Block(kind=kind, page=page.number, lines=[line], top=line.top)
            blocks.append(current)
        prev_line = line
    width = max(page.right - page.left, 1.0)
    for b in blocks:
        if b.lines:
            b.last_full = b.lines[-1].x1 >= page.right - 0.15 * width
    return blocks


# --------------------------------------------------------------------------- output


def _emit(pages: list[_Page], stats: _Stats) -> list[SourceLine]:
    out: list[SourceLine] = []
    last: _Block | None = None
    last_text = ""

    def add(text: str, page: int) -> None:
        out.append(SourceLine(text=text, line=None, page=page))

    for page in pages:
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
                rows = block.rows[1:] if continuing else block.rows
                if continuing:
                    block.header = last.header
                elif out:
                    add("", block.page)
                for row in rows:
                    add(row, block.page)
                last, last_text = block, ""
                continue
            text = _render_words(block.lines, mark_bold=True)
            if not text:
                continue
            if block.kind == "bullet":
                text = " " * block.level + "- " + text
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
                and abs(block.lines[0].x0 - (last.lines[0].text_x0 if last.kind == "bullet" else last.lines[-1].x0))
                <= 0.6 * block.lines[0].size
            ):
                # a paragraph running over a page break
                joined = last_text + " " + text
                out[-1] = SourceLine(text=joined, line=None, page=out[-1].page)
                last_text = joined
                last = block
                continue
            if out and not (block.kind == "bullet" and last is not None and last.kind == "bullet"):
                add("", block.page)
            add(text, block.page)
            last, last_text = block, text
    return out


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


def read_pdf(path: pathlib.Path) -> tuple[list[SourceLine], int]:
    """Lines of a PDF in reading order with 1-based page numbers (line=None), and the page count."""
    path = pathlib.Path(path)
    _check_file(path)
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of the package
        raise SourceError("PDF support needs pdfplumber (pip install pdfplumber)") from None
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pdfminer warns on every recoverable oddity
    try:
        with pdfplumber.open(path) as pdf:
            try:
                page_objs = pdf.pages
            except Exception as exc:
                raise SourceError(_describe(exc)) from None
            count = len(page_objs)
            if count == 0:
                raise SourceError("PDF has no pages")
            pages = []
            for number, page in enumerate(page_objs, start=1):
                pages.append(_collect_page(page, number))
                page.close()
    except SourceError:
        raise
    except RecursionError:
        raise SourceError("corrupt PDF (object structure too deep)") from None
    except Exception as exc:
        raise SourceError(_describe(exc)) from None
    finally:
        quiet.setLevel(level)
    if not any(p.lines or p.tables for p in pages):
        raise SourceError("no text layer (scanned image?)")
    try:
        stats = _stats(pages)
        lines = _emit(pages, stats)
    except Exception as exc:  # a layout bug must not escape as a traceback
        raise SourceError(f"cannot lay out PDF text ({type(exc).__name__}: {_one_line(str(exc))})") from None
    return lines, count
