"""Explainable similarity between two passages: shared key terms, theme, owner, target figure.

Terms are the search index's stems (same analyzer), with the thesaurus folding phrasings of one
concept into one token first ("urgent treatment centres" and "UTCs" both become `utc`), weighted
by inverse document frequency so that "thrombolysis" counts for more than "services".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import mul

from kb.index.thesaurus import SYNONYM_GROUPS, fold_dashes, phrase_key, phrase_pattern
from kb.model import Commitment

# Words that carry no topic: shown as evidence they only say that two passages share grammar.
FUNCTION_WORDS = frozenset("our their its his her they them these those this that which who whom whose what where "
                           "how why whether each every can could would should may might must shall "
                           "was were has had been being all any some more most other such than then there here "
                           "into onto over under about after before while also very".split())

# Words every planning document uses about everything: they say nothing about what is linked.
# (The names of a collection's places are found from its documents' authors: `area_terms`.)
GENERIC = frozenset("""
servic care develop improv support patient health work deliv ensur provid need includ new local system across
plan use will also programm approach area key level make help peopl commiss commission provis base continu
opportun requir better mani well way within identifi current increas reduc futur part number place one two
three year month time organis partner partnership board ccg ccgs nhs stp trust
council offer access integr focus prioriti set action propos ongo strategi outcom process model team enabl
further reduct avoid unnecessari greater enhanc role wider ensur achiev aim rang level term larg
signific specif appropri effect effici high qualiti consist
those these there their which what when where while such other more most than into over under about after
befor between through onli like our ours they them its
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
week weeks quarter quarters next
item items outstand step steps section appendix annex attach enclos page tabl figur summari overview introduct background
object objective objectives scope purpos content contents context
dear sincer faith regard
confid desir hope keen few sever first second last later earlier initi final clear realist ambiti critic strong
stronger robust meaning import posit basi view issu matter aspect put hold sit take give keep get seek look
deliverable deliverables
implement implementation update complete confirm address bring brought come comes coming forward around above
nothing usual multiple four five six seven eight nine ten
footprint footprints city county countywide citywide borough boroughwide
consider considered consideration considering
scheme project initi workstream
particular especi notabl exampl instanc
""".split()) | FUNCTION_WORDS  # the discourse markers ("in particular", "especially", "for example") point at a topic, name none;
# the lines before them: when something is due and where a document puts it are no topic ("(Nov 2014)",
# "Open Actions & Next steps" must not anchor a thread; "next", like "year" and "week", says when); the
# parts every specification or plan is written in ("Aims and objectives", "Scope", "Purpose") say where in
# a document a passage stands, not what it is about; a letter's salutation and close ("Dear", "Yours
# sincerely / faithfully", "Kind regards") name no topic; nor do the words that frame a statement
# rather than name its subject: attitude ("we are confident", "a clear desire"), quantity and order
# ("the next few months", "first", "later"), evaluation ("realistic", "critical", "robust"), framing
# nouns ("on that basis", "the issue", "a matter") and light verbs ("put together", "hold", "sit alongside"),
# nor the steps of any plan's cycle ("implement", "update", "complete", "confirm"), verbs of motion and
# taking up ("bring forward", "come", "address"), adverbs of place and manner ("around", "above", "as
# usual") and number words ("five", "multiple"); nor the words for an area of any size ("across the
# footprint", "countywide", "the borough"), which say where, as "area" and "place" do, nor a verb of
# deliberation ("considered", "for consideration"), which says a thing is weighed, not what

_CONCEPT_OF: dict[str, str] = {}
_CONCEPT_LABEL: dict[str, str] = {}  # the token back to the concept's first phrasing, for evidence shown to people
for _group in SYNONYM_GROUPS:
    _canon = "zz" + re.sub(r"\W+", "", _group[0])  # one alphanumeric token per concept
    _CONCEPT_LABEL[_canon] = next((p for p in _group if " " in p), _group[0])  # "uec" reads as its words
    for _phrase in _group:
        _CONCEPT_OF[phrase_key(_phrase)] = f" {_canon} "
# One alternation, longest phrases first, so a passage is folded in a single regex pass.
_CONCEPTS = re.compile(
    r"(?<![\w&])(" + "|".join(phrase_pattern(p) for p in sorted(_CONCEPT_OF, key=len, reverse=True)) + r")(?![\w&])",
    re.I)
@lru_cache(maxsize=1)
def _analyzer():
    from kb.index.schema import text_analyzer

    return text_analyzer()


TOPICAL_BOOST = 1.6


@lru_cache(maxsize=1)
def _topic_pattern() -> re.Pattern:
    from kb.extract.themes import THEMES, at_word_start

    parts = [p for theme, p in THEMES.items()
             if theme not in ("governance and partnership", "engagement", "finance and efficiency", "other")]
    return re.compile("|".join(at_word_start(p) for p in parts), re.I)


def topical_terms(text: str) -> set[str]:
    """Terms that name a policy topic (a theme keyword or a thesaurus concept): what a thread is about."""
    return set(_topical(text))


@lru_cache(maxsize=100_000)
def _topical(text: str) -> frozenset[str]:
    norm = normalise(text)
    found = {t for m in _topic_pattern().finditer(norm) for t in _terms(m.group(0))}
    found.update(t for t in _terms(norm) if t.startswith("zz"))
    return frozenset(found)


@lru_cache(maxsize=1)
def _concept_labels() -> dict[str, str]:
    """Each concept's indexed token (stemmed like any word: "zzrehabilit") to words a reader knows."""
    return {tok.text: label for canon, label in _CONCEPT_LABEL.items() for tok in _analyzer()(canon)}


def term_labels(terms: list[str], text: str = "") -> list[str]:
    """Key terms as evidence for a reader: stems as a word of `text` spells them ("immedi" ->
    "immediate"), and a folded concept token as its words ("zzuec" -> "urgent and emergency care")."""
    surface: dict[str, str] = {}
    for tok in _analyzer()(text, chars=True):
        surface.setdefault(tok.text, text[tok.startchar:tok.endchar].lower())
    labels = _concept_labels()
    return list(dict.fromkeys(labels.get(t) or surface.get(t, t) for t in terms))


def concept_phrases(text: str) -> list[str]:
    """Thesaurus phrases a text uses ("care homes", "walk in centre"), in lower case with single
    spaces (quotation marks set between their words left out: they go into a phrase query)."""
    return list(dict.fromkeys(phrase_key(m.group(1)) for m in _CONCEPTS.finditer(text)))


# English prefixes that make a compound word of their own: "multi-agency" is not about "agency",
# "non-elective" not about "elective" care, an "on-site" visit not about a hospital site.  The compound
# is one term, so a word part never links (and "out-patient", "on-going" meet "outpatient", "ongoing").
# A particle before a phrase ("out-of-area", "up-to-date") stays a word of its own.
_PREFIX_COMPOUND = re.compile(
    r"\b(multi|inter|intra|cross|non|pre|post|co|sub|super|self|anti|semi|on|off|in|out|over|under|up|down)"
    r"-(?=[a-z])(?!(?:of|to|and|the|a)\b)", re.I)


def normalise(text: str) -> str:
    """Thesaurus concepts folded to one token each, prefix compounds joined into one word (a dash
    typeset between two letters read as the hyphen it is)."""
    text = _CONCEPTS.sub(lambda m: _CONCEPT_OF[phrase_key(m.group(1))], fold_dashes(text))
    return _PREFIX_COMPOUND.sub(lambda m: m.group(1), text)


def terms(text: str) -> Counter:
    """Content stems of a passage (concepts folded, generic planning words dropped)."""
    return Counter(_terms(text))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """GENERIC as the analyzer's stems too ("focus" is indexed as `focu`, "key" as `kei`)."""
    return GENERIC | {tok.text for w in GENERIC for tok in _analyzer()(w)}


# English grammar that is made of content words: the complex prepositions ("in line with the
# guidance", "in order to", "in relation to", "on behalf of") and the adverbs of accompaniment
# ("alongside", "together"), which name no topic, though their "line", "order" or "relation" would
# count as a shared term; and two words that say how or what next, not of what, whose stem the
# stemmer gives a topic noun too: the verb "emerge" ("an emerging model", "as new options
# emerge"; emergency care) and the adverb "actively" ("actively promoted"; physical activity).
# So are the idioms whose noun is a clinical or policy topic elsewhere: "at the heart of" (heart
# disease), "in the long term" (long term conditions), "a track record", minutes "signed as a true
# record" (care records), "in due course", "in the light of", and the verb "centre on" ("their work
# centres on schools"; a treatment centre), written in lower case ("the Walk-in Centres on the
# list" are places).
_GRAMMAR = re.compile(
    r"\b(?:in\s+line\s+with|in\s+order\s+(?:to|that)|in\s+relation\s+to|in\s+addition\s+to|in\s+accordance\s+with|"
    r"in\s+respect\s+of|on\s+behalf\s+of|with\s+regards?\s+to|in\s+terms\s+of|as\s+well\s+as|alongside|"
    r"together|actively|emerg(?:e|es|ed|ing|ence|ent)\b|at\s+the\s+(?:very\s+)?heart\s+of|"
    r"(?:in|over)\s+the\s+(?:long|longer)\s+term\b|track\s+record|(?:true|correct|accurate)\s+record\b|"
    r"in\s+due\s+course|in\s+(?:the\s+)?light\s+of|"
    r"(?-i:cent(?:re|res|red|ring|er|ers|ered|ering))\s+(?:on|upon|around)\b)", re.I)


# A noun in -sion or -tion and the verb it is made from, which the stemmer leaves apart ("the
# submission" and "submitted", "prescriptions" and "prescribing", "an extension" and "extended"):
# one term, the verb's; and a noun in -y and its adjective in -ic or -ical ("local history" and
# "historic places", "the economy" and "economic growth"), one term, the adjective's.
_DERIVED = {"submiss": "submit", "admiss": "admit", "permiss": "permit", "transmiss": "transmit",
            "expans": "expand", "extens": "extend", "suspens": "suspend", "decis": "decid", "divis": "divid",
            "conclus": "conclud", "exclus": "exclud", "descript": "describ", "prescript": "prescrib",
            "intervent": "interven", "consumpt": "consum", "assumpt": "assum",
            "histori": "histor", "economi": "econom", "geographi": "geograph"}


@lru_cache(maxsize=200_000)
def _terms(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for tok in _analyzer()(_GRAMMAR.sub(" ", normalise(text))):
        t = tok.text
        if len(t) > 2 and t not in _generic() and t.isalpha():
            out.append(_DERIVED.get(t, t))
    return tuple(out)


@dataclass
class Similarity:
    score: float
    shared: list[str]  # the key terms both passages hold, most telling first
    same_theme: bool
    same_owner: bool
    same_target: bool

    def evidence(self) -> dict:
        """What made the link: the shared key terms (stems; `term_labels` spells them for a reader)."""
        ev: dict = {"terms": list(self.shared)}
        if self.same_theme:
            ev["theme"] = True
        if self.same_owner:
            ev["owner"] = True
        if self.same_target:
            ev["target"] = True
        return ev


class Vectoriser:
    """tf-idf vectors over a fixed collection (document frequencies from the records given)."""

    def __init__(self, texts: list[str], ignore: frozenset[str] = frozenset()):
        """`ignore`: terms of this collection that say nothing about a topic (`area_terms`)."""
        self.ignore = ignore
        df: Counter = Counter()
        for t in texts:
            df.update(set(self.terms(t)))
        self.n = max(len(texts), 1)
        self.df = df

    def terms(self, text: str) -> Counter:
        """The text's content terms (`terms`) less this collection's ignored ones."""
        found = terms(text)
        if self.ignore:
            for t in self.ignore.intersection(found):
                del found[t]
        return found

    def idf(self, term: str) -> float:
        return math.log(1 + self.n / (1 + self.df.get(term, 0)))

    def vector_parts(self, text: str, parts: list[tuple[str, float]]) -> dict[str, float]:
        """The text's vector with each context part's terms added at its weight (a term counted once
        per part), topic-naming terms boosted."""
        v: dict[str, float] = {}
        for t, c in self.terms(text).items():
            v[t] = v.get(t, 0.0) + (1 + math.log(c)) * self.idf(t)
        for part, weight in parts:
            for t in set(self.terms(part)):
                v[t] = v.get(t, 0.0) + weight * self.idf(t)
        topical = topical_terms(text).union(*(topical_terms(p) for p, _ in parts))
        for t in v:
            if t in topical:
                v[t] *= TOPICAL_BOOST
        return v

    def vector(self, text: str, extra: str = "", extra_weight: float = 0.5) -> dict[str, float]:
        v: dict[str, float] = {}
        # with nothing extra, the text itself: a trailing space names no topic (no theme pattern or
        # thesaurus phrase ends in one), and the text's topical terms are then read once, not twice
        topical = topical_terms(f"{text} {extra}" if extra else text)
        for t, c in self.terms(text).items():
            v[t] = v.get(t, 0.0) + (1 + math.log(c)) * self.idf(t)
        for t in self.terms(extra):
            v[t] = v.get(t, 0.0) + extra_weight * self.idf(t)
        for t in v:
            if t in topical:
                v[t] *= TOPICAL_BOOST
        return v


def area_terms(organisations: Iterable[str]) -> frozenset[str]:
    """The index terms of the places the collection's authors are named after (and their bodies'
    acronyms), from the naming convention of public bodies (kb.sources.metadata.area_words): a
    Northshire body's papers say "Northshire" everywhere, about everything."""
    from kb.sources.metadata import area_words

    words = {w for org in organisations if org for w in area_words(org)}
    return frozenset(t for w in words for t in _terms(w))


def cosine(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[str]]:
    """The cosine of two term vectors and their shared terms, most telling first (`cosine_normed`
    with the lengths computed here; none when no term is shared)."""
    if not any(t in b for t in a):
        return 0.0, []
    return cosine_normed(a, norm(a), b, norm(b))


def norm(a: dict[str, float]) -> float:
    """A vector's length, exactly as `cosine` computes it (for `cosine_normed`)."""
    return math.sqrt(sum(x * x for x in a.values()))


def cosine_normed(a: dict[str, float], na: float, b: dict[str, float], nb: float,
                  terms: bool = True) -> tuple[float, list[str]]:
    """`cosine` with the two vectors' lengths given (`norm`, computed once per vector, not once
    per pair), the same figure to the last bit: the same products summed in the same order.
    `terms`: False leaves the shared terms unsorted, when only the figure is wanted."""
    shared = [t for t in a if t in b]
    if not shared:
        return 0.0, []
    dot = sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))
    if terms:
        shared.sort(key=lambda t: -a[t] * b[t])
    return dot / (na * nb) if na and nb else 0.0, shared


SPECIFIC_THEMES_EXCLUDED = {"governance and partnership", "engagement", "finance and efficiency", "other"}


def similarity(seed: Commitment, seed_vec: dict[str, float], cand: Commitment, cand_vec: dict[str, float]) -> Similarity:
    base, shared = cosine(seed_vec, cand_vec)
    same_theme = bool((set(seed.themes) & set(cand.themes)) - SPECIFIC_THEMES_EXCLUDED)
    same_owner = bool(set(seed.owners) & set(cand.owners))
    seed_figs = {t.value for t in seed.targets if t.unit == "percent"}
    same_target = bool(seed_figs & {t.value for t in cand.targets if t.unit == "percent"})
    score = base + 0.08 * same_theme + 0.05 * same_owner + 0.1 * same_target
    return Similarity(round(score, 4), shared[:6], same_theme, same_owner, same_target)
