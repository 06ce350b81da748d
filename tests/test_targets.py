"""Targets: the figures a commitment names, their unit, and what each one measures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.extract.targets import targets_for


@pytest.mark.parametrize("text, expected", [
    ("We will reduce missed dental appointments by 25% by 2026.", [("25%", "percent", "missed dental appointments")]),
    ("Reduce Missed dental appointment bookings by 25% by 2025/26",
     [("25%", "percent", "Missed dental appointment bookings")]),
    ("Offer falls screening to at least 70% of those eligible by 2027",
     [("70%", "percent", "those eligible")]),
    ("A 20% reduction in people with Learning Disabilities",
     [("20%", "percent", "reduction in people with Learning Disabilities")]),
    ("EMBED the falls prevention plan and reduce rates by 15% against the 2018/19 baseline",
     [("15%", "percent", "rates")]),
    ("If we reduce our 'delayed' discharge numbers by 30% we will save £9m over four years",
     [("30%", "percent", "our delayed discharge numbers"), ("£9m", "money", "")]),
    ("In addition there is £23.6m of Business as Usual savings assumed",
     [("£23.6m", "money", "Business as Usual savings assumed")]),
    ("from 12.4% to 15%", [("12.4%", "percent", ""), ("15%", "percent", "")]),
    ("recruit 120 nurses and 14 health visitors by 2020",
     [("120", "count", "nurses"), ("14", "count", "health")]),
    ("open 3 new hubs over 12 months in 2019", [("3", "count", "new")]),
    # a day of a month is a date, not a count of anything
    ("Submit the business case by 14 September and open the hub from 1 Apr 2027", []),
    # a paragraph's number at the head of its text is its place, not a figure; a figure after it is one
    ("4.2 The Board will recruit 40 health visitors", [("40", "count", "health")]),
    ("(3.1) Any proposal must reach the council", []),
    ("Recruit 2.5 WTE therapists", [("2.5", "count", "WTE")]),
    # a label's ordinal says which one, not how many ("Scope 1 and 2", "Phase 3", "Year 7")
    ("Cut our Scope 1 and 2 emissions by half", []),
    ("Phase 3 sites will open in Year 7 of the plan", []),
    # a number glued to a word or a date cell is part of it ("COVID-19", "Apr-26 Mar-28")
    ("Recover services after the COVID-19 pandemic", []),
    ("Fit LED lighting in all depots Apr-26 Mar-28", []),
    # a number before a word no count is of starts a line or a sentence
    ("4 The providers are unable to agree a new model", []),
    ("open 3 new hubs and 2 more clinics", [("3", "count", "new"), ("2", "count", "more")]),
])
def test_figures_and_what_they_measure(text, expected):
    assert [(t.value, t.unit, t.subject) for t in targets_for(text)] == expected


@given(st.lists(st.sampled_from(list("ab 12%£.,'-()m") + ["by ", "reduce ", "of ", "people "]), max_size=40).map("".join))
def test_any_text_gives_well_formed_targets(text):
    for t in targets_for(text):
        assert t.unit in ("percent", "money", "count") and t.value
        assert len(t.subject.split()) <= 6
