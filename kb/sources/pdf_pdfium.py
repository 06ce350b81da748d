"""pdfium's text layer and paths (pypdfium2): the PDF reader's fast path, and which pages need pdfminer.

pdfminer (through pdfplumber) interprets every content stream in Python, which was about 80% of
kb's PDF reading time; pdfium reads the same page in C.  For each page this module gives what the
reader's pdfminer path takes from pdfminer, in the same form:

- the characters in drawing order (text, box in points from the top left, font size as pdfminer
  measures it, font name, upright), without pdfium's own spaces and line breaks and with the
  spaces pdfium leaves out put back;
- the painted subpaths (box, fill, stroke, fill colour, straight edges), from which the reader
  finds ruled tables with pdfplumber's table finder and drawn list bullets, as from pdfminer's
  curves.

A page that pdfium cannot give in that form goes to pdfminer (`PdfiumPage.reason`): a page turned
by /Rotate or whose media box does not start at 0, 0 (pdfminer turns and shifts the coordinates),
a page without text (a scan: pdfminer finds its images for OCR), text outside the Basic
Multilingual Plane (pdfium's text does not then map one to one onto its characters), and a hyphen
that ends a line before a capital (pdfium drops a space typed after it, which tells "Lead- " over
"Strategy" from "Self-" over "Assessment").  Everything else (lines, columns, lists, headings,
tables, furniture) is kb's own layout on the words, the same for both paths.

pypdfium2 (a dependency of pdfplumber) is imported on first use only.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

HYPHENS = {"\ufffe": "-", "\x02": "-"}  # pdfium marks a hyphen that ends a line this way


@dataclass
class Shape:
    """A painted subpath as pdfminer's curves have it: its box in PDF coordinates (from the bottom
    left; drawn list bullets are found from it), how it is painted, and its straight edges (table
    rulings, top-down, in pdfplumber's form)."""

    x0: float
    y0: float
    x1: float
    y1: float
    fill: bool = False
    stroke: bool = False
    non_stroking_color: tuple[float, ...] | None = None  # the fill colour, RGB from 0 to 1
    edges: list[dict] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class PdfiumPage:
    """One page as pdfium reads it."""

    width: float
    height: float
    chars: list[dict] = field(default_factory=list)  # as kb.sources.pdf._layout_objects makes them
    shapes: list[Shape] = field(default_factory=list)
    reason: str | None = None  # why the page needs pdfplumber's geometry (None: it does not)


class _Api:
    """The few pdfium functions used, bound once with plain pointer arguments (pypdfium2's typed
    wrappers convert every argument; a page has thousands of characters)."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        vp, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_double

        def bind(name: str, res, *args):
            return ctypes.CFUNCTYPE(res, *args)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)

        self.count_chars = bind("FPDFText_CountChars", i, vp)
        self.loose_box = bind("FPDFText_GetLooseCharBox", i, vp, i, vp)
        self.text_object = bind("FPDFText_GetTextObject", vp, vp, i)
        self.font_size = bind("FPDFText_GetFontSize", d, vp, i)
        self.font_info = bind("FPDFText_GetFontInfo", ctypes.c_ulong, vp, i, vp, ctypes.c_ulong, vp)
        self.matrix = bind("FPDFText_GetMatrix", i, vp, i, vp)
        self.is_generated = bind("FPDFText_IsGenerated", i, vp, i)
        self.count_objects = bind("FPDFPage_CountObjects", i, vp)
        self.get_object = bind("FPDFPage_GetObject", vp, vp, i)
        self.object_type = bind("FPDFPageObj_GetType", i, vp)
        self.object_matrix = bind("FPDFPageObj_GetMatrix", i, vp, vp)
        self.form_count = bind("FPDFFormObj_CountObjects", i, vp)
        self.form_object = bind("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong)
        self.count_segments = bind("FPDFPath_CountSegments", i, vp)
        self.segment = bind("FPDFPath_GetPathSegment", vp, vp, i)
        self.segment_point = bind("FPDFPathSegment_GetPoint", i, vp, vp, vp)
        self.segment_type = bind("FPDFPathSegment_GetType", i, vp)
        self.segment_close = bind("FPDFPathSegment_GetClose", i, vp)
        self.draw_mode = bind("FPDFPath_GetDrawMode", i, vp, vp, vp)
        self.bounds = bind("FPDFPageObj_GetBounds", i, vp, vp, vp, vp, vp)
        self.fill_color = bind("FPDFPageObj_GetFillColor", i, vp, vp, vp, vp, vp)
        self.map_error = bind("FPDFText_HasUnicodeMapError", i, vp, i)


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


_TEXT, _PATH, _FORM = 1, 2, 5  # FPDF_PAGEOBJ_*
_MOVETO, _BEZIERTO = 2, 1  # FPDF_SEGMENT_*
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _pointer(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _compose(m: tuple, n: tuple) -> tuple:
    """The matrix that applies m, then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def read_page(pdf, index: int) -> PdfiumPage:
    """Page `index` (0-based) of a pypdfium2 PdfDocument: its characters, painted edges and drawn
    shapes, and whether it needs pdfplumber's geometry (`reason`)."""
    api = _api()
    page = pdf[index]
    try:
        width, height = (float(v) for v in page.get_size())
        out = PdfiumPage(width=width, height=height)
        box = page.get_mediabox()
        if page.get_rotation() % 360:
            out.reason = "turned page"
            return out
        if abs(box[0]) > 0.01 or abs(box[1]) > 0.01 or tuple(page.get_cropbox()) != tuple(box):
            out.reason = "media box offset"
            return out
        textpage = page.get_textpage()
        try:
            order = _read_objects(api, _pointer(page.raw), out)
            _read_chars(api, textpage, out, order)
        finally:
            textpage.close()
        if not out.reason and not any(c["text"].strip() for c in out.chars):
            out.reason = "no text layer"
        return out
    finally:
        page.close()


def _read_chars(api: _Api, textpage, out: PdfiumPage, order: _Objects) -> None:
    """The page's characters in the order the content draws them, as pdfminer gives them: pdfium's
    own spaces and line breaks left out, the spaces it drops put back (see _Objects)."""
    handle = _pointer(textpage.raw)
    count = api.count_chars(handle)
    text = textpage.get_text_range() if count > 0 else ""
    if len(text) != count:
        out.reason = "characters pdfium cannot place one for one"
        return
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    rect_at = ctypes.addressof(rect)
    matrix = (ctypes.c_float * 6)()
    matrix_at = ctypes.addressof(matrix)
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    fonts: dict[int, tuple[str, float, bool, bool]] = {}  # text object -> font name, size, upright,
    # and whether its first character has no Unicode
    width, height = out.width, out.height
    chars: list[dict] = []
    ranks: list[int] = []  # each character's text object's place in the content
    rank_of = order.rank
    is_generated, text_object, loose_box = api.is_generated, api.text_object, api.loose_box
    for k, ch in enumerate(text):
        if ch.isspace() and is_generated(handle, k):
            continue  # pdfium's own spaces and line breaks: pdfminer sees none
        hyphen = ch in HYPHENS
        if hyphen:
            ch = HYPHENS[ch]
        obj = text_object(handle, k) or 0
        font = fonts.get(obj)
        if font is None:
            api.font_info(handle, k, ctypes.addressof(name), 256, ctypes.addressof(flags))
            api.matrix(handle, k, matrix_at)
            a, b, c, d = matrix[0], matrix[1], matrix[2], matrix[3]
            upright = a * d > 0 and b * c <= 0 and abs(b) <= 0.1 * abs(a)
            # pdfium's font size is the one the text sets (Tf); pdfminer's is that scaled by the
            # text's matrix (size 1 scaled to 12 pt is 12 pt), which the layout compares
            size = float(api.font_size(handle, k)) * abs(d)
            mapless = bool(api.map_error(handle, k))
            font = fonts[obj] = (name.value.decode("latin-1", "replace"), size, upright, mapless)
        fontname, size, upright, mapless = font
        if (mapless or (ch < " " and ch not in "\r\n\t") or ch == "\ufffd") and api.map_error(handle, k):
            # a glyph its font gives no Unicode for: pdfium gives its code, pdfminer "(cid:N)",
            # which the reader learns from the document's other words or drops (learn_cids)
            ch = f"(cid:{ord(ch)})"
        loose_box(handle, k, rect_at)
        left, right, bottom = rect[0], rect[2], rect[3]
        if right < 0 or left > width or bottom > height or bottom + size < 0:
            continue  # drawn off the page
        top = height - bottom - size
        chars.append({"text": ch, "x0": left, "x1": right, "bottom": height - bottom, "top": top,
                      "doctop": top, "upright": upright, "size": size, "fontname": fontname})
        ranks.append(rank_of.get(obj, -1))
        if hyphen and text[k + 1:].lstrip()[:1].isupper():
            # pdfium leaves out a space typed after a hyphen that ends a line, which tells a compound
            # broken at its hyphen ("Self-" over "Assessment") from a dash before a line break
            # ("Lead- " over "Strategy"); pdfminer keeps it
            out.reason = "a hyphen ends a line before a capital"
            return
    spaces = order.spaces(api, set(fonts), height)
    if not spaces:
        out.chars = chars
        return
    merged = out.chars
    for c, rank in zip(chars, ranks, strict=True):
        while spaces and 0 <= spaces[0][0] < rank:
            space = _space_after(merged[-1] if merged else None, *spaces.pop(0)[1:])
            if space is not None:
                merged.append(space)
        merged.append(c)
    for _, left, base in spaces:
        space = _space_after(merged[-1] if merged else None, left, base)
        if space is not None:
            merged.append(space)


def _space_after(prev: dict | None, left: float | None, base: float | None) -> dict | None:
    """A space character pdfium left out, where the content draws it: on the line of the character
    drawn before it (None if there is none, or the space is drawn on another line), from its own
    left edge (or that character's right edge)."""
    if prev is None:
        return None
    if base is not None and not prev["top"] <= base <= prev["bottom"] + 0.5 * prev["size"]:
        return None
    x0 = prev["x1"] if left is None else left
    return {**prev, "text": " ", "x0": x0, "x1": x0 + 0.25 * prev["size"]}


@dataclass
class _Objects:
    """The text objects of a page in the order the content draws them (`rank`; `top` says whether
    each is on the page itself, not in a form).  pdfium leaves out a space that the next word's
    first letter overlaps (a tab stop set with a space: "(m) In" drawn as "(m)", " ", "In"), where
    pdfminer keeps it and so splits the words: such a space is a text object of which pdfium's text
    holds no character and which draws no ink."""

    rank: dict[int, int] = field(default_factory=dict)
    top: dict[int, bool] = field(default_factory=dict)

    def spaces(self, api: _Api, seen: set[int], height: float) -> list[tuple[int, float | None, float | None]]:
        """(rank, x, y from the top) of each space-only text object, for the objects not `seen`
        (x and y None inside a form, where the bounds are the form's)."""
        out: list[tuple[int, float | None, float | None]] = []
        bounds = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top
        where = [ctypes.addressof(b) for b in bounds]
        for obj, rank in self.rank.items():
            if obj in seen or not api.bounds(obj, *where):
                continue
            if abs(bounds[2].value - bounds[0].value) > 0.01 or abs(bounds[3].value - bounds[1].value) > 0.01:
                continue  # it draws ink: text pdfium left out for another reason (drawn twice)
            if self.top[obj]:
                out.append((rank, float(bounds[0].value), height - float(bounds[1].value)))
            else:
                out.append((rank, None, None))
        return out


def _read_objects(api: _Api, page: int, out: PdfiumPage) -> _Objects:
    """Walk the page's objects (forms included): the text objects' order, and the painted
    subpaths' edges and boxes (_read_paths)."""
    found = _Objects()

    def text_object(obj: int, top_level: bool) -> None:
        found.rank[obj] = len(found.rank)
        found.top[obj] = top_level

    _read_paths(api, page, out, text_object)
    return found


def _read_paths(api: _Api, page: int, out: PdfiumPage, on_text) -> None:
    """The painted subpaths of the page (forms included): their straight edges, in pdfplumber's
    form, and their boxes; `on_text(object, top_level)` is called for each text object in order."""
    m = (ctypes.c_float * 6)()
    x, y = ctypes.c_float(), ctypes.c_float()
    xa, ya = ctypes.addressof(x), ctypes.addressof(y)
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    colour = [ctypes.c_uint() for _ in range(4)]
    colour_at = [ctypes.addressof(v) for v in colour]

    def matrix_of(obj: int) -> tuple:
        if not api.object_matrix(obj, ctypes.addressof(m)):
            return _IDENTITY
        return tuple(float(v) for v in m)

    def subpaths(obj: int, mat: tuple) -> None:
        a, b, c, d, e, f = mat
        paint = {"fill": bool(fillmode.value), "stroke": bool(stroke.value), "non_stroking_color": None}
        if api.fill_color(obj, *colour_at):
            paint["non_stroking_color"] = tuple(v.value / 255 for v in colour[:3])
        points: list[tuple[float, float]] = []
        curve = 0  # points into a run of Bezier segments: pdfminer keeps each curve's end point only
        for s in range(api.count_segments(obj)):
            seg = api.segment(obj, s)
            kind = api.segment_type(seg)
            api.segment_point(seg, xa, ya)
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if kind == _MOVETO:
                _subpath(points, out, paint)
                points, curve = [point], 0
                continue
            if kind == _BEZIERTO:
                curve += 1
                if curve % 3:
                    continue
            else:
                curve = 0
            points.append(point)
            if api.segment_close(seg):
                points.append(points[0])
        _subpath(points, out, paint)

    def walk(objects: list[int], parent: tuple) -> None:
        for obj in objects:
            kind = api.object_type(obj)
            if kind == _TEXT:
                on_text(obj, parent is _IDENTITY)
            elif kind == _PATH:
                api.draw_mode(obj, ctypes.addressof(fillmode), ctypes.addressof(stroke))
                if fillmode.value or stroke.value:
                    subpaths(obj, _compose(matrix_of(obj), parent))
            elif kind == _FORM:
                inner = _compose(matrix_of(obj), parent)
                walk([api.form_object(obj, i) for i in range(api.form_count(obj))], inner)

    walk([api.get_object(page, i) for i in range(api.count_objects(page))], _IDENTITY)
    for shape in out.shapes:  # to pdfplumber's top-down coordinates
        for e in shape.edges:
            e["top"], e["bottom"] = out.height - e.pop("y1"), out.height - e.pop("y0")
            e["doctop"] = e["top"]


def _subpath(points: list[tuple[float, float]], out: PdfiumPage, paint: dict) -> None:
    """One painted subpath: its box (drawn bullets) and its straight edges (table rulings), as
    pdfminer and pdfplumber make them (an edge within 0.01 pt of straight counts as straight)."""
    if len(points) < 2:
        return
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    shape = Shape(min(xs), min(ys), max(xs), max(ys), **paint)
    out.shapes.append(shape)
    pairs = list(zip(points, points[1:], strict=False))
    single = len(set(points)) == 2  # one line segment (a closed one too): pdfminer's LTLine
    if single:
        pairs = [(points[0], next(p for p in points if p != points[0]))]
    for (x0, y0), (x1, y1) in pairs:
        dx, dy = abs(x1 - x0), abs(y1 - y0)
        if single:
            orientation = "h" if dy <= 0.01 else "v"  # pdfplumber: a line not flat is "v"
        else:
            orientation = "v" if dx <= 0.01 else "h" if dy <= 0.01 else None
        if orientation is None:
            continue
        shape.edges.append({"object_type": "curve_edge", "orientation": orientation,
                            "x0": min(x0, x1), "x1": max(x0, x1), "y0": min(y0, y1), "y1": max(y0, y1),
                            "width": dx, "height": dy})


def open_document(path) -> object | None:
    """A pypdfium2 PdfDocument of the file, or None when pdfium cannot open it (the pdfminer path
    then reads every page and reports what is wrong)."""
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover - a dependency of pdfplumber
        return None
    try:
        _api()  # a pdfium without one of the functions used: pdfminer reads every page
        return pypdfium2.PdfDocument(str(path))
    except Exception:
        return None
