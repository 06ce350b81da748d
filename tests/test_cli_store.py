"""The CLI over the store: ingest (incremental, rebuild, bad input), docs, show, export."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from kb.cli import main
from kb.export.writers import CSV_COLUMNS, neutralise

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SMALL = "2013-09_crccg_commissioning-intentions_2014-16.txt"


def _small_docs(root: Path) -> Path:
    d = root / "docs"
    d.mkdir()
    shutil.copy(CORPUS / SMALL, d / SMALL)
    shutil.copy(CORPUS / "catalog.toml", d / "catalog.toml")
    return d


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    return _small_docs(tmp_path)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory) -> str:
    """The small corpus ingested once, for the tests that start from it: they only read it, or
    change a copy (`small_copy`).  The ingest itself is tested by the tests that make their own."""
    root = tmp_path_factory.mktemp("small")
    idx = root / "idx"
    assert main(["--index", str(idx), "ingest", str(_small_docs(root))]) == 0
    return str(idx)


@pytest.fixture()
def small_copy(small_index, tmp_path) -> str:
    """A private copy of `small_index` in tmp_path/idx, beside `small_corpus`'s tmp_path/docs (the same
    folder and file names, so the copy's document is the file there)."""
    shutil.copytree(small_index, tmp_path / "idx")
    return str(tmp_path / "idx")


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_ingest_then_reingest_skips_unchanged(tmp_path, small_corpus, capsys):
    idx = str(tmp_path / "idx")
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "ingested 1 file(s)" in err
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "ingested 0 file(s)" in err and "1 unchanged" in err


def test_a_changed_catalog_entry_or_parser_reparses_an_unchanged_file(tmp_path, small_corpus, small_copy, capsys, monkeypatch):
    idx = small_copy  # the small corpus, ingested
    catalog = small_corpus / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'title = "Commissioning Intentions 2014/16"', 'title = "CI 2014-16 (retitled)"'), encoding="utf-8")
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "ingested 1 file(s)" in err
    _, out, _ = run(capsys, "--index", idx, "docs")
    assert "retitled" in out
    import kb.api

    monkeypatch.setattr(kb.api, "parser_fingerprint", lambda: "a newer parser")
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "ingested 1 file(s)" in err
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "1 unchanged" in err


def test_ids_are_stable_across_rebuilds(tmp_path, small_corpus, small_copy, capsys):
    idx = small_copy  # the small corpus, ingested
    _, first, _ = run(capsys, "--index", idx, "export", "--format", "jsonl")
    run(capsys, "--index", idx, "ingest", "--rebuild", str(small_corpus))
    _, second, _ = run(capsys, "--index", idx, "export", "--format", "jsonl")
    assert [json.loads(x)["id"] for x in first.splitlines()] == [json.loads(x)["id"] for x in second.splitlines()]
    assert len(first.splitlines()) > 50


def test_bad_inputs_fail_one_line_each_and_keep_the_rest(tmp_path, small_corpus, small_copy, capsys):
    idx = small_copy  # the small corpus, ingested
    _, before, _ = run(capsys, "--index", idx, "export", "--format", "jsonl")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (bad / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (bad / "cp1252.txt").write_bytes("We will deliver the café strategy by March 2018 – in full.\n".encode("cp1252"))
    (bad / "utf16.txt").write_bytes("We will open two new hubs by 2020.\n".encode("utf-16"))
    status, _, err = run(capsys, "--index", idx, "ingest", str(bad / "empty.txt"), str(bad / "binary.txt"),
                         str(bad / "notes.docx"), str(bad / "cp1252.txt"), str(bad / "utf16.txt"),
                         str(bad / "missing.pdf"))
    assert status == 1
    lines = [x for x in err.splitlines() if x.startswith("kb: ")]
    assert len(lines) == 4, err
    assert any("empty.txt: empty file" in x for x in lines)
    assert any("binary.txt: binary data" in x for x in lines)
    assert any("notes.docx: unsupported file type" in x for x in lines)
    assert any("missing.pdf: no such file" in x for x in lines)
    assert "Traceback" not in err
    _, after, _ = run(capsys, "--index", idx, "export", "--format", "jsonl")
    recs = [json.loads(x) for x in after.splitlines()]
    assert set(before.splitlines()) <= set(after.splitlines())
    texts = {r["doc_id"]: r["text"] for r in recs}
    assert "café" in texts["cp1252"] and "hubs" in texts["utf16"]


def test_show_and_unknown_id(small_index, capsys):
    idx = small_index
    _, out, _ = run(capsys, "--index", idx, "export", "--format", "jsonl")
    rec = next(json.loads(x) for x in out.splitlines() if "Enhanced support for Carers" in x)
    status, out, _ = run(capsys, "--index", idx, "show", rec["id"], "--format", "jsonl")
    shown = json.loads(out)
    assert status == 0 and shown["text"] == "Enhanced support for Carers"
    assert shown["due"] == [{"text": "2014/16", "start": "2014-04-01", "end": "2016-03-31"}]
    status, _, err = run(capsys, "--index", idx, "show", "nope-123")
    assert status == 1 and err.strip() == "kb: no commitment with id 'nope-123'"


def test_missing_index_is_one_line(tmp_path, capsys):
    status, _, err = run(capsys, "--index", str(tmp_path / "none"), "docs")
    assert status == 1 and "run 'kb ingest' first" in err and len(err.strip().splitlines()) == 1


def test_export_csv_schema_and_filters(small_index, capsys):
    idx = small_index
    status, out, _ = run(capsys, "--index", idx, "export", "--format", "csv", "--theme", "dementia")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and rows
    assert tuple(csv.reader(io.StringIO(out)).__next__()) == CSV_COLUMNS
    assert all("dementia" in r["themes"] for r in rows)
    assert all(r["doc_date"] == "2013-09-01" and r["author_org"] == "Coventry and Rugby CCG" for r in rows)
    status, _, err = run(capsys, "--index", idx, "export", "--due-before", "notadate")
    assert status == 2 and "--due-before" in err


def test_export_to_file_reports_count(tmp_path, small_index, capsys):
    idx = small_index
    out_file = tmp_path / "out.jsonl"
    status, _, err = run(capsys, "--index", idx, "export", "--format", "jsonl", "--output", str(out_file),
                         "--due-before", "2016-04-01")
    n = len(out_file.read_text(encoding="utf-8").splitlines())
    assert status == 0 and f"exported {n} records to {out_file}" in err and n > 10
    status, _, err = run(capsys, "--index", idx, "export", "--output", str(tmp_path))
    assert status == 1 and "folder" in err and err.count("\n") == 1


def test_export_with_a_query_exports_what_search_finds(small_index, capsys):
    idx = small_index
    _, found, _ = run(capsys, "--index", idx, "search", "dementia OR carers", "--limit", "1000",
                      "--no-evidence", "--format", "jsonl")
    status, exported, _ = run(capsys, "--index", idx, "export", "dementia OR carers", "--format", "jsonl")
    ids = [json.loads(line)["id"] for line in exported.splitlines()]
    assert status == 0 and len(ids) > 3
    assert ids == [json.loads(line)["id"] for line in found.splitlines()]
    status, _, err = run(capsys, "--index", idx, "export", "dementia AND (")
    assert status == 2 and err.count("\n") == 1 and "dementia AND (" in err


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1:A3)", "'=SUM(A1:A3)"), ("+44 20", "'+44 20"), ("-5%", "'-5%"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("plain", "plain"),
])
def test_csv_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_bad_pdfs_fail_one_line_each(tmp_path, small_corpus, capsys):
    import pdfgen

    bad = pdfgen.make_bad_pdfs(tmp_path / "badpdf")
    idx = str(tmp_path / "idx")
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus), *map(str, bad.values()))
    assert status == 1 and "Traceback" not in err
    failed = [x for x in err.splitlines() if x.startswith("kb: ")]
    assert len(failed) == len(bad)
    reasons = " | ".join(failed)
    for word in ("encrypted", "no text layer", "not a PDF", "corrupt"):
        assert word in reasons, reasons
    assert "ingested 1 file(s)" in err


def test_a_sentence_opening_with_at_is_stored_verbatim_and_neutralised_only_in_csv(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    sentence = "@Northshire we will open two new community clinics in the market towns by 2025."
    (docs / "2024_northshire_plan.txt").write_text(
        "Northshire Plan\n\nOur clinics\n\n" + sentence + "\n\n"
        "Questions about this plan can be sent to plans.team@northshire.example.org today.\n", encoding="utf-8")
    idx = str(tmp_path / "idx")
    status, _, err = run(capsys, "--index", idx, "ingest", str(docs))
    assert status == 0, err
    _, out, _ = run(capsys, "--index", idx, "export", "--format", "jsonl")
    texts = [json.loads(x)["text"] for x in out.splitlines()]
    assert sentence in texts
    assert not any("plans.team@" in t for t in texts)  # contact details are still noise
    _, out, _ = run(capsys, "--index", idx, "export", "--format", "csv")
    cells = [r["text"] for r in csv.DictReader(io.StringIO(out))]
    assert "'" + sentence in cells and sentence not in cells


def _doc_ids(capsys, idx: str) -> dict[str, int]:
    _, out, _ = run(capsys, "--index", idx, "docs", "--format", "jsonl")
    return {d["id"]: d for d in map(json.loads, out.splitlines())}


def test_same_named_files_in_two_folders_both_stay_and_are_reported(tmp_path, capsys):
    root = tmp_path / "plans"
    for folder, town in (("north", "Northshire"), ("south", "Southshire")):
        (root / folder).mkdir(parents=True)
        (root / folder / "health-plan.txt").write_text(
            f"{town} Health Plan\n\nClinics\n\nWe will open two new {town} clinics by March 2025.\n", encoding="utf-8")
    idx = str(tmp_path / "idx")
    status, _, err = run(capsys, "--index", idx, "ingest", str(root))
    assert status == 0 and "ingested 2 file(s)" in err
    assert f"kb: {root / 'north' / 'health-plan.txt'} is stored as document 'north/health-plan'" in err
    assert f"kb: {root / 'south' / 'health-plan.txt'} is stored as document 'south/health-plan'" in err
    assert set(_doc_ids(capsys, idx)) == {"north/health-plan", "south/health-plan"}
    status, out, _ = run(capsys, "--index", idx, "export", "--format", "jsonl", "--doc", "south/health-plan")
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["We will open two new Southshire clinics by March 2025."]
    # A third file of that name, ingested on its own later, gets its own id; the others keep theirs.
    (root / "east").mkdir()
    (root / "east" / "health-plan.txt").write_text("East Plan\n\nWe will open a new hospice by 2026.\n",
                                                   encoding="utf-8")
    status, _, err = run(capsys, "--index", idx, "ingest", str(root / "east" / "health-plan.txt"))
    assert status == 0 and "stored as document 'east/health-plan'" in err
    assert set(_doc_ids(capsys, idx)) == {"north/health-plan", "south/health-plan", "east/health-plan"}


def test_a_txt_and_a_pdf_of_one_stem_both_stay_across_ingests(tmp_path, small_corpus, capsys):
    import pdfgen

    stem = Path(SMALL).stem
    pdfgen.text_export_to_pdf(small_corpus / SMALL, small_corpus / f"{stem}.pdf")
    idx = str(tmp_path / "idx")
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "ingested 2 file(s)" in err
    assert f"is stored as document '{stem}.pdf'" in err and f"is stored as document '{stem}.txt'" in err
    docs = _doc_ids(capsys, idx)
    assert set(docs) == {f"{stem}.pdf", f"{stem}.txt"}
    assert all(d["title"] == "Commissioning Intentions 2014/16" for d in docs.values())  # the catalog's [stem]
    status, _, err = run(capsys, "--index", idx, "ingest", str(small_corpus))
    assert status == 0 and "ingested 0 file(s)" in err and "2 unchanged" in err and "stored as" not in err
    assert set(_doc_ids(capsys, idx)) == {f"{stem}.pdf", f"{stem}.txt"}


def test_a_store_without_passages_searches_and_exports_empty(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2024_northshire_cover.txt").write_text("Northshire Plan\n\nOur clinics\n\nSee online.\n", encoding="utf-8")
    idx = str(tmp_path / "idx")
    status, _, err = run(capsys, "--index", idx, "ingest", str(docs))
    assert status == 0 and "ingested 1 file(s), 0 commitments" in err
    for argv in (("search", "clinics", "--format", "jsonl"), ("search", "clinics", "--facets", "--format", "csv"),
                 ("export", "--format", "jsonl"), ("export", "clinics", "--format", "csv")):
        status, out, err = run(capsys, "--index", idx, *argv)
        assert status == 0 and "Traceback" not in err, (argv, err)
        assert not [x for x in out.splitlines()[1 if "csv" in argv else 0:] if x.strip()], (argv, out)


def test_a_store_from_before_threads_kept_their_deciding_passage_reads_and_upgrades(
        tmp_path, small_corpus, small_copy, capsys):
    """A store written by an older kb has a threads table with no 'deciding' column: its threads
    read with none, and the next ingest adds the column, keeping every commitment and thread (one
    document's threads are all silent: none has a deciding passage to fill in)."""
    import sqlite3

    db = Path(small_copy) / "kb.sqlite"
    with sqlite3.connect(db) as con:
        n_commitments = con.execute("SELECT COUNT(*) FROM commitments").fetchone()[0]
        n_threads = con.execute("SELECT COUNT(*) FROM threads").fetchone()[0]
        con.execute("ALTER TABLE threads DROP COLUMN deciding")
    status, out, _ = run(capsys, "--index", small_copy, "threads", "--format", "jsonl")
    assert status == 0
    old = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(old) == n_threads and all(not t["deciding"] for t in old)
    doc = small_corpus / SMALL  # a changed document makes the next ingest write the store
    doc.write_text(doc.read_text(encoding="utf-8") + "\nWe will publish the plan by March 2015.\n", encoding="utf-8")
    status, _, err = run(capsys, "--index", small_copy, "ingest", str(small_corpus))
    assert status == 0, err
    with sqlite3.connect(db) as con:
        assert "deciding" in {row[1] for row in con.execute("PRAGMA table_info(threads)")}
        assert con.execute("SELECT COUNT(*) FROM commitments").fetchone()[0] >= n_commitments
    status, out, _ = run(capsys, "--index", small_copy, "threads", "--format", "jsonl")
    new = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(new) >= n_threads and all("deciding" in t for t in new)


def test_a_settled_status_widens_its_thread_to_the_deciding_passage(tmp_path):
    """A thread whose status the tracer read from a later plan's passage that is not one of its own
    members is listed with that plan: its documents, first and last are not its own year alone."""
    from kb.model import Commitment, Document, DocumentMeta
    from kb.store.sqlite import Store
    from kb.trace.threads import Thread

    store = Store(tmp_path / "idx")
    plans = [("ashcombe-2018", "2018-04-01", "We will open a falls clinic in Ashcombe."),
             ("ashcombe-2021", "2021-04-01", "The falls clinic in Ashcombe will open in a new building by 2023.")]
    with store.lock(), store.transaction() as writer:
        for doc_id, day, text in plans:
            doc = Document(DocumentMeta(id=doc_id, title="Plan", date=day), f"{doc_id}.txt", "0", "text", None)
            writer.put_document(doc, [Commitment(id=f"{doc_id}-1", doc_id=doc_id, kind="commitment", text=text,
                                                 section="Falls", page=None, line=1)])
        writer.put_threads([], [Thread(id="T-ashcombe-2018-1", root="ashcombe-2018-1", topic="Falls", members=[],
                                       docs=["ashcombe-2018"], first="2018-04-01", last="2018-04-01",
                                       status="silent", reason="no passage of a later document links to it")])
        writer.set_thread_statuses({"T-ashcombe-2018-1": ("revised", "a new date", "ashcombe-2021-1")})
    (thread,) = store.threads()
    assert thread["status"] == "revised" and thread["deciding"] == "ashcombe-2021-1"
    assert thread["docs"] == ["ashcombe-2018", "ashcombe-2021"]
    assert (thread["first"], thread["last"]) == ("2018-04-01", "2021-04-01")
