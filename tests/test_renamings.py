"""Renamings a document states itself (kb.extract.renamings), on invented sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.extract.renamings import NameSpeller, collection_renamings, older_names, renamings


@pytest.mark.parametrize("text, old, new", [
    # the new name, then the old in brackets
    ("Riverside Connect (formerly the Pathway Service) will open in May.", "Pathway Service", "Riverside Connect"),
    ("The Northvale Wellbeing Hub (previously known as 'Healthy Northvale') opened.", "Healthy Northvale",
     "Northvale Wellbeing Hub"),
    ("Our Falls Response Team (formerly called Steady Steps) grew.", "Steady Steps", "Falls Response Team"),
    ("Sight Loss Service (formerly \"Eye Care Link\" – for adults), see below", "Eye Care Link", "Sight Loss Service"),
    ("Children’s ‘Happy Start’ (formerly ‘Little Steps’) opens", "Little Steps", "Happy Start"),
    ("Phase 2 Programme (formerly Phase 1b)", "Phase 1b", "Phase 2 Programme"),
    ("The 3 Towns Programme (formerly Vision 2030) began", "Vision 2030", "3 Towns Programme"),
    ("the Northvale ICB (formerly NCCG) will commission it", "NCCG", "Northvale ICB"),
    ("'Beacon' (formerly 'Lighthouse') opened", "Lighthouse", "Beacon"),  # one word, quoted
    # the old name, then the new
    ("the Pathway Service, now known as Riverside Connect, will expand", "Pathway Service", "Riverside Connect"),
    ("the Moorside Forum (now called Moorside Voices) meets monthly", "Moorside Forum", "Moorside Voices"),
    ("The Greenfield Partnership has been renamed Northvale Together.", "Greenfield Partnership",
     "Northvale Together"),
    ("In March the Greenfield Partnership had been renamed 'Parks, Paths and Play' by its members.",
     "Greenfield Partnership", "Parks, Paths and Play"),
    ("The Pathway Service, renamed Riverside Connect in 2021, supports carers.", "Pathway Service",
     "Riverside Connect"),
    ("The Carers Grant was renamed as the Carers Support Fund", "Carers Grant", "Carers Support Fund"),
    ("HEALTHY HOMES SCHEME (FORMERLY WARM WINTERS)", "WARM WINTERS", "HEALTHY HOMES SCHEME"),
    ("Friends of the Moor (formerly the Moorside Trust) met", "Moorside Trust", "Friends of the Moor"),
    ("talks with the Riverside Care Agency (RCA) (formerly the Riverside Care Trust) on funding", "Riverside Care Trust",
     "Riverside Care Agency"),  # its acronym between the name and the bracket
])
def test_renamings(text, old, new):
    assert renamings(text) == [(old, new)]


@pytest.mark.parametrize("text", [
    "She worked here as a ward sister (formerly a nurse) for years.",
    "Patients moved to the renamed ward last week.",
    "The programme was recently renamed “Brighter Futures Together” this spring.",  # no name before
    "Dr Amy Quill (formerly Medical Director) chaired the meeting.",  # a person and a post
    "Cllr Ben Oak (formerly Chair of the Housing Panel) spoke.",
    "the Access Hub (formerly the Pathway Service and its partners)",  # the bracket is no name
    "the area now known as the Quays",
    "Access Hub (formerly 2019)",
    "Riverside Connect (Riverside Connect) was formerly known as the hub",
    "Figures previously reported were revised (see Annex B).",
    "the team renamed it last year",
    # revised values in a progress report, not names
    "Due: March 2019 (formerly December 2018)",
    "RAG: Amber (formerly Green)",
    "Status: Ongoing (formerly Delayed)",
    "Waiting time 18 Weeks (previously 12 Weeks)",
    "Waiting time 18 Weeks (formerly 12 Weeks)",
    "Review in Q3 (previously Q2)",
])
def test_no_renaming(text):
    assert renamings(text) == []


def test_each_renaming_once_in_the_order_written():
    text = ("Northvale Link (formerly Riverside Connect) opened. Riverside Connect (formerly the Pathway Service) "
            "closed. Northvale Link (formerly Riverside Connect) grew.")
    assert renamings(text) == [("Riverside Connect", "Northvale Link"), ("Pathway Service", "Riverside Connect")]
    assert collection_renamings([text, "the Pathway Service, now known as Riverside Connect"]) == [
        ("Riverside Connect", "Northvale Link"), ("Pathway Service", "Riverside Connect")]


def test_a_name_renamed_twice_has_both_its_older_names():
    older = older_names([("Pathway Service", "Riverside Connect"), ("riverside connect", "Northvale Link"),
                         ("Old Fund", "New Fund")])
    assert older == {"riverside connect": ("Pathway Service",), "northvale link": ("Riverside Connect", "Pathway Service"),
                     "new fund": ("Old Fund",)}


@pytest.mark.parametrize("text, spelt", [
    ("Riverside Connect will open in May", "Riverside Connect (Pathway Service) will open in May"),
    ("RIVERSIDE CONNECT: next steps", "RIVERSIDE CONNECT (Pathway Service): next steps"),  # several words: any case
    ("The Pathway Service and Riverside Connect", "The Pathway Service and Riverside Connect"),  # both written
    ("A pathway service for carers", "A pathway service for carers"),  # the old name carries nothing
    ("Nothing renamed here", "Nothing renamed here"),
    ("The Beacon opens; Beacon staff", "The Beacon (Lighthouse Project) opens; Beacon staff"),
    ("a beacon of hope", "a beacon of hope"),  # one word: only as written
    ("Northvale Link and Riverside Connect", "Northvale Link (Pathway Service) and Riverside Connect"),
])
def test_a_passage_naming_the_new_name_carries_the_older(text, spelt):
    speller = NameSpeller([("Pathway Service", "Riverside Connect"), ("Lighthouse Project", "Beacon"),
                           ("Riverside Connect", "Northvale Link")])
    assert speller.spell(text) == spelt


def test_a_name_that_adds_nothing_is_left_out():
    speller = NameSpeller([("Pathway Service", "Riverside Connect")])
    assert speller.spell("Riverside Connect opens", redundant=lambda text, name: True) == "Riverside Connect opens"
    assert not NameSpeller([]) and NameSpeller([]).spell("Riverside Connect") == "Riverside Connect"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abAB ,.;:'\"‘’“”()–-\n\t&12")
                               + ["formerly ", "renamed ", "now known as ", "previously called ", "The ",
                                  "Riverside ", "Connect", "has been "]), max_size=40).map("".join))
def test_never_raises(text):
    for old, new in renamings(text):
        assert old and new and old.lower() != new.lower()
    NameSpeller(renamings(text)).spell(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    renamings(text)


def test_search_finds_a_programme_by_either_name():
    from kb.index.thesaurus import Thesaurus

    th = Thesaurus(renamed=[("Pathway Service", "Riverside Connect"), ("Lighthouse Project", "Beacon")])
    assert "riverside connect" in th.expansions("Pathway Service")
    assert th.concepts_in("Riverside Connect opens") == th.concepts_in("the pathway service opens") != set()
    assert th.concepts_in("The Beacon opens") and not th.concepts_in("a beacon of hope")  # one word: its capital
    # a name already in a group joins it: the group's other phrasings find the new name too
    assert "northvale link" in Thesaurus(renamed=[("Primary Care Network", "Northvale Link")]).expansions("PCNs")
    assert Thesaurus().expansions("Pathway Service") == ("Pathway Service",)
    # a name with a mark before a space is looked up as a match reads it
    quoted = Thesaurus(renamed=[("Parks’ Fund", "Green Spaces Fund")])
    assert quoted.concepts_in("the Parks’ Fund") == quoted.concepts_in("the Green Spaces Fund") != set()


def test_a_renamed_programme_shares_its_terms_with_its_old_name():
    """A later passage naming only the new name shares the old name's words with the seed, so the
    tracer can link them; without the renaming it shares nothing."""
    from kb.model import Commitment, DocumentMeta
    from kb.trace.signals import Signals

    metas = {"a": DocumentMeta("a", title="Plan", date="2014-01-01"),
             "b": DocumentMeta("b", title="Plan", date="2016-01-01")}
    seed = Commitment("s", "a", "commitment", "Expand the Brightwater Befriending scheme to every ward", "", None, 1)
    later = Commitment("l", "b", "commitment", "Kindred Circles now reaches every ward", "", None, 9)
    other = [Commitment(f"o{n}", "b", "commitment", f"Filler passage number {n} about roads", "", None, 20 + n)
             for n in range(5)]
    records = [seed, later, *other]
    for renamed, shares in (([("Brightwater Befriending", "Kindred Circles")], True), ([], False)):
        sig = Signals(records, metas, renamings=renamed)
        _, shared = sig.features(seed, sig.topic("s"), later)
        assert ("befriend" in shared) is shares


def test_an_ingested_renaming_joins_both_names_in_search(tmp_path):
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2015_northvale_plan.txt").write_text(
        "Northvale Plan\n\nBefriending\n\nWe will expand the Brightwater Befriending scheme to every ward by 2016.\n",
        encoding="utf-8")
    (docs / "2017_northvale_review.txt").write_text(
        "Northvale Review\n\nBefriending\n\nKindred Circles (formerly Brightwater Befriending) has been well used.\n\n"
        "Kindred Circles will publish its annual accounts by 2018.\n", encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "idx")
    kb.ingest([docs])
    searcher = kb.searcher()
    assert searcher.concept("Brightwater Befriending") == searcher.concept("kindred circles") is not None
    texts = [h.text for h in kb.search("Brightwater Befriending", limit=20).hits]
    assert any(t.startswith("Kindred Circles will publish") for t in texts), texts
