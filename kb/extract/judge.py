"""What a unit's analysed clause does: pledge, act, decide, forecast, describe the past.

kb.extract.clause says what the grammar is (a modal future with subject "more people"); this module
says what that means for a planning document, from conventions of the language rather than word
lists of one corpus:

* a **forecast** is a future whose subject is a quantity ("more people", "the number of ...",
  "over 4,000 more children", "demand") or whose verb is an intransitive change ("will rise",
  "will double") of something that is not a party, or a projection ("it is projected that ...");
* a **consequence** is a future whose subject is "this", "that", "it", "which": "this will mean ...";
* a **value statement** is a copular future with no action ("we will be ambitious");
* a future word only inside a subordinate or relative clause, or a negated future, commits nothing,
  except a party's pledge to refrain from an act ("We will not close the library": `refrains`);
* a **pledge** is any other modal or semi-modal future; an **action** an imperative, infinitive,
  gerund or nominal deliverable; a **decision** a resolution or agreement taken; past and present
  perfect descriptions are **past** (kept as evidence); present progressive work is **ongoing**.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kb.extract import forms as F
from kb.extract.clause import Clause, clauses_of, first_word
from kb.extract.dates import find_dates
from kb.extract.lexicon import ACTION_VERBS, DECISION_VERBS, PARTY_HEADS, is_action_verb
from kb.extract.nlp import parse

# Nouns that name a measure rather than a party: a future about them forecasts.
_MEASURE_NOUNS = frozenset({"number", "numbers", "proportion", "percentage", "rate", "share", "level", "demand",
                            "cost", "costs", "prevalence", "population", "gap", "figure", "total", "incidence",
                            "expectancy", "deficit", "shortfall", "pressure", "pressures", "growth", "spend",
                            "activity", "need", "needs", "risk", "likelihood", "amount", "volume", "size"})
# Intransitive verbs of change: "X will rise" forecasts unless X is a party acting.
_CHANGE_VERBS = frozenset({"increase", "rise", "grow", "double", "treble", "triple", "fall", "decline", "drop",
                           "reach", "exceed", "widen", "worsen", "narrow", "decrease", "shrink", "change", "peak",
                           "continue", "remain", "age", "outstrip", "get",
                           # a thing coming into being of itself: "new roles will emerge", "problems will arise"
                           "emerge", "arise", "occur", "happen"})
# Verbs of a place or service coming into use, which only what a plan provides does: "two cafés will open".
_OPENING_VERBS = frozenset({"open", "reopen", "launch", "relaunch"})
# Heads of a projection: "it is projected / predicted / estimated / forecast that ...", "is likely to".
_PROJECTION_HEADS = frozenset({"project", "predict", "estimate", "forecast", "anticipate", "expect", "likely",
                               "unlikely", "probable", "possible", "set"})
# Subjects that refer back to something said before ("this", "which"), not to a party.
REFERENCE_BACK = frozenset({"this", "that", "these", "those", "it", "which"})
_CONSEQUENCE_SUBJECTS = REFERENCE_BACK | {"both", "all", "doing"}
# Verbs by which a reference back lists what the work it refers to comprises ("This will include ...").
_PARTS_VERBS = frozenset({"include"})
_COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})
_AIM_NOUNS = frozenset({"aim", "ambition", "priority", "commitment", "intention", "focus", "objective", "goal",
                        "plan", "purpose", "expectation"})
# States a service or scheme is brought to ("will be available / operational / in place"): a
# copular future with one of them promises a deliverable, unlike "will be ambitious".
_DELIVERED_STATES = frozenset({"available", "operational", "open", "live", "accessible", "ready", "complete",
                               "functional", "established"})
# States that give a party work: "will be responsible / accountable for ...".
_CHARGED_STATES = frozenset({"responsible", "accountable"})
_ONGOING_ADJECTIVES = frozenset({"underway", "ongoing", "progressing", "live", "active"})
# Stages a thing is "in" or "under" while it is being made: "The strategy is in development",
# "the new contract is under negotiation".
_MAKING_STAGES = frozenset({"development", "preparation", "draft", "drafting", "construction", "procurement",
                            "negotiation", "consultation", "design"})


def _in_the_making(root: Any) -> bool:
    """A present "be" that puts its subject in a stage of being made: work under way on it."""
    return root.lemma_.lower() == "be" and root.tag_ in ("VBZ", "VBP") and any(
        p.dep_ == "prep" and p.lower_ in ("in", "under") and any(
            o.dep_ == "pobj" and o.lemma_.lower() in _MAKING_STAGES for o in p.children) for p in root.children)
_FIRST_PERSON = frozenset({"we", "us", "our", "i"})
_PARTY_ENTS = frozenset({"ORG", "PERSON", "GPE", "NORP"})


@dataclass
class Judgement:
    """The clause of a unit and what it does (see the module docstring)."""

    clause: Clause
    pledge: bool = False
    action: bool = False
    headline: bool = False  # "RFT open and staff ...": a named party with a present-tense action
    decision: bool = False
    past: bool = False
    ongoing: bool = False
    describes: bool = False
    first_person: bool = False
    flags: set[str] = field(default_factory=set)  # forecast, consequence, value, negated, subordinate

    @property
    def not_a_commitment(self) -> bool:
        return bool(self.flags & {"forecast", "consequence", "value", "negated"})


def _is_quantity(t: Any) -> bool:
    """A noun phrase that counts or measures: a number on it, "more/fewer ...", or a measure noun."""
    if t.lower_ in _MEASURE_NOUNS or t.lemma_.lower() in _MEASURE_NOUNS:
        return True
    for c in t.children:
        # "4,000 children", not "Phase two" (after) nor "the first pilot" (an ordinal)
        if (c.dep_ == "nummod" or c.like_num and c.tag_ == "CD") and c.i < t.i and not _paragraph_number(c):
            return True
        if c.dep_ in ("amod", "det", "advmod", "quantmod") and (c.tag_ in ("JJR", "RBR")
                                                                or c.lower_ in ("more", "fewer", "less")):
            return True
    return False


# Passives that put a thing on the plan: what "is planned / scheduled / programmed" is still to come.
_PLANNED_PASSIVES = frozenset({"plan", "schedule", "programme", "program", "timetable", "earmark"})


_DATE_PREPOSITIONS = frozenset({"in", "by", "on", "at", "before", "from", "for", "during", "until"})


def _due_on_a_date(c: Clause) -> bool:
    """A thing said to be due, or expected, at a date ("The first report is due in November 2023", "A
    decision is expected by June 2024"): a scheduled milestone, though its verb is a present "is"."""
    root = c.head
    if root is None:
        return False
    due = next((ch for ch in root.children if ch.dep_ == "acomp" and ch.lower_ == "due"), None)
    expected = c.voice == "passive" and root.lemma_.lower() in ("expect", "anticipate") \
        and not any(ch.dep_ in ("xcomp", "ccomp") for ch in root.children)
    if due is None and not expected:
        return False
    heads = [root] + ([due] if due is not None else [])
    return any(p.dep_ in ("prep", "agent") and p.lower_ in _DATE_PREPOSITIONS
               and find_dates(" ".join(t.text for t in p.subtree), None)
               for h in heads for p in h.children)


def _paragraph_number(c: Any) -> bool:
    """A report's paragraph number opening the sentence ("3.4 Awareness training will ..."), which the
    parser hangs on the subject as if it counted it."""
    return c.i == c.sent.start and bool(re.fullmatch(r"\d+(?:\.\d+)+\.?|\d+\.", c.text))


def _is_party(t: Any) -> bool:
    return t.lower_ in _FIRST_PERSON or t.pos_ == "PROPN" or t.ent_type_ in _PARTY_ENTS or (
        t.text.isupper() and len(t.text) >= 2)


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # "PCNs", "ICSs": bodies named by their initials, several of them


def is_party_phrase(t: Any) -> bool:
    """A subject that can act: a name, "we", or a noun naming a body or an office-holder ("the
    council", "officers", "the directorate")."""
    return _is_party(t) or t.lemma_.lower() in PARTY_HEADS or t.lower_ in PARTY_HEADS


# Verbs whose progressive reports a state, not work under way: "the council was awaiting the
# inspector's report", "services are facing pressure".
_STATE_PROGRESSIVES = frozenset({"await", "wait", "expect", "anticipate", "hope", "face", "experience", "suffer",
                                 "struggle", "see", "feel", "hear", "remain", "require", "need",
                                 "live", "die"})  # "9,850 people are living with dementia": a population's state
# Verbs of feeling whose -ing form, after "is" and with nothing it acts on, is an adjective that judges
# ("the findings are horrifying", "early results are encouraging"), not work under way.
_FEELING_VERBS = frozenset({"horrify", "shock", "worry", "concern", "encourage", "disappoint", "challenge",
                            "interest", "surprise", "excite", "promise", "reassure", "alarm", "distress",
                            "frustrate", "inspire", "overwhelm", "satisfy", "astonish", "trouble", "amaze"})
# A quantity changing of itself ("demand is growing", "waiting times are rising", "contact is growing
# rapidly") is a trend in the world, not work under way; with an object it is work ("we are increasing
# the number of health visitors").
_TREND_VERBS = frozenset({"grow", "increase", "rise", "fall", "decline", "decrease", "drop", "climb", "shrink",
                          "worsen", "fluctuate", "age", "evolve", "change", "improve", "deteriorate", "perform"})
# What a paper or a meeting is for ("The purpose of this report is to update the Board"): the aim of
# the paper in hand, not an undertaking.
_PAPER_NOUNS = frozenset({"report", "paper", "document", "presentation", "briefing", "item", "note", "update",
                          "meeting", "session", "discussion", "discussions", "workshop", "agenda", "letter",
                          "submission", "appendix", "annex", "section", "chapter"})


def _aim_of_a_paper(c: Clause) -> bool:
    """"The purpose of this report is to ...", "The aims of the workshops were to ...": an aim
    noun whose "of" names a paper or a meeting."""
    if not c.subjects or c.subjects[0].lemma_.lower() not in _AIM_NOUNS | {"purpose", "aim", "aims"}:
        return False
    for prep in c.subjects[0].children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            if any(o.lemma_.lower() in _PAPER_NOUNS or o.lower_ in _PAPER_NOUNS
                   for o in prep.children if o.dep_ == "pobj"):
                return True
    return any(p.dep_ == "poss" and p.lemma_.lower() in _PAPER_NOUNS for p in c.subjects[0].children)


def _present_continuation(c: Clause) -> bool:
    """"The Commissioners continue to face ...", "The work continues to progress": a present
    "continue(s) to" with no modal and a subject other than "we" tells how things stand."""
    h = c.head
    if h is None or c.form != F.SEMI_MODAL or h.lemma_.lower() != "continue" or h.tag_ not in ("VBZ", "VBP") \
            or h.text[0].isupper():  # "Care Homes Continue to test ...": a title run into an imperative
        return False
    if any(a.dep_ == "aux" and a.lower_ in ("will", "shall", "must", "'ll") for a in h.children):
        return False
    return bool(c.subjects) and not any(s.lower_ in _FIRST_PERSON for s in c.subjects)  # not "Continue to ..."


def _projection(c: Clause) -> bool:
    """"It is projected that ...", "X is likely to ...": the sentence forecasts."""
    if c.sentence is None:
        return False
    root = c.sentence.root
    if root.lemma_.lower() == "set" and any(ch.dep_ == "prt" for ch in root.children):
        return False  # "The plan sets out that ...": it states, not "is set to rise"
    if root.lemma_.lower() in _PROJECTION_HEADS and root.lemma_.lower() != "expect" and any(
            ch.dep_ in ("ccomp", "xcomp") for ch in root.children):
        return not any(_is_party(s) for s in root.children if s.dep_ == "nsubj")
    if root.lemma_.lower() == "expect" and any(ch.dep_ == "ccomp" for ch in root.children):
        # "it is expected that demand will grow"; but a party that expects something of another
        # requires it ("The council will expect providers to absorb the cost")
        # ("The guidance expects boards to publish ...": the boards are to act)
        return not any(is_party_phrase(s) for s in root.children if s.dep_ == "nsubj") and not any(
            ch.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
            and any(s.tag_ != "PRP" and is_party_phrase(s) for s in ch.children if s.dep_ == "nsubj")
            for ch in root.children)
    return any(ch.dep_ == "acomp" and ch.lower_ in ("likely", "unlikely", "probable") for ch in root.children)


def _forecast(c: Clause) -> bool:
    reported = c.form == F.REPORTED and c.marker.startswith("it is")  # judged by its that-clause
    if not (c.future or c.form == F.CONDITIONAL) or c.predicate is None:
        return _projection(c)
    if _projection(c) and not reported:
        return True
    subj = c.subjects[0] if c.subjects else None
    if _target_shaped(c):
        return False  # "By 2028 the rate will have fallen from 7.9% to below 5%": a target the plan sets
    if subj is not None and subj.dep_ == "expl":  # "there will be over 4,000 more children"
        attrs = [a for a in c.predicate.children if a.dep_ in ("attr", "dobj", "nsubj")]
        return any(_is_quantity(a) for a in attrs)
    if subj is not None and _is_quantity(subj) and c.voice == "active":
        # "a number of services will be available locally": several services brought to a state
        # the plan delivers, not a count foreseen ("the number of GPs will fall"); "two crisis cafés
        # will open": places the plan opens, counted
        if c.predicate.lemma_.lower() in _OPENING_VERBS and subj.lower_ not in _MEASURE_NOUNS:
            return False
        return not (_is_several(subj) and _delivered_state(c.predicate))

    lemma = c.predicate.lemma_.lower()
    transitive = any(ch.dep_ == "dobj" for ch in c.predicate.children)
    if lemma in _CHANGE_VERBS and not transitive and c.voice == "active" and subj is not None \
            and not _is_party(subj) and lemma not in ("continue", "remain"):
        return True
    return False


_BOUNDS = frozenset({"least", "most", "below", "above", "under", "than", "within", "less", "fewer", "more"})
# a bound a plan sets on a quantity in its subject ("at least 60% of patients", "no more than 5% of
# calls"); "more than 4,000 children will need ..." foresees a count, it sets no floor
_SUBJECT_BOUND = re.compile(r"\b(?:at least|at most|no (?:more|fewer|less) than|not (?:more|fewer|less) than)$")


def _is_several(t: Any) -> bool:
    """"a number of", "a range of", "a variety of": an indefinite quantifier, not a measure."""
    return t.lower_ in ("number", "range", "variety", "series", "host") and any(
        d.dep_ == "det" and d.lower_ in ("a", "an") for d in t.children)


def _delivered_state(p: Any) -> bool:
    """A copula with a state a plan brings things to: "will be available / operational / in place"."""
    return p.lemma_.lower() in _COPULAS and any(
        ch.dep_ == "acomp" and ch.lower_ in _DELIVERED_STATES for ch in p.children)


def _target_shaped(c: Clause) -> bool:
    """A measure given a value to reach: the future perfect ("will have fallen / increased"), or a "to"
    phrase or a bound with a number ("to 20%", "at least 95%", "no more than 5%", "below 5%")."""
    p = c.predicate
    if p is None:
        return False
    auxes = [a.lower_ for a in p.children if a.dep_ in ("aux", "auxpass")]
    if "have" in auxes and any(a in ("will", "shall") for a in auxes):
        return True
    subject_ids = {t.i for s in c.subjects for t in s.subtree}
    for t in p.subtree:
        if t.i in subject_ids and (t.like_num or t.text == "%") \
                and _SUBJECT_BOUND.search(" ".join(x.lower_ for x in t.doc[max(0, t.i - 3):t.i])):
            return True  # a share the plan sets a floor or a ceiling on: "at least 60% of patients will say ..."
        if t.i in subject_ids or not (t.like_num or t.text == "%"):
            continue
        before = [x.lower_ for x in t.doc[max(p.i, t.i - 4):t.i]]
        if "to" in before or any(b in _BOUNDS for b in before):
            return True
    return False


# Verbs that say what something brings about: "the changes will result in ...", "will lead to ...";
# or the help it gives others: "the new roles will help trusts plan", "placements will facilitate the
# transfer of skills".  ("This programme will enable staff to ..." says what the programme delivers.)
_EFFECT_VERBS = frozenset({"mean", "result", "lead", "contribute", "translate", "equate", "amount",
                           "help", "facilitate"})
# ... with the particle that makes them so ("lead to", not "lead the review").
_EFFECT_PARTICLES = {"result": "in", "lead": "to", "contribute": "to", "translate": "into", "equate": "to",
                     "amount": "to"}
# What a thing "will have": a part to play or an effect, said of it, not done by anyone ("These roles
# will have a vital role in ...", "The changes will have an impact on ...").
_SIGNIFICANCE_NOUNS = frozenset({"role", "part", "effect", "impact", "influence", "bearing"})


def _consequence(c: Clause) -> bool:
    """"This will mean ...", "Meeting demand with static resources will require ...": a future whose
    subject is a reference back or an activity (a clause), not a party; or what something that is no
    party brings about ("The proposals will result in greater consistency", "These changes will lead
    to shorter waits"; but "The council will lead the review" and "We will contribute £2m")."""
    if not c.future or c.voice == "passive" or not c.subjects or c.form != F.MODAL:
        return False
    subj = c.subjects[0]
    verb = c.predicate if c.predicate is not None else c.head
    if subj.lower_ in REFERENCE_BACK and verb is not None and verb.lemma_.lower() in _PARTS_VERBS \
            and any(t.dep_ in ("dobj", "xcomp", "pcomp") or t.tag_ == "VBG" for t in verb.subtree if t.i > verb.i):
        return False  # "This will include offering rehousing": the parts of the work just pledged
    if subj.lower_ in _CONSEQUENCE_SUBJECTS or (subj.dep_ == "csubj" or subj.tag_ == "VBG" and subj.dep_ == "nsubj") \
            and not any(t.dep_ in ("det", "poss") for t in subj.subtree if t.i < subj.i):
        # (an activity: "Meeting demand ..."; not a noun the tagger read as one, after its article or
        # owner: "The ICB's staff wellbeing service will be open ...")
        return True
    if verb is None or is_party_phrase(subj) or _PLURAL_ACRONYM.fullmatch(subj.text) \
            or subj.lower_ in ("they", "you", "he", "she"):
        return False
    lemma = verb.lemma_.lower()
    if lemma == "form" and any(ch.dep_ in ("dobj", "attr") and ch.lower_ == "part" for ch in verb.children):
        return True  # "The plan will form part of the Development Plan": what a thing will belong to
    if lemma == "have" and any(ch.dep_ == "dobj" and ch.lemma_.lower() in _SIGNIFICANCE_NOUNS
                               for ch in verb.children):
        return True  # "The reforms will have an effect on the workforce"
    if lemma == "require" and verb is c.head:
        # "These functions will require managers": what a thing takes; but a thing that requires a
        # party to act puts a duty on it ("The strategy will require all partners to report ...")
        return not any(ch.dep_ in ("xcomp", "ccomp") for ch in verb.children)
    if lemma not in _EFFECT_VERBS:
        return False
    particle = _EFFECT_PARTICLES.get(verb.lemma_.lower())
    return particle is None or any(ch.lower_ == particle for ch in verb.children)


def _value(c: Clause) -> bool:
    """A copular future with no action: "We will be ambitious", "Care will be more joined up"."""
    if not c.future or c.predicate is None or c.voice == "passive" or c.form not in (F.MODAL, F.SEMI_MODAL):
        return False
    p = c.predicate
    if p.lemma_.lower() not in _COPULAS or _target_shaped(c):
        return False
    if c.subjects and (c.subjects[0].dep_ == "expl" or c.subjects[0].lemma_.lower() in _AIM_NOUNS
                       or _is_quantity(c.subjects[0])):
        return False  # "there will be a review", "our focus will be on", "the rate will be at least 95%"
    if any(ch.dep_ == "attr" and is_party_phrase(ch) for ch in p.children):
        return False  # "The steering group will become the Partnership Board": a body changes form
    if p.lemma_.lower() == "become" and c.subjects and c.subjects[0].pos_ == "PROPN" \
            and any(ch.dep_ == "attr" for ch in p.children):
        return False  # "Hallowby General Hospital will become our planned care hub": a named place takes a new role
    if _delivered_state(p):
        return False  # "The service will be available from April": a deliverable, not a quality
    if any(ch.dep_ == "acomp" and ch.lower_ in _CHARGED_STATES for ch in p.children):
        return False  # "Secondary care will be responsible for prescribing": work given to a party
    if any(ch.dep_ == "acomp" and ch.lower_.endswith("ing") and _takes_object(ch) for ch in p.children):
        return False  # "We will be supporting and training volunteers": a progressive, read as an adjective
    has_action = any(ch.dep_ in ("xcomp", "advcl") and ch.pos_ == "VERB" for ch in p.children)
    described = any(ch.dep_ == "acomp" and ch.tag_ in ("JJ", "JJR", "JJS") or ch.dep_ == "attr" for ch in p.children)
    return described and not has_action


def _takes_object(t: Any) -> bool:
    """Whether an "-ing" word, or an "-ing" verb joined to it, has a direct object: a verb, then."""
    return any(g.dep_ == "dobj" for x in (t, *t.conjuncts) if x.lower_.endswith("ing") for g in x.children)


def _reduced_participle(c: Clause) -> bool:
    """"Business case approved.", "Night service extended to ...": a participle with no auxiliary
    after a thing that cannot act -- a state to reach (a grid's deliverable) as much as a past event."""
    h = c.head
    if h is None or any(a.dep_ in ("aux", "auxpass") for a in h.children) or h.tag_ not in ("VBD", "VBN"):
        return False
    # an object says the verb is finite ("Council approved the plan"); so does a complement after a
    # past form ("The board agreed to fund"), but not after a participle the tagger calls one: "More
    # staff trained to provide specialist input" is staff (to be) trained, for a purpose
    objects = ("dobj", "attr", "acomp", "ccomp", "xcomp") if h.tag_ == "VBD" else ("dobj", "attr", "acomp", "ccomp")
    if any(ch.dep_ in objects for ch in h.children):
        return False
    return not c.subjects or not any(s.pos_ == "PRON" or s.lower_ in _FIRST_PERSON for s in c.subjects)


def _reduced_relative(root: Any) -> bool:
    """A "being" participle with no finite "be" read as the main verb while a finite verb is joined to
    it: the parser took a reduced relative ("the actions being taken to ...") for the clause, whose
    real verb is the finite one ("... were crucial")."""
    if any(a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBD", "VBZ", "VBP", "MD") for a in root.children):
        return False
    return any(c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP") for c in root.children)


def judge(text: str, doc: Any = None) -> Judgement:
    """The judgement of a unit, from its trained parse (`doc`, else parsed now through the cache):
    its main clause's, unless that commits nothing and another sentence or coordinated main clause
    does ("A key enabler will be X, and the teams will look to ...")."""
    doc = doc if doc is not None else parse(text, entities=False)
    main: Clause = doc._.clause
    if _wh_headline(text, doc, main):  # its tense still says what it heads ("What we heard:")
        j = judge_clause(main)
        j.pledge = j.action = j.decision = j.ongoing = False
        j.describes = True
        j.flags.add("wh-title")
        return j
    first = judge_clause(main)
    if first.pledge or first.action or first.decision:
        return first
    rest = _after_unmarked_condition(text, doc)
    if rest is not None:  # "Where this is the case the teams will advise ...": judged by its main clause
        again = judge_clause(parse(rest, entities=False)._.clause)
        if again.pledge and not again.not_a_commitment:
            again.flags.add("conditional")
            return again
    aside = without_dash_aside(text)
    if aside is not None:  # "We will meet the standard – 75% of people told within 28 days – by March 2024"
        again = judge(aside)
        if (again.pledge or again.action or again.decision) and not again.not_a_commitment:
            again.flags.add("dash aside")
            return again
    reread = _imperative_misread(text, doc, main)
    if reread is not None:
        return reread
    leads = [] if "to the reader" in first.flags or re.search(r"\byou(?:r)?\b", text[:_LEAD_SCAN_CHARS], re.I) \
        else after_lead_adverbial(text)  # ("If you would like a copy, request one": advice to the reader)
    for rest in leads:  # "Subject to funding, introduce ...": the imperative after the condition or means
        # read as the action opening a row of its own, capitalised ("Introduce ..."), as the tagger knows it
        again = judge_clause(parse(rest[0].upper() + rest[1:], entities=False)._.clause)
        if again.action and not again.not_a_commitment:
            again.flags.add("after a lead adverbial")
            return again
    for sent_clause in clauses_of(doc):
        for c in (sent_clause, *sent_clause.coordinated):
            if c is main:
                continue
            j = judge_clause(c)
            if (j.pledge or j.decision) and not j.not_a_commitment:
                return j
    return first


# An aside set off by a pair of spaced dashes inside a sentence ("we will meet the standard – 75% of
# people told within 28 days – by March 2024"), as English sets off a parenthesis.  Its own verbs
# ("told") can take the sentence's parse over, so a sentence that commits nothing as parsed is read
# again without it.  The aside is at least five words, with words before it and after it, and holds
# no other dash: a row printed with dashes between its cells ("Open the hub – March 2025 – the ICB")
# has short middle cells.
_DASH_ASIDE = re.compile(r"(?<=\w)[,;]?\s+[–—-]\s+(?P<aside>[^–—]+?)\s+[–—-]\s+(?=\w)")
_ASIDE_WORDS = 5


def without_dash_aside(text: str) -> str | None:
    """The sentence without its first aside between spaced dashes, or None when it has none."""
    for m in _DASH_ASIDE.finditer(text):
        aside = m.group("aside")
        if " - " in aside or len(aside.split()) < _ASIDE_WORDS or len(text[:m.start()].split()) < 2 \
                or len(text[m.end():].split()) < 2:
            continue
        return f"{text[:m.start()]} {text[m.end():]}"
    return None


# A finite verb, then a modal with its own verb later on: "Where X is Y the team will advise".
# A sentence's end: a full stop, or the semicolon that closes an item of a list of sentences.
_ENDS_SENTENCE = re.compile(r"[.;]\s*(?:and|or)?\s*$")
_LATER_MODAL = re.compile(r"^\W*(?:when|where)\b[^.;:]*?\b(?:is|are|was|were|has|have|does|do|exists?|allows?|"
                          r"applies|apply|arises?|occurs?|requires?|needs?|\w+s)\b[^.;:]*?\b(?:will|shall|must)\s+\w+",
                          re.I)


def _after_unmarked_condition(text: str, doc: Any) -> str | None:
    """The main clause after a "when" / "where" clause that no comma closes ("Where this is the case
    local teams will advise primary care."): from the subject of the first modal verb on, which the
    parser, missing the comma, tends to fold into the condition."""
    if not _LATER_MODAL.match(text) or not _ENDS_SENTENCE.search(text) or re.search(r"[“”\"]", text) \
            or re.search(r"\byou(?:r)?\b", text, re.I):
        return None  # (words quoted from elsewhere, or advice to the reader, pledge nothing)
    for t in doc:
        if t.tag_ == "MD" and t.lower_ in ("will", "shall", "must") and t.i > 2:
            verb = t.head
            subj = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            start = subj.left_edge.i if subj is not None else None
            if start is None:  # no subject found on the verb: the words just before the modal
                return None
            if 2 < start < t.i:
                return doc[start:].text
            return None
    return None


def _wh_headline(text: str, doc: Any, main: Clause) -> bool:
    """"What we will do to improve access", "How we will measure success", "What we are currently
    doing": a wh-word that is an argument of the main verb, not asked, makes the whole unit a
    free relative -- a title for what follows, not an undertaking ("What we will do is open two hubs"
    has another main verb and is judged as usual)."""
    if not len(doc) or main.head is None or text.rstrip().endswith("?"):
        return False
    # after a label: "Pledge 1: How we will work with you ..."
    first = (first_word(main.sentence) if main.sentence is not None else None) or doc[0]
    if not (first.tag_ in ("WP", "WRB") and first.lower_ in ("what", "how", "when", "where", "why")):
        return False
    if first.lower_ in ("when", "where") and _ENDS_SENTENCE.search(text) and _LATER_MODAL.search(text):
        # "Where this is the case the teams will advise ...": a condition run into the sentence it
        # conditions, no comma between; a title for what follows ("Where we will focus") ends in none
        return False
    if any(t.dep_ == "conj" and t.head.i == main.head.i and t.pos_ == "VERB" and t.i > 0 and doc[t.i - 1].text == ","
           for t in doc):
        return False  # "Where none exists, develop a plan": a condition, then the clause it conditions
    # the wh-word is the main verb's, or the infinitive's it governs ("What we aim to achieve")
    gov = first.head
    while gov.i != main.head.i and gov.dep_ in ("xcomp",) and gov.head.i != gov.i:
        gov = gov.head
    return gov.i == main.head.i


# A condition or a means put before an action's imperative, as action tables write them: "Subject to
# funding, ...", "Where feasible, ...", "Through the Local Plan review, ...", "Using smart meter data,
# ...", "As part of phase 2 ...", "Alongside regional partners, ...".
_LEAD_ADVERBIAL = re.compile(
    r"^(?:subject to|where|if|once|when|through|using|via|as part of|alongside|with|following|after|within|"
    r"during|from|over|in (?:partnership|conjunction|collaboration|line) with)\b", re.I)
_LEAD_COMMA = re.compile(r"^[^,;:.]{3,120}?,\s+(?=[a-z])")
# words after which a verb's form is a noun or an infinitive ("a successful pilot", "to switch")
_BEFORE_NOUN = frozenset("a an the to of for and or in on at by our their its this that these those your any "
                         "each every all some".split())
_LEAD_SCAN_CHARS = 120
# openings that run straight on into the imperative with no comma ("Subject to feasibility install ...")
_LEAD_NO_COMMA = re.compile(r"^(?:subject to|as part of|where|through|using|alongside|"
                            r"in (?:partnership|conjunction|collaboration|line) with)\b", re.I)
_CLAUSE_WORDS = frozenset("we they it he she you i is are was were has have had will would can could should may might "
                          "must shall be been being do does did".split())


def after_lead_adverbial(text: str) -> list[str]:
    """The text from the imperative on, when a unit opens with a condition or a means and then the
    imperative, with a comma ("Subject to funding, introduce ...") or without one ("Subject to
    feasibility install ..."): each reading, first the likeliest; none when it does not open so or
    no action verb follows."""
    if not _LEAD_ADVERBIAL.match(text):
        return []
    m = _LEAD_COMMA.match(text)
    if m is not None:
        return [text[m.end():]]  # the parse of what follows the comma tells whether it is an imperative
    if not _LEAD_NO_COMMA.match(text):
        return []
    out, prev = [], ""
    for w in re.finditer(r"[A-Za-z][\w'’-]*", text[:_LEAD_SCAN_CHARS]):
        word = w.group(0)
        if word.lower() in _CLAUSE_WORDS:
            break  # a subject or a finite verb first: the opening phrase heads a clause of its own
        if w.start() > 0 and word in ACTION_VERBS and prev.lower() not in _BEFORE_NOUN:
            out.append(text[w.start():])
        prev = word
    return out


def _imperative_misread(text: str, doc: Any, main: Clause) -> Judgement | None:
    """A capitalised verb opening a headline that the small tagger read as a noun ("Diagnose 75% of
    cancers by 2028", "Pilot two hubs"): with no predicate found, the unit is read again with that
    first letter in lower case, and taken as an imperative only if the verb then heads the clause
    and has an object.
    A real noun phrase ("Diabetes services in the north") stays a noun phrase either way."""
    if len(doc) < 3:
        return None
    first = doc[0]
    # with no predicate, or read as the subject of a past verb that follows ("Embed digitally enabled
    # services": "Embed" the subject of "enabled")
    as_subject = main.form == F.INDICATIVE and main.tense == "past" and first.dep_ == "nsubj"
    if main.form != F.NONE and not as_subject:
        return None
    # a verb in capitals opening a recommendation, as some councils print them ("DELEGATE any activity
    # to the Director", "APPROVE the proposal"), before words in lower case
    shouted = first.text.isupper() and first.text.isalpha() and doc[1].text.islower() \
        and (is_action_verb(first.text) or first.text.lower() in DECISION_VERBS | {"note"})  # not "STP response"
    if not (first.text[:1].isupper() and (first.text[1:].islower() or shouted) and first.tag_ in ("NN", "NNP")
            and (first.dep_ in ("ROOT", "compound", "nmod", "amod") or as_subject)):
        return None
    k = text.find(first.text)
    again = parse(text[:k] + first.text.lower() + text[k + len(first.text):] if shouted and k >= 0
                  else text[0].lower() + text[1:], entities=False)
    c: Clause = again._.clause
    if c.form in (F.INDICATIVE, F.NOMINAL) and c.head is not None and c.head.i == 0 \
            and c.head.tag_ == "VBP" and not c.subjects:
        # a present verb (spelt as the base form) with no subject, first: an imperative ("embed services")
        c.form, c.tense = F.IMPERATIVE, "future"
    if c.form != F.IMPERATIVE or c.head is None or c.head.i != 0 \
            or not any(ch.dep_ in ("dobj", "ccomp", "xcomp") for ch in c.head.children):
        return None  # a verb acts on something: "Research into local needs" stays a noun phrase
    j = judge_clause(c)
    return j if j.action and not j.not_a_commitment else None


_WISH_VERBS = frozenset({"want", "wish"})


def _wish_of_others(c: Clause) -> bool:
    """A wish voiced for the people a plan serves ("Carers want to be treated as partners",
    "Residents want to see more green space"): what they asked for, which no one has undertaken.
    A party's wish ("we want to", "the council wants to", "GPs want to") still commits that party."""
    return (c.head is not None and c.head.lemma_.lower() in _WISH_VERBS and bool(c.subjects)
            and not is_party_phrase(c.subjects[0]))


def _to_the_reader(c: Clause) -> bool:
    """An imperative addressed to the reader, not a plan's action: a request ("Please return the form",
    "If you would like a copy please contact us") or "let us" / "let's" ("Let us know what you think",
    "Let's talk about new homes")."""
    head = c.head
    if head is None or c.sentence is None:
        return False
    if any(t.lower_ == "please" and t.i <= head.i + 1 for t in c.sentence):
        return True
    # the reader's own things or the reader as the one acted on: an instruction or advice ("Use the
    # form to report a leak in your kitchen", "Protect yourself", "Ask your pharmacist"), not a plan's action
    if any(t.lower_ in ("your", "yours", "yourself", "yourselves") for t in c.sentence) or any(
            t.lower_ == "you" and not any(x.tag_ in ("WRB", "WP") and x.i < t.i for x in t.head.subtree)
            for t in c.sentence):  # not a title's "how much you will pay"
        return True
    if head.lemma_.lower() in _POINTING_VERBS and any(_ADDRESS.search(t.text) for t in c.sentence):
        return True  # "To view this licence, visit www...", "For details contact info@...": where to look
    return head.lemma_.lower() == "let" and any(t.lower_ in ("us", "'s", "’s") and t.i == head.i + 1
                                                for t in c.sentence)


# Verbs that send the reader somewhere, and the web or mail address they send them to.
_POINTING_VERBS = frozenset({"visit", "see", "contact", "email", "e-mail", "call", "phone", "write", "go", "find",
                             "download", "view", "read"})
_ADDRESS = re.compile(r"(?i)^(?:https?://|www\.)|\.(?:gov|org|nhs|co|ac)\.uk\b|\.(?:com|org|net)\b|@\w")


# Heads of noun phrases that name money or a plan, which no one is: "the Northshire Housing Fund",
# "the strategy", "the new levy".  What they "should" do is what they are expected to bring about.
_THING_HEADS = frozenset("""fund funds funding grant grants levy budget budgets money investment plan plans strategy
strategies framework frameworks policy policies programme programmes scheme schemes guidance toolkit
settlement allocation role roles""".split())


def _thing_described(c: Clause) -> bool:
    """"The programme should be collaborative", "The new roles should be commensurate with ...": an
    active "should" that gives a thing that is no party a quality (a copula and an adjective, not a
    state a service is brought to: "The service should be available by May" is work to do)."""
    p = c.predicate
    if c.voice != "active" or not c.subjects or p is None or p.lemma_.lower() not in _COPULAS:
        return False
    subj = c.subjects[0]
    if is_party_phrase(subj) or subj.lower_ in REFERENCE_BACK or subj.dep_ == "expl" or _delivered_state(p):
        return False
    # (an adjective with a verb of its own says what the thing is to do: "should be able to take 9 GPs")
    return any(ch.dep_ == "acomp" and ch.tag_ in ("JJ", "JJR", "JJS")
               and not any(g.dep_ in ("xcomp", "ccomp") for g in ch.children) for ch in p.children) \
        and not any(ch.dep_ in ("xcomp", "advcl") and ch.pos_ == "VERB" for ch in p.children) \
        and not (c.sentence is not None and _DATED.search(c.sentence.text))


def _thing_expected(c: Clause) -> bool:
    """"The fund should provide ...", "This strategy should help ...": an active "should" whose subject
    is money or a plan: an expectation of it, no one's undertaking ("The plan should be reviewed
    yearly" is passive: someone is to review it)."""
    return c.voice == "active" and bool(c.subjects) and c.subjects[0].lemma_.lower() in _THING_HEADS \
        and c.predicate is not None and c.predicate.lemma_.lower() not in _COPULAS


_DATED = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b")


def _purpose_of_a_thing(c: Clause) -> bool:
    """"The fund is intended to provide ...", "The tool is meant to help ...": the present passive of
    intending says what something is for, not who will do what; with a date it schedules ("The hub
    is intended to open in May 2026"), and in the first person it pledges ("We are meant to ...")."""
    h = c.head
    if h is None or c.sentence is None or h.lemma_.lower() not in ("intend", "mean") or h.tag_ != "VBN":
        return False
    if not any(a.dep_ == "auxpass" and a.lower_ in ("is", "are") for a in h.children):
        return False
    return not any(s.lower_ in _FIRST_PERSON for s in c.subjects) and not _DATED.search(c.sentence.text)


# What a letter does as it is written ("I am copying this letter to ...", "We enclose a copy of ...",
# "I am writing to you to ..."), and the courtesies a writer wants to pay ("I want to thank /
# recognise / place on record my appreciation ..."): the correspondence's own acts and manners, no
# undertaking.
_LETTER_VERBS = frozenset({"copy", "enclose", "attach", "write", "forward", "send"})
_COURTESY_VERBS = frozenset({"thank", "recognise", "recognize", "acknowledge", "congratulate", "commend", "apologise",
                             "apologize", "appreciate", "reassure", "assure", "express", "welcome"})


def _courtesy(c: Clause) -> bool:
    """A letter's act on itself, or a courtesy the writer wants to pay (module note above)."""
    h, p = c.head, c.predicate
    if p is not None and p.lemma_.lower() == "thank" and any(x.lower_ == "you" for x in p.children):
        return True  # "Thank you for your question", an answer's first line
    if h is None or p is None or c.sentence is None or not c.subjects \
            or c.subjects[0].lower_ not in ("i", "we"):
        return False
    verb = p.lemma_.lower()
    if c.form == F.SEMI_MODAL and h.lemma_.lower() in ("want", "wish", "like"):
        on_record = verb in ("place", "put") and any(
            x.lower_ == "record" and x.head.lower_ == "on" for x in p.subtree)
        return verb in _COURTESY_VERBS or on_record
    if c.form != F.INDICATIVE or c.tense != "present" or verb not in _LETTER_VERBS:
        return False
    objs = [t for t in p.subtree if t.dep_ in ("dobj", "pobj")]
    return any(o.lemma_.lower() in ("letter", "copy", "you") for o in objs) and (
        verb != "write" or any(o.lower_ == "you" for o in objs))


# Predicates of a negated "will" that say what a party will not undergo or be, not an act it forgoes.
_NOT_AN_ACT = frozenset({"be", "have", "need", "see", "get", "become", "experience", "face", "feel", "know", "seem",
                         "mean", "lose", "suffer", "happen", "cost", "exceed", "increase", "rise", "fall", "notice",
                         "find", "hesitate", "stand", "tolerate", "accept"})


def refrains(c: Clause) -> bool:
    """A party's undertaking not to do something ("We will not close any libraries", "The Eastford
    Panel will not consider late applications"): a pledge to refrain binds as one to act does, and
    an auditor can check it was kept.  A "will not" of the author or a named party, active, on an
    act.  Not a prediction or a state ("There will not be a shortfall of beds", "the depot will not
    be ready in time"), what a party will not undergo ("tenants will not notice any change"), nor a
    condition's outcome."""
    if c.marker not in ("will", "shall") or c.voice != "active" or c.condition or c.predicate is None:
        return False
    if c.predicate.lemma_.lower() in _NOT_AN_ACT or not c.subjects:
        return False
    subj = c.subjects[0]
    return subj.lower_ in _FIRST_PERSON or is_party_phrase(subj)


def judge_clause(c: Clause) -> Judgement:
    """The judgement of one clause."""
    j = Judgement(clause=c)
    j.first_person = any(s.lower_ in _FIRST_PERSON for s in c.subjects) or any(
        d.text.lower() in _FIRST_PERSON for d in c.doers)
    if c.negated and c.form in F.COMMITTING_FORMS and not refrains(c):
        j.flags.add("negated")
    if c.future_in_subordinate_only:
        j.flags.add("subordinate")
    if _forecast(c):
        j.flags.add("forecast")
    elif _consequence(c):
        j.flags.add("consequence")
    elif _value(c):
        j.flags.add("value")
    if c.condition:
        j.flags.add("conditional")
    form = c.form
    if _courtesy(c):
        j.describes = True  # "I am copying this letter to ...", "I want to thank everyone who ..."
        j.flags.add("courtesy")
    elif form == F.DECISION and c.tense == "past" and c.aspect == "perfect" and c.marker not in ("be", ""):
        j.past = True  # "the panel had approved ...": an earlier decision told as background
    elif form == F.DECISION:
        j.decision = True
    elif form == F.SEMI_MODAL and _purpose_of_a_thing(c):
        j.describes = True  # "The fund is intended to provide an opportunity to ...": what it is for
    elif form == F.SEMI_MODAL and _aim_of_a_paper(c):
        j.describes = True  # "The purpose of this report is to provide the Board with an update"
    elif _present_continuation(c):
        j.describes = True  # "The service continues to face high demand"
    elif form == F.SEMI_MODAL and _wish_of_others(c):
        j.describes = True  # "Patients want to be seen closer to home": a need voiced, not an undertaking
        j.flags.add("wish")
    elif form in (F.MODAL, F.SEMI_MODAL, F.BE_TO, F.REPORTED):
        if c.tense == "past" and c.marker != "intention to" and (
                c.aspect == "perfect" or c.head is not None
                and c.head.lemma_.lower() in ("continue", "seek", "try", "want", "need", "look")):
            j.past = True  # "have continued to", "sought to": what was done
        elif c.tense == "past":
            j.pledge = True  # "the council planned to", "was due to be extended": a future reported in minutes
            j.flags.add("reported")
        else:
            j.pledge = True
    elif form == F.CONDITIONAL and c.marker == "should" and c.subjects and c.subjects[0].lower_ in REFERENCE_BACK:
        j.describes = True  # "This should apply to every patient": a norm about what was said, no one's undertaking
    elif form == F.CONDITIONAL and c.marker == "should" and _thing_described(c):
        j.describes = True  # "The programme should be collaborative": a quality asked of it, no one's work
    elif form == F.CONDITIONAL and c.marker == "should" and _thing_expected(c):
        j.describes = True  # "The new fund should provide a focus for ...": what a thing is expected to do
    elif form == F.CONDITIONAL and c.marker == "should":
        j.pledge = True  # "Providers should ...": a weaker undertaking
        j.flags.add("weak")
    elif form == F.IMPERATIVE and _to_the_reader(c):
        j.describes = True  # "Please return the form by 13 October", "Let us know what you think"
        j.flags.add("to the reader")
    elif form in (F.IMPERATIVE, F.INFINITIVE, F.GERUND, F.NOMINAL):
        j.action = True
    elif form == F.INDICATIVE and c.head is not None:
        root = c.head
        if c.subjects and c.subjects[0].lower_ in _CONSEQUENCE_SUBJECTS:
            j.describes = True  # "This is helping practices to ...": what something does, not work under way
        elif c.aspect == "progressive" and root.lemma_.lower() in _STATE_PROGRESSIVES:
            j.describes = True  # "the council was awaiting the report": a state, not work under way
        elif c.aspect == "progressive" and root.lemma_.lower() in _FEELING_VERBS \
                and not any(ch.dep_ in ("dobj", "obj", "xcomp", "ccomp") for ch in root.children):
            j.describes = True  # "The findings are horrifying", "Early results are encouraging": a judgement
        elif c.aspect == "progressive" and root.lemma_.lower() in _TREND_VERBS \
                and not any(ch.dep_ in ("dobj", "obj") for ch in root.children):
            j.describes = True  # "Public expectations are growing": a trend, not work under way
        elif c.aspect == "progressive" and _reduced_relative(root):
            j.describes = True  # "The challenges and the actions being taken to meet them were crucial"
        elif c.aspect == "progressive" or any(ch.dep_ == "acomp" and ch.lower_ in _ONGOING_ADJECTIVES
                                               for ch in root.children) or _in_the_making(root):
            j.ongoing = True  # "are developing", "work was being undertaken" (minutes), "is underway"
        elif c.voice == "passive" and c.tense == "present" and c.aspect == "simple" \
                and root.lemma_.lower() in _PLANNED_PASSIVES:
            j.pledge = True  # "A second survey is planned for 2025/26", "Works are scheduled for May"
        elif c.tense == "present" and c.aspect == "simple" and _due_on_a_date(c):
            j.pledge = True  # "The first report is due in November 2023", "A decision is expected by June 2024"
        elif c.tense == "past" or c.aspect == "perfect":
            j.past = True
            if _reduced_participle(c):
                j.flags.add("participle")
        elif c.tense == "present" and c.subjects and _is_party(c.subjects[0]) \
                and c.subjects[0].lower_ not in _FIRST_PERSON and root.lemma_.lower() not in _COPULAS \
                and root.lemma_.lower() != "have" and root.tag_ == "VBP":
            j.headline = True
            j.describes = True
        else:
            j.describes = True
    elif form == F.CONDITIONAL:
        j.describes = True
    if j.flags & {"value"}:
        j.describes = True
    if j.not_a_commitment:
        j.pledge = j.action = False
    return j
