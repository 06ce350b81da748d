"""Linking time per commitment (ingest-time threads, kb.trace.threads.build_threads) at 1x and Nx.

The Nx collection is made from the ingested corpus the way bench/synth.py makes its corpus: variant
k of each record has its years shifted by k and some words swapped (synth.shift_years,
synth.vary_wording), in a document dated k years later; parents, clause reports and semantic
vectors (embedded from each variant's own text) go with it.  Building records directly, instead of
parsing 100 files, measures the linking alone.

    python bench/trace_scale.py [--index DIR] [--factors 1,20]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import shift_years, vary_wording  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402


def scaled(records, metas, reports, factor: int, seed: int = 7):
    rng = random.Random(seed)
    out, out_metas, out_reports = [], {}, {}
    for k in range(factor):
        for doc_id, m in metas.items():
            year = int((m.date or "2000")[:4]) + k
            out_metas[f"{doc_id}__v{k:02d}"] = replace(m, id=f"{doc_id}__v{k:02d}",
                                                       date=f"{year}{(m.date or '2000-01-01')[4:]}")
        for c in records:
            cid = f"{c.id}~{k}"
            out.append(replace(c, id=cid, doc_id=f"{c.doc_id}__v{k:02d}",
                               text=vary_wording(shift_years(c.text, k), rng),
                               parent_id=f"{c.parent_id}~{k}" if c.parent_id else None))
            if c.id in reports:
                out_reports[cid] = reports[c.id]
    return out, out_metas, out_reports


def main() -> int:
    from kb.semantic import embed, record_topic_text
    from kb.trace.threads import build_threads

    index = sys.argv[sys.argv.index("--index") + 1] if "--index" in sys.argv else None
    factors = [int(f) for f in (sys.argv[sys.argv.index("--factors") + 1] if "--factors" in sys.argv
                                else "1,20").split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(index) if index else Path(tmp) / "index", Path(tmp) / "decisions.jsonl")
        kb.ingest([ROOT / "corpus"])
        records = kb.commitments(include_evidence=True)
        metas = {d.meta.id: d.meta for d in kb.documents()}
        reports = kb.store.reports()
    rows = []
    for factor in factors:
        recs, ms, reps = scaled(records, metas, reports, factor)
        vectors = embed([record_topic_text(c) for c in recs])
        t0 = time.perf_counter()
        links, threads = build_threads(recs, ms, reps, vectors)
        seconds = time.perf_counter() - t0
        commitments = sum(1 for c in recs if c.kind != "evidence")
        rows.append({"factor": factor, "records": len(recs), "commitments": commitments, "links": len(links),
                     "threads": len(threads), "seconds": round(seconds, 2),
                     "ms_per_commitment": round(1000 * seconds / max(commitments, 1), 2)})
        print(json.dumps(rows[-1]), file=sys.stderr)
    print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
