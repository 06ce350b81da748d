"""Trace quality on the development threads (bench/eval/traces-dev.jsonl), as JSON.

For each thread: find the record matching the seed, run the trace (the same code as
`kb trace ID --format jsonl`, default limit), and count the `must` passages shown (70% of their
words, right document), the documents covered, and how much of what is shown is on the thread.
Also times linking the corpus (ingest-time threads) per commitment.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import containment, doc_key, toks  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402


def find(records, quote: str, doc: str):
    qt = toks(quote)
    best, best_score = None, 0.0
    for r in records:
        if doc_key(r.doc_id) != doc_key(doc):
            continue
        rt = toks(r.text)
        if len(rt) > 3 * len(qt) + 10:
            continue
        c = containment(qt, rt)
        if c > best_score:
            best, best_score = r, c
    return best if best_score >= 0.8 else None


def main() -> int:
    verbose = "-v" in sys.argv
    threads = [json.loads(x) for x in (ROOT / "bench/eval/traces-dev.jsonl").read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp) / "index", Path(tmp) / "decisions.jsonl")
        kb.ingest([ROOT / "corpus"])
        from kb.trace.threads import build_threads

        records = kb.commitments(include_evidence=True)
        metas = {d.meta.id: d.meta for d in kb.documents()}
        t0 = time.perf_counter()
        links, thread_list = build_threads(records, metas)
        link_s = time.perf_counter() - t0
        rows = []
        tot = dict(must=0, hit=0, docs=0, docs_hit=0, shown=0, ok=0)
        for t in threads:
            seed = find(records, t["seed"]["quote"], t["seed"]["doc"])
            if seed is None:
                rows.append({"id": t["id"], "error": "seed not extracted"})
                continue
            t1 = time.perf_counter()
            trace = kb.trace(seed.id)
            ms = (time.perf_counter() - t1) * 1000
            # What `kb trace --format jsonl` prints: one record per passage, its text the members' texts.
            shown = [type("R", (), {"text": p.text, "doc_id": p.best.commitment.doc_id})() for p in trace.passages]
            pool = shown + [seed]
            musts = [i for i in t["items"] if i.get("must")]
            hit, gdocs, hdocs = 0, set(), set()
            for g in musts:
                gdocs.add(doc_key(g["doc"]))
                gt = toks(g["quote"])
                if any(containment(gt, toks(p.text)) >= 0.7 and doc_key(p.doc_id) == doc_key(g["doc"]) for p in pool):
                    hit += 1
                    hdocs.add(doc_key(g["doc"]))
                elif verbose:
                    print(f"  MISS {t['id']} {g['doc'][:7]}:{g['line']} {g['quote'][:90]}", file=sys.stderr)
            allg = [toks(i["quote"]) for i in t["items"]] + [toks(t["seed"]["quote"])]
            ok = sum(1 for r in shown if any(containment(g, toks(r.text)) >= 0.7
                                             or containment(toks(r.text), g) >= 0.7 for g in allg))
            rows.append({"id": t["id"], "must": len(musts), "must_hit": hit, "docs": len(gdocs), "docs_hit": len(hdocs),
                         "shown": len(shown), "shown_on_gold": ok, "status": trace.status, "ms": round(ms)})
            for k, v in (("must", len(musts)), ("hit", hit), ("docs", len(gdocs)), ("docs_hit", len(hdocs)),
                         ("shown", len(shown)), ("ok", ok)):
                tot[k] += v
    f = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    commitments = sum(1 for r in records if r.kind != "evidence")
    print(json.dumps({
        "must_recall": f(tot["hit"], tot["must"]), "doc_coverage": f(tot["docs_hit"], tot["docs"]),
        "shown_on_gold": f(tot["ok"], tot["shown"]), "threads": rows,
        "linking": {"commitments": commitments, "links": len(links), "threads": len(thread_list),
                    "seconds": round(link_s, 2), "ms_per_commitment": round(1000 * link_s / max(commitments, 1), 2)},
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
