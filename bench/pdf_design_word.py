"""Render invented evaluation sets as reports made from a corporate Word template and saved as PDF.

An independent, "designed" rendering of the text exports (made blind, by the designer2 helper,
2026-12-05): real published strategies and board papers are not one `<p>` a line on a plain page,
and a Word template gives them a cover page (the body's name, the title and a version/date table),
a table of contents with dot leaders and page numbers, numbered headings, justified body text
without hyphenation, tables with a shaded header row, banded rows and merged cells, the review's
action table in a landscape section whose header row repeats on each page, a footer with the
document title, the 'OFFICIAL' classification marking and "Page x of y", and a 'Document control'
table at the end.

Every word of a text export is printed (words are only restyled or moved into a table cell, never
dropped); tab-separated rows stay table rows with the same cells in the same order.  Printed with
headless Chromium as bench/pdf_render.py does, in two passes (the first finds the page of each
heading for the contents page).

    python bench/pdf_design_word.py [SET ...]         # render (default: the five sets below)
    python bench/pdf_design_word.py --check [SET ...]  # only check the PDFs' words against threads
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from pdf_render import print_html  # noqa: E402

ROOT = BENCH / "eval" / "invented"
SETS = ["marsholt", "fenbridge", "thornmere", "quarrington", "greyhaven"]
OUT = "pdf-designed-word"

# A Word template's theme colours per body: (accent, dark accent, light tint, band tint).
THEMES = {
    "marsholt": ("#00667A", "#003F4C", "#D9EEF1", "#EEF7F8"),
    "fenbridge": ("#5B2C6F", "#3B1A49", "#E8DDEE", "#F5F0F8"),
    "thornmere": ("#1F4E79", "#12304B", "#DCE6F2", "#F0F4FA"),
    "quarrington": ("#005EB8", "#003A72", "#D6E6F6", "#EEF4FB"),
    "greyhaven": ("#7A1F3D", "#4E1127", "#F1DCE3", "#F9EFF3"),
}
# A set printed later than the five above takes these (its documents' words are what is measured)
DEFAULT_THEME = ("#2E5E4E", "#1B3A30", "#DCEBE5", "#F0F7F4")
DEFAULT_AUTHORS = ("Policy and Performance Officer", "Policy and Performance Officer", "Policy and Performance Officer")
# Invented but plausible authors for the document control table: (strategy, review, extension).
AUTHORS = {
    "marsholt": ("Public Health Principal (Healthy Lifestyles)", "Public Health Principal (Healthy Lifestyles)",
                 "Public Health Principal (Healthy Lifestyles)"),
    "fenbridge": ("Dementia Commissioning Manager", "Head of Commissioning, Mental Health, Learning Disabilities and Dementia",
                  "Dementia Commissioning Manager"),
    "thornmere": ("Oral Health Improvement Lead, Public Health", "Oral Health Improvement Lead, Public Health",
                  "Consultant in Public Health"),
    "quarrington": ("Head of Children's Mental Health Commissioning", "Senior Commissioning Manager, Children's Mental Health",
                    "Children and Young People's Commissioning Lead"),
    "greyhaven": ("Community Safety Manager", "Scrutiny and Democratic Services Officer", "Community Safety Manager"),
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

FOOTER_RE = re.compile(r"(?i)(\bpage \d+\s*$|\|\s*\d+\s*$|^\d+\s*\|\s)")
BULLET_RE = re.compile(r"^[-•]\s+")
LABEL_RE = re.compile(r"^(\d+\.\d+(?:\.\d+)*|\d+\.|[A-Z]\d+\.|[a-z]\)|\((?:[ivx]+|[a-z])\))\s+(\S.*)$")
# a line break after a word's hyphen is removed by text extractors ("over-50s" -> "over50s"): keep
# hyphenated words (and refs such as GA-21/1, Apr-22) on one line
HYPHENATED_RE = re.compile(r"[\w/.]+(?:-[\w/.]+)+")
FRAGMENT_RE = re.compile(r"</?(?:p|ul|ol|li|br)\s*/?>", re.I)
OPENERS = {"contents", "in this strategy", "in this plan", "in this report", "foreword", "introduction", "summary",
           "recommendations", "chair's introduction", "a word from the youth council",
           "why we are extending the strategy"}
CONTENTS = {"contents", "in this strategy", "in this plan", "in this report", "in this document"}
QUOTES = "\"“”'‘’"
ORG_RE = re.compile(r"\b(NHS|Council|Board|Group|Partnership|Committee|Trust)\b")
DATE_RE = re.compile(r"^(?:(Published|Updated)\s+)?((?:\d{1,2}\s+)?(?:" + "|".join(MONTHS) + r")\s+\d{4})$")
GROUP_WORDS = {"goal", "priority", "theme", "section", "area", "quadrant", "objective"}


# ----------------------------------------------------------------------------------------------
# Reading the text export
# ----------------------------------------------------------------------------------------------

def bare(line: str) -> tuple[str, bool]:
    """A line without surrounding `**`, and whether the whole line was bold."""
    s = line.strip()
    if s.startswith("**") and s.endswith("**") and s.count("**") == 2 and len(s) > 4:
        return s[2:-2].strip(), True
    return s, False


def inline(text: str) -> str:
    """Escape text, keeping `**bold**` as <b> and the cell fragments (<p>, <li>) as markup."""
    parts = FRAGMENT_RE.split(text)
    tags = FRAGMENT_RE.findall(text)
    out = []
    for i, part in enumerate(parts):
        part = HYPHENATED_RE.sub(r"<span class='nw'>\g<0></span>", html.escape(part, quote=False))
        out.append(re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", part))
        if i < len(tags):
            out.append(tags[i].lower())
    return "".join(out)


def plain(text: str) -> str:
    return FRAGMENT_RE.sub(" ", text).replace("**", "").strip()


def heading_kind(text: str) -> str:
    if re.match(r"^\d+\.\s", text):
        return "num1"
    if re.match(r"^\d+\.\d+\s", text):
        return "num2"
    if re.match(r"^(Appendix|Annex)\b", text):
        return "appendix"
    if re.match(r"^(Theme|Goal|Priority|Section|Objective)\s+\w+\s*[:–-]", text):
        return "patA"
    if re.match(r"^Action\s+\d", text):
        return "patB"
    if re.match(r"^[A-Z]:\s", text):
        return "letter"
    if text[:1] in QUOTES:
        return "quote"
    if text.endswith("?"):
        return "question"
    return "plain"


class Doc:
    def __init__(self, path: Path, kind: str, set_name: str):
        self.path, self.kind, self.set = path, kind, set_name
        self.lines = path.read_text(encoding="utf-8").splitlines()
        self.blocks: list[dict] = []
        self.cover: list[str] = []
        self.parse()

    # -- line tests ---------------------------------------------------------------------------
    def blank(self, i: int) -> bool:
        return i < 0 or i >= len(self.lines) or not self.lines[i].strip()

    def is_heading(self, i: int) -> bool:
        line = self.lines[i]
        if "\t" in line or not (self.blank(i - 1) and self.blank(i + 1)):
            return False
        s, bold = bare(line)
        if not s or BULLET_RE.match(s) or FOOTER_RE.search(s) or "**" in s:
            return False
        kind = heading_kind(s)
        if len(s.split()) > (20 if bold or kind in ("patA", "quote") else 12) or len(s) > 130:
            return False
        t = s.rstrip(QUOTES)
        if t.endswith((".", ",", ";", ":", "!")):
            return False
        if s[:1] in QUOTES and t.endswith(("?", ".", "!")):
            return False
        if any(x in s for x in ("|", "www.", "@")):
            return False
        if not bold and "," in s and kind not in ("num1", "num2", "patA", "appendix", "quote"):
            return False
        return True

    def is_plain(self, i: int) -> bool:
        if self.blank(i):
            return False
        s = self.lines[i].strip()
        return not ("\t" in self.lines[i] or BULLET_RE.match(s) or FOOTER_RE.search(s) or LABEL_RE.match(s)
                    or s[:1] in QUOTES or bare(s)[1] or self.is_heading(i))

    # -- parsing ------------------------------------------------------------------------------
    def cover_end(self) -> int:
        for i, line in enumerate(self.lines[:40]):
            s, _ = bare(line)
            low = s.lower().rstrip(":")
            if s and self.blank(i - 1) and self.blank(i + 1) and (low in OPENERS or low.endswith("at a glance")):
                return i
        count = 0
        for i, line in enumerate(self.lines):
            count += bool(line.strip())
            if count > 4:
                return i
        return len(self.lines)

    def parse(self) -> None:
        lines, n = self.lines, len(self.lines)
        start = self.cover_end()
        self.cover = [ln for ln in lines[:start] if ln.strip()]
        blocks = self.blocks
        i = start
        while i < n:
            line = lines[i]
            s = line.strip()
            if not s:
                i += 1
                continue
            b, bold = bare(s)
            if b.lower() in CONTENTS and self.blank(i + 1):
                j = i + 1
                while j < n and not lines[j].strip():
                    j += 1
                entries = []
                while j < n and lines[j].strip():
                    cells = [c.strip() for c in lines[j].split("\t")]
                    entries.append((cells[0], cells[1] if len(cells) > 1 else None))
                    j += 1
                blocks.append({"t": "contents", "title": b, "bold": bold, "entries": entries})
                i = j
                continue
            if "\t" in line:
                rows, footers = [], []
                while i < n:
                    if "\t" in lines[i]:
                        rows.append([c.strip() for c in lines[i].split("\t")])
                        i += 1
                    elif FOOTER_RE.search(lines[i].strip()) and i + 1 < n and "\t" in lines[i + 1]:
                        footers.append(lines[i].strip())  # a page footer printed between two rows
                        i += 1
                    else:
                        break
                blocks.append({"t": "table", "rows": rows, "footers": footers})
                continue
            if FOOTER_RE.search(s):
                blocks.append({"t": "footer", "text": s})
                i += 1
                continue
            if BULLET_RE.match(s):
                items = []
                while i < n and BULLET_RE.match(lines[i].strip()):
                    items.append(BULLET_RE.sub("", lines[i].strip(), count=1))
                    i += 1
                blocks.append({"t": "list", "items": items})
                continue
            if self.is_heading(i):
                blocks.append({"t": "heading", "text": b, "bold": bold})
                i += 1
                continue
            if s[:1] in QUOTES:
                blocks.append({"t": "quote", "text": s})
                i += 1
                continue
            if bold and b.endswith(":"):
                blocks.append({"t": "lead", "text": b})
                i += 1
                continue
            text = s
            j = i
            while (j + 1 < n and self.is_plain(j + 1) and len(lines[j].strip()) >= 60
                   and not lines[j].rstrip().endswith((".", "!", "?", ":", ";", '"', "”", ")"))
                   and (re.search(r"(?:(?<![\w'’-])[a-z][\w'’-]*|,)$", lines[j].rstrip())
                        or lines[j + 1].strip()[:1].islower())):
                j += 1
                text += " " + lines[j].strip()  # a paragraph the export hard-wrapped
            m = LABEL_RE.match(text)
            if m:
                blocks.append({"t": "npara", "label": m.group(1), "text": m.group(2)})
            else:
                blocks.append({"t": "para", "text": text})
            i = j + 1
        self.merge_continued_tables()
        self.merge_grouped_tables()
        self.assign_levels()

    def merge_continued_tables(self) -> None:
        """A table the export split with a page footer (and often a repeated header row) is one table."""
        out: list[dict] = []
        for blk in self.blocks:
            if blk["t"] == "table" and out:
                k = len(out) - 1
                moved = []
                while k >= 0 and out[k]["t"] == "footer":
                    moved.insert(0, out[k]["text"])
                    k -= 1
                prev = out[k] if k >= 0 else None
                if (moved and prev and prev["t"] == "table" and len(prev["rows"][0]) == len(blk["rows"][0])
                        and (blk["rows"][0] == prev["rows"][0] or not table_has_header(blk["rows"]))):
                    rows = blk["rows"][1:] if blk["rows"][0] == prev["rows"][0] else blk["rows"]
                    prev["rows"].extend(rows)  # without the repeated header row
                    prev["footers"].extend(moved + blk["footers"])
                    del out[k + 1:]
                    continue
            out.append(blk)
        self.blocks = out

    def merge_grouped_tables(self) -> None:
        """Consecutive (heading, table) pairs whose tables share a header row become one table whose
        first column is the heading, merged (rowspan) over its group of rows."""
        out: list[dict] = []
        bl = self.blocks
        i = 0
        while i < len(bl):
            run = []
            j = i
            while (j + 1 < len(bl) and bl[j]["t"] == "heading" and bl[j + 1]["t"] == "table"
                   and table_has_header(bl[j + 1]["rows"], bl[j]["text"])
                   and (not run or bl[j + 1]["rows"][0] == run[0][1]["rows"][0])):
                run.append((bl[j], bl[j + 1]))
                j += 2
            if len(run) >= 2:
                firsts = {h["text"].split()[0].lower() for h, _ in run}
                word = firsts.pop() if len(firsts) == 1 else ""
                label = word.capitalize() if word in GROUP_WORDS else "Section"
                header = [label] + run[0][1]["rows"][0]
                rows, groups, footers = [header], [], []
                for h, t in run:
                    body = t["rows"][1:]
                    groups.append((h["text"], len(body)))
                    rows.extend(body)
                    footers.extend(t["footers"])
                out.append({"t": "table", "rows": rows, "footers": footers, "groups": groups, "header": True})
                i = j
            else:
                out.append(bl[i])
                i += 1
        self.blocks = out

    def assign_levels(self) -> None:
        heads = [b for b in self.blocks if b["t"] == "heading"]
        contents = next((b for b in self.blocks if b["t"] == "contents"), None)
        kinds = [heading_kind(h["text"]) for h in heads]
        # a Word template numbers the headings (1., 1.1) unless the text numbers them itself, or numbers its
        # paragraphs (a board paper's 1., 2., ...)
        numbered_paras = sum(1 for b in self.blocks if b["t"] == "npara" and re.fullmatch(r"[\d.]+", b["label"]))
        self.auto_number = not any(k in ("num1", "num2", "patB") for k in kinds) and (
            self.kind != "review" or numbered_paras < 3)
        if contents:
            names = {norm(e) for e, _ in contents["entries"]}
            seen1 = False
            for h in heads:
                key = norm(h["text"])
                hit = key in names or any(key.startswith(nm) and nm for nm in names)
                h["level"] = 1 if hit or not seen1 else 2
                seen1 = seen1 or h["level"] == 1
            return
        has_num = "num1" in kinds
        mixed = len({h["bold"] for h in heads}) == 2
        seen_num1 = after_appendix = False
        last_a = None
        last_nonq = 1
        last1 = ""
        for h, k in zip(heads, kinds, strict=True):
            if k in ("num1", "appendix"):
                lv = 1
                seen_num1 = seen_num1 or k == "num1"
                after_appendix = after_appendix or k == "appendix"
            elif k == "num2":
                lv = 2
            elif k == "patA":
                lv = 2 if (has_num and seen_num1) or after_appendix or re.search(
                    r"(?i)\b(priorities|themes|goals)\b", last1) else 1
                last_a = lv
            elif k == "patB":
                lv = (last_a or 1) + 1
            elif k in ("letter", "quote"):
                lv = 2
            elif k == "question":
                lv = min(3, last_nonq + 1)
            else:
                lv = 2 if (mixed and h["bold"]) or (has_num and seen_num1) else 1
            if k != "question":
                last_nonq = lv
            if lv == 1 and k != "patA":
                last1 = h["text"]
            h["level"] = lv


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", plain(text).lower())


def table_has_header(rows: list[list[str]], before: str = "") -> bool:
    if len(rows) < 2 or "glossary" in before.lower():
        return False
    first = rows[0]
    return (all(len(plain(c)) <= 40 and (len(plain(c)) <= 4 or not plain(c).endswith(".")) for c in first)
            and any(c for c in first))


# ----------------------------------------------------------------------------------------------
# HTML
# ----------------------------------------------------------------------------------------------

def css(theme: tuple[str, str, str, str], title: str) -> str:
    accent, dark, tint, band = theme
    t = title.replace("\\", "\\\\").replace('"', '\\"')
    furniture = f"""
  @top-center {{ content: "OFFICIAL"; font: bold 8pt 'Liberation Sans', sans-serif; color: #000; }}
  @bottom-left {{ content: "{t}"; font: 7.5pt 'Liberation Sans', sans-serif; color: #404040;
                  border-top: 0.6pt solid {accent}; padding-top: 3pt; vertical-align: top; width: 44%; text-align: left; }}
  @bottom-center {{ content: "OFFICIAL"; font: bold 8pt 'Liberation Sans', sans-serif; color: #000;
                    border-top: 0.6pt solid {accent}; padding-top: 3pt; vertical-align: top; width: 12%; text-align: center; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 7.5pt 'Liberation Sans', sans-serif;
                   color: #404040; border-top: 0.6pt solid {accent}; padding-top: 3pt; vertical-align: top; width: 44%;
                   text-align: right; }}"""
    return f"""
@page {{ size: A4; margin: 20mm 20mm 22mm 20mm; {furniture} }}
@page :first {{ @bottom-left {{ content: none; border: none; }} @bottom-right {{ content: none; border: none; }}
               @bottom-center {{ border: none; }} }}
@page landscape {{ size: A4 landscape; margin: 16mm 18mm 18mm 18mm; {furniture} }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.38; color: #1a1a1a;
        margin: 0; hyphens: manual; -webkit-hyphens: manual; }}
p {{ margin: 0 0 7pt; text-align: justify; }}
b {{ font-weight: bold; }}
h1, h2, h3, h4 {{ position: relative; break-after: avoid; page-break-after: avoid; text-align: left; }}
h1 {{ font-size: 15pt; color: {accent}; margin: 18pt 0 8pt; padding-bottom: 3pt; border-bottom: 1pt solid {accent}; }}
h2 {{ font-size: 12.5pt; color: {accent}; margin: 14pt 0 6pt; }}
h3 {{ font-size: 11pt; color: {dark}; margin: 12pt 0 5pt; }}
h1 .no, h2 .no, h3 .no {{ display: inline-block; min-width: 26pt; }}
.nw {{ white-space: nowrap; }}
.mk {{ position: absolute; left: 0; top: 0; font-size: 2pt; color: #fff; }}
ul {{ margin: 0 0 8pt 0; padding-left: 18pt; }}
ul li {{ margin: 0 0 3pt; text-align: justify; }}
ul li::marker {{ color: {accent}; }}
.np {{ display: flex; gap: 0; }}
.np .lab {{ flex: 0 0 30pt; font-weight: bold; color: {dark}; }}
.np .txt {{ flex: 1 1 auto; text-align: justify; }}
.lead {{ font-weight: bold; color: {dark}; margin: 10pt 0 4pt; text-align: left; }}
blockquote {{ margin: 4pt 0 8pt 12pt; padding: 2pt 0 2pt 10pt; border-left: 3pt solid {accent};
              font-style: italic; color: #333; }}
blockquote p {{ margin: 0; text-align: left; }}
.srcfoot {{ break-before: avoid; font-size: 7.5pt; color: #7f7f7f; text-align: right; margin: 2pt 0 8pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 9pt; line-height: 1.3; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
th {{ background: {accent}; color: #fff; font-weight: bold; text-align: left; vertical-align: bottom;
      padding: 4pt 5pt; border: 0.5pt solid {accent}; }}
td {{ padding: 3.5pt 5pt; border: 0.5pt solid #bfbfbf; vertical-align: top; text-align: left; }}
tbody tr.odd td {{ background: #ffffff; }}
tbody tr.even td {{ background: {band}; }}
td p {{ margin: 0 0 4pt; text-align: left; }}
td p:last-child {{ margin-bottom: 0; }}
td ul {{ margin: 0; padding-left: 12pt; }}
td li {{ text-align: left; margin: 0 0 2pt; }}
tbody tr td.grp {{ background: {tint}; font-weight: bold; color: {dark}; border-right: 1pt solid {accent}; }}
tbody tr td.num, th.num {{ text-align: center; }}
tbody tr td.mark {{ text-align: center; font-weight: bold; background: {tint}; color: {dark}; }}
tbody tr td.rag-green {{ background: #C6E0B4; }} tbody tr td.rag-amber {{ background: #FFE699; }}
tbody tr td.rag-red {{ background: #F4B6B6; }} tbody tr td.rag-grey {{ background: #D9D9D9; }}
tbody tr td.rag-blue {{ background: #BDD7EE; }}
tr.total td {{ font-weight: bold; border-top: 1pt solid {accent}; }}
.landscape {{ page: landscape; }}
.landscape table {{ font-size: 8.8pt; }}
/* cover */
.cover {{ min-height: 250mm; display: flex; flex-direction: column; break-after: page; }}
.brand {{ display: flex; align-items: center; gap: 10pt; margin-top: 2mm; }}
.brand svg {{ flex: 0 0 auto; }}
.brand .wordmark {{ font-size: 12pt; font-weight: bold; color: {dark}; line-height: 1.2; }}
.cover .band {{ height: 8mm; background: {accent}; margin: 40mm -20mm 10mm -20mm; }}
.cover .band.review {{ height: 3mm; margin-top: 22mm; }}
.cover .band.refresh {{ background: linear-gradient(90deg, {accent} 0 65%, {tint} 65% 100%); }}
.cover .org {{ font-size: 12pt; color: {dark}; margin: 0 0 6pt; text-align: left; }}
.cover .title {{ font-size: 26pt; line-height: 1.15; font-weight: bold; color: {accent}; margin: 0 0 10pt;
                 text-align: left; }}
.cover .title .kicker {{ display: block; font-size: 10pt; font-weight: bold; color: #595959; text-transform: uppercase;
                         letter-spacing: 0.6pt; margin-bottom: 4pt; }}
.cover .subtitle {{ font-size: 15pt; line-height: 1.25; color: {dark}; margin: 0 0 8pt; text-align: left; }}
.cover .line {{ font-size: 11pt; color: #333; margin: 0 0 6pt; text-align: left; }}
.cover .spacer {{ flex: 1 1 auto; min-height: 12mm; }}
.cover table.meta {{ width: 100%; font-size: 9.5pt; margin: 0; }}
.cover table.meta th {{ width: 32%; background: {tint}; color: {dark}; vertical-align: top; border: 0.5pt solid #bfbfbf; }}
.cover table.meta td {{ background: #fff; }}
.cover .meta-caption {{ font-size: 9pt; font-weight: bold; color: {dark}; margin: 0 0 3pt; text-transform: uppercase;
                        letter-spacing: 0.5pt; text-align: left; }}
/* contents */
.toc {{ break-after: page; }}
.toc .toc-title {{ font-size: 18pt; color: {accent}; margin: 0 0 14pt; border-bottom: 1pt solid {accent};
                   padding-bottom: 4pt; font-weight: bold; }}
.toc .e {{ display: flex; align-items: baseline; margin: 0 0 5pt; font-size: 10.5pt; }}
.toc .e.l1 {{ font-weight: bold; margin-top: 7pt; }}
.toc .e.l2 {{ padding-left: 18pt; }}
.toc .e a {{ color: inherit; text-decoration: none; }}
.toc .e .t {{ flex: 0 1 auto; }}
.toc .e .d {{ flex: 1 1 20pt; overflow: hidden; white-space: nowrap; color: #7f7f7f; font-weight: normal;
              margin: 0 3pt; }}
.toc .e .p {{ flex: 0 0 auto; min-width: 14pt; text-align: right; }}
.doccontrol {{ break-before: page; }}
"""


LOGO = """<svg width="44" height="44" viewBox="0 0 44 44" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="44" height="44" rx="6" fill="{a}"/><path d="M8 32 L18 14 L24 24 L29 17 L37 32 Z" fill="#fff"/>
<circle cx="31" cy="11" r="4" fill="{t}"/></svg>"""


def body_name(stem: str) -> str:
    code = stem.split("_")[1]
    parts = code.split("-")
    suffix = {"cc": "County Council", "bc": "Borough Council", "council": "Council", "dc": "District Council",
              "ccg": "Clinical Commissioning Group", "icb": "Integrated Care Board"}
    kind = parts[-1]
    place = " and ".join(p.capitalize() for p in parts[:-1])
    name = f"{place} {suffix.get(kind, kind.upper())}"
    return f"NHS {name}" if kind in ("ccg", "icb") else name


def cover_html(doc: Doc, theme: tuple[str, str, str, str]) -> tuple[str, str]:
    """The cover page, and the document title for the running footer."""
    accent, dark, tint, _ = theme
    lines = doc.cover
    title_re = re.compile(r"^(Report title|Paper title|Title)\s*(?::|\t)\s*(.+)$")
    title_k = next((k for k, ln in enumerate(lines) if title_re.match(ln.strip())), None)
    if title_k is None:
        bolds = [k for k, ln in enumerate(lines) if bare(ln)[1] and "\t" not in ln]
        title_k = next((k for k in bolds if not ORG_RE.search(ln_text(lines[k]))), bolds[0] if bolds else None)
    if title_k is None:  # no bold title: the first line that is not an organisation's name
        title_k = next((k for k, ln in enumerate(lines) if not ORG_RE.search(ln) and "\t" not in ln
                        and ":" not in ln), 0)
    visible, meta = [], []
    for k, ln in enumerate(lines):
        s, bold = bare(ln)
        if k == title_k:
            m = title_re.match(s)
            if m:  # a board paper's title row: its label above the title
                visible.append(("title", f"<span class='kicker'>{inline(m.group(1))}</span> {inline(m.group(2))}"))
                title_text = m.group(2)
            else:
                visible.append(("title", inline(s)))
                title_text = s
            continue
        if "\t" in ln:
            cells = [c.strip() for c in ln.split("\t")]
            meta.append((inline(cells[0]), inline(" ".join(cells[1:]))))
            continue
        kv = re.match(r"^([A-Z][A-Za-z ]{1,30}):\s+(.+)$", s)
        if kv and not bold and len(kv.group(1).split()) <= 5:
            meta.append((inline(kv.group(1)), inline(kv.group(2))))
            continue
        dm = DATE_RE.match(s)
        if dm and not bold:
            meta.append((dm.group(1) or "Date", dm.group(2)))
            continue
        am = re.match(r"^(Agenda item)\s+(\S+)$", s)
        if am:
            meta.append((am.group(1), am.group(2)))
            continue
        if re.match(r"^(Approved|Agreed|Presented)\b", s) and len(s) <= 140:
            meta.append(("Status", inline(s)))
            continue
        if k < title_k and ORG_RE.search(s):
            cls = "org"
        elif k > title_k and k - title_k <= 3 and len(s) < 90:
            cls = "subtitle"
        else:
            cls = "line"
        visible.append((cls, inline(s)))
    # the running title: the cover's title and the subtitle after it
    subs = [plain(v) for c, v in visible if c == "subtitle"]
    title = plain(title_text) if lines else doc.path.stem
    run_title = html.unescape(title + (" – " + html.unescape(subs[0]) if subs and len(title) < 45 else ""))
    version = "1.0"
    rows = [("Version", version)] + meta + [("Classification", "OFFICIAL")]
    band = {"strategy": "band", "review": "band review", "extension": "band refresh"}[doc.kind]
    parts = [f"<section class='cover'><div class='brand'>{LOGO.format(a=accent, t=tint)}"
             f"<div class='wordmark'>{html.escape(body_name(doc.path.stem))}</div></div>",
             f"<div class='{band}'></div>"]
    for cls, text in visible:
        parts.append(f"<p class='{cls}'>{text}</p>")
    parts.append("<div class='spacer'></div><p class='meta-caption'>Document information</p><table class='meta'>")
    for key, val in rows:
        parts.append(f"<tr><th>{key}</th><td>{val}</td></tr>")
    parts.append("</table></section>")
    return "".join(parts), run_title


def ln_text(line: str) -> str:
    return bare(line)[0]


def cell_class(text: str) -> str:
    t = plain(text)
    if t == "X":
        return "mark"
    m = re.match(r"^(Green|Amber|Red|Grey|Blue)\b", t)
    if m and len(t) <= 40:
        return "rag-" + m.group(1).lower()
    if re.fullmatch(r"[£]?[\d.,]+%?m?|–|-|[LS]", t):
        return "num"
    return ""


def table_html(blk: dict) -> str:
    rows = blk["rows"]
    header = blk.get("header", table_has_header(rows, blk.get("before", "")))
    out = ["<table>"]
    body = rows
    if header:
        off = 1 if blk.get("groups") else 0  # the body rows have no cell of their own for the group column
        cls = ["num" if k - off > 0 and all(cell_class(r[k - off]) == "num" for r in rows[1:] if k - off < len(r))
               else "" for k in range(len(rows[0]))]
        out.append("<thead><tr>" + "".join(f"<th class='{c}'>{inline(h)}</th>" for h, c in zip(rows[0], cls, strict=True))
                   + "</tr></thead>")
        body = rows[1:]
    out.append("<tbody>")
    groups = blk.get("groups")
    starts = {}
    if groups:
        k = 0
        for label, size in groups:
            starts[k] = (label, size)
            k += size
    for r, row in enumerate(body):
        first = plain(row[0]).lower()
        tr_cls = ("even" if r % 2 else "odd") + (" total" if first == "total" else "")
        cells = []
        if groups and r in starts:
            label, size = starts[r]
            cells.append(f"<td class='grp' rowspan='{size}'>{inline(label)}</td>")
        for c in row:
            cls = cell_class(c)
            cells.append(f"<td class='{cls}'>{inline(c)}</td>" if cls else f"<td>{inline(c)}</td>")
        out.append(f"<tr class='{tr_cls}'>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    for f in blk.get("footers", []):
        out.append(f"<p class='srcfoot'>{inline(f)}</p>")
    return "".join(out)


def is_action_table(blk: dict) -> bool:
    rows = blk["rows"]
    if blk.get("groups"):
        return True
    if len(rows[0]) < 4 or len(rows) < 3:
        return False
    body = [plain(c) for r in rows[1:] for c in r]
    return sum(len(c) for c in body) / max(1, len(body)) >= 30


def build_html(doc: Doc, pages: dict[str, int] | None, marks: bool) -> tuple[str, list[dict]]:
    theme = THEMES.get(doc.set, DEFAULT_THEME)
    cover, run_title = cover_html(doc, theme)
    heads = [b for b in doc.blocks if b["t"] == "heading"]
    # numbering
    n1 = n2 = 0
    appendix = False
    for k, h in enumerate(heads):
        h["id"] = f"h{k + 1}"
        h["no"] = ""
        appendix = appendix or heading_kind(h["text"]) == "appendix"  # appendices are not numbered
        if doc.auto_number and not appendix:
            if h["level"] == 1:
                n1, n2 = n1 + 1, 0
                h["no"] = f"{n1}."
            elif h["level"] == 2:
                n2 += 1
                h["no"] = f"{max(n1, 1)}.{n2}"
    body: list[str] = []
    contents = next((b for b in doc.blocks if b["t"] == "contents"), None)
    # a generated contents page when the text has none of its own
    if contents is None:
        entries = [(h["level"], (h["no"] + " " if h["no"] else "") + plain(h["text"]), h["id"], None)
                   for h in heads if h["level"] <= 2]
        entries.append((1, "Document control", "doccontrol", None))
        body.append(toc_html("Contents", entries, pages))
    blocks = doc.blocks
    # landscape sections: the review's action tables, with the heading (and a short intro) above them
    land = set()
    if doc.kind == "review":
        for k, b in enumerate(blocks):
            if b["t"] == "table" and is_action_table(b):
                land.add(k)
                f = k + 1
                while f < len(blocks) and blocks[f]["t"] == "footer":  # the source's page footer under it
                    land.add(f)
                    f += 1
                pulled = []
                j = k - 1
                while j >= 0 and k - j <= 3 and blocks[j]["t"] in ("para", "heading"):
                    pulled.append(j)
                    if blocks[j]["t"] == "heading":
                        land.update(pulled)
                        break
                    j -= 1
    in_land = False
    for k, b in enumerate(blocks):
        if k in land and not in_land:
            body.append("<div class='landscape'>")
            in_land = True
        elif k not in land and in_land:
            body.append("</div>")
            in_land = False
        t = b["t"]
        if t == "contents":
            entries = []
            for text, page in b["entries"]:
                key = norm(text)
                target = next((h for h in heads if norm(h["text"]) == key), None) or next(
                    (h for h in heads if key and norm(h["text"]).startswith(key)), None)
                entries.append((1, text, target["id"] if target else None, page))
            body.append(toc_html(b["title"], entries, pages, bold=b["bold"]))
        elif t == "heading":
            lv = b["level"]
            tag = f"h{min(lv, 3)}"
            mk = f"<span class='mk'>QQ{b['id']}QQ</span>" if marks else ""
            no = f"<span class='no'>{b['no']}</span>" if b["no"] else ""
            body.append(f"<{tag} id='{b['id']}'>{mk}{no}{inline(b['text'])}</{tag}>")
        elif t == "table":
            prev = blocks[k - 1] if k else None
            if prev and prev["t"] == "heading":
                b["before"] = prev["text"]
            body.append(table_html(b))
        elif t == "list":
            body.append("<ul>" + "".join(f"<li>{inline(x)}</li>" for x in b["items"]) + "</ul>")
        elif t == "para":
            body.append(f"<p>{inline(b['text'])}</p>")
        elif t == "npara":
            body.append(f"<div class='np'><span class='lab'>{inline(b['label'])}</span>"
                        f"<p class='txt'>{inline(b['text'])}</p></div>")
        elif t == "quote":
            body.append(f"<blockquote><p>{inline(b['text'])}</p></blockquote>")
        elif t == "lead":
            body.append(f"<p class='lead'>{inline(b['text'])}</p>")
        elif t == "footer":
            body.append(f"<p class='srcfoot'>{inline(b['text'])}</p>")
    if in_land:
        body.append("</div>")
    body.append(doc_control(doc, marks))
    page = (f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>{html.escape(run_title)}</title>"
            f"<style>{css(theme, run_title)}</style></head><body>{cover}{''.join(body)}</body></html>")
    return page, heads


def toc_html(title: str, entries: list, pages: dict[str, int] | None, bold: bool = True) -> str:
    out = [f"<section class='toc'><div class='toc-title'>{inline(title)}</div>"]
    dots = " ." * 150
    for level, text, target, given in entries:
        num = given if given else (str(pages.get(target, "")) if pages and target else "00")
        label = inline(text)
        if target:
            label = f"<a href='#{target}'>{label}</a>"
        out.append(f"<div class='e l{min(level, 2)}'><span class='t'>{label}</span><span class='d'>{dots}</span>"
                   f"<span class='p'>{html.escape(num)}</span></div>")
    out.append("</section>")
    return "".join(out)


def doc_control(doc: Doc, marks: bool) -> str:
    year, month = (int(x) for x in doc.path.stem.split("_")[0].split("-"))

    def shift(m: int, day: int) -> str:
        y, mm = year, month + m
        while mm < 1:
            y, mm = y - 1, mm + 12
        return f"{day} {MONTHS[mm - 1]} {y}"

    author = AUTHORS.get(doc.set, DEFAULT_AUTHORS)[("strategy", "review", "extension").index(doc.kind)]
    if doc.kind == "review":
        rows = [("0.1", shift(-2, 14), author, "First draft for the lead officers"),
                ("0.2", shift(-1, 9), author, "Revised draft following comments from partners"),
                ("1.0", shift(0, 2), author, "Final version for publication with the agenda")]
    else:
        rows = [("0.1", shift(-4, 18), author, "First draft for partner comment"),
                ("0.2", shift(-2, 7), author, "Revised draft following engagement"),
                ("0.3", shift(-1, 12), author, "Draft for approval"),
                ("1.0", shift(0, 1), author, "Final version for publication")]
    mk = "<span class='mk'>QQdoccontrolQQ</span>" if marks else ""
    out = [f"<section class='doccontrol'><h1 id='doccontrol'>{mk}Document control</h1><table><thead><tr>"
           "<th>Version</th><th>Date</th><th>Author</th><th>Summary of changes</th></tr></thead><tbody>"]
    for k, r in enumerate(rows):
        out.append(f"<tr class='{'even' if k % 2 else 'odd'}'>" + "".join(f"<td>{html.escape(c)}</td>" for c in r)
                   + "</tr>")
    out.append("</tbody></table></section>")
    return "".join(out)


# ----------------------------------------------------------------------------------------------
# Printing
# ----------------------------------------------------------------------------------------------

def pdf_pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")


def render(doc: Doc, pdf: Path) -> int:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        markup, heads = build_html(doc, None, marks=True)
        first = tmp / "pass1.pdf"
        print_html(markup, first)
        pages: dict[str, int] = {}
        for n, text in enumerate(pdf_pages(first), start=1):
            for m in re.finditer(r"QQ(h\d+|doccontrol)QQ", text):
                pages.setdefault(m.group(1), n)
        markup, _ = build_html(doc, pages, marks=False)
        print_html(markup, pdf)
    return len(pdf_pages(pdf)) - 1


# ----------------------------------------------------------------------------------------------
# Checking the words
# ----------------------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'").replace("–", " ").replace("—", " ")
    return re.findall(r"[a-z0-9]+", plain(text).lower())


def check_set(set_dir: Path) -> tuple[int, int, int, list[str], dict[str, set[str]]]:
    """Threads' quotes (seed, items, deciding) whose words are not 90% in the PDF text of their document."""
    pdf_words: dict[str, list[str]] = {}
    for txt in sorted(set_dir.glob("*.txt")):
        pdf = set_dir / OUT / f"{txt.stem}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        pdf_words[txt.name] = words(text)
    missing_vocab = {}
    for txt in sorted(set_dir.glob("*.txt")):
        have = set(pdf_words[txt.name])
        lost = {w for w in words(txt.read_text(encoding="utf-8")) if w not in have}
        if lost:
            missing_vocab[txt.name] = lost
    total = ok = seq = 0
    fails = []
    for line in (set_dir / "threads.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        t = json.loads(line)
        quotes = [t["seed"]] + list(t.get("items", [])) + ([t["deciding"]] if t.get("deciding") else [])
        for q in quotes:
            if not q or not q.get("quote"):
                continue
            total += 1
            have = set(pdf_words.get(q["doc"], []))
            qw = words(q["quote"])
            share = sum(w in have for w in qw) / max(1, len(qw))
            if share >= 0.9:
                ok += 1
            if " ".join(qw) in " " + " ".join(pdf_words.get(q["doc"], [])) + " ":
                seq += 1
            else:
                fails.append(f"{t['id']} {q['doc']}: {share:.2f} {q['quote'][:80]}")
    return total, ok, seq, fails, missing_vocab


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    names = [a for a in argv if not a.startswith("--")] or SETS
    status = 0
    for name in names:
        set_dir = ROOT / name
        texts = sorted(set_dir.glob("*.txt"))
        kinds = ["strategy"] + ["review"] * (len(texts) - 2) + ["extension"]
        if not check_only:
            (set_dir / OUT).mkdir(exist_ok=True)
            for txt, kind in zip(texts, kinds, strict=True):
                n = render(Doc(txt, kind, name), set_dir / OUT / f"{txt.stem}.pdf")
                print(f"{name}/{OUT}/{txt.stem}.pdf: {n} pages")
        total, ok, seq, fails, lost = check_set(set_dir)
        print(f"{name}: {ok}/{total} thread quotes with >=90% of their words in the PDF "
              f"({seq}/{total} with all their words in one unbroken run)")
        for f in fails:
            print("  FAIL", f)
        for doc, ws in lost.items():
            print(f"  words of {doc} not in its PDF: {sorted(ws)[:30]}")
        status |= bool(fails)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
