"""Every document a query matches, facet counts over them, and BM25F scores, with numpy.

Facets and totals need every match, and at 20x the bundled corpus so does ranking: a frequent word
("care") matches a third of the passages, and Whoosh's collector scored each one in Python (about
80 ms a keystroke).  Here each term's posting list (document numbers and weights) is read once into
numpy arrays (cached), AND / OR / NOT become array intersections, unions and differences, and BM25F
is evaluated over a whole posting list at once with the same formula, parameters, idf and
quantised field lengths as Whoosh's `BM25F`, so the ranking is Whoosh's, only vectorised.  Phrases,
which need positions, are scored by Whoosh's own matcher.
Facet values are numpy code arrays per document, so a count is one `bincount`.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from whoosh import query as Q
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.util.numeric import byte_to_length

PACK_SEP = "\x1f"
_EMPTY = np.zeros(0, dtype=np.int32)
_NO_SCORES = np.zeros(0, dtype=np.float64)
_UNDATED = 2**63


class MatchSets:
    def __init__(self, searcher, facet_fields: dict[str, str], cache_terms: int = 4096):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.n = self.reader.doc_count_all()
        self._postings: OrderedDict[tuple[str, bytes | str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cache_terms = cache_terms
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._deleted = self._deleted_docs()
        self._facet_fields = facet_fields
        self._facets: dict[str, _FacetColumn] | None = None  # read on first use: opening stays fast
        self._date_key: np.ndarray | None = None
        self._lengths: dict[str, np.ndarray] = {}

    @property
    def facets(self) -> dict[str, _FacetColumn]:
        if self._facets is None:
            self._facets = {name: _FacetColumn(self.reader, field, self.n) for name, field in self._facet_fields.items()}
        return self._facets

    def date_keys(self, docnums: np.ndarray) -> np.ndarray:
        """Each document's date as a sortable number (the column's raw value; the smallest when the
        document has no date), for date order and tie-breaks."""
        if self._date_key is None:
            dates = self.reader.column_reader("doc_date", translate=False)
            raw = (dates[d] for d in range(self.n))  # a missing date reads as the unsigned maximum
            self._date_key = np.fromiter((v if v < _UNDATED else -1 for v in raw), dtype=np.int64, count=self.n)
        return self._date_key[docnums]

    def by_date(self, docnums: np.ndarray, oldest: bool = False) -> np.ndarray:
        """Docnums ordered by document date, newest first (oldest first with `oldest`), stable."""
        keys = self.date_keys(docnums)
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
        return self._posting(field, text)[0]

    def _posting(self, field: str, text) -> tuple[np.ndarray, np.ndarray]:
        """A term's docnums (sorted) and weights, read block by block and cached."""
        key = (field, text)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        try:
            hit = _read_posting(self.reader.postings(field, text))
        except Exception:  # noqa: BLE001 - a term missing from the lexicon matches nothing
            hit = (_EMPTY, _NO_SCORES)
        self._postings[key] = hit
        if len(self._postings) > self._cache_terms:
            self._postings.popitem(last=False)
        return hit

    # --- ranking -------------------------------------------------------------------------------------
    def scored(self, q: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        """Sorted docnums matching q and their scores (deleted documents left out).

        Words, AND, OR and NOT: BM25F over whole posting arrays.  Wildcards and fuzzy words: the
        union of the words they expand to, each document scoring the query's boost (Whoosh's
        constant score: a pattern says "any of these", not which is rarer).  Anything else
        (phrases): Whoosh's own matcher and scores, document by document."""
        weighting = self.searcher.weighting
        out = self._scored(q, weighting) if type(weighting) is scoring.BM25F else self._matcher_scores(q)
        if not len(self._deleted):
            return out
        keep = ~np.isin(out[0], self._deleted, assume_unique=True)
        return out[0][keep], out[1][keep]

    def _scored(self, q: Q.Query, weighting) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(q, Q.Term):
            ids, scores = self._term_scores(q.fieldname, q.text, weighting)
            return ids, scores * q.boost if q.boost != 1 else scores
        if isinstance(q, Q.MultiTerm) and q.constantscore:
            words = [w for w in q._btexts(self.reader) if w]
            ids = np.unique(np.concatenate([self._term(q.field(), w) for w in words])) if words else _EMPTY
            return ids, np.full(len(ids), float(q.boost))
        if isinstance(q, Q.AndNot):
            a = self._scored(q.a, weighting)
            keep = ~np.isin(a[0], self._docs(q.b), assume_unique=True)
            return a[0][keep], a[1][keep]
        if not isinstance(q, Q.Or | Q.And) or (isinstance(q, Q.Or) and (q.minmatch or q.scale)):
            return self._matcher_scores(q)
        parts = [self._scored(sub, weighting) for sub in q.subqueries]
        if not parts:
            return _EMPTY, _NO_SCORES
        if isinstance(q, Q.Or):  # a document's score is the sum over the words it contains
            ids, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
            scores = np.bincount(inverse, weights=np.concatenate([p[1] for p in parts]), minlength=len(ids))
        else:  # every word present: the sum over all of them
            ids, scores = parts[0]
            for other_ids, other_scores in parts[1:]:
                ids, left, right = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
                scores = scores[left] + other_scores[right]
        return ids, scores * q.boost if q.boost != 1 else scores

    def _matcher_scores(self, q: Q.Query) -> tuple[np.ndarray, np.ndarray]:
        """Every match of q with Whoosh's score, walking its matcher (phrases: few matches); a
        matcher yields documents in ascending order."""
        ids: list[int] = []
        scores: list[float] = []
        m = q.matcher(self.searcher, self.searcher.context())
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        return np.array(ids, dtype=np.int32), np.array(scores, dtype=np.float64)

    def _term_scores(self, field: str, text, weighting) -> tuple[np.ndarray, np.ndarray]:
        ids, weights = self._posting(field, text)
        if not len(ids) or not self.searcher.schema[field].scorable:
            return ids, weights  # Whoosh's WeightScorer: the weight is the score
        idf = self.searcher.idf(field, text)
        avgfl = self.searcher.avg_field_length(field) or 1
        b = weighting._field_B.get(field, weighting.B)
        k1 = weighting.K1
        lengths = self._field_lengths(field)[ids]
        return ids, idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))

    def _field_lengths(self, field: str) -> np.ndarray:
        """Every document's (quantised) length of a field, as Whoosh's scorer reads it."""
        lengths = self._lengths.get(field)
        if lengths is None:
            lengths = _length_column(self.reader, field, self.n)
            if lengths is None:  # not a single Whoosh 3 segment: ask document by document
                fl = self.reader.doc_field_length
                lengths = np.fromiter((fl(d, field, 1) or 1 for d in range(self.n)), dtype=np.float64, count=self.n)
            self._lengths[field] = lengths
        return lengths

    def top(self, ids: np.ndarray, scores: np.ndarray, limit: int,
            tiebreak: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The best `limit` (docnum, score) pairs, highest score first; equal scores by ascending
        `tiebreak`, then the lower docnum (Whoosh's collector's order)."""
        if limit <= 0:
            return []
        if len(ids) > limit:
            cut = np.argpartition(-scores, limit - 1)[:limit]
            cut = np.nonzero(scores >= scores[cut].min())[0]  # every tie at the boundary, then order
            ids, scores = ids[cut], scores[cut]
            tiebreak = tiebreak[cut] if tiebreak is not None else None
        keys = (ids, -scores) if tiebreak is None else (ids, tiebreak, -scores)
        order = np.lexsort(keys)[:limit]
        return [(int(ids[i]), float(scores[i])) for i in order]

    # --- facets --------------------------------------------------------------------------------------
    def facet_counts(self, docnums: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        mask = np.zeros(self.n, dtype=bool)  # one boolean mask per search, shared by every facet
        mask[docnums] = True
        return {name: col.counts(mask) for name, col in self.facets.items()}


def _length_column(reader, field: str, n: int) -> np.ndarray | None:
    """A field's lengths for every document, read whole: Whoosh 3 keeps one byte per document (a
    quantised length) in a fixed-width column, which takes 0.1 s to read a call per document at 20x
    and a millisecond as one slice.  Decoded as `doc_field_length(d, field, 1) or 1` would."""
    try:
        col = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        raw = np.frombuffer(bytes(col._dbfile.get(col._basepos, col._count)), dtype=np.uint8)
    except Exception:  # noqa: BLE001 - another codec or a multi-segment reader
        return None
    table = np.array([byte_to_length(b) or 1 for b in range(256)], dtype=np.float64)
    out = np.ones(n, dtype=np.float64)
    out[:len(raw)] = table[raw[:n]]
    return out


def _read_posting(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Docnums and weights of a posting list: whole blocks at a time from Whoosh 3 segments (the
    per-posting matcher API costs a Python call per document), else posting by posting."""
    ids: list[int] = []
    weights: list[float] = []
    if type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32).astype(np.float64)


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
