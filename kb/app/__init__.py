"""The terminal app (Textual): search as you type, filters, detail, trace timeline, export.

One screen or widget per module with its `.tcss` beside it; every screen talks to kb.api only.
"""
