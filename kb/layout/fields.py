"""Labelled fields of action plans: what a label or a column header means.

Action plans, action logs and minutes state one action with its owner, timescale and status,
either as label-value lines ("What: ... / Who: ... / When: ...", "Action: ... Responsible
Officer: ...") or as a table whose columns carry those labels.  The labels vary from body to
body, but their meaning does not, so this module maps a label (or header) to one role:

- "action": the item itself (What / Action / Deliverable / Task / Objective);
- "owner": who is responsible (Who / Lead / Owner / Responsible officer / By whom);
- "due": when (When / Timescale / By when / Deadline / Due date / Target date);
- "status": how it stands (Status / RAG / Progress);
- "update": the latest note (Latest update / Update / Comments / Notes);
- "logged": an action log's bookkeeping (Date raised / Meeting / Minute ref), neither item nor field;
- "measure": how success is measured (Measure / KPI / Metric): read as a note of the row, not its action;
- "ref": the action's reference number (Ref / No. / Action ref), by which a later review names it;
- "resource": what pays for it (Funding / Cost / Budget / Resources): a note of the row, never an item.

`Block.fields` is keyed by these roles (except "action", which is the block's text).

A status value is read by meaning too (`progress_of`): a review table published years after its
plan ("Complete", "Partially complete", "Not started", "Superseded", "Amber") is the plan's own
account of each action, so its values map onto the few things a status can say: done, ongoing,
unmet, revised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.layout.markup import split_cell

ROLES = ("action", "owner", "due", "status", "update", "logged", "measure", "ref", "resource")

# The meaning of a label as a whole (matched against the label, lower-cased, spaces folded).
# A header or label asked as a question, after its words: "Complete?", "Achieved (Y/N)", "Met (yes/no)?"
_ASKED = r" ?(?:\?|\(?(?:y ?/ ?n|yes ?/ ?no)\)?\??)"

# A status header asked as a sentence about the doing ("Did we do it?", "Have we delivered this?", "Was
# it achieved (Y/N)"): its verb, in the participle, is what "Yes" answers (`answered_status`).
_DONE_VERBS = {"do": "done", "done": "done", "deliver": "delivered", "delivered": "delivered", "achieve": "achieved",
               "achieved": "achieved", "complete": "complete", "completed": "complete", "meet": "met", "met": "met",
               "implement": "implemented", "implemented": "implemented"}
_DONE_QUESTION = (r"(?:did|have|has|was|were) (?:we|it|they|this|you)(?: (?:fully|actually))? (?P<verb>"
                  + "|".join(_DONE_VERBS) + r")(?: (?:it|this|that|them|the action))?")

# A column of responses to recommendations ("Response", "Council response", "Accepted?"): the decision
# on each, as a status is.  In a table only: a "Response:" paragraph answers in words (kb.layout.fields).
_RESPONSE = re.compile(r"(?:[a-z]+(?:'s|’s)? ){0,2}responses?|(?:accepted|agreed|approved|supported)" + _ASKED)

_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("action", re.compile(
        r"(?:what|actions?|actions? (?:required|agreed|to be taken|needed)|agreed actions?|key actions?|"
        r"deliverables?|key deliverables?|tasks?|objectives?|commitments?|our commitments?|what will we do|"
        r"actions? descriptions?|descriptions? of (?:the )?actions?|"
        r"what we will do|what we are going to do|what we will deliver|what we have committed to|"
        r"what we(?: have)? commit(?:ted)? to(?: do)?|how|"
        # a review's column restating the plan's promise: "What we said we would do", "What we promised"
        r"what we said(?: we would(?: do| deliver| achieve)?| we'd (?:do|deliver))?(?: (?:in|by|for) [\w/ -]{2,20})?|"
        r"what we (?:promised|pledged)(?: to do| we would do)?|we said|"
        # a column of items of work: "Project", "Schemes", "Phase/works", "Programme / project"
        r"(?:[a-z]+ ?/ ?)?(?:works|schemes?|projects?|programmes?|interventions?|initiatives?|workstreams?)"
        r"(?: ?/ ?[a-z]+)?)"
        r"(?: (?:no\.? ?)?\d{1,2}(?:\.\d{1,2})*[a-z]?)?")),
    ("owner", re.compile(
        r"who|leads?|lead\(s\)|owners?|action owners?|action by|led by|lead by|delivered by|who will lead|"
        r"who will deliver|who is responsible|lead (?:officer|organisation|partner)\(s\)|"
        r"responsible(?: (?:officers?|leads?|persons?|"
        r"people|organisations?|body|bodies|partners?|agenc(?:y|ies)))?|responsibility|by whom|accountable"
        r"(?: (?:officers?|leads?|bodies|body))?|lead (?:officers?|organisations?|agenc(?:y|ies)|partners?|"
        r"bodies|body|persons?|directors?|members?)|(?:key )?partners? (?:responsible|leading)|"
        # the lead a section names by the role: "Executive lead: Chief Nurse", "SRO: Director of Strategy",
        # "Responsible director: ...", "Portfolio holder: Cllr ..."
        r"(?:executive|clinical|senior|programme|project|service|strategic|operational|professional|officer|"
        r"member|director|organisational|system) leads?|sros?|senior responsible (?:owners?|officers?)|"
        r"responsible (?:directors?|executives?|managers?)|accountable (?:directors?|executives?)|"
        r"(?:executive |senior |lead )?sponsors?|portfolio holders?|lead (?:cabinet )?members?|cabinet members?")),
    ("due", re.compile(
        r"when|timescales?|time ?scales?|time ?frames?|timings?|by when|deadlines?|due|due dates?|date due|"
        r"target dates?|target completion(?: dates?)?|completion(?: dates?)?|date (?:for|of) completion|"
        r"(?:expected|planned|revised) (?:completion|end) dates?|end dates?|key dates|dates?|"
        # "Original deadline", "Revised deadline", "New target date": a tracker's dates before and after a change
        r"(?:original|revised|new|agreed|expected|planned|current) (?:deadlines?|target dates?|dates?|timescales?)|"
        # the period a plan's row is due in: "Target quarter", "Delivery year", "Completion month"
        r"(?:target|delivery|completion|due) (?:quarters?|years?|months?|periods?)")),
    ("status", re.compile(  # how the item stands, also "as at" a date ("Status at March 2022")
        # ("Closure status", "Implementation status": a status, whatever its one word before says it is of)
        # (the colours in any order a key gives them: "RAG", "BRAG", "RAGB", "BGAR")
        r"(?:[a-z]+ )?status|b?rag|ragb|b?gar|rag rating|ratings?|progress|"
        # the body's judgement of each item: "Our assessment", "Overall assessment", "Self-assessment"
        r"(?:(?:our|overall|final|self)[ -])?assessment|"
        r"(?:(?:current|delivery|project) )?stage|"
        # a review's closing line on each commitment: "Where this stands: Closed." ("Where we are:" over a
        # section heads an account of the present, no status)
        r"where (?:this|it|things|the (?:action|commitment)) (?:stands?|is) ?(?:now|today)?|"
        r"(?:(?:current|overall|delivery) )?status (?:at|as at|as of|in|on|\(|update)[\w ()/.-]*|"
        r"(?:complete|completed|achieved|delivered|done|met|on track|on target|in place|implemented)" + _ASKED + "|"
        # the same asked as a sentence: "Did we do it?", "Have we delivered?", "Was it achieved?"
        + _DONE_QUESTION + _ASKED + "|"
        # a response to a recommendation ("Accepted", "Partially accepted"): the decision on it, as a status is
        + _RESPONSE.pattern + "|"
        r"(?:progress|delivery) (?:rag|rating)|complete ?/ ?(?:incomplete|not complete)|"
        # a rating given with the share done beside it: "RAG and % complete", "Status / % complete"
        r"(?:b?rag|status|rating)\s*(?:and|&|/|\+)\s*(?:%|percentage|per cent)\s*(?:complete|done)?|"
        r"(?:%|percent(?:age)?|per cent) (?:complete[d]?|done|achieved|delivered)|progress ?\(?%\)?|"
        # one column for both, the status first: "Status and latest update", "Status / update"
        r"(?:status|progress) ?(?:and|&|/) ?(?:latest |progress )?(?:updates?|status|comments?|position)|"
        # the row's verdict printed with its commentary: "Overall assessment and commentary"
        r"(?:overall |final |our )?(?:assessment|verdict) ?(?:and|&|/) ?(?:commentary|comments?|updates?|notes?)")),
    ("ref", re.compile(  # the action's number, by which a review names it
        r"ref(?:erence)?\.?(?: no\.?| number)?|no\.?|number|#|id|action (?:ref(?:erence)?\.?|no\.?|number)")),
    ("former", re.compile(  # a later plan's column naming the earlier plan's action a row carries on
        r"replaces|replacing|supersedes|formerly|previous(?:ly)?(?: (?:ref(?:erence)?|no\.?|number|actions?|"
        r"commitments?))?|old (?:ref(?:erence)?|no\.?|number|actions?|commitments?)|"
        r"original (?:ref(?:erence)?|no\.?|number|actions?|commitments?)|carried forward from")),
    ("logged", re.compile(  # an action log's bookkeeping columns: when and where an action was raised
        r"date (?:raised|added|opened|logged|agreed|identified|of meeting|of entry)|meeting(?: date)?|"
        r"raised(?: (?:on|at|by))?|source|minute(?: ref(?:erence)?| no\.?)?|agenda item|item(?: no\.?)?")),
    ("measure", re.compile(  # how success is measured: says what will be counted, not what will be done
        r"measures?|kpis?|key performance indicators?|metrics?|(?:success|performance|outcome) measures?|"
        r"(?:output |outcome |performance |monitoring )?indicators?|"
        r"measures? of success|how (?:will we|we will) (?:measure|know)(?: (?:it|this|success|progress|impact))?|"
        # what the plan expects to see once the action is done: "What good looks like", "Success criteria"
        r"what (?:will )?success (?:will )?looks? like|what good (?:will )?looks? like|success criteria")),
    ("resource", re.compile(  # what pays for the item: a note of the row
        r"(?:funding|costs?|budget|resources?|resourcing|finance|financial|estimated cost|source of funding|"
        r"funding sources?)(?: (?:and|&|/) ?(?:sources?|funding|costs?))?(?: \(.*\))?")),
    ("update", re.compile(
        r"(?:latest |progress |current |final )?updates?|comments?|notes?|progress (?:update|to date|notes?|made)|"
        r"commentary|(?:latest |current )?position|(?:latest |progress )?updates? (?:at|as at|as of|on|\()[\w ()/.-]*|"
        r"(?:latest |current )?position (?:at|as at|as of|in|on) [\w ()/.-]*|evidence of progress|"
        r"progress (?:against|on) (?:the )?actions?|"
        r"comments? on progress|progress commentary|narrative|what (?:has been|we have|was) (?:achieved|done|delivered)|"
        # a review's column of what came of each promise: "What happened", "What we did"
        r"what (?:has )?happened(?: next| since)?|what we did|"
        # the update of whoever answers for the row: "Lead officer's update", "Officer update", "Service update"
        r"(?:(?:lead |responsible )?officers?|managers?|leads?|owners?|services?|directorates?|teams?|departments?)"
        r"(?:'s|’s|s'|s’)? updates?|"
        # a review's pair of lines, the promise and what came of it: "We said: ..." / "We did: ..."
        r"we did")),
)

# Labels read only in label-value lines: an update's "Next steps: ..." (or "NEXT STEPS - ...") gives
# the action to come on its line, an item of its own, as "What:" does.  Alone on its line it heads
# what follows (often prose on where things stand: `takes_no_value`); as a column header it keeps
# its own meaning (kb.extract.classify.COLUMN_ROLES: a row's next steps, under the row's commitment).
_NEXT_STEPS = re.compile(r"(?:planned |agreed |key )?next steps?|next actions?")
_LINE_ROLES = (("action", _NEXT_STEPS),)


def takes_no_value(label: str) -> bool:
    """Whether a label alone on its line is a heading, not a field whose value is the block below."""
    return _NEXT_STEPS.fullmatch(re.sub(r"\s+", " ", label.strip(" *:-–—")).lower()) is not None

# A bare "Date" line on a cover is the paper's date, not a due date: in label-value lines the due
# role needs one of these words.
_LINE_DUE = re.compile(r"when|timescale|time ?scale|time ?frame|timing|deadline|due|target|completion|end date")


# What a status column is of, after its word: "Status of actions", "Progress of the deliverables".
_OF_ITEMS = re.compile(r"\s+(?:of|for|on) (?:the |each |all )?(?:(?:sub-?)?actions?|deliverables?|commitments?|"
                       r"objectives?|milestones?|tasks?|recommendations?|projects?|priorities|priority)$")


def label_role(label: str, line_form: bool = False) -> str | None:
    """The role of a label or column header ("Responsible Officer" -> "owner"), or None."""
    norm = re.sub(r"\s+", " ", re.sub(r"[*:_]+", " ", label)).strip().lower()
    norm = re.sub(r"\s*\(s\)$", "", norm)
    if not norm or len(norm) > 40 and (line_form or len(norm) > 80):
        return None
    bare = re.sub(r"\s*\([^()]*\)$", "", norm)  # "Commitment (summary)", "Lead (organisation)": a qualified label
    if bare in ("date", "dates"):
        bare = norm  # "Date (raised)" says which date: not the due date by default
    if not line_form and (role := _header_keyword_role(norm)) is not None:
        return role
    for role, pattern in _ROLE_PATTERNS:
        if pattern.fullmatch(norm) or bare != norm and bare and pattern.fullmatch(bare):
            if role == "due" and line_form and not _LINE_DUE.search(norm):
                return None
            if role in ("status", "update") and line_form and (
                    norm in ("position", "ratings", "rating", "notes", "note") or _RESPONSE.fullmatch(norm)):
                return None  # "Response: the council is working with ..." in running text answers in words
            if role in ("ref", "resource", "former") and line_form:
                return None  # "No:" or "Cost:" in running text is not an action's reference or budget
            return role
    core = _OF_ITEMS.sub("", _TIME_AFTER.sub("", _TIME_BEFORE.sub("", norm))).strip()
    if core and core != norm and (role := label_role(core, line_form)) in ("status", "update"):
        # "Final status", "RAG Jan 2024", "Previous rating": a status, of some time; "Status of
        # actions": a status, of what the rows hold
        return role
    if line_form:
        return next((role for role, pattern in _LINE_ROLES if pattern.fullmatch(norm)), None)
    return None


# The time a status or update header reports, before or after its own words: "Final status", "Previous
# RAG", "Year-end rating", "RAG Jan 2024", "Status (Q3 2023/24)", "Rating 2022/23", "Progress to date".
# Read without it the header says what its cells are (a review that prints last year's rating beside
# this year's: kb.layout.structure keeps the current one as the status).
TIME_WORDS_BEFORE = (r"final|latest|current|previous|prior|last|earlier|original|initial|revised|closing|opening|"
                     r"interim|end[- ]of[- ]year|year[- ]end|end[- ]of[- ]plan")
_TIME_BEFORE = re.compile(rf"^(?:{TIME_WORDS_BEFORE})\s+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME_AFTER = re.compile(
    r"\s*[(,–-]?\s*(?:(?:at|as at|as of|in|on|for|to|end of|at end of)\s+)?"
    rf"(?:(?:{_MONTH}\s+)?(?:\d{{4}}(?:\s*[/-]\s*\d{{2,4}})?|q[1-4](?:\s+\d{{4}}(?:\s*/\s*\d{{2}})?)?|year\s*\d|y\d)"
    r"|to date|now)\)?$")


# A long column header that says what its cells are by one word of responsibility ("Organisation
# responsible for coordinating implementation", "Responsibility for delivery") or of funding ("Funding
# (2008 costs) and sources").  Headers only: in running text such words are not labels.
_HEADER_KEYWORDS = (
    ("owner", re.compile(r"\b(?:responsib(?:le|ility|ilities)|accountab(?:le|ility)|who will|by whom)\b")),
    ("resource", re.compile(r"^(?:funding|costs?|budget|resources?|resourcing)\b")),
)


def _header_keyword_role(norm: str) -> str | None:
    """The role of a longer header (three words or more) from its key word."""
    if len(norm.split()) < 3:
        return None
    return next((role for role, pattern in _HEADER_KEYWORDS if pattern.search(norm)), None)


# A label at the start of a line or after a space, capitalised, followed by a colon:
# "What:", "**Who**:", "Responsible Officer:", "BY WHEN:"; or set in capitals and followed by a dash,
# as designed reports print their field labels ("PROGRESS UPDATE - Survey under way", "NEXT STEPS –").
_LABEL_AT = re.compile(r"(?:^|(?<=\s))\**(?:(?P<label>[A-Z][A-Za-z()]*(?:[ ][A-Za-z()]+){0,3}(?:[ ]\d{1,2}"
                       # a label asked as a question: "Complete?:", "Achieved (Y/N):"
                       r"(?:\.\d{1,2})*[a-z]?)?(?:[ ]?\((?:[Yy] ?/ ?[Nn]|[Yy]es ?/ ?[Nn]o)\)|\?)?)\**\s*:\**(?=\s|$)"
                       r"|(?P<caps>[A-Z][A-Z()]+(?:[ ][A-Z()]+){0,3})[ ]+[-–—](?=\s|$))")


@dataclass(frozen=True)
class Labelled:
    """One label found in a text: its role, the label as written and the value that follows it."""

    role: str
    label: str
    value: str
    start: int


def split_labels(text: str) -> list[Labelled]:
    """The labelled values of a line or paragraph, when it opens with a known label.

    "What: Run a campaign Who: Public Health When: 2020" gives three values; a text that does not
    open with a label gives [] (so prose with "Note: ..." in its middle is left alone).
    """
    found: list[tuple[str, str, int, int]] = []
    for m in _LABEL_AT.finditer(text):
        group = "label" if m.group("label") else "caps"
        label = m.group(group)
        # the longest known label ending at the colon: "Latest Update" before "Update"
        ws = label.split(" ")
        role = None
        for k in range(len(ws)):
            cand = " ".join(ws[k:])
            if cand[:1].isupper():
                role = label_role(cand, line_form=True)
                if role:
                    start = m.start(group) + len(" ".join(ws[:k])) + (1 if k else 0)
                    if text[start - 2:start] == "**":
                        start -= 2
                    found.append((role, cand, start, m.end()))
                    break
    if not found or text[:found[0][2]].strip(" *-–•→"):  # (an arrow before a reply: "→ We did: ...")
        return []
    out: list[Labelled] = []
    for i, (role, label, start, end) in enumerate(found):
        stop = found[i + 1][2] if i + 1 < len(found) else len(text)
        out.append(Labelled(role, label, text[end:stop].strip(" *;,|"), start))
    return out


# Fields written after an item's own words, set off by a dash, a bracket or a semicolon: "Recruit 40
# nurses – Lead: Chief Nurse, by Q3 2026/27", "Roll out the record [Owner: Chief Digital Officer] [Due:
# September 2026]", "Open the hub (Lead: Housing; Due: March 2027)".
_TRAILING_AT = re.compile(r"(?:\s[-–—|]\s*|\s?[(\[]\s*|;\s*)(?=\**[A-Z][A-Za-z ]{1,30}\**\s*:)")
_TRAILING_ROLES = frozenset({"owner", "due", "status"})
_TRAILING_ITEM_WORDS = 3  # the item's own words before its fields
# where a lead's name ends and the item's date goes on: "Chief Nurse, by Q3 2026/27"
_OWNER_THEN_DATE = re.compile(r"\s*[,;]\s*(?=(?:by|from|due|in|during|before|until)\b)", re.I)


def trailing_fields(text: str) -> dict[str, str]:
    """The fields an item gives after its own words (`_TRAILING_AT`): owner, due and status only,
    each value without its brackets; {} when the text has none."""
    for m in _TRAILING_AT.finditer(text):
        if len(re.findall(r"[A-Za-z]{2,}", text[:m.start()])) < _TRAILING_ITEM_WORDS:
            continue
        labs = split_labels(re.sub(r"\s*[\])]\s*[\[(]\s*", " ", text[m.end():]))  # "[Owner: X] [Due: Y]"
        if not labs or any(lab.role not in _TRAILING_ROLES for lab in labs):
            continue
        out: dict[str, str] = {}
        for lab in labs:
            value = lab.value.strip(" []();,")
            if lab.role == "owner":
                value = _OWNER_THEN_DATE.split(value, maxsplit=1)[0].strip(" []();,")
            if value and lab.role not in out:
                out[lab.role] = value
        if out:
            return out
    return {}


def looks_like_party(value: str) -> bool:
    """A short value naming who acts ("JS", "Director of Public Health", "All partners"), not an action."""
    ws = re.findall(r"[A-Za-z0-9][A-Za-z0-9'’&/.-]*", value)
    if not ws or len(ws) > 6 or value.rstrip().endswith("."):
        return False
    small = {"and", "of", "the", "for", "&", "all", "with", "to", "in", "/", "partners", "members", "officers",
             "leads", "agencies", "organisations", "colleagues"}
    return all(w[0].isupper() or w.lower() in small for w in ws)


# --- status values ---------------------------------------------------------------------------------
# What a status cell can say, as its leading words (the rest is commentary: "Complete (March 2021)",
# "Ongoing – see update").  Tried in this order, so a qualified or negated value is read before the
# bare word it contains: "Not complete" and "Partially complete" are not "complete".
PROGRESS = ("done", "ongoing", "unmet", "revised")
_NOT = r"(?:not|no)\s+(?:yet\s+|fully\s+)?"
_PROGRESS_VALUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unmet", re.compile(
        _NOT + r"(?:started|begun|commenced|achieved|met|complete[d]?|delivered|done|implemented|progressed|"
        r"on (?:track|target|schedule|plan)|in place|actioned|progress(?:ing)?)|incomplete|unachieved|unmet|undelivered|delayed|"
        r"behind(?: schedule| plan)?|off[- ]?track|overdue|stalled|paused|on hold|deferred|postponed|"
        r"slipped|missed|red|failed|outstanding|re-?scheduled|re-?phased|(?:off|below|behind) target|"
        # a target stated and missed; an action not done by the plan's end and moved into the next one
        r"target (?:not met|missed)|(?:carried|carry|rolled|roll) (?:forward|over)|"
        # a promise not kept, or broken
        r"(?:promise )?(?:not kept|broken)|"
        # a tracker's grade of delay or worry, the grave one ("Significant slippage", "Major concerns"),
        # and an action said still to be outstanding
        r"(?:significant|major|serious|considerable|severe) (?:slippage|concerns?|delays?)|slippage|"
        r"(?:remains?|still) (?:outstanding|undelivered|incomplete)")),
    ("ongoing", re.compile(
        r"(?:partially|partly|part|largely|mostly|substantially|nearly|almost) (?:complete[d]?|achieved|met|"
        r"delivered|done|implemented|in place|kept)|(?:complete[d]?|achieved|met|delivered|implemented) in part|"
        r"(?:action |work )?(?:ongoing|on[- ]?going|in progress)|wip|in hand|on[- ]?track|on target|"
        # ahead of its timetable, or not yet due: going on, not late
        r"ahead of (?:schedule|plan|target|trajectory)|not (?:yet )?due|"
        r"(?:well |largely )?under ?way|started|commenced|progressing|in development|continuing|continues|amber|green|at risk|open|active|"
        r"live|some progress|good progress|making progress|limited progress|partial(?!\s+[a-z])|part met|under review|"
        r"being reviewed|"
        # part of the way to it: "Part of the way there", "Partway"
        r"part(?:\s+of\s+the)?\s*way(?:\s+there)?|"
        # the plain words of a to do / doing / done board
        r"doing|"
        # the mild grade of delay or worry ("Minor slippage", "Some concerns"): work going on, at risk
        r"(?:minor|some|slight|small|limited) (?:slippage|concerns?|delays?)|partial progress")),
    ("revised", re.compile(
        r"superseded|replaced|revised|amended|merged|changed|transferred|withdrawn|cancelled|canceled|"
        r"discontinued|stopped|stood down|ceased|no longer (?:required|needed|applicable|relevant)|closed[ -–—:]+not\b|"
        r"closed[ -–—:(]+(?:superseded|replaced|merged|withdrawn|transferred|cancelled|no longer)|"
        # closed before the work was done: "closed without being delivered", "closed without completion"
        r"closed without (?:being )?(?:delivered|completed?|achieved|implemented|met|completion|delivery)|"
        r"not (?:required|applicable|needed)|n/?a\b|absorbed|incorporated|removed|deleted|"
        r"(?:will )?not (?:be )?(?:progressed|pursued|taken forward|carried forward)|"
        r"no longer (?:being )?(?:pursued|progressed|taken forward)|"
        # judged beyond reach and taken out of the plan ("Unachievable – written out of the base budget")
        r"unachievable|undeliverable|not (?:achievable|deliverable)")),
    ("done", re.compile(
        r"(?:fully )?(?:complete[d]?|achieved|delivered|done|implemented|met|finished|closed|in place|"
        r"embedded|mainstreamed|business as usual|bau|blue|kept)|(?:target )?(?:met|exceeded|achieved)(?: target)?|"
        r"action (?:closed|complete[d]?)")),
)


# A status column asked as a question ("Complete?", "Delivered (Y/N)", "On track?"): its cells answer
# it, and "Yes" means what the question says; the question's words are its status word.
_QUESTION = re.compile(r"(?P<q>[a-z][a-z ]*?)" + _ASKED)
_YES = frozenset({"yes", "y", "✓", "✔", "☑", "✅"})
_NO = frozenset({"no", "n", "not yet", "✗", "✘", "×", "☒", "❌"})
_PART = frozenset({"partially", "partly", "partial", "in part", "part", "largely", "mostly", "substantially"})
_FULL = frozenset({"fully", "in full", "completely", "wholly", "entirely"})  # "Fully" under "Delivered?"
_ANSWER_LEAD = re.compile(r"(yes|y|no|n|not yet|partially|partly|partial|in part|part|largely|mostly|substantially|"
                          r"fully|in full|completely|wholly|entirely)\s*(?:[-–—:;,(*]|\.\s)")
# A rating column's colours by their initials ("RAG" over "G", "BRAG" over "B"); a bare "Rating" may
# grade by letters that are no colours ("A", "B", "C" for priority or risk), so it must say RAG
_RAG_HEADER = re.compile(r"(?:(?:progress|delivery|overall|current) )?(?:b?rag|ragb|b?gar)(?: (?:status|rating))?")
_COLOUR_INITIALS = {"r": "Red", "a": "Amber", "g": "Green", "b": "Blue"}


def answered_status(header: str, value: str) -> str:
    """A status cell read with its column's header, for the cells that mean nothing alone: the answer
    to a question header ("Yes" under "Complete?" is "Complete (Yes)", "No" under "On track?" is "Not
    on track (No)", "Partly" under "Achieved (Y/N)" is "Partially achieved (Partly)"), a colour's
    initial under a RAG header ("G" is "Green"), and a tick or a cross under any status header
    ("Complete (✓)", "Not complete (✗)").  Any other value is returned as written."""
    v = value.strip()
    key = re.sub(r"[.\s]+$", "", v.lower())
    head = re.sub(r"\s+", " ", re.sub(r"[*:_]+", " ", header)).strip().lower()
    is_status = label_role(header) == "status"
    options = re.sub(r"\s*\([^()]*\)$", "", head)  # "Delivered? (Fully / Partially / Not delivered)": the answers offered
    asked = _QUESTION.fullmatch(head) or (_QUESTION.fullmatch(options) if options.endswith("?") else None)
    # an answer with words after it ("Yes – and continuing", "No: the bid failed") answers by its first
    answer = _ANSWER_LEAD.match(key)
    if answer and asked and is_status:
        key = answer.group(1)
    if asked and is_status:
        q = asked.group("q").strip()
        sentence = re.fullmatch(_DONE_QUESTION, q)
        if sentence:
            q = _DONE_VERBS[sentence.group("verb")]  # "Did we do it?" asks whether it was done
        if key in _YES or key in _FULL:
            return f"{q[:1].upper()}{q[1:]} ({v})"
        if key in _NO:
            return f"Not {q} ({v})"
        if key in _PART:
            return f"Partially {q} ({v})"
    if key in _COLOUR_INITIALS and _RAG_HEADER.fullmatch(head):
        return _COLOUR_INITIALS[key]  # bare, as the document's colour key reads a colour (`keyed_status`)
    if key in _YES - {"yes", "y"} and is_status:
        return f"Complete ({v})"
    if key in _NO - {"no", "n", "not yet"} and is_status:
        return f"Not complete ({v})"
    return value


# A question a review asks of its own promise, to be answered yes or no ("Did we open the new pitch?",
# "Can clubs now use the hall? (action 5)", "Have all three sites gained the mark?"): an auxiliary first,
# a question mark last (a bracketed note after it).
_YES_NO_QUESTION = re.compile(r"(?:did|do|does|have|has|had|is|are|was|were|can|could|will)\s+\S.*\?(?:\s*\([^()]{1,40}\))?",
                              re.I)
# "No – instead we set up our own", "No. Instead, ...": the promise not kept as made, something else done
_INSTEAD_ANSWER = re.compile(r"no\s*(?:[-–—:;,.]\s*)?(?:but\s+)?instead\b", re.I)


def question_answered(question: str, answer: str) -> str | None:
    """The status an answer gives the yes-or-no question a review asks of a promise, as a status phrase
    (`progress_of` reads it) with the answer's word after it: "Yes, but late" -> "Complete (Yes)",
    "Partly." -> "Partially complete (Partly)", "Not yet." and "No." -> "Not complete (...)", "No –
    instead we ..." -> "Replaced (No – instead)"; None when the question is no such question or the
    answer does not open with its word."""
    if not _YES_NO_QUESTION.fullmatch(" ".join(question.split()).strip(" *")):
        return None
    text = " ".join(answer.split()).lstrip(" *")
    instead = _INSTEAD_ANSWER.match(text)
    if instead:
        return f"Replaced ({instead.group(0).strip()})"
    lead = _ANSWER_LEAD.match(text.lower() + " ")
    if lead is None:
        return None
    word = text[:len(lead.group(1))]
    key = lead.group(1)
    if key in _YES or key in _FULL:
        return f"Complete ({word})"
    if key in _PART:
        return f"Partially complete ({word})"
    return f"Not complete ({word})"


# A status word dated by what follows it, as a completion column gives it: "Completed Jun 2022",
# "Delivered in March 2023", "Closed 31 May 2024 (see 4.2)".
_DATED_STATUS = re.compile(rf"(?P<s>[A-Za-z][A-Za-z -]{{2,30}}?)\s+(?:in\s+|on\s+)?(?:\d{{1,2}}\s+)?"
                           rf"(?:{_MONTH}\s+\d{{4}}|\d{{4}}(?:/\d{{2}})?)\b", re.I)


def dated_status(text: str) -> str | None:
    """The status words of a cell that gives a status and when ("Completed Jun 2022" -> "Completed"),
    when they are a status phrase; else None."""
    m = _DATED_STATUS.match(text.strip())
    return m.group("s") if m and status_phrase(m.group("s")) else None


def progress_of(value: str | None) -> str | None:
    """What a status value reports (done / ongoing / unmet / revised), or None for a value that
    says none of these (a note, a date, "TBC").  Read from its leading words, so a status cell
    with commentary after the rating still reads ("Complete – the service opened in May")."""
    if not value:
        return None
    # (a part that is a dash alone rates nothing: "–; 40%" is the lead's share done, unrated)
    parts = [p for p in value.split(";") if p.strip(" *–—-")]
    if len(parts) > 1:
        # several status fields of one item ("Stage: Complete" and "Status: Green"): a completion or a
        # revision is the verdict, a rating colour only grades work still going on; a part that is
        # no status (a note after a semicolon) leaves the first reading
        reads = [_progress_of_one(p) for p in parts]
        if all(reads):
            if "unmet" in reads and any(_CLOSED.fullmatch(p.strip()) for p in parts):
                return "revised"  # "Incomplete; Closed": closed before it was done, dropped as written
            return min(reads, key=_VERDICT_ORDER.index)
    return _progress_of_one(parts[0] if len(parts) == 1 else value)


_VERDICT_ORDER = ("done", "revised", "unmet", "ongoing")
_CLOSED = re.compile(r"\**closed\**\.?", re.I)


# A rating colour with words after it ("Green – complete", "Blue (closed – superseded)", "Amber: in
# progress"): the colour grades, the words say what the grade means in this document's key, which
# differs between bodies (Blue-Red-Amber-Green reads green as on track, others as complete).
_COLOUR_WITH_WORDS = re.compile(r"^(?:red|amber|green|blue|grey|gray)\s*(?:[-–—:/(,]\s*|\s+)(?=[a-z])")


# A tracker's open or closed before the reason ("Open – off track", "Open – evidence awaited", "Closed –
# superseded", "Closed – not fully met, moved to the next plan"): open or closed says only whether the
# item is still tracked, the reason how it stands; a reason that says none ("Closed – evidence
# accepted") leaves it to open (going on) or closed (done).
_OPEN_OR_CLOSED = re.compile(r"^(?:open|closed)\s*(?:[-–—:]\s*|\(\s*)(?=[a-z])")
# closed, and the sentence after says it was stopped or moved elsewhere before it was done
_CLOSED_AS_STOPPED = re.compile(r"^closed\.\s+[^.]*\b(?:stop(?:ped)?|withdr[ae]wn?|withdraw|drop(?:ped)?|"
                                r"moved? (?:it )?to (?:another|a different|the new)|no longer|superseded|replaced)\b")


# A status given as the share of the action done ("100%", "40% complete", "0% – not started"), as
# reviews that track actions by milestones write it: all of it is done, none of it is not started,
# a share between is work going on.  The share stands alone or before a completion word or a dash
# of commentary: "86% of people were seen" is a figure, not a status.
_PERCENT_DONE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent)(?:\s+(?:complete[d]?|done|achieved|delivered))?"
                           r"\s*(?:$|[-–—(;,.:])")


# the marks a review rates by: ticks and crosses, and the shapes a key defines ("● Achieved", "◐ Partially
# achieved", "— Stopped"): before words, the words say
RATING_MARKS = "".join(m for m in _YES | _NO if len(m) == 1 and not m.isalpha()) + "●◐◑◒◓○◯■□▲△▼▽◆◇★☆—⊘⊗"
_MARK_WITH_WORDS = re.compile("([" + RATING_MARKS + r"])\s+(?=\w)")


def _progress_of_one(value: str) -> str | None:
    norm = re.sub(r"\s+", " ", re.sub(r"[*_`]+", " ", value)).strip().lower()
    norm = re.sub(r"^(?:status|rag|progress|rating|stage)\s*[:=-]\s*", "", norm)
    mark = _MARK_WITH_WORDS.match(norm)
    if mark:  # a tick or a cross before words ("✓ Achieved", "✗ Not delivered"): the words say, else the mark
        words_say = _progress_of_one(norm[mark.end():])
        return words_say or ("done" if mark.group(1) in _YES else "unmet" if mark.group(1) in _NO else None)
    change = _RATING_CHANGE.match(norm)
    if change and _progress_of_one(change.group("was")):
        now = _progress_of_one(change.group("now"))
        if now:  # "Amber / Red", "On target → Achieved": the last rating, as a tracker moves left to right
            return now
    symbol = _LEADING_SYMBOL.match(norm)
    if symbol:  # a symbol no key reads before the words ("⏳ In progress", "↻ Replaced"): the words say
        return _progress_of_one(norm[symbol.end():])
    share = _PERCENT_DONE.match(norm)
    if share and float(share.group(1)) <= 100:
        done = float(share.group(1))
        return "done" if done == 100 else "unmet" if done == 0 else "ongoing"
    opened = _OPEN_OR_CLOSED.match(norm)
    if opened:  # "Open – off track", "Closed – not fully met": the words after the dash say how it stands
        words_say = _progress_of_one(norm[opened.end():])
        if words_say:
            return words_say
    if _CLOSED_AS_STOPPED.match(norm):
        return "revised"  # a key's "Closed. The board decided to stop the action, or to move it to another plan"
    coloured = _COLOUR_WITH_WORDS.match(norm)
    if coloured:
        words_say = _progress_of_one(norm[coloured.end():])
        if words_say:
            return words_say
    for report, pattern in _PROGRESS_VALUES:
        m = pattern.match(norm)
        if m and (m.end() == len(norm) or not norm[m.end()].isalnum()):  # a whole word: "Redesign" is no "red"
            reason = _REASON_AFTER.match(norm[m.end():])
            if report == "unmet" and reason and _progress_of_one(norm[m.end() + reason.end():]) == "revised":
                return "revised"  # "Incomplete – not taken forward": not done, and dropped
            return report
    return None


# Two ratings in one cell, the earlier and the latest: "Amber / Red" (last quarter / this quarter, as a
# tracker's key says), "On target → Achieved".  Each side is a status of a few words.
_RATING_CHANGE = re.compile(r"^(?P<was>[a-z][a-z '-]{1,30}?)\s*(?:/|→|->|⇒|➔)\s*(?P<now>[a-z][a-z '-]{1,30}?)\s*$")


# symbols before a status's words (an hourglass, a circular arrow, a heavy cross), not letters, digits,
# brackets or the marks kb reads as ratings (those are read first, `_MARK_WITH_WORDS`)
_LEADING_SYMBOL = re.compile(r"^[^\w\s(\[£$€%'\"“‘-]+\s*(?=[a-z])")
_REASON_AFTER = re.compile(r"\s*(?:[-–—:,]|\band\b)\s*(?=[a-z])")  # "Incomplete – ...", "Not met: ...", "Not started and ..."


# --- the earlier numbers a later plan's row carries on -----------------------------------------------
# A later plan's "Replaces" / "Previous ref" cell: one number of the earlier plan or several that the
# new action merges ("C9", "2.1 and 2.2 (merged)", "3.4, 3.5"); "New" names none.
# An action's reference as plans number them: "C9", "2.1", "4B", "PH3.2a" (kb.trace.progress reads
# review cells with the same shape).
ACTION_REFERENCE = r"(?:[A-Z]{1,4}-?)?\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?"  # "1.3", "MH8", "2.1a", "CF-03"
# A number in brackets closing the sentence, as plans written in prose number their commitments: "Every
# library will lend laptops (C14).", "... by March 2024 (2.3)".  A letter code or two levels, so that a
# count or a year in brackets ("(12)", "(2021)") numbers nothing.
TRAILING_REFERENCE = re.compile(r"\(((?:[A-Z]{1,4}-?\d{1,2}(?:\.\d{1,2}){0,2}|\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)[a-z]?)\)\.?$")
# A reference list naming several actions: "4B and 4C", "2.1, 2.2 and 2.4", "1.1 & 1.2", "2.1/2.2", and
# a run of them, "3.1-3.3", "A3.1–A3.3", "4A to 4C", each perhaps after its word ("Actions 1.2 and 1.4").
_REF_LIST_SEP = re.compile(r"\s*(?:,|;|&|/|\band\b)\s*", re.I)
_REF_WORD = r"(?:(?:actions?|refs?|nos?|items?)\.?\s*)?"
_REF_RUN = re.compile(rf"^{_REF_WORD}({ACTION_REFERENCE})\s*(?:[-–—]|\bto\b)\s*({ACTION_REFERENCE})$", re.I)
_REF_ALONE = re.compile(rf"^{_REF_WORD}({ACTION_REFERENCE})$", re.I)
_RUN_MAX = 9  # a run longer than this is no list of actions ("1-20" is a range of something else)
_STROKED_REFERENCE = re.compile(r"[A-Z]{1,4}-?\d{1,2}/\d{1,2}")


def listed_references(label: str) -> tuple[str, ...]:
    """The references a list names, as written, a run spelled out ("A3.1–A3.3" -> A3.1, A3.2, A3.3;
    "4A to 4C" -> 4A, 4B, 4C), or () when any part of it is no reference (a title, "Health and
    wellbeing", or a range of years) or it names one.  A run is spelled out when its ends differ in their
    last part only, by a number or a letter."""
    label = label.strip().rstrip(".")
    if _STROKED_REFERENCE.fullmatch(label):
        return ()  # one code written with a stroke ("WF-23/1", "HW-22/1"), no list of two
    parts = [p for p in _REF_LIST_SEP.split(label) if p]
    if len(parts) < 2 and not _REF_RUN.match(label):
        return ()
    out: list[str] = []
    for part in parts:
        run = _REF_RUN.match(part)
        if run:
            spelled = _spell_run(run.group(1), run.group(2))
            if not spelled:
                return ()
            out += spelled
            continue
        m = _REF_ALONE.match(part)
        if m is None:
            return ()
        out.append(m.group(1))
    out = list(dict.fromkeys(out))
    return tuple(out) if len(out) >= 2 else ()


def _spell_run(first: str, last: str) -> list[str]:
    """The references from `first` to `last` ("3.1", "3.3" -> 3.1, 3.2, 3.3; "4a", "4c" -> 4a, 4b,
    4c), or [] when they are no run (a different stem, a backward or too long run)."""
    a = re.fullmatch(r"(.*?)(\d+|[A-Za-z])", first)
    b = re.fullmatch(r"(.*?)(\d+|[A-Za-z])", last)
    if a is None or b is None or a.group(1).lower().replace("-", "") != b.group(1).lower().replace("-", ""):
        return []
    x, y = a.group(2), b.group(2)
    if x.isdigit() and y.isdigit():
        lo, hi = int(x), int(y)
        steps = [str(n) for n in range(lo, hi + 1)]
    elif x.isalpha() and y.isalpha() and x.islower() == y.islower():
        lo, hi = ord(x), ord(y)
        steps = [chr(n) for n in range(lo, hi + 1)]
    else:
        return []
    if not 1 <= hi - lo <= _RUN_MAX:
        return []
    return [a.group(1) + step for step in steps]


_FORMER_CELL = re.compile(rf"{ACTION_REFERENCE}(?:\s*(?:,|&|/|\band\b)\s*{ACTION_REFERENCE})*")


def former_numbers(cell: str) -> tuple[str, ...]:
    """The earlier plan's numbers a "Replaces" cell names, as written, or () (a note in brackets set aside)."""
    text = re.sub(r"\([^)]*\)", " ", cell).strip(" .;")
    if not _FORMER_CELL.fullmatch(text):
        return ()
    return tuple(re.findall(ACTION_REFERENCE, text))


# --- a status given by the section ------------------------------------------------------------------
# A review that sorts its rows under headings by how they stand, with no status column ("Completed
# actions", "Outstanding commitments", "Actions closed without being delivered", "4. Open actions"):
# the heading states the status of every row under it.  The heading is the status word and the noun
# for the items, in either order, with at most a section number before it; "Key actions" or
# "Green space actions" state none.
_SECTION_ITEMS = (r"(?:actions?|commitments?|recommendations?|objectives?|deliverables?|milestones?|priorities|"
                  r"items?|tasks?|pledges?|promises?)")
_SECTION_NUMBER = r"(?:(?:section|part|appendix)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.):]?\s+"
_SECTION_STATUS = re.compile(
    rf"^(?:{_SECTION_NUMBER})?(?:(?P<before>[a-z][a-z -]{{0,40}}?)\s+{_SECTION_ITEMS}|"
    rf"{_SECTION_ITEMS}\s+(?:(?:that|which)\s+(?:are|were|have been|has been)\s+)?(?P<after>[a-z][a-z -]{{0,40}}?))"
    r"\s*(?:\(\d{1,3}\))?\s*[:.]?$")


_RATED_HEADING = re.compile(r"\(([a-z][a-z –—/-]{1,40})\)$")
# or the heading says, of what the body did, how it stands, with no noun for the items: "What we achieved",
# "What we have delivered", "Still in progress", "Work still in progress", "Not yet achieved" ("What we have
# paused or stopped, and why" states two: each item's own words tell them apart)
_DID_HEADING = re.compile(rf"^(?:{_SECTION_NUMBER})?(?:what (?:we|has|have|is|was)(?:'ve| have| been| still)* |"
                          r"(?:our |the )?work |still )*(?P<phrase>[a-z][a-z -]{1,30}?)"
                          r"(?:,? (?:and why|so far|to date|in \d{4}(?:/\d{2})?|this year))?\s*[:.]?$")


def _folded_heading(heading: str) -> str:
    """A heading lower-cased, its emphasis marks and runs of white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"[*_`]+", " ", heading)).strip().lower()


def rated_heading_status(heading: str) -> str:
    """The rating a heading closes on, in brackets ("What we delivered (Green – delivered)" -> "Green –
    delivered"), when it reads as a status; else "".  A review that groups its items by rating says
    so; a plan's "Actions carried forward" names what it will do next, no rating of its items."""
    rated = _RATED_HEADING.search(_folded_heading(heading))
    if rated and progress_of(rated.group(1)):
        return rated.group(1)[:1].upper() + rated.group(1)[1:]
    return ""


def section_status(headings: tuple[str, ...] | list[str], items: bool = False) -> str:
    """The status the nearest heading that states one gives the rows under it ("Completed actions" ->
    "Completed"; "Actions closed without being completed" -> "closed without being completed"), or
    "" when no heading of the path states one.  `items`: for a list's items or paragraphs rather than
    a table's rows, which a plan lists under "Actions carried forward" as what it will do next: only
    a heading that closes on a rating ("(Green – delivered)") or says what was done or is under way
    ("What we achieved", "Still in progress") rates them."""
    for heading in reversed(headings):
        rated = rated_heading_status(heading)
        if rated:
            return rated
        m = _SECTION_STATUS.match(_folded_heading(heading))
        phrase = m and (m.group("before") or m.group("after"))
        if phrase and status_phrase(phrase) and not items:
            return phrase[:1].upper() + phrase[1:]
        m = _DID_HEADING.match(_folded_heading(heading))
        phrase = m and m.group("phrase")
        if phrase and status_phrase(phrase) and (not items or progress_of(phrase) in ("done", "ongoing")):
            return phrase[:1].upper() + phrase[1:]
        m = _LABELLED_STATUS.match(_folded_heading(heading))
        report = progress_of(m.group("phrase")) if m else None
        if report and (not items or report in ("done", "ongoing")):
            return m.group("phrase")[:1].upper() + m.group("phrase")[1:]
    return ""


# or the heading is a group's label and the status of the group: "Section A – Complete", "Part 2: Not
# started", "Group C – Incomplete – not taken forward" (a review's table grouped by status in rows across it)
_LABELLED_STATUS = re.compile(r"^(?:section|part|group|category|table|annex|appendix)\s+[a-z0-9]{1,3}\s*[–—:-]\s*"
                              r"(?P<phrase>[a-z][^:]{1,50})$")


# A status stated by a clause: "the action has been completed", "it is in progress, with ...", "work on
# it had not started by March 2024", "The following actions were complete by ...": the words after the
# clause's verb of being, up to a date, a reason or a clause after it.
STATED_VERB = re.compile(r"\s(?:are|were|is|was|have|has|had|remain|remained|remains)\s+(?:(?:also|still|now|already)\s+)?"
                         r"(?P<neg>not\s+(?:yet\s+)?)?(?:been\s+)?", re.I)
_STATUS_STOP = re.compile(r"\s+(?:by|in|on|at|during|before|after|since|because|as|following|when|and)\b|[,;(–—]",
                          re.I)
_STATED_WORDS = 4  # a status stated after its verb is a phrase, not a clause


def stated_status(text: str) -> str | None:
    """The status a clause or a list's lead states: itself ("Complete", "Not yet started"), or after
    the first of its verbs of being that states one ("were complete by ...", "has not been achieved",
    "had not started", "is in progress, with work that is expected to ..."), or None."""
    text = text.strip().rstrip(".")
    if status_phrase(text) and progress_of(text):
        return text
    for verb in STATED_VERB.finditer(f" {text}"):
        said = _STATUS_STOP.split(f" {text}"[verb.end():], maxsplit=1)[0].strip()
        if said and verb.group("neg"):
            said = f"{verb.group('neg').strip()} {said}"
        if said and len(said.split()) <= _STATED_WORDS and progress_of(said):
            return said
    return None


# A status cell that rates each lettered sub-action of its row in turn ("a) Complete; b) Ongoing;
# c) Not started", or one to a line), or names a sub-action of another row whole ("(7c) Complete"):
# the letter (or number and letter) and what it says of that sub-action.
_LETTERED_ENTRY = re.compile(r"\(?(?P<ref>\d{0,2}[a-z])[.)]\s*(?P<status>\S.*)")


_NEXT_ENTRY = re.compile(r"(?<=\S)\s+(?=\(?\d{0,2}[a-z]\)\s*[A-Za-z])")


@dataclass(frozen=True)
class LetteredStatus:
    """One sub-action's entry in a status cell that rates several: its letter ("a", or "7c" for a
    sub-action of another row) and its status as written, None where it gives none ("see Objective 2")."""

    ref: str
    status: str | None


def lettered_statuses(cell: str) -> list[LetteredStatus]:
    """The entries of a status cell that rates its row's sub-actions one by one, by their letters
    ("a) Complete (March 2023)<br>b) Ongoing", "a) Complete; b) Delayed"), else []: every part of the
    cell is a lettered entry, and at least two of them state a status (`progress_of`)."""
    # (a PDF's cell may run the entries together on one line: "a) Complete b) Ongoing c) Withdrawn")
    parts = [p.strip() for item in split_cell(cell) for part in item.split(";")
             for p in _NEXT_ENTRY.split(part) if p.strip()]
    entries = []
    for part in parts:
        m = _LETTERED_ENTRY.fullmatch(part)
        if m is None:
            return []
        status = m.group("status").strip(" .")
        entries.append(LetteredStatus(m.group("ref").lower(), status if progress_of(status) else None))
    if len(entries) < 2 or sum(1 for e in entries if e.status) < 2 or len({e.ref for e in entries}) < len(entries):
        return []
    return entries


# --- a rating key ------------------------------------------------------------------------------------
# Reviews that rate each action by a number or a letter print what each rating means once, in a key
# before the table ("1 = Delivered; 2 = Progressing; 3 = Not progressed; 4 = Withdrawn", or a
# two-column `Rating / Meaning` table whose first cell is the code and whose second opens with the
# status word), and then give the rating cells the code alone ("2").  The key is the document's own
# reading of its codes: a code means the status word the key gives it.
_CODE = r"(?:\d|[A-E])"
# a code and its status word, as a key line or a key's item: "1 = Delivered", "2 – Progressing: work ...",
# "(3) Not progressed", after the start of the text or a separator of a run-on key ("Key: 1 = ...; 2 = ...")
_KEY_ENTRY = re.compile(r"(?:^|(?<=[;,:(]\s)|(?<=[;,])|(?<=\s)(?=\())\s*\(?(" + _CODE + r")\)?\s*(?:=|–|—|-|:|\))\s*"
                        r"([A-Za-z][A-Za-z ]{1,30}?)\s*(?=$|[:;,.(–—=/]|\s-\s)")
# a rating cell: the code alone or before a note ("1", "1 (ongoing)", "2 – see update")
# (a colour's initial the key defines, "G"; a mark, "◐")
_CODED = re.compile(r"\s*\**(" + _CODE + r"|[A-Z]{1,3}|[" + RATING_MARKS + r"])\**(?![\w.%])")
# a key line that gives a mark and its status word: "● Achieved: we met the target", "◐ Partially achieved"
_MARK_KEY = re.compile(r"(?:^|(?<=\s))([" + RATING_MARKS + r"])\s*(?:=|:|–|-)?\s*([A-Za-z][A-Za-z ]{1,30}?)\s*(?=$|[:;,.(–—=]|\s-\s)")


def status_phrase(text: str) -> str | None:
    """`text` when the whole of it is a status word or phrase ("Delivered", "Not progressed"), else None:
    a key's meaning names a status and nothing else ("Complete the audit" is an action, not a key)."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    if not norm or len(norm.split()) > 4:
        return None
    for _, pattern in _PROGRESS_VALUES:
        m = pattern.match(norm)
        if m and m.end() == len(norm):
            return text.strip()
    return None


# A colour key: the colours a review rates by and what each means in this body's use ("Colour key:
# Blue – complete; Green – on track; Amber – in progress, with some risk; Red – not delivered; Grey –
# closed (transferred)").  Bodies differ (green is complete in one key and on track in another; grey
# closed in one and not started in another), so a key printed in the document reads its bare colours.
# Each entry runs to the next ";" (or the end), its meaning whole: "closed (transferred ...)".
_COLOURS = r"(?:red|amber|green|blue|grey|gray|purple|black)"
_COLOUR_KEY_ENTRY = re.compile(r"(?<![\w-])(" + _COLOURS + r")\s*(?:=|–|—|-|:)\s*([^;]+?)\s*(?=;|\.?$)", re.I)
_BARE_COLOUR = re.compile(r"[\s*_]*(" + _COLOURS + r")[\s*_.]*", re.I)


def bare_colour(text: str) -> bool:
    """Whether a cell is a colour alone ("Green", "**Amber**"), which rates only by a key or a header."""
    return bool(_BARE_COLOUR.fullmatch(text))


def _colour_key_entries(text: str) -> dict[str, str]:
    """The colours a key line defines, colour (lower case) -> its meaning, when it defines two or more,
    each by words that read as a status ("Green – on track"); else {}."""
    out = {m.group(1).lower().replace("gray", "grey"): m.group(2).strip() for m in _COLOUR_KEY_ENTRY.finditer(text)
           if _progress_of_one(m.group(2))}
    return out if len(out) >= 2 else {}


# a key row's label that gives a colour's initial with the colour ("B (Blue)", "Blue (B)", "G – Green")
_INITIAL_AND_COLOUR = re.compile(r"(?P<initial>[A-Z])\s*(?:\(|[-–—:=]\s*)\s*(?P<colour>" + _COLOURS + r")\)?"
                                 r"|(?P<colour2>" + _COLOURS + r")\s*\(\s*(?P<initial2>[A-Z])\s*\)?", re.I)


# a status tag in square brackets, as slide decks and trackers mark each item: "[Delivered]", "[On track –
# Q4 2024/25]", "[Not delivered]"
_TAG = re.compile(r"\[([^\[\]]{2,40})\]")


def tagged_status(text: str) -> str | None:
    """The status an item's square-bracketed tag gives ("Care home record view [Delivered]" -> "Delivered";
    "[On track – Q4 2024/25] Remote monitoring" -> "On track – Q4 2024/25"), when it has one tag that
    opens with a status word; or the status phrase a dash sets apart at its start or end, after a
    review's mark or none ("✓ Achieved — Safewards on every ward", "A yearly health check — → Carried
    forward"); None otherwise (a reference in brackets, "[formerly 2.3]", is none; so is a timescale at
    the end, "Review the policy – Ongoing")."""
    tags = [m.group(1).strip() for m in _TAG.finditer(text) if status_phrase_head(m.group(1))]
    if len(tags) == 1:
        return tags[0]
    if tags:
        return None
    for dashed in (_DASH_TAG_LEAD.match(text.strip()), _DASH_TAG_TAIL.search(text.strip())):
        if dashed and status_phrase(dashed.group("s")) and progress_of(dashed.group("s")) \
                and not is_timescale(dashed.group("s")):
            return dashed.group("s")
    return None


_TIMESCALE_WORDS = frozenset({"ongoing", "on-going", "on going", "continuous", "continuing", "annually", "annual"})


def is_timescale(phrase: str) -> bool:
    """Whether a status phrase reads as a timescale too ("Ongoing", "On-going – reviewed annually")."""
    norm = phrase.strip().lower()
    return re.split(r"[\s:;,.–—-]+", norm)[0] in _TIMESCALE_WORDS or norm.startswith(("on-going", "on going"))


# A status phrase set apart by a dash at an item's start or end, after the review's mark if any.
_MARKS = r"(?:[^\w\s(\[£$€%'\"“‘-]{1,2}\s*)?"
_DASH_TAG_LEAD = re.compile(rf"{_MARKS}(?P<s>[A-Za-z][A-Za-z -]{{2,30}}?)\s+[—–-]\s+\S")
_DASH_TAG_TAIL = re.compile(rf"\S\s+[—–-]\s+{_MARKS}(?P<s>[A-Za-z][A-Za-z -]{{2,30}}?)\.?$")


def status_phrase_head(text: str) -> str | None:
    """The status word a key's meaning opens with ("Complete: the action has been delivered" ->
    "Complete"), or None when it opens with none."""
    return status_phrase(re.split(r"\s*(?:[:;.(–—=]|\s-\s)", text.strip(" *"), maxsplit=1)[0])


def rating_key_entries(text: str, row_label: str | None = None) -> dict[str, str]:
    """The codes a block defines as a rating key, code -> status word: a key table's row (its first
    cell `row_label` the code, its text opening with the status word: "Delivered: the action has been
    completed"), or a key written in a line ("1 = Delivered; 2 = Progressing").  A colour is a code
    too, kept in lower case ("Blue – complete; Green – on track": blue -> complete)."""
    if row_label is not None:
        code = row_label.strip(" *()")
        initial = _INITIAL_AND_COLOUR.fullmatch(code)
        if initial:  # "B (Blue)": the key defines the colour and the letter a rating cell may give alone
            letter = (initial.group("initial") or initial.group("initial2")).upper()
            entries = rating_key_entries(text, initial.group("colour") or initial.group("colour2"))
            phrase = status_phrase_head(text)
            return {**entries, letter: phrase} if entries and phrase else {}
        colour = _BARE_COLOUR.fullmatch(code)
        if colour or re.fullmatch(_CODE, code):
            phrase = status_phrase_head(text)
            if not phrase:
                return {}
            return {colour.group(1).lower().replace("gray", "grey"): text.strip(" *")} if colour else {code: phrase}
        return {}
    out: dict[str, str] = _colour_key_entries(text)
    if out:
        return out
    # (key lines set without a blank line between them run into one block: each mark its entry)
    marks = {m.group(1): phrase for m in _MARK_KEY.finditer(text) if (phrase := status_phrase(m.group(2)))}
    if marks:
        return marks
    for m in _KEY_ENTRY.finditer(text):
        phrase = status_phrase(m.group(2))
        if phrase:
            out[m.group(1)] = phrase
    return out or _prose_key_entries(text)


# A key written as a sentence, its codes defined by what each means, one after another: "The status codes
# are: C means that the action has been completed; IP that it is in progress; NS that work on it had not
# started; and W that it was withdrawn."  The first entry names its verb ("means", "shows", "stands for"),
# the others may leave it out; each meaning is a clause whose stated status is the code's (`stated_status`).
_PROSE_KEY_ENTRY = re.compile(r"^(?:and\s+)?(?P<code>[A-Z]{1,3}|\d)\s+(?P<verb>(?:means?|shows?|indicates?|denotes?|"
                              r"stands?\s+for|is\s+used\s+(?:for|when))\s+)?(?:that\s+)?(?P<meaning>\S.*)$")


def _prose_key_entries(text: str) -> dict[str, str]:
    """The codes a sentence defines one after another (`_PROSE_KEY_ENTRY`), code -> the status its
    meaning states; {} unless two or more are defined and the first by its verb."""
    out: dict[str, str] = {}
    for n, part in enumerate(re.split(r";\s*", text.strip().rstrip("."))):
        # (the first entry after the lead-in, "The codes are: C means ...", and the last before what follows
        # the key, "... and W that it was withdrawn. An asterisk shows ...")
        pieces = re.split(r"(?<=[.:])\s+", part.strip())
        part = pieces[-1] if n == 0 else pieces[0]
        m = _PROSE_KEY_ENTRY.match(part)
        if m is None or not out and not m.group("verb"):
            continue
        status = stated_status(m.group("meaning")) or status_phrase_head(m.group("meaning"))
        if status:
            out[m.group("code")] = status
    return out if len(out) >= 2 else {}


def keyed_status(value: str | None, key: dict[str, str]) -> str | None:
    """A rating cell given as a code ("2", "1 (ongoing)") read through the document's key: the key's
    status word, with the cell as written after it ("Progressing (2)"), which `progress_of` reads.
    None when the cell is no code of the key, or the key defines fewer than two codes (one line
    "1: Delivered" is no key)."""
    if not value:
        return None
    # (a colour with the share done or a note in brackets beside it reads by its colour: "Green (100%)",
    # "Grey (n/a)", when the key says the colour decides)
    colour = _BARE_COLOUR.fullmatch(value) or _BARE_COLOUR.fullmatch(re.sub(r"\s*\([^()]*\)\s*$", "", value))
    if colour:
        # a bare colour reads by the document's colour key, when it printed one of two colours or more
        name = colour.group(1).lower().replace("gray", "grey")
        colours = [k for k in key if _BARE_COLOUR.fullmatch(k)]
        return f"{key[name]} ({value.strip()})" if name in key and len(colours) >= 2 else None
    if len(key) < 2:
        return None
    # several status fields of the row ("67%; ●", a share done and a mark): the coded field is read by
    # the key, the others as they are, and progress_of weighs the parts
    for part in value.split(";"):
        m = _CODED.match(part.strip())
        if m and m.group(1) in key and not progress_of(part):
            return f"{key[m.group(1)]} ({value.strip()})"
    return None
