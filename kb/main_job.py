"""What `make run` does after ingesting: open the terminal app on a terminal, else print a summary.

Until the app lands, and whenever there is no terminal (CI, a pipe), the main job prints the
document table and a sample of the commitments about one topic, so `make run` never hangs.
"""

from __future__ import annotations

import argparse
import sys

from kb.cli import main as kb_main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kb.main_job")
    ap.add_argument("--index", default=None)
    ap.add_argument("--topic", default="stroke")
    args = ap.parse_args(argv)
    index = ["--index", args.index] if args.index else []
    status = kb_main([*index, "docs"])
    if status:
        return status
    from kb.api import KnowledgeBase
    from kb.filters import Filters

    kb = KnowledgeBase(args.index)
    docs = {d.meta.id: d.meta for d in kb.documents()}
    f = Filters(query_words=[args.topic])
    hits = [c for c in kb.commitments() if f.match(c, docs.get(c.doc_id))]
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{len(hits)} commitments mentioning '{args.topic}' (oldest first, first 15)",
              title_justify="left")
    for col in ("id", "year", "kind", "due", "owners", "text"):
        t.add_column(col, overflow="fold", max_width=60 if col == "text" else 28)
    hits.sort(key=lambda c: (docs[c.doc_id].date or "", c.line or 0))
    for c in hits[:15]:
        t.add_row(c.id, (docs[c.doc_id].date or "")[:4], c.kind, "; ".join(d.text for d in c.due),
                  "; ".join(c.owners), c.text)
    Console().print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
