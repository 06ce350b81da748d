"""Walk raw blocks in reading order and give each block its context.

Context is what a reader carries down the page: the heading path (section), the dates a heading,
column header or row label sets for the items under it, the sentence that introduced a list,
and whether the surrounding section announces commitments ("Next steps", "Our focus will be on:")
or describes something else (risks, case studies, contents, attendance).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from kb.extract.classify import shape
from kb.extract.dates import Period, field_dates, find_dates, heading_date
from kb.extract.lexicon import ACTION_VERBS, DECISION_VERBS, NOTING_VERBS
from kb.layout.fields import (
    RATING_MARKS,
    answered_status,
    bare_colour,
    dated_status,
    label_role,
    lettered_statuses,
    progress_of,
    status_phrase,
    status_phrase_head,
)
from kb.layout.markup import labelled_cell_items, split_cell, strip_markup, words
from kb.layout.narrative import read_narrative_review, read_tagged_items
from kb.layout.parse import (
    RawBlock,
    classify_headings,
    drop_page_furniture,
    flattened_header,
    group_lines,
    hard_wrapped,
    is_period_label,
    line_layout,
    merge_fragments,
    names_its_doers,
    read_action_blocks,
    read_reported_sections,
    read_spaced_tables,
    repeated_question_titles,
)
from kb.model import Block, DueDate
from kb.sources.base import SourceLine

# A register lists risks ("Risks", "Key risks and mitigations", "Risk log"); a section named "Risk" or
# "Risk management" sets out how risk is to be managed, which is no register.
NEGATIVE_SECTION = re.compile(
    r"\b(risks|risk (?:register|log|matrix)|contents|glossary|case stud(?:y|ies)|examples?/|examples?\b(?!\s+(?:of\s+)?(?:actions?|activit|"
    r"deliverables|interventions|commitments))|apologies|present:|membership|"
    r"what we have been told|challenges and pressures|achievements|"
    r"the case for change|key drivers|pressure points|appendix two|our population needs|"
    r"what we know about|where we are(?: now| today)?(?=\W*$))\b",
    re.I,
)
# A short heading that names problems ("Access challenges", "Key issues", "Workforce pressures"): what
# is listed under it is what is wrong, not what will be done ("Addressing the challenges" is).
PROBLEM_HEADING = re.compile(
    r"(?i)(?!(?:address|tackl|meet|overcom|respond|solv|resolv|manag|mitigat)\w*\b)(?:[\w&'’-]+\s+){0,3}"
    r"(?:challenges|pressures|barriers|constraints|issues|problems|difficulties)")
FORWARD_SECTION = re.compile(
    r"\b(next steps|deliverables|priorit(?:y|ies)|focus|objectives|actions?|timeline|proposed|planned|"
    r"commitments?|intentions|ambitions?|targets|still need to do|we will|content|milestones|plan on a page|"
    r"strategic journey|going forward|work ?programme|workstreams?|schemes|procurements?|improvements|"
    r"looking (?:ahead|forward|to)|(?:the )?(?:year|years|months) ahead|coming year|future plans|plans for)\b",
    re.I,
)
FORWARD_INTRO = re.compile(
    r"(\bwill\b|\bshall\b|focus|desired|looking to|planned|proposed|next steps|priorit|objectives|\bactions\b|"
    r"\baims?\b|\bto:$|\bby:$|following:$|\bare:$|commit|intend|intention|deliver|ambition|targets|"
    r"following (?:steps|areas|services)|resolved|recommended|asked to|must|should|principles|"
    r"reviewing the following|is to:|were to:|are to:|we want|proposals)",
    re.I,
)
NEGATIVE_INTRO = re.compile(
    r"(included:|includ(?:ed|ing):|achievements|have been delivered|told us|highlighted|issues|risks?\b|"
    r"questions|raised|reported|identified the following|such as|factors|pressures|judgements|"
    r"as follows:$|headings:|the following two|progress against|reasons|include:$|includes:$|members|"
    r"listed below|options|\bupdates?\b|\bprovided\b|\binformed\b|\badvised\b|\bexplained\b|"
    r"\bpresented\b|\bintroduced\b|"
    # the reader's own duties ("You must register as an interest:"): no plan's undertaking
    r"\byou (?:must|should|need to|will need to|are required to|have to)\b)",
    re.I,
)
_CONTENT_HEADER = re.compile(r"activit|milestone|commitment|action|description|deliverable|priorit|step", re.I)


# A minute's item title names the paper discussed ("Walking Strategy 2019-24 (Item 5)", "24/00115 - ..."):
# its dates are the paper's, not a period for what is said under it.
_AGENDA_ITEM = re.compile(r"\(Item \d+[a-z]?\)|^\d{1,3}\.?\s+\d{2}/\d{4,5}\b", re.I)


def _heading_scope_date(text: str, doc_date: date | None, period: Period | None = None) -> DueDate | None:
    if _AGENDA_ITEM.search(text):
        return None
    due = heading_date(text, doc_date, period)
    if due is None:
        return None
    if due.start is not None and due.start == due.end:
        return None  # a single day in a heading is a meeting or signature date, not a period for items
    if doc_date is not None and due.end is not None and due.end < doc_date.isoformat():
        return None  # a heading date in the past ("Oral Health - June 2015") describes data
    return due


_BARE_QUARTER = re.compile(r"^\s*(?:Q|Quarter\s*)([1-4])\s*$", re.I)


def _plan_quarter(header: str, period: Period | None) -> DueDate | None:
    """A schedule grid's quarter column with no year ("Q1", "Quarter 3") in a plan for one year: that
    quarter of the plan's year, counted from the month the plan's year starts (April for a financial
    year).  In a plan of several years a bare quarter names no one date."""
    m = _BARE_QUARTER.match(strip_markup(header))
    if m is None or period is None or period[0] is None or period[1] is None:
        return None
    start, end = period
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months != 12:
        return None
    first = (start.year * 12 + start.month - 1) + 3 * (int(m.group(1)) - 1)
    last = first + 2
    q_start = date(first // 12, first % 12 + 1, 1)
    q_end = date(last // 12, last % 12 + 1, calendar.monthrange(last // 12, last % 12 + 1)[1])
    return DueDate(text=header.strip(), start=q_start.isoformat(), end=q_end.isoformat())


# Headers of two date columns that bound one period ("Start date" / "End date", "From" / "To").
_SPAN_HEADER = re.compile(r"\b(?:start|starts|starting|begin|beginning|from|end|ends|finish|to|until)\b", re.I)


# An item numbered in its cell ("2.3 Trial a cycle loan scheme ...") and its own date in the row's date cell,
# which numbers its dates the same way ("2.1: Year 2<p>2.3: Q1 2024/25"), as a plan on a page lists several
# actions in one row.
_ITEM_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?)\s")
_NUMBERED_DATE = re.compile(r"(?:^|(?<=\s))(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?)\s*[:–—-]\s*")


def _numbered_when(item: str, row: list[str], date_cols: set[int]) -> str | None:
    """The timescale the row's date cell gives the item by its number ("Q1 2024/25" from "2.3: Q1
    2024/25" for "2.3 Trial ..."), or None when the item is unnumbered or the date cell does not number
    its timescales."""
    m = _ITEM_NUMBER.match(item)
    if m is None:
        return None
    for c in sorted(date_cols):
        if c >= len(row):
            continue
        text = " ".join(split_cell(row[c])) or strip_markup(row[c])
        parts = _NUMBERED_DATE.split(text)  # ["", "1.1", "Year 1 and Year 2 ", "1.2", "from April 2022", ...]
        for n in range(1, len(parts) - 1, 2):
            if parts[n] == m.group(1):
                return parts[n + 1].strip() or None
    return None


def _row_dates(row: list[str], date_cols: set[int], doc_date: date | None,
               period: Period | None = None, header: list[str] | None = None) -> tuple[DueDate, ...]:
    """The row's dates from its date columns.  Where two or more of them are filled and none bounds a
    period (a plan's timetable printed with its earlier versions: "July 2024 version / Actual / February
    2025"), the columns are the same date as planned, revised and met, left to right: the last filled
    one is the row's date now."""
    per_col: list[tuple[int, tuple[DueDate, ...]]] = []
    for c in sorted(date_cols):
        if c < len(row):
            dues = tuple(field_dates(strip_markup(row[c]), doc_date, period) or ())
            if dues:
                per_col.append((c, dues))
    if len(per_col) >= 2 and header and not any(
            c < len(header) and _SPAN_HEADER.search(header[c]) for c, _ in per_col):
        return per_col[-1][1]
    return tuple(d for _, dues in per_col for d in dues)


_MILESTONE_WORDS = 2  # content words besides its dates that make a timescale entry a milestone of its own
# Words of a timescale that qualify its dates rather than name an event ("Ongoing", "to be", "provisional").
_TIMESCALE_WORDS = frozenset("""ongoing commenced started start starting began begun launched tbc tba tbd provisional
provisionally approx approximately circa around end beginning mid early late onwards from until till by to be in on
of the and or at for during before after within dates date timescale target expected estimated estimate estimates
complete completed then each every year years thereafter annually yearly quarterly monthly""".split())


def _timescale_milestones(cell: str, doc_date: date | None,
                          period: Period | None) -> list[tuple[str, tuple[DueDate, ...]]]:
    """The milestones a timescale cell names besides its dates ("Workshop in June 2025. Pilot live by
    September 2025"), each with its own dates; a cell that is only dates and their qualifiers
    ("Q3 2025", "Commenced Oct 2024, ongoing", "Jan-Oct 2025 (provisional)") names none."""
    out: list[tuple[str, tuple[DueDate, ...]]] = []
    for part in split_cell(cell):
        for item in re.split(r"(?<=[.;])\s+(?=[A-Z])", part):
            item = item.strip(" .;")
            dues = field_dates(item, doc_date, period)
            if not dues:
                continue
            rest = re.sub(r"\([^)]*\)", " ", item)
            for m in find_dates(rest, doc_date, period):
                rest = rest.replace(m.due.text, " ")
            content = [w for w in words(rest) if w.lower() not in _TIMESCALE_WORDS and not w.isdigit()]
            if len(content) >= _MILESTONE_WORDS:
                out.append((item, tuple(dues)))
    return out


def _is_header_row(cells: list[str]) -> bool:
    filled = [strip_markup(c) for c in cells if strip_markup(c)]
    if len(filled) < 2:
        return False
    if re.fullmatch(r"\d+", filled[0]):
        return False
    # (a review's label for what was promised or how it stands may be longer: "What we said we would
    # deliver in 2023/24"; not a long header named by one word of responsibility, which may be two
    # headers run together, "Strategies / plans in place to deliver Led by / responsible")
    return all(len(words(c)) <= (_LONG_LABEL_WORDS if label_role(c) in ("action", "status", "update") else 7)
               and (not c.endswith(".") or _abbreviated_label(c)) or rows_complete(c) for c in filled)


_LONG_LABEL_WORDS = 12


# A column header that each row's cell completes as a sentence: "We will...", "By 2023, unless stated,
# we will…", "In 2024/25 the service will:" (the lead-in of a table, cut at its verb).
_COMPLETED_BY_ROWS = re.compile(r"^(?P<lead>\S.{0,80}?\swill)\s*(?:\.{2,}|…|:)?$", re.I)


def completed_lead(header_cell: str) -> str | None:
    """The lead-in a column header is, up to its verb, when each row's cell finishes its sentence."""
    m = _COMPLETED_BY_ROWS.match(strip_markup(header_cell).strip())
    return m["lead"] if m else None


def rows_complete(header_cell: str) -> bool:
    """Whether a column header is the start of a sentence each row's cell finishes."""
    return completed_lead(header_cell) is not None


def _abbreviated_label(cell: str) -> bool:
    """A header cell whose final stop marks an abbreviation, not a sentence's end: "No.", "Action no.",
    "Ref.", "Est. cost" (a known column label, or a last word of at most three letters)."""
    return label_role(cell) is not None or len(cell.rstrip(".").split()[-1]) <= 3


def build_blocks(lines: list[SourceLine], doc_date: date | None, period: Period | None = None) -> list[Block]:
    """The document's blocks, in reading order, each with its section path and context.

    `period` is the span the document covers, which dates "Year 1" headings and columns."""
    return BlockBuilder(doc_date, period).blocks(raw_blocks(lines))


def raw_blocks(lines: list[SourceLine], furniture: set[int] | None = None, dense: bool | str | None = None,
               wrapped: bool | None = None, tails: tuple[str, ...] | None = None,
               parts: frozenset[str] | None = None) -> list[RawBlock]:
    """The layout's raw blocks of these lines, headings marked.  `furniture`, `tails`, `dense`,
    `wrapped` and `parts`: what the whole document says of its page furniture, its line breaks and
    the question headlines it repeats, for lines that are one piece of it
    (kb.layout.parse.drop_page_furniture, group_lines, repeated_question_titles); by default read
    from `lines`."""
    if parts is None:
        parts = repeated_question_titles(sl.text for sl in lines)
    if dense is None:  # judged on the lines as read: blanked-out furniture must not make them look spaced
        dense = line_layout([sl.text for sl in lines])
    if wrapped is None:
        wrapped = hard_wrapped([sl.text for sl in lines])
    raw = merge_fragments(read_action_blocks(group_lines(drop_page_furniture(lines, furniture, tails), dense, wrapped)))
    classify_headings(raw, parts)
    return read_spaced_tables(read_tagged_items(read_narrative_review(read_reported_sections(raw))))


_CONTENTS = re.compile(r"(?:table of )?contents", re.I)


def _contents_key(text: str) -> str:
    """A contents entry or heading as compared: its words in lower case, without a page number or leader."""
    text = re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[A-Z])[.)]?\s+", "", strip_markup(text))  # its number
    return " ".join(words(re.sub(r"[.…\s]*\d*\s*$", "", text))).lower()


class BlockBuilder:
    """Gives raw blocks their context: the heading path and its dates, the list intro.

    One builder walks a whole document; a document laid out in pieces (kb.sources.stream) feeds
    the pieces to one builder in order, so a piece that starts inside a section keeps its path."""

    def __init__(self, doc_date: date | None, period: Period | None = None):
        self.doc_date, self.period = doc_date, period
        self.stack: list[tuple[int, str, DueDate | None, bool, bool]] = []  # level, text, date, negative, forward
        self.seen_body = False
        self.above_level: int | None = None  # the level of the last heading that is no repeated part title
        self.last_intro: str | None = None
        self.last_intro_depth = -1
        # A list item ending with ":" introduces the items right after it even when they are written
        # with another marker at a shallower indent ("(b) ... as follows:" then "- " bullets): their depth
        # is adopted, and the intro holds for items of exactly that depth.
        self.adopted_depth: int | None = None
        self.adopted_marker = ""  # and of that marker: "1. ... :", "- ...", "- ...", then "2. ..." ends it
        self.item_intro_marker: str | None = None  # the marker of a list item that has just ended with ":"
        self.last_para_intro: str | None = None  # the block just before, if it was a lead-in paragraph
        self.intro_chain: list[tuple[str, int]] = []  # the open lead-ins, outermost first, with the depth they introduce
        # A title naming who acts ("How partners can help", "Actions the Council can take") heads the
        # actions under it, paragraphs as well as list items, until the next heading or such title.
        self.doer_title: str | None = None
        # A decision report's lead-in naming the party asked to act ("The Cabinet Member for Housing is
        # asked to:"), over recommendations printed as paragraphs that open with their verb ("APPROVE
        # the ...", "Delegate authority to ..."): they are that party's, up to a heading or other text.
        self.asked_lead: str | None = None
        # the entries listed under a "Contents" heading: the body's first heading that repeats one has
        # left the contents list, whatever level the two headings were given
        self.contents_entries: set[str] = set()
        self.tables = TableContext()  # what the document's tables so far say of the tables after them

    def blocks(self, raw: list[RawBlock]) -> list[Block]:
        """The blocks of the next raw blocks in reading order."""
        doc_date, period, stack = self.doc_date, self.period, self.stack
        seen_body, last_intro, last_intro_depth = self.seen_body, self.last_intro, self.last_intro_depth
        chain = self.intro_chain
        out: list[Block] = []  # `stack` is changed in place: the builder keeps it for the next piece
        for rb in raw:
            prev_para_intro, self.last_para_intro = self.last_para_intro, None
            if rb.kind != "table":
                self.tables.just_before = None  # (text between two tables: the second is a table of its own)
            if rb.kind == "heading":
                level = rb.depth
                if rb.part and self.above_level is not None:
                    level = self.above_level + 1  # a part of the section above ("Where we are now")
                elif not rb.part:
                    alike = next((s for s in reversed(stack) if s[0] == level), None)
                    if alike is not None and _NUMBERED_SECTION.match(alike[1]) and rb.raw.lstrip().startswith("**") \
                            and not _NUMBERED_SECTION.match(rb.text) and not _BACK_MATTER.match(rb.text.strip(" *")):
                        # a bold title with no number under a numbered subsection's title set alike ("4.2 Still
                        # in progress" / "Charge points (V3)" / ... / "4.3 What we paused"): a part of it, until
                        # the next number (the appendix and glossary after the last are the document's own; a
                        # plain title there, "Finance Principles" under "7.1 Finance Assumptions", is left as
                        # it was set, its rank unknown)
                        level += 1
                    self.above_level = level
                text = rb.text
                while stack and stack[-1][0] >= level:
                    stack.pop()
                if _contents_key(text) in self.contents_entries:
                    while stack and any(_CONTENTS.fullmatch(s[1].strip(" *:")) for s in stack):
                        stack.pop()  # the body begins: its heading is an entry of the contents list above
                    self.contents_entries = set()
                elif any(_CONTENTS.fullmatch(s[1].strip(" *:")) for s in stack):
                    self.contents_entries.add(_contents_key(text))  # an entry the layout read as a heading
                due = _heading_scope_date(text, doc_date, period) if seen_body else None
                negative = bool(NEGATIVE_SECTION.search(text) or PROBLEM_HEADING.fullmatch(text.strip(" *:")))
                # a timeline's period still ahead of the document ("Q3 October - December 2021" in an
                # April 2021 plan) schedules what is under it, as a "Next steps" heading does
                forward = bool(FORWARD_SECTION.search(text)) or due is not None and is_period_label(text)
                stack.append((level, text, due, negative, forward))
                out.append(Block("heading", text, rb.first.line, rb.first.page, _path(stack[:-1]), level=level,
                                 scope_dates=_scope(stack[:-1]), position=rb.position))
                if not flattened_header(text):  # (a table's header printed again on a new page goes on under it)
                    self.doer_title = None
                self.asked_lead = None
                last_intro = None
                chain = []
                continue
            if stack and _CONTENTS.fullmatch(stack[-1][1].strip(" *:")):
                self.contents_entries.update(_contents_key(sl.text) for sl in rb.lines)
            seen_body = True
            section = _path(stack)
            scope = _scope(stack)
            negative = any(s[3] for s in stack)
            forward = any(s[4] for s in stack[-2:])
            if self.doer_title is not None and _WILL_DO.search(self.doer_title):
                # after "What we will do" in a section that first tells how things stand ("Where we are
                # now"), what follows is the doers' undertakings, no longer the state of things
                negative, forward = False, True
            if rb.kind == "table":
                # a table right after a lead-in paragraph ("... will achieve the following key targets:",
                # "... are set out in the table below") is announced by it, as a list by its intro
                lead_in = last_intro if last_intro_depth == 0 and prev_para_intro == last_intro else None
                forward = forward or bool(lead_in and _forward_intro(lead_in, strong=True))
                out.extend(_table_blocks(rb, section, scope, negative, forward, doc_date, period, self.tables))
                last_intro = None
                chain = []
                continue
            if rb.kind == "action":
                row_key = f"action:{_place_key(rb.first)}"
                for text, sl in rb.items:
                    out.append(Block("cell", text, sl.line, sl.page, section, column=rb.label, row_key=row_key,
                                     row_label=rb.fields.get("ref"), scope_dates=scope, negative_context=negative,
                                     forward_context=True, fields=dict(rb.fields), position=sl.position))
                last_intro = None
                chain = []
                continue
            text = rb.text
            if not text:
                continue
            header_due = dated_table_header(text, doc_date, period) if rb.kind in ("paragraph", "fragment") else None
            if header_due is not None:
                # "By 2027, except where shown, we will... Owner Support": a table's first column header that
                # each row completes; it dates the rows under it (until the next heading or such header)
                # as a heading does, and is no commitment of its own
                while stack and stack[-1][0] >= HEADER_ROW_LEVEL:
                    stack.pop()
                section = _path(stack)
                stack.append((HEADER_ROW_LEVEL, text, header_due, False, True))
                out.append(Block("heading", text, rb.first.line, rb.first.page, section, level=HEADER_ROW_LEVEL,
                                 scope_dates=_scope(stack[:-1]), position=rb.position))
                last_intro, last_intro_depth = None, -1
                chain = []
                continue
            intro_marker, self.item_intro_marker = self.item_intro_marker, None
            if rb.kind == "list_item":
                if intro_marker is not None and last_intro is not None and 0 <= rb.depth < last_intro_depth \
                        and rb.marker and rb.marker != intro_marker:
                    last_intro_depth = self.adopted_depth = rb.depth
                    self.adopted_marker = rb.marker
                elif self.adopted_depth is not None and (rb.depth != self.adopted_depth
                                                         or rb.marker != self.adopted_marker):
                    last_intro, last_intro_depth, self.adopted_depth = None, -1, None  # the next lettered item
                intro = last_intro if rb.depth >= last_intro_depth or last_intro_depth < 0 else None
                chain = [(t, d) for t, d in chain if d <= rb.depth]  # a nested list has ended
                outer = tuple(t for t, _ in reversed(chain) if t != intro)
                lead_due = lead_in_date(intro, doc_date, period)
                out.append(Block("list_item", text, rb.first.line, rb.first.page, section, level=rb.depth,
                                 intro=intro, outer_intros=outer, scope_dates=(lead_due,) if lead_due else scope,
                                 negative_context=negative,
                                 forward_context=forward or bool(intro and _forward_intro(intro)) or bool(lead_due),
                                 fields=dict(rb.fields), position=rb.position))
                if text.endswith(":"):
                    last_intro, last_intro_depth = text, rb.depth + 1
                    chain = [*chain, (text, rb.depth + 1)]
                    self.adopted_depth, self.item_intro_marker = None, rb.marker
                continue
            self.adopted_depth = None
            kind = "fragment" if rb.kind == "fragment" else "paragraph"
            titled = names_its_doers(text)
            if titled:
                self.doer_title = text
            heads = None if titled else self.doer_title
            if heads is None and self.asked_lead is not None and _opens_with_a_verb(text):
                heads = self.asked_lead  # "The Cabinet is asked to:" / "APPROVE the ...": the asked party acts
            else:
                self.asked_lead = text if _ASKED_TO.search(text) else None
            leads = text.endswith(":") or rb.blank_after <= 2 and (
                re.search(r"(following|below|include|are|to|by|on)\W*$", text) or titled)
            # a run of lead-in paragraphs keeps its first ("X will pursue three aims:", then
            # "Aim one, through:" and its list, "Aim two, by:" ...) until a paragraph of text
            run = bool(leads and chain) and (chain[-1] == (prev_para_intro, 0) or len(chain) > 1 and chain[1][1] == 0)
            # ... and the later lead-ins of the run are the first one's items: its doer is theirs
            outer = (chain[0][0],) if run and chain[0][1] == 0 else ()
            out.append(Block(kind, text, rb.first.line, rb.first.page, section, intro=heads, outer_intros=outer,
                             scope_dates=scope, negative_context=negative, forward_context=forward,
                             fields=dict(rb.fields), position=rb.position))
            if leads:
                last_intro, last_intro_depth = text, 0
                before = out[-2] if len(out) > 1 else None
                if not run and before is not None and before.kind == "paragraph" and rb.blank_before <= 1 \
                        and _REFERS_BACK_LEAD.match(_LAST_SENTENCE.split(text)[-1]) \
                        and not before.text.endswith(":"):
                    # "For eye care this can be summarised as:": the lead-in speaks of what the paragraph
                    # before it said ("Systems are expected to ..."), whose doer is the list's
                    chain = [(before.text, 0), (text, 0)]
                else:
                    chain = [*(chain[:1] if run and chain[0][1] == 0 else []), (text, 0)]
                self.last_para_intro = text
            else:
                last_intro, last_intro_depth = None, -1
                chain = []
        self.seen_body, self.last_intro, self.last_intro_depth = seen_body, last_intro, last_intro_depth
        self.intro_chain = chain
        mark_quoted_recommendations(out)
        mark_attributed_quotations(out)
        return out


_WILL_DO = re.compile(r"\b(?:will|shall|are going to|is going to)\b", re.I)  # a doer title that pledges
_ASKED_TO = re.compile(r"\b(?:is|are)\s+(?:asked|recommended|requested|invited|advised)\s+to\W*:\s*$", re.I)
# the verbs a recommendation opens with besides actions (kb.extract.lexicon): decide, take in, confirm
_RESOLVING_VERBS = DECISION_VERBS | NOTING_VERBS | {"authorise", "authorize", "confirm"}


def _opens_with_a_verb(text: str) -> bool:
    """A recommendation that opens with its verb ("APPROVE the proposal", "Delegate authority to ...",
    "(b) note the update")."""
    m = re.match(r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\s+)?([A-Za-z]+)\b", strip_markup(text))
    return m is not None and (m.group(1).lower() in ACTION_VERBS or m.group(1).lower() in _RESOLVING_VERBS)


_LAST_SENTENCE = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
# A lead-in whose subject points back at what was just said ("This can be summarised as:", "For
# schools, these mean:"), with at most a short fronted phrase before it
_REFERS_BACK_LEAD = re.compile(r"(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4},?\s+)?(?:this|these)\s+(?:can|could|will|would|"
                               r"may|might|is|are|means?|includes?|involves?|requires?)\b", re.I)


# A list of the plan's own work introduced by "include:" ("Key actions for 2025/26 include:", "Our
# priorities this year include:"); other "... include:" lists give examples of what was found.
_PLANNED_INCLUDE = re.compile(r"^(?:(?:our|the|key|main|planned|priority)\s+){1,2}(?:actions|priorities|"
                              r"deliverables|commitments|milestones)\b[^:]{0,40}\binclude[s]?:$", re.I)


def _forward_intro(intro: str, strong: bool = False) -> bool:
    """Whether a lead-in announces things to be done.  Its last sentence is the one that introduces
    the list (in "Plans were reviewed as highlighted in the annex. These show how we will meet these
    targets:" the first sentence is background), and a lead-in told wholly in the past announces
    what was done.  `strong`: a future or a word of planning (targets, priorities, actions), not
    only "the following:" or "are:" -- what a table needs, whose rows are as often a description."""
    last = _LAST_SENTENCE.split(intro)[-1]
    negative = NEGATIVE_INTRO.search(last)
    if negative and _PLANNED_INCLUDE.search(last) and all(
            m.group(0).lower() in ("include:", "includes:") for m in NEGATIVE_INTRO.finditer(last)):
        negative = None  # "Key actions for 2025/26 include:": the plan's own actions, not examples of a finding
    if not FORWARD_INTRO.search(last) or negative:
        return False
    s = shape(intro)
    if "past" in s and "modal" not in s and "future-in-past" not in s:
        return False
    return not strong or "modal" in shape(last) or bool(FORWARD_SECTION.search(last))


# A lead-in that opens with when its list is due ("By March 2025 we will:", "During 2024/25, the
# service will:", "Over the next year we will…"): the date phrase starts the sentence and a future
# follows it, so the date schedules each item under it that gives none of its own.
_LEAD_DATE_AT = 3
_LEAD_TITLE_WORDS = 3
_LEAD_FUTURE = re.compile(r"\b(?:will|shall|plan to|aim to|intend to|are going to|is going to)\b", re.I)


def lead_in_date(intro: str | None, doc_date: date | None, period: Period | None = None) -> DueDate | None:
    """The date a lead-in opens with, for the items it introduces (see `_LEAD_FUTURE`), or None."""
    if not intro:
        return None
    last = _LAST_SENTENCE.split(intro.strip())[-1]
    found = find_dates(last, doc_date, period)
    # (a short title run into the lead-in by the export, "Our priorities By March 2025 we will:", may precede it)
    if not found or found[0].start_char > _LEAD_DATE_AT and len(last[:found[0].start_char].split()) > _LEAD_TITLE_WORDS:
        return None
    first = found[0]
    rest = last[first.end_char:]
    # (or the lead-in is that date alone, "By 2024:", "By March 2025:": what is to be in place by then)
    alone = intro.strip() == last and _DATE_ALONE.fullmatch(last[:first.start_char]) is not None \
        and rest.strip() == ":"
    if not alone and (len(rest.split()) > 12 or not _LEAD_FUTURE.search(rest) or not _forward_intro(intro)):
        return None
    due = first.due
    if doc_date is not None and due.end is not None and due.end < doc_date.isoformat():
        return None  # a lead-in dated in the past tells what was done
    return due


_DATE_ALONE = re.compile(r"\s*(?:by|in|during|before|within)?\s*", re.I)


HEADER_ROW_LEVEL = 99  # deeper than any heading: the next heading, or the next such header, ends its rows
# the lead-in's words run on into the row ("we will..."), then at most a few column labels ("Owner Support")
_ROW_COMPLETES = re.compile(r"^(?P<lead>.+?\bwill\s*(?:\.{3}|…))(?P<labels>(?:\s+[A-Z][\w/&’'()-]*){0,4})\s*$")


def dated_table_header(text: str, doc_date: date | None, period: Period | None = None) -> DueDate | None:
    """The date of a dated header whose sentence each row below completes ("By 2027, except where shown, we
    will... Owner Support", "In 2024/25 the service will… Owner"), or None."""
    m = _ROW_COMPLETES.match(text.strip())
    if m is None:
        return None
    return lead_in_date(m.group("lead").rstrip(".… "), doc_date, period)


def _path(stack: list[tuple[int, str, DueDate | None, bool, bool]]) -> tuple[str, ...]:
    return tuple(s[1] for s in stack)


def _scope(stack: list[tuple[int, str, DueDate | None, bool, bool]]) -> tuple[DueDate, ...]:
    for s in reversed(stack):
        if s[2] is not None:
            return (s[2],)
    return ()


_GOAL_HEADER = re.compile(r"^(?:our |key |strategic )?(?:goals?|aims?|ambitions?|objectives?|outcomes?|targets?)$", re.I)
_STATUS_WORDS = 3  # a status cell of this many words or fewer is a rating, not a note


def _header_index(rows: list[list[str]]) -> int | None:
    """Which row is the table's header: the first, or the second under a one-cell title row."""
    if len(rows) >= 2 and _is_header_row(rows[0]):
        return 0
    if (len(rows) >= 3 and sum(1 for c in rows[0] if strip_markup(c)) == 1 and _is_header_row(rows[1])
            and sum(1 for c in rows[1] if label_role(strip_markup(c))) >= 2):
        return 1
    return None


# A header beside the item column that names a kind of organisational unit ("Digital programme
# workstream", "Lead team", "Service area", "Directorate"): its cells name the unit that carries out
# the row's work, the row's owner.  (A first column of such names lists the units themselves.)
_UNIT_HEADER = re.compile(r"\b(?:workstreams?|work ?streams?|teams?|directorates?|departments?|divisions?|"
                          r"services?|service areas?|portfolios?)$", re.I)


# Column headers beside an action column: its milestone ("Milestone", "Key milestones") and the
# partners who deliver it ("Partners", "Key partners", "Partner organisations", "Working with").
_MILESTONE_HEADER = re.compile(r"(?:key |main )?milestones?(?: (?:and|&) (?:dates?|timescales?))?", re.I)
_PARTNERS_HEADER = re.compile(r"(?:key |main |delivery |supporting |other |lead and )?partners?(?: organisations?)?|"
                              r"partner (?:organisations?|agencies)|partnerships?|working with|(?:key )?stakeholders",
                              re.I)


# a numbered subsection's title ("4.2 Still in progress"; a chapter's "6." sits beside unnumbered titles of
# its rank, "Foreword", "Priority 2: ..."), and the unnumbered titles
# that close a document rather than belong to its last section
# a numbered section's title: "4.2 Still in progress", "7. Priority 3: Schools" (one level: its stop)
_NUMBERED_SECTION = re.compile(r"^\s*\**\d{1,2}(?:(?:\.\d{1,2})+\.?|\.)\s+(?=[A-Z])")
_BACK_MATTER = re.compile(r"(?:appendix|appendices|annex|annexe|glossary|references|bibliography|acknowledgements?|"
                          r"contents|abbreviations|further information|contact us|document control)\b", re.I)
_RECOMMENDATION_HEADER = re.compile(r"(?:(?:the |our )?[a-z]+(?:'s|’s)? )?recommendations?(?: made)?", re.I)


def _column_roles(header: list[str]) -> dict[int, str]:
    """Columns identified by their header's meaning; a bare "Date" is the due date only when no
    column says so more precisely (an action log's "Date raised" beside its "Due date")."""
    roles = {i: r for i, h in enumerate(header) if h and (r := label_role(h)) is not None}
    if "action" not in roles.values():
        # "By 2023, unless stated, we will..." over the actions: the column of what will be done
        lead = next((i for i, h in enumerate(header) if h and i not in roles and rows_complete(h)), None)
        if lead is not None:
            roles[lead] = "action"
    if "action" not in roles.values():
        # "Rec | Recommendation (abridged) | Lead officer | Status": a review of recommendations tracks
        # each as the item a plan's action is
        rec = next((i for i, h in enumerate(header) if h and i not in roles
                    and _RECOMMENDATION_HEADER.fullmatch(re.sub(r"\s*\([^()]*\)$", "", h.strip()))), None)
        if rec is not None:
            roles[rec] = "action"
    for i, h in enumerate(header):
        if i > 0 and h and i not in roles and _UNIT_HEADER.search(re.sub(r"\s*\([^()]*\)$", "", h.strip())):
            # "Programme workstream", "Delivery team", "Portfolio (from May 2023)": the unit each row's work
            # falls to
            roles[i] = "owner"
    if "action" in roles.values():
        for i, h in enumerate(header):
            if i in roles or not h:
                continue
            h = re.sub(r"\s*\(s\)$", "", h.strip())  # "Partner(s)", "Milestone(s)"
            if _MILESTONE_HEADER.fullmatch(h):
                # "Action | Partners | Milestone": the milestone beside an action says when it is done
                # ("Worker in post by April 2021"), the row's timescale, not an item of its own
                roles[i] = "due"
            elif _PARTNERS_HEADER.fullmatch(h):
                # the parties who deliver the row's action: its owners where no column names a lead,
                # else those who support the lead ("Lead | Partners"), a note of the row; never an item
                roles[i] = "owner" if "owner" not in roles.values() else "logged"
    generic = {i for i, r in roles.items() if r == "due" and re.fullmatch(r"dates?", header[i].strip(), re.I)}
    if any(r == "due" and i not in generic for i, r in roles.items()):
        for i in generic:
            del roles[i]
    return roles


# A cell that only says when, or that the when is not yet set: a date with its qualifiers ("July-September
# 2025", "Completed – October 2019", "Spring 2026") or a placeholder for one ("TBC", "to be confirmed").
_WHEN_PLACEHOLDER = re.compile(r"(?:tbc|tba|tbd|to be (?:confirmed|agreed|determined)|n/?a|-|–)", re.I)
# A machine identifier in a cell: lower-case words joined by hyphens or underscores, no spaces
# ("reg-19-public-consultation-start", "plan_adopted"): a data standard's code for the row, no words of it.
_STAGE_HEADER = re.compile(r"(?:(?:key|plan[- ]making|key plan[- ]making) )?stages?", re.I)
_CODE_CELL = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){1,}")


def when_only(text: str, doc_date: date | None, period: Period | None = None) -> bool | None:
    """Whether a cell only says when: True for a date and its qualifiers, None for a placeholder
    ("TBC", "-"), False for a cell with words of its own ("Draft Local Plan", "Develop plan Q4 2020/21")."""
    t = strip_markup(text).strip()
    if not t or _WHEN_PLACEHOLDER.fullmatch(t):
        return None
    dues = field_dates(t, doc_date, period)  # a cell is a date context: a lone year is that year
    if dues is None:
        return False
    if not dues:  # "Ongoing", "TBC": the cell says the when is open ("On-going monitoring of ..." is work)
        return None if len(words(t)) <= 3 else False
    rest = t
    for d in dues:
        rest = rest.replace(d.text, " ")
    return all(w.lower() in _TIMESCALE_WORDS or w.isdigit() for w in words(rest))


def _dated_like_its_column(rows: list[list[str]], doc_date: date | None, period: Period | None) -> bool:
    """Whether a table's first row is one of its rows rather than its header: its cells beside the
    first only say when (`when_only`), as the cells under them do ("Publication Draft | May 2026" over
    "Submission | October 2026").  Year headers over a plan's deliverables ("Theme | 2018/19 | 2019/20")
    have words, not dates, under them."""
    first = rows[0]
    cols = [ci for ci in range(1, len(first)) if strip_markup(first[ci]).strip()]
    if not cols or any(when_only(first[ci], doc_date, period) is False for ci in cols):
        return False
    for ci in cols:
        reads = [when_only(r[ci], doc_date, period) for r in rows if ci < len(r) and strip_markup(r[ci]).strip()]
        if len(reads) < 2 or any(b is False for b in reads) or not any(b is True for b in reads):
            return False
    return True


# A date column that records when things were done, beside the planned dates ("Actual", "Date completed").
_DONE_HEADER = re.compile(r"(?:actual|achieved|completed|done|date (?:achieved|completed|met)|actual dates?|"
                          r"(?:date )?(?:delivered|met))", re.I)


def _completed_on(cells: list[str], header: list[str] | None, doc_date: date | None,
                  period: Period | None) -> str | None:
    """The status of a row with no status column that gives the date it was done under a header that
    says so ("Date completed: Feb-24", as a review's completed actions are listed): "Completed (Feb-24)".
    A date after the document's own is no date done."""
    for ci, h in enumerate(header or []):
        cell = strip_markup(cells[ci]).strip() if ci < len(cells) else ""
        if not cell or not _DONE_HEADER.fullmatch(strip_markup(h).strip(" *:")):
            continue
        dues = field_dates(cell, doc_date, period)
        if dues and (doc_date is None or all(d.start is None or d.start <= doc_date.isoformat() for d in dues)):
            return f"Completed ({cell})"
    return None


def _reports_done(cells: list[str], date_cols: set[int], header: list[str] | None) -> bool:
    """Whether a row reports a step already taken rather than one to come: its date cell says it was
    completed ("Completed – October 2019"), or the last dated cell of the row stands under a column of
    dates met ("Actual") in a timetable printed with its planned dates."""
    filled = [c for c in sorted(date_cols) if c < len(cells) and strip_markup(cells[c]).strip()
              and not _WHEN_PLACEHOLDER.fullmatch(strip_markup(cells[c]).strip())]
    if any(progress_of(strip_markup(cells[c])) == "done" for c in filled):
        return True
    return bool(filled and header and filled[-1] < len(header) and _DONE_HEADER.fullmatch(header[filled[-1]].strip()))


def _read_columns_by_content(roles: dict[int, str], header: list[str], rows: list[list[str]],
                             doc_date: date | None, period: Period | None) -> None:
    """Columns whose header does not say what they hold ("Timeline", "Estimated", "2025 estimate", or
    no header row at all) read by their cells: a column beside the first whose every filled cell only
    says when (`when_only`, a placeholder allowed) holds the rows' dates; a column of machine
    identifiers holds codes; and a "Stage" column none of whose cells reads as a status names each
    row's stage of work ("Consultation", "Adoption"), not how it stands."""
    width = max((len(r) for r in rows), default=0)
    for ci in range(width):
        cells = [strip_markup(r[ci]).strip() for r in rows if ci < len(r) and strip_markup(r[ci]).strip()]
        if not cells:
            continue
        role = roles.get(ci)
        if (role == "status" and ci < len(header) and _STAGE_HEADER.fullmatch(header[ci].strip())
                and not any(progress_of(c) for c in cells)):
            del roles[ci]  # "Stage": "Issues and Options", "Consultation", "Adoption"
            role = None
        if ci == 0 or role is not None:
            continue
        reads = [when_only(c, doc_date, period) for c in cells]
        if any(r is True for r in reads) and all(r is not False for r in reads):
            roles[ci] = "due"
        elif all(_CODE_CELL.fullmatch(c) for c in cells):
            roles[ci] = "code"


_PAGE_COLUMN = re.compile(r"(?:page|pages|page\s*no\.?|page\s+numbers?|pp?\.)", re.I)


def _folded_cell(text: str) -> str:
    return " ".join(strip_markup(text).lower().split())


# A column header that says its rows are the body's undertakings: one that names what the body has
# "committed to", or calls them its own commitments.
_COMMITTED_HEADER = re.compile(r"\b(?:committed to|our commitments?)\b", re.I)


# The prompt a word processor's form prints in a field nobody filled ("Choose an item." for a drop-down
# list, "Click or tap to enter a date." for a date picker, "Click here to enter text."): an empty cell.
_UNFILLED_FIELD = re.compile(r"(?:choose an item|(?:click|tap|click or tap) (?:here )?to enter (?:a date|text))\.?",
                             re.I)


def _unfilled_blank(cell: str) -> str:
    return "" if _UNFILLED_FIELD.fullmatch(strip_markup(cell).strip()) else cell


def _table_blocks(rb: RawBlock, section: tuple[str, ...], scope: tuple[DueDate, ...], negative: bool,
                  forward: bool, doc_date: date | None, period: Period | None = None,
                  context: TableContext | None = None) -> list[Block]:
    """The blocks of a table's rows.  `context`: what the document's tables so far say of this one
    (kept up to date here)."""
    rows = [[_unfilled_blank(c) for c in row] for row in rb.rows]
    if context is not None and (alone := context.header_alone(rows)) is not None:
        return alone
    header: list[str] | None = None
    body = list(zip(rows, rb.lines, strict=True))
    hi = _header_index(rows)
    if hi == 0 and _dated_like_its_column(rows, doc_date, period):
        hi = None  # "Submission (Regulation 22) | October 2026" over more such rows: the first stage, no header
    elif hi is None and len(rows) >= 2 and rows[0] and not strip_markup(rows[0][0]) and _is_header_row(rows[0][1:] + [""]) \
            and sum(1 for c in rows[0] if strip_markup(c)) >= 1:
        hi = 0  # "   | 2025 estimate": column labels over the rows' labels, the corner left empty
    sub_row: list[str] | None = None
    if hi is not None:
        header = [strip_markup(c) for c in rows[hi]]
        body = body[hi + 1:]
        top = tuple(_folded_cell(c) for c in header)
        if body and (spanned := _spanned_sub_header(header, body[0][0])) is not None:
            header, sub_row, body = spanned, body[0][0], body[1:]
            if context is not None:
                context.spanned[top] = header
        elif context is not None and top in context.spanned:
            header = context.spanned[top]  # the page broke the table and repeated the header's top row only
    elif context is not None and (printed := context.heads(rows)) is not None:
        header = printed  # rows under group headings, the table's header printed once above the first group
    elif context is not None and (before := context.goes_on(rows)) is not None:
        header = before  # rows after a blank line, as wide as the table above, its group cell empty: its rows
    if header and any(_PAGE_COLUMN.fullmatch(h.strip()) for h in header):
        negative = True  # a table of contents ("Page | Content"): titles, not items
    if context is not None:
        context.just_before = header
    roles = _column_roles(header or [])
    first_row = rows[hi or 0] if rows else []  # the header, or the row that would have been it
    if any(_COMMITTED_HEADER.search(strip_markup(h)) for h in first_row):
        # "What we have committed to | Plans in place to deliver | Led by" (read as a header or not): a
        # table of undertakings
        forward = True
    lead_due = next((d for h in header or [] if (lead := completed_lead(h))
                     and (d := lead_in_date(lead, doc_date, period))), None)
    if lead_due is not None:
        # the header's date ("By 2023, unless stated, we will...") schedules each row that gives none
        # of its own, nearer to the rows than any heading's
        scope = (lead_due,)
    _status_columns_by_content(roles, header or [], [cells for cells, _ in body], doc_date, period)
    for ci in _earlier_status_columns(header or [], roles, doc_date, period):
        roles[ci] = "earlier status"  # last year's rating beside this year's: a note of the row, no status
    declared = {i for i, r in roles.items() if r == "due"}
    _read_columns_by_content(roles, header or [], [cells for cells, _ in body], doc_date, period)
    date_cols = {i for i, r in roles.items() if r == "due"}
    content_date_cols = date_cols - declared  # columns of dates under no date header ("Estimated", none)
    # codes, and the earlier plan's numbers a later plan's row carries on (a field of the row's action)
    code_cols = {i for i, r in roles.items() if r in ("code", "former")}
    # fields of the row, not records
    owner_cols = {i for i, r in roles.items() if r in ("owner", "logged", "ref", "resource", "earlier status")}
    note_cols = {i for i, r in roles.items() if r in ("status", "update", "measure")}
    status_cols = {i for i, r in roles.items() if r in ("status", "update")}
    context_cols = sorted(date_cols | {i for i, r in roles.items() if r == "owner"})  # a short item's when and who
    col_dates = {i: _heading_scope_date(h, doc_date, period) or _plan_quarter(h, period)
                 for i, h in enumerate(header or []) if h}
    aims = _aim_columns(header)
    # a goal or outcome table ("Goal | Outcome | Measure") with no action column: its goals are the items
    goal_table = bool(header and _GOAL_HEADER.match(header[0]) and "action" not in roles.values())
    out: list[Block] = []
    carried_label: str | None = None
    body = [(row, sl) for cells, sl in body for row in _lettered_rows(cells, roles)]
    groups = _group_rows([cells for cells, _ in body]) if header and len(header) >= 3 else set()
    merged = _merged_group_column(header, roles, [cells for cells, _ in body])
    base_section = section
    key = tuple(_folded_cell(h) for h in header or [])
    if context is not None and context.group is not None:
        if context.group[0] == key and header and 0 not in groups:
            section = (*base_section, context.group[1])  # the rows after a page break, still in their group
        elif context.group[0] != key:
            context.group = None
    for n, (cells, sl) in enumerate(body):
        first_filled = next((i for i, c in enumerate(cells) if strip_markup(c)), None)
        if first_filled is None:
            continue
        if merged and strip_markup(cells[0]):
            # the group's title, printed on its first row only: the rows under it are in its section
            section = (*base_section, strip_markup(cells[0]))
            carried_label = None
            cells = ["", *cells[1:]]
        if header and ([strip_markup(c) for c in cells] == header or len(cells) == len(header) >= 2
                       and _folded_cell(cells[0]) == _folded_cell(header[0]) != ""
                       or sub_row is not None and [_folded_cell(c) for c in cells] == [_folded_cell(c) for c in sub_row]):
            continue  # the header repeated on a new page (its other headers perhaps reworded)
        if n in groups:
            # a row that titles the rows under it ("Priority 2: Helping smokers to quit" across the
            # table, or alone in the first column): a heading of the section, not an item
            section = (*base_section, strip_markup(cells[0]))
            carried_label = None
            if context is not None and header:
                context.group = (key, strip_markup(cells[0]))
            continue
        if header and len(header) >= 3 and len(cells) == 1:
            # a full-width row of a wide table: a group's intro, read as a paragraph of the section
            out.append(Block("paragraph", strip_markup(cells[0]), sl.line, sl.page, section, scope_dates=scope,
                             negative_context=negative, forward_context=forward, position=sl.position))
            continue
        texts = [strip_markup(c) for c in cells]
        line_label = _figures_row_label(texts)
        if line_label is not None:
            # a line of a table of figures (a budget, an activity count): its label names what is
            # counted ("Reduction in Grant Income  35.0  3,234.7 ..."), it undertakes nothing; an
            # imperative label ("Reduce smoking  14%  12%") is a target and read as any row
            out.append(Block("cell", line_label, sl.line, sl.page, section, column=header[0] if header else None,
                             row_key=_place_key(sl), scope_dates=scope, negative_context=True,
                             forward_context=forward, position=sl.position))
            continue
        label_col = 0
        label = strip_markup(cells[0]) if cells else ""
        if not label and carried_label and len(cells) > 1:
            label = carried_label
        elif label and len(cells) > 1 and len(words(label)) <= 8:
            carried_label = label
        # cells beside the label that only say when, in a table whose column of them holds other
        # things too (a figure's label-value rows above its timetable): this row's dates
        says_when = {ci: when_only(cells[ci], doc_date, period) for ci in range(1, len(cells))
                     if ci not in date_cols | owner_cols | code_cols and strip_markup(cells[ci]).strip()}
        when_cols = {ci for ci, reads in says_when.items() if reads is not False}
        if when_cols and not any(says_when[ci] for ci in when_cols) \
                and len(when_cols) == len([c for c in cells[1:] if strip_markup(c).strip()]) and len(cells) > 2:
            when_cols = set()  # a row of dashes and placeholders across a wide table says nothing of when
        row_date_cols = date_cols | when_cols
        # dates read from the cells themselves, not from a header that names a date column
        dated_by_content = bool(row_date_cols & (content_date_cols | when_cols))
        row_dates = _row_dates(cells, row_date_cols, doc_date, period, header)
        # ticks under period columns ("Action | Lead | Year 1 | Year 2 | Year 3", "✓" in the years it
        # runs): the row is scheduled in the periods ticked
        ticked = [ci for ci in range(1, len(cells)) if col_dates.get(ci) and _TICK.fullmatch(strip_markup(cells[ci]).strip())]
        if ticked and not row_dates:
            row_dates = tuple(col_dates[ci] for ci in ticked)
        row_negative = negative or _reports_done(cells, row_date_cols, header)
        if row_negative and not negative:
            row_dates = ()  # "Completed – October 2019", a date under "Actual": when it was done, no due
        date_text = " ".join(strip_markup(cells[c]) for c in sorted(date_cols) if c < len(cells) and strip_markup(cells[c]))
        # a short item reads with its row: its when and its who, in the table's order ("Burgess Park –
        # 2012-2017 – Northshire Council and appointed contractor"), as a reader of the row sees it
        row_context = " – ".join(strip_markup(cells[c]) for c in context_cols
                                 if c < len(cells) and strip_markup(cells[c])
                                 and not _WHEN_PLACEHOLDER.fullmatch(strip_markup(cells[c]).strip())) if date_text else ""
        # a column's or cell's dates read from its cells, under no date header, date the row as its
        # heading would ("when"): a date the item's own words give ("... net zero by 2045") says it better
        fields = _row_fields(cells, {i: r for i, r in roles.items() if i not in content_date_cols}, header)
        if (ticked_status := _ticked_status(cells, header)) and \
                _PICK.fullmatch(fields.get("status", "✓").split(";")[0].strip()):
            fields["status"] = ticked_status  # (a status column told by its mark alone: the mark's header)
        if "status" not in fields and (done_on := _completed_on(cells, header, doc_date, period)):
            fields["status"] = done_on
        if row_date_cols - date_cols or content_date_cols:
            when = [strip_markup(cells[c]) for c in sorted((content_date_cols | when_cols) & set(range(len(cells))))
                    if strip_markup(cells[c]).strip()]
            if when:
                fields["when"] = "; ".join(when)
        row_key = _place_key(sl)
        # a reference column after the first ("Priority | Ref | Action"): the row's own number names it
        ref_label = next((strip_markup(cells[i]) for i, r in sorted(roles.items()) if r == "ref" and 0 < i < len(cells)
                          and re.search(r"\d", strip_markup(cells[i]))), None)
        content_cols = [c for c in range(1, len(cells)) if c not in row_date_cols and c not in owner_cols
                        and c not in code_cols and c not in ticked and strip_markup(cells[c])]
        label_is_text = (len(cells) == 1 or len(words(label)) > 8 or not content_cols
                         or roles.get(0) == "action" and not _names_its_row(header, label)
                         # a "Priority" column holds the priorities, unless it names the row beside a
                         # column of what is to be done ("Priority | What we will do | Who | When")
                         or bool(header and header[0] and _CONTENT_HEADER.search(header[0])
                                 and not (label_role(header[0]) is None and _names_its_row(header, label)))
                         or goal_table)
        # a date cell beside the item of the row's first cell times that item; a status or update note
        # is no timing ("Audit completed in 2021"), nor is the action cell of a row whose first cell is
        # empty (a merged group cell printed on the group's first row only): it is the row's item
        untimed = date_cols | owner_cols | note_cols | (
            {i for i, r in roles.items() if r == "action"} if not label_cell_filled(cells) else set())
        timing_cells = _timing_cells(cells, untimed, doc_date, period) \
            if label_is_text and len(cells) > 2 else {}
        if timing_cells and not row_dates:
            row_dates = tuple(d for ds in timing_cells.values() for d in ds)
        # a timetable's row: a stage and when it is to happen ("Publication Draft | May 2026"), the
        # date still ahead of the document: the stage is an entry of the plan's programme
        row_forward = forward or bool(
            dated_by_content
            and (label_is_text and not content_cols or all(len(words(strip_markup(cells[c]))) <= 3 for c in content_cols))
            and row_dates and not row_negative and doc_date is not None
            and all(d.end is None or d.end >= doc_date.isoformat() for d in row_dates))
        for ci, cell in enumerate(cells):
            if ci in timing_cells or ci in when_cols or ci in ticked:
                continue  # "Develop plan Q4 – 2020/21" beside the row's item: when the item is done
            if ci in date_cols:
                for item, dues in _timescale_milestones(cell, doc_date, period):
                    out.append(Block(
                        "cell", item, sl.line, sl.page, section, column=header[ci] if header else None,
                        row_label=(label if not label_is_text else None) or ref_label, row_key=row_key, scope_dates=dues,
                        negative_context=row_negative, forward_context=forward,
                        fields={k: v for k, v in fields.items() if k == "owner"}, position=sl.position, timing=True))
                continue
            if ci in owner_cols or ci in code_cols:
                continue
            if ci == label_col and not label_is_text and len(cells) > 1:
                continue
            column = header[ci] if header and ci < len(header) else None
            dates = row_dates or ((col_dates[ci],) if col_dates.get(ci) else ()) or scope
            cell_fields = fields
            if ci in note_cols:  # a status or update note: its own words date it, not the action's timescale
                dates, cell_fields = (), {k: v for k, v in fields.items() if k == "owner"}
            for item, title in labelled_cell_items(cell):
                if ci in status_cols and len(words(item)) <= _STATUS_WORDS:
                    continue  # "Green", "On track", "Not started": a status, not a record
                own_when = _numbered_when(item, cells, date_cols) if ci not in note_cols else None
                own = tuple(field_dates(own_when, doc_date, period) or ()) if own_when else ()
                if label and not label_is_text and row_dates and dated_by_content and row_forward \
                        and len(words(item)) <= 3 and ci not in note_cols:
                    # in a dated row, a cell of a word or three ("Consultation", "Adoption") says which step
                    # of the row's subject falls then ("Office Use SPD | Consultation | Autumn 2025"): it
                    # reads with its row's label
                    item = f"{label} – {item}"
                if row_context and len(words(item)) <= 3 and ci not in note_cols:
                    item = f"{item} – {row_context}"  # the row's date and lead belong to the activity's wording
                out.append(Block(
                    "cell", item, sl.line, sl.page, section, column=column,
                    row_label=(label if not label_is_text else None) or ref_label, row_key=row_key, intro=title,
                    scope_dates=own or dates, negative_context=row_negative,
                    forward_context=row_forward or bool(column and _MODAL_HEADER.match(column)) or ci in aims,
                    fields={**cell_fields, "due": own_when} if own_when and "due" in cell_fields else dict(cell_fields),
                    position=sl.position,
                ))
    return out


# A plan's "From | To" table: where things stand, then the state the plan undertakes to reach ("From
# (2022/23) | To (by March 2024)", "Where we are now | Where we want to be"): each "to" cell is an aim
# of the plan, a commitment however it is worded ("No inappropriate out of area placements").
_FROM_HEADER = re.compile(r"^(?:from|where we are(?: now)?|current (?:state|position)|now|today|as is)\b", re.I)
_TO_HEADER = re.compile(r"^(?:to|where we want to be|where we will be|future state|to be)\b", re.I)


def _aim_columns(header: list[str] | None) -> set[int]:
    """The columns of the state a "From | To" table's plan undertakes to reach."""
    if not header or not any(_FROM_HEADER.match(h.strip()) for h in header):
        return set()
    return {i for i, h in enumerate(header) if i > 0 and _TO_HEADER.match(h.strip())}


# A mark that ticks a cell of a schedule grid: a tick, a cross, a bullet or a yes.
_TICK = re.compile(r"[✓✔☑√✗✘xX•●■]|yes|y", re.I)
# A mark that picks one of several columns: the same marks but the crosses that say no ("✗", "✘"); a
# letter x picks, as on a form
_PICK = re.compile(_TICK.pattern.replace("✗✘", ""), re.I)


def _ticked_status(cells: list[str], header: list[str] | None) -> str | None:
    """The status of a row rated by a mark in one of several columns each headed by a status ("Ref |
    Action | Met | Partially met | Not met", a tick under one): the marked column's header, with the
    mark ("Partially met (✓)"); None when no such columns or not exactly one of them is marked."""
    if not header:
        return None
    titles = [strip_markup(h).strip(" *:") for h in header]
    columns = [i for i, t in enumerate(titles) if i < len(cells) and progress_of(t) and status_phrase(t)]
    if len(columns) < 2:
        return None
    marked = [i for i in columns if _PICK.fullmatch(strip_markup(cells[i]).strip())]
    if len(marked) != 1:
        return None
    return f"{titles[marked[0]]} ({strip_markup(cells[marked[0]]).strip()})"


# A column headed by the opening of a pledge ("We will", "What we will do", "The council will"):
# each cell completes it, as a list's items complete "we will:" ("You said / We will" tables).
_MODAL_HEADER = re.compile(r"^\W*(?:what\s+|how\s+)?(?:[\w'’]+\s+){0,3}(?:will|shall)(?:\s+do)?\W*$", re.I)


# A row that titles a group of the table's rows by a grouping word and its number: "Priority 2:
# Helping smokers to quit", "Theme B - Healthy places", "Objective 3".
_GROUP_TITLE = re.compile(r"^(?:priority|theme|objective|outcome|aim|goal|ambition|area|workstream|work ?stream|"
                          r"strand|pillar|section|part|domain|commitment|principle)\s+(?:\d{1,2}|[A-Z])\b", re.I)
_GROUP_WORDS = 12


def _group_rows(rows: list[list[str]]) -> set[int]:
    """The rows of a table's body that title the rows under them: a row whose only text is a short
    title in its first cell (or one cell across the table), not a sentence, followed by a row that
    fills several cells; a title that opens with a grouping word and its number ("Priority 2:",
    "Theme B") is one on its own, any other short title when the table has two or more such rows
    (a table that alternates titles and the rows under them, where an action left without a lead
    or date stands alone)."""
    def sparse(cells: list[str]) -> str | None:
        texts = [strip_markup(c) for c in cells]
        if not texts or not texts[0] or any(texts[1:]):
            return None
        t = texts[0]
        if len(words(t)) > _GROUP_WORDS or t.endswith((".", ";", ",", ":")) or progress_of(t) is not None:
            return None
        return t

    def full(cells: list[str]) -> bool:
        return sum(1 for c in cells if strip_markup(c)) >= 2

    found = {n: t for n, cells in enumerate(rows) if (t := sparse(cells)) is not None
             and n + 1 < len(rows) and full(rows[n + 1])}
    numbered = {n for n, t in found.items() if _GROUP_TITLE.match(t)}
    # an imperative ("Develop a walking map") is an action, whatever cells it leaves empty
    titles = {n for n, t in found.items() if "imperative" not in shape(t)}
    return numbered | titles if len(found) >= 2 and len(titles) == len(found) else numbered


_MERGED_TITLE_WORDS = 8


def _merged_group_column(header: list[str] | None, roles: dict[int, str], rows: list[list[str]]) -> bool:
    """Is the first column a merged cell per group ("Priority | Ref | Action | Status", the priority
    printed on the first row of its group and the cells under it left empty)?  Its header names no
    field, another column holds the actions, it is empty on at least a third of the rows that fill
    other cells, and each title in it is short and no sentence: a group's title, not an item."""
    if not header or len(header) < 3 or roles.get(0) is not None or "action" not in roles.values():
        return False
    full = [r for r in rows if sum(1 for c in r[1:] if strip_markup(c)) >= 2]
    titles = [strip_markup(r[0]) for r in full if r and strip_markup(r[0])]
    blank = len(full) - len(titles)
    return len(full) >= 3 and bool(titles) and blank >= len(full) / 3 and blank >= len(titles) and all(
        len(words(t)) <= _MERGED_TITLE_WORDS and not t.endswith((".", ";")) and progress_of(t) is None
        for t in titles)


def _names_its_row(header: list[str] | None, label: str) -> bool:
    """A first column of items of work ("Workstream", "Programme") beside a column of what is to be
    done in them ("Workstream | Activity | Outcomes", "Programme | Priorities"): its cell is the row's
    name ("Planned Care"), the work is in the other column; unless the cell is itself an action
    ("Open the new hub")."""
    if not header or not any(h and (_CONTENT_HEADER.search(h) or label_role(h) == "action") for h in header[1:]):
        return False
    return not shape(label) & {"imperative", "to-infinitive", "gerund", "modal", "subject-action"}


# A cell that is a figure alone: an amount, a count, a percentage, a nil dash ("-1,234.5", "£2.5m",
# "(3.0)", "12%", "–").
_FIGURE = re.compile(r"[(\-–−]?\s*[£$€]?\s*[\-–−]?\d[\d,]*(?:\.\d+)?\s*(?:%|[kmb]n?|p|pp)?\s*\)?|[-–—]|n/?a",
                     re.IGNORECASE)
_FIGURES_LABEL_WORDS = 12


def _figures_row_label(texts: list[str]) -> str | None:
    """The label of a row of figures (two figures or more and one short text cell), unless the
    label is an imperative ("Reduce smoking prevalence"), which makes the row a target's."""
    filled = [t for t in texts if t]
    figures = [t for t in filled if _FIGURE.fullmatch(t)]
    wordy = [t for t in filled if not _FIGURE.fullmatch(t)]
    if len(figures) < 2 or len(wordy) != 1 or len(words(wordy[0])) > _FIGURES_LABEL_WORDS:
        return None
    first = words(wordy[0])[:1]
    if first and first[0].lower() in ACTION_VERBS and first[0][:1].isupper() and not wordy[0].isupper():
        return None
    return wordy[0]


_TIMING_REST_WORDS = 4  # words a timing cell holds beside its date: "Develop plan", "To develop proposal"


def label_cell_filled(cells: list[str]) -> bool:
    """Does the row write its first cell (not left empty under a merged cell above)?"""
    return bool(cells) and bool(strip_markup(cells[0]))


def _timing_cells(cells: list[str], skip: set[int], doc_date: date | None,
                  period: Period | None) -> dict[int, tuple[DueDate, ...]]:
    """The cells of a row, beside the item of its first cell, that only say when: a date with a
    few words of the step it dates ("Develop plan Q4 – 2020/21", "To develop proposal Q1 – 2021/22")
    under a header that does not say it is a date ("Action required"). The date is the row's, the
    cell no item of its own."""
    out: dict[int, tuple[DueDate, ...]] = {}
    for ci, cell in enumerate(cells):
        if ci == 0 or ci in skip:
            continue
        text = strip_markup(cell)
        matches = find_dates(text, doc_date, period) if text else []
        if not matches or len(words(text)) > 7:
            continue
        rest = text
        for m in sorted(matches, key=lambda m: -m.start_char):
            rest = rest[:m.start_char] + " " + rest[m.end_char:]
        if len(words(rest)) <= _TIMING_REST_WORDS:
            out[ci] = tuple(m.due for m in matches)
    return out


def _place_key(sl: SourceLine) -> str:
    """Where a row or block starts, unique in its document: its line in a text source; on a PDF
    page (no line numbers) its page and its top edge, so two rows of one page are two rows."""
    if sl.line is not None or sl.position is None:
        return f"{sl.line or 0}:{sl.page or 0}"
    return f"0:{sl.page or 0}:{sl.position.top:.1f}:{sl.position.x0:.1f}"


_HEADER_ALONE_CELLS = 3


@dataclass
class TableContext:
    """What a document's tables say of the tables after them: the headers printed in two rows (a
    merged title over its columns' own), by their top row, so that a table the page broke and that
    repeats only that row goes on under the whole header; and a header printed once above groups of
    rows set apart by headings ("Ref | Action | Status" / "Regulation 10 – Dignity" / rows / "Regulation
    12 – Safe care" / rows), which heads each group with as many cells; and the group a table broken by
    a page was in when it broke ("Section A – Complete" over rows, the footer, the header again, rows)."""

    spanned: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    printed_once: list[str] | None = None
    # the last group title of a table with this header (header, title): the page broke the table and
    # repeated its header, not the title the rows after the break are still under
    group: tuple[tuple[str, ...], str] | None = None
    # the header of the table just read, while nothing but white space has come after it
    just_before: list[str] | None = None

    def header_alone(self, rows: list[list[str]]) -> list[Block] | None:
        """[] (no blocks) for a table that is a header and nothing else, kept for the rows below it;
        None for any other table (which, with a header of its own, ends the one kept)."""
        filled = [strip_markup(c) for c in rows[0] if strip_markup(c)] if len(rows) == 1 else []
        # labels, the known ones half or more, three or more of them (two cells alone may be a pair of
        # labels run together, "What we have committed to | Strategies / plans in place to deliver Led
        # by / responsible", over rows that read better without it)
        if len(filled) >= _HEADER_ALONE_CELLS and 2 * sum(1 for c in filled if label_role(c)) >= len(filled) \
                and not any(c.endswith(".") for c in filled):
            self.printed_once = [strip_markup(c) for c in rows[0]]
            return []
        if _header_index(rows) is not None:
            self.printed_once = None
        return None

    def goes_on(self, rows: list[list[str]]) -> list[str] | None:
        """The header of the table just before, with nothing between the two but white space, when
        these rows have no header of their own, as many cells as it, and a first row whose first cell
        is empty (a merged group cell of the table above, printed on its group's first row only): the
        same table, split by a blank line.  Rows that fill their first cell may be a table of their own."""
        header = self.just_before
        if header is None or not rows or any(len(r) != len(header) for r in rows) or strip_markup(rows[0][0]).strip():
            return None
        return header

    def heads(self, rows: list[list[str]]) -> list[str] | None:
        """The header printed once that heads these rows, which have none of their own: as many cells."""
        header = self.printed_once
        if header is None or not rows or any(len(r) != len(header) for r in rows):
            return None
        return header


def _spanned_sub_header(top: list[str], below: list[str]) -> list[str] | None:
    """A header printed in two rows, a merged cell's title over the columns it spans and each of those
    columns' own title in the row below ("Status at year end" over "2021/22 | 2022/23 | 2023/24"):
    the header with each spanned column titled by both ("Status at year end 2023/24"); None when the
    row below is a row of the table (its first cell filled, or a cell under no spanning title, or a
    cell longer than a title)."""
    cells = [strip_markup(c).strip() for c in below]
    if not cells or cells[0] or sum(1 for c in cells if c) < 2 or len(cells) < len(top):
        return None
    owner: list[int | None] = []
    last: int | None = None
    for i in range(len(cells)):
        if i < len(top) and top[i].strip():
            last = i
        owner.append(last)
    spans = {h for h in owner if h is not None and owner.count(h) >= 2}
    if any(c and (owner[i] not in spans or len(words(c)) > _SUB_HEADER_WORDS or c.endswith((".", ";")))
           for i, c in enumerate(cells)):
        return None
    head = [*top, *[""] * (len(cells) - len(top))]
    return [f"{head[owner[i]].strip()} {c}" if c and owner[i] is not None else head[i] for i, c in enumerate(cells)]


_SUB_HEADER_WORDS = 4
# A cell that reports no change: a dash (one left empty says nothing: a row that goes on the row above)
_NO_CHANGE = re.compile(r"[-–—]")
# A status header that says which time it reports: now ("Final status", "Status at year end", "Current
# RAG") or before ("Previous rating", "Last quarter's RAG")
_CURRENT_HEADER = re.compile(r"\b(?:final|current|latest|now|to date|year[- ]end|end of (?:the )?(?:year|plan))\b", re.I)
# a status column that judges the whole row ("Overall assessment", "Overall RAG") beside one that rates a
# part of it (a milestone's "Status": Met, Missed): the row's verdict
_OVERALL_HEADER = re.compile(r"\boverall\b", re.I)
_EARLIER_HEADER = re.compile(r"\b(?:previous|prior|last|earlier|original|initial|baseline|was)\b", re.I)


# a rating a key defines, alone in its cell: "1", "3*" (done late), "(2)", "G"; or no rating yet ("–", "n/a")
_CODE_CELL_RATING = re.compile(r"\(?(?:[1-9]|[A-Z])\)?\*?")
_NO_RATING = re.compile(r"(?:–|-|—|n/?a|nyd|not yet due)", re.I)
_STATUS_CELL_WORDS = 6  # a status cell's words at most: "Achieved (both aims)", "Partially achieved – see 4.2"
# a header that only says how long after the start its column reports: "12m", "At 36 months", "Year 3"
_OFFSET_HEADER = re.compile(r"(?:(?:at|after)\s+)?(?:(?P<months>\d{1,3})\s*(?:m|mths?|months?)(?:\s+on)?"
                            r"|(?:year|yr)\s*(?P<years>\d{1,2}))", re.I)


def _offset_months(header: str) -> int | None:
    """How many months after the start a header's column reports ("36m" -> 36, "Year 2" -> 24), or None."""
    m = _OFFSET_HEADER.fullmatch(header.strip())
    if not m:
        return None
    return int(m.group("months")) if m.group("months") else 12 * int(m.group("years"))


def _status_columns_by_content(roles: dict[int, str], header: list[str], rows: list[list[str]],
                          doc_date: date | None, period: Period | None) -> None:
    """Status columns known by their cells, whatever their header: a column each of whose cells is a
    status word or phrase, however qualified ("Achieved (both aims)"), under "Outcome" or "Result"; and
    columns of rating codes under headers that only say when ("12m | 36m", "2022/23 | 2023/24"), in a
    table of actions or recommendations with their updates, each code read through the document's
    key ("1 = Fully implemented; 2 = Partly implemented", kb.layout.fields.keyed_status).  A column of
    counts (a summary by status) has no action or update beside it."""
    listed = bool({"action", "update"} & set(roles.values()))
    rated = [ci for ci in sorted(roles) if roles[ci] == "status"]
    told = [ci for ci in rated if _told_in_prose([strip_markup(r[ci]).strip() for r in rows if ci < len(r)])]
    if len(rated) >= 2 and 0 < len(told) < len(rated):
        for ci in told:
            roles[ci] = "update"  # "Status | Progress to March 2024" over prose: the second is the rows' account
    for ci, h in enumerate(header):
        if ci == 0 or ci in roles and roles[ci] != "update":
            continue
        cells = [strip_markup(r[ci]).strip() for r in rows if ci < len(r) and strip_markup(r[ci]).strip()]
        if roles.get(ci) == "update":
            # an update column whose every cell is a status and nothing more ("Position": "✔ Delivered",
            # "⏳ In progress") rates the rows; one of prose is their update
            if len(cells) >= 2 and all(len(words(c)) <= _STATUS_CELL_WORDS and not bare_colour(c)
                                       and status_phrase_head(re.sub(r"^[^\w(]+", "", c)) for c in cells):
                roles[ci] = "status"
            continue
        if listed and len(cells) >= 2 and all(len(c) == 1 and c in RATING_MARKS for c in cells):
            # a column of the marks a key defines ("●", "◐", "○"), often under no header at all, beside
            # the actions: each row's rating (read through the key, kb.layout.fields.keyed_status)
            roles[ci] = "status"
            continue
        if not h.strip():
            continue
        if len(cells) >= 2 and all(status_phrase_head(c) and len(words(c)) <= _STATUS_CELL_WORDS for c in cells) \
                and sum(1 for c in cells if not bare_colour(c)) * 2 >= len(cells):
            # "Aim | Outcome" over "Achieved", "Partially achieved", "Not achieved" (a column of colours
            # is a rating only under a header that says so: a later plan's "Closure rating" column
            # recalls the review's ratings, no status of its own)
            roles[ci] = "status"
            continue
        if not listed or _offset_months(h) is None and not find_dates(h, doc_date, period):
            continue
        coded = [c for c in cells if _CODE_CELL_RATING.fullmatch(c)]
        if len(coded) >= 2 and all(_CODE_CELL_RATING.fullmatch(c) or _NO_RATING.fullmatch(c) for c in cells):
            roles[ci] = "status"


def _told_in_prose(cells: list[str]) -> bool:
    """Whether most of a column's filled cells are accounts: longer than a status phrase, and not
    opening with one ("Complete – the hub opened in May" rates its row, with a note)."""
    filled = [c for c in cells if c]
    return bool(filled) and sum(1 for c in filled if len(words(c)) > _STATUS_CELL_WORDS
                                and status_phrase_head(c) is None) * 2 > len(filled)


def _earlier_status_columns(header: list[str], roles: dict[int, str], doc_date: date | None,
                            period: Period | None) -> list[int]:
    """A review's status columns of earlier times beside the current one ("RAG Jan 2024 | Final status",
    "Status 2021/22 | 2022/23 | 2023/24", "Previous RAG | Current RAG"): all but the current, which is
    the one its header calls current, else the latest dated.  Status columns that name no time ("Status |
    RAG") are one reading and stay so."""
    def when(i: int) -> str:
        found = find_dates(header[i], doc_date, period)
        return max((m.due.end or m.due.start or "" for m in found), default="")

    def now(i: int) -> int:
        return -1 if _EARLIER_HEADER.search(header[i]) else 1 if _CURRENT_HEADER.search(header[i]) else 0

    statuses = [i for i, r in sorted(roles.items()) if r == "status" and i < len(header)]
    overall = [i for i in statuses if _OVERALL_HEADER.search(header[i])]
    if len(overall) == 1 and len(statuses) > 1:
        return [i for i in statuses if i != overall[0]]
    timed = [i for i in statuses if when(i) or _CURRENT_HEADER.search(header[i]) or _EARLIER_HEADER.search(header[i])
             or _offset_months(header[i]) is not None]
    if len(timed) < 2:
        return []
    current = max(timed, key=lambda i: (now(i), when(i), _offset_months(header[i]) or 0, i))
    return [i for i in timed if i != current]


# The number of a row that numbers an objective whose sub-actions are lettered: "3", "3.", "Objective 3".
_ROW_NUMBER = re.compile(r"(?:[A-Za-z]+\s+)?(\d{1,2})\.?")
# A sub-action's own letter at the start of its part of an update: "(b) Harnshire Colleges Group is ...".
_LETTER_MARK = re.compile(r"\(?([a-z])[.)]\s+")


def _lettered_rows(cells: list[str], roles: dict[int, str]) -> list[list[str]]:
    """A row whose status cell rates its objective's lettered sub-actions one by one ("a) Complete;
    b) Ongoing; c) Not started") as a row for each sub-action, numbered as the plan numbers it ("3a"),
    with its own status and its part of the update (`_update_shares`), after the row's own cells
    without them (its objective, its lead); any other row as it is.  The review names a sub-action by
    its letter alone, so its part of the update stands in the action column, as what the row says of it."""
    status_col, entries = next(((i, rated) for i in sorted(roles) if roles[i] == "status" and i < len(cells)
                                and (rated := lettered_statuses(cells[i]))), (None, []))
    action_col = next((i for i in sorted(roles) if roles[i] == "action" and i < len(cells)), None)
    if status_col is None or action_col is None:
        return [cells]
    number_col = next((i for i in sorted(roles) if roles[i] == "ref" and i < len(cells)), 0)
    number = _ROW_NUMBER.fullmatch(strip_markup(cells[number_col]).strip())
    if number is None:
        return [cells]
    # (the update: a column of notes, or one no header names, "Progress to 31 March 2024")
    updates = [i for i in range(len(cells)) if i not in (status_col, number_col, action_col)
               and roles.get(i) in ("status", "update", None)]
    shares = {i: _update_shares(cells[i], [e.ref for e in entries]) for i in updates}
    head = ["" if i == status_col or i in updates else c for i, c in enumerate(cells)]
    out = [head]
    for k, entry in enumerate(entries):
        if entry.status is None:
            continue  # "c) see Objective 2": told with another row
        row = [c if roles.get(i) in ("owner", "due") else "" for i, c in enumerate(cells)]
        row[number_col] = entry.ref if entry.ref[0].isdigit() else f"{number.group(1)}{entry.ref}"
        row[status_col] = entry.status
        row[action_col] = "".join(f"<p>{t}</p>" for i in updates for t in shares[i][k])
        out.append(row)
    return out


def _update_shares(cell: str, letters: list[str]) -> list[list[str]]:
    """Each lettered sub-action's part of a row's update: the paragraphs its letter opens ("(b) The
    centre is being built ..."), else one paragraph each when there are as many as sub-actions (in
    the order the status cell gives them), else the whole update for each."""
    items = split_cell(cell)
    marks = [m.group(1) if (m := _LETTER_MARK.match(t)) else None for t in items]
    if marks and marks[0] is not None and set(marks) - {None} <= set(letters):
        by_letter: dict[str, list[str]] = {}
        current = marks[0]
        for mark, text in zip(marks, items, strict=True):
            current = mark or current
            by_letter.setdefault(current, []).append(text)
        return [by_letter.get(letter, []) for letter in letters]
    if len(items) == len(letters):
        return [[t] for t in items]
    return [items for _ in letters]


def _row_fields(cells: list[str], roles: dict[int, str], header: list[str] | None = None) -> dict[str, str]:
    """The row's owner, due, status and update cells, keyed by role (several columns joined by "; ");
    a status cell that means something only with its header ("Yes" under "Complete?", "G" under
    "RAG") is read with it (`answered_status`)."""
    fields: dict[str, str] = {}
    earlier = sorted((i for i, r in roles.items() if r == "earlier status"), reverse=True)
    for i, role in sorted(roles.items()):
        if role in ("action", "logged", "measure", "code", "earlier status") or i >= len(cells):
            continue
        text = "; ".join(split_cell(cells[i])) if role == "owner" else strip_markup(cells[i])
        if role == "status" and earlier and _NO_CHANGE.fullmatch(text.strip()):
            # "–" under this year: not reported again, it stands as the last year that reported it left it
            i = next((j for j in earlier if j < len(cells) and strip_markup(cells[j]).strip()
                      and not _NO_CHANGE.fullmatch(strip_markup(cells[j]).strip())), i)
            text = strip_markup(cells[i])
        if role == "status" and header and i < len(header) and text:
            text = answered_status(strip_markup(header[i]), text)
        if role == "due" and (status_phrase(text.strip(" .")) or dated_status(text)) \
                and progress_of(text) in ("done", "revised"):
            role = "status"  # a date column that gives no date but how the item stands ("Revised deadline: Closed")
        if text:
            fields[role] = f"{fields[role]}; {text}" if role in fields else text
    return fields


# A response to recommendations, as a response document writes it after quoting each one: "This
# recommendation is accepted in full by ...", "The Trust accepts both recommendations", "Response:",
# "Agreed." on its own.
_RESPONSE = re.compile(
    r"\b(?:this|the|these|both|all|parts? of (?:the|this|these)) (?:sub-?)?recommendations? (?:is|are) "
    r"(?:(?:not|partially|partly) )?(?:accepted|agreed|supported|rejected|declined)\b|"
    r"\baccepts? (?:this|the|these|both|all) (?:sub-?)?recommendations?\b|"
    # by number: "Recommendations 12) a-c) are accepted in full", "Recommendation 4 is not accepted"
    r"^recommendations? \(?\d{1,3}[a-z]?\)?(?:\s*(?:[-–/,&]|and|to)?\s*\(?(?:\d{1,3}|[a-z])[a-z]?\)?){0,4} (?:is|are) "
    r"(?:(?:not|partially|partly) )?(?:accepted|agreed|supported|rejected|declined)\b|"
    r"^(?:management |government |council |trust |our )?response\s*(?:[:\-–]|$)|"
    r"^(?:accepted|agreed|not accepted|partially accepted|rejected)(?: in (?:full|part|principle))?\s*(?:[.:\-–]|$)",
    re.I)
# What a recommendation asks, in the words recommendations are written in: "should", "must", the
# subjunctive ("That a memorial be established"), "There should be ...".
_ASKS = re.compile(r"\b(?:should|must|ought to)\b|^\W*(?:\w{1,4}[.)]\s*){0,2}(?:that|there should)\b|\bthat there be\b|"
                   r"(?<!\bwill )(?<!\bto )(?<!\bmay )(?<!\bcan )\bbe (?:\w+ed|given|made|set|kept|held|seen|taken|"
                   r"undertaken|drawn|shown|brought)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
_QUOTED_MAX = 8  # recommendations quoted together before one response


# A recommendation's own number, as a report numbers the parts of one: "11c.", "2a)", "12 b."
_PART_NUMBER = re.compile(r"^\W*(\d{1,3})\s?[a-z][.)]\s")


def _same_numbered_set(a: str, b: str) -> bool:
    """Two parts of one numbered recommendation ("11c. If it appears ..." and "11d. If the minister ...")."""
    ma, mb = _PART_NUMBER.match(a), _PART_NUMBER.match(b)
    return ma is not None and mb is not None and ma.group(1) == mb.group(1)


# The line that attributes a quotation, as reports print the voices of those they heard beside their
# own text: "Anonymous", or a person's name, a comma and who they speak for ("Dana Reyes, Brightway
# Health", "Cllr Ann Lee, Northshire Youth Forum"), with no sentence of its own.
_ATTRIBUTION = re.compile(
    r"^[-–—]?\s*(?:(?i:anonymous)|(?:(?i:dr|prof|professor|cllr|councillor|mr|mrs|ms|miss|sir|dame)\.?\s+)?"
    r"[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,2},\s+[A-Za-z0-9][^\s,;:]*(?:\s+[A-Za-z0-9&'’()/\-]+){0,6})$")
_ANONYMOUS = re.compile(r"^[-–—]?\s*anonymous$", re.I)
_PLEDGE = re.compile(r"\bwe\s+(?:will|shall|are\s+committed|commit)\b|\bour\s+(?:commitment|pledge|promise)", re.I)
_QUOTATION_MAX_WORDS = 60


def _is_attribution(b: Block) -> bool:
    # (a line this short, set apart, often reads as a heading)
    return b.kind in ("paragraph", "fragment", "heading") and _ATTRIBUTION.match(b.text.strip()) is not None


def mark_attributed_quotations(blocks: list[Block]) -> None:
    """Mark the quotations a report prints with their speaker's name on the line under them (pull
    quotes of what stakeholders said, beside the author's own text): a short paragraph right above
    an attribution line, where the passage attributes at least two quotations or one to "Anonymous".
    They are someone's views and requests, not the author's undertakings; a paragraph that pledges
    in the first person plural ("we will", "our commitment"), and one above a signature block (two attribution lines in a row, a
    foreword's signatories), is left alone."""
    marks = [k for k, b in enumerate(blocks) if _is_attribution(b)]
    if not marks or len(marks) < 2 and not _ANONYMOUS.match(blocks[marks[0]].text.strip()):
        return
    for k in marks:
        if k == 0 or k + 1 < len(blocks) and _is_attribution(blocks[k + 1]):
            continue
        prev = blocks[k - 1]
        if prev.kind != "paragraph" or _is_attribution(prev) or _PLEDGE.search(prev.text) \
                or len(prev.text.split()) > _QUOTATION_MAX_WORDS:
            continue
        prev.quoted = True


def mark_quoted_recommendations(blocks: list[Block]) -> None:
    """Mark the recommendations a response document quotes before its response to them: the
    paragraphs and list items right before a response ("This recommendation is accepted in full"),
    back to the heading, each written as an ask (`_ASKS`) and none in the author's own voice."""
    for k, b in enumerate(blocks):
        if b.kind not in ("paragraph", "list_item") or not _RESPONSE.search(b.text):
            continue
        j = k - 1
        while j >= 0 and k - j <= _QUOTED_MAX:
            prev = blocks[j]
            if prev.kind not in ("paragraph", "list_item") or prev.quoted or _RESPONSE.search(prev.text) \
                    or _FIRST_PERSON.search(prev.text):
                break
            if not _ASKS.search(prev.text) and not (j < k - 1 and _same_numbered_set(prev.text, blocks[j + 1].text)):
                break  # (a part of a numbered set the run is in, "11c." above "11d.", is quoted with it)
            prev.quoted = True
            j -= 1
