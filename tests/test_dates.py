"""Date phrases: every shape the annotation guide normalises, and the numbers that are not dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.extract.dates import DateMatch, field_dates, find_dates, heading_date
from kb.model import DueDate

STP = dt.date(2016, 10, 1)  # the documents' own dates, as the guide resolves relative phrases
HWB = dt.date(2017, 9, 1)
REFRESH = dt.date(2017, 10, 1)
PLAN = dt.date(2019, 10, 1)
CI = dt.date(2013, 9, 30)

Expected = list[tuple[str, str | None, str | None]]


def _found(text: str, doc_date: dt.date | None) -> Expected:
    return [(m.due.text, m.due.start, m.due.end) for m in find_dates(text, doc_date)]


FINANCIAL_YEARS = [
    ("Complete the estates review during 2021/22", None, [("during 2021/22", "2021-04-01", "2022-03-31")]),
    ("costs in 18/19 will rise", None, [("in 18/19", "2018-04-01", "2019-03-31")]),
    ("the 2018-19 plan", None, [("2018-19", "2018-04-01", "2019-03-31")]),
    ("a sustainable system by 2020/2021", None, [("by 2020/2021", None, "2021-03-31")]),
    ("Plan 2018/2019 agreed", None, [("2018/2019", "2018-04-01", "2019-03-31")]),
    ("BRACKENSHIRE INVESTMENT PRIORITIES FOR 2015/17", None, [("FOR 2015/17", "2015-04-01", "2017-03-31")]),
    ("the Trust's Estates Plan 2015-17.", None, [("2015-17", "2015-04-01", "2017-03-31")]),
    ("2019/20 – 2023/24", None, [("2019/20 – 2023/24", "2019-04-01", "2024-03-31")]),
    ("2017/18 & 2018/19", None, [("2017/18 & 2018/19", "2017-04-01", "2019-03-31")]),
    ("during 17/18 financial year", None, [("during 17/18 financial year", "2017-04-01", "2018-03-31")]),
    ("as in 2011-12, most of the sites", None, [("in 2011-12", "2011-04-01", "2012-03-31")]),
    ("The net effect is £34.7m by 2020/21", STP, [("by 2020/21", None, "2021-03-31")]),
    ("access by 2023/24 • more", PLAN, [("by 2023/24", None, "2024-03-31")]),
    ("finish the audit by the end of 21/22", PLAN, [("by the end of 21/22", None, "2022-03-31")]),
    ("reviewed at the end of the 2018/19 financial year", REFRESH,
     [("at the end of the 2018/19 financial year", None, "2019-03-31")]),
    ("to be rolled out during the 2018/19 financial year and beyond", REFRESH,
     [("during the 2018/19 financial year and beyond", "2018-04-01", None)]),
    ("work undertaken during 19/20 into 20/21. Phase two", PLAN,
     [("during 19/20 into 20/21", "2019-04-01", "2021-03-31")]),
    ("between now and 2022/23 the Partnership will", PLAN, [("between now and 2022/23", "2019-10-01", "2023-03-31")]),
    ("between now and 2022/23 the Partnership will", None, [("between now and 2022/23", None, "2023-03-31")]),
    ("Comparisons from 2015/16 to 2016/17", None, [("from 2015/16 to 2016/17", "2015-04-01", "2017-03-31")]),
    ("Year 1 (2019/20)", None, [("Year 1 (2019/20)", "2019-04-01", "2020-03-31")]),
    ("This year (2013/14) is the Partnership's second", CI, [("This year (2013/14)", "2013-04-01", "2014-03-31")]),
    ("The first audits during 2016/17 were", None, [("during 2016/17", "2016-04-01", "2017-03-31")]),
    ("PROCUREMENT ACTIVITIES FOR 2014/15", None, [("FOR 2014/15", "2014-04-01", "2015-03-31")]),
]

QUARTERS = [
    ("Lease signing stage (Q3 2017-18)", STP, [("Q3 2017-18", "2017-10-01", "2017-12-31")]),
    ("rising to 12.4% by Q2 2018/19)", None, [("by Q2 2018/19", None, "2018-09-30")]),
    ("delivered in Q1 2019/20", None, [("in Q1 2019/20", "2019-04-01", "2019-06-30")]),
    ("Q2 2018/19 review", None, [("Q2 2018/19", "2018-07-01", "2018-09-30")]),
    ("in Q3 18/19", None, [("in Q3 18/19", "2018-10-01", "2018-12-31")]),
    ("demand in the busy 2018/19 Q3/Q4 period", None, [("2018/19 Q3/Q4", "2018-10-01", "2019-03-31")]),
    # a table cell's dash between the quarter and its year
    ("Draft business case Q2 – 2024/25", None, [("Q2 – 2024/25", "2024-07-01", "2024-09-30")]),
    ("Consult on options Q3/Q4 - 2025/26", None, [("Q3/Q4 - 2025/26", "2025-10-01", "2026-03-31")]),
    ("Pilot in two wards Q1 to Q2 – 2023/24", None, [("Q1 to Q2 – 2023/24", "2023-04-01", "2023-09-30")]),
]

MONTHS_AND_DAYS = [
    # a month with its two-digit year joined by a hyphen is a month-year, whatever word follows
    ("No data for Dec-24 available at time of reporting", PLAN, [("for Dec-24", "2024-12-01", "2024-12-31")]),
    # an action log's day with a two-digit year, and its target date as a deadline
    ("Review of the tenancy policy (Action Target date: 30/06/26 – extended)", PLAN,
     [("Target date: 30/06/26", None, "2026-06-30")]),
    ("Completed on 14/11/24 at the board", PLAN, [("14/11/24", "2024-11-14", "2024-11-14")]),
    ("The completion date is 31 March 2026.", PLAN, [("completion date is 31 March 2026", None, "2026-03-31")]),
    ("agree a new care model (Dec 2016)", STP, [("Dec 2016", "2016-12-01", "2016-12-31")]),
    ("launched in November 2016</p>", STP, [("in November 2016", "2016-11-01", "2016-11-30")]),
    ("records via ECDS by Mar 2020", PLAN, [("by Mar 2020", None, "2020-03-31")]),
    ("by March 2018 across", None, [("by March 2018", None, "2018-03-31")]),
    ("lease begins – June 2018", None, [("June 2018", "2018-06-01", "2018-06-30")]),
    ("a pilot in May, 2015 by Ashcombe", None, [("in May, 2015", "2015-05-01", "2015-05-31")]),
    ("Commence Contract discussions\tJuly 17", HWB, [("July 17", "2017-07-01", "2017-07-31")]),
    ("Contract commencement\tApril 18", HWB, [("April 18", "2018-04-01", "2018-04-30")]),
    ("Contract Signature\tNovember 17", HWB, [("November 17", "2017-11-01", "2017-11-30")]),
    ("with an update to the Panel on 24 th October", STP, [("24 th October", "2016-10-24", "2016-10-24")]),
    ("On 21st September, Panel members will visit", HWB, [("21st September", "2017-09-21", "2017-09-21")]),
    ("reviewed by the Executive on 2nd August", HWB, [("2nd August", "2017-08-02", "2017-08-02")]),
    ("Publish tender\t11 /12 June 17", HWB, [("11 /12 June 17", "2017-06-11", "2017-06-12")]),
    ("Issue OJEU on 19/20 July 17.", None, [("19/20 July 17", "2017-07-19", "2017-07-20")]),
    ("the meeting on Monday, 4th September, 2017 at 2.00 pm", None,
     [("Monday, 4th September, 2017", "2017-09-04", "2017-09-04")]),
    ("as at 30 th June 2018)", None, [("30 th June 2018", "2018-06-30", "2018-06-30")]),
    ("engagement between 4th and 25th May, 2018.", None,
     [("between 4th and 25th May, 2018", "2018-05-04", "2018-05-25")]),
    ("Policy Development Group 06/12/2016\tCommissioners", None,
     [("06/12/2016", "2016-12-06", "2016-12-06")]),
    ("the system went live on 2019-07-01.", None, [("2019-07-01", "2019-07-01", "2019-07-01")]),
    ("the period up to 30th September, 2020 with", HWB, [("up to 30th September, 2020", None, "2020-09-30")]),
    ("4 will be opened by end of November 2020 and a further 3 by end June 2021.", PLAN,
     [("by end of November 2020", None, "2020-11-30"), ("by end June 2021", None, "2021-06-30")]),
    ("an integrated service by December 2019", None, [("by December 2019", None, "2019-12-31")]),
    # a date that names a deadline is due by it
    ("the bids are being prepared for the 14 June deadline", PLAN, [("for the 14 June deadline", None, "2020-06-14")]),  # long past in October: next June
    ("returns for the October deadline will be checked", PLAN, [("for the October deadline", None, "2019-10-31")]),
    ("with a deadline of 31 January 2020 for nominations", None,
     [("a deadline of 31 January 2020", None, "2020-01-31")]),
    ("prior to the meeting on 4th September, 2017", None,
     [("4th September, 2017", "2017-09-04", "2017-09-04")]),
    ("a leap day: 29th February 2020", None, [("29th February 2020", "2020-02-29", "2020-02-29")]),
]

YEARLESS = [
    ("A delivery plan will be signed off by October.", HWB, [("by October", None, "2017-10-31")]),
    ("the support team in place from October.", HWB, [("from October", "2017-10-01", None)]),
    ("three listening sessions to be run during July.", HWB, [("during July", "2017-07-01", "2017-07-31")]),
    ("to the Joint Committee in November for sign-off", CI, [("in November", "2013-11-01", "2013-11-30")]),
    ("before we consult in mid-November and", PLAN, [("in mid-November", "2019-11-15", "2019-11-15")]),
    ("risk register by the mid-November submission", PLAN, [("by the mid-November", None, "2019-11-15")]),
    ("by late November.", PLAN, [("by late November", None, "2019-11-30")]),
    ("in the late Autumn.", PLAN, [("in the late Autumn", "2019-09-01", "2019-11-30")]),
    ("We expect first returns during w/c 10th October.", STP,
     [("w/c 10th October", "2016-10-10", "2016-10-16")]),
    # long past at the paper's date: the next one; a month or two before: this year's
    ("The new library hub will open by April.", PLAN, [("by April", None, "2020-04-30")]),
    ("Launch the grants scheme in January", PLAN, [("in January", "2020-01-01", "2020-01-31")]),
    ("the survey closes in the spring", PLAN, [("in the spring", "2020-03-01", "2020-05-31")]),
    ("the findings will be reported in August", PLAN, [("in August", "2019-08-01", "2019-08-31")]),
    ("the finance officer to bring the savings plan to the December meeting", PLAN,
     [("December", "2019-12-01", "2019-12-31")]),
    ("to be reported to the March Cabinet", PLAN, [("March", "2020-03-01", "2020-03-31")]),
]

# A milestone list's year set after a dash at the item's end.
DASHED_YEARS = [
    ("All branch libraries on the new booking system - 2027", PLAN, [("2027", "2027-01-01", "2027-12-31")]),
    ("Depot moved to the Hale Road site – 2026.", PLAN, [("2026", "2026-01-01", "2026-12-31")]),
]

YEARS = [
    ("toward being a fully merged trust by 2024.", None, [("by 2024", None, "2024-12-31")]),
    ("By 2035 the number", None, [("By 2035", None, "2035-12-31")]),
    ("a second intake in 2022 • Area-wide", None, [("in 2022", "2022-01-01", "2022-12-31")]),
    ("during 2019 we will", None, [("during 2019", "2019-01-01", "2019-12-31")]),
    ("Wellbeing Hubs from 2022 • Extend", None, [("from 2022", "2022-01-01", None)]),
    ("until 2020 the service", None, [("until 2020", None, "2020-12-31")]),
    ("since 2016 the system has", None, [("since 2016", "2016-01-01", None)]),
    ("after 2020 we", None, [("after 2020", "2021-01-01", None)]),
    ("The Year of Walking (2022) has", None, [("2022", "2022-01-01", "2022-12-31")]),
    ("bids for the 2023 roll out of", None, [("2023", "2023-01-01", "2023-12-31")]),
    # a part of a year: early its first quarter, late its last, "by mid-" the end of June
    ("in late 2017.", None, [("in late 2017", "2017-10-01", "2017-12-31")]),
    ("the hub opens early in 2026 and", None, [("early in 2026", "2026-01-01", "2026-03-31")]),
    ("a survey mid in November 2026 and", None, [("mid in November 2026", "2026-11-15", "2026-11-15")]),
    ("new rules by mid-2027 for", None, [("by mid-2027", None, "2027-06-30")]),
    ("in the first half of 2026 we", None, [("in the first half of 2026", "2026-01-01", "2026-06-30")]),
    ("in the second half of 2025/26 we", None, [("in the second half of 2025/26", "2025-10-01", "2026-03-31")]),
    ("during the fourth quarter of 2025/26 we", None,
     [("during the fourth quarter of 2025/26", "2026-01-01", "2026-03-31")]),
    ("by the end of the first quarter of 2026/27", None, [("by the end of the first quarter of 2026/27", None,
                                                           "2026-06-30")]),
    ("Ashcombe Carers Strategy 2021 - 2024", None, [("2021 - 2024", "2021-01-01", "2024-12-31")]),
    ("Strategy 2017-2020, a copy", None, [("2017-2020", "2017-01-01", "2020-12-31")]),
    ("covering the years 2020 to 2022 was", None, [("2020 to 2022", "2020-01-01", "2022-12-31")]),
    ("a Healthy Town from 2014 to 2016 and", None, [("from 2014 to 2016", "2014-01-01", "2016-12-31")]),
    ("resurfacing phased from 2022-2025 across", None, [("from 2022-2025", "2022-01-01", "2025-12-31")]),
    ("supported by the 2022-2026 Estates Strategy", None, [("2022-2026", "2022-01-01", "2026-12-31")]),
    ("findings from the 2019 budget round", None, []),
    ("rise between now and 2023, with", HWB, [("between now and 2023", "2017-09-01", "2023-12-31")]),
]

SEASONS = [
    ("opening Same Day Clinics (SDCs) by autumn 2021", PLAN,
     [("by autumn 2021", None, "2021-11-30")]),
    ("in spring 2018", None, [("in spring 2018", "2018-03-01", "2018-05-31")]),
    ("during summer 2019", None, [("during summer 2019", "2019-06-01", "2019-08-31")]),
    ("in winter 2020", None, [("in winter 2020", "2020-12-01", "2021-02-28")]),
    ("in winter 2019", None, [("in winter 2019", "2019-12-01", "2020-02-29")]),
    ("plans for winter 2017/18", None, [("for winter 2017/18", "2017-12-01", "2018-02-28")]),
    # a season over two years written with one digit of the second, or with a dash
    ("Consultation\tWinter 2026/7", None, [("Winter 2026/7", "2026-12-01", "2027-02-28")]),
    ("gritting routes reviewed in winter 2027-28", None, [("in winter 2027-28", "2027-12-01", "2028-02-29")]),
    ("the hub opens in spring 2026/7", None, [("in spring 2026/7", "2027-03-01", "2027-05-31")]),
    # the second year must follow the first: "winter 2026/9" names no season of a year
    ("the winter 2026/9 figures", None, []),
]

RANGES_AND_OPEN = [
    ("Public engagement period\tNovember – January 2018", STP,
     [("November – January 2018", "2017-11-01", "2018-01-31")]),
    ("Procurement of new services\tApril - July 2017", STP,
     [("April - July 2017", "2017-04-01", "2017-07-31")]),
    ("Engagement between September 2018 and the end of February 2019 has", None,
     [("between September 2018 and the end of February 2019", "2018-09-01", "2019-02-28")]),
    ("run between late June and July 2018.", None,
     [("between late June and July 2018", "2018-06-01", "2018-07-31")]),
    ("Newly procured services / pathway mobilised\tJuly 2017+", STP, [("July 2017+", "2017-07-01", None)]),
    ("Open the new hub – March 2018 onwards • Extend", STP,
     [("March 2018 onwards", "2018-03-01", None)]),
    ("Link workers from 1st August 2020. Based in libraries", PLAN, [("from 1st August 2020", "2020-08-01", None)]),
    ("Travel Scheme from June 2017.", STP, [("from June 2017", "2017-06-01", None)]),
    ("ABC Trust\tWeek commencing 7 November 2016 with an update to the Panel on 24 th November", STP,
     [("Week commencing 7 November 2016", "2016-11-07", "2016-11-13"),
      ("24 th November", "2016-11-24", "2016-11-24")]),
]

RELATIVE = [
    # "the end of the financial year": the document's own financial year, its last day
    ("with the target date revised to the end of the financial year.", PLAN,
     [("to the end of the financial year", None, "2020-03-31")]),
    ("by the end of this financial year", dt.date(2020, 2, 1), [("by the end of this financial year", None, "2020-03-31")]),
    ("at the close of the fiscal year", PLAN, [("at the close of the fiscal year", None, "2020-03-31")]),
    ("by the end of the financial year 2025/26", PLAN, [("2025/26", "2025-04-01", "2026-03-31")]),  # the year it names
    ("halve the gap within five years.", PLAN, [("within five years", "2019-10-01", "2024-09-30")]),
    ("to be met within 2-3 years", PLAN, [("within 2-3 years", "2019-10-01", "2022-09-30")]),
    ("happen over the next 9 months, while", PLAN,
     [("over the next 9 months", "2019-10-01", "2020-06-30")]),
    ("aims for the next 15 months.", PLAN, [("for the next 15 months", "2019-10-01", "2020-12-31")]),
    ("this budget over the next four years, giving", STP,
     [("over the next four years", "2016-10-01", "2020-09-30")]),
    ("Over the next 3 years we will", PLAN, [("Over the next 3 years", "2019-10-01", "2022-09-30")]),
    ("we would save £6.3m over five years – we aim", PLAN, [("over five years", "2019-10-01", "2024-09-30")]),
    ("older residents over the next 4-8 years.", PLAN,
     [("over the next 4-8 years", "2019-10-01", "2027-09-30")]),
    ("tasks to be finished in the first nine months.", HWB,
     [("in the first nine months", "2017-09-01", "2018-05-31")]),
    ("delivery plans in the new year.", PLAN, [("in the new year", "2020-01-01", "2020-12-31")]),
    ("review the conditions as necessary next year", PLAN, [("next year", "2020-01-01", "2020-12-31")]),
    ("we will do this year", HWB, [("this year", "2017-01-01", "2017-12-31")]),
    # "later this year" is the rest of the year, from the document's month; so is "later in" its year
    ("the new charter will be adopted later in 2017.", HWB, [("in 2017", "2017-09-01", "2017-12-31")]),
    ("a second hub later in 2018.", HWB, [("in 2018", "2018-01-01", "2018-12-31")]),
    ("ahead of the opening of the hub later this year.", HWB, [("this year", "2017-09-01", "2017-12-31")]),
    ("a second review later in this financial year", HWB,
     [("in this financial year", "2017-09-01", "2018-03-31")]),
    ("by next year", HWB, [("by next year", None, "2018-12-31")]),
    ("during the next financial year", REFRESH,
     [("during the next financial year", "2018-04-01", "2019-03-31")]),
    ("Next 6 months", STP, [("Next 6 months", "2016-10-01", "2017-03-31")]),
    ("within the next 2 weeks", STP, [("within the next 2 weeks", "2016-10-01", "2016-10-14")]),
]

NEGATIVES = [
    ("combined catchments of 20,000 – 40,000", STP),
    ("a potential saving of £9 billion a year", STP),
    ("15-20 across the area, seen within 4 hours", STP),
    ("services available 24/7 for children aged 0-5 years", STP),
    ("a home visit within 3 weeks of referral and a 2-day course", STP),
    ("the meeting at 2.00 pm in Section 5.2", STP),
    ("Telephone: 024 7655 3344", STP),
    ("Regulations 2013 and the PCR 2015 requirements", STP),
    ("one in 2000 people", STP),
    ("a 12% fall in people with long stays over 5 years", PLAN),
    ("people aged over five years", PLAN),
    # a service's standard, or counted from an event: no due date of the plan
    ("patients seen within 2 weeks of referral", PLAN),
    ("a reply within 12 months", PLAN),
    ("within three years of the launch", PLAN),
    ("key areas of focus within Five Year Forward View", STP),
    ("the Christmas and New Year holidays", STP),
    ("announced in the Autumn Statement", STP),
    ("we may need to march on", STP),
    ("Population 1990 2100 2019", STP),
    ("see page 12/13 and slide 18/19", STP),
    ("the ratio 50/50 and 3/4", STP),
    ("open 24/7/365 for urgent calls", STP),
    ("during the financial year the fund grew", STP),  # "the financial year" alone names no year
    ("the year ahead", STP),
    ("increase from 61 to 37 beds", STP),
    ("a march to the town hall", STP),
    ("the May elections", STP),  # a month names the meeting only when one follows
    ("Residents aged over 65 - 2011 census figures", STP),  # a year with words after it names the data
]

DOC_DATE_NEEDED = [
    "by October",
    "the next 18 months",
    "in the new year",
    "on 13th September",
    "mid-November",
]


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    FINANCIAL_YEARS + QUARTERS + MONTHS_AND_DAYS + YEARLESS + YEARS + SEASONS + RANGES_AND_OPEN + RELATIVE
    + DASHED_YEARS,
)
def test_find_dates(text: str, doc_date: dt.date | None, expected: Expected) -> None:
    assert _found(text, doc_date) == expected


@pytest.mark.parametrize(("text", "doc_date"), NEGATIVES)
def test_not_dates(text: str, doc_date: dt.date | None) -> None:
    assert _found(text, doc_date) == []


@pytest.mark.parametrize("text", DOC_DATE_NEEDED)
def test_relative_phrases_need_a_document_date(text: str) -> None:
    assert find_dates(text, None) == []


def test_match_fields() -> None:
    text = "savings by 2020/21 and from October"
    by, frm = find_dates(text, HWB)
    assert by == DateMatch(DueDate("by 2020/21", None, "2021-03-31"), 8, 18, open_start=True, relative=False)
    assert text[frm.start_char:frm.end_char] == "from October"
    assert (frm.open_start, frm.relative) == (False, True)


def test_text_order_and_no_overlap() -> None:
    text = "In July 2019 the programme started; by 2023/24 and over the next four years we will"
    found = find_dates(text, PLAN)
    assert [m.due.text for m in found] == ["In July 2019", "by 2023/24", "over the next four years"]
    assert all(a.end_char <= b.start_char for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "doc_date", "expected"),
    [
        ("2018/19", None, DueDate("2018/19", "2018-04-01", "2019-03-31")),
        ("Year 1 (2019/20)", None, DueDate("Year 1 (2019/20)", "2019-04-01", "2020-03-31")),
        ("BRACKENSHIRE INVESTMENT PRIORITIES FOR 2015/17", CI, DueDate("2015/17", "2015-04-01", "2017-03-31")),
        ("Immediate", STP, DueDate("Immediate", "2016-10-01", None)),
        ("Immediately", STP, DueDate("Immediately", "2016-10-01", None)),
        ("Next 6 months", STP, DueDate("Next 6 months", "2016-10-01", "2017-03-31")),
        ("2019/20 – 2023/24**", None, DueDate("2019/20 – 2023/24", "2019-04-01", "2024-03-31")),
        ("Plans for 2019/20 and 2020/21", None, DueDate("2019/20 and 2020/21", "2019-04-01", "2021-03-31")),
        ("Refresh 2018/19", None, DueDate("2018/19", "2018-04-01", "2019-03-31")),
        ("Immediate", None, None),
        ("Year 1", STP, None),
        ("Next steps", STP, None),
        ("Summary plan – main estates milestones in more detail", STP, None),
    ],
)
def test_heading_date(text: str, doc_date: dt.date | None, expected: DueDate | None) -> None:
    assert heading_date(text, doc_date) == expected


@given(st.integers(min_value=2000, max_value=2090), st.sampled_from(["in ", "during ", "for ", ""]))
def test_financial_year_property(year: int, lead: str) -> None:
    short = f"{year}/{(year + 1) % 100:02d}"
    text = f"We will deliver this {lead}{short} across the system."
    (match,) = find_dates(text, None)
    assert match.due == DueDate(f"{lead}{short}", f"{year}-04-01", f"{year + 1}-03-31")
    long_form = find_dates(f"{year}/{year + 1}", None)
    assert [(m.due.start, m.due.end) for m in long_form] == [(f"{year}-04-01", f"{year + 1}-03-31")]


_DATEISH = st.sampled_from(
    ["by ", "from ", "2019", "/", "20", " – ", "Q4 ", "July ", "17", "th ", "mid-", "next ", "year", "(",
     ")", " and ", "between ", "now", "+", " onwards", "autumn ", "w/c ", "months", "five ", "over ",
     "the ", "."]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=120), st.lists(_DATEISH, max_size=25).map("".join)),
    st.one_of(st.none(), st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2095, 12, 31))),
)
def test_find_dates_never_raises_and_spans_slice(text: str, doc_date: dt.date | None) -> None:
    found = find_dates(text, doc_date)
    previous_end = 0
    for m in found:
        assert text[m.start_char:m.end_char] == m.due.text
        assert m.start_char >= previous_end
        previous_end = m.end_char
        assert m.due.start is not None or m.due.end is not None
        if m.due.start and m.due.end:
            assert m.due.start <= m.due.end
        assert m.open_start == (m.due.start is None)
    heading_date(text, doc_date)


# ---------------------------------------------------------------------------------------------
# what real plans write (made-up sentences for a made-up area)

NORTHSHIRE = dt.date(2019, 6, 1)  # a strategy published June 2019
NORTHSHIRE_PERIOD = (dt.date(2019, 4, 1), dt.date(2024, 3, 31))  # covering 2019/20 - 2023/24

PLAN_PHRASES = [
    ("Medium term (by March 2021)", NORTHSHIRE, [("by March 2021", None, "2021-03-31")]),
    ("Long term (by December 2023)", None, [("by December 2023", None, "2023-12-31")]),
    ("the pilot will continue into 2020", NORTHSHIRE, [("into 2020", "2020-01-01", "2020-12-31")]),
    ("Riverside CCG will fund the service for a further two years", NORTHSHIRE,
     [("for a further two years", "2019-06-01", "2021-05-31")]),
    ("extend the contract for another 12 months", NORTHSHIRE,
     [("for another 12 months", "2019-06-01", "2020-05-31")]),
    ("a report will come to the Board at the next meeting", NORTHSHIRE, []),
    ("report back at the next meeting on 5 September", NORTHSHIRE, [("5 September", "2019-09-05", "2019-09-05")]),
    ("complete the audit by March next year", NORTHSHIRE, [("by March next year", None, "2020-03-31")]),
    ("complete the audit by October", NORTHSHIRE, [("by October", None, "2019-10-31")]),
    ("the service is ongoing", NORTHSHIRE, []),
]

CONTRACT_YEARS = [
    ("mobilise the new service in year one", [("in year one", "2019-04-01", "2020-03-31")]),
    ("full roll-out in years four and five", [("in years four and five", "2022-04-01", "2024-03-31")]),
    ("savings of £2m by Year 3", [("by Year 3", None, "2022-03-31")]),
    ("Year 2: evaluate the pilot", [("Year 2", "2020-04-01", "2021-03-31")]),
    ("measure obesity in Reception and Year 6 children", []),
    ("in year eight of the contract", []),  # beyond the plan's five years
]


@pytest.mark.parametrize(("text", "doc_date", "expected"), PLAN_PHRASES)
def test_plan_phrases(text: str, doc_date: dt.date | None, expected: Expected) -> None:
    assert _found(text, doc_date) == expected


@pytest.mark.parametrize(("text", "expected"), CONTRACT_YEARS)
def test_contract_years_count_from_the_plan_start(text: str, expected: Expected) -> None:
    got = [(m.due.text, m.due.start, m.due.end) for m in find_dates(text, NORTHSHIRE, NORTHSHIRE_PERIOD)]
    assert got == expected


@pytest.mark.parametrize("text", ["in year one", "by Year 3", "for a further two years", "by March next year"])
def test_no_anchor_no_date(text: str) -> None:
    """A document of unknown date or period leaves relative phrases undated, never guessed."""
    assert find_dates(text, None) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Ongoing", []),
    ("TBC", []),
    ("On-going – reviewed each quarter", []),
    ("2020", [("2020", "2020-01-01", "2020-12-31")]),
    ("March 2021", [("March 2021", "2021-03-01", "2021-03-31")]),
    ("September", [("September", "2019-09-01", "2019-09-30")]),
    ("Medium term (by March 2024)", [("by March 2024", None, "2024-03-31")]),
    ("Year 2", [("Year 2", "2020-04-01", "2021-03-31")]),
    ("Q3 2020/21", [("Q3 2020/21", "2020-10-01", "2020-12-31")]),
    # a project plan's date column: days with two-digit years
    ("14.01.21", [("14.01.21", "2021-01-14", "2021-01-14")]),
    ("09/03/21 22/06/21", [("09/03/21", "2021-03-09", "2021-03-09"), ("22/06/21", "2021-06-22", "2021-06-22")]),
    ("32.13.21", None),  # no such day: unreadable
    # coordinated years in a timescale column: each is a date
    ("2021 and 2024", [("2021", "2021-01-01", "2021-12-31"), ("2024", "2024-01-01", "2024-12-31")]),
])
def test_field_dates(text: str, expected: Expected) -> None:
    got = field_dates(text, NORTHSHIRE, NORTHSHIRE_PERIOD)
    assert (got if expected is None else [(d.text, d.start, d.end) for d in got or []]) == expected


def test_field_dates_unreadable_is_none() -> None:
    assert field_dates("Short term", NORTHSHIRE) is None
    assert field_dates("", NORTHSHIRE) is None


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["in ", "during ", ""]),
       st.integers(min_value=2000, max_value=2080))
def test_contract_year_property(n: int, lead: str, year: int) -> None:
    """Year n of a plan starting 1 April Y is the n-th financial year of the plan, whatever the words."""
    period = (dt.date(year, 4, 1), dt.date(year + 5, 3, 31))
    words = ["one", "two", "three", "four", "five"][n - 1]
    for form in (str(n), words):
        (m,) = find_dates(f"deliver it {lead}year {form}", dt.date(year, 1, 1), period)
        assert (m.due.start, m.due.end) == (f"{year + n - 1}-04-01", f"{year + n}-03-31")


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=24),
       st.integers(min_value=2000, max_value=2080))
def test_further_period_property(month: int, n: int, year: int) -> None:
    """"for a further N months" runs from the document's month for N whole months."""
    doc = dt.date(year, month, 1)
    (m,) = find_dates(f"funded for a further {n} months", doc)
    end = dt.date.fromisoformat(m.due.end)
    assert m.due.start == doc.isoformat()
    assert (end + dt.timedelta(days=1)).day == 1
    assert (end.year * 12 + end.month) - (year * 12 + month) == n - 1


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Q3 October - December 2024", "2024-10-01", "2024-12-31"),  # the quarter's number is no day
    ("Q4 January 2025 - March 2025", "2025-01-01", "2025-03-31"),
    ("by 3 October 2024", None, "2024-10-03"),
])
def test_a_quarter_written_with_its_months(text, start, end):
    from datetime import date

    from kb.extract.dates import find_dates

    (m,) = find_dates(text, date(2024, 4, 1))
    assert (m.due.start, m.due.end) == (start, end)


@pytest.mark.parametrize(("heading", "start", "end"), [
    ("Looking to 2026", "2026-01-01", "2026-12-31"),  # the year the section looks ahead to
    ("Looking ahead to 2026", "2026-01-01", "2026-12-31"),
    ("Towards 2030", None, None),  # a vision's horizon, not the period of what is under it
])
def test_a_heading_that_looks_ahead_to_a_year(heading, start, end):
    from datetime import date

    from kb.extract.dates import heading_date

    due = heading_date(heading, date(2025, 1, 1))
    assert ((due.start, due.end) if due else (None, None)) == (start, end)


# ------------------------------------------------------------------ a plan's own timescale key
PLAN_KEY = """Each action has a timescale:
- Short term: actions we can start now and finish within the first two years of the plan (2024 – 2025)
- Medium term: actions that need more work first, to be done in years three and four (2026 -
2027)
- Long term: actions that depend on national funding, by March 2030
"""


def test_a_plan_defines_its_own_timescale_words():
    from kb.extract.dates import timescale_key

    # (the plan's contract years, "years three and four", give way to the dates the key writes out)
    key = timescale_key(PLAN_KEY, dt.date(2024, 1, 1), (dt.date(2024, 4, 1), dt.date(2030, 3, 31)))
    assert {t: (d.start, d.end) for t, d in key.items()} == {
        "short": ("2024-01-01", "2025-12-31"), "medium": ("2026-01-01", "2027-12-31"), "long": (None, "2030-03-31")}
    # an item that says only "Medium Term" is due then; a date written beside the term wins
    found = find_dates("2.1.4 Plant 500 street trees in the town centre  Medium Term", dt.date(2024, 1, 1), None, key)
    assert [(m.due.text, m.due.start, m.due.end) for m in found] == [("Medium Term", "2026-01-01", "2027-12-31")]
    found = find_dates("Medium term (by March 2026)", dt.date(2024, 1, 1), None, key)
    assert [(m.due.start, m.due.end) for m in found] == [(None, "2026-03-31")]
    assert [(d.start, d.end) for d in field_dates("Long term", dt.date(2024, 1, 1), None, key)] == [(None, "2030-03-31")]


def test_a_timescale_key_that_gives_each_term_a_letter():
    """A key that gives each term a letter ("S<tab>Short term: ...", "M = Medium term ...") dates the items
    that then give only the letter in brackets ("... in every library (M);"); without such a key "(M)"
    is no date."""
    from kb.extract.dates import timescale_key

    text = ("Timescales:\n\nS\tShort term: in the first year (by March 2023)\n"
            "M\tMedium term: by the end of year two (March 2024)\nL = Long term: by March 2025\n")
    key = timescale_key(text, dt.date(2022, 5, 1), (dt.date(2022, 4, 1), dt.date(2025, 3, 31)))
    found = find_dates("open a book swap shelf in every library (M);", dt.date(2022, 5, 1), None, key)
    assert [(m.due.text, m.due.end) for m in found] == [("(M)", "2024-03-31")]
    assert [m.due.end for m in find_dates("train the volunteers (L).", dt.date(2022, 5, 1), None, key)] == ["2025-03-31"]
    plain = timescale_key("Short term: by March 2023\nMedium term: by March 2024", dt.date(2022, 5, 1))
    assert find_dates("open a book swap shelf in every library (M);", dt.date(2022, 5, 1), None, plain) == []


@pytest.mark.parametrize("text", [
    "We will look at the long term future of the library service.",  # no key: the words name no date
    "Short term: actions we can start now.\n\nMedium term: actions that need more work.",  # a key with no dates
])
def test_timescale_words_without_a_key_give_no_date(text):
    from kb.extract.dates import timescale_key

    key = timescale_key(text, dt.date(2024, 1, 1))
    assert key == {}
    assert find_dates("Improve the parks  Medium Term", dt.date(2024, 1, 1), None, key) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a year written once after coordinated months is the year of each
    ("The panel will meet in May and November 2026.",
     [("in May", "2026-05-01", "2026-05-31"), ("November 2026", "2026-11-01", "2026-11-30")]),
    ("Reports are due in April, August and December 2025.",
     [("in April", "2025-04-01", "2025-04-30"), ("August", "2025-08-01", "2025-08-31"),
      ("December 2025", "2025-12-01", "2025-12-31")]),
    # a lone year coordinated with a dated one is read as that one is
    ("The surveys will be repeated in 2027 and 2030.",
     [("in 2027", "2027-01-01", "2027-12-31"), ("2030", "2030-01-01", "2030-12-31")]),
    ("Both depots will close by 2026 or 2028.", [("by 2026", None, "2026-12-31"), ("2028", None, "2028-12-31")]),
    # not coordinated: a month with its own preposition keeps the document's year; a year after a number
    ("The panel will meet in May and again in November 2026.",
     [("in May", "2019-05-01", "2019-05-31"), ("in November 2026", "2026-11-01", "2026-11-30")]),
    ("We spoke to 2,000 residents and 2026 will see more.", []),
])
def test_coordinated_dates(text: str, expected: Expected) -> None:
    assert _found(text, dt.date(2019, 1, 1)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # work that goes on, or recurs, up to a date is due by then
    ("Ongoing to March 2027", [("Ongoing to March 2027", None, "2027-03-31")]),
    ("Annually to 2029", [("Annually to 2029", None, "2029-12-31")]),
    ("Reviewed quarterly until June 2026", [("quarterly until June 2026", None, "2026-06-30")]),
    ("from 2024 to 2026", [("from 2024 to 2026", "2024-01-01", "2026-12-31")]),  # a span stays one
])
def test_continuing_work_to_a_date_is_due_by_it(text: str, expected: Expected) -> None:
    assert [(d.text, d.start, d.end) for d in field_dates(text, dt.date(2025, 1, 1)) or []] == expected


@pytest.mark.parametrize("text", [
    "Retrofit the depots that the council will keep beyond 2035.",
    "Keep the scheme running beyond March 2027 if funding allows.",
])
def test_beyond_a_date_is_no_due_date(text: str) -> None:
    assert find_dates(text, dt.date(2025, 1, 1)) == []


@pytest.mark.parametrize(("text", "expected"), [
    # two dated months or seasons written one or the other: the span from the first to the second
    ("Submit the plan for examination in Autumn 2026/Spring 2027.",
     [("in Autumn 2026/Spring 2027", "2026-09-01", "2027-05-31")]),
    ("Open the new depot in April/May 2026.", [("in April/May 2026", "2026-04-01", "2026-05-31")]),
    # a financial year keeps its slash
    ("Publish the accounts for 2026/27.", [("for 2026/27", "2026-04-01", "2027-03-31")]),
])
def test_a_slash_between_dated_months_or_seasons_spans_them(text: str, expected: Expected) -> None:
    assert [(m.due.text, m.due.start, m.due.end) for m in find_dates(text, dt.date(2025, 1, 1))] == expected


@pytest.mark.parametrize("text, tail", [
    ("Fit solar panels to the town hall. Sep-25", "Sep-25"),
    ("Publish the plan. These will be checked yearly.Jun-27", "Jun-27"),
    ("Open the new depot. By March 2026", "By March 2026"),
    ("Open the new depot. It will be staffed", None),  # a sentence, not a date cell
    ("Open the new depot in Sep-25", None),  # no stop before the date: the row's own wording
])
def test_a_date_cell_run_into_a_rows_end(text, tail):
    from kb.extract.dates import date_cell_tail

    at = date_cell_tail(text)
    assert (text[at:].strip() if at is not None else None) == tail


@pytest.mark.parametrize("text, cell", [("Oct-22", True), ("March 2024.", True), ("Ongoing", True),
                                        ("Plant trees", False), ("in all the depots by March 2024", False)])
def test_a_date_cell_alone(text, cell):
    from kb.extract.dates import is_date_cell

    assert is_date_cell(text) is cell


@pytest.mark.parametrize("text, expected", [
    # a row's Start and End cells side by side: one period, from the first month's start to the second's end
    ("Resurface the cycle path at Kingsmead  Both  Parks Team  Highways  May-22 Jun-24  B2",
     [("May-22 Jun-24", "2022-05-01", "2024-06-30")]),
    ("Survey the canal bridges External Bridges Unit Sep-23 Dec-23 C1", [("Sep-23 Dec-23", "2023-09-01", "2023-12-31")]),
    # the Start cell run into the cell before it by the export ("Parish CouncilsApr-20")
    ("Plant hedgerows Both Parks Team Parish CouncilsOct-21 Mar-23G1", [("Oct-21 Mar-23", "2021-10-01", "2023-03-31")]),
    ("Parish CouncilsOct-21", [("Oct-21", "2021-10-01", "2021-10-31")]),
    # not a day: "-20" is the first cell's year, not the day of the month after it
    ("Map the verges Highways Apr-20 Dec-20", [("Apr-20 Dec-20", "2020-04-01", "2020-12-31")]),
    # the same month twice is not a period; nor are months without years
    ("Install meters Jun-22 Jun-22", [("Jun-22", "2022-06-01", "2022-06-30"), ("Jun-22", "2022-06-01", "2022-06-30")]),
    ("The Mayor-21 scheme", []),
])
def test_a_rows_start_and_end_cells_make_one_period(text: str, expected: Expected) -> None:
    assert [(m.due.text, m.due.start, m.due.end) for m in find_dates(text, dt.date(2021, 8, 1))] == expected


@pytest.mark.parametrize("text, cells", [
    ("Resurface the cycle path Parks Team May-22 Jun-24 B2", True),
    ("Parish CouncilsOct-21 Mar-23G1", True),
    ("Update on the Parks Plan, May 2022 – June 2024", False),  # a title's period has its dash
    ("Parks Team May-22", False),
])
def test_start_and_end_cells_are_told(text, cells):
    from kb.extract.dates import has_start_end_cells

    assert has_start_end_cells(text) is cells


def test_months_written_out_side_by_side_stay_two_dates():
    """A cell listing the dates of several items ("Oct 2024 March 2025"): two months, not a period."""
    got = [(m.due.text, m.due.start, m.due.end) for m in find_dates("Ongoing Oct 2025 March 2026", dt.date(2025, 1, 1))]
    assert got == [("Oct 2025", "2025-10-01", "2025-10-31"), ("March 2026", "2026-03-01", "2026-03-31")]


def test_a_timescale_key_printed_as_a_table_keeps_its_letters():
    """A key printed as a two-column table ("S | Short term: ...") is read with its row labels, so the
    letters date the items that give only "(S)"."""
    from kb.extract.dates import timescale_key
    from kb.extract.pipeline import key_text
    from kb.layout.structure import build_blocks
    from kb.sources.base import SourceLine

    text = "Timescales\n\nS\tShort term: within a year (by March 2023)\nL\tLong term: by March 2025\n"
    lines = [SourceLine(t, i, None) for i, t in enumerate(text.split("\n"), start=1)]
    blocks = build_blocks(lines, dt.date(2022, 5, 1))
    key = timescale_key(key_text(blocks), dt.date(2022, 5, 1))
    assert key["(S)"].end == "2023-03-31" and key["(L)"].end == "2025-03-31"
