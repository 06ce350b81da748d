"""Conventions of minutes and board papers: how a meeting's record is read (reported future,
resolutions, updates reporting the past, questions and answers, apologies).  One sentence of each
shape, written for the test."""

from __future__ import annotations

import pytest

from kb.extract.pipeline import _units
from kb.model import Block


def minute(text: str, **kw) -> Block:
    return Block("list_item", text, 7, None, ("Cabinet Member Updates",), **kw)


# ------------------------------------------------------------------ a long bullet is a paragraph
@pytest.mark.parametrize(("text", "units"), [
    # longer than a quotable passage, several sentences: each sentence is its own unit
    ("(c) The footbridge over the canal at Mill Lane had been closed for repairs since the storm in the autumn and "
     "the contractor had replaced two of its supports. The bridge was due to reopen to walkers and cyclists at the "
     "end of March once the safety inspection had been completed.",
     ["(c) The footbridge over the canal at Mill Lane had been closed for repairs since the storm in the autumn and "
      "the contractor had replaced two of its supports.",
      "The bridge was due to reopen to walkers and cyclists at the end of March once the safety inspection had "
      "been completed."]),
    # a short bullet of two sentences stays whole (a quote can hold it)
    ("Open the new library in May. Staff will move in April.", ["Open the new library in May. Staff will move in April."]),
    # a long run of comma-separated actions is split as a run, not by sentence
    ("Reviewing the depot sites across the county and the ways they are used by the service. Depot plan (single "
     "estate), review the lease terms, complete the condition surveys, develop a disposal protocol, agree a joint "
     "approach with the district councils on shared buildings and their running costs.",
     ["Reviewing the depot sites across the county and the ways they are used by the service. Depot plan (single "
      "estate)", "review the lease terms", "complete the condition surveys", "develop a disposal protocol",
      "agree a joint approach with the district councils on shared buildings and their running costs"]),
])
def test_a_long_bullet_of_several_sentences_is_read_sentence_by_sentence(text, units):
    assert _units(Block("list_item", text)) == units
