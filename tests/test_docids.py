"""Document ids (kb.docids): the stem when unique, the shortest name that tells files apart when
not, and a stored document's id kept whatever arrives later."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.docids import assign_ids


@pytest.mark.parametrize("files, stored, expected", [
    (["a/plan.txt"], {}, ["plan"]),
    (["a/plan.txt", "a/plan.pdf"], {}, ["plan.txt", "plan.pdf"]),
    (["north/plan.txt", "south/plan.txt"], {}, ["north/plan", "south/plan"]),
    (["x/north/plan.txt", "y/north/plan.txt"], {}, ["x/north/plan", "y/north/plan"]),
    (["north/plan.txt", "north/plan.pdf", "south/plan.txt"], {}, ["north/plan.txt", "plan.pdf", "south/plan"]),
    # stored: the same path keeps its id, even a qualified one
    (["north/plan.txt"], {"north/plan": "north/plan.txt"}, ["north/plan"]),
    # stored from a copy of the folder elsewhere (same folder and file name): the same document
    (["north/plan.txt"], {"plan": "elsewhere/north/plan.txt"}, ["plan"]),
    # stored from a file that is gone: the file moved
    (["south/plan.txt"], {"plan": "gone/plan.txt"}, ["plan"]),
    # stored from a file still there, not in this ingest: the newcomer gets its own id
    (["south/plan.txt"], {"plan": "north/plan.txt"}, ["south/plan"]),
    (["north/plan.txt", "south/plan.txt"], {"plan": "north/plan.txt"}, ["plan", "south/plan"]),
])
def test_document_ids(tmp_path, files, stored, expected):
    for rel in ("north/plan.txt", "elsewhere/north/plan.txt", *files):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    paths = [tmp_path / f for f in files]
    ids, clashes = assign_ids(paths, {k: str(tmp_path / v) for k, v in stored.items()})
    assert [ids[p] for p in paths] == expected
    new = {p for p in paths if str(p) not in {str(tmp_path / v) for v in stored.values()}}
    assert {c.path for c in clashes} == {str(p) for p in new if ids[p] != p.stem}
    assert all(c.others for c in clashes)


def test_a_clash_message_names_the_id_and_the_other_files():
    from kb.docids import Clash

    msg = Clash("south/plan.txt", "south/plan", ("north/plan.txt",)).message()
    assert msg == "south/plan.txt is stored as document 'south/plan': its name 'plan' is shared with north/plan.txt"
    assert Path("south/plan.txt").stem in msg
