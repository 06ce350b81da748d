"""The one Python API under the CLI and the terminal app.

`KnowledgeBase(index_dir)` ingests files into the store and answers questions about what is
stored.  It imports the heavy parts (spaCy, pdfplumber) only when a file actually has to be parsed,
so read-only commands and an ingest with nothing changed stay fast.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kb.model import Commitment
from kb.store.sqlite import DocumentRow, Store, StoreError

DEFAULT_INDEX = "index"
DEFAULT_CORPUS = "corpus"
CATALOG_NAME = "catalog.toml"


def default_index() -> Path:
    return Path(os.environ.get("KB_INDEX") or DEFAULT_INDEX)


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    removed: list[str] = field(default_factory=list)
    commitments: int = 0
    renamed: list = field(default_factory=list)  # kb.docids.Clash: files named other than by their stem


class KnowledgeBase:
    def __init__(self, index_dir: Path | str | None = None, decisions_path: Path | str | None = None):
        self.index_dir = Path(index_dir) if index_dir is not None else default_index()
        self.store = Store(self.index_dir)
        self.decisions_path = Path(decisions_path) if decisions_path else None
        # Where problems that do not stop a command go (a damaged line of the decisions log):
        # None prints one line on stderr; the app shows them as notifications.
        self.warn: Callable[[str], None] | None = None

    # --- ingest --------------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path | str] = (DEFAULT_CORPUS,),
        rebuild: bool = False,
        progress: Callable[[str, int, int], None] | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Parse files or folders into the store; unchanged files are skipped (`parse_key`: same
        content, same catalog entry, same parser code).

        A file that fails is reported and skipped; whatever the store held for it stays.  With
        `rebuild`, every file is parsed again and documents not among the inputs are dropped.
        """
        from kb.docids import assign_ids
        from kb.sources import SUPPORTED_SUFFIXES, SourceError, file_sha256
        from kb.sources.metadata import catalog_entry

        report = IngestReport()
        files, catalogs = _expand(paths, SUPPORTED_SUFFIXES, report)
        with self.store.lock(notice):
            known = self.store.hashes() if self.store.exists() else {}
            ids, report.renamed = assign_ids(files, self.store.sources())
            todo: list[tuple[Path, str]] = []
            for f in files:
                try:
                    digest = parse_key(file_sha256(f), catalog_entry(catalogs.get(f.parent, {}), f, ids[f]))
                except OSError as exc:
                    report.failed.append((str(f), f"cannot read file ({exc.strerror})"))
                    continue
                if not rebuild and known.get(ids[f]) == digest:
                    report.skipped.append(str(f))
                else:
                    todo.append((f, digest))
            if not todo and not rebuild:
                return report
            parsed = []
            for n, (f, digest) in enumerate(todo, start=1):
                if progress:
                    progress(str(f), n, len(todo))
                try:
                    parsed.append(self._parse(f, digest, catalogs.get(f.parent, {}), ids[f]))
                except SourceError as exc:
                    report.failed.append((str(f), str(exc)))
                except Exception as exc:  # a parser bug must not lose the other files
                    report.failed.append((str(f), f"could not be parsed ({type(exc).__name__}: {exc})"))
            failed_ids = {ids[Path(p)] for p, _ in report.failed if Path(p) in ids}
            with self.store.transaction() as writer:
                if rebuild:
                    keep = set(ids.values()) | failed_ids
                    for doc_id in known:
                        if doc_id not in keep:
                            writer.delete_document(doc_id)
                            report.removed.append(doc_id)
                for doc, records in parsed:
                    writer.put_document(doc, records)
                    report.ingested.append(doc.path)
                    report.commitments += sum(1 for r in records if r.kind != "evidence")
                if parsed or report.removed:
                    from kb.trace.threads import build_threads

                    links, threads = build_threads(writer.all_commitments(), writer.all_metas())
                    writer.put_threads(links, threads)
            if parsed or report.removed or self._index_missing():
                self.rebuild_index()
        return report

    def _index_missing(self) -> bool:
        from kb.index.build import current_index_dir

        return current_index_dir(self.index_dir) is None

    def rebuild_index(self) -> None:
        """Rebuild the search index from the store (atomic swap; see kb.index.build)."""
        from kb.index.build import build_index
        from kb.index.thesaurus import learn_acronyms

        acronyms: dict[str, str] = {}
        for d in self.store.documents():
            acronyms.update(learn_acronyms("\n".join(b.text for b in self.store.blocks(d.meta.id))))
        build_index(self.store, acronyms)
        self._search = None

    # --- search --------------------------------------------------------------------------------------
    def searcher(self):
        """The long-lived search index (opened once, refreshed when an ingest swapped a new one in)."""
        from kb.index.search import SearchIndex

        if getattr(self, "_search", None) is None:
            self._search = SearchIndex(self.index_dir, canonical_owner=_canonical_owner)
        else:
            self._search.refresh()
        return self._search

    def search(self, query: str, **options):
        return self.searcher().search(query, **options)

    def matching_ids(self, query: str = "", include_evidence: bool = True, **options) -> list[str]:
        """Every record a query and filters match (`search`'s options): in rank order when the query
        has words, else in document order (oldest document first, then page and line), as exports want."""
        searcher = self.searcher()
        hits = searcher.search(query, limit=None, facets=False, highlights=False,
                               include_evidence=include_evidence, **options).hits
        if searcher.parse(query).text_query is not None:
            return [h.id for h in hits]
        order = {d.meta.id: (d.meta.date or "", d.meta.id) for d in self.documents()}
        hits.sort(key=lambda h: (order.get(h.doc_id, ("", h.doc_id)), h.page or 0, h.line or 0))
        return [h.id for h in hits]

    def export_records(self, ids: list[str]) -> list[dict]:
        """Export-schema records for these ids, in this order (unknown ids skipped)."""
        from kb.export import record_dict

        docs = {d.meta.id: d.meta for d in self.documents()}
        by_id = self.commitments_by_ids(ids)
        return [record_dict(by_id[i], docs.get(by_id[i].doc_id)) for i in ids if i in by_id]

    def _parse(self, path: Path, digest: str, catalog: dict, doc_id: str):
        from kb.extract.owners import OwnerGazetteer
        from kb.extract.pipeline import extract
        from kb.sources import load_document

        doc = load_document(path, catalog, sha256=digest, doc_id=doc_id)
        return doc, extract(doc, OwnerGazetteer())

    # --- reading -------------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        return self.store.documents()

    def commitments(self, doc_id: str | None = None, include_evidence: bool = False) -> list[Commitment]:
        return self.store.commitments(doc_id, include_evidence)

    def commitment(self, cid: str) -> Commitment | None:
        return self.store.commitment(cid)

    def commitments_by_ids(self, ids: list[str]) -> dict[str, Commitment]:
        return self.store.commitments_by_ids(ids)

    # --- traceability --------------------------------------------------------------------------------
    @property
    def decisions(self):
        from kb.trace.decisions import DecisionLog, default_log_path

        if getattr(self, "_decisions", None) is None:  # one log, so a damaged line is reported once
            self._decisions = DecisionLog(self.decisions_path or default_log_path(self.index_dir),
                                          lambda message: self._warn(message))
        return self._decisions

    def _warn(self, message: str) -> None:
        if self.warn is not None:
            self.warn(message)
        else:
            import sys

            print(f"kb: {message}", file=sys.stderr)

    def tracer(self):
        """The tracer over the current store (built once; rebuilt when the store changed)."""
        from kb.trace.tracer import Tracer

        stamp = self.store.path.stat().st_mtime_ns if self.store.exists() else None
        if getattr(self, "_tracer", None) is None or self._tracer_stamp != stamp:
            self._tracer, self._tracer_stamp = Tracer(self, self.decisions), stamp
        return self._tracer

    def trace(self, cid: str, limit: int | None = 40):
        """The thread around a commitment: linked passages in every document, oldest first."""
        c = self.commitment(cid)
        if c is None:
            raise KeyError(cid)
        return self.tracer().trace(c.id, limit=limit)

    def threads(self, status: str | None = None, doc: str | None = None, theme: str | None = None) -> list[dict]:
        by_id = {c.id: c for c in self.commitments()}
        out = []
        for t in self.store.threads():
            root = by_id.get(t["root"])
            if root is None:
                continue
            if status and t["status"] != status:
                continue
            if doc and doc not in t["docs"]:
                continue
            if theme and theme.lower() not in root.themes:
                continue
            out.append(dict(t, root_text=root.text))
        return out

    def link(self, action: str, a_id: str, b_id: str, note: str = ""):
        """Record an auditor's decision (confirm, reject or add a link) in the append-only log."""
        from kb.trace.decisions import new_decision

        a, b = self.commitment(a_id), self.commitment(b_id)
        missing = [x for x, c in ((a_id, a), (b_id, b)) if c is None]
        if missing:
            raise KeyError(missing[0])
        if a.id == b.id:
            raise ValueError("a commitment cannot be linked to itself")
        d = new_decision(action, a, b, note)
        self.decisions.append(d)
        self._tracer = None
        return d

    def children(self, cid: str) -> list[Commitment]:
        return self.store.children(cid)


def _canonical_owner(name: str) -> str | None:
    """Fold an owner name typed in a query ("UHCW") to its canonical form, without importing spaCy."""
    from kb.extract.owners import OwnerGazetteer

    global _GAZETTEER
    if _GAZETTEER is None:
        _GAZETTEER = OwnerGazetteer()
    return _GAZETTEER.canonical(name)


_GAZETTEER = None


def _expand(paths: Iterable[Path | str], suffixes: set[str], report: IngestReport) -> tuple[list[Path], dict]:
    """Files to ingest (folders walked, sorted) and the catalog of each folder involved."""
    from kb.sources.metadata import load_catalog

    files: list[Path] = []
    catalogs: dict[Path, dict] = {}
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            files.extend(found)
        elif p.is_file():
            if p.suffix.lower() not in suffixes:
                report.failed.append((str(p), f"unsupported file type '{p.suffix or '(none)'}' (expected .txt or .pdf)"))
                continue
            files.append(p)
        else:
            report.failed.append((str(p), "no such file or folder"))
    for f in files:
        if f.parent not in catalogs:
            try:
                catalogs[f.parent] = load_catalog(f.parent / CATALOG_NAME)
            except Exception as exc:  # noqa: BLE001 - a bad catalog is reported, inference still works
                report.failed.append((str(f.parent / CATALOG_NAME), str(exc)))
                catalogs[f.parent] = {}
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return unique, catalogs


__all__ = ["KnowledgeBase", "IngestReport", "StoreError", "default_index"]


# The code that turns a file into records: when any of it changes, every file is parsed again.
_PARSER_PACKAGES = ("sources", "layout", "extract")


@functools.lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A digest of the parser's own code and data files (kb/sources, kb/layout, kb/extract)."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for package in _PARSER_PACKAGES:
        for f in sorted((root / package).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".toml", ".txt", ".json"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def parse_key(file_digest: str, catalog_entry: dict | None) -> str:
    """What a stored document was parsed from: the file's content hash, then a digest of its catalog
    entry and the parser's code, so that a changed title in catalog.toml or an upgraded kb re-parses
    a file whose bytes did not change."""
    entry = json.dumps(catalog_entry or {}, sort_keys=True, default=str)
    return f"{file_digest}:{hashlib.sha256((parser_fingerprint() + entry).encode()).hexdigest()[:16]}"
