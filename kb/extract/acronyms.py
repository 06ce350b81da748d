"""Acronyms a document defines itself, by the conventions public documents write them in.

* the long form, then the acronym in brackets: "Local Estates Delivery Board (LEDB)",
  "the Widget Oversight Board ('the WOB')";
* the acronym, then its long form in brackets: "CAMHS (Child and Adolescent Mental Health
  Services)";
* a glossary or list of abbreviations, one a line or a table row: "ICS – Integrated Care System",
  "PCN: Primary Care Network", "JSNA<tab>Joint Strategic Needs Assessment".

A definition counts only when the acronym's letters are the initials of its long form (minor words
such as "and" and "of" may or may not count, a leading "NHS" may be left out, a plural "s" is
allowed), so a bracketed aside or a glossary's prose never teaches a wrong expansion.  Used by the
owner finder (acronyms of parties) and the search thesaurus (acronyms of anything); pure regular
expressions, no parser, so the search path may import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

MINOR = frozenset({"and", "of", "for", "the", "in", "to", "with", "&", "on", "at"})

_ACRONYM = r"[A-Za-z][A-Za-z&]{1,9}"
# "... Board (LWAB)", "... Board ('the WOB')"
_AFTER_LONG = re.compile(rf"\(\s*['‘\"“]?(?:the\s+)?({_ACRONYM})['’\"”]?\s*\)")
# "CAMHS (Child and Adolescent ...)"
_BEFORE_LONG = re.compile(rf"(?<![\w&])({_ACRONYM})\s*\(\s*(?:the\s+)?([A-Za-z][^()\n\t]{{2,120}})\)")
# a glossary line: "ICS – Integrated Care System", "PCN: Primary Care Network", "JSNA<tab>..."
_GLOSSARY = re.compile(
    rf"^[ \t]*(?:[-•*][ \t]+)?({_ACRONYM})(?:[ \t]*\t[ \t]*|[ \t]+[–—-][ \t]+|[ \t]*[:=][ \t]+)([A-Za-z][^\t\n]{{2,200}})$",
    re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&\-]*|&")


@dataclass(frozen=True)
class Definition:
    acronym: str  # as written ("PCNs")
    long_form: str  # its words as written ("Primary Care Networks")
    start: int  # where the acronym stands in the text


def is_acronym(word: str) -> bool:
    """Two capitals at least, letters only (with '&'): "LWAB", "PCNs", "eRS"."""
    return sum(c.isupper() for c in word) >= 2 and bool(re.fullmatch(_ACRONYM, word))


def initials_match(words: Sequence[str], acronym: str) -> bool:
    """Whether the acronym's letters are the initials of these words (each part of a hyphenated or
    slashed word counts), with or without the minor words, without a leading "NHS" or with its letters ("Riverside NHS
    Foundation Trust (RFT)"), or only the capitalised ones ("Living With and Beyond Cancer (LWBC)")."""
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    pieces: list[str] = []
    for w in words:
        pieces.extend(p for p in re.split(r"[-/]", w) if p)
    full = "".join(p[0].lower() for p in pieces if p[0].isalnum())
    content = "".join(p[0].lower() for p in pieces if p.lower() not in MINOR and p[0].isalnum())
    no_nhs = "".join(p[0].lower() for p in pieces if p.lower() not in MINOR | {"nhs"} and p[0].isalnum())
    cased = "".join(p[0].lower() for p in pieces if p[0].isupper())
    # a leading "NHS" spelt out in the letters ("NHS Blood and Plasma (NHSBP)")
    nhs = "nhs" + content[1:] if pieces and pieces[0] == "NHS" else ""
    forms = tuple(f for f in (full, content, no_nhs, cased, nhs) if f)
    return letters in forms or (letters.endswith("s") and letters[:-1] in forms)


def _shortest(words: list[str], acronym: str, from_end: bool) -> str | None:
    """The fewest last words of `words` (`from_end`: a long form written before its acronym, "... by
    the Local Housing Partnership (LHP)") or first words (written after it, "Integrated Care System,
    the partnership of ...") whose initials are the acronym's; a minor word never opens or closes it."""
    for n in range(1, len(words) + 1):
        cand = words[-n:] if from_end else words[:n]
        if (cand[0] if from_end else cand[-1]).lower() in MINOR:
            continue
        if initials_match(cand, acronym):
            return " ".join(cand)
    return None


def definitions(text: str) -> list[Definition]:
    """Every acronym the text defines, in the order written (a later definition of the same letters
    is reported too: the caller decides which wins)."""
    return sorted(_definitions(text or ""), key=lambda d: d.start)


def _definitions(text: str) -> Iterator[Definition]:
    for m in _AFTER_LONG.finditer(text):
        acr = m.group(1)
        if not is_acronym(acr):
            continue
        # the cell or line it is written in: a tab or '>' looked for on its line only (from the text's
        # start, a rare mark is a scan of the whole text at every match: minutes on a 50 MB file)
        newline = text.rfind("\n", 0, m.start())
        line_start = max(newline, text.rfind("\t", newline + 1, m.start()), text.rfind(">", newline + 1, m.start())) + 1
        long_form = _shortest(_WORD.findall(text[line_start:m.start()])[-12:], acr, from_end=True)
        if long_form:
            yield Definition(acr, long_form, m.start(1))
    for pattern in (_BEFORE_LONG, _GLOSSARY):
        for m in pattern.finditer(text):
            acr = m.group(1)
            if not is_acronym(acr):
                continue
            long_form = _shortest(_WORD.findall(m.group(2))[:12], acr, from_end=False)
            if long_form:
                yield Definition(acr, long_form, m.start(1))


def document_definitions(texts: Iterable[str]) -> dict[str, str]:
    """The acronyms one document defines (its block texts, in reading order), each with the long form
    of its first definition: {"E&T": "Education & Training"}.  Kept per document, because the
    same letters name different things in different areas."""
    out: dict[str, str] = {}
    for text in texts:
        for d in definitions(text):
            out.setdefault(d.acronym, d.long_form)
    return out


_SHOUTING = 0.6  # a text mostly in capitals ("WE CAN DO MORE") has words that only look like acronyms


def spell_out(text: str, defined: dict[str, str]) -> str:
    """The text with each acronym its document defines spelt out after its first use ("E&T: a review
    of budgets" -> "E&T (Education & Training): a review of budgets"), so a passage that writes only
    the letters shares the words of one that writes the name.  An acronym whose long form the text
    already writes is left alone; so is a text mostly in capitals."""
    if not defined or not text:
        return text
    used = {w for w in _WORD.findall(text) if w in defined}
    if not used:
        return text
    letters = sum(c.isalpha() for c in text)
    if letters and sum(c.isupper() for c in text) > _SHOUTING * letters:
        return text
    lowered = text.lower()
    for acronym in sorted(used, key=len, reverse=True):
        long_form = defined[acronym]
        if long_form.lower() in lowered:
            continue
        text = re.sub(rf"(?<![\w&]){re.escape(acronym)}(?![\w&])", f"{acronym} ({long_form})", text, count=1)
    return text


def _long_form_key(words: Iterable[str]) -> str:
    """A long form's words lowercased, a final plural "s" dropped: "Eye Clinic Liaison Officers" and
    "eye clinic liaison officer" are one name."""
    lowered = [w.lower() for w in words]
    if lowered and len(lowered[-1]) > 3 and lowered[-1].endswith("s"):
        lowered[-1] = lowered[-1][:-1]
    return " ".join(lowered)


class LongFormNamer:
    """Names the acronym beside a long form written without it, for the acronyms a collection's
    documents define: one plan writes "eye clinic liaison officers (ECLOs)" once and "ECLOs" after,
    another only "eye clinic liaison officers", and both are then about the ECLOs.  `spell_out`
    is the other direction, within the document that defines the letters; this one reaches across
    documents because a long form, unlike two or three letters, names one thing wherever it is
    written."""

    def __init__(self, defined: Iterable[tuple[str, str]]):
        self._acronym: dict[str, str] = {}
        for acronym, long_form in defined:
            words = _WORD.findall(long_form)
            if len(words) >= 2:
                self._acronym.setdefault(_long_form_key(words), acronym)
        alternatives = sorted(self._acronym, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w&-])(" + "|".join(r"[\s\-]+".join(map(re.escape, k.split())) + r"s?" for k in alternatives)
            + r")(?![\w&])", re.I) if alternatives else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def name(self, text: str) -> str:
        """The text with each long form it writes followed by its acronym in brackets, unless the
        text writes the acronym already."""
        if self._pattern is None or not text:
            return text
        present = set(_WORD.findall(text))
        named: set[str] = set()

        def add(m: re.Match) -> str:
            acronym = self._acronym.get(_long_form_key(_WORD.findall(m.group(1))))
            if acronym is None or acronym in named or acronym in present or f"{acronym}s" in present:
                return m.group(0)
            named.add(acronym)
            return f"{m.group(0)} ({acronym})"

        return self._pattern.sub(add, text)
