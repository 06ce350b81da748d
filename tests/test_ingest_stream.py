"""A long text export is laid out and extracted a piece at a time (issue 11 item 11: bounded memory).

The pieces must give what the whole file gives: the same blocks, and the same records (ids, texts,
owners, due dates, sections); a piece that starts inside a section keeps its heading path; a file
that fails after some of its pieces were written leaves the store as it was; a piped ingest still
prints one line per file with its counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from kb.cli import main
from kb.ingest import parse_parts
from kb.layout.parse import starts_afresh
from kb.model import DueDate
from kb.sources import load_document
from kb.sources.stream import open_text

ROOT = Path(__file__).resolve().parent.parent

LONG = ("The partnership will extend the community falls service to every practice in the north of the county "
        "during the coming year.")


_NAMES = ("ONE", "TWO", "THREE", "FOUR")
_TOPICS = ("Prevention", "Recovery", "Access", "Workforce")  # distinct: a recurring line is a running header


def _plan(sections: int = 4) -> str:
    """A plan whose sections each hold a list with its intro, a small table and several long paragraphs."""
    out = ["Integrated care delivery plan 2021/22", "", "Brackenshire and Ashcombe Clinical Commissioning Group", ""]
    for s in range(sections):
        out += [f"CARE CLOSER TO HOME {_NAMES[s]}", "", f"{_TOPICS[s]} priorities for 2022/23", ""]
        out += [f"{LONG[:-1]} in phase {s + 1}.", ""]
        out += ["Over the next year we will:", f"- open a frailty hub in Ashcombe by March 2022 (step {s})",
                f"- recruit ten district nurses by June 2022 (step {s})", ""]
        out += ["Action\tLead\tTimescale\tProgress", f"Review the stroke pathway {s}\tCCG\tQ3 2021/22\t"
                "The first review was completed in May 2021 with the clinical network.", ""]
        for k in range(3):
            out += [f"The trust will redesign the memory clinic {s}-{k} with carers and publish the results "
                    f"of that work by December 2022, as agreed with the board.", ""]
        out += ["Last year the service saw more patients than in any year before, and waiting times fell "
                "by a quarter across the whole of the area.", ""]
    return "\n".join(out)


@pytest.mark.parametrize("prev, line, fresh", [
    ("A paragraph ends here.", LONG, True),
    ("Over the next year we will:", LONG, False),           # an intro leads into what follows
    ("Lead officer:", LONG, False),                          # a lone label takes the next paragraph
    ("A paragraph ends here.", "- " + LONG, False),          # a list item
    ("A paragraph ends here.", "Action\tLead\tWhen", False),  # a table row
    ("A paragraph ends here.", "Primary care networks", False),  # a heading
    ("A paragraph ends here.", "The board will meet in May.", False),  # short: could be a fragment
    ("A paragraph ends here.", "Note: " + LONG, False),      # a label
    ("A paragraph ends here.", "  " + LONG, False),          # indented: may continue a list item
    ("A paragraph ends here.", "and " + LONG.lower(), False),  # continues a sentence
])
def test_a_piece_starts_only_where_the_layout_starts_afresh(prev, line, fresh):
    assert starts_afresh(prev, line) is fresh


def test_pieces_give_the_blocks_of_the_whole_file(tmp_path):
    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(), encoding="utf-8")
    for path in (plan, ROOT / "corpus" / "2019_cw-hcp_five-year-plan_2019-24.txt"):
        stream = open_text(path, per_piece=20)
        assert len(stream.cuts) > 3
        assert [b for piece in stream.pieces() for b in piece] == load_document(path).blocks


def test_a_piece_that_starts_inside_a_section_keeps_its_heading_path(tmp_path):
    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(), encoding="utf-8")
    pieces = list(open_text(plan, per_piece=20).pieces())
    inside = [p for p in pieces if p[0].kind == "paragraph"]
    assert len(inside) >= 3
    for piece in inside:
        before = pieces[pieces.index(piece) - 1][-1]
        assert piece[0].section[0].startswith("CARE CLOSER TO HOME") and piece[0].section == before.section
        assert piece[0].scope_dates == before.scope_dates
    # the heading's period dates what it holds, across the boundary
    assert any(p[0].scope_dates == (DueDate(text="2022/23", start="2022-04-01", end="2023-03-31"),) for p in inside)


def _fields(records) -> list[tuple]:
    return [(r.id, r.kind, r.text, r.owners, [d.to_dict() for d in r.due], r.section, r.parent_id, r.line,
             r.confidence, r.context, r.evidence) for r in records]


def test_a_stream_keeps_one_string_a_piece_not_a_million_lines(tmp_path):
    """The text of a long file stays in memory as long as it is ingested: as one string a piece
    (about the file's size), never as a list of line objects (two to three times it)."""
    from kb.sources.text import read_text_lines

    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(4).replace("\n", "\r\n"), encoding="utf-8")
    stream = open_text(plan, per_piece=20)
    assert 3 < len(stream.texts) == len(stream.cuts)
    assert all(isinstance(t, str) and "\r" not in t for t in stream.texts)
    assert "\n".join(stream.texts).split("\n") == read_text_lines(plan)
    # each piece's lines keep their numbers in the file
    lines = read_text_lines(plan)
    for piece in stream.pieces():
        assert all(b.text.startswith(lines[b.line - 1].strip()[:30]) for b in piece if b.kind == "paragraph")


def test_pieces_give_the_records_of_the_whole_file(tmp_path, monkeypatch):
    from kb.extract.pipeline import extract

    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(3), encoding="utf-8")
    whole = extract(load_document(plan))
    monkeypatch.setenv("KB_PIECE_LINES", "20")
    parts = list(parse_parts(str(plan), "digest", {}))
    assert len(parts) > 3 and parts[0].first and parts[-1].last and not any(p.last for p in parts[:-1])
    streamed = [r for p in parts for r in p.records]
    assert _fields(streamed) == _fields(whole)
    assert any(r.owners for r in whole) and any(r.due for r in whole) and any(r.parent_id for r in whole)
    assert sorted(k for p in parts for k in p.reports) == sorted(r.id for r in whole)


def test_a_piped_ingest_of_a_file_in_pieces_prints_its_line_with_counts(tmp_path, capsys, monkeypatch):
    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(3), encoding="utf-8")
    monkeypatch.setenv("KB_PIECE_LINES", "20")
    assert main(["--index", str(tmp_path / "idx"), "ingest", "--jobs", "1", str(plan)]) == 0
    _, err = capsys.readouterr()
    lines = [x for x in err.splitlines() if x.startswith("parsed ")]
    kb = KnowledgeBase(tmp_path / "idx")
    (doc,) = kb.documents()
    blocks = len(kb.store.blocks(doc.meta.id))
    assert lines == [f"parsed {plan}: {doc.commitments} commitments, {doc.evidence} evidence passages "
                     f"({blocks} blocks, {lines[0].split('blocks, ')[1]}"]
    assert blocks == len(load_document(plan).blocks)


def test_a_file_that_fails_after_some_pieces_were_written_keeps_what_the_store_held(tmp_path, monkeypatch):
    from kb.extract import pipeline

    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(2), encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "idx")
    kb.ingest([plan], jobs=1)
    before = _fields(kb.commitments(include_evidence=True))
    blocks_before = kb.store.blocks(plan.stem)
    plan.write_text(_plan(3), encoding="utf-8")
    monkeypatch.setenv("KB_PIECE_LINES", "20")
    records, calls = pipeline.Extractor.records, []

    def fail_on_third(self, blocks, *args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("parser bug")
        return records(self, blocks, *args)

    monkeypatch.setattr(pipeline.Extractor, "records", fail_on_third)
    report = kb.ingest([plan], jobs=1)
    assert report.failed == [(str(plan), "could not be parsed (RuntimeError: parser bug)")] and not report.ingested
    assert _fields(kb.commitments(include_evidence=True)) == before
    assert kb.store.blocks(plan.stem) == blocks_before and len(kb.documents()) == 1


@pytest.mark.parametrize("dates, linkable", [
    (["2021-06"], False),                    # one long file alone
    (["2021-06", "2021-06"], False),         # several files of one date: nothing is later than another
    ([None], False), ([None, None], False),  # undated: placed neither before nor after another
    (["2019-03", "2021-06"], True),          # a later plan restates an earlier one
    ([None, "2021-06"], True),               # an undated review names a dated plan's actions
])
def test_only_documents_of_more_than_one_date_can_link(dates, linkable):
    from kb.model import DocumentMeta
    from kb.trace.threads import can_link

    metas = {f"d{k}": DocumentMeta(id=f"d{k}", title="", organisation="", date=d) for k, d in enumerate(dates)}
    assert can_link(metas) is linkable


def test_threads_of_one_long_file_are_written_without_holding_every_record(tmp_path, monkeypatch):
    """Nothing links within one date: each commitment is its own thread, written as the store is
    read, and the threads are those the whole-store linking gives."""
    from kb.store.sqlite import Writer
    from kb.trace.threads import build_threads

    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(3), encoding="utf-8")

    def every_record(self):
        raise AssertionError("every record read at once")

    with monkeypatch.context() as m:
        m.setattr(Writer, "all_commitments", every_record)
        assert KnowledgeBase(tmp_path / "idx").ingest([plan], jobs=1).ingested == [str(plan)]
    kb = KnowledgeBase(tmp_path / "idx")
    records = kb.commitments(include_evidence=True)
    metas = {d.meta.id: d.meta for d in kb.documents()}
    links, threads = build_threads(records, metas, kb.store.reports())
    assert not links and len(threads) == len(kb.commitments()) > 10
    stored = kb.store.threads()
    assert sorted((t["id"], t["root"], t["topic"], t["members"], t["docs"], t["first"], t["last"], t["status"],
                   t["reason"]) for t in stored) == sorted(
        (t.id, t.root, t.topic, t.members, t.docs, t.first, t.last, t.status, t.reason) for t in threads)
    assert {(c.id, c.thread_id, c.status) for c in kb.commitments()} == {(t.root, t.id, t.status) for t in threads}
    assert kb.search("memory clinic").hits


def test_a_piece_s_parses_are_dropped_with_it_the_owner_finder_s_too():
    """A worker extracting one piece after another keeps none of the last piece's parses (its own,
    nor the owner finder's), so its memory follows the piece, not the file."""
    from kb.extract import nlp
    from kb.extract.owners import OwnerGazetteer

    g = OwnerGazetteer()
    g.owners_of("The district council will open two new libraries by March 2027.")
    nlp.parse_many(["The district council will open two new libraries by March 2027."])
    assert g._cache and nlp._parsed
    nlp.forget(g)
    assert not g._cache and not nlp._parsed and not nlp._with_entities


def test_new_records_reports_wait_in_the_store_not_in_memory(tmp_path):
    """The reports the parser read for a long file's records are staged in the store being written
    (a temporary table) as its parts come, and taken back once for the links and threads."""
    from kb.store.sqlite import Store

    store = Store(tmp_path / "idx")
    with store.transaction() as writer:
        writer.stage_reports({"a-1": "done", "b-1": "ongoing"})
        writer.stage_reports({"c-1": "unmet", "a-1": "ongoing"})
        assert writer.staged_reports() == {"a-1": "ongoing", "b-1": "ongoing", "c-1": "unmet"}
        assert writer.staged_reports() == {}
        writer.put_reports({})
    with store.read() as con:  # the staging table ends with the ingest's connection
        assert not con.execute("SELECT name FROM sqlite_master WHERE name = 'staged_reports'").fetchall()


def test_an_ingest_stores_the_reports_its_parser_read(tmp_path, monkeypatch):
    plan = tmp_path / "2021_ccg_delivery-plan.txt"
    plan.write_text(_plan(2), encoding="utf-8")
    monkeypatch.setenv("KB_PIECE_LINES", "20")
    parsed = {k: v for p in parse_parts(str(plan), "digest", {}) for k, v in p.reports.items()}
    kb = KnowledgeBase(tmp_path / "idx")
    kb.ingest([plan], jobs=1)
    assert kb.store.reports() == parsed and len(parsed) > 10
