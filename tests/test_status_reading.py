"""Statuses an auditor can trust: the deciding passage speaks of the commitment's own action or
object (not only of its bodies and places), a list item reads with its lead-in's tense, and a
planning document done is a step, not the delivery.  Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from kb.model import Commitment, DocumentMeta

META = {d: DocumentMeta(d, title=f"Plan {d}", date=f"{d}-01-01") for d in ("2014", "2016", "2019")}


def rec(cid: str, doc: str, text: str, section: str = "", kind: str = "commitment", context: str = "") -> Commitment:
    return Commitment(cid, doc, kind, text, section, None, 1, context=context)


@pytest.mark.parametrize("intro, item, report", [
    # a lead-in that says its things were done governs items without a verb of their own
    ("Engagement already undertaken across the district includes:", "Consultation on the clinic hours", "done"),
    ("Some of the successes that have been delivered since 2018 are:", "A 10% rise in clinic attendances", "done"),
    ("Work completed to date includes:", "Weekend opening of the library", "done"),
    ("Our main successes since 2018 have been:",
     "A 12% fall in missed bin collections; 30 more crossing patrols where the roads are busiest", "done"),
    ("We have completed:", "A review of the mobile library routes", "done"),
    ("Projects being rolled out this year:", "Weekend opening of the library", "ongoing"),
    # a lead-in of a plan, or of things agreed or expected, makes no item done
    ("The actions agreed by the board are:", "The pilot of the booking line", "statement"),
    ("Over the next year we will deliver:", "A new booking line", "statement"),
    ("Outcomes expected by 2022 include:", "Shorter waits for the memory clinic", "statement"),
    # a lead-in of things said or asked lists no achievement
    ("Councillors raised several points in the debate including:", "The opening hours of the new library", "statement"),
    ("The committee discussed:", "Weekend opening of the library", "statement"),
    # a light verb with a noun of saying says things too: what it lists was referred to, not done
    ("Reference was made to the three tiers of the parking service:", "Residents' permits for every street", "statement"),
    ("The chair made a number of comments on the draft, including:", "Weekend opening of the library", "statement"),
    ("The council made two new crossings on the high street:", "A zebra crossing by the school", "done"),
    # an item with its own verb keeps its own tense whatever its lead-in
    ("Consultation held so far included:", "We will consult on the clinic hours in 2021", "planned"),
    ("", "Consultation on the clinic hours", "planned"),
])
def test_a_list_item_reads_with_its_lead_in(intro, item, report):
    from kb.trace.reports import reports_of

    assert reports_of([item], [intro]) == [report]


@pytest.mark.parametrize("text, report", [
    # a planning document done is a step towards the thing, not the thing
    ("We updated our estates strategy with the key milestones for the new hub.", "step"),
    ("We have published the new parking plan.", "step"),
    ("The partners drew up a timeline for the move.", "step"),
    ("The working group provided a report to the board on its priorities.", "step"),
    # so is a body set up to do the work
    ("The partnership board has formed four sub groups on recruitment and retention.", "step"),
    ("A steering group was established in May.", "step"),
    # and so is a meeting held on the work
    ("A workshop took place in March on the falls pathway.", "step"),
    ("Two drop-in sessions were held with the ward staff.", "step"),
    # the thing itself done is done
    ("The new hub was opened in May.", "done"),
    ("We have recruited twelve health visitors.", "done"),
    # what was said or heard is no act done
    ("What residents have told us so far", "said"),
    ("Members raised concerns about the depot.", "said"),
    ("The options were discussed at the board.", "said"),
    # what a paper said is no act done, whatever the work it tells of; a body set up at work is machinery
    ("The report set out the options for the new depot.", "said"),
    ("The programme board has overseen the procurement to date.", "step"),
    ("The council opened the new depot in May.", "done"),
    # a body or vehicle set up for work still to come is a step, whatever it is called
    ("Established a new care network which will review the day services by 2021", "step"),
    ("A panel was set up to review the bids.", "step"),
    ("We set up a carers network to advise the board.", "step"),
    ("We have established a wellbeing hub in the high street.", "done"),
    ("The clinic was set to open in May.", "planned"),
])
def test_a_planning_document_done_is_a_step(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("text, report", [
    # a progress report's list leaves out "we have": a past verb with an object reports the act done
    ("Awarded grants for the new community transport scheme", "done"),
    ("Opened two walk-in clinics in the town centre", "done"),
    ("Recruited twelve additional health visitors", "done"),
    ("Worked with the district councils on a single housing register", "done"),
    ("Reviewed our bus routes with the operators", "done"),
    ("Commenced a review of day services", "ongoing"),  # work begun, not done
    # a participle that names an outcome before its noun is a deliverable, not a report
    ("Reduced waiting times for hearing tests", "planned"),
    ("Improved outcomes for people with dementia", "statement"),
    ("Increased uptake of the flu vaccine", "statement"),
    ("Supported self-management for people with asthma", "planned"),
    # ... and one that relates the bullet to something, or lists, reports nothing
    ("Based on the review, we will close the depot", "planned"),
    ("Proposed schemes for the coming year are listed below", "statement"),
])
def test_a_past_verb_heading_a_bullet_reports_the_act(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("seed, cand, report, link", [
    # a plan agreed is part way to the clinic
    ("Open a memory clinic in the market town", "We agreed the plan for the memory clinic", "step", "progress"),
    # the document was the commitment: a document of that kind done delivers it
    ("Write a business case for a memory clinic", "We agreed the business case for the memory clinic", "step",
     "delivered"),
    ("Develop workforce strategies across the partnership", "The partnership's workforce strategy was published",
     "step", "delivered"),
    # ... a document or body of another kind is a step towards it
    ("Write a business case for a memory clinic", "We agreed the plan for the memory clinic", "step", "progress"),
    ("Develop workforce strategies across the partnership", "The workforce board formed three sub groups", "step",
     "progress"),
    ("Open a memory clinic in the market town", "We agreed the plan for the memory clinic", "done", "delivered"),
])
def test_a_step_is_progress_unless_the_document_was_the_commitment(seed, cand, report, link):
    from kb.trace.tracer import link_type

    assert link_type(META["2014"], rec("s", "2014", seed), META["2019"], rec("c", "2019", cand, kind="evidence"),
                     report) == link


@pytest.mark.parametrize("text, report", [
    # a negated "be" with a noun says what a thing is not, not what is left undone
    ("This is not a statutory duty.", "statement"),
    ("The falls board is not a project.", "statement"),
    # ... unlike what is not yet in place, complete or available
    ("The new hub is not yet in place.", "unmet"),
    ("The hub is not yet a going concern.", "unmet"),
    ("Recruitment to the new team is not complete.", "unmet"),
    ("The service is not available at weekends.", "unmet"),
])
def test_what_a_thing_is_not_is_no_unmet_report(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("cand, report, link", [
    # a later document telling what happened before the seed's plan reports no progress since
    ("The three councils began a programme of joint work on falls during 2013.", "ongoing", "restated"),
    ("In April 2013 the partners set up a falls project board.", "step", "restated"),
    ("Between 2012 and 2013 the falls clinic was rebuilt.", "done", "restated"),
    # what it dates after the seed's plan, or up to its own time, or not at all, is later news
    ("The falls clinic opened in March 2017.", "done", "delivered"),
    ("The falls clinic opened in 2013 and was extended in 2017.", "done", "delivered"),
    ("Falls admissions have fallen by 10% since 2013.", "done", "delivered"),
    ("The falls clinic opened last year.", "done", "delivered"),
    ("The falls clinic opened.", "done", "delivered"),
    # a plan is no report of the past, whatever its dates
    ("We will review the falls clinic, as agreed in 2013.", "planned", "restated"),
])
def test_a_report_of_what_happened_before_the_seed_is_no_later_progress(cand, report, link):
    from kb.trace.tracer import link_type

    meta = DocumentMeta("2014", title="Plan 2014", date="2014-06-01")
    assert link_type(meta, rec("s", "2014", "Open a falls clinic in the town"), META["2019"],
                     rec("c", "2019", cand, kind="evidence"), report) == link


@pytest.mark.parametrize("text, names", [
    ("Analysis by the RVHT clinicians on the Northgate site", {"rvht"}),  # an acronym that is no concept
    ("A report from the Estates Group to the Harbour Partnership Board", {"estat", "group", "harbour"}),
    ("We will work with NHS England on the new contract", {"zznhse"}),
    ("The Sustainability and Transformation Plan sets the direction", {"zzstp"}),
    # topics are no names, capitalised or not, acronym or not
    ("Improve access to IAPT and CAMHS for people with Dementia", set()),
    ("Open a memory clinic in the market town", set()),
])
def test_names_of_bodies_and_programmes(text, names):
    from kb.trace.about import name_terms

    assert set(name_terms(text)) == names


def _flat(term: str) -> float:
    return 1.0


@pytest.mark.parametrize("seed, passage, speaks", [
    # the seed's object or action is held
    ("Recruit more consultant paediatricians at the RVHT site", "Six consultant paediatricians joined in 2018", True),
    ("Open a memory clinic in Easton", "The memory clinic opened in the spring", True),
    # a long seed names several things: three of its own terms are enough whatever their share
    ("We will reduce the unexplained variation in prescribing between surgeries and adopt recognised good "
     "practice in every surgery, with quarterly audits and peer visits to each practice",
     "to spread good practice and reduce variation", True),
    # what the seed is for weighs less than what it does: its object held is enough
    ("Cut the use of locum surgeons, so that theatre lists overrun less",
     "Spending on locum surgeons fell by a fifth", True),
    ("Fewer locum surgeons with a knock-on effect on theatre overruns and staff morale",
     "Spending on locum surgeons fell by a fifth", True),
    # only the body's name, the place or a side word is shared
    ("Recruit more consultant paediatricians at the RVHT site",
     "Specialised services on the RVHT site are being reviewed", False),
    ("Award the community transport contract with NHS England",
     "NHS England has published new guidance on patient choice", False),
    ("Reduce duplication and waste while supporting patients and carers",
     "We will do more to support carers in their caring role", False),
])
def test_a_passage_speaks_of_the_seed_s_own_action_or_object(seed, passage, speaks):
    from kb.trace.about import about, seed_core

    assert about(seed_core(seed, "", _flat), passage).speaks is speaks


@pytest.mark.parametrize("seed, side", [
    # a verb opening the seed, or after "to" or a modal, before a determiner: the act, not its object
    ("Close the night shelter", {"close"}),
    ("Agreeing the parking charges with traders", {"agreeing"}),
    ("The council is to fund the library bus", {"fund"}),
    ("Roads: Resurface the high street", {"resurface"}),
    # each word of a name written in capitals, of two or more core words, is one thing with the rest
    ("Harbour Dredging Contracts", {"harbour", "dredging", "contracts"}),
    ("Removal of Graffiti on Bridges", {"removal", "graffiti", "bridges"}),
    # a name of one core word, an acronym, a concept, or words in lower case are no such name
    ("Library Services", set()),
    ("GP Referrals", set()),
    ("reduce smoking in pregnancy", set()),
    ("Merger of depot repair workshops", set()),
    # a noun before a determiner is no verb when it does not open the seed
    ("Funding for the new depot", set()),
])
def test_side_terms_are_the_seed_s_verb_and_the_words_of_its_names(seed, side):
    from kb.trace.about import side_terms
    from kb.trace.features import terms

    core = terms(seed)
    assert side_terms(seed, core) == {t for w in side for t in terms(w)}


@pytest.mark.parametrize("seed, passage, speaks", [
    # one side word held alone: the seed's verb, or one word of its name
    ("Close the shelter", "We will close the consultation at the end of May", False),
    ("Dredging Contracts", "Dredging of the canal began in the autumn", False),
    ("Hedge Cutting Services", "Budgets were cut by a tenth", False),
    # its object, or two words of its name, or a word of a seed with nothing else to hold
    ("Close the shelter", "The shelter moved to the old library", True),
    ("Dredging Contracts", "The dredging contracts were let to a new firm", True),
    ("Finalise the plan", "We will finalise the budget in March", True),
    # in lower case the words are no name: the topic word held is a fair share
    ("reduce smoking in pregnancy", "Smoking rates fell among adults", True),
    # the seed's noun held only as the passage's verb is the passage's act, not the seed's thing;
    # held as a noun, or with another core term, it is the thing
    ("Running costs", "We will run a workshop for tenants", False),
    ("Running costs", "The trust has run the service since May", False),
    ("Running costs", "The running of the depot passed to a trust", True),
    ("Running costs", "Running costs fell by a tenth", True),
])
def test_a_single_side_word_does_not_speak_of_the_seed(seed, passage, speaks):
    from kb.trace.about import about, seed_core, side_terms

    core = seed_core(seed, "", _flat)
    assert about(core, passage, side=side_terms(seed, core)).speaks is speaks


@pytest.mark.parametrize("text, term, left", [
    ("Expand the asthma nurse service", "asthma", "Expand the   nurse service"),
    ("Improve asthma care to reduce asthma attacks", "asthma", "Improve   care to reduce   attacks"),
    # a thesaurus phrase that gives the term goes whole, other words stay
    ("Care homes will get more visits", "zzcarehom", "  will get more visits"),
])
def test_a_text_without_one_term(text, term, left):
    from kb.trace.about import without_term
    from kb.trace.features import terms

    if term.startswith("zz"):  # the concept's token as the index folds it
        term = next(t for t in terms(text) if t.startswith("zzcare"))
    assert without_term(text, term) == left


def test_closeness_in_meaning_without_the_one_shared_term():
    from kb.trace.about import CLOSE_MEANING, own_meaning, rest_meaning

    seed, passage = "Expand the asthma nurse service", "Improve asthma care to reduce asthma attacks"
    whole = own_meaning(seed, passage)
    if whole is None:
        pytest.skip("the semantic model is not installed")
    # the shared rare word makes two short texts look close; without it they are not
    assert whole >= CLOSE_MEANING > rest_meaning(seed, passage, "asthma")


def test_a_seed_whose_name_shares_one_word_with_a_report_is_not_delivered_by_it():
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Hedge Cutting Services")
    items = [_item("a", "Budgets were cut by a tenth across the council", "delivered", 0.6, "done")]
    got, reason, chosen = thread_status(seed, META["2014"], items, "2019-01-01", ["2016", "2019"], _flat)
    assert (got, chosen) == ("silent", None), reason
    items.append(_item("b", "The hedge cutting round was extended to every parish", "delivered", 0.5, "done"))
    got, reason, chosen = thread_status(seed, META["2014"], items, "2019-01-01", ["2016", "2019"], _flat)
    assert (got, chosen.commitment.id) == ("delivered", "b"), reason


def test_a_seed_of_generic_words_takes_its_core_from_its_row_or_heading():
    from kb.trace.about import about, seed_core

    core = seed_core("Get it started and check progress", "Family hubs", _flat)
    assert set(core) and about(core, "Eight family hubs are now open").speaks
    assert not about(core, "The new service for carers is in place").speaks
    # a NEXT STEPS cell speaks of its row's commitment, not of the table's heading
    core = seed_core("Get it started and check progress monthly", "Children and Families", _flat,
                     row="Develop the befriending offer for isolated older people")
    assert about(core, "The befriending offer for isolated older people started in March").speaks
    assert not about(core, "Phase two of the children and families programme started in July").speaks


@pytest.mark.parametrize("seed, passage", [
    # the marks of a commitment are not its object
    ("It is the intention to establish memory cafes in every town", "It is the intention to close the depot"),
    ("Our aim is to open a memory clinic", "Our aim is to balance the budget"),
    # steps of a plan's cycle name no object: the seed's topic is elsewhere
    ("Monitor and update each quarter", "The monitoring of the parking scheme has been shared with members"),
    # a seed that only names a body and what it does is about that body, not about any meeting
    ("Harbour Transport Board (meets monthly)", "The meeting with the bus operators was positive"),
    # embedding is implementing: the verb names no object
    ("Embedding mentoring", "Prevention is becoming embedded across the council"),
    # how many and how plainly are no object either
    ("Clear advice for multiple landlords", "The Multiple Needs Board set out a clear timetable"),
    ("Repairs across our entire estate", "The needs of our entire population keep growing"),
    # finding what is needed is a step of any plan; a particle or a hyphened prefix is no object
    ("Identification of landlords", "Early identification of young carers"),
    ("More out-patient clinics", "The new app was rolled out to every surgery"),
    # nor are auxiliaries, quantifiers and adverbs of time or degree: three of them held are no object
    ("Ferry timetables have now been agreed with all the island schools, wherever possible",
     "All of the bridge repairs have now been finished, wherever possible"),
    ("Some harbour moorings are still very costly", "Some visitors were still very late"),
])
def test_commitment_marks_are_no_core(seed, passage):
    from kb.trace.about import about, seed_core

    assert not about(seed_core(seed, "", _flat), passage).speaks


def _item(cid, text, link, score, report):
    from kb.trace.tracer import TraceItem

    return TraceItem(rec(cid, "2019", text, kind="evidence"), META["2019"], link, score,
                     {"report": report, "signals": {"anchor": 1.0}})


@pytest.mark.parametrize("items, status, deciding", [
    # a recent report about another subject of the same body does not decide; the seed's own does
    ([("a", "The memory clinic will open its second room in 2020", "restated", 0.6, "planned"),
      ("b", "Local partnership arrangements in Easton are being established", "progress", 0.5, "ongoing")],
     "restated", "a"),
    ([("a", "The memory clinic will open its second room in 2020", "restated", 0.6, "planned"),
      ("c", "The memory clinic opened in Easton in the spring", "delivered", 0.5, "done")],
     "delivered", "c"),
    # when no later passage speaks of it, none decides
    ([("b", "Local partnership arrangements in Easton are being established", "progress", 0.5, "ongoing")],
     "silent", None),
])
def test_the_deciding_passage_speaks_of_the_seed(items, status, deciding):
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a memory clinic in Easton")
    got, reason, chosen = thread_status(seed, META["2014"], [_item(*i) for i in items], "2019-01-01",
                                        ["2016", "2019"], _flat, {"easton"})
    assert got == status, reason
    assert (chosen.commitment.id if chosen else None) == deciding


def test_a_seed_about_a_body_speaks_of_that_body():
    from kb.trace.about import about, seed_core

    core = seed_core("Harbour Transport Board (meets monthly)", "Roles", _flat)
    assert about(core, "The Harbour Transport Board was reconstituted with more elected members").speaks


@pytest.mark.parametrize("passage, speaks", [
    # a seed made of process words is a step of what its heading names: a passage naming that speaks
    ("Three rounds of public engagement on the ward closures were held in 2018", True),
    # one word of the heading is a side word, and a close phrasing of the steps names no object
    ("Any change to opening hours will follow engagement with users", False),
    ("We will monitor the results and update our approach where required", False),
])
def test_a_seed_of_process_words_speaks_through_its_whole_heading(passage, speaks):
    from kb.trace.about import about, heading_only, seed_core

    seed, heading = "Monitor and update as required", "Public engagement"
    assert heading_only(seed, heading)
    assert not heading_only("Open a memory clinic", heading)
    assert not heading_only(seed, heading, row="Develop the befriending offer for isolated older people")
    core = seed_core(seed, heading, _flat)
    assert about(core, passage, 0.9, whole=True).speaks is speaks


@pytest.mark.parametrize("later, status, deciding", [
    # a renamed service's later form speaks of its restatement, which speaks of the seed: it decides
    ([("a", "2016", "The memory clinic in Easton will become the Brain Health Hub", "restated", 0.7, "planned", None),
      ("b", "2019", "The Brain Health Hub opened its doors in March", "delivered", 0.5, "done", "a")],
     "delivered", "b"),
    # a chained passage sharing nothing with the step before carries nothing: the restatement decides
    ([("a", "2016", "The memory clinic in Easton will become the Brain Health Hub", "restated", 0.7, "planned", None),
      ("c", "2019", "The council balanced its budget in March", "delivered", 0.5, "done", "a")],
     "restated", "a"),
])
def test_a_chain_speaks_of_the_seed_when_each_step_does(later, status, deciding):
    from kb.trace.tracer import TraceItem, thread_status

    items = []
    for cid, doc, text, link, score, report, via in later:
        item = TraceItem(rec(cid, doc, text, kind="evidence"), META[doc], link, score,
                         {"report": report, "signals": {"anchor": 1.0}})
        if via:
            item.evidence["via"] = via
        items.append(item)
    seed = rec("s", "2014", "Open a memory clinic in Easton")
    got, reason, chosen = thread_status(seed, META["2014"], items, "2019-01-01", ["2016", "2019"], _flat, {"easton"})
    assert got == status, reason
    assert chosen.commitment.id == deciding


@pytest.mark.parametrize("text, report, status", [
    # a later plan that commits to it again carries it forward, though its first date has passed
    ("We will open a memory clinic in Easton", "planned", "restated"),
    # the latest word past the date is no new commitment: a description, a need, a conditional
    ("Easton has no memory clinic and people travel to the city for assessment", "statement", "overdue"),
    ("A memory clinic in Easton could open if funding allows", "conditional", "overdue"),
])
def test_a_restatement_past_the_due_date(text, report, status):
    from kb.model import DueDate
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a memory clinic in Easton by March 2015")
    seed.due = [DueDate("by March 2015", None, "2015-03-31")]
    item = _item("a", text, "restated", 0.6, report)
    got, reason, chosen = thread_status(seed, META["2014"], [item], "2019-01-01", ["2016", "2019"], _flat, {"easton"})
    assert got == status, reason
    assert chosen is item


@pytest.mark.parametrize("text, report", [
    # a plan that follows a step done by a perfect participle is part way
    ("Having finished the consultation on the library hours, the council will now adopt the new timetable.", "partway"),
    ("Having agreed the design of the new depot, we will start building it in the spring.", "partway"),
    # no step done: a negated participle, "having regard to", or a plan alone
    ("Having not yet secured the funding, we will bid again next year.", "planned"),
    ("Having regard to the cost, we will open the pool on weekends only.", "planned"),
    ("We will open the new pool in 2021.", "planned"),
])
def test_a_plan_after_a_step_done_is_part_way(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("text, report", [
    # work that began is work going on: an inceptive verb whose subject or object is work
    ("In June the partnership started the second phase of the dementia programme.", "ongoing"),
    ("Work has commenced on the new health centre in Easton.", "ongoing"),
    ("We have begun to recruit ten more health visitors.", "ongoing"),
    ("The council embarked on a review of the bus routes.", "ongoing"),
    # the thing itself that started is open: a clinic, a service
    ("The new memory clinic started in April 2018.", "done"),
    ("The trust started the new weekend service in 2018.", "done"),
    # a later conjunct says where it stands now
    ("The review began in March and has now finished.", "done"),
])
def test_work_that_began_is_ongoing(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("topic, meaning, speaks", [
    # naming the seed's topic speaks of it when the passage is not unrelated in meaning
    (True, 0.35, True),
    (True, 0.2, False),   # a theme word the seed uses in passing ("staff"), in a sentence on another matter
    (True, None, False),  # not known yet: the words alone do not settle it
    (False, 0.65, True),  # close in meaning whatever the words
])
def test_naming_the_topic_needs_a_related_meaning(topic, meaning, speaks):
    from kb.trace.about import About

    assert About(0.2, ("staff",), meaning, topic).speaks is speaks


@pytest.mark.parametrize("items, status, deciding", [
    # done, and what was done is the seed itself: delivered
    ([("c", "The memory clinic opened in Easton in the spring", "delivered", 0.5, "done")], "delivered", "c"),
    # done, but what was done is a step on its topic (a group formed, a membership widened): progress
    ([("d", "The memory assessment steering group was formed in the spring", "delivered", 0.5, "done")],
     "in progress", "d"),
    # a later plan that speaks of it restates it
    ([("a", "We will open the memory clinic in Easton on Saturdays", "restated", 0.6, "planned")], "restated", "a"),
    # a report that it was done stands against a later plan that only restates it
    ([("c", "The memory clinic opened in Easton in the spring", "delivered", 0.5, "done", "2016"),
      ("a", "The memory clinic in Easton will keep its Saturday hours", "restated", 0.6, "planned")],
     "delivered", "c"),
    # ... and against a later report of a step on its topic done (not the commitment itself)
    ([("c", "The memory clinic opened in Easton in the spring", "delivered", 0.5, "done", "2016"),
      ("d", "The memory assessment steering group was formed in the spring", "delivered", 0.6, "done")],
     "delivered", "c"),
    # a later report of work going on is the latest word
    ([("c", "The memory clinic opened in Easton in the spring", "delivered", 0.5, "done", "2016"),
      ("g", "Memory clinic staff in Easton are being trained in dementia care", "progress", 0.6, "ongoing")],
     "in progress", "g"),
    # a later report that it is not done yet is the latest word
    ([("c", "The memory clinic opened in Easton in the spring", "delivered", 0.5, "done", "2016"),
      ("u", "The memory clinic in Easton has not opened on Saturdays", "progress", 0.6, "unmet")],
     "overdue", "u"),
])
def test_done_delivers_only_the_seed_itself(items, status, deciding):
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a memory clinic in Easton")
    later = []
    for cid, text, link, score, report, *doc in items:
        item = _item(cid, text, link, score, report)
        if doc:
            item.commitment.doc_id, item.doc = doc[0], META[doc[0]]
        later.append(item)
    got, reason, chosen = thread_status(seed, META["2014"], later, "2019-01-01", ["2016", "2019"],
                                        lambda t: {"memori": 2.0, "clinic": 1.5, "open": 1.5}.get(t, 1.0), {"easton"})
    assert got == status, reason
    assert chosen.commitment.id == deciding


@pytest.mark.parametrize("due, status", [("2015-03-31", "overdue"), ("2021-03-31", "silent"), (None, "silent")])
def test_no_later_word_is_silent_or_overdue_by_the_due_date(due, status):
    """No later document links to it: overdue once its due date has passed by the newest document,
    else silent; the reason names the documents searched either way."""
    from kb.model import DueDate
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a memory clinic in Easton")
    seed.due = [DueDate("by then", None, due)] if due else []
    got, reason, chosen = thread_status(seed, META["2014"], [], "2019-01-01", ["2016", "2019"])
    assert (got, chosen) == (status, None)
    assert "searched: 2016, 2019" in reason


@pytest.mark.parametrize("between, status, deciding", [
    # a row shown only because it stands between two linked rows was never read against the seed: it
    # decides only when its own words speak of the seed, as a sentence shown with its paragraph does
    ("The leisure centre car park was resurfaced in June", "restated", "a"),
    ("The memory clinic in Easton opened its second room in June", "delivered", "m"),
])
def test_a_row_between_two_linked_ones_decides_by_its_own_words(between, status, deciding):
    from kb.trace.tracer import TraceItem, thread_status

    def item(cid, text, link, report, evidence):
        return TraceItem(rec(cid, "2019", text, kind="evidence"), META["2019"], link, 0.6,
                         {"report": report, **evidence})

    items = [item("a", "We will open a memory clinic in Easton", "restated", "planned", {"signals": {"anchor": 1.0}}),
             item("m", between, "delivered", "done", {"terms": [], "between": ["a", "b"]}),
             item("b", "We will open a memory clinic for younger people", "restated", "planned",
                  {"signals": {"anchor": 1.0}})]
    seed = rec("s", "2014", "Open a memory clinic in Easton")
    got, reason, chosen = thread_status(seed, META["2014"], items, "2019-01-01", ["2016", "2019"], _flat, {"easton"})
    assert got == status, reason
    assert chosen.commitment.id == deciding


@pytest.mark.parametrize("text, report", [
    # a participle with a subject and no auxiliary has no tense of its own: a plan's outcome row
    ("More school nurses trained to give first aid advice", "planned"),
    ("Home care workers better supported to care for people with dementia", "planned"),
    # ... unless a time places it in the past (the headline style of a progress report)
    ("New memory clinic opened in March 2019", "done"),
    ("Carers' helpline launched last year", "done"),
    # a finite past, with its auxiliary, reports the act whatever the time
    ("Twelve school nurses were trained to give first aid advice", "done"),
])
def test_a_participle_without_a_time_names_an_outcome(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("latest, status, deciding", [
    # a later plan that only repeats it: the earlier report of work on it still stands
    (("We will open a memory clinic in Easton", "restated", "planned"), "in progress", "w"),
    # a later plan that moves it to a new date revises it: the work reported was on the old form
    (("We will open a memory clinic in Easton by 2023", "revised", "planned"), "revised", "l"),
    # a later report on it decides, as the latest word
    (("The memory clinic in Easton opened in May", "delivered", "done"), "delivered", "l"),
])
def test_work_reported_stands_against_a_later_restatement(latest, status, deciding):
    from kb.trace.tracer import TraceItem, thread_status

    work = TraceItem(rec("w", "2016", "Building work on the memory clinic in Easton is under way", kind="evidence"),
                     META["2016"], "progress", 0.5, {"report": "ongoing", "signals": {"anchor": 1.0}})
    text, link, report = latest
    last = TraceItem(rec("l", "2019", text, kind="evidence"), META["2019"], link, 0.7,
                     {"report": report, "signals": {"anchor": 1.0}})
    seed = rec("s", "2014", "Open a memory clinic in Easton")
    got, reason, chosen = thread_status(seed, META["2014"], [work, last], "2019-01-01", ["2016", "2019"], _flat,
                                        {"easton"})
    assert got == status, reason
    assert chosen.commitment.id == deciding


@pytest.mark.parametrize("cell, status", [
    # a cell that only says it was done reports its row's thing done
    ("Completed in May 2018", "delivered"),
    # a cell that names what was done reports that: here a step towards the row's commitment
    ("Held workshops with carers' groups and ward staff", "in progress"),
])
def test_a_done_cell_is_read_by_its_own_words_when_they_name_the_act(cell, status):
    from kb.trace.tracer import TraceItem, thread_status

    row = TraceItem(rec("r", "2019", "Open a memory clinic in Easton", kind="commitment"), META["2019"], "restated",
                    0.7, {"report": "planned", "signals": {"anchor": 1.0}})
    done = TraceItem(rec("c", "2019", cell, kind="evidence"), META["2019"], "delivered", 0.7,
                     {"report": "done", "row": "r", "terms": []})
    seed = rec("s", "2014", "Open a memory clinic in Easton")
    got, reason, chosen = thread_status(seed, META["2014"], [row, done], "2019-01-01", ["2016", "2019"], _flat,
                                        {"easton"})
    assert got == status, reason
    assert chosen.commitment.id == "c"


@pytest.mark.parametrize("text, report", [
    # a document as the doer of a verb of telling or informing says what the paper said
    ("The update provided detailed information on progress with the depot, including the parks and libraries.",
     "said"),
    ("This paper summarised the responses to the consultation on bus routes.", "said"),
    ("The briefing indicated that while the plan was the main tool, the fund was the only route to integration.",
     "said"),
    # ... and so does a meeting taking one in
    ("The committee received a presentation from the director on the depot work stream.", "said"),
    ("Members noted the update on the new library.", "said"),
    # a body doing something, or a document done, is not
    ("The council received a grant of £2m for the depot.", "done"),
    ("The report was published in May.", "step"),
])
def test_what_a_paper_said_is_no_report_of_the_work(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("text, report", [
    # a participle joined to a noun without its hyphen names a kind of service, nothing done
    ("Nurse led clinics for minor injuries in the market towns", "statement"),
    ("Patient initiated follow up appointments for people with arthritis", "statement"),
    ("Community based teams for frail people", "statement"),
    # a doer marked as one, or an object marked by a number or determiner, did something
    ("The practice nurse led two clinics in May.", "done"),
    ("Our nurses led the clinics in May.", "done"),
    # a change in the world with no figure says how things moved, not that anything was done
    ("There has been a rise in the number of people sleeping rough in the town.", "statement"),
    ("There have been increases in demand for the memory clinic.", "statement"),
    ("There has been a 20% fall in waiting times for hearing tests since 2017.", "done"),
])
def test_a_kind_of_service_or_a_change_in_the_world_is_no_act(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


def test_a_list_item_naming_a_kind_of_service_reads_with_its_lead_in():
    from kb.trace.reports import reports_of

    assert reports_of(["Clinic Redesign: patient initiated follow up; nurse led clinics for minor conditions"],
                      ["We are rolling out three projects to cut waits:"]) == ["ongoing"]


@pytest.mark.parametrize("seed, cand, carried", [
    # the seed's thing named inside a wider one: a new vehicle
    ("Re-design the out of hours GP service", "We will build an integrated urgent care offer, including the "
     "out of hours GP service and the minor injuries units", True),
    ("Improve the crisis line", "We will improve mental health services, including the crisis line", True),
    # the seed's thing put into, or turned into, another
    ("Open a carers hub in the town centre", "The carers hub will become part of the new wellbeing service", True),
    ("Keep the tenants' forum meeting quarterly", "The tenants' forum was subsumed into the housing board", True),
    ("Shared end of life care plans", "Shared end of life care plans will become a Personal Health Record", True),
    # ... or listed in brackets as a part of a wider thing
    ("Joint back-office functions for the district councils",
     "We will look for wider savings (shared rotas, joint back-office functions) across the county", True),
    ("A vision of better libraries for the county", "We will use the national model of reading services "
     "(taken from their Vision for Better Libraries, May 2018)", False),
    # the seed saying the same of itself, the vehicle named as before, or a description is no change
    ("Replace the boilers in the depot", "We will replace the boilers in the depot by 2022", False),
    ("Open the clinic", "We will open the clinic as part of the estates programme", False),
    ("Identify the families who need early help", "Early help will become a bigger priority", False),
    # only one of the seed's terms beside the marker: the seed's own thing is not carried
    ("A common specification framework for dementia care providers", "The community teams will widen their "
     "role, including the diagnosis of dementia", False),
])
def test_a_thing_carried_into_another_vehicle(seed, cand, carried):
    from kb.trace.tracer import carried_into

    assert carried_into(seed, cand) is carried


@pytest.mark.parametrize("cand, report, link", [
    ("We will build an integrated urgent care offer, including the out of hours GP service", "planned", "revised"),
    ("We will re-design the out of hours GP service", "planned", "restated"),
    # what a paper said of it is no new plan, whatever it says
    ("The report set out a new out of hours GP service for 2021", "said", "restated"),
])
def test_a_later_plan_carrying_the_seed_into_another_vehicle_revises_it(cand, report, link):
    from kb.trace.tracer import link_type

    assert link_type(META["2014"], rec("s", "2014", "Re-design the out of hours GP service"), META["2019"],
                     rec("c", "2019", cand), report) == link


@pytest.mark.parametrize("seed, status", [
    # a direction of travel has no end point: something done on it is movement
    ("Increasingly commission care for older people in their own homes", "in progress"),
    ("Continue to commission care for older people in their own homes", "in progress"),
    ("Commission care for older people in their own homes", "delivered"),
])
def test_a_direction_of_travel_is_never_delivered(seed, status):
    from kb.trace.tracer import thread_status

    items = [_item("c", "We have commissioned care for older people in their own homes from two providers",
                   "delivered", 0.6, "done")]
    got, reason, chosen = thread_status(rec("s", "2014", seed), META["2014"], items, "2019-01-01",
                                        ["2019"], _flat)
    assert got == status, reason
    assert chosen.commitment.id == "c"


@pytest.mark.parametrize("text, report", [
    # "continue(s) to" in the present: work going on now
    ("We continue to embed the falls pathway in every surgery.", "ongoing"),
    ("The district councils hold their own registers and continue to review them each year.", "ongoing"),
    # ... but a pledge to continue, an imperative, or a change that goes on, is no work reported
    ("We will continue to work with the bus operators.", "planned"),
    ("Continue to work with the bus operators on new routes", "planned"),
    ("Demand for the memory clinic continues to rise.", "planned"),
])
def test_work_that_continues_now_is_going_on(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


def test_a_seed_s_aside_in_brackets_weighs_less_than_what_it_does():
    from kb.trace.about import about, seed_core

    core = seed_core("Navigate residents (tenants and carers) to the right advice service", "", _flat)
    assert core["carer"] < core["navig"]
    assert not about(core, "We will do more to support carers in their caring role").speaks
    assert about(core, "The advice service now navigates residents to the right help").speaks
    # a one-word bracket is a name or a label, not an aside
    assert set(seed_core("Open a wellbeing hub (Easthaven)", "", _flat).values()) == {1.0}


def test_a_later_passage_no_link_reached_returns_to_a_silent_seed_when_words_and_meaning_agree():
    from kb.trace.about import own_meaning
    from kb.trace.tracer import returning_passage, thread_status

    seed = rec("s", "2014", "Cut waiting times for hearing aid fittings at Marlow Vale clinics")
    back = rec("b", "2019", "Waiting times for hearing aid fittings fell from fourteen to six weeks", kind="evidence")
    if own_meaning(seed.text, back.text) is None:
        pytest.skip("the semantic model is not installed")
    # two of its own terms but another subject in meaning; one word only; an earlier paper's passage
    others = [rec("a", "2019", "Hearing aid batteries are now posted to patients at home", kind="evidence"),
              rec("c", "2019", "The hearing loop in the town hall was repaired", kind="evidence"),
              rec("d", "2013", "Waiting times for hearing aid fittings rose from six to fourteen weeks", kind="evidence")]
    metas = {**META, "2013": DocumentMeta("2013", title="Plan 2013", date="2013-01-01")}
    reports = {"a": "done", "b": "done", "c": "done", "d": "done"}
    assert returning_passage(seed, META["2014"], others, metas, _flat, reports=reports) is None
    found = returning_passage(seed, META["2014"], [*others, back], metas, _flat, reports=reports)
    assert found is not None and found.commitment is back and found.evidence["returns"]
    assert {"wait", "hear", "aid"} <= set(found.evidence["about"]["held"])
    # it decides the status a seed no linked passage spoke of would otherwise be silent in
    got, reason, chosen = thread_status(seed, META["2014"], [found], "2019-01-01", ["2019"], _flat)
    assert got != "silent" and chosen is found, reason
    # a seed whose own words name nothing (a step of its heading) is never returned to this way
    step = rec("t", "2014", "Monitor and update as required", section="Hearing aid waiting times")
    assert returning_passage(step, META["2014"], [back], metas, _flat, reports=reports) is None
