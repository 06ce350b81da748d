"""Themes and the policy topics a trace reads from them: a theme's words match where a word starts."""

from __future__ import annotations

import pytest

from kb.extract.themes import themes_for


@pytest.mark.parametrize("text, theme, present", [
    # a word that holds a theme's word inside it names no theme
    ("NHS England will publish the new dashboard", "estates", False),   # "land" in "England"
    ("NHS England will publish the new dashboard", "governance and partnership", False),  # "board"
    ("A selective licensing scheme for landlords", "planned care", False),  # "elective"
    ("Our workplace travel plan", "governance and partnership", False),  # "place" in "workplace"
    # the word itself, also after a hyphen, still does
    ("Release surplus land for housing", "estates", True),
    ("Reduce non-elective admissions", "planned care", True),
    ("The programme board meets monthly", "governance and partnership", True),
])
def test_a_theme_word_matches_where_a_word_starts(text, theme, present):
    assert (theme in themes_for(text)) is present


@pytest.mark.parametrize("text, topics", [
    # a thesaurus concept is one topic: no theme's word is read again from inside its folded token
    ("Introduce social prescribing in every practice", {"zzsocialprescrib"}),
    ("Shared care records for people with diabetes", {"zzcarerecord", "zzdiabet"}),
    ("Regional offices of NHS England in the Midlands", set()),
])
def test_a_concept_names_one_topic_and_a_place_none(text, topics):
    from kb.trace.about import topics_of

    assert topics_of(text) == topics
