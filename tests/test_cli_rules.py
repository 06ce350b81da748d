"""One rule for every command: the same records from the CLI and the app, query words without
quotes, piped output as records (with a line on stderr when it stops at a limit), help for every
option, `--excel` CSV, and valid kinds named."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.cli import build_parser, main
from kb.export.writers import CSV_COLUMNS
from kb.filters import KINDS

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def piped(*argv: str) -> subprocess.CompletedProcess:
    """`kb ...` as a fresh process with stdout and stderr pipes (not a terminal), this checkout's code."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80")
    return subprocess.run([sys.executable, "-m", "kb.cli", *argv], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


@pytest.fixture(scope="module")
def idx(three_doc_template) -> str:
    return str(three_doc_template / "idx")


def ids_of(jsonl: str) -> list[str]:
    return [json.loads(line)["id"] for line in jsonl.splitlines()]


def test_export_and_search_take_query_words_without_quotes(idx, capsys):
    status, unquoted, err = run(capsys, "--index", idx, "export", "mental", "health", "--format", "jsonl")
    assert status == 0, err
    _, quoted, _ = run(capsys, "--index", idx, "export", "mental health", "--format", "jsonl")
    _, found, _ = run(capsys, "--index", idx, "search", "mental", "health", "--limit", "0", "--format", "jsonl")
    assert len(ids_of(unquoted)) > 20
    assert ids_of(unquoted) == ids_of(quoted) == ids_of(found)


def test_evidence_is_left_out_of_search_and_export_unless_asked_for(idx, capsys):
    _, found, _ = run(capsys, "--index", idx, "search", "stroke", "--limit", "0", "--format", "jsonl")
    _, exported, _ = run(capsys, "--index", idx, "export", "stroke", "--format", "jsonl")
    kinds = {json.loads(x)["kind"] for x in exported.splitlines()}
    assert ids_of(found) == ids_of(exported) and "evidence" not in kinds
    _, everything, _ = run(capsys, "--index", idx, "export", "stroke", "--format", "jsonl", "--include-evidence")
    _, found_all, _ = run(capsys, "--index", idx, "search", "stroke", "--limit", "0", "--format", "jsonl",
                          "--include-evidence")
    evidence = [json.loads(x) for x in everything.splitlines() if json.loads(x)["kind"] == "evidence"]
    assert evidence and ids_of(everything) == ids_of(found_all)
    assert set(ids_of(exported)) < set(ids_of(everything))
    _, only, _ = run(capsys, "--index", idx, "export", "stroke", "kind:evidence", "--format", "jsonl")
    assert set(ids_of(only)) == {r["id"] for r in evidence}


def test_piped_search_says_on_stderr_when_it_stops_at_the_limit(idx):
    total = len(piped("--index", idx, "search", "care", "--limit", "0").stdout.splitlines())
    assert total > 20
    p = piped("--index", idx, "search", "care")
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 20
    assert all(json.loads(x)["id"] for x in p.stdout.splitlines())  # stdout holds only records
    assert p.stderr.strip() == f"kb: 20 of {total} results; --limit N or --limit 0 for all"
    p = piped("--index", idx, "search", "care", "--limit", str(total))
    assert len(p.stdout.splitlines()) == total and p.stderr == ""


def test_piped_docs_show_and_trace_print_json_lines(idx):
    docs = piped("--index", idx, "docs")
    assert docs.returncode == 0, docs.stderr
    rows = [json.loads(x) for x in docs.stdout.splitlines()]
    assert len(rows) == 3 and {"id", "title", "commitments"} <= set(rows[0])
    cid = json.loads(piped("--index", idx, "search", "stroke", "--limit", "1").stdout)["id"]
    shown = piped("--index", idx, "show", cid)
    assert json.loads(shown.stdout)["id"] == cid
    trace = piped("--index", idx, "trace", cid, "--limit", "2")
    rows = [json.loads(x) for x in trace.stdout.splitlines()]
    assert len(rows) <= 2 and all("link_type" in r for r in rows)
    csv_docs = piped("--index", idx, "docs", "--format", "csv")
    assert next(csv.reader(io.StringIO(csv_docs.stdout)))[0] == "id"


def test_a_query_bad_only_in_its_kind_names_the_valid_kinds(idx, capsys):
    status, _, err = run(capsys, "--index", idx, "search", "stroke", "kind:nonsense")
    assert status == 2 and err.count("\n") == 1
    assert all(k in err for k in KINDS) and "nonsense" in err
    with pytest.raises(SystemExit) as exc:
        main(["--index", idx, "export", "--kind", "nonsense"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--kind" in err and all(k in err for k in KINDS)
    status, out, _ = run(capsys, "--index", idx, "export", "--kind", "MILESTONE", "--format", "jsonl")
    assert status == 0 and {json.loads(x)["kind"] for x in out.splitlines()} == {"milestone"}


def test_excel_csv_starts_with_a_byte_order_mark_and_plain_csv_does_not(idx, tmp_path):
    out = tmp_path / "stroke.csv"
    p = piped("--index", idx, "export", "stroke", "--excel", "--output", str(out))
    assert p.returncode == 0, p.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) > 5
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    raw = subprocess.run([sys.executable, "-m", "kb.cli", "--index", idx, "export", "stroke", "--excel"],
                         capture_output=True, env=env, timeout=60).stdout
    assert raw.startswith(b"\xef\xbb\xbfid,doc_id,") and raw.count(b"\xef\xbb\xbf") == 1
    plain = piped("--index", idx, "export", "stroke").stdout
    assert plain.startswith("id,doc_id,")
    p = piped("--index", idx, "export", "--excel", "--format", "jsonl")
    assert p.returncode == 2 and "--excel is for CSV" in p.stderr


def test_every_option_has_help_text():
    parser = build_parser()
    missing = []
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            if action.help is None:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing, missing
    helps = {name: sub.format_help() for name, sub in subparsers.choices.items()}
    assert "YYYY-MM-DD" in helps["search"] and "default 20" in helps["search"]
    assert all(k in helps["export"] for k in KINDS) and "--excel" in helps["export"]
    assert "kb trace" in helps["link"]


@pytest.mark.parametrize("width", [80, 120])
def test_docs_table_shows_every_document_readably_on_a_narrow_terminal(idx, monkeypatch, capsys, width):
    """`kb docs` on a terminal (the README's first command): every title, kind and organisation
    readable and every id whole at 80 and 120 columns.  Eight bordered columns left the title,
    organisation, period and kind no width at all at 80 columns (only the id and date showed)."""
    from rich.console import Console

    import kb.cli

    screen = io.StringIO()
    monkeypatch.setattr(kb.cli, "_console", lambda stderr=False: Console(
        file=screen, width=width, force_terminal=False, highlight=False, soft_wrap=False))
    status, _, _ = run(capsys, "--index", idx, "docs", "--format", "table")
    assert status == 0
    lines = screen.getvalue().splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    words = " ".join(" ".join(line.split()) for line in lines)
    for doc in (json.loads(x) for x in piped("--index", idx, "docs").stdout.splitlines()):
        assert doc["id"] in [line.split()[-1] for line in lines if line.strip()], doc["id"]  # whole, one line
        for field in ("title", "kind", "organisation"):
            assert " ".join(doc[field].split()) in words, (field, doc[field])


@pytest.mark.parametrize("name, damage, query", [
    ("acronyms.json", '{"nhs": ', "stroke"),  # cut short
    ("acronyms.json", '["not", "a", "map"]', "stroke"),  # valid JSON, not what the build writes
    ("renamings.json", '[["one name only"]]', "stroke"),
    ("renamings.json", b"\xff\xfe\x00", "stroke"),  # not text at all
    ("vocabulary.json", '{"stroke": 1}', "strokx"),  # read for a "did you mean" when nothing is found
])
def test_a_damaged_file_of_the_search_index_is_a_one_line_error(three_doc_template, tmp_path, capsys, name, damage,
                                                                query):
    """The files the index build writes beside the index (the acronyms and renamings the documents
    taught, the vocabulary for suggestions), damaged: `kb search` says which file and what to run,
    in one line, with no traceback; the store is left as it was."""
    idx = tmp_path / "idx"
    shutil.copytree(three_doc_template / "idx", idx)
    targets = sorted(idx.glob(f"search-*/{name}"))
    assert targets, name
    for t in targets:
        t.write_bytes(damage if isinstance(damage, bytes) else damage.encode())
    store_before = (idx / "kb.sqlite").read_bytes()
    status, out, err = run(capsys, "--index", str(idx), "search", query)
    assert status == 1 and out == ""
    assert name in err and "kb ingest --rebuild" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert (idx / "kb.sqlite").read_bytes() == store_before
