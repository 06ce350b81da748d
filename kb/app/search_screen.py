"""The search screen: a query input that searches as you type, results, and a facet filter panel.

Typing never waits for a search: each keystroke restarts a short debounce timer, and the search
runs in a thread worker (exclusive, so a newer query cancels an older one); results are applied on
the UI thread.  A malformed query shows its one-line explanation under the input.  The table
holds the first rows of the ranking and loads the next page as the cursor nears its end, so any
number of results scrolls without building thousands of rows per keystroke.
"""

from __future__ import annotations

import time

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kb.app.format import (
    DOC_LABEL_WIDTH,
    cut_highlight,
    doc_label,
    due_end_text,
    fit_lines,
    highlight_markup,
    owners_text,
)

ROWS = 60  # rows per search: a screenful and more, cheap to redraw on every keystroke
PAGE = 200  # rows added when the cursor nears the last loaded row
PAGE_MARGIN = 10  # how near (in rows) the cursor gets before the next page loads
DEBOUNCE_S = 0.025  # coalesces key repeats and pasted bursts; a search (<20 ms at 20x) is cheap
# (key, title, width); the text column takes what is left.  Narrow cells keep all six readable from
# 100 columns: the month a commitment is due by, owners by acronym, a short document label (the
# detail screen shows each in full).  The text has priority: where it would be too narrow (the
# filter panel open, or under 100 columns), the document, the owners, the kind and the due month
# give way in that order, so at 80 columns with the panel open the text still has 35 cells.
COLUMNS = (("year", "Year", 4), ("text", "Text", 0), ("due", "Due by", 8), ("kind", "Kind", 10),
           ("owners", "Owners", 12), ("doc", "Document", DOC_LABEL_WIDTH))
GIVE_WAY = ("doc", "owners", "kind", "due")
MIN_TEXT = 32
PREVIEW_LINES = 3  # the highlighted row's text in full under the table, in at most this many lines
FILTERS_WIDTH = 34  # search_screen.tcss #filters
FACET_VALUES = 30  # values listed per facet (the most frequent; picked ones always)
FACETS = (("doc", "Document"), ("year", "Year"), ("theme", "Theme"), ("owner", "Owner"), ("kind", "Kind"),
          ("status", "Status"))


class FacetList(OptionList):
    """One facet's values, each shown with its state in text and its count ("[x] STP 2016/17 (24)",
    "[ ] 2019 (310)"): Space or Enter (or a click) picks or drops the highlighted value."""

    BINDINGS = [Binding("space", "select", "Pick/drop", show=False)]

    def __init__(self, facet: str) -> None:
        super().__init__(id=f"facet-{facet}")
        self.facet = facet

    def on_focus(self) -> None:
        self.highlight_first()

    def highlight_first(self) -> None:
        """A list entered (F2, Tab) has a value highlighted, so the first Space picks it: an
        OptionList starts with none, and Space on none does nothing."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0


class ResultsTable(DataTable):
    """The results: Enter on an empty table says there is nothing to open (DataTable takes the key
    and, with no row, does nothing)."""

    def action_select_cursor(self) -> None:
        if not self.row_count:
            self.screen.action_open()
            return
        super().action_select_cursor()


def facet_prompt(label: str, count: int, picked: bool) -> Text:
    """A facet value's line: plain text, so '[x]' is not read as markup."""
    return Text(f"{'[x]' if picked else '[ ]'} {label} ({count})")


def columns_for(width: int) -> tuple[tuple[str, str, int], ...]:
    """The columns to show in `width` cells, the text column sized to what is left."""
    shown = list(COLUMNS)
    while True:
        fixed = sum(w + 2 for key, _, w in shown if key != "text") + 2 + 3  # text padding, scrollbar, one spare cell
        text = width - fixed
        droppable = sorted((c for c in shown if c[0] in GIVE_WAY), key=lambda c: GIVE_WAY.index(c[0]))
        if text >= MIN_TEXT or not droppable:
            break
        shown.remove(droppable[0])
    return tuple((key, title, max(text, 20) if key == "text" else w) for key, title, w in shown)


class SearchScreen(Screen):
    CSS_PATH = "search_screen.tcss"
    BINDINGS = [
        # Function keys work while the search box has focus (and show in the footer); the letters
        # do the same where no text box has focus (the help lists both).
        Binding("f2", "toggle_filters", "Filters", key_display="F2"),
        Binding("f3", "export", "Export", key_display="F3"),
        Binding("f4", "trace", "Trace", key_display="F4"),
        Binding("f5", "clear_filters", "Clear filters", key_display="F5"),
        Binding("slash", "focus_query", "Search", show=False),
        Binding("f", "toggle_filters", "Filters", show=False),
        Binding("e", "export", "Export", show=False),
        Binding("t", "trace", "Trace", show=False),
        Binding("c", "clear_filters", "Clear filters", show=False),
        Binding("enter", "open", "Open", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("down", "blur_query", "Results", show=False),
    ]

    def __init__(self, kb, initial_query: str = "") -> None:
        super().__init__()
        self.kb = kb
        self.initial_query = initial_query
        self.result = None
        self.result_options: dict = {}  # the filters `result` was searched with (for pages, export)
        self.selected: dict[str, set[str]] = {name: set() for name, _ in FACETS}
        self._timer = None
        self._counts: dict[str, dict[str, int]] = {}  # the panel's counts, to redraw a line on a pick
        self._typed_at: float | None = None
        self._filters_visible = False
        self._columns: tuple[tuple[str, str, int], ...] = ()
        self._hits: list = []  # the rows loaded, in table order (to redraw them when columns change)
        self._doc_labels = {d.meta.id: doc_label(d.meta) for d in kb.documents()}
        self.latencies_ms: list[float] = []  # keystroke -> results on screen, for bench/tui.py

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder='Search: words, "phrases", owner:UHCW, due:<2020, theme:stroke …',
                    id="query", value=self.initial_query)
        yield Static("", id="error")
        yield Static("", id="chips")
        with Horizontal(id="body"):
            with VerticalScroll(id="filters"):
                yield Static("Space: pick · Tab: next list", classes="facet-help")
                for name, title in FACETS:
                    yield Static(title, classes="facet-title")
                    yield FacetList(name)
            table = ResultsTable(id="results", cursor_type="row", zebra_stripes=True)
            yield table
        yield Static("", id="preview")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._fit_columns()
        self.query_one("#query", Input).focus()
        self.run_search(self.query_one("#query", Input).value)

    # --- searching -----------------------------------------------------------------------------------
    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self._typed_at = time.perf_counter()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, lambda: self.run_search(event.value))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)
        self.set_focus(self.query_one("#results", DataTable))

    def options(self) -> dict:
        return {name: sorted(values) for name, values in self.selected.items() if values}

    @work(exclusive=True, thread=True, group="search")
    def run_search(self, text: str) -> None:
        from kb.index.query import QueryError

        options = self.options()
        try:
            # Facet counts only while the filter panel is open (they read every match's values).
            result = self.kb.search(text.strip(), limit=ROWS, facets=self._filters_visible, **options)
            facets = self.facet_counts(text.strip(), options, result.facets) if self._filters_visible else {}
        except QueryError as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the app must stay up; say what happened
            self.app.call_from_thread(self.show_error, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:  # a newer keystroke's search is under way
            self.app.call_from_thread(self.show_result, result, options, facets)

    def facet_counts(self, text: str, options: dict, counts: dict) -> dict:
        """Each facet's counts as if none of its own values were picked (the other facets' picks
        applied), so every value stays listed with its count and a second pick adds to the first
        (values of one facet are alternatives: doc A or doc B).  Kind counts evidence passages too,
        so `evidence` can be picked (they are left out of results unless it is: kb.api.search)."""
        out = dict(counts)
        for name, _ in FACETS:
            if name in options or name == "kind":
                others = {k: v for k, v in options.items() if k != name}
                out[name] = self.kb.search(text, limit=1, facets=True, highlights=False,
                                           include_evidence=name == "kind", **others).facets.get(name, [])
        return out

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(message)
        error.add_class("visible")

    def show_result(self, result, options: dict | None = None, facets: dict | None = None) -> None:
        self.result, self.result_options = result, options or {}
        self.query_one("#error", Static).remove_class("visible")
        self.query_one("#results", DataTable).clear()
        self._hits = []
        self._add_rows(result.hits)
        self._show_status()
        self._show_preview()
        if self.query_one("#filters").has_class("visible"):
            self.update_facets(facets or result.facets)  # the panel is rebuilt only while it is shown
        if self._typed_at is not None and result.query.strip() == self.query_one("#query", Input).value.strip():
            self.latencies_ms.append((time.perf_counter() - self._typed_at) * 1000)
            self._typed_at = None

    def _add_rows(self, hits) -> None:
        table = self.query_one("#results", DataTable)
        self._hits.extend(hits)
        keys = [key for key, _, _ in self._columns]
        for h in hits:
            cells = {"year": str(h.year or ""), "text": highlight_markup(h.highlight),
                     "due": due_end_text(h.due_start, h.due_end), "kind": h.kind,
                     "owners": owners_text(h.owners), "doc": self._doc_labels.get(h.doc_id, h.doc_id)}
            table.add_row(*(cells[k] for k in keys), key=h.id)

    # --- columns that fit the width ------------------------------------------------------------------
    def _fit_columns(self) -> None:
        width = self.app.size.width - (FILTERS_WIDTH if self._filters_visible else 0)
        columns = columns_for(width)
        if columns == self._columns:
            return
        table = self.query_one("#results", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        self._columns = columns
        for key, title, w in columns:
            table.add_column(title, key=key, width=w)
        hits, self._hits = self._hits, []
        self._add_rows(hits)
        if hits:
            table.move_cursor(row=min(cursor, len(hits) - 1))

    def on_resize(self) -> None:
        self._fit_columns()
        self._show_preview()

    # --- the highlighted row in full ------------------------------------------------------------------
    def _show_preview(self) -> None:
        """The highlighted row's whole text (the table cuts it to its column) with the fields the
        narrow columns leave out, wrapped under the table; cut at a word only past PREVIEW_LINES."""
        preview = self.query_one("#preview", Static)
        table = self.query_one("#results", DataTable)
        row = table.cursor_row
        if not self._hits or not 0 <= row < len(self._hits):
            preview.remove_class("visible")
            return
        h = self._hits[row]
        fields = [self._doc_labels.get(h.doc_id, h.doc_id), str(h.year or ""), h.kind,
                  f"due {due_end_text(h.due_start, h.due_end)}" if h.due_start or h.due_end else "",
                  owners_text(h.owners)]
        prefix = " · ".join(f for f in fields if f) + " — "
        width = (self.size.width or self.app.size.width) - 2  # the screen's width (under the panel too), less the padding
        text = fit_lines(prefix, h.text, width, PREVIEW_LINES)
        shown = h.highlight if text == h.text else cut_highlight(h.highlight, len(text) - 1) + "…"
        preview.update(f"[b]{escape(prefix)}[/]{highlight_markup(shown)}")
        preview.add_class("visible")

    def _show_status(self) -> None:
        result = self.result
        shown = self.query_one("#results", DataTable).row_count
        more = f" (first {shown}; more load as you scroll)" if result.total > shown else ""
        hint = f" — did you mean: {result.suggestion}?" if result.suggestion else ""
        timing = f" in {result.elapsed_ms:.0f} ms" if getattr(self.app, "show_timings", True) else ""
        self.query_one("#status", Static).update(f"{result.total} results{more}{timing}{hint}")

    # --- more rows as the cursor nears the end --------------------------------------------------------
    @on(DataTable.RowHighlighted, "#results")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        self._show_preview()
        table = event.data_table
        if self.result is not None and table.row_count < self.result.total \
                and event.cursor_row >= table.row_count - PAGE_MARGIN:
            self.load_page(self.result, table.row_count)

    @work(exclusive=True, thread=True, group="page")
    def load_page(self, shown_result, offset: int) -> None:
        try:
            page = self.kb.search(shown_result.query.strip(), limit=PAGE, offset=offset, facets=False,
                                  **self.result_options)
        except Exception as exc:  # noqa: BLE001 - the app must stay up; say what happened
            self.app.call_from_thread(self.show_error, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._append_page, shown_result, offset, page)

    def _append_page(self, shown_result, offset: int, page) -> None:
        table = self.query_one("#results", DataTable)
        if self.result is not shown_result or table.row_count != offset:
            return  # a new search replaced the rows meanwhile, or this page is already in
        self._add_rows(page.hits)
        self._show_status()

    def update_facets(self, facets: dict) -> None:
        for name, _ in FACETS:
            widget = self.query_one(f"#facet-{name}", FacetList)
            counts = {str(v): n for v, n in facets.get(name, [])}
            self._counts[name] = counts
            chosen = self.selected[name]
            values = sorted(counts, key=lambda v: (-counts[v], v))[:FACET_VALUES]
            values += sorted(v for v in chosen if v not in values)
            highlighted = widget.highlighted_option.id if widget.highlighted_option is not None else None
            widget.clear_options()
            widget.add_options([Option(facet_prompt(self._value_label(name, v), counts.get(v, 0), v in chosen), id=v)
                                for v in values])
            if highlighted in values:
                widget.highlighted = values.index(highlighted)
            elif widget.has_focus:  # the panel just opened on this list: its values arrive now
                widget.highlight_first()

    def _value_label(self, facet: str, value: str) -> str:
        """A facet value as people read it: a document by its short label ("STP 2016/17")."""
        return (self._doc_labels.get(value) or value) if facet == "doc" else value

    @on(OptionList.OptionSelected)
    def _facet_picked(self, event: OptionList.OptionSelected) -> None:
        if not isinstance(event.option_list, FacetList) or event.option.id is None:
            return
        name, value = event.option_list.facet, event.option.id
        self.selected[name] ^= {value}
        event.option_list.replace_option_prompt(value, facet_prompt(
            self._value_label(name, value), self._counts.get(name, {}).get(value, 0), value in self.selected[name]))
        self._show_chips()
        self.run_search(self.query_one("#query", Input).value)

    def _show_chips(self) -> None:
        """The filters in force, above the results, whether the panel is open or not."""
        chips = self.query_one("#chips", Static)
        picked = [f"{title}: {self._value_label(name, v)}" for name, title in FACETS for v in sorted(self.selected[name])]
        if not picked:
            chips.remove_class("visible")
            return
        chips.update("[b]Filters[/] " + " ".join(f"[reverse] {escape(p)} [/]" for p in picked)
                     + "  [dim]F5: clear · F2: panel[/]")
        chips.add_class("visible")

    def action_clear_filters(self) -> None:
        if not any(self.selected.values()):
            self.notify("No filters to clear")
            return
        self.selected = {name: set() for name, _ in FACETS}
        self._show_chips()
        self.run_search(self.query_one("#query", Input).value)

    # --- actions -------------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        table = self.query_one("#results", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001
            return None

    # Focus moves at once (Screen.set_focus), not on the next idle as Widget.focus() does: a key
    # sent right behind this one ("Down t" in one burst) must reach the widget it was meant for.
    def action_focus_query(self) -> None:
        self.set_focus(self.query_one("#query", Input))

    def action_blur_query(self) -> None:
        self.set_focus(self.query_one("#results", DataTable))

    def action_back(self) -> None:
        """Esc: from the search box or the filter panel to the results; on the results, the first
        screen, there is nothing to go back to: say how to quit rather than do nothing."""
        if self.focused is self.query_one("#results", DataTable):
            self.notify("This is the first screen: q or Ctrl+Q quits, / goes to the search box")
        else:
            self.action_blur_query()

    def action_toggle_filters(self) -> None:
        """Show the panel with the focus on its first list (so the arrows and Space work at once),
        or hide it (its filters stay in force, shown as chips above the results)."""
        panel = self.query_one("#filters")
        panel.toggle_class("visible")
        self._filters_visible = panel.has_class("visible")
        self._fit_columns()
        if self._filters_visible:
            self.set_focus(self.query_one(FacetList))
            self.run_search(self.query_one("#query", Input).value)  # now with facet counts
        elif self.focused is None or isinstance(self.focused, FacetList):
            self.set_focus(self.query_one("#results", DataTable))

    @on(DataTable.RowSelected, "#results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def _no_row(self, what: str) -> bool:
        """True, and says so, when no result row is highlighted to open or trace."""
        if self.current_id():
            return False
        self.notify(f"No result to {what}: the search found nothing" if self.result is not None
                    else f"No result to {what} yet", severity="warning")
        return True

    def action_open(self) -> None:
        if self._no_row("open"):
            return
        cid = self.current_id()
        if cid:
            from kb.app.detail_screen import DetailScreen

            self.app.push_screen(DetailScreen(self.kb, cid))

    def action_trace(self) -> None:
        if self._no_row("trace"):
            return
        cid = self.current_id()
        if cid:
            from kb.app.trace_screen import TraceScreen

            self.app.push_screen(TraceScreen(self.kb, cid))

    def action_export(self) -> None:
        """Export every result of the current search (not only the rows loaded in the table)."""
        from kb.app.export_screen import ExportScreen

        if self.result is None:
            return
        if not self.result.total:
            self.notify("Nothing to export: the search found no results", severity="warning")
            return
        query, options = self.result.query.strip(), dict(self.result_options)

        def write_rows(fh, fmt: str) -> int:
            from kb.export import write_records

            return write_records(self.kb.export_stream(query, **options), fh, fmt)  # what kb export writes

        self.app.push_screen(ExportScreen(write_rows, what=f"{self.result.total} search results"))
