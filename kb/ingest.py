"""Parse files into documents and records, in worker processes, one file per task.

The trained spaCy pipeline runs at a few thousand tokens a second on one core, so an ingest of
several files parses them on every core: a `ProcessPoolExecutor` with the spawn start method (no
state forked from the parent, the same on every platform), each worker loading the pipeline once.
Only parsing happens there; the parent writes the store and the index, alone and atomically
(kb.api).  A file that fails is its own one-line reason.  Ctrl-C reaches the parent only (workers
ignore SIGINT); the parent then stops the workers, so an interrupted ingest ends at once.  A parent
killed outright (SIGKILL, SIGTERM) takes its workers with it: each watches its parent's pid.

One file (or `jobs=1`) is parsed in this process: no pool to start.  A single file of
`ONE_BIG_FILE_BYTES` or more is the exception (see there).  Either way progress comes by blocks.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.faults import pause_point

_REPORT_EVERY_S = 0.25
# A file this big is parsed in a worker process even alone: the trained pipeline and the parse's
# memory then leave with the worker, before this process builds threads and the index.
ONE_BIG_FILE_BYTES = 4_000_000
_ORPHAN_CHECK_S = 0.5


@dataclass
class IngestProgress:
    """Where an ingest is: a file being read or extracted (by blocks), or a file finished."""

    path: str
    file_no: int  # 1-based, among the files being parsed
    files: int
    stage: str  # "reading" | "extracting" | "done" | "failed"
    blocks_done: int = 0
    blocks: int = 0  # 0 while the file is being read and laid out
    commitments: int = 0
    evidence: int = 0
    seconds: float = 0.0
    reason: str = ""


def default_jobs() -> int:
    """Worker processes: $KB_JOBS, else one per core this process may use."""
    value = os.environ.get("KB_JOBS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def parse_one(path: str, digest: str, catalog: dict, doc_id: str | None = None,
              blocks: Callable[[int, int], None] | None = None, gazetteer=None):
    """One file's `Document` (with id `doc_id`, kb.docids) and records, its owners found with its
    folder's `gazetteer` (kb.extract.gazetteer; None: none).  Raises SourceError (a one-line
    reason) for bad input."""
    from kb.extract.owners import OwnerGazetteer
    from kb.extract.pipeline import extract
    from kb.sources import load_document

    doc = load_document(Path(path), catalog, sha256=digest, doc_id=doc_id)
    owners = OwnerGazetteer(gazetteer) if gazetteer is not None else OwnerGazetteer()
    return doc, extract(doc, owners, progress=blocks)


def _outcome(path: str, digest: str, catalog: dict, doc_id: str | None,
             blocks: Callable[[int, int], None] | None, gazetteer=None):
    """(doc, records) or a one-line reason, and the seconds it took."""
    from kb.sources import SourceError

    t0 = time.perf_counter()
    try:
        result = parse_one(path, digest, catalog, doc_id, blocks, gazetteer)
    except SourceError as exc:
        result = str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the other files
        result = f"could not be parsed ({type(exc).__name__}: {exc})"
    return result, time.perf_counter() - t0


# --- worker side ----------------------------------------------------------------------------------
_QUEUE = None


def _init_worker(progress_queue, parent: int) -> None:
    import signal
    import threading

    global _QUEUE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _QUEUE = progress_queue
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose `kb ingest` was killed (SIGKILL, SIGTERM, a crash) stops too, instead of
    parsing on, or waiting for work, as an orphan."""
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK_S)
    os._exit(1)


def _task(n: int, path: str, digest: str, catalog: dict, doc_id: str | None, gazetteer=None):
    last = [0.0]

    def blocks(done: int, total: int) -> None:
        now = time.monotonic()
        if _QUEUE is not None and (now - last[0] >= _REPORT_EVERY_S or done == total):
            last[0] = now
            with contextlib.suppress(Exception):
                _QUEUE.put_nowait((n, done, total))

    return _outcome(path, digest, catalog, doc_id, blocks, gazetteer)


# --- parent side ----------------------------------------------------------------------------------
def parse_files(todo: list[tuple[Path, str]], catalogs: dict, report,
                progress: Callable[[IngestProgress], None] | None = None,
                jobs: int | None = None, ids: dict[Path, str] | None = None,
                gazetteers: dict | None = None) -> Iterator[tuple]:
    """(doc, records) of each file that parses, as soon as it is parsed; a file that fails goes to
    `report.failed` with its reason.  `progress` hears of blocks read and files finished.  `ids`:
    each file's document id (kb.docids; default its stem); `gazetteers`: each folder's gazetteer."""
    files = len(todo)
    tasks = [(n, str(f), digest, catalogs.get(f.parent, {}), (ids or {}).get(f), (gazetteers or {}).get(f.parent))
             for n, (f, digest) in enumerate(todo, start=1)]
    requested = jobs or default_jobs()
    jobs = min(requested, files)
    # One big file is parsed in a worker too, so this process never holds the parser's memory.
    pooled = jobs > 1 or (requested > 1 and _bytes(todo) >= ONE_BIG_FILE_BYTES)

    def emit(**fields) -> None:
        if progress is not None:
            progress(IngestProgress(files=files, **fields))

    outcomes = _pooled(tasks, jobs, emit) if pooled else _serial(tasks, emit)
    for n, path, result, seconds in outcomes:
        if isinstance(result, str):
            report.failed.append((path, result))
            emit(path=path, file_no=n, stage="failed", reason=result, seconds=seconds)
        else:
            doc, records = result
            evidence = sum(1 for r in records if r.kind == "evidence")
            emit(path=path, file_no=n, stage="done", blocks_done=len(doc.blocks), blocks=len(doc.blocks),
                 commitments=len(records) - evidence, evidence=evidence, seconds=seconds)
            yield doc, records
        pause_point("parse")


def _bytes(todo: list[tuple[Path, str]]) -> int:
    total = 0
    for f, _ in todo:
        with contextlib.suppress(OSError):
            total += f.stat().st_size
    return total


def _serial(tasks: Iterable[tuple], emit) -> Iterator[tuple]:
    for n, path, digest, catalog, doc_id, gazetteer in tasks:
        emit(path=path, file_no=n, stage="reading")

        def blocks(done: int, total: int, n=n, path=path) -> None:
            emit(path=path, file_no=n, stage="extracting", blocks_done=done, blocks=total)

        result, seconds = _outcome(path, digest, catalog, doc_id, blocks, gazetteer)
        yield n, path, result, seconds


def _pooled(tasks: list[tuple], jobs: int, emit) -> Iterator[tuple]:
    # Imported here: `kb search` and the app import kb.api, and need none of this.
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    ctx = multiprocessing.get_context("spawn")
    progress_queue = ctx.Queue()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(progress_queue, os.getpid()))
    finished = False
    try:
        futures: dict[Future, tuple[int, str]] = {executor.submit(_task, *t): (t[0], t[1]) for t in tasks}
        paths = {n: path for n, path in futures.values()}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=_REPORT_EVERY_S, return_when=FIRST_COMPLETED)
            _drain(progress_queue, paths, emit)
            for fut in sorted(done, key=lambda f: futures[f][0]):
                n, path = futures[fut]
                try:
                    result, seconds = fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (memory, a signal)
                    result, seconds = f"could not be parsed (the parser process stopped: {type(exc).__name__})", 0.0
                yield n, path, result, seconds
        finished = True
    finally:
        if not finished:  # interrupted, or the caller stopped early: stop the workers now
            for proc in list((getattr(executor, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    proc.terminate()
        executor.shutdown(wait=finished, cancel_futures=True)
        progress_queue.close()
        progress_queue.cancel_join_thread()


def _drain(progress_queue, paths: dict[int, str], emit) -> None:
    import queue as queue_module

    while True:
        try:
            n, done, total = progress_queue.get_nowait()
        except (queue_module.Empty, OSError, ValueError):
            return
        emit(path=paths[n], file_no=n, stage="extracting", blocks_done=done, blocks=total)
