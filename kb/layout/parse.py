"""Turn source lines into layout blocks: headings with levels, paragraphs, list items, table cells.

The text exports (and the PDF reader, which emits the same conventions) carry structure only in
line shapes, so this module reads those shapes:

- a run of non-blank lines is one paragraph (soft wrap) unless its lines are bullets or table rows;
- a short line with no closing punctuation is a heading; its level comes from its prominence
  (ALL CAPS or a title directly followed by a subtitle = 1, other headings = 2, a bare period
  such as "2016/17" or "Immediate" = 3), which is what scopes heading dates to the items below;
- tab-separated rows form tables; the first row is a header when its cells are short labels;
- ALL-CAPS action words followed by short fragments ("IMPROVE" / "dementia diagnosis") are the
  infographic panels of slide-style documents and are joined into one fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.extract.lexicon import ACTION_VERBS
from kb.layout.markup import is_all_caps, strip_markup, words
from kb.sources.base import SourceLine

_BULLET = re.compile(r"^(\s*)(?:[-–•●▪➤○■]|\(cid:\d+\))(?:\s+|$)")
_NUMBERED = re.compile(r"^\s*(?:-\s+)?(?:\(?\d{1,2}[.)]|\(?[ivx]{1,4}\)|\(?[a-h]\))\s+")
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[A-Z*])")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_DASH_SEPARATOR = re.compile(r"^[\s\-|:]*$")
_CONNECTORS = {"and", "to", "for", "the", "of", "a", "an", "are", "with", "in", "on", "by", "or", "our", "your"}


@dataclass
class RawBlock:
    kind: str  # paragraph | list_item | table | fragment | heading
    lines: list[SourceLine]
    depth: int = 0
    rows: list[list[str]] = field(default_factory=list)  # for tables: raw cells
    blank_before: int = 0
    blank_after: int = 0

    @property
    def first(self) -> SourceLine:
        return self.lines[0]

    @property
    def text(self) -> str:
        return strip_markup(" ".join(sl.text.strip() for sl in self.lines))

    @property
    def raw(self) -> str:
        return " ".join(sl.text.strip() for sl in self.lines)


def _is_table_line(text: str) -> bool:
    return "\t" in text.strip("\n") and bool(text.strip()) or text.lstrip().startswith("|")


def _table_cells(text: str) -> list[str]:
    s = text.rstrip("\n")
    if s.lstrip().startswith("|"):
        s = s.strip()
        return [c.strip() for c in s.strip("|").split("|")]
    return [c.strip() for c in s.split("\t")]


def group_lines(lines: list[SourceLine]) -> list[RawBlock]:
    """Group physical lines into raw blocks (paragraphs joined across soft wraps)."""
    blocks: list[RawBlock] = []
    blank = 0
    current: RawBlock | None = None
    for sl in lines:
        text = sl.text
        if not text.strip():
            blank += 1
            if current is not None:
                current = None
            continue
        stripped = text.strip()
        if _is_table_line(text):
            if _PIPE_SEPARATOR.match(stripped) or _DASH_SEPARATOR.match(stripped.replace("\t", " ")):
                continue
            cells = _table_cells(text)
            if not any(re.search(r"[A-Za-z0-9]", c) for c in cells):
                continue
            if current is not None and current.kind == "table":
                current.rows.append(cells)
                current.lines.append(sl)
            else:
                current = RawBlock("table", [sl], rows=[cells], blank_before=blank)
                blocks.append(current)
            blank = 0
            continue
        if re.fullmatch(r"-\s*(\|\s*)*", stripped):  # "- | | |" debris before pipe tables, lone "-"
            continue
        bullet = _BULLET.match(text)
        if bullet and strip_markup(text[bullet.end():]):
            depth = len(bullet.group(1).replace("\t", " "))
            current = RawBlock("list_item", [SourceLine(text[bullet.end():], sl.line, sl.page)],
                               depth=depth, blank_before=blank)
            blocks.append(current)
            blank = 0
            continue
        if _NUMBERED.match(text) and not _looks_like_heading(strip_markup(_NUMBERED.sub("", text, count=1))):
            current = RawBlock("list_item", [SourceLine(_NUMBERED.sub("", text, count=1), sl.line, sl.page)],
                               depth=0, blank_before=blank)
            blocks.append(current)
            blank = 0
            continue
        if current is not None and current.kind in ("paragraph", "list_item") and blank == 0:
            current.lines.append(sl)  # soft wrap
            continue
        current = RawBlock("paragraph", [sl], blank_before=blank)
        blocks.append(current)
        blank = 0
    for i, b in enumerate(blocks[:-1]):
        b.blank_after = blocks[i + 1].blank_before
    return blocks


def _first_word(text: str) -> str:
    ws = words(text)
    return ws[0] if ws else ""


def starts_with_action(text: str) -> bool:
    return _first_word(text).lower() in ACTION_VERBS


def _looks_like_heading(text: str) -> bool:
    """A short title-like line: no closing punctuation, no sentence verbs, not an imperative."""
    t = text.strip()
    ws = words(t)
    if not ws or len(ws) > 14 or len(t) > 110:
        return False
    if t[-1] in ".,;!" or t.endswith(":"):
        return False
    if re.match(r"^[A-Za-z&,/ ]{1,25}: (?:[a-z]|.*\.$)", t):
        return False  # a labelled line ("P&E: Back office collaboration") is content, not a title
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "*'\"‘“"):
        return False
    lower = " " + t.lower() + " "
    if re.search(r" (will|would|should|must|we|is|are|was|were|has|have|had|don't|can|may) ", lower):
        return bool(_SECTION_NUMBER.match(t)) and len(ws) <= 10 or is_all_caps(t)
    if starts_with_action(t) and len(ws) >= 4 and not is_all_caps(t):
        return False
    return True


def _is_kicker(text: str) -> bool:
    """An infographic panel's ALL-CAPS lead ("IMPROVE", "REDUCE AVOIDABLE", "EXPANDING CANCER SCREENING")."""
    ws = words(text)
    if not ws or len(ws) > 6:
        return False
    lead = ws[0]
    if not lead.isupper() or len(lead) < 3:
        return False
    base = lead.lower()
    return (
        base in ACTION_VERBS
        or base.rstrip("d") in ACTION_VERBS
        or base.endswith("ing") and (base[:-3] in ACTION_VERBS or base[:-3] + "e" in ACTION_VERBS)
        or base.endswith("ment") and base[:-4] in ACTION_VERBS
        or base in {"earlier", "provide", "reduced", "increase", "improve", "ensure"}
    )


def _is_fragment_line(block: RawBlock) -> bool:
    t = block.text
    ws = words(t)
    return block.kind == "paragraph" and 0 < len(ws) <= 16 and not t.endswith(".") and ":" not in t[-2:]


def merge_fragments(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join infographic panels: a kicker line with the short fragments that continue it."""
    out: list[RawBlock] = []
    # The title zone (before the first real paragraph) holds titles, not infographic panels.
    body_start = next((k for k, b in enumerate(blocks) if b.kind != "paragraph" or len(words(b.text)) >= 12),
                      len(blocks))
    out.extend(blocks[:body_start])
    i = body_start
    while i < len(blocks):
        b = blocks[i]
        nxt_lower = (i + 1 < len(blocks) and _is_fragment_line(blocks[i + 1]) and blocks[i + 1].blank_before <= 7
                     and blocks[i + 1].text[:1].islower())
        if b.kind == "paragraph" and _is_fragment_line(b) and (
                _is_kicker(b.text) or _ends_with_connector(b.text) or nxt_lower):
            group = RawBlock("fragment", list(b.lines), blank_before=b.blank_before)
            j = i + 1
            while j < len(blocks) and _is_fragment_line(blocks[j]) and blocks[j].blank_before <= 7:
                nxt = blocks[j].text
                prev = strip_markup(" ".join(sl.text for sl in group.lines))
                continues = (
                    nxt[:1].islower()
                    or nxt[:1] in "–-(&"
                    or _ends_with_connector(prev)
                    or (is_all_caps(prev) and not _is_kicker(nxt) and not is_all_caps(nxt))
                )
                if not continues:
                    break
                group.lines.extend(blocks[j].lines)
                j += 1
            if len(group.lines) > 1 or _is_kicker(b.text):
                group.blank_after = blocks[j - 1].blank_after
                out.append(group)
                i = j
                continue
        out.append(b)
        i += 1
    return out


def _ends_with_connector(text: str) -> bool:
    ws = words(text)
    return bool(ws) and ws[-1].lower() in _CONNECTORS


def classify_headings(blocks: list[RawBlock]) -> None:
    """Mark heading blocks (kind='heading') and set their level (1 most prominent, 3 a bare period)."""
    for b in blocks:
        if b.kind == "paragraph" and len(b.lines) <= 3 and _looks_like_heading(b.text):
            b.kind = "heading"
    for i, b in enumerate(blocks):
        if b.kind != "heading":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        text = b.text
        if _is_period_label(text):
            b.depth = 3
        elif is_all_caps(text) and len(words(text)) >= 1 or b.raw.startswith("**") and b.raw.rstrip().endswith("**"):
            b.depth = 1
        elif nxt is not None and nxt.kind == "heading" and not _is_period_label(nxt.text):
            b.depth = 1
        else:
            b.depth = 2
    # A short label ending in ':' directly followed by a heading is a slide kicker ("Preventative and Proactive:").
    for i, b in enumerate(blocks[:-1]):
        if b.kind == "paragraph" and b.text.endswith(":") and len(words(b.text)) <= 5 and blocks[i + 1].kind == "heading":
            b.kind = "heading"
            b.depth = 1


_PERIOD_LABEL = re.compile(
    r"^(?:(?:19|20)\d{2}\s*[/-]\s*\d{2,4}|Q[1-4]\s*(?:19|20)\d{2}\s*[/-]\s*\d{2,4}|(?:19|20)\d{2}|Immediate(?:ly)?|"
    r"Year\s+\d(?:\s*\([^)]*\))?|Next\s+\d+\s+(?:months|years)|Short[- ]term|Medium[- ]term|Long[- ]term)$",
    re.I,
)


def _is_period_label(text: str) -> bool:
    return bool(_PERIOD_LABEL.match(text.strip()))
