"""Targets: the measurable figures a commitment names, with their unit and subject."""

from __future__ import annotations

import re

from kb.model import Target

_FIGURE = re.compile(
    r"(?P<money>£\s?\d[\d,.]*\s?(?:bn|billion|m|million|k)?)"
    r"|(?P<percent>\d+(?:\.\d+)?\s?%)"
    # a count, not the end of a year span or a quarter ("2016/17 baseline", "Q4 2018/19")
    r"|(?<![/\w.,£\-–])(?P<count>\d{1,3}(?:,\d{3})+\b|\d+(?:\.\d+)?\b)(?=\s+(?P<noun>[a-zA-Z][a-zA-Z-]+))",
)
_YEARISH = re.compile(r"^(?:19|20)\d{2}$")
_COUNT_NOUNS_SKIP = {"am", "pm", "th", "st", "nd", "rd", "of", "and", "to", "per", "week", "weeks", "days",
                     "day", "months", "month", "years", "year", "hours", "minutes", "x",
                     # a day of a month is a date ("by 28 November", "from 1 April"), no count of anything
                     "january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"}
# Words a number follows as a label's ordinal ("Scope 1 emissions", "Phase 2 sites", "Year 7 places",
# "Scope 1 and 2 emissions"): which one, not how many.
_ORDINAL_LABEL = re.compile(r"\b(?:scope|phase|tier|year|option|stage|priority|wave|band|level|step|recommendation|"
                            r"appendix|annex|section|policy|table|figure|page|item|action|objective|theme|"
                            r"outcome|goal|ambition|workstream|paragraph|chapter|part|regulation|no|number)\.?\s*"
                            r"(?:\d+\s*(?:,|and|or|&|to)\s*)*$", re.I)
# Words no count is of (with those above): a number before them is a label's, a date's or a sentence's ("2 Our Vision",
# "(1 is ...)", "4 The providers are unable ...").
_NOT_COUNTED = _COUNT_NOUNS_SKIP | frozenset("the a an by in or is are was were will would for all across has have "
                                             "had our their its this that these those at on with from as if it "
                                             "we".split())
# A paragraph's number at the head of its text ("3.8 Any proposals ...", "2.1 The Board ..."): its place in
# the document, no figure it names.
_PARAGRAPH_NUMBER = re.compile(r"^\s*\(?\d+\.\d+(?:\.\d+)*\)?\s+[A-Z]")


def targets_for(text: str) -> list[Target]:
    """Percentages, sums of money and counts of things ("30%", "£6.3m", "fourteen" is not covered)."""
    out: list[Target] = []
    for m in _FIGURE.finditer(text):
        if m.group("money"):
            out.append(Target(m.group("money").replace(" ", ""), "money", _subject(text, m.start(), m.end())))
        elif m.group("percent"):
            out.append(Target(m.group("percent").replace(" ", ""), "percent", _subject(text, m.start(), m.end())))
        else:
            value, noun = m.group("count"), m.group("noun") or ""
            if _YEARISH.match(value) or noun.lower().rstrip("-") in _NOT_COUNTED:
                continue
            if _ORDINAL_LABEL.search(text[max(0, m.start() - 20):m.start()]):
                continue
            if not text[:m.start()].strip(" (") and _PARAGRAPH_NUMBER.match(text):
                continue
            out.append(Target(value, "count", noun))
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\S")
# Words that end what a figure measures: the date, baseline or consequence that follows it.
_BOUNDARY = frozenset("""by from to within over across during against since when which we putting compared
including until before after per each at on so and or but if than while""".split())
_SKIP_LEAD = frozenset({"of", "more", "fewer", "less"})  # "85% of those eligible", "40% fewer adults"
_CHANGE_VERB = re.compile(
    r"\b(?:reduc\w*|increas\w*|cut\w*|rais\w*|improv\w*|grow\w*|decreas\w*|lower\w*|halv\w*|doubl\w*|"
    r"shift\w*|sav\w*|fall\w*|fell|rise|rising|rose|moved?)\b", re.I)


def _phrase(words: list[str]) -> str:
    while words and words[-1].lower() in _BOUNDARY | {"the", "a", "an", "of", "in", "for"}:
        words = words[:-1]
    return " ".join(words[:6])


def _subject(text: str, start: int, end: int) -> str:
    """What a figure measures: the words after it ("85% of those eligible", "a 20% reduction in people
    with learning disabilities"), or, when a date or baseline follows at once ("reduce face to face
    outpatients by 30% by 2023"), the object of the verb before it."""
    after: list[str] = []
    for w in _WORD.findall(text[end:end + 80]):
        if not w[0].isalpha() or (w.lower() in _BOUNDARY and after) or len(after) == 8:
            break
        if w.lower() in _BOUNDARY:
            after = []
            break
        if after or w.lower() not in _SKIP_LEAD:
            after.append(w.strip("'"))
    if after:
        return _phrase(after)
    before = text[max(0, start - 120):start]
    before = before[max((m.end() for m in re.finditer(r"\d%?", before)), default=0):]  # not past another figure
    verbs = list(_CHANGE_VERB.finditer(before))
    if not verbs:
        return ""
    words = [w.strip("'") for w in _WORD.findall(before[verbs[-1].end():]) if w[0].isalpha()]
    if words and words[-1].lower() in ("by", "to", "from", "at"):
        words = words[:-1]
    return _phrase(words[-6:])
