"""Sources: read a file (text export or PDF) into a `Document` of layout blocks."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kb.model import Document
from kb.sources.base import SourceError, SourceLine
from kb.sources.metadata import apply_catalog, body_in_properties, catalog_entry, head_lines, infer_meta

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES

__all__ = ["SourceError", "SourceLine", "read_lines", "load_document", "SUPPORTED_SUFFIXES", "file_sha256"]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_lines(path: Path) -> tuple[list[SourceLine], str, int | None]:
    """The file's lines, its source kind ("text" | "pdf") and page count (PDF only)."""
    lines, kind, pages, _ = _read(path)
    return lines, kind, pages


def _read(path: Path):
    """`read_lines` and, for a PDF, what its reader reports (kb.sources.pdf.PdfText) or None."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from kb.sources.text import read_text

        return read_text(path), "text", None, None
    if suffix in PDF_SUFFIXES:
        from kb.sources.pdf import read_pdf_text

        result = read_pdf_text(path)
        return result.lines, "pdf", result.pages, result
    raise SourceError(f"unsupported file type '{suffix or '(none)'}' (expected .txt or .pdf)")


def load_document(path: Path, catalog: dict[str, dict] | None = None, sha256: str | None = None,
                  doc_id: str | None = None) -> Document:
    """Read and lay out one document (its id: `doc_id`, see kb.docids, else the file's stem);
    raises SourceError with a one-line reason."""
    from kb.extract.dates import doc_period
    from kb.layout.structure import build_blocks

    lines, source_kind, pages, pdf = _read(path)
    doc_id = doc_id or path.stem
    from kb.layout.parse import hard_wrapped

    wrapped = source_kind == "text" and hard_wrapped([sl.text for sl in lines])
    meta = infer_meta(path.stem, lines, head_lines(wrapped))  # the stem's date prefix ("2019_...") dates the document
    if not meta.organisation and pdf is not None:
        meta.organisation = body_in_properties(pdf.author)
    meta.id = doc_id
    meta = apply_catalog(meta, catalog_entry(catalog or {}, path, doc_id))
    blocks = build_blocks(lines, meta.doc_date(), doc_period(meta.period_start, meta.period_end))
    if not any(b.text for b in blocks):
        raise SourceError("no text found")
    return Document(meta=meta, path=str(path), sha256=sha256 or file_sha256(path), source_kind=source_kind,
                    pages=pages, blocks=blocks, ocr_pages=list(pdf.ocr_pages) if pdf else [],
                    notes=list(pdf.notes) if pdf else [])
