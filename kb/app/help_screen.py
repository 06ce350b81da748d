"""Every key the app answers to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# kb — keys

| key | does |
|---|---|
| `/` | focus the search box (search as you type) |
| `↑` `↓` `PgUp` `PgDn` | move through results (more load as you reach the end) |
| `Enter` | open the highlighted commitment (also a passage on the trace screen) |
| `t` | trace the highlighted commitment across documents |
| `f` | show or hide the filter panel (document, year, theme, owner, kind, status) |
| `e` | export every result of the search (or, on the trace screen, the thread) to CSV or JSON Lines |
| `c` / `x` | on the trace screen: confirm / reject the highlighted link (with a note) |
| `←` `→` `↑` `↓` | on the trace screen: previous / next document column, passage |
| `p` | on the detail screen: open the parent commitment |
| `Ctrl+P` | command palette (themes, light/dark, keys) |
| `?` | this help |
| `Esc` | back |
| `q` | quit |

**Query language:** words, `"phrases"`, `AND` `OR` `NOT`, `rehab*`, `strok~`, and fields
`owner:UHCW`, `theme:"mental health"`, `doc:2019`, `year:2016-2017`, `kind:milestone`,
`status:overdue`, `due:<2020-04-01`, `due:>2020`, `due:[2018 to 2019]`.
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 84; height: 80%; border: thick $primary; background: $surface; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Close"), Binding("question_mark", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
