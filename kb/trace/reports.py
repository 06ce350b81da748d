"""What a passage reports about its subject, from the analysed clause (tense, aspect, condition,
negation), not from trigger words: computed at ingest (spaCy is allowed there) and stored, so
`kb trace` reads it without the parser.

* `done`: an affirmative, unconditional past or perfect ("has been introduced", "was launched"),
  a state reached, as progress reports write it in the present ("is complete", "is fully
  operational", "is in place", "is now open", "all practices now offer ..."; part way for a part of
  a whole, "three of the five hubs are now open"),
  a progress list's bullet headed by a past verb with its object, "we have" left out ("Awarded
  contracts for the new service"; not an outcome named by a participle, "Improved access"),
  or a verbless change measured from a past time ("a 30% fall in admissions since 2017");
* `partway`: a stage done with more to come: a step done set against what remains ("has fallen,
  but waits remain long"), a plan that follows a step done ("having agreed the design, we will
  start building"), or a later conjunct that says it goes on ("was drafted ... and will be
  adopted", "was cut ... and is being restored"): partial delivery, a result on the way;
* `ongoing`: an affirmative progressive, present or perfect ("is being rolled out", "have been
  developing"), work begun ("work has commenced") or continuing now ("the trust continues to
  widen the pilot", not a future "shall continue to"), or said to be in hand ("is under way", "we
  are on track to open it by March"): work going on, no result yet;
* `unmet`: a negated past, perfect or present ("has not been achieved", "is not yet in place"), a
  setback ("was postponed", "were unable to recruit", "proved difficult", "is behind schedule", "is
  on hold", "has yet to open"), or none of the work had ("no progress has been made");
* `revised` (in prose): a plan's item ended before it was done ("the pilot was discontinued", "plans
  for a second hub were abandoned", "is no longer commissioned") or decided against ("concluded that the
  bid could not go ahead", "decided not to proceed"), as a review prints "Withdrawn";
* `conditional`: a weak modal or a condition ("could only be achieved with", "if funding allows");
* `planned`: a commitment form (will, aims to, imperative, nominal deliverable, decision);
* `said`: a past verb of telling, hearing or discussing ("What residents have told us", "Members
  raised concerns"), a document telling ("The report provided information on progress with ...")
  or a meeting taking one in ("The board received a presentation on ..."): what was said, no act done;
* `statement`: anything else (a present description, a label).

* `step`: a past or perfect whose thing done is a planning document ("we updated our roadmap",
  "the business case was approved", "the Board adopted the strategy"), or whose doer is one ("the
  report set out the options"), or
  that sets up a vehicle for work to come ("a panel was set up to review the bids"): a step
  towards the commitment, not the commitment done.

A passage's report is that of its strongest sentence: unmet, then done, step, partway, ongoing, revised,
planned, conditional, said, statement.

A list item takes the report of its lead-in when it has no verb of its own: under "Engagement
held so far included:" or "What we achieved last year:" a bare noun phrase ("Drop-in sessions on
the library plans") reports that thing done, under "Work under way:"
ongoing; the lead-in's tense governs its items.

A record whose own document reports a status for it (a review table's row, an action block's
"Status:", `Commitment.reported`) reports what that status says (kb.layout.fields.progress_of):
done, ongoing, unmet, or `revised` (superseded, replaced, withdrawn).  The body's own verdict on
an action outranks any reading of its wording.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

REPORTS = ("unmet", "done", "step", "partway", "ongoing", "revised", "planned", "conditional", "said", "statement")

# What a plan produces on the way to what it promises, or a paper about it: a step done ("we updated our
# roadmap with the key milestones", "the panel sent a briefing to the cabinet") is progress towards
# the thing, not its delivery,
# unless the commitment itself was to produce that document (kb.trace.tracer.link_type).
ARTEFACTS = frozenset("plan plans roadmap roadmaps strategy strategies framework frameworks milestone milestones "
                      "case cases specification specifications proposal proposals option options appraisal "
                      "template templates bid bids draft drafts blueprint blueprints timeline timelines "
                      "prospectus trajectory trajectories report reports briefing briefings paper papers "
                      # and the bodies a plan sets up to do its work: "the board formed four sub groups",
                      # "a steering group was established" is the machinery, not the thing promised
                      "group groups subgroup subgroups board boards committee committees forum forums panel "
                      "panels taskforce taskforces workstream workstreams "
                      # and the meetings where the work is talked through: "a workshop took place on the
                      # pathway", "sessions were held with staff" report the deliberation, not the change
                      "workshop workshops meeting meetings seminar seminars session sessions conference "
                      "conferences".split())


# A past form of these verbs with an infinitive reports an intention, not the thing intended:
# "had hoped to launch", "was asked to develop", "were expected to open".
_INTENT_PAST = frozenset("hoped asked expected intended planned wanted meant scheduled aimed tried sought proposed "
                         "invited required encouraged set".split())
# A past form of these verbs reports that the thing did not happen as planned: "was delayed",
# "was postponed", "failed to recruit", "have struggled to meet".
_SETBACK_PAST = frozenset("delayed postponed deferred paused suspended halted stalled failed struggled slipped "
                          "rescheduled missed".split())
# How a progress report states where a thing stands now, in the present simple of "be": "Recruitment
# is complete", "The hub is fully operational", "The pathway is in place" report it done; "is on
# track", "is under way", "is in progress" work going on; "is behind schedule", "is on hold", "is
# delayed" a setback.  "Open", "available", "running" and "in use" also describe how a planned
# service will work ("Hubs are open on Saturdays"), so they report it done only with "now" or
# "already" ("The unit is now open").  A count of a whole ("Three of the five hubs are now open") is
# part way.  "No longer" ("The service is no longer commissioned") ends it: `revised`.  (Not the
# status words of a review's cell, kb.layout.fields.progress_of: there "Live" and "Open" say the action
# is still open, in prose that the service is.)
_DONE_STATES = frozenset("complete completed finished done operational established embedded live in_place "
                         "up_and_running".split())
_DONE_NOW_STATES = frozenset("open available running functioning in_use".split())
_ONGOING_STATES = frozenset("underway under_way in_progress in_hand on_track on_target on_schedule ongoing".split())
_UNMET_STATES = frozenset("delayed overdue late behind_schedule behind_plan behind_target off_track on_hold "
                          "stalled paused postponed deferred".split())
# The nouns of work or its outcome whose "no" says none was had: "No progress has been made", "No
# decision has been taken on the site" (not "No patients waited over 18 weeks", a result).
_NOTHING_NOUNS = frozenset("progress headway decision agreement funding start date action movement".split())
# Verbs by which a plan's item is ended before it is done: "the pilot was discontinued", "plans for a
# second hub were abandoned", "the scheme has been withdrawn".  What was planned will not happen as
# planned, as when a review prints "Withdrawn" or "Cancelled" (kb.layout.fields): `revised`.  ("Drop"
# and "stop" end a plan only in the passive: "waiting times dropped by 10%" is a change in the
# world.)  A commitment whose own act is to end something ("Decommission the old ward") is done by
# them instead: kb.trace.tracer.link_type.
_ENDING = frozenset("withdraw cancel discontinue abandon scrap shelve terminate decommission cease reject "
                    "axe".split())
_ENDING_PASSIVE = frozenset("drop stop".split())
# Verbs by which a body settles what it will do.  A past one whose complement is negated with a modal
# or an infinitive ("concluded that the bid could not go ahead", "decided not to proceed",
# "agreed that the unit would not reopen") reports the thing decided against: `revised`; a state it
# assures ("agreed that distance will not be a bar to care") is a pledge: `planned`.  A finding
# that something has not happened ("concluded that the target had not been met") stays unmet.
_DECIDING_PAST = frozenset("conclude decide determine agree resolve confirm".split())
# Verbs of telling, hearing and discussing: a past one reports what was said ("What we have been told
# so far", "Members raised concerns about the depot", "The options were discussed"), not an act done.
_TELLING = frozenset("tell say hear raise discuss ask query question mention comment express emphasise "
                     "emphasize stress".split())
# Nouns of a document or its parts, and verbs by which a document tells or informs: a past clause
# whose doer is a document and whose verb is one of these says what the document said ("The paper
# set out the options", "The update provided detailed information on progress with the depot",
# "The briefing indicated that ..."): it is about the paper, not a report that the work was done
# or moved, however the work it tells of is named.
_DOCUMENT_NOUNS = frozenset("report reports paper papers presentation presentations update updates briefing "
                            "briefings document documents appendix appendices item items submission "
                            "submissions summary summaries".split())
_INFORMING = frozenset("provide give present set outline indicate describe summarise summarize highlight "
                       "detail explain note inform update show confirm cover state report advise "
                       "reference".split())
# Verbs by which a meeting takes a document in: "The board received a presentation on ...".
_HEARING = frozenset("receive note consider welcome accept".split())
# A past form of these verbs reports that work began, not that it was done, when what began is work
# ("the programme started its second phase", "work has commenced", "we have begun to recruit"): the
# clinic that "started in April", or the trust that "started the weekend service", opened it.
_INCEPTIVE_PAST = frozenset("started began begun commenced embarked".split())
_WORK_NOUNS = frozenset("work works phase stage programme project process review pilot consultation engagement "
                        "procurement recruitment discussion discussions conversation conversations planning design "
                        "development implementation".split())


# A figure measures a change, not a state, when it is the gap between two values ("fell from 7.3% to
# 5%"), the size of the change ("reduced by over £14m", "an increase of 418 people", "a 23% reduction
# in stillbirths") or the movement over a span ("up 20% since 2016", "between 2017/18 and 2018/19").
# A figure that only counts or compares ("eighteen networks have formed", "we spent £2m more than our
# peers") describes where things stand.  Nouns of a change in amount: the figure they take is a change.
_CHANGE_NOUNS = ("reduction|reductions|increase|increases|decrease|decreases|rise|rises|fall|falls|drop|drops|"
                 "decline|declines|growth|improvement|improvements|cut|cuts|saving|savings|uplift")
_FIGURE = r"(?:£\s?\d[\d,.]*\s?(?:bn|billion|m|million|k)?|\d[\d,.]*\s?(?:%|per\s?cent|percentage points?)|" \
          r"\d[\d,.]*(?!\d)(?!\s?/)(?<!\b(?:19|20)\d\d))"
_QUALIFIER = r"(?:over|more than|nearly|almost|around|about|up to|approximately|some|just under|just over|a further)?\s*"
_MOVEMENT = re.compile(
    rf"\bfrom\s+{_QUALIFIER}{_FIGURE}[^.;]{{0,40}}?\bto\s+{_QUALIFIER}{_FIGURE}"  # from 7.3% to 5%
    rf"|\bby\s+{_QUALIFIER}{_FIGURE}(?!\s*/)"  # reduced by over £14m (not "by 2023/24")
    rf"|\b(?:{_CHANGE_NOUNS})\s+(?:of|by)\s+{_QUALIFIER}{_FIGURE}"  # an increase of 996 people
    rf"|{_FIGURE}\s+(?:{_CHANGE_NOUNS})\b"  # a 23% reduction
    rf"|{_FIGURE}[^.;]{{0,60}}\bsince\s+(?:\w+\s+)?(?:19|20)\d\d"  # 20% more since 2016
    rf"|\bbetween\s+(?:\d\d)?\d\d/\d\d\s+and\s+(?:\d\d)?\d\d/\d\d",  # between 17/18 and 18/19
    re.IGNORECASE)


def measures_change(text: str) -> bool:
    """Whether a passage's figure measures a change (movement), not a state: a gap between two values,
    the size of a change, or movement over a span (`_MOVEMENT`).  A report of something done that
    measures a change is progress; one whose figure only counts or compares is not movement."""
    return bool(_MOVEMENT.search(text))


def report_of(clause) -> str:
    """The report of one analysed clause (kb.extract.clause.Clause).  A past predicate is `done`
    only when it reports the thing itself happening: a past intention ("had hoped to launch") is
    `planned`, a setback ("was delayed") `unmet`, and a later conjunct that says where it stands
    now ("was reduced ... and is being rebuilt", "was paused and has not started", "was drafted
    ... and will be adopted") decides."""
    report = _clause_report(clause)
    if report == "planned" and _artefact_decided(clause):
        return "step"  # "The Board approved the business case in March": a planning document done
    if report == "unmet" and clause.head is not None and _negated_plan(clause.head) is not None:
        # "We decided not to proceed with the second phase": decided against; "partners agreed that
        # distance will not be a bar to care": a state assured, which is a pledge
        return "revised" if _decided_against(clause.head) else "planned"
    if report != "done" or clause.predicate is None:
        return report
    pred = clause.predicate
    if _ended(pred) or _decided_against(pred):
        return "revised"
    if any(c.dep_ == "advmod" and c.lower_ in _IN_PART for c in pred.children):
        return "partway"  # "We partially achieved this priority", "has been largely delivered"
    if _change_in_the_world(pred):
        return "statement"  # "There has been a rise in the number of people sleeping rough": no act done
    if _compound_participle(pred):
        return "statement"  # "Nurse led clinics for minor conditions": a kind of clinic, nothing done
    if pred.lower_ in _SETBACK_PAST:
        return "unmet"
    if pred.lower_ in _INCEPTIVE_PAST and not any(c.dep_ == "conj" for c in pred.children) and _begins_work(pred):
        return "ongoing"
    if pred.lower_ in _INTENT_PAST and any(c.dep_ == "xcomp" for c in pred.children) \
            and not any(c.dep_ == "prt" for c in pred.children):  # "was set to open", not "set up ... to advise"
        return "planned"
    if pred.lemma_.lower() in _TELLING:
        return "said"  # "Residents told us ...", "Members raised concerns": things said, not done
    if _a_document_tells(pred):
        return "said"  # "The paper gave members an update on progress": what a paper said
    now = _last_conjunct(pred)
    if not now and (_makes_artefact(pred) or _sets_up_vehicle(pred)):
        return "step"
    return now or report


# Participles that plans join to a noun before them, often without the hyphen, to name a kind of
# service: "midwife led units", "peer led groups", "school based nursing", "volunteer run cafés".
_COMPOUNDING = frozenset("led initiated based run owned funded driven centred centered focused focussed "
                         "managed directed delivered commissioned".split())


def _compound_participle(pred) -> bool:
    """Whether a past form read as the predicate is the second half of a compound adjective written
    without its hyphen ("Nurse led clinics", "Patient initiated follow up appointments"): one of the
    participles plans join to a noun (`_COMPOUNDING`), whose subject is a single bare noun right
    before it (no determiner, number or modifier of its own: a noun of a kind, not a doer) and whose
    object is a bare noun right after it.  "The nurses led the clinics" and "Our practice nurse led
    two clinics" have a doer and an object that a determiner or number marks; they report an act."""
    if pred.tag_ not in ("VBD", "VBN") or pred.lower_ not in _COMPOUNDING or pred.i == 0:
        return False
    doc = pred.doc
    subj = [c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass") and c.i == pred.i - 1]
    if not subj or subj[0].pos_ not in ("NOUN", "PROPN") or subj[0].tag_ in ("NNS", "NNPS"):
        return False
    # bare: nothing of its own, but for what a parse hangs on it across a punctuation mark ("Clinic
    # redesign: patient initiated follow up")
    if any(c.i > subj[0].i or not any(t.is_punct for t in doc[c.i + 1:subj[0].i]) for c in subj[0].children):
        return False
    after = doc[pred.i + 1] if pred.i + 1 < len(doc) else None
    return after is not None and after.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and after.tag_ not in ("DT", "PRP$", "CD")


def _change_in_the_world(pred) -> bool:
    """Whether a past "there has been" names a change with no figure of its own ("There has been a
    rise in the number of people sleeping rough", "There have been increases in demand"): it says
    how things moved, not that anyone did anything, and without a figure it measures nothing.  "There
    has been a 20% fall in waiting times" measures movement and stays a report."""
    if pred.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in pred.children):
        return False
    nouns = [c for c in pred.children if c.dep_ in ("attr", "nsubj", "dobj")]
    change = re.compile(rf"^(?:{_CHANGE_NOUNS}|rises|growths)$")
    return any(change.match(n.lower_) or change.match(n.lemma_.lower()) for n in nouns) \
        and not measures_change(pred.sent.text)


def _a_document_tells(pred) -> bool:
    """Whether a past predicate's doer is a document (`_DOCUMENT_NOUNS`: "the report", "this
    paper", "the update") and its verb one by which a document tells or informs (`_INFORMING`: "set
    out", "provided information", "indicated"): the clause says what the paper said, whatever the
    work it tells of ("The paper gave members an update on progress with the depot").  So
    does a meeting's receiving or noting one ("The committee received a presentation on the depot",
    "Members noted the update"): what the meeting heard, not what was done."""
    lemma = pred.lemma_.lower()
    def document(c) -> bool:
        return c.lemma_.lower() in _DOCUMENT_NOUNS or c.lower_ in _DOCUMENT_NOUNS
    if lemma in _HEARING:
        return any(c.dep_ in ("dobj", "nsubjpass") and document(c) for c in pred.children)
    if lemma not in _INFORMING:
        return False
    return any(c.dep_ == "nsubj" and document(c) for c in pred.children)


def _begins_work(pred) -> bool:
    """An inceptive verb whose subject or object is work ("work has commenced", "started Phase 2 of
    the programme", "embarked on a review"), or with an infinitive ("began to recruit")."""
    for c in pred.children:
        if c.dep_ == "xcomp":
            return True
        heads = [c] if c.dep_ in ("nsubj", "nsubjpass", "dobj") else \
            [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "on" else []
        if any(h.lemma_.lower() in _WORK_NOUNS or h.lower_ in _WORK_NOUNS for h in heads):
            return True
    return False


def _makes_artefact(pred) -> bool:
    """Whether a past predicate's thing done is a planning document or a body set up to do the work
    (ARTEFACTS): its object when
    active ("we updated our roadmap"), its subject when passive ("the business case was approved").
    So is one whose doer is such a document or body: "the report set out the options", "the
    programme board has overseen the process" report the machinery at work, what a paper said or a
    board did, not the thing it works towards."""
    if pred.lemma_.lower() in _FITTING:
        return False  # "Solar panels were installed on the depot": a thing fitted, no body set up
    heads = [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    return any(h.lemma_.lower() in ARTEFACTS or h.lower_ in ARTEFACTS for h in heads)


# Verbs of fitting a physical thing in place: what they take is equipment ("panels", "boards" as
# hardware), never a plan or a body of people.
_FITTING = frozenset("install instal fit mount erect retrofit wire".split())  # ("instal": the lemma of "installed")


# Verbs of setting something up: what they set up is done, but when it is a vehicle for work still to
# come ("a new partnership which will review the services") that work is not.
_SETTING_UP = frozenset("establish set form create convene constitute".split())


def _sets_up_vehicle(pred) -> bool:
    """Whether a past predicate sets up a body or vehicle for work to come: a verb of setting up
    (`_SETTING_UP`; "set" only as "set up") whose object (its subject when passive) is described by
    a clause in the future ("established a new network which will review the services") or by an
    infinitive of purpose ("a panel was set up to review the bids").  What was done is the vehicle,
    a step; the work it is for is still to come."""
    lemma = pred.lemma_.lower()
    if lemma not in _SETTING_UP or lemma == "set" and not any(c.dep_ == "prt" and c.lower_ == "up"
                                                               for c in pred.children):
        return False
    things = [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")]
    for thing in things:
        for c in thing.children:
            if c.dep_ not in ("relcl", "acl") or c.pos_ not in ("VERB", "AUX"):
                continue
            aux = [a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")]
            if any(a in ("will", "shall", "'ll") for a in aux) or c.tag_ == "VB" and "to" in aux:
                return True
    # "A panel was set up to review the bids": the infinitive hangs on the verb
    return bool(things) and any(c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in pred.children)


# Words that set what follows against a step just reported done: "... has fallen, but waits remain
# long", "...; however, gaps remain".  What follows then says the work is only part way.
_CONTRAST = frozenset("but however yet although though nevertheless nonetheless still".split())


def _contrasted(earlier, later) -> bool:
    """Whether the clause of verb `later` is set against the one of `earlier` by a contrast word
    between them that belongs to either verb ("but" coordinating them, "however" or "still"
    modifying the later one)."""
    doc = later.doc
    lo, hi = sorted((earlier.i, later.i))
    return any(t.lower_ in _CONTRAST and t.head.i in (earlier.i, later.i) for t in doc[lo + 1:hi + 1]) or any(
        c.lower_ in _CONTRAST for c in later.children)


def sentence_report(clause) -> str:
    """The report of one sentence from its analysed clause and the main clauses beside it.

    A clause before a semicolon or a colon is a main clause of its own, though the parser often hangs
    it under the next one as a complement ("The hub opened in May; it is now being extended", "The
    calls were withdrawn, for the reasons below: the examiner now speaks to families"): its report
    counts too, the strongest of them giving the sentence's.  A step done followed by a contrast
    saying what remains ("... has fallen by 20%; however, waits are still long", "... was cut,
    but vacancies remain high") reports the work part way: `partway`."""
    from kb.extract.clause import _build, _is_verb, find_predicate

    report = report_of(clause)
    sent = clause.sentence
    if sent is None:
        return report
    root = sent.root
    doc = sent.doc
    before = [t for t in root.children
              if t.dep_ in ("ccomp", "parataxis") and t.i < root.i and _is_verb(t)
              and any(x.text in (";", ":") for x in doc[t.i:root.i])]
    reports = [report_of(_build(sent, find_predicate(sent, t))) for t in before]
    if "done" in reports and report in ("statement", "ongoing") and any(_contrasted(t, root) for t in before):
        return "partway"
    if report == "planned" and _after_a_step(clause.predicate):
        return "partway"
    if report == "planned" and clause.predicate is not root and root.tag_ == "VBG" \
            and any(c.dep_ == "csubj" for c in root.children) \
            and any(c.dep_ == "aux" and c.lower_ in ("is", "are") for c in root.children):
        # "Work to develop the pathway is progressing well": the parser makes "Work to develop ..." a
        # clause of its own, the subject of the sentence's verb, which says the work goes on
        return "ongoing"
    return strongest([*reports, report])


def _after_a_step(pred) -> bool:
    """Whether a planned predicate follows a step reported done by a perfect participle ("Having
    agreed the design, we will start building in the spring", "having been through a long planning
    phase, we will now move to delivery"): one stage is behind, the next to come, so the work is
    part way, as with "was drafted ... and will be adopted".  A negated one ("Having not yet
    secured the funding, we will bid again") reports no step; "having regard to" is no perfect."""
    if pred is None:
        return False
    for c in pred.children:
        if c.dep_ == "advcl" and c.tag_ == "VBN" and not any(a.dep_ == "neg" for a in c.children) and any(
                a.dep_ == "aux" and a.lower_ == "having" for a in c.children):
            return True
    return False


def _artefact_decided(clause) -> bool:
    """Whether a decision reported in the past is taken on a planning document itself ("The Board
    approved the business case in March", "The strategy was adopted by Cabinet"): the document is
    done, a step, as when it "was published".  A decision to do something ("The Board agreed to fund
    the hub", "It was agreed that the hub would open in May") pledges that thing: planned."""
    from kb.extract.clause import DECISION

    head = clause.head
    if clause.form != DECISION or head is None or clause.predicate is not head or head.tag_ not in ("VBD", "VBN"):
        return False
    if head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return False  # "Resolved that ...", "Agreed: the plan ...": the minute of a decision, its own act
    # what was decided on (its object, or its subject when passive), not who decided: a board is the
    # decider of every approval ("The Board approved the new hub" pledges the hub)
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ARTEFACTS for c in head.children)


def _ended(pred) -> bool:
    """Whether a past predicate ends a plan's item before it is done (`_ENDING`): "the pilot was
    discontinued", "we abandoned the plans", "the bid was dropped"; "stop" and "drop" also with the body
    itself as their subject and the work as their object ("we stopped our own video service", "we
    dropped the second phase", "we stopped giving out leaflets"), not of a change in the world
    ("waiting times dropped") or of what the people served do ("412 women stopped smoking")."""
    lemma = pred.lemma_.lower()
    if pred.tag_ not in ("VBD", "VBN"):
        return False
    if lemma in _ENDING:
        return True
    if lemma not in _ENDING_PASSIVE:
        return False
    if any(c.dep_ == "auxpass" for c in pred.children):
        return True
    ours = any(c.dep_ == "nsubj" and c.lower_ == "we" for c in pred.children)
    return ours and any(c.dep_ in ("dobj", "xcomp") for c in pred.children)


def _negated_plan(verb):
    """The complement a past verb of deciding (`_DECIDING_PAST`) takes negated with a modal ("could not
    go ahead", "would not be a bar to care") or as an infinitive ("decided not to proceed"), or None."""
    if verb.lemma_.lower() not in _DECIDING_PAST or verb.tag_ not in ("VBD", "VBN"):
        return None
    for comp in verb.children:
        if comp.dep_ not in ("ccomp", "xcomp") or not any(c.dep_ == "neg" for c in comp.children):
            continue
        if any(c.tag_ == "MD" for c in comp.children) or comp.dep_ == "xcomp" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
            return comp
    return None


def _decided_against(verb) -> bool:
    """Whether a past verb of deciding settles that something will not be done: "concluded the bid
    could not go ahead", "agreed that the unit would not reopen", "decided not to proceed".  Not a
    state it assures ("agreed that distance will not be a bar to care": a pledge)."""
    comp = _negated_plan(verb)
    return comp is not None and comp.lemma_.lower() != "be"


def _last_conjunct(pred) -> str:
    """What the last verb coordinated with the predicate reports, when it is not a plain past:
    revised (a plan ended or decided against: "... and concluded the bid could not go ahead"),
    partway (a progressive, a contrast or a modal future after a step done: "was drafted ... and
    will be adopted"), unmet (negated), else ""."""
    conj = [c for c in pred.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > pred.i]
    if not conj:
        return ""
    verb = conj[-1]
    if _ended(verb) or _decided_against(verb):
        return "revised"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    if _contrasted(pred, verb) and not any(c.dep_ == "neg" or c.tag_ == "MD" for c in aux) and verb.tag_ != "VBD":
        return "partway"  # "... has been cut, but vacancies remain high"
    if any(c.dep_ == "neg" for c in aux):
        return "unmet"
    if any(c.tag_ == "MD" and c.lower_ in ("will", "shall", "'ll") for c in aux):
        return "partway"
    if verb.tag_ == "VBG" or any(c.lower_ == "being" for c in aux):
        return "partway"
    return ""


def _noun_head(clause):
    """The noun a verbless clause is built on: its predicate, else its sentence's root when that
    is a noun (no verb anywhere: a measured line of a list of achievements)."""
    if clause.predicate is not None and clause.predicate.pos_ in ("NOUN", "PROPN"):
        return clause.predicate
    sent = clause.sentence
    if sent is None or any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in sent):
        return None
    return sent.root if sent.root.pos_ in ("NOUN", "PROPN") else None


def _measured_since(noun) -> bool:
    """A verbless clause whose noun is measured from a point in the past ("a 20% fall in waits
    since 2017", "an increase of 300 places since April"): `since` with a time as its object gives
    the noun the perfect's meaning, a change that has happened up to now, so it reports the change
    done, not a deliverable to come.  Without `since` a nominal ("A 20% fall in waits by 2021")
    stays a plan."""
    if noun is None:
        return False
    for t in noun.subtree:
        if t.lower_ == "since" and t.dep_ == "prep":
            objects = [c for c in t.children if c.dep_ == "pobj"]  # (the only entities a report reads)
            if any(o.ent_type_ == "DATE" or any(w.like_num or w.ent_type_ == "DATE" for w in o.subtree)
                   for o in objects):
                return True
    return False


# Past participles that plans put before a noun to name an outcome ("Improved access to GPs", "Reduced
# waiting times", "Supported self-management"): a bullet they head is a deliverable, not a report.
_OUTCOME_PARTICIPLES = frozenset("reduced increased improved enhanced extended expanded decreased lowered raised "
                                 "shortened sustained strengthened widened accelerated targeted specialised "
                                 "specialized integrated joined coordinated co-ordinated personalised personalized "
                                 "shared supported streamlined simplified standardised standardized centralised "
                                 "centralized consolidated continued fixed tailored dedicated enabled empowered "
                                 "informed connected protected managed planned".split())
# Participles that relate a bullet to something else, not report an act: "Based on the review ...",
# "Aligned with the national plan, develop ...", "Looked After Children".
_RELATIONAL_PARTICIPLES = frozenset("based aligned linked compared related comprised looked delegated subject "
                                    "according".split())
# Participles that set out what follows ("Listed below are ...", "Attached is ...").
_LISTING_PARTICIPLES = frozenset("listed shown given attached outlined described summarised summarized included "
                                 "detailed".split())


def _reported_act(pred) -> bool:
    """Whether a bullet headed by a past form of a verb, with no subject ("Awarded contracts for the
    new model", "Engaged with patients and carers", "Recruited twelve health visitors"), reports an act
    done, as the lists of a progress report write it with the "we have" left out.  The verb must take
    an object: one with a determiner, possessive or number ("Reviewed the recommendations", "Opened two
    clinics") cannot be a noun phrase, so the verb is read whatever it is; one with a bare object or a
    preposition ("Awarded contracts", "Worked with providers") only when the verb is none that plans
    put before a noun to name an outcome ("Improved access", "Reduced waits", `_OUTCOME_PARTICIPLES`).
    A participle that relates the bullet to something ("Based on ...") or an intention
    ("Proposed schemes") reports nothing."""
    word = pred.lower_
    if word in _RELATIONAL_PARTICIPLES or word in _LISTING_PARTICIPLES or word in _INTENT_PAST:
        return False
    objects = [c for c in pred.children if c.dep_ == "dobj"]
    if any(o.pos_ == "PRON" or any(d.dep_ in ("det", "poss", "nummod") for d in o.children) for o in objects):
        return True
    if word in _OUTCOME_PARTICIPLES:
        return False
    return bool(objects) or any(c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
                                for c in pred.children)


# Adverbs that make a negated present about what is still to happen: "is not yet a going concern".
_NOT_YET = frozenset("yet still longer".split())


def _says_what_it_is_not(pred) -> bool:
    """A negated present "be" with a noun complement classifies its subject ("the board is not a
    project", "this is not a statutory duty"): it says what the thing is, not that something is
    left undone, unlike "is not in place", "is not complete" or "is not yet a going concern"."""
    if pred is None or pred.lemma_.lower() != "be":
        return False
    return any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN", "PRON") for c in pred.children) and not any(
        c.lower_ in _NOT_YET for c in pred.children)


# Predicates whose negation in the present simple reports a result not reached: "the standard is
# not met", "we do not meet the target", "the hub is not in place", "the plan is not on track".
_ATTAINMENT = frozenset("meet achieve deliver complete implement establish reach start begin launch open agree "
                        "finish progress happen occur attain fulfil comply satisfy place track schedule "
                        "operational live available ready".split())


def _falls_short(pred) -> bool:
    """Whether a negated present simple reports something not done or not reached: "not yet"
    (`_NOT_YET`) or a predicate of attainment (`_ATTAINMENT`: met, delivered, in place, on track).
    Otherwise the present simple says how a thing is or works ("patients are not sent back to
    their GP", "where a service does not already exist", "the fund does not cover travel"), not
    that a commitment is unmet."""
    if pred is None:
        return True
    own = [c for c in pred.children if c.dep_ not in ("conj", "advcl", "nsubj", "nsubjpass", "cc", "mark", "punct")]
    words = [pred, *own, *(g for c in own if c.dep_ == "prep" for g in c.children)]
    return any(w.lower_ in _NOT_YET for w in words) or any(w.lemma_.lower() in _ATTAINMENT for w in words)


# Words that place an event before now without a date: "launched last year", "opened two years ago".
_PAST_TIME_WORDS = frozenset("ago last previously already recently earlier since yesterday".split())


def _tenseless_outcome(pred) -> bool:
    """Whether a past participle with a subject and no auxiliary ("Patients supported in the most
    appropriate setting", "More staff trained to give specialist advice") names a state to reach,
    not an event: a participle clause has no tense of its own, and a plan's outcome rows are written
    so.  It reports an event only when a time places it in the past (headline style: "New clinic
    opened in March 2019", "Helpline launched last year"): a year, a month or a word of past time
    (`_PAST_TIME_WORDS`)."""
    from kb.extract.dates import _MONTHS

    if pred is None or pred.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in pred.children) \
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
        return False
    sent = pred.sent
    return not any(t.lower_ in _PAST_TIME_WORDS or t.lower_.rstrip(".") in _MONTHS
                   or t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20") for t in sent)


# Words by which a plan puts a proposal forward: "the proposed model", "the preferred option".
_PROPOSED = frozenset("proposed preferred recommended".split())
_PROPOSAL_NOUNS = frozenset("proposal proposals".split())


def _puts_forward(clause) -> bool:
    """Whether a clause with "would" says what a proposal put forward entails, not what might happen:
    its subject is a proposal or is described as proposed or preferred ("The proposed scheme would
    merge the two libraries", "The proposals would mean ..."), or it speaks
    under one ("Under the preferred option, residents would park free").  Such "would" is the
    hypothetical of a plan awaiting its decision: the plan, put forward again, not a possibility
    ("This would require more funding") and not a condition ("would only work if ...")."""
    def proposed(noun) -> bool:
        return noun.lemma_.lower() in _PROPOSAL_NOUNS or noun.lower_ in _PROPOSAL_NOUNS or any(
            c.lower_ in _PROPOSED and c.dep_ in ("amod", "compound") for c in noun.children)

    if any(proposed(s) for s in clause.subjects):
        return True
    heads = [t for t in (clause.predicate, clause.head) if t is not None]
    return any(c.dep_ == "prep" and c.lower_ == "under" and any(g.dep_ == "pobj" and proposed(g) for g in c.children)
               for h in heads for c in h.children)


# Nouns of movement towards an end: what is made, taken or seen of them is the way travelled, not
# the end reached ("made good progress", "taken steps to", "seen an improvement in").
_HEADWAY = frozenset("progress headway stride inroad improvement step advance".split())
_HEADWAY_VERBS = frozenset("make take see achieve show".split())


def _makes_headway(pred) -> bool:
    """Whether a predicate done reports movement rather than an end: its verb makes, takes or sees a
    noun of movement (`_HEADWAY`), as object ("We have made good progress on the pathway", "have
    taken steps to cut waits") or as passive subject ("Good progress has been made with ...")."""
    if pred is None or pred.lemma_.lower() not in _HEADWAY_VERBS:
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _HEADWAY for c in pred.children)


# Verbs of a change or a state, not of work: "demand continues to rise", "waits continue to be long".
_CHANGE_VERBS = frozenset("rise grow increase fall decline drop be remain exist face experience struggle exceed "
                          "outstrip have need lag vary".split())


def _goes_on(clause) -> bool:
    """Whether "continue(s) to" in the present, with no modal, reports work going on ("All partners
    continue to update their estates strategies", "We continue to embed the pathway in primary
    care"): the present says it is being done now.  "We will continue to ..." pledges it; a change or
    a state that continues ("Demand continues to rise") is no work."""
    head, pred = clause.head, clause.predicate
    if head is None or pred is None or head is pred or clause.negated or clause.condition:
        return False
    if head.lemma_.lower() != "continue":
        return False
    # the present, or a bare form joined to a present ("have strategies and continue to update them")
    tensed = head.head if head.tag_ == "VB" and head.dep_ == "conj" else head
    if tensed.tag_ not in ("VBP", "VBZ") or any(c.dep_ == "aux" for c in (*head.children, *tensed.children)):
        return False
    return pred.lemma_.lower() not in _CHANGE_VERBS


def _clause_report(clause) -> str:
    from kb.extract.clause import COMMITTING_FORMS, CONDITIONAL, NOMINAL, NONE

    if clause.form in (NONE, NOMINAL) and _measured_since(_noun_head(clause)):
        return "done"
    pred = clause.predicate
    if clause.form == NOMINAL and pred is not None and pred.tag_ in ("VBD", "VBN") and not clause.negated \
            and not clause.condition and _reported_act(pred):
        return "done"  # "Awarded grants for the new community transport scheme": a progress list's "we have" left out
    if clause.form == NONE:
        return "statement"
    if clause.form == CONDITIONAL and not clause.condition and not clause.negated and clause.marker == "would" \
            and _puts_forward(clause):
        return "planned"  # "The proposed scheme would merge ...": what a proposal entails is the plan put forward
    if clause.form == CONDITIONAL or clause.condition:
        return "conditional"
    past = clause.tense == "past" or clause.aspect == "perfect"
    if clause.negated:
        if clause.tense == "present" and not past and _says_what_it_is_not(pred):
            return "statement"  # "the board is not a project": what a thing is, not what is undone
        if clause.tense == "present" and not past and clause.aspect == "simple" and not _falls_short(pred):
            return "statement"  # "patients are not sent back to their GP": how a service works
        if past and _tenseless_outcome(pred):
            return "planned"  # "Referrals not sent back to the GP": the state a plan aims at, negated
        return "unmet" if past or clause.tense == "present" else "statement"
    if _goes_on(clause):
        return "ongoing"  # "We continue to embed the pathway": work going on now, not a pledge
    head = clause.head if clause.head is not None else pred
    # (a present "be" or "have" before an infinitive: the parse reads "is to" as a future)
    now_tensed = head is not None and head.tag_ in ("VBZ", "VBP")
    if now_tensed and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children):
        return "unmet"  # "The clinic has yet to open", "Work is yet to start": not done by now
    state = _state_of(head) if now_tensed else ""
    if state in ("ongoing", "unmet"):
        return state  # "We are on track to open the unit by March"
    if clause.form in COMMITTING_FORMS or clause.tense == "future":
        return "planned"
    if clause.aspect == "perfect" and clause.predicate is not None and clause.predicate.tag_ == "VBG":
        return "ongoing"  # perfect progressive: "have been developing" is work still going on
    if past and _tenseless_outcome(pred):
        return "planned"  # "Patients supported in the most appropriate setting": the state a plan aims at
    if past and _none_had(pred):
        return "unmet"  # "No progress has been made on the new hub"
    if pred is not None and _setback_said(pred):
        return "unmet"  # "We were unable to recruit", "Recruitment proved difficult", "was put on hold"
    if past and _makes_headway(pred):
        return "partway"  # "We have made good progress on ...": movement towards the end, not the end
    if past:
        return "partway" if pred is not None and _part_of_a_whole(pred) else "done"
    if clause.aspect == "progressive":
        return "ongoing"
    if clause.tense == "present" and clause.aspect == "simple" and pred is not None:
        state = _state_of(pred) or _now_so(pred)
        if state == "done" and _part_of_a_whole(pred):
            return "partway"  # "Three of the five hubs are now open"
        if state:
            return state
    return "statement"


def _state_of(pred) -> str:
    """The state a present "be" (or a present passive) reports a thing in (`_DONE_STATES` and the
    others): done, ongoing, unmet, revised ("no longer"), or ""."""
    if any(c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
           for c in pred.children):
        return "revised"  # "The service is no longer commissioned / required"
    passive = pred.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in pred.children)
    if passive:
        states = [pred.lower_]
    elif pred.lemma_.lower() in ("be", "remain"):  # "is on hold", "remains on hold", "remains in place"
        states = [c.lower_ for c in pred.children if c.dep_ in ("acomp", "advmod", "attr")]
        states += [f"{c.lower_}_{g.lower_}" for c in pred.children if c.dep_ == "prep" for g in c.children
                   if g.dep_ == "pobj"]
        states += ["up_and_running" for c in pred.children if c.lower_ == "up" and any(
            g.lower_ == "running" for g in c.children)]
    else:
        return ""
    now = any(c.dep_ == "advmod" and c.lower_ in ("now", "already") for c in pred.children)
    for state in states:
        if state in _UNMET_STATES:
            return "unmet"
        if state in _ONGOING_STATES:
            return "ongoing"
        if state in _DONE_STATES or now and state in _DONE_NOW_STATES:
            return "done"
    return ""


# Present verbs of wanting, needing, knowing or facing: with "now" they say what is wanted or known
# now ("We now need to recruit"), not that a thing has come about.
_NO_ACT_NOW = frozenset("need want require expect hope intend plan aim propose wish seek face know understand "
                        "recognise recognize believe think feel consider look".split())


def _now_so(pred) -> str:
    """A present simple verb with "now" or "already" ("All practices now offer online booking",
    "the hub already serves three towns") reports a thing that has come about: done.  Not a verb of
    wanting or knowing (`_NO_ACT_NOW`), nor "be" (`_state_of` reads that)."""
    if pred.pos_ != "VERB" or pred.lemma_.lower() in _NO_ACT_NOW or pred.tag_ not in ("VBZ", "VBP"):
        return ""
    if any(c.dep_ == "advmod" and c.lower_ in ("now", "already") for c in pred.children):
        return "done"
    return ""


def _part_of_a_whole(pred) -> bool:
    """Whether its subject, or where it was done, counts a part of a whole ("Three of the five hubs
    are open", "rolled out in two of the four localities", "Half of the practices"): what it says is
    done is done for a part."""
    def part(t) -> bool:
        return (t.tag_ == "CD" or t.lower_ in ("half", "some", "most")) and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in t.children)

    for c in pred.children:
        if c.dep_ in ("nsubj", "nsubjpass") and part(c):
            return True
        if c.dep_ == "prep" and any(g.dep_ == "pobj" and part(g) for g in c.children):
            return True
    return False


# Adverbs of degree by which a report says a thing was done in part: as a review's "Partially
# complete", work part way.
_IN_PART = frozenset("partially partly largely mostly substantially nearly almost".split())


# Adjectives by which a report says the work could not be done or met trouble: "We were unable to
# recruit", "Recruitment proved difficult", "the bid was unsuccessful".
_SETBACK_STATES = frozenset("unable unsuccessful difficult challenging problematic impossible".split())


def _setback_said(pred) -> bool:
    """Whether a clause reports a setback by an adjective of "be", "prove" or "remain"
    (`_SETBACK_STATES`), or by "put on hold"."""
    lemma = pred.lemma_.lower()
    said = {c.lower_ for c in pred.children if c.dep_ in ("acomp", "oprd")} & _SETBACK_STATES
    if lemma in ("be", "prove", "remain") and said and not any(c.dep_ == "neg" for c in pred.children):
        # in the present only what cannot be done is a setback: "the site is difficult to reach" describes
        past = pred.tag_ in ("VBD", "VBN") or any(a.lower_ in ("has", "have", "had", "was", "were") for a in pred.children)
        return past or bool(said & {"unable", "unsuccessful"})
    return lemma == "put" and any(c.dep_ == "prep" and c.lower_ == "on" and any(
        g.lower_ == "hold" for g in c.children) for c in pred.children)


def _none_had(pred) -> bool:
    """Whether a past clause says no work or outcome was had (`_NOTHING_NOUNS` under "no")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _NOTHING_NOUNS
               and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in pred.children)


# "Re-" written with its hyphen before a verb ("re-procured", "re-designed", "re-launched"): the
# tokenizer splits it off and the parser then reads "re" as the verb.  Joined for the parse only.
_RE_PREFIX = re.compile(r"(?<![A-Za-z])([Rr]e)-(?=[a-z]{3,})")


def _joined_prefix(text: str) -> str:
    return _RE_PREFIX.sub(r"\1", text)


def strongest(reports: Sequence[str]) -> str:
    return min(reports, key=REPORTS.index) if reports else "statement"


def reports_of(texts: Sequence[str], intros: Sequence[str] | None = None) -> list[str]:
    """Each text's report, from one trained parse of all of them (ingest path only: spaCy).
    `intros`: each text's list lead-in ("" when it is no list item), whose tense governs an item
    without a verb of its own (`lead_in_report`).

    The entity recogniser is the costliest step of the trained pipeline, and a report reads its
    entities in one place only: a verbless change measured `since` a time (`_measured_since`), so
    it runs only on the texts that hold that word; the others' reports cannot depend on it."""
    from kb.extract.clause import COMMITTING_FORMS, GERUND, NOMINAL, clauses_of
    from kb.extract.nlp import parse_many

    texts = [_joined_prefix(t) for t in texts]
    intros = [_joined_prefix(i) for i in intros] if intros is not None else [""] * len(texts)
    leads = [i for i in dict.fromkeys(intros) if i]
    everything = texts + leads
    docs = list(parse_many(everything, entities=False))
    since = [t for t in dict.fromkeys(everything) if "since" in t.lower()]
    if since:
        with_entities = dict(zip(since, parse_many(since), strict=True))
        docs = [with_entities.get(t, d) for t, d in zip(everything, docs, strict=True)]
    lead_report = {i: lead_in_report(d) for i, d in zip(leads, docs[len(texts):], strict=True)}
    out = []
    for doc, intro in zip(docs[:len(texts)], intros, strict=True):
        clauses = clauses_of(doc)
        report = strongest([sentence_report(c) for c in clauses])
        lead = lead_report.get(intro, "")
        if lead in ("done", "ongoing") and report in ("planned", "statement") and clauses and not any(
                c.tense == "future" or c.form in COMMITTING_FORMS and c.form not in (NOMINAL, GERUND) for c in clauses):
            report = lead  # "Consultation held so far included: / - Drop-in sessions on the library plans"
        out.append(report)
    return out


# --- progress notes ---------------------------------------------------------------------------------
# An action's update field ("Progress update:", a review's "Latest update" column) is the body's note of
# what has happened: written as headlines, it reads otherwise than a plan's sentences do.  A participle
# with no auxiliary reports the thing done ("Solar panels installed on all four depots"), not a state to
# reach; a phrase of work in hand ("Review under way", "Strategy under development") reports it going
# on; a status in words of its own ("Action complete.", "Work ongoing") says how it stands.
_IN_HAND = re.compile(r"\b(?:under ?way|under development|under review|under consideration|in progress|in hand|"
                      r"on-?going|progressing|continuing|being (?:developed|reviewed|prepared|drafted|explored))\b",
                      re.I)
# The subject a note's own status sentence names before its status word: "Action complete", "Work ongoing".
_NOTE_SUBJECT = re.compile(r"^(?:this |the )?(?:action|work|project|scheme|task|activity|programme|it)\s+"
                           r"(?:is\s+(?:now\s+)?)?", re.I)
# What each report of a note says as a status a review would print (kb.layout.fields.progress_of reads it).
_NOTE_STATUS = {"done": "complete", "partway": "partially complete", "ongoing": "in progress", "step": "in progress",
                "unmet": "not complete", "revised": "revised"}
NOTE_SOURCE = " (read from its update)"


def progress_note_statuses(notes: Sequence[str]) -> list[str]:
    """The status each progress note states, as a review would print it with where it was read from
    ("in progress (read from its update)"), or "" when the note says nothing of how the action stands
    (a plan's "Comments: funded from the BCF").  Its own status sentence, if it has one ("... Action
    complete."), else the strongest report of its clauses read as a note's (`_note_report`).  Ingest
    path only: spaCy."""
    from kb.extract.nlp import parse_many
    from kb.layout.fields import progress_of, status_phrase
    from kb.layout.markup import words

    notes = list(notes)
    out = [""] * len(notes)
    parse_at: list[int] = []
    for n, note in enumerate(notes):
        stated = ""
        # each sentence, and each part a dash or a colon sets off ("Partially achieved – two of the
        # three hubs open"): a status is written as a part of its own
        for sentence in re.split(r"(?<=[.;!])\s+|\s+[–—-]\s+|:\s+", note.strip()):
            bare = sentence.strip(" .;!")
            phrase = status_phrase(_NOTE_SUBJECT.sub("", bare)) or status_phrase(bare) or _leading_status(bare)
            if phrase:
                stated = phrase  # the last one the note gives
        if stated:
            out[n] = f"{stated.lower()}{NOTE_SOURCE}" if progress_of(stated) else ""
        elif len(words(note)) >= 2:
            parse_at.append(n)
    if parse_at:
        from kb.extract.clause import clauses_of

        # each clause a semicolon or a "but" sets apart is read on its own ("The hub has not opened;
        # a new site is now being fitted out"): the parse reads one clause a sentence
        parts = [(n, part) for n in parse_at for part in _NOTE_CLAUSE_BREAK.split(_joined_prefix(notes[n])) if part.strip()]
        told: dict[int, list[str]] = {}
        for (n, _), doc in zip(parts, parse_many([part for _, part in parts], entities=False), strict=True):
            told.setdefault(n, []).extend(_note_report(c) for c in clauses_of(doc))
        for n in parse_at:
            report = _note_overall(told.get(n, []))
            out[n] = f"{_NOTE_STATUS[report]}{NOTE_SOURCE}" if report in _NOTE_STATUS else ""
    return out


_NOTE_CLAUSE_BREAK = re.compile(r";\s+|,\s+but\s+(?=[a-z])")


_TOLD = ("done", "step", "partway", "ongoing", "unmet", "revised")  # the reports that tell how an action stands


def _note_overall(reports: Sequence[str]) -> str:
    """What a whole note reports from its clauses' reports, told in the order things happened:
    - a revision when that is the last thing it tells ("The posters went up in 2022 ... They have been
      replaced by an online report"), or when it follows a report that the thing was not done ("We did
      not take this forward ... we decided to use the ICB's checklist rather than ...");
    - not done when it says so, whatever else was done, unless it tells that the work is under way
      ("Weekend opening has not started ... recruitment is now under way") or planned after it: work
      going on;
    - part way when it tells of something done and of something still going on ("The call now happens
      for everyone. ... PACT is still working through a backlog");
    - else its strongest report."""
    told = [r for r in reports if r in _TOLD]
    if not told:
        return strongest(reports) if reports else "statement"
    if told[-1] == "revised" or "revised" in told and "unmet" in told[:told.index("revised")]:
        return "revised"  # (not done as promised, and another way taken after: "... We decided to use X instead")
    if "unmet" in told:
        # not done, however much else was: unless the work on it is said to go on, or to be done next
        # ("it is not yet in the therapy forms. The new forms that go live in July include it")
        return "ongoing" if "ongoing" in told or "planned" in reports[reports.index("unmet"):] else "unmet"
    if "done" in told and any(r in ("ongoing", "partway") for r in told):
        return "partway"
    return strongest(told)


# A note's status phrase of two words or more opening a longer sentence ("No longer applicable
# following the creation of the ICB", "Not achieved due to staff shortages", "On track for March"):
# the phrase is the status, the rest says why or when.  (A single status word opening a sentence
# may be a word of its subject: "Green spaces audit finished", "Open days held in May".)
_LEADING_STATUS = re.compile(
    r"^((?:no longer|not yet|not|partially|partly|largely|mostly|nearly|almost|fully|on|in|behind|off|under|"
    r"carried|rolled)"
    r"(?:\s+\w+){1,2})\b")


def _leading_status(text: str) -> str | None:
    """The status phrase of two or three words a note's sentence opens with, or None."""
    from kb.layout.fields import status_phrase

    m = _LEADING_STATUS.match(text.strip().lower())
    if not m:
        return None
    ws = m.group(1).split()
    for k in range(len(ws), 1, -1):  # the longest status phrase it opens with
        if status_phrase(" ".join(ws[:k])):
            return " ".join(text.strip().split()[:k])
    return None


# Verbs by which a note says an action was folded into or passed to something else: "Superseded by
# the workforce plan", "Merged with action 2.3", "Transferred to the ICB".  As a review's status word
# they read revised (kb.layout.fields); in a note too.  ("Carried forward into the new plan" is an
# action not done by the plan's end, as the status word says: `_leading_status`.)
# a note's clause that tells of another way taken than the one promised: "Instead, the group meets ...",
# "we decided to use the ICB's checklist rather than run a second process"
_INSTEAD = re.compile(r"^\W*instead\b,?|\b(?:decided|chose|agreed|opted)\s+to\s+[^.;]*\brather\s+than\b", re.I)
_NOTE_REVISING = frozenset("supersede replace merge transfer absorb incorporate subsume".split())


def _note_report(clause) -> str:
    """A note's clause read as a note: its report (`sentence_report`), except that a headline's
    participle reports the thing done, a clause that only names its thing with work in hand
    ("Initial list under development") reports it going on, and one that says the action was folded
    into or passed to something else (`_NOTE_REVISING`, "carried forward"), or that another way was
    taken (`_INSTEAD`), reports it revised."""
    sent = clause.sentence
    if sent is not None and _INSTEAD.search(sent.text):
        return "revised"  # "Instead, our services now take their questions to ...": another way than promised
    report = sentence_report(clause)
    pred = clause.predicate
    if report in ("done", "planned", "statement") and not clause.negated and pred is not None \
            and pred.tag_ in ("VBD", "VBN") and pred.lemma_.lower() in _NOTE_REVISING:
        return "revised"  # (a headline's participle too: "Superseded by the workforce plan")
    if sent is None or report not in ("planned", "statement", "conditional") or clause.condition or clause.negated \
            or any(t.lower_ in ("will", "shall") or t.tag_ == "MD" for t in sent):
        return report
    if _IN_HAND.search(sent.text):
        return "ongoing"  # "Review under way of the options": work in hand, however the parser reads "Review"
    if clause.tense != "future" and any(_headline_participle(t) for t in sent):
        return "done"  # "Solar panels installed on all four depots", "Planting sites agreed and 400 trees planted"
    return report


def _headline_participle(t) -> bool:
    """A past participle standing for its clause's verb with no auxiliary: the headline of an event
    ("Sites agreed", "Panels installed in May"), not an intention or a description ("proposed",
    "agreed actions are:", `_NOT_DONE_PARTICIPLES` before a list) nor a modifier before its noun."""
    return (t.tag_ == "VBN" and t.dep_ in ("ROOT", "conj", "acl") and t.i > t.head.i - (t.dep_ == "ROOT")
            and t.lower_ not in _NOT_DONE_PARTICIPLES and not any(c.dep_ in ("aux", "auxpass") for c in t.children))


# Participles that describe what is asked for or set out, not what was done: "the actions agreed
# are:", "outcomes expected include:" introduce a plan.
_NOT_DONE_PARTICIPLES = _INTENT_PAST | frozenset("agreed approved identified outlined listed described recommended "
                                                 "shown given included attached summarised summarized highlighted "
                                                 "needed proposed suggested".split())
# Verbs of saying and asking: a lead-in "Members raised a number of issues including:" or "The board
# discussed:" lists what was said or asked, not what was done.
_SAYING = frozenset("raise ask discuss note query question highlight mention comment suggest request consider "
                    "express explain state report say tell agree outline describe list identify welcome "
                    "emphasise emphasize stress recommend propose".split())
# Nouns of saying that a light verb turns into a verb of saying: "Reference was made to:", "The chair
# made a number of comments on:", "A presentation was given on:".
_SAYING_NOUNS = frozenset("reference mention comment remark point observation note suggestion query question "
                          "statement presentation".split())
_LIGHT_VERBS = frozenset("make give offer".split())


def _says(pred) -> bool:
    """Whether a predicate says or asks something rather than does it: a verb of saying (`_SAYING`), or
    a light verb whose object (or passive subject) is a noun of saying, directly or as "a number of
    comments"."""
    if pred is None:
        return False
    lemma = pred.lemma_.lower()
    if lemma in _SAYING:
        return True
    if lemma not in _LIGHT_VERBS:
        return False
    for c in pred.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        nouns = [c, *(g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj")]
        if any(n.lemma_.lower() in _SAYING_NOUNS for n in nouns):
            return True
    return False


# Adverbs and phrases that place a participle's event before now: "engagement already undertaken",
# "work completed to date".
_BEFORE_NOW = frozenset("already previously recently".split())


def lead_in_report(doc) -> str:
    """What a list's lead-in says of the things its items name: its clause's report when that is
    done or ongoing ("We have completed:", "Work is under way on:"), else done when the noun it
    introduces is described by a past or perfect relative clause ("achievements that have been
    delivered since 2016 are:") or a past participle placed before now ("the engagement already
    undertaken, including:"), ongoing by a progressive one ("projects being rolled out:").  An
    intention or a listing participle ("actions agreed:", "outcomes expected:") reports nothing."""
    from kb.extract.clause import clauses_of

    clauses = clauses_of(doc)
    report = strongest([sentence_report(c) for c in clauses])
    said = report == "said" or any(_says(c.predicate) for c in clauses)
    if report == "partway":
        report = "ongoing"  # "Having agreed the design, we are now:" its items are work going on
    if report in ("done", "ongoing", "said") or said and report == "statement":
        return "statement" if said else report  # "Members raised issues including:": things said, not done
    for t in doc:
        if t.tag_ not in ("VBN", "VBD", "VBG") or t.lower_ in _NOT_DONE_PARTICIPLES \
                or any(c.dep_ == "neg" for c in t.children):
            continue
        aux = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
        before_now = any(c.lower_ in _BEFORE_NOW or c.lower_ == "since" for c in t.children) \
            or doc[t.i + 1:t.i + 3].text.lower() in ("to date", "so far")
        if t.tag_ == "VBN" and before_now:
            return "done"  # "the engagement already undertaken", "work completed to date" (whatever the parse)
        if t.dep_ not in ("acl", "relcl") or t.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if t.tag_ == "VBG" and ("being" in aux or t.dep_ == "acl"):
            return "ongoing"  # "projects being rolled out:"
        if t.tag_ == "VBN" and any(a in ("has", "have", "had", "was", "were") for a in aux) \
                or t.tag_ == "VBD" and t.dep_ == "relcl":
            return "done"  # "achievements that have been delivered are:"
    return report


def fingerprint() -> str:
    """What stored reports were read with: this module's and the clause analysis's code, so a change
    to either reads every record again at the next ingest."""
    import hashlib
    from pathlib import Path

    here = Path(__file__).resolve()
    h = hashlib.sha256(here.read_bytes())
    h.update((here.parent.parent / "extract" / "clause.py").read_bytes())  # read, not imported: no spaCy
    h.update((here.parent.parent / "layout" / "fields.py").read_bytes())  # how status values read
    return h.hexdigest()[:16]


def update_reports(records, known: dict[str, str]) -> dict[str, str]:
    """Every record's report: the stored one when its id (derived from its text) is known, else
    read now.  Only new or re-worded records are parsed."""
    from kb.layout.fields import progress_of
    from kb.trace.context import list_intro

    reported = {c.id: r for c in records if (r := progress_of(c.reported))}  # a status read, no parse
    todo = [c for c in records if c.id not in known and c.id not in reported]
    fresh = dict(zip([c.id for c in todo], reports_of([c.text for c in todo], [list_intro(c) for c in todo]),
                     strict=True)) if todo else {}
    out = {c.id: reported.get(c.id) or known.get(c.id) or fresh[c.id] for c in records}
    return with_row_reports(records, out, reported)


# What a row's own cells may report of its action for the row to be the action part way done.
_WORK_REPORTED = ("done", "partway", "ongoing")


def with_row_reports(records, reports: dict[str, str], reported: Collection[str] = ()) -> dict[str, str]:
    """A table row that states an action and, in another of its cells, what has been done on it
    ("Commitment | What we have done | Next steps": "Reduce falls in care homes" beside "Trained
    staff in 40 homes"), reports the action part way done (`partway`), however its own cell is
    worded: the row is the plan's account of work on the action, which goes on.  The row's other
    cells are the action's `evidence` (kb.extract.pipeline); a cell that is a record of its own has
    its report there already, any other is read now.  A row with a status of its own (`reported`)
    keeps what its status says."""
    cell_report = {(c.doc_id, c.text): reports[c.id] for c in records if c.kind == "evidence" and c.id in reports}
    rows = [c for c in records if c.kind != "evidence" and c.evidence and c.id not in reported
            and reports.get(c.id) in ("planned", "statement")]
    unread = list(dict.fromkeys(t for c in rows for t in c.evidence if (c.doc_id, t) not in cell_report))
    read = dict(zip(unread, reports_of(unread), strict=True)) if unread else {}
    out = dict(reports)
    for c in rows:
        cells = [cell_report.get((c.doc_id, t)) or read.get(t, "statement") for t in c.evidence]
        if any(r in _WORK_REPORTED for r in cells):
            out[c.id] = "partway"
    return out
