"""Auditors' decisions on links: an append-only JSON Lines log outside the rebuildable index.

Every `kb link confirm|reject|add` appends one line (time, user, action, both ids, both texts as
they were, where each stood in its document, note).  The log is never rewritten; the latest line
about a pair wins.  Ids are derived from text, so when a document is re-ingested with changed
wording the old id disappears: the decision then follows the passage that continues the one
decided (kb.trace.tracer: the same place in the document, the closest text) and is flagged
`suspect`, with the text decided shown beside the current one; when no passage continues it, it is
listed as orphaned with its text.  Never silently dropped, never moved to an unrelated passage.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ACTIONS = ("confirm", "reject", "add")


@dataclass
class Decision:
    action: str
    a: str
    b: str
    note: str
    time: str
    user: str
    a_text: str = ""
    b_text: str = ""
    a_doc: str = ""
    b_doc: str = ""
    a_at: dict = field(default_factory=dict)  # where side a stood: section, page, line, prev, next (ids)
    b_at: dict = field(default_factory=dict)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


def default_log_path(index_dir: Path) -> Path:
    env = os.environ.get("KB_DECISIONS")
    if env:
        return Path(env)
    index_dir = Path(index_dir).resolve()
    return index_dir.parent / f"{index_dir.name}-decisions.jsonl"


class DecisionLog:
    """The log file.  Appends are whole lines (one `write` of the line and its newline, fsynced); a
    line left without its newline by a crash or a hand edit gets one first, so it can never merge
    with the next decision.  A damaged line (cut short, not JSON, not UTF-8) is ignored and reported
    once, by line number, through `warn`; the rest of the log still applies."""

    def __init__(self, path: Path, warn: Callable[[str], None] | None = None):
        self.path = Path(path)
        self.warn = warn or (lambda message: print(f"kb: {message}", file=sys.stderr))
        self._reported: set[str] = set()

    def append(self, d: Decision) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({k: getattr(d, k) for k in ("time", "user", "action", "a", "b", "note", "a_text", "b_text",
                                                        "a_doc", "b_doc", "a_at", "b_at")}, ensure_ascii=False)
        data = line.encode("utf-8") + b"\n"
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data
            while data:  # one write for a regular file; the loop only guards against a short write
                data = data[os.write(fd, data):]
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self) -> list[Decision]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        out = []
        for n, line in enumerate(raw.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                o = json.loads(line.decode("utf-8"))
                if not isinstance(o, dict) or o.get("action") not in ACTIONS:
                    raise ValueError("not a decision")
                out.append(Decision(o["action"], str(o["a"]), str(o["b"]), o.get("note", ""), o.get("time", ""),
                                    o.get("user", ""), o.get("a_text", ""), o.get("b_text", ""),
                                    o.get("a_doc", ""), o.get("b_doc", ""), _place(o.get("a_at")),
                                    _place(o.get("b_at"))))
            except UnicodeDecodeError as exc:
                self._report(n, f"not UTF-8: byte 0x{line[exc.start]:02x} at column {exc.start + 1}")
            except (ValueError, KeyError, TypeError):
                self._report(n, "damaged")
        return out

    def _report(self, line: int, why: str) -> None:
        message = f"decisions log {self.path} line {line} is {why} and was ignored"
        if message not in self._reported:
            self._reported.add(message)
            self.warn(message)

    def latest(self) -> dict[frozenset[str], Decision]:
        """The decision in force for each pair (the last one written)."""
        out: dict[frozenset[str], Decision] = {}
        for d in self.read():
            out[d.pair] = d
        return out


def _place(o) -> dict:
    return o if isinstance(o, dict) else {}


def place(c, prev_id: str | None, next_id: str | None) -> dict:
    """Where a record stands in its document, as a decision remembers it: its section, page and
    line, and the ids of the records just before and after it (which a rewording of the record
    itself leaves in place)."""
    return {"section": c.section, "page": c.page, "line": c.line, "prev": prev_id, "next": next_id}


def new_decision(action: str, a, b, note: str, a_at: dict | None = None, b_at: dict | None = None) -> Decision:
    if action not in ACTIONS:
        raise ValueError(f"unknown action '{action}' (expected {', '.join(ACTIONS)})")
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        user = os.environ.get("USER", "unknown")
    return Decision(action, a.id, b.id, note or "", time.strftime("%Y-%m-%dT%H:%M:%S%z"), user,
                    a.text, b.text, a.doc_id, b.doc_id, a_at or {}, b_at or {})
