"""Store: the SQLite system of record, written atomically."""
