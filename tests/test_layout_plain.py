"""Layout of a PDF-to-text tool's raw output: hard-wrapped lines, no blank lines between paragraphs,
symbol-font bullets, words hyphenated at line ends.  Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kb.layout.parse import _BULLET, ITEMS, hard_wrapped, join_lines, line_layout, one_paragraph_a_line
from kb.layout.structure import build_blocks
from kb.sources.base import SourceLine

# A plan as pdfium's text layer gives it: each printed line a line, no blank line anywhere.
PLAIN = """Westmarch Parks Plan 2025-2028
Our parks and open spaces
The borough has forty-two parks, and residents told us in last year's survey that they
want cleaner paths, more seating and better lighting near the play areas. We have
listened, and this plan sets out what the council will do over the next three years.
We will resurface the main paths in Riverside Park and Old Mill Green by March
2026, starting with the routes to the two primary schools.
Lighting and safety
The parks team will install solar lighting along the canal towpath by the end of
2025 and will review the results with the Friends groups in the following spring.
Pledge 1: We will publish a maintenance calendar for each park on the council
website
Pledge 2: We will open two new community gardens in the north of the borough
What we will do next
n We will recruit twelve volunteer rangers to patrol the larger parks at weekends
n The council will plant five hundred trees along the ring road, working with the
Westmarch Tree Trust and local schools
We will keep the plan under review and report progress to the Environment Commit-
tee every six months, with the first report due in October 2025."""


def blocks(text: str = PLAIN):
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    return build_blocks(lines, date(2025, 1, 1))


def block_with(bs, needle: str):
    return next(b for b in bs if needle in b.text)


def test_a_raw_export_is_told_from_a_one_paragraph_a_line_export():
    assert hard_wrapped(PLAIN.split("\n"))
    one_a_line = [line for para in PLAIN.replace("\n", " ").split(". ") for line in (para + ".",)]
    assert not hard_wrapped(one_a_line * 2)


@pytest.mark.parametrize("needle, whole", [
    # a sentence the printed line cut before a number goes on ("... by March" / "2026, starting ...")
    ("resurface the main paths", "We will resurface the main paths in Riverside Park and Old Mill Green by March "
                                 "2026, starting with the routes to the two primary schools."),
    # and before a capital ("... by the end of" / "2025 and will review ...")
    ("solar lighting", "The parks team will install solar lighting along the canal towpath by the end of "
                       "2025 and will review the results with the Friends groups in the following spring."),
    # a bullet's wrapped line that opens with a name stays in the bullet
    ("five hundred trees", "The council will plant five hundred trees along the ring road, working with the "
                           "Westmarch Tree Trust and local schools"),
    # a word hyphenated over the line end is one word again, its hyphen kept as the PDF reader keeps it
    ("keep the plan under review", "We will keep the plan under review and report progress to the Environment "
                                   "Commit-tee every six months, with the first report due in October 2025."),
])
def test_hard_wrapped_sentences_are_joined(needle, whole):
    assert block_with(blocks(), needle).text == whole


@pytest.mark.parametrize("needle, kind, text", [
    # a short line (a heading) does not run on into the paragraph under it
    ("Lighting and safety", "heading", "Lighting and safety"),
    # nor does a numbered title run into the one before it ("... on the council" / "website" / "Pledge 2: ...")
    ("Pledge 1", "paragraph", "Pledge 1: We will publish a maintenance calendar for each park on the council website"),
    ("Pledge 2", "paragraph", "Pledge 2: We will open two new community gardens in the north of the borough"),
    # a symbol font's square bullet printed as the letter "n" opens a list item
    ("volunteer rangers", "list_item", "We will recruit twelve volunteer rangers to patrol the larger parks at weekends"),
])
def test_line_shapes_that_start_a_block_of_their_own(needle, kind, text):
    b = block_with(blocks(), needle)
    assert (b.kind, b.text) == (kind, text)


@pytest.mark.parametrize("line, bullet", [
    ("\uf0a7 provide the flexibility to adapt the scheme", True),  # Wingdings' square, a private-use character
    ("o Include a sensory team", True),  # Word's second-level bullet in Courier
    ("➢ Agree the terms of reference", True),
    ("n We will recruit rangers", True),  # ZapfDingbats' square
    ("l The council will plant trees", True),  # Wingdings' disc
    ("no more than two visits", False),  # a word, not a glyph
    ("a new park will open", False),  # "a" is a word before lower case
    ("n of 40 respondents", False),  # a statistician's n before lower case is no bullet
])
def test_symbol_font_bullets(line, bullet):
    assert bool(_BULLET.match(line)) == bullet


@pytest.mark.parametrize("lines, joined", [
    (["the commis-", "sioning plan"], "the commis-sioning plan"),
    (["a father-", "inclusive approach"], "a father-inclusive approach"),
    (["the Self-", "Assessment Framework"], "the Self- Assessment Framework"),  # before a capital: maybe a dash
    (["spending 2020 -", "the year before"], "spending 2020 - the year before"),  # a spaced dash is no hyphen
    (["one line", "", "two"], "one line two"),
])
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


def test_one_paragraph_a_line_export_is_not_joined_at_unpunctuated_lines():
    # the same items written one a line: an item with no full stop does not swallow the next line
    text = "\n".join([
        "Westmarch Parks Plan 2025-2028",
        "Our parks and open spaces",
        "The borough has forty-two parks, and residents told us in last year's survey what they want.",
        "We will publish a maintenance calendar for each park on the council website",
        "Residents will be able to report broken benches and lights through a new online form",
        "The parks team will install solar lighting along the canal towpath by the end of 2025.",
        "We will open two new community gardens in the north of the borough by summer 2026.",
        "Lighting and safety",
        "The council will review the lighting with the Friends groups in the spring of 2026.",
        "We will keep the plan under review and report progress every six months.",
    ])
    bs = blocks(text)
    assert block_with(bs, "maintenance calendar").text.endswith("council website")
    assert block_with(bs, "report broken benches").text.startswith("Residents will")


def test_a_sentence_cut_by_a_page_break_goes_on_past_the_page_number():
    pages = [
        "Westmarch Parks Plan 2025-2028\nOur parks and open spaces\n"
        "The borough has forty-two parks, and residents told us in last year's survey that they\n"
        "want cleaner paths, more seating and better lighting near the play areas, so the council\n"
        "will resurface the main paths in Riverside Park and Old Mill Green by March 2026 and",
        "1",
        "will then turn to the routes to the two primary schools, which are used every day.\n"
        "Lighting and safety\n"
        "The parks team will install solar lighting along the canal towpath by the end of\n"
        "2025 and will review the results with the Friends groups in the following spring,\n"
        "when the council will also decide whether to light the paths in Riverside Park.",
        "2",
        "The council will publish a maintenance calendar for each park on its website.",
        "3",
    ]
    bs = blocks("\n".join(pages))
    assert block_with(bs, "resurface").text.endswith(
        "by March 2026 and will then turn to the routes to the two primary schools, which are used every day.")
    # a capital after a page break starts afresh when the line before ended its sentence or ran short
    assert block_with(bs, "maintenance calendar").text.startswith("The council will publish")


@pytest.mark.parametrize("marking, dropped", [
    ("OFFICIAL", True),
    ("This document was classified as: OFFICIAL", True),
    ("Security classification: OFFICIAL-SENSITIVE", True),
    ("Classification: Restricted", True),
    ("The report was classified as official statistics", False),
])
def test_a_protective_marking_repeated_on_each_page_is_furniture(marking, dropped):
    from kb.layout.parse import page_furniture

    texts = [f"The {word} paragraph of the report, long enough to be read as body text by the layout."
             for word in ("first", "second", "third", "fourth", "fifth", "sixth")]
    texts[1] = texts[4] = marking
    assert (page_furniture(texts) == {1, 4}) == dropped


def test_pdfium_line_end_hyphen_marker_is_a_hyphen(tmp_path):
    from kb.sources.text import read_text_lines

    path = tmp_path / "plan.txt"
    path.write_text("We will hold family group decision\ufffemaking meetings.\n", encoding="utf-8")
    assert read_text_lines(path)[0] == "We will hold family group decision-making meetings."


def test_one_overlong_line_does_not_set_the_margin():
    from kb.layout.parse import _full_lines

    texts = ["a printed line that runs to the right-hand margin of the page", "x" * 130,
             "another printed line that runs to the margin of the page", "short"]
    assert _full_lines(texts) == [True, True, True, False]


@pytest.mark.parametrize("line, header", [
    ("Action Lead Timescale", True),
    ("What we will do Led by Timescale Measure Shared", True),  # the last label wrapped onto the next line
    ("Action Responsible officer By when Status", True),
    ("The action we will lead by the date set", False),  # prose that names labels is no header
    ("Deliver the parks strategy Parks team March 2026", False),  # a row
])
def test_a_table_header_printed_flat(line, header):
    from kb.layout.parse import flattened_header

    assert flattened_header(line) == header


def test_rows_under_a_flat_header_are_not_joined_as_wrapped_lines():
    rows = [
        "Action Lead Timescale",
        "Resurface the main paths in Riverside Park and Old Mill Green Parks team March 2026",
        "Install solar lighting along the canal towpath and the station approach Parks team 2025",
        "Plant five hundred trees along the ring road with the Westmarch Tree Trust Highways 2027",
    ]
    text = PLAIN + "\n" + "\n".join(rows)
    bs = blocks(text)
    assert block_with(bs, "Install solar lighting along the canal towpath and the station").text == rows[2]
    assert block_with(bs, "Plant five hundred").text == rows[3]


@pytest.mark.parametrize("texts, dropped", [
    # a list whose lines differ only in their numbers is no running footer
    (["Homes to be built, approximately:", "1419 units in phase 1", "645 units in phase 2", "450 units in phase 3",
      "1695 units in phase 4", "and an average of 221 homes a year."], set()),
    # the same line a page apart is
    (["Westmarch Parks Plan page 1", "The first page of the plan, long enough to be body text here.",
      "More body text of the first page, long enough to be read as such.", "Yet more of the first page.",
      "Westmarch Parks Plan page 2", "The second page of the plan, long enough to be body text here.",
      "More body text of the second page, long enough to be read as such.", "Yet more of the second page.",
      "Westmarch Parks Plan page 3"], {0, 4, 8}),
    # the same footer on every page, set apart by a separator, with no number
    (["Body text of the first slide, long enough to be read as such here.",
      "Westmarch Parks Plan · Digital roadmap 2022–25", "The second slide's text, long enough to be body text.",
      "Westmarch Parks Plan · Digital roadmap 2022–25", "The third slide's text, long enough to be body text.",
      "Westmarch Parks Plan · Digital roadmap 2022–25"], {1, 3, 5}),
    # a field printed alike under each item is no footer either
    ([f"Body line {n} of the plan's opening pages, long enough to be body text." for n in "abcdef"] + [
      "Open a café in the park, long enough to be body text here.", "RAG: Partly delivered | Amber",
      "Light the canal path, long enough to be read as body text.", "RAG: Partly delivered | Amber",
      "Plant trees along the ring road, long enough to be body text.", "RAG: Partly delivered | Amber"], set()),
    # a repeated heading with no separator is no footer
    ([f"Body line {n} of the plan's opening pages, long enough to be body text." for n in "abcdef"] + [
      "What we will do", "Plant trees along the ring road, long enough to be body text.", "What we will do",
      "Open a café in the park, long enough to be body text here.", "What we will do",
      "Light the canal path, long enough to be read as body text."], set()),
])
def test_running_lines_are_a_page_apart(texts, dropped):
    from kb.layout.parse import page_furniture

    assert page_furniture(texts) == dropped


def test_a_bullet_printed_on_a_line_of_its_own_marks_the_next_line():
    text = PLAIN + "\n" + "\n".join([
        "Friends groups should:",
        "•",
        "Review the maintenance calendar for their park and agree the dates of the",
        "volunteer days with the parks team.",
        "•",
        "Report damage to play equipment through the online form.",
    ])
    bs = blocks(text)
    first = block_with(bs, "Review the maintenance")
    assert (first.kind, first.text) == ("list_item", "Review the maintenance calendar for their park and agree the "
                                                     "dates of the volunteer days with the parks team.")
    second = block_with(bs, "Report damage")
    assert second.kind == "list_item" and second.intro == "Friends groups should:"


def test_a_hard_wrapped_export_is_read_further_for_its_author(tmp_path):
    from kb.sources import load_document
    from kb.sources.stream import open_text

    para = ("The parks of the borough are looked after by a team of rangers and volunteers, who\n"
            "keep the paths clear, empty the bins and look after the play areas in every season of\n"
            "the year, with help from the friends groups of each park.")
    later = ("Westmarch Borough Council will publish a maintenance calendar for each park, and\n"
             "the parks team will report on its progress to the cabinet every six months.")
    text = "Westmarch Parks Plan 2025-2028\n" + "\n".join([para] * 45 + [later] * 3)
    path = tmp_path / "2025-01_parks-plan.txt"
    path.write_text(text, encoding="utf-8")
    assert open_text(path).doc.meta.organisation == "Westmarch Borough Council"
    assert load_document(path).meta.organisation == "Westmarch Borough Council"


@pytest.mark.parametrize("first, second, joined", [
    ("The Westmarch Parks Partnership Board’s", "Strategic Aims:", True),  # a possessive ends no line
    ("The borough’s", "Parks Plan", True),
    ("a scheme known as ‘Green Flag’", "The council will apply again.", False),  # a closing quote is no possessive
])
def test_a_line_ending_in_a_possessive_goes_on(first, second, joined):
    bs = blocks(PLAIN + "\n" + first + "\n" + second)
    assert (block_with(bs, first).text == f"{first} {second}") == joined


def test_a_lone_bullet_beside_an_items_second_line_marks_the_line_above():
    text = PLAIN + "\n" + "\n".join([
        "Local standards",
        "Guidelines between the parks team and the friends groups will",
        "•",
        "be agreed before the new season and published on the council website.",
    ])
    b = block_with(blocks(text), "Guidelines between")
    assert (b.kind, b.text) == ("list_item", "Guidelines between the parks team and the friends groups will be agreed "
                                             "before the new season and published on the council website.")


# An action table as a PDF-to-text tool prints it: the cells of a row side by side, two or more spaces
# apart, each wrapped over the row's lines; the header repeated on each page.  Written for this test.
SPACED_TABLE = """Objective 2 - Cleaner depots and fleet

 Action  Service  Date
2.1 Replace the diesel sweepers at the Mill Lane depot with electric
sweepers when their leases end  Fleet Services  March 2026
2.2 Fit solar panels to the roofs of the two  waste transfer stations,
subject to a structural survey  Waste Team  and
Property Services  Ongoing to
March 2027
2.3 Survey staff travel to the civic offices and publish a travel plan. Environmen tal Services
2.4 Publish a quarterly report on the fleet's fuel use  Environmental Services  Annually to
2028
Objective 3 - Greener buildings
 Action  Service  Date
3.1 Commissioning a study of heat pumps for the  Town Hall  Environmental Services  September
2025
3.2 Support the schools' energy network, including:
• Termly meetings of the school energy champions
• A shared dashboard of the schools' meter readings  Education Services  Ongoing"""


def test_a_spaced_action_table_gives_each_row_its_service_and_date():
    bs = blocks(SPACED_TABLE)
    rows = [b for b in bs if b.kind == "cell"]
    got = [(b.text, b.fields.get("owner"), b.fields.get("due"), b.fields.get("ref")) for b in rows]
    assert got == [
        ("Replace the diesel sweepers at the Mill Lane depot with electric sweepers when their leases end",
         "Fleet Services", "March 2026", "2.1"),
        ("Fit solar panels to the roofs of the two waste transfer stations, subject to a structural survey",
         "Waste Team and Property Services", "Ongoing to March 2027", "2.2"),
        # the service run into the action after its full stop, a word of it broken by the export
        ("Survey staff travel to the civic offices and publish a travel plan.", "Environmental Services", None, "2.3"),
        ("Publish a quarterly report on the fleet's fuel use", "Environmental Services", "Annually to 2028", "2.4"),
        # a gap after "the" is the export's, not a column's
        ("Commissioning a study of heat pumps for the Town Hall", "Environmental Services", "September 2025", "3.1"),
        # a numbered row whose other cells stand beside its last bullet: the row's, and each bullet's
        ("Support the schools' energy network, including:", "Education Services", "Ongoing", "3.2"),
        ("A shared dashboard of the schools' meter readings", "Education Services", "Ongoing", None),
    ]
    bullet = next(b for b in bs if b.text.startswith("Termly meetings"))
    assert (bullet.kind, bullet.fields) == ("list_item", {"owner": "Education Services", "due": "Ongoing"})
    assert not any(b.kind == "cell" and "Service" in b.text for b in bs)  # the header is no row


def test_rows_without_a_spaced_header_are_left_as_they_are():
    text = SPACED_TABLE.replace(" Action  Service  Date\n", "")
    assert text != SPACED_TABLE
    assert not any(b.kind == "cell" for b in blocks(text))


def test_a_numbered_section_after_a_spaced_table_is_no_row():
    """Under the table's header, a numbered line none of whose lines holds a cell (nor its bullets')
    is left as it is: a numbered section title or paragraph after the table, not an action."""
    text = SPACED_TABLE + ("\n\n4.1 Background to the plan\n\n"
                           "The council adopted its first climate plan in 2019 after a public consultation.")
    bs = blocks(text)
    assert by_text(bs, "Background to the plan").kind != "cell"
    assert by_text(bs, "Support the schools' energy network").kind == "cell"


# A wider action table as a PDF-to-text tool prints it: more columns than the rows' reader needs (cost,
# RAG, outcomes, priority), each cell wrapped in its column, the cells of a line spaced apart, lettered
# references, a blank line inside a row, and the header run into the last row of the page before it.
# Written for this test.
WIDE_TABLE = """Greener council buildings

Ref  Action description  Timescale  Cost  RAG  Outcomes  Lead service
4.1a Replace the gas boilers at the
Brookfield leisure centre with air
source heat pumps  March 2025 Capital

programme  GREEN  Lower emissions
from the centre.  Estates
Team  1
4.1b Fit solar panels to the roofs of the
three libraries  In line with the
library review  TBC  AMBER  More renewable power.  Estates
Team  2 5 Ref  Action description  Timescale  Cost  RAG  Outcomes  Lead service
4.1c Review the opening hours of the
civic offices to cut heating costs  December
2024 Officer time  RED  Lower bills.  Facilities
Team  3"""


def test_a_wide_spaced_table_gives_each_lettered_row_its_action_and_timescale():
    rows = [b for b in blocks(WIDE_TABLE) if b.kind == "cell"]
    got = [(b.text, b.fields.get("due"), b.fields.get("ref")) for b in rows]
    assert got == [
        ("Replace the gas boilers at the Brookfield leisure centre with air source heat pumps",
         "March 2025 Capital", "4.1a"),
        # a cell after the action that is no timescale ends the action all the same
        ("Fit solar panels to the roofs of the three libraries", None, "4.1b"),
        # a timescale wrapped over two lines, the next cell run into its second line
        ("Review the opening hours of the civic offices to cut heating costs", "December 2024 Officer time", "4.1c"),
    ]
    # the row's other cells after a blank line the export put in the row are no paragraph of their own
    assert not any("Lower emissions" in b.text for b in blocks(WIDE_TABLE))


# The same table with a rank column after the Lead column, its label and its cells wrapped: the lead
# ends the row beside the rank, its first word ending the line above.  Written for this test.
RANKED_TABLE = """Greener council buildings

Ref  Action description  Timescale  Cost  RAG  Outcomes  Lead
Service  Priority
(1 - 5)
4.1a Replace the gas boilers at the
Brookfield leisure centre with air
source heat pumps  March 2025 Capital
programme  GREEN  Lower emissions
from the centre.  Estates
Team  1
4.1b Fit solar panels to the roofs of the
three libraries  In line with the
library review  TBC  AMBER  More renewable power.  Estates
Team  2 5 Ref  Action description  Timescale  Cost  RAG  Outcomes  Lead
4.1c Review the opening hours of the
civic offices to cut heating costs  December
2024 Officer time  RED  Lower bills for the
civic offices  Procurement  3
4.1d Survey the roofs of the depots for
solar panels  June 2025  TBC  RED  Plans for the Depots
Roofs  4"""


def test_a_lead_column_before_a_rank_column_gives_each_row_its_lead():
    rows = [b for b in blocks(RANKED_TABLE) if b.kind == "cell"]
    got = [(b.fields.get("ref"), b.fields.get("owner")) for b in rows]
    assert got == [
        ("4.1a", "Estates Team"),
        # the page's number and the header printed again after the row's rank
        ("4.1b", "Estates Team"),
        # a lead on the rank's line alone
        ("4.1c", "Procurement"),
        # a capitalised word ending the line above that the document never writes with the lead's:
        # another column's word, so no lead is read
        ("4.1d", None),
    ]
    # without a rank column after it, the lead column's cells are not read so
    assert not any(b.fields.get("owner") for b in blocks(WIDE_TABLE))


def test_rows_under_no_table_header_keep_their_text_whole():
    text = WIDE_TABLE.replace("Ref  Action description  Timescale  Cost  RAG  Outcomes  Lead service", "")
    assert not any(b.kind == "cell" for b in blocks(text))
    assert block_with(blocks(text), "4.1a Replace the gas boilers").kind == "paragraph"


def test_a_lettered_reference_starts_a_row_but_a_quantity_does_not():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "6.2a Plant a hedge along the northern edge of the\n"
            "cemetery extension\n"
            "6.2b Publish a map of the borough's\n"
            "wildflower verges\n"
            "We expect the verges to draw\n"
            "2.5m visitors by the end of the decade.")
    texts = [b.text for b in blocks(text)]
    assert any(t.startswith("6.2a Plant a hedge") and t.endswith("cemetery extension") for t in texts)
    assert any(t.startswith("6.2b Publish a map") for t in texts)
    assert any(t.endswith("draw 2.5m visitors by the end of the decade.") for t in texts)


def by_text(bs, needle):
    return next(b for b in bs if needle in b.text)


# A flattened action table: the first column's group label and its lead over two or three lines, the
# next column's first numbered action printed on the line with the lead's last words.
RUN_IN_LEADS = """The actions the council will take this year are in the table below.
Action  Timeframe  Cost
Depots
Lead: Head of Environmental
Services 1. Replace the sweepers with electric models
2. Fit solar panels on the depot roof March 2026 ££
Libraries
Lead: Libraries Manager 3. Swap the heating in two branches to heat pumps March 2026 £
Community buildings
Lead: Head of Property,
Facilities Officers,
Caretakers 4. Switch every hall to a green tariff
5. Meter the water used in each hall Ongoing £"""


@pytest.mark.parametrize(("item", "label", "lead", "timeframe"), [
    ("Replace the sweepers with electric models", "Depots", "Head of Environmental Services", "March 2026"),
    ("Fit solar panels on the depot roof", "Depots", "Head of Environmental Services", "March 2026"),
    ("Swap the heating in two branches to heat pumps", "Libraries", "Libraries Manager", "March 2026"),
    # "Ongoing" dates nothing
    ("Switch every hall to a green tariff", "Community buildings",
     "Head of Property, Facilities Officers, Caretakers", None),
    ("Meter the water used in each hall", "Community buildings",
     "Head of Property, Facilities Officers, Caretakers", None),
])
def test_a_lead_run_into_the_first_numbered_action_leads_the_group(item, label, lead, timeframe):
    """... and the date cell printed at the end of the group's last line (before its cost cell) is
    the group's timeframe."""
    bs = blocks(RUN_IN_LEADS)
    head = next(b for b in bs if b.text == label)
    assert head.fields.get("owner") == lead
    assert head.fields.get("due") == timeframe
    got = block_with(bs, item)
    assert got.kind == "list_item" and got.text.startswith(item)
    assert bs.index(head) < bs.index(got)


@pytest.mark.parametrize("text", [
    # a lead after its action names that action's owner, as before
    "1. Replace the sweepers with electric models\nLead: Fleet Manager\n2. Fit solar panels on the depot",
    # a sentence that happens to hold a number is no lead's wrapped value
    "Lead: Head of Environmental\nServices will report in 2. The next review follows.",
])
def test_a_lead_not_run_into_an_action_stays_where_it_was(text):
    bs = blocks(text)
    assert not any(b.text == "Services" for b in bs)
    assert not any("Lead:" in b.text and b.kind == "list_item" for b in bs)


def test_a_date_the_last_actions_words_govern_is_no_timeframe_of_the_group():
    bs = blocks("Parks\nLead: Parks\nManager 1. Plant the orchard\n2. Replace the lighting by December 2025")
    head = next(b for b in bs if b.text == "Parks")
    assert head.fields == {"owner": "Parks Manager"}


@pytest.mark.parametrize(("lead_in", "chained"), [
    ("For the parks this can be summarised as:", True),
    ("These include:", True),
    ("In practice, this means:", True),
    ("The main steps are:", False),  # a lead-in of its own
])
def test_a_lead_in_pointing_back_takes_the_paragraph_before_as_its_outer_lead_in(lead_in, chained):
    text = ("Westmarch Parks Plan\n\nTo cut the cost of upkeep, ward teams are expected to adopt a plan "
            f"for each park and report on it each year.\n\n{lead_in}\n- Survey every play area\n- Replace the worn benches")
    item = block_with(blocks(text), "Survey every play area")
    assert item.intro == lead_in
    assert bool(item.outer_intros and item.outer_intros[0].startswith("To cut the cost")) == chained


def test_a_doer_title_goes_on_past_its_tables_header_printed_again_on_a_new_page():
    text = ("Westmarch Travel Plan\n\nHow the Government can help\n"
            "2.4 Continue to fund rapid charging points on trunk roads so that drivers can cross the region   Ongoing\n"
            "2.5 Publish one national standard for paying at public charging points   Short Term\n\n"
            "Objective  Action  Timescale\n"
            "2.6 Change the rules on grid connections so that councils can plan new charging hubs   Medium Term\n"
            "2.7 Require charging point operators to accept contactless payment at every site   Short Term\n")
    item = block_with(blocks(text), "Change the rules on grid connections")
    assert item.intro == "How the Government can help"


def test_a_doer_title_with_a_running_footer_beside_it_is_a_title_of_its_own():
    text = ("Westmarch Travel Plan\n\nActions the Council can take\n"
            "3.1 Resurface the cycle lanes on the ring road   Short Term\n"
            "Actions we can take with partners   Chapter Three: Travel   /31\n\n"
            "3.2 Run a car club with the two universities   Medium Term\n")
    item = block_with(blocks(text), "Run a car club")
    assert item.intro != "Actions the Council can take"
    assert any(b.text == "Actions we can take with partners" for b in blocks(text))


# A short export written one paragraph a line, as an editor saves it: with a line end after its last line.
SHORT = [
    "Harbourside Allotments Plan",
    "March 2026",
    "Introduction",
    "The council manages nine allotment sites across the district.",
    "This plan sets out how we will look after them over the next two years.",
    "Waiting lists",
    "We will publish the waiting list for each site on the council website.",
    "The allotments officer will contact every applicant who has waited more than a year",
    "Water and paths",
    "We will fit water butts on every plot at the Quay Road site by September 2026.",
    "The paths at Mill Lane will be resurfaced in spring 2027.",
]


@pytest.mark.parametrize("texts, dense", [
    (SHORT, True),
    (SHORT + [""], True),  # the empty line after the file's final line end parts no paragraphs
    (["", ""] + SHORT + ["", ""], True),  # nor do blank lines before the first line or after the last
    ([t for line in SHORT for t in (line, "")], False),  # a blank line after every paragraph: spaced
    (SHORT[:4] + [""] + SHORT[4:], False),  # one blank line among eleven written: a spaced export
    (SHORT[:8] + [""], False),  # too few lines to tell
])
def test_one_paragraph_a_line_counts_blank_lines_between_written_ones(texts, dense):
    assert one_paragraph_a_line(texts) == dense


def test_a_short_one_paragraph_a_line_export_with_a_final_line_end_keeps_its_lines_apart():
    bs = blocks("\n".join(SHORT) + "\n")
    assert block_with(bs, "allotments officer").text == (
        "The allotments officer will contact every applicant who has waited more than a year")
    assert block_with(bs, "Water and paths").text == "Water and paths"
    assert block_with(bs, "water butts").text.startswith("We will fit water butts")


# An action plan's table printed one row a line, its cells run together (Action, Scope, Lead, Partners,
# Start, End, Objectives), some rows wrapped onto a second line: written for these tests.
ROWS = "\n".join([
    "Westmarch Borough Council Environment Action Plan 2022-2026",
    "Theme / Action Lead Partners Start End",
    "Review the depot lighting Internal Fleet Team Procurement May-22 Jun-23 B2",
    "Propose and deliver improvements to the heating controls of the Civic Centre and Library",
    "Buildings Internal Property Services All Departments Apr-23 Mar-25 A1",
    "Improve the hedgerows along the ring road Both Parks Team Highways, Parish",
    "Councils, Farmers Oct-23 Mar-26 G1, G2",
    "Replace the pool boilers Internal Property Services Procurement Apr-22 Mar-25 A1",
    "Publish a yearly greenhouse gas report Both Climate Team All Departments Apr-22 Mar-26 M1",
    "Run a staff travel survey Internal Travel Team Human Resources Jan-23 Mar-23 F3",
    "Trial electric refuse lorries Internal Fleet Team Waste Team Apr-23 Mar-24 F4",
    "Support community energy groups External Climate Team Parish Councils Apr-22 Mar-26 A2",
])


def test_a_rows_start_and_end_cells_make_it_no_title_and_its_wrapped_cells_join_it():
    bs = blocks(ROWS)
    heating = block_with(bs, "heating controls")
    assert heating.kind == "paragraph"  # an action, not a title over the rows below it
    assert heating.text.endswith("All Departments Apr-23 Mar-25 A1")
    assert block_with(bs, "Improve the hedgerows").text.endswith("Councils, Farmers Oct-23 Mar-26 G1, G2")
    assert block_with(bs, "Replace the pool boilers").section[-1] == "Theme / Action Lead Partners Start End"
    assert all(not b.scope_dates for b in bs)


# A strategy whose bullets wrap under their text, each theme's title and aim at the left margin after
# its list, and no blank line between them: written for these tests.
HANGING = "\n".join([
    "Westmarch Climate Strategy 2024 to 2026",
    "Homes",
    "We will help residents cut their energy bills.",
    " What we will do to achieve this:",
    "n   Promote the council's energy advice line to every tenant in the",
    "       borough.",
    "n   Work with landlords to improve insulation in private rented homes",
    "2Travel",
    "We will make walking and cycling the easy choice for short journeys.",
    " What we will do to achieve this:",
    "n   Build two new cycle routes into the town centre.",
    "n   Review the council's staff travel policy.",
    "3Waste",
    "We will halve the waste the council's own offices send to landfill.",
    "",
    "Residents' feedback",
    "n   Residents asked for more recycling points in the villages and the town centre.",
    "n   Businesses asked for advice on energy costs.",
    "Next Steps",
    "n   Publish the first progress report on the council website.",
])


def test_a_margin_line_ends_a_bullet_that_wraps_under_its_text():
    bs = blocks(HANGING)
    landlords = block_with(bs, "Work with landlords")
    assert landlords.text == "Work with landlords to improve insulation in private rented homes"
    assert block_with(bs, "energy advice line").text.endswith("tenant in the borough.")
    assert block_with(bs, "Review the council's staff travel policy").text == "Review the council's staff travel policy."
    assert block_with(bs, "easy choice").kind != "list_item"


def test_a_title_between_two_lists_is_no_wrapped_line_of_the_item_above():
    bs = blocks(HANGING)
    assert block_with(bs, "advice on energy costs").text == "Businesses asked for advice on energy costs."
    assert block_with(bs, "Next Steps").kind == "heading"
    assert block_with(bs, "first progress report").section[-1] == "Next Steps"


# A slide deck exported to text: blocks set apart by blank lines, and inside a block each line an item
# of the slide whose bullet the export dropped (no full stops, each line opening with a capital).
SLIDES = """Greenfold Leisure Partnership: Delivery Plan

Active communities

Expand free swimming for under-16s to all four pools
Introduction of 'walking football', chair exercise and seated yoga sessions
Significant growth in off-peak gym use, in particular among retired residents
Single booking system across the partnership's venues

Facilities

Refurbish the changing rooms at Brookside Pool
Replace the floodlights on the two outdoor pitches at Hollin Park
Open a climbing wall in the former squash courts

Workforce

Recruit six apprentice lifeguards each year
Train every duty manager in first aid for mental health
Share relief coaches between the four venues
Offer every coach a day's paid training each term"""


def test_spaced_blocks_of_unmarked_items_are_read_one_item_a_line():
    texts = SLIDES.split("\n")
    assert line_layout(texts) == ITEMS
    bs = blocks(SLIDES)
    walking = block_with(bs, "walking football")
    assert walking.text.startswith("Introduction of 'walking football'") and "off-peak" not in walking.text
    assert block_with(bs, "changing rooms").text == "Refurbish the changing rooms at Brookside Pool"
    # a soft-wrapped paragraph (a line going on in lower case) is still one paragraph
    wrapped = [t for line in texts for t in ([line[:25], line[25:]] if len(line) > 50 else [line])]
    assert line_layout(wrapped) != ITEMS
