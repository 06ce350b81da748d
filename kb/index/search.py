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
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from whoosh import index as windex
from whoosh import query as Q

from kb.index.build import current_index_dir
from kb.index.query import ParsedQuery, QueryError, QueryParser, field_query
from kb.index.schema import OPEN_END, OPEN_START, PACK_SEP
from kb.index.thesaurus import Thesaurus

FACET_FIELDS = {"doc": "doc_id", "year": "year", "owner": "owners_packed", "theme": "themes_packed",
                "kind": "kind", "status": "status"}
HL_START, HL_END = "\x02", "\x03"


class SearchUnavailable(Exception):
    """No search index yet (nothing ingested)."""


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

    def __init__(self, index_dir: Path | str, canonical_owner=None):
        self.index_dir = Path(index_dir)
        self.canonical_owner = canonical_owner
        self._dir: Path | None = None
        self._ix = None
        self._searcher = None
        self._parser: QueryParser | None = None
        self._filter_cache: dict[str, Q.Query] = {}
        self._open()

    def _open(self) -> None:
        target = current_index_dir(self.index_dir)
        if target is None:
            raise SearchUnavailable(f"no search index in {self.index_dir}: run 'kb ingest' first")
        if target == self._dir and self._searcher is not None:
            return
        ix = windex.open_dir(str(target))
        acronyms_file = target / "acronyms.json"
        learnt = json.loads(acronyms_file.read_text(encoding="utf-8")) if acronyms_file.is_file() else {}
        if self._searcher is not None:
            self._searcher.close()
        self._dir, self._ix = target, ix
        self._searcher = ix.searcher()
        self._parser = QueryParser(ix.schema, Thesaurus(learnt), self.canonical_owner)
        self._filter_cache.clear()
        self._corrector = None
        self._hl_concepts: set[str] = set()
        self._analyzer = ix.schema["text"].analyzer
        from kb.index.matchset import MatchSets

        self._matches = MatchSets(self._searcher, FACET_FIELDS)

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
        # Ranking, facets and the total over every match, with numpy (kb.index.matchset): a
        # frequent word matches a third of the passages at 20x, too many to score one by one.
        scored = m.scored(parsed.text_query) if parsed.text_query is not None else None
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

            vocab_file = self._dir / "vocabulary.json"
            words_list = json.loads(vocab_file.read_text(encoding="utf-8")) if vocab_file.is_file() else []
            self._corrector = ListCorrector(words_list)
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
