"""Trace quality on the hand-written threads, as JSON: the dev threads (bench/eval/traces-dev.jsonl),
the own threads (bench/eval/traces-own.jsonl, written without seeing kb's output) and the second own
batch (bench/eval/traces-own-2.jsonl, O23-O32, written blind after the first was tuned on) scored apart.

For each thread: find the record matching the seed, run the trace (the same code as
`kb trace ID --format jsonl`, default limit), and count the `must` passages shown (70% of their
words, right document), the documents covered, and how much of what is shown is on the thread.
Threads annotated with a `status` and its `deciding` passage also score status agreement: the
same status, and a deciding passage that holds 70% of the annotated one's words.
Also times linking the corpus (ingest-time threads) per commitment.

    python bench/trace_quality.py [-v] [--index DIR]   (--index reuses an ingested corpus)
    python bench/trace_quality.py [-v] --index DIR --set eyecare   (an opt-in set, alone: eyecare, kent)

Opt-in sets (OPT_IN) are threads on documents outside the bundled corpus: scored only when named with
`--set`, from an index that holds their documents (the corpus is then not ingested into it), and
never part of SETS, so bench/fit_trace.py and bench/trace_misses.py never see them.
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

SETS = {"dev": ROOT / "bench/eval/traces-dev.jsonl", "own": ROOT / "bench/eval/traces-own.jsonl",
        "own2": ROOT / "bench/eval/traces-own-2.jsonl"}
# eyecare: E01-E08, written blind on three NHS England eye care documents (bench/eval/TRACES-OTHER-EYECARE.md);
# kent: K01-K10, written blind on six Kent devolution and reorganisation papers (bench/eval/TRACES-OTHER-KENT.md).
OPT_IN = {"eyecare": ROOT / "bench/eval/traces-other-eyecare.jsonl",
          "kent": ROOT / "bench/eval/traces-other-kent.jsonl"}


def find(records, quote: str, doc: str, longer: bool = False):
    """The record holding 80% of the quote's words (at most 3x as long + 10 words unless `longer`)."""
    qt = toks(quote)
    best, best_score = None, 0.0
    for r in records:
        if doc_key(r.doc_id) != doc_key(doc):
            continue
        rt = toks(r.text)
        if len(rt) > 3 * len(qt) + 10 and not longer:
            continue
        c = containment(qt, rt)
        if c > best_score:
            best, best_score = r, c
    return best if best_score >= 0.8 else None


def find_seed(records, t: dict):
    """The seed's record; a seed the extractor merged into a longer record is traced from that record."""
    s = t["seed"]
    return find(records, s["quote"], s["doc"]) or find(records, s["quote"], s["doc"], longer=True)


def load(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def score_thread(kb, records, t: dict, verbose: bool) -> dict:
    seed = find_seed(records, t)
    if seed is None:  # scored as the reference scorer does: every must passage missed
        musts = [i for i in t["items"] if i.get("must")]
        return {"id": t["id"], "error": "seed not extracted", "must": len(musts), "must_hit": 0,
                "docs": len({doc_key(i["doc"]) for i in musts}), "docs_hit": 0, "shown": 0, "shown_on_gold": 0}
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
    ok = 0
    for r in shown:
        on = any(containment(g, toks(r.text)) >= 0.7 or containment(toks(r.text), g) >= 0.7 for g in allg)
        ok += on
        if verbose and not on:
            print(f"  OFF  {t['id']} {r.doc_id[:7]} {r.text[:90]}", file=sys.stderr)
    row = {"id": t["id"], "must": len(musts), "must_hit": hit, "docs": len(gdocs), "docs_hit": len(hdocs),
           "shown": len(shown), "shown_on_gold": ok, "status": trace.status, "ms": round(ms)}
    if t.get("status"):
        deciding = getattr(trace, "deciding", None)
        text = deciding.text if deciding is not None else trace.status_reason
        row["gold_status"] = t["status"]
        row["status_ok"] = trace.status == t["status"]
        # a thread with no deciding passage (silent): right when kb names none either
        row["deciding_ok"] = deciding is None if t.get("deciding") is None else \
            containment(toks(t["deciding"]["quote"]), toks(text)) >= 0.7
        if verbose:
            print(f"  STATUS {t['id']} kb={trace.status} gold={t['status']} deciding_ok={row['deciding_ok']}: "
                  f"{text[:100]}", file=sys.stderr)
    return row


def summary(rows: list[dict]) -> dict:
    tot = {k: sum(r.get(k, 0) for r in rows) for k in ("must", "must_hit", "docs", "docs_hit", "shown", "shown_on_gold")}
    f = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    out = {"must_recall": f(tot["must_hit"], tot["must"]), "doc_coverage": f(tot["docs_hit"], tot["docs"]),
           "shown_on_gold": f(tot["shown_on_gold"], tot["shown"])}
    judged = [r for r in rows if "gold_status" in r]
    if judged:
        out["status_agreement"] = f(sum(r["status_ok"] for r in judged), len(judged))
        out["deciding_agreement"] = f(sum(r["deciding_ok"] for r in judged), len(judged))
    return out


def main() -> int:
    verbose = "-v" in sys.argv
    index = sys.argv[sys.argv.index("--index") + 1] if "--index" in sys.argv else None
    chosen = [sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == "--set"]
    known = {**SETS, **OPT_IN}
    if any(n not in known for n in chosen):
        print(f"unknown set; known: {', '.join(known)}", file=sys.stderr)
        return 2
    sets = {n: known[n] for n in chosen} if chosen else SETS
    if any(n in OPT_IN for n in sets) and not index:
        print("an opt-in set needs --index DIR holding its documents", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(index) if index else Path(tmp) / "index"
        kb = KnowledgeBase(where, Path(tmp) / "decisions.jsonl")
        if any(n in SETS for n in sets):
            kb.ingest([ROOT / "corpus"])
        from kb.trace.threads import build_threads

        records = kb.commitments(include_evidence=True)
        metas = {d.meta.id: d.meta for d in kb.documents()}
        t0 = time.perf_counter()
        links, thread_list = build_threads(records, metas)
        link_s = time.perf_counter() - t0
        report: dict = {}
        for name, path in sets.items():
            rows = [score_thread(kb, records, t, verbose) for t in load(path)]
            report[name] = {**summary(rows), "threads": rows}
    commitments = sum(1 for r in records if r.kind != "evidence")
    if "dev" in report and "own" in report:
        report["all"] = summary(report["dev"]["threads"] + report["own"]["threads"])  # as before own2 existed
    report["linking"] = {"commitments": commitments, "links": len(links), "threads": len(thread_list),
                         "seconds": round(link_s, 2), "ms_per_commitment": round(1000 * link_s / max(commitments, 1), 2)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
