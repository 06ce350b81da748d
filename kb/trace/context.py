"""Structure as context: where a passage stands says what it is about.

A plan rarely repeats its topic in every sentence: "Consultation in spring" sits under "Stroke",
a NEXT STEPS cell sits in the row of its COMMITMENT, a bullet reads only with the sentence that
introduced its list, a paragraph's later sentences with its first.  A record's topic is therefore
its own text plus, with smaller weights, the parts of its structure: the nearest heading (a table
row label is the last part of the heading path), the outer headings, the table row's own
commitment, the list intro, the paragraph's lead sentence and the document title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.model import Commitment, DocumentMeta

# How much each part of the structure counts beside the record's own text (1.0).  A part nearer
# the record says more about it: the nearest heading or row label more than the paper's title.
WEIGHTS = {"heading": 0.8, "outer": 0.4, "row": 0.7, "intro": 0.6, "lead": 0.5, "title": 0.2}
# A workstream's letters: capitals joined by "&" ("P&E", "IM&T"), or two or three capitals beside
# lower-case words ("PC services"; in a heading all in capitals "FOR" and "THE" are words)
_ACRONYM = re.compile(r"\b[A-Z]+&[A-Z]+\b")
_SHORT_ACRONYM = re.compile(r"\b[A-Z]{2,3}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9\"'(‘“])")


@dataclass(frozen=True)
class Structure:
    """The parts of a record's place in its document, each as written ("" when absent)."""

    heading: str = ""  # the nearest heading or table row label
    outer: tuple[str, ...] = ()  # the headings above it, nearest first
    row: str = ""  # the commitment of the table row a cell belongs to
    intro: str = ""  # the sentence that introduced its list
    lead: str = ""  # the first sentence of its paragraph, when the record is a later one
    title: str = ""  # the document's title

    def parts(self) -> list[tuple[str, float]]:
        """(text, weight) for each part present, outer headings fading with distance."""
        path = self.headings()  # the nearest heading that names something counts as the nearest
        k = next((n for n, h in enumerate(path) if _names_something(h)), 0)
        out = [(path[k], WEIGHTS["heading"])] if path else []
        out += [(h, WEIGHTS["outer"] / (1 + n)) for n, h in enumerate(path[k + 1:])]
        out += [(self.row, WEIGHTS["row"]), (self.intro, WEIGHTS["intro"]), (self.lead, WEIGHTS["lead"]),
                (self.title, WEIGHTS["title"])]
        return [(t, w) for t, w in out if t]

    def headings(self) -> list[str]:
        return [h for h in (self.heading, *self.outer) if h]


def _names_something(heading: str) -> bool:
    """Whether a heading counts as the nearest one: it names a topic (a content term, or an acronym:
    "P&E", a workstream's letters), or it is the item's own number or date ("4.3", "2016/17": a
    table row's reference, whose group heading stays the outer one), not a slot of the document's
    template in words only ("Next steps", "Outstanding items" over each workstream's last rows).
    Such a slot says where in the template a passage stands; the heading above it says what the
    passage is about, and takes the weight of the nearest heading."""
    from kb.trace.features import terms

    return bool(not re.search(r"[A-Za-z]", heading) or terms(heading) or _ACRONYM.search(heading)
                or heading.upper() != heading and _SHORT_ACRONYM.search(heading))


# A letter's salutation ("Dear Jim,", "Dear Leaders") and its subject's "Re:": a letter's paragraphs
# sit under them as under a heading, but only the subject names a topic.
_SALUTATION = re.compile(r"^dear\s+[^,:;\n]{1,60}?(?:[,:;]\s*|\s*$)(?:re\s*:\s*)?|^re\s*:\s*", re.I)


def _clean_heading(h: str) -> str:
    """A heading without its numbering, a board paper's "Title:" label, or a letter's salutation."""
    h = _SALUTATION.sub("", h.strip())
    return re.sub(r"^(?:title:\s*|[\d.]+\s+|[A-Z]\)\s+|\d+\)\s+)", "", h, flags=re.I).strip()


def list_intro(c: Commitment) -> str:
    """The sentence introducing the list a record is an item of ("... the CCGs are:"), from its
    source context, or "" when it is not a list item."""
    context = c.context or ""
    at = context.find(c.text[:40]) if c.text else -1
    head = context[:at].strip() if at > 0 else ""
    return head if head.endswith(":") and len(head) <= 400 else ""


def paragraph_lead(c: Commitment) -> str:
    """The first sentence of the paragraph a record was cut from, when the record is not it."""
    context = (c.context or "").strip()
    if not context or context.startswith(c.text[:40]):
        return ""
    first = _SENTENCE_END.split(context, maxsplit=1)[0].strip()
    return first if first and not first.endswith(":") and first[:40] != c.text[:40] and len(first) <= 400 else ""


def structure_of(c: Commitment, meta: DocumentMeta | None = None, parent: Commitment | None = None) -> Structure:
    """Where `c` stands: its heading path, table row, list intro, paragraph lead and document title."""
    path = [_clean_heading(h) for h in (c.section.split(" › ") if c.section else [])]
    path = [h for h in path if h]
    return Structure(
        heading=path[-1] if path else "",
        outer=tuple(reversed(path[:-1])),
        row=parent.text if parent is not None and parent.id != c.id else "",
        intro=list_intro(c),
        lead=paragraph_lead(c),
        title=meta.title if meta else "",
    )
