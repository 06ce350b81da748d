"""OCR for PDF pages with no text layer (scans), through the Tesseract command when it is installed.

A scanned page is rendered with pdfium (pypdfium2, already a dependency of pdfplumber) and read by
`tesseract ... tsv`, which gives each word with its box and its line.  The words come back in PDF
points, so the PDF reader lays them out exactly like the words of a text layer (columns, lists,
headings by size), and records from them carry a lower confidence (kb.extract.pipeline).

Tesseract is optional: Debian's `tesseract-ocr` package.  Without it a scanned page is reported,
never guessed at.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DPI = 300
MIN_CONFIDENCE = 30.0  # Tesseract's per-word confidence (0-100) below which a "word" is noise
_TIMEOUT_S = 120


@dataclass(frozen=True)
class OcrWord:
    text: str
    x0: float  # PDF points from the page's left edge
    x1: float
    top: float  # PDF points from the page's top edge
    bottom: float
    line_height: float  # the height of the word's OCR line, in points: its font size, near enough


class OcrError(RuntimeError):
    """Tesseract ran and failed; the message is one line."""


def tesseract() -> str | None:
    """The Tesseract command, or None when it is not installed."""
    return shutil.which("tesseract")


def read_page(pdf_path: Path, page_index: int, lang: str = "eng") -> list[OcrWord]:
    """The words Tesseract reads on one page (0-based index), in PDF points."""
    exe = tesseract()
    if exe is None:
        raise OcrError("Tesseract is not installed")
    import pypdfium2

    scale = DPI / 72.0
    doc = pypdfium2.PdfDocument(str(pdf_path))
    try:
        page = doc[page_index]
        image = page.render(scale=scale, grayscale=True).to_pil()
        page.close()
    finally:
        doc.close()
    with tempfile.TemporaryDirectory(prefix="kb-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        try:
            done = subprocess.run([exe, str(png), "stdout", "-l", lang, "--psm", "3", "tsv"],
                                  capture_output=True, timeout=_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise OcrError(f"Tesseract took more than {_TIMEOUT_S} s on page {page_index + 1}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"Tesseract failed on page {page_index + 1}: {message[-1] if message else done.returncode}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"), scale)


def parse_tsv(tsv: str, scale: float) -> list[OcrWord]:
    """Words (level 5 rows) of Tesseract's TSV output, with their line's height, in PDF points."""
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    line_heights: dict[tuple[str, str, str, str], float] = {}
    for r in rows:
        if r.get("level") == "4":
            line_heights[_line_key(r)] = float(r["height"]) / scale
    words = []
    for r in rows:
        text = (r.get("text") or "").strip()
        if r.get("level") != "5" or not text or float(r.get("conf") or -1) < MIN_CONFIDENCE:
            continue
        left, top = float(r["left"]) / scale, float(r["top"]) / scale
        width, height = float(r["width"]) / scale, float(r["height"]) / scale
        words.append(OcrWord(text, left, left + width, top, top + height,
                             line_heights.get(_line_key(r), height)))
    return words


def _line_key(row: dict) -> tuple[str, str, str, str]:
    return row["page_num"], row["block_num"], row["par_num"], row["line_num"]
