"""Conventions of minutes and board papers: how a meeting's record is read (reported future,
resolutions, updates reporting the past, questions and answers, apologies).  One sentence of each
shape, written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.classify import decide, earlier_decision
from kb.extract.pipeline import _units
from kb.model import Block


def minute(text: str, **kw) -> Block:
    return Block("list_item", text, 7, None, ("Cabinet Member Updates",), **kw)


# ------------------------------------------------------------------ a long bullet is a paragraph
@pytest.mark.parametrize(("text", "units"), [
    # longer than a quotable passage, several sentences: each sentence is its own unit
    ("(c) The footbridge over the canal at Mill Lane had been closed for repairs since the storm in the autumn and "
     "the contractor had replaced two of its supports. The bridge was due to reopen to walkers and cyclists at the "
     "end of March once the safety inspection had been completed.",
     ["(c) The footbridge over the canal at Mill Lane had been closed for repairs since the storm in the autumn and "
      "the contractor had replaced two of its supports.",
      "The bridge was due to reopen to walkers and cyclists at the end of March once the safety inspection had "
      "been completed."]),
    # a short bullet of two sentences stays whole (a quote can hold it)
    ("Open the new library in May. Staff will move in April.", ["Open the new library in May. Staff will move in April."]),
    # a long run of comma-separated actions is split as a run, not by sentence
    ("Reviewing the depot sites across the county and the ways they are used by the service. Depot plan (single "
     "estate), review the lease terms, complete the condition surveys, develop a disposal protocol, agree a joint "
     "approach with the district councils on shared buildings and their running costs.",
     ["Reviewing the depot sites across the county and the ways they are used by the service. Depot plan (single "
      "estate)", "review the lease terms", "complete the condition surveys", "develop a disposal protocol",
      "agree a joint approach with the district councils on shared buildings and their running costs"]),
])
def test_a_long_bullet_of_several_sentences_is_read_sentence_by_sentence(text, units):
    assert _units(Block("list_item", text)) == units


# ------------------------------------------------------------------ what a minute reports
@pytest.mark.parametrize(("text", "accepted"), [
    # a reported "would" undertakes when a party is its subject or the sentence is passive
    ("The county council would write to every school about the new catchment areas.", True),
    ("The revised charging policy would be brought back to the committee in June.", True),
    # ... not when a thing would do or mean something, or it is a guess or a counterfactual
    ("These projections would only give a rough indication of demand.", False),
    ("Rural parishes with few bus routes would potentially require a community transport scheme.", False),
    ("Without extra grant funding, smaller districts would face serious difficulty in balancing budgets.", False),
    # a speaker's advice passed on is not a reported undertaking
    ("A member suggested that officers should publish the waiting list by ward.", False),
    ("The Treasurer confirmed that officers would publish the revised figures in March.", True),
    # a state told in the progressive is not work under way
    ("The council was awaiting the auditor's letter on the pension fund.", False),
    ("Officers were preparing a revised timetable for the bridge repairs.", True),
    # a speaker closing is not a decision; a party concluding that something be done decides
    ("Mr Harris concluded by stressing the pressure on the children's budget.", False),
    ("The trustees concluded that the archive service should move to the central library.", True),
    # "proposed X to Y": the infinitive says what X is for
    ("Additionally, the bill proposed changes to school admissions to help looked-after children.", False),
    ("The council planned to open a second recycling centre in the north of the county.", True),
])
def test_what_a_minute_reports(text, accepted):
    assert decide(text, minute(text), reported_speech=True).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # what a paper or a meeting is for is not an undertaking
    ("The purpose of this paper is to give the Board an update on the estates programme.", False),
    ("The aims of the workshops were to explain the new referral route to practices.", False),
    ("Our aim is to give every school a named mental health lead by 2026.", True),
    # a present "continues to" tells how things stand; "we" and "will continue to" pledge
    ("The library service continues to face rising energy costs.", False),
    ("We continue to work with the district councils on affordable housing.", True),
    ("The library service will continue to open on Sundays.", True),
    ("Continue to run the holiday activity scheme in every district.", True),
    ("Holiday Activities Continue to run the scheme in every district", True),  # a title run into its action
    # a norm about what was just said is no one's undertaking
    ("This should apply to every tenant at each annual visit.", False),
    ("Landlords should check every smoke alarm at each annual visit.", True),
    # a risk named in a list
    ("Risk that the new contract is not let in time for the winter.", False),
    ("Risk of delay to the depot move if planning permission is refused;", False),
])
def test_what_a_board_paper_says(text, accepted):
    block = Block("paragraph", text, 3, None, ("Update",))
    assert decide(text, block, reported_speech=True).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    ("4. RESOLVED that Cabinet approve the Library Strategy 2026-30", True),
    ("RESOLVED that Cabinet noted the report and endorsed the revised fees to be presented to Council in March.",
     True),
    ("3. RESOLVED that the report be noted.", False),
    ("RESOLVED that the Committee note the quarterly performance report", False),
])
def test_a_resolution_that_decides(text, accepted):
    block = Block("heading", text, 9, None, ())  # a last line without a full stop can look like a heading
    assert decide(text, block, reported_speech=True).accept is accepted


@pytest.mark.parametrize(("text", "noise"), [
    ("Jane Porter (Director of Public Health)", True),
    ("Amina Khan (Chair), Ben Lee (Clerk) and Carl Obi (Treasurer)", True),
    ("Mr Jones (Treasurer) confirmed that the accounts would be published on the website in May.", False),
])
def test_an_attendance_line_is_noise_but_a_speaker_is_not(text, noise):
    from kb.extract.classify import _is_noise
    from kb.layout.markup import words

    assert _is_noise(text, words(text)) is noise


@pytest.mark.parametrize(("text", "accepted"), [
    # a thing's "would" with a date is a scheduled event
    ("The new swimming pool at Eastgate would open in September 2027.", True),
    # a meeting asking its officers for something decides that they act
    ("Members requested that a briefing on the parking review be sent to all councillors.", True),
    ("The Committee requested a further report on school transport in six months' time.", True),
    ("Members requested clarification on the figures in table two.", False),
    # what a meeting agreed is so is a view, not a decision to act
    ("The Panel agreed that it was too soon to judge the effect of the new charges.", False),
    ("The Panel agreed that the charging review would be brought back in the spring.", True),
    ("The Panel agreed that the fees be frozen for a further year.", True),
    # approving the last meeting's minutes commits no one
    ("The minutes of the meeting held on 4 May were agreed as a correct record.", False),
    # a label the parser takes for a subject does not hide an imperative
    ("Action: send the revised rota to all ward members.", True),
    # an office filled by the resolution itself is done, and its year is a term, not a due date
    ("RESOLVED that Councillor Amy Brook be appointed as Vice-Chair of the Panel for 2025/26.", False),
    ("RESOLVED that Dr Omar Hale be re-elected Chair for the 2025/26 municipal year.", False),
    ("RESOLVED that Cllr Reed be appointed to the Forum as the Council's representative.", False),
    # ... but one appointed to do something is given that work, and a future appointment is to come
    ("RESOLVED that a working group be appointed to review the allotment rules by June 2026.", True),
    ("A new chair will be appointed for the tenants' panel by May 2026.", True),
])
def test_what_a_meeting_decides(text, accepted):
    assert decide(text, minute(text), reported_speech=True).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # the mandative subjunctive's bare verb after a long title, which the tagger reads as a noun of
    # a compound: a resolution in a board paper's running text still decides that work
    ("RESOLVED that the Director of Public Health report progress to the Panel in May.", True),
    ("RESOLVED that the Head of Leisure and Culture present the options in the autumn.", True),
    ("RESOLVED that the Director of Adult Services annual report.", False),
    ("RESOLVED that the report be noted.", False),
])
def test_a_resolution_in_running_text(text, accepted):
    assert decide(text, Block("paragraph", text)).accept is accepted


@pytest.mark.parametrize("text", [
    "To make these changes happen, the two councils are making the following pledges:",
    "Over the coming months the partnership is concentrating its effort on the following areas:",
])
def test_a_sentence_that_announces_the_following_list_is_an_intro(text):
    assert not decide(text, Block("paragraph", text)).accept


def test_a_pledge_that_names_its_steps_before_the_list_is_kept():
    text = "Officers will need to take the following steps, whatever the outcome of the vote:"
    assert decide(text, Block("paragraph", text)).accept


@pytest.mark.parametrize(("intro", "text", "accepted"), [
    # the items of a lead-in that tells the past say what was done or proposed then
    ("The council had sent its response to the consultation, as follows:",
     "A review of the rules on roadside advertising to cut clutter near junctions", False),
    ("Last year the trust delivered:", "Expansion of the night-time district nursing service", False),
    # ... not those of a present perfect, a decision or a forward lead-in
    ("We have identified three priorities:", "Expansion of the night-time district nursing service", True),
    ("The Board agreed the following actions:", "A review of the rules on roadside advertising near junctions",
     True),
    ("Over the next two years we will deliver:", "Expansion of the night-time district nursing service", True),
    # an item with its own pledge keeps it
    ("The council had sent its response to the consultation, as follows:",
     "The council will publish a summary of the responses in May.", True),
])
def test_items_under_a_past_lead_in_report_the_past(intro, text, accepted):
    block = Block("list_item", text, 8, None, ("Cabinet Member Updates",), intro=intro,
                  forward_context=intro.startswith(("We have", "Over the next", "The Board")))
    assert decide(text, block, reported_speech=True).accept is accepted


def test_the_agent_of_a_coordinated_participle_is_the_doer():
    from kb.extract.nlp import parse

    doc = parse("These plans would continue to be reviewed and approved by the Harbour Board each year.",
                entities=False)
    assert [d.text for d in doc._.clause.doers] == ["the Harbour Board"]


def test_a_lettered_minute_ending_with_a_colon_introduces_the_bullets_after_it():
    from kb.layout.structure import build_blocks
    from kb.sources.base import SourceLine

    lines = ["(a) The Cabinet Member reported on the ferry service.",
             "(b) The council had written to the Minister with three requests, as follows:",
             "- A review of the ferry timetable for the winter months",
             "- A grant towards the cost of the new landing stage",
             "(c) The harbour wall repairs would start in May."]
    blocks = [b for b in build_blocks([SourceLine(t, i + 1, None) for i, t in enumerate(lines)], None, None)
              if b.kind == "list_item"]
    intro = {b.text[:12]: b.intro for b in blocks}
    assert intro["A review of "] == intro["A grant towa"] == lines[1][4:]
    assert intro["The harbour "] is None


def test_bullets_under_a_numbered_minute_end_at_the_next_numbered_minute():
    from kb.layout.structure import build_blocks
    from kb.sources.base import SourceLine

    lines = ["1. The Treasurer introduced the budget report. Key points included:",
             "- Parking income was below forecast",
             "- Energy costs had fallen",
             "2. Mr Grant thanked the finance team for their work."]
    blocks = [b for b in build_blocks([SourceLine(t, i + 1, None) for i, t in enumerate(lines)], None, None)
              if b.kind == "list_item"]
    assert [b.intro is not None for b in blocks] == [False, True, True, False]


@pytest.mark.parametrize("intro", ["Following the workshops, the following proposals were developed:",
                                   "In the spring the board set three priorities:"])
def test_a_past_lead_in_that_made_plans_keeps_its_items(intro):
    text = "Expansion of the night-time district nursing service"
    block = Block("list_item", text, 8, None, (), intro=intro)
    assert decide(text, block, reported_speech=True).accept


@pytest.mark.parametrize(("text", "accepted"), [
    # a reduced relative is not the clause: its finite verb ("were vital") is
    ("The rising costs and the steps being taken to contain them were vital to the council's recovery.", False),
    ("Officers were reviewing the steps taken to contain the rising costs.", True),
])
def test_a_reduced_relative_is_not_work_under_way(text, accepted):
    assert decide(text, minute(text), reported_speech=True).accept is accepted


# ------------------------------------------------------------------ a decision recounted from before the paper
@pytest.mark.parametrize(("text", "earlier"), [
    # dated before the month the paper is dated: a decision told as background
    ("On 12 May 2022, the Executive agreed the new parking charges for the town centre.", True),
    ("It was agreed in 1998 that the Council should sell the old bus depot.", True),
    ("In March 2024 the Board approved the carers strategy.", True),
    # taken at another meeting, whatever its date
    ("At that meeting, Members agreed to refer the parking charges to full Council.", True),
    ("At the previous meeting the Committee agreed to receive a report on the depot sale.", True),
    # the paper's own decision: undated, dated in its own month, or setting a date ahead
    ("The Executive agreed the new parking charges for the town centre.", False),
    ("On 3 October 2024, the Executive agreed the new parking charges.", False),
    ("The Executive agreed to extend the cleaning contract to 31 March 2026.", False),
    ("On 12 May 2022 the Executive agreed to keep the charges under review until March 2026.", False),
    # relative dates are the paper's own time, and so is "now"; a date in brackets cites a source
    ("We have now agreed to adopt the county's model of care (published in its Vision, May 2021).", False),
    ("The Board agreed to adopt the county's model of care (Vision for Care, May 2021).", False),
    ("Last month the Board agreed to publish the strategy.", False),
])
def test_a_decision_recounted_from_before_the_paper(text, earlier):
    assert earlier_decision(text, dt.date(2024, 10, 1)) is earlier


def test_an_earlier_decision_in_a_report_is_background_not_its_decision():
    from kb.extract.pipeline import extract
    from kb.model import Document, DocumentMeta

    meta = DocumentMeta("2024-10_eastford_parking-report", title="Parking charges report", date="2024-10-01")
    past = "On 12 May 2022, the Executive agreed the new parking charges for the town centre."
    now = "The Executive agreed to extend the parking charges to the retail park from 1 April 2025."
    blocks = [Block("list_item", past, 2, None, ("Background",)), Block("list_item", now, 3, None, ("Decision",))]
    kinds = {r.text: r.kind for r in extract(Document(meta, "x.txt", "0", "text", None, blocks))}
    assert kinds == {past: "evidence", now: "decision"}


# ------------------------------------------------------------------ a verbless entry dated before the paper
@pytest.mark.parametrize(("text", "kind"), [
    # a name and a date already past: a fact on record, whatever the lead-in promised
    ("Riverside flood scheme consultation – Jan 2024", "evidence"),
    ("Phase 1 pilot in two wards - June 2023", "evidence"),
    # a verbless entry dated ahead, and an entry that acts, stay what the lead-in makes them
    ("Riverside flood scheme consultation – Jan 2025", "commitment"),
    ("Open the second riverside clinic – June 2023", "commitment"),
    # a past date that places a starting point is no date of the entry's
    ("a 40% fall in flooded homes, from 120 in 2020/21 to 72 a year", "commitment"),
])
def test_a_verbless_entry_dated_before_the_paper_is_on_record(text, kind):
    from kb.extract.pipeline import extract
    from kb.model import Document, DocumentMeta

    meta = DocumentMeta("2024-10_eastford_flood-update", title="Flood programme update", date="2024-10-01")
    intro = "The milestones of the programme will be:"
    blocks = [Block("list_item", text, 2, None, ("Milestones",), intro=intro, forward_context=True)]
    records = extract(Document(meta, "x.txt", "0", "text", None, blocks))
    got = [r.kind if r.kind == "evidence" else "commitment" for r in records if r.text == text]
    assert got == [kind]


def test_an_outcome_listed_under_a_future_date_alone_is_a_state_to_reach(tmp_path):
    """A lead-in that is a date alone ("By 2026:") heads what is to be in place by then: its items are
    due then, and an item the parser reads around a participle ("a 40% fall in infections acquired on
    our wards, from 60 in 2021/22") is a state to reach, not a past event."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {"2023-05_eastford-trust_quality-strategy.txt":
        "Eastford Community Trust\n\nQuality strategy 2023-2026\n\nSafety\n\nBy 2026:\n\n"
        "- a 40% reduction in pressure ulcers acquired in our care, from 90 in 2021/22 to 54 or fewer a year\n"
        "- every inpatient ward accredited at silver or above under the Eastford Standard, our ward scheme\n"})
    ulcers = next(c for c in kb.commitments(include_evidence=True) if "pressure ulcers" in c.text)
    assert ulcers.kind != "evidence"
    assert [d.end for d in ulcers.due] == ["2026-03-31"]  # by 2026 in a plan for 2023-2026: by its end
    wards = next(c for c in kb.commitments(include_evidence=True) if "accredited" in c.text)
    assert wards.kind != "evidence"  # "accredited" read as a past verb by the parser: a state to reach


@pytest.mark.parametrize(("intro", "dated", "outcome"), [
    ("By 2026:", True, True), ("By March 2027:", True, True), ("In 2025/26:", True, True),
    ("By 2026:", False, False),  # the layout dates the items only when the date is still ahead
    ("In 2021 we achieved:", True, False), ("Our aims are:", True, False),
])
def test_an_item_under_a_future_date_alone_is_an_outcome_whatever_its_tense(intro, dated, outcome):
    from kb.extract.classify import _dated_outcome
    from kb.model import DueDate

    scope = (DueDate(text=intro, start=None, end="2026-12-31"),) if dated else ()
    block = Block("list_item", "every ward accredited at silver", 4, None, ("Safety",), intro=intro, scope_dates=scope)
    assert _dated_outcome(block) is outcome
