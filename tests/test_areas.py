"""Links stay within one area's papers: a document's area from the places its bodies are named
after and the places its passages name (kb.trace.areas).  Documents written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from kb.model import Commitment, DocumentMeta
from kb.trace.areas import document_areas, same_area


def rec(doc: str, text: str, owners: tuple[str, ...] = ()) -> Commitment:
    return Commitment(f"{doc}-{abs(hash(text)) % 10**6}", doc, "commitment", text, "", None, 1, owners=list(owners))


META = {
    "north-2019": DocumentMeta("north-2019", organisation="Northshire County Council", date="2019-03-01"),
    "north-2021": DocumentMeta("north-2021", date="2021-06-01"),  # no author found
    "east-2021": DocumentMeta("east-2021", organisation="Eastmere Borough Council", date="2021-06-01"),
    "national": DocumentMeta("national", organisation="NHS England", date="2020-01-01"),
}
RECORDS = [
    rec("north-2019", "We will open a carers' centre in Riverton.", ("Riverton Health and Wellbeing Board",)),
    rec("north-2019", "Health visitors will work north of the river."),
    rec("north-2021", "Carers in Northshire told us the centre helps; Northshire's carers' centre opened in 2020."),
    rec("north-2021", "Northshire will review the service; see www.northshire.gov.uk/carers."),
    rec("east-2021", "Eastmere Borough Council will open a carers' centre."),
    rec("national", "Every area will publish a carers' plan; one example is Old Eastmere Road."),
]


def test_a_document_s_area_is_where_its_bodies_are_and_what_it_names_often():
    areas = document_areas(RECORDS, META)
    assert areas["north-2019"] == {"northshire", "riverton"}  # "health", "wellbeing": words the text writes in lower case
    assert areas["north-2021"] == {"northshire"}  # named three times, no body of its own
    assert areas["east-2021"] == {"eastmere"}
    assert areas["national"] == frozenset()  # a place named once in passing is no area


@pytest.mark.parametrize("a, b, linked", [
    ("north-2019", "north-2021", True),
    ("north-2019", "east-2021", False),
    ("north-2019", "national", True),  # a document of no known area links with any
    ("east-2021", "national", True),
])
def test_documents_link_within_one_area(a, b, linked):
    areas = document_areas(RECORDS, META)
    assert same_area(areas, a, b) is linked and same_area(areas, b, a) is linked


DOCS = {
    "2019-03_northshire-cc_carers-strategy.txt": "Northshire County Council\n\nCarers Strategy 2019-2022\n\n"
    "Northshire County Council will open a carers' centre in Riverton by March 2020.\n\n"
    "We will give every young carer in Northshire a carers' assessment by 2021.\n",
    "2021-06_northshire-cc_carers-update.txt": "Northshire County Council\n\nCarers Strategy: progress report, "
    "June 2021\n\nThe carers' centre in Riverton opened in February 2020 and has supported 400 carers in "
    "Northshire.\n\nYoung carers' assessments in Northshire have reached 60% of known young carers.\n",
    "2021-06_eastmere-bc_carers-plan.txt": "Eastmere Borough Council\n\nEastmere Carers Plan 2021\n\n"
    "The carers' centre in Eastmere opened in January 2021 and has supported 120 carers in Eastmere.\n\n"
    "Eastmere Borough Council will give every young carer in Eastmere a carers' assessment by 2022.\n",
}


def test_a_trace_and_its_thread_stay_in_the_seed_s_area(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "idx", tmp_path / "decisions.jsonl")
    assert not kb.ingest([folder]).failed
    seed = next(c for c in kb.commitments() if "young carer in Northshire" in c.text)
    trace = kb.tracer().trace(seed.id)
    docs = {i.commitment.doc_id for i in trace.items}
    assert "2021-06_northshire-cc_carers-update" in docs  # its own area's progress report
    assert "2021-06_eastmere-bc_carers-plan" not in docs  # a neighbour's plan says nothing of it
    assert trace.status == "in progress"
    thread = next(t for t in kb.threads() if t["root"] == seed.id)
    assert len(thread["docs"]) == 2 and thread["status"] == "in progress"
    silent = next(t for t in kb.threads() if "Eastmere" in t["root_text"])
    assert "northshire" not in silent["reason"]  # a neighbour's papers were not searched for it
