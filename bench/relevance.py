"""Search relevance: recall@20 and nDCG@10, as JSON.

Three query sets: each trace thread of the development sample (bench/eval/traces-dev.jsonl) with
its topic as the query and its `must` passages as the relevant set, the project's own threads
(bench/eval/traces-own.jsonl) the same way, and a small hand-written set (bench/relevance.jsonl).
A hit is relevant when it holds 70% of a relevant passage's words (a topic's colons are read as
punctuation, not as a field).

    python bench/relevance.py [--index DIR] [--lexical] [--tune]

`--index` reuses an ingested index (default: the corpus ingested into a temporary folder);
`--lexical` ranks by BM25 alone (the semantic weight set to 0), for a before/after comparison;
`--tune` grid-searches the hybrid ranking's weight, neighbour count and floor
(kb.index.search.SEMANTIC_*): each set's best setting is scored on the other sets (a two-fold check
that the choice is not fitted to one set's topics), and the setting best on the mean over all three
sets is printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import containment, toks  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402
from kb.index.search import SEMANTIC_FLOOR, TOPIC_FLOOR  # noqa: E402

SETS = ("traces", "own", "hand")


def evaluate(kb: KnowledgeBase, query: str, relevant: list[str]) -> dict:
    hits = kb.search(query, limit=20, include_evidence=True, facets=False, highlights=False).hits
    rel_toks = [toks(r) for r in relevant]
    gains = []
    found: set[int] = set()
    for h in hits:
        ht = toks(h.text)
        match = next((i for i, rt in enumerate(rel_toks) if i not in found and containment(rt, ht) >= 0.7), None)
        gains.append(1 if match is not None else 0)
        if match is not None:
            found.add(match)
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return {"query": query, "recall@20": round(len(found) / len(relevant), 3) if relevant else None,
            "ndcg@10": round(dcg / ideal, 3) if ideal else None}


def query_sets() -> list[tuple[str, str, list[str]]]:
    sets = []
    for name, file in (("traces", "traces-dev.jsonl"), ("own", "traces-own.jsonl")):
        for line in (ROOT / "bench" / "eval" / file).read_text(encoding="utf-8").splitlines():
            t = json.loads(line)
            sets.append((name, t["topic"].replace(":", " "), [i["quote"] for i in t["items"] if i.get("must")] + [t["seed"]["quote"]]))
    for line in (ROOT / "bench" / "relevance.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        sets.append(("hand", r["query"], r["relevant"]))
    return sets


def run(kb: KnowledgeBase, sets) -> dict:
    rows = [dict(evaluate(kb, q, rel), set=name) for name, q, rel in sets]
    out: dict = {"queries": rows}
    for name in SETS:
        sub = [r for r in rows if r["set"] == name]
        out[name] = {k: round(sum(r[k] for r in sub) / len(sub), 3) for k in ("recall@20", "ndcg@10")}
    return out


def _objective(summary: dict, names) -> float:
    return sum(summary[n]["recall@20"] + summary[n]["ndcg@10"] for n in names) / (2 * len(names))


def tune(kb: KnowledgeBase, sets) -> dict:
    searcher = kb.searcher()
    # floors on the scale of the index's vectors: without the common component (kb.semantic.Common) or raw
    default, floors = (TOPIC_FLOOR, (0.05, TOPIC_FLOOR, 0.26)) if searcher.ranks_by_topic else \
        (SEMANTIC_FLOOR, (0.3, SEMANTIC_FLOOR))
    grid = list(itertools.product((0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5), (0, 20), floors, (0.0, 1.0)))
    results = []
    for w, k, floor, ref in grid:
        if (w == 0 and (k or floor != default or ref)) or (k == 0 and floor != default):
            continue  # the same ranking as another grid point
        searcher.semantic_weight, searcher.semantic_neighbours = w, k
        searcher.semantic_floor = searcher.topic_floor = floor
        searcher.lexical_reference = ref
        summary = run(kb, sets)
        results.append({"weight": w, "neighbours": k, "floor": floor, "reference": ref,
                        **{n: summary[n] for n in SETS}, "mean": round(_objective(summary, SETS), 4)})
    folds = {}
    for held in SETS:
        fitted_on = [n for n in SETS if n != held]
        best = max(results, key=lambda r: _objective(r, fitted_on))
        folds[held] = {"chosen_on": fitted_on, "setting": {k: best[k] for k in ("weight", "neighbours", "floor", "reference")},
                       "held_out": best[held], "lexical": results[0][held]}
    best = max(results, key=lambda r: r["mean"])
    return {"grid": results, "held_out": folds, "best": best}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index")
    ap.add_argument("--lexical", action="store_true")
    ap.add_argument("--tune", action="store_true")
    args = ap.parse_args()
    sets = query_sets()
    with tempfile.TemporaryDirectory() as tmp:
        if args.index:
            kb = KnowledgeBase(Path(args.index))
        else:
            kb = KnowledgeBase(Path(tmp) / "index")
            kb.ingest([ROOT / "corpus"])
        if args.tune:
            out = tune(kb, sets)
        else:
            if args.lexical:
                kb.searcher().semantic_weight = 0.0
            out = run(kb, sets)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
