"""Export: commitments as CSV (spreadsheets) or JSON Lines (pipelines), with the schema's columns."""

from kb.export.writers import (
    COLUMNS,
    EXCEL_ENCODING,
    TRACE_COLUMNS,
    atomic_write,
    record_dict,
    trace_records,
    write_csv,
    write_file,
    write_jsonl,
    write_records,
    write_trace,
)

__all__ = ["COLUMNS", "EXCEL_ENCODING", "TRACE_COLUMNS", "atomic_write", "record_dict", "trace_records", "write_csv", "write_file",
           "write_jsonl", "write_records", "write_trace"]
