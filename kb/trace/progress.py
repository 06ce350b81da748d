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
strongest pairs are taken first and neither side is used twice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from kb.layout.fields import progress_of
from kb.model import Commitment, DocumentMeta
from kb.trace.features import cosine

CANDIDATES = 40  # the nearest earlier actions in meaning a row is compared with in full
REF_BONUS = 0.25  # the same reference number on both sides
REF_MISMATCH = 0.15  # both numbered, differently: a numbered review names its action by number
# A row names an action when its score reaches this.  On the invented review in tests/fixtures/review,
# without reference numbers, each row scores 0.65-0.92 with its own action and 0.25-0.48 with the
# next best (another action of the same plan sharing a word such as "carers"): the floor keeps out a
# row whose action is not in the store, and the one-to-one order (strongest pairs first) does the rest.
MIN_MATCH = 0.45

# A reference number as plans write them: "1.3", "2.1a", "Action 4", "Ref 3.2", "No. 7" (a "Priority 2"
# heading groups actions: it numbers the group, not the action).
# A letter-coded reference ("MH8", "CYP3", "A1.2") is as much a number: plans code actions by theme.
_REF = re.compile(r"^(?:(?:action|ref(?:erence)?|no|item)\.?\s*)?((?:[A-Z]{1,4})?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)"
                  r"[.):]?$", re.I)
_LEADING_REF = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?|[A-Z]{1,4}\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)[.):]?\s+\S")
# A theme code written apart from its number ("CaEE 2c", "MH 3") or joined by an ampersand ("A&S5",
# "A&S 12"), as the reference cell of a plan's or review's table row.  The code must read as an
# abbreviation (at least two capitals, each with at most one small letter after it: "CaEE", "HWB"), so
# that a word heading with a number ("Year 3", "Goal 1", "Phase 2", "Priority 2") numbers no action.
_CODED_REF = re.compile(r"^((?:[A-Z][a-z]?){2,4}|[A-Z]{1,2}&[A-Z]{1,2})\s?(\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)[.):]?$")
# A titled action heading: "Action 2.1: Healthy Start vouchers", "Action 4 - Workplace health" (the
# word "Action" is needed: a numbered section heading "2.1 Background" numbers the document's parts).
_TITLED_REF = re.compile(r"^(?:action|ref(?:erence)?)\.?\s*((?:[A-Z]{1,4})?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)\s*[:–—-]\s*\S",
                         re.I)


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


def reference_of(c: Commitment) -> str:
    """The record's reference number, from where plans put it: the nearest heading or table row
    label ("Action 1.3", "1.3", "TW 4") or the start of its text ("1.3 Launch a campaign")."""
    last = c.section.split(" › ")[-1].strip() if c.section else ""
    coded = _CODED_REF.match(last)
    if coded:  # "CaEE 2c" and "CaEE2c" are one reference
        return (coded.group(1) + coded.group(2)).lower()
    m = _REF.match(last) or _TITLED_REF.match(last) or _LEADING_REF.match(c.text.strip())
    return m.group(1).lower() if m else ""


def review_link_type(report: str) -> str:
    """A matched review row's link type, from what it reports (whatever the two documents' dates
    say: a review comes after the plan it reviews): done -> delivered, revised -> revised, else
    progress."""
    return {"done": "delivered", "revised": "revised"}.get(report, "progress")


def is_review_row(c: Commitment) -> bool:
    """A record whose own document reports a status for it (a review table's or block's row)."""
    return bool(c.reported) and progress_of(c.reported) is not None


def match_rows(records: list[Commitment], metas: dict[str, DocumentMeta], signals) -> dict[str, RowMatch]:
    """Each review row's action (row id -> match), one-to-one within each review document.

    `signals` is a kb.trace.signals.Signals over `records` (its vectors and tf-idf)."""
    rows = [c for c in records if is_review_row(c)]
    row_index = {c.id: n for n, c in enumerate(rows)}
    if not rows:
        return {}
    date_of = {d: (m.date or "") for d, m in metas.items()}
    # Actions are the earlier documents' commitments, a plan's own rows included (a plan may carry a
    # status column from the start, "Not started"; an interim review's open rows are restated actions).
    actions = [c for c in records if c.kind != "evidence" and date_of.get(c.doc_id)]
    if not actions:
        return {}
    action_dates = np.array([date_of[c.doc_id] for c in actions])
    action_refs = distinct_references(actions)
    emb = signals.ctx_emb
    action_emb = emb[[signals.row[c.id] for c in actions]] if emb is not None else None
    out: dict[str, RowMatch] = {}
    by_doc: dict[str, list[Commitment]] = {}
    for r in rows:
        by_doc.setdefault(r.doc_id, []).append(r)
    row_refs = distinct_references(rows)
    for doc_id, doc_rows in by_doc.items():
        row_date = date_of.get(doc_id) or ""
        # A review reports on a plan published before it; one whose date was not found still names
        # the actions of the other documents, since reviewing them places it after them.
        earlier = action_dates < row_date if row_date else np.array([c.doc_id != doc_id for c in actions])
        if not earlier.any():
            continue
        pairs: list[RowMatch] = []
        for r in doc_rows:
            pairs += _row_pairs(r, row_refs[row_index[r.id]], actions, action_refs, earlier, action_emb, signals)
        used_rows: set[str] = set()
        used_actions: set[str] = set()
        for p in sorted(pairs, key=lambda p: -p.score):
            if p.score < MIN_MATCH:
                break
            if p.row in used_rows or p.action in used_actions:
                continue
            used_rows.add(p.row)
            used_actions.add(p.action)
            out[p.row] = p
    return out


def distinct_references(records: list[Commitment]) -> list[str]:
    """Each record's reference number, kept only where it tells the record apart in its document:
    a number several records share (a heading that numbers a group, a layout that lost the
    headings between actions) identifies none of them."""
    refs = [reference_of(c) for c in records]
    count = Counter((c.doc_id, r) for c, r in zip(records, refs, strict=True) if r)
    return [r if r and count[(c.doc_id, r)] == 1 else "" for c, r in zip(records, refs, strict=True)]


def _row_pairs(row: Commitment, ref: str, actions: list[Commitment], refs: list[str], earlier: np.ndarray,
               action_emb: np.ndarray | None, signals) -> list[RowMatch]:
    """The row scored against its nearest earlier actions in meaning and every earlier action
    with its reference number."""
    if action_emb is not None:
        sims = np.where(earlier, action_emb @ signals.ctx_emb[signals.row[row.id]], -1.0)
        near = set(np.argsort(-sims)[:CANDIDATES].tolist())
    else:
        sims = None
        near = set(np.flatnonzero(earlier).tolist())
    if ref:
        near |= {n for n, r in enumerate(refs) if r == ref and earlier[n]}
    row_own = signals.own_vector(row.id)
    row_ctx = signals.context_vector(row.id)
    total = sum(row_own.values())
    out = []
    for n in sorted(near):
        a = actions[n]
        meaning = float(sims[n]) if sims is not None else cosine(row_ctx, signals.context_vector(a.id))[0]
        a_own = signals.own_vector(a.id)
        contained = sum(w for t, w in row_own.items() if t in a_own) / total if total else 0.0
        score = 0.5 * max(meaning, 0.0) + 0.5 * contained
        shared = ""
        if ref and refs[n]:
            if refs[n] == ref:
                score += REF_BONUS
                shared = ref
            else:
                score -= REF_MISMATCH
        out.append(RowMatch(row.id, a.id, score, meaning, contained, shared))
    return out
