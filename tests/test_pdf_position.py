"""Every record from a PDF keeps its page and its place on it, so an auditor can find it in the PDF."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kb.api import KnowledgeBase
from kb.model import Position

WIDTH, HEIGHT = A4
LEFT = ["Our plan for older people", "The council will open two day centres",
        "in the north of the county by 2026 and", "extend their hours at weekends.",
        "", "We will review home care contracts", "with providers every year from 2025.",
        "Residents asked for more transport", "to appointments in rural areas and", "for help with digital access."]
RIGHT = ["Our plan for carers", "The partnership will publish a carers", "charter with local employers by",
         "March 2026 and train staff in every", "library to give carers advice.",
         "", "We will fund respite breaks for", "five hundred carers each year until", "the end of the strategy in 2029.",
         "Carers told us they need breaks."]


@pytest.fixture()
def two_column_kb(tmp_path) -> tuple[KnowledgeBase, Path]:
    pdf = tmp_path / "docs" / "2025-03_northshire_ageing-well-strategy.pdf"
    pdf.parent.mkdir()
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, HEIGHT - 50, "Northshire Ageing Well Strategy 2025 to 2029")
    c.showPage()
    for x, rows in ((50, LEFT), (310, RIGHT)):
        y = HEIGHT - 60
        for i, row in enumerate(rows):
            c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 10)
            if row:
                c.drawString(x, y, row)
            y -= 14
    c.save()
    kb = KnowledgeBase(tmp_path / "idx")
    report = kb.ingest([pdf.parent])
    assert not report.failed, report.failed
    return kb, pdf


def _record(kb: KnowledgeBase, start: str):
    return next(c for c in kb.commitments() if c.text.startswith(start))


def test_a_pdf_record_knows_its_page_column_and_lines(two_column_kb):
    kb, _ = two_column_kb
    left = _record(kb, "The council will open two day centres")
    right = _record(kb, "The partnership will publish a carers charter")
    assert left.position is not None and right.position is not None
    assert left.position.page == 2 and left.page == 2
    assert left.position.column == "left" and right.position.column == "right"
    assert left.position.describe() == "page 2, left column, lines 2–4"
    assert left.position.x0 == pytest.approx(50, abs=1) and left.position.x1 < 300
    assert right.position.x0 == pytest.approx(310, abs=1)
    assert left.position.top < left.position.bottom


def test_kb_show_says_where_the_passage_is(two_column_kb, tmp_path):
    kb, _ = two_column_kb
    record = _record(kb, "We will fund respite breaks")
    out = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(tmp_path / "idx"), "show", record.id,
                          "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
    shown = json.loads(out)
    assert Position.from_dict(shown["position"]).describe() == "page 2, right column, lines 6–8"


def test_text_records_have_no_position(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.txt").write_text("Our plan\n\nThe council will open two day centres by 2026.\n", encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "idx")
    kb.ingest([docs])
    assert all(c.position is None and c.line for c in kb.commitments())


def test_a_store_written_before_positions_gains_the_column(tmp_path):
    """A store from an older kb (no position column) is written to without an error."""
    kb = KnowledgeBase(tmp_path / "idx")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The council will open two day centres by 2026.\n", encoding="utf-8")
    kb.ingest([docs])
    db = kb.store.path
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE commitments DROP COLUMN position")
    con.commit()
    con.close()
    (docs / "b.txt").write_text("We will review home care contracts every year from 2025.\n", encoding="utf-8")
    report = KnowledgeBase(tmp_path / "idx").ingest([docs])
    assert not report.failed
    assert len([c for c in KnowledgeBase(tmp_path / "idx").commitments()]) >= 2


def test_position_describes_itself():
    assert Position(7, 50, 100, 250, 140, "left", 12, 14).describe() == "page 7, left column, lines 12–14"
    assert Position(3, 50, 100, 250, 110, None, 5, 5).describe() == "page 3, line 5"
    assert Position(3, 50, 100, 550, 120, table=True).describe() == "page 3, in a table"
    merged = Position(2, 50, 100, 250, 110, "left", 3, 3).merge(Position(2, 40, 112, 260, 124, "left", 4, 4))
    assert (merged.x0, merged.top, merged.x1, merged.bottom, merged.first_line, merged.last_line) == (40, 100, 260,
                                                                                                      124, 3, 4)
    assert Position(2, 0, 0, 1, 1).merge(Position(3, 0, 0, 1, 1)).page == 2
