"""The semantic signal: offline static embeddings, the light query path, stored vectors by id."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

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
