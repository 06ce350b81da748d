"""Ingest speed and memory, as JSON.

- the bundled corpus from scratch (in process), the index build alone, and a re-ingest with nothing
  changed (a fresh `kb ingest` process, as a user runs it);
- serial against parallel parsing, in the same run: `kb ingest --jobs 1` and `--jobs N` (N: every
  core) in fresh processes, on the bundled corpus and on the synthetic corpus `--factor` times its
  size (bench/synth.py); `synth_growth` is the synthetic time over `factor` x the corpus time
  (1.0 = linear growth);
- one big text file (`--big-mb`, default 50 MB, generated here from year-shifted, reworded
  variants of the corpus): ingest time, peak resident memory of the `kb ingest` process and the
  records it stored;
- PDF pages/s on PDFs generated from the corpus text (tests/pdfgen.py), for kb's reader and for a
  bare pdfplumber `extract_text()` loop over the same files.

`--skip corpus,parallel,synth,big,pdf` leaves parts out (the full run takes a while on two cores).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

KB_BIN = str(Path(sys.executable).with_name("kb"))


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run_ingest(index: Path, paths: list[Path], jobs: int | None = None, echo: bool = False) -> dict:
    """`kb ingest` in a fresh process, piped as in a log: wall time, CPU time (`cpu_s`: the process
    and the parser workers it waited for), peak resident memory of its
    process tree (the `kb ingest` process and its parser workers together, sampled from /proc;
    `peak_rss_mb`), the largest single process's peak (`peak_rss_one_mb`, from the kernel), exit
    status and last line; and when the last file was parsed and stored (its `parsed FILE: ...` line):
    `parsed_s` and the tree's peak until then, `parsed_peak_rss_mb` (what follows is the semantic
    vectors, the links between records and the search index, over the whole store).  `echo`: each
    line the ingest prints is also printed here, with the time and the tree's memory then (a long
    run shows where it is)."""
    import threading

    argv = [KB_BIN, "--index", str(index), "ingest", *map(str, paths)]
    if jobs is not None:
        argv[4:4] = ["--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    lines: list[str] = []
    parsed: dict = {}

    def read_stderr() -> None:
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            lines.append(line)
            if echo:
                print(f"[{time.perf_counter() - t0:7.0f} s, tree {sampler.now_kb / 1024:5.0f} MB, peak "
                      f"{sampler.peak_kb / 1024:5.0f} MB] {line}", file=sys.stderr, flush=True)
            if line.startswith("parsed "):
                parsed.update(parsed_s=round(time.perf_counter() - t0, 2), parsed_peak_rss_mb=round(sampler.peak_kb / 1024))

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    sampler.stop()
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"s": round(seconds, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(max(sampler.peak_kb, usage.ru_maxrss) / 1024),
            "peak_rss_one_mb": round(usage.ru_maxrss / 1024), "status": proc.returncode,
            "summary": next((x for x in reversed(lines) if x.strip()), ""), **parsed}


class TreeMemory:
    """The peak of the summed resident memory of a process and its descendants, sampled from /proc
    every `every` seconds in a thread (the kernel's own peak, ru_maxrss, is per process: it misses
    a parent and its workers holding memory at the same time)."""

    def __init__(self, pid: int, every: float = 0.1):
        import threading

        self.pid, self.every, self.peak_kb, self.now_kb = pid, every, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        while not self._stop.is_set():
            self.now_kb = sum(_rss_pages(p) for p in _tree(self.pid)) * page_kb
            self.peak_kb = max(self.peak_kb, self.now_kb)
            self._stop.wait(self.every)


def _tree(root: int) -> list[int]:
    """`root` and every process below it, from each process's parent id in /proc/PID/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _rss_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def make_big_text(dst: Path, megabytes: float) -> Path:
    """One text file of `megabytes` MB: variants of the corpus documents (years shifted, words
    swapped, bullets reordered; bench/synth.py), one after another, each under its own heading."""
    from synth import make_variant

    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    written, k = 0, 0
    with dst.open("w", encoding="utf-8") as out:
        while written < target:
            rng = random.Random(1000 + k)
            for text in sources:
                part = f"\n\nPart {k + 1}\n\n" + make_variant(text, k % 25, rng)
                out.write(part)
                written += len(part.encode("utf-8"))
            k += 1
    return dst


def bench_corpus(out: dict, tmp: Path) -> None:
    from kb.api import KnowledgeBase

    kb = KnowledgeBase(tmp / "index")
    out["ingest_from_scratch_s"] = round(timed(lambda: kb.ingest([ROOT / "corpus"])), 2)
    out["records"] = len(kb.commitments(include_evidence=True))
    out["commitments"] = len(kb.commitments())
    out["index_build_s"] = round(timed(kb.rebuild_index), 2)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([KB_BIN, "--index", str(tmp / "index"), "ingest", str(ROOT / "corpus")],
                       check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    out["reingest_unchanged_process_s"] = round(statistics.median(runs), 3)
    out["reingest_unchanged_in_process_s"] = round(timed(lambda: kb.ingest([ROOT / "corpus"])), 3)


def bench_serial_parallel(out: dict, tmp: Path, factor: int, with_synth: bool) -> None:
    from kb.ingest import default_jobs

    jobs = default_jobs()
    out["jobs"] = jobs
    corpus = [ROOT / "corpus"]
    serial = run_ingest(tmp / "c1", corpus, jobs=1)
    parallel = run_ingest(tmp / "cN", corpus, jobs=jobs)
    out["corpus_serial_s"], out["corpus_parallel_s"] = serial["s"], parallel["s"]
    out["corpus_parallel_speedup"] = round(serial["s"] / parallel["s"], 2)
    out["corpus_serial_peak_rss_mb"], out["corpus_parallel_peak_rss_mb"] = serial["peak_rss_mb"], parallel["peak_rss_mb"]
    if not with_synth:
        return
    from synth import make_synthetic_corpus

    synth = tmp / f"synth{factor}"
    files = make_synthetic_corpus(ROOT / "corpus", synth, factor)
    out["synth_factor"], out["synth_files"] = factor, len(files)
    out["synth_mb"] = round(sum(f.stat().st_size for f in files) / 1e6, 1)
    s_serial = run_ingest(tmp / "s1", [synth], jobs=1)
    s_parallel = run_ingest(tmp / "sN", [synth], jobs=jobs)
    out["synth_serial_s"], out["synth_parallel_s"] = s_serial["s"], s_parallel["s"]
    out["synth_parallel_speedup"] = round(s_serial["s"] / s_parallel["s"], 2)
    out["synth_serial_peak_rss_mb"], out["synth_parallel_peak_rss_mb"] = s_serial["peak_rss_mb"], s_parallel["peak_rss_mb"]
    out["synth_growth_serial"] = round(s_serial["s"] / (factor * serial["s"]), 2)
    out["synth_growth_parallel"] = round(s_parallel["s"] / (factor * parallel["s"]), 2)
    out["synth_summary"] = s_parallel["summary"]


def bench_big_file(out: dict, tmp: Path, megabytes: float, echo: bool = False) -> None:
    """One generated text file of `megabytes` MB through `kb ingest` in a fresh process (run_ingest):
    time, MB/s, the process tree's peak memory (and until the file was parsed and stored), records."""
    from kb.store.sqlite import Store

    big = make_big_text(tmp / "big.txt", megabytes)
    mb = big.stat().st_size / 1e6
    out["big_file_mb"] = round(mb, 1)
    run = run_ingest(tmp / "big-index", [big], echo=echo)
    out["big_file_ingest_s"] = run["s"]
    out["big_file_cpu_s"] = run["cpu_s"]  # the ingest and its parser process: on a shared machine, wall time is not
    out["big_file_mb_per_s"] = round(mb / run["s"], 3)
    out["big_file_peak_rss_mb"] = run["peak_rss_mb"]
    out["big_file_peak_rss_one_process_mb"] = run["peak_rss_one_mb"]
    out["big_file_parsed_s"] = run.get("parsed_s")
    out["big_file_parsed_peak_rss_mb"] = run.get("parsed_peak_rss_mb")
    out["big_file_status"] = run["status"]
    out["big_file_summary"] = run["summary"]
    store = Store(tmp / "big-index")
    if store.exists():
        docs = store.documents()
        out["big_file_records"] = sum(d.commitments + d.evidence for d in docs)
        out["big_file_commitments"] = sum(d.commitments for d in docs)


def bench_pdf(out: dict, tmp: Path) -> None:
    import pdfgen
    import pdfplumber

    from kb.api import KnowledgeBase
    from kb.sources.pdf import read_pdf

    pdfs = []
    for src in sorted((ROOT / "corpus").glob("*.txt")):
        dst = tmp / f"{src.stem}.pdf"
        pdfgen.text_export_to_pdf(src, dst)
        pdfs.append(dst)
    pages = 0

    def kb_reader():
        nonlocal pages
        pages = sum(read_pdf(p)[1] for p in pdfs)

    def bare():
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    kb_s = min(timed(kb_reader) for _ in range(2))
    bare_s = min(timed(bare) for _ in range(2))
    out["pdf_pages"] = pages
    out["pdf_kb_reader_pages_per_s"] = round(pages / kb_s, 1)
    out["pdf_bare_pdfplumber_pages_per_s"] = round(pages / bare_s, 1)
    out["pdf_ratio_kb_vs_bare"] = round(bare_s / kb_s, 2)
    pdf_kb = KnowledgeBase(tmp / "pdf-index")
    out["pdf_ingest_s"] = round(timed(lambda: pdf_kb.ingest(pdfs)), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=20, help="synthetic corpus size, times the bundled one")
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the one big text file")
    parser.add_argument("--echo", action="store_true",
                        help="print the big file's ingest lines as they come, with the time and memory then")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out: corpus, parallel, synth, big, pdf")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    out: dict = {}
    parts = (("corpus", lambda tmp: bench_corpus(out, tmp)),
             ("parallel", lambda tmp: bench_serial_parallel(out, tmp, args.factor, with_synth="synth" not in skip)),
             ("big", lambda tmp: bench_big_file(out, tmp, args.big_mb, args.echo)),
             ("pdf", lambda tmp: bench_pdf(out, tmp)))
    with tempfile.TemporaryDirectory() as tmp_name:
        for name, run in parts:
            if name not in skip:
                run(Path(tmp_name))
                print(f"after {name}: {json.dumps(out)}", file=sys.stderr, flush=True)  # a long run keeps its numbers
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
