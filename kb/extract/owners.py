"""Owners: the organisations, boards, groups and people a commitment names as doer or lead.

An owner is (GUIDE.md, issue #12):
- the doer of the committing predicate: its subject with conjuncts, or the agent of a passive,
  read from spaCy's trained dependency parse (kb.extract.nlp.parse_many);
- else the party a labelled field names as responsible (`Block.fields["owner"]`: Who, Lead, Owner,
  Responsible officer, By whom, an owner column);
- else, when the item names none, the doer of the lead-in sentence its list hangs from (`intro`).
Objects, beneficiaries, partners ("working with", "supported by"), members ("comprises"),
addressees, meetings and places are not owners; "we" gives none.

Parties are recognised in any area: the naming conventions of English public bodies (... NHS Trust,
... CCG, ... Council, ... Board, ... Group, Public Health, ...), named-entity recognition for a
doer, people named as doer or lead (with a role title where given), and the acronyms a document
defines itself, kept per document.  Knowledge of one area (its bodies' aliases and acronyms, what
"the CCGs" are) is data: the optional gazetteer file beside the documents (kb.extract.gazetteer).
"The Board", "the Trust", "the Council", "the CCG" mean the document's own body.

    gaz = OwnerGazetteer(load_gazetteer(Path("corpus/gazetteer.toml")))
    gaz.prepare(document_text)                 # per-document acronyms and area scope
    gaz.owners("Riverside NHS Foundation Trust will open two clinics")
    # ['Riverside NHS Foundation Trust']

spaCy is imported lazily, so importing this module is cheap.  Mention rules (a few words around
each mention) still decide verbless fragments ("Lead - Jane Smith (...)", "RFT to deploy ...").
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kb.extract.acronyms import initials_match
from kb.extract.gazetteer import EMPTY, Gazetteer, Party, short_name
from kb.extract.lead_cells import LeadCells
from kb.extract.lexicon import (
    ACTION_NOUNS,
    ACTION_VERBS,
    ASSIGNING_VERBS,
    DOER_TITLE,
    DOER_TITLE_LEAD,
    NOTING_VERBS,
    REQUEST_VERBS,
    TAKING_IN,
)

__all__ = [
    "NATIONAL_PARTIES",
    "Mention",
    "OwnerGazetteer",
    "Owners",
    "Party",
    "norm_key",
    "short_name",
]


@dataclass(frozen=True)
class Mention:
    name: str  # canonical name
    start_char: int
    end_char: int
    surface: str  # the text as written
    kind: str = "org"  # "org" | "person" | "group" | "role" (a role title: "Director of Public Health")
    role: str = ""  # people: "lead" | "doer" | "" (named only)


@dataclass
class Owners:
    """The owners of one item and where they came from, for the record's confidence:
    "grammar" (doer of the predicate), "field" (a Who/Lead/Owner field), "intro" (the doer of the
    list's lead-in sentence or the body its heading names), "mention" (a party named in a verbless
    fragment, judged by the words around it), or "" when there is none."""

    names: list[str] = field(default_factory=list)
    source: str = ""


# --------------------------------------------------------------------------------------------
# Parties every English document may name (national bodies and generic roles: no area)
# --------------------------------------------------------------------------------------------
NATIONAL_PARTIES: tuple[Party, ...] = (
    Party("NHS England", "org", (
        "NHSE", "NHS E", "NHSE/I", "NHSEI", "NHS England and NHS Improvement", "NHS England and Improvement",
        "NHS England/Improvement", "NHS England / NHS Improvement", "NHS England/NHS Improvement",
    )),
    Party("NHS Improvement", "org", ("NHSI",)),
    Party("Care Quality Commission", "org", ("CQC",)),
    Party("Department of Health", "org", ("DoH", "DH", "Department of Health and Social Care", "DHSC")),
    Party("Health Education England", "org", ("HEE",)),
    Party("Public Health England", "org", ("PHE",)),
    Party("UK Health Security Agency", "org", ("UKHSA",)),
    Party("Office for Health Improvement and Disparities", "org", ("OHID",)),
    Party("NHS Property Services", "org", ()),
    # "the Government" of an English public document is the UK's (a devolved government is named as such)
    Party("UK Government", "org", ("the Government", "HM Government", "His Majesty's Government",
                                   "Her Majesty's Government", "the UK Government")),
    Party("Providers", "group", (
        "the providers", "lead providers", "the lead providers", "incumbent providers",
        "the incumbent providers", "integrated care providers",
    )),
    Party("Commissioners", "group", ("commissioners", "the commissioners")),
)
_NATIONAL_CASED = frozenset({"Providers"})

# References whose meaning is the document's own body (or what the gazetteer says for its author).
# Each maps to (generic key looked up in the gazetteer's [authors] table, the author types it means).
_OWN_BODY: dict[str, tuple[str, tuple[str, ...]]] = {
    "the CCG": ("the CCG", ("ccg",)),
    "CCG": ("the CCG", ("ccg",)),
    "our CCG": ("the CCG", ("ccg",)),
    "Clinical Commissioning Group": ("the CCG", ("ccg",)),
    "the ICB": ("the ICB", ("icb",)),
    "the Integrated Care Board": ("the ICB", ("icb",)),
    "Health and Wellbeing Board": ("the Health and Wellbeing Board", ("hwb",)),
    "HWB": ("the Health and Wellbeing Board", ("hwb",)),
    "HWB Board": ("the Health and Wellbeing Board", ("hwb",)),
    "HWBB": ("the Health and Wellbeing Board", ("hwb",)),
    "the Local Authority": ("the Local Authority", ("council",)),
    "the Council": ("the Council", ("council",)),
    "Council": ("the Council", ("council",)),
    # a council's Cabinet is a body of its own, named after the council ("Northshire County Council Cabinet")
    "Cabinet": ("the Cabinet", ("council",)),
    "the County Council": ("the County Council", ("county council",)),
    "County Council": ("the County Council", ("county council",)),
    "the City Council": ("the City Council", ("city council",)),
    "City Council": ("the City Council", ("city council",)),
    "the Borough Council": ("the Borough Council", ("borough council",)),
    "the District Council": ("the District Council", ("district council",)),
    "the Trust": ("the Trust", ("trust",)),
    "the Board": ("the Board", ("board", "trust", "council", "ccg", "icb", "hwb")),
}
# Matched as cased; "the council" and "the county council" in lower case are references too.
_OWN_CASED = frozenset({"Council", "Cabinet", "the Trust", "the Board", "County Council", "City Council"})


# Bare words that name the author's own body, and a capitalised word that may come before them in a
# longer name ("Youth", "Parish", "Ashby").
_OWN_HEAD_WORDS = frozenset({"Council", "Cabinet"})
_CAPITALISED_WORD = re.compile(r"^[A-Z][A-Za-z'’-]*$")
# Words that name a meeting of the author's own council, not another body: "Full Council", "Shadow Cabinet".
_OWN_MEETING = frozenset({"full", "special", "annual", "shadow", "budget"})


def _body_types(name: str) -> set[str]:
    """What kind of body a name is, from the conventions of English public bodies' names."""
    n = norm_key(name)
    out: set[str] = set()
    if re.search(r"\b(?:ccg|clinical commissioning group)s?$", n):
        out.add("ccg")
    if re.search(r"\b(?:icb|integrated care board)$", n):
        out.add("icb")
    if re.search(r"health and wellbeing board$", n):
        out.add("hwb")
    if re.search(r"\bcouncil$", n):
        out.add("council")
        for k in ("county", "city", "borough", "district"):
            if re.search(rf"\b{k} council$", n):
                out.add(f"{k} council")
    if re.search(r"\btrust$", n):
        out.add("trust")
    if re.search(r"\bboard$", n):
        out.add("board")
    return out


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
# A party's name written before a capitalised document noun names the document ("the Stroke Service
# Specifications", "the Northshire County Council Plan"), not a doer.  Only capitalised: in "The
# Trust plans to ..." the word is the verb.
_DOCUMENT_NOUNS = frozenset(
    "specification specifications strategy strategies plan framework frameworks guidance standards policy "
    "policies report protocol toolkit charter prospectus handbook guide map maps".split()
)


# The title of a plan of actions after a body's name ("<body> Capacity and Access Improvement Plans",
# "<body> Delivery Plan 2025-26"): capitalised words ending in a noun for a plan of work.
_PLAN_TITLE = re.compile(r"(?:[A-Z0-9][\w'’-]*\s+(?:(?:and|&|of|for)\s+)?){0,6}"
                         r"(?:Plans?|Programmes?|Strateg(?:y|ies)|Roadmaps?)(?:\s+(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2,4})?)?")


# Lower-case words after a body's name that name its teams by where or what they work on
# ("regional teams", "local delivery teams").
_BODY_TEAMS = re.compile(r"\s+(?:(?:regional|local|area|national|clinical|operational|delivery|project|"
                         r"commissioning|place|locality|specialist)\s+){1,2}teams\b")


def _names_a_document(text: str, end: int) -> bool:
    """Whether the name ending at `end` is followed by a capitalised document noun, directly or at
    the end of the run of capitalised words it starts ("Trading Standards & Scientific Services
    Business Plan", "the Housing (HSG) - Prevention Action Plan"): the body qualifies the document."""
    follow = re.match(r"\s+([A-Z][a-z]+)\b", text[end:end + 40])
    if bool(follow) and follow.group(1).lower() in _DOCUMENT_NOUNS:
        return True
    run = re.match(r"(?:\s*\([A-Z&]{2,8}\)|\))?(?:\s+(?:&|and|-|–)?\s*[A-Z][\w'’]*){1,5}", text[end:end + 90])
    if not run:
        return False
    ws = run.group(0).split()
    # not "Public Health and Trading Standards will ...": a service every authority has is no document
    return any(w[:1].isupper() and w.lower() in _DOCUMENT_NOUNS and not (w == "Standards" and ws[i - 1:i] == ["Trading"])
               for i, w in enumerate(ws))


# A lead-in that refers back to the sentence before it for its doer: "Its role is to:", "They will:".
_REFERS_BACK = re.compile(r"(?i)\W*(?:its|their|it|they|this|these|the (?:group|board|partnership|alliance|"
                          r"team|committee|service|network)(?:'s)?)\b")
# the subject of a sentence that only refers back to a party: "They", or "the" and a body's head
# word ("The service will ...", "the group is ..."), read against the sentence before
_REFERRING_SUBJECT = re.compile(r"\W*(?P<subject>[Tt]hey|[Tt]he\s+(?P<head>[a-z][a-z-]+))\b")
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
# Titles of an office written before a holder's name ("Minister Jane Smith", "Mayor Ann Lee").
_OFFICE_TITLES = frozenset("Minister Secretary Chancellor Mayor Leader Chair Chairman President Governor "
                           "Commissioner Director".split())
_OFFICE_TITLE = re.compile(r"(?:" + "|".join(sorted(_OFFICE_TITLES)) + r")\s+")
_HONORIFICS = ["dr", "cllr", "councillor", "professor", "prof", "mr", "mrs", "ms", "miss", "superintendent",
               "sir", "dame"]
# A person named in full after a title ("Dr Penny Dash"), who may later be "Dr Dash".
_TITLED_FULL_NAME = re.compile(r"\b(?:" + "|".join(h.capitalize() for h in _HONORIFICS) + r")"
                               r"\.?\s+(?P<given>[A-Z][a-z'’-]+)\s+(?P<surname>[A-Z][a-z'’-]+)\b")


def _people_named_in_full(text: str) -> dict[str, str]:
    """Surname -> "Given Surname" for the people a document names in full with a title ("Dr Penny
    Dash"), so that its later "Dr Dash" is known; a surname two people share names neither."""
    seen: dict[str, set[str]] = {}
    for m in _TITLED_FULL_NAME.finditer(text):
        seen.setdefault(m.group("surname"), set()).add(f"{m.group('given')} {m.group('surname')}")
    return {surname: next(iter(full)) for surname, full in seen.items() if len(full) == 1}
_MONTHS = (
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday"
).split()
# Capitalised words that are not (parts of) people's names.
_NAME_STOP_EXTRA = (
    "care health board boards group groups council councils trust trusts service services hospital "
    "hospitals primary public mental community nhs clinical commissioning local national city county "
    "north south east west university partnership system systems team teams forum programme programmes plan plans strategy "
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


# A capitalised action noun with its object ("Review of Community Dental Services", "Redesign and
# Improvement of ..."): the name of an activity, not of a body.
_ACTIVITY_OF = re.compile(r"^(?:the\s+)?(?:\w+\s+(?:and|&)\s+)?(?:" + "|".join(sorted(ACTION_NOUNS)) + r")\s+(?:of|for)\b",
                          re.IGNORECASE)

# Heads of named bodies found by the naming conventions of English public bodies ("Drug and Alcohol
# Strategy Steering Group", "Riverside NHS Foundation Trust", "Northshire County Council").
_GROUP_HEADS = [
    "board", "boards", "group", "groups", "forum", "forums", "alliance", "committee", "committees",
    "commission", "collaborative", "network", "networks", "team", "teams", "council", "councils", "police",
    "trust", "ccg", "icb", "partnership", "service", "services", "authority", "executive", "panel",
    "government", "agency", "office",
]
# Words that end (or open, with "of"/"for") a role title.
_ROLE_HEADS = ["director", "head", "lead", "manager", "officer", "chair", "chairman", "commissioner",
               "consultant", "coordinator", "co-ordinator", "member", "holder", "executive", "secretary",
               "specialist", "practitioner", "minister"]
# Heads whose bodies are organisations (the rest are groups).
_ORG_HEADS = frozenset({"trust", "ccg", "icb", "council", "councils", "police", "authority", "service", "services",
                        "government", "agency", "office"})
# Heads that make a long form learnt from "(ACRONYM)" a party rather than a thing.
_LEARN_HEADS = frozenset(
    _GROUP_HEADS + ["trust", "trusts", "authority", "authorities", "partnership", "workers", "worker",
                    "practitioners", "ccg", "ccgs", "providers", "commissioners", "body", "bodies",
                    "collaboration", "executive", "cabinet"]
)
# A long form learnt from "(ACRONYM)" that names a body without a group's head word: a department or
# office of state ("Department for Education"), a national body named with its nation ("Fenwick
# Quality Scotland", "Digital Health and Care Wales"), a named NHS body ("NHS Blood and Plasma"), or
# one whose last word is a kind of organisation ("... Association", "... Institute", "... Homes").
_BODY_LONG_FORM = re.compile(
    r"^(?:Department|Ministry|Office)\s+(?:of|for)\s+[A-Z]|^NHS\s+[A-Z]|"
    r"\s(?:England|Scotland|Wales|Ireland|UK|Britain|Kingdom|London)$|"
    r"\s(?:[Aa]ssociation|[Oo]rganisation|[Oo]rganization|[Ii]nstitute|[Ss]ociety|[Ff]oundation|[Cc]orporation|"
    r"[Cc]ompany|[Ii]nspectorate|[Rr]egulator|[Oo]mbudsman|[Hh]omes|[Uu]nit)$")
# Acronyms too generic (or naming the document's own author) to learn.
_NO_LEARN = frozenset({"ccg", "ccgs", "nhs", "stp", "stps", "ics", "icp", "icps", "la", "las", "gp", "gps",
                       "uk", "ceo", "cfo", "sro"})
# A sector, not a body: "Cumbria Local Government", "the Central Government Office" are; "Local
# Government" names every council.
_SECTOR = re.compile(r"\blocal\s+government$", re.I)
_NAME_JOINERS = frozenset({"and", "of", "for", "&"})
# First words that never start a named group.
_GROUP_FIRST_STOP = (
    "the our their its his her a an this that these those both all each every any two three four five new "
    "trust workstream extraordinary consider ensure establish develop support agree review create set "
    "other further existing interim joint chair co member members report minutes meeting appointment "
    "via through within across under from with and or of in on at by for to as is are was were will "
    "would should may can also however where when which who whilst while if how what why actions action "
    "steps "
    # a document's version in its approval table ("Draft  Corporate Leadership Team  22/02/2022")
    "draft final version".split()
)
_PLACE_PREFIXES = re.compile(r"^(?:(?:the|our)\s+)?(?:(?:stp|ics|icp|system)\s+)?", re.IGNORECASE)


def _place_prefixes(area: Sequence[str]) -> re.Pattern[str]:
    """Leading words a group's name may carry without changing which group it is: 'the', 'our', and
    (from the gazetteer) the area's own place names ("the Northshire ICS Housing Group")."""
    places = sorted({a for a in area if a.strip()}, key=len, reverse=True)
    alt = "|".join(re.escape(a).replace(r"\ ", r"\s+").replace("and", "(?:and|&)") for a in places)
    area_part = rf"(?:(?:{alt})(?:\s*(?:and|&)\s*(?:{alt}))?\s+)?" if alt else ""
    return re.compile(rf"^(?:(?:the|our)\s+)?{area_part}(?:(?:stp|ics|icp|system)\s+)?", re.IGNORECASE)
_ORG_SUFFIX = re.compile(
    r"\s+(?:trust\s+board|governing\s+body|board\s+of\s+directors|board|executive\s+team|trust)$",
    re.IGNORECASE,
)
# A body's full name as documents write it: capitalised words, joined by "and", "&", "of" or "for",
# ending in a group's head word ("Adult Social Care and Health Select Committee").
_GLUED_WORD = re.compile(r"[a-z]{2}[A-Z]")  # two cells a text export ran together ("TeamCouncil")
_FULL_GROUP = re.compile(r"\b(?:[A-Z][\w'’-]* +(?:(?:and|&|of|for) +)?){2,8}(?:"
                         + "|".join(h.capitalize() for h in _GROUP_HEADS if h not in ("ccg", "icb")) + r")\b")
_BARE_HEADS = frozenset({"service", "services", "team", "teams", "department", "departments"})
_GROUP_HEAD_STEMS = frozenset(h.rstrip("s") for h in _GROUP_HEADS)
_ROLE_OF = re.compile(r"\b(?:" + "|".join(_ROLE_HEADS) + r")s? +(?:of|for) +", re.IGNORECASE)
_DASHES = ["-", "–", "—", ":"]
_NAME_RE = r"^[A-Z][a-z]+(?:(?:[A-Z]|'[A-Z])[a-z]+)?$"



_OPENING_CHARS = 400  # a document's opening lines: its title, its author, the meeting it is for


def _referred_bodies(groups: Iterable[str], text: str) -> dict[str, str]:
    """For each kind of body a document refers to by "the" and the kind alone ("the Committee"), the
    one of several it names in full that it is about: the only one its opening lines name (a
    committee's report carries the committee's name at its head), else the one whose name (by the
    last words that tell it from the others, "Select Committee") it writes at least twice as often as
    any other's."""
    out: dict[str, str] = {}
    by_head: dict[str, list[str]] = {}
    for name in groups:
        head = name.split()[-1].lower()
        if head in _REFERRED_HEADS:
            by_head.setdefault(head, []).append(name)
    for head, names in by_head.items():
        if len(names) < 2:
            continue
        heading = re.sub(r"\s+", " ", text[:_OPENING_CHARS])
        at_head = [n for n in names if n in heading]
        if len(at_head) == 1:
            out[head] = at_head[0]
            continue
        counts = []
        for name in names:
            words = name.split()
            tail = next((" ".join(words[-k:]) for k in range(2, len(words) + 1)
                         if not any(o != name and o.split()[-k:] == words[-k:] for o in names)), None)
            n = len(re.findall(r"(?<![\w-])" + r"\s+".join(map(re.escape, tail.split())) + r"(?![\w-])", text)) \
                if tail else 0
            counts.append((n, name))
        counts.sort(reverse=True)
        if counts[0][0] >= 2 * max(counts[1][0], 1):
            out[head] = counts[0][1]
    return out


def _two_groups(name: str) -> bool:
    """A name that joins two whole names of groups ("Environmental Services and Community Services",
    "Housing Team & Planning Team"), each ending in a group's head word: two bodies, not one."""
    parts = re.split(r"\s+(?:and|&)\s+", name)
    return len(parts) > 1 and all(len(p.split()) >= 2 and p.split()[-1].lower().rstrip("s") in _GROUP_HEAD_STEMS
                                  for p in parts)


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


class OwnerGazetteer:
    """Canonical parties, their aliases, and the rules that pick the owners of a text."""

    _CACHE_SIZE = 4096

    def __init__(self, gazetteer: Gazetteer | Iterable[Party] = EMPTY, national: bool = True):
        """`gazetteer`: an area's data (kb.extract.gazetteer), or just parties; the national bodies
        and generic roles (NATIONAL_PARTIES) are always known unless `national` is False."""
        if not isinstance(gazetteer, Gazetteer):
            gazetteer = Gazetteer(parties=tuple(gazetteer))
        self.gazetteer = gazetteer
        self._parties: dict[str, Party] = {}
        self._alias: dict[str, tuple[str, ...] | str] = {}  # key -> canonical names or an own-body token
        self._cased: set[str] = set()  # aliases matched case-sensitively (as written)
        self._phrases: set[str] = set()  # aliases matched case-insensitively
        self._nlp: Any = None
        self._ruler: Any = None
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._name_stop: frozenset[str] = frozenset()  # filled with the pipeline (needs spaCy)
        self._prefixes = _place_prefixes(gazetteer.area)
        self._doc_bodies: dict[str, list[str]] = {}  # body type -> bodies the document names in full
        self._doc_groups: set[str] = set()  # groups and boards the document names in full (3 words or more)
        self._doc_referred: dict[str, str] = {}  # kind ("committee") -> the one of its kind the document is about
        self._doc_people: dict[str, str] = {}  # surname -> the one person of that surname named in full
        # a kind of party as the document writes it without its initials -> with them ("practices" ->
        # "GP practices"), when it writes one form with initials only (`_kinds_by_initials`)
        self._doc_kinds: dict[str, str] = {}
        self._lead_cells: LeadCells | None = None  # the Lead cells of the document's flattened rows
        self._learnt: set[str] = set()  # acronyms the document defined itself
        self._things: set[str] = set()  # acronyms the document defined for something else than a party
        self._extra_cased = set(_NATIONAL_CASED | _OWN_CASED | gazetteer.cased)
        for p in (NATIONAL_PARTIES if national else ()):
            self.add_party(p)
        for p in gazetteer.parties:
            self.add_party(p)
        for alias, names in gazetteer.collectives.items():
            self._add_alias(alias, tuple(names))
        for alias, (key, _types) in _OWN_BODY.items():
            self._add_alias(alias, "@own:" + key)

    def for_document(self, text: str) -> OwnerGazetteer:
        """A copy for one document: the gazetteer's short aliases (acronyms, cased words, collectives)
        only if the document is about the gazetteer's area (full names always); the acronyms the
        document defines (which win over the gazetteer's: the same letters name different bodies in
        different areas); and the bodies it names in full, which "the County Council" can mean."""
        g = self
        if not self.gazetteer.mentions_area(text or ""):
            short = {a for p in self.gazetteer.parties for a in p.aliases if _is_acronym(a)} | set(self.gazetteer.cased)
            parties = tuple(Party(p.name, p.kind, tuple(a for a in p.aliases if a not in short))
                            for p in self.gazetteer.parties)
            g = OwnerGazetteer(Gazetteer(parties=parties, area=self.gazetteer.area))
        else:
            g = self.copy()
        g.learn_acronyms(text or "")
        g._doc_bodies = {}
        for m in re.finditer(r"(?:[A-Z][\w'’-]*\s+(?:(?:and|&|of|upon|on)\s+)?){1,5}(?:County|City|Borough|District|"
                             r"Metropolitan Borough)\s+Council\b|(?:[A-Z][\w'’-]*\s+(?:(?:and|&|of)\s+)?){1,5}"
                             r"(?:NHS\s+(?:Foundation\s+)?Trust|Integrated Care Board|ICB|CCG|"
                             r"Health and Well-?[Bb]eing Board)\b", text or ""):
            name = g.canonical(m.group(0)) or re.sub(r"\s+", " ", m.group(0)).strip()
            if re.match(r"(?:The|Our|This|That|A|An|And|Of)\b", name):
                continue
            for t in _body_types(name):
                if name not in g._doc_bodies.setdefault(t, []):
                    g._doc_bodies[t].append(name)
        g._doc_groups = set()
        for m in _FULL_GROUP.finditer(text or ""):
            # the body, not a role in it ("Chair of the ... Board"): the name after the role's "of"
            name = g._group_name(re.split(_ROLE_OF, m.group(0))[-1])
            if name is not None:  # from after a word no name holds ("Short Term How Central Government"),
                # or a word that is two cells run together ("GlossaryPCT Parkside Care Trust")
                ws = name.split()
                ws = ws[1 + max((i for i, w in enumerate(ws) if _GLUED_WORD.search(w)), default=-1):]
                name = " ".join(ws[1 + max((i for i, w in enumerate(ws) if w.lower() in _GROUP_FIRST_STOP
                                            and w.lower() not in _NAME_JOINERS), default=-1):])
            if name is not None and _two_groups(name):
                continue  # "Environmental Services and Community Services": two bodies, each named in full
            if name is not None and len(name.split()) >= 3 and name.split()[0].lower() not in _GROUP_FIRST_STOP:
                g._doc_groups.add(name)
        g._doc_referred = _referred_bodies(g._doc_groups, text or "")
        g._learn_initials(text or "")
        g._doc_kinds = _kinds_by_initials(text or "")
        g._doc_people = _people_named_in_full(text or "")
        g._lead_cells = LeadCells(text or "")
        return g

    def __getstate__(self) -> dict:
        """Pickled without its spaCy pipeline and parse cache (rebuilt on first use from the
        aliases): a document's gazetteer goes to the worker processes that extract its pieces."""
        state = dict(self.__dict__)
        state.update(_nlp=None, _ruler=None, _cache=OrderedDict())
        return state

    def _learn_initials(self, text: str) -> None:
        """A body named in full is often written by its initials without a definition ("Northshire
        County Council" as "NCC"): the initials the naming convention gives it (kb.sources.metadata.
        area_words), when the document uses them, no other body has them and they are not known."""
        from kb.sources.metadata import area_words

        by_initials: dict[str, set[str]] = {}
        for name in {n for names in self._doc_bodies.values() for n in names}:
            words_of = area_words(name)
            if words_of:
                by_initials.setdefault(words_of[-1], set()).add(name)
        # a group, board or agency named in full by three words or more ("Northshire Waste Disposal
        # Authority" as "NWDA"): the initials of its capitalised words
        # (not a kind of body that ends longer names, "Integrated Care Board" of "Eastvale Integrated Care Board")
        named = self._doc_groups | {n for names in self._doc_bodies.values() for n in names}
        for name in self._doc_groups:
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            if len(initials) >= 3 and initials.lower() not in _NO_LEARN and not re.search(r"[^\w\s&'’-]", name) \
                    and not any(n.endswith(" " + name) for n in named):
                by_initials.setdefault(initials, set()).add(name)
        words: set[str] | None = None
        for initials, names in by_initials.items():
            if len(names) == 1 and self.canonical(initials) is None:
                if _CAPITALISED.fullmatch(initials):  # a whole word of the text: one pass, not one per body
                    words = _capitalised_words(text) if words is None else words
                    used = initials in words
                else:
                    used = re.search(rf"(?<![\w&]){re.escape(initials)}(?![\w&])", text) is not None
                if used:
                    self.add_party(Party(next(iter(names)), "org", (initials,)))

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
        if _is_acronym(alias) or alias in self._extra_cased:
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

    def forget(self) -> None:
        """Drop the cached parses (a piece of a long document needs none of the last piece's)."""
        self._cache.clear()

    def copy(self) -> OwnerGazetteer:
        """A gazetteer with the same parties (including learnt ones), e.g. one per document so that
        acronyms one document defines do not leak into another."""
        g = OwnerGazetteer(Gazetteer(area=self.gazetteer.area, authors=self.gazetteer.authors,
                                     cased=self.gazetteer.cased), national=False)
        g.gazetteer = self.gazetteer
        g._parties = dict(self._parties)
        g._alias = dict(self._alias)
        g._cased = set(self._cased)
        g._phrases = set(self._phrases)
        g._doc_bodies = dict(self._doc_bodies)
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
        """All the canonical parties a name stands for ('the CCGs' -> the gazetteer's CCGs; 'the CCG'
        -> the authoring CCG)."""
        target = self._lookup(name)
        if target is None:
            return []
        return list(self._expand(target, author_org))

    def _lookup(self, name: str) -> tuple[str, ...] | str | None:
        key = norm_key(name)
        hit = self._alias.get(key)
        if hit is not None:
            return hit
        stripped = self._prefixes.sub("", name.strip()).strip()
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

    def _is_ccg(self, author: str | None) -> bool:
        return bool(author) and "ccg" in _body_types(author)

    def _expand(self, target: tuple[str, ...] | str, author_org: str | None,
                author_is_ccg: bool | None = None) -> tuple[str, ...]:
        """The parties an alias stands for; an own-body reference ("the Council") is the document's
        author when the author is that kind of body, else what the gazetteer says it means in that
        author's documents, else the one body of that kind the document names in full."""
        if isinstance(target, tuple):
            return target
        if not target.startswith("@own:"):
            return ()
        key = target[5:]
        if key == "the Cabinet":
            # in a council's own papers its Cabinet is a body apart from the Council (the executive, not
            # the full council): "<council> Cabinet"; in another body's papers it speaks for the council
            council = self._expand("@own:the Council", author_org, author_is_ccg)
            author = self._author(author_org)
            if author and "council" not in _body_types(author):
                return council
            return tuple(f"{c} Cabinet" for c in council)
        author = self._author(author_org)
        types = next((t for k, t in _OWN_BODY.values() if k == key), ())
        author_types = _body_types(author) if author else set()
        if author_is_ccg and key == "the CCG" and author:
            author_types.add("ccg")
        if author and author_types & set(types):
            return (author,)
        meant = self.gazetteer.authors.get(author or "", {}).get(key)
        if meant:
            return (self.canonical(meant) or meant,)
        if key == "the Board":
            return ()
        specific = [t for t in types if " " in t] or list(types)
        named = [n for t in specific for n in self._doc_bodies.get(t, [])]
        named = list(dict.fromkeys(named))
        return (named[0],) if len(named) == 1 else ()

    # ---------------------------------------------------------------- acronyms and people
    def learn_acronyms(self, text: str) -> dict[str, str]:
        """Acronyms a document defines itself ('Local Housing Partnership (LHP)', 'Housing Options
        Teams (HOTs)', "the Widget Oversight Board ('the WOB')", 'LHP (Local Housing Partnership)',
        a glossary line 'LHP – Local Housing Partnership'; kb.extract.acronyms): the acronym becomes an
        alias of the known party, or of a new group when the long form names one; returns alias ->
        canonical for what was learnt."""
        from kb.extract.acronyms import definitions

        learnt: dict[str, str] = {}
        for d in definitions(text):
            acr, long_form = d.acronym, d.long_form
            if acr.lower() in _NO_LEARN:
                continue
            existing = self._lookup(long_form)
            if isinstance(existing, tuple) and len(existing) == 1:
                canon = existing[0]
            elif existing is not None:
                continue
            else:
                head = long_form.split()[-1].lower()
                if head not in _LEARN_HEADS and not _BODY_LONG_FORM.search(long_form):
                    self._things.add(acr)  # "Living Well Plan (LWP)": a thing, never a doer
                    continue
                canon = self._group_name(long_form)
                if canon is None:
                    continue
                self.add_party(Party(canon, "group", (long_form,)))
            # the document's own definition wins over the gazetteer's (the same letters name different
            # bodies in different areas), but not over an earlier definition in the same document
            prior = self._alias.get(norm_key(acr))
            if prior is not None and prior != (canon,) and norm_key(acr) in self._learnt:
                continue
            self._learnt.add(norm_key(acr))
            forms = {acr}
            forms.add(acr[:-1] if acr.endswith("s") else acr + "s")
            for f in forms:
                self._add_alias(f, (canon,), override=True)
            if long_form != canon:
                self._add_alias(long_form, (canon,), override=False)
            existing_party = self._parties[canon]
            self._parties[canon] = Party(canon, existing_party.kind,
                                         tuple(dict.fromkeys(existing_party.aliases + tuple(sorted(forms)))))
            learnt[acr] = canon
        return learnt

    def learn_people(self, text: str) -> list[str]:
        """People a document names as leads ('Workstream Lead  Jane Smith (...)'): registered so that
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
            patterns += [p for p in self._group_patterns() if p.get("id") == "cabinet-role"]
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
            pattern: list[dict] = [{"LOWER": t} if t.lower() == "the" else {"ORTH": t} for t in toks]
            out.append({"label": "PARTY", "pattern": pattern})
        return out

    def _group_patterns(self) -> list[dict]:
        cap = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z'’\-]*|[A-Z&]{2,})$"}}
        first = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z'’\-]*|[A-Z&]{2,})$"},
                 "LOWER": {"NOT_IN": _GROUP_FIRST_STOP + _MONTHS}}
        middle = {"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z'’\-]*|[A-Z&]{2,}|and|&|of|for|'s|’s|-)$"}, "OP": "*"}
        head = {"LOWER": {"IN": _GROUP_HEADS}, "TEXT": {"REGEX": r"^[A-Z]"}}
        portfolio_list = [{"ORTH": ","}, cap, {**cap, "OP": "*"},
                          {"ORTH": ",", "OP": "?"}, {"LOWER": {"IN": ["and", "&"]}}, cap, {**cap, "OP": "*"}]
        portfolio = [{"LOWER": {"IN": ["for", "of"]}}, cap, middle]
        return [
            # "Cabinet Member for Adults, Health and Housing": a role, though "Cabinet" alone is a party
            # (read by the party ruler, which would otherwise take "Cabinet" and leave "Member for ...")
            *({"label": "ROLE", "id": "cabinet-role", "pattern": [{"ORTH": "Cabinet"}, {"ORTH": {"IN": ["Member", "Members"]}},
                                                                  *portfolio, *tail]}
              for tail in ([], [{**cap, "OP": "*"}, *portfolio_list])),
            {"label": "GROUP", "pattern": [first, middle, head]},
            # "the ABLE Programme entered Phase 3"
            {"label": "GROUP", "pattern": [{"TEXT": {"REGEX": r"^[A-Z][A-Z&]{2,6}$"},
                                            "LOWER": {"NOT_IN": ["stp", "nhs", "ics", "icp", "the"]}},
                                           {"TEXT": {"IN": ["Programme", "Programmes"]}}]},
            {"label": "GROUP", "pattern": [first, middle, cap, {"LOWER": {"IN": ["working", "steering",
                                                                                   "project", "reference",
                                                                                   "advisory"]}},
                                           {"LOWER": {"IN": ["group", "groups", "board"]}}]},
            # services every English local authority has, named without a head word
            {"label": "GROUP", "pattern": [{"ORTH": "Public"}, {"ORTH": "Health"}]},
            {"label": "GROUP", "pattern": [{"ORTH": "Trading"}, {"ORTH": "Standards"}]},
            {"label": "GROUP", "pattern": [{"ORTH": "Healthwatch"}, {"TEXT": {"REGEX": r"^[A-Z][a-z]+$"},
                                                                     "OP": "?"}]},
            # role titles: "Director of Public Health", "Cabinet Member for Health", "Tobacco Control Lead"
            {"label": "ROLE", "pattern": [dict(first, OP="*"), {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"IN": _ROLE_HEADS}},
                                          {"LOWER": {"IN": ["of", "for"]}}, cap, middle]},
            {"label": "ROLE", "pattern": [first, {**cap, "OP": "*"}, {"TEXT": {"REGEX": r"^[A-Z]"},
                                                                      "LOWER": {"IN": _ROLE_HEADS}}]},
            # a director's portfolio straight after the title, as councils write it: "Corporate
            # Director Adult Social Care and Health", "Strategic Director Place"
            {"label": "ROLE", "pattern": [dict(first, OP="*"), {"ORTH": "Director"}, cap, middle]},
            # ... whose portfolio is a list: "Corporate Director Children, Young People and Education",
            # "Cabinet Member for Adults, Health and Housing" (the list closes with "and")
            {"label": "ROLE", "pattern": [dict(first, OP="*"), {"ORTH": "Director"}, cap, {**cap, "OP": "*"},
                                          *portfolio_list]},
            {"label": "ROLE", "pattern": [dict(first, OP="*"), {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"IN": _ROLE_HEADS}},
                                          {"LOWER": {"IN": ["of", "for"]}}, cap, {**cap, "OP": "*"}, *portfolio_list]},
            # one title over two fields: "Innovation and Prevention Manager" (two roles repeat the head)
            {"label": "ROLE", "pattern": [dict(first, LOWER={"NOT_IN": _GROUP_FIRST_STOP + _MONTHS + _ROLE_HEADS}),
                                          {**cap, "LOWER": {"NOT_IN": _ROLE_HEADS}, "OP": "*"},
                                          {"LOWER": {"IN": ["and", "&"]}}, cap,
                                          {**cap, "OP": "*"}, {"TEXT": {"REGEX": r"^[A-Z]"},
                                                               "LOWER": {"IN": _ROLE_HEADS}}]},
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
        # "Workstream Lead\tJane Smith (...)", "Lead - Priya Shah (...)", "Lead: Tom Reid, ..."
        pats.append({"label": "PERSON", "id": "lead", "pattern": [lead, sp, dict(dash, OP="?"), sp, *full]})
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [{"LOWER": "lead"}, {"ORTH": "/"}, {"LOWER": "s"}, sp, *full]})
        # "Stroke Pathway Lead - Priya Shah (AO, ...)", "MSK – Ann Lee (Associate ...)"
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [dash, *full, {"ORTH": {"IN": ["(", ","]}}]})
        # "... (CEO, RFT) and Sam Patel (CEO, HHT)"
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [{"ORTH": ")"}, {"LOWER": {"IN": ["and", "&"]}}, *full, {"ORTH": "("}]})
        # "chaired by Priya Shah"
        pats.append({"label": "PERSON", "id": "lead",
                     "pattern": [{"LOWER": {"IN": ["chaired", "led"]}}, {"LOWER": "by"}, *full]})
        # "Sam Patel indicated that he would make contact"
        pats.append({"label": "PERSON", "id": "doer",
                     "pattern": [*full, {"LOWER": {"IN": _PERSON_DOER_VERBS}}]})
        # "Jo Bloggs (CEO, RFT/ICS SRO)": a name with its role
        pats.append({"label": "PERSON", "id": "",
                     "pattern": [*full, {"ORTH": "("}, {"LOWER": {"IN": _ROLE_START}}]})
        # "Dr Adrian Canale-Parola", "Councillor Kamran Caan"
        pats.append({"label": "PERSON", "id": "",
                     "pattern": [{"LOWER": {"IN": _HONORIFICS}}, {"ORTH": ".", "OP": "?"}, *full]})
        # "Dr Dash": a title and a surname, the person if the document named them in full
        pats.append({"label": "PERSON", "id": "",
                     "pattern": [{"LOWER": {"IN": _HONORIFICS}}, {"ORTH": ".", "OP": "?"}, name]})
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
            if ent.label_ == "ROLE":
                # a title's portfolio ends at its last capitalised word: "led by the Director of Public
                # Health and will report ..." joins the title to the next clause by "and", no part of it
                span = ent
                while len(span) > 1 and span[-1].lower_ in _NAME_JOINS:
                    span = span[:-1]
                # a PDF export's space before a comma ("Environment , Place") is no part of the name
                name = re.sub(r"\s+(?=[,;])", "", re.sub(r"\s+", " ", span.text)).strip()
                name = re.sub(r"^(?:the|our|a|an)\s+", "", name, flags=re.IGNORECASE)
                if len(name.split()) >= 2:
                    self._parties.setdefault(name, Party(name, "person", ()))
                    out.append(Mention(name, span.start_char, span.end_char, span.text, "role"))
                continue
            if ent.label_ == "PERSON":
                m = self._person_mention(doc, ent)
                if m is not None:
                    out.append(m)
                continue
            surface = ent.text
            if _names_a_document(doc.text, ent.end_char):
                continue  # "the Stroke Service Specifications": a document's name, not a party
            other = self._other_body(doc, ent, author_org)
            if other is not None:
                out.append(other)
                continue
            target = self._lookup(surface)
            if target is None and ent.label_ == "GROUP" and _ACTIVITY_OF.match(surface):
                continue  # "Redesign and Improvement of Podiatry Services": an activity and its object
            if target is None and ent.label_ == "GROUP":
                target = self._group_target(surface)
            if target is None:
                continue
            names = self._expand(target, author_org, author_is_ccg or None)
            part = _BODY_TEAMS.match(doc.text, ent.end_char)
            if part and len(names) == 1:
                # "NHSE/I regional teams": a body's teams named by what they do or where, a part of the
                # body, not the body
                name = re.sub(r"\s+", " ", doc.text[ent.start_char:part.end()]).strip()
                name = re.sub(r"^(?:the|our)\s+", "", name, flags=re.IGNORECASE)
                self._parties.setdefault(name, Party(name, "group", ()))
                out.append(Mention(name, ent.start_char, part.end(), doc.text[ent.start_char:part.end()], "group"))
                continue
            for n in names:
                kind = self.kind_of(n) or "org"
                out.append(Mention(n, ent.start_char, ent.end_char, surface, kind))
        out.sort(key=lambda m: m.start_char)
        # "Northshire County Council Cabinet" read as the council and "Cabinet": one body, the Cabinet
        for k in range(len(out) - 1, 0, -1):
            m, prev = out[k], out[k - 1]
            if m.name == f"{prev.name} Cabinet" and m.surface == "Cabinet" and \
                    not doc.text[prev.end_char:m.start_char].strip():
                out[k - 1:k + 1] = [Mention(m.name, prev.start_char, m.end_char, doc.text[prev.start_char:m.end_char],
                                            m.kind)]
        # a name inside a longer one ("County Council" in "Westmere County Council Cabinet") is not a party
        return [m for m in out if not any(o.start_char <= m.start_char and m.end_char <= o.end_char
                                          and o.end_char - o.start_char > m.end_char - m.start_char for o in out)]

    def _other_body(self, doc: Any, ent: Any, author_org: str | None) -> Mention | None:
        """A bare word that names the author ("Council", "Cabinet") as the head of a longer name
        written before it is another body: "Southvale Youth Council", "Ashby Parish Council".  The
        author's own name words and its area's place names before it ("Southvale Council" in
        Southvale County Council's paper) still name the author."""
        if ent[-1].text not in _OWN_HEAD_WORDS or not all(_CAPITALISED_WORD.match(t.text) for t in ent):
            return None
        i = ent.start
        while i > 0 and _CAPITALISED_WORD.match(doc[i - 1].text) and doc[i - 1].lower_ not in _GROUP_FIRST_STOP:
            i -= 1
        if i == ent.start:
            return None
        before = doc[i:ent.start].text
        own = {w.lower() for w in re.findall(r"[A-Za-z'’-]+", author_org or "")}
        rest = self._prefixes.sub("", before).strip()
        if not rest or all(w.lower() in own or w.lower() in _OWN_MEETING for w in rest.split()):
            return None
        # a council's Cabinet is named after the council ("Eastfield Borough Council Cabinet")
        name = _title_case(re.sub(r"\s+", " ", doc[i:ent.end].text))
        self._parties.setdefault(name, Party(name, "org", ()))
        return Mention(name, doc[i].idx, ent.end_char, doc[i:ent.end].text, "org")

    def _group_target(self, surface: str) -> tuple[str, ...] | None:
        # "<org> Board" / "<org> Trust Board" is the organisation itself
        base = _ORG_SUFFIX.sub("", surface.strip())
        if base != surface.strip():
            hit = self._lookup(base)
            if isinstance(hit, tuple):
                return hit
            # "Riverside NHS Foundation Trust Board": the body itself (a council's Cabinet is one of its own)
            body = re.sub(r"\s+(?:board(?:\s+of\s+directors)?|governing\s+body|executive\s+team)$", "",
                          surface.strip(), flags=re.IGNORECASE)
            if body != surface.strip() and body.split()[-1].lower() in _ORG_HEADS:
                surface = body
        name = self._group_name(surface)
        if name is None or _SECTOR.search(name):
            return None
        if _two_groups(name) and self._lookup(name) is None:
            # "the Westmere Government and Eastland Executive": two bodies, each named in full
            parts = [self._group_target(p) for p in re.split(r"\s+(?:and|&)\s+", name)]
            return tuple(n for p in parts for n in (p or ()))
        hit = self._lookup(name)
        if hit is not None:
            return hit if isinstance(hit, tuple) else None
        name = self._full_name(name)
        if name not in self._parties:
            kind = "org" if name.split()[-1].lower() in _ORG_HEADS else "group"
            self._parties[name] = Party(name, kind, ())
        return (name,)

    def _full_name(self, name: str) -> str:
        """A body named by the last words of its full name ("the Select Committee" after "the Adult
        Social Care and Health Select Committee") is the body the document names in full, when the
        document names exactly one body whose name ends so."""
        tail = name.lower().split()
        longer = sorted((n for n in self._doc_groups if len(n.split()) > len(tail) and n.lower().split()[-len(tail):] == tail),
                        key=lambda n: len(n.split()))
        # one body, however many words came before its name ("Recently Adult Social Care and ...")
        if longer and all(n.lower().split()[-len(longer[0].split()):] == longer[0].lower().split() for n in longer):
            return longer[0]
        return name

    def _group_name(self, surface: str) -> str | None:
        s = re.sub(r"\s+", " ", surface).strip(" '’\"")
        s = re.sub(r"['’]s$", "", s)  # a possessive is dropped ("the Trust Board's")
        if s.split()[-1:] and s.split()[-1].lower() in _ORG_HEADS:
            stripped = re.sub(r"^(?:the|our)\s+", "", s, flags=re.IGNORECASE)  # a body's place is its name
        else:
            stripped = self._prefixes.sub("", s).strip()
        if len(stripped.split()) >= 2:
            s = stripped
        if len(s.split()) < 2:
            return None
        return _title_case(re.sub(r"\s*&\s*", " and ", s))

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
        while j - i >= 3 and toks[i].text in _OFFICE_TITLES:
            i += 1  # "Minister Jane Smith": the title of an office, before the person's name, is no part of it
        name_toks = [t for t in toks[i:j] if t.text != "-"]
        if len(name_toks) == 1 and name_toks[0].text in self._doc_people:
            # "Dr Dash", "Councillor Holt": a person named in full earlier, by title and surname
            before = doc[name_toks[0].i - 1] if name_toks[0].i > 0 else None
            if before is not None and before.text.rstrip(".").lower() in _HONORIFICS:
                return Mention(self._doc_people[name_toks[0].text], before.idx,
                               name_toks[0].idx + len(name_toks[0].text), doc[before.i:name_toks[0].i + 1].text,
                               "person", ent.ent_id_ or "")
        if len(name_toks) < 2:
            return None
        start, end = toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text)
        surface = doc.text[start:end]
        # an organisation that happens to look like a name ("Healthwatch Northshire undertook")
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
               heading: str | None = None, field: str | None = None,
               outer_intros: Sequence[str] = (), section_lead: str | None = None,
               previous: str | None = None) -> list[str]:
        """Canonical owners responsible for this text (see `owners_of`)."""
        return self.owners_of(text, author_org, intro, heading, field, outer_intros, section_lead, previous).names

    def owners_of(self, text: str, author_org: str | None = None, intro: str | None = None,
                  heading: str | None = None, field: str | None = None,
                  outer_intros: Sequence[str] = (), section_lead: str | None = None,
                  previous: str | None = None) -> Owners:
        """The owners of an item, de-duplicated, in order of appearance, with their source: the
        parties a labelled owner field names (`field`: Who / Lead / Responsible officer, or a lead in
        brackets at the item's end, `bracketed_lead`, or the Lead cell of a row a text export ran
        into the action, kb.extract.lead_cells); else the
        doers of its committing predicate ("grammar"), or in a verbless fragment the parties the
        words around them make doers or leads ("mention"); if it names none, the doers of its list's
        `intro` ("The Tobacco Alliance ... its role is to:", "the trusts are:"); if the intro only
        refers back to a body ("Their main objectives are:", "the alliance will:"), the one party its
        `heading` names ("Our Tobacco Alliance"); if it names none either, the lead-ins above it
        (`outer_intros`, innermost first: "Providers should:" above "Develop workforce plans:"); if
        none, the party its section says leads the section's work (`section_lead`: "Leadership for
        this resides with the Workforce Board", see `section_lead`)."""
        if field and field.strip():
            named = self.field_owners(field, author_org)
            if named:
                return Owners(named, "field")
        cell = self._lead_cells.lead(text or "", self._names_a_party) if self._lead_cells is not None else None
        if cell:  # the Lead cell of a flattened row, run into the action (kb.extract.lead_cells)
            named = self.field_owners(cell, author_org)
            if named:
                return Owners(named[:1], "field")
        bracketed = self.bracketed_lead(text or "", author_org)  # a field written in brackets
        if bracketed:
            return Owners(bracketed, "field")
        judged, verdict = self._judge_with(text or "", author_org)
        found = self._names(judged)
        if found:
            return Owners(found, "grammar" if verdict else "mention")
        if verdict and self._says_we(text):
            return Owners()  # "We will ..." names its doer, the author: nothing passes down from a lead-in
        held = self.section_lead_owners(text or "", author_org)
        if held:  # the text says who holds it ("Responsibility for the audit will sit with X")
            return Owners(held, "grammar")
        if previous:  # "The Care Service will ... . The service will also ...": the doer just named
            back = self._named_just_before(text or "", previous, author_org)
            if back:
                return Owners(back, "grammar")
        for k, lead in enumerate(x for x in (intro, *outer_intros) if x):
            # the lead-in is the intro's last sentence, and only one that announces what follows
            # (a colon, or a future: "The Alliance will:") passes its doer down
            lead_in = re.split(r"(?<=[.!?])\s+(?=[A-Z])", lead.strip())[-1]
            # a title naming who acts on the list ("What the Council will do", "Actions X can take")
            # reads as the sentence it stands for ("the Council will do", "X can take")
            titled = DOER_TITLE.match(lead_in) is not None
            if titled:
                lead_in = lead = lead_in[DOER_TITLE_LEAD.match(lead_in).end():]
            if not (titled or lead_in.rstrip().endswith(":") or _FORWARD_WORD.search(lead_in)):
                continue
            said = _REPORTING_LEAD.search(lead_in)
            if said and not _FORWARD_WORD.search(lead_in) and not re.search(r"\bthat\b", lead_in[said.end():]):
                # "Ms Lee provided an update on the following:": what was reported, not what she will do
                continue
            judged, verdict = self._judge_with(lead_in, author_org, task_groups=False)
            found = self._names(judged)
            if not found and k == 0 and verdict and self._says_we(lead_in):
                # "We will establish:": the list's doer is the author, whoever leads the section
                return Owners()
            if not found:
                # the sentences before the lead-in count only when it refers back to them ("The
                # Alliance was formed in 2019. Its role is to:"), not "Mr X introduced the report on
                # the Council's budget ... Key points included:"
                lead = lead if _REFERS_BACK.match(lead_in) else lead_in
                judged = self._judge(lead, author_org, grammar=False)
                found = self._names(self._subjects(lead, judged))
                if not found and len({m.name for m, ok in judged if ok}) == 1:
                    found = self._names(judged)  # the one party the intro names ("Formation of a ... to:")
            if found and _DECIDES.search(lead_in):
                # "RESOLVED that Cabinet agree to:": the body that decides is not the one named to act
                deciders = {m.name for m, _ in judged if _DECIDING_BODY.fullmatch(m.surface.strip())}
                found = [n for n in found if n not in deciders]
            if not found and heading and k == 0:
                found = self._referred_in_heading(lead, heading, author_org)
            if found:
                return Owners(found, "intro")
        ensured = self._ensured(text, author_org)
        if ensured:
            return Owners(ensured, "grammar")
        if heading and not intro:  # (a list's lead-in, naming none, speaks for its items)
            found = self._heading_party(heading, author_org)
            if found:
                return Owners(found, "intro")
        if section_lead:
            found = self.section_lead_owners(section_lead, author_org)
            if found:
                return Owners(found, "intro")
        return Owners()

    def _named_just_before(self, text: str, previous: str, author_org: str | None) -> list[str]:
        """The doers of the sentence before, when this one's subject only refers back to them: "They"
        ("Developers must ... . They must publish ..."), or "the" and the head word of the doer's
        name ("The Care Leavers Service will ... . The service will also ...", "the stakeholder
        group ... . The group is ...")."""
        m = _REFERRING_SUBJECT.match(text)
        if m is None:
            return []
        doc = self._parses([text])[0]
        root = next(iter(doc.sents)).root
        subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].dep_ == "nsubjpass":
            return []  # "They will be offered ...": those acted upon
        if len(subjects) != 1 or subjects[0].idx + len(subjects[0]) != m.end("subject") \
                or subjects[0].left_edge.idx != m.start("subject"):
            return []  # ("The service users will ...", "The group's members will ...": not the words alone)
        judged, verdict = self._judge_with(previous, author_org)
        before = self._names(judged) if verdict else []
        if m.group("head") is None:  # "They"
            return before
        head = m.group("head").lower().rstrip("s")
        return [n for n in before if n.split()[-1].lower().rstrip("s") == head]

    def _names_a_party(self, name: str) -> bool:
        """Whether these words are, all of them, the name of one party the finder knows."""
        if self.canonical(name) is not None:
            return True
        ms = self.mentions(name)
        return len(ms) == 1 and ms[0].start_char == 0 and ms[0].end_char == len(name)

    def bracketed_lead(self, text: str, author_org: str | None = None) -> list[str]:
        """The lead an action names in brackets at its end, as action plans print it ("We will ... by
        March 2022. (Public Health)", "- offer ... a health check (CCG and GP practices);", "(Lead:
        Housing Options Team)"): the parties the bracket names, when each is named as bodies are
        (its last word a body's, a team's or a service's, or a party the document knows).  A bracket
        that spells out, abbreviates or glosses the words before it ("... Steering Group (FPSG)", "Jane Smith
        (Director of Nursing)") is no lead."""
        m = _TRAILING_BRACKET.search(text)
        if m is None or m.start() < 20:
            return []
        inner = m.group("inner").strip()
        before = [w.strip(",;:'’\"") for w in text[:m.start()].split()]
        if not inner[:1].isupper() or re.search(r"\d", inner) or not before:
            return []
        labelled = bool(m.group("label"))
        if not labelled and (len(inner.split()) == 1 and _is_acronym(inner)
                             or before[-1][:1].isupper() and not before[-1].endswith((".", "!", "?"))):
            # "... multidisciplinary teams (MDT)": an abbreviation; "Jane Smith (Director of Nursing)",
            # "... Commissioning Board (CWCC Board)": a gloss on the name before it
            return []
        if _is_acronym(before[-1]) and initials_match(inner.split(), before[-1]):
            return []  # "... CAMHS (Child and Adolescent Mental Health Services)"
        named = self.field_owners(inner, author_org)
        if not named or any(not (_bracket_party_head(n) or self.canonical(n)) for n in named):
            return []
        return named

    def _heading_party(self, heading: str, author_org: str | None) -> list[str]:
        """The party a heading consists of ("Scottish Government", "Public Health Team" over what
        that body is doing): a document set out body by body gives each body the items under it
        that name no doer.  Not a heading that only mentions a body ("Working with NHS England")."""
        title = re.sub(r"^\W*(?:\d+(?:\.\d+)*\.?|[a-z]\))?\s*(?:the\s+)?", "", heading.strip(), flags=re.I).strip(" :*")
        first = re.match(r"[A-Za-z]+", title)
        if first is not None and first.group(0).lower() in ACTION_VERBS:
            return []  # "IMPROVE STROKE SERVICES": an aim set in capitals, not a body's name
        ms = [m for m in self.mentions(title, self._author(author_org)) if m.kind != "person"]
        if len({m.name for m in ms}) != 1 or len(title.split()) > 8:
            return self._plan_owner(title, author_org)
        m = ms[0]
        rest = (title[:m.start_char] + title[m.end_char:]).strip(" ,.:;-–()")
        return [m.name] if not rest else self._plan_owner(title, author_org)

    def _plan_owner(self, title: str, author_org: str | None) -> list[str]:
        """The body whose plan a heading titles ("<body> Capacity and Access Improvement Plans",
        "<body> Delivery Plan 2025-26") owns the actions under it; not the author's own plan, whose
        actions are "we" (the author, implied and named by no owner)."""
        if not _PLAN_TITLE.search(title):
            return []
        words = title.split()
        author = self._author(author_org)
        for k in range(1, min(len(words), 9)):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            if not _PLAN_TITLE.fullmatch(tail):
                continue
            ms = [m for m in self.mentions(head, author) if m.kind != "person"]
            if len(ms) == 1 and ms[0].start_char == 0 and ms[0].end_char >= len(head.rstrip("’'s")) \
                    and ms[0].name != author:
                return [ms[0].name]
        return []

    def _ensured(self, text: str, author_org: str | None) -> list[str]:
        """An item that makes sure a named party acts ("Ensure that the Council publishes ..."), when
        no lead-in names who is to make sure of it: the party named as the subject of what is ensured
        (a known or conventionally named body, not "appropriate IT systems")."""
        if not re.match(r"(?i)\W*ensur(?:e|ing)\b", text):
            return []
        doc = self._parses([text])[0]
        root = next(iter(doc.sents)).root
        spans: list[tuple[int, int]] = []
        if root.lemma_.lower() == "ensure":
            for c in root.children:
                if c.dep_ == "ccomp" and c.pos_ in _VERBAL:
                    spans += [sp for x in c.children if x.dep_ == "nsubj" and x.pos_ != "PRON" for sp in _np_spans(x)]
        if not spans:
            return []
        author = self._author(author_org)
        ms = self.mentions(text, author, self._is_ccg(author))
        found = self._names((m, any(a < m.end_char and m.start_char < b for a, b in spans)) for m in ms)
        if not found:  # a body the party patterns do not know, named in full or by its initials
            for a, b in spans:
                named = self._named_doer(doc, a, b) or self._acronym_doer(doc, a, b)
                if named is not None and named.name not in found:
                    found.append(named.name)
        return found

    def section_lead_owners(self, sentence: str, author_org: str | None = None) -> list[str]:
        """The party a section's sentence names as leading its work ("The leadership for this
        resides with the Workforce Board (WB)", "This programme will be overseen by X and Y"):
        the parties at the head of what follows the cue, [] when the sentence has no such cue."""
        m = SECTION_LEAD.search(sentence)
        if m is None:
            return []
        chunk = m.group("party")
        judged = self._judge(chunk, author_org, grammar=False)
        out: list[str] = []
        end = 0
        for mention, _ok in judged:
            gap = chunk[end:mention.start_char]
            if out and not re.fullmatch(r"(?:[\s,'’]|and|&|\(|\)|the|our)*", gap, re.IGNORECASE):
                break  # only the parties at the head: not "... with X, working with Y"
            if not out and not re.fullmatch(r"\s*(?:the|our|its)?\s*", gap, re.IGNORECASE):
                break
            if mention.name not in out:
                out.append(mention.name)
            end = mention.end_char
        if not out:  # "recommendations for GP practices in Northshire": a kind of party, named as a doer is
            out = self._kind_at_head(chunk)
        return out

    def _kind_at_head(self, chunk: str) -> list[str]:
        """The kind of party a phrase opens with ("GP practices in Northshire based on ...", "hospitals
        across the county"), named as a doer of that kind is (`_actor_doer`); [] when the phrase opens
        with anything else."""
        doc = self._parses([chunk])[0]
        head = next((t for t in doc if t.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "ADP")), None)
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            return []
        while head.dep_ == "compound" and head.head.i > head.i:  # "GP practices": to the head noun
            head = head.head
        found = self._actor_doer(doc, doc[0].idx, head.idx + len(head))
        return [found.name] if found is not None else []

    def _says_we(self, text: str) -> bool:
        """Whether the doers of the text's committing predicate are all "we" (the authoring body)."""
        spans = doer_spans(self._parses([text])[0]) or []
        return bool(spans) and all(re.fullmatch(r"(?i)(?:we|us|ourselves)", text[a:b].strip()) for a, b in spans)

    def field_owners(self, field: str, author_org: str | None = None) -> list[str]:
        """The parties a labelled owner field names ("Public Health, Trading Standards", "Jane Smith
        (Director of Public Health)", "Director of Public Health (Jane Smith)", "RFT / Northshire
        County Council"): every party named, a person by what is written first (name or role
        title), and any other named chunk as written."""
        text = field.strip()
        # "Strategy Lead Supported by Policy Officer": who supports is a partner, not the lead
        text = _FIELD_SUPPORT.split(text, maxsplit=1)[0].strip(" ,;-–—")
        # "Housing lead The Care Agency": a determiner inside a field starts another party
        text = re.sub(r"(?<=[a-z])\s+(?=The\s+[A-Z])", "; ", text)
        author = self._author(author_org)
        ms = self.mentions(text, author, self._is_ccg(author))
        ms = self._roles_in_units(text, ms)
        affil = self._affiliation_spans(text, ms)
        ms = [m for m in ms if not any(a <= m.start_char < b for a, b in affil)]
        found: list[tuple[int, str]] = [(m.start_char, m.name) for m in ms]
        covered = [(m.start_char, m.end_char) for m in ms] + affil
        for cm in _FIELD_CHUNK.finditer(text):
            joined = _FIELD_JOINED_KIND.search(cm.group(0))
            head = joined and re.split(r"[ /]", joined.group("kind"))[-1]
            if joined and _AGENT_HEAD.fullmatch(head) and head.lower() not in _NOT_AGENT and \
                    joined.group("kind").split()[0] not in _VAGUE_KIND:  # ("and other partners": no one named)
                start = cm.start() + joined.start("kind")
                if not any(a < cm.start() + joined.end("kind") and start < b for a, b in covered):
                    kind = re.sub(r"\s+", " ", joined.group("kind"))
                    found.append((start, kind[0].upper() + kind[1:]))
                    covered.append((start, cm.start() + joined.end("kind")))
            for part in _split_parties(cm.group(0)):
                start = cm.start() + cm.group(0).find(part)
                end = start + len(part)
                if any(a < end and start < b for a, b in covered):
                    continue
                name = re.sub(r"\s*\([^)]*\)\s*", " ", part)
                name = re.sub(r"^(?:the|our|all|each|lead|leads?:)\s+", "", name.strip(" .:-–—"), flags=re.IGNORECASE)
                name = re.sub(r"\s+", " ", name).strip(" .:-–—")
                if not name or len(name.split()) > 8 or name.lower() in _FIELD_NOISE | _BARE_HEADS:
                    continue  # ("All services": a head word with no name is no one in particular)
                if not name[0].isupper():
                    # a kind of party written in lower case ("housing associations", "community
                    # pharmacies"): the field says it is a party; any other lower-case words are a note
                    if not _FIELD_KIND.fullmatch(name):
                        continue
                    name = name[0].upper() + name[1:]
                # "NPH lead", "NPH leads for each area": in a lead field the party's own lead is the party
                lead_of = _FIELD_LEAD_OF.fullmatch(name)
                if lead_of and (_is_acronym(lead_of.group(1)) or self.canonical(lead_of.group(1))):
                    name = lead_of.group(1)
                canon = self.canonical(name) or name.replace(" & ", " and ")
                found.append((start, canon))
        out: list[str] = []
        for _, n in sorted(found):
            if n not in out:
                out.append(n)
        return out

    def _roles_in_units(self, text: str, ms: list[Mention]) -> list[Mention]:
        """A role title with no name, followed by the unit it works in ("Project Manager, Housing
        Options Team"), is one owner: the role in that unit (a field's convention), not the role
        and a second party."""
        out: list[Mention] = []
        taken: tuple[int, int] | None = None
        for m in ms:
            if taken and taken[0] <= m.start_char < taken[1]:
                continue
            unit = _ROLE_UNIT.match(text, m.end_char) if m.kind == "role" else None
            if unit is None:
                out.append(m)
                continue
            name = m.name + ", " + re.sub(r"\s+", " ", unit.group(1)).replace(" & ", " and ")
            self._parties.setdefault(name, Party(name, "person", ()))
            out.append(Mention(name, m.start_char, unit.end(1), text[m.start_char:unit.end(1)], "role"))
            taken = (m.start_char, unit.end(1))
        return out

    def _referred_in_heading(self, intro: str, heading: str, author_org: str | None) -> list[str]:
        named = {m.name: m for m, ok in self._judge(heading, author_org, grammar=False) if ok}
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
                    headings: Sequence[str | None] | None = None,
                    fields: Sequence[str | None] | None = None,
                    outer_intros: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """`owners` for many texts at once (one spaCy pass over texts and intros)."""
        return [o.names for o in self.owners_of_many(texts, author_org, intros, headings, fields, outer_intros)]

    def owners_of_many(self, texts: Sequence[str], author_org: str | None = None,
                       intros: Sequence[str | None] | None = None,
                       headings: Sequence[str | None] | None = None,
                       fields: Sequence[str | None] | None = None,
                       outer_intros: Sequence[Sequence[str]] | None = None,
                       section_leads: Sequence[str | None] | None = None,
                       previous: Sequence[str | None] | None = None) -> list[Owners]:
        """`owners_of` for many texts at once: one pass of the party matcher and one of the trained
        parser (shared with the other extraction steps) over texts, intros and the sentences before
        the texts whose subject refers back to them."""
        intros = list(intros) if intros is not None else [None] * len(texts)
        headings = list(headings) if headings is not None else [None] * len(texts)
        fields = list(fields) if fields is not None else [None] * len(texts)
        outer = [tuple(o) for o in outer_intros] if outer_intros is not None else [()] * len(texts)
        leads = list(section_leads) if section_leads is not None else [None] * len(texts)
        before = list(previous) if previous is not None else [None] * len(texts)
        referred = [p for t, p in zip(texts, before, strict=True) if p and _REFERRING_SUBJECT.match(t or "")]
        allt = [t for t in [*(t or "" for t in texts), *(i for i in intros if i), *referred] if t.strip()]
        self._docs(allt)
        self._parses(allt)
        return [self.owners_of(t, author_org, i, h, f, o, sl, p)
                for t, i, h, f, o, sl, p in zip(texts, intros, headings, fields, outer, leads, before, strict=True)]

    def _names(self, judged: Iterable[tuple[Mention, bool]]) -> list[str]:
        keep: list[str] = []
        for m, ok in judged:
            if ok and m.name not in keep:
                keep.append(m.name)
                if m.kind == "person" and m.name not in self._parties:
                    self._parties[m.name] = Party(m.name, "person", ())
        return keep

    # ---------------------------------------------------------------- grammar
    def _parses(self, texts: Sequence[str]) -> list[Any]:
        from kb.extract.nlp import parse_many

        return parse_many(list(texts))

    def _judge_with(self, text: str, author_org: str | None,
                    task_groups: bool = True) -> tuple[list[tuple[Mention, bool]], bool]:
        """Each mention with whether it is an owner, and whether the parse decided it (a clause with
        a predicate) rather than the words around the mention (a verbless fragment).  `task_groups`:
        whether a group named by its kind ("a working group") counts as a doer (`_task_group_doer`;
        not in a list's lead-in, where such a group sets out its areas of work rather than acting)."""
        if not text.strip():
            return [], False
        doc = self._parses([text])[0]
        lead_in = _LEAD_IN.fullmatch(text.strip())
        delegated = _DELEGATE.search(text) or _ONUS.search(text)
        if delegated:
            # "Delegate authority to the Director of Public Health to ...": the delegate acts
            stop = re.compile(r"\s+(?:to|in consultation|for|who|which)\b|[,;(]").search(text, delegated.end())
            doers: list[tuple[int, int]] | None = [(delegated.end(), stop.start() if stop else len(text))]
        elif lead_in:
            # "ICS leads should:", "Primary and community care providers will:": the parser has no
            # verb to hang the subject on; the words before the modal are the doer
            off = len(text) - len(text.lstrip())
            doers = [(off, off + len(lead_in.group("np")))]
        else:
            # cells joined by tabs ("Workstream Leads<TAB>Jane Smith (...)") are not a sentence
            doers = doer_spans(doc) if "\t" not in text.strip() else None
        if doers is None:
            return self._judge(text, author_org, grammar=False), False
        doers = _ampersand_names(text, doers)
        author = self._author(author_org)
        ms = self.mentions(text, author, self._is_ccg(author))
        affil = self._affiliation_spans(text, ms)
        out: list[tuple[Mention, bool]] = []
        for m in ms:
            ok = any(a < m.end_char and m.start_char < b for a, b in doers) and \
                not any(a <= m.start_char < b for a, b in affil) and not _mention_undergoes(doc, m)
            out.append((m, ok))
        as_body = _AS_WE.match(text)
        if as_body and not any(ok for _, ok in out):
            # "As a CCG, we will ...": the body the author says it acts as names "we"
            out = [(m, ok or m.end_char <= as_body.end()) for m, ok in out]
        if not any(ok for _, ok in out) and doers and all(
                re.fullmatch(r"(?i)(?:we|i)", text[a:b].strip()) for a, b in doers):
            # "We encourage local systems to share ...": whom the author urges to act is the doer
            urged = object_control_spans(doc, _URGE)
            out = [(m, ok or (any(a < m.end_char and m.start_char < b for a, b in urged)
                              and not any(a <= m.start_char < b for a, b in affil))) for m, ok in out]
            doers = doers + urged
        elif not any(ok for _, ok in out) and not _imperative(doc) and not any(
                re.fullmatch(r"(?i)(?:we|i|our|us|they|it|this|these)", text[a:b].strip()) for a, b in doers):
            # the main subject is no party ("The review will be ..."): a later clause may name the doer
            more = secondary_doer_spans(doc)
            out = [(m, ok or (any(a < m.end_char and m.start_char < b for a, b in more)
                              and not any(a <= m.start_char < b for a, b in affil))) for m, ok in out]
        for a, b in doers:
            if any(ok and x.start_char < b and a < x.end_char for x, ok in out):
                # a party named, and a kind of party joined to it, in a subject the parser did not
                # split ("Healthwatch Northshire and GP practice staff should ..."): each piece
                # between the joins that names no party may name a doer by its role
                cuts = [a, *(x for m in _JOIN.finditer(text, a, b) for x in (m.start(), m.end())), b]
                for pa, pb in zip(cuts[::2], cuts[1::2], strict=True):
                    if len(cuts) > 2 and text[pa:pb].strip() and \
                            not any(x.start_char < pb and pa < x.end_char for x, _ in out):
                        named = self._actor_doer(doc, pa, pb)
                        if named is not None:
                            out.append((named, True))
                continue
            # a body referred to by its kind ("the Network") before a kind of body acting ("networks will")
            named = self._named_doer(doc, a, b) or self._referring_doer(doc, a, b, author_org) \
                or self._actor_doer(doc, a, b) or self._acronym_doer(doc, a, b, self._author(author_org)) \
                or self._unit_doer(doc, a, b) or (self._task_group_doer(doc, a, b) if task_groups else None) \
                or self._capitalised_doer(doc, a, b)
            if named is not None:
                out.append((named, True))
        out.sort(key=lambda x: x[0].start_char)
        if any(ok and _DECIDING_BODY.fullmatch(m.surface.strip()) for m, ok in out) and \
                any(sent.root.lemma_.lower() in _DECIDE for sent in doc.sents):
            # "Cabinet endorsed the budget", "The Board noted that ...": the body that decides is not
            # the one named to act (GUIDE: a decision's owner is whoever is named to act)
            out = [(m, ok and not _DECIDING_BODY.fullmatch(m.surface.strip())) for m, ok in out]
        return out, True

    def _named_doer(self, doc: Any, a: int, b: int) -> Mention | None:
        """A doer the party patterns do not know, named by the trained recogniser: an organisation
        of two words or more, or a person's full name ("Acme Housing Association", "Jane Smith")."""
        for ent in doc.ents:
            if ent.start_char < a or ent.end_char > b or ent.label_ not in ("ORG", "PERSON"):
                continue
            if _names_a_document(doc.text, ent.end_char):
                continue
            toks = [t for t in ent if not t.is_punct and t.lower_ not in ("the", "our")]
            if len(toks) < 2 or not all(t.text[:1].isupper() or t.lower_ in ("and", "of", "&") for t in toks):
                continue
            if len(toks) == 2 and toks[0].lower_ in _HONORIFICS:
                continue  # "Dr Smith": a title and a surname, no full name (`_person_mention` knows those it can)
            if any(t.like_num or t.lower_ in _MONTHS for t in toks):
                continue
            head = next((toks[i - 1] for i, t in enumerate(toks) if i and t.lower_ in ("of", "for")), toks[-1])
            if {head.lower_, head.lemma_.lower()} & (ACTION_NOUNS | _DOCUMENT_NOUNS):
                continue  # an activity or a document named in capitals ("Public Engagement", "Key Actions"), no body
            if _undergoes(toks[-1]):
                continue  # what befalls a body, not what it does
            if _names_a_kind_of_thing(ent):
                continue  # "the NHS Health Checks pilot": a programme's name before what it is, no body
            start, end = _whole_name(doc, toks[0].i, toks[-1].i, a, b)
            title = _OFFICE_TITLE.match(doc.text, start, end) if ent.label_ == "PERSON" else None
            if title and len(doc.text[title.end():end].split()) >= 2:
                start = title.end()  # "Minister Jane Smith": the person is Jane Smith
            surface = doc.text[start:end]
            name = self.canonical(surface) or re.sub(r"\s+", " ", surface).replace(" & ", " and ")
            kind = "person" if ent.label_ == "PERSON" else "org"
            self._parties.setdefault(name, Party(name, kind, ()))
            return Mention(name, start, end, surface, kind)
        return None

    def _capitalised_doer(self, doc: Any, a: int, b: int) -> Mention | None:
        """A doer named by a proper name the recogniser missed ("Thames Water will replace ...",
        "Highways England will widen ...", "Secondary Care will be responsible for ..."): the subject
        or agent of the clause's predicate is two to six capitalised words (joined by "and", "of",
        "for", "&"), by the convention that a body's name is written in capitals.  Not a place the
        recogniser knows as one, a date, a document or an activity named in capitals ("The Local Plan",
        "Key Actions"), a name that undergoes ("North Riverford will see ..."), nor in a text set in
        title case, where every word is a capital."""
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return None
        toks = [t for t in span if not t.is_punct or t.text == "&"]
        while toks and toks[0].lower_ in ("the", "our", "their", "its"):
            toks = toks[1:]
        words = [t for t in toks if t.lower_ not in _NAME_JOINS]
        if not 2 <= len(words) <= 6 or toks[0].lower_ in _NAME_JOINS or toks[-1].lower_ in _NAME_JOINS or \
                any(t.lower_.rstrip(".") in _HONORIFICS for t in words):
            return None  # ("Dr Smith": a title and a surname, which `_person_mention` reads when it can)
        if not _acts_forward(words[-1]):
            return None  # a name that heads a table's cell or a passive's subject, not a clause's doer
        if any(t.is_punct and t.text != "&" for t in span if toks[0].i <= t.i <= toks[-1].i) or \
                words[-1].tag_ in ("NNS", "NNPS"):
            return None  # "Reduce - Reuse - Recycle", "Car Free Days": a slogan or events, not one body's name
        if not all(t.text[:1].isupper() and t.text[1:2].islower() and t.is_alpha for t in words):
            return None  # a word in lower case, a figure or an acronym: no plain proper name
        if any(t.lower_ in _MONTHS or t.ent_type_ in ("DATE", "TIME", "LAW", "EVENT") for t in words):
            return None
        if all(t.ent_type_ in ("GPE", "LOC", "NORP") for t in words):
            return None  # a place: the area, not a body
        head = words[-1]
        if {head.lower_, head.lemma_.lower()} & (ACTION_NOUNS | _DOCUMENT_NOUNS) or \
                " ".join(t.text for t in toks) in self._things:
            return None
        if _undergoes(head):
            return None
        if _set_in_title_case(span[0].sent):
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        surface = doc.text[start:end]
        name = self.canonical(surface) or re.sub(r"\s+", " ", surface).replace(" & ", " and ")
        self._parties.setdefault(name, Party(name, "org", ()))
        return Mention(name, start, end, surface, "org")

    def _actor_doer(self, doc: Any, a: int, b: int) -> Mention | None:
        """A doer named by its role in the public sector rather than by name ("Local systems should
        ...", "ICS leads should:", "Primary, community and secondary care providers will ..."):
        kept as the text gives it, without its determiner."""
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root if span.root.pos_ in ("NOUN", "PROPN") else span[-1]
        # "Each ICS", "every trust": one of a kind of body, each to act, is the kind ("ICSs", "Trusts")
        each = head.lower_ in _SINGULAR_ACTOR_HEADS and any(t.lower_ in ("each", "every") for t in span if t.i < head.i)
        # "The practitioner will record ...", "the duty nurse should ...": a person's role in
        # the singular names whoever holds it, as a service specification or procedure assigns a step
        role = head.lower_ in _SINGULAR_ROLE_HEADS and head.tag_ == "NN"
        if head.pos_ not in ("NOUN", "PROPN", "VERB") or head.lower_ not in _ACTOR_HEADS and not each and not role:
            return None
        subject = head
        while subject.dep_ == "conj" and subject.head.i < subject.i:  # "The Council and practice staff will"
            subject = subject.head
        if _listed_member(subject):  # "Stakeholders, including X and professional bodies, should": as the kind
            while subject.dep_ != "pobj":
                subject = subject.head
            subject = subject.head.head
        if (role or head.lower_ in _KIND_HEADS or head.lower_ in _STAFF_HEADS) and \
                not (subject.dep_ == "nsubj" and _is_forward_clause(subject.head)):
            # a role or a kind of body acts in a clause that says what it will or should do ("Provider
            # organisations will ..."), not where it is described ("Voluntary organisations play a
            # large part") or is what another acts on
            return None
        toks = [t for t in span if t.i <= head.i]
        # "the", "all", "three" and a count in figures ("13 practices") say how many, not who
        while toks and (toks[0].dep_ in ("det", "predet", "poss") or toks[0].lower_ in _DETS - {"local"} or
                        toks[0].is_punct or toks[0].like_num and toks[0].i < head.i):
            toks = toks[1:]
        if not toks or len(toks) == 1 and head.lower_ in _QUALIFIED_ACTOR_HEADS and not (
                head.lower_ in self._doc_kinds and span[0].i == head.i):
            # (a bare head the document's initials qualify, "Staff" for "GP practice staff", says
            # whose; "these teams" refers back to teams named before)
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        surface = doc.text[start:end]
        name = re.sub(r"\s+", " ", surface)
        if each:
            name = name[:-1] + "ies" if re.search(r"[^aeiou]y$", name) else \
                name + ("s" if name[-1:].isupper() else "s" if not name.endswith("s") else "")
        name = self.canonical(name) or self._doc_kinds.get(name.lower()) or name[:1].upper() + name[1:]
        self._parties.setdefault(name, Party(name, "group", ()))
        return Mention(name, start, end, surface, "group")

    def _unit_doer(self, doc: Any, a: int, b: int) -> Mention | None:
        """A unit of a body named by its proper name and a common head word, as councils and trusts
        write them ("the Fostering and Adoption (FAS) service", "the Estates team"): kept as written,
        without the determiner or a parenthesised acronym."""
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        if head.lower_ not in _UNIT_HEADS or head.text[:1].isupper():
            return None  # a capitalised head ("Housing Team") is the group patterns' business
        toks = [t for t in span if t.i < head.i and t.dep_ not in ("det", "poss", "predet")]
        inner = [t for t in toks if not t.is_punct and t.text not in ("(", ")")]
        # the modifiers are a proper name: capitalised words (and joiners), not "the new local service"
        if not inner or not inner[0].text[:1].isupper() or not all(
                t.text[:1].isupper() or t.lower_ in ("and", "&", "of", "for") for t in inner):
            return None
        if len([t for t in inner if t.text[:1].isupper()]) < 1 or inner[0].i == 0 and len(inner) == 1:
            return None
        words_ = []
        depth = 0
        for t in [*toks, head]:
            if t.text == "(":
                depth += 1
                continue
            if t.text == ")":
                depth -= 1
                continue
            if depth == 0:
                words_.append(t.text)
        name = re.sub(r"\s*&\s*", " and ", " ".join(words_))
        name = self.canonical(name) or name
        self._parties.setdefault(name, Party(name, "group", ()))
        return Mention(name, toks[0].idx, head.idx + len(head.text), doc.text[toks[0].idx:head.idx + len(head.text)],
                       "group")

    def _referring_doer(self, doc: Any, a: int, b: int, author_org: str | None = None) -> Mention | None:
        """A body named by its kind alone with "the" ("The Committee will ...", "the Partnership
        will"), as a document refers to a body it names in full elsewhere: that body, when the
        document names exactly one whose name ends in that word (`_full_name`) or names one far more
        often than any other.  "Members" in a council's papers are its elected members."""
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return None
        toks = [t for t in span if not t.is_punct]
        if [t.text for t in toks] in (["Members"], ["The", "Members"], ["the", "Members"]):
            council = self._expand("@own:the Council", author_org)
            if len(council) != 1:
                return None
            name = f"{council[0]} Members"
            self._parties.setdefault(name, Party(name, "group", ()))
            return Mention(name, toks[0].idx, toks[-1].idx + len(toks[-1].text), span.text, "group")
        if len(toks) != 2 or toks[0].lower_ != "the" or toks[1].lower_ not in _REFERRED_HEADS or \
                not (toks[1].text[:1].isupper() or toks[1].lower_ in _REFERRED_LOWER):
            return None
        name = self._full_name(toks[1].text.capitalize())
        if len(name.split()) < 2:  # several bodies of that kind: the one the document is about, if any
            name = self._doc_referred.get(toks[1].lower_, "")
            if not name:
                return None
        return Mention(name, toks[0].idx, toks[1].idx + len(toks[1].text), span.text, self.kind_of(name) or "group")

    def _task_group_doer(self, doc: Any, a: int, b: int) -> Mention | None:
        """A group formed for a piece of work, named by what it is rather than by a proper name ("a
        working group", "the design team", "a group of clinical experts", "the subgroup"): kept as
        the text gives it, without its determiner.  A bare "the group" or "the team" refers back to
        one named before, and is left to the words around it."""
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        if head.lower_ not in _TASK_GROUP_HEADS or head.text[:1].isupper() or head.tag_ in ("NNS", "NNPS"):
            return None
        mods = [t for t in span if t.i < head.i and t.dep_ in ("compound", "amod", "nmod")
                and t.lower_ not in _DETS and t.is_alpha]
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < span.end), None)
        tail = [t for t in of.subtree if t.i < span.end] if of is not None and head.lower_ in _OF_GROUP_HEADS else []
        if not mods and not tail and head.lower_ not in _FORMED_GROUP_HEADS:
            return None
        first = span.start
        if head.dep_ == "conj" and head.head.i < first and head.head.lower_ not in _TASK_GROUP_HEADS \
                and head.head.text[:1].islower() and doc[first].dep_ not in ("det", "poss") and all(
                t.dep_ in ("cc", "compound", "amod") for t in doc[head.head.i + 1:first]):
            first = head.head.left_edge.i  # "a task and finish group", parsed as two conjuncts, is one name
        toks = list(doc[first:head.i + 1])
        while toks and (toks[0].dep_ in ("det", "predet", "poss") or toks[0].lower_ in _DETS or toks[0].is_punct):
            toks = toks[1:]
        if not toks or any(t.text[:1].isupper() for t in toks if t.i < head.i):
            return None  # a proper name's words ("the Estates team"): the unit and group patterns' business
        last = tail[-1] if tail else head
        if _GROUP_FORMED.match(doc.text, last.idx + len(last.text)):
            return None  # "a residents' forum is to be set up": the group is what will be formed
        start, end = toks[0].idx, last.idx + len(last.text)
        surface = doc.text[start:end]
        name = re.sub(r"\s+", " ", surface)
        name = name[:1].upper() + name[1:]
        self._parties.setdefault(name, Party(name, "group", ()))
        return Mention(name, start, end, surface, "group")

    def _acronym_doer(self, doc: Any, a: int, b: int, author: str | None = None) -> Mention | None:
        """A doer named only by initials the document does not spell out ("HCD and PH will ...",
        each conjunct its own span): a party by the convention that bodies and teams go by their
        initials, kept as written, or the author when they are the author's ("KCC" in a paper of
        Kent County Council).  Not in a text set in capitals, where every word looks like one."""
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return None
        toks = [t for t in span if not t.is_punct and t.lower_ not in _DETS]
        if len(toks) != 1 or not _INITIALS.fullmatch(toks[0].text) or toks[0].lower_ in _MONTHS or \
                toks[0].lower_ in _NO_LEARN or toks[0].text in _OWN_BODY or toks[0].text in self._things:
            return None  # generic initials ("the CCG" of another author is left unresolved on purpose)
        letters = [c for c in doc.text if c.isalpha()]
        if sum(c.isupper() for c in letters) > len(letters) / 2:
            return None
        t = toks[0]
        name = author if author and initials_match(author.split(), t.text) else self.canonical(t.text) or t.text
        self._parties.setdefault(name, Party(name, "org", ()))
        return Mention(name, t.idx, t.idx + len(t.text), t.text, "org")

    def _judge(self, text: str, author_org: str | None, grammar: bool = True) -> list[tuple[Mention, bool]]:
        """Each mention with whether the text makes it an owner: by the parse when the text is a
        clause (`grammar`), else by the words around each mention."""
        if not text.strip():
            return []
        if grammar:
            return self._judge_with(text, author_org)[0]
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
            elif m.kind in ("person", "role"):
                ok = self._person_is_owner(text, m)
            else:
                ok = self._org_is_owner(text, m, prev, prev_ok)
            out.append((m, ok))
            prev, prev_ok = m, ok
        return out

    def _subjects(self, text: str, judged: list[tuple[Mention, bool]]) -> list[tuple[Mention, bool]]:
        """The owners of an intro that are its subject: at the start of a clause, or followed by a
        verb ("... the districts will need to take the following steps:")."""
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
                # "... Housing Panel with ... representatives; its role is to:" (referred back to)
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
                return prev_ok  # "the Local Housing Partnership (LHP)": the same party restated
        words = self._words_before(text, m.start_char)
        while words and words[-1] in _DETS:
            words.pop()
        w1 = words[-1] if words else ""
        w2 = words[-2] if len(words) > 1 else ""
        if w1 == "with":
            return w2 in {"together", "along", "jointly"}
        if w1 in {"to", "from", "into", "alongside", "than", "between", "across", "in", "supporting", "supports"}:
            return False  # "... Guide supporting Integrated Services": the object supported, not a doer
        if w1 == "as" and w2 != "such":
            return False  # "recommend RFT and HHT as lead providers": a role, not a doer
        if m.name in ("Providers", "Commissioners") and w1 in {"for", "of", "among", "amongst"}:
            return False  # "equal treatment of providers", "£51.7m for commissioners"
        subject = bool(after) and after[0] in _SUBJECT_NEXT and after[0] != "to"
        for trigger in ("with", "between"):
            # "work with the hospices, the district councils, pharmacies": a list of partners,
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
            return False  # "The partnership comprises three trusts and the county council": members
        if w1 == "of" and (w2 in _ROLE_WORDS or w2 in {"support", "behalf", "help"}):
            return False
        if w1 in {"including", "as", "eg", "e", "g", "namely", "like"}:
            # "working with our partner organisations, such as Northshire County Council"
            if "with" in words[-8:] and "together" not in words[-8:]:
                return False
        return True

    def _person_is_owner(self, text: str, m: Mention) -> bool:
        if m.role in ("lead", "doer"):
            return True
        before = text[max(0, m.start_char - 40):m.start_char]
        if re.search(r"\b(?:leads?|lead/s|sros?|owners?|(?:chaired|led)\s+by)\s*[-–—:]?\s*$", before,
                     re.IGNORECASE):
            return True  # "Finance Lead\tAnn Lee", "chaired by Priya Shah"
        if re.search(r"\bby\s+(?:the\s+)?$", before, re.IGNORECASE) and not re.search(
                r"\b(?:supported|assisted|helped|commissioned|funded|presented|prepared|written|requested|"
                r"received|noted|reported)\s+by\s+(?:the\s+)?$|^\W*(?:report|paper|briefing)\s+by\s+(?:the\s+)?$",
                before, re.IGNORECASE):
            return True  # the agent of an action written as a noun: "Co-ordination of all agreements by the Property Officer"
        after = self._words_after(text, m.end_char, 2)
        return bool(after) and after[0] in _PERSON_DOER_NEXT  # "Ann Lee will circulate ..."

    @staticmethod
    def _affiliation_spans(text: str, ms: Sequence[Mention]) -> list[tuple[int, int]]:
        """Where a person's role and organisation are given: '(AO, RFT/HHT)' after a name, or
        ', Chief Workforce & Information Officer, RFT' up to the end of the cell."""
        spans = []
        for m in ms:
            if m.kind not in ("person", "role") or "," in m.name:
                continue  # "Project Manager, Housing Team" already holds its unit
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



# --------------------------------------------------------------------------------------------
# Doers from the dependency parse
# --------------------------------------------------------------------------------------------
# Passive verbs whose "by" names a partner or a source, not the doer ("supported by", "funded by").
_PARTNER_PASSIVES = frozenset({"support", "assist", "help", "fund", "inform", "influence", "attend", "inspire",
                               "underpin", "enable"})
# Right-hand dependents that still belong to a doer's noun phrase ("Director of Public Health",
# "the Local Housing Partnership (LHP)").
# Verbs whose object is the doer of the infinitive after it ("require the Council to ...").
_OBJECT_CONTROL = frozenset({"require", "expect", "oblige", "need", "task", "mandate", "commission", "direct"})
# Verbs by which the author urges another party to act (not "ask": an addressee asked to note is no doer).
_URGE = _OBJECT_CONTROL | {"encourage", "invite", "urge"}
# Verbs that give work to the party they name, and those by which a meeting asks its officers.
_ASSIGNING = ASSIGNING_VERBS | {"request", "instruct", "direct"}


def _has_to_aux(t: Any) -> bool:
    return any(x.dep_ == "aux" and x.lower_ == "to" for x in t.children)
# Passive verbs whose subject is still the doer of what follows ("is committed to", "are required to").
_OBLIGED = frozenset({"commit", "require", "expect", "oblige", "mandate", "task", "charge", "dedicate",
                      "determine", "plan", "schedule", "set", "due", "prepare", "contract", "commission"})
# Verbs by which minutes report what someone said ("Ms Lee confirmed that ..."): the reported
# clause has its own doer; the speaker is it only when referred to again ("... that she would").
_SAYING = frozenset({"confirm", "advise", "say", "state", "explain", "report", "indicate", "inform", "note", "add",
                     "clarify", "highlight", "mention", "respond", "reply", "outline", "emphasise", "emphasize",
                     "stress", "remind", "suggest", "comment", "acknowledge", "update", "assure", "reassure",
                     "announce", "agree", "accept", "hope", "expect", "anticipate", "believe"})
_BINDING_MODALS = frozenset({"will", "shall", "should", "must", "'ll"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_MODALS = frozenset({"will", "would", "shall", "should", "must", "could", "can", "may", "might", "'ll", "wo"})
_NP_LEFT = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "predet", "case", "punct",
                      "advmod"})
_NP_RIGHT = frozenset({"appos", "compound", "nummod", "amod", "nmod", "case", "flat"})
_VERBAL = ("VERB", "AUX")


def doer_spans(doc: Any) -> list[tuple[int, int]] | None:
    """Character spans of the doers of each sentence's main predicate: its subject with conjuncts,
    or the agent of a passive (also through "is to be ... by", "needs to be ... by"); the subject of
    the that-clause of "Members resolved that ..." and "The hope is that ...".

    [] when the predicate names no doer (an imperative, a passive without agent, "we" is still a
    span: the caller finds no party in it); None when no sentence is a clause (a verbless fragment:
    "RFT / Public Health", "Lead - Jane Smith"), so that the caller judges by the words around."""
    spans: list[tuple[int, int]] = []
    verdict = False
    if _imperative(doc) and len(list(doc.sents)) == 1:
        return []  # "Support the Riverside Trust's scheme": the party is the object, the doer unstated
    for sent in _committing_sentences(doc):
        found = _clause_doers(sent.root, 0)
        if found is None:
            continue
        verdict = True
        spans.extend(found)
    return spans if verdict else None


def object_control_spans(doc: Any, verbs: frozenset[str]) -> list[tuple[int, int]]:
    """The objects of a main verb of `verbs` that controls the infinitive after it ("we encourage
    local systems to share ...": local systems are to share)."""
    out: list[tuple[int, int]] = []
    for t in doc:
        if t.dep_ == "ROOT" and t.pos_ in _VERBAL and t.lemma_.lower() in verbs:
            for c in t.children:
                if c.dep_ == "dobj" and any(x.dep_ in ("xcomp", "ccomp") for x in t.children):
                    out.extend(_np_spans(c))
                elif c.dep_ == "ccomp" and _has_to_aux(c):
                    # the parser's other reading, the party the infinitive's subject ("we expect
                    # the districts to publish ...")
                    out.extend(sp for s in c.children if s.dep_ == "nsubj" for sp in _np_spans(s))
    return out


def secondary_doer_spans(doc: Any) -> list[tuple[int, int]]:
    """Subjects of the other finite clauses of a sentence whose main subject names no party ("The
    audit will be printed and once every audit is in the Inspectorate will publish ...",
    "a further aim is to see that each practice offers ..."): clauses with a modal or
    future auxiliary, and that-clauses."""
    out: list[tuple[int, int]] = []
    for t in doc:
        if t.pos_ not in _VERBAL:
            continue
        if t.dep_ == "ROOT":
            if t.lemma_.lower() in _OBJECT_CONTROL:  # "will require the Council to work with ..."
                for c in t.children:
                    if c.dep_ == "dobj" and any(x.dep_ in ("xcomp", "ccomp") for x in t.children):
                        out.extend(_np_spans(c))
            continue
        if t.dep_ == "acl" and t.tag_ == "VBN":  # "each review undertaken by the Commission will ..."
            if not _describes_main_object(t):  # not "transfer the functions delivered by the Service"
                out.extend(_agents(t))
            continue
        if _in_purpose(t):
            continue  # "... extended for a year to ensure the Council has a service": a goal, not a doer
        modal = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "must", "would", "should") for c in t.children)
        if not (modal or t.dep_ == "ccomp"):
            continue
        for c in t.children:
            if c.dep_ == "nsubj" and c.pos_ != "PRON":
                out.extend(_np_spans(c))
            elif c.dep_ == "nsubj" and t.dep_ == "relcl" and c.lower_ in ("which", "who", "that"):
                out.extend(_np_spans(t.head))  # "... a new Housing Board, which will meet in public"
        out.extend(_agents(t))
    return out


def _describes_main_object(t: Any) -> bool:
    """Whether a participle modifies the object of the main predicate ("agree to transfer the
    functions delivered by the Service"): it describes what is acted on, it names no doer."""
    x = t.head
    while x.pos_ not in _VERBAL and x.head.i != x.i:
        if x.dep_ in ("nsubj", "nsubjpass"):
            return False
        x = x.head
    v = x
    while v.dep_ in ("xcomp", "ccomp", "conj") and v.head.i != v.i:  # "RESOLVED that Cabinet agree to transfer ..."
        v = v.head
    return v.dep_ == "ROOT" and x.pos_ in _VERBAL


def _in_purpose(t: Any) -> bool:
    """Whether a verb lies inside an adverbial clause, a purpose ("... to ensure that X has ...") or
    a condition: what it names is a goal or a circumstance, not who acts."""
    x = t
    while x.head.i != x.i:
        if x.dep_ == "advcl":
            return True
        x = x.head
    return False


def _imperative(doc: Any) -> bool:
    """A sentence opening with a bare verb and no subject ("Develop a plan for ..."), also one the
    small tagger read as a name ("Support Northshire Carers Trust ...": kb.extract.clause)."""
    from kb.extract.clause import clauses_of
    from kb.extract.forms import IMPERATIVE

    return any(sent.root.tag_ == "VB" and not any(c.dep_.startswith("nsubj") for c in sent.root.children)
               for sent in doc.sents) or any(c.form == IMPERATIVE for c in clauses_of(doc))


def _committing_sentences(doc: Any) -> list[Any]:
    """The sentences whose doers own the unit: in a unit of several sentences, the one that commits
    (kb.extract.clause: "Consolidate the service ... . Rehab also commissioned ..." is owned by
    the first one's doer, not by the second's subject); else every sentence."""
    sents = list(doc.sents)
    if len(sents) < 2:
        return sents
    from kb.extract.clause import clauses_of

    committing = [c.sentence for c in clauses_of(doc) if c.committing and c.sentence is not None]
    return committing[:1] or sents


def _clause_doers(v: Any, depth: int) -> list[tuple[int, int]] | None:
    if depth > 3:
        return []
    if v.pos_ not in _VERBAL:
        # "Recommendation 3: That the Trust publishes ...": the proposal under its label
        for c in v.children:
            if c.i > v.i and c.dep_ in ("acl", "relcl", "appos", "ccomp") and c.pos_ in _VERBAL and \
                    any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return _clause_doers(c, depth + 1)
        # "Providers to agree a care model": a noun with a to-infinitive is a doer and its task; with
        # a passive one it is what is done, and the agent does it ("Site 2 to be developed by Eastford
        # Homes", "The hub to be run by the Trust"; none named: [])
        for c in v.children:
            if c.i > v.i and c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ in _VERBAL and \
                    _has_to_aux(c):
                return _agents(c) if _is_passive(c) else _np_spans(v)
        return None
    chain = [v]
    x = v
    while True:
        nxt = [c for c in x.children if c.dep_ == "xcomp" and c.pos_ in _VERBAL]
        if not nxt:
            break
        x = nxt[0]
        chain.append(x)
    # "would continue to be overseen and managed by the Service": the agent may hang on a conjunct
    verbs = [y for x in chain for y in (x, *(c for c in x.children if c.dep_ == "conj" and c.pos_ in _VERBAL
                                            and not any(z.dep_.startswith("nsubj") for z in c.children)))]
    agents = [span for x in verbs for span in _agents(x)]
    subj = [c for c in v.children if c.dep_ in ("nsubj", "csubj", "expl", "nsubjpass", "csubjpass")]
    # the subject nearest before the verb ("Focusing on frailty, end of life ... the networks will")
    before = [c for c in subj if c.i < v.i]
    # "Stakeholders including X, Y, Z need to ...", where the parser made the list's last member a
    # subject of its own: the kind and its members before it are subjects too
    listed = before[-2] if len(before) >= 2 and any(
        c.dep_ == "prep" and c.lower_ == "including" and
        all(x.is_punct or x.dep_ == "cc" for x in v.doc[c.right_edge.i + 1:before[-1].left_edge.i])
        for c in before[-2].children) else None
    subj = before[-1:] or subj[:1]
    # ("That the ICB commissions ...", a proposal's mandative clause, is no misparse)
    if subj and (any(c.dep_ == "mark" for c in subj[0].children) or
                 (depth == 0 and any(c.dep_ == "mark" and c.i < subj[0].i and not (c.lower_ == "that" and c.i == 0)
                                     for c in v.children))):
        return None  # "As commissioners acting ..., X will": a misparse; judge by the words around
    out: list[tuple[int, int]] = list(agents)
    if v.lemma_.lower() in _ASSIGNING and not _is_passive(v):
        # "The Board has asked the Trust to review ...": whom the work is given to does it
        given = [o for o in v.children if o.dep_ == "dobj"
                 and any(c.dep_ == "xcomp" and c.i > o.i and _has_to_aux(c)
                         and c.lemma_.lower() not in TAKING_IN for c in v.children)]  # (to note: no work)
        if given:
            return [sp for o in given for sp in _np_spans(o)]
    if subj and not agents:
        s = subj[0]
        ccomp = [c for c in v.children if c.dep_ == "ccomp" and c.pos_ in _VERBAL]
        reported = [c for c in ccomp if c.i > v.i and _is_forward_clause(c)]
        if reported and v.lemma_.lower() in _SAYING and not any(
                c.dep_ == "aux" and c.lower_ in _BINDING_MODALS for c in v.children):
            # (not "Clinics should tell visitors that ...": saying it is what the doer is to do)
            # "Ms Lee confirmed that the review would be completed by the Panel": the speaker reports
            # who will act; only "she would ..." (the speaker again, by a pronoun) makes her the doer
            inner_subj = [c for c in reported[0].children if c.dep_ in ("nsubj", "nsubjpass")]
            if inner_subj and inner_subj[0].lower_ in _SPEAKER_PRONOUNS and not _is_passive(reported[0]):
                return _np_spans(s)
            return _clause_doers(reported[0], depth + 1) or []
        if ccomp and (s.lower_ == "it" or s.dep_ == "expl"):
            # "It was agreed that RFT would ..."
            return _clause_doers(ccomp[0], depth + 1) or []
        if ccomp and v.lemma_ == "be":
            # "The expectation is that providers will ...", but "The Trust was clear that it must ..."
            inner = _clause_doers(ccomp[0], depth + 1)
            return inner or (_np_spans(s) if s.dep_ == "nsubj" and s.pos_ != "PRON" else [])
        if s.dep_ == "nsubj" and s.pos_ != "PRON" or s.lower_ in ("we", "i"):
            out = (_np_spans(listed) if listed is not None else []) + _np_spans(s)
        elif s.dep_ == "nsubjpass" and v.lemma_.lower() in _OBLIGED and s.pos_ != "PRON":
            out = _np_spans(s)  # "The council is determined to ...", "Practices are obliged to ..."
        elif s.dep_ == "nsubjpass" and v.lemma_.lower() in REQUEST_VERBS and s.pos_ != "PRON" and not any(
                c.dep_ == "xcomp" and c.lemma_.lower() in NOTING_VERBS for c in v.children):
            out = _np_spans(s)  # "Local systems are asked to: ...", "Cabinet is asked to agree ...",
            # not "The Board is asked to note ..."
    if v.lemma_.lower() in _OBJECT_CONTROL and out and any(c.dep_ in ("xcomp", "ccomp") for c in v.children):
        # "The Trust will require contractors to cover ...": the party required to act acts too
        for c in v.children:
            if c.dep_ == "dobj":
                out.extend(_np_spans(c))
            elif c.dep_ == "ccomp" and c.i > v.i:  # the parser's "expect [Providers to absorb]"
                out.extend(span for x in c.children if x.dep_ == "nsubj" and x.pos_ != "PRON" for span in _np_spans(x))
    for c in v.children:
        if c.dep_ in ("ccomp", "parataxis") and c.i < v.i and c.pos_ in _VERBAL and \
                any(x.dep_ == "nsubj" for x in c.children):
            out.extend(_clause_doers(c, depth + 1) or [])  # "RFT will agree; then the Council will deliver"
            continue
        if c.dep_ != "conj" or c.pos_ not in _VERBAL:
            continue
        if any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
            out.extend(_clause_doers(c, depth + 1) or [])  # "RFT will open X and the Council will fund Y"
        else:
            out.extend(_agents(c))  # "drafted and to be agreed by the Programme Board"
    return out


def _is_forward_clause(v: Any) -> bool:
    """A finite clause with a modal or a future of obligation ("would be", "will", "was to", "was due to")."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in v.children) or any(
        c.dep_ == "xcomp" and _has_to_aux(c) and
        v.lemma_.lower() in ("be", "due", "schedule", "plan", "expect", "intend") for c in v.children)


def _is_passive(v: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in v.children) or \
        (v.tag_ == "VBN" and any(c.dep_ == "agent" for c in v.children))


def _agents(v: Any) -> list[tuple[int, int]]:
    """The agent of a passive predicate ("to be agreed by the Programme Board"), also when the parser
    hung "by" on a nearby noun ("reviewed on a quarterly basis by the Steering Group")."""
    if not _is_passive(v) or v.lemma_.lower() in _PARTNER_PASSIVES:
        return []
    bys = [c for c in v.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")]
    if not bys:
        for t in v.subtree:
            if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.i > v.i:
                h = t.head
                while h != v and h.pos_ not in _VERBAL and h.dep_ in ("pobj", "prep", "dobj", "npadvmod", "conj"):
                    h = h.head
                if h == v:
                    bys.append(t)
                    break
    out: list[tuple[int, int]] = []
    for by in bys:
        objs = [obj for obj in by.children if obj.dep_ == "pobj"]
        if not objs:  # "developed by, and implemented by, a range of partners": the parser left "by" bare
            objs = [c for c in by.head.children if c.i > by.i and c.dep_ in ("npadvmod", "dobj", "attr", "oprd")][:1]
        for obj in objs:
            out.extend(_np_spans(obj))
    return out


_NAME_JOINS = frozenset({"and", "&", "of", "for"})


def _whole_name(doc: Any, first: int, last: int, a: int, b: int) -> tuple[int, int]:
    """The character span of the whole proper name around tokens first..last, within the doer's
    phrase a..b: a recogniser often marks only part of a name that joins capitalised words with
    "and", "of" or "for" ("Castle Business Incubator" of "the Elephant and Castle Business
    Incubator", "Better Broadband" of "Better Broadband for Northshire").  A joining word counts
    only between capitalised words; a determiner or any lower-case word ends the name."""
    def cap(i: int) -> bool:
        t = doc[i]
        return a <= t.idx and t.idx + len(t.text) <= b and t.text[:1].isupper() and t.lower_ not in _DETS
    while first > 0 and (cap(first - 1) or (first > 1 and doc[first - 1].lower_ in _NAME_JOINS and cap(first - 2))):
        first -= 1 if cap(first - 1) else 2
    while last + 1 < len(doc) and (cap(last + 1) or (
            last + 2 < len(doc) and doc[last + 1].lower_ in _NAME_JOINS and cap(last + 2))):
        last += 1 if cap(last + 1) else 2
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _listed_member(t: Any) -> bool:
    """Whether the token is a member of the list a kind of party's "including" gives ("Stakeholders,
    including X, Y and Z, ...")."""
    while t.dep_ in ("conj", "appos") and t.head.i < t.i:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ == "including"


# Predicates whose subject undergoes, holds or contains rather than acts ("will see", "will face",
# "will include"): a name as their subject is no doer.
# ("be" and "have" are left out: "X will be responsible for", "X will have a plan in place" name a doer;
# so is "receive": "Cabinet will receive the final strategy" is a meeting's business)
_UNDERGONE = frozenset({"see", "experience", "face", "suffer", "need", "require", "remain",
                        "benefit", "gain", "lose", "grow", "struggle", "include", "contain", "comprise", "cover",
                        "mean", "seem", "appear", "look", "feel"})


def _phrase_head(name: Any) -> Any:
    """The token a name's phrase hangs from its clause by: up through the words of the name and the
    names joined or set beside it ("Riverford Water and Dale Water", "X, the water company")."""
    t = name
    while t.dep_ in ("compound", "conj", "appos", "flat") and t.head.i != t.i:
        t = t.head
    return t


def _names_a_kind_of_thing(ent: Any) -> bool:
    """Whether a name the recogniser calls an organisation is a plural noun phrase used as a
    modifier of a common noun ("the NHS Health Checks pilot", "the Better Care Fund Schemes
    budget"): a programme or a product named before what it is, not a body.  A body's name ends in
    its kind ("Services", "Councils", `_GROUP_HEADS`), and a singular one before a noun ("the
    Eastford Council pilot") still names who runs it."""
    last = ent[-1]
    plural = last.tag_ in ("NNS", "NNPS") or re.search(r"[^su]s$", last.lower_) is not None  # ("Checks" is tagged NNP)
    return plural and last.dep_ == "compound" and last.head.i >= ent.end \
        and last.head.pos_ == "NOUN" and last.lower_ not in _GROUP_HEADS and last.lower_ not in _LEARN_HEADS


def _undergoes(name: Any) -> bool:
    """Whether the predicate a name (its last token) is the subject of says what befalls or what is
    held ("North Yorkshire will see 2,000 new homes", "Key Actions will include"), not an act."""
    t = _phrase_head(name)
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = t.head
    # "will need to agree", "will look to improve": a verb before the act it controls is no state
    return verb.pos_ in _VERBAL and verb.lemma_.lower() in _UNDERGONE and \
        not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def _acts_forward(name: Any) -> bool:
    """Whether a name (its last token) is the subject of a clause that says what it will, must or is
    to do ("Riverford Water will replace ..."), or the agent of one ("to be built by Marsh & Quay")."""
    t = _phrase_head(name)
    if t.dep_ == "nsubj":
        return _is_forward_clause(t.head)
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        verb = t.head.head
        return _is_forward_clause(verb) or _has_to_aux(verb)
    return False


def _set_in_title_case(sent: Any) -> bool:
    """A sentence set in title case ("Better Outcomes For Older People Will Follow"): most of its
    words capitalised, so a run of capitals names nothing."""
    words = [t for t in sent if t.is_alpha and t.lower_ not in _NAME_JOINS and len(t) > 2]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) > 0.6 * len(words)


def _mention_undergoes(doc: Any, m: Mention) -> bool:
    """`_undergoes` for a party the patterns found in the text ("Acme Housing Association will face
    a shortfall": what befalls the association, no act of it)."""
    span = doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
    return span is not None and len(span) > 0 and _undergoes(span.root)


def _ampersand_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Doer spans with the pieces of a name joined by "&" made one again ("London & Quadrant",
    "Black & Veatch"): the parser reads "&" as a conjunction between two parties, but an ampersand
    between capitalised words is written inside a name; "and" between two names still lists two."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and re.fullmatch(r"\s*&\s*", text[out[-1][1]:a]) and text[a:a + 1].isupper() and \
                text[out[-1][0]:out[-1][0] + 1].isupper():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _np_spans(t: Any) -> list[tuple[int, int]]:
    """Character spans of a noun phrase and of each of its conjuncts ("RFT and the County Council"),
    without its relative clauses or other prepositional phrases ("working with X", "from Y").  A
    subject's conjuncts stop at its verb (the parser sometimes joins a list after the verb to it)."""
    from kb.extract.clause import with_conjuncts  # (lazily: the parse is the ingest path's alone)

    out = []
    verb = t.head if t.dep_ in ("nsubj", "nsubjpass") else None
    for tok in dict.fromkeys((*with_conjuncts(t), *t.conjuncts)):
        if verb is not None and tok.i > verb.i:
            continue
        left = tok.i
        for c in tok.lefts:  # determiners and modifiers, not a fronted "As commissioners acting ..."
            if c.dep_ in _NP_LEFT:
                left = min(left, c.left_edge.i)
        right = tok.i
        for c in tok.rights:
            if c.dep_ == "appos" and c.left_edge.i > tok.i + 1 and tok.doc[c.left_edge.i - 1].text != "(":
                break  # an apposition far off is a misparse of a list, not "X (XA)"
            if c.dep_ in _NP_RIGHT or (c.dep_ == "prep" and c.lower_ in ("of", "for", "including")) or \
                    (c.dep_ == "punct" and c.text in "()"):
                right = max(right, c.right_edge.i)
            elif c.dep_ in ("conj", "cc", "acl", "relcl", "prep", "advcl", "punct"):
                break
        # a conjunct's own left edge may reach back over the conjunction: keep to the token's phrase
        toks = [x for x in tok.doc[left:right + 1] if x.dep_ not in ("cc",) or x.i > tok.i]
        if not toks:
            continue
        a, b = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append((a, b))
        # the members a kind of party lists ("Stakeholders, including X, Y and Z, should ..."): each a
        # doer as the kind is
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "including" and (verb is None or c.i < verb.i):
                members = [o for o in c.children if o.dep_ == "pobj"]
                # (a member the parser made an apposition of the one before: "X, GP practice staff, Y")
                members += [a for o in members for x in (o, *o.conjuncts) for a in x.children
                            if a.dep_ == "appos" and a.left_edge.i > x.i + 1]
                out.extend(sp for o in members for sp in _np_spans(o) if verb is None or sp[1] <= verb.idx)
    return out


# "As a CCG, we ...", "As the County Council we ...": what "we" acts as.
_AS_WE = re.compile(r"(?i)(?:\W*|.{0,40}?(?:^|,\s*|\b(?:and|but|so|also|therefore)\s+))as\s+(?:a|an|the|your)\s+"
                    r"[^,;:.]{1,60}?,?\s+we\b")
# A section's sentence that names who leads its work: "The leadership for this resides with X",
# "Responsibility for these actions sits with X", "This programme will be overseen by X".
SECTION_LEAD = re.compile(
    r"(?i)\b(?:(?:the\s+)?(?:leadership|responsibility|accountability|ownership|oversight)\s+(?:for|of)\s+"
    r"(?:this|these|the|our)\b[^.;:]{0,60}?\s+(?:resides|rests|lies|sits|is held|will (?:sit|rest|reside|lie))\s+"
    r"with|(?:this|the|our)\s+(?:work|programme|workstream|priority|area|section|plan|strategy)\s+(?:is|will be)\s+"
    r"(?:led|overseen|owned|driven|coordinated|co-ordinated)\s+by"
    # a report's recommendations addressed to a party, introduced as what follows ("Our recommendations
    # for the Trust are:", "Below is a list of recommendations for X"; not "we make recommendations to X")
    r"|(?:our|these|the\s+following|following|a\s+list\s+of|key)\s+recommendations\s+(?:for|to)"
    # or addressed to them by what they ask of them: "These recommendations aim to support action by
    # the ICB and providers", "recommendations for implementation by the Trust", "are addressed to X"
    r"|(?:our|these|the\s+following|following|key)\s+recommendations\b[^.;:]{0,50}?\b(?:(?:action|"
    r"implementation|delivery|consideration)\s+by|(?:addressed|directed)\s+to)"
    # or a section's lead on a line of its own under its title ("Executive lead: Director of Estates")
    r"|^(?:(?:executive|operational|strategic|senior|clinical|programme|overall|responsible)\s+)?leads?\s*:)"
    r"\s+(?P<party>[^.;:]{3,160})")
# ", <unit>" after a role title in an owner field: the unit the role works in ("Project Manager,
# Housing Options Team"), up to the next comma or the end of the field.
_ROLE_UNIT = re.compile(r"\s*,\s*((?:[A-Z][\w'’-]*\s+(?:(?:and|&|of|for)\s+)?){0,6}"
                        r"(?:Team|Service|Unit|Directorate|Division|Department))(?=\s*(?:[,;/\t\n]|$))")
# Head nouns of a body's units, written in lower case after the unit's proper name ("the SEND service").
_UNIT_HEADS = frozenset("service team directorate division department unit".split())
# Bodies named by their kind with a word that says which ("provider organisations", "system
# partners", "public bodies"): a doer as the subject of a clause that says what they will or should
# do; alone ("Organisations will benefit ...") they are too often those acted upon
# (`_QUALIFIED_ACTOR_HEADS`).
_KIND_HEADS = ("organisations", "organizations", "partners", "bodies")
# Head nouns of doers named by their role in the public sector ("local systems", "ICS leads",
# "secondary care providers", "partner organisations"): plural bodies and roles, not people at large.
_ACTOR_HEADS = frozenset(
    "systems leads providers commissioners trusts councils authorities agencies networks practices icss ccgs "
    "icbs pcns stps hospitals pharmacies lead provider commissioner trust council agency network practice teams "
    "clinicians practitioners optometrists pharmacists dentists surgeons therapists gps "
    "professionals workstream workstreams "
    # parties outside the health service that plans name as doers ("Schools will ...", "Local
    # employers should ...", "Housing associations and developers will ..."); the vaguer
    # "organisations" and "partners" only as `_KIND_HEADS` say
    "schools colleges universities employers landlords developers housebuilders charities operators "
    "contractors associations staff "
    # and the people and units who lead and run them: "We expect local leaders to ...", "system
    # leaders will ...", "Government departments should ..."
    "leaders departments".split()
) | frozenset(_KIND_HEADS)
# The same bodies in the singular, a doer only as "each X" / "every X" (a lone "the trust" is the
# document's own body or one named before).
_SINGULAR_ACTOR_HEADS = frozenset(
    "system provider commissioner trust council authority agency network practice ics icb ccg pcn stp icp "
    "hospital school pharmacy practitioner optometrist pharmacist".split()
)
# A person's role in the singular, a doer as the subject of its clause ("The practitioner will ...",
# "the named officer should ..."): a role is held by whoever fills it, unlike "the trust" (the
# document's own body or one named before).
_SINGULAR_ROLE_HEADS = frozenset(
    "practitioner clinician optometrist pharmacist dentist surgeon therapist nurse doctor consultant "
    "manager officer coordinator co-ordinator applicant".split()
)
# A group formed for a piece of work ("a working group", "the design team", "a group of clinical
# experts"): a doer when a word says what kind of group; a subgroup or taskforce is one by its name.
# The kinds of body a document refers to by "the" and the kind alone ("the Committee") after naming it
# in full; in lower case only those that never name a kind in general ("the committee", not "the service").
_REFERRED_HEADS = frozenset("committee sub-committee subcommittee partnership group panel forum alliance commission "
                            "collaborative service network agency".split())
_REFERRED_LOWER = frozenset("committee sub-committee subcommittee partnership".split())
_TASK_GROUP_HEADS = frozenset("group subgroup sub-group team panel taskforce party".split())
_FORMED_GROUP_HEADS = frozenset("subgroup sub-group taskforce".split())
_OF_GROUP_HEADS = frozenset("group panel team".split())
# what is said of a group that is itself to be set up ("a tenants' panel will be formed", "the team is
# expected to be recruited by May")
_GROUP_FORMED = re.compile(
    r"\s*(?:(?:is|are|was|were|will|would|should|shall|must|has|have|had|need|needs|is expected|are expected|"
    r"to|being|been|be|also|now|then|soon|first)\s+)+(?:established|formed|set up|created|convened|appointed|"
    r"commissioned|recruited|in place|put in place|introduced|launched|reconvened|reformed|refreshed)\b", re.I)
# the joins of a list of parties
_JOIN = re.compile(r",\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
# People who work for a body, a doer only with a word saying whose ("Practice staff", "council staff")
# and as the subject of a clause that says what they will or should do ("All staff will
# receive training" is said of them; "Staff" alone refers back to those named before).
_STAFF_HEADS = frozenset({"staff"})
# Heads that name a doer only with a word saying whose ("Clinical teams", "Hospital clinicians"):
# "the teams" alone refers back to a body named before.
_QUALIFIED_ACTOR_HEADS = _STAFF_HEADS | frozenset(
    "teams clinicians professionals workstream workstreams associations leaders departments".split()) | frozenset(_KIND_HEADS)
# Where a duty lies names who is to act: "the onus will be on X to ...", "responsibility for Y rests with X".
_ONUS = re.compile(r"\b(?:onus|responsibility|duty)(?:\s+for\s+[^,.;:]{1,60}?)?\s+(?:will\s+|would\s+)?"
                   r"(?:be|is|lies|lie|rests|rest|falls|fall)\s+(?:on|with|upon)\s+(?:the\s+)?", re.IGNORECASE)
# A meeting's own body, referred to as such, and the verbs by which it decides or takes note.
_DECIDING_BODY = re.compile(r"(?i)(?:the\s+)?(?:cabinet|board|committee|sub-?committee|panel)")
_DECIDE = frozenset({"agree", "approve", "endorse", "consider", "note", "resolve", "ratify"})
_DECIDES = re.compile(r"(?i)\b(?:resolved|agreed?|approved?|endorsed?|considered|noted|ratified)\b")
# A lead-in by which minutes report what was said ("X provided an update on the following:",
# "The report highlighted:"): its speaker is not the doer of the points under it.
_REPORTING_LEAD = re.compile(r"(?i)\b(?:(?:provided|gave|presented|introduced|received)\s+(?:\w+\s+){0,2}"
                             r"(?:update|overview|summary|briefing|report|presentation)s?|updated|reported|informed|"
                             r"outlined|highlighted|explained|summari[sz]ed|mentioned|commented|emphasi[sz]ed|"
                             r"noted|said|stated|advised|included)\b")
# Initials that name a body ("PH", "HCD", "ASC&H"); not a pronoun or a numeral.
_INITIALS = re.compile(r"(?!(?:I|II|III|IV|VI|OK|AND|THE)$)[A-Z][A-Z&]{1,5}")
# A delegation names who is to act: "delegate(s/d) authority to [the] X".
_DELEGATE = re.compile(r"\bdelegat(?:e|es|ed|ing)\s+(?:(?:the|its|delegated)\s+)?(?:authority|responsibility|powers?|"
                       r"decisions?)\s+(?:(?:be|is|are|was|were|being)\s+(?:given|granted)\s+)?to\s+(?:the\s+)?"
                       # what is delegated, then to whom: "DELEGATE any activity requiring capital spend to the
                       # Director of Infrastructure"
                       # (the verb's own form or a passive, not a participle that describes: "funding
                       # delegated to Local Authorities")
                       r"|\b(?:delegates?|(?:be|is|are|was|were|been|being)\s+delegated)\s+(?:[^.;:]{1,120}?\s)?to\s+"
                       r"(?:the\s+)?(?=(?-i:[A-Z]))", re.IGNORECASE)
_FORWARD_WORD = re.compile(r"\b(?:will|shall|must|should|is to|are to|aims? to|plans? to|intends? to|"
                           r"(?:is|are) expected to)\b", re.IGNORECASE)
# A lead-in that is only a doer and a modal ("ICS leads should:", "All partners will:").
_LEAD_IN = re.compile(r"(?P<np>[^.;:!?]{2,90}?)\s+(?:will|should|must|shall|would|needs? to|are to|is to|"
                      r"are expected to|is expected to)(?:\s+also)?\s*:", re.IGNORECASE)
# What follows in an owner field names partners, not the lead ("X Supported by Y").
# A partner "in partnership with" the lead is not an owner (GUIDE), in a field as in a sentence.
_FIELD_SUPPORT = re.compile(r"\b(?:supported|assisted|helped) by\b|\bwith (?:support|input|help) from\b|"
                            r"\b(?:in (?:partnership|conjunction|collaboration)|working(?: closely)?) with\b",
                            re.IGNORECASE)
# A field's chunks: split at commas, semicolons, tabs, bullets and a "/" between parties ("RFT / NCC",
# "RFT/NCC"), but not at a "/" after a lower-case word, which joins alternatives of one party
# ("contractor/developer").
_FIELD_CHUNK = re.compile(r"(?:[^,;/\n\t•()]|(?<=[a-z])/(?=\w))+(?:\([^)]*\))?")
# A party a field joins to a named one, written as a kind in lower case: "<body> or an appointed
# contractor", "<body> with appointed developer partner", "... and private sector developer".  Its head
# is an agent noun (one who does: "-er", "-or", "-ist", "partner"), so a note ("and other works") is not one.
_FIELD_JOINED_KIND = re.compile(
    r"(?:^|\s)(?:or|and|with)\s+(?:an?\s+|the\s+)?"
    r"(?P<kind>[a-z][\w'’-]*(?:[ /](?:[a-z][\w'’-]*|[A-Z]{2,5})){0,5})\s*$")
_VAGUE_KIND = frozenset({"other", "all", "any", "some", "various", "relevant", "key", "wider", "local", "partner"})
_AGENT_HEAD = re.compile(r"(?i)[a-z]{3,}(?:er|or|ist)s?|partners?")
_NOT_AGENT = frozenset({"other", "others", "together", "number", "order", "water", "winter", "matter", "paper",
                        "letter", "chapter", "after", "later", "under", "over", "either", "rather", "further",
                        "border", "corridor", "sector", "sectors", "floor", "door", "interior", "exterior"})
# "<party> lead(s)", "<party> leads for each area": the party leads.
_FIELD_LEAD_OF = re.compile(r"(.+?)\s+leads?(?:\s+(?:for|in)\s+(?:each|every|all|the)\b.*)?", re.IGNORECASE)
# Words a field holds that name nobody.
_FIELD_NOISE = frozenset({"all", "all partners", "partners", "tbc", "tbd", "n/a", "na", "none", "various", "ongoing",
                          "all agencies", "everyone", "we", "us",
                          # the placeholders "TBC" / "TBA" spelt out: no one named yet
                          "to be confirmed", "to be agreed", "to be determined", "to be decided", "to be announced",
                          "to be identified", "to be appointed"})


# A kind of party as an owner field writes it in lower case: a few plain words ending in a plural
# noun or a body's head word ("housing associations", "GP practices", "the voluntary sector").
_FIELD_KIND = re.compile(r"(?:[a-z][a-z'’-]*\s+){0,3}(?:[a-z][a-z'’-]{2,}s|sector|police|community|"
                         + "|".join(sorted(_GROUP_HEADS + list(_SINGULAR_ACTOR_HEADS))) + r")")


# A bracket at the very end of an action ("... (Adult Social Care);", "... (Lead: Public Health)."), its
# label word optional.
_TRAILING_BRACKET = re.compile(r"\(\s*(?P<label>(?:lead|leads|led by|owner|responsible|who)\s*[:\-–]?\s+)?"
                               r"(?P<inner>[^()]{2,100}?)\s*\)\s*[.;,]?\s*$", re.I)
# The last words of parties' names as a bracketed lead writes them: bodies, groups, teams, services and
# the public-sector functions that name a department ("Adult Social Care", "Public Health",
# "Council Commissioning", "Trading Standards", "Human Resources").
_BRACKET_HEADS = frozenset(_GROUP_HEADS) | _ACTOR_HEADS | _SINGULAR_ACTOR_HEADS | _UNIT_HEADS | frozenset(
    "care health commissioning centre hospice partnership standards resources directorate cabinet "
    "providers practices schools".split())


def _bracket_party_head(name: str) -> bool:
    """Whether a name ends as parties' names do (`_BRACKET_HEADS`): "(Public and HGV)" names a use."""
    return bool(name.split()) and name.split()[-1].lower().strip("'’") in _BRACKET_HEADS


def _split_parties(chunk: str) -> list[str]:
    """Split "Public Health and Trading Standards" into its parties, but not "Health and Wellbeing
    Board": at "and"/"&" only when what comes before is a whole party by convention (a known head
    word, an acronym, or a service every authority has)."""
    parts = re.split(r"(\s+(?:and|&)\s+)", chunk)
    out: list[str] = []
    cur = parts[0]
    for sep, nxt in zip(parts[1::2], parts[2::2], strict=True):
        last = cur.strip().split()[-1].lower() if cur.strip() else ""
        whole = last in _GROUP_HEADS or _is_acronym(cur.strip().split()[-1] if cur.strip() else "") or \
            re.search(r"\b(?:public health|trading standards|healthwatch)$", cur.strip(), re.IGNORECASE) or \
            (last in _ROLE_HEADS)
        if whole and nxt[:1].isupper():
            out.append(cur)
            cur = nxt
        else:
            cur = cur + sep + nxt
    out.append(cur)
    return [p.strip() for p in out if p.strip()]


_CAPITALISED = re.compile(r"(?<![\w&])[A-Z][\w&]*")  # a word (letters, digits, '&') that starts with a capital


def _capitalised_words(text: str) -> set[str]:
    """Every whole word of `text` that starts with a capital ("NCC", "Trust"; not the "CC" of
    "NCC"): initials are looked up here, so a long document is read once, not once per body it
    names (a 50 MB export names thousands)."""
    return {m.group() for m in _CAPITALISED.finditer(text)}


# A kind of party with the initials that say which ("GP practices", "NHS trusts", "GP practice staff")
_INITIALLED_KIND = re.compile(r"(?<![\w&-])(?P<initials>[A-Z]{2,5})\s+"
                              r"(?P<kind>(?:(?!(?:and|or|of|to|the|in|for|with|by|on|at)\b)[a-z]+\s+){0,2}(?:"
                              + "|".join(sorted(_ACTOR_HEADS | _SINGULAR_ACTOR_HEADS, key=len, reverse=True))
                              + r"))\b")


# heads that name things as well as parties ("IT systems", "NHS networks", "HR leads")
_THING_HEADS = frozenset("system systems network networks lead leads workstream workstreams".split())


def _kinds_by_initials(text: str) -> dict[str, str]:
    """The kinds of party a document names with initials before them ("GP practices", "GP practice
    staff"), by the words it writes without them ("practices", "practice staff", "staff"): a document
    that names "GP practices" means them by a bare "Practices should ...".  Words that end more than
    one such name ("NHS trusts", "FT trusts") are left as they are."""
    seen: dict[str, set[str]] = {}
    for m in _INITIALLED_KIND.finditer(text):
        if m.group("kind").split()[-1].lower() in _THING_HEADS:
            continue
        kind = " ".join(m.group("kind").split())
        ws = kind.split()
        for j in range(len(ws)):  # "practice staff" and "staff" both mean "GP practice staff"
            seen.setdefault(" ".join(ws[j:]).lower(), set()).add(f"{m.group('initials')} {kind}")
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}

