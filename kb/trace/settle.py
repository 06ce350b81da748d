"""Thread statuses as `kb trace` decides them, settled at ingest.

`kb.trace.threads` arranges links into lineages and gives each a first status from its own links.
A trace reads more around a commitment: the chained model's wider pool, the review rows and old
numbers that name it, its table row's and paragraph's passages, the auditor's decisions.  When the
two disagreed, `kb threads` said one thing and `kb trace` another about the same commitment, and
the trace was the better reading.  So once the store and a search index over it exist, every
thread's status, reason and deciding passage are read again by the tracer (`Tracer.status`) and
stored: the list, its filters and the search index's `status:` field then say what a trace says.

The stamp (`statuses_stamp`) names the linking code and the auditor's decisions log the statuses
were settled with: a decision recorded since (`kb link`) makes the next `kb ingest` settle them
again, and nothing else needs to change for that.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path

from kb.trace.tracer import area_timeline

PROGRESS_EVERY = 50  # threads settled between two progress reports
MIN_PARALLEL = 200  # fewer roots than this are read in this process (a pool costs more to start)


def statuses_stamp(threads_fingerprint: str, decisions_log: Path) -> str:
    """What the stored statuses were settled with: the links' fingerprint and the decisions log's
    content (a missing log is an empty one)."""
    h = hashlib.sha256(threads_fingerprint.encode())
    try:
        h.update(decisions_log.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        pass
    return h.hexdigest()[:16]


def settled_statuses(tracer, threads: list[dict], progress: Callable[[int, int], None] | None = None,
                     jobs: int = 1) -> dict[str, tuple[str, str, str | None]]:
    """Each thread's (id ->) status, reason and deciding passage id as the tracer reads its root,
    for the threads where that differs from what is stored.

    A root with no later document in its area is left as it is: with nothing later to link to, the
    tracer reads it as `kb.trace.threads` did (silent, or overdue past its due date).  The others
    are read in `jobs` processes forked from this one, which share the tracer built here (its
    signals are the expensive part) and open the search index each for itself."""
    todo = [t for t in threads if t["root"] in tracer.by_id
            and area_timeline(tracer.areas, tracer.metas, tracer.by_id[t["root"]].doc_id)[0]]
    out: dict[str, tuple[str, str, str | None]] = {}
    if progress is not None:
        progress(0, len(todo))
    for n, (t, settled) in enumerate(zip(todo, _read(tracer, [t["root"] for t in todo], jobs), strict=True), 1):
        if settled != (t["status"], t["reason"], t.get("deciding")):
            out[t["id"]] = settled
        if progress is not None and (n % PROGRESS_EVERY == 0 or n == len(todo)):
            progress(n, len(todo))
    return out


_TRACER = None  # the tracer forked workers read with (set before the pool starts)


def _status_of(root: str) -> tuple[str, str, str | None]:
    status, reason, deciding = _TRACER.status(root)
    return status, reason, deciding.id if deciding else None


def _read(tracer, roots: list[str], jobs: int) -> Iterator[tuple[str, str, str | None]]:
    """The settled status of each root, in order."""
    global _TRACER
    _TRACER = tracer
    for part in ("signals", "review_rows", "renumbered"):  # read once, here, before any fork
        getattr(tracer, part)
    try:
        if jobs <= 1 or len(roots) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(_status_of, roots)
            return
        # fork: the workers inherit the tracer as built, with every record's vectors (else each
        # worker computes most of them again); the search index is opened by each on its first
        # query (the tracer's kb has not opened it here), so no file offset is shared
        tracer.signals.warm()
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_status_of, roots, chunksize=8)
    finally:
        _TRACER = None
