"""The shapes real plans use: label-value action blocks, action tables read by header meaning,
minutes' action lines, objectives, and the page furniture that must never become a record.

Every text here is made up for a made-up area (Northshire, Riverside)."""

from __future__ import annotations

from datetime import date

import pytest

from kb.layout.fields import label_role, looks_like_party, split_labels
from kb.layout.parse import drop_page_furniture
from kb.layout.structure import build_blocks
from kb.sources.base import SourceLine

BODY = "Northshire County Council and its partners set out in this document what they will do next.\n\n"


def blocks_of(text: str, doc_date: date | None = date(2019, 6, 1), period=None):
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    return build_blocks(lines, doc_date, period)


def items(text: str, **kw):
    return [(b.text, b.fields, b.line) for b in blocks_of(BODY + text, **kw) if b.kind != "heading"][1:]


@pytest.mark.parametrize("label, role", [
    ("What", "action"), ("Action", "action"), ("Actions", "action"), ("Key deliverables", "action"),
    ("Objective 2", "action"), ("Action 3.1", "action"),
    ("Who", "owner"), ("Lead", "owner"), ("Lead(s)", "owner"), ("Responsible Officer", "owner"),
    ("By whom", "owner"), ("Lead organisation", "owner"), ("Action owner", "owner"),
    ("When", "due"), ("Timescale", "due"), ("Timescales", "due"), ("By when", "due"), ("Deadline", "due"),
    ("Due date", "due"), ("Target date", "due"), ("Date", "due"),
    ("Status", "status"), ("RAG", "status"), ("RAG rating", "status"), ("Progress", "status"),
    ("Latest update", "update"), ("Comments", "update"), ("Update", "update"),
    ("Measure", "measure"), ("KPI", "measure"), ("How will we measure success", "measure"),
    ("Led by", "owner"), ("What we have committed to", "action"),
    ("Background", None), ("Purpose", None), ("Recommendation", None), ("Date raised", "logged"),
    # a column of items of work, a long header that says who by one word, a budget column
    ("Project", "action"), ("Schemes", "action"), ("Phase/works", "action"),
    ("Body responsible for leading delivery", "owner"), ("Responsibility for delivery", "owner"),
    ("Funding", "resource"), ("Estimated cost", "resource"), ("Funding (2020 prices) and sources", "resource"),
    ("Resources needed for the first year", "resource"),
])
def test_label_roles(label, role):
    assert label_role(label) == role


def test_next_steps_names_actions_only_as_a_line_label():
    assert label_role("Next steps", line_form=True) == "action"
    assert label_role("Next steps") is None  # a column of a row's next steps keeps its own reading


def test_a_bare_date_line_is_not_a_due_label():
    assert label_role("Date", line_form=True) is None
    assert label_role("Target date", line_form=True) == "due"
    assert label_role("Cost", line_form=True) is None  # "Cost: ..." in running text is no budget field
    assert label_role("Body responsible for leading delivery", line_form=True) is None


@pytest.mark.parametrize("text, expected", [
    ("What: Run a campaign Who: Public Health When: 2020",
     [("action", "Run a campaign"), ("owner", "Public Health"), ("due", "2020")]),
    ("Action: Circulate the draft to members. Responsible Officer: Director of Public Health",
     [("action", "Circulate the draft to members."), ("owner", "Director of Public Health")]),
    ("Lead: Riverside CCG Timescale: Q2 2020/21", [("owner", "Riverside CCG"), ("due", "Q2 2020/21")]),
    ("We will publish a report. Note: this is a draft", []),
    ("The question of who: nobody knows", []),
    # a designed report's labels in capitals with a dash; "Next steps" names actions to come
    ("PROGRESS UPDATE - Survey of the depots under way.", [("update", "Survey of the depots under way.")]),
    ("NEXT STEPS – Publish the tree strategy.", [("action", "Publish the tree strategy.")]),
    ("Next steps: Publish the tree strategy.", [("action", "Publish the tree strategy.")]),
    ("Progress update - under way", []),  # a dash after words in running case is no label
    ("The NHS - with its partners - will fund it", []),
])
def test_split_labels(text, expected):
    assert [(lab.role, lab.value) for lab in split_labels(text)] == expected


@pytest.mark.parametrize("value, party", [
    ("JS", True), ("Director of Public Health", True), ("All partners", True),
    ("Circulate the draft to members", False), ("Public Health to circulate the draft.", False),
])
def test_looks_like_party(value, party):
    assert looks_like_party(value) is party


def test_what_who_when_lines_are_one_item_with_fields():
    got = items("What: Run a schools programme on the harms of tobacco\nWho: Public Health, Trading Standards\n"
                "When: Medium term (by March 2021)\n\nWhat: Carry out test purchasing\nWho: Trading Standards\n"
                "When: Ongoing")
    assert got == [
        ("Run a schools programme on the harms of tobacco",
         {"owner": "Public Health, Trading Standards", "due": "Medium term (by March 2021)"}, 3),
        ("Carry out test purchasing", {"owner": "Trading Standards", "due": "Ongoing"}, 7),
    ]


def test_bold_labels_with_blank_lines_between_them():
    got = items("**What:** Refresh the smokefree playgrounds scheme\n\n**Who:** District councils\n\n"
                "**When:** Short term (by December 2019)")
    assert got == [("Refresh the smokefree playgrounds scheme",
                    {"owner": "District councils", "due": "Short term (by December 2019)"}, 3)]


def test_label_alone_on_its_line_takes_the_next_paragraph_or_list():
    got = items("What:\n\n- Train midwives in brief advice\n- Offer carbon monoxide testing at booking\n\n"
                "Who:\n\nRiverside Maternity Network\n\nWhen: Year 2")
    assert [(t, f) for t, f, _ in got] == [
        ("Train midwives in brief advice", {"owner": "Riverside Maternity Network", "due": "Year 2"}),
        ("Offer carbon monoxide testing at booking", {"owner": "Riverside Maternity Network", "due": "Year 2"}),
    ]


def test_capitals_field_labels_of_an_update_report():
    """An update report prints each action with its fields as labels in capitals on lines of their own,
    hard-wrapped, with no colon: the progress lines are the action's update, the next steps are items."""
    got = [(b.text, b.fields, b.column or b.section[-1:]) for b in blocks_of(
        BODY + "A1 Plant 2,000 street trees across Riverside by\nMarch 2023.\nPROGRESS UPDATE\n"
        "- Planting sites agreed with the parish councils and\nthe first 400 trees planted.\nNEXT STEPS\n"
        "- Plant the remaining trees in the winter season.\n- Report progress to the Climate Board.\n\n"
        "A2 Install solar panels on the Riverside depot.\nPROGRESS UPDATE - Survey of the depot under way.\n"
        "NEXT STEPS - Procure an installer by June 2022.") if b.kind != "heading"][1:]
    assert got == [
        ("A1 Plant 2,000 street trees across Riverside by March 2023.",
         {"update": "Planting sites agreed with the parish councils and the first 400 trees planted."}, ()),
        ("Plant the remaining trees in the winter season.", {}, ("NEXT STEPS",)),
        ("Report progress to the Climate Board.", {}, ("NEXT STEPS",)),
        ("A2 Install solar panels on the Riverside depot.", {"update": "Survey of the depot under way."},
         ("NEXT STEPS",)),
        ("Procure an installer by June 2022.", {}, "NEXT STEPS"),
    ]


def test_a_capitals_field_label_belongs_to_a_long_action_above_it():
    """A label in capitals marks a field of the item above, however long that item's text."""
    action = ("A5 Continue to engage with residents, businesses, schools, colleges, faith groups and community "
              "groups across every ward of Riverside through the Climate Convention and its working groups, and "
              "hold two further Climate Summits before the end of the plan, including a Youth Summit run with the "
              "schools, and a summit for the business community run with the Chamber of Commerce and the "
              "universities, so that every part of the borough has a say in the next plan.")
    assert len(action.split()) > 60  # longer than a field line attaches to without a label in capitals
    got = [(b.text, b.fields) for b in blocks_of(
        BODY + action + "\nPROGRESS UPDATE\n- The Climate Convention met four times during 2021.")
        if b.kind != "heading"][1:]
    assert got == [(action, {"update": "The Climate Convention met four times during 2021."})]


def test_a_one_word_capitals_heading_keeps_its_paragraph():
    """"PROGRESS" alone on its line over a paragraph heads a paper's section: the paragraph stays a
    record of its own, not a field of the paragraph above."""
    got = [(b.kind, b.text) for b in blocks_of(
        BODY + "This paper sets out the work of the Riverside memory service.\n\nPROGRESS\n\n"
        "Since April the team has recruited twelve staff and will open the new clinic in May 2024.")]
    assert ("paragraph", "Since April the team has recruited twelve staff and will open the new clinic in "
                         "May 2024.") in got


def test_a_capitals_line_that_is_no_field_label_stays_a_heading():
    got = [(b.kind, b.text) for b in blocks_of(BODY + "TRANSPORT AND TRAVEL\n\nWe will extend the bus lanes.")]
    assert ("heading", "TRANSPORT AND TRAVEL") in got
    assert ("paragraph", "We will extend the bus lanes.") in got


def test_action_and_responsible_officer_on_one_line():
    got = items("Action: Circulate the draft strategy to members. Responsible Officer: Director of Public Health")
    assert got == [("Circulate the draft strategy to members.", {"owner": "Director of Public Health"}, 3)]


def test_field_lines_after_an_item_are_its_fields():
    got = items("- Develop a smokefree homes pledge for Northshire families\n"
                "Lead: Public Health   Timescale: by March 2020")
    assert got == [("Develop a smokefree homes pledge for Northshire families",
                    {"owner": "Public Health", "due": "by March 2020"}, 3)]


def test_a_short_action_line_after_a_minute_names_who_acts():
    got = items("The Board agreed to review the tobacco control budget at its next meeting.\n\nAction: Chair")
    assert got == [("The Board agreed to review the tobacco control budget at its next meeting.",
                    {"owner": "Chair"}, 3)]


def test_numbered_objective_is_an_item_not_a_heading():
    got = blocks_of(BODY + "Objective 1: Reduce smoking in pregnancy to 6% by 2022\nLead: Riverside CCG")
    item = next(b for b in got if "pregnancy" in b.text)
    assert item.kind == "cell" and item.fields == {"owner": "Riverside CCG"}
    assert item.text == "Reduce smoking in pregnancy to 6% by 2022"


def test_two_column_label_table():
    got = items("What\tOpen a vaping advice clinic in each district\nWho\tNorthshire Stop Smoking Service\n"
                "When\tby June 2020")
    assert got == [("Open a vaping advice clinic in each district",
                    {"owner": "Northshire Stop Smoking Service", "due": "by June 2020"}, 3)]


def test_action_table_columns_by_header_meaning():
    text = ("Ref\tAction\tLead officer\tDate raised\tDue date\tRAG\tLatest update\n"
            "1\tAgree the data-sharing protocol\tHead of Public Health\t5 March 2019\t30 June 2019\tAmber\t"
            "Draft protocol will be presented to the board in July\n"
            "2\tRecruit two tobacco dependency advisers\tRiverside CCG\t5 March 2019\tSeptember 2019\tGreen\tOn track")
    cells = [b for b in blocks_of(BODY + text) if b.kind == "cell"]
    assert [(b.column, b.text) for b in cells] == [
        ("Action", "Agree the data-sharing protocol"),
        ("Latest update", "Draft protocol will be presented to the board in July"),
        ("Action", "Recruit two tobacco dependency advisers"),
    ]
    assert cells[0].fields == {"owner": "Head of Public Health", "due": "30 June 2019", "status": "Amber",
                               "update": "Draft protocol will be presented to the board in July", "ref": "1"}
    assert [(d.start, d.end) for d in cells[0].scope_dates] == [("2019-06-30", "2019-06-30")]
    assert cells[1].fields == {"owner": "Head of Public Health"} and cells[1].scope_dates == ()
    assert cells[2].fields["owner"] == "Riverside CCG"


def test_a_works_table_names_its_items_in_the_first_column():
    text = ("Scheme\tTime scale\tBody responsible for coordinating delivery\tFunding (2019 prices)\n"
            "Riverside bus interchange\t2020-2022\tNorthshire County Council\tLocal Growth Fund: £4m\n"
            "Mill Lane cycle route\t2021-2023\tRiverside Borough Council\tDeveloper contributions")
    cells = [b for b in blocks_of(BODY + text) if b.kind == "cell"]
    assert [(b.text, b.fields.get("owner")) for b in cells] == [
        ("Riverside bus interchange – 2020-2022 – Northshire County Council", "Northshire County Council"),
        ("Mill Lane cycle route", "Riverside Borough Council"),
    ]  # the funding cells are notes of their rows, not items
    assert [(d.start, d.end) for d in cells[0].scope_dates] == [("2020-01-01", "2022-12-31")]


def test_what_who_when_table_with_a_title_row():
    text = ("Northshire tobacco action plan\n"
            "What\tWho\tWhen\n"
            "Launch a smokefree pledge for sports clubs\tActive Northshire\tYear 1\n"
            "What\tWho\tWhen\n"
            "Extend the illicit tobacco hotline\tTrading Standards\tOngoing")
    cells = [b for b in blocks_of(BODY + text, period=(date(2019, 4, 1), date(2024, 3, 31))) if b.kind == "cell"]
    assert [(b.text, b.fields) for b in cells] == [
        ("Launch a smokefree pledge for sports clubs", {"owner": "Active Northshire", "due": "Year 1"}),
        ("Extend the illicit tobacco hotline", {"owner": "Trading Standards", "due": "Ongoing"}),
    ]
    assert [(d.start, d.end) for d in cells[0].scope_dates] == [("2019-04-01", "2020-03-31")]


def test_example_actions_list_is_not_a_negative_section():
    got = blocks_of(BODY + "Example actions\n\n- Offer stop smoking support in every GP practice")
    item = next(b for b in got if b.kind == "list_item")
    assert not item.negative_context and item.forward_context


def lines_of(text: str) -> list[SourceLine]:
    return [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]


def test_page_furniture_is_blanked():
    text = ("Smokefree Northshire: our tobacco control strategy\n\nIntro text of the strategy.\n\nPage 2 of 9\n\n"
            "Body text on page two.\n\n3\n\nSmokefree Northshire: our tobacco control strategy\n\nMore text.\n\n4\n\n"
            "Smokefree Northshire: our tobacco control strategy\n\nNorthshire Strategy | 5\n\nOFFICIAL\n\n"
            "Northshire Strategy | 6\n\nOFFICIAL\n\nNorthshire Strategy | 7\n\n5\n\n"
            "1 https://www.example.org/survey-2018")
    out = [sl.text for sl in drop_page_furniture(lines_of(text))]
    assert [t for t in out if t] == [
        "Smokefree Northshire: our tobacco control strategy", "Intro text of the strategy.",
        "Body text on page two.", "More text.",
    ]
    assert len(out) == len(text.split("\n"))  # line numbers are kept


FOOTERS = ("Intro text of the plan.\nHARBOUR PLAN | May 2024 p3\nBody text on page three.\n"
           "HARBOUR PLAN | May 2024 p4\nBody text on page four.\nHARBOUR PLAN | May 2024 p5\n")


@pytest.mark.parametrize("line, clean", [
    # a running footer the export ran into the page's last line, or the next page's heading into it
    ("Dredge the inner basin. Sep-24HARBOUR PLAN | May 2024p6", "Dredge the inner basin. Sep-24"),
    ("Dredge the inner basin.HARBOUR PLAN | May 2024 p12", "Dredge the inner basin."),
    ("HARBOUR PLAN | May 2024 p7MOORINGS ACTION PLAN", "MOORINGS ACTION PLAN"),
    # the footer's words inside a line of the body stay
    ("The HARBOUR PLAN | May 2024 p3 edition replaced the last one.",
     "The HARBOUR PLAN | May 2024 p3 edition replaced the last one."),
    ("Dredge the inner basin by May 2024.", "Dredge the inner basin by May 2024."),
])
def test_a_running_footer_run_into_a_line_is_cut_off(line, clean):
    out = [sl.text for sl in drop_page_furniture(lines_of(FOOTERS + line))]
    assert out[-1] == clean
    assert [t for t in out[:-1] if t] == ["Intro text of the plan.", "Body text on page three.", "Body text on page four."]


def test_repeated_section_headings_and_period_labels_stay():
    text = "Intro text.\n\nNext steps\n\n2019/20\n\nNext steps\n\n2020/21\n\nNext steps\n\n2021/22\n\n12\n\n7"
    out = [sl.text for sl in drop_page_furniture(lines_of(text))]
    assert out == text.split("\n")


@pytest.mark.parametrize("raw, clean", [
    ("Smoking prevalence3 is falling in Northshire.", "Smoking prevalence is falling in Northshire."),
    ("as set out in the national plan.12 The council will", "as set out in the national plan. The council will"),
    ("rates of smoking in pregnancy² remain high", "rates of smoking in pregnancy remain high"),
    ("by 2020/21 and in Q3 2019", "by 2020/21 and in Q3 2019"),
    ("the COVID-19 and covid19 response", "the COVID-19 and covid19 response"),
    ("reduce to 14.5% by 2022", "reduce to 14.5% by 2022"),
])
def test_footnote_markers_are_removed(raw, clean):
    assert drop_page_furniture([SourceLine(raw, 1, None)])[0].text == clean


def test_a_footnote_citing_its_source_by_title_and_address_is_dropped():
    """A report's footnote at the foot of its page, "7 Parking review 2026/27 https://...", is no
    numbered section (whose year would date what follows); a numbered item or a sentence that ends
    with an address stays."""
    text = ("The car parks are full on most weekdays.\n"
            "7 Parking review 2026/27 https://example.org/parking\n"
            "8Annual residents' survey 2025 www.example.org/survey\n"
            "3. Read the full plan at https://example.org/plan\n"
            "2 more buses an hour will run to www.example.org/times")
    out = [sl.text for sl in drop_page_furniture(lines_of(text))]
    assert out == ["The car parks are full on most weekdays.", "", "",
                   "3. Read the full plan at https://example.org/plan",
                   "2 more buses an hour will run to www.example.org/times"]


def test_a_full_width_row_inside_an_action_table_keeps_the_header():
    text = ("What we have committed to\tLed by\tTimescale\tMeasure\n"
            "Riverside partners share one ambition for the early years and will work as one system.\n"
            "Open two more family hubs\tLead for Family Hubs\tMar 2026\tNumber of hubs open")
    got = blocks_of(BODY + text)
    intro = next(b for b in got if "early years" in b.text)
    assert intro.kind == "paragraph"
    cells = [b for b in got if b.kind == "cell"]
    assert [(b.column, b.text) for b in cells] == [("What we have committed to", "Open two more family hubs"),
                                                   ("Measure", "Number of hubs open")]
    assert cells[0].fields == {"owner": "Lead for Family Hubs", "due": "Mar 2026"}
    assert cells[1].fields == {"owner": "Lead for Family Hubs"} and cells[1].scope_dates == ()  # a measure


def test_a_title_line_between_two_tables_is_not_a_row():
    text = ("Outcome\tCode\nHealthier lives\tO1\nTackling inequality\tO2\n"
            "Our priorities for the early years\n"
            "What we have committed to\tLed by\tTimescale\n"
            "Open two more family hubs\tLead for Family Hubs\tMar 2026")
    got = blocks_of(BODY + text)
    cell = next(b for b in got if b.text == "Open two more family hubs")
    assert cell.column == "What we have committed to" and cell.fields["owner"] == "Lead for Family Hubs"
    assert next(b for b in got if b.text == "Our priorities for the early years").kind == "heading"


def test_one_paragraph_a_line_export_of_action_blocks():
    text = ("Reducing smoking in pregnancy\n"
            "What: Offer every pregnant smoker an opt-out referral to the\n"
            "specialist service\n"
            "Who: Riverside Maternity Network\n"
            "When: 2020\n"
            "Tackling illicit tobacco\n"
            "What: Run an illicit tobacco awareness campaign with\n"
            "Trading Standards partners\n"
            "Who: Trading Standards\n"
            "When: Ongoing")
    got = blocks_of(BODY + text)
    assert [(b.kind, b.text, b.fields) for b in got[1:]] == [
        ("heading", "Reducing smoking in pregnancy", {}),
        ("cell", "Offer every pregnant smoker an opt-out referral to the specialist service",
         {"owner": "Riverside Maternity Network", "due": "2020"}),
        ("heading", "Tackling illicit tobacco", {}),
        ("cell", "Run an illicit tobacco awareness campaign with Trading Standards partners",
         {"owner": "Trading Standards", "due": "Ongoing"}),
    ]


def test_one_paragraph_a_line_export_keeps_headings_apart():
    text = "\n".join([
        "RIVERSIDE COUNCIL CABINET",
        "Minutes of a meeting of the Cabinet held on 3 June 2019.",
        "41. Northshire Walking Strategy 2019-24 (Item 5)",
        "The Director of Public Health introduced the report on the walking strategy for",
        "adults and children.",
        "1. RESOLVED that Cabinet agree to:",
        "(a) Adopt the Northshire Walking Strategy on behalf of Riverside Council",
        "(b) Delegate authority to the Director of Public Health to make minor changes to the strategy",
        "42. Riverside Libraries Review (Item 6)",
        "The Cabinet Member introduced the report.",
        "Members noted the consultation would close in August.",
    ] * 2)
    got = [b for b in blocks_of(text) if b.kind != "heading"]
    assert [b.text for b in got[:5]] == [
        "Minutes of a meeting of the Cabinet held on 3 June 2019.",
        "The Director of Public Health introduced the report on the walking strategy for adults and children.",
        "RESOLVED that Cabinet agree to:",
        "Adopt the Northshire Walking Strategy on behalf of Riverside Council",
        "Delegate authority to the Director of Public Health to make minor changes to the strategy",
    ]
    assert got[3].intro == "RESOLVED that Cabinet agree to:"
    assert "Riverside Libraries Review" not in got[4].text


def test_agenda_item_titles_set_no_dates():
    text = "\n".join(["12. Northshire Walking Strategy 2019-24 (Item 5)", "",
                      "- Adopt the strategy on behalf of the council", "",
                      "Walking and cycling priorities 2020/21", "", "- Open two new cycle routes"])
    got = [b for b in blocks_of(BODY + text) if b.kind == "list_item"]
    assert got[0].scope_dates == ()
    assert [(d.start, d.end) for d in got[1].scope_dates] == [("2020-04-01", "2021-03-31")]


@pytest.mark.parametrize(("intro", "forward"), [
    ("1. RESOLVED that Cabinet agree to:", True),
    ("The partnership will:", True),
    ("1. The Leader provided an update on the following:", False),
    ("2. The Cabinet Member for Health informed Members of the following:", False),
])
def test_minutes_update_intros_do_not_announce_commitments(intro, forward):
    got = blocks_of(BODY + intro + "\n(a) Launch a walking campaign for older residents")
    assert next(b for b in got if b.text.startswith("Launch")).forward_context is forward


def test_goal_table_goals_are_items():
    text = ("Goal\tOutcome\tMeasure\n"
            "Halve smoking in pregnancy by 2025\tFewer babies born underweight\tSmoking at time of delivery")
    cells = [b for b in blocks_of(BODY + text) if b.kind == "cell"]
    assert [(b.column, b.text) for b in cells][0] == ("Goal", "Halve smoking in pregnancy by 2025")
    text = ("Goal\tAction\tLead\nSmokefree homes\tRun a smokefree homes pledge\tPublic Health")
    cells = [b for b in blocks_of(BODY + text) if b.kind == "cell"]
    assert [(b.text, b.row_label) for b in cells] == [("Run a smokefree homes pledge", "Smokefree homes")]


def test_one_paragraph_a_line_export_with_a_running_header():
    """The running header blanked out as page furniture does not make the export look spaced, so
    a line stays a block of its own (a heading is not joined to the line above)."""
    pages = [
        ["Carers will be offered a health check every year", "Support young carers at school"],
        ["Young carers", "Train school staff to spot young carers", "Publish a carers charter"],
        ["Working carers", "Agree flexible leave with the main employers", "Run two carers fairs a year"],
        ["Older carers", "Offer respite breaks through the community hubs", "Review the carers grant"],
        ["Carers in crisis", "Set up a crisis line for carers", "Share a contingency plan template"],
    ]
    text = "\n".join(line for n, page in enumerate(pages, 1)
                     for line in [f"Northshire Carers Plan 2026 – page {n}", *page])
    got = {b.text: b.kind for b in blocks_of(text)}
    assert "Support young carers at school" in got and "Publish a carers charter" in got
    assert "Run two carers fairs a year" in got and "Review the carers grant" in got


@pytest.mark.parametrize("row, counted", [
    # a line of a budget or activity table: a label and its figures
    ("Growth in Contract Costs\t120.5\t-1,304.0\t2,250.0", True),
    ("-3,400.2\t\tNew Homes Allowance\t88.0\t0.0", True),
    ("Street Lighting Energy\t£1.2m\t£1.4m\t–", True),
    # an imperative label with figures is a target row, read as any row
    ("Reduce adult smoking prevalence\t14%\t12%\t10%", False),
    # one figure is a reference number or a total, not a table of figures
    ("1\tOpen the new depot in Riverside\tJune 2025", False),
])
def test_a_row_of_figures_undertakes_nothing(row, counted):
    """Budget and activity tables (a label and its amounts per year) list what is counted; the
    label is no commitment (kb.layout.structure), whatever its period headers say."""
    from kb.extract.classify import decide

    text = ("Northshire Medium Term Financial Plan 2025-28\n\n"
            "Line\t2025-26 £000s\t2026-27 £000s\t2027-28 £000s\n"
            "Opening budget\t1,000.0\t1,100.0\t1,200.0\n"
            f"{row}\n")
    bs = blocks_of(text, date(2025, 1, 1))
    label = next(w for w in row.split("\t") if w and any(c.isalpha() for c in w) and not w.startswith("£"))
    as_line = [b for b in bs if b.text == label and b.negative_context]
    assert bool(as_line) is counted
    if counted:
        assert not decide(label, as_line[0]).accept
    else:
        assert not any(b.negative_context for b in bs if b.line == 5)


def test_a_table_holds_a_group_title_and_its_intro_as_full_width_rows():
    """A wide table may give a group a title row and an intro row, each one cell wide, before its
    rows: the rows after them are still the table's, read by its header (owner, timescale)."""
    text = ("Northshire Housing Priorities\n\n"
            "What we will do\tLed by\tTimescale\tMeasure\n"
            "Homelessness rose last year and demand for temporary accommodation is high across the districts.\n"
            "Preventing homelessness\n"
            "Open two new advice hubs\tHousing Options Manager\tMarch 2026\tHubs open\n")
    bs = blocks_of(text, date(2025, 4, 1))
    hub = next(b for b in bs if b.text == "Open two new advice hubs")
    assert hub.column == "What we will do"
    assert hub.fields.get("owner") == "Housing Options Manager"
    assert not any(b.text == "Led by" for b in bs)


@pytest.mark.parametrize(("heading", "accepted"), [
    ("Workforce challenges", False),  # what is wrong
    ("Key issues", False),
    ("Addressing the challenges", True),  # what will be done about it
    ("Challenges and next steps", True),
])
def test_a_heading_that_names_problems_lists_no_actions(heading, accepted):
    from kb.extract.classify import decide

    text = f"{heading}\n\n- Increased call handling capacity"
    item = [b for b in blocks_of(BODY + text) if b.kind == "list_item"][0]
    assert decide(item.text, item).accept is accepted


def test_recommendations_lettered_with_capitals_are_items():
    text = ("The Executive is asked to:\n"
            "A. Approve the revised parking charges from 1 April 2026; and\n"
            "B. Delegate authority to the Director of Place to set the tariffs for each car park.\n\n"
            "A. Patel, Director of Place, presented the report.")
    got = [(b.kind, b.text) for b in blocks_of(BODY + text)][1:]
    assert got == [
        ("paragraph", "The Executive is asked to:"),
        ("list_item", "Approve the revised parking charges from 1 April 2026; and"),
        ("list_item", "Delegate authority to the Director of Place to set the tariffs for each car park."),
        ("paragraph", "A. Patel, Director of Place, presented the report."),  # a lone initial is a name
    ]


def test_bold_capital_letters_number_items_too():
    text = ("Cabinet is asked to:\n"
            "**A.** Agree to **CLOSE** the day centre from 1 April 2026; and\n"
            "**B. DELEGATE** authority to the Director of Adult Care to agree the transfer of places.")
    got = [(b.kind, b.text) for b in blocks_of(BODY + text)][2:]
    assert got == [("list_item", "Agree to CLOSE the day centre from 1 April 2026; and"),
                   ("list_item", "DELEGATE authority to the Director of Adult Care to agree the transfer of places.")]


def test_a_table_of_contents_gives_no_items():
    """"Page | Content" rows are titles of the document's own sections, not its actions."""
    text = ("Page\tContent\n4-5\tForeword\n6-9\tImproving access to parks and open spaces\n"
            "10\tRecommendation 2: Planting more trees in every ward\n")
    from kb.extract.classify import decide

    blocks = [b for b in blocks_of(BODY + text) if b.kind == "cell"]
    assert blocks and all(b.negative_context for b in blocks)
    assert not any(decide(b.text, b).accept for b in blocks)
