"""The data model shared by every stage of the pipeline.

sources -> layout produce a `Document` of `Block`s; extract turns blocks into `Commitment`s;
store persists both; export and the CLI read them back.  Plain dataclasses, so each stage can be
tested on its own and the store can serialise them without an ORM.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class DueDate:
    """A date or period a commitment is due by or scheduled in, as written and normalised.

    `start`/`end` are ISO dates or None (an open start such as "by March 2018" has no start;
    "from July 2019" has no end).
    """

    text: str
    start: str | None
    end: str | None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Position:
    """Where a passage sits on a PDF page, so an auditor can find it: the page, its box in PDF points
    (x from the left edge, y from the top), the column it is in, and its text lines (counted down
    its column, or down the page outside columns; tables and running headers aside)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    column: str | None = None  # "left" | "middle" | "right" | None (full width)
    first_line: int | None = None
    last_line: int | None = None
    table: bool = False
    # Its line's place in the document's reading order (1-based, over every page): what a text
    # source's line number is, for the tracer's tests of nearness ("the rows between two linked ones",
    # "within 20 lines under the same heading").  Not shown: no reader counts lines so in a PDF.
    order: int | None = None

    def merge(self, other: Position | None) -> Position:
        """The box over both (same page only: a passage running over a page break keeps its start)."""
        if other is None or other.page != self.page:
            return self
        lines = [n for n in (self.first_line, self.last_line, other.first_line, other.last_line) if n]
        orders = [n for n in (self.order, other.order) if n]
        return Position(self.page, min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1),
                        max(self.bottom, other.bottom), self.column if self.column == other.column else None,
                        min(lines) if lines else None, max(lines) if lines else None, self.table and other.table,
                        min(orders) if orders else None)

    def describe(self) -> str:
        """'page 7, left column, lines 12–14' (or '..., in a table')."""
        parts = [f"page {self.page}"]
        if self.column:
            parts.append(f"{self.column} column")
        if self.table:
            parts.append("in a table")
        elif self.first_line:
            parts.append(f"line {self.first_line}" if self.last_line in (None, self.first_line)
                         else f"lines {self.first_line}–{self.last_line}")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(self).items()}

    @staticmethod
    def from_dict(d: dict | None) -> Position | None:
        return Position(**d) if d else None


@dataclass
class Block:
    """One unit of a document's layout: a heading, a paragraph, a list item or a table cell item.

    `section` is the heading path above the block; `column` and `row_label` carry a table cell's
    column header and the row's first cell; `row_key` groups the cells of one table row so that
    NEXT STEPS items can point at their row's COMMITMENT.  `intro` is the sentence that introduced
    a list ("Our focus will be on:"), which decides whether its bullets are commitments.
    """

    kind: str  # heading | paragraph | list_item | cell | fragment
    text: str
    line: int | None = None
    page: int | None = None
    section: tuple[str, ...] = ()
    level: int = 0  # heading level (1 = most prominent) or list depth
    column: str | None = None
    row_label: str | None = None
    row_key: str | None = None
    intro: str | None = None
    # The lead-ins above `intro`, innermost first: the list a nested list hangs from ("Providers
    # should:" above "Develop workforce plans:"), and the first of a run of lead-in paragraphs
    # ("X will address these aims:" above "Aim one, through:"). Owners pass down through them.
    outer_intros: tuple[str, ...] = ()
    scope_dates: tuple[DueDate, ...] = ()  # dates inherited from headings / column headers
    negative_context: bool = False  # inside risks, case studies, contents, attendance...
    forward_context: bool = False  # inside a list or section that announces commitments
    # A recommendation made to the author, quoted before the author's response to it ("2a. A memorial
    # should be established ..." then "This recommendation is accepted in full"): another body's ask.
    quoted: bool = False
    # Labelled fields the layout read for this item, keyed by role, with the text as written:
    # "owner" (Who / Lead / Responsible officer / By whom), "due" (When / Timescale / By when),
    # "status" (Status / RAG / Progress), "update" (Latest update / Comments).  Action blocks
    # ("What: ... Who: ... When: ...") and action tables (columns identified by header meaning) fill it.
    fields: dict[str, str] = field(default_factory=dict)
    position: Position | None = None  # PDF sources: where on the page (kb.sources.pdf)
    # A milestone named in a table row's timescale cell ("Worker in post by April 2021" under
    # "Milestone" beside the row's action): a step of the row's action, its record the action's child.
    timing: bool = False


@dataclass
class DocumentMeta:
    """What a document is: inferred from its content, overridable in corpus/catalog.toml."""

    id: str
    title: str = ""
    organisation: str = ""
    date: str | None = None  # publication date, ISO (first day of the month when only a month is known)
    period: str = ""  # the period the whole document covers, as written ("2014/16")
    period_start: str | None = None
    period_end: str | None = None
    kind: str = "other"  # commissioning intentions | STP | board papers | five-year plan | other

    def doc_date(self) -> date | None:
        return date.fromisoformat(self.date) if self.date else None


@dataclass
class Document:
    meta: DocumentMeta
    path: str
    sha256: str
    source_kind: str  # "text" | "pdf"
    pages: int | None
    blocks: list[Block] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # PDF pages read by OCR (their records are less certain)
    notes: list[str] = field(default_factory=list)  # what the reader wants the user told ("pages 3-4 read by OCR")


@dataclass
class Target:
    """A measurable figure a commitment names: '30%', '£6.3m', '18,546 people'."""

    value: str
    unit: str  # percent | money | count | duration
    subject: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Commitment:
    """One forward-looking undertaking, with where it came from and what it commits to."""

    id: str
    doc_id: str
    kind: str  # commitment | target | milestone | decision | evidence
    text: str
    section: str
    page: int | None
    line: int | None
    due: list[DueDate] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    status: str = ""
    parent_id: str | None = None
    thread_id: str | None = None
    context: str = ""  # the surrounding source passage
    evidence: list[str] = field(default_factory=list)  # WHAT WE HAVE DONE / PATIENT IMPACT text
    confidence: float = 1.0
    position: Position | None = None  # PDF sources: page, box, column and lines of its passage
    # The status its own document reports for it, as written ("Partially complete"): a review table's
    # or an action block's Status / RAG / Progress value (kb.layout.fields.progress_of reads it).
    reported: str = ""

    # Where the owners came from (kb.extract.owners.Owners.source: "grammar" | "field" | "intro" |
    # "mention" | ""), for the confidence; set at extraction, not stored.
    owner_source: str = field(default="", compare=False)

    @property
    def heading(self) -> str:
        """The innermost heading of its section path (a table row's label where the row names it):
        where plans put an item's reference number and the subject it is a step of."""
        return self.section.split(" › ")[-1].strip() if self.section else ""

    @property
    def order(self) -> int | None:
        """Where it sits in its document's reading order: its line in a text source, its first
        line's place in a PDF's reading order (`Position.order`), else None.  The tracer's tests of
        nearness read this, so that a PDF's rows and paragraphs are neighbours as a text's are."""
        if self.line is not None:
            return self.line
        return self.position.order if self.position is not None else None

    def place(self) -> str:
        """Where to find it in its source: 'page 7, left column, lines 12–14', 'page 3' or 'line 40'."""
        if self.position:
            return self.position.describe()
        return ", ".join(p for p in (f"page {self.page}" if self.page else "", f"line {self.line}" if self.line else "")
                         if p)
