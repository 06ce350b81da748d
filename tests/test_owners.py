"""Owners: doers from the parse, owner fields, intros, parties by convention, per-document acronyms,
and the optional gazetteer that carries one area's names (sentences written for these tests; a
made-up area, Northshire, proves that no area is built in)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not installed when pytest runs from the venv's bin
    sys.path.insert(0, str(ROOT))

from kb.extract.gazetteer import (  # noqa: E402
    Gazetteer,
    GazetteerError,
    Party,
    PartyNames,
    load_gazetteer,
)
from kb.extract.owners import Mention, OwnerGazetteer, Owners, norm_key  # noqa: E402
from kb.model import Block, Document, DocumentMeta  # noqa: E402

CORPUS_GAZETTEER = load_gazetteer(ROOT / "corpus" / "gazetteer.toml")
RFT = "Riverside NHS Foundation Trust"
HHT = "Hillside Hospitals NHS Trust"
NCC = "Northshire County Council"
# What a Northshire document would define about itself.
NORTHSHIRE_TEXT = (f"This strategy of {NCC} (NCC) and {RFT} (RFT) was agreed with {HHT} (HHT) and the "
                   "Northshire Tobacco Control Alliance (NTCA).")


@pytest.fixture(scope="module")
def north() -> OwnerGazetteer:
    """No gazetteer file at all: the Northshire document on its own."""
    return OwnerGazetteer().for_document(NORTHSHIRE_TEXT)


@pytest.fixture(scope="module")
def corpus_gaz() -> OwnerGazetteer:
    return OwnerGazetteer(CORPUS_GAZETTEER)


# ------------------------------------------------------------------------------------ grammar
@pytest.mark.parametrize(("text", "expected"), [
    # the subject of the committing predicate, with its conjuncts
    (f"{RFT} will open two new clinics by March 2022.", [RFT]),
    ("RFT and HHT will agree a shared pathway; then NCC will fund it.", [RFT, HHT, NCC]),
    ("The Director of Public Health will publish an annual report in 2024.", ["Director of Public Health"]),
    # a director's portfolio written straight after the title, without "of"
    ("The Strategic Director Housing and Regeneration will publish the plan by May 2026.",
     ["Strategic Director Housing and Regeneration"]),
    ("The Corporate Director Adult Social Care and Health will take over the budget.",
     ["Corporate Director Adult Social Care and Health"]),
    ("Public Health and Trading Standards will run test purchases of tobacco.", ["Public Health", "Trading Standards"]),
    ("The Northshire Drug & Alcohol Steering Group will meet quarterly.", ["Northshire Drug and Alcohol Steering Group"]),
    # an organisation the recogniser names, with no convention to go by
    ("Acme Housing Association will build 200 homes by 2025.", ["Acme Housing Association"]),
    # ... its whole name, when the recogniser marks only the part after an "and"
    ("The Millbrook and Easton Community Foundation will fund ten projects.", ["Millbrook and Easton Community Foundation"]),
    # the agent of a passive, also through "is to be" and a reduced relative
    ("The new service will be commissioned by Northshire County Council in 2023.", [NCC]),
    # (the document names the alliance in full: "the Tobacco Control Alliance" is that one)
    ("The strategy is to be reviewed each year by the Tobacco Control Alliance.", ["Northshire Tobacco Control Alliance"]),
    ("The review led by Hillside Medical Group will report in June.", ["Hillside Medical Group"]),
    # minutes: reported decisions name the doer in the that-clause
    ("It was agreed that Priya Shah would circulate the revised plan.", ["Priya Shah"]),
    ("Sam Patel agreed to circulate the revised plan.", ["Sam Patel"]),
    ("The working group will be chaired by Priya Shah.", ["Priya Shah"]),
    # an obligation on the subject, and an object made the doer of what follows
    ("Hillside Hospitals NHS Trust is committed to halving waits for scans.", [HHT]),
    ("The new contract will require RFT to publish waiting times monthly.", [RFT]),
    ("The expectation is that the providers will share records with the district councils.", ["Providers"]),
    # partners, beneficiaries, objects, members, addressees and places are not owners
    ("Northshire County Council, working with Riverside NHS Foundation Trust, will open two clinics.", [NCC]),
    ("We will work with Hillside Hospitals NHS Trust to cut waiting times.", []),
    ("Deliver stop smoking support in partnership with Northshire Fire and Rescue Service", []),
    ("Develop a smoking cessation offer for Riverside NHS Foundation Trust staff", []),
    ("More people will be supported by Public Health to stop smoking.", []),
    ("The Board is asked to note the progress report.", []),
    ("The partnership brings together Riverside NHS Foundation Trust and Northshire County Council.", []),
    ("The alliance comprises RFT, HHT and the voluntary sector.", []),
    ("We will open a clinic at Riverside NHS Foundation Trust's main hospital.", []),
    ("Patients will be seen within two weeks.", []),
    # an imperative whose object the small tagger reads as part of a name: the object is no doer
    ("Support Northshire Carers Trust winter fuel initiatives", []),
    # an activity named in capitals is no body
    ("Redesign and Improvement of Falls Services will conclude in May.", []),
    ("Public Engagement outcome confirmed", []),
    # a party's name before a capitalised document noun names the document
    ("The Northshire Stroke Service Specifications will apply from April.", []),
    ("Northshire County Council Plan targets will be met by 2025.", []),
    ("Northshire County Council plans to open two clinics in 2024.", [NCC]),
    # a committee's proposal in the mandative form: the party it is put to, under its label or not
    ("That RFT publishes its community waiting times each quarter.", [RFT]),
    ("Recommendation 3: That NCC commissions a second stop smoking service.", [NCC]),
])
def test_owner_is_the_doer(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a body's name in capitals that the recogniser does not know, as the subject that acts
    ("Riverford Water will replace the mains under the high street by March 2026.", ["Riverford Water"]),
    ("Highways Northshire will widen the ring road junctions in 2025.", ["Highways Northshire"]),
    ("Sport Northshire will fund three new pitches.", ["Sport Northshire"]),
    ("Specialist Care will be responsible for starting the pumps.", ["Specialist Care"]),
    ("Riverford Water and Dale Water will jointly fund the study.", ["Riverford Water", "Dale Water"]),
    # an ampersand joins the words of one name; "and" still lists two parties
    ("Homes will be built by Marsh & Quay on the depot site by 2027.", ["Marsh and Quay"]),
    # a document, an activity or a heading's words in capitals are no body
    ("The Local Transport Plan will be adopted by 2026.", []),
    ("Key Actions will include a review of the service.", []),
    # what befalls or is held by the subject: no act of a doer
    ("North Riverford will see 2,000 new homes by 2030.", []),
    ("Acme Housing Association will face a shortfall of £2m.", []),
    ("Acme Housing Association will build 200 homes.", ["Acme Housing Association"]),
    ("Northshire County Council will need to agree the budget by March.", [NCC]),
    # text in title case, where every word is capitalised
    ("Riverford Water Will Replace The Mains Under The High Street.", []),
    # a programme named in capitals before what it is: the pilot acts, no body; a body's name still does
    ("The workplace NHS Health Checks pilot is continuing to support access to the service.", []),
    ("The Riverford Warm Homes scheme will insulate 300 homes.", []),
    ("The Acme Housing Association pilot will house 20 families.", ["Acme Housing Association"]),
])
def test_doers_named_in_capitals(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # verbless fragments and table rows: judged by the words around each party
    ("Lead - Jane Smith (Head of Commissioning, RFT)", ["Jane Smith"]),
    ("Workstream Leads\tJane Smith (CEO, RFT) and Sam Patel (CEO, HHT)", ["Jane Smith", "Sam Patel"]),
    ("RFT procure and deploy an electronic record by 2021/22", [RFT]),
])
def test_owner_in_fragments(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    found = north.owners_of(text)
    assert found.names == expected
    assert found.source == "mention"


@pytest.mark.parametrize(("text", "expected"), [
    # doers named by their role in the public sector, as the text gives them
    ("Local systems should complete an impact assessment by March.", ["Local systems"]),
    ("Eye care providers should offer remote consultations where safe.", ["Eye care providers"]),
    ("ICS leads should:", ["ICS leads"]),
    ("Primary, community and secondary care providers should:", ["Primary, community and secondary care providers"]),
    ("Over the next year, RFT and HHT will:", [RFT, HHT]),
    ("Community nursing teams should:", ["Community nursing teams"]),
    ("Hospital clinicians will review every waiting list by May.", ["Hospital clinicians"]),
    # parties outside the health service, named by what they are
    ("Schools will adopt the healthy eating charter by September 2025.", ["Schools"]),
    ("Local employers should offer work placements to young carers.", ["Local employers"]),
    ("Housing associations will retrofit 400 homes by 2030.", ["Housing associations"]),
    ("Bus operators will introduce contactless fares next year.", ["Bus operators"]),
    ("Consultation will be led by local charities in each ward.", ["Local charities"]),
    # a task written as a noun and a passive to-infinitive: its agent does it, the noun is what is done
    ("Site 2 to be developed by Eastford Housing Association.", ["Eastford Housing Association"]),
    ("The day centre to be run by local charities from April.", ["Local charities"]),
    ("Site 3 to be sold.", []),
    ("Universities offering nursing degrees should add a placement in social care.", ["Universities"]),
    # ... and the people and units that lead and run bodies, named by their role
    ("We expect local leaders to agree a single transport plan by 2026.", ["Local leaders"]),
    ("Government departments should publish their estates data each year.", ["Government departments"]),
    ("Leaders will model the behaviours set out in the charter.", []),  # whose leaders: the text does not say
    # bodies named by their kind, with a word saying which, in a clause of what they will do
    ("Member organisations will pool their training budgets from April.", ["Member organisations"]),
    ("Health partners should publish a joint estates plan by 2026.", ["Health partners"]),
    ("Voluntary organisations run most lunch clubs, and we will fund them from 2026.", []),
    ("Organisations will benefit from a single booking system.", []),
    # a person's role in the singular, as a procedure assigns a step
    ("The referring practitioner will record the reason for the referral.", ["Referring practitioner"]),
    ("A pharmacist should check every repeat prescription within two days.", ["Pharmacist"]),
    ("The officer was responsible for the letter.", []),
    ("The new manager will be appointed in May.", []),
    # a vague head needs a word saying which; one acted upon is no doer
    ("Associations will benefit from the new grant.", []),
    ("Schools will be supported to adopt the charter.", []),
    # people who work for a body, with a word saying whose, in a clause of what they will or should
    # do; alone they refer back, and what is done to them is not theirs to do
    ("Ward staff should check the discharge list each morning.", ["Ward staff"]),
    ("Pharmacy staff will record every refused prescription.", ["Pharmacy staff"]),
    ("Staff should record every refused prescription.", []),
    ("All staff will receive an induction in the first week.", []),
    ("Ward staff will be trained in the new system by June.", []),
    ("Ward staff took part in the survey last year.", []),
    # a party named and one joined to it that no pattern knows, which the parser may read as one
    ("Healthwatch Northshire and GP practice staff should agree one plain wording for the letters that "
     "surgeries send.", ["Healthwatch Northshire", "GP practice staff"]),
    ("Healthwatch Eastvale and GP practice staff should test the new recall letters with patients.",
     ["Healthwatch Eastvale", "GP practice staff"]),
    ("Northshire Healthwatch and practice staff should work with the booking system's suppliers.",
     ["Northshire Healthwatch", "Practice staff"]),
    # people at large, things and "we" are no doers
    ("Local people will have better access to clinics.", []),
    ("Services will be redesigned by 2025.", []),
    ("We will:", []),
])
def test_doers_named_by_role(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("document", "text", "expected"), [
    # a document that names a kind of party with its initials means it by the bare words too
    ("How patients reach their GP practices in Northshire.", "Practices should answer calls within ten minutes.",
     ["GP practices"]),
    ("A survey of GP practice staff across Northshire.", "Practice staff should offer a call back.",
     ["GP practice staff"]),
    ("A survey of GP practice staff across Northshire.", "Staff should offer a call back.", ["GP practice staff"]),
    ("GP practice staff and NHS staff across Northshire.", "Staff should offer a call back.", []),
    ("Our GP outreach teams visit care homes.", "These teams will also visit day centres from May.", []),
    # two sets of initials for the kind: which is meant is not known
    ("GP practices and PCN practices in Northshire.", "Practices should answer calls within ten minutes.",
     ["Practices"]),
    ("A survey of patients in Northshire.", "Practices should answer calls within ten minutes.", ["Practices"]),
    # initials before a head that also names things say what kind of thing
    ("Our IT systems date from 2009.", "Systems should record the risk level of each patient.", ["Systems"]),
])
def test_a_kind_of_party_takes_the_initials_its_document_gives_it(document: str, text: str,
                                                                   expected: list[str]) -> None:
    assert OwnerGazetteer().for_document(document).owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Stakeholders, including Riverside Trust, NHSX and the Eastvale Council, should agree a shared training "
     "framework.", ["Riverside Trust", "NHSX", "Eastvale Council"]),
    ("Partners including Riverside Trust and the Eastvale Council will publish a joint plan.",
     ["Riverside Trust", "Eastvale Council"]),
    ("Services including the Riverside Trust's stroke unit will be redesigned by 2025.", []),
])
def test_the_members_a_kind_of_party_lists_are_doers(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("intro", "expected"), [
    ("In 2019 the Tobacco Control Alliance set out its plan. ICS leads should:", ["ICS leads"]),
    # a description is no lead-in: its subject does not own the list under it
    ("The Tobacco Control Alliance brings together health and council services.", []),
    ("In 2019 the Tobacco Control Alliance published a review of the service.", []),
    # the story before a lead-in names no doer of its list unless the lead-in refers back to it
    ("The Treasurer introduced the budget report. The Tobacco Control Alliance had overspent by £2m. "
     "Key points included:", []),
])
def test_only_a_lead_in_passes_its_doer(north: OwnerGazetteer, intro: str, expected: list[str]) -> None:
    assert north.owners("Review the service specification", intro=intro) == expected


def test_the_author_s_own_plan_passes_no_owner(north: OwnerGazetteer) -> None:
    item = "Improve the phone system for patients."
    assert north.owners(item, author_org=NCC, heading="RFT Access Improvement Plans") == [RFT]
    assert north.owners(item, author_org=NCC, heading=f"{NCC} Action Plan") == []  # "we": no owner


def test_source_of_each_kind(north: OwnerGazetteer) -> None:
    assert north.owners_of(f"{RFT} will open a clinic.") == Owners([RFT], "grammar")
    assert north.owners_of("We will publish the plan.", field="Public Health") == Owners(["Public Health"], "field")
    assert north.owners_of("Publish the plan", intro="The Tobacco Control Alliance will:") == \
        Owners(["Northshire Tobacco Control Alliance"], "intro")  # the one the document names in full
    assert north.owners_of("Publish the plan") == Owners([], "")


def test_we_gives_no_owner_and_the_author_is_not_implied(north: OwnerGazetteer) -> None:
    assert north.owners("We will establish a leadership academy.", author_org=NCC) == []


@pytest.mark.parametrize(("text", "author", "expected"), [
    ("The Trust is committed to reducing waits.", RFT, [RFT]),
    ("The Council will consult residents on the plan.", NCC, [NCC]),
    ("To balance the budget, the council planned to sell two depots.", NCC, [NCC]),  # minutes' lower case
    ("The Board will receive a report every quarter.", RFT, [RFT]),
    # no author given: the one body of that kind the document names in full
    ("The County Council will consult residents on the plan.", None, [NCC]),
    ("The Council will consult residents on the plan.", None, [NCC]),
    # a CCG reference is the authoring CCG only
    ("The CCG will review the contract.", "Northshire CCG", ["Northshire CCG"]),
    ("The CCG will review the contract.", NCC, []),
    # "Council" as the head of another body's name is that body, not the author; the author's own
    # name words or a meeting of its council before it are still the author
    ("Eastbrook Youth Council will design the campaign.", NCC, ["Eastbrook Youth Council"]),
    ("Millbridge Parish Council will maintain the benches.", NCC, ["Millbridge Parish Council"]),
    ("Northshire Council will consult residents on the plan.", NCC, [NCC]),
    ("Full Council will set the budget in February.", NCC, [NCC]),
])
def test_own_body_references(north: OwnerGazetteer, text, author, expected) -> None:
    assert north.owners(text, author_org=author) == expected


# ------------------------------------------------------------------------------------ fields
@pytest.mark.parametrize(("field", "expected"), [
    ("Public Health, Trading Standards", ["Public Health", "Trading Standards"]),
    ("Public Health and Trading Standards", ["Public Health", "Trading Standards"]),
    ("Jane Smith (Director of Public Health)", ["Jane Smith"]),
    ("Director of Public Health (Jane Smith)", ["Director of Public Health"]),
    ("RFT / NCC", [RFT, NCC]),
    ("Northshire Health and Wellbeing Board", ["Northshire Health and Wellbeing Board"]),
    ("Northshire Stop Smoking Service; Housing Options Team", ["Northshire Stop Smoking Service",
                                                              "Housing Options Team"]),
    ("All partners", []),
    ("TBC", []),
    ("To be confirmed", []), ("To be agreed", []),  # the placeholder spelt out
    # one role title over two fields, and two roles each with its head
    ("Libraries and Heritage Manager", ["Libraries and Heritage Manager"]),
    ("Housing Lead and Carers Lead", ["Housing Lead", "Carers Lead"]),
    ("Public Health; Eastbrook Youth Council", ["Public Health", "Eastbrook Youth Council"]),
    # a head word with no name is no one in particular
    ("All services", []), ("Parks Team, all teams", ["Parks Team"]),
])
def test_owner_fields(north: OwnerGazetteer, field: str, expected: list[str]) -> None:
    assert north.field_owners(field) == expected


def test_a_field_names_the_owner_over_the_grammar(north: OwnerGazetteer) -> None:
    assert north.owners("RFT will run the clinics.", field="Hillside Hospitals NHS Trust") == [HHT]
    assert north.owners("RFT will run the clinics.", field="  ") == [RFT]


# ------------------------------------------------------------------------------------ intros
@pytest.mark.parametrize(("text", "intro", "heading", "expected"), [
    ("Publish a tobacco control plan", "The Tobacco Control Alliance will:", None, ["Northshire Tobacco Control Alliance"]),
    ("Publish a tobacco control plan", "Over the next year RFT and HHT will:", None, [RFT, HHT]),
    # a title over an action list that names who acts on it
    ("Publish a tobacco control plan", "What Northshire County Council will do", None, [NCC]),
    ("Publish a tobacco control plan", "How Central Government can help", None, ["Central Government"]),
    ("Publish a tobacco control plan", "Actions Westmarch Parks Trust can take", None, ["Westmarch Parks Trust"]),
    ("Publish a tobacco control plan", "Actions we can take in partnership", None, []),
    # the item names its own doer
    ("HHT to run the clinics", "The Tobacco Control Alliance will:", None, [HHT]),
    # the intro refers back to the body its heading names
    ("Publish a tobacco control plan", "Its role is to:", "The Northshire Tobacco Control Alliance",
     ["Northshire Tobacco Control Alliance"]),
    ("Publish a tobacco control plan", "The main objectives are:", "The Northshire Tobacco Control Alliance", []),
    # members are not doers
    ("Publish a tobacco control plan", "The alliance comprises RFT and HHT. Their objectives are:",
     "Northshire Tobacco Control Alliance", ["Northshire Tobacco Control Alliance"]),
])
def test_intro_passes_its_doer_to_the_list(north, text, intro, heading, expected) -> None:
    assert north.owners(text, intro=intro, heading=heading) == expected


# ------------------------------------------------------------------------------------ acronyms
def test_acronyms_are_learnt_per_document() -> None:
    base = OwnerGazetteer()
    a = base.for_document("The Riverside NHS Foundation Trust (RFT) runs the hospital.")
    b = base.for_document("The Rural Forum Team (RFT) meets monthly.")
    assert a.owners("RFT will open a clinic.") == [RFT]
    assert b.owners("RFT will open a clinic.") == ["Rural Forum Team"]
    assert base.canonical("RFT") is None


def test_a_document_definition_wins_over_the_gazetteer() -> None:
    gaz = OwnerGazetteer(Gazetteer(parties=(Party("Regional Finance Taskforce", "group", ("RFT",)),)))
    doc = gaz.for_document(f"The {RFT} (RFT) runs the hospital.")
    assert doc.canonical("RFT") == RFT
    assert gaz.canonical("RFT") == "Regional Finance Taskforce"


@pytest.mark.parametrize(("text", "acronym", "name"), [
    ("the Local Housing Partnership (LHP) meets monthly", "LHP", "Local Housing Partnership"),
    ("Primary Care Networks (PCNs) will be set up", "PCNs", "Primary Care Networks"),
    ("the Widget Oversight Board ('the WOB') approved", "WOB", "Widget Oversight Board"),
    (f"{RFT} (RFT) and", "RFT", RFT),
    ("LHP (Local Housing Partnership) meets monthly", "LHP", "Local Housing Partnership"),
    ("RHP – Riverside Housing Partnership", "RHP", "Riverside Housing Partnership"),  # a glossary line
])
def test_learn_acronyms(text: str, acronym: str, name: str) -> None:
    g = OwnerGazetteer()
    assert g.learn_acronyms(text)[acronym] == name
    assert g.canonical(acronym) == name


@pytest.mark.parametrize(("document", "text", "expected"), [
    # a body named in full once and by its initials after, never defined
    ("The Northshire Waste Disposal Authority runs the tips.", "NWDA will open a new site in 2026.",
     ["Northshire Waste Disposal Authority"]),
    # two bodies with those initials: which is meant is not known
    ("The Northshire Waste Disposal Authority runs the tips, the Northern Water Development Agency the reservoirs.",
     "NWDA will open a new site in 2026.", ["NWDA"]),
    # a kind of body that ends a longer name is no body of its own
    ("Eastvale Integrated Care Board (the Integrated Care Board) commissions the service.",
     "ICB will review the service in 2026.", ["ICB"]),
])
def test_initials_of_a_body_named_in_full(document: str, text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().for_document(document + " " + text).owners(text) == expected


def test_acronyms_of_things_are_not_parties() -> None:
    g = OwnerGazetteer()
    learnt = g.learn_acronyms("Electronic Patient Record (EPR) and Urgent and Emergency Care (UEC).")
    assert "EPR" not in learnt and "UEC" not in learnt
    assert g.owners("Deploy an EPR across the system") == []


def test_acronyms_are_case_sensitive(north: OwnerGazetteer) -> None:
    assert north.mentions("we will hold an ncc meeting") == []
    assert [m.name for m in north.mentions("approved by NCC")] == [NCC]


# ------------------------------------------------------------------------------------ mentions
def test_mentions_offsets_and_surface(north: OwnerGazetteer) -> None:
    text = "RFT and Hillside Hospitals NHS Trust will work with NCC."
    ms = north.mentions(text)
    assert [m.name for m in ms] == [RFT, HHT, NCC]
    for m in ms:
        assert isinstance(m, Mention)
        assert text[m.start_char:m.end_char] == m.surface


def test_people_as_leads(north: OwnerGazetteer) -> None:
    ms = north.mentions("Workstream Lead\tJane Smith (CEO, RFT)")
    assert (ms[0].name, ms[0].kind, ms[0].role) == ("Jane Smith", "person", "lead")


def test_learn_people() -> None:
    g = OwnerGazetteer()
    assert g.learn_people("Finance Lead\tAnn Lee (Deputy Finance Officer, RFT)") == ["Ann Lee"]
    assert g.owners("a note from Ann Lee about the plan") == []
    assert g.owners("Finance Lead\tAnn Lee") == ["Ann Lee"]


def test_norm_key() -> None:
    assert norm_key("The Health & Well-being Board's") == "health and wellbeing board"
    assert norm_key("  NHSE / I ") == "nhse/i"


def test_national_bodies_need_no_gazetteer() -> None:
    g = OwnerGazetteer()
    assert g.canonical("NHSE/I") == "NHS England"
    assert g.owners("The CQC will publish a national report.") == ["Care Quality Commission"]


# ------------------------------------------------------------------------------------ gazetteer
def test_no_area_is_built_into_the_rules() -> None:
    """Every name, alias and place of the bundled gazetteer is data: none is in the owner code."""
    code = "\n".join((ROOT / "kb" / "extract" / f).read_text(encoding="utf-8")
                     for f in ("owners.py", "gazetteer.py", "pipeline.py"))
    words = set(CORPUS_GAZETTEER.area)
    for p in CORPUS_GAZETTEER.parties:
        words.update(a for a in (p.name, *p.aliases) if len(a) >= 3)
    words.discard("Healthwatch")  # every English area has one: a naming convention
    national = {n for p in OwnerGazetteer(national=True).parties for n in (p.name, *p.aliases)}
    leaks = sorted(w for w in words - national if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", code))
    assert leaks == []
    assert OwnerGazetteer().canonical("UHCW") is None


def test_corpus_gazetteer_folds_its_aliases(corpus_gaz: OwnerGazetteer) -> None:
    for party in CORPUS_GAZETTEER.parties:
        assert corpus_gaz.canonical(party.name) == party.name
        for alias in party.aliases:
            assert corpus_gaz.canonical(alias) == party.name, alias
    for alias, names in CORPUS_GAZETTEER.collectives.items():
        assert corpus_gaz.resolve(alias) == list(names), alias


def _load_scorer():
    path = ROOT.parent / "shared" / "eval" / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("kb_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_corpus_gazetteer_folds_like_the_scorer(corpus_gaz: OwnerGazetteer) -> None:
    score = _load_scorer()
    if score is None:
        pytest.skip("shared/eval/score.py not beside the repository")
    for key, aliases in score.ALIASES.items():
        for alias in (key, *aliases):
            name = corpus_gaz.canonical(alias)
            assert name is not None, alias
            assert score.fold_owner(name) == key, (alias, name)


def test_an_area_s_short_names_stay_in_its_documents(corpus_gaz: OwnerGazetteer) -> None:
    other = corpus_gaz.for_document(f"{NCC} and {RFT} agreed this plan for Northshire.")
    # an acronym of the bundled area is not its body here: only initials, kept as the text gives
    # them (a doer named by initials); "the County Council" is Northshire's
    assert other.owners("WCC will consult residents.") == ["WCC"]
    assert other.owners("The County Council will consult residents.") == [NCC]
    assert other.owners("The CCGs will consult residents.") == ["CCGs"]  # this area's, as the text names them
    # a full name is still that body
    assert other.owners("Warwickshire County Council will host the event.") == ["Warwickshire County Council"]
    home = corpus_gaz.for_document("A plan for Coventry and Warwickshire.")
    assert home.owners("WCC will consult residents.") == ["Warwickshire County Council"]


def test_authors_table_says_what_references_mean(tmp_path: Path) -> None:
    f = tmp_path / "gazetteer.toml"
    f.write_text('[area]\nnames = ["Northshire"]\n'
                 f'[[party]]\nname = "{NCC}"\naliases = ["NCC"]\n'
                 '[authors."Northshire Health and Wellbeing Board"]\n'
                 f'"the Council" = "{NCC}"\n', encoding="utf-8")
    g = OwnerGazetteer(load_gazetteer(f))
    assert g.owners("The Council will consult residents.", author_org="Northshire Health and Wellbeing Board") == [NCC]


@pytest.mark.parametrize(("content", "message"), [
    ("[[party]\nname = 'x'", "invalid gazetteer"),
    ("[[party]]\nkind = 'org'", "has no name"),
    ("[[party]]\nname = 'X Trust'\nkind = 'company'", "kind must be"),
    ("[[party]]\nname = 'X Trust'\naliases = [3]", "X Trust"),
    ("[collective]\n'the trusts' = 3", "collective"),
])
def test_bad_gazetteer_is_one_line_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "gazetteer.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(f)
    assert str(f) in str(err.value) and message in str(err.value) and "\n" not in str(err.value)


def test_missing_gazetteer_is_empty(tmp_path: Path) -> None:
    assert load_gazetteer(tmp_path / "gazetteer.toml").parties == ()


def test_party_names_fold_and_shorten(tmp_path: Path) -> None:
    names = PartyNames.of(CORPUS_GAZETTEER)
    names.add(RFT, ["RFT"])
    names.add("Rural Forum Team", ["RFT"])  # the same letters, two bodies: folds to nothing
    path = tmp_path / "parties.json"
    names.save(path)
    back = PartyNames.load(path)
    assert back.canonical("UHCW") == "University Hospitals Coventry and Warwickshire NHS Trust"
    assert back.canonical("RFT") is None
    assert back.short["Warwickshire County Council"] == "WCC"
    assert PartyNames.load(tmp_path / "missing.json").aliases == {}


# ------------------------------------------------------------------------------------ a whole document
def test_a_northshire_document_end_to_end(corpus_gaz: OwnerGazetteer) -> None:
    """A made-up area through the pipeline, with the bundled area's gazetteer loaded: owners come
    from the document alone and never from the bundled area."""
    from kb.extract.pipeline import extract

    lines = [
        ("paragraph", NORTHSHIRE_TEXT, {}, None),
        ("paragraph", "The County Council will publish a tobacco control plan by March 2024.", {}, None),
        ("paragraph", "RFT will open two stop smoking clinics by June 2023, working with Public Health.", {}, None),
        ("list_item", "Run test purchases of tobacco in every district", {"owner": "Trading Standards"}, None),
        ("list_item", "Publish an annual report on smoking in pregnancy", {}, "The NTCA will:"),
        ("paragraph", "We will develop a smokefree homes campaign by 2024.", {}, None),
    ]
    blocks = [Block(kind=k, text=t, line=i + 1, fields=f, intro=intro, forward_context=True)
              for i, (k, t, f, intro) in enumerate(lines)]
    doc = Document(DocumentMeta(id="northshire-tobacco", title="Tobacco Control Strategy", organisation=""),
                   path="northshire.txt", sha256="0", source_kind="text", pages=None, blocks=blocks)
    records = {r.line: r for r in extract(doc, corpus_gaz) if r.kind != "evidence"}
    assert records[2].owners == [NCC]
    assert (records[3].owners, records[3].owner_source) == ([RFT], "grammar")
    assert (records[4].owners, records[4].owner_source) == (["Trading Standards"], "field")
    assert (records[5].owners, records[5].owner_source) == (["Northshire Tobacco Control Alliance"], "intro")
    assert records[6].owners == []
    bundled = {p.name for p in CORPUS_GAZETTEER.parties}
    assert not any(o in bundled for r in records.values() for o in r.owners)


# ------------------------------------------------------------------------------------ properties
_words = st.sampled_from(
    ["RFT", "the", "CCG", "CCGs", "with", "to", "by", "Board", "Group", "Lead", "-", "(", ")", "and", "&",
     "Jane", "Smith", "will", "We", "Health", "Wellbeing", "Boards", "Providers", "NCC", "Council",
     "Northshire", "County", "Local", "Authority", "Trust", "'", ",", ".", ":", "\t", "\n", "é", "…"]
)
_texts = st.one_of(st.text(max_size=200), st.lists(_words, max_size=40).map(" ".join))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts, intro=st.one_of(st.none(), _texts), field=st.one_of(st.none(), _texts),
       author=st.sampled_from([None, NCC, "Northshire CCG", ""]))
def test_owners_never_raise_and_are_canonical(north: OwnerGazetteer, text, intro, field, author) -> None:
    found = north.owners_of(text, author_org=author, intro=intro, field=field)
    assert len(found.names) == len(set(found.names))
    assert found.source in ("grammar", "field", "intro", "mention", "")
    assert bool(found.names) == bool(found.source)
    for o in found.names:
        assert o.strip() == o and o.lower() not in {"we", "our", "us"}
    for m in north.mentions(text, author_org=author):
        assert text[m.start_char:m.end_char] == m.surface


@settings(max_examples=60, deadline=None)
@given(text=_texts)
def test_learn_acronyms_never_raises(text) -> None:
    g = OwnerGazetteer()
    learnt = g.learn_acronyms(text + " (" + text[:6] + ")")
    for alias, name in learnt.items():
        assert g.canonical(alias) == name


# ------------------------------------------------------------------------------------ import cost
def test_import_and_folding_do_not_import_spacy() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from kb.extract.gazetteer import load_gazetteer\n"
        "from kb.extract.owners import OwnerGazetteer\n"
        f"g = OwnerGazetteer(load_gazetteer(Path({str(ROOT / 'corpus' / 'gazetteer.toml')!r})))\n"
        "assert g.canonical('UHCW')\n"
        "g.learn_acronyms('Local Workforce Action Board (LWAB)')\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_folder_s_gazetteer_is_not_a_skipped_document() -> None:
    from kb.api import describes_folder

    assert describes_folder(Path("corpus/gazetteer.toml"))
    assert not describes_folder(Path("corpus/gazetteer.txt"))


@pytest.mark.parametrize(("text", "expected"), [
    # a delegation names who is to act, not the body that delegates
    ("Delegate authority to the Director of Public Health, in consultation with the Leader, to agree the plan.",
     ["Director of Public Health"]),
    ("RESOLVED that the Cabinet delegated authority to the Corporate Director of Finance to set the budget.",
     ["Corporate Director of Finance"]),
    ("Delegate authority to Jane Smith to sign the contract.", ["Jane Smith"]),
    ("Our delegated authority will be reviewed next year.", []),
    # what is delegated, then to whom; a passive delegation; a participle that only describes
    ("DELEGATE any works needed to the branch buildings to the Director of Property.", ["Director of Property"]),
    ("Any activity that follows the decision will be delegated to the Head of Libraries.", ["Head of Libraries"]),
    ("Double the share of road funding delegated to Parish Councils", []),
    # the agent of an action written as a noun; not a paper's author line nor a supporter
    ("Review of the lettings policy by the Director of Housing before the summer", ["Director of Housing"]),
    ("Report by the Director of Finance", []),
    ("Training for front-line staff, supported by the Head of Learning", []),
])
def test_delegations(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


def test_a_body_named_in_full_is_known_by_its_initials() -> None:
    """Initials the naming convention gives a body the document names in full, used undefined."""
    text = "Hillside Borough Council set its budget. HBC will publish the plan in May."
    g = OwnerGazetteer().for_document(text)
    assert g.owners("HBC will publish the plan in May.") == ["Hillside Borough Council"]
    # two bodies with the same initials: neither is assumed (the initials stay as written)
    g = OwnerGazetteer().for_document("Hillside Borough Council and Highfield Borough Council met. HBC will act.")
    assert g.owners("HBC will publish the plan in May.") == ["HBC"]


# ------------------------------------------------------------------------------------ owners 2
@pytest.mark.parametrize(("field", "expected"), [
    # "<party> lead(s)" in a lead field: the party leads
    ("NPH lead", ["NPH"]),
    ("NPH leads for each area", ["NPH"]),
    ("Housing Lead", ["Housing Lead"]),  # no party before "Lead": a role title
    # who supports is a partner, not the lead
    ("Strategy Lead Supported by Policy Officer", ["Strategy Lead"]),
    ("Carers Lead with support from the Housing Team", ["Carers Lead"]),
    # a determiner inside the field starts another party
    ("Housing lead The Care Agency", ["Housing lead", "Care Agency"]),
    # a kind of party written in lower case is a party too (the field says so); a note is not
    ("Public Health; community pharmacies, housing associations",
     ["Public Health", "Community pharmacies", "Housing associations"]),
    ("the voluntary sector", ["Voluntary sector"]),
    ("to be confirmed", []),
    ("lead to be agreed at the next meeting", []),
    # a party joined to a named one as a kind in lower case, its head an agent noun; a "/" after a
    # lower-case word joins alternatives of one party
    ("NCC or an appointed contractor/builder", [NCC, "Appointed contractor/builder"]),
    ("NCC with appointed PPP builder partner", [NCC, "Appointed PPP builder partner"]),
    ("NCC and appointed contractor", [NCC, "Appointed contractor"]),
    ("Depot sites to be sold by NCC and private sector developers", [NCC, "Private sector developers"]),
    ("NCC and other partners", [NCC]),
    ("Public Health and other works", ["Public Health"]),
    ("RFT/NCC", [RFT, NCC]),
    # a partner "in partnership with" the lead is not an owner
    ("NCC in partnership with RFT and HHT", [NCC]),
    ("RFT working closely with the Northshire Tobacco Control Alliance", [RFT]),
])
def test_owner_field_conventions(north: OwnerGazetteer, field: str, expected: list[str]) -> None:
    assert north.field_owners(field) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a doer named only by initials the document never spells out
    ("HCD and PH need to agree a joint workforce plan.", ["HCD", "PH"]),
    ("QXT will publish the new leaflet in June.", ["QXT"]),
    # initials the document defined for a thing are no doer
    ("The GWP will include a falls service.", []),
    ("The WWTP will add two routes.", []),  # a minor word written with a capital is an initial
    # generic initials name no one body
    ("The CCG will review the contract.", []),
    # a delegation worded as a passive still names the delegate
    ("That delegated authority be given to the Director of Public Health to agree the contract.",
     ["Director of Public Health"]),
])
def test_doers_by_initials_and_delegation(text: str, expected: list[str]) -> None:
    g = OwnerGazetteer().for_document("Our Good Wellbeing Plan (GWP) was agreed in May. The Walk With "
                                      "and Talk Programme (WWTP) is run by volunteers.")
    assert g.owners(text, author_org=NCC) == expected


@pytest.mark.parametrize(("intro", "outer", "expected"), [
    # an intro that names no doer passes the question up to the lead-in above it
    ("Develop workforce plans:", ("Hospital providers should:",), ["Hospital providers"]),
    ("Improving access, by:", ("Over the next year RFT will pursue two aims:",), [RFT]),
    # the nearest lead-in that names a doer wins
    ("HHT will:", ("RFT will:",), [HHT]),
    # a lead-in that announces nothing passes nothing
    ("Develop workforce plans:", ("RFT opened a clinic in 2019.",), []),
])
def test_nested_lead_ins_pass_their_doer(north: OwnerGazetteer, intro, outer, expected) -> None:
    assert north.owners("Record the follow-up date for every patient", intro=intro, outer_intros=outer) == expected


def test_a_run_of_lead_ins_takes_the_doer_of_its_first(north: OwnerGazetteer) -> None:
    # "<body>'s aims:" then "Raising awareness ... :" over its own list: the second is the body's aim
    first = ("The Northshire Tobacco Control Alliance’s aims for 2026:",)
    assert north.owners("Raising awareness in schools of the needs of young carers:", author_org=NCC,
                        outer_intros=first) == ["Northshire Tobacco Control Alliance"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Publish a tobacco control plan", ["Northshire Tobacco Control Alliance"]),
    # the item names its own doer, the author: the lead-in's doer does not pass down
    ("We will publish a tobacco control plan", []),
])
def test_an_item_saying_we_takes_no_doer_from_its_lead_in(north: OwnerGazetteer, text, expected) -> None:
    assert north.owners(text, intro="The Tobacco Control Alliance will:") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # where a duty lies names who is to act
    ("The onus will be on the Housing Options Team to report repairs within a week.", ["Housing Options Team"]),
    (f"Responsibility for the annual survey rests with {NCC}.", [NCC]),
    ("The onus of proof is a legal idea.", []),
])
def test_where_a_duty_lies(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # whom the author urges or requires to act is the doer of what follows
    ("We encourage local systems to share their results on the hub.", ["Local systems"]),
    (f"We will require {NCC} to publish the data.", [NCC]),
    # what a writer expects of a party, also where the parser makes the party the infinitive's subject
    ("We expect local systems to agree a shared workforce plan.", ["Local systems"]),
    (f"We expect {NCC} to publish the data every quarter.", [NCC]),
    # a partner, a beneficiary, an addressee are not
    (f"We will work with {NCC} to publish the data.", []),
    ("We will support local systems to share their results.", []),
    ("We ask local systems to note the report.", []),
])
def test_the_author_urging_another_to_act(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "author", "expected"), [
    # the meeting's own body deciding or taking note is not the one named to act
    ("Cabinet endorsed the draft budget to be presented to the full Council in March.", NCC, []),
    ("The Board noted that a new housing plan was being drafted.", RFT, []),
    ("The Board agreed to transfer the service to the County Council.", RFT, []),
    # the same body named to act is
    ("The Board will receive a report every quarter.", RFT, [RFT]),
    # a body named in full that agrees to act is still the doer
    (f"{HHT} agreed to run the clinics.", RFT, [HHT]),
])
def test_a_deciding_body_is_not_the_one_to_act(north: OwnerGazetteer, text, author, expected) -> None:
    assert north.owners(text, author_org=author) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a council's Cabinet is a body of its own, named after the council ("the Council" is the
    # document's own body, so "Cabinet" is its Cabinet)
    ("Cabinet is asked to approve the parking strategy.", [f"{NCC} Cabinet"]),
    ("The Cabinet will receive the options appraisal in July.", [f"{NCC} Cabinet"]),
    (f"{NCC} Cabinet will receive the options appraisal in July.", [f"{NCC} Cabinet"]),
    ("Eastfield Borough Council Cabinet will receive the options appraisal.", ["Eastfield Borough Council Cabinet"]),
    # another council named in full is that council, not the author read from its type words
    ("Eastfield Borough Council will run the consultation in May.", ["Eastfield Borough Council"]),
    ("Westmere County Council will run the consultation in May.", ["Westmere County Council"]),
    ("Westmere City Council and Eastfield Borough Council will run it.", ["Westmere City Council", "Eastfield Borough Council"]),
    ("The County Council will run the consultation in May.", [NCC]),
    # a role is still a role
    ("The Cabinet Member for Transport will report in May.", ["Cabinet Member for Transport"]),
])
def test_a_councils_cabinet_and_other_councils_named_in_full(north: OwnerGazetteer, text, expected) -> None:
    assert north.owners(text, author_org=NCC) == expected


@pytest.mark.parametrize("text, learnt", [
    (f"{NCC} agreed the plan. NCC will review it in 2025.", True),             # initials used as a word
    (f"{NCC} agreed the plan (NCC).", True),
    (f"{NCC} agreed the plan. The NCC-led review follows.", True),             # a hyphen ends a word
    (f"{NCC} agreed the plan. The NCCG review follows.", False),               # inside a longer word
    (f"{NCC} agreed the plan. The &NCC review follows.", False),               # '&' belongs to the word
    (f"{NCC} agreed the plan. The xNCC code follows.", False),
    (f"{NCC} agreed the plan.", False),                                         # never written by its initials
])
def test_a_body_named_in_full_is_known_by_its_initials_only_where_they_are_a_word(text, learnt):
    g = OwnerGazetteer().for_document(text)
    assert (g.canonical("NCC") == NCC) is learnt


# ------------------------------------------------------------------------------------ minutes and fragments
@pytest.mark.parametrize(("text", "expected"), [
    # a speaker reporting who will act is not the doer: the reported clause's doer is
    (f"Ms Patel (Head of Legal) confirmed that the appeal would be heard by {HHT} in June.", [HHT]),
    (f"Mr Jones advised that {NCC} would consult tenants in May.", [NCC]),
    ("Ms Ada Quill reported that the new depot would open in the autumn.", []),
    # ... unless the reported clause refers back to the speaker
    ("Ms Ada Quill confirmed that she would circulate the figures to members.", ["Ada Quill"]),
])
def test_reported_speech_names_the_doer_of_the_reported_clause(north: OwnerGazetteer, text, expected) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a participle describing the object acted on names no doer
    ("RESOLVED that the Panel agree to move the duties carried out by the Housing Options Team to the Lettings Unit.",
     []),
    # one describing the subject still does
    ("Each inspection undertaken by the Care Quality Commission will be published within a month.",
     ["Care Quality Commission"]),
    # a purpose clause states a goal: its subject is not the doer
    (f"The cleaning contract is due to be extended for a year to ensure {NCC} keeps a service in every town.", []),
    # the agent of a conjunct passive under "continue to be"
    ("These plans would continue to be reviewed and signed off by the Fostering and Adoption (FAS) service.",
     ["Fostering and Adoption service"]),
])
def test_participles_purposes_and_units(north: OwnerGazetteer, text, expected) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "intro", "expected"), [
    # the body that resolves is not the one named to act; "on behalf of" names a beneficiary
    (f"Adopt the Housing Strategy on behalf of {NCC}", "RESOLVED that the Panel agree to:", []),
    (f"Adopt the Housing Strategy on behalf of {NCC}", "RESOLVED that Cabinet agree to:", []),
    # a speaker's update introduces what was said, not what the speaker will do
    ("Preparations were being made for the new duties.",
     "Ms Ada Quill, Cabinet Member for Housing, provided an update on the following:", []),
    ("Open two new clinics", "Mr Tom Reid reported:", []),
    # a lead-in that names a doer in a that-clause still passes it down
    ("Open two new clinics", f"It was noted that {RFT} will:", [RFT]),
])
def test_minutes_lead_ins(north: OwnerGazetteer, text, intro, expected) -> None:
    assert north.owners(text, author_org=NCC, intro=intro) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a body qualifying a document's name, or supported by it, is no doer of the item
    ("Public Health & Housing Options Team Business Plan & Street Wardens", []),
    ("Northshire Tobacco Control Alliance (NTCA) - Young People Action Plan", []),
    ("Parks Design Guide supporting Northshire Libraries Service", []),
    # a body named as the doer of a fragment still is
    ("Public Health and Trading Standards will run test purchases of tobacco.", ["Public Health", "Trading Standards"]),
])
def test_bodies_that_name_a_document(north: OwnerGazetteer, text, expected) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a role whose portfolio is a list joined by commas is one role
    ("The Corporate Director Housing, Parks and Libraries will publish the plan.",
     ["Corporate Director Housing, Parks and Libraries"]),
    ("The Cabinet Member for Adults, Health and Housing will report in May.",
     ["Cabinet Member for Adults, Health and Housing"]),
    ("The Cabinet Member for Housing will report in May.", ["Cabinet Member for Housing"]),
])
def test_role_titles_with_a_portfolio_list(north: OwnerGazetteer, text, expected) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("field", "expected"), [
    # a role title followed by its unit is one owner; a second unit after it is another
    ("Project Officer, Parks and Open Spaces Team, Housing Options Team",
     ["Project Officer, Parks and Open Spaces Team", "Housing Options Team"]),
    ("Finance Manager, Revenues Service", ["Finance Manager, Revenues Service"]),
    # a person after a role is not a unit
    ("Finance Manager, Jane Smith", ["Finance Manager"]),
])
def test_a_role_in_its_unit(north: OwnerGazetteer, field, expected) -> None:
    assert north.field_owners(field) == expected


@pytest.mark.parametrize(("text", "kw", "expected"), [
    # "As a CCG, we": what the author acts as names "we"
    ("As a CCG we will commission two new clinics.", {}, ["NHS Riverside Clinical Commissioning Group"]),
    ("joining up the records of the two practices", {"intro": "As a CCG, we intend to support integration by:"},
     ["NHS Riverside Clinical Commissioning Group"]),
    ("We will commission two new clinics.", {}, []),
    # a workstream named with what it works on is a doer; "the workstream" alone refers back
    ("A housing support workstream will map the demand in each district.", {}, ["Housing support workstream"]),
    ("The workstream will map the demand in each district.", {}, []),
    # a section that says who leads its work gives its items their owner when they name none
    ("Map the demand in each district", {"section_lead": "Leadership for this resides with the Northshire "
                                                          "Workforce Board (NWB), with support from partners."},
     ["Northshire Workforce Board"]),
    ("Map the demand in each district", {"section_lead": "This programme will be overseen by the Northshire "
                                                          "Workforce Board and Public Health."},
     ["Northshire Workforce Board", "Public Health"]),
    # an item that says itself who holds it
    ("Responsibility for the annual audit will sit with the Northshire Workforce Board.", {},
     ["Northshire Workforce Board"]),
    ("Responsibility for the annual audit will sit with the Northshire Workforce Board.",
     {"section_lead": "This programme will be overseen by Public Health."}, ["Northshire Workforce Board"]),
    # ... not to an item saying "we", nor without such a sentence
    ("We will map the demand in each district", {"section_lead": "Leadership for this rests with the "
                                                                   "Northshire Workforce Board (NWB)."}, []),
    ("Map the demand in each district", {"section_lead": "The Northshire Workforce Board met in May."}, []),
    # a report's recommendations addressed to a party are that party's to act on
    ("Publish the waiting times on the website", {"section_lead": "Our recommendations for the Northshire "
                                                                    "Workforce Board are set out below:"},
     ["Northshire Workforce Board"]),
    ("Publish the waiting times on the website", {"section_lead": "Recommendations to improve access "
                                                                    "follow."}, []),
    ("Publish the waiting times on the website", {"section_lead": "The project will make recommendations to "
                                                                    "the Northshire Workforce Board."}, []),
    # ... also to a kind of party, named as that kind is when it acts
    ("Offer evening appointments once a week", {"section_lead": "Below is a list of recommendations for dental "
                                                                  "practices in Northvale based on what patients "
                                                                  "told us."}, ["Dental practices"]),
    ("Publish the waiting times on the website", {"section_lead": "Our recommendations for hospitals across "
                                                                    "the county are:"}, ["Hospitals"]),
    ("Publish the waiting times on the website", {"section_lead": "Our recommendations for the coming year "
                                                                    "are:"}, []),
    ("Publish the waiting times on the website", {"section_lead": "Our recommendations for improving access "
                                                                    "are:"}, []),
    # ... or addressed to it by what they ask of it
    ("Publish the waiting times on the website", {"section_lead": "These recommendations call for joint action "
                                                                    "by the Northshire Workforce Board."},
     ["Northshire Workforce Board"]),
    ("Publish the waiting times on the website", {"section_lead": "The following recommendations are addressed "
                                                                    "to the Northshire Workforce Board:"},
     ["Northshire Workforce Board"]),
    ("Publish the waiting times on the website", {"section_lead": "These recommendations reflect the action by "
                                                                    "patients, who had to chase their results."},
     []),  # people at large are no party responsible
])
def test_what_we_act_as_and_who_leads_a_section(text, kw, expected) -> None:
    g = OwnerGazetteer().for_document("A plan of the Riverside CCG and the Northshire Workforce Board (NWB).")
    assert g.owners(text, author_org="NHS Riverside Clinical Commissioning Group", **kw) == expected


def test_a_section_lead_applies_to_its_own_section_only() -> None:
    """'Leadership for this resides with X' in a section's text: its items that name no owner are
    X's; a sibling section's items are not, nor items before the sentence."""
    from kb.extract.pipeline import extract

    lines = [
        ("paragraph", "Map the demand for respite care in each district", ("Plan", "Carers")),
        ("paragraph", "Leadership for this resides with the Northshire Carers Board, supported by the districts.",
         ("Plan", "Carers")),
        ("list_item", "Publish a carers' charter by June 2025", ("Plan", "Carers")),
        ("list_item", "Open a carers' hub in each district by 2026", ("Plan", "Carers", "Young carers")),
        ("list_item", "Publish a housing register by June 2025", ("Plan", "Housing")),
    ]
    blocks = [Block(kind=k, text=t, line=i + 1, section=sec, forward_context=True)
              for i, (k, t, sec) in enumerate(lines)]
    doc = Document(DocumentMeta(id="northshire-carers", title="Carers Plan", organisation=""),
                   path="northshire.txt", sha256="0", source_kind="text", pages=None, blocks=blocks)
    records = {r.line: r for r in extract(doc, OwnerGazetteer()) if r.kind != "evidence"}
    assert records[1].owners == []
    assert records[3].owners == ["Northshire Carers Board"]
    assert records[4].owners == ["Northshire Carers Board"]
    assert records[5].owners == []


def test_a_section_lead_over_sub_headings_of_its_own_level(tmp_path) -> None:
    """A section that ends on who its recommendations are for, with the headings of its lists printed
    at its own level, leads those lists; not a sibling section that opens with prose, nor the next
    part of the report."""
    text = ("Northvale Patient Voice Report\n"
            "Experiences of Dental Services\n"
            "Waiting for treatment\n"
            "Most people who wrote to us had waited more than three months for a check-up.\n"
            "Recommendations\n"
            "Below is a list of recommendations for dental practices in Northvale based on what patients "
            "told us this quarter.\n"
            "Booking\n"
            "1. Offering evening appointments for working patients at least once a week.\n"
            "2. Publishing the waiting list for new patients on the practice website.\n"
            "Information\n"
            "1. Explaining the charges for each band of treatment before the first visit.\n"
            "What happens next\n"
            "The local dental committee meets in June and will consider this report.\n"
            "1. Reviewing the report at the autumn meeting of the board.\n"
            "Experiences of Pharmacy Services\n"
            "Opening hours\n"
            "1. Extending the opening hours of the town centre pharmacy on Sundays.\n")
    owners = _owners_by_first_word(tmp_path / "2025-03_healthwatch-northvale_patient-voice.txt", text)
    assert owners["Offering"] == owners["Publishing"] == owners["Explaining"] == ["Dental practices"]
    assert owners["Reviewing"] == []
    assert owners["Extending"] == []


@pytest.mark.parametrize(("previous", "text", "expected"), [
    # a subject that only refers back to the doer of the sentence before: "the" and its head word, "They"
    ("The Eastmoor Fostering Service will recruit twenty new carers this year.",
     "The service will also open a support line for carers by June.", ["Eastmoor Fostering Service"]),
    ("The repairs working group, with members from each estate, has met twice.",
     "The group is now drafting a charter for repairs.", ["Repairs working group"]),
    ("Housing associations must publish their repair times each quarter.",
     "They must also report the number of homes left empty.", ["Housing associations"]),
    # ... not a head word the doer's name does not end in, nor more words, nor those acted upon
    ("Housing associations must publish their repair times each quarter.",
     "The service will open a support line by June.", []),
    ("The Eastmoor Fostering Service will recruit twenty new carers this year.",
     "The service users will be invited to a review in June.", []),
    ("Housing associations must publish their repair times each quarter.",
     "They will be offered a grant towards the cost.", []),
    # ... nor a sentence before that names no doer
    ("Tenants told us that repairs take too long.", "They will be invited to a meeting in May.", []),
])
def test_a_subject_refers_back_to_the_doer_just_named(previous: str, text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().owners(text, previous=previous) == expected
    assert OwnerGazetteer().owners(text) == []


def test_a_paragraph_s_next_sentence_refers_back_to_its_doer(tmp_path) -> None:
    text = ("Fostering\n\n"
            "The Eastmoor Fostering Service will recruit twenty new carers this year. The service will also "
            "open a support line for carers by June 2026.\n")
    owners = _owners_by_first_word(tmp_path / "2025-04_eastmoor-council_fostering-plan.txt", text)
    assert owners["The"] == ["Eastmoor Fostering Service"]


@pytest.mark.parametrize(("text", "expected"), [
    # "as a CCG, we" also after an opening phrase
    ("As noted above, as a CCG we are committed to funding two pilots.", ["NHS Riverside Clinical Commissioning Group"]),
    # an item that makes sure another party acts names that party
    ("Ensure that the CCG works with member practices to recruit nurses", ["NHS Riverside Clinical Commissioning Group"]),
    (f"Ensure that {NCC} publishes the register every quarter", [NCC]),
    ("Ensure that all staff are trained by March 2025", []),
    # a party that requires or expects another to act: both act
    (f"The CCG will expect {RFT} to absorb its cost pressures.", ["NHS Riverside Clinical Commissioning Group", RFT]),
    (f"The CCG will require {NCC} to publish the data.", ["NHS Riverside Clinical Commissioning Group", NCC]),
])
def test_parties_required_or_made_sure_of(text, expected) -> None:
    g = OwnerGazetteer().for_document("A plan of the Riverside CCG.")
    assert g.owners(text, author_org="NHS Riverside Clinical Commissioning Group") == expected


def test_a_lead_in_names_who_makes_sure() -> None:
    """'Ensure X ...' under 'ICS leads should:' is the leads' to make sure of; alone, X is named."""
    g = OwnerGazetteer().for_document(NORTHSHIRE_TEXT)
    assert g.owners("Ensure RFT reviews every referral", intro="ICS leads should:") == ["ICS leads"]
    assert g.owners("Ensure RFT reviews every referral") == [RFT]
    assert g.owners("Ensure that appropriate IT systems can exchange records") == []


@pytest.mark.parametrize(("text", "expected"), [
    # one of a kind of body, each to act, is the kind
    ("Each ICS to have a shared waiting list for cataract surgery.", ["ICSs"]),
    ("Every practice will offer online booking by June.", ["Practices"]),
    ("All trusts to have in place a procedure for reviewing long waits.", ["Trusts"]),
    ("Each locality completes a review of its day services.", []),  # no body named by its kind
])
def test_each_of_a_kind_of_body(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("intro", "expected"), [
    ("Local systems are asked to:", ["Local systems"]),  # the party asked acts
    ("Primary care networks are encouraged to:", ["Primary care networks"]),
])
def test_a_party_asked_to_act_owns_the_list(north: OwnerGazetteer, intro: str, expected: list[str]) -> None:
    assert north.owners("set up a delivery group with clinical leads", intro=intro) == expected


def test_an_addressee_asked_to_note_is_no_owner(north: OwnerGazetteer) -> None:
    assert north.owners("Local systems are asked to note the report and its appendices.") == []


@pytest.mark.parametrize(("text", "author", "expected"), [
    ("WBC will publish the revised plan by May.", "Westbay Borough Council", ["Westbay Borough Council"]),
    ("WBC will publish the revised plan by May.", "Eastmoor Borough Council", ["WBC"]),  # someone else's initials
])
def test_the_authors_initials_are_the_author(north: OwnerGazetteer, text, author, expected) -> None:
    assert north.owners(text, author_org=author) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Scrutiny Committee is asked to endorse the revised work programme.", ["Scrutiny Committee"]),
    ("Local systems are asked to agree a shared referral form by July.", ["Local systems"]),
    ("The Scrutiny Committee is asked to note the revised work programme.", []),  # taking note is no act
])
def test_a_party_asked_to_decide_owns_the_decision(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Hospitals should set up their own recall systems for follow-up tests.", ["Hospitals"]),
    ("Community pharmacies will offer blood pressure checks from April.", ["Community pharmacies"]),
    ("Accredited optometrists will take referrals directly from GPs.", ["Accredited optometrists"]),
    ("Each participating pharmacy must display the scheme's poster.", ["Participating pharmacies"]),
])
def test_kinds_of_care_body_are_doers(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "marked", "expected"), [
    # a recogniser's part of a name grows to the capitalised words joined by "and", "of", "for"
    ("Better Care for Westmarch is investing £2m in rural clinics.", "Better Care", "Better Care for Westmarch"),
    ("The Millbrook and Easton Community Foundation will fund projects.", "Easton Community Foundation",
     "Millbrook and Easton Community Foundation"),
    ("Friends of Hartley Park will plant trees.", "Hartley Park", "Friends of Hartley Park"),
    # a determiner, a lower-case word or a joining word at the edge ends it
    ("The Easton Trust and the council will meet.", "Easton Trust", "Easton Trust"),
    ("Easton Trust for young people will open a centre.", "Easton Trust", "Easton Trust"),
])
def test_whole_name_around_a_recognised_part(text: str, marked: str, expected: str) -> None:
    from kb.extract.nlp import parse
    from kb.extract.owners import _whole_name
    doc = parse(text)
    start = text.index(marked)
    span = doc.char_span(start, start + len(marked))
    a, b = _whole_name(doc, span.start, span.end - 1, 0, len(text))
    assert text[a:b] == expected


def test_a_body_named_by_the_end_of_its_full_name() -> None:
    """"The Scrutiny Committee" is the one committee the document names in full with those last
    words; where two bodies end so ("Programme Board"), the short name stays as written."""
    text = ("The Westmarch Adult Care and Housing Scrutiny Committee agreed the scope. "
            "The Stroke Programme Board and the Cancer Programme Board will report to it.")
    g = OwnerGazetteer().for_document(text)
    assert g.owners("The Scrutiny Committee will publish its report by March.") == [
        "Westmarch Adult Care and Housing Scrutiny Committee"]
    assert g.owners("The Programme Board will meet monthly.") == ["Programme Board"]
    # a role in a body is not a longer name of the body
    g = OwnerGazetteer().for_document("Chair of Westmarch Housing Partnership Board: Cllr A Khan.\tAction Plan\t"
                                      "Westmarch Housing Partnership Board")
    assert g.owners("Westmarch Housing Partnership Board will review the plan.") == [
        "Westmarch Housing Partnership Board"]
    # another document names no such committee: nothing carries over
    other = OwnerGazetteer().for_document("The Scrutiny Committee will publish its report by March.")
    assert other.owners("The Scrutiny Committee will publish its report by March.") == ["Scrutiny Committee"]


def test_a_numbered_label_before_the_clause_names_no_one() -> None:
    """"Recommendation 3: X to ...": the label orders the report; the clause after it names the doer."""
    from kb.extract.pipeline import extract

    texts = ["Recommendation 3: Northshire Skills Agency to work with colleges to expand the apprenticeship offer.",
             "Action 2.1 - Eastvale Housing Partnership will retrofit 200 homes by 2027."]
    blocks = [Block(kind="paragraph", text=t, line=i + 1, section=("Plan",), forward_context=True)
              for i, t in enumerate(texts)]
    doc = Document(DocumentMeta(id="northshire-skills", title="Skills Plan", organisation=""),
                   path="northshire.txt", sha256="0", source_kind="text", pages=None, blocks=blocks)
    records = {r.line: r for r in extract(doc, OwnerGazetteer()) if r.kind != "evidence"}
    assert records[1].owners == ["Northshire Skills Agency"]
    assert records[2].owners == ["Eastvale Housing Partnership"]


def _owners_by_first_word(path: Path, text: str) -> dict[str, list[str]]:
    """Write `text` as a text export at `path`, extract it, and give each record's owners by the
    first word of its text (evidence left out)."""
    from kb.extract.pipeline import extract
    from kb.sources import load_document

    path.write_text(text, encoding="utf-8")
    return {r.text.split()[0]: r.owners for r in extract(load_document(path)) if r.kind != "evidence"}


def test_numbered_actions_take_the_doer_of_the_title_over_them(tmp_path) -> None:
    """A hard-wrapped export of an action table: numbered actions that name no doer take the one the
    title over them names, up to the next such title; one that names its own keeps it."""
    text = ("Eastvale Borough Council Clean Air Action Plan 2021-2026\n\n"
            "Eastvale Borough Council sets out in this plan what it will do to clean the air of the town.\n\n"
            "Objective  Action  Timescale\n"
            "2.1 Cleaner air around   Actions Eastvale Borough Council  can take\n"
            "schools\n"
            "2.1.1 Extend the school streets scheme to ten more primary schools  Medium Term\n"
            "2.1.2 Riverside Buses will replace its oldest diesel buses by 2024\n"
            "How Central Government can help\n"
            "2.1.3 Review the national funding of clean air schemes\n")
    owners = _owners_by_first_word(tmp_path / "2021-04_eastvale-bc_clean-air-action-plan.txt", text)
    assert owners["2.1.1"] == ["Eastvale Borough Council"]
    assert owners["2.1.2"] == ["Riverside Buses"]
    assert owners["2.1.3"] == ["Central Government"]


@pytest.mark.parametrize(("text", "expected"), [
    # a list of names the parser hangs as an apposition
    ("This recommendation is accepted in full by the Eastvale Government, the Northvale Government, "
     "the Westvale Government and the Southvale Executive.",
     ["Eastvale Government", "Northvale Government", "Westvale Government", "Southvale Executive"]),
    # a plain apposition is one party named twice, not two
    ("The Chair of the Board, Cllr Priya Khan, will write to the minister.", []),
    # governments, agencies and offices by their naming convention; a sector is none
    ("The Eastvale Health Security Agency will publish guidance on heat.", ["Eastvale Health Security Agency"]),
    ("The Home Office will fund the scheme.", ["Home Office"]),
    ("Lobby the Eastvale Local Government Pension Scheme to divest.", []),
    # ministers are role titles
    ("The Prime Minister has committed to bringing forward legislation by April 2026.", ["Prime Minister"]),
    ("The First Minister will consider revisions to the code in the coming months.", ["First Minister"]),
    ("The Minister for Health will review the scheme.", ["Minister for Health"]),
    ("The Chief Executive will report in May.", ["Chief Executive"]),
])
def test_lists_and_conventional_names_of_bodies(text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a body's teams named by where or what they work on are a part of it, not the body
    ("RFT regional teams will set up an eye care board.", ["RFT regional teams"]),
    ("The RFT local delivery teams will publish the plan.", ["RFT local delivery teams"]),
    ("RFT will set up an eye care board with regional teams.", [RFT]),
])
def test_a_body_s_teams(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text, author_org=NCC) == expected


@pytest.mark.parametrize(("heading", "expected"), [
    ("Northvale Government", ["Northvale Government"]),  # a document set out body by body
    ("4.2 Eastvale Borough Council", ["Eastvale Borough Council"]),
    ("Working with Eastvale Borough Council", []),  # a heading that only mentions a body
    ("Stroke", []),
    ("IMPROVE DIABETES SERVICES", []),  # an aim set in capitals, though "... Services" may name a body
    # a body's plan of work: its actions are the body's
    ("Eastvale Borough Council Access Improvement Plans", ["Eastvale Borough Council"]),
    ("Eastvale Borough Council Delivery Plan 2025-26", ["Eastvale Borough Council"]),
    ("Eastvale Borough Council Annual Report", []),  # a report is no plan of work
    ("Plans for Eastvale Borough Council", []),
])
def test_a_heading_that_is_a_body_owns_the_items_under_it_that_name_none(heading, expected) -> None:
    g = OwnerGazetteer()
    assert g.owners("Further engagement will be needed to agree the next steps.", heading=heading) == expected
    assert g.owners("We will review the policy in 2026.", heading=heading) == []  # "we" names its doer


def test_work_given_to_a_party_is_owned_by_that_party(north: OwnerGazetteer) -> None:
    assert north.owners("The Board has asked Riverside NHS Foundation Trust to review its discharge policy.") == [RFT]


@pytest.mark.parametrize(("text", "expected"), [
    # "the Government" of an English public document is the UK Government
    ("The Government will publish the new planning framework in the spring.", ["UK Government"]),
    ("HM Government will consult on the levy before it is introduced.", ["UK Government"]),
    # a devolved government, or central government as a plan's own heading names it, keeps its name
    ("The Welsh Government will publish its own framework.", ["Welsh Government"]),
    ("Central Government will fund the first two schemes.", ["Central Government"]),
    # lobbied, it is no doer
    ("We will lobby the Government for a fairer funding settlement.", []),
])
def test_the_government(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text, author_org=NCC) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a person the document named in full with a title is later written by title and surname
    ("Councillor Holt will present the options to the panel in June.", ["Amira Holt"]),
    ("Dr Okafor will lead the audit of discharge letters.", ["Tunde Okafor"]),
    # a surname the document never gave in full names nobody it knows
    ("Dr Smith will lead the audit of discharge letters.", []),
])
def test_a_person_by_title_and_surname(text: str, expected: list[str]) -> None:
    document = ("The panel is chaired by Councillor Amira Holt. Dr Tunde Okafor is the clinical lead. " + text)
    g = OwnerGazetteer().for_document(document)
    assert g.owners(text, author_org=NCC) == expected


def test_two_whole_group_names_joined_are_two_bodies() -> None:
    """A document that runs "Parks Services and Housing Services" together names two bodies: a
    field naming one of them names that one, not the pair."""
    g = OwnerGazetteer().for_document("The rangers (with the Tree Team ) Parks Services and Housing Services will "
                                      "plant the verges. The Adult Social Care and Public Health Committee agreed.")
    assert g.field_owners("Housing Services") == ["Housing Services"]
    assert "Adult Social Care and Public Health Committee" in g._doc_groups


@pytest.mark.parametrize(("text", "expected"), [
    # how many of a kind of body act is no part of its name, in words or in figures
    ("Four practices will pilot the new triage system.", ["Practices"]),
    ("12 practices are moving to the new triage system this year.", ["Practices"]),
    ("All practices will offer online booking by April.", ["Practices"]),
])
def test_a_count_is_no_part_of_a_groups_name(text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().owners(text, author_org=NCC) == expected


@pytest.mark.parametrize(("field", "expected"), [
    # a PDF export's space before a comma is no part of a role's name
    ("Cabinet Member for Parks , Leisure & Culture", ["Cabinet Member for Parks, Leisure & Culture"]),
    ("Director of Housing , Planning & Regeneration", ["Director of Housing, Planning & Regeneration"]),
])
def test_a_role_field_written_with_a_space_before_its_comma(field, expected):
    assert OwnerGazetteer().for_document("").field_owners(field) == expected


@pytest.mark.parametrize("status", ["Draft", "Final", "Version"])
def test_a_version_in_an_approval_table_is_no_part_of_the_body_named_after_it(status):
    text = (f"Document approval\nVersion Approved by Date\n{status} Senior Management Team 14/03/2025\n"
            "The Senior Management Team will review the plan each quarter.")
    g = OwnerGazetteer().for_document(text)
    assert g.owners("The Senior Management Team will review the plan each quarter.") == ["Senior Management Team"]


@pytest.mark.parametrize(("text", "expected"), [
    # a group formed for a piece of work, named by its kind: the doer as the text gives it
    ("A working group will draft the new allocations policy by June.", ["Working group"]),
    ("The steering group is currently reviewing the bids received.", ["Steering group"]),
    ("A task and finish group will review the parking charges.", ["Task and finish group"]),
    ("A panel of local residents will judge the design entries.", ["Panel of local residents"]),
    ("The subgroup plans to visit each depot before the summer.", ["Subgroup"]),
    # a bare "the group" refers back to one named before; a group to be set up is no doer
    ("The group will meet monthly.", []),
    ("A residents' forum is to be set up to advise on the street design.", []),
    ("The enforcement team is expected to be recruited by May.", []),
])
def test_a_group_named_by_its_kind_is_the_doer(text, expected):
    assert OwnerGazetteer().for_document("").owners(text) == expected


def test_a_group_in_a_lead_in_passes_no_doer_to_the_list():
    """"The housing group has set three areas of focus:" tells what the group chose to look at; its
    items are areas, not the group's undertakings."""
    g = OwnerGazetteer().for_document("")
    assert g.owners("Temporary accommodation", intro="The housing group has set three areas of focus:") == []


def test_a_lead_in_pointing_back_passes_the_doer_of_the_paragraph_before():
    g = OwnerGazetteer().for_document("")
    outer = ("To cut the cost of upkeep, local systems are expected to adopt a plan for each clinic and report "
             "on it each year.",)
    assert g.owners("Survey every waiting room", intro="For the clinics this can be summarised as:",
                    outer_intros=outer) == ["Local systems"]


@pytest.mark.parametrize("text, expected", [
    # a lead in brackets after the action's full stop, or at the end of a bullet, as action plans print it
    ("We will cut the wait for a home adaptation to twelve weeks by March 2023. (Housing Options Team)",
     ["Housing Options Team"]),
    ("- open two more warm spaces in the south of the borough (Adult Social Care);", ["Adult Social Care"]),
    ("We will publish a falls prevention leaflet for every GP surgery. (Lead: Public Health)", ["Public Health"]),
    ("- pilot a social prescribing link worker in each market town (Riverside NHS Foundation Trust and GP practices).",
     [RFT, "GP practices"]),
    # a bracket that spells out, abbreviates or glosses the words before it names no lead
    ("We will set up a Falls Prevention Steering Group (FPSG).", []),
    ("We will offer an annual review to everyone seen by the multidisciplinary teams (MDT).", []),
    ("The review panel will be chaired by Dr Amir Khan (Director of Public Health).", []),
    ("We will widen access to the programme for all new parents (Making Every Contact Count).", []),
    ("We will improve services for people with sight loss (see section 4).", []),
    ("We will report on progress every quarter (in year 2).", []),
    ("We will add rapid chargers at the park and ride sites. (Taxi and HGV)", []),  # uses, no parties
])
def test_a_bracketed_lead_at_the_end_of_an_action(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.bracketed_lead(text) == expected
    if expected:  # the lead is a field: it names the owner, whatever the grammar finds
        assert north.owners_of(text) == Owners(expected, "field")


@pytest.mark.parametrize("text, sentences", [
    # a lead or a source in brackets after the full stop stays with its sentence
    ("We will cut the wait for a home adaptation to twelve weeks by March 2023. (Housing Options Team)",
     ["We will cut the wait for a home adaptation to twelve weeks by March 2023. (Housing Options Team)"]),
    ("We will cut the wait for a home adaptation to twelve weeks by March 2023. (Housing Options Team) We will "
     "also review the grant policy in 2024.",
     ["We will cut the wait for a home adaptation to twelve weeks by March 2023. (Housing Options Team)",
      "We will also review the grant policy in 2024."]),
    # a bracketed sentence of its own stays one
    ("We will open the hub by March. (In the second year we will add an evening service for carers.) Then more.",
     ["We will open the hub by March.", "(In the second year we will add an evening service for carers.)",
      "Then more."]),
])
def test_a_bracketed_note_after_the_full_stop_stays_with_its_sentence(text: str, sentences: list[str]) -> None:
    from kb.extract.nlp import split_sentences

    assert split_sentences(text) == sentences


@pytest.mark.parametrize(("document", "text", "expected"), [
    # a body defined by its initials without a group's head word: a national body named with its
    # nation, an NHS body spelt out in its letters, a department of state, a kind of organisation
    ("Fenwick Quality Scotland (FQS) inspects the wards.", "FQS will publish the guidance in May.",
     ["Fenwick Quality Scotland"]),
    ("NHS Northvale Blood and Plasma (NHSNBP) collects donations.", "NHSNBP will review the curriculum.",
     ["NHS Northvale Blood and Plasma"]),
    ("The Department for Rivers (DfR) sets the rules.", "DfR will consult on the rules in 2026.",
     ["Department for Rivers"]),
    ("The Brackwater Housing Association (BHA) owns the flats.", "BHA will refit the flats by 2027.",
     ["Brackwater Housing Association"]),
    # a plan, a zone or a record defined by its initials is still no party
    ("The Riverside Quiet Zone (RQZ) opens soon.", "RQZ will cover the town centre.", []),
])
def test_bodies_defined_by_initials_without_a_group_word(document: str, text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().for_document(document + " " + text).owners(text) == expected


COMMITTEES = ("The Ashdown Health Overview Select Committee met. The Ashdown Audit Committee met once. "
              "The Select Committee asked for evidence. The Select Committee heard from the trust.")


@pytest.mark.parametrize(("document", "text", "expected"), [
    # "the Committee" is the one committee the document names in full ...
    ("The Ashdown Audit Committee met.", "The Committee will review the accounts in May.", ["Ashdown Audit Committee"]),
    ("The Ashdown Audit Committee met.", "The committee will review the accounts in May.", ["Ashdown Audit Committee"]),
    # ... or the one of several it is about, named far more often than any other
    (COMMITTEES, "The Committee will undertake the following lines of enquiry:",
     ["Ashdown Health Overview Select Committee"]),
    # ... or the one the document's opening lines name (a committee's report carries its name at its head)
    ("Ashdown Health Overview Select Committee\nScope of the review\n" + "x " * 250 +
     "The Ashdown Audit Committee met. The Ashdown Audit Committee met again.",
     "The Committee will undertake the following lines of enquiry:", ["Ashdown Health Overview Select Committee"]),
    # a network or an agency named in full, then by its kind
    ("The Ashdown Stroke Network met.", "The Network will publish its audit in May.", ["Ashdown Stroke Network"]),
    ("The Ashdown Climate Change Agency was founded in 2015.", "The Agency will report on emissions each year.",
     ["Ashdown Climate Change Agency"]),
    # two named as often: which is meant is not known
    ("The Ashdown Audit Committee met. The Ashdown Planning Committee met.",
     "The Committee will review the accounts in May.", []),
    # a kind of body named in lower case in general is no reference to a body
    ("The Ashdown Library Service opens daily.", "The service will open on Sundays from May.", []),
])
def test_a_body_referred_to_by_its_kind(document: str, text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().for_document(document + " " + text).owners(text) == expected


@pytest.mark.parametrize(("text", "author", "expected"), [
    # two governments joined by "and", each named in full, are two owners
    ("The Westmere Government and the Eastland Executive will publish the review.", None,
     ["Westmere Government", "Eastland Executive"]),
    ("The Westmere Government accepts this in full, and the Westmere Government and Eastland Executive accept it "
     "in principle.", None, ["Westmere Government", "Eastland Executive"]),
    # the title of an office before a person's name is no part of the name
    ("Minister Rafe Colby announced his intention to consult on a duty of candour.", None, ["Rafe Colby"]),
    ("Mayor Ann Lee will open the new park in May.", None, ["Ann Lee"]),
    # a council's elected members, in its own papers
    ("Members are asked to back the new litter pledge at the March meeting.", NCC, [f"{NCC} Members"]),
    ("Members of the public will be able to comment on the plan.", NCC, []),
    # another body's paper: the council's Cabinet speaks for the council
    ("Cabinet will receive the final strategy in August.", "Northshire Health and Wellbeing Board", [NCC]),
    ("Cabinet will receive the final strategy in August.", NCC, [f"{NCC} Cabinet"]),
])
def test_bodies_joined_members_and_titles(north: OwnerGazetteer, text: str, author, expected: list[str]) -> None:
    assert north.owners(text, author_org=author) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a saying verb with "will", "should" or "must" is what the doer is to do, not a report of what was said
    (f"{RFT} will confirm that the new clinic will open in May.", [RFT]),
    (f"{RFT} should tell visitors that the car park will close for resurfacing in June.", [RFT]),
    # a report of what was said: the speaker is not the doer of the reported clause
    (f"{RFT} confirmed that the new clinic would be opened by {HHT}.", [HHT]),
])
def test_saying_as_the_thing_to_do(north: OwnerGazetteer, text: str, expected: list[str]) -> None:
    assert north.owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a kind of party and the members it lists, the last of which the parser made a subject of its own
    ("All partners including Healthwatch Ashdown, GP practice staff, ARF need to work together to publish the guide.",
     ["Healthwatch Ashdown", "Ashdown Residents Forum"]),
    # a member named by its role acts as the kind it is listed under does
    ("All partners including Healthwatch Ashdown, GP practice staff, ARF will work together to publish the guide.",
     ["Healthwatch Ashdown", "GP practice staff", "Ashdown Residents Forum"]),
    ("Partners, including Healthwatch Ashdown and the ARF, will publish the guide.",
     ["Healthwatch Ashdown", "Ashdown Residents Forum"]),
    ("Stakeholders, including the ARF and professional bodies, should agree a common data standard.",
     ["Ashdown Residents Forum", "Professional bodies"]),
    # ... not the members of a kind that reports what it saw
    ("Residents, including GP practice staff, told us that they wait too long.", []),
])
def test_members_listed_before_a_subject_of_their_own(text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().for_document("The Ashdown Residents Forum (ARF) met. " + text).owners(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a role title joined to the next clause by "and" ends at its last capitalised word
    ("The redesign will be led by the Chief Digital Officer for Northshire and will involve:",
     ["Chief Digital Officer for Northshire"]),
    ("The audit will be led by the Director of Public Health and will report to the board in June.",
     ["Director of Public Health"]),
    ("The pilot will be overseen by the Head of Estates for Hillside and then handed over.",
     ["Head of Estates for Hillside"]),
    # "and" inside a portfolio is the title's own
    ("The Director of Children and Families will review the offer.", ["Director of Children and Families"]),
])
def test_a_role_title_stops_before_a_joining_word(text: str, expected: list[str]) -> None:
    assert OwnerGazetteer().owners(text) == expected


@pytest.mark.parametrize(("lead_in", "expected"), [
    # a list the author pledges in its own voice is the author's, whoever leads the section's work
    ("We will also agree:", []),
    ("Over the summer we will:", []),
    # a list that names no doer keeps the section's lead
    ("The work will cover:", ["Head of Digital Services"]),
])
def test_a_we_lead_in_does_not_take_the_section_lead(tmp_path, lead_in: str, expected: list[str]) -> None:
    text = ("Digital records\n\n"
            "This work will be led by the Head of Digital Services and will involve:\n\n"
            "- moving every clinic to the shared record; and\n- closing the old paper archive.\n\n"
            "Staff told us that the change matters to them.\n\n"
            f"{lead_in}\n\n"
            "- rolling out tablets to the district nurses by March 2026;\n"
            "- training every ward clerk in the new booking screens.\n")
    owners = _owners_by_first_word(tmp_path / "2025-09_westmere-trust_digital-plan.txt", text)
    assert owners["moving"] == ["Head of Digital Services"]
    assert owners["rolling"] == expected
