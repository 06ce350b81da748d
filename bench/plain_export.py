"""kb on plain PDF-to-text exports of real PDFs, beside the hand-made text export and the PDF path, as JSON.

The text exports in bench/eval/other were cleaned by hand (one paragraph a line, tables as tab-separated
rows).  A user's export is more often the raw output of a PDF-to-text tool: hard-wrapped lines,
paragraphs broken mid-sentence and across pages, page numbers, running headers and footers, table cells
flattened onto lines, words hyphenated at line ends.  For every real PDF in bench/eval/other/pdf that has
gold (matched by file stem), this makes such exports the way common tools do, with no cleaning:

- `pdfplumber`: `page.extract_text()` of each page, pages joined with newlines;
- `pypdfium2`: the text layer (`page.get_textpage().get_text_range()`), pages joined with newlines
  (pdfium ends its lines with CR LF);
- `pdftotext`: `pdftotext -layout` (pages separated by form feeds), when the binary is installed;

and runs kb on each as a `.txt` document of the PDF's stem (so the gold matches), beside
`hand` (the hand-made text export, scored in its annotated regions as bench/quality.py --other does)
and `pdf` (kb reading the PDF itself).

Scoring is bench/scoring.py's (by text, not line numbers).  The plain exports and the PDF path have no
line numbers that the regions could apply to, so their recall is over all the document's gold and their
precision is over every record of the whole document: it is comparable to the hand export's only for
documents annotated whole (`whole`: the regions cover the whole hand export, and that export holds at
least 90% of the PDF's words); elsewhere unannotated pages count as wrong and precision is left out.

Usage: python bench/plain_export.py [--only STEM_PART] [--tools pdfplumber,pypdfium2,pdftotext]
       [--keep DIR] (writes the exports there to read; default: a temp dir, removed)
       [-v] (misses of the plain exports to stderr)
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import other_gold, score, toks  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402
from kb.export import record_dict  # noqa: E402

OTHER = ROOT / "bench" / "eval" / "other"
TOOLS = ("pdfplumber", "pypdfium2", "pdftotext")
_WHOLE_SHARE = 0.9  # a hand export holding this share of the PDF's words is the whole document


def export_pdfplumber(pdf: Path) -> str:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            pages.append(page.extract_text() or "")
            page.close()
    return "\n".join(pages)


def export_pypdfium2(pdf: Path) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    pages = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        doc.close()
    return "\n".join(pages)


def export_pdftotext(pdf: Path) -> str | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    done = subprocess.run([exe, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


EXPORTERS = {"pdfplumber": export_pdfplumber, "pypdfium2": export_pypdfium2, "pdftotext": export_pdftotext}


def ingest(folder: Path, index: Path) -> list[dict]:
    kb = KnowledgeBase(index)
    report = kb.ingest([folder], rebuild=True)
    if report.failed:
        print(f"ingest failed: {report.failed}", file=sys.stderr)
    docs = {d.meta.id: d.meta for d in kb.documents()}
    return [record_dict(c, docs.get(c.doc_id)) for c in kb.commitments()]


def _covers_all(spans: list, n_lines: int) -> bool:
    lines = set()
    for a, b in spans:
        lines.update(range(a, b + 1))
    return all(i in lines for i in range(1, n_lines + 1))


def _share_in(part: str, whole: str) -> float:
    """The share of `whole`'s words (multiset) that `part` holds."""
    a, b = collections.Counter(toks(part)), collections.Counter(toks(whole))
    n = sum(b.values())
    return sum(min(c, a[w]) for w, c in b.items()) / n if n else 0.0


_KEYS = ("recall", "precision", "due_accuracy", "owner_recall", "owner_precision", "gold", "found", "records")


def _figures(res: dict, stem: str, with_precision: bool) -> dict:
    d = res["documents"].get(stem.lower())
    if d is None:
        return {}
    out = {k: d[k] for k in _KEYS}
    if not with_precision:
        out["precision"] = None
    return out


def _overall(res: dict, with_precision: bool) -> dict:
    out = {k: res["overall"][k] for k in _KEYS}
    if not with_precision:
        out["precision"] = None
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="only the documents whose stem contains this")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--keep", help="write the plain exports to this folder too")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF path (kb reading the PDF)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    golds, regions = other_gold(OTHER)
    stems = sorted({Path(g["doc"]).stem for g in golds})
    pdfs = {p.stem: p for p in sorted((OTHER / "pdf").glob("*.pdf")) if p.stem in stems}
    if args.only:
        pdfs = {s: p for s, p in pdfs.items() if args.only in s}
    mine = [g for g in golds if Path(g["doc"]).stem in pdfs]
    tools = [t for t in args.tools.split(",") if t]
    result: dict = {"tools_skipped": {}, "documents": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        folders: dict[str, Path] = {}
        texts: dict[str, dict[str, str]] = collections.defaultdict(dict)
        for tool in tools:
            folder = tmp_path / tool
            folder.mkdir()
            for stem, pdf in pdfs.items():
                text = EXPORTERS[tool](pdf)
                if text is None:
                    result["tools_skipped"][tool] = f"the {tool} binary is not installed"
                    break
                texts[stem][tool] = text
                (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
                if args.keep:
                    Path(args.keep).mkdir(parents=True, exist_ok=True)
                    (Path(args.keep) / f"{stem}.{tool}.txt").write_text(text, encoding="utf-8")
            else:
                folders[tool] = folder
        hand = tmp_path / "hand"
        hand.mkdir()
        for stem in pdfs:
            shutil.copy(OTHER / f"{stem}.txt", hand / f"{stem}.txt")
        folders["hand"] = hand
        if not args.no_pdf:
            pdf_folder = tmp_path / "pdf"
            pdf_folder.mkdir()
            for pdf in pdfs.values():
                shutil.copy(pdf, pdf_folder / pdf.name)
            folders["pdf"] = pdf_folder
        scored: dict[str, dict] = {}
        records: dict[str, list[dict]] = {}
        hand_regions = {f"{s}.txt": regions.get(f"{s}.txt", []) for s in pdfs}
        for variant, folder in folders.items():
            records[variant] = ingest(folder, tmp_path / f"index-{variant}")
            scored[variant] = score([dict(r) for r in records[variant]], mine,
                                    hand_regions if variant == "hand" else None)
        for stem in pdfs:
            hand_text = (OTHER / f"{stem}.txt").read_text(encoding="utf-8")
            plain = texts[stem].get("pdfplumber") or texts[stem].get("pypdfium2") or ""
            share = _share_in(hand_text, plain) if plain else None
            whole = (_covers_all(regions.get(f"{stem}.txt", []), len(hand_text.splitlines()))
                     and share is not None and share >= _WHOLE_SHARE)
            doc = {"whole": whole, "hand_share_of_pdf_words": round(share, 3) if share is not None else None}
            for variant in folders:
                doc[variant] = _figures(scored[variant], stem, whole or variant == "hand")
            result["documents"][stem] = doc
        whole = {s for s, d in result["documents"].items() if d["whole"]}
        result["overall_all_documents"] = {v: _overall(scored[v], v == "hand") for v in folders}
        result["overall_documents_annotated_whole"] = {
            v: _overall(score([dict(r) for r in records[v] if r["doc_id"] in whole],
                              [g for g in mine if Path(g["doc"]).stem in whole],
                              hand_regions if v == "hand" else None), True) for v in folders}
        if args.verbose:
            for variant in folders:
                if variant in ("hand", "pdf"):
                    continue
                for g in scored[variant]["_misses"]:
                    print(f"MISS {variant} {g['doc'][:25]}:{g['line']} {g['quote'][:110]}", file=sys.stderr)
    print(_dump(result))
    return 0


def _dump(obj, indent: int = 0) -> str:
    """JSON with each variant's figures on one line, to read the variants one above the other."""
    pad = " " * (indent + 1)
    if isinstance(obj, dict) and obj and any(isinstance(v, dict) for v in obj.values()):
        items = [f"{pad}{json.dumps(k)}: {_dump(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    return json.dumps(obj)


if __name__ == "__main__":
    sys.exit(main())
