"""Search relevance: recall@20 and nDCG@10, as JSON.

Two query sets: each trace thread of the development sample (bench/eval/traces-dev.jsonl) with its
topic as the query and its `must` passages as the relevant set, and a small hand-written set
(bench/relevance.jsonl).  A hit is relevant when it holds 70% of a relevant passage's words.
"""

from __future__ import annotations

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


def evaluate(kb: KnowledgeBase, query: str, relevant: list[str]) -> dict:
    hits = kb.search(query, limit=20, include_evidence=True).hits
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


def main() -> int:
    sets = []
    for line in (ROOT / "bench" / "eval" / "traces-dev.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        sets.append(("traces", t["topic"], [i["quote"] for i in t["items"] if i.get("must")] + [t["seed"]["quote"]]))
    for line in (ROOT / "bench" / "relevance.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        sets.append(("hand", r["query"], r["relevant"]))
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp) / "index")
        kb.ingest([ROOT / "corpus"])
        rows = [dict(evaluate(kb, q, rel), set=name) for name, q, rel in sets]
    out: dict = {"queries": rows}
    for name in ("traces", "hand"):
        sub = [r for r in rows if r["set"] == name]
        out[name] = {k: round(sum(r[k] for r in sub) / len(sub), 3) for k in ("recall@20", "ndcg@10")}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
