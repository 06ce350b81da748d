"""Search benchmark: index build rate and query latency at 1x and Nx the bundled corpus, as one JSON object.

For each scale (1x = corpus/, Nx = bench/synth.py variants, N = --factor, 20 by default, 2 with --quick):
- ingest from scratch (timed: parse + store + index) and `rebuild_index()` alone (timed: index build);
- a fixed set of realistic queries on a warm `SearchIndex` (each run once to warm, then --rounds
  rounds), highlights and facets on (the defaults): p50 / p95 / max over all query runs;
- the same free-text part of each query on an SQLite FTS5 table over the same records (porter
  unicode61; OR of the words, bm25, LIMIT 20, highlight() and snippet() for the rows returned, and a
  GROUP BY doc count standing in for facets): p50 / p95, and kb_p95 / fts5_p95.
Fuzzy (`~`) queries are timed separately.  Also: `kb search` as a fresh process (median of 5 on the
1x index) and which heavy modules (spacy, pdfplumber, textual) importing kb.cli and searching pulls in.

Progress goes to stderr; stdout gets the JSON only.  `--profile` prints a cProfile of the slowest query
at the largest scale to stderr; `--keep DIR` builds the indexes in DIR and leaves them there.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import pstats
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import make_synthetic_corpus  # noqa: E402

from kb.api import KnowledgeBase  # noqa: E402

CORPUS = ROOT / "corpus"
KB_BIN = ROOT / ".venv" / "bin" / "kb"
HEAVY = ("spacy", "pdfplumber", "textual", "wordllama", "tokenizers")

QUERIES = [
    # topic words people type
    "stroke rehabilitation",
    "talking therapies",
    "UTC",
    "A&E",
    "out of hospital",
    "mental health crisis",
    "diabetes education",
    "care homes",
    "workforce recruitment",
    "estates",
    "digital records",
    "end of life",
    "maternity",
    "CAMHS",
    "learning disabilities",
    "primary care networks",
    "dementia diagnosis",
    "frailty",
    "social prescribing",
    "cancer screening",
    "delayed transfers of care",
    "GP access",
    "urgent and emergency care",
    "MSK physiotherapy",
    "childhood obesity",
    "smoking cessation",
    "integrated care system",
    "carers support",
    "outpatients",
    "prevention",
    # fields, phrases, wildcards, operators
    "owner:UHCW",
    'theme:"mental health"',
    "due:<2020-04-01 stroke",
    "year:2016-2017 outpatients",
    '"stroke pathway"',
    "rehab*",
    "mental health NOT dementia",
    "owner:UHCW stroke",
    'theme:"mental health" crisis',
    "(dementia OR frailty) AND care",
]
FUZZY_QUERIES = ["strok~", "rehabilitaton~", "diabetis~", "mental helth~2"]

_FIELD_CLAUSE = re.compile(
    r'(?:-|\bNOT\s+)?\b(?:owner|theme|doc|year|kind|status|due):(?:"[^"]*"|\[[^\]]*\]|[<>]=?\S+|[^\s()"]+)?', re.I)


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def kb_source_digest() -> str:
    """A digest of kb/**/*.py, to notice the code changing while the benchmark runs."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted((ROOT / "kb").rglob("*.py")):
        h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def r3(x: float) -> float:
    return round(x, 3)


# --- kb -------------------------------------------------------------------------------------------------
def build(index: Path, corpus: Path) -> tuple[KnowledgeBase, dict]:
    kb = KnowledgeBase(index)
    t0 = time.perf_counter()
    report = kb.ingest([corpus])
    ingest_s = time.perf_counter() - t0
    if report.failed:
        raise SystemExit(f"ingest of {corpus} failed: {report.failed}")
    t0 = time.perf_counter()
    kb.rebuild_index()
    index_s = time.perf_counter() - t0
    records = len(kb.commitments(include_evidence=True))
    return kb, {
        "documents": len(kb.documents()),
        "records": records,
        "commitments": report.commitments,
        "ingest_s": r3(ingest_s),
        "ingest_records_per_s": round(records / ingest_s, 1),
        "index_build_s": r3(index_s),
        "records_per_s": round(records / index_s, 1),
    }


def time_kb(searcher, queries: list[str], rounds: int) -> dict[str, list[float]]:
    """ms per run of each query on a warm searcher (defaults: highlights and facets on)."""
    for q in queries:
        searcher.search(q)
    out: dict[str, list[float]] = {q: [] for q in queries}
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            searcher.search(q)
            out[q].append((time.perf_counter() - t0) * 1000)
    return out


# --- SQLite FTS5 baseline ----------------------------------------------------------------------------------
def build_fts(kb: KnowledgeBase, path: Path) -> tuple[sqlite3.Connection, float]:
    """FTS5 over (id, text, section, owners, themes), plus a rowid -> doc_id table for the facet count
    (a GROUP BY on an FTS5 column reads every matching row's whole content: 5x slower at 20x)."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(str(path))
    t0 = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, text, section, owners, themes, "
                "tokenize='porter unicode61')")
    con.execute("CREATE TABLE recs (rowid INTEGER PRIMARY KEY, doc_id TEXT)")
    rows = [(n, c.id, c.doc_id, c.text, c.section or "", " ".join(c.owners), " ".join(c.themes))
            for n, c in enumerate(kb.commitments(include_evidence=True), start=1)]
    con.executemany("INSERT INTO fts (rowid, id, text, section, owners, themes) VALUES (?,?,?,?,?,?)",
                    [(n, i, t, s, o, th) for n, i, _, t, s, o, th in rows])
    con.executemany("INSERT INTO recs VALUES (?,?)", [(n, d) for n, _, d, *_ in rows])
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.commit()
    return con, time.perf_counter() - t0


def _stopwords() -> frozenset[str]:
    from whoosh.analysis import STOP_WORDS

    return frozenset(STOP_WORDS) - {"a", "us", "will", "can"}  # what kb's analyzer drops


_STOP = _stopwords()


def fts5_query(query: str) -> str | None:
    """The free-text part of a kb query as an FTS5 MATCH expression (None when there is none).

    Field clauses are dropped; words, phrases and prefixes next to each other are ORed (stop words
    left out, as kb's analyzer does); explicit AND / OR and parentheses are kept; `NOT x` / `-x`
    become a trailing NOT.  No thesaurus expansion or phrase detection: that is kb's extra work.
    """
    free = _FIELD_CLAUSE.sub(" ", query)
    pieces = re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', free)
    out: list[str] = []
    neg: list[str] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        i += 1
        if p == "NOT" or (p.startswith("-") and len(p) > 1):
            target = p[1:] if p != "NOT" else (pieces[i] if i < len(pieces) else "")
            i += p == "NOT"
            if (t := _fts_term(target)) is not None:
                neg.append(t)
            continue
        if p in ("AND", "OR"):
            if out and out[-1] not in ("AND", "OR", "("):
                out.append(p)
            continue
        if p == ")":
            while out and out[-1] in ("AND", "OR", "("):
                if out.pop() == "(":
                    break
            else:
                out.append(")")
            continue
        t = "(" if p == "(" else _fts_term(p)
        if t is None:
            continue
        if out and (out[-1] == ")" or out[-1] not in ("AND", "OR", "(")):
            out.append("OR")
        out.append(t)
    while out and out[-1] in ("AND", "OR", "("):
        out.pop()
    if not out:
        return None
    m = " ".join(out)
    return f"({m}) NOT ({' OR '.join(neg)})" if neg else m


def _fts_term(p: str) -> str | None:
    if p.startswith('"'):
        words = re.findall(r"\w+", p)
        return '"' + " ".join(words) + '"' if words else None
    if p.endswith("*"):
        stem = "".join(re.findall(r"\w+", p))
        return f'"{stem}"*' if stem else None
    words = re.findall(r"\w+", p)
    if not words or (len(words) == 1 and words[0].lower() in _STOP):
        return None
    return '"' + " ".join(words) + '"'


def fts_search(con: sqlite3.Connection, match: str) -> tuple[list, list]:
    """Top 20 by bm25 with highlight() and snippet() (computed for the returned rows only), and the
    match count per document standing in for kb's facets."""
    rows = con.execute(
        "SELECT rowid, id, text, section, owners, themes, bm25(fts) AS score, "
        "highlight(fts, 1, char(2), char(3)), snippet(fts, 1, char(2), char(3), '…', 16) "
        "FROM fts WHERE fts MATCH ? ORDER BY score LIMIT 20", (match,)).fetchall()
    facets = con.execute("SELECT r.doc_id, count(*) FROM fts JOIN recs r ON r.rowid = fts.rowid "
                         "WHERE fts MATCH ? GROUP BY r.doc_id ORDER BY 2 DESC", (match,)).fetchall()
    return rows, facets


def time_fts(con: sqlite3.Connection, matches: dict[str, str], rounds: int) -> dict[str, list[float]]:
    for m in matches.values():
        fts_search(con, m)
    out: dict[str, list[float]] = {q: [] for q in matches}
    for _ in range(rounds):
        for q, m in matches.items():
            t0 = time.perf_counter()
            fts_search(con, m)
            out[q].append((time.perf_counter() - t0) * 1000)
    return out


# --- one scale ------------------------------------------------------------------------------------------
def run_scale(name: str, index: Path, corpus: Path, rounds: int) -> tuple[dict, dict, KnowledgeBase]:
    log(f"{name}: ingesting {corpus} into {index}")
    kb, out = build(index, corpus)
    log(f"{name}: {out['records']} records; ingest {out['ingest_s']} s, index build {out['index_build_s']} s")
    searcher = kb.searcher()
    per_query = time_kb(searcher, QUERIES, rounds)
    samples = [ms for runs in per_query.values() for ms in runs]
    totals = {q: searcher.search(q).total for q in QUERIES}
    fuzzy = time_kb(searcher, FUZZY_QUERIES, rounds)

    con, fts_build_s = build_fts(kb, index / "fts5.sqlite")
    matches = {q: m for q in QUERIES if (m := fts5_query(q))}
    fts = time_fts(con, matches, rounds)
    fts_samples = [ms for runs in fts.values() for ms in runs]
    fts_totals = {q: sum(n for _, n in fts_search(con, m)[1]) for q, m in matches.items()}
    con.close()

    kb_p95, fts_p95 = pct(samples, 95), pct(fts_samples, 95)
    # The same comparison restricted to the queries both engines ran (those with free text).
    kb_same = [ms for q in matches for ms in per_query[q]]
    out.update({
        "queries": len(QUERIES),
        "rounds": rounds,
        "p50_ms": r3(pct(samples, 50)),
        "p95_ms": r3(kb_p95),
        "max_ms": r3(max(samples)),
        "fts5_build_s": r3(fts_build_s),
        "fts5_queries": len(matches),
        "fts5_p50_ms": r3(pct(fts_samples, 50)),
        "fts5_p95_ms": r3(fts_p95),
        "ratio_p95_vs_fts5": round(kb_p95 / fts_p95, 2),
        "p95_ms_same_queries_as_fts5": r3(pct(kb_same, 95)),
        "kb_matches_total": sum(totals.values()),
        "fts5_matches_total": sum(fts_totals.values()),
    })
    detail = {
        "per_query_median_ms": {q: statistics.median(v) for q, v in per_query.items()},
        "fuzzy_ms": {q: r3(statistics.median(v)) for q, v in fuzzy.items()},
        "totals": totals,
    }
    log(f"{name}: kb p50 {out['p50_ms']} p95 {out['p95_ms']} max {out['max_ms']} ms; "
        f"fts5 p50 {out['fts5_p50_ms']} p95 {out['fts5_p95_ms']} ms")
    return out, detail, kb


# --- fresh process ------------------------------------------------------------------------------------------
def fresh_process_search(index: Path, runs: int = 5) -> tuple[float, int]:
    times = []
    lines = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([str(KB_BIN), "--index", str(index), "search", "stroke", "--format", "jsonl"],
                              cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"kb search failed ({proc.returncode}): {proc.stderr.strip()}")
        lines = proc.stdout.count("\n")
    return statistics.median(times), lines


HEAVY_CHECK = r"""
import contextlib, io, json, sys
index = sys.argv[1]
import kb.cli
with contextlib.redirect_stdout(io.StringIO()):
    rc = kb.cli.main(["--index", index, "search", "stroke", "--format", "jsonl"])
    rc2 = kb.cli.main(["--index", index, "search", "owner:UHCW", "theme:\"mental health\"", "--format", "jsonl"])
from kb.api import KnowledgeBase
kb = KnowledgeBase(index)
for q in ("stroke rehabilitation", "owner:UHCW stroke", "rehab*", "strok~", "due:<2020-04-01 stroke"):
    kb.search(q)
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2:]))
print(json.dumps({"rc": [rc, rc2], "heavy": heavy}))
"""


def heavy_modules(index: Path) -> list[str]:
    """Modules among HEAVY that `import kb.cli` plus searches (CLI and API) load, in a clean interpreter
    (this process has spaCy loaded already, from the ingest)."""
    proc = subprocess.run([sys.executable, "-c", HEAVY_CHECK, str(index), *HEAVY], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"heavy-module check failed: {proc.stderr.strip()[-500:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    if res["rc"] != [0, 0]:
        raise SystemExit(f"heavy-module check: kb search returned {res['rc']}")
    return res["heavy"]


def profile_query(kb: KnowledgeBase, query: str, runs: int = 20) -> None:
    searcher = kb.searcher()
    searcher.search(query)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(runs):
        searcher.search(query)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(35)
    print(f"\n=== cProfile: {runs} runs of {query!r} ===\n{buf.getvalue()}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factor", type=int, default=20, help="size of the large corpus, in copies (default 20)")
    ap.add_argument("--quick", action="store_true", help="factor 2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", metavar="DIR", help="build corpora and indexes here and keep them")
    ap.add_argument("--profile", action="store_true", help="cProfile the slowest query at the large scale")
    args = ap.parse_args()
    factor = 2 if args.quick else args.factor
    big = f"scale_{factor}x"

    tmp = None
    if args.keep:
        work = Path(args.keep)
        for sub in ("index_1x", f"index_{factor}x", f"corpus_{factor}x"):
            shutil.rmtree(work / sub, ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="kb-bench-search-")
        work = Path(tmp.name)
    t_start = time.perf_counter()
    digest_start = kb_source_digest()
    try:
        small, small_detail, _ = run_scale("1x", work / "index_1x", CORPUS, args.rounds)
        fresh_s, fresh_lines = fresh_process_search(work / "index_1x")
        heavy = heavy_modules(work / "index_1x")
        log(f"fresh-process kb search: {fresh_s:.3f} s; heavy modules: {heavy}")

        synth_dir = work / f"corpus_{factor}x"
        t0 = time.perf_counter()
        files = make_synthetic_corpus(CORPUS, synth_dir, factor=factor, seed=args.seed)
        log(f"{len(files)} synthetic files in {time.perf_counter() - t0:.2f} s")
        large, large_detail, large_kb = run_scale(f"{factor}x", work / f"index_{factor}x", synth_dir, args.rounds)
        slowest = sorted(large_detail["per_query_median_ms"].items(), key=lambda kv: -kv[1])[:5]
        if args.profile:
            profile_query(large_kb, slowest[0][0])
    finally:
        if tmp is not None:
            tmp.cleanup()

    digest_end = kb_source_digest()
    if digest_end != digest_start:
        log("WARNING: kb/ source changed during the run; the numbers may mix code versions")
    result = {
        "scale_1x": small,
        big: large,
        "fuzzy_ms": {"scale_1x": small_detail["fuzzy_ms"], big: large_detail["fuzzy_ms"]},
        "fresh_process_search_s": r3(fresh_s),
        "fresh_process_search_lines": fresh_lines,
        "heavy_modules_imported": heavy,
        f"slowest_queries_{factor}x": [[q, r3(ms)] for q, ms in slowest],
        "factor": factor,
        "total_runtime_s": round(time.perf_counter() - t_start, 1),
        "kb_source_digest": digest_start,
        "kb_source_changed_during_run": digest_end != digest_start,
        "notes": [
            "latency: wall ms of SearchIndex.search(q) (limit 20, highlights+facets on), warm searcher, "
            "every query x rounds; p50/p95/max over all those runs",
            "fts5: free text only (field clauses dropped, no thesaurus expansion), queries without free text "
            "skipped; ratio_p95_vs_fts5 = kb p95 over all queries / fts5 p95",
            "ingest_s of scale_1x includes loading spaCy (first parse in the process)",
            "records_per_s = records / index_build_s (rebuild_index alone)",
        ],
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
