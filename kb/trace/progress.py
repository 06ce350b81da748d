"""Review rows and the actions they report on.

A body that publishes a plan often publishes, years later, a review of it: a table (or a run of
"Action: ... Status: ... Update: ..." blocks) that names each action of the plan with its status
and a latest update.  Such a row is the plan's own account of the action, the strongest evidence
of a status there is, so a trace must read it as the deciding passage of the action it names.

A row names its action by restating it (verbatim, abbreviated or paraphrased) and often by the
plan's reference number ("1.3").  So each row (a record whose own document reports a status for
it, `Commitment.reported`) is matched to one action of an earlier document by:

* `meaning`: the cosine of the two passages' semantic vectors (kb.semantic), or their tf-idf
  cosine when no vectors are stored;
* `contained`: how much of the row's wording (its telling terms, weighted by rarity) the action
  holds, since a review usually shortens the action it names;
* `ref`: both carry a reference number and it is the same (a different number counts against).

A review names each action once, so the matching is one-to-one within a review document: the
strongest pairs are taken first and neither side is used twice.  A row whose reference cell names
several actions ("4B and 4C", "2.1, 2.2", "3.1-3.3": one row reporting on actions delivered together)
reports on each of them: it takes as many actions as it names, each matched as any row is.  A row
that names two actions by their subjects ("Emergency card and contingency plans", "Park runs; outdoor
gyms") takes a second action when that action is what one of the named subjects speaks of and the
first action matched is not (`conjuncts`, `_second_action`).  A row also names the other statements of
its action in the same plan (its prose and its action plan's row, `_add_restatements`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from kb.extract.lexicon import ACTION_VERBS
from kb.layout.fields import TRAILING_REFERENCE, listed_references, progress_of
from kb.layout.narrative import listed_verdicts, sentences
from kb.layout.parse import ACTION_NUMBER
from kb.model import Commitment, DocumentMeta
from kb.trace.areas import document_areas, same_area
from kb.trace.features import cosine
from kb.trace.reports import NOTE_SOURCE

CANDIDATES = 40  # the nearest earlier actions in meaning a row is compared with in full
REF_BONUS = 0.25  # the same reference number on both sides
REF_MISMATCH = 0.15  # both numbered, differently: a numbered review names its action by number
# A review set out under the plan's own headings ("Ambition 3: Care that fits the person" over its rows,
# as over the plan's actions): a row under the heading its action stands under
HEADING_BONUS = 0.1
# A row names an action when its score reaches this.  On the invented review in tests/fixtures/review,
# without reference numbers, each row scores 0.65-0.92 with its own action and 0.25-0.48 with the
# next best (another action of the same plan sharing a word such as "carers"): the floor keeps out a
# row whose action is not in the store, and the one-to-one order (strongest pairs first) does the rest.
MIN_MATCH = 0.45
# ... or this, when the row stands between two rows that name actions of one plan, in the plan's order,
# and its action between those two (`_align_by_order`); or when the action restates, in its plan, the
# one the row names (`_add_restatements`: the plan's own second statement links them, and the row's
# wording follows one of the two, often the shorter: "Leisure Card – April 2022" in a summary list)
ORDER_MATCH = 0.3

# A reference number as plans write them: "1.3", "2.1a", "Action 4", "Ref 3.2", "No. 7" (a "Priority 2"
# heading groups actions: it numbers the group, not the action).
# A letter-coded reference ("MH8", "CYP3", "A1.2") is as much a number: plans code actions by theme.
# A part's letter may stand in brackets, as a review reprints "4a": "4(a)"; a code may be joined to its
# number by a hyphen, as finance plans code their savings ("ASC-02", "CP-2.4"): "ASC-02" is "asc02".
_REF = re.compile(r"^(?:(?:action|ref(?:erence)?|no|item)\.?\s*)?((?:[A-Z]{1,4}-?)?\d{1,2}(?:\.\d{1,2}){0,2}"
                  r"(?:[a-z]|\([a-z]\))?)[.):]?$", re.I)
# A number opening the text names it when a title or an action follows ("1.3 Launch a campaign"), not a
# sentence that speaks of the numbered item ("ASC-02 was changed after consultation").
# A lettered sub-action's number before its stop or bracket numbers it too ("3a. We will hold a fair").
_LEADING_REF = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?|[A-Z]{1,4}-?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?|\d{1,2}[a-z](?=[.)]))"
                          r"[.):]?\s+[^\sa-z]")
# A theme code written apart from its number ("CaEE 2c", "MH 3") or joined by an ampersand ("A&S5",
# "A&S 12"), as the reference cell of a plan's or review's table row.  The code must read as an
# abbreviation (at least two capitals, each with at most one small letter after it: "CaEE", "HWB"), so
# that a word heading with a number ("Year 3", "Goal 1", "Phase 2", "Priority 2") numbers no action.
_CODED_REF = re.compile(r"^((?:[A-Z][a-z]?){2,4}|[A-Z]{1,2}&[A-Z]{1,2})\s?(\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)[.):]?$")
# A titled action heading: "Action 2.1: Healthy Start vouchers", "Action 4 - Workplace health",
# "Objective 2.3 – Severe weather" (the word is needed: a numbered section heading "2.1 Background"
# numbers the document's parts; a number several records share names none, `distinct_references`).
# (or said as a sentence: "Action 11 is to put in 60 charge points")
_TITLED_REF = re.compile(r"^(?:action|objective|recommendation|rec|ref(?:erence)?|commitment|pledge|promise|milestone|deliverable)s?\.?\s*"
                         r"((?:[A-Z]{1,4})?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)\s*(?:[:–—-]|\s(?:is|will be) to\b)\s*\S",
                         re.I)
# A lettered action's heading: its code, a number and a capital letter, before its title ("4B Dementia
# Friends", "12C Warm homes"), as plans letter the actions of a numbered priority.  A numbered section
# heading ("2.1 Background", "4 Our priorities") numbers the document's parts and gives none.
_LETTERED_TITLE = re.compile(r"^(\d{1,2}[A-Z])\s+[A-Z][a-z]")
# A heading that opens with a letter code before its title ("CF-03 Home to school transport", "MH4 Crisis
# cafés"): the code is the action's, as a numbered section's title ("2.1 Background") is not.
_CODED_TITLE = re.compile(r"^([A-Z]{1,4}-?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)[.):]?\s+[A-Z]")
# An action's heading that sets its reference apart from its title by a bar, colon or dash ("2e | One
# front door", "B3: Warm homes", "4.2 – Library outreach"); a bare number there numbers a section ("4:
# Our priorities"), so the reference has a part letter, a second level or a code; a dash stands apart
# ("CQC21-M05" is one code).
_SEPARATED_TITLE = re.compile(r"^(\d{1,2}[a-z]|\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?|[A-Z]{1,4}-?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)"
                              r"(?:\s*[|:]|\s+[–—-])\s+[A-Z]")
# A numbered heading that titles an action by its verb ("3.2.3 Recruit a panel of tenants", "2.1
# Open a second clinic"): the number is the action's ("2.1 Background" names a part of the document).
_NUMBERED_VERB_TITLE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?)[.):]?\s+([A-Z][a-z]+)\b")
# ... and so does a plain number before an action's verb at the start of its text, as a checklist or a
# table printed as lines numbers its actions ("14 Make all play areas smokefree ...", "3 Agree a ..."):
# a count opens with no verb ("14 schools will ...").
_NUMBERED_VERB_TEXT = re.compile(r"^(\d{1,2}[a-z]?)[.):]?\s+([A-Z][a-z]+)\b")
_TRAILING_REF = TRAILING_REFERENCE  # "Every library will lend laptops (C14)."
# A row's subjects, as a review joins two actions in one row: "Emergency card and contingency plans",
# "Park runs; outdoor gyms", "Breaks & respite".  A stated count ("(two actions)", "(2 commitments)")
# is the writer's note on the row, no subject of it.
_CONJUNCTION = re.compile(r"\s*(?:;|&|\band\b)\s*", re.I)
_STATED_COUNT = re.compile(r"\(\s*(?:covers\s+)?(?:two|three|four|both|all|\d)\s+(?:of\s+the\s+)?"
                           r"(?:actions?|commitments?|recommendations?|objectives?|priorities|items?)\s*\)", re.I)
_SUBJECT_WORD = re.compile(r"[A-Za-z]{3,}")
_NAMING_WORD = re.compile(r"[A-Za-z]{4,}")
# A named subject speaks of an action when the action holds this share of its telling terms (weighted
# by rarity), and the action first matched to the row holds less than SUBJECT_MISSED of them: each
# action then answers to a different subject of the row, and neither could be the other's restatement.
SUBJECT_HELD = 0.75
SUBJECT_MISSED = 0.5
# A plan's second statement of an action (its prose beside its action plan's row) shares most of the
# first's telling terms, though each words it its own way ("Commission a therapeutic and advocacy
# service for children and young people affected by domestic abuse" / "commission a specialist service
# for children and young people who have lived with domestic abuse")
RESTATEMENT_HELD = 0.6
# ... or this much when both carry the same number: the response table's row restates "Recommendation 4"
# in the words of what the body will do, sharing its subject ("sandbag policy") and little else
SAME_REF_HELD = 0.15


@dataclass(frozen=True)
class RowMatch:
    """A review row and the action it reports on, with the evidence of the match."""

    row: str
    action: str
    score: float
    meaning: float
    contained: float
    ref: str = ""  # the shared reference number, when that is part of the evidence

    def evidence(self) -> dict:
        out = {"meaning": round(self.meaning, 3), "contained": round(self.contained, 3), "score": round(self.score, 3)}
        if self.ref:
            out["ref"] = self.ref
        return out


# A circled number opening an item, as designed documents number their aims or actions ("③ End
# handover delays of more than an hour"): the number it circles.
_CIRCLED_REF = re.compile(r"^\s*([\u2460-\u2473])")


def reference_of(c: Commitment) -> str:
    """The record's reference number, from where plans put it: the nearest heading or table row
    label ("Action 1.3", "1.3", "TW 4") or the start of its text ("1.3 Launch a campaign", a prose
    review's "Action 1.3 – Community cafés")."""
    last = c.heading
    circled = _CIRCLED_REF.match(c.text)
    if circled:
        return str(ord(circled.group(1)) - 0x245F)
    coded = _CODED_REF.match(last)
    if coded:  # "CaEE 2c" and "CaEE2c" are one reference
        return (coded.group(1) + coded.group(2)).lower()
    title = last.strip(" *")
    m = _REF.match(last) or _TITLED_REF.match(last) or _LEADING_REF.match(c.text.strip()) \
        or _LETTERED_TITLE.match(last) or _SEPARATED_TITLE.match(title) or _CODED_TITLE.match(title) \
        or _TITLED_REF.match(c.text.strip()) or _TRAILING_REF.search(c.text.strip())
    if m is None:
        for verb_title in (_NUMBERED_VERB_TITLE.match(last), _NUMBERED_VERB_TEXT.match(c.text.strip())):
            if verb_title and verb_title.group(2).lower() in ACTION_VERBS:
                m = verb_title
                break
    return re.sub(r"[()-]", "", m.group(1).lower()) if m else ""


def named_references(label: str) -> tuple[str, ...]:
    """The references a cell names when it names two or more ("4B and 4C" -> 4b, 4c; "3.1-3.3" ->
    3.1, 3.2, 3.3; "2.1, 2.2 and 2.4"), as `reference_of` writes them, else () (kb.layout.fields.
    listed_references reads the list)."""
    out = tuple(dict.fromkeys(r.lower().replace("-", "") for r in listed_references(label)))
    return out if len(out) >= 2 else ()


def review_link_type(report: str) -> str:
    """A matched review row's link type, from what it reports (whatever the two documents' dates
    say: a review comes after the plan it reviews): done -> delivered, revised -> revised, else
    progress."""
    return {"done": "delivered", "revised": "revised"}.get(report, "progress")


_NAMING_WORD = re.compile(r"[^\W\d_]{3}")  # a word of three letters or more: the row names something


def is_review_row(c: Commitment) -> bool:
    """A record whose own document reports a status for it (a review table's or block's row) and that
    names something: a count under a status in a summary table ("1 | 9 | 11") names no action."""
    return bool(c.reported) and progress_of(c.reported) is not None and bool(_NAMING_WORD.search(c.text))


def match_rows(records: list[Commitment], metas: dict[str, DocumentMeta], signals,
               areas: dict[str, frozenset[str]] | None = None) -> dict[str, list[RowMatch]]:
    """Each review row's actions (row id -> its matches, strongest first): one action a row, one row
    an action within each review document, except that a row naming several actions by reference
    ("4B and 4C") takes as many.

    `signals` is a kb.trace.signals.Signals over `records` (its vectors and tf-idf); `areas` the
    documents' places (kb.trace.areas.document_areas, read here when not given): a review names
    actions of its own area's plans."""
    rows = [c for c in records if is_review_row(c)]
    row_index = {c.id: n for n, c in enumerate(rows)}
    if not rows:
        return {}
    date_of = {d: (m.date or "") for d, m in metas.items()}
    areas = document_areas(records, metas) if areas is None else areas
    # Actions are the earlier documents' commitments, a plan's own rows included (a plan may carry a
    # status column from the start, "Not started"; an interim review's open rows are restated actions).
    actions = [c for c in records if c.kind != "evidence" and date_of.get(c.doc_id)]
    if not actions:
        return {}
    # a table row's other cells (a milestone in its timescale column, its next steps) are parts of the
    # row's action: a review row that names one of them reports on that action
    by_id = {c.id: c for c in actions}
    # (a part that carries its own action number, "2.3 Trial a cycle loan scheme ..." in a plan on a page's
    # list of actions beside its priority, is an action of its own: a review names it by that number)
    row_head = {c.id: c.parent_id for c in actions if c.parent_id in by_id and _same_row(c, by_id[c.parent_id])
                and not _LEADING_REF.match(c.text.strip())}
    row_head.update(listed_steps(actions))  # and the steps listed under an action ("How we will do it:")
    action_dates = np.array([date_of[c.doc_id] for c in actions])
    own_refs = [reference_of(c) for c in actions]
    action_refs = distinct_references(actions, own_refs)
    # the numbers each plan gives its actions, shared or not (whether a row's number is in its numbering)
    numbered = {(c.doc_id, r) for c, r in zip(actions, own_refs, strict=True) if r}
    action_refs_of = {c.id: r for c, r in zip(actions, action_refs, strict=True) if r}
    emb = signals.ctx_emb
    action_emb = emb[[signals.row[c.id] for c in actions]] if emb is not None else None
    out: dict[str, list[RowMatch]] = {}
    by_doc: dict[str, list[Commitment]] = {}
    for r in rows:
        by_doc.setdefault(r.doc_id, []).append(r)
    row_refs = row_references(rows)
    for doc_id, doc_rows in by_doc.items():
        row_date = date_of.get(doc_id) or ""
        # A review reports on a plan published before it; one whose date was not found still names
        # the actions of the other documents, since reviewing them places it after them.
        earlier = action_dates < row_date if row_date else np.array([c.doc_id != doc_id for c in actions])
        earlier &= np.array([same_area(areas, c.doc_id, doc_id) for c in actions])  # its own area's plans
        if not earlier.any():
            continue
        pairs: list[RowMatch] = []
        for r in doc_rows:
            pairs += _row_pairs(r, row_refs[row_index[r.id]], actions, action_refs, earlier, action_emb, signals,
                                numbered)
        pairs = _to_row_heads(pairs, row_head)
        room = {r.id: max(len(row_refs[row_index[r.id]]), 1) for r in doc_rows}
        used_actions: set[str] = set()
        for p in sorted(pairs, key=lambda p: -p.score):
            if p.score < MIN_MATCH:
                break
            taken = out.get(p.row, [])
            if len(taken) >= room[p.row] or p.action in used_actions:
                continue
            if p.ref and any(t.ref == p.ref for t in taken):
                continue  # each reference the row names is one action
            used_actions.add(p.action)
            out.setdefault(p.row, []).append(p)
        for r in doc_rows:
            if len(out.get(r.id, [])) == 1 and len(row_refs[row_index[r.id]]) <= 1:  # not named by references
                second = _second_action(r, out[r.id][0], [p for p in pairs if p.row == r.id], used_actions, signals)
                if second is not None:
                    used_actions.add(second.action)
                    out[r.id].append(second)
        _add_restatements(out, doc_rows, pairs, used_actions, by_id, action_refs_of, signals)
        _align_by_order(out, doc_rows, pairs, used_actions, by_id)  # (after: a row's restatements are its own)
    return out


def _align_by_order(out: dict[str, list[RowMatch]], doc_rows: list[Commitment], pairs: list[RowMatch],
                    used: set[str], by_id: dict[str, Commitment]) -> None:
    """A review lists the plan's actions in the plan's order.  A row left unmatched between two rows that
    name actions of one plan, in that plan's order, names an action between those two: the one it scores
    best with there, when that reaches ORDER_MATCH and no other row names it (its wording too short or too
    changed to reach MIN_MATCH on its own: "E-billing" for "Paperless billing ... moved to e-billing").
    A row whose status is only read from its update (`NOTE_SOURCE`) is left to MIN_MATCH."""
    ordered = sorted((r for r in doc_rows if r.order is not None), key=lambda r: r.order)
    single = {r.id: by_id[out[r.id][0].action] for r in ordered if len(out.get(r.id, [])) == 1}
    by_row: dict[str, list[RowMatch]] = {}
    for p in pairs:
        by_row.setdefault(p.row, []).append(p)
    for k, r in enumerate(ordered):
        if r.id in out or r.reported.endswith(NOTE_SOURCE):
            continue  # (a status read from the row's update is too weak to pair with a guess by place)
        before = next((single[q.id] for q in reversed(ordered[:k]) if q.id in single), None)
        after = next((single[q.id] for q in ordered[k + 1:] if q.id in single), None)
        if before is None or after is None or before.doc_id != after.doc_id or before.order is None \
                or after.order is None or not before.order < after.order:
            continue
        between = [p for p in by_row.get(r.id, []) if p.score >= ORDER_MATCH and p.action not in used
                   and by_id[p.action].doc_id == before.doc_id
                   and before.order < (by_id[p.action].order or -1) < after.order]
        if between:
            best = max(between, key=lambda p: p.score)
            used.add(best.action)
            out[r.id] = [best]


def _add_restatements(out: dict[str, list[RowMatch]], doc_rows: list[Commitment], pairs: list[RowMatch],
                      used: set[str], by_id: dict[str, Commitment], refs: dict[str, str], signals) -> None:
    """A plan often states an action twice, in its prose ("we will write a payment policy with our
    representatives, so that ...") and as a row of its action plan or summary list ("Agree a payment
    policy with representatives"), and a review reports on one of them.  Each row also names the
    restatements (`_restates`) of the actions it matched, after them, as a row naming several actions
    does, so that whichever statement a reader traces reaches the row: a restatement whose own pair
    with the row reaches ORDER_MATCH and that no row of the review names, strongest pairs first, each
    to one row."""
    matched: dict[str, list[Commitment]] = {}
    row_refs: dict[str, str] = {}
    for r in doc_rows:
        if r.id in out:
            matched[r.id] = [by_id[m.action] for m in out[r.id]]
            row_refs[r.id] = reference_of(r)

    def named(p: RowMatch) -> float:
        # the row's number as written on the restatement too ("5" on the review's row and the response
        # table's), though the plan's two statements share it and so it told neither apart in matching
        ref = row_refs.get(p.row)
        return p.score + (REF_BONUS if ref and not p.ref and reference_of(by_id[p.action]) == ref else 0.0)

    for score, p in sorted(((named(p), p) for p in pairs), key=lambda sp: -sp[0]):
        if score < ORDER_MATCH:
            break
        if p.row not in matched or p.action in used:
            continue
        b = by_id[p.action]
        if any(_restates(a, b, refs, signals) for a in matched[p.row]):
            used.add(b.id)
            out[p.row].append(p)


def _restates(a: Commitment, b: Commitment, refs: dict[str, str], signals) -> bool:
    """Whether `b` states action `a` again elsewhere in its plan: the same document, another of its
    sections (two actions of one section are siblings of one list or paragraph, two actions), no other
    reference number (a plan numbers each action once), and one of the two holding RESTATEMENT_HELD of the
    other's telling terms, as a subject speaks of an action (the action plan's row shortens the prose,
    or the prose spells out the row)."""
    if a.doc_id != b.doc_id:
        return False
    if refs.get(a.id) and refs.get(b.id) and refs[a.id] != refs[b.id]:
        return False
    # (its number as written, though the plan prints it twice and so it tells neither apart)
    own_ref, other_ref = reference_of(a), reference_of(b)
    if own_ref and other_ref and own_ref != other_ref:
        return False  # a plan numbers each action once: "4.1" and "4.2" are two
    same_ref = bool(own_ref) and own_ref == other_ref
    if a.section == b.section and not same_ref:
        return False  # (a chapter's sentence "... by December 2023 (4.1)." and its summary box's "4.1 ..." are one)
    a_own, b_own = signals.own_vector(a.id), signals.own_vector(b.id)
    held = max(_held(a_own, b_own.keys()), _held(b_own, a_own.keys()))
    # (the same number in two places of one plan, "Recommendation 4:" and the response table's row "4",
    # is one action however differently worded, so long as they share some of their terms)
    return held >= (SAME_REF_HELD if same_ref else RESTATEMENT_HELD)


# The lead-in of a list that says how the action above it will be done: "How we will do it:", "How
# will we achieve this?", "To deliver this we will:", "We will do this by:".
_HOW_LEAD = re.compile(r"^(?:how (?:we will|will we|we'll|we are going to|we plan to) (?:do|deliver|achieve|make)\b"
                       r"[^:]{0,30}[:?]|(?:in order )?to (?:do|deliver|achieve) (?:this|that|it),? we will\b"
                       r"[^:]{0,20}:|we will do (?:this|that|it) by\b[^:]{0,20}:)", re.I)


def listed_steps(actions: list[Commitment]) -> dict[str, str]:
    """The steps a plan lists under an action to say how it will be done ("Commitment 4: we will make
    going home smoother" / "How we will do it:" / "- keep the discharge lounge open until 8pm"), each
    step id -> the action's: a review row that names a step reports on the action, as one naming a
    part of a table's row does.  The action is the nearest earlier record of the same document and
    section that is no step itself."""
    out: dict[str, str] = {}
    head: Commitment | None = None
    for c in actions:
        step = bool(_HOW_LEAD.match(c.context or ""))
        if not step:
            head = c
        elif head is not None and head.doc_id == c.doc_id and head.section == c.section:
            out[c.id] = head.id
    return out


def _same_row(child: Commitment, parent: Commitment) -> bool:
    """Two records of one table row: the same document and line (of a text source, or of a PDF's
    reading order: Commitment.order), else the same page."""
    if child.doc_id != parent.doc_id:
        return False
    if child.order is not None and parent.order is not None:
        return child.order == parent.order
    return child.page == parent.page


def _to_row_heads(pairs: list[RowMatch], row_head: dict[str, str]) -> list[RowMatch]:
    """Each review row's match with a part of a plan's row (`row_head`: the part -> the row's action)
    given to the row's action, the better score kept where the row matched both."""
    best: dict[tuple[str, str], RowMatch] = {}
    for p in pairs:
        if p.action in row_head:
            p = RowMatch(p.row, row_head[p.action], p.score, p.meaning, p.contained, p.ref)
        key = (p.row, p.action)
        if key not in best or p.score > best[key].score:
            best[key] = p
    return list(best.values())


def conjuncts(label: str) -> list[str]:
    """The subjects a row's wording joins ("Emergency card and contingency plans" -> the card, the
    plans), when it joins two or three, each with a word of its own; else []."""
    parts = [p.strip(" ,.:") for p in _CONJUNCTION.split(_STATED_COUNT.sub(" ", label))]
    if not 2 <= len(parts) <= 3 or any(not _SUBJECT_WORD.search(p) for p in parts):
        return []
    return parts


def _second_action(row: Commitment, first: RowMatch, pairs: list[RowMatch], used: set[str],
                   signals) -> RowMatch | None:
    """The other action a row names by one of its joined subjects (`conjuncts`): the action holding
    most of a subject the first match does not speak of, scored as a row is scored, with that
    subject's share in place of the whole row's.  None when no such action reaches MIN_MATCH."""
    subjects = conjuncts(row.text)
    if not subjects:
        return None
    first_own = signals.own_vector(first.action)
    # a subject of one word ("in print", "the ICB") is a detail of the first action, no action of its own
    vectors = _subject_vectors(row, [s for s in subjects if len(_NAMING_WORD.findall(s)) >= 2], signals)
    open_subjects = [v for v in vectors if _held(v, first_own) < SUBJECT_MISSED]
    best: RowMatch | None = None
    for p in pairs:
        if p.action in used:
            continue
        a_own = signals.own_vector(p.action)
        held = max((_held(v, a_own) for v in open_subjects), default=0.0)
        score = 0.5 * max(p.meaning, 0.0) + 0.5 * held
        if held >= SUBJECT_HELD and score >= MIN_MATCH and (best is None or score > best.score):
            best = RowMatch(p.row, p.action, score, p.meaning, held)
    return best


def _subject_vectors(row: Commitment, subjects: list[str], signals) -> list[dict[str, float]]:
    """The telling terms of each of a row's subjects (`conjuncts`) that has any."""
    return [v for s in subjects if (v := signals.vectoriser.vector(signals.words(row, s)))]


def _held(subject: dict[str, float], action: Collection[str]) -> float:
    """The share of a subject's telling terms (weighted) that an action holds (its terms)."""
    total = sum(subject.values())
    return sum(w for t, w in subject.items() if t in action) / total if total else 0.0


def row_references(rows: list[Commitment]) -> list[tuple[str, ...]]:
    """Each review row's references: the one it carries where it tells the row apart in its document
    (`distinct_references`), or the several its reference cell names ("4B and 4C")."""
    own = [reference_of(r) for r in rows]
    single = distinct_references(rows, own)
    return [(ref,) if ref else () if mine else named_references(r.heading) for r, mine, ref in
            zip(rows, own, single, strict=True)]


def distinct_references(records: list[Commitment], refs: list[str] | None = None) -> list[str]:
    """Each record's reference number, kept only where it tells the record apart in its document:
    a number several records share (a heading that numbers a group, a layout that lost the
    headings between actions) identifies none of them.  `refs`: the records' numbers
    (`reference_of`), when the caller has read them already.  The records of one table row (one line of
    its document: its action and its type or proposal cells) share the row's number as one; and a plan
    that states each commitment twice, in its prose ("... by December 2023 (4.1).") and again in a summary
    box or table elsewhere ("4.1 Cloud telephony in all practices"), gives the number to both: two
    places in two sections."""
    refs = [reference_of(c) for c in records] if refs is None else refs
    places: dict[tuple[str, str], set[tuple]] = {}
    for c, r in zip(records, refs, strict=True):
        if r:
            places.setdefault((c.doc_id, r), set()).add((c.order if c.order is not None else c.id, c.section))
    def names_one(doc: str, r: str) -> bool:
        found = places[(doc, r)]
        return len(found) == 1 or len(found) == 2 and len({section for _, section in found}) == 2
    return [r if r and names_one(c.doc_id, r) else "" for c, r in zip(records, refs, strict=True)]


def _title_terms(a: Commitment, signals) -> set[str]:
    """The terms of the heading an action sits under, when that heading is its own numbered title
    ("Commitment 2: Students", "Action 3.1 – Warm homes"), not a section's."""
    title = a.heading
    if not _OWN_TITLE.match(title or ""):
        return set()
    return set(signals.vectoriser.vector(signals.words(a, title)))


# An action's own numbered title: "Commitment 2: Students", "Action 1a.i", "Action 3.1 – Warm homes"
_OWN_TITLE = re.compile(ACTION_NUMBER + r"\b", re.I)


def _row_pairs(row: Commitment, refs: tuple[str, ...], actions: list[Commitment], action_refs: list[str],
               earlier: np.ndarray, action_emb: np.ndarray | None, signals,
               numbered: set[tuple[str, str]] = frozenset()) -> list[RowMatch]:
    """The row scored against its nearest earlier actions in meaning and every earlier action
    with a reference number it names (`refs`: the row's own, or the several its cell names), the
    numbers weighed by `reference_evidence`."""
    if action_emb is not None:
        sims = np.where(earlier, action_emb @ signals.ctx_emb[signals.row[row.id]], -1.0)
        near = {n for n in np.argsort(-sims)[:CANDIDATES].tolist() if earlier[n]}  # (fewer than CANDIDATES earlier)
    else:
        sims = None
        near = set(np.flatnonzero(earlier).tolist())
    if refs:
        near |= {n for n, r in enumerate(action_refs) if r in refs and earlier[n]}
    row_own = signals.own_vector(row.id)
    if row.reported and row.reported.lower() in row.text.lower():
        # a title that states its status ("4.1 Library outreach – embedded (business as usual)"): the status
        # words say how the action stands, they are no part of its name
        status_terms = set(signals.vectoriser.vector(signals.words(row, row.reported)))
        row_own = {t: w for t, w in row_own.items() if t not in status_terms} or row_own
    row_ctx = signals.context_vector(row.id)
    # a row naming several actions by reference writes a part for each ("Assessment and follow-up;
    # safety plans on discharge"): an action may be named by one part alone
    parts = _subject_vectors(row, conjuncts(row.text), signals) if len(refs) >= 2 else []
    listed = len(refs) == 1 and _listed_in_text(row.text, refs[0])
    out = []
    for n in sorted(near):
        a = actions[n]
        if listed:
            # a row that names its action by number alone, one of a list under one verdict ("The following
            # were complete: A1.1, A1.3 and A3.1–A3.3"): its words are the list's, the number is the name
            if action_refs[n] == refs[0]:
                out.append(RowMatch(row.id, a.id, MIN_MATCH + REF_BONUS, 0.0, 0.0, refs[0]))
            continue
        meaning = float(sims[n]) if sims is not None else cosine(row_ctx, signals.context_vector(a.id))[0]
        # the action's words and its own title ("Commitment 2: Students" over "We will agree a joint
        # safety plan with the university ..."): a review may name the action by its title
        a_own = signals.own_vector(a.id).keys() | _title_terms(a, signals)
        contained = max([_held(row_own, a_own)] + [_held(part, a_own) for part in parts])
        score = 0.5 * max(meaning, 0.0) + 0.5 * contained + HEADING_BONUS * _same_heading(row, a)
        shared = action_refs[n] if action_refs[n] and action_refs[n] in refs else ""
        score += reference_evidence(refs, action_refs[n], a.doc_id, numbered)
        out.append(RowMatch(row.id, a.id, score, meaning, contained, shared))
    return out


def _listed_in_text(text: str, ref: str) -> bool:
    """Whether the text is a verdict on several actions it lists by number, `ref` among them (as
    `reference_of` writes it): "The following were complete: A1.1, A1.3 and A3.1–A3.3"."""
    return any(ref == r.lower().replace("-", "") for s in sentences(text) for r, _ in listed_verdicts(s))


def reference_evidence(refs: tuple[str, ...], action_ref: str, plan: str, numbered: Collection[tuple[str, str]]) -> float:
    """What the numbers say of a row and an action: REF_BONUS when the row names the action's number,
    -REF_MISMATCH when it names another that the action's plan gives to one of its actions
    (`numbered`: (document, number) pairs), else nothing (either side unnumbered, or a review that
    codes its rows its own way: "HHS05" for the plan's "5.10")."""
    if not refs or not action_ref:
        return 0.0
    if action_ref in refs:
        return REF_BONUS
    return -REF_MISMATCH if any((plan, r) in numbered for r in refs) else 0.0


def _headings(c: Commitment) -> set[str]:
    """A record's headings of two words or more, as compared across documents: lower case, words
    only, each whole and, when it has a label before a colon ("Ambition 3: Care that fits the
    person"), its part after the colon too."""
    out = set()
    for h in (c.section or "").split(" › "):
        for part in (h, h.split(":", 1)[1] if ":" in h else ""):
            norm = " ".join(re.findall(r"[a-z0-9]+", part.lower()))
            if len(norm.split()) >= 2:
                out.add(norm)
    return out


def _same_heading(row: Commitment, action: Commitment) -> bool:
    """Whether a review row stands under a heading its action stands under in the plan.  (Another
    heading is no evidence against: reviews regroup actions under their own headings, and a penalty
    for that cost four rows of the review sets.)"""
    return bool(_headings(row) & _headings(action))


# A later plan that renumbers the actions it carries forward names each by its old number: "B2 (was 3.4):
# ...", "New action C1, was 3.2: ...", "(formerly action 1.3)", "(previously 2.4)", and a sentence that
# names an action by its number in brackets, "The cycle loan scheme (action 2.3) is now led by ...".  The
# old number must read as an action's (two levels, a letter code, or after "action"), so "was 12 in 2019"
# or "was 1.2 million" names none.
_REF_SHAPE = r"(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?[a-z]?|\d{1,2}[A-Z]|[A-Z]{1,4}\d{1,2}(?:\.\d{1,2})?[a-z]?)"
# Several old numbers for one new action that merges them: "(formerly 2.1 and 2.2)", "(was C4, C5)".
_FORMER_ONE = r"(?:" + _REF_SHAPE + r"|\d{1,2})"
_FORMER_REF = re.compile(
    r"[(,]\s*(?:was|formerly|previously|old ref(?:erence)?|old number)\s+(?:actions?\s+|refs?\.?\s+)?(" + _FORMER_ONE +
    r"(?:\s*(?:,|&|\band\b)\s*" + _FORMER_ONE + r")*)(?=\s*[),:;])|"
    r"\((?:see\s+)?(?:strategy\s+|plan\s+)?action\s+(" + _REF_SHAPE + r"|\d{1,2})\)", re.I)
_FORMER_SEP = re.compile(r"\s*(?:,|&|\band\b)\s*", re.I)


def former_references(text: str) -> tuple[str, ...]:
    """The earlier plan's action numbers a later passage names as its own former number or in brackets
    ("B2 (was 3.4): Extend the scheme ..." -> 3.4; "... (action 2.5) and ... (action 4.1) are now led by ..."
    -> 2.5, 4.1; "(formerly 2.1 and 2.2)" -> 2.1, 2.2)."""
    found = [ref.lower() for m in _FORMER_REF.finditer(text)
             for ref in _FORMER_SEP.split(m.group(1) or m.group(2)) if ref]
    return tuple(dict.fromkeys(found))


def renumbered(records: list[Commitment], metas: dict[str, DocumentMeta],
               areas: dict[str, frozenset[str]] | None = None) -> dict[str, list[str]]:
    """Each earlier action a later passage names by its old number (`former_references`), action id ->
    the passages' ids: the action of that number in the newest earlier plan of the passage's area that
    numbers an action so (a review's rows, which report on actions, number none of their own)."""
    naming = [(c, refs) for c in records if (refs := former_references(c.text) or former_references(c.context))]
    if not naming:
        return {}
    areas = document_areas(records, metas) if areas is None else areas
    date_of = {d: (m.date or "") for d, m in metas.items()}
    actions = [c for c in records if c.kind != "evidence" and not is_review_row(c) and date_of.get(c.doc_id)]
    by_ref: dict[str, list[Commitment]] = {}
    for c, ref in zip(actions, distinct_references(actions), strict=True):
        if ref:
            by_ref.setdefault(ref, []).append(c)
    out: dict[str, list[str]] = {}
    for c, refs in naming:
        when = date_of.get(c.doc_id) or ""
        for ref in refs:
            earlier = [a for a in by_ref.get(ref, []) if when and date_of[a.doc_id] < when
                       and same_area(areas, a.doc_id, c.doc_id)]
            if earlier:
                newest = max(date_of[a.doc_id] for a in earlier)
                for a in earlier:
                    if date_of[a.doc_id] == newest:
                        out.setdefault(a.id, []).append(c.id)
    return out
