"""kb.trace.nearest: nearest passages in meaning, exact for a small collection, by cells for a large one."""

from __future__ import annotations

import numpy as np
import pytest

from kb.trace.nearest import NearestIndex


def _unit(m: np.ndarray) -> np.ndarray:
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


def _topics(n: int, topics: int = 40, dim: int = 64, noise: float = 0.6, seed: int = 1) -> np.ndarray:
    """Passages around `topics` themes, as sentence vectors of a plan collection fall."""
    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((topics, dim)))
    return _unit(centres[rng.integers(0, topics, n)] + noise / np.sqrt(dim) * rng.standard_normal((n, dim)))


def _brute(vectors: np.ndarray, q: np.ndarray, k: int, keep: np.ndarray | None = None) -> list[int]:
    sims = vectors @ q
    if keep is not None:
        sims = np.where(keep, sims, -np.inf)
    return [int(i) for i in np.argsort(-sims, kind="stable")[:k] if np.isfinite(sims[i])]


def test_a_small_collection_is_searched_exactly():
    vectors = _topics(500)
    index = NearestIndex(vectors)
    assert index.exact
    keep = np.arange(500) % 3 == 0
    for q in vectors[:20]:
        got = index.nearest(q, 10, keep)
        assert [r for r, _ in got] == _brute(vectors, q, 10, keep)
        assert all(keep[r] for r, _ in got)
        sims = [s for _, s in got]
        assert sims == sorted(sims, reverse=True)


@pytest.mark.parametrize("probe, least", [(12, 0.95), (1, 0.0)])
def test_a_large_collection_finds_nearly_every_close_neighbour(probe, least):
    """Many themes, loosely held: the passages close to a query (cosine 0.6 or more) are nearly all
    found in the cells read, and reading one cell alone would miss many (what PROBE is for)."""
    vectors = _topics(6000, topics=300, noise=1.0)
    index = NearestIndex(vectors, exact_up_to=1000, cell=150, probe=probe)
    assert not index.exact
    found = total = 0
    for q in vectors[::30]:
        close = set(np.flatnonzero(vectors @ q >= 0.6).tolist())
        found += len(close & {r for r, _ in index.nearest(q, len(close))})
        total += len(close)
    assert total > 300
    assert found / total >= least and (probe > 1 or found / total < 0.8)


@pytest.mark.parametrize("n", [4000, 16000])
def test_an_ask_compares_about_the_same_number_of_passages_at_any_size(n):
    """The point of the cells: linking a collection four times larger costs about four times the
    work, not sixteen, because each ask reads a few cells of about the same size."""
    vectors = _topics(n)
    index = NearestIndex(vectors, exact_up_to=1000, cell=200, probe=6)
    compared = np.mean([len(index.candidates(q)) for q in vectors[:50]])
    assert compared < 6 * 200 * 2.5  # a few cells' worth, not a share of the collection
    assert compared < n / 2


def test_the_cells_are_the_same_for_the_same_vectors():
    vectors = _topics(3000)
    a, b = NearestIndex(vectors, exact_up_to=100), NearestIndex(vectors, exact_up_to=100)
    assert [len(x) for x in a.lists] == [len(x) for x in b.lists]
    assert sum(len(x) for x in a.lists) == 3000  # every passage is in one cell
    q = vectors[7]
    assert a.nearest(q, 5) == b.nearest(q, 5)


def test_asking_for_more_than_there_is_gives_what_there_is():
    vectors = _topics(50)
    index = NearestIndex(vectors)
    assert len(index.nearest(vectors[0], 500)) == 50
    assert index.nearest(vectors[0], 5, np.zeros(50, dtype=bool)) == []
    assert index.nearest(vectors[0], 0) == []
