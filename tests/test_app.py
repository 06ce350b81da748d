"""The terminal app, driven by Textual's Pilot: search, filters, detail, trace decisions, export, help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_three_doc_kb

from kb.api import KnowledgeBase
from kb.app.app import KbApp
from kb.app.detail_screen import DetailScreen
from kb.app.export_screen import ExportScreen
from kb.app.format import doc_label, due_end_text, owners_text, shorten_words
from kb.app.help_screen import HelpScreen
from kb.app.search_screen import MIN_TEXT, PAGE, ROWS, FacetList, SearchScreen, columns_for
from kb.app.trace_screen import TraceScreen

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def app_kb(three_doc_template, tmp_path_factory) -> KnowledgeBase:
    return copy_three_doc_kb(three_doc_template, tmp_path_factory.mktemp("app"))[0]


async def settle(pilot) -> None:
    """Wait for the search/trace workers (a newer search cancels an older one: that is fine)."""
    from textual.worker import WorkerCancelled

    await pilot.pause(0.3)
    for _ in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            await pilot.pause(0.05)
            continue
        if not any(w.is_running for w in pilot.app.workers):
            break
    await pilot.pause(0.1)


async def type_query(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)
    await settle(pilot)


async def test_search_as_you_type_shows_results_from_several_years(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.result is not None and screen.result.total > 5
        years = {h.year for h in screen.result.hits}
        assert len(years) >= 2
        table = screen.query_one("#results")
        assert table.row_count == len(screen.result.hits)
        assert "results" in str(screen.query_one("#status").render())


@pytest.mark.parametrize("start, end, shown", [
    ("2014-04-01", "2016-03-31", "2016-03"), (None, "2022-12-31", "2022-12"), ("2019-10-01", None, "2019-10→"),
    (None, None, "")])
def test_due_column_shows_the_month_due_by(start, end, shown):
    assert due_end_text(start, end) == shown


@pytest.mark.parametrize("owners, shown", [
    (["University Hospitals Coventry and Warwickshire NHS Trust", "Warwickshire County Council"], "UHCW, WCC"),
    (["Coventry Health and Wellbeing Board"], "Coventry HWB"),
    (["Commissioners"], "Commissioners"), ([], "")])
def test_owners_column_uses_the_names_people_use(owners, shown):
    from kb.extract.gazetteer import PartyNames, load_gazetteer, use_names

    # the short names an index keeps from its gazetteer (kb.api.KnowledgeBase.party_names)
    use_names(PartyNames.of(load_gazetteer(Path(__file__).resolve().parents[1] / "corpus" / "gazetteer.toml")))
    assert owners_text(owners) == shown


@pytest.mark.parametrize("kind, period, label", [
    ("commissioning intentions", "2014/16", "CI 2014/16"), ("STP", "2016/17 – 2020/21", "STP 2016/17"),
    ("board papers", "", "board papers"), ("five-year plan", "2019/20 – 2023/24", "five-year plan"),
    ("other", "2020/21", "2020_some-long")])
def test_document_label_fits_its_column(kind, period, label):
    from kb.model import DocumentMeta

    assert doc_label(DocumentMeta("2020_some-long-name", kind=kind, period=period)) == label


@pytest.mark.parametrize("width, columns", [
    (160, ["year", "text", "due", "kind", "owners", "doc"]),
    (120, ["year", "text", "due", "kind", "owners", "doc"]),
    (100, ["year", "text", "due", "kind", "owners", "doc"]),
    (80, ["year", "text", "due", "kind", "owners"]),
])
def test_columns_give_way_so_the_text_stays_readable(width, columns):
    shown = columns_for(width)
    assert [key for key, _, _ in shown] == columns
    text_width = dict((k, w) for k, _, w in shown)["text"]
    assert text_width >= MIN_TEXT and sum(w + 2 for _, _, w in shown) + 2 <= width


async def test_readable_at_80x24_and_with_the_filter_panel(app_kb):
    app = KbApp(app_kb, "stroke")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#results")
        assert [c.key.value for c in table.ordered_columns] == ["year", "text", "due", "kind", "owners"]
        assert table.row_count == len(screen.result.hits) > 0
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.2)
        assert [c.key.value for c in table.ordered_columns][-1] == "doc"
        await pilot.press("escape", "f")
        await settle(pilot)
        assert "owners" not in [c.key.value for c in table.ordered_columns]
        assert table.row_count == len(screen.result.hits)


async def test_text_column_keeps_priority_at_80_columns_with_the_filter_panel_open(app_kb):
    app = KbApp(app_kb, "stroke")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#filters").has_class("visible")
        table = screen.query_one("#results")
        widths = {c.key.value: c.width for c in table.ordered_columns}
        assert widths["text"] >= MIN_TEXT, widths  # was 20: the other columns gave way first
        assert table.region.right <= 80 and table.row_count == len(screen.result.hits)


async def test_malformed_query_shows_inline_error(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, 'owner:')
        error = app.screen.query_one("#error")
        assert "needs a value" in str(error.render()) and error.has_class("visible")


def prompts(facet) -> list[str]:
    return [str(facet.get_option_at_index(i).prompt) for i in range(facet.option_count)]


async def pick(pilot, facet, value: str) -> None:
    """Highlight a facet's value and press Space, as a user would."""
    pilot.app.screen.set_focus(facet)
    facet.highlighted = facet.get_option_index(value)
    await pilot.press("space")
    await settle(pilot)


async def test_filters_narrow_the_results(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        screen = app.screen
        await pilot.press("escape", "f")
        await settle(pilot)
        assert screen.query_one("#filters").has_class("visible")
        docs = screen.query_one("#facet-doc")
        stp = "2016-10_cw-stp_sustainability-transformation-plan"
        assert any(p.startswith("[ ] STP 2016/17 (") for p in prompts(docs))  # documents by their short label
        await pick(pilot, docs, stp)
        assert screen.result.hits and {h.doc_id for h in screen.result.hits} == {stp}


async def test_filter_panel_shows_state_keeps_every_value_and_chips_show_filters_in_force(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        screen = app.screen
        unfiltered = screen.result.total
        await pilot.press("f2")  # from the search box
        await settle(pilot)
        docs = screen.query_one("#facet-doc")
        assert app.focused is screen.query_one(FacetList)  # the panel's keys work at once
        before = prompts(docs)
        assert len(before) >= 3 and all(p.startswith("[ ] ") for p in before)
        counts = {docs.get_option_at_index(i).id: int(before[i].rsplit("(", 1)[1].rstrip(")"))
                  for i in range(len(before))}
        first, second = list(counts)[:2]
        await pick(pilot, docs, first)
        after = prompts(docs)
        assert len(after) == len(before)  # the list keeps every value, with its count
        assert after[docs.get_option_index(first)].startswith("[x] ")
        assert after[docs.get_option_index(second)] == before[docs.get_option_index(second)]
        await pick(pilot, docs, second)  # a second pick adds
        assert {h.doc_id for h in screen.result.hits} == {first, second}
        assert screen.result.total == counts[first] + counts[second]
        chips = screen.query_one("#chips")
        labels = [app_kb.store.document(d).meta for d in (first, second)]
        assert chips.has_class("visible")
        assert all(doc_label(m) in str(chips.render()) for m in labels)
        await pilot.press("f2")  # panel hidden: the filters stay in force, and say so
        await settle(pilot)
        assert not screen.query_one("#filters").has_class("visible") and chips.display
        assert screen.result.total == counts[first] + counts[second]
        await pilot.press("f5")
        await settle(pilot)
        assert not chips.has_class("visible") and screen.result.total == unfiltered
        await pilot.press("f2")
        await settle(pilot)
        kinds = screen.query_one("#facet-kind")
        assert any(p.startswith("[ ] evidence (") for p in prompts(kinds))  # evidence only when picked
        await pick(pilot, kinds, "evidence")
        assert screen.result.hits and {h.kind for h in screen.result.hits} == {"evidence"}


async def test_open_detail_and_trace_confirm_a_link_and_export_the_thread(app_kb, tmp_path):
    app = KbApp(app_kb)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await type_query(pilot, '"Improved outcomes of stroke patients"')
        await pilot.press("escape", "enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("t")
        await settle(pilot)
        trace_screen = app.screen
        assert isinstance(trace_screen, TraceScreen) and trace_screen.trace is not None
        assert len(trace_screen.trace.documents) >= 2
        first = trace_screen.focused_item()
        assert first is not None  # the first column's first passage is highlighted on arrival
        await pilot.press("right")
        second = trace_screen.focused_item()
        assert second is not None and second.commitment.doc_id != first.commitment.doc_id
        await pilot.press("enter")  # the highlighted passage in full, then back
        await pilot.pause(0.2)
        assert isinstance(app.screen, DetailScreen) and app.screen.cid == second.commitment.id
        await pilot.press("escape")
        await pilot.pause(0.2)
        await pilot.press("c")
        await pilot.pause(0.2)
        for ch in "checked":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        log = [json.loads(x) for x in app_kb.decisions.path.read_text(encoding="utf-8").splitlines()]
        assert log[-1]["action"] == "confirm" and log[-1]["note"] == "checked"
        assert log[-1]["a"] == trace_screen.trace.seed.id and log[-1]["b"] == second.commitment.id
        confirmed = next(i for i in trace_screen.trace.items if i.commitment.id == second.commitment.id)
        assert (confirmed.decision, confirmed.note) == ("confirmed", "checked")  # the timeline redrawn

        await pilot.press("e")  # the thread, with link types, evidence and decisions
        await pilot.pause(0.2)
        assert isinstance(app.screen, ExportScreen)
        out = tmp_path / "thread.jsonl"
        app.screen.query_one("#jsonl").value = True
        app.screen.query_one("#path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TraceScreen)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    trace = trace_screen.trace
    assert rows[0]["id"] == trace.seed.id and rows[0]["link_type"] == "seed"
    assert len(rows) == 1 + len(trace.passages)
    assert all(r["link_type"] and r["evidence"]["terms"] for r in rows[1:])
    decided = [r for r in rows if any(m["id"] == second.commitment.id for m in r["members"])]
    assert decided and decided[0]["decision"] == "confirmed" and decided[0]["note"] == "checked"


async def test_scrolling_loads_the_next_rows(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, "care")
        screen = app.screen
        table = screen.query_one("#results")
        total, first = screen.result.total, table.row_count
        assert total > first == ROWS
        await pilot.press("escape")
        for _ in range(4):  # each page loads when the cursor nears the last loaded row
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
        loaded = [table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)]
        assert table.row_count == min(total, ROWS + 4 * PAGE)
        assert loaded == app_kb.matching_ids("care")[:table.row_count]  # no row repeated or skipped
        assert f"{total} results" in str(screen.query_one("#status").render())


async def test_export_writes_every_result_not_only_the_loaded_rows(app_kb, tmp_path):
    app = KbApp(app_kb)
    out = tmp_path / "care.jsonl"
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, "care")
        total = app.screen.result.total
        assert total > len(app.screen.result.hits)
        await pilot.press("escape", "e")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ExportScreen)
        assert f"Export {total} search results" in str(app.screen.query_one("Label").render())
        app.screen.query_one("#jsonl").value = True
        app.screen.query_one("#path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)  # the dialog closed once the file was written
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == total and [r["id"] for r in rows] == app_kb.matching_ids("care")


async def test_app_export_writes_what_kb_export_writes(app_kb, tmp_path, capsys):
    from kb.cli import main

    out = tmp_path / "stroke.jsonl"
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        await pilot.press("escape", "e")
        await pilot.pause(0.2)
        app.screen.query_one("#jsonl").value = True
        app.screen.query_one("#path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    exported = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert main(["--index", str(app_kb.index_dir), "export", "stroke", "--format", "jsonl"]) == 0
    cli = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert exported and [r["id"] for r in exported] == [r["id"] for r in cli]
    assert not any(r["kind"] == "evidence" for r in exported)  # evidence only when asked for, in both


async def test_export_for_excel_writes_a_byte_order_mark(app_kb, tmp_path):
    out = tmp_path / "stroke.csv"
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        await pilot.press("f3")
        await pilot.pause(0.2)
        app.screen.query_one("#excel").value = True
        app.screen.query_one("#path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,doc_id,") and data.count(b"\xef\xbb\xbf") == 1


async def test_export_to_a_bad_path_says_so_and_stays_open(app_kb, tmp_path):
    app = KbApp(app_kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        await pilot.press("escape", "e")
        await pilot.pause(0.2)
        for bad in (str(tmp_path / "missing-dir" / "x.csv"), str(tmp_path), "", "  "):
            app.screen.query_one("#path").value = bad
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ExportScreen), bad  # still open, no crash
            assert not app.screen.query_one("#path").disabled


async def test_unknown_ids_are_explained_not_fatal(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(DetailScreen(app_kb, "no-such-id"))
        await pilot.pause(0.2)
        assert "No commitment with id no-such-id" in str(app.screen.query_one("#detail Static").render())
        app.push_screen(TraceScreen(app_kb, "no-such-id"))
        await settle(pilot)
        assert "No commitment with id no-such-id" in str(app.screen.query_one("#seed").render())


async def test_every_key_shows_and_works_while_the_search_box_has_focus(app_kb):
    from textual.widgets import Input
    from textual.widgets._footer import FooterKey

    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        assert isinstance(app.focused, Input)
        shown = {k.description: k.key for k in app.screen.query(FooterKey)}
        for what in ("Quit", "Help", "Filters", "Export", "Trace"):
            assert what in shown, shown
        assert all(k.startswith(("f", "ctrl")) for d, k in shown.items() if d != "palette")
        await pilot.press("f1")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause(0.1)
        app.screen.set_focus(app.screen.query_one("#query"))
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, TraceScreen)
        await pilot.press("escape")
        await pilot.pause(0.1)
        app.screen.set_focus(app.screen.query_one("#query"))
        await pilot.press("f3")
        await pilot.pause(0.1)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause(0.1)
        app.screen.set_focus(app.screen.query_one("#query"))
        assert app.screen.query_one("#query").value == "stroke"  # no key typed into the box
        await pilot.press("ctrl+c")
        await pilot.pause(0.1)
    assert app.return_code == 0


async def test_help_and_quit(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "question_mark")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("q")
        await pilot.pause(0.1)
    assert app.return_code == 0 or app.return_code is None


@pytest.mark.parametrize("text, width, shown", [
    ("no delivery reported since 2019", 200, "no delivery reported since 2019"),
    ("no delivery reported since 2019", 20, "no delivery…"),
    ("overdue: due 2020-03-31, nothing since", 30, "overdue: due 2020-03-31…"),
    ("unbreakableverylongword", 10, "unbreakab…"),
])
def test_status_lines_are_cut_at_a_word(text, width, shown):
    assert shorten_words(text, width) == shown and len(shown) <= width


async def test_trace_status_is_whole_words_and_parent_says_when_there_is_none(app_kb):
    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_query(pilot, '"Improved outcomes of stroke patients"')
        cid = app.screen.current_id()
        assert app_kb.commitment(cid).parent_id is None
        await pilot.press("escape", "enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("p")
        await pilot.pause(0.2)
        assert isinstance(app.screen, DetailScreen)
        assert any("no parent" in n.message for n in app._notifications)
        await pilot.press("t")
        await settle(pilot)
        reason = app.screen.trace.status_reason
        line = str(app.screen.query_one("#thread-status").render())
        shown = line.split(" — ", 1)[1].strip()
        if shown.endswith("…"):
            cut = shown[:-1]
            assert reason.startswith(cut) and reason[len(cut)] in " ,;:-–", (cut, reason)
        else:
            assert shown == reason


def test_search_screen_snapshot(snap_compare, app_kb):
    app = KbApp(app_kb, "stroke pathway", show_timings=False)
    assert snap_compare(app, terminal_size=(100, 28), run_before=_settled)


def test_detail_screen_snapshot(snap_compare, app_kb):
    app = KbApp(app_kb, '"Improved outcomes of stroke patients"', show_timings=False)

    async def open_first(pilot):
        await _settled(pilot)
        await pilot.press("escape", "enter")
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(100, 32), run_before=open_first)


def test_trace_screen_snapshot(snap_compare, app_kb):
    # a seed no other test records a decision on, so the snapshot does not depend on test order
    app = KbApp(app_kb, '"Further reductions in smoking in pregnancy"', show_timings=False)

    async def open_trace(pilot):
        await _settled(pilot)
        await pilot.press("escape", "t")
        await settle(pilot)
        await pilot.press("right", "down")
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(110, 32), run_before=open_trace)


def test_help_screen_snapshot(snap_compare, app_kb):
    # Over a query with an error (no rows behind the dialog), so the picture does not change with
    # every improvement of extraction.
    app = KbApp(app_kb, "owner:", show_timings=False)

    async def open_help(pilot):
        await settle(pilot)
        pilot.app.screen.query_one("#query").cursor_blink = False
        await pilot.press("escape", "question_mark")
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(100, 32), run_before=open_help)


async def _settled(pilot) -> None:
    """Settled for a snapshot: the initial query's results are on screen (a slow machine may still
    be running that search when the workers are first checked) and the input's cursor is steady."""
    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one("#query").cursor_blink = False  # a blinking cursor would make snapshots flaky
    for _ in range(100):
        result = getattr(screen, "result", None)
        if result is not None and result.query.strip() == screen.query_one("#query").value.strip():
            break
        await pilot.pause(0.05)
    await settle(pilot)


async def test_space_picks_the_first_value_of_a_list_just_entered(app_kb):
    """F2 then Space picks the first document, Tab then Space the first year: a list entered has a
    value highlighted (an OptionList starts with none, and Space on none did nothing)."""
    app = KbApp(app_kb, "stroke")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("f2")
        await settle(pilot)
        docs = screen.query_one("#facet-doc")
        first_doc = docs.get_option_at_index(0).id
        await pilot.press("space")
        await settle(pilot)
        assert screen.selected["doc"] == {first_doc}
        assert prompts(docs)[0].startswith("[x] ")
        await pilot.press("down", "space")  # a second value of the same list adds to the first
        await settle(pilot)
        assert screen.selected["doc"] == {first_doc, docs.get_option_at_index(1).id}
        await pilot.press("tab")
        years = screen.query_one("#facet-year")
        assert app.focused is years
        await pilot.press("space")
        await settle(pilot)
        assert screen.selected["year"] == {years.get_option_at_index(0).id}


async def test_the_highlighted_rows_text_is_shown_whole_under_the_table(app_kb):
    """At 80 columns the text column holds ~34 cells; the highlighted row's text is wrapped in full
    under the table (cut at a word only past three lines), with the document the table leaves out."""
    app = KbApp(app_kb, "stroke")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#results")
        widths = {c.key.value: c.width for c in table.ordered_columns}
        preview = screen.query_one("#preview")
        assert preview.display and preview.region.height <= 3
        for row in (0, 1, 2):
            table.move_cursor(row=row)
            await pilot.pause(0.1)
            hit = screen.result.hits[row]
            shown = " ".join(str(preview.render()).split())
            words = hit.text.split()
            assert doc_label(app_kb.store.document(hit.doc_id).meta) in shown
            assert " ".join(words[:8]) in shown  # beyond what the text column holds
            assert shown.endswith(" ".join(words[-2:])) or shown.endswith("…")
            assert len(shown.split(" — ", 1)[1]) > widths["text"]  or len(hit.text) <= widths["text"]


def test_preview_cuts_at_a_word_and_keeps_highlights_closed():
    from kb.app.format import cut_highlight, fit_lines
    from kb.index.search import HL_END, HL_START

    text = "We will open two community diagnostic hubs in Nuneaton and Rugby by March 2026"
    assert fit_lines("STP · 2016 — ", text, 40, 3) == text
    cut = fit_lines("STP · 2016 — ", text, 30, 2)
    assert cut.endswith("…") and text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    marked = f"We will open two {HL_START}community{HL_END} diagnostic hubs"
    assert cut_highlight(marked, 21) == f"We will open two {HL_START}comm{HL_END}"
    assert cut_highlight(marked, 10) == "We will op"


async def _trace_first_link(pilot, query: str) -> TraceScreen:
    await type_query(pilot, query)
    await pilot.press("escape", "t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TraceScreen) and screen.focused_item() is not None
    return screen


async def test_every_footer_key_fits_80_columns_on_the_trace_screen(app_kb):
    """At 80 columns the trace screen's footer cut F1 Help off ("Confirm link", "Reject link",
    "Export thread" took the room)."""
    from textual.widgets._footer import FooterKey

    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _trace_first_link(pilot, '"Improved outcomes of stroke patients"')
        keys = {k.description: k for k in app.screen.query(FooterKey)}
        for what in ("Back", "Confirm", "Reject", "Export", "Quit", "Help"):
            assert what in keys and keys[what].region.right <= 80, (what, keys.get(what) and keys[what].region)


async def test_help_fits_80_columns_and_says_how_to_close(app_kb):
    """The help box was 84 cells wide: at 80 columns its right border and scrollbar were off screen."""
    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause(0.2)
        box = app.screen.query_one("VerticalScroll")
        assert box.region.x >= 0 and box.region.right <= 80, box.region
        from kb.app.help_screen import HELP

        assert "`Esc` closes this help" in HELP


async def test_the_link_to_decide_is_shown_whole_at_80_columns(app_kb):
    """The note dialog's title ("Confirm the link to “…”") was one line cut at the dialog's edge,
    mid-word: the auditor could not see what they were confirming."""
    from textual.widgets import Label

    from kb.app.note_screen import NoteScreen

    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await _trace_first_link(pilot, '"Improved outcomes of stroke patients"')
        await pilot.press("right")
        item = screen.focused_item()
        await pilot.press("c")
        await pilot.pause(0.3)
        assert isinstance(app.screen, NoteScreen)
        box = app.screen.query_one("NoteScreen > Vertical")
        title = app.screen.query(Label).first()
        assert box.region.right <= 80 and title.region.right <= box.content_region.right, (title.region, box.region)
        lines = [s.text for s in title.render_lines(title.region.reset_offset)]
        shown = " ".join(" ".join(line.split()) for line in lines)
        assert " ".join(item.commitment.text.split()[-3:]) in shown or "…" in shown
        assert "Esc cancels" in shown + str(app.screen.query(Label).last().render())
        await pilot.press("escape")


async def test_export_dialog_says_its_keys_and_where_the_file_went(app_kb, tmp_path, monkeypatch):
    """A relative path is written in the folder kb was started from: the dialog says which, the
    notification gives the whole path; the dialog names its keys (Enter, the format, Esc)."""
    from textual.widgets import Label

    monkeypatch.chdir(tmp_path)
    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_query(pilot, "stroke")
        await pilot.press("f3")
        await pilot.pause(0.2)
        keys = str(app.screen.query(Label).last().render())
        assert all(k in keys for k in ("Enter", "Esc", "format", str(tmp_path)))
        app.screen.query_one("#path").value = "stroke.csv"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert any(str(tmp_path / "stroke.csv") in n.message for n in app._notifications)
    assert (tmp_path / "stroke.csv").exists()


async def test_keys_with_nothing_to_act_on_say_so(app_kb):
    """Esc on the results (nothing to go back to) says how to quit; F4, Enter and F3 with no
    results say there is nothing, instead of doing nothing (or offering to export 0 rows)."""
    app = KbApp(app_kb)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "escape")
        assert any("q or Ctrl+Q quits" in n.message for n in app._notifications)
        assert isinstance(app.screen, SearchScreen)
        app.screen.set_focus(app.screen.query_one("#query"))
        await type_query(pilot, "zzqqxxnothing")
        assert app.screen.result.total == 0
        for key, what in (("f4", "trace"), ("f3", "export")):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause(0.2)
            assert isinstance(app.screen, SearchScreen), key
            assert any(what in n.message.lower() for n in app._notifications), (key, list(app._notifications))
        app.clear_notifications()
        await pilot.press("escape", "enter")
        await pilot.pause(0.2)
        assert any("open" in n.message for n in app._notifications)


async def test_the_preview_keeps_the_screens_width_with_the_filter_panel_open(app_kb):
    """The preview spans the screen under the panel too: it was wrapped to the narrower table's
    width, so with the panel open a long text was cut after two lines of three."""
    app = KbApp(app_kb, "care")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#results")
        long_row = next(i for i, h in enumerate(screen.result.hits) if len(h.text) > 200)
        table.move_cursor(row=long_row)
        await pilot.pause(0.1)
        closed = str(screen.query_one("#preview").render())
        await pilot.press("f2")
        await settle(pilot)
        table.move_cursor(row=long_row)
        await pilot.pause(0.1)
        preview = screen.query_one("#preview")
        assert str(preview.render()) == closed and preview.region.height == 3
