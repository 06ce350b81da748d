"""Document metadata inferred from content (title, organisation, date, period, kind).

Inference reads the first page the way a person would: the title is the first prominent lines,
the organisation the body named there, the date a "Date:" line or a dated sentence, the period
the years in the title.  `corpus/catalog.toml` overrides any field for a file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from kb.layout.markup import strip_markup
from kb.model import DocumentMeta
from kb.sources.base import SourceError, SourceLine

KINDS = (
    ("commissioning intentions", re.compile(r"commissioning\s+intentions", re.I)),
    ("STP", re.compile(r"sustainability\s*(?:&|and)\s*transformation", re.I)),
    ("board papers", re.compile(r"\b(?:board|committee)\b.*\b(?:minutes|agenda|papers|meeting)\b|"
                                r"\bminutes of the meeting\b|time and date", re.I)),
    ("five-year plan", re.compile(r"five[- ]year|5[- ]year", re.I)),
)
_ORGS = (
    ("Coventry and Rugby CCG", re.compile(r"coventry\s*(?:&|and)\s*rugby\s+(?:clinical commissioning group|ccg)", re.I)),
    ("Coventry and Warwickshire Health and Care Partnership",
     re.compile(r"health and care partnership|health\s*(?:&|and)\s*care plan", re.I)),
    ("Coventry and Warwickshire STP", re.compile(r"sustainability\s*(?:&|and)\s*transformation plan", re.I)),
    ("Coventry Health and Wellbeing Board", re.compile(r"coventry health and well-?being board", re.I)),
)
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_DATE_LINE = re.compile(
    r"(?:^date:\s*|\b)(\d{1,2})(?:st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|"
    r"october|november|december),?\s+((?:19|20)\d{2})", re.I)
_STEM_DATE = re.compile(r"^((?:19|20)\d{2})(?:-(\d{2}))?")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*/\s*(\d{2})(?:\s*[–-]\s*((?:19|20)\d{2})\s*/\s*(\d{2}))?|"
                     r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2})\b")


def infer_meta(doc_id: str, lines: list[SourceLine]) -> DocumentMeta:
    """Best-effort metadata from the first lines of a document and its file name."""
    head = [strip_markup(sl.text) for sl in lines[:120] if sl.text.strip()]
    first_page = "\n".join(head[:40])
    title_lines: list[str] = []
    for text in head[:8]:
        if len(text) > 90 or text.endswith("."):
            break
        if re.match(r"^(date|status|time and date|contents)\b", text, re.I):
            break
        title_lines.append(text)
    title = " ".join(title_lines[:4]) or doc_id
    meta = DocumentMeta(id=doc_id, title=title)
    for kind, pattern in KINDS:
        if pattern.search(first_page):
            meta.kind = kind
            break
    for scope in (title, first_page):
        org = next((o for o, pattern in _ORGS if pattern.search(scope)), None)
        if org:
            meta.organisation = org
            break
    m = _DATE_LINE.search(first_page)
    stem = _STEM_DATE.match(doc_id)
    if m:
        meta.date = f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-01"
    elif stem:
        meta.date = f"{stem.group(1)}-{stem.group(2) or '01'}-01"
    p = _PERIOD.search(title)
    if p:
        meta.period = p.group(0)
        if p.group(1):
            start_year = int(p.group(1))
            end_year = int(p.group(3)) + 1 if p.group(3) else 2000 + int(p.group(2)) if len(p.group(2)) == 2 else int(p.group(2))
            if p.group(3) is None and int(p.group(2)) - start_year % 100 > 1:
                end_year = 2000 + int(p.group(2))
            meta.period_start, meta.period_end = f"{start_year}-04-01", f"{end_year}-03-31"
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


def apply_catalog(meta: DocumentMeta, entry: dict | None) -> DocumentMeta:
    for key in ("title", "organisation", "date", "period", "kind", "period_start", "period_end"):
        if entry and key in entry:
            setattr(meta, key, str(entry[key]) if entry[key] is not None else None)
    return meta
