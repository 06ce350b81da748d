"""Statuses against a body's own action-plan review, as JSON: a strategy, the review table published
years later (each action's status and latest update) and the strategy's extension are ingested
into a fresh index, each strategy action is traced, and kb's thread status is compared with the
status the body's review gives that action.

A set is a folder holding the documents (`*.txt`, their PDFs under `pdf/` printed a table row by a
table row, under `pdf-tables/` printed with whole tables, under `pdf-print/` as a browser prints
them, landscape with a running header and footer, and under `pdf-office/` as an office tool prints
them with borderless tables: bench/pdf_render.py) and
`threads.jsonl` (the format of bench/eval/traces-own.jsonl, each thread with the body's `status`
mapped to kb's statuses, `body_status` the word the review prints, and `deciding` the review row).
Scored with bench/trace_quality.py's rules: the must passages shown (70% of their words, right
document), the documents covered, what is shown on the thread, status agreement, and a deciding
passage holding 70% of the review row's words.  Dates come from the file names (`2024-06_...`).

    python bench/review_status.py [SET ...] [--pdf | --designed | --rag] [--beside-corpus] [-v]
        SET: a set folder (default: every folder under bench/eval/invented/ with a threads.jsonl)
        --pdf: ingest the set's PDFs instead of its text exports, each rendering (pdf/, pdf-tables/,
            pdf-print/, pdf-office/)
        --designed: ingest the set's designed PDFs, each folder `pdf-designed-STYLE/` it has (printed
            from the text exports as designed publications by bench/pdf_design_STYLE.py: columns,
            call-out boxes, contents pages, merged cells, landscape review tables)
        --rag: ingest the set's text exports printed as PDFs whose review tables rate by colour alone
            (each bare rating under a status column a red, green or blue cell with no word, under a
            colour key: tests/pdfgen.py), as many reviews are published
        --beside-corpus: ingest the bundled corpus (another area's papers) into the same index, as
            a user who keeps several areas' documents in one knowledge base does
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from trace_quality import load, score_thread, summary  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
import pdfgen  # noqa: E402

RAG = "pdf-rag"  # not a folder: the text exports printed with ratings by colour alone (--rag)


def score_set(folder: Path, pdf: str, verbose: bool, beside: Path | None = None) -> dict:
    """Ingest one set's documents afresh (its text exports, or the PDFs in its folder `pdf`; with
    the documents of `beside`, another area's, in the same index) and score its threads."""
    rag = pdf == RAG
    sources = sorted((folder / pdf).glob("*.pdf")) if pdf and not rag else sorted(folder.glob("*.txt"))
    if not sources:
        raise SystemExit(f"review_status: no {'PDFs' if pdf else 'text exports'} in {folder / pdf}")
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for s in sources:
            if rag:  # printed with each bare rating a coloured cell, under a colour key (tests/pdfgen.py)
                pdfgen.text_export_to_pdf(s, docs / f"{s.stem}.pdf", rate_by_colour=True)
            else:
                shutil.copy(s, docs / s.name)
        for s in sorted(beside.glob("*.txt")) if beside else []:
            shutil.copy(s, docs / s.name)
        kb = KnowledgeBase(Path(tmp) / "index", Path(tmp) / "decisions.jsonl")
        kb.ingest([docs])
        records = kb.commitments(include_evidence=True)
        threads = load(folder / "threads.jsonl")
        rows = [score_thread(kb, records, t, verbose) for t in threads]
    body = {t["id"]: t.get("body_status", "") for t in threads}
    out = summary(rows)
    out["threads"] = len(rows)
    out["status_agree"] = sum(r.get("status_ok", False) for r in rows)
    out["seeds_missing"] = [r["id"] for r in rows if "error" in r]
    out["disagreements"] = [
        {"id": r["id"], "review": body[r["id"]], "gold": r["gold_status"], "kb": r["status"],
         "deciding_ok": r["deciding_ok"]}
        for r in rows if "gold_status" in r and not r["status_ok"]]
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    pdf = "--pdf" in argv
    named = [Path(a) for a in argv if not a.startswith("-")]
    sets = named or sorted(p.parent for p in (ROOT / "bench/eval/invented").glob("*/threads.jsonl"))
    kinds = ["pdf", "pdf-tables", "pdf-print", "pdf-office"] if pdf else [RAG] if "--rag" in argv else [""]
    if "--designed" in argv:
        kinds = sorted({d.name for s in sets for d in s.glob("pdf-designed-*") if d.is_dir()})
    beside = ROOT / "corpus" if "--beside-corpus" in argv else None
    label = " beside the corpus" if beside else ""
    report = {f"{s.name} ({k or 'text'}){label}": score_set(s, k, verbose, beside) for s in sets for k in kinds
              if not k or k == RAG or (s / k).is_dir()}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
