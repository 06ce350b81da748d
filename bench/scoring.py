"""Scoring rules for extraction quality, the same as ../shared/eval/README.md describes.

A gold item is found when a record of the same document holds at least 80% of the gold quote's
words (multiset, lower-cased, markup stripped) and is at most three times as long plus ten words.
A record is correct when it covers a gold item that way or a gold item holds 80% of its words.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

OWNER_ALIASES = {
    "coventry and rugby ccg": ["crccg", "cr ccg", "c&r ccg", "coventry & rugby ccg",
                               "coventry and rugby clinical commissioning group"],
    "warwickshire north ccg": ["wn ccg"],
    "south warwickshire ccg": ["sw ccg"],
    "nhs england": ["nhse", "nhs england and nhs improvement"],
    "university hospitals coventry and warwickshire nhs trust": ["uhcw", "university hospitals coventry and warwickshire"],
    "george eliot hospital nhs trust": ["geh", "george eliot hospital"],
    "south warwickshire nhs foundation trust": ["swft"],
    "coventry and warwickshire partnership nhs trust": ["cwpt"],
    "coventry city council": ["ccc"],
    "warwickshire county council": ["wcc"],
    "local workforce action board": ["lwab"],
    "partnership executive group": ["peg"],
}
_FOLD = {a: canon for canon, aliases in OWNER_ALIASES.items() for a in [canon, *aliases]}


def fold_owner(name: str) -> str:
    k = re.sub(r"\s+", " ", name.strip().lower().replace("&", "and").replace("-", "")).strip(" .")
    k = re.sub(r"^the ", "", k)
    return _FOLD.get(k) or _FOLD.get(name.strip().lower()) or k


def toks(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>|\*\*", " ", text or "").lower())


def containment(a: list[str], b: list[str]) -> float:
    ca, cb = collections.Counter(a), collections.Counter(b)
    n = sum(ca.values())
    return sum(min(c, cb[w]) for w, c in ca.items()) / n if n else 0.0


def doc_key(name: str) -> str:
    return Path(str(name)).stem.lower()


def in_regions(doc: str, line, regions: dict) -> bool:
    spans = regions.get(doc_key(doc))
    return bool(spans) and isinstance(line, int) and any(a <= line <= b for a, b in spans)


def best_match(gold_toks: list[str], records: list[dict]):
    best, best_score = None, 0.0
    for r in records:
        if len(r["_t"]) > 3 * len(gold_toks) + 10:
            continue
        c = containment(gold_toks, r["_t"])
        if c > best_score:
            best, best_score = r, c
    return best if best_score >= 0.8 else None


def score(records: list[dict], golds: list[dict], regions: dict | None = None) -> dict:
    """Recall, precision, due-date accuracy and owner recall, overall and per document."""
    if regions is not None:
        regions = {doc_key(k): v for k, v in regions.items()}
        records = [r for r in records if in_regions(r["doc_id"], r.get("line"), regions)]
        golds = [g for g in golds if in_regions(g["doc"], g.get("line"), regions)]
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for r in records:
        r["_t"] = toks(r.get("text", ""))
        by_doc[doc_key(r["doc_id"])].append(r)
    gold_by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for g in golds:
        gold_by_doc[doc_key(g["doc"])].append(g)
    per_doc, total = {}, collections.Counter()
    misses, wrong = [], []
    for d, gs in sorted(gold_by_doc.items()):
        recs = by_doc.get(d, [])
        c = collections.Counter()
        for g in gs:
            gt = toks(g["quote"])
            m = best_match(gt, recs)
            if g.get("confidence", "high") != "low":
                c["gold"] += 1
                c["found"] += m is not None
                if m is None:
                    misses.append(g)
            if m is None:
                continue
            gd = {(x.get("start"), x.get("end")) for x in g.get("due", [])}
            md = {(x.get("start"), x.get("end")) for x in m.get("due", [])}
            if gd:
                c["due_gold"] += len(gd)
                c["due_hit"] += len(gd & md)
                if gd - md:
                    wrong.append(("due", g, m))
            elif md:
                c["due_spurious"] += 1
            c["due_none_gold"] += not gd
            go = {fold_owner(o) for o in g.get("owners", [])}
            mo = {fold_owner(o) for o in m.get("owners", [])}
            if go:
                c["own_gold"] += len(go)
                c["own_hit"] += len(go & mo)
                if go - mo:
                    wrong.append(("owner", g, m))
            c["own_sys"] += len(mo)
            c["own_sys_ok"] += len(mo & go)
        gold_toks = [toks(g["quote"]) for g in gs]
        for r in recs:
            c["sys"] += 1
            ok = any((containment(gt, r["_t"]) >= 0.8 and len(r["_t"]) <= 3 * len(gt) + 10)
                     or containment(r["_t"], gt) >= 0.8 for gt in gold_toks)
            c["sys_ok"] += ok
            r["_ok"] = ok
            if not ok:
                wrong.append(("precision", None, r))
        per_doc[d] = _figures(c)
        total.update(c)
    return {"overall": _figures(total), "documents": per_doc, "_misses": misses, "_wrong": wrong}


BANDS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


def confidence_bands(records: list[dict]) -> dict:
    """Precision per confidence band of the records `score` judged (calibration: the higher the
    band, the higher its precision should be)."""
    out = {}
    for lo, hi in BANDS:
        rs = [r for r in records if "_ok" in r and lo <= (r.get("confidence") or 0.0) < hi]
        ok = sum(r["_ok"] for r in rs)
        out[f"{lo:.1f}-{min(hi, 1.0):.1f}"] = {"records": len(rs), "precision": round(ok / len(rs), 3) if rs else None}
    return out


def _figures(c: collections.Counter) -> dict:
    f = lambda a, b: round(c[a] / c[b], 3) if c[b] else None  # noqa: E731
    return {
        "recall": f("found", "gold"),
        "precision": f("sys_ok", "sys"),
        "due_accuracy": f("due_hit", "due_gold"),
        "due_spurious_rate": f("due_spurious", "due_none_gold"),
        "owner_recall": f("own_hit", "own_gold"),
        "owner_precision": f("own_sys_ok", "own_sys"),
        "gold": c["gold"], "found": c["found"], "records": c["sys"],
    }


def other_gold(folder: Path) -> tuple[list[dict], dict]:
    """Every annotator's gold and regions in bench/eval/other, merged."""
    golds = [json.loads(line) for f in sorted(folder.glob("gold-*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    regions: dict[str, list] = {}
    for f in sorted(folder.glob("regions-*.json")):
        for doc, spans in json.loads(f.read_text(encoding="utf-8")).items():
            regions.setdefault(doc, []).extend(spans)
    return golds, regions
