"""A lead-in or a column header that opens with a date schedules the items under it; and what a
report says of its own study, or of how much something matters, is no undertaking.  Texts written
for these tests, about a made-up borough."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract.classify import decide
from kb.layout.structure import build_blocks, dated_table_header, lead_in_date
from kb.model import Block
from kb.sources.base import SourceLine

MAY_2023 = date(2023, 5, 1)


def _blocks(text: str, doc_date: date = MAY_2023):
    lines = [SourceLine(t, i + 1, 1) for i, t in enumerate(text.split("\n"))]
    return build_blocks(lines, doc_date)


@pytest.mark.parametrize(("intro", "end"), [
    ("By March 2025 we will:", "2025-03-31"),
    ("By the end of 2024, the borough's health partners will:", "2024-12-31"),
    ("Planned improvements By December 2024 we plan to:", "2024-12-31"),  # a short title run into it
])
def test_a_lead_in_that_opens_with_a_date_gives_it(intro, end):
    due = lead_in_date(intro, MAY_2023)
    assert due is not None and due.end == end


@pytest.mark.parametrize("intro", [
    "By March 2021 we had:",  # in the past of the plan: what was done
    "In 2021 we delivered the following:",
    "Our partners in the Greyford Partnership, set up in 2019, will:",  # the date does not open it
    "The following actions:",
])
def test_other_lead_ins_give_no_date(intro):
    assert lead_in_date(intro, MAY_2023) is None


def test_list_items_take_the_date_of_their_lead_in():
    blocks = _blocks("Our priorities for older people\n\nBy March 2025 we will:\n"
                     "- Open a second memory clinic in the east of the borough.\n"
                     "- Train every care home in the falls pathway by June 2024.")
    items = [b for b in blocks if b.kind == "list_item"]
    assert [d.end for d in items[0].scope_dates] == ["2025-03-31"]
    assert [d.end for d in items[1].scope_dates] == ["2025-03-31"]  # (its own date still wins: kb.extract.pipeline)


@pytest.mark.parametrize(("text", "end"), [
    ("By 2026, except where shown, we will... Owner Support", "2026-12-31"),
    ("By March 2025 the partnership will… Owner", "2025-03-31"),
])
def test_a_dated_header_that_each_row_completes(text, end):
    due = dated_table_header(text, MAY_2023)
    assert due is not None and due.end == end


@pytest.mark.parametrize("text", [
    "We will... Owner Support",  # no date
    "By 2026 we will review the plan with partners and publish the results.",  # a sentence, not a header
])
def test_not_a_dated_header(text):
    assert dated_table_header(text, MAY_2023) is None


def test_the_rows_under_a_dated_header_take_its_date_and_the_header_is_no_record():
    blocks = _blocks("Greyford Air Quality Action Plan\n\nOur actions\n\n"
                     "By 2026, except where shown, we will... Owner Support\n\n"
                     "Q1 Extend the school streets scheme to ten more primary schools.\n\n"
                     "Q2 Replace the council's diesel vans with electric vans (2024).\n")
    header = [b for b in blocks if b.text.startswith("By 2026")]
    assert header and header[0].kind == "heading"
    rows = [b for b in blocks if b.text.startswith("Q")]
    assert rows and all([d.end for d in b.scope_dates] == ["2026-12-31"] for b in rows)


@pytest.mark.parametrize(("header", "end"), [
    ("By 2026, unless stated, we will...", "2026-12-31"),
    ("By March 2025 the partnership will:", "2025-03-31"),
    ("We will…", None),  # the actions' column, no date
])
def test_a_table_column_header_each_row_completes_heads_its_actions(header, end):
    """The header is the table's header row (the actions' column), not a row; its date schedules the
    rows that give none of their own, and the Lead column beside it names their owners."""
    blocks = _blocks("Greyford Air Quality Action Plan\n\nOur actions\n\n"
                     f"| Ref | {header} | Lead | Partners |\n|---|---|---|---|\n"
                     "| Q1 | Extend the school streets scheme to ten more primary schools. | Highways Team | Schools |\n"
                     "| Q2 | Replace the diesel vans with electric vans (2024). | Fleet Services | |\n")
    assert not [b for b in blocks if header.rstrip(".…:") in b.text]
    rows = {b.text.split()[0]: b for b in blocks if b.text.startswith(("Extend", "Replace"))}
    assert set(rows) == {"Extend", "Replace"}
    assert [d.end for d in rows["Extend"].scope_dates] == ([end] if end else [])
    assert rows["Extend"].fields.get("owner") == "Highways Team"


def test_a_header_cell_that_is_a_sentence_is_no_lead():
    from kb.layout.structure import rows_complete

    assert rows_complete("We will…") and rows_complete("By 2026, unless stated, we will...")
    assert not rows_complete("We will review the plan with partners and publish the results.")
    assert not rows_complete("Will")


def para(**kw) -> Block:
    return Block("paragraph", "", **kw)


def item(**kw) -> Block:
    return Block("list_item", "", **kw)


STUDY = "The aims of the survey include the following:"


@pytest.mark.parametrize(("text", "block", "accepted"), [
    # what a piece of research sets out to learn
    ("To understand how parents choose a nursery place", item(intro=STUDY, forward_context=True), False),
    ("Exploring why some carers do not ask for a break", item(intro=STUDY, forward_context=True), False),
    # ... but a plan's aims are its undertakings
    ("To open two new nurseries in the north of the borough", item(intro=STUDY, forward_context=True), True),
    ("To understand how parents choose a nursery place",
     item(intro="By 2025 the council will:", forward_context=True), True),
    ("The purpose of this survey was to hear from carers about respite care.", para(), False),
    ("A qualitative approach was adopted for the interviews.", para(), False),
    # a need that may arise
    ("Some residents may need to renew their parking permit online.", para(), False),
    ("Some pupils might have to travel further while the school is rebuilt.", para(), False),
    ("We may need to find a second site for the depot.", para(), True),  # the body's own tentative plan
    ("We will need to renew the contract by March 2025.", para(), True),
    # how much something matters
    ("Offering evening clinics for working parents is essential for fair access.", para(), False),
    ("Joining up the two booking systems is vital for patients.", para(), False),
    ("Offering evening clinics for working parents from April 2024.", item(forward_context=True), True),
])
def test_study_aims_possible_needs_and_judgements_of_value(text, block, accepted):
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    ("The following sections of this report will describe what residents told us.", False),
    ("This paper will set out the options for the new library.", False),
    ("A copy of this paper will go to the parks scrutiny panel in June.", True),
    ("Prefer not to say – 4%", False),
    ("Prefer to self-describe (3) Non-binary (4)", False),  # a chart's legend, each label with its count
    ("Develop the plan (2)", True),  # one bracketed number may be a note's mark
    ("Aged 65 and over - 12.5%", False),
    ("We will cut the waiting list by 5% by 2025.", True),
])
def test_a_document_telling_its_contents_and_chart_labels(text, accepted):
    assert decide(text, para()).accept is accepted


def test_words_in_quotation_marks_are_someones_view():
    from kb.extract.pipeline import _OUR_PLEDGE, _QUOTED_AIM, _quoted

    units = ["Residents told us about the bus service.", "“The new timetable should be printed at every stop.",
             "It is hard to read online.”", "We will print the timetable at every stop by May 2024.",
             "finish the cycle path before the winter.”"]
    assert _quoted(units) == [False, True, True, False, True]
    # an export that opens a quotation with a straight mark and closes it with a curly one (or a
    # straight one); a title in straight marks inside a sentence quotes no one
    assert _quoted(['"I waited three weeks for a call back.', 'Nobody explained why.”', "We will fix it."]) \
        == [True, True, False]
    assert _quoted(['"The clinic was closed again."', "We will reopen it in May."]) == [True, False]
    assert _quoted(['The plan is called "Better Lives".', "We will publish it."]) == [False, False]
    assert _QUOTED_AIM.match("“To make the borough a place where everyone can age well”")
    assert _OUR_PLEDGE.search("“We will reopen the library in the spring,” said the leader.")
    # a body's quoted statement speaks for it ("we have decided to", "our networks will"); a
    # resident's comment tells what happened to them or says what will never happen
    assert _OUR_PLEDGE.search("“We have decided to give the networks more time to plan the change.")
    assert _OUR_PLEDGE.search("Over the winter, all of our care networks will be asked to open on Saturdays.")
    assert not _OUR_PLEDGE.search("“Our surgery will never answer the phone before ten.”")
    assert not _OUR_PLEDGE.search("“We waited six hours and nobody told us why.”")


@pytest.mark.parametrize(("unit", "parts"), [
    # a table printed flat: the action's full stop straight before the next cell
    ("Q1 Extend the school streets scheme to ten schools.Transport Team Council, schools",
     ["Q1 Extend the school streets scheme to ten schools.", "Transport Team Council, schools"]),
    # ... but a later cell with a date keeps the row whole, its timescale with its action
    ("Replace the street lights with LEDs.Lower energy bills.Complete by March 2025.",
     ["Replace the street lights with LEDs.Lower energy bills.Complete by March 2025."]),
    # a row label run into its action
    ("Street lightingReplace the street lights with LEDs.", ["Replace the street lights with LEDs."]),
    ("Outreach and engagementB2 Establish a drop-in advice hub in the library.",
     ["B2 Establish a drop-in advice hub in the library."]),
    # not a label: a brand or a name written in one word, a sentence with its spaces
    ("Staff will keep their files on OneDrive from April.", ["Staff will keep their files on OneDrive from April."]),
    ("The McAllister review will report in May.", ["The McAllister review will report in May."]),
    ("See the website at www.greyford.gov.uk.", ["See the website at www.greyford.gov.uk."]),
])
def test_cells_run_together_by_a_text_export(unit, parts):
    from kb.extract.pipeline import _glued_cells, _without_glued_label

    assert [_without_glued_label(p) for p in _glued_cells(unit)] == parts
