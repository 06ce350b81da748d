"""The system of record: one SQLite database in the index folder.

Every write builds a complete new database file beside the old one and swaps it in with
`os.replace`, so a crash, a bad file or a concurrent reader never sees a half-written store.
Concurrent writers are serialised by an exclusive lock on `index/.lock`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.model import Block, Commitment, Document, DocumentMeta, DueDate, Target

DB_NAME = "kb.sqlite"
SCHEMA_VERSION = 1

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
    thread_id TEXT, context TEXT, evidence TEXT, confidence REAL
);
CREATE INDEX IF NOT EXISTS commitments_doc ON commitments (doc_id, seq);
CREATE TABLE IF NOT EXISTS links (a TEXT, b TEXT, type TEXT, score REAL, evidence TEXT);
CREATE INDEX IF NOT EXISTS links_a ON links (a);
CREATE INDEX IF NOT EXISTS links_b ON links (b);
CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY, root TEXT, topic TEXT, members TEXT, docs TEXT, first TEXT, last TEXT,
    status TEXT, reason TEXT
);
"""


class StoreError(Exception):
    """The store cannot be opened or written; the message is one line."""


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

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.path = self.index_dir / DB_NAME

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
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a readable kb store ({exc})") from None
        finally:
            con.close()

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

    def commitment(self, cid: str) -> Commitment | None:
        with self.read() as con:
            r = con.execute("SELECT * FROM commitments WHERE id = ?", (cid,)).fetchone()
            if r is None:
                r = con.execute("SELECT * FROM commitments WHERE id LIKE ? ORDER BY id LIMIT 2",
                                (cid + "%",)).fetchall()
                r = r[0] if len(r) == 1 else None
        return _commitment(r) if r is not None else None

    def commitments_by_ids(self, ids: list[str]) -> dict[str, Commitment]:
        if not ids:
            return {}
        with self.read() as con:
            rows = con.execute(f"SELECT * FROM commitments WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
        return {r["id"]: _commitment(r) for r in rows}

    def threads(self) -> list[dict]:
        with self.read() as con:
            rows = con.execute("SELECT * FROM threads ORDER BY first, id").fetchall()
        return [dict(r, members=json.loads(r["members"]), docs=json.loads(r["docs"])) for r in rows]

    def links_of(self, cid: str) -> list[dict]:
        with self.read() as con:
            rows = con.execute("SELECT * FROM links WHERE a = ? OR b = ? ORDER BY score DESC", (cid, cid)).fetchall()
        return [dict(r, evidence=json.loads(r["evidence"])) for r in rows]

    def children(self, cid: str) -> list[Commitment]:
        with self.read() as con:
            return [_commitment(r) for r in con.execute(
                "SELECT * FROM commitments WHERE parent_id = ? ORDER BY seq", (cid,))]

    def document(self, doc_id: str) -> DocumentRow | None:
        return next((d for d in self.documents() if d.meta.id == doc_id), None)

    def blocks(self, doc_id: str) -> list[Block]:
        with self.read() as con:
            rows = con.execute("SELECT * FROM blocks WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()
        return [Block(r["kind"], r["text"], r["line"], r["page"], tuple(json.loads(r["section"])), r["level"],
                      r["column_name"], r["row_label"], r["row_key"], r["intro"]) for r in rows]

    # --- writing -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, wait_message=None) -> Iterator[None]:
        """Serialise writers: a second ingest waits for the first (and says so) instead of failing."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        fh = open(self.index_dir / ".lock", "w")
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

    @contextlib.contextmanager
    def transaction(self, rebuild: bool = False) -> Iterator[Writer]:
        """A writer on a private copy of the database, swapped in atomically on success."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".kb-", suffix=".sqlite", dir=self.index_dir)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            if self.exists() and not rebuild:
                shutil.copyfile(self.path, tmp)
            else:
                tmp.unlink()
            con = _connect(tmp)
            try:
                con.executescript(SCHEMA)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                writer = Writer(con)
                yield writer
                con.commit()
            finally:
                con.close()
            if writer.changed or rebuild or not self.exists():
                os.replace(tmp, self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write the store in {self.index_dir} ({exc})") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


class Writer:
    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.changed = False

    def put_document(self, doc: Document, records: list[Commitment]) -> None:
        con = self.con
        self.delete_document(doc.meta.id)
        m = doc.meta
        con.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (m.id, doc.path, doc.sha256, doc.source_kind, doc.pages, m.title, m.organisation, m.date, m.period,
             m.period_start, m.period_end, m.kind, time.time()),
        )
        con.executemany(
            "INSERT INTO blocks VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(m.id, i, b.kind, b.text, b.line, b.page, json.dumps(list(b.section)), b.level, b.column,
              b.row_label, b.row_key, b.intro) for i, b in enumerate(doc.blocks)],
        )
        con.executemany(
            "INSERT INTO commitments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, c.doc_id, i, c.kind, c.text, c.section, c.page, c.line,
              json.dumps([d.to_dict() for d in c.due]), json.dumps(c.owners), json.dumps(c.themes),
              json.dumps([t.to_dict() for t in c.targets]), c.status, c.parent_id, c.thread_id, c.context,
              json.dumps(c.evidence), c.confidence) for i, c in enumerate(records)],
        )
        self.changed = True

    def all_commitments(self) -> list[Commitment]:
        return [_commitment(r) for r in self.con.execute("SELECT * FROM commitments ORDER BY doc_id, seq")]

    def all_metas(self) -> dict[str, DocumentMeta]:
        return {r["id"]: _meta(r) for r in self.con.execute("SELECT * FROM documents")}

    def put_threads(self, links, threads) -> None:
        """Replace all links and threads; stamp each commitment with its thread and status."""
        con = self.con
        con.execute("DELETE FROM links")
        con.execute("DELETE FROM threads")
        con.executemany("INSERT INTO links VALUES (?,?,?,?,?)",
                        [(x.a, x.b, x.type, x.score, json.dumps(x.evidence)) for x in links])
        con.executemany("INSERT INTO threads VALUES (?,?,?,?,?,?,?,?,?)",
                        [(t.id, t.root, t.topic, json.dumps(t.members), json.dumps(t.docs), t.first, t.last,
                          t.status, t.reason) for t in threads])
        con.execute("UPDATE commitments SET thread_id = NULL, status = ''")
        for t in threads:
            con.executemany("UPDATE commitments SET thread_id = ?, status = ? WHERE id = ?",
                            [(t.id, t.status, cid) for cid in [t.root, *t.members]])
        self.changed = True

    def delete_document(self, doc_id: str) -> None:
        for table, col in (("documents", "id"), ("blocks", "doc_id"), ("commitments", "doc_id")):
            cur = self.con.execute(f"DELETE FROM {table} WHERE {col} = ?", (doc_id,))
            self.changed = self.changed or cur.rowcount > 0


def _meta(r: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(id=r["id"], title=r["title"] or "", organisation=r["organisation"] or "", date=r["date"],
                        period=r["period"] or "", period_start=r["period_start"], period_end=r["period_end"],
                        kind=r["kind"] or "other")


def _commitment(r: sqlite3.Row) -> Commitment:
    return Commitment(
        id=r["id"], doc_id=r["doc_id"], kind=r["kind"], text=r["text"], section=r["section"] or "",
        page=r["page"], line=r["line"], due=[DueDate(**d) for d in json.loads(r["due"] or "[]")],
        owners=json.loads(r["owners"] or "[]"), themes=json.loads(r["themes"] or "[]"),
        targets=[Target(**t) for t in json.loads(r["targets"] or "[]")], status=r["status"] or "",
        parent_id=r["parent_id"], thread_id=r["thread_id"], context=r["context"] or "",
        evidence=json.loads(r["evidence"] or "[]"), confidence=r["confidence"] or 0.0,
    )
