"""Shared fixtures: the bundled corpus ingested once per test session, and a three-document
knowledge base (2013, 2016, 2019: enough for threads across years) ingested once and copied for
each test that changes it.

Ingests in the suite parse in the test process ($KB_JOBS=1, unless set): the spaCy pipeline is then
loaded once per process instead of once per worker of every ingest.  The worker pool is still tested
where it is the subject (test_ingest_parallel passes `--jobs 2`, and checks both ways store the same
records).

`make test` runs the suite in two processes (pytest-xdist, `--dist loadgroup`): every test that uses
one of the session-wide builds below goes to the same process as the others that use it (its
xdist group), so each build is made once, not once per process; the other tests go by file, so a
module's own fixture is built once too."""

from __future__ import annotations

import os
import shutil
import sys
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


@pytest.fixture(scope="session")
def three_doc_template(tmp_path_factory) -> Path:
    """idx/: the three corpus files ingested once, where they are; corpus/: a copy of them with the
    catalog and gazetteer, for the copies that change a document (`copy_three_doc_kb`).  A copy's
    folder has the corpus folder's name, so its files are the stored documents (kb.docids)."""
    root = tmp_path_factory.mktemp("three-docs")
    docs = root / "corpus"
    docs.mkdir()
    for name in (*THREE_DOCS, "catalog.toml", "gazetteer.toml"):
        shutil.copy(CORPUS / name, docs / name)
    report = KnowledgeBase(root / "idx").ingest([CORPUS / name for name in THREE_DOCS])
    assert not report.failed, report.failed
    return root


def copy_three_doc_kb(template: Path, dest: Path) -> tuple[KnowledgeBase, Path]:
    """A private copy of the three-document knowledge base (its own decisions log) in `dest`, and
    the folder of its documents to change and ingest again."""
    shutil.copytree(template / "corpus", dest / "corpus")
    shutil.copytree(template / "idx", dest / "idx")
    return KnowledgeBase(dest / "idx", dest / "decisions.jsonl"), dest / "corpus"


@pytest.fixture()
def three_doc_kb(three_doc_template, tmp_path) -> tuple[KnowledgeBase, Path]:
    return copy_three_doc_kb(three_doc_template, tmp_path)


@pytest.fixture(scope="session")
def corpus_kb(three_doc_template, tmp_path_factory) -> KnowledgeBase:
    """The bundled corpus ingested: the three-document index copied, then the corpus folder ingested
    into it, so only the other two documents are parsed (the three are the same files, unchanged).
    The store is the one a fresh ingest of the folder makes (records, links, threads, reports and
    vectors compared table by table), and the incremental ingest is itself what `kb ingest` does."""
    idx = tmp_path_factory.mktemp("corpus-index")
    shutil.copytree(three_doc_template / "idx", idx, dirs_exist_ok=True)
    kb = KnowledgeBase(idx)
    report = kb.ingest([CORPUS])
    assert not report.failed, report.failed
    assert sorted(Path(f).name for f in report.skipped) == sorted(THREE_DOCS)
    return kb


@pytest.fixture(scope="session")
def corpus_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every corpus text export rendered once as a real PDF (tables, bullets, page breaks)."""
    import pdfgen

    out_dir = tmp_path_factory.mktemp("corpus_pdfs")
    result = {}
    for src in sorted(CORPUS.glob("*.txt")):
        pdf = out_dir / f"{src.stem}.pdf"
        pdfgen.text_export_to_pdf(src, pdf)
        result[src.stem] = pdf
    return result


# The session-wide builds, by the xdist group of the tests that use them (a test using several goes
# with the first named here; corpus_kb is made from three_doc_template, so its tests go with it),
# heaviest group first.
SHARED_BUILDS = (("three_doc_template", "three-docs"), ("corpus_pdfs", "corpus-pdfs"))


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items) -> None:
    """Each test's xdist group: the session build it uses, else its file (see the module docstring).
    In an xdist worker the groups of the builds go first (`make test` passes --no-loadscope-reorder):
    started last, the longest group would run on alone at the end."""
    rank = {}
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        build = next((n for n, (fixture, _) in enumerate(SHARED_BUILDS) if fixture in names), None)
        group = SHARED_BUILDS[build][1] if build is not None else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
        rank[item.nodeid] = len(SHARED_BUILDS) if build is None else build
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: rank[item.nodeid])  # stable: the order within a group stays
