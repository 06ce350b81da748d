"""The signals a link decision combines, computed once per collection of records.

Each signal is a number in 0..1 that a person can read as evidence:

* `lexical`: how much of the seed's topic (its few most telling terms, from its text and its
  structure) the passage holds, its own text counting more than its headings;
* `tfidf`: cosine of the two passages' tf-idf vectors, each with its structure as context;
* `semantic`: cosine of the two passages' sentence embeddings (kb.semantic), each embedding its
  text together with its structure, so paraphrase and renaming ("agency staff" / "premium rate
  staff") still meet;
* `structure`: how much the two passages' heading paths share (same topic heading, same row);
* `owner`, `target`, `theme`: the same named party, the same percentage figure, the same theme;
* `same_doc`, `background`: a sibling in the seed's own document; an evidence passage that reports
  nothing (statistics, context);
* `chain`: how strongly the passage follows an earlier link of the thread (a 2019 passage that
  restates the 2016 restatement of a 2013 seed), see kb.trace.tracer.

kb.trace.calibration turns them into one probability with weights fitted on annotated threads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kb.model import Commitment, DocumentMeta
from kb.trace.context import Structure, structure_of
from kb.trace.features import PROGRESS_WORDS, SPECIFIC_THEMES_EXCLUDED, Vectoriser, cosine

FEATURES = ("lexical", "tfidf", "semantic", "semantic_text", "structure", "owner", "target", "theme",
            "same_doc", "background", "tfidf_rel", "semantic_rel", "chain")
# Signals relative to the seed's own candidates (its strongest = 1): a seed written in few, common
# words has low similarities throughout, and one threshold must still serve it.
RELATIVE = {"tfidf_rel": "tfidf", "semantic_rel": "semantic"}
TEXT_WEIGHT = 1.0
CONTEXT_MIX = 0.6  # the structure's share of a passage's semantic context embedding
TOPIC_TERMS = 5
TOPIC_FLOOR = 0.45  # a topic term weighs at least this share of the seed's strongest term


def _embed(texts: list[str]) -> np.ndarray | None:
    """Sentence embeddings (n x d, L2-normalised), or None when the semantic model is unavailable."""
    try:
        from kb.semantic import embed
    except ImportError:
        return None
    return np.asarray(embed(texts), dtype=np.float32) if texts else None


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

    def __init__(self, records: list[Commitment], metas: dict[str, DocumentMeta], semantic: bool = True):
        self.records = records
        self.metas = metas
        self.by_id = {c.id: c for c in records}
        self.row = {c.id: n for n, c in enumerate(records)}
        self.structure: dict[str, Structure] = {
            c.id: structure_of(c, metas.get(c.doc_id), self.by_id.get(c.parent_id) if c.parent_id else None)
            for c in records}
        self.vectoriser = Vectoriser([c.text for c in records])
        self._own: dict[str, dict[str, float]] = {}
        self._ctx: dict[str, dict[str, float]] = {}
        self._head: dict[str, dict[str, float]] = {}
        self.text_emb: np.ndarray | None = None
        self.ctx_emb: np.ndarray | None = None
        if semantic and records:
            self._build_embeddings()

    # --- semantic -----------------------------------------------------------------------------------
    def _build_embeddings(self) -> None:
        texts = [c.text for c in self.records]
        parts = {t for s in self.structure.values() for t, _ in s.parts()}
        part_list = sorted(parts)
        emb = _embed(texts + part_list)
        if emb is None:
            return
        text_emb = emb[:len(texts)]
        part_emb = {t: emb[len(texts) + n] for n, t in enumerate(part_list)}
        ctx = np.zeros_like(text_emb)
        for n, c in enumerate(self.records):
            for t, w in self.structure[c.id].parts():
                ctx[n] += w * part_emb[t]
        ctx = _normalised(ctx)
        self.text_emb = text_emb
        self.ctx_emb = _normalised(TEXT_WEIGHT * text_emb + CONTEXT_MIX * ctx)

    @property
    def has_semantic(self) -> bool:
        return self.ctx_emb is not None

    def semantic_row(self, cid: str) -> np.ndarray | None:
        return self.ctx_emb[self.row[cid]] if self.ctx_emb is not None and cid in self.row else None

    def semantic_to(self, cid: str, text_only: bool = False) -> np.ndarray:
        """Cosine of every record with `cid` (zeros without the semantic model)."""
        m = self.text_emb if text_only else self.ctx_emb
        if m is None or cid not in self.row:
            return np.zeros(len(self.records), dtype=np.float32)
        return m @ m[self.row[cid]]

    # --- lexical ------------------------------------------------------------------------------------
    def own_vector(self, cid: str) -> dict[str, float]:
        if cid not in self._own:
            self._own[cid] = self.vectoriser.vector(self.by_id[cid].text)
        return self._own[cid]

    def context_vector(self, cid: str) -> dict[str, float]:
        """tf-idf of the text with its structure's parts at their weights."""
        if cid not in self._ctx:
            c = self.by_id[cid]
            self._ctx[cid] = self.vectoriser.vector_parts(c.text, self.structure[cid].parts())
        return self._ctx[cid]

    def heading_vector(self, cid: str) -> dict[str, float]:
        """tf-idf of the two nearest headings (a table cell's row label among them) and its row."""
        if cid not in self._head:
            s = self.structure[cid]
            parts = [(h, 1.0) for h in s.headings()[:2]] + ([(s.row, 1.0)] if s.row else [])
            self._head[cid] = self.vectoriser.vector_parts("", parts)
        return self._head[cid]

    def topic(self, cid: str) -> Topic:
        """The seed's telling terms: the strongest of its context vector, each at least a share of the
        strongest.  Concept tokens and compounds count as one term, so no word part anchors a topic."""
        vec = self.context_vector(cid)
        if not vec:
            return Topic({})
        top = max(vec.values())
        ranked = sorted(((t, w / top) for t, w in vec.items()), key=lambda kv: -kv[1])
        return Topic(dict(kv for kv in ranked[:TOPIC_TERMS] if kv[1] >= TOPIC_FLOOR) or dict(ranked[:1]))

    # --- one pair -----------------------------------------------------------------------------------
    def features(self, seed: Commitment, topic: Topic, cand: Commitment, semantic: float = 0.0,
                 semantic_text: float = 0.0, chain: float = 0.0) -> tuple[dict[str, float], list[str]]:
        """The signals for (seed, candidate), and the shared terms most telling first."""
        own = self.own_vector(cand.id)
        ctx = self.context_vector(cand.id)
        total = sum(topic.terms.values()) or 1.0
        held = {t: w * (1.0 if t in own else 0.6) for t, w in topic.terms.items() if t in ctx}
        tfidf, shared = cosine(self.context_vector(seed.id), ctx)
        structure, _ = cosine(self.heading_vector(seed.id), self.heading_vector(cand.id))
        seed_figs = {t.value for t in seed.targets if t.unit == "percent"}
        f = {
            "lexical": sum(held.values()) / total,
            "tfidf": tfidf,
            "semantic": max(semantic, 0.0),
            "semantic_text": max(semantic_text, 0.0),
            "structure": structure,
            "owner": float(bool(set(seed.owners) & set(cand.owners))),
            "target": float(bool(seed_figs & {t.value for t in cand.targets if t.unit == "percent"})),
            "theme": float(bool((set(seed.themes) & set(cand.themes)) - SPECIFIC_THEMES_EXCLUDED)),
            "same_doc": float(cand.doc_id == seed.doc_id),
            "background": float(cand.kind == "evidence" and not PROGRESS_WORDS.search(cand.text)),
            "chain": chain,
        }
        terms = list(dict.fromkeys([*held, *shared]))[:6]
        return f, terms


def add_relative(signals: list[dict[str, float]], top: int = 5) -> None:
    """Set each RELATIVE signal: the absolute one over the mean of the pool's `top` strongest."""
    for rel, base in RELATIVE.items():
        values = sorted((s.get(base, 0.0) for s in signals), reverse=True)[:top]
        scale = sum(values) / len(values) if values else 0.0
        for s in signals:
            s[rel] = min(s.get(base, 0.0) / scale, 1.5) if scale > 0 else 0.0


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 30.0), -30.0)))
