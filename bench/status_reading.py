"""Statuses against an auditor's reading of 30 random threads (bench/eval/status-reading.jsonl,
drawn and judged as bench/eval/STATUS-READING.md says), as JSON.

The bundled corpus is ingested afresh (or `--index DIR` is reused) and each judged root is looked
up by its id: the status `kb threads` gives its thread (the thread holding it, when it now hangs
under an earlier commitment) and the status `kb trace ROOT` gives it are
both compared with the reader's, and so is the deciding passage (the same document line as the
reader's, or none on both sides).  Figures are also given without the threads the reader marked
borderline and without the roots the reader found to be no commitment, and counting as right a
root the reader found to be no commitment that kb no longer extracts (`all_with_not_extracted_right`).

    python bench/status_reading.py [-v] [--index DIR] [--reading FILE]
        FILE: a reading in that format (default bench/eval/status-reading.jsonl; a second, drawn
        with seed 2027 by another reader: bench/eval/status-reading-2.jsonl; a third, seed 2028, drawn after
        the rules were tuned on the first two: bench/eval/status-reading-3.jsonl; a fourth, seed 2029,
        never tuned on: bench/eval/status-reading-4.jsonl; a fifth, seed 2030, never tuned on:
        bench/eval/status-reading-5.jsonl; a sixth, seed 2031, never tuned on:
        bench/eval/status-reading-6.jsonl; a seventh, seed 2032, never tuned on:
        bench/eval/status-reading-7.jsonl)
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.api import KnowledgeBase  # noqa: E402

READING = ROOT / "bench/eval/status-reading.jsonl"


def _at(c) -> tuple[str, int | None] | None:
    return (c.doc_id, c.line) if c is not None else None


def _same_place(kb_at, reader: dict | None) -> bool:
    if reader is None or kb_at is None:
        return reader is None and kb_at is None
    return kb_at[0] == Path(reader["doc"]).stem and kb_at[1] == reader["line"]


def _share(rows: list[dict], key: str, keep=lambda r: True) -> dict:
    kept = [r for r in rows if keep(r)]
    return {"right": sum(r[key] for r in kept), "of": len(kept)}


def main() -> int:
    verbose = "-v" in sys.argv
    index = sys.argv[sys.argv.index("--index") + 1] if "--index" in sys.argv else None
    path = Path(sys.argv[sys.argv.index("--reading") + 1]) if "--reading" in sys.argv else READING
    reading = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(index) if index else Path(tmp) / "index", Path(tmp) / "decisions.jsonl")
        kb.ingest([ROOT / "corpus"])  # a reused index is brought up to date (unchanged files are skipped)
        threads = {t["root"]: t for t in kb.threads()}
        holding = {m: t for t in threads.values() for m in t.get("members", [])}
        rows = []
        for r in reading:
            # a judged root that now hangs under an earlier commitment is read in the thread holding it
            thread = threads.get(r["root_id"]) or holding.get(r["root_id"])
            if thread is None:
                rows.append({"root": r["root_id"], "missing": True, "commitment": not r.get("not_commitment")})
                continue
            trace = kb.trace(r["root_id"])
            decided = kb.commitment(thread["deciding"]) if thread.get("deciding") else None
            row = {"root": r["root_id"], "reader": r["status"], "threads": thread["status"], "trace": trace.status,
                   "threads_ok": thread["status"] == r["status"], "trace_ok": trace.status == r["status"],
                   "threads_deciding_ok": _same_place(_at(decided), r["deciding"]),
                   "trace_deciding_ok": _same_place(_at(trace.deciding), r["deciding"]),
                   "borderline": bool(r.get("borderline")), "commitment": not r.get("not_commitment")}
            rows.append(row)
            if verbose and not (row["threads_ok"] and row["trace_ok"]):
                print(f"  {r['root_id']} reader={r['status']} threads={thread['status']} trace={trace.status}: "
                      f"{r['root_text'][:80]}", file=sys.stderr)
    judged = [r for r in rows if not r.get("missing")]
    # a root the reader found to be no commitment and kb no longer extracts has, rightly, no thread
    dropped = [r["root"] for r in rows if r.get("missing") and not r["commitment"]]
    report = {"threads": len(reading), "roots_missing": [r["root"] for r in rows if r.get("missing")],
              "no_commitment_not_extracted": dropped}
    for key in ("threads_ok", "trace_ok", "threads_deciding_ok", "trace_deciding_ok"):
        shown = _share(judged, key)
        report[key.replace("_ok", "")] = {"all": shown,
                                          "all_with_not_extracted_right": {"right": shown["right"] + len(dropped),
                                                                           "of": shown["of"] + len(dropped)},
                                          "not_borderline": _share(judged, key, lambda r: not r["borderline"]),
                                          "real_commitments": _share(judged, key, lambda r: r["commitment"])}
    report["rows"] = judged
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
