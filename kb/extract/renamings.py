"""Renamings a document states itself, by the conventions public documents write them in.

A programme, service or body is renamed between one plan and the next, and the later documents
name only the new name: a thread that follows it must know the two names are one.  Documents say
so in a few conventional shapes, read here (old name, new name):

* the new name, then the old in brackets: "Riverside Connect (formerly the Pathway Service)",
  "(previously known as ...)", "(formerly called ...)";
* the old name, then the new: "the Pathway Service, now known as Riverside Connect", "(now called
  ...)", "the Pathway Service has been renamed Riverside Connect", "was renamed 'Riverside
  Connect'", "the Pathway Service, renamed Riverside Connect in May".

("X replaces Y" is left out: a replacement is often a different thing, not a new name; so is a bare
"(previously Y)", which progress reports write for a revised value: "(previously 12 weeks)".)

A name is bounded conservatively, so that a sentence never teaches a renaming: a quoted phrase, or
a run of 1-8 words in Title Case (minor words such as "and", "of" between them), read up to the
first word in lower case or mark of punctuation; a leading "the", "our" is no part of it.  So
"formerly a nurse" and "the renamed ward" name nothing, a person's name or post ("Dr Jones
(formerly Medical Director)") is no renaming of a programme, nor is a revised date, count or rating
("Amber (formerly Green)"); one unquoted word counts only in capitals ("CCG").  Pure regular
expressions, no parser, so the search path may import it; `NameSpeller` writes a collection's
renamings into passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

MAX_WORDS = 8
MAX_CHARS = 90
MINOR = frozenset({"and", "of", "for", "the", "in", "to", "with", "&", "on", "at", "a", "an", "by"})
# Words that open a noun phrase without being part of the name ("our Riverside Connect").
_LEADING = frozenset({"the", "a", "an", "our", "this", "that", "its", "their", "your", "these", "those", "his", "her"})
_ARTICLES = frozenset({"the", "a", "an"})
# Values a progress report revises, not names: a date, a quarter, a count, a RAG rating ("Due March
# 2019 (formerly December 2018)", "18 Weeks (formerly 12 Weeks)").
_VALUE_WORD = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|"
    r"q[1-4]|h[12]|\d[\d/.\-,%]*(?:st|nd|rd|th|k|m|bn)?|red|amber|green|blue|rag|tbc|tba|n/a|"
    r"(?:week|day|month|year|hour|minute|bed|place|post)s?|per|cent|percent", re.I)
# A person's title before a name, or a post after one: people change posts, programmes are renamed.
_PERSON = frozenset({"dr", "mr", "mrs", "ms", "miss", "cllr", "councillor", "prof", "professor", "sir", "dame",
                     "lord", "lady", "rev", "revd"})
_POST = frozenset({"director", "officer", "chair", "chairman", "chairwoman", "chairperson", "manager", "lead",
                   "head", "nurse", "secretary", "member", "executive", "president", "minister", "deputy",
                   "clerk", "treasurer", "councillor", "mayor", "leader", "consultant", "dean"})

_OPEN_QUOTE = "'\"‘“"
_CLOSE_QUOTE = {"'": "'’", '"': '"”', "‘": "’'", "“": "”\""}
_ACRONYM_BEFORE = re.compile(r"\s*\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*$")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&\-/]*|&")

# The markers; in the `formerly` ones the old name stands after the marker ("X (formerly Y)"), in
# the others before it.  A bare "(previously ...)" is left out: progress reports write it for a
# revised value ("(previously 12 weeks)", "(previously Complete)").
_FORMERLY = r"\(\s*(?:formerly(?:\s+(?:known\s+as|called|named))?|previously\s+(?:known\s+as|called|named))\s+"
_NOW = r"(?:\(\s*|,\s*)now\s+(?:known\s+as|called|named)\s+"
_RENAMED = (r"(?:\s*,\s*|(?:\s+(?:has|have|had|was|were|is|are|will|would|be|been|being|now|recently|since|"
            r"formally|officially|subsequently|just|also|then|later))*\s+)renamed(?:\s+(?:as|to))?\s+")
_MARKER = re.compile(rf"(?P<formerly>{_FORMERLY})|(?P<now>{_NOW})|(?P<renamed>{_RENAMED})", re.I)
# A cheap test first: most texts state no renaming at all.
_ANY = re.compile(r"formerly|previously|now\s+(?:known|called|named)|renamed", re.I)


def renamings(text: str) -> list[tuple[str, str]]:
    """Every renaming the text states, as (old name, new name) in the order written, each once."""
    if not text or not _ANY.search(text):
        return []
    out: list[tuple[str, str]] = []
    for m in _MARKER.finditer(text):
        before = _name_before(text, m.start())
        after = _name_after(text, m.end(), bracketed=text[m.start():m.end()].lstrip(" ,").startswith("("))
        if not before or not after or before.lower() == after.lower():
            continue
        pair = (after, before) if m.group("formerly") else (before, after)
        if pair not in out:
            out.append(pair)
    return out


def _quoted_before(text: str, end: int) -> str | None:
    """A quoted name ending just before `end` ("'Riverside Connect' (formerly ...)")."""
    stripped = text[:end].rstrip(" ")
    if not stripped or stripped[-1] not in "'\"’”":
        return None
    close = stripped[-1]
    for opening in _OPEN_QUOTE:
        if close in _CLOSE_QUOTE[opening]:
            start = stripped.rfind(opening, max(0, len(stripped) - MAX_CHARS - 2), len(stripped) - 1)
            if start >= 0 and (start == 0 or not stripped[start - 1].isalnum()):
                return _bounded(stripped[start + 1:-1])
    return None


def _quoted_after(text: str, start: int) -> str | None:
    """A quoted name opening at `start` ("renamed 'Riverside Connect'")."""
    if start >= len(text) or text[start] not in _OPEN_QUOTE:
        return None
    closes = _CLOSE_QUOTE[text[start]]
    i = start + 1
    while i < len(text) and i - start <= MAX_CHARS + 1 and text[i] != "\n":
        # a closing mark not followed by a letter: an apostrophe inside a word ("Children's") goes on
        if text[i] in closes and not (i + 1 < len(text) and text[i + 1].isalpha()):
            return _bounded(text[start + 1:i])
        i += 1
    return None


def _bounded(name: str) -> str | None:
    """A quoted name, if it is one: 1-8 words opening with a letter or digit, on one line (its
    spaces single)."""
    if "\n" in name:
        return None
    words = name.split()
    name = " ".join(words)
    if not words or len(words) > MAX_WORDS or not name[0].isalnum():
        return None
    return name if any(c.isalpha() for c in name) else None


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word == "&"


def _trimmed(words: list[str], before: bool) -> str | None:
    """The name a run of name and minor words gives: minor words off both ends, a leading "the" off,
    1-8 words with a capitalised one among them (one word only in capitals), no person nor post,
    no date or rating.  A number after a preposition is no part of a name but a date or a count
    ("renamed Riverside Connect in 2021"): the name ends before it (`before`: the name stands
    before its marker, and starts after it).  Within a name an article follows a minor word
    ("Friends of the Earth"); after any other word it opens the name ("In March the Greenfield
    Partnership")."""
    cuts = [i for i in range(1, len(words)) if words[i][0].isdigit() and words[i - 1].lower() in MINOR - _ARTICLES]
    if cuts:
        words = words[cuts[-1] + 1:] if before else words[:cuts[0]]
    cuts = [i for i in range(1, len(words)) if words[i].lower() in _ARTICLES and words[i - 1].lower() not in MINOR]
    if cuts:
        words = words[cuts[-1]:] if before else words[:cuts[0]]
    while words and words[0].lower() in _LEADING | MINOR:
        words = words[1:]
    while words and words[-1].lower() in MINOR:
        words = words[:-1]
    if not words or len(words) > MAX_WORDS or not any(w[0].isupper() for w in words):
        return None
    if words[0].lower().rstrip(".") in _PERSON or words[-1].lower() in _POST:
        return None
    if all(w.lower() in MINOR or _VALUE_WORD.fullmatch(w) for w in words):
        return None
    # one word unquoted: only letters that look like an acronym ("CCG"); a capitalised word alone
    # is as often a status or a heading word ("Ongoing (formerly Delayed)") as a name
    if len(words) == 1 and sum(c.isupper() for c in words[0]) < 2:
        return None
    return " ".join(words)


def _name_before(text: str, end: int) -> str | None:
    """The name written just before a marker: quoted, or the Title Case run ending there (within its
    line or cell, words separated by spaces only).  The name's acronym in brackets between them is
    passed over ("the Riverside Care Agency (RCA) (formerly ...)")."""
    acronym = _ACRONYM_BEFORE.search(text, max(0, end - 20), end)
    if acronym:
        end = acronym.start()
    quoted = _quoted_before(text, end)
    if quoted:
        return quoted
    line_start = max(text.rfind("\n", 0, end), text.rfind("\t", 0, end)) + 1
    segment = text[max(line_start, end - 200):end]
    words: list[str] = []
    pos = len(segment)
    for tok in reversed(list(_TOKEN.finditer(segment))):
        gap = segment[tok.end():pos]
        if gap.strip(" ") or (not gap and pos < len(segment)):
            break  # punctuation between words ends the run
        w = tok.group(0)
        if not (_is_name_word(w) or w.lower() in MINOR | _LEADING):
            break
        words.insert(0, w)
        pos = tok.start()
        if w.lower() in _LEADING - MINOR or len(words) > MAX_WORDS + 4:
            break
    return _trimmed(words, before=True)


def _name_after(text: str, start: int, bracketed: bool) -> str | None:
    """The name written just after a marker: quoted, or the Title Case run opening there.  Inside
    brackets the name must fill them (up to the closing bracket or a comma, semicolon or dash):
    "(formerly the Pathway Service and its partners)" names nothing."""
    quoted = _quoted_after(text, start)
    if quoted:
        return quoted
    segment = text[start:start + 200]
    newline = segment.find("\n")
    segment = segment if newline < 0 else segment[:newline]
    words: list[str] = []
    pos = 0
    for tok in _TOKEN.finditer(segment):
        gap = segment[pos:tok.start()]
        if gap.strip(" ") or (words and not gap):
            break
        w = tok.group(0)
        if not (_is_name_word(w) or w.lower() in MINOR | _LEADING) or (words and w.lower() in _LEADING - MINOR):
            break
        words.append(w)
        pos = tok.end()
        if len(words) > MAX_WORDS + 4:
            return None
    if bracketed and not re.match(r"\s*(?:\)|[,;:]|[–—-]\s)", segment[pos:]):
        return None
    return _trimmed(words, before=False)


def collection_renamings(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The renamings a collection's texts state, each once, in the order read."""
    out: dict[tuple[str, str], None] = {}
    for text in texts:
        for pair in renamings(text):
            out.setdefault(pair, None)
    return list(out)


def older_names(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Each new name (in lower case) with the names it replaced, nearest first, as first written: a
    programme renamed twice has both its earlier names.  Names compare without regard to case."""
    written: dict[str, str] = {}
    before: dict[str, list[str]] = {}
    for old, new in pairs:
        written.setdefault(old.lower(), old)
        written.setdefault(new.lower(), new)
        if old.lower() not in before.setdefault(new.lower(), []):
            before[new.lower()].append(old.lower())
    out: dict[str, tuple[str, ...]] = {}
    for new in before:
        seen: dict[str, None] = {}
        todo = list(before[new])
        while todo:
            name = todo.pop(0)
            if name != new and name not in seen:
                seen[name] = None
                todo.extend(before.get(name, ()))
        if seen:
            out[new] = tuple(written[n] for n in seen)
    return out


class NameSpeller:
    """Writes the names a programme had before beside the name a passage gives it ("Riverside
    Connect will open" -> "Riverside Connect (Pathway Service) will open"), so that passages naming
    it before and after its renaming share words, as kb.extract.acronyms.spell_out does for the
    acronyms of one document.  Only the newer name carries the older: the old name is often the
    frame of a whole earlier document (its title over every passage), and the new name's words
    written into all of them would make every passage of it look alike; one shared name is enough to
    link.  One precompiled alternation of the new names: a passage that names none costs one regex
    search.  A name of several words matches in any case (a heading in capitals), one word only as
    written."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        pairs = list(pairs)
        self._older = older_names(pairs)
        several = sorted((n for n in self._older if " " in n), key=len, reverse=True)
        single = sorted({new for _, new in pairs if " " not in new}, key=len, reverse=True)
        parts = ([f"(?i:{'|'.join(re.escape(n) for n in several)})"] if several else []) + \
            [re.escape(n) for n in single]
        self._pattern = re.compile(rf"(?<![\w&])(?:{'|'.join(parts)})(?![\w&])") if parts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def spell(self, text: str, redundant: Callable[[str, str], bool] | None = None) -> str:
        """The text with each new name it writes followed, after its first mention, by the names
        it replaced that the text does not write, in brackets.  `redundant(text, name)`: whether a
        name would add nothing (its words already the text's terms); such a name is left out."""
        if self._pattern is None or not text:
            return text
        first: dict[str, int] = {}  # a new name -> where its first mention ends
        for m in self._pattern.finditer(text):
            first.setdefault(m.group(0).lower(), m.end())
        if not first:
            return text
        lowered = text.lower()
        added: set[str] = set()
        inserts: list[tuple[int, list[str]]] = []
        for name, end in first.items():
            older = [n for n in self._older[name] if n.lower() not in lowered and n.lower() not in added
                     and not (redundant and redundant(text, n))]
            added.update(n.lower() for n in older)
            if older:
                inserts.append((end, older))
        for end, older in sorted(inserts, reverse=True):
            text = f"{text[:end]} ({'; '.join(older)}){text[end:]}"
        return text
