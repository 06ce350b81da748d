"""Turn source lines into layout blocks: headings with levels, paragraphs, list items, table cells.

The text exports (and the PDF reader, which emits the same conventions) carry structure only in
line shapes, so this module reads those shapes:

- a run of non-blank lines is one paragraph (soft wrap) unless its lines are bullets or table rows;
- a short line with no closing punctuation is a heading; its level comes from its prominence
  (ALL CAPS or a title directly followed by a subtitle = 1, other headings = 2, a bare period
  such as "2016/17" or "Immediate" = 3), which is what scopes heading dates to the items below;
- tab-separated rows form tables; the first row is a header when its cells are short labels;
- ALL-CAPS action words followed by short fragments ("IMPROVE" / "dementia diagnosis") are the
  infographic panels of slide-style documents and are joined into one fragment.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from kb.extract.dates import date_cell_tail, field_dates, find_dates, has_start_end_cells
from kb.extract.lexicon import ACTION_VERBS, DOER_TITLE
from kb.layout.fields import (
    RATING_MARKS,
    Labelled,
    answered_status,
    label_role,
    looks_like_party,
    progress_of,
    split_labels,
    status_phrase,
    status_phrase_head,
    takes_no_value,
    trailing_fields,
)
from kb.layout.markup import is_all_caps, strip_markup, words
from kb.model import Position
from kb.sources.base import SourceLine

# A list marker opening a line: a dash or bullet character, a symbol font's glyph as a PDF-to-text tool
# prints it (a private-use character such as U+F0A7 for Wingdings' square, or the letter the font draws
# a bullet with: Word's "o" sub-bullet, ZapfDingbats' "n" square, Wingdings' "l" disc and "q" box,
# a lone lower-case letter no English sentence opens with before a capital), or pdfminer's "(cid:N)".
_BULLET = re.compile(r"^(\s*)(?:[-–•●▪➤➢○◦■□☐☑☒◆♦✓✔\uf000-\uf0ff]|\(cid:\d+\)|[nlqo](?=\s+[A-Z]))(?:\s+|$)")
_NUMBERED = re.compile(r"^\s*(?:-\s+)?(?:\(?\d{1,2}[.)]|\(?[ivx]{1,4}\)|\(?[a-h]\))\s+")
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[A-Z*])")
# A multi-level reference number ("1.1.2", "4.10"): how plans number their paragraphs, actions and
# review rows; a plan that letters the actions under a numbered objective ends it with the letter
# ("2.3a", "2.3b"), which a capitalised word follows (so "2.5m people" is no reference).  Each reader
# below says what may follow it.
REFERENCE_NUMBER = r"\d{1,2}(?:\.\d{1,2}){1,3}(?:[a-z](?=\.?\s+[A-Z]))?"
# An item's number after the word for its kind, as plans head each action of a numbered hierarchy:
# "Action 1a.i", "Action 3b.ii", "Action 2.1", "Commitment 12", "Recommendation 4" (sub-parts in
# numbers, letters or roman numerals), also after a theme's letter code ("Action A2.1", "Action HW-3").
ACTION_NUMBER = r"(?:action|commitment|recommendation)\s+(?:[A-Z]{1,4}-?)?\d{1,2}[a-z]?(?:\.(?:\d{1,2}|[ivx]{1,4}|[a-z]))*"
# A numbered label naming the kind of item after it, before its stop: "Recommendation 10", "Action 2.3",
# "Priority 1", "Key action 4".
LABELLED_NUMBER = r"[A-Z][a-z]{2,20}(?: [a-z]{2,12})? \d{1,2}(?:\.\d{1,2})*[a-z]?"
# A numbered part of a strategy, titled by the outcome or aim it pursues, which may be a whole
# statement ("Outcome 2: Carers are listened to", "Priority 3 – People will live well at home").
_LABELLED_SECTION = re.compile(r"^(?:outcome|priority|theme|ambition|aim|goal|pillar|chapter|part|strand)\s+"
                               r"(?:\d{1,2}[a-z]?|[A-Z]|one|two|three|four|five|six|seven|eight|nine|ten)\s*[:.–—-]\s+\S", re.I)
_LABELLED_SECTION_WORDS = 16
_QUOTED_TITLE_WORDS = 24
# A headline told as a question word and its clause, as plans title their sections ("How we will
# deliver", "What we have done", "Why this matters", "Where are we now?", "Who is a carer?"), on a
# line of its own, plain or bold: its "will" and "we" make it no sentence.  Not a labelled line
# ("What we will do: Support ...": the label and its content) nor a clause with a comma, which a
# sentence opening with a question word carries ("Where we can, we will ...").
_QUESTION_TITLE = re.compile(r"^(?:How|What|Why|Where|When|Who|Which)\s[^,.:;!?]*\??$")
_QUESTION_TITLE_WORDS = 12
_QUESTION_STARTS = frozenset("HW")  # a cheap test before the pattern, run on every line of a document
# A line that opens with a multi-level reference ("1.1.2 Encourage employers ...", "4.10 The Trust")
# starts an action or a section of its own: a wrapped sentence does not break before such a number.
# A one-level number with a letter ("1a.", "3b)") refs a lettered action under a numbered objective
_REFERENCE_START = re.compile(rf"^(?:{REFERENCE_NUMBER}\.?|\d{{1,2}}[a-z][.)])\s+(?=[A-Z])")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_DASH_SEPARATOR = re.compile(r"^[\s\-|:]*$")
_CONNECTORS = {"and", "to", "for", "the", "of", "a", "an", "are", "with", "in", "on", "by", "or", "our", "your", "if"}


# A Markdown heading ("# Title", "## 2. Support", "### Actions ##"): its level is given by its marks.
_ATX_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<title>.*?\S)(?:[ \t]+#+)?[ \t]*$")
ATX = "atx"  # the marker of a heading written so


@dataclass
class RawBlock:
    kind: str  # paragraph | list_item | table | fragment | heading
    lines: list[SourceLine]
    depth: int = 0
    rows: list[list[str]] = field(default_factory=list)  # for tables: raw cells
    blank_before: int = 0
    blank_after: int = 0
    fields: dict[str, str] = field(default_factory=dict)  # labelled fields read for this item (kb.layout.fields)
    label: str = ""  # action blocks: the label the action was given ("What", "Action")
    items: list[tuple[str, SourceLine]] = field(default_factory=list)  # action blocks: each action and its line
    marker: str = ""  # list items: "bullet" ("- ", "•") or "numbered" ("1.", "(a)"), to tell nested lists apart
    part: bool = False  # headings: a repeated question headline, a part of the section above (classify_headings)

    @property
    def first(self) -> SourceLine:
        return self.lines[0]

    @property
    def position(self) -> Position | None:
        """Where the block is on its PDF page (None for text sources)."""
        where = None
        for sl in self.lines:
            if sl.position is not None:
                where = sl.position if where is None else where.merge(sl.position)
        return where

    @property
    def text(self) -> str:
        return strip_markup(join_lines(sl.text for sl in self.lines))

    @property
    def raw(self) -> str:
        return join_lines(sl.text for sl in self.lines)


_LINE_END_HYPHEN = re.compile(r"[A-Za-z]-$")


def join_lines(texts) -> str:
    """A block's lines as one text: joined with a space, but a word hyphenated over a line end
    ("commis-" / "sioning", "father-" / "inclusive") goes on with no space, keeping its hyphen as the
    PDF reader does; a hyphen before a capital ("Self-" / "Assessment") may be a dash, and keeps the space."""
    out = ""
    for raw in texts:
        t = raw.strip()
        if not out:
            out = t
        elif t[:1].islower() and _LINE_END_HYPHEN.search(out):
            out += t
        else:
            out = f"{out} {t}" if t else out
    return out


def _is_table_line(text: str) -> bool:
    return "\t" in text.strip("\n") and bool(text.strip()) or text.lstrip().startswith("|")


def _table_cells(text: str) -> list[str]:
    s = text.rstrip("\n")
    if s.lstrip().startswith("|"):
        s = s.strip()
        return [c.strip() for c in s.strip("|").split("|")]
    return [c.strip() for c in s.split("\t")]


def _is_label_line(text: str) -> bool:
    return ":" in text and bool(split_labels(strip_markup(text)))


_DENSE_BLANKS = 0.02  # fewer blank lines than this share: the export writes one paragraph a line


def one_paragraph_a_line(texts: Sequence[str]) -> bool:
    """Exports that write each paragraph, heading and item on a line of its own, with no blank
    lines between them: there a line break ends a block unless the next line visibly continues it.
    (A property of the whole document: a document laid out in pieces passes it to each piece.)
    Only blank lines between two written ones count: the empty line after a file's final line end
    (or blank lines before its first) part no paragraphs, and in a short export would be a share."""
    full = [k for k, t in enumerate(texts) if t.strip()]
    if len(full) < 10:
        return False
    return (full[-1] - full[0] + 1 - len(full)) < _DENSE_BLANKS * len(full)


ITEMS = "items"  # `line_layout`: blocks set apart by blank lines, each of their lines an item


def line_layout(texts: Sequence[str]) -> bool | str:
    """What a line break inside a block means: True, the document writes one paragraph a line
    (`one_paragraph_a_line`); ITEMS, its blocks are spaced but each line of a block is an item of
    its own (`one_item_a_line`); False, a soft wrap.  Both true values end a block at a line break
    unless the next line visibly continues it; under ITEMS the lines of such a block are list items."""
    if one_paragraph_a_line(texts):
        return True
    return ITEMS if one_item_a_line(texts) else False


_ITEM_BREAKS_MIN = 8  # line breaks inside blocks: fewer say nothing of how the document writes them
_RUNS_ON_AFTER = re.compile(r"(?:\b(?:and|or|of|the|to|for|in|on|by|with|a|an)|[,&-])$", re.I)


def one_item_a_line(texts: Sequence[str]) -> bool:
    """Exports that set blocks apart with blank lines yet write each item of a slide or a list on a
    line of its own with no bullet ("Expand free swimming ..." / "Introduction of 'walking football'
    ..." / "Single booking system ..."): inside a block no line break visibly continues a sentence
    (the next line going on in lower case, or the line breaking off on a connecting word, a comma or
    a hyphen), over enough breaks to tell.  A soft-wrapped export breaks inside sentences most of the
    time.  Table rows and bulleted or numbered lines are items of their own already and not counted."""
    breaks = 0
    for a, b in zip(texts, texts[1:], strict=False):
        sa, sb = strip_markup(a).strip(), strip_markup(b).strip()
        if not sa or not sb or _is_table_line(a) or _is_table_line(b) or _BULLET.match(b) or _NUMBERED.match(b):
            continue
        if sb[:1].islower() or _RUNS_ON_AFTER.search(sa):
            return False  # one sentence run on over a line break: the document wraps its lines
        breaks += 1
    return breaks >= _ITEM_BREAKS_MIN


_WRAPPED_SHARE = 0.2  # lines going on in lower case after a line of prose: a hard-wrapped export
_WRAP_MIN_WORDS = 5


def hard_wrapped(texts: Sequence[str]) -> bool:
    """A PDF-to-text tool's raw output (pdfplumber's extract_text, pdfium's text layer): each printed
    line a line of its own and no blank line between paragraphs, so sentences run on over line breaks.
    Told from the whole document: after a line of prose, the next line goes on in lower case a fifth of
    the time or more (a one-paragraph-a-line export almost never breaks inside a sentence)."""
    lines = n = low = 0
    prev = ""
    for raw in texts:
        t = raw.strip()
        if t:
            lines += 1
        if prev and t and "\t" not in prev and len(prev.split()) >= _WRAP_MIN_WORDS:
            n += 1
            low += t[:1].islower()
        prev = t
    return lines >= 10 and n > 0 and low >= _WRAPPED_SHARE * n


_WIDTH_SPAN = 8  # lines either side that show how wide the text runs where a line is
_FULL_LINE = 0.7  # a line this share of that width or wider runs to the margin
_OVERLONG = 1.4
# A numbered item or title of its own: "Pledge 5: We will ...", "Objective 2 - Reduce ...", "Step 3. Agree ..."
ENUMERATED = re.compile(r"^[A-Z][a-z]+\s+\d{1,2}(?:\.\d{1,2})*[a-z]?\s*[:.–-]\s")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]*]*$")


def _full_lines(texts: Sequence[str]) -> list[bool]:
    """For each line, whether it runs to the right margin of the text around it (its length at least
    `_FULL_LINE` of the longest within `_WIDTH_SPAN` lines, unless that one is far longer than any other):
    a printed line that a PDF-to-text
    tool broke where the page's line ended, not where the writer ended a paragraph or a heading."""
    lengths = [len(t.strip()) if "\t" not in t.strip() else 0 for t in texts]
    out = []
    for k, n in enumerate(lengths):
        near = sorted(lengths[max(0, k - _WIDTH_SPAN):k + _WIDTH_SPAN + 1])
        width = near[-1]
        if len(near) > 1 and near[-1] > _OVERLONG * near[-2]:
            width = near[-2]  # one line far longer than the rest: two lines a tool joined at a hyphen
        out.append(n > 0 and n >= _FULL_LINE * width)
    return out


_TITLE_MAX_LINE_WORDS = 10


_HEADER_SPAN_WORDS = 6  # words a column label holds at most ("What we have committed to")
_HEADER_MIN_LABELS = 3
_TABLE_ZONE = 40  # lines under a flattened header that may be its rows


def flattened_header(text: str) -> bool:
    """A table's header row that a PDF-to-text tool printed as one line of words ("What we have committed
    to Led by Timescale Measure Shared"): the line reads whole, but for a word or two (a label wrapped
    onto the next line), as three known column labels or more of two roles or more (kb.layout.fields)."""
    ws = strip_markup(text).split()
    if len(ws) < _HEADER_MIN_LABELS or "\t" in text:
        return False
    # best[i]: (words covered by labels, labels, roles) for the first i words
    best: list[tuple[int, int, frozenset]] = [(0, 0, frozenset())] + [(-1, 0, frozenset())] * len(ws)
    for i in range(len(ws)):
        if best[i][0] < 0:
            continue
        skip = (best[i][0], best[i][1], best[i][2])
        if skip[0] > best[i + 1][0]:
            best[i + 1] = skip
        for j in range(i + 1, min(len(ws), i + _HEADER_SPAN_WORDS) + 1):
            role = label_role(" ".join(ws[i:j]))
            if role is not None:
                cand = (best[i][0] + j - i, best[i][1] + 1, best[i][2] | {role})
                if cand[:2] > best[j][:2]:
                    best[j] = cand
    covered, labels, roles = best[-1]
    return labels >= _HEADER_MIN_LABELS and len(roles) >= 2 and len(ws) - covered <= 2


def _table_zones(texts: Sequence[str]) -> set[int]:
    """The lines that may be the rows of a table printed flat, one row a line or its cells' lines in
    turn: up to `_TABLE_ZONE` lines after a `flattened_header` line, until a blank line.  A row's line
    there runs to the margin without ending a sentence, and the next row opens with a capital."""
    zone: set[int] = set()
    for k, t in enumerate(texts):
        if t.strip() and flattened_header(t):
            for j in range(k + 1, min(len(texts), k + 1 + _TABLE_ZONE)):
                if not texts[j].strip():
                    break
                zone.add(j)
    return zone


def _runs_on(full: list[bool], prev: int, k: int, text: str) -> bool:
    """In a hard-wrapped export, may line `k` go on from line `prev` above it?  Only when that runs to
    the margin, and this line is no title: a short line opening with a capital and ending with no
    sentence's stop ("What we will do next") after a full one starts a section, while the short last
    line of a sentence ends with its stop ("2026, starting with the schools.").  A line cut on a
    connecting word ("working with the" / "Westmarch Tree Trust") goes on all the same (`_wraps_into`)."""
    if prev < 0 or not full[prev]:
        return False
    plain = strip_markup(text).strip()
    return (full[k] or bool(_SENTENCE_END.search(plain)) or not plain[:1].isupper()
            or len(words(plain)) > _TITLE_MAX_LINE_WORDS)


# the last word or two of a wrapped sentence, its full stop and at most a short cell after it
_ROW_TAIL = re.compile(r"^[A-Za-z][\w'’-]*(?:\s+[\w'’-]+)?[.!?](?:\s*[\w-]+(?:\s+\w+)?)?$")
_POSSESSIVE_END = re.compile(r"[A-Za-z]{2}['’]s$")


_CAPTION_LINES = 2  # a figure and its caption ("**28**" / "new same day emergency care trolleys")


def _caption_then_sentence(block: RawBlock, text: str) -> bool:
    """Whether a whole sentence follows a block of a line or two that are short and end in no stop: a
    callout's figure and caption, or a title, over the paragraph that tells it ("**28**" / "new same day
    emergency care trolleys" / "We will open a 28-trolley unit by December 2023.").  A sentence runs on
    over a line break on a connecting word or a comma, and goes on past its first line when it is long;
    a caption's last line ends on neither and the next opens a sentence of its own."""
    if len(block.lines) > _CAPTION_LINES or block.kind != "paragraph":
        return False
    last = block.lines[-1].text.strip()
    if last.startswith("**") and last.endswith("**"):
        return False  # a bold title over its paragraph is read with it (a run-in title, kb.layout.structure)
    plain = strip_markup(text).strip()
    if not plain[:1].isupper() or not _SENTENCE_END.search(plain) or len(words(plain)) <= _TITLE_MAX_LINE_WORDS:
        return False
    for sl in block.lines:
        line = strip_markup(sl.text).strip()
        if _SENTENCE_END.search(line) or len(words(line)) > _TITLE_MAX_LINE_WORDS or _RUNS_ON_AFTER.search(line) \
                or "\t" in line:
            return False
    return True


def _wraps_into(block: RawBlock, text: str, dense: bool = False, runs_on: bool = False,
                wrapped: bool = False) -> bool:
    """Does a line continue the block above it?  In a paragraph-per-block export any line continues
    a paragraph; a labelled value ("When: 2020"), and any line of a one-paragraph-a-line export, is
    one line unless the next visibly continues it (lower case, or the line above breaks off on a
    connecting word), so a heading after it is not read as part of it.  In a hard-wrapped export
    (`hard_wrapped`) a line also continues the one above when that runs to the margin without ending
    its sentence (`runs_on`): "... we have promised to build" / "11,000 homes by 2043."."""
    if _opens_capitals_field(text):
        return False  # "PROGRESS UPDATE" (alone, or "- ..." after it) opens a field, whatever the line above
    if _caption_then_sentence(block, text):
        return False
    if not dense and not _is_label_line(block.first.text.strip()):
        return True
    prev = strip_markup(block.lines[-1].text)
    if wrapped and _POSSESSIVE_END.search(prev.strip()):
        return True  # "... Partnership Board’s" / "Strategic Aims:": a possessive ends no line of its own
    if runs_on and not _SENTENCE_END.search(prev.strip()) and not ENUMERATED.match(text) and not (
            is_all_caps(text) and not is_all_caps(prev)):
        return True
    if not _SENTENCE_END.search(prev.strip()) and _ROW_TAIL.match(strip_markup(text).strip()):
        return True  # "... into the new Housing Allocations" / "Policy. Oct-24": a row's last word and its date
    if has_start_end_cells(text) and not has_start_end_cells(prev) and not starts_with_action(text) \
            and not (len(block.lines) == 1 and _looks_like_heading(prev.strip())):
        return True  # "Repair play areas with ... Leisure Team Town" / "Councils Jun-23 Mar-24 B1": the row's cells wrapped
    if prev.count("(") > prev.count(")") and ")" in text and text.count(")") > text.count("("):
        return True  # "... (such as leisure centres, museums and" / "theatres) will be ...": the bracket closes here
    return text[:1].islower() or bool(re.search(r"(?:\b(?:and|or|of|the|to|for|in|on|by|with|a|an)|[,&-])$", prev))


_OPEN_END = re.compile(r"(?:[A-Za-z]{2,}|[,–—-])$")  # a line that stops on a word or a comma, mid-sentence


def _spaced_wrap(held: RawBlock, text: str) -> bool:
    """Does `text`, one blank line under the paragraph `held`, go on with its sentence?  Only when the
    paragraph breaks off on a word or a comma and the line opens in lower case with a word: no new
    sentence, heading, item or row starts so.  (A lower-case start after a full stop or a colon is a
    new piece: "e.g." notes, an item's value.)"""
    if held.kind != "paragraph" or _is_table_line(text) or _BULLET.match(text) or _NUMBERED.match(text):
        return False
    raw = held.lines[-1].text.strip()
    prev = strip_markup(raw).strip()
    if "\t" in prev or raw.endswith("**") or len(words(prev)) < 6:
        return False  # (a short line is a title or a label, which a lower-case line does not continue)
    return bool(_OPEN_END.search(prev)) and bool(re.match(r"[a-z]{2,}\b", text))


def _continues_table(table: RawBlock, nxt: str) -> bool:
    """Does the table go on after a one-cell line (a full-width row), rather than a new table start?

    It does when the next line is a row of as many cells as the table's first row, and not a new
    header (cells that are all known labels: "Action / Lead / Timescale").
    """
    if not nxt.strip() or not _is_table_line(nxt):
        return False
    cells = _table_cells(nxt)
    if len(cells) != len(table.rows[0]):
        return False
    return sum(1 for c in cells if label_role(strip_markup(c))) < 2


_FULL_WIDTH_RUN = 3  # one-cell lines in a row that a table may hold (a group's title, then its intro)
# A table's or figure's caption: its number, then a stop or dash before its title ("Table 4- Replacement
# documents", "Table 2.1: Summary of ...", "Figure 1 – Timetable for ...").
_TABLE_CAPTION = re.compile(r"^(?:table|figure)\s+\d{1,2}(?:\.\d{1,2})*[a-z]?\s*[:.\-–—]\s*\S", re.I)


def _next_row_continues(table: RawBlock, lines: list[SourceLine], k: int) -> bool:
    """Whether the table goes on after the one-cell line `k`: the first row after it (past at most
    a few more one-cell lines, none blank: "Creating capacity" then its intro, then the rows)
    continues the table (`_continues_table`)."""
    if _TABLE_CAPTION.match(strip_markup(lines[k].text).strip()):
        return False  # "Table 4- Replacement documents": the next table's caption, this one has ended
    for j in range(k + 1, min(len(lines), k + 1 + _FULL_WIDTH_RUN)):
        nxt = lines[j].text
        if not nxt.strip() or _BULLET.match(nxt) or _TABLE_CAPTION.match(strip_markup(nxt).strip()):
            return False
        if _is_table_line(nxt):
            return _continues_table(table, nxt)
    return False


def group_lines(lines: list[SourceLine], dense: bool | str | None = None, wrapped: bool | None = None) -> list[RawBlock]:
    """Group physical lines into raw blocks (paragraphs joined across soft wraps).  `dense`: whether
    the document writes one paragraph a line (`one_paragraph_a_line`; default: read from `lines`);
    `wrapped`: whether it is a PDF-to-text tool's hard-wrapped output (`hard_wrapped`, likewise)."""
    blocks: list[RawBlock] = []
    blank = 0
    current: RawBlock | None = None
    if dense is None:
        dense = line_layout([sl.text for sl in lines])
    lines = _split_run_in_leads(_split_doer_titles(lines))
    if wrapped is None:
        wrapped = hard_wrapped([sl.text for sl in lines])
    full = _full_lines([sl.text for sl in lines]) if wrapped else []
    if wrapped:  # under a table's header printed flat, a line that runs to the margin is a row, not a wrap
        full = [f and k + 1 not in zone for k, f in enumerate(full)] if (zone := _table_zones(
            [sl.text for sl in lines])) else full
    lettered_items = _capital_lettered(lines)
    line_items: set[int] = set()  # the list items a block of unmarked item lines was read as (`ITEMS`)
    held: RawBlock | None = None  # the block before a run of blank lines (a hard-wrapped export's page break)
    pending: int | None = None  # the depth of a bullet written alone on the line above
    before_bullet: RawBlock | None = None  # the block that line ended
    last = -1  # the index of the last non-blank line
    # The document's bullets wrap under their text ("- Agree with bus operators a single" /
    # "      schools community ..."): seen once, a line back at the margin is no bullet's wrapped text.
    hanging = False
    paged = False  # a page's footer or header was blanked out since the last line of text
    for k, sl in enumerate(lines):
        text = sl.text
        if not text.strip():
            blank += 1
            paged = paged or sl.furniture
            if current is not None:
                held, current = current, None
            continue
        stripped = text.strip()
        page_broke, paged = paged, False
        if (dense and wrapped and blank and held is not None and held.kind in ("paragraph", "list_item")
                and not _BULLET.match(text) and not _NUMBERED.match(text) and not _is_table_line(text)
                and not _is_label_line(stripped) and not _REFERENCE_START.match(stripped)
                and not names_its_doers(stripped) and not names_its_doers(held.text)
                and _wraps_into(held, stripped, dense, _runs_on(full, last, k, stripped), wrapped)):
            # a sentence a page break cut (its page number or running header blanked out) goes on
            held.lines.append(sl)
            current, blank, last = held, 0, k
            continue
        if blank == 1 and held is not None and _spaced_wrap(held, stripped):
            # a sentence broken over two spaced lines ("... they want clear" / "" / "expectations,
            # quicker advice ..."), as a layout that sets every line apart prints a wrapped paragraph
            held.lines.append(sl)
            current, blank, last = held, 0, k
            continue
        last = k
        if pending is not None:  # the text of a bullet printed on a line of its own (pdfplumber's "•" / "Review the ...")
            depth, pending = pending, None
            if (stripped[:1].islower() and before_bullet is not None and before_bullet.kind == "paragraph"
                    and len(before_bullet.lines) == 1 and blank == 0):
                # printed beside the second line of its item ("Local guidelines ... will" / "•" / "be developed
                # ..."): the bullet marks the line above, which this one continues
                before_bullet.kind, before_bullet.marker, before_bullet.depth = "list_item", "bullet", depth
                before_bullet.lines.append(sl)
                current = before_bullet
                continue
            if not _is_table_line(text) and not _BULLET.match(text) and not _NUMBERED.match(text):
                current = RawBlock("list_item", [sl], depth=depth, blank_before=blank, marker="bullet")
                blocks.append(current)
                blank = 0
                continue
        if (current is not None and current.kind == "table" and blank == 0 and not _is_table_line(text)
                and _next_row_continues(current, lines, k) and not _BULLET.match(text)):
            if page_marked(stripped):
                continue  # a page's footer or header printed between two rows of the table: no row of it
            current.rows.append([text.strip()])  # a full-width row inside a table (a group's intro)
            current.lines.append(sl)
            continue
        if _is_table_line(text):
            if _PIPE_SEPARATOR.match(stripped) or _DASH_SEPARATOR.match(stripped.replace("\t", " ")):
                continue
            cells = _table_cells(text)
            if not any(re.search(r"[A-Za-z0-9]", c) for c in cells):
                continue
            if current is None and blocks:
                table, furniture = _table_before_furniture(blocks)
                if table is not None and _continued_table(table, cells, sl, page_break=bool(furniture) or page_broke):
                    # a table the page broke: its rows go on under its header, past the page's footer
                    # or header when one was printed between them
                    del blocks[len(blocks) - len(furniture):]
                    current = table
            if current is not None and current.kind == "table":
                current.rows.append(cells)
                current.lines.append(sl)
            else:
                current = RawBlock("table", [sl], rows=[cells], blank_before=blank)
                blocks.append(current)
            blank = 0
            continue
        if re.fullmatch(r"-\s*(\|\s*)*", stripped):  # "- | | |" debris before pipe tables, lone "-"
            continue
        atx = _ATX_HEADING.match(text)
        if atx:  # "## 2. Support": a Markdown export's heading, its level the number of marks
            blocks.append(RawBlock("heading", [replace(sl, text=atx.group("title"))], depth=len(atx.group("marks")),
                                   blank_before=blank, marker=ATX))
            current, blank = None, 0
            continue
        bullet = _BULLET.match(text)
        if bullet and not strip_markup(text[bullet.end():]) and stripped not in "-–":
            pending = len(bullet.group(1).replace("\t", " "))  # a bullet alone: its text is on the next line
            before_bullet, current = current, None
            continue
        if bullet and strip_markup(text[bullet.end():]):
            depth = len(bullet.group(1).replace("\t", " "))
            # (a key's mark before the status it stands for, "◐ Partially achieved: ...", is kept: the
            # rating cells give the mark alone, kb.layout.fields.rating_key_entries)
            keyed = text.strip()[:1] in RATING_MARKS and status_phrase_head(text[bullet.end():]) is not None
            current = RawBlock("list_item", [replace(sl, text=text.strip() if keyed else text[bullet.end():])],
                               depth=depth, blank_before=blank, marker="bullet")
            blocks.append(current)
            blank = 0
            continue
        if k in lettered_items:  # "A. Agree to transfer ...; and" / "B. Delegate authority to ..."
            current = RawBlock("list_item", [replace(sl, text=_drop_capital_letter(text))],
                               depth=0, blank_before=blank, marker="numbered")
            blocks.append(current)
            blank = 0
            continue
        if _opens_numbered_section(lines, k):  # "2. Create an account" over "2.1 Description": a section's title
            current = RawBlock("heading", [sl], blank_before=blank)
            blocks.append(current)
            blank = 0
            continue
        if _in_lettered_run(lines, k):
            current = RawBlock("list_item", [replace(sl, text=text.strip())], depth=0, blank_before=blank,
                               marker="numbered")
            blocks.append(current)
            blank = 0
            continue
        if _NUMBERED.match(text) and (_in_numbered_run(lines, k) or _follows_lead(lines, k)
                                      or not _looks_like_heading(strip_markup(_NUMBERED.sub("", text, count=1)))):
            lettered = bool(re.match(r"^\s*(?:-\s+)?\(?(?:[a-h]|[ivx]{1,4})\)", text))  # "(a)", "ii)": a sub-item
            current = RawBlock("list_item", [replace(sl, text=_NUMBERED.sub("", text, count=1))],
                               depth=1 if lettered else 0, blank_before=blank, marker="numbered")
            blocks.append(current)
            blank = 0
            continue
        if (current is not None and current.kind in ("paragraph", "list_item") and blank == 0
                and not _is_label_line(stripped) and not _REFERENCE_START.match(stripped)
                and not names_its_doers(stripped) and not (len(current.lines) == 1 and names_its_doers(current.first.text))
                and not (hanging and current.kind == "list_item" and current.marker == "bullet"
                         and not text[:1].isspace())
                and not (current.kind == "list_item" and _titles_next_list(current, stripped, lines, k))
                and _wraps_into(current, stripped, dense, wrapped and _runs_on(full, k - 1, k, stripped), wrapped)):
            current.lines.append(sl)  # soft wrap (a labelled field line starts its own block)
            if current.kind == "list_item" and current.marker == "bullet" and _HANGING.match(text):
                hanging = True
            continue
        if (dense == ITEMS and blank == 0 and current is not None and not _is_label_line(stripped)
                and (current.kind == "paragraph" and len(current.lines) == 1 or id(current) in line_items)):
            # a line of its own in a block of lines (a slide's bullets printed without their marks):
            # it and the line above are items of one list
            current.kind, current.marker, current.depth = "list_item", "bullet", 0
            current = RawBlock("list_item", [sl], depth=0, blank_before=0, marker="bullet")
            line_items.add(id(current))
            blocks.append(current)
            continue
        current = RawBlock("paragraph", [sl], blank_before=blank)
        blocks.append(current)
        blank = 0
    for i, b in enumerate(blocks[:-1]):
        b.blank_after = blocks[i + 1].blank_before
    return blocks


def _titles_next_list(item: RawBlock, text: str, lines: list[SourceLine], k: int) -> bool:
    """"... Energy Steering Group etc." / "Next Steps" / "- Develop ...": a title between a list item
    that has ended its sentence and the bullets of the next list, not the item's wrapped text."""
    if not _SENTENCE_END.search(strip_markup(item.lines[-1].text).strip()) or not _looks_like_heading(text):
        return False
    nxt = next((sl.text for sl in lines[k + 1:k + 3] if sl.text.strip()), "")
    return bool(_BULLET.match(nxt))


_HANGING = re.compile(r"^[ \t]{2,}\S")  # a wrapped line indented under its bullet's text


def names_its_doers(text: str) -> bool:
    """A title naming who acts on what follows ("How partners can help", "Actions the Council can
    take"): a line of its own even in a hard-wrapped export, where no blank line sets it apart."""
    return DOER_TITLE.match(" ".join(strip_markup(text).split())) is not None


# Cells of a flattened table row, as a layout-keeping export prints them: set apart by two spaces or more.
_CELL_GAP = re.compile(r"\S(\s{2,})(?=\S)")


def _split_doer_titles(lines: list[SourceLine]) -> list[SourceLine]:
    """A line whose last cell is a title naming who acts ("1.1 Reduced need to travel   Actions the
    Council can take"), as a layout-keeping export flattens a table whose first column's label sits
    beside the title over the action rows: the title is a line of its own after the rest; a line
    that opens with such a title and has another cell after a wide gap is the title, then the rest."""
    out: list[SourceLine] = []
    for sl in lines:
        text = sl.text
        if "\t" not in text and not names_its_doers(text):
            cut = next((m.end(1) for m in _CELL_GAP.finditer(text.rstrip()) if names_its_doers(text[m.end(1):])), None)
            if cut is not None:
                out += [replace(sl, text=text[:cut].rstrip()), replace(sl, text=text[cut:])]
                continue
            # ... or the title first, and a cell or a running footer beside it ("Actions we can take
            # with partners   Chapter Two: Homes  /31")
            gap = _CELL_GAP.search(text.rstrip())
            if gap is not None and names_its_doers(text[:gap.start(1)]):
                out += [replace(sl, text=text[:gap.start(1)]), replace(sl, text=text[gap.end(1):])]
                continue
        out.append(sl)
    return out


# A flattened action table whose first column holds a group's label and its lead ("Fleet" over
# "Lead: Head of Environmental" over "Services") prints the next column's first line, the group's
# first numbered action, on the same line as the lead's last words: "Services 1. Replace the vans".
_LEAD_LINE = re.compile(r"^\s*(?P<label>[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2})\s*:\s*(?P<value>\S.*)$")
_RUN_IN_ITEM = re.compile(r"(?<=[A-Za-z&/,)])\s+\d{1,2}\.\s+(?=[A-Z])")
_PARTY_WORD = re.compile(r"[A-Z][\w&'’/.-]*|(?:and|of|for|the|&|/|,)")
_LEAD_MAX_WORDS = 12  # a party's name, even a list of roles ("Heads of Service, Managers, Team Leaders")
_LEAD_WRAP_LINES = 3  # the lead's cell wraps over this many lines at most before its row's action
_GROUP_LABEL_MAX_WORDS = 5  # "Fleet", "Training & Development": a group's label over its lead


def _party_words(text: str) -> bool:
    """Words that can make up a party's name: capitalised, or the small words inside a name."""
    ws = text.replace(",", " , ").split()
    return bool(ws) and ws[0][:1].isupper() and all(_PARTY_WORD.fullmatch(w) for w in ws)


_COST_CELLS = re.compile(r"(?:\s+[£$€]+(?:\s*-\s*[£$€]+)?)+\s*$")  # a cost column's "££" or "£-£££"
_GROUP_MAX_LINES = 25
_CELL_DATE_LEAD = re.compile(r"(?:\b(?:end|end of|by|before|until)\s+)$", re.I)  # "End Q1 2022/23"
_GOVERNING = r"(?:by|in|from|during|for|since|of|on|to|at|until|before|after)"
_DATE_IN_TEXT = re.compile(rf"\b{_GOVERNING}\s+$", re.I)  # "... lighting by" before the date: the text's own
_GOVERNED_DATE = re.compile(rf"{_GOVERNING}\b", re.I)


def date_told(before: str, date_text: str) -> bool:
    """Whether a date is one the text itself tells of, governed by its preposition ("... lighting by"
    before it, or "in 2025" as read), not a date cell standing apart ("... Housing Allocations Policy.
    Oct-24", "31/03/2026")."""
    return bool(_DATE_IN_TEXT.search(before) or _GOVERNED_DATE.match(date_text))


def _is_lead_line(text: str) -> bool:
    m = _LEAD_LINE.match(text) if "\t" not in text else None
    return m is not None and label_role(m.group("label"), line_form=True) == "owner"


def _group_timeframe(lines: list[SourceLine], j: int) -> str | None:
    """The date cell that ends a flattened group's last line ("... guidance document April 2023 ££"):
    the row's timeframe column, printed after the last words of the row's actions, which dates every
    action of the group (the last line of the group that ends with a date).  The group runs from line `j` (its first action) to a blank line or the
    next group's label over its lead.  A date the text itself governs ("... by March 2026", "in
    2025") is the last action's own."""
    end = j
    while (end + 1 < len(lines) and end + 1 - j < _GROUP_MAX_LINES and lines[end + 1].text.strip()
           and not _is_lead_line(lines[end + 1].text)
           and not (end + 2 < len(lines) and _is_lead_line(lines[end + 2].text))):
        end += 1
    for k in range(end, j - 1, -1):  # the row's last line with a date cell (a total may follow the table)
        tail = _COST_CELLS.sub("", lines[k].text.rstrip())
        found = find_dates(tail, None)
        if not found or tail[found[-1].end_char:].strip():
            continue
        if date_told(tail[:found[-1].start_char], found[-1].due.text):
            return None
        start = found[-1].start_char
        if (lead := _CELL_DATE_LEAD.search(tail[:start])) is not None:
            start = lead.start()
        return tail[start:].strip()
    return None


def _follows_lead(lines: list[SourceLine], k: int) -> bool:
    """A numbered line right under a lead field ("Lead: Libraries Manager" / "3. Swap the boilers")
    is that lead's action, however short, not a numbered title."""
    m = _LEAD_LINE.match(lines[k - 1].text) if k > 0 else None
    return m is not None and label_role(m.group("label"), line_form=True) == "owner"


def _split_run_in_leads(lines: list[SourceLine]) -> list[SourceLine]:
    """A lead field whose value wraps over short lines and runs into a numbered action ("Lead:
    Head of Environmental" / "Services 1. Replace the vans" / "2. Fit solar panels"), as a
    layout-keeping export flattens a table whose first column holds the group's label and lead:
    the lead is one line ("Lead: Head of Environmental Services") and belongs to the numbered actions
    after it, not to the text above.  The group's short label on the line above the lead starts a
    block of its own (a blank line is put before it), so that the lead is the label's field, which
    passes to the actions under it (kb.extract.pipeline)."""
    out: list[SourceLine] = []
    k = 0
    while k < len(lines):
        sl = lines[k]
        m = _LEAD_LINE.match(sl.text) if "\t" not in sl.text else None
        if m is None or label_role(m.group("label"), line_form=True) != "owner":
            out.append(sl)
            k += 1
            continue
        parts, item, j = [], None, k
        rest = m.group("value")
        while True:
            cut = _RUN_IN_ITEM.search(rest)
            if cut is not None:
                parts.append(rest[:cut.start()])
                item = replace(lines[j], text=rest[cut.start():].lstrip())
                break
            parts.append(rest)
            j += 1
            if j - k > _LEAD_WRAP_LINES or j >= len(lines):
                break
            rest = lines[j].text.strip()
            if (not rest or _is_table_line(rest) or _BULLET.match(rest) or _NUMBERED.match(rest)
                    or _is_label_line(rest)):
                break
        value = " ".join(" ".join(p.split()) for p in parts)
        if item is None or len(value.split()) > _LEAD_MAX_WORDS or not _party_words(value):
            out.append(sl)
            k += 1
            continue
        timeframe = _group_timeframe(lines, j)
        if timeframe:
            value = f"{value} Timescale: {timeframe}"
        prev = out[-1].text.strip() if out else ""
        if (prev and len(out) > 1 and out[-2].text.strip() and len(words(prev)) <= _GROUP_LABEL_MAX_WORDS
                and prev[:1].isupper() and not prev.endswith((".", ":", ";", ","))
                and not _BULLET.match(prev) and not _NUMBERED.match(prev) and not _is_table_line(prev)):
            out.insert(len(out) - 1, replace(out[-1], text=""))  # the group's label starts afresh
        out += [replace(sl, text=f"{m.group('label')}: {value}"), item]
        k = j + 1
    return out


# A line that opens a piece must hold more words than a fragment line can (`_is_fragment_line`).
_FRESH_MIN_WORDS = 17


# "A. ", "B. ": a capital letter numbering a report's recommendations -- a list only as a run of
# consecutive letters, since a lone "A. Smith" is a name
_CAPITAL_LETTERED = re.compile(r"^\s*(\*\*)?([A-H])\.(\*\*)?\s+(?=\S)")  # also bold: "**A.** ", "**B. DELEGATE**"


def _drop_capital_letter(text: str) -> str:
    """The item's text without its letter, keeping a bold run the letter opened ("**B. DELEGATE**
    authority" -> "**DELEGATE** authority")."""
    m = _CAPITAL_LETTERED.match(text)
    if m is None:
        return text
    rest = text[m.end():]
    return "**" + rest if m.group(1) and not m.group(3) else rest


def _capital_lettered(lines: list[SourceLine]) -> set[int]:
    """Indexes of the lines that open items lettered A., B., C. ... in sequence (two at least)."""
    starts = [(k, m.group(2)) for k, sl in enumerate(lines) if (m := _CAPITAL_LETTERED.match(sl.text))]
    out: set[int] = set()
    for (k1, a), (k2, b) in zip(starts, starts[1:], strict=False):
        if ord(b) == ord(a) + 1 and k2 - k1 <= 12:
            out.update((k1, k2))
    return out


def starts_afresh(prev: str, text: str) -> bool:
    """Whether a document can be laid out in pieces that meet before `text`, a line after one or
    more blank lines whose last non-blank line was `prev`: the pieces then give the same blocks
    as the whole (kb.sources.stream).  True when `text` opens a plain paragraph that no rule of
    this module joins to what comes before (not a list item, table row, label or heading; a long
    sentence with no colon, so not a fragment either) and `prev` leads into nothing (no closing
    colon: a lone label takes the paragraph after it as its value, an intro its list)."""
    stripped = text.strip()
    if not stripped or stripped != text or ":" in text or "\t" in text or _BULLET.match(text) or _NUMBERED.match(text) \
            or _CAPITAL_LETTERED.match(text):  # "B. ..." may continue a lettered run begun before
        return False
    plain = strip_markup(stripped)
    if not plain[:1].isupper() or len(words(plain)) < _FRESH_MIN_WORDS or _looks_like_heading(plain):
        return False
    return not strip_markup(prev.strip()).endswith(":")


def _first_word(text: str) -> str:
    ws = words(text)
    return ws[0] if ws else ""


def starts_with_action(text: str) -> bool:
    return _first_word(text).lower() in ACTION_VERBS


_ITEM_NUMBER = re.compile(r"^\s*(?:-\s+)?\(?(\d{1,2})[.)]\s+")


# A lettered action under a numbered objective: "3a. Hold a jobs fair", "3b) Open a skills centre".
_LETTERED_NUMBER = re.compile(r"^\s*(\d{1,2})([a-z])[.)]\s+(?=[A-Z])")


def _in_lettered_run(lines: list[SourceLine], k: int) -> bool:
    """"3a. Hold a jobs fair" directly above "3b. Open a skills centre": an objective's lettered actions
    listed one to a line, each keeping the number a review names it by."""
    m = _LETTERED_NUMBER.match(lines[k].text)
    if m is None:
        return False
    for j, step in ((k + 1, 1), (k - 1, -1)):
        other = _LETTERED_NUMBER.match(lines[j].text) if 0 <= j < len(lines) else None
        if other is not None and other.group(1) == m.group(1) and ord(other.group(2)) == ord(m.group(2)) + step:
            return True
    return False


_WHOLE_NUMBER = re.compile(r"^\s*(\d{1,2})\.?\s+(?=[A-Z])")


def _opens_numbered_section(lines: list[SourceLine], k: int) -> bool:
    """"3. Report a leaking roof" with "3.1 Description" on the next line of text: a numbered title
    whose own first subsection follows, whatever its words (an imperative or a sentence): the
    document numbers its sections so, and a list's item has no "3.1" under it."""
    m = _WHOLE_NUMBER.match(lines[k].text)
    if m is None or len(lines[k].text) > 160 or lines[k].text.rstrip().endswith((".", ":", ";", "?")):
        return False  # (a title has no closing stop: "7. How the plan supports the strategy." is a sentence)
    for j in range(k + 1, min(k + 3, len(lines))):
        nxt = lines[j].text.strip()
        if nxt:
            return bool(re.match(rf"{m.group(1)}\.1\.?\s+[A-Z]", nxt))
    return False


def _in_numbered_run(lines: list[SourceLine], k: int) -> bool:
    """"1. Collect food waste" directly above "2. Open a repair cafe": numbers running on from line
    to line are a list, whatever their words (numbered headings stand apart, a paragraph between)."""
    m = _ITEM_NUMBER.match(lines[k].text)
    if m is None:
        return False
    n = int(m.group(1))
    for j, step in ((k + 1, 1), (k - 1, -1)):
        other = _ITEM_NUMBER.match(lines[j].text) if 0 <= j < len(lines) else None
        if other is not None and int(other.group(1)) == n + step:
            return True
    return False


def _looks_like_heading(text: str) -> bool:
    """A short title-like line: no closing punctuation, no sentence verbs, not an imperative."""
    t = text.strip()
    ws = words(t)
    # a numbered outcome whose title is a statement in quotation marks, as plans print the outcomes
    # people said they want ('Outcome 3: "I know who to call when I feel unwell"'): a title however long
    labelled = _LABELLED_SECTION.match(t)
    quoted = bool(labelled) and t[labelled.end() - 1] in "\"'‘“" and t[-1] in "\"'’”" \
        and len(ws) <= _QUOTED_TITLE_WORDS
    if not ws or (len(ws) > 14 or len(t) > 110) and not quoted:
        return False
    if t[-1] in ".,;!" or t.endswith(":"):
        return False
    if _SENTENCE_THEN_MORE.search(t) or _ends_with_date_cell(t):
        return False  # "Install meters in all depots. Jun-22": a sentence and its row's date cell, no title
    if has_start_end_cells(t):
        return False  # "Bridge survey Highways Team Sep-23 Feb-24": a row's Start and End cells, no title
    if re.match(r"^[A-Za-z&,/ ]{1,25}: (?:[a-z]|.*\.$)", t):
        return False  # a labelled line ("P&E: Back office collaboration") is content, not a title
    if _MEETING_FIELD.match(t):
        return False  # "Apologies: Cllr B Jones", "Venue: County Hall": a meeting's particulars, not a title
    if _VERSION_STAMP.match(t) or _PUBLICATION_NUMBER.match(t):
        return False  # "Version 2, 3 March 2026", "ISBN 978-...", "CP 1224" on a title page: which issue of
        # the document or its catalogue number, no title over it
    if _SIGNATORY.search(t):
        return False  # "Cabinet Secretary for Health, Jane Doe MS, Welsh Government" under a foreword: who
        # signed it, no title over the rest of the document
    if _WEB_ADDRESS.search(t):
        return False  # "Carers Trust https://carers.org": a source in a list of links, not a title over what follows
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "*'\"‘“"):
        return False
    if not re.search(r"[A-Za-z]{2}", t) and not is_period_label(t):
        return False  # a figure on its own line ("2,068.7", "31", "£1.2m") is a table's value, not a title
    lower = " " + t.lower() + " "
    if re.search(r" (will|would|should|must|we|is|are|was|were|has|have|had|don't|can|may) ", lower):
        return bool(_SECTION_NUMBER.match(t)) and len(ws) <= 10 or is_all_caps(t) or quoted \
            or bool(labelled) and len(ws) <= _LABELLED_SECTION_WORDS \
            or _question_title(t, ws)
    if starts_with_action(_REFERENCE_START.sub("", t)) and len(ws) >= 4 and not is_all_caps(t):
        return False  # "Consider using fiscal policy ...", "1.1.6 Review vehicle excise duty ...": an action
    if len(ws) >= _STATE_MIN_WORDS and _DELIVERY_STATE.search(" ".join(ws[1:])) and not is_all_caps(t):
        return False  # a milestone told as a state reached ("Local boards established and reporting to ...")
    return True


# A full stop after a lower-case word of three letters or more, with more text after it: a sentence has
# ended inside the line ("... in all depots. Jun-22", "... by March. Lead: Housing"), which a title never
# does; abbreviations that titles carry ("St. Anne's", "No. 3", "Fig. 2") are capitalised or short.
_SENTENCE_THEN_MORE = re.compile(r"(?:\w+\s+){2}(?!(?:etc|incl|approx|vol|viz)\.)[a-z]{3,}[.!?]\s+\S")


def _title_key(text: str) -> str:
    return " ".join(strip_markup(text).split()).lower()


def repeated_question_titles(texts: Iterable[str]) -> frozenset[str]:
    """The question headlines a document prints more than once, each on a line of its own ("Where
    we are now", "How we will achieve this" under each theme or priority), as `_title_key`s: the
    parts its sections are set out in, not sections of their own."""
    seen: Counter[str] = Counter()
    for text in texts:
        t = text.strip().lstrip("*#")
        if t[:1] in _QUESTION_STARTS and _question_title(t, words(t)):
            seen[_title_key(t)] += 1
    return frozenset(t for t, n in seen.items() if n > 1)


def _question_title(text: str, ws: list[str]) -> bool:
    """A headline in a question's words ("How we have listened to residents"), not a title naming
    who acts on the list under it ("How partners can help"), which leads that list in (its doer
    passes down to the items: kb.extract.owners)."""
    return bool(_QUESTION_TITLE.match(strip_markup(text))) and len(ws) <= _QUESTION_TITLE_WORDS \
        and not names_its_doers(text)


def _ends_with_date_cell(text: str) -> bool:
    """A sentence's full stop and then only a date ("... at the RRC. Mar-22", "Strategy. Jun-21"): the
    end of a table row whose Timescale cell the export ran into its text."""
    return date_cell_tail(text) is not None


_VERSION_STAMP = re.compile(r"^(?:version|v)\s*(?:no\.?|number)?\s*[:.]?\s*(?:\d+(?:\.\d+)*|x)\b", re.I)
# (a command paper's number stands alone: "CP 1224"; "CP12 Housing mix" is a local plan's policy)
_PUBLICATION_NUMBER = re.compile(r"^(?:E?ISBN|ISSN)(?:-1[03])?[:\s]*[\dX-]{8,}|^(?:CP|Cm|HC) \d{2,5}$")
# A signatory: a person's name and the post-nominal letters of an elected office or an honour ("Jane Doe
# MP", "John Smith MSP"), or "the Rt Hon" before a name.
_SIGNATORY = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][A-Za-z'’-]+)+,? (?:MP|MSP|MLA|MS|AM|MEP|OBE|CBE|MBE|DBE|KBE|KC|QC)\b"
                        r"|\bthe Rt\.? Hon\.?\s+[A-Z]")
_WEB_ADDRESS = re.compile(r"(?:https?://|\bwww\.)\S", re.I)

_MEETING_FIELD = re.compile(r"^(?:present|apologies(?: for absence)?|attendees|attendance|in attendance|also present|"
                            r"absent|date|time|venue|location|place|chair(?:ed by)?|members(?: present)?|"
                            r"officers(?: present)?|clerk|minute taker|minutes|distribution)\s*:\s*\S", re.I)

# A plan's milestones are things brought to a state, written as a noun phrase and a participle with no
# closing full stop; a title that long is rarely written so.
_STATE_MIN_WORDS = 6
_DELIVERY_STATE = re.compile(
    r"\b(?:established|agreed|implemented|completed|commenced|launched|adopted|approved|signed off|rolled out|"
    r"embedded|introduced|mobilised|procured|in place)\b")


def _is_kicker(text: str) -> bool:
    """An infographic panel's ALL-CAPS lead ("IMPROVE", "REDUCE AVOIDABLE", "EXPANDING CANCER SCREENING")."""
    ws = words(text)
    if not ws or len(ws) > 6:
        return False
    lead = ws[0]
    if not lead.isupper() or len(lead) < 3:
        return False
    base = lead.lower()
    return (
        base in ACTION_VERBS
        or base.rstrip("d") in ACTION_VERBS
        or base.endswith("ing") and (base[:-3] in ACTION_VERBS or base[:-3] + "e" in ACTION_VERBS)
        or base.endswith("ment") and base[:-4] in ACTION_VERBS
        or base in {"earlier", "provide", "reduced", "increase", "improve", "ensure"}
    )


def _is_fragment_line(block: RawBlock) -> bool:
    t = block.text
    ws = words(t)
    return block.kind == "paragraph" and 0 < len(ws) <= 16 and not t.endswith(".") and ":" not in t[-2:]


def _continued_table(prev: RawBlock, cells: list[str], sl: SourceLine, page_break: bool = False) -> bool:
    """Does a row after a break continue the table `prev`?  Yes when `prev` opens with a header row
    ("Ref | Action | Status | Update": labels, two of them known), the row has as many cells and is no
    header of its own, and either `prev` is that header alone (left at a page's foot) or the break is
    a page's end (a PDF table running on to the next page without repeating its header; `page_break`:
    a page's footer or header line stands between the two)."""
    if prev.kind != "table" or len(prev.rows[0]) != len(cells) or len(cells) < 2:
        return False
    if any(len(r) != len(cells) for r in prev.rows):
        return False
    if len(prev.rows) > 1 and not page_break and (
            sl.page is None or prev.lines[-1].page is None or sl.page <= prev.lines[-1].page):
        return False
    head = [strip_markup(c) for c in prev.rows[0]]
    known = sum(1 for h in head if h and label_role(h))
    if known < 2 or any(len(words(h)) > 7 for h in head):
        return False
    return sum(1 for c in cells if strip_markup(c) and label_role(strip_markup(c))) < 2  # no header of its own


# A page's footer or header line, by the page number printed in it: "Appendix A – page 3", "Healthy
# towns plan | 11" (a right-hand page), "12 | Healthy towns plan" (a left-hand one), "Page 4 of 20".
_PAGE_MARKED = re.compile(r"^(?:\d{1,4}\s*\|\s*\S.*|.*\S\s*\|\s*(?:page\s*)?\d{1,4}|"
                          r"(?:.*\S\s+)?page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)
_PAGE_MARKED_WORDS = 12  # a footer is a title and a number, not a sentence
_FURNITURE_RUN = 2  # footer lines a page break may leave between two rows (a footer, then a header)


def page_marked(text: str) -> bool:
    """Whether a line is a page's footer or header: short, no sentence, holding the page's number
    beside a title ("Appendix A – page 3", "Dementia strategy | 11", "12 | Dementia strategy").
    A line that recurs is page furniture wherever it stands (`page_furniture`); one that is printed
    once or twice is known by its page number only where it cuts into a table."""
    t = strip_markup(text).strip()
    return "\t" not in t and len(words(t)) <= _PAGE_MARKED_WORDS and not t.endswith(".") \
        and _PAGE_MARKED.match(t) is not None


def _table_before_furniture(blocks: list[RawBlock]) -> tuple[RawBlock | None, list[RawBlock]]:
    """The table the blocks end with, and the page footer or header lines after it (a page break
    printed between two of its rows): (None, []) when they end with anything else."""
    furniture: list[RawBlock] = []
    for b in reversed(blocks):
        if b.kind == "table":
            return b, furniture[::-1]
        if b.kind != "paragraph" or len(b.lines) != 1 or not page_marked(b.text) \
                or len(furniture) == _FURNITURE_RUN:
            return None, []
        furniture.append(b)
    return None, []


_BODY_WORDS = 12  # a paragraph this long is body text, not a panel's fragment


def merge_fragments(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join infographic panels: a kicker line with the short fragments that continue it."""
    out: list[RawBlock] = []
    # The title zone (before the first real paragraph) holds titles, not infographic panels.
    body_start = next((k for k, b in enumerate(blocks) if b.kind != "paragraph" or len(words(b.text)) >= _BODY_WORDS),
                      len(blocks))
    out.extend(blocks[:body_start])
    i = body_start
    while i < len(blocks):
        b = blocks[i]
        nxt_lower = (i + 1 < len(blocks) and _is_fragment_line(blocks[i + 1]) and blocks[i + 1].blank_before <= 7
                     and blocks[i + 1].text[:1].islower())
        if b.kind == "paragraph" and _is_fragment_line(b) and not names_its_doers(b.text) and (
                _is_kicker(b.text) or ends_with_connector(b.text) or nxt_lower):
            group = RawBlock("fragment", list(b.lines), blank_before=b.blank_before)
            j = i + 1
            while j < len(blocks) and _is_fragment_line(blocks[j]) and blocks[j].blank_before <= 7 \
                    and not names_its_doers(blocks[j].text) and not flattened_header(blocks[j].text):
                nxt = blocks[j].text
                prev = strip_markup(" ".join(sl.text for sl in group.lines))
                continues = (
                    nxt[:1].islower()
                    or nxt[:1] in "–-(&"
                    or ends_with_connector(prev)
                    or (is_all_caps(prev) and not _is_kicker(nxt) and not is_all_caps(nxt))
                )
                if not continues:
                    break
                group.lines.extend(blocks[j].lines)
                j += 1
            # a kicker alone over a paragraph of body text or a table's header is that section's title
            # ("PROCUREMENT AND INVESTMENTS" / "Procurement relates to how we ..."), not an infographic panel
            # (not over text that goes on from it in lower case: "IMPROVE STROKE SERVICES" / "across the
            # area to reduce ..." is one item of a plan on a page, its first words set in capitals)
            titles_body = j < len(blocks) and _is_body(blocks[j])
            if len(group.lines) > 1 or _is_kicker(b.text) and not titles_body:
                group.blank_after = blocks[j - 1].blank_after
                out.append(group)
                i = j
                continue
        out.append(b)
        i += 1
    return out


def _is_body(block: RawBlock) -> bool:
    """Body text a kicker can title: a paragraph of body length opening in capitals, a flattened
    table header, or a numbered paragraph of body length ("92. These arrangements provide ...": a
    committee report numbers its paragraphs under headings set in capitals, "RESOURCE IMPLICATIONS")."""
    text = block.text
    if strip_markup(text)[:1].islower():
        return False
    if block.kind == "paragraph":
        return len(words(text)) >= _BODY_WORDS or flattened_header(text)
    return block.kind == "list_item" and block.marker == "numbered" and len(words(text)) >= _BODY_WORDS


def ends_with_connector(text: str) -> bool:
    """Whether the text stops on a word no phrase ends with ("and", "the", "of"): it goes on."""
    ws = words(text)
    return bool(ws) and ws[-1].lower() in _CONNECTORS


def _bold_question_title(block: RawBlock) -> bool:
    raw = block.raw.strip()
    return raw.startswith("**") and raw.endswith("**") and len(words(block.text)) <= _QUESTION_TITLE_WORDS \
        and _QUESTION_TITLE.match(block.text.strip()) is not None


# A bold line that is all number and title: "**3.2.3 Recruit a panel of tenants**"
_BOLD_NUMBERED = re.compile(r"^\*\*\s*(\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+[A-Z][^*]*\*\*$")


def _number_titles_alike(blocks: list[RawBlock]) -> None:
    """Bold lines numbered at one depth under one parent ("3.2.1 Damp and mould taskforce", "3.2.2
    Repairs app", "3.2.3 Recruit a panel of tenants") are titles of one kind: when most of them
    read as headings, so do the others, however their titles are worded (an imperative title over its
    action's paragraph and fields is that block's heading, as its siblings' noun titles are).  Where
    most are no headings (a plan that prints each action as a bold numbered sentence) nothing changes."""
    groups: dict[tuple[str, int], list[RawBlock]] = {}
    for b in blocks:
        m = _BOLD_NUMBERED.match(b.raw.strip()) if b.kind in ("paragraph", "heading") and len(b.lines) == 1 else None
        if m:
            number = m.group(1).split(".")
            groups.setdefault((".".join(number[:-1]), len(number)), []).append(b)
    for group in groups.values():
        titles = sum(1 for b in group if b.kind == "heading")
        if titles >= 2 and titles > len(group) - titles:
            for b in group:
                if b.kind == "paragraph" and not b.fields and len(words(b.text)) <= _NUMBERED_TITLE_WORDS:
                    b.kind = "heading"


_NUMBERED_TITLE_WORDS = 20  # a title, not a paragraph set in bold


def classify_headings(blocks: list[RawBlock], parts: Collection[str] = frozenset()) -> None:
    """Mark heading blocks (kind='heading') and set their level (1 most prominent, 3 a bare period).
    `parts`: the question headlines the whole document repeats (`repeated_question_titles`)."""
    for b in blocks:
        # a short line that carries labelled fields ("Lead: ...", "Status: ...") is the item they
        # describe, not a heading over them
        if b.kind == "paragraph" and len(b.lines) <= 3 and not b.fields and (
                _looks_like_heading(b.text) or _bold_question_title(b)):
            b.kind = "heading"
    _number_titles_alike(blocks)
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.marker == ATX:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        text = b.text
        if is_period_label(text) and nxt is not None and nxt.kind == "heading" and not is_period_label(nxt.text):
            b.depth = 1  # a timeline's period over its topic labels ("Q1 April - June 2021" / "Governance")
        elif is_period_label(text):
            b.depth = 3
        elif is_all_caps(text) and len(words(text)) >= 1 or b.raw.startswith("**") and b.raw.rstrip().endswith("**"):
            b.depth = 1
        elif len(b.lines) >= 2 and strip_markup(b.lines[0].text).endswith(":"):
            b.depth = 1  # a slide's kicker and title ("Preventative and Proactive:" / "Primary Care")
        elif nxt is not None and nxt.kind == "heading" and not is_period_label(nxt.text):
            b.depth = 1
        else:
            b.depth = 2
    # A timeline's period holds the short topic labels under it however prominent they are ("Q1 April -
    # June 2021" / "Governance", both bold): until the next period or a longer heading, they sit below it.
    period: RawBlock | None = None
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.marker == ATX:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if is_period_label(b.text):
            period = b if nxt is not None and nxt.kind == "heading" and not is_period_label(nxt.text) else None
        elif period is not None and len(words(b.text)) <= _TIMELINE_LABEL_WORDS:
            b.depth = max(b.depth, period.depth + 1)
        else:
            period = None
    # A plain headline in a question's words that the document repeats sets out a part of each
    # section it is under ("Digital services" / "Where we are now" / "How we need to change", then
    # "Libraries" / "Where we are now" ...): kb.layout.structure.BlockBuilder sets it a level below
    # the last title that is no such part.
    for b in blocks:
        if b.kind == "heading" and b.marker != ATX and not b.raw.lstrip().startswith("**") \
                and not is_all_caps(b.text) and _title_key(b.text) in parts:
            b.part = True
    # A short label ending in ':' directly followed by a heading is a slide kicker ("Preventative and Proactive:").
    for i, b in enumerate(blocks[:-1]):
        if b.kind == "paragraph" and b.text.endswith(":") and len(words(b.text)) <= 5 and blocks[i + 1].kind == "heading":
            b.kind = "heading"
            b.depth = 1


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_PERIOD_LABEL = re.compile(
    # a quarter or a run of months as a timeline prints them: "Q1 April - June 2021", "Q4 (Jan-Mar 2022)",
    # "January 2022 - March 2022", "April to June 2021"
    r"^(?:(?:Q[1-4]|Quarter\s+[1-4])\s*[:(\-–]?\s*)?\(?" + _MONTHS + r"(?:\s+(?:19|20)\d{2})?\s*(?:-|–|to)\s*"
    + _MONTHS + r"\s+(?:19|20)\d{2}\)?$|"
    r"^(?:(?:19|20)\d{2}\s*[/-]\s*\d{2,4}|Q[1-4]\s*(?:19|20)\d{2}\s*[/-]\s*\d{2,4}|(?:19|20)\d{2}|Immediate(?:ly)?|"
    r"Year\s+\d(?:\s*\([^)]*\))?|Next\s+\d+\s+(?:months|years)|Short[- ]term|Medium[- ]term|Long[- ]term)$",
    re.I,
)


_TIMELINE_LABEL_WORDS = 5


def is_period_label(text: str) -> bool:
    """A period written as a label ("2018/19", "Year 2"), also two joined ("2017/18 & 2018/19")."""
    parts = [p for p in re.split(r"\s*(?:&|\band\b|,)\s*", text.strip()) if p]
    return bool(parts) and all(_PERIOD_LABEL.match(p) for p in parts)


# --------------------------------------------------------------------------------------------
# label-value action blocks ("What: / Who: / When:", "Action: ... Responsible Officer: ...")

_ITEM_KINDS = ("paragraph", "list_item")
_ATTACH_MAX_WORDS = 60  # a field line attaches to the item above it only when that item is one action


def _line_of(block: RawBlock, value: str) -> SourceLine:
    """The source line on which a value starts (a soft-wrapped paragraph spans several lines)."""
    probe = value[:30]
    for sl in block.lines:
        if probe and probe in strip_markup(sl.text):
            return sl
    head = value[:12]
    for sl in block.lines:
        if head and head in strip_markup(sl.text):
            return sl
    return block.first


def _table_labels(block: RawBlock) -> list[tuple[Labelled, SourceLine]] | None:
    """A two-column table of label rows ("What | Run a campaign", "Who | Public Health"), as labels."""
    rows = [[c for c in r if strip_markup(c)] for r in block.rows]
    labelled = [r for r in rows if 1 <= len(r) <= 2 and label_role(strip_markup(r[0]), line_form=True)]
    if len(labelled) < 2 or len(labelled) < 0.6 * len(rows) or not any(
            label_role(strip_markup(r[0]), line_form=True) == "action" for r in labelled):
        return None
    out: list[tuple[Labelled, SourceLine]] = []
    for r, sl in zip(rows, block.lines, strict=True):
        role = label_role(strip_markup(r[0]), line_form=True) if r else None
        if role and len(r) <= 2:
            out.append((Labelled(role, strip_markup(r[0]), strip_markup(r[1]) if len(r) > 1 else "", 0), sl))
        elif out and r:  # a continuation row of the value above
            prev, psl = out[-1]
            out[-1] = (Labelled(prev.role, prev.label, f"{prev.value} {strip_markup(' '.join(r))}".strip(), 0), psl)
    return out


# A line that only numbers an action ("Action 1a.i", "Commitment 12:").
_ACTION_NUMBER_LINE = re.compile(ACTION_NUMBER + r"[.:]?", re.I)
# an action's code or two-level number before its title: "A5.2 Age-friendly employers", "2.3 – Warm homes"
_CODED_TITLE_LINE = re.compile(r"(?:[A-Z]{1,4}-?\d{1,2}(?:\.\d{1,2}){0,2}|\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)[a-z]?"
                               r"[.:)]?\s+(?:[–—-]\s+)?[A-Z]")


def _coded_bold_title(line: str) -> bool:
    """A line set wholly in bold that opens with an action's code or number and titles it."""
    raw = line.strip()
    return raw.startswith("**") and raw.endswith("**") and raw.count("**") == 2 \
        and len(words(raw)) <= _TITLE_MAX_WORDS and bool(_CODED_TITLE_LINE.match(strip_markup(raw).strip()))


def _field_cells(block: RawBlock) -> list[tuple[Labelled, SourceLine]] | None:
    """A table row whose every cell is one labelled field and no action ("Lead: Public Health" |
    "Timescale: by March 2022"), as an action box prints its fields side by side under the action:
    the fields, as a line of field labels would give them."""
    out: list[tuple[Labelled, SourceLine]] = []
    for row, sl in zip(block.rows, block.lines, strict=False):
        for cell in (strip_markup(c) for c in row):
            if not cell:
                continue
            labs = split_labels(cell)
            if len(labs) != 1 or labs[0].role == "action" or not labs[0].value:
                return None
            out.append((labs[0], sl))
    return out or None


def _take_value(blocks: list[RawBlock], j: int) -> tuple[list[tuple[str, SourceLine]], int]:
    """The value of a label written alone on its line: the paragraph or the list that follows it."""
    if j >= len(blocks) or split_labels(blocks[j].text) or blocks[j].kind not in _ITEM_KINDS:
        return [], j
    if blocks[j].kind == "paragraph":
        return [(blocks[j].text, blocks[j].first)], j + 1
    values = []
    while j < len(blocks) and blocks[j].kind == "list_item" and not split_labels(blocks[j].text):
        values.append((blocks[j].text, blocks[j].first))
        j += 1
    return values, j


def read_action_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join label-value lines into action blocks: one item per action, the other labels its fields.

    A line of field labels only ("Lead: ... Timescale: ...") right after an item gives that item
    its fields; a short "Action: <party>" line after a minute names who acts on it.  Field lines
    that follow nothing they could belong to (a cover's "Lead officer:") are dropped, as they are
    not records.
    """
    out: list[RawBlock] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        pairs: list[tuple[Labelled, SourceLine]] = []
        if b.kind == "paragraph" and len(b.lines) > 1 and (
                _ACTION_NUMBER_LINE.fullmatch(strip_markup(b.first.text).strip()) or _coded_bold_title(b.first.text)):
            # "Action 1a.i" on a line of its own over the action's sentence: the number heads the
            # action, it is no part of its sentence (whose first word is then the action's verb); so does
            # a numbered title set in bold over it ("**A5.2 Age-friendly employers**")
            out.append(RawBlock("heading", [b.first], blank_before=b.blank_before))
            b = replace(b, lines=b.lines[1:], blank_before=0)
        if b.kind == "table":
            table = _table_labels(b) or _field_cells(b)
            if table is None:
                out.append(b)
                continue
            pairs = table
        elif b.kind in _ITEM_KINDS:
            labs = split_labels(b.text) or _capitals_label(b, out)
            if not labs:
                # "Recruit 40 nurses – Lead: Chief Nurse, by Q3 2026/27": its fields follow its words
                b.fields.update({k: v for k, v in trailing_fields(b.text).items() if k not in b.fields})
            if not labs or len(labs) == 1 and not labs[0].value and takes_no_value(labs[0].label):
                out.append(b)
                continue
            whole_bold = len(b.lines) == 1 and b.first.text.strip().startswith("**") \
                and b.first.text.strip().endswith("**") and b.first.text.count("**") == 2
            if _action_title(labs, blocks[i] if i < len(blocks) else None, whole_bold):
                # "Action 2.1: A breastfeeding-friendly borough" over "What we will do: ...": the
                # action's number and title head its block, they are not a second action
                first = _line_of(b, labs[0].value)
                out.append(RawBlock("heading", [first], blank_before=b.blank_before))
                labs = labs[1:]
                if not labs:
                    continue
            pairs = [(lab, _line_of(b, lab.value or lab.label)) for lab in labs]
        else:
            out.append(b)
            continue
        groups = _group_pairs(pairs)
        for n, group in enumerate(groups):
            last = n == len(groups) - 1
            action = [(lab, sl) for lab, sl in group if lab.role == "action"]
            fields: dict[str, str] = {}
            items: list[tuple[str, SourceLine]] = []
            for lab, sl in group:
                value: list[tuple[str, SourceLine]] = [(lab.value, sl)] if lab.value else []
                if not lab.value and last and lab is group[-1][0] and b.kind != "table":
                    value, i = _take_value(blocks, i)
                if not value:
                    continue
                if lab.role == "action" and not (len(action) == 1 and len(value) == 1
                                                 and looks_like_party(value[0][0]) and _attachable(out)):
                    items.extend(value)
                else:
                    role = "owner" if lab.role == "action" else lab.role
                    text = "; ".join(v for v, _ in value)
                    if role == "status":
                        text = answered_status(lab.label, text)  # "RAG: G", "Complete (Y/N): Y"
                    fields[role] = f"{fields[role]}; {text}" if role in fields else text
            if items:
                label = action[0][0].label
                out.append(RawBlock("action", [sl for _, sl in items], blank_before=b.blank_before,
                                    fields=fields, label=label, items=items))
            elif fields and set(fields) == {"owner"} and out and _bold_title(out[-1]):
                # "**Priority 2: Healthy places**" over "Executive lead: Director of Public Health": the
                # lead of a section set in bold, not the fields of an item; the title stays a heading
                # and the lead line a paragraph of the section (kb.extract.owners.SECTION_LEAD)
                out.append(b)
            elif fields and _attachable(out, any_length=pairs[0][0].label.isupper()):
                target = out[-1]
                for role, text in fields.items():
                    target.fields[role] = f"{target.fields[role]}; {text}" if role in target.fields else text
            elif "status" in fields:
                out.append(b)  # a verdict under a long paragraph ("Status: Achieved."): kept, for a
                # review written as prose (kb.layout.narrative) -- a status is never lost
    for k, b in enumerate(out[:-1]):
        b.blank_after = out[k + 1].blank_before
    return out


def capitals_label(line: str) -> str | None:
    """The role of a line that is only a field label set in capitals, with no colon ("PROGRESS
    UPDATE", "NEXT STEPS", as a designed report prints its fields), or None.  Only capitals: a
    capitalised line with no colon is as likely a heading or a sentence."""
    text = strip_markup(line).strip()
    if not re.fullmatch(r"[A-Z][A-Z() ]{2,40}", text):
        return None
    return label_role(text, line_form=True)


def _opens_capitals_field(line: str) -> bool:
    """Whether a line opens with a field label in capitals: alone ("NEXT STEPS") or before its value
    ("PROGRESS UPDATE - Survey under way", "LEAD: Public Health")."""
    text = strip_markup(line).strip()
    if not text[:2].isupper():
        return False
    if capitals_label(text) is not None:
        return True
    labs = split_labels(text)  # (only a line the cheap test above leaves open: this runs on every line)
    return bool(labs) and labs[0].label.isupper()


def _capitals_label(b: RawBlock, out: list[RawBlock]) -> list[Labelled]:
    """A block opening with a field label in capitals on a line of its own (`capitals_label`): the
    label of the lines under it, when the block above can take the field (`_attachable`) or the label
    names actions to come ("NEXT STEPS")."""
    role = capitals_label(b.first.text)
    if role is None or role != "action" and not _attachable(out, any_length=True):
        return []
    first = strip_markup(b.first.text).strip()
    rest = b.text[len(first):].strip() if b.text.startswith(first) else ""
    if not rest and len(first.split()) < 2:
        return []  # "PROGRESS" or "UPDATE" alone over a paragraph is as likely a paper's section heading
    return [Labelled(role, first, rest, 0)]


_NUMBERED_LABEL = re.compile(r"\d")
_TITLE_MAX_WORDS = 10


def _action_title(labs: list[Labelled], following: RawBlock | None, whole_bold: bool = False) -> bool:
    """Is the first label a numbered action's title ("Action 2.1: Healthy Start vouchers") heading a
    block whose action is given by the next label ("What we will do: ..."), in this block or the
    next?  A numbered label with a short, unpunctuated value and another action label after it names
    the action; it is not an action of its own.  So does such a title set whole in bold on its line
    (`whole_bold`: "**Action 2: Online booking all day**") over the paragraph that says what will be
    done, as an action box prints its title."""
    head = labs[0]
    if head.role != "action" or not _NUMBERED_LABEL.search(head.label):
        return False
    value = head.value.strip()
    if not value or len(words(value)) > _TITLE_MAX_WORDS or value.endswith((".", ";")):
        return False
    if len(labs) > 1:
        return labs[1].role == "action"
    if following is None or following.kind not in _ITEM_KINDS:
        return False
    nxt = split_labels(following.text)
    if not nxt and (_PLEDGE_OPENING.match(following.text)
                    or whole_bold and following.kind == "paragraph" and not _PLEDGE_OPENING.match(value)):
        # (a bold "Commitment 1: we will make our wards quieter" pledges itself: it is the action, no title)
        return True  # "Commitment 2: Students" over "We will agree a safety plan ...": the pledge is the action
    return bool(nxt) and nxt[0].role == "action" and not _NUMBERED_LABEL.search(nxt[0].label)


# A paragraph that opens by pledging: the action itself, under a numbered title
_PLEDGE_OPENING = re.compile(r"\W*(?:we will|we'll|we’ll|we are going to|we shall|we commit to|our commitment is)\b", re.I)


def _group_pairs(pairs: list[tuple[Labelled, SourceLine]]) -> list[list[tuple[Labelled, SourceLine]]]:
    """Split a run of labels into actions: each action label opens a new group."""
    groups: list[list[tuple[Labelled, SourceLine]]] = []
    for pair in pairs:
        if not groups or (pair[0].role == "action" and any(p[0].role == "action" for p in groups[-1])):
            groups.append([])
        groups[-1].append(pair)
    return groups


def _bold_title(b: RawBlock) -> bool:
    """A paragraph of one line set in bold as a whole ("**Ambition 4: A better place to be cared
    for**"): how text exports print a section's title."""
    raw = b.first.text.strip() if b.lines else ""
    return b.kind == "paragraph" and len(b.lines) == 1 and raw.startswith("**") and raw.endswith("**") \
        and len(raw) > 4 and not _ITEM_TITLE.match(raw.strip("* "))


# The titles of items, not sections: "Action 2.1: ...", "Recommendation 4: ..." (their lead is theirs)
_ITEM_TITLE = re.compile(r"(?i)(?:action|recommendation|rec)\b")


def _attachable(out: list[RawBlock], any_length: bool = False) -> bool:
    """Can a field line belong to the block just above it (an action, a list item, a short paragraph,
    or with `any_length` a paragraph of any length: a label in capitals marks a field of whatever item
    stands above it)?"""
    if not out:
        return False
    prev = out[-1]
    if prev.kind == "action":
        return True
    if prev.kind not in _ITEM_KINDS or prev.text.endswith(":"):
        return False
    return any_length or len(words(prev.text)) <= _ATTACH_MAX_WORDS



# --------------------------------------------------------------------------------------------
# a review written as prose: one numbered sub-heading for each action of the plan, a paragraph on it
# under the heading, the status in the heading's tail ("2.4 Care home training – deferred to 2025/26")
# or in the words of the paragraph ("Action 3.1 – Cycle parking at stations" / "... We consider this action
# partially achieved.").  Each such section is the plan's own report on the action, as a review
# table's row is: the heading its action cell, the paragraph its update, the verdict its status.

# A sub-heading that numbers an action: "Action 1.2 – Title", "Commitment 3: Title", "2.4 Title",
# "4B Title" (a bare number must have two levels or a letter: "4 Our priorities" numbers a chapter).
_NUMBERED_TITLE = re.compile(r"^(?P<kind>(?:action|commitment|recommendation|objective)\s+)?"
                             r"(?P<ref>\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?|[A-Z]{1,3}\d{1,2}(?:\.\d{1,2})?)"
                             r"(?:\s*[–—:-]\s*|\s+)(?P<title>[A-Z\"'‘“].*)$", re.I)
# the tail of a title after its last dash: "– partially achieved", "— Superseded by the ICB's programme"
_TITLE_TAIL = re.compile(r"\s[–—-]\s+([^–—]+)$")
_REPORT_TITLE_WORDS = 24
# A verdict in a paragraph's words: what the action "has been" or "is" ("This action has been achieved",
# "has not been achieved", "is embedded as business as usual", "has been transferred to the ICB", "remains
# on hold"), or what the body "considers" it ("We consider this action partially achieved").
_VERDICT_WORD = (r"(?:(?:not\s+(?:yet\s+)?|partially\s+|partly\s+|largely\s+|fully\s+)?(?:achieved|delivered|completed|"
                 r"met|implemented)|embedded|transferred|superseded|deferred|postponed|withdrawn|on hold|"
                 r"closed|replaced|incorporated|absorbed)\b")
_VERDICT = re.compile(r"\b(?:(?:has|have|had|is|are|was|were|remains?)\s+(?:(?:now|therefore|also|so far)\s+)?"
                      r"(?P<neg>not\s+(?:yet\s+)?)?(?:been\s+)?|(?:consider(?:s|ed)?|rated?|assesse[sd]|assess|judged?)\s+"
                      r"(?:this|the|that|it)(?:\s+(?:action|commitment|recommendation|objective))?\s+"
                      r"(?:as\s+|to\s+be\s+|to\s+have\s+been\s+)?)(?P<s>" + _VERDICT_WORD + r"[^.;]*)", re.I)
_PLEDGING = re.compile(r"\bwe (?:will|shall|are going to|plan to|intend to)\b", re.I)


def _tail_status(title: str) -> str | None:
    """The status a title states after its last dash ("Water in schools – partially achieved"): a
    status phrase, or a closing participle with its complement ("superseded by ..."), never a title's
    own words ("Action 3 – Open a clinic")."""
    m = _TITLE_TAIL.search(title)
    if m is None:
        return None
    tail = m.group(1).strip(" *")
    first = tail.split()[0].lower() if tail.split() else ""
    if progress_of(tail) and (status_phrase(tail) or first.endswith("ed") or first in ("on", "not")):
        return tail
    return None


def paragraph_verdict(text: str) -> str | None:
    """The status a review paragraph states in its words, the last verdict it gives ("... This action
    has been achieved." -> "achieved"), or None: a paragraph that pledges more work ("we will") is a
    plan's, not a report's."""
    if _PLEDGING.search(text):
        return None
    found = None
    for m in _VERDICT.finditer(text):
        phrase = f"{m.group('neg') or ''}{m.group('s')}".strip()
        if progress_of(phrase):
            found = phrase
    return found


def read_reported_sections(blocks: list[RawBlock]) -> list[RawBlock]:
    """A numbered sub-heading over the paragraph(s) that report on its action, with a verdict in the
    title's tail or in the paragraphs' words, as one action block: the title the action, the paragraphs
    its update, the verdict its status (kb.layout.fields.progress_of)."""
    out: list[RawBlock] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        title = strip_markup(b.text).strip() if b.kind in ("heading", "paragraph") and len(b.lines) == 1 else ""
        m = _NUMBERED_TITLE.match(title) if title and not b.fields and not title.endswith((".", ":")) else None
        if m is None or len(words(title)) > _REPORT_TITLE_WORDS or not (m.group("kind") or "." in m.group("ref")
                                                                        or not m.group("ref").isdigit()):
            out.append(b)
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "paragraph" and not _NUMBERED_TITLE.match(
                strip_markup(blocks[j].text).strip()):
            j += 1
        paragraphs = [x.text for x in blocks[i:j]]
        status = _tail_status(title) or (paragraph_verdict(" ".join(paragraphs)) if m.group("kind") else None)
        if not paragraphs or status is None:
            out.append(b)
            continue
        out.append(RawBlock("action", [b.first], blank_before=b.blank_before, label="Action",
                            fields={"status": status, "update": " ".join(paragraphs)}, items=[(title, b.first)]))
        i = j
    for k, b in enumerate(out[:-1]):
        b.blank_after = out[k + 1].blank_before
    return out

# --------------------------------------------------------------------------------------------
# tables a PDF-to-text tool prints with spaces between the cells ("Action  Service  Date"): each
# printed line holds the pieces of the row's cells that stand on it, two or more spaces apart

_SPACED = re.compile(r"\s{2,}")
# a column that names who does the row's work, as council action plans head it ("Service", "Lead service")
_DOER_COLUMN = re.compile(r"(?:lead |responsible |delivering )?(?:services?|department|directorate|teams?)", re.I)
# how a timescale cell opens besides a date ("Ongoing to", "Annually", "Starting July", "Submission of ...")
_TIMESCALE_START = re.compile(r"^(?:on-?going|annually|quarterly|monthly|starting|from|by|until|submission|"
                              r"continuous|immediate(?:ly)?|tbc|tba|tbd|spring|summer|autumn|winter|jan(?:uary)?|"
                              r"feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
                              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.I)
# words after which a row's text goes on: a gap there is the export's, not a column's ("the  Local Plan")
_GOES_ON = frozenset("a an the of to for and or in on at by with from into our its their this that".split())
_ROW_REF = re.compile(rf"^\s*({REFERENCE_NUMBER})\.?\s+(?=\S)")
# a doer's name after the action's full stop, as a Service cell run in: "Environmental Services", "Waste Team"
_GLUED_DOER = re.compile(r"[.)]\s+((?:[A-Z][\w&-]*\s+(?:(?:and|&|of)\s+)?){0,4}[\w-]*\s*"
                         r"(?:Services?|Teams?|Agency|Department|Directorate|Unit|Partnership))\s*$")
_RUN_ON_WORDS = 6  # a line opening with this many words in lower case goes on with the action, not a short cell
_FOREIGN_WORDS = 4  # a capitalised run this long after the date cell is other text run in (a heading)


def _spaced_header(text: str) -> list[str] | None:
    """The roles of a header line of column labels spaced apart ("Action  Service  Date"): the
    first the action's, the others an owner's or a date's; None for any other line."""
    cells = [c for c in _SPACED.split(text.strip()) if c]
    if len(cells) < 2:
        return None
    roles = [label_role(c) or ("owner" if _DOER_COLUMN.fullmatch(c.strip()) else None) for c in cells]
    if roles[0] != "action" or any(r not in ("owner", "due") for r in roles[1:]) or len(set(roles)) != len(roles):
        return None
    return roles


def _starts_cell(segment: str, role: str) -> bool:
    if role == "due":
        return bool(_TIMESCALE_START.match(segment)) or field_dates(segment, None) is not None
    return segment[:1].isupper() and not _starts_cell(segment, "due")


def _spaced_row(lines: list[SourceLine], roles: list[str]) -> tuple[str, dict[str, str]] | None:
    """A row's action and its other cells (owner, due) found in its printed lines; None when it
    has no action text."""
    cells: list[list[str]] = [[] for _ in roles]
    col = 0
    for n, sl in enumerate(lines):
        segments = [c.strip() for c in _SPACED.split(sl.text.strip()) if c.strip()]
        if n == 0 and len(segments) > 1 and re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){1,2}\.?", segments[0]):
            segments[:2] = [f"{segments[0]} {segments[1]}"]  # "5.7  Using ...": the row's number, then its action
        for k, seg in enumerate(segments):
            if _spaced_header(seg + "  " + "  ".join(segments[k + 1:])) is not None:
                break  # the header repeated after a page break
            ws = words(seg)
            if col > 0 and k == 0 and len(ws) >= _RUN_ON_WORDS and seg[:1].islower():
                cells[0].append(seg)  # the action goes on below its other cells (a page break between)
                continue
            if col == len(roles) - 1 and len(ws) >= _FOREIGN_WORDS and seg[:1].isupper():
                break  # after the last cell: other text run into the line (the next section's title)
            prev = words(cells[col][-1]) if cells[col] else []
            if k > 0 and not (prev and prev[-1].lower() in _GOES_ON):  # after a gap: the next column may start
                nxt = next((j for j in range(col + 1, len(roles)) if _starts_cell(seg, roles[j])), None)
                if nxt is not None and (nxt == col + 1 or roles[col + 1] != "owner" or col == 0):
                    col = nxt
            cells[col].append(seg)
    if "owner" in roles and not cells[roles.index("owner")] and cells[0]:
        # the owner cell run into the action's last words with one space ("... pools etc . Community Services")
        glued = _GLUED_DOER.search(cells[0][-1])
        if glued is not None:
            cells[0][-1] = cells[0][-1][:glued.start(1)].rstrip()
            cells[roles.index("owner")].append(glued.group(1))
    if not cells[0]:
        return None
    fields = {role: join_lines(c) for role, c in zip(roles[1:], cells[1:], strict=True) if c}
    return join_lines(cells[0]), fields


def read_spaced_tables(blocks: list[RawBlock]) -> list[RawBlock]:
    """Read the rows of tables printed with spaces between their cells: under a header line of
    column labels ("Action  Service  Date"), each numbered row ("1.2 Bid for ...") whose lines hold
    its other cells becomes one action whose other cells are its fields (a Service column names who
    does it, as a Lead column does).  A row whose cells stand
    beside its last bullet ("3.1 Support ... including:" / "• ...  Schools Team  Ongoing") is an
    action with those cells, and so is each of its bullets; a row none of whose lines holds a cell
    is left as it is."""
    out: list[RawBlock] = []
    rows: list[RawBlock] = []
    roles: list[str] | None = None
    in_row = False  # the block before was a numbered row (its bullets are its own)
    family: list[RawBlock] = []  # the bullets read so far of the numbered row being read
    pending: tuple[int, str, str] | None = None  # that row, when it had no cell: (its index in out, action, ref)
    loose = False  # a header of more columns than are read (or one run into other text) has been seen
    wrapped_row: RawBlock | None = None  # the row just read cell by cell under such a header
    lead_then_rank = False  # that header ends with a Lead column and a rank column after it
    wrapped: list[RawBlock] = []  # the rows read cell by cell under such a header
    for b in blocks:
        header = _spaced_header(b.lines[0].text) if len(b.lines) == 1 and b.kind in ("heading", "paragraph") else None
        if header is not None:
            roles = header  # (a header repeated page after page is page furniture: it holds to the end)
            out.append(b)  # (as a heading, it tells that what is under it are actions)
            continue
        numbered = b.kind in ("paragraph", "heading") and bool(_ROW_REF.match(b.text))
        at = next((n for n, sl in enumerate(b.lines) if _loose_header(sl.text)), None) if roles is None else None
        if at is not None:
            loose = True
        if at is not None and not numbered:  # (a row that a page's repeated header ran into keeps the table's)
            lead_then_rank = _LEAD_THEN_RANK.search("\n".join(" ".join(sl.text.split()) for sl in b.lines[at:])) \
                is not None
        if roles is None and loose and numbered and b.kind == "paragraph" and (cut := _wrapped_row(b.lines)) is not None:
            action, fields = cut
            out.append(_action_row(b, action, fields))
            wrapped_row = out[-1]
            if lead_then_rank:
                wrapped.append(wrapped_row)
            continue
        if wrapped_row is not None and not numbered and _column_lines(b.lines) and (
                b.kind == "paragraph" or b.kind == "heading" and lead_then_rank and _ends_with_rank(b.lines)):
            # the row's other cells, past a blank line the export put in it (its last cells, the lead
            # and the rank, are no heading: "More efficient buildings  Estates" / "Team  2")
            wrapped_row.lines.extend(b.lines)
            continue
        wrapped_row = None
        if roles is None or not (numbered or b.kind == "list_item" and in_row):
            in_row = in_row and b.kind == "list_item"
            out.append(b)
            continue
        in_row = True
        if numbered:
            family, pending = [], None
        row = _spaced_row(b.lines, roles)
        if row is None or not row[1]:
            if numbered and row is not None:
                ref = _ROW_REF.match(row[0])
                pending = (len(out), row[0][ref.end():] if ref else row[0], ref.group(1) if ref else "")
            else:
                family.append(b)  # a bullet with no cell of its own stays a bullet of the row above
            out.append(b)
            continue
        action, fields = row
        ref = _ROW_REF.match(action)
        if ref is not None and b.kind != "list_item":
            fields["ref"] = ref.group(1)
            action = action[ref.end():]
        out.append(_action_row(b, action, fields))
        rows.append(out[-1])
        if not numbered:  # the row's cells printed beside its last bullet: the row's, and so each bullet's
            shared = {role: value for role, value in fields.items() if role != "ref"}
            for above in family:
                for role, value in shared.items():
                    above.fields.setdefault(role, value)
            if pending is not None:
                k, text, ref_no = pending
                out[k] = _action_row(out[k], text, {**shared, **({"ref": ref_no} if ref_no else {})})
                pending = None
        family.append(out[-1])
    _mend_broken_words(rows, "owner")
    _read_last_lead_cells(wrapped)
    return out


# A header whose last two columns are a Lead (Owner, Responsible) column and a rank column after it
# ("... Lead Service  Priority (1 - 5)"), read over the header's wrapped lines joined
_LEAD_THEN_RANK = re.compile(r"\b(?:Lead|Owner|Responsible)(?:\s+(?:Officer|Service|Team|Organisation|Body|Department|"
                             r"Directorate|Partner))?s?\s+(?:Priority|Rank(?:ing)?|Score|Weighting)(?:\s*\([^)]*\))?[ \t]*$", re.M)
# a rank cell: a figure or a level ("1", "High")
_RANK_CELL = re.compile(r"(?i)\d{1,2}|high|medium|low")
_LEAD_RUN = re.compile(r"(?:(?<=^)|(?<=[\s.,;:]))((?:[A-Z][\w'’-]*|&)(?:\s+(?:[A-Z][\w'’-]*|&|and|of|for)){0,3})$")


# the page's number and the table's header repeated after a row's last line ("Services  1 8 Reference  Action ...")
_PAGE_THEN_HEADER = re.compile(r"(?<=\s)\d{1,3}\s+(?=\S)")


def _row_texts(lines: list[SourceLine]) -> list[str]:
    """A row's printed lines up to the end of its last cells, without the page number and the header
    a page break printed after them."""
    out = []
    for sl in lines:
        text = sl.text.rstrip()
        # (the last place after which a header reads: "Team  1 8 Ref  Action ...", not "8 Ref  Action ...")
        cut = next((m for m in reversed(list(_PAGE_THEN_HEADER.finditer(text))) if _loose_header(text[m.end():])), None)
        if cut is not None:
            out.append(text[:cut.start()].rstrip())
            break
        out.append(text)
    return out


def _ends_with_rank(lines: list[SourceLine]) -> bool:
    last = [c.strip() for c in _SPACED.split(_row_texts(lines)[-1].strip()) if c.strip()]
    return len(last) >= 2 and _RANK_CELL.fullmatch(last[-1]) is not None


def _read_last_lead_cells(rows: list[RawBlock]) -> None:
    """The Lead cell of rows read cell by cell (`_wrapped_row`) under a header whose Lead column is
    last but one, before a rank column ("Lead Service  Priority"): a narrow column, its cell ends the
    row beside the rank ("Estates" / "Services  2": the last line holds the cell's last piece and the
    rank, the line before ends with its first piece).  The first piece counts only when the document
    writes the two pieces together elsewhere (in another row, or on one line): a capitalised word
    that ends the line before may be the last word of another column's cell."""
    found: list[tuple[RawBlock, str, str]] = []
    for row in rows:
        texts = _row_texts(row.lines)
        last = [c.strip() for c in _SPACED.split(texts[-1].strip()) if c.strip()]
        if len(last) < 2 or not _RANK_CELL.fullmatch(last[-1]) or not last[-2][:1].isupper():
            continue
        if len(words(last[-2])) > 4:
            continue
        first = ""
        if len(last) == 2 and len(texts) > 1:
            before = _SPACED.split(texts[-2].strip())[-1]
            run = _LEAD_RUN.search(before)
            first = run.group(1) if run is not None and not re.match(r"(?:&|and|of|for)\b", run.group(1)) else ""
        found.append((row, first, last[-2]))
    text = "\n".join(" ".join(sl.text.split()) for row in rows for sl in row.lines)
    pairs = Counter((first, piece) for _, first, piece in found if first)
    for row, first, piece in found:
        if row.fields.get("owner"):
            continue
        whole = f"{first} {piece}"
        if not first:
            row.fields["owner"] = piece
        elif pairs[(first, piece)] >= 2 or whole in text:
            row.fields["owner"] = whole


_SENTENCE_STOP = re.compile(r"[.!?;:]['’\")]*$")
_WRAPPED_ACTION_WORDS = 3  # an action cell holds at least this many words before its row's next cell
_DUE_CELL_LINES = 3  # a timescale cell wraps over a few short lines at most ("December" / "2023")
_DATE_PIECE = re.compile(r"^(?:\d{4}(?:[/-]\d{2})?|q[1-4])\b", re.I)


def _loose_header(text: str) -> bool:
    """Whether a line holds a table's column labels spaced apart, an action's label and after it a
    timescale's or a lead's, among others the rows' reader does not need ("Ref  Action description
    Timescale  Cost  RAG"), also when the export ran the header into other text (the last row of the
    page before, a page number)."""
    roles = [label_role(c) for c in _SPACED.split(text.strip()) if c]
    if roles.count("action") != 1:  # (two, "Objective  Action  Timescale": the rows are not one action's)
        return False
    return any(r in ("due", "owner") for r in roles[roles.index("action") + 1:])


_COLUMN_WIDTH = 60  # a line no longer than this is one column's width, not a paragraph's


def _column_lines(lines: list[SourceLine]) -> bool:
    """Whether lines are the rest of a table row's cells: each as narrow as a column, one at least
    holding two cells spaced apart."""
    texts = [sl.text.strip() for sl in lines]
    return all(len(t) <= _COLUMN_WIDTH for t in texts) and any(_SPACED.search(t) for t in texts)


def _wrapped_row(lines: list[SourceLine]) -> tuple[str, dict[str, str]] | None:
    """A numbered row of a table that a PDF-to-text tool printed cell by cell, each cell wrapped in
    its column and the cells of a line spaced apart ("1.2a Replace the boilers at the" / "depot with
    heat pumps  March 2024  Capital budget"): its action is the text up to the first gap of two
    spaces or more after which a new cell starts (a capital, a digit or a timescale word, not the
    next words of a sentence), and a cell after it that reads as a timescale is its due date; the
    cells after those (costs, status, outcomes, lead, priority) are not the action.  None when the
    block is no such row (one line, or no gap that ends a cell)."""
    if len(lines) < 2:
        return None
    ref = _ROW_REF.match(lines[0].text)
    if ref is None:
        return None
    texts = [lines[0].text[ref.end():], *(sl.text for sl in lines[1:])]
    action: list[str] = []
    for n, text in enumerate(texts):
        segments = [c.strip() for c in _SPACED.split(text.strip()) if c.strip()]
        for k in range(1, len(segments)):
            before, after = " ".join([*action, *segments[:k]]), segments[k]
            starts = after[:1].isupper() or after[:1].isdigit()
            due = _starts_cell(after, "due")
            if not (starts or due) or len(words(before)) < _WRAPPED_ACTION_WORDS:
                continue
            if _SENTENCE_STOP.search(segments[k - 1]) and not due:
                continue  # a sentence's end and the next sentence of the same cell
            fields = {"ref": ref.group(1)}
            if due:
                cell = [after]
                for more in texts[n + 1:n + _DUE_CELL_LINES]:
                    piece = _SPACED.split(more.strip())[0]
                    if not (_DATE_PIECE.match(piece) or _TIMESCALE_START.match(piece)):
                        break
                    cell.append(piece)
                fields["due"] = " ".join(cell)
            return join_lines([*action, *segments[:k]]), fields
        action.extend(segments)
    return None


def _action_row(b: RawBlock, action: str, fields: dict[str, str]) -> RawBlock:
    return RawBlock("action", b.lines, blank_before=b.blank_before, blank_after=b.blank_after,
                    fields=fields, label="Action", items=[(strip_markup(action), b.lines[0])])


def _mend_broken_words(rows: list[RawBlock], role: str) -> None:
    """A column's values recur from row to row ("Environmental Services"), and a PDF-to-text tool
    now and then breaks a word of one with a space ("Environmen tal Services", "Community S ervices"):
    such a value is written as the other rows write it."""
    parts = [p.strip() for b in rows for p in re.split(r"[,;]", b.fields.get(role, "")) if p.strip()]
    spelled: dict[str, Counter[str]] = {}
    for p in parts:
        spelled.setdefault(re.sub(r"\s+", "", p), Counter())[re.sub(r"\s+", " ", p)] += 1
    for b in rows:
        if role not in b.fields:
            continue
        mended = []
        for p in re.split(r"([,;])", b.fields[role]):
            forms = spelled.get(re.sub(r"\s+", "", p))
            best = forms.most_common(1)[0][0] if forms else None
            mended.append(f" {best}" if best is not None and len(forms) > 1 and p.strip() != best else p)
        b.fields[role] = "".join(mended).strip()


# --------------------------------------------------------------------------------------------
# page furniture: running headers and footers, page numbers, footnote markers

_PAGE_LINE = re.compile(
    r"^\s*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|"
    r"\d{1,4}\s*\|\s*page|page\s*\|\s*\d{1,4}|p\.?\s*\d{1,4})\s*$", re.I)
_BARE_NUMBER = re.compile(r"^\s*\**(\d{1,3})\**\s*$")
_MARKING = re.compile(r"^\W*(?:(?:this (?:document|page|email|report) (?:was|is|has been) )?"
                      r"(?:(?:security|protective) )?(?:classified as|classification|marking)\W*)?(?:official(?:[- ]sensitive)?|draft|confidential|not protectively marked|"
                      r"restricted|private (?:and|&) confidential)\W*$", re.I)
_FOOTNOTE_LINE = re.compile(r"^\s*\d{1,2}\s+(?:https?://|www\.|see\s|source:|ibid|available (?:at|from)\b)"
                            # a footnote citing its source by title and address ("12 Annual survey 2024
                            # https://..."): a number, no stop after it, and the line ends with the address
                            r"|^\s*\d{1,2}\s?(?-i:[A-Z])[^\t]*\s(?:https?://|www\.)\S+\s*$", re.I)
# "smoking prevalence3 in", "the strategy.12 The": a footnote marker glued to a word
_MARKER = re.compile(r"(?<=[a-z]{3})(?<!covid)(?<!sars)\d{1,2}(?=[,.;:)]?(?:\s|$))|(?<=[a-z][.,;:])\d{1,2}(?=\s+[A-Z])"
                     r"|(?<=[A-Za-z.,;:)])[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_RUNNING_MIN = 3  # a line is a running header or footer when it recurs at least this often


def _furniture_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", strip_markup(text).lower())).strip()


def _years_vary(texts: list[str]) -> bool:
    """Do these recurring lines differ only in years ("Timescale: By March 2022" / "... 2023")?  Then
    they are repeated fields of different items, not a running footer: a page number is no year."""
    numbers = [re.findall(r"\d+", t) for t in texts]
    if len({len(n) for n in numbers}) != 1:
        return False
    varying = [vals for vals in zip(*numbers, strict=True) if len(set(vals)) > 1]
    return bool(varying) and all(re.fullmatch(r"(?:19|20)\d\d", v) for vals in varying for v in vals)


_PAGE_MIN_LINES = 2  # a running header or footer has a line of the page at least between it and the next one


def _listed(idx: list[int]) -> bool:
    """Do these recurring lines stand one under the other ("1419 units in phase 1" / "645 units in phase 2"),
    as a list's items do, rather than a page apart, as a running header or footer does?"""
    close = sum(1 for a, b in zip(idx, idx[1:], strict=False) if b - a < _PAGE_MIN_LINES)
    return close > (len(idx) - 1) / 2


def drop_page_furniture(lines: list[SourceLine], furniture: set[int] | None = None,
                        tails: Sequence[str] | None = None) -> list[SourceLine]:
    """The lines with page furniture blanked out (line numbers kept), footnote markers removed, and
    a running footer run into the end of a line cut off it.  `furniture`: the indexes (into `lines`)
    of the furniture lines (default: `page_furniture` of these lines; a document laid out in pieces
    finds them in the whole document); `tails`: the footers' text before their page numbers
    (default: `furniture_tails` of these lines), likewise."""
    texts = [sl.text for sl in lines]
    drop = page_furniture(texts) if furniture is None else furniture
    if tails is None:
        tails = furniture_tails(texts, drop)
    out: list[SourceLine] = []
    for i, sl in enumerate(lines):
        if i in drop:
            out.append(SourceLine("", sl.line, sl.page, furniture=True))
        else:
            text = _without_tail(sl.text, tails) if tails else sl.text
            text = _MARKER.sub("", text) if re.search(r"[a-z.,;:)][\d\u00b9\u00b2\u00b3\u2070-\u2079]", text) else text
            out.append(sl if text == sl.text else replace(sl, text=text))
    return out


_TAIL_MIN_CHARS = 10  # a footer's text long enough not to end a line of the body by chance
_TAIL_PAGE = re.compile(r"^(.*?\D)\s*\d{1,4}\s*$")


def furniture_tails(texts: Sequence[str], furniture: set[int]) -> tuple[str, ...]:
    """The text before the page number of the running footers and headers among the furniture lines
    ("CLIMATE PLAN | June 2021 p" of "CLIMATE PLAN | June 2021 p16").  A PDF-to-text tool that loses
    the break before a footer runs it into the page's last line ("... by March 2023.CLIMATE PLAN |
    June 2021 p17"), where it is furniture still: its date is the document's, not the line's."""
    stems: set[str] = set()
    for i in furniture:
        m = _TAIL_PAGE.match(texts[i].strip()) if i < len(texts) else None
        if m and len(m.group(1).strip()) >= _TAIL_MIN_CHARS and len(words(m.group(1))) >= 2:
            stems.add(m.group(1).strip())
    return tuple(sorted(stems))


def _without_tail(text: str, tails: Sequence[str]) -> str:
    """The line without a running footer (one of `tails` and a page number) run into its end, or
    into its start ("CLIMATE PLAN | June 2021 p20WASTE ACTION PLAN": the next page's heading)."""
    for stem in tails:
        # spacing varies from page to page ("June 2021p16", "June 2021 p20")
        body = r"\s*".join(re.escape(t) for t in re.findall(r"[^\W\d_]+|\d+|[^\w\s]", stem))
        if k := re.search(r"(?<=\S)\s*" + body + r"\s*\d{1,4}\s*$", text):
            return text[:k.start()].rstrip()
        if k := re.match(r"\s*" + body + r"\s*\d{1,4}(?!\d)\s*(?=\S)", text):
            return text[k.end():]
    return text


def page_furniture(texts: Sequence[str]) -> set[int]:
    """The indexes of the lines that are page furniture.

    Page furniture is what a PDF export repeats on every page or numbers page by page: "Page 3
    of 20", a rising run of bare page numbers, a running header or footer (a short line that recurs
    with a changing number, or the cover's title line recurring through the document), protective
    markings ("OFFICIAL", "DRAFT"), and footnote source lines ("3 https://...").  None of it is a
    record or part of one.
    """
    drop: set[int] = set()
    bare: list[tuple[int, int]] = []
    keyed: dict[str, list[int]] = {}
    first_seen: dict[str, int] = {}
    for i, raw in enumerate(texts):
        text = raw.strip()
        if not text or "\t" in text or _BULLET.match(raw):
            continue
        if _PAGE_LINE.match(text) or _FOOTNOTE_LINE.match(text):
            drop.add(i)
            continue
        m = _BARE_NUMBER.match(text)
        if m:
            bare.append((i, int(m.group(1))))
            continue
        if len(text) <= 120:
            key = _furniture_key(text)
            keyed.setdefault(key, []).append(i)
            first_seen.setdefault(key, len(first_seen))
    if len(bare) >= _RUNNING_MIN:
        rising = sum(1 for (_, a), (_, b) in zip(bare, bare[1:], strict=False) if b > a)
        if rising >= 0.8 * (len(bare) - 1):
            drop.update(i for i, _ in bare)
    for key, idx in keyed.items():
        if _MARKING.match(key) and len(idx) >= 2:
            drop.update(idx)
            continue
        if len(idx) < _RUNNING_MIN or _years_vary([texts[i] for i in idx]) or _listed(idx):
            continue
        varying = ("#" in key and len(re.findall(r"[a-z]{2,}", key)) >= 2
                   and len({texts[i].strip() for i in idx}) > 1)
        cover = first_seen[key] < 6 and len(key.split()) >= 3
        # the same line on every page, set apart by a running footer's separator ("One record, many
        # doors · Digital Strategy 2022–25", "Council Plan | Cabinet report"): a heading has none
        # (a field's label and value printed alike under each item, "RAG: Partly delivered | Amber", is none)
        separated = len({texts[i].strip() for i in idx}) == 1 and bool(_RUNNING_SEPARATOR.search(texts[idx[0]])) \
            and len(re.findall(r"[A-Za-z]{2,}", texts[idx[0]])) >= 4 and ":" not in texts[idx[0]] \
            and progress_of(texts[idx[0]]) is None
        if varying or cover or separated:
            drop.update(idx[1:] if cover and not varying and not separated else idx)
    return drop


_RUNNING_SEPARATOR = re.compile(r"\S\s+[·|•]\s+\S")
