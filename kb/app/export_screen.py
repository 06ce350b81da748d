"""Export the current result set or thread to CSV or JSON Lines at a path the user types.

The rows are gathered and written in a worker (a broad search at 20x is thousands of records), to a
temporary file moved into place when complete; the notification says how many rows went where.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet


class ExportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 76; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    ExportScreen Label { width: 100%; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Cancel")]

    def __init__(self, write_rows: Callable[[TextIO, str], int], what: str) -> None:
        super().__init__()
        self.write_rows = write_rows  # (file, "csv"|"jsonl") -> rows written; runs in the worker
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Export {self.what}")
            with RadioSet(id="format"):
                yield RadioButton("CSV", value=True, id="csv")
                yield RadioButton("CSV for Excel (UTF-8 with a byte-order mark)", id="excel")
                yield RadioButton("JSON Lines", id="jsonl")
            yield Input(value="kb-export.csv", placeholder="file path, Enter to write", id="path")
            yield Label(f"[dim]Enter writes the file (in {escape(str(Path.cwd()))} unless the path says where) · "
                        "Shift+Tab, then ↑ ↓ and Space: the format · Esc cancels[/]", classes="keys")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#path", Input)
        stem = Path(path.value).with_suffix("")
        path.value = f"{stem}.{'jsonl' if event.pressed.id == 'jsonl' else 'csv'}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.app.notify("Type the path of the file to write", severity="warning")
            return
        fmt = next(f for f in ("jsonl", "excel", "csv") if f == "csv" or self.query_one(f"#{f}", RadioButton).value)
        self.query_one("#path", Input).disabled = True
        self.write(Path(event.value.strip()).expanduser().absolute(), fmt)  # the message says where

    @work(thread=True, exclusive=True, group="export")
    def write(self, path: Path, fmt: str) -> None:
        from kb.export import EXCEL_ENCODING, atomic_write

        try:
            if fmt == "excel":  # CSV that Excel's double-click reads as UTF-8 (kb export --excel)
                n = atomic_write(path, lambda fh: self.write_rows(fh, "csv"), EXCEL_ENCODING)
            else:
                n = atomic_write(path, lambda fh: self.write_rows(fh, fmt))
        except OSError as exc:
            self.app.call_from_thread(self._failed, f"Cannot write {path}: {exc.strerror}")
            return
        except Exception as exc:  # noqa: BLE001 - the app must stay up; say what happened
            self.app.call_from_thread(self._failed, f"Cannot export to {path}: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._done, f"Exported {n} rows to {path}")

    def _failed(self, message: str) -> None:
        self.app.notify(message, severity="error")
        self.query_one("#path", Input).disabled = False
        self.query_one("#path", Input).focus()

    def _done(self, message: str) -> None:
        self.app.notify(message)
        self.dismiss(None)
