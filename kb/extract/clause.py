"""The analysed clause of a unit: what it commits to, in which tense, and who is to do it.

Read from spaCy's trained dependency parse (kb.extract.nlp.get_trained), not from word lists:

* the **committing predicate**: the verb a modal future ("will", "shall", "must") or a semi-modal
  ("aims to", "plans to", "intends to", "commits to", "is to", "is expected to") carries; an
  imperative ("Develop a ..."); an infinitive ("To deliver ...", headline "Councils to review ...");
  a gerund or nominal deliverable ("Implementing ...", "Reduction in ..."); a decision taken
  ("resolved", "approved", "agreed to"); a reported future in minutes ("indicated that she would ...",
  "it was agreed that ... would ...", "was to be ...");
* its **tense and aspect** (future / present / past; simple / progressive / perfect), **negation**,
  **condition** ("if", "unless", "subject to"), **voice**;
* whether a future word sits **only inside a subordinate or relative clause** ("The service, which
  will open in May, is run by volunteers": not a pledge);
* `doers`: the subject of the committing predicate with its conjuncts, or the agent of a passive
  ("will be delivered by the Trust") -- the spans an owner finder resolves to parties.

Organised as a spaCy pipeline component (`kb_clause`, added to the trained pipeline by
kb.extract.nlp) that sets `doc._.clauses` (one `Clause` per sentence) and `doc._.clause` (the
sentence that commits, else the first); `span._.clause` analyses any sentence span on demand.
Each step is a small function so it can be read, tested and replaced alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kb.extract.forms import (  # noqa: F401 - the form names are part of this module's interface
    BE_TO,
    COMMITTING_FORMS,
    CONDITIONAL,
    DECISION,
    GERUND,
    IMPERATIVE,
    INDICATIVE,
    INFINITIVE,
    MODAL,
    NOMINAL,
    NONE,
    REPORTED,
    SEMI_MODAL,
)
from kb.extract.lexicon import (
    ACTION_NOUNS,
    ACTION_VERBS,
    ASSIGNING_VERBS,
    DECISION_VERBS,
    NOTING_VERBS,
    PARTY_HEADS,
    REQUEST_VERBS,
)

# Modal auxiliaries, by what they do to the clause.
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo", "must"})
_WEAK_MODALS = frozenset({"would", "could", "may", "might", "can", "should", "ought", "ca"})

# Verbs that take a to-infinitive and commit their subject to it.  "expect", "require", "ask" commit
# in the passive ("Providers are expected to ...").
_SEMI_MODAL_VERBS = frozenset({"aim", "plan", "intend", "commit", "seek", "propose", "want", "need", "pledge",
                               "promise", "undertake", "strive", "aspire", "endeavour", "look", "continue",
                               "expect", "require", "set", "go", "prepare", "mean"})
_PASSIVE_ONLY_SEMI = frozenset({"expect", "require", "set", "mean"})
# Semi-modals whose infinitive follows the verb itself ("plans to open"): with an object between
# ("proposed improvements to benefit children") the infinitive says what the object is for.
_SUBJECT_CONTROL = frozenset({"aim", "plan", "intend", "commit", "seek", "propose", "pledge", "promise", "undertake",
                              "strive", "aspire", "endeavour", "look", "continue", "go", "prepare"})
# Nouns that, as the subject of "is to", name an aim: "Our aim is to ...", "The priority is to ...".
_AIM_NOUNS = frozenset({"aim", "ambition", "priority", "commitment", "intention", "focus", "objective", "goal",
                        "plan", "purpose", "task", "mission", "vision", "target", "expectation"})
# A pledge made or held: "has given a pledge to ...", "the board holds an intention to ...".
_PLEDGE_VERBS = frozenset({"make", "have", "give", "reaffirm", "renew", "restate"})
_PLEDGE_NOUNS = frozenset({"commitment", "pledge", "promise", "undertaking", "intention", "ambition", "plan"})
# Predicative adjectives with "to": "We are committed to ...", "The Trust is determined to ...".
_COMMITTED_ADJECTIVES = frozenset({"committed", "determined", "dedicated", "keen", "set", "due", "expected",
                                   "required", "obliged", "ready"})
# Announcing an intention: "announced her intention to", "confirmed its commitment to".
_ANNOUNCING_VERBS = frozenset({"announce", "confirm", "state", "declare", "reaffirm", "restate", "express",
                               "signal"})
_INTENTION_NOUNS = frozenset({"intention", "plan", "plans", "commitment", "ambition", "aim", "pledge", "promise",
                              "intent", "decision"})
# A plan of the body's own that states what will be done ("The strategy sets out that ...").
_OWN_PLAN_NOUNS = frozenset({"plan", "strategy", "proposal", "proposals", "policy", "programme", "framework",
                             "consultation", "decision", "agreement"})
_STATING_VERBS = frozenset({"state", "confirm", "propose", "commit", "say", "specify", "establish", "require"})


def _states(verb: Any) -> bool:
    """A verb by which a plan states what it holds: "states", "confirms", "sets out"."""
    lemma = verb.lemma_.lower()
    return lemma in _STATING_VERBS or lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


# What a meeting asks for when it requests something of its officers: "requested a further report".
_REQUESTED_THINGS = frozenset({"report", "update", "briefing", "paper", "note", "review", "plan", "presentation",
                               "analysis", "breakdown", "response", "letter", "proposal", "proposals"})
_MODAL_WORDS = frozenset({"will", "would", "shall", "should", "must", "'ll", "may", "might", "can", "could"})
# Decision verbs that decide only with a complement: "concluded that ...", not "concluded with a workshop".
_COMPLEMENT_DECISION_VERBS = frozenset({"conclude", "determine", "decide", "resolve"})
_CORE_DECISION_VERBS = frozenset({"resolve", "agree", "decide", "approve", "endorse", "determine", "ratify",
                                  "conclude"})
# The bodies whose acts are decisions: "the Board supported ...", "members accepted ...".
_MEETING_NOUNS = frozenset({"board", "committee", "group", "meeting", "body", "bodies", "members", "forum",
                            "panel", "cabinet", "council", "executive", "partnership", "assembly", "trust"})
# Verbs by which a body states its own intention about a that-clause ("we propose that ...").
_FIRST_PERSON_INTENT = frozenset({"propose", "intend", "plan"})
# Verbs of intention in "it is intended / anticipated / expected that ...".
_INTENT_VERBS = frozenset({"intend", "anticipate", "expect", "plan", "propose", "envisage", "hope", "agree",
                           "recommend"})
# Verbs that report what someone said in minutes ("indicated that she would ...").
_REPORTING_VERBS = frozenset({"indicate", "say", "state", "confirm", "report", "explain", "advise", "inform",
                              "suggest", "note", "undertake", "offer", "promise", "assure", "reply", "respond",
                              "announce", "highlight", "clarify", "add", "comment"})
# Reporting verbs whose "should" passes on advice or a view ("suggested that leaders should ...").
_ADVISING_VERBS = frozenset({"suggest", "comment", "note", "highlight", "explain", "add", "clarify"})
_CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "assuming", "whether"})
_CONDITION_ADJ = frozenset({"subject", "dependent", "conditional", "contingent"})
_SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "csubj", "csubjpass", "pcomp", "xcomp",
                               "parataxis", "prep", "pobj", "dep", "attr", "appos", "npadvmod", "amod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_NOMINAL_SUFFIXES = ("tion", "sion", "ment")


@dataclass
class Clause:
    """One sentence's committing predicate and what the grammar says about it."""

    form: str = NONE  # one of the form constants above
    predicate: Token | None = None  # the verb (or noun) that names what is to be done
    head: Token | None = None  # the token that carries tense/modality ("aims" in "aims to deliver")
    marker: str = ""  # the word(s) that make it forward: "will", "aims to", "is to", "would", ""
    tense: str = "none"  # future | present | past | none
    aspect: str = "simple"  # simple | progressive | perfect
    negated: bool = False
    condition: str = ""  # "if ...", "unless ...", "subject to ..." (its text), else ""
    future_in_subordinate_only: bool = False  # a future word appears, but only in a subordinate clause
    voice: str = "active"  # active | passive
    subjects: list[Token] = field(default_factory=list)  # the grammatical subject head(s), incl. "there"
    sentence: Span | None = None
    coordinated: list[Clause] = field(default_factory=list)  # the other main clauses joined to this one

    @property
    def doers(self) -> list[Span]:
        """Subject(s) or passive agent(s) of the committing predicate, as noun phrases (read when
        asked, so that entities a later pass adds -- "by April" is a date -- are seen)."""
        return doers_of(self.head, self.predicate, self.form, self.subjects)

    @property
    def committing(self) -> bool:
        """A predicate form that undertakes something (before any judgement of its subject)."""
        return self.form in COMMITTING_FORMS and not self.negated

    @property
    def future(self) -> bool:
        return self.tense == "future"

    def describe(self) -> str:
        """A one-line explanation, for reasons and debugging: 'modal:will deliver (future, active)'."""
        pred = self.predicate.text if self.predicate is not None else "-"
        extra = [self.tense, self.aspect, self.voice]
        if self.negated:
            extra.append("negated")
        if self.condition:
            extra.append("conditional")
        if self.future_in_subordinate_only:
            extra.append("future only in subordinate")
        return f"{self.form}:{self.marker or '-'} {pred} ({', '.join(extra)})"


# --- steps -------------------------------------------------------------------------------------------

def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def _aux_words(t: Token) -> list[Token]:
    return [c for c in t.children if c.dep_ in ("aux", "auxpass") and c.i < t.i]


def _has_to(t: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children)


def first_word(sent: Span) -> Token | None:
    """The first word token of a sentence, after bullets, numbers and a short label ("Action:")."""
    start = _label_start(sent)
    for t in sent:
        if t.i >= start and not (t.is_punct or t.is_space or t.like_num or t.tag_ in ("LS", "SYM")):
            return t
    return None


def _label_start(sent: Span) -> int:
    """Index of the first token after a leading label ("Action: ", "Lead - "), else the sentence start."""
    for t in sent[:6]:
        if t.text in (":",) and t.i + 1 < sent.end:
            return t.i + 1
    return sent.start


def _verb_lemma(t: Token) -> str:
    return t.lemma_.lower()


def _is_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


# Words that name a change as a noun as well as a verb; followed by "in" they are the noun ("Increase
# in the uptake of ...", "Shift in spending to ..."): an outcome's label, since the verbs do not take "in".
_CHANGE_NOUNS = frozenset({"increase", "decrease", "rise", "fall", "drop", "shift", "change", "cut", "decline",
                           "boost", "growth", "reduction", "improvement"})


def _change_noun(t: Token) -> bool:
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return t.lower_ in _CHANGE_NOUNS and nxt is not None and nxt.lower_ == "in"


def _acted_on(verb: Token) -> bool:
    """A past verb that takes a determined object or a clause ("Reviewed the circumstances in which
    ...", "Examined whether ...") tells what its subject did, as a list under "Over seven years the
    panel:" does; a participle over a bare noun ("Reduced waiting times", "Business case approved")
    names a state to reach."""
    if verb.lower_ == verb.lemma_.lower():
        return False  # "set up an Eye Care Group", "put in place a plan": the base form, an imperative
    return any(c.dep_ == "dobj" and any(d.dep_ in ("det", "poss") for d in c.children)
               or c.dep_ == "ccomp" for c in verb.children)


def _mis_tagged_imperative(t: Token) -> bool:
    """The small tagger reads a capitalised sentence-initial verb of a headline bullet ("Recruit
    dedicated ...", "Work with the ...") as a noun; the action-verb list corrects exactly that, when
    what follows is what follows a verb (a determiner, preposition, adjective, pronoun, adverb) rather
    than the verb of a sentence whose subject the word is ("Work is underway")."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    after = t.doc[t.i + 2] if t.i + 2 < len(t.doc) else None
    if t.lower_ in ACTION_VERBS and t.text[0].isupper() and nxt is not None and nxt.tag_ in ("VBN", "VBD") \
            and nxt.pos_ != "AUX" and after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"):
        return True  # "Deliver personalised care": the participle is an adjective of the object
    if t.dep_ in ("nsubj", "nsubjpass") and (_aux_words(t.head) or t.head.tag_ in ("VBZ", "VBD")):
        return False  # the subject of a finite verb: "Care for frail residents has been recognised as ..."
        # (not of a bare VBP: the tag the small tagger gives a noun it misreads, "Work with X workstream")
    subject = t.head if t.dep_ in ("compound", "amod") and t.head.i == t.i + 1 else None
    if subject is not None and subject.dep_ in ("nsubj", "nsubjpass") and \
            (any(a.tag_ != "TO" for a in _aux_words(subject.head)) or subject.head.tag_ == "VBD"):
        return False  # the first word of a finite verb's subject: "Quarterly returns went to the Cabinet in May"
        # (not of a bare VBZ, the tag the small tagger gives a plural noun it misreads: "Support
        # transformation workstreams to ...")
    if t.tag_ == "VB" and not _has_to(t) and not _aux_words(t) and not _children(t, *_SUBJECT_DEPS):
        return True  # a sentence-initial base-form verb with no "to", modal or subject: an imperative
        # the parser attached elsewhere ("Work with X leads to ...")
    if t.lower_ not in ACTION_VERBS or not t.text[0].isupper() or nxt is None:
        return False
    return nxt.pos_ not in ("AUX", "VERB", "PUNCT", "PART") and nxt.lower_ not in ("of", "'s") and nxt.tag_ != "POS"


# Verbs by which a paper or a body, in its own voice, asks a party to act ("recommend" and
# "encourage" only advise: the party is not asked to do it).
_ACTIVE_REQUEST_VERBS = frozenset({"ask", "request", "invite", "require", "instruct", "direct"})
# What a request can be written in: "This letter asks ...", "The guidance requires ...".
_PAPER_NOUNS = frozenset({"letter", "guidance", "paper", "report", "plan", "strategy", "framework", "specification",
                          "contract", "policy", "act", "regulation", "directive", "circular", "protocol", "standard"})


def _addressed_party(t: Token) -> bool:
    """A subject a paper can address a request to: a named body, an acronym, or a noun naming a body,
    a kind of body or an office ("Cabinet", "ICSs", "local systems", "districts"), not the people a
    service describes ("all offenders are asked whether ...")."""
    return t.pos_ == "PROPN" or re.fullmatch(r"[A-Z]{2,}s?", t.text) is not None \
        or t.lemma_.lower() in PARTY_HEADS | _PLACE_PARTIES


# Kinds of place that act as bodies in NHS and local-government papers ("systems are asked to ...").
_PLACE_PARTIES = frozenset({"system", "region", "area", "district", "borough", "locality", "place", "county"})


def _stray_subject(sent: Span, root: Token) -> bool:
    """A subject or auxiliary before the root that the parser hung on a word that is no verb ("a
    change ... does not on its own translate": "change" and "does" under "on"): the root has a
    subject after all, so it is no imperative."""
    return any(t.dep_ in (*_SUBJECT_DEPS, "aux") and t.i < root.i and not _is_verb(t.head) for t in sent)


def find_predicate(sent: Span, root: Token | None = None) -> tuple[str, Token | None, Token | None, str]:
    """(form, predicate, head, marker) of a sentence (or of one of its coordinated clauses, `root`):
    the committing predicate and what makes it one."""
    coordinated = root is not None
    root = root if root is not None else sent.root
    start = _label_start(sent)
    if root.i < start and not coordinated:  # a label is the root ("Action: Develop ..."): look at what follows it
        inner = [t for t in sent if t.i >= start and (t.head.i < start or t.head == t)]
        if inner:
            root = inner[0]
    if not coordinated and root.tag_ == "VBG" and any(c.dep_ == "det" and c.i < root.i for c in root.children):
        # an -ing word after an article is a noun or part of a name ("A Making Every Adult Matter bid was
        # submitted", "The Living Well service will open"): the finite clause the parser hung under it,
        # with a subject of its own, is the sentence's
        finite = next((c for c in root.children if c.dep_ in ("ccomp", "relcl", "acl") and _is_verb(c)
                       and _children(c, *_SUBJECT_DEPS)), None)
        if finite is not None:
            root = finite
    if not coordinated and root.pos_ == "ADP" and root.i == start:
        # a fronted time or place phrase is no clause ("In the first year of the strategy we will recruit
        # ...", parsed as "the strategy (that) we will recruit"): the first finite clause with a subject
        # of its own that the parser hung inside the phrase is the sentence's
        finite = next((t for t in root.subtree if t.dep_ in ("relcl", "acl", "ccomp") and _is_verb(t)
                       and _children(t, *_SUBJECT_DEPS)), None)
        if finite is not None:
            root = finite
    # Reported speech and decisions: "X agreed to ...", "Members resolved that ...", "She indicated that ..."
    lemma = _verb_lemma(root)
    comps = _children(root, "xcomp", "ccomp")
    comp = next((c for c in comps if c.dep_ == "xcomp" and _has_to(c)), comps[0] if comps else None)
    if _is_verb(root) and lemma in DECISION_VERBS and _is_past_or_done(root) and _decides(root):
        return DECISION, comp if comp is not None else root, root, root.text.lower()
    if _is_verb(root) and lemma in DECISION_VERBS and root.tag_ == "VBN" and root.i == start:
        return DECISION, comp if comp is not None else root, root, root.text.lower()  # "Resolved that ..."
    if _is_verb(root) and lemma in _ACCEPTING_VERBS and _accepts_a_proposal(root):
        return DECISION, root, root, root.text.lower()  # "This recommendation is accepted in full by ..."
    if _is_verb(root) and lemma in ("agree", "commit", "resolve", "undertake") and root.tag_ in ("VBP", "VBZ") \
            and comp is not None and _has_to(comp):
        return SEMI_MODAL, comp, root, f"{root.lower_} to"  # "Partners agree to ...": a pledge in the present
    if _is_verb(root) and lemma in ("commit", "pledge") and root.tag_ in ("VBP", "VBZ"):
        target = _to_complement(root)  # "The partnership commits to publishing ...": a pledge in the present
        if target is not None and target.tag_ == "VBG":
            return SEMI_MODAL, target, root, f"{root.lower_} to"
    if _is_verb(root) and lemma == "commit" and root.tag_ == "VBN":  # "is committed to delivering / to a focus"
        target = _to_complement(root)
        if target is not None:
            return SEMI_MODAL, target, root, "committed to"
    # "It is intended / anticipated / expected / planned that ...": the that-clause is the undertaking
    ccomp = next(iter(_children(root, "ccomp")), None)
    if ccomp is not None and lemma in _INTENT_VERBS and any(c.dep_ in ("nsubjpass", "nsubj") and c.lower_ == "it"
                                                            for c in root.children):
        return REPORTED, ccomp, root, f"it is {root.lower_} that"
    # "We propose / intend / plan that each priority has a clinical lead": the body's undertaking
    subj0 = next(iter(_children(root, "nsubj")), None)
    if ccomp is not None and lemma in _FIRST_PERSON_INTENT and root.tag_ == "VBP" and subj0 is not None \
            and subj0.lower_ in ("we", "i"):
        return SEMI_MODAL, ccomp, root, f"{subj0.lower_} {root.lower_} that"
    # "The plan sets out that every school will have ...", "The proposal confirms that the service will
    # move ...": what the body's own plan states it will do, its undertaking (a forecast stays one:
    # "The plan states that demand will rise", kb.extract.judge)
    if ccomp is not None and subj0 is not None and subj0.lemma_.lower() in _OWN_PLAN_NOUNS \
            and root.tag_ in ("VBZ", "VBP") and _states(root) \
            and any(a.lower_ in ("will", "shall") for a in _aux_words(ccomp)):
        return SEMI_MODAL, ccomp, root, f"{subj0.lower_} {root.lower_} that"
    # "The expectation / intention / aim is that ... will ..."
    if lemma == "be" and ccomp is not None and subj0 is not None and subj0.lemma_.lower() in _AIM_NOUNS:
        return SEMI_MODAL, ccomp, root, f"{subj0.lower_} is that"
    if comp is not None and comp.dep_ == "ccomp" and _is_verb(root) and lemma in _REPORTING_VERBS \
            and root.tag_ in ("VBD", "VBN") and not coordinated and not _children(comp, *_SUBJECT_DEPS) \
            and any(a.tag_ == "MD" for a in _aux_words(comp)):
        # a modal clause with no subject of its own is no reported speech: in "The fund announced in the
        # budget should provide ..." the reporting verb is a participle on the subject (the parser's
        # root a mistake); the modal clause is the sentence's, its subject the participle's
        return find_predicate(sent, comp)
    if comp is not None and _is_verb(root) and lemma in _REPORTING_VERBS and root.tag_ in ("VBD", "VBN"):
        # "suggested that councils should report ...": advice reported, not an undertaking reported
        said = ("would", "will", "shall") if lemma in _ADVISING_VERBS else ("would", "will", "should", "shall")
        modal = next((a for a in _aux_words(comp) if a.lower_ in said), None)
        progressive = any(a.lower_ == "being" or a.lemma_ == "be" and comp.tag_ == "VBG" for a in _aux_words(comp))
        # "have indicated they intend to move ...", "said it plans to close ...": an intention reported
        intends = comp.lemma_.lower() in _SUBJECT_CONTROL and any(x.dep_ == "xcomp" and _has_to(x) for x in comp.children)
        # "Practices were advised to update ...": advice once given to the subject, a report of the past
        # (as "were asked to", "were encouraged to"), not an undertaking reported
        advised = modal is None and _has_to(comp) and any(a.dep_ == "auxpass" and a.tag_ == "VBD" for a in root.children)
        if (modal is not None or _has_to(comp) or progressive or intends) and not advised:
            said = modal.lower_ if modal is not None else ("to" if _has_to(comp) or intends else "was being")
            return REPORTED, comp, root, f"{root.text.lower()} ... {said}"
    # "was to be established": reported future (past of "is to")
    if lemma == "be" and comp is not None and comp.dep_ == "xcomp" and _has_to(comp) \
            and not _children(root, "acomp", "attr"):
        subj = _children(root, "nsubj", "nsubjpass")
        if subj and subj[0].lemma_.lower() in _AIM_NOUNS:
            return SEMI_MODAL, comp, root, f"{subj[0].lower_} is to"
        if root.tag_ == "VBD":
            return REPORTED, comp, root, "was to"
        return BE_TO, comp, root, "is to"
    if lemma == "be" and subj0 is not None and subj0.lemma_.lower() in _AIM_NOUNS:
        target = next((g for c in root.children if c.dep_ == "prep" and c.lower_ in ("for", "on", "to")
                       for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if target is not None:
            modal = next((a for a in _aux_words(root) if a.lower_ in _FUTURE_MODALS), None)
            return SEMI_MODAL, target, root, f"{subj0.lower_} {modal.lower_ + ' be' if modal is not None else 'is'}"
    expl = next(iter(_children(root, "expl")), None)
    attr = next(iter(_children(root, "attr")), None)
    if lemma == "be" and expl is not None and attr is not None and attr.lemma_.lower() in _AIM_NOUNS:
        target = _to_complement(attr) or next((c for c in attr.children if c.dep_ == "acl" and _has_to(c)), None)
        if target is not None:
            return SEMI_MODAL, target, root, f"there is a {attr.lower_} to"
    # "Reducing waiting times will be our priority", "Developing clear routes of access will be a
    # priority": an action as the subject of an aim noun is the body's undertaking
    action = next(iter(_children(root, "csubj")), None)
    if lemma == "be" and attr is not None and attr.lemma_.lower() in _AIM_NOUNS and action is not None \
            and action.tag_ == "VBG" and root.tag_ != "VBD":
        modal = next((a for a in _aux_words(root) if a.lower_ in _FUTURE_MODALS), None)
        return SEMI_MODAL, action, root, f"{modal.lower_ + ' be' if modal is not None else 'is'} a {attr.lower_}"
    # "it is the intention to consult ...", "it is our intention that the service is extended"
    if lemma == "be" and attr is not None and attr.lemma_.lower() in _AIM_NOUNS:
        target = comp if comp is not None and _has_to(comp) else next(
            (c for c in attr.children if c.dep_ == "acl" and _has_to(c)), None)
        if target is not None:
            return SEMI_MODAL, target, root, f"the {attr.lower_} is to"
        that = next((t for t in (*attr.subtree, *(comp.subtree if comp is not None else ()))
                     if t.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)),
                    None)
        if that is not None and subj0 is not None and subj0.lower_ == "it":
            return SEMI_MODAL, that, root, f"the {attr.lower_} is that"
    # "Our priority is the creation of a Partnership Board", "The first step is the review of ...":
    # an aim whose content is an action noun
    if lemma == "be" and subj0 is not None and (subj0.lemma_.lower() in _AIM_NOUNS | {"step"} or _area_of_work(subj0)) \
            and attr is not None and attr.lower_ in ACTION_NOUNS \
            and not any(a.lower_ in ("was", "were", "had", "has", "have") for a in _aux_words(root)) \
            and root.tag_ != "VBD":
        return SEMI_MODAL, attr, root, f"{subj0.lower_} is"
    # "It will be for the Government to decide ...", "it is for each board to agree ...": the party the
    # duty lies with is to act (the parser makes the party the infinitive's subject under "for")
    if lemma == "be" and subj0 is not None and subj0.lower_ == "it" and attr is None \
            and not _children(root, "acomp"):
        duty = next((v for v in root.children if v.dep_ in ("advcl", "ccomp", "xcomp") and _has_to(v)
                     and any(m.dep_ == "mark" and m.lower_ == "for" for m in v.children)
                     and any(_addressed_party(x) for x in _children(v, "nsubj"))), None)
        if duty is not None:
            modal = next((a for a in _aux_words(root) if a.lower_ in _FUTURE_MODALS), None)
            return (MODAL if modal is not None else SEMI_MODAL), duty, root, \
                f"{modal.lower_ + ' be' if modal is not None else 'is'} for"
    # "The alliance has given a pledge to ...", "Our board has a firm plan to ...": the pledge
    # noun's infinitive is the undertaking
    dobj = next(iter(_children(root, "dobj")), None)
    if _is_verb(root) and lemma in _PLEDGE_VERBS and dobj is not None and dobj.lemma_.lower() in _PLEDGE_NOUNS:
        target = _to_complement(dobj) or next((c for c in dobj.children if c.dep_ == "acl" and _has_to(c)), None)
        if target is not None:
            return SEMI_MODAL, target, root, f"{root.lower_} a {dobj.lower_} to"
    # "The council is committed to opening ...", "We are determined to ..."
    acomp = next(iter(_children(root, "acomp")), None)
    # ("The partners remain committed to ...", "We stay determined to ...": the same state kept)
    if lemma in ("be", "remain", "stay") and acomp is not None and acomp.lower_ in _COMMITTED_ADJECTIVES \
            and (lemma == "be" or acomp.lower_ in ("committed", "determined", "dedicated")):
        target = _to_complement(acomp)
        if target is not None and acomp.lower_ == "due" and target.dep_ == "pobj" and not target.tag_.startswith("VB"):
            target = None  # "due to staff shortages": because of them, nothing to be done
        if target is not None:
            return SEMI_MODAL, target, root, f"{acomp.lower_} to"
    # The same request in the active voice, made by a paper or a body: "This letter asks Health
    # Boards to use ...", "The guidance asks councils to publish ..." (a party asked only to note
    # does nothing; "we would ask" is no request made)
    # An expectation the writer places on a party is the same request ("We expect local leaders to
    # engage their MPs", "The guidance expects boards to publish ..."); what a writer expects of things
    # is a forecast ("We expect demand to rise": no party).  A request for a thing to be done ("We ask
    # for an interim plan to be submitted by 21 March") asks whoever is addressed.
    if _is_verb(root) and lemma in _ACTIVE_REQUEST_VERBS | {"expect"} and root.tag_ in ("VBZ", "VBP") \
            and not _aux_words(root):
        asker = next(iter(_children(root, "nsubj")), None)
        asking = asker is not None and (
            asker.lower_ in ("we", "i") or _addressed_party(asker) or asker.lemma_.lower() in _PAPER_NOUNS)
        party = next((o for o in _children(root, "dobj") if o.tag_ != "PRP" and _addressed_party(o)), None)
        target = None
        if party is not None:
            target = comp if comp is not None and comp.dep_ == "xcomp" and _has_to(comp) else next(
                (v for v in _children(party, "acl") if v.tag_ == "VB" and _has_to(v)), None)
        elif comp is not None and comp.dep_ == "ccomp" and _has_to(comp) and any(
                s.tag_ != "PRP" and _addressed_party(s) for s in _children(comp, "nsubj")):
            target = comp  # the parser's reading of "expect leaders to work": leaders the infinitive's subject
        elif lemma in ("ask", "request"):
            target = next((v for p in _children(root, "prep") if p.lower_ == "for" for o in _children(p, "pobj")
                           for v in _children(o, "acl") if v.tag_ == "VBN" and _has_to(v)
                           and any(a.dep_ == "auxpass" for a in v.children)), None)
        if asking and target is not None and _verb_lemma(target) not in NOTING_VERBS:
            return SEMI_MODAL, target, root, f"{root.lower_} to"
    # A paper's request of a party, in the present: "Systems are asked to set up ..." (the party is
    # to act), "Cabinet is asked to agree the plan" (a decision put to it); an addressee asked to take
    # note ("The Board is asked to note the report") does nothing
    if _is_verb(root) and lemma in REQUEST_VERBS and root.tag_ == "VBN" and comp is not None \
            and comp.dep_ == "xcomp" and _has_to(comp) \
            and any(a.dep_ == "auxpass" and a.lower_ in ("is", "are", "am") for a in root.children) \
            and any(_addressed_party(c) for c in _children(root, "nsubjpass")):
        # what the party is asked to do, past what it is asked only to note ("asked to note the
        # report and agree the priorities": the agreeing)
        acts = [v for v in (comp, *(c for c in comp.children if c.dep_ == "conj" and _is_verb(c)))
                if _verb_lemma(v) not in NOTING_VERBS]
        if acts:
            target = acts[0]
            if _verb_lemma(target) in DECISION_VERBS | {"adopt", "authorise", "authorize", "confirm"}:
                return DECISION, target, root, f"{root.lower_} to"
            return SEMI_MODAL, target, root, f"{root.lower_} to"
    # An intention announced: "The Minister announced her intention to introduce ...", "The Board
    # has confirmed its commitment to fund ...": what was announced is still to be done
    if _is_verb(root) and lemma in _ANNOUNCING_VERBS:
        said = next((v for o in _children(root, "dobj") if o.lemma_.lower() in _INTENTION_NOUNS
                     for v in _children(o, "acl") if v.tag_ == "VB" and _has_to(v)), None)
        if said is not None:
            return SEMI_MODAL, said, root, "intention to"
    # "The Council intends for the rules to be in force by March": a semi-modal over a clause with its own subject
    if _is_verb(root) and lemma in _SEMI_MODAL_VERBS and comp is not None and comp.dep_ == "ccomp" and _has_to(comp) \
            and any(c.dep_ == "prep" and c.lower_ == "for" and c.i < comp.i for c in root.children):
        return SEMI_MODAL, comp, root, f"{root.lower_} for"
    # Semi-modals: "aims to deliver", "are expected to deliver", "will continue to work"
    if _is_verb(root) and lemma in _SEMI_MODAL_VERBS and comp is not None and comp.dep_ == "xcomp" and _has_to(comp) \
            and not (lemma in _SUBJECT_CONTROL and any(c.dep_ == "dobj" and c.i < comp.i for c in root.children)):
        passive = any(c.dep_ == "auxpass" for c in root.children) or root.tag_ == "VBN"
        if lemma not in _PASSIVE_ONLY_SEMI or passive:
            modal = next((a for a in _aux_words(root) if a.lower_ in _FUTURE_MODALS), None)
            marker = f"{modal.lower_} {lemma}" if modal is not None else f"{root.lower_} to"
            return (MODAL if modal is not None else SEMI_MODAL), comp, root, marker
    # Modal auxiliaries on the root (or on its passive participle)
    for a in _aux_words(root):
        if a.lower_ in _FUTURE_MODALS:
            return MODAL, root, root, a.lower_
        if a.lower_ in _WEAK_MODALS:
            return CONDITIONAL, root, root, a.lower_
    # Subjunctive of a resolution: "That the strategy be endorsed", "... be submitted to ..."
    if root.tag_ == "VBN" and any(a.lower_ == "be" and a.tag_ == "VB" for a in _aux_words(root)) \
            and not any(a.lower_ == "to" for a in _aux_words(root)):
        return DECISION, root, root, "be"
    first = first_word(sent)
    # Imperative: a base-form verb with no subject at the start ("Develop ...", "INCREASE access ...")
    # (a label the parser made the subject, "Action: circulate the ...", is not one)
    # (a leading item number the parser made the subject, "2.1.1 Extend the scheme", is none)
    # A present-tense tag on the first word with no subject is the base form too: a present verb
    # needs a subject, so "offer every carer a health check" (a bullet completing "we will:") is one.
    # A past tag on a verb whose past is its base form ("set", "put", "cut") with no subject is the base
    # form too, after a fronted phrase: "Working with the districts, set up a handyperson service".
    if (root.tag_ == "VB" or root.tag_ == "VBP" and first is not None and first.i == root.i
            or root.tag_ == "VBD" and root.lower_ == root.lemma_.lower()) \
            and not [c for c in _children(root, *_SUBJECT_DEPS)
                                  if c.i >= start and not (c.like_num and first is not None and c.i < first.i)] \
            and not _aux_words(root) and first is not None and not _change_noun(root) \
            and (first.i == root.i or not coordinated and root.dep_ == "ROOT" and not _stray_subject(sent, root)):
        return IMPERATIVE, root, root, ""
    if not coordinated and first is not None and _mis_tagged_imperative(first) and first.i <= start + 1 \
            and not _change_noun(first) \
            and not _children(first, *_SUBJECT_DEPS):
        return IMPERATIVE, first, first, ""
    if first is not None and _change_noun(first) and not _children(first, *_SUBJECT_DEPS) \
            and first.dep_ not in _SUBJECT_DEPS:  # (not "Growth in activity has been higher than ...")
        return NOMINAL, first, first, ""  # "Increase in access to ...": a change named, as "Reduction in ..."
    # Infinitive: "To deliver ...", or headline "Local councils to review ..." (a noun with a to-infinitive)
    if root.tag_ == "VB" and _has_to(root) or _passive_infinitive(root):
        return INFINITIVE, root, root, "to"  # with a subject a headline: "Boards to consider ..."
    if root.pos_ in ("NOUN", "PROPN", "PRON"):
        acl = next((c for c in sent if (c.dep_ in ("acl", "relcl", "conj") or c.dep_ == "xcomp" and c.head.i == root.i)
                    and not _children(c, *_SUBJECT_DEPS)
                    and (c.tag_ == "VB" and _has_to(c) or _passive_infinitive(c))), None)
        if acl is not None:  # "Options to be considered by the Board", "Councils to review ..."
            return INFINITIVE, acl, acl, "to"
    # A participle heading a verbless bullet: "Increased early diagnosis", "Reduced waiting times" (a
    # finite past clause has a subject; this has none)
    if root.tag_ in ("VBN", "VBD") and not _aux_words(root) and not _children(root, *_SUBJECT_DEPS) \
            and first is not None and first.i == root.i and not _acted_on(root):
        return NOMINAL, root, root, ""
    # Gerund deliverable: "Implementing the ...", "Working with ..."
    if root.tag_ == "VBG" and not _aux_words(root) and not _children(root, *_SUBJECT_DEPS) \
            and root.lemma_.lower() != root.lower_:  # a verb's -ing form ("Improving"), not "Wellbeing"
        return GERUND, root, root, ""
    stray = _stray_future(sent, root)
    if stray is not None:
        return MODAL, stray, stray, next(a.lower_ for a in _aux_words(stray) if a.lower_ in _FUTURE_MODALS)
    # Nominal deliverable: a noun phrase with no verb, headed by a nominalisation ("Reduction in ...")
    if root.pos_ in ("NOUN", "PROPN") and not any(_is_verb(t) and t.dep_ in ("ROOT", "ccomp") for t in sent) \
            and (root.lower_.endswith(_NOMINAL_SUFFIXES) or root.lower_ in ACTION_NOUNS) \
            and root.lower_ not in _AIM_NOUNS:
        return NOMINAL, root, root, ""
    if _is_verb(root):
        return INDICATIVE, root, root, ""
    return NONE, None, None, ""


def _stray_future(sent: Span, root: Token) -> Token | None:
    """A future verb the small parser hung inside a relative clause of a noun root ("The proportion of
    people who feel lonely will have reduced ..." parsed with "proportion" as the root): the verb with
    a future modal and no subject of its own is the main predicate, the root noun its subject."""
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    for t in sent:
        if t.i > root.i and _is_verb(t) and t.dep_ in ("conj", "relcl") and not _children(t, *_SUBJECT_DEPS) \
                and any(a.lower_ in _FUTURE_MODALS for a in _aux_words(t)):
            return t
    return None


def _area_of_work(t: Token) -> bool:
    """"A key area of focus", "an area of further development", "the main area of work": a subject
    that names an aim, as "priority" does."""
    return t.lemma_.lower() == "area" and any(
        o.lemma_.lower() in ("focus", "development", "work", "improvement", "priority")
        for p in _children(t, "prep") if p.lower_ == "of" for o in _children(p, "pobj"))


def _passive_infinitive(t: Token) -> bool:
    """"to be agreed", "to be considered": a participle with "to" and a passive "be"."""
    return t.tag_ == "VBN" and _has_to(t) and any(c.dep_ == "auxpass" and c.lower_ == "be" for c in t.children)


def _to_complement(t: Token) -> Token | None:
    """The verb a "to" complement of an adjective names: "committed to working", "determined to deliver"."""
    for c in t.children:
        if c.dep_ in ("xcomp", "advcl") and _has_to(c):
            return c
        if c.dep_ == "prep" and c.lower_ == "to":
            for g in c.children:
                if g.dep_ in ("pcomp", "pobj"):
                    return g
    return None


# A response to recommendations decides in the present: "This recommendation is accepted in full by
# the Council", "The Trust accepts both recommendations", "Proposal 3 is agreed".
_ACCEPTING_VERBS = frozenset({"accept", "agree", "approve", "endorse", "support", "adopt"})
_PROPOSAL_NOUNS = frozenset({"recommendation", "proposal", "request", "option", "amendment", "motion"})


def _accepts_a_proposal(verb: Token) -> bool:
    if verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VB" and _children(verb, "nsubj"):
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _PROPOSAL_NOUNS for c in verb.children)
    return verb.tag_ == "VBN" and any(a.lower_ in ("is", "are") for a in _aux_words(verb)) \
        and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in _PROPOSAL_NOUNS for c in verb.children)


def _decides(verb: Token) -> bool:
    """"Resolved", "agreed", "approved", "endorsed" always report a decision; "supported", "accepted",
    "adopted", "signed" only when a meeting body did it or it was done to a proposal (passive)."""
    if verb.lemma_.lower() in _COMPLEMENT_DECISION_VERBS and not _children(verb, "xcomp", "ccomp"):
        return False
    if verb.lemma_.lower() == "conclude" and not any(c.dep_ == "auxpass" for c in verb.children):
        subj = _children(verb, "nsubj")
        that = any(m.dep_ == "mark" and m.lower_ == "that" for c in _children(verb, "ccomp") for m in c.children)
        if not that or not subj or not (subj[0].pos_ == "PROPN" or subj[0].lemma_.lower() in PARTY_HEADS
                                         or subj[0].lemma_.lower() in _MEETING_NOUNS):
            return False  # "Mr X concluded by reiterating ...", "the analysis concluded that ...": a speaker, a finding
    if verb.lemma_.lower() in ("request", "instruct", "direct"):
        # "The Committee requested that a briefing be circulated / a further report": the meeting asks
        # its officers to act; not "requested clarification"
        if not (_children(verb, "ccomp", "xcomp") or any(o.lemma_.lower() in _REQUESTED_THINGS
                                                         for o in _children(verb, "dobj"))):
            return False
    if verb.lemma_.lower() in ASSIGNING_VERBS:  # a decision only as a meeting's act or while still pending
        # "The Board has asked the Trust to review ...", "the group has been tasked with / asked to
        # provide a paper", "Members asked officers to circulate ...": work assigned and not yet done;
        # not "Residents asked us to ..." nor "We were asked in 2019 to ..."
        if not any(_has_to(c) for c in _children(verb, "xcomp", "ccomp")):
            return False
        perfect = any(a.lower_ in ("has", "have", "'ve", "’ve") for a in _aux_words(verb))
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        subj = _children(verb, "nsubj")
        # a writer who has asked someone to act ("I have asked our officers to raise this again", in a
        # cabinet member's answer or a letter) has given the work as a body does
        body = bool(subj) and (subj[0].pos_ == "PROPN" or subj[0].lemma_.lower() in PARTY_HEADS | {"i"}
                               or subj[0].lemma_.lower() in _MEETING_NOUNS or subj[0].lower_ in _MEETING_NOUNS)
        meeting = bool(subj) and (subj[0].lemma_.lower() in _MEETING_NOUNS or subj[0].lower_ in _MEETING_NOUNS)
        return perfect and (passive or body) or meeting
    if verb.lemma_.lower() == "agree" and _agreed_view(verb):
        return False
    if verb.lemma_.lower() in _CORE_DECISION_VERBS:
        return True
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.lemma_.lower() in _ACCEPTING_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _PROPOSAL_NOUNS for c in verb.children):
        return True  # "The ICB has supported the following recommendations": a body's answer to proposals
    subj = _children(verb, "nsubj")
    return bool(subj) and (subj[0].lemma_.lower() in _MEETING_NOUNS or subj[0].lower_ in _MEETING_NOUNS)


def _agreed_view(verb: Token) -> bool:
    """"Members agreed that it was too early to judge": what a meeting agreed is so (a that-clause in
    the indicative), not what is to be done ("agreed that the plan would / be brought back")."""
    if _children(verb, "xcomp") or _children(verb, "dobj"):
        return False
    comps = _children(verb, "ccomp")
    if not comps:
        return False
    c = comps[0]
    auxes = [a for a in c.children if a.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MODAL_WORDS or a.lower_ == "to" for a in auxes):
        return False
    if c.tag_ == "VB" or any(a.lower_ == "be" and a.tag_ == "VB" for a in auxes):
        return False  # subjunctive: "agreed that the report be circulated"
    return c.tag_ in ("VBD", "VBZ", "VBP") or any(a.tag_ in ("VBD", "VBZ", "VBP") for a in auxes)


def _is_past_or_done(t: Token) -> bool:
    """A finished act: "approved", "agreed to", "was agreed", "have resolved"."""
    if t.tag_ == "VBD":
        return True
    if t.tag_ == "VBN":
        return any(a.lower_ in ("was", "were", "has", "have", "had", "been", "'ve", "’ve") for a in _aux_words(t))
    return False


def tense_aspect(head: Token | None, form: str) -> tuple[str, str]:
    """Tense and aspect of the predicate, read from its auxiliaries and its own tag."""
    if head is None:
        return "none", "simple"
    auxes = _aux_words(head)
    words = [a.lower_ for a in auxes]
    aspect = "simple"
    if head.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes) or "being" in words:
        aspect = "progressive"  # "are developing", "are being formed"
    if any(a.lemma_ == "have" or a.lower_ in ("'ve", "’ve") for a in auxes) and head.tag_ == "VBN" or "been" in words and head.tag_ == "VBG":
        aspect = "perfect"
    if form in (MODAL,) or any(w in _FUTURE_MODALS for w in words) or form in (SEMI_MODAL, BE_TO, INFINITIVE,
                                                                               IMPERATIVE):
        if head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) and form == SEMI_MODAL:
            return "past", aspect  # "aimed to", "were committed to"
        if form == SEMI_MODAL and aspect == "perfect" \
                and head.lemma_.lower() not in {"commit", "agree", "resolve", *_PLEDGE_VERBS} \
                and not any(w in _FUTURE_MODALS for w in words):
            return "past", aspect  # "have carried on meeting", "the aims have been to secure"
        return "future", aspect
    if form == REPORTED:
        return "future", aspect  # future seen from the past: "would circulate", "was to be"
    finite = next((a for a in auxes if a.tag_ in ("VBD", "VBZ", "VBP", "MD")), None)
    tag = finite.tag_ if finite is not None else head.tag_
    if tag == "VBD" or (tag == "VBN" and not auxes):
        return "past", aspect
    if tag in ("VBZ", "VBP"):
        return "present", aspect
    return "none", aspect


def is_negated(head: Token | None, predicate: Token | None) -> bool:
    for t in (head, predicate):
        if t is not None and any(c.dep_ == "neg" or c.lower_ in ("never",) for c in t.children):
            return True
    return False


def condition_of(sent: Span, head: Token | None, predicate: Token | None) -> str:
    """The text of an "if / unless / provided" clause or a "subject to" phrase attached to the predicate."""
    anchors = [t for t in (head, predicate, sent.root) if t is not None]
    for a in anchors:
        for c in a.children:
            if c.dep_ == "advcl" and c.left_edge.lower_ in ("should", "were", "had") and c.left_edge.i < c.i \
                    and c.left_edge.dep_ in ("aux", "auxpass"):
                return sent.doc[c.left_edge.i:c.right_edge.i + 1].text  # inverted: "Should the plan be ..."
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children):
                return sent.doc[c.left_edge.i:c.right_edge.i + 1].text
            if c.lower_ in _CONDITION_ADJ and any(g.lower_ == "to" or g.lower_ == "on" for g in c.children):
                return sent.doc[c.left_edge.i:c.right_edge.i + 1].text
            if c.dep_ == "prep" and c.lower_ in ("depending", "dependent", "subject") or (
                    c.dep_ == "advcl" and c.lower_ in ("depending", "subject")):
                return sent.doc[c.left_edge.i:c.right_edge.i + 1].text
    return ""


def _main_chain(sent: Span, head: Token | None, predicate: Token | None) -> set[int]:
    """Tokens of the main clause's verb chain: the root, its semi-modal complement, coordinated verbs."""
    chain: set[int] = set()
    todo = [t for t in (sent.root, head, predicate) if t is not None]
    while todo:
        t = todo.pop()
        if t.i in chain:
            continue
        chain.add(t.i)
        for c in t.children:
            if c.dep_ in ("conj", "xcomp") and _is_verb(c):
                todo.append(c)
    return chain


def future_only_subordinate(sent: Span, head: Token | None, predicate: Token | None) -> bool:
    """Whether every future word of the sentence hangs off a verb outside the main chain."""
    chain = _main_chain(sent, head, predicate)
    futures = [t for t in sent if t.dep_ == "aux" and t.lower_ in ("will", "shall", "'ll", "wo")]
    if not futures:
        return False
    return all(f.head.i not in chain for f in futures)


def voice_of(head: Token | None, predicate: Token | None, form: str = "") -> str:
    """Passive when the predicate (or, without a semi-modal, its head) takes a passive auxiliary: "is
    expected to fall" is active -- "expected" is the semi-modal, "fall" the predicate."""
    for t in ((predicate,) if form in (SEMI_MODAL, BE_TO) else (predicate, head)):
        if t is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
            return "passive"
    return "active"


def noun_phrase(t: Token) -> Span:
    """The noun phrase a token heads, without its coordinated siblings or relative clauses."""
    keep = [t]
    for c in t.children:
        if c.dep_ in ("conj", "cc", "punct", "relcl", "acl", "appos", "advcl") or (c.dep_ == "prep" and c.i < t.i) \
                or c.dep_ == "xcomp" and c.i > t.i:  # "All trusts [to have ...]": the headline's verb
            continue
        keep.extend(c.subtree)
    lo = min(k.i for k in keep)
    hi = max(k.i for k in keep)
    return t.doc[lo:hi + 1]


def _listed_as_apposition(t: Token, c: Token) -> bool:
    """Names in a list the parser hung as an apposition: a name, a comma, a name with conjuncts."""
    return c.dep_ == "appos" and t.pos_ == c.pos_ == "PROPN" and c.left_edge.i > 0 \
        and t.doc[c.left_edge.i - 1].text == "," and any(g.dep_ == "conj" for g in c.children)


def with_conjuncts(t: Token) -> list[Token]:
    """A noun with the nouns coordinated with it; also a list the parser hung as an apposition
    ("the UK Government, the Scottish Government, the Welsh Government and ...": the second item an
    appositive whose conjuncts are the rest), though not a plain apposition ("the Chair, Cllr Khan")."""
    out = [t]
    for c in t.children:
        if c.pos_ in ("NOUN", "PROPN", "PRON") and (c.dep_ == "conj" or _listed_as_apposition(t, c)):
            out.extend(with_conjuncts(c))
    return out


def subjects_of(head: Token | None, predicate: Token | None, form: str) -> list[Token]:
    """The grammatical subject head(s): of the predicate, else of the semi-modal or reporting head."""
    if predicate is not None and form == MODAL and _stray_future(predicate.sent, predicate.sent.root) is predicate:
        return with_conjuncts(predicate.sent.root)
    for t in (predicate, head):
        if t is None:
            continue
        subj = _children(t, *_SUBJECT_DEPS)
        if subj:
            return with_conjuncts(subj[0]) if subj[0].dep_ != "expl" else [subj[0]]
    if form == INFINITIVE and predicate is not None and (predicate.dep_ in ("acl", "relcl") or
                                                          predicate.dep_ == "xcomp" and predicate.head.pos_ in ("NOUN", "PROPN")):
        return with_conjuncts(predicate.head)  # headline "Councils to review ..."
    if head is not None and head.dep_ in ("xcomp", "conj") and head.head is not head:
        return subjects_of(None, head.head, form)
    if head is not None and head.dep_ == "ccomp" and head.head.dep_ == "ROOT" and head.head.tag_ in ("VBN", "VBD"):
        # "The fund announced in the budget should provide ...": the participle's subject (find_predicate)
        return subjects_of(None, head.head, form)
    return []


def doers_of(head: Token | None, predicate: Token | None, form: str, subjects: list[Token]) -> list[Span]:
    """Who is to act: a passive's agent ("by the Trust", also on a coordinated participle: "overseen
    and managed by the Trust"), else the subject(s); not "it" or "there"."""
    verbs = [t for t in (predicate, head) if t is not None]
    verbs += [c for t in verbs[:1] for c in _children(t, "conj") if c.tag_ == "VBN"]
    for t in verbs:
        for agent in _children(t, "agent"):
            objs = [g for g in agent.children if g.dep_ == "pobj"]
            if objs and not objs[0].like_num and objs[0].ent_type_ not in ("DATE", "TIME"):
                return [noun_phrase(o) for o in with_conjuncts(objs[0])]
    if form == REPORTED and predicate is not None:
        inner = _children(predicate, "nsubj")
        if inner:
            return [noun_phrase(o) for o in with_conjuncts(inner[0])]
    if form == DECISION and head is not None and head.dep_ == "ROOT" and predicate is not None and predicate is not head:
        inner = _children(predicate, "nsubj")  # "It was agreed that the Trust would ..." / "Board agreed to X"
        if inner:
            return [noun_phrase(o) for o in with_conjuncts(inner[0])]
    if form == SEMI_MODAL and subjects and subjects[0].lemma_.lower() in _AIM_NOUNS:
        return [noun_phrase(p) for p in _children(subjects[0], "poss")]  # "Our aim is to ...": whose aim
    passive = any(c.dep_ == "auxpass" for t in (predicate, head) if t is not None for c in t.children)
    if passive:
        return []  # a passive subject is what is acted on, not the doer
    return [noun_phrase(s) for s in subjects if s.dep_ != "expl" and s.lower_ not in ("it",) and s.tag_ != "WP"
            and s.tag_ != "WDT"]


def _spliced(sent: Span) -> list[Token]:
    """A clause before a comma that the parser hung under the root as its complement ("X will be a
    priority, so citizens have ...", "we propose that ..., this will also support ..."): a main
    clause spliced to the next one, not what the next one says (unlike "The clinic will open,
    officers said") nor a clause its conjunction subordinates ("Whilst members will ..., it is ...")."""
    root = sent.root
    return [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i and _is_verb(c)
            and _verb_lemma(root) not in _REPORTING_VERBS
            and not any(m.dep_ == "mark" for m in c.children)  # "Whilst members will ..., it is ...": subordinate
            and any(t.lower_ == "," and t.head in (c, root) for t in sent.doc[c.i + 1:root.i])] + _result_clauses(sent)


def _result_clauses(sent: Span) -> list[Token]:
    """A clause after ", so" with a subject of its own, which the parser hung under what came before
    ("Young people told us they feel ignored, so in 2022 we will set up a youth forum"): the
    sentence's conclusion, a main clause, not part of what was told."""
    doc = sent.doc
    out = []
    for c in sent:
        if c.dep_ not in ("ccomp", "conj", "advcl") or not _is_verb(c) or not _children(c, *_SUBJECT_DEPS):
            continue
        start = c.left_edge.i
        if start - 2 >= sent.start and doc[start - 1].lower_ == "so" and doc[start - 2].text == ",":
            out.append(c)
    return out


def _framed(sent: Span) -> list[Token]:
    """The clause an explanatory frame introduces when it has a doer of its own, a first-person one or
    a named body ("This means that by 2030 we will ...", "That is why the Council will ...", "...,
    which is why we have pledged to ..."): the frame says why or what follows, the clause it frames
    is the undertaking.  ("This means that more people will use it" frames no doer's undertaking.)"""
    out = []
    for t in sent:
        if t.dep_ not in ("ROOT", "advcl", "ccomp", "relcl", "conj") or not _is_verb(t) and t.lemma_ != "be":
            continue
        subj = _children(t, "nsubj")
        if not subj or subj[0].lower_ not in ("this", "that", "which", "it"):
            continue
        lemma = t.lemma_.lower()
        for c in _children(t, "ccomp"):
            why = any(w.lower_ == "why" for w in c.children) or any(w.lower_ == "why" for w in t.children)
            if not (lemma == "mean" or lemma == "be" and why):
                continue
            doers = _children(c, "nsubj")
            if doers and (doers[0].lower_ == "we" or doers[0].pos_ == "PROPN"):
                out.append(c)
    return out


def _coordinated_roots(sent: Span) -> list[Token]:
    """Main clauses joined to the root: "X are part of ... and will feature ...", "... – we aim to ..."."""
    out: list[Token] = []
    root = sent.root
    todo = [c for c in root.children if c.dep_ in ("conj", "parataxis") and _is_verb(c)]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "parataxis") and _is_verb(c))
    return out


def _refers_back(root: Token) -> bool:
    """The root clause's subject points back at what was said ("this will also support", "which")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("this", "that", "which", "these") for c in root.children)


def analyse(sent: Span) -> Clause:
    """The `Clause` of one sentence (a `Span` of a trained-parsed `Doc`): its root's, or the first
    coordinated main clause that commits when the root does not."""
    found = find_predicate(sent)
    others = [find_predicate(sent, r) for r in _coordinated_roots(sent)]
    others = [o for o in others if o[0] in COMMITTING_FORMS and o[0] not in (NOMINAL, GERUND)]
    spliced = [find_predicate(sent, r) for r in [*_framed(sent), *_spliced(sent)]]
    others = [o for o in spliced if o[0] in (MODAL, SEMI_MODAL, BE_TO)] + others
    if others and (found[0] not in COMMITTING_FORMS or _refers_back(sent.root)):
        found = others.pop(0)  # "..., this will also support ...": what came before is the undertaking
    clause = _build(sent, found)
    clause.coordinated = [_build(sent, o) for o in others]
    return clause


def _build(sent: Span, found: tuple[str, Token | None, Token | None, str]) -> Clause:
    form, predicate, head, marker = found
    tense, aspect = tense_aspect(head, form)
    subjects = subjects_of(head, predicate, form)
    clause = Clause(
        form=form, predicate=predicate, head=head, marker=marker, tense=tense, aspect=aspect,
        negated=is_negated(head, predicate), condition=condition_of(sent, head, predicate),
        future_in_subordinate_only=form not in COMMITTING_FORMS and future_only_subordinate(sent, head, predicate),
        voice=voice_of(head, predicate, form), subjects=subjects, sentence=sent,
    )
    return clause


_RANK = {DECISION: 0, MODAL: 1, SEMI_MODAL: 1, BE_TO: 1, REPORTED: 2, IMPERATIVE: 2, INFINITIVE: 3, GERUND: 4,
         NOMINAL: 5, CONDITIONAL: 6, INDICATIVE: 7, NONE: 8}


def main_clause(clauses: list[Clause]) -> Clause:
    """The clause a unit is judged by: the first committing one, else the first that has words (a
    report's paragraph number, "7.2", which the parser may split off as a sentence, says nothing)."""
    if not clauses:
        return Clause()
    committing = [c for c in clauses if c.committing]
    if committing:
        return min(committing, key=lambda c: _RANK.get(c.form, 9))
    return next((c for c in clauses if c.sentence is None or any(t.is_alpha for t in c.sentence)), clauses[0])


# --- spaCy wiring ------------------------------------------------------------------------------------

if not Doc.has_extension("clauses"):
    Doc.set_extension("clauses", default=None)
if not Doc.has_extension("clause"):
    Doc.set_extension("clause", getter=lambda doc: main_clause(clauses_of(doc)))
if not Span.has_extension("clause"):
    Span.set_extension("clause", getter=analyse)


def clauses_of(doc: Doc) -> list[Clause]:
    """The clauses the component stored, or analysed now for a Doc parsed without it."""
    if doc._.clauses is None:
        doc._.clauses = [analyse(s) for s in doc.sents]
    return doc._.clauses


@Language.component("kb_clause")
def clause_component(doc: Doc) -> Doc:
    """Pipeline step: analyse each sentence's clause (needs the tagger and the dependency parser)."""
    doc._.clauses = [analyse(s) for s in doc.sents]
    return doc


def add_to(nlp: Any) -> Any:
    """Add the clause step to a trained pipeline (idempotent)."""
    if "kb_clause" not in nlp.pipe_names:
        nlp.add_pipe("kb_clause", last=True)
    return nlp
