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
    """docs/ (three corpus files and the catalog) and idx/, ingested once."""
    root = tmp_path_factory.mktemp("three-docs")
    docs = root / "docs"
    docs.mkdir()
    for name in (*THREE_DOCS, "catalog.toml", "gazetteer.toml"):
        shutil.copy(CORPUS / name, docs / name)
    report = KnowledgeBase(root / "idx").ingest([docs])
    assert not report.failed, report.failed
    return root


def copy_three_doc_kb(template: Path, dest: Path) -> tuple[KnowledgeBase, Path]:
    """A private copy of the three-document knowledge base (its own decisions log) in `dest`."""
    shutil.copytree(template / "docs", dest / "docs")
    shutil.copytree(template / "idx", dest / "idx")
    return KnowledgeBase(dest / "idx", dest / "decisions.jsonl"), dest / "docs"


@pytest.fixture()
def three_doc_kb(three_doc_template, tmp_path) -> tuple[KnowledgeBase, Path]:
    return copy_three_doc_kb(three_doc_template, tmp_path)


@pytest.fixture(scope="session")
def corpus_kb(tmp_path_factory) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path_factory.mktemp("corpus-index"))
    report = kb.ingest([CORPUS])
    assert not report.failed, report.failed
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
# with the first named here), heaviest group first.
SHARED_BUILDS = (("three_doc_template", "three-docs"), ("corpus_pdfs", "corpus-pdfs"),
                 ("corpus_kb", "corpus-index"))


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
