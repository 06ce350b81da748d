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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kb.faults import pause_point
from kb.ingest import IngestProgress
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
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, what the reader reports: OCR pages...)
    unsupported: list[str] = field(default_factory=list)  # files in the folders given, of a type kb cannot read

    def found_nothing(self) -> bool:
        """Nothing to ingest in the paths given: no file kb can read (ingested, unchanged or failed)."""
        return not (self.ingested or self.skipped or self.failed)


class KnowledgeBase:
    def __init__(self, index_dir: Path | str | None = None, decisions_path: Path | str | None = None):
        self.index_dir = Path(index_dir) if index_dir is not None else default_index()
        self.store = Store(self.index_dir)
        self.decisions_path = Path(decisions_path) if decisions_path else None
        # Where problems that do not stop a command go (a damaged line of the decisions log):
        # None prints one line on stderr; the app shows them as notifications.
        self.warn: Callable[[str], None] | None = None
        self._names = None
        self._search = None
        self._index_at: Path | None = None  # an index folder to search instead of the one pointed to
        self.party_names()  # short owner names for the app's columns

    # --- ingest --------------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path | str] = (DEFAULT_CORPUS,),
        rebuild: bool = False,
        progress: Callable[[IngestProgress], None] | None = None,
        notice: Callable[[str], None] | None = None,
        jobs: int | None = None,
    ) -> IngestReport:
        """Parse files or folders into the store; unchanged files are skipped (`parse_key`: same
        content, same catalog entry, same parser code).

        Files are parsed in `jobs` worker processes (default: one per core; kb.ingest), while the
        store and the index are written here, in one transaction: the new search index is built
        from the new store before that store is swapped in (kb.index.build), so an ingest stopped
        at any point leaves both old or both new.  An index found out of step with the store (an
        older kb, a deleted folder) is rebuilt, and what a killed ingest left behind is removed.

        A file that fails is reported and skipped; whatever the store held for it stays.  With
        `rebuild`, every file is parsed again and documents not among the inputs are dropped.
        """
        from kb.docids import assign_ids
        from kb.index.build import index_state
        from kb.ingest import Abandoned, parse_files
        from kb.sources import SUPPORTED_SUFFIXES, file_sha256
        from kb.sources.metadata import catalog_entry

        report = IngestReport()
        files, catalogs = _expand(paths, SUPPORTED_SUFFIXES, report)
        gazetteers = _gazetteers({f.parent for f in files}, report)
        with self.store.lock(notice):
            self._remove_stale()
            known = self.store.hashes() if self.store.exists() else {}
            ids, report.renamed = assign_ids(files, self.store.sources())
            todo: list[tuple[Path, str]] = []
            for f in files:
                try:
                    digest = parse_key(file_sha256(f), catalog_entry(catalogs.get(f.parent, {}), f, ids[f]),
                                       gazetteers[f.parent].digest)
                except OSError as exc:
                    report.failed.append((str(f), f"cannot read file ({exc.strerror})"))
                    continue
                if not rebuild and known.get(ids[f]) == digest:
                    report.skipped.append(str(f))
                else:
                    todo.append((f, digest))
            in_step = index_state(self.index_dir)[1]
            settled = self._statuses_stamp()
            statuses_stale = self.store.exists() and self.store.get_meta("statuses") != settled
            if not todo and not rebuild and (in_step or not self.store.exists()) and not self._vectors_stale() \
                    and (not self.store.exists() or self.store.get_meta("reports") == reports_fingerprint()
                         and self.store.get_meta("threads") == threads_fingerprint() and not statuses_stale):
                return report
            if not in_step and self.store.exists() and notice:
                notice(f"the search index in {self.index_dir} was out of step with the store "
                       "(an interrupted ingest?); rebuilding it")
            storing = _Storing(progress, str(self.index_dir), len(todo))
            index_from = functools.partial(self._index_with_statuses, stamp=settled, progress=storing, jobs=jobs)
            with self.store.transaction(force=not in_step or statuses_stale, before_swap=index_from) as writer:
                for part in parse_files(todo, catalogs, report, progress, jobs, ids, gazetteers):
                    if isinstance(part, Abandoned):
                        writer.restore_document(part.doc_id)
                        continue
                    writer.put_document(part.doc, part.records, first=part.first)
                    writer.stage_reports(part.reports)  # read by the parser (kb.ingest.Part); kept on disk
                    report.commitments += sum(1 for r in part.records if r.kind != "evidence")
                    if part.last:
                        report.ingested.append(part.doc.path)
                        report.notes += [(part.doc.path, note) for note in part.doc.notes]
                    del part  # a long file's records are not kept through threads and index
                if rebuild:
                    keep = set(ids.values()) | {ids[Path(p)] for p, _ in report.failed if Path(p) in ids}
                    for doc_id in known:
                        if doc_id not in keep:
                            writer.delete_document(doc_id)
                            report.removed.append(doc_id)
                refreshed = self._refresh_vectors(writer, storing.reporter("semantic vectors"))
                stamp = reports_fingerprint()
                if report.ingested or report.removed or refreshed or writer.get_meta("reports") != stamp \
                        or writer.get_meta("threads") != threads_fingerprint():
                    storing.reporter("links and threads")(0, 0)
                    self._write_threads(writer, stamp)
                    pause_point("threads")
            self._point_to_index()
            self._save_party_names(gazetteers)
        self._search = None
        return report

    @staticmethod
    def _write_threads(writer, stamp: str) -> None:
        """Every record's clause report (kb.trace.reports; the new records' were read by the parser
        and staged in the store, `Writer.stage_reports`), then the links and threads over the whole store (kb.trace.threads).  Records are
        read a chunk at a time for the reports; every record is held at once only when two of them
        could be linked (`can_link`: documents of more than one date), so one long file alone is
        written in bounded memory."""
        from kb.trace.reports import update_reports
        from kb.trace.signals import document_acronyms, document_renamings
        from kb.trace.threads import build_threads, can_link, unlinked_threads

        settled_before = writer.thread_statuses() if writer.get_meta("statuses") else {}
        known = writer.reports() if writer.get_meta("reports") == stamp else {}
        known.update(writer.staged_reports())
        reports: dict[str, str] = {}
        for chunk in writer.iter_all_commitments():
            reports.update(update_reports(chunk, known))
        del known
        writer.put_reports(reports)
        writer.set_meta("reports", stamp)
        writer.set_meta("threads", threads_fingerprint())
        writer.set_meta("statuses", "")  # new threads: their statuses are settled before the swap
        metas = writer.all_metas()
        if not can_link(metas):
            writer.put_threads([], unlinked_threads(writer.iter_thread_roots(), metas))
            return
        records = writer.all_commitments()
        links, threads = build_threads(records, metas, reports, _stored_vectors(writer, [c.id for c in records]),
                                       document_acronyms(writer, metas), document_renamings(writer, metas))
        writer.put_threads(links, threads)
        # the statuses these threads were settled with last time, until they are settled again
        writer.carry_record_statuses(settled_before)

    def _vectors_stale(self) -> bool:
        """The stored semantic vectors were computed with another model or recipe (kb.semantic)."""
        from kb.semantic import fingerprint

        return self.store.exists() and self.store.get_meta("semantic") != fingerprint()

    @staticmethod
    def _refresh_vectors(writer, progress: Callable[[int, int], None] | None = None) -> int:
        """Semantic vectors for the records that lack one (all of them after a model change)."""
        from kb.semantic import SemanticUnavailable, refresh_vectors

        try:
            return refresh_vectors(writer, progress)
        except SemanticUnavailable as exc:
            raise StoreError(f"cannot compute semantic vectors: {exc}") from None

    def _remove_stale(self) -> None:
        """Temporaries of a killed ingest: private store copies, journals, half-written indexes
        (the caller holds the lock, so none of them belongs to a live ingest)."""
        from kb.index.build import current_index_dir, prune

        self.store.remove_stale_temporaries()
        current = current_index_dir(self.index_dir)
        prune(self.index_dir, keep={current.name} if current else set())

    def _build_index_from(self, store: Store, generation: str,
                          progress: Callable[[int, int], None] | None = None) -> Path:
        """The search index for a store copy about to be swapped in (Store.transaction's hook)."""
        from kb.extract.renamings import renamings as stated_renamings
        from kb.index.build import build_index
        from kb.index.thesaurus import learn_acronyms

        acronyms: dict[str, str] = {}
        renamed: dict[tuple[str, str], None] = {}
        for d in store.documents():
            for text in store.iter_block_texts(d.meta.id):  # a definition or renaming is within one block
                acronyms.update(learn_acronyms(text))
                renamed.update(dict.fromkeys(stated_renamings(text)))
        return build_index(store, acronyms, generation, progress, list(renamed))

    def _index_with_statuses(self, store: Store, generation: str, stamp: str, progress: _Storing,
                             jobs: int | None = None) -> None:
        """Ingest's hook before the swap: the search index for the store copy, then its threads'
        statuses settled as `kb trace` reads them (kb.trace.settle), which needs that index (a
        trace's candidates come from it).  A record's status is in the index's `status` field too,
        so the index is built again from the settled copy when any record's status moved (the
        records of threads settled before carry their old statuses into the first build, so a
        re-ingest that leaves them as they were builds the index once).  Store, index and statuses
        are swapped in together, or not at all."""
        import shutil

        from kb.ingest import default_jobs
        from kb.trace.settle import settled_statuses
        from kb.trace.threads import can_link
        from kb.trace.tracer import Tracer

        indexed = store.status_digest()
        target = self._build_index_from(store, generation, progress.reporter("search index"))
        if store.get_meta("statuses") == stamp:
            return
        if not can_link({d.meta.id: d.meta for d in store.documents()}):
            # papers of one date: no later document to read a status from, and one long file's
            # records are not all held at once for a tracer
            with store.amend() as writer:
                writer.set_meta("statuses", stamp)
            return
        staged = KnowledgeBase(self.index_dir, self.decisions_path)
        staged.store, staged.warn, staged._index_at = store, self.warn, target
        try:
            changed = settled_statuses(Tracer(staged, staged.decisions), store.threads(),
                                       progress.reporter("thread statuses", "threads"), jobs or default_jobs())
        finally:
            if staged._search is not None:
                staged._search.close()
        with store.amend() as writer:
            writer.set_thread_statuses(changed)
            writer.align_record_statuses()  # undoes what _write_threads carried over where it differs
            writer.set_meta("statuses", stamp)
        if store.status_digest() != indexed:
            shutil.rmtree(target)
            self._build_index_from(store, generation, progress.reporter("search index"))

    def _statuses_stamp(self) -> str:
        """What the stored thread statuses must have been settled with (kb.trace.settle)."""
        from kb.trace.decisions import default_log_path
        from kb.trace.settle import statuses_stamp

        return statuses_stamp(threads_fingerprint(), self.decisions_path or default_log_path(self.index_dir))

    def _point_to_index(self) -> None:
        from kb.index.build import index_state, point_to, prune

        target, in_step = index_state(self.index_dir)
        if target is not None and in_step:
            point_to(self.index_dir, target)
            prune(self.index_dir, keep={target.name})

    def index_in_step(self) -> bool:
        """Whether the search index was built from the current store (False: an ingest is needed)."""
        from kb.index.build import index_state

        return index_state(self.index_dir)[1]

    def rebuild_index(self) -> None:
        """Rebuild the search index from the store (with a new store generation; atomic swap)."""
        with self.store.lock():
            with self.store.transaction(force=True, before_swap=self._build_index_from):
                pass
            self._point_to_index()
        self._search = None

    # --- search --------------------------------------------------------------------------------------
    def searcher(self):
        """The long-lived search index (opened once, refreshed when an ingest swapped a new one in)."""
        from kb.index.search import SearchIndex

        if getattr(self, "_search", None) is None:
            self._search = SearchIndex(self.index_dir, canonical_owner=self.canonical_owner, at=self._index_at)
        else:
            self._search.refresh()
        return self._search

    def search(self, query: str, include_evidence: bool = False, **options):
        """Ranked hits (kb.index.search.SearchIndex.search).  Evidence passages (past-tense progress
        kept for traces) are left out unless `include_evidence` or a kind filter asks for them: one
        rule for `kb search`, `kb export` and the app, so the same query gives the same records."""
        return self.searcher().search(query, include_evidence=include_evidence, **options)

    def matching_ids(self, query: str = "", include_evidence: bool = False, **options) -> list[str]:
        """Every record a query and filters match (`search`'s options, evidence only when asked for):
        in rank order when the query has words, else in document order (oldest document first, then
        page and line), as exports want.
        With neither query nor filter this is every record, read from the store (no index needed)."""
        if not query.strip() and not any(options.values()):
            return self.store.ids_in_document_order(include_evidence)
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
        return list(self.iter_export_records(ids))

    def export_stream(self, query: str = "", include_evidence: bool = False, **options) -> Iterator[dict]:
        """What `kb export` writes: the records `matching_ids` names, streamed (a store of any size)."""
        if not query.strip() and not any(options.values()):
            from kb.export import record_dict

            docs = {d.meta.id: d.meta for d in self.documents()}
            return (record_dict(c, docs.get(c.doc_id)) for c in self.store.iter_in_document_order(include_evidence))
        return self.iter_export_records(self.matching_ids(query, include_evidence, **options))

    def iter_export_records(self, ids: list[str]) -> Iterator[dict]:
        """`export_records`, streamed: the store is read a chunk of ids at a time, so an export of any
        size holds one chunk of records in memory."""
        from kb.export import record_dict

        docs = {d.meta.id: d.meta for d in self.documents()}
        for c in self.store.iter_commitments_by_ids(ids):
            yield record_dict(c, docs.get(c.doc_id))

    def _save_party_names(self, gazetteers: dict) -> None:
        """Keep the owner names this index was built with (the gazetteers' aliases and the acronyms
        its documents define) beside the store, so that search folds "owner:RFT" and the app shows
        short names without the corpus folder or spaCy."""
        from kb.extract.gazetteer import PARTIES_FILE, PartyNames

        names = PartyNames.load(self.index_dir / PARTIES_FILE)
        for g in gazetteers.values():
            for p in g.parties:
                names.add(p.name, p.aliases)
        self.index_dir.mkdir(parents=True, exist_ok=True)
        names.save(self.index_dir / PARTIES_FILE)
        self._names = None
        self.party_names()

    def party_names(self):
        """The owner names this index was built with (kb.extract.gazetteer.PartyNames); also made
        the ones `short_name` uses."""
        from kb.extract.gazetteer import PARTIES_FILE, PartyNames, use_names

        if self._names is None:
            self._names = PartyNames.load(self.index_dir / PARTIES_FILE)
            use_names(self._names)
        return self._names

    def canonical_owner(self, name: str) -> str | None:
        """Fold an owner name typed in a query ("UHCW") to its canonical form, without spaCy."""
        return self.party_names().canonical(name)

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
        d = new_decision(action, a, b, note, self._place(a), self._place(b))
        self.decisions.append(d)
        self._tracer = None
        return d

    def _place(self, c: Commitment) -> dict:
        """Where a record stands in its document (kb.trace.decisions.place), for a decision about it."""
        from kb.trace.decisions import place

        ids = [r.id for r in self.store.commitments(c.doc_id, include_evidence=True)]
        at = ids.index(c.id) if c.id in ids else -1
        prev_id = ids[at - 1] if at > 0 else None
        next_id = ids[at + 1] if 0 <= at < len(ids) - 1 else None
        return place(c, prev_id, next_id)

    def children(self, cid: str) -> list[Commitment]:
        return self.store.children(cid)


@dataclass
class _Storing:
    """Progress of the steps that follow the parse (`IngestProgress` stage "storing"): a long file's
    vectors, threads and index take minutes, and a log or a terminal should show which is running."""

    progress: Callable[[IngestProgress], None] | None
    path: str
    files: int

    def reporter(self, step: str, unit: str = "records") -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            if self.progress is not None:
                self.progress(IngestProgress(path=self.path, file_no=0, files=self.files, stage="storing",
                                             step=step, done=done, total=total, unit=unit))
        return report


def reports_fingerprint() -> str:
    """What the stored clause reports were read with (kb.trace.reports), without importing spaCy."""
    from kb.trace.reports import fingerprint

    return fingerprint()


@functools.lru_cache(maxsize=1)
def threads_fingerprint() -> str:
    """What the stored links and threads were built with: the code and fitted weights of kb/trace
    (and the thesaurus that folds their terms, and the reader of the renamings that join names), so
    that a kb whose linking or status rules changed builds its threads again at the next ingest,
    without reading the clause reports again."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for f in [*sorted((root / "trace").glob("*.py")), root / "trace" / "weights.json", root / "index" / "thesaurus.py",
              root / "extract" / "renamings.py"]:
        if f.is_file():
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _stored_vectors(writer, ids: list[str]):
    """The records' semantic vectors for linking, or None when the model is not installed."""
    from kb.semantic import SemanticUnavailable, vectors_for

    try:
        return vectors_for(writer, ids)
    except SemanticUnavailable:
        return None


def _gazetteers(folders: Iterable[Path], report: IngestReport) -> dict:
    """The gazetteer of each folder (its gazetteer.toml, or none); a bad file is reported and the
    folder's documents are read without it."""
    from kb.extract.gazetteer import EMPTY, GAZETTEER_NAME, GazetteerError, load_gazetteer

    out = {}
    for folder in folders:
        try:
            out[folder] = load_gazetteer(folder / GAZETTEER_NAME)
        except GazetteerError as exc:
            report.failed.append((str(folder / GAZETTEER_NAME), str(exc)))
            out[folder] = EMPTY
    return out


def describes_folder(path: Path) -> bool:
    """A folder's catalog.toml, gazetteer.toml and README are about the documents, not documents:
    not reported as skipped when a folder is ingested."""
    return path.name in (CATALOG_NAME, "gazetteer.toml") or path.stem.upper() == "README"


def readable_types(suffixes: Iterable[str]) -> str:
    """The file types kb reads, for a message: ".pdf, .text, .txt"."""
    return ", ".join(sorted(suffixes))


def _expand(paths: Iterable[Path | str], suffixes: set[str], report: IngestReport) -> tuple[list[Path], dict]:
    """Files to ingest (folders walked, sorted) and the catalog of each folder involved."""
    from kb.sources.metadata import load_catalog

    files: list[Path] = []
    catalogs: dict[Path, dict] = {}
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            files.extend(f for f in found if f.suffix.lower() in suffixes)
            report.unsupported.extend(str(f) for f in found if f.suffix.lower() not in suffixes
                                      and not describes_folder(f))
        elif p.is_file():
            if p.suffix.lower() not in suffixes:
                report.failed.append((str(p), f"unsupported file type '{p.suffix or '(none)'}' "
                                              f"(kb reads {readable_types(suffixes)})"))
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


__all__ = ["KnowledgeBase", "IngestProgress", "IngestReport", "StoreError", "default_index"]


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


def parse_key(file_digest: str, catalog_entry: dict | None, gazetteer_digest: str = "") -> str:
    """What a stored document was parsed from: the file's content hash, then a digest of its catalog
    entry, its folder's gazetteer and the parser's code, so that a changed title in catalog.toml, a
    changed gazetteer.toml or an upgraded kb re-parses a file whose bytes did not change."""
    entry = json.dumps(catalog_entry or {}, sort_keys=True, default=str) + gazetteer_digest
    return f"{file_digest}:{hashlib.sha256((parser_fingerprint() + entry).encode()).hexdigest()[:16]}"
