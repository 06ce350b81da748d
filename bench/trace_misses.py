"""Why the dev and own threads' must passages are missed, one line each and counted by kind.

For each must passage `kb trace` does not show (as bench/trace_quality.py counts it), the record
holding it and why it is not shown:

* NOREC: no record holds it (not extracted, or a quote spanning records);
* NOPOOL: never a candidate (neither the index's lexical matches, the passages nearest in meaning,
  the strongest links' neighbours nor the chain's: kb.trace.tracer.Tracer.score_pool);
* LOW: a candidate scored under the threshold of the chained model;
* CUT: over the threshold, but left out by the trace's limits (passages, items).

with where it stands (the seed's own document, an earlier or a later one), its probability, its
rank in meaning among all records (against the seed), its signals against the seed, its best
closeness in meaning to the thread's links (the chain's reach), and the nearest item the trace
shows in its document.

    python bench/trace_misses.py --index DIR [--threads O01,O02] [--set NAME ...]
        --set: the sets to read (bench/trace_quality.py's, the opt-in `eyecare` too; default dev, own, own2)
"""

from __future__ import annotations

import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from scoring import containment, doc_key, toks  # noqa: E402
from trace_quality import OPT_IN, SETS, find_seed, load  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402
from kb.trace.calibration import load as load_calibration  # noqa: E402
from kb.trace.tracer import _doc_date  # noqa: E402


def main() -> int:
    index = sys.argv[sys.argv.index("--index") + 1]
    only = set(sys.argv[sys.argv.index("--threads") + 1].split(",")) if "--threads" in sys.argv else None
    kb = KnowledgeBase(Path(index), Path(tempfile.mkdtemp()) / "decisions.jsonl")
    records = kb.commitments(include_evidence=True)
    tracer = kb.tracer()
    sig = tracer.signals
    cal = load_calibration()
    counts: collections.Counter = collections.Counter()
    chosen = [sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == "--set"]
    sets = {name: {**SETS, **OPT_IN}[name] for name in chosen} if chosen else SETS
    for name, path in sets.items():
        for t in load(path):
            if only and t["id"] not in only:
                continue
            seed = find_seed(records, t)
            if seed is None:
                counts[(name, "NOSEED", "")] += sum(1 for g in t["items"] if g.get("must"))
                continue
            trace = kb.trace(seed.id)
            shown = [(p.text, p.best.commitment.doc_id) for p in trace.passages] + [(seed.text, seed.doc_id)]
            pool = {s.commitment.id: s for s in tracer.score_pool(seed, cal)}
            linked = sorted((s for s in pool.values() if s.probability >= cal.chained.threshold
                             and s.commitment.doc_id != seed.doc_id), key=lambda s: -s.probability)[:30]
            sem = sig.semantic_to(seed.id)
            rank = np.empty(len(sem), dtype=int)
            rank[np.argsort(-sem)] = np.arange(len(sem))
            topic = sig.topic(seed.id)
            seed_date = _doc_date(tracer.metas.get(seed.doc_id))
            for g in t["items"]:
                if not g.get("must"):
                    continue
                gt = toks(g["quote"])
                if any(containment(gt, toks(text)) >= 0.7 and doc_key(d) == doc_key(g["doc"]) for text, d in shown):
                    continue
                recs = [r for r in records if doc_key(r.doc_id) == doc_key(g["doc"])
                        and (containment(gt, toks(r.text)) >= 0.7 or containment(toks(r.text), gt) >= 0.7)]
                if not recs:
                    counts[(name, "NOREC", "")] += 1
                    print(f"{t['id']} NOREC {g['doc'][:7]}:{g['line']} {g['quote'][:80]!r}")
                    continue
                r = max(recs, key=lambda r: containment(gt, toks(r.text)))
                s = pool.get(r.id)
                kind = "NOPOOL" if s is None else "LOW" if s.probability < cal.chained.threshold else "CUT"
                date = _doc_date(tracer.metas.get(r.doc_id))
                where = "same" if r.doc_id == seed.doc_id else "earlier" if date < seed_date else "later"
                counts[(name, kind, where)] += 1
                n = sig.row[r.id]
                f, shared = sig.features(seed, topic, r, float(sem[n]))
                reach = max(((float(sig.ctx_emb[sig.row[x.commitment.id]] @ sig.ctx_emb[n]), x.probability)
                             for x in linked if x.commitment.id != r.id), default=(0.0, 0.0)) \
                    if sig.has_semantic else (0.0, 0.0)
                near = sorted((abs((i.commitment.line or 0) - (r.line or 0)), i.commitment.section != r.section)
                              for i in trace.items if i.commitment.doc_id == r.doc_id)
                print(f"{t['id']} {kind} {where} {r.doc_id[:7]}:{r.line} p={s.probability if s else 0:.3f} "
                      f"meaning rank {rank[n]} ({sem[n]:.2f}) lexical {f['lexical']:.2f} anchor {f['anchor']:.0f} "
                      f"tfidf {f['tfidf']:.2f} structure {f['structure']:.2f} theme {f['theme']:.0f} "
                      f"shared {shared[:4]} | nearest link in meaning {reach[0]:.2f} (p {reach[1]:.2f}) | "
                      f"nearest shown item {near[0] if near else None} | {r.text[:70]!r}")
    print()
    for (name, kind, where), k in sorted(counts.items()):
        print(f"{name} {kind} {where}: {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
