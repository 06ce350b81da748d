"""The forms a committing predicate can take (kb.extract.clause.Clause.form).

Plain names in a module of their own so that code which only compares forms (the classifier's
rules, tests) does not import spaCy.
"""

from __future__ import annotations

MODAL = "modal"  # will / shall / must / 'll
SEMI_MODAL = "semi-modal"  # aims to, plans to, intends to, commits to, is expected to, our aim is to
BE_TO = "be-to"  # "The Trust is to open ..."
IMPERATIVE = "imperative"  # "Develop a ..."
INFINITIVE = "infinitive"  # "To deliver ...", "Councils to review ..."
GERUND = "gerund"  # "Implementing ..."
NOMINAL = "nominal"  # "Reduction in ...", "Implementation of ..."
DECISION = "decision"  # "resolved", "approved", "agreed to", "RESOLVED that ... be endorsed"
REPORTED = "reported"  # "indicated that she would ...", "it was agreed that ... would ...", "was to be"
CONDITIONAL = "conditional"  # would / could / may / might / can / should (not a commitment by itself)
INDICATIVE = "indicative"  # a plain present or past statement
NONE = "none"  # no predicate found (a name, a label)

COMMITTING_FORMS = frozenset({MODAL, SEMI_MODAL, BE_TO, IMPERATIVE, INFINITIVE, GERUND, NOMINAL, DECISION,
                              REPORTED})
