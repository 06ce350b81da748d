"""The Whoosh schema: what a search can match, filter, facet and sort on.

The index is derived from the store and rebuilt from it, never the other way round.  Multi-valued
owners and themes are indexed twice: as keywords for matching, and packed into one sortable column
each so facet counts read columns instead of unpickling stored fields.
"""

from __future__ import annotations

import re
from datetime import datetime

from whoosh import fields
from whoosh.analysis import (
    STOP_WORDS,
    DelimitedAttributeFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter2 import stem as porter2_stem

from kb.model import Commitment, DocumentMeta

# Keep "A&E", "U&EC", "24/7" and "o'clock"-like tokens whole; the default tokenizer splits them.
TOKEN_PATTERN = r"[A-Za-z0-9]+(?:[&/'’][A-Za-z0-9]+)*(?:\^[0-9.]+)?"
HEADING_WEIGHT = 0.3  # a heading word counts for this much of a word of the passage itself
_STOP = frozenset(STOP_WORDS) - {"a", "us", "will", "can"}
PACK_SEP = "\x1f"
OPEN_START = datetime(1900, 1, 1)
OPEN_END = datetime(2199, 12, 31)


def text_analyzer():
    # Porter2, not Whoosh's default Porter, which cuts verbs in -ate short of their nouns
    # ("integrated" -> integrat, "integration" -> integr; "planning" -> plann, "plan" -> plan), so a
    # search or a link on one form missed the others.
    # "word^0.3" carries a per-token weight (DelimitedAttributeFilter): headings are indexed in the
    # passage's own field at a fraction of the weight, so ranking walks one field's postings.
    return (RegexTokenizer(TOKEN_PATTERN) | DelimitedAttributeFilter() | LowercaseFilter()
            | StopFilter(stoplist=_STOP, minsize=1) | StemFilter(stemfn=porter2_stem))


def plain_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


def make_schema() -> fields.Schema:
    ana = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True, sortable=True),
        kind=fields.ID(stored=True, sortable=True),
        status=fields.ID(stored=True, sortable=True),
        year=fields.NUMERIC(int, stored=True, sortable=True),
        confidence=fields.NUMERIC(int, stored=True, sortable=True),  # in hundredths (0 to 100)
        doc_date=fields.DATETIME(stored=True, sortable=True),
        due_start=fields.DATETIME(stored=True, sortable=True),
        due_end=fields.DATETIME(stored=True, sortable=True),
        owners=fields.KEYWORD(commas=True, lowercase=True, stored=True, scorable=True),
        owners_packed=fields.ID(stored=True, sortable=True),
        owners_text=fields.TEXT(analyzer=plain_analyzer()),
        themes=fields.KEYWORD(commas=True, lowercase=True, stored=True, scorable=True),
        concepts=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        themes_packed=fields.ID(stored=True, sortable=True),
        text=fields.TEXT(analyzer=ana, stored=True),
        section=fields.TEXT(analyzer=ana, stored=True),
        line=fields.STORED,
        page=fields.STORED,
    )


def _iso_to_dt(value: str | None, default: datetime) -> datetime:
    return datetime.fromisoformat(value) if value else default


def _weighted(text: str, weight: float) -> str:
    return " ".join(f"{w}^{weight}" for w in re.findall(r"[A-Za-z0-9]+(?:[&/'’][A-Za-z0-9]+)*", text))


def to_document(c: Commitment, meta: DocumentMeta | None, concepts: set[str] | None = None) -> dict:
    """The fields of one commitment (or evidence passage) as Whoosh wants them."""
    heading = c.heading
    doc: dict = {
        "id": c.id,
        "doc_id": c.doc_id,
        "kind": c.kind,
        "status": c.status or "",
        # Ranked words: the passage and its nearest heading ("Stroke Pathway" names the topic its bullets
        # leave implicit), in one field so ranking walks one set of postings; the stored text is the
        # passage alone, for display and highlights.
        "text": f"{c.text}\n{_weighted(heading, HEADING_WEIGHT)}" if heading else c.text,
        "_stored_text": c.text,
        "section": c.section or "",
        "owners": ",".join(o.lower() for o in c.owners),
        "owners_packed": PACK_SEP.join(c.owners),
        "owners_text": " ".join(c.owners),
        "themes": ",".join(t.lower() for t in c.themes),
        "themes_packed": PACK_SEP.join(c.themes),
        "concepts": ",".join(sorted(concepts or ())),
        "line": c.line,
        "page": c.page,
        "confidence": round(100 * (c.confidence or 0.0)),
    }
    if meta and meta.date:
        doc["doc_date"] = datetime.fromisoformat(meta.date)
        doc["year"] = int(meta.date[:4])
    if c.due:
        doc["due_start"] = min(_iso_to_dt(d.start, OPEN_START) for d in c.due)
        doc["due_end"] = max(_iso_to_dt(d.end, OPEN_END) for d in c.due)
    if c.kind == "evidence":
        doc["_boost"] = 0.4  # commitments rank above the progress passages kept as evidence
    return doc
