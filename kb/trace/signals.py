"""The signals a link decision combines, computed once per collection of records.

Each signal is a number in 0..1 that a person can read as evidence:

* `lexical`: how much of the seed's topic (its few most telling terms, from its text and its
  structure) the passage holds, its own text counting more than its headings;
* `anchor`: whether it holds one of the seed's strongest topic terms (a side word is not enough);
* `tfidf`: cosine of the two passages' tf-idf vectors, each with its structure as context;
* `semantic`: cosine of the two passages' sentence embeddings (kb.semantic, stored at ingest from
  the text with its headings and list intro), so paraphrase and renaming ("agency staff" /
  "premium rate staff") still meet;
* `structure`: how much the two passages' heading paths share (same topic heading, same row);
* `owner`, `target`, `theme`: the same named party, the same percentage figure, the same theme;
* `same_doc`, `background`: a sibling in the seed's own document; an evidence passage whose clause
  reports nothing done, ongoing or unmet (statistics, context);
* `chain`: how strongly the passage follows an earlier link of the thread (a 2019 passage that
  restates the 2016 restatement of a 2013 seed), see kb.trace.tracer;
* `section`: how strongly a passage near it under the same heading links to the seed (the topic
  lives in the structure: a milestone row under a linked programme), see kb.trace.tracer.

kb.trace.calibration turns them into one probability with weights fitted on annotated threads.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from kb.extract.acronyms import LongFormNamer, document_definitions, spell_out
from kb.extract.renamings import NameSpeller, collection_renamings
from kb.model import Commitment, DocumentMeta
from kb.trace.context import Structure, structure_of
from kb.trace.features import SPECIFIC_THEMES_EXCLUDED, Vectoriser, area_terms, cosine_normed, norm
from kb.trace.features import terms as index_terms

FEATURES = ("lexical", "anchor", "tfidf", "semantic", "structure", "owner", "target", "theme",
            "same_doc", "background", "tfidf_rel", "semantic_rel", "doc_rel", "chain", "section", "feedback")
# Signals relative to the seed's own candidates (its strongest = 1): a seed written in few, common
# words has low similarities throughout, and one threshold must still serve it.
RELATIVE = {"tfidf_rel": "tfidf", "semantic_rel": "semantic"}
# The least a seed's strongest neighbours count as: a seed with no real neighbour (one shared rare
# word, nothing close in meaning) must not make its weak candidates look like its best.
RELATIVE_FLOOR = {"tfidf": 0.25, "semantic": 0.5}
TOPIC_TERMS = 5
ANCHOR = 0.75  # a topic term this strong (of the seed's strongest) anchors the thread
TOPIC_FLOOR = 0.45  # a topic term weighs at least this share of the seed's strongest term
# A term in the headings or title above more than this share of a document's passages is the
# document's frame (its title, its programme: "Sustainability and Transformation Plan" over every
# page of an STP), not the topic of any one passage: it counts only where a passage's own text says it.
FRAME_SHARE = 0.5
FRAME_MIN = 20  # passages: in a shorter document every heading is over most of it


def _normalised(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return m / n


@dataclass
class Topic:
    """A seed's topic: its telling terms weighted 0..1 (from text and structure)."""

    terms: dict[str, float]


class Signals:
    """Vectors, structures and embeddings of every record of one collection (built once)."""

    def __init__(self, records: list[Commitment], metas: dict[str, DocumentMeta],
                 vectors: np.ndarray | None = None, reports: dict[str, str] | None = None,
                 acronyms: dict[str, dict[str, str]] | None = None,
                 renamings: list[tuple[str, str]] | None = None):
        """`vectors`: the records' semantic vectors in `records` order (kb.semantic.vectors_for),
        or None to decide on words and structure alone; `reports`: what each record reports
        (kb.trace.reports), for the `background` signal; `acronyms`: the acronyms each document
        defines (kb.extract.acronyms.document_definitions), spelt out in its passages' words;
        `renamings`: the (old, new) names any document of the collection states
        (kb.extract.renamings), the older written beside the newer wherever a passage writes it."""
        self.records = records
        self.acronyms = {d: kept for d, defined in (acronyms or {}).items() if (kept := spelt_apart(defined))}
        self.long_forms = LongFormNamer(named_apart(acronyms or {}))
        self.names = NameSpeller(renamings or [])
        self._spelt: dict[tuple[str, str], str] = {}
        self.reports = reports or {}
        self.metas = metas
        self.by_id = {c.id: c for c in records}
        self.row = {c.id: n for n, c in enumerate(records)}
        self.structure: dict[str, Structure] = {
            c.id: structure_of(c, metas.get(c.doc_id), self.by_id.get(c.parent_id) if c.parent_id else None)
            for c in records}
        self.vectoriser = Vectoriser([self.words(c) for c in records], area_terms(m.organisation for m in metas.values()))
        self.frame = _frame_terms(records, self.structure, self.vectoriser)
        self._own: dict[str, dict[str, float]] = {}
        self._ctx: dict[str, dict[str, float]] = {}
        self._head: dict[str, dict[str, float]] = {}
        self._ctx_norm: dict[str, float] = {}  # each context vector's length, for the cosines of every pair
        self._head_norm: dict[str, float] = {}
        self._last_seed: tuple | None = None  # `features`: the last seed's and topic's parts
        self.ctx_emb = _normalised(np.asarray(vectors, dtype=np.float32)) if vectors is not None and len(
            vectors) == len(records) and len(records) else None
        self._topic_emb: np.ndarray | None = None

    @property
    def topic_emb(self) -> np.ndarray | None:
        """The vectors without the collection's common component (kb.semantic.Common), to find the
        passages nearest in topic; the signals, and the closeness thresholds that read them, keep
        `ctx_emb`."""
        if self._topic_emb is None and self.ctx_emb is not None:
            from kb.semantic import Common

            common = Common.of(self.ctx_emb)
            self._topic_emb = common.remove(self.ctx_emb) if common is not None else self.ctx_emb
        return self._topic_emb

    def topic_to(self, cid: str) -> np.ndarray:
        """Closeness in topic (`topic_emb`) of every record to `cid` (zeros without vectors)."""
        if self.topic_emb is None or cid not in self.row:
            return np.zeros(len(self.records), dtype=np.float32)
        return self.topic_emb @ self.topic_emb[self.row[cid]]

    @property
    def has_semantic(self) -> bool:
        return self.ctx_emb is not None

    def semantic_row(self, cid: str) -> np.ndarray | None:
        return self.ctx_emb[self.row[cid]] if self.ctx_emb is not None and cid in self.row else None

    def semantic_to(self, cid: str) -> np.ndarray:
        """Cosine of every record with `cid` (zeros without the semantic vectors)."""
        if self.ctx_emb is None or cid not in self.row:
            return np.zeros(len(self.records), dtype=np.float32)
        return self.ctx_emb @ self.ctx_emb[self.row[cid]]

    # --- lexical ------------------------------------------------------------------------------------
    def words(self, c: Commitment, text: str | None = None) -> str:
        """A passage's text (or `text`, a part of its structure) with the acronyms its document
        defines spelt out: "E&T: a review of E&T budgets" shares "training" with the seed that names
        it; and with the older names of a renamed programme the collection states beside the new name
        it writes ("Riverside Connect (Pathway Service)"), so a thread follows it through its renaming."""
        text = c.text if text is None else text
        if not self._rewrites(c):
            return text
        defined = self.acronyms.get(c.doc_id)
        key = (c.doc_id, text)
        if key not in self._spelt:
            spelt = spell_out(text, defined) if defined else text
            spelt = self.long_forms.name(spelt)
            self._spelt[key] = self.names.spell(spelt, _adds_nothing) if self.names else spelt
        return self._spelt[key]

    def _rewrites(self, c: Commitment) -> bool:
        """Whether `words` may change a text of this record's document at all."""
        return bool(self.acronyms.get(c.doc_id) or self.names or self.long_forms)

    def _parts(self, c: Commitment, parts: list[tuple[str, float]]) -> list[tuple[str, float]]:
        return [(self.words(c, p), w) for p, w in parts] if self._rewrites(c) else parts

    def own_vector(self, cid: str) -> dict[str, float]:
        if cid not in self._own:
            self._own[cid] = self.vectoriser.vector(self.words(self.by_id[cid]))
        return self._own[cid]

    def context_vector(self, cid: str) -> dict[str, float]:
        """tf-idf of the text with its structure's parts at their weights."""
        if cid not in self._ctx:
            c = self.by_id[cid]
            vec = self.vectoriser.vector_parts(self.words(c), self._parts(c, self.structure[cid].parts()))
            frame, own = self.frame.get(c.doc_id, frozenset()), self.own_vector(cid)
            self._ctx[cid] = {t: w for t, w in vec.items() if t not in frame or t in own}
        return self._ctx[cid]

    def context_norm(self, cid: str) -> float:
        """The length of `context_vector(cid)` (kb.trace.features.norm), computed once."""
        n = self._ctx_norm.get(cid)
        if n is None:
            n = self._ctx_norm[cid] = norm(self.context_vector(cid))
        return n

    def heading_norm(self, cid: str) -> float:
        n = self._head_norm.get(cid)
        if n is None:
            n = self._head_norm[cid] = norm(self.heading_vector(cid))
        return n

    def _seed_parts(self, seed: Commitment, topic: Topic) -> tuple:
        """What `features` reads of the seed and its topic, the same for every candidate: kept for
        the seed and topic of the last call (a seed's whole pool is scored in a row)."""
        kept = self._last_seed
        if kept is None or kept[0] is not seed or kept[1] is not topic:
            kept = self._last_seed = _seed_parts_of(self, seed, topic)
        return kept

    def warm(self) -> None:
        """Every record's own, context and heading vectors and their lengths, computed now: what
        does not depend on the seed, read before processes are forked to share the work, so that
        each of them does not compute it again for itself."""
        for c in self.records:
            self.context_norm(c.id)
            self.heading_norm(c.id)

    def heading_vector(self, cid: str) -> dict[str, float]:
        """tf-idf of the two nearest headings (a table cell's row label among them) and its row."""
        if cid not in self._head:
            s = self.structure[cid]
            parts = [(h, 1.0) for h in s.headings()[:2]] + ([(s.row, 1.0)] if s.row else [])
            c = self.by_id[cid]
            frame = self.frame.get(c.doc_id, frozenset())
            self._head[cid] = {t: w for t, w in self.vectoriser.vector_parts("", self._parts(c, parts)).items()
                               if t not in frame}
        return self._head[cid]

    def topic(self, cid: str) -> Topic:
        """The seed's telling terms: the strongest of its context vector, each at least a share of the
        strongest.  Concept tokens and compounds count as one term, so no word part anchors a topic."""
        vec = self.context_vector(cid)
        # a term no other passage holds (an abbreviation used once, a misprint) links nothing: it
        # must not set the scale against which the linkable terms are weighed
        own, df = self.own_vector(cid), self.vectoriser.df
        vec = {t: w for t, w in vec.items() if df.get(t, 0) > (t in own)} or vec
        if not vec:
            return Topic({})
        top = max(vec.values())
        ranked = sorted(((t, w / top) for t, w in vec.items()), key=lambda kv: -kv[1])
        return Topic(dict(kv for kv in ranked[:TOPIC_TERMS] if kv[1] >= TOPIC_FLOOR) or dict(ranked[:1]))

    # --- one pair -----------------------------------------------------------------------------------
    def features(self, seed: Commitment, topic: Topic, cand: Commitment, semantic: float = 0.0,
                 chain: float = 0.0) -> tuple[dict[str, float], list[str]]:
        """The signals for (seed, candidate), and the shared terms most telling first."""
        own = self.own_vector(cand.id)
        ctx = self.context_vector(cand.id)
        mine = self._seed_parts(seed, topic)
        total, anchors, seed_ctx, seed_ctx_norm, seed_head, seed_head_norm, seed_figs, owners, themes = mine[2:]
        held = {t: w * (1.0 if t in own else 0.6) for t, w in topic.terms.items() if t in ctx}
        tfidf, shared = cosine_normed(seed_ctx, seed_ctx_norm, ctx, self.context_norm(cand.id))
        structure, _ = cosine_normed(seed_head, seed_head_norm, self.heading_vector(cand.id),
                                     self.heading_norm(cand.id), terms=False)
        f = {
            "lexical": sum(held.values()) / total,
            "anchor": float(any(t in held for t in anchors)),
            "tfidf": tfidf,
            "semantic": max(semantic, 0.0),
            "structure": structure,
            "owner": float(bool(owners & set(cand.owners))),
            "target": float(bool(seed_figs & {t.value for t in cand.targets if t.unit == "percent"})),
            "theme": float(bool((themes & set(cand.themes)) - SPECIFIC_THEMES_EXCLUDED)),
            "same_doc": float(cand.doc_id == seed.doc_id),
            "background": float(cand.kind == "evidence" and self.reports.get(cand.id, "statement") == "statement"),
            "chain": chain,
        }
        terms = list(dict.fromkeys([*held, *shared]))[:6]
        return f, terms


def _seed_parts_of(sig: Signals, seed: Commitment, topic: Topic) -> tuple:
    return (seed, topic, sum(topic.terms.values()) or 1.0, [t for t, w in topic.terms.items() if w >= ANCHOR],
            sig.context_vector(seed.id), sig.context_norm(seed.id), sig.heading_vector(seed.id),
            sig.heading_norm(seed.id), {t.value for t in seed.targets if t.unit == "percent"}, set(seed.owners),
            set(seed.themes))


def document_acronyms(store, doc_ids) -> dict[str, dict[str, str]]:
    """The acronyms each document defines (`store`: anything with `iter_block_texts(doc_id)`, the
    store or its writer), for Signals."""
    return {d: defined for d in doc_ids if (defined := document_definitions(store.iter_block_texts(d)))}


def document_renamings(store, doc_ids) -> list[tuple[str, str]]:
    """The renamings any document states (`store`: anything with `iter_block_texts(doc_id)`), for
    Signals: learnt from one document, they hold for the whole collection (a later plan names only
    the new name)."""
    return collection_renamings(text for d in doc_ids for text in store.iter_block_texts(d))


def _adds_nothing(text: str, name: str) -> bool:
    """Whether a programme's other name gives no term the passage lacks (its concept already read
    from another phrasing, "STP" for its long form): written beside it, it would count twice."""
    return set(index_terms(name)) <= set(index_terms(text))


def spelt_apart(defined: dict[str, str]) -> dict[str, str]:
    """The acronyms worth spelling out: those whose long form gives a term the letters do not.  The
    thesaurus already reads some acronyms as the concept their long form names ("U&EC" and "Urgent &
    Emergency Care" are one term): spelt out beside its letters, such an acronym would count its
    concept twice and make a passage's label outweigh what the passage is about."""
    return {a: long for a, long in defined.items() if not set(index_terms(long)) <= set(index_terms(a))}


def named_apart(acronyms: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """The (acronym, long form) pairs of every document worth naming beside a long form written
    alone: those whose letters give a term the long form does not (the thesaurus reads some long
    forms and their letters as one concept already)."""
    return [(a, long) for defined in acronyms.values() for a, long in defined.items()
            if not set(index_terms(a)) <= set(index_terms(long))]


def _frame_terms(records: list[Commitment], structure: dict[str, Structure],
                 vectoriser: Vectoriser) -> dict[str, frozenset[str]]:
    """Each document's frame: the terms of the headings and title above more than FRAME_SHARE of its
    passages (headings are few, so each distinct heading path is analysed once), and the terms in
    the titles of more than FRAME_SHARE of the collection's documents."""
    count: dict[str, dict[str, int]] = {}
    size: dict[str, int] = {}
    seen: dict[tuple[str, ...], frozenset[str]] = {}
    for c in records:
        s = structure[c.id]
        key = (*s.headings(), s.title)
        if key not in seen:
            seen[key] = frozenset(t for part in key for t in vectoriser.terms(part))
        size[c.doc_id] = size.get(c.doc_id, 0) + 1
        doc = count.setdefault(c.doc_id, {})
        for t in seen[key]:
            doc[t] = doc.get(t, 0) + 1
    frames = {d: frozenset(t for t, k in terms.items() if k > FRAME_SHARE * size[d])
              for d, terms in count.items() if size[d] >= FRAME_MIN}
    # the collection's frame: a term in the titles of most of its documents (the place or programme
    # every paper is titled after, "Westmarch Health Plan 2020-23" and "... 2023-26"), however short
    # each document is
    titles: dict[str, frozenset[str]] = {}
    for c in records:
        if c.doc_id not in titles:
            titles[c.doc_id] = frozenset(vectoriser.terms(structure[c.id].title))
    if len(titles) >= 2:
        spread = Counter(t for terms in titles.values() for t in terms)
        shared = frozenset(t for t, k in spread.items() if k > FRAME_SHARE * len(titles))
        if shared:
            frames = {d: frames.get(d, frozenset()) | shared for d in titles}
    return frames


def add_relative(signals: list[dict[str, float]], top: int = 5) -> None:
    """Set each RELATIVE signal: the absolute one over the mean of the pool's `top` strongest."""
    for rel, base in RELATIVE.items():
        got = [s.get(base, 0.0) for s in signals]
        values = heapq.nlargest(top, got)  # = sorted(got, reverse=True)[:top]
        scale = max(sum(values) / len(values) if values else 0.0, RELATIVE_FLOOR[base])
        for s, v in zip(signals, got, strict=True):
            s[rel] = (1.5 if (r := v / scale) > 1.5 else r) if scale > 0 else 0.0  # = min(v / scale, 1.5)


# The least a document's closest candidate counts as (the sum of two relative signals, about 2 for the
# seed's strongest candidates): a document with nothing near the seed must not make its nearest look
# like the seed's form there.
DOC_REL_FLOOR = 1.0


def add_document_relative(signals: list[tuple[str, dict[str, float]]]) -> None:
    """Set `doc_rel` on each (document, signals) pair: its relative closeness to the seed
    (`tfidf_rel` + `semantic_rel`) over that of its document's closest candidate.  A later plan
    speaks of a commitment in its own words, often in few passages; the one closest to the seed in
    its document is the likeliest to be its form there, however close the other documents' are, as
    long as it is near the seed at all (DOC_REL_FLOOR)."""
    close = [s.get("tfidf_rel", 0.0) + s.get("semantic_rel", 0.0) for _, s in signals]
    top: dict[str, float] = {}
    for (doc, _), v in zip(signals, close, strict=True):
        top[doc] = max(top.get(doc, DOC_REL_FLOOR), v)
    for (doc, s), v in zip(signals, close, strict=True):
        s["doc_rel"] = v / top[doc]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 30.0), -30.0)))
