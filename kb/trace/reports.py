"""What a passage reports about its subject, from the analysed clause (tense, aspect, condition,
negation), not from trigger words: computed at ingest (spaCy is allowed there) and stored, so
`kb trace` reads it without the parser.

* `done`: an affirmative, unconditional past or perfect ("has been introduced", "was launched");
* `ongoing`: an affirmative present progressive ("is being rolled out", "are working with");
* `unmet`: a negated past, perfect or present ("has not been achieved", "is not yet in place");
* `conditional`: a weak modal or a condition ("could only be delivered through", "if funding allows");
* `planned`: a commitment form (will, aims to, imperative, nominal deliverable, decision);
* `statement`: anything else (a present description, a label).

A passage's report is that of its strongest sentence: unmet, then done, ongoing, planned,
conditional, statement.
"""

from __future__ import annotations

from collections.abc import Sequence

REPORTS = ("unmet", "done", "ongoing", "planned", "conditional", "statement")


def report_of(clause) -> str:
    """The report of one analysed clause (kb.extract.clause.Clause)."""
    from kb.extract.clause import COMMITTING_FORMS, CONDITIONAL, NONE

    if clause.form == NONE:
        return "statement"
    if clause.form == CONDITIONAL or clause.condition:
        return "conditional"
    past = clause.tense == "past" or clause.aspect == "perfect"
    if clause.negated:
        return "unmet" if past or clause.tense == "present" else "statement"
    if clause.form in COMMITTING_FORMS or clause.tense == "future":
        return "planned"
    if past:
        return "done"
    if clause.aspect == "progressive":
        return "ongoing"
    return "statement"


def strongest(reports: Sequence[str]) -> str:
    return min(reports, key=REPORTS.index) if reports else "statement"


def reports_of(texts: Sequence[str]) -> list[str]:
    """Each text's report, from one trained parse of all of them (ingest path only: spaCy)."""
    from kb.extract.clause import clauses_of
    from kb.extract.nlp import parse_many

    return [strongest([report_of(c) for c in clauses_of(doc)]) for doc in parse_many(list(texts))]


def update_reports(records, known: dict[str, str]) -> dict[str, str]:
    """Every record's report: the stored one when its id (derived from its text) is known, else
    read now.  Only new or re-worded records are parsed."""
    todo = [c for c in records if c.id not in known]
    fresh = dict(zip([c.id for c in todo], reports_of([c.text for c in todo]), strict=True)) if todo else {}
    return {c.id: known.get(c.id) or fresh[c.id] for c in records}
