"""Decide whether a unit of text (a sentence, list item, cell item or fragment) is a commitment.

Rules, not a model: each rule names the shape it recognises so that a decision can be explained
("imperative", "modal", "next-steps column", "forward list") and tested on its own.  The shapes
come from reading the corpus (see tests/test_classify.py for one example of each).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from kb.extract.dates import find_dates, has_start_end_cells
from kb.extract.forms import (
    CONDITIONAL,
    GERUND,
    IMPERATIVE,
    INDICATIVE,
    INFINITIVE,
    MODAL,
    NOMINAL,
    NONE,
    REPORTED,
)
from kb.extract.lexicon import (
    ACTION_ADJECTIVES,
    ACTION_NOUNS,
    ACTION_VERBS,
    MODAL_FORWARD,
    NOTING_VERBS,
    PAST_MARKERS,
    TAKING_IN,
    is_action_verb,
    is_gerund_action,
)
from kb.layout.fields import TRAILING_REFERENCE, label_role
from kb.layout.markup import is_all_caps, words
from kb.layout.parse import LABELLED_NUMBER, REFERENCE_NUMBER, is_period_label
from kb.model import Block

_MODAL = re.compile(rf"\b(?:{MODAL_FORWARD})\b", re.I)
_PAST = re.compile(rf"\b(?:{PAST_MARKERS})\b", re.I)
_STRONG_PAST = re.compile(
    r"\b(?:we|they|it|which|who|this|the \w+) (?:have|has|had) (?:now |recently |already |also |successfully )?"
    r"(?:been|\w+ed|made|seen|taken|begun|met|shown)\b|\b(?:was|were) (?:\w+ed|held|made|taken|seen)\b|"
    r"^(?:\w+ )?(?:has|have) been\b",
    re.I,
)
_FUTURE_IN_PAST = re.compile(
    r"\b(?:planned|scheduled|arranged|due|intended|about) (?:to|for|with)\b|\bfuture\b|"
    r"\bhave been (?:planned|scheduled|arranged)\b|\bwill\b|\bgoing forward\b",
    re.I,
)
_PROGRESSIVE = re.compile(
    r"\b(?:we|they|group|board|teams?|ccgs?|partners|workstream|work stream|commissioners|providers|system)"
    r"(?: \w+)? (?:are|is) (?:currently |now |also |actively )?(?:being )?\w+(?:ing|ed)\b|"
    r"\b(?:are|is) being (?:\w+ed|formed|set up|undertaken|developed|established)\b|\bbeing (?:set up|\w+ed)\b",
    re.I,
)
_COMMIT_PHRASE = re.compile(
    r"\b(?:our commitment|commitment (?:to|is)|committed to|we all agree|we have agreed|have now committed|"
    r"is (?:a|our) (?:key )?priority|remain(?:s)? (?:a )?(?:key )?priorit|our (?:aim|ambition|vision|focus) is|"
    r"there is a commitment|will be|will continue)\b",
    re.I,
)
_VERB_ALTERNATION = "|".join(sorted(ACTION_VERBS | {"consider"}))
# (a headline's subject: names and plural nouns, never a pronoun: "This enables us to identify ..."
# is a finite sentence)
_SUBJECT_TO_VERB = re.compile(
    r"^(?!(?:This|That|It|There|Which|What)\b)(?:[A-Z][\w&'/.-]*|of|and|all|the|&|(?!us\b)[a-z]+s)"
    r"(?: (?:[A-Z][\w&'/.-]*|of|and|all|the|&|(?!us\b)[a-z]+s)){0,6} to "
    r"(?:(?:be|further|then|jointly) )?(?:" + _VERB_ALTERNATION + r")\b")
# (a headline names its doer: "Riverside Trust procure and deploy ..."; "We agree that ...", "They use
# the new rota ..." are sentences in the present, which say what is so)
_SUBJECT_VERB = re.compile(
    r"^(?!(?:The|This|These|That|Those|A|An|It|There|Our|Their|Its|If|When|Where|Whilst|While|As|In|On|For|"
    r"To|With|Each|All|Any|Some|Many|Most|Every|We|They|He|She|I|You)\b)(?:[A-Z][A-Za-z&]*|[A-Z]{2,}\w*)(?: [A-Z][A-Za-z&]*){0,3}(?: (?:workstreams?|teams?|leads|partners|boards?|"
    r"providers|commissioners|organisations|groups?))? (?:" + "|".join(sorted(ACTION_VERBS - {"lead", "act"}))
    + r")\b")
_DECISION_PAST = re.compile(
    r"\b(?:have|has|had) (?:\w+ )?(?:decided|agreed|determined|resolved|concluded|committed) (?:to|that)\b|"
    r"\b(?:decided|determined|concluded|resolved) (?:to|that)\b|\bmade (?:a|the) decision to\b|"
    r"\bdetermined the\b|\bdetermined that\b", re.I)
_WEAK_MODAL = re.compile(r"\bto be \w+|\bcontinues? to\b|\bare being\b|\bis being\b", re.I)
_STRONG_MODAL = re.compile(r"\b(?:will|shall|must|need to|plan to|intend|aim|commit\w*|want to|propose)\b", re.I)
_RESOLUTION = re.compile(r"\bbe (?:endorsed|supported|submitted|approved|agreed|adopted|established|"
                         r"reviewed|considered|presented|brought|received|made|developed|delegated|appointed)\b", re.I)
# "... be endorsed." with no auxiliary before "be": the subjunctive of a board resolution.
_SUBJUNCTIVE = re.compile(
    r"(?<!\bwill )(?<!\bto )(?<!\bshould )(?<!\bmust )(?<!\bcan )(?<!\bcould )(?<!\bwould )(?<!\bmay )"
    r"(?<!\bnot )(?<!\bmight )(?<!\bshall )(?<!ly )\bbe (?:endorsed|supported|submitted|approved|adopted|appointed)\b", re.I)
_NOTED = re.compile(r"\bbe noted\b", re.I)
_DECISION = re.compile(
    # a decision taken (a board's resolution, a body that decided); a pledge ("We agree to") or a
    # condition ("once agreed", "an agreed programme") is not one
    r"\b(?:resolved|decided|determined (?:to|that)|decision to|(?:have|has|had|was|were|board|it) agreed|"
    r"agreed (?:that|to (?!be\b))|concluded that|recommend(?:ed)? (?:to|a|that)|committed to use)\b",
    re.I,
)
_TARGET = re.compile(r"\d+(?:\.\d+)?\s?%|£\s?\d|\b\d+[\d,]*\s+(?:people|patients|beds|attendances|admissions)\b|"
                     r"\bten-fold\b|\bhalve\b|\ball appropriate\b|\b100%\b", re.I)
# Contact details are noise: an email address or a "Tel:"/"Email:" label (a bare '@' is not: "@Northshire
# we will ..." is a commitment as written).
_NOISE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|^e-?mail:|\btel(?:ephone)?[:.]|\bpage \d|^\(?pages? \d|^slide\b|^figure \d|^appendix\b|"
                    # a table's caption ("Table 2.1: Summary of ..."): it names the table, whose rows are the items
                    r"^table \d{1,2}(?:\.\d{1,2})*[a-z]?\s*[:.\-–]\s|"
                    r"^date:|^time and date|^place$|^from:|^to:|^title:|^report author|^name and job title|"
                    r"^directorate|^enquiries|^note:|^membership:|^please note|intentionally left blank|"
                    # sources and footnotes, attendance, agenda and contents lines (conventions of papers)
                    r"^sources?:|^footnotes?\b|^(?:apologies(?: for absence)?|in attendance|attendees)\b|"
                    # "Present: Cllr A, ..." / "PRESENT" (not the verb of an action: "Present the review to ...")
                    r"^present(?:\s*(?:[:\-–—(]|$)|\s+(?:were|was)\b|\s+(?-i:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Prof)\b))|"
                    r"^agenda item\b|(?:\.{4,}|…{2,})\s*\d+$|"
                    # a publication's colophon
                    r"^(?:printed|typeset|designed and printed|designed and produced) (?:in|by|on|for)\b",
                    re.I)
_LABEL_PREFIX = re.compile(r"^(?:[A-Z][A-Za-z&/ ]{0,30}|[A-Z&]{2,6}(?:, [A-Z&]{2,6})*(?: and [A-Z&]{2,6})?):\s+")

# A heading that pledges the text under it: "What we will do", "What we'll deliver", "Our commitment".
_PLEDGE_HEADING = re.compile(r"(?:what|how) (?:we will|we'll|we shall|we are going to) (?:do|deliver|provide|change|achieve)"
                             r"(?: (?:next|about it|in \d{4}(?:/\d{2,4})?))?|our (?:commitments?|promises?|pledges?)"
                             r"|what will happen", re.I)

COLUMN_ROLES = (
    ("commitment", re.compile(r"^commitments?$|^priorit(?:y|ies)$|^actions?$|^activit(?:y|ies)$|^milestones?$|^targets?$|"
                              r"^description$|^deliverables?$|^what$|^tasks?$|^objectives?(?: \d+)?$|^key actions?$|"
                              # a header that says its items are to come: "Proposed Schemes", "Planned works"
                              r"^(?:proposed|planned|new|future|intended) [a-z]+(?: [a-z]+)?$", re.I)),
    ("next", re.compile(r"next steps?|planned actions|what we will do", re.I)),
    ("done", re.compile(r"what we have done|progress|achieve|done so far|update", re.I)),
    ("impact", re.compile(r"impact|benefits?|outcomes?", re.I)),
)


@dataclass
class Decision:
    accept: bool
    kind: str = "commitment"  # commitment | target | milestone | decision | evidence
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)
    route: str = ""  # the shape that decided: "commitment column", "forward sentence", "action item" ...
    form: str = ""  # the committing predicate's form (kb.extract.forms)
    flags: frozenset[str] = frozenset()  # the clause's flags: conditional, reported, weak, forecast ...


def column_role(column: str | None) -> str | None:
    if not column:
        return None
    for role, pattern in COLUMN_ROLES:
        if pattern.search(column):
            return role
    return "commitment" if label_role(column) == "action" else None  # "Project", "Phase/works"


# A header naming kinds of planned work, whatever its qualifier ("Existing Schemes", "Capital projects",
# "Current programmes"): each cell below is one piece of work by name.  Under a section or lead-in
# that looks ahead, the pieces are the plan's; in a report of the past they are what was done.
_WORK_ITEMS_HEADER = re.compile(r"^(?:[a-z]+ ){0,2}(?:schemes|projects|programmes|initiatives|workstreams|"
                                r"work ?streams|interventions)$", re.I)
_PAST_QUALIFIER = re.compile(r"^(?:completed|closed|finished|delivered|past|previous|former)\b", re.I)


def cell_role(block: Block) -> str | None:
    """The role of the column a cell sits in (`column_role`), also when its header only names kinds of
    work and the section around it looks ahead: "Existing Schemes" beside "Proposed Schemes" under
    "Proposed schemes for next year", where the plan keeps the existing ones going."""
    role = column_role(block.column)
    header = (block.column or "").strip()
    if role is None and block.kind == "cell" and block.forward_context and not block.negative_context \
            and _WORK_ITEMS_HEADER.fullmatch(header) and not _PAST_QUALIFIER.match(header):
        return "commitment"
    return role


_INDEFINITE = re.compile(r"^\W*an?\s", re.I)  # a noun phrase that opens with "a" / "an"


def _strip_label(text: str) -> str:
    """Drop a leading label ("P&P: ", "Enablers: ", "Workstream Lead - ") before looking at the verb."""
    m = _LABEL_PREFIX.match(text)
    if m and len(words(text[m.end():])) >= 2:
        return text[m.end():]
    return text


def shape(text: str) -> set[str]:
    """The commitment shapes a text shows (used by the rules and reported as reasons)."""
    body = _strip_label(text)
    ws = words(body)
    found: set[str] = set()
    if not ws:
        return found
    first = ws[0]
    first_l = first.lower()
    if is_action_verb(first_l) and (first[0].isupper() or first.isupper()):
        found.add("imperative")
    if first_l == "to" and len(ws) > 1 and is_action_verb(ws[1]):
        found.add("to-infinitive")
    if is_gerund_action(first):
        found.add("gerund")
    if first_l in ACTION_NOUNS or (len(ws) > 1 and first_l in ACTION_ADJECTIVES):
        found.add("nominal")
    if len(ws) > 1 and ws[1].lower() in ACTION_NOUNS and first_l in {"further", "continued", "ongoing",
                                                                     "local", "new", "full", "formal",
                                                                     "public", "a", "the"}:
        found.add("nominal")
    if any(w.lower() in ACTION_NOUNS for w in ws[1:4]) and first_l not in {"the", "this", "our", "these"}:
        found.add("nominal")
    if first_l in {"the", "a"} and len(ws) > 2 and ws[1].lower() in ACTION_NOUNS and ws[2].lower() == "of":
        found.add("nominal")
    if _DECISION_PAST.search(body):
        found.add("decision")
    if _WEAK_MODAL.search(body) and not _STRONG_MODAL.search(body):
        found.add("weak-modal")
    if _SUBJECT_TO_VERB.match(body) or _SUBJECT_VERB.match(body):
        found.add("subject-action")
    if _MODAL.search(body):
        found.add("modal")
    if _COMMIT_PHRASE.search(body):
        found.add("commit-phrase")
    if _PROGRESSIVE.search(body):
        found.add("progressive")
    if _STRONG_PAST.search(body) or (_PAST.search(body) and not _MODAL.search(body)):
        found.add("past")
    if _FUTURE_IN_PAST.search(body):
        found.add("future-in-past")
    if _TARGET.search(body):
        found.add("figure")
    if is_all_caps(body) and len(ws) <= 6:
        found.add("caps")
    return found


def decide(text: str, block: Block, in_resolution: bool = False, doc: Any = None,
           reported_speech: bool = False) -> Decision:
    """Is this unit a commitment, of which kind, and how sure is kb (kb.extract.confidence)?
    `reported_speech`: the document reports a meeting in the past tense (minutes), where "would"
    is the future of what was said ("the council would publish ...")."""
    seen: dict[str, Any] = {"reported_speech": reported_speech}
    d = _decide(text, block, in_resolution, doc, seen)
    j = seen.get("judgement")
    d.route = d.reasons[-1] if d.reasons else ""
    if j is not None:
        d.form, d.flags = j.clause.form, frozenset(j.flags)
    if d.accept:
        from kb.extract.confidence import recognition_confidence

        d.confidence = recognition_confidence(d.route, d.form, d.flags)
    return d


# A performance indicator's values as label-value pairs: its target beside at least one reading of
# where it stands or the threshold it must not fall below ("Latest: 65% Target: 72%, Floor: 58%",
# "Target: 95% | Actual: 91.2%").  A target alone on a line ("Target: reduce waits") is an action
# plan's field, read as such (kb.layout.fields).
_INDICATOR_TARGET = re.compile(r"(?:^|[\s|,;(])(?:annual\s+|year[- ]end\s+)?target\s*(?:\(\w+\))?\s*:\s*[<>≤≥~]?\s*[£$]?\d", re.I)
_INDICATOR_READING = re.compile(
    r"(?:^|[\s|,;(])(?:latest|actual|current|baseline|previous|floor(?:\s+standard)?|forecast|outturn|"
    r"year[- ]to[- ]date|ytd|last\s+(?:month|quarter|year)|this\s+(?:month|quarter))\s*(?:\(\w+\))?\s*:\s*[<>≤≥~]?\s*[£$]?\d",
    re.I)
_INDICATOR_WORDS = 30  # a line of values, not a sentence that mentions a target and a figure


def indicator_target(text: str) -> bool:
    """Whether a unit is a performance indicator's line of values that gives its target (a figure)
    and at least one reading or threshold beside it, and is no sentence (few words, no verb needed)."""
    return len(words(text)) <= _INDICATOR_WORDS and _INDICATOR_TARGET.search(text) is not None \
        and _INDICATOR_READING.search(text) is not None


# A decision told as taken at another, earlier meeting ("At that meeting, Members agreed ...").
_EARLIER_MEETING = re.compile(r"\bat (?:that|the previous|the last|its previous|its last|an earlier) meeting\b", re.I)


def earlier_decision(text: str, doc_date: dt.date | None) -> bool:
    """A decision a paper recounts from before its own time: every date it gives ends before the
    month the paper is dated ("On 17 August 2023, Cabinet agreed ..." in a December 2024 report,
    "It was agreed in 2000 that ..."), or it names an earlier meeting.  Background, as the annotation
    guide counts descriptions of the past; a decision of the paper's own meeting is dated in its month
    or undated, and one that sets a date ahead ("agreed to extend the contracts to March 2026") stays."""
    return bool(_EARLIER_MEETING.search(text)) or dated_before(text, doc_date)


def dated_before(text: str, doc_date: dt.date | None) -> bool:
    """Whether every date `text` gives ends before the month its document is dated (and it gives
    one): what it dates is past when the document is written, so no date it is due by."""
    if doc_date is None or _NOW.search(text):
        return False
    # a date in brackets cites a source ("the King's Fund model (Vision for Population Health,
    # November 2018)"), it does not date the decision
    dates = [d for d in find_dates(text, doc_date) if not d.relative and not in_brackets(text, d.start_char)
             and not _BASELINE.search(text[:d.start_char])]
    month = doc_date.replace(day=1).isoformat()
    return bool(dates) and all(d.due.end is not None and d.due.end < month for d in dates)


# a date that places a starting point, not a deadline: "from 90 in 2021/22 to 54", "against a 2019/20
# baseline of 41%", "compared with 2019", "since 2018"
_BASELINE = re.compile(r"\b(?:from|since|baseline|against|compared (?:with|to)|up from|down from)\b[^.;:]{0,30}$", re.I)


# a lead-in that is a date alone: "By 2024:", "By March 2025:", "In 2026/27:"
_DATE_LEAD = re.compile(r"(?:by|in|during|before)\s+(?:the\s+end\s+of\s+)?(?:[A-Za-z]+\s+)?\d{4}(?:/\d{2,4})?:", re.I)


def _dated_outcome(block: Block) -> bool:
    """An item listed under a lead-in that is a future date alone ("By 2024:" / "- every ward
    assessed against the standard", "- 70% of people on the register receiving a yearly review"): an outcome
    to be in place by then, whatever tense the parser reads in its participles (the layout dates
    the item by the lead-in only when that date is still ahead, kb.layout.structure.lead_in_date)."""
    return block.kind == "list_item" and bool(block.intro and block.scope_dates) \
        and _DATE_LEAD.fullmatch(block.intro.strip()) is not None


# a deadline's word, before the date or read with it ("by March 2024")
_BY_BEFORE = re.compile(r"\b(?:by|before)\s+(?:the\s+end\s+of\s+)?$", re.I)
_BY_BEFORE_DATE = re.compile(r"(?:by|before)\b", re.I)


def state_dated_ahead(text: str, decision: Decision, doc_date: dt.date | None) -> Decision | None:
    """A state to reach by a date still ahead when its document is written, told with a bare participle
    ("40% of accounts moved to e-billing by March 2024" in a 2022 plan, "All wards assessed by 2025"):
    the parse reads the participle as a past tense, but nothing can have been done by a date to come.
    The decision to keep it (a target when it gives a figure), or None when `decision` stands."""
    if decision.accept or "participle" not in decision.flags or doc_date is None:
        return None
    dates = [d for d in find_dates(text, doc_date) if not d.relative and not in_brackets(text, d.start_char)]
    month = doc_date.replace(day=1).isoformat()
    if not dates or any(d.due.end is None or d.due.end < month for d in dates) \
            or not any(_BY_BEFORE.search(text[:d.start_char]) or _BY_BEFORE_DATE.match(d.due.text) for d in dates):
        return None
    kind = "target" if "figure" in decision.reasons else "milestone"
    return Decision(True, kind, 0.5, decision.reasons + ["state dated ahead"], "state dated ahead", decision.form,
                    decision.flags)


# A statement in a person's own words, in quotation marks, with the date it is promised by after it:
# "“I can book my appointment online.” (by April 2022)", "“If I complain, someone rings me within two
# days.” (from October 2021)" -- the "I statements" NHS plans set as outcomes, dated as their promises.
_DATED_I_STATEMENT = re.compile(r"^\W*[“\"‘']\s*(?P<said>[A-Z][^“”\"]{8,})[”\"’']\s*"
                                r"\(\s*(?:by|from|before|in|during|within)\b(?P<when>[^()]{3,40})\)\s*\.?$")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I'm|I’m)\b")


def dated_i_statement(text: str, doc_date: dt.date | None) -> Decision | None:
    """The decision on a person's quoted statement dated after it (`_DATED_I_STATEMENT`): an outcome the
    plan promises by that date, a target, when the date is not before its document; else None."""
    m = _DATED_I_STATEMENT.match(text.strip())
    if m is None or doc_date is None or not _FIRST_PERSON.search(m.group("said")):
        return None
    dates = find_dates(m.group("when"), doc_date)
    month = doc_date.replace(day=1).isoformat()
    if not dates or any(d.due.end is None or d.due.end < month for d in dates):
        return None
    return Decision(True, "target", 0.5, ["dated I statement"], "dated I statement", "indicative", frozenset())


def past_dated_entry(text: str, block: Block, decision: Decision, doc_date: dt.date | None) -> bool:
    """A list entry with no verb that pairs a name with a date already past when its document was
    written ("HIV screening - November 1985" under "The dates the scheme recognises are:", "Phase 1
    pilot – June 2022" in a 2024 paper): a fact on record, not something to be done by then, whatever
    its lead-in promises; an entry that acts ("Open the second clinic – May 2022") stays."""
    if doc_date is not None and any(d.end and d.end >= doc_date.isoformat() for d in block.scope_dates):
        return False  # dated ahead by its lead-in or heading ("By 2024:" over "a 50% reduction in ...")
    return block.kind == "list_item" and decision.form in (NOMINAL, NONE) and dated_before(text, doc_date)


# A date closing a list entry after a dash, as a plan's slide or checklist schedules each deliverable:
# "Single sign-on in all 88 practices – Dec 2023", "ePMA on every ward – by Mar 2024", "... – live Oct 2024"
_DATE_CELL = re.compile(r"\s[–—-]\s+(?:(?:by|from|live|due|in|during|before|end(?: of)?)\s+)?(?P<when>[^–—]{3,30})$", re.I)


def future_dated_entry(text: str, block: Block, decision: Decision, doc_date: dt.date | None) -> Decision | None:
    """A list entry with no verb that names a thing and closes on a date still ahead of its document after
    a dash ("One patient record for both hospitals – live Oct 2024" in a 2022 plan): a deliverable the plan
    schedules, a milestone; the mirror of `past_dated_entry`.  None when `decision` stands."""
    if decision.accept or block.kind != "list_item" or doc_date is None:
        return None
    m = _DATE_CELL.search(text.rstrip(" ."))
    if m is None or len(re.findall(r"[A-Za-z]{3,}", text[:m.start()])) < 3:
        return None
    if decision.form not in (NOMINAL, NONE) and decide(text[:m.start()], block).form not in (NOMINAL, NONE):
        return None  # (the date cell's word read as the verb: "... – live Oct 2024")
    dates = find_dates(m.group("when"), doc_date)
    month = doc_date.replace(day=1).isoformat()
    if not dates or any(d.due.end is None or d.due.end < month for d in dates):
        return None
    return Decision(True, "milestone", 0.5, decision.reasons + ["a deliverable dated ahead"], "dated entry",
                    decision.form, decision.flags)


_NOW = re.compile(r"\b(?:now|today|this (?:week|month|meeting))\b", re.I)


def in_brackets(text: str, at: int) -> bool:
    """Whether position `at` of `text` stands inside an open parenthesis."""
    before = text[:at]
    return before.count("(") > before.count(")")


# Predicates of "would" that say what someone wants or what something means, not what will be done.
_WOULD_NOT_DONE = frozenset({"like", "love", "prefer", "wish", "welcome", "appreciate", "mean", "seem", "appear",
                             "be", "need", "have", "help", "allow", "enable", "result", "lead", "cost", "save",
                             # what would befall someone, not what they would do
                             "face", "require", "experience", "suffer", "struggle", "lose", "risk"})
# ... and of a view someone gave: "said they would recommend it", "stated she would expect a map".
_WOULD_VIEW = frozenset({"recommend", "expect", "want", "prefer", "choose", "find", "feel", "think", "use", "pay"})
# Adverbs that make a "would" a guess: "would potentially require", "would probably close".
_HEDGES = frozenset({"potentially", "possibly", "probably", "likely", "perhaps", "maybe", "conceivably"})


def _reported_would(j: Any) -> bool:
    """"The council would consult in May", "an update would be brought back": minutes tell a
    future in the past tense.  Not when it is hypothetical (a condition), negated, a wish, what
    something would mean, or about a reference back ("this would ...")."""
    c = j.clause
    if c.form != CONDITIONAL or c.marker != "would" or c.condition or c.negated or c.predicate is None:
        return False
    if j.flags & {"forecast", "consequence", "value", "subordinate"}:
        return False
    subj = c.subjects[0] if c.subjects else None
    from kb.extract.judge import REFERENCE_BACK

    if c.voice == "active" and (c.predicate.lemma_.lower() in _WOULD_NOT_DONE or subj is None
                                or subj.lower_ in REFERENCE_BACK or subj.lower_ == "there"):
        return False
    from kb.extract.judge import is_party_phrase

    if c.voice == "active" and not is_party_phrase(subj) and not find_dates(c.sentence.text, None):
        return False  # "these scenarios would only give an indication": what a thing would do or mean
        # (a thing with a date is a scheduled event: "the new pool would open in May 2026")
    if any(ch.lower_ in _HEDGES for ch in c.predicate.children):
        return False  # "would potentially require"
    if any(ch.dep_ == "prep" and ch.lower_ == "without" and ch.i < c.predicate.i for ch in c.predicate.children):
        return False  # "Without a settlement, councils would ...": a counterfactual
    return True


# A label and its share, as a chart prints it: a few words, a dash, a percentage; or a chart's legend,
# two or more labels each with its count in brackets ("Prefer to self-describe (3) Non-binary (4)").
_CHART_LABEL = re.compile(r"^[^.:;]{1,40}?\s[–—-]\s*\d{1,3}(?:\.\d+)?\s?%\W*$"
                          r"|^(?:[^.:;()\d]{1,40}?\s\(\d{1,5}\)\s*){2,}\W*$")
_SELF_NOUNS = frozenset({"report", "paper", "document", "section", "sections", "chapter", "chapters", "appendix",
                         "annex", "briefing", "summary"})
_EXPOSITION_VERBS = frozenset({"explore", "describe", "outline", "set", "present", "summarise", "summarize", "discuss",
                               "examine", "consider", "look", "detail", "explain", "highlight", "focus", "cover",
                               "show", "provide", "report", "introduce"})


def _tells_its_own_contents(c: Any) -> bool:
    """A future whose subject is the document or a part of it and whose verb tells ("This report will
    set out ...", "The following sections will describe ...")."""
    pred = c.predicate
    if pred is None or c.voice != "active" or not c.subjects or c.tense != "future":
        return False
    return c.subjects[0].lemma_.lower() in _SELF_NOUNS and pred.lemma_.lower() in _EXPOSITION_VERBS


def _by_a_party(c: Any) -> bool:
    """Whether the clause's subject is the author ("we") or a named party."""
    from kb.extract.judge import is_party_phrase

    subj = c.subjects[0] if c.subjects else None
    return subj is not None and (subj.lower_ in ("we", "us") or is_party_phrase(subj))


_METHOD_NOUNS = frozenset({"approach", "method", "methodology", "methods", "sample", "sampling", "design", "technique"})
# "may need to", "might have to", "could need to": a need that may arise
_POSSIBLE_NEED = re.compile(r"\b(?:may|might|could)\s+(?:also\s+|still\s+|even\s+)?(?:need|have)\s+to\b", re.I)
# A lead-in naming what a piece of research sets out to do ("The aims of the listening exercise were:",
# "This survey aimed to:", "Objectives of the review:") ...
_STUDY_AIMS = re.compile(
    r"\b(?:aims?|objectives?|purposes?|questions?)\s+(?:of|for)\s+(?:the|this|our|these)\s+(?:\w+\s+)?"
    r"(?:research|engagement|survey|study|studies|evaluation|consultation|audit|focus groups?|interviews?|"
    r"questionnaire|project|projects|work|exercise)\b|"
    r"\b(?:research|engagement|survey|study|evaluation|consultation|questionnaire)\s+(?:aims?|aimed|sought|seeks?)\s+to\b",
    re.I)
# ... and an item that sets out to learn something: a verb of finding out, as an infinitive or a gerund
_INQUIRY_ITEM = re.compile(
    r"^\W*(?:to\s+)?(?:explore|exploring|understand|understanding|identify|identifying|find(?:ing)? out|learn|"
    r"learning|hear|hearing|gather|gathering|capture|capturing|examine|examining|investigate|investigating|"
    r"establish whether|assess whether|gain (?:an? )?(?:insight|understanding)|gaining (?:an? )?(?:insight|"
    r"understanding)|seek views|seeking views|determine|determining)\b", re.I)


def _study_aim(text: str, intro: str | None) -> bool:
    """A list item that a study's aims introduce and that sets out to learn something."""
    return bool(intro and _STUDY_AIMS.search(intro) and _INQUIRY_ITEM.match(text))


# Adjectives that judge how much something matters: "Offering training ... is essential for ...".
_VALUE_WORDS = frozenset({"essential", "vital", "crucial", "key", "important", "critical", "necessary", "fundamental",
                          "central", "paramount", "integral", "imperative"})


def _valued(c: Any) -> bool:
    """A clause that says how much something matters: its verb is "be" and its complement a word of
    value ("Integrating the two systems is vital for ...") -- a judgement, not an action, though a
    gerund opens it."""
    pred = c.predicate
    if pred is None or c.form != INDICATIVE or pred.lemma_.lower() != "be":
        return False
    return any(ch.dep_ in ("acomp", "attr") and ch.lower_ in _VALUE_WORDS for ch in pred.children)


# "Recommendation 4: ...", "Recommendation 12 – ...": a recommendation's number before its title.
_TITLED_RECOMMENDATION = re.compile(r"^\W*recommendation\s+\d{1,3}[a-z]?\s*[:–—-]\s+", re.I)


# A paragraph's own reference number ("1.6.3 Deploy ...", "6.4 If these changes ..."): it orders the
# document; the parser reads it as a noun at the head of the sentence and loses the verb after it.
# also a sub-lettered one, as plans letter the actions of a numbered aim: "1(a)", "5(b)", "12(iii)", "3b."
# and a letter-coded one, as plans code their actions or commitments ("C7", "PH12", "E2.1") before a
# capitalised first word: "C7 Open a ...", "C10 We will ..."
_REFERENCE_NUMBER = re.compile(rf"^\s*(?:{REFERENCE_NUMBER}|\d{{1,2}}\((?:[a-z]|[ivx]{{1,4}})\)|\d{{1,2}}[a-z]\)|"
                               rf"\d{{1,2}}[a-z](?=\.\s+[A-Z])|"
                               rf"[A-Z]{{1,3}}\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}(?=\.?\s+[A-Z][a-z]))\.?\s+(?=[A-Za-z(‘'\"])")


# A numbered label that names the kind of item before it: "Recommendation 10: ", "Action 2.3 – ",
# "Priority 1. ", "Objective 4: ".
_NUMBERED_LABEL = re.compile(rf"^\s*{LABELLED_NUMBER}\s*[:.–-]\s+(?=[A-Z])")


def without_reference_number(text: str) -> str:
    """The text without the reference number it opens with ("C7 Train ..." -> "Train ..."): the number
    orders the plan, it names no one."""
    return _REFERENCE_NUMBER.sub("", text, count=1)


def clause_text(text: str) -> str:
    """The text whose clause decides a unit: the unit without its leading reference number or
    numbered label (the pipeline parses this text for `decide`)."""
    text = _REFERENCE_NUMBER.sub("", text, count=1)
    m = _NUMBERED_LABEL.match(text)
    if m and len(words(text[m.end():])) >= 2:
        return text[m.end():]
    return text


# What a need is stated of when no one is named to meet it: "further work", "funding", "consideration".
_NEEDED_THINGS = frozenset({"work", "funding", "consideration", "investment", "resource", "resources", "effort",
                            "thought", "attention", "care", "money", "time", "analysis"})


def _need_without_doer(j: Any) -> bool:
    """A thing said to be required or needed ("further work is required", "consideration needs to
    be given"), its subject the thing, with no agent ("by the council") to do it."""
    c = j.clause
    if c.head is None or c.head.lemma_.lower() not in ("require", "need") or not c.subjects:
        return False
    subj = c.subjects[0]
    if subj.lemma_.lower() not in _NEEDED_THINGS:
        return False
    return not any(t.dep_ == "agent" for t in (c.sentence if c.sentence is not None else []))


_SECTION_TITLE_NUMBER = re.compile(r"^\s*\d{1,2}\.?\s+(?=[A-Z])")


def _baseline_date(m: Any, text: str) -> bool:
    """A date a measure gives its baseline ("baseline (June '24): 149", "(23/24 Q4) baseline",
    "Baseline ASC survey 2022/23"): the level counted from, not a date for the work."""
    before = text[max(0, m.start_char - 30):m.start_char]
    after = text[m.end_char:m.end_char + 15]
    return bool(re.search(r"\bbaseline\b[^.;]*$", before, re.I) or re.match(r"^[^.;]*?\bbaseline\b", after, re.I))


def needs_clause(text: str) -> bool:
    """Whether `decide` will read this unit's clause (noise and list intros are decided without it),
    so that the caller parses only the units that need the trained parse."""
    t = text.strip()
    return not _is_noise(t, words(t)) and not _is_intro(t, shape(t))


# Reference codes alone ("SO1, SO3", "PR2/PR4", "A1 and B2", a range "B2–B5" or "4.2 to 4.6"),
# perhaps with the row's timescale appended, or after a yes or no and a carry-forward word ("Yes –
# D4", "Yes – merged into D2", "See 2.3 and 2.4"): the cross-references of an outcome, objective or
# carried-forward column, not an item.
_LETTER_CODE = r"[A-Z]{1,4}\d{1,3}(?:\.\d{1,2})?[a-z]?"
_NUMBER_CODE = r"\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?"  # "4.2": only alone, as "4.2 – Train staff" is an item
_CODES_ONLY = re.compile(
    r"^(?i:(?:yes|no)\s*[–—:,-]\s*)?(?i:(?:see|merged into|merged with|moved to|replaced by|"
    r"carried (?:forward )?(?:in)?to)\s+)?"
    rf"(?:{_LETTER_CODE}(?:\s*(?:[,;/&+–—]|and|to)\s*{_LETTER_CODE})*(?:\s+[–—-]\s+.*)?"
    rf"|{_NUMBER_CODE}(?:\s*(?:[,;/&+–—]|and|to)\s*{_NUMBER_CODE})*\.?)$")


# A pointer to other material, addressed to the reader ("See table 2 below", "Refer to the toolkit for
# further guidance"): it tells where to read, not what anyone will do.
_READER_POINTER = re.compile(
    r"^(?:please\s+)?(?:see|refer to|read|visit|go to|click|view)\b.{0,120}?"
    r"(?:\bfor (?:more|further|full)?\s*(?:details?|information|guidance)\b|\b(?:below|above|overleaf)\b|"
    r"\b(?:table|figure|appendix|annex|section|page|chapter|box|website|toolkit|hub)\s*\d*\b|www\.|https?://)",
    re.I)


# A unit that ends with a web address: a title and its address, unless it pledges something.
_ENDS_WITH_ADDRESS = re.compile(r"(?:https?://|www\.)\S+[\s).]*$", re.I)


def _is_person_row(t: str) -> bool:
    """"Jane Smith (Director of Public Health)", "Dr A Khan (Chair), Ms B Lee (Clerk)": names with their
    roles (an attendance line).  Not a minute that opens with its speaker: "Mr Jones (Treasurer)
    confirmed that the accounts would be published in May" goes on to say something."""
    if not _PERSON_ROW.match(t):
        return False
    rest = re.sub(r"\([^)]*\)", " ", t)
    return sum(1 for w in words(rest) if w[:1].islower() and w not in ("and", "of", "for", "the")) < 2


def _is_noise(t: str, ws: list[str], min_words: int = 2, people: bool = True) -> bool:
    """Page furniture, contact lines, questions, codes and pointers; `people`: also a name with its role
    in brackets, which a column of actions does not hold ("Faster Recovery (FRP)" is a scheme)."""
    return (len(ws) < min_words or bool(_NOISE.search(t)) or t.endswith("?") or people and _is_person_row(t)
            or bool(_CODES_ONLY.match(t)) or bool(_READER_POINTER.match(t)))


def _decide(text: str, block: Block, in_resolution: bool, doc: Any, seen: dict[str, Any]) -> Decision:
    """Is this unit a commitment, and of which kind?

    The layout decides where a unit sits (a COMMITMENT or NEXT STEPS column, a forward list, a
    resolution, a risks section); the analysed clause (kb.extract.clause, from the trained parse:
    `doc` when the caller parsed it in a batch) decides what the sentence does: pledge, act, decide,
    forecast, describe the past.
    """
    t = text.strip()
    ws = words(t)
    # one word is no item, except in a column whose header names its items ("Proposed Schemes":
    # "Dermatology", "Pathology")
    role = cell_role(block)
    in_item_column = block.kind == "cell" and role in ("commitment", "next")
    named_by_column = in_item_column and len(ws) == 1 and ws[0].isalpha() and len(ws[0]) >= 4
    if _is_noise(t, ws, min_words=1 if named_by_column else 2, people=not in_item_column):
        return Decision(False, reasons=["noise"])
    if block.kind != "heading" and block.section and _QUESTION_BY.match(block.section[-1]):
        # the text under "Question by Cllr X to Cllr Y" (a council's written questions and answers)
        # is the member's question and its background, up to the "Answer": asked, not undertaken
        return Decision(False, "evidence", reasons=["a member's question"])
    if block.quoted:  # another body's recommendation, quoted before the author's response: evidence
        return Decision(False, "evidence", reasons=["quoted recommendation"])
    if indicator_target(t):
        # a performance report's indicator line ("Latest: 65% Target: 72%, Floor: 58%"): the target
        # the body set for the indicator named above it
        return Decision(True, "target", reasons=["indicator target"])
    s = shape(t)
    reasons: list[str] = sorted(s)
    if _is_intro(t, s) and not _acting_lead_in(t):
        return Decision(False, reasons=reasons + ["list intro"])
    from kb.extract.judge import judge  # the trained parse stays on the ingest path

    j = judge(clause_text(t), doc)
    seen["judgement"] = j
    reasons.append(j.clause.describe())
    reasons.extend(sorted(j.flags))
    if j.clause.form == INFINITIVE and block.kind != "cell" and re.match(r"(?:\W*\w{1,3}[.)]\s+)?to\s", t, re.I) \
            and j.clause.predicate is not None and j.clause.predicate.lemma_.lower() in _AGENDA_VERBS:
        # an agenda item: "To consider the report of ...", "To receive the minutes", "1. To note ..."
        # (in an action table's cell, "To consider an approach to ..." is the action)
        return Decision(False, reasons=reasons + ["agenda item"])
    if j.clause.form == IMPERATIVE and _DOCUMENT_LABEL.match(t):
        # "Annex A LOCAL GOVERNMENT ACT 2007", "Schedule 2 Terms of the invitation": a part of the
        # document by its label, not the verb "annex" or "schedule"
        return Decision(False, reasons=reasons + ["document label"])
    if _inverted_question(j.clause):
        # "Will the Cabinet Member undertake to publish the results." : a member's question, its
        # question mark lost, asks; it undertakes nothing
        return Decision(False, reasons=reasons + ["question"])
    if _NO_INTENTION.search(t) and not re.search(r"\b(?:will|shall)\b", t, re.I):
        # "There is currently no intention to prepare a joint plan", "We have no plans to close the
        # library": an intention or plan denied is no undertaking (a "will" beside it may still be one)
        return Decision(False, reasons=reasons + ["no intention"])
    if _ENDS_WITH_ADDRESS.search(t) and not (j.pledge or j.decision):
        # a source line: a title and where to find it ("Delivery plan for recovering access: https://...")
        return Decision(False, reasons=reasons + ["reference"])
    if not seen.get("reported_speech") and j.clause.form == REPORTED and j.clause.marker.endswith(" would") \
            and j.clause.predicate is not None and j.clause.voice == "active" \
            and j.clause.predicate.lemma_.lower() in _WOULD_NOT_DONE | _WOULD_VIEW and not find_dates(t, None):
        # "Five tenants said they would recommend the form", "one user stated she would expect a
        # calendar": outside the minutes of a meeting, a "would" of a view reported from what someone
        # said is their opinion, not something to be done (a date makes it a scheduled event)
        return Decision(False, reasons=reasons + ["reported view"])
    if _POSSIBLE_NEED.search(t) and not _by_a_party(j.clause):
        # "Some residents may need to renew their permit online": what may become necessary for the
        # people a plan serves is a possibility, not an undertaking ("We might have to ..." is the
        # body's own tentative plan)
        return Decision(False, reasons=reasons + ["a possible need"])
    if j.clause.tense == "past" and j.clause.voice == "passive" \
            and any(x.lemma_.lower() in _METHOD_NOUNS for x in j.clause.subjects):
        # "A mixed methods approach was adopted", "A purposive sample was used": how a piece of work
        # was done, not a decision of the body
        return Decision(False, reasons=reasons + ["method described"])
    if j.clause.tense == "past" and _STUDY_AIMS.search(t) and not j.clause.future:
        # "The purpose of this survey was to hear from carers ...": what a study set out to do, told
        # in the past of its report
        return Decision(False, reasons=reasons + ["aim of a study"])
    if _tells_its_own_contents(j.clause):
        # "The next sections of this report will explore ...", "This paper will set out the options":
        # the document saying what it goes on to tell, not what its body will do
        return Decision(False, reasons=reasons + ["the document's own contents"])
    if _CHART_LABEL.match(t):
        # "Prefer not to say – 4%", "Under 18 - 12.5%": a chart's or a table's label and its share (or count)
        return Decision(False, reasons=reasons + ["chart label"])
    if block.kind == "list_item" and _study_aim(t, block.intro):
        # "The aims of the survey include:" / "- To understand how parents choose a nursery": what a
        # piece of research sets out to learn, not something it undertakes to do
        return Decision(False, reasons=reasons + ["aim of a study"])
    if _need_without_doer(j):
        # "Further work is required to understand ...", "Additional funding will be required",
        # "Careful consideration needs to be given to ...": a need stated, no one undertaking it
        return Decision(False, reasons=reasons + ["a need, no doer"])
    if _TITLED_RECOMMENDATION.match(t) and j.clause.form in (NONE, NOMINAL) and not (j.pledge or j.decision) \
            and len(ws) <= 12:
        # "Recommendation 4: Carbon neutral homes by 2037": another body's recommendation named by its
        # number and title, a reference (its response, not its name, says what will be done)
        return Decision(False, reasons=reasons + ["recommendation by its title"])
    if role == "commitment" and re.fullmatch(r"\s*descriptions?\s*", block.column or "", re.I) \
            and not (block.fields or block.scope_dates or block.forward_context):
        # "Description" names the items of an action table (one with a when, a who or a status) and
        # nothing more in a table of definitions ("Subject | Description")
        role = None
    # a participle headline under a forward heading or list ("Business case approved.") is a state to reach
    past = j.past and not ("participle" in j.flags and block.forward_context) and not _perfect_after_modal(t, block) \
        and not _dated_outcome(block)
    # verbless deliverables the parse leaves without a predicate: "Faster access to memory clinics"
    # and headline bullets the small tagger misreads ("RFT open and staff ...")
    subjects = j.clause.subjects
    lexical_action = bool(s & {"nominal", "gerund", "subject-action"}) and not past \
        and j.clause.form in (NONE, NOMINAL, GERUND, INDICATIVE) \
        and (not subjects or "subject-action" in s or subjects[0].i == 0 and "gerund" in s) \
        and not _valued(j.clause)
    # a nominal deliverable ("Reduction in ...") is one when its noun names an action or the section
    # or list announces deliverables; in running text only an imperative or an infinitive acts
    form = j.clause.form
    nominal_ok = form != NOMINAL or block.forward_context or (
        j.clause.predicate is not None and (j.clause.predicate.lower_ in ACTION_NOUNS
                                            or j.clause.predicate.tag_ in ("VBN", "VBD")))
    action = (j.action and nominal_ok) or lexical_action or (j.headline and block.kind != "paragraph")
    if not action and not past and _completes_pledge(t, block):
        action = True  # "We will:" / "- review repeat prescriptions ...": the item's first word is the verb
    if block.kind in ("paragraph", "heading") and not block.forward_context and (
            form in (NOMINAL, GERUND) or form == NONE and _INDEFINITE.match(_strip_label(t))):
        # in running text a noun phrase describes ("Delivery case: A high level plan for ..."); a
        # section or list that announces deliverables makes one an item
        action = False
    forwardish = j.pledge or j.ongoing

    if _APPOINTMENT.search(t) and not _APPOINTED_TO_ACT.search(t):
        # "RESOLVED that Cllr Jane Doe be appointed Vice-Chair for 2024/25": the appointment is made by
        # the resolution itself, and its year is a term of office, not a date anything is due by
        return Decision(False, "evidence", reasons=reasons + ["appointment made"])

    if _PROPOSAL_THAT.match(t) and not in_resolution and _mandates(j, indicative=True) \
            and not any(c.dep_ in ("aux", "auxpass") for c in j.clause.predicate.children):
        # (no auxiliary: "That the model may fail to ..." is a risk, not a proposal)
        # "Recommendation 1: That the ICB commissions more urgent appointments": a proposal put to a
        # party in the mandative form; until it is agreed it binds no one, so less certain
        return Decision(True, _kind(t, s, block, j), 0.6, reasons + ["proposal to a party"])

    resolved = bool(_RESOLVED_LEAD.match(t))
    if in_resolution or resolved or j.clause.marker == "be":
        if _NOTED.search(t) and not _RESOLUTION.search(t):
            return Decision(False, reasons=reasons + ["noted only"])
        pred = j.clause.predicate
        if (j.clause.form == IMPERATIVE or in_resolution and pred is not None and pred.tag_ in ("VB", "VBP")) \
                and pred is not None and pred.lemma_.lower() in _NOTING_VERBS \
                and not any(c.dep_ == "conj" and c.lemma_.lower() not in _NOTING_VERBS for c in pred.children):
            return Decision(False, reasons=reasons + ["noted only"])  # "Note the forecast overspend", "the Board note the report"
        if _RESOLUTION.search(t) or action or j.decision or j.clause.marker == "be":
            return Decision(True, "decision", 0.9, reasons + ["resolution"])
        if resolved and _resolves_to_act(j):
            return Decision(True, "decision", 0.9, reasons + ["resolution"])  # "4. RESOLVED that Cabinet agree the Plan"
        if in_resolution and _mandates(j):
            return Decision(True, "decision", 0.9, reasons + ["resolution"])  # "(b) the Director present the plan in July"

    pred = j.clause.predicate
    if j.clause.form == IMPERATIVE and pred is not None and pred.lemma_.lower() in ("note", "receive") \
            and j.clause.sentence is not None and not any(
                x.i != pred.i and x.tag_ in ("VB", "VBP") and x.lemma_.lower() not in _NOTING_VERBS
                for x in j.clause.sentence):
        # a recommendation to a meeting, wherever it stands ("Council is asked to: (1) Note the update
        # on ...", "Receive the annual report"): taking a paper in, no one's work
        return Decision(False, reasons=reasons + ["noted only"])

    if _CORRECT_RECORD.search(t):
        return Decision(False, reasons=reasons + ["minutes approved"])  # "agreed as a correct record"

    if _RISK_ITEM.match(t):
        return Decision(False, reasons=reasons + ["risk"])  # "Risk that the savings are not delivered"

    if _SIGNPOST.match(t):
        return Decision(False, reasons=reasons + ["signpost"])  # "Read information on ...", "For more see www..."

    if block.kind == "cell":
        if _negative_row_label(block.row_label or "") or _NEGATIVE_LABEL.search(block.column or "") \
                or _OBSERVED_COLUMN.search(block.column or ""):
            return Decision(False, reasons=reasons + ["negative row or column"])
        if role in ("commitment", "next"):
            if past and not forwardish and not action and role == "next":
                return Decision(False, "evidence", reasons=reasons + ["past in next steps"])
            return Decision(True, _kind(t, s, block, j), 0.9, reasons + [f"{role} column"])
        if role == "done":
            if j.pledge and j.clause.future or j.decision:
                return Decision(True, _kind(t, s, block, j), 0.6, reasons + ["future in progress column"])
            return Decision(False, "evidence", reasons=reasons + ["progress column"])
        if label_role(block.column or "") == "measure":
            # how success will be counted ("Numbers trained", "Reduction in waiting times") describes
            # the row's action; a measure with its own date or pledge is a milestone of it
            if (j.pledge and j.clause.future) or any(not _baseline_date(m, t) for m in find_dates(t, None)):
                return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["dated or pledged measure"])
            return Decision(False, "evidence", reasons=reasons + ["measure column"])
        if role == "impact":
            # "Reduce A&E attendances by 10%", "Halve the waiting list" set a target; a noun the tagger read
            # as a verb, with no object ("Care closer to home", "Value for money"), names an outcome, as
            # the column's other cells do
            pred = j.clause.predicate
            if j.clause.form == IMPERATIVE and pred is not None \
                    and (is_action_verb(pred.lemma_.lower()) or any(c.dep_ == "dobj" for c in pred.children)):
                return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["imperative in impact column"])
            return Decision(False, "evidence", reasons=reasons + ["impact column"])

    if block.kind in ("paragraph", "list_item") and TRAILING_REFERENCE.search(t) and j.clause.future \
            and not (j.flags & {"negated", "conditional", "wh-title"}):
        # a sentence its plan numbers as one of its commitments ("All practices will be on cloud-based
        # telephony by December 2023 (4.1)."): the plan's own undertaking, whatever the verb
        return Decision(True, _kind(t, s, block, j), 0.6, reasons + ["numbered by its plan"])
    if block.kind == "cell" and block.column and _MITIGATION_COLUMN.search(block.column) and j.pledge \
            and j.clause.marker in ("will", "shall") and not j.not_a_commitment \
            and not (j.flags & {"forecast", "consequence", "negated", "conditional"}):
        # a risk register's mitigation that pledges ("Officers will help families ..."): what will be done
        return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["pledge in a mitigation column"])
    if block.negative_context:
        if block.kind == "paragraph" and j.pledge and (j.first_person or j.clause.marker in ("will", "shall")) \
                and not j.not_a_commitment:
            return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["pledge in negative section"])
        if block.kind in ("list_item", "cell") and block.forward_context and not past \
                and (j.pledge or action and j.clause.form == IMPERATIVE) \
                and not j.not_a_commitment and not (j.flags & {"forecast", "consequence", "conditional", "negated"}):
            # a list or table that its lead-in or header announces as what will be done, set under a
            # heading that tells how things stand ("Where we are now" / "Our pathway sets out what will
            # happen at each age" / "Age | What will happen | Who | From"): the plan's own actions, said as
            # pledges or orders (a noun phrase there names a risk or a finding: "Building a workforce ...")
            return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["announced item in negative section"])
        return Decision(False, reasons=reasons + ["negative section"])

    if seen.get("reported_speech") and _reported_would(j):
        return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["reported future"])

    if _scheduled(block) and _names_a_change(j, t) \
            and not (j.flags & {"forecast", "consequence", "value", "conditional", "wh-title"}) \
            and not _TOLD_AS_PAST.search(t) and not _NOW.search(t):
        # a timeline's entry under a period still to come ("Q3 October - December 2021"): whatever its
        # grammar ("Local boards established.", "All trusts to have ...", "Each area completes ...",
        # "Pathway agreed and piloted"), it is what is to be so by then, not what was
        return Decision(True, _kind(t, s, block, j) if j.pledge or j.action else "milestone", 0.6,
                        reasons + ["entry under a coming period"])

    by_year = bool(_OPENS_BY_YEAR.match(t))
    if _under_targets(block) and ("figure" in s or by_year) and (j.clause.future or by_year) and not past \
            and not (j.flags & {"negated", "conditional", "wh-title"}):
        # a row of a targets or measures table: "By 2028, smoking prevalence will have fallen by 9
        # points", "By 2028, 65% of staff report ..." -- the level the plan sets out to reach, though
        # its subject is a statistic (elsewhere a forecast about a population is no undertaking)
        return Decision(True, "target", 0.5, reasons + ["level under a targets heading"])

    if j.not_a_commitment:  # forecast, consequence, value, negated, future only in a subordinate clause
        kept = "evidence" if len(ws) >= 5 else "commitment"
        if block.kind in ("list_item", "cell", "fragment") and block.forward_context and j.clause.future \
                and not (j.flags & {"forecast", "consequence", "negated"}):
            return Decision(True, _kind(t, s, block, j), 0.4, reasons + ["forward context"])
        return Decision(False, kept, reasons=reasons + ["not a commitment"])

    if j.decision:
        return Decision(True, "decision", 0.7, reasons + ["decision taken"])

    if block.kind == "list_item" and block.intro and not (j.pledge or j.decision) \
            and form in (NOMINAL, GERUND, INFINITIVE, NONE) and _past_lead_in(block.intro):
        # "The council had submitted evidence, as follows: - A study of ...": the items say what was
        # done or said then, not what anyone will do
        return Decision(False, "evidence", reasons=reasons + ["under a past lead-in"])

    if block.kind == "list_item" and block.intro and _POSSIBLE_LEAD_IN.search(block.intro) \
            and not (j.decision or j.pledge and j.first_person):
        # "The advice may be to:" / "- request clarification": what something may do or be, not
        # what anyone undertakes
        return Decision(False, reasons=reasons + ["what may be"])
    if block.kind == "list_item" and block.intro and _HEARD_LEAD_IN.search(block.intro) \
            and not (j.decision or j.pledge and j.first_person):
        # "What we heard:" / "- Improve support for families": what a consultation was told, set out
        # before the plan's own answer to it; a "we will" among the items is the author's own
        return Decision(False, "evidence", reasons=reasons + ["what was heard"])

    if block.kind == "list_item" and not (j.pledge or j.decision) and form in (NOMINAL, GERUND, INFINITIVE, NONE):
        lead = _last_sentence(block.intro) if block.intro else ""
        if lead and _ABOUT_ITSELF_LEAD_IN.search(lead):
            # "This report draws together ... by:" / "- Presenting the refreshed plan": the paper's contents
            return Decision(False, reasons=reasons + ["what the paper does"])
        if _BENEFITS.search(lead) if lead else bool(block.section and _BENEFITS.search(block.section[-1])):
            # "The benefits are:" / "- Improving facilities for service delivery": a benefit, not a task
            return Decision(False, reasons=reasons + ["a benefit"])

    if _OPTION_LABEL.match(t) and not j.decision and not _OPTION_CHOSEN.search(t):
        # "Option 2: Reprocure reduced contracts", an options appraisal's entry: one choice set beside
        # others, not what anyone will do (unless it is the one preferred)
        return Decision(False, reasons=reasons + ["an option"])

    if block.kind == "list_item" and block.intro and not (j.pledge or j.decision) and _options_lead_in(block.intro):
        # "The options considered were:" / "- Do nothing", "- Joint venture": choices set side by side,
        # of which at most one is taken; the choice, not each option, is what commits
        return Decision(False, reasons=reasons + ["option in a list of options"])

    if block.kind == "list_item" and block.intro and _WH_ITEM.match(t) and _FINDING_OUT_LEAD_IN.search(block.intro) \
            and not past:
        # "We will establish:" / "- which standards to adopt for each use": the question the pledged
        # work will settle, the object of the lead-in's verb, so a piece of that pledge
        return Decision(True, _kind(t, s, block, j), 0.6, reasons + ["what a pledge will settle"])

    if block.kind in ("list_item", "cell", "fragment"):
        if block.kind == "list_item" and not block.forward_context and not block.column and _looks_like_name(t) \
                and not j.pledge:
            return Decision(False, reasons=reasons + ["name in a list"])  # "Walk To School Week" under "... the following:"
        if _names_people_only(j) and not re.search(r"\b(?:will|shall|must)\b", block.intro or "", re.I):
            # "Officers from housing and planning with support from the county": who sits on a group
            # (a membership or attendance row), not what anyone will do; under "Each panel will have:"
            # the people are what is pledged
            return Decision(False, reasons=reasons + ["people only"])
        if action and not past:
            return Decision(True, _kind(t, s, block, j), 0.8, reasons + ["action item"])
        if j.pledge:
            return Decision(True, _kind(t, s, block, j), 0.7, reasons + ["forward item"])
        if past:
            return Decision(False, "evidence", reasons=reasons + ["past"])
        if j.ongoing:
            return Decision(True, _kind(t, s, block, j), 0.4, reasons + ["ongoing work"])
        if block.kind == "cell" and block.forward_context and (block.fields.get("due") or block.fields.get("when")) \
                and block.scope_dates \
                and not past and not (j.flags & {"forecast", "consequence", "value", "conditional", "negated", "wh-title"}):
            # a timetable's stage dated by its row ("Publication Draft | May 2026", "Public hearings |
            # March 2027", "Hearings start | January 2028"): a milestone of the programme, though it names
            # the stage alone or in the present tense of a schedule
            return Decision(True, "milestone", 0.6, reasons + ["dated stage of a timetable"])
        if block.forward_context and not _looks_like_name(t) and not j.describes and not past:
            return Decision(True, _kind(t, s, block, j), 0.6, reasons + ["forward context"])
        if block.kind == "fragment" and "caps" not in s and len(ws) >= 3 and not j.describes:
            return Decision(True, _kind(t, s, block, j), 0.4, reasons + ["infographic"])
        return Decision(False, reasons=reasons)

    if block.kind == "heading":
        if j.clause.form == IMPERATIVE and len(ws) >= 5 and not is_all_caps(t) and not _SECTION_TITLE_NUMBER.match(t) \
                and not j.describes:  # (nor a courtesy: "Thank you for your question")
            # (a numbered section's title, "3. Report a repair online", names what the section is about)
            return Decision(True, _kind(t, s, block, j), 0.4, reasons + ["imperative heading"])
        return Decision(False, reasons=reasons + ["heading"])

    # paragraph sentences
    if j.pledge:
        return Decision(True, _kind(t, s, block, j), 0.7 if j.clause.form == MODAL else 0.6,
                        reasons + ["forward sentence"])
    if action and len(ws) >= 3:
        return Decision(True, _kind(t, s, block, j), 0.6, reasons + ["imperative sentence"])
    if block.section and is_period_label(block.section[-1]) and not past and not j.describes:
        return Decision(True, "milestone", 0.6, reasons + ["deliverable under a period heading"])
    if j.ongoing:
        return Decision(True, _kind(t, s, block, j), 0.4, reasons + ["ongoing work"])
    if block.forward_context and lexical_action and len(ws) >= 3:
        return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["action in forward section"])
    if block.kind == "paragraph" and block.section and _PLEDGE_HEADING.fullmatch(block.section[-1].strip(" *:")) \
            and j.clause.form == INDICATIVE and j.clause.tense == "present" and j.clause.aspect == "simple" \
            and not past and not j.flags and len(ws) >= 5 and j.clause.predicate is not None \
            and j.clause.predicate.lemma_.lower() not in ("be", "have", "seem", "remain"):
        # under a heading that pledges what follows ("What we will do" / "Two evening safe havens, one in
        # each town, open seven evenings a week"), the plan states what it will do as what will be
        return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["statement under a pledge heading"])
    if _scheduled_row(t):
        return Decision(True, _kind(t, s, block, j), 0.5, reasons + ["scheduled row"])
    if block.kind == "paragraph" and (past or "past" in s) and _dated_relative(t):
        return Decision(True, "milestone", 0.4, reasons + ["dated deliverable in a relative clause"])
    if block.kind == "paragraph" and not past and _dated_planned_event(t):
        return Decision(True, "milestone", 0.4, reasons + ["a planned event and its date"])
    if past:
        return Decision(False, "evidence", reasons=reasons + ["past"])
    return Decision(False, reasons=reasons)


# A deliverable's date told in a relative clause of an account of past work ("our thanks to the tenants
# who tested the booking app, which is due to go live in the spring"; "the work has covered ... the hub,
# which will be completed in spring 2026"): the work reported goes on to a milestone still promised.
# (A future only in a relative clause of a description, "The clinic, which will open in May, is run by
# volunteers", describes the thing.)
_FUTURE_RELATIVE = re.compile(
    r"\b(?:which|that)\s+(?:will\s+(?:be\s+\w+(?:ed|en|t)|open|launch|start|begin|close|go\s+live)|"
    r"(?:is|are)\s+(?:due|expected|scheduled|planned|set|intended)\s+to\s+\w+)\b[^.;:]*", re.I)
_ANCHOR = __import__("datetime").date(2000, 1, 1)  # only to tell a date phrase from none


def _dated_relative(text: str) -> bool:
    return any(find_dates(m.group(0), _ANCHOR) for m in _FUTURE_RELATIVE.finditer(text))


# An event a plan has fixed, named as a noun with its date ("before the planned introduction of the
# standard later in 2020", "ahead of the scheduled opening of the hub in May 2026"): the date is promised.
_PLANNED_EVENT = re.compile(
    r"\b(?:the|its|our|their)\s+(?:planned|scheduled|proposed|expected)\s+(?:introduction|opening|launch|"
    r"publication|closure|completion|start|roll-?out|implementation|go-live|transfer|move)\b[^.;:]*", re.I)


def _dated_planned_event(text: str) -> bool:
    return any(find_dates(m.group(0), _ANCHOR) for m in _PLANNED_EVENT.finditer(text))


def _scheduled_row(text: str) -> bool:
    """A plan's row run into one line, a nominal action and its Start and End cells ("Review of the
    depot leases Internal Property Team May-22 Jun-23 B2"): an action the plan schedules, though
    the parse finds no verb in it (or takes a date cell for one)."""
    first = re.match(r"[A-Za-z-]+", text)
    return first is not None and first.group(0).lower() in ACTION_NOUNS and has_start_end_cells(text)


# An intention, plan or proposal denied: "no intention to", "no current plans to", "not any proposals to".
_NO_INTENTION = re.compile(r"\b(?:no|not any)\s+(?:current\s+|further\s+|firm\s+)?(?:intentions?|plans?|proposals?)\s+"
                           r"(?:to|of|for)\b", re.I)
# "RESOLVED that ...", also as a numbered minute ("4. RESOLVED that ...", "(b) Resolved:").
_RESOLVED_LEAD = re.compile(r"^(?:\(?\w{1,3}[.)]\s+)?resolved\b", re.I)
# A meeting approving the minutes of the last one: a record of the past, no undertaking.
# A person or body made holder of an office by a meeting ("be appointed as Vice-Chair", "be
# re-elected Chair of the Panel", "was nominated as the Council's representative"): an office, named
# by its title, held for a term.
_APPOINTMENT = re.compile(
    r"(?<!will )(?<!shall )(?<!would )(?<!should )(?<!must )(?<!to )"  # "will be appointed": still to happen
    r"\b(?:be|is|are|was|were|been|being)\s+(?:re-?)?(?:appointed|elected|co-opted|nominated|confirmed)\s+"
    r"(?:as\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,6}?(?:vice[- ]?chair|deputy[- ]chair|co-?chair|chair|chairman|"
    r"chairperson|chairwoman|vice[- ]?president|president|mayor|deputy mayor|member|members|representative|"
    r"representatives|substitute|trustee|trustees|governor|governors|champion|lead member|portfolio holder)"
    r"(?:\b|s\b)", re.I)
# ... appointed to do something: a group or a person given a task ("a task group be appointed to
# review the pathway by June"), which commits that work.
_APPOINTED_TO_ACT = re.compile(r"\b(?:appointed|elected|nominated|co-opted|confirmed)\b[^.;]*?\bto\s+(?!the\b|a\b|an\b|its\b|their\b|this\b)[a-z]+\b", re.I)
_CORRECT_RECORD = re.compile(r"\b(?:a |as a |as an )?(?:correct|true|accurate|fair) record\b", re.I)
# A pointer to further reading, as guidance and web pages print them: "Read information on how to ...",
# "Read point 4 of the Service Standard", "Read the Code of Practice for ...", "For further information
# see ...", "For more see www....", "See the council's website": where to look, not what anyone will do.
_SIGNPOST = re.compile(
    r"^\W*(?:(?:please\s+)?read\s+(?:more\s+|further\s+)?(?:information\s+(?:on|about)|about|point\s+\d+|"
    r"(?:our|the)\s+(?:[\w'’-]+\s+){0,8}?(?:guidance|guide|standards?|code|checklist|framework|report|"
    r"statement|page|website|toolkit|factsheet|leaflet))\b|"
    r"for\s+(?:more|further)(?:\s+(?:information|details|guidance))?\s*,?\s*(?:please\s+)?(?:see|visit|go\s+to|read)\b|"
    r"see\s+(?:www\.|https?://|the\s+(?:[\w'’-]+\s+){0,4}?(?:website|web\s+page|page)\b))",
    re.I)
# An item that names a risk ("Risk that the savings are not delivered", "Risk of delay to ...").
_RISK_ITEM = re.compile(r"^(?:\(?\w{1,3}[.)]\s+)?(?:key |main |a |the )?risks?\s*(?:\d+\s*)?[:–—-]?\s*(?:that|of|to)\b",
                        re.I)


# A lead-in that says what something may or could be or do ("The advice may be to:", "Support
# could include:"): possibilities, listed.
_POSSIBLE_LEAD_IN = re.compile(r"\b(?:may|might|could)(?:\s+[\w-]+){1,3}\s*:\s*$", re.I)
# A lead-in that pledges to find something out ("We will establish:", "The review will determine:",
# "Partners will agree:"), whose items are the questions it will settle ("which ...", "whether ...").
_FINDING_OUT_LEAD_IN = re.compile(
    r"\b(?:will|shall)\s+(?:also\s+|first\s+|then\s+|jointly\s+)?(?:establish|determine|decide|agree|confirm|"
    r"identify|assess|consider|explore|clarify|define|examine|investigate|set\s+out|work\s+out|look\s+at)"
    r"\s*:\s*$", re.I)
_WH_ITEM = re.compile(r"^\W*(?:which|what|whether|how|when|where|who)\b", re.I)
# A lead-in to what a consultation heard ("What we heard:", "You said:", "Residents told us:", "What
# people said about the service:"): the items are the views it gathered, not the plan's actions.
# A lead-in in which the paper says what it itself does ("This report draws together the council's
# arrangements by:", "This paper sets out:"): its items are the paper's contents, not anyone's
# undertaking (unless the lead-in speaks of what will be done: "This report sets out how we will:").
_ABOUT_ITSELF_LEAD_IN = re.compile(
    r"^\W*(?:\d{1,3}\.\s*)?(?:this|the attached|the following)\s+(?:report|paper|document|briefing|section|"
    r"chapter|appendix|annex|update)\b(?!.*\b(?:will|we|how|actions?|plans?|proposals?|priorit\w*)\b)"
    r".{0,120}?\b(?:(?:draws?|brings?|pulls?)\s+together|sets?\s+out|describes?|presents?|outlines?|summari[sz]es?|explains?|"
    r"covers?|considers?|reviews?|updates?|informs?|gives?|provides?)\b[^.]{0,160}:\s*$", re.I)
# A lead-in, or the heading over a list, that names benefits ("The benefits are:", "Key Business
# Benefits", "The advantages of one service will be:"): what good comes of the work, not work to do.
_BENEFITS = re.compile(r"\b(?:benefits|advantages)\b(?:\s+(?:are|include|will\s+be|would\s+be|of\s+[^:]{1,80}?))?"
                       r"\s*[:;]?\s*$", re.I)
# A risk register's column of what is done about each risk ("Mitigation", "Mitigating actions",
# "Controls", "Management of risk").
_MITIGATION_COLUMN = re.compile(r"\bmitigat|\bcontrols?\b|\bmanagement of (?:the )?risks?\b|\brisk response", re.I)
_HEARD_LEAD_IN = re.compile(r"(?:\bwhat (?:we|you|people|residents|\w+s) (?:heard|said|told us)\b[^.:]{0,40}|"
                            r"^\W*(?:you|they|people|residents|\w+s) (?:said|told us)|\bwe heard\b[^.:]{0,40})\W*:\s*$",
                            re.I)


# The heading of a question put at a council meeting: "Question by Paul Smith to the Leader",
# "Supplementary question from Cllr Jones", "Public question 3 from Ms Green".
_QUESTION_BY = re.compile(r"^\W*(?:(?:supplementary|public|members?[’']?|written|oral)\s+)?question\s+(?:\d+\s+)?"
                          r"(?:by|from)\s+\S", re.I)
_DOCUMENT_LABEL = re.compile(r"^\W*(?i:annexe?|appendix|schedule)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b"
                             r"(?!\s+(?i:to|for|of)\b)")


def _inverted_question(c: Any) -> bool:
    """A sentence opened by an auxiliary with its subject after it ("Will the Cabinet Member ...",
    "Can the Leader confirm ...", "Does the council agree ..."): a question, asked, with or without
    its question mark."""
    sent, head = c.sentence, c.head
    if sent is None or head is None or len(sent) < 3:
        return False
    first = next((x for x in sent if not x.is_punct and not x.like_num), None)
    if first is None or first.lower_ not in _QUESTION_OPENERS:
        return False
    subj = [x for x in head.children if x.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return False
    if first.i == head.i:  # "Is the Leader satisfied that ...": the copula itself first
        return subj[0].i > head.i
    # the auxiliary of the sentence's own verb, not of a clause before it ("Should funding be
    # confirmed, the council will ...": a condition)
    return first.head.i == head.i and first.dep_ in ("aux", "auxpass") and first.i < subj[0].i < head.i


_QUESTION_OPENERS = frozenset({"will", "would", "can", "could", "shall", "should", "does", "do", "did", "is", "are",
                               "has", "have"})


def _past_lead_in(intro: str) -> bool:
    """A list's lead-in that tells the past ("The council had made several recommendations, as
    follows:", "Last year the service delivered:"): simple past or past perfect, not a decision taken,
    a reported future or the present perfect ("We have identified these priorities:")."""
    from kb.extract.judge import judge

    last = _last_sentence(intro)
    j = judge(last.rstrip(":").strip() + ".")
    if not (j.past and not j.decision and j.clause.tense == "past") or j.clause.sentence is None:
        return False
    # "the following options were drawn up:", "the board set its priorities:": what was made then
    # is a plan for what comes next
    return not any(t.lemma_.lower() in _PLANNED_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj")
                   for t in j.clause.sentence)


# Nouns of people by role: a unit that opens with them and has no verb names who, not what.
_PEOPLE = frozenset("""commissioner commissioners clinician clinicians officer officers member members councillor
councillors director directors manager managers leader leaders governor governors trustee trustees colleague
colleagues representative representatives""".split())


def _names_people_only(j: Any) -> bool:
    """A verbless unit headed by a bare noun of people ("Representatives of each trust and the two
    councils"): a membership or attendance line.  Not "More clinicians in the community" or "New
    community officers" (a number or kind of people to add is a deliverable)."""
    sent = j.clause.sentence
    if sent is None or j.clause.form != NONE or any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    root = sent.root
    return root.lower_ in _PEOPLE and root.i == sent.start \
        and not any(c.dep_ in ("amod", "nummod", "compound") for c in root.children) \
        and not any(t.lower_ in ACTION_NOUNS for t in sent)


# A lead-in that lists options or alternatives ("The options considered are listed below:", "We
# looked at three alternatives:"; not "In weighing the options, we looked at such issues as:"), unless it names the one taken or pledges ("The preferred option
# is:", "We will take forward the following options:").
_OPTIONS = re.compile(r"\b(?:options|alternatives)\b(?:\W+\w+){0,5}\W*$", re.I)  # the noun the list lists
_TAKEN = r"(?:preferred|chosen|selected|recommended|agreed|approved)"
_OPTION_TAKEN = re.compile(rf"\b{_TAKEN}\s+(?:\w+\s+)?(?:options|alternatives)\b|"
                           rf"\b(?:options|alternatives)\s+(?:\w+\s+){{0,3}}{_TAKEN}\b|\b(?:will|shall)\b", re.I)


@functools.lru_cache(maxsize=512)
def _last_sentence(intro: str) -> str:
    """The sentence of a lead-in that leads in to its list (not the story before it); a list's items
    share their lead-in, which is split once."""
    from kb.extract.nlp import split_sentences

    return split_sentences(intro.strip())[-1]


_OPTION_LABEL = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\s+)?option\s+(?:\d{1,2}|[A-H])[a-z]?\s*(?:\([^)]{0,40}\)\s*)?"
                           r"[:.–—-]\s", re.I)
_OPTION_CHOSEN = re.compile(rf"\b{_TAKEN}\b", re.I)  # "Option 1 (preferred): ..."


def _options_lead_in(intro: str) -> bool:
    last = _last_sentence(intro)
    return bool(_OPTIONS.search(last)) and not _OPTION_TAKEN.search(last)


_PLANNED_NOUNS = frozenset({"proposal", "plan", "action", "priority", "commitment", "step", "change", "improvement",
                            "model", "scheme", "option", "objective", "aim", "target", "milestone", "deliverable"})


# A proposal in the mandative form, as committees word recommendations: "Recommendation 1: That the
# ICB commissions ...", "R3. That the Cabinet approve ...", "(a) That officers report ...".
_PROPOSAL_THAT = re.compile(r"^\W*(?:(?:recommendations?|proposals?|motion)\s*\d{0,3}[a-z]?\s*[:.–—-]\s*|"
                            r"[A-Z]{0,2}\d{1,3}[a-z]?[.:)]\s+|\(?[a-z]{1,3}\)\s+)?that\s+(?!is\b|was\b|it\b)", re.I)


def _mandates(j: Any, indicative: bool = False) -> bool:
    """A resolution's item that names a party and what it is to do, its verb in the base form the
    mandative subjunctive takes ("(b) the Director of Public Health present the strategy in July",
    "officers bring a report to the next meeting"), not a noting verb.  `indicative`: a proposal's
    "That X commissions ..." (British usage puts it in the indicative) counts too."""
    pred, subjects = j.clause.predicate, j.clause.subjects
    tags = ("VB", "VBP", "VBZ") if indicative else ("VB", "VBP")
    if pred is None or pred.pos_ != "VERB" or pred.tag_ not in tags or not subjects \
            or any(s.lower_ in ("we", "i", "you") for s in subjects):
        return False
    # "the Board note the report and approve the plan": what it is to do past what it only notes
    verbs = [pred, *(c for c in pred.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    return any(v.lemma_.lower() not in _NOTING_VERBS for v in verbs)


def _resolves_to_act(j: Any) -> bool:
    """Whether a resolution's content decides something ("that Cabinet agree the plan", "... and endorsed
    the budget"), rather than only noting or receiving: a main verb other than a noting one."""
    sent = j.clause.sentence
    if sent is None:
        return False
    that = next((t for t in sent if t.lower_ == "that"), None)
    if that is None:
        return False
    after = [t for t in sent if t.i > that.i]
    if any(t.pos_ == "VERB" and t.lemma_.lower() not in _NOTING_VERBS | {"consider"} and t.dep_ != "amod"
           for t in after):
        return True
    if any(t.pos_ in ("VERB", "AUX") for t in after):
        return False
    # No verb at all: the tagger has read the mandative subjunctive's bare verb as a noun of a
    # compound with the name before it ("that the Director of Public Health report progress to the
    # Board", "that the Head of Parks bring a plan"). A clause needs a verb, so a word of action in
    # its base form straight after the subject's name, with words after it, is that verb.
    return any(is_action_verb(t.lower_) and t.lower_ not in _NOTING_VERBS and n > 0
               and after[n - 1].pos_ in ("PROPN", "NOUN") and n + 1 < len(after) and not after[n + 1].is_punct
               for n, t in enumerate(after))


# A resolution that only notes, receives or thanks commits no one ("Note the progress", "Receive the report").
_NOTING_VERBS = TAKING_IN
# What a meeting's agenda item does ("To consider ...", "To receive ..."): take in, not act.
_AGENDA_VERBS = TAKING_IN | {"consider", "discuss", "hear"}
_PERSON_ROW = re.compile(r"^(?:(?:Dr|Cllr|Councillor|Professor|Prof) )?[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2} \(")
_NEGATIVE_LABEL = re.compile(r"\b(?:lead|leads|team|membership|risks?|key drivers|resource|finance lead|"
                             r"representation|roles?)\b", re.I)
_LABEL_WORDS = 4  # a row's label that names what the row holds: "Key risks", "Lead officer", "Team"


def _negative_row_label(label: str) -> bool:
    """A row label that says the row holds risks, leads, members or resources ("Key risks", "Finance
    lead"), not the row's own subject: a short label, its number aside.  A group's title ("4. Support
    for people at greater risk", printed beside its first row) is what the actions under it are for."""
    text = re.sub(r"^\W*\d+(?:\.\d+)*[.)]?\s*", "", label)
    return len(text.split()) <= _LABEL_WORDS and bool(_NEGATIVE_LABEL.search(text))


# A column of what was found or heard (an engagement report's "Top 3 negative issues", "Themes",
# "Concerns raised" beside each service): the problems people name, not what anyone will do about
# them.  A column only: a row label with these words is often the row's own step ("Members agree
# the findings").
_OBSERVED_COLUMN = re.compile(r"\b(?:issues|concerns|themes|findings|feedback|strengths|weaknesses|barriers)\b", re.I)


def _perfect_after_modal(text: str, block: Block) -> bool:
    """An item that completes a modal lead-in in the perfect ("Practitioners will:" / "Have completed
    safeguarding training"): "will have completed", a state to reach, not a report of the past."""
    return block.kind == "list_item" and bool(_MODAL_LEAD_IN.search(block.intro or "")) \
        and bool(_PERFECT_LEAD.match(text))


def _completes_pledge(text: str, block: Block) -> bool:
    """A list item under a lead-in that pledges ("We will:", "The council will:") opening with a word
    that is a verb of action or review in its base form: the item completes the pledge, so that word
    is its verb, however the tagger read it ("review repeat prescriptions ...", where "review" reads as
    the subject of "repeat")."""
    if block.kind != "list_item" or not _MODAL_LEAD_IN.search(block.intro or ""):
        return False
    first = re.match(r"\W*([a-z]+)\b", text)
    return first is not None and (first.group(1) in ACTION_VERBS or first.group(1) in NOTING_VERBS)


_MODAL_LEAD_IN = re.compile(r"\b(?:will|shall|must|should|are to|is to|need to|required to)\W*$", re.I)
_PERFECT_LEAD = re.compile(r"\W*(?:have|has)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b", re.I)


# A heading over the levels a plan sets out to reach: "Targets", "Measures within the logframe",
# "Outcome measures", "Our ambitions for 2028", "KPIs", "Trajectory".
_TARGETS_HEADING = re.compile(r"\b(?:targets?|measures?|kpis?|key performance indicators?|metrics?|logframe|"
                              r"ambitions?|trajector(?:y|ies)|success (?:measures|criteria))\b", re.I)
_OPENS_BY_YEAR = re.compile(r"^(?:by|from|in) (?:(?:the )?end of |april |march )?(?:19|20)\d{2}\b", re.I)


def _under_targets(block: Block) -> bool:
    """A unit under a heading (one of the two nearest) that names targets or measures, or in such a
    column, and not in a past or negative section."""
    return not block.negative_context and (any(_TARGETS_HEADING.search(h) for h in block.section[-2:])
                                           or label_role(block.column or "") == "measure")


def _scheduled(block: Block) -> bool:
    """Under a period heading still ahead of the document (one of the two nearest headings: a timeline
    prints its period above topic labels, "Q1 April - June 2021" / "Governance")."""
    return block.forward_context and block.kind in ("paragraph", "list_item") \
        and any(is_period_label(h) for h in block.section[-2:])


def _names_a_change(j, text: str) -> bool:
    """A verb of any form, a state ("in place") or an action noun: an entry that names something to be
    done or reached, not a bare list of objects ("Glaucoma referral.") that a lead-in introduced."""
    sent = j.clause.sentence
    if sent is None:
        return False
    return any(tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.lemma_.lower() in ACTION_NOUNS
               for tok in sent) or bool(re.search(r"\bin place\b", text, re.I))


# A timeline entry told as done: an auxiliary of the past or a pronoun doer ("we launched", "was agreed",
# "have opened"; "to have developed a plan" by a date is still to be done).
_TOLD_AS_PAST = re.compile(r"\b(?:was|were|had|has been|have been|(?:we|they|it)\s+\w+ed)\b"
                           r"|(?<!\bto )\b(?:has|have)\s+(?:now\s+|already\s+)?\w+(?:ed|en)\b", re.I)
_NOW = re.compile(r"\b(?:currently|already|at present|to date|so far)\b", re.I)


def _is_intro(text: str, s: set[str]) -> bool:
    """A sentence that only introduces a list ("Our focus will be on:", "To do this we will:")."""
    if text.endswith(";"):
        return bool(re.search(r"\b(?:to|on|by|following)\W*$", text, re.I))
    if not text.endswith(":"):
        return False
    if re.match(r"^\W*the\s+following\b", text, re.I) and not re.search(r"\b(?:will|shall|must)\b", text, re.I):
        # "The following matters should be taken into account ...:": its list says what ("The
        # following criteria will be used ...:" still says what will be done)
        return True
    return len(words(text)) <= 9 or bool(re.search(r"\b(?:following|as follows|include|includes|are|to|on|by)\W*$",
                                                   text, re.I)) or (bool(re.search(r"\bthe following(?: [\w-]+){0,2}\W*$", text, re.I))
             and not re.search(r"\b(?:will|shall|must)\b", text, re.I))  # "... will form part of the following:" pledges


def _acting_lead_in(text: str) -> bool:
    """A lead-in that is an action of its own, its list saying how: an imperative with its own
    object before the colon ("Improve equity of access and reduce the backlog by:", "Embed digital
    transformation including:"), not one that only points at the list ("Deliver the following:",
    "Work with partners to:", "Ensure that:")."""
    ws = words(text)
    if len(ws) < 5 or ws[0].lower() not in ACTION_VERBS or not text.endswith(":"):
        return False
    from kb.extract.clause import first_word
    from kb.extract.judge import judge

    c = judge(text.rstrip(":").strip() + ".").clause
    if c.form != IMPERATIVE or c.head is None or c.sentence is None or first_word(c.sentence) != c.head:
        return False
    return any(ch.dep_ == "dobj" and ch.lemma_.lower() not in _POINTING_OBJECTS for ch in c.head.children)


# Objects by which a lead-in only points at its list: "Deliver the following:", "Agree these:".
_POINTING_OBJECTS = frozenset({"following", "these", "this", "those", "below", "list"})


# A list item's own letter or number ("(c) ", "2. ", "iv) "): it orders the list, it is not a word of the item.
_ENUMERATOR = re.compile(r"^\s*\(?(?:[A-Za-z]|[ivxIVX]{1,4}|\d{1,2})[.)]\s+")


def _looks_like_name(text: str) -> bool:
    """Title-cased labels ("Planned care (PC)", "Proactive & Preventative care", also lettered: "(b) Adult
    Social Care" in an agenda) are names, not actions."""
    text = _ENUMERATOR.sub("", text)
    ws = [w for w in words(text) if w.lower() not in {"and", "of", "the", "for", "&", "care", "in"}]
    return len(words(text)) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in ws)


# With a figure, the words that make it a level to reach: a verb of change by an amount (reduce, cut,
# halve, double, raise, lower...), achieving or delivering it, "at least", "by"/"to" an amount (not a
# year: "by 2027" is when), or a rate, uptake or access measured ("We will cut waiting times by 20%",
# "halve the gap to 5 points").
_CHANGE_BY_FIGURE = re.compile(
    r"\b(?:(?:reduc|increas|decreas|achiev|lower|rais|halv|doubl|trebl|tripl|cut|grow|expand|improv)\w*|"
    r"deliver|at least|save|rates?|uptake|access)\b|\b(?:by|to) (?!(?:19|20)\d\d\b)[\d£]", re.I)


def _kind(text: str, s: set[str], block: Block, j: Any = None) -> str:
    if j is not None and j.decision:
        return "decision"
    if block.kind == "cell" and re.fullmatch(r"\s*targets?\s*", block.column or "", re.I):
        return "target"  # a cell of a "Target" column
    if _DECISION.search(text) or _SUBJUNCTIVE.search(text):  # "be endorsed", but not "will be supported"
        return "decision"
    if "figure" in s and _CHANGE_BY_FIGURE.search(text):
        return "target"
    if block.kind == "cell" and block.scope_dates and cell_role(block) == "commitment" and block.row_label:
        return "milestone"
    if block.section and re.fullmatch(r"(?:19|20)\d{2}\s*/\s*\d{2}", block.section[-1] or ""):
        return "milestone"
    if re.search(r"\b(?:by|in|from|during) (?:(?:end of |the end of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                 r"nov|dec)\w*|Q[1-4])\b|\((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}\)",
                 text, re.I):
        return "milestone"
    return "commitment"
