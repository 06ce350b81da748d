"""Small text utilities for the markdown-ish / HTML-fragment markup of text exports."""

from __future__ import annotations

import html
import re
from itertools import pairwise

from kb.extract.lexicon import is_action_form, past_stems

_TAG = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"\*\*|\*(?=\S)|(?<=\S)\*")
_SPACE = re.compile(r"\s+")
# Items inside a table cell: HTML paragraphs and list items, or bullet glyphs.
_CELL_SPLIT = re.compile(r"</p>|<p[^>]*>|<li[^>]*>|</li>|<ul[^>]*>|</ul>|<br\s*/?>|[•●▪➤○■]")
_UL_NONE = re.compile(r'<ul style="list-style-type: none">', re.I)

# Where a `<ul>` exported without bullets runs its items together ("... for older patients Extended
# evening clinic hours ..."), a new item starts at a capitalised word that opens a clause, after
# a word that can end one.  A clause opens with a determiner or pronoun ("The", "We", "There"), an
# action verb, noun or participle in any form ("Review", "Expanded", "Reduction"), a past participle
# ("Scheduled"), or a subject with its auxiliary ("Patients will", "Services can").  A clause does not
# end with a function word ("... moved into Planned Care"), and a capitalised word after a capitalised
# one continues a name ("Riverside Day Hospital Review"), unless it is an action verb's past
# form with its object ("... Hospice Trust Recruited a nurse").
_CLAUSE_OPENERS = frozenset("we our the this these those a an all there it each every some many more further they".split())
_AUXILIARIES = frozenset("will can could should must may might are is have has were was would need needs".split())
_NO_CLAUSE_END = frozenset("in of to and the for with at by from on a an or & as into than its their our which that who "
                           "is are be".split())
_RUN_TOKEN = re.compile(r"\S+")


def _item_starts(text: str) -> list[int]:
    """Where the run-together items of a bullet-less `<ul>` begin (see _CLAUSE_OPENERS above)."""
    tokens = list(_RUN_TOKEN.finditer(text))
    starts = [0]
    for n in range(1, len(tokens)):
        before, word = tokens[n - 1].group(), re.sub(r"\W+$", "", tokens[n].group())
        after = tokens[n + 1].group() if n + 1 < len(tokens) else ""
        if not word[:1].isupper() or word.isupper() or before.endswith(",") \
                or not re.search(r"[a-z0-9)%”\"']$", before) or before.lower() in _NO_CLAUSE_END:
            continue
        past_action = word.lower().endswith("ed") and is_action_form(word) and after[:1].islower()
        if not re.match(r"[a-z0-9(]", before) and not past_action:
            continue  # inside a name
        if word.lower() in _CLAUSE_OPENERS or is_action_form(word) or past_stems(word) \
                or after.lower() in _AUXILIARIES:
            starts.append(tokens[n].start())
    return starts


def _run_together_items(text: str) -> list[str]:
    starts = [*_item_starts(text), len(text)]
    return [text[a:b].strip() for a, b in pairwise(starts) if text[a:b].strip()]


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
    is split where a capitalised word opens a clause (`_item_starts`).
    """
    unbulleted_list = bool(_UL_NONE.search(cell)) and not re.search(r"[•●▪➤]|<li", cell)
    parts = [strip_markup(p) for p in _CELL_SPLIT.split(cell)]
    items = [p for p in parts if p and re.search(r"[A-Za-z0-9]", p)]
    if unbulleted_list:
        split: list[str] = []
        for item in items:
            split.extend(_run_together_items(item))
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
