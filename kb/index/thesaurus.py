"""Words people use: a domain thesaurus applied at query time, plus acronyms the documents define.

Policy staff type "talking therapies" and the documents say "IAPT" or "psychological therapies";
they type "A&E" and the text says "emergency department".  Each group below lists interchangeable
phrasings; a query phrase in a group is expanded to the whole group (OR), so any phrasing finds
the others.  Acronyms that a document defines itself ("Primary Care Networks (PCNs)") and the
renamings a document states ("Riverside Connect (formerly the Pathway Service)",
kb.extract.renamings) are learnt at ingest and stored with the index: a renamed programme's two
names are one group, so a search for either finds both.
"""

from __future__ import annotations

import re

SYNONYM_GROUPS: list[tuple[str, ...]] = [
    ("talking therapies", "iapt", "improving access to psychological therapies", "psychological therapies",
     "nhs talking therapies"),
    # Walk-in and urgent care centres are being replaced by urgent treatment centres: one access-point concept.
    ("utc", "urgent treatment centre", "urgent treatment centres", "utcs", "urgent care centre", "urgent care centres",
     "walk in centre", "walk-in centre", "walk in centres", "walk-in centres", "uccs", "ucc"),
    ("care homes", "care home", "nursing homes", "nursing home", "residential homes", "care home placements"),
    # Shared and electronic records: one concept whichever programme name a plan uses that year.
    ("care record", "care records", "patient record", "patient records", "health record", "health records",
     "citizen record", "citizen health record", "electronic citizen record", "electronic citizen health record",
     "ecr", "summary care record", "digital care records", "integrated care record", "icr", "idcr", "idcrs",
     "electronic patient record", "epr", "emergency care record", "urgent care record"),
    ("a&e", "accident and emergency", "emergency department", "ed", "a & e"),
    ("ooh", "out of hospital", "out-of-hospital"),
    ("out of hours", "gpooh", "ooh gp"),
    ("camhs", "child and adolescent mental health", "children and young people's mental health"),
    ("pcn", "pcns", "primary care network", "primary care networks", "primary care home", "primary care homes"),
    ("learning disabilities", "learning disability", "ld", "learning difficulties"),
    ("autism", "asd", "autistic spectrum disorder"),
    ("gp", "gps", "general practice", "general practitioner"),
    ("msk", "musculoskeletal", "musculo-skeletal"),
    ("stp", "sustainability and transformation plan", "sustainability and transformation partnership"),
    # National programmes renamed between plan years (NHS England's own changes, not one area's):
    # accountable care systems became integrated care systems (2018), the 2013 Spending Round's
    # Integration Transformation Fund was launched as the Better Care Fund (with its "improved" grant
    # from 2017), procedures of limited or low clinical value became Evidence-Based Interventions
    # (2019), GP out of hours and NHS 111 are commissioned as Integrated Urgent Care with a clinical
    # assessment service (2017), the primary care home model grew into primary care networks (2019)
    # and delayed transfers of care are counted as long-stay ("stranded") patients from 2018.
    ("ics", "integrated care system", "integrated care systems", "accountable care system",
     "accountable care systems", "accountable care organisation", "accountable care organisations",
     "accountable care organization", "accountable care organizations"),
    ("evidence-based interventions", "evidence based interventions", "procedures of low clinical value",
     "procedures of limited clinical value", "low clinical value", "limited clinical value", "plcv", "polcv",
     "low priority procedures", "low value procedures", "lower value procedures", "low value procedure",
     "lower value procedure"),
    ("continuing healthcare", "continuing health care", "nhs continuing healthcare", "chc"),
    ("better care fund", "bcf", "ibcf", "improved better care fund", "integration transformation fund",
     "integration and transformation fund"),

    ("lwab", "local workforce action board"),
    ("uec", "u&ec", "urgent and emergency care", "urgent & emergency care"),
    ("end of life", "palliative", "eol"),
    ("mental health", "mh"),
    ("delayed transfers of care", "dtoc", "delayed discharges", "stranded patients", "super stranded patients",
     "long stay patients", "long-stay patients"),
    ("cqc", "care quality commission"),
    ("nhse", "nhs england"),
    ("hwb", "health and wellbeing board", "health and well-being board"),
    ("sdec", "same day emergency care"),
    ("thrombectomy", "mechanical thrombectomy"),
    ("rehabilitation", "rehab"),
    # clinical shortenings a later plan writes for the word an earlier one spelt out
    ("postoperative", "post-operative", "post operative", "post-op", "post op"),
    ("preoperative", "pre-operative", "pre operative", "pre-op", "pre op"),
    ("frailty", "frail elderly", "frail older people", "frail"),
    ("social prescribing", "link workers"),
    ("diabetes", "diabetic"),
]

# A dash between two letters is a hyphen as typeset ("musculo–skeletal", "follow–up" in a PDF's
# export): folded to "-" (one character for one, so spans found in the folded text hold in the text).
DASH_IN_WORD = re.compile(r"(?<=[A-Za-z])[\u2010\u2011\u2012\u2013\u2014](?=[A-Za-z])")


def fold_dashes(text: str) -> str:
    return DASH_IN_WORD.sub("-", text)


# Between the words of a phrase a document may set quotation marks ('"lower value" procedures',
# 'the ‘care home’ team') or break the line: either reads as the one space the phrase is written with.
_PHRASE_GAP = "[\"\u201c\u201d\u2018\u2019']*\\s+[\"\u201c\u201d\u2018\u2019']*"  # an apostrophe in a word stays


def phrase_pattern(phrase: str) -> str:
    """A regex source matching `phrase` with quotation marks or line breaks between its words."""
    return _PHRASE_GAP.join(re.escape(w) for w in phrase.split(" "))


_PHRASE_GAP_RE = re.compile(_PHRASE_GAP)


def phrase_key(surface: str) -> str:
    """A phrase as matched by `phrase_pattern`, back to the phrase (lower case, single spaces)."""
    return _PHRASE_GAP_RE.sub(" ", surface.lower())


def learn_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines (kb.extract.acronyms: 'Local Estates Delivery Board (LEDB)', 'LEDB
    (Local Estates Delivery Board)', a glossary line 'LEDB – Local Estates Delivery Board'), in lower
    case: {'ledb': 'local estates delivery board'}."""
    from kb.extract.acronyms import definitions

    return {d.acronym.lower(): d.long_form.lower() for d in definitions(text)}


def concept_key(group: tuple[str, ...]) -> str:
    """A stable id for a synonym group, whatever order its phrasings were gathered in: the
    alphabetically first phrasing, letters and digits only (indexing and querying must agree)."""
    return "c_" + min(re.sub(r"[^a-z0-9]+", "", g.lower()) for g in group)


class Thesaurus:
    def __init__(self, learnt: dict[str, str] | None = None, renamed: list[tuple[str, str]] | None = None):
        """`learnt`: acronyms the documents define, {acronym: long form}; `renamed`: (old, new) names
        the documents state, each pair one group with whatever groups either name is already in."""
        self.groups: dict[str, tuple[str, ...]] = {}
        for group in SYNONYM_GROUPS:
            for phrase in group:
                self.groups[phrase] = group
        # A learnt acronym is matched only as written, in capitals: an acronym is often also an
        # ordinary word ("WAS" a welfare advice service, "was" the verb).
        self._cased: set[str] = {a for a in (learnt or {}) if a not in self.groups}
        for acronym, long_form in sorted((learnt or {}).items()):
            group = tuple(dict.fromkeys(self.groups.get(acronym, (acronym,)) + self.groups.get(long_form, (long_form,))
                                        + (acronym, long_form)))
            for phrase in group:
                self.groups[phrase] = group
        # A renamed name of one word is matched only with its capital ("Beacon", not "a beacon of hope").
        self._capital: set[str] = set()
        for old, new in renamed or []:
            old, new = phrase_key(old), phrase_key(new)  # as a match is looked up: "Parks’ Fund" is "parks fund"
            if old == new:
                continue
            self._capital.update(n for n in (old, new) if " " not in n and n not in self.groups)
            group = tuple(dict.fromkeys(self.groups.get(old, (old,)) + self.groups.get(new, (new,))))
            for phrase in group:
                self.groups[phrase] = group
        self._longest = max((len(p.split()) for p in self.groups), default=1)
        # Concept ids: one token per group, annotated on passages at index time so that a query for
        # any phrasing is one term lookup instead of a phrase query per phrasing.
        # Keyed as a match is looked up (`phrase_key`): a learnt long form may end a word in a
        # quotation mark ("Parents' Forum"), which a match reads as the space between two words.
        self._concept_of = {phrase_key(phrase): concept_key(group) for phrase, group in self.groups.items()}
        alternation = "|".join(phrase_pattern(p) for p in sorted(self.groups, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])", re.I) if self.groups else None

    def _written(self, surface: str) -> bool:
        """Whether a matched phrasing counts as written: a learnt acronym only in capitals, a renamed
        name of one word only with its capital."""
        key = phrase_key(surface)
        return (key not in self._cased or sum(c.isupper() for c in surface) >= 2) and \
            (key not in self._capital or surface[:1].isupper())

    def concepts_in(self, text: str) -> set[str]:
        """Concept ids of every thesaurus phrasing the text uses."""
        if self._pattern is None:
            return set()
        return {self._concept_of[phrase_key(m.group(0))] for m in self._pattern.finditer(fold_dashes(text))
                if self._written(m.group(0))}

    def concept_spans(self, text: str, concepts: set[str]) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        return [m.span() for m in self._pattern.finditer(fold_dashes(text))
                if self._concept_of[phrase_key(m.group(0))] in concepts and self._written(m.group(0))]

    def concept(self, phrase: str) -> str | None:
        return self._concept_of.get(phrase_key(phrase.strip())) if self._written(phrase.strip()) else None

    def expansions(self, phrase: str) -> tuple[str, ...]:
        """The phrasings interchangeable with `phrase` (itself first), or just itself."""
        key = phrase.lower().strip()
        group = self.groups.get(key)
        if not group:
            return (phrase,)
        return (phrase, *[p for p in group if p != key])

    def segment(self, tokens: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        """Greedy longest-match of thesaurus phrases over query tokens: [(surface, expansions)]."""
        out: list[tuple[str, tuple[str, ...]]] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                surface = " ".join(tokens[i:i + n])
                if surface.lower() in self.groups and (n > 1 or len(self.groups[surface.lower()]) > 1) \
                        and self._written(surface):
                    out.append((surface, self.expansions(surface)))
                    i += n
                    break
            else:
                out.append((tokens[i], (tokens[i],)))
                i += 1
        return out
