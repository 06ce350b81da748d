"""Layout: source lines to blocks with headings, lists, tables and context."""
