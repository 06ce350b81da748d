"""Shared fixtures: the bundled corpus ingested once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.api import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_kb(tmp_path_factory) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path_factory.mktemp("corpus-index"))
    report = kb.ingest([CORPUS])
    assert not report.failed, report.failed
    return kb
