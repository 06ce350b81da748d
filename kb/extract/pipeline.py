"""From layout blocks to commitment records: units, decisions, dates, owners, themes, targets, links.

A unit is what one commitment can be: a sentence of a paragraph, a list item, one item of a table
cell, an infographic fragment.  Each unit is classified (kb.extract.classify); accepted units become
`Commitment`s with their due dates (explicit phrases first, then the dates their heading, column or
row sets), owners, themes and targets.  Past-tense units are kept as `evidence` records for
traceability but are not exported as commitments.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from kb.extract.classify import (
    Decision,
    cell_role,
    clause_text,
    dated_i_statement,
    decide,
    earlier_decision,
    future_dated_entry,
    in_brackets,
    needs_clause,
    past_dated_entry,
    state_dated_ahead,
)
from kb.extract.confidence import with_owner
from kb.extract.dates import (
    DateMatch,
    Period,
    Timescales,
    date_cell_tail,
    doc_period,
    field_dates,
    find_dates,
    has_start_end_cells,
    is_date_cell,
    timescale_key,
)
from kb.extract.lexicon import ACTION_ADJECTIVES, ACTION_NOUNS, ACTION_VERBS, is_gerund_action
from kb.extract.nlp import parse, parse_many, split_sentences
from kb.extract.owners import SECTION_LEAD, OwnerGazetteer
from kb.extract.targets import targets_for
from kb.extract.themes import themes_for
from kb.layout.fields import (
    former_numbers,
    keyed_status,
    label_role,
    progress_of,
    rating_key_entries,
    section_status,
    tagged_status,
)
from kb.layout.markup import words
from kb.layout.parse import ENUMERATED
from kb.layout.structure import HEADER_ROW_LEVEL
from kb.model import Block, Commitment, Document, DueDate
from kb.trace.reports import progress_note_statuses

_LONG_ITEM_WORDS = 70
# A list item or cell longer than one quotable passage (about 250 characters, two lines of print) that
# holds several sentences is a paragraph in a list: each sentence is read alone, as in a paragraph, so
# that "Work was ongoing. Recent efforts included ..." is not judged by its first sentence only.
_LONG_ITEM_CHARS = 250
OWNER_BATCH = 1000  # records whose owners are found in one spaCy pass (texts + intros < the parse cache)
_PAST_VERB = re.compile(r"\b(?:was|were|had|has been|have been|took|began|saw|\w+ed)\b", re.I)
_FORWARD_NEAR = re.compile(r"\b(?:will|to be|shall|would|planned|expected|due)\b", re.I)
_BASELINE = re.compile(r"^\W*(?:baseline|levels?|position|figures?|outturn|rates?)\b", re.I)
_BASELINE_BEFORE = re.compile(r"(?:against|compared (?:to|with)|since|from|between|than|in)\s+(?:the\s+)?$", re.I)
_BASELINE_NAMED = re.compile(r"\bbaseline(?:\s+(?:year|period|of|in|from|for|date))?\s*(?:the\s+)?[:(]?\s*$", re.I)
_SINCE = re.compile(r"^(?:since|ever since)\b", re.I)


def commitment_id(doc_id: str, text: str, occurrence: int) -> str:
    """Stable id: the document id and the normalised text (and which repeat of that text it is)."""
    norm = _folded(text)
    digest = hashlib.sha1(f"{doc_id}\n{norm}\n{occurrence}".encode()).hexdigest()[:10]
    prefix = re.sub(r"[^a-z0-9]", "", doc_id.lower())[:8]
    return f"{prefix}-{digest}"


_OPENING_DATE_AT = 3  # a date phrase starting this near the start opens the sentence ("By 2028, ...")


def due_dates(text: str, block: Block, doc_date: date | None, period: Period | None = None,
              timescales: Timescales | None = None) -> list[DueDate]:
    """The unit's due dates: its own timescale field ("When:", a Timescale column) first, then the
    explicit date phrases that schedule it, else the dates its heading, column or row set.

    A timescale field that names no date ("Ongoing", "TBC", "Short term") leaves the item undated:
    the plan has said when, and it is not the heading's period.
    """
    field = block.fields.get("due")
    from_field = field_dates(field, doc_date, period, timescales) if field else None
    found = [m for m in find_dates(text, doc_date, period, timescales) if not _is_past_or_baseline(m, text, doc_date)]
    if from_field and not (found and found[0].start_char <= _OPENING_DATE_AT):
        return _dedupe(from_field)
    explicit = [m.due for m in found]  # a sentence that opens with its deadline ("By 2028, ...") says it best
    if explicit:
        return _dedupe(explicit)
    if field:
        return []  # the item has its own timescale ("Ongoing", "Short term"): not the heading's period
    return list(block.scope_dates)


_CONTRACT_START = re.compile(
    r"\bcontracts?\s+(?:commencement|start(?:\s+date)?|go[- ]live|(?:will\s+)?(?:commence|start|begin)s?)\b|"
    r"\b(?:commencement|start)\s+of\s+the\s+(?:new\s+)?contracts?\b", re.I)


def contract_period(blocks: list[Block], doc_date: date | None) -> Period | None:
    """Where a document that covers no plan period states when its contract starts ("Contract
    commencement | April 18", "the new contract will start on 1 April 2018"), contract years
    ("in year one", "by Year 3") count from there."""
    for block in blocks:
        if not _CONTRACT_START.search(block.text):
            continue
        starts = [m.due.start for m in find_dates(block.text, doc_date) if m.due.start]
        starts += [d.start for d in block.scope_dates if d.start]
        if block.fields.get("due"):
            starts += [d.start for d in field_dates(block.fields["due"], doc_date) or () if d.start]
        if starts:
            return date.fromisoformat(starts[0]), None
    return None


def _dedupe(dues: Iterable[DueDate]) -> list[DueDate]:
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for d in dues:
        if (d.start, d.end) not in seen:
            seen.add((d.start, d.end))
            out.append(d)
    return out


def _is_past_or_baseline(m: DateMatch, text: str, doc_date: date | None) -> bool:
    """A date that describes the past or a baseline is not a due date.

    "since 2015", "(2015/16 baseline)", "against the 2016/17 baseline" never are.  A closed date
    that is not ahead of the document (or in a document of unknown date) is past when the verb of
    its own clause is past or perfect ("fell ... in 2012", "was launched in 2015"), and forward when
    that verb has a modal or an infinitive ("would be brought back in March 2018").
    """
    after = text[m.end_char:m.end_char + 40]
    before = text[max(0, m.start_char - 25):m.start_char]
    if _SINCE.match(m.due.text):
        return True
    if (_BASELINE.match(after) or _BASELINE_NAMED.search(before)) and not m.open_start:
        return True
    if m.due.end is None or m.open_start or has_start_end_cells(m.due.text):
        return False  # (a row's Start and End cells schedule it, whenever they fall: not a past report)
    if doc_date is not None and m.due.end >= _month_after(doc_date).isoformat():
        return False  # ahead of the document (its date is known to the month only)
    if doc_date is not None and m.due.end >= doc_date.isoformat():
        return clause_tense(text, m.start_char, m.end_char) == "past"
    if doc_date is not None and _BASELINE_BEFORE.search(before):
        return True
    tense = clause_tense(text, m.start_char, m.end_char)
    if tense is not None or doc_date is None:
        return tense == "past"
    window = text[m.end_char:m.end_char + 60]
    past = _PAST_VERB.search(window)
    forward = _FORWARD_NEAR.search(window)
    if past and (not forward or past.start() < forward.start()):
        return True
    return not _FORWARD_NEAR.search(text)


def _month_after(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


# A past participle after its noun ("the meeting held on ...") is past, unless it plans ahead.
_PLANNING = {"plan", "schedule", "propose", "expect", "arrange", "intend", "due", "set", "timetable", "programme"}
_MODAL_TAGS = {"MD", "TO"}
_HAVE = {"have", "has", "had", "'ve"}


def clause_tense(text: str, start: int, end: int) -> str | None:
    """"past" or "future" for the verb that governs the words text[start:end], from the trained
    parse; None when no verb governs them or its tense says neither (present, a bare noun phrase).

    Past: a simple past ("fell"), a perfect ("have risen"), a past passive ("was launched").
    Future: a modal ("will", "would", "should"), an infinitive ("to deliver"), an imperative.
    """
    doc = parse(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in _MODAL_TAGS for a in auxes):
        return "future"
    if tok.tag_ == "VBG" or any(a.lower_ == "being" for a in auxes):
        return None  # progressive ("plans were being drawn up"): work under way, not a past event
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and any(a.lower_ in _HAVE for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and not auxes and tok.lemma_ not in _PLANNING:
        return "past"
    if tok.tag_ == "VB" and tok.i == span.sent.start:
        return "future"  # an imperative
    return None


def _with_date_cells(sentences: list[str]) -> list[str]:
    """A "sentence" that is only a date or a timescale ("Oct-22", "March 2024", "Ongoing") is the
    date cell of the table row it ends, run into the row's text by the export ("... in all depots.
    Oct-22"): it belongs to the sentence before it, not to a unit of its own."""
    out: list[str] = []
    for s in sentences:
        if out and (is_date_cell(s) or _row_cells(s) and not has_start_end_cells(out[-1])):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _row_cells(sentence: str) -> bool:
    """A "sentence" that is the rest of a table row after its action's full stop, the row's Start and
    End cells among its other cells ("... the food waste round. Waste Team Districts Jun-23 Dec-25 B2"): no
    action of its own (it does not open with one), so it is the row's, not a unit."""
    first = re.match(r"[A-Za-z-]+", sentence)
    return has_start_end_cells(sentence) and not (first and first.group(0).lower() in ACTION_VERBS | ACTION_NOUNS)


def _row_date_first(units: list[str]) -> list[str]:
    """A table row of several sentences whose date cell the export ran into its end ("Request impact
    assessments. These will be reviewed at the Local Plan review.Jun-21"): the date is the row's,
    that is its action's, which the row states first; the sentences after it explain it."""
    if len(units) < 2:
        return units
    at = date_cell_tail(units[-1])
    if at is None:
        return units
    return [f"{units[0]} {units[-1][at:].strip()}", *units[1:-1], units[-1][:at].rstrip()]


# A sentence after an action that opens by pointing back at it explains it ("This will include a focus
# on ...", "These could include: ...", "This measure is intended to ..."): no undertaking of its own.
_REFERS_BACK = re.compile(r"^(?:This|These|It|Such)(?:\s+(?:measure|action|work|approach|project|programme)s?)?"
                          r"\s+(?:will|would|could|may|might|can|is|are)\b")


def _action_item(block: Block) -> bool:
    """The action of a label-value block or of a row read as one ("What: ...", a spaced table's
    Action cell): like a list item, one action that may go on with sentences explaining it."""
    return block.kind == "cell" and (block.row_key or "").startswith("action:")


def _units(block: Block) -> list[str]:
    if block.kind == "paragraph" or (block.kind in ("list_item", "cell") and len(words(block.text)) > _LONG_ITEM_WORDS):
        units = _row_date_first(_with_date_cells(split_sentences(block.text)))
    elif (block.kind == "list_item" or _action_item(block)) and len(block.text) > _LONG_ITEM_CHARS \
            and len(split_enumeration(block.text)) == 1:  # a run of actions is split as one (below)
        units = _row_date_first(_with_date_cells(split_sentences(block.text)))
        if _action_item(block):  # "This will include ...", "This could include: ...": the action explained
            units = units[:1] + [u for u in units[1:] if not _REFERS_BACK.match(u)]
    else:
        units = [block.text]
    units = [part for u in units for part in split_resolutions(u)]
    if block.kind in ("paragraph", "list_item", "cell", "fragment"):
        units = [part for u in units for part in split_pledges(u)]
    if block.kind in ("cell", "list_item", "fragment", "paragraph"):
        units = [part for u in units for part in split_enumeration(u)]
    if block.kind in ("paragraph", "fragment"):
        units = [_without_glued_label(part) for u in units for part in _glued_cells(u)]
    return units


def _glued_cells(unit: str) -> list[str]:
    """The unit cut where a cell runs into the next one (`_GLUED_STOP`), unless a later cell holds a
    date: then the row stays whole, its timescale cell with its action."""
    parts = _GLUED_STOP.split(unit)
    if len(parts) > 1 and any(find_dates(p, None) for p in parts[1:]):
        return [unit]
    return parts


# A table printed flat by a PDF-to-text tool runs one cell into the next without a space: a sentence's
# full stop straight before the next cell's capital ("... to act.Housing Team Council, schools")
_GLUED_STOP = re.compile(r"(?<=[a-z)\]]\.)(?<!\bwww\.)(?=[A-Z][A-Za-z])")  # (not a web address: "www.NameHub.org")
# ... and a row's label cell into the action after it ("Food wasteReduce ...", "Outreach HubsB2 Open ..."):
# a lower-case letter straight before a capitalised action verb, or before an action's code and its verb
_GLUED_LABEL = re.compile(r"^(?P<label>[A-Z][\w ,&'’/-]{0,80}?[a-z])(?P<rest>(?:[A-Z&]{1,4}\d{1,2}[a-z]?\s+)?"
                          r"(?P<verb>[A-Z][a-z]+)\b.*)$", re.S)


def _without_glued_label(unit: str) -> str:
    """The unit without a row label run into its start (see `_GLUED_LABEL`), when what follows the
    join opens with an action verb and the label reads as a few words."""
    m = _GLUED_LABEL.match(unit)
    if m is None or m.group("verb").lower() not in ACTION_VERBS:
        return unit
    label = m.group("label").split()
    if len(label) > _GLUED_LABEL_WORDS or len(label[-1]) < _GLUED_WORD_LETTERS:
        return unit  # (a brand written in one word, "OneDrive", is no label and its action)
    return m.group("rest")


_GLUED_LABEL_WORDS = 8
_GLUED_WORD_LETTERS = 4


_GROUP_LABEL_WORDS = 8  # a group's label ("Fleet", "Buildings and energy") is a title, not a sentence
# a numbered title (kb.layout.parse.ENUMERATED: "Priority 1: Reduce harm from falls on our wards") may be longer
_GROUP_TITLE_WORDS = 16
# The labels a plan repeats inside each priority or theme to set out its parts: a question word
# opening a short label (why it was chosen, how it will be done or measured) or a part's name (actions,
# measures, milestones, risks): parts of the group, whose lead they do not end.
_QUESTION_WORD = re.compile(r"(?:how|why|what|when|where|who)\b", re.I)
_PART_LABEL = re.compile(
    rf"^(?:{_QUESTION_WORD.pattern}.*|(?:our |key |planned |the )?(?:actions?|measures?|milestones?|"
    r"deliverables?|outcomes?|aims?|objectives?|rationale|background|context|progress|success measures?|"
    r"measures? of success|next steps|timescales?|risks?|resources?|monitoring|reporting)(?: (?:for|in) \S+)?)\W*$",
    re.I)
_RESOLVED = re.compile(r"^(?:\(?\w{1,3}[.)]\s+)?resolved\b", re.I)
_NEXT_RESOLUTION = re.compile(r";\s*(?:and\s+)?(?=that\b)", re.I)


# Kinds of document that report a meeting in the past tense (kb.sources.metadata.KINDS).
REPORTING_KINDS = frozenset({"minutes", "board papers"})


def _folded(text: str) -> str:
    return " ".join(words(text.lower()))


def split_resolutions(text: str) -> list[str]:
    """A minute that resolves several things ("RESOLVED that X; and that Y") makes one decision of
    each: minutes join a meeting's resolutions with "; (and) that"."""
    if not _RESOLVED.match(text):
        return [text]
    return [p.strip() for p in _NEXT_RESOLUTION.split(text) if p.strip()]


# Two pledges joined by a semicolon, each with its own doer and modal ("we will commission X; and we will
# publish Y", "The council will ...; the trust will also ..."): the second opens a clause of its own, in the
# active ("...; the remainder will be rehoused nearby" goes on with the same pledge).
_NEXT_PLEDGE = re.compile(r"(?<=;)\s+(?=(?:and\s+|also\s+)*(?:we|they|the\s+[a-z][\w'’&-]*(?:\s+[A-Za-z][\w'’&-]*){0,5}|"
                          r"[A-Z][\w'’&-]*(?:\s+(?:of|and|&|for)?\s*[A-Z][\w'’&-]*){0,5})(?:\s+also)?\s+(?:will|shall)\s+(?!be\b)\w)")
_PLEDGE = re.compile(r"\b(?:will|shall)\b", re.I)


def split_pledges(text: str) -> list[str]:
    """A sentence of two pledges joined by a semicolon ("we will resurface the car park; and we will
    open a café"), each its own commitment: two things promised, that a review reports on
    apart.  Only where the part before the semicolon pledges too (a modal of its own): "Funding is
    short; we will bid again" is background and one pledge, split by the sentence reader if at all."""
    parts: list[str] = []
    start = 0
    for m in _NEXT_PLEDGE.finditer(text):
        head = text[start:m.start()]
        if _PLEDGE.search(head):
            parts.append(head.strip())
            start = m.end()
    parts.append(text[start:].strip())
    parts = [re.sub(r"^and\s+", "", p) for p in parts if p]
    return parts if len(parts) > 1 else [text]


# A label that dates what follows it on its line: "Year 2 (2022/23): we will ...", "By March 2023: ..."
_DATED_LABEL = re.compile(r"^([^:;.]{2,40}):\s")


def _lend_label_date(block_records: list[tuple[int, Commitment]], units: list[str], doc_date: date | None,
                     period: Period | None, scales: Timescales | None) -> None:
    """The pledges `split_pledges` cut from one sentence share the date its opening label gives
    ("Year 2 (2022/23): we will X; and we will Y": Y is due in 2022/23 too)."""
    by_unit = dict(block_records)
    label_due: list[DueDate] = []
    for k, unit in enumerate(units):
        joined = k > 0 and units[k - 1].endswith(";")
        if not joined:
            m = _DATED_LABEL.match(unit)
            label_due = _dedupe([d.due for d in find_dates(m.group(1), doc_date, period, scales)]) if m else []
            continue
        r = by_unit.get(k)
        if r is not None and label_due and not r.due and r.kind != "evidence":
            r.due = list(label_due)


_ENUM_BOUNDARY = re.compile(r"[,;]\s+(?:and\s+)?(?=([a-z][a-z'-]+)\b)")


# Participles that work as prepositions ("..., including X"): they open a qualification, not an action.
_PREPOSITION_LIKE = frozenset("including excluding following according regarding concerning depending involving "
                              "considering notwithstanding".split())


def _is_action_word(word: str) -> bool:
    return (word in ACTION_VERBS or word in ACTION_NOUNS or is_gerund_action(word)
            or word in ACTION_ADJECTIVES) and word not in _PREPOSITION_LIKE


def _opens_with_action(text: str) -> bool:
    """The run's first part is itself an action (after a label such as "Next steps:")."""
    first = words(text.split(":", 1)[1] if ":" in text[:40] else text)
    return bool(first) and _is_action_word(first[0].lower())


def split_enumeration(text: str) -> list[str]:
    """Split a run of comma-separated actions ("review X, complete Y, develop Z") into its actions.

    Only when at least three parts each open with an action word (the first too) and the sentence
    has no modal subject: "We will develop X, review Y" stays whole.
    """
    if re.search(r"\b(?:will|shall|we|our)\b", text, re.I):
        return [text]
    cuts = [m for m in _ENUM_BOUNDARY.finditer(text) if _is_action_word(m.group(1))]
    if len(cuts) < 2 or not _opens_with_action(text):
        return [text]  # "The service helped people getting active, eating well, ...": one sentence
    parts, start = [], 0
    for m in cuts:
        parts.append(text[start:m.start()].strip(" ,;"))
        start = m.end()
    parts.append(text[start:].strip(" ,;."))
    return [p for p in parts if p]


def key_text(blocks: Iterable[Block]) -> str:
    """The document's text as its timescale key is read from it (kb.extract.dates.timescale_key): a key
    table's row keeps its label, the letter the key gives the term ("S" before "Short term: ...")."""
    return "\n".join(f"{b.row_label}\t{b.text}" if b.kind == "cell" and b.row_label and len(b.row_label) <= 6
                     else b.text for b in blocks)


def extract(doc: Document, gazetteer: OwnerGazetteer | None = None,
            progress: Callable[[int, int], None] | None = None) -> list[Commitment]:
    """All commitment (and evidence) records of a document, in reading order.  `progress(done,
    total)` hears of the blocks done (a long file shows progress, not only a long silence)."""
    doc_date = doc.meta.doc_date()
    period = doc_period(doc.meta.period_start, doc.meta.period_end) or contract_period(doc.blocks, doc_date)
    text = "\n".join(b.text for b in doc.blocks)
    extractor = Extractor(doc, gazetteer, text, period, timescale_key(key_text(doc.blocks), doc_date, period))
    return extractor.records(doc.blocks, progress, len(doc.blocks))


class Extractor:
    """`extract` for a document that arrives in pieces (kb.sources.stream): what a record needs
    from the whole document is given up front (the text the owner finder learns the document's
    acronyms and bodies from, the plan or contract period), what runs on from block to block is
    kept here (how often each text has occurred, for the record ids; an open resolution), and
    each piece's trained parses are dropped with it, so memory follows the piece, not the file.
    Pieces that break only between blocks give the records of the whole document."""

    def __init__(self, doc: Document, gazetteer: OwnerGazetteer | None, text: str | None, period: Period | None,
                 timescales: Timescales | None = None):
        """`text`: the whole document's text, which the owner finder learns the document's acronyms
        and bodies from; None when `gazetteer` is already the document's (`for_document`: a piece
        extracted in a worker process, kb.ingest)."""
        # per document: its own acronyms, the bodies it names, the gazetteer's short aliases only in its area
        self.gazetteer = (gazetteer or OwnerGazetteer()).for_document(text) if text is not None else gazetteer
        self.doc, self.period = doc, period
        self.timescales = timescales or {}  # the plan's own key to "short/medium/long term" (whole document)
        self.author = doc.meta.organisation or None
        self.doc_date = doc.meta.doc_date()
        self.occurrences: Counter[bytes] = Counter()
        self.title = _folded(doc.meta.title or "")
        self.reported_speech = doc.meta.kind in REPORTING_KINDS
        self.in_resolution = False
        self.group_fields: dict[str, str] = {}  # the Lead / Timescale of the group label above (see _with_group_fields)
        self.group_section: tuple[str, ...] = ()  # the section that label sits in
        self.group_part = False  # a part label of the group ("How we will achieve this") came since
        self.resolution_level = -1  # the list depth of a resolution that is itself a list item
        self.blocks_done = 0
        # the first block of the line before the current one, and of the current line, with its text
        # when it names something rather than says it (what an indicator's values below it are of)
        self.previous_line = _LineName(None, None)
        self.current_line = _LineName(None, None)
        # sections whose text names who leads their work ("The leadership for this resides with X"):
        # heading path -> that sentence, for the items under it that name no owner of their own
        self.section_leads: dict[tuple[str, ...], str] = {}
        self.note_statuses: dict[str, str] = {}  # an update's text -> the status it states (`_note_status`)
        # a section lead that its section ends on, and then the parent of the sibling sections it
        # leads (see _note_section_lead)
        self.lead_ending: tuple[tuple[str, ...], str] | None = None
        self.lead_carried: tuple[tuple[str, ...], str] | None = None
        # the document's key to its rating codes ("1 = Delivered"), as far as read (see _note_rating_key)
        self.rating_key: dict[str, str] = {}

    def _note_status(self, update: str) -> str:
        """The status an action's update states in its words when its row prints none ("Initial list
        under development" -> "in progress (read from its update)", kb.trace.reports.progress_note_statuses):
        a review whose status is a graphic the text does not hold (a progress bar) still reports it."""
        if update not in self.note_statuses:
            self.note_statuses[update] = progress_note_statuses([update])[0]
        return self.note_statuses[update]

    def _section_lead(self, section: tuple[str, ...]) -> str | None:
        """The sentence naming who leads the work of this section or of the nearest section above it."""
        for k in range(len(section), 0, -1):
            lead = self.section_leads.get(section[:k])
            if lead is not None:
                return lead
        return None

    def state(self) -> tuple:
        """What runs on from one block to the next besides the record ids' counts: an open
        resolution (and its list depth), the blocks done and the sections' leads.  A piece
        extracted on its own (in a worker process, kb.ingest) starts from the state the blocks
        before it leave, which `skip` computes without extracting anything."""
        return (self.in_resolution, self.resolution_level, self.blocks_done, dict(self.section_leads),
                dict(self.rating_key), self.lead_ending, self.lead_carried,
                (dict(self.group_fields), self.group_section, self.group_part))

    def resume(self, state: tuple) -> None:
        self.in_resolution, self.resolution_level, self.blocks_done, leads, key, self.lead_ending, \
            self.lead_carried, (group, self.group_section, self.group_part) = state
        self.group_fields = dict(group)
        self.section_leads = dict(leads)
        self.rating_key = dict(key)

    def skip(self, blocks: list[Block]) -> None:
        """Move past `blocks` as `records` would, reading no text (no parse, no records)."""
        for block in blocks:
            self.blocks_done += 1
            if not self._opens_resolution(block):
                self._note_section_lead(block)
                if not (block.kind == "heading" and block.level == HEADER_ROW_LEVEL):
                    self._with_group_fields(block)  # (`records` reads no header row's fields either)
                self._note_rating_key(block)
                self._close_resolution(block)

    def _note_section_lead(self, block: Block) -> None:
        """Note the sentence that says who leads a section's work.  One its section ends on, the
        next heading at once of the same level ("Recommendations" / "Below is a list of
        recommendations for X" / "Access" / items / "Waiting times" / items: sub-headings a text
        export printed at their parent's level), leads the sibling sections after it whose text is
        a list, up to one that opens with prose or a heading above them."""
        if block.kind == "heading" and block.level == HEADER_ROW_LEVEL:
            return  # a table's header row (`records` passes none here; `skip` must agree)
        if block.kind == "paragraph" and (lead := SECTION_LEAD.search(block.text)) is not None:
            sentence = block.text[max(0, block.text.rfind(".", 0, lead.start()) + 1):]
            self.section_leads[block.section] = sentence
            self.lead_ending, self.lead_carried = (block.section, sentence), None
            return
        ending, self.lead_ending = self.lead_ending, None
        if block.kind == "heading":
            if ending is not None and ending[0] and block.section == ending[0][:-1]:
                self.lead_carried = (block.section, ending[1])
            elif self.lead_carried is not None and len(block.section) < len(self.lead_carried[0]):
                self.lead_carried = None
            return
        if self.lead_carried is None:
            return
        parent, sentence = self.lead_carried
        if len(block.section) <= len(parent) or block.section[:len(parent)] != parent:
            self.lead_carried = None
            return
        sibling = block.section[:len(parent) + 1]
        if sibling in self.section_leads:
            return
        if block.kind == "list_item":
            self.section_leads[sibling] = sentence
        else:
            self.lead_carried = None

    def _note_rating_key(self, block: Block) -> bool:
        """Learn the codes of a rating key this block defines ("1 = Delivered", a `Rating / Meaning`
        row, whose code column may read as a status column), for the rating cells after it that give
        the code alone (kb.layout.fields.keyed_status).  True when the block is part of a key."""
        if block.kind not in ("paragraph", "list_item", "cell", "fragment"):
            return False
        status = block.fields.get("status")
        if status is not None and status.strip(" *") != (block.row_label or "").strip(" *"):
            return False  # a rated row, not the key's
        entries = rating_key_entries(block.text, block.row_label if block.kind == "cell" else None)
        self.rating_key.update(entries)
        return bool(entries)

    def _with_rating_key(self, block: Block) -> Block:
        """A rating cell that gives a code of the document's key ("2") reads as the key's word
        ("Progressing (2)")."""
        keyed = keyed_status(block.fields.get("status"), self.rating_key)
        if keyed is None:
            return block
        return dataclasses.replace(block, fields={**block.fields, "status": keyed})

    def _note_line_name(self, block: Block, n_units: int) -> None:
        """Keep the text of a line's first block (or its row's label) when it names something (one
        unit, short, no full stop or colon at its end): what the values on the next line are of."""
        line, name = self.current_line
        text = block.row_label or block.text  # (a row's label cell is no block: its other cells carry it)
        if name is None and block.line == line and block.kind in ("paragraph", "heading", "cell") \
                and (n_units == 1 or block.row_label) and len(words(text)) <= _NAME_LINE_WORDS \
                and not text.rstrip().endswith((".", ":")):
            self.current_line = _LineName(line, text)

    def _opens_resolution(self, block: Block) -> bool:
        """Follow a board resolution's extent; True for the "RESOLVED that:" block itself (no record)."""
        if block.kind == "heading":
            self.in_resolution = False
        if block.kind == "list_item" and self.in_resolution and block.level <= self.resolution_level:
            self.in_resolution = False  # the next numbered minute after the resolution's own sub-items
        if block.kind in ("paragraph", "list_item") and re.match(r"^resolved that\b.*:$", block.text, re.I):
            self.in_resolution = True  # "RESOLVED that:" as a paragraph, or as a numbered minute ("4. RESOLVED that:")
            self.resolution_level = block.level if block.kind == "list_item" else -1
            return True
        return False

    def _close_resolution(self, block: Block) -> None:
        if block.kind != "list_item" and block.kind != "paragraph":
            self.in_resolution = False

    def _with_group_fields(self, block: Block) -> Block:
        """Action plans head a run of numbered actions with a group's label and its lead or timescale
        on lines of their own ("Fleet" / "Lead: Head of Environmental Services" / "1. Switch ..."): the
        list items under such a label that name no lead or date of their own take the group's, up to
        the next heading or group label.  A priority's numbered title may be longer ("Priority 1:
        Reduce harm from falls on our wards" / "Executive lead: Chief Nurse"), and the parts a plan
        sets out under it ("Why we chose this priority", "How we will achieve this", a line or a title of
        its own) and the prose under those parts do not end its group (other prose does)."""
        if block.kind in ("list_item", "fragment"):
            if self.group_fields:
                return dataclasses.replace(block, fields={**self.group_fields, **block.fields})
            return block
        text = block.text.strip()
        n_words = len(words(text))
        label = block.kind in ("heading", "paragraph") and not block.row_key and not text.endswith((".", ":")) \
            and (n_words <= _GROUP_LABEL_WORDS or n_words <= _GROUP_TITLE_WORDS and ENUMERATED.match(text))
        fields = {k: v for k, v in block.fields.items() if k in ("owner", "due")} if label else {}
        within = block.section[:len(self.group_section)] == self.group_section
        if self.group_fields and not fields and (within or block.kind == "heading"):
            if _PART_LABEL.match(text) and block.kind in ("heading", "paragraph") \
                    and (within or _QUESTION_WORD.match(text)):
                # a part of the group ("How we will achieve this": a line, or a title over what follows;
                # a title naming a part, "Background", only under the group's own section): the group
                # goes on, in the part's section
                self.group_part = True
                if block.kind == "heading":
                    self.group_section = (*block.section, text)
                return block
            if self.group_part and block.kind == "paragraph" and not label:  # the prose of such a part
                return block
        self.group_fields, self.group_section, self.group_part = fields, block.section if fields else (), False
        return block

    def records(self, blocks: list[Block], progress: Callable[[int, int], None] | None = None,
                total: int = 0) -> list[Commitment]:
        """The records of the next blocks, in reading order (`total`: the document's blocks, for
        `progress`).  A table row's records refer to the row's first commitment: a row is never
        split between two calls (a piece ends between blocks, a row is one block's cells)."""
        doc, author, doc_date, period, scales = self.doc, self.author, self.doc_date, self.period, self.timescales
        records: list[Commitment] = []
        intros: list[str | None] = []
        headings: list[str | None] = []  # each record's nearest heading, for owners its intro refers back to
        owner_fields: list[str | None] = []  # the party a Who / Lead / Owner field names
        outer_intros: list[tuple[str, ...]] = []  # the lead-ins above a nested list's intro
        section_leads: list[str | None] = []  # the sentence naming who leads the record's section
        previous: list[str | None] = []  # the sentence before the record's in its paragraph (its subject may refer back)
        row_parents: dict[str, Commitment] = {}
        units_of = [[u.strip() for u in _units(block)] for block in blocks]
        # table rows whose update is a cell of its own (label-value blocks keep it as a field only)
        update_cells = {b.row_key for b in blocks if b.row_key and label_role(b.column or "") == "update"}
        # one trained parse per unit that the classifier will read (noise and list intros need none)
        texts = list(dict.fromkeys(u for us in units_of for u in us if u and needs_clause(u)))
        parsed = dict(zip(texts, parse_many([clause_text(u) for u in texts], entities=False), strict=True))
        for block, block_units in zip(blocks, units_of, strict=True):
            n = self.blocks_done
            self.blocks_done += 1
            if progress is not None and n % 100 == 0:
                progress(n, total)
            if self._opens_resolution(block):
                continue
            if block.kind == "heading" and block.level == HEADER_ROW_LEVEL:
                continue  # a dated column header ("By 2027, except where shown, we will... Owner"): its rows' lead-in
            if block.line != self.current_line.line:
                self.previous_line, self.current_line = self.current_line, _LineName(block.line, None)
            self._note_section_lead(block)
            block = self._with_group_fields(block)
            if not self._note_rating_key(block):
                block = self._with_rating_key(block)
            voiced = _quoted(block_units) if block.kind in ("paragraph", "list_item", "fragment") else [False] * len(block_units)
            block_records: list[tuple[int, Commitment]] = []  # (unit index, record): for a note on their date
            for k, (unit, quoted) in enumerate(zip(block_units, voiced, strict=True)):
                promised = dated_i_statement(unit, doc_date)
                if quoted and not _OUR_PLEDGE.search(unit) and not _QUOTED_AIM.match(unit) and promised is None:
                    continue  # someone's words in quotation marks (a resident's comment in an engagement
                    # report): their view, not an undertaking -- unless they pledge for a body ("We will ..."),
                    # state an aim (a vision quoted as its motto: "To make every street a safe street") or are
                    # an outcome promised by a date ("“I can book online.” (by April 2022)")
                if not unit or _folded(unit) == self.title and not unit.endswith("."):
                    continue  # the document's title (on its cover or as a running title) is a heading;
                    # a one-sentence file's title is its sentence
                decision = promised or decide(unit, block, in_resolution=self.in_resolution and block.kind == "list_item",
                                              doc=parsed.get(unit), reported_speech=self.reported_speech)
                if decision.accept and decision.kind == "decision" and earlier_decision(unit, doc_date):
                    decision = Decision(False, "evidence", reasons=decision.reasons + ["an earlier decision"])
                elif decision.accept and past_dated_entry(unit, block, decision, doc_date):
                    decision = Decision(False, "evidence", reasons=decision.reasons + ["a past date"])
                elif (ahead := state_dated_ahead(unit, decision, doc_date) or
                      future_dated_entry(unit, block, decision, doc_date)) is not None:
                    decision = ahead
                if not decision.accept and not _keep_as_evidence(unit, block, decision) and not reported_status(block):
                    continue  # (a review row, however short, is kept: it carries the status of an action)
                record = _record(doc, block, unit, decision, author, doc_date, self.occurrences, period, scales)
                if decision.route == "indicator target" and self.previous_line.name:
                    # an indicator's values under its name ("Number of people ... (Rolling 12 months)" /
                    # "Latest: 65% Target: 72%"): the name says what the target is of
                    record.context = f"{self.previous_line.name}: {unit}"
                    for earlier in reversed(records[-3:]):  # the name is what is measured, not an action
                        if earlier.line == self.previous_line.line and earlier.text == self.previous_line.name:
                            earlier.kind, earlier.due = "evidence", []
                if not record.reported and (block.kind != "cell" or _PROMISED_HEADER.fullmatch(
                        (block.column or "").strip(" *:"))) and block.fields.get("update"):
                    # (a table's progress column beside its row's commitment, "What we have done", is
                    # movement on the row, not the body's verdict on it: a row's status is its own column's;
                    # but a table whose rows are what was promised before, "We said" / "We did", reviews them)
                    record.reported = self._note_status(block.fields["update"])
                role = cell_role(block)
                if block.timing and block.row_key in row_parents:
                    record.parent_id = row_parents[block.row_key].id  # a step of the row's action, by its date
                elif block.row_key and (role == "commitment" and decision.accept
                                      or record.reported and label_role(block.column or "") == "action"):
                    row_parents.setdefault(block.row_key, record)  # (a review row's action, however short)
                elif block.row_key and block.row_key in row_parents:
                    parent = row_parents[block.row_key]
                    record.parent_id = parent.id  # NEXT STEPS items, and the row's progress kept as evidence
                    if not decision.accept:
                        parent.evidence.append(unit)
                records.append(record)
                block_records.append((k, record))
                intros.append(block.intro)
                headings.append(block.section[-1] if block.section else None)
                owner_fields.append(block.fields.get("owner"))
                outer_intros.append(block.outer_intros)
                section_leads.append(self._section_lead(block.section))
                previous.append(block_units[k - 1] if k and block.kind == "paragraph" else None)
                update = None if block.row_key in update_cells else \
                    _review_update(doc, block, record, doc_date, self.occurrences, period, scales)
                if update is not None:
                    records.append(update)
                    intros.append(None)
                    headings.append(block.section[-1] if block.section else None)
                    owner_fields.append(None)
                    outer_intros.append(())
                    section_leads.append(None)
                    previous.append(None)
            _lend_noted_date(block_records, block_units, doc_date, period, scales)
            _lend_label_date(block_records, block_units, doc_date, period, scales)
            self._note_line_name(block, len(block_units))
            self._close_resolution(block)
        del parsed
        # Owners in batches: one spaCy pass (nlp.pipe) per batch instead of one call per record, and
        # batches no bigger than the gazetteer's parse cache, so a long document neither holds every
        # parse at once (memory) nor sees its batch evicted before it is used (a second parse).
        accepted = [(r, intro, heading, f, o, sl, p) for r, intro, heading, f, o, sl, p in zip(
            records, intros, headings, owner_fields, outer_intros, section_leads, previous, strict=True)
            if r.kind != "evidence"]
        for start in range(0, len(accepted), OWNER_BATCH):
            batch = accepted[start:start + OWNER_BATCH]
            owners = self.gazetteer.owners_of_many([clause_text(r.text) for r, *_ in batch],
                                                   author_org=author,
                                                   intros=[x[1] for x in batch],
                                                   headings=[x[2] for x in batch],
                                                   fields=[x[3] for x in batch],
                                                   outer_intros=[x[4] for x in batch],
                                                   section_leads=[x[5] for x in batch],
                                                   previous=[x[6] and clause_text(x[6]) for x in batch])
            for (r, *_), found in zip(batch, owners, strict=True):
                r.owners = found.names
                r.owner_source = found.source
                # where the owner came from weighs in the confidence (one inherited from a lead-in is weaker)
                r.confidence = with_owner(r.confidence, "inherited" if found.source == "intro" else found.source)
        discount_ocr(records, doc.ocr_pages)
        return records


OCR_CONFIDENCE = 0.7  # records read from a scan by OCR: words may be misread, layout guessed


# A body speaking for itself in a quoted statement (its press statement, its reply to the author):
# "we" or "our ..." with what it will do or has decided or committed to do.  A resident's comment
# speaks of "I" and of what happened to them.
_OUR_PLEDGE = re.compile(r"\b[Ww]e\s+(?:will|shall|have\s+decided\s+to|are\s+committed\s+to|remain\s+committed\s+to|"
                         r"intend\s+to|plan\s+to|are\s+planning\s+to)\b"
                         r"|\b(?:[Aa]ll\s+of\s+)?[Oo]ur\s+(?:[\w-]+\s+){1,3}will\s+(?!not\b|never\b)\w")
_QUOTED_AIM = re.compile(r"\W*to\s+[a-z]", re.I)
# A table column that holds what was promised before, in the past tense: "We said", "You said we would",
# "What we said we would do", "What we promised", "The plan committed to" -- a review's, beside what was done.
_PROMISED_HEADER = re.compile(r"(?:what\s+)?(?:we|you|the\s+(?:plan|strategy))\s+(?:said|promised|committed)"
                              r"(?:\s+(?:we\s+)?(?:would|to)(?:\s+do)?)?", re.I)


def _quoted(units: list[str]) -> list[bool]:
    """Which units stand inside quotation marks (“ ... ”), a quotation that may run over several
    sentences of the block.  A straight mark opening a unit opens one too, closed by either mark at
    a unit's end: exports mix the two ("I can usually get an appointment ... stress.”)."""
    out, depth = [], 0
    for u in units:
        s = u.strip()
        straight = s.startswith('"')
        # (a unit that closes a quotation it did not open is its tail, cut from it by a page or a column)
        out.append(depth > 0 or s.startswith("“") or straight or "”" in s and "“" not in s)
        opens = s.count("“") + straight
        closes = s.count("”") + (depth + opens > s.count("”") and _ENDS_STRAIGHT.search(s) is not None and len(s) > 1)
        depth = max(0, depth + opens - closes)
    return out


_ENDS_STRAIGHT = re.compile(r'"[\s.,;:!?)]*$')  # a straight mark closing a quotation at a unit's end


def discount_ocr(records: list[Commitment], ocr_pages: Iterable[int]) -> None:
    """Records from pages read by OCR carry a lower confidence, so an auditor checks them first."""
    pages = set(ocr_pages)
    for r in records:
        if r.page in pages:
            r.confidence = round(r.confidence * OCR_CONFIDENCE, 3)


def _keep_as_evidence(unit: str, block: Block, decision: Decision) -> bool:
    """Passages that are not commitments but that a trace may need: progress, statistics, background.

    Headings, list intros, contact details and fragments of fewer than five words are left out.
    """
    if block.kind == "heading" or len(words(unit)) < 5:
        return False
    return not any(r in decision.reasons for r in ("noise", "list intro"))


_NAME_LINE_WORDS = 30  # a line that names an indicator, not a sentence of prose


class _LineName(NamedTuple):
    """A line of the source and the text of its first block when that names something, else None."""
    line: int | None
    name: str | None

# An action log's note on its action's date, written after the action in the same paragraph: "The
# completion date has been extended to March 2025", "with the action target date revised to the end
# of the financial year", "(Action Target date: 31/03/25)", "Timescale extended to June".  What the
# note is about: near its start or in brackets (`_note_on_date`).  Not a deadline for something else
# ("the deadline for responses"), nor a sentence of its own that keeps to a timescale ("... taken
# forward in line with the recommended timescales by 2027").
_DATE_NOTE = re.compile(r"\b(?:target|completion|due|delivery|implementation|end)\s+dates?\b(?!\s+(?:for|of)\b)|"
                        r"\b(?:deadline|timescale)s?\s*(?::|(?:has|have|had|was|were|is|are)?\s*(?:been\s+)?"
                        r"(?:extended|revised|moved|changed|amended|put\s+back|deferred|set|now))", re.I)
_NOTE_OPENS_WITHIN = 8  # words: the note's subject, not a phrase deep in a sentence about something else


def _note_on_date(unit: str) -> re.Match[str] | None:
    """Where a unit notes its action's date (`_DATE_NOTE`): near its start, or in brackets."""
    for m in _DATE_NOTE.finditer(unit):
        if len(words(unit[:m.start()])) <= _NOTE_OPENS_WITHIN or in_brackets(unit, m.start()):
            return m
    return None


def _lend_noted_date(block_records: list[tuple[int, Commitment]], units: list[str], doc_date: date | None,
                     period: Period | None, scales: Timescales | None) -> None:
    """Give the actions of a paragraph the date a later sentence of it notes for them (`_DATE_NOTE`):
    the first such note with a date of its own dates every action before it that has none.  The note
    itself is then an account of the action's schedule, not an undertaking of its own: evidence."""
    for n, unit in enumerate(units):
        note = _note_on_date(unit)
        if note is None:
            continue
        found = [m.due for m in find_dates(unit, doc_date, period, scales)
                 if m.start_char >= note.start() and not _is_past_or_baseline(m, unit, doc_date)]
        actions = [r for k, r in block_records if k < n and r.kind != "evidence" and not r.due]
        if not found or not actions:
            continue
        for r in actions:
            r.due = _dedupe(found)
        if not in_brackets(unit, note.start()):
            # (a note in brackets after a sentence of its own, "... told of the change. (Target date: ...)",
            # dates that sentence too, which stays what it was)
            for k, r in block_records:
                if k == n:
                    r.kind, r.due = "evidence", []
        return


def _is_dated_step(d: DueDate, unit: str) -> bool:
    """A due date the text itself names that falls within a year or less ("deploy 2021/22", "by autumn
    2020", "(Q4 2016-17)"): the commitment is a dated step, a milestone.  Bare years ("by 2023")
    and dates inherited from a heading or a column do not make one."""
    if d.text.lower() not in unit.lower() or not d.end or re.fullmatch(r"(?:by |in |before )?(?:19|20)\d{2}", d.text,
                                                                        re.I):
        return False
    start = date.fromisoformat(d.start) if d.start else None
    end = date.fromisoformat(d.end)
    return start is not None and (end - start).days <= 370 or bool(re.search(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|"
                                                                            r"\b(?:Q[1-4]|quarter|autumn|spring|summer|winter|"
                                                                            r"end of)\b", d.text))


def occurrence_key(text: str) -> bytes:
    """What counts as a repeat of a record's text for its id (`commitment_id`'s occurrence): a
    digest of its words, so a long document's every text is not kept for the count."""
    return hashlib.blake2b(" ".join(words(text.lower())).encode(), digest_size=16).digest()


def renumber(records: list[Commitment], doc_id: str, occurrences: Counter[bytes]) -> dict[str, str]:
    """Give records extracted on their own (a piece of a document, with its own count of repeats)
    the ids they have in the whole document, whose repeats before them `occurrences` counts (and
    is brought up to date).  Returns the old id -> new id of every record; parent ids follow (a
    record's parent is in the same piece: a row is never split)."""
    new_ids: dict[str, str] = {}
    for r in records:
        key = occurrence_key(r.text)
        occurrences[key] += 1
        new_ids[r.id] = commitment_id(doc_id, r.text, occurrences[key])
    for r in records:
        r.id = new_ids[r.id]
        if r.parent_id is not None:
            r.parent_id = new_ids.get(r.parent_id, r.parent_id)
    return new_ids


def _record(doc: Document, block: Block, unit: str, decision: Decision, author: str | None,
            doc_date: date | None, occurrences: Counter[bytes], period: Period | None = None,
            timescales: Timescales | None = None) -> Commitment:
    norm = occurrence_key(unit)
    occurrences[norm] += 1
    reported = reported_status(block)
    # An action its own row reports done or superseded is an account of the past, not a commitment
    # (an action log's closed action is no item): evidence, as a trace reads it.
    kind = decision.kind if decision.accept and progress_of(reported) not in ("done", "revised") else "evidence"
    due = due_dates(unit, block, doc_date, period, timescales) if kind != "evidence" else []
    if kind == "commitment" and any(_is_dated_step(d, unit) for d in due):
        kind = "milestone"
    context = block.text if block.kind != "list_item" or not block.intro else f"{block.intro} {block.text}"
    former = former_numbers(block.fields.get("former", "")) if block.kind == "cell" else ()
    if former:
        # a later plan's row carrying on earlier actions ("Replaces | C9"): its passage says which
        context = f"{context} (previously {' and '.join(former)})"
    if block.kind == "cell" and cell_role(block) == "done" and block.column:
        # a progress column's header leads its cells in as a list's lead-in does its items: its tense
        # ("What we have done") tells what a verbless cell reports ("Extended opening hours at ...")
        context = f"{block.column.strip().rstrip(':')}: {context}"
    return Commitment(
        id=commitment_id(doc.meta.id, unit, occurrences[norm]),
        doc_id=doc.meta.id,
        kind=kind,
        text=unit,
        section=" › ".join((*block.section, block.row_label) if block.row_label else block.section),
        page=block.page,
        line=block.line,
        due=due,
        themes=themes_for(unit, block.section),
        targets=targets_for(unit),
        context=context if context != unit else "",
        confidence=decision.confidence,
        position=block.position,
        reported=reported,
    )


def _review_update(doc: Document, block: Block, row: Commitment, doc_date: date | None,
                   occurrences: Counter[bytes], period: Period | None,
                   timescales: Timescales | None = None) -> Commitment | None:
    """The latest update of a review block ("Action: ... Status: ... Update: ..."), as an evidence
    record under its row: what the body says happened is what an auditor reads beside the status.
    (A table's update column gives cells of their own, records already: the caller leaves those.)"""
    text = block.fields.get("update", "").strip()
    if not row.reported or len(words(text)) < 3:
        return None
    note = Block("paragraph", text, block.line, block.page, block.section, position=block.position)
    record = _record(doc, note, text, Decision(False, "evidence"), None, doc_date, occurrences, period, timescales)
    record.parent_id = row.id
    return record


def reported_status(block: Block) -> str:
    """The status the item's own row or block reports ("Partially complete"), as written, when it
    reads as one (kb.layout.fields.progress_of): a review table's verdict on an action, which a
    trace reads as the strongest evidence of how that action stands."""
    value = block.fields.get("status", "")
    update = block.fields.get("update", "")
    lead = leading_status(update) or (tagged_status(update) or "")
    if progress_of(value):
        # a bare green or blue, whose meaning differs between bodies' keys (on track or complete;
        # complete or closed), is told by the status word its update opens with ("Green" beside
        # "Complete. The service opened in May"), as a cell that names both would ("Green – complete",
        # read by progress_of from its words).  Amber and red mean the same in every key.
        return f"{value.strip()} – {lead}" if lead and _KEYED_COLOUR.fullmatch(value.strip()) else value
    if lead:
        return lead
    if block.kind in ("list_item", "paragraph", "fragment") and (tag := tagged_status(block.text)):
        return tag  # "Care home record view [Delivered]": the item's own tag
    if block.kind in ("list_item", "paragraph", "fragment"):
        # items listed or told under a heading that states how they stand ("What we delivered (Green –
        # delivered)", "What we achieved", "Still in progress"): a review grouping what it did by status
        return section_status(block.section, items=True)
    if block.kind != "cell" or label_role(block.column or "") != "action":
        return ""
    # a review that sorts its rows by status under headings ("Completed actions", "Outstanding
    # actions") gives each row's action cell the status its heading states
    return section_status(block.section)


_KEYED_COLOUR = re.compile(r"[*_]*(?:green|blue)[*_.]*", re.I)


_LEAD = re.compile(r"\s*([A-Za-z][A-Za-z /]{0,30}?)\s*(?:[.;:,–—(]|\s-\s|$)")


def leading_status(update: str) -> str:
    """The status an update opens with, when the row has no status of its own ("Complete. The
    service opened in May", "Delayed – awaiting funding"): a review that writes one column for both
    puts the verdict first.  An update that opens any other way ("Work is ongoing") reports none."""
    m = _LEAD.match(update)
    lead = m.group(1).strip() if m else ""
    return lead if lead and len(lead.split()) <= 3 and progress_of(lead) else ""  # a rating, not a sentence
