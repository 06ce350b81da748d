"""Search the Whoosh index: ranked hits with highlights for the rows shown, facets, suggestions.

Designed for search-as-you-type at 20x the bundled corpus:
- one searcher is kept open and refreshed only when an ingest has swapped in a new index;
- ranking (BM25F), totals and facet counts are numpy operations over cached posting arrays and
  columns (kb.index.matchset), so a word that matches a third of the index costs no more per
  keystroke than a rare one; stored fields are read only for the rows returned;
- highlights are computed only for the hits actually returned (`limit`), not for every match;
- filter queries are cached by their text.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from whoosh import index as windex
from whoosh import query as Q

from kb.index.build import QUERY_TOKENIZER, VECTORS, VECTORS_INFO, current_index_dir
from kb.index.query import ParsedQuery, QueryError, QueryParser, field_query
from kb.index.schema import OPEN_END, OPEN_START, PACK_SEP
from kb.index.thesaurus import Thesaurus, concept_key

if TYPE_CHECKING:
    from kb.semantic import Common

FACET_FIELDS = {"doc": "doc_id", "year": "year", "owner": "owners_packed", "theme": "themes_packed",
                "kind": "kind", "status": "status"}
HL_START, HL_END = "\x02", "\x03"
# The hybrid ranking (SearchIndex._hybrid), from `bench/relevance.py --tune` (trace topics, the
# project's own threads, hand-written queries; recall@20 + nDCG@10 averaged over the three sets):
# - what BM25 is measured against: 1.0 = a passage holding every query word once, so a match on one
#   side word of "dying at home" stays a weak match (the best match instead: 0.6245 against 0.6188
#   at weight 0.4, but a paraphrase could never outrank a side-word match);
# - the share of meaning: 0.4, the best on the sets (0.6155; BM25 alone 0.606) of the weights at
#   which a paraphrase outranks a side-word match (0.35 and up, tests/test_semantic.py); 0.2 scores
#   0.6202 but lets any one shared word outrank meaning;
# - the records nearest in meaning that join a plain query's matches, from what cosine on: they
#   cost the sets 0.003 and find passages that share no word with the query.
SEMANTIC_WEIGHT = 0.4
SEMANTIC_NEIGHBOURS = 20
SEMANTIC_FLOOR = 0.4
# The same floor for vectors without the collection's common component (kb.semantic.Common, how an
# index stores them): 0.14 there leaves as large a share of the bundled corpus's pairs above it as 0.4
# does on the raw vectors (8.9%).
TOPIC_FLOOR = 0.14
LEXICAL_REFERENCE = 1.0
EVIDENCE_BOOST = 0.4  # as the index's document boost for evidence passages (kb.index.schema)
# Quotes, wildcards, fuzzy terms, AND / OR and groups ask for exact words: ranked by BM25 alone.
_OPERATORS = re.compile(r'["*?~()]|\b(?:AND|OR|NOT)\b')


def _plain(text: str) -> bool:
    """A query of plain words (top-level exclusions already lifted out), which meaning may widen."""
    return bool(text) and not _OPERATORS.search(text)


class SearchUnavailable(Exception):
    """No search index yet (nothing ingested), or a file of it that cannot be read."""


def _learnt_file(path: Path, default, valid):
    """What the index build wrote beside the index in `path` (JSON: the acronyms and renamings the
    documents taught, the vocabulary for suggestions), or `default` when it wrote none.  A damaged
    file stops the search with a one-line error naming it, never a traceback."""
    if not path.is_file():
        return default
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SearchUnavailable(f"{path} cannot be read ({exc.__class__.__name__}): "
                                "run 'kb ingest --rebuild' to write the index again") from None
    if not valid(value):
        raise SearchUnavailable(f"{path} does not hold what the index build writes: "
                                "run 'kb ingest --rebuild' to write the index again")
    return value


def _str_map(v) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())


def _str_pairs(v) -> bool:
    return isinstance(v, list) and all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
                                       for p in v)


def _str_list(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


@dataclass
class Hit:
    id: str
    doc_id: str
    kind: str
    text: str
    section: str
    owners: list[str]
    themes: list[str]
    year: int | None
    score: float
    highlight: str  # text with matched words between HL_START and HL_END
    line: int | None
    page: int | None
    due_start: str | None
    due_end: str | None


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    elapsed_ms: float = 0.0


class _Ranked:
    """A ranked document (numpy BM25F, or date order for filter-only searches) whose stored fields
    are read only if it is shown."""

    def __init__(self, searcher, docnum: int, score: float = 0.0):
        self._searcher, self.docnum, self.score = searcher, docnum, score

    def fields(self) -> dict:
        return self._searcher.stored_fields(self.docnum)


class SearchIndex:
    """A long-lived searcher over the current index of an index folder."""

    def __init__(self, index_dir: Path | str, canonical_owner=None, at: Path | None = None):
        """`at`: an index folder to open instead of the one the folder points to (an index just
        built for a store copy not yet swapped in, kb.api's statuses step)."""
        self.index_dir = Path(index_dir)
        self._at = at
        self.canonical_owner = canonical_owner
        self.semantic_weight = SEMANTIC_WEIGHT
        self.semantic_neighbours = SEMANTIC_NEIGHBOURS
        self.semantic_floor = SEMANTIC_FLOOR
        self.topic_floor = TOPIC_FLOOR
        self.lexical_reference = LEXICAL_REFERENCE
        self._embedder = None
        self._dir: Path | None = None
        self._ix = None
        self._searcher = None
        self._parser: QueryParser | None = None
        self._filter_cache: dict[str, Q.Query] = {}
        # The app searches in threads (a cancelled search keeps running beside the next one): what
        # is read on first use is read under this lock, so no search sees it half-loaded.
        self._lazy = threading.RLock()
        self._open()

    def _open(self) -> None:
        target = self._at or current_index_dir(self.index_dir)
        if target is None:
            raise SearchUnavailable(f"no search index in {self.index_dir}: run 'kb ingest' first")
        if target == self._dir and self._searcher is not None:
            return
        ix = windex.open_dir(str(target))
        learnt = _learnt_file(target / "acronyms.json", {}, _str_map)
        renamed = [tuple(p) for p in _learnt_file(target / "renamings.json", [], _str_pairs)]
        if self._searcher is not None:
            self._searcher.close()
        self._dir, self._ix = target, ix
        self._searcher = ix.searcher()
        self._parser = QueryParser(ix.schema, Thesaurus(learnt, renamed), self.canonical_owner)
        self._filter_cache.clear()
        self._corrector = None
        self._hl_concepts: set[str] = set()
        self._analyzer = ix.schema["text"].analyzer
        from kb.index.matchset import MatchSets

        self._matches = MatchSets(self._searcher, FACET_FIELDS)
        self._vectors: np.ndarray | bool | None = None  # semantic vectors, read on first use
        self._common: Common | None = None  # the collection's common component, out of the vectors
        self._kind_weight: np.ndarray | None = None

    def refresh(self) -> None:
        """Pick up a newly swapped-in index (cheap when nothing changed)."""
        self._open()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def concept(self, phrase: str) -> str | None:
        """The concept id this index gives a thesaurus phrasing (learnt acronyms included)."""
        return self._parser.thesaurus.concept(phrase)

    def parse(self, text: str) -> ParsedQuery:
        return self._parser.parse(text)

    def option_filters(self, **options) -> list[Q.Query]:
        """CLI/app filter options (doc, year, owner, theme, kind, status, due_before, due_after,
        min_confidence) as queries."""
        out: list[Q.Query] = []
        for name in ("doc", "year", "owner", "theme", "kind", "status"):
            values = options.get(name) or []
            if isinstance(values, str | int):
                values = [values]
            qs = [self._cached(name, str(v)) for v in values]
            if qs:
                out.append(qs[0] if len(qs) == 1 else Q.Or(qs))
        if options.get("due_before"):
            out.append(self._cached("due", "<" + options["due_before"]))
        if options.get("due_after"):
            out.append(self._cached("due", ">" + options["due_after"]))
        if options.get("min_confidence") is not None:
            out.append(self._cached("confidence", f">={options['min_confidence']}"))
        return out

    def _cached(self, name: str, value: str) -> Q.Query:
        key = f"{name}:{value}"
        if key not in self._filter_cache:
            self._filter_cache[key] = field_query(name, value, self.canonical_owner)
        return self._filter_cache[key]

    def search(self, text: str, limit: int | None = 20, oldest: bool = False, facets: bool = True,
               highlights: bool = True, include_evidence: bool = True, offset: int = 0,
               **options) -> SearchResult:
        """Hits `offset` to `offset + limit` (every hit with limit None) of the ranking: best first,
        equal scores newest document first (oldest with `oldest`); without free text, newest first.
        Also the total and facet counts over every match."""
        t0 = time.perf_counter()
        parsed = self.parse(text)
        parsed.filters.extend(self.option_filters(**options))
        if not include_evidence and not _names_a_kind(parsed.filters):  # kind:evidence asks for them
            parsed.exclusions.append(Q.Term("kind", "evidence"))
        s, m = self._searcher, self._matches
        if m.n == 0:  # a store whose documents hold no passage: an empty index has no columns to read
            return SearchResult(text, [], 0, {}, None, (time.perf_counter() - t0) * 1000)
        # Ranking, facets and the total over every match, with numpy (kb.index.matchset): a
        # frequent word matches a third of the passages at 20x, too many to score one by one.
        scored = m.scored(parsed.text_query) if parsed.text_query is not None else None
        if scored is not None and self.semantic_weight > 0 and _plain(parsed.text):
            scored = self._hybrid(self._meaning_text(parsed), parsed.text_query, *scored)
        matched = self._match_set(parsed, scored[0] if scored is not None else None)
        end = len(matched) if limit is None else offset + limit
        if scored is None:  # filters only: newest (or oldest) documents first
            results = [_Ranked(s, int(d)) for d in m.by_date(matched, oldest)[offset:end]]
        else:
            ids, scores = scored
            if len(matched) < len(ids):
                keep = np.isin(ids, matched, assume_unique=True)
                ids, scores = ids[keep], scores[keep]
            tiebreak = m.date_keys(ids) if oldest else -m.date_keys(ids)
            results = [_Ranked(s, d, score) for d, score in m.top(ids, scores, end, tiebreak)[offset:]]
        total = len(matched)
        terms = self._highlight_terms(parsed) if highlights and parsed.text_query is not None else None
        self._hl_concepts = parsed.concepts
        hits = [self._hit(h, terms) for h in results]
        facet_counts = m.facet_counts(matched) if facets else {}
        suggestion = self._suggest(parsed) if total == 0 and parsed.text else None
        return SearchResult(text, hits, total, facet_counts, suggestion, (time.perf_counter() - t0) * 1000)

    # --- meaning-aware ranking ---------------------------------------------------------------------
    def _hybrid(self, text: str, query: Q.Query, ids: np.ndarray, bm25: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """BM25 and meaning in one score: each match's BM25 as a share of what a passage holding every
        word of the query once would score (`_ideal_score`; or of the best match, if higher), so a
        match on one side word of a three-word query stays a weak match however few passages match
        better; and the cosine of its semantic vector with the query's, scaled from the index's
        median (0) to its best (1).  They are mixed by `semantic_weight`; the records nearest in
        meaning join the matches (`semantic_neighbours`,
        cosine at least `semantic_floor`), so "dying at home" finds end-of-life passages that share
        no word with it.  A query that matches no word at all gets no neighbours (a typo gets its
        "did you mean" instead).  Evidence passages count for less, as in BM25 (schema's boost)."""
        sims = self._similarities(text)
        if sims is None or not len(ids):
            return ids, bm25
        ideal = self._ideal_score(query)
        if self.semantic_neighbours:
            k = min(self.semantic_neighbours, len(sims))
            near = np.argpartition(-sims, k - 1)[:k]
            floor = self.topic_floor if self._common is not None else self.semantic_floor
            near = near[sims[near] >= floor].astype(np.int32)
            if len(self._matches._deleted):
                near = np.setdiff1d(near, self._matches._deleted)
            every = np.union1d(ids, near).astype(np.int32)
            if len(every) > len(ids):
                lexical = np.zeros(len(every), dtype=np.float64)
                lexical[np.searchsorted(every, ids)] = bm25
                ids, bm25 = every, lexical
        reference = max(float(bm25.max()), self.lexical_reference * ideal)
        lexical = np.minimum(bm25 / reference, 1.0) if reference > 0 else np.zeros(len(ids))
        # Cosines of unrelated passages are not near 0 (every plan shares a register), so meaning
        # counts from the index's median similarity to this query (0) up to its best (1).
        typical = float(np.partition(sims, len(sims) // 2)[len(sims) // 2])
        spread = max(float(sims.max()) - typical, 1e-6)
        meaning = np.clip((sims[ids] - typical) / spread, 0.0, 1.0) * self._kind_weight[ids]
        w = self.semantic_weight
        return ids, (1 - w) * lexical + w * meaning

    def _meaning_text(self, parsed: ParsedQuery) -> str:
        """What the query means, to embed: its words, and for each thesaurus concept it names by an
        acronym the concept's phrasings in words ("A&E" -> "accident and emergency", "emergency
        department"), since an acronym means little to a model of general English."""
        if not parsed.concepts:
            return parsed.text
        said = f" {parsed.text.lower()} "
        words: list[str] = []
        for group in dict.fromkeys(self._parser.thesaurus.groups.values()):
            if concept_key(group) not in parsed.concepts:
                continue
            phrasings = [p for p in group if " " in p.strip() and "&" not in p]
            if not any(f" {p} " in said for p in phrasings):  # typed as an acronym: spell it out
                words.extend(phrasings)
        return " ".join([parsed.text, *dict.fromkeys(words)])

    def _ideal_score(self, q: Q.Query) -> float:
        """The BM25 of a passage of average length holding each word of the query once: each word
        term scores its idf times its boost there (a word no passage holds: the idf of the rarest
        possible word).  Concept terms are alternatives to their words, so they add nothing."""
        if isinstance(q, Q.Term):
            if q.fieldname == "concepts" or not self._searcher.schema[q.fieldname].scorable:
                return 0.0
            return float(self._searcher.idf(q.fieldname, q.text)) * q.boost
        if isinstance(q, Q.AndNot):
            return self._ideal_score(q.a)
        if isinstance(q, Q.Or | Q.And):
            return sum(self._ideal_score(sub) for sub in q.subqueries) * q.boost
        return 0.0

    def _similarities(self, text: str) -> np.ndarray | None:
        """Cosine of every document's semantic vector with the query's (None: no vectors stored)."""
        vectors = self._load_vectors()
        if vectors is None:
            return None
        from kb.semantic import load_query_embedder

        with self._lazy:
            if self._embedder is None:
                self._embedder = load_query_embedder(self.index_dir / QUERY_TOKENIZER)
        q = self._embedder(text)
        if not q.any():
            return None
        if self._common is not None:  # the stored vectors are without it (kb.index.build)
            q = self._common.remove(q)
        return vectors @ q

    @property
    def ranks_by_topic(self) -> bool:
        """Whether the index's vectors are stored without the collection's common component
        (kb.semantic.Common), so `topic_floor` picks the neighbours; False for raw vectors or none."""
        self._load_vectors()
        return self._common is not None

    def _load_vectors(self) -> np.ndarray | None:
        """The index's semantic vectors (float32, docnum order), read on first use; None when the
        index has none (built by an older kb) or they do not line up with its documents.  Under the
        lock: a search arriving while another loads them waits, instead of ranking without them."""
        with self._lazy:
            return self._load_vectors_locked()

    def _load_vectors_locked(self) -> np.ndarray | None:
        if self._vectors is None:
            self._vectors = False
            try:
                info = json.loads((self._dir / VECTORS_INFO).read_text(encoding="utf-8"))
                matrix = np.load(self._dir / VECTORS)
            except (OSError, ValueError):
                return None
            n = self._matches.n
            if info.get("n") != n or matrix.shape[0] != n or info.get("missing"):
                return None
            if n and (self._searcher.stored_fields(0)["id"] != info["first"]
                      or self._searcher.stored_fields(n - 1)["id"] != info["last"]):
                return None
            self._vectors = matrix.astype(np.float32)
            from kb.semantic import Common

            self._common = Common.from_json(info["common"]) if info.get("common") else None
            evidence = self._matches.cached("kind:evidence", Q.Term("kind", "evidence"))
            self._kind_weight = np.ones(n, dtype=np.float64)
            self._kind_weight[evidence] = EVIDENCE_BOOST
        return self._vectors if self._vectors is not False else None

    def _highlight_terms(self, parsed: ParsedQuery) -> set[str]:
        """The indexed forms of the words a query matches in `text` (wildcards and fuzzy terms expanded)."""
        reader = self._searcher.reader()
        try:
            found = set(parsed.text_query.all_terms()) | set(parsed.text_query.existing_terms(reader, expand=True))
        except Exception:  # noqa: BLE001 - highlighting is a nicety
            found = set()
        out = {t.decode("utf-8") if isinstance(t, bytes) else t for f, t in found if f in ("text", "section")}
        return out

    def _highlight(self, text: str, terms: set[str]) -> str:
        spans = [(tok.startchar, tok.endchar) for tok in self._analyzer(text, chars=True, mode="index",
                                                                           removestops=False) if tok.text in terms]
        if self._hl_concepts:  # a concept matched by id: mark the phrasing the passage uses
            spans += self._parser.thesaurus.concept_spans(text, self._hl_concepts)
        if not spans:
            return text
        out, last = [], 0
        for start, end in sorted(spans):
            if start < last:
                continue
            out.append(text[last:start])
            out.append(f"{HL_START}{text[start:end]}{HL_END}")
            last = end
        out.append(text[last:])
        return "".join(out)

    def _hit(self, h, terms: set[str] | None) -> Hit:
        f = h.fields()
        due_start, due_end = f.get("due_start"), f.get("due_end")
        return Hit(
            id=f["id"], doc_id=f["doc_id"], kind=f["kind"], text=f["text"], section=f.get("section", ""),
            owners=[o for o in (f.get("owners_packed") or "").split(PACK_SEP) if o],
            themes=[t for t in (f.get("themes_packed") or "").split(PACK_SEP) if t],
            year=f.get("year"), score=round(float(h.score) if isinstance(h.score, int | float) else 0.0, 4),
            highlight=self._highlight(f["text"], terms) if terms is not None else f["text"],
            line=f.get("line"), page=f.get("page"),
            due_start=_iso(due_start, OPEN_START), due_end=_iso(due_end, OPEN_END),
        )

    def _match_set(self, parsed: ParsedQuery, text_matches: np.ndarray | None) -> np.ndarray:
        """Docnums matching the parsed query: those of its free text (every document when it has
        none) within its filters and outside its exclusions.

        Filters and exclusions are computed once per distinct clause (cached by its text), since
        they repeat across keystrokes.
        """
        m = self._matches
        base = text_matches if text_matches is not None else np.arange(m.n, dtype=np.int32)
        for f in parsed.filters:
            base = np.intersect1d(base, m.cached(repr(f), f), assume_unique=True)
        for x in parsed.exclusions:
            base = np.setdiff1d(base, m.cached(repr(x), x), assume_unique=True)
        return base

    def _suggest(self, parsed: ParsedQuery) -> str | None:
        if self._corrector is None:
            from whoosh.spelling import ListCorrector

            self._corrector = ListCorrector(_learnt_file(self._dir / "vocabulary.json", [], _str_list))
        corrector = self._corrector
        words = parsed.text.split()
        changed = False
        out = []
        for w in words:
            if w.isupper() and w in ("AND", "OR", "NOT"):
                out.append(w)
                continue
            plain = w.strip('"()').lower()
            if len(plain) < 3 or not plain.isalpha():
                out.append(w)
                continue
            suggestions = corrector.suggest(plain, limit=1, maxdist=2)
            if suggestions and suggestions[0] != plain:
                out.append(suggestions[0])
                changed = True
            else:
                out.append(w)
        return " ".join(out) if changed else None


def _iso(value, sentinel: datetime) -> str | None:
    if not isinstance(value, datetime) or value == sentinel:
        return None
    return value.date().isoformat()


__all__ = ["SearchIndex", "SearchResult", "Hit", "QueryError", "SearchUnavailable", "HL_START", "HL_END"]


def _names_a_kind(filters: list[Q.Query]) -> bool:
    """Whether a filter (`--kind`, `kind:`) picks kinds itself, evidence passages left out otherwise."""
    return any(field == "kind" for q in filters for field, _ in q.all_terms())
