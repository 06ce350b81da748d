"""Traceability: traces, threads, auditor decisions that survive rebuilds and changed documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_three_doc_kb

from kb.api import KnowledgeBase
from kb.cli import main
from kb.model import Commitment, DocumentMeta

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
STROKE_2013 = "Improved outcomes of stroke patients, by reducing the levels of death and disability following a stroke"


def seed_of(kb: KnowledgeBase, text: str):
    return next(c for c in kb.commitments() if c.text.startswith(text))


def test_trace_follows_stroke_across_every_document(corpus_kb):
    seed = seed_of(corpus_kb, STROKE_2013)
    trace = corpus_kb.trace(seed.id)
    docs = {i.commitment.doc_id for i in trace.items}
    assert len(docs) == 5
    assert len(trace.passages) <= 40 and sum("paragraph" not in i.evidence for i in trace.items) <= 120
    texts = " | ".join(i.commitment.text for i in trace.items)
    for expected in ("Consultation on new stroke pathway", "Implement new stroke pathway",
                     "Having one specialist stroke team based at UHCW"):
        assert expected in texts
    dates = [(i.doc.date if i.doc else "") for i in trace.items]
    assert dates == sorted(dates)  # oldest first
    # Every link says why: the key terms both hold, or (a paraphrase) its similarity in meaning.
    assert all(i.evidence.get("terms") or i.evidence.get("signals", {}).get("semantic") or "between" in i.evidence
               or "paragraph" in i.evidence for i in trace.items)
    shown_terms = {t for i in trace.items for t in i.evidence["terms"]}
    assert "stroke" in shown_terms and not any(t.startswith("zz") for t in shown_terms)
    assert trace.status in ("delivered", "in progress", "revised", "restated", "overdue")


@pytest.mark.parametrize("stems, text, shown", [
    (["immedi", "suffer"], "improve immediate care for those who suffered", ["immediate", "suffered"]),
    (["zzuec"], "", ["urgent and emergency care"]),
    (["zzrehabilit"], "rehab after a stroke", ["rehabilitation"]),
    (["unseen"], "", ["unseen"]),
])
def test_evidence_terms_read_as_words(stems, text, shown):
    from kb.trace.features import term_labels

    assert term_labels(stems, text) == shown


@pytest.mark.parametrize("text, kept", [
    ("Our key focus is the memory clinic", ["memori", "clinic"]),
    # a noun in -sion or -tion is one term with its verb: "the submission" and "submitted"
    ("The ferry submission was submitted", ["ferri", "submit"]),
    ("Ferry prescriptions and prescribing, an extension of the scheme extended", ["ferri", "prescrib", "extend"]),
    # and a noun in -y with its adjective in -ic: "local history" and "historic ferries"
    ("Historic ferries, the history of the port, the economy and economic growth", ["ferri", "histor", "port",
                                                                                    "econom", "growth"]),
    ("A wider range of proposals to increase provision of dental care", ["dental"]),
])
def test_generic_planning_words_are_no_terms_whatever_their_stem(text, kept):
    from kb.trace.features import terms

    assert sorted(terms(text)) == sorted(kept)


@pytest.mark.parametrize("seed_text, fills", [
    (STROKE_2013, None), ("Work with Primary Care commissioners to review the role", True)])
def test_passages_have_no_holes(corpus_kb, seed_text, fills):
    """A record standing between two linked items of a passage (same section and page, a few lines
    apart) is part of the passage, even when it shares no word with the seed."""
    from kb.trace.tracer import PASSAGE_GAP

    trace = corpus_kb.trace(seed_of(corpus_kb, seed_text).id, limit=None)
    everything = corpus_kb.commitments(include_evidence=True)
    filled = 0
    for p in trace.passages:
        members = {i.commitment.id for i in p.items}
        linked = sorted((i.commitment.line, i.commitment.page) for i in p.items
                        if i.commitment.line is not None and "between" not in i.evidence)
        filled += sum("between" in i.evidence for i in p.items)
        c0 = p.items[0].commitment
        for (a, page_a), (b, page_b) in zip(linked, linked[1:], strict=False):
            if page_a != page_b or b - a > PASSAGE_GAP:
                continue
            holes = [c for c in everything if c.doc_id == c0.doc_id and c.section == c0.section
                     and c.line is not None and a < c.line < b and c.id != trace.seed.id]
            assert all(c.id in members for c in holes), [c.text for c in holes if c.id not in members]
    if fills is not None:
        assert (filled > 0) == fills  # the urgent-care rows sit between two linked rows


def test_a_linked_sentence_is_shown_with_its_short_paragraph(corpus_kb):
    """The other sentences of a linked sentence's paragraph (or cells of its table row) are shown
    with it when the paragraph is short, in the same passage; a long paragraph is not shown whole."""
    from kb.trace.tracer import PARAGRAPH_MAX

    trace = corpus_kb.trace(seed_of(corpus_kb, STROKE_2013).id, limit=None)
    everything = corpus_kb.commitments(include_evidence=True)
    by_line: dict = {}
    for c in everything:
        by_line.setdefault((c.doc_id, c.line), []).append(c.id)
    shown = {i.commitment.id for i in trace.items} | {trace.seed.id}
    added = 0
    for p in trace.passages:
        for i in p.items:
            if "paragraph" in i.evidence:
                added += 1
                assert i.evidence["paragraph"] in {m.commitment.id for m in p.items}  # beside its sentence
                continue
            paragraph = by_line[(i.commitment.doc_id, i.commitment.line)]
            if len(paragraph) <= PARAGRAPH_MAX:
                assert set(paragraph) <= shown
    assert added > 0


def test_a_sentence_shown_for_its_paragraph_decides_only_by_its_own_words():
    """A past-tense sentence beside a linked one ("The new library opened in May") does not deliver
    the seed when its own words are about something else."""
    from kb.trace.tracer import TraceItem, choose_deciding

    meta = DocumentMeta("d2", title="Plan", date="2019-01-01")
    linked = TraceItem(Commitment("a", "d2", "commitment", "We will extend the memory clinic to Saturdays.", "S", None, 5),
                       meta, "restated", 0.6, {"signals": {"anchor": 1.0}, "report": "planned"})
    beside = TraceItem(Commitment("b", "d2", "evidence", "The new library opened in May.", "S", None, 5),
                       meta, "delivered", 0.54, {"paragraph": "a", "report": "done"})
    core = {"memori": 1.0, "clinic": 1.0, "saturday": 1.0}
    deciding = choose_deciding([linked, beside], core, "Open the memory clinic on Saturdays")
    assert deciding is linked


def _item(line: int, text: str, context: str = ""):
    from kb.model import Commitment
    from kb.trace.tracer import TraceItem

    return TraceItem(Commitment(f"c{line}", "d", "commitment", text, "S", None, line, context=context),
                     None, "restated", 0.5, {})


@pytest.mark.parametrize("context, intro", [
    ("RESOLVED that the CCGs are: a) Completing engagement", "RESOLVED that the CCGs are:"),
    ("a) Completing engagement", ""),                                  # no intro
    ("We will consult. a) Completing engagement", ""),                 # a sentence, not a list intro
])
def test_list_intro_from_context(context, intro):
    from kb.trace.tracer import list_intro

    assert list_intro(_item(1, "a) Completing engagement", context).commitment) == intro


def test_passage_text_gives_each_list_intro_once():
    from kb.trace.tracer import TracePassage

    intro = "RESOLVED that the CCGs are:"
    p = TracePassage([_item(1, "a) Engage", f"{intro} a) Engage"), _item(2, "b) Consult", f"{intro} b) Consult"),
                      _item(3, "Stroke services will move.")])
    assert p.text == f"{intro} / a) Engage / b) Consult / Stroke services will move."


def test_rows_between_links_stand_only_with_them():
    """Rows added for standing between two links join those links' passage; a run of them cut off
    from both by the passage length is not shown on its own."""
    from kb.trace.tracer import PASSAGE_MAX, linked_passages

    a, b = _item(1, "Open the memory clinic on Saturdays."), _item(12, "Extend the clinic to Sundays.")
    between = [_item(n, f"Row {n} of the table.") for n in range(2, 12)]
    for i in between:
        i.evidence["between"] = ["c1", "c12"]
    passages = linked_passages([a, *between, b])
    assert [len(p.items) for p in passages] == [PASSAGE_MAX, 12 - PASSAGE_MAX]
    assert all(any("between" not in i.evidence for i in p.items) for p in passages)
    alone = linked_passages(between[:3])
    assert alone == []


def test_link_types_are_explained(corpus_kb):
    seed = seed_of(corpus_kb, STROKE_2013)
    trace = corpus_kb.trace(seed.id, limit=None)
    kinds = {i.link_type for i in trace.items}
    assert {"related", "restated", "progress"} <= kinds
    later = [i for i in trace.items if i.commitment.doc_id != seed.doc_id]
    assert all(i.link_type != "related" for i in later)


def test_threads_have_status_and_span(corpus_kb):
    threads = corpus_kb.threads()
    assert threads and {t["status"] for t in threads} <= {"delivered", "in progress", "revised", "restated",
                                                           "silent", "overdue"}
    multi = [t for t in threads if len(t["docs"]) >= 3]
    assert multi and all(t["first"] <= t["last"] for t in multi)
    stored = {c.thread_id for c in corpus_kb.commitments() if c.thread_id}
    assert {t["id"] for t in threads} <= stored
    # a status read from a later passage spans that passage's document, whoever's member it is
    docs = {c.id: c.doc_id for c in corpus_kb.commitments(include_evidence=True)}
    decided = [t for t in threads if t["deciding"]]
    assert decided and all(docs[t["deciding"]] in t["docs"] for t in decided)


def test_decisions_survive_rebuild_and_rejections_never_come_back(westmarch):
    kb, docs = westmarch
    seed = seed_of(kb, UNIT_2020)
    trace = kb.trace(seed.id)
    rejected = next(i for i in trace.items if i.commitment.doc_id != seed.doc_id)
    kb.link("reject", seed.id, rejected.commitment.id, "not the same unit")
    far = seed_of(kb, "We will plant two hundred trees")
    assert far.id not in {i.commitment.id for i in trace.items}
    kb.link("add", seed.id, far.id, "auditor judgement")
    kb.ingest([docs], rebuild=True)
    after = kb.trace(seed.id)
    ids = {i.commitment.id: i for i in after.items}
    assert rejected.commitment.id not in ids
    assert ids[far.id].decision == "added" and ids[far.id].note == "auditor judgement"
    log = [json.loads(x) for x in kb.decisions.path.read_text(encoding="utf-8").splitlines()]
    assert [d["action"] for d in log] == ["reject", "add"] and all(d["time"] and d["user"] for d in log)


def test_a_thread_s_status_is_what_its_trace_says(corpus_kb):
    """`kb threads` and `kb trace` never disagree: the stored status, reason and deciding passage of
    a thread are those the trace of its root gives (kb.trace.settle), read here for every fifth one
    of the threads with a later document to read them from."""
    newest = max(d.meta.date for d in corpus_kb.documents())
    dates = {d.meta.id: d.meta.date for d in corpus_kb.documents()}
    by_id = {c.id: c for c in corpus_kb.commitments()}
    threads = [t for t in corpus_kb.threads() if dates[by_id[t["root"]].doc_id] < newest]
    assert len(threads) > 300
    for t in threads[::5]:
        trace = corpus_kb.trace(t["root"])
        assert (t["status"], t["reason"], t["deciding"]) == \
            (trace.status, trace.status_reason, trace.deciding.id if trace.deciding else None), t["root"]
        assert by_id[t["root"]].status == t["status"]


def test_an_auditor_s_decision_reaches_the_thread_s_status_at_the_next_ingest(westmarch):
    """A rejected deciding passage no longer decides the thread once `kb ingest` has run, even with
    no document changed: the statuses were settled with the decisions log as it was."""
    kb, docs = westmarch
    t = next(t for t in kb.threads() if t["deciding"] and t["deciding"] != t["root"])
    kb.link("reject", t["root"], t["deciding"], "speaks of another service")
    # the rejected passage neither decides the status nor returns to the trace as a passage the
    # links did not reach (it reports the unit open, the very words of the seed)
    rejected = kb.trace(t["root"])
    assert rejected.deciding is None or rejected.deciding.id != t["deciding"]
    assert t["deciding"] not in {i.commitment.id for i in rejected.items}
    kb.ingest([docs])
    after = next(x for x in kb.threads() if x["id"] == t["id"])
    trace = kb.trace(t["root"])
    assert after["deciding"] != t["deciding"]
    assert (after["status"], after["deciding"]) == (trace.status, trace.deciding.id if trace.deciding else None)
    assert_index_holds_the_stored_statuses(kb)
    # settled once: the next ingest has nothing to do
    assert not kb.ingest([docs]).ingested and kb.store.get_meta("statuses") == kb._statuses_stamp()


def assert_index_holds_the_stored_statuses(kb: KnowledgeBase) -> None:
    """The search index's `status:` field says what the store says of every record (the index is
    built before statuses are settled, and again only when a record's status moved)."""
    stored: dict[str, set[str]] = {}
    for c in kb.commitments(include_evidence=True):
        stored.setdefault(c.status, set()).add(c.id)
    assert stored.keys() - {""}
    for status, ids in stored.items():
        if status:
            assert set(kb.matching_ids(status=status, include_evidence=True)) == ids, status


def test_statuses_stamp_follows_the_decisions_log(tmp_path):
    from kb.trace.settle import statuses_stamp

    log = tmp_path / "decisions.jsonl"
    empty = statuses_stamp("code", log)
    log.write_text("", encoding="utf-8")
    assert statuses_stamp("code", log) == empty  # a missing log is an empty one
    log.write_text('{"action": "reject"}\n', encoding="utf-8")
    assert statuses_stamp("code", log) != empty
    assert statuses_stamp("other code", log) != statuses_stamp("code", log)


CONSULTATION = "Consultation on new stroke pathway."


def confirm_then_reword(kb: KnowledgeBase, docs: Path, note: str, file: str, old: str, new: str,
                        more: tuple[tuple[str, str], ...] = ()):
    """Confirm the 2013 stroke commitment's link to the STP consultation, then re-word `old` in
    `file` (and each (old, new) of `more`) and re-ingest: returns (seed, target) as they were when
    the decision was made."""
    seed = seed_of(kb, STROKE_2013)
    target = next(c for c in kb.commitments() if c.text == CONSULTATION)
    kb.link("confirm", seed.id, target.id, note)
    path = docs / file
    text = path.read_text(encoding="utf-8")
    for was, now in ((old, new), *more):
        text = text.replace(was, now)
    path.write_text(text, encoding="utf-8")
    kb.ingest([docs])
    return seed, target


STP = "2016-10_cw-stp_sustainability-transformation-plan.txt"
EDUCATION = "Implement plan for public education around U&EC."
EDUCATION_REWORDED = "Launch the plan for public education around U&EC."
REPLACED = "Review the estates strategy for community hospitals."


@dataclass
class Decided:
    """A copy of the three-document knowledge base after two decisions and a re-ingest of a changed
    STP, shared by the tests that only read it (each re-ingest parses the STP again): one confirmed
    passage replaced (orphaned), the other reworded in place (suspect)."""

    kb: KnowledgeBase
    seed: Commitment  # the 2013 stroke commitment, as it was when the decisions were made
    target: Commitment  # the STP consultation the seed's link to was confirmed (then replaced)
    education: Commitment  # the STP public-education plan the seed's link to was confirmed (then reworded)


@pytest.fixture(scope="module")
def replaced_kb(three_doc_template, tmp_path_factory) -> Decided:
    """The seed's links to the STP consultation and to its public-education plan confirmed, then the
    consultation replaced by another sentence and the education plan reworded in place: one
    orphaned decision and one suspect."""
    kb, docs = copy_three_doc_kb(three_doc_template, tmp_path_factory.mktemp("replaced"))
    seed = seed_of(kb, STROKE_2013)
    education = next(c for c in kb.commitments() if c.text == EDUCATION)
    kb.link("confirm", seed.id, education.id, "educate")
    seed, target = confirm_then_reword(kb, docs, "the STP consults on it", STP, CONSULTATION, REPLACED,
                                       more=((EDUCATION, EDUCATION_REWORDED),))
    return Decided(kb, seed, target, education)


def test_confirmed_link_to_changed_text_is_flagged_suspect(replaced_kb):
    kb, seed = replaced_kb.kb, replaced_kb.seed
    education = replaced_kb.education
    after = kb.trace(seed.id)
    flagged = [i for i in after.items if i.decision == "suspect"]
    assert [i.commitment.text for i in flagged] == [EDUCATION_REWORDED]
    assert flagged[0].note == "educate"
    assert all(i.commitment.id != education.id for i in after.items)
    assert [i.commitment.text for i in after.items].count(EDUCATION_REWORDED) == 1


def test_the_replaced_documents_statuses_reach_the_search_index(replaced_kb):
    assert_index_holds_the_stored_statuses(replaced_kb.kb)


WESTMARCH_2020 = """Westmarch Health Plan 2020-23

Stroke care

We will open a stroke rehabilitation unit in Westmarch by March 2022.
We will recruit six stroke nurses by 2021.

Carers

We will publish a carers' strategy by December 2020.
"""
WESTMARCH_2023 = """Westmarch Health Plan 2023-26

Stroke care

The stroke rehabilitation unit opened in Westmarch in May 2022.
We will extend the unit's hours to weekends by 2024.

Parks

We will plant two hundred trees in Westmarch parks.
"""


WESTMARCH_FILES = ("2020-01_westmarch_health-plan.txt", "2023-01_westmarch_health-plan.txt")
UNIT_2020 = "We will open a stroke rehabilitation unit"
UNIT_OPENED = "The stroke rehabilitation unit opened"


@pytest.fixture()
def westmarch(tmp_path) -> tuple[KnowledgeBase, Path]:
    """Two invented plans of one area, three years apart, ingested (a few seconds): the 2020 plan's
    stroke unit is reported open in 2023, so its thread is decided by a later passage."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in zip(WESTMARCH_FILES, (WESTMARCH_2020, WESTMARCH_2023), strict=True):
        (docs / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "idx", tmp_path / "decisions.jsonl")
    assert kb.ingest([docs]).ingested
    return kb, docs


def test_a_reingest_that_moves_no_status_builds_the_search_index_once(westmarch, monkeypatch):
    """The new threads carry the statuses they were settled with into the first index build, so
    settling them again (to the same statuses) does not build the index a second time; when a
    status moves, the index is built again and says what the store says."""
    from kb.index import build

    kb, docs = westmarch
    later = docs / WESTMARCH_FILES[1]
    before = {c.id: c.status for c in kb.commitments(include_evidence=True)}
    assert "delivered" in before.values()
    builds = []
    original = build.build_index

    def counted(*args, **kwargs):
        builds.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "build_index", counted)
    later.write_text(WESTMARCH_2023.replace("two hundred trees", "three hundred trees"), encoding="utf-8")
    assert kb.ingest([docs]).ingested
    after = {c.id: c.status for c in kb.commitments(include_evidence=True)}
    assert {i: s for i, s in after.items() if i in before} == {i: s for i, s in before.items() if i in after}
    assert len(builds) == 1
    assert_index_holds_the_stored_statuses(kb)
    # the unit reported open no more: the seed's status moves, and the index is built again
    later.write_text(WESTMARCH_2023.replace("The stroke rehabilitation unit opened in Westmarch in May 2022.\n", ""),
                     encoding="utf-8")
    assert kb.ingest([docs]).ingested
    assert "delivered" not in {c.status for c in kb.commitments(include_evidence=True)}
    assert len(builds) == 3
    assert_index_holds_the_stored_statuses(kb)


def test_confirmed_link_survives_a_change_to_the_seeds_own_wording(westmarch):
    """The decision names the seed by its old id; the re-worded seed still shows the link, as suspect."""
    kb, docs = westmarch
    seed = seed_of(kb, UNIT_2020)
    target = next(c for c in kb.commitments(include_evidence=True) if c.text.startswith(UNIT_OPENED))
    kb.link("confirm", seed.id, target.id, "same commitment")
    plan = docs / WESTMARCH_FILES[0]
    plan.write_text(WESTMARCH_2020.replace("We will open", "We will build"), encoding="utf-8")
    kb.ingest([docs])
    reworded = seed_of(kb, UNIT_2020.replace("open", "build"))
    assert reworded.id != seed.id
    linked = [i for i in kb.trace(reworded.id).items if i.commitment.id == target.id]
    assert [(i.decision, i.note) for i in linked] == [("suspect", "same commitment")]


def test_cli_trace_threads_link_matrix(three_doc_kb, capsys):
    kb, _ = three_doc_kb
    idx, dec = str(kb.index_dir), str(kb.decisions.path)
    seed = seed_of(kb, STROKE_2013)
    assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and {"link_type", "score", "evidence", "decision", "id", "doc_id", "text"} <= set(rows[0])
    assert main(["--index", idx, "--decisions", dec, "link", "confirm", seed.id, rows[-1]["id"], "--note", "ok"]) == 0
    assert "recorded" in capsys.readouterr().err
    assert main(["--index", idx, "threads", "--status", "silent", "--format", "jsonl"]) == 0
    threads = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert threads and all(t["status"] == "silent" for t in threads)
    assert main(["--index", idx, "matrix"]) == 0
    import csv
    import io

    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0][:5] == ["id", "text", "thread status", "deciding passage", "2016-10_cw-stp_sustainability-"
                            "transformation-plan"] and len(table) > 50
    cells = [cell for row in table[1:] for cell in row[4:] if cell]
    # A cell reads as a working paper: link type, what the passage reports, its text, its id.
    assert cells and all(": " in c and c.rstrip().endswith("]") for c in cells)
    assert all(row[2] for row in table[1:]) and any(row[3] for row in table[1:])
    assert main(["--index", idx, "trace", "nope"]) == 1
    assert "no commitment with id 'nope'" in capsys.readouterr().err
    assert main(["--index", idx, "--decisions", dec, "link", "confirm", seed.id, seed.id]) == 2


@pytest.mark.parametrize("damage, bad_line, why", [
    (b'{"time": "2026-01-01T10:00:00+0000", "user": "a", "action": "conf', 2, "damaged"),  # crash mid-append
    (b'this is not json\n', 2, "damaged"),                                                # a garbage line
    (b'{"action": "confirm", "a": "x", "b": "y", "note": "caf\xe9"}\n', 2, "not UTF-8"),  # a latin-1 hand edit
])
def test_a_damaged_decisions_log_never_swallows_the_next_decision(three_doc_kb, capsys, damage, bad_line, why):
    kb, _ = three_doc_kb
    idx, dec = str(kb.index_dir), str(kb.decisions.path)
    seed = seed_of(kb, STROKE_2013)
    assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    first, second = rows[0]["id"], rows[-1]["id"]
    assert main(["--index", idx, "--decisions", dec, "link", "confirm", seed.id, first, "--note", "one"]) == 0
    with open(dec, "ab") as fh:
        fh.write(damage)
    capsys.readouterr()
    assert main(["--index", idx, "--decisions", dec, "link", "confirm", seed.id, second, "--note", "two"]) == 0
    assert "recorded" in capsys.readouterr().err
    assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    members = {m["id"]: m["decision"] for r in map(json.loads, out.splitlines()) for m in r["members"]}
    assert members[first] == "confirmed" and members[second] == "confirmed"
    assert len(err.splitlines()) == 1, err  # reported once, on one line, by line number
    assert err.startswith(f"kb: decisions log {dec} line {bad_line} is {why}") and err.endswith("and was ignored\n")
    log = Path(dec).read_bytes()
    assert log.endswith(b"\n") and log.count(b"\n") == 3  # the damaged line stays, on a line of its own


def test_a_hand_edited_last_line_without_its_newline_is_kept(three_doc_kb):
    kb, _ = three_doc_kb
    seed = seed_of(kb, STROKE_2013)
    a, b = (i.commitment for i in kb.trace(seed.id).items[:2])
    kb.link("confirm", seed.id, a.id, "one")
    path = kb.decisions.path
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    kb.link("reject", seed.id, b.id, "two")
    assert [d.note for d in kb.decisions.read()] == ["one", "two"]


def test_a_reworded_confirmed_passage_keeps_its_decision_and_shows_what_was_confirmed(replaced_kb, capsys):
    """Reworded in place, the confirmed passage keeps the confirmation (suspect), with the confirmed
    text beside the current one; a passage elsewhere with more words in common does not take it."""
    kb, seed = replaced_kb.kb, replaced_kb.seed
    after = kb.trace(seed.id)
    decided = [i for i in after.items if i.decision]
    assert [(i.commitment.text, i.decision, i.note, i.decided_text) for i in decided] == [
        (EDUCATION_REWORDED, "suspect", "educate", EDUCATION)]
    idx, dec = str(kb.index_dir), str(kb.decisions.path)
    for fmt in ("jsonl", "csv"):
        assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", fmt]) == 0
        out = capsys.readouterr().out
        if fmt == "jsonl":
            rows = [r for r in map(json.loads, out.splitlines()) if r["decision"] and r["link_type"] != "orphaned"]
            assert [(r["decision"], r["decided_text"], r["note"]) for r in rows] == [("suspect", EDUCATION, "educate")]
            assert EDUCATION_REWORDED in rows[0]["text"]
        else:
            import csv
            import io

            rows = [r for r in csv.DictReader(io.StringIO(out)) if r["decision"] and r["link_type"] != "orphaned"]
            assert [(r["decision"], r["decided_text"]) for r in rows] == [("suspect", EDUCATION)]
    assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert "suspect" in table and f"decided on: {EDUCATION}" in " ".join(table.split())


def test_a_replaced_confirmed_passage_is_an_orphaned_decision_not_moved(replaced_kb, capsys):
    kb, seed, target = replaced_kb.kb, replaced_kb.seed, replaced_kb.target
    after = kb.trace(seed.id)
    # On no other passage: the only decision shown is the reworded education plan's (suspect).
    assert [(i.commitment.text, i.decision) for i in after.items if i.decision] == [(EDUCATION_REWORDED, "suspect")]
    assert [(o.id, o.text, o.decision, o.note) for o in after.orphans] == [
        (target.id, CONSULTATION, "confirmed", "the STP consults on it")]
    idx, dec = str(kb.index_dir), str(kb.decisions.path)
    assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", "jsonl"]) == 0
    rows = [r for r in map(json.loads, capsys.readouterr().out.splitlines()) if r["link_type"] == "orphaned"]
    assert [(r["id"], r["text"], r["decision"], r["doc_id"]) for r in rows] == [
        (target.id, CONSULTATION, "confirmed", STP.removesuffix(".txt"))]
    assert main(["--index", idx, "--decisions", dec, "trace", seed.id, "--format", "table"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "passages that are gone" in table and f"confirmed {STP[:18]} “{CONSULTATION}”" in table


@pytest.mark.parametrize("old, new, closeness", [
    ("Consultation on new podiatry pathway", "Launch a public consultation on new podiatry pathway", (0.7, 0.9)),
    ("Consultation on new podiatry pathway", "Review the estates strategy for community hospitals", (0.0, 0.1)),
    ("We will open two clinics by 2025", "We will open three clinics by 2026", (0.6, 0.8)),
])
def test_text_closeness(old, new, closeness):
    from kb.trace.tracer import text_closeness

    assert closeness[0] <= text_closeness(old, new) <= closeness[1]


async def test_the_app_trace_screen_shows_suspect_and_orphaned_decisions(replaced_kb):
    from rich.markup import escape
    from textual.widgets import Static

    from kb.app.app import KbApp
    from kb.app.trace_screen import TraceItemView, TraceScreen

    kb, seed = replaced_kb.kb, replaced_kb.seed
    app = KbApp(kb, show_timings=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(TraceScreen(kb, seed.id))
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, TraceScreen) and app.screen.trace is not None:
                break
        await pilot.pause(0.2)
        views = [v for v in app.screen.query(TraceItemView) if v.item.decision]
        bodies = [str(v.query_one(Static).content) for v in views]
        assert len(bodies) == 1 and "suspect" in bodies[0] and f"decided on:[/] [dim]{escape(EDUCATION)}" in bodies[0]
        status = str(app.screen.query_one("#trace-status", Static).content)
        assert f"confirmed, passage gone:[/] “{escape(CONSULTATION)}”" in status and "consults" in status


def test_an_unwritable_decisions_log_is_one_line_and_records_nothing(three_doc_kb, tmp_path, capsys):
    kb, _ = three_doc_kb
    seed = seed_of(kb, STROKE_2013)
    other = next(i for i in kb.trace(seed.id).items).commitment
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for dec in (tmp_path / "a-file" / "decisions.jsonl", tmp_path):  # under a file; a folder
        status = main(["--index", str(kb.index_dir), "--decisions", str(dec), "link", "confirm", seed.id, other.id])
        err = capsys.readouterr().err
        assert status == 1 and err.startswith(f"kb: cannot write the decisions log {dec}: ") and err.count("\n") == 1
        assert "Traceback" not in err and "nothing was recorded" in err


# ------------------------------------------------------------------------------ area words
@pytest.mark.parametrize("organisation, words", [
    ("Northshire and Riverton CCG", ["Northshire", "Riverton", "NRCCG"]),
    ("Riverton City Council", ["Riverton", "RCC"]),
    ("Northshire Health and Wellbeing Board", ["Northshire", "NHWB"]),
    ("Hillside NHS Foundation Trust", ["Hillside", "HFT"]),
    ("NHS England", []),  # no place, no body type: a national body
    ("", []),
])
def test_area_words_come_from_a_body_s_name(organisation: str, words: list[str]) -> None:
    from kb.sources.metadata import area_words

    assert area_words(organisation) == words


def test_a_collection_s_place_names_do_not_link_passages() -> None:
    from kb.trace.features import Vectoriser, area_terms, cosine

    ignore = area_terms(["Northshire and Riverton CCG"])
    texts = ["Northshire will open a stroke unit.", "Northshire will expand the NRCCG school nursing offer.",
             "Falls clinics will open in Riverton."]
    plain, aware = Vectoriser(texts), Vectoriser(texts, ignore)
    a, b = texts[0], texts[1]
    assert cosine(plain.vector(a), plain.vector(b))[0] > 0  # the place alone made a link
    assert cosine(aware.vector(a), aware.vector(b)) == (0.0, [])


def test_no_place_of_the_bundled_area_is_in_the_code() -> None:
    """The bundled corpus's places are data (corpus/gazetteer.toml, the documents' authors): no
    module names them, as words or as the index's stems of them."""
    from kb.extract.gazetteer import load_gazetteer
    from kb.trace.features import _terms

    root = Path(__file__).resolve().parent.parent
    gaz = load_gazetteer(root / "corpus" / "gazetteer.toml")
    places = {w for w in gaz.area if w.isalpha()}
    forms = {f.lower() for w in places for f in (w, *_terms(w))}
    code = "\n".join(p.read_text(encoding="utf-8").lower() for p in (root / "kb").rglob("*.py"))
    import re

    assert places and sorted(f for f in forms if re.search(rf"(?<![a-z]){re.escape(f)}", code)) == []


@pytest.mark.parametrize(("text", "absent", "present"), [
    ("Providers agree a new model of falls care (Dec 2026)", {"dec"}, {"fall"}),
    ("Outstanding items and next steps: the falls service", {"outstand", "item", "step"}, {"fall"}),
    ("Review the sight loss pathway by March, week 2 of quarter 3", {"march", "week", "quarter"}, {"sight"}),
    ("Next steps: agree the hearing loss service over the next year", {"next"}, {"hear"}),
    ("Key deliverables: a hearing loss service", {"deliver"}, {"hear"}),
    # the parts a specification is written in say where a passage stands, not what it is about
    ("Aims and objectives of the service: fewer falls", {"aim", "object"}, {"fall"}),
    ("Scope, purpose and context of the hearing service", {"scope", "purpos", "context"}, {"hear"}),
    # nor does grammar: a relative pronoun, a determiner, an auxiliary, a modal
    ("those who have had a fall, each of whom was seen", {"who", "whom", "each", "wa", "had"}, {"fall"}),
    ("Falls clinics can open and should stay open", {"can", "should"}, {"fall"}),
    # nor the words that frame a statement: attitude, quantity and order, evaluation, light verbs
    ("We are confident of a realistic timetable for the ferry over the next few months",
     {"confid", "realist", "few"}, {"timet", "ferri"}),
    ("On that basis we will put together a clear desire to hold the first ferry review",
     {"basi", "put", "clear", "desir", "hold", "first"}, {"ferri"}),
    ("Dear Minister, yours sincerely, the ferry board", {"dear", "sincer"}, {"ferri"}),
    # nor English grammar made of content words: complex prepositions, adverbs of accompaniment
    ("In line with the guidance, and in order to work alongside the ferry board in relation to fares",
     {"line", "order", "alongsid", "relat"}, {"ferri", "fare"}),
    ("As well as the ferry, in respect of tolls, on behalf of residents, working together",
     {"respect", "behalf", "togeth"}, {"ferri", "toll", "resid"}),
    ("Please see the attached note and the enclosed map of the ferry route", {"attach", "enclos"}, {"ferri", "rout"}),
    # nor a word whose stem a topic noun shares: "emerging" is not emergency, "actively" not activity
    ("An emerging consensus, actively considered, will emerge on the ferry", {"emerg", "activ"}, {"ferri", "consensu"}),
    ("Emergency admissions and physical activity", set(), {"emerg", "admit", "activ"}),
    # nor an idiom whose noun is a topic elsewhere
    ("Ferry users at the heart of our plans, in the long term, in due course, in the light of a track record",
     {"heart", "long", "due", "light", "track", "record"}, {"ferri", "user"}),
    ("The minutes of the last meeting were signed as a true record of the ferry board",
     {"record"}, {"ferri", "minut"}),
    ("Heart failure nurses for long term conditions keep records", set(), {"heart", "long", "record"}),
    ("Their work centres on ferry users, care centred around them", {"centr"}, {"ferri", "user"}),
    ("Working with the Ferry Centres on their review", set(), {"ferri", "centr"}),
    # nor the words for an area of any size: they say where, as "area" does
    ("A ferry service across the footprint, the county and the city, in every borough",
     {"footprint", "counti", "citi", "borough"}, {"ferri"}),
    ("The ferry options were considered and are put forward for consideration", {"consid", "consider"}, {"ferri"}),
    # nor the steps of a plan's cycle, verbs of motion, adverbs of place and number words
    ("Implement and update the ferry timetable, complete and confirm it as usual",
     {"implement", "updat", "complet", "confirm", "usual"}, {"ferri", "timet"}),
    ("Bring forward five ferry options around the bay, above all to address multiple tolls",
     {"bring", "forward", "five", "around", "abov", "address", "multipl"}, {"ferri", "bay", "toll"}),
])
def test_dates_and_document_furniture_are_no_topic_terms(text, absent, present):
    from kb.trace.features import terms

    found = set(terms(text))
    assert not found & absent
    assert all(any(t.startswith(p) for t in found) for p in present)  # the topic itself stays


def shared_with_later(seed_text: str, later_text: str, acronyms: dict[str, dict[str, str]]) -> list[str]:
    """The terms a 2014 plan's passage shares with a 2016 plan's (documents "a" and "b", five filler
    passages beside the later one), with the acronyms each document defines."""
    from kb.model import DocumentMeta
    from kb.trace.signals import Signals

    metas = {"a": DocumentMeta("a", title="Plan", date="2014-01-01"), "b": DocumentMeta("b", title="Plan", date="2016-01-01")}
    seed = Commitment("s", "a", "commitment", seed_text, "", None, 1)
    later = Commitment("l", "b", "commitment", later_text, "", None, 9)
    other = [Commitment(f"o{n}", "b", "commitment", f"Filler passage number {n} about roads", "", None, 20 + n)
             for n in range(5)]
    sig = Signals([seed, later, *other], metas, acronyms=acronyms)
    return sig.features(seed, sig.topic("s"), later)[1]


def test_a_passage_that_writes_only_the_letters_shares_the_seed_s_words():
    """A document's own acronyms are spelt out for linking: "E&T: a review of budgets" shares the topic
    of a seed that names "Education and Training", when that document defines E&T (and not else,
    since the same letters name other things elsewhere)."""
    for acronyms, shares in (({"b": {"E&T": "Education & Training"}}, True), ({}, False)):
        shared = shared_with_later("More places on education and training courses for carers",
                                   "E&T: a review of the courses for carers", acronyms)
        assert ("train" in shared) is shares


def test_a_long_form_written_alone_shares_the_letters_another_document_defines():
    """One plan defines "hearing support liaison officers (HSLOs)" and writes "HSLOs" after; a later
    one writes only the long form: the later passage holds the seed's HSLO term too, though its own
    document defines nothing."""
    for acronyms, shares in (({"a": {"HSLOs": "hearing support liaison officers"}}, True), ({}, False)):
        shared = shared_with_later("Recruit HSLOs for every audiology clinic",
                                   "Hearing support liaison officers now work in two clinics", acronyms)
        assert any(t.startswith("hslo") for t in shared) is shares, shared


@pytest.mark.parametrize("typeset, plain", [("Musculo–skeletal pathway", "Musculo-skeletal pathway"),
                                            ("a multi—agency hub", "a multi-agency hub")])
def test_a_dash_typeset_between_letters_is_a_hyphen(typeset, plain):
    """A PDF's export writes hyphens as dashes: the same terms and thesaurus concepts either way, and
    "multi–agency" is no "agency"."""
    from kb.index.thesaurus import Thesaurus
    from kb.trace.features import terms

    assert terms(typeset) == terms(plain) and "agenc" not in terms(typeset)
    assert Thesaurus().concepts_in(typeset) == Thesaurus().concepts_in(plain)


@pytest.mark.parametrize(("acronym", "long_form", "spelt"), [
    ("MSK", "Musculoskeletal", False),  # the thesaurus reads both as one concept: nothing to add
    ("MH", "Mental Health", False),
    ("E&T", "Education & Training", True),  # the letters give no term: spelt out
    ("LTC", "Long Term Conditions", True),  # the letters are a term of their own, not the long form's
])
def test_an_acronym_the_thesaurus_already_reads_is_not_spelt_out(acronym, long_form, spelt):
    from kb.trace.signals import spelt_apart

    assert (acronym in spelt_apart({acronym: long_form})) is spelt


def test_a_label_spelt_out_does_not_count_its_concept_twice():
    """"MSK: redesign the back pain pathway" in a document defining MSK weighs its concept as once
    written, so the label does not outweigh what the passage is about."""
    from kb.model import DocumentMeta
    from kb.trace.signals import Signals

    metas = {"a": DocumentMeta("a", title="Plan", date="2014-01-01")}
    seed = Commitment("s", "a", "commitment", "MSK: redesign the back pain pathway", "", None, 1)
    other = [Commitment(f"o{n}", "a", "commitment", f"Filler passage {n} on musculoskeletal roads", "", None, 20 + n)
             for n in range(5)]
    plain = Signals([seed, *other], metas).own_vector("s")
    spelt = Signals([seed, *other], metas, acronyms={"a": {"MSK": "Musculoskeletal"}}).own_vector("s")
    assert spelt == plain


@pytest.mark.parametrize(("section", "nearest"), [
    ("Carers › Next steps", "Carers"),  # a template's slot under each topic: the topic is the heading above
    ("Sight loss services › Outstanding items", "Sight loss services"),
    ("Sight loss services › 2019/20", "2019/20"),  # a row's own date or number: its group stays outer
    ("Housing › 4.3", "4.3"),
    ("Our vision › P&E", "P&E"),  # a workstream's letters name it
    ("Our vision › PC workstream", "PC workstream"),
    ("Carers › NEXT STEPS FOR THE YEAR", "Carers"),  # capitals, not letters of a name
    ("Housing › Falls prevention", "Falls prevention"),  # a heading that names something is the nearest
    ("2019/20", "2019/20"),  # nothing above it: it stays, and weighs nothing
])
def test_the_nearest_heading_that_names_something_weighs_as_the_nearest(section, nearest):
    from kb.trace.context import WEIGHTS, structure_of

    c = Commitment("c", "d", "commitment", "Agree the plan with partners", section, None, 3)
    parts = structure_of(c).parts()
    assert (nearest, WEIGHTS["heading"]) in parts
    assert all(w < WEIGHTS["heading"] for t, w in parts if t != nearest)
