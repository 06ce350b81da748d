"""Data safety of an ingest under faults (issue 11, items 1, 6, 7, 8).

Fault injection: `kb ingest` runs in a subprocess that stops at a named phase (kb.faults), the test
kills it with a signal, then checks that store and index agree (both old or both new), that what
the killed ingest left behind is cleaned up by the next one, and that search then finds the new text.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from kb.cli import main
from kb.faults import PHASES
from kb.index.build import index_state
from kb.index.search import SearchIndex
from kb.store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent
OLD_TEXT = "The board will open two new community hubs in Nuneaton by March 2020.\n"
NEW_TEXT = "The board will build a zebrafinch respite clinic in Bedworth by March 2021.\n"


def _docs(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hubs.txt").write_text("Community plan\n\n" + OLD_TEXT, encoding="utf-8")
    idx = tmp_path / "idx"
    report = KnowledgeBase(idx).ingest([docs], jobs=1)
    assert report.ingested and not report.failed
    (docs / "clinic.txt").write_text("Respite plan\n\n" + NEW_TEXT, encoding="utf-8")
    return docs, idx


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KB_JOBS="1", **extra)
    return env


def _start_paused(idx: Path, docs: Path, phase: str, marker: Path) -> subprocess.Popen:
    """`kb ingest` in a subprocess, stopped at `phase` (it writes `marker` and waits)."""
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--index", str(idx), "ingest", str(docs)],
                            env=_env(KB_TEST_PAUSE_AT=phase, KB_TEST_PAUSE_FILE=str(marker)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"ingest never reached {phase}: {err}")
        time.sleep(0.02)
    return proc


def _store_ids(idx: Path) -> set[str]:
    with sqlite3.connect(idx / "kb.sqlite") as con:
        return {r[0] for r in con.execute("SELECT id FROM commitments")}


def _index_ids(idx: Path) -> set[str]:
    s = SearchIndex(idx)
    try:
        return {f["id"] for f in s._searcher.all_stored_fields()}
    finally:
        s.close()


def _texts(idx: Path) -> str:
    with sqlite3.connect(idx / "kb.sqlite") as con:
        return " ".join(r[0] for r in con.execute("SELECT text FROM commitments"))


def _assert_in_step(idx: Path) -> None:
    target, in_step = index_state(idx)
    assert target is not None and in_step, "the index is not the one built from the store"
    assert _store_ids(idx) == _index_ids(idx)


def _leftovers(idx: Path) -> list[str]:
    """Temporaries and half-written index folders."""
    return sorted(p.name for p in idx.iterdir()
                  if p.name.startswith(".kb-") or (p.name.startswith("search-") and not (p / "built_from.json").exists()))


@pytest.mark.parametrize("phase", PHASES)
def test_ingest_killed_at_each_phase_leaves_store_and_index_in_step(tmp_path, phase):
    docs, idx = _docs(tmp_path)
    proc = _start_paused(idx, docs, phase, tmp_path / "paused")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # Both old, or (killed after the store swap) both new; never a new store with an old index.
    _assert_in_step(idx)
    assert ("zebrafinch" in _texts(idx)) == (phase == "swap")
    if phase in ("store", "threads", "index"):
        assert any(name.startswith(".kb-") for name in _leftovers(idx))  # what a kill leaves behind
    kb = KnowledgeBase(idx)
    report = kb.ingest([docs], jobs=1)
    assert not report.failed
    _assert_in_step(idx)
    assert _leftovers(idx) == []
    hits = kb.search("zebrafinch").hits
    assert [h.doc_id for h in hits] == ["clinic"]
    assert kb.search("Nuneaton").hits


@pytest.mark.parametrize("phase", ["parse", "index"])
def test_ctrl_c_stops_cleanly_and_keeps_the_old_store(tmp_path, phase):
    docs, idx = _docs(tmp_path)
    before = _store_ids(idx)
    proc = _start_paused(idx, docs, phase, tmp_path / "paused")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err and "kb: interrupted" in err
    assert _store_ids(idx) == before
    _assert_in_step(idx)
    assert _leftovers(idx) == []  # the interrupted ingest removed its own temporaries


def test_an_index_out_of_step_is_rebuilt_by_the_next_ingest(tmp_path, capsys):
    """A store newer than its index (an older kb killed mid-index, a deleted index folder): search
    says so in one line, and the next ingest, with nothing to parse, rebuilds the index."""
    docs, idx = _docs(tmp_path)
    KnowledgeBase(idx).ingest([docs], jobs=1)
    target, _ = index_state(idx)
    with sqlite3.connect(idx / "kb.sqlite") as con:  # what an older kb left: the store moved, the index did not
        con.execute("UPDATE meta SET value = 'older' WHERE key = 'generation'")
    assert not index_state(idx)[1]
    status = main(["--index", str(idx), "search", "zebrafinch"])
    _, err = capsys.readouterr()
    assert status == 0 and "behind the store; run 'kb ingest'" in err
    status = main(["--index", str(idx), "ingest", str(docs)])
    _, err = capsys.readouterr()
    assert status == 0 and "out of step" in err and "2 unchanged" in err
    _assert_in_step(idx)
    assert KnowledgeBase(idx).search("zebrafinch").hits


def test_the_next_ingest_waits_for_a_live_one_and_leaves_its_files_alone(tmp_path):
    docs, idx = _docs(tmp_path)
    marker = tmp_path / "paused"
    proc = _start_paused(idx, docs, "store", marker)
    live = sorted(p.name for p in idx.glob(".kb-*"))
    assert live
    notices: list[str] = []
    second = threading.Thread(target=lambda: KnowledgeBase(idx).ingest([docs], notice=notices.append, jobs=1))
    second.start()
    deadline = time.monotonic() + 10
    while not notices and time.monotonic() < deadline:
        time.sleep(0.02)
    assert notices and "waiting" in notices[0]
    assert sorted(p.name for p in idx.glob(".kb-*")) == live  # the live ingest's copy is untouched
    marker.unlink()  # let the first ingest go on
    _, err = proc.communicate(timeout=60)
    second.join(timeout=60)
    assert proc.returncode == 0, err
    assert "ingested 1 file(s)" in err
    _assert_in_step(idx)
    assert "zebrafinch" in _texts(idx) and _leftovers(idx) == []


# --- item 7: file mode and a read-only index --------------------------------------------------------
def test_the_store_keeps_its_mode_across_an_incremental_ingest(tmp_path):
    old = os.umask(0o022)
    try:
        docs, idx = _docs(tmp_path)
        store = idx / "kb.sqlite"
        assert stat.S_IMODE(store.stat().st_mode) == 0o644  # the umask's default, not mkstemp's 0600
        os.chmod(store, 0o664)  # shared with a group
        report = KnowledgeBase(idx).ingest([docs], jobs=1)
        assert report.ingested
        assert stat.S_IMODE(store.stat().st_mode) == 0o664
    finally:
        os.umask(old)


def _as_ordinary_user() -> None:
    """In the child before exec: root loses the right to ignore file permissions (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH dropped from its bounding set), so a read-only folder is read-only for it too."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_index_is_one_clear_line(tmp_path):
    base = Path(tempfile.mkdtemp(prefix="kb-readonly-"))
    try:
        os.chmod(base, 0o755)
        docs, idx = _docs(base)
        for p in (docs, *docs.iterdir()):
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        before = _store_ids(idx)
        os.chmod(idx, 0o555)
        proc = subprocess.run([sys.executable, "-m", "kb.cli", "--index", str(idx), "ingest", str(docs)],
                              env=_env(), capture_output=True, text=True, timeout=60, preexec_fn=_as_ordinary_user)
        os.chmod(idx, 0o755)
        assert proc.returncode == 1
        assert proc.stderr.strip() == f"kb: cannot write index {idx}: permission denied", proc.stderr
        assert _store_ids(idx) == before
        _assert_in_step(idx)
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


# --- item 6: a store above 250,000 records exports --------------------------------------------------
def _synthetic_store(idx: Path, n: int) -> None:
    """`n` records written straight into a store (no parser), over 10 documents."""
    with Store(idx).transaction() as w:
        con = w.con
        con.executemany("INSERT INTO documents (id, path, sha256, title, date, kind) VALUES (?,?,?,?,?,?)",
                        [(f"doc{d}", f"doc{d}.txt", "x", f"Plan {d}", f"20{10 + d}-01-01", "plan") for d in range(10)])
        con.executemany(
            "INSERT INTO commitments (id, doc_id, seq, kind, text, section, line, due, owners, themes, targets,"
            " status, evidence, confidence) VALUES (?,?,?,?,?,'',?,'[]','[]','[]','[]','','[]',0.5)",
            ((f"r{i:06d}", f"doc{i % 10}", i, "commitment", f"We will deliver item {i}.", i) for i in range(n)))
        w.changed = True


def test_looking_up_300000_ids_is_chunked(tmp_path):
    """More ids than SQLite's variable limit (250,000 in this build) in one lookup: fast, always run."""
    idx = tmp_path / "idx"
    _synthetic_store(idx, 1000)
    ids = [f"r{i:06d}" for i in range(300_000)]
    found = Store(idx).commitments_by_ids(ids)
    assert len(found) == 1000
    assert [c.id for c in Store(idx).iter_commitments_by_ids(ids[995:1005])] == [f"r{i:06d}" for i in range(995, 1000)]


@pytest.mark.slow
def test_export_of_300000_records_streams(tmp_path, capsys):
    """A 300,000-record store (written directly, no parser) exports in full, streamed.  About 10 s of
    CPU here (record building and CSV), so it is marked slow: `pytest -m slow` runs it."""
    idx = tmp_path / "idx"
    _synthetic_store(idx, 300_000)
    store = Store(idx)
    ids = store.ids_in_document_order()
    assert len(ids) == 300_000
    assert len(store.commitments_by_ids(ids)) == 300_000  # one query per chunk, not 300,000 variables
    out = tmp_path / "all.csv"
    status = main(["--index", str(idx), "export", "--format", "csv", "--output", str(out)])
    _, err = capsys.readouterr()
    assert status == 0, err
    assert "exported 300000 records" in err
    with out.open(encoding="utf-8") as fh:
        assert sum(1 for _ in fh) == 300_001


def test_a_store_error_names_its_real_cause(tmp_path):
    idx = tmp_path / "idx"
    idx.mkdir()
    (idx / "kb.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(Exception) as info:
        Store(idx).documents()
    assert "not a readable kb store (file is not a database)" in str(info.value)
    _synthetic_store(tmp_path / "ok", 10)
    store = Store(tmp_path / "ok")
    with pytest.raises(Exception) as info, store.read() as con:
        con.execute("SELECT nope FROM commitments")
    assert "not a readable kb store" not in str(info.value) and "no such column: nope" in str(info.value)
