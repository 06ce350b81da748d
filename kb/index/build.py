"""Build the search index from the store, atomically, and match it to the store it was built from.

A new index is written into a fresh folder `search-<generation>-<time>` beside the old ones, where
`<generation>` is the store generation it was built from (kb.store.sqlite); `built_from.json` is
written last, so a folder without it is half-written.  The index that belongs to a store is the
newest complete folder of the store's generation: an ingest builds it from the new store before
that store is swapped in, so the one `os.replace` of the store makes store and index new together,
and an ingest killed at any point leaves both old or both new.

The `SEARCH` pointer file names the newest index too; it is read only for a store older than
generations (or whose index folder was deleted), and such an index is reported as out of step so
that the next ingest rebuilds it.  Older folders are removed once two newer ones exist.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from kb.faults import pause_point
from kb.store.sqlite import DB_NAME, Store

POINTER = "SEARCH"
PREFIX = "search-"
BUILT = "built_from.json"
PROGRESS_EVERY = 5000  # records indexed between two progress reports

_generation_cache: dict[Path, tuple[tuple[int, int, int], str | None]] = {}


def store_generation(index_dir: Path) -> str | None:
    """The generation of the store in `index_dir` (cached by the file's identity: cheap per keystroke)."""
    path = Path(index_dir) / DB_NAME
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    key = (st.st_ino, st.st_mtime_ns, st.st_size)
    cached = _generation_cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    generation = Store(Path(index_dir)).generation()
    _generation_cache[path] = (key, generation)
    return generation


def is_complete(folder: Path) -> bool:
    return (folder / BUILT).is_file()


def _finished(folder: Path) -> bool:
    """Complete, or a finished index of a kb older than generations (vocabulary.json written last)."""
    return is_complete(folder) or (folder / "vocabulary.json").is_file()


def index_for(index_dir: Path, generation: str) -> Path | None:
    """The newest complete index folder built from this store generation."""
    found = sorted(p for p in Path(index_dir).glob(f"{PREFIX}{generation}-*") if p.is_dir() and is_complete(p))
    return found[-1] if found else None


def index_state(index_dir: Path) -> tuple[Path | None, bool]:
    """The index searches should open, and whether it was built from the current store."""
    generation = store_generation(index_dir)
    if generation is not None:
        match = index_for(index_dir, generation)
        if match is not None:
            return match, True
    return _pointed(index_dir), False


def current_index_dir(index_dir: Path) -> Path | None:
    return index_state(index_dir)[0]


def _pointed(index_dir: Path) -> Path | None:
    try:
        name = (Path(index_dir) / POINTER).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    path = Path(index_dir) / name
    return path if name and path.is_dir() else None


def build_index(store: Store, acronyms: dict[str, str] | None = None, generation: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                renamings: list[tuple[str, str]] | None = None) -> Path:
    """Write a complete new search index for everything in `store` (which may be a private copy not
    yet swapped in), named after its generation.  Returns the folder; `point_to` names it.
    `progress(done, total)` hears of the records indexed, a few thousand at a time.  `acronyms` and
    `renamings` (learnt from the documents) join the thesaurus and are stored beside the index."""
    from whoosh import index as windex

    from kb.index.schema import make_schema, to_document
    from kb.index.thesaurus import Thesaurus

    index_dir = store.index_dir
    generation = generation or store.generation() or "0"
    name = f"{PREFIX}{generation}-{time.time_ns():020d}"
    target = index_dir / name
    target.mkdir(parents=True)
    try:
        ix = windex.create_in(str(target), make_schema())
        metas = {d.meta.id: d.meta for d in store.documents()}
        thesaurus = Thesaurus(acronyms, renamings)
        writer = _writer(ix)
        vocabulary: set[str] = set()
        order: list[str] = []  # record ids in document-number order (one writer, one segment)
        total = store.count_commitments() if progress is not None else 0
        try:
            for c in store.iter_commitments(include_evidence=True):
                if progress is not None and len(order) % PROGRESS_EVERY == 0:
                    progress(len(order), total)
                concepts = thesaurus.concepts_in(f"{c.text} {c.section}")
                writer.add_document(**to_document(c, metas.get(c.doc_id), concepts))
                vocabulary.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", c.text))
                order.append(c.id)
            if progress is not None:
                progress(len(order), total)
            pause_point("index")
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        _write_vectors(store, order, target)
        # Words for "did you mean": a sorted list read by whoosh's ListCorrector (a spelling graph on the
        # stemmed text field would break fuzzy queries, and a second text field doubles the build time).
        (target / "vocabulary.json").write_text(json.dumps(sorted(vocabulary)), encoding="utf-8")
        if acronyms is not None:
            (target / "acronyms.json").write_text(json.dumps(acronyms, sort_keys=True), encoding="utf-8")
        if renamings:
            (target / "renamings.json").write_text(json.dumps([list(p) for p in renamings]), encoding="utf-8")
        (target / BUILT).write_text(json.dumps({"store_generation": generation}), encoding="utf-8")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def _writer(ix):
    """Whoosh's writer for one new segment (its pool: `limitmb=128`, whose RSS is a few times
    this), which at commit asks its field lengths through `_FieldLengths`."""
    from whoosh.writing import SegmentWriter

    class Writer(SegmentWriter):
        def per_document_reader(self):
            return _FieldLengths(super().per_document_reader())

    return Writer(ix, limitmb=128)


class _FieldLengths:
    """The new segment's field lengths as Whoosh's commit reads them, one posting at a time
    (`FieldWriter.add_postings`).  Whoosh's own reader asks the file system whether a field has a
    lengths column at every posting of a field that has none (the ID, keyword and numeric fields):
    some 30 `stat` calls a record, a third of the commit.  Here that answer is asked once per field;
    the lengths themselves are Whoosh's, so the index is the same."""

    def __init__(self, reader):
        self._reader = reader
        self._has: dict[str, bool] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        has = self._has.get(fieldname)
        if has is None:
            has = self._has[fieldname] = self._reader.has_column(f"_{fieldname}_len")  # whoosh3's _lenfield
        return self._reader.doc_field_length(docnum, fieldname, default) if has else default

    def close(self) -> None:
        self._reader.close()


VECTORS = "vectors.npy"
VECTOR_CHUNK = 5000  # stored vectors read at once into the index's matrix
VECTORS_INFO = "vectors.json"
QUERY_TOKENIZER = "query-tokenizer.npz"


def _write_vectors(store: Store, order: list[str], target: Path) -> None:
    """The records' semantic vectors (kb.semantic) in document-number order, for the hybrid
    ranking: float16, n x 256, with the first and last ids so a search can check the alignment.
    Also the query tokenizer in its compact form, once per index folder's parent (see
    kb.semantic.QueryEmbedder): a fresh `kb search` loads it in milliseconds."""
    import numpy as np

    from kb.semantic import COMMON_SAMPLE, DIM, Common, fingerprint, query_tokenizer_key

    def chunks():  # (rows of a chunk of `order`, how many of them have a vector), a chunk at a time
        for start in range(0, len(order), VECTOR_CHUNK):
            chunk = order[start:start + VECTOR_CHUNK]
            blobs = store.vector_blobs(chunk)
            rows = np.zeros((len(chunk), DIM), dtype=np.float32)
            for i, cid in enumerate(chunk):
                b = blobs.get(cid)
                if b:
                    rows[i] = np.frombuffer(b, dtype=np.float16)
            yield rows, len(blobs)

    # The collection's common component (kb.semantic.Common), from its mean and an even sample, so a
    # search ranks by closeness in topic; the vectors are stored without it.
    step = max(1, len(order) // COMMON_SAMPLE)
    total, count, sample = np.zeros(DIM, dtype=np.float64), 0, []
    for n, (rows, _) in enumerate(chunks()):
        held = rows[rows.any(axis=1)]
        total += held.sum(axis=0)
        count += len(held)
        sample.append(rows[(-n * VECTOR_CHUNK) % step::step])
    common = Common.of(np.concatenate(sample), total / count) if count else None
    found = 0
    with (target / VECTORS).open("wb") as fh:  # .npy written a chunk at a time: never held whole
        np.lib.format.write_array_header_1_0(fh, {"descr": np.lib.format.dtype_to_descr(np.dtype(np.float16)),
                                                  "fortran_order": False, "shape": (len(order), DIM)})
        for rows, have in chunks():
            found += have
            fh.write((common.remove(rows) if common is not None else rows).astype(np.float16).tobytes())
    info = {"n": len(order), "first": order[0] if order else None, "last": order[-1] if order else None,
            "missing": len(order) - found, "semantic": fingerprint(),
            "common": common.to_json() if common is not None else None}
    (target / VECTORS_INFO).write_text(json.dumps(info), encoding="utf-8")
    cached = target.parent / QUERY_TOKENIZER
    key = query_tokenizer_key()
    if not cached.is_file() or _saved_key(cached) != key:
        from kb.semantic import QueryEmbedder

        tmp = target.parent / f".{QUERY_TOKENIZER}.{os.getpid()}.tmp"
        QueryEmbedder.from_model().save(tmp)
        os.replace(tmp, cached)


def _saved_key(path: Path) -> str | None:
    from kb.semantic import saved_tokenizer_key

    return saved_tokenizer_key(path)


def point_to(index_dir: Path, target: Path) -> None:
    """Name `target` in the SEARCH pointer (for a store without generations, and for people)."""
    tmp = Path(index_dir) / f".{POINTER}.tmp"
    tmp.write_text(target.name, encoding="utf-8")
    os.replace(tmp, Path(index_dir) / POINTER)


def prune(index_dir: Path, keep: set[str]) -> None:
    """Drop half-written index folders and old ones, keeping `keep` and the newest two complete
    folders, so a search that just opened one can finish.  Call with the store lock held: an
    ingest builds its index only while holding it, so a half-written folder found then is stale."""
    index_dir = Path(index_dir)
    with contextlib.suppress(FileNotFoundError):
        (index_dir / f".{POINTER}.tmp").unlink()
    folders = [p for p in index_dir.glob(f"{PREFIX}*") if p.is_dir()]
    finished = sorted((p for p in folders if _finished(p)), key=lambda p: p.stat().st_mtime)
    for p in folders:
        if p.name not in keep and (not _finished(p) or p in finished[:-2]):
            shutil.rmtree(p, ignore_errors=True)
