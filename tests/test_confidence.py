"""Confidence from how a record was recognised (kb.extract.confidence), exported and filtered on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kb.cli import main
from kb.export.writers import COLUMNS, CSV_COLUMNS
from kb.extract import forms as F
from kb.extract.classify import decide
from kb.extract.confidence import recognition_confidence, with_owner
from kb.model import Block

ROOT = Path(__file__).resolve().parent.parent


def test_routes_and_predicates_order_the_confidence():
    column = recognition_confidence("commitment column", F.NOMINAL)
    modal = recognition_confidence("forward sentence", F.MODAL)
    semi = recognition_confidence("forward sentence", F.SEMI_MODAL)
    reported = recognition_confidence("forward sentence", F.REPORTED, {"reported"})
    bullet = recognition_confidence("forward context", F.NOMINAL)
    ongoing = recognition_confidence("ongoing work", F.INDICATIVE)
    assert column > modal > semi > reported and semi > bullet > ongoing
    assert recognition_confidence("forward sentence", F.MODAL, {"conditional"}) < modal
    assert all(0 < x < 1 for x in (column, modal, semi, reported, bullet, ongoing))


def test_owner_source_moves_the_confidence():
    assert with_owner(0.6, "grammar") > with_owner(0.6, None) > with_owner(0.6, "inherited")
    assert with_owner(0.0, "grammar") == 0.0  # a rejected unit stays at 0


@pytest.mark.parametrize("text, block, lo, hi", [
    ("The district council will open two family hubs next year.", Block("paragraph", ""), 0.7, 1.0),
    ("Staff are reviewing the discharge pathway with ward managers.", Block("paragraph", ""), 0.0, 0.45),
    ("Refresh the carers' strategy", Block("cell", "", column="COMMITMENT", row_key="1:0"), 0.8, 1.0),
])
def test_decide_gives_a_confidence(text, block, lo, hi):
    d = decide(text, block)
    assert d.accept and lo <= d.confidence <= hi, (d.confidence, d.reasons)


def test_rejected_units_have_no_confidence():
    assert decide("We opened three new surgeries in 2019.", Block("paragraph", "")).confidence == 0.0


def test_confidence_is_the_last_export_column_and_the_readme_says_so():
    assert COLUMNS[-1] == "confidence" and CSV_COLUMNS[-1] == "confidence"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"## Export schema.*?`(id, doc_id.*?)`", readme, re.S).group(1)
    assert tuple(c.strip() for c in listed.split(",")) == CSV_COLUMNS


@pytest.fixture()
def small_plan(tmp_path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "2024-05_district_plan.txt").write_text(
        "Northshire District Health Plan 2024\n\n"
        "## Our commitments\n\n"
        "The district council will open two family hubs by March 2025.\n\n"
        "Staff are reviewing the discharge pathway with ward managers.\n\n"
        "The council aims to halve the waiting list for home adaptations.\n", encoding="utf-8")
    return d


def _export(capsys, *argv) -> list[dict]:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_min_confidence_filters_export_and_the_query_language(tmp_path, small_plan, capsys):
    idx = str(tmp_path / "idx")
    assert main(["--index", idx, "ingest", str(small_plan)]) == 0
    capsys.readouterr()
    every = _export(capsys, "--index", idx, "export", "--format", "jsonl")
    assert len(every) >= 3 and all(0 < r["confidence"] <= 1 for r in every)
    cut = sorted(r["confidence"] for r in every)[-1]
    high = _export(capsys, "--index", idx, "export", "--format", "jsonl", "--min-confidence", str(cut))
    assert high and all(r["confidence"] >= cut for r in high) and len(high) < len(every)
    queried = _export(capsys, "--index", idx, "export", f"confidence:>={cut}", "--format", "jsonl")
    assert {r["id"] for r in queried} == {r["id"] for r in high}
    low = _export(capsys, "--index", idx, "export", f"confidence:<{cut}", "--format", "jsonl")
    assert {r["id"] for r in low} == {r["id"] for r in every} - {r["id"] for r in high}


def test_a_bad_confidence_is_one_line(tmp_path, small_plan, capsys):
    idx = str(tmp_path / "idx")
    assert main(["--index", idx, "ingest", str(small_plan)]) == 0
    capsys.readouterr()
    assert main(["--index", idx, "export", "--min-confidence", "high"]) != 0
    assert "--min-confidence" in capsys.readouterr().err
    assert main(["--index", idx, "export", "confidence:>lots"]) != 0
    assert "confidence" in capsys.readouterr().err
