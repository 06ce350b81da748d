"""Whether a later passage speaks of a commitment itself, not only of its setting.

A status is read from one passage, so that passage must be about the commitment's own action and
object.  A passage that shares only the name of a body or place with it ("the Ashcombe General site", "NHS
England", a programme's name) or a side word is about something else, however recent and however
clearly it reports: "the Premises Group gave an update" delivers nothing of a vision statement
that mentions the STP.

Names are found by the conventions of English public documents, not from a list of one area:

* an acronym of three or more capitals that is no thesaurus concept ("UHCW", "RCPCH") names a body;
* a run of capitalised words ending with a word for a body or a programme ("NHS England", "Estates
  Group", "Transforming Care Partnership", "Sustainability and Transformation Plan") is a name, and
  so is a thesaurus concept one of whose phrasings is such a name ("STP").

The seed's core is the rest of its own wording with the policy topic its heading names (its
heading's words when its own are all names or process words, "Get it started"),
weighted by rarity, the words of what it is for ("... so that people wait less") weighing less.  A passage speaks of the seed when its own text (with its table row and list
lead-in) holds a fair share of that core, or names every policy topic the seed's own words name
("cancer" for "treat cancer services as a separate wave of pathway review"), or is close in
meaning to the seed's own sentence (static embeddings of the two texts alone, not of
their shared headings, which would make every passage under one heading close).  One core term
held alone is no share when it is no object of its own (`side_terms`): the seed's verb ("Close
the shelter" and "we will close the consultation"), or one word of a name it writes in capitals
("Night Shelter Closures" and "the night bus").  A passage close in meaning that shares one core
term with the seed must be close without it too (`rest_meaning`): a short text's embedding leans on
its rarest word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from kb.trace.features import TOPICAL_BOOST, _terms, normalise, terms, topical_terms

# Words that end the name of a body or a programme by the naming conventions of public bodies.
BODY_WORDS = frozenset("england trust trusts council councils board boards group groups partnership partnerships "
                       "authority authorities committee committees forum forums programme programmes plan plans "
                       "executive alliance collaborative commission agency agencies foundation institute "
                       "directorate hospitals network networks".split())
_ACRONYM = re.compile(r"(?<![\w&])[A-Z]{3,}s?\b")  # "RVHT", not "E&T" (an abbreviated topic)
# A capitalised run: words with a capital (or a short joiner between two of them), then a body word.
_CAP_RUN = re.compile(r"\b(?:[A-Z][\w&'’-]*\s+(?:(?:and|of|for|&|the)\s+)?)+[A-Z][a-z]+\b")

# Light verbs and process words: they say that something is done, not what ("Get it started
# and check progress monthly", "Start phase two"); a seed made only of them
# takes its core from its heading.
PROCESS_WORDS = ("put begin began start started check checked make made take taken get keep give progress regular "
                 "regularly phase phases stage stages step steps "
                 # (implementing, updating and completing name no term at all: kb.trace.features.GENERIC)
                 # to embed a practice is to implement it: "Embedding specialist employment support"
                 "embed embedding embedded "
                 # the marks of a commitment, not its object: "we intend to", "the ambition is"
                 "intention intentions intend intends aim aims ambition ambitions commitment commitments "
                 "build building meet meets meeting meetings daily weekly monthly quarterly annually required "
                 # steps of any plan's cycle, which name no object of their own: "Monitor and update each quarter"
                 "evaluate evaluation revise revision review reviews monitor monitoring refine necessary "
                 # finding what is needed is the first step of any plan, naming no object of its own:
                 # "identification and development of the IT requirement"
                 "identify identifies identified identifying identification "
                 # function words the planning stop list leaves, and the quantifiers and the adjective of
                 # manner that say how many, how much or how plainly, not of what ("multiple projects", "our
                 # entire service portfolio", "clear support")
                 "who whom whose would could should both least far sure each every any what "
                 # auxiliaries, quantifiers and adverbs of time or degree the stop list leaves: "have now
                 # been", "all", "some", "still", "already", "very", "whilst", "wherever possible"
                 "all some has had have was were been being now then still already just even very much "
                 "often soon since until upon whilst while wherever however also "
                 "several various numerous entire whole clear "
                 # particles of phrasal verbs and the prefix of a hyphened compound, no object: "roll out",
                 # "carry out", "set out" (and the "out" of "out-patient", which the analyser splits off)
                 "out off")


@lru_cache(maxsize=1)
def _process() -> frozenset[str]:
    return frozenset(terms(PROCESS_WORDS))

# A passage holding this share of the seed's core (by rarity) speaks of it; or one this close in
# meaning to the seed's own sentence.  Set from the language of the rule, not fitted: half the core
# (its object, or its action and object) and a cosine well above that of two unrelated plan
# sentences (0.1-0.3 with these embeddings).
CORE_SHARE = 0.34
CLOSE_MEANING = 0.6
# Naming the seed's policy topic speaks of it only with a meaning above that of unrelated sentences.
TOPIC_MEANING = 0.3
# A long seed names several things: a passage holding this many of its core terms speaks of it
# whatever their share ("cut avoidable differences in waiting times ... adopt shared
# referral criteria" and "to adopt shared criteria and cut waiting-time differences").
CORE_HELD = 3


@lru_cache(maxsize=1)
def _concept_names() -> frozenset[str]:
    """Thesaurus concepts whose phrasings include a body's or programme's name ("stp":
    "sustainability and transformation partnership"), as their folded terms."""
    from kb.index.thesaurus import SYNONYM_GROUPS

    out: set[str] = set()
    for group in SYNONYM_GROUPS:
        if any(" " in p and p.split()[-1] in BODY_WORDS for p in group):
            out.update(terms(group[0]))
    return frozenset(out)


@lru_cache(maxsize=20_000)
def name_terms(text: str) -> frozenset[str]:
    """The terms of the names of bodies, places and programmes a text writes (see the module)."""
    found: set[str] = set()
    for m in _ACRONYM.finditer(text):
        t = terms(m.group(0))
        if t and not any(x.startswith("zz") for x in t):  # a thesaurus concept is a topic, not a name
            found.update(t)
    for m in _CAP_RUN.finditer(text):
        run = m.group(0)
        if run.split()[-1].lower() in BODY_WORDS and len(run.split()) > 1:
            found.update(terms(run))
    found.update(t for t in terms(text) if t in _concept_names())
    return frozenset(found)


@dataclass(frozen=True)
class About:
    """How a passage speaks of the seed: the share of the seed's core it holds, the core terms it
    holds, and the closeness in meaning of the two own texts (None when not computed)."""

    share: float
    held: tuple[str, ...]
    meaning: float | None = None
    topic: bool = False  # it names every policy topic the seed's own words name ("cancer services")
    # the core is the seed's heading's, its own words naming nothing (`heading_only`): a passage
    # speaks of it only by naming that heading's subject, every term of it (or CORE_HELD of a long one)
    whole: bool = False
    # the one core term it holds is no object of its own (`side_terms`: the seed's verb, one word of
    # a name): it shares a side word with the seed
    side: bool = False

    @property
    def speaks(self) -> bool:
        """By its words: a fair share of the core, or several of its terms; or by its meaning:
        close to the seed's sentence, or naming the seed's topic and not unrelated to it (a theme
        word the seed uses in passing, "staff", "procedures", is not enough by itself)."""
        if self.whole:
            return self.share >= 1.0 - 1e-9 or len(self.held) >= CORE_HELD
        if not self.side and (self.share >= CORE_SHARE or len(self.held) >= CORE_HELD):
            return True
        return self.meaning is not None and (
            self.meaning >= CLOSE_MEANING or (self.topic and self.meaning >= TOPIC_MEANING))

    def evidence(self) -> dict:
        out: dict = {"share": round(self.share, 3), "held": list(self.held)}
        if self.topic:
            out["topic"] = True
        if self.whole:
            out["whole"] = True
        if self.side:
            out["side"] = True
        if self.meaning is not None:
            out["meaning"] = round(self.meaning, 3)
        return out


# Where a commitment goes on from what it will do to what that is for or will lead to ("..., so that
# people wait less", "... in order to cut costs", "... with a knock-on effect on quality", "...,
# resulting in fewer admissions"): the words after say why, and weigh less in what it is about.
_PURPOSE_TAIL = re.compile(r"\b(?:in order to|so that|so as to|resulting in|leading to|thereby|which will in turn|"
                           r"with\W+(?:a\s+|the\s+|an\s+)?(?:[\w-]+\W+){0,3}?(?:effect|impact)\W+(?:on|upon)\b)", re.I)
PURPOSE_WEIGHT = 0.5


def _purpose_terms(text: str) -> frozenset[str]:
    """The terms only the purpose or consequence part of a seed holds (`_PURPOSE_TAIL`)."""
    m = _PURPOSE_TAIL.search(text)
    if m is None or m.start() == 0:
        return frozenset()
    return frozenset(terms(text[m.start():])) - frozenset(terms(text[:m.start()]))


# A parenthesis of two or more words in a seed is an aside: examples or a gloss ("navigating people
# (patients and carers) to the right service", "improve outcomes (for example falls and strokes)"),
# not what the seed does.  A one-word parenthesis is an acronym or a label ("(IAPT)", "(Dec 2016)").
_ASIDE = re.compile(r"\(([^()]*\s[^()]*)\)")


def _aside_terms(text: str) -> frozenset[str]:
    """The terms only a seed's parenthetical asides hold (`_ASIDE`)."""
    inner = " ".join(m.group(1) for m in _ASIDE.finditer(text))
    if not inner:
        return frozenset()
    return frozenset(terms(inner)) - frozenset(terms(_ASIDE.sub(" ", text)))


def seed_core(text: str, heading: str, idf: Callable[[str], float], ignore: Iterable[str] = (),
              row: str = "") -> dict[str, float]:
    """The seed's own action and object as weighted terms (by rarity): its wording less names,
    process words (and `ignore`, a collection's place words), with the policy topic its heading names
    ("Wider use of befriending" under "Loneliness").  A seed whose own words are all
    names or process words ("Get it started", a NEXT STEPS cell) takes the words of its
    table row (`row`: the row's commitment); one that only names a body and what it does ("Design
    Authority (meets as required)") is about that body; else it takes its heading's words."""
    ignored = set(ignore) | _process()
    names = name_terms(text) | name_terms(heading) | name_terms(row) | ignored
    own = [t for t in terms(text) if t not in names]
    boost = TOPICAL_BOOST  # the topic the heading names is what the seed is an item of
    if not own:
        own = [t for t in terms(row) if t not in names]
        boost = 1.0  # the row says what the cell is about more closely than the table's heading
    if not own:  # a seed about a body itself ("Harbour Transport Board (meets monthly)"): its name is its object
        own = [t for t in terms(text) if t not in ignored]
    topic_of_heading = [t for t in topical_terms(heading) if t not in names] if own else \
        [t for t in terms(heading) if t not in names]
    purpose = _purpose_terms(text) | _aside_terms(text)  # why it is done, or an aside: weighs less
    return {t: idf(t) * (1.0 if t in own else boost) * (PURPOSE_WEIGHT if t in purpose else 1.0)
            for t in dict.fromkeys([*own, *topic_of_heading])}


def heading_only(text: str, heading: str, ignore: Iterable[str] = (), row: str = "") -> bool:
    """Whether a seed's own words name nothing but process words ("Assess and amend as needed"), and
    it has no table row that names its object, so its core is its heading's words (`seed_core`).
    Such a seed is a step of whatever its heading names: a later passage speaks of it only when it
    names that subject, not when it shares one word of it ("Formal consultations" is not every
    passage that mentions a consultation)."""
    ignored = set(ignore) | _process()
    names = name_terms(text) | name_terms(heading) | name_terms(row) | ignored
    return all(t in ignored for t in terms(text)) and all(t in names for t in terms(row))


# Function words: a capitalised word next to one is still inside a name ("Friends of the Earth"), and
# the words after which a word followed by a determiner is a verb ("to close the ...", "will fund a ...").
_JOINERS = frozenset("of and & for the to in on".split())
_VERB_BEFORE = frozenset("to will shall must should would can could may might we they you "
                         "has have had is are was were been being".split())
_DETERMINER = frozenset("the a an this that these those our their its all each every any some".split())
_WORD = re.compile(r"[A-Za-z][\w'’&]*|[^\w\s-]")  # a hyphen joins two words of one phrase


def _verb_places(words: list[str]) -> list[int]:
    """Where a word is a verb: before a determiner, opening the text (or after a label, "Roads:
    Resurface the ...") or after "to", a modal, an auxiliary or a subject pronoun ("we will fund the",
    "they run a", "has shared its")."""
    return [n for n, w in enumerate(words[:-1]) if w[0].isalpha() and words[n + 1].lower() in _DETERMINER
            and (n == 0 or n == 2 and words[1] == ":" or words[n - 1].lower() in _VERB_BEFORE)]


@lru_cache(maxsize=50_000)
def verb_terms(text: str) -> frozenset[str]:
    """The terms a text writes as verbs (`_verb_places`): "we will run a pilot" writes "run" as one."""
    words = _WORD.findall(normalise(text))
    return frozenset(t for n in _verb_places(words) for t in _terms(words[n]))


@lru_cache(maxsize=20_000)
def _side_terms(text: str, core: tuple[str, ...]) -> frozenset[str]:
    words = _WORD.findall(normalise(text))
    held = set(core)

    def term(w: str) -> str | None:
        found = [t for t in _terms(w) if t in held]
        return found[-1] if found else None

    side = {t for n in _verb_places(words) if (t := term(words[n]))}
    # a name written in capitals, each of its words capitalised ("Night Shelter Closure Review"), not
    # an acronym or a thesaurus concept (which name a party or a topic of their own)
    unit: list[str] = []
    for n, w in enumerate([*words, "."]):
        titled = w[0].isupper() and not w.isupper() and not w.startswith("zz")
        if titled or w.lower() in _JOINERS and unit and n + 1 < len(words) and words[n + 1][0].isupper():
            if titled and (t := term(w)):
                unit.append(t)
            continue
        if len(set(unit)) >= 2:
            side.update(unit)
        unit = []
    return frozenset(side)


def side_terms(text: str, core: Iterable[str]) -> frozenset[str]:
    """The seed's core terms that are no object of their own: its verb ("Close the depot", "to
    fund the scheme"), and each word of a name it writes in capitals, of two or more core terms
    ("Night Shelter Closures"), which is one thing and is not named by one of its words.  A passage
    that holds only such terms shares a side word with the seed ("we will close the session",
    "the night bus"), not its object."""
    return _side_terms(text, tuple(sorted(core)))


def about(core: dict[str, float], passage: str, meaning: float | None = None, seed_topics: Iterable[str] = (),
          whole: bool = False, side: Iterable[str] | None = None) -> About:
    """How much of the seed's core `passage` (its own words, with its row and lead-in) holds, and
    whether it names all of `seed_topics` (the policy topics the seed's own words name, `topics_of`).
    `side`: the core terms that are no object of their own (`side_terms`); a passage holding one
    of them and no other core term does not speak of the seed by its words, nor does one holding
    one core term only as a verb of its own ("we will run a workshop" for "reduce running costs"):
    the seed's noun is not the passage's act.  None: neither test (the words alone).
    `whole`: the core is the seed's heading's (`heading_only`), to be named whole; the closeness in
    meaning of a seed made of process words says nothing of its object, so it does not count."""
    total = sum(core.values())
    if not total:
        return About(0.0, (), meaning)
    have = _term_set(passage)
    held = tuple(sorted((t for t in core if t in have), key=lambda t: -core[t]))
    topics = set(seed_topics)
    side_only = side is not None and len(held) == 1 and len(core) > 1 \
        and (held[0] in set(side) or held[0] in verb_terms(passage))
    return About(sum(core[t] for t in held) / total, held, None if whole else meaning,
                 bool(topics) and topics <= have, whole, side_only)


@lru_cache(maxsize=50_000)
def _term_set(text: str) -> frozenset[str]:
    """The terms of a passage (`terms`), as a set: a passage is read against many seeds."""
    return frozenset(_terms(text))


def topics_of(text: str) -> frozenset[str]:
    """The policy topics (a theme's keyword, a thesaurus concept) a seed's own words name, less names."""
    return frozenset(topical_terms(text) - name_terms(text))


@lru_cache(maxsize=50_000)
def _own_vector(text: str):
    """A text's own embedding (its words alone), or None when the semantic model is not installed."""
    try:
        from kb.semantic import SemanticUnavailable, embed_query
    except ImportError:
        return None
    try:
        return embed_query(text)
    except (SemanticUnavailable, OSError, ValueError):
        return None


def own_meaning(a: str, b: str) -> float | None:
    """Cosine of the two texts' own embeddings, None without the model."""
    va, vb = _own_vector(a), _own_vector(b)
    if va is None or vb is None:
        return None
    return float(va @ vb)


def without_term(text: str, term: str) -> str:
    """The text less the words (or the thesaurus phrase) that give `term`."""
    from kb.trace.features import _CONCEPT_OF, _CONCEPTS

    text = _CONCEPTS.sub(lambda m: " " if term in _terms(_CONCEPT_OF[m.group(1).lower()]) else m.group(0), text)
    return re.sub(r"[A-Za-z][\w'’&-]*", lambda m: " " if term in _terms(m.group(0)) else m.group(0), text)


def rest_meaning(a: str, b: str, term: str) -> float | None:
    """Cosine of the two texts' own embeddings without the one core term they share: a static
    embedding of a short text leans on its rarest word, so two texts sharing it look close whatever
    else they say ("Open a reptile house at the zoo" and "The zoo's reptile licence lapsed")."""
    return own_meaning(without_term(a, term), without_term(b, term))
