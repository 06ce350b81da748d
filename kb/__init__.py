"""kb: a terminal knowledge base of public-sector planning commitments.

Pipeline: sources (text, PDF) -> layout (blocks, sections) -> extract (commitments, dates, owners)
-> store (SQLite) -> export; the CLI and the terminal app sit on kb.api.
"""

__version__ = "0.1.0"
