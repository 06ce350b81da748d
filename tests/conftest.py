"""Shared fixtures: the bundled corpus ingested once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kb.api import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pdfgen.py
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_kb(tmp_path_factory) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path_factory.mktemp("corpus-index"))
    report = kb.ingest([CORPUS])
    assert not report.failed, report.failed
    return kb


@pytest.fixture(scope="session")
def corpus_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every corpus text export rendered once as a real PDF (tables, bullets, page breaks)."""
    import pdfgen

    out_dir = tmp_path_factory.mktemp("corpus_pdfs")
    result = {}
    for src in sorted(CORPUS.glob("*.txt")):
        pdf = out_dir / f"{src.stem}.pdf"
        pdfgen.text_export_to_pdf(src, pdf)
        result[src.stem] = pdf
    return result
