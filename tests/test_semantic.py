"""The semantic signal: offline static embeddings, the light query path, stored vectors by id."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb import semantic
from kb.model import Commitment

ROOT = Path(__file__).resolve().parent.parent

# Sentences written for these tests (not from the corpus), with odd characters for the tokenizer.
SENTENCES = [
    "We will open a new community diabetes clinic in the north of the county by March 2022.",
    "Reduce spending on premium rate staff by £1.2m – mainly nursing shifts.",
    "People nearing the end of their life will be supported to die in the place they choose.",
    "Café naïve “quoted” text, tabs\tand\nnewlines, an emoji 😀 and CJK 漢字.",
    "AAAA aaaa 12345 3.5% 2019/20 Q4",
    "",
]


def test_embed_shape_normalised_deterministic():
    a = semantic.embed(SENTENCES)
    assert a.shape == (len(SENTENCES), semantic.DIM) and a.dtype == np.float32
    norms = np.linalg.norm(a, axis=1)
    assert np.allclose(norms[:-1], 1.0, atol=1e-5)
    assert norms[-1] == 0.0  # nothing to embed: a zero vector, never NaN
    assert np.array_equal(a, semantic.embed(SENTENCES))
    assert semantic.embed([]).shape == (0, semantic.DIM)


def test_meaning_beats_shared_side_words():
    v = semantic.embed(["supporting people to die at home", "end of life care and palliative services",
                        "a new home for the records office"])
    assert v[0] @ v[1] > v[0] @ v[2]


def test_light_query_path_gives_the_same_tokens_and_vectors(tmp_path):
    """`kb search` embeds with its own BPE and the memory-mapped weights: same ids, same vectors."""
    from tokenizers import Tokenizer

    light = semantic.QueryEmbedder.from_model()
    light.save(tmp_path / "q.npz")
    saved = semantic.QueryEmbedder.load(tmp_path / "q.npz")
    reference = Tokenizer.from_file(str(semantic.model_dir() / semantic.TOKENIZER_FILE))
    for text in SENTENCES:
        want = reference.encode(text, add_special_tokens=False).ids
        assert light.token_ids(text) == want and saved.token_ids(text) == want, text
    ours = np.stack([saved(t) for t in SENTENCES])
    assert np.allclose(ours, semantic.embed(SENTENCES), atol=1e-6)


def test_embeds_offline_without_any_cache(tmp_path):
    """No network and no model cache: the weights and tokenizer come from the installed package."""
    (tmp_path / "home").mkdir()
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent("""
        import socket
        def _refuse(*args, **kwargs):
            raise OSError("network used")
        socket.socket.connect = _refuse
        socket.create_connection = _refuse
        socket.getaddrinfo = _refuse
    """))
    code = ("from kb import semantic\n"
            "v = semantic.embed(['stroke rehabilitation at home'])\n"
            "assert v.shape == (1, 256)\n"
            "q = semantic.embed_query('stroke rehabilitation at home')\n"
            "assert abs(float(v[0] @ q) - 1) < 1e-5\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(guard), str(ROOT)]), HOME=str(tmp_path / "home"),
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", XDG_CACHE_HOME=str(tmp_path / "home"))
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "home" / ".cache").exists()


@pytest.mark.parametrize("section, context, expect", [
    ("Stroke › Early supported discharge", "", "Do it | Stroke › Early supported discharge"),
    ("A › B › C", "We will: Do it", "Do it | B › C | We will:"),
    ("", "", "Do it"),
])
def test_record_topic_text(section, context, expect):
    c = Commitment(id="x", doc_id="d", kind="commitment", text="Do it", section=section, page=None, line=None,
                   context=context)
    assert semantic.record_topic_text(c) == expect


def test_vectors_stored_at_ingest_and_read_by_id(corpus_kb):
    records = corpus_kb.commitments(include_evidence=True)[:40]
    ids = [c.id for c in records]
    stored = semantic.vectors_for(corpus_kb, ids)
    fresh = semantic.embed([semantic.record_topic_text(c) for c in records])
    assert stored.shape == (40, semantic.DIM)
    assert np.allclose(stored, fresh, atol=2e-3)  # stored as float16
    again = semantic.vectors_for(corpus_kb.store, [ids[3], "no-such-id", ids[0]])
    assert np.allclose(again[0], stored[3]) and not again[1].any() and np.allclose(again[2], stored[0])
    assert corpus_kb.store.get_meta("semantic") == semantic.fingerprint()


def test_a_store_without_vectors_gets_them_on_the_next_ingest(three_doc_kb):
    kb, docs = three_doc_kb
    import sqlite3

    con = sqlite3.connect(kb.store.path)
    con.execute("DROP TABLE vectors")
    con.execute("DELETE FROM meta WHERE key = 'semantic'")
    con.commit()
    con.close()
    some = [c.id for c in kb.commitments()[:5]]
    assert semantic.vectors_for(kb, some).any(axis=1).all()  # computed on the fly meanwhile
    kb.ingest([docs])  # nothing changed on disk, but the vectors are missing
    assert set(kb.store.vector_blobs(some)) == set(some)


# --- meaning-aware search ------------------------------------------------------------------------------
# Records written for these tests: one paraphrase target per query, and others sharing a side word.
OWN_RECORDS = [
    "Help more people at the end of their life to die in the place they choose, with hospice support.",
    "Open a new home improvement agency office for council tenants.",
    "Build 200 new council homes on the old depot site.",
    "Improve home insulation grants for older residents.",
    "Expand physiotherapy in community clinics.",
    "Offer psychological therapy for anxiety and depression to more adults.",
    "Reduce expenditure on temporary and locum nursing staff.",
    "Create a multi-agency safeguarding hub with the police.",
    "Resurface the main roads in the town centre.",
    "Recruit more school nurses for secondary schools.",
]


def _tiny_kb(root: Path, texts: list[str]):
    """A knowledge base holding exactly these records (no parsing), with vectors and an index."""
    from kb.api import KnowledgeBase
    from kb.model import Document, DocumentMeta

    kb = KnowledgeBase(root / "idx")
    doc = Document(DocumentMeta(id="plan", title="A plan", date="2021-04-01"), "plan.txt", "0", "text", None)
    records = [Commitment(id=f"r{i}", doc_id="plan", kind="commitment", text=t, section="Our plan", page=None,
                          line=i + 1) for i, t in enumerate(texts)]
    with kb.store.lock(), kb.store.transaction(before_swap=kb._build_index_from) as writer:
        writer.put_document(doc, records)
        semantic.refresh_vectors(writer)
    kb._point_to_index()
    return kb


def test_a_paraphrase_ranks_above_a_side_word_match(tmp_path):
    kb = _tiny_kb(tmp_path, OWN_RECORDS)
    ranked = [h.id for h in kb.search("death at home", limit=10).hits]
    assert "r0" in ranked  # shares no word (no stem: "death" is not "die") with the query: found by meaning
    assert ranked.index("r0") < ranked.index("r1") and ranked.index("r0") < ranked.index("r2")
    agency = [h.id for h in kb.search("cutting agency nurse spending", limit=10).hits]
    assert agency.index("r6") < agency.index("r7")  # "multi-agency" shares a word part, not the topic
    # BM25 alone (the semantic weight at 0) cannot find it at all
    kb.searcher().semantic_weight = 0.0
    assert "r0" not in [h.id for h in kb.search("death at home", limit=10).hits]


def test_exact_requests_keep_the_lexical_ranking(tmp_path):
    """Phrases, wildcards and boolean queries ask for words: no neighbours by meaning, BM25 order."""
    kb = _tiny_kb(tmp_path, OWN_RECORDS)
    si = kb.searcher()
    for query in ('"home improvement"', "home*", "home AND council", "dying at home NOT council"):
        hybrid = [(h.id, h.score) for h in kb.search(query, limit=10).hits]
        si.semantic_weight = 0.0
        lexical = [(h.id, h.score) for h in kb.search(query, limit=10).hits]
        si.semantic_weight = 0.4
        if query.startswith("dying"):  # plain words with an exclusion: widened, but the exclusion holds
            assert "r0" in [i for i, _ in hybrid] and "r2" not in [i for i, _ in hybrid]
        else:
            assert hybrid == lexical, query


def test_meaning_finds_what_the_thesaurus_used_to(three_doc_kb, monkeypatch):
    """Without the thesaurus groups for talking therapies and end of life, the hybrid ranking still
    finds IAPT for "talking therapies" and end-of-life commitments for "dying at home"."""
    from kb.index import thesaurus

    kb, _ = three_doc_kb
    dropped = [g for g in thesaurus.SYNONYM_GROUPS if "talking therapies" not in g and "end of life" not in g]
    assert len(dropped) == len(thesaurus.SYNONYM_GROUPS) - 2
    monkeypatch.setattr(thesaurus, "SYNONYM_GROUPS", dropped)
    kb.rebuild_index()
    talking = kb.search("talking therapies", limit=10).hits
    assert any("psychological therapies" in h.text.lower() or "iapt" in h.text.lower() for h in talking[:5])
    dying = kb.search("dying at home", limit=10).hits
    assert any("end of life" in (h.text + " " + h.section).lower() for h in dying[:5])


def test_kb_search_imports_no_heavy_library(corpus_kb):
    """A fresh `kb search` embeds its query without spaCy, Textual, wordllama or tokenizers."""
    code = ("import sys\n"
            "from kb.cli import main\n"
            f"rc = main(['--index', {str(corpus_kb.index_dir)!r}, 'search', 'dying at home', '--limit', '3',"
            " '--format', 'jsonl'])\n"
            "heavy = [m for m in ('spacy', 'textual', 'wordllama', 'tokenizers', 'safetensors') if m in sys.modules]\n"
            "assert rc == 0 and not heavy, heavy\n")
    run = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") == 3


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghij ABC&/-é☃\t.,'")), max_size=60))
def test_word_by_word_bpe_is_the_whole_text_bpe(text):
    """The query tokenizer works a word at a time (no vocabulary token holds "▁" after another
    character): the same token ids as merging over the whole text."""
    from kb.semantic import _clean, query_embedder

    q = query_embedder()
    cleaned = _clean(text)
    whole = q._bpe("\u2581" + cleaned.replace(" ", "\u2581")) if cleaned else []
    assert q.token_ids(text) == whole


def _register_and_topics(n_per_topic: int = 10, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors that all lean one way (a shared register) with one of eight topics each, as
    averaged word vectors of plan sentences do; and each vector's topic."""
    rng = np.random.default_rng(seed)
    register = rng.normal(size=semantic.DIM)
    topics = rng.normal(size=(8, semantic.DIM))
    labels = np.repeat(np.arange(8), n_per_topic)
    m = 3.0 * register + topics[labels] + 0.3 * rng.normal(size=(len(labels), semantic.DIM))
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32), labels


def test_the_common_component_out_leaves_the_topic_to_decide_closeness():
    m, labels = _register_and_topics()
    common = semantic.Common.of(m)
    assert common is not None
    raw, topic = m @ m.T, common.remove(m) @ common.remove(m).T
    other = labels[:, None] != labels[None, :]
    same = ~other & ~np.eye(len(m), dtype=bool)
    assert raw[other].mean() > 0.8  # every pair looks close while the register is in
    assert topic[other].mean() < 0.0 < 0.8 < topic[same].mean()
    assert np.allclose(np.linalg.norm(common.remove(m), axis=1), 1.0, atol=1e-5)


def test_the_common_component_keeps_empty_vectors_and_small_collections_and_round_trips():
    m, _ = _register_and_topics()
    common = semantic.Common.of(m)
    assert not common.remove(np.zeros(semantic.DIM, dtype=np.float32)).any()  # no token: no direction
    assert np.allclose(common.remove(m[3]), common.remove(m)[3], atol=1e-6)  # one vector as a row
    again = semantic.Common.from_json(common.to_json())
    assert np.allclose(again.remove(m), common.remove(m), atol=1e-4)
    assert semantic.Common.of(m[: semantic.COMMON_MIN_RECORDS - 1]) is None  # too few to estimate it


def test_the_index_stores_vectors_without_the_common_component(corpus_kb):
    """The search index's vectors are the store's with the collection's common component out, and
    a query is embedded the same way, so search ranks by closeness in topic."""
    import json

    from kb.index.build import VECTORS, VECTORS_INFO, current_index_dir

    folder = current_index_dir(corpus_kb.index_dir)
    info = json.loads((folder / VECTORS_INFO).read_text(encoding="utf-8"))
    common = semantic.Common.from_json(info["common"])
    stored = np.load(folder / VECTORS).astype(np.float32)
    searcher = corpus_kb.searcher()
    first = [searcher._searcher.stored_fields(i)["id"] for i in range(5)]
    raw = semantic.vectors_for(corpus_kb, first)
    assert np.allclose(stored[:5], common.remove(raw), atol=5e-3)
    assert abs(float((stored @ common.top[0]).mean())) < 0.01  # the leading direction is out


def test_an_index_built_before_the_common_component_searches_on_its_raw_vectors(three_doc_kb):
    """An index whose vectors.json names no common component (built by an earlier kb) holds raw
    vectors: the query stays raw too, and the raw floor picks the neighbours."""
    import json

    from kb.index.build import VECTORS, VECTORS_INFO, current_index_dir

    kb, _ = three_doc_kb
    folder = current_index_dir(kb.index_dir)
    info = json.loads((folder / VECTORS_INFO).read_text(encoding="utf-8"))
    assert info["common"] is not None  # (this index was built with it)
    ids = [kb.searcher()._searcher.stored_fields(i)["id"] for i in range(info["n"])]
    np.save(folder / VECTORS, semantic.vectors_for(kb, ids).astype(np.float16))
    (folder / VECTORS_INFO).write_text(json.dumps({**info, "common": None}), encoding="utf-8")
    fresh = type(kb)(kb.index_dir)
    hits = fresh.search("dying at home", limit=10).hits
    assert not fresh.searcher().ranks_by_topic and hits
    assert any("end of life" in (h.text + " " + h.section).lower() for h in hits[:5])
