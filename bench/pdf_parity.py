"""PDF path against text path, on PDFs kb did not make itself, as JSON.

For each bundled corpus document, a PDF printed by headless Chromium (bench/pdf_render.py: one
`<p>` a paragraph, headings as headings, each table row its own ruled table); and for each real
published PDF under bench/eval/other/pdf/ that has a text export beside it (bench/eval/other/):

- `same`: the share of the text path's commitments that the PDF path gives word for word;
- `recall_text` / `recall_pdf`: gold recall of each path (bench/eval gold for the corpus,
  bench/eval/other gold for the other documents), scored with bench/scoring.py;
- speed: pages per second of kb's PDF reader (pdfium's text layer, pdfminer only for the pages
  that need it), the same reader with pdfminer on every page (`kb_pdfminer`, as before pdfium),
  bare pdfplumber `extract_text` and pypdfium2's text layer, on the same files in the same run, and
  which pages kb read with pdfminer and why (`pdfminer_pages`).

Usage: python bench/pdf_parity.py [--renders DIR] (renders are cached there; default a temp dir).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pdf_render import chromium, render  # noqa: E402
from scoring import score  # noqa: E402

from kb.export import record_dict  # noqa: E402
from kb.extract.pipeline import extract  # noqa: E402
from kb.layout.markup import words  # noqa: E402
from kb.sources import load_document  # noqa: E402
from kb.sources.metadata import load_catalog  # noqa: E402

OTHER = ROOT / "bench" / "eval" / "other"


def _records(path: Path, catalog: dict, doc_id: str) -> list[dict]:
    doc = load_document(path, catalog)
    doc.meta.id = doc_id
    out = []
    for c in extract(doc):
        if c.kind != "evidence":
            c.doc_id = doc_id
            out.append(record_dict(c, doc.meta))
    return out


def _norm(text: str) -> str:
    return " ".join(words(text.lower()))


def _golds() -> list[dict]:
    files = [ROOT / "bench" / "eval" / "gold-dev.jsonl", *sorted(OTHER.glob("gold-*.jsonl"))]
    return [json.loads(line) for f in files if f.exists()
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def compare(text_path: Path, pdf_path: Path, catalog: dict, golds: list[dict]) -> dict:
    stem = text_path.stem
    from_text = _records(text_path, catalog, stem)
    t0 = time.perf_counter()
    from_pdf = _records(pdf_path, catalog, stem)
    seconds = time.perf_counter() - t0
    text_set = {_norm(r["text"]) for r in from_text}
    pdf_set = {_norm(r["text"]) for r in from_pdf}
    mine = [g for g in golds if Path(g["doc"]).stem == stem]
    out = {"text_records": len(text_set), "pdf_records": len(pdf_set),
           "same": round(len(text_set & pdf_set) / len(text_set), 3) if text_set else None,
           "extract_seconds_pdf": round(seconds, 2)}
    if mine:
        out["gold"] = sum(1 for g in mine if g.get("confidence", "high") != "low")
        out["recall_text"] = score(from_text, mine)["overall"]["recall"]
        out["recall_pdf"] = score(from_pdf, mine)["overall"]["recall"]
    return out


def speed(pdfs: list[Path]) -> dict:
    from collections import Counter

    import pdfplumber
    import pypdfium2

    from kb.sources.pdf import read_pdf_text

    pages = 0
    timings = {"kb": 0.0, "kb_pdfminer": 0.0, "pdfplumber_extract_text": 0.0, "pypdfium2_text": 0.0}
    reasons: Counter[str] = Counter()
    for pdf in pdfs:
        t0 = time.perf_counter()
        result = read_pdf_text(pdf)
        timings["kb"] += time.perf_counter() - t0
        pages += result.pages
        reasons.update(result.pdfminer_pages.values())
        t0 = time.perf_counter()
        read_pdf_text(pdf, fast=False)
        timings["kb_pdfminer"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_text()
                page.close()
        timings["pdfplumber_extract_text"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        doc = pypdfium2.PdfDocument(str(pdf))
        for i in range(len(doc)):
            textpage = doc[i].get_textpage()
            textpage.get_text_range()
            textpage.close()
        doc.close()
        timings["pypdfium2_text"] += time.perf_counter() - t0
    rates = {k: round(pages / v, 1) for k, v in timings.items() if v}
    return {"pages": pages, "pdfminer_pages": dict(reasons), "pages_per_second": rates,
            "kb_vs_pdfplumber": round(rates["kb"] / rates["pdfplumber_extract_text"], 2),
            "kb_vs_pypdfium2": round(rates["kb"] / rates["pypdfium2_text"], 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--renders", help="folder to keep (and reuse) the Chromium renderings in")
    ap.add_argument("--only", choices=("corpus", "other"), help="measure one of the two sets only")
    args = ap.parse_args()
    golds = _golds()
    catalog = load_catalog(ROOT / "corpus" / "catalog.toml")
    result: dict = {"corpus_chromium": {}, "other_published": {}}
    pdfs: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        renders = Path(args.renders) if args.renders else Path(tmp)
        renders.mkdir(parents=True, exist_ok=True)
        if args.only == "other":
            result["corpus_chromium"] = "skipped (--only other)"
        elif chromium():
            for text in sorted((ROOT / "corpus").glob("*.txt")):
                pdf = renders / f"{text.stem}.pdf"
                if not pdf.exists():
                    render(text, pdf)
                pdfs.append(pdf)
                result["corpus_chromium"][text.stem] = compare(text, pdf, catalog, golds)
        else:
            result["corpus_chromium"] = "skipped: Chromium is not installed (apt-get install chromium)"
        for pdf in sorted((OTHER / "pdf").glob("*.pdf")) if args.only != "corpus" else ():
            text = OTHER / f"{pdf.stem}.txt"
            pdfs.append(pdf)
            if text.exists():
                result["other_published"][pdf.stem] = compare(text, pdf, {}, golds)
        for part in ("corpus_chromium", "other_published"):
            docs = result[part]
            if isinstance(docs, dict) and docs:
                result[f"{part}_overall"] = _overall(docs)
        if pdfs:
            result["speed"] = speed(pdfs)
    print(json.dumps(result, indent=1))
    return 0


def _overall(docs: dict) -> dict:
    text = sum(d["text_records"] for d in docs.values())
    same = sum(round((d["same"] or 0) * d["text_records"]) for d in docs.values())
    # a document whose gold lines are all low-confidence has no recall to weigh
    scored = [d for d in docs.values()
              if d.get("gold") and d["recall_text"] is not None and d["recall_pdf"] is not None]
    gold = sum(d["gold"] for d in scored)
    out = {"same": round(same / text, 3) if text else None}
    if gold:
        out["recall_text"] = round(sum(d["recall_text"] * d["gold"] for d in scored) / gold, 3)
        out["recall_pdf"] = round(sum(d["recall_pdf"] * d["gold"] for d in scored) / gold, 3)
    return out


if __name__ == "__main__":
    sys.exit(main())
