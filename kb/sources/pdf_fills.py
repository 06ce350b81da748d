"""Ratings a PDF table gives by colour alone: a status cell filled red, amber, green or blue.

Progress reports and action-plan reviews often rate each action with a coloured cell in a "RAG" or
"Status" column and no word in it; their key says what each colour means ("Blue – complete; Green –
on track").  A reader of the text layer sees an empty cell.  The colour is read here, from the box
painted under the cell, and written into the cell as its word ("Green"), so the rating reaches the
status field and the document's colour key as if it had been typed (kb.layout.fields).

The colour is a box painted under the whole cell, or a mark drawn inside it (a dot, a square).
Only where the colour is a rating: a cell under a column header that names a status ("RAG",
"Status", "Progress"; a table carried over from the page before keeps its header's columns), or the
code cell of a key row (a coloured cell beside a status word: "[green] Complete").  Coloured cells
elsewhere (a Gantt chart's bars, shaded headers) stay as they are.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Sequence

from kb.layout.fields import label_role, rating_key_entries

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: top-down, as table cells are

_COVER = 0.7  # the share of a cell a painted box must cover to be its fill
_SATURATED = 0.35  # a rating colour is a colour, not a tint: pale header shading is no rating


def rating_colour(color: object) -> str | None:
    """The rating a fill colour reads as ("red", "amber", "green", "blue"), or None for white, grey,
    black, a tint or another hue.  Gray, RGB and CMYK values from 0 to 1 (pdfminer and pdfium)."""
    if isinstance(color, (int, float)):
        return None  # a grey
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return None  # a pattern or a named colour space
    if len(color) == 4:
        c, m, y, k = color
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    elif len(color) == 3:
        rgb = tuple(color)
    else:
        return None
    if not all(0.0 <= v <= 1.0 for v in rgb):
        return None
    hue, sat, val = colorsys.rgb_to_hsv(*rgb)
    if sat < _SATURATED or val < _SATURATED:
        return None
    degrees = hue * 360
    if degrees < 15 or degrees >= 340:
        return "red"
    if degrees < 65:
        return "amber"  # orange to yellow: the middle grade, whatever shade a body paints it
    if degrees < 170:
        return "green"
    if degrees < 260:
        return "blue"
    return None


def cell_fills(cell_boxes: Sequence[Sequence[Box | None]], painted: Iterable[tuple[Box, str]]) -> dict[tuple[int, int], str]:
    """The rating colour of each cell (row, column): of the smallest painted box that covers most of
    the cell (a cell's own fill is drawn over the row's or the table's), else of the marks drawn
    inside it when they are all one colour (a RAG dot, a coloured square)."""
    painted = list(painted)
    out: dict[tuple[int, int], str] = {}
    for ri, row in enumerate(cell_boxes):
        for ci, cell in enumerate(row):
            if cell is None:
                continue
            area = max((cell[2] - cell[0]) * (cell[3] - cell[1]), 1e-6)
            best: tuple[float, str] | None = None
            marks: set[str] = set()
            for box, colour in painted:
                w = min(cell[2], box[2]) - max(cell[0], box[0])
                h = min(cell[3], box[3]) - max(cell[1], box[1])
                if w <= 0 or h <= 0:
                    continue
                if w * h >= _COVER * area:
                    size = (box[2] - box[0]) * (box[3] - box[1])
                    if best is None or size < best[0]:
                        best = (size, colour)
                elif _inside(box, cell) and min(box[2] - box[0], box[3] - box[1]) >= _MARK:
                    marks.add(colour)
            if best is not None:
                out[(ri, ci)] = best[1]
            elif len(marks) == 1:
                out[(ri, ci)] = marks.pop()
    return out


_MARK = 3.0  # points: the least side of a mark that rates a cell (a dot, a square); a rule is thinner


def _inside(box: Box, cell: Box, slack: float = 1.0) -> bool:
    return (box[0] >= cell[0] - slack and box[1] >= cell[1] - slack
            and box[2] <= cell[2] + slack and box[3] <= cell[3] + slack)


def status_spans(cells: Sequence[tuple[str, Box | None]]) -> list[tuple[float, float]] | None:
    """The x ranges of a header row's status columns ("RAG", "Status"), or None when the row is no
    header (none of its cells is a column label: the table goes on from the page before)."""
    roles = [(label_role(text) if text.strip() else None, box) for text, box in cells]
    if not any(role for role, _ in roles):
        return None
    return [(box[0], box[2]) for role, box in roles if role == "status" and box is not None]


def in_spans(box: Box, spans: Sequence[tuple[float, float]]) -> bool:
    """Whether a cell lies mostly under one of the column ranges."""
    width = max(box[2] - box[0], 1e-6)
    return any(min(box[2], b) - max(box[0], a) >= 0.5 * width for a, b in spans)


def is_key_row(texts: Sequence[str], ci: int, colour: str) -> bool:
    """A colour key's row: the coloured cell first, the next cell reading as what the colour means
    ("Complete", "On track: the action will meet its date"), as kb.layout.fields reads a key."""
    return ci == 0 and len(texts) >= 2 and not texts[0] and bool(rating_key_entries(texts[1], colour))
