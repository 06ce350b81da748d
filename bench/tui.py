"""Terminal app speed, driven by Textual's Pilot, as JSON.

- launch to first results: from starting the app to the results table showing the initial query;
- keystroke to updated results: for each character typed, from the key press to the results
  table reflecting the new query (debounce + search worker + table update), p50/p95/max;
- peak memory (ru_maxrss) of the process.
Run on the bundled corpus, and with `--index DIR` on any other index (e.g. the 20x one that
bench/search.py --keep builds).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.api import KnowledgeBase  # noqa: E402

QUERIES = ["stroke rehabilitation", "mental health crisis", "care homes", "digital records"]


async def measure(kb: KnowledgeBase) -> dict:
    """Launch time from outside; keystroke latency as the app itself measures it (from the key's
    Input.Changed to the new results drawn), since Pilot's own press() waits for screen refreshes."""
    from kb.app.app import KbApp

    app = KbApp(kb, "stroke")
    t0 = time.perf_counter()
    launch = None
    async with app.run_test(size=(120, 36)) as pilot:
        while launch is None:
            await asyncio.sleep(0.005)
            if getattr(app.screen, "result", None) is not None:
                launch = time.perf_counter() - t0
        screen = app.screen
        await pilot.pause(0.3)
        screen.latencies_ms.clear()  # the initial query at launch is not a keystroke (reported above)
        for query in QUERIES:
            screen.query_one("#query").value = ""
            await pilot.pause(0.2)
            for ch in query:
                await pilot.press("space" if ch == " " else ch)
                await pilot.pause(0.15)  # a brisk typist: about 7 keys a second
        await pilot.pause(0.3)
        ms = sorted(screen.latencies_ms)
    return {
        "launch_to_first_results_s": round(launch or -1, 3),
        "keystroke_to_results_ms": {"p50": round(statistics.median(ms), 1),
                                    "p95": round(ms[int(0.95 * (len(ms) - 1))], 1), "max": round(ms[-1], 1),
                                    "updates": len(ms)},
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", help="an existing index (default: ingest the bundled corpus into a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.index:
            kb = KnowledgeBase(args.index)
        else:
            kb = KnowledgeBase(Path(tmp) / "index")
            kb.ingest([ROOT / "corpus"])
        out = asyncio.run(measure(kb))
        out["records"] = len(kb.commitments(include_evidence=True))
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
