"""PDF layouts that browsers and office tools produce and kb's own renderer does not: one test a shape.

Each PDF is drawn here with reportlab's canvas, so the test states exactly what is on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kb.sources.pdf import read_pdf

WIDTH, HEIGHT = A4


def _page(path: Path, size: int, bold: bool = False) -> canvas.Canvas:
    """An A4 canvas writing to `path`, its font set."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
    return c


def _texts(path: Path) -> list[str]:
    lines, _ = read_pdf(path)
    return [line.text for line in lines if line.text]


def _draw_list(path: Path, marker: str) -> None:
    """An intro line and three list items whose markers are shapes, not characters."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    y = HEIGHT - 80
    c.drawString(60, y, "Over the next year the council will:")
    items = ["open two new family hubs in the north of the county",
             "recruit twelve health visitors by March 2026",
             "publish a carers charter with local employers"]
    for item in items:
        y -= 18
        if marker == "disc":
            c.circle(70, y + 3.5, 1.6, stroke=0, fill=1)
        elif marker == "circle":
            c.circle(70, y + 3.5, 1.8, stroke=1, fill=0)
        else:
            c.rect(68.3, y + 1.8, 3.4, 3.4, stroke=0, fill=1)
        c.drawString(80, y, item)
    y -= 30
    c.drawString(60, y, "The board will review progress in the autumn.")
    c.save()


@pytest.mark.parametrize("marker", ["disc", "circle", "square"])
def test_bullets_drawn_as_shapes_make_list_items(tmp_path, marker):
    pdf = tmp_path / "list.pdf"
    _draw_list(pdf, marker)
    assert _texts(pdf) == [
        "Over the next year the council will:",
        "- open two new family hubs in the north of the county",
        "- recruit twelve health visitors by March 2026",
        "- publish a carers charter with local employers",
        "The board will review progress in the autumn.",
    ]


def test_a_small_box_inside_a_line_is_not_a_bullet(tmp_path):
    pdf = tmp_path / "inline.pdf"
    c = _page(pdf, 11)
    c.drawString(60, 700, "Status")
    c.rect(100, 701.8, 3.4, 3.4, stroke=0, fill=1)  # a RAG dot after a word
    c.drawString(110, 700, "on track for the spring")
    c.save()
    assert not any(t.startswith("- ") for t in _texts(pdf))


def _ruled_row(c: canvas.Canvas, top: float, widths: list[float], cells: list[str]) -> float:
    """One row drawn as its own ruled table (each cell a stroked rectangle), returns its bottom."""
    height = 20
    x = 60
    for width, text in zip(widths, cells, strict=True):
        c.rect(x, top - height, width, height, stroke=1, fill=0)
        c.drawString(x + 4, top - 14, text)
        x += width
    return top - height


def test_a_table_pasted_row_by_row_keeps_each_rows_cells(tmp_path):
    """Rows with different column widths must not be padded with empty cells of the other rows."""
    pdf = tmp_path / "rows.pdf"
    c = _page(pdf, 10)
    top = 760
    top = _ruled_row(c, top, [150, 150, 150], ["Action", "Lead", "Timescale"])
    top = _ruled_row(c, top, [220, 120, 110], ["Open a hub", "Public Health", "2026/27"])
    _ruled_row(c, top, [120, 200, 130], ["Train staff", "Workforce Board", "By March 2027"])
    c.save()
    assert _texts(pdf) == [
        "Action\tLead\tTimescale",
        "Open a hub\tPublic Health\t2026/27",
        "Train staff\tWorkforce Board\tBy March 2027",
    ]


def test_an_ordinary_grid_keeps_an_empty_cell_in_its_column(tmp_path):
    pdf = tmp_path / "grid.pdf"
    c = _page(pdf, 10)
    top = 760
    top = _ruled_row(c, top, [150, 150, 150], ["Action", "Lead", "Timescale"])
    _ruled_row(c, top, [150, 150, 150], ["Open a hub", "", "2026/27"])
    c.save()
    assert _texts(pdf)[-1] == "Open a hub\t\t2026/27"


def test_a_numbered_item_continues_at_its_hanging_indent(tmp_path):
    """Minutes number their items "(a)", "1." with the wrapped lines aligned after the label."""
    pdf = tmp_path / "minutes.pdf"
    c = _page(pdf, 11)
    c.drawString(100, 700, "(a)")
    c.drawString(120, 700, "The committee agreed that the director of public health would bring a")
    c.drawString(120, 686, "revised action plan to its next meeting in the spring.")
    c.drawString(100, 660, "(b)")
    c.drawString(120, 660, "The chair thanked officers for the report.")
    c.save()
    assert _texts(pdf) == [
        "(a) The committee agreed that the director of public health would bring a revised action plan "
        "to its next meeting in the spring.",
        "(b) The chair thanked officers for the report.",
    ]


def test_three_columns_under_a_full_width_title_read_column_by_column(tmp_path):
    """A landscape page: title and subtitle across the page, then a narrow, a wide and a narrow
    column with gutters of about one em (the panels of a strategy's outcome pages)."""
    pdf = tmp_path / "panels.pdf"
    width, height = A4[1], A4[0]
    c = canvas.Canvas(str(pdf), pagesize=(width, height))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, height - 40, "Start well: children and young people in Northshire")
    c.setFont("Helvetica", 10)
    c.drawString(40, height - 56, "The partnership will make sure every child has the support to thrive, at home and at school.")
    columns = ((40, ["Residents told us", "about waiting", "times for speech", "and language", "therapy and",
                     "about help for", "families with", "young carers."]),
               (170, ["We will open family hubs in every district by 2027, bringing midwives,",
                      "health visitors and early help into one place for families. We will",
                      "cut waiting times for speech and language therapy to eighteen weeks",
                      "and publish the figures each quarter on the council website so that",
                      "families can see progress. We will train all nursery staff in early",
                      "language support by the end of the strategy period in March 2029.",
                      "The partnership board will review these actions every six months.",
                      "Schools will be asked to share their attendance data monthly."]),
               (560, ["By 2028 the share", "of children ready", "for school will", "rise from 65% to", "at least 70%.",
                      "By 2029 waiting", "times will fall to", "eighteen weeks."]))
    for x, rows in columns:
        y = height - 90
        for row in rows:
            c.drawString(x, y, row)
            y -= 13
    c.save()
    texts = _texts(pdf)
    assert texts[0] == "**Start well: children and young people in Northshire**"
    left = next(i for i, t in enumerate(texts) if t.startswith("Residents told us"))
    middle = next(i for i, t in enumerate(texts) if t.startswith("We will open family hubs"))
    right = next(i for i, t in enumerate(texts) if t.startswith("By 2028 the share"))
    assert left < middle < right
    assert texts[left] == ("Residents told us about waiting times for speech and language therapy and about help "
                           "for families with young carers.")
    assert "eighteen weeks and publish the figures" in texts[middle]


def test_paragraphs_set_one_and_a_half_spaced_stay_whole_beside_tighter_footnotes(tmp_path):
    """Body text at 1.5 line spacing and footnotes at single spacing on the same page: each keeps
    its own pitch, so neither is cut into one paragraph a line."""
    pdf = tmp_path / "spaced.pdf"
    c = _page(pdf, 12)
    body = ["To support these changes, joint working between regional and local leads",
            "will be crucial. Working across local systems and national networks, leads",
            "should tailor the changes to local needs while limiting variation."]
    y = 700
    for row in body * 2:
        c.drawString(60, y, row)
        y -= 18
    c.setFont("Helvetica", 9)
    y = 120
    for row in ["1 Figures from the national outpatient data set for the year to March, with",
                "adjustments for the days lost to industrial action and to the pandemic,",
                "published by the national statistics service in the following autumn, and",
                "revised once more in the spring after that with the final figures of all",
                "providers that submitted their returns after the deadline set for them.",
                "The revision changed no figure by more than one per cent in either year."]:
        c.drawString(60, y, row)
        y -= 10.5
    c.save()
    texts = _texts(pdf)
    assert texts[0].startswith("To support these changes") and texts[0].endswith("limiting variation.")
    assert texts[1].startswith("1 Figures") and "pandemic, published by the national" in texts[1]


def test_a_raised_footnote_marker_leaves_the_sentence(tmp_path):
    pdf = tmp_path / "marker.pdf"
    c = _page(pdf, 12)
    c.drawString(60, 700, "We will expand care in primary,")
    c.setFont("Helvetica", 7.5)
    c.drawString(60 + c.stringWidth("We will expand care in primary,", "Helvetica", 12), 704, "12")
    c.setFont("Helvetica", 12)
    c.drawString(250, 700, "secondary and community settings by 2026.")
    c.save()
    assert _texts(pdf) == ["We will expand care in primary, secondary and community settings by 2026."]


@pytest.mark.parametrize(("words", "expected"), [
    # a ligature the font gives no Unicode for, explained by the same word written out elsewhere
    (["e(cid:28)cient", "efficient", "services", "o(cid:28)ce", "office"], {"(cid:28)": "ffi"}),
    (["(cid:31)nancial", "financial", "plan", "bene(cid:31)ts", "benefits"], {"(cid:31)": "fi"}),
    # a space glyph between words the document also writes apart
    (["health(cid:3)visitors", "health", "visitors"], {"(cid:3)": " "}),
    # nothing in the document explains it: left alone (dropped when the text is rendered)
    (["(cid:77)zzq", "plan"], {}),
])
def test_unmapped_glyphs_are_learnt_from_the_document(words, expected):
    from kb.sources.pdf import learn_cids

    assert learn_cids(words) == expected


@pytest.mark.parametrize(("char", "font", "expected"), [
    ("\uf0b7", "ABCDEF+Symbol", "•"),
    ("\uf0b3", "Symbol", "≥"),
    ("\uf0a7", "Wingdings-Regular", "▪"),
    ("\uf0fc", "Wingdings", "✓"),
    ("\uf0b7", "Arial", "\uf0b7"),  # another font's private character is not guessed
    ("n", "XGODXX+ZapfDingbats2", "■"),  # a dingbat font spells its square bullet "n"
    ("n", "Helvetica", "n"),
])
def test_symbol_font_glyphs_read_by_the_fonts_own_encoding(char, font, expected):
    from kb.sources.pdf import symbol_glyph

    assert symbol_glyph(char, font) == expected


def test_a_word_processor_table_with_shaded_lines_and_pieced_rules(tmp_path):
    """A table as word processors draw it: each ruling a thin filled box, vertical rules drawn in one
    piece per row, a white box behind every line of text, a header shaded blue with a blue
    highlight behind its words, and a first cell spanning two rows of the next column."""
    pdf = tmp_path / "word.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    xs = (50, 200, 400)
    blue = (0.0, 0.44, 0.75)

    def rule(x0, y0, x1, y1):  # a ruling drawn as a thin black filled box
        c.setFillColorRGB(0, 0, 0)
        c.rect(x0, y0, max(x1 - x0, 0.5), max(y1 - y0, 0.5), stroke=0, fill=1)

    def text(x, y, words, colour=(0, 0, 0), shade=(1, 1, 1)):
        c.setFillColorRGB(*shade)
        c.rect(x - 1, y - 3, c.stringWidth(words, "Helvetica", 10) + 2, 12.5, stroke=0, fill=1)
        c.setFillColorRGB(*colour)
        c.setFont("Helvetica", 10)
        c.drawString(x, y, words)

    top, header_bottom, mid, bottom = 760, 736, 700, 664
    c.setFillColorRGB(*blue)
    c.rect(xs[0], header_bottom, xs[2] - xs[0], top - header_bottom, stroke=0, fill=1)
    text(xs[0] + 5, 744, "Action", colour=(1, 1, 1), shade=blue)
    text(xs[1] + 5, 744, "Expected change", colour=(1, 1, 1), shade=blue)
    for y in (top, header_bottom, bottom):
        rule(xs[0], y, xs[2], y)
    rule(xs[1], mid, xs[2], mid)  # the second column's two rows
    for x in xs:  # vertical rules in one piece per row
        for y0, y1 in ((header_bottom, top), (mid, header_bottom), (bottom, mid)):
            rule(x, y0, x, y1)
    text(xs[0] + 5, 722, "Open community eye")
    text(xs[0] + 5, 708, "clinics in every district")
    text(xs[0] + 5, 694, "of the county")
    text(xs[1] + 5, 722, "Cataract follow ups in")
    text(xs[1] + 5, 708, "the community: 85%")
    text(xs[1] + 5, 686, "Glaucoma follow ups in")
    text(xs[1] + 5, 672, "the community: 50%")
    c.save()
    assert _texts(pdf) == [
        "Action\tExpected change",
        "Open community eye clinics in every district of the county\tCataract follow ups in the community: 85%",
        "\tGlaucoma follow ups in the community: 50%",
    ]


_SIDE_LISTS = [
    ["Plant trees along every new cycle route", "Repair the footbridge over the canal"],
    ["Open a repair café in each market town library", "Lend electric bikes for a month"],
    ["Teach cooking to parents of toddlers", "Fund swimming lessons for all pupils in year four"],
]


def test_lists_side_by_side_are_read_one_list_after_the_other(tmp_path):
    """Three narrow lists in a row, items wrapping inside their column (an infographic's panels):
    each item comes out whole, list by list, not as lines read across the three."""
    from reportlab.lib.utils import simpleSplit

    pdf = tmp_path / "panels.pdf"
    c = _page(pdf, 14, bold=True)
    c.drawString(60, 760, "What we will do together")
    c.setFont("Helvetica", 10)
    for col, items in enumerate(_SIDE_LISTS):
        x, y = 60 + col * 165, 730
        for item in items:
            c.drawString(x, y, "•")
            for piece in simpleSplit(item, "Helvetica", 10, 130):
                c.drawString(x + 10, y, piece)
                y -= 13
    c.drawString(60, 600, "Progress on each of these will be reported to the board every quarter.")
    c.save()
    assert _texts(pdf) == [
        "**What we will do together**",
        *[f"- {item}" for items in _SIDE_LISTS for item in items],
        "Progress on each of these will be reported to the board every quarter.",
    ]


def test_a_nested_list_is_not_read_as_lists_side_by_side(tmp_path):
    """Bullets at two x positions that never share a line are one list with sub-items."""
    pdf = tmp_path / "nested.pdf"
    c = _page(pdf, 10)
    y = 760
    for x, text in [(60, "Homes"), (80, "Insulate council flats"), (80, "Fit heat pumps in schools"),
                    (60, "Transport"), (80, "Run later buses"), (80, "Widen the ring road path")]:
        c.drawString(x, y, "•")
        c.drawString(x + 10, y, text)
        y -= 14
    c.save()
    assert [t.lstrip() for t in _texts(pdf)] == [
        "- Homes", "- Insulate council flats", "- Fit heat pumps in schools",
        "- Transport", "- Run later buses", "- Widen the ring road path"]


def test_a_page_number_printed_sideways_in_the_margin_is_left_out(tmp_path):
    """A footer turned 90 degrees ("Page 25" up the left margin, as landscape appendices print it)
    is page furniture: its letters never join the lines they sit beside."""
    path = tmp_path / "sideways.pdf"
    c = _page(path, 11)
    rows = ["Review of the carers offer with local employers", "Open a second memory clinic in the town",
            "Recruit twelve health visitors by March 2026", "Publish the dementia strategy by June 2026",
            "Extend the falls service to every practice", "Train forty staff in suicide prevention"]
    y = HEIGHT - 300
    for row in rows:
        c.drawString(60, y, row)
        y -= 9  # one letter of the sideways footer beside each line
    # turned a quarter clockwise, reading down the page; the matrix's near-zero cosine terms (as
    # office tools write them) make it look upright by the sign test alone
    t = c.beginText()
    t.setFont("Helvetica", 8)
    t.setTextTransform(0.0001, -1, 1, 0.0001, 36, HEIGHT - 290)
    t.textOut("Page 25")
    c.drawText(t)
    c.save()
    text = " ".join(_texts(path))
    assert re.sub(r"\s+", " ", text).strip() == " ".join(rows)


def test_a_bullet_wrapped_under_its_marker_continues_mid_sentence(tmp_path):
    """Word processors that set no hanging indent wrap a bullet's text back under the marker; a line that
    goes on mid-sentence (lower case, the line above running to the margin) is the same item."""
    pdf = tmp_path / "wrapped.pdf"
    c = _page(pdf, 11)
    c.drawString(60, 720, "The service will:")
    for y, first, rest in ((700, "set up a single waiting list for the three hospitals of the county, with enough",
                            "detail to see where each patient is waiting."),
                           (668, "publish the waiting list on the county council's website every month from",
                            "April, with the waiting times of each hospital.")):
        c.circle(70, y + 3.5, 1.6, stroke=0, fill=1)
        c.drawString(80, y, first)
        c.drawString(66, y - 14, rest)
    c.save()
    texts = _texts(pdf)
    assert texts[1] == ("- set up a single waiting list for the three hospitals of the county, with enough detail "
                        "to see where each patient is waiting.")
    # only a line in lower case is taken to go on: "April, ..." may be a new line of its own
    assert texts[2].startswith("- publish") and len(texts) == 4


def test_a_dingbat_fonts_letter_bullet_starts_a_list_item(tmp_path):
    # ZapfDingbats draws "n" as a square: the text layer says "n", the page shows a bullet
    pdf = tmp_path / "dingbats.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = HEIGHT - 80
    c.setFont("Helvetica", 11)
    c.drawString(60, y, "Our promises to tenants:")
    for first, second in [("We will consult every household on the design of the new homes", "before any plans go in"),
                          ("We will publish the results of each consultation on the council", "website within a month")]:
        y -= 18
        c.setFont("ZapfDingbats", 11)
        c.drawString(60, y, "n")
        c.setFont("Helvetica", 11)
        c.drawString(72, y, first)
        y -= 14
        c.drawString(72, y, second)
    c.save()
    assert _texts(pdf) == [
        "Our promises to tenants:",
        "- We will consult every household on the design of the new homes before any plans go in",
        "- We will publish the results of each consultation on the council website within a month",
    ]


def test_lettered_recommendations_wrap_at_their_hanging_indent(tmp_path):
    pdf = tmp_path / "recommendations.pdf"
    c = _page(pdf, 12)
    y = HEIGHT - 80
    c.drawString(60, y, "The Executive is asked to:")
    for letter, first, second in [("A.", "Agree to close the day centre at Mill Lane from 1 April 2026 and to move", "its places to the new hub; and"),
                                  ("B.", "Delegate authority to the Director of Adult Care to agree the transfer", "of each place with the families.")]:
        y -= 28
        c.drawString(60, y, letter)
        c.drawString(78, y, first)
        y -= 14
        c.drawString(78, y, second)
    c.save()
    assert _texts(pdf) == [
        "The Executive is asked to:",
        "A. Agree to close the day centre at Mill Lane from 1 April 2026 and to move its places to the new hub; and",
        "B. Delegate authority to the Director of Adult Care to agree the transfer of each place with the families.",
    ]


def test_single_line_fields_evenly_spaced_stay_apart(tmp_path):
    """An action block printed a field a line, every line the same distance apart (a page of
    one-line paragraphs leaves no wider paragraph spacing to learn), on a landscape page that no line
    fills: each field is its own line, and so is each numbered action after a full stop."""
    lines = ["Action 3.1: Warm homes grants",
             "What we will do: Offer a warm homes grant to every household in fuel poverty that asks for one",
             "Lead: Private Sector Housing Team",
             "Timescale: By March 2026",
             "Action 3.2: Winter pressures",
             "What we will do: Open five warm spaces in the north of the borough every winter",
             "Lead: Community Hubs",
             "Timescale: Every winter from 2025",
             "3.3 We will publish a map of every warm space in the borough by October 2025.",
             "3.4 We will train fifty volunteers to give energy advice by March 2026."]
    pdf = tmp_path / "fields.pdf"
    width, height = A4[1], A4[0]
    c = canvas.Canvas(str(pdf), pagesize=(width, height))
    c.setFont("Helvetica", 10)
    y = height - 60
    for line in lines:
        c.drawString(40, y, line)
        y -= 18
    c.save()
    assert _texts(pdf) == lines


def test_a_numbered_title_with_a_dash_after_a_short_line_starts_a_block(tmp_path):
    """Bold titles "Objective 2.3 – Warm spaces" set as close under the short bold line before them
    (a "Who:" line printed as large) as a heading's own lines: each title is its own block."""
    lines = ["Who: Private Sector Housing Team",
             "Objective 3.2 – Winter pressures",
             "Who: Community Hubs",
             "Objective 3.3 – Energy advice"]
    pdf = tmp_path / "titles.pdf"
    width, height = A4[1], A4[0]
    c = canvas.Canvas(str(pdf), pagesize=(width, height))
    c.setFont("Helvetica-Bold", 12)
    y = height - 60
    for line in lines:
        c.drawString(40, y, line)
        y -= 24
    c.save()
    assert [t.strip("*") for t in _texts(pdf)] == lines


def _draw_panels(path: Path, watermark: bool = False) -> None:
    """A heading and a paragraph over two coloured call-out panels side by side, whose lines share
    baselines; with `watermark`, a big grey letter drawn as a filled shape over running text instead."""
    c = _page(path, 11)
    c.drawString(60, HEIGHT - 80, "What partners told us")
    c.drawString(60, HEIGHT - 100, "We asked partners across the borough what the plan should do first.")
    if watermark:
        for i, line in enumerate(["Most of them asked for the family hubs to open sooner and for",
                                  "carers to be given a say in how the hubs are run, and nearly",
                                  "all of them asked the council to report on progress each year."]):
            c.drawString(60, HEIGHT - 118 - 18 * i, line)
        c.setFillColorRGB(0.75, 0.75, 0.75)
        p = c.beginPath()  # a letter's outline laid over the text
        p.moveTo(150, HEIGHT - 300)
        p.lineTo(260, HEIGHT - 90)
        p.lineTo(300, HEIGHT - 90)
        p.lineTo(200, HEIGHT - 300)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.save()
        return
    left = ["Open the new family hub in", "the north of the county by", "September 2027.", "Carers Forum"]
    right = ["Publish a carers charter", "with local employers and", "review it every year.", "Youth Council"]
    c.setFillColorRGB(0.1, 0.4, 0.7)
    c.rect(55, HEIGHT - 230, 200, 100, stroke=0, fill=1)
    c.rect(330, HEIGHT - 230, 200, 100, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        y = HEIGHT - 150 - 18 * i - (8 if i == 3 else 0)
        c.drawString(65, y, a)
        c.drawString(340, y, b)
    c.save()


def test_call_out_panels_side_by_side_are_read_one_panel_at_a_time(tmp_path):
    pdf = tmp_path / "panels.pdf"
    _draw_panels(pdf)
    texts = _texts(pdf)
    joined = " ".join(texts)
    assert "Open the new family hub in the north of the county by September 2027." in joined
    assert "Publish a carers charter with local employers and review it every year." in joined
    assert joined.index("September 2027") < joined.index("Publish a carers charter")
    assert not any("hub in Publish" in t or "Open the new family hub in Publish" in t for t in texts)


def test_a_filled_shape_laid_over_running_text_is_no_panel(tmp_path):
    """A watermark's letter over a paragraph does not cut the paragraph's lines where it lies."""
    pdf = tmp_path / "watermark.pdf"
    _draw_panels(pdf, watermark=True)
    assert " ".join(_texts(pdf)).endswith(
        "We asked partners across the borough what the plan should do first. Most of them asked for the family "
        "hubs to open sooner and for carers to be given a say in how the hubs are run, and nearly all of them "
        "asked the council to report on progress each year.")
