"""The search screen: a query input that searches as you type, results, and a facet filter panel.

Typing never waits for a search: each keystroke restarts a short debounce timer, and the search
runs in a thread worker (exclusive, so a newer query cancels an older one); results are applied on
the UI thread.  A malformed query shows its one-line explanation under the input.  The table
holds the first rows of the ranking and loads the next page as the cursor nears its end, so any
number of results scrolls without building thousands of rows per keystroke.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from kb.app.format import DOC_LABEL_WIDTH, doc_label, due_end_text, highlight_markup, owners_text

ROWS = 60  # rows per search: a screenful and more, cheap to redraw on every keystroke
PAGE = 200  # rows added when the cursor nears the last loaded row
PAGE_MARGIN = 10  # how near (in rows) the cursor gets before the next page loads
DEBOUNCE_S = 0.025  # coalesces key repeats and pasted bursts; a search (<20 ms at 20x) is cheap
# (key, title, width); the text column takes what is left.  Narrow cells keep all six readable from
# 100 columns: the month a commitment is due by, owners by acronym, a short document label (the
# detail screen shows each in full).  Where the text would be too narrow (the filter panel open, or
# under 100 columns), the document and then the owners give way.
COLUMNS = (("year", "Year", 4), ("text", "Text", 0), ("due", "Due by", 8), ("kind", "Kind", 10),
           ("owners", "Owners", 12), ("doc", "Document", DOC_LABEL_WIDTH))
GIVE_WAY = ("doc", "owners")
MIN_TEXT = 32
FILTERS_WIDTH = 38  # search_screen.tcss #filters
FACETS = (("doc", "Document"), ("year", "Year"), ("theme", "Theme"), ("owner", "Owner"), ("kind", "Kind"),
          ("status", "Status"))


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
        Binding("slash", "focus_query", "Search"),
        Binding("f", "toggle_filters", "Filters"),
        Binding("t", "trace", "Trace"),
        Binding("e", "export", "Export"),
        Binding("enter", "open", "Open", show=False),
        Binding("escape", "blur_query", "Back", show=False),
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
        self._updating_facets = False
        self._typed_at: float | None = None
        self._filters_visible = False
        self._columns: tuple[tuple[str, str, int], ...] = ()
        self._hits: list = []  # the rows loaded, in table order (to redraw them when columns change)
        self._doc_labels = {d.meta.id: doc_label(d.meta) for d in kb.documents()}
        self.latencies_ms: list[float] = []  # keystroke -> results on screen, for bench/tui.py

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder='Search commitments: words, "phrases", owner:UHCW, due:<2020, theme:stroke …',
                    id="query", value=self.initial_query)
        yield Static("", id="error")
        with Horizontal(id="body"):
            with VerticalScroll(id="filters"):
                for name, title in FACETS:
                    yield Static(title, classes="facet-title")
                    yield SelectionList(id=f"facet-{name}")
            table = DataTable(id="results", cursor_type="row", zebra_stripes=True)
            yield table
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
        except QueryError as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the app must stay up; say what happened
            self.app.call_from_thread(self.show_error, f"{type(exc).__name__}: {exc}")
            return
        if not get_current_worker().is_cancelled:  # a newer keystroke's search is under way
            self.app.call_from_thread(self.show_result, result, options)

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(message)
        error.add_class("visible")

    def show_result(self, result, options: dict | None = None) -> None:
        self.result, self.result_options = result, options or {}
        self.query_one("#error", Static).remove_class("visible")
        self.query_one("#results", DataTable).clear()
        self._hits = []
        self._add_rows(result.hits)
        self._show_status()
        if self.query_one("#filters").has_class("visible"):
            self.update_facets(result.facets)  # the panel is rebuilt only while it is shown
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
        self._updating_facets = True
        try:
            for name, _ in FACETS:
                widget = self.query_one(f"#facet-{name}", SelectionList)
                counts = dict(facets.get(name, []))
                chosen = self.selected[name]
                values = sorted(set(counts) | chosen, key=lambda v: (-counts.get(v, 0), v))[:30]
                widget.clear_options()
                label = self._doc_labels.get if name == "doc" else str  # "STP 2016/17", not its file name
                widget.add_options([Selection(f"{label(v) or v} ({counts.get(v, 0)})", v, v in chosen)
                                    for v in values])
        finally:
            self._updating_facets = False

    @on(SelectionList.SelectedChanged)
    def _facet_changed(self, event: SelectionList.SelectedChanged) -> None:
        if self._updating_facets or not event.selection_list.id:
            return
        name = event.selection_list.id.removeprefix("facet-")
        chosen = {str(v) for v in event.selection_list.selected}
        if chosen == self.selected.get(name):
            return  # a rebuild of the panel, not a user's toggle
        self.selected[name] = chosen
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

    def action_toggle_filters(self) -> None:
        panel = self.query_one("#filters")
        panel.toggle_class("visible")
        self._filters_visible = panel.has_class("visible")
        self._fit_columns()
        if self._filters_visible:
            self.run_search(self.query_one("#query", Input).value)  # now with facet counts

    @on(DataTable.RowSelected, "#results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        cid = self.current_id()
        if cid:
            from kb.app.detail_screen import DetailScreen

            self.app.push_screen(DetailScreen(self.kb, cid))

    def action_trace(self) -> None:
        cid = self.current_id()
        if cid:
            from kb.app.trace_screen import TraceScreen

            self.app.push_screen(TraceScreen(self.kb, cid))

    def action_export(self) -> None:
        """Export every result of the current search (not only the rows loaded in the table)."""
        from kb.app.export_screen import ExportScreen

        if self.result is None:
            return
        query, options = self.result.query.strip(), dict(self.result_options)

        def write_rows(fh, fmt: str) -> int:
            from kb.export import write_records

            return write_records(self.kb.export_stream(query, **options), fh, fmt)  # what kb export writes

        self.app.push_screen(ExportScreen(write_rows, what=f"{self.result.total} search results"))
