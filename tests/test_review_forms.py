"""Review tables as bodies fill them in: a tick in one of several status columns, a "Date completed"
column instead of a status, two ratings in one cell (last quarter's and this quarter's), a word
processor's unfilled form fields; and two readings of the plan side: a group title beside its first
row that happens to hold "risk", and a pledge with an aside between dashes.  Every line here is
written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.judge import judge, without_dash_aside
from kb.layout.fields import progress_of
from kb.layout.structure import _completed_on, _ticked_status, _unfilled_blank

_TICKS_HEADER = ["Ref", "Action", "Met", "Partially met", "Not met"]


@pytest.mark.parametrize("cells, status", [
    (["2.1", "Carers' cafés", "✓", "", ""], "Met (✓)"),
    (["2.2", "Carer passport", "", "✔", ""], "Partially met (✔)"),
    (["2.3", "Young carers' breaks", "", "", "X"], "Not met (X)"),
    (["2.4", "Advice line", "", "", ""], None),  # nothing marked
    (["2.5", "Respite beds", "✓", "✓", ""], None),  # two marked: no verdict
    (["2.6", "Carer leads", "✗", "", ""], None),  # a cross says no, it picks no column
])
def test_a_tick_in_one_of_several_status_columns_is_the_rows_status(cells, status):
    assert _ticked_status(cells, _TICKS_HEADER) == status


def test_a_tick_under_columns_that_are_no_statuses_is_no_status():
    # "Year 1 | Year 2" ticks schedule a row, they do not rate it
    assert _ticked_status(["1", "Open the hub", "✓", ""], ["Ref", "Action", "Year 1", "Year 2"]) is None


@pytest.mark.parametrize("header, cells, status", [
    (["Ref", "Action", "Date completed", "Comments"], ["1.1", "Open the hub", "Feb-24", "Opened."], "Completed (Feb-24)"),
    (["Ref", "Action", "Completed", "Comments"], ["1.2", "Train staff", "March 2023", ""], "Completed (March 2023)"),
    (["Ref", "Action", "Date completed", "Comments"], ["1.3", "Buy homes", "", "Ongoing."], None),
    # a date after the review's own is a plan's date, not one met
    (["Ref", "Action", "Date completed", "Comments"], ["1.4", "Sell the depot", "March 2027", ""], None),
    # a target date is no date done
    (["Ref", "Action", "Target date", "Comments"], ["1.5", "Open a café", "March 2023", ""], None),
])
def test_a_date_under_a_date_completed_header_says_the_row_was_completed(header, cells, status):
    assert _completed_on(cells, header, dt.date(2025, 5, 1), None) == status


@pytest.mark.parametrize("value, report", [
    # two ratings in one cell, last quarter's and this quarter's: the latest
    ("Amber / Red", "unmet"),
    ("On target / Achieved", "done"),
    ("Green → Blue", "done"),
    ("Behind target / On target", "ongoing"),
    ("Red", "unmet"),
    # a tracker's grades of delay and worry, and its words for undone, dropped and part done
    ("Minor slippage", "ongoing"),
    ("Some concerns", "ongoing"),
    ("Significant slippage", "unmet"),
    ("Major concerns", "unmet"),
    ("Remains outstanding", "unmet"),
    ("No longer being pursued", "revised"),
    ("Partial progress", "ongoing"),
])
def test_a_review_forms_status_words(value, report):
    assert progress_of(value) == report


@pytest.mark.parametrize("cell, blank", [
    ("Choose an item.", True),
    ("Click or tap to enter a date.", True),
    ("Click here to enter text.", True),
    ("Choose an item for each ward", False),
    ("Complete", False),
])
def test_a_word_processors_unfilled_form_field_is_an_empty_cell(cell, blank):
    assert (_unfilled_blank(cell) == "") is blank


@pytest.mark.parametrize("text, without", [
    ("We will meet the two-week standard – nine in ten people seen by a specialist within a fortnight – by March 2026.",
     "We will meet the two-week standard by March 2026."),
    # a row printed with dashes between short cells has no aside
    ("Open the hub – March 2025 – the ICB", None),
    ("Open the hub - March 2025 - Housing Options Manager", None),
    ("No dashes in this sentence at all.", None),
])
def test_an_aside_between_spaced_dashes(text, without):
    assert without_dash_aside(text) == without


def test_a_pledge_whose_aside_has_its_own_verb_is_still_a_pledge():
    j = judge("With the county council, we will meet the reablement standard – 80% of people discharged home "
              "still living there after 91 days, as the national measure counts them – by March 2025.")
    assert j.pledge and "dash aside" in j.flags


def test_review_forms_end_to_end(tmp_path):
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2022-04_brackley-trust_carers-strategy_2022-25.txt":
        "Brackley Community NHS Trust\n\nCarers Strategy 2022-2025\n\nAction plan\n\n"
        "Objective\tRef\tAction\tLead\tBy\n"
        "1. Carers known to us\t1.1\tRecord the details of every patient's carer within 72 hours of admission\tWard managers\tMarch 2023\n"
        "\t1.2\tOpen a carers' café at each of our three hospitals\tCarers lead\tMarch 2024\n"
        "2. Support for carers at greater risk\t2.1\tFund a young carers' worker in every locality\tHead of patient experience\tMarch 2024\n"
        "\t2.2\tGive every carer a named contact on the ward\tWard managers\tMarch 2025\n",
        "2025-06_brackley-trust_carers-strategy-review.txt":
        "Brackley Community NHS Trust\n\nCarers Strategy 2022-2025: final review\n\n"
        "Ref\tAction\tMet\tPartially met\tNot met\n"
        "1.1\tCarer details within 72 hours\t✓\t\t\n"
        "1.2\tCarers' cafés at three hospitals\t\t✓\t\n"
        "2.2\tNamed contact for carers on the ward\t\t\t✓\n\n"
        "Completed actions\n\n"
        "Ref\tAction\tLead\tDate completed\tClosing comments\n"
        "2.1\tYoung carers' worker in every locality\tHead of patient experience\tJan-24\tAll three workers in post.\n",
    })
    plan = {c.text: c for c in kb.commitments() if c.doc_id.startswith("2022")}
    statuses = {text[:30]: kb.trace(c.id).status for text, c in plan.items()}
    assert statuses == {
        "Record the details of every pa": "delivered",
        "Open a carers' café at each of": "in progress",
        "Fund a young carers' worker in": "delivered",  # a group title holding "risk" is no risks row
        "Give every carer a named conta": "overdue",
    }


def test_a_table_split_by_a_blank_line_goes_on_under_its_header(tmp_path):
    # the rows after the blank line leave the first column empty: the group cell above spans them
    # (rows that fill it may be a table of their own: tests/test_review_layouts.py)
    from kb.sources import load_document

    path = tmp_path / "2025-06_brackley-trust_review.txt"
    path.write_text(
        "Brackley Community NHS Trust\n\nCarers Strategy review\n\n"
        "Theme\tAction\tUpdate\tStatus\n"
        "Carers\tCarers' café at each hospital\tTwo of three cafés are open.\tPartially achieved\n"
        "\tNamed ward contact for carers\tEvery ward has one.\tAchieved\n\n"
        "\tYoung carers' worker\tThe post was not funded.\tNot achieved\n", encoding="utf-8")
    rows = {b.text: b.fields.get("status") for b in load_document(path, {}).blocks if b.column == "Action"}
    assert rows["Young carers' worker"] == "Not achieved"
