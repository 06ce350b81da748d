"""Lineage: structure as context, an anchor that word parts cannot hijack, chained links, calibrated
decisions and statuses read from the clause.  Passages are written for these tests."""

from __future__ import annotations

import pytest

from kb.model import Commitment, DocumentMeta


def rec(cid: str, doc: str, text: str, section: str = "", kind: str = "commitment", context: str = "",
        parent: str | None = None, line: int = 1) -> Commitment:
    return Commitment(cid, doc, kind, text, section, None, line, context=context, parent_id=parent)


META = {d: DocumentMeta(d, title=f"Plan {d}", date=f"{d}-01-01") for d in ("2014", "2016", "2019")}


@pytest.mark.parametrize("c, parent, heading, intro, lead, row", [
    (rec("a", "2014", "Consultation in the spring", "Our priorities › Stroke Care"), None, "Stroke Care", "", "", ""),
    (rec("b", "2014", "Open two clinics", "2. Diabetes", context="Our focus will be on: Open two clinics"), None,
     "Diabetes", "Our focus will be on:", "", ""),
    (rec("c", "2014", "It will open in May.", "Title: Hub paper",
         context="The hub brings services together. It will open in May."), None, "Hub paper", "",
     "The hub brings services together.", ""),
    (rec("d", "2014", "Recruit two nurses", "Plan › Memory service", parent="p"),
     rec("p", "2014", "Diagnose dementia earlier"), "Memory service", "", "", "Diagnose dementia earlier"),
])
def test_structure_of_a_record(c, parent, heading, intro, lead, row):
    from kb.trace.context import structure_of

    s = structure_of(c, META["2014"], parent)
    assert (s.heading, s.intro, s.lead, s.row, s.title) == (heading, intro, lead, row, "Plan 2014")


def test_a_passage_under_a_heading_shares_its_topic():
    """A sentence that never says 'stroke' still carries the stroke topic from its heading."""
    from kb.trace.signals import Signals

    records = [rec("s", "2014", "Improve outcomes after a stroke", "Stroke Care"),
               rec("c", "2016", "Public consultation will start in the spring", "Stroke Care"),
               rec("x", "2016", "Public consultation will start in the spring on parking", "Car parks")]
    sig = Signals(records, META)
    assert "stroke" in sig.context_vector("c") and "stroke" not in sig.own_vector("c")
    f_under, _ = sig.features(records[0], sig.topic("s"), records[1])
    f_other, _ = sig.features(records[0], sig.topic("s"), records[2])
    assert f_under["lexical"] > 0 and f_other["lexical"] == 0
    assert f_under["structure"] > f_other["structure"]


def test_a_documents_frame_is_no_topic():
    """A term over most of a document's headings (its programme) counts only where a passage says it."""
    from kb.trace.signals import Signals

    frame = "Healthy Futures Programme"
    records = [rec("s", "2014", "Open a memory clinic in the market town", f"{frame} › Dementia"),
               rec("t", "2014", "Train forty dementia friends", f"{frame} › Dementia", line=2),
               rec("u", "2014", "Widen the cycle network", f"{frame} › Transport", line=3),
               rec("v", "2014", "The Healthy Futures Programme board meets monthly", f"{frame} › Governance", line=4),
               rec("w", "2016", "The memory clinic opened in May", "Dementia")]
    records += [rec(f"f{n}", "2014", f"Item {n} of the plan", f"{frame} › Annex", line=10 + n) for n in range(20)]
    sig = Signals(records, META)
    assert "healthi" in sig.frame["2014"] and "dementia" not in sig.frame["2014"]
    assert "dementia" in sig.topic("s").terms and "healthi" not in sig.topic("s").terms
    assert "healthi" in sig.context_vector("v")  # its own words name the programme
    assert "2016" not in sig.frame  # too short to tell a frame from a topic


def test_the_place_every_title_names_is_no_topic_even_in_short_papers():
    """Two short plans both titled after their place: "Westmarch" says where, not what a passage is
    about, so a seed whose own words no later passage holds has no topic to link by (the carers'
    strategy is not about the trees), while a passage that names the place itself keeps it."""
    from kb.trace.signals import Signals

    metas = {d: DocumentMeta(d, title=f"Westmarch Health Plan {d}", date=f"{d}-01-01") for d in ("2020", "2023")}
    records = [rec("s", "2020", "We will publish a carers' strategy", "Carers"),
               rec("u", "2020", "We will open a stroke unit in Westmarch", "Stroke", line=2),
               rec("t", "2023", "We will plant trees in the parks", "Parks"),
               rec("o", "2023", "The stroke unit opened in Westmarch", "Stroke", line=2)]
    sig = Signals(records, metas)
    assert "westmarch" in sig.frame["2020"] and "westmarch" in sig.frame["2023"]
    f, _ = sig.features(records[0], sig.topic("s"), records[2])
    assert "westmarch" not in sig.topic("s").terms and f["lexical"] == 0
    assert "westmarch" in sig.context_vector("u")  # its own words name the place
    # one document's title is no collection's frame
    assert not Signals(records[:2], {"2020": metas["2020"]}).frame


def test_a_term_no_other_passage_holds_sets_no_topic_scale():
    """An abbreviation used once ("(QXV)") links nothing: the linkable words carry the seed's topic."""
    from kb.trace.signals import Signals

    records = [rec("s", "2014", "Faster Hospital Discharge (QXV)", "Schemes"),
               rec("t", "2016", "Delays to hospital discharge fell by a third", "Flow"),
               rec("u", "2016", "Open two new libraries", "Culture", line=2)]
    terms = Signals(records, META).topic("s").terms
    assert "qxv" not in terms and terms.get("discharg") == 1.0


def test_a_passage_near_a_strong_link_under_its_heading_gets_section_support():
    from kb.trace.tracer import SECTION_NEAR, Scored, section_support

    seed = rec("s", "2014", "Open a memory clinic", "Dementia", line=10)
    pool = [Scored(rec("a", "2016", "The memory clinic opens in May", "Dementia", line=40), {}, [], 0.9),
            Scored(rec("b", "2016", "Contract award (Q4)", "Dementia", line=42), {}, [], 0.05),
            Scored(rec("c", "2016", "Contract award (Q4)", "Dementia", line=42 + SECTION_NEAR + 5), {}, [], 0.05),
            Scored(rec("d", "2016", "Contract award (Q4)", "Parking", line=41), {}, [], 0.05),
            Scored(rec("e", "2014", "Recruit two nurses", "Dementia", line=12), {}, [], 0.05)]
    section_support(seed, pool)
    got = {s.commitment.id: s.signals["section"] for s in pool}
    assert got == {"a": 0.05, "b": 0.9, "c": 0.0, "d": 0.0, "e": 1.0}


@pytest.mark.parametrize("seed, cand, linked", [
    ("Reduce the use of agency staff", "The multi-agency safeguarding hub will open in June", False),
    ("Reduce the use of agency staff", "Agency staff spending fell by a third", True),
    ("Cut non-elective admissions", "Expand elective surgery capacity", False),
    ("Improve co-ordination of discharge", "Better coordination of discharge planning", True),
    # a particle compound is one word: an on-site inspection is not about a hospital site ...
    ("Move renal dialysis off the acute site", "The inspectors' on-site week is in January", False),
    # ... and its hyphen is only a spelling: "out-patient" and "outpatient" are one word
    ("Reduce out-patient appointments", "Outpatient clinics moved to the community", True),
])
def test_word_parts_do_not_anchor_a_thread(seed, cand, linked):
    from kb.trace.signals import Signals

    records = [rec("s", "2014", seed), rec("c", "2016", cand)]
    sig = Signals(records, META)
    f, _ = sig.features(records[0], sig.topic("s"), records[1])
    assert (f["anchor"] > 0) == linked and (f["lexical"] > 0) == linked


@pytest.mark.parametrize("text, report", [
    ("The new clinic could only be delivered through a joint contract with the council.", "conditional"),
    ("If funding allows, a third clinic will follow in 2021.", "conditional"),
    ("The new clinic has been opened in the town centre.", "done"),
    ("The booking line was launched in March.", "done"),
    # a panel fitted is equipment, a panel set up is a body (the machinery of the work, a step)
    ("Solar panels were installed on the depot roof in March.", "done"),
    ("A review panel was set up in March.", "step"),
    ("We are rolling out the new booking line across all surgeries.", "ongoing"),
    ("For two years we have been developing a new booking line.", "ongoing"),
    ("The waiting time standard has not been met.", "unmet"),
    # a negated present simple reports a shortfall only with "yet" or a predicate of attainment;
    # otherwise it says how a thing is or works
    ("The practice does not meet the two-week standard.", "unmet"),
    ("The new minor injuries unit is not yet open.", "unmet"),
    ("The falls service is not in place in the south of the county.", "unmet"),
    ("Callers are not transferred back to their own practice.", "statement"),
    ("The grant does not cover travel to appointments.", "statement"),
    ("The grant does not cover travel and patients meet the cost themselves.", "statement"),
    ("Pharmacy referrals not routed through the practice routinely.", "planned"),
    ("We will open two new clinics by 2021.", "planned"),
    ("Three clinics are located in the north of the county.", "statement"),
    # a past intention, a setback, and a later conjunct that says where it stands now are no delivery
    ("We had hoped to open the third clinic in 2020.", "planned"),
    ("The practice team was asked to draw up a new rota.", "planned"),
    ("The opening of the third clinic was postponed to 2023.", "unmet"),
    ("The volunteer scheme failed to recruit enough drivers.", "unmet"),
    ("We have struggled to meet the four-hour standard this winter.", "unmet"),
    ("Clinic hours were cut during the winter and are being restored.", "partway"),
    ("The third clinic was opened in the town centre in May.", "done"),
    # a verbless change measured from a past time reports it done; without 'since' it is no report
    ("A 30% fall in emergency admissions since 2017", "done"),
    ("An increase of 300 school places since April 2018", "done"),
    ("A 20% fall in waits by 2021", "statement"),
    ("Stronger links with schools since the start of the programme", "statement"),
    # a main clause before a semicolon counts; a step done set against what remains is part way
    ("The new hub opened in May; it now serves three towns.", "done"),
    ("Locum spend has been cut by a third; however, some rotas are still short of doctors.", "partway"),
    ("We have recruited forty nurses, but vacancies remain high on the wards.", "partway"),
    # progress made, steps taken, an improvement seen: the way travelled, not the end reached
    ("We have made good progress on the new falls pathway.", "partway"),
    ("Good progress has been made with the recruitment of health visitors.", "partway"),
    ("The partnership has taken steps to shorten waits for memory assessment.", "partway"),
    ("The falls pathway was launched in May.", "done"),
    ("We have recruited forty nurses and the wards are fully staffed.", "done"),
    ("The pilot was completed in June, but it was never extended.", "unmet"),
    ("The hub opened in May but it closed again in June.", "done"),
    # what a proposal put forward "would" do is the plan again; "would" of anything else, or under a
    # condition, is no commitment
    ("The proposed scheme would see two libraries merged into one hub by 2022.", "planned"),
    ("The proposals would mean that the depot moves to the industrial estate.", "planned"),
    ("Under the preferred option, the hub would open six days a week.", "planned"),
    ("This would require more funding from the county.", "conditional"),
    ("The proposed hub would only open if the county paid for its staff.", "conditional"),
    ("The proposed road would not be finished before 2025.", "conditional"),
    # a plan's item ended before it is done, or decided against, will not happen as planned: as a
    # review's "Withdrawn" or "Cancelled", revised; a change in the world is no ending
    ("The mobile library pilot was discontinued in 2018.", "revised"),
    ("Plans for a second swimming pool were abandoned.", "revised"),
    ("The park-and-ride scheme has been withdrawn.", "revised"),
    ("The evening ferry was stopped in April.", "revised"),
    ("Queues at the ferry dropped by 10% last year.", "done"),
    # "stop" and "drop" by the body itself, of its own work
    ("We stopped our own ferry booking line in June 2023, when the county's line opened.", "revised"),
    ("We stopped running the night ferry in 2022.", "revised"),
    ("We dropped the second phase of the pier works.", "revised"),
    ("The board decided not to proceed with the second ferry.", "revised"),
    ("The council concluded the proposals could not go ahead.", "revised"),
    ("Members agreed that the lido would not reopen.", "revised"),
    ("We opened the lido in May and later decided not to extend its hours.", "revised"),
    # a state a decision assures is a pledge; a refusal to approve is a plan not yet approved
    ("All partners have agreed that cost will not be a barrier to the new ferry.", "planned"),
    ("The ferry timetable was not approved by the Cabinet.", "unmet"),
    # where a thing stands now, in the present of "be": a state reached, work in hand, a setback
    ("The ferry terminal is now complete.", "done"),
    ("The new ferry is fully operational.", "done"),
    ("The booking app is live.", "done"),
    ("Online booking for the ferry is now in place.", "done"),
    ("The ferry café is up and running.", "done"),
    ("The second ferry is now open.", "done"),
    ("Two of the four ferry piers are now open.", "partway"),
    ("The ferry café is open on Saturdays.", "statement"),  # how it works, not that it was opened
    ("The pier works are underway.", "ongoing"),
    ("We are on track to open the second pier by March.", "ongoing"),
    ("The pier works are behind schedule.", "unmet"),
    ("The pier works are on hold.", "unmet"),
    ("The second pier is yet to open.", "unmet"),
    ("The ferry company has yet to sign the contract.", "unmet"),
    ("The night ferry is no longer commissioned.", "revised"),
    ("No progress has been made on the second pier.", "unmet"),
    ("No passengers have waited over an hour since May.", "done"),  # a result, not nothing done
    ("The punctuality target was missed.", "unmet"),
    # "now" with a present verb reports a thing come about, not what is wanted or known now
    ("All ferry operators now accept contactless payment.", "done"),
    ("We now need to find a second ferry operator.", "planned"),
    ("We now know that demand for the ferry is rising.", "statement"),
    # a decision reported on a planning document is that document done (a step); a decision to do
    # something, or on a thing that is no document, pledges it
    ("The ferry business case was approved by the Board in March.", "step"),
    ("The Board adopted the ferry strategy in May.", "step"),
    ("The Board agreed to fund a second ferry.", "planned"),
    ("The Board approved the new ferry pier.", "planned"),
    # done for a part of a whole; a setback said by an adjective or "put on hold"; "re-" with its hyphen
    ("Contactless payment has been rolled out on two of the five ferries.", "partway"),
    ("We were unable to recruit a second ferry crew.", "unmet"),
    ("Recruiting ferry crews has proved difficult.", "unmet"),
    ("The ferry terminal is difficult to reach by bus.", "statement"),  # a description, in the present
    ("The pier works have been put on hold.", "unmet"),
    ("The pier works remain on hold.", "unmet"),
    ("The ferry contract has been re-procured.", "done"),
    ("Work to replace the pier is progressing well.", "ongoing"),
    # done in part, as a review's "Partially complete"
    ("We partially achieved the ferry punctuality target.", "partway"),
    # a main clause before a colon counts, whatever the explanation after it pledges
    ("The night ferry was withdrawn, for the reasons below: the bus now runs hourly and the pier "
     "will be rebuilt.", "revised"),
    ("The pier works have been largely completed.", "partway"),
])
def test_reports_from_the_clause(text, report):
    from kb.trace.reports import reports_of

    assert reports_of([text]) == [report]


@pytest.mark.parametrize("note, status", [
    # a progress note's own status sentence, its last one
    ("Depot roofs surveyed in May. Action complete.", "complete (read from its update)"),
    ("Work ongoing", "ongoing (read from its update)"),
    # a headline's participle is an event, work in hand is going on, whatever the parser makes of it
    ("Cycle racks installed at all six libraries in March 2021.", "complete (read from its update)"),
    ("Tree strategy under development with the parish councils.", "in progress (read from its update)"),
    ("Review under way of the school streets pilot.", "in progress (read from its update)"),
    ("Consultation closed in June and the responses are being analysed.",
     "partially complete (read from its update)"),
    ("Postponed until the new depot opens.", "not complete (read from its update)"),
    # a note that the action was ended or decided against: what a review prints as "Withdrawn"
    ("The board decided not to proceed after the consultation.", "revised (read from its update)"),
    ("Scheme cancelled when the grant was withdrawn.", "revised (read from its update)"),
    # ... or folded into or passed to something else, or moved into the next plan unfinished
    ("Superseded by the new ferry strategy.", "revised (read from its update)"),
    ("Merged with action 2.3.", "revised (read from its update)"),
    ("Carried forward into the refreshed strategy.", "carried forward (read from its update)"),
    # a status phrase set off by a dash, or opening a sentence that says why or when
    ("Partially achieved – two of the three ferry piers open.", "partially achieved (read from its update)"),
    ("No longer applicable following the change of operator.", "no longer applicable (read from its update)"),
    ("On track for completion by March 2023.", "on track (read from its update)"),
    # a status word that opens a sentence as a word of its subject is no status
    ("Green spaces audit finished in May.", "complete (read from its update)"),
    # a note that says nothing of how the action stands
    ("To be funded from the capital programme.", ""),
    ("The scheme will be launched in the spring.", ""),
    ("Proposed sites listed in the appendix.", ""),
    ("Existing service, no change.", ""),
])
def test_a_progress_note_states_a_status(note, status):
    from kb.trace.reports import progress_note_statuses

    assert progress_note_statuses([note]) == [status]


def test_the_entity_recogniser_runs_only_where_a_report_reads_entities():
    """Reports read entities only for a change measured 'since' a time: the other texts skip the
    recogniser (the costliest step of the trained parse) and report the same."""
    from kb.extract import nlp
    from kb.extract.clause import clauses_of
    from kb.trace.reports import reports_of, sentence_report, strongest

    texts = ["A 30% fall in emergency admissions since 2017", "Stronger links with schools since the start of it",
             "The new clinic has been opened in the town centre.", "We will open two new clinics by 2021.",
             "An increase of 300 school places by April 2018"]
    nlp.forget()
    got = reports_of(texts)
    assert nlp._with_entities == set(texts[:2])
    nlp.forget()
    full = [strongest([sentence_report(c) for c in clauses_of(d)]) for d in nlp.parse_many(texts)]
    assert got == full == ["done", "statement", "done", "planned", "statement"]


@pytest.mark.parametrize("report, kind, link, status", [
    ("conditional", "evidence", "restated", "restated"),  # "could only be achieved with" is no delivery
    ("done", "evidence", "delivered", "delivered"),
    ("ongoing", "evidence", "progress", "in progress"),
    ("partway", "evidence", "progress", "in progress"),
    ("unmet", "evidence", "progress", "overdue"),
    ("planned", "commitment", "restated", "restated"),
])
def test_status_is_read_from_the_deciding_clause(report, kind, link, status):
    from kb.trace.tracer import TraceItem, link_type, thread_status

    seed = rec("s", "2014", "Open a clinic in the town centre")
    cand = rec("c", "2019", "The clinic in the town centre", kind=kind)
    t = link_type(META["2014"], seed, META["2019"], cand, report)
    assert t == link
    got, reason, deciding = thread_status(seed, META["2014"], [TraceItem(cand, META["2019"], t, 0.9,
                                                                         {"report": report})], "2019-01-01")
    assert got == status and deciding.commitment is cand and cand.text in reason


@pytest.mark.parametrize("text, status", [
    # two of the seed's own words held: what was done is the seed
    ("Patients are now helped to access planned care through a self-care education programme", "delivered"),
    # one of its words, however rare, is its topic shared: a step on it, not the seed done
    ("Pupils' education plans were transferred to the new system", "in progress"),
])
def test_one_word_of_the_seed_does_not_deliver_it(text, status):
    """A report of something done delivers the seed only when it holds two of the seed's own words
    (or is close to it in meaning): a passage that shares one word of it reports on its topic."""
    from kb.trace.tracer import TraceItem, link_type, thread_status

    seed = rec("s", "2014", "Help patients access planned care through education and earlier intervention")
    cand = rec("c", "2019", text, kind="evidence")
    t = link_type(META["2014"], seed, META["2019"], cand, "done")
    got, reason, deciding = thread_status(seed, META["2014"], [TraceItem(cand, META["2019"], t, 0.9,
                                                                         {"report": "done"})], "2019-01-01")
    assert got == status and deciding.commitment is cand, reason


@pytest.mark.parametrize("kind, report, link", [
    ("evidence", "statement", "restated"),  # another figure in a statement of fact revises nothing
    ("commitment", "planned", "revised"),  # a plan with another figure does
    ("evidence", "done", "progress"),  # a change measured with a figure: movement, not delivery
])
def test_a_statement_with_another_figure_is_no_revision(kind, report, link):
    from kb.model import Target
    from kb.trace.tracer import link_type

    seed = rec("s", "2014", "Cut the number of beds from 60 to 40 by 2016")
    seed.targets = [Target("40", "count")]
    cand = rec("c", "2019", "A 15% fall in beds", kind=kind)
    cand.targets = [Target("15", "percent")]
    assert link_type(META["2014"], seed, META["2019"], cand, report) == link


@pytest.mark.parametrize("seed_text, link", [
    ("Extend the evening ferry to Sundays", "revised"),  # ended before it was done: dropped
    ("Stop the evening ferry and run a bus instead", "delivered"),  # ending it was the commitment
    ("Decommission the evening ferry by 2016", "delivered"),
    ("Extend the stop smoking service to the ferry terminal", "revised"),  # a service's name, no ending
    ("Close the gap in ferry fares between the two islands", "revised"),  # a gap closed is no thing ended
])
def test_an_ended_thing_is_dropped_unless_ending_it_was_the_commitment(seed_text, link):
    from kb.trace.tracer import link_type

    seed = rec("s", "2014", seed_text)
    cand = rec("c", "2019", "The evening ferry was discontinued in 2017.", kind="evidence")
    assert link_type(META["2014"], seed, META["2019"], cand, "revised") == link


def _item(cid, year, text, link, score, anchor, report="planned", **evidence):
    from kb.trace.tracer import TraceItem

    signals = {"anchor": 1.0} if anchor else {"lexical": 0.2}
    return TraceItem(rec(cid, year, text), META[year], link, score,
                     {"report": report, "signals": signals, **evidence})


@pytest.mark.parametrize("items, due, status, deciding", [
    # a passage sharing only a side word (no strong topic term) does not decide, however recent
    ([("a", "2016", "The clinic will open in 2017", "restated", 0.5, True),
      ("b", "2019", "The council has published its parking review", "delivered", 0.3, False)], None,
     "restated", "a"),
    # nothing speaks of the seed: silent when undated, overdue once its date has passed, no deciding passage
    ([("b", "2019", "The council has published its parking review", "delivered", 0.3, False)], None, "silent", None),
    ([("b", "2019", "The council has published its parking review", "delivered", 0.3, False)], "2016-12-31",
     "overdue", None),
    # among passages that speak of it, the latest document's report decides
    ([("a", "2016", "The clinic will open in 2017", "restated", 0.9, True),
      ("c", "2019", "The clinic opened in May", "delivered", 0.2, True)], None, "delivered", "c"),
    # in that document a report decides only when linked near as strongly as its best passage
    ([("d", "2019", "The clinic will open in the town centre", "restated", 0.8, True),
      ("e", "2019", "The town centre car park was resurfaced", "delivered", 0.2, True)], None, "restated", "d"),
    ([("d", "2019", "The clinic will open in the town centre", "restated", 0.8, True),
      ("f", "2019", "The town centre clinic opened in May", "delivered", 0.5, True)], None, "delivered", "f"),
])
def test_only_a_passage_that_speaks_of_the_seed_decides(items, due, status, deciding):
    from kb.model import DueDate
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a clinic in the town centre")
    if due:
        seed.due = [DueDate("by 2016", None, due)]
    got, reason, chosen = thread_status(seed, META["2014"], [_item(*i) for i in items], "2019-01-01",
                                        ["2016", "2019"])
    assert got == status, reason
    assert (chosen.commitment.id if chosen else None) == deciding
    if deciding is None:  # it names the documents sharing only a side word and every later one searched
        assert "2019" in reason and "side word" in reason and "searched: 2016, 2019" in reason


PLAN_2014 = DocumentMeta("2014", title="Plan 2014", date="2014-01-01", period_end="2016-03-31")


@pytest.mark.parametrize("seed_due, cand_due, report, kind, link", [
    # an undated commitment was due by the end of its plan's period: a later plan's date after it moves it
    (None, "2024-03-31", "planned", "commitment", "revised"),  # "... by 2023/24" for a 2014/16 plan
    (None, "2015-12-31", "planned", "commitment", "restated"),  # a date inside the plan's period moves nothing
    ("2018-03-31", "2017-03-31", "planned", "commitment", "restated"),  # its own date earlier than the plan's end
    ("2015-03-31", "2017-03-31", "planned", "commitment", "revised"),  # its own date, passed by the new one
    (None, "2024-03-31", "statement", "evidence", "restated"),  # a statement of fact with a date plans nothing
    # the seed's own deadline told less exactly ("by 14 September" then "the September deadline") moves nothing
    ("2015-09-14", "2015-09-30", "planned", "commitment", "restated"),
    ("2015-09-14", "2015-10-31", "planned", "commitment", "revised"),  # the month after it does
])
def test_a_later_date_than_the_plan_gave_is_a_revision(seed_due, cand_due, report, kind, link):
    from kb.model import DueDate
    from kb.trace.tracer import link_type

    seed = rec("s", "2014", "Improve access to the memory clinic")
    if seed_due:
        seed.due = [DueDate("by then", None, seed_due)]
    cand = rec("c", "2019", "Improve access to the memory clinic for people in rural areas", kind=kind)
    cand.due = [DueDate("by then", None, cand_due)]
    assert link_type(PLAN_2014, seed, META["2019"], cand, report) == link


@pytest.mark.parametrize("text, open_", [
    ("Enhanced support for young carers", True),
    ("Improve access to memory assessment in rural areas", True),
    ("To reduce delayed discharges from the community hospital", True),
    ("More people supported to die in the place they choose", True),
    ("Reduce delayed discharges by 25% by March 2022", False),  # a figure to reach is an end point
    ("Open a memory clinic in the market town", False),
    ("Increasingly commissioning care closer to home", True),
])
def test_a_direction_with_no_end_point_is_open_ended(text, open_):
    """A commitment that only names a change to make has no end point: what is done on it moves
    it on (in progress), it does not complete it (delivered)."""
    from kb.trace.tracer import open_ended

    assert open_ended(text) == open_


@pytest.mark.parametrize("cand_due, link", [("2021-12-31", "revised"), (None, "progress"), ("2015-12-31", "progress")])
def test_work_going_on_towards_a_new_date_revises(cand_due, link):
    """"We are working towards a county-wide service by 2021" for a 2014/16 plan's aim: the work
    goes on towards a date the plan did not give, so it is work on the aim's new form (revised);
    work going on with no date, or within the plan's period, is progress."""
    from kb.model import DueDate
    from kb.trace.tracer import link_type

    seed = rec("s", "2014", "Set up a county-wide memory service")
    cand = rec("c", "2019", "We are working towards a county-wide memory service")
    cand.due = [DueDate("by then", None, cand_due)] if cand_due else []
    assert link_type(PLAN_2014, seed, META["2019"], cand, "ongoing") == link


@pytest.mark.parametrize("cand_due, link", [("2021-09-30", "revised"), (None, "restated")])
def test_a_later_plan_that_dates_an_undated_aim_revises_it(cand_due, link):
    """An aim with no date of its own, in a document that covers no period, has no due date to
    keep or pass: a later plan that sets one ("by July - September 2021") carries it forward in a
    changed form; restated without a date it is restated."""
    from kb.model import DueDate
    from kb.trace.tracer import link_type

    seed = rec("s", "2014", "Every practice offers video consultations")
    cand = rec("c", "2019", "Every practice to offer video consultations")
    cand.due = [DueDate("by then", None, cand_due)] if cand_due else []
    assert link_type(META["2014"], seed, META["2019"], cand, "planned") == link


@pytest.mark.parametrize("text, moved", [
    ("Falls admissions have fallen from 410 to 350 a year", True),  # a gap between two values
    ("Spend on taxis was reduced by over £2m", True),  # the size of the change
    ("There has been an increase of 120 carers on the register", True),
    ("a 15% drop in missed appointments", True),
    ("Visits rose 8% since 2018", True),  # movement over a span
    ("Twelve new link workers have started in post", False),  # a count
    ("In 2018/19 we spent £3m more than similar councils on agency care", False),  # a comparison
    ("The service had a budget of £4.2m for 2018/19", False),  # a state
    ("The scheme was rolled out by 2019/20", False),  # "by" a date is no change
])
def test_a_figure_that_measures_a_change(text, moved):
    from kb.trace.reports import measures_change

    assert measures_change(text) is moved


@pytest.mark.parametrize("text, status", [
    ("Hip fracture admissions have fallen from 410 to 350 a year", "in progress"),  # movement: a result
    ("In 2018/19 there were 410 hip fracture admissions, 60 more than in similar areas", "revised"),  # a comparison
])
def test_a_figure_reported_done_is_a_result_only_when_it_measures_a_change(text, status):
    """A report of something done with a figure stays a progress link; it outranks the same plan's new
    date for the seed only when its figure measures movement, not when it counts or compares."""
    from kb.model import DueDate, Target
    from kb.trace.tracer import TraceItem, link_type, thread_status

    seed = rec("s", "2014", "Reduce hip fracture admissions")
    cand = rec("c", "2019", text, kind="evidence")
    cand.targets = [Target("410", "count")]
    plan = rec("p", "2019", "Reduce hip fracture admissions by a fifth by 2023/24")
    plan.due = [DueDate("by 2023/24", "2023-04-01", "2024-03-31")]
    items = [TraceItem(cand, META["2019"], link_type(PLAN_2014, seed, META["2019"], cand, "done"), 0.6,
                       {"report": "done", "signals": {"anchor": 1.0}}),
             TraceItem(plan, META["2019"], link_type(PLAN_2014, seed, META["2019"], plan, "planned"), 0.7,
                       {"report": "planned", "signals": {"anchor": 1.0}})]
    assert items[0].link_type == "progress" and items[1].link_type == "revised"
    got, reason, _ = thread_status(seed, PLAN_2014, items, "2019-01-01")
    assert got == status, reason


@pytest.mark.parametrize("period, period_end, end", [
    ("2015/16 – 2019/20", None, "2020-03-31"),  # a catalog's period, written with a dash
    ("2015/17", None, "2017-03-31"),
    ("2015/16 – 2019/20", "2019-12-31", "2019-12-31"),  # an explicit end wins
    ("", None, None),
])
def test_a_plans_end_is_read_from_its_period(period, period_end, end):
    from kb.trace.tracer import plan_end

    assert plan_end(DocumentMeta("p", title="Plan", date="2015-06-01", period=period, period_end=period_end)) == end


@pytest.mark.parametrize("items, status, deciding", [
    # work said to be going on beside the same plan's new date for it: the plan revises it
    ([("a", "2019", "We are implementing three projects on the memory clinic", "progress", 0.8, True, "ongoing"),
      ("b", "2019", "Open the memory clinic by 2023/24", "revised", 0.7, True, "planned")], "revised", "b"),
    # a result reported (done, measured) outranks the new date: in progress
    ([("c", "2019", "Waits at the memory clinic fell from 12 to 8 weeks", "progress", 0.6, True, "done"),
      ("b", "2019", "Open the memory clinic by 2023/24", "revised", 0.7, True, "planned")], "in progress", "c"),
    # so does a report that it is not done
    ([("d", "2019", "The memory clinic has not yet opened", "progress", 0.6, True, "unmet"),
      ("b", "2019", "Open the memory clinic by 2023/24", "revised", 0.7, True, "planned")], "overdue", "d"),
    # a stage done with more to come is a result: partial delivery
    ([("p", "2019", "Having agreed the memory clinic's design, we will now build it", "progress", 0.6, True,
       "partway"),
      ("b", "2019", "Open the memory clinic by 2023/24", "revised", 0.7, True, "planned")], "in progress", "p"),
    # a step on its topic done (a group set up) is no result either
    ([("g", "2019", "A memory clinic steering group was set up to plan the service", "progress", 0.8, True, "step"),
      ("b", "2019", "Open the memory clinic by 2023/24", "revised", 0.7, True, "planned")], "revised", "b"),
    # work going on that measures movement with a figure is a result
    ([("h", "2019", "Referrals to the memory clinic are rising by 10% a year", "progress", 0.6, True, "ongoing"),
      ("b", "2019", "Open the memory clinic by 2023/24", "revised", 0.7, True, "planned")], "in progress", "h"),
    # a row shown between two linked ones, never read against the seed, revises nothing
    ([("a", "2019", "We are implementing three projects on the memory clinic", "progress", 0.8, True, "ongoing"),
      ("k", "2019", "Review the parking charges by 2023/24", "revised", 0.7, True, "planned",
       ("between", ["a", "b"]))], "in progress", "a"),
    # work going on beside a plain restatement stays progress
    ([("a", "2019", "We are implementing three projects on the memory clinic", "progress", 0.8, True, "ongoing"),
      ("e", "2019", "We will open the memory clinic", "restated", 0.7, True, "planned")], "in progress", "a"),
])
def test_work_going_on_gives_way_to_a_revision(items, status, deciding):
    from kb.model import Target
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a memory clinic")
    made = [_item(*i[:7], **dict(i[7:])) for i in items]
    for m in made:
        if "%" in m.commitment.text or " from " in m.commitment.text:
            m.commitment.targets = [Target("10%", "percent")]
    got, reason, chosen = thread_status(seed, META["2014"], made, "2019-01-01")
    assert got == status, reason
    assert chosen.commitment.id == deciding


def test_a_row_cell_speaks_of_what_its_row_speaks_of():
    from kb.trace.tracer import TraceItem, thread_status

    row = _item("r", "2019", "Memory clinic", "restated", 0.6, True)
    cell = TraceItem(rec("x", "2019", "Opened in the spring", kind="evidence"), META["2019"], "delivered", 0.5,
                     {"report": "done", "row": "r"})
    got, _, chosen = thread_status(rec("s", "2014", "Open a memory clinic"), META["2014"], [row, cell], "2019-01-01")
    assert got == "delivered" and chosen is cell


def test_silent_names_the_documents_searched():
    from kb.trace.tracer import thread_status

    status, reason, deciding = thread_status(rec("s", "2014", "Open a clinic"), META["2014"], [], "2019-01-01",
                                             ["2016", "2019"])
    assert status == "silent" and deciding is None and "2016, 2019" in reason


def test_a_renamed_service_is_followed_through_its_restatement():
    """2014 and 2019 share no word; the 2016 passage names both forms, so the lineage is one thread."""
    from kb.semantic import embed, record_topic_text
    from kb.trace.threads import build_threads

    records = [
        rec("a", "2014", "We will open a minor injuries clinic for Brockley residents", "Urgent care"),
        rec("b", "2016", "The Brockley minor injuries clinic will be relaunched as the Harbour Urgent Care Hub",
            "Urgent care"),
        rec("c", "2019", "The Harbour Urgent Care Hub opened in April and treats 900 people a week",
            "Urgent care", kind="evidence"),
        rec("d", "2019", "We will recruit more school nurses for secondary schools", "Children"),
        rec("e", "2016", "Expand the school nursing service", "Children"),
    ]
    vectors = embed([record_topic_text(c) for c in records])
    links, threads = build_threads(records, META, {"c": "done"}, vectors)
    by_root = {t.root: t for t in threads}
    assert set(by_root["a"].members) == {"b", "c"}
    chain = {(x.a, x.b) for x in by_root["a"].links}
    assert ("b", "c") in chain  # the 2019 passage hangs under its 2016 restatement
    assert by_root["a"].status == "delivered" and "Harbour" in by_root["a"].reason
    assert all("signals" in x.evidence for x in links)


def test_a_commitment_a_later_passage_links_to_is_not_silent():
    """Two 2014 commitments on one clinic link to the same 2016 report; it hangs under one of them
    (lineage), yet the other is not silent: a later document speaks of it."""
    from kb.semantic import embed, record_topic_text
    from kb.trace.threads import build_threads

    records = [
        rec("a", "2014", "We will open a minor injuries clinic in Brockley", "Urgent care"),
        rec("b", "2014", "We will extend the opening hours of the Brockley minor injuries clinic", "Urgent care",
            line=2),
        rec("c", "2016", "The Brockley minor injuries clinic opened in 2015 and its opening hours were extended",
            "Urgent care", kind="evidence"),
    ]
    links, threads = build_threads(records, META, {"c": "done"}, embed([record_topic_text(c) for c in records]))
    linked = {x.a for x in links}
    assert {"a", "b"} <= linked
    by_root = {t.root: t for t in threads}
    assert all(by_root[r].status == "delivered" for r in ("a", "b")), {r: by_root[r].status for r in by_root}


def test_logistic_fit_separates_and_loads():
    from kb.trace.calibration import Model, fit_logistic, load
    from kb.trace.signals import FEATURES

    rows = [[0.9, 0.1], [0.8, 0.2], [0.7, 0.0], [0.1, 0.9], [0.2, 0.7], [0.0, 0.8]]
    w, b = fit_logistic(rows, [1, 1, 1, 0, 0, 0], l2=0.1)
    m = Model(("x", "y"), tuple(w), b, 0.5)
    assert m.probability({"x": 0.9, "y": 0.1}) > 0.5 > m.probability({"x": 0.1, "y": 0.9})
    cal = load()
    assert set(cal.chained.features) == set(FEATURES) and 0 < cal.chained.threshold < 1
    assert cal.fitted.get("by") == "bench/fit_trace.py" and cal.fitted.get("cross_validated")


def test_a_store_of_one_date_links_nothing_and_reads_no_topics(monkeypatch):
    """One long file (one date): nothing is later than anything, so linking neither reads every
    passage's topic terms nor compares passages (a 50 MB file's ingest stays linear)."""
    from kb.trace.signals import Signals
    from kb.trace.threads import build_threads

    def no_topics(self, cid):
        raise AssertionError("topic terms read for a store of one date")

    monkeypatch.setattr(Signals, "context_vector", no_topics)
    records = [rec(x, "2016", f"We will open clinic number {n} in the town", "Clinics", line=n)
               for n, x in enumerate("abcd", 1)]
    links, threads = build_threads(records, META, {})
    assert links == [] and sorted(t.root for t in threads) == ["a", "b", "c", "d"]
    assert all(t.status == "silent" for t in threads)


def test_an_adjective_and_its_noun_are_one_concept():
    """"Frail" and "frailty" stem apart ("frail", "frailti"): one concept, so a passage on frail
    patients shares the topic of a frailty service."""
    from kb.trace.features import terms

    assert set(terms("a unit for frail patients")) & set(terms("an acute frailty service"))


def test_a_word_for_a_kind_of_work_is_no_topic():
    """"Schemes", "projects", "initiatives" name what kind of item a list holds, as "programme" does:
    a list's heading "Proposed schemes" must not tie its items' threads to every other scheme."""
    from kb.trace.features import terms

    assert not set(terms("New schemes, projects, local initiatives and workstreams"))
    assert set(terms("Falls prevention schemes")) == set(terms("falls prevention"))


@pytest.mark.parametrize("text, topic", [
    ("Better wound care, in particular fewer leg ulcers", "Better wound care, fewer leg ulcers"),
    ("Faster hearing tests, especially for children", "Faster hearing tests for children"),
    ("Community transport, for example dial-a-ride", "Community transport, dial-a-ride"),
    ("Notably, the memory clinic will open at weekends", "the memory clinic will open at weekends"),
])
def test_a_discourse_marker_is_no_topic(text, topic):
    """"In particular", "especially", "for example" point at the topic that follows; they name none,
    and must not weigh in a seed's core against the words a later passage shares with it."""
    from kb.trace.features import terms

    assert set(terms(text)) == set(terms(topic))


@pytest.mark.parametrize("section, label", [
    # the nearest heading that names a topic labels the thread
    ("Ageing well › Falls prevention", "Falls prevention: Offer strength and balance classes in every library ..."),
    # a part of the paper, a period or a number is passed over for the heading above it
    ("Falls prevention › Introduction", "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › 2024/25", "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › Progress since the last update",
     "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › Immediate", "Falls prevention: Offer strength and balance classes in every library ..."),
    # ... and so are a paper's frame and front matter, a board's agenda slot, a review's parts
    ("Falls prevention › Content", "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › Examples/Progress", "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › Indicative timeline", "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › Plan on a page deliverables",
     "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Falls prevention › Timing of the review", "Falls prevention: Offer strength and balance classes in every library ..."),
    ("Public Business", "Offer strength and balance classes in every library ..."),
    ("Foreword › Our Vision", "Offer strength and balance classes in every library ..."),
    # no heading names a topic: the commitment's opening words alone
    ("Introduction › Background", "Offer strength and balance classes in every library ..."),
])
def test_a_thread_is_labelled_by_the_heading_that_names_its_topic(section, label):
    from kb.trace.context import structure_of
    from kb.trace.threads import topic_label

    c = Commitment("c1", "plan", "commitment", "Offer strength and balance classes in every library and leisure centre",
                   section, None, 3)
    assert topic_label(c, structure_of(c)) == label


@pytest.mark.parametrize("text, doc_date, due", [
    # a window that names no length ends within the year of its document (a few weeks: a quarter)
    ("Over the coming months we will talk to residents about the library plans", "2015-09-01", "2016-08-31"),
    ("In the next few weeks the trust will write to every patient on the list", "2015-09-01", "2015-11-30"),
    # a cadence first falls due one interval after the document
    ("Progress reports will come to the committee every six months", "2017-09-01", "2018-02-28"),
    ("The group will report to the board each quarter", "2017-09-01", "2017-11-30"),
    ("We will publish the dashboard annually", "2017-01-01", "2017-12-31"),
    # no time of its own: nothing implied (its plan's period still applies, elsewhere)
    ("We will open a memory clinic in the town centre", "2015-09-01", None),
    ("Over the past months the team has visited every school", "2015-09-01", None),
])
def test_a_window_or_cadence_counts_from_the_documents_date(text, doc_date, due):
    from kb.trace.tracer import implied_due

    assert implied_due(rec("s", "2014", text), DocumentMeta("d", date=doc_date)) == due


@pytest.mark.parametrize("text, status", [
    ("Over the coming months the council will consult residents on the parking plan", "overdue"),
    ("Updates on the parking plan will be brought to the cabinet every six months", "overdue"),
    ("The council will consult residents on the parking plan", "silent"),
])
def test_a_commitment_whose_own_window_has_closed_with_no_word_of_it_is_overdue(text, status):
    from kb.trace.tracer import thread_status

    got, reason, deciding = thread_status(rec("s", "2014", text), META["2014"], [], "2019-01-01", ["2016", "2019"])
    assert got == status and deciding is None and "2016, 2019" in reason


@pytest.mark.parametrize("text, link, report, status", [
    # it names only the topic of the seed's heading: what it reports is on the topic, not on the seed
    ("Maternity services saw a 20% fall in stillbirths across the county", "progress", "done", "restated"),
    ("Maternity units have been refurbished in both hospitals", "delivered", "done", "restated"),
    # it names the seed's own object: its report decides
    ("Every family now has a named midwife contact in maternity services", "delivered", "done", "delivered"),
    ("Named midwife contacts are being introduced across maternity services", "progress", "ongoing", "in progress"),
])
def test_a_passage_naming_only_the_headings_topic_reports_nothing_of_the_seed(text, link, report, status):
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Offer every family a named midwife contact", section="Our plan › Maternity")
    item = _item("c", "2019", text, link, 0.8, True, report=report)
    item.commitment.section = "Progress › Maternity"
    rarity = {"matern": 4.0, "stillbirth": 4.0, "midwif": 2.0}  # the collection's rarer words weigh more
    got, reason, chosen = thread_status(seed, META["2014"], [item], "2019-01-01", ["2016", "2019"],
                                        idf=lambda t: rarity.get(t, 1.0))
    assert got == status, reason
    assert chosen is item and (item.link_type == "restated") == (status == "restated")


@pytest.mark.parametrize("cells, known_cell, report", [
    # a row whose other cell reports work done on its action: the action is part way done
    (["Appointed two falls coordinators"], False, "partway"),
    (["Work has started on recruiting two falls coordinators"], False, "partway"),
    (["Residents will have fewer falls", "Opened a falls clinic in each locality"], False, "partway"),
    # the cell a record of its own, its report already read
    (["Falls clinics in each locality"], True, "partway"),
    # what the row expects, or a description, reports no work: the action's own wording decides
    (["Residents will have fewer falls and fewer admissions"], False, "statement"),
    (["Falls are the commonest cause of injury in older people"], False, "statement"),
    ([], False, "statement"),
])
def test_a_row_reporting_work_on_its_action(cells, known_cell, report):
    """'Commitment | What we have done | Patient impact' rows: the done cell reports on the action."""
    from kb.trace.reports import update_reports

    action = Commitment("a", "2017", "commitment", "Reduce falls among care home residents", "", None, 4,
                        evidence=list(cells))
    records = [action] + ([Commitment("e", "2017", "evidence", cells[0], "", None, 4, parent_id="a")]
                          if known_cell else [])
    got = update_reports(records, {"e": "done"} if known_cell else {})
    assert got["a"] == report


def test_a_review_rows_status_outranks_its_other_cells():
    from kb.trace.reports import update_reports

    row = Commitment("r", "2022", "commitment", "Falls service for care homes", "", None, 9,
                     evidence=["Trained staff in 40 homes"], reported="Not started")
    assert update_reports([row], {})["r"] == "unmet"


def test_a_passage_s_dates_are_read_once_for_every_seed():
    """The dates of a later passage place its report before or after each seed's plan; read once,
    the answer is the same for every seed it is weighed against."""
    from kb.trace.tracer import _date_ends, happened_before

    text = "The minor injuries unit opened in March 2015"
    early, late = DocumentMeta("x", date="2014-06-01"), DocumentMeta("y", date="2016-01-01")
    cand = DocumentMeta("z", date="2017-01-01")
    _date_ends.cache_clear()
    assert not happened_before(text, early, cand) and happened_before(text, late, cand)
    assert _date_ends.cache_info().misses == 1 and _date_ends.cache_info().hits == 1
    assert not happened_before("The unit will open next year", late, cand)


@pytest.mark.parametrize("text, gist", [
    # what makes the text a commitment is no part of its topic
    ("We will open two more family hubs in the north of the borough", "Open two more family hubs in the north ..."),
    ("The council will also publish a new parking strategy", "Publish a new parking strategy"),
    ("Our aim is to halve the number of rough sleepers by 2027", "Halve the number of rough sleepers by 2027"),
    ("RESOLVED that the tenancy strategy be adopted", "The tenancy strategy be adopted"),
    ("b) Review the opening hours of every library", "Review the opening hours of every library"),
    ("We will be working with schools on attendance", "Working with schools on attendance"),
    # an opening that links back to the sentence before says nothing of the topic
    ("To do this, the two councils need to pool their parks budgets", "The two councils need to pool their parks ..."),
    ("In addition, we will extend the library opening hours", "Extend the library opening hours"),
    # what a thing will be needs its subject; a sentence that is no commitment keeps its opening
    ("The new service will be available at weekends from April", "The new service will be available at weekends ..."),
    ("There will be times when we need to choose", "There will be times when we need ..."),
    # a long commitment is named by its head phrase, without what qualifies it: a relative clause,
    # the parts it includes, its means or its purpose
    ("Extension of the stop smoking service to provide support in every pharmacy across the borough",
     "Extension of the stop smoking service"),
    ("Reduction in hospital admissions that will be delivered through the new falls pathway",
     "Reduction in hospital admissions"),
    ("Co-design the new carers offer, including respite breaks and emergency cover", "Co-design the new carers offer"),
    ("Develop the home care market (domiciliary care) so that people can stay at home longer",
     "Develop the home care market"),
    ("Proactive management of people with long-term conditions through integrated neighbourhood teams",
     "Proactive management of people with long-term conditions"),
    ("Fewer falls among older people, by offering strength and balance classes in every library",
     "Fewer falls among older people"),
    ("Community family hubs - we will open two more in the north of the borough next year", "Community family hubs"),
    # ... but not where the clause is what it is about: after a verb that takes one ("ensure
    # that", "aiming to", "indicated that"), after a list's comma, or the purpose of working with
    # or helping someone, or a named doer's act ("The board to consider ...")
    ("Ensure that every school has a mental health lead by the end of 2026",
     "Ensure that every school has a mental health ..."),
    ("The council is aiming to halve the number of empty homes in the town centre",
     "The council is aiming to halve the number ..."),
    ("The director indicated that she would bring a further report in the spring",
     "The director indicated that she would bring ..."),
    ("Strengthen joint working across health, social care and the voluntary sector in every town",
     "Strengthen joint working across health, social care ..."),
    ("Work with schools to improve attendance among children in care across the county",
     "Work with schools to improve attendance among children ..."),
    ("The health and wellbeing board to consider a joint budget for carers at its next meeting",
     "The health and wellbeing board to consider ..."),
    # a defined short name in brackets is part of the name; an opening phrase that only places
    # the commitment is no part of its topic
    ("The Integrated Discharge Team (IDT) will review every patient who stays longer than a week",
     "The Integrated Discharge Team (IDT) will review every patient"),
    ("In line with the national strategy, we will open a new hospice in the west of the city",
     "Open a new hospice in the west ..."),
])
def test_a_threads_label_gives_what_the_commitment_is_about(text, gist):
    from kb.trace.threads import _gist

    assert _gist(text) == gist


def test_a_label_reads_a_documents_headings_as_a_person_would():
    from kb.trace.context import structure_of
    from kb.trace.threads import label_context, topic_label

    records = [
        Commitment("a", "plan", "commitment", "Offer strength and balance classes", "Delivery Programme: Falls Prevention", None, 3),
        Commitment("b", "plan", "commitment", "Diagnose two thirds of people with dementia", "Delivery Programme: Dementia Care",
                   None, 9),
        Commitment("c", "plan", "commitment", "Save £2m through our QIPP schemes and the ICT review",
                   "PROPOSED QIPP SCHEMES FOR 2025/26", None, 12),
        Commitment("d", "plan", "commitment", "Replace the telephony in every practice",
                   "INFORMATION TECHNOLOGY (IT) › PROPOSED QIPP SCHEMES FOR 2025/26", None, 15),
        Commitment("e", "plan", "commitment", "INDIVIDUAL CARE PLANS for every resident of a care home",
                   "Care Homes", None, 20),
        Commitment("f", "plan", "commitment", "EXPAND access to home adaptations for older tenants",
                   "Housing", None, 24),
        Commitment("g", "plan", "commitment", "QIPP savings are reported to the board", "Finance", None, 30),
        Commitment("h", "plan", "commitment", "Open two memory cafes", "Ageing Well › Delivery Programme: Plan on a page",
                   None, 40),
    ]
    labels = label_context(records)

    def label(c):
        return topic_label(c, structure_of(c), labels["plan"])

    # a series' name before the topic is dropped
    assert label(records[0]) == "Falls Prevention: Offer strength and balance classes"
    # a heading in capitals reads in sentence case; the acronyms the document writes in its sentences stay
    assert label(records[2]) == "Proposed QIPP schemes for 2025/26: Save £2m through our QIPP schemes ..."
    # so does a name in brackets
    assert topic_label(records[3], structure_of(Commitment("d", "plan", "commitment", "x", "INFORMATION TECHNOLOGY (IT)",
                                                           None, 15)), labels["plan"]).startswith("Information technology (IT): ")
    # an opening set in capitals, too
    assert label(records[4]) == "Care Homes: Individual care plans for every resident ..."
    # and an action verb set in capitals for emphasis; an acronym of the document stays as it is
    assert label(records[5]) == "Housing: Expand access to home adaptations for older tenants"
    assert label(records[6]) == "Finance: QIPP savings are reported to the board"
    # a heading that names no topic once its series' name is dropped is passed over for the one above
    assert label(records[7]) == "Ageing Well: Open two memory cafes"
    # without the document's own writing, the heading stays as it is
    assert topic_label(records[2], structure_of(records[2])) == \
        "PROPOSED QIPP SCHEMES FOR 2025/26: Save £2m through our QIPP schemes ..."


def test_a_pdf_records_nearness_is_its_place_in_the_reading_order():
    """Records of a PDF have no line (the export's `line` is null) but a place in the reading
    order: the tracer's tests of nearness (a table row's cells, the rows between two linked ones,
    passages under one heading) read that place as a text source's line."""
    from kb.model import Position

    def pdf_rec(cid: str, order: int) -> Commitment:
        c = Commitment(cid, "2016", "commitment", "Open a clinic", "Plan › Clinics", 3, None)
        c.position = Position(3, 50.0, 100.0, 500.0, 120.0, order=order)
        return c

    assert pdf_rec("a", 41).order == 41 and rec("b", "2014", "Open a clinic", line=7).order == 7
    merged = Position(3, 50.0, 100.0, 500.0, 120.0, order=12).merge(Position(3, 50.0, 130.0, 500.0, 150.0, order=13))
    assert merged.order == 12
    assert Commitment("c", "2016", "commitment", "x", "", 3, None).order is None


SAME_FORM = "We will open the memory clinic in the town centre for people with dementia and their carers"
OTHER_FORM = ("We will develop a dementia pathway across the county, with memory assessment and carers' support "
              "offered by every GP practice")


@pytest.mark.parametrize("text, due, status", [
    # a later plan that repeats the commitment restates it, before and after its date
    (SAME_FORM, None, "restated"),
    (SAME_FORM, "2016-12-31", "restated"),
    # one that carries it on in another form (a wider aim taking it in, another vehicle) revises it
    (OTHER_FORM, None, "revised"),
    (OTHER_FORM, "2016-12-31", "revised"),
])
def test_a_later_plan_that_carries_the_seed_on_in_another_form_revises_it(text, due, status):
    from kb.model import DueDate
    from kb.trace.tracer import thread_status

    seed = rec("s", "2014", "Open a memory clinic in the town centre for people with dementia and their carers")
    if due:
        seed.due = [DueDate("by 2016", None, due)]
    item = _item("c", "2019", text, "restated", 0.8, True, report="planned")
    got, reason, chosen = thread_status(seed, META["2014"], [item], "2019-01-01", ["2016", "2019"])
    assert got == status, reason
    assert chosen is item and item.link_type == status and text in reason
    assert ("changed form" in reason) == (status == "revised")
    assert ("committed to again" in reason) == (bool(due) and status == "restated")
    assert ("due by 2016-12-31" in reason) == bool(due)


@pytest.mark.parametrize(("heading", "clean"), [
    # a letter's salutation is no heading; its subject line is the topic
    ("Dear Jo, Re: Westmarch ferry timetable", "Westmarch ferry timetable"),
    ("Dear Leaders,", ""),
    ("Re: the ferry review", "the ferry review"),
    # a heading that only begins like one stays
    ("Dearne Valley ferry", "Dearne Valley ferry"),
    ("4.2 Ferry services", "Ferry services"),
])
def test_a_letters_salutation_is_no_heading(heading, clean):
    from kb.trace.context import _clean_heading

    assert _clean_heading(heading) == clean
