"""Small text utilities for the markdown-ish / HTML-fragment markup of text exports."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"\*\*|\*(?=\S)|(?<=\S)\*")
_SPACE = re.compile(r"\s+")
# Items inside a table cell: HTML paragraphs and list items, or bullet glyphs.
_CELL_SPLIT = re.compile(r"</p>|<p[^>]*>|<li[^>]*>|</li>|<ul[^>]*>|</ul>|<br\s*/?>|[•●▪➤○■]")
_UL_NONE = re.compile(r'<ul style="list-style-type: none">', re.I)

# Words that start a new item when a `<ul>` holds items with no bullet glyphs between them.
_ITEM_STARTERS = (
    "We|Our|The|This|These|A|An|All|Patients|Patient|Work|Working|Ensure|Ensures|Review|Reviewed|Develop|"
    "Developed|Continue|Continued|Provide|Improve|Improved|Improving|Increase|Increased|Reduce|Reduced|Reduction|"
    "Support|Supported|Implement|Implemented|Implementation|Establish|Established|Commission|Commissioned|"
    "Agree|Agreed|Agreement|Begin|Begun|Raise|Look|Deliver|Delivered|Delivery|Created|Create|Jointly|Undertake|"
    "Undertaken|Completed|Expanded|Used|Engaged|Awarded|Focused|Scheduled|Workshops|Future|Targeted|Waiting|"
    "On-going|Ongoing|Actively|Worked|Local|New|Planned|Measured|Early|Earlier|Mothers|Children|Care|Staff|"
    "Embedding|Embed|Identify|Identified|Keep|Monitor|Contractual|Develop|Evaluate|Promote|"
    "Explore|Explored|Lead|Ensuring|Provided|Secured|Refresh|Refreshed|Carry|Collaborative|Better|Earlier"
)
_UL_ITEM_BOUNDARY = re.compile(rf"(?<=[a-z0-9)%”\"'])\s+(?=(?:{_ITEM_STARTERS})\b)")


def strip_markup(text: str) -> str:
    """Plain text of a line: no HTML tags, no `**bold**` markers, entities decoded, spaces folded."""
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _BOLD.sub("", text)
    return _SPACE.sub(" ", text).strip()


# A paragraph right before a list in the same cell titles that list ("<p>Workforce</p><ul>...").
_LIST_TITLE = re.compile(r"(<p[^>]*>(?:(?!</?p\b).)*</p>)(?=\s*<[uo]l\b)", re.I | re.S)


def labelled_cell_items(cell: str) -> list[tuple[str, str | None]]:
    """A cell's items (`split_cell`), each with the title of the list it belongs to, if any: a cell
    that groups its bullets under short paragraphs ("<p>Making the NHS the best place to work</p>
    <ul>...</ul> <p>Improving leadership culture</p> <ul>...</ul>") has headings inside it, which
    say what the items are about and are not items themselves."""
    pieces = _LIST_TITLE.split(cell)
    if len(pieces) == 1:
        return [(t, None) for t in split_cell(cell)]
    out: list[tuple[str, str | None]] = []
    title: str | None = None
    for n, piece in enumerate(pieces):
        if n % 2:  # a list's title
            title = strip_markup(piece) or None
            continue
        out.extend((t, title) for t in split_cell(piece))
    return out


def split_cell(cell: str) -> list[str]:
    """Split a table cell into its items (paragraphs, list items, bullets), plain text each.

    A `<ul>` whose items were exported without separators ("... key priority We have secured ...")
    is split at capitalised words that typically open an item.
    """
    unbulleted_list = bool(_UL_NONE.search(cell)) and not re.search(r"[•●▪➤]|<li", cell)
    parts = [strip_markup(p) for p in _CELL_SPLIT.split(cell)]
    items = [p for p in parts if p and re.search(r"[A-Za-z0-9]", p)]
    if unbulleted_list:
        split: list[str] = []
        for item in items:
            split.extend(s.strip() for s in _UL_ITEM_BOUNDARY.split(item) if s.strip())
        items = split
    return [part for item in items for part in _inline_bullets(item)]


# A list flattened into one line by a PDF export: "Label - First item - Second item - Third item".
_INLINE_BULLET = re.compile(r"(?:^|\s)-\s+(?=\S)")
_INLINE_BULLETS_MIN = 3  # prose uses a spaced hyphen as a dash once or twice, never three times


def _inline_bullets(item: str) -> list[str]:
    """The items of a cell whose bullets were flattened into one line, each of two words or more (a
    label of a few words before the first bullet, "Libraries - ...", names them and is dropped); the
    cell as it is otherwise."""
    parts = [p.strip() for p in _INLINE_BULLET.split(item)]
    bullets = [p for p in parts[1:] if p]
    if len(_INLINE_BULLET.findall(item)) < _INLINE_BULLETS_MIN or any(len(words(p)) < 2 for p in bullets):
        return [item]
    label = parts[0]
    return ([label] if len(words(label)) > _LABEL_WORDS else []) + bullets


_LABEL_WORDS = 3


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'’&/-]*", text)


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
