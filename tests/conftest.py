"""Shared fixtures: the bundled corpus ingested once per test session, and a three-document
knowledge base (2013, 2016, 2019: enough for threads across years) ingested once and copied for
each test that changes it.

Ingests in the suite parse in the test process ($KB_JOBS=1, unless set): the spaCy pipeline is then
loaded once per process instead of once per worker of every ingest.  The worker pool is still tested
where it is the subject (test_ingest_parallel passes `--jobs 2`, and checks both ways store the same
records).

`make test` runs the suite in two processes (pytest-xdist, `--dist loadgroup`).  Each session-wide
build below is made once per session, in a folder both processes share (`shared_build`): by the
first process that needs it, while the other, if it needs it meanwhile, waits for it.  The tests go
to the processes by file (a module's own fixture is built once too), the files that take longest
first (`FIRST`), so that none of them runs on alone at the end."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kb.api import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pdfgen.py
CORPUS = ROOT / "corpus"
os.environ.setdefault("KB_JOBS", "1")

THREE_DOCS = ("2013-09_crccg_commissioning-intentions_2014-16.txt",
              "2016-10_cw-stp_sustainability-transformation-plan.txt",
              "2019_cw-hcp_five-year-plan_2019-24.txt")


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make` once per test session and shared by its processes (under
    xdist each worker's temporary folder is inside the session's): made by the first process that
    needs it, under a lock that another process needing it meanwhile waits on."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (target / ".complete").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            (target / ".complete").touch()
    return target


def _three_docs(root: Path) -> None:
    docs = root / "corpus"
    docs.mkdir()
    for name in (*THREE_DOCS, "catalog.toml", "gazetteer.toml"):
        shutil.copy(CORPUS / name, docs / name)
    report = KnowledgeBase(root / "idx").ingest([CORPUS / name for name in THREE_DOCS])
    assert not report.failed, report.failed


@pytest.fixture(scope="session")
def three_doc_template(tmp_path_factory) -> Path:
    """idx/: the three corpus files ingested once, where they are; corpus/: a copy of them with the
    catalog and gazetteer, for the copies that change a document (`copy_three_doc_kb`).  A copy's
    folder has the corpus folder's name, so its files are the stored documents (kb.docids)."""
    return shared_build(tmp_path_factory, "three-docs", _three_docs)


def copy_three_doc_kb(template: Path, dest: Path) -> tuple[KnowledgeBase, Path]:
    """A private copy of the three-document knowledge base (its own decisions log) in `dest`, and
    the folder of its documents to change and ingest again."""
    shutil.copytree(template / "corpus", dest / "corpus")
    shutil.copytree(template / "idx", dest / "idx")
    return KnowledgeBase(dest / "idx", dest / "decisions.jsonl"), dest / "corpus"


def ingest_texts(tmp_path: Path, files: dict[str, str]) -> KnowledgeBase:
    """A knowledge base in `tmp_path` of the text files given (file name -> text), ingested."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "index", tmp_path / "decisions.jsonl")
    kb.ingest([folder])
    return kb


@pytest.fixture()
def three_doc_kb(three_doc_template, tmp_path) -> tuple[KnowledgeBase, Path]:
    return copy_three_doc_kb(three_doc_template, tmp_path)


@pytest.fixture(scope="session")
def corpus_kb(three_doc_template, tmp_path_factory) -> KnowledgeBase:
    """The bundled corpus ingested: the three-document index copied, then the corpus folder ingested
    into it, so only the other two documents are parsed (the three are the same files, unchanged).
    The store is the one a fresh ingest of the folder makes (records, links, threads, reports and
    vectors compared table by table), and the incremental ingest is itself what `kb ingest` does.
    Tests only read it (both processes may use it at once)."""
    def make(root: Path) -> None:
        shutil.copytree(three_doc_template / "idx", root / "idx")
        report = KnowledgeBase(root / "idx").ingest([CORPUS])
        assert not report.failed, report.failed
        assert sorted(Path(f).name for f in report.skipped) == sorted(THREE_DOCS)

    return KnowledgeBase(shared_build(tmp_path_factory, "corpus-index", make) / "idx")


@pytest.fixture(scope="session")
def corpus_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every corpus text export rendered once as a real PDF (tables, bullets, page breaks)."""
    import pdfgen

    def make(out_dir: Path) -> None:
        for src in sorted(CORPUS.glob("*.txt")):
            pdfgen.text_export_to_pdf(src, out_dir / f"{src.stem}.pdf")

    out_dir = shared_build(tmp_path_factory, "corpus-pdfs", make)
    return {src.stem: out_dir / f"{src.stem}.pdf" for src in sorted(CORPUS.glob("*.txt"))}


# The files whose tests take longest (CPU measured in a full run), first; the first two do not
# both wait for one build (test_trace makes the three-document and corpus indexes).
FIRST = ("test_trace.py", "test_ingest_safety.py", "test_app.py", "test_pdf_parity.py", "test_search.py",
         "test_cli_store.py", "test_ingest_parallel.py", "test_pdf_source.py", "test_semantic.py",
         "test_cli_rules.py")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items) -> None:
    """Each test's xdist group is its file (see the module docstring).  In an xdist worker the files
    of `FIRST` go first, in that order (`make test` passes --no-loadscope-reorder): started last,
    a long file would run on alone at the end.  Serial runs keep their order."""
    for item in items:
        item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        rank = {name: n for n, name in enumerate(FIRST)}
        items.sort(key=lambda item: rank.get(Path(item.nodeid.split("::")[0]).name, len(FIRST)))  # stable
