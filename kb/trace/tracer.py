"""Trace a commitment across documents: candidates from the search index, scored, typed, decided.

For a seed commitment the tracer asks the search index for passages that share its words (and the
words of its section heading, which often name the topic the seed leaves implicit: "Increased early
diagnosis and intervention" under "Dementia Care"), scores each candidate with explainable features
(kb.trace.features), types each link by what the later document says about it, and applies the
auditors' decisions.  The thread status follows from the latest passages.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from whoosh import query as Q

from kb.extract.dates import find_dates, month_end
from kb.layout.markup import words
from kb.layout.parse import date_told
from kb.model import Commitment, DocumentMeta
from kb.trace.about import (
    CLOSE_MEANING,
    CORE_HELD,
    CORE_SHARE,
    TOPIC_MEANING,
    About,
    about,
    heading_only,
    own_meaning,
    rest_meaning,
    seed_core,
    side_terms,
    topics_of,
)
from kb.trace.areas import document_areas, same_area
from kb.trace.calibration import Calibration
from kb.trace.calibration import load as load_calibration
from kb.trace.context import list_intro, structure_of
from kb.trace.decisions import Decision, DecisionLog
from kb.trace.features import (
    FUNCTION_WORDS,
    Vectoriser,
    area_terms,
    concept_phrases,
    cosine_normed,
    norm,
    similarity,
    term_labels,
    terms,
)
from kb.trace.progress import RowMatch, match_rows, renumbered, review_link_type
from kb.trace.reports import ARTEFACTS, measures_change
from kb.trace.signals import add_document_relative, add_relative

HEADING_WEIGHT = 0.8  # a passage under a heading that names the topic is about the topic
FAMILY_FACTOR = 0.9  # a matched table row brings its NEXT STEPS and progress cells along
SAME_SECTION = 0.95
SAME_DOCUMENT = 0.6
BACKGROUND = 0.8  # an evidence passage that reports no progress (statistics, context)
PER_DOCUMENT = 4  # the best few passages of every document are shown before the rest by score
DEFAULT_LIMIT = 40
CANDIDATES = 1500
SEMANTIC_CANDIDATES = 200  # nearest passages by meaning, beside the index's lexical candidates
CHAIN_SOURCES = 30  # the strongest direct links a chain continues from
CHAIN_NEIGHBOURS = 15  # the nearest later passages of each of them
# Structure as context: a passage near a strong link, under the same heading of the same document,
# is likely about the same topic even when its own words are not ("Contract award (Q4)" two lines
# under "Providers agree a new out-of-hospital care model").  The strongest direct links bring their
# neighbours into the pool, and every candidate gets the `section` signal, the strongest direct
# probability of another passage near it under its heading (the seed itself counting 1.0).
SECTION_SOURCES = 20
SECTION_NEAR = 20  # lines
PARAGRAPH_MAX = 6  # a paragraph of at most this many records is shown whole around a linked sentence
RENUMBERED_SCORE = 0.9  # a later passage naming the seed by its old number ("B2 (was 3.4)"): as a strong link


@dataclass
class Scored:
    """One candidate's signals and probabilities (direct, then with the chain), for the trace and the fit."""

    commitment: Commitment
    signals: dict
    terms: list[str]
    direct: float
    probability: float = 0.0
    via: str = ""  # the earlier link this passage follows, when the chain decided it


@dataclass
class TraceItem:
    commitment: Commitment
    doc: DocumentMeta | None
    link_type: str  # earlier | related | restated | revised | progress | delivered
    score: float
    evidence: dict
    decision: str = ""  # confirmed | added | suspect | ""
    note: str = ""
    decided_text: str = ""  # suspect: this passage's text when the decision was made (it reads differently now)
    decided_seed_text: str = ""  # suspect: the traced commitment's text then, when that is what changed


@dataclass
class OrphanDecision:
    """An auditor's decision on a link whose passage is gone: no passage of its document continues it
    (the text was replaced, not reworded, or the document was dropped).  Listed with the text decided,
    never dropped and never moved to an unrelated passage."""

    action: str  # confirm | reject | add
    id: str  # the passage's id when decided
    doc_id: str
    text: str
    note: str
    time: str
    user: str
    doc: DocumentMeta | None = None

    @property
    def decision(self) -> str:
        """What the auditor did, as a trace says it: confirmed, rejected or added."""
        return {"confirm": "confirmed", "reject": "rejected", "add": "added"}.get(self.action, self.action)


@dataclass
class TracePassage:
    """Neighbouring linked items of one section (a timeline's rows, a list's bullets), read together."""

    items: list[TraceItem]

    @property
    def best(self) -> TraceItem:
        return max(self.items, key=lambda i: i.score)

    @property
    def score(self) -> float:
        return self.best.score

    @property
    def text(self) -> str:
        """The members' texts in order, each list's intro once before its first item, since an
        item often reads only with it ("RESOLVED that ... the CCGs are: / a) Completing ...")."""
        parts: list[str] = []
        for i in self.items:
            intro = list_intro(i.commitment)
            if intro and intro not in parts:
                parts.append(intro)
            parts.append(i.commitment.text)
        return " / ".join(parts)

    @property
    def decision(self) -> str:
        return next((i.decision for i in self.items if i.decision), "")

    @property
    def decided(self) -> TraceItem | None:
        """The member an auditor's decision is on (the first, if several)."""
        return next((i for i in self.items if i.decision), None)


@dataclass
class Trace:
    seed: Commitment
    seed_doc: DocumentMeta | None
    items: list[TraceItem]
    status: str
    status_reason: str
    hidden: int = 0
    documents: list[str] = field(default_factory=list)
    passages: list[TracePassage] = field(default_factory=list)
    orphans: list[OrphanDecision] = field(default_factory=list)
    deciding: Commitment | None = None  # the passage the status is read from


def _doc_date(meta: DocumentMeta | None) -> str:
    return (meta.date if meta else None) or "0000"


def area_timeline(areas: dict[str, frozenset[str]], metas: dict[str, DocumentMeta],
                  doc_id: str) -> tuple[list[str], str | None]:
    """The documents of `doc_id`'s area (kb.trace.areas) published after it, in date order, and the
    area's newest publication date: what a thread's status is read against (the later documents
    searched, the date by which a due date has passed)."""
    here = sorted((d for d in metas if same_area(areas, doc_id, d)), key=lambda d: _doc_date(metas[d]))
    start = _doc_date(metas.get(doc_id))
    return ([d for d in here if _doc_date(metas[d]) > start],
            max((metas[d].date for d in here if metas[d].date), default=None))


def link_type(seed_meta: DocumentMeta | None, seed: Commitment, cand_meta: DocumentMeta | None,
              cand: Commitment, report: str = "") -> str:
    """What the candidate is to the seed: same document, earlier, or what a later document says of
    it, read from the passage's analysed clause (`report`, kb.trace.reports) rather than its words:
    a done passage is `delivered` (or `progress` when it measures movement with a figure or is itself
    a commitment), a part way, ongoing or unmet one `progress` (but work going on towards a date the
    seed did not have, `_moves_date`, is work on its new form: `revised`), a planning document done (`step`) `progress`
    unless the seed itself was to produce such a document; what a paper said or a meeting heard
    (`said`) `restated`; a plan or a conditional one is `revised` (a later date or another figure,
    or a plan carrying the seed's thing into another vehicle, `carried_into`) or `restated`.  A review row (a status its document reports for
    it, `cand.reported`) is `delivered` when done, `revised` when superseded, else `progress`; a
    passage reporting the thing ended or decided against (report `revised`) is `revised`, unless the
    seed's own act was to end it (`_ends_something`: "Decommission the old ward"), then done.  A
    report of something done, begun or going on whose every date ends before the seed's document
    was published (`happened_before`) tells the history the seed was written in: `restated`."""
    if cand.doc_id == seed.doc_id:
        return "related"
    if _doc_date(cand_meta) < _doc_date(seed_meta):
        return "earlier"
    if report in ("done", "step", "partway", "ongoing") and happened_before(cand.text, seed_meta, cand_meta):
        return "restated"  # the history of the topic up to the seed's plan, told again: no later progress
    if report == "revised" and not cand.reported and _ends_something(seed.text):
        report = "done"  # "Decommission the old ward" and "the old ward was decommissioned": the seed itself done
    if report == "step":  # a planning document done: progress, unless producing it was the commitment
        report = "done" if _artefacts(seed.text) & _artefacts(cand.text) else "ongoing"
    if report == "done":
        return "delivered" if (cand.kind == "evidence" or cand.reported) and not cand.targets else "progress"
    if report == "ongoing" and _moves_date(seed, seed_meta, cand):
        return "revised"  # work going on towards a new date ("we are working towards it by 2021"): on the new form
    if report in ("partway", "ongoing", "unmet"):
        return "progress"
    if report == "revised":
        return "revised"
    if report == "said":
        return "restated"  # what a paper said or a meeting heard of it: no act, and no new date of its own
    if cand.kind == "evidence":
        return "restated"  # a statement of fact with another date or figure reports, it plans nothing new
    if report == "planned" and carried_into(seed.text, cand.text):
        return "revised"  # a later plan carries the seed's thing on inside, or as, another vehicle
    if _moves_date(seed, seed_meta, cand):
        return "revised"
    seed_figs = {t.value for t in seed.targets}
    cand_figs = {t.value for t in cand.targets}
    if seed_figs and cand_figs and not seed_figs & cand_figs:
        return "revised"
    return "restated"


# A commitment whose own act is to end something: a later report that the thing was ended
# (kb.trace.reports: "was decommissioned", "was withdrawn") is the commitment done, not dropped.
_ENDING_ACT = re.compile(
    r"(?<![A-Za-z])(?:decommission\w*|withdraw\w*|ceas(?:e|es|ed|ing)\b|discontinu\w*|phas(?:e|es|ed|ing) out\b|"
    r"scrap(?:s|ped|ping)?\b|cancel\w*|terminat\w*|retir(?:e|es|ed|ing)\b|dispos(?:e|es|ed|al|ing)\b|"
    r"clos(?:e|es|ed|ing|ure|ures)\b(?!\s+(?:to|the\s+gaps?)\b)|stop(?:s|ped|ping)?\b(?!\s+smoking))", re.I)


def _ends_something(text: str) -> bool:
    """Whether a commitment's words say it is to end something ("Close the walk-in centre", "Phase out
    paper referrals", "Disposal of the old depot"): not "care closer to home", "close to home", "close
    the gap in life expectancy" (a gap closed is a change, never a thing ended)."""
    return bool(_ENDING_ACT.search(text))


def _moves_date(seed: Commitment, seed_meta: DocumentMeta | None, cand: Commitment) -> bool:
    """Whether a later passage sets the seed a new date: the seed was due by its own date, else by
    the end of the period its plan covers, and a date after that ("by 2023/24" for a 2014/16 plan's
    "improve access") moves it; a date for an aim that had none (no date of its own, none its words
    imply, a document covering no period) sets one.  A date in the seed's own month is its deadline
    told less exactly ("by 28 November" restated as "the November deadline"), not a new one."""
    seed_end = due_end(seed, seed_meta)
    cand_end = latest_due(cand)
    if not cand_end:
        return False
    if seed_end is None:
        return True
    seed_day = date.fromisoformat(seed_end)
    return cand_end > month_end(seed_day.year, seed_day.month).isoformat()


# How a plan says one thing is carried on inside or as another.  A container first: the new, wider
# thing is named before the marker and the old one after it ("an integrated urgent care service,
# including the out of hours service"; "providers will replace their record systems").  An item
# first: the old thing before the marker, its new vehicle after it ("the carers' hub will become part
# of the wellbeing service", "the forum was subsumed into the partnership board").
_CONTAINER_FIRST = re.compile(r"\b(?:including|incorporating|encompassing|replac(?:e|es|ing)|in place of)\b", re.I)
_ITEM_FIRST = re.compile(r"\b(?:(?:subsumed|incorporated|integrated|merged|folded|absorbed|brought together)\s+(?:in|into|with|within)|"
                         r"(?:will|has|have|had|would)\s+(?:now\s+)?(?:become|became)\s+(?:part\s+of|(?-i:(?=(?:a|an|the)\s+[A-Z])))|"
                         r"(?:form|forms|formed|forming)\s+part\s+of|"
                         r"(?:is|are|was|were)\s+now\s+part\s+of|becomes\s+part\s+of|renamed|rebranded|"
                         r"replaced\s+by|superseded\s+by|succeeded\s+by|instead\s+of)\b", re.I)


# A container whose parts a parenthesis lists, two or more short noun phrases and no figure or date:
# "library services (mobile libraries, home delivery, e-books)"; not a
# source or a gloss ("(taken from their 2018 report)").
_EXAMPLES = re.compile(r"\((?=(?:[^()\d,;]+?(?:,|;|\band\b)\s*)+[^()\d,;]+\))")
_PART_WORDS = 4


def _lists_parts(m: re.Match, text: str) -> bool:
    """Whether the parenthesis opened at `m` lists parts: every item is a short noun phrase."""
    inner = text[m.end():text.index(")", m.end())]
    items = [i for i in re.split(r"[,;]|\band\b", inner) if i.strip()]
    return len(items) >= 2 and all(len(i.split()) <= _PART_WORDS for i in items)


def carried_into(seed_text: str, cand_text: str) -> bool:
    """Whether a later plan carries the seed's thing on in a changed form, another vehicle: the seed's
    own terms (all of them, or two or more and at least a third: its verb is seldom repeated) sit on one side of a marker of inclusion or replacement, none on the
    other, and that other side names a thing the seed does not.  A container first (`_CONTAINER_FIRST`: "Developing an integrated urgent care
    service, including the out of hours doctors"): the seed's terms after the marker, none before it,
    and the part before it names something else.  An item first (`_ITEM_FIRST`: "The carers' hub will
    become part of the wellbeing service"): the seed's terms before the marker and none of them after
    it, which names something else.  A seed that itself speaks of including or replacing ("Replace the
    depot's boilers") is restated by a plan that says so again, not revised."""
    seed = set(terms(seed_text))
    if not seed or _CONTAINER_FIRST.search(seed_text) or _ITEM_FIRST.search(seed_text):
        return False
    for pattern, seed_after in ((_CONTAINER_FIRST, True), (_EXAMPLES, True), (_ITEM_FIRST, False)):
        for m in pattern.finditer(cand_text):
            if pattern is _EXAMPLES and not _lists_parts(m, cand_text):
                continue
            before, after = set(terms(cand_text[:m.start()])), set(terms(cand_text[m.end():]))
            own, other = (after, before) if seed_after else (before, after)
            held = len(own & seed)
            if (held == len(seed) or held >= 2 and 3 * held >= len(seed)) and not other & seed and other - seed:
                return True
    return False


def happened_before(text: str, seed_meta: DocumentMeta | None, cand_meta: DocumentMeta | None) -> bool:
    """Whether a later passage's report is placed wholly before the seed's document: it dates what
    it reports, and every date it gives ends before the seed's document was published ("The
    programme began in 2015", "In April 2014 the CCGs set up a project", for a plan of 2016).  It
    tells the history the seed was written in, not what happened after it.  A date with no end
    ("since 2015", "from April 2014") runs up to the passage's own time and places nothing before."""
    if not seed_meta or not seed_meta.date:
        return False
    ends = _date_ends(text, cand_meta.date if cand_meta and cand_meta.date else None)
    return bool(ends) and all(end is not None and end < seed_meta.date for end in ends)


@lru_cache(maxsize=65536)
def _date_ends(text: str, own: str | None) -> tuple[str | None, ...]:
    """The end of each date `text` gives, read against its document's date `own` (ISO): a passage
    is read once however many seeds it is a candidate of."""
    return tuple(m.due.end for m in find_dates(text, date.fromisoformat(own) if own else None))


def _artefacts(text: str) -> set[str]:
    """The kinds of planning document or body a text names (ARTEFACTS, singular): a step done delivers
    a commitment to produce one of the same kind ("Develop a workforce strategy" and "the Workforce
    Strategy was published"), not one of another ("... strategies" and "the board formed sub groups")."""
    return {w.lower().removesuffix("ies") + "y" if w.lower().endswith("ies") else w.lower().removesuffix("s")
            for w in words(text) if w.lower() in ARTEFACTS}


Spell = Callable[[Commitment], str]  # a passage's words as the tests of meaning read them

_DECIDING = {"delivered": 0, "progress": 0, "revised": 1, "restated": 2}
# A passage decides only when its link is at least this share of the strongest in its document: a
# faint report (a past-tense sentence on something else) does not outrank a strong restatement.
# Relative to the deciding document's best, not the thread's: the strongest link is often an
# earlier restatement, and a share of it would silence the latest document.
DECIDE_SHARE = 0.4
# A passage reporting something done delivers the seed when it holds at least half of the seed's own
# action and object (kb.trace.about's core) in two of its words or more, or is close to it in meaning;
# one holding less, or one word only, reports a step on the way (its topic, a part), progress.
DELIVERS_SHARE = 0.5


def _speaks_of(i: TraceItem, by_id: dict[str, TraceItem], core: dict[str, float] | None = None,
               seed_text: str = "", whole: bool = False,
               core_of: Callable[[Commitment], dict[str, float]] | None = None, spell: Spell | None = None) -> bool:
    """Whether a later passage speaks of the seed itself, so its clause can decide the status: it
    holds one of the seed's strongest topic terms (signal `anchor`), not only a side word (a party's
    name, a theme word the seed mentions in passing), and its own words (with its row and list
    lead-in) hold the seed's own action or object, not only the names of its bodies and places
    (kb.trace.about, evidence `about`; `whole`: the core is the seed's heading's, named whole).  A
    table row's other cells speak of what their row speaks of; a sentence shown with its linked
    paragraph, or a row shown because it stands between two linked ones, was never read against
    the seed and speaks of it only in its own words; a review row that names the seed, or
    a link an auditor confirmed or added, always does.

    A passage linked through another (`via`, a chained lineage) that does not speak of the seed in
    its own words speaks of it when each step does: the passage it follows speaks of the seed, and
    it speaks of that passage (the same test, with that passage's own core, `core_of`), as a
    renamed service's 2019 form speaks of its 2016 restatement.  A chain whose last step shares
    only a side word with the step before carries nothing ("the financial position improved" after
    a restatement of a fund's programme plan).  `spell`: a passage's words with its document's
    acronyms spelt out (kb.trace.signals.Signals.words)."""
    if i.evidence.get("match") or i.decision in ("confirmed", "added"):
        return True
    row = by_id.get(i.evidence.get("row", ""))
    sig = (row or i).evidence.get("signals")
    kin = by_id.get(i.evidence.get("paragraph", ""))
    if kin is None and i.evidence.get("between"):  # a row between two linked ones: their anchor, its own words
        kin = next((by_id[k] for k in i.evidence["between"] if k in by_id), None)
    if kin is not None:  # a sentence shown with its paragraph: the linked sentence's anchor, its own words
        sig = (by_id.get(kin.evidence.get("row", "")) or kin).evidence.get("signals", {})
    if sig is None:
        return True  # not scored against the seed and shown beside nothing that was (an auditor's added link)
    if not sig.get("anchor"):
        return False
    if core is None:
        return True
    own = _own_words(row or i, spell)
    side = None if whole else side_terms(seed_text, core)
    held = about(core, own, None, topics_of(seed_text), whole, side)
    if not held.speaks and not whole:  # the embedding only when the words do not settle it (it costs most)
        held = _by_meaning(core, own, seed_text, (row or i).commitment.text, topics_of(seed_text), side)
    (row or i).evidence["about"] = held.evidence()
    if held.speaks:
        return True
    via = by_id.get(i.evidence.get("via", ""))
    if via is None or via is i or "via" in via.evidence or not _speaks_of(via, by_id, core, seed_text, whole,
                                                                          spell=spell):
        return False
    if core_of is None:
        return True
    via_core = core_of(via.commitment)
    via_side = side_terms(spell(via.commitment) if spell else via.commitment.text, via_core)
    step = about(via_core, own, None, topics_of(via.commitment.text), side=via_side)
    if not step.speaks:
        step = _by_meaning(via_core, own, via.commitment.text, (row or i).commitment.text,
                           topics_of(via.commitment.text), via_side)
    (row or i).evidence["about_via"] = step.evidence()
    return step.speaks


def _by_meaning(core: dict[str, float], own: str, seed_text: str, text: str, topics: frozenset[str],
                side: frozenset[str] | None) -> About:
    """`about` with the closeness in meaning of the seed's text and a passage's own text.  A passage
    close in meaning (not naming the seed's topic) that holds one core term must be close without
    that term too (kb.trace.about.rest_meaning), or its closeness is that one word's."""
    held = about(core, own, own_meaning(seed_text, text), topics, side=side)
    if held.speaks and len(held.held) == 1 and not (held.topic and held.meaning >= TOPIC_MEANING):
        held = about(core, own, rest_meaning(seed_text, text, held.held[0]), topics, side=side)
    return held


def _names_its_act(i: TraceItem, core: dict[str, float], spell: Spell | None = None) -> bool:
    """Whether a table cell's own words name what was done, beside or instead of its row's
    commitment: two or more terms that are none of the seed's core, no process word and no part of a
    date ("Undertaken pre-consultation engagement with patient groups"), not only that it was done
    and when ("Complete", "Opened in the spring", "Done by May 2018")."""
    from kb.trace.about import _process

    text = spell(i.commitment) if spell else i.commitment.text
    for m in reversed(find_dates(text, None)):
        text = text[:m.start_char] + " " + text[m.end_char:]
    own = {t for t in terms(text) if t not in core and t not in _process() and not t.isdigit()}
    return len(own) >= 2


def _topic_only(i: TraceItem, by_id: dict[str, TraceItem], seed_own: set[str]) -> bool:
    """Whether a passage was found to speak of the seed (its `about` evidence) only by words of the
    seed's heading's topic: it holds none of `seed_own` (the seed's own core terms), is not close to
    the seed in meaning and does not follow a chained step that names it; a review row or an
    auditor's link always speaks of the seed itself."""
    if not seed_own or i.evidence.get("match") or i.decision in ("confirmed", "added"):
        return False
    own = by_id.get(i.evidence.get("row", "")) or i
    held = own.evidence.get("about")
    if held is None or own.evidence.get("about_via") is not None or not held.get("held"):
        return False
    return not set(held["held"]) & seed_own and (held.get("meaning") or 0.0) < CLOSE_MEANING


def _own_words(i: TraceItem, spell: Spell | None = None) -> str:
    """A passage's own words and its list lead-in (a list item reads with it)."""
    intro = list_intro(i.commitment)
    text = spell(i.commitment) if spell else i.commitment.text
    return f"{intro} {text}" if intro else text


def choose_deciding(later: list[TraceItem], core: dict[str, float] | None = None,
                    seed_text: str = "", whole: bool = False,
                    core_of: Callable[[Commitment], dict[str, float]] | None = None,
                    spell: Spell | None = None,
                    delivers: Callable[[TraceItem], bool] | None = None) -> TraceItem | None:
    """The passage the status is read from, among the later passages that speak of the seed: in
    the latest document that has one, among its passages linked at least DECIDE_SHARE as strongly as
    its best, a passage that reports a result (the seed done, movement measured, a report that it is
    not done) before one that revises, before one that reports only work going on or a step on its
    topic done, before one that restates (`_rank`), the strongest first.  `delivers`: whether what
    a done passage reports done is the seed itself (else it is a step).  None when no later passage
    speaks of the seed (they share only a side word with it)."""
    by_id = {i.commitment.id: i for i in later}
    pool = [i for i in later if _speaks_of(i, by_id, core, seed_text, whole, core_of, spell)]
    if not pool:
        return None
    latest = max(_doc_date(i.doc) for i in pool)
    in_latest = [i for i in pool if _doc_date(i.doc) == latest]
    best = max(i.score for i in in_latest)
    in_latest = [i for i in in_latest if i.score >= DECIDE_SHARE * best]
    return min(in_latest, key=lambda i: (_rank(i, delivers), -i.score))


def _rank(i: TraceItem, delivers: Callable[[TraceItem], bool] | None = None) -> float:
    """How strongly a passage decides beside others of its document: a result first (the seed itself
    done, movement measured with a figure, a stage done with more to come, a report that it is not
    done), then a revision, then work
    only said to be going on or a step on its topic done, then a restatement.  Work going on ("we
    are implementing four projects", "phase 2 started") or a step done ("the group increased its
    membership") reports no result on the commitment: where the same plan carries it forward in a
    changed form (a new date or figure), that work is on the new form, and the plan revises it."""
    report = i.evidence.get("report", "")
    if i.link_type == "progress" and report not in ("partway", "unmet") and not measures_change(i.commitment.text) \
            and not (report == "done" and not i.commitment.targets):
        # work going on, a step done, a passage shown beside a report with none of its own, or a figure
        # that only counts or compares ("eighteen networks have formed", "we spent £2m more than our
        # peers"): no movement measured
        return 1.5
    if i.link_type == "delivered" and delivers is not None and not delivers(i):
        return 1.5
    if i.link_type == "revised" and "between" in i.evidence:
        return 2  # a row shown between two linked ones was never read against the seed: its date is its own
    return _DECIDING[i.link_type]


def thread_status(seed: Commitment, seed_meta: DocumentMeta | None, items: list[TraceItem],
                  newest_doc_date: str | None, later_docs: list[str] | None = None,
                  idf: Callable[[str], float] | None = None, ignore: Iterable[str] = (), seed_row: str = "",
                  spell: Spell | None = None) -> tuple[str, str, TraceItem | None]:
    """delivered / in progress / revised / restated / overdue / silent, why, and the deciding passage.

    A review row that names the seed (evidence `match`, kb.trace.progress) is the body's own
    verdict and decides, the latest such row if several: its reported status gives the status
    (`reviewed_status`).  Otherwise `choose_deciding` picks the passage among those that speak of
    the seed (a passage sharing only a party's name or a side theme word with it never decides; when
    no passage speaks of it the seed is overdue once its due date has passed, else silent, and the
    reason names the documents whose passages share only a side word and the later documents
    searched).  Its clause gives the status: done -> delivered (in progress when it measures
    movement), ongoing -> in progress, unmet -> overdue once the seed's due date has
    passed (else in progress) -- done delivers it only when what was done is the seed itself (the
    passage holds DELIVERS_SHARE of its core in two words or more, or is close in meaning; a seed that sets a direction
    with no end point, `open_ended`, is moved on by it, in progress), else it is a step, in progress,
    and a report that it was done stands against a later document that only restates or revises
    it, or reports a step on its topic done (not work going on, not a report that it is unmet); a report
    of work on it (going on, part way, a step done) stands against a later document that only
    restates it, a restatement being a repeat with no progress reported (not against a revision, nor
    against a latest word past the due date that is no new commitment); a revision -> revised; a restatement -> restated when
    it holds the seed itself (the test a report of it done meets), else revised (carried forward in a
    changed form: a wider aim, another vehicle, a part of it), or overdue when the
    seed's due date has passed by the newest document and the latest word is no new commitment (a
    description, a statement of need, a conditional "could"): a later plan that commits to it again
    (a planned clause: "we will", an imperative, "aims to") carries it forward, restated or, in a
    changed form, revised; a statement of fact (an evidence passage) is
    never a revision, whatever its figures and dates.  `silent` also when no later document links
    to the thread, naming the documents searched (`overdue` when its due date has passed by the
    newest document).  `spell`: a passage's words with its document's
    acronyms spelt out, for the test of what speaks of the seed."""
    later = [i for i in items if i.link_type in _DECIDING]
    seed_due = latest_due(seed) or implied_due(seed, seed_meta)
    passed = bool(seed_due and newest_doc_date and seed_due < newest_doc_date)
    if not later:
        searched = ", ".join(later_docs or []) or "none"
        if passed:  # its date passed with no word of it
            return "overdue", f"due by {seed_due}; no passage of a later document links to it (searched: {searched})", None
        return "silent", f"no passage of a later document links to it (searched: {searched})", None
    reviewed = [i for i in later if i.evidence.get("match")]
    if reviewed:
        row = max(reviewed, key=lambda i: (_doc_date(i.doc), i.score))
        status, reason = reviewed_status(seed, seed_meta, row, newest_doc_date)
        return status, reason, row
    weigh = idf or _flat
    heading = seed.heading
    seed_text = spell(seed) if spell else seed.text
    core = seed_core(seed_text, heading, weigh, ignore, seed_row)

    def core_of(c: Commitment) -> dict[str, float]:  # a chained passage's own core, for the step test
        return seed_core(spell(c) if spell else c.text, c.heading, weigh, ignore)

    by_id = {i.commitment.id: i for i in later}
    side = side_terms(seed_text, core)

    def delivers(i: TraceItem) -> bool:
        """What the passage speaks of (done, or planned again) is the seed itself: a review row or an
        auditor's link says so, or the passage holds most of the seed's core, or is close to it in
        meaning (not a step on its topic, nor a changed form of it).  A
        table cell is read by its row, unless its own words name what was done ("Undertaken
        engagement with patient groups" beside "Improve stroke services"): then by them."""
        if i.evidence.get("match") or i.decision in ("confirmed", "added"):
            return True
        own = by_id.get(i.evidence.get("row", "")) or i
        held = own.evidence.get("about") or about(core, _own_words(own, spell), side=side).evidence()
        if own is not i and _names_its_act(i, core, spell):
            own = i  # a cell that says what was done ("Undertaken pre-consultation engagement"): its words
            held = about(core, _own_words(i, spell), side=side).evidence()
        if held["share"] >= DELIVERS_SHARE and not held.get("side") and len(held.get("held", ())) >= 2:
            return True
        # (one word of the seed's held, however rare, is its topic shared ("education" of "patients helped
        # to access care through education", "community" of "care in accessible community settings"):
        # what was done is the seed only when the passage is close to it in meaning too, below)
        step = own.evidence.get("about_via")
        if step is not None and step["share"] >= CORE_SHARE:
            return True  # a renamed thing's later form (a chain), done: the step it follows names the seed's
        meaning = held.get("meaning")
        if meaning is None:
            meaning = own_meaning(seed_text, i.commitment.text)
        return meaning is not None and meaning >= CLOSE_MEANING

    whole = heading_only(seed_text, heading, ignore, seed_row)
    deciding = choose_deciding(later, core, seed_text, whole, core_of, spell, delivers)
    # A passage that speaks of the seed only by the topic its heading names (none of the seed's own
    # words, not close to it in meaning) carries the topic on; what it reports done or moving is on
    # the topic, not on the seed ("a 15% fall in missed appointments" for "make clinics easier to reach"
    # under "Outpatients"): for the seed it is a restatement.
    seed_own = set() if whole else {t for t in core if t in set(terms(seed_text)) | set(terms(seed_row))}
    recast = [i for i in later if i.link_type in ("delivered", "progress") and _topic_only(i, by_id, seed_own)]
    if recast:
        for i in recast:
            i.link_type = "restated"
            i.evidence["topic_only"] = True
        deciding = choose_deciding(later, core, seed_text, whole, core_of, spell, delivers)
    if deciding is None:
        side = ", ".join(sorted({i.commitment.doc_id for i in later}))
        searched = ", ".join(later_docs or []) or side
        why = f"no later passage speaks of it ({side} share only a side word; searched: {searched})"
        if passed:
            return "overdue", f"due by {seed_due}; {why}", None
        return "silent", why, None
    report = deciding.evidence.get("report", "")
    if deciding.link_type not in ("delivered", "progress") and report != "unmet" \
            or deciding.link_type == "delivered" and not delivers(deciding):
        # the latest word only restates or revises, or reports a step on its topic done (not the
        # commitment itself): an earlier report that the commitment itself was done still stands
        done = [i for i in later if i.link_type == "delivered" and _doc_date(i.doc) < _doc_date(deciding.doc)
                and _speaks_of(i, by_id, core, seed_text, False, core_of, spell) and delivers(i)]
        if done:
            deciding = max(done, key=lambda i: (_doc_date(i.doc), i.score))
            report = deciding.evidence.get("report", "")
    if deciding.link_type == "restated" and report != "unmet" and (not passed or report == "planned"):
        # the latest word repeats it, and a restatement is a repeat with no progress reported: an
        # earlier report of work on it (begun, going on, part way, a step done) still stands.  Not
        # against a revision (the work was on the old form) nor past the due date with no new pledge.
        moving = [i for i in later if i.link_type in ("progress", "delivered")
                  and _doc_date(i.doc) < _doc_date(deciding.doc) and i.evidence.get("report", "") != "unmet"
                  and _speaks_of(i, by_id, core, seed_text, False, core_of, spell)]
        if moving:
            deciding = max(moving, key=lambda i: (_doc_date(i.doc), -_rank(i, delivers), i.score))
            report = deciding.evidence.get("report", "")
    where = f"{deciding.commitment.doc_id}: {deciding.commitment.text}"
    if report == "unmet":
        due = due_end(seed, seed_meta)
        if due and due >= _doc_date(deciding.doc):
            return "in progress", f"not done yet, due by {due}: {where}", deciding
        return "overdue", where, deciding
    if deciding.link_type == "delivered":
        done = delivers(deciding)
        if done and not open_ended(seed.text):
            return "delivered", where, deciding
        deciding.link_type = "progress"  # movement, not the end: the link says so too
        if done:  # a direction of travel has no end point: what was done on it is movement
            return "in progress", f"an aim with no end point, moved on: {where}", deciding
        return "in progress", f"a step on it done, not the commitment itself: {where}", deciding
    if deciding.link_type == "progress":
        return "in progress", where, deciding
    if deciding.link_type == "revised":
        return "revised", where, deciding
    if passed and report != "planned":
        return "overdue", f"due by {seed_due}; latest word, no delivery reported: {where}", deciding
    # a later plan commits to it again (past its date: carried forward, not left undone); the same
    # test as for a report of it done: a repeat holds the seed itself, else the plan carries it on
    # in a changed form (a wider aim, another vehicle, a part of it), which is a revision
    due = f"due by {seed_due}; " if passed else ""
    if not deciding.evidence.get("topic_only") and not delivers(deciding):
        # (a report on the seed's topic only, recast as a restatement above, carries the topic on: no
        # changed form of the seed)
        deciding.link_type = "revised"  # the link says so too
        return "revised", f"{due}carried forward in a changed form: {where}", deciding
    return "restated", f"{due}committed to again: {where}" if passed else where, deciding


# A later passage no link reached returns to a seed left silent when its words and its meaning both
# agree with it: it holds the seed's own object (a fair share of its core, one of the seed's own
# terms, not only a side word or its heading's topic) and is close to it in meaning, well above
# two unrelated plan sentences (0.1-0.3) though short of CLOSE_MEANING, which alone would do.
RETURN_MEANING = 0.5
# ... and holds at least this many of the seed's own terms that are no side word: one shared word,
# however rare, is what a static embedding of a short text leans on ("community" in two sentences).
RETURN_TERMS = 2


def returning_passage(seed: Commitment, seed_meta: DocumentMeta | None, candidates: Iterable[Commitment],
                      metas: dict[str, DocumentMeta], idf: Callable[[str], float] | None = None,
                      ignore: Iterable[str] = (), seed_row: str = "", spell: Spell | None = None,
                      reports: dict[str, str] | None = None) -> TraceItem | None:
    """The later passage that returns to a seed no linked passage speaks of (its status silent, or
    overdue with no word of it), among `candidates` its links were chosen from but did not reach:
    the one closest to the seed in meaning of those that pass both tests (`RETURN_MEANING`).  Both,
    not either: a shared word alone ("the contract", "the community") is a side word's link, and
    closeness in meaning alone is the closeness of two plans' common language; it must hold two of
    the seed's own terms (`RETURN_TERMS`), not one word and its heading's topic.  None when no passage does,
    or the seed's own words name nothing (`heading_only`).  Its link type is read from its clause
    (`link_type`), its evidence says it returns (`returns`)."""
    seed_text = spell(seed) if spell else seed.text
    ignore = tuple(ignore)
    if heading_only(seed_text, seed.heading, ignore, seed_row):
        return None
    core = seed_core(seed_text, seed.heading, idf or _flat, ignore, seed_row)
    written = set(terms(seed_text)) | set(terms(seed_row))
    own = {t for t in core if t in written}
    side = side_terms(seed_text, core)
    topics = topics_of(seed_text)
    seed_date = _doc_date(seed_meta)
    best: tuple[float, str, Commitment, About] | None = None
    for c in candidates:
        meta = metas.get(c.doc_id)
        if c.doc_id == seed.doc_id or _doc_date(meta) <= seed_date:
            continue
        text = spell(c) if spell else c.text
        held = about(core, _own_words(TraceItem(c, meta, "", 0.0, {}), spell), None, topics, side=side)
        if len(set(held.held) & own - side) < RETURN_TERMS or not (held.share >= CORE_SHARE
                                                                   or len(held.held) >= CORE_HELD):
            continue
        meaning = own_meaning(seed_text, text)
        if meaning is None or meaning < RETURN_MEANING:
            continue
        key = (meaning, _doc_date(meta))
        if best is None or key > best[:2]:
            best = (meaning, _doc_date(meta), c, held)
    if best is None:
        return None
    meaning, _, c, held = best
    meta = metas.get(c.doc_id)
    report = (reports or {}).get(c.id, "")
    evidence: dict = {"terms": list(held.held), "returns": True,
                      "about": About(held.share, held.held, meaning, held.topic).evidence()}
    if report:
        evidence["report"] = report
    return TraceItem(c, meta, link_type(seed_meta, seed, meta, c, report), round(meaning, 4), evidence)


def status_or_return(seed: Commitment, seed_meta: DocumentMeta | None, items: list[TraceItem],
                     newest_doc_date: str | None, later_docs: list[str] | None,
                     candidates: Callable[[], Iterable[Commitment]],
                     metas: dict[str, DocumentMeta], idf: Callable[[str], float] | None = None,
                     ignore: Iterable[str] = (), seed_row: str = "", spell: Spell | None = None,
                     reports: dict[str, str] | None = None
                     ) -> tuple[str, str, TraceItem | None, TraceItem | None]:
    """`thread_status` over the linked `items`; when no linked passage speaks of the seed, a passage
    among `candidates()` (those scored for it, not linked; asked for only then) that returns to it (`returning_passage`)
    is added and decides.  The status, why, the deciding passage, and that returning passage (or
    None): `kb trace` and `kb threads` both decide this way."""
    ignore = tuple(ignore)
    status, reason, deciding = thread_status(seed, seed_meta, items, newest_doc_date, later_docs, idf, ignore,
                                             seed_row, spell)
    if deciding is not None:
        return status, reason, deciding, None
    linked = {i.commitment.id for i in items}
    back = returning_passage(seed, seed_meta, (c for c in candidates() if c.id not in linked), metas, idf, ignore,
                             seed_row, spell, reports)
    if back is None:
        return status, reason, deciding, None
    status, reason, deciding = thread_status(seed, seed_meta, [*items, back], newest_doc_date, later_docs, idf,
                                             ignore, seed_row, spell)
    return status, reason, deciding, back


# Words by which a plan sets a direction of travel rather than an end to reach: "increasingly
# commission care in the community", "continue to widen access", "ever more services online".
_OPEN_ENDED = re.compile(r"\b(?:increasingly|progressively|ever more|more and more|continu(?:e|es|ing) to)\b", re.I)


# A commitment that opens with a change to make (a verb, participle or comparative of more or less,
# better or worse) names a direction; with a figure ("Reduce waits by 30%") it names an end point.
_DIRECTION = re.compile(r"\W*(?:to\s+)?(?:improv|enhanc|increas|reduc|strengthen|promot|encourag|maximi[sz]|"
                        r"minimi[sz]|better\b|greater\b|more\b|wider\b|fewer\b|less\b)", re.I)


def open_ended(text: str) -> bool:
    """Whether a commitment sets a direction with no end point (`_OPEN_ENDED`: "increasingly
    commissioning care closer to home", "continue to widen access to the gym"): nothing done on it
    completes it, so a report that something was done is movement, in progress, not delivery.
    So does one that only names a change to make, with no figure to reach (`_DIRECTION`: "Enhanced
    support for carers", "Improve access to talking therapies", "Reduce delayed discharges")."""
    return bool(_OPEN_ENDED.search(text)) or bool(_DIRECTION.match(text)) and not re.search(r"\d", text)


def _flat(term: str) -> float:
    """Every term weighing the same, when no collection's rarity is at hand."""
    return 1.0


def due_end(seed: Commitment, seed_meta: DocumentMeta | None) -> str | None:
    """When the seed was due: its own latest due date, else the time its own words set from its
    document's date (`implied_due`), else the end of the period its plan covers."""
    return latest_due(seed) or implied_due(seed, seed_meta) or plan_end(seed_meta)


# A commitment with no date of its own may still set itself a time, counted from its document's date:
# a window that names no length ("in the months ahead", "within the next few weeks") ends, in plain
# English, within the year (a few weeks: within a quarter); a cadence ("every three months", "each
# quarter", "annually") first falls due one interval after the document.  A date range the date
# normaliser reads ("over the next 12 months") is a due date already and comes first.
_WINDOW = re.compile(r"\b(?:over|in|during|within)\s+the\s+(?:coming|next|following|forthcoming|ensuing)\s+"
                     r"(?:few\s+|several\s+|couple\s+of\s+)?(?P<unit>weeks|months)\b", re.I)
_CADENCE_NUMBER = {"two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "eighteen": 18}
_CADENCE = re.compile(r"\b(?:every|each)\s+(?:(?P<n>\d{1,2}|" + "|".join(_CADENCE_NUMBER) + r")\s+)?"
                      r"(?P<unit>week|month|quarter|year)s?\b|\b(?P<adverb>quarterly|annually|biannually|bi-annually|"
                      r"six-monthly|six\s+monthly)\b", re.I)
_UNIT_MONTHS = {"week": 0.25, "month": 1, "quarter": 3, "year": 12, "quarterly": 3, "annually": 12,
                "biannually": 6, "bi-annually": 6, "six-monthly": 6, "six monthly": 6}


def implied_due(c: Commitment, meta: DocumentMeta | None) -> str | None:
    """The end (ISO) of the time a record's own words set from its document's date (`_WINDOW`,
    `_CADENCE`), or None: "In the coming months the council will consult tenants" in a paper of May
    2020 is due by the end of April 2021; "reports to the cabinet each quarter" first by the end of
    July 2020."""
    start = meta.doc_date() if meta is not None else None
    if start is None:
        return None
    months = 0.0
    if m := _WINDOW.search(c.text):
        months = 3 if m.group("unit").lower() == "weeks" else 12
    elif m := _CADENCE.search(c.text):
        if m.group("adverb"):
            months = _UNIT_MONTHS[re.sub(r"\s+", " ", m.group("adverb").lower())]
        else:
            n = m.group("n")
            count = int(n) if n and n.isdigit() else _CADENCE_NUMBER.get((n or "").lower(), 1)
            months = count * _UNIT_MONTHS[m.group("unit").lower()]
    if not months:
        return None
    # the last day of the month before the one `months` after the document's month
    year, month = divmod(start.month - 1 + max(1, round(months)), 12)
    first_after = start.replace(year=start.year + year, month=month + 1, day=1)
    return (first_after - timedelta(days=1)).isoformat()


def latest_due(c: Commitment) -> str | None:
    """The end of the latest due date a record gives (ISO), or None."""
    return max((d.end for d in c.due if d.end), default=None)


def plan_end(meta: DocumentMeta | None) -> str | None:
    """The end of the period a document covers: its `period_end`, else the end of the period its
    catalog entry or title writes ("2016/17 – 2020/21" ends 2021-03-31)."""
    if meta is None:
        return None
    if meta.period_end or not meta.period:
        return meta.period_end
    return max((end for end in _date_ends(meta.period, None) if end), default=None)


# A status that says the action missed its date, not only that it is unfinished: "Behind schedule",
# "Delayed", "Slipped", "Overdue", "Running late", "Deadline missed", "Not completed by the target date".
_LATE = re.compile(r"(?:\W*(?:status|rag|progress)\s*[:=-]\s*)?(?:red\s*(?:[-–—:/(,]\s*|\s+))?"
                   r"(?:behind(?: (?:schedule|plan|target|time|timescale))?|delayed|slipped|overdue|late|running late|"
                   r"(?:deadline|target date|date) missed|missed|past (?:due|its due date|the due date)|"
                   r"not (?:complete[d]?|achieved|delivered|met|done) (?:on time|by (?:the |its )?(?:target|due) date))\b")

# A status that moves the action to a later date of the body's choosing: "Deferred to 2025/26",
# "Postponed until spring 2025", "Rescheduled for Q2 2025/26", "Carried forward to year 4".
# (a saving "Slipped to 2026/27" or "Re-profiled to 2026/27", as finance teams track them, too)
_MOVED_ON = re.compile(r"(?:\W*(?:status|rag|progress)\s*[:=-]\s*)?(?:deferred|postponed|rescheduled|re-scheduled|"
                       r"carried (?:forward|over)|rolled (?:forward|over)|moved|slipped|slipping|re-?profiled|re-?phased)"
                       r"\s*[-–—,:]?\s+(?:to|until|till|into|for|now)\s+"
                       r"(?:the\s+)?(?:\d|q[1-4]|year|spring|summer|autumn|winter|next|early|late|mid|end|"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)")


def _row_deadline(row: Commitment) -> str | None:
    """The latest date a review row gives its unfinished action in a date column of its own ("Revised
    deadline: 31/03/2026"), the body's own later deadline; not a date its heading gives the whole table
    ("Smokefree Kelsall 2021–2024") nor one its update tells of ("the last teams start in 2025")."""
    own = [d.end for d in row.due if d.end and d.text not in row.section
           and not date_told(row.text[:row.text.find(d.text)] if d.text in row.text else "", d.text)]
    return max(own, default=None)


def reviewed_status(seed: Commitment, seed_meta: DocumentMeta | None, row: TraceItem,
                    newest_doc_date: str | None = None) -> tuple[str, str]:
    """The status a review row reports for the seed, in kb's words, and why: done -> delivered,
    ongoing or partial -> in progress, superseded or withdrawn -> revised, and not done (incomplete,
    not started, delayed) -> overdue once the seed's due date (or its plan's end) has passed by the
    review's date, else in progress."""
    c = row.commitment
    report = row.evidence.get("report", "")
    where = f"{c.doc_id}: {c.text} — reported: {c.reported}"
    if report == "done":
        return "delivered", where
    if report == "revised":
        return "revised", where
    if report == "unmet":
        due = due_end(seed, seed_meta)
        when = row.doc.date if row.doc and row.doc.date else newest_doc_date  # an undated review: the latest word
        ahead = _row_deadline(c)
        if ahead and (not due or ahead > due):
            due = ahead
        if _MOVED_ON.match(" ".join(c.reported.lower().split())):
            # "Deferred to 2025/26", "Postponed until spring 2025": the body itself gives the action a
            # later date, so the review restates it with that date; it is neither done nor dropped
            return "restated", f"moved to a later date: {where}"
        if _LATE.match(" ".join(c.reported.lower().split())):
            # "Behind schedule", "Delayed", "Slipped": the body says the date it was given has passed,
            # whatever date kb read for it (a tick under "Year 3", "every two years", none at all)
            return "overdue", f"reported late: {where}"
        if due and when and due >= when:
            return "in progress", f"not done yet, due by {due}: {where}"
        return "overdue", (f"due by {due}; " if due else "") + where
    return "in progress", where


class Tracer:
    """Seed-centric traces over one store + search index (build once, trace many)."""

    def __init__(self, kb, decisions: DecisionLog):
        self.kb = kb
        self.decisions = decisions
        self.metas = {d.meta.id: d.meta for d in kb.documents()}
        records = kb.commitments(include_evidence=True)
        self.by_id = {c.id: c for c in records}
        self.by_doc: dict[str, list[Commitment]] = {}  # each document's records in reading order
        for c in records:
            self.by_doc.setdefault(c.doc_id, []).append(c)
        self.order = {c.id: n for recs in self.by_doc.values() for n, c in enumerate(recs)}
        self.by_section: dict[tuple[str, str], list[Commitment]] = {}  # records with a line, by place
        self.by_line: dict[tuple[str, int], list[Commitment]] = {}  # a paragraph's (or table row's) records
        for c in records:  # a PDF's records by their place in its reading order (Commitment.order)
            if c.order is not None:
                self.by_section.setdefault((c.doc_id, c.section), []).append(c)
                self.by_line.setdefault((c.doc_id, c.order), []).append(c)
        self.vectoriser = Vectoriser([c.text for c in records], area_terms(m.organisation for m in self.metas.values()))
        self.family: dict[str, list[str]] = {}
        for c in records:
            if c.parent_id:
                self.family.setdefault(c.parent_id, []).append(c.id)
                self.family.setdefault(c.id, []).append(c.parent_id)
        self._vectors: dict[str, dict[str, float]] = {}
        self.records = records
        self._signals = None
        self.calibration: Calibration | None = None  # None: the fitted weights.json
        self.reports: dict[str, str] = kb.store.reports()  # each record's clause report, read at ingest
        self._rows: dict[str, list[RowMatch]] | None = None
        self._renumbered: dict[str, list[str]] | None = None
        self._areas: dict[str, frozenset[str]] | None = None
        # Read once, for every seed: the record id of each search-index document number (reading
        # a hit's stored fields is a third of a query's cost), the date of each signals record,
        # the seed whose pool was built last (a silent seed's status reads its pool again)
        self._hit_ids: dict[int, str] = {}
        self._hit_ids_of = None  # the index searcher they were read from
        self._record_dates: np.ndarray | None = None
        self._later_than: dict[str, np.ndarray] = {}
        self._reading = 0  # counts the traces and statuses read: a kept pool serves only the one it was built in
        self._last_pool: tuple[str, int, list[Commitment]] | None = None
        self._last_decisions: tuple[str, int, tuple[dict, list[OrphanDecision]]] | None = None
        self._related: dict[tuple[str, str], bool] = {}  # (seed's document, another) -> same area

    @property
    def signals(self):
        """Structures, vectors and embeddings of every record (built on the first trace)."""
        if self._signals is None:
            from kb.trace.signals import Signals, document_acronyms, document_renamings

            vectors = None
            try:
                from kb.semantic import SemanticUnavailable, vectors_for

                vectors = vectors_for(self.kb, [c.id for c in self.records])
            except (ImportError, SemanticUnavailable):
                pass  # words and structure alone
            self._signals = Signals(self.records, self.metas, vectors, self.reports,
                                    document_acronyms(self.kb.store, self.metas),
                                    document_renamings(self.kb.store, self.metas))
        return self._signals

    @property
    def review_rows(self) -> dict[str, list[RowMatch]]:
        """Each review row's actions (kb.trace.progress), matched once over the whole collection."""
        if self._rows is None:
            self._rows = match_rows(self.records, self.metas, self.signals, self.areas)
        return self._rows

    def _with_review_rows(self, seed: Commitment, items: list[TraceItem]) -> list[TraceItem]:
        """The review row that names the seed joins its trace as its deciding evidence (evidence
        `match`, `reported`), even when the wording alone scored it under the threshold; rows that
        name another action, one not on this trace, are about that action and leave."""
        rows = self.review_rows
        # the seed and its later forms (a 2022 row may name the 2020 restatement), not its siblings; and
        # the action title it is written under, when that title is a record of its own
        on_trace = {seed.id, *(i.commitment.id for i in items if i.link_type in _DECIDING)}
        title = self._titled_by(seed)
        if title is not None:
            on_trace.add(title.id)
        # a row naming several actions ("4B and 4C") is about each of them
        mine = {r: m for r, ms in rows.items() if (m := next((m for m in ms if m.action == seed.id), None)
                                                   or next((m for m in ms if m.action in on_trace), None))}
        others = rows.keys() - mine.keys()  # a row's cells (its latest update) go with it
        out = [i for i in items if i.commitment.id not in others and i.commitment.parent_id not in others]
        have = {i.commitment.id: i for i in out}
        for row_id, m in mine.items():
            c = self.by_id.get(row_id)
            if c is None:
                continue
            item = have.get(row_id)
            if item is None:
                item = self._joined(c, review_link_type, round(min(m.score, 1.0), 4))
                out.append(item)
            item.link_type = review_link_type(self.reports.get(c.id, ""))
            item.evidence["match"] = m.evidence() | ({"of": m.action} if m.action != seed.id else {})
            item.evidence["reported"] = c.reported
        return out

    def _titled_by(self, seed: Commitment) -> Commitment | None:
        """The record an action block's title made, when the seed is written under it ("3.2.3 Recruit a
        panel of tenants" over "Set up a panel of people who rent from us ..."): the same action,
        which a review names by the title's number or words.  The nearest record before the seed, in
        its document and within TITLE_REACH records, whose text is the seed's heading."""
        heading = seed.heading
        mine = self.by_doc.get(seed.doc_id, [])
        at = self.order.get(seed.id)
        if not heading or at is None:
            return None
        for c in reversed(mine[max(0, at - TITLE_REACH):at]):
            if c.kind != "evidence" and c.text.strip(" *") == heading:
                return c
        return None

    def _joined(self, c: Commitment, kind: Callable[[str], str], score: float) -> TraceItem:
        """A passage that joins the trace by what names the seed (a review row, an old number), not by
        its score against it: its link type from its clause report (`kind`), its evidence that report."""
        report = self.reports.get(c.id, "")
        return TraceItem(c, self.metas.get(c.doc_id), kind(report), score,
                         {"terms": [], "report": report} if report else {"terms": []})

    @property
    def renumbered(self) -> dict[str, list[str]]:
        """The later passages that name each action by its old number (kb.trace.progress.renumbered)."""
        if self._renumbered is None:
            self._renumbered = renumbered(self.records, self.metas, self.areas)
        return self._renumbered

    def _with_renumbered(self, seed: Commitment, items: list[TraceItem]) -> list[TraceItem]:
        """A later plan's passage that names the seed by its old number ("B2 (was 3.4): ...", "(action
        1.4)") speaks of the seed, however its words changed: it joins the trace, read as any later
        passage is (restated, revised, dropped)."""
        have = {i.commitment.id: i for i in items}
        seed_meta = self.metas.get(seed.doc_id)
        for cid in self.renumbered.get(seed.id, []):
            c = self.by_id.get(cid)
            if c is None:
                continue
            item = have.get(cid)
            if item is None:
                item = self._joined(c, lambda report, c=c: link_type(seed_meta, seed, self.metas.get(c.doc_id), c, report),
                                    RENUMBERED_SCORE)
                items = [*items, item]
            else:
                item.score = max(item.score, RENUMBERED_SCORE)
            item.evidence["renumbered"] = True
        return items

    def vector(self, c: Commitment, with_heading: bool = False) -> dict[str, float]:
        key = c.id + ("+h" if with_heading else "")
        if key not in self._vectors:
            heading = " ".join(c.section.split(" › ")[-1:]) if with_heading else ""
            self._vectors[key] = self.vectoriser.vector(c.text, heading, extra_weight=HEADING_WEIGHT)
        return self._vectors[key]

    def candidates(self, seed: Commitment, later_only: bool = False, limit: int = CANDIDATES) -> list[Commitment]:
        """Passages the search index ranks for the seed's words and its heading's words."""
        heading = seed.heading
        key = set(self.topic(seed))
        # Ask the index for the topic's own words (and their thesaurus group), not every word of the
        # seed: generic words would crowd out passages that name the topic only in their heading.
        query_words = [w for w in words(f"{seed.text} {heading}") if len(w) > 2 and set(terms(w)) & key
                       and w.upper() not in ("AND", "OR", "NOT", "ANDNOT")]
        phrases = [f'"{p}"' for p in concept_phrases(f"{seed.text} {heading}")]
        query = " ".join(dict.fromkeys([*phrases, *(re.sub(r"[^\w&-]", "", w) for w in query_words)]))
        if not query:
            return []
        searcher = self.kb.searcher()
        parsed = searcher.parse(query)
        q = parsed.combined()
        # Thesaurus concepts the seed names, by id: "walk in centre" also finds "UCCs" and "UTCs".
        concepts = {searcher.concept(p) for p in concept_phrases(f"{seed.text} {heading}")} - {None}
        if concepts:
            q = Q.Or([q, *(Q.Term("concepts", k) for k in sorted(concepts))])
        if later_only:
            seed_date = _doc_date(self.metas.get(seed.doc_id))
            later = [d for d, m in self.metas.items() if _doc_date(m) > seed_date]
            if not later:
                return []
            q = Q.And([q, Q.Or([Q.Term("doc_id", d) for d in later])])
        results = searcher._searcher.search(q, limit=limit)
        ids = [self._hit_id(searcher._searcher, docnum) for _, docnum in results.top_n]
        return [self.by_id[i] for i in ids if i in self.by_id and i != seed.id]

    def _hit_id(self, searcher, docnum: int) -> str:
        """The record id of a search-index document, read from its stored fields once per index."""
        if searcher is not self._hit_ids_of:
            self._hit_ids, self._hit_ids_of = {}, searcher
        cid = self._hit_ids.get(docnum)
        if cid is None:
            cid = self._hit_ids[docnum] = searcher.stored_fields(docnum)["id"]
        return cid

    def topic(self, seed: Commitment) -> dict[str, float]:
        """The seed's key terms, weighted 0..1: its most specific words and its heading's."""
        vec = self.vector(seed, with_heading=True)
        if not vec:
            return {}
        top = max(vec.values())
        ranked = sorted(((t, w / top) for t, w in vec.items()), key=lambda kv: -kv[1])
        return dict(kv for kv in ranked[:4] if kv[1] >= 0.45) or dict(ranked[:1])

    @property
    def areas(self) -> dict[str, frozenset[str]]:
        """Each document's places (kb.trace.areas): a trace stays within the seed's area."""
        if self._areas is None:
            self._areas = document_areas(self.records, self.metas)
        return self._areas

    def related(self, seed: Commitment, doc_id: str) -> bool:
        """Whether a passage of `doc_id` may be on the seed's trace: a paper of the seed's area."""
        key = (seed.doc_id, doc_id)
        same = self._related.get(key)
        if same is None:
            same = self._related[key] = same_area(self.areas, seed.doc_id, doc_id)
        return same

    def pool(self, seed: Commitment) -> list[Commitment]:
        """Candidates: the index's lexical matches and the passages nearest the seed in meaning,
        from the papers of the seed's area.  The last seed's pool is kept: a status that no linked
        passage decides reads the same pool again for a passage that returns to the seed."""
        last = self._last_pool
        if last is not None and last[:2] == (seed.id, self._reading):
            return list(last[2])
        out = {c.id: c for c in self.candidates(seed)}
        sig = self.signals
        if sig.has_semantic:  # the nearest in topic: closeness with the collection's common component out
            sims = sig.topic_to(seed.id)
            for n in np.argsort(-sims)[:SEMANTIC_CANDIDATES + 1]:
                c = sig.records[int(n)]
                if c.id != seed.id:
                    out.setdefault(c.id, c)
        pool = [c for c in out.values() if self.related(seed, c.doc_id)]
        self._last_pool = (seed.id, self._reading, pool)
        return list(pool)

    def score_pool(self, seed: Commitment, calibration: Calibration | None = None) -> list[Scored]:
        """Every candidate with its signals and probabilities, unthresholded.

        Direct pass: each candidate against the seed.  Chain pass: the direct links of later
        documents (2016) reach further (2019), so a passage that restates a restatement gets the
        `chain` signal, its similarity in meaning to the earlier link times that link's probability."""
        cal = calibration or self.calibration or load_calibration()
        sig = self.signals
        topic = sig.topic(seed.id)
        sem = sig.semantic_to(seed.id)
        seed_date = _doc_date(self.metas.get(seed.doc_id))

        def scored(c: Commitment) -> Scored:  # its direct probability is set by `rescore`, over the pool
            n = sig.row[c.id]
            f, shared = sig.features(seed, topic, c, float(sem[n]))
            return Scored(c, f, shared, 0.0)

        pool = {c.id: scored(c) for c in self.pool(seed)}
        rescore(pool.values(), cal)
        strongest = sorted((s for s in pool.values() if s.direct >= cal.direct.threshold), key=lambda s: -s.direct)
        before = len(pool)
        for s in strongest[:SECTION_SOURCES]:
            for c in self.near(s.commitment):
                if c.id not in pool and c.id != seed.id:
                    pool[c.id] = scored(c)
        if len(pool) > before:  # the relative signals and direct probabilities over the wider pool
            rescore(pool.values(), cal)
        date_of = {cid: _doc_date(self.metas.get(s.commitment.doc_id)) for cid, s in pool.items()}
        sources = sorted((s for s in pool.values() if s.direct >= cal.direct.threshold
                          and date_of[s.commitment.id] > seed_date), key=lambda s: -s.direct)[:CHAIN_SOURCES]
        if sig.has_semantic and sources:
            src_rows = np.array([sig.row[s.commitment.id] for s in sources])
            src_emb = sig.ctx_emb[src_rows]
            src_dates = [date_of[s.commitment.id] for s in sources]
            sims = sig.ctx_emb @ src_emb.T  # every record x every chain source
            for k in range(len(sources)):
                col = np.where(self._records_later_than(src_dates[k]), sims[:, k], -1.0)
                for n in np.argsort(-col)[:CHAIN_NEIGHBOURS]:
                    c = sig.records[int(n)]
                    if col[n] > 0 and c.id not in pool and c.id != seed.id and self.related(seed, c.doc_id):
                        pool[c.id] = scored(c)
                        date_of[c.id] = _doc_date(self.metas.get(c.doc_id))
            rescore(pool.values(), cal)
            direct = np.array([s.direct for s in sources])
            # every candidate x every chain source at once (the same products, element by element)
            cids = list(pool)
            later = np.array(src_dates)[None, :] < np.array([date_of[cid] for cid in cids])[:, None]
            strength = sims[[sig.row[cid] for cid in cids]] * direct * later
            strength[np.array([s.commitment.id for s in sources])[None, :] == np.array(cids)[:, None]] = 0.0  # not its own chain
            best = np.argmax(strength, axis=1)
            for n in np.flatnonzero(later.any(axis=1)):
                k = int(best[n])
                if strength[n, k] > 0:
                    s = pool[cids[n]]
                    s.signals["chain"] = float(strength[n, k])
                    s.via = sources[k].commitment.id
        feedback(sig, pool.values(), [s for s in pool.values() if date_of[s.commitment.id] > seed_date],
                 cal.direct.threshold)
        section_support(seed, pool.values())
        for s in pool.values():
            s.probability = cal.chained.probability(s.signals)
        return list(pool.values())

    def _records_later_than(self, day: str) -> np.ndarray:
        """Which signals records (in their order) are of a document dated after `day`."""
        mask = self._later_than.get(day)
        if mask is None:
            if self._record_dates is None:
                self._record_dates = np.array([_doc_date(self.metas.get(c.doc_id)) for c in self.signals.records])
            mask = self._later_than[day] = self._record_dates > day
        return mask

    def near(self, c: Commitment) -> list[Commitment]:
        """The passages within SECTION_NEAR lines of `c` under the same heading of its document."""
        if c.order is None:
            return []
        return [m for m in self.by_section.get((c.doc_id, c.section), [])
                if m.id != c.id and m.order is not None and abs(m.order - c.order) <= SECTION_NEAR]

    def scored(self, seed: Commitment) -> list[TraceItem]:
        """The candidates whose calibrated probability reaches the threshold, as typed trace items
        with their evidence (shared terms, meaning, structure, owner, target, chain step)."""
        cal = self.calibration or load_calibration()
        seed_meta = self.metas.get(seed.doc_id)
        out = []
        for s in self.score_pool(seed, cal):
            if s.probability < cal.chained.threshold:
                continue
            c = s.commitment
            meta = self.metas.get(c.doc_id)
            evidence = {"terms": s.terms, "signals": {k: round(v, 3) for k, v in s.signals.items() if v}}
            for flag in ("theme", "owner", "target"):
                if s.signals.get(flag):
                    evidence[flag] = True
            if s.via and s.signals.get("chain", 0) > 0:
                evidence["via"] = s.via
            report = self.reports.get(c.id, "")
            if report:
                evidence["report"] = report
            out.append(TraceItem(c, meta, link_type(seed_meta, seed, meta, c, report), round(s.probability, 4),
                                 evidence))
        return out

    def trace(self, seed_id: str, limit: int | None = DEFAULT_LIMIT) -> Trace:
        self._reading += 1
        seed = self._seed(seed_id)
        passages, hidden, orphans = self._shown(seed, limit)
        items = [i for p in passages for i in p.items]
        seed_words = self._spelling_text(seed)
        for i in items:  # only the items shown are spelled out for a reader, not every candidate scored
            c = i.commitment
            i.evidence["terms"] = [t for t in term_labels(i.evidence.get("terms", []),
                                                          f"{seed_words} {self._spelling_text(c)}")
                                   if t not in FUNCTION_WORDS]
        seed_meta = self.metas.get(seed.doc_id)
        status, reason, deciding, back = self._decide(seed, items)
        if back is not None:
            passages.append(TracePassage([back]))
            passages.sort(key=lambda p: (_doc_date(p.best.doc), p.best.commitment.doc_id, _position(p.items[0])))
            items = [i for p in passages for i in p.items]
        docs = sorted({seed.doc_id, *(i.commitment.doc_id for i in items)},
                      key=lambda d: _doc_date(self.metas.get(d)))
        return Trace(seed, seed_meta, items, status, reason, hidden, docs, passages, orphans,
                     deciding.commitment if deciding else None)

    def status(self, seed_id: str) -> tuple[str, str, Commitment | None]:
        """The status `trace(seed_id)` gives, why, and its deciding passage, without spelling out the
        evidence for a reader: what ingest stores as the thread's status (kb.trace.settle), so that
        `kb threads` and `kb trace` never disagree on a commitment."""
        self._reading += 1
        seed = self._seed(seed_id)
        passages, _, _ = self._shown(seed, DEFAULT_LIMIT)
        status, reason, deciding, _ = self._decide(seed, [i for p in passages for i in p.items])
        return status, reason, deciding.commitment if deciding else None

    def _seed(self, seed_id: str) -> Commitment:
        seed = self.by_id.get(seed_id) or self.kb.commitment(seed_id)
        if seed is None:
            raise KeyError(seed_id)
        return seed

    def _shown(self, seed: Commitment, limit: int | None) -> tuple[list[TracePassage], int, list[OrphanDecision]]:
        """The passages a trace shows, in date order: the scored candidates with the review rows, old
        numbers, family, paragraph and in-between passages that join them, the auditor's decisions
        applied, and (with a `limit`) the strongest passages kept; also how many were left out."""
        items = self.scored(seed)
        items = self._with_review_rows(seed, items)
        items = self._with_renumbered(seed, items)
        items = self._with_family(seed, items)
        items = self._with_paragraph(seed, items)
        items = self._with_between(seed, items)
        items, orphans = self._apply_decisions(seed, items)
        passages = linked_passages(items)
        passages.sort(key=lambda p: -p.score)
        hidden = 0
        if limit is not None and (len(passages) > limit or _linked(items) > MAX_ITEMS):
            shown = _select(passages, limit)
            while sum(_linked(p.items) for p in shown) > MAX_ITEMS:
                shown.pop()
            passages, hidden = shown, len(passages) - len(shown)
        passages.sort(key=lambda p: (_doc_date(p.best.doc), p.best.commitment.doc_id, _position(p.items[0])))
        return passages, hidden, orphans

    def _decide(self, seed: Commitment, items: list[TraceItem]) -> tuple[str, str, TraceItem | None, TraceItem | None]:
        """`status_or_return` over the shown items: the status, why, the deciding passage and a
        returning passage the links did not reach (or None)."""
        later_docs, newest = area_timeline(self.areas, self.metas, seed.doc_id)
        row = self.by_id.get(seed.parent_id) if seed.parent_id else None
        mine, _ = self._seed_decisions(seed)
        rejected = {cid for cid, (_, d, _, _) in mine.items() if d.action == "reject"}
        # no linked passage speaking of it, one of its pool the links did not reach may return to it
        # (never one an auditor rejected)
        return status_or_return(
            seed, self.metas.get(seed.doc_id), items, newest, later_docs,
            lambda: [c for c in self.pool(seed) if c.id not in rejected], self.metas,
            self.vectoriser.idf, self.vectoriser.ignore, row.text if row else "", self.signals.words, self.reports)

    def _spelling_text(self, c: Commitment) -> str:
        """The words a record's key terms may come from: its text and its structure (headings,
        list intro, paragraph lead, title), so terms read as written, not as stems."""
        parts = " ".join(t for t, _ in structure_of(c, self.metas.get(c.doc_id)).parts())
        return f"{c.text} {c.section} {parts}"

    def _with_family(self, seed: Commitment, items: list[TraceItem]) -> list[TraceItem]:
        """Add the parent and children (same table row) of each matched passage."""
        have = {i.commitment.id for i in items} | {seed.id}
        seed_meta = self.metas.get(seed.doc_id)
        extra = []
        for i in items:
            for rid in self.family.get(i.commitment.id, []):
                if rid in have or rid not in self.by_id:
                    continue
                have.add(rid)
                c = self.by_id[rid]
                meta = self.metas.get(c.doc_id)
                report = self.reports.get(c.id, "")
                extra.append(TraceItem(c, meta, link_type(seed_meta, seed, meta, c, report),
                                       round(i.score * FAMILY_FACTOR, 4),
                                       {"terms": i.evidence.get("terms", []), "row": i.commitment.id, "report": report}))
        return items + extra

    def _with_paragraph(self, seed: Commitment, items: list[TraceItem]) -> list[TraceItem]:
        """Add the other sentences of each linked passage's paragraph (the records of its source
        line), when the paragraph is short: an auditor reads the paragraph, and the figure that
        reports on a linked sentence ("costs fell by £30m") often stands beside it without naming
        the topic.  They join the linked sentence's passage; they decide a status only by their
        own words (`_speaks_of`)."""
        have = {i.commitment.id for i in items} | {seed.id}
        seed_meta = self.metas.get(seed.doc_id)
        extra: list[TraceItem] = []
        for i in items:
            c0 = i.commitment
            if c0.order is None:
                continue
            siblings = self.by_line.get((c0.doc_id, c0.order), [])
            if len(siblings) > PARAGRAPH_MAX:
                continue
            for c in siblings:
                if c.id in have:
                    continue
                have.add(c.id)
                meta = self.metas.get(c.doc_id)
                report = self.reports.get(c.id, "")
                extra.append(TraceItem(c, meta, link_type(seed_meta, seed, meta, c, report),
                                       round(i.score * FAMILY_FACTOR, 4),
                                       {"terms": [], "paragraph": c0.id, **({"report": report} if report else {})}))
        return items + extra

    def _with_between(self, seed: Commitment, items: list[TraceItem]) -> list[TraceItem]:
        """Add the records that stand between two linked items of one section, a few lines apart:
        a table row or bullet between two linked ones belongs to the same passage even when it
        shares no word with the seed ("find the right kind of same-day care" between two
        rows on urgent treatment centres)."""
        have = {i.commitment.id for i in items} | {seed.id}
        seed_meta = self.metas.get(seed.doc_id)
        extra: list[TraceItem] = []
        for key, group in _by_section(items).items():
            linked = [i for i in group if i.commitment.order is not None]
            pairs = [(a, b) for a, b in zip(linked, linked[1:], strict=False)
                     if a.commitment.page == b.commitment.page and 1 < _gap(a, b) <= PASSAGE_GAP]
            if not pairs:
                continue
            for c in self.by_section.get(key, ()):
                if c.id in have:
                    continue
                for a, b in pairs:
                    if a.commitment.order < c.order < b.commitment.order:
                        have.add(c.id)
                        meta = self.metas.get(c.doc_id)
                        extra.append(TraceItem(c, meta, link_type(seed_meta, seed, meta, c, self.reports.get(c.id, "")),
                                               round(min(a.score, b.score) * FAMILY_FACTOR, 4),
                                               {"terms": [], "between": [a.commitment.id, b.commitment.id]}))
                        break
        return items + extra

    def _apply_decisions(self, seed: Commitment, items: list[TraceItem]) -> tuple[list[TraceItem], list[OrphanDecision]]:
        """Auditors' decisions on the seed's links: rejected links go, confirmed and added ones are shown
        as such, and a decision made before either side's wording changed is shown as `suspect` on the
        passage that continues the one decided, with the text decided beside it.  A decision whose
        passage nothing continues is returned as an orphan."""
        mine, orphans = self._seed_decisions(seed)
        if not mine:
            return items, orphans
        mine = dict(mine)  # (taken from as the items are read; the reading's copy stays whole for `_decide`)
        out = []
        for i in items:
            _, d, other_then, seed_then = mine.pop(i.commitment.id, (None, None, "", ""))
            if d and d.action == "reject":
                continue
            if d:
                i.decision, i.note = self._label(d, bool(other_then or seed_then)), d.note
                i.decided_text, i.decided_seed_text = other_then, seed_then
            out.append(i)
        for other, d, other_then, seed_then in mine.values():
            if d.action == "reject":
                continue
            sim = similarity(seed, self.vector(seed, True), other, self.vector(other, True))
            meta = self.metas.get(other.doc_id)
            out.append(TraceItem(other, meta, link_type(self.metas.get(seed.doc_id), seed, meta, other), sim.score,
                                 sim.evidence(), self._label(d, bool(other_then or seed_then)), d.note,
                                 other_then, seed_then))
        return out, orphans

    def _seed_decisions(self, seed: Commitment) -> tuple[dict[str, tuple[Commitment, Decision, str, str]],
                                                           list[OrphanDecision]]:
        """The auditors' latest decisions on the seed's links, by the record each names now: (it, the
        decision, its text then when it changed since, the seed's text then when that changed); and
        the decisions whose passage nothing continues, as orphans.  Read once for a trace or a
        status (`_apply_decisions` and `_decide` both ask), as the pool is."""
        last = self._last_decisions
        if last is not None and last[:2] == (seed.id, self._reading):
            return last[2]
        mine: dict[str, tuple[Commitment, Decision, str, str]] = {}  # record now -> (it, decision, texts then)
        orphans: list[OrphanDecision] = []
        for pair, d in self.decisions.latest().items():
            side = self._seed_side(seed, d)
            other_id = next(iter(pair - {side}), None) if side else None
            if other_id is None:
                continue
            other, changed = self.continuation(other_id, d)
            if other is None:
                text, doc = (d.b_text, d.b_doc) if other_id == d.b else (d.a_text, d.a_doc)
                orphans.append(OrphanDecision(d.action, other_id, doc, text, d.note, d.time, d.user,
                                              self.metas.get(doc)))
            elif other.id != seed.id:
                seed_then = "" if side == seed.id else (d.a_text if side == d.a else d.b_text)
                other_then = (d.b_text if other_id == d.b else d.a_text) if changed else ""
                mine[other.id] = (other, d, other_then, seed_then)
        self._last_decisions = (seed.id, self._reading, (mine, orphans))
        return mine, orphans

    @staticmethod
    def _label(d: Decision, suspect: bool) -> str:
        return "suspect" if suspect else ("confirmed" if d.action == "confirm" else "added")

    def _seed_side(self, seed: Commitment, d: Decision) -> str | None:
        """The id by which a decision names the seed: its own, or the id it had before its wording
        changed (an id no longer in its document whose passage the seed continues)."""
        if seed.id in d.pair:
            return seed.id
        for cid, doc in ((d.a, d.a_doc), (d.b, d.b_doc)):
            if doc == seed.doc_id and cid not in self.by_id:
                found, _ = self.continuation(cid, d)
                if found is not None and found.id == seed.id:
                    return cid
        return None

    def continuation(self, cid: str, d: Decision) -> tuple[Commitment | None, bool]:
        """The record a decision names, and whether its text changed since.  When its id is gone (the
        passage was reworded), the record of the same document that best continues it: the one now
        standing where it stood (between the records that were just before and after it, or on its
        line) with text close to the text decided; elsewhere in the document only a near copy
        (a moved passage).  None when nothing continues it: the decision is then an orphan."""
        if cid in self.by_id:
            return self.by_id[cid], False
        text, doc, at = (d.b_text, d.b_doc, d.b_at) if cid == d.b else (d.a_text, d.a_doc, d.a_at)
        records = self.by_doc.get(doc, [])
        if not text or not records:
            return None, False
        prev_id, next_id = at.get("prev"), at.get("next")
        lo, hi = self.order.get(prev_id) if prev_id in self.by_id else None, \
            self.order.get(next_id) if next_id in self.by_id else None
        best, best_score = None, 0.0
        for c in records:
            if c.id in (prev_id, next_id):
                continue  # still there unchanged: a neighbour, not the passage decided
            place = _place_score(self.order[c.id], lo, hi, at, c)
            closeness = text_closeness(text, c.text)
            need = CONTINUES_IN_PLACE if place >= 0.9 else CONTINUES_NEAR if place >= 0.25 else \
                CONTINUES_ANYWHERE if at else CONTINUES_UNPLACED
            if closeness >= need and closeness + place > best_score:
                best, best_score = c, closeness + place
        return (best, True) if best is not None else (None, False)


# How close the text of a passage must be to the text decided for the decision to follow it: in the
# decided passage's place (between its old neighbours, or on its line), near it, or anywhere in the
# document (a moved passage); for a decision logged without its place (older logs), in between.
CONTINUES_IN_PLACE = 0.25
CONTINUES_NEAR = 0.5
CONTINUES_ANYWHERE = 0.8
CONTINUES_UNPLACED = 0.6


def _place_score(n: int, lo: int | None, hi: int | None, at: dict, c: Commitment) -> float:
    """1.0 for the record standing where the decided one stood (strictly between its old neighbours,
    or right after the one that is left), less the further its line is from the line recorded."""
    if lo is not None and hi is not None and lo < n < hi:
        return 1.0
    if (lo is None) != (hi is None) and (lo is not None and lo < n <= lo + 2 or hi is not None and hi - 2 <= n < hi):
        return 0.9
    line = at.get("line")
    if line is None or c.line is None or at.get("page") != c.page:
        return 0.0
    near = 0.5 ** abs(c.line - line) * (1.0 if c.section == at.get("section") else 0.5)
    # Both old neighbours still there and this record not between them: it is not in the place.
    return min(near, 0.5) if lo is not None and hi is not None else near


def text_closeness(a: str, b: str) -> float:
    """How much of one text the other keeps, 0..1: the share of words they have in the same order
    (difflib's ratio over words), so "Consultation on new podiatry pathway" and "Launch a public
    consultation on new podiatry pathway" are close and a different sentence is not."""
    from difflib import SequenceMatcher

    wa, wb = [w.lower() for w in words(a)], [w.lower() for w in words(b)]
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


FEEDBACK_SOURCES = 5


def feedback(sig, pool, linked, threshold: float) -> None:
    """Set each candidate's `feedback` signal: its tf-idf cosine with the words of the strongest direct
    links in later documents (their context vectors, each weighted by its probability), so the words
    the thread takes on later ("workforce strategy" for a seed on recruitment and retention) count as
    the thread's too (pseudo-relevance feedback).  `linked`: the later documents' candidates; those
    whose direct probability reaches `threshold` are the sources.  When none does (a short
    collection, a letter answered in other words), the strongest of them stand in and the signal is
    scaled by how near the best comes to the threshold: weak evidence, but not none, which would
    leave every later passage of such a thread without the signal the chained model leans on."""
    ranked = sorted(linked, key=lambda s: -s.direct)
    # the links that reach the threshold; when none does, the strongest later candidates stand in
    top = [s for s in ranked if s.direct >= threshold][:FEEDBACK_SOURCES] or ranked[:FEEDBACK_SOURCES]
    centroid: dict[str, float] = {}
    for s in top:
        for t, w in sig.context_vector(s.commitment.id).items():
            centroid[t] = centroid.get(t, 0.0) + w * s.direct
    if not centroid:
        for s in pool:
            s.signals["feedback"] = 0.0
        return
    length = norm(centroid)
    # weak sources (no later passage reaches the threshold) speak as weakly as they are linked
    strength = min(1.0, top[0].direct / threshold) if threshold > 0 else 1.0
    for s in pool:
        cid = s.commitment.id
        s.signals["feedback"] = strength * cosine_normed(centroid, length, sig.context_vector(cid),
                                                         sig.context_norm(cid), terms=False)[0]


def section_support(seed: Commitment, pool) -> None:
    """Set each candidate's `section` signal: the strongest direct probability of another candidate
    (or the seed, at 1.0) within SECTION_NEAR lines of it under the same heading of the same document."""
    by_place: dict[tuple[str, str], list[tuple[int, str, float]]] = {}
    for s in pool:
        c = s.commitment
        if c.order is not None:
            by_place.setdefault((c.doc_id, c.section), []).append((c.order, c.id, s.direct))
    if seed.order is not None:
        by_place.setdefault((seed.doc_id, seed.section), []).append((seed.order, seed.id, 1.0))
    # each place's passages in line order: a candidate reads only its window, less itself
    lines: dict[tuple[str, str], list[int]] = {}
    probs: dict[tuple[str, str], list[float]] = {}
    index: dict[str, int] = {}
    for place, near in by_place.items():
        near.sort(key=lambda e: e[0])
        lines[place], probs[place] = [e[0] for e in near], [e[2] for e in near]
        index.update((e[1], n) for n, e in enumerate(near) if e[1] != seed.id)
    for s in pool:
        c = s.commitment
        if c.order is None:
            continue
        place = (c.doc_id, c.section)
        n = index.get(c.id)
        if n is None:  # the seed among its own candidates (never): every passage of the place read
            s.signals["section"] = max((p for line, cid, p in by_place[place]
                                        if cid != c.id and abs(line - c.order) <= SECTION_NEAR), default=0.0)
            continue
        at, p = lines[place], probs[place]
        lo, hi = bisect_left(at, c.order - SECTION_NEAR), bisect_right(at, c.order + SECTION_NEAR)
        s.signals["section"] = max(itertools.chain(p[lo:n], p[n + 1:hi]), default=0.0)


def rescore(pool, cal: Calibration) -> None:
    """Signals relative to the pool and to each document's candidates (kb.trace.signals.add_relative,
    add_document_relative), then the direct probability."""
    pool = list(pool)
    add_relative([s.signals for s in pool])
    add_document_relative([(s.commitment.doc_id, s.signals) for s in pool])
    for s in pool:
        s.direct = cal.direct.probability(s.signals)


def _position(i: TraceItem) -> tuple[int, int]:
    return (i.commitment.page or 0, i.commitment.order or 0)


PASSAGE_GAP = 12  # lines between two linked items of one section that still read as one passage
PASSAGE_MAX = 8
TITLE_REACH = 12  # records back from a seed to the action title it is written under
MAX_ITEMS = 120  # whatever the passages, a default trace shows at most this many linked items


def _linked(items: list[TraceItem]) -> int:
    """How many items were linked in their own right (not shown as the rest of a linked paragraph)."""
    return sum(1 for i in items if "paragraph" not in i.evidence)


def group_passages(items: list[TraceItem]) -> list[TracePassage]:
    """Runs of linked items that stand close together under the same heading of the same document."""
    out: list[TracePassage] = []
    for group in _by_section(items).values():
        run: list[TraceItem] = []
        for i in group:
            if run and (len(run) >= PASSAGE_MAX or _gap(run[-1], i) > PASSAGE_GAP):
                out.append(TracePassage(run))
                run = []
            run.append(i)
        if run:
            out.append(TracePassage(run))
    return out


def linked_passages(items: list[TraceItem]) -> list[TracePassage]:
    """`group_passages`, less any passage made only of rows standing between two links: such a row
    belongs to its links' passage, and cut off from both (a passage holds at most PASSAGE_MAX items)
    it was off the thread in 17 of 18 cases on the own and eye care threads."""
    return [p for p in group_passages(items) if not all("between" in i.evidence for i in p.items)]


def _by_section(items: list[TraceItem]) -> dict[tuple[str, str], list[TraceItem]]:
    """Items grouped by (document, section), each group in reading order."""
    groups: dict[tuple[str, str], list[TraceItem]] = {}
    for i in items:
        groups.setdefault((i.commitment.doc_id, i.commitment.section), []).append(i)
    for group in groups.values():
        group.sort(key=_position)
    return groups


def _gap(a: TraceItem, b: TraceItem) -> int:
    if a.commitment.order is not None and b.commitment.order is not None:
        return b.commitment.order - a.commitment.order
    return 0 if a.commitment.page == b.commitment.page else PASSAGE_GAP + 1


def _select(passages: list[TracePassage], limit: int) -> list[TracePassage]:
    """What to show: decided links first, then every document's best few, then the rest by score."""
    chosen = [p for p in passages if p.decision in ("confirmed", "added", "suspect")]
    taken = {id(p) for p in chosen}  # by identity: no two passages hold the same record
    per_doc: dict[str, int] = {}
    for p in passages:
        if id(p) in taken:
            continue
        doc = p.best.commitment.doc_id
        n = per_doc.get(doc, 0)
        if n < PER_DOCUMENT:
            chosen.append(p)
            taken.add(id(p))
            per_doc[doc] = n + 1
    rest = [p for p in passages if id(p) not in taken]
    return (chosen + rest)[:limit]
