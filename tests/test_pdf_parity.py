"""PDF and text exports of the same document give the same commitments (PRODUCT.md: >= 90%)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.extract.pipeline import extract
from kb.layout.markup import words
from kb.sources import load_document
from kb.sources.metadata import load_catalog

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def normal(text: str) -> str:
    return " ".join(words(text.lower()))


def commitment_texts(path: Path, catalog: dict) -> set[str]:
    doc = load_document(path, catalog)
    return {normal(c.text) for c in extract(doc) if c.kind != "evidence"}


@pytest.fixture(scope="module")
def parity(corpus_pdfs, corpus_kb) -> dict[str, tuple[int, int]]:
    """Per document: commitments the PDF and the text export share, and those of the text export.
    The text export's are the ingested corpus's (the records `kb ingest` stored from each .txt,
    the same as extracting the file at once: tests/test_ingest_stream.py)."""
    catalog = load_catalog(CORPUS / "catalog.toml")
    from_texts: dict[str, set[str]] = {}
    for c in corpus_kb.commitments():
        if c.kind != "evidence":
            from_texts.setdefault(c.doc_id, set()).add(normal(c.text))
    out = {}
    for stem, pdf in corpus_pdfs.items():
        from_text = from_texts[stem]
        from_pdf = commitment_texts(pdf, catalog)
        out[stem] = (len(from_text & from_pdf), len(from_text))
    return out


def test_pdf_and_text_give_the_same_commitments(parity):
    same = sum(s for s, _ in parity.values())
    total = sum(t for _, t in parity.values())
    assert same / total >= 0.90, parity


def test_every_document_mostly_agrees(parity):
    assert all(s / t >= 0.80 for s, t in parity.values()), parity


def test_pdf_records_carry_pages_not_lines(corpus_pdfs):
    catalog = load_catalog(CORPUS / "catalog.toml")
    doc = load_document(corpus_pdfs["2013-09_crccg_commissioning-intentions_2014-16"], catalog)
    records = [c for c in extract(doc) if c.kind != "evidence"]
    assert records and all(c.page and c.page >= 1 and c.line is None for c in records)
    assert doc.source_kind == "pdf" and doc.pages and doc.pages >= 5
