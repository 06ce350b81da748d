"""The terminal app's entry point: `python tui.py [--index DIR] [QUERY ...]` (same as `kb tui`)."""

import sys

from kb.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    index = []
    if args[:1] == ["--index"] and len(args) >= 2:
        index, args = args[:2], args[2:]
    sys.exit(main([*index, "tui", *args]))
