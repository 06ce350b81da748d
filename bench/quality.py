"""Extraction quality on the development sample (bench/eval, a copy of ../shared/eval), as JSON.

Ingests the bundled corpus into a temporary index, exports every commitment and scores the export
with the rules of bench/scoring.py.  `--verbose` also lists misses and wrong records for reading.

`--other` measures out of sample instead: the text exports of other bodies' documents in
bench/eval/other (annotated before kb was run on them; provenance in PROVENANCE.md) against
their gold (gold-*.jsonl) in the regions annotated completely (regions-*.json).
`--corpus-own` scores the bundled corpus against lines outside the dev sample, annotated apart
under GUIDE.md by a reader who never saw kb's output (bench/eval/corpus-own): the closest stand-in
for the held-back lines the project is judged on.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import confidence_bands, other_gold, score  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402
from kb.export import record_dict  # noqa: E402


def export_records(corpus: Path, index: Path) -> list[dict]:
    kb = KnowledgeBase(index)
    report = kb.ingest([corpus], rebuild=True)
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed}")
    docs = {d.meta.id: d.meta for d in kb.documents()}
    return [record_dict(c, docs.get(c.doc_id)) for c in kb.commitments()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--eval", default=str(ROOT / "bench" / "eval"))
    ap.add_argument("--all-lines", action="store_true", help="score every line, not only the dev regions")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--export", help="also write the export used (JSONL) here")
    ap.add_argument("--other", action="store_true",
                    help="score other bodies' documents (bench/eval/other) instead of the dev sample")
    ap.add_argument("--corpus-own", action="store_true",
                    help="score the corpus lines outside the dev sample that were annotated apart "
                         "(bench/eval/corpus-own): the closest stand-in for the held-back lines")
    args = ap.parse_args()
    ev = Path(args.eval)
    if args.other:
        golds, regions = other_gold(ev / "other")
        regions = None if args.all_lines else regions
    elif args.corpus_own:  # always its regions: lines outside them were not annotated
        own = ev / "corpus-own"
        golds = [json.loads(line) for line in (own / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        regions = json.loads((own / "regions.json").read_text(encoding="utf-8"))
    else:
        golds = [json.loads(line) for line in (ev / "gold-dev.jsonl").read_text(encoding="utf-8").splitlines()
                 if line]
        regions = None if args.all_lines else json.loads((ev / "dev-regions.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus)
        if args.other:  # the text exports that have gold, alone in a folder (no catalog: kb infers the metadata)
            corpus = Path(tmp) / "other"
            corpus.mkdir()
            for name in sorted({g["doc"] for g in golds}):
                shutil.copy(ev / "other" / name, corpus / name)
        records = export_records(corpus, Path(tmp) / "index")
    elapsed = time.perf_counter() - t0
    if args.export:
        with open(args.export, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    res = score(records, golds, regions)
    if args.verbose:
        for g in res["_misses"]:
            print(f"MISS {g['doc'][:7]}:{g['line']} {g['quote'][:110]}", file=sys.stderr)
        for what, g, r in res["_wrong"]:
            if what == "precision":
                print(f"FP   {r['doc_id'][:7]}:{r['line']} [{r['kind']}] {r['text'][:110]}", file=sys.stderr)
            elif what == "due":
                print(f"DUE  {g['doc'][:7]}:{g['line']} gold={[(d['start'], d['end']) for d in g['due']]} "
                      f"got={[(d['start'], d['end']) for d in r['due']]} {g['quote'][:60]}", file=sys.stderr)
            else:
                print(f"OWN  {g['doc'][:7]}:{g['line']} gold={g['owners']} got={r['owners']} {g['quote'][:60]}",
                      file=sys.stderr)
    sample = ("other bodies' documents" if args.other else "corpus lines outside the dev sample"
              if args.corpus_own else "dev") + (" (regions)" if regions else " (all lines)")
    out = {"sample": sample, "records": len(records),
           "ingest_seconds": round(elapsed, 2), "overall": res["overall"], "documents": res["documents"],
           "confidence_bands": confidence_bands(records)}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
