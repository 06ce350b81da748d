"""kb.sources.pdf.read_pdf on real PDFs rendered from the corpus text exports, and on broken PDFs."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
from collections import Counter

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import pdfgen  # noqa: E402

from kb.sources.base import SourceError, SourceLine  # noqa: E402
from kb.sources.pdf import read_pdf  # noqa: E402

CORPUS = pathlib.Path("/work/shared/corpus")
if not CORPUS.is_dir():  # a checkout without the shared corpus: use the repository's copy
    CORPUS = pathlib.Path(__file__).resolve().parents[1] / "corpus"
DOCS = sorted(p.stem for p in CORPUS.glob("*.txt"))

_TAG = re.compile(r"<[^>]*>")
_DASH_ROW = re.compile(r"^[\s\-|:]*$")


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.fixture(scope="session")
def extracted(corpus_pdfs) -> dict[str, tuple[list[SourceLine], int]]:
    """Every corpus export rendered to PDF once (conftest) and read back once."""
    return {stem: read_pdf(corpus_pdfs[stem]) for stem in DOCS}


@pytest.fixture(scope="session")
def bad_pdfs(tmp_path_factory) -> dict[str, pathlib.Path]:
    return pdfgen.make_bad_pdfs(tmp_path_factory.mktemp("bad_pdfs"))


def source_lines(stem: str) -> list[str]:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


def source_tables(stem: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in source_lines(stem) + [""]:
        if "\t" in line:
            cells = line.split("\t")
            if not all(_DASH_ROW.match(c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def pdf_tables(lines: list[SourceLine]) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in lines + [SourceLine("", None, None)]:
        if "\t" in line.text:
            current.append(line.text.split("\t"))
        elif current:
            tables.append(current)
            current = []
    return tables


# --------------------------------------------------------------------------- corpus documents


def test_corpus_present():
    assert len(DOCS) == 5


@pytest.mark.parametrize("stem", DOCS)
def test_lines_have_page_numbers(extracted, stem):
    lines, pages = extracted[stem]
    assert pages >= 2
    assert lines and any(line.text for line in lines)
    assert all(line.line is None for line in lines)
    numbers = [line.page for line in lines]
    assert all(isinstance(n, int) and 1 <= n <= pages for n in numbers)
    assert numbers == sorted(numbers), "lines come in page order"
    assert len(set(numbers)) >= 0.5 * pages
    assert all("\n" not in line.text for line in lines)
    # blocks are separated by single blank lines, never runs of them
    blank_runs = [a.text == b.text == "" for a, b in zip(lines, lines[1:], strict=False)]
    assert not any(blank_runs)


@pytest.mark.parametrize("stem", DOCS)
def test_lines_know_their_place_in_the_reading_order(extracted, stem):
    """A PDF has no line numbers a reader counts (`line` is None), but each line with a place on
    the page knows where it comes in the document's reading order, so the tracer can tell which
    rows and paragraphs are neighbours (Position.order, Commitment.order)."""
    lines, _ = extracted[stem]
    orders = [line.position.order for line in lines if line.position is not None]
    assert orders and all(isinstance(n, int) for n in orders)
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


@pytest.mark.parametrize("stem", DOCS)
def test_word_coverage(extracted, stem):
    lines, _ = extracted[stem]
    src = Counter(w for line in source_lines(stem) if line.strip() and "\t" not in line for w in tokens(line))
    got = Counter(w for line in lines for w in tokens(line.text))
    coverage = sum((src & got).values()) / sum(src.values())
    assert coverage >= 0.90, f"{stem}: {coverage:.3f} of source words extracted"


@pytest.mark.parametrize("stem", DOCS)
def test_tables_come_back_as_tab_rows(extracted, stem):
    lines, _ = extracted[stem]
    found = pdf_tables(lines)
    expected = source_tables(stem)
    assert expected, "every corpus document has tables"
    matched = 0
    checked: dict[int, int] = {}  # found table -> expected cell count
    for table in expected:
        header = tokens(" ".join(_TAG.sub(" ", c) for c in table[0]))
        hits = [i for i, t in enumerate(found) if tokens(" ".join(t[0])) == header]
        if hits:
            matched += 1
            checked.update((i, len(table[0])) for i in hits)
    rows = sum(len(found[i]) for i in checked)
    good = sum(len(r) == width for i, width in checked.items() for r in found[i])
    assert matched >= 0.8 * len(expected), f"{matched}/{len(expected)} tables found by header"
    assert good >= 0.8 * rows, f"{good}/{rows} rows have the source's cell count"


def test_table_cells_split_list_items(extracted):
    lines, _ = extracted["2017_crccg_commissioning-intentions-refresh_2018-19"]
    rows = [line.text for line in lines if line.text.startswith("COMMITMENT\t")]
    assert rows and all(r == "COMMITMENT\tWHAT WE HAVE DONE\tPATIENT IMPACT\tNEXT STEPS" for r in rows)
    cells = [c for line in lines if "\t" in line.text for c in line.text.split("\t")]
    assert any(" • " in c for c in cells)
    assert not any("<p>" in c or "<ul" in c for c in cells)
    assert any(
        c.startswith("As part of the STP workstream for Out of Hospital we have: • Engaged with patients")
        for c in cells
    )


@pytest.mark.parametrize("stem", DOCS)
def test_bullets_come_back_as_list_items(extracted, stem):
    lines, _ = extracted[stem]
    src = [line for line in source_lines(stem) if re.match(r"^ *- ", line)]
    got = [line.text for line in lines if re.match(r"^ *- ", line.text)]
    assert len(got) >= 0.9 * len(src)
    nested_src = sum(1 for line in src if line.startswith(" "))
    nested_got = sum(1 for text in got if text.startswith(" "))
    assert nested_got >= 0.9 * nested_src
    assert nested_got <= max(2 * nested_src, 3), "top-level items are not nested"
    assert not any(re.match(r"^ *- [•●▪]", text) for text in got), "glyphs are stripped"


@pytest.mark.parametrize("stem", DOCS)
def test_running_header_and_footer_dropped(extracted, stem):
    lines, pages = extracted[stem]
    texts = [line.text for line in lines]
    assert pages >= 3
    assert "Page 3" not in texts
    assert not any(re.fullmatch(r"Page \d+", t) for t in texts)
    assert not any("Coventry and Warwickshire — " in t for t in texts)


def test_headings_and_paragraphs(extracted):
    lines, _ = extracted["2017_crccg_commissioning-intentions-refresh_2018-19"]
    texts = [line.text for line in lines]
    assert "**Challenges and pressures**" in texts
    assert "The NHS locally is facing a range of pressures:" in texts
    # a paragraph wrapped over several visual lines is one line
    assert (
        "Driven by our values, we are committed to working together and in partnership with others to "
        "deliver locally, responding to the health needs and inequalities of our diverse population."
    ) in texts
    # inline bold inside a list item
    assert any(t.startswith("- They set out the **priorities** for the CCG") for t in texts)
    lines, _ = extracted["2017-09_coventry-hwb_board-papers"]
    texts = [line.text for line in lines]
    assert (
        "RESOLVED that Dr Adrian Canale-Parola be appointed as Deputy Chair of the Health and Wellbeing Board for 2017/18."
        in texts
    )
    assert any(t.startswith("1. Work has commenced on scoping content") for t in texts)
    assert any(t.startswith("2. Key health partners have been briefed") for t in texts)


# --------------------------------------------------------------------------- layout features


def _features_pdf(path: pathlib.Path) -> None:
    """Three pages drawn with a canvas: running header, "- N -" footer, ligatures, glyph bullets."""
    from reportlab.pdfgen import canvas

    regular, bold, _ = pdfgen._fonts_registered()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for page in range(1, 4):
        c.setFont(regular, 8)
        c.drawString(72, 800, "Annual Operating Plan 2019")
        c.drawCentredString(297, 40, f"- {page} -")
        c.setFont(bold, 16)
        c.drawString(72, 740, f"Our ﬁnancial plan part {page}")
        c.setFont(regular, 10)
        c.drawString(72, 712, "We will improve the ﬂow of patients through the new NHS\xa0England")
        c.drawString(72, 700, "pathway by March 2020.")
        c.drawString(72, 676, "●")
        c.drawString(86, 676, f"First item on page {page}")
        c.drawString(90, 662, "○")
        c.drawString(104, 662, "Nested item")
        c.drawString(72, 648, "●")
        c.drawString(86, 648, "Second item that wraps on to")
        c.drawString(86, 636, "a second visual line")
        c.drawString(72, 612, "1. Keep numbered items as they are")
        c.showPage()
    c.save()


def test_layout_features(tmp_path):
    path = tmp_path / "features.pdf"
    _features_pdf(path)
    lines, pages = read_pdf(path)
    assert pages == 3
    texts = [line.text for line in lines]
    assert "**Our financial plan part 2**" in texts
    assert "We will improve the flow of patients through the new NHS England pathway by March 2020." in texts
    assert "- First item on page 3" in texts
    assert " - Nested item" in texts
    assert "- Second item that wraps on to a second visual line" in texts
    assert "1. Keep numbered items as they are" in texts
    assert not any("Annual Operating Plan" in t or re.search(r"-\s*\d\s*-", t) for t in texts)
    assert {line.page for line in lines if line.text.startswith("**Our financial plan part")} == {1, 2, 3}


def _two_column_pdf(path: pathlib.Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    styles = pdfgen._styles()
    width, height = A4
    margin, gutter = 50, 18
    column = (width - 2 * margin - gutter) / 2
    frames = [
        Frame(margin, height - margin - 40, width - 2 * margin, 40, id="title"),
        Frame(margin, margin, column, height - 2 * margin - 40, id="left"),
        Frame(margin + column + gutter, margin, column, height - 2 * margin - 40, id="right"),
    ]
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames)])
    story = [Paragraph("Two column annual report", styles["heading"]), FrameBreak()]
    sentence = "We will work with partners to improve outcomes for local people and reduce inequalities. "
    for i in range(1, 15):
        story.append(
            Paragraph(f"Paragraph {i} starts here. {sentence * 2}End of paragraph {i}.", styles["body"])
        )
    doc.build(story)


def test_two_columns_are_read_column_by_column(tmp_path):
    path = tmp_path / "columns.pdf"
    _two_column_pdf(path)
    lines, _ = read_pdf(path)
    texts = [line.text for line in lines if line.text]
    assert texts[0] == "**Two column annual report**"
    paragraphs = texts[1:]
    assert len(paragraphs) == 14
    for i, text in enumerate(paragraphs, start=1):
        assert text.startswith(f"Paragraph {i} starts here. We will work with partners")
        assert text.endswith(f"End of paragraph {i}.")  # including the one running on into column 2


def test_module_import_does_not_load_pdfplumber():
    code = "import sys, kb.sources.pdf; sys.exit('pdfplumber' in sys.modules)"
    root = pathlib.Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


# --------------------------------------------------------------------------- broken files

EXPECTED_REASON = {
    "empty": ("empty", "not a pdf"),
    "truncated": ("truncated", "corrupt"),
    "encrypted": ("encrypted", "password"),
    "image_only": ("no text layer",),
    "no_pages": ("no pages",),
    "garbage": ("not a pdf",),
}


@pytest.mark.parametrize("kind", sorted(EXPECTED_REASON))
def test_bad_pdf_raises_source_error(bad_pdfs, kind):
    with pytest.raises(SourceError) as info:
        read_pdf(bad_pdfs[kind])
    message = str(info.value)
    assert message and "\n" not in message and len(message) < 200
    assert any(word in message.lower() for word in EXPECTED_REASON[kind]), message


def test_missing_file_raises_source_error(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        read_pdf(tmp_path / "nope.pdf")


def test_corrupted_bytes_never_escape_as_tracebacks(tmp_path):
    import random

    src = tmp_path / "small.pdf"
    pdfgen.text_export_to_pdf(CORPUS / f"{DOCS[0]}.txt", src)
    data = src.read_bytes()
    rnd = random.Random(7)
    for k in range(8):
        damaged = bytearray(data)
        for _ in range(40):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        path = tmp_path / f"damaged{k}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            lines, pages = read_pdf(path)
        except SourceError as exc:
            assert "\n" not in str(exc)
        else:
            assert pages >= 1 and all(isinstance(line, SourceLine) for line in lines)


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("we will agree a long-", "term plan for the service", "we will agree a long-term plan for the service"),
    ("we will publish our Five-", "Year Plan in the spring", "we will publish our Five-Year Plan in the spring"),
    ("a new Self-", "Assessment Checklist for teams", "a new Self-Assessment Checklist for teams"),
    ("the plan runs to 2024 -", "with a review each year", "the plan runs to 2024 - with a review each year"),
    ("the work is led by our Corporate Lead- ", "Strategy and her team", "the work is led by our Corporate "
     "Lead- Strategy and her team"),  # a space typed after the hyphen: the line broke there, not at it
    ("the ferry runs from Apr-", "22 to the end of the season", "the ferry runs from Apr-22 to the end of the season"),
    ("the plan for 2025-", "26 sets out the works", "the plan for 2025-26 sets out the works"),
    ("the works will cost 2025 -", "26 thousand in all", "the works will cost 2025 - 26 thousand in all"),
])
def test_a_word_hyphenated_over_a_line_end_is_one_word(tmp_path, first, second, joined):
    """A compound broken after its hyphen keeps the hyphen and loses the line break, before a
    capital as before a small letter, and so does a date or range before a figure ("Apr-22",
    "2025-26"); a dash standing between words, or a hyphen with a space after it in the text
    layer, keeps its space."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "hyphen.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "The board agreed the following at its meeting in the spring, and")
    c.drawString(72, 746, first)
    c.drawString(72, 732, second + ".")
    c.save()
    lines, _ = read_pdf(pdf)
    assert [ln.text for ln in lines if ln.text] == [
        "The board agreed the following at its meeting in the spring, and " + joined + "."]


def test_a_line_made_taller_by_a_larger_full_stop_stays_in_its_paragraph(tmp_path):
    """Word processors make a line taller when a glyph on it is set larger (a full stop in another
    font): the wider line pitch it leaves is no paragraph break."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines = ["The district will plant two thousand street trees over the next five", "years, starting in the wards",
             "with the least shade, and residents can nominate a street through the", "council website while the",
             "schools will help to water young trees in their first summer", "A tree warden in each ward will",
             "report on progress to the committee every six months, and the council", "will publish the results."]
    pdf = tmp_path / "taller.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    y = 760.0
    for k, text in enumerate(lines):
        c.setFont("Helvetica", 10)
        c.drawString(72, y, text)
        if k == 4:  # the full stop after "summer" in a 14 pt font pushes this line down
            c.setFont("Times-Roman", 14)
            c.drawString(72 + c.stringWidth(text, "Helvetica", 10), y, ".")
        y -= 12 + (4 * 1.2 if k == 3 else 0)
    c.save()
    texts = [ln.text for ln in read_pdf(pdf)[0] if ln.text]
    assert texts == [" ".join(lines[:5]) + ". " + " ".join(lines[5:])]


# --------------------------------------------------------------------------- document properties


def _pdf_with_author(path: pathlib.Path, author: str, first_line: str) -> None:
    """One page whose text never names who wrote it; the document properties may."""
    from reportlab.pdfgen import canvas

    regular, _, _ = pdfgen._fonts_registered()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setAuthor(author)
    c.setFont(regular, 10)
    c.drawString(72, 760, first_line)
    c.drawString(72, 740, "We will open two new play areas in the parks by March 2026.")
    c.showPage()
    c.save()


@pytest.mark.parametrize(("author", "first_line", "organisation"), [
    ("Eastmere Borough Council", "Parks and play: what we will do next", "Eastmere Borough Council"),
    # a person or a login in the properties is no body
    ("Jane Smith", "Parks and play: what we will do next", ""),
    ("smithj01", "Parks and play: what we will do next", ""),
    # the body the text names on its cover wins over the properties
    ("Eastmere Borough Council", "Westmarch City Council", "Westmarch City Council"),
])
def test_a_pdf_whose_text_names_no_author_takes_the_body_its_properties_name(tmp_path, author, first_line,
                                                                             organisation):
    from kb.sources import load_document

    path = tmp_path / "2025-05_parks.pdf"
    _pdf_with_author(path, author, first_line)
    assert load_document(path).meta.organisation == organisation


def test_a_space_in_the_text_layer_parts_words_drawn_close(tmp_path):
    # an italic letter's overhang can draw the next word within a hair of the last ("Renal failure":
    # "l", " ", "f"); the space the text layer holds still parts them
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "close.pdf"
    c = canvas.Canvas(str(path))
    font, size, y = "Helvetica-Oblique", 11, 700
    for words in (("Renal", "failure on dialysis"), ("Secondary care will be responsible", "for the kits")):
        c.setFont(font, size)
        c.drawString(72, y, words[0] + " ")
        c.drawString(72 + stringWidth(words[0], font, size) + 0.5, y, words[1])
        y -= 20
    c.save()
    lines, _ = read_pdf(path)
    texts = [line.text for line in lines]
    assert "Renal failure on dialysis" in " ".join(texts)
    assert "responsible for the kits" in " ".join(texts)


# --------------------------------------------------------------------------- designed pages: bands

def _draw_words(c, x: float, y: float, text: str, right: float, pitch: float = 13.5, font: str = "Helvetica",
                size: float = 10) -> float:
    """Text wrapped at `right`, from (x, y) down; the y under its last line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.setFont(font, size)
    line = ""
    for w in text.split():
        trial = f"{line} {w}".strip()
        if line and x + stringWidth(trial, font, size) > right:
            c.drawString(x, y, line)
            y, line = y - pitch, w
        else:
            line = trial
    if line:
        c.drawString(x, y, line)
        y -= pitch
    return y


def test_a_designed_pages_band_of_two_columns_between_full_width_text_is_read_column_by_column(tmp_path):
    """A brochure's page: a full-width paragraph, then two short columns of text side by side, then a
    full-width paragraph again. No gutter runs down the whole page, but the band between has one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    left = ("Between June and October we held eleven listening events across the borough and heard from "
            "almost three hundred carers, who told us that they are often the last to know about a discharge.")
    right = ("Young carers told us that their teachers did not always know about their caring role, and working "
             "carers that they had used their annual leave to go to hospital appointments with the person.")
    path = tmp_path / "band.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = _draw_words(c, 43, 780, "What carers told us about the support they get from the council, the NHS and "
                    "the voluntary sector shaped every one of the commitments in this strategy.", 553)
    y -= 14
    y_left = _draw_words(c, 43, y, left, 288)
    y_right = _draw_words(c, 308, y, right, 553)
    _draw_words(c, 43, min(y_left, y_right) - 14, "Our vision is that carers in the borough are recognised and "
                "valued for what they do, and get the right support at the right time.", 553)
    c.save()
    texts = [line.text for line in read_pdf(path)[0] if line.text]
    assert any(t.startswith("Between June and October") and t.endswith("about a discharge.") for t in texts)
    assert any(t.startswith("Young carers told us") and t.endswith("with the person.") for t in texts)


def test_a_lettered_actions_second_line_hangs_under_its_text(tmp_path):
    """"1(a) Replace paper cards" over "with text message surveys ...", aligned after the label: one item."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "lettered.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(61, 700, "1(a)")
    c.setFont("Helvetica", 10)
    c.drawString(91, 700, "Replace paper feedback cards")
    c.drawString(91, 686.5, "with text message and QR code surveys in every ward by December 2021.")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(61, 660, "1(b)")
    c.setFont("Helvetica", 10)
    c.drawString(91, 660, "Display a monthly poster")
    c.drawString(91, 646.5, "on every ward showing one change made because of feedback.")
    c.save()
    texts = [line.text for line in read_pdf(path)[0] if line.text]
    assert "**1(a)** Replace paper feedback cards with text message and QR code surveys in every ward by " \
           "December 2021." in texts


def test_label_value_lines_of_a_designed_page_are_not_read_as_two_columns(tmp_path):
    """Fields set with their values in a column of their own ("Lead:" then the lead, further right): each
    line reads across, label then value, not all the labels before all the values."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "fields.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _draw_words(c, 43, 780, "Action 3.2: open a carers' centre in each of the four towns of the borough, with a "
                "drop-in session every weekday.", 553)
    fields = [("Lead:", "Director of Adult Social Care"), ("Partners:", "Carers Trust and the four town councils"),
              ("By when:", "March 2024")]
    for k, (label, value) in enumerate(fields):
        c.setFont("Helvetica", 10)
        c.drawString(43, 730 - 13.5 * k, label)
        c.drawString(160, 730 - 13.5 * k, value)
    _draw_words(c, 43, 670, "The centres will be run by the Carers Trust under a five-year contract.", 553)
    c.save()
    texts = [line.text for line in read_pdf(path)[0] if line.text]
    assert any("Lead:" in t and "Director of Adult Social Care" in t.split("Lead:", 1)[1][:40] for t in texts)


def test_loosely_justified_lines_whose_wide_spaces_fall_one_above_the_other_are_no_columns(tmp_path):
    """A short paragraph set justified with wide word spaces: two spaces of its lines may stand one
    above the other, no wider than the others. That white is no gutter: the lines read across."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "loose.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    _draw_words(c, 71, 780, "The council set out its plans for young adults leaving care in the report to the "
                "cabinet committee, and asked for comments before the decision.", 524)
    rows = [["6.3", "Under", "the", "current", "arrangements", "the", "Corporate", "Director", "Children,", "Young"],
            ["People,", "and", "Education", "(DCS)", "is", "overseeing", "a", "group", "falling", "outside"]]
    for k, words in enumerate(rows):
        widths = [stringWidth(w, "Helvetica", 10) for w in words]
        space = (453 - sum(widths)) / (len(words) - 1)  # justified across 71-524: spaces of 8 pt or more
        x = 71.0
        for w, width in zip(words, widths, strict=True):
            c.drawString(x, 740 - 13.5 * k, w)
            x += width + space
    c.drawString(71, 740 - 27, "their statutory role.")
    c.save()
    texts = [line.text for line in read_pdf(path)[0] if line.text]
    assert any(t.startswith("6.3 Under the current arrangements the Corporate Director Children, Young People")
               for t in texts)
