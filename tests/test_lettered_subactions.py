"""Plans that letter the actions under a numbered objective ("3a. ...", "3b) ...") and reviews that
rate them one by one in their objective's row ("a) Complete; b) Ongoing; c) Not started"), with the
update covering them in turn.  Every line here is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kb.layout.fields import LetteredStatus, label_role, lettered_statuses
from kb.layout.structure import build_blocks
from kb.sources.base import SourceLine


def blocks_of(text: str):
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    return build_blocks(lines, date(2024, 9, 1))


@pytest.mark.parametrize("cell, entries", [
    ("a) Complete; b) Ongoing; c) Not started",
     [("a", "Complete"), ("b", "Ongoing"), ("c", "Not started")]),
    ("a) Complete (June 2022)<br>b) Delayed", [("a", "Complete (June 2022)"), ("b", "Delayed")]),
    # in the order the review lists them, not the letters'
    ("c) Complete; a) Delayed", [("c", "Complete"), ("a", "Delayed")]),
    # one entry told with another row, one naming another objective's sub-action whole
    ("a) Ongoing; b) Complete; c) see Objective 4", [("a", "Ongoing"), ("b", "Complete"), ("c", None)]),
    ("a) Complete<br>(5b) Withdrawn", [("a", "Complete"), ("5b", "Withdrawn")]),
    # run together on one line, as a PDF's cell prints them
    ("a) Complete (May 2023) b) Delayed c) Withdrawn",
     [("a", "Complete (May 2023)"), ("b", "Delayed"), ("c", "Withdrawn")]),
    # no lettered rating: a status, a sentence, a single entry, letters repeated
    ("Complete", []), ("a) the depot will open in May; b) the fleet is ordered", []),
    ("a) Complete", []), ("a) Complete; a) Ongoing", []),
])
def test_a_status_cell_that_rates_lettered_sub_actions(cell, entries):
    assert lettered_statuses(cell) == [LetteredStatus(ref, status) for ref, status in entries]


@pytest.mark.parametrize("header, role", [
    ("Status of actions", "status"), ("Progress of the deliverables", "status"), ("Update on each action", "update"),
    ("Lead of actions", None),  # what comes before "of" must itself be a status
])
def test_a_status_header_qualified_by_what_it_rates(header, role):
    assert label_role(header) == role


_REVIEW = ("Appendix A: position at 31 March 2024\n\n"
           "No.\tObjective\tStatus of actions\tProgress to 31 March 2024\tLead\n"
           "{rows}")


def _rows(text: str) -> dict[str, tuple[str, str | None]]:
    """Each record-bearing cell of the review's table: its row label -> (text, status), several
    cells of one label joined."""
    out: dict[str, tuple[str, str | None]] = {}
    for b in blocks_of(_REVIEW.format(rows=text)):
        if b.kind == "cell" and b.row_label:
            seen = out.get(b.row_label)
            out[b.row_label] = (f"{seen[0]} | {b.text}" if seen else b.text,
                                seen[1] if seen and seen[1] else b.fields.get("status"))
    return out


def test_each_lettered_sub_action_becomes_a_row_with_its_own_status_and_part_of_the_update():
    rows = _rows("3\tBetter bus links\ta) Complete; b) Ongoing; c) Not started\t"
                 "<p>(a) The night bus has run since May 2022.</p>"
                 "<p>(b) Real-time signs are going up at 40 stops; 25 are done.</p>"
                 "<p>(c) No work has begun on the park and ride.</p>\tTransport Manager\n")
    assert rows == {
        "3": ("Better bus links", None),
        "3a": ("(a) The night bus has run since May 2022.", "Complete"),
        "3b": ("(b) Real-time signs are going up at 40 stops; 25 are done.", "Ongoing"),
        "3c": ("(c) No work has begun on the park and ride.", "Not started"),
    }


def test_an_update_without_letters_is_shared_in_order_when_it_has_a_paragraph_each():
    rows = _rows("5\tWarm homes\tb) Complete<br>a) Delayed\t"
                 "<p>The grant leaflet went to every home in 2022.</p>"
                 "<p>The loft insulation scheme is waiting for its contractor.</p>\tHousing\n")
    assert rows["5b"] == ("The grant leaflet went to every home in 2022.", "Complete")
    assert rows["5a"] == ("The loft insulation scheme is waiting for its contractor.", "Delayed")


def test_an_update_that_cannot_be_shared_out_tells_of_every_sub_action():
    rows = _rows("2\tTown centres\ta) Complete; b) Delayed; c) see Objective 6\t"
                 "Forty shopfronts were repainted. The market move waits for the square to be resurfaced.\tLead\n")
    both = "Forty shopfronts were repainted. The market move waits for the square to be resurfaced."
    assert rows["2a"] == (both, "Complete") and rows["2b"] == (both, "Delayed")
    assert "2c" not in rows  # told with objective 6's row


def test_a_row_rated_by_one_status_is_left_whole():
    rows = _rows("4\tParks\tComplete\tThe new play area opened in 2023.\tParks Officer\n")
    assert set(rows) == {"4"} and rows["4"][1] == "Complete"


def test_lettered_actions_under_an_objective_keep_their_numbers(tmp_path):
    """An objective's lettered actions, indented under "What we will do", each keep the number a
    review names them by, and the review's row for the objective rates each one."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2021-05_brackley-dc_transport-strategy_2021-24.txt":
        "Brackley District Council\n\nTransport Strategy 2021-2024\n\n**Objective 3: Better bus links**\n\n"
        "Buses are the only way many of our residents can reach work.\n\nWhat we will do\n\n"
        "  3a. We will start a night bus between Brackley and Hinton by May 2022.\n"
        "  3b. Install real-time information signs at 40 bus stops by March 2024.\n"
        "  3c. We will open a park and ride site at Greyfield by 2024.\n\n"
        "Who will lead: Transport Manager\n",
        "2024-09_brackley-dc_transport-strategy-final-review.txt":
        "Brackley District Council\n\nTransport Strategy 2021-2024: final review\n\n" + _REVIEW.format(rows=(
            "3\tBetter bus links\ta) Complete; b) Ongoing; c) Not started\t"
            "<p>(a) The night bus started in May 2022 and carries 9,000 journeys a year.</p>"
            "<p>(b) Real-time signs are going up at the stops; 25 of 40 are done.</p>"
            "<p>(c) No work has begun on the park and ride at Greyfield.</p>\tTransport Manager\n")),
    })
    recs = {c.text: c for c in kb.commitments(include_evidence=True)}
    actions = {t: recs[t] for t in recs if t[:3] in ("3a.", "3b.", "3c.")}
    assert len(actions) == 3
    statuses = {t[:2]: kb.trace(c.id).status for t, c in actions.items()}
    assert statuses == {"3a": "delivered", "3b": "in progress", "3c": "overdue"}


@pytest.mark.parametrize("text, sentences", [
    ("3a. We will fund a night bus from May 2022. 3b. Install signs at 40 stops.",
     ["3a. We will fund a night bus from May 2022.", "3b. Install signs at 40 stops."]),
    ("4b) Open two pocket parks in the town centre with the county council.",
     ["4b) Open two pocket parks in the town centre with the county council."]),
])
def test_an_items_own_number_stays_with_its_sentence(text, sentences):
    from kb.extract.nlp import split_sentences

    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text, rest", [
    ("3b. Install signs at 40 stops", "Install signs at 40 stops"),
    ("3b) Install signs at 40 stops", "Install signs at 40 stops"),
    ("2.4 Train staff", "Train staff"),
    ("3 buses will run", "3 buses will run"),  # a count, no number of the item
])
def test_a_lettered_number_is_no_word_of_the_action(text, rest):
    from kb.extract.classify import without_reference_number

    assert without_reference_number(text) == rest


def test_indented_lettered_actions_are_items_of_a_list_that_keep_their_numbers():
    items = [(b.kind, b.text) for b in blocks_of("What we will do\n\n  4a. We will plant 500 street trees by 2023.\n"
                                                 "  4b. Two pocket parks in the town centre.\n")
             if b.kind != "heading"]
    assert items[-2:] == [("list_item", "4a. We will plant 500 street trees by 2023."),
                          ("list_item", "4b. Two pocket parks in the town centre.")]


def test_a_line_opening_with_a_number_and_letter_alone_is_no_list():
    items = [(b.kind, b.text) for b in blocks_of("The plan has four parts.\n\n"
                                                 "2a. The first part sets out the budget for 2023.\n")]
    assert items[-1] == ("paragraph", "2a. The first part sets out the budget for 2023.")


def test_of_two_status_columns_the_one_told_in_prose_is_the_update():
    text = ("Ref\tAction\tRAG\tProgress\n"
            "1.1\tOpen a wellbeing hub\tGreen\tThe hub opened in May 2023 after the lease was signed.\n"
            "1.2\tTrain 40 mental health first aiders\tAmber\tTwenty-two staff have been trained so far this year.\n")
    action = next(b for b in blocks_of(text) if b.text == "Open a wellbeing hub")
    assert action.fields.get("status") == "Green"
    assert action.fields.get("update") == "The hub opened in May 2023 after the lease was signed."
