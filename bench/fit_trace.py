"""Fit the trace calibration (kb/trace/weights.json) on the annotated threads, cross-validated.

Data: the dev threads (bench/eval/traces-dev.jsonl) and the own threads (bench/eval/traces-own.jsonl).
For each thread, every candidate the tracer considers (kb.trace.tracer.Tracer.score_pool) is a row
of signals; it is positive when its text and an annotated passage of the thread hold 70% of each
other's words (same document), weighted 2 when that passage is a `must`.

Two logistic regressions (kb.trace.calibration): `direct` without the chain signal, then `chained`
with it (its chain signal computed from the direct model).  Leave-one-thread-out: for each thread,
both models and the threshold are fitted on the other threads only, and the held-out thread is
traced with them; the figures reported are those held-out traces.  The threshold maximises the
weighted F1 of the training threads' candidates, and one threshold serves every thread.  The
stored weights are fitted on all threads, with the threshold the median of the folds'.

    python bench/fit_trace.py [--index DIR] [--no-write]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import containment, doc_key, toks  # noqa: E402
from trace_quality import SETS, find_seed, load, score_thread, summary  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402
from kb.trace.calibration import WEIGHTS_FILE, Calibration, Model, fit_logistic  # noqa: E402
from kb.trace.signals import FEATURES  # noqa: E402

DIRECT = tuple(f for f in FEATURES if f != "chain")
NEVER = Model(DIRECT, tuple(0.0 for _ in DIRECT), -30.0, 2.0)  # accepts nothing: no chain sources


def label(rec, thread: dict) -> float:
    """2 for a must passage, 1 for another annotated passage (or the seed's own text), else 0."""
    rt = toks(rec.text)
    best = 0.0
    for g in [*thread["items"], {**thread["seed"], "must": False}]:
        if doc_key(g["doc"]) != doc_key(rec.doc_id):
            continue
        gt = toks(g["quote"])
        if containment(gt, rt) >= 0.7 or containment(rt, gt) >= 0.7:
            best = max(best, 2.0 if g.get("must") else 1.0)
    return best


def rows_of(tracer, seed, thread, cal: Calibration, features: tuple[str, ...]):
    pool = tracer.score_pool(seed, cal)
    xs = [[s.signals.get(f, 0.0) for f in features] for s in pool]
    ys = [label(s.commitment, thread) for s in pool]
    return xs, ys


def fit(xs, ys, features) -> Model:
    w, b = fit_logistic(xs, [1 if y > 0 else 0 for y in ys], weights=[y if y > 0 else 1.0 for y in ys])
    return Model(features, tuple(w), b, best_threshold(Model(features, tuple(w), b, 0.5), xs, ys))


def best_threshold(model: Model, xs, ys) -> float:
    """The threshold with the best weighted F1 over these candidates."""
    scored = sorted(((model.probability(dict(zip(model.features, x, strict=True))), y) for x, y in zip(xs, ys,
                                                                                                       strict=True)),
                    key=lambda p: -p[0])
    total = sum(y for _, y in scored) or 1.0
    best, best_f, tp, fp = 0.5, -1.0, 0.0, 0.0
    for p, y in scored:
        if y > 0:
            tp += y
        else:
            fp += 1
        recall, precision = tp / total, tp / (tp + fp)
        f1 = 2 * recall * precision / (recall + precision) if tp else 0.0
        if f1 > best_f:
            best, best_f = p, f1
    return best


def main() -> int:
    index = sys.argv[sys.argv.index("--index") + 1] if "--index" in sys.argv else None
    threads = [(name, t) for name, path in SETS.items() for t in load(path)]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(index) if index else Path(tmp) / "index", Path(tmp) / "decisions.jsonl")
        kb.ingest([ROOT / "corpus"])
        records = kb.commitments(include_evidence=True)
        tracer = kb.tracer()
        seeds = {t["id"]: find_seed(records, t) for _, t in threads}
        threads = [(n, t) for n, t in threads if seeds[t["id"]] is not None]
        t0 = time.perf_counter()
        # Direct signals do not depend on any model: one pass with no chain source.
        base = Calibration(NEVER, Model(FEATURES, tuple(0.0 for _ in FEATURES), 0.0, 1.0))
        direct_rows = {t["id"]: rows_of(tracer, seeds[t["id"]], t, base, DIRECT) for _, t in threads}

        def direct_model(exclude: str | None) -> Model:
            xs = [x for k, (a, _) in direct_rows.items() if k != exclude for x in a]
            ys = [y for k, (_, b) in direct_rows.items() if k != exclude for y in b]
            return fit(xs, ys, DIRECT)

        def chained_model(direct: Model, exclude: str | None) -> Model:
            never = Model(FEATURES, tuple(0.0 for _ in FEATURES), 0.0, 1.0)
            xs, ys = [], []
            for _, t in threads:
                if t["id"] == exclude:
                    continue
                a, b = rows_of(tracer, seeds[t["id"]], t, Calibration(direct, never), FEATURES)
                xs += a
                ys += b
            return fit(xs, ys, FEATURES)

        folds, held = [], {}
        for name, t in threads:
            d = direct_model(t["id"])
            c = chained_model(d, t["id"])
            folds.append((d.threshold, c.threshold))
            tracer.calibration = Calibration(d, c)
            held[t["id"]] = (name, score_thread(kb, records, t, False))
            print(f"fold {t['id']}: thresholds {d.threshold:.3f} {c.threshold:.3f} -> "
                  f"{held[t['id']][1]['must_hit']}/{held[t['id']][1]['must']}", file=sys.stderr)
        tracer.calibration = None
        final_d = direct_model(None)
        final_d.threshold = statistics.median(f[0] for f in folds)
        final_c = chained_model(final_d, None)
        final_c.threshold = statistics.median(f[1] for f in folds)
        cv = {name: summary([r for n, r in held.values() if n == name]) for name in SETS}
        cv["all"] = summary([r for _, r in held.values()])
        cal = Calibration(final_d, final_c, {
            "by": "bench/fit_trace.py", "date": time.strftime("%Y-%m-%d"),
            "threads": {name: [t["id"] for n, t in threads if n == name] for name in SETS},
            "labels": "candidate positive when it and an annotated passage hold 70% of each other's words; "
                      "must passages weigh 2",
            "objective": "logistic regression (L2 1.0); threshold = best weighted F1 on the training threads, "
                         "median over leave-one-thread-out folds",
            "cross_validated": cv, "fold_thresholds": [[round(a, 4), round(b, 4)] for a, b in folds],
            "seconds": round(time.perf_counter() - t0, 1)})
    print(json.dumps({"cross_validated": cv, "direct": final_d.to_dict(), "chained": final_c.to_dict(),
                      "held_out": {k: r for k, (_, r) in held.items()}}, indent=1))
    if "--no-write" not in sys.argv:
        WEIGHTS_FILE.write_text(json.dumps(cal.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
