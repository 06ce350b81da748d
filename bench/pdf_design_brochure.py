"""Print the invented sets' text exports as DESIGNED publications ("brochure" style), through
headless Chromium, into SET/pdf-designed-brochure/<stem>.pdf.

Made blind by the `designer1` helper (2026-12-05): it read only the sets' text exports, their
threads.jsonl (to check that quoted words survive), bench/pdf_render.py (whose `chromium()` lookup
and command line it reuses) and the README sections of its sets.

The three documents of a set are designed as a public body's publications would be:

- the strategy (first file by date): a glossy A4 portrait brochure: a full-bleed cover, a document
  information panel and styled contents, coloured full-width banner headings, prose in two text
  columns (CSS columns) with a larger standfirst, actions as shaded call-out boxes, coloured cards or
  panels (short ones in a narrow sidebar beside the prose, long ones full width), pull-quote cards,
  "facts" tiles with highlighted figures, tables with a coloured header band and no vertical rules,
  a running header band with the body's name and a footer with page numbers;
- the review (middle file): an A4 landscape committee / board paper: a cover-sheet table (the
  paper's header block, purpose and recommendation) before the body, numbered paragraphs with
  hanging numbers, whole tables whose header row repeats on each page (thead), rows that may break
  across pages, status cells with a coloured background and their word, "Page x of y";
  a slide pack is printed as such a paper with one panel a slide;
- the extension (last file): a shorter refresh in the strategy's family: a colour title block,
  one text column with a wide left margin holding the headings, actions in tinted panels.

Every word of the export is printed (the renderer only restyles: `**bold**`, `- ` bullets,
tab-separated rows kept as table rows with the same cells in the same order, `<p>` / `<li>`
fragments inside cells).  `--check` compares each PDF's text (pdftotext) with its export and with
the threads' quotes.

Usage: python bench/pdf_design_brochure.py [SET ...] [--check | --check-only] [--html DIR]
(--check-only checks the PDFs already made; --html DIR keeps the HTML pages printed.)
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_render import print_html  # noqa: E402

STYLE = "brochure"
ROOT = Path(__file__).resolve().parent / "eval" / "invented"
SETS = ["ashcombe", "eastmoor", "westbridge", "kestrelford", "rookwood"]

# A palette a set (a body's house colours): primary, secondary, dark, tint, accent.
PALETTES = {
    "ashcombe": ("#005EB8", "#00A9CE", "#003087", "#E8F1FA", "#FFB81C"),
    "eastmoor": ("#00697A", "#84BD00", "#00404A", "#E6F2F1", "#F29400"),
    "westbridge": ("#8A1538", "#ED8B00", "#5A0E25", "#F8ECEF", "#00A499"),
    "kestrelford": ("#007F3B", "#78BE20", "#00401E", "#EAF5EC", "#005EB8"),
    "rookwood": ("#330072", "#AE2573", "#1E0045", "#F0EBF6", "#00A9CE"),
}
DEFAULT_PALETTE = ("#005EB8", "#41B6E6", "#003087", "#E8F1FA", "#FFB81C")

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_ONLY = re.compile(rf"^(?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}}$")
HAS_DATE = re.compile(rf"\b(?:{MONTHS}) \d{{4}}\b")
LABEL = re.compile(r"^([A-Z][A-Za-z0-9 ,&/()'’-]{0,45}):\s+\S")
FOOTER = re.compile(r"(\|\s*(?:Page\s*)?\d+\s*$)|(–\s*Page\s+\d+\s*$)")
NAME_LINE = re.compile(r"^(?:(?:Dr|Cllr|Councillor|Professor|Prof|Mr|Mrs|Ms|Sir|Dame)\s+)?"
                       r"[A-Z][a-z]+(?:\s+[A-Z][a-zA-Z'’-]+){1,2},\s")
MARKER = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s|\d+\([a-z]\)\s|\([a-z]\)\s|[“\"]|– |→ |\*\*)")
KNOWN_L1 = re.compile(r"^(?:Contents|Foreword|Glossary|Introduction|Summary|Executive summary|Appendix\b|"
                      r"Appendices|Recommendations?)", re.I)
SUBHEAD = re.compile(r"^(?:What we will (?:deliver|do):?|Our commitments|How to read .*|Roadmap:.*)$")
ORG = re.compile(r"(?:^NHS |Council$|Trust$|System$|Integrated Care Board$|Wellbeing Board$|Councils?\b.*Board$)")


# ----------------------------------------------------------------------------------------------
# Reading the export: blocks


def _strip_bold(s: str) -> str:
    s = s.strip()
    return s[2:-2].strip() if s.startswith("**") and s.endswith("**") and s.count("**") == 2 else s


def is_footer(line: str) -> bool:
    s = line.strip()
    return (len(s) > 40 and "\t" not in s and bool(FOOTER.search(s))
            and s.count(" | ") + s.count(" – ") >= 2)


def _is_wrapped(lines: list[str]) -> bool:
    """A hard-wrapped export: many long lines continued on the next line."""
    n = 0
    for a, b in zip(lines, lines[1:], strict=False):
        if 75 <= len(a) <= 110 and b.strip() and not b.startswith(("- ", "\t")) and "\t" not in a:
            n += 1
    return n >= 8


def parse(text: str) -> list[dict]:
    lines = text.splitlines()
    wrapped = _is_wrapped(lines)
    blocks: list[dict] = []
    cur: list[tuple[int, str]] = []
    last_chunk: list[dict] = []
    for i, line in enumerate(lines + [""], 1):
        if line.strip():
            cur.append((i, line.rstrip()))
        elif cur:
            last_chunk = _parse_chunk(cur, wrapped)
            blocks.extend(last_chunk)
            cur = []
    if len(last_chunk) > 1:
        for b in last_chunk:
            if b["t"] in ("para", "single") and not b["text"].endswith("."):
                b["t"] = "colophon"
    _classify(blocks)
    return blocks


def _parse_chunk(chunk: list[tuple[int, str]], wrapped: bool) -> list[dict]:
    out: list[dict] = []
    plain: list[tuple[int, str]] = []

    def flush() -> None:
        if plain:
            out.extend(_plain(plain[:], wrapped, single=len(plain) == len(chunk)))
            plain.clear()

    for n, line in chunk:
        s = line.strip()
        last = out[-1] if out and not plain else None
        if is_footer(s):
            flush()
            out.append({"t": "footer", "text": s, "ln": n})
        elif "\t" in line:
            flush()
            cells = [c.strip() for c in line.split("\t")]
            if last and last["t"] == "table":
                last["rows"].append(cells)
            else:
                out.append({"t": "table", "rows": [cells], "ln": n})
        elif s.startswith(("- ", "• ")):
            flush()
            item = {"text": s[2:].strip(), "subs": []}
            if last and last["t"] == "list":
                last["items"].append(item)
            else:
                out.append({"t": "list", "items": [item], "lead": None, "ln": n})
        elif last and last["t"] == "list" and line.startswith(" "):
            last["items"][-1]["subs"].append(s)
        elif (last and last["t"] == "list" and wrapped and not last["items"][-1]["subs"]
              and not last["items"][-1]["text"].endswith((".", ";", ":", "]")) and not MARKER.match(s)):
            last["items"][-1]["text"] += " " + s
        else:
            plain.append((n, s))
    flush()
    return out


def _plain(rows: list[tuple[int, str]], wrapped: bool, single: bool) -> list[dict]:
    texts = [s for _, s in rows]
    n0 = rows[0][0]
    if len(rows) == 1:
        s = texts[0]
        m = LABEL.match(s)
        if m and HAS_DATE.search(s[m.end(1):]) and len(s) < 80:
            return [{"t": "meta", "rows": [(m.group(1), s[m.end(1) + 1:].strip())], "ln": n0}]
        if DATE_ONLY.match(s):
            return [{"t": "date", "text": s, "ln": n0}]
        return [{"t": "single" if single else "para", "text": s, "ln": n0}]
    if re.match(r"^Action \d+(?:\.\d+)*:", texts[0]):
        fields = []
        for s in texts[1:]:
            m = LABEL.match(s)
            fields.append((m.group(1), s[m.end(1) + 1:].strip()) if m else ("", s))
        return [{"t": "actioncard", "title": texts[0], "fields": fields, "ln": n0}]
    labelled = [LABEL.match(s) for s in texts]
    if sum(1 for m in labelled if m) * 2 >= len(texts) and not any(MARKER.match(s) for s in texts):
        return [{"t": "meta", "rows": [(m.group(1), s[m.end(1) + 1:].strip()) if m else ("", s)
                                       for m, s in zip(labelled, texts, strict=False)], "ln": n0}]
    if wrapped:
        pieces: list[list] = []
        for (n, s) in rows:
            prev = pieces[-1][1] if pieces else None
            join = (prev is not None and len(prev) >= 78 and not MARKER.match(s)
                    and not (NAME_LINE.match(s) and NAME_LINE.match(prev)))
            if join:
                pieces[-1][1] += " " + s
            else:
                pieces.append([n, s])
        out: list[dict] = []
        for n, s in pieces:
            if s.startswith("– ") and out and out[-1]["t"] == "para" and out[-1]["text"].startswith("“"):
                out[-1] = {"t": "quote", "text": out[-1]["text"], "who": s, "ln": out[-1]["ln"]}
            else:
                out.append({"t": "para", "text": s, "ln": n})
        if all(len(b["text"]) < 90 and b["t"] == "para" for b in out) and len(out) > 1:
            return [{"t": "lines", "lines": [b["text"] for b in out], "ln": n0}]
        return out
    if all(len(s) < 90 and not s.endswith(".") for s in texts):
        return [{"t": "lines", "lines": texts, "ln": n0}]
    return [{"t": "para", "text": s, "ln": n} for n, s in rows]


def _heading_like(s: str) -> bool:
    t = _strip_bold(s)
    limit = 16 if re.match(r"^(?:Outcome|Theme|Ambition|Mission|Priority|Appendix)\b[^:]*:", t) else 12
    return (0 < len(t.split()) <= limit and not t.endswith((".", ",", ";", ":")) and not t.startswith(("“", '"', "("))
            and not re.match(r"^Commitment \d+:", t) and "**" not in t)


def _classify(blocks: list[dict]) -> None:
    """Single-line chunks become headings (or a closing colophon); a line ending ':' before a list
    or a table becomes its lead-in."""
    for i, b in enumerate(blocks):
        if b["t"] == "single":
            last = i == len(blocks) - 1
            if last and not b["text"].endswith("."):
                b["t"] = "colophon"
            elif _heading_like(b["text"]):
                b["t"] = "heading"
                b["text"] = _strip_bold(b["text"])
            else:
                b["t"] = "para"
    i = 0
    merged: list[dict] = []
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (b["t"] == "para" and b["text"].endswith(":") and nxt and nxt["t"] in ("list", "table")
                and len(b["text"]) < 160 and not nxt.get("lead")):
            nxt["lead"] = b["text"]
            nxt["lead_ln"] = b["ln"]
            i += 1
            continue
        merged.append(b)
        i += 1
    blocks[:] = merged


def parse_doc(text: str) -> list[dict]:
    blocks = parse(text)
    lines = text.splitlines()
    for b in blocks:
        if b["t"] == "heading":
            raw = lines[b["ln"] - 1].strip()
            b["bold"] = raw.startswith("**")
    return blocks


# ----------------------------------------------------------------------------------------------
# Inline markup


_FRAGMENT = re.compile(r"(</?(?:p|ul|ol|li|br)\s*/?>)", re.I)


def inline(text: str) -> str:
    """Escape, keeping `**bold**` as <b> and cell fragments (<p>, <li>) as markup."""
    out = []
    for part in _FRAGMENT.split(text):
        if _FRAGMENT.fullmatch(part):
            out.append(part.lower())
        else:
            esc = html.escape(part, quote=False)
            esc = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", esc)
            out.append(esc)
    return "".join(out)


def esc(s: str) -> str:
    return html.escape(s, quote=False)


STATUS_WORDS = [
    ("grey", r"^(?:closed|withdrawn|stopped|n/a$|–$)|superseded|no longer|^4\b|\bgrey\b"),
    ("blue", r"^(?:b|blue)\b"),
    ("red", r"^(?:r|red)\b|not started|delayed|incomplete|not delivered|not progressed|✗|^3\b"),
    ("amber", r"^(?:a|amber)\b|progress|partial|partly|on track|ongoing|^2\b|at risk"),
    ("green", r"^(?:g|green)\b|complete|achieved|delivered|✓|^1\b"),
]


def status_colour(text: str) -> str | None:
    t = re.sub(r"<[^>]+>|\[|\]", "", text).strip().lower()
    if not t:
        return None
    if t.startswith(("green", "g ")) or t == "g":
        return "green"
    if t.startswith(("amber", "a ")) or t == "a":
        return "amber"
    if t.startswith(("red", "r ")) or t == "r":
        return "red"
    for colour, pattern in STATUS_WORDS:
        if re.search(pattern, t):
            return colour
    return None


def tags(text: str) -> str:
    """`[Delivered]` status tags as coloured pills (brackets kept)."""
    def pill(m: re.Match) -> str:
        c = status_colour(m.group(1)) or "grey"
        return f'<span class="pill {c}">{m.group(0)}</span>'
    return re.sub(r"\[([A-Z][^\]]{2,40})\]", pill, text)


# ----------------------------------------------------------------------------------------------
# Shared pieces


def is_status_header(h: str) -> bool:
    return bool(re.match(r"^(?:RAG(?: status)?|Status|Rating|BRAG rating|BRAG)$", h.strip(), re.I))


def table_html(rows: list[list[str]], cls: str = "data", status: bool = True, head: bool = True,
               caption: str | None = None) -> str:
    width = max(len(r) for r in rows)
    header = rows[0] if head else None
    status_cols = set()
    if header:
        status_cols = {i for i, h in enumerate(header) if is_status_header(h)} if status else set()
        if status and re.match(r"^(?:B?RAG rating|Rating)$", header[0].strip(), re.I):
            status_cols.add(0)
    out = [f'<table class="{cls}">']
    if caption:
        out.append(f'<caption>{inline(caption)}</caption>')
    body = rows
    if header:
        out.append("<thead><tr>" + "".join(f"<th class='c{i}'>{inline(c)}</th>" for i, c in enumerate(header)) + "</tr></thead>")
        body = rows[1:]
    out.append("<tbody>")
    for r in body:
        cells = []
        for i, c in enumerate(r + [""] * (width - len(r))):
            klass = f"c{i}"
            if i == 0 and header and re.match(r"^(?:Ref|No\.?|Action no\.)$", header[0].strip()):
                klass += " ref"
            if i in status_cols:
                col = status_colour(c)
                if col:
                    klass += f" st {col}"
            content = inline(c)
            if c.startswith("**") and "** – " in c:
                content = content.replace("</b> – ", "</b><br>– ", 1)
            cells.append(f"<td class='{klass}'>{content}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def list_html(b: dict, cls: str = "bul") -> str:
    items = []
    for it in b["items"]:
        sub = "".join(f"<span class='sub'>{tags(inline(s))}</span>" for s in it["subs"])
        items.append(f"<li>{tags(inline(it['text']))}{sub}</li>")
    return f"<ul class='{cls}'>" + "".join(items) + "</ul>"


def folio(b: dict) -> str:
    return f"<div class='folio'><span>{esc(b['text'])}</span></div>"


def _margin_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def body_name(blocks: list[dict], text: str) -> str:
    for b in blocks[:12]:
        for s in ([b.get("text", "")] + b.get("lines", []) + [v for _, v in b.get("rows", [])
                                                                if isinstance(v, str)]):
            s = _strip_bold(s or "")
            if s and ORG.search(s) and len(s) < 80 and ":" not in s:
                return s
    return _strip_bold(text.splitlines()[0])


def doc_title(blocks: list[dict], stem: str) -> str:
    for b in blocks[:12]:
        for s in [b.get("text", "")] + b.get("lines", []):
            s = _strip_bold(s or "")
            if re.search(r"(Strategy|Plan|review|Review|extension|Extension)", s) and len(s) < 90 and not s.endswith("."):
                return re.sub(r"^Report title:\s*", "", s)
    return stem.split("_", 2)[-1].replace("-", " ").capitalize()


BASE_CSS = """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9.6pt; line-height: 1.38; color: #231f20; }
b { font-weight: bold; }
p { margin: 0 0 6pt; }
.folio { margin: 6pt 0; border-top: 0.5pt solid #bbb; text-align: right; font-size: 7pt; color: #777; padding-top: 1.5pt; break-inside: avoid; }
.colophon { margin-top: 14pt; padding-top: 5pt; border-top: 2pt solid var(--p); font-size: 8pt; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; }
.pill { display: inline-block; padding: 0 4pt; border-radius: 6pt; font-weight: bold; font-size: 0.92em; white-space: nowrap; }
.green { background: #c9e8cf; } .amber { background: #ffe0a3; } .red { background: #f6c1bd; }
.blue { background: #c7dcf3; } .grey { background: #dedede; }
.pill.green { background: #007f3b; color: #fff; } .pill.amber { background: #ed8b00; color: #fff; }
.pill.red { background: #c8102e; color: #fff; } .pill.blue { background: #005eb8; color: #fff; }
.pill.grey { background: #6b6b6b; color: #fff; }
ul.bul { margin: 0 0 6pt; padding-left: 12pt; }
ul.bul li { margin-bottom: 2.5pt; }
ul.bul li::marker { color: var(--p); }
.sub { display: block; color: #444; }
"""


def page_css(kind: str, pal: tuple, name: str, title: str, landscape: bool = False) -> str:
    p, s, d, t, a = pal
    size = "A4 landscape" if landscape else "A4"
    left = _margin_string(name)
    right = _margin_string(title)
    return f"""
:root {{ --p: {p}; --s: {s}; --d: {d}; --t: {t}; --a: {a}; }}
@page {{ size: {size}; margin: 21mm 15mm 17mm 15mm;
  @top-left {{ content: {left}; background: {p}; color: #fff; font: bold 8pt 'Liberation Sans', sans-serif;
     padding: 0 0 0 15mm; margin: 0 0 0 -15mm; height: 11mm; vertical-align: middle; }}
  @top-right {{ content: {right}; background: {p}; color: #fff; font: 8pt 'Liberation Sans', sans-serif;
     padding: 0 15mm 0 0; margin: 0 -15mm 0 0; height: 11mm; vertical-align: middle; }}
  @bottom-left {{ content: ""; border-top: 1.2pt solid {s}; margin-top: 6mm; height: 1pt; }}
  @bottom-right {{ content: {'"Page " counter(page) " of " counter(pages)' if kind == 'review' else 'counter(page)'};
     font: bold 8pt 'Liberation Sans', sans-serif; color: {d}; vertical-align: top; padding-top: 2mm; }}
}}
@page cover {{ margin: 0; @top-left {{ content: none; }} @top-right {{ content: none; }}
  @bottom-left {{ content: none; border: none; }} @bottom-right {{ content: none; }} }}
"""


def print_pdf(markup: str, pdf: Path, keep_html: Path | None = None) -> None:
    """Print the page to `pdf` (bench/pdf_render.py's Chromium), its HTML kept in `keep_html` if given."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if keep_html:
        keep_html.mkdir(parents=True, exist_ok=True)
        (keep_html / (pdf.stem + ".html")).write_text(markup, encoding="utf-8")
    print_html(markup, pdf)


# ----------------------------------------------------------------------------------------------
# Front matter (cover / cover sheet)


SECTION_WORD = re.compile(r"^(?:Theme|Outcome|Ambition|Mission|Priority|Appendix|Commitment|Action|Roadmap)\b")


def split_front(blocks: list[dict]) -> tuple[list[dict], list[dict]]:
    """The body's opening block: title lines, partners, date, document information or a paper's
    header block; it ends at the first section heading (contents, foreword, a numbered heading or a
    heading over text) or the first running text."""
    end = 0
    for i, b in enumerate(blocks[:8]):  # a date or document information closes the title block
        text = b.get("text", "")
        if (b["t"] == "heading" and (KNOWN_L1.match(text) or re.match(r"^\d+\.", text))) or b["t"] == "list" \
                or (b["t"] == "para" and len(text) >= 150):
            break
        if b["t"] in ("meta", "date") or (b["t"] == "table" and all(r[0].endswith(":") for r in b["rows"])):
            end = i + 1
    for i, b in enumerate(blocks[:10]):
        if i < end:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        t = b["t"]
        text = b.get("text", "")
        labelled = t in ("heading", "para") and LABEL.match(text) and not SECTION_WORD.match(text)
        if t in ("meta", "date", "lines") or labelled:
            end = i + 1
            continue
        if t == "table" and all(r[0].endswith(":") for r in b["rows"]):
            end = i + 1
            continue
        if t == "heading":
            if KNOWN_L1.match(text) or re.match(r"^\d+\.", text):
                break
            if nxt and nxt["t"] in ("para", "list", "quote", "table") and not (
                    nxt["t"] == "para" and LABEL.match(nxt["text"]) and i < 4) and not (
                    nxt["t"] == "table" and all(r[0].endswith(":") for r in nxt["rows"])):
                break
            end = i + 1
            continue
        if t == "para" and len(text) < 150 and i < 5:
            end = i + 1
            continue
        break
    return blocks[:end], blocks[end:]


def front_texts(front: list[dict]) -> list[tuple[str, str]]:
    """(kind, text) lines of the front matter in order; kind heading / line / date / meta."""
    out = []
    for b in front:
        if b["t"] in ("heading", "para", "single"):
            out.append(("heading", b["text"]))
        elif b["t"] == "lines":
            out.extend(("line", s) for s in b["lines"])
        elif b["t"] == "date":
            out.append(("date", b["text"]))
        elif b["t"] == "meta":
            out.extend(("meta", (k, v)) for k, v in b["rows"])
    return out


# ----------------------------------------------------------------------------------------------
# Strategy: the brochure


STRATEGY_CSS = """
.cover { page: cover; height: 296.5mm; background: var(--p); color: #fff; position: relative; overflow: visible;
  display: flex; flex-direction: column; padding: 22mm 20mm 16mm 22mm; break-after: page;
  background-image: radial-gradient(circle at 100% 0%, var(--s) 0 34%, transparent 34.2%),
                    radial-gradient(circle at 0% 100%, var(--d) 0 30%, transparent 30.2%); }
.cover .org { font: bold 13pt 'Liberation Sans', sans-serif; letter-spacing: 0.3pt; margin-bottom: 48mm; max-width: 120mm; }
.cover .title { font: bold 32pt/1.08 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; margin: 0 0 7mm; max-width: 150mm; }
.cover .subtitle { font: 15pt/1.25 'Liberation Sans', sans-serif; margin: 0 0 3mm; max-width: 150mm; }
.cover .spacer { flex: 1; }
.cover .partners { display: flex; gap: 4mm; flex-wrap: wrap; margin-bottom: 6mm; }
.cover .partners span { background: #fff; color: var(--d); font: bold 9pt 'Liberation Sans', sans-serif; padding: 3mm 4mm; border-radius: 1.5mm; }
.cover .date { font: bold 14pt 'Liberation Sans', sans-serif; color: var(--a); margin-bottom: 5mm; }
.cover table.docinfo { width: 115mm; font-size: 8pt; color: #fff; background: rgba(0,0,0,0.22); }
.cover table.docinfo td { padding: 1.3mm 2.5mm; border-bottom: 0.4pt solid rgba(255,255,255,0.35); }
.cover table.docinfo td.k { font-weight: bold; width: 40mm; }
h2.banner { background: var(--p); color: #fff; font: bold 17pt/1.15 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif;
  margin: 0 0 5mm; padding: 4mm 5mm 4mm 5mm; break-after: avoid; break-inside: avoid; border-left: 4mm solid var(--s); }
h2.banner.page { break-before: page; }
h3 { font: bold 11.5pt/1.2 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); margin: 3mm 0 2mm;
  padding-bottom: 1mm; border-bottom: 1pt solid var(--s); break-after: avoid; }
.cols h3 { margin-top: 0; }
.cols { columns: 2; column-gap: 7mm; column-fill: balance; margin-bottom: 3mm; }
.cols p { text-align: justify; }
p.lead { font-size: 11.5pt; line-height: 1.35; color: var(--d); margin-bottom: 4mm; }
.sidebar-row { display: grid; grid-template-columns: 1fr 58mm; column-gap: 7mm; margin-bottom: 3mm; }
.sidebar-row > .main p { text-align: justify; }
.box { background: var(--t); border-top: 2.5mm solid var(--s); padding: 3.5mm 4.5mm 2mm; margin: 1mm 0 5mm; break-inside: avoid; }
.box .boxtitle { font: bold 10.5pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); margin-bottom: 2mm; }
.box ul { margin: 0 0 2mm; padding-left: 12pt; }
.box li { margin-bottom: 2pt; }
.box li::marker { color: var(--p); content: "■  "; font-size: 7pt; }
.sidebar .box { margin-top: 0; border-top: none; border-left: 2.5mm solid var(--s); }
.panel { background: var(--p); color: #fff; padding: 4mm 5mm 2mm; margin: 1mm 0 5mm; }
.panel .boxtitle { color: #fff; border-bottom: 0.6pt solid rgba(255,255,255,0.5); padding-bottom: 1mm; font: bold 10.5pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; margin-bottom: 2mm; }
.panel .item { display: flex; gap: 3mm; margin-bottom: 2.5mm; break-inside: avoid; }
.panel .num { flex: 0 0 auto; min-width: 9mm; height: 7mm; border-radius: 3.5mm; background: var(--a); color: var(--d); font-weight: bold; text-align: center; padding: 0.7mm 1.5mm; }
.panel.twocol .items { columns: 2; column-gap: 7mm; }
.cards { columns: 2; column-gap: 5mm; margin: 1mm 0 4mm; }
.card { break-inside: avoid; background: #fff; border: 0.6pt solid var(--s); border-top: 2mm solid var(--p); padding: 3mm 3.5mm 1.5mm; margin-bottom: 4mm; }
.card .ctitle { font-weight: bold; color: var(--p); margin-bottom: 1.5mm; font-size: 10pt; }
.card .code { display: inline-block; background: var(--p); color: #fff; font-weight: bold; padding: 0.3mm 2mm; border-radius: 1mm; margin-right: 1.5mm; }
.card dl { margin: 0; } .card dt { font-weight: bold; color: var(--d); font-size: 8.3pt; text-transform: uppercase; letter-spacing: 0.2pt; }
.card dd { margin: 0 0 1.5mm; }
.card ul { padding-left: 11pt; margin: 1mm 0 1.5mm; }
.card .measure { background: var(--t); padding: 1.5mm 2mm; margin-bottom: 1.5mm; }
table.action, table.data, table.roadmap { margin: 1mm 0 5mm; font-size: 8.8pt; }
table caption { caption-side: top; text-align: left; font: bold 10pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); padding-bottom: 1.5mm; }
table.action th, table.data th, table.roadmap th { background: var(--p); color: #fff; padding: 2mm 2.5mm; font-weight: bold; }
table.action td, table.data td, table.roadmap td { padding: 2mm 2.5mm; border-bottom: 0.6pt solid #c9c9c9; }
table.action tbody tr:nth-child(even) td, table.data tbody tr:nth-child(even) td { background: var(--t); }
table.action td.c0.ref { font-weight: bold; color: var(--d); white-space: nowrap; }
table.action.yousaid td.c0 { font-style: italic; font-weight: normal; color: var(--p); width: 24%; }
table.action.yousaid td.c0::before { content: "“"; font: bold 16pt 'DejaVu Serif', serif; color: var(--s); line-height: 0.5; }
table.roadmap td.c0 { background: var(--t); font-weight: bold; color: var(--d); width: 16%; }
table.roadmap th { background: var(--d); }
table.roadmap th.c0 { background: var(--p); }
table.data tr:last-child td { border-bottom: 1.5pt solid var(--p); }
tr { break-inside: avoid; }
table.keep { break-inside: avoid; }
.contents { margin: 0 0 6mm; }
.contents .row { display: flex; align-items: baseline; border-bottom: 0.6pt dotted var(--s); padding: 1.6mm 0; }
.contents .row .t { flex: 1; font-size: 10.5pt; }
.contents .row .n { font-weight: bold; color: var(--p); width: 12mm; text-align: right; }
table.contents td { border-bottom: 0.6pt dotted var(--s); padding: 1.6mm 0; font-size: 10.5pt; }
table.contents td.n { font-weight: bold; color: var(--p); width: 12mm; text-align: right; }
.quotes { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; margin: 1mm 0 5mm; }
.quote { background: var(--t); padding: 4mm 4mm 3mm 11mm; position: relative; font-style: italic; color: var(--d); break-inside: avoid; }
.quote::before { content: "“"; position: absolute; left: 2.5mm; top: -1mm; font: bold 30pt 'DejaVu Serif', serif; color: var(--s); }
.quote .who { display: block; font-style: normal; font-weight: bold; margin-top: 1.5mm; color: var(--p); }
.quote.plain::before { content: ""; }
.facts { background: var(--t); padding: 3.5mm 4.5mm 1mm; margin: 1mm 0 5mm; break-inside: avoid; }
.facts .boxtitle { font: bold 10.5pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); margin-bottom: 2mm; }
.facts ul { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
.facts li { border-left: 1.5mm solid var(--s); padding-left: 3mm; margin-bottom: 2mm; }
.facts .fig { font: bold 14pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); }
.signoff { margin: 2mm 0 5mm; padding: 3mm 4mm; border-left: 1.5mm solid var(--a); font-style: italic; color: var(--d); }
.signoff span { display: block; }
.docinfo-inside { font-size: 8.5pt; margin-bottom: 5mm; }
.folio { column-span: all; }
"""


def _fig(text: str) -> str:
    """Highlight the first figure of a fact (no words moved)."""
    s = inline(text)
    for m in re.finditer(r"(?<![\w£/])(£?\d[\d,.]*(?:\s?%| million| GWh| tonnes)?)", s):
        if re.fullmatch(r"(?:19|20)\d\d", m.group(1)) or re.fullmatch(r"\d", m.group(1)):
            continue  # a year or a digit, not a figure
        return s[:m.start()] + f"<span class='fig'>{m.group(1)}</span>" + s[m.end():]
    return s


def _is_will_lead(text: str | None) -> bool:
    return bool(text) and bool(re.search(r"\bwill\b", text, re.I)) and text.endswith(":")


def _is_facts(b: dict) -> bool:
    items = b["items"]
    n = sum(1 for it in items if re.search(r"\d{1,3},\d{3}|\d+%|\b\d{3,}\b|£", it["text"]))
    return len(items) >= 3 and n * 10 >= len(items) * 6


def _is_quotes(b: dict) -> bool:
    return all(it["text"].startswith(("“", '"')) for it in b["items"])


def _action_table(rows: list[list[str]]) -> str:
    h = " ".join(rows[0]).lower()
    if rows[0][0].lower().startswith("you said"):
        return "action yousaid"
    if re.search(r"action|we will|commitment|what happens now", h):
        return "action"
    if rows[0][0].lower() in ("year", "commitment") or "year 1" in h:
        return "roadmap"
    return "data"


def _contents_html(b: dict) -> str:
    rows = []
    if b["t"] == "table":  # tab rows stay table rows, cell for cell
        body = "".join("<tr>" + "".join(f"<td class='{'t' if k == 0 else 'n'}'>{inline(c)}</td>" for k, c in enumerate(r))
                       + "</tr>" for r in b["rows"])
        return f"<table class='contents'><tbody>{body}</tbody></table>"
    if b["t"] == "lines":
        for s in b["lines"]:
            if " | " in s:
                t, n = s.rsplit(" | ", 1)
                rows.append((t + " |", n))
            else:
                rows.append((s, ""))
    out = "".join(f"<div class='row'><span class='t'>{inline(t)}</span><span class='n'>{inline(n)}</span></div>" for t, n in rows)
    return f"<div class='contents'>{out}</div>"


def _numbered_panel(paras: list[dict], title: str | None, twocol: bool) -> str:
    items = []
    for b in paras:
        t = b["text"]
        m = re.match(r"^(\d+\([a-z]\)|\d+(?:\.\d+)?\.?|\([A-Z]{2,4}\d+\))\s+(.*)$", t)
        if m:
            items.append(f"<div class='item'><span class='num'>{esc(m.group(1))}</span><div>{inline(m.group(2))}</div></div>")
        else:
            items.append(f"<div class='item'><span class='num'>›</span><div>{inline(t)}</div></div>")
    head = f"<div class='boxtitle'>{inline(title)}</div>" if title else ""
    return f"<div class='panel{' twocol' if twocol else ''}'>{head}<div class='items'>{''.join(items)}</div></div>"


def _callout(b: dict, title: str | None = None) -> str:
    head = title or b.get("lead")
    h = f"<div class='boxtitle'>{inline(head)}</div>" if head else ""
    return f"<div class='box'>{h}{list_html(b, 'inbox')}</div>"


class Strategy:
    """Renders the strategy's blocks as a brochure."""

    def __init__(self, blocks: list[dict], numbered: bool):
        self.blocks = blocks
        self.numbered = numbered

    def level(self, text: str) -> int:
        if re.match(r"^\d+\.\d+\s", text):
            return 2
        if re.match(r"^\d+\.\s", text) or KNOWN_L1.match(text):
            return 1
        if SUBHEAD.match(text):
            return 2
        if self.numbered:
            return 2
        return 1

    def render(self) -> str:
        out: list[str] = []
        blocks = self.blocks
        i = 0
        first_banner = True
        pending_prose: list[str] = []
        section = ""

        def flush_prose() -> None:
            if not pending_prose:
                return
            out.append(self._prose(pending_prose))
            pending_prose.clear()

        while i < len(blocks):
            b = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            t = b["t"]
            if t == "heading":
                lvl = self.level(b["text"])
                if lvl == 1:
                    flush_prose()
                    brk = not first_banner and (section.lower() == "contents" or re.match(r"^(?:\d+\.\s+)?(?:Appendix|Glossary)", b["text"]))
                    section = b["text"]
                    cls = "banner" + (" page" if brk else "")
                    first_banner = False
                    out.append(f"<h2 class='{cls}'>{inline(b['text'])}</h2>")
                    if section.lower() == "contents" and nxt and nxt["t"] in ("table", "lines"):
                        out.append(_contents_html(nxt))
                        i += 2
                        continue
                elif nxt and nxt["t"] == "list" and SUBHEAD.match(b["text"]) and not nxt.get("lead"):
                    # "What we will deliver" over its list: the box's title
                    group = [nxt]
                    j = i + 2
                    while j + 1 < len(blocks) and blocks[j]["t"] == "footer" and blocks[j + 1]["t"] == "list":
                        group += [blocks[j], blocks[j + 1]]
                        j += 2
                    box = "".join(_callout(g, b["text"] if k == 0 else None) if g["t"] == "list" else folio(g)
                                  for k, g in enumerate(group))
                    self._place(out, pending_prose, box, short=len(group) == 1 and _short(nxt))
                    i = j
                    continue
                elif nxt and nxt["t"] == "para":
                    pending_prose.append(f"<h3>{inline(b['text'])}</h3>")
                else:
                    flush_prose()
                    out.append(f"<h3>{inline(b['text'])}</h3>")
                i += 1
                continue
            if t == "para":
                text = b["text"]
                if re.match(r"^\d+\([a-z]\)\s", text):
                    group, i = _take(blocks, i, lambda x: x["t"] == "para" and re.match(r"^\d+\([a-z]\)\s", x["text"]))
                    flush_prose()
                    out.append(_numbered_panel(group, None, twocol=True))
                    continue
                if re.match(r"^\d+\.\s+[A-Z][^:]{3,60}:\s", text):
                    group, i = _take(blocks, i, lambda x: x["t"] == "para" and re.match(r"^\d+\.\s+[A-Z][^:]{3,60}:\s", x["text"]))
                    flush_prose()
                    out.append(_numbered_panel(group, None, twocol=len(group) > 3))
                    continue
                if re.match(r"^(?:\d+(?:\.\d+)?\.?\s+)?We will\b", text):
                    group, i = _take(blocks, i, lambda x: x["t"] == "para" and re.match(r"^(?:\d+(?:\.\d+)?\.?\s+)?We will\b", x["text"]))
                    flush_prose()
                    out.append(_numbered_panel(group, None, twocol=len(group) > 3))
                    continue
                if re.match(r"^(?:\*\*[^*]{2,60}\.\*\*|\([A-Z]{2,4}\d+\))\s", text):
                    group, i = _take(blocks, i, lambda x: x["t"] == "para" and re.match(r"^(?:\*\*[^*]{2,60}\.\*\*|\([A-Z]{2,4}\d+\))\s", x["text"]))
                    flush_prose()
                    out.append(self._cards(group))
                    continue
                if re.match(r"^Commitment \d+:", text):
                    group = [b]
                    j = i + 1
                    while j < len(blocks) and blocks[j]["t"] in ("list", "para") and not re.match(r"^Commitment \d+:", blocks[j].get("text", "")) \
                            and (blocks[j]["t"] == "list" or blocks[j]["text"].startswith(("Measure of success", "How we will do it"))):
                        group.append(blocks[j])
                        j += 1
                    cards = [group]
                    while j < len(blocks) and blocks[j]["t"] == "para" and re.match(r"^Commitment \d+:", blocks[j]["text"]):
                        g = [blocks[j]]
                        j += 1
                        while j < len(blocks) and (blocks[j]["t"] == "list" or (blocks[j]["t"] == "para" and blocks[j]["text"].startswith(("Measure of success", "How we will do it")))):
                            g.append(blocks[j])
                            j += 1
                        cards.append(g)
                    flush_prose()
                    out.append("<div class='cards'>" + "".join(self._commitment_card(g) for g in cards) + "</div>")
                    i = j
                    continue
                pending_prose.append(f"<p>{inline(text)}</p>")
                i += 1
                continue
            if t == "quote":
                group, i = _take(blocks, i, lambda x: x["t"] == "quote")
                flush_prose()
                out.append("<div class='quotes'>" + "".join(
                    f"<div class='quote'>{inline(q['text'])}<span class='who'>{inline(q['who'])}</span></div>" for q in group) + "</div>")
                continue
            if t == "list":
                if _is_will_lead(b.get("lead")):
                    self._place(out, pending_prose, _callout(b), short=_short(b))
                elif _is_quotes(b):
                    flush_prose()
                    lead = f"<h3>{inline(b['lead'])}</h3>" if b.get("lead") else ""
                    out.append(lead + "<div class='quotes'>" + "".join(
                        f"<div class='quote'>{inline(it['text'])}</div>" for it in b["items"]) + "</div>")
                elif _is_facts(b) or (b.get("lead") and re.match(r"^In \d{4}/\d{2}", b["lead"])):
                    flush_prose()
                    lead = f"<div class='boxtitle'>{inline(b['lead'])}</div>" if b.get("lead") else ""
                    items = "".join(f"<li>{_fig(it['text'])}{''.join(' ' + inline(s) for s in it['subs'])}</li>" for it in b["items"])
                    out.append(f"<div class='facts'>{lead}<ul>{items}</ul></div>")
                else:
                    lead = f"<p>{inline(b['lead'])}</p>" if b.get("lead") else ""
                    pending_prose.append(lead + list_html(b))
                i += 1
                continue
            if t == "table":
                flush_prose()
                cls = _action_table(b["rows"])
                lead = b.get("lead")
                if len(b["rows"]) <= 8:
                    cls += " keep"
                out.append(table_html(b["rows"], cls, status=False, caption=lead))
                i += 1
                continue
            if t == "actioncard":
                group, i = _take(blocks, i, lambda x: x["t"] == "actioncard")
                flush_prose()
                out.append("<div class='cards'>" + "".join(self._action_card(c) for c in group) + "</div>")
                continue
            if t == "lines":
                sign = all(NAME_LINE.match(s) or len(s) < 70 for s in b["lines"])
                flush_prose()
                out.append("<div class='signoff'>" + "".join(f"<span>{inline(s)}</span>" for s in b["lines"]) + "</div>"
                           if sign else "<p>" + "<br>".join(inline(s) for s in b["lines"]) + "</p>")
                i += 1
                continue
            if t == "meta":
                flush_prose()
                out.append(_meta_table(b["rows"], "data docinfo-inside"))
                i += 1
                continue
            if t == "footer":
                if pending_prose:
                    pending_prose.append(folio(b))
                else:
                    out.append(folio(b))
                i += 1
                continue
            if t == "colophon":
                flush_prose()
                out.append(f"<div class='colophon'>{inline(b['text'])}</div>")
                i += 1
                continue
            if t == "date":
                pending_prose.append(f"<p><b>{inline(b['text'])}</b></p>")
                i += 1
                continue
            raise ValueError(f"unhandled block {b}")
        flush_prose()
        return "".join(out)

    def _prose(self, parts: list[str]) -> str:
        plain_text = re.sub(r"<[^>]+>", "", "".join(parts))
        if len(parts) == 1 and parts[0].startswith("<p>") and len(plain_text) < 420:
            return parts[0].replace("<p>", "<p class='lead'>", 1)
        if len(plain_text) < 300 and not any(p.startswith("<h3") for p in parts):
            return "".join(parts)
        first = parts[0]
        rest = parts[1:]
        if first.startswith("<p>") and len(re.sub(r"<[^>]+>", "", first)) < 330 and rest:
            return first.replace("<p>", "<p class='lead'>", 1) + f"<div class='cols'>{''.join(rest)}</div>"
        return f"<div class='cols'>{''.join(parts)}</div>"

    def _place(self, out: list[str], prose: list[str], box: str, short: bool) -> None:
        """A short call-out goes in a sidebar beside the prose before it; a long one full width."""
        if prose and short and len(re.sub(r"<[^>]+>", "", "".join(prose))) > 250 and not any("folio" in p for p in prose):
            out.append(f"<div class='sidebar-row'><div class='main'>{''.join(prose)}</div><div class='sidebar'>{box}</div></div>")
            prose.clear()
        else:
            if prose:
                out.append(self._prose(prose))
                prose.clear()
            out.append(box)

    def _cards(self, group: list[dict]) -> str:
        cards = []
        for b in group:
            t = b["text"]
            m = re.match(r"^\*\*([^*]+)\*\*\s+(.*)$", t)
            if m:
                title = m.group(1)
                code = re.match(r"^[A-Z]{2,4}\d+\.$", title)
                if code:
                    cards.append(f"<div class='card'><span class='code'>{esc(title)}</span>{inline(m.group(2))}</div>")
                else:
                    rest = m.group(2)
                    cards.append(f"<div class='card'><div class='ctitle'>{esc(title)}</div>{inline(rest)}</div>")
                continue
            m = re.match(r"^(\([A-Z]{2,4}\d+\))\s+(.*)$", t)
            cards.append(f"<div class='card'><span class='code'>{esc(m.group(1))}</span>{inline(m.group(2))}</div>")
        return "<div class='cards'>" + "".join(cards) + "</div>"

    def _action_card(self, c: dict) -> str:
        fields = "".join(f"<dt>{esc(k)}</dt><dd>{inline(v)}</dd>" if k else f"<dd>{inline(v)}</dd>" for k, v in c["fields"])
        return f"<div class='card'><div class='ctitle'>{inline(c['title'])}</div><dl>{fields}</dl></div>"

    def _commitment_card(self, g: list[dict]) -> str:
        parts = [f"<div class='ctitle'>{inline(g[0]['text'])}</div>"]
        for b in g[1:]:
            if b["t"] == "list":
                lead = f"<b>{inline(b['lead'])}</b>" if b.get("lead") else ""
                parts.append(lead + list_html(b, "incard"))
            elif b["text"].startswith("Measure of success"):
                parts.append(f"<div class='measure'>{inline(b['text'])}</div>")
            else:
                parts.append(f"<p><b>{inline(b['text'])}</b></p>")
        return "<div class='card'>" + "".join(parts) + "</div>"


def _short(b: dict) -> bool:
    n = sum(len(it["text"]) + sum(len(s) for s in it["subs"]) for it in b["items"]) + len(b.get("lead") or "")
    return len(b["items"]) <= 4 and n < 520


def _take(blocks: list[dict], i: int, pred) -> tuple[list[dict], int]:
    group = []
    while i < len(blocks) and pred(blocks[i]):
        group.append(blocks[i])
        i += 1
    return group, i


def _meta_table(rows: list[tuple[str, str]], cls: str) -> str:
    body = "".join(f"<tr><td class='k'>{esc(k)}{':' if k else ''}</td><td>{inline(v)}</td></tr>" for k, v in rows)
    return f"<table class='{cls}'><tbody>{body}</tbody></table>"


def _cover(front: list[dict], extension: bool = False) -> str:
    items = front_texts(front)
    parts: list[str] = []
    org_done = False
    title_done = False
    partners: list[str] = []
    for kind, val in items:
        if kind == "heading":
            if not org_done and not title_done and ORG.search(val) and not re.search(r"Strategy|Plan", val):
                parts.append(f"<div class='org'>{inline(val)}</div>")
                org_done = True
            elif not title_done:
                parts.append(f"<h1 class='title'>{inline(val)}</h1>")
                title_done = True
            else:
                parts.append(f"<div class='subtitle'>{inline(val)}</div>")
        elif kind == "line":
            if not title_done and not org_done and ORG.search(val):
                parts.append(f"<div class='org'>{inline(val)}</div>")
                org_done = True
            elif not title_done and org_done and ORG.search(val) and not re.search(r"Strategy|Plan", val):
                parts.append(f"<div class='org' style='margin-top:-46mm'>{inline(val)}</div>")
            elif not title_done:
                parts.append(f"<h1 class='title'>{inline(val)}</h1>")
                title_done = True
            elif title_done and len(parts) and "title" in parts[-1] and not ORG.search(val):
                parts.append(f"<div class='subtitle'>{inline(val)}</div>")
            else:
                partners.append(val)
                parts.append(("PARTNER", val))
        elif kind == "date":
            parts.append(("DATE", val))
        elif kind == "meta":
            parts.append(("META", val))
    html_parts: list[str] = []
    spacer_done = False
    k = 0
    while k < len(parts):
        p = parts[k]
        if isinstance(p, tuple):
            if not spacer_done:
                html_parts.append("<div class='spacer'></div>")
                spacer_done = True
            if p[0] == "PARTNER":
                group = []
                while k < len(parts) and isinstance(parts[k], tuple) and parts[k][0] == "PARTNER":
                    group.append(parts[k][1])
                    k += 1
                html_parts.append("<div class='partners'>" + "".join(f"<span>{inline(g)}</span>" for g in group) + "</div>")
                continue
            if p[0] == "DATE":
                html_parts.append(f"<div class='date'>{inline(p[1])}</div>")
            if p[0] == "META":
                group = []
                while k < len(parts) and isinstance(parts[k], tuple) and parts[k][0] == "META":
                    group.append(parts[k][1])
                    k += 1
                if len(group) == 1 and re.match(r"^(Published|Date)$", group[0][0]):
                    html_parts.append(f"<div class='date'>{esc(group[0][0])}: {inline(group[0][1])}</div>")
                else:
                    html_parts.append(_meta_table(group, "docinfo"))
                continue
        else:
            html_parts.append(p)
        k += 1
    if not spacer_done:
        html_parts.append("<div class='spacer'></div>")
    cls = "titleblock" if extension else "cover"
    return f"<section class='{cls}'>{''.join(html_parts)}</section>"


def render_strategy(text: str, pal: tuple, stem: str) -> str:
    blocks = parse_doc(text)
    front, rest = split_front(blocks)
    numbered = sum(1 for b in rest if b["t"] == "heading" and re.match(r"^\d+\.\s", b["text"])) >= 3
    name = body_name(blocks, text)
    title = doc_title(blocks, stem)
    body = Strategy(rest, numbered).render()
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
            f"<style>{BASE_CSS}{page_css('strategy', pal, name, title)}{STRATEGY_CSS}</style></head>"
            f"<body>{_cover(front)}<main>{body}</main></body></html>")


# ----------------------------------------------------------------------------------------------
# Extension: the refresh (same family, margin headings)


EXTENSION_CSS = """
.titleblock { background: var(--p); color: #fff; margin: 0 0 7mm; padding: 9mm 10mm 7mm; display: flex; flex-direction: column;
  background-image: radial-gradient(circle at 100% 0%, var(--s) 0 22%, transparent 22.3%); border-bottom: 3mm solid var(--a); }
.titleblock .org { font: bold 11pt 'Liberation Sans', sans-serif; margin-bottom: 5mm; }
.titleblock .title { font: bold 24pt/1.1 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; margin: 0 0 3mm; max-width: 150mm; }
.titleblock .subtitle { font: 12.5pt/1.25 'Liberation Sans', sans-serif; margin-bottom: 2mm; max-width: 150mm; }
.titleblock .date { font: bold 11pt 'Liberation Sans', sans-serif; color: var(--a); margin-top: 2mm; }
.titleblock .partners span { display: inline-block; background: #fff; color: var(--d); font-weight: bold; padding: 1.5mm 3mm; margin: 2mm 2mm 0 0; }
.titleblock table.docinfo { width: 125mm; font-size: 8pt; color: #fff; margin-top: 3mm; background: rgba(0,0,0,0.2); }
.titleblock table.docinfo td { padding: 1mm 2.5mm; border-bottom: 0.4pt solid rgba(255,255,255,0.35); }
.titleblock table.docinfo td.k { font-weight: bold; width: 42mm; }
.titleblock .org[style] { margin-top: 0 !important; }
.part { background: var(--d); color: #fff; font: bold 14pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; padding: 3mm 5mm; margin: 2mm 0 5mm; break-after: avoid; }
.sec { display: grid; grid-template-columns: 46mm 1fr; column-gap: 7mm; margin-bottom: 4mm; border-top: 1.2pt solid var(--s); padding-top: 3mm; }
.sec > h2 { font: bold 12.5pt/1.2 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); margin: 0; }
.sec > .content p { text-align: left; }
.sec h3 { font: bold 10.5pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); margin: 2mm 0 1.5mm; break-after: avoid; }
.panel { background: var(--t); border-left: 2mm solid var(--p); padding: 3mm 4mm 1mm; margin: 1mm 0 4mm; }
.panel .boxtitle { font-weight: bold; color: var(--p); margin-bottom: 2mm; }
.panel .item { display: flex; gap: 3mm; margin-bottom: 2.5mm; }
.panel .num { flex: 0 0 auto; min-width: 8mm; height: 6.5mm; border-radius: 3.25mm; background: var(--p); color: #fff; font-weight: bold; text-align: center; padding: 0.5mm 1.5mm; }
.panel ul { margin: 0 0 2mm; padding-left: 12pt; } .panel li { margin-bottom: 2.5pt; } .panel li::marker { color: var(--p); }
.datechip { display: inline-block; background: var(--p); color: #fff; font-weight: bold; padding: 0 2mm; border-radius: 1mm; }
.leadchip { color: var(--d); font-style: italic; }
table.action, table.data { margin: 1mm 0 4mm; font-size: 8.6pt; }
table caption { caption-side: top; text-align: left; font-weight: bold; color: var(--p); padding-bottom: 1.5mm; }
table.action th, table.data th { background: var(--p); color: #fff; padding: 1.8mm 2mm; }
table.action td, table.data td { padding: 1.8mm 2mm; border-bottom: 0.6pt solid #c9c9c9; }
table.action tbody tr:nth-child(even) td { background: var(--t); }
table.action td.c0.ref { font-weight: bold; color: var(--d); white-space: nowrap; }
tr { break-inside: avoid; }
.signoff { margin: 1mm 0 4mm; font-style: italic; color: var(--d); } .signoff span { display: block; }
"""


def _panel_items(paras: list[dict]) -> str:
    items = []
    for b in paras:
        m = re.match(r"^(\d+)\.\s+(.*)$", b["text"])
        if m:
            items.append(f"<div class='item'><span class='num'>{esc(m.group(1))}</span><div>{inline(m.group(2))}</div></div>")
        else:
            items.append(f"<div class='item'><div>{inline(b['text'])}</div></div>")
    return "<div class='panel'>" + "".join(items) + "</div>"


def _ext_list(b: dict) -> str:
    items = []
    for it in b["items"]:
        t = inline(it["text"])
        t = re.sub(r"^((?:By|From|During|In) [A-Z][a-z]+(?: \d{4})?(?: \d{4})?):", r"<span class='datechip'>\1</span>:", t)
        t = re.sub(r"(Lead: [^.]+\.)$", r"<span class='leadchip'>\1</span>", t)
        subs = "".join(f"<span class='sub'>{inline(s)}</span>" for s in it["subs"])
        items.append(f"<li>{t}{subs}</li>")
    lead = f"<div class='boxtitle'>{inline(b['lead'])}</div>" if b.get("lead") else ""
    return f"<div class='panel'>{lead}<ul>{''.join(items)}</ul></div>"


def render_extension(text: str, pal: tuple, stem: str) -> str:
    blocks = parse_doc(text)
    front, rest = split_front(blocks)
    name = body_name(blocks, text)
    title = doc_title(blocks, stem)
    numbered = sum(1 for b in rest if b["t"] == "heading" and re.match(r"^\d+\.\s", b["text"])) >= 3
    out: list[str] = []
    sec_head: str | None = None
    content: list[str] = []

    def close() -> None:
        nonlocal sec_head
        if sec_head is not None or content:
            h = f"<h2>{inline(sec_head)}</h2>" if sec_head is not None else "<div></div>"
            out.append(f"<section class='sec'>{h}<div class='content'>{''.join(content)}</div></section>")
        sec_head = None
        content.clear()

    i = 0
    while i < len(rest):
        b = rest[i]
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        t = b["t"]
        if t == "heading":
            sub = numbered and not re.match(r"^\d+\.\s", b["text"]) and not KNOWN_L1.match(b["text"])
            if sub:
                content.append(f"<h3>{inline(b['text'])}</h3>")
            elif nxt and nxt["t"] == "heading" and not (numbered and not re.match(r"^\d+\.\s", nxt["text"])):
                close()
                out.append(f"<div class='part'>{inline(b['text'])}</div>")
            else:
                close()
                sec_head = b["text"]
            i += 1
            continue
        if t == "para" and re.match(r"^\d+\.\s+We will\b", b["text"]):
            group, i = _take(rest, i, lambda x: x["t"] == "para" and re.match(r"^\d+\.\s+We will\b", x["text"]))
            content.append(_panel_items(group))
            continue
        if t == "para":
            content.append(f"<p>{inline(b['text'])}</p>")
        elif t == "list":
            if _is_will_lead(b.get("lead")) or any(re.match(r"^(By|From|During) ", it["text"]) for it in b["items"]) \
                    or any("formerly" in it["text"] for it in b["items"]):
                content.append(_ext_list(b))
            else:
                lead = f"<p>{inline(b['lead'])}</p>" if b.get("lead") else ""
                content.append(lead + list_html(b))
        elif t == "table":
            cls = "action" if re.search(r"action|commitment|what happens", " ".join(b["rows"][0]), re.I) else "data"
            content.append(table_html(b["rows"], cls, status=False, caption=b.get("lead")))
        elif t == "lines":
            content.append("<div class='signoff'>" + "".join(f"<span>{inline(s)}</span>" for s in b["lines"]) + "</div>")
        elif t == "meta":
            content.append(_meta_table(b["rows"], "data"))
        elif t == "footer":
            content.append(folio(b))
        elif t == "colophon":
            close()
            out.append(f"<div class='colophon'>{inline(b['text'])}</div>")
        elif t == "date":
            content.append(f"<p><b>{inline(b['text'])}</b></p>")
        elif t == "quote":
            content.append(f"<p><i>{inline(b['text'])}</i> {inline(b['who'])}</p>")
        elif t == "actioncard":
            content.append("<div class='panel'><b>" + inline(b["title"]) + "</b>" + "".join(
                f"<div>{esc(k)}{': ' if k else ''}{inline(v)}</div>" for k, v in b["fields"]) + "</div>")
        else:
            raise ValueError(f"unhandled block {b}")
        i += 1
    close()
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
            f"<style>{BASE_CSS}{page_css('extension', pal, name, title)}{EXTENSION_CSS}</style></head>"
            f"<body>{_cover(front, extension=True)}<main>{''.join(out)}</main></body></html>")


# ----------------------------------------------------------------------------------------------
# Review: the landscape committee / board paper


REVIEW_CSS = """
body { font-size: 9.8pt; }
.sheet-title { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2.5mm solid var(--p); padding-bottom: 2mm; margin-bottom: 4mm; }
.sheet-title .org { font: bold 15pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); }
.sheet-title .org span { display: block; font-size: 11pt; color: var(--d); }
.sheet-title .org span.kick { font-size: 8pt; color: var(--s); text-transform: uppercase; letter-spacing: 0.5pt; }
.sheet-title .tag { background: var(--a); color: #000; font-weight: bold; padding: 1.5mm 3mm; font-size: 8.5pt; text-transform: uppercase; letter-spacing: 0.4pt; }
table.coversheet { margin-bottom: 7mm; font-size: 9.5pt; break-inside: auto; }
table.coversheet th { width: 46mm; background: var(--p); color: #fff; padding: 2mm 3mm; border-bottom: 0.6pt solid #fff; font-weight: bold; }
table.coversheet td { padding: 2mm 3mm; border-bottom: 0.6pt solid #bbb; background: var(--t); }
table.coversheet td p { margin: 0 0 1.5mm; }
table.coversheet ul { margin: 0; padding-left: 12pt; }
h2.sec { font: bold 13pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: #fff; background: var(--p); padding: 1.8mm 4mm; margin: 5mm 0 3mm; break-after: avoid; }
h2.sec.appendix { break-before: page; background: var(--d); }
h3.cap { font: bold 11pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); border-left: 2mm solid var(--s); padding-left: 2.5mm; margin: 4mm 0 2mm; break-after: avoid; }
.body p, .body .np { max-width: 235mm; }
.np { display: grid; grid-template-columns: 12mm 1fr; margin-bottom: 2.2mm; }
.np .n { font-weight: bold; color: var(--p); }
.np.sub { grid-template-columns: 12mm 8mm 1fr; } .np.sub .n { grid-column: 2; color: var(--d); }
table.paper { margin: 1mm 0 5mm; font-size: 8.7pt; break-inside: auto; }
table.paper thead { display: table-header-group; }
table.paper th { background: var(--p); color: #fff; padding: 2mm 2.5mm; border: 0.5pt solid var(--p); border-right-color: rgba(255,255,255,0.4); }
table.paper td { padding: 1.8mm 2.5mm; border: 0.5pt solid #b5b5b5; }
table.paper tr { break-inside: auto; }
table.paper td p { margin: 0 0 2mm; }
table.paper td.st { font-weight: bold; text-align: center; }
table.paper td.c0 { font-weight: bold; white-space: nowrap; }
table.paper.wide th.c1, table.paper.wide td.c1 { width: 26%; }
table.paper.key { width: auto; min-width: 140mm; max-width: 235mm; }
table.paper.key td.c0 { text-align: left; }
ul.bul { max-width: 235mm; }
.signoff { margin: 3mm 0 5mm; color: var(--d); } .signoff span { display: block; }
.slide { border: 0.8pt solid var(--s); border-top: 3mm solid var(--p); padding: 3mm 5mm 1mm; margin: 0 0 6mm; break-inside: avoid; }
.slide .kicker { font-size: 8pt; font-weight: bold; color: var(--s); text-transform: uppercase; letter-spacing: 0.5pt; }
.slide h2 { font: bold 14pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--p); margin: 0.5mm 0 3mm; }
.slide h3 { font: bold 11pt 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; color: var(--d); margin: 2mm 0 1.5mm; }
.slide .rag { display: inline-block; font-weight: bold; padding: 1mm 3mm; margin-bottom: 2mm; border-radius: 1mm; }
.slide .note { font-size: 8.5pt; color: #555; font-style: italic; }
table.said { margin: 1mm 0 4mm; font-size: 9pt; }
table.said th { background: var(--d); color: #fff; padding: 1.5mm 2.5mm; }
table.said td { padding: 1.8mm 2.5mm; border-bottom: 0.6pt solid #bbb; width: 50%; }
.slide .folio { margin-top: 2mm; }
"""


def _np(text: str) -> str:
    m = re.match(r"^(\d+\.\d+)\s+(.*)$", text)
    if m:
        return f"<div class='np'><span class='n'>{m.group(1)}</span><div>{tags(inline(m.group(2)))}</div></div>"
    m = re.match(r"^(\([a-z]\))\s+(.*)$", text)
    if m:
        return f"<div class='np sub'><span class='n'>{m.group(1)}</span><div>{inline(m.group(2))}</div></div>"
    return f"<p>{tags(inline(text))}</p>"


def _sec_blocks_html(blocks: list[dict]) -> str:
    """Blocks of a moved section (purpose, recommendation) for a cover-sheet cell."""
    parts = []
    for b in blocks:
        if b["t"] == "para":
            parts.append(f"<p>{inline(b['text'])}</p>")
        elif b["t"] == "list":
            lead = f"<p>{inline(b['lead'])}</p>" if b.get("lead") else ""
            parts.append(lead + list_html(b))
        elif b["t"] == "lines":
            parts.append("<p>" + "<br>".join(inline(s) for s in b["lines"]) + "</p>")
        elif b["t"] == "footer":
            parts.append(f"<p class='note' style='font-size:7.5pt;color:#666'>{esc(b['text'])}</p>")
        elif b["t"] == "heading":
            parts.append(f"<p><b>{inline(b['text'])}</b></p>")
        else:
            parts.append(f"<p>{inline(b.get('text', ''))}</p>")
    return "".join(parts)


def _cover_sheet(front: list[dict], moved: list[tuple[str, list[dict]]]) -> tuple[str, str]:
    """(title strip, cover-sheet table) from the paper's header block."""
    rows: list[tuple[str, str]] = []
    org: list[str] = []
    grid: list[list[str]] = []  # a header block printed as a table keeps its rows and cells
    for b in front:
        if b["t"] in ("heading", "para"):
            s = b["text"]
            m = LABEL.match(s)
            if m and not org:
                org.append(s)
            elif not org or (len(org) == 1 and not m and re.search(r"Board|Committee|Council|Trust", s) and not HAS_DATE.search(s) and len(rows) == 0):
                org.append(s)
            elif m:
                rows.append((m.group(1), s[m.end(1) + 1:].strip()))
            elif re.search(r"Board|Committee", s) and HAS_DATE.search(s):
                rows.append(("Meeting", s))
            elif re.match(r"^Report (?:of|by)\b", s):
                rows.append(("Author", s))
            else:
                rows.append(("Paper", s))
        elif b["t"] == "date":
            rows.append(("Date", b["text"]))
        elif b["t"] == "meta":
            rows.extend(b["rows"])
        elif b["t"] == "table":
            grid.extend(b["rows"])
        elif b["t"] == "lines":
            rows.extend(("", s) for s in b["lines"])
    body = []
    width = max([len(r) for r in grid] + [2])
    span = f" colspan='{width - 1}'" if width > 2 else ""
    for k, v in rows:
        label = esc(k) + (":" if k and not k.endswith(":") and k not in ("Meeting", "Author", "Paper", "Date") else "")
        body.append(f"<tr><th>{label}</th><td{span}>{inline(v)}</td></tr>")
    for r in grid:
        body.append("<tr>" + "".join(f"<th>{inline(c)}</th>" if k % 2 == 0 else f"<td>{inline(c)}</td>"
                                      for k, c in enumerate(r)) + "</tr>")
    for label, blocks in moved:
        body.append(f"<tr><th>{inline(label)}</th><td{span}>{_sec_blocks_html(blocks)}</td></tr>")
    strip = ("<div class='sheet-title'><div class='org'>" + "".join(
        f"{inline(_strip_bold(o))}" if n == 0 else f"<span>{inline(_strip_bold(o))}</span>" for n, o in enumerate(org))
        + "</div><div class='tag'>Cover sheet</div></div>")
    return strip, f"<table class='coversheet'><tbody>{''.join(body)}</tbody></table>"


def _review_level(text: str) -> str:
    if re.match(r"^Appendix\b", text):
        return "appendix"
    return "sec"


def render_review(text: str, pal: tuple, stem: str) -> str:
    if re.match(r"^Slide \d+$", text.splitlines()[0].strip()):
        return render_deck(text, pal, stem)
    blocks = parse_doc(text)
    front, rest = split_front(blocks)
    name = body_name(blocks, text)
    title = doc_title(blocks, stem)
    # move the purpose / recommendation sections into the cover sheet
    moved: list[tuple[str, list[dict]]] = []
    keep: list[dict] = []
    i = 0
    has_purpose_row = any(b["t"] == "meta" and any(k.lower().startswith("purpose") for k, _ in b["rows"]) for b in front) or \
        any(b["t"] == "table" and any(c.lower().startswith("purpose") for r in b["rows"] for c in r) for b in front)
    while i < len(rest):
        b = rest[i]
        rec = b["t"] == "heading" and re.match(r"^(?:\d+\.\s+)?Recommendations?$", b["text"])
        if (rec and not any("Recommend" in m[0] for m in moved)) or (
                b["t"] == "heading" and not has_purpose_row and not any("Purpose" in m[0] for m in moved)
                and re.match(r"^(?:\d+\.\s+)?Purpose of the report$", b["text"])):
            j = i + 1
            taken = []
            while j < len(rest) and rest[j]["t"] in ("para", "list"):
                taken.append(rest[j])
                j += 1
            moved.append((b["text"], taken))
            i = j
            continue
        keep.append(b)
        i += 1
    moved.sort(key=lambda x: 0 if "Purpose" in x[0] else 1)
    strip, sheet = _cover_sheet(front, moved)
    out = [strip, sheet, "<div class='body'>"]
    for k, b in enumerate(keep):
        nxt = keep[k + 1] if k + 1 < len(keep) else None
        t = b["t"]
        if t == "heading":
            if nxt and nxt["t"] == "table" and not re.match(r"^\d+\.\s", b["text"]) and not KNOWN_L1.match(b["text"]):
                out.append(f"<h3 class='cap'>{inline(b['text'])}</h3>")
            elif re.match(r"^Appendix\b", b["text"]) and (k == 0 or keep[k - 1]["t"] != "heading" or not re.match(r"^Appendix\b", keep[k - 1]["text"])) \
                    and not (k > 0 and keep[k - 1]["t"] == "heading" and re.match(r"^\d+\.\s+Appendices", keep[k - 1]["text"])):
                out.append(f"<h2 class='sec appendix'>{inline(b['text'])}</h2>")
            elif re.match(r"^Appendix\b", b["text"]):
                out.append(f"<h3 class='cap'>{inline(b['text'])}</h3>")
            else:
                out.append(f"<h2 class='sec'>{inline(b['text'])}</h2>")
        elif t == "para":
            out.append(_np(b["text"]))
        elif t == "list":
            lead = _np(b["lead"]) if b.get("lead") else ""
            out.append(lead + list_html(b))
        elif t == "table":
            rows = b["rows"]
            key = len(rows[0]) == 2
            cls = "paper" + (" key" if key else "") + (" wide" if len(rows[0]) >= 4 else "")
            lead = _np(b["lead"]) if b.get("lead") else ""
            out.append(lead + table_html(rows, cls, status=True))
        elif t == "lines":
            out.append("<div class='signoff'>" + "".join(f"<span>{inline(s)}</span>" for s in b["lines"]) + "</div>")
        elif t == "meta":
            out.append("<div class='signoff'>" + "".join(f"<span>{esc(a)}{': ' if a else ''}{inline(v)}</span>" for a, v in b["rows"]) + "</div>")
        elif t == "footer":
            out.append(folio(b))
        elif t == "colophon":
            out.append(f"<div class='colophon'>{inline(b['text'])}</div>")
        elif t == "date":
            out.append(f"<p>{inline(b['text'])}</p>")
        else:
            out.append(f"<p>{inline(b.get('text', ''))}</p>")
    out.append("</div>")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
            f"<style>{BASE_CSS}{page_css('review', pal, name, title, landscape=True)}{REVIEW_CSS}</style></head>"
            f"<body>{''.join(out)}</body></html>")


def _slides(text: str) -> list[dict]:
    """A slide pack export: slides end with their footer line."""
    slides: list[dict] = []
    cur: list[tuple[int, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if is_footer(line):
            slides.append({"lines": cur, "footer": line.strip()})
            cur = []
        else:
            cur.append((n, line.rstrip()))
    if cur:
        slides.append({"lines": cur, "footer": None})
    for s in slides:
        lines = s["lines"]
        s["kicker"] = None
        if lines and re.match(r"^Slide \d+$", lines[0][1].strip()):
            s["kicker"] = lines[0][1].strip()
            lines = lines[1:]
        s["title"] = lines[0][1].strip() if lines else ""
        s["body"] = lines[1:]
    return slides


def _slide_body(lines: list[tuple[int, str]]) -> str:
    raw = _parse_chunk(lines, wrapped=False) if lines else []
    blocks: list[dict] = []
    for b in raw:
        if b["t"] in ("para", "single", "lines", "meta"):
            texts = b["lines"] if b["t"] == "lines" else (
                [f"{a}: {v}" if a else v for a, v in b["rows"]] if b["t"] == "meta" else [b["text"]])
            if blocks and blocks[-1]["t"] == "lines":
                blocks[-1]["lines"].extend(texts)
            else:
                blocks.append({"t": "lines", "lines": list(texts)})
        else:
            blocks.append(b)
    out: list[str] = []
    for _k, b in enumerate(blocks):
        if b["t"] == "table":
            out.append(table_html(b["rows"], "paper", status=False))
        elif b["t"] == "list":
            out.append(list_html(b))
        elif b["t"] in ("para", "single", "lines", "meta"):
            texts = b["lines"] if b["t"] == "lines" else ([f"{a}: {v}" if a else v for a, v in b["rows"]] if b["t"] == "meta" else [b["text"]])
            j = 0
            while j < len(texts):
                s = texts[j]
                if s.startswith("We said:") and j + 1 < len(texts) and re.match(r"^(?:→ )?We did:", texts[j + 1]):
                    pairs = []
                    while j + 1 < len(texts) and texts[j].startswith("We said:") and re.match(r"^(?:→ )?We did:", texts[j + 1]):
                        pairs.append((texts[j], texts[j + 1]))
                        j += 2
                    rows = "".join(f"<tr><td>{tags(inline(a))}</td><td>{tags(inline(c))}</td></tr>" for a, c in pairs)
                    out.append(f"<table class='said'><tbody>{rows}</tbody></table>")
                    continue
                if "→" in s and re.match(r"^What we said → What we did$", s):
                    out.append(f"<h3>{inline(s)}</h3>")
                elif s.startswith("RAG:"):
                    colour = s.split("|")[-1].strip().lower()
                    colour = colour if colour in ("green", "amber", "red", "grey") else (status_colour(s[4:]) or "grey")
                    out.append(f"<div class='rag {colour}'>{inline(s)}</div>")
                elif s.startswith("Notes:"):
                    out.append(f"<p class='note'>{inline(s)}</p>")
                elif j + 1 < len(texts) and texts[j + 1].startswith("RAG:") or _heading_like(s) and len(s) < 60 and not s.startswith("*"):
                    out.append(f"<h3>{inline(s)}</h3>")
                else:
                    out.append(f"<p>{tags(inline(s))}</p>")
                j += 1
        elif b["t"] == "footer":
            out.append(folio(b))
        elif b["t"] == "actioncard":
            out.append(f"<p>{inline(b['title'])}</p>" + "".join(f"<p>{esc(a)}: {inline(v)}</p>" for a, v in b["fields"]))
        else:
            out.append(f"<p>{inline(b.get('text', ''))}</p>")
    return "".join(out)


def render_deck(text: str, pal: tuple, stem: str) -> str:
    slides = _slides(text)
    first = slides[0]
    body_lines = [first["title"]] + [s for _, s in first["body"]]
    name = next((s for s in body_lines if s.startswith("NHS ")), body_lines[-1])
    title = next((s for s in body_lines if "review" in s.lower()), body_lines[0])
    rows = []
    labels = {1: "Paper title", 2: "Meeting", 3: "Agenda item and purpose", 4: "Author"}
    org_line = body_lines[-1] if ORG.search(body_lines[-1]) else None
    for k, s in enumerate(body_lines[1:-1] if org_line else body_lines[1:], 1):
        rows.append((labels.get(k, ""), s))
    moved = []
    rest = []
    for s in slides[1:]:
        if re.match(r"^(Purpose|Recommendations?)\b", s["title"]):
            moved.append(s)
        else:
            rest.append(s)
    body = "".join(f"<tr><th>{esc(k)}</th><td>{inline(v)}</td></tr>" for k, v in rows)
    body += f"<tr><th></th><td><span style='font-size:7.5pt;color:#666'>{esc(first['footer'] or '')}</span></td></tr>"
    kicker = esc(first["kicker"] or "")
    for s in moved:
        label = (f"{esc(s['kicker'])}<br>" if s["kicker"] else "") + inline(s["title"])
        body += f"<tr><th>{label}</th><td>{_slide_body(s['body'])}<p style='font-size:7.5pt;color:#666;margin:0'>{esc(s['footer'] or '')}</p></td></tr>"
    strip = (f"<div class='sheet-title'><div class='org'><span class='kick'>{kicker}</span>{inline(org_line or '')}"
             f"<span>{inline(body_lines[0])}</span></div><div class='tag'>Cover sheet</div></div>")
    out = [strip, f"<table class='coversheet'><tbody>{body}</tbody></table>", "<div class='body'>"]
    for s in rest:
        kicker = f"<div class='kicker'>{esc(s['kicker'])}</div>" if s["kicker"] else ""
        foot = f"<div class='folio'><span>{esc(s['footer'])}</span></div>" if s["footer"] else ""
        out.append(f"<section class='slide'>{kicker}<h2>{inline(s['title'])}</h2>{_slide_body(s['body'])}{foot}</section>")
    out.append("</div>")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
            f"<style>{BASE_CSS}{page_css('review', pal, name, title, landscape=True)}{REVIEW_CSS}</style></head>"
            f"<body>{''.join(out)}</body></html>")


# ----------------------------------------------------------------------------------------------
# Driving and checking


def render_set(name: str, keep_html: Path | None = None) -> list[Path]:
    folder = ROOT / name
    texts = sorted(folder.glob("*.txt"))
    pal = PALETTES.get(name, DEFAULT_PALETTE)
    out = folder / f"pdf-designed-{STYLE}"
    made = []
    for k, path in enumerate(texts):
        text = path.read_text(encoding="utf-8")
        if k == 0:
            markup = render_strategy(text, pal, path.stem)
        elif k == len(texts) - 1:
            markup = render_extension(text, pal, path.stem)
        else:
            markup = render_review(text, pal, path.stem)
        pdf = out / f"{path.stem}.pdf"
        print_pdf(markup, pdf, keep_html)
        made.append(pdf)
    return made


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").lower()
    return re.findall(r"[a-z0-9£%✓✗☐☒]+", text)


def pdf_text(pdf: Path, layout: bool = True) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def check_set(name: str) -> dict:
    from collections import Counter
    folder = ROOT / name
    out = folder / f"pdf-designed-{STYLE}"
    report = {"set": name, "docs": {}, "quotes": 0, "failed": [], "order_low": []}
    words_layout = {}
    words_raw = {}
    for path in sorted(folder.glob("*.txt")):
        pdf = out / f"{path.stem}.pdf"
        lay = _words(pdf_text(pdf, True))
        raw = _words(pdf_text(pdf, False))
        words_layout[path.name] = (set(lay), lay)
        words_raw[path.name] = raw
        src = Counter(_words(re.sub(r"</?(?:p|ul|ol|li|br)\s*/?>", " ", path.read_text(encoding="utf-8")).replace("**", "")))
        got = Counter(lay)
        missing = {w: c - got[w] for w, c in src.items() if got[w] < c}
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
        report["docs"][path.name] = {"pages": pages, "source_words": sum(src.values()), "missing_tokens": missing}
    for line in (folder / "threads.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        th = json.loads(line)
        quotes = [("seed", th["seed"])] + [("item", it) for it in th.get("items", [])]
        if th.get("deciding"):
            quotes.append(("deciding", th["deciding"]))
        for role, q in quotes:
            report["quotes"] += 1
            qw = _words(q["quote"])
            have, _ = words_layout[q["doc"]]
            frac = sum(1 for w in qw if w in have) / max(1, len(qw))
            if frac < 0.9:
                report["failed"].append((th["id"], role, q["doc"], round(frac, 2), q["quote"][:80]))
            raw = words_raw[q["doc"]]
            sm = SequenceMatcher(None, qw, raw, autojunk=False)
            m = sm.find_longest_match(0, len(qw), 0, len(raw))
            lo = max(0, m.b - m.a - 5)
            window = raw[lo: lo + len(qw) + 40]
            ratio = sum(x.size for x in SequenceMatcher(None, qw, window, autojunk=False).get_matching_blocks()) / max(1, len(qw))
            if ratio < 0.9:
                report["order_low"].append((th["id"], role, q["doc"], round(ratio, 2), q["quote"][:80]))
    return report


def main(argv: list[str]) -> int:
    keep = None
    if "--html" in argv:
        k = argv.index("--html")
        keep = Path(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    sets = [a for a in argv if not a.startswith("--")] or SETS
    if "--check-only" not in argv:
        for s in sets:
            for pdf in render_set(s, keep):
                print("made", pdf.relative_to(ROOT))
    if "--check" in argv or "--check-only" in argv:
        for s in sets:
            r = check_set(s)
            print(f"== {s}: {r['quotes']} quotes, {len(r['failed'])} under 90% of words, "
                  f"{len(r['order_low'])} with under 90% of words in order (pdftotext raw)")
            for doc, d in r["docs"].items():
                print(f"   {doc}: {d['pages']} pages, {d['source_words']} words, missing {d['missing_tokens'] or 'none'}")
            for f in r["failed"]:
                print("   FAIL", f)
            for f in r["order_low"]:
                print("   order", f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
