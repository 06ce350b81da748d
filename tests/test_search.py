"""Search over the bundled corpus: the query language, thesaurus, facets, highlights, suggestions."""

from __future__ import annotations

import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from kb.index.query import QueryError
from kb.index.search import HL_END, HL_START
from kb.index.thesaurus import Thesaurus, learn_acronyms

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def ids(result) -> set[str]:
    return {h.id for h in result.hits}


def texts(result) -> str:
    return " || ".join(h.text for h in result.hits).lower()


@pytest.mark.parametrize("query, expect_in_text", [
    ("talking therapies", "psychological therapies"),
    ("UTC", "urgent treatment centres"),
    ("A&E", "accident and emergency"),
    ("CAMHS", "camhs"),
    ("PCN", "primary care network"),
    ("LWAB", "workforce"),
])
def test_thesaurus_finds_the_words_documents_use(corpus_kb, query, expect_in_text):
    r = corpus_kb.search(query, limit=20)
    assert r.total > 0 and expect_in_text in texts(r)


def test_field_filters(corpus_kb):
    stp = "2016-10_cw-stp_sustainability-transformation-plan"
    assert {h.doc_id for h in corpus_kb.search(f"stroke doc:{stp}", limit=50).hits} == {stp}
    assert {h.year for h in corpus_kb.search("stroke year:2016-2017", limit=50).hits} <= {2016, 2017}
    assert all(h.kind == "milestone" for h in corpus_kb.search("kind:milestone", limit=50).hits)
    owned = corpus_kb.search('owner:UHCW', limit=50)
    assert owned.total and all("University Hospitals Coventry and Warwickshire NHS Trust" in h.owners for h in owned.hits)
    themed = corpus_kb.search('theme:"mental health"', limit=50)
    assert themed.total and all("mental health" in h.themes for h in themed.hits)


def test_due_fields(corpus_kb):
    before = corpus_kb.search("due:<2018-04-01", limit=500)
    assert before.total and all(h.due_end is None or h.due_end < "2018-04-01" for h in before.hits)
    assert all(h.due_end is not None for h in before.hits)
    after = corpus_kb.search("due:>2020", limit=500)
    assert after.total and all(h.due_start is None or h.due_start > "2020-12-31" for h in after.hits)
    overlap = corpus_kb.search("due:[2018 to 2019]", limit=500)
    assert overlap.total and all((h.due_start or "0") <= "2019-12-31" and (h.due_end or "9") >= "2018-01-01"
                                 for h in overlap.hits)


def test_boolean_phrase_wildcard_fuzzy(corpus_kb):
    stroke = corpus_kb.search("stroke", limit=500)
    without = corpus_kb.search("stroke NOT consultation", limit=500)
    assert 0 < without.total < stroke.total and "consultation" not in texts(without)
    both = corpus_kb.search("stroke AND rehabilitation", limit=500)
    where = [(h.text + " " + h.section).lower() for h in both.hits]  # words may match the section too
    assert both.total and all("stroke" in w and "rehab" in w for w in where)
    phrase = corpus_kb.search('"stroke pathway"', limit=50)
    assert phrase.total and all("stroke pathway" in (h.text + " " + h.section).lower() for h in phrase.hits)
    assert corpus_kb.search("rehab*", limit=50).total > 0
    assert corpus_kb.search("thrombolisys~2", limit=50).total > 0


@pytest.mark.parametrize("query, message", [
    ('"unbalanced', "unbalanced quote"),
    ("(stroke OR dementia", "unbalanced parenthesis"),
    ("owner:", "owner: needs a value"),
    ("due:<notadate", "is not a date"),
    ("due:[2019 to 2018]", "is empty"),
    ("year:soon", "is not a year"),
    ("ownr:UHCW", "did you mean owner:"),
    ("stroke NOT", "NOT needs a word"),
])
def test_malformed_queries_explain_themselves(corpus_kb, query, message):
    with pytest.raises(QueryError, match=message):
        corpus_kb.search(query)


def test_text_with_a_colon_is_not_a_field(corpus_kb):
    assert corpus_kb.search("P&P: prevention", limit=5).total > 0


def test_facets_match_the_store(corpus_kb):
    r = corpus_kb.search("kind:commitment", limit=5)
    store_docs = Counter(c.doc_id for c in corpus_kb.commitments() if c.kind == "commitment")
    assert dict(r.facets["doc"]) == dict(store_docs)
    themes = Counter(t for c in corpus_kb.commitments() if c.kind == "commitment" for t in c.themes)
    assert dict(r.facets["theme"]) == dict(themes)


def test_highlights_mark_matched_words_only_in_shown_rows(corpus_kb):
    r = corpus_kb.search("rehabilitation", limit=3)
    assert len(r.hits) == 3
    assert all(f"{HL_START}rehabilitation{HL_END}" in h.highlight.lower() for h in r.hits)


def test_suggestion_when_nothing_found(corpus_kb):
    r = corpus_kb.search("strok rehabilitaton")
    assert r.total == 0 and r.suggestion == "stroke rehabilitation"


def test_commitments_rank_above_evidence(corpus_kb):
    r = corpus_kb.search("diabetes", limit=10)
    kinds = [h.kind for h in r.hits]
    assert "evidence" not in kinds[:3]


@pytest.mark.parametrize("query", [
    "care", "stroke rehabilitation", "care homes", "stroke AND rehab", "care NOT home", "A&E",
    "(stroke OR tia) AND services", "integrated care record", "dementia diagnosis rate",
])
def test_numpy_ranking_is_whooshs_ranking(corpus_kb, query):
    """kb scores word/AND/OR/NOT queries with numpy over whole posting lists; it must give the same
    documents, order and scores as Whoosh's own BM25F collector."""
    si = corpus_kb.searcher()
    q = si.parse(query).text_query
    ids, scores = si._matches.scored(q)
    assert len(ids), query
    ours = si._matches.top(ids, scores, 25)
    theirs = [(h.docnum, h.score) for h in si._searcher.search(q, limit=25)]
    assert [d for d, _ in ours] == [d for d, _ in theirs]
    assert [s for _, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-9)
    assert len(ids) == len(si._matches.docs(q))


def test_field_lengths_read_whole_match_whooshs(corpus_kb):
    si = corpus_kb.searcher()
    reader, m = si._searcher.reader(), si._matches
    from kb.index.matchset import _length_column

    for field in ("text", "concepts"):
        assert _length_column(reader, field, m.n) is not None  # the one-slice read, not the fallback
        assert m._field_lengths(field).tolist() == [reader.doc_field_length(d, field, 1) or 1 for d in range(m.n)]


def test_phrases_rank_with_whooshs_scores(corpus_kb):
    si = corpus_kb.searcher()
    q = si.parse('"stroke services"').text_query
    ids, scores = si._matches.scored(q)
    theirs = {h.docnum: h.score for h in si._searcher.search(q, limit=None)}
    assert len(ids) == len(theirs) > 3
    assert dict(zip(ids.tolist(), scores.tolist(), strict=True)) == pytest.approx(theirs)


def test_wildcards_score_alike_newest_first(corpus_kb):
    hits = corpus_kb.search("rehab*", limit=200).hits
    assert len(hits) > 10 and len({h.score for h in hits}) == 1
    assert [h.year for h in hits] == sorted((h.year for h in hits), reverse=True)
    assert [h.year for h in corpus_kb.search("rehab*", limit=200, oldest=True).hits] == sorted(h.year for h in hits)


@pytest.mark.parametrize("query", ["care", "serv*", "kind:commitment", '"care homes" OR stroke'])
def test_pages_join_into_the_whole_ranking(corpus_kb, query):
    """The app loads results page by page as the user scrolls: pages must neither repeat nor skip."""
    whole = [h.id for h in corpus_kb.search(query, limit=90, facets=False).hits]
    pages = [h.id for start in range(0, 90, 30)
             for h in corpus_kb.search(query, limit=30, offset=start, facets=False).hits]
    assert len(whole) > 30 and pages == whole


def test_the_users_own_phrasing_ranks_above_its_synonyms(corpus_kb):
    """A thesaurus phrase finds every phrasing of its concept, but passages with the words typed
    come first."""
    hits = corpus_kb.search("electronic patient record", limit=40).hits
    literal = [all(w in h.text.lower() for w in ("electronic", "patient", "record")) for h in hits]
    assert any(literal) and not all(literal)  # both kinds are found
    first_synonym = literal.index(False)
    assert all(literal[:first_synonym]) and not any(literal[first_synonym:])


def test_learnt_acronyms():
    learnt = learn_acronyms("The Local Estates Delivery Board (LEDB) and Primary Care Networks (PCNs) will ...")
    assert learnt["ledb"] == "local estates delivery board"
    assert learnt["pcns"] == "primary care networks"
    assert "local estates delivery board" in Thesaurus(learnt).expansions("LEDB")


@pytest.mark.parametrize("earlier, later", [
    ("moving towards an accountable care system for the county", "becoming a mature integrated care system"),
    ("pooling budgets through the Integration Transformation Fund", "the Better Care Fund plan for 2017-19"),
    ("a policy on procedures of limited clinical value", "evidence-based interventions rates"),
    ("cutting lower value procedures in day surgery", "the evidence based interventions programme"),
    ("piloting a primary care home in the market towns", "each primary care network will employ"),
    ("reducing delayed transfers of care", "fewer stranded patients on the wards"),
    ("assessments for continuing health care", "the NHS continuing healthcare budget"),
])
def test_a_national_programme_renamed_between_plans_is_one_concept(earlier, later):
    """England's national programmes change names between plan years; the old name and the new
    fold into one concept, for search and for the links a trace makes (kb.trace.features)."""
    from kb.trace.features import topical_terms

    thesaurus = Thesaurus()
    assert thesaurus.concepts_in(earlier) and thesaurus.concepts_in(earlier) == thesaurus.concepts_in(later)
    assert {t for t in topical_terms(earlier) if t.startswith("zz")} & topical_terms(later)


@pytest.mark.parametrize("text, phrase", [
    ("we will expand “urgent treatment” centres in the north", "urgent treatment centres"),
    ("a new 'care home' liaison team", "care homes"),
    ("support for people with a learning\ndisability", "learning disabilities"),
    ("children and young people's mental health services", "camhs"),
])
def test_a_phrase_read_through_quotation_marks_and_line_breaks(text, phrase):
    """A document may set quotation marks round part of a phrase or break a line inside it: the
    phrase is still its concept, for search and for traces; an apostrophe inside a word stays."""
    from kb.trace.features import normalise, terms

    thesaurus = Thesaurus()
    assert thesaurus.concepts_in(text) == thesaurus.concepts_in(phrase)
    assert {t for t in terms(normalise(text)) if t.startswith("zz")} == {t for t in terms(phrase) if t.startswith("zz")}


def test_a_clinical_shortening_is_the_word_it_shortens():
    thesaurus = Thesaurus()
    assert thesaurus.concepts_in("a post-op check at the optician") == thesaurus.concepts_in(
        "postoperative assessment in hospital")
    assert thesaurus.concepts_in("pre-op clinics") == thesaurus.concepts_in("pre-operative assessment clinics")


def test_a_learnt_long_form_ending_a_word_in_an_apostrophe_is_found():
    """A body defined as "the Northshire Young Carers' Forum (NYCF)": its long form ends a word in an
    apostrophe, which a match reads as part of the space between two words; indexing must still find
    its concept (it once stopped the ingest with a KeyError)."""
    text = "The Northshire Young Carers' Forum (NYCF) met in May. NYCF members asked for a drop-in."
    thesaurus = Thesaurus(learn_acronyms(text))
    assert thesaurus.concepts_in(text) == {thesaurus.concept("NYCF")} != {None}


def test_index_swap_is_atomic_under_concurrent_search(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / "2013-09_crccg_commissioning-intentions_2014-16.txt", docs)
    kb = KnowledgeBase(tmp_path / "idx")
    kb.ingest([docs])
    baseline = kb.search("stroke", limit=1000).total
    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def searcher():
        reader = KnowledgeBase(tmp_path / "idx")
        while not stop.is_set():
            try:
                totals.append(reader.search("stroke", limit=1000).total)
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
            stop.wait(0.005)  # a search every few milliseconds, without holding the interpreter from the ingest

    t = threading.Thread(target=searcher)
    t.start()
    try:
        for _ in range(2):
            kb.ingest([docs], rebuild=True)
    finally:
        stop.set()
        t.join()
    assert not errors
    assert totals and set(totals) == {baseline}


def test_two_concurrent_ingests_wait_for_each_other(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], docs)
    notices: list[str] = []
    results = []

    def ingest():
        kb = KnowledgeBase(tmp_path / "idx")
        results.append(kb.ingest([docs], rebuild=True, notice=notices.append))

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(not r.failed for r in results)
    assert KnowledgeBase(tmp_path / "idx").search("diabetes").total > 0


def test_the_index_writer_asks_for_field_lengths_once_per_field_and_writes_whoosh_s_index(three_doc_kb, monkeypatch):
    """kb's writer answers Whoosh's commit 'has this field a lengths column?' once per field instead
    of once per posting (kb.index.build._FieldLengths); the index is the one Whoosh's own writer
    writes: the same postings, field lengths, stored fields and columns."""
    from whoosh import index as windex
    from whoosh.codec.whoosh3 import W3PerDocReader

    from kb.index import build

    kb, _ = three_doc_kb
    asked = Counter()
    has_column = W3PerDocReader.has_column

    def counting(self, fieldname):
        asked[fieldname] += 1
        return has_column(self, fieldname)

    monkeypatch.setattr(W3PerDocReader, "has_column", counting)
    ours = build.build_index(kb.store, {}, "ours")
    assert asked and max(asked.values()) <= 2  # (ours, then once more by Whoosh for a field that has one)
    monkeypatch.setattr(build, "_writer", lambda ix: ix.writer(limitmb=128))
    plain = build.build_index(kb.store, {}, "plain")
    assert sum(asked.values()) > 10 * len(asked)  # Whoosh's writer asks at every posting

    def content(folder: Path):
        r = windex.open_dir(str(folder)).reader()
        postings = []
        for fieldname, text in r.all_terms():
            m = r.postings(fieldname, text)
            while m.is_active():
                postings.append((fieldname, text, m.id(), m.weight(), m.value()))
                m.next()
        lengths = [r.doc_field_length(d, f) for d in range(r.doc_count_all()) for f in r.schema.scorable_names()]
        columns = {f: list(r.column_reader(f, translate=False)) for f in r.schema.names() if r.has_column(f)}
        return postings, lengths, list(r.all_stored_fields()), columns

    assert content(ours) == content(plain)
    shutil.rmtree(ours)
    shutil.rmtree(plain)


def test_concurrent_searches_rank_alike_while_the_vectors_load(three_doc_template, monkeypatch):
    """The app runs each keystroke's search in a thread, and a cancelled one keeps running: two
    searches at once on a fresh index.  The semantic vectors load on first use; a search that came
    while another was loading them ranked by BM25 alone (a different order, at random: 5 of 60 in
    a loop of two threads).  Loading is slowed here so the second search always comes meanwhile."""
    import time

    import kb.index.search as search_module

    idx = three_doc_template / "idx"
    expected = [h.id for h in KnowledgeBase(idx).search("stroke pathway", limit=20).hits]
    real_load = search_module.np.load

    def slow_load(*args, **kwargs):
        time.sleep(0.4)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(search_module.np, "load", slow_load)
    kb = KnowledgeBase(idx)
    kb.searcher()  # one searcher for both threads, as in the app
    got: dict[int, list[str]] = {}

    def run(i: int) -> None:
        got[i] = [h.id for h in kb.search("stroke pathway", limit=20).hits]

    first = threading.Thread(target=run, args=(0,))
    first.start()
    time.sleep(0.1)  # the first is loading the vectors
    second = threading.Thread(target=run, args=(1,))
    second.start()
    first.join()
    second.join()
    assert got[0] == expected and got[1] == expected


@pytest.mark.parametrize("a, b", [("integrated", "integration"), ("consolidating", "consolidation"),
                                  ("planning", "plan"), ("committed", "commit"), ("communities", "community")])
def test_forms_of_one_word_share_a_stem(a, b):
    """Porter2, not Whoosh's default Porter, which stems "integrated" and "integration" apart."""
    from kb.index.schema import text_analyzer

    ana = text_analyzer()
    assert [t.text for t in ana(a)] == [t.text for t in ana(b)]
