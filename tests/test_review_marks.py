"""A review's status set apart by a dash at the start or end of an item, after its mark or none
("✓ Achieved — Safewards on every ward", "A yearly health check — → Carried forward").  Every line
here is written for these tests."""

from __future__ import annotations

import pytest

from kb.layout.fields import tagged_status


@pytest.mark.parametrize("item, status", [
    ("✓ Achieved — A falls clinic in every locality by March 2022", "Achieved"),
    ("~ Partly achieved – Halve the use of agency staff", "Partly achieved"),
    ("A yearly health check for every carer — → Carried forward", "Carried forward"),
    ("Single rooms on the two older wards - ✗ Not achieved", "Not achieved"),
    ("Open the youth hub – Complete", "Complete"),
    ("Library outreach van [Delivered]", "Delivered"),
    # a timescale, a lead or a date after the dash is no status; nor a verb that opens an action
    ("Review the allocations policy – Ongoing", None),
    ("Bus station refurbishment – Public Health", None),
    ("Complete the stock condition survey – March 2023", None),
    ("Train 40 staff - Housing Team", None),
])
def test_a_status_set_apart_by_a_dash(item, status):
    assert tagged_status(item) == status


def test_a_reviews_list_of_promises_marked_with_their_status(tmp_path):
    from conftest import ingest_texts

    kb = ingest_texts(tmp_path, {
        "2021-06_fernley-trust_quality-strategy_2021-24.txt":
        "Fernley Community Health NHS Trust\n\nQuality Strategy 2021-2024\n\n**Safer care**\n\n"
        "We will open a falls clinic in every locality by March 2022.\n\n"
        "We will halve the use of agency nurses on our wards by 2024.\n\n"
        "We will give every carer a yearly health check from April 2022.\n",
        "2024-07_fernley-trust_annual-report-quality-chapter.txt":
        "Fernley Community Health NHS Trust\n\nAnnual report 2023/24: our quality promises\n\n"
        "What we said\n\n"
        "- ✓ Achieved — A falls clinic in every locality by March 2022\n"
        "- ~ Partly achieved — Half the agency nurses on our wards\n"
        "- A yearly health check for every carer — ✗ Not achieved\n\n"
        "What we did\n\nFalls clinics opened in all four localities in 2022. Agency use fell by a third.\n",
    })
    statuses = {c.text: kb.trace(c.id).status for c in kb.commitments() if c.doc_id.startswith("2021")}
    assert statuses == {"We will open a falls clinic in every locality by March 2022.": "delivered",
                        "We will halve the use of agency nurses on our wards by 2024.": "in progress",
                        "We will give every carer a yearly health check from April 2022.": "overdue"}


def test_a_unit_header_qualified_in_brackets_names_the_rows_owner():
    from kb.layout.structure import _column_roles

    roles = _column_roles(["No.", "Commitment", "Portfolio (from May 2023)", "% complete"])
    assert roles[2] == "owner"
