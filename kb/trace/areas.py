"""Which documents of a collection are papers of the same area, so that links stay within one.

An auditor follows a plan's commitment through the later papers of its own area: a county's
strategy is not restated, delivered or left silent by another county's budget, however many words
the two share.  A collection may hold several areas' papers (a user's own area beside a neighbour's,
or other bodies' documents kept for comparison), so a link between two documents needs them to be
of one area.

A document's area is the places that the bodies it names are named after, by the naming convention
of English public bodies ("<Place> [and <Place>] <body type>", kb.sources.metadata.area_words):
its author's and its records' owners', and those of the collection's places that its own passages
name often.  A word of such a name that the collection also writes in
lower case ("health", "north", "partnership") is an ordinary word, not a place.  Two documents are
of one area when their places meet.  A document whose bodies name no place (a national body's
guidance, a paper whose owners were not found) is of no known area and may link with any document,
as before: the rule only parts documents that both say where they are, and say different places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kb.model import Commitment, DocumentMeta

_ADDRESS = re.compile(r"\S+[.@/]\w\S*")  # a web or mail address ("www.northshire.gov.uk"): no ordinary words
_WORD = re.compile(r"[A-Za-z][\w-]*")
COMMON_SHARE = 0.1  # a word written in lower case more than this share as often as capitalised is no name
PLACE_MENTIONS = 3  # a place of the collection named this often in a document's passages is where it is,
MAIN_PLACE = 0.25  # ... when named at least this share as often as the document's most named place


def document_areas(records: Iterable[Commitment], metas: dict[str, DocumentMeta]) -> dict[str, frozenset[str]]:
    """Each document's places (lower-cased): those its author and its records' owners are named
    after, and the places so found anywhere in the collection that its own passages name often (a
    budget whose owners are only "the Council" still says "Northshire" on every page)."""
    from kb.sources.metadata import area_words

    records = list(records)
    lower, capital = Counter(), Counter()  # each word's uses in lower case and capitalised
    for c in records:
        for w in _WORD.findall(_ADDRESS.sub(" ", c.text)):
            (lower if w[0].islower() else capital)[w.lower()] += 1
    # a word the collection writes in lower case as a word of its own ("north of the river", "the
    # council") is an ordinary word, not a place; one slip ("non kent pay") does not make it one
    common = {w for w, n in lower.items() if n > COMMON_SHARE * capital[w]}
    bodies: dict[str, set[str]] = {d: {m.organisation} if m.organisation else set() for d, m in metas.items()}
    for c in records:
        bodies.setdefault(c.doc_id, set()).update(c.owners)
    named = {d: {p for name in names for w in area_words(name) if not w.isupper() and (p := w.lower()) not in common}
             for d, names in bodies.items()}
    places = set().union(*named.values()) if named else set()
    mentions: dict[str, Counter] = {d: Counter() for d in named}
    for c in records:
        mentions[c.doc_id].update(w for w in (m.lower() for m in _WORD.findall(c.text)) if w in places)
    out = {}
    for d, counts in mentions.items():
        top = max(counts.values(), default=0)  # a street or a neighbour named in passing is no area
        out[d] = frozenset(named[d] | {p for p, n in counts.items() if n >= max(PLACE_MENTIONS, MAIN_PLACE * top)})
    return out


def same_area(areas: dict[str, frozenset[str]], a: str, b: str) -> bool:
    """Whether documents `a` and `b` may be linked: one of them of no known area, or places shared."""
    x, y = areas.get(a), areas.get(b)
    return not x or not y or bool(x & y)
