"""Parse files into documents and records, in worker processes, one file per task.

The trained spaCy pipeline runs at a few thousand tokens a second on one core, so an ingest of
several files parses them on every core: a `ProcessPoolExecutor` with the spawn start method (no
state forked from the parent, the same on every platform), each worker loading the pipeline once.
Only parsing happens there; the parent writes the store and the index, alone and atomically
(kb.api).  A file that fails is its own one-line reason.  Ctrl-C reaches the parent only (workers
ignore SIGINT); the parent then stops the workers, so an interrupted ingest ends at once.  A parent
killed outright (SIGKILL, SIGTERM) takes its workers with it: each watches its parent's pid.

A file is handed on in `Part`s: a text export a piece of a few thousand lines at a time
(kb.sources.stream), laid out and extracted piece by piece and sent to the parent through a
bounded queue as each piece is done, so neither the worker nor the parent ever holds a long
file's blocks, parses or records all at once (a 50 MB export ingests in bounded memory).

One file (or `jobs=1`) is parsed in this process: no pool to start.  A single file of
`ONE_BIG_FILE_BYTES` or more is the exception (see there).  Either way progress comes by blocks.

A long text export (`CHUNK_FILE_BYTES` or more, with more than one job) is not one task but one
per piece (`_chunked`): this process reads and lays it out, and the workers extract its pieces
side by side, each from the state the blocks before it leave, so one long file uses every core
(at most `LONG_FILE_JOBS` unless --jobs says otherwise); their records are renumbered in reading
order and are those of a serial parse.  Memory is flat in the file's size: this process keeps the
file's text (one string a piece, kb.sources.stream) and a digest per record (the repeats, for the
ids), the store keeps the records as they come, and a worker gives back each piece's parses before
the next (kb.extract.nlp.forget), so the tree is this process and a parser of ~350 MB per worker.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kb.faults import pause_point
from kb.model import Block, Commitment, Document

if TYPE_CHECKING:
    from kb.extract.dates import Period, Timescales
    from kb.extract.owners import OwnerGazetteer
    from kb.sources.stream import DocumentStream

_REPORT_EVERY_S = 0.25
# A file this big is parsed in a worker process even alone: the trained pipeline and the parse's
# memory then leave with the worker, before this process builds threads and the index.
ONE_BIG_FILE_BYTES = 4_000_000
_ORPHAN_CHECK_S = 0.5
_QUEUED_PARTS = 4  # parts a worker may have sent that the parent has not yet written
# A text export this long is extracted a piece per task on every core (`_chunked`): one long file
# would otherwise keep one core busy and leave the others idle.
CHUNK_FILE_BYTES = 1_000_000
# ... by this many workers at most, unless --jobs names more: a worker holds a parser of some
# 350 MB at its peak (a piece's parses), so two and this process keep one file under 1 GB on a
# machine of any number of cores.
LONG_FILE_JOBS = 2


@dataclass
class IngestProgress:
    """Where an ingest is: a file being read or extracted (by blocks), or a file finished; then,
    with every file parsed, a step of writing the store (`stage` "storing": `step` names it,
    `done` of `total` of its `unit`, records or threads, `total` 0 when it cannot say)."""

    path: str
    file_no: int  # 1-based, among the files being parsed
    files: int
    stage: str  # "reading" | "extracting" | "done" | "failed" | "storing"
    blocks_done: int = 0  # "reading": blocks laid out so far; "extracting": blocks extracted
    blocks: int = 0  # 0 while the file is being read and laid out
    commitments: int = 0
    evidence: int = 0
    seconds: float = 0.0
    reason: str = ""
    unit: str = "records"  # what a storing step counts
    step: str = ""  # "storing": "semantic vectors" | "links and threads" | "search index" | "thread statuses"
    done: int = 0
    total: int = 0


def default_jobs() -> int:
    """Worker processes: $KB_JOBS, else one per core this process may use."""
    value = os.environ.get("KB_JOBS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Part:
    """A file's document and records as the parser hands them on: whole (a PDF), or a piece at a
    time (a text export, kb.sources.stream), so that a long file is written as it is read and
    neither process ever holds all of it."""

    doc: Document  # the file's document; `blocks`: this part's blocks only
    records: list[Commitment]
    reports: dict[str, str]  # what each record reports (kb.trace.reports), read while its parse is at hand
    first: bool
    last: bool


@dataclass
class Abandoned:
    """A file that failed after some of its parts were handed on: what the store held for it must
    be put back (the failure itself is in the report)."""

    doc_id: str


@dataclass
class TextPlan:
    """A text export ready to be extracted a piece at a time: its stream of pieces
    (kb.sources.stream) and what extraction needs from the whole document, read in a first walk
    over the pieces' layout: the document's own gazetteer (the acronyms it defines, the bodies it
    names; `OwnerGazetteer.for_document`), its plan or contract period, its number of blocks."""

    stream: DocumentStream
    gazetteer: OwnerGazetteer
    period: Period | None
    blocks: int
    timescales: Timescales  # the plan's own key to "short/medium/long term"


def plan_text(path: str, digest: str, catalog: dict, doc_id: str | None = None,
              blocks: Callable[[int, int], None] | None = None, gazetteer=None) -> TextPlan:
    """The first walk over a text export's pieces (see `TextPlan`).  Raises SourceError (a
    one-line reason) for bad input."""
    from kb.extract.dates import doc_period, timescale_key
    from kb.extract.owners import OwnerGazetteer
    from kb.extract.pipeline import contract_period, key_text
    from kb.sources import SourceError
    from kb.sources.stream import open_text

    owners = OwnerGazetteer(gazetteer) if gazetteer is not None else OwnerGazetteer()
    stream = open_text(Path(path), catalog, sha256=digest, doc_id=doc_id)
    meta = stream.doc.meta
    period = doc_period(meta.period_start, meta.period_end)
    texts, keys, total = [], [], 0
    for piece in stream.pieces():
        texts.append("\n".join(b.text for b in piece))
        keys.append(key_text(piece))
        total += len(piece)
        period = period or contract_period(piece, meta.doc_date())
        if blocks is not None:
            blocks(total, 0)  # laid out so far (0: the document's blocks are not known yet)
    if not any(texts):
        raise SourceError("no text found")
    whole = "\n".join(texts)
    return TextPlan(stream, owners.for_document(whole), period, total,
                    timescale_key("\n".join(keys), meta.doc_date(), period))


def parse_parts(path: str, digest: str, catalog: dict, doc_id: str | None = None,
                blocks: Callable[[int, int], None] | None = None, gazetteer=None) -> Iterator[Part]:
    """One file's `Part`s (its document id: `doc_id`, kb.docids), its owners found with its
    folder's `gazetteer` (kb.extract.gazetteer; None: none).  A text export comes a piece at a
    time: a first walk over its pieces' layout reads what extraction needs from the whole
    document (`plan_text`), a second extracts each piece.  Raises SourceError (a one-line
    reason) for bad input."""
    from kb.extract.nlp import forget
    from kb.extract.owners import OwnerGazetteer
    from kb.extract.pipeline import Extractor, extract
    from kb.sources import TEXT_SUFFIXES, load_document

    if Path(path).suffix.lower() not in TEXT_SUFFIXES:
        owners = OwnerGazetteer(gazetteer) if gazetteer is not None else OwnerGazetteer()
        doc = load_document(Path(path), catalog, sha256=digest, doc_id=doc_id)
        records = extract(doc, owners, progress=blocks)
        yield Part(doc, records, _reports(records), first=True, last=True)
        return
    plan = plan_text(path, digest, catalog, doc_id, blocks, gazetteer)
    stream, total = plan.stream, plan.blocks
    extractor = Extractor(stream.doc, plan.gazetteer, None, plan.period, plan.timescales)
    pieces = stream.pieces()
    piece = next(pieces)
    first = True
    while piece is not None:
        records = extractor.records(piece, blocks, total)
        reports = _reports(records)
        forget(plan.gazetteer)  # the piece's parses: the next piece needs none of them
        following = next(pieces, None)
        yield Part(replace(stream.doc, blocks=piece), records, reports, first=first, last=following is None)
        piece, first = following, False


def extract_piece(doc: Document, gazetteer: OwnerGazetteer, period: Period | None, blocks: list[Block],
                  state: tuple, timescales: Timescales | None = None) -> tuple[list[Commitment], dict[str, str]]:
    """The records of one piece of a document extracted on its own (in a worker process), from
    the state the blocks before it leave (`Extractor.state`), with what each reports.  Their ids
    count repeats within the piece only: `kb.extract.pipeline.renumber` gives them the ids of the
    whole document, in order."""
    from kb.extract.nlp import forget
    from kb.extract.pipeline import Extractor

    extractor = Extractor(doc, gazetteer, None, period, timescales)
    extractor.resume(state)
    records = extractor.records(blocks)
    reports = _reports(records)
    forget(gazetteer)
    return records, reports


def _reports(records: list[Commitment]) -> dict[str, str]:
    """What each record reports, read from the parses this process has just made (the parent
    would parse every record again)."""
    from kb.layout.fields import progress_of
    from kb.trace.context import list_intro
    from kb.trace.reports import reports_of, with_row_reports

    read = dict(zip([r.id for r in records], reports_of([r.text for r in records], [list_intro(r) for r in records]),
                    strict=True))
    # a row's other cells are in the same piece as its action: its report is the row's, as the
    # parent would read it (kb.trace.reports.update_reports)
    return with_row_reports(records, read, {r.id for r in records if progress_of(r.reported)})


def _events(n: int, path: str, digest: str, catalog: dict, doc_id: str | None,
            blocks: Callable[[int, int], None] | None, gazetteer=None) -> Iterator[tuple]:
    """One file's parse as events: ("part", Part) for each part, then ("done", seconds) or
    ("failed", one-line reason, seconds)."""
    from kb.sources import SourceError

    t0 = time.perf_counter()
    try:
        for part in parse_parts(path, digest, catalog, doc_id, blocks, gazetteer):
            yield "part", part
    except SourceError as exc:
        yield "failed", str(exc), time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the other files
        yield "failed", f"could not be parsed ({type(exc).__name__}: {exc})", time.perf_counter() - t0
    else:
        yield "done", time.perf_counter() - t0


# --- worker side ----------------------------------------------------------------------------------
_QUEUE = None
_RESULTS = None


def _init_worker(progress_queue, results_queue, parent: int) -> None:
    import signal
    import threading

    global _QUEUE, _RESULTS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _QUEUE, _RESULTS = progress_queue, results_queue
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose `kb ingest` was killed (SIGKILL, SIGTERM, a crash) stops too, instead of
    parsing on, or waiting for work, as an orphan."""
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK_S)
    os._exit(1)


_PIECE_CONTEXT: tuple | None = None  # a piece worker's document: (Document, its gazetteer, its period, its timescales)


def _init_piece_worker(progress_queue, parent: int, context: tuple) -> None:
    global _PIECE_CONTEXT
    _init_worker(progress_queue, None, parent)
    _PIECE_CONTEXT = context


def _piece_task(blocks: list[Block], state: tuple) -> tuple[list[Commitment], dict[str, str]]:
    """Extract one piece of the document this worker was started for (`_chunked`)."""
    assert _PIECE_CONTEXT is not None
    doc, gazetteer, period, timescales = _PIECE_CONTEXT
    return extract_piece(doc, gazetteer, period, blocks, state, timescales)


def _task(n: int, path: str, digest: str, catalog: dict, doc_id: str | None, gazetteer=None) -> None:
    """Parse one file in a worker, its events sent to the parent as they come (a part waits while
    the parent has `_QUEUED_PARTS` of them unread: a fast parser never piles parts up)."""
    last = [0.0]

    def blocks(done: int, total: int) -> None:
        now = time.monotonic()
        if _QUEUE is not None and (now - last[0] >= _REPORT_EVERY_S or done == total):
            last[0] = now
            with contextlib.suppress(Exception):
                _QUEUE.put_nowait((n, done, total))

    for event in _events(n, path, digest, catalog, doc_id, blocks, gazetteer):
        _RESULTS.put((n, event))


# --- parent side ----------------------------------------------------------------------------------
def parse_files(todo: list[tuple[Path, str]], catalogs: dict, report,
                progress: Callable[[IngestProgress], None] | None = None,
                jobs: int | None = None, ids: dict[Path, str] | None = None,
                gazetteers: dict | None = None) -> Iterator[Part | Abandoned]:
    """The `Part`s of each file that parses, as soon as they are parsed (a file's parts in order;
    files may interleave); a file that fails goes to `report.failed` with its reason, and is an
    `Abandoned` when some of its parts were already handed on.  `progress` hears of blocks read
    and files finished.  `ids`: each file's document id (kb.docids; default its stem);
    `gazetteers`: each folder's gazetteer."""
    files = len(todo)
    tasks = [(n, str(f), digest, catalogs.get(f.parent, {}), (ids or {}).get(f), (gazetteers or {}).get(f.parent))
             for n, (f, digest) in enumerate(todo, start=1)]
    requested = jobs or default_jobs()
    # A long text export is extracted a piece per task on every core (`_chunked`), after the others.
    chunked = [t for t in tasks if requested > 1 and _chunkable(t[1])]
    piece_jobs = jobs or min(requested, LONG_FILE_JOBS)
    whole = [t for t in tasks if t not in chunked]
    jobs = min(requested, len(whole))
    # One big file is parsed in a worker too, so this process never holds the parser's memory.
    pooled = jobs > 1 or (requested > 1 and _bytes([(Path(t[1]), "") for t in whole]) >= ONE_BIG_FILE_BYTES)

    def emit(**fields) -> None:
        if progress is not None:
            progress(IngestProgress(files=files, **fields))

    paths = {t[0]: t[1] for t in tasks}
    counts: dict[int, list[int]] = {}  # per file: parts, blocks, commitments, evidence
    events = itertools.chain(_pooled(whole, jobs, emit) if pooled else _serial(whole, emit),
                             *(_chunked(t, piece_jobs, emit) for t in chunked))
    for n, event in events:
        path, seen = paths[n], counts.setdefault(n, [0, 0, 0, 0])
        if event[0] == "part":
            part = event[1]
            evidence = sum(1 for r in part.records if r.kind == "evidence")
            seen[0] += 1
            seen[1] += len(part.doc.blocks)
            seen[2] += len(part.records) - evidence
            seen[3] += evidence
            yield part
            continue
        if event[0] == "failed":
            report.failed.append((path, event[1]))
            emit(path=path, file_no=n, stage="failed", reason=event[1], seconds=event[2])
            if seen[0]:
                yield Abandoned((ids or {}).get(Path(path)) or Path(path).stem)
        else:
            emit(path=path, file_no=n, stage="done", blocks_done=seen[1], blocks=seen[1],
                 commitments=seen[2], evidence=seen[3], seconds=event[1])
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
            emit(path=path, file_no=n, stage="extracting" if total else "reading", blocks_done=done, blocks=total)

        for event in _events(n, path, digest, catalog, doc_id, blocks, gazetteer):
            yield n, event


def _pooled(tasks: list[tuple], jobs: int, emit) -> Iterator[tuple]:
    """(file number, event) of every file, parsed in `jobs` worker processes: the events come
    through a queue as the workers make them (`_task`); a worker that dies fails its file."""
    # Imported here: `kb search` and the app import kb.api, and need none of this.
    import multiprocessing
    import queue as queue_module
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    progress_queue = ctx.Queue()
    results = ctx.Queue(maxsize=_QUEUED_PARTS)
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(progress_queue, results, os.getpid()))
    finished = False
    try:
        with interrupts_deferred():
            futures = {executor.submit(_task, *t[:6]): t[0] for t in tasks}
        paths = {t[0]: t[1] for t in tasks}
        open_files = set(paths)
        while open_files:
            try:
                got = [results.get(timeout=_REPORT_EVERY_S)]
            except queue_module.Empty:
                got = []
            _drain(progress_queue, paths, emit)
            dead = {n: fut.exception() for fut, n in futures.items() if n in open_files and fut.done()
                    and fut.exception() is not None}
            if dead:  # what a dead worker queued before it died is still read
                got += _all_queued(results)
            for n, event in got:
                if n in open_files:
                    yield n, event
                    if event[0] != "part":
                        open_files.discard(n)
            for n, exc in sorted(dead.items()):
                if n in open_files:
                    open_files.discard(n)
                    yield n, ("failed", f"could not be parsed (the parser process stopped: {type(exc).__name__})", 0.0)
        finished = True
    finally:
        _stop(executor, finished, (progress_queue, results))  # interrupted or stopped early: at once


def _chunkable(path: str) -> bool:
    """A text export long enough to be extracted a piece per task (`CHUNK_FILE_BYTES`)."""
    from kb.sources import TEXT_SUFFIXES

    try:
        size = os.stat(path).st_size
    except OSError:
        return False
    return Path(path).suffix.lower() in TEXT_SUFFIXES and size >= CHUNK_FILE_BYTES


def _chunked(task: tuple, jobs: int, emit) -> Iterator[tuple]:
    """(file number, event) of one long text export whose pieces are extracted in `jobs` worker
    processes, several at once, and handed on in order.

    This process reads the file and walks its layout (`plan_text`: cheap beside the trained parse),
    then gives each piece to a worker with the state the blocks before it leave (an open board
    resolution, `Extractor.state`); the workers start with the document's gazetteer and period.
    A piece's records count repeats of a text within the piece, so their ids are renumbered here
    in reading order (`renumber`): the records are those of a serial parse.  At most `jobs` + 1
    pieces are out at once, so memory stays bounded."""
    import multiprocessing
    from collections import Counter, deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    from kb.extract.nlp import give_back
    from kb.extract.pipeline import Extractor, renumber
    from kb.sources import SourceError

    n, path, digest, catalog, doc_id, gazetteer = task
    emit(path=path, file_no=n, stage="reading")
    t0 = time.perf_counter()

    def laid_out(done: int, total: int) -> None:
        emit(path=path, file_no=n, stage="reading", blocks_done=done, blocks=total)

    def failed(exc: BaseException) -> tuple:
        if isinstance(exc, SourceError):
            return "failed", str(exc), time.perf_counter() - t0
        if isinstance(exc, BrokenProcessPool):
            return "failed", f"could not be parsed (the parser process stopped: {type(exc).__name__})", \
                time.perf_counter() - t0
        return "failed", f"could not be parsed ({type(exc).__name__}: {exc})", time.perf_counter() - t0

    try:
        plan = plan_text(path, digest, catalog, doc_id, laid_out, gazetteer)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the other files
        yield n, failed(exc)
        return
    give_back()  # the first walk's lines and texts, freed: not kept beside the workers (10 MB file: 91 -> 47 MB)
    doc = plan.stream.doc
    cursor = Extractor(doc, plan.gazetteer, None, plan.period, plan.timescales)  # follows the state between pieces; parses nothing
    ctx = multiprocessing.get_context("spawn")
    progress_queue = ctx.Queue()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_piece_worker,
                                   initargs=(progress_queue, os.getpid(), (doc, plan.gazetteer, plan.period, plan.timescales)))
    pending: deque = deque()
    pieces = plan.stream.pieces()
    occurrences: Counter[bytes] = Counter()
    finished, done, first = False, 0, True

    def submit() -> None:
        while len(pending) < jobs + 1:
            piece = next(pieces, None)
            if piece is None:
                return
            state = cursor.state()
            cursor.skip(piece)
            with interrupts_deferred():
                pending.append((executor.submit(_piece_task, piece, state), piece))

    try:
        submit()
        while pending:
            future, piece = pending[0]
            while True:
                try:
                    records, reports = future.result(timeout=_REPORT_EVERY_S)
                    break
                except FutureTimeout:
                    continue
                except Exception as exc:  # noqa: BLE001 - the file fails, the others go on
                    yield n, failed(exc)
                    return
            pending.popleft()
            submit()
            new_ids = renumber(records, doc.meta.id, occurrences)
            reports = {new_ids.get(k, k): v for k, v in reports.items()}
            done += len(piece)
            emit(path=path, file_no=n, stage="extracting", blocks_done=done, blocks=plan.blocks)
            yield n, ("part", Part(replace(doc, blocks=piece), records, reports, first=first, last=not pending))
            first = False
        finished = True
        yield n, ("done", time.perf_counter() - t0)
    finally:
        _stop(executor, finished, (progress_queue,))


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C while a pool starts a worker is taken once the start is done (KeyboardInterrupt on
    leaving the block): a spawn cut off while it hands the new process its start-up data leaves a
    worker that waits for that data for ever, one the pool never registered and so cannot stop, and
    the interpreter then waits for it at exit.  Outside the main thread (no signal handlers there),
    or where Ctrl-C is ignored, the block runs as it is."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        yield  # (an ingest run with Ctrl-C ignored, in the background of a shell without job control, ignores it)
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _stop(executor, finished: bool, queues) -> None:
    """Shut a pool down: at once (its workers terminated) when the parse was interrupted or the
    caller stopped early, else after its workers are done."""
    if not finished:
        for proc in list((getattr(executor, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                proc.terminate()
    executor.shutdown(wait=finished, cancel_futures=True)
    for q in queues:
        q.close()
        q.cancel_join_thread()


def _all_queued(results) -> list[tuple]:
    import queue as queue_module

    out = []
    while True:
        try:
            out.append(results.get_nowait())
        except (queue_module.Empty, OSError, ValueError):
            return out


def _drain(progress_queue, paths: dict[int, str], emit) -> None:
    import queue as queue_module

    while True:
        try:
            n, done, total = progress_queue.get_nowait()
        except (queue_module.Empty, OSError, ValueError):
            return
        emit(path=paths[n], file_no=n, stage="extracting" if total else "reading", blocks_done=done, blocks=total)
