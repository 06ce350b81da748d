"""Due dates of a record: the timescale field first, then the text's own dates, minus the dates
of past or baseline clauses; the heading's period last.  Made-up sentences, made-up area."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.pipeline import _row_date_first, _units, _with_date_cells, due_dates
from kb.model import Block, DueDate

JUNE_2019 = dt.date(2019, 6, 1)
PERIOD = (dt.date(2019, 4, 1), dt.date(2024, 3, 31))
HEADING = (DueDate("2019/20", "2019-04-01", "2020-03-31"),)


def _due(text: str, fields: dict[str, str] | None = None, doc_date: dt.date | None = JUNE_2019,
         scope: tuple[DueDate, ...] = ()) -> list[tuple[str | None, str | None]]:
    block = Block("cell", text, fields=fields or {}, scope_dates=scope)
    return [(d.start, d.end) for d in due_dates(text, block, doc_date, PERIOD)]


@pytest.mark.parametrize(("text", "fields", "expected"), [
    ("Run a schools programme", {"due": "Medium term (by March 2021)"}, [(None, "2021-03-31")]),
    ("Run a schools programme", {"due": "Ongoing"}, []),
    ("Run a schools programme", {"due": "Commenced May 2019"}, []),  # when it began, not when it is due
    ("Run a schools programme", {"due": "Started April 2019; review by March 2021"}, [(None, "2021-03-31")]),
    ("Run a schools programme", {"due": "To be launched Dec 2020"}, [("2020-12-01", "2020-12-31")]),
    ("Run a schools programme", {"due": "Year 2"}, [("2020-04-01", "2021-03-31")]),
    ("Run a schools programme by 2020", {"due": "March 2021"}, [("2021-03-01", "2021-03-31")]),
    ("Run a schools programme by December 2020", {"due": "Short term"}, [(None, "2020-12-31")]),
    # a sentence that opens with its own deadline says it as written
    ("By 2022, the share of pupils walking to school will have risen to 60%.", {"due": "2022"},
     [(None, "2022-12-31")]),
])
def test_the_timescale_field_gives_the_due_date(text, fields, expected):
    assert _due(text, fields, scope=HEADING) == expected


def test_an_undated_timescale_does_not_fall_back_to_the_heading():
    assert _due("Run a schools programme", {"due": "Ongoing"}, scope=HEADING) == []
    assert _due("Run a schools programme", {"due": "Short term"}, scope=HEADING) == []
    assert _due("Run a schools programme", {}, scope=HEADING) == [("2019-04-01", "2020-03-31")]


@pytest.mark.parametrize(("text", "doc_date", "expected"), [
    # a past clause of the same sentence
    ("Smoking prevalence fell sharply in 2012, and we will reduce it to 10% by 2025.", JUNE_2019,
     [(None, "2025-12-31")]),
    ("Smoking prevalence fell sharply in 2012, and we will reduce it to 10% by 2025.", None,
     [(None, "2025-12-31")]),
    ("Since 2015 quit rates have risen and we will expand the service during 2020.", None,
     [("2020-01-01", "2020-12-31")]),
    ("The service was launched in April 2016 and will be re-procured in 2021.", None,
     [("2021-01-01", "2021-12-31")]),
    # a baseline
    ("Reduce admissions by 10% against the 2017/18 baseline by 2022.", None, [(None, "2022-12-31")]),
    ("Reduce admissions by 10% by 2022 (2017/18 baseline).", None, [(None, "2022-12-31")]),
    ("Reduce admissions to 400 from a baseline of 2017/18 by 2022.", None, [(None, "2022-12-31")]),
    # reported future stays a due date
    ("It was agreed that the report would be brought back in March 2019.", JUNE_2019,
     [("2019-03-01", "2019-03-31")]),
])
def test_past_and_baseline_dates_are_not_due_dates(text, doc_date, expected):
    assert _due(text, doc_date=doc_date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the document's month: a date in it is past when its clause is
    ("RESOLVED that the minutes of the meeting held on 9 June 2019 be agreed as a correct record.", []),
    ("The consultation launched on 3rd June and will run until 30th August.", [(None, "2019-08-30")]),
    ("The board will meet on 20 June 2019 to agree the plan.", [("2019-06-20", "2019-06-20")]),
    ("Arrangements were being made for a site visit before the meeting on 20 June 2019.",
     [("2019-06-20", "2019-06-20")]),
    ("Refresh the Riverside Tobacco Control Strategy by March 2021.", [(None, "2021-03-31")]),
])
def test_dates_in_the_documents_month_and_names(text, expected):
    assert _due(text) == expected


@pytest.mark.parametrize(("text", "parts"), [
    ("review the pathway, commission a new service, evaluate the pilot",
     ["review the pathway", "commission a new service", "evaluate the pilot"]),
    ("transfer the service, including the transfer of staff, including but not limited to contracts, "
     "finalising the terms", ["transfer the service, including the transfer of staff, including but not limited to "
                              "contracts, finalising the terms"]),
    # a sentence whose gerunds describe what a service did, not a run of actions
    ("The library service helped residents in finding work, learning new skills, and joining local clubs",
     ["The library service helped residents in finding work, learning new skills, and joining local clubs"]),
    ("Next steps: agree the budget, recruit two nurses, review the clinic",
     ["Next steps: agree the budget", "recruit two nurses", "review the clinic"]),
])
def test_split_enumeration(text, parts):
    from kb.extract.pipeline import split_enumeration

    assert split_enumeration(text) == parts


def test_contract_years_count_from_the_contract_start():
    from kb.extract.pipeline import contract_period

    blocks = [Block("paragraph", "The service will be re-procured in 2018."),
              Block("cell", "Contract commencement – April 2020", scope_dates=(DueDate("April 2020", "2020-04-01",
                                                                                            "2020-04-30"),))]
    period = contract_period(blocks, JUNE_2019)
    assert period == (dt.date(2020, 4, 1), None)
    block = Block("paragraph", "")
    text = "In year one payments will be linked to milestones and by Year 3 to outcomes."
    assert [(d.start, d.end) for d in due_dates(text, block, JUNE_2019, period)] == [
        ("2020-04-01", "2021-03-31"), (None, "2023-03-31")]
    text = "All site moves will be finished during the first two years of the contract."
    assert [(d.start, d.end) for d in due_dates(text, block, JUNE_2019, period)] == [("2020-04-01", "2022-03-31")]
    assert due_dates(text, block, JUNE_2019, None) == []
    assert contract_period([Block("paragraph", "The contract was a success.")], JUNE_2019) is None


def _extract_text(tmp_path, text: str, name: str = "2019-06_riverside-cabinet-minutes.txt", evidence: bool = False):
    from kb.extract.pipeline import extract
    from kb.sources import load_document

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [r for r in extract(load_document(path)) if evidence or r.kind != "evidence"]


def test_a_numbered_resolution_makes_its_lettered_items_decisions(tmp_path):
    text = "\n".join([
        "RIVERSIDE COUNCIL", "CABINET",
        "Minutes of a meeting of the Cabinet held on 3 June 2019.",
        "12. Riverside Walking Strategy (Item 5)",
        "1. The Cabinet Member introduced the report on the walking strategy for adults and children.",
        "2. RESOLVED that Cabinet agree to:",
        "(a) Adopt the Riverside Walking Strategy on behalf of the council",
        "(b) Delegate authority to the Director of Public Health to make minor changes to the strategy",
        "3. The Leader thanked officers for the report and would write to the Minister about funding.",
    ])
    kinds = {r.text[:20]: r.kind for r in _extract_text(tmp_path, text)}
    assert kinds["Adopt the Riverside "] == "decision"
    assert kinds["Delegate authority t"] == "decision"
    assert kinds.get("The Leader thanked o", "none") != "decision"


def test_what_who_when_blocks_end_to_end(tmp_path):
    text = "\n".join([
        "Northshire County Council", "", "Smokefree Northshire: Tobacco Control Strategy 2019-2024", "",
        "Published: March 2019", "",
        "Northshire County Council and its partners want every child to grow up free from tobacco smoke.", "",
        "What: Run a schools programme on the harms of tobacco", "Who: Public Health", "When: Medium term (by March 2021)",
        "", "What: Carry out test purchasing of tobacco", "Who: Trading Standards", "When: Ongoing", "",
        "Page 4 of 12",
    ])
    records = {r.text: r for r in _extract_text(tmp_path, text, "northshire-tobacco.txt")}
    assert [(d.start, d.end) for d in records["Run a schools programme on the harms of tobacco"].due] == [
        (None, "2021-03-31")]
    assert records["Carry out test purchasing of tobacco"].due == []
    assert not any("Page" in t for t in records)


@pytest.mark.parametrize(("text", "parts"), [
    ("4. RESOLVED that the Cabinet agree to sell the old depot; and that authority be delegated to the "
     "Director of Property to complete the sale.",
     ["4. RESOLVED that the Cabinet agree to sell the old depot",
      "that authority be delegated to the Director of Property to complete the sale."]),
    ("RESOLVED that the report be noted.", ["RESOLVED that the report be noted."]),
    ("Members noted that; that was all.", ["Members noted that; that was all."]),  # not a resolution
])
def test_each_resolution_of_a_minute_is_its_own_unit(text, parts):
    from kb.extract.pipeline import split_resolutions

    assert split_resolutions(text) == parts


@pytest.mark.parametrize(("text", "parts"), [
    # two pledges, each with its doer and its modal, joined by a semicolon
    ("Year 2 (2022/23): we will open a memory café in Riverside; and we will start a carers' choir.",
     ["Year 2 (2022/23): we will open a memory café in Riverside;", "we will start a carers' choir."]),
    ("The council will resurface the car park; the trust will also open a clinic by May.",
     ["The council will resurface the car park;", "the trust will also open a clinic by May."]),
    ("We will train staff; Riverside Council will fund the places; and Riverside Trust will host them.",
     ["We will train staff;", "Riverside Council will fund the places;", "Riverside Trust will host them."]),
    # no pledge before the semicolon, or no doer and modal after it: one unit
    ("Funding is short; we will bid again next year.", ["Funding is short; we will bid again next year."]),
    ("We will review the policy; and publish the results.", ["We will review the policy; and publish the results."]),
    # a passive after the semicolon goes on with the same pledge
    ("We will rehouse half the tenants on site; the remainder will be rehoused nearby.",
     ["We will rehouse half the tenants on site; the remainder will be rehoused nearby."]),
])
def test_pledges_joined_by_a_semicolon_are_units_of_their_own(text, parts):
    from kb.extract.pipeline import split_pledges

    assert split_pledges(text) == parts


def test_a_split_pledge_keeps_the_date_its_sentence_opened_with():
    from kb.extract.pipeline import extract
    from kb.model import Block, Document, DocumentMeta

    meta = DocumentMeta("2021-05_riverside_dementia-strategy", title="Dementia strategy", date="2021-05-01")
    text = "Year 2 (2022/23): we will open a memory café in Riverside; and we will start a carers' choir."
    records = extract(Document(meta, "x.txt", "0", "text", None, [Block("paragraph", text, 4, None, ("Goal 3",))]))
    assert {r.text: [(d.start, d.end) for d in r.due] for r in records} == {
        "Year 2 (2022/23): we will open a memory café in Riverside;": [("2022-04-01", "2023-03-31")],
        "we will start a carers' choir.": [("2022-04-01", "2023-03-31")]}


def test_a_year_after_a_left_quote_is_read():
    from kb.extract.dates import find_dates

    assert [(d.due.start, d.due.end) for d in find_dates("Pilot in two wards from October ‘25", None)] == [
        ("2025-10-01", None)]


def test_the_document_title_is_not_a_record():
    """A cover title that reads as an action ("... ACTION TO IMPROVE ...") is the title: a heading."""
    from kb.extract.pipeline import extract
    from kb.model import Block, Document, DocumentMeta

    title = "NORTHSHIRE COUNCIL ACTION TO IMPROVE HEALTH AND WELLBEING INFORMING THE HW STRATEGY AND JSNA"
    item = "Publish a street tree plan by March 2027"
    meta = DocumentMeta("2026-01_northshire_actions", title=title, date="2026-01-01")
    blocks = [Block("paragraph", title, 1, None, ()), Block("list_item", item, 2, None, ("Our actions",)),
              Block("paragraph", title, 3, None, ())]
    got = [r.text for r in extract(Document(meta, "x.txt", "0", "text", None, blocks))]
    assert got == [item]


@pytest.mark.parametrize("sentences, units", [
    # a row's date cell written after its full stop belongs to the row's sentence
    (["Fit smart thermostats in all sheltered housing schemes.", "Nov-23"],
     ["Fit smart thermostats in all sheltered housing schemes. Nov-23"]),
    (["Publish the tree strategy.", "Ongoing", "Plant 200 street trees.", "March 2025"],
     ["Publish the tree strategy. Ongoing", "Plant 200 street trees. March 2025"]),
    # a sentence of its own stays one
    (["Plant 200 street trees.", "The work starts in March 2025."],
     ["Plant 200 street trees.", "The work starts in March 2025."]),
    (["Nov-23", "Fit smart thermostats."], ["Nov-23", "Fit smart thermostats."]),  # nothing before it
])
def test_a_date_cell_after_a_full_stop_stays_with_its_sentence(sentences, units):
    assert _with_date_cells(sentences) == units


def test_a_groups_lead_and_timescale_pass_to_the_numbered_actions_under_it(tmp_path):
    text = "\n".join([
        "Westmarch Borough Council Carbon Plan", "",
        "The actions below are those the council will take this year. Each group of actions names the officer "
        "who leads it and, where the group has one, the month by which its actions will be done.", "",
        "Waste", "Lead: Head of Waste Services", "Timescale: March 2026",
        "1. Collect food waste from every flat", "2. Open a repair cafe at the depot", "",
        "Parks", "Lead: Parks Manager",
        "3. Plant two thousand trees in the country park",
        "4. Replace the park lighting with LEDs by December 2025", "",
        "Leisure centres need new boilers, and officers will bring options.",
        "5. Fit heat pumps in the swimming pool",
        "6. Insulate the sports hall roof",
    ])
    got = {r.text: (r.owners, [(d.start, d.end) for d in r.due]) for r in _extract_text(tmp_path, text,
                                                                                     "2025-05_westmarch-carbon-plan.txt")}
    assert got["Collect food waste from every flat"] == (["Head of Waste Services"], [("2026-03-01", "2026-03-31")])
    assert got["Open a repair cafe at the depot"] == (["Head of Waste Services"], [("2026-03-01", "2026-03-31")])
    assert got["Plant two thousand trees in the country park"] == (["Parks Manager"], [])
    # an item's own date wins over its group's
    assert got["Replace the park lighting with LEDs by December 2025"] == (["Parks Manager"], [(None, "2025-12-31")])
    # a sentence between ends the group
    assert got["Insulate the sports hall roof"][0] == []


@pytest.mark.parametrize("sentences, units", [
    # the date cell run into a row's last sentence is the row's action's, stated first
    (["Survey the four depots.", "The results will go to Cabinet.Jan-26"],
     ["Survey the four depots. Jan-26", "The results will go to Cabinet."]),
    (["Survey the four depots.", "The results will go to Cabinet. March 2026"],
     ["Survey the four depots. March 2026", "The results will go to Cabinet."]),
    # a sentence that names its own date keeps it
    (["Survey the four depots.", "The results will go to Cabinet in March 2026."],
     ["Survey the four depots.", "The results will go to Cabinet in March 2026."]),
    (["Survey the four depots.Jan-26"], ["Survey the four depots.Jan-26"]),
])
def test_a_rows_date_cell_goes_with_its_first_sentence(sentences, units):
    assert _row_date_first(sentences) == units


def test_an_actions_explaining_sentences_are_no_units_of_their_own():
    """A label-value action that goes on to explain itself: the sentences pointing back at it are
    part of the action, not undertakings of their own; a further action in it stays one."""
    text = ("Develop an environmental management system for the parks service and seek ISO 14001 accreditation "
            "by the end of the year. This will include a focus on cutting the water used for plant watering, "
            "potentially through rainwater harvesting at the two nurseries. Publish the first audit "
            "on the council website.")
    block = Block("cell", text, column="Action", row_key="action:1")
    assert _units(block) == [
        "Develop an environmental management system for the parks service and seek ISO 14001 accreditation "
        "by the end of the year.",
        "Publish the first audit on the council website."]


@pytest.mark.parametrize("sentences, units", [
    # the rest of a row after its action's full stop, its Start and End cells among its other cells
    (["Keep the tree preservation register.", "Both Parks Team Planning, Districts May-22 Jun-24 G1, G2"],
     ["Keep the tree preservation register. Both Parks Team Planning, Districts May-22 Jun-24 G1, G2"]),
    # a next row that opens with its action stays a unit of its own
    (["Keep the tree preservation register. Both Parks Team May-22 Jun-24 G1.", "Review the verges Highways May-22 Jun-23"],
     ["Keep the tree preservation register. Both Parks Team May-22 Jun-24 G1.", "Review the verges Highways May-22 Jun-23"]),
])
def test_a_rows_cells_after_its_full_stop_stay_with_its_action(sentences, units):
    assert _with_date_cells(sentences) == units


def test_a_rows_start_and_end_cells_date_it_even_when_past(tmp_path):
    """A plan's row scheduled before the plan's revision date keeps its Start and End cells: they
    schedule the row, they do not report the past."""
    text = "\n".join([
        "Westmarch Borough Council Environment Action Plan 2022-2026",
        "Theme / Action Lead Partners Start End",
        "Review the depot lighting Internal Fleet Team Procurement May-22 Jun-23 B2",
        "Restore the hedgerows along the ring road Both Parks Team Parish Councils Oct-23 Mar-26 G1",
        "Survey the verges for wildflowers Both Parks Team Highways Apr-22 Dec-22 G2",
        "Replace the pool boilers Internal Property Services Procurement Apr-22 Mar-25 A1",
        "Fit solar panels to the civic centre Internal Property Services Energy Team Sep-22 Mar-24 A2",
        "Publish a yearly greenhouse gas report Both Climate Team All Departments Apr-22 Mar-26 M1",
        "Run a staff travel survey Internal Travel Team Human Resources Jan-23 Mar-23 F3",
        "Trial electric refuse lorries Internal Fleet Team Waste Team Apr-23 Mar-24 F4",
        "Support community energy groups External Climate Team Parish Councils Apr-22 Mar-26 A2",
    ])
    got = {r.text[:20]: [(d.start, d.end) for d in r.due] for r in _extract_text(tmp_path, text,
                                                                                  "2024-08_westmarch-environment-plan.txt")}
    assert got["Review the depot lig"] == [("2022-05-01", "2023-06-30")]
    assert got["Restore the hedgerow"] == [("2023-10-01", "2026-03-31")]
    assert got["Survey the verges fo"] == [("2022-04-01", "2022-12-31")]


def test_a_lead_named_by_its_role_leads_its_groups_actions(tmp_path):
    """"SRO: ...", "Portfolio holder: ..." under a theme's label say who answers for its actions, as
    "Lead: ..." does."""
    text = "\n".join([
        "Westmarch Council Action Plan 2025-27", "",
        "Theme A: Digital inclusion", "", "SRO: Director of Strategy",
        "1. Open three digital help points in libraries", "2. Train 200 volunteers as digital champions", "",
        "Theme B: Warm homes", "", "Portfolio holder: Cllr J Okafor",
        "1. Insulate 500 council homes by March 2027", "2. Launch a warm homes grant for private tenants",
    ])
    got = {r.text: r.owners for r in _extract_text(tmp_path, text, "2025-04_westmarch-action-plan.txt")}
    assert got["Open three digital help points in libraries"] == ["Director of Strategy"]
    assert got["Train 200 volunteers as digital champions"] == ["Director of Strategy"]
    assert got["Insulate 500 council homes by March 2027"] == ["Cllr J Okafor"]
    assert got["Launch a warm homes grant for private tenants"] == ["Cllr J Okafor"]


def test_an_action_log_and_minutes_date_their_actions_by_the_meeting(tmp_path):
    """An action log's "Present ..." is an action (not the attendance heading "Present:"), and a
    minute's action for "the July meeting" is due that July."""
    text = "\n".join([
        "Westmarch Health Partnership", "", "Minutes of the Partnership Board, 12 May 2025", "",
        "Present: Dr A Shah (Chair), Ms L Grant, Mr P Doyle", "",
        "ACTION: The Director of Public Health to bring the healthy weight plan to the July meeting.", "",
        "Action log", "Ref\tAction\tOwner\tDue\tStatus",
        "A13\tPresent the safer staffing review to the Board\tChief Nurse\tSeptember 2025\tOpen",
    ])
    got = {r.text: r for r in _extract_text(tmp_path, text, "2025-05_westmarch-partnership-board-minutes.txt")}
    minute = got["The Director of Public Health to bring the healthy weight plan to the July meeting."]
    assert [(d.start, d.end) for d in minute.due] == [("2025-07-01", "2025-07-31")]
    action = got["Present the safer staffing review to the Board"]
    assert action.owners == ["Chief Nurse"] and [d.end for d in action.due] == ["2025-09-30"]
    assert not any(t.startswith("Present:") for t in got)


def test_a_priority_s_lead_leads_the_actions_set_out_under_its_parts(tmp_path):
    """A quality account's priority: its numbered title, the lead under it, then the parts it sets out
    ("Why we chose this priority", "How we will achieve this") with their prose and actions; the next
    priority without a lead of its own takes none of it."""
    text = "\n\n".join([
        "Westmarch Community Health NHS Trust", "Priorities for improvement",
        "Priority 1: Reduce pressure ulcers developed in our community caseload",
        "Executive lead: Director of Nursing",
        "Why we chose this priority", "Pressure ulcers were the harm our patients most often reported last year.",
        "How we will achieve this",
        "- Introduce a skin inspection check at every district nursing visit\n- Train care home staff in repositioning",
        "Priority 2: Improve the experience of young carers",
        "How we will achieve this", "- Launch a young carers' card in every school",
    ])
    got = {r.text: r.owners for r in _extract_text(tmp_path, text, "2025-06_westmarch-trust_quality-account.txt")}
    assert got["Introduce a skin inspection check at every district nursing visit"] == ["Director of Nursing"]
    assert got["Train care home staff in repositioning"] == ["Director of Nursing"]
    assert got["Launch a young carers' card in every school"] == []


def test_prose_not_under_a_part_of_the_group_ends_its_lead(tmp_path):
    text = "\n\n".join([
        "Westmarch Council Climate Plan 2025-27", "Fleet", "Lead: Fleet Manager",
        "- Replace the pool cars with electric models",
        "Every project under this plan will be checked for its effect on residents on low incomes.",
        "- Publish an annual report on the plan's progress",
    ])
    got = {r.text: r.owners for r in _extract_text(tmp_path, text, "2025-04_westmarch-climate-plan.txt")}
    assert got["Replace the pool cars with electric models"] == ["Fleet Manager"]
    assert got["Publish an annual report on the plan's progress"] == []


def test_recommendations_printed_as_paragraphs_are_the_asked_partys(tmp_path):
    """A decision report's "The Cabinet Member for X is asked to:" over recommendations that open with
    their verb, one a line with no bullet: each is the asked party's, unless it delegates to another."""
    text = "\n\n".join([
        "Westmarch County Council", "Decision report: library opening hours", "Recommendation(s):",
        "The Cabinet Member for Communities is asked to:",
        "APPROVE the revised opening hours for the twelve branch libraries from April 2026.",
        "DELEGATE any works needed to the branch buildings to the Director of Property.",
        "NOTE the results of the public consultation.",
        "1. Introduction",
        "1.1 The council runs twelve branch libraries.",
    ])
    got = {r.text: r.owners for r in _extract_text(tmp_path, text, "2025-11_westmarch-cc_library-hours-decision.txt")}
    assert got["APPROVE the revised opening hours for the twelve branch libraries from April 2026."] == [
        "Cabinet Member for Communities"]
    assert got["DELEGATE any works needed to the branch buildings to the Director of Property."] == [
        "Director of Property"]
    assert "NOTE the results of the public consultation." not in got  # noting commits no one


def test_a_section_titled_by_a_part_s_name_ends_a_priority_s_lead(tmp_path):
    """A title naming a kind of part ("Background") outside the priority's own section is a section of
    the report, not a part of the priority: its list takes none of the priority's lead."""
    text = "\n\n".join([
        "Eastford Council Plan", "PRIORITIES",
        "Priority 1: Cut waiting times for home adaptations",
        "Lead: Head of Housing Services",
        "- Hire two more occupational therapists",
        "BACKGROUND",
        "- Publish the adaptations waiting list each month",
    ])
    got = {r.text: r.owners for r in _extract_text(tmp_path, text, "2025-06_eastford-council_plan.txt")}
    assert got["Hire two more occupational therapists"] == ["Head of Housing Services"]
    assert got["Publish the adaptations waiting list each month"] == []


def test_a_note_on_an_actions_date_dates_the_action_before_it(tmp_path):
    """An action log's note on its action's date, later in the action's paragraph ("The completion
    date has been extended to ...", "(Target date: ...)"), dates the actions before it that have
    none, and is itself an account of the schedule, not an action.  A deadline for something else
    ("the deadline for responses") lends nothing."""
    text = "\n".join([
        "Westmarch District Council", "", "Corporate risk register: mitigating actions", "",
        "RISK 4: Housing supply", "", "Partially Complete", "",
        "We will review the allocations policy with registered providers. "
        "The completion date has been extended to September 2026 to allow consultation.", "",
        "Outstanding", "",
        "All new leases will include an energy performance clause. Landlords will be told of the change. "
        "(Action Target date: 31/12/26 - revised)", "",
        "We will publish the draft local plan for consultation. The deadline for responses is 30 June 2026.",
    ])
    got = {r.text: r for r in _extract_text(tmp_path, text, "2026-02_westmarch-dc_risk-register.txt", evidence=True)}
    review = got["We will review the allocations policy with registered providers."]
    assert [(d.start, d.end) for d in review.due] == [("2026-09-01", "2026-09-30")]
    note = got["The completion date has been extended to September 2026 to allow consultation."]
    assert note.kind == "evidence" and not note.due
    for action in ("All new leases will include an energy performance clause.", "Landlords will be told of the change."):
        record = next(r for t, r in got.items() if t.startswith(action))
        assert record.kind == "commitment" and [(d.start, d.end) for d in record.due] == [(None, "2026-12-31")]
    plan = got["We will publish the draft local plan for consultation."]
    assert not plan.due


def test_an_indicators_values_give_its_target_named_by_the_line_above(tmp_path):
    """A performance report's indicator line ("Latest: ... Target: ..., Floor: ...") is a target, its
    context the indicator's name on the line above; that name is what is measured, no action."""
    text = "\n".join([
        "Eastford County Council", "Quarterly Performance Report", "", "Adult Social Care", "",
        "The service saw high demand this quarter and met most of its targets.",
        "Performance Indicators",
        "Number of people receiving a care needs review (Rolling 12 months)\tGREEN",
        "Latest: 4,210 Target: 4,000, Floor: 3,600 Previous: 4,102 (Green)",
        "Percentage of reviews completed on time\tAMBER",
        "Latest: 81% Target: 85%, Floor: 75% Previous: 80% (Amber)",
        "*Figures for December were revised by the provider.",
        "Successful completion of reablement packages - rolling 12 months\tGREEN",
        "Latest: 64.2% Target: 60%, Floor: 55% Previous: 63.1% (Green)", "",
        "We will review the home care framework in the spring.",
    ])
    records = _extract_text(tmp_path, text, "2025-02_eastford-cc_quarterly-performance-report.txt", evidence=True)
    got = {r.text: r for r in records}
    for values, name in [("Latest: 4,210 Target: 4,000, Floor: 3,600 Previous: 4,102 (Green)",
                          "Number of people receiving a care needs review (Rolling 12 months)"),
                         ("Latest: 81% Target: 85%, Floor: 75% Previous: 80% (Amber)",
                          "Percentage of reviews completed on time"),
                         ("Latest: 64.2% Target: 60%, Floor: 55% Previous: 63.1% (Green)",
                          "Successful completion of reablement packages - rolling 12 months")]:
        assert got[values].kind == "target" and got[values].context == f"{name}: {values}"
    name = got.get("Successful completion of reablement packages - rolling 12 months")
    assert name is None or name.kind == "evidence"
    assert got["We will review the home care framework in the spring."].kind in ("commitment", "milestone")


def test_by_the_year_a_plan_ends_in_is_by_the_plans_end():
    # "by 2026" in a plan for 2023-2026 that runs to 31 March 2026 means by the plan's end; the end of
    # the year said in words, another year, and a plan of unknown span keep the calendar year
    import datetime as dt

    from kb.extract.dates import find_dates

    plan = (dt.date(2023, 4, 1), dt.date(2026, 3, 31))
    ends = {t: [d.due.end for d in find_dates(t, dt.date(2023, 5, 1), plan)]
            for t in ("by 2026", "by the end of 2026", "by 2027")}
    assert ends == {"by 2026": ["2026-03-31"], "by the end of 2026": ["2026-12-31"], "by 2027": ["2027-12-31"]}
    assert [d.due.end for d in find_dates("by 2026", dt.date(2023, 5, 1), None)] == ["2026-12-31"]


def test_a_target_cell_giving_its_baselines_year_names_no_due_date():
    # "85% (2019/20: 61%)" under "Target (by March 2025)": the year in brackets is what the baseline
    # figure is of; a date the cell gives as a deadline still counts beside it
    import datetime as dt

    from kb.extract.dates import field_dates

    doc = dt.date(2022, 6, 1)
    assert field_dates("85% (2019/20: 61%)", doc) is None
    assert field_dates("All 12 sites (2019/20: none)", doc) is None
    assert [d.end for d in field_dates("Q4 2024/25 (2019/20: 31%)", doc)] == ["2025-03-31"]
