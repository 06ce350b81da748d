"""A review written as prose, action by action, each account closing on a verdict (kb.layout.narrative)."""

from __future__ import annotations

import pytest

from kb.layout.fields import progress_of
from kb.layout.narrative import numbered_verdicts, paragraph_verdict, sentence_verdict


def _statuses(path):
    """Each block of the document that reports a status, by its text (its action's title)."""
    from kb.sources import load_document

    return {b.text: b.fields.get("status") for b in load_document(path, {}).blocks if b.fields.get("status")}


@pytest.mark.parametrize("sentence, report", [
    ("Status: Achieved.", "done"), ("Status: partially met.", "ongoing"), ("RAG rating – amber", "ongoing"),
    ("Overall assessment: not achieved", "unmet"),
    ("Partially met – see recommendation R3.", "ongoing"), ("Not achieved.", "unmet"), ("Achieved.", "done"),
    ("Superseded by the county's joint contract.", "revised"),
    ("This action was superseded by the regional scheme.", "revised"),
    ("This action is only partly met.", "ongoing"),
    ("We are satisfied that this has been delivered.", "done"),
    ("The panel considers this action partially met.", "ongoing"),
    ("The panel does not consider this action achieved, because the post has ended.", "unmet"),
    ("This delivery plan action was never delivered.", "unmet"),
    ("Its status is On track, with no change since last year.", "ongoing"),
    ("The rating is Red because the bid failed.", "unmet"),
    ("We record this commitment as not delivered.", "unmet"),
    # findings, not verdicts: a thing done in the past, an imperative, a plan's sentence
    ("The leaflet was printed in March 2022 and sent to every surgery.", None),
    ("The service was delivered by volunteers in 2022.", None),
    ("Complete the survey of every depot.", None),
    ("Status of the scheme is explained below.", None),
    # a plan's timescale, and a question or a share, are no verdicts
    ("Ongoing.", None), ("Ongoing - reviewed at the end of March each year", None),
    ("Each lead was asked whether it had been delivered and whether it should continue.", None),
    ("The lead's estimate of how much of the commitment has been delivered is shown.", None),
])
def test_a_verdict_sentence_reads_as_the_status_it_gives(sentence, report):
    verdict = sentence_verdict(sentence)
    assert (progress_of(verdict) if verdict else None) == report


def test_a_status_in_brackets_closing_a_paragraph_is_its_verdict():
    assert paragraph_verdict("The plan promised a stall at every fair. A stall ran at each of them. (Complete)") \
        == "Complete"
    assert paragraph_verdict("The stall (in the market hall) ran every Saturday.") is None


@pytest.mark.parametrize("text, verdicts", [
    ("The library gained its award in May, and we count CS2.1 as achieved. The museum withdrew its bid. "
     "CS2.2 is not achieved – see recommendation R4.", [("CS2.1", "achieved"), ("CS2.2", "not achieved")]),
    ("The panel considers T3.2 achieved and T3.3 partially met.", [("T3.2", "achieved"), ("T3.3", "partially met")]),
    ("Action 2.4 was delivered in May.", [("2.4", "delivered")]),
    ("HW-23/2 has not been delivered.", [("HW-23/2", "not delivered")]),
    ("The budget for 2023/24 was set in March.", []),
    # several actions listed by number under one verdict, a run spelled out
    ("The following actions were complete by March 2024: T1.1, T1.3 and T2.1–T2.3.",
     [("T1.1", "complete"), ("T1.3", "complete"), ("T2.1", "complete"), ("T2.2", "complete"), ("T2.3", "complete")]),
    ("Actions 4.1, 4.2 and 5.3 have not been achieved.", [("4.1", "not achieved"), ("4.2", "not achieved"),
                                                          ("5.3", "not achieved")]),
    ("Withdrawn: C2 and C5.", [("C2", "Withdrawn"), ("C5", "Withdrawn")]),
    ("Priorities 1 and 2 were agreed in 2021.", []), ("Recommendations: 1.1 and 1.2.", []),
    ("The wards visited were 4, 5 and 7.", []),
    # an action named with its number in brackets, then its status
    ("Flood works at 30 places on the road network (A2) are Delayed ▼. Works are done at 18.", [("A2", "Delayed")]),
    ("Cooled rooms in the care homes (A3): Not started.", [("A3", "Not started")]),
    ("The new hub (H2) is in Tarnby.", []),
])
def test_verdicts_given_actions_by_number(text, verdicts):
    assert numbered_verdicts(text) == verdicts


REVIEW = """Marlow Vale Borough Council

Scrutiny review of the Cost of Living Action Plan

Priority 1 – Advice

**Warm spaces in libraries (CL1.1).** All six libraries opened warm spaces in November 2022 and 4,100 \
visits were recorded that winter. Staff were trained to give advice on grants and debt.

Status: Achieved.

The plan also promised a cost of living leaflet for every household. The leaflet was drafted but never \
printed, because the council tax mailing it was to go with was moved online.

Not achieved – see recommendation R2.

**Debt advice at the jobcentre (CL1.3).** The advice sessions started in January 2023, a quarter late, and \
run one day a week instead of two. The panel considers this action partially met.

**Food bank vouchers online.** This action was superseded by the county's household support fund portal.
"""

PLAN = """Marlow Vale Borough Council

Cost of Living Action Plan 2022-2024

Priority 1 – Advice

We will:

- open warm spaces in all six libraries this winter (CL1.1)
- send a cost of living leaflet to every household with the council tax bills
- run debt advice sessions at the jobcentre two days a week (CL1.3)
- offer food bank vouchers online
"""


def test_a_prose_review_reports_each_action_by_its_closing_verdict(tmp_path):
    """Each account in a review written as prose (a bold title, a paragraph restating the action, its
    findings) closes on a verdict in its own words; its title reports that status, and the trace of
    the plan's action reads it."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2022-10_marlow-vale-bc_cost-of-living-action-plan.txt":
        PLAN,
        "2024-07_marlow-vale-bc_cost-of-living-scrutiny-review.txt":
        REVIEW,
    })
    records = kb.commitments(include_evidence=True)
    reported = {c.text: progress_of(c.reported) for c in records if c.reported}
    assert reported["Warm spaces in libraries (CL1.1)"] == "done"
    assert reported["The plan also promised a cost of living leaflet for every household."] == "unmet"
    assert reported["Debt advice at the jobcentre (CL1.3)"] == "ongoing"
    assert reported["Food bank vouchers online"] == "revised"
    seed = next(c for c in records if c.text.startswith("run debt advice sessions"))
    assert kb.trace(seed.id).status == "in progress"


def test_a_status_line_under_a_long_paragraph_is_never_lost(tmp_path):
    # a lone "Status:" line under a paragraph too long to take it as a field: kept as text of its own
    from kb.sources import load_document

    path = tmp_path / "2024-07_marlow-vale-bc_note.txt"
    path.write_text("Marlow Vale Borough Council\n\nWarm spaces\n\nAll six libraries opened warm spaces in November "
                    "2022 and 4,100 visits were recorded that winter, with staff trained to give advice on grants, "
                    "debt and energy bills to anyone who asked. The libraries in Marlow and Vale End stayed open "
                    "until eight in the evening on weekdays, and volunteers from the credit union came every "
                    "Thursday to help people apply for the household support fund.\n\nStatus: Achieved.\n",
                    encoding="utf-8")
    blocks = load_document(path, {}).blocks
    assert any("Status: Achieved" in b.text or b.fields.get("status") == "Achieved." for b in blocks)


def test_a_paragraph_naming_one_action_by_number_opens_its_account(tmp_path):
    """Under a section heading and its introduction, a paragraph that opens by naming one action by
    its number ("Our first commitment, HW-22/1, was ...") is that action's account: its first sentence
    reports the verdict the paragraph closes on, not the section heading."""

    path = tmp_path / "2024-11_tolworth-icb_plan-report.txt"
    path.write_text(
        "Tolworth ICB\n\nFinal report on the plan\n\n5.2 Healthy weight\n\n"
        "The two healthy weight commitments are reported here in text.\n\n"
        "Our first healthy weight commitment, HW-22/1, was to open a family weight clinic in every locality. "
        "Two of four clinics opened. We record this commitment as not delivered.\n\n"
        "Our second commitment, HW-22/2, was to train school nurses. All 40 were trained in 2023. "
        "This action has been delivered.\n", encoding="utf-8")
    actions = _statuses(path)
    assert progress_of(actions["Our first healthy weight commitment, HW-22/1, was to open a family weight clinic "
                               "in every locality."]) == "unmet"
    assert progress_of(actions["Our second commitment, HW-22/2, was to train school nurses."]) == "done"


def test_a_tagged_bullets_detail_lines_are_its_update_not_its_name(tmp_path):
    """A slide's bullet: its first line names the item and carries its tag, the lines under it give
    the detail. The first line is the item (the review row a trace matches), the rest its update."""
    from kb.sources import load_document

    path = tmp_path / "2024-09_tolworth-icb_digital-review.txt"
    path.write_text("Tolworth ICB\n\nDigital plan: year 3 review\n\nMission 1 – Records\n\n"
                    "- Care home record view [Delivered]\n  all 40 care homes see it since May 2023,\n"
                    "  viewed 900 times a month\n- Social care records [Delayed]\n  one council waits for a new system\n",
                    encoding="utf-8")
    items = {b.text: b.fields for b in load_document(path, {}).blocks if b.fields.get("status")}
    assert progress_of(items["Care home record view [Delivered]"]["status"]) == "done"
    assert items["Care home record view [Delivered]"]["update"].startswith("all 40 care homes")
    assert progress_of(items["Social care records [Delayed]"]["status"]) == "unmet"


def _status_blocks(tmp_path, text: str) -> dict[str, dict[str, str]]:
    from kb.sources import load_document

    path = tmp_path / "2024-09_tolworth-icb_digital-review.txt"
    path.write_text(text, encoding="utf-8")
    return {b.text: b.fields for b in load_document(path, {}).blocks}


def test_a_tagged_bullets_detail_printed_as_a_paragraph_apart_is_still_its_update(tmp_path):
    """As a slide's sub-text comes out of a PDF: each item's detail a paragraph of its own under it.
    In a list of tagged items the paragraph between two items is the item's; a lead-in is not."""
    blocks = _status_blocks(tmp_path, (
        "Tolworth ICB\n\nDigital plan: year 3 review\n\nMission 1 – Records\n\n"
        "- Care home record view [Delivered]\n\nall 40 care homes see it since May 2023\n\n"
        "- Hospice records in the shared record – one hospice live;\n\nthe other waits for its supplier [Partly delivered]\n\n"
        "- Social care records [Delayed]\n\none council waits for a new system\n\nThe following were stopped:\n\n"
        "- The care app [Stopped]\n- The data lake [Stopped]\n\nThe board agreed the carry-forward list in July.\n"))
    care_home = blocks["Care home record view [Delivered]"]
    assert progress_of(care_home["status"]) == "done" and care_home["update"] == "all 40 care homes see it since May 2023"
    assert "Hospice records in the shared record – one hospice live; the other waits for its supplier [Partly delivered]" \
        in blocks
    assert blocks["Social care records [Delayed]"]["update"] == "one council waits for a new system"
    assert "The following were stopped:" in blocks  # a lead-in stays its own paragraph
    assert "The board agreed the carry-forward list in July." in blocks  # prose after the list is not an item's


def test_a_paragraph_among_untagged_bullets_stays_a_paragraph(tmp_path):
    blocks = _status_blocks(tmp_path, (
        "Tolworth ICB\n\nDigital plan\n\nWhat we will do\n\n- Give every care home a record view\n\n"
        "Care homes told us they cannot see discharge letters.\n\n- Bring social care records into the shared record\n"))
    assert "Care homes told us they cannot see discharge letters." in blocks
    assert "Give every care home a record view" in blocks


def test_an_annual_reports_account_under_each_title_closes_on_where_it_stands(tmp_path):
    """An annual report's chapter on a strategy: a bold title paraphrasing each commitment, a
    paragraph or two of findings, and a closing line saying where it stands, in the report's terms."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {"2024-07_tolworth-council_annual-report-2023-24.txt": (
        "Tolworth Council\n\nAnnual report 2023/24\n\n**Our carers strategy: what we said and what we did**\n\n"
        "We report on each commitment below.\n\n"
        "**Breaks for carers**\n\n"
        "The short breaks service opened in May 2022 and gave 640 carers a break in 2023/24, against the 500 "
        "we planned; the waiting time for a first break fell from eleven weeks to three.\n\n"
        "Where this stands: Embedded in business as usual.\n\n"
        "**Support after traumatic events at work**\n\n"
        "Twelve practitioners were trained in 2022 and every team now has one, but the refresher course stopped "
        "when its funding ended in the spring of 2023 and has not yet been replaced by another.\n"
        "Where this stands: Stood down (April 2023).\n\n"
        "**A carers' card**\n\n"
        "Work on the card started late, and a supplier was chosen only in January 2024.\n\n"
        "Where this stands: Well under way.\n")})
    reported = {c.text: progress_of(c.reported) for c in kb.commitments(include_evidence=True) if c.reported}
    assert reported["Breaks for carers"] == "done"
    assert reported["Support after traumatic events at work"] == "revised"
    assert reported["A carers' card"] == "ongoing"


def test_an_item_with_its_own_status_under_a_theme_stays_that_item(tmp_path):
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {"2024-07_tolworth-council_carers-plan-update.txt": (
        "Tolworth Council\n\nCarers plan: update\n\nTheme 3: Breaks\n\n"
        "3.1 Open a short breaks service for carers in every district of the borough by the end of 2023\n"
        "Status: Complete\n\n"
        "3.2 Give every young carer a free leisure pass, with the leisure trust, from September 2022 onwards\n"
        "Status: Delayed\n")})
    reported = {c.text: progress_of(c.reported) for c in kb.commitments(include_evidence=True) if c.reported}
    assert "Theme 3: Breaks" not in reported
    assert reported[next(t for t in reported if t.startswith("3.1 Open a short breaks service"))] == "done"
    assert reported[next(t for t in reported if t.startswith("3.2 Give every young carer"))] == "unmet"


def test_a_bold_label_opening_a_spaced_block_is_no_title_of_it(tmp_path):
    """A review's account of each promise in labelled lines, each set apart as its own paragraph (as a
    PDF spaces them): the bold label ("**We promised:**") names no action; its value does, and the
    lines after it are the update and the status."""
    blocks = _status_blocks(tmp_path, (
        "Tolworth Council\n\nOur promises: two years on\n\nGetting about\n\n"
        "**We promised:** fit a bench at every bus stop on the high street.\n\n"
        "**What happened:** 14 benches were fitted in 2023. Two stops have no room for one.\n\n"
        "**Where it stands:** Partly done.\n\n"
        "**We promised:** run a free bus to the hospital on Sundays.\n\n"
        "**What happened:** The bus has run every Sunday since May 2023.\n\n"
        "**Where it stands:** Done.\n"))
    bench = blocks["We promised: fit a bench at every bus stop on the high street."]
    assert progress_of(bench["status"]) == "ongoing"
    assert "14 benches were fitted" in bench["update"]
    assert "fit a bench" not in bench["update"]
    bus = blocks["We promised: run a free bus to the hospital on Sundays."]
    assert progress_of(bus["status"]) == "done"
    assert "We promised:" not in blocks  # the label alone is never the action's name


def test_each_paragraph_naming_its_action_by_number_is_its_own_account(tmp_path):
    """An annual report's section that reports actions left out of its tables paragraph by paragraph,
    each naming its action by number and giving its status: each paragraph is that action's row."""
    blocks = _status_blocks(tmp_path, (
        "Tolworth Council\n\nAnnual climate report\n\n6. Adapting to a changing climate\n\n"
        "**Climate risk assessment (A1): Delivered.** The plan was adopted in February 2023.\n\n"
        "Flood works at 30 places on the road network (A2) are Delayed. Works are done at 18 of them.\n\n"
        "Cooled rooms in the care homes (A3): Not started. No capital has been set aside.\n"))
    rows = {fields["ref"]: (text, fields) for text, fields in blocks.items() if fields.get("ref")}
    assert set(rows) == {"A1", "A2", "A3"}
    assert rows["A2"][0].startswith("Flood works") and progress_of(rows["A2"][1]["status"]) == "unmet"
    assert rows["A3"][0].startswith("Cooled rooms") and progress_of(rows["A3"][1]["status"]) == "unmet"
    assert progress_of(rows["A1"][1]["status"]) == "done"


def test_a_paragraph_opening_with_a_plain_run_in_title_opens_its_own_account(tmp_path):
    """Under one heading, a paragraph that opens with a name and a colon ("Cycle parking: ...") is the
    account of that item, closed by its own verdict, not more of the paragraph above it; a field's
    label ("Update:", "Target:") opens no account."""

    path = tmp_path / "2024-11_tolworth-bc_travel-plan-review.txt"
    path.write_text(
        "Tolworth Borough Council\n\nTravel plan: final review\n\nActive travel\n\n"
        "School streets closed six roads outside primary schools at drop-off and pick-up times.\n\n"
        "Cycle parking: 420 new stands were put in at stations and in the town centre, against an aim of 400. "
        "This aim has been achieved.\n\nBuses\n\nNew shelters went up at twelve of the forty stops. "
        "This aim has not been achieved.\n", encoding="utf-8")
    actions = _statuses(path)
    assert progress_of(actions["Cycle parking: 420 new stands were put in at stations and in the town centre, "
                               "against an aim of 400."]) == "done"
    assert "Active travel" not in actions  # the paragraph above, with no verdict of its own, takes none


@pytest.mark.parametrize("text, title", [
    ("Cycle parking: 420 new stands were put in.", "Cycle parking"),
    ("Update: 420 new stands were put in.", None),
    ("Target: 400 stands by 2024.", None),
    ("Note: figures are provisional.", None),
    ("The council said: we will do more.", None),
])
def test_what_counts_as_a_plain_run_in_title(text, title):
    from kb.layout.narrative import _plain_run_in
    from kb.layout.parse import RawBlock
    from kb.sources.base import SourceLine

    assert _plain_run_in(RawBlock("paragraph", [SourceLine(text, 1, None)])) == title


@pytest.mark.parametrize("sentence, report", [
    ("The commitment to recruit 20 more clinic nurses has been achieved.", "done"),
    ("The commitments on video consultation and on evening opening have both been achieved.", "done"),
    ("The aim for patients' experience of booking remains outstanding.", "unmet"),
    ("We have made partial progress on this commitment.", "ongoing"),
    # a key that says what a status means is no verdict; nor is praise
    ("C means that the action has been completed, and W that it was withdrawn.", None),
    ("The response to this action was outstanding.", None),
    # what is to be made so is no verdict on what is
    ("Leaders meet every month to ensure this recommendation is implemented as quickly as possible.", None),
])
def test_a_verdict_on_the_commitment_the_passage_is_about(sentence, report):
    from kb.layout.narrative import sentence_verdict

    verdict = sentence_verdict(sentence)
    assert (progress_of(verdict) if verdict else None) == report


def test_a_verdict_sentence_naming_its_commitment_is_the_rows_action(tmp_path):
    """A committee paper's numbered paragraph that opens with its verdict on a commitment it names
    ("4.9 The commitment to recruit 20 more pharmacists has been achieved."): the row's action is what
    the commitment was, without the paragraph's number or the verdict, so it reads like the plan's."""

    path = tmp_path / "2022-06_tolworth-ccg_strategy-report.txt"
    path.write_text(
        "Tolworth CCG\n\nPrimary care strategy: final report\n\nWorkforce\n\n"
        "4.9 The commitment to recruit 20 more practice pharmacists has been achieved. Practices employed 24 "
        "by March 2021.\n\n"
        "4.10 The commitment to train 12 new GP trainers remains outstanding. Seven were trained.\n",
        encoding="utf-8")
    actions = _statuses(path)
    assert progress_of(actions["recruit 20 more practice pharmacists"]) == "done"
    assert progress_of(actions["train 12 new GP trainers"]) == "unmet"
