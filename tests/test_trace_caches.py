"""What the tracer computes once and keeps (per record, per seed, per collection) gives exactly what
computing it each time gave: the statuses settled at ingest must not move by a bit.  Passages are
written for these tests."""

from __future__ import annotations

import math
import random

import pytest

from kb.model import Commitment, DocumentMeta


def rec(cid: str, doc: str, text: str, section: str = "", line: int | None = 1, parent: str | None = None
        ) -> Commitment:
    return Commitment(cid, doc, "commitment", text, section, None, line, parent_id=parent)


META = {d: DocumentMeta(d, title=f"Plan {d}", date=f"{d}-01-01") for d in ("2014", "2016", "2019")}

RECORDS = [
    rec("s", "2014", "Open a memory clinic in Eastmere for people with dementia", "Dementia › Diagnosis"),
    rec("a", "2016", "The memory clinic in Eastmere opened in May", "Dementia", line=3),
    rec("b", "2016", "Recruit two dementia nurses for the clinic", "Dementia", line=5),
    rec("c", "2016", "Widen the cycle network to the market town", "Transport", line=9),
    rec("d", "2019", "A walk in centre and a minor injuries unit will open", "Urgent care › Walk-in", line=2),
    rec("e", "2019", "Cut waiting times for hip surgery by 10%", "Planned care", line=4),
    rec("f", "2019", "Row cell: complete", "Planned care", line=4, parent="e"),
]


def _old_cosine(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[str]]:
    shared = [t for t in a if t in b]
    if not shared:
        return 0.0, []
    dot = sum(a[t] * b[t] for t in shared)
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    shared.sort(key=lambda t: -a[t] * b[t])
    return dot / (na * nb) if na and nb else 0.0, shared


def test_cosine_with_lengths_given_is_cosine_to_the_bit():
    from kb.trace.features import cosine, cosine_normed, norm

    rng = random.Random(3)
    words = [f"w{n}" for n in range(40)]
    for _ in range(300):
        a = {w: rng.random() * 9 for w in rng.sample(words, rng.randint(0, 25))}
        b = {w: rng.random() * 9 for w in rng.sample(words, rng.randint(0, 25))}
        want = _old_cosine(a, b)
        assert cosine(a, b) == want
        assert cosine_normed(a, norm(a), b, norm(b)) == want
        assert cosine_normed(a, norm(a), b, norm(b), terms=False)[0] == want[0]


def test_kept_vector_lengths_and_seed_parts_give_the_features_computed_afresh():
    """`Signals` keeps each record's vector lengths (they never change: the vectors are kept too)
    and the last seed's parts; the features are those computed from the vectors themselves."""
    from kb.trace.features import SPECIFIC_THEMES_EXCLUDED
    from kb.trace.signals import ANCHOR, Signals

    sig = Signals(RECORDS, META)
    sig.warm()
    for c in RECORDS:
        assert sig.context_norm(c.id) == math.sqrt(sum(x * x for x in sig.context_vector(c.id).values()))
        assert sig.heading_norm(c.id) == math.sqrt(sum(x * x for x in sig.heading_vector(c.id).values()))
    for seed in RECORDS:
        topic = sig.topic(seed.id)
        for cand in RECORDS:
            if cand is seed:
                continue
            f, shared = sig.features(seed, topic, cand, 0.3)
            own, ctx = sig.own_vector(cand.id), sig.context_vector(cand.id)
            held = {t: w * (1.0 if t in own else 0.6) for t, w in topic.terms.items() if t in ctx}
            tfidf, terms = _old_cosine(sig.context_vector(seed.id), ctx)
            assert f["lexical"] == sum(held.values()) / (sum(topic.terms.values()) or 1.0)
            assert f["anchor"] == float(any(t in held for t, w in topic.terms.items() if w >= ANCHOR))
            assert f["tfidf"] == tfidf
            assert f["structure"] == _old_cosine(sig.heading_vector(seed.id), sig.heading_vector(cand.id))[0]
            assert f["theme"] == float(bool((set(seed.themes) & set(cand.themes)) - SPECIFIC_THEMES_EXCLUDED))
            assert shared == list(dict.fromkeys([*held, *terms]))[:6]


@pytest.mark.parametrize("text", [
    "Open a walk in", "Expand the hyper acute", "Book a follow up", "Move the back office",
    "Call NHS 111", "Support carers", "Reduce falls in care homes", "A minor injuries unit",
    "Screening for the over-50s", "Plan ahead",
])
def test_a_trailing_space_names_no_topic(text):
    """A vector with nothing extra reads the text's topical terms from the text itself, not from
    the text and a space: the same terms (no theme pattern or thesaurus phrase ends in a space)."""
    from kb.trace.features import _topical, topical_terms

    assert topical_terms(text) == set(_topical.__wrapped__(f"{text} "))


def test_the_probability_is_the_weighted_sum_in_feature_order():
    from kb.trace.calibration import Model

    rng = random.Random(5)
    features = tuple(f"f{n}" for n in range(12))
    m = Model(features, tuple(rng.uniform(-3, 3) for _ in features), -4.2, 0.5)
    for _ in range(200):
        signals = {f: rng.random() for f in features if rng.random() < 0.8}
        z = m.bias + sum(w * signals.get(f, 0.0) for f, w in zip(m.features, m.weights, strict=True))
        assert m.probability(signals) == 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
    with pytest.raises(ValueError):
        Model(("a", "b"), (1.0,), 0.0, 0.5)


def test_section_support_by_windows_is_the_scan_of_every_passage():
    from kb.trace.tracer import SECTION_NEAR, Scored, section_support

    rng = random.Random(11)
    for _ in range(50):
        seed = rec("seed", "2014", "Open a clinic", rng.choice("AB"), line=rng.choice([None, 5, 30]))
        pool = [Scored(rec(f"p{n}", rng.choice(["2014", "2016"]), "Text", rng.choice("AB"),
                           line=rng.choice([None, *range(0, 80, 3)])), {}, [], rng.choice([0.1, 0.5, 0.5, 0.9]))
                for n in range(40)]
        section_support(seed, pool)
        every = [(s.commitment, s.direct) for s in pool] + [(seed, 1.0)]
        for s in pool:
            c = s.commitment
            if c.line is None:
                assert "section" not in s.signals
                continue
            assert s.signals["section"] == max(
                (p for o, p in every if o.id != c.id and o.line is not None and (o.doc_id, o.section) ==
                 (c.doc_id, c.section) and abs(o.line - c.line) <= SECTION_NEAR), default=0.0)


def test_relative_signals_over_the_pools_strongest():
    from kb.trace.signals import RELATIVE_FLOOR, add_relative

    rng = random.Random(2)
    signals = [{"tfidf": rng.random(), "semantic": rng.random()} for _ in range(30)] + [{}]
    add_relative(signals)
    for base, rel in (("tfidf", "tfidf_rel"), ("semantic", "semantic_rel")):
        values = sorted((s.get(base, 0.0) for s in signals), reverse=True)[:5]
        scale = max(sum(values) / len(values), RELATIVE_FLOOR[base])
        assert [s[rel] for s in signals] == [min(s.get(base, 0.0) / scale, 1.5) for s in signals]


def test_document_relative_signal_over_each_documents_closest():
    from kb.trace.signals import DOC_REL_FLOOR, add_document_relative

    assert DOC_REL_FLOOR == 1.0
    pairs = [("plan-2016", {"tfidf_rel": 0.6, "semantic_rel": 1.0}),
             ("plan-2016", {"tfidf_rel": 0.3, "semantic_rel": 0.5}),
             ("review-2019", {"tfidf_rel": 0.05, "semantic_rel": 0.15}),
             ("review-2019", {}),
             ("minutes-2017", {"tfidf_rel": 0.0, "semantic_rel": 0.0})]
    add_document_relative(pairs)
    # a document's closest candidate is 1 and the rest a share of it; a document with nothing near the
    # seed (its closest under the floor) does not make its closest look like the seed's form there
    assert [round(s["doc_rel"], 6) for _, s in pairs] == [1.0, 0.5, 0.2, 0.0, 0.0]


def _scored(cid: str, direct: float):
    from types import SimpleNamespace

    return SimpleNamespace(commitment=SimpleNamespace(id=cid), direct=direct, signals={})


class _Words:
    """Context vectors of a few invented passages, as kb.trace.signals.Signals gives them."""

    VECTORS = {"ferry": {"ferry": 1.0, "timetable": 1.0}, "timetable": {"timetable": 1.0, "winter": 1.0},
               "bins": {"bins": 1.0, "collection": 1.0}, "ferry2": {"ferry": 1.0, "timetable": 1.0}}

    def context_vector(self, cid):
        return self.VECTORS[cid]

    def context_norm(self, cid):
        return sum(w * w for w in self.VECTORS[cid].values()) ** 0.5


def test_feedback_comes_from_the_links_that_reach_the_threshold():
    from kb.trace.tracer import feedback

    strong, weak, other = _scored("ferry", 0.6), _scored("bins", 0.05), _scored("ferry2", 0.0)
    pool = [strong, weak, other]
    feedback(_Words(), pool, [strong, weak], threshold=0.15)
    assert other.signals["feedback"] == pytest.approx(1.0)  # the strong link's words, in full
    assert weak.signals["feedback"] == 0.0  # a weak candidate's words are no source beside a strong one


def test_feedback_without_a_link_over_the_threshold_comes_weakly_from_the_strongest_later_candidates():
    from kb.trace.tracer import feedback

    best, next_, other = _scored("ferry", 0.075), _scored("timetable", 0.03), _scored("ferry2", 0.0)
    pool = [best, next_, other]
    feedback(_Words(), pool, [best, next_], threshold=0.15)
    # the passage worded as the best later candidate: its cosine with the sources' centroid
    # {ferry .075, timetable .105, winter .03}, halved (the best comes to 0.075 of 0.15)
    cosine = (0.075 + 0.105) / (math.sqrt(0.075 ** 2 + 0.105 ** 2 + 0.03 ** 2) * math.sqrt(2))
    assert other.signals["feedback"] == pytest.approx(0.5 * cosine)
    feedback(_Words(), pool, [], threshold=0.15)
    assert other.signals["feedback"] == 0.0  # no later candidate at all: nothing to feed back
