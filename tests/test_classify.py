"""The commitment rules, one example of each shape (and of each thing that is not a commitment)."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.extract.classify import (
    dated_i_statement,
    decide,
    future_dated_entry,
    indicator_target,
    state_dated_ahead,
)
from kb.model import Block


def para(**kw) -> Block:
    return Block("paragraph", "", **kw)


def item(**kw) -> Block:
    return Block("list_item", "", **kw)


def cell(column: str, **kw) -> Block:
    return Block("cell", "", column=column, row_key="1:0", **kw)


ACCEPT = [
    ("We will reduce missed dental appointments by 25% by 2026.", para(), "target"),
    # a committee's proposal put to a party in the mandative form
    ("Recommendation 1: That the Council's Public Health team maps dental provision across the borough.",
     para(), "commitment"),
    ("R3. That the Cabinet approve the carers strategy and fund its first year.", para(), "commitment"),
    ("Carers will be helped to find local respite options", item(forward_context=True),
     "commitment"),
    ("Residents will have earlier and wider access to pharmacy services.", item(forward_context=True), "commitment"),
    ("The Trust will work with its three district council partners to draw up delivery plans", para(), "commitment"),
    ("Our commitment is to provide a joined-up same-day care service to residents", para(), "commitment"),
    ("Appoint dedicated Estates Programme Manager", para(), "commitment"),
    ("Where no such group exists, set up a steering group for the stroke pathway.", para(), "commitment"),
    # a paragraph's reference number is no word of its sentence
    ("1.6.3 Deploy electric vehicle charging points in the council's car parks", para(forward_context=True),
     "commitment"),
    ("2.4 Transition the council's pool cars to electric vehicles by 2027", para(forward_context=True),
     "commitment"),
    # a reference back that lists the parts of the work just pledged
    ("This will include, where residents wish, offering a move to a smaller home nearby.", para(), "commitment"),
    ("This will include a review of the school's catchment area.", para(), "commitment"),
    ("Where they do not yet exist, develop local plans to reduce waiting times.", para(), "commitment"),
    ("Ashcombe General procure and install a shared booking system", item(), "commitment"),
    ("Locality Boards to consider further and report back on funding options", para(), "commitment"),
    ("Improved early screening and support", item(forward_context=True), "commitment"),
    ("Reduction in hospital visits that will be achieved through a new pathway", item(), "commitment"),
    ("Implementing 'safer discharge checklist'.", item(), "commitment"),
    ("Task groups are being set up around each of the above themes", para(), "commitment"),
    ("The Brackenshire Carers Strategy 2021-2024 be endorsed.", item(), "decision"),
    ("the Joint Committees' determined that the hub and spoke option is the most likely to succeed", para(), "decision"),
    ("Keep tracking of how many people are using the WALKWELL programme", cell("NEXT STEPS"), "commitment"),
    ("Providing clear advice and home exercise materials to help support carers", cell("COMMITMENT"), "commitment"),
    ("The LWBC will incorporate delivery of Stratified Follow Up pathways", cell("WHAT WE HAVE DONE"), "commitment"),
    ("IMPROVE Carer experience and reduce repeat referrals", Block("fragment", ""), "commitment"),
    # '@' is not noise by itself: a handle that opens a sentence is part of the text as written
    ("@Northshire we will open two clinics in the market towns by 2025", para(), "commitment"),
    # a paper's lead-in that speaks of what will be done, or a list under a plan's own heading
    ("Open a second hearing clinic in the north of the borough", item(intro="This report sets out how we will:"),
     "commitment"),
    ("Reduce waiting times for hearing tests", item(section=("Benefits realisation plan", "Actions")), "commitment"),
    # what the body's own plan states will be done
    ("The proposal sets out that the day centre service will be delivered from the new hub in Hale Road.",
     para(), "commitment"),
    ("The strategy confirms that every secondary school will have a mental health lead by 2027.", para(), "commitment"),
    # a recommendation's verb printed in capitals; a risk register's mitigation that pledges
    ("DELEGATE any decision on the leases to the Director of Property, in consultation with the Leader.",
     item(intro="The Cabinet Member for Housing is asked to:"), "commitment"),
    ("Housing officers will visit every affected tenant before the works start.",
     cell("Mitigation", negative_context=True), "commitment"),
    # the verb of an action, not the attendance heading "Present:"
    ("Present the revised parking strategy to the Cabinet", cell("Action"), "commitment"),
    ("Present options for the library service to the scrutiny panel.", item(), "commitment"),
    # a list or table that its lead-in or header announces as what will be done, under a heading that
    # tells how things stand ("Where we are now"): the plan's own actions
    ("By June 2024: publish a guide to what every nursery should provide (Head of Early Years).",
     item(negative_context=True, forward_context=True), "milestone"),
    ("Work placements will be expanded to 30 a year, with the hospital among the hosts",
     cell("What will happen", negative_context=True, forward_context=True), "commitment"),
    # a named place that takes a new role changes, as a body that changes form does
    ("Brantley Community Hospital will become our centre for planned orthopaedic surgery.", para(), "commitment"),
    # a sentence its plan numbers as one of its commitments, whatever the verb
    ("All 40 branch libraries will be on the new booking system by March 2025 (3.2).", para(), "milestone"),
    # under a heading that pledges it, the plan states what it will do as what will be
    ("Three community hubs, one in each market town, open six days a week for older people.",
     para(section=("Action 4", "What we will do")), "commitment"),
]

REJECT = [
    # ... but a forecast that cites a figure or a section is not numbered as a commitment
    ("The population will be 12% older by 2030 (Figure 2.1).", para()),
    ("Waiting lists will grow further (see 4.2).", para()),
    # ... the same words under a heading that tells how things are
    ("Three community hubs, one in each market town, open six days a week for older people.",
     para(section=("Where we are now",))),
    # ... but not the state of things listed under it, nor a forecast there
    ("Waiting lists will grow by a fifth over the next three years if nothing changes.",
     item(negative_context=True, forward_context=True)),
    ("Demand for places rose by 12% between 2019 and 2022.", item(negative_context=True, forward_context=True)),
    ("Keeping enough nurses in post through a period of change", item(negative_context=True, forward_context=True)),
    # "That ..." that proposes nothing: a risk in the possible mood, a resolution only to note
    ("That the new model may fail to address the variation in referrals;", para()),
    ("That the Committee notes the update on dental access.", para()),
    ("That is why the council set up the carers forum in 2019.", para()),
    # the same header in a report of the past, or qualified as done, names what was done
    ("Hospital Transport", cell("Existing Schemes")),
    ("Hospital Transport", cell("Completed schemes", forward_context=True)),
    # a name with its role in brackets is an attendance line, not a scheme
    ("Jane Marlow (Chair)", cell("Attendees", forward_context=True)),
    # what the paper itself does, and the benefits it names: no one's undertaking
    ("Presenting the revised library strategy to members", item(intro="3. This report brings together the "
                                                                  "library service's work by:")),
    ("Summarising the responses to the consultation", item(intro="This paper sets out:")),
    ("Improving facilities for service delivery", item(intro="Asset planning needs to be central. The benefits are:")),
    ("Reduced waiting times for hearing tests", item(section=("Expected benefits",))),
    ("ICB response to the national priorities for urgent care", item()),  # an acronym in capitals, no verb
    ("The plan states that demand for home care will rise by 20% by 2030.", para()),  # a forecast it states
    ("The national review sets out that councils will need more funding.", para()),  # not the body's own plan
    ("Housing officers will visit every affected tenant before the works start.",
     cell("Risk", negative_context=True)),  # a risk, whatever its grammar
    ("The scheme will be delayed if the grant is not secured.", cell("Mitigation", negative_context=True)),
    ("6.3 Option 2: Reprocure the contracts at a reduced value.", para()),  # one of the options set side by side
    ("Option B – Close the Hale Road depot and move the fleet to Westgate", item()),
    ("Present: Cllr Hughes (Chair), Cllr Okafor, Ms Lind", para()),
    ("PRESENT – Councillor Ames, Councillor Burke", para()),
    ("Present Cllr Hughes, Cllr Okafor and Ms Lind", para()),
    ("We have secured funding to run a falls prevention and home safety programme", cell("WHAT WE HAVE DONE")),
    ("A larger share of residents will receive eye tests", cell("PATIENT IMPACT")),
    ("The total 'do-nothing' funding gap for the county was forecast to be large.", para()),
    ("Our focus will be on:", para()),
    ("To do this we will:", para()),
    ("Slipping timescales due to staff shortages in the busy 2018/19 Q3/Q4 period", item(negative_context=True)),
    ("RESOLVED that the contents of the update and briefing be noted.", para()),
    ("Mark Elder (Director – Places, BCC)", cell("Workstream Lead")),
    ("The district partnership boards are regularly consulted?", para()),
    ("Telephone: (01632) 960 418", para()),
    ("For further details we will answer enquiries sent to plans.team@northshire.example.org", para()),
    ("Email: plans.team@northshire.example.org", para()),
    ("During June 2015, the survey was repeated at four separate drop-in sessions", para()),
    ("Planned care (PC)", item(forward_context=True)),
    ("Each year more than 40,000 people in the county will have a fall, which costs the NHS over £90 million.",
     item(forward_context=True)),
    ("By 2039 it is projected that over 80s will increase by 74%, putting pressure on home care", para()),
    ("By 2025 there will be over 4,000 more school age children in Warwickshire", para()),
]


# Decided from the analysed clause (kb.extract.clause / kb.extract.judge), on sentences written for
# these tests: what the grammar says, wherever the sentence stands.
CLAUSE_ACCEPT = [
    ("Refer every patient with a suspected stroke to the TIA clinic.", para(), "commitment"),  # not a pointer
    ("The district council will open two family hubs by spring 2026.", para(), "commitment"),
    ("The partnership aims to halve the waiting list for memory assessments.", para(), "target"),  # a level
    ("The Trust is to publish its estates plan in the new year.", para(), "commitment"),
    ("Our ambition is to make every school a smoke-free site.", para(), "commitment"),
    ("We all agree to share case records across the three boroughs.", para(), "commitment"),
    ("It is intended that the new hub will be staffed by community nurses.", para(), "commitment"),
    ("By 2029 the share of adults who smoke will have fallen from 14% to 8%.", para(), "target"),
    # a service a plan opens, its name holding a word the tagger reads as a gerund ("wellbeing")
    ("The council's staff wellbeing service will be open to every school from April 2023.", para(), "milestone"),
    # a floor or a ceiling the plan sets on a share in the subject
    ("By the end of the plan at least 70% of tenants will say that repairs are done right first time.",
     para(), "target"),
    ("By 2027 the waiting time for a first appointment will be no more than 18 weeks.", para(), "commitment"),
    ("Ms Patel indicated that she would circulate the revised budget to members.", para(), "commitment"),
    ("It was agreed that the housing report would be brought back in March.", para(), "decision"),
    ("The Cabinet approved the revised capital programme.", para(), "decision"),
    ("The committee resolved to defer the decision on library hours.", para(), "decision"),
    ("The new library hub was due to open in the spring.", para(), "commitment"),
    ("Aligned with the county transport plan, expand the rural bus service", item(), "commitment"),
    ("Waiting times rose last winter. We will open a second clinic in the town.", para(), "commitment"),
    ("Demand rose sharply last year, and the board will therefore review the rota.", para(), "commitment"),
    ("Staff are reviewing the discharge pathway with ward managers.", para(), "commitment"),  # ongoing, low
    ("The council will lead the review of school transport.", para(), "commitment"),  # a party leads
    ("We will contribute £2m to the county's flood fund.", para(), "commitment"),
    ("The district councils will contribute to the new housing fund.", para(), "commitment"),
    # a capitalised verb the small tagger reads as a noun, read again as the imperative it is
    ("Diagnose 80% of skin cancers within two weeks by 2027", item(), "commitment"),
    ("Survey every tenant about damp and mould", item(), "commitment"),
    # a participle with a purpose under a forward lead-in: staff (to be) trained, not staff who trained
    ("More district nurses trained to prescribe", item(forward_context=True), "commitment"),
    # a party that expects something of another requires it: no projection
    ("The county council will expect schools to publish their travel plans.", para(), "commitment"),
    ("The second pilot will commence at the eastern hub.", para(), "commitment"),  # an ordinal counts nothing
    ("The steering group will become the Partnership Board.", para(), "commitment"),  # a body changes form
    ("The new memory service will be available in every town.", para(), "commitment"),  # a deliverable state
    ("A number of clinics will be available in the evenings.", para(), "commitment"),  # several, brought to a state
    ("It is our intention that the night bus is kept running.", para(), "commitment"),  # the intention is that ...
    ("Our first step is the creation of a tenants' panel.", para(), "commitment"),  # an aim that is an action noun
    # a column whose header says its items are to come names them, one word or more
    ("Podiatry", cell("Proposed Schemes"), "commitment"),
    ("Falls prevention", cell("Planned projects"), "commitment"),
    # a header naming kinds of work under a section that looks ahead: each cell is a piece of the plan,
    # a short name, an acronym or a name with its abbreviation in brackets
    ("Hospital Transport", cell("Existing Schemes", forward_context=True), "commitment"),
    ("IAPT", cell("Current programmes", forward_context=True), "commitment"),
    ("Early Discharge (EDS)", cell("Existing Schemes", forward_context=True), "commitment"),
    # an intention announced, also in the perfect; an intention over a clause with its own subject
    ("The Mayor announced her intention to open two new libraries in 2026.", para(), "commitment"),
    ("The Mayor has announced her intention to open two new libraries in 2026.", para(), "commitment"),
    ("The Council intends for the new parking rules to be in force by April 2026.", para(), "milestone"),
    # a response to recommendations decides in the present
    ("This recommendation is accepted in full by Eastvale Borough Council and Riverside Trust.", para(), "decision"),
    ("The Trust accepts both recommendations of the peer review.", para(), "decision"),
    ("Recommendation 4 is agreed.", para(), "decision"),
    # a base-form verb the tagger reads as past is still an action under a forward lead-in
    ("set up a steering group for the new stroke pathway", item(intro="Local systems are asked to:"), "commitment"),
    # a deliverable in a stage of its making: work under way on it
    ("A new carers strategy for the next five years is in development.", para(), "commitment"),
    ("The new home care contract is under negotiation with providers.", para(), "commitment"),
    # work given to another party and not yet done, or given by a meeting
    ("The Board has asked Riverside Trust to review its discharge policy.", para(), "decision"),
    ("The working group has been asked to bring a paper to the next meeting.", para(), "decision"),
    ("The Committee asked officers to circulate the revised plan.", para(), "decision"),
    # an item number the parser reads as the subject does not hide the imperative
    ("4.2.1 Extend the school streets scheme to ten more primary schools", para(), "commitment"),
    # a condition run into its sentence with no comma, then the pledge
    ("Where the scan is urgent the radiology team will report it within two days.", para(), "commitment"),
    ("When the new wing opens the trust will move the day unit there.", para(), "commitment"),
    # an event the plan has fixed, named as a noun with its date
    ("Partners are preparing the wards for the planned opening of the Hillford unit in May 2026.", para(),
     "milestone"),
    # a progressive the tagger reads as an adjective, with an object
    ("We will be encouraging and supporting volunteering in every ward of the borough.", para(), "commitment"),
    # "read" as the work itself, not a pointer to reading
    ("Read the new lone working policy to every team by March 2026.", para(), "milestone"),
    # a deliverable's date told in a relative clause of a sentence about something else
    ("Our thanks to the carers who helped design the new advice line, which is due to launch in June 2026.",
     para(), "milestone"),
    ("The work so far has covered the food bank rota and the new hub which will be completed in spring 2026.",
     para(), "milestone"),
    # the questions a pledged piece of work will settle, listed under its verb
    ("which bus routes should run through the night;", item(intro="Over the winter we will establish:"), "commitment"),
    ("whether the depot can take a second shift; and", item(intro="The transport board will determine:"),
     "commitment"),
    # ... also as an item of a list of sentences, closed by a semicolon
    ("Where a practice has no pharmacist we will arrange a visit from the hub team;",
     item(intro="In running the scheme we have agreed the following rules:"), "commitment"),
    ("When the new wing opens the trust will move the day unit there; and",
     item(intro="In running the scheme we have agreed the following rules:"), "commitment"),
    # work given to a party
    ("Community pharmacies will be responsible for supplying the repeat kits.", para(), "commitment"),
    # a thing that needs to be done to is still work to do
    ("The cleaning contract will need to be retendered before April 2026.", para(), "commitment"),
    ("The new policy will require every ward to publish its staffing levels.", para(), "commitment"),
    # several bodies named by their initials act: "The PCNs will help ..."
    ("The PCNs will help practices share their on-call rota.", para(), "commitment"),
    ("This programme will enable ward staff to record observations on tablets.", para(), "commitment"),
    ("The discharge lounge should be open seven days a week by June 2025.", para(), "milestone"),
    ("The new health centre should be able to house three GP practices.", para(), "commitment"),
    # a numbered label before the action ("Recommendation 10: ") is no part of its clause
    ("Recommendation 10: Continue to expand, evaluate and roll-out the county council commissioned "
     "apprenticeship scheme.", para(), "commitment"),
    ("Action 2.3 – Extend the falls service to the two care homes in the north.", para(), "commitment"),
    # a body's answer to proposals is its decision, whatever the tense
    ("The prescribing committee has supported the two recommendations from 1 March 2025.", para(), "decision"),
    # places the plan opens, counted: no count foreseen
    ("Two walk-in clinics will open in the market towns in 2024.", para(), "commitment"),
    ("Three new youth hubs will launch next spring, one in each district.", para(), "commitment"),
]

CLAUSE_REJECT = [
    # a planned event with no date, or one reported as past, promises no date
    ("The planned opening of the Hillford unit in May 2024 was delayed by the fire.", para()),
    # an "-ing" adjective with no object is still a quality
    ("The early results of the pilot will be encouraging.", para()),
    # pointers to further reading
    ("Read information about how to plan a street party.", para()),
    ("Read point 3 of the Westmere Service Standard.", para()),
    ("For further information see the Eastvale carers guide.", para()),
    ("For more see www.eastvale.gov.uk/carers where the forms are kept.", para()),
    # a relative clause about the past, or one with no date, promises nothing
    ("The old depot, which was closed in 2019, is now a car park.", para()),
    ("Our thanks to the carers who designed the advice line, which is now open every weekday.", para()),
    # a question asked of the author, not a question its work will settle
    ("which bus routes will run through the night?", item(intro="Residents asked us:")),
    ("More families will need support with housing costs next winter.", para()),  # forecast about a population
    ("More than 4,000 more children will need a school place by 2026.", para()),  # a count foreseen, no floor set
    ("The number of branches will open to question next year.", para()),  # a measure, whatever its verb
    ("Building the new hub will cost £4m.", para()),  # what an activity will take
    ("The number of residents aged over 90 will treble by 2045.", para()),  # forecast about a statistic
    ("Demand for home care will continue to rise.", para()),
    ("There will be over 3,000 more pupils in the district by 2030.", para()),
    ("It is projected that obesity rates will increase by a fifth.", para()),
    ("This will mean shorter journeys for most patients.", para()),  # a consequence
    ("The proposals will result in greater consistency for young adults.", para()),  # what something brings about
    ("These changes will lead to shorter waits at the front door.", para()),
    ("Closing the old unit will require careful planning.", para()),  # a consequence of an activity
    ("We will be bold and ambitious.", para()),  # a value statement
    ("There will not be a walk-in centre in the new model.", para()),  # negated, and no act forgone
    ("The clinic, which will open in May, is run by volunteers.", para()),  # future only in a relative clause
    ("We opened three new surgeries in 2019.", para()),  # past: evidence
    ("The service has supported 400 carers since April.", para()),  # present perfect: evidence
    ("The board is asked to note the contents of this report.", para()),  # addressee
    ("The project supported 200 families last year.", para()),  # past, not a board's decision
    ("Sources: Office for National Statistics, 2021 census.", para()),
    ("Since March the grants panel had approved forty small loans.", para()),  # an earlier decision told
    ("See table 3 below for the waiting times by site.", para()),  # a pointer to the reader
    ("Walk To School Week", item()),  # a name listed under "... advised of the following:"
    ("Refer to the Discharge Toolkit for further guidance on implementation.", para()),
    ("This is helping practices to restore capacity.", para()),  # what something does, not work under way
    ("Dermatology services in the western towns", item()),  # a noun phrase stays one when read again
    ("What we will do to improve access to dentists", para()),  # a free relative: a title
    ("What we aim to achieve for carers", para()),  # the wh-word the infinitive's: still a title
    ("This will involve some disruption for residents of the estate.", para()),  # a consequence
    ("What we need to deliver in the first year", para()),
    ("Increase in the number of residents cycling to work", para()),  # a change named as a noun: an outcome
    ("This recommendation is not accepted.", para()),
    ("Residents have asked us to keep the library open.", para()),  # the public asks: no work given
    ("The day centre is in high demand.", para()),  # a state, not a stage of making
    ("The strategy was in development in 2019.", para()),  # past
    ("We were asked in 2019 to review the service.", para()),  # an old request told
    # where to look, and a publication's colophon
    ("To read the full strategy, visit www.eastvale.gov.uk/parks.", para()),
    ("For a large-print copy contact parks@eastvale.gov.uk.", para()),
    ("Printed in the UK by Eastvale Press Ltd on recycled paper", para()),
    ("The Mayor announced the closure of the old depot.", para()),  # an act told, no intention
    ("It sets out plans to go further in the care of older people.", para()),  # what a document contains
    # what a body did, told as a list under its name
    ("Reviewed the commissioning of the town's home care services", item(intro="Over two years the panel:")),
    ("Examined whether the complaints had been handled fairly", item(intro="Over two years the panel:")),
    ("2a. A memorial garden should be created in the town park.", para(quoted=True)),  # another body's ask
    ("3.2 Shift in spending from hospital beds to care at home", para()),
    ("Growth in demand for home care has been higher than planned.", para()),  # the noun is a subject: past
    ("How we will measure success", item(forward_context=True)),
    ("Podiatry", cell("Existing Schemes")),  # one word in any other column is no item
    ("A number of residents will need extra help with fuel bills.", para()),  # a forecast about people
    ("Our priority was the creation of a tenants' panel.", para()),  # an aim told in the past
    ("It is a fact that the depot is too small.", para()),
    ("Podiatry", item(forward_context=True)),
    ("What we are doing now in the northern towns", para()),
    # what a thing will make possible or take, said of the thing: no one's undertaking
    ("Secondments from local colleges will help the hospital plan its apprenticeships.", para()),
    ("Joint training days will facilitate the exchange of skills between the two teams.", para()),
    ("The merger of the two wards will have an effect on staffing at weekends.", para()),
    ("These new clinics will require nurses with prescribing qualifications.", para()),
    ("New specialist roles will emerge as the service adopts remote monitoring.", para()),
    ("Where you have any questions you will need to contact the booking office.", para()),
    # a quality asked of a thing, or what its parts should hold: no one's work
    ("The outreach programme should be flexible and led by the community.", para()),
    ("The new navigator roles should reflect the languages spoken in the ward.", para()),
    # a table's caption names the table; its rows are the items
    ("Table 3.2: Summary of actions to improve hospital discharge in 2024/25", para()),
    ("When asked about waits, the review says “the service will need more staff”.", para()),
]


@pytest.mark.parametrize("text, block, kind", CLAUSE_ACCEPT)
def test_commitments_from_the_clause(text, block, kind):
    d = decide(text, block)
    assert d.accept, d.reasons
    assert d.kind == kind, d.reasons


@pytest.mark.parametrize("text, block", CLAUSE_REJECT)
def test_not_commitments_from_the_clause(text, block):
    d = decide(text, block)
    assert not d.accept, d.reasons


@pytest.mark.parametrize("text, doc_date, kind", [
    ("60% of rent accounts moved to paperless statements by March 2025", dt.date(2023, 1, 1), "target"),
    ("All wards assessed against the new standard by December 2024", dt.date(2023, 1, 1), "milestone"),
    # the same words once the date has passed, or with no deadline, tell what was done
    ("60% of rent accounts moved to paperless statements by March 2025", dt.date(2025, 6, 1), None),
    ("All wards assessed against the new standard in December 2022", dt.date(2023, 1, 1), None),
])
def test_a_participle_state_dated_ahead_is_a_state_to_reach(text, doc_date, kind):
    decision = decide(text, item())
    assert not decision.accept, decision.reasons
    kept = state_dated_ahead(text, decision, doc_date)
    assert (kept.kind if kept is not None else None) == kind


def test_past_and_present_progress_is_kept_as_evidence():
    d = decide("We opened three new surgeries in 2019 and recruited twelve GPs.", para())
    assert not d.accept and d.kind == "evidence", d.reasons


@pytest.mark.parametrize("text, block, kind", ACCEPT)
def test_commitment_shapes_are_accepted(text, block, kind):
    d = decide(text, block)
    assert d.accept, d.reasons
    assert d.kind == kind


@pytest.mark.parametrize("text", [
    "We will cut missed dental appointments by 25% by 2026.",
    "The board will double the share of pupils who walk to school, to 40%.",
    "We will lower the rate of falls in care homes by 15% over three years.",
    "We aim to raise the proportion of carers offered an assessment to 80%.",
    "Grow the volunteer workforce by 300 people by March 2027.",
])
def test_a_target_with_another_verb_of_change(text):
    """A figure with any verb of change by an amount is a level to reach, not only "reduce"/"increase"."""
    d = decide(text, para())
    assert d.accept and d.kind == "target"


@pytest.mark.parametrize("text, block", REJECT)
def test_non_commitments_are_rejected(text, block):
    d = decide(text, block)
    assert not d.accept, d.reasons


@pytest.mark.parametrize("text, accept", [
    ("Note the forecast underspend on the highways budget.", False),
    ("Receive the annual report of the adoption panel.", False),
    ("Approve the revised fees and charges for 2026.", True),
    ("Note the update and agree the revised timetable for the review.", True),
])
def test_resolution_items_that_only_note_commit_no_one(text, accept):
    assert decide(text, item(), in_resolution=True).accept is accept


def test_resolution_items_are_decisions():
    d = decide("Further progress updates from the Healthy Towns Steering Group be submitted to future meetings",
               item(), in_resolution=True)
    assert d.accept and d.kind == "decision"


@pytest.mark.parametrize("unit, due, milestone", [
    ("Explore an options paper to move Y onto the shared platform and go live 2022/23",
     ("2022/23", "2022-04-01", "2023-03-31"), True),
    ("Lease signing stage (Q3 2017-18)", ("Q3 2017-18", "2017-10-01", "2017-12-31"), True),
    ("opening Same Day Clinics (SDCs) by autumn 2021", ("by autumn 2021", None, "2021-11-30"), True),
    ("We will cut missed dental appointments by 2026", ("by 2026", None, "2026-12-31"), False),
    ("Deliver the plan", ("2018/19", "2018-04-01", "2019-03-31"), False),  # inherited from a heading
    ("Deliver the five-year plan 2019/20 - 2023/24", ("2019/20 - 2023/24", "2019-04-01", "2024-03-31"), False),
])
def test_a_dated_step_is_a_milestone(unit, due, milestone):
    from kb.extract.pipeline import _is_dated_step
    from kb.model import DueDate

    assert _is_dated_step(DueDate(*due), unit) is milestone


# ------------------------------------------------------------------ measure and outcome columns
@pytest.mark.parametrize(("column", "text", "accepted"), [
    ("Measure", "Number of residents trained", False),
    ("KPI", "Reduction in falls admissions", False),
    ("How will we measure success", "Increased uptake of health checks in target wards", False),
    ("Measure", "Draft framework agreed by June 2026", True),  # its own date: a milestone of the row
    # a date that only gives the baseline counted from is no date for the work
    ("Measure", "Number of carers assessed - baseline (Q4 23/24): 640", False),
    ("Measure", "Residents using the app (2023/24 baseline 1,200)", False),
    ("Success measures", "We will publish quarterly figures on waiting times", True),
])
def test_a_measure_column_describes_its_row(column, text, accepted):
    from kb.extract.classify import decide
    from kb.model import Block

    block = Block("cell", text, 3, None, ("Our actions",), column=column, forward_context=True)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize("text", ["SO1, SO3", "PR2/PR4", "A1 and B2", "SO2,SO4 – March 2027", "B2–B5", "4.2 to 4.6"])
def test_reference_codes_alone_are_not_items(text):
    from kb.extract.classify import decide
    from kb.model import Block

    assert not decide(text, Block("cell", text, 3, None, (), column="Shared outcome")).accept


# ------------------------------------------------------------------ minutes: reported future
@pytest.mark.parametrize(("text", "accepted"), [
    ("The council would publish the revised timetable in May.", True),
    ("A further report would be brought to the committee in the autumn.", True),
    ("This would mean longer journeys for some residents.", False),  # what something would mean
    ("Members would like to see the figures by ward.", False),  # a wish
    ("If the bid succeeded, the council would open a second depot.", False),  # hypothetical
    ("The council would not reopen the old pool.", False),  # negated
])
def test_would_in_minutes_is_a_reported_future(text, accepted):
    block = Block("list_item", text, 4, None, ("Cabinet Member updates",))
    assert decide(text, block, reported_speech=True).accept is accepted
    assert not decide(text, block).accept  # in a plan "would" is hypothetical


# ------------------------------------------------------------------ timelines: entries under a coming period
@pytest.mark.parametrize(("text", "accepted"), [
    ("Community hub business cases approved and submitted to the regional team", True),  # a state reached
    ("Every practice to offer online booking for routine appointments.", True),  # headline infinitive
    ("Each locality completes a review of its day services.", True),  # present of a timetable
    ("Shared care record live in every practice, with a named lead in place.", True),
    ("All localities to have developed a plan for winter.", True),  # done by then
    ("Home visiting service being used by all four localities.", True),
    ("Roll-out of the new triage tool to the remaining surgeries.", True),  # an action noun
    ("We launched the new triage tool in two surgeries last spring.", False),  # told as done
    ("The first two clinics have opened in the town centre.", False),
    ("Physiotherapy referrals.", False),  # an object of a list, nothing to be done or reached
    ("More residents will need help with heating costs over the winter.", False),  # a forecast
    ("The service is currently open three days a week.", False),  # the present state, not the plan's
])
def test_entries_under_a_coming_period_are_milestones(text, accepted):
    block = Block("paragraph", text, 9, None, ("Q3 October - December 2024", "Community services"),
                  forward_context=True)
    assert decide(text, block).accept is accepted


def test_a_period_heading_alone_does_not_schedule_a_past_section():
    text = "Community hub business cases approved and submitted to the regional team"
    block = Block("paragraph", text, 9, None, ("Q3 October - December 2022", "Estates"), forward_context=False)
    assert not decide(text, block).accept


@pytest.mark.parametrize(("intro", "text", "accepted"), [
    ("Practitioners taking part will:", "Have completed level 2 safeguarding training.", True),  # will have completed
    ("All staff must:", "Have passed the annual fire safety course", True),
    ("Since the last report the team has:", "Have completed level 2 safeguarding training.", False),
])
def test_a_perfect_item_under_a_modal_lead_in_is_a_state_to_reach(intro, text, accepted):
    block = Block("list_item", text, 5, None, ("Workforce",), intro=intro, forward_context=intro.endswith("will:")
                  or intro.endswith("must:"))
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a report's paragraph number is no count on the subject
    ("4.2 Dementia awareness sessions will continue throughout 2026 for all front-line staff.", True),
    ("4,000 more children will need a school place by 2027.", False),  # a count foreseen
    # a thing put on the plan by a present passive is still to come
    ("5.1 A second residents' survey is planned for 2025/26.", True),
    ("Resurfacing works are scheduled for the spring.", True),
    ("The survey was planned and carried out last year.", False),
])
def test_paragraph_numbers_and_planned_passives(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "action"), [
    # a capitalised verb the tagger took for the subject of a participle after it
    ("Embed digitally enabled system transformation across the county", True),
    ("Delegated authority to the director granted on 3 May", False),  # a participle, no verb to read again
    ("Extend shared records to the two remaining practices", True),
    ("Diabetes services improved across the county last year.", False),  # a real subject, a past
])
def test_a_headline_verb_read_as_a_subject_is_read_again(text, action):
    from kb.extract.judge import judge

    assert judge(text).action is action


@pytest.mark.parametrize(("text", "accepted", "kind"), [
    # a paper's request of a party: to act, or to decide
    ("Local partnerships are asked to agree a joint falls prevention pathway by June 2026.", True, "decision"),
    ("The Executive is recommended to approve the revised parking charges.", True, "decision"),
    ("Districts are invited to nominate a lead officer for the housing register review.", True, "commitment"),
    ("The Committee is asked to note the update and to endorse the revised terms of reference.", True, "decision"),
    # an addressee taking note does nothing; a request reported from the past is no pledge
    ("The Committee is asked to note the quarterly performance report.", False, None),
    ("The panel was asked to consider the options last March.", False, None),
    # the same request in the active voice, made by a paper or a body
    ("This circular asks district councils to publish their tree surveys.", True, "commitment"),
    ("The county council requires providers to report missed visits every month.", True, "commitment"),
    ("We ask parish councils to share their flood plans with the county.", True, "commitment"),
    ("We ask local partnerships to note the report.", False, None),
    # people asking, or a demand that is no request of a party, are not
    ("Many residents ask us to repair the footpaths sooner.", False, None),
    ("This requires partners to work together differently.", False, None),
    # what a writer expects of a party is the same request; what a writer expects of things, a forecast
    ("We expect district councils to share their housing registers with the county.", True, "commitment"),
    ("The guidance expects local authorities to publish their damp surveys.", True, "commitment"),
    ("We expect the number of referrals to fall next year.", False, None),
    # a request for a thing to be done asks whoever is addressed
    ("We ask for a draft action plan to be returned to the team by 30 May 2026.", True, "commitment"),
    ("We ask for your views on the proposed opening hours.", False, None),
])
def test_a_papers_request_of_a_party(text, accepted, kind):
    d = decide(text, para())
    assert d.accept is accepted
    if accepted:
        assert d.kind == kind


@pytest.mark.parametrize(("text", "accepted"), [
    # a report's paragraph number the parser splits off as a sentence of its own says nothing
    ("7.2 The commissioning proposals in this section are based on detailed analysis, at county and district "
     "level, to accurately assess the need for places.", False),
    ("8.4 The service will publish its revised eligibility criteria by April 2026.", True),
    # a subject the parser hung elsewhere still makes the verb no imperative
    ("Because of rising rents, a change in the number of applicants does not on its own necessarily translate "
     "into shorter waits.", False),
    # a finite verb before "to" is no headline subject ("Teams to review ...")
    ("This allows us to identify where new classrooms may be needed.", False),
    ("Ward teams to review every discharge delay weekly.", True),
])
def test_numbered_and_finite_sentences_are_read_by_their_verb(text, accepted):
    assert decide(text, para()).accept is accepted


def test_a_request_is_addressed_to_a_party_not_to_the_people_served():
    assert not decide("All visitors are asked to sign in at reception and to wear a badge.", para()).accept
    assert decide("ICBs are asked to set up a local eye care network by September.", para()).accept


@pytest.mark.parametrize(("text", "accepted"), [
    # a source line: a title and its address
    ("Northshire falls prevention pathway 2024: https://www.northshire.gov.uk/falls-pathway", False),
    ("3.2 Market position statement for adult care www.riverside.gov.uk/mps", False),
    # a pledge that gives an address is still a pledge
    ("We will publish the refreshed pathway by June 2026 at https://www.northshire.gov.uk/falls", True),
])
def test_a_source_line_with_its_address_is_no_commitment(text, accepted):
    assert decide(text, item()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a request to the reader is no plan's action
    ("Please complete the survey and send it back to us by 30 June 2025.", False),
    ("If you need this leaflet in large print please ring the housing office.", False),
    ("Let us know your views on the draft route options.", False),
    ("Let's talk about the future of the library service", False),
    ("Develop a scheme to let tenants swap homes more easily.", True),
    # an instruction or advice to the reader: the reader's own things, or the reader acted on
    ("Use the online form to tell us about a broken gate in your garden.", False),
    ("Book your free health check at the library on Friday.", False),
    ("Protect yourself and others by washing hands often.", False),
    ("Ask the pharmacist to help you choose a stop smoking aid.", False),
    ("Develop a tenants' guide explaining how households can report repairs.", True),
    ("We will write to you about your new tenancy agreement by May 2026.", True),
    ("Publish a guide, How much you will pay for care, by April 2026.", True),
    # a titled wh-heading after a label is a title, a titled pledge is a pledge
    ("Promise 2: How we will involve tenants in choosing the new kitchens", False),
    ("Promise 3: We will involve tenants in choosing the new kitchens by March 2026.", True),
])
def test_requests_to_the_reader_and_titled_headings(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a lead-in that acts on its own object is an action, its list saying how
    ("Reduce waiting times for hearing tests and clear the backlog by:", True),
    ("Strengthen the falls prevention offer including:", True),
    # a lead-in that only points at its list is no item
    ("Agree the following:", False),
    ("Work with district councils to:", False),
    ("Make sure that:", False),
])
def test_an_imperative_lead_in_with_its_own_object_is_an_action(text, accepted):
    assert decide(text, item()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # an agenda item takes something in; an objective in the infinitive acts
    ("To consider the annual report of the Director of Public Health.", False),
    ("3. To receive the minutes of the meeting held on 4 March.", False),
    ("To review the eligibility criteria for the carers' grant by June 2026.", True),
    ("To open two new family hubs in the north of the county.", True),
])
def test_agenda_items_are_no_commitments(text, accepted):
    assert decide(text, para()).accept is accepted


def test_a_description_column_names_items_only_in_an_action_table():
    rows = ("Any paid office or employment held by the member.", "Any land in the area held by the member.")
    assert not decide(rows[0], Block("cell", rows[0], 3, None, ("Table 1",), column="Description")).accept
    dated = Block("cell", rows[1], 4, None, ("Plan",), column="Description", fields={"due": "March 2026"})
    assert decide("Survey the council's land holdings in the area", dated).accept


def test_the_readers_own_duties_lead_no_forward_list():
    from kb.layout.structure import NEGATIVE_INTRO

    assert NEGATIVE_INTRO.search("You must register as an interest:")
    assert not NEGATIVE_INTRO.search("We will:")


@pytest.mark.parametrize(("heading", "text", "accepted"), [
    # under a targets or measures heading, the level to reach is a target, its subject a statistic
    ("Outcome measures", "By 2030, life expectancy at birth in Northshire will increase by 1.5 years.", True),
    ("Our targets for 2027", "By 2027, 80% of tenants say that repairs are done right first time.", True),
    # elsewhere the same sentence foretells, and under a targets heading a bare forecast still does
    ("Population change", "By 2030, life expectancy at birth in Northshire will increase by 1.5 years.", False),
    ("Outcome measures", "The number of older residents will keep growing.", False),
])
def test_levels_under_a_targets_heading_are_targets(heading, text, accepted):
    d = decide(text, Block("paragraph", text, 5, None, (heading,)))
    assert d.accept is accepted
    if accepted:
        assert d.kind == "target"


def test_a_target_columns_cells_are_targets_and_an_indicator_column_measures():
    target = "40% of all new homes in the growth area should be affordable."
    d = decide(target, Block("cell", target, 7, None, ("Monitoring",), column="Target", row_key="7:0"))
    assert d.accept and d.kind == "target"
    indicator = "Affordable housing completions by tenure"
    assert not decide(indicator, Block("cell", indicator, 7, None, ("Monitoring",), column="Output indicator",
                                       row_key="7:0")).accept


@pytest.mark.parametrize("text, accepted", [
    # a quantity changing of itself, or a state, is how things stand, not work under way
    ("Public expectations of online council services are growing.", False),
    ("Demand for the memory clinic is rising every year.", False),
    ("Digital technology is constantly evolving.", False),
    ("The borough's schools are still performing well against the national average.", False),
    ("Waiting times for hip operations are improving.", False),
    ("Tight budgets are requiring the library service to share buildings.", False),
    ("About 3,100 people in the borough are living with sight loss.", False),
    ("Fewer people are dying in hospital than five years ago.", False),
    # a verb of feeling's -ing form with nothing it acts on judges; with an object it is work
    ("The results of the residents' survey are shocking.", False),
    ("The rise in agency spend is concerning.", False),
    ("We are encouraging schools to join the healthy schools scheme.", True),
    # work under way, and a change with an object someone makes, are work
    ("We are increasing the number of health visitors in Easton.", True),
    ("The trust is improving its discharge process for older patients.", True),
    ("The council is reviewing its parking charges for the town centre.", True),
    # a body stating its own intention about a that-clause undertakes it
    ("We propose that the library opens on Sundays from April.", True),
    ("We intend that every school has a named nurse by 2026.", True),
    # a forecast, or another party's proposal reported, undertakes nothing
    ("We expect that demand for the clinic will rise.", False),
    ("They propose that the council sells the old depot.", False),
    # an action as the subject of an aim noun is the body's undertaking
    ("Reducing waiting times for memory assessment will be our priority for 2021.", True),
    ("Improving air quality will be a focus of the new transport plan.", True),
    # a past priority is history; a state of being is no action
    ("Reducing smoking was a priority in 2015.", False),
    ("Being active is a priority for many residents.", False),
    # a main clause spliced to the next by a comma is the undertaking, though the parser hung it under
    # the next clause ("..., so residents ...", "..., this will also ...")
    ("Opening the library on Sundays will be a priority, so residents have somewhere to study.", True),
    ("We propose that every ward has a named nurse, this will also support safer discharge.", True),
    # a subordinate clause is no spliced main clause
    ("Whilst members will speak for their bodies, it is accepted that the plan needs one voice.", False),
    # nor is a statement before a clause that refers back to it
    ("Demand rose sharply last winter, this will require more beds.", False),
    # an explanatory frame ("This means that", "That is why", "which is why") introduces the undertaking
    # of the doer it names, first-person or a named body; a frame over a forecast undertakes nothing
    ("This means that by 2030, we will plant a tree for every resident of Easton.", True),
    ("That is why Northmoor Council will open two new family hubs next year.", True),
    ("Winter floods close the ford road most years, which is why we are pledging to build a footbridge by 2027.", True),
    ("This means that more people will use the Easton clinic.", False),
])
def test_sentence_shapes_of_an_undertaking(text, accepted):
    """Trends, a body's own "we propose that", an action that is a priority, spliced main clauses."""
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("intro", "text", "accepted"), [
    # the items of a list of options are choices set side by side: at most one is taken
    ("The delivery options considered by the panel were:", "Keep the service in house", False),
    ("The board weighed three alternatives:", "Transfer the library to a community trust", False),
    ("Having reviewed the costs, officers set out the following options:", "Shared service with a neighbouring council;",
     False),
    # a lead-in that mentions options but lists something else: the items are what they are
    ("In weighing the options for the depot, members looked at such matters as:", "Replace the roof of the depot",
     True),
    # the option taken, and options a body pledges to pursue, are undertakings
    ("The preferred option is:", "Transfer the library to a community trust", True),
    ("We will take forward the following options:", "Open a second family hub in the east of the town", True),
    ("The options agreed by the board are:", "Extend the opening hours of the two leisure centres", True),
    # an item that pledges of itself is one wherever it stands
    ("The options are:", "The council will consult residents on each option in May 2026.", True),
])
def test_the_items_of_a_list_of_options_are_choices(intro, text, accepted):
    block = Block("list_item", text, 5, None, ("Options appraisal",), intro=intro,
                  forward_context="will" in intro)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # the topics a report will cover are names, lettered or numbered as they may be
    ("(a) Adult Social Care", False),
    ("2. Children's Services", False),
    ("iii) Public Health Nursing", False),
    ("Mental Health Services", False),
    # a lettered action is still an action
    ("(b) Open a new family hub in Riverside", True),
    ("3. Review the charging policy for day centres", True),
])
def test_lettered_topics_under_a_forward_lead_in_are_names(text, accepted):
    block = Block("list_item", text, 12, None, ("Agenda",), intro="The director will report to the committee on:",
                  forward_context=True)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # an imperative in an outcomes column sets a target: an action verb, or a verb with its object
    ("Increase uptake of health checks to 75%", True),
    ("Halve the number of delayed discharges", True),
    # a noun the tagger read as a verb, with no object, names an outcome like the column's other cells
    ("Care closer to home", False),
    ("Value for money for residents", False),
])
def test_an_outcome_read_as_an_imperative_needs_an_action_or_an_object(text, accepted):
    block = Block("cell", text, 5, None, ("Enabling programmes",), column="Outcomes", row_key="5:0",
                  forward_context=True)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "intro", "accepted"), [
    # who sits on a group: people by role, no verb
    ("Representatives of each trust and the two councils", None, False),
    ("Officers from housing and planning with support from the county", None, False),
    # people to add, people to act, and people a lead-in pledges are undertakings
    ("More clinicians in the community", None, True),
    ("Councillors to review the charging policy by May", None, True),
    ("Members of the public on every panel", "Each appeal panel will have:", True),
])
def test_a_row_of_people_by_role_is_membership(text, intro, accepted):
    block = Block("list_item", text, 5, None, ("Governance",), intro=intro, forward_context=True)
    assert decide(text, block).accept is accepted
    row = Block("cell", text, 5, None, ("Governance",), row_label="Steering group", row_key="5:0",
                forward_context=True)
    if intro is None:
        assert decide(text, row).accept is accepted


@pytest.mark.parametrize(("text", "forward", "accepted"), [
    # in running text a noun phrase opening with "a" describes: the parts of a business case, say
    ("Delivery case: A high level delivery plan drawing on the timetable set out above.", False, False),
    ("A high level implementation plan for the new hub", False, False),
    # an imperative acts; under a heading that announces deliverables a noun phrase is one
    ("Recruit a programme director for the partnership", False, True),
    ("A high level implementation plan for the new hub", True, True),
])
def test_an_indefinite_noun_phrase_in_running_text_describes(text, forward, accepted):
    assert decide(text, Block("paragraph", text, 5, None, ("Business case",), forward_context=forward)).accept \
        is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # what money or a plan "should" do, or is "intended" to do, is expected of it: no one undertakes it
    ("The Housing Recovery Fund announced in the autumn budget should give fresh impetus to joint working.", False),
    ("The new levy should provide a steady income for the parks service.", False),
    ("The grant is intended to help small charities recover from the winter.", False),
    # a party's "should", a plan someone is to review, and a dated intention are undertakings
    ("Providers should offer appointments in the evening.", True),
    ("The plan should be reviewed every year by the board.", True),
    ("The new hub is intended to open in May 2026.", True),
    # reported advice with its own subject stays reported
    ("The minister announced that councils should publish their plans by June.", True),
])
def test_what_a_fund_or_plan_should_do_is_expected_of_it(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a thing due or expected at a date is a scheduled milestone, though its verb is a present "is"
    ("The final evaluation report is due in November 2025.", True),
    ("A decision on the new depot is expected by June 2026.", True),
    ("The annual report is due to the Board in March 2026.", True),
    # ... but not without a date, nor in the past, nor "due to" as "because of"
    ("Payment is due on receipt of the invoice.", False),
    ("The evaluation was due in March 2021.", False),
    ("The rise in waiting times is due to a shortage of radiographers.", False),
    ("Demand for care is expected to rise by 2030.", False),
])
def test_due_or_expected_at_a_date(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # under "RESOLVED that:", an item naming a party and what it is to do, in the mandative subjunctive
    ("the Head of Housing present the revised allocations policy to the Board in June 2026.", True),
    ("officers bring a report on the pilot to the next meeting.", True),
    # a description inside the list is still no decision, nor is what the meeting only notes
    ("the Head of Housing presents a report to the Board every year.", False),
    ("the Committee note the quarterly performance report.", False),
    ("the Committee note the quarterly performance report and agree the revised targets.", True),
])
def test_a_resolutions_items_mandate_action(text, accepted):
    block = Block("list_item", text, intro="RESOLVED that:")
    assert decide(text, block, in_resolution=True).accept is accepted


@pytest.mark.parametrize("text, accepted", [
    # a condition or a means before an action row's imperative, with or without its comma
    ("Subject to funding, replace the footbridge over the mill stream. Jun-25", True),
    ("Subject to survey results replace the boilers at the two leisure centres. Mar-26", True),
    ("Where practicable, install water butts at all council allotments.", True),
    ("Through the housing repairs contract, bring 40 void homes back into use each year.", True),
    ("Using the 2024 footfall counts, review opening hours at the three libraries.", True),
    ("As part of the depot rebuild incorporate a solar canopy over the staff car park.", True),
    # imperatives of plans the tagger reads as nouns
    ("Lobby the water company to fix leaks within two days.", True),
    ("Consult tenants on the new estate parking rules.", True),
    # a verb whose past is its base form ("set", "put", "cut"), after an opening phrase, with no subject
    ("Working with the parish councils, set up a village warden scheme for the rural wards.", True),
    ("With the bus operators, put in place one ticket for all town routes.", True),
    ("Last year the council set up a village warden scheme.", False),
    ("In 2021 we put in place one ticket for all town routes.", False),
    # an opening phrase before what was done, or advice to the reader, is no action
    ("Through the scheme, residents saved £200 each on their bills.", False),
    ("With support from partners, plans were drawn up last year.", False),
    ("If you would like a paper copy, request one from the library desk.", False),
])
def test_a_condition_or_means_before_the_imperative_does_not_hide_it(text, accepted):
    assert decide(text, para(section=("Action plan",))).accept is accepted


@pytest.mark.parametrize("text, accepted", [
    # an opening phrase before a clause with its own subject and verb is no condition on an imperative
    ("During 2024/25 the trusts have begun to consider how they work with the hospices.", False),
    ("Over the winter the wards saw more admissions than they planned for.", False),
])
def test_an_opening_phrase_before_a_clause_of_its_own_is_read_as_written(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("intro", "text", "accepted"), [
    # what a consultation heard is the views it gathered, not the plan's actions
    ("What we heard:", "Improve bus links to the new leisure centre", False),
    ("What residents told us:", "More benches along the river path", False),
    ("You said:", "Extend the library's opening hours on Saturdays", False),
    ("What carers said about respite:", "Offer short breaks closer to home", False),
    ("We heard from young people that:", "Youth clubs should open in the evenings", False),
    # the author's own answer among them, and a forward lead-in, still commit
    ("What we heard:", "We will extend the library's opening hours on Saturdays", True),
    ("Our priorities are to:", "Improve bus links to the new leisure centre", True),
])
def test_what_a_consultation_heard_is_no_commitment(intro, text, accepted):
    block = Block("list_item", text, 8, None, ("Transport",), intro=intro)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "in_minutes", "accepted"), [
    # a "would" reported from what someone said: a view in a report, a reported future in minutes
    ("Four tenants said they would recommend the online form to their neighbours.", False, False),
    ("One visitor stated that she would expect a map at the entrance.", False, False),
    ("The Director said the council would publish the revised timetable.", True, True),
    # a date makes the reported event a scheduled one
    ("The contractor confirmed that the depot would reopen in May 2026.", False, True),
])
def test_a_would_reported_outside_minutes_is_a_view(text, in_minutes, accepted):
    block = Block("list_item", text, 4, None, ("Findings",))
    assert decide(text, block, reported_speech=in_minutes).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # another body's recommendation named by its number and title is a reference, not an action
    ("Recommendation 6: Safer routes to school", False),
    ("Recommendation 11 – A county-wide tree nursery by 2030", False),
    # a number before an action or a pledge of the author's own still commits
    ("Recommendation 6: we will map the routes to every primary school by June 2026.", True),
    ("Recommendation 6: Map safer routes to every primary school", True),
])
def test_a_recommendation_named_by_its_title_is_a_reference(text, accepted):
    block = Block("list_item", text, 9, None, ("Our response",), forward_context=True)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a pronoun and a present verb state what is so; a named body and a bare verb is a headline
    ("We agree that the culture of an organisation shapes how it treats complaints.", False),
    ("They use the community pharmacists to provide the first line of advice.", False),
    ("Eastvale Council procure and deploy a new housing repairs system", True),
])
def test_a_pronoun_and_a_present_verb_is_no_headline(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a need stated of a thing, with no one to meet it
    ("Further work is required to understand the cost of the new scheme.", False),
    ("Additional funding will be required to extend the service to rural areas.", False),
    ("Careful consideration needs to be given to the needs of disabled residents.", False),
    # a party required to act, or a need someone undertakes, still commits
    ("Providers will be required to submit an improvement plan by June 2026.", True),
    ("We will need to recruit twelve more health visitors in 2026.", True),
])
def test_a_need_with_no_doer_is_no_commitment(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # an imperative heading states an action; a numbered section's title names the section's topic
    ("Improve the way residents report repairs online", True),
    ("3. Report a repair to a communal door online", False),
])
def test_a_numbered_section_title_is_no_imperative_heading(text, accepted):
    assert decide(text, Block("heading", text, 3, None, ())).accept is accepted


@pytest.mark.parametrize(("intro", "text", "accepted"), [
    # what something may or could be or do is a possibility, listed
    ("The advice given may be to:", "request further tests from the referring practice", False),
    ("Support for tenants could include:", "Help with moving costs", False),
    ("The team will:", "request further tests from the referring practice", True),
])
def test_items_of_what_may_be_are_possibilities(intro, text, accepted):
    block = Block("list_item", text, 6, None, ("Advice",), intro=intro, forward_context=True)
    assert decide(text, block).accept is accepted


@pytest.mark.parametrize(("intro", "text", "accepted"), [
    # the first word completes "we will", whatever the tagger reads it as ("review" as the subject of "repeat")
    ("Over the next year we will:", "review repeat prescriptions of sleeping tablets and promote safe storage at home;", True),
    ("The council will:", "review repeat allowances paid to foster carers by March 2025;", True),
    # no pledge before it: a noun phrase in a list of what was looked at
    ("The panel looked at:", "review repeat prescriptions of sleeping tablets in two practices;", False),
])
def test_an_item_completing_a_pledge_opens_with_its_verb(intro, text, accepted):
    block = Block("list_item", text, 5, None, ("Medicines",), intro=intro, forward_context=intro.endswith("will:"))
    assert decide(text, block).accept is accepted


def _dated_cell(text: str, **kw) -> Block:
    from kb.model import DueDate
    due = DueDate("June 2027", "2027-06-01", "2027-06-30")
    return Block("cell", text, column="Stage", row_key="1:0", scope_dates=(due,), fields={"due": "June 2027"}, **kw)


@pytest.mark.parametrize("text, forward, accepted", [
    # a stage of a timetable, dated ahead by its row: a milestone, whatever words name the stage
    ("Final draft", True, True),
    ("Inquiry sessions begin", True, True),  # the present tense of a schedule
    ("Examiner's findings", True, True),
    # the same names with the row's date not ahead (no forward context) are no item
    ("Final draft", False, False),
    ("Examiner's findings", False, False),
    # a stage told as done stays evidence
    ("Inquiry sessions were held", True, False),
])
def test_a_dated_stage_of_a_timetable_is_a_milestone(text, forward, accepted):
    d = decide(text, _dated_cell(text, forward_context=forward))
    assert d.accept == accepted
    if accepted:
        assert d.kind == "milestone"


@pytest.mark.parametrize("text, accepted", [
    # an intention, a plan or a proposal denied undertakes nothing
    ("There is currently no intention to review the parking charges at the leisure centre.", False),
    ("We have no plans to close the branch library in Eastfield.", False),
    ("The council has no current proposals for a second recycling depot.", False),
    # an intention stated, or a pledge beside the denial, still commits
    ("There is an intention to review the parking charges at the leisure centre in 2026.", True),
    ("There are no plans to close the library; instead we will extend its opening hours.", True),
])
def test_a_denied_intention_is_no_commitment(text, accepted):
    assert decide(text, Block("paragraph", text)).accept is accepted


@pytest.mark.parametrize("text, accepted", [
    # what a thing will belong to once made is no one's undertaking
    ("The new parking strategy will form part of the council's budget framework.", False),
    ("The design code will form part of the local plan when it is adopted.", False),
    # a party that will form part of a group joins it; forming a body is an act
    ("The council will form part of the new flood steering group.", True),
    ("We will form a partnership board with the hospital trust by June.", True),
])
def test_what_a_thing_will_form_part_of_is_no_commitment(text, accepted):
    assert decide(text, Block("paragraph", text)).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a writer who has asked someone to act has given the work (also as "I've", with either apostrophe)
    ("I have asked the head of libraries to review the opening hours at Eastmere.", True),
    ("I’ve asked our officers to write to every landlord on the estate.", True),
    ("Residents have asked us to install a crossing outside the school.", False),
    ("I asked the previous director in 2019 to look at the bus routes.", False),
])
def test_a_writers_request_to_a_party_is_work_given(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # the acts and courtesies of a letter are no undertakings
    ("I am copying this letter to the chief executives of both trusts.", False),
    ("We enclose a copy of the revised terms of reference.", False),
    ("I am writing to you to confirm the outcome of the review.", False),
    ("I want to thank all the volunteers who staffed the warm spaces this winter.", False),
    ("I also want to place on record my thanks to the steering group.", False),
    # the same verbs doing the work of a plan are
    ("We will write to every tenant about the new repairs service by June 2026.", True),
    ("We want to open two more family hubs in the north of the borough.", True),
])
def test_a_letters_own_acts_and_courtesies(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # what the people a plan serves want is their need, not anyone's undertaking
    ("Carers want to be treated as partners in the care of the person they look after.", False),
    ("Residents want to see more trees planted along the high street.", False),
    ("Young people want to be seen in places that do not feel like clinics.", False),
    # a party's wish commits that party
    ("We want to open a second community diagnostic centre by 2027.", True),
    ("The council wants to build 300 homes for social rent by 2028.", True),
    ("Partners want to share one care record across the county by 2026.", True),
])
def test_a_wish_voiced_for_the_people_served_is_no_commitment(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a recommendation to note or receive a paper, wherever it stands, takes the paper in
    ("Note the update on the leisure centre refurbishment.", False),
    ("Receive the annual report of the safeguarding partnership.", False),
    ("Note the progress made and agree the revised timetable for the review.", True),
    ("Notify every tenant of the change to bin collections by March 2026.", True),
])
def test_noting_a_paper_is_no_action_outside_a_resolution(text, accepted):
    assert decide(text, item()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a member's question that lost its question mark asks; it undertakes nothing
    ("Will the Cabinet Member commission a review of school transport and publish its findings.", False),
    ("Can the Leader confirm that the library will stay open.", False),
    ("Is the portfolio holder satisfied that the council has enough staff to inspect the roads.", False),
    # an inverted condition before the main clause is no question
    ("Should funding be confirmed, the council will open a second hub in 2026.", True),
])
def test_a_question_without_its_mark_is_no_commitment(text, accepted):
    assert decide(text, para()).accept is accepted


def test_an_answers_thanks_is_no_heading_of_work():
    assert not decide("Thank you for your question", Block("heading", "")).accept


@pytest.mark.parametrize(("text", "accepted"), [
    # where a decision lies: "it will be for X to ..." gives X the work
    ("Once the bids are in, it will be for the county council to decide which schemes go ahead.", True),
    ("It is for each health and wellbeing board to agree how the fund is spent.", True),
    ("It will be for the best if the works wait until the summer.", False),
    # an area of work named as the aim, as a priority is
    ("A key area of focus will be the recruitment of more foster carers.", True),
    ("An area of concern was the rise in waiting times.", False),
    # a commitment kept is still one
    ("The partners remain committed to opening the new day centre in Eastmere.", True),
    ("The number of vacancies remains high.", False),
])
def test_a_duty_an_area_of_work_and_a_commitment_kept(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a part of a document by its label is no imperative
    ("Annex B HOUSING AND PLANNING ACT 2016", False),
    ("Schedule 3 Terms of the grant agreement", False),
    # the verbs themselves still act
    ("Schedule a review of every foster placement by March 2026.", True),
    ("Annex the agreed protocol to each contract.", True),
])
def test_a_document_part_by_its_label_is_no_action(text, accepted):
    assert decide(text, para()).accept is accepted


def test_a_lead_in_naming_the_following_points_at_its_list():
    assert not decide("The following steps should be taken before a tenancy is ended:", para()).accept
    assert decide("The following week the team will visit every school in the district.", para()).accept


@pytest.mark.parametrize(("heading", "accepted"), [
    # under a question put at a council meeting the text is the member's, asked, not undertaken
    ("Question by Alex Reed to Sam Cole, Cabinet Member for Transport", False),
    ("Supplementary question from Cllr Jones", False),
    # the answer, and any other heading, leave the sentence as it is
    ("Answer", True),
    ("Questions and answers on the new bin service", True),
])
def test_a_members_question_undertakes_nothing(heading, accepted):
    text = "The council will resurface the whole of Mill Lane by the end of March 2026."
    assert decide(text, para(section=("COUNTY COUNCIL", heading))).accept is accepted


@pytest.mark.parametrize(("text", "accepted"), [
    # a fronted time phrase the parser ends with a reduced relative ("the plan (that) we will ...")
    ("In the first year of the programme we will recruit and train a team of 12 community champions who will "
     "visit local groups.", True),
    ("In the final year of the plan we will recruit and train 40 volunteer befrienders who will support older "
     "people at home.", True),
    ("In the first months of the pilot we trained twelve volunteer drivers.", False),  # a past, still
])
def test_a_clause_after_a_fronted_time_phrase_is_the_sentences(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize("text", [
    "3(b) Train every library assistant in basic digital support by March 2025.",
    "12(ii) Train forty volunteer drivers for the community transport scheme.",
])
def test_a_sub_lettered_action_number_is_not_the_first_word(text):
    from kb.extract.classify import clause_text

    assert clause_text(text).startswith("Train ")
    assert decide(text, para()).accept


@pytest.mark.parametrize(("text", "accepted"), [
    # the conclusion drawn from what people said is the plan's own undertaking
    ("Parents said that the forms were too long, so in the first year we will shorten the application form "
     "to one page.", True),
    ("Tenants told us that repairs take too long to book, so from April we will open an online repairs "
     "service.", True),
    ("Parents said that the forms were too long, so we shortened the application form to one page.", False),
])
def test_a_clause_after_so_is_the_sentences_conclusion(text, accepted):
    assert decide(text, para()).accept is accepted


@pytest.mark.parametrize("text, accept", [
    # a plan's row run into one line: a nominal action and its Start and End cells
    ("Development of a tree planting strategy Both Parks Team Highways Apr-22 Mar-23 G1", True),
    ("Approval of the fleet replacement programme Internal Fleet Team Procurement May-22 Jun-22 A1", True),
    # a noun phrase with one date, or a past report, is no scheduled row
    ("Development of the town centre in the 1960s and 1970s", False),
    ("Development of the tree strategy took place in May 2022.", False),
])
def test_a_nominal_action_with_its_rows_start_and_end_cells_is_scheduled(text, accept):
    assert decide(text, Block("paragraph", text)).accept is accept


@pytest.mark.parametrize("text", [
    "The partnership commits to publishing a yearly report on its progress.",
    "The council commits to working with parish councils to plant 5,000 trees by 2030.",
])
def test_commits_to_with_a_gerund_is_a_pledge_in_the_present(text):
    d = decide(text, Block("paragraph", text))
    assert d.accept and d.kind in ("commitment", "target")


@pytest.mark.parametrize("text", [
    "C7 Train every library assistant in basic digital support by March 2025.",
    "PH12 Train forty volunteer drivers for the community transport scheme.",
    "E2.1 Train the school crossing patrols in first aid.",
])
def test_a_letter_coded_action_number_is_not_the_first_word(text):
    from kb.extract.classify import clause_text

    assert clause_text(text).startswith("Train ")
    assert decide(text, para()).accept


@pytest.mark.parametrize("text", ["A1 roads through the town will be resurfaced.", "Q3 2025/26 review of fees"])
def test_a_code_before_a_lower_case_word_or_a_figure_stays(text):
    from kb.extract.classify import clause_text

    assert clause_text(text) == text


def test_a_letter_coded_number_names_no_owner():
    from kb.extract.classify import without_reference_number

    assert without_reference_number("C21 Build a shared dashboard of hospital admissions.") == \
        "Build a shared dashboard of hospital admissions."
    assert without_reference_number("Kelby Council will build a dashboard.") == "Kelby Council will build a dashboard."


@pytest.mark.parametrize("text", ["B2–B5", "Yes – D4", "Yes – merged into D2", "See 2.3 and 2.4", "No – 4.1 to 4.3"])
def test_the_pointers_of_a_carried_forward_column_are_not_items(text):
    from kb.extract.classify import decide
    from kb.model import Block

    block = Block("cell", text, 3, None, ("Outstanding actions",), column="Carried forward", forward_context=True)
    assert not decide(text, block).accept


@pytest.mark.parametrize("text", ["D4 Open a second hydrotherapy pool by 2026",
                                  "2.3 – Extend the hydrotherapy pool hours by March 2026",
                                  "Extend the hydrotherapy pool hours (see 2.3)"])
def test_a_reference_with_words_of_its_own_is_read(text):
    from kb.extract.classify import decide
    from kb.model import Block

    assert decide(text, Block("cell", text, 3, None, ("Our actions",), column="Action", forward_context=True)).accept


# ------------------------------------------------------------------ columns of what people raised
@pytest.mark.parametrize(("column", "text", "accepted"), [
    # an engagement report's table of the problems people named, beside each service: no undertakings
    ("Top 3 Negative Issues", "1. Getting through on the telephone", False),
    ("Key themes", "Booking appointments online", False),
    ("Concerns raised by residents", "Parking at the new health centre", False),
    # beside them, what the body will do is still read
    ("What we will do", "Open a second phone line for repeat prescriptions by June 2026", True),
])
def test_a_column_of_what_people_raised_holds_no_undertakings(column, text, accepted):
    assert decide(text, cell(column, section=("Feedback by practice",), forward_context=True)).accept is accepted


@pytest.mark.parametrize(("text", "expected"), [
    # a performance indicator's values: its target beside a reading or a threshold
    ("Latest: 81% Target: 85%, Floor: 75% Previous: 80% (Amber)", True),
    ("Target: 95% | Actual: 91.2%", True),
    ("Baseline: 1,200 Annual target: 1,000", True),
    ("Target: £2.4m Forecast: £2.1m", True),
    # a target alone, in words, or in a sentence: not an indicator's line
    ("Target: 85%", False),
    ("Target: reduce waiting times for assessments", False),
    ("Latest: 81% (Amber)", False),
    ("Our target is 85% and the latest figure is 81%, so we will do more to reach the target over the "
     "coming year with the providers, the voluntary sector and the people who use our services: "
     "Target: 85% Latest: 81%", False),
])
def test_an_indicators_line_of_values_gives_its_target(text: str, expected: bool) -> None:
    assert indicator_target(text) is expected
    if expected:
        assert decide(text, Block("paragraph", text)).kind == "target"


@pytest.mark.parametrize(("text", "accept"), [
    # a party's pledge not to do something binds as one to act does
    ("We will not close any libraries during the life of this plan.", True),
    ("The Eastford Panel will not consider applications received after the closing date.", True),
    ("In line with national guidance, the Council will not be pursuing commercial property investments.", True),
    # a prediction, a state, what someone will not undergo, a condition's outcome: no undertaking
    ("There will not be enough school places in the north of the district.", False),
    ("Residents will not see any change to their collection day.", False),
    ("Travel costs will not be reimbursed if the appointment is missed.", False),
])
def test_a_pledge_to_refrain_is_a_commitment(text: str, accept: bool) -> None:
    assert decide(text, Block("paragraph", text)).accept is accept


@pytest.mark.parametrize("text, kept", [
    # a person's own words set as an outcome, dated as the plan's promise
    ("“I can book a home visit online or by phone.” (by April 2022)", True),
    ("“If I complain, someone rings me within two days.” (from October 2021)", True),
    ("\"My care plan is written with me.\" (by March 2023)", True),
    # a quotation with no date, a date already past, or words that are nobody's own
    ("“I can book a home visit online or by phone.”", False),
    ("“I waited three weeks for a call back.” (in March 2020)", False),
    ("“The service will open in Tarnby.” (by April 2022)", False),
])
def test_a_dated_i_statement_is_an_outcome_promised(text, kept):
    decision = dated_i_statement(text, dt.date(2021, 6, 1))
    assert (decision is not None and decision.accept and decision.kind == "target") is kept


@pytest.mark.parametrize("text, kept", [
    # a deliverable named with no verb, scheduled by a date after a dash, ahead of its 2022 plan
    ("[IT] Single sign-on in all 40 practices and both hospitals – Dec 2023", True),
    ("One patient record for the two hospitals – live Oct 2024", True),
    ("Electronic prescribing on all inpatient wards – by Mar 2024", True),
    # a date already past, no date, or too few words to name a thing
    ("Phase 1 pilot in two wards – June 2021", False),
    ("Electronic prescribing on all inpatient wards", False),
    ("Pilot – May 2023", False),
])
def test_a_verbless_entry_dated_ahead_is_a_scheduled_deliverable(text, kept):
    block = item(section=("Aim 1 actions",))
    decision = future_dated_entry(text, block, decide(text, block), dt.date(2022, 10, 1))
    assert (decision is not None and decision.kind == "milestone") is kept
