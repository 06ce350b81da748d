"""The Lead cell of an action plan's row when a text export ran the row's cells together.

Action plans print each action in a row with a Lead column and a Partners column after it ("Action |
Lead | Partners | Start | End").  A PDF-to-text tool often flattens such a table: the cells of a row
follow each other with one space, or with none where a line of one cell ended ("... to act.Riverside
TrustCouncil, schools"), so the lead reads as more words of the action and is lost.  Two shapes are
read here, only in a document whose column header names a Lead (or Owner, Responsible) column:

- the cells after the action's full stop, run into it ("... to act.Parks Team Council, schools"): the
  first of them is the lead;
- a row whose Start and End cells close it ("Resurface the car park Estates Team Council, schools
  Apr-21 Mar-23"): the lead is the first cell after the action, which ends at its last word in
  lower case or at a value of a category column the header lists ("Scope Internal / External /
  Both": the category cell stands between the action and the lead).

The lead is told from the partners that follow it by how the document writes its cells elsewhere:
a name the document writes as a cell of its own (between commas, or run into the next cell), the
shortest first; else a name ending in a unit's head word ("Team", "Unit", "Service"); else the
words before an acronym or a word that opens a list of partners ("All Depts", "Other ...").
A short form the document also writes in full ("Fin Team" beside "Finance Team") is named in
full, and so is an acronym it never defines but spells out once ("PT" beside a line "PT Parks
Trust").  Everything is learnt from the document itself: nothing here names a body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kb.extract.acronyms import initials_match
from kb.extract.dates import start_end_cells_at

# A column header naming a Lead column after the action's ("Theme / Action Lead Partners", "By
# 2025 we will... Lead Partners", "Action Owner Timescale")
LEAD_COLUMN = re.compile(r"(?:\bActions?|\.\.\.|…)\s+(?:Lead|Owner|Responsible)(?:\s+(?:Officer|Organisation|Body|"
                         r"Service|Team|Partner))?s?\s*(?:Partners?|Support|Timescales?|Start|Dates?|When|Due|$)",
                         re.MULTILINE)
# A category column's header listing its values ("Internal / External / Both", "Red / Amber / Green")
_LEGEND = re.compile(r"\b[A-Z][a-z]+(?:\s*/\s*[A-Z][a-z]+){2,5}(?![a-z])")
# a full stop straight before the next cell's capital ("... to act.Parks Team", "... by 2030.Parks
# Team"), as kb.extract.pipeline cuts a unit there
_GLUED_STOP = re.compile(r"(?<=[a-z0-9)\]]\.)(?=[A-Z][A-Za-z])")
# where one cell runs into the next: a lower-case letter before a capital ("TeamCouncil"), capitals
# before a capitalised word ("LLEPParks"), a comma, semicolon, slash or bracket
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")
_CELL_SPLIT = re.compile(r"\s*[;,/()]\s*")
# words that open a cell of partners, not a lead ("All Depts", "Other LAs", "Relevant Departments")
_PARTNERS_WORD = re.compile(r"\s+(?=(?:All|Other|Relevant|Various|Key)\b)")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}s?")
_UNIT_HEADS = frozenset("team teams unit service services department directorate division partnership group board "
                        "office agency".split())
_LEAD_WORDS = 6  # a lead cell is a name, not a sentence
_LEGEND_ROWS = 3  # rows that use a legend's words before it is taken for a column's
_TAIL_CHARS = 160  # how far the cells run into an action's full stop are read
_KEY_CHARS = 40  # an action is known by its last characters
_RUN_ON_CHARS = 300  # how far an action cut short may run on to its cells
_ACTION_CHARS = 20  # an action before a full stop is a few words at least
_NAME_RUN = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][a-z]+){1,8}(?![a-z])")
_LOWER_END = re.compile(r"[a-z][a-z'’)]*[.,;:]?$")


def _cells(tail: str) -> list[str]:
    """The cells of a run of cells, split where they run into each other."""
    text = _CAMEL.sub("; ", tail)
    return [c.strip() for c in _CELL_SPLIT.split(text) if c.strip()]


class LeadCells:
    """What a document's flattened rows say of their leads (see the module's docstring)."""

    def __init__(self, text: str):
        self.active = LEAD_COLUMN.search(text or "") is not None
        # the end of an action's sentence -> the words before the cells run into it, and the cells
        self._glued: dict[str, list[tuple[str, str]]] = {}
        self._categories: frozenset[str] = frozenset()
        self._cell_names: set[str] = set()
        self._text = ""  # the document's (for the full forms of short names)
        self._flat = ""  # the same with its white space folded (for actions a record cut short)
        self._spelt: dict[str, str] = {}
        if not self.active:
            return
        legends = [re.split(r"\s*/\s*", m.group(0)) for m in _LEGEND.finditer(text)]
        tails: list[str] = []
        for m in _GLUED_STOP.finditer(text):
            cells = re.sub(r"[ \t]*\n\s*", "\n", re.sub(r"[ \t]+", " ", text[m.start():m.start() + _TAIL_CHARS]))
            cells = _GLUED_STOP.split(cells)[0]
            before = " ".join(text[max(0, m.start() - _TAIL_CHARS):m.start()].split())
            self._glued.setdefault(self._key(before), []).append((before, cells))
            tails.append(cells)
        rows = [line[:at] for line in text.splitlines() if (at := start_end_cells_at(line)) is not None]
        # a legend counts when rows use its words (a column's legend, not a chart's)
        self._categories = frozenset(w for ws in legends if sum(
            any(re.search(rf"(?:\b|(?<=[a-z.])){w}\b", r) for w in ws) for r in rows) >= _LEGEND_ROWS for w in ws)
        tails += [t for r in rows if (t := self._row_tail(r)) is not None]
        for t in tails:
            runs = _CAMEL.sub("; ", t.replace("\n", " "))
            for m in re.finditer(r"[^;,/()]+", runs):
                cell = m.group(0).strip()
                delimited = m.start() > 0 or m.end() < len(runs)
                if delimited and cell and len(cell.split()) <= _LEAD_WORDS:
                    for part in _PARTNERS_WORD.split(cell):
                        self._cell_names.add(part.strip())
        self._text = text
        self._flat = " ".join(text.split())

    @staticmethod
    def _key(sentence: str) -> str:
        return " ".join(sentence.split())[-_KEY_CHARS:]

    def _row_tail(self, row: str) -> str | None:
        """The cells of a row between its action and its Start cell."""
        if self._categories:
            cat = None  # the first category cell after the action's first word
            for c in self._categories:
                for m in re.finditer(rf"(?:\b|(?<=[a-z.])){c}(?=\s|[A-Z]|$)", row):
                    if m.start() > 0 and (cat is None or m.start() < cat.start()):
                        cat = m
            if cat is not None:
                return row[cat.end():].strip() or None
        words = row.split()
        last = max((i for i, w in enumerate(words) if _LOWER_END.search(w) and w[:1].islower()), default=None)
        if last is None or last == len(words) - 1:
            return None
        return " ".join(words[last + 1:]) or None

    def lead(self, text: str, known: Callable[[str], bool] = lambda _s: False) -> str | None:
        """The lead cell of the row this action comes from, as the document names it; None when
        its row has no cells run into it (or the document no Lead column).  `known`: whether a
        name is a party the owner finder knows."""
        if not self.active or not text:
            return None
        cells = None
        said = " ".join(text.split())
        glued = self._glued.get(self._key(said), [])
        if len({c for _, c in glued}) > 1:  # actions that end alike ("... and share best practice."): the whole
            glued = [(b, c) for b, c in glued if b.endswith(said[-_TAIL_CHARS + 10:])]
        if not glued and len(said) >= _ACTION_CHARS and said[-1] not in ".!?;:" and not _GLUED_STOP.search(said) \
                and start_end_cells_at(text) is None and self._flat.count(said) == 1:
            # an action whose record ends before its sentence does (a hard-wrapped line kept apart:
            # "E4 Deliver the Riverside" / "Walk scheme for the town.Parks TrustWCC"): the cells its
            # words run on into, within a row's length
            end = self._flat.find(said) + len(said)
            stop = _GLUED_STOP.search(self._flat, end, end + _RUN_ON_CHARS)
            if stop is not None and not re.search(r"[.!?;:]\s", self._flat[end:stop.start()]):
                glued = self._glued.get(self._key(self._flat[max(0, stop.start() - _TAIL_CHARS):stop.start()]), [])
        if len({c for _, c in glued}) == 1:
            cells = glued[0][1]
        elif not glued:
            at = start_end_cells_at(text)
            cells = self._row_tail(text[:at]) if at is not None else None
            parts = _GLUED_STOP.split(text, maxsplit=1)
            if cells is None and len(parts) == 2 and len(parts[0]) >= _ACTION_CHARS:
                cells = _GLUED_STOP.split(parts[1])[0]  # the action's own text runs on into its cells
        if not cells:
            return None
        first = next(iter(_cells(cells.replace("\n", " "))), "")
        if len(first.split()) > _LEAD_WORDS:  # the next row's text after the cells' line: the line alone
            first = next(iter(_cells(cells.split("\n")[0])), "")
        first = _PARTNERS_WORD.split(first)[0].strip()
        words = first.split()
        if not words or len(words) > _LEAD_WORDS or not words[0][:1].isupper():
            return None
        name = None
        if len(words) > 1 and _ACRONYM.fullmatch(words[0]) and \
                not any(known(" ".join(words[:k])) for k in range(2, len(words) + 1)):
            name = words[0]  # a lead by its initials, then the partners' cell ("WU Parks Trust, schools")
        for k in range(1, len(words) + 1) if name is None else ():
            # a name the document writes as a cell of its own or that names a known party, or the
            # words before such a cell ("Fleet Procurement": Fleet, then Procurement)
            # (or one ending in a unit's head word: "Parks Team")
            head, rest = " ".join(words[:k]), words[k:]
            if head in self._cell_names or words[k - 1].lower() in _UNIT_HEADS or known(head) or \
                    any(" ".join(rest[:j]) in self._cell_names for j in range(1, len(rest) + 1)):
                name = head
                break
        if name is None:  # the words before an acronym that follows them ("Fleet ICT": Fleet, then ICT)
            k = next((k for k in range(1, len(words)) if _ACRONYM.fullmatch(words[k])), len(words))
            name = " ".join(words[:k])
        if _ACRONYM.fullmatch(name):  # (an acronym the owner finder knows is spelt out by it)
            return name if known(name) or name.endswith("s") else self._spelt_out(name)
        return self._in_full(name)

    def _spelt_out(self, acronym: str) -> str:
        """An acronym's full name when the document writes it once, nowhere defining it ("Parks
        Trust" for "PT"): the one run of capitalised words whose initials are its letters."""
        if acronym not in self._spelt:
            found: set[str] = set()
            for m in _NAME_RUN.finditer(self._text):  # a whole run ("Friends of Wyvern Gardens"), not part of one
                ws = m.group(0).split()
                ws = ws[1:] if ws[0] in ("The", "Our") else ws
                if len(ws) >= 2 and initials_match(ws, acronym):
                    found.add(" ".join(ws))
            self._spelt[acronym] = next(iter(found)) if len(found) == 1 else acronym
        return self._spelt[acronym]

    def _in_full(self, name: str) -> str:
        """A short form the document also writes in full ("Fin Team" -> "Finance Team"): each
        word the start of the full name's word, one at least cut short."""
        words = name.split()
        if len(words) < 2 or not any(len(w) <= 4 and w.isalpha() and w[:1].isupper() and w[1:].islower()
                                     for w in words):
            return name
        pattern = re.compile(r"(?<![A-Za-z])" + r"\s+".join(re.escape(w) + (r"[a-z]*" if w.isalpha() else "")
                                                             for w in words) + r"(?![a-z])")
        full = {" ".join(m.group(0).split()) for m in pattern.finditer(self._text)} - {name}
        return next(iter(full)) if len(full) == 1 else name
