"""The analysed clause (kb.extract.clause), on sentences written for these tests."""

from __future__ import annotations

import pytest

from kb.extract import clause as cl
from kb.extract.nlp import parse, parse_many

# sentence, form, tense, marker (substring, or None to skip)
FORMS = [
    ("The Council will publish a new housing strategy by March 2022.", cl.MODAL, "future", "will"),
    ("The board shall review its terms of reference each year.", cl.MODAL, "future", "shall"),
    ("Every practice must offer online booking.", cl.MODAL, "future", "must"),
    ("The Trust is to open two new wards in 2021.", cl.BE_TO, "future", "is to"),
    ("The partnership aims to reduce smoking rates to 5% by 2030.", cl.SEMI_MODAL, "future", "aims to"),
    ("The district council intends to consult residents in the autumn.", cl.SEMI_MODAL, "future", "intends to"),
    ("The district council is expected to publish the plan in June.", cl.SEMI_MODAL, "future", "expected to"),
    ("We are committed to working with schools to reduce obesity.", cl.SEMI_MODAL, "future", "committed to"),
    ("Our aim is to halve the number of smokers by 2030.", cl.SEMI_MODAL, "future", "aim is to"),
    ("We will continue to work with GPs.", cl.MODAL, "future", "will"),
    ("Expand the falls service to all practices", cl.IMPERATIVE, "future", None),
    ("Action: Develop a single point of access by March 2021", cl.IMPERATIVE, "future", None),
    ("Recruit dedicated Programme Director", cl.IMPERATIVE, "future", None),
    ("To deliver a fully integrated urgent care service", cl.INFINITIVE, "future", "to"),
    ("Local councils to review their licensing policies", cl.INFINITIVE, "future", "to"),
    ("Options for the new depot to be considered by the Cabinet in June", cl.INFINITIVE, "future", "to"),
    ("Terms of reference drafted and to be agreed by the steering group in May", cl.INFINITIVE, "future", "to"),
    ("Improving access to dental care", cl.GERUND, "none", None),
    ("Implementation of the new booking system", cl.NOMINAL, "none", None),
    ("The Board resolved to approve the capital plan.", cl.DECISION, "past", "resolved"),
    ("The committee approved the revised terms of reference.", cl.DECISION, "past", "approved"),
    ("The governing body agreed to fund the scheme for a further year.", cl.DECISION, "past", "agreed"),
    ("Resolved that the strategy be endorsed.", cl.DECISION, "past", None),
    ("She indicated that she would circulate the draft to members.", cl.REPORTED, "future", "would"),
    ("Four surgeries have said they intend to merge their lists next year.", cl.REPORTED, "future", "to"),
    ("The team was to be established by April.", cl.REPORTED, "future", "was to"),
    ("We have opened three new surgeries since 2019.", cl.INDICATIVE, "present", None),
    ("The surgery closed in 2015.", cl.INDICATIVE, "past", None),
    ("Care for frail residents has been recognised as a major cost.", cl.INDICATIVE, "present", None),
    ("Deliver personalised care to every carer", cl.IMPERATIVE, "future", None),
    # a bullet completing "we will:", its base form tagged present (no subject, so no present tense)
    ("offer every tenant who is registered with the scheme a free energy check", cl.IMPERATIVE, "future", None),
    ("offer every tenant a free energy check", cl.IMPERATIVE, "future", None),
    ("Work was ongoing on the new depot design.", cl.INDICATIVE, "past", None),
    ("The partnership has made a commitment to halve waits for scans.", cl.SEMI_MODAL, "future",
     "made a commitment to"),
    ("We have a clear ambition to open a hub in every town.", cl.SEMI_MODAL, "future", "have a ambition to"),
    ("The board had made a promise to reopen the ward.", cl.SEMI_MODAL, "past", "made a promise to"),
    ("We could extend the scheme to care homes.", cl.CONDITIONAL, "none", "could"),
    # a change named as a noun is one; as the subject of a finite verb it is what that verb tells
    ("Increase in the number of residents cycling to work", cl.NOMINAL, "none", None),
    ("Growth in demand for home care has been higher than planned.", cl.INDICATIVE, "present", None),
    # a word of action opening the subject of a finite past verb is a modifier of that subject
    ("Progress notes went to the Parks Committee in 2023 and 2024.", cl.INDICATIVE, "past", None),
    ("Support workers visited 300 homes in 2023.", cl.INDICATIVE, "past", None),
    ("Review meetings were held every quarter in 2023.", cl.INDICATIVE, "past", None),
    # advice once given to the subject is a report of the past; what it was told would happen is reported
    ("Tenants were advised to keep their receipts for the repairs.", cl.INDICATIVE, "past", None),
    ("Members were advised that the survey would close in May.", cl.REPORTED, "future", "would"),
    # ... not of a plural noun the tagger reads as a verb after an imperative
    ("Review barriers to better use of the depots by 2026", cl.IMPERATIVE, "future", None),
]


@pytest.mark.parametrize("text, form, tense, marker", FORMS)
def test_committing_predicate_form_and_tense(text, form, tense, marker):
    c = parse(text)._.clause
    assert c.form == form, c.describe()
    assert c.tense == tense, c.describe()
    if marker is not None:
        assert marker in c.marker, c.describe()


@pytest.mark.parametrize("text, aspect", [
    ("Staff are developing a new training offer.", "progressive"),
    ("We have opened three new surgeries since 2019.", "perfect"),
    ("The hub opens next month.", "simple"),
])
def test_aspect(text, aspect):
    assert parse(text)._.clause.aspect == aspect


@pytest.mark.parametrize("text, doers", [
    ("The Council will publish a new housing strategy by March 2022.", ["The Council"]),
    ("Schools and GPs will share records from next year.", ["Schools", "GPs"]),
    ("The new clinic will be delivered by the Trust and the council in spring 2023.", ["the Trust", "the council"]),
    ("Patients will be supported to manage their own conditions.", []),  # passive, no agent: no doer
    ("Local councils to review their licensing policies", ["Local councils"]),
    ("Options for the new depot to be considered by the Cabinet in June", ["the Cabinet"]),
    ("She indicated that she would circulate the draft to members.", ["she"]),
    ("Our aim is to halve the number of smokers by 2030.", ["Our"]),
    ("Expand the falls service to all practices", []),
    ("There will be a new urgent care centre in the town.", []),
])
def test_doers_are_the_subject_or_the_passive_agent(text, doers):
    assert [d.text for d in parse(text)._.clause.doers] == doers


@pytest.mark.parametrize("text, negated, conditional, voice", [
    ("We will not close the walk-in centre.", True, False, "active"),
    ("We won't charge for parking.", True, False, "active"),
    ("If funding is secured, we will extend the pilot to all schools.", False, True, "active"),
    ("Subject to approval, the CCG will procure a new service.", False, True, "active"),
    ("Unless demand falls, the unit will stay open at weekends.", False, True, "active"),
    ("The new clinic will be delivered by the Trust in spring 2023.", False, False, "passive"),
    ("When the hub opens, we will move the clinic there.", False, False, "active"),  # time, not condition
])
def test_negation_condition_voice(text, negated, conditional, voice):
    c = parse(text)._.clause
    assert c.negated is negated, c.describe()
    assert bool(c.condition) is conditional, c.describe()
    assert c.voice == voice, c.describe()


@pytest.mark.parametrize("text, only_subordinate", [
    ("The service, which will open in May, is run by volunteers.", True),
    ("Residents told us that waiting times will get worse.", True),
    ("We will open the service in May.", False),
    ("The service is run by volunteers.", False),  # no future word at all
])
def test_future_only_in_a_subordinate_clause(text, only_subordinate):
    c = parse(text)._.clause
    assert c.future_in_subordinate_only is only_subordinate, c.describe()
    assert not (only_subordinate and c.committing)


def test_a_unit_is_judged_by_its_committing_sentence():
    c = parse("Waiting times rose last winter. We will open a second unit by March 2025.")._.clause
    assert c.form == cl.MODAL and c.predicate.lemma_ == "open"
    assert len(parse("Waiting times rose last winter. We will open a second unit by March 2025.")._.clauses) == 2


def test_parse_many_runs_the_component_once_per_text():
    docs = parse_many(["The board will meet monthly.", "Publish the report."])
    assert [d._.clauses is not None for d in docs] == [True, True]
    assert [d._.clause.form for d in docs] == [cl.MODAL, cl.IMPERATIVE]


def test_the_component_is_part_of_the_trained_pipeline():
    from kb.extract.nlp import get_trained

    assert get_trained().pipe_names[-1] == "kb_clause"


def _hand_parsed(rows: list[tuple[str, str, str, str, int, str]]):
    """A Doc parsed as given: (word, tag, pos, dep, head index, lemma) per token, for a misparse the
    trained parser makes on some wordings and not on others."""
    from spacy.tokens import Doc

    from kb.extract.nlp import get_trained

    words, tags, pos, deps, heads, lemmas = zip(*rows, strict=True)
    return Doc(get_trained().vocab, words=list(words), spaces=[True] * (len(words) - 1) + [False], tags=list(tags),
               pos=list(pos), deps=list(deps), heads=list(heads), lemmas=list(lemmas))


@pytest.mark.parametrize("rows, form, tense, predicate", [
    # the -ing word of a programme's name after an article taken for the root, the sentence's finite
    # verb hung under it: the finite verb is the predicate
    ([("A", "DT", "DET", "det", 1, "a"), ("Keeping", "VBG", "VERB", "ROOT", 1, "keep"),
      ("Warm", "NNP", "PROPN", "compound", 4, "Warm"), ("Together", "NNP", "PROPN", "compound", 4, "Together"),
      ("bid", "NN", "NOUN", "nsubjpass", 6, "bid"), ("was", "VBD", "AUX", "auxpass", 6, "be"),
      ("lodged", "VBN", "VERB", "ccomp", 1, "lodge"), ("before", "IN", "ADP", "prep", 6, "before"),
      ("the", "DT", "DET", "det", 9, "the"), ("summer", "NN", "NOUN", "pobj", 7, "summer"),
      (".", ".", "PUNCT", "punct", 6, ".")], cl.INDICATIVE, "past", "lodged"),
    ([("The", "DT", "DET", "det", 1, "the"), ("Ageing", "VBG", "VERB", "ROOT", 1, "age"),
      ("Well", "NNP", "PROPN", "compound", 3, "Well"), ("grant", "NN", "NOUN", "nsubjpass", 6, "grant"),
      ("will", "MD", "AUX", "aux", 6, "will"), ("be", "VB", "AUX", "auxpass", 6, "be"),
      ("spent", "VBN", "VERB", "ccomp", 1, "spend"), ("on", "IN", "ADP", "prep", 6, "on"),
      ("befriending", "NN", "NOUN", "pobj", 7, "befriending"), (".", ".", "PUNCT", "punct", 6, ".")],
     cl.MODAL, "future", "spent"),
])
def test_an_ing_word_after_an_article_is_no_predicate(rows, form, tense, predicate):
    doc = _hand_parsed(rows)
    c = cl.analyse(doc[:])
    assert (c.form, c.tense, c.predicate.text) == (form, tense, predicate), c.describe()


def test_a_modal_clause_with_no_subject_of_its_own_is_no_reported_speech():
    # the parser reads "announced" as the main verb; the modal clause hung under it is the sentence's
    c = parse("The Clean Air Grant announced in the Budget should provide a welcome boost to local transport plans.")._.clause
    assert (c.form, c.predicate.lemma_, c.subjects[0].text) == (cl.CONDITIONAL, "provide", "Grant"), c.describe()
    c = parse("The minister announced that councils should publish their plans by June.")._.clause
    assert c.form == cl.REPORTED, c.describe()
