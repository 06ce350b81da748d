"""Acronyms a document defines, by the conventions documents write them in (kb.extract.acronyms)."""

from __future__ import annotations

import pytest

from kb.extract.acronyms import definitions, initials_match
from kb.index.thesaurus import Thesaurus, learn_acronyms


@pytest.mark.parametrize("text, acronym, long_form", [
    # long form, then the acronym in brackets
    ("The Riverside Housing Forum (RHF) meets monthly.", "RHF", "Riverside Housing Forum"),
    ("run by the Widget Oversight Board ('the WOB') since May", "WOB", "Widget Oversight Board"),
    ("an Electronic Emergency/Urgent Care Record (UCR) for every patient", "UCR", "Urgent Care Record"),
    ("Black, Asian and Minority Ethnic (BAME) communities", "BAME", "Black Asian and Minority Ethnic"),
    # the acronym, then its long form in brackets
    ("RHF (Riverside Housing Forum) meets monthly.", "RHF", "Riverside Housing Forum"),
    ("SEND (special educational needs and disabilities) support in schools", "SEND",
     "special educational needs and disabilities"),
    # a glossary line or table row
    ("JSNA – Joint Strategic Needs Assessment", "JSNA", "Joint Strategic Needs Assessment"),
    ("PCN: Primary Care Network, a group of practices working together", "PCN", "Primary Care Network"),
    ("ICB\tIntegrated Care Board", "ICB", "Integrated Care Board"),
    ("- VCSE – Voluntary, Community and Social Enterprise sector", "VCSE", "Voluntary Community and Social Enterprise"),
    # the long form is read in its own cell or line: a tab or '>' before it on that line ends it, one
    # on an earlier line does not
    ("Lead\tRiverside Housing Forum (RHF)", "RHF", "Riverside Housing Forum"),
    ("Home > Community Falls Service (CFS)", "CFS", "Community Falls Service"),
    ("Home > Services\tAdults\nthe Community Falls Service (CFS) opens", "CFS", "Community Falls Service"),
])
def test_definitions(text, acronym, long_form):
    assert (acronym, long_form) in [(d.acronym, d.long_form) for d in definitions(text)]


@pytest.mark.parametrize("text", [
    "The new service (see page 4) opens in May.",
    "CAB (first phase) will open in May.",  # the bracket is no expansion of the letters
    "Notes: figures are provisional",
    "RHF – see the housing section",
    "The Board (which meets monthly) agreed the plan.",
])
def test_no_definition(text):
    assert definitions(text) == []


def test_definitions_in_the_order_written():
    text = "RHF (Riverside Housing Forum) and later the Rural Health Fund (RHF)."
    assert [d.long_form for d in definitions(text)] == ["Riverside Housing Forum", "Rural Health Fund"]


@pytest.mark.parametrize("words, acronym, match", [
    (["Riverside", "NHS", "Foundation", "Trust"], "RFT", True),
    (["Living", "With", "and", "Beyond", "Cancer"], "LWBC", True),
    (["Primary", "Care", "Networks"], "PCNs", True),
    (["Primary", "Care", "Networks"], "PCT", False),
    # a leading "NHS" spelt out in the letters
    (["NHS", "Northvale", "Blood", "and", "Plasma"], "NHSNBP", True),
    (["NHS", "Northvale", "Blood"], "NHSNP", False),
])
def test_initials_match(words, acronym, match):
    assert initials_match(words, acronym) is match


def test_a_learnt_acronym_is_a_concept_only_in_capitals():
    learnt = learn_acronyms("SEND (special educational needs and disabilities) support")
    th = Thesaurus(learnt)
    concept = th.concept("special educational needs and disabilities")
    assert concept is not None
    assert th.concepts_in("More SEND places in two schools") == {concept}
    assert th.concepts_in("We will send a letter to every family") == set()
    assert th.concept("send") is None and th.concept("SEND") == concept


@pytest.mark.parametrize("text, spelt", [
    # the letters a document defines are spelt out after their first use
    ("E&T: a review of E&T budgets.", "E&T (Education & Training): a review of E&T budgets."),
    ("The PCNs will lead", "The PCNs (Primary Care Networks) will lead"),
    # the name already written, or a text in capitals, is left as it is
    ("Education & Training (E&T) board", "Education & Training (E&T) board"),
    ("WE CAN DO MORE", "WE CAN DO MORE"),
    # letters the document does not define, or part of a longer word
    ("MSK redesign", "MSK redesign"),
    ("E&Tupdate", "E&Tupdate"),
])
def test_spell_out(text, spelt):
    from kb.extract.acronyms import spell_out

    defined = {"E&T": "Education & Training", "PCNs": "Primary Care Networks", "CAN": "contract award notice"}
    assert spell_out(text, defined) == spelt


def test_document_definitions_keep_the_first_long_form():
    from kb.extract.acronyms import document_definitions

    blocks = ["Our five workstreams: Education & Training (E&T), Planned care (PC).",
              "PC: Primary Care in the glossary of another section"]
    assert document_definitions(blocks) == {"E&T": "Education & Training", "PC": "Planned care"}


@pytest.mark.parametrize("text, named", [
    # a long form written without its letters gets them, singular or plural, across line breaks
    ("Every provider will have hearing support liaison officers on site.",
     "Every provider will have hearing support liaison officers (HSLO) on site."),
    ("A hearing support liaison officer in each clinic", "A hearing support liaison officer (HSLO) in each clinic"),
    ("Hearing Support\nLiaison Officers will", "Hearing Support\nLiaison Officers (HSLO) will"),
    # once is enough; the letters already written are left alone
    ("Hearing support liaison officers (HSLOs) and hearing support liaison officers",
     "Hearing support liaison officers (HSLOs) and hearing support liaison officers"),
    ("hearing support liaison officers and hearing support liaison officers",
     "hearing support liaison officers (HSLO) and hearing support liaison officers"),
    ("HSLO: hearing support liaison officer", "HSLO: hearing support liaison officer"),
    ("Westmarch ward rounds and a river pathway board (RPB)", "Westmarch ward rounds and a river pathway board (RPB)"),
    # part of a longer name, or a one-word long form, is not the name
    ("Non-hearing support liaison officers", "Non-hearing support liaison officers"),
    ("Estates review", "Estates review"),
])
def test_a_long_form_written_alone_is_named_by_its_letters(text, named):
    from kb.extract.acronyms import LongFormNamer

    namer = LongFormNamer([("HSLO", "hearing support liaison officers"), ("RPB", "river pathway board"),
                           ("E", "Estates")])
    assert namer.name(text) == named


def test_no_definitions_name_nothing():
    from kb.extract.acronyms import LongFormNamer

    assert not LongFormNamer([]) and LongFormNamer([]).name("river pathway board") == "river pathway board"
