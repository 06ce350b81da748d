"""Every key the app answers to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# kb — keys

`Esc` closes this help; `↑` `↓` `PgDn` scroll it.

| key | does |
|---|---|
| `F1` or `?` | this help |
| `Ctrl+Q`, `Ctrl+C` or `q` | quit |
| `/` | focus the search box (search as you type) |
| `↓` `Esc` `Enter` | leave the search box for the results (`Enter` searches first) |
| `↑` `↓` `PgUp` `PgDn` | move through results (more load as you reach the end) |
| `Enter` | open the highlighted commitment (also a passage on the trace screen) |
| `F4` or `t` | trace the highlighted commitment across documents |
| `F2` or `f` | show or hide the filter panel (document, year, theme, owner, kind, status) |
| `F3` or `e` | export every result of the search (or, on the trace screen, the thread) to CSV or JSON Lines |
| `F5` or `c` | clear every filter (the chips above the results show which are in force) |
| `c` / `x` | on the trace screen: confirm / reject the highlighted link (with a note) |
| `←` `→` `↑` `↓` | on the trace screen: previous / next document column, passage |
| `p` | on the detail screen: open the parent commitment |
| `Ctrl+P` | command palette (themes, light/dark, keys) |
| `Esc` | back |

The letter keys work wherever the search box does not have the focus; the function keys and
`Ctrl` keys work everywhere.

**Filter panel** (`F2`): every value of each facet with its count, `[x]` when picked. `Tab` /
`Shift+Tab` move between the lists, `↑` `↓` within one, `Space` or `Enter` picks or drops a value
(picks in one list are alternatives: this document or that one; lists combine: this document and
that year). Filters stay in force when the panel is hidden, shown as chips above the results;
`F5` clears them. Evidence passages (progress reported) are left out of results unless the Kind
filter's `evidence` value is picked.

**Query language:** words, `"phrases"`, `AND` `OR` `NOT`, `rehab*`, `strok~`, and fields
`owner:UHCW`, `theme:"mental health"`, `doc:2019`, `year:2016-2017`, `kind:milestone`,
`status:overdue`, `due:<2020-04-01`, `due:>2020`, `due:[2018 to 2019]`.
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 84; max-width: 100%; height: 80%; border: thick $primary; background: $surface; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Close"), Binding("question_mark", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
