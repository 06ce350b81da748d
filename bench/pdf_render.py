"""Render a text export as a published-looking PDF with another tool (headless Chromium, or
LibreOffice Writer as an office tool prints a document whose tables have no borders).

kb's own tests render PDFs with reportlab (tests/pdfgen.py), laid out the way kb's PDF reader
expects.  Real PDFs are made by word processors and browsers; this renderer is an independent
check: HTML with one `<p>` a paragraph, short stand-alone lines as `<h2>` headings, `- ` bullets
as `<ul>`, and each tab-separated table row as its own ruled `<table>` (as office tools export
tables that were pasted row by row), printed to PDF by Chromium.

Used by bench/pdf_parity.py; needs Debian's `chromium` (`apt-get install chromium`).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

_FRAGMENT = re.compile(r"</?(?:p|ul|ol|li|br)\s*/?>", re.I)
_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 10.5pt; line-height: 1.35; }
h2 { font-size: 14pt; margin: 14pt 0 6pt; }
p { margin: 0 0 7pt; text-align: left; }
table { border-collapse: collapse; width: 100%; margin: 0; }
td, th { border: 0.6pt solid #444; padding: 3pt 4pt; vertical-align: top; font-size: 9.5pt; text-align: left; }
ul { margin: 0 0 6pt 18pt; padding: 0; }
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _inline(text: str) -> str:
    """Escape a line, keeping `**bold**` as <b> and the cell fragments (<p>, <li>) as markup."""
    parts = _FRAGMENT.split(text)
    tags = _FRAGMENT.findall(text)
    out = []
    for i, part in enumerate(parts):
        escaped = html.escape(part)
        out.append(re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped))
        if i < len(tags):
            out.append(tags[i])
    return "".join(out)


def _is_heading(line: str, prev_blank: bool, next_blank: bool) -> bool:
    text = line.strip().strip("*")
    return (prev_blank and next_blank and 0 < len(text.split()) <= 10 and not text.endswith((".", ",", ";", ":"))
            and not text.startswith("- "))


def text_to_html(text: str, title: str, whole_tables: bool = False) -> str:
    """`whole_tables`: a run of tab-separated rows is one table, its columns aligned and its first
    row bold (as a word processor prints a table), instead of a table a row."""
    lines = text.splitlines()
    body: list[str] = []
    in_list = False
    for i, line in enumerate(lines):
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        stripped = line.strip()
        is_item = stripped.startswith(("- ", "• "))
        if in_list and not is_item:
            body.append("</ul>")
            in_list = False
        if not stripped:
            continue
        if "\t" in line:
            first = i == 0 or "\t" not in lines[i - 1]
            last = i + 1 >= len(lines) or "\t" not in lines[i + 1]
            tag = "th" if whole_tables and first else "td"
            cells = "".join(f"<{tag}>{_inline(c.strip())}</{tag}>" for c in line.split("\t"))
            if not whole_tables:
                body.append(f"<table><tr>{cells}</tr></table>")
            else:
                body.append(("<table>" if first else "") + f"<tr>{cells}</tr>" + ("</table>" if last else ""))
        elif is_item:
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{_inline(stripped[2:])}</li>")
        elif _is_heading(line, prev_blank, next_blank):
            body.append(f"<h2>{_inline(stripped.strip('*'))}</h2>")
        else:
            body.append(f"<p>{_inline(stripped)}</p>")
    if in_list:
        body.append("</ul>")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>")


# A browser's print of the page: landscape, small serif type set close (one-line paragraphs barely
# apart), justified paragraphs, whole tables whose rows may break across pages, and the browser's
# running header (date, title) and footer (address, "page 1/3") on every page.
_PRINT_CSS = """
@page { size: A4 landscape; margin: 22mm 14mm 20mm 14mm; }
body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 9.5pt; line-height: 1.25; }
h2 { font-size: 12pt; margin: 10pt 0 4pt; }
p { margin: 0 0 5pt; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0; }
tr { break-inside: auto; }
td, th { border: 0.5pt solid #777; padding: 2pt 3pt; vertical-align: top; font-size: 8.5pt; text-align: left; }
th { background: #dde; }
ul { margin: 0 0 4pt 14pt; padding: 0; }
"""


def print_html(markup: str, pdf_path: Path, page_furniture: bool = False) -> Path:
    """Print an HTML page to `pdf_path` through headless Chromium; raises RuntimeError without it.
    `page_furniture`: keep the browser's running header (date, title) and footer (address, page)."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(markup, encoding="utf-8")
        subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp}/profile", *(() if page_furniture else ("--no-pdf-header-footer",)),
             f"--print-to-pdf={pdf_path.resolve()}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=300)
    return pdf_path


def render(text_path: Path, pdf_path: Path, whole_tables: bool = False, printed: bool = False) -> Path:
    """Print `text_path` to `pdf_path` through Chromium; raises RuntimeError without Chromium.
    `printed`: as a browser's own print of the page (`_PRINT_CSS`, whole tables, running header and
    footer), instead of a portrait page with no page furniture."""
    title = text_path.stem.split("_", 1)[-1].replace("-", " ").capitalize() if printed else text_path.stem
    markup = text_to_html(text_path.read_text(encoding="utf-8"), title, whole_tables or printed)
    return print_html(markup.replace(_CSS, _PRINT_CSS) if printed else markup, pdf_path, page_furniture=printed)


def render_office(text_paths: list[Path], dst: Path) -> None:
    """Print the text exports into `dst` through LibreOffice Writer, as an office tool prints a
    document whose tables have no borders: whole tables, top-aligned cells set apart only by their
    padding, a cell's paragraphs spaced as Writer spaces paragraphs.  Raises RuntimeError without
    LibreOffice (Debian: apt-get install libreoffice-writer-nogui)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for text_path in text_paths:
            markup = text_to_html(text_path.read_text(encoding="utf-8"), text_path.stem, whole_tables=True)
            markup = (markup.replace("<table>", '<table border="0" cellpadding="4" cellspacing="0" width="100%">')
                      .replace("<td>", '<td valign="top">').replace("<th>", '<th valign="top">'))
            page = Path(tmp) / f"{text_path.stem}.html"
            page.write_text(markup, encoding="utf-8")
            pages.append(str(page))
        subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                        "--outdir", str(dst.resolve()), *pages], check=True, capture_output=True, timeout=600)


def main(argv: list[str]) -> int:
    """Render a folder's text exports: python bench/pdf_render.py SRC DST [--tables | --printed | --office]."""
    if len(argv) < 2:
        print(main.__doc__)
        return 2
    src, dst = Path(argv[0]), Path(argv[1])
    dst.mkdir(parents=True, exist_ok=True)
    if "--office" in argv:
        render_office(sorted(src.glob("*.txt")), dst)
        return 0
    for text in sorted(src.glob("*.txt")):
        render(text, dst / f"{text.stem}.pdf", whole_tables="--tables" in argv, printed="--printed" in argv)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
