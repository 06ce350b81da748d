"""The export schema (PRODUCT.md): stable columns, one record per commitment.

CSV is for spreadsheets, so cells that a spreadsheet would run as a formula are neutralised and
multi-valued fields are joined with "; ".  JSONL keeps lists and the structured `due` entries.
"""

from __future__ import annotations

import csv
import errno
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from kb.model import Commitment, DocumentMeta

COLUMNS = (
    "id", "doc_id", "doc_title", "doc_date", "period", "kind", "text", "section", "page", "line", "due",
    "due_text", "due_start", "due_end", "owners", "author_org", "themes", "targets", "status", "parent_id",
    "thread_id", "confidence",
)
CSV_COLUMNS = tuple(c for c in COLUMNS if c != "due")
# After the schema's: decided_text is a suspect passage's text when the auditor decided (it reads
# differently now), decided_seed_text the traced commitment's then, when that is what changed.
TRACE_COLUMNS = ("link_type", "score", "evidence", "decision", "note", "decided_text", "decided_seed_text", "members")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record_dict(c: Commitment, meta: DocumentMeta | None) -> dict:
    """One export record (JSONL shape) for a commitment and its document's metadata."""
    return {
        "id": c.id,
        "doc_id": c.doc_id,
        "doc_title": meta.title if meta else "",
        "doc_date": meta.date if meta else None,
        "period": meta.period if meta else "",
        "kind": c.kind,
        "text": c.text,
        "section": c.section,
        "page": c.page,
        "line": c.line,
        "due": [d.to_dict() for d in c.due],
        "due_text": "; ".join(d.text for d in c.due),
        "due_start": "; ".join(d.start or "" for d in c.due),
        "due_end": "; ".join(d.end or "" for d in c.due),
        "owners": list(c.owners),
        "author_org": meta.organisation if meta else "",
        "themes": list(c.themes),
        "targets": [f"{t.value} {t.subject}".strip() for t in c.targets],
        "status": c.status,
        "parent_id": c.parent_id,
        "thread_id": c.thread_id,
        "confidence": c.confidence,
    }


def neutralise(value: str) -> str:
    """Prefix a cell a spreadsheet would evaluate ("=SUM(...)", "-5", "@x") with an apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return neutralise(str(value))


def write_csv(records: Iterable[dict], out: TextIO, columns: tuple[str, ...] = CSV_COLUMNS) -> int:
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for r in records:
        writer.writerow([_csv_cell(r.get(col)) for col in columns])
        n += 1
    return n


def write_jsonl(records: Iterable[dict], out: TextIO, extra: tuple[str, ...] = ()) -> int:
    keys = [k for k in COLUMNS if k not in ("due_text", "due_start", "due_end")] + list(extra)
    n = 0
    for r in records:
        out.write(json.dumps({k: r.get(k) for k in keys}, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_records(records: Iterable[dict], out: TextIO, fmt: str, extra: tuple[str, ...] = ()) -> int:
    """CSV or JSON Lines (`fmt`), with the schema's columns plus `extra` ones; returns rows."""
    if fmt == "csv":
        return write_csv(records, out, columns=(*CSV_COLUMNS, *extra))
    return write_jsonl(records, out, extra=extra)


def trace_records(trace, with_seed: bool = False) -> list[dict]:
    """A trace's rows: one per passage (neighbouring linked items of one section) with its best
    item's fields, the passage's text, and its members (each a commitment id that `kb link` can
    confirm or reject); then one per orphaned decision (link_type "orphaned": its passage is gone,
    its id and text as decided).  `with_seed` puts the traced commitment first (link_type "seed"),
    so an exported trail says what it traces."""
    rows = []
    if with_seed:
        rows.append(record_dict(trace.seed, trace.seed_doc) | {
            "link_type": "seed", "score": None, "evidence": {}, "decision": "", "note": "", "decided_text": "",
            "decided_seed_text": "", "members": []})
    for p in trace.passages:
        best, decided = p.best, p.decided
        rec = record_dict(best.commitment, best.doc)
        rec.update(text=p.text, link_type=best.link_type, score=best.score, evidence=best.evidence,
                   decision=p.decision, note=next((i.note for i in p.items if i.note), ""),
                   decided_text=decided.decided_text if decided else "",
                   decided_seed_text=decided.decided_seed_text if decided else "",
                   members=[{"id": i.commitment.id, "kind": i.commitment.kind, "link_type": i.link_type,
                             "score": i.score, "decision": i.decision, "text": i.commitment.text,
                             "decided_text": i.decided_text} for i in p.items])
        rows.append(rec)
    for o in getattr(trace, "orphans", ()):
        rec = {k: None for k in COLUMNS} | {
            "id": o.id, "doc_id": o.doc_id, "doc_title": o.doc.title if o.doc else "",
            "doc_date": o.doc.date if o.doc else None, "period": o.doc.period if o.doc else "",
            "author_org": o.doc.organisation if o.doc else "", "kind": "", "text": o.text, "section": "", "due": [],
            "due_text": "", "due_start": "", "due_end": "", "owners": [], "themes": [], "targets": [], "status": ""}
        rec.update(link_type="orphaned", score=None, evidence={}, decision=o.decision, note=o.note,
                   decided_text=o.text, decided_seed_text="", members=[])
        rows.append(rec)
    return rows


def _flat_trace_row(r: dict) -> dict:
    """A trace row for a spreadsheet: evidence as its terms, members as their ids."""
    return r | {"evidence": ", ".join(r["evidence"].get("terms", [])),
                "members": "; ".join(m["id"] for m in r["members"])}


def write_trace(rows: Iterable[dict], out: TextIO, fmt: str) -> int:
    """Trace rows as CSV (schema columns, then TRACE_COLUMNS) or JSON Lines (every field)."""
    if fmt == "csv":
        return write_csv((_flat_trace_row(r) for r in rows), out, columns=(*CSV_COLUMNS, *TRACE_COLUMNS))
    n = 0
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


# A spreadsheet's default CSV import (Excel's double-click) reads a file without a byte-order mark
# in the machine's code page ("Â£2.5m"); with the UTF-8 BOM it reads UTF-8.  Other tools (Python,
# R, LibreOffice's import dialog, databases) read plain UTF-8, and some keep a BOM as part of the
# first column's name, so the BOM is an option (`kb export --excel`), not the default.
EXCEL_ENCODING = "utf-8-sig"


def write_file(records: Iterable[dict], path: Path, fmt: str, extra: tuple[str, ...] = (),
               encoding: str = "utf-8") -> int:
    """Records (the export schema plus `extra` columns) to `path`, atomically (see `atomic_write`)."""
    return atomic_write(path, lambda fh: write_records(records, fh, fmt, extra), encoding)


def atomic_write(path: Path, write: Callable[[TextIO], int], encoding: str = "utf-8") -> int:
    """Run `write` on a temporary file beside `path`, moved into place only when complete, so a
    failed export never leaves half a file where a good one was.  Raises OSError (a folder or an
    empty path included).  Returns what `write` returns (the rows written).  `EXCEL_ENCODING`
    starts the file with a UTF-8 byte-order mark."""
    if not path.name or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "that is a folder; give a file name", str(path))
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding=encoding, newline="") as fh:
            n = write(fh)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return n
