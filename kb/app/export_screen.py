"""Export the current result set or thread to CSV or JSON Lines at a path the user types."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet


def export_ids(kb, ids: list[str], path: Path, fmt: str) -> int:
    """Write the commitments with these ids (in this order) with the export schema; returns rows."""
    from kb.export import record_dict, write_csv, write_jsonl

    docs = {d.meta.id: d.meta for d in kb.documents()}
    by_id = kb.commitments_by_ids(ids)
    records = [record_dict(by_id[i], docs.get(by_id[i].doc_id)) for i in ids if i in by_id]
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        n = (write_csv if fmt == "csv" else write_jsonl)(records, fh)
    tmp.replace(path)
    return n


class ExportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 76; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Cancel")]

    def __init__(self, kb, ids: list[str], what: str) -> None:
        super().__init__()
        self.kb = kb
        self.ids = ids
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Export {len(self.ids)} {self.what}")
            with RadioSet(id="format"):
                yield RadioButton("CSV", value=True, id="csv")
                yield RadioButton("JSON Lines", id="jsonl")
            yield Input(value="kb-export.csv", placeholder="file path, Enter to write", id="path")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#path", Input)
        stem = Path(path.value).with_suffix("")
        path.value = f"{stem}.{'csv' if event.pressed.id == 'csv' else 'jsonl'}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fmt = "jsonl" if self.query_one("#jsonl", RadioButton).value else "csv"
        path = Path(event.value).expanduser()
        try:
            n = export_ids(self.kb, self.ids, path, fmt)
        except OSError as exc:
            self.app.notify(f"Cannot write {path}: {exc.strerror}", severity="error")
            return
        self.app.notify(f"Exported {n} rows to {path}")
        self.dismiss(None)
