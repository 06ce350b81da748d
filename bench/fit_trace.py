"""Fit the trace calibration (kb/trace/weights.json) on the annotated threads, cross-validated.

Data: the dev threads (bench/eval/traces-dev.jsonl) and the own threads (bench/eval/traces-own.jsonl).
For each thread, every candidate the tracer considers (kb.trace.tracer.Tracer.score_pool) is a row
of signals; it is positive when its text and an annotated passage of the thread hold 70% of each
other's words (same document), weighted 2 when that passage is a `must`.

Two logistic regressions (kb.trace.calibration): `direct` without the chain signal, then `chained`
with it (its chain signal computed from the direct model fitted on all threads).
Leave-one-thread-out: for each thread, both models and the threshold are fitted on the other
threads only, and the held-out thread is traced with them; the figures reported are those
held-out traces.  The threshold shows the most annotated passages of the training threads when
each shows its strongest SHOWN candidates above it, penalised when less than half of them is on
the thread (the precision an auditor needs); one threshold serves every thread.  The stored weights are fitted on all threads, with the threshold the median of the folds'.
`--keep-direct` keeps the shipped direct model (the ingest-time links and `kb threads` read it) and
fits only the chained model, whose chain sources then come from the shipped direct model in every fold.

    python bench/fit_trace.py [--index DIR] [--no-write] [--exclude ID,ID,...] [--keep-direct]
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

# own2 (bench/eval/traces-own-2.jsonl) is a held-out test set: never fitted on.
SETS = {name: path for name, path in SETS.items() if name != "own2"}

from kb.api import KnowledgeBase  # noqa: E402
from kb.trace.calibration import WEIGHTS_FILE, Calibration, Model, fit_logistic  # noqa: E402
from kb.trace.calibration import load as load_calibration  # noqa: E402
from kb.trace.signals import FEATURES  # noqa: E402

DIRECT = tuple(f for f in FEATURES if f not in ("chain", "section", "feedback"))
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


def fit(rows: dict[str, tuple[list, list]], exclude: str | None, features) -> Model:
    keys = [k for k in rows if k != exclude]
    xs = [x for k in keys for x in rows[k][0]]
    ys = [y for k in keys for y in rows[k][1]]
    groups = [k for k in keys for _ in rows[k][1]]
    w, b = fit_logistic(xs, [1 if y > 0 else 0 for y in ys], weights=[y if y > 0 else 1.0 for y in ys])
    return Model(features, tuple(w), b, best_threshold(Model(features, tuple(w), b, 0.5), xs, ys, groups))


# At least half of what a trace shows must be on the thread (the judging bar), counted in passages:
# a trace shows runs of neighbouring linked items as one passage, and the candidates counted here one
# by one are less often on the thread than the passages they make up.  At 0.35 per candidate the
# cross-validated traces put 0.53 of their passages on the thread (0.50 at 0.33, 0.56 at 0.40).
PRECISION = 0.35
SHOWN = 60  # about what a trace shows: 40 passages of one or a few records each


def best_threshold(model: Model, xs, ys, groups) -> float:
    """The threshold that shows the most of the training threads' annotated passages (must ones
    weigh 2) when each thread shows at most SHOWN candidates above it, strongest first, with a
    penalty in proportion when less than PRECISION of what is shown is on the thread."""
    import numpy as np

    p = np.array([model.probability(dict(zip(model.features, x, strict=True))) for x in xs])
    y = np.asarray(ys, dtype=float)
    g = np.asarray(groups)
    best, best_value = 0.5, -1.0
    for theta in np.arange(0.05, 0.9, 0.01):
        got = total = shown = on = 0.0
        for k in np.unique(g):
            mine = g == k
            pk, yk = p[mine], y[mine]
            keep = np.argsort(-pk)[:SHOWN]
            keep = keep[pk[keep] >= theta]
            got += yk[keep].sum()
            total += yk.sum()
            shown += len(keep)
            on += (yk[keep] > 0).sum()
        recall = got / total if total else 0.0
        precision = on / shown if shown else 0.0
        value = recall * min(1.0, precision / PRECISION)
        if value > best_value:
            best, best_value = float(theta), value
    return best


def main() -> int:
    index = sys.argv[sys.argv.index("--index") + 1] if "--index" in sys.argv else None
    # --exclude O15,O16,...: threads kept out of the fit (and out of its figures), to test on afterwards
    excluded = set(sys.argv[sys.argv.index("--exclude") + 1].split(",")) if "--exclude" in sys.argv else set()
    threads = [(name, t) for name, path in SETS.items() for t in load(path) if t["id"] not in excluded]
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(index) if index else Path(tmp) / "index", Path(tmp) / "decisions.jsonl")
        kb.ingest([ROOT / "corpus"])
        records = kb.commitments(include_evidence=True)
        tracer = kb.tracer()
        seeds = {t["id"]: find_seed(records, t) for _, t in threads}
        threads = [(n, t) for n, t in threads if seeds[t["id"]] is not None]
        t0 = time.perf_counter()
        # --keep-direct: the shipped direct model is kept (the ingest-time links and `kb threads`
        # read it) and only the chained model is fitted, its chain signals from the shipped model
        keep = load_calibration().direct if "--keep-direct" in sys.argv else None
        if keep is None:
            # Direct signals do not depend on any model: one pass with no chain source.
            base = Calibration(NEVER, Model(FEATURES, tuple(0.0 for _ in FEATURES), 0.0, 1.0))
            direct_rows = {t["id"]: rows_of(tracer, seeds[t["id"]], t, base, DIRECT) for _, t in threads}

        def direct_model(exclude: str | None) -> Model:
            if keep is not None:
                return Model(keep.features, keep.weights, keep.bias, keep.threshold)
            return fit(direct_rows, exclude, DIRECT)

        # The chain signal depends on the direct model: computed once with the direct model of all
        # threads (the held-out thread's own trace below uses its fold's models throughout).
        never = Model(FEATURES, tuple(0.0 for _ in FEATURES), 0.0, 1.0)
        all_direct = direct_model(None)
        chain_rows = {t["id"]: rows_of(tracer, seeds[t["id"]], t, Calibration(all_direct, never), FEATURES)
                      for _, t in threads}

        def chained_model(exclude: str | None) -> Model:
            return fit(chain_rows, exclude, FEATURES)

        folds, held = [], {}
        for name, t in threads:
            d = direct_model(t["id"])
            c = chained_model(t["id"])
            folds.append((d.threshold, c.threshold))
            tracer.calibration = Calibration(d, c)
            held[t["id"]] = (name, score_thread(kb, records, t, False))
            print(f"fold {t['id']}: thresholds {d.threshold:.3f} {c.threshold:.3f} -> "
                  f"{held[t['id']][1]['must_hit']}/{held[t['id']][1]['must']}", file=sys.stderr)
        tracer.calibration = None
        final_d = all_direct
        if keep is None:
            final_d.threshold = statistics.median(f[0] for f in folds)
        final_c = chained_model(None)
        final_c.threshold = statistics.median(f[1] for f in folds)
        cv = {name: summary([r for n, r in held.values() if n == name]) for name in SETS}
        cv["all"] = summary([r for _, r in held.values()])
        cal = Calibration(final_d, final_c, {
            "by": "bench/fit_trace.py", "date": time.strftime("%Y-%m-%d"),
            "threads": {name: [t["id"] for n, t in threads if n == name] for name in SETS},
            "labels": "candidate positive when it and an annotated passage hold 70% of each other's words; "
                      "must passages weigh 2",
            "objective": "logistic regression (L2 1.0, must passages weigh 2); threshold = most annotated "
                         f"passages in each training thread's top {SHOWN} above it, times min(1, precision / "
                         f"{PRECISION}); median over leave-one-thread-out folds",
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
