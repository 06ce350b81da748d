"""Render corpus text exports as real PDFs (reportlab) and make broken PDFs, for tests and benchmarks.

Not a test module: `text_export_to_pdf` turns a markdown-ish text export (see kb/sources/base.py)
into a PDF with headings, paragraphs, bulleted lists, ruled tables, page breaks and a running
header/footer; `make_bad_pdfs` writes the files the PDF reader must reject.
"""

from __future__ import annotations

import html
import pathlib
import re

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
BODY_W = PAGE_W - 2 * MARGIN

_FONT_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
]
_fonts: tuple[str, str, frozenset[int] | None] | None = None


def _fonts_registered() -> tuple[str, str, frozenset[int] | None]:
    """(regular, bold, covered code points or None for 'Latin-1/WinAnsi only')."""
    global _fonts
    if _fonts is not None:
        return _fonts
    import reportlab

    vera = pathlib.Path(reportlab.__file__).parent / "fonts"
    candidates = _FONT_CANDIDATES + [(str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"))]
    for regular, bold in candidates:
        if pathlib.Path(regular).is_file() and pathlib.Path(bold).is_file():
            try:
                pdfmetrics.registerFont(TTFont("GenSans", regular))
                pdfmetrics.registerFont(TTFont("GenSans-Bold", bold))
                from reportlab.lib.fonts import addMapping

                addMapping("GenSans", 0, 0, "GenSans")
                addMapping("GenSans", 1, 0, "GenSans-Bold")
                addMapping("GenSans", 0, 1, "GenSans")
                addMapping("GenSans", 1, 1, "GenSans-Bold")
                face = pdfmetrics.getFont("GenSans").face
                covered = frozenset(face.charToGlyph) if hasattr(face, "charToGlyph") else None
                _fonts = ("GenSans", "GenSans-Bold", covered)
                return _fonts
            except Exception:  # pragma: no cover - broken font file: try the next one
                continue
    _fonts = ("Helvetica", "Helvetica-Bold", None)  # pragma: no cover
    return _fonts


_SUBSTITUTES = {"√": "v", "●": "•", "➤": ">", "→": "->", "—": "-"}


def _cover(text: str) -> str:
    """Replace characters the font cannot draw."""
    _, _, covered = _fonts_registered()
    out = []
    for ch in text:
        ok = ord(ch) in covered if covered is not None else _winansi(ch)
        out.append(ch if ok else _SUBSTITUTES.get(ch, "?"))
    return "".join(out)


def _winansi(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold, _ = _fonts_registered()
    return {
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=12.5, spaceAfter=6),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=13, leading=16, spaceBefore=8, spaceAfter=5
        ),
        "bullet": ParagraphStyle(
            "bullet", fontName=regular, fontSize=10, leading=12.5, spaceAfter=3, bulletFontName=regular
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9, spaceAfter=5),
        "cellhead": ParagraphStyle("cellhead", fontName=bold, fontSize=7.5, leading=9, spaceAfter=5),
    }


# --------------------------------------------------------------------------- markup helpers

_TAG = re.compile(r"<[^>]*>")


def _markup(text: str, bold_open: bool = False) -> tuple[str, bool]:
    """Escape text for reportlab's mini-markup, turning `**x**` into <b>x</b>.

    `bold_open` carries an unbalanced `**` over from the previous line; the new state is returned.
    """
    parts = text.split("**")
    out = []
    state = bold_open
    for i, part in enumerate(parts):
        if i > 0:
            state = not state
        if not part:
            continue
        esc = html.escape(_cover(part), quote=False)
        out.append(f"<b>{esc}</b>" if state else esc)
    return "".join(out), state


def _cell_items(cell: str) -> list[tuple[str, bool]]:
    """Split an HTML-ish table cell into (text, is_list_item) pieces."""
    s = cell.replace("\xa0", " ")
    # structural boundaries become a marker; list items keep a flag
    s = re.sub(r"(?i)<li[^>]*>", "\x00L", s)
    s = re.sub(r"(?i)</?(p|ul|ol|div|br)[^>]*>|</li>", "\x00P", s)
    s = re.sub(r"\s*[•●▪]\s*", "\x00L", s)
    s = _TAG.sub("", s)
    s = "\x00P" + html.unescape(s)
    items: list[tuple[str, bool]] = []
    for chunk in s.split("\x00"):
        is_li = chunk.startswith("L")
        text = chunk[1:] if chunk[:1] in ("L", "P") else chunk
        text = " ".join(text.split())
        if text:
            items.append((text, is_li))
    return items


def _looks_like_heading(line: str) -> bool:
    s = line.strip().replace("**", "")
    if not s or len(s) > 80 or len(s.split()) > 12:
        return False
    if s[-1] in ".,;:":
        return False
    return s[0].isupper() or s[0].isdigit()


_DASH_ROW = re.compile(r"^[\s\-|:]*$")


# Ratings painted instead of written (`rate_by_colour`): what a status reports -> its colour
_RATING_FILLS = {"done": ("Blue", "#0070c0"), "ongoing": ("Green", "#00b050"), "unmet": ("Red", "#e31a1c")}
_COLOUR_FILLS = {"red": "#e31a1c", "amber": "#ffc000", "green": "#00b050", "blue": "#0070c0"}


def _rated_by_colour(rows: list[list[str]]) -> tuple[list[list[str]], dict[tuple[int, int], str], dict[str, str]]:
    """The rows with each bare rating under a status column ("Complete", "In progress", "Green") taken
    out, the colour each such cell is painted instead (a colour word its own colour), and the key for
    the words that were no colour (word as written -> colour name), as reviews that rate by colour
    print them.  A rating with commentary ("Green – complete") keeps its words."""
    from kb.layout.fields import label_role, progress_of

    status_cols = [ci for ci, h in enumerate(rows[0]) if label_role(h) == "status"]
    fills: dict[tuple[int, int], str] = {}
    key: dict[str, str] = {}
    rows = [list(r) for r in rows]
    for ri, row in enumerate(rows[1:], start=1):
        for ci in status_cols:
            word = row[ci].strip() if ci < len(row) else ""
            if word.lower() in _COLOUR_FILLS:  # a colour named: painted as named, the body's own key says what it means
                fills[(ri, ci)] = _COLOUR_FILLS[word.lower()]
                row[ci] = ""
                continue
            rated = _RATING_FILLS.get(progress_of(word) or "") if word and len(word.split()) <= 3 else None
            if rated:
                fills[(ri, ci)] = rated[1]
                key.setdefault(word, rated[0])
                row[ci] = ""
    return rows, fills, key


def _table(rows: list[list[str]], styles: dict[str, ParagraphStyle],
           fills: dict[tuple[int, int], str] | None = None) -> LongTable:
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    data = []
    for ri, row in enumerate(rows):
        out_row = []
        for cell in row:
            style = styles["cellhead"] if ri == 0 else styles["cell"]
            paras = []
            for text, is_li in _cell_items(cell):
                markup, _ = _markup(text)
                if is_li:
                    paras.append(Paragraph(markup, style, bulletText="•"))
                else:
                    paras.append(Paragraph(markup, style))
            out_row.append(paras or "")
        data.append(out_row)
    # column widths: wide enough for the longest word (bold, as in the header), the rest of the
    # width shared in proportion to the square root of the longest text
    bold = styles["cellhead"].fontName
    size = styles["cell"].fontSize
    floors, weights = [], []
    for c in range(ncols):
        texts = [" ".join(t for t, _ in _cell_items(r[c])) for r in rows]
        longest_word = max(
            (pdfmetrics.stringWidth(w, bold, size) for t in texts for w in t.split()), default=0
        )
        floors.append(min(longest_word + 16, 0.5 * BODY_W))
        weights.append(max(max(len(t) for t in texts), 12) ** 0.5)
    spare = max(BODY_W - sum(floors), 0.0)
    widths = [f + spare * w / sum(weights) for f, w in zip(floors, weights, strict=True)]
    scale = BODY_W / sum(widths)
    widths = [w * scale for w in widths]
    # bullet indents inside cells
    for row in data:
        for cell in row:
            if isinstance(cell, list):
                for p in cell:
                    if p.bulletText:
                        p.style = ParagraphStyle(
                            "cellli",
                            parent=p.style,
                            leftIndent=8,
                            bulletIndent=0,
                            bulletFontName=p.style.fontName,
                        )
    table = LongTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *[("BACKGROUND", (ci, ri), (ci, ri), colors.HexColor(fill)) for (ri, ci), fill in (fills or {}).items()],
            ]
        )
    )
    return table


def _story(lines: list[str], styles: dict[str, ParagraphStyle], rate_by_colour: bool = False) -> list:
    story: list = []
    keyed: set[str] = set()  # the ratings a colour key printed so far explains
    blank_run = 0
    content_since_break = False
    bold_open = False
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\n")
        if not line.strip():
            blank_run += 1
            bold_open = False
            i += 1
            continue
        if blank_run >= 3 and content_since_break:
            story.append(PageBreak())
            content_since_break = False
        blank_run = 0
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                cells = lines[i].rstrip("\n").split("\t")
                if not all(_DASH_ROW.match(c) for c in cells):
                    rows.append(cells)
                i += 1
            if rows:
                fills: dict[tuple[int, int], str] = {}
                if rate_by_colour:
                    rows, fills, key = _rated_by_colour(rows)
                    new = {w: c for w, c in key.items() if w not in keyed}
                    if new:  # a key of the colours before the table that first rates by them
                        keyed.update(new)
                        story.append(Paragraph("Key", styles["body"]))
                        key_rows = [["", w] for w in new]
                        key_fills = {(ri, 0): _COLOUR_FILLS[c.lower()] for ri, c in enumerate(new.values())}
                        story.append(_table(key_rows, styles, key_fills))
                story.append(Spacer(1, 4))
                story.append(_table(rows, styles, fills))
                story.append(Spacer(1, 8))
                content_since_break = True
            continue
        m = re.match(r"^( *)- (.*)$", line)
        if m:
            level = len(m.group(1))
            markup, bold_open = _markup(m.group(2).strip(), bold_open)
            style = ParagraphStyle(
                f"bullet{level}",
                parent=styles["bullet"],
                leftIndent=16 + 16 * level,
                bulletIndent=4 + 16 * level,
            )
            story.append(Paragraph(markup, style, bulletText="•"))
        else:
            text = line.strip()
            markup, bold_open = _markup(text, bold_open)
            style = styles["heading"] if _looks_like_heading(text) else styles["body"]
            para = Paragraph(markup, style)
            if style is styles["heading"]:
                story.append(KeepTogether([para]))
            else:
                story.append(para)
        content_since_break = True
        i += 1
    return story


def text_export_to_pdf(src: pathlib.Path, dst: pathlib.Path, rate_by_colour: bool = False) -> None:
    """Render a corpus text export at `src` as a PDF at `dst`; with `rate_by_colour`, each bare
    rating of a table's status column painted as a coloured cell with no word, under a key."""
    src = pathlib.Path(src)
    dst = pathlib.Path(dst)
    styles = _styles()
    regular, _, _ = _fonts_registered()
    lines = src.read_text(encoding="utf-8").splitlines()
    story = _story(lines, styles, rate_by_colour) or [Paragraph("(empty)", styles["body"])]
    header = _cover(f"Coventry and Warwickshire — {src.stem}")

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(MARGIN, PAGE_H - 12 * mm, header)
        canvas.drawCentredString(PAGE_W / 2, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(dst),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=src.stem,
        author="kb tests",
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


# --------------------------------------------------------------------------- broken PDFs


def _small_pdf(dst: pathlib.Path) -> None:
    styles = _styles()
    story = [Paragraph("A small document", styles["heading"])]
    for i in range(40):
        story.append(
            Paragraph(
                f"Paragraph {i}: we will improve access to services for our population.", styles["body"]
            )
        )
    SimpleDocTemplate(str(dst), pagesize=A4).build(story)


def _pdf_without_pages() -> bytes:
    """A well-formed PDF whose page tree is empty (reportlab always writes a page)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_bad_pdfs(directory: pathlib.Path) -> dict[str, pathlib.Path]:
    """Write PDFs a reader must reject; returns {kind: path}.

    Kinds: "empty", "truncated", "encrypted", "image_only", "no_pages", "garbage".
    """
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, pathlib.Path] = {}

    empty = directory / "empty.pdf"
    empty.write_bytes(b"")
    out["empty"] = empty

    whole = directory / "whole.pdf"
    _small_pdf(whole)
    data = whole.read_bytes()
    truncated = directory / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    out["truncated"] = truncated

    encrypted = directory / "encrypted.pdf"
    enc = StandardEncryption("secret-user", ownerPassword="secret-owner", strength=128)
    c = canvas.Canvas(str(encrypted), pagesize=A4, encrypt=enc)
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "Confidential commissioning intentions")
    c.showPage()
    c.save()
    out["encrypted"] = encrypted

    image_only = directory / "image_only.pdf"
    c = canvas.Canvas(str(image_only), pagesize=A4)
    for page in range(2):
        c.setFillColor(colors.HexColor("#cccccc"))
        c.rect(60, 200 + page * 10, 400, 500, fill=1, stroke=1)
        c.setFillColor(colors.black)
        for k in range(30):  # strokes that look like scanned lines of text
            c.rect(80, 680 - k * 15, 300 - (k % 5) * 20, 6, fill=1, stroke=0)
        c.showPage()
    c.save()
    out["image_only"] = image_only

    no_pages = directory / "no_pages.pdf"
    no_pages.write_bytes(_pdf_without_pages())
    out["no_pages"] = no_pages

    garbage = directory / "garbage.pdf"
    seed = 0x2545F491
    buf = bytearray()
    for _ in range(4096):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        buf.append(seed >> 16 & 0xFF)
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(buf))
    out["garbage"] = garbage

    whole.unlink()
    return out
