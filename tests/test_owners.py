"""Owners: canonical folding, mentions, owner rules on corpus sentences, acronym learning."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not installed when pytest runs from the venv's bin
    sys.path.insert(0, str(ROOT))

from kb.extract.owners import (  # noqa: E402
    DEFAULT_PARTIES,
    THREE_CCGS,
    Mention,
    OwnerGazetteer,
    Party,
    norm_key,
)

CRCCG, WNCCG, SWCCG = THREE_CCGS
UHCW = "University Hospitals Coventry and Warwickshire NHS Trust"
GEH = "George Eliot Hospital NHS Trust"
SWFT = "South Warwickshire NHS Foundation Trust"
CWPT = "Coventry and Warwickshire Partnership NHS Trust"
CCC, WCC = "Coventry City Council", "Warwickshire County Council"
COV_HWB, WAR_HWB = "Coventry Health and Wellbeing Board", "Warwickshire Health and Wellbeing Board"
COV_HWB_AUTHOR = "Coventry Health and Well-being Board"  # as the board papers spell themselves


@pytest.fixture(scope="module")
def gaz() -> OwnerGazetteer:
    return OwnerGazetteer()


# ------------------------------------------------------------------------------------ folding
@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("CRCCG", CRCCG),
        ("CR CCG", CRCCG),
        ("C&R CCG", CRCCG),
        ("Coventry & Rugby CCG", CRCCG),
        ("NHS Coventry & Rugby Clinical Commissioning Group", CRCCG),
        ("Coventry and Rugby Clinical Commissioning Group", CRCCG),
        ("WN CCG", WNCCG),
        ("Warwickshire North Clinical Commissioning Group", WNCCG),
        ("SW CCG", SWCCG),
        ("NHSE", "NHS England"),
        ("NHSE/I", "NHS England"),
        ("NHS England and NHS Improvement", "NHS England"),
        ("NHS England & NHS Improvement", "NHS England"),
        ("UHCW", UHCW),
        ("University Hospitals Coventry and Warwickshire", UHCW),
        ("University Hospital Coventry & Warwickshire", UHCW),
        ("University Hospital Coventry & Warwickshire NHS Trust", UHCW),
        ("UHCW NHS Trust", UHCW),
        ("GEH", GEH),
        ("George Eliot Hospital", GEH),
        ("George Elliot", GEH),
        ("George Elliot Hospital NHS Trust", GEH),
        ("SWFT", SWFT),
        ("South Warwickshire Foundation Trust", SWFT),
        ("CWPT", CWPT),
        ("Coventry and Warwickshire Partnership Trust", CWPT),
        ("CCC", CCC),
        ("the City Council", CCC),
        ("WCC", WCC),
        ("the County Council", WCC),
        ("Coventry Health & Well-being Board", COV_HWB),
        ("Coventry Health and Well-Being Board", COV_HWB),
        ("Warwickshire Health & Wellbeing Board", WAR_HWB),
        ("Coventry & Warwickshire Cancer Board", "Coventry and Warwickshire Cancer Board"),
        ("Local Maternity System", "Local Maternity System"),
        ("LMS", "Local Maternity System"),
        ("Transforming Care Partnership", "Transforming Care Partnership"),
        ("LWAB", "Local Workforce Action Board"),
        ("DTB", "Digital Transformation Board"),
        ("Our Clinical Forum", "Clinical Forum"),
        ("Coventry and Warwickshire Health and Care Partnership Board", "Health and Care Partnership Board"),
        ("PEG", "Partnership Executive Group"),
        ("The Partnership Executive Group", "Partnership Executive Group"),
        ("STP Design Authority", "Design Authority"),
        ("the providers", "Providers"),
        ("lead providers", "Providers"),
        ("the commissioners", "Commissioners"),
        ("Commissioners", "Commissioners"),
        ("PCNs", "Primary Care Networks"),
        ("CQC", "Care Quality Commission"),
        ("The Provider Alliance", "Provider Alliance"),
        ("Coventry and Warwickshire Collaborative Commissioning Board", "Collaborative Commissioning Board"),
        ("West Midlands Police", "West Midlands Police"),
    ],
)
def test_canonical_folds_alias(gaz: OwnerGazetteer, alias: str, canonical: str) -> None:
    assert gaz.canonical(alias) == canonical


@pytest.mark.parametrize("party", DEFAULT_PARTIES, ids=lambda p: p.name)
def test_every_default_alias_folds_to_its_party(gaz: OwnerGazetteer, party: Party) -> None:
    assert gaz.canonical(party.name) == party.name
    for alias in party.aliases:
        assert gaz.canonical(alias) == party.name, alias


@pytest.mark.parametrize(
    ("name", "author", "expected"),
    [
        ("the CCGs", None, list(THREE_CCGS)),
        ("All three local CCGs", None, list(THREE_CCGS)),
        ("three CCGs", None, list(THREE_CCGS)),
        ("Health & Wellbeing Boards", None, [COV_HWB, WAR_HWB]),
        ("HWBs", None, [COV_HWB, WAR_HWB]),
        ("WN and C&R CCGs", None, [WNCCG, CRCCG]),
        ("Local Authorities", None, [CCC, WCC]),
        ("the CCG", "CRCCG", [CRCCG]),
        ("the CCG", None, []),
        ("the CCG", COV_HWB_AUTHOR, []),
        ("the Health and Well-being Board", COV_HWB_AUTHOR, [COV_HWB]),
        ("the Health and Wellbeing Board", None, []),
        ("the Local Authority", "Coventry City Council", [CCC]),
    ],
)
def test_resolve_collective_and_author_aliases(gaz, name, author, expected) -> None:
    assert gaz.resolve(name, author) == expected


def test_canonical_of_collective_or_unknown_is_none(gaz: OwnerGazetteer) -> None:
    assert gaz.canonical("the CCGs") is None
    assert gaz.canonical("the CCG") is None
    assert gaz.canonical("Acme Widgets") is None
    assert gaz.canonical("") is None


def _load_scorer():
    path = ROOT.parent / "shared" / "eval" / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("kb_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_canonical_names_fold_like_the_scorer(gaz: OwnerGazetteer) -> None:
    score = _load_scorer()
    if score is None:
        pytest.skip("shared/eval/score.py not beside the repository")
    for key, aliases in score.ALIASES.items():
        for alias in (key, *aliases):
            name = gaz.canonical(alias)
            assert name is not None, alias
            assert score.fold_owner(name) == key, (alias, name)
    # the guide's canonical names fold to themselves
    for name in (COV_HWB, WAR_HWB, "Design Authority", "Providers", "Commissioners", "Clinical Forum"):
        assert score.fold_owner(name) == score.fold_owner(gaz.canonical(name))


def test_norm_key() -> None:
    assert norm_key("The Health & Well-being Board's") == "health and wellbeing board"
    assert norm_key("  NHSE / I ") == "nhse/i"


# ------------------------------------------------------------------------------------ mentions
def test_mentions_offsets_and_surface(gaz: OwnerGazetteer) -> None:
    text = "UHCW and George Elliot Hospital will work with NHSE."
    ms = gaz.mentions(text)
    assert [m.name for m in ms] == [UHCW, GEH, "NHS England"]
    for m in ms:
        assert isinstance(m, Mention)
        assert text[m.start_char:m.end_char] == m.surface
    assert ms[1].surface == "George Elliot Hospital"


def test_mentions_collective_share_a_span(gaz: OwnerGazetteer) -> None:
    ms = gaz.mentions("All three local CCGs will consult.")
    assert [m.name for m in ms] == list(THREE_CCGS)
    assert len({(m.start_char, m.end_char) for m in ms}) == 1


def test_mentions_the_ccg_needs_a_ccg_author(gaz: OwnerGazetteer) -> None:
    text = "The CCG will continue to promote weight management services"
    assert gaz.mentions(text) == []
    assert [m.name for m in gaz.mentions(text, author_org=CRCCG, author_is_ccg=True)] == [CRCCG]


def test_acronyms_are_case_sensitive(gaz: OwnerGazetteer) -> None:
    assert gaz.mentions("a peg on the wall") == []
    assert [m.name for m in gaz.mentions("approved by the PEG")] == ["Partnership Executive Group"]


def test_people_as_leads(gaz: OwnerGazetteer) -> None:
    ms = gaz.mentions("Workstream Lead\tGlen Burley (CEO, SWFT)")
    assert [(m.name, m.kind, m.role) for m in ms][0] == ("Glen Burley", "person", "lead")


def test_mentions_many_matches_mentions(gaz: OwnerGazetteer) -> None:
    texts = ["UHCW will lead.", "", "the CCGs are:", "Nothing here."]
    assert gaz.mentions_many(texts) == [gaz.mentions(t) for t in texts]


# ------------------------------------------------------------------------------------ owners
@pytest.mark.parametrize(
    ("text", "author", "intro", "expected"),
    [
        # the doer
        ("UHCW procure and deploy an integrated EPR solution which is developed to have the potential to "
         "fulfil the long term vision – 2018/19", None, None, [UHCW]),
        ("Health & Wellbeing Boards to consider further and advise on future system model/s - (ACS/ACO), "
         "risk sharing and pooling resources", None, None, [COV_HWB, WAR_HWB]),
        ("George Eliot Hospital NHS Trust and University Hospitals Coventry and Warwickshire NHS Trust working "
         "together to prepare a strategic outline case", None, None, [GEH, UHCW]),
        ("Providers agree a new care model which delivers outcomes (Dec 2016)", None, None, ["Providers"]),
        ("Commissioners complete new contract model design and testing (Dec 2016)", None, None,
         ["Commissioners"]),
        ("The expectation is that the lead providers will need to interface with other providers, the local "
         "authorities, GPs and primary care", None, None, ["Providers"]),
        ("CWPT will continue to work actively as a member of the mental health alliance for excellence, "
         "resilience, innovation and training (MERIT) programme.", None, None, [CWPT]),
        ("CCGs and Local Authorities will maintain close engagement throughout this plan period", None, None,
         [*THREE_CCGS, CCC, WCC]),
        ("NHS England would then need to complete their assurance process before any consultation commenced.",
         None, None, ["NHS England"]),
        ("once all 12 reviews are completed the CQC will publish a national report of their key findings",
         None, None, ["Care Quality Commission"]),
        # the agent of a passive
        ("Terms of Reference of the Group drafted and to be agreed by Digital Transformation Board in "
         "November 2016", None, None, ["Digital Transformation Board"]),
        ("The strategy was to be reviewed on a quarterly basis by the Drug and Alcohol Strategy Steering Group "
         "and would have an action plan", None, None, ["Drug and Alcohol Strategy Steering Group"]),
        ("plans for the use of the grant needed to be approved by the City Council, Coventry and Rugby CCG and "
         "the Health and Wellbeing Board", COV_HWB_AUTHOR, None, [CCC, CRCCG, COV_HWB]),
        ("Waiting times and access to diagnostic services will be monitored by the CCG on a routine monthly "
         "basis", CRCCG, None, [CRCCG]),
        # partners and objects are not owners
        ("We are currently working with WCC on a reablement project – one workforce across Health & Social "
         "Care, planned for implementation in Jan 2017.", None, None, []),
        ("the CCG will work with its two Local Authority partners and other stakeholders to develop "
         "implementation plans", "CRCCG", None, [CRCCG]),
        ("On completion of the review the findings will be reported to the Health and Well-Being Board with "
         "the expectation that a joint action plan is agreed", COV_HWB_AUTHOR, None, []),
        ("Ensure we provide the right children's services across the area by joining up and working more "
         "closely with our partner organisations, such as Warwickshire County Council and South Warwickshire "
         "CCG", CRCCG, None, []),
        ("The DTB will work with the Local Workforce Action Board (LWAB) to ensure that an integrated approach "
         "to staff", None, None, ["Digital Transformation Board"]),
        ("We will then manage risk through the Programme Delivery Board and the Finance Advisory Board, "
         "reporting on a monthly basis to the Partnership Executive Group.", None, None,
         ["Programme Delivery Board", "Finance Advisory Board"]),
        ("We will build on the work of our Health and Wellbeing Boards and the Year of Wellbeing 2019", None,
         None, [COV_HWB, WAR_HWB]),
        # "we" is never an owner; the author is not one unless named
        ("We will establish a System Leadership Academy", CRCCG, None, []),
        # "the CCG" is the authoring CCG only
        ("CCG will continue to promote weight management services", CRCCG, None, [CRCCG]),
        ("CCG will continue to promote weight management services", None, None, []),
        # named groups the corpus mentions keep the name the text gives
        ("Our Population Health and Preventative Care working group will support our CVD, Respiratory and "
         "Cancer groups to: understand these health inequalities", None, None,
         ["Population Health and Preventative Care working group"]),
        ("The Coventry and Warwickshire Collaborative Commissioning Board ('the CCB'), which draws "
         "representation from three CCGs, Coventry City Council and Warwickshire County Council, will continue "
         "to have a critical role", None, None, ["Collaborative Commissioning Board"]),
        # people named as lead or doer
        ("Stroke Pathway Lead - Andrea Green (AO, CR CCG/WN CCG)", None, None, ["Andrea Green"]),
        ("Workstream Lead\tGail Quinton (Executive Director – People, CCC)", None, None, ["Gail Quinton"]),
        ("Workstream Leads\tAndy Hardy (CEO, UHCW/STP SRO) and Kath Kelly (CEO, GEH)", None, None,
         ["Andy Hardy", "Kath Kelly"]),
        ("Ben Diamond indicated that he would make contact with the links suggested by Members.", None, None,
         ["Ben Diamond"]),
        # the intro's subject applies when the text names nobody
        ("Embed joined up stakeholder engagement at all levels within the STP programme", None,
         "The Design Authority will be independently chaired and its role is to:", ["Design Authority"]),
        ("Act as a sounding board for the emerging whole system vision", None,
         "Formation of an independently chaired Design Authority with clinical and managerial "
         "representatives across the footprint to:", ["Design Authority"]),
        ("advertise the contract in the Official Journal of the European Union (OJEU)", None,
         "In the context of the Light Touch Regime, Commissioners will need to undertake the following steps, "
         "regardless of their decision:", ["Commissioners"]),
        ("Have commissioned another integrated impact assessment of the proposals", None,
         "Since then the CCGs have:", list(THREE_CCGS)),
        ("Provide their full support and ownership of the review process", COV_HWB_AUTHOR,
         "Coventry Health and Well-Being Board is recommended to:", [COV_HWB]),
        # ... but not when the text names its own owner
        ("UHCW to deploy the EPR", None, "The Design Authority will:", [UHCW]),
    ],
)
def test_owners_on_corpus_sentences(gaz, text, author, intro, expected) -> None:
    assert gaz.owners(text, author_org=author, intro=intro) == expected


def test_owners_are_deduplicated_in_order(gaz: OwnerGazetteer) -> None:
    text = "UHCW and GEH will agree; then University Hospitals Coventry & Warwickshire will deliver."
    assert gaz.owners(text) == [UHCW, GEH]


def test_owners_many(gaz: OwnerGazetteer) -> None:
    texts = ["UHCW procure and deploy an integrated EPR solution", "Act as a sounding board"]
    intros = [None, "The Design Authority will:"]
    assert gaz.owners_many(texts, intros=intros) == [[UHCW], ["Design Authority"]]


@pytest.mark.parametrize(("intro", "heading", "expected"), [
    # members are not the doers; the intro refers back to the body the heading names
    ("The alliance comprises NHS providers and the two local authorities plus Primary Care. "
     "Their main objectives are:", "6.8 Our Provider Alliance", ["Provider Alliance"]),
    ("Its role is to:", "Design Authority", ["Design Authority"]),
    ("The alliance will:", "Our Provider Alliance", ["Provider Alliance"]),
    # a heading is used only when the intro refers back, and only when it names one party
    ("The main objectives are:", "Our Provider Alliance", []),
    ("Their main objectives are:", "UHCW and GEH", []),
    ("Their main objectives are:", "Next steps", []),
])
def test_intro_referring_back_to_the_body_its_heading_names(gaz, intro, heading, expected) -> None:
    assert gaz.owners("Develop a delivery roadmap for each opportunity", intro=intro, heading=heading) == expected


@pytest.mark.parametrize("text", [
    "The alliance comprises NHS providers and the two local authorities plus Primary Care.",
    "The board is made up of UHCW, GEH and SWFT.",
    "Its membership includes Coventry City Council.",
    "The partnership brings together health and social care services, local authorities and the voluntary sector.",
])
def test_members_are_not_owners(gaz, text) -> None:
    assert gaz.owners(text) == []


# ------------------------------------------------------------------------------------ acronyms
def test_learn_acronyms_maps_to_known_parties() -> None:
    g = OwnerGazetteer()
    text = (
        "The leadership for this resides with the Local Workforce Action Board (LWAB). "
        "the exciting introduction of Primary Care Networks (PCNs) "
        "The Partnership Executive Group (PEG) is one of the delivery committees."
    )
    learnt = g.learn_acronyms(text)
    assert learnt["LWAB"] == "Local Workforce Action Board"
    assert learnt["PCNs"] == "Primary Care Networks"
    assert learnt["PEG"] == "Partnership Executive Group"


def test_learn_acronyms_adds_new_groups_only() -> None:
    g = OwnerGazetteer()
    text = (
        "The Widget Oversight Board (WOB) meets monthly. "
        "social prescribing link workers (SPLW) will support people. "
        "Business Case for Electronic Patient Record (EPR) and Urgent and Emergency Care (UEC)."
    )
    learnt = g.learn_acronyms(text)
    assert learnt["WOB"] == "Widget Oversight Board"
    assert learnt["SPLW"] == "Social Prescribing Link Workers"
    assert "EPR" not in learnt and "UEC" not in learnt
    assert g.canonical("WOB") == "Widget Oversight Board"
    assert g.owners("The WOB will sign off the plan by March 2020") == ["Widget Oversight Board"]
    assert g.owners("Deploy an EPR across the system") == []


def test_learn_acronyms_after_pipeline_built_and_copy_isolation() -> None:
    g = OwnerGazetteer()
    assert g.owners("The QRB will meet") == []  # builds the pipeline first
    other = g.copy()
    assert g.learn_acronyms("The Quality Review Board (QRB) oversees quality.") == {"QRB": "Quality Review Board"}
    assert g.owners("The QRB will meet") == ["Quality Review Board"]
    assert other.canonical("QRB") is None
    assert other.owners("The QRB will meet") == []


def test_learn_acronyms_quoted_definition() -> None:
    g = OwnerGazetteer(p for p in DEFAULT_PARTIES if p.name != "Collaborative Commissioning Board")
    learnt = g.learn_acronyms("The Coventry and Warwickshire Collaborative Commissioning Board ('the CCB'), which")
    assert learnt == {"CCB": "Collaborative Commissioning Board"}


def test_learn_people() -> None:
    g = OwnerGazetteer()
    assert g.learn_people("Finance Lead\tLiz Murray (Deputy Chief Finance Officer, SW CCG)") == ["Liz Murray"]
    assert g.canonical("Liz Murray") == "Liz Murray"
    assert g.owners("Liz Murray will circulate the model") == ["Liz Murray"]


# ------------------------------------------------------------------------------------ properties
_words = st.sampled_from(
    ["UHCW", "the", "CCG", "CCGs", "with", "to", "by", "Board", "Group", "Lead", "-", "(", ")", "and", "&",
     "Andrea", "Green", "will", "We", "Health", "Wellbeing", "Boards", "Providers", "PEG", "Council",
     "Coventry", "Warwickshire", "LWAB", "Local", "Authority", "'", ",", ".", ":", "\t", "\n", "é", "…"]
)
_texts = st.one_of(st.text(max_size=200), st.lists(_words, max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts, intro=st.one_of(st.none(), _texts),
       author=st.sampled_from([None, "CRCCG", COV_HWB_AUTHOR, "Some Other CCG", ""]))
def test_owners_never_raise_and_are_canonical(gaz: OwnerGazetteer, text, intro, author) -> None:
    owners = gaz.owners(text, author_org=author, intro=intro)
    assert len(owners) == len(set(owners))
    for o in owners:
        assert gaz.canonical(o) == o
        assert o.lower() not in {"we", "our", "us"}
    for m in gaz.mentions(text, author_org=author):
        assert text[m.start_char:m.end_char] == m.surface


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
        "from kb.extract.owners import OwnerGazetteer\n"
        "g = OwnerGazetteer(); assert g.canonical('UHCW')\n"
        "g.learn_acronyms('Local Workforce Action Board (LWAB)')\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_known_person_as_lead_after_a_tab() -> None:
    g = OwnerGazetteer([*DEFAULT_PARTIES, Party("Liz Murray", "person", ())])
    assert g.owners("Finance Lead\tLiz Murray") == ["Liz Murray"]
    assert g.owners("a note from Liz Murray about the plan") == []
