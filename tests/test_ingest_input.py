"""What ingest says about input it cannot use: a folder of unsupported files, and text files in an
encoding kb does not read (Shift-JIS, a Cyrillic code page) or in two encodings at once."""

from __future__ import annotations

import pytest

from kb.cli import main
from kb.sources.base import SourceError
from kb.sources.text import decode_text


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("name, data, decoded", [
    ("utf-8", "We will open the café hub by March 2021 – in full.\n".encode(), "café hub"),
    ("cp1252", "We will fund “two” posts at £1.2m by 2022 – déjà agreed; Grüße.\n".encode("cp1252"), "“two” posts"),
    ("cp1252 dashes", "Budget – – – £ £ £ — done\n".encode("cp1252"), "– – –"),
    ("cp1252 quotes", "He said “we will…” and ‘so’ it was–.\n".encode("cp1252"), "“we will…”"),
    ("utf-16", "We will hire ten nurses by 2020.\n".encode("utf-16"), "ten nurses"),
])
def test_text_in_the_encodings_kb_reads_decodes(name, data, decoded):
    assert decoded in decode_text(data)


@pytest.mark.parametrize("name, data, says", [
    ("shift-jis kanji", "新しい計画を三月までに作ります。\n".encode("shift_jis"), "byte 0x"),
    ("shift-jis kana", "We will do this.\nこれはテストです\n".encode("shift_jis"), "line 2 reads as '‚±‚ê"),
    ("cp1251", "Мы откроем новый центр к 2020 году.\n".encode("cp1251"), "reads as"),
    ("mixed", "We will spend £2m – in full.\n".encode() + "The café opens in 2019.\n".encode("cp1252"),
     "mixes encodings (line 1 is UTF-8, line 2 is not)"),
])
def test_text_in_another_or_mixed_encoding_is_refused_with_a_reason(name, data, says):
    with pytest.raises(SourceError) as exc:
        decode_text(data)
    message = str(exc.value)
    assert says in message and "save it as UTF-8" in message and "\n" not in message


def test_a_folder_of_unsupported_files_names_them_and_fails(tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("notes.docx", "a.xlsx", "b.doc"):
        (folder / name).write_bytes(b"PK\x03\x04 not text")
    (folder / ".DS_Store").write_bytes(b"\x00")
    status, _, err = run(capsys, "--index", str(tmp_path / "idx"), "ingest", str(folder))
    assert status == 1, err
    assert "kb: skipped 3 files: a.xlsx, b.doc, notes.docx (unsupported type; kb reads .pdf, .text, .txt)" in err
    assert f"kb: nothing to ingest in {folder}" in err
    assert ".DS_Store" not in err and "Traceback" not in err


def test_a_folder_s_readme_and_catalog_are_not_reported_and_other_files_are(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "README.md").write_text("# what these are\n", encoding="utf-8")
    (folder / "catalog.toml").write_text("", encoding="utf-8")
    (folder / "plan.docx").write_bytes(b"PK")
    (folder / "2020_plan.txt").write_text("Our plan\n\nWe will open two community hubs by March 2021.\n",
                                          encoding="utf-8")
    (folder / "2020_sjis.txt").write_bytes("計画\nWe will do it.\nこれは計画です\n".encode("shift_jis"))
    status, _, err = run(capsys, "--index", str(tmp_path / "idx"), "ingest", str(folder))
    lines = [x for x in err.splitlines() if x.startswith("kb: ")]
    assert status == 1  # a file failed
    refused = [x for x in lines if "2020_sjis.txt: not UTF-8, UTF-16 or cp1252 text" in x]
    assert len(refused) == 1 and refused[0].endswith("save it as UTF-8 and ingest it again"), err
    assert "kb: skipped 1 file: plan.docx (unsupported type" in err
    assert "README" not in err and "catalog" not in err
    assert "ingested 1 file(s)" in err and "nothing to ingest" not in err
