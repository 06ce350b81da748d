"""The PDF reader's fast path (pdfium's text layer and paths, kb/sources/pdf_pdfium.py) against
its pdfminer path (pdfplumber), on PDFs generated here: which pages go which way, and that the
fast path gives the same words, lines, sizes, tables and boxes."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kb.sources import pdf as reader
from kb.sources.pdf import read_pdf_text
from kb.sources.pdf_pdfium import read_page

W, H = A4
BODY = ("The partnership will open two new community hubs in the north of the county by March 2026, "
        "and each hub will offer advice on housing, debt and health from the same front desk.")


def _paragraph(c: canvas.Canvas, x: float, y: float, width: float, text: str, size: float = 10.5,
               font: str = "Helvetica") -> float:
    """Set `text` in lines no wider than `width` from (x, y) down; the y below the last line."""
    c.setFont(font, size)
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if c.stringWidth(trial, font, size) > width and line:
            c.drawString(x, y, line)
            y -= 1.25 * size
            line = word
        else:
            line = trial
    if line:
        c.drawString(x, y, line)
        y -= 1.25 * size
    return y


def _single_column(c: canvas.Canvas) -> None:
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, H - 72, "Our community plan")
    y = H - 110
    for _ in range(3):
        y = _paragraph(c, 72, y, W - 144, BODY) - 8


def _ruled_table(c: canvas.Canvas) -> None:
    _paragraph(c, 72, H - 72, W - 144, "The actions below say who leads each one and by when.")
    cols = [72, 300, 420, W - 72]
    rows = [("Action", "Lead", "By when"), ("Open the north hub", "Housing team", "March 2026"),
            ("Train the advice staff", "Learning team", "June 2026"), ("Review the first year", "Board", "April 2027")]
    top = H - 110
    for i, row in enumerate(rows):
        y = top - 22 * i
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 10)
        for x, cell in zip(cols, row, strict=False):
            c.drawString(x + 4, y - 15, cell)
    c.setLineWidth(0.7)
    for i in range(len(rows) + 1):
        c.line(cols[0], top - 22 * i, cols[-1], top - 22 * i)
    for x in cols:
        c.line(x, top, x, top - 22 * len(rows))


def _two_columns(c: canvas.Canvas) -> None:
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, H - 72, "Two columns of text")
    gutter = 24
    width = (W - 144 - gutter) / 2
    left = "Left column: " + " ".join([BODY] * 3)
    right = "Right column: " + " ".join([BODY] * 3)
    _paragraph(c, 72, H - 110, width, left)
    _paragraph(c, 72 + width + gutter, H - 110, width, right)


def _turned(c: canvas.Canvas) -> None:
    """A landscape page as office tools save it: the page turned a quarter (/Rotate 90), its text
    drawn turned back, so that it reads across the turned page."""
    c.setPageRotation(90)
    c.translate(W, 0)
    c.rotate(90)
    c.setFont("Helvetica", 12)
    c.drawString(72, 400, "A landscape page of the plan, read across.")


def _hyphen_before_capital(c: canvas.Canvas) -> None:
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "The service will be run by the Corporate Lead- ")
    c.drawString(72, 746, "Strategy and her team from the spring.")


def _image_only(c: canvas.Canvas) -> None:
    c.setFillGray(0.5)
    c.rect(72, 500, 300, 200, stroke=0, fill=1)


def _make(tmp_path: Path, name: str, *pages) -> Path:
    path = tmp_path / f"{name}.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize(("draw", "route"), [
    (_single_column, None),
    (_ruled_table, None),  # the table's rules are read from pdfium's paths
    (_two_columns, None),  # columns are kb's own layout, the same on both paths
    (_turned, "turned page"),  # pdfminer turns the page's coordinates, pdfium does not
    (_hyphen_before_capital, "a hyphen ends a line before a capital"),  # pdfium drops the space after it
    (_image_only, "no text layer"),  # a scan: pdfminer finds its images for OCR
])
def test_each_page_goes_the_way_it_needs(tmp_path, draw, route):
    result = read_pdf_text(_make(tmp_path, draw.__name__, _single_column, draw))
    assert result.pdfminer_pages == ({} if route is None else {2: route})


def test_a_turned_page_reads_across_as_before(tmp_path):
    result = read_pdf_text(_make(tmp_path, "turned", _turned))
    assert [ln.text for ln in result.lines if ln.text] == ["A landscape page of the plan, read across."]


def test_a_document_mixes_the_two_paths_page_by_page(tmp_path):
    pdf = _make(tmp_path, "mixed", _single_column, _hyphen_before_capital, _ruled_table)
    assert read_pdf_text(pdf).pdfminer_pages == {2: "a hyphen ends a line before a capital"}


def test_a_document_pdfium_reads_whole_never_opens_pdfminer(tmp_path, monkeypatch):
    pdf = _make(tmp_path, "plain", _single_column, _ruled_table)

    def refuse(*args, **kwargs):
        raise AssertionError("pdfminer opened")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    assert [ln.text for ln in read_pdf_text(pdf).lines if ln.text][0] == "**Our community plan**"


def test_a_page_pdfium_fails_on_is_read_by_pdfminer(tmp_path, monkeypatch):
    from kb.sources import pdf_pdfium

    pdf = _make(tmp_path, "two", _single_column, _two_columns)
    real = pdf_pdfium.read_page

    def failing(doc, index):
        if index == 1:
            raise RuntimeError("pdfium lost its way")
        return real(doc, index)

    monkeypatch.setattr(pdf_pdfium, "read_page", failing)
    result = read_pdf_text(pdf)
    assert result.pdfminer_pages == {2: "pdfium failed (RuntimeError)"}
    assert [ln.text for ln in result.lines] == [ln.text for ln in read_pdf_text(pdf, fast=False).lines]


def _page_words(pdf: Path, fast: bool) -> list[list[reader._Word]]:
    out = []
    doc = pypdfium2.PdfDocument(str(pdf))
    with pdfplumber.open(pdf) as plumber:
        for i, page in enumerate(plumber.pages):
            chars = read_page(doc, i).chars if fast else reader._layout_objects(page)[0]
            out.append(reader._words(reader._drop_note_markers(chars)))
    doc.close()
    return out


@pytest.mark.parametrize("draw", [_single_column, _ruled_table, _two_columns])
def test_the_fast_path_reads_the_same_words_sizes_and_boxes(tmp_path, draw):
    pdf = _make(tmp_path, draw.__name__, draw)
    (fast,), (slow,) = _page_words(pdf, True), _page_words(pdf, False)
    assert [(w.text, w.bold) for w in fast] == [(w.text, w.bold) for w in slow]
    assert all(abs(a.size - b.size) < 0.01 for a, b in zip(fast, slow, strict=True))  # headings by size
    for a, b in zip(fast, slow, strict=True):
        assert abs(a.x0 - b.x0) < 0.5 and abs(a.top - b.top) < 0.5 and abs(a.bottom - b.bottom) < 0.5
        assert abs(a.x1 - b.x1) < 0.2 * a.size  # pdfium's box of the last glyph may be a little wider


def test_the_fast_path_finds_the_same_ruled_table(tmp_path):
    pdf = _make(tmp_path, "table", _ruled_table)
    doc = pypdfium2.PdfDocument(str(pdf))
    with pdfplumber.open(pdf) as plumber:
        fast = reader._fast_page(read_page(doc, 0), 1)
        slow = reader._collect_page(plumber.pages[0], 1)
    doc.close()
    assert fast is not None and len(fast.tables) == len(slow.tables) == 1
    for a, b in zip(fast.tables[0].cell_boxes, slow.tables[0].cell_boxes, strict=True):
        assert len(a) == len(b) == 3
        assert all(abs(x - y) < 0.5 for p, q in zip(a, b, strict=True) for x, y in zip(p, q, strict=True))


@pytest.mark.parametrize("draw", [_single_column, _ruled_table, _two_columns])
def test_the_fast_path_gives_the_same_lines_in_the_same_order_and_place(tmp_path, draw):
    pdf = _make(tmp_path, draw.__name__, draw)
    fast, slow = read_pdf_text(pdf), read_pdf_text(pdf, fast=False)
    assert [ln.text for ln in fast.lines] == [ln.text for ln in slow.lines]
    assert len(slow.pdfminer_pages) == 1 and not fast.pdfminer_pages
    for a, b in zip(fast.lines, slow.lines, strict=True):
        if b.position is None:
            assert a.position is None
            continue
        assert (a.position.page, a.position.column, a.position.first_line, a.position.last_line) == (
            b.position.page, b.position.column, b.position.first_line, b.position.last_line)
        assert all(abs(getattr(a.position, k) - getattr(b.position, k)) < 2.0 for k in ("x0", "top", "x1", "bottom"))


def test_two_columns_are_read_one_after_the_other(tmp_path):
    lines = [ln.text for ln in read_pdf_text(_make(tmp_path, "columns", _two_columns)).lines if ln.text]
    assert lines[0] == "**Two columns of text**"
    assert lines[1].startswith("Left column:") and lines[2].startswith("Right column:")


def test_a_heading_is_told_by_its_size_on_the_fast_path(tmp_path):
    lines = [ln.text for ln in read_pdf_text(_make(tmp_path, "plain", _single_column)).lines if ln.text]
    assert lines[0] == "**Our community plan**" and lines[1].startswith("The partnership will open")


def test_a_space_drawn_alone_at_a_tab_stop_still_parts_the_words(tmp_path):
    """Word processors set "(a)<tab>Text" as "(a)", a space of its own, then the text where the tab
    stop is; pdfium's text leaves that space out when the text overlaps it, pdfminer keeps it, and
    the reader's numbered-item indent needs the label apart from the text."""
    path = tmp_path / "tab.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    label = c.stringWidth("(m)", "Helvetica", 11)
    for i, (mark, text) in enumerate([("(m)", "In February the council agreed to go on with the"),
                                      ("", "scheme over the next two years.")]):
        y = 700 - 14 * i
        if mark:
            c.drawString(90, y, mark)
            c.drawString(90 + label, y, " ")
        c.drawString(90 + label, y, text)
    c.save()
    (fast,), (slow,) = _page_words(path, True), _page_words(path, False)
    assert [w.text for w in fast] == [w.text for w in slow]
    assert [w.text for w in fast][:2] == ["(m)", "In"]


def test_extract_words_is_pdfplumbers(tmp_path):
    """kb's word grouping gives what pdfplumber's extract_words gives with the reader's options, on
    text in several fonts and sizes, a superscript and words drawn without spaces."""
    from pdfplumber.utils import extract_words

    path = tmp_path / "words.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 760, "A heading in bold")
    c.setFont("Helvetica", 10)
    c.drawString(72, 740, "Plain text with a note")
    c.setFont("Helvetica", 6)
    c.drawString(72 + c.stringWidth("Plain text with a note", "Helvetica", 10), 744, "12")
    c.setFont("Times-Roman", 10)
    for i, word in enumerate(["words", "set", "apart", "without", "spaces"]):
        c.drawString(72 + 40 * i, 720, word)
    c.save()
    with pdfplumber.open(path) as plumber:
        chars = reader._layout_objects(plumber.pages[0])[0]
    ours = reader.extract_words(chars)
    theirs = extract_words(chars, extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance_ratio=0.15)
    keys = ("text", "x0", "x1", "top", "bottom", "fontname", "size")
    assert [[w[k] for k in keys] for w in ours] == [[w[k] for k in keys] for w in theirs if w["upright"]]


def _font_without_unicode(path: Path) -> None:
    """A one-page PDF whose font maps code 28 to a glyph name no reader knows (as subset fonts do
    for ligatures), the word it stands in also written in plain letters."""
    content = b"BT /F1 12 Tf 72 700 Td (e\x1ccient o\x1cce and plan) Tj 0 -20 Td (the efficient office) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [28 /glyph28] >> >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)


def test_a_glyph_without_unicode_is_learnt_from_the_document_on_both_paths(tmp_path):
    """pdfium gives such a glyph's code (here a control character), pdfminer "(cid:28)": the fast
    path turns the one into the other, so the reader learns "ffi" from "efficient" as before."""
    pdf = tmp_path / "cid.pdf"
    _font_without_unicode(pdf)
    fast, slow = read_pdf_text(pdf), read_pdf_text(pdf, fast=False)
    assert not fast.pdfminer_pages
    assert [ln.text for ln in fast.lines] == [ln.text for ln in slow.lines] == [
        "efficient office and plan the efficient office"]
