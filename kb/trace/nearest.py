"""Nearest passages in meaning, for linking a whole collection at ingest.

Every commitment asks for its nearest passages in meaning.  Compared with every passage, each ask
costs time in proportion to the collection, and linking all of them grows with its square (twenty
times the documents, four hundred times the work).  Above a size where that starts to tell
(EXACT_UP_TO), the passages are grouped into cells around centroids (an inverted file: spherical
k-means on a sample, every passage then put in its nearest cell's list), and an ask compares the
query with the centroids, then only with the passages of its PROBE nearest cells.  A cell holds
about CELL passages whatever the collection's size, so an ask reads about the same number of
passages at any size (and CELL times fewer centroids than there are passages).  The vectors are
kept a second time, cell by cell, so that an ask reads each cell as one block (the memory of the
vectors, twice, above EXACT_UP_TO).  Below EXACT_UP_TO every passage is compared: the same answer
as brute force, as cheap.
"""

from __future__ import annotations

import numpy as np

EXACT_UP_TO = 10_000  # passages: up to this many, every ask compares them all
CELL = 256  # passages a cell holds on average
PROBE = 12  # cells read per ask
TRAIN_PER_CELL = 32  # sample passages per centroid for k-means
TRAIN_ROUNDS = 8


class NearestIndex:
    """Cosine neighbours among unit `vectors` (rows), exact for a small collection, by cells for a
    large one (module docstring).  Deterministic for given vectors (`seed`)."""

    def __init__(self, vectors: np.ndarray, exact_up_to: int = EXACT_UP_TO, cell: int = CELL,
                 probe: int = PROBE, seed: int = 0):
        self.vectors = np.asarray(vectors, dtype=np.float32)
        n = len(self.vectors)
        self.exact = n <= exact_up_to
        self.probe = probe
        self.lists: list[np.ndarray] = []  # each cell's rows, views into one ordering
        self.bounds = np.zeros(1, dtype=np.int64)  # where each cell starts in that ordering
        self.packed = self.vectors[:0]  # the vectors in that ordering
        self.centroids = np.zeros((0, self.vectors.shape[1] if self.vectors.ndim == 2 else 0), dtype=np.float32)
        if not self.exact:
            self.centroids = _spherical_kmeans(self.vectors, max(1, n // cell), np.random.default_rng(seed))
            cell_of = _nearest_centroid(self.vectors, self.centroids)
            order = np.argsort(cell_of, kind="stable")
            self.bounds = np.searchsorted(cell_of[order], np.arange(len(self.centroids) + 1))
            self.lists = [order[self.bounds[j]:self.bounds[j + 1]] for j in range(len(self.centroids))]
            # the vectors cell by cell, so that an ask reads each cell as one block, copying nothing
            self.packed = self.vectors[order]

    def _cells(self, query: np.ndarray) -> list[int]:
        near = self.centroids @ query
        return [int(j) for j in np.argpartition(-near, min(self.probe, len(near)) - 1)[:self.probe]]

    def candidates(self, query: np.ndarray) -> np.ndarray:
        """The rows an ask for `query` compares: all of them, or those of its nearest cells."""
        if self.exact:
            return np.arange(len(self.vectors))
        return np.concatenate([self.lists[j] for j in self._cells(query)])

    def ask(self, query: np.ndarray) -> Ask:
        """One ask for `query`: the rows it compared and their cosine with it."""
        if self.exact:
            return Ask(self, query, None, self.vectors @ query)
        cells = self._cells(query)
        sims = np.concatenate([self.packed[self.bounds[j]:self.bounds[j + 1]] @ query for j in cells])
        return Ask(self, query, np.concatenate([self.lists[j] for j in cells]), sims)

    def nearest(self, query: np.ndarray, k: int, keep: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` rows nearest `query` (row, cosine), strongest first, among those `keep` allows."""
        return self.ask(query).top(k, keep)


class Ask:
    """What one ask compared (`rows`: None when every row, in row order) and the cosines."""

    def __init__(self, index: NearestIndex, query: np.ndarray, rows: np.ndarray | None, sims: np.ndarray):
        self.index, self.query, self.rows, self.sims = index, query, rows, sims

    def top(self, k: int, keep: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The `k` rows compared nearest the query (row, cosine), strongest first, among those
        `keep` (a boolean mask over all rows) allows."""
        rows, sims = self.rows, self.sims
        if keep is not None:
            if rows is None:
                sims = np.where(keep, sims, -np.inf)
            else:
                allowed = keep[rows]
                rows, sims = rows[allowed], sims[allowed]
        if len(sims) == 0 or k <= 0:
            return []
        top = np.argpartition(-sims, min(k, len(sims)) - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(int(t if rows is None else rows[t]), float(sims[t])) for t in top if np.isfinite(sims[t])]

    def closeness(self, rows: np.ndarray) -> np.ndarray:
        """The cosine of the query with each of `rows` (read from the ask when it compared them all)."""
        if self.rows is None:
            return self.sims[rows]
        return self.index.vectors[rows] @ self.query


def _nearest_centroid(vectors: np.ndarray, centroids: np.ndarray, batch: int = 4096) -> np.ndarray:
    out = np.empty(len(vectors), dtype=np.int64)
    for start in range(0, len(vectors), batch):
        out[start:start + batch] = np.argmax(vectors[start:start + batch] @ centroids.T, axis=1)
    return out


def _spherical_kmeans(vectors: np.ndarray, cells: int, rng: np.random.Generator) -> np.ndarray:
    """`cells` unit centroids fitted on a sample of the vectors (TRAIN_PER_CELL a cell)."""
    n = len(vectors)
    sample = vectors[rng.choice(n, size=min(n, cells * TRAIN_PER_CELL), replace=False)]
    centroids = sample[rng.choice(len(sample), size=cells, replace=False)].copy()
    for _ in range(TRAIN_ROUNDS):
        assign = _nearest_centroid(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assign, sample)
        empty = ~np.bincount(assign, minlength=cells).astype(bool)
        sums[empty] = centroids[empty]  # a cell nobody chose keeps its place
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        centroids = (sums / norms).astype(np.float32)
    return centroids
