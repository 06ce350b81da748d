"""Scanned pages: read by OCR where Tesseract is installed, reported (never guessed) where it is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from kb.extract.pipeline import OCR_CONFIDENCE, discount_ocr, extract
from kb.model import Commitment
from kb.sources import SourceError, load_document
from kb.sources import ocr as ocr_module
from kb.sources.pdf import read_pdf_text

WIDTH, HEIGHT = A4
SCANNED = [
    "Northshire Carers Strategy",
    "The council will open a carers hub in every district by March 2027.",
    "We will publish a carers charter with local employers in the autumn.",
]
TYPED = "The partnership board will review the strategy every year."


def _text_page(c: canvas.Canvas, lines: list[str]) -> None:
    y = HEIGHT - 90
    for i, line in enumerate(lines):
        c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 16 if i == 0 else 12)
        c.drawString(60, y, line)
        y -= 28


def _scan_of(lines: list[str], tmp: Path):
    """An image of a typed page, as a scanner would give it (no text layer)."""
    import pypdfium2

    typed = tmp / "typed.pdf"
    c = canvas.Canvas(str(typed), pagesize=A4)
    _text_page(c, lines)
    c.save()
    doc = pypdfium2.PdfDocument(str(typed))
    image = doc[0].render(scale=200 / 72, grayscale=True).to_pil()
    doc.close()
    return image


@pytest.fixture()
def mixed_pdf(tmp_path) -> Path:
    """Page 1 a scan (image only), page 2 typed text."""
    image = _scan_of(SCANNED, tmp_path)
    pdf = tmp_path / "strategy.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.drawImage(ImageReader(image), 0, 0, WIDTH, HEIGHT)
    c.showPage()
    _text_page(c, ["Governance", TYPED])
    c.save()
    return pdf


@pytest.fixture()
def scan_only_pdf(tmp_path) -> Path:
    pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.drawImage(ImageReader(_scan_of(SCANNED, tmp_path)), 0, 0, WIDTH, HEIGHT)
    c.save()
    return pdf


needs_tesseract = pytest.mark.skipif(ocr_module.tesseract() is None,
                                     reason="Tesseract is not installed (Debian: tesseract-ocr)")


@needs_tesseract
def test_a_scanned_page_is_read_by_ocr_and_reported(mixed_pdf):
    result = read_pdf_text(mixed_pdf)
    assert result.ocr_pages == [1] and result.unread_pages == []
    assert any("page 1 read by OCR" in note for note in result.notes)
    page1 = [line.text for line in result.lines if line.page == 1 and line.text]
    assert page1[1:] == SCANNED[1:]  # the sentences word for word (the title may come back bold-less)
    assert "Northshire Carers Strategy" in page1[0]
    assert any(line.text == TYPED and line.page == 2 for line in result.lines)


@needs_tesseract
def test_records_from_ocr_carry_a_lower_confidence(mixed_pdf):
    doc = load_document(mixed_pdf)
    assert doc.ocr_pages == [1]
    records = [r for r in extract(doc) if r.kind != "evidence"]
    scanned = [r for r in records if r.page == 1]
    typed = [r for r in records if r.page == 2]
    assert scanned and typed
    assert max(r.confidence for r in scanned) < min(r.confidence for r in typed)


def test_without_tesseract_a_scanned_page_is_named_not_guessed(mixed_pdf, monkeypatch):
    monkeypatch.setattr(ocr_module, "tesseract", lambda: None)
    result = read_pdf_text(mixed_pdf)
    assert result.ocr_pages == [] and result.unread_pages == [1]
    assert any("page 1 has no text layer and was not read" in n for n in result.notes)
    assert all(line.page == 2 for line in result.lines if line.text)


def test_without_tesseract_a_scan_is_one_clear_line(scan_only_pdf, monkeypatch):
    monkeypatch.setattr(ocr_module, "tesseract", lambda: None)
    with pytest.raises(SourceError, match=r"^no text layer \(scanned image\?\); install Tesseract"):
        read_pdf_text(scan_only_pdf)


def test_ocr_discount_applies_to_ocr_pages_only():
    def record(page: int) -> Commitment:
        return Commitment(id=f"r{page}", doc_id="d", kind="commitment", text="x", section="", page=page,
                          line=None, confidence=0.9)

    records = [record(1), record(2)]
    discount_ocr(records, [2])
    assert records[0].confidence == 0.9
    assert records[1].confidence == round(0.9 * OCR_CONFIDENCE, 3)


def test_tesseract_tsv_words_come_back_in_points():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t300\t600\t900\t60\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t300\t600\t200\t50\t96.5\tWe\n"
           "5\t1\t1\t1\t1\t2\t520\t605\t150\t45\t12.0\t~\n")
    words = ocr_module.parse_tsv(tsv, scale=300 / 72)
    assert [w.text for w in words] == ["We"]  # the low-confidence speck is dropped
    assert words[0].x0 == pytest.approx(72.0) and words[0].top == pytest.approx(144.0)
    assert words[0].line_height == pytest.approx(14.4)
