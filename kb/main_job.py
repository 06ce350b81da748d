"""What `make run` does after ingesting: open the terminal app on a terminal, else print a summary.

Where there is no terminal (CI, a pipe), the main job prints the document table and a sample search
instead, so `make run` never hangs.
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
    if sys.stdin.isatty() and sys.stdout.isatty():
        return kb_main([*index, "tui"])  # on a terminal the main job is the app
    status = kb_main([*index, "docs", "--format", "table"])
    if status:
        return status
    return kb_main([*index, "search", args.topic, "--format", "table", "--limit", "15", "--facets"])


if __name__ == "__main__":
    sys.exit(main())
