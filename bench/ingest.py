"""Ingest speed, as JSON: the corpus from scratch, re-ingest with nothing changed, and PDF pages/s.

PDF pages/s is measured on PDFs generated from the corpus text (tests/pdfgen.py), for kb's reader
and for a bare pdfplumber `extract_text()` loop over the same files, in the same run.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    from kb.api import KnowledgeBase

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        kb = KnowledgeBase(tmp / "index")
        out["ingest_from_scratch_s"] = round(timed(lambda: kb.ingest([ROOT / "corpus"])), 2)
        out["records"] = len(kb.commitments(include_evidence=True))
        out["commitments"] = len(kb.commitments())
        out["index_build_s"] = round(timed(kb.rebuild_index), 2)
        # Re-ingest with nothing changed, as a user runs it: a fresh `kb ingest` process.
        kb_bin = str(Path(sys.executable).with_name("kb"))
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([kb_bin, "--index", str(tmp / "index"), "ingest", str(ROOT / "corpus")],
                           check=True, capture_output=True)
            runs.append(time.perf_counter() - t0)
        out["reingest_unchanged_process_s"] = round(statistics.median(runs), 3)
        out["reingest_unchanged_in_process_s"] = round(timed(lambda: kb.ingest([ROOT / "corpus"])), 3)

        import pdfgen
        import pdfplumber

        from kb.sources.pdf import read_pdf

        pdfs = []
        for src in sorted((ROOT / "corpus").glob("*.txt")):
            dst = tmp / f"{src.stem}.pdf"
            pdfgen.text_export_to_pdf(src, dst)
            pdfs.append(dst)
        pages = 0

        def kb_reader():
            nonlocal pages
            pages = sum(read_pdf(p)[1] for p in pdfs)

        def bare():
            for p in pdfs:
                with pdfplumber.open(p) as pdf:
                    for page in pdf.pages:
                        page.extract_text()

        kb_s = min(timed(kb_reader) for _ in range(2))
        bare_s = min(timed(bare) for _ in range(2))
        out["pdf_pages"] = pages
        out["pdf_kb_reader_pages_per_s"] = round(pages / kb_s, 1)
        out["pdf_bare_pdfplumber_pages_per_s"] = round(pages / bare_s, 1)
        out["pdf_ratio_kb_vs_bare"] = round(bare_s / kb_s, 2)
        pdf_kb = KnowledgeBase(tmp / "pdf-index")
        out["pdf_ingest_s"] = round(timed(lambda: pdf_kb.ingest(pdfs)), 2)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
