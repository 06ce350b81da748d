"""Document metadata from a document's own text, in any area (made-up covers, made-up bodies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.sources.base import SourceLine
from kb.sources.metadata import infer_meta

ROOT = Path(__file__).resolve().parent.parent


def meta_of(text: str, doc_id: str = "plan"):
    return infer_meta(doc_id, [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)])


STRATEGY = """Northshire County Council

Smokefree Northshire: Tobacco Control Strategy 2019-2024

Published: March 2019

Northshire County Council and its partners want every child in the county to grow up free from tobacco smoke."""

CCG_PLAN = """**NHS RIVERSIDE
CLINICAL COMMISSIONING GROUP**

**OPERATIONAL PLAN
2020/21**

Date: 14th January 2020

This plan sets out how the CCG will meet the national planning requirements in the coming year."""

MINUTES = """Minutes of the meeting of the Riverside Health and Wellbeing Board

Held on 3 October 2018 at Riverside Town Hall

1. Apologies were received from the Chair."""

ACTION_PLAN = """Riverside Physical Activity Action Plan DRAFT

June 2020

Introduction

The action plan below sets out what the Riverside Active Partnership will do to help residents move more."""

WE_AUTHOR = """Our plan for healthier lives

2021

This plan was produced by Eastmere Borough Council with local partners. We will review it every year.
Westfield NHS Foundation Trust and Eastmere Borough Council jointly run the community services."""

ONE_LINE_A_PARAGRAPH = """Classification: Official
Publications approval reference: 000123
Stroke recovery roadmap for 2021/22
Restoring safe stroke pathways across Riverside
Version 2, March 2021
Contents
Summary	2"""

BOARD_ONLY = """Riverside Partnership Board

We will meet every quarter. The Partnership Board will agree the plan and the Programme Board will deliver it."""

NO_BODY = """A plan for healthier lives

We will help people move more and eat well. The plan runs for five years and we will report each year."""


@pytest.mark.parametrize(("text", "title", "organisation", "date", "kind"), [
    (STRATEGY, "Smokefree Northshire: Tobacco Control Strategy 2019-2024", "Northshire County Council",
     "2019-03-01", "strategy"),
    (CCG_PLAN, "OPERATIONAL PLAN 2020/21", "NHS Riverside Clinical Commissioning Group", "2020-01-01",
     "operational plan"),
    (MINUTES, "Minutes of the meeting of the Riverside Health and Wellbeing Board",
     "Riverside Health and Wellbeing Board", "2018-10-01", "minutes"),
    (ACTION_PLAN, "Riverside Physical Activity Action Plan", "Riverside Active Partnership", "2020-06-01",
     "action plan"),
    (WE_AUTHOR, "Our plan for healthier lives", "Eastmere Borough Council", None, "plan"),
    (NO_BODY, "A plan for healthier lives", "", None, "plan"),
    (ONE_LINE_A_PARAGRAPH, "Stroke recovery roadmap for 2021/22", "", "2021-03-01", "other"),
    (BOARD_ONLY, "Riverside Partnership Board", "Riverside Partnership Board", None, "other"),
])
def test_infer_meta(text, title, organisation, date, kind):
    m = meta_of(text)
    assert (m.title, m.organisation, m.date, m.kind) == (title, organisation, date, kind)


@pytest.mark.parametrize("text", ["The Partnership Board will agree the plan.", "Our Health and Care Partnership will"])
def test_a_bare_body_type_names_no_organisation(text):
    assert meta_of(f"A plan for healthier lives\n\n{text}").organisation == ""


def test_period_from_the_title():
    m = meta_of(STRATEGY)
    # a five-year strategy written "2019-2024" runs in financial years, like "2019-24"
    assert (m.period, m.period_start, m.period_end) == ("2019-2024", "2019-04-01", "2024-03-31")
    m = meta_of(CCG_PLAN)
    assert (m.period_start, m.period_end) == ("2020-04-01", "2021-03-31")


def test_period_from_the_file_name_when_the_title_gives_none():
    m = meta_of("Westmarch Integrated Care Board\n\nOur delivery plan\n\nWe will open two hubs.",
                "2025-03_westmarch-icb_delivery-plan-2025-26")
    assert (m.period_start, m.period_end) == ("2025-04-01", "2026-03-31")
    assert meta_of(STRATEGY, "2021-06_northshire-tobacco_2021-24").period == "2019-2024"  # the title's first


def test_file_name_date_wins_when_it_has_a_month():
    assert meta_of(STRATEGY, "2019-05_northshire-tobacco").date == "2019-05-01"
    assert meta_of(STRATEGY, "2019_northshire-tobacco").date == "2019-03-01"


def test_no_bundled_organisation_in_code():
    """Knowledge of one area is data (catalog.toml, the gazetteer), never a default in the code."""
    for path in (ROOT / "kb" / "sources").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "Coventry" not in text and "Warwickshire" not in text, path


@pytest.mark.parametrize(("text", "organisation"), [
    # a meeting of a body, or a role in it, is not a body
    ("A plan for healthier lives\n\nThe Leader of the Council will present the plan to Full Council. "
     "The Leader of the Council agreed it. Full Council meets in May. Full Council will vote.", ""),
    ("Minutes of the Annual General Meeting of the Riverside Partnership Board\n\nPresent: the members.",
     "Riverside Partnership Board"),
    # a part of a body that the name leaves unnamed ("of the Council"), in a heading run into a sentence
    ("Waste Plan\n\nWe have measured our emissions.Breakdown of the Council's footprint follows. We will cut "
     "it. Our plan is below.", ""),
])
def test_a_meeting_or_a_role_is_no_organisation(text, organisation):
    assert meta_of(text).organisation == organisation


@pytest.mark.parametrize(("last_line", "organisation"), [
    # a cover that names no body: the publisher's line on the back page does
    ("© Riverside NHS Foundation Trust 2022", "Riverside NHS Foundation Trust"),
    ("Copyright © 2021 Northshire Public Health Partnership. All rights reserved.",
     "Northshire Public Health Partnership"),
    ("Published by the Eastmere Care Alliance, May 2023", "Eastmere Care Alliance"),
    ("© Crown copyright 2022", ""),
    ("© OpenStreetMap contributors", ""),
    # a PDF line that runs on into the next one's words
    ("© Northshire Integrated Care Board 2020 Publication approval reference: 01234",
     "Northshire Integrated Care Board"),
    # a list item lettered "(c)" is no copyright line
    ("(c) improve the routes through the new parks", ""),
])
def test_the_publisher_on_the_back_page(last_line, organisation):
    text = ("Falls prevention roadmap for 2022/23\n\nSummary\n\nThis document sets out what local systems can do "
            "now to reduce falls among older people living at home.\n\n" + "Further text of the body.\n\n" * 3
            + last_line)
    assert meta_of(text).organisation == organisation


def test_a_committee_reports_subject_line_is_its_title():
    text = ("From: Jo Bloggs, Cabinet Member for Highways\nTo: Cabinet - 3 March 2025\n"
            "Subject: Winter Gritting Plan 2025-26\nClassification: Unrestricted\n\nSummary: the plan sets out ...")
    paragraphs = [p for p in text.split("\n") if p]
    from kb.sources.metadata import infer_title

    assert infer_title(paragraphs, "2025-03_test_report") == "Winter Gritting Plan 2025-26"


def test_a_subject_wrapped_onto_lines_of_its_own_is_one_title():
    """A PDF prints a long Subject in the field column, a line at a time, up to the next label."""
    from kb.sources.metadata import infer_title

    paragraphs = ["From: Jo Bloggs, Cabinet Member for Highways", "To: Cabinet - 3 March 2025",
                  "Subject: Transfer of the school crossing patrol service from the Highways",
                  "Directorate to the Children's Services Directorate", "Decision no: 25/00012",
                  "Classification: Unrestricted"]
    assert infer_title(paragraphs, "2025-03_test_report") == (
        "Transfer of the school crossing patrol service from the Highways Directorate to the Children's "
        "Services Directorate")


@pytest.mark.parametrize(("text", "organisation"), [
    # London's and the royal boroughs put the place last
    ("Riverside Estate Action Plan\n\nPrepared for the London Borough of Northwick\n\nThe plan runs to 2030.",
     "London Borough of Northwick"),
    ("Royal Borough of Eastbridge upon Tame\n\nParking Strategy 2024-2029", "Royal Borough of Eastbridge upon Tame"),
    # a cover's "prepared on behalf of" with the body on the next line
    ("Harbour Quarter Masterplan\n\nThe masterplan sets out how the quarter will change over the next fifteen "
     "years and what it needs.\n\nReport prepared on behalf of\n\nEastmere Borough Council\n\nVersion 3",
     "Eastmere Borough Council"),
])
def test_the_author_by_other_naming_conventions(text, organisation):
    assert meta_of(text).organisation == organisation


@pytest.mark.parametrize(("text", "organisation"), [
    # a letter's addressees, listed one a line after "To:", are its recipients, not its author
    ("Secretary of State for Rivers\n2 Quay Street\nTo: Leaders of the councils in Westmarch\n"
     "Westmarch Borough Council\nRavensdale District Council\n\nDear Leaders,\n\nI am writing to invite "
     "proposals for the future of local government in your area by the end of the year.", ""),
    ("Westmarch Borough Council\nTo: Ravensdale District Council\n\nDear Leader,\n\nWe write to ask for your "
     "support for the joint flood plan, which we will publish in the spring.", "Westmarch Borough Council"),
    # a PDF runs the list into one line; the addressees then run to the salutation
    ("Secretary of State for Rivers\n\nTo: Leaders of the councils in Westmarch\n\nWestmarch Borough Council "
     "Ravensdale District Council Eastmere Borough Council Northwick City Council\n\nDear Leaders\n\nI am writing "
     "to invite proposals for the future of local government in your area by the end of the year.", ""),
    # the addressees end where the list of bodies does: a body named after them is the sender's
    ("To: Ravensdale District Council\nFrom:\nWestmarch Borough Council\n\nWe write to ask for your support "
     "for the joint flood plan, which we will publish in the spring.", "Westmarch Borough Council"),
])
def test_a_letters_addressees_are_not_its_author(text, organisation):
    assert meta_of(text).organisation == organisation


@pytest.mark.parametrize(("text", "title"), [
    # a cover title broken after "&", and one whose second line opens with the plan's years
    ("Sustainability Strategy &\nClimate Action Plan 2023-24\n\nEastmere Borough Council",
     "Sustainability Strategy & Climate Action Plan 2023-24"),
    ("Clean Air Westmarch\n2024 – 2030 Action Plan\nVersion 1.0\n\nContents", "Clean Air Westmarch 2024 – 2030 Action Plan"),
    # a title in large capitals broken after every word or two
    ("PARKS\nAND OPEN\nSPACES\nSTRATEGY\nMay 2024\n\nContents", "PARKS AND OPEN SPACES STRATEGY"),
])
def test_a_cover_title_over_two_lines_is_one_title(text, title):
    assert meta_of(text).title == title


def test_the_author_in_the_fullest_form_the_document_gives():
    text = ("Eastmere Council\n\nParks Strategy 2024-2029\n\nThe parks of the borough are looked after by "
            "Eastmere Borough Council and its partners, who will plant a thousand trees by 2026.")
    assert meta_of(text).organisation == "Eastmere Borough Council"


def test_a_partner_in_a_we_sentence_is_not_the_author_of_a_body_named_on_every_page():
    body = "Foreword Westmarch City Council has set out to halve its emissions by 2030, and it will report each year.\n\n"
    text = ("Carbon Neutral Westmarch\n\n" + body
            + "Our charter was written with the Westmarch Green Partnership over the last year and more.\n\n"
            + "Westmarch City Council will publish its progress every year in its annual report to members.\n\n" * 3)
    assert meta_of(text).organisation == "Westmarch City Council"


@pytest.mark.parametrize(("voice", "organisation"), [
    # the document's own voice calls its body "the Council": the one council named in full is the author
    ("Our charter sets out this vision on behalf of the Council and the Westmarch Green Partnership.",
     "Westmarch City Council"),
    ("We have written this plan on behalf of the City Council and its partners.", "Westmarch City Council"),
    # without that voice, the partner named in a "we" sentence is still read as the author
    ("Our charter sets out this vision with the Westmarch Green Partnership.", "Westmarch Green Partnership"),
])
def test_a_voice_that_calls_its_body_the_council_is_the_council_named_in_full(voice, organisation):
    text = ("Carbon Neutral Westmarch\n\nForeword Westmarch City Council has set out to halve its emissions by "
            "2030, and it will report each year. " + voice + "\n\nThe plan has five themes.")
    assert meta_of(text).organisation == organisation


@pytest.mark.parametrize("inside, author", [
    ("Eastmere Borough Council", "Eastmere Borough Council"),  # the same body, its type written out
    ("Eastmere Metropolitan Borough Council", "Eastmere Metropolitan Borough Council"),
    ("Eastmere Youth Council", "Eastmere Council"),  # another body whose name holds the author's words
    ("Eastmere Schools Forum Council", "Eastmere Council"),
])
def test_a_fuller_form_of_the_author_adds_only_words_of_its_type(inside, author):
    text = ("Eastmere Council\n\nParks Strategy 2024-2029\n\nThe parks of the borough are looked after with "
            f"{inside} and its partners, who will plant a thousand trees by 2026.")
    assert meta_of(text).organisation == author


@pytest.mark.parametrize(("own", "organisation"), [
    # the document calls its own body "the City Council": the county council it names in full is a partner
    ("Objective 1: cutting the carbon emissions from all City Council buildings, land, vehicles and services.\n\n"
     "We will ask each of the City Council's services to report its progress every quarter.", ""),
    # its own body called by the county's type ("the County Council"): that county council is the author
    ("We will ask each of the County Council's services to report its progress every quarter.",
     "Northshire County Council"),
])
def test_a_council_of_another_type_than_the_documents_own_is_no_author(own, organisation):
    text = ("Climate Action Plan 2024-2029\n\n" + own + "\n\n"
            + "We will work with Northshire County Council on school transport and on the bus routes.\n\n" * 3)
    assert meta_of(text).organisation == organisation


@pytest.mark.parametrize(("text", "title"), [
    # a title that opens with "Draft" is a title; "DRAFT" alone, or "Draft for consultation", a marking
    ("Draft Housing Budget 2026-27 and Capital Programme 2026-30\n\nSection\n\nSummary\t1",
     "Draft Housing Budget 2026-27 and Capital Programme 2026-30"),
    ("DRAFT\n\nRiverside Carers Strategy 2022-2025\n\nWe will listen to carers.", "Riverside Carers Strategy 2022-2025"),
    ("Draft for consultation\n\nRiverside Carers Strategy 2022-2025\n\nWe will listen to carers.",
     "Riverside Carers Strategy 2022-2025"),
])
def test_a_marking_is_no_title_but_a_title_may_open_with_draft(text, title):
    assert meta_of(text).title == title


@pytest.mark.parametrize("opener", ["As", "If", "When", "Once", "Although"])
def test_a_clause_opener_is_no_part_of_a_body_s_name(opener):
    text = (f"Housing Budget 2026-27\n\nSummary of the proposals.\n\n2.1 {opener} the Council sets its budget it "
            f"must keep its reserves under review. {opener} the Council consults it will publish the replies. "
            f"{opener} the Council decides, it will say why.")
    assert meta_of(text).organisation == ""


@pytest.mark.parametrize(("line", "expected"), [
    # a heading word before the name, in capitals or not, is no part of it
    ("INTRODUCTION The Council has agreed the scheme.", None),
    ("Conclusion Healthwatch Ashdown found that patients wait too long.", "Healthwatch Ashdown"),
    # a local Healthwatch names its place after the word, as a London borough does
    ("Q2 Patient Experience Report Healthwatch Ashdown Vale", "Healthwatch Ashdown Vale"),
    ("Healthwatch Ashdown Vale", "Healthwatch Ashdown Vale"),
    ("A report by Healthwatch Ashdown and Healthwatch Westmere", "Healthwatch Ashdown and Healthwatch Westmere"),
    # two cells or lines a text export ran together: the name is what follows the join
    ("Prepared by Jane O'BrienNorthshire County Council", "Northshire County Council"),
    # a glossary's line: the acronym, then the name
    ("AbbreviationsNCC Northshire County Council", "Northshire County Council"),
    ("NCC Northshire County Council", "Northshire County Council"),
    # names as written stay whole
    ("McDonald Northshire County Council", "McDonald Northshire County Council"),
    ("Northshire County Council", "Northshire County Council"),
])
def test_junk_before_a_bodys_name(line, expected):
    from kb.sources.metadata import _org_name

    assert _org_name(line) == expected


def test_a_local_healthwatch_on_the_cover_is_the_author():
    text = ("Q2 Patient Experience Report\nHealthwatch Ashdown Vale\nJuly - September 2024\n\nContents\n\n"
            "Introduction\n\nWe heard from 312 people about their GP practices this quarter.")
    assert meta_of(text).organisation == "Healthwatch Ashdown Vale"


def test_a_body_named_as_the_doer_of_another_act_is_no_author():
    text = ("Digital Care Standard\n\nIntroduction\n\nWe expect every supplier to follow the ethical principles "
            "developed by the Riverton Ethics Council. These principles are set out below.\n\n"
            "This standard was produced by the Northshire County Council digital team.")
    assert meta_of(text).organisation == "Northshire County Council"
    assert meta_of(text.rsplit("\n\n", 1)[0]).organisation == ""
