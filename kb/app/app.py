"""KbApp: the terminal app's shell (screens, global keys, theme)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from kb.app.search_screen import SearchScreen


class KbApp(App):
    TITLE = "kb"
    SUB_TITLE = "planning commitments"
    # Keys that work from anywhere, the search box included (it takes letters as text): Ctrl and
    # function keys, shown in the footer; the letters (q, ?) work where no text box has focus.
    # Ctrl+C quits too, as in any terminal program (Textual would make it copy in a text box).
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help", key_display="F1"),
        Binding("q", "quit", "Quit", show=False),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False),
    ]

    def __init__(self, kb, query: str = "", show_timings: bool = True) -> None:
        super().__init__()
        self.kb = kb
        self.initial_query = query
        self.show_timings = show_timings  # off in snapshot tests, where milliseconds vary

    def on_mount(self) -> None:
        # Problems that do not stop the app (a damaged line of the decisions log) are notifications,
        # not stderr writes under the screen.
        self.kb.warn = lambda message: self.notify(message, severity="warning", timeout=10)
        self.push_screen(SearchScreen(self.kb, self.initial_query))

    def action_help(self) -> None:
        from kb.app.help_screen import HelpScreen

        self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def run(kb, query: str = "") -> int:
    KbApp(kb, query).run()
    return 0
