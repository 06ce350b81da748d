"""Every document a query matches, and facet counts over them, with numpy instead of scoring.

Ranking needs only the top N (Whoosh's pruned collector does that quickly); facets need every
match.  Scoring every match to count facets was the slowest part of a search at 20x, so the
match set is computed separately: each term's posting list is read once into a sorted numpy array
(cached), and AND / OR / NOT become array intersections, unions and differences.  Query shapes
without a cheap posting list (phrases, wildcards, ranges) fall back to Whoosh's unscored matcher.
Facet values are numpy code arrays per document, so a count is one `bincount`.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from whoosh import query as Q

PACK_SEP = "\x1f"
_EMPTY = np.zeros(0, dtype=np.int32)


class MatchSets:
    def __init__(self, searcher, facet_fields: dict[str, str], cache_terms: int = 4096):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.n = self.reader.doc_count_all()
        self._postings: OrderedDict[tuple[str, bytes | str], np.ndarray] = OrderedDict()
        self._cache_terms = cache_terms
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._deleted = self._deleted_docs()
        self._facet_fields = facet_fields
        self._facets: dict[str, _FacetColumn] | None = None  # read on first use: opening stays fast
        self._date_key: np.ndarray | None = None

    @property
    def facets(self) -> dict[str, _FacetColumn]:
        if self._facets is None:
            self._facets = {name: _FacetColumn(self.reader, field, self.n) for name, field in self._facet_fields.items()}
        return self._facets

    def by_date(self, docnums: np.ndarray, oldest: bool = False) -> np.ndarray:
        """Docnums ordered by document date, newest first (oldest first with `oldest`), stable."""
        if self._date_key is None:
            dates = self.reader.column_reader("doc_date")
            self._date_key = np.array([_ordinal(dates[d]) for d in range(self.n)], dtype=np.int64)
        keys = self._date_key[docnums]
        order = np.argsort(keys if oldest else -keys, kind="stable")
        return docnums[order]

    def _deleted_docs(self) -> np.ndarray:
        if not self.reader.has_deletions():
            return _EMPTY
        return np.array([n for n in range(self.n) if self.reader.is_deleted(n)], dtype=np.int32)

    # --- match sets ----------------------------------------------------------------------------------
    def docs(self, q: Q.Query) -> np.ndarray:
        """Sorted docnums matching q."""
        out = self._docs(q)
        return np.setdiff1d(out, self._deleted, assume_unique=True) if len(self._deleted) else out

    def cached(self, key: str, q: Q.Query) -> np.ndarray:
        """Match set of a filter query, cached by its text (filters repeat across keystrokes)."""
        hit = self._queries.get(key)
        if hit is None:
            hit = self._queries[key] = self.docs(q)
            if len(self._queries) > 512:
                self._queries.popitem(last=False)
        return hit

    def _docs(self, q: Q.Query) -> np.ndarray:
        if isinstance(q, Q.Term):
            return self._term(q.fieldname, q.text)
        if isinstance(q, Q.Or):
            parts = [self._docs(sub) for sub in q.subqueries]
            return np.unique(np.concatenate(parts)) if parts else _EMPTY
        if isinstance(q, Q.And):
            parts = sorted((self._docs(sub) for sub in q.subqueries), key=len)
            out = parts[0] if parts else _EMPTY
            for p in parts[1:]:
                out = np.intersect1d(out, p, assume_unique=True)
            return out
        if isinstance(q, Q.AndNot):
            return np.setdiff1d(self._docs(q.a), self._docs(q.b), assume_unique=True)
        if isinstance(q, Q.Every):
            return np.arange(self.n, dtype=np.int32)
        if isinstance(q, Q.NullQuery.__class__) or q is Q.NullQuery:
            return _EMPTY
        return np.fromiter(self.searcher.docs_for_query(q), dtype=np.int32)  # phrases, ranges, wildcards

    def _term(self, field: str, text) -> np.ndarray:
        key = (field, text)
        arr = self._postings.get(key)
        if arr is not None:
            self._postings.move_to_end(key)
            return arr
        try:
            arr = np.fromiter(self.reader.postings(field, text).all_ids(), dtype=np.int32)
        except Exception:  # noqa: BLE001 - a term missing from the lexicon matches nothing
            arr = _EMPTY
        self._postings[key] = arr
        if len(self._postings) > self._cache_terms:
            self._postings.popitem(last=False)
        return arr

    # --- facets --------------------------------------------------------------------------------------
    def facet_counts(self, docnums: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        mask = np.zeros(self.n, dtype=bool)  # one boolean mask per search, shared by every facet
        mask[docnums] = True
        return {name: col.counts(mask) for name, col in self.facets.items()}


def _ordinal(value) -> int:
    try:
        return value.toordinal()
    except AttributeError:
        return 0


class _FacetColumn:
    """One facet's values as integer codes per document (multi-valued facets: one row per value)."""

    def __init__(self, reader, field: str, n: int):
        col = reader.column_reader(field)
        labels: dict[str, int] = {}
        docs: list[int] = []
        codes: list[int] = []
        for d in range(n):
            v = col[d]
            if v is None or v == "":
                continue
            for part in (v.split(PACK_SEP) if isinstance(v, str) and PACK_SEP in v else [v]):
                if part == "":
                    continue
                code = labels.setdefault(str(part), len(labels))
                docs.append(d)
                codes.append(code)
        self.labels = [None] * len(labels)
        for label, code in labels.items():
            self.labels[code] = label
        self.docs = np.array(docs, dtype=np.int32)
        self.codes = np.array(codes, dtype=np.int32)

    def counts(self, matched: np.ndarray) -> list[tuple[str, int]]:
        """Counts per value over the documents whose entry in the boolean mask `matched` is set."""
        if not len(self.labels) or not len(self.docs):
            return []
        tally = np.bincount(self.codes[matched[self.docs]], minlength=len(self.labels))
        pairs = [(self.labels[i], int(c)) for i in np.nonzero(tally)[0] for c in (tally[i],)]
        return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))
