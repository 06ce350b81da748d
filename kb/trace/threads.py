"""Cross-year links and threads, computed at ingest.

For every commitment, candidate passages in later documents come from an inverted index of the
key terms (the same analysed terms the search index holds, with thesaurus concepts folded), so
the work grows with the postings of a commitment's few key terms, not with the square of the
corpus.  Each candidate is scored with the tracer's explainable features; strong pairs become
links with a type and evidence.  A later passage's parent is the earlier commitment that links
to it most strongly, which arranges links into lineages (threads) rooted at the earliest
commitment; a thread's status follows from what its latest passages say.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kb.model import Commitment, DocumentMeta
from kb.trace.features import Vectoriser, similarity
from kb.trace.tracer import HEADING_WEIGHT, LINK_SCORE, TraceItem, _doc_date, link_type, thread_status

MAX_LINKS_PER_SOURCE = 8
MAX_POSTINGS = 400  # a key term in more passages than this is too common to find candidates with


@dataclass
class Link:
    a: str  # earlier commitment
    b: str  # later passage
    type: str
    score: float
    evidence: dict


@dataclass
class Thread:
    id: str
    root: str
    topic: str
    members: list[str]
    docs: list[str]
    first: str | None
    last: str | None
    status: str
    reason: str
    links: list[Link] = field(default_factory=list)


def _key_terms(vec: dict[str, float], n: int = 4) -> list[str]:
    if not vec:
        return []
    top = max(vec.values())
    ranked = sorted(vec.items(), key=lambda kv: -kv[1])
    return [t for t, w in ranked[:n] if w >= 0.45 * top]


def _topic_label(c: Commitment, keys: list[str]) -> str:
    """Readable topic: the root's words whose stems are its key terms, else its opening words."""
    from kb.layout.markup import words
    from kb.trace.features import terms

    picked: list[str] = []
    for w in words(c.text):
        stems = set(terms(w))
        if stems & set(keys) and w.lower() not in (p.lower() for p in picked):
            picked.append(w.lower())
    return " ".join(picked[:4]) or " ".join(words(c.text)[:6])


def build_threads(records: list[Commitment], metas: dict[str, DocumentMeta]) -> tuple[list[Link], list[Thread]]:
    """Links from each commitment to later passages, and the threads they form."""
    vectoriser = Vectoriser([c.text for c in records])
    by_id = {c.id: c for c in records}

    def heading(c: Commitment) -> str:
        return c.section.split(" › ")[-1] if c.section else ""

    vectors = {c.id: vectoriser.vector(c.text, heading(c), extra_weight=HEADING_WEIGHT) for c in records}
    postings: dict[str, list[str]] = defaultdict(list)
    for cid, vec in vectors.items():
        for t in vec:
            postings[t].append(cid)
    date_of = {c.id: _doc_date(metas.get(c.doc_id)) for c in records}
    links: list[Link] = []
    incoming: dict[str, Link] = {}
    sources = sorted((c for c in records if c.kind != "evidence"), key=lambda c: (date_of[c.id], c.doc_id, c.line or 0))
    for seed in sources:
        keys = _key_terms(vectors[seed.id])
        cand_ids: set[str] = set()
        for t in keys:
            plist = postings.get(t, [])
            if len(plist) <= MAX_POSTINGS:
                cand_ids.update(plist)
        seed_date = date_of[seed.id]
        scored: list[Link] = []
        seed_meta = metas.get(seed.doc_id)
        for cid in cand_ids:
            if date_of[cid] <= seed_date:
                continue
            cand = by_id[cid]
            sim = similarity(seed, vectors[seed.id], cand, vectors[cid])
            if sim.score < LINK_SCORE:
                continue
            meta = metas.get(cand.doc_id)
            scored.append(Link(seed.id, cid, link_type(seed_meta, seed, meta, cand), sim.score, sim.evidence()))
        scored.sort(key=lambda link: -link.score)
        for link in scored[:MAX_LINKS_PER_SOURCE]:
            links.append(link)
            best = incoming.get(link.b)
            if best is None or link.score > best.score:
                incoming[link.b] = link
    # Lineages: each linked passage hangs under its strongest earlier commitment.
    parent = {b: link.a for b, link in incoming.items()}

    def root_of(cid: str) -> str:
        seen = set()
        while cid in parent and cid not in seen:
            seen.add(cid)
            cid = parent[cid]
        return cid

    members: dict[str, list[str]] = defaultdict(list)
    for cid in parent:
        members[root_of(cid)].append(cid)
    newest = max((m.date for m in metas.values() if m.date), default=None)
    threads: list[Thread] = []
    for root_id in (c.id for c in sources):
        root = by_id[root_id]
        if root_id in parent:
            continue  # not a root: it belongs to an earlier commitment's thread
        mem = members.get(root_id, [])
        items = [TraceItem(by_id[m], metas.get(by_id[m].doc_id), incoming[m].type, incoming[m].score,
                           incoming[m].evidence) for m in mem]
        status, reason = thread_status(root, metas.get(root.doc_id), items, newest)
        docs = sorted({root.doc_id, *(by_id[m].doc_id for m in mem)}, key=lambda d: _doc_date(metas.get(d)))
        dates = [date_of[root_id], *(date_of[m] for m in mem)]
        threads.append(Thread(
            id=f"T-{root_id}", root=root_id, topic=_topic_label(root, _key_terms(vectors[root_id])),
            members=sorted(mem, key=lambda m: (date_of[m], by_id[m].line or 0)), docs=docs,
            first=min(dates), last=max(dates), status=status, reason=reason,
            links=[incoming[m] for m in mem],
        ))
    return links, threads
