"""A spreadsheet tracker saved as comma-separated values and published as a text file.  Every line
here is written for these tests."""

from __future__ import annotations

import pytest

from kb.sources.spreadsheet import spreadsheet_lines

_TRACKER = (
    "Brayford Borough Council - Parks Action Plan 2021-2024,,,,\n"
    "TRACKER - POSITION AT 31/03/2024,,,,\n"
    ",,,,\n"
    "Ref,Action,Lead,Status,Comments\n"
    "PARKS,,,,\n"
    'P1,"Refurbish the play area at Mill Lane, with new swings",Parks Team,Complete,"Mar 24: Opened in May 2023.\n'
    'Sep 22: Contractor appointed."\n'
    'P2,Plant 500 trees in the town parks,Tree Officer,Delayed,"Mar 24: 210 planted; the rest ""on hold"" for funding."\n'
    "P3,Open a cafe in Hale Park,Parks Team,Withdrawn,Mar 24: No operator came forward.\n"
)


def test_a_comma_separated_tracker_reads_as_tab_separated_rows():
    assert spreadsheet_lines(_TRACKER) == [
        (1, "Brayford Borough Council - Parks Action Plan 2021-2024"),
        (2, "TRACKER - POSITION AT 31/03/2024"),
        (3, ""),
        (4, "Ref\tAction\tLead\tStatus\tComments"),
        (5, "PARKS\t\t\t\t"),  # a group's title across the table, between its rows
        (6, "P1\tRefurbish the play area at Mill Lane, with new swings\tParks Team\tComplete\t"
            "Mar 24: Opened in May 2023. <br> Sep 22: Contractor appointed."),
        (8, 'P2\tPlant 500 trees in the town parks\tTree Officer\tDelayed\tMar 24: 210 planted; the rest "on hold" '
            "for funding."),
        (9, "P3\tOpen a cafe in Hale Park\tParks Team\tWithdrawn\tMar 24: No operator came forward."),
    ]


@pytest.mark.parametrize("text", [
    # prose whose lines hold commas, but not the same number on every line
    "We will, with our partners, open a hub.\nIt will open in May, June or July.\nThat is all.\nMore, more.\nEnd.\n",
    # two columns are a list of pairs, not a sheet
    "a,b\nc,d\ne,f\ng,h\ni,j\nk,l\n",
    # a sheet too short to tell from a few lines of prose
    "Ref,Action,Status\n1,Open a hub,Complete\n",
    # the same count of cells on every line, but never two of them filled
    "Title,,\nMore text,,\nAnd more,,\nStill more,,\nThe end,,\n",
])
def test_text_that_is_no_comma_separated_sheet_is_left_as_it_is(text):
    assert spreadsheet_lines(text) is None


def test_a_tracker_exported_as_comma_separated_values_gives_each_action_its_status(tmp_path):
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2021-05_brayford-bc_parks-action-plan_2021-24.txt":
        "Brayford Borough Council\n\nParks Action Plan 2021-2024\n\n"
        "Ref\tAction\tLead\tBy when\n"
        "P1\tRefurbish the play area at Mill Lane, with new swings\tParks Team\tMarch 2023\n"
        "P2\tPlant 500 trees in the town parks\tTree Officer\tMarch 2024\n"
        "P3\tOpen a cafe in Hale Park\tParks Team\tMarch 2022\n",
        "2024-05_brayford-bc_parks-action-plan-tracker-final.txt": _TRACKER,
    })
    statuses = {c.text: kb.trace(c.id).status for c in kb.commitments() if c.doc_id.startswith("2021")}
    assert statuses == {"Refurbish the play area at Mill Lane, with new swings": "delivered",
                        "Plant 500 trees in the town parks": "overdue",
                        "Open a cafe in Hale Park": "revised"}


_CELL = r'[A-Za-z,"][A-Za-z ,"]{0,8}[A-Za-z,"]'


def test_any_sheet_of_filled_cells_reads_back_cell_for_cell():
    import csv
    import io

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.integers(min_value=3, max_value=6).flatmap(
        lambda width: st.lists(st.lists(st.from_regex(_CELL, fullmatch=True), min_size=width, max_size=width),
                               min_size=5, max_size=12)))
    def check(rows):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        assert spreadsheet_lines(out.getvalue()) == [(n, "\t".join(row)) for n, row in enumerate(rows, start=1)]

    check()
