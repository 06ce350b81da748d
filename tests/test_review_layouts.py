"""Layouts of strategies and their action-plan reviews beyond the Northshire fixtures (test_progress):
abbreviated column headers ("Action no."), numbered action titles over "What we will do:" labels,
field lines that repeat with a different year, and closed-and-superseded statuses.  Every line here
is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kb.layout.fields import label_role, progress_of
from kb.layout.parse import page_furniture
from kb.layout.structure import _header_index, build_blocks
from kb.model import Commitment
from kb.sources.base import SourceLine
from kb.trace.progress import reference_of


def blocks_of(text: str):
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    return build_blocks(lines, date(2022, 5, 1))


@pytest.mark.parametrize("rows, header", [
    ([["No.", "Action", "Lead", "Timescale"], ["1", "Open a clinic", "Trust", "2023"]], 0),
    ([["Action no.", "Action", "RAG status", "Progress update"], ["1.1", "Open a clinic", "Red", "Delayed."]], 0),
    ([["Ref.", "What we will do", "By when"], ["2.4", "Train staff", "March 2023"]], 0),
    ([["Est. cost", "Scheme", "Lead"], ["£2m", "New depot", "Highways"]], 0),
    # sentences, not labels: the first row is data
    ([["The clinic opened.", "Staff were trained."], ["It closed.", "They left."]], None),
    ([["1", "Open a clinic", "Trust"], ["2", "Train staff", "Council"]], None),
])
def test_header_rows_with_abbreviated_labels(rows, header):
    assert _header_index(rows) == header


def test_a_review_table_with_an_abbreviated_number_column_reads_each_rows_status():
    text = ("Appendix: progress against the plan\n\n"
            "Action no.\tAction\tLead\tRAG status\tProgress update (April 2022)\n"
            "3.1\tFalls clinic in every locality\tCommunity Trust\tComplete\tThe last clinic opened in March 2022.\n"
            "3.2\tStrength and balance classes in libraries\tLeisure\tRed\tClasses stopped when the libraries closed.")
    cells = [b for b in blocks_of(text) if b.kind == "cell"]
    by_text = {b.text: b for b in cells}
    assert by_text["Falls clinic in every locality"].fields.get("status") == "Complete"
    assert by_text["Strength and balance classes in libraries"].fields.get("status") == "Red"
    assert "RAG status" not in by_text and "Action no." not in by_text  # the header is no record


@pytest.mark.parametrize("text, action, due, section", [
    # a numbered title over the action's own label: the title heads the block
    ("Action 4.2: Safer streets\nWhat we will do: Install lighting on 30 footpaths near schools\n"
     "Lead: Highways\nTimescale: By March 2024",
     "Install lighting on 30 footpaths near schools", "By March 2024", "Action 4.2: Safer streets"),
    ("Action 7 - Warm homes\nWhat: Insulate 500 council homes\nWho: Housing\nWhen: By December 2023",
     "Insulate 500 council homes", "By December 2023", "Action 7 - Warm homes"),
])
def test_a_numbered_action_title_heads_its_block(text, action, due, section):
    blocks = [b for b in blocks_of(text) if b.kind != "heading"]
    assert [b.text for b in blocks] == [action]
    assert blocks[0].fields.get("due") == due
    assert blocks[0].section[-1] == section


def test_a_numbered_action_with_no_label_after_it_stays_an_action():
    text = "Action 4.2: Install lighting on 30 footpaths near schools\nLead: Highways\nTimescale: By March 2024"
    blocks = [b for b in blocks_of(text) if b.kind != "heading"]
    assert [b.text for b in blocks] == ["Install lighting on 30 footpaths near schools"]
    assert blocks[0].fields.get("due") == "By March 2024"


@pytest.mark.parametrize("section, ref", [
    ("Theme 2 › Action 2.1: Healthy Start vouchers", "2.1"),
    ("Theme 2 › Action 12 - Warm homes", "12"),
    ("Theme 2 › Ref 3.4: Lighting", "3.4"),
    ("Theme 2 › 2.1", "2.1"),
    ("Theme 2 › 2.1 Background", ""),  # a numbered section of the document, not an action
    ("Priority 2: Healthy homes", ""),
    ("Review › CYP3", "cyp3"), ("Review › A1.2", "a1.2"),  # letter-coded references
    ("Theme 2 › Year 1", ""),
    # a numbered heading that titles an action by its verb
    ("Objective 4 › 4.2.3 Recruit a panel of tenants", "4.2.3"), ("Objective 4 › 4.2 Safety and voice", ""),
])
def test_reference_of_a_titled_action_heading(section, ref):
    c = Commitment(id="x", doc_id="d", kind="commitment", text="Insulate 500 council homes", section=section,
                   page=None, line=1)
    assert reference_of(c) == ref


def test_field_lines_that_differ_in_their_year_are_not_a_running_footer():
    texts = ["Action 1", "Timescale: By March 2022", "Action 2", "Timescale: By March 2023",
             "Action 3", "Timescale: By March 2024"]
    assert page_furniture(texts) == set()
    footer = ["Healthy towns plan page 3", "text", "Healthy towns plan page 4", "text", "Healthy towns plan page 5"]
    assert page_furniture(footer) == {0, 2, 4}


@pytest.mark.parametrize("value, report", [
    ("Closed - superseded", "revised"), ("Closed (replaced by action 2.3)", "revised"),
    ("Closed – merged into 4.1", "revised"), ("Closed", "done"), ("Closed: complete", "done"),
])
def test_closed_and_superseded_is_a_revision(value, report):
    assert progress_of(value) == report


def test_rows_of_one_pdf_page_are_told_apart():
    """A PDF line has no line number: two rows (or two action blocks) of one page are told apart by
    where they start on it, so each update cell belongs to its own row's action."""
    from kb.model import Position

    def at(text: str, top: float) -> SourceLine:
        return SourceLine(text, None, 3, Position(3, 50.0, top, 540.0, top + 12))

    lines = [at("Ref\tAction\tStatus\tLatest update", 100),
             at("5.1\tRepair the lido roof\tComplete\tThe roof was repaired in June.", 120),
             at("5.2\tOpen a cafe in the park\tDelayed\tThe tender attracted no bids.", 150)]
    cells = [b for b in build_blocks(lines, date(2022, 5, 1)) if b.kind == "cell"]
    key = {b.text: b.row_key for b in cells}
    assert key["Repair the lido roof"] == key["The roof was repaired in June."]
    assert key["Open a cafe in the park"] == key["The tender attracted no bids."]
    assert key["Repair the lido roof"] != key["Open a cafe in the park"]


@pytest.mark.parametrize("value, report", [
    ("Complete; Green", "done"), ("Green; Complete", "done"),  # the stage's verdict, whatever the colour
    ("In progress; Red", "unmet"), ("On track; Amber", "ongoing"), ("Closed - superseded; Green", "revised"),
    ("Complete; see the note below", "done"),  # a note after the semicolon leaves the first reading
    ("Stage: Not started", "unmet"),
])
def test_several_status_fields_of_one_item(value, report):
    assert progress_of(value) == report


def test_a_progress_report_of_label_blocks_gives_each_item_its_stage_and_rating():
    text = ("Quarter 4 performance report\n\n"
            "3.02.01 Open a new youth centre in Northgate\nStage: Complete\nDue date: 31 March 2024\n"
            "Status: Green\nComments: The centre opened in January 2024.\n\n"
            "3.02.02 Plant 2,000 street trees\nStage: In progress\nDue date: 31 March 2024\nStatus: Red\n"
            "Comments: 600 trees were planted before the contractor withdrew.")
    items = {b.text.split(" ")[0]: b for b in blocks_of(text) if b.fields.get("status")}
    assert progress_of(items["3.02.01"].fields["status"]) == "done"
    assert progress_of(items["3.02.02"].fields["status"]) == "unmet"
    assert items["3.02.02"].fields["update"].startswith("600 trees")


def test_a_header_left_at_a_pages_foot_heads_the_rows_after_the_break():
    text = ("Theme 5: Active travel\n\n"
            "Action no.\tAction\tRAG status\tProgress update\n\n\n"
            "5.1\tCycle parking at every station\tComplete\tRacks were fitted at all six stations.\n"
            "5.2\tA school streets scheme at ten schools\tAmber\tFour schools have joined.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["Cycle parking at every station"].fields.get("status") == "Complete"
    assert cells["A school streets scheme at ten schools"].fields.get("status") == "Amber"
    assert "Progress update" not in cells


def test_a_second_table_with_its_own_header_stays_apart():
    text = ("Lead\tTimescale\n\n"
            "Ref\tAction\n"
            "1\tOpen a clinic")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["Open a clinic"].column == "Action"  # under its own header, not under "Timescale"


def test_a_pdf_table_broken_by_a_page_goes_on_under_its_header():
    def on(text: str, page: int) -> SourceLine:
        return SourceLine(text, None, page)

    lines = [on("Ref\tAction\tStatus\tLatest update", 4),
             on("6.1\tOpen a warm space in every library\tComplete\tAll nine libraries opened one.", 4),
             on("", 5),
             on("6.2\tFund a debt advice worker\tNot started\tNo funding was found.", 5)]
    cells = {b.text: b for b in build_blocks(lines, date(2024, 6, 1)) if b.kind == "cell"}
    assert cells["Fund a debt advice worker"].fields.get("status") == "Not started"
    # in one text source, two tables apart are two tables
    text = "Ref\tAction\tStatus\n1.1\tOpen a clinic\tComplete\n\n2.1\tTrain staff\tOngoing"
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert "status" not in cells["Train staff"].fields


@pytest.mark.parametrize("header, role", [
    ("Status and latest update", "status"), ("Status / update", "status"), ("Progress and status", "status"),
    ("Complete / Incomplete", "status"), ("Progress RAG", "status"), ("Delivery rating", "status"),
    ("Position at March 2023", "update"), ("Current position", "update"), ("Evidence of progress", "update"),
    ("Progress against action", "update"),
    ("Outcome", None), ("Lead officer", "owner"),
    # a trailing parenthesis qualifies the label
    ("Commitment (summary)", "action"), ("Lead (organisation)", "owner"), ("Timescale (by when)", "due"),
    ("Date (raised)", None),  # says which date: not the due date by default
    # a review's column restating what the plan promised
    ("What we said we would do", "action"), ("What we promised", "action"), ("What we did", "update"),
    ("What happened", "update"), ("What has happened since", "update"), ("What happens next", None),
    ("What was achieved", "update"), ("What was delivered", "update"),
    # a later plan's column naming the earlier action a row carries on
    ("Replaces", "former"), ("Previous ref", "former"), ("Carried forward from", "former"), ("Was", None),
])
def test_review_column_headers(header, role):
    assert label_role(header) == role


@pytest.mark.parametrize("update, status", [
    ("Complete. The depot opened in May.", "Complete"), ("Delayed – awaiting the grant decision", "Delayed"),
    ("Not yet started: no bids were received", "Not yet started"), ("Partially complete, 3 of 5 sites", "Partially complete"),
    ("Work is continuing with the contractor", ""), ("Green light was given by Cabinet in May", ""),
    ("Completion of the survey is due in June", ""),
])
def test_an_update_that_opens_with_its_verdict(update, status):
    from kb.extract.pipeline import leading_status

    assert leading_status(update) == status


def test_a_review_with_one_column_for_status_and_update():
    text = ("Ref\tAction\tStatus and latest update\n"
            "7.1\tRetrofit ten council buildings\tComplete – all ten buildings have heat pumps.\n"
            "7.2\tPlant a tree for every child born\tNot started: the scheme has no sponsor.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert progress_of(cells["Retrofit ten council buildings"].fields["status"]) == "done"
    assert progress_of(cells["Plant a tree for every child born"].fields["status"]) == "unmet"


def test_a_row_without_a_status_reports_the_verdict_its_update_opens_with():
    from kb.extract.pipeline import reported_status
    from kb.model import Block

    def row(**fields):
        return Block("cell", "Retrofit ten council buildings", 3, None, ("Review",), fields=fields)

    assert reported_status(row(update="Complete. All ten buildings have heat pumps.")) == "Complete"
    assert reported_status(row(status="Amber", update="Complete. All ten.")) == "Amber"  # its own status first
    # a bare green or blue means on track or complete by the body's key: the update's word tells which
    assert progress_of(reported_status(row(status="Green", update="Complete. All ten buildings."))) == "done"
    assert progress_of(reported_status(row(status="Green", update="Partially complete. Six of ten."))) == "ongoing"
    assert progress_of(reported_status(row(status="Blue", update="Superseded. The county scheme replaced it."))) == "revised"
    assert reported_status(row(status="Green", update="Six buildings have heat pumps.")) == "Green"
    assert reported_status(row(update="Work is continuing.")) == ""


@pytest.mark.parametrize("text, ref", [
    ("MH8 We will open a crisis café", "mh8"), ("CYP3: Train 40 school staff", "cyp3"),
    ("1.2 Train 40 school staff", "1.2"), ("NHS England will fund it", ""), ("We will open a café", ""),
    # a number in brackets closing a prose commitment
    ("Every library will lend laptops to people with no computer at home (D4).", "d4"),
    ("We will open two more warm spaces by March 2025 (3.2)", "3.2"),
    ("We will open warm spaces in the libraries (2021).", ""), ("We trained staff in all branches (12).", ""),
])
def test_reference_at_the_start_of_an_action(text, ref):
    c = Commitment(id="x", doc_id="d", kind="commitment", text=text, section="Priorities", page=None, line=1)
    assert reference_of(c) == ref


def test_a_short_review_row_keeps_its_update_beside_it(tmp_path):
    """A review row's action may be a bare title ("Crisis café") that is no commitment by itself: it is
    still the row's record, and its update cell hangs under it, not loose in the document."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2023-09_upton-icb_strategy-review.txt":
        "Upton ICB\n\nStrategy review\n\nRef\tCommitment (summary)\tComplete / Incomplete\tLatest update\n"
        "U1\tCrisis café\tComplete\tThe café opened in May 2021 and is open every evening.\n"
        "U2\tPeer support workers\tIncomplete\tThree of five teams have a peer support worker.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    assert recs["The café opened in May 2021 and is open every evening."].parent_id == recs["Crisis café"].id
    assert recs["Three of five teams have a peer support worker."].parent_id == recs["Peer support workers"].id


@pytest.mark.parametrize("groups", [
    # a numbered grouping word titles its rows on its own; the other cells left empty or the row
    # one cell across the table
    (("Theme A: Greener streets\t\t\t", "Theme B - Libraries and learning\t\t\t")),
    (("Theme A: Greener streets",)),
    # unnumbered titles, two or more of them, each over the rows it groups
    (("Greener streets\t\t\t", "Libraries and learning\t\t\t")),
])
def test_a_row_that_titles_the_rows_under_it_is_their_heading(groups):
    """A review or plan table often groups its rows under the plan's themes, each title a row of its
    own with only its first cell filled: a heading of the rows under it, not an item."""
    rows = ["Plant 400 street trees on the estates\tParks\tComplete\tThe 400th tree was planted in March.",
            "Open a repair café in the central library\tLibraries\tNot started\tNo site has been found."]
    body = [groups[0], rows[0]] + ([groups[1], rows[1]] if len(groups) > 1 else [rows[1]])
    text = "Appendix B: review of the action plan\n\nAction\tLead\tStatus\tLatest update\n" + "\n".join(body)
    blocks = [b for b in blocks_of(text) if b.kind in ("cell", "paragraph")]
    titles = [g.split("\t")[0] for g in groups]
    assert not any(b.text in titles for b in blocks)  # no title is an item
    tree = next(b for b in blocks if b.text.startswith("Plant 400 street trees"))
    cafe = next(b for b in blocks if b.text.startswith("Open a repair café"))
    assert tree.section[-1] == titles[0] and tree.fields.get("status") == "Complete"
    assert cafe.section[-1] == titles[-1] and cafe.fields.get("status") == "Not started"


def test_an_action_left_without_a_lead_or_status_stays_an_action():
    """A lone first cell that is a short imperative is an action whose other cells are still empty,
    not a title; so is one short title-like row that no grouping word numbers."""
    text = ("Action\tLead\tStatus\tLatest update\n"
            "Plant 400 street trees on the estates\tParks\tComplete\tThe 400th tree was planted in March.\n"
            "Review the cycle racks\t\t\t\n"
            "Open a repair café in the central library\tLibraries\tNot started\tNo site has been found.\n"
            "Bus shelter repairs\t\t\t\n"
            "Replace the library boiler\tEstates\tComplete\tA heat pump was fitted in May.")
    texts = [b.text for b in blocks_of(text) if b.kind == "cell"]
    assert "Review the cycle racks" in texts and "Bus shelter repairs" in texts


# A review table cut by a page's footer line (a title and the page number), as a text export or a PDF
# prints it: the rows after the footer are rows of the same table, with their Status column.
_FOOTER_REVIEW = ("Appendix B: Play strategy action plan – status at March 2023\n\n"
                  "Ref\tAction\tStatus\tLatest update\n"
                  "6.1\tSplash pad in Northgate park\tComplete\tThe splash pad opened in July 2022.\n"
                  "6.2\tPlay rangers in the school holidays\tOngoing\tRangers ran 40 sessions in summer 2022.\n"
                  "{gap}"
                  "6.3\tAccessible swings in every district\tSuperseded\tReplaced by the inclusive play fund.\n"
                  "6.4\tRefurbish the Moor Lane skate park\tNot started\tNo capital was found in 2022/23.\n")


@pytest.mark.parametrize("gap", [
    "Appendix B – page 4\n",  # a text export: the footer line between two rows
    "\nAppendix B – page 4\n\n",  # a PDF printed a row at a time: the footer a paragraph of its own
    "\nPlaying out in Wexham | 15\n\n16 | Playing out in Wexham\n\n",  # a right-hand page's footer, the next one's header
])
def test_a_page_footer_between_two_rows_of_a_review_table_leaves_one_table(gap):
    cells = {b.text: b for b in blocks_of(_FOOTER_REVIEW.format(gap=gap)) if b.kind == "cell"}
    assert cells["Accessible swings in every district"].fields.get("status") == "Superseded"
    assert cells["Refurbish the Moor Lane skate park"].fields.get("status") == "Not started"
    assert cells["Refurbish the Moor Lane skate park"].column == "Action"
    assert "Appendix B – page 4" not in cells and "Playing out in Wexham | 15" not in cells


def test_a_pdf_page_footer_between_two_rows_of_a_review_table_leaves_one_table():
    """The same in a PDF's lines: the rows after the footer are on the same page (a footer printed where
    the text put it) and keep the table's columns."""
    from kb.model import Position

    def at(text: str, top: float) -> SourceLine:
        return SourceLine(text, None, 4, Position(4, 50.0, top, 540.0, top + 12))

    rows = _FOOTER_REVIEW.format(gap="").split("\n")
    lines = [at(t, 60 + 20 * n) for n, t in enumerate(rows[:5])]
    lines += [at("", 170), at("Appendix B – page 4", 180), at("", 190)]
    lines += [at(t, 200 + 20 * n) for n, t in enumerate(rows[5:])]
    cells = {b.text: b for b in build_blocks(lines, date(2023, 3, 1)) if b.kind == "cell"}
    assert cells["Accessible swings in every district"].fields.get("status") == "Superseded"
    assert cells["Refurbish the Moor Lane skate park"].fields.get("status") == "Not started"


def test_a_titled_line_between_two_tables_is_no_page_footer():
    """A line without a page number between two tables of the same shape parts them: the second
    table's first row is its own (here a header)."""
    text = ("Ref\tAction\tStatus\tLatest update\n"
            "6.1\tSplash pad in Northgate park\tComplete\tThe splash pad opened in July 2022.\n\n"
            "Parks and open spaces\n\n"
            "Ref\tAction\tStatus\tLatest update\n"
            "7.1\tNew benches on the promenade\tOngoing\tTwelve of twenty benches are in place.\n")
    blocks = blocks_of(text)
    assert any(b.kind == "heading" and b.text == "Parks and open spaces" for b in blocks)
    cells = {b.text: b for b in blocks if b.kind == "cell"}
    assert cells["New benches on the promenade"].fields.get("status") == "Ongoing"
    assert cells["New benches on the promenade"].section[-1] == "Parks and open spaces"


@pytest.mark.parametrize("text, marked", [
    ("Appendix A – page 3", True), ("Healthy towns plan | 11", True), ("12 | Healthy towns plan", True),
    ("Page 4 of 20", True), ("Priority 2: Diagnosing well", False), ("Year 3", False),
    ("Phase 2 | Delivery", False), ("See page 4 for the full list of actions agreed by the board.", False),
])
def test_what_reads_as_a_page_footer_line(text, marked):
    from kb.layout.parse import page_marked

    assert page_marked(text) == marked


def test_a_review_table_cut_by_a_page_footer_in_a_pdf_reads_every_rows_status(tmp_path):
    """A PDF of the review (tests/pdfgen.py: the rows before and after the footer line are two ruled
    tables, the footer a paragraph between them): every row keeps its Status column."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    import pdfgen

    from kb.sources import load_document

    src = tmp_path / "2023-03_review.txt"
    src.write_text(_FOOTER_REVIEW.format(gap="Appendix B – page 4\n"), encoding="utf-8")
    pdfgen.text_export_to_pdf(src, tmp_path / "2023-03_review.pdf")
    doc = load_document(tmp_path / "2023-03_review.pdf")
    cells = {b.text: b for b in doc.blocks if b.kind == "cell"}
    assert cells["Accessible swings in every district"].fields.get("status") == "Superseded"
    assert cells["Refurbish the Moor Lane skate park"].fields.get("status") == "Not started"
    assert cells["Splash pad in Northgate park"].fields.get("status") == "Complete"


# --- layouts of the blind harrowdale set, each tested on sentences written for these tests ------------

@pytest.mark.parametrize("value, report", [
    ("100%", "done"), ("100% complete", "done"), ("65%", "ongoing"), ("65% – waiting for the new database", "ongoing"),
    ("0%", "unmet"), ("0% (not started)", "unmet"), ("12.5 per cent", "ongoing"),
    # a figure in a sentence is no status
    ("72% of tenants replied to the survey", None), ("140%", None),
])
def test_a_status_given_as_the_share_of_the_action_done(value, report):
    assert progress_of(value) == report


@pytest.mark.parametrize("header", ["% complete", "Percentage complete", "Progress (%)"])
def test_a_percentage_complete_column_is_a_status_column(header):
    assert label_role(header) == "status"


@pytest.mark.parametrize("number", ["Action 2b.iii", "Action 4.1", "Commitment 12", "Action 3c"])
def test_an_action_number_alone_on_its_line_heads_the_action_under_it(number):
    """A numbered hierarchy (Priority / Objective / Action 2b.iii) prints the action's number on a line
    of its own over the sentence, and its lead and timescale side by side in a row under it."""
    text = (f"Objective 2b: Safer journeys to school\n\n{number}\n"
            "Paint school keep-clear markings outside every primary school in the district.\n"
            "Lead: Highways Team\tTimescale: by end of Q2 2023/24\n")
    blocks = [b for b in blocks_of(text) if b.kind != "heading"]
    action = next(b for b in blocks if b.text.startswith("Paint school keep-clear"))
    assert action.section[-1] == number
    assert action.fields.get("owner") == "Highways Team"
    assert action.fields.get("due") == "by end of Q2 2023/24"
    assert not any(b.text.startswith(("Lead:", "Timescale:")) for b in blocks)  # the fields are no records


def test_a_row_of_cells_that_are_not_all_fields_stays_a_table():
    text = "Paint the markings.\n\nLead: Highways Team\tThe work starts in May once the contract is let.\n"
    assert any(b.kind == "cell" for b in blocks_of(text))


def test_a_numbered_title_over_a_pledge_heads_it():
    """"Commitment 3: Young carers" over "We will ...": the title names the group, the pledge is the action."""
    text = ("Commitment 3: Young carers\n\nWe will train a young carers lead in every secondary school.\n\n"
            "Who: Education Service\nWhen: Spring 2024\n")
    blocks = [b for b in blocks_of(text) if b.kind != "heading"]
    assert [b.text for b in blocks] == ["We will train a young carers lead in every secondary school."]
    assert blocks[0].section[-1] == "Commitment 3: Young carers"
    assert blocks[0].fields.get("due") == "Spring 2024"


def test_a_merged_group_column_titles_the_rows_of_its_group():
    """A review table whose first column is a merged cell per group (printed on the group's first row,
    empty under it), with its own reference column: the group's title is a heading, not an item, the
    rows keep their status and are named by their reference, and a dated action cell stays the item."""
    text = ("Theme\tRef\tAction\tStatus\tLatest update\n"
            "A. Warm homes\tW1\tLoft insulation for 300 homes\tAchieved\t312 homes insulated by May 2023.\n"
            "\tW2\tSurvey of homes built 1990-1999\t40%\tThe survey was paused in 2022.\n"
            "\tW3\tHeat pump grants\tSlipped\tThe grant scheme opens in 2024.\n"
            "B. Clean air\tC1\tAnti-idling signs at schools\tAchieved\tSigns are up at 20 schools.\n"
            "\tC2\tAir quality monitors\tOn track\tSix of ten monitors are installed.\n")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert "A. Warm homes" not in cells and "B. Clean air" not in cells
    survey = cells["Survey of homes built 1990-1999"]
    assert survey.fields.get("status") == "40%"
    assert survey.section[-1] == "A. Warm homes" and survey.row_label == "W2"
    assert "The survey was paused in 2022." in cells
    assert (cells["Air quality monitors"].section[-1], cells["Air quality monitors"].row_label) == ("B. Clean air", "C2")


def test_a_first_column_filled_on_every_row_is_no_merged_group():
    text = ("Area\tRef\tAction\tStatus\n"
            "Housing\tH1\tLoft insulation for 300 homes\tAchieved\n"
            "Transport\tT1\tAnti-idling signs at schools\tAchieved\n"
            "Parks\tP1\tTree planting on the estates\tOn track\n")
    cells = {b.text for b in blocks_of(text) if b.kind == "cell"}
    assert "Loft insulation for 300 homes" in cells


def test_an_outcome_table_reads_its_partners_and_milestone_as_the_actions_fields():
    """"Outcome | Action | Partners | Milestone", the outcome merged over its rows: the partners who
    deliver the action are its owners, the milestone its due date and a step of it, neither an item
    of its own."""
    text = ("Outcome\tAction\tPartners\tMilestone\n"
            "Older people stay warm at home\tFit draught-proofing in 200 homes of people over 75\t"
            "Age Concern Tilbury, Tilbury Borough Council\tWork finished by October 2024\n"
            "\tOpen a winter warmth advice line\tCitizens Advice Tilbury\tLine open by December 2024\n"
            "\tTrain home care workers to spot cold homes\tTilbury Care Services\tTraining in place by March 2025\n")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert "Citizens Advice Tilbury" not in cells and "Age Concern Tilbury, Tilbury Borough Council" not in cells
    line = cells["Open a winter warmth advice line"]
    assert line.fields.get("owner") == "Citizens Advice Tilbury"
    assert [d.end for d in line.scope_dates] == ["2024-12-31"]
    step = cells["Line open by December 2024"]
    assert step.timing and step.row_key == line.row_key


@pytest.mark.parametrize("header, partners", [
    (["Action", "Partners"], "owner"),  # no lead column: the partners deliver it
    (["Action", "Lead", "Key partners"], None),  # beside a lead: those who support it, no owner field
    (["Action", "Partner(s)"], "owner"),
])
def test_a_partners_column_beside_an_action(header, partners):
    from kb.layout.structure import _column_roles

    assert _column_roles(header).get(len(header) - 1) == ("owner" if partners else "logged")


def test_a_target_quarter_with_a_repeat_is_the_rows_date():
    """"Q4 2024/25, then each year" under "Target quarter": the row's due date, no item of its own."""
    text = ("Ref\tAction\tLead officer\tTarget quarter\n"
            "T1\tBring 15 empty shops back into use\tTown Centre Manager\tQ4 2024/25, then each year\n"
            "T2\tOpen a market hall for local traders\tTown Centre Manager\tQ2 2025/26\n")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert "Q4 2024/25, then each year" not in cells
    assert [d.end for d in cells["Bring 15 empty shops back into use"].scope_dates] == ["2025-03-31"]


@pytest.mark.parametrize("section, ref", [
    ("Priority 2 › Objective 2.3 – Safer nights", "2.3"),
    ("Priority 2 › Objective 4: Safer nights", "4"),
])
def test_an_objective_heading_numbers_its_action(section, ref):
    c = Commitment(id="x", doc_id="d", kind="commitment", text="We will light every underpass", section=section,
                   page=None, line=1)
    assert reference_of(c) == ref


def test_a_review_row_naming_a_rows_milestone_reports_on_the_rows_action(tmp_path):
    """A review row worded like a plan row's milestone ("Advice line open every day") reports on the
    row's action, whose milestone it is, not on the milestone as an action of its own."""
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2021-04_tilbury-bc_warm-homes-plan.txt").write_text(
        "Tilbury Borough Council\n\nWarm Homes Plan 2021-2024\n\n"
        "Outcome\tAction\tPartners\tMilestone\n"
        "Older people stay warm\tFit draught-proofing in 200 homes of people over 75\tAge Concern Tilbury\t"
        "Work finished by October 2022\n"
        "\tSet up a telephone service that gives winter warmth advice\tCitizens Advice Tilbury\t"
        "Pilot by December 2021; advice line open every day in 2023/24\n"
        "\tTrain home care workers to spot cold homes\tTilbury Care Services\tTraining in place by March 2023\n",
        encoding="utf-8")
    (docs / "2024-05_tilbury-bc_warm-homes-plan-review.txt").write_text(
        "Tilbury Borough Council\n\nWarm Homes Plan: review of the action plan\n\n"
        "Ref\tAction\tStatus\tLatest update\n"
        "W1\tDraught-proofing for over-75s\tCompleted\t214 homes were draught-proofed by September 2022.\n"
        "W2\tAdvice line open every day\tOn track\tThe line is open on weekdays; weekend cover starts in June.\n"
        "W3\tCold homes training for care workers\tCompleted\t160 care workers were trained.\n",
        encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([docs])
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    action = recs["Set up a telephone service that gives winter warmth advice"]
    step = recs["Pilot by December 2021; advice line open every day in 2023/24"]
    assert step.parent_id == action.id
    matched = {m.action for ms in kb.tracer().review_rows.values() for m in ms}
    assert action.id in matched and step.id not in matched


def test_ticks_under_year_columns_schedule_the_row():
    """"Ref | Action | Lead | Year 1 | Year 2 | Year 3" with "✓" in the years an action runs: the row
    is due in the years ticked (the last one its end), and a tick is no item."""
    text = ("Ref\tAction\tLead\tYear 1\tYear 2\tYear 3\n"
            "**Parks**\t\t\t\t\t\n"
            "P1\tPlant 400 street trees in the town centre\tParks Team\t✓\t✓\t\n"
            "P2\tOpen a community orchard at Hale Park\tParks Team\t\t\t✓\n")
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    cells = {b.text: b for b in build_blocks(lines, date(2021, 2, 1), (date(2021, 4, 1), date(2024, 3, 31)))
             if b.kind == "cell"}
    assert "✓" not in cells
    assert max(d.end for d in cells["Plant 400 street trees in the town centre"].scope_dates) == "2023-03-31"
    assert [d.end for d in cells["Open a community orchard at Hale Park"].scope_dates] == ["2024-03-31"]


@pytest.mark.parametrize("period, orchard_due", [
    ((date(2025, 4, 1), date(2026, 3, 31)), [("2025-10-01", "2025-12-31"), ("2026-01-01", "2026-03-31")]),
    ((date(2025, 1, 1), date(2025, 12, 31)), [("2025-07-01", "2025-09-30"), ("2025-10-01", "2025-12-31")]),
    ((date(2025, 4, 1), date(2028, 3, 31)), []),  # a plan of three years: which year's third quarter?
])
def test_ticks_under_bare_quarters_schedule_the_row_in_a_plan_for_one_year(period, orchard_due):
    text = ("Action\tLead\tQ1\tQ2\tQ3\tQ4\n"
            "Plant 400 street trees in the town centre\tParks Team\t✓\t\t\t\n"
            "Open a community orchard at Hale Park\tParks Team\t\t\tX\tX\n")
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    cells = {b.text: b for b in build_blocks(lines, date(2025, 3, 1), period) if b.kind == "cell"}
    got = [(d.start, d.end) for d in cells["Open a community orchard at Hale Park"].scope_dates]
    assert got == orchard_due


@pytest.mark.parametrize("text, label, entries", [
    ("Completed: nothing more remains to be done", "A", {"A": "Completed"}),
    ("Off track – the date will be missed", "3", {"3": "Off track"}),
    ("Key: 1 = Complete; 2 = In progress; 3 = Not started", None, {"1": "Complete", "2": "In progress",
                                                                  "3": "Not started"}),
    ("(A) Achieved (B) Partly achieved (C) Not achieved", None, {"A": "Achieved", "B": "Partly achieved",
                                                               "C": "Not achieved"}),
    ("Complete the survey of every depot", "1", {}),  # an action numbered 1, not a key
    # a key of marks whose lines ran into one block: each mark and its word
    ("■ Done: the work is finished □ Not done: no work has begun ▲ Delayed: behind the plan", None,
     {"■": "Done", "□": "Not done", "▲": "Delayed"}),
    ("The cost — about £40,000 — was shared", None, {}),
    ("Theme 1: Cleaner air for schools", None, {}),
    # a key written as a sentence: each code and what it means, the first with its verb
    ("The codes we use are: D means that the action has been done; OT that it is on track, with work that is "
     "expected to end in 2025; NS that work on it had not started by March 2024; and X that it was withdrawn by "
     "the Cabinet. An asterisk after a code shows a change since the last report.", None,
     {"D": "done", "OT": "on track", "NS": "not started", "X": "withdrawn"}),
    ("NHS means the National Health Service; ICB the integrated care board.", None, {}),
    ("Ward 3 means a longer walk; ward 4 a shorter one.", None, {}),
])
def test_a_rating_key_names_the_status_of_each_code(text, label, entries):
    from kb.layout.fields import rating_key_entries

    assert rating_key_entries(text, label) == entries


def test_a_rating_cell_that_gives_a_code_reads_through_the_key():
    from kb.layout.fields import keyed_status

    key = {"1": "Complete", "2": "In progress", "3": "Not started", "4": "Closed – no longer required"}
    assert progress_of(keyed_status("1", key)) == "done"
    assert progress_of(keyed_status("2 (see note)", key)) == "ongoing"
    assert progress_of(keyed_status("3", key)) == "unmet"
    assert keyed_status("12", key) is None and keyed_status("2.4", key) is None
    assert keyed_status("2", {"2": "In progress"}) is None  # one code is no key
    # a mark the key defines, beside the share of the work done: the key's word is the verdict
    marks = {"●": "Delivered", "◐": "Partly delivered", "○": "Not delivered", "⊘": "Withdrawn"}
    assert progress_of(keyed_status("67%; ●", marks)) == "done"
    assert progress_of(keyed_status("33%; ⊘", marks)) == "revised"
    assert progress_of(keyed_status("●", marks)) == "done"
    # a code of two letters, marked as changed since the last report ("OT*")
    codes = {"D": "done", "OT": "on track", "NS": "not started"}
    assert progress_of(keyed_status("OT*", codes)) == "ongoing"
    assert progress_of(keyed_status("D (row 3 / 4)", codes)) == "done"
    assert keyed_status("NHS", codes) is None
    # a colour with the share done beside it reads by the document's colour key
    colours = {"green": "Delivered", "amber": "Partly delivered", "red": "Not delivered"}
    assert progress_of(keyed_status("Green (90%)", colours)) == "done"
    assert progress_of(keyed_status("Red (70%)", colours)) == "unmet"


def test_a_review_whose_codes_a_sentence_defines(tmp_path):
    """A scrutiny report that says once, in a paragraph, what each status code means and lists the
    actions in an annex by reference, title and code alone: each row reads its code through the key."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2024-06_upton-dc_parks-plan-review.txt":
        "Upton District Council\n\nParks plan: final review\n\n1. Introduction\n\n"
        "1.1 The annex lists each action by its reference with a status code. D means that the action has "
        "been done; OT that it is on track, with work expected to end in 2025; NS that work on it had not "
        "started by March 2024; and X that it was withdrawn by the Cabinet.\n\n"
        "Annex A\n\nRef\tAction (short title)\tStatus\n"
        "P1\tNew play area at Mill Green\tD\nP2\tTree planting along the river path\tOT*\n"
        "P3\tCafé in Upton Park\tX\nP4\tOutdoor gym at the lido\tNS\n",
    })
    reported = _reports_by_text(kb)
    assert reported["New play area at Mill Green"] == "done"
    assert reported["Tree planting along the river path"] == "ongoing"
    assert reported["Café in Upton Park"] == "revised"
    assert reported["Outdoor gym at the lido"] == "unmet"


@pytest.mark.parametrize("text, status", [
    ("were complete by 31 March 2024", "complete"), ("has not been achieved, because the bid failed", "not achieved"),
    ("it is in progress, with work that is expected to end in 2025", "in progress"),
    ("work on it had not started by March 2024", "not started"), ("Complete", "Complete"),
    ("it was opened by the mayor", None), ("is a good idea", None),
])
def test_the_status_a_clause_states_after_its_verb(text, status):
    from kb.layout.fields import stated_status

    assert stated_status(text) == status


@pytest.mark.parametrize("value, report", [
    ("Incomplete; Closed", "revised"),  # closed before it was done: dropped as written
    ("Not achieved; Closed", "revised"),
    ("Complete; Closed", "done"),
    ("Closed", "done"),
])
def test_an_item_closed_before_it_was_done_is_revised(value, report):
    assert progress_of(value) == report


def test_a_tracker_s_revised_deadline_dates_its_row_and_closed_there_is_its_status(tmp_path):
    """A tracker with two values in its Status column reads them with its Revised deadline column: a
    date there is the row's deadline now; "Closed" there says the item was closed before it was done."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2025-09_upton-dc_parks-plan-tracker.txt":
        "Upton District Council\n\nParks plan: tracker\n\nIntro paragraph that is long enough to be body "
        "text for this document.\n\n"
        "Ref\tAction\tOriginal deadline\tRevised deadline\tStatus\tLatest update\n"
        "1\tNew play area at Mill Green\t31/03/2024\t31/03/2026\tIncomplete\tThe contractor starts in May.\n"
        "2\tCafé in Upton Park\t31/03/2024\tClosed\tIncomplete\tNo operator came forward.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    play = recs["New play area at Mill Green"]
    assert progress_of(play.reported) == "unmet" and max(d.end for d in play.due) == "2026-03-31"
    assert progress_of(recs["Café in Upton Park"].reported) == "revised"


def test_a_review_whose_ratings_are_numbers_under_a_printed_key(tmp_path):
    """A review that prints its key once ("Score / Meaning": 1 Complete ... 3 Not started) and then
    rates each row by the number alone: each row reports the key's word, and the key's own rows are
    no review rows."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2023-09_upton-dc_parks-plan-review.txt":
        "Upton District Council\n\nParks plan review\n\n**Key**\n\nScore\tMeaning\n"
        "1\tComplete: done as the plan set out\n2\tIn progress: started, not finished\n"
        "3\tNot started: no work has begun\n\n**Progress table**\n\n"
        "Ref\tPlan action\tProgress rating\tComment\n"
        "P1\tNew play area at Mill Green\t1\tThe play area opened in June 2022.\n"
        "P2\tTree planting along the river path\t2\tHalf of the 400 trees are planted.\n"
        "P3\tCafé in Upton Park\t3\tNo operator came forward.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    assert progress_of(recs["New play area at Mill Green"].reported) == "done"
    assert progress_of(recs["Tree planting along the river path"].reported) == "ongoing"
    assert progress_of(recs["Café in Upton Park"].reported) == "unmet"
    assert not any(c.reported for c in recs.values() if c.text.startswith(("Complete:", "In progress:")))


@pytest.mark.parametrize("text, entries", [
    ("Key to ratings: Blue – finished; Green – on track; Red – not started; Grey – closed (handed to the "
     "county council).", {"blue": "finished", "green": "on track", "red": "not started",
                         "grey": "closed (handed to the county council)"}),
    ("RAG: Green = complete; Amber = slipped", {"green": "complete", "amber": "slipped"}),
    ("Green – complete", {}),  # one colour is no key
    ("The red route will open in May – a new bus lane for the Green Street corridor", {}),
])
def test_a_colour_key_line_says_what_each_colour_means(text, entries):
    from kb.layout.fields import rating_key_entries

    assert rating_key_entries(text) == entries


def test_a_bare_colour_reads_through_the_documents_colour_key():
    """Under "Blue – complete; Green – on track; Grey – closed (transferred ...)" a cell that says only
    "Green" is on track, "Blue" complete and "Grey" closed by a transfer; without a key "Grey" says
    nothing, and a colour the key leaves out is read as before."""
    from kb.layout.fields import keyed_status, rating_key_entries

    key = rating_key_entries("Colour key: Blue – complete; Green – on track; Red – not delivered; "
                             "Grey – closed (transferred to the health board)")
    assert progress_of(keyed_status("Blue", key)) == "done"
    assert progress_of(keyed_status("Green", key)) == "ongoing"
    assert progress_of(keyed_status("**Red**", key)) == "unmet"
    assert progress_of(keyed_status("Grey", key)) == "revised"
    assert keyed_status("Amber", key) is None and keyed_status("Grey", {}) is None
    assert rating_key_entries("Finished: nothing is left to do", "Blue") == {"blue": "Finished: nothing is left to do"}
    assert rating_key_entries("Open the new depot", "Green") == {}  # a row of a table, not a key's


@pytest.mark.parametrize("label, text, entries", [
    ("B (Blue)", "Complete: delivered in full", {"blue": "Complete: delivered in full", "B": "Complete"}),
    ("Green (G)", "On track – work is under way", {"green": "On track – work is under way", "G": "On track"}),
    ("R – Red", "Off track: will not be met", {"red": "Off track: will not be met", "R": "Off track"}),
    ("A (Amber)", "Resurface the staff car park", {}),  # a row of a table, not a key's
])
def test_a_key_row_that_pairs_a_colour_with_its_initial_defines_both(label, text, entries):
    from kb.layout.fields import rating_key_entries

    assert rating_key_entries(text, label) == entries


def test_a_review_rating_rows_by_the_initials_its_key_defines(tmp_path):
    """A review whose key reads "B (Blue) | Complete: ...", "G (Green) | On track: ..." and rates each
    row by the initial alone under a plain "Status" header: each row reports the key's word."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2025-06_upton-dc_climate-plan-review.txt":
        "Upton District Council\n\nClimate plan: final report\n\nRating\tMeaning\n"
        "B (Blue)\tComplete: delivered in full and closed\nG (Green)\tOn track: under way, due in 2025/26\n"
        "A (Amber)\tAt risk: behind plan\nR (Red)\tOff track: not delivered\n\n**Appendix A**\n\n"
        "Ref\tAction\tStatus\tCommentary\n"
        "CL1\tSolar panels on the depot roof\tB\tThe panels were switched on in May 2024.\n"
        "CL2\tElectric refuse lorries\tG\tFour of the ten lorries have arrived.\n"
        "CL3\tHeat pump at the leisure centre\tR\tThe grant bid failed twice.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    assert progress_of(recs["Solar panels on the depot roof"].reported) == "done"
    assert progress_of(recs["Electric refuse lorries"].reported) == "ongoing"
    assert progress_of(recs["Heat pump at the leisure centre"].reported) == "unmet"


def test_a_review_rating_by_marks_its_key_defines(tmp_path):
    """A review whose key gives a mark and its word on each line ("● Achieved: ...", "◐ Partially achieved:
    ...") and whose "Our assessment" column gives the mark with its word, or the mark alone: each row
    reports the status its mark means."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2024-06_eastford-trust_quality-account.txt":
        "Eastford Community Trust\n\nQuality Account 2023/24\n\nHow to read the table\n\n"
        "● Achieved: we met the target by March 2024\n\n◐ Partially achieved: we made half the improvement\n\n"
        "○ Not achieved: we made less than half of it\n\n— Stopped: replaced by a national programme\n\n"
        "Priority\tMeasure\t2023/24\tTarget\tOur assessment\n"
        "Fewer pressure ulcers\tCategory 3 and 4 ulcers\t74\t56\t◐ Partially achieved\n"
        "Electronic prescribing on every ward\tWards using ePMA\t14\t14\t●\n"
        "Faster complaint replies\tReplies within 25 days\t61%\t85%\t○\n"
        "Investigations on time\tWithin 60 days\tNot measured\t90%\t—\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    assert progress_of(recs["Fewer pressure ulcers"].reported) == "ongoing"
    assert progress_of(recs["Electronic prescribing on every ward"].reported) == "done"
    assert progress_of(recs["Faster complaint replies"].reported) == "unmet"
    assert progress_of(recs["Investigations on time"].reported) == "revised"


@pytest.mark.parametrize("text, tag", [
    ("Shared record – GP view [Delivered]", "Delivered"),
    ("[On track – Q3 2025/26] Remote monitoring for 900 people", "On track – Q3 2025/26"),
    ("[Not delivered] A joint standard for offline routes", "Not delivered"),
    ("Review the policy [formerly 2.3]", None),  # a reference in brackets, no status
    ("[Delivered] kiosks; [Delayed] the app", None),  # two tags: which item is which is unclear
])
def test_a_square_bracketed_tag_gives_an_items_status(text, tag):
    from kb.layout.fields import tagged_status

    assert tagged_status(text) == tag


def test_a_slide_decks_said_and_did_pairs_and_tagged_bullets_report_each_promise(tmp_path):
    """A review printed from slides: bullets tagged "[Delivered]" at either end, and pairs of lines
    "We said: ..." / "→ We did: ... [Delayed]": each bullet, and each promise with what was done
    as its update, reports the tag's status."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2024-09_tolworth-icb_digital-review.txt":
        "Tolworth ICB\n\nDigital plan: year 3 review\n\nMission 1 – Records\n\n"
        "- Care home record view [Delivered]\n- [Delayed] Social care records in the shared record\n\n"
        "Mission 2 – Hospitals\n\nWe said: electronic prescribing on every ward (2022)\n"
        "→ We did: 20 of 24 wards live; the last four wait for new devices [Delayed]\n",
    })
    reported = {c.text: progress_of(c.reported) for c in kb.commitments(include_evidence=True) if c.reported}
    assert reported["Care home record view [Delivered]"] == "done"
    assert reported["[Delayed] Social care records in the shared record"] == "unmet"
    assert reported["electronic prescribing on every ward (2022)"] == "unmet"


@pytest.mark.parametrize("value, report", [
    ("✓ Achieved", "done"), ("✗ Not delivered", "unmet"), ("✓ see commentary", "done"), ("✗ see note", "unmet"),
    ("–; 40%", "ongoing"), ("–; 100%", "done"), ("Red; –", "unmet"), ("–", None),
    ("◐ Partially achieved", "ongoing"), ("○ Not achieved", "unmet"), ("— Stopped: replaced by PSIRF", "revised"),
    ("◐", None),
])
def test_a_tick_or_a_cross_before_words_and_a_dash_beside_a_share_read_as_statuses(value, report):
    # a tick or a cross the lead returned before words: the words say, else the mark; a rating left
    # as a dash beside the lead's share done rates nothing, and the share says
    assert progress_of(value) == report


@pytest.mark.parametrize("header", ["What success will look like", "What will success look like",
                                    "What good looks like"])
def test_what_success_will_look_like_is_a_measure_column(header):
    assert label_role(header) == "measure"


@pytest.mark.parametrize("text, verdict", [
    ("Six cafés opened in 2023. We consider this action partially achieved.", "partially achieved"),
    ("The pilot had not started when the service moved. It has been transferred to the county council.",
     "transferred to the county council"),
    ("All staff were trained and the course is now embedded as business as usual.",
     "embedded as business as usual"),
    ("The leaflet was drafted but never printed. This action has not been achieved.", "not achieved"),
    ("The trails were waymarked in 2022.", None),  # a report with no verdict
    ("We will finish the trails by 2025; the first has been achieved.", None),  # a plan's paragraph
])
def test_a_review_paragraph_states_its_verdict_in_words(text, verdict):
    from kb.layout.parse import paragraph_verdict

    assert paragraph_verdict(text) == verdict


def test_a_prose_review_section_is_a_review_row():
    """A review written as prose: a numbered sub-heading over the paragraph on that action, its status
    in the heading's tail or in the paragraph's words.  The heading is the row's action cell, the
    paragraph its update; a plan's numbered heading over a pledge, or a numbered chapter heading, is
    no review row."""
    text = ("**Progress on each action**\n\n**Action 3.1 – Community cafés**\n\n"
            "Six cafés opened in 2023 and two more are planned. We consider this action partially achieved.\n\n"
            "**3.2 Walking trails – deferred to spring 2026**\n\nThe survey of the routes is finished.\n\n"
            "**Action 4 – Open a youth hub**\n\nWe will open a youth hub in the old library by March 2024.\n\n"
            "**2.1 Background**\n\nThe service was transferred to the trust in 2019.\n")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    cafes, trails = cells["Action 3.1 – Community cafés"], cells["3.2 Walking trails – deferred to spring 2026"]
    assert progress_of(cafes.fields["status"]) == "ongoing" and cafes.fields["update"].startswith("Six cafés")
    assert progress_of(trails.fields["status"]) == "unmet"
    assert not any("youth hub" in t or "Background" in t for t in cells)
    row = Commitment(id="r", doc_id="d", kind="evidence", text="Action 3.1 – Community cafés", section="Progress",
                     page=None, line=1)
    assert reference_of(row) == "3.1"


def test_a_plan_on_a_page_reviewed_in_prose(tmp_path):
    """A plan on a page (one row: the priority, its numbered actions as a list in one cell, who, when)
    reviewed section by section in prose: each section reports on the action its number names, not on
    the priority the plan's row is titled by; a title that states its status is matched by its other
    words; an action the review defers to a later year is restated with that date."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2021-06_upton-dc_active-travel-plan_2021-24.txt":
        "Upton District Council\n\nActive travel plan 2021-2024\n\n**Plan on a page**\n\n"
        "Priority\tWhat we will do\tWho\tWhen\n"
        "1. Safer streets\t<ul><li>1.1 Build a protected cycle lane on Station Road</li>"
        "<li>1.2 Put 20mph limits outside every primary school</li>"
        "<li>1.3 Train 500 pupils a year in cycling skills</li></ul>\tHighways\t2022/23\n",
        "2024-06_upton-dc_active-travel-plan-final-report.txt":
        "Upton District Council\n\nActive travel plan: final report\n\n**Priority 1: Safer streets**\n\n"
        "**Action 1.1 – Station Road cycle lane**\n\nThe lane opened in May 2023. This action has been achieved.\n\n"
        "**1.2 School 20mph limits – deferred to 2025/26**\n\nThe limits need a traffic order, which was delayed.\n\n"
        "**1.3 Cycle training for pupils – embedded (business as usual)**\n\n"
        "Training is now part of the schools' offer, with 620 pupils trained in 2023/24.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    assert "1. Safer streets" not in recs  # the row's title, not an action
    statuses = {t: kb.trace(recs[t].id).status for t in (
        "1.1 Build a protected cycle lane on Station Road", "1.2 Put 20mph limits outside every primary school",
        "1.3 Train 500 pupils a year in cycling skills")}
    assert statuses == {"1.1 Build a protected cycle lane on Station Road": "delivered",
                        "1.2 Put 20mph limits outside every primary school": "restated",
                        "1.3 Train 500 pupils a year in cycling skills": "delivered"}


@pytest.mark.parametrize("text, refs", [
    ("B2 (was 2.4): Finish the hedgerow survey in the northern parishes", ("2.4",)),
    ("New action C1, was 3.2: open two more warm spaces", ("3.2",)),
    ("Plant 300 trees at Mill Lane (formerly action 1.3)", ("1.3",)),
    ("The bike library (action 2.2) and the repair café (action 2.5) are now run by the trust.", ("2.2", "2.5")),
    ("Usage was 12 in 2019 and 40 in 2023.", ()),  # a count, not an action's number
    ("The grant (was 1.2 million) has been cut.", ()),
    # one new action merging two old ones
    ("Run one joined-up lunch club network (formerly 4.1 and 4.2)", ("4.1", "4.2")),
    ("The waiting list (was 12 and is now 8) has fallen.", ()),
])
def test_a_later_plan_names_an_action_by_its_old_number(text, refs):
    from kb.trace.progress import former_references

    assert former_references(text) == refs


def test_a_renumbered_action_joins_the_thread_of_its_old_number(tmp_path):
    """An extension that renumbers the actions it carries forward ("B1 (was 2.1): ...") in other words
    than the plan's: the row is on the old action's thread, not on its neighbour's."""
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2021-05_upton-dc_green-spaces-plan_2021-24.txt").write_text(
        "Upton District Council\n\nGreen spaces plan 2021-2024\n\n**Actions**\n\n"
        "Ref\tAction\tLead\tBy when\n"
        "2.1\tCreate a wildflower meadow at Hale Park\tParks Team\tMarch 2023\n"
        "2.2\tInstall new benches along the river path\tParks Team\tMarch 2022\n", encoding="utf-8")
    (docs / "2024-10_upton-dc_green-spaces-plan-extension_2024-26.txt").write_text(
        "Upton District Council\n\nGreen spaces plan: extension to 2026\n\n**Action plan**\n\n"
        "Action\tLead\tTimescale\n"
        "B1 (was 2.1): Sow native seed on the eastern field so that pollinators return\tParks Team\tJune 2025\n",
        encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([docs])
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    shown = {p.best.commitment.text for p in kb.trace(recs["Create a wildflower meadow at Hale Park"].id).passages}
    assert any(t.startswith("B1 (was 2.1)") for t in shown)
    other = {p.best.commitment.text for p in kb.trace(recs["Install new benches along the river path"].id).passages}
    assert not any(t.startswith("B1 (was 2.1)") for t in other)


def test_a_plan_on_a_page_gives_each_numbered_action_its_own_date():
    """One row for a priority: its numbered actions listed in one cell and their dates in another,
    numbered the same way ("2.1: Year 1", "2.2: spring 2023"): each action is due by its own date, and
    the priority names the row, it is no action."""
    text = ("Priority\tWhat we will do\tWho\tWhen\n"
            "2. Cleaner air\t<ul><li>2.1 Fit filters in every school classroom</li>"
            "<li>2.2 Plant a green screen along the ring road</li></ul>\tHighways\t"
            "<p>2.1: Year 1</p><p>2.2: spring 2023</p>\n")
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    cells = {b.text: b for b in build_blocks(lines, date(2021, 6, 1), (date(2021, 4, 1), date(2024, 3, 31)))
             if b.kind == "cell"}
    assert cells["2.1 Fit filters in every school classroom"].fields["due"] == "Year 1"
    assert cells["2.2 Plant a green screen along the ring road"].fields["due"] == "spring 2023"
    assert "2. Cleaner air" not in cells


@pytest.mark.parametrize("headings, status", [
    (("Appendix 2",), ""),
    (("3. Completed actions",), "Completed"),
    (("Completed recommendations (14)",), "Completed"),
    (("Annex B", "4.2 Outstanding actions"), "Outstanding"),
    (("Pledges closed without being delivered",), "Closed without being delivered"),
    (("Open actions",), "Open"),
    (("Actions that have been completed",), "Completed"),
    # a heading naming the kind of action, not how it stands
    (("Key actions",), ""), (("Green space actions",), ""), (("Actions completed in 2023/24",), ""),
    (("Priority actions",), ""),
    # a heading that closes on the rating it groups, in brackets
    (("What we delivered (Green – delivered)",), "Green – delivered"), (("What we stopped (Grey – stopped)",), "Grey – stopped"),
    (("Our parks (2021)",), ""), (("Access to services (see page 4)",), ""),
    # a heading that says what was done, or is under way, with no noun for the items
    (("4.1 What we achieved",), "Achieved"), (("What we have delivered so far",), "Delivered"),
    (("Still in progress",), "In progress"), (("Work still in progress",), "In progress"),
    (("What we have paused or stopped, and why",), ""),  # two statuses: each item's words tell them apart
    (("What we will do",), ""), (("What happened",), ""), (("Our achievements",), ""),
    # a group's label and its status, as a table grouped by status titles its groups in rows across it
    (("Appendix 1", "Section A – Complete"), "Complete"), (("Part 3: Not started",), "Not started"),
    (("Group C – Incomplete – not taken forward",), "Incomplete – not taken forward"),
    (("Section 2 – Our priorities",), ""),
])
def test_the_status_a_section_heading_states(headings, status):
    from kb.layout.fields import section_status

    assert section_status(headings) == status


def test_closed_before_the_work_was_done_is_a_revision():
    assert progress_of("Closed without being delivered") == "revised"
    assert progress_of("closed without completion") == "revised"
    assert progress_of("Closed") == "done"


def test_a_review_sorted_into_sections_by_status_gives_each_row_its_sections_status():
    """A review with no status column that sorts its rows under "Completed", "Outstanding" and
    "Closed" headings: the heading is the status of each row under it; a row's own status cell (a
    percentage done) still comes first, and the date a row was completed is no due date."""
    from kb.extract.pipeline import reported_status

    text = ("Warm Homes Plan: end of year review\n\n"
            "**2. Actions completed**\n\n"
            "Action\tWhat was achieved\tDate completed\n"
            "W1 Loft insulation grants\t410 homes were insulated with a grant.\tOctober 2023\n\n"
            "**3. Outstanding actions**\n\n"
            "Action\tPosition at 31 March\t% complete\n"
            "W2 Heat pump pilot on two estates\tThe first estate has its heat pumps.\t50%\n\n"
            "**4. Actions closed without being delivered**\n\n"
            "Action\tReason for closure\n"
            "W3 Council energy tariff\tThe supplier left the market in 2023.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert progress_of(reported_status(cells["W1 Loft insulation grants"])) == "done"
    assert reported_status(cells["W2 Heat pump pilot on two estates"]) == "50%"
    assert progress_of(reported_status(cells["W3 Council energy tariff"])) == "revised"
    # the update and date cells of a row are no review rows of their own
    assert reported_status(cells["410 homes were insulated with a grant."]) == ""


def test_a_headerless_row_overleaf_goes_on_under_a_header_of_what_was_achieved():
    def on(text: str, page: int) -> SourceLine:
        return SourceLine(text, None, page)

    lines = [on("**Actions completed**", 2),
             on("Action\tWhat was achieved\tCompleted", 2),
             on("W4 Draught-proofing for older tenants\tFitters draught-proofed 120 flats.\tMay 2023", 2),
             on("", 3),
             on("W5 Energy advice line\tThe line opened in June and has taken 900 calls.\tJune 2023", 3)]
    cells = {b.text: b for b in build_blocks(lines, date(2024, 5, 1)) if b.kind == "cell"}
    assert cells["W5 Energy advice line"].column == "Action"
    assert cells["The line opened in June and has taken 900 calls."].column == "What was achieved"


@pytest.mark.parametrize("cell, numbers", [
    ("P7", ("P7",)), ("3.1 and 3.4 (merged)", ("3.1", "3.4")), ("2.2, 2.3", ("2.2", "2.3")),
    ("New", ()), ("n/a", ()), ("Year 2", ()), ("See the 2021 plan", ()),
])
def test_the_earlier_numbers_a_replaces_cell_names(cell, numbers):
    from kb.layout.fields import former_numbers

    assert former_numbers(cell) == numbers


def test_a_later_plans_row_joins_the_threads_of_the_actions_its_replaces_column_names(tmp_path):
    """A refreshed plan's table with a "Replaces" column ("P4 and P5 (merged)"): its row is on the
    thread of each action it names, in other words than theirs, and on no other action's."""
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2021-06_kelby-council_library-plan_2021-24.txt").write_text(
        "Kelby Council\n\nLibraries plan 2021-2024\n\n**What we will do**\n\n"
        "P4 Lend laptops to people who have no computer at home.\n\n"
        "P5 Run weekly drop-in sessions to help people get online.\n\n"
        "P6 Open the central library on Sunday afternoons.\n", encoding="utf-8")
    (docs / "2024-09_kelby-council_library-plan-refresh_2024-26.txt").write_text(
        "Kelby Council\n\nLibraries plan: refreshed actions 2024-2026\n\n**Refreshed actions**\n\n"
        "Ref\tAction\tReplaces\tLead\tBy when\n"
        "R1\tSet up a digital inclusion hub with device loans and volunteer helpers at every branch\t"
        "P4 and P5 (merged)\tHead of Libraries\tMarch 2026\n"
        "R2\tStart a home delivery service for housebound readers\tNew\tHead of Libraries\tJune 2025\n",
        encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([docs])
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}

    def shown(text: str) -> set[str]:
        seed = next(c for t, c in recs.items() if t.startswith(text))
        return {p.best.commitment.text for p in kb.trace(seed.id).passages}

    hub = "Set up a digital inclusion hub"
    assert any(t.startswith(hub) for t in shown("P4 Lend laptops"))
    assert any(t.startswith(hub) for t in shown("P5 Run weekly drop-in"))
    assert not any(t.startswith(hub) for t in shown("P6 Open the central library"))


def test_numbered_outcomes_titled_by_a_quoted_statement_are_headings():
    """Outcomes printed as what people said they want, in quotation marks and however long, head the
    actions under them; so does a bold title in the words of a question ("How we will ...")."""
    text = ("**Outcome 1: \"I can find out what support there is\"**\n\n"
            "We will publish one directory of support.\n\n"
            "**Outcome 2: \"When I need help with my money, I can get advice from someone I trust and tell "
            "my story once\"**\n\n"
            "We will train library staff to give first-stop money advice.\n\n"
            "**How we will check our progress**\n\n"
            "We will report to the board every year.\n\n"
            "Outcome 3 was dropped when the board met in May because it repeated another plan's aims in full.")
    blocks = blocks_of(text)
    sections = {b.text: b.section for b in blocks if b.kind != "heading"}
    assert sections["We will train library staff to give first-stop money advice."][-1].startswith("Outcome 2:")
    assert sections["We will report to the board every year."][-1] == "How we will check our progress"
    assert "Outcome 3 was dropped when the board met in May because it repeated another plan's aims in full." \
        in sections  # a sentence that opens with a label is no heading


@pytest.mark.parametrize("header, value, status", [
    # a question's answer means what the question says
    ("Complete?", "Yes", "done"), ("Complete?", "No", "unmet"), ("Achieved?", "Partly", "ongoing"),
    ("Delivered (Y/N)", "Y", "done"), ("Completed Y/N", "N", "unmet"), ("On track?", "No", "unmet"),
    ("On track?", "Yes", "ongoing"), ("Met?", "Not yet", "unmet"), ("Complete?", "Yes.", "done"),
    # a colour's initial under a rating header, a tick or a cross under any status header
    ("RAG", "G", "ongoing"), ("RAG status", "R", "unmet"), ("BRAG", "B", "done"),
    ("Status", "✓", "done"), ("Progress", "✗", "unmet"),
    # a bare yes or letter under a header that asks nothing says nothing; other values as written
    ("Status", "Yes", None), ("Lead", "G", None), ("Complete?", "Complete", "done"),
    ("Rating", "B", None),  # a bare rating may grade by letters (priority A, B, C): no colour
    # the question asked as a sentence about the doing; an answer with words after it
    ("Did we do it?", "Yes", "done"), ("Did we do it?", "Partly", "ongoing"), ("Did we do it?", "Not yet", "unmet"),
    ("Have we delivered this?", "No", "unmet"), ("Was it achieved (Y/N)", "Y", "done"),
    ("Did we do it?", "Yes – and it continues", "done"), ("Did we do it?", "No: the bid failed", "unmet"),
    ("Did we do it?", "Stopped – replaced by the county service", "revised"),
])
def test_a_status_cell_read_with_its_header(header, value, status):
    from kb.layout.fields import answered_status

    assert label_role(header) == ("owner" if header == "Lead" else "status")  # ("Rating" too)
    assert progress_of(answered_status(header, value)) == status


def test_a_review_asked_as_questions_reads_each_rows_answer():
    text = ("Action plan review (March 2025)\n\n"
            "Ref\tAction\tLead\tAchieved (Y/N)\tComments\n"
            "2.1\tOpen a falls clinic in each locality\tCommunity Trust\tY\tThe last clinic opened in May.\n"
            "2.2\tTrain every care home in falls prevention\tPublic Health\tN\tTraining stopped in 2023.\n"
            "2.3\tStrength classes in every library\tLeisure\tPartly\tFour of seven libraries.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert [progress_of(cells[a].fields["status"]) for a in (
        "Open a falls clinic in each locality", "Train every care home in falls prevention",
        "Strength classes in every library")] == ["done", "unmet", "ongoing"]
    assert cells["Open a falls clinic in each locality"].fields["status"] == "Achieved (Y)"


def test_label_blocks_rated_by_initial_or_answered_read_with_their_label():
    text = ("Progress report, March 2025\n\n"
            "Action 1: Open a falls clinic in each locality\nLead: Community Trust\nRAG: G\n"
            "Update: Two of three clinics are open.\n\n"
            "Action 2: Train every care home in falls prevention\nLead: Public Health\nComplete (Y/N): N\n"
            "Update: Training stopped in 2023.")
    cells = {b.text: b for b in blocks_of(text) if b.fields}
    assert cells["Open a falls clinic in each locality"].fields["status"] == "Green"
    assert progress_of(cells["Train every care home in falls prevention"].fields["status"]) == "unmet"


@pytest.mark.parametrize("header", ["How we will measure it", "Measure of success", "Response", "Council response",
                                    "Accepted?"])
def test_a_measure_or_a_response_to_a_recommendation_is_a_note_of_the_row(header):
    """What will be counted ("Attendance figures"), and the decision on a recommendation ("Accepted"), are
    no items: a short one is not read with the row's date and lead into a milestone."""
    text = (f"Action\t{header}\tLead officer\tTimescale\n"
            "Run a carers' forum each term.\tAccepted\tCarers Lead\tFrom January 2027\n"
            "Name a young carers' lead in each school.\tAttendance figures\tSchools Team\tBy July 2027\n")
    cells = [b.text for b in blocks_of(text) if b.kind == "cell"]
    actions = ["Run a carers' forum each term.", "Name a young carers' lead in each school."]
    if "measure" in header.lower() or "success" in header.lower():  # a measure stays a note beside its action
        assert cells == [actions[0], "Accepted", actions[1], "Attendance figures"]
    else:  # a status: a word or three of it is no record
        assert cells == actions


def test_a_response_paragraph_is_no_status_field():
    """"Response:" in running text answers a recommendation in words that may undertake things."""
    from kb.layout.fields import label_role

    assert label_role("Response", line_form=True) is None
    assert label_role("Response") == "status"


@pytest.mark.parametrize("header_row", [
    "What we have committed to\tStrategies / plans in place to deliver\tLed by\n",
    "Our commitments\tPlans in place to deliver\tLed by\n",
])
def test_a_table_of_what_the_body_committed_to_looks_ahead(header_row):
    """Its plans to deliver each commitment ("Greyford Ageing Well Strategy") are read as undertakings,
    whatever the headings above the table say."""
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n" + header_row +
            "Help older people stay independent\tGreyford Ageing Well Strategy\tPublic Health\n"
            "Cut smoking in pregnancy\tLocal Maternity System Delivery Plan\tMaternity Lead\n")
    cells = [b for b in blocks_of(text) if b.kind == "cell"]
    assert {b.text for b in cells} >= {"Greyford Ageing Well Strategy", "Local Maternity System Delivery Plan"}
    assert all(b.forward_context for b in cells)


def test_a_review_that_asks_did_we_do_it_reads_each_rows_answer():
    text = ("Ref\tWhat we said\tDid we do it?\tWhat happened\n"
            "1.1\tA walking group in every ward\tYes – and continuing\tTwelve groups meet each week.\n"
            "1.2\tA bus help card\tNot yet\tOne of the two bus firms has signed up.\n"
            "1.3\tAn evening advice line\tStopped\tThe county's helpline now takes these calls.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell" and b.fields.get("status")}
    from kb.extract.pipeline import reported_status

    assert {t: progress_of(reported_status(b)) for t, b in cells.items()} == {
        "A walking group in every ward": "done", "A bus help card": "unmet", "An evening advice line": "revised"}
    assert cells["A bus help card"].fields["update"] == "One of the two bus firms has signed up."


def test_a_running_footer_between_two_rows_of_a_review_table_leaves_one_table():
    """A footer the document repeats on every page is page furniture, blanked out before the table is
    read: the page break it marks still joins the rows after it to the table above, under its header."""
    footer = "Riverside Council Cabinet – 4 May 2023 | Appendix A | Page {}"
    text = "\n".join([
        "Appendix A: review of the play strategy", "",
        "Ref\tAction\tAchieved?\tUpdate",
        "6.1\tSplash pad in Northgate park\tYes\tThe splash pad opened in July 2022.",
        "", footer.format(2), "",
        "6.2\tAccessible swings in every district\tNo\tNo capital was found in 2022/23.",
        "", footer.format(3), "", "The council will review play provision again in 2025.",
        "", footer.format(4), ""])
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["Accessible swings in every district"].fields.get("status") == "Not achieved (No)"
    assert cells["Accessible swings in every district"].column == "Action"
    # without a footer between them, two tables a blank line apart stay apart
    apart = "Ref\tAction\tStatus\n1.1\tOpen a clinic\tComplete\n\n2.1\tTrain staff\tOngoing"
    assert "status" not in {b.text: b for b in blocks_of(apart) if b.kind == "cell"}["Train staff"].fields


@pytest.mark.parametrize("title", [
    "**3.2.3 Recruit a panel of tenants to check our repairs service**",  # an imperative title
    "**3.2.3 Tenants' repairs panel**",
])
def test_bold_numbered_titles_of_one_depth_are_headings_alike(title):
    text = "\n".join([
        "**3.2.1 Damp and mould taskforce**", "", "Set up a taskforce to inspect every home reported as damp.", "",
        "Responsible officer: Head of Repairs", "",
        "**3.2.2 Repairs app**", "", "Launch an app so that tenants can report repairs and track them.", "",
        title, "", "Set up a panel of tenants, paid for their time, that meets every quarter.", "",
        "Responsible officer: Tenant Engagement Officer"])
    blocks = blocks_of(text)
    paragraph = next(b for b in blocks if b.text.startswith("Set up a panel of tenants"))
    assert paragraph.section[-1] == title.strip("*")


def test_bold_numbered_sentences_that_are_the_actions_stay_items():
    """Where most of a run of numbered bold lines are sentences, each is an action, not a heading."""
    first = "2.1 Recruit two consultant psychiatrists so that a memory clinic can open in the north of the district"
    second = "2.2 Train every practice nurse and healthcare assistant to give brain health advice at each health check"
    text = "\n".join([f"**{first}**", "", "Rooms are being sought.", "", f"**{second}**", "",
                     "The training will run online.", "", "**2.3 Dementia advisers**", "",
                     "Advisers will be offered to everyone diagnosed."])
    kinds = {b.text: b.kind for b in blocks_of(text)}
    assert kinds[first] != "heading" and kinds[second] != "heading"


def test_a_review_row_naming_an_action_title_gives_its_paragraph_the_status(tmp_path):
    """An action block's imperative title is a record of its own and the paragraph under it another:
    a review row that names the title's number or words reports on the paragraph's action too."""
    from conftest import ingest_texts

    strategy = "\n".join([
        "Riverside Council tenancy strategy 2020-2023", "", "**3.2 Tenant voice**", "",
        "**3.2.1 Damp and mould taskforce**", "", "Set up a taskforce to inspect every home reported as damp.", "",
        "**3.2.2 Repairs app**", "", "Launch an app so that tenants can report repairs and track them.", "",
        "**3.2.3 Recruit a panel of tenants to check our repairs service**", "",
        "Set up a panel of people who rent from us, paid for their time, that meets every quarter and advises "
        "the housing board.", "", "Responsible officer: Tenant Engagement Officer"])
    review = "\n".join([
        "Riverside Council Cabinet, June 2023: tenancy strategy final review", "",
        "Ref\tAction (summary)\tAchieved?\tProgress to March 2023",
        "3.2.1\tDamp and mould taskforce\tYes\tThe taskforce has inspected 412 homes since 2021.",
        "3.2.2\tRepairs app\tYes\tThe app went live in May 2021.",
        "3.2.3\tTenants' panel\tNo\tThe panel was recruited but met once before the pandemic and has not met since."])
    kb = ingest_texts(tmp_path, {"2020-02_riverside_tenancy-strategy.txt": strategy,
                                 "2023-06_riverside_tenancy-strategy-review.txt": review})
    seed = next(c for c in kb.commitments() if c.text.startswith("Set up a panel of people who rent"))
    trace = kb.trace(seed.id)
    assert trace.status == "overdue"
    assert trace.deciding is not None and "panel" in trace.deciding.text.lower()


def test_items_listed_under_a_rated_heading_take_its_status():
    """A review that lists what it did under headings carrying the rating ("What we delivered (Green –
    delivered)" over "- **Name** – what happened"): each item listed reports the heading's status."""
    from kb.extract.pipeline import reported_status

    text = ("Riverside play strategy: final report\n\n"
            "**What we delivered (Green – delivered)**\n\n"
            "- **Splash pad in Northgate park** – The splash pad opened in July 2022.\n"
            "- **Holiday play rangers** – Rangers ran 40 sessions in summer 2023.\n\n"
            "**What we stopped (Grey – stopped)**\n\n"
            "- **Outdoor gym on the green** – Stopped in 2023 when the bid failed.\n\n"
            "**Next steps**\n\n"
            "- Publish a new play strategy in 2025.")
    items = {b.text.split(" – ")[0]: b for b in blocks_of(text) if b.kind == "list_item"}
    assert progress_of(reported_status(items["Splash pad in Northgate park"])) == "done"
    assert progress_of(reported_status(items["Outdoor gym on the green"])) == "revised"
    assert reported_status(items["Publish a new play strategy in 2025."]) == ""
    # a plan's heading that names what it carries on is no rating of the items under it
    plan = "Play strategy extension 2025-26\n\n**Actions carried forward**\n\n- Build the second splash pad by 2026."
    item = next(b for b in blocks_of(plan) if b.kind == "list_item")
    assert reported_status(item) == ""


def test_a_review_that_prints_last_years_rating_beside_this_years_reads_the_current_one():
    text = ("Appendix 2: progress at the end of the plan\n\n"
            "Ref\tAction\tLead\tRAG March 2023\tFinal status\tLatest update\n"
            "1\tOpen a warm space in every library\tLibraries\tRed\tComplete\tAll nine libraries opened one.\n"
            "2\tTrain 300 energy advisers\tHousing\tGreen\tIncomplete\t210 trained; the course lost its funding.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert progress_of(cells["Open a warm space in every library"].fields["status"]) == "done"
    assert progress_of(cells["Train 300 energy advisers"].fields["status"]) == "unmet"
    assert "Red" not in cells and "Green" not in cells  # last year's rating is no record either


def test_a_status_column_per_year_under_one_merged_title_reads_the_last_year():
    """A header printed in two rows ("Status at year end" over "2022/23 | 2023/24 | 2024/25"); a dash
    in the last year means not reported again, as the earlier year left it; a page break that repeats
    only the header's top row keeps the year titles."""
    text = ("Appendix A: action plan\n\n"
            "Ref\tAction\tStatus at year end\t\t\tCommentary\n"
            "\t\t2022/23\t2023/24\t2024/25\t\n"
            "A1\tA falls clinic in every district\tOn target\tDone\t–\tThe last clinic opened in May 2023.\n"
            "A2\tStrength classes in every library\tDone\tDone\tNot on target\tTwo libraries stopped the classes.\n"
            "\nFalls plan annual report 2024/25 | Page 6\n\n"
            "Ref\tAction\tStatus at year end\t\t\tCommentary\n"
            "A3\tA home hazard check for every person who falls\tNot started\tOn target\tOn target\t"
            "1,200 checks made.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert progress_of(cells["A falls clinic in every district"].fields["status"]) == "done"
    assert progress_of(cells["Strength classes in every library"].fields["status"]) == "unmet"
    assert progress_of(cells["A home hazard check for every person who falls"].fields["status"]) == "ongoing"
    assert not {"2022/23", "On target", "Not started", "Done"} & cells.keys()


def test_two_status_columns_that_name_no_time_are_read_together():
    text = ("Ref\tAction\tStatus\tRAG\n"
            "1\tOpen a warm space in every library\tComplete\tGreen")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["Open a warm space in every library"].fields["status"] == "Complete; Green"


@pytest.mark.parametrize("answer, report", [
    ("Fully", "done"), ("Fully (late)", "done"), ("Partially", "ongoing"), ("Largely", "ongoing"),
    ("Not delivered", "unmet"), ("Withdrawn", "revised"), ("Yes", "done"), ("No", "unmet"),
])
def test_an_answer_to_a_question_header_that_lists_its_answers(answer, report):
    """"Delivered? (Fully / Partially / Not delivered)": the header asks, its brackets offer the answers,
    and a bare "Fully" or "Partially" answers the question it asks."""
    from kb.layout.fields import answered_status

    assert progress_of(answered_status("Delivered? (Fully / Partially / Not delivered)", answer)) == report


def test_a_review_header_printed_once_heads_the_groups_of_rows_under_headings():
    text = ("Appendix 1: closure tracker\n\n"
            "Ref\tAction (summary)\tExecutive lead\tClosure status\tCommentary (position at 30 June 2023)\n\n"
            "Regulation 12 – Safe care\n\n"
            "M01\tLigature audit on every ward\tChief Nurse\tClosed – evidence accepted\tAll wards audited.\n\n"
            "Regulation 17 – Good governance\n\n"
            "M02\tWard-to-board dashboard\tChief Nurse\tOpen – off track\tThe dashboard is not yet built.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert progress_of(cells["Ligature audit on every ward"].fields["status"]) == "done"
    assert progress_of(cells["Ward-to-board dashboard"].fields["status"]) == "unmet"
    assert "Closure status" not in cells and "Executive lead" not in cells


def test_the_to_column_of_a_from_and_to_table_holds_the_plans_aims():
    text = ("Adult mental health\n\n"
            "From (2022/23)\tTo (by March 2024)\n"
            "On average 41 adults a month were placed out of area in 2022/23\tNo inappropriate out of area placements "
            "for adults\n"
            "People in crisis had to choose between three local numbers and NHS 111\tOne crisis line for all ages "
            "through NHS 111")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["No inappropriate out of area placements for adults"].forward_context
    assert cells["One crisis line for all ages through NHS 111"].forward_context
    assert not cells["On average 41 adults a month were placed out of area in 2022/23"].forward_context


def test_a_rows_overall_assessment_outranks_its_milestones_status():
    """A delivery dashboard: each promise's milestones with their own Status (Met, Missed), and the
    promise's overall assessment opening the commentary beside the first: the overall one is the row's."""
    text = ("Appendix: delivery dashboard\n\n"
            "Ref\tPromise\tMilestone\tDue\tStatus\tOverall assessment and commentary\n"
            "P1\tA same day emergency care unit\tBusiness case approved\tJul-22\tMet\t**Partly kept – continuing.** "
            "The unit opened in March 2024 but closes at 8pm.\n"
            "\t\tUnit open until midnight\tDec-23\tMissed\t\n"
            "P2\tA falls clinic in each town\tFirst clinic open\tMar-23\tMissed\t**Kept late.** All three clinics "
            "opened by June 2024.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert progress_of(cells["A same day emergency care unit"].fields["status"]) == "ongoing"
    assert progress_of(cells["A falls clinic in each town"].fields["status"]) == "done"


def test_a_rating_column_headed_by_its_colours_in_the_keys_order_reads_by_the_key():
    """"BGAR" over bare letters, under a key whose Green means complete (not on track): the key says."""
    text = ("Rating key\n\n"
            "Rating\tWhat it means\n"
            "B – Blue\tEmbedded: complete, and the change has lasted\n"
            "G – Green\tComplete: the action has been done\n"
            "A – Amber\tOn track: not complete, on track for the revised date\n"
            "R – Red\tOff track: not complete and not on track\n\n"
            "Appendix: ratings at closure\n\n"
            "Ref\tAction\tBGAR\tUpdate at closure\n"
            "1a\tA single front door for families\tG\tThe front door opened in May 2024.\n"
            "1b\tAnnual reviews on time\tA\tSeven in ten are on time.\n"
            "1c\tHealth advice within six weeks\tR\tSeventy per cent on time.")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["A single front door for families"].fields["status"] == "Green"
    assert cells["Health advice within six weeks"].fields["status"] == "Red"


@pytest.mark.parametrize("headings, status", [
    (("What we achieved",), "Achieved"), (("4.2 Still in progress",), "In progress"),
    (("What we delivered (Green – delivered)",), "Green – delivered"),
    # a plan lists what it will do next under these: its items are not rated by them
    (("Actions carried forward",), ""), (("Outstanding actions",), ""), (("Not yet achieved",), ""),
])
def test_the_status_a_heading_gives_the_items_listed_under_it(headings, status):
    from kb.layout.fields import section_status

    assert section_status(headings, items=True) == status


def test_items_told_under_headings_of_what_was_achieved_and_what_goes_on_report_those_statuses():
    """A report that gives no status per item but sorts its account under "What we achieved" and
    "Still in progress": each bullet or paragraph under them reports its heading's status; a plan's
    "Actions carried forward" list reports none."""
    from kb.extract.pipeline import reported_status

    text = ("Annual Sustainability Report\n\n4.1 What we achieved\n\n"
            "- LED lighting is now fitted at all twelve depots (E1).\n\n"
            "4.2 Still in progress\n\n**Heat pumps at the civic centre**\n"
            "The survey is done and the bid goes to the fund in the spring.\n\n"
            "Actions carried forward\n\n- finish the heat pumps at the civic centre by March 2026\n")
    blocks = {b.text: b for b in blocks_of(text)}
    assert progress_of(reported_status(blocks["LED lighting is now fitted at all twelve depots (E1)."])) == "done"
    assert progress_of(reported_status(
        blocks["Heat pumps at the civic centre The survey is done and the bid goes to the fund in the spring."])) \
        == "ongoing"
    assert reported_status(blocks["finish the heat pumps at the civic centre by March 2026"]) == ""


@pytest.mark.parametrize("header, role", [
    ("Lead officer's update, March 2024", "update"), ("Officer update", "update"), ("Service updates", "update"),
    ("Date of update", None),
])
def test_the_update_of_whoever_answers_for_the_row(header, role):
    assert label_role(header) == role


def test_a_key_entry_may_give_two_words_for_one_status():
    from kb.layout.fields import rating_key_entries

    assert rating_key_entries("Status key: 1 = Fully implemented; 2 = Partly implemented – work continuing; "
                              "3 = Not implemented; 4 = No longer applicable / superseded") == {
        "1": "Fully implemented", "2": "Partly implemented", "3": "Not implemented", "4": "No longer applicable"}


def test_numbered_ratings_under_columns_of_months_read_the_latest_through_the_key(tmp_path):
    """A tracking report that prints its status key once and rates each recommendation by number at
    12 and at 36 months ("12m | 36m"): the later column is the status, read through the key; the
    earlier is a note; a summary of counts by status is no review row."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2024-04_tarrow-dc_scrutiny-recommendations-tracking.txt":
        "Tarrow District Council\n\n**Status key: 1 = Fully implemented; 2 = Partly implemented; "
        "3 = Not implemented**\n\nStatus\tAt 12 months\tAt 36 months\n1\t2\t3\n2\t1\t0\n\n"
        "Appendix 1\n\nRec\tRecommendation (abridged)\tLead officer\t12m\t36m\tLead officer's update\n"
        "1\tA policy on grit bins for every ward\tHead of Streets\t2\t1\tThe policy was adopted in May 2022.\n"
        "2\tA winter helpline for older residents\tHead of Care\t1\t2\tThe line runs but not at weekends.\n"
        "3\tGritting routes shared with parish councils\tHead of Streets\t–\t3\tNo agreement has been reached.\n",
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    assert progress_of(recs["A policy on grit bins for every ward"].reported) == "done"
    assert progress_of(recs["A winter helpline for older residents"].reported) == "ongoing"
    assert progress_of(recs["Gritting routes shared with parish councils"].reported) == "unmet"
    from kb.trace.progress import is_review_row

    assert not any(is_review_row(c) for c in recs.values() if c.text.strip().isdigit())


def test_a_column_of_status_words_is_a_status_column_whatever_its_header():
    text = ("Aim\tOutcome\n"
            "Welfare calls to patients waiting in the queue\tAchieved\n"
            "Harm reviews after long waits\tPartially achieved\n"
            "Reporting culture and learning from deaths\tAchieved (both aims)\n")
    cells = {b.text: b for b in blocks_of(text) if b.kind == "cell"}
    assert cells["Harm reviews after long waits"].fields["status"] == "Partially achieved"
    assert cells["Reporting culture and learning from deaths"].fields["status"] == "Achieved (both aims)"
    # a later plan's column recalling the review's colours is no status column without a header saying so
    recalled = ("Action\tClosure rating\tNew commitment\n1c Health advice within six weeks\tRed\tCommitment 1.3\n"
                "1d Overdue annual reviews\tAmber\tCommitment 1.2\n1e Online hub\tWithdrawn\tNone\n")
    assert all("status" not in b.fields for b in blocks_of(recalled) if b.kind == "cell")
    # a plan's column of outcomes in words is no status column
    plan = ("Aim\tOutcome\nWelfare calls to patients waiting in the queue\tFewer patients come to harm\n"
            "Harm reviews after long waits\tLearning shared with every team\n")
    assert all("status" not in b.fields for b in blocks_of(plan) if b.kind == "cell")


@pytest.mark.parametrize("section, ref", [
    (("Appendix 1", "4(a)"), "4a"), (("Appendix 1", "10(b)"), "10b"), (("Appendix 1", "4a"), "4a"),
])
def test_a_parts_letter_in_brackets_is_the_same_reference(section, ref):
    c = Commitment(id="x", doc_id="d", kind="evidence", text="Rest centres in the north", section=" › ".join(section),
                   page=None, line=1)
    assert reference_of(c) == ref


def _reports_by_text(kb) -> dict[str, str | None]:
    """What each record that carries a reported status reports (progress_of), by its text."""
    return {c.text: progress_of(c.reported) for c in kb.commitments(include_evidence=True) if c.reported}


def test_a_table_grouped_by_status_rates_its_rows_across_a_page_break(tmp_path):
    """A review whose one table groups its rows by status, each group titled by a row across the table
    ("Section A – Complete"), and no status column: each row takes its group's status, also after a
    page break that repeated the table's header but not the group's title."""
    from conftest import ingest_texts

    header = "Action\tTheme\tLead service\tLatest update"
    kb = ingest_texts(tmp_path, {
        "2023-07_brayford-dc_council-plan-end-of-plan-report.txt":
        "Brayford District Council\n\nCouncil Plan 2019-2023: end of plan report\n\n"
        "Appendix 1 lists the actions by status.\n\n"
        f"{header}\n**Section A – Complete**\t\t\t\n"
        "Free town centre Wi-Fi in two towns\tProsperity\tPlace\tWi-Fi went live in both towns in 2021.\n"
        "Brayford Council Plan | Page 9\n\n"
        f"{header}\n"
        "Sixty new apprenticeships\tProsperity\tHR\tSixty-four were started over the three years.\n"
        "**Section B – Incomplete – not taken forward**\t\t\t\n"
        "A second household recycling centre\tEnvironment\tWaste\tCabinet decided not to build it in 2022.\n",
    })
    reported = _reports_by_text(kb)
    assert reported["Free town centre Wi-Fi in two towns"] == "done"
    assert reported["Sixty new apprenticeships"] == "done"
    assert reported["A second household recycling centre"] == "revised"


def test_a_column_of_key_marks_under_no_header_rates_the_rows(tmp_path):
    """An evaluation that rates each action by a mark its key defines ("● Delivered", "○ Not
    delivered"), in a column with no header beside the share of milestones met on time: the mark,
    read through the key, is the verdict."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2025-06_brayford-hospitals_strategy-evaluation.txt":
        "Brayford Hospitals NHS Trust\n\nPatient experience strategy: evaluation\n\n"
        "Each action's outcome is shown by a mark:\n\n"
        "- ● Delivered: in place as the strategy described it;\n- ◐ Partly delivered: not finished, but well on;\n"
        "- ○ Not delivered: little has been done;\n\n"
        "Code\tAction\t% complete\t\tWhat happened\n"
        "PE1\tReal-time feedback on every ward\t67%\t●\tTablets went live on every ward by 2023.\n"
        "PE2\tA patient panel for each division\t50%\t○\tOnly one panel met, twice.\n"
        "PE3\tVolunteer wayfinders at both entrances\t0%\t◐\tRecruitment started in 2024.\n",
    })
    reported = _reports_by_text(kb)
    assert reported["Real-time feedback on every ward"] == "done"
    assert reported["A patient panel for each division"] == "unmet"


def test_a_position_column_of_status_words_rates_its_rows(tmp_path):
    """A position statement's "Position" column: status words with a symbol ("✔ Delivered", "⏳ In
    progress") rate the rows; the same header over prose is the rows' update."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2025-07_upton-icb_digital-position-statement.txt":
        "Upton ICB\n\nDigital roadmap: position statement\n\nIntro paragraph that is long enough to be body text "
        "for this document.\n\nNo.\tWhat the strategy said\tPosition\tWhere we are\n"
        "1\tOne patient record for both hospitals\t⏳ In progress\tLive at one hospital since March.\n"
        "2\tSingle sign-on in every practice\t✔ Delivered\tLive in all 40 practices.\n"
        "3\tA patient view of the record\t↻ Replaced\tThe NHS App now shows the record.\n",
        "2025-06_upton-icb_falls-report.txt":
        "Upton ICB\n\nFalls report\n\nIntro paragraph that is long enough to be body text for this document.\n\n"
        "Commitment\tPosition at 31 March 2025\t% complete\n"
        "Train 300 staff in brief conversations about falls\t196 of the 300 staff have been trained.\t65%\n"
        "Cut the wait for a falls assessment to six weeks\tThe wait came down from 14 weeks to 9.\t50%\n",
    })
    reported = {c.text: c.reported for c in kb.commitments(include_evidence=True) if c.reported}
    assert progress_of(reported["One patient record for both hospitals"]) == "ongoing"
    assert progress_of(reported["Single sign-on in every practice"]) == "done"
    assert progress_of(reported["A patient view of the record"]) == "revised"
    assert reported["Train 300 staff in brief conversations about falls"] == "65%"
