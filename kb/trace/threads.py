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

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
from whoosh.analysis import STOP_WORDS

from kb.extract.lexicon import ACTION_VERBS, PARTY_HEADS
from kb.model import Commitment, DocumentMeta
from kb.trace.areas import document_areas, same_area
from kb.trace.context import Structure, _clean_heading, structure_of
from kb.trace.nearest import Ask, NearestIndex
from kb.trace.tracer import (
    FUNCTION_WORDS,
    TraceItem,
    _doc_date,
    area_timeline,
    link_type,
    status_or_return,
    thread_status,
)

MAX_LINKS_PER_SOURCE = 8
MAX_POSTINGS = 400  # a key term in more passages than this is too common to find candidates with
MAX_CANDIDATES = 60  # the candidates of one commitment scored in full
SEMANTIC_NEIGHBOURS = 30
SCALE_PEERS = 20  # the seed's nearest passages of any date, beside its candidates, scale relative signals


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
    deciding: str | None = None  # the passage the status is read from


@dataclass(frozen=True)
class DocumentLabels:
    """What one document's own writing says about its headings, for labels (`label_context`):
    `series`, the heading prefixes that name a series of sections ("Delivery Programme:" before
    "Falls Prevention", "Dementia Care", ...), and `capitals`, the short words it writes in capitals inside
    ordinary sentences, its acronyms ("QIPP", "ICT"), which a heading set in capitals keeps."""

    series: frozenset[str] = frozenset()
    capitals: frozenset[str] = frozenset()


_SERIES = re.compile(r"^([^:]{3,60}):\s+\S")
_ACRONYM_MAX = 6  # letters: longer words in capitals are emphasis ("IMPROVE SUPPORT"), not acronyms


_CAPS_RUN_WORD = re.compile(r"(?<![A-Za-z0-9&])[A-Z][A-Z0-9&]+s?(?![A-Za-z0-9&])")


def _acronyms_in(text: str) -> set[str]:
    """The words a sentence writes in capitals among words that are not ("our QIPP schemes"); a run
    of them is emphasis ("IMPROVE SUPPORT for ..."), not a name."""
    found = list(_CAPS_RUN_WORD.finditer(text))
    out = set()
    for k, m in enumerate(found):
        # a neighbour in capitals with nothing but a space between is part of the same run
        before = k > 0 and not text[found[k - 1].end():m.start()].strip()
        after = k + 1 < len(found) and not text[m.end():found[k + 1].start()].strip()
        word = m.group(0).rstrip("s")
        if not (before or after) and len(word) <= _ACRONYM_MAX:
            out.add(word)
    return out


def label_context(records: Iterable[Commitment]) -> dict[str, DocumentLabels]:
    """Each document's `DocumentLabels`, learnt from its own records (acronyms are learnt per
    document: the same letters can be a word in one paper and a body's name in another)."""
    from kb.layout.markup import is_all_caps

    headings: dict[str, set[str]] = defaultdict(set)
    capitals: dict[str, set[str]] = defaultdict(set)
    for c in records:
        for h in (c.section or "").split(" › "):
            if h.strip():
                headings[c.doc_id].add(h.strip())
        if c.text and not is_all_caps(c.text):
            capitals[c.doc_id].update(_acronyms_in(c.text))
    out = {}
    for doc in headings.keys() | capitals.keys():
        prefixes: dict[str, set[str]] = defaultdict(set)
        for h in headings.get(doc, ()):
            m = _SERIES.match(_clean(h))
            if m:
                prefixes[m.group(1).strip().lower()].add(h)
        out[doc] = DocumentLabels(frozenset(p for p, hs in prefixes.items() if len(hs) >= 2),
                                  frozenset(capitals.get(doc, ())))
    return out


def topic_label(c: Commitment, structure: Structure, doc: DocumentLabels | None = None) -> str:
    """A topic as a person writes it: the nearest heading that names something ("Stroke Care"),
    then what the commitment is about, its head phrase or opening words (`_gist`: "Stroke Care:
    Improved outcomes of stroke patients").  A heading that only says where the passage stands in the paper
    ("Introduction", "Progress since the last report", "2016/17") is passed over for the one above.
    The opening words lose what makes them a commitment ("We will", "Our aim is to"); with what the
    document's writing says (`doc`), a series' name before the topic ("Delivery Programme: Falls Prevention")
    is dropped and a heading set in capitals reads in sentence case with its acronyms kept."""
    # a heading is read as the label shows it (a series' name before it dropped) before it is
    # judged: "Programme X: Plan on a page" names no topic once "Programme X:" is gone
    readable = ((h, _readable_heading(h, doc) if doc is not None else h) for h in structure.headings())
    heading = next((r for h, r in readable if len(h) <= 60 and _names_a_topic(r)), "")
    gist = _gist(c.text)
    if doc is not None:  # an opening set in capitals ("INDIVIDUAL CARE PLANS provided"), in sentence case
        gist = re.sub(r"^(?:[A-Z][A-Z0-9&/()-]*\s+){2,}[A-Z][A-Z0-9&/()-]*\b", lambda m: _sentence_case(m.group(0), doc), gist)
        # an action verb set in capitals for emphasis ("EXPAND access to ..."); other words (an acronym) stay
        gist = re.sub(r"^[A-Z]{4,}\b(?=\s+[a-z])",
                      lambda m: m.group(0).capitalize() if m.group(0).lower() in ACTION_VERBS else m.group(0), gist)
    return f"{heading}: {gist}" if heading else gist


def _clean(heading: str) -> str:
    """A heading without its numbering (kb.trace.context's, and a roman or lower-case one: "II)", "b)")."""
    return re.sub(r"^(?:[IVXivx]+[.)]|[a-z]\))\s+", "", _clean_heading(heading))


def _readable_heading(heading: str, doc: DocumentLabels) -> str:
    from kb.layout.markup import is_all_caps

    h = _clean(heading)
    m = _SERIES.match(h)
    if m and m.group(1).strip().lower() in doc.series:
        h = h[m.end(1) + 1:].strip()
    return _sentence_case(h, doc) if is_all_caps(h) else h


def _sentence_case(text: str, doc: DocumentLabels) -> str:
    """Words set in capitals, in sentence case: a word the document writes in capitals inside its
    sentences is an acronym and stays, and so does one in brackets ("(ICT)", a name defined)."""
    def word(w: str) -> str:
        bare = re.sub(r"[^A-Za-z0-9&]", "", w)
        bracketed = w.startswith("(") and w.rstrip(",.;:").endswith(")")
        acronym = len(bare) <= _ACRONYM_MAX and (bracketed or bare.rstrip("s") in doc.capitals
                                                 and bare.lower() not in FUNCTION_WORDS and bare.lower() not in STOP_WORDS)
        return w if acronym else w.lower()

    out = " ".join(word(w) for w in text.split())
    return out[:1].upper() + out[1:]


def _opening(text: str, n: int = 8) -> str:
    from kb.layout.markup import words

    ws = words(text)
    return " ".join(ws[:n]) + (" ..." if len(ws) > n else "")


# Openings that say a text is a commitment, not what it is about: "We will", "The council will",
# "Our aim is to", "It is our intention to", "RESOLVED that", a list item's own letter or number.
_LEAD_IN = re.compile(
    r"^(?:(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]?\s+(?=[A-Z])"
    r"|(?:we|i|(?:the\s+)?(?-i:[A-Z]{2,}s?)|the\s+(?:" + "|".join(sorted(PARTY_HEADS)) + r"))\s+"
    r"(?:will|shall|are going to|is going to|intends? to|aims? to|plans? to|proposes? to|(?:are|is) committed to)"
    r"\s+(?:also\s+|then\s+|further\s+|now\s+)?(?:be\s+(?=\w+ing\b))?"
    r"|(?:our|the|a)\s+(?:key\s+)?(?:commitment|aim|ambition|priority|intention|objective|goal)\s+is\s+(?:to\s+|that\s+)?"
    r"|it\s+is\s+(?:the|our)\s+intention\s+to\s+|resolved\s+that\s+"
    # an opening that links back to what came before ("To achieve this,", "In addition,"), before its clause
    r"|(?:(?:in\s+order\s+)?to\s+(?:achieve|do|deliver|support|enable|make)\s+(?:this|that|these|it)"
    r"|as\s+part\s+of\s+(?:this|that)|building\s+on\s+(?:this|that)|alongside\s+(?:this|that)"
    r"|in\s+addition(?:\s+to\s+this)?|additionally|furthermore|moreover)\s*,\s+"
    r"|to\s+(?=[a-z]))", re.I)
_DANGLING = frozenset("to of the a an and or in on for with our their its by at as that which is are be will we from "
                      "into this these those".split())


# An opening phrase that places the commitment before its clause ("In line with the national
# strategy, ...", "Working with the two councils, ...", "By March 2026, ..."): where or when it
# stands, not what it is about ("For people with diabetes, ..." names its topic: kept).
_OPENING_ADJUNCT = re.compile(
    r"^(?:in\s+line\s+with|in\s+keeping\s+with|consistent\s+with|following|through|with|working\s+with|"
    r"together\s+with|as\s+(?:part\s+of|agreed|set\s+out|above)|in\s+(?:partnership|collaboration)\s+with|"
    r"during|over|by|from|in|within|across)\b[^,;:]{0,60},\s+(?=\S)", re.I)
# Where a commitment's head phrase ends and what qualifies it begins: a relative clause ("...
# that will be delivered through ..."), a list of its parts ("..., including ..."), its means or
# purpose ("... through a new pathway", "... by reducing ...", "... to provide support in every
# ward"), a remark in brackets (not a short name defined there: "(IDT)", "(“CAN”)").  A label
# is the head phrase, as a person names a topic ("Extension of the stop smoking service").
_QUALIFIER = re.compile(
    r"\s*;\s|\s+[–—-]\s+"
    r"|\s+\((?![A-Z][A-Za-z&]{1,9}\)|[“\"'][^)]{1,40}[”\"']\))"
    r"|,\s+(?=(?:including|which|whereby|where|so\s+that|in\s+order|such\s+as|e\.g\.|i\.e\.|\w+ing)\b)"
    r"|\s+(?:that|which|who|whose|including|such\s+as|so\s+that|in\s+order\s+to|through|via|whereby|e\.g\.|"
    r"i\.e\.)\s"
    r"|,?\s+by\s+(?=(?!spring\b)\w+ing\b)"
    r"|\s+to\s+(?=(?:" + "|".join(sorted(ACTION_VERBS)) + r")\b)", re.I)
# The verbs whose object is itself a clause ("ensure that ...", "continue to ..."; any verb in the
# past, "indicated that ...", is read as one by its ending): the clause is what the commitment is
# about, no qualifier of it.
_CLAUSE_TAKING = frozenset("""ensure ensuring assure confirm agree recognise recognize show demonstrate
so such continue continuing need needs aim aims plan plans seek seeks want intend intends begin start try
able going likely commit working work use help helping support supporting
enable enabling allow allowing encourage encouraging ask expect require request propose
means mean is are be""".split())
# A head whose verb only says who works with or helps whom ("Work with schools to improve
# attendance", "Support practices to ..."): its purpose is what it is about.
_WORKING_WITH = frozenset("work working collaborate collaborating engage engaging partner partnering liaise "
                          "liaising join joining team support supporting help helping enable enabling assist "
                          "assisting encourage encouraging empower empowering".split())
# The party names that name a doer, not also a thing a commitment is about ("services", "networks")
_DOERS = PARTY_HEADS - frozenset("service services network networks practice practices management lead leads "
                                 "office group groups".split())
_HEAD_MIN = 3  # words a label's head phrase holds at least
_HEAD_SPARE = 2  # words past `n` a head phrase may run before it is cut as before


def _gist(text: str, n: int = 8) -> str:
    """What a commitment is about, in its opening words: without what makes it a commitment ("We
    will", "Our aim is to") or an opening phrase that only places it ("In line with the strategy,"),
    ended where its head phrase ends when it is longer than `n` words (before a relative clause, a
    list of its parts, its means or purpose: `_QUALIFIER`), else cut at `n` words and not on a
    word that leads to the next."""

    rest = text.strip()
    for _ in range(3):  # a list letter before "We will ...", an opening phrase before "we will"
        m = _LEAD_IN.match(rest) or _OPENING_ADJUNCT.match(rest)
        if not m or m.end() >= len(rest) or re.match(r"be\b", rest[m.end():], re.I):
            break  # "The service will be available": what it will be needs its subject
        rest = rest[m.end():]
    ws = rest.split()
    if len(ws) > n:
        head = _head_phrase(rest, n + _HEAD_SPARE)
        if head:
            return head[:1].upper() + head[1:]
    cut = ws[:n]
    while len(ws) > n and len(cut) > 3 and re.sub(r"\W", "", cut[-1]).lower() in _DANGLING:
        cut.pop()
    out = " ".join(cut).rstrip(" ,;:.–-") + (" ..." if len(ws) > n else "")
    return out[:1].upper() + out[1:] if out else _opening(text, n)


def _head_phrase(text: str, most: int) -> str:
    """The text up to the first `_QUALIFIER` that follows at least _HEAD_MIN words and at most
    `most`, not one after a verb that takes a clause ("ensure that", "continue to"); "" when none."""
    for m in _QUALIFIER.finditer(text):
        head = text[:m.start()].rstrip(" ,;:.–-")
        ws = head.split()
        if len(ws) > most:
            return ""
        last = re.sub(r"\W", "", ws[-1]).lower() if ws else ""
        if len(ws) < _HEAD_MIN or last in _CLAUSE_TAKING or last in _DANGLING or last.endswith("ed"):
            continue
        if head.count("(") > head.count(")"):
            continue
        if m.group(0).strip().lower() == "to" and (
                ws[0].lower() in _WORKING_WITH or last.endswith("ing")
                or last in _DOERS and ws[0].lower() not in ACTION_VERBS):
            # its purpose is its topic; "aiming to", "planning to" take the clause; a party "to
            # consider ..." is the commitment's own form, a doer and its act
            continue
        return head
    return ""


# The words of a paper's parts and of its progress reporting, which name no topic in a label: its
# front matter and frame ("Foreword", "Our vision", "Content", "Plan on a page deliverables",
# "Indicative timeline", "Examples"), a board's agenda slots ("Public business") and a review's.
_SLOT_WORDS = frozenset("""introduction background information summary overview purpose context contents content appendix
appendices annex conclusion conclusions recommendation recommendations progress update updates since last next steps
step key decision decisions immediate actions action outstanding items item report continued page section part
executive no yes other general foreword preface vision plan deliverables deliverable timeline indicative outline
public private business examples example options remaining timing review title""".split())


def _names_a_topic(heading: str) -> bool:
    """A heading naming what its passages are about ("Stroke", "Maternity and Paediatrics"), not a
    part of the paper ("Introduction", "Key decision: No"), a period ("2016/17", "Immediate") or a
    number."""
    from kb.layout.parse import is_period_label

    ws = re.findall(r"[A-Za-z]{2,}", heading.lower())
    return bool(ws) and not is_period_label(heading) and any(
        w not in _SLOT_WORDS and w not in FUNCTION_WORDS and w not in STOP_WORDS for w in ws)


def review_links(records: list[Commitment], metas: dict[str, DocumentMeta], sig, reports: dict[str, str],
                 links: list[Link], incoming: dict[str, Link],
                 areas: dict[str, frozenset[str]] | None = None) -> list[Link]:
    """A review row hangs under the action it names (kb.trace.progress), whatever else links to it:
    the link (new, or the one already made) carries the match and the reported status, and becomes
    the row's incoming link.  A row naming several actions ("4B and 4C") hangs under the first it
    matches and is linked from each of the others too.  Returns the links that are new."""
    from kb.trace.progress import match_rows, review_link_type

    by_id = sig.by_id
    made = {(link.a, link.b): link for link in links}
    new: list[Link] = []
    for row_id, matches in match_rows(records, metas, sig, areas).items():
        row = by_id[row_id]
        report = reports.get(row_id, "")
        kind = review_link_type(report)
        for k, m in enumerate(matches):
            link = made.get((m.action, row_id))
            if link is None:
                link = Link(m.action, row_id, kind, round(min(m.score, 1.0), 4),
                            {"terms": [], **({"report": report} if report else {})})
                new.append(link)
            link.type = kind
            link.evidence["match"] = m.evidence()
            link.evidence["reported"] = row.reported
            if k == 0:
                incoming[row_id] = link
    return new


def can_link(metas: dict[str, DocumentMeta]) -> bool:
    """Whether any two records of a store with these documents could be linked (`build_threads`):
    a link runs from a dated passage to one of a later date, and a review row names an action of
    an earlier document (a review without a date, one of another dated document).  A store of one
    date (one long file alone, or several of one date) has no pair to link, and its threads can
    be written a few records at a time (`unlinked_threads`) instead of reading every record."""
    dated = {m.date for m in metas.values() if m.date}
    undated = any(not m.date for m in metas.values())
    return len(dated) > 1 or (undated and bool(dated))


def unlinked_threads(sources: Iterable[Commitment], metas: dict[str, DocumentMeta]) -> Iterator[Thread]:
    """The threads `build_threads` makes when nothing can link (`can_link` is False): each
    commitment its own thread, silent, with the later documents it was searched in.  `sources`:
    the commitments in `build_threads`' order (date, document, line), streamed from the store."""
    newest = max((m.date for m in metas.values() if m.date), default=None)
    doc_order = sorted(metas, key=lambda d: _doc_date(metas.get(d)))
    for root in sources:
        meta = metas.get(root.doc_id)
        date = _doc_date(meta)
        later_docs = [d for d in doc_order if _doc_date(metas.get(d)) > date]
        status, reason, _ = thread_status(root, meta, [], newest, later_docs)
        yield Thread(id=f"T-{root.id}", root=root.id, topic=topic_label(root, structure_of(root, meta)),
                     members=[], docs=[root.doc_id], first=date, last=date, status=status, reason=reason)


def _closeness(sig, ask: Ask | None, cids: list[str]) -> dict[str, float]:
    """The closeness in meaning of each of `cids` to the seed `ask` was for (0 without vectors)."""
    if ask is None or not cids:
        return dict.fromkeys(cids, 0.0)
    rows = np.fromiter((sig.row[cid] for cid in cids), dtype=np.int64, count=len(cids))
    return dict(zip(cids, ask.closeness(rows).tolist(), strict=True))


def build_threads(records: list[Commitment], metas: dict[str, DocumentMeta], reports: dict[str, str] | None = None,
                  vectors=None, acronyms: dict[str, dict[str, str]] | None = None,
                  renamings: list[tuple[str, str]] | None = None) -> tuple[list[Link], list[Thread]]:
    """Links from each commitment to later passages, and the threads they form.

    Candidates of a commitment are the later passages that hold one of its topic terms (postings)
    and its nearest later passages in meaning (semantic vectors, when given or stored); each is
    scored by the calibrated direct model (kb.trace.calibration) and kept at its threshold."""
    from kb.trace.calibration import load as load_calibration
    from kb.trace.signals import Signals, add_document_relative, add_relative

    reports = reports or {}
    cal = load_calibration()
    sig = Signals(records, metas, vectors, reports, acronyms, renamings)
    by_id = sig.by_id
    areas = document_areas(records, metas)  # links stay within one area's papers
    date_of = {c.id: _doc_date(metas.get(c.doc_id)) for c in records}
    dates = np.array([date_of[c.id] for c in records])
    links: list[Link] = []
    incoming: dict[str, Link] = {}
    # Lineage follows date order: a document without a date cannot be placed before or after
    # another, so its passages neither start nor join a cross-year link (they stay their own threads).
    undated = "0000"
    sources = sorted((c for c in records if c.kind != "evidence"), key=lambda c: (date_of[c.id], c.doc_id, c.order or 0))
    # Only a passage of an earlier date than the newest has later passages to link to: a store of
    # one date (one long file) has none, and neither postings nor the seed loop are needed.
    newest_date = max((d for d in date_of.values() if d != undated), default=undated)
    linking = sources if any(undated < date_of[c.id] < newest_date for c in sources) else []
    postings: dict[str, list[str]] = defaultdict(list)
    if linking:
        for c in records:
            for t in sig.context_vector(c.id):
                postings[t].append(c.id)
    tried: dict[str, list[Commitment]] = {}  # each source's candidates, scored in full
    # nearest in meaning: every record compared in a small collection, only the nearest cells' in a
    # large one, so that the work per commitment stays about the same at any size (kb.trace.nearest)
    nearest = NearestIndex(sig.ctx_emb) if sig.has_semantic and linking else None
    later_than: dict[str, np.ndarray] = {}  # which records are later than a date (sources come in date order)
    for seed in linking:
        if date_of[seed.id] >= newest_date:
            break  # sources are in date order: the rest are of the newest date
        topic = sig.topic(seed.id)
        seed_date = date_of[seed.id]
        if seed_date == undated:
            continue
        held: dict[str, float] = defaultdict(float)  # later passages by the share of the topic they hold
        for t, w in topic.terms.items():
            plist = postings.get(t, [])
            if len(plist) <= MAX_POSTINGS:
                for cid in plist:
                    if date_of[cid] > seed_date:
                        held[cid] += w
        ask = nearest.ask(sig.ctx_emb[sig.row[seed.id]]) if nearest is not None else None
        meaning = _closeness(sig, ask, list(held))
        total = sum(topic.terms.values()) or 1.0
        # A cheap first cut (topic share + meaning), so the work per commitment stays bounded.
        quick = {cid: h / total + meaning[cid] for cid, h in held.items()}
        if ask is not None:
            later = later_than.get(seed_date)
            if later is None:
                later = later_than[seed_date] = dates > seed_date
            for n, v in ask.top(SEMANTIC_NEIGHBOURS, later):
                if v > 0:
                    cid = records[n].id
                    meaning.setdefault(cid, v)
                    quick.setdefault(cid, v)
        quick = {cid: v for cid, v in quick.items() if same_area(areas, seed.doc_id, by_id[cid].doc_id)}
        cands = [by_id[cid] for cid in sorted(quick, key=lambda k: -quick[k])[:MAX_CANDIDATES]]
        tried[seed.id] = cands  # a root left silent may be returned to by one its links did not reach
        feats = [sig.features(seed, topic, c, meaning[c.id]) for c in cands]
        # Relative signals are scaled as the tracer scales them, over the seed's nearest passages of
        # every date (its own document's included): a few weak later passages are not made strong
        # by having no stronger neighbour in the candidates.
        peers: list[tuple[str, dict]] = []
        if ask is not None:
            picked = {c.id for c in cands}
            own = sig.row[seed.id]
            for n, v in [nv for nv in ask.top(SCALE_PEERS + 1) if nv[0] != own][:SCALE_PEERS]:
                peer = records[n]
                if peer.id not in picked and v > 0:
                    peers.append((peer.doc_id, sig.features(seed, topic, peer, v)[0]))
        add_relative([f for f, _ in feats] + [f for _, f in peers])
        add_document_relative([(c.doc_id, f) for c, (f, _) in zip(cands, feats, strict=True)] + peers)
        seed_meta = metas.get(seed.doc_id)
        scored: list[Link] = []
        for cand, (f, shared) in zip(cands, feats, strict=True):
            p = cal.direct.probability(f)
            if p < cal.direct.threshold:
                continue
            meta = metas.get(cand.doc_id)
            report = reports.get(cand.id, "")
            evidence = {"terms": shared, "signals": {k: round(v, 3) for k, v in f.items() if v}}
            for flag in ("theme", "owner", "target"):
                if f.get(flag):
                    evidence[flag] = True
            if report:
                evidence["report"] = report
            scored.append(Link(seed.id, cand.id, link_type(seed_meta, seed, meta, cand, report), round(p, 4), evidence))
        scored.sort(key=lambda link: -link.score)
        for link in scored[:MAX_LINKS_PER_SOURCE]:
            links.append(link)
            best = incoming.get(link.b)
            if best is None or link.score > best.score:
                incoming[link.b] = link
    links += review_links(records, metas, sig, reports, links, incoming, areas)
    # Lineages: each linked passage hangs under its strongest earlier commitment, so a chain of
    # restatements (2013 -> 2016 -> 2019) is one thread even when its ends share no word.
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
    outgoing: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        outgoing[link.a].append(link)
    reviewed_by: dict[str, set[str]] = defaultdict(set)  # review row -> the actions it names
    for link in links:
        if link.evidence.get("match"):
            reviewed_by[link.b].add(link.a)
    timeline = {d: area_timeline(areas, metas, d) for d in metas}  # each area's later papers, read once
    labels = label_context(records)
    threads: list[Thread] = []
    for root_id in (c.id for c in sources):
        root = by_id[root_id]
        if root_id in parent:
            continue  # not a root: it belongs to an earlier commitment's thread
        mem = members.get(root_id, [])
        # A member hanging under another member is linked through it (a renamed service's 2019 form
        # through its 2016 restatement): `via` says so, for the test of what speaks of the root.
        items = [TraceItem(by_id[m], metas.get(by_id[m].doc_id), incoming[m].type, incoming[m].score,
                           incoming[m].evidence if incoming[m].a == root_id else
                           {**incoming[m].evidence, "via": incoming[m].a}) for m in mem]
        # Its own links count for its status too, also to passages that hang under a stronger earlier
        # commitment: a later document that links to it is not silence.  A review row that names
        # another action speaks of that action only.
        items += [TraceItem(by_id[x.b], metas.get(by_id[x.b].doc_id), x.type, x.score, x.evidence)
                  for x in outgoing.get(root_id, []) if x.b not in mem and root_id in reviewed_by.get(x.b, {root_id})]
        later_docs, newest = timeline.get(root.doc_id) or area_timeline(areas, metas, root.doc_id)
        row = by_id.get(root.parent_id) if root.parent_id else None
        # as the tracer: with no linked passage speaking of it, one its links did not reach may return
        status, reason, deciding, _ = status_or_return(
            root, metas.get(root.doc_id), items, newest, later_docs, lambda rid=root_id: tried.get(rid, ()), metas,
            sig.vectoriser.idf, sig.vectoriser.ignore, row.text if row else "", sig.words, reports)
        # The documents it spans are those of every passage its status was read from (its members,
        # its links to passages of a stronger thread, a passage that returned to it), so a thread
        # restated in a later plan never reads as one document, first and last in its own year.
        linked = {root_id, *(i.commitment.id for i in items), *([deciding.commitment.id] if deciding else [])}
        docs = sorted({by_id[c].doc_id for c in linked}, key=lambda d: _doc_date(metas.get(d)))
        span = [date_of[c] for c in linked]
        threads.append(Thread(
            id=f"T-{root_id}", root=root_id, topic=topic_label(root, sig.structure[root_id], labels.get(root.doc_id)),
            members=sorted(mem, key=lambda m: (date_of[m], by_id[m].order or 0)), docs=docs,
            first=min(span), last=max(span), status=status, reason=reason,
            links=[incoming[m] for m in mem], deciding=deciding.commitment.id if deciding else None,
        ))
    return links, threads
