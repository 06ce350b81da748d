"""Build the search index from the store, atomically.

A new index is written into a fresh folder beside the old one; then the `SEARCH` pointer file is
replaced (os.replace), so a search running during an ingest opens the old index or the new one,
never half of one.  Older folders are removed once two newer ones exist.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

from kb.store.sqlite import Store

POINTER = "SEARCH"
PREFIX = "search-"


def current_index_dir(index_dir: Path) -> Path | None:
    pointer = Path(index_dir) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = Path(index_dir) / name
    return path if path.is_dir() else None


def build_index(store: Store, acronyms: dict[str, str] | None = None) -> Path:
    """Write a complete new search index for everything in the store and point searches at it."""
    from whoosh import index as windex

    from kb.index.schema import make_schema, to_document

    index_dir = store.index_dir
    name = f"{PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = index_dir / name
    target.mkdir(parents=True)
    ix = windex.create_in(str(target), make_schema())
    metas = {d.meta.id: d.meta for d in store.documents()}
    from kb.index.thesaurus import Thesaurus

    thesaurus = Thesaurus(acronyms)
    writer = ix.writer(limitmb=256)
    vocabulary: set[str] = set()
    try:
        for c in store.commitments(include_evidence=True):
            concepts = thesaurus.concepts_in(f"{c.text} {c.section}")
            writer.add_document(**to_document(c, metas.get(c.doc_id), concepts))
            vocabulary.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", c.text))
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(target, ignore_errors=True)
        raise
    # Words for "did you mean": a sorted list read by whoosh's ListCorrector (a spelling graph on the
    # stemmed text field would break fuzzy queries, and a second text field doubles the build time).
    (target / "vocabulary.json").write_text(json.dumps(sorted(vocabulary)), encoding="utf-8")
    if acronyms is not None:
        (target / "acronyms.json").write_text(json.dumps(acronyms, sort_keys=True), encoding="utf-8")
    tmp = index_dir / f".{POINTER}.tmp"
    tmp.write_text(name, encoding="utf-8")
    os.replace(tmp, index_dir / POINTER)
    _prune(index_dir, keep={name})
    return target


def _prune(index_dir: Path, keep: set[str]) -> None:
    """Drop old index folders, keeping the newest two so a search that just opened one can finish."""
    dirs = sorted((p for p in index_dir.glob(f"{PREFIX}*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for p in dirs[:-2]:
        if p.name not in keep:
            shutil.rmtree(p, ignore_errors=True)
