"""A synthetic corpus N times the size of the bundled one, for search benchmarks at scale.

`make_synthetic_corpus(src, dst, factor)` writes `factor` variants of each `src/*.txt` as
`dst/<stem>__vNN.txt` (NN = 00 .. factor-1) plus a `dst/catalog.toml` derived from `src/catalog.toml`.
Variant k:

- shifts every year by +k, consistently: four-digit years (2017), financial years and ranges
  (2018/19, 18/19, 2014/16, 2016-17, 2020/2021), and the catalog's date, title and period;
- varies the wording with `random.Random(seed + k)` (files in sorted order): lower-case words from a
  small synonym table are swapped now and then (improve/enhance, develop/build, reduce/cut,
  patients/people, services/provision, ensure/make sure, deliver/provide), and some runs of plain
  top-level `- ` bullets are shuffled;
- keeps the line structure (headings, bullets, tab-separated tables, blank lines) as it is, so the
  parser lays each variant out the way it lays out the original.

The output depends only on the inputs, `factor` and `seed`.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tomllib
from pathlib import Path

SWAP_PROBABILITY = 0.35
REORDER_PROBABILITY = 0.25
CATALOG_NAME = "catalog.toml"

# word -> replacement (lower case; inflected forms listed explicitly).  Two-way where both read well.
_PAIRS: list[tuple[str, str, bool]] = [
    ("improve", "enhance", True), ("improves", "enhances", True), ("improved", "enhanced", True),
    ("improving", "enhancing", True),
    ("develop", "build", False), ("develops", "builds", False), ("developed", "built", False),
    ("developing", "building", False),
    ("reduce", "cut", False), ("reduces", "cuts", False), ("reducing", "cutting", False),
    ("patients", "people", True),
    ("services", "provision", False),
    ("ensure", "make sure", False), ("ensures", "makes sure", False), ("ensuring", "making sure", False),
    ("ensured", "made sure", False),
    ("deliver", "provide", True), ("delivers", "provides", True), ("delivered", "provided", True),
    ("delivering", "providing", True),
]
SYNONYMS: dict[str, str] = {}
for _a, _b, _both in _PAIRS:
    SYNONYMS[_a] = _b
    if _both:
        SYNONYMS[_b] = _a
_WORD = re.compile(r"\b(" + "|".join(sorted(SYNONYMS, key=len, reverse=True)) + r")\b")

# Years.  One pass, alternatives tried left to right at each position:
#  1. YYYY/YY, YYYY/YYYY, YYYY-YY, YYYY-YYYY (financial years, ranges), not part of a date like 2016-10-01;
#  2. YY/YY financial years (18/19, 2-5 years apart; not 24/7, not the 06/12 of 06/12/2016);
#  3. a plain four-digit year 1990-2049 that is not part of a bigger number (2079.94, 13,2016, £2020).
_YEARS = re.compile(
    r"(?<![\d.,£$/])(?P<y1>(?:19|20)\d{2})(?P<sep>\s?[/\-–]\s?)(?P<y2>(?:19|20)?\d{2})(?![\d]|[/\-–.]\d)"
    r"|(?<![\d.,£$/])(?P<s1>[1-4]\d)/(?P<s2>[1-4]\d)(?![\d]|/\d|\.\d)"
    r"|(?<![\d.,£$])(?P<y>(?:199\d|20[0-4]\d))(?![\d]|\.\d|,\d{3})"
)
_BULLET = re.compile(r"^- \S")
_OPEN_ENDED = re.compile(r"(?:[;,:]|\b(?:and|or))\s*$", re.I)


def shift_years(text: str, k: int) -> str:
    """Every year in `text` moved k years later, in the form it was written."""
    if k == 0:
        return text

    def repl(m: re.Match) -> str:
        if m.group("y1"):
            y1, y2 = int(m.group("y1")), m.group("y2")
            if len(y2) == 4:
                end = int(y2)
                if not 0 < end - y1 <= 10:
                    return _shift4(m.group("y1"), k) + m.group("sep") + y2  # not a range: only the first
                return f"{y1 + k}{m.group('sep')}{end + k}"
            short = int(y2)
            gap = (short - y1 % 100) % 100
            if not 0 < gap <= 10:
                return _shift4(m.group("y1"), k) + m.group("sep") + y2
            return f"{y1 + k}{m.group('sep')}{(short + k) % 100:02d}"
        if m.group("s1"):
            a, b = int(m.group("s1")), int(m.group("s2"))
            if not 1 <= b - a <= 5:
                return m.group(0)
            return f"{(a + k) % 100:02d}/{(b + k) % 100:02d}"
        return _shift4(m.group("y"), k)

    return _YEARS.sub(repl, text)


def _shift4(year: str, k: int) -> str:
    y = int(year)
    return str(y + k) if 1990 <= y <= 2049 else year


def _match_case(src: str, repl: str) -> str:
    if src.isupper() and len(src) > 1:
        return repl.upper()
    if src[0].isupper():
        return repl[0].upper() + repl[1:]
    return repl


def vary_wording(line: str, rng: random.Random) -> str:
    """Swap some lower-case synonym-table words (names like 'Improving Access to ...' stay)."""

    def repl(m: re.Match) -> str:
        word = m.group(1)
        if rng.random() >= SWAP_PROBABILITY:
            return word
        return _match_case(word, SYNONYMS[word])

    return _WORD.sub(repl, line)


def reorder_bullets(lines: list[str], rng: random.Random) -> list[str]:
    """Shuffle some runs of two or more plain top-level bullets.

    Only runs closed by a blank line (or the end) qualify, so a bullet's indented children or
    continuation lines never change parent; runs whose items end in ';', ',' or 'and' (a sentence
    spread over the list) are left alone.
    """
    out = list(lines)
    i = 0
    while i < len(out):
        if not _BULLET.match(out[i]):
            i += 1
            continue
        j = i
        while j < len(out) and _BULLET.match(out[j]):
            j += 1
        closed = j == len(out) or not out[j].strip()
        run = out[i:j]
        if (len(run) >= 2 and closed and not any(_OPEN_ENDED.search(x.rstrip("\n")) for x in run)
                and rng.random() < REORDER_PROBABILITY):
            ends = [x.endswith("\n") for x in run]
            items = [x.rstrip("\n") for x in run]
            rng.shuffle(items)
            out[i:j] = [x + ("\n" if e else "") for x, e in zip(items, ends, strict=True)]
        i = j
    return out


def make_variant(text: str, k: int, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    lines = [vary_wording(shift_years(line, k), rng) for line in lines]
    return "".join(reorder_bullets(lines, rng))


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _shift_entry(entry: dict, k: int) -> dict:
    out = {}
    for key, value in entry.items():
        if isinstance(value, str):
            if key in ("date", "period_start", "period_end") and re.match(r"^\d{4}-", value):
                value = f"{int(value[:4]) + k}{value[4:]}"
            elif key in ("title", "period"):
                value = shift_years(value, k)
        out[key] = value
    return out


def variant_stem(stem: str, k: int) -> str:
    return f"{stem}__v{k:02d}"


def make_synthetic_corpus(src_dir: Path, dst_dir: Path, factor: int = 20, seed: int = 7) -> list[Path]:
    """Write `factor` variants of every `src_dir/*.txt` into `dst_dir`; returns the files written."""
    src_dir, dst_dir = Path(src_dir), Path(dst_dir)
    dst_dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(src_dir.glob("*.txt"))
    catalog_file = src_dir / CATALOG_NAME
    catalog: dict = {}
    if catalog_file.is_file():
        with catalog_file.open("rb") as fh:
            catalog = tomllib.load(fh)
    texts = {f: f.read_text(encoding="utf-8") for f in sources}
    written: list[Path] = []
    toml_parts = ["# Generated by bench/synth.py from the catalog of the bundled corpus: dates shifted +k "
                  "years for variant k.\n"]
    for k in range(factor):
        rng = random.Random(seed + k)
        for f in sources:
            stem = variant_stem(f.stem, k)
            out = dst_dir / f"{stem}.txt"
            out.write_text(make_variant(texts[f], k, rng), encoding="utf-8")
            written.append(out)
            entry = catalog.get(f.stem)
            if isinstance(entry, dict):
                shifted = _shift_entry(entry, k)
                toml_parts.append(f"\n[{json.dumps(stem)}]\n")
                toml_parts.extend(f"{key} = {_toml_value(v)}\n" for key, v in shifted.items())
    (dst_dir / CATALOG_NAME).write_text("".join(toml_parts), encoding="utf-8")
    return written


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dst")
    ap.add_argument("--src", default=str(Path(__file__).resolve().parent.parent / "corpus"))
    ap.add_argument("--factor", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    files = make_synthetic_corpus(Path(a.src), Path(a.dst), a.factor, a.seed)
    print(f"{len(files)} files written to {a.dst}", file=sys.stderr)
