"""The trace timeline: one column per document in date order, each linked passage with its link
type, score, evidence and decision; `c` confirms and `x` rejects the highlighted link (with a note),
through the same append-only log as `kb link`."""

from __future__ import annotations

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ListItem, ListView, Static

from kb.app.format import doc_label, month_of, shorten, shorten_words

LINK_STYLE = {"delivered": "bold green", "progress": "green", "revised": "yellow", "restated": "cyan",
              "related": "dim", "earlier": "dim"}


STATUS_WIDTH = 150  # the thread-status reason, cut at a word (its own line: two lines at 80 columns)
TITLE_WIDTH = 32  # a document column (trace_screen.tcss .doc-column: 36) less its padding and border


def column_title(meta, doc_id: str) -> str:
    """A document column's head: its date and short label, then its title on one line."""
    if meta is None:
        return escape(doc_id[:TITLE_WIDTH])
    title = shorten(meta.title or doc_id, TITLE_WIDTH)
    return f"{month_of(meta)} · {escape(doc_label(meta))}\n[not bold]{escape(title)}[/]"


class TraceItemView(ListItem):
    def __init__(self, item) -> None:
        self.item = item
        c = item.commitment
        style = LINK_STYLE.get(item.link_type, "")
        decision = f" [b magenta]{item.decision}[/]" if item.decision else ""
        note = f"\n[i]note: {escape(item.note)}[/]" if item.note else ""
        terms = ", ".join(item.evidence.get("terms", [])[:4])
        was = "".join(f"\n[magenta]{label}:[/] [dim]{escape(text)}[/]" for label, text in
                      (("decided on", item.decided_text), ("traced then", item.decided_seed_text)) if text)
        body = (f"[{style}]{item.link_type}[/] {item.score:.2f}{decision}\n{escape(c.text)}{was}\n"
                f"[dim]{escape(terms)} · {c.kind}[/]{note}")
        super().__init__(Static(body))


class SeedView(ListItem):
    """The traced commitment itself, at the head of its document's column (not a link to decide)."""

    def __init__(self, commitment) -> None:
        self.commitment = commitment
        super().__init__(Static(f"[b reverse] traced [/]\n{escape(commitment.text)}\n[dim]{commitment.kind}[/]"))


class Timeline(HorizontalScroll, inherit_bindings=False):
    """The row of document columns.  Not focusable and without the scroll keys of its base class,
    so ← → reach the screen (move between documents) and ↑ ↓ the focused column's list."""

    can_focus = False


class TraceScreen(Screen):
    CSS_PATH = "trace_screen.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        # Short descriptions: the footer holds every key with F1 Help at 80 columns (the help says more).
        Binding("c", "decide('confirm')", "Confirm"),
        Binding("x", "decide('reject')", "Reject"),
        Binding("enter", "open", "Open"),
        Binding("e", "export", "Export"),
        Binding("left", "move(-1)", "Prev doc", show=False),
        Binding("right", "move(1)", "Next doc", show=False),
    ]

    def __init__(self, kb, cid: str) -> None:
        super().__init__()
        self.kb = kb
        self.cid = cid
        self.trace = None
        self._position: tuple[int, int] | None = None  # (column, passage) to focus on a redraw

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Tracing…", id="seed")
        yield Static("", id="thread-status")
        yield Timeline(id="timeline")
        yield Static("", id="trace-status")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, thread=True, group="trace")
    def load(self) -> None:
        try:
            trace = self.kb.trace(self.cid)
        except KeyError:
            self.app.call_from_thread(self.show_error, f"No commitment with id {self.cid}")
            return
        except Exception as exc:  # noqa: BLE001 - the app must stay up; say what happened
            self.app.call_from_thread(self.show_error, f"Cannot trace {self.cid}: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self.show, trace)

    def show_error(self, message: str) -> None:
        self.query_one("#seed", Static).update(f"[b red]{escape(message)}[/]")

    async def show(self, trace) -> None:
        self.trace = trace
        seed = trace.seed
        metas = {seed.doc_id: trace.seed_doc, **{i.commitment.doc_id: i.doc for i in trace.items}}
        source = f"{trace.seed_doc.title} ({month_of(trace.seed_doc)})" if trace.seed_doc else seed.doc_id
        self.query_one("#seed", Static).update(f"[b]{escape(source)}[/] · {escape(seed.text)}")
        self.query_one("#thread-status", Static).update(
            f"thread status: [b]{trace.status}[/] — {escape(shorten_words(trace.status_reason, STATUS_WIDTH))}")
        timeline = self.query_one("#timeline", Timeline)
        await timeline.remove_children()
        columns = []
        for doc_id in trace.documents:
            views: list[ListItem] = [SeedView(seed)] if doc_id == seed.doc_id else []
            views += [TraceItemView(i) for i in trace.items if i.commitment.doc_id == doc_id]
            view = ListView(*views)
            columns.append(Vertical(Static(column_title(metas.get(doc_id), doc_id), classes="doc-title"), view,
                                    classes="doc-column"))
        await timeline.mount_all(columns)
        more = f"; {trace.hidden} more with `kb trace --all`" if trace.hidden else ""
        orphans = "".join(f"\n[magenta]{o.decision}, passage gone:[/] “{escape(shorten(o.text, 90))}” "
                          f"[dim]({escape(o.doc_id[:24])}){' note: ' + escape(o.note) if o.note else ''}[/]"
                          for o in trace.orphans)
        self.query_one("#trace-status", Static).update(
            f"{len(trace.passages)} linked passages ({len(trace.items)} records) in {len(trace.documents)} documents"
            f"{more}{orphans}")
        self.call_after_refresh(self._restore_focus)

    def _restore_focus(self) -> None:
        """Focus the column and passage the user was on (after a decision reloads the thread), or
        the first column."""
        lists = list(self.query(ListView))
        if not lists:
            return
        if self._position is None:  # first drawn: the earliest linked passage, not the traced item
            column, row = next(((c, r) for c, view in enumerate(lists) for r, child in enumerate(view.children)
                                if isinstance(child, TraceItemView)), (0, 0))
        else:
            column, row = self._position
        target = lists[min(column, len(lists) - 1)]
        if len(target):
            target.index = min(row, len(target) - 1)
        self.set_focus(target)  # at once, so a key right behind this one reaches the new column
        self.query_one("#timeline", Timeline).scroll_to_widget(target.parent)

    def _remember_position(self) -> None:
        lists = list(self.query(ListView))
        if self.focused in lists:
            self._position = (lists.index(self.focused), self.focused.index or 0)

    def _highlighted(self) -> ListItem | None:
        """The highlighted entry of the focused column (a linked passage or the traced item)."""
        return self.focused.highlighted_child if isinstance(self.focused, ListView) else None

    def focused_item(self):
        """The highlighted linked passage, if the highlight is on one."""
        chosen = self._highlighted()
        return chosen.item if isinstance(chosen, TraceItemView) else None

    def action_move(self, step: int) -> None:
        lists = list(self.query(ListView))
        if not lists:
            return
        try:
            i = lists.index(self.focused)
        except ValueError:
            i = 0
        target = lists[(i + step) % len(lists)]
        if target.index is None and len(target):
            target.index = 0  # a column entered from the side has its first passage highlighted
        self.set_focus(target)  # at once, so a key right behind this one reaches the new column
        self.query_one("#timeline", Timeline).scroll_to_widget(target.parent)

    def action_decide(self, action: str) -> None:
        item = self.focused_item()
        if item is None:
            self.notify("Highlight a linked passage first", severity="warning")
            return
        from kb.app.note_screen import NoteScreen

        def done(note: str | None) -> None:
            if note is None:
                return
            try:
                self.kb.link(action, self.cid, item.commitment.id, note)
            except OSError as exc:
                self.notify(f"Cannot write the decisions log {self.kb.decisions.path}: {exc.strerror or exc}; "
                            "nothing was recorded", severity="error")
                return
            self._remember_position()
            self.notify(f"{action.title()}ed the link to “{escape(shorten(c.text, 60))}” (logged in {self.kb.decisions.path.name})")
            self.load()

        c, meta = item.commitment, item.doc
        text = shorten(c.text, 160)
        where = f"{doc_label(meta)} ({month_of(meta)})" if meta else c.doc_id
        self.app.push_screen(NoteScreen(f"[b]{action.title()}[/] the link to “{escape(text)}”\n"
                                        f"[dim]{escape(where)} · {c.id}[/]"), done)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        """Enter on a passage (the list consumes the key before the screen's binding)."""
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        chosen = self._highlighted()
        if isinstance(chosen, TraceItemView | SeedView):
            from kb.app.detail_screen import DetailScreen

            commitment = chosen.item.commitment if isinstance(chosen, TraceItemView) else chosen.commitment
            self.app.push_screen(DetailScreen(self.kb, commitment.id))

    def action_export(self) -> None:
        if self.trace is None:
            return
        from kb.app.export_screen import ExportScreen

        trace = self.trace

        def write_rows(fh, fmt: str) -> int:
            from kb.export import trace_records, write_trace

            return write_trace(trace_records(trace, with_seed=True), fh, fmt)

        self.app.push_screen(ExportScreen(write_rows, what=f"this thread: the traced commitment and its "
                                                           f"{len(trace.passages)} linked passages"))
