"""Verdicts told in reported speech, as a committee's minutes record an officer's verbal update ("Solar
PV (action 9) remained in progress", "she reported that actions 7 and 8 were delayed"), and plans that
number an action in a sentence ("Action 11 is to ...").  Every line here is written for these tests."""

from __future__ import annotations

import pytest

from kb.layout.fields import stated_status
from kb.layout.narrative import numbered_verdicts
from kb.model import Commitment
from kb.trace.progress import reference_of


@pytest.mark.parametrize("text, verdicts", [
    ("12.4 Tree planting (action 3) remained in progress.", [("3", "in progress")]),
    ("She reported that actions 5 and 6 were delayed by the contractor.", [("5", "delayed"), ("6", "delayed")]),
    ("The Director said that action 14 was complete and should have been on the list.", [("14", "complete")]),
    ("12.6 The cycle hub (action 8) was also partially complete: the showers are not yet open.",
     [("8", "partially complete")]),
    # the verdict stops at its full stop, though a figure opens the next sentence
    ("The target (action 2) had not been achieved. 38 of the 60 points are in.", [("2", "not achieved")]),
    # a question, or a number with no verdict after it
    ("A member asked whether action 4 had been delivered.", []),
    ("The heat plan (action 6) was discussed at length.", []),
])
def test_verdicts_on_actions_named_by_the_word_and_a_number(text, verdicts):
    assert numbered_verdicts(text) == verdicts


@pytest.mark.parametrize("clause, status", [
    ("was also partially complete", "partially complete"), ("is still in progress", "in progress"),
    ("had already been completed", "completed"),
])
def test_a_status_stated_after_an_adverb(clause, status):
    assert stated_status(f"The hub {clause}") == status


@pytest.mark.parametrize("text, ref", [
    ("Action 11 is to put in 60 charge points for staff and visitors by March 2023.", "11"),
    ("Action 4: Replace the boilers at the civic centre.", "4"),
    ("Milestone M4.2: Two crisis cafés will open in the city centre.", "m4.2"),
    ("Actions like this one are to be welcomed.", ""),
])
def test_an_action_numbered_in_its_own_sentence(text, ref):
    c = Commitment(id="x", doc_id="d", kind="commitment", text=text, section="Travel", page=None, line=1)
    assert reference_of(c) == ref


@pytest.mark.parametrize("cell, status", [
    ("Completed Jun 2022", "Completed"), ("Delivered in March 2023", "Delivered"),
    ("Closed 31 May 2024 (see 4.2)", "Closed"), ("Completed 2023/24", "Completed"),
    ("Expected Jul 2025", None), ("June 2022", None), ("Mar 2023, Mar 2024 and Mar 2025", None),
])
def test_a_status_dated_in_its_cell(cell, status):
    from kb.layout.fields import dated_status

    assert dated_status(cell) == status


def test_a_completion_column_that_says_completed_rates_its_row():
    from datetime import date

    from kb.layout.structure import build_blocks
    from kb.sources.base import SourceLine

    text = ("Ref\tAction\tLead\tCompletion (actual or expected)\tUpdate\n"
            "1.1\tRun a campaign in Carers Week\tCarers Centre\tCompleted Jun 2022\tThe campaign ran in June 2022.\n"
            "1.2\tCarer flag on the patient record\tHospital\tExpected Dec 2025\tThe new record goes live in December.\n")
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    fields = {b.text: b.fields for b in build_blocks(lines, date(2025, 5, 1)) if b.kind == "cell"}
    assert fields["Run a campaign in Carers Week"].get("status") == "Completed Jun 2022"
    assert "status" not in fields["Carer flag on the patient record"]
    assert fields["Carer flag on the patient record"].get("due") == "Expected Dec 2025"
