"""`kb`: the command line, a thin layer over kb.api.

Errors are one line on stderr naming the file or the problem, never a traceback.  Heavy imports
(spaCy, pdfplumber, Textual) happen only inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.api import DEFAULT_CORPUS, KnowledgeBase, StoreError, default_index
from kb.filters import FilterError

FORMATS = ("table", "csv", "jsonl")
FORMAT_HELP = "table (for people; the default on a terminal), csv, or jsonl (the default when piped)"
PIPED_PROGRESS_S = 30.0  # a piped ingest of one long file still says how far it got, this often


class CLIError(Exception):
    """A user-facing error: printed as one line, exit status given."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--index", metavar="DIR", default=argparse.SUPPRESS,
                   help="index folder (default: index/, or $KB_INDEX)")
    p.add_argument("--decisions", metavar="FILE", default=argparse.SUPPRESS,
                   help="auditors' decision log (default: <index>-decisions.jsonl, or $KB_DECISIONS)")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="kb", parents=[common],
                                     description="A terminal knowledge base of planning commitments.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="parse files or folders into the store")
    p.add_argument("paths", nargs="*", default=[DEFAULT_CORPUS], metavar="PATH",
                   help="files or folders (default corpus/): text exports (.txt) and PDFs; a document's id is its "
                        "file name without the extension; titles and dates from the folder's catalog.toml")
    p.add_argument("--rebuild", action="store_true", help="parse everything again and start the store afresh")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="parse N files at a time, in worker processes (default: one per core, or $KB_JOBS)")

    p = sub.add_parser("docs", parents=[common], help="list the ingested documents")
    p.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)

    p = sub.add_parser("show", parents=[common], help="one commitment in full")
    p.add_argument("id", help="a commitment id, as the first column of kb search or kb export shows it")
    p.add_argument("--format", choices=("table", "jsonl"), default=None,
                   help="table (the default on a terminal) or jsonl (the default when piped)")

    p = sub.add_parser("search", parents=[common], help="ranked commitments for a query")
    p.add_argument("query", nargs="+", help='words, "phrases", AND/OR/NOT, wildcards*, fuzzy~, and fields '
                                            '(owner:, theme:, doc:, year:, kind:, status:, due:<2020-04-01, '
                                            'due:[2018 to 2019])')
    _filter_options(p)
    p.add_argument("--limit", type=_count, default=SEARCH_LIMIT, metavar="N",
                   help=f"show the best N results (default {SEARCH_LIMIT}; 0 for all); a line on stderr says "
                        "when more matched")
    p.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)
    p.add_argument("--facets", action="store_true", help="also print counts by document, year, owner, theme, kind")
    p.add_argument("--oldest", action="store_true", help="break ties oldest document first")
    _evidence_option(p)

    p = sub.add_parser("trace", parents=[common], help="a commitment's thread across documents, oldest first")
    p.add_argument("id", help="the commitment to trace (an id from kb search, kb show or kb export)")
    p.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)
    p.add_argument("--all", action="store_true", help="show every linked passage, not only the best --limit")
    p.add_argument("--limit", type=_count, default=TRACE_LIMIT, metavar="N",
                   help=f"show the best N linked passages (default {TRACE_LIMIT}; 0 for all)")

    p = sub.add_parser("threads", parents=[common], help="cross-year threads with their status")
    p.add_argument("--status", choices=("delivered", "in progress", "revised", "restated", "silent", "overdue"),
                   help="only threads with this status")
    p.add_argument("--doc", default=None, help="only threads that reach this document (its id, as kb docs shows)")
    p.add_argument("--theme", default=None, help='only threads whose first commitment has this theme ("mental health")')
    p.add_argument("--min-docs", type=int, default=1, metavar="N", help="only threads spanning at least N documents")
    p.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)

    p = sub.add_parser("link", parents=[common], help="an auditor's decision on a link (append-only log)")
    p.add_argument("action", choices=("confirm", "reject", "add"),
                   help="confirm or reject a link kb found, or add one it missed")
    p.add_argument("id_a", help="the traced commitment's id (as kb trace's first line shows it)")
    p.add_argument("id_b", help="the linked commitment's id (the id column of kb trace)")
    p.add_argument("--note", default="", help="why (kept in the log with the time and the user)")

    p = sub.add_parser("matrix", parents=[common], help="traceability matrix: earliest commitments x later documents")
    p.add_argument("--format", choices=("csv",), default="csv", help="csv (the only format)")
    p.add_argument("--doc", default=None, help="rows from this document (default: the earliest)")

    p = sub.add_parser("tui", parents=[common], help="the terminal app")
    p.add_argument("query", nargs="*", help="start with this search")

    p = sub.add_parser("export", parents=[common], help="export commitments with the export schema")
    p.add_argument("query", nargs="*", default=[],
                   help="only what this search matches (kb search's query language, words without quotes), "
                        "in its rank order; without a query, every commitment in document order")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv",
                   help="csv (default; see --excel) or jsonl (one JSON object a line)")
    p.add_argument("--output", "-o", metavar="FILE", default=None, help="write to FILE (default: standard output)")
    p.add_argument("--excel", action="store_true",
                   help="CSV for a spreadsheet opened by double-click (Excel): UTF-8 with a byte-order mark, so "
                        "'£' and '–' are not garbled; leave it out for scripts and other tools")
    _filter_options(p)
    _evidence_option(p)
    return parser


SEARCH_LIMIT = 20
TRACE_LIMIT = 40


def _count(value: str) -> int:
    """A --limit: a whole number, 0 meaning no limit."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"'{value}' is negative (0 means no limit)")
    return n


def _evidence_option(p: argparse.ArgumentParser) -> None:
    """One rule for search, export and the app: evidence passages only when asked for."""
    p.add_argument("--include-evidence", action="store_true",
                   help="also past-tense progress passages kept as evidence (left out unless asked for, "
                        "as in the app; --kind evidence gives only those)")
    p.add_argument("--no-evidence", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old scripts


def _filter_options(p: argparse.ArgumentParser) -> None:
    from kb.filters import KINDS

    p.add_argument("--doc", action="append", default=[], metavar="DOC",
                   help="document id as kb docs lists it, or part of it ('2019'); repeatable")
    p.add_argument("--year", type=int, action="append", default=[], metavar="YYYY",
                   help="year the document was published; repeatable")
    p.add_argument("--owner", action="append", default=[], metavar="NAME",
                   help="party named as responsible, by name or acronym as the documents write it ('ICB', 'Northshire County Council'); "
                        "repeatable (any of them)")
    p.add_argument("--theme", action="append", default=[], metavar="THEME",
                   help="theme ('mental health', 'stroke'; kb search --facets lists them); repeatable")
    p.add_argument("--kind", action="append", default=[], type=str.lower, choices=KINDS, metavar="KIND",
                   help=f"one of: {', '.join(KINDS)}; repeatable")
    p.add_argument("--due-before", metavar="DATE", default=None,
                   help="due by this date: YYYY, YYYY-MM or YYYY-MM-DD (first day of a year or month)")
    p.add_argument("--due-after", metavar="DATE", default=None,
                   help="due after this date: YYYY, YYYY-MM or YYYY-MM-DD (first day of a year or month)")
    p.add_argument("--min-confidence", metavar="X", default=None,
                   help="only records recognised with at least this confidence (0 to 1, e.g. 0.6)")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    index = Path(getattr(args, "index", None) or default_index())
    kb = KnowledgeBase(index, getattr(args, "decisions", None))
    try:
        handler = globals()[f"cmd_{args.command}"]
        return handler(kb, args)
    except CLIError as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return exc.status
    except FilterError as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _format(args) -> str:
    """The output format: --format if given, else a table on a terminal and JSON Lines when piped
    (one rule for every command that prints records; `kb export` and `kb matrix` write CSV)."""
    return args.format or ("table" if _is_tty(sys.stdout) else "jsonl")


def _stopped_at(shown: int, total: int, what: str, how: str) -> None:
    """Say on stderr (never in the records) that output stopped at a limit."""
    if total > shown:
        print(f"kb: {shown} of {total} {what}; {how}", file=sys.stderr)


def _print_rows(rows: list[dict], fmt: str) -> None:
    """Flat rows as JSON Lines or CSV (formula cells neutralised, like exports)."""
    if fmt == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    from kb.export import write_csv

    write_csv(rows, sys.stdout, columns=tuple(rows[0]) if rows else ("id",))


def _console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Piped output is read by people in pagers and logs: give it room instead of folding at 80 columns.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=None if _is_tty(stream) else 160)


# --- ingest ------------------------------------------------------------------------------------------
def cmd_ingest(kb: KnowledgeBase, args) -> int:
    """On a terminal: a bar by files and one by blocks for each file being laid out and extracted,
    then one for the step of storing under way.  Piped: one line per file parsed, with its counts,
    and for a long ingest a line every 30 s and one per storing step (a long file is not a long
    silence in a log)."""
    from kb.api import IngestProgress, readable_types
    from kb.sources import SUPPORTED_SUFFIXES

    err = sys.stderr
    notice = lambda msg: print(f"kb: {msg}", file=err)  # noqa: E731
    if args.jobs is not None and args.jobs < 1:
        raise CLIError("--jobs must be 1 or more", 2)
    if _is_tty(err):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("[bold]ingest[/]"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TextColumn("{task.description}"), TimeElapsedColumn(), console=_console(True),
                      transient=True) as bar:
            files = bar.add_task("files", total=None)
            per_file: dict[int, int] = {}
            storing: dict[str, int] = {}

            def progress(p: IngestProgress) -> None:
                if p.stage == "storing":  # every file parsed: the store's vectors, threads, index
                    if p.step not in storing:
                        for task in storing.values():
                            bar.remove_task(task)
                        storing.clear()
                        storing[p.step] = bar.add_task(f"{p.unit}: {p.step}", total=None)
                    bar.update(storing[p.step], completed=p.done, total=p.total or None)
                    return
                if p.stage in ("done", "failed"):
                    if p.file_no in per_file:
                        bar.remove_task(per_file.pop(p.file_no))
                    bar.advance(files)
                    bar.update(files, total=p.files, description=f"files ({Path(p.path).name} {p.stage})")
                    return
                bar.update(files, total=p.files)
                if p.file_no not in per_file:
                    per_file[p.file_no] = bar.add_task(f"blocks of {Path(p.path).name}", total=None)
                what = "extracted" if p.blocks else "laid out"
                bar.update(per_file[p.file_no], completed=p.blocks_done, total=p.blocks or None,
                           description=f"blocks of {Path(p.path).name} {what}")

            report = kb.ingest(args.paths, rebuild=args.rebuild, progress=progress, notice=notice, jobs=args.jobs)
    else:
        import time

        started = time.monotonic()
        last_line = [started]
        step = [""]

        def progress(p: IngestProgress) -> None:
            due = time.monotonic() - last_line[0] >= PIPED_PROGRESS_S
            if p.stage == "done":
                say(f"parsed {p.path}: {p.commitments} commitments, {p.evidence} evidence passages "
                    f"({p.blocks} blocks, {p.seconds:.1f} s) [{p.file_no}/{p.files}]")
            elif p.stage == "extracting" and p.blocks and due:
                say(f"parsing {p.path}: {p.blocks_done}/{p.blocks} blocks")
            elif p.stage == "reading" and p.blocks_done and due:
                say(f"reading {p.path}: {p.blocks_done} blocks laid out")
            elif p.stage == "storing":  # a long ingest names each step as it starts, then says how far every 30 s
                new_step, step[0] = p.step != step[0], p.step
                if (new_step and time.monotonic() - started >= PIPED_PROGRESS_S) or (due and not new_step):
                    say(f"storing {p.step}" + (f": {p.done}/{p.total} {p.unit}" if p.total else ""))

        def say(line: str) -> None:
            print(line, file=err, flush=True)
            last_line[0] = time.monotonic()

        report = kb.ingest(args.paths, rebuild=args.rebuild, progress=progress, notice=notice, jobs=args.jobs)
    for clash in report.renamed:  # files sharing a stem: say which id each got (for --doc)
        print(f"kb: {clash.message()}", file=err)
    for path, note in report.notes:
        print(f"kb: {path}: {note}", file=err)
    for path, reason in report.failed:
        print(f"kb: {path}: {reason}", file=err)
    if report.unsupported:
        print(f"kb: {skipped_line(report.unsupported)}", file=err)
    if report.found_nothing():
        print(f"kb: nothing to ingest in {', '.join(map(str, args.paths))}: no file kb can read "
              f"({readable_types(SUPPORTED_SUFFIXES)})", file=err)
    print(
        f"ingested {len(report.ingested)} file(s), {report.commitments} commitments; "
        f"{len(report.skipped)} unchanged; {len(report.failed)} failed"
        + (f"; {len(report.unsupported)} skipped" if report.unsupported else "")
        + (f"; {len(report.removed)} removed" if report.removed else ""),
        file=err,
    )
    # Exit status 1: a file failed, or the paths given held nothing kb can read (a folder of .docx).
    return 1 if report.failed or report.found_nothing() else 0


def skipped_line(paths: list[str], show: int = 8) -> str:
    """'skipped 3 files: notes.docx, a.xlsx, b.doc (unsupported type; kb reads .pdf, .text, .txt)'."""
    from kb.api import readable_types
    from kb.sources import SUPPORTED_SUFFIXES

    names = [Path(p).name for p in paths]
    listed = ", ".join(names[:show]) + (f" and {len(names) - show} more" if len(names) > show else "")
    noun = "file" if len(names) == 1 else "files"
    return f"skipped {len(names)} {noun}: {listed} (unsupported type; kb reads {readable_types(SUPPORTED_SUFFIXES)})"


# --- docs --------------------------------------------------------------------------------------------
def cmd_docs(kb: KnowledgeBase, args) -> int:
    docs = kb.documents()
    rows = [
        {"id": d.meta.id, "title": d.meta.title, "organisation": d.meta.organisation, "date": d.meta.date,
         "period": d.meta.period, "kind": d.meta.kind, "pages": d.pages, "commitments": d.commitments}
        for d in docs
    ]
    fmt = _format(args)
    if fmt in ("jsonl", "csv"):
        _print_rows(rows, fmt)
    else:
        from rich import box
        from rich.markup import escape
        from rich.table import Table

        # As `kb search`: narrow columns, and one wide one that wraps (a table of eight columns left
        # the title, organisation, period and kind no width at all on an 80-column terminal).  The
        # id, which --doc and doc: take, is on a line of its own.
        t = Table(title=f"{len(rows)} documents in {escape(str(kb.index_dir))}", title_justify="left",
                  box=box.SIMPLE_HEAD, expand=True)
        paged = any(r["pages"] for r in rows)
        t.add_column("date", no_wrap=True)
        t.add_column("commitments", justify="right", no_wrap=True)
        if paged:
            t.add_column("pages", justify="right", no_wrap=True)
        t.add_column("title · kind, period, organisation · id", ratio=1, overflow="fold")
        for r in rows:
            about = ", ".join(escape(str(r[k])) for k in ("kind", "period", "organisation") if r[k])
            cells = [r["date"] or "", str(r["commitments"])] + ([str(r["pages"] or "")] if paged else [])
            t.add_row(*cells, f"[bold]{escape(r['title'] or r['id'])}[/]\n{about}\n[cyan]{escape(r['id'])}[/]")
        _console().print(t)
    return 0


# --- show --------------------------------------------------------------------------------------------
def cmd_show(kb: KnowledgeBase, args) -> int:
    from kb.export import record_dict

    c = kb.commitment(args.id)
    if c is None:
        raise CLIError(f"no commitment with id '{args.id}'", 1)
    doc = kb.store.document(c.doc_id)
    rec = record_dict(c, doc.meta if doc else None)
    parent = kb.commitment(c.parent_id) if c.parent_id else None
    children = kb.children(c.id)
    rec.update(context=c.context, evidence=c.evidence, confidence=c.confidence,
               position=c.position.to_dict() if c.position else None,
               parent=parent.text if parent else None, children=[{"id": k.id, "text": k.text} for k in children])
    if _format(args) == "jsonl":
        print(json.dumps(rec, ensure_ascii=False))
        return 0
    from rich.panel import Panel
    from rich.table import Table

    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column(overflow="fold")
    where = ", ".join(p for p in (c.doc_id, c.place()) if p)
    if c.position:
        box = c.position
        where += f" (x {box.x0:.0f}–{box.x1:.0f}, y {box.top:.0f}–{box.bottom:.0f} pt from the top left)"
    t.add_row("id", c.id)
    t.add_row("kind", c.kind)
    t.add_row("document", f"{rec['doc_title']} ({rec['doc_date'] or 'undated'})")
    t.add_row("source", where)
    t.add_row("section", c.section)
    t.add_row("due", "; ".join(f"{d.text} [{d.start or '…'} → {d.end or '…'}]" for d in c.due) or "—")
    t.add_row("owners", "; ".join(c.owners) or f"— (author: {rec['author_org']})")
    t.add_row("themes", ", ".join(c.themes))
    t.add_row("targets", "; ".join(rec["targets"]) or "—")
    if parent:
        t.add_row("parent", f"{parent.id}  {parent.text}")
    for k in children:
        t.add_row("child", f"{k.id}  {k.text}")
    for e in c.evidence:
        t.add_row("evidence", e)
    if c.context:
        t.add_row("context", c.context)
    _console().print(Panel(c.text, title=c.id, title_align="left"))
    _console().print(t)
    return 0


# --- search ------------------------------------------------------------------------------------------
def _search_options(args) -> dict:
    """The filter options (`_filter_options`) as keyword arguments of KnowledgeBase.search."""
    from kb.filters import parse_confidence, parse_date_bound

    return dict(doc=args.doc, year=args.year, owner=args.owner, theme=args.theme, kind=args.kind,
                due_before=parse_date_bound(args.due_before, "--due-before"),
                due_after=parse_date_bound(args.due_after, "--due-after"),
                min_confidence=parse_confidence(getattr(args, "min_confidence", None), "--min-confidence"))


def _warn_if_index_behind(kb: KnowledgeBase) -> None:
    """One line when the index was not built from the current store (an interrupted ingest of an
    older kb, a deleted index folder): results may miss what was ingested since."""
    if kb.store.exists() and not kb.index_in_step():
        print(f"kb: the search index in {kb.index_dir} is behind the store; run 'kb ingest' to bring it up to date",
              file=sys.stderr)


def cmd_search(kb: KnowledgeBase, args) -> int:
    from kb.index.search import HL_END, HL_START, QueryError, SearchUnavailable

    _warn_if_index_behind(kb)
    text = " ".join(args.query)
    options = _search_options(args)
    fmt = _format(args)
    try:
        result = kb.search(text, limit=args.limit or None, oldest=args.oldest, facets=args.facets,
                           highlights=fmt == "table", include_evidence=args.include_evidence, **options)
    except QueryError as exc:
        raise CLIError(f"query '{text}': {exc}", 2) from None
    except SearchUnavailable as exc:
        raise CLIError(str(exc), 1) from None
    if fmt in ("csv", "jsonl"):
        from kb.export import write_records

        if not result.hits:
            hint = f"; did you mean: {result.suggestion}?" if result.suggestion else ""
            print(f"kb: no results for '{text}'{hint}", file=sys.stderr)
        scores = {h.id: h.score for h in result.hits}
        records = kb.export_records([h.id for h in result.hits])
        for rec in records:
            rec["score"] = scores[rec["id"]]
        write_records(records, sys.stdout, fmt, extra=("score",))
        _stopped_at(len(result.hits), result.total, "results", "--limit N or --limit 0 for all")
        return 0
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    if not result.hits:
        msg = f"no results for '{text}'"
        if result.suggestion:
            msg += f" — did you mean: [bold]{escape(result.suggestion)}[/]?"
        console.print(msg)
    else:
        from rich import box

        t = Table(title=f"{result.total} results for '{escape(text)}' ({result.elapsed_ms:.0f} ms)",
                  title_justify="left", show_lines=False, box=box.SIMPLE_HEAD, expand=True)
        from kb.app.format import doc_label, due_end_text, owners_text

        # The text has priority (it takes what the narrow columns leave): the month due by, owners
        # by acronym and a short document label, as in the app; `kb show ID` has every field in full.
        labels = {d.meta.id: doc_label(d.meta) for d in kb.documents()}
        for col in ("year", "document", "kind", "due by", "owners", "text and id"):
            t.add_column(col, overflow="fold", no_wrap=col in ("year", "due by", "kind"),
                         ratio=1 if col == "text and id" else None, max_width={"document": 14, "owners": 14}.get(col))
        for h in result.hits:
            marked = escape(h.highlight).replace(HL_START, "[bold yellow]").replace(HL_END, "[/]")
            t.add_row(str(h.year or ""), escape(labels.get(h.doc_id, h.doc_id)), h.kind,
                      due_end_text(h.due_start, h.due_end), escape(owners_text(h.owners)),
                      f"{marked}\n[dim]{h.id}[/]")
        console.print(t)
        _stopped_at(len(result.hits), result.total, "results", "--limit N or --limit 0 for all")
    if args.facets:
        for name, counts in result.facets.items():
            if counts:
                console.print(f"[bold]{name}[/]: " + ", ".join(f"{escape(k)} ({n})" for k, n in counts[:12]))
    return 0


# --- traceability ----------------------------------------------------------------------------------
def cmd_trace(kb: KnowledgeBase, args) -> int:
    try:
        trace = kb.trace(args.id, limit=None if args.all else args.limit or None)
    except KeyError:
        raise CLIError(f"no commitment with id '{args.id}'", 1) from None
    fmt = _format(args)
    if fmt in ("jsonl", "csv"):
        from kb.export import trace_records, write_trace

        write_trace(trace_records(trace), sys.stdout, fmt)
    else:
        from rich.markup import escape
        from rich.table import Table

        console = _console()
        seed = trace.seed
        console.print(f"[bold]{escape(seed.id)}[/] ({escape(seed.doc_id)}): {escape(seed.text)}")
        console.print(f"thread status: [bold]{trace.status}[/] — {escape(trace.status_reason)}")
        from rich import box

        from kb.app.format import doc_label, month_of, shorten_words

        # The passage has priority: a short document label and the month; its evidence terms and
        # member ids under its text (the ids `kb link` and `kb show` take); --format jsonl has all.
        t = Table(show_lines=True, box=box.SIMPLE_HEAD, expand=True)
        for col in ("date", "document", "link", "score", "decision", "passage, evidence and ids"):
            t.add_column(col, overflow="fold", no_wrap=col in ("date", "score", "link"),
                         ratio=1 if col.startswith("passage") else None, max_width=14 if col == "document" else None)
        for p in trace.passages:
            i, decided = p.best, p.decided
            text = escape(shorten_words(p.text, 400))
            if decided and decided.decided_text:  # suspect: what the auditor decided on, beside what is there now
                text += f"\n[dim]decided on: {escape(decided.decided_text)}[/]"
            if decided and decided.decided_seed_text:
                text += f"\n[dim]traced commitment then: {escape(decided.decided_seed_text)}[/]"
            terms = ", ".join(i.evidence.get("terms", []))
            reported = next((m.evidence["reported"] for m in p.items if m.evidence.get("reported")), "")
            if reported:  # a review row: what the body's own review says of the action
                terms = f"reported: {reported}" + (f"; {terms}" if terms else "")
            ids = " ".join(m.commitment.id for m in p.items)
            t.add_row(month_of(i.doc), escape(doc_label(i.doc) if i.doc else i.commitment.doc_id), i.link_type,
                      f"{i.score:.2f}", p.decision, f"{text}\n[dim]{escape(terms)}[/]\n[dim]{ids}[/]")
        console.print(t)
        if trace.orphans:
            console.print(f"{len(trace.orphans)} decision(s) on passages that are gone (no passage of the "
                          "document continues them):")
            for o in trace.orphans:
                note = f" — note: {escape(o.note)}" if o.note else ""
                console.print(f"  {o.decision} {escape(o.doc_id[:18])} “{escape(o.text)}” ({o.id}){note}")
    shown = len(trace.passages)
    _stopped_at(shown, shown + trace.hidden, "linked passages", "--all or --limit 0 for all")
    return 0


def cmd_threads(kb: KnowledgeBase, args) -> int:
    threads = [t for t in kb.threads(status=args.status, doc=args.doc, theme=args.theme)
               if len(t["docs"]) >= args.min_docs]
    rows = [{"id": t["id"], "topic": t["topic"], "status": t["status"], "first": t["first"], "last": t["last"],
             "documents": len(t["docs"]), "passages": 1 + len(t["members"]), "root": t["root"],
             "root_text": t["root_text"], "reason": t["reason"], "deciding": t.get("deciding") or ""}
            for t in threads]
    fmt = _format(args)
    if fmt in ("jsonl", "csv"):
        _print_rows(rows, fmt)
    else:
        from rich.markup import escape
        from rich.table import Table

        t = Table(title=f"{len(rows)} threads", title_justify="left")
        for col in ("status", "first", "last", "docs", "passages", "topic", "root_text", "root"):
            t.add_column(col, overflow="fold", no_wrap=col in ("first", "last", "root"))
        for r in rows:
            t.add_row(r["status"], r["first"], r["last"], str(r["documents"]), str(r["passages"]), escape(r["topic"]),
                      escape(r["root_text"][:90]), r["root"])
        _console().print(t)
    return 0


def cmd_link(kb: KnowledgeBase, args) -> int:
    try:
        d = kb.link(args.action, args.id_a, args.id_b, args.note)
    except KeyError as exc:
        raise CLIError(f"no commitment with id '{exc.args[0]}'", 1) from None
    except ValueError as exc:
        raise CLIError(str(exc), 2) from None
    except OSError as exc:
        raise CLIError(f"cannot write the decisions log {kb.decisions.path}: {exc.strerror or exc}; "
                       "nothing was recorded", 1) from None
    print(f"{d.action} {d.a} {d.b} recorded in {kb.decisions.path}; kb trace shows it now, "
          "kb threads after the next kb ingest", file=sys.stderr)
    return 0


def cmd_matrix(kb: KnowledgeBase, args) -> int:
    """One row per commitment of the earliest document, one column per later document: an audit
    working paper.  Each row gives the thread's status and the passage that decides it; each cell
    the links into that document as 'type (what the passage reports): short text [id]'."""
    import csv

    from kb.export.writers import neutralise

    docs = sorted((d.meta for d in kb.documents()), key=lambda m: m.date or "")
    if not docs:
        raise CLIError("no documents ingested", 1)
    first = args.doc or docs[0].id
    later = [m for m in docs if (m.date or "") > (next((d.date for d in docs if d.id == first), "") or "")]
    thread_of = {cid: t for t in kb.store.threads() for cid in [t["root"], *t["members"]]}
    w = csv.writer(sys.stdout, lineterminator="\r\n")
    w.writerow(["id", "text", "thread status", "deciding passage", *[m.id for m in later]])
    for c in kb.commitments(first):
        links = [x for x in kb.store.links_of(c.id) if x["a"] == c.id]
        by_id = kb.commitments_by_ids([x["b"] for x in links])
        cells = []
        for m in later:
            here = [x for x in links if x["b"] in by_id and by_id[x["b"]].doc_id == m.id]
            cells.append("\n".join(
                f"{x['type']}{' (' + what + ')' if (what := _reports(x['evidence'])) else ''}: "
                f"{_short(by_id[x['b']].text)} [{x['b']}]" for x in here))
        t = thread_of.get(c.id)
        w.writerow([c.id, neutralise(c.text), t["status"] if t else c.status, neutralise(t["reason"] if t else ""),
                    *(neutralise(x) for x in cells)])
    return 0


def _reports(evidence: dict) -> str:
    """What a linked passage reports, for a matrix cell: a review row's status as the body wrote it
    ("reported: Partially complete"), else its clause's report ("done")."""
    return f"reported: {evidence['reported']}" if evidence.get("reported") else evidence.get("report", "")


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# --- app ---------------------------------------------------------------------------------------------
def cmd_tui(kb: KnowledgeBase, args) -> int:
    if not kb.store.exists():
        raise CLIError(f"no index at {kb.index_dir}: run 'kb ingest' first", 1)
    if not (_is_tty(sys.stdin) and _is_tty(sys.stdout)):
        raise CLIError("the terminal app needs a terminal (stdin and stdout); try 'kb search' instead", 2)
    from kb.app.app import run

    return run(kb, " ".join(args.query))


# --- export ------------------------------------------------------------------------------------------
def cmd_export(kb: KnowledgeBase, args) -> int:
    from kb.export import EXCEL_ENCODING, write_file, write_records
    from kb.index.search import QueryError, SearchUnavailable

    if args.excel and args.format != "csv":
        raise CLIError("--excel is for CSV (a spreadsheet); leave out --format jsonl", 2)
    text = " ".join(args.query)
    try:
        records = kb.export_stream(text, include_evidence=args.include_evidence, **_search_options(args))
    except QueryError as exc:
        raise CLIError(f"query '{text}': {exc}", 2) from None
    except SearchUnavailable as exc:
        raise CLIError(str(exc), 1) from None
    encoding = EXCEL_ENCODING if args.excel else "utf-8"
    if not args.output:
        _write_stdout(lambda out: write_records(records, out, args.format), encoding)
        return 0
    out_path = Path(args.output)
    try:
        n = write_file(records, out_path, args.format, encoding=encoding)
    except OSError as exc:
        raise CLIError(f"cannot write {out_path}: {exc.strerror}", 1) from None
    print(f"exported {n} records to {out_path}", file=sys.stderr)
    return 0


def _write_stdout(write, encoding: str) -> None:
    """Run `write` on standard output in `encoding` whatever the locale's (bytes through
    sys.stdout.buffer; a stream without one, such as a test's StringIO, is written as text)."""
    import io

    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        write(sys.stdout)
        return
    sys.stdout.flush()
    out = io.TextIOWrapper(buffer, encoding=encoding, newline="", write_through=True)
    try:
        write(out)
    finally:
        out.flush()
        out.detach()  # leave sys.stdout open


if __name__ == "__main__":
    sys.exit(main())
