"""Document metadata inferred from content (title, organisation, date, period, kind).

Inference reads the first page the way a person would: the title is the cover line that names a
kind of document, the organisation the public body named on the cover, in the title or as the
author of "we" (by the naming conventions of English public bodies, never a built-in list), the
date the file name's or a "Published:" line's, the period the years in the title, the kind what
the title says.  `corpus/catalog.toml` overrides any field for a file.
"""

from __future__ import annotations

import collections
import re
import tomllib
from pathlib import Path

from kb.extract.acronyms import initials_match
from kb.layout.markup import is_all_caps, strip_markup
from kb.model import DocumentMeta
from kb.sources.base import SourceError, SourceLine

# A document's kind from its title ("... Tobacco Control Strategy", "Minutes of the meeting of ...");
# the first that matches wins, so the more specific kinds come first.
KINDS = (
    ("minutes", re.compile(r"\bminutes\b", re.I)),
    ("board papers", re.compile(r"\b(?:board|committee|cabinet)\b.*\b(?:agenda|papers|meeting)\b|\bagenda\b", re.I)),
    ("commissioning intentions", re.compile(r"commissioning\s+intentions", re.I)),
    ("STP", re.compile(r"sustainability\s*(?:&|and)\s*transformation", re.I)),
    ("five-year plan", re.compile(r"\b(?:five|5)[- ]year\b", re.I)),
    ("operational plan", re.compile(r"\boperational\s+plan", re.I)),
    ("annual report", re.compile(r"\bannual\s+report\b", re.I)),
    ("strategy", re.compile(r"\bstrateg(?:y|ies)\b", re.I)),
    ("action plan", re.compile(r"\baction\s+plan\b|\bdelivery\s+plan\b|\bpriorities\s+and\s+actions\b", re.I)),
    ("plan", re.compile(r"\bplan\b", re.I)),
)
# Kinds a first page shows even when its title does not say (an agenda's "Time and Date" block).
_PAGE_KINDS = (
    ("minutes", re.compile(r"^minutes of (?:the|a) (?:meeting|\w+ meeting)", re.I | re.M)),
    ("board papers", re.compile(r"^time and date\b|\bpublic business\b|\bdeclarations of interest\b", re.I | re.M)),
    ("commissioning intentions", KINDS[2][1]),
    ("STP", KINDS[3][1]),
)

# The naming conventions of English public bodies: a name in capitals ending in a body's type.
_PLACE_WORD = r"(?:[A-Z][A-Za-z'’.-]*|of|and|&|upon|on|in|the)"
_BODY_TYPE = (
    r"(?:County|City|Borough|District|Metropolitan Borough|Metropolitan District|Town|Parish)?\s*Council|"
    r"Clinical Commissioning Group|CCG|NHS Foundation Trust|NHS Trust|Integrated Care Board|ICB|"
    r"Health (?:and|&) Well-?being Board|Health (?:and|&) Care Partnership|Integrated Care System|ICS|"
    r"Sustainability (?:and|&) Transformation (?:Partnership|Plan)|STP|Combined Authority|Primary Care Network|"
    r"Safeguarding (?:Adults |Children )?(?:Board|Partnership)|Community Safety Partnership|Fire (?:and|&) Rescue Service|"
    r"Police|Partnership|Board"
)
_ORG = re.compile(
    r"(?<![A-Za-z])(?P<name>(?:NHS\s+)?[A-Z][A-Za-z'’.-]*(?:\s+" + _PLACE_WORD + r"){0,6}?\s+(?:" + _BODY_TYPE + r")|"
    # London's and the royal boroughs name the place last: "London Borough of Southwark"
    r"(?:London|Royal) Borough of [A-Z][A-Za-z'’.-]*(?:\s+(?:upon\s+|and\s+|&\s+)?[A-Z][A-Za-z'’.-]*){0,3}|"
    # and so does a local Healthwatch: "Healthwatch Tower Hamlets", "Healthwatch Brent and Healthwatch Westminster"
    r"Healthwatch [A-Z][A-Za-z'’.-]*(?:\s+(?:upon\s+|and\s+|&\s+)?(?:Healthwatch\s+)?[A-Z][A-Za-z'’.-]*){0,3})\b"
)
_TYPE_TAIL = re.compile(r"(?:\s+(?:Board|Partnership|Group|Committee|Trust|Executive))+\b")
_TYPE_ONLY = re.compile(r"(?:NHS\s+)?(?:[A-Z]+\s+)?(?:" + _BODY_TYPE.replace("&", "and") + r")")
# Words that open a sentence or a heading before a body's name, never part of it: determiners,
# prepositions and the conjunctions that open a clause ("As the Council develops ...", "If the Trust
# agrees ..."), and the words of a cover or a minute.
_ORG_LEAD_WORDS = re.compile(r"^(?:The|This|Our|A|An|In|At|By|For|From|With|And|Of|To|On|We|As|If|When|While|"
                             r"Whilst|Where|Once|Since|Although|Unless|Until|Before|After|But|So|Both|Each|All|"
                             r"Welcome|Minutes|"
                             r"(?i:foreword|preface|introduction|summary|executive summary|conclusions?|abbreviations|"
                             r"glossary|background|contents|overview|appendix|recommendations?)(?=\s+[A-Z])|"
                             r"Meeting|Report|Members?|Chair|Agenda)\s+")
_GLUED = re.compile(r"[a-z]{3}(?=[A-Z])")  # a word's end run into the next word's capital ("ContentsNorthshire")
_AUTHOR_CUE = re.compile(r"\b(?:we|our|us|(?:this|the) (?:action )?(?:strategy|plan|document|report)|produced by|published by|"
                         r"prepared by|on behalf of)\b", re.I)
_THE_COUNCIL = re.compile(r"\bthe (?:(?:City|County|Borough|District) )?Council\b(?!['’]s? \w+ (?:Council|Board))")
# A body named as the doer of some other act in a sentence that speaks as "we" ("... the principles
# developed by the Nuffield Council"): a third party, not the author (unlike "produced by", a cue).
_AGENT_OF_ANOTHER_ACT = re.compile(r"\b(?!(?:produced|published|prepared|written)\b)[a-z]+ed by (?:the )?$")
_CUE_AT_END = re.compile(r"\b(?:produced|published|prepared|written)(?: \w+)? (?:by|for)(?: the)?\s*:?$|\bon behalf of(?: the)?\s*:?$",
                         re.I)
_KIND_WORD = re.compile(r"\b(?:strateg(?:y|ies|ic)|plans?|intentions|minutes|papers|reports?|programme|framework|"
                        r"review|agenda|policy|prospectus|refresh|charter|pledge|blueprint|vision|roadmap|"
                        r"guidance|priorities|actions)\b", re.I)
_NOT_TITLE = re.compile(
    # a marking ("DRAFT", "Final version", "Draft for consultation"), not a title that opens with the word
    # ("Draft Revenue Budget 2025-26")
    r"^(?:(?:draft|final)(?=\s*(?:$|[-–:(]|v(?:ersion)?\s*\d|version\b|copy\b|for\s+(?:consultation|approval|"
    r"comment|discussion|decision)\b))|section\s*$|"
    r"date|dated|published|publication|issued|version|v\d|status|official|time and date|place|"
    r"contents|table of contents|page\b|author|owner|approved|review date|document|classification|"
    r"publications? (?:approval|gateway)|gateway|reference|ref\b|"
    r"protective marking|not protectively marked|sensitive|restricted|foreword)\b", re.I)
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_NAME = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_DATE_LINE = re.compile(
    r"(?:^date:\s*|\b)(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r",?\s+((?:19|20)\d{2})", re.I)
# "Published: March 2019", "Date of publication: 4 June 2019", "Issued March 2019", "Version 2.1 – May 2019"
_PUBLISHED = re.compile(
    r"^(?:published|publication date|date of publication|date published|issued|issue date|date of issue|date|"
    r"approved|approved on|date approved|version\s*[\w.]*|last updated|updated)\b\s*(?:on|in)?\s*[:\-–,]?\s*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH_NAME + r",?\s+((?:19|20)\d{2})\b", re.I)
_COVER_DATE = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH_NAME + r",?\s+((?:19|20)\d{2})$", re.I)
_STEM_DATE = re.compile(r"^((?:19|20)\d{2})(?:-(\d{2}))?(?!\d)")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*/\s*(\d{2})(?:\s*[–-]\s*((?:19|20)\d{2})\s*/\s*(\d{2}))?|"
                     r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2})\b")
_LEADING_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}_")  # the publication date a file name starts with
_MARKING_TAIL = re.compile(r"\s+(?:DRAFT|OFFICIAL(?:[- ]SENSITIVE)?|CONFIDENTIAL|NOT PROTECTIVELY MARKED)$")
_TITLE_ZONE = 12  # paragraphs read for a title before the body starts


_LIST_LINE = re.compile(r"^\s*(?:[-•●▪]\s|\(?\d{1,2}[.)]\s|\(?[a-h]\)\s)")
_LIST_MARK = "\x00"  # marks a paragraph that is a list item or a table row (it ends the cover)


def _paragraphs(lines: list[SourceLine], limit: int = 120) -> list[str]:
    """The first paragraphs of a document (lines joined across soft wraps), markup stripped;
    list items and table rows are their own paragraphs, marked with a leading NUL."""
    out: list[str] = []
    current: list[str] = []
    bold_open = False
    for sl in lines[:limit]:
        text = strip_markup(sl.text)
        if not text:
            if current:
                out.append(" ".join(current))
                current = []
            bold_open = False
            continue
        if _LIST_LINE.match(sl.text) or "\t" in sl.text.strip():
            if current:
                out.append(" ".join(current))
            out.append(_LIST_MARK + text)
            current = []
            continue
        if current and not bold_open and not _continues(current[-1], text):
            out.append(" ".join(current))
            current = []
        current.append(text)
        bold_open = bold_open != (sl.text.count("**") % 2 == 1)  # inside a bold title split over lines
    if current:
        out.append(" ".join(current))
    return out


def _continues(prev: str, text: str) -> bool:
    """Does a line continue the one above it (a soft wrap), or start a paragraph of its own?

    Exports that write one paragraph a line put no blank line between a title and its subtitle, so
    a line continues only when the one above is unfinished: it ends with a connecting word, the
    line starts in lower case, or together they name a body
    ("Riverside and Eastmere" / "Clinical Commissioning Group").
    """
    if prev.endswith((".", ":", ";", "!", "?")):
        return False
    if text[:1].islower() or re.search(r"(?:\b(?:and|of|the|for|to|in|on|with|a|an)|&)$", prev, re.I):
        return True
    return _org_name(f"{prev} {text}") is not None and _org_name(prev) is None


def _title_zone(paragraphs: list[str]) -> list[str]:
    """The cover: paragraphs before the first body paragraph (a long sentence, a list, contents)."""
    zone: list[str] = []
    for p in paragraphs[:_TITLE_ZONE]:
        if re.match(r"^minutes of (?:a|the)\b", p, re.I):
            zone.append(p)  # "MINUTES of a meeting of the Cabinet held ... on 30 January 2025." is the title
            break
        if (p.startswith(_LIST_MARK) or len(p) > 160 or (p.endswith(".") and len(p.split()) > 12)
                or re.match(r"^(?:contents|table of contents)\b", p, re.I)):
            break
        zone.append(p)
    return zone


# Words of a body's type or function, which name no place or body on their own.
_GENERIC = set(
    "nhs council county city borough district metropolitan town parish clinical commissioning group ccg "
    "foundation trust integrated care board icb ics health and wellbeing well-being partnership system "
    "sustainability transformation plan stp combined authority primary network safeguarding adults children "
    "community safety fire rescue service police programme executive strategic joint local delivery "
    "steering project oversight management leadership partnerships boards".split())
_ACRONYMS = {"NHS", "CCG", "ICB", "ICS", "STP", "PCN", "NHSE"}
# First words by which a "... Council" or "... Board" is a meeting of a body or a role in it, not a body.
_MEETING_OR_ROLE = frozenset("full leader deputy chair chairman chairwoman member members extraordinary special "
                             "annual meeting cabinet clerk secretary".split())
_SMALL = {"and", "of", "the", "upon", "on", "in"}


def _recase(text: str) -> str:
    """An ALL-CAPS cover line in title case, so the naming conventions apply ("NHS NORTHSHIRE & RIVERTON ...")."""
    if not is_all_caps(text):
        return text
    return " ".join(w if w in _ACRONYMS or not w.isalpha() else w.lower() if w.lower() in _SMALL else w.capitalize()
                    for w in text.split())


def _org_name(text: str) -> str | None:
    """A public body's name in a text, in canonical form ("&" written "and", spaces folded)."""
    text = _recase(text.lstrip(_LIST_MARK))
    m = _ORG.search(text)
    # "Full Council", "Leader of the Council", "Annual Meeting of the X Board": a meeting of a body or
    # a role in it; the body, if named, comes after those words
    while m is not None:
        cut = [w for w in re.finditer(r"[A-Za-z]+", m.group("name")) if w.group(0).lower() in _MEETING_OR_ROLE]
        if not cut:
            break
        m = _ORG.search(text, m.start("name") + cut[-1].end())
    if m is None:
        return None
    name = m.group("name")
    glued = [g.end() for g in _GLUED.finditer(name)]
    if glued:  # "Jane O'BrienNorthshire County Council": two cells or lines a text export ran together
        name = name[glued[-1]:]
    more = _TYPE_TAIL.match(text, m.end())
    if more:
        name += more.group(0)  # "Riverside Partnership" + " Board"
    while True:
        lead = _ORG_LEAD_WORDS.match(name)
        if lead is None:
            break
        name = name[lead.end():]
    name = re.sub(r"\s+", " ", name.replace("&", "and")).strip()
    name = re.sub(r"['’]s$", "", name)
    ws = name.split()
    if len(ws) > 2 and re.fullmatch(r"[A-Z]{2,}", ws[0]) and initials_match(ws[1:], ws[0]):
        name = " ".join(ws[1:])  # a glossary's line, "NCC Northshire County Council": the acronym, then the name
    if len(name.split()) < 2 or _TYPE_ONLY.fullmatch(name) and not name.startswith("Healthwatch ") or not any(
            w[0].isupper() and w.lower() not in _GENERIC for w in re.findall(r"[A-Za-z][\w'’.-]*", name)):
        return None  # a bare type ("The Council", "Partnership Board") names no particular body
    of_type = re.search(r"\bof\s+the\s+(.+)$", name)
    if of_type and _TYPE_ONLY.fullmatch(of_type.group(1)):
        return None  # "Breakdown of the Council", "Chair of the Board": a part or role of a body it does not name
    return name


_BODY_TYPE_END = re.compile(r"\s+(?:NHS\s+)?(?:" + _BODY_TYPE.replace("&", "and") + r")$")
_NAME_JOINERS = frozenset({"and", "of", "upon", "on", "in", "the", "nhs"})


def area_words(organisation: str) -> list[str]:
    """The words that name where a body is, from its name by the naming convention of English public
    bodies ("<Place> [and <Place>] <body type>"), with the acronym such a name is shortened to: for
    "Northshire and Riverton CCG", ["Northshire", "Riverton", "NRCCG"].  They are in every passage
    of that body's papers and say nothing about what a passage is about (kb.trace.features)."""
    name = re.sub(r"\s+", " ", organisation.replace("&", "and")).strip()
    end = _BODY_TYPE_END.search(name)
    if end is None or end.start() == 0:
        return []
    body = end.group(0).split()
    body = [w for w in body if w.lower() not in _NAME_JOINERS]
    places = [w for w in name[:end.start()].split() if w[:1].isupper() and w.lower() not in _NAME_JOINERS]
    if not places:
        return []
    body_short = body[0] if len(body) == 1 and body[0].isupper() else "".join(w[0] for w in body).upper()
    return places + ["".join(w[0] for w in places).upper() + body_short]


def _is_org_only(text: str) -> bool:
    name = _org_name(text)
    return name is not None and len(text.replace("&", "and").split()) <= len(name.split()) + 1


def body_in_properties(author: str) -> str:
    """The body a PDF's document properties name as Author ("Eastmere Borough Council"), or
    "" when they name a person, a login or nothing: the publisher's own label for a document whose
    text never names its author."""
    author = re.sub(r"\s+", " ", author or "").strip()
    return (_org_name(author) or "") if author and _is_org_only(author) else ""


def infer_organisation(paragraphs: list[str], title: str) -> str:
    """The body that wrote the document, from its own text: named on its cover, in its title, or
    as the author of "we" in its opening pages, in the fullest form the document gives it ("Copeland
    Council" on the cover, "Copeland Borough Council" inside).  Empty when the text names none."""
    name = _author_named(paragraphs, title)
    return _fullest(name, paragraphs) if name else name


def _fullest(name: str, paragraphs: list[str]) -> str:
    """The fullest form of a body's name the document writes: the same first and last words with
    more between them ("Copeland Council" -> "Copeland Borough Council"), the most often written."""
    first, last = name.split()[0], name.split()[-1]
    pattern = re.compile(rf"\b{re.escape(first)}(?:\s+[A-Z][\w'’-]*){{1,3}}\s+{re.escape(last)}\b")
    counts: dict[str, int] = {}
    for p in paragraphs:
        for m in pattern.finditer(p):
            fuller = re.sub(r"\s+", " ", m.group(0))
            if _org_name(fuller) == fuller and _adds_type_words(name, fuller):
                counts[fuller] = counts.get(fuller, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else name


def _adds_type_words(name: str, fuller: str) -> bool:
    """Is `fuller` the same body's name with words of its type added ("Copeland Council" ->
    "Copeland Borough Council")?  A name with other words added names another body ("Kent County
    Council" -> "Kent Youth County Council")."""
    short = collections.Counter(w.lower() for w in name.split())
    added = collections.Counter(w.lower() for w in fuller.split()) - short
    return all(w in _GENERIC for w in added)


# A letter's addressee line ("To: Leaders of the councils in Northshire", "For the attention of:"):
# the bodies listed from it on are the letter's recipients, not its author.
_ADDRESSEE = re.compile(r"^(?:to|for the attention of|addressed to)\s*:", re.I)
_SALUTATION = re.compile(r"^dear\b", re.I)


def _without_addressees(zone: list[str], paragraphs: list[str]) -> list[str]:
    """The cover less a letter's addressee list: the "To:" line and what follows it up to the
    salutation ("Dear Leaders"), or without one the bodies named one a line after it (a minister's
    letter to "Ashford Borough Council", "Canterbury City Council", ... is written by neither; a
    PDF may run the list into one line)."""
    out: list[str] = []
    to_salutation = to_last_body = False  # inside an addressee list, and how it ends
    for n, p in enumerate(zone):
        text = p.lstrip(_LIST_MARK)
        if _ADDRESSEE.match(text):
            # the salutation may stand after the cover (a long list of addressees ends it)
            to_salutation = any(_SALUTATION.match(q.lstrip(_LIST_MARK)) for q in paragraphs[n + 1:n + 1 + _TITLE_ZONE])
            to_last_body = not to_salutation
            continue
        if to_salutation and not _SALUTATION.match(text) or to_last_body and _is_org_only(text):
            continue
        to_salutation = to_last_body = False
        out.append(p)
    return out


def _author_named(paragraphs: list[str], title: str) -> str:
    zone = _title_zone(paragraphs)
    rest = paragraphs[len(zone):]
    zone = _without_addressees(zone, paragraphs)
    paragraphs = [*zone, *rest]
    for p in zone:
        if _is_org_only(p):
            return _org_name(p) or ""
    name = _org_name(title)
    if name:
        return name
    for p in zone:
        name = _org_name(p)
        if name:
            return name
    for p, nxt in zip(paragraphs, paragraphs[1:], strict=False):
        # "Report prepared on behalf of" / "London Borough of Southwark": a cue whose body is the next line
        if _CUE_AT_END.search(p.lstrip(_LIST_MARK)) and _is_org_only(nxt):
            return _org_name(nxt) or ""
    counts: dict[str, int] = {}
    cued: list[str] = []
    own_council = False  # the document's own voice calls its body "the Council"
    for p in paragraphs[len(zone):]:
        for sentence in re.split(r"(?<=[.!?])\s+", p):
            name = _org_name(sentence)
            if _AUTHOR_CUE.search(sentence):
                own_council = own_council or bool(_THE_COUNCIL.search(sentence))
                if name and not _AGENT_OF_ANOTHER_ACT.search(sentence[:max(sentence.find(name), 0)]):
                    cued.append(name)
            if name:
                counts[name] = counts.get(name, 0) + 1
    councils = [n for n in counts if n.split()[-1] == "Council" or n.startswith(("London Borough", "Royal Borough"))]
    own_types = _own_council_types(paragraphs)
    if own_types:  # "the City Council" is no county council named in full ("Northshire County Council")
        other_type = {n for n in councils if _council_type(n) and _council_type(n) not in own_types}
        councils = [n for n in councils if n not in other_type]
        cued = [n for n in cued if n not in other_type]
        counts = {n: k for n, k in counts.items() if n not in other_type}
    if own_council and len(councils) == 1 and (not cued or cued[0] not in councils):
        # "our charter ... on behalf of the Council and the city's Green Partnership": the voice is the
        # council's, and the one council the opening pages name in full is it
        return councils[0]
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    # the author of "we", unless another body is named far more often (a partner in "our charter
    # with the Green Partnership" beside a council named on every page)
    if cued and not (best and best[0] != cued[0] and best[1] >= 3 * counts[cued[0]] and best[1] >= 3):
        return cued[0]
    return best[0] if best and best[1] >= 3 else ""


# A council's type in its name ("Northshire County Council", "Easton City Council").
_COUNCIL_TYPE = re.compile(r"\b(City|County|Borough|District|Town|Parish) Council\b")
def _council_type(name: str) -> str:
    m = _COUNCIL_TYPE.search(name)
    return m.group(1) if m else ""


def _own_council_types(paragraphs: list[str]) -> set[str]:
    """The types by which a document calls its own council without its place ("the City Council",
    "emissions from City Council buildings"), less the types of the councils it names in full (whose
    short form "the County Council" may be): a council of another type it names in full
    ("Northshire County Council") is a partner, not its author."""
    bare: set[str] = set()
    named: set[str] = set()  # the types of councils named in full, whose short form a bare type may be
    for p in paragraphs:
        for m in _COUNCIL_TYPE.finditer(p):
            before = p[:m.start()].split()
            last = re.sub(r"^\W+", "", before[-1]) if before else ""  # (a bullet glyph read as a control character)
            if last in ("The", "the") or not last[:1].isupper():  # no place name before the type
                bare.add(m.group(1))
            else:
                named.add(m.group(1))
    return bare - named


# "© Northshire County Council 2024", "Copyright © 2021 Riverside NHS Foundation Trust", "Published
# by the Northshire Partnership": a publisher's line (usually on the back cover) names the author.
_COPYRIGHT = re.compile(
    r"^\s*(?:(?:©|\(c\))\s*|copyright\s+(?:©\s*)?|published\s+by\s+(?:the\s+)?)(?:(?:19|20)\d{2}\s*,?\s*)?"
    r"(?P<name>(?-i:[A-Z])[\w'’&.-]*(?:\s+(?:(?-i:[A-Z])[\w'’&.-]*|and|of|for|the|&)){0,9}?)"
    r"\s*[,.]?\s*(?:(?:\d{1,2}\s+)?(?:" + _MONTH_NAME + r"\s+)?(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2,4})?)?\s*\.?\s*(?:all rights reserved\.?)?\s*$", re.I)
_NOT_AUTHOR = re.compile(r"^(?:crown|the crown|ordnance survey|openstreetmap|queen'?s printer|king'?s printer)\b", re.I)


def copyright_holder(lines: list[SourceLine]) -> str:
    """The body a copyright or "Published by" line names, for a document whose cover names none
    (a national body's guidance often names itself only on its back page); "" when there is none
    or it is the Crown."""
    for sl in lines:
        text = strip_markup(sl.text).strip()
        if not text or len(text) > 120 or not re.match(r"(?i)\s*(?:©|\(c\)|copyright|published by)", text):
            continue
        # the whole line, or the line up to a year after which a PDF ran on the next line's words
        # ("© Northshire ICB 2020 Publication reference: 01234")
        for candidate in (text, *(text[:y.end()] for y in re.finditer(r"\b(?:19|20)\d{2}\b", text))):
            m = _COPYRIGHT.match(candidate)
            if m and not _NOT_AUTHOR.match(m.group("name")) and len(m.group("name").split()) >= 2:
                return re.sub(r"\s+", " ", m.group("name").replace("&", "and")).strip(" .,")
    return ""


_FIELD_LABEL = re.compile(r"^\W*[A-Z][\w /()’'-]{0,40}\s*:(?:\s|$)")
_SUBJECT_LINE = re.compile(r"^\W*(?:Subject|Title|Report title)\s*:\s*(\S.{3,250})$", re.I)


def infer_title(paragraphs: list[str], doc_id: str) -> str:
    """The title: the cover paragraph that names a kind of document ("... Strategy 2019-2024"), else
    the first cover paragraph; never joined with the lines after it (organisation, date, status)."""
    # a committee report's header ("From: ... / To: Cabinet / Subject: X / Classification: ...")
    # names its title in the Subject line
    for i, p in enumerate(paragraphs[:15]):
        m = _SUBJECT_LINE.match(p)
        if m is None:
            continue
        subject = m.group(1).strip()
        # a long subject wraps onto lines of its own (a PDF's field column): they continue it up to
        # the next field's label
        for more in paragraphs[i + 1:i + 4]:
            if more.startswith(_LIST_MARK) or _FIELD_LABEL.match(more) or len(subject) + len(more) > 250:
                break
            subject += " " + more.strip()
        return subject
    zone = [p for p in _title_zone(paragraphs) if len(p) <= 200]
    candidates = [p for p in zone if not _NOT_TITLE.match(p) and not _COVER_DATE.match(p)
                  and not re.fullmatch(r"[\d\W]+", p)]
    candidates = _join_broken_title([_MARKING_TAIL.sub("", p) for p in candidates])
    for n, p in enumerate(candidates):
        if _KIND_WORD.search(p) and not _is_org_only(p):
            # "Carbon Neutral Nottingham" / "2020 - 2028 Action Plan": a cover line that opens with the
            # plan's years goes on from the title line above it
            if n and re.match(r"(?:19|20)\d{2}\b", p) and not _KIND_WORD.search(candidates[n - 1]) \
                    and not _is_org_only(candidates[n - 1]) and len(candidates[n - 1]) <= 60:
                return f"{candidates[n - 1]} {p}"
            return p
    return (candidates or [doc_id])[0]


def _join_broken_title(cover: list[str]) -> list[str]:
    """A cover title set in large capitals breaks after a word or two ("CLIMATE" / "CHANGE" /
    "ACTION" / "PLAN"): such a run of short capitalised lines is one title line."""
    def short_caps(p: str) -> bool:
        return len(p.split()) <= 3 and p.isupper() and not re.search(r"[.:;,]$", p) and not _is_org_only(p)

    out: list[str] = []
    run = False
    for p in cover:
        if out and run and short_caps(p):
            out[-1] = f"{out[-1]} {p}"
            continue
        out.append(p)
        run = short_caps(p)
    return out


def infer_date(paragraphs: list[str], doc_id: str) -> str | None:
    """Publication date: the file name's year-month, else a "Published:" / "Date:" line, else the
    file name's year, else a date alone on the cover, else a full date on the first page."""
    stem = _STEM_DATE.match(doc_id)
    if stem and stem.group(2) and 1 <= int(stem.group(2)) <= 12:
        return f"{stem.group(1)}-{stem.group(2)}-01"
    head = [p.lstrip(_LIST_MARK) for p in paragraphs[:40]]
    for p in head:
        m = _PUBLISHED.match(p)
        if m:
            return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}-01"
    if stem:
        return f"{stem.group(1)}-01-01"
    for p in _title_zone(paragraphs):
        m = _COVER_DATE.match(p)
        if m:
            return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}-01"
    m = _DATE_LINE.search("\n".join(head))
    if m:
        return f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-01"
    return None


def infer_kind(title: str, paragraphs: list[str]) -> str:
    """The document's kind from its title; an agenda or minutes shows itself on the first page."""
    for kind, pattern in KINDS:
        if pattern.search(title):
            if kind == "strategy" and re.search(r"\baction plan\b", title, re.I) and not re.search(
                    r"\bstrategy\b", title.split(":")[0], re.I):
                return "action plan"
            return kind
    first_page = "\n".join(p.lstrip(_LIST_MARK) for p in paragraphs[:40])
    for kind, pattern in _PAGE_KINDS:
        if pattern.search(first_page):
            return kind
    return "other"


HEAD_LINES = 120  # the first lines metadata is read from
WRAPPED_HEAD_LINES = 3 * HEAD_LINES  # as many in a hard-wrapped export, where a paragraph takes a few lines


def head_lines(wrapped: bool) -> int:
    """How many of a document's first lines its metadata is read from: a PDF-to-text tool's
    hard-wrapped output (kb.layout.parse.hard_wrapped) prints a paragraph on three lines or more,
    so as much text as a one-paragraph-a-line export's first lines takes three times the lines."""
    return WRAPPED_HEAD_LINES if wrapped else HEAD_LINES


def infer_meta(doc_id: str, lines: list[SourceLine], limit: int = HEAD_LINES) -> DocumentMeta:
    """Best-effort metadata from the first `limit` lines of a document and its file name."""
    paragraphs = _paragraphs(lines, limit)
    title = infer_title(paragraphs, doc_id)
    meta = DocumentMeta(id=doc_id, title=title)
    meta.kind = infer_kind(title, paragraphs)
    meta.organisation = infer_organisation(paragraphs, title) or copyright_holder(lines)
    meta.date = infer_date(paragraphs, doc_id)
    # the plan's years from its title, else from its file name after the date it starts with
    # ("2025-04_westmarch-icb_delivery-plan-2025-26": 2025/26), as collections name their files
    p = _PERIOD.search(title) or _PERIOD.search(_LEADING_DATE.sub("", doc_id))
    if p:
        meta.period = p.group(0)
        if p.group(1):
            start_year = int(p.group(1))
            end_year = int(p.group(3)) + 1 if p.group(3) else 2000 + int(p.group(2)) if len(p.group(2)) == 2 else int(p.group(2))
            if p.group(3) is None and int(p.group(2)) - start_year % 100 > 1:
                end_year = 2000 + int(p.group(2))
            meta.period_start, meta.period_end = f"{start_year}-04-01", f"{end_year}-03-31"
        else:
            first = int(p.group(5))
            last = int(p.group(6)) if len(p.group(6)) == 4 else first // 100 * 100 + int(p.group(6))
            if 1 <= last - first <= 20:
                # "2019-2024" is "2019-24" written in full: English public bodies plan in financial
                # years, so a five-year strategy 2019-2024 runs April 2019 to March 2024 (read as
                # calendar years it would span six)
                meta.period_start, meta.period_end = f"{first}-04-01", f"{last}-03-31"
    return meta


def load_catalog(path: Path) -> dict[str, dict]:
    """The catalog's entries keyed by document id; {} when there is no catalog."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise SourceError(f"{path}: invalid catalog ({exc})") from None
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def catalog_entry(catalog: dict[str, dict], path: Path, doc_id: str) -> dict | None:
    """A file's entry in its folder's catalog: under its document id, its file name or its stem
    (the first found), so `[plan]` describes plan.txt and plan.pdf alike and `["plan.pdf"]` one."""
    for key in (doc_id, path.name, path.stem):
        if key in catalog:
            return catalog[key]
    return None


def apply_catalog(meta: DocumentMeta, entry: dict | None) -> DocumentMeta:
    for key in ("title", "organisation", "date", "period", "kind", "period_start", "period_end"):
        if entry and key in entry:
            setattr(meta, key, str(entry[key]) if entry[key] is not None else None)
    return meta
