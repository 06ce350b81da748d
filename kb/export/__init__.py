"""Export: commitments as CSV (spreadsheets) or JSON Lines (pipelines), with the schema's columns."""

from kb.export.writers import COLUMNS, record_dict, write_csv, write_file, write_jsonl, write_records

__all__ = ["COLUMNS", "record_dict", "write_csv", "write_file", "write_jsonl", "write_records"]
