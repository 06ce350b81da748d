"""Tables without rulings: columns of words that only line up, and the layouts that must not be
read as tables (text set in two columns, lists with hanging indents).

Each PDF is drawn here with reportlab's canvas, so the test states exactly what is on the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kb.extract.pipeline import extract
from kb.sources import load_document
from kb.sources.pdf import read_pdf

WIDTH, HEIGHT = A4
COLUMNS = (60, 250, 360, 450)
HEADER = ["Action", "Lead", "Timescale", "Status"]
ROWS = [
    (["Resurface the towpath between the", "two canal bridges and add lighting", "at the lock crossing"],
     ["Highways team"], ["March 2026"], ["Planned"]),
    (["Open a tool library in the market hall"], ["Libraries service"], ["June 2026"], ["Drafting"]),
    (["Train volunteer drivers for the", "rural dial-a-ride scheme"], ["Transport and", "Access team"],
     ["October 2026"], ["Not started"]),
    (["Replace the leisure centre boilers", "with heat pumps"], ["Estates team"], ["April 2027"], ["Planned"]),
]
EXPECTED = [
    "Action\tLead\tTimescale\tStatus",
    "Resurface the towpath between the two canal bridges and add lighting at the lock crossing"
    "\tHighways team\tMarch 2026\tPlanned",
    "Open a tool library in the market hall\tLibraries service\tJune 2026\tDrafting",
    "Train volunteer drivers for the rural dial-a-ride scheme\tTransport and Access team\tOctober 2026\tNot started",
    "Replace the leisure centre boilers with heat pumps\tEstates team\tApril 2027\tPlanned",
]


def _texts(path: Path) -> list[str]:
    lines, _ = read_pdf(path)
    return [line.text for line in lines if line.text]


def _header(c: canvas.Canvas, y: float) -> float:
    c.setFont("Helvetica-Bold", 10)
    for x, text in zip(COLUMNS, HEADER, strict=True):
        c.drawString(x, y, text)
    return y - 20


def _rows(c: canvas.Canvas, y: float, rows: list) -> float:
    """Rows of cells that wrap over several lines, the rows set apart by a little white space."""
    c.setFont("Helvetica", 10)
    for row in rows:
        for x, cell in zip(COLUMNS, row, strict=True):
            for k, text in enumerate(cell):
                c.drawString(x, y - 12 * k, text)
        y -= 12 * max(len(cell) for cell in row) + 8
    return y


def _action_table(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(60, 780, "The town council agreed these actions for the year ahead.")
    y = _rows(c, _header(c, 750), ROWS)
    c.setFont("Helvetica", 11)
    c.drawString(60, y - 20, "Officers will report on progress at each meeting.")
    c.save()


def test_a_table_without_rulings_becomes_rows_with_its_wrapped_cells_whole(tmp_path):
    pdf = tmp_path / "actions.pdf"
    _action_table(pdf)
    assert _texts(pdf) == [
        "The town council agreed these actions for the year ahead.",
        *EXPECTED,
        "Officers will report on progress at each meeting.",
    ]


def test_its_columns_are_read_by_their_headers_meaning(tmp_path):
    pdf = tmp_path / "2025-04_townshire_action-plan.pdf"
    _action_table(pdf)
    doc = load_document(pdf)
    found = {c.text: c for c in extract(doc) if c.kind != "evidence"}
    towpath = next(c for t, c in found.items() if t.startswith("Resurface the towpath"))
    assert towpath.text.endswith("at the lock crossing")
    assert towpath.owners == ["Highways team"]
    assert [d.end for d in towpath.due] == ["2026-03-31"]
    drivers = next(c for t, c in found.items() if t.startswith("Train volunteer drivers"))
    assert drivers.owners == ["Transport and Access team"]
    assert not any(t.startswith(("Highways team", "March 2026", "Planned")) for t in found)


def test_a_table_running_over_a_page_break_is_one_table(tmp_path):
    for repeat in (True, False):
        pdf = tmp_path / f"two-pages-{repeat}.pdf"
        c = canvas.Canvas(str(pdf), pagesize=A4)
        _rows(c, _header(c, 200), ROWS[:2])
        c.showPage()
        y = _header(c, 780) if repeat else 780
        _rows(c, y, ROWS[2:])
        c.save()
        lines, _ = read_pdf(pdf)
        assert [ln.text for ln in lines] == EXPECTED, repeat  # no blank line, header once
        assert [ln.page for ln in lines] == [1, 1, 1, 2, 2]


TWO_COLUMNS = (
    ["The district will plant two thousand", "street trees over the next five years,", "starting in the wards with the least",
     "shade. Residents can nominate a street", "through the council website, and", "schools will help to water young trees",
     "in their first summer. A tree warden", "in each ward will report on progress."],
    ["Alongside the planting, the council", "will survey its existing trees every", "three years and publish the results",
     "as open data. Where a tree must be", "felled for safety, two will be planted", "nearby within the same season, and",
     "the reasons will be posted on site", "a month before any work begins."],
)


@pytest.mark.parametrize("break_after", [None, 3])
def test_text_in_two_columns_is_not_a_table(tmp_path, break_after):
    """Two columns of running text on the same baselines, also with a paragraph break at the same
    height in both (a white band across the page, as between a table's rows)."""
    pdf = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    for x, rows in zip((50, 310), TWO_COLUMNS, strict=True):
        y = 760
        for k, row in enumerate(rows):
            c.drawString(x, y, row)
            y -= 13 + (9 if k == break_after else 0)
    c.save()
    texts = _texts(pdf)
    assert not any("\t" in t for t in texts)
    if break_after is None:
        assert texts == [" ".join(TWO_COLUMNS[0]), " ".join(TWO_COLUMNS[1])]
    else:
        assert " ".join(texts) == " ".join(TWO_COLUMNS[0] + TWO_COLUMNS[1])


@pytest.mark.parametrize("labels", [("1.", "2.", "3.", "4."), ("4.1", "4.2", "4.3", "4.4"), ("(a)", "(b)", "(c)", "(d)")])
def test_a_list_with_hanging_indents_is_not_a_table(tmp_path, labels):
    """Numbered items or report paragraphs ("4.1") with their text wrapped at a hanging indent."""
    pdf = tmp_path / "list.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    items = [["Extend the library opening hours on", "Saturdays in all four branches."],
             ["Give every primary school a budget", "for outdoor learning equipment."],
             ["Publish the grant scheme's results."],
             ["Hold two open meetings a year in", "each ward, one of them online."]]
    y = 760
    for label, rows in zip(labels, items, strict=True):
        c.drawString(60, y, label)
        for row in rows:
            c.drawString(90, y, row)
            y -= 13
        y -= 4
    c.save()
    texts = _texts(pdf)
    assert not any("\t" in t for t in texts)
    assert texts == [f"{label} {' '.join(rows)}" for label, rows in zip(labels, items, strict=True)]


def test_label_value_lines_are_not_a_table(tmp_path):
    pdf = tmp_path / "labels.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 760
    for label, value in (("What:", "Map the cycle routes to every secondary school"), ("Who:", "Transport team"),
                         ("When:", "By December 2026")):
        c.drawString(60, y, label)
        c.drawString(140, y, value)
        y -= 14
    c.save()
    assert not any("\t" in t for t in _texts(pdf))


def test_rules_drawn_only_around_groups_of_columns_leave_the_columns_inside(tmp_path):
    """A spreadsheet printed with one ruled box a year around its own columns of figures: each box is
    not one cell, the figures inside it line up in columns of their own."""
    pdf = tmp_path / "budget.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    top, bottom = 780, 640
    for x in (50, 200, 350, 500):
        c.line(x, bottom, x, top)
    c.line(50, top, 500, top)
    c.line(50, bottom, 500, bottom)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(55, 765, "Service")
    for right, text in ((270, "Staff"), (340, "Other"), (420, "Staff"), (490, "Other")):
        c.drawRightString(right, 765, text)
    c.setFont("Helvetica", 9)
    rows = [("Parks and open spaces", "1,204.5", "310.0", "1,250.1", "298.4"),
            ("Street cleaning", "2,876.0", "45.2", "2,990.7", "47.0"),
            ("Museums", "512.3", "88.9", "530.0", "91.5"),
            ("Youth services", "903.1", "120.0", "955.6", "118.2")]
    y = 745
    for label, *figures in rows:
        c.drawString(55, y, label)
        for right, text in zip((270, 340, 420, 490), figures, strict=True):
            c.drawRightString(right, y, text)
        y -= 14
    c.save()
    assert _texts(pdf) == ["Service\tStaff\tOther\tStaff\tOther",
                           *("\t".join(row) for row in rows)]


def test_a_bold_header_wrapping_over_two_lines_is_one_row(tmp_path):
    pdf = tmp_path / "header.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    for x, first, second in ((60, "Planned", "Action"), (250, "Responsible", "Officer"), (400, "Target", "Date")):
        c.drawString(x, 760, first)
        c.drawString(x, 748, second)
    c.setFont("Helvetica", 10)
    y = 732
    for row in (("Repair the war memorial railings", "Parish Clerk", "May 2026"),
                ("Survey the allotment boundaries", "Estates Officer", "July 2026"),
                ("Install a defibrillator at the hall", "Chair of Trustees", "September 2026")):
        for x, text in zip((60, 250, 400), row, strict=True):
            c.drawString(x, y, text)
        y -= 12
    c.save()
    assert _texts(pdf) == ["Planned Action\tResponsible Officer\tTarget Date",
                           "Repair the war memorial railings\tParish Clerk\tMay 2026",
                           "Survey the allotment boundaries\tEstates Officer\tJuly 2026",
                           "Install a defibrillator at the hall\tChair of Trustees\tSeptember 2026"]


def test_a_cell_running_over_a_page_break_stays_in_its_row(tmp_path):
    pdf = tmp_path / "split-row.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = _rows(c, _header(c, 200), ROWS[:2])
    c.setFont("Helvetica", 10)
    for x, text in zip(COLUMNS, ["Train volunteer drivers for the", "Transport team", "October 2026", "Not started"],
                       strict=True):
        c.drawString(x, y, text)
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(COLUMNS[0], 780, "rural dial-a-ride scheme")
    _rows(c, 760, ROWS[3:])
    c.save()
    assert _texts(pdf) == [
        *EXPECTED[:3],
        "Train volunteer drivers for the rural dial-a-ride scheme\tTransport team\tOctober 2026\tNot started",
        EXPECTED[4],
    ]


@pytest.mark.parametrize(("text", "label"), [
    ("1.", True), ("12)", True), ("(b)", True), ("4.1", True), ("10.2.3", True), ("A2", True), ("iv.", True),
    ("•", True), ("-", True),
    ("Highways team", False), ("March 2026", False), ("£150.4m", False), ("2025-26", False),
])
def test_what_counts_as_a_list_label_in_a_first_column(text, label):
    from kb.sources.pdf_tables import _is_label

    assert _is_label(text) is label


def test_running_text_beside_a_side_panel_of_short_lines_is_not_a_table(tmp_path):
    pdf = tmp_path / "panel.pdf"
    text = ["The partnership has agreed a new approach to supporting carers across the",
            "county. Over the next two years it will fund respite breaks, train staff in",
            "every library to give carers advice and publish a charter with employers.",
            "Carers will be able to ask for an assessment online or by telephone, and",
            "the council will reply within ten working days of any request it receives.",
            "Progress will be reported to the health and wellbeing board twice a year,",
            "starting in the spring, with figures for each district of the county.",
            "A review of the charter will take place after its first full year."]
    panel = ["Key facts", "12,000 carers", "known to us", "1 in 8 adults", "is a carer", "£4m fund", "for respite",
             "2 years"]
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 760
    for left, right in zip(text, panel, strict=True):
        c.drawString(50, y, left)
        c.drawString(440, y, right)
        y -= 13
    c.save()
    texts = _texts(pdf)
    assert not any("\t" in t for t in texts)
    assert texts[0] == " ".join(text)


def test_a_table_ruled_only_between_its_rows_is_read_from_its_columns(tmp_path):
    """Word's plainer table styles draw a line under the header and between rows, none between
    columns: no grid for the ruled-table reader, the columns line up all the same."""
    pdf = tmp_path / "lines.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    xs = (60, 250, 400)
    c.setFont("Helvetica-Bold", 10)
    for x, text in zip(xs, ["Action", "Owner", "Due"], strict=True):
        c.drawString(x, 760, text)
    c.line(55, 754, 520, 754)
    c.setFont("Helvetica", 10)
    y = 740
    rows = [(["Map the cycle routes to every", "secondary school in the borough"], ["Transport team"],
             ["December 2026"]),
            (["Recruit four school crossing patrols"], ["Road Safety", "Officer"], ["March 2026"]),
            (["Publish the air quality results", "for each ward online"], ["Environmental Health"], ["Each quarter"])]
    for row in rows:
        for x, cell in zip(xs, row, strict=True):
            for k, text in enumerate(cell):
                c.drawString(x, y - 12 * k, text)
        y -= 12 * max(len(cell) for cell in row)
        c.line(55, y + 6, 520, y + 6)
        y -= 8
    c.save()
    assert _texts(pdf) == [
        "Action\tOwner\tDue",
        "Map the cycle routes to every secondary school in the borough\tTransport team\tDecember 2026",
        "Recruit four school crossing patrols\tRoad Safety Officer\tMarch 2026",
        "Publish the air quality results for each ward online\tEnvironmental Health\tEach quarter",
    ]


def test_a_ruled_cell_of_one_plan_a_line_keeps_each_plan_apart(tmp_path):
    """Office tools set a cell's paragraphs one a line, no bullets, no extra spacing: where a line
    ends short of the cell with room for the next line's first word, the writer broke it by hand.
    A line that wraps (the next word did not fit) goes on, a capital after it or not."""
    from reportlab.lib.utils import simpleSplit

    pdf = tmp_path / "cells.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    pad, left, mid, right = 6, 50, 250, 522
    plans = ["Agree the joint plan for school readiness with Medway Council and the Integrated Care Board",
             "Open two family hubs in the coastal towns", "Publish a parenting guide"]
    lines = [ln for plan in plans for ln in simpleSplit(plan, "Helvetica", 10, right - mid - 2 * pad)]
    assert lines[1].startswith("Council")  # a wrapped line that starts with a capital
    top, bottom = 760, 760 - 24 - 12 * len(lines) - 8
    c.setFont("Helvetica-Bold", 10)
    c.drawString(left + pad, top - 14, "What we will do")
    c.drawString(mid + pad, top - 14, "Plans in place")
    c.setFont("Helvetica", 10)
    c.drawString(left + pad, top - 38, "Support families with young children")
    for k, text in enumerate(lines):
        c.drawString(mid + pad, top - 38 - 12 * k, text)
    for y in (top, top - 22, bottom):
        c.line(left, y, right, y)
    for x in (left, mid, right):
        c.line(x, top, x, bottom)
    c.save()
    assert _texts(pdf) == ["What we will do\tPlans in place",
                           "Support families with young children\t" + " • ".join(plans)]



@pytest.mark.parametrize("cell, right, wrapped", [
    # the word after the semicolon is longer than the room left: the text wrapped, one cell
    (["Bikeability courses;", "neighbourhood speedwatch"], 250, True),
    # room for the next word, yet the line ends: two parts set one a line
    (["Bikeability courses;", "Speedwatch"], 330, False),
])
def test_a_narrow_ruled_cell_wrapped_after_a_semicolon_stays_one_text(tmp_path, cell, right, wrapped):
    """A review names two actions in one narrow cell ("Bikeability courses; neighbourhood
    speedwatch"): a line ending on ";" short of the cell's edge ends a part only when the next line's
    first word would have fitted after it, else the cell's text wrapped there."""
    pdf = tmp_path / "narrow.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    pad, left, mid = 4, 50, 100
    top, bottom = 760, 760 - 22 - 12 * len(cell) - 8
    c.setFont("Helvetica-Bold", 10)
    c.drawString(left + pad, top - 14, "Ref")
    c.drawString(mid + pad, top - 14, "Action")
    c.setFont("Helvetica", 10)
    c.drawString(left + pad, top - 36, "4B and 4C")
    for k, text in enumerate(cell):
        c.drawString(mid + pad, top - 36 - 12 * k, text)
    for y in (top, top - 22, bottom):
        c.line(left, y, right, y)
    for x in (left, mid, right):
        c.line(x, top, x, bottom)
    c.save()
    joined = " ".join(cell) if wrapped else " • ".join(cell)
    assert _texts(pdf) == ["Ref\tAction", "4B and 4C\t" + joined]

def _ruled_rows(c: canvas.Canvas, top: float, rows: list, bold_first: bool = False,
                open_top: bool = False, open_bottom: bool = False, columns: tuple = COLUMNS,
                pieces: bool = False) -> float:
    """A ruled table of these rows (each a list of cells, each a list of lines) in `columns`, a
    grid of lines drawn as word processors draw it; the top or bottom rule left out when asked;
    `pieces`: each horizontal rule drawn a cell at a time, as browsers draw a table's borders."""
    edges = [*columns, 540]
    y = top
    cuts = [top]
    for k, row in enumerate(rows):
        c.setFont("Helvetica-Bold" if bold_first and k == 0 else "Helvetica", 10)
        for x, cell in zip(columns, row, strict=True):
            for j, text in enumerate(cell):
                c.drawString(x + 4, y - 12 - 12 * j, text)
        y -= 12 * max(len(cell) for cell in row) + 6
        cuts.append(y)
    for i, cut in enumerate(cuts):
        if (i == 0 and open_top) or (i == len(cuts) - 1 and open_bottom):
            continue
        for a, b in zip(edges[:-1], edges[1:], strict=True) if pieces else [(edges[0], edges[-1])]:
            c.line(a, cut, b, cut)
    for x in edges:
        c.line(x, top, x, y)
    return y


def test_a_ruled_table_running_over_a_page_break_without_its_header_is_one_table(tmp_path):
    """A ruled table at the foot of a page goes on at the head of the next in the same columns,
    its header not repeated: one table, so the header still names the columns of the rows after
    the break (the lead and the date of each action)."""
    pdf = tmp_path / "ruled-two-pages.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(60, 300, "The town council agreed these actions for the year ahead.")
    _ruled_rows(c, 280, [[[h] for h in HEADER], *ROWS[:2]], bold_first=True)
    c.showPage()
    _ruled_rows(c, 800, ROWS[2:])
    c.save()
    lines, _ = read_pdf(pdf)
    texts = [ln.text for ln in lines]
    assert texts[texts.index(EXPECTED[0]):] == EXPECTED  # no blank line, header once
    doc = load_document(pdf)
    found = {c.text: c for c in extract(doc) if c.kind != "evidence"}
    boilers = next(c for t, c in found.items() if t.startswith("Replace the leisure centre boilers"))
    assert boilers.owners == ["Estates team"]
    assert [d.end for d in boilers.due] == ["2027-04-30"]


def test_a_ruled_row_left_open_at_a_page_break_goes_on_overleaf(tmp_path):
    """A row whose cells run over the page break: its table is left open at the foot of the page
    and at the head of the next, and the row's two parts are one row."""
    pdf = tmp_path / "ruled-split-row.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _ruled_rows(c, 280, [[[h] for h in HEADER], *ROWS[:2],
                         [["Train volunteer drivers for the"], ["Transport and"], ["October 2026"], ["Not started"]]],
                bold_first=True, open_bottom=True)
    c.showPage()
    _ruled_rows(c, 800, [[["rural dial-a-ride scheme"], ["Access team"], [""], [""]], *ROWS[3:]], open_top=True)
    c.save()
    assert _texts(pdf) == EXPECTED


@pytest.mark.parametrize("overleaf", ["rural dial-a-ride scheme", "Rural Dial-a-Ride scheme"])
def test_a_row_ruled_on_its_own_and_cut_mid_phrase_goes_on_overleaf(tmp_path, overleaf):
    """Rows ruled one by one (each its own table, as a browser prints rows pasted one at a time): a
    row the page break cut goes on at the head of the next page, in the same cells, when its part
    overleaf starts in lower case or a cell above stops on a word no phrase ends with ("for the",
    "Transport and"), however the part overleaf starts."""
    pdf = tmp_path / "row-by-row.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = _ruled_rows(c, 300, [[[h] for h in HEADER]], bold_first=True)
    for row in [*ROWS[:2], [["Train volunteer drivers for the"], ["Transport and"], ["October 2026"], ["Not started"]]]:
        y = _ruled_rows(c, y - 4, [row])
    c.showPage()
    y = _ruled_rows(c, 800, [[[overleaf], ["Access team"], [""], [""]]])
    for row in ROWS[3:]:
        y = _ruled_rows(c, y - 4, [row])
    c.save()
    assert _texts(pdf) == [*EXPECTED[:3], EXPECTED[3].replace("rural dial-a-ride scheme", overleaf), *EXPECTED[4:]]


def test_a_we_will_row_overleaf_in_lower_case_with_every_cell_filled_is_a_row_of_its_own(tmp_path):
    """The items of a "We will" column finish its sentence in lower case: the first of them on a new
    page, every cell of it filled, is a row of its own, not the rest of the row above."""
    header = ["We will", "How we will measure it", "Now", "By 2026"]
    rows = [[["plant two thousand street trees in the"], ["Street trees planted"], ["300"], ["2,000"]],
            [["wards with the fewest trees"], [""], [""], [""]]]
    overleaf = [[["open the river path to cyclists"], ["Path open"], ["No"], ["Yes"]],
                [["mend the benches on the green"], ["Benches mended"], ["0"], ["12"]]]
    pdf = tmp_path / "we-will-overleaf.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = _ruled_rows(c, 200, [[[h] for h in header]], bold_first=True)
    y = _ruled_rows(c, y - 4, [[rows[0][0] + rows[1][0], *rows[0][1:]]])
    c.showPage()
    y = _ruled_rows(c, 800, [overleaf[0]])
    _ruled_rows(c, y - 4, [overleaf[1]])
    c.save()
    assert _texts(pdf)[-3:] == [
        "plant two thousand street trees in the wards with the fewest trees\tStreet trees planted\t300\t2,000",
        "open the river path to cyclists\tPath open\tNo\tYes", "mend the benches on the green\tBenches mended\t0\t12"]


@pytest.mark.parametrize("split", [False, True])
def test_a_ruled_table_whose_rules_are_drawn_a_cell_at_a_time_is_closed_at_a_page_break(tmp_path, split):
    """A browser printing a whole table draws its borders a cell at a time: the rule under the last
    row of a page, and over the first row of the next, are pieces that meet, which close the table
    as one rule does.  The row overleaf is a row of its own (not the rest of the row above it);
    a row the page break cuts, left open on both pages, still goes on."""
    pdf = tmp_path / "ruled-in-pieces.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    last = [["Train volunteer drivers for the"], ["Transport and"], ["October 2026"], ["Not started"]] if split \
        else ROWS[2]
    _ruled_rows(c, 280, [[[h] for h in HEADER], *ROWS[:2], last], bold_first=True, open_bottom=split, pieces=True)
    c.showPage()
    rest = [[["rural dial-a-ride scheme"], ["Access team"], [""], [""]]] if split else []
    _ruled_rows(c, 800, [*rest, *ROWS[3:]], open_top=split, pieces=True)
    c.save()
    assert _texts(pdf) == EXPECTED


def test_a_ruled_table_with_a_header_of_its_own_overleaf_is_another_table(tmp_path):
    pdf = tmp_path / "ruled-two-tables.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _ruled_rows(c, 280, [[[h] for h in HEADER], *ROWS[:2]], bold_first=True)
    c.showPage()
    _ruled_rows(c, 800, [[["Risk"], ["Owner"], ["Review"], ["Rating"]],
                         [["Contractor delays"], ["Estates team"], ["Monthly"], ["Amber"]]], bold_first=True)
    c.save()
    assert _texts(pdf) == [*EXPECTED[:3], "Risk\tOwner\tReview\tRating",
                           "Contractor delays\tEstates team\tMonthly\tAmber"]
    lines, _ = read_pdf(pdf)
    assert [ln.text for ln in lines][3] == ""  # a table of its own


def test_rows_ruled_one_by_one_go_on_over_a_page_break_where_a_row_is_cut(tmp_path):
    """Browsers print each row of some tables as a table of its own, columns as wide as that row
    needs, and close the rules of a row the page break cuts on both pages: the row overleaf with
    the cut row's cells, starting in lower case, is the rest of that row."""
    pdf = tmp_path / "rows-one-by-one.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = _ruled_rows(c, 280, [[[h] for h in HEADER]], bold_first=True)
    y = _ruled_rows(c, y, [ROWS[0]], columns=(60, 240, 370, 450))
    _ruled_rows(c, y, [[["Train volunteer drivers for the"], ["Transport team"], ["October 2026"], ["Not"]]],
                columns=(60, 255, 360, 445))
    c.showPage()
    y = _ruled_rows(c, 800, [[["rural dial-a-ride scheme"], [""], [""], ["started"]]], columns=(60, 255, 360, 445))
    _ruled_rows(c, y, [ROWS[3]], columns=(60, 245, 365, 450))
    c.save()
    assert _texts(pdf) == [EXPECTED[0], EXPECTED[1],
                           "Train volunteer drivers for the rural dial-a-ride scheme\tTransport team\tOctober 2026"
                           "\tNot started", EXPECTED[4]]


def test_a_bold_header_whose_sign_wraps_above_its_word_is_one_label(tmp_path):
    """A narrow ruled column headed "% complete" in bold wraps the sign above the word: a line of
    signs only is as bold as its font, so the two lines are one header label, not two items."""
    pdf = tmp_path / "percent-header.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _ruled_rows(c, 700, [[["Action"], ["Lead"], ["Timescale"], ["%", "complete"]],
                         [["Open a tool library in the market hall"], ["Libraries service"], ["June 2026"], ["40%"]]],
                bold_first=True)
    c.save()
    assert _texts(pdf) == ["Action\tLead\tTimescale\t% complete",
                           "Open a tool library in the market hall\tLibraries service\tJune 2026\t40%"]


# A review table as office tools print one without borders: rows set apart by the cells' padding,
# and a latest update of two paragraphs, the second set well apart below the first (wider than any
# line's leading) after its neighbours' text has ended.
REVIEW_COLUMNS = (50, 240, 360, 430)
REVIEW_ROWS = [
    (["Open a repair café in each market", "town"], ["Housing Services"], ["Complete"],
     [["Cafés opened in all three towns in", "2023 and meet monthly."], ["A fourth café is planned."]]),
    (["Plant shade trees on busy bus routes"], ["Parks Team"], ["Ongoing"],
     [["Four of the six routes are planted."]]),
    (["Publish a yearly river quality report"], ["Environmental Health"], ["Not started"],
     [["No report yet: the contract was let", "late."]]),
]


def _review_table(path: Path, after: str | None = None) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    y = 760
    for x, text in zip(REVIEW_COLUMNS, ["Action", "Lead", "Status", "Latest update"], strict=True):
        c.drawString(x, y, text)
    y -= 20
    c.setFont("Helvetica", 10)
    for action, lead, status, update in REVIEW_ROWS:
        bottom = y
        for x, cell in zip(REVIEW_COLUMNS[:3], (action, lead, status), strict=True):
            for k, text in enumerate(cell):
                c.drawString(x, y - 12 * k, text)
                bottom = min(bottom, y - 12 * k)
        uy = y
        for paragraph in update:
            for text in paragraph:
                c.drawString(REVIEW_COLUMNS[3], uy, text)
                bottom = min(bottom, uy)
                uy -= 12
            uy -= 20  # the space after a paragraph in a cell: wider than any line's leading
        y = bottom - 20  # the cells' padding, above and below
    if after:
        c.setFont("Helvetica", 10)
        c.drawString(REVIEW_COLUMNS[0], y - 18, after)
    c.save()


def test_a_cells_paragraph_set_well_apart_does_not_end_a_table_without_rulings(tmp_path):
    pdf = tmp_path / "review.pdf"
    _review_table(pdf)
    texts = _texts(pdf)
    assert texts[0] == "Action\tLead\tStatus\tLatest update"
    assert texts[1] == ("Open a repair café in each market town\tHousing Services\tComplete"
                        "\tCafés opened in all three towns in 2023 and meet monthly.")
    assert texts[2].split("\t")[-1] == "A fourth café is planned."  # still in the update column
    assert texts[3:] == [
        "Plant shade trees on busy bus routes\tParks Team\tOngoing\tFour of the six routes are planted.",
        "Publish a yearly river quality report\tEnvironmental Health\tNot started"
        "\tNo report yet: the contract was let late.",
    ]


def test_a_short_line_in_the_first_column_below_a_wide_gap_is_not_the_tables(tmp_path):
    pdf = tmp_path / "review-then-heading.pdf"
    _review_table(pdf, after="Next steps")
    texts = _texts(pdf)
    assert texts[-1] == "Next steps"
    assert texts[-2].startswith("Publish a yearly river quality report\t")


# Tables as an office tool prints them without borders: each cell's text set a padding in from the
# cell's edge (every cell of a column starts at one x), aligned to the top of its row, and rows set
# apart only by the padding below and above them.
OFFICE_HEADER = ["Action", "Lead", "Status", "Latest update"]


def _office_table(path: Path, rows: list, gutter: float) -> None:
    """Columns as wide as their widest line plus `gutter` points (two cells' padding), lines 12
    points apart and rows 8 points more."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    xs = [50.0]
    for k in range(3):
        widest = max(stringWidth(t, "Helvetica", 10) for row in rows for t in row[k])
        xs.append(xs[-1] + max(widest, stringWidth(OFFICE_HEADER[k], "Helvetica-Bold", 10)) + gutter)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(50, 790, "The parish council reviewed its green spaces plan in March.")
    c.setFont("Helvetica-Bold", 10)
    y = 760
    for x, text in zip(xs, OFFICE_HEADER, strict=True):
        c.drawString(x, y, text)
    y -= 20
    c.setFont("Helvetica", 10)
    for row in rows:
        for x, cell in zip(xs, row, strict=True):
            for k, text in enumerate(cell):
                c.drawString(x, y - 12 * k, text)
        y -= 12 * max(len(cell) for cell in row) + 8
    c.setFont("Helvetica", 11)
    c.drawString(50, y - 20, "The plan will be reviewed again next spring.")
    c.save()


def _office_rows(path: Path) -> list[str]:
    texts = _texts(path)
    start = texts.index("Action\tLead\tStatus\tLatest update")
    return texts[start:texts.index("The plan will be reviewed again next spring.")]


def test_an_office_tables_columns_two_paddings_apart_are_still_columns(tmp_path):
    # where an action fills its column, the white before the next column is only two paddings
    # (0.7 em), narrower than the gutter a table otherwise needs; the column beside it starts flush
    rows = [
        (["Replant the orchard at Hob Lane"], ["Parks Team"], ["Complete"], ["Twenty trees planted."]),
        (["Clear the Millrace footpath"], ["Rangers"], ["Ongoing"], ["Half the path is clear."]),
        (["Survey bats in the churchyard"], ["Wildlife Group"], ["Not started"], ["No survey yet."]),
        (["Mend the bandstand roof"], ["Estates"], ["Complete"], ["Roof mended in May."]),
    ]
    pdf = tmp_path / "narrow.pdf"
    _office_table(pdf, rows, gutter=7)
    assert _office_rows(pdf) == ["Action\tLead\tStatus\tLatest update"] + ["\t".join(r[0] for r in row) for row in rows]


def test_tall_office_rows_set_apart_only_by_padding_keep_their_lead_cells_whole(tmp_path):
    # rows of five lines and more, too few gaps among the lines to count as spaced rows, and a
    # Lead cell whose wrapped lines start with capitals beside an action that goes on
    rows = [
        (["Plant a community orchard", "at Hob Lane with the", "Friends of Hob Lane"],
         ["Parks Team", "With Hob Lane", "Allotment Society"], ["Complete"],
         ["Twenty trees were planted", "in the winter of 2022 and", "volunteers prune them", "each spring, with", "help from the school."]),
        (["Clear the Millrace", "footpath and mend", "its two stiles"], ["Rangers", "And Volunteer", "Wardens"],
         ["Ongoing"], ["Half the path is clear.", "The stiles are mended", "and the rest of the", "path will be cleared", "by next summer."]),
        (["Survey bats in the", "churchyard and the", "old mill"], ["Wildlife Group", "Supported By", "The Rangers"],
         ["Not started"], ["No survey yet: the", "licence was refused", "twice and a new", "application is being", "made this year."]),
        (["Mend the bandstand", "roof and repaint it"], ["Estates Team"], ["Complete"],
         ["The roof was mended", "in May and painted in", "June by a local firm", "under the small works", "contract."]),
    ]
    pdf = tmp_path / "tall.pdf"
    _office_table(pdf, rows, gutter=20)
    assert _office_rows(pdf) == ["Action\tLead\tStatus\tLatest update"] + [
        "\t".join(" ".join(cell) for cell in row) for row in rows]


def test_a_header_left_at_the_foot_of_a_page_heads_its_rows_overleaf(tmp_path):
    # an office tool may leave a key's header row alone at the foot of a page; overleaf its rows,
    # whose first cells alone would read as a numbered list, start flush with the header's words
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf = tmp_path / "key.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "Each scheme in the plan has been given a score by the lantern committee:")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(50, 80, "Score")
    second = 50 + stringWidth("Score", "Helvetica-Bold", 10) + 8  # two paddings apart
    c.drawString(second, 80, "Meaning")
    c.showPage()
    c.setFont("Helvetica", 10)
    key = [("1", "Finished: the scheme is built and open"), ("2", "Building: work on the scheme has begun"),
           ("3", "Waiting: the scheme has not begun"), ("4", "Dropped: the scheme will not go ahead")]
    for k, (code, meaning) in enumerate(key):
        c.drawString(50, 790 - 20 * k, code)
        c.drawString(second, 790 - 20 * k, meaning)
    c.setFont("Helvetica", 11)
    c.drawString(50, 690, "The committee will score the schemes again in the autumn.")
    c.save()
    texts = _texts(pdf)
    assert "Score\tMeaning" in texts
    start = texts.index("Score\tMeaning")
    assert texts[start + 1:start + 5] == ["\t".join(row) for row in key]
    assert "**Score Meaning**" not in texts


def test_a_column_of_lone_ticks_is_a_tables_column_not_a_list(tmp_path):
    # a plan marks the years of each action with a tick alone in its cell, right of the text; a
    # column of bullets each followed by its item (lists side by side) is still no table
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("needs a font with a tick (DejaVu Sans)")
    pdfmetrics.registerFont(TTFont("TickSans", str(font)))
    rows = [("1.1", "Reopen the ferry landing", "Harbour Team", "✓", ""),
            ("1.2", "Light the quay steps", "Highways", "✓", "✓"),
            ("1.3", "Paint the lifeboat house", "Estates", "", "✓"),
            ("1.4", "Dredge the inner basin", "Harbour Team", "✓", "✓")]
    xs = (50, 90, 260, 380, 430)
    pdf = tmp_path / "ticks.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    for x, text in zip(xs, ("Ref", "Action", "Lead", "Year 1", "Year 2"), strict=True):
        c.drawString(x, 760, text)
    for k, row in enumerate(rows):
        for x, text in zip(xs, row, strict=True):
            c.setFont("TickSans" if text == "✓" else "Helvetica", 10)
            c.drawString(x, 740 - 20 * k, text)
    c.save()
    assert _texts(pdf) == ["Ref\tAction\tLead\tYear 1\tYear 2"] + ["\t".join(row) for row in rows]


def _draw_header(c, xs: tuple, header: tuple, top: float = 760) -> None:
    """A bold header row, each word at its column's x."""
    c.setFont("Helvetica-Bold", 10)
    for x, text in zip(xs, header, strict=True):
        c.drawString(x, top, text)


def _draw_rows(c, xs: tuple, rows, top: float, pitch: float = 20) -> None:
    """One line of cells per row, each cell at its column's x, in plain 10 pt type, `pitch` apart."""
    c.setFont("Helvetica", 10)
    for k, row in enumerate(rows):
        for x, text in zip(xs, row, strict=True):
            c.drawString(x, top - pitch * k, text)


def _wrapped_table(path: Path, xs: tuple, header: tuple, rows: list) -> None:
    """A table without rulings: a bold header, then rows whose cells are lists of wrapped lines,
    every cell flush with its header word, rows set 8 pt apart."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw_header(c, xs, header)
    c.setFont("Helvetica", 10)
    y = 740
    for row in rows:
        for x, cell in zip(xs, row, strict=True):
            for k, text in enumerate(cell):
                c.drawString(x, y - 12 * k, text)
        y -= 12 * max(len(cell) for cell in row) + 8
    c.save()


def test_a_cells_second_paragraph_in_an_office_printed_review_stays_in_the_table():
    """An office tool's borderless review table (bench/eval/invented/oakhallow, printed by LibreOffice):
    an update cell of two paragraphs set apart, beside a column of one-word answers close enough that
    no gutter parts them, goes on in the table, and so do the rows after it and the rows overleaf."""
    pdf = Path(__file__).resolve().parent.parent / "bench/eval/invented/oakhallow/pdf-office" \
        / "2023-06_oakhallow-dc_homelessness-rough-sleeping-strategy-annual-review.pdf"
    rows = {t.split("\t")[0]: t.split("\t") for t in _texts(pdf) if t[:1].isdigit() and "\t" in t}
    for ref in ("1.1.3", "1.2.1", "1.2.2", "1.2.3", "1.3.1"):
        assert len(rows[ref]) == 6, ref
    assert rows["1.2.2"][3] == "No" and rows["1.2.3"][3] == "Ongoing"


def test_a_header_at_the_foot_of_a_page_under_text_heads_its_rows_overleaf(tmp_path):
    """An office tool prints a table, a line of text, then the next table's header alone at the foot
    of the page, a header cell wrapped over three lines ("Did" / "we do" / "it?"): overleaf, its rows
    go on under that header, its wrapped words included."""
    xs = (50, 90, 250, 300)
    first = [("1.1", "Open a warm space", "Yes", "Open since May 2021."),
             ("1.2", "Fit draught-proofing", "No", "No funding was found."),
             ("1.3", "Run an advice stall", "Yes", "Stalls ran every month.")]
    second = [("2.1", "Light the towpath", "No", "The lamps are on order."),
              ("2.2", "Mend the lock gates", "Yes", "The gates were mended in June.")]
    pdf = tmp_path / "foot-header.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)

    def header(y: float) -> None:
        c.setFont("Helvetica-Bold", 10)
        for x, text in zip(xs, ("Ref", "What we said", "Did", "What happened"), strict=True):
            c.drawString(x, y, text)
        c.drawString(xs[2], y - 12, "we do")
        c.drawString(xs[2], y - 24, "it?")

    header(700)
    _draw_rows(c, xs, first, 660)
    c.setFont("Helvetica", 11)
    c.drawString(50, 560, "Goal 2: Getting about safely")
    header(90)
    c.showPage()
    _draw_rows(c, xs, second, 790)
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "The board will review the plan again next year.")
    c.save()
    texts = _texts(pdf)
    start = texts.index("2.1\tLight the towpath\tNo\tThe lamps are on order.")
    assert texts[start - 1] == "Ref\tWhat we said\tDid we do it?\tWhat happened"
    assert texts[start + 1] == "2.2\tMend the lock gates\tYes\tThe gates were mended in June."


def test_a_column_of_dates_some_in_lower_case_is_no_running_prose(tmp_path):
    # a "By when" cell may start in lower case ("autumn 2026", "by end of year two") under a cell
    # of a word or two: that is no column of text running on from one row into the next
    rows = [
        (["Open a warm space in the", "Kestrel Road library"], ["Q3 2025/26"], ["A warm space open", "three days a week"]),
        (["Fit draught-proofing in the", "forty oldest council homes"], ["autumn", "2026"], ["Forty homes", "draught-proofed"]),
        (["Run an energy advice stall", "at every ward surgery"], ["2026/27"], ["A stall at every", "surgery"]),
        (["Promote the winter fuel", "grant to older tenants"], ["by end of", "year two"], ["More older tenants", "claim the grant"]),
        (["Refresh the fuel poverty", "needs assessment"], ["Q4 2026/27"], ["Assessment published"]),
    ]
    pdf = tmp_path / "dates.pdf"
    _wrapped_table(pdf, (50, 220, 300), ("What we will do", "By when", "What success will look like"), rows)
    assert _texts(pdf) == ["What we will do\tBy when\tWhat success will look like"] + [
        "\t".join(" ".join(cell) for cell in row) for row in rows]


def test_cells_that_finish_their_headers_sentence_in_lower_case_are_rows_of_their_own(tmp_path):
    # "We will" over cells that go on in lower case ("plant ...", "open ..."): each row opens with
    # its own number in the first column, so its lower-case cell does not run on from the row above
    rows = [
        (["P1"], ["plant a hedge along the whole of the", "new cycle path by the canal"], ["I can ride to school", "out of the wind"]),
        (["P2"], ["open the sports hall to families on", "Sunday afternoons in the winter"], ["I can play with my", "children when it rains"]),
        (["P3"], ["mend the benches on the green and", "add two more near the pond"], ["I can rest on my way", "to the shops"]),
    ]
    pdf = tmp_path / "we-will.pdf"
    _wrapped_table(pdf, (50, 90, 300), ("No.", "We will", "So that"), rows)
    assert _texts(pdf) == ["No.\tWe will\tSo that"] + ["\t".join(" ".join(cell) for cell in row) for row in rows]


def _row_cut_overleaf(pdf: Path, update_tail: str, next_rows_at: float) -> None:
    """ROWS with the third row cut by the page break: its action and update go on at the head of
    the next page (780 pt), the last row below them at `next_rows_at`."""
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = _rows(c, _header(c, 200), ROWS[:2])
    c.setFont("Helvetica", 10)
    for x, text in zip(COLUMNS, ["Train volunteer drivers for the", "Transport team", "October 2026",
                                 "Waiting on the"], strict=True):
        c.drawString(x, y, text)
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(COLUMNS[0], 780, "rural dial-a-ride scheme")
    c.drawString(COLUMNS[3], 780, update_tail)
    _rows(c, next_rows_at, ROWS[3:])
    c.save()


def test_a_tall_row_cut_by_a_page_break_goes_on_in_capitals_overleaf(tmp_path):
    # the row's cells go on at the head of the next page in their own columns, nothing in the first:
    # the update's next line starts with a name, but the sentence above it was left unfinished
    pdf = tmp_path / "cut-row.pdf"
    _row_cut_overleaf(pdf, "Ferrybridge depot", 760)
    assert _texts(pdf) == [
        *EXPECTED[:3],
        "Train volunteer drivers for the rural dial-a-ride scheme\tTransport team\tOctober 2026"
        "\tWaiting on the Ferrybridge depot",
        EXPECTED[4],
    ]


def test_a_table_begun_at_the_foot_of_a_page_with_one_row_goes_on_overleaf(tmp_path):
    # a bold header and one row at the foot of the page, every cell flush with its header word, and
    # two more rows overleaf: one table, though neither page holds the three rows a table needs
    xs = (50, 90, 260, 340)
    rows = [("3.1", "Reopen the river ferry", "Complete", "The ferry ran all summer."),
            ("3.2", "Light the towpath", "Ongoing", "Half the lamps are up."),
            ("3.3", "Mend the lock gates", "Not started", "No contractor yet.")]
    pdf = tmp_path / "foot.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "The river works were reviewed by the parish council in June.")
    c.setFont("Helvetica-Bold", 10)
    for x, text in zip(xs, ("Ref", "Action", "Status", "Latest update"), strict=True):
        c.drawString(x, 90, text)
    _draw_rows(c, xs, rows[:1], 70)
    c.showPage()
    _draw_rows(c, xs, rows[1:], 790)
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "The council will review the works again next year.")
    c.save()
    texts = _texts(pdf)
    start = texts.index("Ref\tAction\tStatus\tLatest update")
    assert texts[start + 1:start + 4] == ["\t".join(row) for row in rows]


def test_a_cell_finished_overleaf_then_rows_after_their_padding_go_on_with_the_table(tmp_path):
    # an office tool pads tall rows: the last row's update ends at the head of the next page, and
    # the next rows follow below it after the row's padding (wider than a line's leading): all of
    # them are rows of the table begun on the page before, not a stray line and a headless table
    pdf = tmp_path / "padded.pdf"
    _row_cut_overleaf(pdf, "new depot", 745)  # 35 pt below: the row's padding
    assert _texts(pdf) == [
        *EXPECTED[:3],
        "Train volunteer drivers for the rural dial-a-ride scheme\tTransport team\tOctober 2026"
        "\tWaiting on the new depot",
        EXPECTED[4],
    ]


def test_a_column_of_several_ticks_a_cell_is_a_tables_column_not_a_list(tmp_path):
    # a timeline's year columns set close together read as one column of ticks ("✓ ✓" in a cell):
    # marks with no words after them are no list's bullets, so the rows are still a table
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("needs a font with a tick (DejaVu Sans)")
    pdfmetrics.registerFont(TTFont("TickSans", str(font)))
    rows = [("2.1", "Reopen the ferry landing", "Harbour Team", "✓ ✓"),
            ("2.2", "Light the quay steps", "Highways", "✓ ✓"),
            ("2.3", "Paint the lifeboat house", "Estates", "✓"),
            ("2.4", "Dredge the inner basin", "Harbour Team", "✓ ✓")]
    xs = (50, 90, 260, 380)
    pdf = tmp_path / "ticks.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, xs, ("Ref", "Action", "Lead", "Years"))
    for k, row in enumerate(rows):
        for x, text in zip(xs, row, strict=True):
            c.setFont("TickSans" if text.startswith("✓") else "Helvetica", 10)
            c.drawString(x, 740 - 20 * k, text)
    c.save()
    assert _texts(pdf) == ["Ref\tAction\tLead\tYears"] + ["\t".join(row) for row in rows]


def test_a_tall_cells_last_words_alone_overleaf_finish_its_row(tmp_path):
    # an office tool breaks a tall row across the page: only the update's last words go on at the
    # head of the next page, in the update's column, then a paragraph: they finish the row's update
    pdf = tmp_path / "last-words.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = _rows(c, _header(c, 200), ROWS[:2])
    c.setFont("Helvetica", 10)
    for x, text in zip(COLUMNS, ["Train volunteer drivers", "Transport team", "October 2026", "Waiting on the"],
                       strict=True):
        c.drawString(x, y, text)
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(COLUMNS[3], 780, "new depot.")
    c.setFont("Helvetica", 11)
    c.drawString(60, 740, "The board noted the review and asked for an update in the spring.")
    c.save()
    texts = _texts(pdf)
    assert "Train volunteer drivers\tTransport team\tOctober 2026\tWaiting on the new depot." in texts
    assert "new depot." not in texts


def test_a_header_over_a_column_the_rows_leave_empty_keeps_that_column(tmp_path):
    # a repeated header whose first column ("Theme") is empty in the rows under it on this page (its
    # cell spans them from the page before), set a little closer to the next column than a gutter
    # needs: the header still names two columns, and the rows' text falls in the second
    xs = (50, 92, 300, 420)
    pdf = tmp_path / "empty-column.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, xs, ("Theme", "Action", "Lead", "Target date"))
    _draw_rows(c, xs, [("", "2.4 Open a warm space in each library", "Libraries Manager", "Winter 2026"),
                       ("", "2.5 Publish a cost of living leaflet", "Communications", "March 2026"),
                       ("", "2.6 Train front desk staff in debt advice", "Customer Services", "June 2026")], 740)
    c.save()
    texts = _texts(pdf)
    assert texts[0] == "Theme\tAction\tLead\tTarget date"
    assert texts[1] == "\t2.4 Open a warm space in each library\tLibraries Manager\tWinter 2026"


def test_a_cell_wrapping_mid_phrase_in_close_set_rows_stays_in_its_row(tmp_path):
    # rows set line under line with no white space between them: a line whose first cell goes on
    # from a phrase left unfinished above ("... and, if" / "viable, ...") is the same row, though
    # its other cells start in capitals or figures
    xs = (50, 90, 270, 400)
    pdf = tmp_path / "close-rows.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, xs, ("Ref", "Action", "Resources", "Lead"))
    _draw_rows(c, xs, [("4.1", "Survey the town's bus shelters", "Existing staff", "Transport"),
                       ("4.2", "Study and, if", "Study £9,000;", "Head of"),
                       ("", "viable, launch a ride share", "Launch from", "Transport"),
                       ("4.3", "Paint the footbridge", "Capital budget", "Estates")], 740, pitch=12)
    c.save()
    texts = _texts(pdf)
    assert "4.2\tStudy and, if viable, launch a ride share\tStudy £9,000; Launch from\tHead of Transport" in texts


def test_rows_cut_by_page_breaks_in_an_office_printed_action_plan_stay_whole():
    """The oakhallow strategy and review as LibreOffice prints them: a repeated header whose first
    column is empty on its page, a tall row cut by the page break, a tall cell's last word alone
    overleaf: each row keeps its whole text."""
    folder = Path(__file__).resolve().parent.parent / "bench/eval/invented/oakhallow/pdf-office"
    strategy = {t.split("\t")[1][:5]: t for t in _texts(folder / "2020-02_oakhallow-dc_homelessness-"
                                                          "rough-sleeping-strategy_2020-23.pdf") if t.count("\t") >= 5}
    assert "viable, set up a social lettings agency with Brookmere Housing Group, offering landlords" \
        in strategy["1.2.2"]
    assert "to help households with rent or mortgage arrears to keep their home" in strategy["1.3.1"]
    review = {t.split("\t")[0]: t.split("\t") for t in _texts(folder / "2023-06_oakhallow-dc_homelessness-"
                                                             "rough-sleeping-strategy-annual-review.pdf") if "\t" in t}
    assert review["2.1.3"][4].endswith("days.")


def test_a_keys_marks_stay_before_their_status_words_and_bullets_do_not(tmp_path):
    # a rating key printed as marks ("● Achieved: ...", "○ Not achieved: ...") keeps each mark, which the
    # table's cells give alone; a bullet before an action is a list item's bullet as before
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("needs a font with the marks (DejaVu Sans)")
    pdfmetrics.registerFont(TTFont("MarkSans", str(font)))
    pdf = tmp_path / "key.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("MarkSans", 10)
    for k, line in enumerate(["● Achieved: the target was met by March", "○ Not achieved: less than half of it",
                              "", "● Open a second clinic in the town centre", "● Train every receptionist"]):
        if line:
            c.drawString(60, 760 - 16 * k, line)
    c.save()
    texts = _texts(pdf)
    key = next(t for t in texts if "Achieved:" in t)
    assert key.startswith("● Achieved: the target was met by March") and "○ Not achieved: less than half" in key
    assert "- Open a second clinic in the town centre" in texts


def test_a_bold_header_over_columns_set_between_drawn_rules_reads():
    """Kent County Council's revenue plan (bench/eval/other/pdf): tables whose columns stand between
    rules drawn round groups of columns, under bold headers. The gutters the rules replace are not the
    columns a header names (a header over a column its rows leave empty is judged by the cuts used)."""
    pdf = Path(__file__).resolve().parent.parent / "bench/eval/other/pdf/2025-02_kent-cc_revenue-plan-2025-28.pdf"
    lines, _ = read_pdf(pdf)
    assert sum(1 for ln in lines if "\t" in ln.text) > 20


def test_a_row_cut_mid_phrase_in_its_date_column_goes_on_below_and_overleaf(tmp_path):
    # an office tool's borderless table, rows set line under line: a row's date cell stops on "by end
    # of" and goes on in the line below ("2023/24") while its first cell goes on in capitals ("NHS-
    # funded ..."); the same where the page break cuts the row: one row each, not two
    xs = (60, 420)
    pdf = tmp_path / "cut-phrase.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, xs, ("Our commitment", "By when"))
    _draw_rows(c, xs, [("CH-1 Open a drop-in clinic in every town for", "Year 2"),
                       ("CH-2 Raise the share of young people seen by", "by end of"),
                       ("NHS-funded services to 60% of those referred.", "2024/25"),
                       ("CH-3 Train 300 school staff who will have completed", "by end of")], 740, pitch=12)
    c.showPage()
    _draw_rows(c, xs, [("Mental Health First Aid by the end of the plan.", "2025/26")], 790)
    c.setFont("Helvetica", 11)
    c.drawString(60, 740, "We will report on these commitments every year.")
    c.save()
    texts = _texts(pdf)
    assert ("CH-2 Raise the share of young people seen by NHS-funded services to 60% of those referred."
            "\tby end of 2024/25") in texts
    assert ("CH-3 Train 300 school staff who will have completed Mental Health First Aid by the end of the plan."
            "\tby end of 2025/26") in texts


def test_a_bold_header_over_one_row_flush_with_it_is_a_table(tmp_path):
    # a table's header repeated at the top of a page over its last row (a tall one): two rows, each
    # cell flush with its header word, still a table
    xs = (60, 420)
    pdf = tmp_path / "one-row.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, xs, ("Our commitment", "By when"))
    _draw_rows(c, xs, [("CH-4 Publish waiting times for every service", "by end of"),
                       ("on the website, updated every month.", "2024/25")], 740, pitch=12)
    c.setFont("Helvetica", 11)
    c.drawString(60, 690, "Moving to adult services is the subject of the next section of this plan.")
    c.save()
    assert "CH-4 Publish waiting times for every service on the website, updated every month.\tby end of 2024/25" \
        in _texts(pdf)


def test_prose_overleaf_of_a_table_at_a_pages_foot_is_not_read_into_its_columns(tmp_path):
    """A contents list set as a table (entry, page number) ends a page; the next page opens with
    justified running text in two columns, whose wide word spaces leave white gaps inside the list's
    gutter. The text is no row of the list (its gaps would split the gutter into as many columns as
    it has), and reading never fails."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf = tmp_path / "contents-then-prose.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, (43, 520), ("Contents", "Page"), top=300)
    _draw_rows(c, (43, 520), [(f"Section {n}: carers in year {n}", str(n + 3)) for n in range(1, 8)], 280, pitch=18)
    c.showPage()
    c.setFont("Helvetica", 10)
    words = ("The last year has been the hardest in the history of our services and of the people who use them "
             "and the carers who look after them at home have told us so at every meeting we held").split()
    y, x = 790, 43.0
    for w in words:  # justified in a column 43-290, word spaces about 8 pt wide
        width = stringWidth(w, "Helvetica", 10)
        if x + width > 290:
            y, x = y - 14, 43.0
        c.drawString(x, y, w)
        x += width + 8
    c.save()
    texts = _texts(pdf)
    assert any(t.startswith("The last year has been") for t in texts)
    assert sum(1 for t in texts if t.startswith("Section ") and "\t" in t) == 7


def test_a_cells_second_paragraph_at_a_pages_foot_stays_in_its_row(tmp_path):
    # a header and one tall row at the foot of the page, its update in two paragraphs a blank line
    # apart (an office tool spaces a cell's paragraphs so), and two more rows overleaf: the second
    # paragraph is the row's, not a row of its own nor a stray line, and the rows overleaf keep the
    # header's columns
    xs = (50, 90, 260, 340)
    pdf = tmp_path / "paragraph.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "The river works were reviewed by the parish council in June.")
    _draw_header(c, xs, ("Ref", "Action", "Status", "Latest update"), top=150)
    _draw_rows(c, xs, [("3.1", "Reopen the river ferry", "Incomplete", "The ferry ran in July but")], 130)
    c.setFont("Helvetica", 10)
    for k, (action, update) in enumerate((("between the two", "stopped in August"), ("landing stages", "when"),
                                          ("", "the pontoon sank."))):
        c.drawString(90, 118 - 12 * k, action)
        c.drawString(340, 118 - 12 * k, update)
    c.drawString(340, 64, "A new operator is sought.")  # 30 pt below: the cell's next paragraph
    c.drawString(340, 52, "Bids close in May.")
    c.showPage()
    rows = [("3.2", "Light the towpath", "Complete", "All the lamps are up."),
            ("3.3", "Mend the lock gates", "Incomplete", "No contractor yet.")]
    _draw_rows(c, xs, rows, 790)
    c.setFont("Helvetica", 11)
    c.drawString(50, 700, "The council will review the works again next year.")
    c.save()
    texts = _texts(pdf)
    start = texts.index("Ref\tAction\tStatus\tLatest update")
    assert texts[start + 1].startswith("3.1\tReopen the river ferry between the two landing stages\tIncomplete"
                                       "\tThe ferry ran in July but stopped in August when the pontoon sank.")
    assert texts[start + 1].endswith("A new operator is sought. Bids close in May.")
    assert texts[start + 2:start + 4] == ["\t".join(row) for row in rows]


@pytest.mark.parametrize(("before", "after", "broken"), [
    ("2021/2", "2", True),  # a year too wide for its column: "2021/22"
    ("31/1", "2/20", True),  # a date broken twice: "31/12/2022"
    ("31/12/20", "22", True),
    ("30/09", "/2022", True),
    ("2022/", "23", True),
    ("2021/22", "2022/23", False),  # two years, one a line
    ("31/12/2022", "22", False),  # a whole date, then a figure
    ("10", "20", False),  # two figures, no slash
    ("1/2", "3", False),  # a fraction, then a figure
    ("Q3", "2024", False),
])
def test_a_slashed_date_broken_in_a_narrow_column_is_one_word(before, after, broken):
    from kb.sources.pdf import _figure_broken

    assert _figure_broken(before, after) is broken


def test_a_date_and_a_reference_broken_in_narrow_cells_read_whole(tmp_path):
    # an office tool breaks a date, or a reference at its hyphen, when its column is too narrow
    xs = (50, 100, 260, 320)
    pdf = tmp_path / "narrow.pdf"
    rows = [(("QI24-", "M03"), ("Reopen the river ferry",), ("31/1", "2/20", "22"), ("Complete",)),
            (("QI24-", "M04"), ("Light the towpath",), ("2023/2", "4"), ("Incomplete",)),
            (("QI24-", "S01"), ("Mend the lock gates",), ("30/06", "/2024"), ("Complete",))]
    _wrapped_table(pdf, xs, ("Ref", "Action", "Due", "Status"), rows)
    assert _texts(pdf) == ["Ref\tAction\tDue\tStatus",
                           "QI24-M03\tReopen the river ferry\t31/12/2022\tComplete",
                           "QI24-M04\tLight the towpath\t2023/24\tIncomplete",
                           "QI24-S01\tMend the lock gates\t30/06/2024\tComplete"]


def _numbered_rows_cut_overleaf(pdf: Path, overleaf_rows: list[tuple[str, ...]], tail: str = "The rest follow in May.",
                                ) -> tuple[int, ...]:
    """A review table without rulings whose every row opens with its number: the second row's update
    ("Half the lamps are up.") goes on overleaf with `tail`, in its column only, then `overleaf_rows`
    follow (each a line of cells at the same columns)."""
    xs = (50, 90, 250, 340)
    c = canvas.Canvas(str(pdf), pagesize=A4)
    _draw_header(c, xs, ("Ref", "Action", "Status", "Latest update"), top=200)
    _draw_rows(c, xs, [("1.1", "Reopen the ferry", "Complete", "The ferry ran all summer."),
                       ("1.2", "Light the towpath", "Ongoing", "Half the lamps are up.")], 180)
    c.showPage()
    c.setFont("Helvetica", 10)
    if tail:
        c.drawString(xs[3], 790, tail)
    _draw_rows(c, xs, overleaf_rows, 760)
    c.setFont("Helvetica", 11)
    c.drawString(50, 600, "The council will review the river works again next year.")
    c.save()
    return xs


def test_a_tall_cells_new_sentence_overleaf_beside_an_empty_number_column_finishes_its_row(tmp_path):
    # every row opens with its number, and overleaf the first line leaves that column empty: the last
    # row's update going on, though its sentence there starts in capitals after a finished one
    pdf = tmp_path / "new-sentence.pdf"
    _numbered_rows_cut_overleaf(pdf, [("1.3", "Mend the lock gates", "Not started", "No contractor yet."),
                                      ("1.4", "Dredge the basin", "Complete", "Done in March.")])
    texts = _texts(pdf)
    assert "1.2\tLight the towpath\tOngoing\tHalf the lamps are up. The rest follow in May." in texts
    assert "1.3\tMend the lock gates\tNot started\tNo contractor yet." in texts
    assert "The rest follow in May." not in texts


def test_a_cell_overleaf_longer_than_its_column_was_stays_in_its_column(tmp_path):
    # the action column's cells on the page before were short; overleaf the cut row's action goes on
    # much further towards the next column (an office tool's column is as wide as its widest cell)
    pdf = tmp_path / "longer-overleaf.pdf"
    _numbered_rows_cut_overleaf(pdf, [("", "and the path from the old mill", "", "and the rest in May."),
                                      ("1.3", "Mend the lock gates", "Not started", "No contractor yet."),
                                      ("1.4", "Dredge the basin", "Complete", "Done in March.")],
                                tail="")
    texts = _texts(pdf)
    assert "1.2\tLight the towpath and the path from the old mill\tOngoing\tHalf the lamps are up. and the rest in May." \
        in texts
    assert "1.3\tMend the lock gates\tNot started\tNo contractor yet." in texts
