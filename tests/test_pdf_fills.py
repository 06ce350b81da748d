"""Ratings given by colour alone in PDF tables (kb.sources.pdf_fills): a RAG or Status cell painted
red, amber, green or blue with no word in it is read as that colour's word, and only there.

Each PDF is drawn here with reportlab's canvas, so the test states exactly what is on the page;
every action and body is invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kb.api import KnowledgeBase
from kb.sources.pdf import read_pdf_text
from kb.sources.pdf_fills import cell_fills, in_spans, is_key_row, rating_colour, status_spans

GREEN, AMBER, RED, BLUE, GREY = (0.0, 0.69, 0.31), (1.0, 0.75, 0.0), (0.9, 0.1, 0.1), (0.0, 0.44, 0.75), (0.85,) * 3


@pytest.mark.parametrize("colour, rating", [
    ((0.0, 0.69, 0.31), "green"),
    ((0.57, 0.82, 0.31), "green"),  # a lighter green, still a colour
    ((1.0, 0.75, 0.0), "amber"),
    ((1.0, 1.0, 0.0), "amber"),  # yellow rates the middle grade
    ((0.93, 0.49, 0.19), "amber"),  # orange
    ((1.0, 0.0, 0.0), "red"),
    ((0.75, 0.0, 0.0), "red"),
    ((0.0, 0.44, 0.75), "blue"),
    ((0.0, 0.0, 0.0, 0.0), None),  # CMYK white
    ((0.8, 0.0, 1.0, 0.0), "green"),  # CMYK green
    ((0.85, 0.85, 0.85), None),  # grey shading
    ((0.89, 0.94, 0.85), None),  # a pale tint behind a header
    ((1.0, 1.0, 1.0), None),
    ((0.1, 0.1, 0.1), None),  # near black
    ((0.5, 0.2, 0.6), None),  # purple is no rating
    (0.5, None),  # a grey level
    ("P1", None),  # a pattern
    (None, None),
])
def test_rating_colour(colour, rating):
    assert rating_colour(colour) == rating


def test_a_cell_takes_the_colour_of_the_smallest_box_covering_it():
    cells = [[(0, 0, 100, 20), (100, 0, 160, 20)]]
    painted = [((0, 0, 160, 20), "blue"), ((100, 0, 160, 20), "red"), ((101, 5, 110, 10), "green")]
    assert cell_fills(cells, painted) == {(0, 0): "blue", (0, 1): "red"}  # the cell's own fill outranks a dot


@pytest.mark.parametrize("marks, colour", [
    ([((45, 5, 55, 15), "green")], "green"),  # a RAG dot
    ([((10, 5, 20, 15), "amber"), ((30, 5, 40, 15), "amber")], "amber"),  # two of one colour
    ([((10, 5, 20, 15), "amber"), ((30, 5, 40, 15), "red")], None),  # two colours: no one rating
    ([((10, 9, 90, 10), "red")], None),  # a rule, not a mark
    ([((90, 5, 110, 15), "green")], None),  # across the border: no mark of this cell
])
def test_a_mark_drawn_inside_a_cell_rates_it(marks, colour):
    got = cell_fills([[(0, 0, 100, 20)]], marks)
    assert got.get((0, 0)) == colour


@pytest.mark.parametrize("header, spans", [
    ([("Action", (0, 0, 100, 20)), ("Lead", (100, 0, 160, 20)), ("RAG", (160, 0, 200, 20))], [(160, 200)]),
    ([("Action", (0, 0, 100, 20)), ("Progress", (100, 0, 160, 20))], [(100, 160)]),
    ([("Action", (0, 0, 100, 20)), ("Lead", (100, 0, 160, 20))], []),  # a header with no status column
    ([("Open two hubs", (0, 0, 100, 20)), ("", (100, 0, 160, 20))], None),  # no header: a row of data
])
def test_status_columns_of_a_header_row(header, spans):
    assert status_spans(header) == spans


def test_a_cell_under_a_status_column_and_a_key_row():
    assert in_spans((161, 0, 199, 20), [(160, 200)])
    assert not in_spans((100, 0, 160, 20), [(160, 200)])
    assert is_key_row(["", "Complete"], 0, "blue")
    assert is_key_row(["", "On track: the action will meet its date"], 0, "green")
    assert not is_key_row(["", "Open two family hubs"], 0, "green")  # an action, not what a colour means
    assert not is_key_row(["", "Healthy lives"], 0, "green")  # a theme's colour band
    assert not is_key_row(["Complete", ""], 1, "green")


def _row(c: canvas.Canvas, top: float, cells: list[str], widths: tuple[float, ...],
         fills: tuple[tuple[float, ...] | None, ...] | None = None) -> float:
    """One ruled row, each cell painted its fill (if any) under its border and text."""
    x = 60.0
    for k, (w, text) in enumerate(zip(widths, cells, strict=True)):
        fill = fills[k] if fills else None
        if fill:
            c.setFillColorRGB(*fill)
            c.rect(x, top - 20, w, 20, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        c.rect(x, top - 20, w, 20, stroke=1, fill=0)
        if text:
            c.drawString(x + 4, top - 14, text)
        x += w
    return top - 20


REVIEW_WIDTHS = (260.0, 120.0, 60.0)
REVIEW_ROWS = [  # (action, lead, rating colour)
    ("Open two family hubs in the north", "Public Health", BLUE),
    ("Recruit twelve health visitors", "Workforce Board", AMBER),
    ("Publish a carers charter", "Carers Partnership", RED),
    ("Review the respite offer", "Adult Social Care", GREY),
]


def _review_pdf(path: Path) -> Path:
    """A review table rated by colour alone under 'RAG', a colour key beneath it, and the table
    going on overleaf without its header."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 800, "Family health strategy: progress against the actions at March 2025")
    top = _row(c, 780, ["Action", "Lead", "RAG"], REVIEW_WIDTHS)
    for action, lead, colour in REVIEW_ROWS:
        top = _row(c, top, [action, lead, ""], REVIEW_WIDTHS, (None, None, colour))
    c.drawString(60, top - 30, "Key")
    top = _row(c, top - 40, ["", "Complete"], (40.0, 200.0), (BLUE, None))
    _row(c, top, ["", "On track"], (40.0, 200.0), (GREEN, None))
    c.showPage()
    c.setFont("Helvetica", 10)
    _row(c, 800, ["Set up a falls prevention service", "Community Trust", ""], REVIEW_WIDTHS, (None, None, GREEN))
    c.save()
    return path


@pytest.mark.parametrize("fast", [True, False])  # pdfium's paths and pdfminer's curves alike
def test_a_rating_given_by_colour_alone_is_read_as_its_word(tmp_path, fast):
    lines = [line.text for line in read_pdf_text(_review_pdf(tmp_path / "review.pdf"), fast=fast).lines if line.text]
    assert lines[1:6] == [
        "Action\tLead\tRAG",  # the header row keeps its own words
        "Open two family hubs in the north\tPublic Health\tBlue",
        "Recruit twelve health visitors\tWorkforce Board\tAmber",
        "Publish a carers charter\tCarers Partnership\tRed",
        "Review the respite offer\tAdult Social Care\t",  # grey shading is no rating
    ]
    assert "Blue\tComplete" in lines and "Green\tOn track" in lines  # the key's colours
    assert lines[-1] == "Set up a falls prevention service\tCommunity Trust\tGreen"  # overleaf, no header


@pytest.mark.parametrize("fast", [True, False])
def test_a_rating_given_by_a_coloured_dot_is_read_as_its_word(tmp_path, fast):
    pdf = tmp_path / "dots.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    top = _row(c, 780, ["Action", "Lead", "Progress"], REVIEW_WIDTHS)
    for action, lead, colour in REVIEW_ROWS[:3]:
        top = _row(c, top, [action, lead, ""], REVIEW_WIDTHS)
        c.setFillColorRGB(*colour)
        c.circle(60 + REVIEW_WIDTHS[0] + REVIEW_WIDTHS[1] + 30, top + 10, 5, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
    c.save()
    lines = [line.text for line in read_pdf_text(pdf, fast=fast).lines if line.text]
    assert lines == [
        "Action\tLead\tProgress",
        "Open two family hubs in the north\tPublic Health\tBlue",
        "Recruit twelve health visitors\tWorkforce Board\tAmber",
        "Publish a carers charter\tCarers Partnership\tRed",
    ]


def test_coloured_cells_that_are_no_rating_stay_empty(tmp_path):
    """A Gantt chart's bars, a coloured cell under a column that rates nothing, and a cell whose
    word is printed on its colour."""
    pdf = tmp_path / "plan.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    widths = (200.0, 50.0, 50.0, 50.0, 50.0)
    top = _row(c, 780, ["Action", "Q1", "Q2", "Q3", "Q4"], widths)
    top = _row(c, top, ["Consult on the draft plan", "", "", "", ""], widths, (None, GREEN, GREEN, None, None))
    top = _row(c, top, ["Adopt the plan", "", "", "", ""], widths, (None, None, None, BLUE, None))
    top = _row(c, top - 30, ["Action", "Lead", "Status"], REVIEW_WIDTHS)
    top = _row(c, top, ["Open a falls clinic", "", "Complete"], REVIEW_WIDTHS, (None, GREEN, GREEN))
    c.save()
    lines = [line.text for line in read_pdf_text(pdf).lines if line.text]
    assert "Consult on the draft plan\t\t\t\t" in lines
    assert "Adopt the plan\t\t\t\t" in lines
    assert "Open a falls clinic\t\tComplete" in lines


def test_actions_rated_by_colour_take_their_status_from_the_review(tmp_path):
    """A strategy's actions and the review that rates them by colour: the key's blue is complete,
    amber work going on, red with its date passed overdue; an unrated action stays restated."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2022-04_testshire_family-health-strategy.txt").write_text(
        "Testshire Family Health Strategy 2022-2025\nOur actions\nAction\tLead\tWhen\n"
        "Open two family hubs in the north\tPublic Health\tMarch 2024\n"
        "Recruit twelve health visitors\tWorkforce Board\tMarch 2024\n"
        "Publish a carers charter\tCarers Partnership\tDecember 2023\n"
        "Review the respite offer\tAdult Social Care\tMarch 2025\n", encoding="utf-8")
    _review_pdf(docs / "2025-03_testshire_family-health-strategy-review.pdf")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([docs])
    statuses = {}
    for t in kb.threads():
        root = kb.commitments_by_ids([t["root"]])[t["root"]]
        if root.doc_id.startswith("2022") and any(root.text == action for action, _, _ in REVIEW_ROWS):
            statuses[root.text] = t["status"]
    assert statuses == {
        "Open two family hubs in the north": "delivered",
        "Recruit twelve health visitors": "in progress",
        "Publish a carers charter": "overdue",
        "Review the respite offer": "restated",
    }
