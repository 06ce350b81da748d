"""Pause points for fault-injection tests: stop an ingest at a named phase so a test can kill it.

With `KB_TEST_PAUSE_AT=<phase>` and `KB_TEST_PAUSE_FILE=<path>` in the environment, the process
that reaches `pause_point(<phase>)` writes its pid to the file and waits until the file is removed
(or 60 s pass).  The test then sends a signal, or removes the file to let the ingest go on.
Without those variables a pause point costs one dictionary lookup.

Phases of an ingest, in order: parse (a file's records received), threads (records, links and
threads written to the private copy of the store), store (the copy complete, not yet committed:
its journal is on disk), index (the search index written, not yet committed), swap (the store
replaced by the copy).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PHASES = ("parse", "threads", "store", "index", "swap")
_MAX_WAIT_S = 60.0


def pause_point(phase: str) -> None:
    if os.environ.get("KB_TEST_PAUSE_AT") != phase:
        return
    marker = os.environ.get("KB_TEST_PAUSE_FILE")
    if not marker:
        return
    path = Path(marker)
    path.write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + _MAX_WAIT_S
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
