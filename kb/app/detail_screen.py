"""One commitment in full: text with its due dates and owners highlighted, where it came from,
its targets, parent and children, the surrounding passage, and its thread status."""

from __future__ import annotations

import re

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


def marked_text(text: str, due_phrases: list[str], owner_phrases: list[str]) -> Text:
    """The commitment's text with due-date phrases and owner names styled."""
    out = Text(text)
    for phrase in due_phrases:
        for m in re.finditer(re.escape(phrase), text):
            out.stylize("bold green", m.start(), m.end())
    for phrase in owner_phrases:
        for m in re.finditer(re.escape(phrase), text, re.I):
            out.stylize("bold cyan", m.start(), m.end())
    return out


class DetailScreen(Screen):
    CSS_PATH = "detail_screen.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("t", "trace", "Trace"),
        Binding("f4", "trace", "Trace", show=False),
        Binding("p", "parent", "Parent"),
    ]

    def __init__(self, kb, cid: str) -> None:
        super().__init__()
        self.kb = kb
        self.cid = cid

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        c = self.kb.commitment(self.cid)
        box = self.query_one("#detail", VerticalScroll)
        if c is None:
            box.mount(Static(f"No commitment with id {escape(self.cid)}"))
            return
        self.commitment = c
        doc = self.kb.store.document(c.doc_id)
        meta = doc.meta if doc else None
        owner_words = [*c.owners, *(w for o in c.owners for w in re.findall(r"\b[A-Z]{2,}\b", o))]
        parts: list[Static] = [
            Static(f"[b]{escape(c.kind.upper())}[/]  {escape(c.id)}"),
            Static(marked_text(c.text, [d.text for d in c.due], owner_words)),
            Static("Source", classes="field-title"),
            Static(escape(f"{meta.title if meta else c.doc_id} ({meta.date if meta else ''})\n"
                          + ", ".join(p for p in (c.doc_id, c.place()) if p))),
            Static("Section", classes="field-title"),
            Static(escape(c.section or "—")),
            Static("Due", classes="field-title"),
            Static(escape("; ".join(f"{d.text}: {d.start or '…'} → {d.end or '…'}" for d in c.due) or "—")),
            Static("Owners", classes="field-title"),
            Static(escape("; ".join(c.owners) or f"— (author: {meta.organisation if meta else '?'})")),
            Static("Themes", classes="field-title"),
            Static(escape(", ".join(c.themes) or "—")),
            Static("Targets", classes="field-title"),
            Static(escape("\n".join(f"{t.value} · {t.subject}" if t.subject else t.value for t in c.targets) or "—")),
            Static("Thread", classes="field-title"),
            Static(escape(f"{c.status or 'not linked'}" + (f" ({c.thread_id})" if c.thread_id else ""))),
        ]
        if c.parent_id:
            parent = self.kb.commitment(c.parent_id)
            if parent:
                parts += [Static("Parent (p)", classes="field-title"), Static(escape(parent.text))]
        children = self.kb.children(c.id)
        if children:
            parts.append(Static("Children", classes="field-title"))
            parts += [Static(escape(f"• [{k.kind}] {k.text}")) for k in children]
        if c.evidence:
            parts.append(Static("Evidence (what was done, patient impact)", classes="field-title"))
            parts += [Static(escape(f"• {e}")) for e in c.evidence]
        if c.context:
            parts += [Static("Source passage", classes="field-title"), Static(escape(c.context))]
        box.mount_all(parts)

    def action_trace(self) -> None:
        from kb.app.trace_screen import TraceScreen

        self.app.push_screen(TraceScreen(self.kb, self.cid))

    def action_parent(self) -> None:
        c = getattr(self, "commitment", None)
        if c is None:
            return
        if not c.parent_id:
            self.notify("This commitment has no parent: it is not an item under another commitment")
        elif self.kb.commitment(c.parent_id) is None:
            self.notify(f"Its parent {c.parent_id} is no longer in the store", severity="warning")
        else:
            self.app.push_screen(DetailScreen(self.kb, c.parent_id))
