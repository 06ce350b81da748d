"""A long text export is extracted a piece per task on every core (issue 11 item 11, issue 12 speed).

The pieces go to worker processes, each extracted on its own from the state the blocks before it
leave; the records must be those of a serial parse (same ids, texts, kinds, dates, owners, parents,
reports), pieces must start only where the layout starts afresh (never inside a sentence, a list or
a table, and with their heading path), and a piece's failure fails its file in one line.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import kb.ingest as ingest
from kb.api import IngestReport
from kb.extract.pipeline import Extractor, commitment_id, renumber
from kb.model import Block, Commitment
from kb.sources.stream import open_text

LONG = ("The partnership will extend the community falls service to every practice in the north of the "
        "county during the coming year.")
_TOPICS = ("Prevention", "Recovery", "Access", "Workforce")


def _plan(sections: int = 4) -> str:
    """A plan of sections whose long paragraphs let pieces start inside them, each with a list under
    its lead-in, an action table with a lead column, repeated sentences (ids count repeats across
    the whole file) and a board resolution whose items follow a long paragraph."""
    out = ["Integrated care delivery plan 2021/22", "", "Northshire Clinical Commissioning Group", "",
           "Medium term: actions to be finished in the second half of the plan (by March 2023)", ""]
    for s in range(sections):
        out += [f"PRIORITY {s + 1}: {_TOPICS[s % 4].upper()}", "", f"{_TOPICS[s % 4]} priorities for 2022/23", ""]
        out += [f"{LONG[:-1]} in phase {s + 1}.", ""]
        if s % 2 == 0:  # a section's lead, for the items under it that name no owner (across pieces)
            out += ["Leadership for this priority resides with the Northshire Health and Wellbeing Board, which "
                    "meets every quarter to review the plan.", "", "- Review the falls pathway by March 2023", ""]
        out += ["Over the next year Northshire County Council will:",
                f"- open a frailty hub in Ashby by March 2022 (step {s})",
                "- recruit ten district nurses by June 2022", f"- extend the falls service to care home {s}  Medium term", ""]
        out += ["Action\tLead\tTimescale\tProgress",
                f"Review the stroke pathway {s}\tRiverside NHS Foundation Trust (RFT)\tQ3 2021/22\t"
                "The first review was completed in May 2021 with the clinical network.",
                "Publish the carers strategy\tPublic Health\tDecember 2022\tDrafting has begun.", ""]
        for k in range(2):
            out += [f"The trust will redesign the memory clinic with carers and publish the results of that work "
                    f"by December 2022, as agreed with the board ({k}).", ""]
        out += ["RESOLVED that:", "",
                "The committee considered the report at length and members asked about the timetable for "
                "the consultation on the new pathway in the coming months.", "",
                "- the delivery plan be approved", "- RFT report progress to the board in September 2022", ""]
        out += ["Last year the service saw more patients than in any year before, and waiting times fell by a "
                "quarter across the whole of the area.", ""]
    return "\n".join(out)


def _fields(records: list[Commitment]) -> list[tuple]:
    return [(r.id, r.kind, r.text, r.owners, r.owner_source, [d.to_dict() for d in r.due], r.section, r.parent_id,
             r.line, r.confidence, r.context, r.evidence, r.reported, r.themes) for r in records]


def _parse(path: Path, jobs: int) -> tuple[list[Commitment], dict[str, str], int, IngestReport]:
    report = IngestReport()
    records, reports, parts = [], {}, 0
    for part in ingest.parse_files([(path, "digest")], {}, report, jobs=jobs):
        records += part.records
        reports.update(part.reports)
        parts += 1
    return records, reports, parts, report


@pytest.fixture
def plan(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "2021_ccg_delivery-plan.txt"
    path.write_text(_plan(), encoding="utf-8")
    monkeypatch.setenv("KB_PIECE_LINES", "20")  # read by this process, which cuts the pieces
    monkeypatch.setattr(ingest, "CHUNK_FILE_BYTES", 0)
    return path


def test_pieces_extracted_in_worker_processes_give_the_records_of_a_serial_parse(plan):
    serial, serial_reports, serial_parts, _ = _parse(plan, jobs=1)
    chunked, chunked_reports, chunked_parts, report = _parse(plan, jobs=2)
    assert not report.failed
    assert chunked_parts == serial_parts > 4
    assert _fields(chunked) == _fields(serial)
    assert chunked_reports == serial_reports
    # what the comparison covers: repeated texts (ids count repeats across pieces), owners from a
    # lead column and from a lead-in, parents of table rows, dates, resolutions
    assert len({r.id for r in serial}) == len(serial)
    assert Counter(r.text for r in serial).most_common(1)[0][1] >= 4
    assert any(r.owner_source == "field" for r in serial) and any(r.owner_source == "intro" for r in serial)
    assert any(r.parent_id for r in serial) and any(r.due for r in serial)
    assert any(r.kind == "decision" for r in serial)
    # the plan's own key to "medium term", read from the whole file, dates the items of every piece
    termed = [r for r in serial if r.text.endswith("Medium term")]
    assert len(termed) == 4 and all([(d.start, d.end) for d in r.due] == [(None, "2023-03-31")] for r in termed)
    # a section's lead read before a piece starts is in the state that piece starts from
    stream = open_text(plan)
    cursor = Extractor(stream.doc, None, "", None)
    states = []
    for piece in stream.pieces():
        states.append(cursor.state())
        cursor.skip(piece)
    assert any(state[3] for state in states[1:])


def test_a_piece_boundary_never_splits_a_sentence_a_list_or_a_table(plan):
    from kb.sources import load_document

    pieces = list(open_text(plan).pieces())
    assert len(pieces) > 4
    # the pieces' blocks are the whole file's: no paragraph, list or table laid out differently
    assert [b for piece in pieces for b in piece] == load_document(plan).blocks
    rows: dict[str, int] = {}
    for k, piece in enumerate(pieces):
        for b in piece:
            if b.row_key:
                assert rows.setdefault(b.row_key, k) == k  # a table row (or action block) in one piece
        if k:
            first, before = piece[0], pieces[k - 1][-1]
            assert first.kind == "paragraph" and first.text[0].isupper() and first.line > before.line + 1
            assert first.section == before.section  # the heading path carries across the boundary
            assert first.section and first.section[0].startswith("PRIORITY")


def test_the_state_a_piece_starts_from_is_the_state_the_blocks_before_it_leave():
    """A board resolution runs on across a long paragraph, so it can span a piece boundary."""
    blocks = [Block("paragraph", "RESOLVED that:", 1, None, ("Minutes",)),
              Block("paragraph", LONG, 3, None, ("Minutes",)),
              Block("list_item", "the delivery plan be approved", 5, None, ("Minutes",), level=0),
              Block("heading", "Any other business", 7, None, ())]
    from kb.model import Document, DocumentMeta

    doc = Document(meta=DocumentMeta(id="minutes", title="Minutes"), path="minutes.txt", sha256="x",
                   source_kind="text", pages=None, blocks=[])
    walked = Extractor(doc, None, "", None)
    for k, b in enumerate(blocks):
        skipped = Extractor(doc, None, "", None)
        skipped.skip(blocks[:k])
        assert skipped.state() == walked.state()
        walked.skip([b])
    skipped = Extractor(doc, None, "", None)
    skipped.skip(blocks[:2])
    assert skipped.state() == (True, -1, 2, {}, {}, None, None, ({}, (), False))  # still in the resolution as its items start
    skipped.skip(blocks[2:])
    assert skipped.state() == (False, -1, 4, {}, {}, None, None, ({}, (), False))


def test_renumbering_gives_each_repeat_its_place_in_the_whole_document():
    def rec(text: str, occurrence: int, parent: str | None = None) -> Commitment:
        return Commitment(id=commitment_id("plan", text, occurrence), doc_id="plan", kind="commitment", text=text, section="",
                          page=None, line=1, parent_id=parent)

    first = [rec("Open the hub.", 1), rec("Review the pathway.", 1)]
    second = [rec("Open the hub.", 1), rec("open  the hub", 2)]  # the same words: the 2nd and 3rd repeat
    second.append(rec("Report progress.", 1, parent=second[0].id))
    occurrences: Counter[bytes] = Counter()
    renumber(first, "plan", occurrences)
    mapping = renumber(second, "plan", occurrences)
    assert [r.id for r in first] == [commitment_id("plan", "Open the hub.", 1), commitment_id("plan", "Review the pathway.", 1)]
    assert [r.id for r in second[:2]] == [commitment_id("plan", "Open the hub.", 2), commitment_id("plan", "open  the hub", 3)]
    assert second[2].parent_id == second[0].id and len(mapping) == 3


def test_a_piece_that_fails_fails_its_file_in_one_line(plan, monkeypatch):
    monkeypatch.setattr(ingest, "_piece_task", _failing_piece_task)
    _, _, _, report = _parse(plan, jobs=2)
    assert len(report.failed) == 1
    path, reason = report.failed[0]
    assert path == str(plan) and reason == "could not be parsed (ValueError: a parser bug)"


def _failing_piece_task(blocks, state):
    raise ValueError("a parser bug")


@pytest.mark.parametrize("jobs, cores, workers", [(None, 8, 2), (None, 2, 2), (3, 8, 3), (None, 1, None)])
def test_a_long_file_of_any_size_is_extracted_a_piece_per_worker_by_two_at_most(plan, monkeypatch, jobs, cores,
                                                                                 workers):
    """A long file goes a piece per task at any size (a 50 MB file too: memory no longer grows with
    the file), by at most LONG_FILE_JOBS workers (a parser each, ~350 MB: a 50 MB file stays under
    1 GB on a machine of any number of cores) unless --jobs names more; one core, one parser."""
    monkeypatch.setattr(ingest, "CHUNK_FILE_BYTES", plan.stat().st_size)  # the file is just long enough
    monkeypatch.setattr(ingest, "default_jobs", lambda: cores)
    seen: list[int] = []
    monkeypatch.setattr(ingest, "_chunked", lambda task, n, emit: seen.append(n) or iter(()))
    monkeypatch.setattr(ingest, "_serial", lambda tasks, emit: iter(()))
    monkeypatch.setattr(ingest, "_pooled", lambda tasks, n, emit: iter(()))
    list(ingest.parse_files([(plan, "digest")], {}, IngestReport(), jobs=jobs))
    assert seen == ([workers] if workers else [])
