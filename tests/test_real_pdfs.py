"""Real published PDFs of other bodies: pages cut from the PDFs in bench/eval/other/pdf (provenance in
bench/eval/other/PROVENANCE.md), each beside a text export of the same pages made by hand, and the
gold commitments an annotator marked on those pages (gold.jsonl, from bench/eval/other).

The PDF path must find the gold about as well as the text export does, and on its own well."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kb.export import record_dict
from kb.extract.pipeline import extract
from kb.sources import load_document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scoring import score  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real_pdfs"
STEMS = sorted(p.stem for p in FIXTURES.glob("*.pdf"))
GOLD = [json.loads(line) for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]


def records(path: Path, stem: str) -> list[dict]:
    doc = load_document(path, doc_id=stem)
    return [record_dict(c, doc.meta) for c in extract(doc) if c.kind != "evidence"]


@pytest.fixture(scope="module")
def recall() -> dict[str, tuple[float, float, int]]:
    """Per fixture: (recall of the text export, recall of the PDF, gold items)."""
    out = {}
    for stem in STEMS:
        gold = [g for g in GOLD if Path(g["doc"]).stem == stem]
        text = score(records(FIXTURES / f"{stem}.txt", stem), gold)["overall"]
        pdf = score(records(FIXTURES / f"{stem}.pdf", stem), gold)["overall"]
        out[stem] = (text["recall"], pdf["recall"], text["gold"])
    return out


def test_five_real_pdfs_of_different_shapes_with_gold():
    assert len(STEMS) >= 5
    assert all(any(Path(g["doc"]).stem == s for g in GOLD) for s in STEMS)


def test_the_pdf_path_finds_the_gold_as_the_text_export_does(recall):
    gold = sum(n for _, _, n in recall.values())
    text = sum(t * n for t, _, n in recall.values()) / gold
    pdf = sum(p * n for _, p, n in recall.values()) / gold
    assert pdf >= 0.80 and pdf >= text - 0.05, recall


@pytest.mark.parametrize("stem", STEMS)
def test_each_real_pdf_finds_most_of_its_gold(recall, stem):
    text, pdf, gold = recall[stem]
    assert pdf >= text - 0.15, (stem, text, pdf)
    assert pdf >= 0.65 or gold < 8, (stem, text, pdf)  # a share of one or two items says little
