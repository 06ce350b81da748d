"""Layout parser: one test per line shape the text exports use."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.layout.markup import labelled_cell_items, split_cell, strip_markup
from kb.layout.structure import build_blocks
from kb.sources.base import SourceLine


def blocks_of(text: str, doc_date: date | None = date(2017, 10, 1)):
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    return build_blocks(lines, doc_date)


def cells_of(table: str, doc_date: date | None = date(2017, 10, 1)):
    """The cell blocks of a table that follows a paragraph of body text."""
    body = "Intro paragraph that is long enough to be body text for this document.\n\n"
    return [b for b in blocks_of(body + table, doc_date) if b.kind == "cell"]


def by_text(blocks, needle):
    return next(b for b in blocks if needle in b.text)


def test_title_zone_dates_are_not_item_dates():
    bs = blocks_of("**COMMISSIONING\nINTENTIONS 2014/16**\n\nIntro paragraph that is long enough to be body text for sure.\n\n"
                   "- Deliver something new")
    assert by_text(bs, "Deliver").scope_dates == ()


def test_heading_date_scopes_items_until_next_heading_of_same_level():
    text = """Title

Body text paragraph long enough to end the title zone of this little document.

BRACKENSHIRE INVESTMENT PRIORITIES FOR 2015/17

1. BCC Work Programme: Falls Prevention

Desired changes:

- Better carer awareness and more support for home safety

OUR CORE INVESTMENT PRINCIPLES

All of our investment decisions will be made with the aim of securing good value.
"""
    bs = blocks_of(text, date(2014, 9, 1))
    item = by_text(bs, "Better carer awareness")
    assert [(d.start, d.end) for d in item.scope_dates] == [("2015-04-01", "2017-03-31")]
    assert item.intro == "Desired changes:" and item.forward_context
    assert item.section[-1] == "1. BCC Work Programme: Falls Prevention"
    assert by_text(bs, "All of our investment").scope_dates == ()


def test_period_label_headings_scope_the_paragraphs_below():
    text = """Plan on a page deliverables

Outline plan – key deliverables in more detail

2016/17

P&P: Prevention design & delivery plans. Expansion of existing activities.

2017/18

U&EC: Implement new stroke pathway.

Benefits for our communities

Some detailed examples follow here in a paragraph of text."""
    bs = blocks_of(text, date(2016, 10, 1))
    assert by_text(bs, "Prevention design").scope_dates[0].start == "2016-04-01"
    assert by_text(bs, "Implement new stroke").scope_dates[0].end == "2018-03-31"
    assert by_text(bs, "Some detailed examples").scope_dates == ()


def test_past_heading_dates_describe_data_not_items():
    bs = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n"
                   "Oral Health - June 2015\n\nAshcombe\n\n- Tooth decay is 6.2 points higher", date(2015, 9, 1))
    assert by_text(bs, "Tooth decay").scope_dates == ()


def test_commitment_table_cells_carry_column_and_row():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "COMMITMENT \tWHAT WE HAVE DONE \tPATIENT IMPACT \tNEXT STEPS \n"
            "<p>Help community pharmacies to improve care for housebound people</p>\t"
            '<ul style="list-style-type: none"> We have widened the service hours \t'
            '<ul style="list-style-type: none"> Patients will see improvements \t'
            '<ul style="list-style-type: none"> • Review the model • Agree the approach')
    bs = [b for b in blocks_of(text) if b.kind == "cell"]
    assert [(b.column, b.text) for b in bs] == [
        ("COMMITMENT", "Help community pharmacies to improve care for housebound people"),
        ("WHAT WE HAVE DONE", "We have widened the service hours"),
        ("PATIENT IMPACT", "Patients will see improvements"),
        ("NEXT STEPS", "Review the model"),
        ("NEXT STEPS", "Agree the approach"),
    ]
    assert len({b.row_key for b in bs}) == 1


def test_activity_date_table_dates_apply_to_the_row():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "ACTIVITY\tDATE\nNHSE approval of Pre-Consultation Business Case\tNovember 2016\n"
            "Newly procured services / pathway mobilised\tJuly 2017+")
    bs = [b for b in blocks_of(text, date(2016, 10, 1)) if b.kind == "cell"]
    assert [(b.scope_dates[0].start, b.scope_dates[0].end) for b in bs] == [
        ("2016-11-01", "2016-11-30"), ("2017-07-01", None)]
    assert all(b.column == "ACTIVITY" for b in bs)


def test_infographic_fragments_are_joined():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "IMPROVE\n\nCarer experience and reduce repeat referrals\n\n\n"
            "Ensure clinics are **RESPONSIVE**\n\n\n\n\nshorten waits and reduce\nrepeat clinic visits")
    frags = [b.text for b in blocks_of(text) if b.kind == "fragment"]
    assert "IMPROVE Carer experience and reduce repeat referrals" in frags
    assert "Ensure clinics are RESPONSIVE shorten waits and reduce repeat clinic visits" in frags


def test_checkbox_marks_are_bullets():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "Tick each box when the action is done.\n\n"
            "☐ 3  Make every council playground smokefree by summer 2022.\n"
            "☑ 4  Add a smokefree condition to café licences from April 2022.\n"
            "☒ 5  Update the workplace policy by December 2021.")
    items = [b.text for b in blocks_of(text) if b.kind == "list_item"]
    assert [t.split()[0] for t in items] == ["3", "4", "5"]
    assert not any(t.startswith(("☐", "☑", "☒")) for t in items)


@pytest.mark.parametrize("lines, parts", [
    # a callout's figure and caption over the sentence that tells it
    (["**40**", "new community nurses", "We will recruit 40 community nurses for the three localities by March 2024."], 2),
    (["Our promise to carers", "We will give every carer who asks a written carer's assessment within four weeks."], 2),
    # a sentence wrapped over a line break stays whole: a comma or a connecting word, or its first line long
    (["We will recruit 40 community nurses,", "and train them in the new frailty pathway by March 2024."], 1),
    (["Working with the", "Brantley Community Trust, we will open two new clinics by March 2024."], 1),
])
def test_a_caption_is_no_part_of_the_sentence_under_it(lines, parts):
    text = "Intro paragraph that is long enough to be body text for this document.\n\n" + "\n".join(lines)
    blocks = [b for b in blocks_of(text) if "Intro" not in b.text]
    assert len(blocks) == parts, [b.text for b in blocks]
    assert blocks[-1].text.startswith(("We will", "and train", "Working")) and blocks[-1].text.endswith(".")


@pytest.mark.parametrize("heading, negative", [
    ("Where we are now", True),
    ("Key risks and mitigations", True),
    # a plan's chapter on a subject of its work holds its actions, whatever the subject
    ("Prevention and health inequalities", False),
    ("Reducing health inequalities", False),
])
def test_a_heading_that_sets_its_section_aside(heading, negative):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"## {heading}\n\nGive at least 60% of the people on the register an annual health check.")
    assert by_text(blocks_of(text), "Give at least").negative_context is negative


def test_what_we_will_do_ends_a_section_that_tells_how_things_stand():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "## Where we are now\n\nThirty-eight practices still use analogue telephone systems.\n\n"
            "What we will do\n\nAll practices will be on cloud-based telephony by December 2023.")
    blocks = blocks_of(text)
    assert by_text(blocks, "Thirty-eight").negative_context
    pledge = by_text(blocks, "All practices will")
    assert not pledge.negative_context and pledge.forward_context


def test_soft_wrapped_bullets_and_nested_items():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "- Aligned with national review, develop a network, with:\n - Streamlined access points\n"
            "- improving physical activity, healthy eating,\nmental health support")
    items = [b for b in blocks_of(text) if b.kind == "list_item"]
    assert [(b.level, b.text) for b in items] == [
        (0, "Aligned with national review, develop a network, with:"),
        (1, "Streamlined access points"),
        (0, "improving physical activity, healthy eating, mental health support"),
    ]
    assert items[1].intro == "Aligned with national review, develop a network, with:"


def test_a_hard_wrapped_export_breaks_before_each_numbered_action():
    """A PDF-to-text export wraps sentences at the page width and puts no blank line between actions:
    a line that opens with a multi-level reference starts an action of its own."""
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "2.1.1 The Council will replace the street lights on main roads with LED\n"
            "lanterns and dim them after midnight  Short Term\n"
            "2.1.2 Publish a tree planting plan for every ward with the parish\n"
            "councils  Medium Term\n"
            "We expect the lights to cut\n"
            "2.5 million kWh a year.")
    texts = [b.text for b in blocks_of(text)]
    assert any(t.startswith("2.1.1 The Council will replace") and t.endswith("Short Term") for t in texts)
    assert any(t.startswith("2.1.2 Publish a tree planting plan") for t in texts)
    assert not any("Short Term 2.1.2" in t for t in texts)
    # a number that only continues a sentence ("2.5 million") is no reference
    assert any(t.endswith("cut 2.5 million kWh a year.") for t in texts)


def test_a_title_naming_who_acts_leads_the_list_under_it():
    """"What the Council will do" over a list is its lead-in (a forward one), as "The Council will:" is."""
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "What Westmarch County Council will do\n\n- Resurface the main paths in the five largest parks\n\n"
            "How partners can help\n\n- Run volunteer days in every park\n\n"
            "What happened last year\n\n- The paths were surveyed")
    items = {b.text: b for b in blocks_of(text) if b.kind == "list_item"}
    assert items["Resurface the main paths in the five largest parks"].intro == "What Westmarch County Council will do"
    assert items["Resurface the main paths in the five largest parks"].forward_context
    assert items["Run volunteer days in every park"].intro == "How partners can help"
    assert items["The paths were surveyed"].intro is None


def test_a_title_naming_who_acts_heads_the_numbered_actions_of_a_hard_wrapped_table():
    """A layout-keeping export of an action table: the title over the actions sits beside the
    objective's label after a column gap, or on a line of its own with no blank line around it; it is
    a line of its own all the same, and heads the numbered actions under it until the next such title."""
    text = ("Objective  Action  Timescale\n"
            "2.1 Cleaner air around   Actions Eastvale Borough Council  can take\n"
            "schools\n"
            "2.1.1 Extend the school streets scheme to ten more primary schools  Medium Term\n"
            "2.1.2 Consider a clean air zone for the\n"
            "town centre  Long Term\n"
            "What partners can do together\n"
            "2.1.3 Offer bus operators grants towards cleaner engines  Ongoing\n"
            "How Government can help\n"
            "2.1.4 Review the national funding of clean air schemes\n")
    blocks = blocks_of(text)
    title = by_text(blocks, "Actions Eastvale Borough Council can take")
    assert title.kind == "paragraph" and title.intro is None
    assert by_text(blocks, "2.1 Cleaner air around").text == "2.1 Cleaner air around"
    assert by_text(blocks, "2.1.1 Extend").intro == "Actions Eastvale Borough Council can take"
    assert by_text(blocks, "2.1.2 Consider").kind == "paragraph"  # an action, though short and unpunctuated
    assert by_text(blocks, "2.1.2 Consider").text.endswith("town centre Long Term")
    assert by_text(blocks, "2.1.3 Offer").intro == "What partners can do together"
    assert by_text(blocks, "2.1.4 Review").intro == "How Government can help"


def test_a_meetings_particulars_are_no_headings():
    """"Apologies: Cllr B Jones" is a line of the minutes' front matter, not a title over the minutes."""
    text = ("MINUTES OF THE PARKS COMMITTEE\n\nPresent: Cllr A Khan (Chair), Dr J Morris\n\n"
            "Apologies: Cllr B Jones\n\n1. Play areas\n\nThe committee discussed the play areas in some detail.")
    blocks = blocks_of(text)
    assert by_text(blocks, "Apologies: Cllr B Jones").kind != "heading"
    assert by_text(blocks, "The committee discussed").section == ("MINUTES OF THE PARKS COMMITTEE", "1. Play areas")


@pytest.mark.parametrize("line", ["Carers Trust https://carers.org/", "Age Concern Eastvale www.ageconcern-eastvale.org.uk"])
def test_a_line_with_a_web_address_is_no_heading(line):
    """A list of useful links ends with a name and its address: no title over the sections after it."""
    text = ("Where to find help\n\nThe following organisations offer advice to carers and families.\n\n"
            f"{line}\n\n3.2 Respite care\n\nThe service will offer a short break to every carer.")
    blocks = blocks_of(text)
    assert by_text(blocks, line).kind != "heading"
    assert by_text(blocks, "The service will offer").section[-1] == "3.2 Respite care"
    assert line not in by_text(blocks, "The service will offer").section


@pytest.mark.parametrize("line", ["Version x, x March 2026", "Version 1.4 – May 2026", "Version number: 3",
                                  "V0.9 draft for consultation"])
def test_a_version_stamp_is_no_heading(line):
    """The title page's issue of the document is no title over every section of it."""
    text = (f"Eastvale eye care plan 2026/27\n\n{line}\n\nOur priorities\n\n"
            "The service will offer a short wait to every patient this year.")
    blocks = blocks_of(text)
    assert by_text(blocks, line).kind != "heading"
    assert line not in by_text(blocks, "The service will offer").section


def test_pipe_tables_and_numbered_rows():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "- | | |\n|---|---|\n| 1 | Review depot and yard use for consolidation |\n"
            "| 2 | Establishing a new eye clinic in a library building |")
    cells = [b.text for b in blocks_of(text) if b.kind == "cell"]
    assert cells == ["Review depot and yard use for consolidation",
                     "Establishing a new eye clinic in a library building"]


@pytest.mark.parametrize("cell, items", [
    ("<p>One thing</p> <p>Another thing</p>", ["One thing", "Another thing"]),
    ('<ul style="list-style-type: none"> • First item • Second item', ["First item", "Second item"]),
    ('<ul style="list-style-type: none"> A group has been established We have secured funding',
     ["A group has been established", "We have secured funding"]),
    # a bullet-less list's items run together: a new item where a capitalised word opens a clause
    ('<ul style="list-style-type: none"> Opened the Riverside Day Hospital for older patients Extended '
     'evening Clinic hours in two towns', ["Opened the Riverside Day Hospital for older patients",
                                           "Extended evening Clinic hours in two towns"]),
    ('<ul style="list-style-type: none"> Fewer people wait for a bed Families will get one named contact '
     'There is a single number to call', ["Fewer people wait for a bed", "Families will get one named contact",
                                          "There is a single number to call"]),
    ('<ul style="list-style-type: none"> Train staff to use the new recovery plan Review the Falls '
     'Service with the Borough Council', ["Train staff to use the new recovery plan",
                                          "Review the Falls Service with the Borough Council"]),
    # but not inside a name, after a word a clause cannot end with, or at a capitalised common noun
    ('<ul style="list-style-type: none"> Agreed the scope of the Joint Development Review with the '
     'Hospice Trust Recruited a nurse', ["Agreed the scope of the Joint Development Review with the Hospice Trust",
                                         "Recruited a nurse"]),
    ('<ul style="list-style-type: none"> Move the team into Planned Care and Support Services',
     ["Move the team into Planned Care and Support Services"]),
    ('<ul style="list-style-type: none"> Open more ambulatory Care units', ["Open more ambulatory Care units"]),
    ("Plain cell text", ["Plain cell text"]),
    # bullets a PDF export flattened into one line
    ("Libraries - Extend opening hours in two towns - Add a home library service - Review fines",
     ["Extend opening hours in two towns", "Add a home library service", "Review fines"]),
    ("The plan - agreed in May - sets out our aims", ["The plan - agreed in May - sets out our aims"]),  # dashes
    ("Years 1 - 3 - see the annex - page 4 - table 2", ["Years 1 - 3 - see the annex - page 4 - table 2"]),
])
def test_split_cell(cell, items):
    assert split_cell(cell) == items


@pytest.mark.parametrize("raw, plain", [
    ("Ensure pharmacies aren't **SWAMPED** as a result", "Ensure pharmacies aren't SWAMPED as a result"),
    ("<p>Rapid referral &amp; protocols</p>", "Rapid referral & protocols"),
    ("  spaced   out  ", "spaced out"),
])
def test_strip_markup(raw, plain):
    assert strip_markup(raw) == plain


def test_slide_kicker_and_title_is_a_top_level_heading():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "Riverside Plan 2020/21\n\nOur programmes\n\n- Open a frailty unit\n\n"
            "Preventative and Proactive:\nPrimary Care\n\n- Offer longer appointments")
    bs = blocks_of(text, date(2019, 10, 1))
    assert by_text(bs, "Preventative and Proactive").level == 1
    assert by_text(bs, "longer appointments").scope_dates == ()


def test_a_timescale_cell_that_names_milestones_gives_them_as_items():
    cells = cells_of("Action\tLead\tTimescale\n"
                     "Open a second memory clinic\tHead of Older People\tPremises lease signed May 2026. Clinic "
                     "open to patients by October 2026\n"
                     "Review the carers offer\tCarers Lead\tMarch 2027", date(2025, 10, 1))
    assert [b.text for b in cells] == ["Open a second memory clinic", "Premises lease signed May 2026",
                                       "Clinic open to patients by October 2026", "Review the carers offer"]
    assert [(d.start, d.end) for d in cells[2].scope_dates] == [(None, "2026-10-31")]
    assert cells[1].column == "Timescale"


def test_a_timescale_of_dates_and_qualifiers_names_no_milestone():
    cells = cells_of("Action\tLead\tTimescale\n"
                     "Review the carers offer\tCarers Lead\tCommenced May 2025, ongoing (subject to funding)\n"
                     "Publish the carers charter\tCarers Lead\tJan 26 - Mar 26 to be launched Apr 26 (provisional)",
                     date(2025, 10, 1))
    assert [b.text for b in cells] == ["Review the carers offer", "Publish the carers charter"]


def test_nested_lead_ins_are_kept_for_the_items_under_them():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "Hospital providers should:\n\n"
            "- Develop workforce plans:\n - Add rostered clinic sessions\n"
            "- Record the follow-up date for every patient\n\n"
            "The partners will pursue two aims:\n\n"
            "Better access, through:\n\n- Longer opening hours\n\n"
            "Fewer delays, by:\n\n- Shared records\n\n"
            "This paragraph of text closes the run of lead-ins for good.\n\n"
            "Planned works:\n\n- New roof")
    bs = blocks_of(text)
    assert by_text(bs, "Add rostered").outer_intros == ("Hospital providers should:",)
    after = by_text(bs, "Record the follow-up")
    assert after.intro is None and after.outer_intros == ("Hospital providers should:",)
    assert by_text(bs, "Longer opening").outer_intros == ("The partners will pursue two aims:",)
    assert by_text(bs, "Shared records").intro == "Fewer delays, by:"
    assert by_text(bs, "Shared records").outer_intros == ("The partners will pursue two aims:",)
    assert by_text(bs, "New roof").outer_intros == ()
    # the later lead-ins of a run are the first one's items: it is above them as well
    assert by_text(bs, "Better access").outer_intros == ("The partners will pursue two aims:",)
    assert by_text(bs, "Fewer delays").outer_intros == ("The partners will pursue two aims:",)
    assert by_text(bs, "The partners will").outer_intros == ()
    assert by_text(bs, "Planned works").outer_intros == ()


def test_a_numbered_set_of_recommendations_answered_by_number_is_quoted():
    """"Recommendations 5) a-c) are accepted": a response that names the parts by number; a part
    that only sets a condition ("5b. If the panel finds ...") is quoted with the set it belongs to."""
    text = ("Intro paragraph that is long enough to be body text for this response document.\n\n"
            "5) Reviewing the scheme\n\n"
            "5a. The council should publish the scheme's costs each year.\n\n"
            "5b. If the panel finds that costs have risen, the panel may ask the council for a review.\n\n"
            "5c. The council must answer the panel within three months.\n\n"
            "Recommendations 5) a-c) are accepted in full by Eastvale Borough Council.\n\n"
            "We will publish the first statement of costs in June 2026.")
    blocks = blocks_of(text)
    assert all(by_text(blocks, f"5{x}.").quoted for x in "abc")
    assert not by_text(blocks, "Recommendations 5) a-c)").quoted
    assert not by_text(blocks, "We will publish").quoted


@pytest.mark.parametrize("line, heading", [
    ("2,068.7", False), ("31", False), ("(1,250)", False),
    ("2025/26", True),  # a period is a column's or section's date, read as a heading
    ("2025/26 & 2026/27", True), ("2025/26 and 2026/27", True),  # two periods joined
    ("3 Our priorities", True), ("Reserves", True),
])
def test_a_figure_alone_is_no_heading(line, heading):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"{line}\n\nAnother paragraph of body text that follows the short line above it.")
    assert (by_text(blocks_of(text), line).kind == "heading") is heading


@pytest.mark.parametrize("line, heading", [
    # a numbered outcome or priority titled by a whole statement heads its part of the strategy
    ("Outcome 2: Older people are listened to and their views shape services", True),
    ("Priority 3 – People will live well at home for longer", True),
    ("Theme B: Children are safe from harm", True),
    # the same statement unlabelled, or ending as a sentence, is body text
    ("Older people are listened to and their views shape services", False),
    ("Outcome 2: Older people are listened to.", False),
])
def test_a_numbered_outcome_stated_as_a_sentence_is_a_heading(line, heading):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"{line}\n\nAnother paragraph of body text that follows the short line above it.")
    assert (by_text(blocks_of(text), line).kind == "heading") is heading


def test_a_table_after_a_forward_lead_in_is_forward():
    """A table announced by the paragraph before it ("... how we will meet the following targets:")
    holds things to be done, as a list under such an intro does; only the lead-in's last sentence
    introduces it, so background before it ("as highlighted in the annex") does not turn it off."""
    text = """Northshire Health Plan 2024-2029

Our plans were reviewed by each programme board, as highlighted in the annex. These set out how we will meet the following targets:

Stroke\t<ul><li>Thrombolysis for all eligible patients by 2026</li><li>Six more stroke nurses by 2027</li></ul>
Diabetes\t<ul><li>Structured education for all newly diagnosed adults</li></ul>

Our population

Stroke\t<ul><li>About 900 strokes a year in the county</li></ul>
"""
    bs = blocks_of(text, date(2024, 4, 1))
    assert by_text(bs, "Thrombolysis for all eligible").forward_context
    assert by_text(bs, "Structured education").forward_context
    assert not by_text(bs, "About 900 strokes").forward_context


def test_a_table_after_a_plain_lead_in_is_not_forward():
    """'The groups set up are:' or 'builds on the following:' introduce a description as often as a
    plan: a table under them is not announced as things to be done."""
    text = """Northshire Estates Review

The district groups set up are:

North\t<ul><li>Housing and health group for the market towns</li></ul>
South\t<ul><li>Rural transport group for the villages</li></ul>
"""
    bs = blocks_of(text, date(2024, 4, 1))
    assert not by_text(bs, "Housing and health group").forward_context


def test_a_paragraph_before_a_list_in_a_cell_titles_the_list():
    cell = ('<p>Keeping staff well</p> <ul style="list-style-type: none"> <li>Open two staff wellbeing hubs</li>'
            '<li>Offer flu jabs at every site</li></ul> <p>Growing our own</p> <ul><li>Double nurse apprenticeships</li></ul>')
    assert labelled_cell_items(cell) == [("Open two staff wellbeing hubs", "Keeping staff well"),
                                         ("Offer flu jabs at every site", "Keeping staff well"),
                                         ("Double nurse apprenticeships", "Growing our own")]
    # a paragraph that no list follows is an item of its own
    assert labelled_cell_items("<p>Review the rota by May</p><p>Recruit two porters</p>") == [
        ("Review the rota by May", None), ("Recruit two porters", None)]


@pytest.mark.parametrize("label, period", [
    ("Q2 July - September 2024", True),
    ("Q4 January 2025 - March 2025", True),
    ("Quarter 3 (Oct - Dec 2024)", True),
    ("April to June 2024", True),
    ("2024/25", True),
    ("Workforce", False),
    ("Q2 priorities for the workforce", False),
])
def test_period_labels_as_timelines_print_them(label, period):
    from kb.layout.parse import is_period_label

    assert is_period_label(label) is period


def test_a_timeline_period_holds_the_topic_labels_under_it():
    # a milestone timeline prints each quarter above topic labels; the quarter still ahead of the
    # document schedules every entry under each label, and a long state line is an entry, not a title
    text = """Delivery timeline

Body text paragraph long enough to end the title zone of this little document.

Q2 July - September 2024

Estates

Community hub business cases approved and submitted to the regional team

Two new clinic rooms open in the town centre.

Digital

Shared care record live in every practice.

Q3 October - December 2024

Estates

Refurbishment of the health centre under way."""
    bs = blocks_of(text, date(2024, 6, 1))
    approved = by_text(bs, "Community hub business cases")
    assert approved.kind == "paragraph"
    assert approved.section == ("Q2 July - September 2024", "Estates") and approved.forward_context
    assert [(d.start, d.end) for d in approved.scope_dates] == [("2024-07-01", "2024-09-30")]
    record = by_text(bs, "Shared care record")
    assert record.section == ("Q2 July - September 2024", "Digital") and record.forward_context
    refurb = by_text(bs, "Refurbishment")
    assert refurb.section == ("Q3 October - December 2024", "Estates")
    assert [(d.start, d.end) for d in refurb.scope_dates] == [("2024-10-01", "2024-12-31")]


def test_a_past_period_heading_schedules_nothing():
    text = """Progress report

Body text paragraph long enough to end the title zone of this little document.

Q1 April - June 2023

Estates

Two new clinic rooms open in the town centre."""
    rooms = by_text(blocks_of(text, date(2024, 6, 1)), "Two new clinic rooms")
    assert not rooms.forward_context and rooms.scope_dates == ()


@pytest.mark.parametrize("heading, negative", [
    ("Key risks and mitigations", True),
    ("Risk log", True),
    ("4.3 Risk", False),  # how risk is to be managed: requirements, no register
    ("Risk management and escalation", False),
])
def test_a_risk_register_heading_is_negative_a_risk_section_is_not(heading, negative):
    text = f"""Plan

Body text paragraph long enough to end the title zone of this little document.

{heading}

Incidents should be reported to the clinical lead within two days."""
    assert by_text(blocks_of(text, date(2024, 6, 1)), "Incidents should").negative_context is negative


@pytest.mark.parametrize("heading", ["Looking to 2026", "Looking ahead", "The year ahead", "Our plans for next year"])
def test_a_heading_that_looks_ahead_is_forward(heading):
    text = f"""Annual report

Body text paragraph long enough to end the title zone of this little document.

{heading}

Raising awareness of the service among schools and colleges."""
    assert by_text(blocks_of(text, date(2025, 1, 1)), "Raising awareness").forward_context


def test_bold_topic_labels_stay_under_a_bold_timeline_period():
    text = """Delivery timeline

Body text paragraph long enough to end the title zone of this little document.

**Q3 October - December 2024**

**Estates**

Two new clinic rooms open in the town centre.

**Digital**

Shared care record live in every practice.

**Q4 January - March 2025**

**Estates**

Refurbishment of the health centre complete."""
    bs = blocks_of(text, date(2024, 6, 1))
    assert by_text(bs, "Shared care record").section == ("Q3 October - December 2024", "Digital")
    assert by_text(bs, "Refurbishment").section == ("Q4 January - March 2025", "Estates")


@pytest.mark.parametrize(("table", "row_labels", "texts"), [
    # a programme column beside a column of its priorities: the programme names the row
    ("Programme\tPriorities\nCommunity Safety\tInstall lighting in the two town-centre car parks\n"
     "Older People's Housing\tOpen the extra-care scheme at Millbrook by 2026",
     ["Community Safety", "Older People's Housing"],
     ["Install lighting in the two town-centre car parks", "Open the extra-care scheme at Millbrook by 2026"]),
    ("Workstream\tActivity\tOutcomes\nLibraries\tExtend opening hours on Saturdays\tMore visits",
     ["Libraries", "Libraries"], ["Extend opening hours on Saturdays", "More visits"]),
    # a programme column alone, or one whose cell is itself an action, holds the items
    ("Project\tLead\tDate\nResurface the bridge at Mill Lane\tHighways\tMarch 2026",
     [None], ["Resurface the bridge at Mill Lane"]),
    ("Scheme\tActions\nCreate a new cycle route to the station\tConsult residents in the spring",
     [None, None], ["Create a new cycle route to the station", "Consult residents in the spring"]),
])
def test_a_programme_column_beside_its_work_names_the_row(table, row_labels, texts):
    bs = cells_of(table, date(2025, 1, 1))
    assert [b.row_label for b in bs] == row_labels
    assert [b.text for b in bs] == texts


def test_recommendations_quoted_before_a_response_are_marked_as_quoted():
    """A response document quotes each recommendation, then answers it: the asks before "This
    recommendation is accepted ..." are another body's; the author's own sentences are not."""
    text = ("Intro paragraph that is long enough to be body text for this response document.\n\n"
            "2) Remembering\n\n"
            "2a. A memorial garden should be created in the town park.\n\n"
            "2b. That a plaque be placed at the old hospital gates.\n\n"
            "This recommendation is accepted in full by Eastvale Borough Council.\n\n"
            "We will open the garden in the spring of 2026.\n\n"
            "3) Learning\n\n"
            "3a. Training should include the lessons of the review.\n\n"
            "Response: agreed. The Trust will add a module to its induction course.\n\n"
            "4) Records\n\n"
            "Records should be kept for twenty years, as the law requires.\n\n"
            "Our archive keeps them safe.")
    blocks = blocks_of(text)
    assert by_text(blocks, "2a. A memorial").quoted and by_text(blocks, "2b. That a plaque").quoted
    assert not by_text(blocks, "This recommendation is accepted").quoted
    assert not by_text(blocks, "We will open the garden").quoted
    assert by_text(blocks, "3a. Training").quoted
    assert not by_text(blocks, "Records should be kept").quoted  # no response follows it


@pytest.mark.parametrize("line, heading", [
    # a table row whose Timescale cell the export ran into the action after its full stop
    ("Fit smart thermostats in all sheltered housing schemes. Nov-23", False),
    ("Agree a joint parking plan with the BID. Apr-24", False),  # a sentence ending in an acronym
    ("Plan. Sep-25", False),  # the last word of a wrapped row and its date
    ("Replace the depot roof lights. Lead: Facilities", False),  # a sentence and a cell after it
    # titles keep their abbreviations and their dates
    ("St. Anne's Ward priorities", True), ("Delivery plan 2024/25", True), ("Fig. 3 Emissions by sector", True),
])
def test_a_sentence_with_a_cell_after_its_full_stop_is_no_heading(line, heading):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"{line}\n\nAnother paragraph of body text that follows the short line above it.")
    assert (by_text(blocks_of(text), line).kind == "heading") is heading


def test_a_row_date_after_the_full_stop_is_not_handed_to_the_rows_below():
    """Rows of an action table exported one a line, each ending with its Timescale cell: a row
    is no heading, so its month schedules only itself."""
    text = ("DEPOT ACTION PLAN\nAction Timescale\n"
            "Fit smart thermostats in all sheltered housing schemes. Nov-23\n"
            "Survey the roofs of the four depots for solar panels.Feb-24\n"
            "Draw up a travel plan for staff at the civic centre. Jul-24\n"
            "Review the fleet's fuel cards.")
    bs = blocks_of(text, date(2023, 6, 1))
    for needle in ("Survey the roofs", "Draw up a travel plan", "Review the fleet"):
        assert by_text(bs, needle).scope_dates == ()


@pytest.mark.parametrize(("text", "kinds"), [
    # numbers running on from line to line are a list, whatever the items' words
    ("Our plan\n\nThe council set out its aims for the year in the spring and consulted on them widely.\n\n"
     "1. Collect food waste from every flat\n2. Open a repair cafe at the depot\n3. Plant trees in the park\n",
     ["heading", "paragraph", "list_item", "list_item", "list_item"]),
    # a numbered title standing apart, a paragraph under it, is still a heading
    ("Our plan\n\n1. Food waste\n\nThe council will collect food waste from every flat from the spring onwards.\n\n"
     "2. Repair and reuse\n\nThe council will open a repair cafe at the depot in the summer.\n",
     ["heading", "heading", "paragraph", "heading", "paragraph"]),
])
def test_numbered_lines_running_on_are_a_list(tmp_path, text, kinds):
    from kb.sources import load_document

    path = tmp_path / "2025-05_plan.txt"
    path.write_text(text, encoding="utf-8")
    assert [b.kind for b in load_document(path).blocks] == kinds


def test_a_line_whose_bracket_closes_on_the_next_goes_on_there():
    """One action a line, but a long one wrapped inside a bracket: the line that closes the bracket
    continues it, even when it opens with a capital."""
    text = ("Intro paragraph that is long enough to be body text for this document.\n"
            "Require all new council depots (including the Mill Lane and Eastgate\n"
            "Depots) to meet the BREEAM Excellent standard.\n"
            "Publish the depot plan (Stage 2) by March.\n"
            "Replace the boilers at the two leisure centres with air source heat pumps by 2027.\n"
            "Fit smart meters to every council building that has a gas supply by the end of 2026.\n"
            "Review the fleet and replace the oldest vans with electric vans when their leases end.\n"
            "Plant two thousand street trees in the wards with the least canopy cover by 2030.\n"
            "Open a tool library at the central library for residents to borrow from in 2026.\n"
            "Run a repair cafe in each of the four district centres every month from next spring.")
    bs = blocks_of(text)
    assert by_text(bs, "Fit smart meters").text.startswith("Fit smart meters")  # one paragraph a line
    assert by_text(bs, "Require all new").text.endswith("BREEAM Excellent standard.")
    assert by_text(bs, "Publish the depot plan").text == "Publish the depot plan (Stage 2) by March."


def test_a_wrapped_rows_last_word_and_date_go_on_the_line_above():
    """One action a line with its date at the end: a row wrapped before its last word puts that word,
    its full stop and the date on a line of their own, which goes on with the row."""
    lines = ["Replace the boilers at the two leisure centres with air source heat pumps by 2027.",
             "Fit smart meters to every council building that has a gas supply by the end of 2026.",
             "Add the depots to the council's updated Carbon Management",
             "Plan. Sep-26",
             "Review the fleet and replace the oldest vans with electric vans when their leases end.",
             "Plant two thousand street trees in the wards with the least canopy cover by 2030.",
             "Open a tool library at the central library for residents to borrow from in 2026.",
             "Run a repair cafe in each of the four district centres every month from next spring.",
             "Publish the depot plan on the council website once the Cabinet has agreed it.",
             "Report progress on the plan to the Environment Committee twice a year."]
    bs = blocks_of("\n".join(lines))
    assert by_text(bs, "Add the depots").text == "Add the depots to the council's updated Carbon Management Plan. Sep-26"


def test_a_title_word_in_capitals_over_body_text_is_a_heading():
    """An ALL-CAPS action word alone over a paragraph of body text titles the section: no panel."""
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "PROCUREMENT AND CONTRACTS\n\n"
            "Procurement covers how the council spends its money on the goods and services it buys each year.")
    assert by_text(blocks_of(text), "PROCUREMENT AND CONTRACTS").kind == "heading"
    # or over a table's header printed as one line of labels
    table = text.replace("Procurement covers how the council spends its money on the goods and services it buys each year.",
                         "Action Lead Timescale\n\nAgree the new contract rules with Cabinet.")
    bs = blocks_of(table)
    assert by_text(bs, "PROCUREMENT AND CONTRACTS").text == "PROCUREMENT AND CONTRACTS"
    assert by_text(bs, "PROCUREMENT AND CONTRACTS").kind == "heading"
    # or over a committee report's numbered paragraph, its first word a verb in another use ("RESOURCE")
    report = text.replace("PROCUREMENT AND CONTRACTS", "RESOURCE IMPLICATIONS").replace(
        "Procurement covers", "14. The new arrangements cover")
    bs = blocks_of(report)
    assert by_text(bs, "RESOURCE IMPLICATIONS").kind == "heading"
    assert by_text(bs, "The new arrangements cover").section == ("RESOURCE IMPLICATIONS",)
    # a short numbered line under it is a list of its own, the words in capitals the item they open
    short = text.replace("PROCUREMENT AND CONTRACTS", "IMPROVE DIABETES CARE").replace(
        "Procurement covers how the council spends its money on the goods and services it buys each year.",
        "1. Annual checks")
    assert by_text(blocks_of(short), "IMPROVE DIABETES CARE").kind != "heading"


def test_words_in_capitals_that_text_in_lower_case_goes_on_from_are_no_title():
    """A plan on a page sets an item's first words in capitals and goes on in lower case below
    ("IMPROVE DIABETES CARE" / "across the county so that ..."): one item, not a section title."""
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "IMPROVE DIABETES CARE\n\n"
            "across the county so that more people have their annual checks and fewer need amputations.")
    assert by_text(blocks_of(text), "IMPROVE DIABETES CARE").kind != "heading"


def test_a_numbered_title_over_its_own_subsections_is_a_heading():
    """"2. Renew the library card online" over "2.1 Task": a section's title, whatever its words; a
    run of numbered lines with no "N.1" under them stays a list."""
    text = ("Tasks set for each visitor to try on the new website during the morning session.\n\n"
            "1. Find the opening hours of the nearest library\n"
            "2. Renew the library card online\n\n"
            "1. Find the opening hours of the nearest library\n\n"
            "1.1 Task\n\n"
            "Visitors were asked to find the hours from the home page of the website.\n\n"
            "2. Renew the library card online\n\n"
            "2.1 Task\n\n"
            "Visitors were asked to renew a card that had expired in the spring.")
    blocks = blocks_of(text)
    kinds = [(b.kind, b.text) for b in blocks if "Renew the library card" in b.text]
    assert kinds[0][0] == "list_item" and kinds[1][0] == "heading"
    task = [b for b in blocks if b.text.startswith("Visitors were asked to renew")][0]
    assert task.section[0].startswith("2. Renew")


def test_a_header_row_repeated_with_other_wording_is_no_row():
    """A long table repeats its header on each page, sometimes reworded in its other columns
    ("Plans in place" for "Plans in Place to Deliver"): the row whose first cell is the first
    header again is a header, not an item."""
    table = ("What we will do\tPlans in Place to Deliver\n"
             "Open two family hubs in the north\tFamily Hubs programme\n"
             "what we will do\tplans in place\n"
             "Extend the library's opening hours\tLibrary strategy")
    texts = [b.text for b in cells_of(table, date(2025, 1, 1))]
    assert "what we will do" not in texts and "plans in place" not in texts
    assert "Extend the library's opening hours" in texts


def test_where_we_are_now_tells_the_current_state():
    from kb.layout.structure import NEGATIVE_SECTION

    assert NEGATIVE_SECTION.search("Where we are now")
    assert not NEGATIVE_SECTION.search("Where we are going")


def test_a_unit_column_owns_the_row_and_a_dated_step_column_times_it():
    # "Recommendation | Action required | Status | Programme workstream": the workstream is the row's
    # owner, the short dated step ("Draft plan Q3 – 2024/25") the row's timing, neither an item
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "Recommendation\tAction required\tStatus\tProgramme workstream\n"
            "1. Agree a single referral form for all community therapy services.\tDraft plan Q3 – 2024/25\t"
            "Not started\tCommunity Services Redesign\n"
            "2. Extend the falls service to the two care homes in the north.\tPilot\tIn delivery\t"
            "Ageing Well Delivery Team\n")
    cells = [b for b in blocks_of(text, date(2024, 6, 1)) if b.kind == "cell"]
    first = by_text(cells, "Agree a single referral form")
    assert first.fields.get("owner") == "Community Services Redesign"
    assert [(d.start, d.end) for d in first.scope_dates] == [("2024-10-01", "2024-12-31")]
    assert not any(b.text.startswith("Draft plan") for b in cells)
    assert by_text(cells, "Extend the falls service").fields.get("owner") == "Ageing Well Delivery Team"
    assert not any(b.text == "Community Services Redesign" for b in cells)


def test_a_column_headed_by_a_pledge_s_opening_looks_ahead():
    """"You said / We will" tables: each cell of the "We will" column completes the pledge its header
    opens, as the items of a "we will:" list do; the quotes beside them do not."""
    cells = cells_of("You said\tWe will\tWho\tBy when\n"
                     "Nobody told me anything about respite when my mother came home.\t"
                     "Post a respite guide to every registered tenant\t"
                     "Housing team\tMarch 2022\n")
    assert by_text(cells, "Post a respite guide").forward_context
    assert not by_text(cells, "Nobody told me").forward_context



# Timetables: a stage and when it is due, the when in a cell of its own (a plan's programme, a scheme's
# milestones).  Tables written for these tests.
@pytest.mark.parametrize("table, texts, dues", [
    # no header row: each row a stage and its month; the first row is a stage, not a header
    ("Draft strategy consultation\tJune 2026\nFinal strategy to Cabinet\tOctober 2026\n"
     "Strategy published\tJanuary 2027",
     # (a stage of three words or fewer reads with its date, as a short item reads with its row)
     ["Draft strategy consultation – June 2026", "Final strategy to Cabinet", "Strategy published – January 2027"],
     [[("2026-06-01", "2026-06-30")], [("2026-10-01", "2026-10-31")], [("2027-01-01", "2027-01-31")]]),
    # a header the reader does not know ("Timeline", "Estimated"), a placeholder for a date not yet set
    ("Stage\tTimeline\nScoping report\tMarch 2026\nPublic inquiry\ttbc",
     ["Scoping report – March 2026", "Public inquiry"], [[("2026-03-01", "2026-03-31")], []]),
    # a row's subject, the step and its season: the step reads with its subject
    ("Title\tStage\tEstimated\nParking Standards guide\tConsultation\tAutumn 2026\n"
     "Parking Standards guide\tAdoption\tWinter 2026/7",
     ["Parking Standards guide – Consultation", "Parking Standards guide – Adoption"],
     [[("2026-09-01", "2026-11-30")], [("2026-12-01", "2027-02-28")]]),
    # the corner of the header left empty, a bare year under "2026 estimate"
    ("\t2026 estimate\nForum's draft plan consultation\t2027\nForum's plan submitted\t2028",
     ["Forum's draft plan consultation", "Forum's plan submitted – 2028"],
     [[("2027-01-01", "2027-12-31")], [("2028-01-01", "2028-12-31")]]),
])
def test_a_timetable_row_is_its_stage_dated_by_its_when_cell(table, texts, dues):
    bs = cells_of(table, date(2026, 1, 1))
    assert [b.text for b in bs] == texts
    assert [[(d.start, d.end) for d in b.scope_dates] for b in bs] == dues
    assert all(b.forward_context for b in bs if b.scope_dates)


@pytest.mark.parametrize("table, texts, negative, dues", [
    # a stage the timetable reports done: no due, no item ahead
    ("Call for sites\tCompleted – May 2025\nPreferred options\tSeptember 2026",
     ["Call for sites – Completed – May 2025", "Preferred options – September 2026"], [True, False],
     [[], [("2026-09-01", "2026-09-30")]]),
    # planned, met and estimated dates side by side: the last one filled is the row's date now; one met
    # ("Actual") reports a step taken
    ("Stage\tPrevious version\tActual\tCurrent estimate\tCode\n"
     "Scoping published\tMay 2025\t12 June 2025\t-\tscoping-published\n"
     "Hearings start\tAutumn 2025\t-\tMarch 2026\thearings-start",
     ["Scoping published – May 2025 – 12 June 2025", "Hearings start – Autumn 2025 – March 2026"], [True, False],
     [[], [("2026-03-01", "2026-03-31")]]),
])
def test_a_timetable_tells_steps_done_from_steps_ahead(table, texts, negative, dues):
    bs = cells_of(table, date(2026, 1, 1))
    assert [b.text for b in bs] == texts  # (the data standard's codes are no items)
    assert [b.negative_context for b in bs] == negative
    assert [[(d.start, d.end) for d in b.scope_dates] for b in bs] == dues


def test_a_table_caption_ends_the_table_before_it():
    table = ("Stage\tTimeline\nScoping report\tMarch 2026\nReview of guidance\n"
             "Table 2- Documents to be replaced\nDocument\tReplacement\tStatus\n"
             "Design Guide (2014)\tUpdate\tIn preparation")
    bs = cells_of(table, date(2026, 1, 1))
    scoping = next(b for b in bs if b.text.startswith("Scoping report"))
    assert scoping.column == "Stage"
    assert any(b.column == "Replacement" for b in bs)


_VOICES = (
    "What we heard\n\n"
    "The booking line should open in the evenings as well.\n\nPriya Cole, Eastvale Carers Forum\n\n"
    "Create one place to find every support group in the borough.\n\nAnonymous\n\n"
    "Make the forms shorter so that older residents can fill them in.\n\nDr Tom Hale, Riverside Surgery\n\n"
    "How we are responding\n\n"
    "The booking line will open until 8pm from April 2026.\n\n"
    "We will publish a directory of support groups by June 2026.\n"
)


@pytest.mark.parametrize(("text", "undertakings"), [
    # quotations with their speaker's name under them are what people asked for, not the plan's actions
    (_VOICES, ["The booking line will open until 8pm from April 2026.",
               "We will publish a directory of support groups by June 2026."]),
    # one quotation named by a person alone is not enough to tell a quotation from a signed paragraph
    ("Foreword\n\nThe trust will open a new day unit at Hillford in 2026.\n\nSam Okafor, Chief Executive\n",
     ["The trust will open a new day unit at Hillford in 2026."]),
    # a foreword's signatories (two names in a row) do not make its last paragraph a quotation
    ("Foreword\n\nThe partnership will publish a yearly progress report each summer.\n\n"
     "Ann Lee, Chair of the Board\n\nRaj Patel, Chief Officer\n",
     ["The partnership will publish a yearly progress report each summer."]),
])
def test_quotations_signed_by_their_speakers_are_not_undertakings(tmp_path, text, undertakings):
    from kb.extract.pipeline import extract
    from kb.sources import load_document

    path = tmp_path / "2026-01_eastvale_listening-report.txt"
    path.write_text(text, encoding="utf-8")
    assert [r.text for r in extract(load_document(path)) if r.kind != "evidence"] == undertakings



@pytest.mark.parametrize(("text", "units"), [
    # a web address whose name is capitalised is no cell run into the next ("www." then "Name...")
    ("The partnership has set up a single website for carers: www.EastvaleCarersHub.org.uk",
     ["The partnership has set up a single website for carers: www.EastvaleCarersHub.org.uk"]),
    # a cell run into the next still splits
    ("Extend the garden waste round.Review the bulky waste charges.",
     ["Extend the garden waste round.", "Review the bulky waste charges."]),
])
def test_a_web_address_is_not_a_glued_cell(text, units):
    from kb.extract.pipeline import _units
    from kb.model import Block

    assert _units(Block("fragment", text)) == units


def test_markdown_headings_are_headings_at_their_level():
    """"# Title" / "## 2. Support" (a Markdown export): headings whatever their words, the number of
    marks their level, so the rows under "## 2. Support" sit in that section and not under "## 1."."""
    bs = blocks_of("# Greyford Carers Strategy Action Plan 2027-2030\n\n## 1. Identifying carers\n\n"
                   "We will open a carers' register in every practice.\n\n## 2. Support ##\n\n"
                   "We will commission 200 more respite nights a year.\n")
    heads = [(b.text, b.level) for b in bs if b.kind == "heading"]
    assert heads == [("Greyford Carers Strategy Action Plan 2027-2030", 1), ("1. Identifying carers", 2),
                     ("2. Support", 2)]
    assert by_text(bs, "respite").section[-1] == "2. Support"
    assert "#" not in " ".join(b.text for b in bs)


def test_a_hash_inside_a_line_is_no_heading():
    bs = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n"
                   "#1 priority is to cut waiting times for carers' assessments.\n")
    assert by_text(bs, "#1 priority").kind == "paragraph"


@pytest.mark.parametrize("text, fields", [
    ("Recruit 40 newly qualified nurses – Lead: Chief Nurse, by Q3 2026/27", {"owner": "Chief Nurse"}),
    ("Roll out the shared care record to all district nursing teams [Owner: Chief Digital Officer] "
     "[Due: September 2026]", {"owner": "Chief Digital Officer", "due": "September 2026"}),
    ("Open the second family hub (Lead: Early Help Service; Due: March 2027)",
     {"owner": "Early Help Service", "due": "March 2027"}),
    ("Publish the carers charter - Status: on track", {"status": "on track"}),
    # no field after the item's words: a label of another kind, or too few words before it
    ("Review the estates strategy (see Annex: Delivery plan)", {}),
    ("Plan – Lead: Housing", {}),
    ("The board met in May; Note: the minutes follow", {}),
])
def test_fields_written_after_an_items_words(text, fields):
    from kb.layout.fields import trailing_fields

    assert trailing_fields(text) == fields


def test_a_list_item_with_a_trailing_lead_names_its_owner():
    bs = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n"
                   "In 2026/27 we will:\n\n- Recruit 40 newly qualified nurses – Lead: Chief Nurse, by Q3 2026/27\n"
                   "- Open the second family hub (Lead: Early Help Service; Due: March 2027)\n")
    assert by_text(bs, "Recruit 40").fields == {"owner": "Chief Nurse"}
    assert by_text(bs, "family hub").fields == {"owner": "Early Help Service", "due": "March 2027"}


@pytest.mark.parametrize("intro, forward", [
    ("Key actions for 2027/28 include:", True),
    ("Our priorities this year include:", True),
    ("Examples of good practice include:", False),
    ("The risks identified include:", False),
])
def test_a_list_of_the_plans_own_actions_introduced_by_include(intro, forward):
    from kb.layout.structure import _forward_intro

    assert _forward_intro(intro) is forward


@pytest.mark.parametrize("line", [
    # who signed a foreword: a name with the letters of an elected office or honour, or "the Rt Hon"
    "Cabinet Member for Highways, Jane Doe MP",
    "Minister for Rural Affairs, Alun Pryce-Jones MS, Welsh Government",
    "Secretary of State for Transport, the Rt Hon. Mary Brown",
    "Sarah Lennox OBE, Chair of the Partnership",
    # a publication's catalogue number on its title page
    "ISBN 978-1-5286-0000-1",
    "CP 1099",
])
def test_a_signatory_or_catalogue_number_is_no_heading(line):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"{line}\n\nTransport Strategy\n\nWe will open two new park and ride sites by 2027.")
    blocks = blocks_of(text)
    assert by_text(blocks, line).kind != "heading"
    assert by_text(blocks, "park and ride").section == ("Transport Strategy",)


@pytest.mark.parametrize("line", ["MS services for young adults", "Chair's foreword", "CP12 Housing mix", "HC 12 Day Centre"])
def test_titles_with_letters_like_a_post_nominal_stay_headings(line):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"{line}\n\nWe will open two new clinics by 2027 for the people of the borough.")
    assert by_text(blocks_of(text), line).kind == "heading"


@pytest.mark.parametrize("line, heading", [
    # a section titled by a question word and its clause, plain or bold, with or without "?"
    ("How we have worked with our residents and partners", True),
    ("What we will do next year", True),
    ("Where are we now?", True),
    ("Who is a young carer?", True),
    ("**Why we are changing how beds are allocated**", True),
    # a labelled line (the label and its content) or a sentence that opens with a question word
    ("What we will do: Open two new libraries in Eastford", False),
    ("Where we can, we will share buildings with the police", False),
    ("How we will deliver this is set out in the annex.", False),
])
def test_a_question_headline_is_a_heading(line, heading):
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            f"{line}\n\nAnother paragraph of body text that follows the short line above it.")
    blocks = blocks_of(text)
    assert any(b.kind == "heading" for b in blocks) is heading
    assert by_text(blocks, "Another paragraph").section == ((strip_markup(line),) if heading else ())


def test_a_question_headline_ends_the_topic_of_the_table_above():
    text = ("Libraries\n\nCommitment\tProgress\nOpen a new library in Eastford\tSite bought\n\n"
            "How we have listened to our residents\n\n"
            "We will hold six open meetings a year in each town.")
    assert by_text(blocks_of(text), "open meetings").section[-1] == "How we have listened to our residents"


def test_a_title_naming_who_acts_stays_the_lead_in_of_its_list():
    text = ("Intro paragraph that is long enough to be body text for this document.\n\n"
            "How local businesses can help\n\n- Offer staff bus passes\n- Fit cycle racks")
    assert by_text(blocks_of(text), "bus passes").intro == "How local businesses can help"


def test_question_headlines_a_document_repeats_set_out_parts_of_the_section_above():
    text = ("Libraries\n\nKeeping our branches open and busy.\n\nWhere we are now\n\n"
            "Visits fell by a tenth last year.\n\nHow we need to change\n\nWe will open on Sundays in Eastford.\n\n"
            "Parks\n\nGreen spaces for all.\n\nWhere we are now\n\nTwo parks hold a Green Flag.\n\n"
            "How we need to change\n\nWe will plant 500 trees.\n\n"
            "How we have listened to residents\n\nWe held ten open meetings.")
    blocks = blocks_of(text)
    assert by_text(blocks, "Visits fell").section == ("Libraries", "Where we are now")
    assert by_text(blocks, "Sundays").section == ("Libraries", "How we need to change")
    assert by_text(blocks, "500 trees").section == ("Parks", "How we need to change")
    # a question headline printed once is a section of its own
    assert by_text(blocks, "ten open meetings").section == ("How we have listened to residents",)


_HEADLINE_LINES = ["Where we are now", "**Where we are now**", "How we need to change", "What we will do",
                   "How partners can help", "Where we can, we will help", "Why this matters?", "Parks",
                   "We will plant trees.", ""]


@given(st.lists(st.sampled_from(_HEADLINE_LINES), max_size=12))
def test_repeated_question_titles_are_question_headlines_printed_more_than_once(lines):
    from kb.layout.parse import repeated_question_titles
    parts = repeated_question_titles(lines)
    keys = [" ".join(strip_markup(t).split()).lower() for t in lines]
    for key in parts:
        assert keys.count(key) >= 2
        assert key[:3] in ("whe", "how", "why", "wha")
    # a doer's title and a sentence are never parts, however often printed
    assert not parts & {"how partners can help", "what we will do", "where we can, we will help"}


def test_titles_with_no_number_under_a_numbered_section_set_alike_are_its_parts():
    """A report that numbers its sections ("4.2 Still in progress") and titles the items of a section
    in the same bold type with no number ("Charge points (V3)"): those titles are parts of the numbered
    section until the next number; a glossary after the last section is none of its parts, nor is a
    plain title, whose rank the type does not tell."""
    text = ("**4.1 What we achieved**\n\nWe fitted LED lights at every station.\n\n"
            "**4.2 Still in progress**\n\n**Charge points (V3)**\n\nThere are 112 charge points.\n\n"
            "**Waste and recycling**\n\nNo waste goes to landfill.\n\n**4.3 What we paused**\n\n"
            "We paused the pool car scheme.\n\n**Glossary**\n\nSome terms we use.\n")
    blocks = blocks_of(text)
    assert by_text(blocks, "112 charge points").section == ("4.2 Still in progress", "Charge points (V3)")
    assert by_text(blocks, "landfill").section == ("4.2 Still in progress", "Waste and recycling")
    assert by_text(blocks, "pool car").section == ("4.3 What we paused",)
    assert by_text(blocks, "terms we use").section == ("Glossary",)
    plain = blocks_of("7.1 Finance assumptions\n\nThe deficit was £14m.\n\nFinance principles\n\n"
                      "We agree to one budget.\n\n7.2 Activity\n\nActivity rose.\n")
    assert by_text(plain, "one budget").section == ("Finance principles",)
    # chapters numbered on one level ("3. Priority 2: Parks"), every title bold alike, as a PDF sets them
    chapters = blocks_of("**2. Priority 1: Libraries**\n\n**Where we are now**\n\nVisits fell last year.\n\n"
                         "**3. Priority 2: Parks**\n\n**What we will do**\n\nWe will plant 500 trees.\n\n"
                         "**Glossary**\n\nSome terms we use.\n")
    assert by_text(chapters, "Visits fell").section == ("2. Priority 1: Libraries", "Where we are now")
    assert by_text(chapters, "500 trees").section == ("3. Priority 2: Parks", "What we will do")
    assert by_text(chapters, "terms we use").section == ("Glossary",)


def test_a_bold_section_title_over_its_lead_stays_a_heading():
    """A section's title set in bold over a line naming its lead ("Executive lead: ...") is the
    section's heading, and the lead line a paragraph of it, not an item with an owner field; a bold
    action title over its lead is still the action."""
    text = ("**Priority 2: A better crossing**\n\nExecutive lead: Director of Transport.\n\n"
            "- fit quieter engines to both ferries by March 2023\n\n"
            "**Action 2.1: Ferry passes**\n\nLead: Ticketing Manager\n")
    got = [(b.kind, b.text, b.section) for b in blocks_of(text)]
    assert got[0] == ("heading", "Priority 2: A better crossing", ())
    assert got[1] == ("paragraph", "Executive lead: Director of Transport.", ("Priority 2: A better crossing",))
    assert got[2][1] == "fit quieter engines to both ferries by March 2023"
    action = next(b for b in blocks_of(text) if b.text == "Ferry passes")
    assert action.fields == {"owner": "Ticketing Manager"}


def test_a_sections_lead_line_owns_its_items(tmp_path):
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {"2021-04_riverside-council_ferry-strategy.txt":
                                 "**Riverside Ferry Strategy 2021-2024**\n\n**Priority 2: A better crossing**\n\n"
                                 "Executive lead: Director of Transport.\n\n"
                                 "- fit quieter engines to both ferries by March 2023\n"
                                 "- run the night ferry every hour\n"})
    owners = {c.text: c.owners for c in kb.commitments("2021-04_riverside-council_ferry-strategy")}
    assert owners["run the night ferry every hour"] == ["Director of Transport"]


def test_the_body_leaves_the_contents_list_at_the_first_heading_that_repeats_an_entry(tmp_path):
    """A contents list ("Contents" over "Foreword", "1. About this plan", ...) ends where the body starts
    again with one of its entries, whatever levels the layout gave the two headings: the body's
    sections are not under "Contents" (a section read as a list of titles, whose items are no
    commitments)."""
    from kb.sources import load_document

    path = tmp_path / "2022-01_tolworth-bc_carers-plan.txt"
    path.write_text("Tolworth Borough Council\n\nCarers plan 2022-2025\n\nContents\n\nForeword\n"
                    "1. About this plan\n2. Young carers\n3. Adult carers\n\nForeword\n\nThis plan is ours.\n\n"
                    "1. About this plan\n\nIt runs for three years.\n\n2. Young carers\n\n"
                    "Partners have agreed to keep a single register of young carers in every school.\n",
                    encoding="utf-8")
    blocks = load_document(path, {}).blocks
    register = next(b for b in blocks if b.text.startswith("Partners have agreed"))
    assert "Contents" not in register.section and not register.negative_context


@pytest.mark.parametrize("text, joined", [
    # a layout that sets every printed line apart: the sentence goes on in lower case
    ("Head teachers told us that they want clearer advice and a fairer way\n\nof sharing out the funding.",
     True),
    ("The partners will publish the guidance, the survey and the results,\n\nand review them every year.",
     True),
    # a sentence that ended, a short title, a label's value and a bullet are no broken sentence
    ("Head teachers told us that they want clearer advice this year.\n\nmore advice was asked for.", False),
    ("Where we are now\n\nschools want more advice.", False),
    ("The review found that schools want clearer advice about\n\n- funding for the schools", False),
    ("The review found that schools want clearer advice and a fairer way:\n\nfunding shared out.", False),
])
def test_a_sentence_broken_over_spaced_lines_reads_as_one_paragraph(text, joined):
    first, second = text.split("\n\n")
    blocks = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n" + text)
    assert any(first.strip() in b.text and second.lstrip("- ") in b.text for b in blocks) == joined


@pytest.mark.parametrize("text, heading, item", [
    # an action box's numbered title set whole in bold, over the paragraph that says what will be done
    ("**Action 2: Online booking all day**\n\nEvery practice will keep its online booking open all day.",
     "Action 2: Online booking all day", "Every practice will keep its online booking open all day."),
    # a coded action number on a line of its own over its sentence
    ("**Action A2.1**\nDouble the number of home adaptations completed each year.",
     "Action A2.1", "Double the number of home adaptations completed each year."),
    # a coded number and title set in bold over the sentence, with no blank line between
    ("**B5.2 Age-friendly employers**\nSign up 50 employers to an age-friendly pledge.",
     "B5.2 Age-friendly employers", "Sign up 50 employers to an age-friendly pledge."),
])
def test_an_action_s_numbered_title_heads_its_sentence(text, heading, item):
    blocks = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n" + text,
                       date(2021, 6, 1))
    assert any(b.kind == "heading" and b.text.strip("* ") == heading for b in blocks)
    assert by_text(blocks, item).text == item and by_text(blocks, item).section[-1].strip("* ") == heading


def test_a_bold_label_with_a_sentence_stays_an_action():
    """"**Action 3:** Replace the boilers." is a label and its action, not a title (only its label is bold)."""
    blocks = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n"
                       "**Action 3:** Replace the boilers at the two leisure centres.\n\nLead: Estates\n")
    assert not any(b.kind == "heading" and "Action 3" in b.text for b in blocks)


def test_a_numbered_pledge_set_in_bold_is_the_action_not_its_title():
    """"**Commitment 1: we will make the wards quieter at night**" over its steps pledges by itself: it
    is the action, not a title over the paragraph under it."""
    blocks = blocks_of("Intro paragraph that is long enough to be body text for this document.\n\n"
                       "**Commitment 1: we will make the wards quieter at night**\n\n"
                       "Soft-closing bins will be fitted on every ward.\n")
    assert not any(b.kind == "heading" and "Commitment 1" in b.text for b in blocks)
