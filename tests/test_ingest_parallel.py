"""Ingest parses files in worker processes and reports progress (issue 11 item 11, issue 12 speed).

The records do not depend on how many processes parsed them; a bad file is still its one line; Ctrl-C
stops the workers too; a long file reports progress by blocks, and a piped ingest prints a line per
file with its counts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.api import IngestProgress, KnowledgeBase
from kb.cli import main

ROOT = Path(__file__).resolve().parent.parent

PLAN_A = """Community services plan 2019/20

The council will open three new family hubs in Rugby by March 2020.

Last year the partnership reviewed the carers' support offer.

- Recruit twenty community nurses by December 2019
- Launch a falls prevention service in Bedworth during 2020/21
"""
PLAN_B = """Mental health strategy 2020-2023

The trust will reduce out-of-area placements to zero by April 2021.

We will publish a suicide prevention plan in autumn 2020.
"""


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2019_council_community-plan.txt").write_text(PLAN_A, encoding="utf-8")
    (docs / "2020_trust_mental-health.txt").write_text(PLAN_B, encoding="utf-8")
    (docs / "broken.txt").write_bytes(bytes(range(256)) * 10)
    return docs


def _records(idx: Path) -> list[dict]:
    kb = KnowledgeBase(idx)
    return sorted(kb.export_stream(include_evidence=True), key=lambda r: r["id"])


def test_parallel_and_serial_parse_store_the_same_records(tmp_path, capsys):
    docs = _docs(tmp_path)
    status = main(["--index", str(tmp_path / "pool"), "ingest", "--jobs", "2", str(docs)])
    _, err = capsys.readouterr()
    assert status == 1 and "Traceback" not in err
    assert [x for x in err.splitlines() if x.startswith("kb: ")] == [f"kb: {docs / 'broken.txt'}: binary data, not a text export"]
    assert "ingested 2 file(s)" in err and "1 failed" in err
    serial = KnowledgeBase(tmp_path / "one").ingest([docs], jobs=1)
    assert len(serial.ingested) == 2 and len(serial.failed) == 1
    pooled = _records(tmp_path / "pool")
    assert pooled == _records(tmp_path / "one")
    assert any("family hubs" in r["text"] for r in pooled) and any("placements" in r["text"] for r in pooled)


def test_a_piped_ingest_prints_a_line_per_file_with_counts(tmp_path, capsys):
    docs = _docs(tmp_path)
    main(["--index", str(tmp_path / "idx"), "ingest", "--jobs", "1", str(docs)])
    _, err = capsys.readouterr()
    lines = [x for x in err.splitlines() if x.startswith("parsed ")]
    assert len(lines) == 2
    kb = KnowledgeBase(tmp_path / "idx")
    for line in lines:
        doc = next(d for d in kb.documents() if line.startswith(f"parsed {docs / d.meta.id}.txt: "))
        assert f": {doc.commitments} commitments, {doc.evidence} evidence passages (" in line


def _long_plan(n: int) -> str:
    """`n` paragraphs of distinct wording (lines that differ only in numbers read as running headers)."""
    verbs = ("review", "expand", "redesign", "recommission", "relocate", "evaluate", "extend")
    services = ("day centre", "respite unit", "memory clinic", "falls service", "carers hub", "stroke ward",
                "wheelchair service", "podiatry clinic", "walk-in centre", "dental pathway")
    places = ("Rugby", "Bedworth", "Nuneaton", "Kenilworth", "Leamington")
    lines = ["Service plan", ""]
    for i in range(n):
        v, sv, pl = verbs[i % 7], services[(i // 7) % 10], places[(i // 70) % 5]
        lines += [f"The council will {v} the {sv} in {pl} by March {2020 + i % 5}.", ""]
    return "\n".join(lines)


def test_a_long_file_reports_progress_by_blocks(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text(_long_plan(350), encoding="utf-8")
    events: list[IngestProgress] = []
    KnowledgeBase(tmp_path / "idx").ingest([long], progress=events.append, jobs=1)
    extracting = [e for e in events if e.stage == "extracting"]
    (done,) = [e for e in events if e.stage == "done"]
    total = done.blocks
    assert total > 300 and done.commitments >= 300
    assert [(e.blocks_done, e.blocks) for e in events if e.stage == "reading"][-1] == (total, 0)  # laid out
    assert [e.blocks_done for e in extracting] == list(range(0, total, 100))
    assert {e.blocks for e in extracting} == {total}
    # then the steps of storing, after the parse, each with the records done of all (0: no count)
    storing = events[events.index(done) + 1:]
    assert {e.stage for e in storing} == {"storing"}
    assert list(dict.fromkeys(e.step for e in storing)) == ["semantic vectors", "links and threads", "search index"]
    records = done.commitments + done.evidence
    assert [(e.done, e.total) for e in storing if e.step == "search index"] == [(0, records), (records, records)]


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_stopping_a_parallel_parse_stops_the_workers(tmp_path, sig):
    """Ctrl-C: a clean stop (status 130, one line); SIGKILL: no cleanup in the parent, but the
    workers notice and exit rather than parse on as orphans."""
    docs = _docs(tmp_path)
    for i in range(3):
        (docs / f"2021_extra-{i}.txt").write_text(PLAN_B.replace("2021", str(2022 + i)), encoding="utf-8")
    marker = tmp_path / "paused"
    env = dict(os.environ, PYTHONPATH=str(ROOT), KB_TEST_PAUSE_AT="parse", KB_TEST_PAUSE_FILE=str(marker))
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--index", str(tmp_path / "idx"), "ingest",
                             "--jobs", "2", str(docs)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(proc.pid)
    assert marker.exists() and workers
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and err.strip().splitlines()[-1] == "kb: interrupted" and "Traceback" not in err
        assert not list((tmp_path / "idx").glob(".kb-*"))
    assert not (tmp_path / "idx" / "kb.sqlite").exists()

    def alive() -> list[int]:
        return [p for p in workers if Path(f"/proc/{p}").exists()
                and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()]

    deadline = time.monotonic() + 10
    while alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive()


def test_a_piped_ingest_of_one_long_file_says_how_far_it_got(tmp_path, capsys, monkeypatch):
    import kb.cli

    monkeypatch.setattr(kb.cli, "PIPED_PROGRESS_S", 0.0)  # a line at every block report, not every 30 s
    long = tmp_path / "long.txt"
    long.write_text(_long_plan(250), encoding="utf-8")
    assert main(["--index", str(tmp_path / "idx"), "ingest", "--jobs", "1", str(long)]) == 0
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert [x.split(": ")[1] for x in lines if x.startswith("parsing ")][1:] == ["100/251 blocks", "200/251 blocks"]
    assert [x for x in lines if x.startswith("reading ")] == [f"reading {long}: 251 blocks laid out"]
    (parsed,) = [x for x in lines if x.startswith("parsed ")]
    assert parsed.startswith(f"parsed {long}: ") and "(251 blocks" in parsed
    # then the steps of storing, each named as it starts, with the records done of all
    storing = lines[lines.index(parsed) + 1:-1]
    records = sum(d.commitments + d.evidence for d in KnowledgeBase(tmp_path / "idx").documents())
    assert storing == [f"storing semantic vectors: 0/{records} records", f"storing semantic vectors: {records}/{records} records",
                       "storing links and threads",
                       f"storing search index: 0/{records} records", f"storing search index: {records}/{records} records"]


def test_piped_ingest_names_the_thread_statuses_step_with_the_threads_done(tmp_path, monkeypatch, capsys):
    """Papers of two dates: after the search index, the threads' statuses are settled as a trace
    reads them (kb.trace.settle), a step that counts threads, not records."""
    import kb.cli

    monkeypatch.setattr(kb.cli, "PIPED_PROGRESS_S", 0.0)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2019-04_fernvale-council_library-plan.txt").write_text(
        "Library Plan 2019-2021\n\nBranch libraries\n\n- We will open the Fernvale branch library on Sundays by March 2020.\n"
        "- We will lend e-readers at every branch library by 2021.\n", encoding="utf-8")
    (docs / "2021-06_fernvale-council_library-review.txt").write_text(
        "Library Review 2021\n\nBranch libraries\n\nThe Fernvale branch library opened on Sundays in January 2020.\n"
        "E-readers are now lent at four of the six branch libraries.\n", encoding="utf-8")
    assert main(["--index", str(tmp_path / "idx"), "ingest", "--jobs", "1", str(docs)]) == 0
    lines = capsys.readouterr().err.splitlines()
    settled = [x for x in lines if x.startswith("storing thread statuses")]
    roots = [t for t in KnowledgeBase(tmp_path / "idx").threads() if t["root"].startswith("201904")]
    assert roots and settled[-1] == f"storing thread statuses: {len(roots)}/{len(roots)} threads"


def test_on_a_terminal_a_long_file_shows_its_blocks_and_the_storing_steps(tmp_path, monkeypatch):
    """What a person at a terminal sees: a bar of the file's blocks, laid out then extracted, and one
    for each step of storing (the bars are transient: read from what was written to the terminal)."""
    import io

    from rich.console import Console

    import kb.cli

    screen = io.StringIO()
    monkeypatch.setattr(kb.cli, "_is_tty", lambda stream: True)
    monkeypatch.setattr(kb.cli, "_console", lambda stderr=False: Console(file=screen, force_terminal=True, width=120))
    long = tmp_path / "long.txt"
    long.write_text(_long_plan(350), encoding="utf-8")
    assert main(["--index", str(tmp_path / "idx"), "ingest", "--jobs", "1", str(long)]) == 0
    shown = screen.getvalue()
    assert "blocks of long.txt extracted" in shown and "/351" in shown  # the file's blocks, of all of them
    assert "records: search index" in shown


def test_ctrl_c_while_a_pool_starts_its_workers_is_taken_after():
    """A Ctrl-C that arrives while workers are being started (kb.ingest.interrupts_deferred) does not
    cut a start off half-way (a worker left waiting for its start-up data would hold the interpreter's
    exit for ever): it is raised as KeyboardInterrupt once the block is done, and the handler before
    it is back."""
    from kb.ingest import interrupts_deferred

    before = signal.getsignal(signal.SIGINT)
    done = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the signal is handled here, and deferred
            done.append(True)
    assert done == [True]
    assert signal.getsignal(signal.SIGINT) is before
    with interrupts_deferred():  # no Ctrl-C: nothing raised
        done.append(True)
    assert done == [True, True]
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Ctrl-C ignored (a background job of a shell without job control): it stays ignored
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            done.append(True)
        assert done == [True, True, True]
    finally:
        signal.signal(signal.SIGINT, before)
