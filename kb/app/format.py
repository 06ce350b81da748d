"""Small text helpers shared by the app's screens."""

from __future__ import annotations

from rich.markup import escape

from kb.extract.gazetteer import short_name
from kb.index.search import HL_END, HL_START
from kb.model import DocumentMeta


def highlight_markup(text: str) -> str:
    """Search highlights (HL_START/HL_END markers) as Rich markup."""
    return escape(text).replace(HL_START, "[b reverse]").replace(HL_END, "[/]")


def fit_lines(prefix: str, text: str, width: int, lines: int) -> str:
    """`text` whole when `prefix` + `text` wraps into `lines` lines of `width`, else cut at a word
    with an ellipsis so that it does (the preview of the highlighted row)."""
    import textwrap

    def fits(t: str) -> bool:
        return len(textwrap.wrap(prefix + t, max(width, 10))) <= lines

    if fits(text):
        return text
    words = text.split(" ")
    lo, hi = 0, len(words)  # the most words that fit, with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(" ".join(words[:mid]).rstrip(" ,;:-–") + "…"):
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo]).rstrip(" ,;:-–") + "…"


def cut_highlight(highlight: str, length: int) -> str:
    """The first `length` visible characters of a highlighted text (HL_START/HL_END markers not
    counted), a highlight cut short closed."""
    out, seen, open_ = [], 0, False
    for ch in highlight:
        if ch in (HL_START, HL_END):
            open_ = ch == HL_START
            out.append(ch)
            continue
        if seen == length:
            break
        out.append(ch)
        seen += 1
    return "".join(out) + (HL_END if open_ else "")


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut with an ellipsis."""
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def shorten_words(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut at a word boundary with an ellipsis (never mid-word)."""
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0] if " " in text[:width] else text[:width - 1]
    return cut.rstrip(" ,;:-–") + "…"


def month_of(meta: DocumentMeta | None) -> str:
    """A document's publication month ("2016-10"), or "" when unknown."""
    return (meta.date or "")[:7] if meta else ""


def due_end_text(start: str | None, end: str | None) -> str:
    """The month a commitment is due by, for a narrow column ("2016-03"); an open-ended one from its
    start ("2019-10→").  The detail screen shows the whole window."""
    if end:
        return end[:7]
    return f"{start[:7]}→" if start else ""


def owners_text(owners: list[str]) -> str:
    """Owners by the acronyms people use for them ("UHCW, WCC"), for a narrow column."""
    return ", ".join(short_name(o) for o in owners)


DOC_LABEL_WIDTH = 14


def doc_label(meta: DocumentMeta) -> str:
    """A document in a few characters: its kind (initials when long: "CI" for commissioning
    intentions) and, when it fits, the period it covers ("CI 2014/16", "STP 2016/17")."""
    if not meta.kind or meta.kind == "other":
        return meta.id[:DOC_LABEL_WIDTH]
    kind = meta.kind
    if len(kind) > DOC_LABEL_WIDTH:
        kind = "".join(w[0] for w in kind.replace("-", " ").split()).upper()
    period = (meta.period or "").split()[0] if meta.period else ""
    return f"{kind} {period}" if period and len(kind) + 1 + len(period) <= DOC_LABEL_WIDTH else kind
