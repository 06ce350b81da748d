"""Review tables: status values and headers read by meaning, review rows matched to the actions they
name, and the thread status taken from the body's own review.

The fixtures (tests/fixtures/review) are an invented body's documents: a 2019 carers strategy with
What / Who / When action blocks, the 2022 review of its action plan (a table: reference, action
restated in other words, status, latest update) and a 2023 extension that restates a few actions.
Every value and sentence here is written for these tests."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ingest_texts

from kb.api import KnowledgeBase
from kb.layout.fields import label_role, progress_of, split_labels
from kb.model import Commitment, DocumentMeta
from kb.trace.progress import named_references, reference_of
from kb.trace.tracer import TraceItem, thread_status

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "review"
STRATEGY = "2019-06_northshire-hwb_carers-strategy_2019-22"

# The review's verdict on each strategy action (by its first words) and the status kb must give it.
REVIEW = {
    "Launch a carer awareness campaign": "delivered",  # 1.1 Complete
    "Introduce a carers register": "in progress",  # 1.2 Partially complete
    "Train frontline social care staff": "delivered",  # 1.3 Complete
    "Commission a new carers support service": "delivered",  # 2.1 Complete, as "Carers support service: ..."
    "Expand access to short breaks": "in progress",  # 2.2 Ongoing
    "Offer every carer a carer's assessment": "overdue",  # 2.3 Incomplete, due by March 2021
    "Agree a hospital discharge protocol": "delivered",  # 3.1 Complete
    "Develop a carer-friendly employer scheme": "overdue",  # 3.2 Not started, due by March 2022
    "Provide a young carers card": "in progress",  # 3.3 Ongoing
    "Set up a digital information hub": "revised",  # 3.4 Superseded
}


@pytest.mark.parametrize("value, report", [
    ("Complete", "done"), ("Completed (March 2021)", "done"), ("Achieved", "done"), ("Delivered", "done"),
    ("Done", "done"), ("Closed", "done"), ("Blue", "done"), ("Business as usual", "done"),
    ("Complete – the new service opened in May", "done"),
    ("Ongoing", "ongoing"), ("In progress - see update", "ongoing"), ("On track", "ongoing"),
    ("Partially complete", "ongoing"), ("Largely achieved", "ongoing"), ("Amber", "ongoing"), ("Green", "ongoing"),
    ("Underway", "ongoing"),
    ("Incomplete", "unmet"), ("Not started", "unmet"), ("Not complete", "unmet"), ("Not yet achieved", "unmet"),
    ("Delayed", "unmet"), ("Off track", "unmet"), ("Red", "unmet"), ("On hold", "unmet"),
    ("Superseded", "revised"), ("Replaced by the regional portal", "revised"), ("Withdrawn", "revised"),
    ("No longer required", "revised"), ("Closed - not pursued", "revised"),
    ("TBC", None), ("March 2021", None), ("Redesign of the pathway", None), ("Completion of the review", None),
    ("", None), ("Status: Complete", "done"),
    # a colour with words after it: the words say what it means in this document's key
    ("Green – complete", "done"), ("Green - achieved", "done"), ("Amber – in progress", "ongoing"),
    ("Red – not delivered", "unmet"), ("Blue – closed (superseded)", "revised"), ("Blue: no longer required", "revised"),
    ("Green (on track)", "ongoing"), ("Red – see update", "unmet"), ("Amber/Green", "ongoing"),
    ("Grey – stopped", "revised"), ("Grey: closed", "done"), ("Grey", None),
    # a target's verdict; an action moved into the next plan unfinished; one dropped; a partial verdict
    ("Target met", "done"), ("Exceeded", "done"), ("Target not met", "unmet"), ("Action closed", "done"),
    ("Carried forward", "unmet"), ("Rolled over to 2024/25", "unmet"), ("Will not be progressed", "revised"),
    ("Removed", "revised"), ("Partial", "ongoing"), ("Partial – two of three sites", "ongoing"),
    ("Under review", "ongoing"), ("Partial closure of the site", None),
    # done in part is not done; work going on however it is worded; ahead of time or not yet due is no
    # lateness; a date moved is a delay; a level under its target is unmet; stopping is an ending
    ("Achieved in part", "ongoing"), ("Met in part – the second clinic opens in May", "ongoing"),
    ("Work in progress", "ongoing"), ("WIP", "ongoing"), ("Action ongoing", "ongoing"), ("Commenced", "ongoing"),
    ("Ahead of schedule", "ongoing"), ("Not yet due", "ongoing"), ("Not due until 2026", "ongoing"),
    ("Rescheduled to Q3", "unmet"), ("Re-phased", "unmet"), ("Off target", "unmet"), ("Below target", "unmet"),
    ("Kept", "done"), ("Kept late", "done"), ("Partly kept – continuing", "ongoing"), ("Not kept", "unmet"),
    ("Well under way", "ongoing"), ("Stood down in May 2023", "revised"),
    # judged beyond reach and taken out of the plan; a finance team's verdicts on savings
    ("Unachievable – written out of the base budget", "revised"), ("Not deliverable", "revised"),
    ("Delivered – alternative measures", "done"), ("At risk", "ongoing"), ("Slipped to 2026/27", "unmet"),
    # a tracker's open or closed before its reason: the reason says how it stands
    ("Open – off track", "unmet"), ("Open – in progress", "ongoing"), ("Open – evidence awaited", "ongoing"),
    ("Closed – not fully met, moved to the next plan", "unmet"), ("Closed – superseded", "revised"),
    ("Closed – evidence accepted", "done"), ("Closed (complete)", "done"),
    ("Not on target", "unmet"), ("Not on schedule – see commentary", "unmet"), ("Not on plan", "unmet"),
    ("Ceased", "revised"), ("Mainstreamed", "done"), ("Mainstreamed into the core offer", "done"),
    ("Commencement of the works", None), ("Work in the three wards", None),
    # a stage of work named in a timetable row is no status
    ("Scoping report", None), ("Planning stage", None),
    # a to do / doing / done board's words; not done, with the reason it was dropped
    ("Doing", "ongoing"), ("Not carried forward", "revised"), ("Incomplete – not taken forward", "revised"),
    ("Not started – withdrawn by the Cabinet", "revised"), ("Incomplete – carried forward", "unmet"),
    ("Not met – see update", "unmet"),
    # part of the way to it; dropped
    ("Part of the way there", "ongoing"), ("Partway", "ongoing"),
    # a key's closed, and what its sentence after says of it
    ("Closed. The board decided to stop the action, or to move it to another plan.", "revised"),
    ("Closed. The work was done and signed off.", "done"),
    # a symbol no key reads before the words: the words say
    ("⏳ In progress", "ongoing"), ("↻ Replaced", "revised"), ("✖ Not delivered", "unmet"),
])
def test_status_values_read_by_meaning(value, report):
    assert progress_of(value) == report


@pytest.mark.parametrize("header, role", [
    ("Status", "status"), ("Status at March 2022", "status"), ("Current status", "status"),
    ("RAG status", "status"), ("Delivery status", "status"), ("Completed?", "status"),
    ("Latest update", "update"), ("Progress update", "update"), ("Update (July 2022)", "update"),
    ("Commentary", "update"), ("Progress made", "update"), ("What has been achieved", "update"),
    ("Ref", "ref"), ("Ref No.", "ref"), ("No.", "ref"), ("Action ref", "ref"), ("Reference", "ref"),
    ("Action", "action"), ("Lead", "owner"), ("Outcome of the review", None),
    ("Target quarter", "due"), ("Delivery year", "due"),
    # a status of some time: before or after the header's own words
    ("Final status", "status"), ("Previous RAG", "status"), ("RAG Sept 2023", "status"),
    ("Status (Q2 2024/25)", "status"), ("Year-end rating", "status"), ("Rating 2023/24", "status"),
    ("Closure status", "status"), ("BGAR", "status"), ("RAGB", "status"), ("Overall assessment and commentary", "status"), ("What we said we would deliver in 2023/24", "action"),
    ("Progress to date", "update"), ("Final report", None), ("Where this stands", "status"),
    ("Where it stands now", "status"), ("Where we are", None), ("Target 2025", None), ("Year 2", None),
    # a rating beside the share done; a tracker's dates before and after a change
    ("RAG and % complete", "status"), ("Status / % complete", "status"),
    ("Original deadline", "due"), ("Revised deadline", "due"), ("New target date", "due"),
])
def test_review_table_headers_read_by_meaning(header, role):
    assert label_role(header) == role


@pytest.mark.parametrize("label", [
    "Executive lead", "Clinical lead", "Programme lead", "SRO", "Senior responsible owner", "Responsible director",
    "Accountable director", "Executive sponsor", "Portfolio holder", "Lead member", "Cabinet member",
])
def test_a_lead_named_by_its_role_is_an_owner_label(label):
    """The labels plans put under a priority or a programme to say who answers for it."""
    assert label_role(label, line_form=True) == label_role(label) == "owner"


def test_a_number_in_running_text_is_no_reference_label():
    assert label_role("No", line_form=True) is None


def test_label_value_review_block():
    found = split_labels("Action: Open a carers' centre Status: Partially complete Update: Opened in two towns")
    assert [(f.role, f.value) for f in found] == [("action", "Open a carers' centre"),
                                                  ("status", "Partially complete"), ("update", "Opened in two towns")]


@pytest.mark.parametrize("section, text, ref", [
    ("Strategy › Priority 1 › Action 1.3", "Train staff", "1.3"),
    ("Review › Action plan › 2.1a", "Carers support service", "2.1a"),
    ("Review", "3.2 Carer-friendly employer scheme", "3.2"),
    ("Strategy › Priority 2", "Commission a service", ""),
    ("Strategy › 2019 to 2022", "Commission a service", ""),
    # a theme code apart from its number, or with an ampersand, in the row's reference cell
    ("Update › Green travel › TrV 3b", "Pool bikes for staff", "trv3b"),
    ("Plan › Green travel › TrV3b", "Offer pool bikes to staff", "trv3b"),
    ("Update › HWB 2", "Falls service", "hwb2"),
    ("Update › W&R 7", "Reuse shop at the tip", "w&r7"),
    ("Plan › W&R7", "Open a reuse shop", "w&r7"),
    # a word heading with a number numbers no action
    ("Plan › Year 3", "Open a reuse shop", ""),
    ("Plan › Goal 1", "Open a reuse shop", ""),
    ("Plan › Phase 2", "Open a reuse shop", ""),
    # a code joined to its number by a hyphen, as finance plans code their savings
    ("Savings › Adults › HSC-07", "Close two day centres by March 2023", "hsc07"),
    ("Outturn › HSC-07", "Day centre redesign", "hsc07"),
    ("Plan", "FIN-3 Review every contract over £100k", "fin3"),
    # ... but a sentence that speaks of the numbered item is not titled by it
    ("Plan", "HSC-07 was changed after consultation, and one centre stays open.", ""),
    # a plain number before an action's verb, as a checklist numbers its actions; a count is no number
    ("Plan › Smokefree places", "14 Make all play areas owned by the Council smokefree by summer 2022.", "14"),
    ("Plan › Smokefree places", "14 schools will adopt the code by 2023.", ""),
    # a reference set apart from its action's title by a bar, colon or dash
    ("Plan › Priority 2 › 2e | One front door", "Redesign the pathway with one front door", "2e"),
    ("Plan › B3: Warm homes", "Insulate 400 homes", "b3"),
    ("Plan › 4: Our priorities", "Insulate 400 homes", ""),
    ("Plan › CQC21-M05", "Replace the ward doors", ""),
    # a heading that opens with a letter code before its title
    ("Savings › CF-03 Home to school transport: independent travel", "Proposal: Offer travel budgets", "cf03"),
    ("Plan › 2.1 Background", "Offer travel budgets", ""),
    # a circled number, as designed documents number their aims
    ("Strategy › Priority 1", "③ Working with the hospitals, we aim to end handover delays of over an hour.", "3"),
    # a review's block titled by its plan's number
    ("Closing report", "Commitment 4.1 – Cloud telephony in general practice", "4.1"),
    ("Closing report", "Pledge 7: Warm homes", "7"),
    ("Closing report › Priority 1", "③ No handover longer than an hour", "3"),
    # a lettered sub-action's number before its stop; a count is none
    ("Strategy › Objective 3", "3a. We will hold a jobs fair every autumn.", "3a"),
    ("Strategy › Objective 3", "3 schools will open breakfast clubs.", ""),
])
def test_reference_numbers(section, text, ref):
    assert reference_of(Commitment("x", "d", "commitment", text, section, None, 1)) == ref


@pytest.mark.parametrize("section, heading", [
    ("Strategy › Priority 1 › Action 1.3 ", "Action 1.3"), ("Review", "Review"), ("", ""),
])
def test_a_record_s_heading_is_the_innermost_of_its_path(section, heading):
    assert Commitment("x", "d", "commitment", "Train staff", section, None, 1).heading == heading


@pytest.mark.parametrize("label, refs", [
    ("CF-03 / CF-04", ("cf03", "cf04")),
    ("4B and 4C", ("4b", "4c")), ("2.1, 2.2 and 2.4", ("2.1", "2.2", "2.4")), ("3.1-3.3", ("3.1", "3.2", "3.3")),
    ("Health and wellbeing", ()), ("2019-2022", ()), ("WF-23/1", ()),  # one code written with a stroke
])
def test_a_review_row_names_several_references(label, refs):
    assert named_references(label) == refs


@pytest.mark.parametrize("row_due, status", [
    ("2024-03-31", "in progress"),  # the tracker's revised deadline, still ahead of the review
    ("2022-03-31", "overdue"),  # a revised deadline that has passed too
    (None, "overdue"),
])
def test_an_unfinished_row_dated_ahead_by_its_review_is_in_progress(row_due, status):
    """A review row that gives its unfinished action a later deadline ("Incomplete", "Revised deadline
    31/03/2024") reports it late only once that deadline has passed."""
    from kb.model import DueDate

    seed = Commitment("s", "2019", "commitment", "Commission a carers support service", "Plan", None, 3,
                      due=[DueDate("by March 2021", None, "2021-03-31")])
    meta = DocumentMeta("2019", date="2019-06-01", period_end="2022-03-31")
    row = _row("unmet", "Incomplete")
    if row_due:
        row.commitment.due = [DueDate(row_due, None, row_due)]
    got, _, deciding = thread_status(seed, meta, [row], "2022-07-01", ["2022"])
    assert (got, deciding) == (status, row)


def test_a_review_written_by_exception_lists_the_actions_it_completed(tmp_path):
    """A final report written by exception names the complete actions by their numbers in one sentence
    (a run among them) and reports only the others row by row: each listed action is complete."""
    kb = ingest_texts(tmp_path, {
        "2021-06_upton-dc_parks-plan.txt":
        "Upton District Council\n\nParks plan 2021-24\n\nOur actions\n\n"
        "P1.1 Open a new play area at Mill Green by March 2022.\n\n"
        "P1.2 Plant 400 trees along the river path by March 2023.\n\n"
        "P1.3 Open a café in Upton Park by March 2024.\n\n"
        "P1.4 Build an outdoor gym at the lido by March 2024.\n",
        "2024-07_upton-dc_parks-plan-final-report.txt":
        "Upton District Council\n\nParks plan: final report\n\n1. Summary\n\n"
        "1.1 This report is written by exception. The following actions were complete by March 2024: "
        "P1.1 to P1.2 and P1.4.\n\n"
        "Ref\tAction\tStatus\tUpdate\nP1.3\tCafé in the park\tNot achieved\tNo operator came forward.\n",
    })
    statuses = {c.text[:20]: kb.trace(c.id).status for c in kb.commitments("2021-06_upton-dc_parks-plan")}
    assert statuses["P1.1 Open a new play"] == "delivered"
    assert statuses["P1.2 Plant 400 trees"] == "delivered"
    assert statuses["P1.4 Build an outdoo"] == "delivered"
    assert statuses["P1.3 Open a café in "] == "overdue"


def _row(report: str, reported: str, doc: str = "2022") -> TraceItem:
    c = Commitment("r", doc, "commitment", "Carers support service", "Review", None, 5, reported=reported)
    return TraceItem(c, DocumentMeta(doc, date=f"{doc}-07-01"), "progress", 0.9,
                     {"report": report, "reported": reported, "match": {"score": 0.9}})


@pytest.mark.parametrize("report, reported, due, status", [
    ("done", "Complete", "2021-03-31", "delivered"),
    ("ongoing", "Partially complete", "2021-03-31", "in progress"),
    ("revised", "Superseded", "2021-03-31", "revised"),
    ("unmet", "Not started", "2021-03-31", "overdue"),  # due before the review
    ("unmet", "Not started", "2023-03-31", "in progress"),  # not due yet when reviewed
    ("unmet", "Incomplete", None, "overdue"),  # no date: the plan's period ended before the review
    # a status that says the date was missed: late whatever date was read for the action
    ("unmet", "Behind schedule", "2023-03-31", "overdue"), ("unmet", "Delayed – now June 2023", None, "overdue"),
    ("unmet", "Red – slipped", "2024-03-31", "overdue"),
])
def test_a_review_row_decides_the_status(report, reported, due, status):
    from kb.model import DueDate

    seed = Commitment("s", "2019", "commitment", "Commission a carers support service", "Plan", None, 3,
                      due=[DueDate("by March", None, due)] if due else [])
    meta = DocumentMeta("2019", date="2019-06-01", period_end="2022-03-31")
    restated = TraceItem(Commitment("e", "2023", "commitment", "We will commission a support service", "", None, 1),
                         DocumentMeta("2023", date="2023-03-01"), "restated", 0.95, {"report": "planned"})
    row = _row(report, reported)
    got, reason, deciding = thread_status(seed, meta, [restated, row], "2023-03-01", ["2022", "2023"])
    assert (got, deciding) == (status, row)  # the later restatement does not outrank the review
    assert reported in reason


@pytest.fixture(scope="module")
def review_kb(tmp_path_factory) -> KnowledgeBase:
    tmp = tmp_path_factory.mktemp("review")
    kb = KnowledgeBase(tmp / "index", tmp / "decisions.jsonl")
    kb.ingest([FIXTURES])
    return kb


def _statuses(kb: KnowledgeBase) -> dict[str, tuple[str, str]]:
    """Each strategy action's (thread status, deciding passage), by its first words."""
    out = {}
    threads = {cid: t for t in kb.store.threads() for cid in [t["root"], *t["members"]]}
    for c in kb.commitments(STRATEGY):
        key = next((k for k in REVIEW if c.text.startswith(k)), None)
        if key:
            out[key] = (threads[c.id]["status"] if c.id in threads else "", threads.get(c.id, {}).get("reason", ""))
    return out


def test_each_action_takes_its_status_from_the_review(review_kb):
    got = _statuses(review_kb)
    assert {ref: s for ref, (s, _) in got.items()} == REVIEW
    assert all("action-plan-review" in reason for _, reason in got.values())


def test_each_thread_names_its_deciding_passage(review_kb):
    """`kb threads` names the passage each status is read from (the review row here), and none for a
    thread that no later document speaks of."""
    threads = {cid: t for t in review_kb.threads() for cid in [t["root"], *t["members"]]}
    for c in review_kb.commitments(STRATEGY):
        if not any(c.text.startswith(k) for k in REVIEW):
            continue
        t = threads[c.id]
        deciding = review_kb.commitment(t["deciding"])
        assert deciding is not None and "action-plan-review" in deciding.doc_id
        assert deciding.text in t["reason"]
    assert all(t["deciding"] is None for t in threads.values() if t["status"] == "silent")


def test_threads_are_built_again_when_the_linking_code_changes(tmp_path, monkeypatch):
    """A kb whose linking or status rules changed (kb/trace) builds its threads again at the next
    ingest, though no file changed, and without parsing the files again."""
    import kb.api

    kb_ = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb_.ingest([FIXTURES])
    assert kb_.store.get_meta("threads") == kb.api.threads_fingerprint()
    generation = kb_.store.get_meta("generation")
    assert not kb_.ingest([FIXTURES]).ingested and kb_.store.get_meta("generation") == generation  # nothing to do
    monkeypatch.setattr(kb.api, "threads_fingerprint", lambda: "other rules")
    again = kb_.ingest([FIXTURES])
    assert not again.ingested and again.skipped  # no file parsed again
    assert kb_.store.get_meta("threads") == "other rules" and kb_.store.get_meta("generation") != generation
    assert kb_.threads()


def test_the_trace_shows_the_review_row_and_its_update(review_kb):
    seed = next(c for c in review_kb.commitments(STRATEGY) if c.text.startswith("Commission a new carers"))
    trace = review_kb.trace(seed.id)
    assert trace.status == "delivered"
    assert trace.deciding is not None and trace.deciding.text.startswith("Carers support service")
    shown = [i.commitment.text for i in trace.items]
    assert any(t.startswith("The new service began in April 2020") for t in shown)  # the row's latest update
    # rows (and their updates) that report on other actions are not on this thread
    assert not any(t.startswith("Carer-friendly employer scheme") or t.startswith("Work was paused") for t in shown)


def test_the_matrix_says_what_the_review_reported(review_kb, capsys):
    from types import SimpleNamespace

    from kb.cli import cmd_matrix

    cmd_matrix(review_kb, SimpleNamespace(doc=None))
    out = capsys.readouterr().out
    assert "reported: Partially complete" in out and "reported: Superseded" in out


def test_the_same_statuses_through_the_pdf_of_the_strategy(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import pdfgen

    folder = tmp_path / "docs"
    folder.mkdir()
    pdfgen.text_export_to_pdf(FIXTURES / f"{STRATEGY}.txt", folder / f"{STRATEGY}.pdf")
    for f in FIXTURES.glob("*.txt"):
        if f.stem != STRATEGY:
            shutil.copy(f, folder / f.name)
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([folder])
    got = {ref: s for ref, (s, _) in _statuses(kb).items()}
    agree = sum(got.get(key) == s for key, s in REVIEW.items())
    assert agree >= 9, got


def test_review_rows_keep_their_status_and_done_rows_are_evidence(tmp_path):
    from kb.extract.pipeline import extract
    from kb.sources import load_document

    path = tmp_path / "2022-07_riverside_review.txt"
    path.write_text("Riverside Health and Wellbeing Board\n\nReview of the Riverside Dementia Action Plan\n\n"
                    "Action\tLead\tProgress\tComments\n"
                    "Memory café network\tRiverside Council\tAchieved\tEight cafés are open across the borough.\n"
                    "Dementia friendly GP practices\tRiverside CCG\tPartially achieved\tTwelve of twenty accredited.\n"
                    "Carer training\tRiverside Council\tNot achieved\tPostponed during the pandemic.\n"
                    "Crisis support line\tRiverside CCG\tSuperseded\tReplaced by the regional line.\n", encoding="utf-8")
    rows = {c.text: (c.kind, c.reported) for c in extract(load_document(path, doc_id="r")) if c.reported}
    assert rows == {"Memory café network": ("evidence", "Achieved"),
                    "Dementia friendly GP practices": ("commitment", "Partially achieved"),
                    "Carer training": ("commitment", "Not achieved"),
                    "Crisis support line": ("evidence", "Superseded")}


def test_a_reference_shared_by_several_actions_identifies_none():
    from kb.trace.progress import distinct_references

    recs = [Commitment(str(n), "plan", "commitment", t, s, None, n) for n, (t, s) in enumerate([
        ("Open a café", "Plan › Action 1.1"), ("Train staff", "Plan › Action 1.1"), ("Fund a line", "Plan › Action 2.1"),
    ])]
    assert distinct_references(recs) == ["", "", "2.1"]


def test_the_cells_of_one_table_row_share_its_reference_as_one():
    """A plan's savings row ("HSC-07 | Day centres | Close two day centres ... | Service reduction") gives
    several records on one line; its number still names the row, and a number on two lines names none."""
    from kb.trace.progress import distinct_references

    recs = [Commitment(str(n), "plan", "commitment", t, s, None, line) for n, (t, s, line) in enumerate([
        ("Close two day centres by March 2023", "Plan › HSC-07", 40), ("Service reduction", "Plan › HSC-07", 40),
        ("Open a café", "Plan › Action 1.1", 50), ("Train staff", "Plan › Action 1.1", 51),
    ])]
    assert distinct_references(recs) == ["hsc07", "hsc07", "", ""]


def test_every_trace_shows_its_review_row_and_latest_update(review_kb):
    for c in review_kb.commitments(STRATEGY):
        if not any(c.text.startswith(k) for k in REVIEW):
            continue
        trace = review_kb.trace(c.id)
        row = trace.deciding
        assert row is not None and row.reported, c.text
        assert any(i.commitment.parent_id == row.id for i in trace.items), c.text  # the row's latest update


def test_an_undated_review_still_decides(tmp_path):
    """A review whose date kb cannot find still names the strategy's actions and decides them; an
    action it reports not done is overdue only when its due date passed by a date kb knows (here
    none after the strategy's own), so it reads as in progress."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(FIXTURES / f"{STRATEGY}.txt", folder)
    review = (FIXTURES / "2022-07_northshire-hwb_carers-strategy-action-plan-review.txt").read_text(encoding="utf-8")
    review = "\n".join(line for line in review.splitlines() if not line.startswith("Date:"))
    (folder / "northshire_carers-action-plan-review.txt").write_text(review, encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([folder])
    assert next(d.meta.date for d in kb.documents() if d.meta.id.startswith("northshire")) is None
    got = {key: s for key, (s, _) in _statuses(kb).items()}
    assert got == {key: "in progress" if s == "overdue" else s for key, s in REVIEW.items()}


def test_a_review_in_label_value_blocks_decides_the_same(tmp_path):
    """The same review written as "Action 1.1: ... / Status: ... / Latest update: ..." blocks, of a
    strategy whose action blocks carry a status of their own from the start ("Not started")."""
    folder = tmp_path / "docs"
    folder.mkdir()
    strategy = (FIXTURES / f"{STRATEGY}.txt").read_text(encoding="utf-8")
    strategy = "\n".join(line + ("\nStatus: Not started" if line.startswith("When:") else "")
                         for line in strategy.splitlines())
    (folder / f"{STRATEGY}.txt").write_text(strategy, encoding="utf-8")
    name = "2022-07_northshire-hwb_carers-strategy-action-plan-review.txt"
    lines: list[str] = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[0] != "Ref":
            lines += [f"Action {cells[0]}: {cells[1]}", f"Status: {cells[2]}", f"Latest update: {cells[3]}", ""]
        elif len(cells) == 1:
            lines.append(line)
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([folder])
    assert {key: s for key, (s, _) in _statuses(kb).items()} == REVIEW
    seed = next(c for c in kb.commitments(STRATEGY) if c.text.startswith("Introduce a carers register"))
    trace = kb.trace(seed.id)
    assert any(i.commitment.text.startswith("Registers are in place in 38 of 52") for i in trace.items)


# A council's net zero plan's actions, as its plan and its update print them.
NET_ZERO_ACTIONS = ("A1 Develop a list of local carbon offset opportunities with the parish councils.",
                    "A2 Install heat pumps in all four council depots by March 2022.",
                    "A3 Replace the council's pool cars with electric vehicles.")
NET_ZERO_PLAN = "2020-09_riverside-council_net-zero-plan.txt"


def _plan_statuses(kb: KnowledgeBase) -> dict[str, str]:
    """Each plan action's thread status, by its number ("A1")."""
    return {t["root_text"][:2]: t["status"] for t in kb.threads() if t["root"].startswith("202009")}


def test_an_update_report_without_status_words_decides_by_its_notes(tmp_path):
    """A council's update on its plan that prints each action's progress as a bar (which a text export
    does not hold) and a note in words, under labels set in capitals: each note's clause gives the
    status (kb.trace.reports.progress_note_statuses), and the plan's actions take it."""
    a1, a2, a3 = NET_ZERO_ACTIONS
    kb = ingest_texts(tmp_path, {
        NET_ZERO_PLAN: "Riverside Net Zero Plan 2020-2030\n\nPriority Actions\n\n" + "\n\n".join(NET_ZERO_ACTIONS) + "\n",
        "2021-09_riverside-council_net-zero-plan-update.txt":
            "Riverside Net Zero Plan: Priority Actions Update, September 2020 - March 2021\n\n"
            f"{a1}\nPROGRESS UPDATE - Initial list of offset sites under development with two parishes.\n"
            "NEXT STEPS - Agree the list with the remaining parishes.\n\n"
            f"{a2}\nPROGRESS UPDATE\n- Heat pumps installed in all four depots in January 2021.\n\n"
            f"{a3}\nPROGRESS UPDATE - Postponed until the new depot opens.\n"})
    assert _plan_statuses(kb) == {"A1": "in progress", "A2": "delivered", "A3": "in progress"}


@pytest.mark.parametrize("note, status", [
    # something done and something still going on: part way
    ("The phone line opened in May 2022. Weekend cover is still being arranged with the two practices.",
     "partially complete"),
    # not done, whatever else was, unless the work is said to go on
    ("Leaflets went to every surgery in 2022. The survey has not been carried out.", "not complete"),
    ("The hub has not opened, because the lease fell through; a new site is now being fitted out.", "in progress"),
    # the last thing told is a revision
    ("The posters went up in 2022. In 2023 they were replaced by a monthly online report.", "revised"),
    # another way taken than the one promised
    ("We did not set up a separate panel. Instead, the youth council now reviews our leaflets.", "revised"),
    ("We decided to use the county's checklist rather than write our own.", "revised"),
    ("Every practice now offers video consultations.", "complete"),
])
def test_an_update_note_s_status_from_all_it_tells(note, status):
    from kb.trace.reports import NOTE_SOURCE, progress_note_statuses

    assert progress_note_statuses([note]) == [f"{status}{NOTE_SOURCE}"]


def test_a_we_said_we_did_table_reviews_its_rows_by_what_they_tell(tmp_path):
    """A review set out as "We said" / "We did" with no status column: each row's account in prose is
    the body's report on the promise, read from what it tells; a plan's own "What we have done" column
    beside its actions is movement, no verdict (its rows report nothing)."""
    kb = ingest_texts(tmp_path, {
        "2024-05_upton-trust_we-said-we-did.txt":
        "Upton Community Trust\n\nWe said, we did\n\nIntro paragraph that is long enough to be body text "
        "for this document.\n\nWe said\tWe did\n"
        "A phone line for carers, open every day\tThe line opened in May 2022 and takes about 300 calls a month.\n"
        "A carers' card in every hospital\tWe did not take this forward. In 2023 the ICB's own card replaced it.\n",
        "2022-05_upton-trust_carers-plan.txt":
        "Upton Community Trust\n\nCarers plan\n\nIntro paragraph that is long enough to be body text for "
        "this document.\n\nAction\tWhat we have done\n"
        "Open a phone line for carers every day\tThe line is being set up.\n",
    })
    reported = {c.text: progress_of(c.reported) for c in kb.commitments(include_evidence=True)}
    assert reported["A phone line for carers, open every day"] == "done"
    assert reported["A carers' card in every hospital"] == "revised"
    assert reported["Open a phone line for carers every day"] is None


def test_update_notes_that_set_a_status_off_or_fold_an_action_into_another(tmp_path):
    """Notes as reviews write them: a status set off by a dash, a status phrase opening a sentence
    that says why, an action superseded by another body's scheme or carried into the next plan."""
    a1, a2, a3 = NET_ZERO_ACTIONS
    a4 = "A4 Plant 2,000 street trees by March 2021."
    kb = ingest_texts(tmp_path, {
        NET_ZERO_PLAN: "Riverside Net Zero Plan 2020-2030\n\nPriority Actions\n\n"
                       + "\n\n".join((*NET_ZERO_ACTIONS, a4)) + "\n",
        "2022-09_riverside-council_net-zero-plan-update.txt":
            "Riverside Net Zero Plan: Priority Actions Update, September 2022\n\n"
            f"{a1}\nPROGRESS UPDATE - Superseded by the county's offset scheme.\n\n"
            f"{a2}\nPROGRESS UPDATE - Partially achieved – heat pumps installed in two of the four depots.\n\n"
            f"{a3}\nPROGRESS UPDATE - No longer applicable following the sale of the pool cars.\n\n"
            f"{a4}\nPROGRESS UPDATE - Carried forward into the 2023 plan.\n"})
    assert _plan_statuses(kb) == {"A1": "revised", "A2": "in progress", "A3": "revised", "A4": "overdue"}


@pytest.mark.parametrize("row_section, action_section, same", [
    ("Review › Ambition 3: Care that fits the person › 3.6", "Strategy › Ambition 3: Care that fits the person", True),
    ("Review › Care that fits the person", "Strategy › Ambition 3: Care that fits the person", True),
    ("Review › Ambition 4: A better place", "Strategy › Ambition 3: Care that fits the person", False),
    ("Review › Actions", "Strategy › Actions", False),  # one word names no heading of the plan's own
])
def test_a_review_row_under_its_actions_heading(row_section, action_section, same):
    from kb.trace.progress import _same_heading

    row = Commitment("r", "review", "evidence", "Ferry calls", row_section, None, 1)
    action = Commitment("a", "plan", "commitment", "Phone every ferry user", action_section, None, 1)
    assert _same_heading(row, action) == same


def test_rows_without_reference_numbers_find_their_actions_by_wording_and_meaning():
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    plan = ["Launch a carer awareness campaign in GP surgeries, pharmacies and libraries",
            "Introduce a carers register in every GP practice so that carers are offered a health check",
            "Commission a new carers support service offering advice, peer groups and emotional support",
            "Offer every carer a carer's assessment within 28 days of asking for one",
            "Develop a carer-friendly employer scheme with local businesses"]
    review = [("Carers support service: advice, peer support and emotional wellbeing", "Complete"),
              ("GP practice carers registers and health checks", "Partially complete"),
              ("Carer's assessment within 28 days of request", "Incomplete"),
              ("Carer-friendly employer scheme with local businesses", "Not started"),
              ("Awareness campaign for carers in surgeries and libraries", "Complete")]
    records = [Commitment(f"p{n}", "plan", "commitment", t, "Strategy › Priority", None, n) for n, t in enumerate(plan)]
    records += [Commitment(f"r{n}", "review", "commitment", t, "Review › Action plan", None, n, reported=s)
                for n, (t, s) in enumerate(review)]
    metas = {"plan": DocumentMeta("plan", date="2019-06-01"), "review": DocumentMeta("review", date="2022-07-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    got = {row: [m.action for m in ms] for row, ms in match_rows(records, metas, sig).items()}
    assert got == {"r0": ["p2"], "r1": ["p1"], "r2": ["p3"], "r3": ["p4"], "r4": ["p0"]}


@pytest.mark.parametrize("label, refs", [
    ("CF-03 / CF-04", ("cf03", "cf04")),
    ("4B and 4C", ("4b", "4c")), ("2.1, 2.2", ("2.1", "2.2")), ("3.1-3.3", ("3.1", "3.2", "3.3")),
    ("1.1 & 1.2", ("1.1", "1.2")), ("Actions 6A to 6C", ("6a", "6b", "6c")), ("2.1, 2.2 and 2.4", ("2.1", "2.2", "2.4")),
    ("2.1", ()), ("Health and wellbeing", ()), ("2019-2022", ()), ("1-20", ()), ("Year 1 and 2", ()),
])
def test_a_reference_cell_naming_several_actions(label, refs):
    from kb.trace.progress import named_references

    assert named_references(label) == refs


@pytest.mark.parametrize("section, plan_sections", [
    # the plan's actions lettered under their own headings, the review's row naming two of them
    ("Review › 6B and 6C", ["Plan › 6A Play streets", "Plan › 6B Park runs", "Plan › 6C Outdoor gyms"]),
    # numbered, the review's row naming a run of them
    ("Review › 6.2-6.3", ["Plan › 6.1", "Plan › 6.2", "Plan › 6.3"]),
    # the plan's actions carry no reference: the row takes the two actions its wording names
    ("Review › 6B and 6C", ["Plan › Priority six", "Plan › Priority six", "Plan › Priority six"]),
])
def test_a_review_row_naming_two_actions_reports_on_each(section, plan_sections):
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    plan = ["We will close twenty residential streets to traffic on summer Sundays so that children can play out",
            "We will start a free weekly park run in each of the four country parks",
            "We will install outdoor gym equipment in ten neighbourhood parks"]
    records = [Commitment(f"p{n}", "plan", "commitment", t, sec, None, n)
               for n, (t, sec) in enumerate(zip(plan, plan_sections, strict=True))]
    records += [Commitment("r0", "review", "commitment", "Play streets on summer Sundays", "Review › 6A", None, 1,
                           reported="Partially complete"),
                Commitment("r1", "review", "evidence", "Park runs; outdoor gyms in neighbourhood parks", section,
                           None, 2, reported="Complete")]
    metas = {"plan": DocumentMeta("plan", date="2019-06-01"), "review": DocumentMeta("review", date="2022-07-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    got = {row: sorted(m.action for m in ms) for row, ms in match_rows(records, metas, sig).items()}
    assert got == {"r0": ["p0"], "r1": ["p1", "p2"]}


def test_a_review_row_naming_one_action_takes_one():
    """A row with one reference reports on one action, however close in wording another is."""
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    plan = ["We will start a free weekly park run in each of the four country parks",
            "We will start a free weekly junior park run in each of the four country parks"]
    records = [Commitment(f"p{n}", "plan", "commitment", t, f"Plan › 6.{n + 1}", None, n) for n, t in enumerate(plan)]
    records.append(Commitment("r0", "review", "evidence", "Weekly park runs in the country parks", "Review › 6.1",
                              None, 1, reported="Complete"))
    metas = {"plan": DocumentMeta("plan", date="2019-06-01"), "review": DocumentMeta("review", date="2022-07-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    assert {row: [m.action for m in ms] for row, ms in match_rows(records, metas, sig).items()} == {"r0": ["p0"]}


def test_a_progress_columns_header_tells_what_its_verbless_cells_report(tmp_path):
    """"What we have done" leads its cells in as a list's lead-in does: "Extended opening hours at
    ..." under it reports a thing done, though its participle could head a plan's outcome."""
    from kb.extract.pipeline import extract
    from kb.sources import load_document
    from kb.trace.context import list_intro
    from kb.trace.reports import reports_of

    path = tmp_path / "2018-03_northvale_plan-refresh.txt"
    path.write_text("Northvale Plan Refresh\n\nPriorities\n\n"
                    "COMMITMENT\tWHAT WE HAVE DONE\tNEXT STEPS\n"
                    "Better access to libraries\tExtended opening hours at the central library\t"
                    "Open two more branches on Sundays\n", encoding="utf-8")
    done = [c for c in extract(load_document(path, doc_id="n")) if c.text.startswith("Extended")]
    assert [list_intro(c) for c in done] == ["WHAT WE HAVE DONE:"]
    assert reports_of([done[0].text], [list_intro(done[0])]) == ["done"]


@pytest.mark.parametrize("label, subjects", [
    ("Befriending service and hospital discharge packs", ["Befriending service", "hospital discharge packs"]),
    ("Befriending service and discharge packs (two actions)", ["Befriending service", "discharge packs"]),
    ("Park runs; outdoor gyms", ["Park runs", "outdoor gyms"]),
    ("Breaks & respite at home", ["Breaks", "respite at home"]),
    ("Falls prevention classes", []),  # one subject
    ("Health and wellbeing", ["Health", "wellbeing"]),  # joined, but each one word: see the match test
    ("A, B and C and D and E", []),  # too many to be two actions named together
])
def test_the_subjects_a_review_row_joins(label, subjects):
    from kb.trace.progress import conjuncts

    assert conjuncts(label) == subjects


@pytest.mark.parametrize("row, taken", [
    # two actions named together by their subjects: the row reports on each
    ("Befriending service and hospital discharge packs (two actions)", ["p0", "p1"]),
    ("Befriending service and hospital discharge packs", ["p0", "p1"]),
    # one action named with a detail joined by "and": the detail is no second action
    ("Befriending service for older people, by phone and in person", ["p0"]),
    ("Befriending service for older people and their families", ["p0"]),
])
def test_a_review_row_joining_two_subjects_reports_on_each(row, taken):
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    plan = ["We will commission a befriending service for lonely older people, by phone and in person",
            "By the end of the second year every patient leaving hospital will be given a discharge pack "
            "telling them which community services they can use",
            "We will train 200 volunteers as dementia friends in the town's shops and libraries"]
    records = [Commitment(f"p{n}", "plan", "commitment", t, "Plan › Ageing well", None, n) for n, t in enumerate(plan)]
    records += [Commitment("r0", "review", "evidence", row, "Review › 4", None, 1, reported="Partially complete"),
                Commitment("r1", "review", "evidence", "Dementia friends training for volunteers", "Review › 5", None, 2,
                           reported="Complete")]
    metas = {"plan": DocumentMeta("plan", date="2019-06-01"), "review": DocumentMeta("review", date="2022-07-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    got = {r: sorted(m.action for m in ms) for r, ms in match_rows(records, metas, sig).items()}
    assert got == {"r0": taken, "r1": ["p2"]}


def test_a_row_naming_two_actions_by_reference_and_a_part_each():
    """"P2.3 and P2.4" with an action cell in two parts ("Breakfast clubs; holiday lunches"): each part
    names one action, which the row's whole wording alone would not reach."""
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    plan = ["We will open a free breakfast club in every primary school in the two most deprived wards",
            "We will fund holiday lunches with activities for children on free school meals during the summer"]
    records = [Commitment(f"p{n}", "plan", "commitment", t, "Plan › Priority 2", None, n) for n, t in enumerate(plan)]
    records.append(Commitment(
        "r0", "review", "commitment",
        "Free breakfast clubs open before lessons in every primary school of the two most deprived wards; holiday lunches",
        "Review › P2.3 and P2.4", None, 1, reported="Partially achieved"))
    metas = {"plan": DocumentMeta("plan", date="2019-06-01"), "review": DocumentMeta("review", date="2022-07-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    got = {row: sorted(m.action for m in ms) for row, ms in match_rows(records, metas, sig).items()}
    assert got == {"r0": ["p0", "p1"]}


def test_a_review_row_may_name_an_action_by_its_numbered_title():
    """"Commitment 4: Students" heads "We will agree a safety plan with the college": the review's
    "Student safety plan" names the action by its title's word as much as by the sentence's."""
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    plan = [("We will agree a joint wellbeing and safety plan with Eastholme College and the university",
             "Plan › Priority 2 › Commitment 4: Students"),
            ("We will agree a safety plan for every care home with the home's manager",
             "Plan › Priority 2 › Commitment 5: Care homes")]
    records = [Commitment(f"p{n}", "plan", "commitment", t, sec, None, n) for n, (t, sec) in enumerate(plan)]
    records.append(Commitment("r0", "review", "evidence", "Student safety plan", "Review › P2.4", None, 1,
                              reported="Achieved"))
    metas = {"plan": DocumentMeta("plan", date="2019-06-01"), "review": DocumentMeta("review", date="2022-07-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    got = {row: [m.action for m in ms] for row, ms in match_rows(records, metas, sig).items()}
    assert got == {"r0": ["p0"]}


def test_a_review_row_naming_a_listed_step_reports_on_the_action_above_it(tmp_path):
    """A plan that states an action in a line and lists how it will be done under "How we will do it:"
    is reviewed by rows that name the steps ("Wider pavements and dropped kerbs"): the row reports on
    the action, whose thread takes its status."""
    from kb.trace.progress import listed_steps

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2021-05_upton-dc_active-travel-plan_2021-24.txt").write_text(
        "Upton District Council\n\nActive Travel Plan 2021-24\n\n**Getting about on foot**\n\n"
        "Commitment 2: we will make the town centre easier to walk around\n\nHow we will do it:\n\n"
        "- widen the pavements on Station Road and the High Street\n"
        "- add dropped kerbs and tactile paving at every crossing in the centre\n\n"
        "Measure of success: more people walk to the town centre in the travel survey.\n\n"
        "Commitment 3: we will make cycling to school safer\n\nHow we will do it:\n\n"
        "- run Bikeability training in every primary school\n"
        "- mark out school streets outside six schools\n", encoding="utf-8")
    (docs / "2024-06_upton-dc_active-travel-plan-review.txt").write_text(
        "Upton District Council\n\nActive Travel Plan review\n\n"
        "Ref\tAction\tStatus\tUpdate\n"
        "C2\tDropped kerbs and tactile paving at town centre crossings\tComplete\tThe works finished in May 2023.\n"
        "C3\tSchool streets and Bikeability\tNot started\tNo funding was found for school streets.\n",
        encoding="utf-8")
    kb_ = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb_.ingest([docs])
    plan = kb_.commitments("2021-05_upton-dc_active-travel-plan_2021-24")
    steps = listed_steps([c for c in plan if c.kind != "evidence"])
    head = {c.text: c for c in plan}
    walk = head["we will make the town centre easier to walk around"]
    assert steps[head["widen the pavements on Station Road and the High Street"].id] == walk.id
    cycle = head["we will make cycling to school safer"]
    threads = {cid: t for t in kb_.store.threads() for cid in [t["root"], *t["members"]]}
    assert threads[walk.id]["status"] == "delivered"
    assert threads[cycle.id]["status"] == "overdue"


def _restated_plan_matches(review: list[tuple[str, str]]) -> dict[str, set[str]]:
    """The actions matched to each review row of an invented plan that states each action twice: in its
    prose and again as a row of its action plan at the end."""
    from kb.semantic import embed, record_topic_text
    from kb.trace.progress import match_rows
    from kb.trace.signals import Signals

    prose, table = "Our plan › Partners in care", "Our plan › Appendix: action plan"
    plan = [("We will recruit and train a pool of thirty patient partners, who will sit on our improvement groups "
             "and interview panels", prose),
            ("So that nobody is out of pocket, we will pay patient partners for their time and travel from the "
             "first meeting they attend", prose),
            ("A quiet room for families will open on the Larkfield children's ward in 2024", prose),
            ("Recruit and train thirty patient partners", table),
            ("Pay patient partners for their time and travel", table),
            ("Open a quiet room for families on the Larkfield children's ward", table)]
    records = [Commitment(f"p{n}", "plan", "commitment", t, sec, None, n) for n, (t, sec) in enumerate(plan)]
    records += [Commitment(f"r{n}", "review", "commitment", t, "Review › Partners in care", None, n, reported=s)
                for n, (t, s) in enumerate(review)]
    metas = {"plan": DocumentMeta("plan", date="2021-04-01"), "review": DocumentMeta("review", date="2024-05-01")}
    sig = Signals(records, metas, embed([record_topic_text(c) for c in records]))
    return {row: {m.action for m in ms} for row, ms in match_rows(records, metas, sig).items()}


def test_a_review_row_reaches_the_action_s_restatement_in_the_same_plan():
    """A row reports on an action once, but the plan states it twice (its prose and its action plan's
    row): the row names both, so that tracing either statement finds the review's verdict."""
    got = _restated_plan_matches([("Paying patient partners for time and travel", "Complete"),
                                  ("Quiet room for families on the children's ward", "Complete")])
    assert got == {"r0": {"p1", "p4"}, "r1": {"p2", "p5"}}


def test_a_restatement_is_no_sibling_action():
    """Two actions of the plan about the same people (recruiting partners, paying them) are two actions:
    a row about paying them names neither statement of the recruiting."""
    from kb.trace.progress import _restates
    from kb.trace.signals import Signals

    got = _restated_plan_matches([("Paying patient partners for time and travel", "Complete")])
    assert got == {"r0": {"p1", "p4"}}
    records = [Commitment("a", "plan", "commitment", "Recruit and train thirty patient partners", "Plan › Appendix",
                          None, 1),
               Commitment("b", "plan", "commitment", "Pay patient partners for their time", "Plan › Partners", None, 2),
               Commitment("c", "plan", "commitment", "We will pay every patient partner for their time", "Plan › Our aims",
                          None, 3)]
    sig = Signals(records, {"plan": DocumentMeta("plan", date="2021-04-01")})
    assert not _restates(records[0], records[1], {}, sig) and _restates(records[1], records[2], {}, sig)


def test_a_review_row_reaches_the_plans_prose_that_words_its_action_another_way(tmp_path):
    """A plan states an action twice, in its prose list and as a numbered row of its delivery plan,
    each in its own words ("commission counselling and support for young carers who look after a
    parent" / "Commission a counselling and mentoring service for young carers aged 8 to 18"); the
    review names the numbered row, and the trace of the prose's statement reads its status too."""
    kb = ingest_texts(tmp_path, {
        "2021-05_tolworth-bc_carers-strategy.txt":
        "Tolworth Borough Council\n\nCarers Strategy 2021-2024\n\nYoung carers\n\nWe will:\n\n"
        "- commission counselling and support for young carers who look after a parent\n"
        "- give every young carer a card that schools and pharmacies recognise\n\n"
        "Adult carers\n\nWe will:\n\n- open a carers' hub in the town library\n\n"
        "Appendix A: delivery plan\n\nRef\tAction\tLead\tDate\n"
        "YC1\tCommission a counselling and mentoring service for young carers aged 8 to 18\tChildren's Services\tMar 2022\n"
        "YC2\tLaunch the young carers card\tChildren's Services\tSep 2021\n"
        "AC1\tOpen the carers' hub\tLibraries\tJan 2022\n",
        "2024-06_tolworth-bc_carers-strategy-review.txt":
        "Tolworth Borough Council\n\nCarers Strategy: final review\n\nRef\tAction\tStatus\tUpdate\n"
        "YC1\tCounselling and mentoring for young carers\tPartially achieved\tThe service runs in two of four "
        "localities.\nYC2\tYoung carers card\tComplete\t640 cards issued.\n"
        "AC1\tCarers' hub\tComplete\tThe hub opened in January 2022.\n",
    })
    prose = next(c for c in kb.commitments() if c.text.startswith("commission counselling and support"))
    row = next(c for c in kb.commitments(include_evidence=True) if c.text.startswith("Counselling and mentoring"))
    assert prose.id in [m.action for m in kb.tracer().review_rows[row.id]]
    assert kb.trace(prose.id).status == "in progress"


def test_the_same_number_in_two_places_of_a_plan_is_one_action_however_worded():
    """A scrutiny report's "Recommendation 4: That the Council ..." and the Cabinet's response table
    row "4 | Accepted | <what the council will do>" state one action in two wordings that share little
    but their subject; a review row numbered 4 names both.  Two statements under different numbers
    share no such bond."""
    from kb.trace.progress import _restates
    from kb.trace.signals import Signals

    records = [Commitment("a", "plan", "commitment", "Recommendation 4: That the Council publish a clear policy on "
                          "sandbags, saying who can have them and where they are kept", "Report › Being ready", None, 1),
               Commitment("b", "plan", "commitment", "Publish a sandbag policy on the website and in the winter "
                          "magazine, covering the six stores", "Report › Appendix A › 4", None, 2),
               Commitment("c", "plan", "commitment", "Publish a sandbag policy on the website and in the winter "
                          "magazine, covering the six stores", "Report › Appendix A › 5", None, 3)]
    sig = Signals(records, {"plan": DocumentMeta("plan", date="2021-04-01")})
    assert _restates(records[0], records[1], {}, sig)
    assert not _restates(records[0], records[2], {}, sig)


@pytest.mark.parametrize("reported, moved", [
    ("Deferred to 2025/26", True), ("Postponed until spring 2025", True), ("Carried forward to year 4", True),
    # a saving the finance team moves to a later year: the body gives it the new date
    ("Slipped to 2026/27", True), ("Slipped – now 2026/27", True), ("Re-profiled to 2026/27", True),
    ("Slipped", False), ("Delayed", False), ("Slipped to red", False),
])
def test_a_status_that_moves_the_action_to_a_later_date(reported, moved):
    from kb.trace.tracer import _MOVED_ON

    assert bool(_MOVED_ON.match(reported.lower())) is moved


def test_a_row_between_two_matched_rows_names_the_action_between_theirs():
    """A review lists the plan's actions in the plan's order: an unmatched row between rows naming
    actions 10 and 30 of one plan names the action between them that it scores best with, if any
    reaches ORDER_MATCH; one outside the run of matched rows, or scoring under it, stays unmatched."""
    from kb.trace.progress import ORDER_MATCH, RowMatch, _align_by_order

    def rec(rid, doc, line):
        return Commitment(rid, doc, "commitment", rid, "", None, line)

    plan = {a: rec(a, "plan", line) for a, line in (("a10", 10), ("a20", 20), ("a25", 25), ("a30", 30), ("a40", 40))}
    rows = [rec(r, "review", line) for r, line in (("r1", 1), ("r2", 2), ("r3", 3), ("r4", 4))]
    out = {"r1": [RowMatch("r1", "a10", 0.9, 0.9, 0.9)], "r3": [RowMatch("r3", "a30", 0.8, 0.8, 0.8)]}
    pairs = [RowMatch("r2", "a20", ORDER_MATCH + 0.05, 0.3, 0.4), RowMatch("r2", "a25", ORDER_MATCH + 0.02, 0.3, 0.3),
             RowMatch("r2", "a40", 0.44, 0.4, 0.5), RowMatch("r4", "a40", 0.4, 0.4, 0.4)]
    used = {"a10", "a30"}
    _align_by_order(out, rows, pairs, used, plan)
    assert [m.action for m in out["r2"]] == ["a20"]  # between a10 and a30, the better of the two there
    assert "r4" not in out  # after the last matched row: nothing on either side to place it
    assert "a20" in used
    low = {"r1": [RowMatch("r1", "a10", 0.9, 0.9, 0.9)], "r3": [RowMatch("r3", "a30", 0.8, 0.8, 0.8)]}
    _align_by_order(low, rows, [RowMatch("r2", "a20", ORDER_MATCH - 0.05, 0.2, 0.2)], {"a10", "a30"}, plan)
    assert "r2" not in low
    # a row whose status is only read from its update is left to MIN_MATCH
    from kb.trace.reports import NOTE_SOURCE

    noted = [*rows[:1], Commitment("r2", "review", "commitment", "r2", "", None, 2, reported="done" + NOTE_SOURCE),
             *rows[2:]]
    weak = {"r1": [RowMatch("r1", "a10", 0.9, 0.9, 0.9)], "r3": [RowMatch("r3", "a30", 0.8, 0.8, 0.8)]}
    _align_by_order(weak, noted, [RowMatch("r2", "a20", ORDER_MATCH + 0.05, 0.3, 0.4)], {"a10", "a30"}, plan)
    assert "r2" not in weak


@pytest.mark.parametrize("refs, action_ref, expected", [
    (("5.10",), "5.10", "bonus"),
    (("5.2",), "5.10", "against"),  # the plan gives 5.2 to another action
    (("hhs05",), "5.10", "none"),  # the review codes its rows its own way
    ((), "5.10", "none"),
    (("5.2",), "", "none"),
])
def test_reference_numbers_count_only_in_the_plan_s_own_numbering(refs, action_ref, expected):
    from kb.trace.progress import REF_BONUS, REF_MISMATCH, reference_evidence

    numbered = {("plan", "5.10"), ("plan", "5.2")}
    value = reference_evidence(refs, action_ref, "plan", numbered)
    assert value == {"bonus": REF_BONUS, "against": -REF_MISMATCH, "none": 0.0}[expected]


def test_a_numbered_sentence_and_its_summary_box_row_are_one_commitment(tmp_path):
    """A plan that numbers the commitments of its prose ("... by December 2023 (4.1).") and repeats
    them in a summary box at the chapter's end ("4.1 Cloud telephony in all practices – December
    2023"): a review naming 4.1 reports on the sentence too, though the two share few words."""
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2023-06_brayford-icb_joint-forward-plan.txt":
        "Brayford ICB\n\nJoint Forward Plan 2023-2028\n\n4. Primary care\n\n"
        "The 8am rush is the commonest complaint we hear. All 96 practices will be on cloud-based "
        "telephony, with queuing and call-back, by December 2023 (4.1). We will also recruit 200 more "
        "staff to primary care networks by March 2025 (4.2).\n\n"
        "Box 4: our primary care commitments\n\n"
        "- 4.1 Cloud telephony in all practices – December 2023 – ICB primary care team\n"
        "- 4.2 200 more network staff – March 2025 – primary care networks\n",
        "2026-05_brayford-icb_commitments-closing-report.txt":
        "Brayford ICB\n\nClosing report on the Joint Forward Plan commitments\n\n"
        "**Commitment 4.1 – Telephones in general practice**\nStatus: Complete\n"
        "Latest update: Every practice moved to a cloud telephone system by March 2024.\n\n"
        "**Commitment 4.2 – Network staff**\nStatus: Incomplete\n"
        "Latest update: 151 of the 200 staff were in post at March 2026.\n",
    })
    seed = next(c for c in kb.commitments() if c.text.startswith("All 96 practices"))
    trace = kb.trace(seed.id)
    assert trace.status == "delivered"
    assert "Telephones in general practice" in trace.deciding.text
