"""Document ids: unique, stable, and predictable from the file's path.

A document's id is its file name without the extension (`2019_cw-hcp_five-year-plan_2019-24`).
When several files share that stem (a `.txt` and a `.pdf` of one plan, or `north/plan.txt` and
`south/plan.txt`), each new one is named by the shortest of these that tells it apart from the
others: its file name (`plan.pdf`, `plan.txt`), then its folder and stem (`south/plan`), then its
folder and file name (`south/plan.txt`), then one more folder each time (`2019/south/plan`).

A document already in the store keeps its id whatever arrives later, so commitment ids (derived
from the document id) and the auditors' decisions about them stay valid.  A file is the stored
document when it has the stored path, or the same folder name and file name (the same corpus
copied or opened from elsewhere), or the same stem when the stored document's file is gone (the
file moved).  Every file named other than by its stem is reported, with the files it shares the
stem with, so that a user knows which id to give `--doc`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Clash:
    """A file named other than by its stem: its path, its id, and the other files of that stem."""

    path: str
    doc_id: str
    others: tuple[str, ...]

    def message(self) -> str:
        stem = Path(self.path).stem
        return (f"{self.path} is stored as document '{self.doc_id}': its name '{stem}' is shared with "
                f"{', '.join(self.others)}")


def candidate_names(path: Path) -> list[str]:
    """The names a file can take, shortest first: stem, file name, folder/stem, folder/file name, ..."""
    folders = [p for p in reversed(path.resolve().parent.parts) if p not in ("/", "\\") and not p.endswith(":\\")]
    names = [path.stem, path.name]
    for depth in range(1, len(folders) + 1):
        prefix = "/".join(reversed(folders[:depth]))
        names += [f"{prefix}/{path.stem}", f"{prefix}/{path.name}"]
    return names


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


def _claim(files: list[Path], stored: dict[str, str]) -> dict[Path, str]:
    """Files of this ingest that are documents already stored (see the module docstring), by the
    surest rule first: the same path, then the same folder name and file name, then a stem whose
    stored file is gone."""
    ids: dict[Path, str] = {}
    free = dict(stored)
    rules = (
        lambda p: str(p.resolve()),
        lambda p: (p.resolve().parent.name, p.name),
        lambda p: p.stem,
    )
    for n, key in enumerate(rules):
        index: dict[object, str] = {}
        for doc_id, stored_path in free.items():
            p = Path(stored_path)
            if n == 2 and (doc_id != p.stem or p.exists()):
                continue
            index.setdefault(key(p), doc_id)
        for f in files:
            if f in ids:
                continue
            doc_id = index.get(key(f))
            if doc_id is not None and doc_id in free:
                ids[f] = doc_id
                del free[doc_id]
    return ids


def assign_ids(files: list[Path], stored: dict[str, str]) -> tuple[dict[Path, str], list[Clash]]:
    """The id of each file to ingest, given the store's documents (`id -> path` they were read from),
    and the files named other than by their stem (new ones only: a stored name was reported when
    it was given)."""
    ids = _claim(files, stored)
    claimed = set(ids.values())
    # Who shares a stem: this ingest's files, and stored documents whose files still exist elsewhere.
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        by_stem.setdefault(f.stem, []).append(f)
    for doc_id, stored_path in stored.items():
        p = Path(stored_path)
        if doc_id not in claimed and p.exists():
            by_stem.setdefault(p.stem, []).append(p)
    taken = set(stored) | set(ids.values())
    clashes: list[Clash] = []
    for f in files:
        if f in ids:
            continue
        others = [g for g in by_stem[f.stem] if g is not f and not _same_file(g, f)]
        theirs = [set(candidate_names(g)) for g in others]
        names = candidate_names(f)
        doc_id = next((n for i, n in enumerate(names) if (i > 0 or not others)
                       and n not in taken and not any(n in t for t in theirs)), None)
        if doc_id is None:  # every folder up to the root alike: cannot happen for two distinct files
            doc_id = f"{names[-1]}-{len(taken)}"
        ids[f] = doc_id
        taken.add(doc_id)
        if doc_id != f.stem:
            clashes.append(Clash(str(f), doc_id, tuple(str(g) for g in others)))
    return ids, clashes
