"""Owners: the organisations, boards, groups and people a commitment names as doer or lead.

`OwnerGazetteer` finds parties in text with a spaCy `blank("en")` pipeline and an `entity_ruler`
(case-insensitive phrase patterns built from canonical names and aliases, case-sensitive token
patterns for acronyms, and a few token patterns for named groups and for people named as leads),
folds every variant to one canonical name, and picks the parties responsible for a text:

    gaz = OwnerGazetteer()
    gaz.learn_acronyms(document_text)          # "Local Workforce Action Board (LWAB)" -> LWAB
    gaz.owners("UHCW procure and deploy an integrated EPR solution")
    # ['University Hospitals Coventry and Warwickshire NHS Trust']

Canonical names follow the annotation guide (shared/eval/GUIDE.md); they fold to the same keys as
the scorer's `fold_owner`.  spaCy is imported lazily, so importing this module is cheap.

Owner rules (rule-based, looking at a few words around each mention):
- a party only named as a partner ("working with X", "in partnership with X", "with the support of
  X", "supported by X"), as the object of "to" ("reported to the Health and Well-Being Board"),
  as a source ("representation from X") or as an affiliation ("Director of Public Health, WCC",
  "Andrea Green (AO, CR CCG)") is not an owner; parties listed after it ("to X and Y") share its fate;
- the agent of a passive is an owner ("to be agreed by Digital Transformation Board");
- people are owners only when named as lead ("Workstream Lead  Gail Quinton (...)") or doer
  ("Ben Diamond indicated that he would ...");
- "the CCG" is the authoring CCG; "the CCGs"/"three CCGs" are the three CCGs; an unqualified "the
  Health and Wellbeing Board" is the author's local board; "Health and Wellbeing Boards" are both;
- a party named as a member ("the alliance comprises X and Y") is not an owner;
- when the text names no owner, the owners of the sentence that introduces its list (`intro`) apply,
  or, when the intro only refers back to a body ("Their main objectives are:"), the body its heading
  names;
- "we"/"our" is never an owner.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_PARTIES",
    "Mention",
    "OwnerGazetteer",
    "Party",
    "THREE_CCGS",
    "norm_key",
    "short_name",
]


@dataclass(frozen=True)
class Party:
    name: str  # canonical name, e.g. "University Hospitals Coventry and Warwickshire NHS Trust"
    kind: str  # "org" | "person" | "group"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    name: str  # canonical name
    start_char: int
    end_char: int
    surface: str  # the text as written
    kind: str = "org"  # "org" | "person" | "group"
    role: str = ""  # people: "lead" | "doer" | "" (named only)


# --------------------------------------------------------------------------------------------
# Canonical names
# --------------------------------------------------------------------------------------------
CRCCG = "Coventry and Rugby CCG"
WNCCG = "Warwickshire North CCG"
SWCCG = "South Warwickshire CCG"
THREE_CCGS = (CRCCG, WNCCG, SWCCG)
NHSE = "NHS England"
UHCW = "University Hospitals Coventry and Warwickshire NHS Trust"
GEH = "George Eliot Hospital NHS Trust"
SWFT = "South Warwickshire NHS Foundation Trust"
CWPT = "Coventry and Warwickshire Partnership NHS Trust"
CCC = "Coventry City Council"
WCC = "Warwickshire County Council"
COV_HWB = "Coventry Health and Wellbeing Board"
WAR_HWB = "Warwickshire Health and Wellbeing Board"
BOTH_HWB = (COV_HWB, WAR_HWB)
BOTH_LA = (CCC, WCC)

DEFAULT_PARTIES: tuple[Party, ...] = (
    # commissioners
    Party(CRCCG, "org", (
        "CRCCG", "CR CCG", "C&R CCG", "C & R CCG", "Coventry & Rugby CCG",
        "Coventry and Rugby Clinical Commissioning Group", "NHS Coventry and Rugby CCG",
        "NHS Coventry and Rugby Clinical Commissioning Group", "Coventry and Rugby CCGs",
    )),
    Party(WNCCG, "org", (
        "WN CCG", "WNCCG", "Warwickshire North Clinical Commissioning Group", "NHS Warwickshire North CCG",
        "NHS Warwickshire North Clinical Commissioning Group",
    )),
    Party(SWCCG, "org", (
        "SW CCG", "SWCCG", "South Warwickshire Clinical Commissioning Group", "NHS South Warwickshire CCG",
        "NHS South Warwickshire Clinical Commissioning Group",
    )),
    Party(NHSE, "org", (
        "NHSE", "NHS E", "NHSE/I", "NHSEI", "NHS England and NHS Improvement", "NHS England and Improvement",
        "NHS England/Improvement", "NHS England / NHS Improvement", "NHS England/NHS Improvement",
    )),
    Party("NHS Improvement", "org", ("NHSI",)),
    # providers
    Party(UHCW, "org", (
        "UHCW", "UHCW NHS Trust", "University Hospitals Coventry and Warwickshire",
        "University Hospital Coventry and Warwickshire", "University Hospital Coventry and Warwickshire NHS Trust",
        "University Hospitals Coventry and Warwickshire Trust",
    )),
    Party(GEH, "org", (
        "GEH", "George Eliot Hospital", "George Eliot", "George Eliot Hospital Trust",
        "George Elliot Hospital NHS Trust", "George Elliot Hospital", "George Elliot", "George Eliot NHS Trust",
    )),
    Party(SWFT, "org", ("SWFT", "South Warwickshire Foundation Trust", "South Warwickshire NHS FT")),
    Party(CWPT, "org", ("CWPT", "Coventry and Warwickshire Partnership Trust")),
    Party("West Midlands Ambulance Service", "org", ("WMAS", "West Midlands Ambulance Service NHS Foundation Trust")),
    Party("Coventry and Warwickshire Pathology Services", "org", ("CWPS",)),
    Party("Coventry and Rugby GP Alliance", "org", ("GP Alliance",)),
    Party("Myton Hospice", "org", ("Myton Hospices", "Myton")),
    # local government
    Party(CCC, "org", ("CCC", "the City Council", "City Council")),
    Party(WCC, "org", ("WCC", "the County Council", "County Council")),
    Party("Rugby Borough Council", "org", ()),
    Party("Nuneaton and Bedworth Borough Council", "org", ()),
    Party("North Warwickshire Borough Council", "org", ()),
    Party("Stratford-on-Avon District Council", "org", ()),
    Party("Warwick District Council", "org", ()),
    Party("West Midlands Combined Authority", "org", ("WMCA",)),
    # boards and groups
    Party(COV_HWB, "group", (
        "Coventry Health and Wellbeing Board", "Coventry HWB", "Coventry Health and Wellbeing Board (HWB)",
        "Coventry's Health and Wellbeing Board",
    )),
    Party(WAR_HWB, "group", ("Warwickshire HWB", "Warwickshire's Health and Wellbeing Board")),
    Party("Coventry and Warwickshire Cancer Board", "group", ("Cancer Board", "C&W Cancer Board")),
    Party("Local Maternity System", "group", (
        "LMS", "Local Maternity System Board", "Local Maternity Services", "Local Maternity Systems",
        "Coventry and Warwickshire Local Maternity System",
    )),
    Party("Transforming Care Partnership", "group", (
        "TCP", "Transforming Care Board", "Coventry and Warwickshire Transforming Care Partnership",
    )),
    Party("Local Workforce Action Board", "group", ("LWAB",)),
    Party("Digital Transformation Board", "group", ("DTB",)),
    Party("Clinical Forum", "group", ("Coventry and Warwickshire Clinical Forum", "system Clinical Forum")),
    Party("Health and Care Partnership Board", "group", (
        "Coventry and Warwickshire Health and Care Partnership Board", "Partnership Board",
    )),
    Party("Coventry and Warwickshire Health and Care Partnership", "org", ()),
    Party("Partnership Executive Group", "group", ("PEG",)),
    Party("Design Authority", "group", ("STP Design Authority", "Clinical Design Authority")),
    Party("Programme Delivery Group", "group", ("PDG",)),
    Party("Finance Advisory Board", "group", ()),
    Party("Collaborative Commissioning Board", "group", (
        "Coventry and Warwickshire Collaborative Commissioning Board", "CCB",
    )),
    Party("Local Safeguarding Children Board", "group", ("LSCB",)),
    Party("Multiple Complex Needs Board", "group", ("MCN Board",)),
    Party("Marmot Steering Group", "group", ()),
    Party("Drug and Alcohol Strategy Steering Group", "group", ()),
    Party("Estates Group", "group", ("STP Estates Group", "C&W STP Estates Group", "C&W Estates Group")),
    Party("Coventry Accident and Emergency Delivery Board", "group", ("Coventry A&E Delivery Board",)),
    Party("Frailty Improving Value Group", "group", ("Coventry and Warwickshire Frailty Improving Value Group",)),
    Party("Maternity System Transformation Group", "group", ()),
    Party("Provider Alliance", "group", ("the provider alliance",)),
    Party("Out of Hospital Collaborative", "group", ()),
    Party("Out of Hospital community teams", "group", ("OoH community teams", "OOH community teams")),
    Party("Primary Care Networks", "group", ("PCNs", "PCN", "Primary Care Network")),
    Party("Place Based Teams", "group", ("PBTs", "Place Based Team", "Place-based Teams")),
    Party("Practice Based Teams", "group", ("Practice Based Team",)),
    Party("Social Prescribing Link Workers", "group", (
        "SPLWs", "SPLW", "social prescribing link worker",
    )),
    Party("Local Medical Committee", "group", ("LMC", "LMCs", "Local Medical Committees")),
    Party("Healthwatch", "org", ("Healthwatch Coventry and Warwickshire", "Coventry and Warwickshire Healthwatch")),
    Party("Healthwatch Coventry", "org", ()),
    Party("Healthwatch Warwickshire", "org", ()),
    # national and other bodies
    Party("Care Quality Commission", "org", ("CQC",)),
    Party("Department of Health", "org", ("DoH", "DH", "Department of Health and Social Care", "DHSC")),
    Party("Health Education England", "org", ("HEE",)),
    Party("Public Health England", "org", ("PHE",)),
    Party("NHS Property Services", "org", ()),
    Party("West Midlands Police", "org", ("WMP",)),
    Party("West Midlands Fire Service", "org", ("WMFS",)),
    Party("Probation", "org", ("Probation Service", "National Probation Service")),
    Party("Youth Offending Service", "org", ()),
    Party("Coventry Recovery Community", "org", ()),
    Party("Coventry University", "org", ()),
    Party("University of Warwick", "org", ("Warwick University",)),
    # generic roles
    Party("Providers", "group", (
        "the providers", "lead providers", "the lead providers", "incumbent providers",
        "the incumbent providers", "integrated care providers",
    )),
    Party("Commissioners", "group", ("commissioners", "the commissioners")),
)

# Aliases that stand for several parties.
COLLECTIVE_ALIASES: dict[str, tuple[str, ...]] = {
    "the CCGs": THREE_CCGS,
    "CCGs": THREE_CCGS,
    "three CCGs": THREE_CCGS,
    "3 CCGs": THREE_CCGS,
    "all three CCGs": THREE_CCGS,
    "all three local CCGs": THREE_CCGS,
    "three local CCGs": THREE_CCGS,
    "local CCGs": THREE_CCGS,
    "Coventry and Warwickshire CCGs": THREE_CCGS,
    "the three Clinical Commissioning Groups": THREE_CCGS,
    "Clinical Commissioning Groups": THREE_CCGS,
    "Governing Bodies": THREE_CCGS,
    "CCG Governing Bodies": THREE_CCGS,
    "CCGs' Governing Bodies": THREE_CCGS,
    "WN and C&R CCGs": (WNCCG, CRCCG),
    "C&R and WN CCGs": (CRCCG, WNCCG),
    "both CCGs": (),  # which two depends on the document: no owner rather than a wrong one
    "CR and WN CCGs": (CRCCG, WNCCG),
    "Health and Wellbeing Boards": BOTH_HWB,
    "HWBs": BOTH_HWB,
    "HWB Boards": BOTH_HWB,
    "HWBBs": BOTH_HWB,
    "two Health and Wellbeing Boards": BOTH_HWB,
    "both Health and Wellbeing Boards": BOTH_HWB,
    "Coventry and Warwickshire Health and Wellbeing Boards": BOTH_HWB,
    "C&W HWB Boards": BOTH_HWB,
    "Joint C&W HWB Boards": BOTH_HWB,
    "Local Health and Wellbeing Boards": BOTH_HWB,
    "Local Authorities": BOTH_LA,
    "the two local authorities": BOTH_LA,
    "both local authorities": BOTH_LA,
    "Coventry and Warwickshire councils": BOTH_LA,
}

# Aliases whose meaning depends on who wrote the document.
_AUTHOR_CCG = "@ccg"
_LOCAL_HWB = "@hwb"
_LOCAL_LA = "@la"
CONTEXT_ALIASES: dict[str, str] = {
    "the CCG": _AUTHOR_CCG,
    "CCG": _AUTHOR_CCG,
    "our CCG": _AUTHOR_CCG,
    "Health and Wellbeing Board": _LOCAL_HWB,
    "HWB": _LOCAL_HWB,
    "HWB Board": _LOCAL_HWB,
    "HWBB": _LOCAL_HWB,
    "the Local Authority": _LOCAL_LA,
    "the Council": _LOCAL_LA,
    "Council": _LOCAL_LA,
    "Cabinet": _LOCAL_LA,
    "Clinical Commissioning Group": _AUTHOR_CCG,
}

# Aliases matched case-sensitively besides acronyms (the lower-case words are ordinary English).
_CASED_ALIASES = frozenset({"Providers", "Probation", "Myton", "the Council", "Council", "Cabinet",
                            "George Eliot"})

# --------------------------------------------------------------------------------------------
# Word lists for the rules
# --------------------------------------------------------------------------------------------
_DETS = frozenset(
    "the our its their his her a an both all each two three four local other relevant key this these "
    "those any every wider respective individual new existing current proposed emerging future revised "
    "appropriate".split()
)
_ROLE_WORDS = frozenset(
    "director directors chair chairs chairman chairwoman leader leaders member members head heads officer "
    "officers representative representatives consultant consultants manager managers cabinet executive "
    "deputy dean secretary clerk".split()
)
# Words after a mention that make it a modifier of something else, not an actor.
_FOLLOW_SUPPRESS = frozenset(
    "concordat alignment chair chairs chairman chairwoman ceo question footprint area areas boundary "
    "boundaries website development session sessions agenda minutes papers colleagues partners "
    "officer officers members' leaders leader member house site sites campus premises manager "
    "managers office".split()
)
_PERSON_DOER_NEXT = frozenset(
    "will would to indicated agreed undertook confirmed offered volunteered committed advised shall "
    "is".split()
)
_ROLE_START = (
    "ceo cfo coo cmo cno cio ccio ao md gp dof cfso sro chief director executive deputy head associate "
    "accountable programme dean chairman chair contract financial finance consultant clinical interim "
    "acting public lead manager officer assistant senior strategic medical nursing"
).split()
_SUBJECT_NEXT = frozenset(
    "will would to is are has have should must shall can may need needs agreed agree were was".split()
)
# A party named as a member of a body is not the body's doer.
_MEMBERSHIP = re.compile(r"\b(?:comprises|comprise|comprising|consists? of|consisting of|made up of|brings? together|"
                         r"bringing together|"
                         r"membership (?:includes|comprises|of)|members (?:include|are|from))\b", re.IGNORECASE)
_PERSON_DOER_VERBS = ["indicated", "undertook", "confirmed", "offered", "volunteered", "agreed", "advised"]
_HONORIFICS = ["dr", "cllr", "councillor", "professor", "prof", "mr", "mrs", "ms", "miss", "superintendent",
               "sir", "dame"]
_MONTHS = (
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday"
).split()
# Capitalised words that are not (parts of) people's names.
_NAME_STOP_EXTRA = (
    "care health board boards group groups council councils trust trusts service services hospital "
    "hospitals primary public mental community nhs clinical commissioning local national city county "
    "coventry warwickshire rugby nuneaton bedworth warwick stratford leamington west midlands south north "
    "east university partnership system systems team teams forum programme programmes plan plans strategy "
    "workstream workstreams work lead leads director directors chief officer executive manager head chair "
    "deputy finance digital workforce estates stroke cancer maternity children child people patients "
    "patient adults adult social delivery transformation provider providers commissioners commissioner "
    "phase year years quarter stp pathway pathways project projects model models accountable acting "
    "interim communications engagement prevention out hospital msk procedures lower value urgent "
    "emergency planned integrated medical nursing acute network networks better births improving access "
    "healthwatch police fire authority healthcare wellbeing well being mr mrs ms dr cllr councillor "
    "professor prof sir dame superintendent inspector governing body officer's gp gps practice practices "
    "england improvement alliance collaborative centre center unit units development implementation "
    "review reviews report reports update updates agreed approved section appendix table figure page "
    "key priority priorities next steps action actions outcome outcomes objective objectives "
    "background summary introduction recommendations recommendation chapter chapters vision values "
    "option options proposal proposals business case"
).split()


def _name_stop() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS  # light module, no pipeline
    except Exception:  # pragma: no cover - spaCy is a hard dependency
        STOP_WORDS = set()  # noqa: N806
    return frozenset(set(STOP_WORDS) | set(_NAME_STOP_EXTRA) | set(_MONTHS) | set(_HONORIFICS))


# Heads of named groups found generically ("Drug and Alcohol Strategy Steering Group").
_GROUP_HEADS = [
    "board", "boards", "group", "groups", "forum", "forums", "alliance", "committee", "committees",
    "commission", "collaborative", "network", "networks", "team", "teams", "council", "police",
]
# Heads that make a long form learnt from "(ACRONYM)" a party rather than a thing.
_LEARN_HEADS = frozenset(
    _GROUP_HEADS + ["trust", "trusts", "authority", "authorities", "partnership", "workers", "worker",
                    "practitioners", "ccg", "ccgs", "providers", "commissioners", "body", "bodies",
                    "collaboration", "executive", "cabinet"]
)
# Acronyms too generic (or naming the document's own author) to learn.
_NO_LEARN = frozenset({"ccg", "ccgs", "nhs", "stp", "stps", "ics", "icp", "icps", "la", "las", "gp", "gps",
                       "uk", "ceo", "cfo", "sro"})
# First words that never start a named group.
_GROUP_FIRST_STOP = (
    "the our their its his her a an this that these those both all each every any two three four five new "
    "trust workstream extraordinary consider ensure establish develop support agree review create set "
    "other further existing interim joint chair co member members report minutes meeting appointment "
    "via through within across under from with and or of in on at by for to as is are was were will "
    "would should may can also however where when which who whilst while if".split()
)
_PLACE_PREFIXES = re.compile(
    r"^(?:(?:the|our)\s+)?(?:(?:coventry\s*(?:and|&)\s*warwickshire|c\s*&\s*w|c&w)\s+)?(?:stp\s+)?",
    re.IGNORECASE,
)
_ORG_SUFFIX = re.compile(
    r"\s+(?:trust\s+board|governing\s+body|board\s+of\s+directors|board|executive\s+team|trust)$",
    re.IGNORECASE,
)
_DASHES = ["-", "–", "—", ":"]
_NAME_RE = r"^[A-Z][a-z]+(?:(?:[A-Z]|'[A-Z])[a-z]+)?$"



def norm_key(s: str) -> str:
    """Lookup key of a name: lower case, '&' as 'and', 'well-being' as 'wellbeing', no 'the'/'our',
    no possessive, collapsed spaces."""
    k = s.lower().replace("’", "'").replace("‘", "'")
    k = k.replace("&", " and ")
    k = re.sub(r"\bwell[\s\-]*being\b", "wellbeing", k)
    k = re.sub(r"\s*/\s*", "/", k)
    k = re.sub(r"(?<=\w)-(?=\w)", " ", k)
    k = re.sub(r"\s+", " ", k).strip(" .,;:'\"()")
    k = re.sub(r"'s?$", "", k).strip()
    k = re.sub(r"^(?:the|our|its|their) ", "", k)
    return k


def _is_acronym(alias: str) -> bool:
    return (
        " " not in alias
        and bool(re.fullmatch(r"[A-Za-z][A-Za-z&/]*", alias))
        and sum(c.isupper() for c in alias) >= 2
    )


def _shortest_alias(p: Party) -> str:
    acronyms = [a for a in p.aliases if _is_acronym(a)]
    named = [a for a in p.aliases if a[:1].isupper() and len(a) <= len(p.name) - 4]  # not "the provider alliance"
    return min(acronyms or named or [p.name], key=len)


_SHORT_NAMES = {p.name: _shortest_alias(p) for p in DEFAULT_PARTIES}


def short_name(name: str) -> str:
    """The acronym a party is known by ("UHCW", "WCC"), or its shortest proper alias ("Coventry HWB"),
    for narrow table columns; else its name."""
    return _SHORT_NAMES.get(name, name)


def _variants(alias: str) -> set[str]:
    """Surface variants a case-insensitive phrase pattern needs ('&'/'and', 'Well-being')."""
    out = {alias}
    for a in list(out):
        if " and " in a:
            out.add(a.replace(" and ", " & "))
        if " & " in a:
            out.add(a.replace(" & ", " and "))
    for a in list(out):
        if re.search(r"wellbeing", a, re.IGNORECASE):
            for w in ("Well-being", "Well-Being", "Well Being"):
                out.add(re.sub(r"wellbeing", w, a, flags=re.IGNORECASE))
    for a in list(out):
        if "-" in a:
            out.add(a.replace("-", " "))
    return out


def _title_case(s: str) -> str:
    if s != s.lower():
        return s
    small = {"and", "of", "for", "the", "in", "on", "to", "with"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in s.split())


def _initials_match(words: Sequence[str], acronym: str) -> bool:
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    minor = {"and", "of", "for", "the", "in", "to", "with", "&"}
    pieces: list[str] = []
    for w in words:
        pieces.extend(p for p in re.split(r"[-/]", w) if p)
    full = "".join(p[0].lower() for p in pieces if p[0].isalnum())
    content = "".join(p[0].lower() for p in pieces if p.lower() not in minor and p[0].isalnum())
    return letters in (full, content) or (letters.endswith("s") and letters[:-1] in (full, content))


class OwnerGazetteer:
    """Canonical parties, their aliases, and the rules that pick the owners of a text."""

    _CACHE_SIZE = 4096

    def __init__(self, parties: Iterable[Party] = DEFAULT_PARTIES):
        self._parties: dict[str, Party] = {}
        self._alias: dict[str, tuple[str, ...] | str] = {}  # key -> canonical names or a context token
        self._cased: set[str] = set()  # aliases matched case-sensitively (as written)
        self._phrases: set[str] = set()  # aliases matched case-insensitively
        self._nlp: Any = None
        self._ruler: Any = None
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._name_stop: frozenset[str] = frozenset()  # filled with the pipeline (needs spaCy)
        for p in parties:
            self.add_party(p)
        for alias, names in COLLECTIVE_ALIASES.items():
            self._add_alias(alias, names)
        for alias, token in CONTEXT_ALIASES.items():
            self._add_alias(alias, token)

    # ---------------------------------------------------------------- gazetteer
    @property
    def parties(self) -> tuple[Party, ...]:
        return tuple(self._parties.values())

    def canonical_names(self) -> frozenset[str]:
        return frozenset(self._parties)

    def kind_of(self, name: str) -> str | None:
        p = self._parties.get(name)
        return p.kind if p else None

    def add_party(self, party: Party) -> None:
        """Add (or extend) a party; its name and aliases become patterns."""
        old = self._parties.get(party.name)
        if old is not None:
            aliases = tuple(dict.fromkeys(old.aliases + party.aliases))
            party = Party(party.name, old.kind, aliases)
        self._parties[party.name] = party
        for alias in (party.name, *party.aliases):
            self._add_alias(alias, (party.name,))

    def _add_alias(self, alias: str, target: tuple[str, ...] | str, override: bool = True) -> None:
        key = norm_key(alias)
        if not key:
            return
        if override or key not in self._alias:
            self._alias[key] = target
        patterns: list[dict] = []
        if _is_acronym(alias) or alias in _CASED_ALIASES:
            if alias not in self._cased:
                self._cased.add(alias)
                patterns = self._cased_patterns([alias]) if self._ruler is not None else []
        else:
            fresh = [v for v in _variants(alias) if v.lower() not in self._phrases]
            self._phrases.update(v.lower() for v in fresh)
            patterns = [{"label": "PARTY", "pattern": v} for v in fresh]
        if patterns and self._ruler is not None:
            self._ruler.add_patterns(patterns)
            self._cache.clear()

    def copy(self) -> OwnerGazetteer:
        """A gazetteer with the same parties (including learnt ones), e.g. one per document so that
        acronyms one document defines do not leak into another."""
        g = OwnerGazetteer(())
        g._parties = dict(self._parties)
        g._alias = dict(self._alias)
        g._cased = set(self._cased)
        g._phrases = set(self._phrases)
        return g

    def canonical(self, name: str) -> str | None:
        """Fold an alias or variant to its canonical name (None if unknown, or if it stands for several
        parties or depends on the author: see `resolve`)."""
        if not name or not name.strip():
            return None
        if name in self._parties:
            return name
        target = self._lookup(name)
        if isinstance(target, tuple) and len(target) == 1:
            return target[0]
        return None

    def resolve(self, name: str, author_org: str | None = None) -> list[str]:
        """All the canonical parties a name stands for ('the CCGs' -> three CCGs; 'the CCG' -> the
        authoring CCG)."""
        target = self._lookup(name)
        if target is None:
            return []
        return list(self._expand(target, author_org))

    def _lookup(self, name: str) -> tuple[str, ...] | str | None:
        key = norm_key(name)
        hit = self._alias.get(key)
        if hit is not None:
            return hit
        stripped = _PLACE_PREFIXES.sub("", name.strip()).strip()
        if stripped and stripped != name.strip():
            hit = self._alias.get(norm_key(stripped))
            if hit is not None and not isinstance(hit, str):
                return hit
        return None

    def _author(self, author_org: str | None) -> str | None:
        if not author_org or not author_org.strip():
            return None
        name = self.canonical(author_org)
        if name is None:  # an author the gazetteer does not know yet keeps its own name
            name = re.sub(r"\s+", " ", author_org.strip())
            self._parties.setdefault(name, Party(name, "org", ()))
        return name

    @staticmethod
    def _locality(author: str | None) -> str | None:
        if not author:
            return None
        a = author.lower()
        if author in (CCC, COV_HWB, CRCCG) or (a.startswith("coventry") and "warwickshire" not in a):
            return "coventry"
        if author in (WCC, WAR_HWB, WNCCG, SWCCG) or (a.startswith("warwickshire") and "coventry" not in a):
            return "warwickshire"
        return None

    def _is_ccg(self, author: str | None) -> bool:
        return bool(author) and (author in THREE_CCGS or author.upper().endswith("CCG"))

    def _expand(self, target: tuple[str, ...] | str, author_org: str | None,
                author_is_ccg: bool | None = None) -> tuple[str, ...]:
        if isinstance(target, tuple):
            return target
        author = self._author(author_org)
        if target == _AUTHOR_CCG:
            is_ccg = self._is_ccg(author) if author_is_ccg is None else (author_is_ccg or self._is_ccg(author))
            return (author,) if author and is_ccg else ()
        loc = self._locality(author)
        if target == _LOCAL_HWB:
            return {"coventry": (COV_HWB,), "warwickshire": (WAR_HWB,)}.get(loc or "", ())
        if target == _LOCAL_LA:
            return {"coventry": (CCC,), "warwickshire": (WCC,)}.get(loc or "", ())
        return ()

    # ---------------------------------------------------------------- acronyms and people
    def learn_acronyms(self, text: str) -> dict[str, str]:
        """Acronyms a document defines itself ('Local Workforce Action Board (LWAB)', 'Primary Care
        Networks (PCNs)', "the Collaborative Commissioning Board ('the CCB')"): the acronym becomes an
        alias of the known party, or of a new group when the long form names one; returns alias ->
        canonical for what was learnt."""
        learnt: dict[str, str] = {}
        for m in re.finditer(r"\(\s*['‘\"“]?(?:the\s+)?([A-Za-z][A-Za-z&]{1,9})['’\"”]?\s*\)", text or ""):
            acr = m.group(1)
            if sum(c.isupper() for c in acr) < 2 or acr.lower() in _NO_LEARN:
                continue
            line_start = max(text.rfind("\n", 0, m.start()), text.rfind("\t", 0, m.start()),
                             text.rfind(">", 0, m.start())) + 1
            before = text[line_start:m.start()]
            words = re.findall(r"[A-Za-z][A-Za-z'’&\-/]*|&", before)[-12:]
            long_form = None
            for n in range(1, len(words) + 1):
                cand = words[-n:]
                if cand[0].lower() in {"and", "of", "for", "the", "&", "in", "to"}:
                    continue
                if _initials_match(cand, acr):
                    long_form = " ".join(cand)
                    break
            if not long_form:
                continue
            existing = self._lookup(long_form)
            if isinstance(existing, tuple) and len(existing) == 1:
                canon = existing[0]
            elif existing is not None:
                continue
            else:
                head = long_form.split()[-1].lower()
                if head not in _LEARN_HEADS:
                    continue
                canon = self._group_name(long_form)
                if canon is None:
                    continue
                self.add_party(Party(canon, "group", (long_form,)))
            # never re-point an acronym that already names a different party
            prior = self._alias.get(norm_key(acr))
            if prior is not None and prior != (canon,):
                continue
            forms = {acr}
            forms.add(acr[:-1] if acr.endswith("s") else acr + "s")
            for f in forms:
                self._add_alias(f, (canon,), override=False)
            if long_form != canon:
                self._add_alias(long_form, (canon,), override=False)
            existing_party = self._parties[canon]
            self._parties[canon] = Party(canon, existing_party.kind,
                                         tuple(dict.fromkeys(existing_party.aliases + tuple(sorted(forms)))))
            learnt[acr] = canon
        return learnt

    def learn_people(self, text: str) -> list[str]:
        """People a document names as leads ('Workstream Lead  Gail Quinton (...)'): registered so that
        later mentions of the same full name are matched anywhere. Returns the names learnt."""
        out: list[str] = []
        for m in self.mentions(text):
            if m.kind == "person" and m.name not in out:
                out.append(m.name)
        for name in out:
            if name not in self._parties:
                self.add_party(Party(name, "person", ()))
        return out

    # ---------------------------------------------------------------- spaCy pipeline
    def _pipeline(self) -> Any:
        if self._nlp is None:
            import spacy  # imported here: the CLI can import kb without spaCy

            nlp = spacy.blank("en")
            self._name_stop = _name_stop()
            ruler = nlp.add_pipe("entity_ruler", name="party_ruler",
                                 config={"phrase_matcher_attr": "LOWER", "validate": False})
            self._nlp = nlp
            patterns: list[dict] = [{"label": "PARTY", "pattern": p} for p in sorted(self._phrases)]
            patterns += self._cased_patterns(sorted(self._cased))
            patterns += self._person_patterns()
            ruler.add_patterns(patterns)
            # named groups found generically never override a known party or person
            groups = nlp.add_pipe("entity_ruler", name="group_ruler",
                                  config={"overwrite_ents": False, "validate": False})
            groups.add_patterns(self._group_patterns())
            self._nlp, self._ruler = nlp, ruler
        return self._nlp

    def _cased_patterns(self, aliases: Iterable[str]) -> list[dict]:
        nlp = self._nlp
        if nlp is None:
            import spacy

            nlp = spacy.blank("en")
        out = []
        for a in aliases:
            toks = [t.text for t in nlp.make_doc(a)]
            out.append({"label": "PARTY", "pattern": [{"ORTH": t} for t in toks]})
        return out

    def _group_patterns(self) -> list[dict]:
        cap = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z'’\-]*|[A-Z&]{2,})$"}}
        first = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z'’\-]*|[A-Z&]{2,})$"},
                 "LOWER": {"NOT_IN": _GROUP_FIRST_STOP + _MONTHS}}
        middle = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z'’\-]*|[A-Z&]{2,}|and|&|of|for|'s|’s|-)$"}, "OP": "*"}
        head = {"LOWER": {"IN": _GROUP_HEADS}, "TEXT": {"REGEX": r"^[A-Z]"}}
        return [
            {"label": "GROUP", "pattern": [first, middle, head]},
            # "the MCYP Programme started Phase 2"
            {"label": "GROUP", "pattern": [{"TEXT": {"REGEX": r"^[A-Z][A-Z&]{2,6}$"},
                                            "LOWER": {"NOT_IN": ["stp", "nhs", "ics", "icp", "the"]}},
                                           {"TEXT": {"IN": ["Programme", "Programmes"]}}]},
            {"label": "GROUP", "pattern": [first, middle, cap, {"LOWER": {"IN": ["working", "steering",
                                                                                   "project", "reference",
                                                                                   "advisory"]}},
                                           {"LOWER": {"IN": ["group", "groups", "board"]}}]},
        ]

    def _person_patterns(self) -> list[dict]:
        name = {"TEXT": {"REGEX": _NAME_RE}, "LOWER": {"NOT_IN": sorted(self._name_stop)}}
        name_opt = dict(name, OP="?")
        hyph = [{"ORTH": "-", "OP": "?", "SPACY": False}, name_opt]
        full = [name, name, *hyph]
        sp = {"IS_SPACE": True, "OP": "*"}
        lead = {"LOWER": {"IN": ["lead", "leads", "sro", "owner"]}}
        dash = {"TEXT": {"IN": _DASHES}, "SPACY": True}
        pats: list[dict] = []
        # "Workstream Lead\tGail Quinton (...)", "Lead - Andrea Green (...)", "Lead: Karen Martin, ..."
        pats.append({"label": "PERSON", "id": "lead", "pattern": [lead, sp, dict(dash, OP="?"), sp, *full]})
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [{"LOWER": "lead"}, {"ORTH": "/"}, {"LOWER": "s"}, sp, *full]})
        # "Stroke Pathway Lead - Andrea Green (AO, ...)", "MSK – Simon Illingworth (Associate ...)"
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [dash, *full, {"ORTH": {"IN": ["(", ","]}}]})
        # "... (CEO, UHCW) and Kath Kelly (CEO, GEH)"
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [{"ORTH": ")"}, {"LOWER": {"IN": ["and", "&"]}}, *full, {"ORTH": "("}]})
        # "chaired by Andrea Green"
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [{"LOWER": {"IN": ["chaired", "led"]}}, {"LOWER": "by"}, *full]})
        # "Ben Diamond indicated that he would make contact"
        pats.append({"label": "PERSON", "id": "doer",
                     "pattern": [*full, {"LOWER": {"IN": _PERSON_DOER_VERBS}}]})
        # "Andy Hardy (CEO, UHCW/STP SRO)": a name with its role
        pats.append({"label": "PERSON", "id": "",
                     "pattern": [*full, {"ORTH": "("}, {"LOWER": {"IN": _ROLE_START}}]})
        # "Dr Adrian Canale-Parola", "Councillor Kamran Caan"
        pats.append({"label": "PERSON", "id": "",
                     "pattern": [{"LOWER": {"IN": _HONORIFICS}}, {"ORTH": ".", "OP": "?"}, *full]})
        return pats

    def _doc(self, text: str) -> Any:
        doc = self._cache.get(text)
        if doc is not None:
            self._cache.move_to_end(text)
            return doc
        doc = self._pipeline()(text)
        self._remember(text, doc)
        return doc

    def _remember(self, text: str, doc: Any) -> None:
        self._cache[text] = doc
        if len(self._cache) > self._CACHE_SIZE:
            self._cache.popitem(last=False)

    def _docs(self, texts: Sequence[str], batch_size: int = 256) -> list[Any]:
        nlp = self._pipeline()
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        fresh = dict(zip(todo, nlp.pipe(todo, batch_size=batch_size), strict=True)) if todo else {}
        out = []
        for t in texts:
            doc = fresh.get(t) or self._cache.get(t)
            if doc is None:
                doc = nlp(t)
            out.append(doc)
        for t, d in fresh.items():
            self._remember(t, d)
        return out

    # ---------------------------------------------------------------- mentions
    def mentions(self, text: str, author_org: str | None = None, author_is_ccg: bool = False) -> list[Mention]:
        """Every party named in text, in order: Mention(name=canonical, start_char, end_char, surface).
        A collective alias ('the CCGs') yields one mention per party, all with the same span."""
        if not text or not text.strip():
            return []
        return self._mentions_of(self._doc(text), author_org, author_is_ccg)

    def mentions_many(self, texts: Iterable[str], author_org: str | None = None,
                      author_is_ccg: bool = False) -> list[list[Mention]]:
        """`mentions` for many texts at once (spaCy's nlp.pipe)."""
        texts = [t or "" for t in texts]
        return [self._mentions_of(d, author_org, author_is_ccg) for d in self._docs(texts)]

    def _mentions_of(self, doc: Any, author_org: str | None, author_is_ccg: bool) -> list[Mention]:
        out: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                m = self._person_mention(doc, ent)
                if m is not None:
                    out.append(m)
                continue
            surface = ent.text
            target = self._lookup(surface)
            if target is None and ent.label_ == "GROUP":
                target = self._group_target(surface)
            if target is None:
                continue
            names = self._expand(target, author_org, author_is_ccg or None)
            for n in names:
                kind = self.kind_of(n) or "org"
                out.append(Mention(n, ent.start_char, ent.end_char, surface, kind))
        out.sort(key=lambda m: m.start_char)
        return out

    def _group_target(self, surface: str) -> tuple[str, ...] | None:
        # "<org> Board" / "<org> Trust Board" is the organisation itself
        base = _ORG_SUFFIX.sub("", surface.strip())
        if base != surface.strip():
            hit = self._lookup(base)
            if isinstance(hit, tuple):
                return hit
        name = self._group_name(surface)
        if name is None:
            return None
        hit = self._lookup(name)
        if hit is not None:
            return hit if isinstance(hit, tuple) else None
        if name not in self._parties:
            self._parties[name] = Party(name, "group", ())
        return (name,)

    @staticmethod
    def _group_name(surface: str) -> str | None:
        s = re.sub(r"\s+", " ", surface).strip(" '’\"")
        stripped = _PLACE_PREFIXES.sub("", s).strip()
        if len(stripped.split()) >= 2:
            s = stripped
        if len(s.split()) < 2:
            return None
        return _title_case(s)

    def _person_mention(self, doc: Any, ent: Any) -> Mention | None:
        toks = list(ent)
        i = 0
        while i < len(toks) and not self._is_name_token(toks[i]):
            i += 1
        j = i
        while j < len(toks):
            t = toks[j]
            if self._is_name_token(t):
                j += 1
            elif t.text == "-" and not t.whitespace_ and j + 1 < len(toks) and self._is_name_token(toks[j + 1]) \
                    and (j == 0 or not toks[j - 1].whitespace_):
                j += 1
            else:
                break
        name_toks = [t for t in toks[i:j] if t.text != "-"]
        if len(name_toks) < 2:
            return None
        start, end = toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text)
        surface = doc.text[start:end]
        # an organisation that happens to look like a name ("Healthwatch Warwickshire undertook")
        if self._lookup(surface) is not None:
            target = self._lookup(surface)
            if isinstance(target, tuple):
                return Mention(target[0], start, end, surface, self.kind_of(target[0]) or "org")
            return None
        name = re.sub(r"\s+", " ", surface)
        return Mention(name, start, end, surface, "person", ent.ent_id_ or "")

    def _is_name_token(self, t: Any) -> bool:
        return bool(re.match(_NAME_RE, t.text)) and t.lower_ not in self._name_stop

    # ---------------------------------------------------------------- owners
    def owners(self, text: str, author_org: str | None = None, intro: str | None = None,
               heading: str | None = None) -> list[str]:
        """Canonical owners responsible for this text, de-duplicated, in order of appearance: the
        parties it names as doer or lead; if it names none, the subject(s) of its list's `intro`
        ("The Design Authority ... its role is to:", "the CCGs are:"); if the intro only refers
        back to a body ("Their main objectives are:", "the alliance will:"), the one party its
        `heading` names ("Our Provider Alliance")."""
        found = self._names(self._judge(text or "", author_org))
        if not found and intro:
            judged = self._judge(intro, author_org)
            found = self._names(self._subjects(intro, judged))
            if not found and len({m.name for m, ok in judged if ok}) == 1:
                found = self._names(judged)  # the one party the intro names ("Formation of a ... to:")
            if not found and heading:
                found = self._referred_in_heading(intro, heading, author_org)
        return found

    def _referred_in_heading(self, intro: str, heading: str, author_org: str | None) -> list[str]:
        named = {m.name: m for m, ok in self._judge(heading, author_org) if ok}
        if len(named) != 1:
            return []
        name = next(iter(named))
        head = name.split()[-1].lower()
        last = re.split(r"(?<=[.!?])\s+", intro.strip())[-1]
        if re.match(r"(?:its|their)\b", last, re.IGNORECASE) or re.search(rf"\bthe {re.escape(head)}\b", intro,
                                                                         re.IGNORECASE):
            return [name]
        return []

    def owners_many(self, texts: Sequence[str], author_org: str | None = None,
                    intros: Sequence[str | None] | None = None,
                    headings: Sequence[str | None] | None = None) -> list[list[str]]:
        """`owners` for many texts at once (one spaCy pass over texts, intros and headings)."""
        intros = list(intros) if intros is not None else [None] * len(texts)
        headings = list(headings) if headings is not None else [None] * len(texts)
        allt = [t or "" for t in texts] + [i for i in intros if i]
        self._docs([t for t in allt if t.strip()])
        return [self.owners(t, author_org, i, h) for t, i, h in zip(texts, intros, headings, strict=True)]

    def _names(self, judged: Iterable[tuple[Mention, bool]]) -> list[str]:
        keep: list[str] = []
        for m, ok in judged:
            if ok and m.name not in keep:
                keep.append(m.name)
                if m.kind == "person" and m.name not in self._parties:
                    self._parties[m.name] = Party(m.name, "person", ())
        return keep

    def _judge(self, text: str, author_org: str | None) -> list[tuple[Mention, bool]]:
        """Each mention with whether the text makes it an owner."""
        if not text.strip():
            return []
        author = self._author(author_org)
        ms = self.mentions(text, author, self._is_ccg(author))
        affil = self._affiliation_spans(text, ms)
        out: list[tuple[Mention, bool]] = []
        prev: Mention | None = None
        prev_ok = True
        for m in ms:
            if prev is not None and (m.start_char, m.end_char) == (prev.start_char, prev.end_char):
                ok = prev_ok  # another party of the same collective alias
            elif any(a <= m.start_char < b for a, b in affil):
                ok = False
            elif m.kind == "person":
                ok = self._person_is_owner(text, m)
            else:
                ok = self._org_is_owner(text, m, prev, prev_ok)
            out.append((m, ok))
            prev, prev_ok = m, ok
        return out

    def _subjects(self, text: str, judged: list[tuple[Mention, bool]]) -> list[tuple[Mention, bool]]:
        """The owners of an intro that are its subject: at the start of a clause, or followed by a
        verb ("... Commissioners will need to undertake the following steps:")."""
        out: list[tuple[Mention, bool]] = []
        prev: tuple[Mention, bool] | None = None
        for m, ok in judged:
            subj = False
            same_span = False
            if ok:
                same_span = prev is not None and (prev[0].start_char, prev[0].end_char) == (m.start_char, m.end_char)
                gap = text[prev[0].end_char:m.start_char] if prev is not None else ""
                listed = prev is not None and prev[1] and re.fullmatch(
                    r"(?:[\s,'’]|and|&|or|/|the|our|its|their|both|all)*", gap, re.IGNORECASE) is not None
                clause = re.split(r"[.;:,!?\n\t•(]", text[max(0, m.start_char - 120):m.start_char])[-1]
                lead = [w for w in re.findall(r"[A-Za-z]+", clause.lower()) if w not in _DETS]
                after = self._words_after(text, m.end_char, 1)
                # "... Design Authority with ... representatives; its role is to:" (referred back to)
                referred = re.search(r"\b(?:its|their|it|they)\b", text[m.end_char:], re.IGNORECASE) is not None
                if same_span:
                    subj = prev is not None and prev[1]
                else:
                    subj = listed or referred or len(lead) <= 1 or (bool(after) and after[0] in _SUBJECT_NEXT)
            out.append((m, ok and subj))
            if ok and subj:
                prev = (m, True)
            else:
                prev = (m, False)
        return out

    @staticmethod
    def _words_before(text: str, pos: int, n: int = 10) -> list[str]:
        chunk = text[max(0, pos - 120):pos]
        chunk = re.split(r"[.;:!?\n\t•<>]", chunk)[-1]
        return [w.lower() for w in re.findall(r"[A-Za-z]+", chunk)][-n:]

    @staticmethod
    def _words_after(text: str, pos: int, n: int = 3) -> list[str]:
        return [w.lower() for w in re.findall(r"[A-Za-z']+", text[pos:pos + 80])][:n]

    def _org_is_owner(self, text: str, m: Mention, prev: Mention | None, prev_ok: bool) -> bool:
        after = self._words_after(text, m.end_char)
        if after and after[0].strip("'") in _FOLLOW_SUPPRESS:
            return False
        if prev is not None:
            gap = text[prev.end_char:m.start_char]
            if re.fullmatch(r"(?:[\s,'’]|and|&|or|/|plus|as well as|the|our|its|their|both|all|nor)*",
                            gap, re.IGNORECASE):
                return prev_ok  # "to X and Y", "by X, Y and Z"
            if re.fullmatch(r"\s*\(\s*['‘\"“]?(?:the\s+)?", gap, re.IGNORECASE):
                return prev_ok  # "the Local Workforce Action Board (LWAB)": the same party restated
        words = self._words_before(text, m.start_char)
        while words and words[-1] in _DETS:
            words.pop()
        w1 = words[-1] if words else ""
        w2 = words[-2] if len(words) > 1 else ""
        if w1 == "with":
            return w2 in {"together", "along", "jointly"}
        if w1 in {"to", "from", "into", "alongside", "than", "between", "across", "in"}:
            return False
        if w1 == "as" and w2 != "such":
            return False  # "recommend CWPT and SWFT as lead providers": a role, not a doer
        if m.name in ("Providers", "Commissioners") and w1 in {"for", "of", "among", "amongst"}:
            return False  # "equal treatment of providers", "£51.7m for commissioners"
        subject = bool(after) and after[0] in _SUBJECT_NEXT and after[0] != "to"
        for trigger in ("with", "between"):
            # "interface with other providers, the local authorities, GPs": a list of partners,
            # unless the mention is the subject of what follows
            if trigger in words[-10:] and not subject:
                k = len(words) - 1 - words[::-1].index(trigger)
                if k > 0 and words[k - 1] in {"together", "along", "jointly"}:
                    continue
                before = text[max(0, m.start_char - 120):m.start_char]
                tail = before[before.lower().rfind(trigger):]
                if re.search(r",|\band\b|&", tail) and not re.search(r"\bof\b", tail):
                    return False
        if w1 == "by" and w2 in {"supported", "assisted", "helped", "commissioned", "funded"}:
            return False
        clause = re.split(r"[.;:!?\n\t•]", text[max(0, m.start_char - 120):m.start_char])[-1]
        if _MEMBERSHIP.search(clause):
            return False  # "The alliance comprises NHS providers and the two local authorities": members
        if w1 == "of" and (w2 in _ROLE_WORDS or w2 in {"support", "behalf", "help"}):
            return False
        if w1 in {"including", "as", "eg", "e", "g", "namely", "like"}:
            # "working with our partner organisations, such as Warwickshire County Council"
            if "with" in words[-8:] and "together" not in words[-8:]:
                return False
        return True

    def _person_is_owner(self, text: str, m: Mention) -> bool:
        if m.role in ("lead", "doer"):
            return True
        before = text[max(0, m.start_char - 40):m.start_char]
        if re.search(r"\b(?:leads?|lead/s|sros?|owners?|(?:chaired|led)\s+by)\s*[-–—:]?\s*$", before,
                     re.IGNORECASE):
            return True  # "Finance Lead\tLiz Murray", "chaired by Andrea Green"
        after = self._words_after(text, m.end_char, 2)
        return bool(after) and after[0] in _PERSON_DOER_NEXT  # "Liz Murray will circulate ..."

    @staticmethod
    def _affiliation_spans(text: str, ms: Sequence[Mention]) -> list[tuple[int, int]]:
        """Where a person's role and organisation are given: '(AO, CR CCG/WN CCG)' after a name, or
        ', Chief Workforce & Information Officer, UHCW' up to the end of the cell."""
        spans = []
        for m in ms:
            if m.kind != "person":
                continue
            rest = text[m.end_char:]
            par = re.match(r"\s*\(", rest)
            if par:
                close = rest.find(")", par.end())
                end = m.end_char + (close if close >= 0 else len(rest))
                spans.append((m.end_char, end + 1))
            elif re.match(r"\s*,", rest):
                stop = re.search(r"[\t\n;<)]|\s[-–—]\s|\band\s+[A-Z][a-z]+\s+[A-Z]", rest)
                spans.append((m.end_char, m.end_char + (stop.start() if stop else len(rest))))
        return spans

