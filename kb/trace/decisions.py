"""Auditors' decisions on links: an append-only JSON Lines log outside the rebuildable index.

Every `kb link confirm|reject|add` appends one line (time, user, action, both ids, both texts as
they were, note).  The log is never rewritten; the latest line about a pair wins.  Ids are derived
from text, so when a document is re-ingested with changed wording the old id disappears: the
decision is then matched to the most similar record of the same document and flagged `suspect`,
never silently dropped.
"""

from __future__ import annotations

import getpass
import json
import os
import time
from dataclasses import dataclass
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
    suspect: bool = False

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
    def __init__(self, path: Path):
        self.path = Path(path)

    def append(self, d: Decision) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({k: getattr(d, k) for k in ("time", "user", "action", "a", "b", "note", "a_text", "b_text",
                                                        "a_doc", "b_doc")}, ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def read(self) -> list[Decision]:
        if not self.path.is_file():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                o = json.loads(line)
                out.append(Decision(o["action"], o["a"], o["b"], o.get("note", ""), o.get("time", ""),
                                    o.get("user", ""), o.get("a_text", ""), o.get("b_text", ""),
                                    o.get("a_doc", ""), o.get("b_doc", "")))
            except (ValueError, KeyError):
                continue  # a damaged line is skipped, the rest of the log still applies
        return out

    def latest(self) -> dict[frozenset[str], Decision]:
        """The decision in force for each pair (the last one written)."""
        out: dict[frozenset[str], Decision] = {}
        for d in self.read():
            out[d.pair] = d
        return out


def new_decision(action: str, a, b, note: str) -> Decision:
    if action not in ACTIONS:
        raise ValueError(f"unknown action '{action}' (expected {', '.join(ACTIONS)})")
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        user = os.environ.get("USER", "unknown")
    return Decision(action, a.id, b.id, note or "", time.strftime("%Y-%m-%dT%H:%M:%S%z"), user,
                    a.text, b.text, a.doc_id, b.doc_id)
