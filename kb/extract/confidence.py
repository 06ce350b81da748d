"""How sure kb is that a record is a commitment, from HOW it was recognised (0..1).

An auditor sorts by it to check the shakiest records first; `kb search/export --min-confidence`
filter on it.  Three things say how a record was recognised, and each moves the figure:

1. the **shape** that accepted it (kb.extract.classify's route: a COMMITMENT column, a resolution, a
   forward sentence, an item under a forward intro, an infographic fragment, ongoing work ...);
2. the **predicate** of its clause (kb.extract.clause: a modal "will" is surer than a semi-modal
   "aims to", a reported "would" in minutes or a verbless bullet) and its flags (a condition, a
   reported future, a weak "should");
3. the **owner source** (`with_owner`): an owner that is the grammatical doer or a named field is
   evidence the record is an undertaking; an owner only inherited from a lead-in is weaker.

The figures are a fixed, readable table (not fitted); bench/quality.py reports precision per
confidence band on the development sample so that the table can be checked for calibration.
"""

from __future__ import annotations

from kb.extract import forms as F

# 1. By the route that accepted the unit (the last reason kb.extract.classify.decide gives).
ROUTE_CONFIDENCE: dict[str, float] = {
    "commitment column": 0.9,
    "next column": 0.9,
    "resolution": 0.9,
    "decision taken": 0.75,
    "forward sentence": 0.7,
    "forward item": 0.7,
    "action item": 0.7,
    "imperative sentence": 0.65,
    "deliverable under a period heading": 0.6,
    "future in progress column": 0.55,
    "forward context": 0.5,
    "reported future": 0.6,  # minutes' "would": the conditional form's penalty applies too
    "dated or pledged measure": 0.5,
    "action in forward section": 0.45,
    "imperative in impact column": 0.45,
    "pledge in negative section": 0.4,
    "ongoing work": 0.35,
    "infographic": 0.35,
    "imperative heading": 0.35,
}
DEFAULT_ROUTE = 0.5

# 2. By the committing predicate's form: added to the route's figure.
FORM_ADJUST: dict[str, float] = {
    F.MODAL: 0.1,
    F.DECISION: 0.05,
    F.SEMI_MODAL: 0.0,
    F.BE_TO: 0.0,
    F.IMPERATIVE: 0.05,
    F.INFINITIVE: 0.0,
    F.REPORTED: -0.1,
    F.GERUND: -0.05,
    F.NOMINAL: -0.1,
    F.CONDITIONAL: -0.15,
    F.INDICATIVE: -0.1,
    F.NONE: -0.1,
}
FLAG_ADJUST: dict[str, float] = {"conditional": -0.1, "reported": -0.1, "weak": -0.15}

# 3. By where the owner came from (kb.extract.owners tells): "grammar" (the doer of the committing
# predicate), "field" (Who / Lead / an owner column), "inherited" (the lead-in or heading), "" (none).
OWNER_ADJUST: dict[str, float] = {"grammar": 0.05, "field": 0.05, "inherited": -0.05, "": 0.0}

FLOOR, CEILING = 0.05, 0.99


def _clip(x: float) -> float:
    return round(min(CEILING, max(FLOOR, x)), 2)


def recognition_confidence(route: str, form: str = "", flags: frozenset[str] | set[str] = frozenset()) -> float:
    """The confidence of an accepted unit from its route, its predicate form and its clause's flags."""
    x = ROUTE_CONFIDENCE.get(route, DEFAULT_ROUTE)
    # In a column, a resolution or a forward list the shape decides; the form only nuances it.
    weight = 0.5 if route in ("commitment column", "next column", "resolution") else 1.0
    x += weight * FORM_ADJUST.get(form, 0.0)
    x += sum(FLAG_ADJUST.get(f, 0.0) for f in flags)
    return _clip(x)


def with_owner(confidence: float, owner_source: str | None) -> float:
    """The confidence once the owner finder has said where the record's owner came from.

    Hook for kb.extract.owners: pass "grammar", "field", "inherited" or None/"" (no owner)."""
    if not confidence:
        return confidence
    return _clip(confidence + OWNER_ADJUST.get(owner_source or "", 0.0))
