"""Dates: find every date or period phrase in a sentence and normalise it to an ISO start/end.

The rules are the annotation guide's (`shared/eval/GUIDE.md`): financial years run 1 April to
31 March, quarters are financial quarters (Q1 = Apr-Jun), a month is its whole month, seasons are
meteorological, "by X" has no start, "X onwards" has no end, and relative phrases ("over the next
five years", "next year", a month without a year) resolve against the document's date, counted
from the first day of its month.

How it works, in three passes over a sentence:

1. *atoms*: small regexes find the date nuclei ("2018/19", "Q4 2017/18", "27 th October",
   "Dec 2016", "autumn 2020", "2017 - 2020", a bare "2019"); overlaps keep the longest;
2. *ranges*: neighbouring atoms joined by "–", "to", "into" (or "and" after "between", or "&"
   between consecutive financial years) become one period, lending a year to a year-less start
   ("December – February 2017");
3. *context*: the words just before an atom ("by the end of", "from", "during the", "w/c") and just
   after it ("+", "onwards", "financial year and beyond") decide an open start or end, and are kept
   in the phrase's text.  Relative phrases that have no atom ("the next 18 months") have their own
   patterns.

Deciding whether a date is a due date (past, baseline) is the caller's job: this module reports
every date with its exact span so the caller can look at the context.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kb.model import DueDate

__all__ = ["DateMatch", "Period", "doc_period", "field_dates", "find_dates", "heading_date"]

Span = tuple[dt.date, dt.date]
Period = tuple[dt.date | None, dt.date | None]  # the span a whole document covers (its plan years)
_T = TypeVar("_T")


@dataclass(frozen=True)
class DateMatch:
    """One date phrase found in a text: its normalised value and where it sits."""

    due: DueDate  # text = the exact phrase as written, including a leading "by"/"from"/"during"/"in"
    start_char: int
    end_char: int
    open_start: bool  # "by ..." / "up to" / "until" phrases (no start)
    relative: bool  # resolved against the document date


# --------------------------------------------------------------------------------------------
# vocabulary

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}


def _month_alternation() -> str:
    """Month names in Title case or UPPER case only: lower-case "may" and "march" are verbs."""
    names = sorted(_MONTHS, key=len, reverse=True)  # longest first so "June" beats "Jun"
    whole = ("may", "june", "july")  # short names that are not abbreviations
    full = [v for n in names if len(n) > 4 or n in whole for v in (n.capitalize(), n.upper())]
    short = [v for n in names if len(n) <= 4 and n not in whole for v in (n.capitalize(), n.upper())]
    # an abbreviation's full stop belongs to the date only inside it ("Oct. 2017"), not at a sentence end
    return r"\b(?:(?:" + "|".join(full) + r")\b|(?:" + "|".join(short) + r")\b(?:\.(?=\s?\d))?)"


_MONTH = _month_alternation()
_YEAR4 = r"(?:19|20|21)\d{2}"
_ORD = r"(?:\s?(?:st|nd|rd|th)\b)"
_MOD = r"(?P<mod>(?i:early|mid|late)(?:\s*-\s*|\s+)(?:(?i:in)\s+)?)"  # "mid-November", "late Autumn", "early in 2025"
# a weekday before a day ("Friday, 25 August 2017") joins the phrase; looked for behind the day
_WEEKDAY_BEFORE = re.compile(r"\b(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+$")

_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "twenty-four": 24, "twenty four": 24, "thirty": 30, "thirty-six": 36, "thirty six": 36,
}
_NUM = r"(?:\d{1,2}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + ")"

_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # first month of each season

# --------------------------------------------------------------------------------------------
# atom patterns (compiled once; no nested quantifiers, so no catastrophic backtracking)

# "27 th October", "1st August 2019", "19 /20 July 17", "Friday, 25 August 2017", "4th September, 2017"
_DAY_RE = re.compile(
    r"(?<![\d.,/£$A-Za-z])(?<![A-Za-z]-)(?P<d1>[0-3]?\d)" + _ORD + r"?"
    r"(?:\s*(?:/|-|–|—|&|(?i:and|to))\s*(?P<d2>[0-3]?\d)" + _ORD + r"?)?"
    r"\s+(?:of\s+)?(?P<mon>" + _MONTH + r")"
    r"(?:,?\s*(?P<y4>" + _YEAR4 + r")(?!\d|/\d)|\s+(?P<y2>\d{2})(?![\d/:%]|[.,]\d|" + _ORD + r"))?"
)
# "October 27th", "March 4th, 2019" (month first needs an ordinal so "July 17" stays a month-year)
_MDAY_RE = re.compile(
    r"(?P<mon>" + _MONTH + r")\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)\b(?:,?\s*(?P<y4>" + _YEAR4 + r")(?!\d))?"
)
# "06/12/2016", "6.12.2016", "2016-12-06", and an action log's "31/03/25" (slashes and a two-digit
# year only: "3.10.12" is as often a paragraph number)
_NUMERIC_RE = re.compile(
    r"(?<![\d/.])(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>" + _YEAR4 + r")(?![\d/.]\d)"
    r"|(?<![\d/.])(?P<sd>[0-3]?\d)/(?P<sm>[01]?\d)/(?P<sy>\d{2})(?![\d/%]|[.,]\d)"
    r"|(?<![\d-])(?P<iy>" + _YEAR4 + r")-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d-])"
)
# "October 2017", "Dec 2016", "April, 2014", "July 17", "Apr-17", "mid-November", "late October"
_MONTH_RE = re.compile(
    _MOD + r"?(?P<mon>" + _MONTH + r")"
    r"(?:(?:,\s*|\s*['‘’]\s*|-|\s+)(?P<y4>" + _YEAR4 + r")(?!\d|/\d)"
    r"|(?:\s+|-|\s*['‘’])(?P<y2>\d{2})(?![\d/:%]|[.,]\d|" + _ORD + r"|\s*(?i:am|pm)\b|,?\s+\d{4}))?"
)
# "autumn 2020", "winter 2017/18", "late Autumn", "the summer of 2019"
_SEASON_RE = re.compile(
    _MOD + r"?(?P<season>(?i:spring|summer|autumn|winter))\b"
    r"(?!\s+(?i:statement|budget|term|spending|review|edition|issue|newsletter|school)\b)"
    r"(?:\s+(?:of\s+)?(?P<y4>" + _YEAR4 + r")(?:\s*[/–-]\s*(?P<yy>\d{1,2})(?!\d))?(?!\d|/\d))?"
)
# "2018/19", "2014/16", "2018-19", "2018/2019", "FY 2018/19", and the calendar range "2017 - 2020"
_FY_RE = re.compile(
    r"(?<![\d/.,£$])(?:(?i:FY)\s*)?(?P<a>" + _YEAR4 + r")\s*(?P<sep>/|-|–|—)\s*(?P<b>\d{4}|\d{2})"
    r"(?![\d/%]|[.,]\d)"
)
# "18/19", "FY18/19" (consecutive years only; "19/20 July" is a day range, checked in the handler)
_SHORT_FY_RE = re.compile(
    r"(?<![\d/.,£$:])(?:(?i:FY)\s*)?(?P<a>\d{2})/(?P<b>\d{2})(?![\d/%:]|[.,]\d)"
    r"(?!\s*(?i:hours?|hrs?|minutes?|mins?|days?|weeks?|points?|pts)\b)"
)
_FY_INNER = r"(?:" + _YEAR4 + r"\s*(?:/|-|–)\s*(?:\d{4}|\d{2})|\d{2}/\d{2}|" + _YEAR4 + r")"
_QWORD = r"(?:Q[1-4]|(?i:quarter)\s+(?:[1-4]|(?i:one|two|three|four))|(?i:first|second|third|fourth|final)\s+(?i:quarter))"
# "Q4 2017/18", "Q4 2016-17", "Q3/Q4 2018/19", "2016/17 Q3/Q4", "quarter two 2019/20"; a table cell
# may set a dash between the quarter and its year ("Q4 – 2020/21", "Q1 to Q2 – 2021/22")
_QUARTER_RE = re.compile(
    r"(?P<q1>" + _QWORD + r")(?:\s*(?:/|-|–|&|(?i:and|to))\s*(?P<q2>" + _QWORD + r"))?"
    r"\s*(?:[-–—]\s*)?(?:(?i:of)\s+)?(?:(?i:FY)\s*)?(?P<fy>" + _FY_INNER + r")(?![\d/])"
    r"|(?<![\d/])(?P<fyb>" + _FY_INNER + r")\s+(?P<q1b>" + _QWORD + r")"
    r"(?:\s*(?:/|-|–|&|(?i:and|to))\s*(?P<q2b>" + _QWORD + r"))?"
)
# "the first half of 2025" (January to June), "the second half of 2025/26" (October to March)
_HALF_RE = re.compile(r"(?P<h>(?i:first|second))\s+(?i:half)\s+(?i:of)\s+(?:(?i:the)\s+)?(?:(?i:FY)\s*)?"
                      r"(?P<fy>" + _FY_INNER + r")(?![\d/])")
# a bare year "2019", "late 2017"; kept only in a date context (see _accept)
_YEAR_RE = re.compile(_MOD + r"?(?<![\d.,£$/])(?P<y>" + _YEAR4 + r")(?![\d%/]|[.,]\d)")

# --------------------------------------------------------------------------------------------
# relative phrases (no atom inside them)

# "over the next 12 months", "the next 18 months", "the first twelve months", "Next 6 months",
# "over the next 4-8 years" (the larger number wins)
# (the keyword starts each pattern so the scan is fast; the words before it are found by _REL_LEAD_RE)
_REL_SPAN_RE = re.compile(
    r"\b(?:next|coming|following|first)\s+(?P<n1>" + _NUM + r")"
    r"(?:\s*(?:-|–|to|or)\s*(?P<n2>" + _NUM + r"))?"
    r"\s+(?P<unit>years?|months?|weeks?)\b",
    re.I,
)
# "over five years" (not "aged over five years", "over 5 years old")
_REL_OVER_RE = re.compile(
    r"\bover\s+(?P<n1>" + _NUM + r")(?:\s*(?:-|–|to)\s*(?P<n2>" + _NUM + r"))?\s+(?P<unit>years|months)\b"
    r"(?!\s+(?:old|of\s+age|ago|and\s+over))",
    re.I,
)
# "within five years", "within 2-3 years" (not "within 12 months of the launch": counted from an event;
# nor weeks or months, which in a plan are mostly a service's standard: "seen within 2 weeks")
_REL_WITHIN_RE = re.compile(
    r"\bwithin\s+(?P<n1>" + _NUM + r")(?:\s*(?:-|–|to)\s*(?P<n2>" + _NUM + r"))?\s+(?P<unit>years)\b"
    r"(?!\s+(?:of|from|after|following)\b)",
    re.I,
)
_REL_OVER_BAD_BEFORE = re.compile(
    r"\b(?:aged|age|than|for|ages|people|children|adults|stays?|lasting)\s*$", re.I
)
# "next year", "in the new year", "this year", "next financial year", "this month", "the coming year",
# and "by the end of the financial year" (the document's own: `_relative_year`)
_REL_YEAR_RE = re.compile(
    r"\b(?P<which>next|this|current|coming|new|the)\s+(?P<fin>(?:financial|fiscal)\s+)?(?P<unit>year|month)\b"
    r"(?!\s+(?:period|day|eve|holidays?|bank|break|celebrations?)\b)",
    re.I,
)
_REL_LEAD_RE = re.compile(
    r"\b(?:(?P<prep>over|during|within|in|for|throughout|across|by|from|until|before)\s+)?(?P<the>the\s+)?$",
    re.I,
)

# "for a further four years", "another 12 months", "an additional two years": counted from the
# document's month, like "the next three years"
_REL_FURTHER_RE = re.compile(
    r"\b(?:for\s+)?(?:a\s+further|another|an\s+additional|a\s+further\s+period\s+of)\s+(?P<n1>" + _NUM + r")"
    r"\s+(?P<unit>years?|months?)\b(?!\s+(?:old|of\s+age|ago))",
    re.I,
)
# contract years, counted from the start of the period the plan covers: "year one", "Year 2",
# "years four and five", "in years 2-3"; not school years ("Year 6 pupils", "Reception and Year 6")
_YEAR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10}
_YN = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_CONTRACT_YEAR_RE = re.compile(
    r"\b(?:(?P<prep>in|during|by|from|over|for|throughout|within|until|before)\s+(?:the\s+)?)?"
    r"(?P<unit>years?|yr)\s+(?P<n1>" + _YN + r")\b(?:\s*(?:-|–|to|and|&)\s*(?P<n2>" + _YN + r")\b)?"
    r"(?!\s*(?:\(|:\s*\d|[-–]\s*\d{4}|olds?\b|pupils|children|students|school|groups?|\d))",
    re.I,
)
_SCHOOL_NEAR = re.compile(r"\b(?:reception|pupils?|school|children|child|class|students?|olds?)\b", re.I)
# "the first three years of the agreement": counted from the period's start, not the document's date
_OF_PERIOD = re.compile(r"\s+of\s+(?:the|this|our)\s+(?:new\s+)?(?:contracts?|plan|strategy|programme|agreement)\b",
                        re.I)
# "March next year", "by June of the following year": a month the text places in the next year
_NEXT_YEAR_AFTER = re.compile(r"\s*(?:of\s+)?(?:next\s+year|the\s+following\s+year|the\s+next\s+year)\b", re.I)


# --------------------------------------------------------------------------------------------
# context around an atom

# words before an atom, anchored at the atom (searched with endpos = atom start)
_PREFIX_RE = re.compile(
    r"\b(?:"
    r"(?P<now>between\s+now\s+and|from\s+now\s+(?:to|until|till)|now\s+(?:to|until|till))"
    r"|(?P<week>(?:the\s+)?(?:w/c|w\.c\.|week\s+(?:commencing|beginning|starting)(?:\s+on)?))"
    r"|(?P<by>(?:by|up\s+to|until|till|before|prior\s+to|no\s+later\s+than|not\s+later\s+than"
    r"|(?:the|a|its)\s+deadline\s+(?:of|is|was)"
    # an action log's "Target date: 31/03/25", "the completion date of 30 June": a deadline too
    r"|(?:target|completion|due)\s+dates?(?:\s+(?:of|is|was)|\s*[:–—-])"
    # work that goes on, or recurs, up to a date ("Ongoing to March 2026", "Annually to 2028")
    r"|(?:on-?going|continuing|continuous(?:ly)?|annually|yearly|quarterly|monthly|regularly)\s+(?:to|until|till))"
    r"(?:\s+the)?(?:\s+(?:end|close)(?:\s*-|\s+of)?(?:\s+the)?)?)"
    r"|(?P<end>(?:(?:at|to|towards|in)\s+)?(?:the\s+)?(?:end|close)\s+of(?:\s+the)?)"
    r"|(?P<after>after)(?:\s+the)?"
    r"|(?P<beyond>beyond)(?:\s+the)?"
    r"|(?P<from>(?:from|since|starting(?:\s+(?:in|from|on))?|commencing(?:\s+(?:in|from|on))?"
    r"|beginning(?:\s+(?:in|from|on))?|with\s+effect\s+from|effective\s+from)"
    r"(?:\s+the)?(?:\s+(?:start|beginning)\s+of(?:\s+the)?)?)"
    r"|(?P<in>(?:in|into|during|for|throughout|within|across|over|between)"
    r"(?:\s+the)?(?:\s+(?:course|whole|rest|remainder)\s+of(?:\s+the)?)?)"
    r")\s*$",
    re.I,
)
_PREFIX_WINDOW = 48
# "Year 1 (2019/20)", "This year (2013/14)", "Year 3: 2021/22"
_LABEL_RE = re.compile(
    r"\b(?:(?:year|yr)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)|this\s+year"
    r"|next\s+year|the\s+current\s+year)\s*(?P<open>\()?\s*(?:[:–—-]\s*)?$",
    re.I,
)
_SUFFIX_RE = re.compile(
    r"(?P<fin>\s+(?i:financial\s+year|fiscal\s+year|FY)\b)?"
    r"(?P<open>\s*\+(?!\s*\d|\w)|\s+(?i:onwards?|and\s+beyond|and\s+after|or\s+later)\b)?"
    r"(?P<label>\s*\(\s*(?i:year|yr)\s*\d{1,2}\s*\))?"
    # a date that names a deadline is its end: "for the 21 March deadline", "the November 2025 cut-off"
    r"(?P<deadline>\s+(?i:deadlines?|cut-?off(?:\s+date)?|closing\s+date)\b)?"
)
_ROLL_OUT_RE = re.compile(r"\s+(?i:roll[\s-]?out)\b")
_DASHED_BEFORE = re.compile(r"\w\s+[-–—]\s*$")
_RECENT_MONTHS = 2  # months before a paper's date that a yearless month may still mean (see _contextualise)
_MEETING_AFTER = re.compile(r"\s+(?:(?i:meeting|board|committee|cabinet|council|panel|forum)s?)\b")
_NUMBER_BEFORE_IN = re.compile(r"(?:\d|\b(?i:one|a))\s+(?i:in)\s+$")  # "1 in 2000 people" is not a year
_PAGE_BEFORE = re.compile(
    r"\b(?:page|pages|slide|slides|p|pp|section|para|paragraph|tel|telephone)\.?\s*$", re.I
)
_RANGE_SEP_RE = re.compile(
    r"\s*(?P<sep>-|–|—|/|(?i:to|until|till|through|into|and|&))\s*"
    r"(?:(?i:the\s+end\s+of)\s+(?:(?i:the)\s+)?)?"
)
_ENDS_WITH_THE = re.compile(r"\bthe\s*$", re.I)
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_FUNCTION_WORDS = frozenset(
    "and or to we with when as so for in on at by which that there it is will was were has have had "
    "be are year years period periods onwards onward".split()
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
_MONTH_AHEAD = re.compile(r"\s*(?:of\s+)?" + _MONTH)
_IMMEDIATE_RE = re.compile(r"^\W*(?P<w>(?i:immediate(?:ly)?))\b")
_HEADING_NEUTRAL = re.compile(r"^(?i:for|in|during|throughout)\s+(?:(?i:the)\s+)?")


# --------------------------------------------------------------------------------------------
# calendar helpers


def month_end(y: int, m: int) -> dt.date:
    """The last day of a month."""
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _month_span(y: int, m: int) -> Span:
    return dt.date(y, m, 1), month_end(y, m)


def _add_months(d: dt.date, n: int) -> dt.date:
    """The same day n months later (only used on first-of-month dates, so no day overflow)."""
    idx = d.year * 12 + d.month - 1 + n
    return dt.date(idx // 12, idx % 12 + 1, d.day)


def _fy_span(first: int, last_end_year: int) -> Span:
    """Financial years run 1 April .. 31 March; "2014/16" ends in March 2016."""
    return dt.date(first, 4, 1), dt.date(last_end_year, 3, 31)


def _season_span(y: int, season: str) -> Span:
    """Meteorological seasons; winter Y is December Y .. February Y+1."""
    first = _SEASONS[season.lower()]
    start = dt.date(y, first, 1)
    return start, month_end(*_ym(_add_months(start, 2)))


def _ym(d: dt.date) -> tuple[int, int]:
    return d.year, d.month


def _two_digit_year(yy: int) -> int:
    """A two-digit year after a month name ("July 17") is 20YY (19YY from 90 up)."""
    return 1900 + yy if yy >= 90 else 2000 + yy


def _valid_year(y: int) -> bool:
    return 1990 <= y <= 2100


def _number(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


# --------------------------------------------------------------------------------------------
# atoms


@dataclass
class _Atom:
    """A date nucleus.  `resolve(year)` gives its span; the year argument is used only when the
    atom names no year of its own (`yearless`), so a range or the document date can lend one."""

    s: int
    e: int
    kind: str  # day | month | season | year | fy | quarter | calrange | range
    resolve: Callable[[int], Span]
    yearless: bool = False
    bare: bool = False  # a lone year / month / season: needs a preposition or brackets to count
    mid: bool = False  # "mid-November": the 15th


def _fixed(span: Span) -> Callable[[int], Span]:
    return lambda _year: span


def _day_atoms(text: str) -> list[_Atom]:
    """Days and day ranges with a month name; a day without a year takes the lent year."""
    out: list[_Atom] = []
    for m in _DAY_RE.finditer(text):
        month = _MONTHS[m.group("mon").rstrip(".").lower()]
        d1 = int(m.group("d1"))
        d2 = int(m.group("d2")) if m.group("d2") else d1
        year = _explicit_year(m.group("y4"), m.group("y2"))
        weekday = _WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        atom = _make_day_atom(weekday.start() if weekday else m.start(), m.end(), month, d1, d2, year)
        if atom:
            out.append(atom)
    for m in _MDAY_RE.finditer(text):
        month = _MONTHS[m.group("mon").rstrip(".").lower()]
        d1 = int(m.group("d1"))
        atom = _make_day_atom(m.start(), m.end(), month, d1, d1, _explicit_year(m.group("y4"), None))
        if atom:
            out.append(atom)
    return out


def _numeric_atoms(text: str) -> list[_Atom]:
    """All-number dates: "06/12/2016" and "31/03/25" are day-first (UK), "2016-12-06" is ISO."""
    out: list[_Atom] = []
    for m in _NUMERIC_RE.finditer(text):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("sy"):
            y, mo, d = _two_digit_year(int(m.group("sy"))), int(m.group("sm")), int(m.group("sd"))
        else:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        atom = _make_day_atom(m.start(), m.end(), mo, d, d, y)
        if atom:
            out.append(atom)
    return out


def _explicit_year(y4: str | None, y2: str | None) -> int | None:
    if y4:
        return int(y4)
    if y2:
        return _two_digit_year(int(y2))
    return None


def _make_day_atom(s: int, e: int, month: int, d1: int, d2: int, year: int | None) -> _Atom | None:
    """Check the day numbers against the month (leap years included) before accepting."""
    if not 1 <= month <= 12 or d1 < 1 or d2 < d1 or (year is not None and not _valid_year(year)):
        return None
    if d2 > calendar.monthrange(year or 2000, month)[1]:
        return None

    def resolve(lent: int) -> Span:
        y = year if year is not None else lent
        last = calendar.monthrange(y, month)[1]
        return dt.date(y, month, min(d1, last)), dt.date(y, month, min(d2, last))

    return _Atom(s, e, "day", resolve, yearless=year is None)


def _modifier(m: re.Match[str]) -> str:
    """The part of a period a date phrase names (`_MOD`): "early", "mid", "late", or ""."""
    return (m.group("mod") or "").split("-")[0].split()[0].lower() if m.group("mod") else ""


# A table's "Apr-20" date cell that a text export ran into the cell before it ("Housing TeamsMay-23",
# "Local SchoolsOct-24"): a month abbreviation and a two-digit year straight after a word's letters.
_GLUED_MONTH_CELL = re.compile(r"(?<=[A-Za-z])(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(?P<y2>\d{2})"
                               r"(?![\d/:%]|[.,]\d)")


def _month_atoms(text: str) -> list[_Atom]:
    """Months, with or without a year; a lone month name counts only with a preposition."""
    out: list[_Atom] = []
    for m in _GLUED_MONTH_CELL.finditer(text):
        year = _two_digit_year(int(m.group("y2")))
        if _valid_year(year):
            out.append(_Atom(m.start(), m.end(), "month", _fixed(_month_span(year, _MONTHS[m.group("mon").lower()]))))
    for m in _MONTH_RE.finditer(text):
        month = _MONTHS[m.group("mon").rstrip(".").lower()]
        y2 = m.group("y2")
        end = m.end()
        if y2 and text[m.end("mon"):m.start("y2")].isspace() and _counted_noun_follows(text, end):
            # "April 30 patients": a count, not the year 2030 (written "Dec-24" or "Dec '24" it is a year)
            y2, end = None, m.end("mon")
        year = _explicit_year(m.group("y4"), y2)
        if year is not None and not _valid_year(year):
            continue
        mod = _modifier(m)
        mid = mod == "mid"
        following = _NEXT_YEAR_AFTER.match(text, end) if year is None else None
        if following is not None:
            end = following.end()  # "March next year": the year after the document's
        shift = 1 if following is not None else 0

        def resolve(lent: int, month: int = month, year: int | None = year, shift: int = shift) -> Span:
            return _month_span(year if year is not None else lent + shift, month)

        out.append(_Atom(m.start(), end, "month", resolve, yearless=year is None,
                         bare=year is None and not mod and not following, mid=mid))
    return out


def _counted_noun_follows(text: str, pos: int) -> bool:
    """A two-digit number followed by a lower-case content word counts something ("30 patients")."""
    word = _NEXT_WORD.match(text, pos)
    return word is not None and word.group(1).islower() and word.group(1) not in _FUNCTION_WORDS


def _season_atoms(text: str) -> list[_Atom]:
    """Seasons; "winter 2017/18" is the winter that starts in December 2017."""
    out: list[_Atom] = []
    for m in _SEASON_RE.finditer(text):
        season = m.group("season").lower()
        year = int(m.group("y4")) if m.group("y4") else None
        if year is not None and not _valid_year(year):
            continue
        yy = m.group("yy")
        if yy and year is not None and int(yy) != (year + 1) % 10 ** len(yy):
            continue  # "Summer 2019-20" must name the next year: "winter 2017/3" is no season
        if yy and season != "winter":
            year = (year or 0) + 1  # "spring 2017/18" is the spring of 2018
        mod = _modifier(m)

        def resolve(lent: int, season: str = season, year: int | None = year) -> Span:
            return _season_span(year if year is not None else lent, season)

        out.append(_Atom(m.start(), m.end(), "season", resolve, yearless=year is None,
                         bare=year is None and not mod))
    return out


def _fy_atoms(text: str) -> list[_Atom]:
    """Financial years and spans of them, and four-digit calendar ranges ("2017 - 2020")."""
    out: list[_Atom] = []
    for m in _FY_RE.finditer(text):
        a, b, sep = int(m.group("a")), m.group("b"), m.group("sep")
        if len(b) == 2:
            last = a // 100 * 100 + int(b)
            if last <= a:
                last += 100
            if 1 <= last - a <= 10:
                out.append(_Atom(m.start(), m.end(), "fy", _fixed(_fy_span(a, last))))
            continue
        last = int(b)
        if not (_valid_year(a) and _valid_year(last)):
            continue
        if sep == "/" and 1 <= last - a <= 10:
            out.append(_Atom(m.start(), m.end(), "fy", _fixed(_fy_span(a, last))))
        elif sep != "/" and 1 <= last - a <= 50:
            span = (dt.date(a, 1, 1), dt.date(last, 12, 31))
            out.append(_Atom(m.start(), m.end(), "calrange", _fixed(span)))
    for m in _SHORT_FY_RE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if b != (a + 1) % 100 or _MONTH_AHEAD.match(text, m.end()):
            continue  # "19/20 July" is a day range; "24/12" is not a year pair
        if _PAGE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        first = _two_digit_year(a)
        out.append(_Atom(m.start(), m.end(), "fy", _fixed(_fy_span(first, first + 1))))
    return out


def _fy_first_year(s: str) -> int | None:
    """The first year of a financial-year expression inside a quarter ("2017/18", "16/17", "2019")."""
    digits = re.findall(r"\d+", s)
    if not digits:
        return None
    first = digits[0]
    year = int(first) if len(first) == 4 else _two_digit_year(int(first))
    if len(digits) > 1 and len(first) == 2 and int(digits[1]) != (int(first) + 1) % 100:
        return None
    return year if _valid_year(year) else None


_QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
                  "final": 4}


def _quarter_number(q: str) -> int:
    parts = q.lower().split()
    word = (parts[0] if parts[-1] == "quarter" else parts[-1]) if len(parts) > 1 else q[-1]
    return int(word) if word.isdigit() else _QUARTER_WORDS[word]


def _half_atoms(text: str) -> list[_Atom]:
    """Halves of a year: of a calendar year ("the first half of 2025": January to June), or of a
    financial year ("the second half of 2025/26": October to March)."""
    out: list[_Atom] = []
    for m in _HALF_RE.finditer(text):
        year = _fy_first_year(m.group("fy"))
        if year is None:
            continue
        begin = dt.date(year, 4, 1) if re.search(r"\d\s*[/\-–]\s*\d", m.group("fy")) else dt.date(year, 1, 1)
        first = _add_months(begin, 0 if m.group("h").lower() == "first" else 6)
        out.append(_Atom(m.start(), m.end(), "quarter", _fixed((first, month_end(*_ym(_add_months(first, 5)))))))
    return out


def _quarter_atoms(text: str) -> list[_Atom]:
    """Financial quarters: Q1 = Apr-Jun of the year's start, Q4 = Jan-Mar of the next."""
    out: list[_Atom] = []
    for m in _QUARTER_RE.finditer(text):
        fy = m.group("fy") or m.group("fyb")
        q1 = m.group("q1") or m.group("q1b")
        q2 = m.group("q2") or m.group("q2b") or q1
        year = _fy_first_year(fy)
        if year is None:
            continue
        n1, n2 = sorted((_quarter_number(q1), _quarter_number(q2)))
        start = _add_months(dt.date(year, 4, 1), 3 * (n1 - 1))
        end_month = _add_months(dt.date(year, 4, 1), 3 * n2 - 1)
        out.append(_Atom(m.start(), m.end(), "quarter", _fixed((start, month_end(*_ym(end_month))))))
    return out


_YEAR_PART = {"early": (1, 3), "mid": (4, 6), "late": (10, 12)}


def _year_atoms(text: str) -> list[_Atom]:
    """Lone four-digit years; they count only in a date context (preposition, brackets, ...)."""
    out: list[_Atom] = []
    for m in _YEAR_RE.finditer(text):
        y = int(m.group("y"))
        if not _valid_year(y):
            continue
        # "early 2025" is its first quarter, "late 2025" its last, "mid-2025" the quarter that ends
        # at its middle (so "by mid-2025" is by the end of June)
        first, last = _YEAR_PART.get(_modifier(m), (1, 12))
        out.append(_Atom(m.start(), m.end(), "year", _fixed((dt.date(y, first, 1), month_end(y, last))),
                         bare=not m.group("mod")))
    return out


def _atoms(text: str) -> list[_Atom]:
    """All atoms, overlaps resolved (longest first, then leftmost), in text order.

    Cheap substring tests skip the regexes that cannot match: most sentences name no date, and
    find_dates runs over every sentence of the corpus.
    """
    lower = text.lower()
    has_digit = _HAS_DIGIT.search(text) is not None
    has_month = any(name in lower for name in _MONTH_STEMS)
    found: list[_Atom] = []
    if has_digit:
        if "q" in lower:
            found += _quarter_atoms(text)
        if "half" in lower:
            found += _half_atoms(text)
        found += _fy_atoms(text) + _numeric_atoms(text)
        if has_month:
            found += _day_atoms(text)
    if any(season in lower for season in _SEASONS):
        found += _season_atoms(text)
    if has_month:
        found += _month_atoms(text)
    if has_digit:
        found += _year_atoms(text)
    return _non_overlapping(found, lambda a: (a.s, a.e))


_HAS_DIGIT = re.compile(r"\d")
_MONTH_STEMS = tuple(sorted({name[:3] for name in _MONTHS}))
_REL_TRIGGERS = ("next", "within", "coming", "following", "first", "over", "this", "current", "new", "further", "another",
                 "additional", "financial", "fiscal")


def _non_overlapping(items: list[_T], span: Callable[[_T], tuple[int, int]]) -> list[_T]:
    """Greedy longest-first selection; earlier items win ties (lists are built in priority order).

    Kept spans are disjoint, so a sorted list of their starts finds the only neighbours that could
    overlap a candidate (O(n log n) even on a line of thousands of numbers).
    """
    if len(items) < 2:
        return list(items)
    spans = [span(it) for it in items]
    order = sorted(range(len(items)), key=lambda i: (spans[i][0] - spans[i][1], spans[i][0], i))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[int] = []
    for i in order:
        s, e = spans[i]
        k = bisect.bisect_left(starts, s)
        if (k < len(starts) and starts[k] < e) or (k > 0 and ends[k - 1] > s):
            continue
        starts.insert(k, s)
        ends.insert(k, e)
        kept.append(i)
    kept.sort(key=lambda i: spans[i][0])
    return [items[i] for i in kept]


# --------------------------------------------------------------------------------------------
# ranges


_COORDINATOR = re.compile(r"\s*(?:,\s*(?:and|or|&)?|and|or|&)\s*", re.I)


def _lend_coordinated_years(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """"in March and September 2026", "April, July and October 2025": the year written once after
    the last of coordinated months, seasons or days is the year of each of them."""
    out = list(atoms)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.yearless and not b.yearless and a.kind in ("day", "month", "season") \
                and b.kind in ("day", "month", "season") and _COORDINATOR.fullmatch(text, a.e, b.s):
            year = b.resolve(0)[0].year
            out[i] = dataclasses.replace(a, resolve=lambda _year, r=a.resolve, y=year: r(y), yearless=False)
    return out


def _coordinated(text: str, first: _Atom, found: _Found, atom: _Atom) -> _Found | None:
    """"in 2013 and 2018", "by March or June 2026": a lone date coordinated with the date before it
    is read as that one is (the same preposition, so the same open ends)."""
    if atom.kind != first.kind or not atom.bare or atom.yearless or not _COORDINATOR.fullmatch(text, found.e, atom.s):
        return None
    start, end = atom.resolve(0)
    return _Found(atom.s, atom.e, start if found.start is not None else None,
                  end if found.end is not None else None, False)


def _merge_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "A – B", "A to B", "A into B", "between A and B", "FY & FY" into one period."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            merged = _try_merge(text, a, atoms[i + 1])
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# Only white space between two months written as date cells are ("Apr-20  Mar-24"): the Start and End
# cells of a plan's row side by side, one period, not two dates ("Start End" columns).  Months written
# out ("Oct 2024 March 2025") may be the dates of two items a cell lists, so they stay two.
_CELL_GAP = re.compile(r"[ \t]+")
_MONTH_CELL = re.compile(r"[A-Z][a-z]{2,8}-\d{2}")


def _start_end_cells(text: str, a: _Atom, b: _Atom) -> bool:
    if not (a.kind == b.kind == "month" and _CELL_GAP.fullmatch(text, a.e, b.s)
            and _MONTH_CELL.fullmatch(text, a.s, a.e) and _MONTH_CELL.fullmatch(text, b.s, b.e)):
        return False
    return a.resolve(0)[1] < b.resolve(0)[0]  # the end after the start: not one date repeated


def has_start_end_cells(text: str) -> bool:
    """Whether a line holds a row's Start and End cells side by side ("... Waste Team Jun-23 Dec-25 B2"):
    a table row's, never a title's (a title writes a period with a dash or "to")."""
    if "-" not in text:
        return False  # (cheap: most lines hold no "Mon-YY" cell)
    atoms = _atoms(text)
    return any(_start_end_cells(text, a, b) for a, b in itertools.pairwise(atoms))


def _try_merge(text: str, a: _Atom, b: _Atom) -> _Atom | None:
    gap = _RANGE_SEP_RE.fullmatch(text, a.e, b.s)
    if gap is None and _start_end_cells(text, a, b):
        return _Atom(a.s, b.e, "range", lambda lent: (a.resolve(lent)[0], b.resolve(lent)[1]))
    if gap is None or a.kind == "range" or b.kind == "range":
        return None
    sep = gap.group("sep").lower()
    if sep == "/" and not (a.kind in ("month", "season") and b.kind in ("month", "season")):
        return None  # "Autumn 2023/Spring 2024", "April/May 2025": one time or the other, a span
    if sep in ("and", "&"):
        between = _BETWEEN_BEFORE.search(text, max(0, a.s - 16), a.s) is not None
        consecutive_fy = (a.kind == "fy" and b.kind == "fy"
                          and b.resolve(0)[0] == a.resolve(0)[1] + dt.timedelta(days=1))
        if not (between or consecutive_fy):
            return None

    def resolve(lent: int) -> Span:
        if b.yearless:
            a_span = a.resolve(lent)
            b_span = b.resolve(a_span[1].year)
            if b_span[1] < a_span[0]:
                b_span = b.resolve(a_span[1].year + 1)
            return a_span[0], b_span[1]
        b_span = b.resolve(lent)
        a_span = a.resolve(b_span[0].year)
        if a.yearless and a_span[0] > b_span[0]:
            a_span = a.resolve(b_span[0].year - 1)  # "December – February 2017": December 2016
        return a_span[0], b_span[1]

    if not (a.yearless or b.yearless):
        span = resolve(0)
        if span[1] < span[0]:
            return None
    # "from March to May": a range of lone months still needs a preposition to count
    bare = a.bare and b.bare and a.kind != "year"
    return _Atom(a.s, b.e, "range", resolve, yearless=a.yearless and b.yearless, bare=bare)


# --------------------------------------------------------------------------------------------
# context and output


@dataclass
class _Found:
    s: int
    e: int
    start: dt.date | None
    end: dt.date | None
    relative: bool


def _doc_month_start(doc_date: dt.date) -> dt.date:
    return doc_date.replace(day=1)


def _contextualise(text: str, atom: _Atom, doc_date: dt.date | None) -> _Found | None:
    """Read the words around an atom to decide its span, its open ends and whether it counts."""
    s, e = atom.s, atom.e
    label = _LABEL_RE.search(text, max(0, s - 24), s)
    if label is not None:
        s = label.start()
        if label.group("open") and text.startswith(")", e):
            e += 1
    prefix = _PREFIX_RE.search(text, max(0, s - _PREFIX_WINDOW), s)
    suffix = _SUFFIX_RE.match(text, e)
    if prefix is not None and _attributive(text, atom, prefix, suffix):
        prefix = None
    kind = next((k for k, v in prefix.groupdict().items() if v), None) if prefix else None
    open_end = bool(suffix.group("open"))
    paren = atom.s > 0 and text[atom.s - 1] == "(" and text.startswith(")", atom.e)

    if kind == "beyond":
        return None  # "the buildings we will retain beyond 2030": how long something lasts, never when it is due
    if not _accept(text, atom, kind, open_end, paren, label is not None):
        return None
    if kind == "in" and atom.kind == "year" and _NUMBER_BEFORE_IN.search(text, max(0, atom.s - 8), atom.s):
        return None

    relative = atom.yearless
    if atom.yearless and doc_date is None:
        return None
    first, last = atom.resolve(doc_date.year if doc_date else 0)
    if atom.yearless and doc_date is not None and last < _add_months(_doc_month_start(doc_date), -_RECENT_MONTHS):
        # a month or season with no year, long past when the paper is dated, is the next one ("report
        # back in March" in a November paper: next March); one a month or two before is this year's,
        # as a paper is often written before the date it is published or put to a meeting under
        first, last = atom.resolve(doc_date.year + 1)
    if atom.mid:
        first = last = first.replace(day=15)

    start: dt.date | None = first
    end: dt.date | None = last
    if kind in ("by", "end"):
        start = None
    elif kind == "now":
        if doc_date is None:
            start = None
        else:
            start, relative = _doc_month_start(doc_date), True
    elif kind == "from" and atom.kind not in ("range", "calrange"):  # "from 2011-2021" spans both years
        end = None
    elif kind == "after":
        start, end = last + dt.timedelta(days=1), None
    elif kind == "week" and atom.kind == "day":
        end = first + dt.timedelta(days=6)
    if open_end and kind not in ("by", "end"):
        end = None
    if suffix.group("deadline"):
        start = None  # "for the 21 March deadline": due by that day

    if prefix is not None:
        s = prefix.start()
    e = suffix.end() if suffix.group(0) else e
    return _Found(s, e, start, end, relative)


def _attributive(text: str, atom: _Atom, prefix: re.Match[str], suffix: re.Match[str]) -> bool:
    """"by the 2022-2026 Estates Strategy", "from the 2019 budget round": a year used as an
    adjective after "the" names a document or event, so the preposition is not about the date."""
    if atom.kind not in ("year", "fy", "calrange", "quarter") or suffix.group(0):
        return False
    if not _ENDS_WITH_THE.search(prefix.group(0)):
        return False
    word = _NEXT_WORD.match(text, atom.e)
    return word is not None and word.group(1).lower() not in _FUNCTION_WORDS


def _accept(text: str, atom: _Atom, kind: str | None, open_end: bool, paren: bool, labelled: bool) -> bool:
    """A lone year, month or season is a date only in a date context ("in 2019", "(2019)")."""
    if not atom.bare:
        return True
    if kind is not None or open_end or labelled:
        return True
    if atom.kind == "year":
        # a milestone list's year set after a dash at the item's end ("New contracts in place - 2012")
        return paren or _ROLL_OUT_RE.match(text, atom.e) is not None or (
            _DASHED_BEFORE.search(text, 0, atom.s) is not None and not text[atom.e:].strip(" .;)"))
    # a meeting named by its month, as minutes and action logs date their business: "bring the plan to
    # the July meeting", "report to the September Board"
    return atom.kind == "month" and bool(_ENDS_WITH_THE.search(text, max(0, atom.s - 6), atom.s)) \
        and _MEETING_AFTER.match(text, atom.e) is not None


def _relative_phrases(text: str, doc_date: dt.date | None, period: Period | None = None) -> list[_Found]:
    """Phrases counted from the document's month: "the next 18 months", "next year", "this year";
    "the first three years of the agreement" counts from the start of the period (the plan's or the
    contract's), and stays undated when that start is unknown."""
    lower = text.lower()
    if not any(word in lower for word in _REL_TRIGGERS):
        return []
    doc_base = _doc_month_start(doc_date) if doc_date is not None else None
    period_base = period[0].replace(day=1) if period is not None and period[0] is not None else None
    out: list[_Found] = []
    for m in list(_REL_SPAN_RE.finditer(text)) + list(_REL_OVER_RE.finditer(text)) + list(_REL_WITHIN_RE.finditer(text)):
        s = m.start()
        of_period = _OF_PERIOD.match(text, m.end()) if m.group(0)[:5].lower() == "first" else None
        base = period_base if of_period else doc_base
        if base is None:
            continue
        if m.re is _REL_OVER_RE:
            if _REL_OVER_BAD_BEFORE.search(text, max(0, s - 16), s):
                continue
        elif m.re is _REL_SPAN_RE:  # ("within five years" starts at its own first word)
            lead = _REL_LEAD_RE.search(text, max(0, s - 20), s)
            if lead is not None and lead.group("prep") not in ("by", "from", "until", "before"):
                s = lead.start() if lead.group(0) else s
        n = max(_number(m.group("n1")) or 0, _number(m.group("n2") or "") or 0)
        if n <= 0:
            continue
        unit = m.group("unit").lower().rstrip("s")
        if unit == "week":
            end = base + dt.timedelta(days=7 * n - 1)
        else:
            end = _add_months(base, n * (12 if unit == "year" else 1)) - dt.timedelta(days=1)
        out.append(_Found(s, of_period.end() if of_period else m.end(), base, end, True))
    if doc_base is None:
        return out
    base = doc_base
    for m in _REL_FURTHER_RE.finditer(text):
        n = _number(m.group("n1")) or 0
        if n > 0:
            months = n * (12 if m.group("unit").lower().startswith("year") else 1)
            out.append(_Found(m.start(), m.end(), base, _add_months(base, months) - dt.timedelta(days=1), True))
    for m in _REL_YEAR_RE.finditer(text):
        found = _relative_year(text, m, doc_date)
        if found is not None:
            out.append(found)
    return out


_LATER_BEFORE = re.compile(r"\blater\s+(?:in\s+)?(?:(?:this|the)\s+)?$", re.I)
_YEAR_NAMED_AFTER = re.compile(r"\s*[(,]?\s*(?:(?:FY|ending|of)\s*)?(?:\d{2}/\d{2}\b|\d{4})", re.I)  # "the financial year 2025/26"
_END_OF_BEFORE = re.compile(r"\b(?:(?:by|before|until|to|at)\s+)?(?:the\s+)?(?:end|close)\s+of\s+$", re.I)


def _later_before(text: str, s: int) -> bool:
    """Whether "later" (or "later in") comes right before the phrase at `s` ("later in 2020", whose
    phrase may start at "in" or at the year)."""
    head = text[s:s + 3].lower()
    return _LATER_BEFORE.search(text[max(0, s - 12):s] + ("in " if head == "in " else "")) is not None


def _relative_year(text: str, m: re.Match[str], doc_date: dt.date) -> _Found | None:
    """"next year" is the next calendar year, "this financial year" the document's own FY, ..."""
    which, unit = m.group("which").lower(), m.group("unit").lower()
    end_of = _END_OF_BEFORE.search(text, max(0, m.start() - 30), m.start())
    if which == "the" and not (m.group("fin") and end_of) or which == "the" and _YEAR_NAMED_AFTER.match(text, m.end()):
        return None  # "the year" alone names no year; "the end of the financial year" is this one's end
    lead = _REL_LEAD_RE.search(text, max(0, m.start() - 20), m.start())
    if which == "new" and not (lead and lead.group("the")):
        return None  # "the new year" is a date, "New Year period" is not
    base = _doc_month_start(doc_date)
    step = 0 if which in ("this", "current", "the") else 1
    if which == "coming":
        first, last = base, _add_months(base, 12 if unit == "year" else 1) - dt.timedelta(days=1)
    elif unit == "month":
        first = _add_months(base, step)
        last = month_end(first.year, first.month)
    elif m.group("fin"):
        fy = doc_date.year if doc_date.month >= 4 else doc_date.year - 1
        first, last = _fy_span(fy + step, fy + step + 1)
    else:
        y = doc_date.year + step
        first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
    if step == 0 and _LATER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        first = max(first, base)  # "later this year": the rest of the year from the document's month
    start: dt.date | None = first
    end: dt.date | None = last
    prep = ((lead.group("prep") if lead else None) or "").lower()
    if end_of is not None:  # "(by) the end of this financial year": its last day is the deadline
        start = None
        return _Found(end_of.start(), m.end(), start, end, True)
    if prep in ("by", "until", "before"):
        start = None
    elif prep == "from":
        end = None
    s = lead.start() if lead is not None and lead.group(0) else m.start()
    return _Found(s, m.end(), start, end, True)


def _contract_years(text: str, period: Period | None) -> list[_Found]:
    """"Year one", "years four and five": years of the plan or contract, counted from its start.

    Without the period's start there is nothing to count from, so they stay undated.
    """
    if period is None or period[0] is None or "y" not in text.lower():
        return []
    start, end = period
    longest = 10 if end is None else max(1, round((end - start).days / 365.25))
    out: list[_Found] = []
    for m in _CONTRACT_YEAR_RE.finditer(text):
        n1 = _year_number(m.group("n1"))
        n2 = _year_number(m.group("n2")) if m.group("n2") else n1
        if not 1 <= n1 <= n2 <= longest:
            continue
        if _SCHOOL_NEAR.search(text, max(0, m.start() - 30), min(len(text), m.end() + 30)):
            continue
        first = _add_months(start.replace(day=1), 12 * (n1 - 1))
        last = _add_months(start.replace(day=1), 12 * n2) - dt.timedelta(days=1)
        prep = (m.group("prep") or "").lower()
        lo: dt.date | None = first
        hi: dt.date | None = last
        if prep in ("by", "until", "before"):
            lo = None
        elif prep == "from":
            hi = None
        out.append(_Found(m.start(), m.end(), lo, hi, True))
    return out


def _year_number(word: str) -> int:
    return int(word) if word.isdigit() else _YEAR_WORDS[word.lower()]


Timescales = dict[str, DueDate]  # a plan's own key to its timescale words: "medium" -> 2023-2025

_TERM_WORDS = r"(short|medium|long)(?:\s*-\s*|\s+)term\b"
_TERM = re.compile(r"\b" + _TERM_WORDS, re.I)
# "Short term: actions that can start now ... (2020 - 2022)", "- Medium term (1-3 years)", "Long term\t2026-28":
# a term opening a line (or a sentence, in a paragraph a PDF's lines were joined into) and defined by what follows it
# (a key table's row label before it, the letter the key gives the term: "S<tab>Short term: ...", "M = Medium term")
_TERM_DEFINED = re.compile(r"(?:^|(?<=[:.;)])\s)[\s\-–•●▪*]*(?:\(?(?P<code>[\w.]{1,6}?)\)?\**[ \t]*(?:\t|=|:|–|—|-)[ \t]*\**)?"
                           + _TERM_WORDS + r"\**\s*(?:[:–—(\t]|-\s)", re.I | re.M)
_DEFINITION_CHARS = 300


def timescale_key(text: str, doc_date: dt.date | None, period: Period | None = None) -> Timescales:
    """What a plan's "short", "medium" and "long term" mean, where the plan says so in a key of its
    own ("Short term: actions that aim to complete within the first three years of the plan (2020 -
    2022)"): the last date its definition gives, for the items that then say
    only "Medium Term".  A term defined twice differently, or with no date, is left out."""
    key: Timescales = {}
    seen: set[str] = set()
    defs = list(_TERM_DEFINED.finditer(text or ""))
    for n, m in enumerate(defs):
        term = m.group(2).lower()  # (group 1: the letter a key may give it)
        end = min(defs[n + 1].start() if n + 1 < len(defs) else len(text), m.end() + _DEFINITION_CHARS)
        # the definition: up to a blank line, or a line that closes it with ")" or "."
        body = re.split(r"\n\s*\n|(?<=[).])[ \t]*\n", text[m.end():end], maxsplit=1)[0]
        found = find_dates(re.sub(r"\s+", " ", body), doc_date, period)
        due = found[-1].due if found else None  # "in years three to six of the plan (2023 - 2025)"
        if term in seen and (due is None or key.get(term) != due):
            key.pop(term, None)  # defined twice, differently: no key
            continue
        seen.add(term)
        if due is not None and (due.start or due.end):
            key[term] = due
            # a key that gives each term a letter ("S\tShort term: ...", "M = Medium term ..."), for the
            # items that then say only "(S)" or "(M)"
            code = m.group("code")
            if code and len(code) == 1 and code.lower() == term[0]:
                key[f"({code.upper()})"] = due
    return key


# an item's timescale given as the key's letter: "... in all libraries (S);"
_TERM_LETTER = re.compile(r"\(([SML])\)")


_BY_YEAR = re.compile(r"by\s+\d{4}", re.I)  # (not "by the end of 2024": the year's end, said so)


def find_dates(text: str, doc_date: dt.date | None, period: Period | None = None,
               timescales: Timescales | None = None) -> list[DateMatch]:
    """Every date or period phrase in `text`, normalised, in text order, non-overlapping (longest wins).

    `period` is the (start, end) of what the whole document covers, for contract years ("year two");
    `timescales` the plan's own key to "short/medium/long term" (`timescale_key`).
    """
    if not text:
        return []
    found: list[_Found] = []
    last: tuple[_Atom, _Found] | None = None  # the last date read, for one coordinated with it
    for atom in _merge_ranges(text, _lend_coordinated_years(text, _atoms(text))):
        f = _contextualise(text, atom, doc_date)
        if f is None and last is not None:
            f = _coordinated(text, last[0], last[1], atom)
        if f is not None:
            found.append(f)
            last = (atom, f)
    found += _relative_phrases(text, doc_date, period)
    found += _contract_years(text, period)
    if timescales:
        for m in _TERM.finditer(text):
            due = timescales.get(m.group(1).lower())
            # "Medium term (by March 2024)": the date written beside the term says it
            if due is None or any(m.end() <= f.s <= m.end() + 3 for f in found):
                continue
            start = dt.date.fromisoformat(due.start) if due.start else None
            found.append(_Found(m.start(), m.end(), start, dt.date.fromisoformat(due.end) if due.end else None,
                                False))
        for m in _TERM_LETTER.finditer(text):
            due = timescales.get(m.group(0))
            if due is not None:
                start = dt.date.fromisoformat(due.start) if due.start else None
                found.append(_Found(m.start(), m.end(), start, dt.date.fromisoformat(due.end) if due.end else None,
                                    False))
    if period is not None and period[1] is not None:
        end = period[1]
        for f in found:  # "by 2024" in a plan for 2021-2024 that ends in March 2024: by the plan's end
            if f.start is None and f.end == dt.date(end.year, 12, 31) and end < f.end \
                    and _BY_YEAR.fullmatch(text[f.s:f.e]):
                f.end = end
    if doc_date is not None:
        for f in found:  # "later in 2020" in a plan of February 2020: the rest of that year
            if f.start == dt.date(doc_date.year, 1, 1) and f.end == dt.date(doc_date.year, 12, 31) \
                    and _later_before(text, f.s):
                f.start = _doc_month_start(doc_date)
    out: list[DateMatch] = []
    for f in _non_overlapping(found, lambda f: (f.s, f.e)):
        due = DueDate(text[f.s:f.e], f.start.isoformat() if f.start else None,
                      f.end.isoformat() if f.end else None)
        out.append(DateMatch(due, f.s, f.e, open_start=f.start is None, relative=f.relative))
    return out


# A heading that looks ahead to a year ("Looking to 2025", "Into 2026"): the year it names is the
# period of what is under it ("to 2025" in running text is too often the end of a range to count).
_LOOKING_TO_YEAR = re.compile(r"\b(?:looking\s+(?:ahead\s+|forward\s+)?to|into)\s+(?P<y>(?:19|20)\d{2})\W*$", re.I)


def heading_date(text: str, doc_date: dt.date | None, period: Period | None = None) -> DueDate | None:
    """The date/period a heading, column header or row label names ("2018/19", "Year 1 (2019/20)",
    "COMMISSIONING PRIORITIES FOR 2014/16", "Immediate", "Next 6 months"), or None.

    A heading scopes the items under it, so a neutral preposition ("FOR 2014/16") is dropped from
    the text, and several dates in one heading ("2019/20 and 2020/21 priorities") are joined into
    the period they cover together.
    """
    imm = _IMMEDIATE_RE.match(text)
    if imm is not None:
        if doc_date is None:
            return None
        return DueDate(imm.group("w"), _doc_month_start(doc_date).isoformat(), None)
    matches = find_dates(text, doc_date, period)
    if not matches:
        ahead = _LOOKING_TO_YEAR.search(text)
        if ahead is None or len(text.split()) > 6:
            return None
        y = int(ahead.group("y"))
        return DueDate(ahead.group("y"), dt.date(y, 1, 1).isoformat(), dt.date(y, 12, 31).isoformat())
    first, last = matches[0], matches[-1]
    if len(matches) == 1 or any(m.due.start is None or m.due.end is None for m in matches):
        phrase, start, end = first.due.text, first.due.start, first.due.end
    else:
        phrase = text[first.start_char:last.end_char]
        start = min(m.due.start for m in matches if m.due.start)
        end = max(m.due.end for m in matches if m.due.end)
    stripped = _HEADING_NEUTRAL.sub("", phrase)
    return DueDate(stripped or phrase, start, end)


_NO_DATE = re.compile(r"^\W*(?:on-?going|continuous|continual|tbc|tba|tbd|to be (?:confirmed|agreed|determined)|n/?a|"
                      r"none|complete[d]?|closed|as required|as needed|various|throughout)\W*$", re.I)


def field_dates(text: str, doc_date: dt.date | None, period: Period | None = None,
                timescales: Timescales | None = None) -> list[DueDate] | None:
    """The dates of a timescale field or column ("When: Medium term (by March 2024)", "2020", "Year 2").

    A field is a date context of its own, so a lone year, month or season counts ("2020" is the
    year 2020).  Returns [] when the field says there is no date ("Ongoing", "TBC"), and None when
    it names nothing this module can read (the caller may then look elsewhere).
    """
    if not text or not text.strip():
        return None
    if _NO_DATE.match(text):
        return []
    found = find_dates(text, doc_date, period, timescales)
    if not found:
        lead = "in "
        found = [DateMatch(DueDate(m.due.text[len(lead):] if m.due.text.startswith(lead) else m.due.text,
                                   m.due.start, m.due.end),
                           max(0, m.start_char - len(lead)), m.end_char - len(lead), m.open_start, m.relative)
                 for m in find_dates(lead + text, doc_date, period)]
    if not found:
        found = _short_numeric_days(text)
    if not found:
        return [] if re.match(r"^\W*(?:on-?going|continuous|continual)\b", text, re.I) else None
    # "Commenced Oct 2024", "Started in May": when the work began, not when it is due; "85% (2019/20:
    # 61%)": the year a baseline figure is of
    dated = [m for m in found if not _FIGURE_OF_YEAR.match(text, m.end_char)]
    if not dated:
        return None  # only a baseline's year: the field says nothing of when (the column may)
    return [m.due for m in dated if not _STARTED_BEFORE.search(text[:max(0, m.start_char)])]


# "19.03.24", "25/08/23": a day with a two-digit year, as date columns of project plans write it
# (only in a date field: in running text "1.2.24" is as likely a paragraph number)
_SHORT_NUMERIC_RE = re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>\d{2})(?![\d/.]\d)")


def _short_numeric_days(text: str) -> list[DateMatch]:
    out: list[DateMatch] = []
    for m in _SHORT_NUMERIC_RE.finditer(text):
        atom = _make_day_atom(m.start(), m.end(), int(m.group("m")), int(m.group("d")), int(m.group("d")),
                              _two_digit_year(int(m.group("y"))))
        if atom is not None:
            first, last = atom.resolve(0)
            out.append(DateMatch(DueDate(m.group(0), first.isoformat(), last.isoformat()), m.start(), m.end(),
                                 False, False))
    return out


_FIGURE_OF_YEAR = re.compile(r"\s*[:=]\s*(?:[£$]?\d|none\b|nil\b|not\b)", re.I)
_STARTED_BEFORE = re.compile(r"(?<!to be )(?<!will be )\b(?:commenced|started|began|begun|launched|completed|since)"
                             r"\W*(?:in|on)?\W*$", re.I)


def doc_period(start: str | None, end: str | None) -> Period | None:
    """The span a document covers (DocumentMeta.period_start/end, ISO) for contract years; None if unknown."""
    if not start:
        return None
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None


# A table row's date cell that a text export ran into the end of its text: a few words after a
# sentence's stop ("... in all depots. Oct-22", "... Local Plan review.Jun-21", "Strategy. March 2024").
DATE_CELL_WORDS = 3
_DATE_CELL_TAIL = re.compile(rf"(?<=\w[.!?])\s*(\S+(?:\s+\S+){{0,{DATE_CELL_WORDS - 1}}})\s*$")


def is_date_cell(text: str) -> bool:
    """Whether a short text is only a date or a timescale ("Oct-22", "March 2024", "Ongoing"): a
    table row's date cell, whatever row it was run into."""
    bare = text.strip(" .;")
    return bool(bare) and len(bare.split()) <= DATE_CELL_WORDS and field_dates(bare, None) is not None


def date_cell_tail(text: str) -> int | None:
    """Where a date cell run into the end of a sentence begins (`is_date_cell` after the sentence's
    stop), or None when the text does not end so."""
    m = _DATE_CELL_TAIL.search(text)
    return m.start(1) if m is not None and m.start() > 0 and is_date_cell(m.group(1)) else None


def start_end_cells_at(text: str) -> int | None:
    """Where a row's Start and End cells side by side begin (see `has_start_end_cells`), None when
    the text holds none: what is before them is the row's action and its other cells."""
    if "-" not in text:
        return None
    atoms = _atoms(text)
    return next((a.s for a, b in itertools.pairwise(atoms) if _start_end_cells(text, a, b)), None)
