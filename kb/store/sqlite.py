"""The system of record: one SQLite database in the index folder.

Every write builds a complete new database file beside the old one and swaps it in with
`os.replace`, so a crash, a bad file or a concurrent reader never sees a half-written store.
Concurrent writers are serialised by an exclusive lock on `index/.lock`.

Each written store carries a `generation` (meta table): the search index built from it records
that generation, so store and index are matched by name, not by the order of two swaps
(kb.index.build).  The new file keeps the mode of the file it replaces (a shared index stays
shared); a new store gets the umask's default, never mkstemp's 0600.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.faults import pause_point
from kb.model import Block, Commitment, Document, DocumentMeta, DueDate, Position, Target

DB_NAME = "kb.sqlite"
SCHEMA_VERSION = 1
TEMP_PREFIX = ".kb-"  # private copies being written: `.kb-XXXX.sqlite` (and SQLite's `-journal` beside it)
ID_CHUNK = 500  # ids per `IN (...)` query: far below any SQLite build's variable limit

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT, sha256 TEXT, source_kind TEXT, pages INTEGER,
    title TEXT, organisation TEXT, date TEXT, period TEXT, period_start TEXT, period_end TEXT,
    kind TEXT, ingested_at REAL
);
CREATE TABLE IF NOT EXISTS blocks (
    doc_id TEXT, seq INTEGER, kind TEXT, text TEXT, line INTEGER, page INTEGER, section TEXT,
    level INTEGER, column_name TEXT, row_label TEXT, row_key TEXT, intro TEXT,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS commitments (
    id TEXT PRIMARY KEY, doc_id TEXT, seq INTEGER, kind TEXT, text TEXT, section TEXT, page INTEGER,
    line INTEGER, due TEXT, owners TEXT, themes TEXT, targets TEXT, status TEXT, parent_id TEXT,
    thread_id TEXT, context TEXT, evidence TEXT, confidence REAL, position TEXT, reported TEXT
);
CREATE INDEX IF NOT EXISTS commitments_doc ON commitments (doc_id, seq);
CREATE TABLE IF NOT EXISTS links (a TEXT, b TEXT, type TEXT, score REAL, evidence TEXT);
CREATE INDEX IF NOT EXISTS links_a ON links (a);
CREATE INDEX IF NOT EXISTS links_b ON links (b);
CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY, root TEXT, topic TEXT, members TEXT, docs TEXT, first TEXT, last TEXT,
    status TEXT, reason TEXT, deciding TEXT
);
CREATE TABLE IF NOT EXISTS vectors (id TEXT PRIMARY KEY, vec BLOB);
CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, report TEXT);
"""


def _block_texts(con: sqlite3.Connection, doc_id: str, per: int) -> Iterator[str]:
    """A document's block texts in reading order, `per` blocks joined by newlines at a time."""
    cur = con.execute("SELECT text FROM blocks WHERE doc_id = ? ORDER BY seq", (doc_id,))
    while rows := cur.fetchmany(per):
        yield "\n".join(r[0] or "" for r in rows)


class StoreError(Exception):
    """The store cannot be opened or written; the message is one line."""


def write_error(index_dir: Path, exc: OSError) -> StoreError:
    """One line naming the folder and the cause ("cannot write index DIR: permission denied")."""
    reason = (exc.strerror or str(exc)).lower()
    return StoreError(f"cannot write index {index_dir}: {reason}")


def default_mode() -> int:
    """The mode a new file gets under the current umask (0o666 & ~umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@dataclass
class DocumentRow:
    meta: DocumentMeta
    path: str
    sha256: str
    source_kind: str
    pages: int | None
    commitments: int
    evidence: int


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path))
    con.row_factory = sqlite3.Row
    return con


class Store:
    """Read access to the store; writes go through `Store.transaction()`."""

    def __init__(self, index_dir: Path, path: Path | None = None):
        self.index_dir = Path(index_dir)
        self.path = Path(path) if path is not None else self.index_dir / DB_NAME

    # --- reading -------------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.is_file()

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        if not self.exists():
            raise StoreError(f"no index at {self.index_dir}: run 'kb ingest' first")
        try:
            con = _connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        try:
            yield con
        except sqlite3.OperationalError as exc:
            # A readable store that this statement could not read (locked, I/O, a limit): say so.
            raise StoreError(f"cannot read the store {self.path} ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a readable kb store ({exc})") from None
        finally:
            con.close()

    def generation(self) -> str | None:
        """The generation stamped by the transaction that wrote this store (None: none yet, or a
        store written before generations existed)."""
        if not self.exists():
            return None
        try:
            with contextlib.closing(_connect(self.path)) as con:
                row = con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def documents(self) -> list[DocumentRow]:
        with self.read() as con:
            counts = {
                (r["doc_id"], r["is_ev"]): r["n"]
                for r in con.execute(
                    "SELECT doc_id, kind = 'evidence' AS is_ev, COUNT(*) AS n FROM commitments GROUP BY 1, 2"
                )
            }
            rows = con.execute("SELECT * FROM documents ORDER BY date, id").fetchall()
        return [
            DocumentRow(_meta(r), r["path"], r["sha256"], r["source_kind"], r["pages"],
                        counts.get((r["id"], 0), 0), counts.get((r["id"], 1), 0))
            for r in rows
        ]

    def hashes(self) -> dict[str, str]:
        if not self.exists():
            return {}
        with self.read() as con:
            return {r["id"]: r["sha256"] for r in con.execute("SELECT id, sha256 FROM documents")}

    def sources(self) -> dict[str, str]:
        """Each document's id and the path it was read from (kb.docids keeps ids stable with it)."""
        if not self.exists():
            return {}
        with self.read() as con:
            return {r["id"]: r["path"] for r in con.execute("SELECT id, path FROM documents")}

    def commitments(self, doc_id: str | None = None, include_evidence: bool = False) -> list[Commitment]:
        sql = "SELECT * FROM commitments"
        where, args = [], []
        if doc_id:
            where.append("doc_id = ?")
            args.append(doc_id)
        if not include_evidence:
            where.append("kind != 'evidence'")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY doc_id, seq"
        with self.read() as con:
            return [_commitment(r) for r in con.execute(sql, args)]

    def iter_commitments(self, include_evidence: bool = False) -> Iterator[Commitment]:
        """`commitments()` of every document, streamed from one query (the index build of a store
        of any size holds one batch of records, not all of them)."""
        sql = "SELECT * FROM commitments" + ("" if include_evidence else " WHERE kind != 'evidence'")
        with self.read() as con:
            cur = con.execute(sql + " ORDER BY doc_id, seq")
            while rows := cur.fetchmany(2000):
                yield from map(_commitment, rows)

    def count_commitments(self) -> int:
        """Records of every kind (evidence included)."""
        with self.read() as con:
            return con.execute("SELECT COUNT(*) FROM commitments").fetchone()[0]

    def commitment(self, cid: str) -> Commitment | None:
        with self.read() as con:
            r = con.execute("SELECT * FROM commitments WHERE id = ?", (cid,)).fetchone()
            if r is None:
                r = con.execute("SELECT * FROM commitments WHERE id LIKE ? ORDER BY id LIMIT 2",
                                (cid + "%",)).fetchall()
                r = r[0] if len(r) == 1 else None
        return _commitment(r) if r is not None else None

    def commitments_by_ids(self, ids: list[str]) -> dict[str, Commitment]:
        """The commitments with these ids (unknown ids left out), read in chunks of `ID_CHUNK`."""
        out: dict[str, Commitment] = {}
        if not ids:
            return out
        with self.read() as con:
            for i in range(0, len(ids), ID_CHUNK):
                chunk = ids[i:i + ID_CHUNK]
                for r in con.execute(f"SELECT * FROM commitments WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                    out[r["id"]] = _commitment(r)
        return out

    def iter_commitments_by_ids(self, ids: list[str]) -> Iterator[Commitment]:
        """The commitments with these ids in this order (unknown ids skipped), a chunk at a time, so
        an export of any size holds one chunk in memory."""
        for i in range(0, len(ids), ID_CHUNK):
            chunk = ids[i:i + ID_CHUNK]
            found = self.commitments_by_ids(chunk)
            yield from (found[x] for x in chunk if x in found)

    @staticmethod
    def _document_order_sql(columns: str, include_evidence: bool) -> str:
        return (f"SELECT {columns} FROM commitments c LEFT JOIN documents d ON d.id = c.doc_id"
                + ("" if include_evidence else " WHERE c.kind != 'evidence'")
                + " ORDER BY COALESCE(d.date, ''), c.doc_id, COALESCE(c.page, 0), COALESCE(c.line, 0), c.seq")

    def ids_in_document_order(self, include_evidence: bool = True) -> list[str]:
        """Every record id, oldest document first, then page and line (the export order)."""
        with self.read() as con:
            return [r[0] for r in con.execute(self._document_order_sql("c.id", include_evidence))]

    def iter_in_document_order(self, include_evidence: bool = True) -> Iterator[Commitment]:
        """Every record in export order, streamed from one query (a store of any size)."""
        with self.read() as con:
            cur = con.execute(self._document_order_sql("c.*", include_evidence))
            while rows := cur.fetchmany(2000):
                yield from map(_commitment, rows)

    def status_digest(self) -> str:
        """A digest of every record's status, the one field of the search index that threads give
        (kb.api: the index is built again after statuses are settled only when this moved)."""
        h = hashlib.sha256()
        with self.read() as con:
            cur = con.execute("SELECT id, status FROM commitments ORDER BY id")
            while rows := cur.fetchmany(5000):
                h.update("".join(f"{cid}\t{status or ''}\n" for cid, status in rows).encode())
        return h.hexdigest()

    def threads(self) -> list[dict]:
        with self.read() as con:
            rows = con.execute("SELECT * FROM threads ORDER BY first, id").fetchall()
        # a store written before threads kept their deciding passage has no such column
        return [dict(r, members=json.loads(r["members"]), docs=json.loads(r["docs"]),
                     deciding=r["deciding"] if "deciding" in r.keys() else None) for r in rows]

    def links_of(self, cid: str) -> list[dict]:
        with self.read() as con:
            rows = con.execute("SELECT * FROM links WHERE a = ? OR b = ? ORDER BY score DESC", (cid, cid)).fetchall()
        return [dict(r, evidence=json.loads(r["evidence"])) for r in rows]

    def children(self, cid: str) -> list[Commitment]:
        with self.read() as con:
            return [_commitment(r) for r in con.execute(
                "SELECT * FROM commitments WHERE parent_id = ? ORDER BY seq", (cid,))]

    def vector_blobs(self, ids: list[str]) -> dict[str, bytes]:
        """Stored semantic vectors (kb.semantic) of these records, by id; a store written before
        vectors existed has none."""
        with self.read() as con:
            return _vector_blobs(con, ids)

    def reports(self) -> dict[str, str]:
        """What each record reports (kb.trace.reports: done, ongoing, unmet, ...), read from its
        clause at ingest; a store written before reports existed has none."""
        with self.read() as con:
            try:
                return {r["id"]: r["report"] for r in con.execute("SELECT id, report FROM reports")}
            except sqlite3.OperationalError:
                return {}

    def get_meta(self, key: str) -> str | None:
        with self.read() as con:
            r = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return r["value"] if r is not None else None

    def document(self, doc_id: str) -> DocumentRow | None:
        return next((d for d in self.documents() if d.meta.id == doc_id), None)

    def iter_block_texts(self, doc_id: str, per: int = 1000) -> Iterator[str]:
        """A document's block texts, `per` blocks joined by newlines at a time, streamed."""
        with self.read() as con:
            yield from _block_texts(con, doc_id, per)

    def blocks(self, doc_id: str) -> list[Block]:
        with self.read() as con:
            rows = con.execute("SELECT * FROM blocks WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()
        return [Block(r["kind"], r["text"], r["line"], r["page"], tuple(json.loads(r["section"])), r["level"],
                      r["column_name"], r["row_label"], r["row_key"], r["intro"]) for r in rows]

    # --- writing -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, wait_message=None) -> Iterator[None]:
        """Serialise writers: a second ingest waits for the first (and says so) instead of failing.

        A folder that cannot be written is a StoreError ("cannot write index DIR: permission
        denied") before anything is parsed."""
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            fh = open(self.index_dir / ".lock", "a")
            if not os.access(self.index_dir, os.W_OK):
                fh.close()
                raise PermissionError(13, "Permission denied")
        except OSError as exc:
            raise write_error(self.index_dir, exc) from None
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if wait_message:
                    wait_message(f"another ingest is writing {self.index_dir}; waiting for it to finish")
                fcntl.flock(fh, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()

    def remove_stale_temporaries(self) -> list[Path]:
        """Private copies and journals left by an ingest that was killed.  Call with the lock held:
        a live ingest holds the lock while its copy exists, so whatever is found then is stale."""
        removed = []
        for p in self.index_dir.glob(f"{TEMP_PREFIX}*.sqlite*"):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                removed.append(p)
        return removed

    @contextlib.contextmanager
    def amend(self) -> Iterator[Writer]:
        """A writer on this store's own file, committed at the end: only for a private copy that
        `transaction` has not swapped in yet (its `before_swap` hook), which no reader can see."""
        con = _connect(self.path)
        try:
            yield Writer(con)
            con.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write the store in {self.index_dir} ({exc})") from None
        finally:
            con.close()

    @contextlib.contextmanager
    def transaction(self, rebuild: bool = False, force: bool = False,
                    before_swap: Callable[[Store, str], None] | None = None) -> Iterator[Writer]:
        """A writer on a private copy of the database, swapped in atomically on success.

        The copy gets a new generation.  `before_swap(copy, generation)` runs on the complete copy
        before it replaces the store (the search index is built there, so that the swap makes
        store and index new together).  `force` swaps even when nothing was written (a store
        stamped with its first generation)."""
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".sqlite", dir=self.index_dir)
            os.close(fd)
        except OSError as exc:
            raise write_error(self.index_dir, exc) from None
        tmp = Path(tmp_name)
        try:
            if self.exists() and not rebuild:
                shutil.copyfile(self.path, tmp)
            else:
                tmp.unlink()
            generation = uuid.uuid4().hex[:16]
            con = _connect(tmp)
            try:
                con.executescript(SCHEMA)
                _add_new_columns(con)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
                writer = Writer(con, self.path if self.exists() and not rebuild else None)
                yield writer
                pause_point("store")
                con.commit()
            finally:
                con.close()
            if writer.changed or rebuild or force or not self.exists():
                os.chmod(tmp, (self.path.stat().st_mode & 0o7777) if self.exists() else default_mode())
                if before_swap is not None:
                    before_swap(Store(self.index_dir, tmp), generation)
                os.replace(tmp, self.path)
                pause_point("swap")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write the store in {self.index_dir} ({exc})") from None
        except OSError as exc:
            raise write_error(self.index_dir, exc) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


class Writer:
    def __init__(self, con: sqlite3.Connection, source: Path | None = None):
        self.con = con
        self.source = source  # the store this copy was made from (kept unchanged until the swap)
        self.changed = False
        self._next_seq: dict[str, tuple[int, int]] = {}  # per document being written: next block, record seq

    def put_document(self, doc: Document, records: list[Commitment], first: bool = True) -> None:
        """Store a document with its blocks and records, replacing what the store held for it; or,
        with `first=False`, the next part of them (a long file is written as it is parsed,
        kb.ingest.Part): its blocks and records follow the ones before."""
        con = self.con
        m = doc.meta
        if first:
            self.delete_document(m.id)
            con.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (m.id, doc.path, doc.sha256, doc.source_kind, doc.pages, m.title, m.organisation, m.date, m.period,
                 m.period_start, m.period_end, m.kind, time.time()),
            )
            self._next_seq[m.id] = (0, 0)
        block_seq, record_seq = self._next_seq[m.id]
        # Generators, not lists: a long document's rows are not held twice while they are written.
        con.executemany(
            "INSERT INTO blocks VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ((m.id, block_seq + i, b.kind, b.text, b.line, b.page, json.dumps(list(b.section)), b.level, b.column,
              b.row_label, b.row_key, b.intro) for i, b in enumerate(doc.blocks)),
        )
        con.executemany(
            "INSERT INTO commitments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((c.id, c.doc_id, record_seq + i, c.kind, c.text, c.section, c.page, c.line,
              json.dumps([d.to_dict() for d in c.due]), json.dumps(c.owners), json.dumps(c.themes),
              json.dumps([t.to_dict() for t in c.targets]), c.status, c.parent_id, c.thread_id, c.context,
              json.dumps(c.evidence), c.confidence,
              json.dumps(c.position.to_dict()) if c.position else None, c.reported or None)
             for i, c in enumerate(records)),
        )
        self._next_seq[m.id] = (block_seq + len(doc.blocks), record_seq + len(records))
        self.changed = True

    def restore_document(self, doc_id: str) -> None:
        """Put back what the store being copied held for a document (nothing, if it held none):
        for a file that failed after some of its parts were written (kb.ingest.Abandoned)."""
        self.delete_document(doc_id)
        self._next_seq.pop(doc_id, None)
        if self.source is None or not self.source.is_file():
            return
        in_doc = "id IN (SELECT id FROM commitments WHERE doc_id = ?)"
        with contextlib.closing(_connect(self.source)) as old:
            for table, where in (("documents", "id = ?"), ("blocks", "doc_id = ?"), ("commitments", "doc_id = ?"),
                                 ("vectors", in_doc), ("reports", in_doc)):
                try:
                    cur = old.execute(f"SELECT * FROM {table} WHERE {where}", (doc_id,))
                except sqlite3.OperationalError:  # a store written before that table existed
                    continue
                columns = [d[0] for d in cur.description]
                sql = f"INSERT OR REPLACE INTO {table} ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})"
                while rows := cur.fetchmany(2000):
                    self.con.executemany(sql, [tuple(r) for r in rows])
        self.changed = True

    def all_commitments(self) -> list[Commitment]:
        return [_commitment(r) for r in self.con.execute("SELECT * FROM commitments ORDER BY doc_id, seq")]

    def all_metas(self) -> dict[str, DocumentMeta]:
        return {r["id"]: _meta(r) for r in self.con.execute("SELECT * FROM documents")}

    def iter_block_texts(self, doc_id: str, per: int = 1000) -> Iterator[str]:
        """As Store.iter_block_texts, inside the transaction (the blocks just written included)."""
        return _block_texts(self.con, doc_id, per)

    def iter_all_commitments(self, per: int = 2000) -> Iterator[list[Commitment]]:
        """Every record in `all_commitments`' order, `per` at a time (a store of any size)."""
        cur = self.con.execute("SELECT * FROM commitments ORDER BY doc_id, seq")
        while rows := cur.fetchmany(per):
            yield [_commitment(r) for r in rows]

    def iter_thread_roots(self) -> Iterator[Commitment]:
        """The commitments (not evidence) in the order threads are built: by their document's date
        (undated first), document, line (kb.trace.threads), read from a cursor."""
        cur = self.con.execute(
            "SELECT c.* FROM commitments c LEFT JOIN documents d ON d.id = c.doc_id WHERE c.kind != 'evidence' "
            "ORDER BY COALESCE(NULLIF(d.date, ''), '0000'), c.doc_id, COALESCE(c.line, 0), c.seq")
        while rows := cur.fetchmany(2000):
            yield from (_commitment(r) for r in rows)

    def put_threads(self, links: Iterable, threads: Iterable, per: int = 2000) -> None:
        """Replace all links and threads; stamp each commitment with its thread and status.  Threads
        may come from a generator: they are written `per` at a time."""
        con = self.con
        con.execute("DELETE FROM links")
        con.execute("DELETE FROM threads")
        con.executemany("INSERT INTO links VALUES (?,?,?,?,?)",
                        ((x.a, x.b, x.type, x.score, json.dumps(x.evidence)) for x in links))
        con.execute("UPDATE commitments SET thread_id = NULL, status = ''")
        threads = iter(threads)
        while chunk := list(itertools.islice(threads, per)):
            con.executemany("INSERT INTO threads (id, root, topic, members, docs, first, last, status, reason, "
                            "deciding) VALUES (?,?,?,?,?,?,?,?,?,?)",
                            [(t.id, t.root, t.topic, json.dumps(t.members), json.dumps(t.docs), t.first, t.last,
                              t.status, t.reason, t.deciding) for t in chunk])
            con.executemany("UPDATE commitments SET thread_id = ?, status = ? WHERE id = ?",
                            [(t.id, t.status, cid) for t in chunk for cid in [t.root, *t.members]])
        self.changed = True

    def thread_statuses(self) -> dict[str, str]:
        """Each stored thread's status, by thread id."""
        return dict(self.con.execute("SELECT id, status FROM threads"))

    def set_thread_statuses(self, statuses: dict[str, tuple[str, str, str | None]]) -> None:
        """Give threads (by id) a new status, reason and deciding passage, and stamp their
        commitments with the status, as `put_threads` does."""
        con = self.con
        con.executemany("UPDATE threads SET status = ?, reason = ?, deciding = ? WHERE id = ?",
                        [(status, reason, deciding, tid) for tid, (status, reason, deciding) in statuses.items()])
        self._stamp_records({tid: st for tid, (st, _, _) in statuses.items()})
        self._span_deciding()
        self.changed = True

    def carry_record_statuses(self, statuses: dict[str, str]) -> None:
        """Stamp the commitments of the threads named (by id) with the status given, leaving the
        threads' own rows as they are: an ingest's new threads get the statuses their namesakes
        were settled with, so the search index built before statuses are settled again most often
        already holds the settled ones (kb.api).  `align_record_statuses` undoes it."""
        self._stamp_records(statuses)
        self.changed = True

    def align_record_statuses(self) -> None:
        """Stamp every commitment of a thread with the thread's stored status."""
        self.con.execute("UPDATE commitments SET status = (SELECT status FROM threads WHERE threads.id = thread_id) "
                         "WHERE thread_id IS NOT NULL")
        self.changed = True

    def _stamp_records(self, statuses: dict[str, str]) -> None:
        """The commitments of each thread named get its status, in one pass over the commitments,
        each looking its thread up (no index on thread_id is needed)."""
        con = self.con
        con.execute("CREATE TEMP TABLE IF NOT EXISTS settled (id TEXT PRIMARY KEY, status TEXT)")
        con.execute("DELETE FROM settled")
        con.executemany("INSERT INTO settled VALUES (?, ?)", statuses.items())
        con.execute("UPDATE commitments SET status = (SELECT status FROM settled WHERE settled.id = thread_id) "
                    "WHERE thread_id IN (SELECT id FROM settled)")

    def _span_deciding(self) -> None:
        """Widen the settled threads' documents, first and last to their deciding passages: a status read
        from a later plan's passage that is not one of the thread's own (the tracer reads a wider
        pool) must not leave the thread listed as one document, first and last in its own year."""
        con = self.con
        dates = {r["id"]: r["date"] or "0000" for r in con.execute("SELECT id, date FROM documents")}
        rows = con.execute("SELECT t.id, t.docs, t.first, t.last, c.doc_id FROM threads t "
                           "JOIN settled s ON s.id = t.id JOIN commitments c ON c.id = t.deciding").fetchall()
        wider = []
        for r in rows:
            docs = json.loads(r["docs"] or "[]")
            if r["doc_id"] in docs:
                continue
            day = dates.get(r["doc_id"], "0000")
            docs = sorted([*docs, r["doc_id"]], key=lambda d: dates.get(d, "0000"))
            wider.append((json.dumps(docs), min(filter(None, (r["first"], day))), max(filter(None, (r["last"], day))),
                          r["id"]))
        con.executemany("UPDATE threads SET docs = ?, first = ?, last = ? WHERE id = ?", wider)

    def commitments_by_ids(self, ids: list[str]) -> dict[str, Commitment]:
        rows = [r for chunk in _chunks(ids) for r in self.con.execute(
            f"SELECT * FROM commitments WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
        return {r["id"]: _commitment(r) for r in rows}

    # semantic vectors (kb.semantic.refresh_vectors keeps them in step with the records)
    def get_meta(self, key: str) -> str | None:
        r = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return r["value"] if r is not None else None

    def set_meta(self, key: str, value: str) -> None:
        if self.get_meta(key) != value:
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
            self.changed = True

    def clear_vectors(self) -> None:
        cur = self.con.execute("DELETE FROM vectors")
        self.changed = self.changed or cur.rowcount > 0

    def count_without_vectors(self) -> int:
        return self.con.execute("SELECT COUNT(*) FROM commitments WHERE id NOT IN (SELECT id FROM vectors)").fetchone()[0]

    def commitments_without_vectors(self, limit: int | None = None) -> list[Commitment]:
        """Records that have no semantic vector yet, in document order (the first `limit` of them)."""
        return [_commitment(r) for r in self.con.execute(
            "SELECT * FROM commitments WHERE id NOT IN (SELECT id FROM vectors) ORDER BY doc_id, seq LIMIT ?",
            (-1 if limit is None else limit,))]

    def put_vectors(self, ids: list[str], vectors) -> None:
        from kb.semantic import to_blob

        self.con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                             [(i, to_blob(v)) for i, v in zip(ids, vectors, strict=True)])
        self.changed = True

    def vector_blobs(self, ids: list[str]) -> dict[str, bytes]:
        return _vector_blobs(self.con, ids)

    def reports(self) -> dict[str, str]:
        return {r["id"]: r["report"] for r in self.con.execute("SELECT id, report FROM reports")}

    def put_reports(self, reports: dict[str, str]) -> None:
        """Replace the stored reports with these (records that are gone lose theirs)."""
        self.con.execute("DELETE FROM reports")
        self.con.executemany("INSERT INTO reports VALUES (?, ?)", reports.items())
        self.changed = True

    def stage_reports(self, reports: dict[str, str]) -> None:
        """Keep new records' reports, read as they were parsed (kb.ingest.Part), until
        `staged_reports` takes them: in a temporary table of this connection, not in memory, so a
        long file's hundreds of thousands of them do not sit beside the parser processes (a
        killed ingest leaves nothing: the table ends with the connection)."""
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS staged_reports (id TEXT PRIMARY KEY, report TEXT)")
        self.con.executemany("INSERT OR REPLACE INTO staged_reports VALUES (?, ?)", reports.items())

    def staged_reports(self) -> dict[str, str]:
        """The reports `stage_reports` kept (and no longer keeps them)."""
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS staged_reports (id TEXT PRIMARY KEY, report TEXT)")
        out = {r[0]: r[1] for r in self.con.execute("SELECT id, report FROM staged_reports")}
        self.con.execute("DELETE FROM staged_reports")
        return out

    def delete_document(self, doc_id: str) -> None:
        self.con.execute("DELETE FROM vectors WHERE id IN (SELECT id FROM commitments WHERE doc_id = ?)", (doc_id,))
        for table, col in (("documents", "id"), ("blocks", "doc_id"), ("commitments", "doc_id")):
            cur = self.con.execute(f"DELETE FROM {table} WHERE {col} = ?", (doc_id,))
            self.changed = self.changed or cur.rowcount > 0


def _chunks(ids: list[str], size: int = 900) -> Iterator[list[str]]:
    """Ids in slices that fit SQLite's limit on bound parameters."""
    ids = list(ids)
    for k in range(0, len(ids), size):
        yield ids[k:k + size]


def _vector_blobs(con: sqlite3.Connection, ids: list[str]) -> dict[str, bytes]:
    if not ids:
        return {}
    try:
        return {r["id"]: r["vec"] for chunk in _chunks(list(dict.fromkeys(ids))) for r in con.execute(
            f"SELECT id, vec FROM vectors WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
    except sqlite3.OperationalError:  # a store written before vectors existed
        return {}


def _meta(r: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(id=r["id"], title=r["title"] or "", organisation=r["organisation"] or "", date=r["date"],
                        period=r["period"] or "", period_start=r["period_start"], period_end=r["period_end"],
                        kind=r["kind"] or "other")


def _list(value: str | None) -> list:
    """A JSON list column ('[]' is most of them: not worth the parser)."""
    return json.loads(value) if value and value != "[]" else []


# Columns added since a store was first written: (table, column, type).  A store from an older kb
# gets them (empty) when it is next written; its documents are re-parsed anyway, since the parser's
# code is part of each file's parse key (kb.api.parse_key).
_ADDED_COLUMNS = (("commitments", "position", "TEXT"), ("commitments", "reported", "TEXT"),
                  ("threads", "deciding", "TEXT"))  # the passage a thread's status is read from


def _add_new_columns(con: sqlite3.Connection) -> None:
    for table, column, kind in _ADDED_COLUMNS:
        have = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def _position(r: sqlite3.Row) -> Position | None:
    value = r["position"] if "position" in r.keys() else None
    return Position.from_dict(json.loads(value)) if value else None


def _commitment(r: sqlite3.Row) -> Commitment:
    return Commitment(
        id=r["id"], doc_id=r["doc_id"], kind=r["kind"], text=r["text"], section=r["section"] or "",
        page=r["page"], line=r["line"], due=[DueDate(**d) for d in _list(r["due"])],
        owners=_list(r["owners"]), themes=_list(r["themes"]),
        targets=[Target(**t) for t in _list(r["targets"])], status=r["status"] or "",
        parent_id=r["parent_id"], thread_id=r["thread_id"], context=r["context"] or "",
        evidence=_list(r["evidence"]), confidence=r["confidence"] or 0.0, position=_position(r),
        reported=(r["reported"] if "reported" in r.keys() else None) or "",
    )
