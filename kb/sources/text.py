"""Read a text export (the bundled corpus's format) into `SourceLine`s.

Text exports arrive in whatever encoding the exporting tool used: UTF-8 (with or without BOM),
UTF-16 with a BOM, or the Windows Western code page (cp1252).  We decode those, and refuse with a
reason what is not text at all (binary data renamed to .txt), holds nothing, mixes UTF-8 lines with
lines in another encoding, or is in an encoding we do not read (Shift-JIS, a Cyrillic code page):
read as cp1252 such a file would be stored as mojibake, found by no search.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from kb.sources.base import SourceError, SourceLine
from kb.sources.spreadsheet import spreadsheet_lines

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode bytes of a text export; raise SourceError when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(f"not valid {encoding} text ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise SourceError("binary data, not a text export")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_western(data)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 4096) + 2:
        raise SourceError("binary data, not a text export")
    return text


SAVE_AS_UTF8 = "save it as UTF-8 and ingest it again"


def _decode_western(data: bytes) -> str:
    """Bytes that are not UTF-8, as cp1252; SourceError when they are not cp1252 either."""
    lines = data.split(b"\n")
    utf8_line = bad_line = None
    for n, raw in enumerate(lines, start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            utf8_line = utf8_line or n
        except UnicodeDecodeError:
            bad_line = bad_line or n
        if utf8_line and bad_line:
            raise SourceError(f"mixes encodings (line {utf8_line} is UTF-8, line {bad_line} is not); "
                              f"{SAVE_AS_UTF8}")
    for n, raw in enumerate(lines, start=1):
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SourceError(f"not UTF-8, UTF-16 or cp1252 text (byte 0x{raw[exc.start]:02X} on line {n}; "
                              f"Shift-JIS or another encoding?); {SAVE_AS_UTF8}") from None
    text = data.decode("cp1252")
    line = _mojibake_line(text)
    if line:
        n, sample = line
        raise SourceError(f"not UTF-8, UTF-16 or cp1252 text (line {n} reads as '{sample}' in cp1252; "
                          f"Shift-JIS or another encoding?); {SAVE_AS_UTF8}")
    return text


def _mojibake_line(text: str, min_chars: int = 3, share: float = 0.3) -> tuple[int, str] | None:
    """The first line (number, sample) of a text that looks like another encoding read as cp1252.

    In Western text a non-ASCII character (é, £, ’, –) stands between ASCII letters, digits or
    spaces: two side by side are rare ("déjà", "£2.5m – “so”") but for punctuation ("…”").  A multi-byte encoding read one
    byte a character ("‚±‚ê‚Í" for これは) puts them side by side most of the time: when at least
    `share` of the non-ASCII characters start such a pair, the text is not cp1252."""
    chars = len(_NON_ASCII.findall(text))
    pairs = len(_PAIR_START.findall(text))
    if chars < min_chars or pairs < share * chars:
        return None
    m = _PAIR_START.search(text)
    line_start = text.rfind("\n", 0, m.start()) + 1
    sample = text[max(line_start, m.start() - 8):m.start() + 12].split("\n")[0].strip()
    return text.count("\n", 0, m.start()) + 1, sample


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Two non-ASCII characters side by side, unless both are Western punctuation ("…”", "’”", "––").
_WESTERN_PUNCTUATION = "‘’“”…–—•«»‹›·°£€"
_PAIR_START = re.compile(rf"(?![{_WESTERN_PUNCTUATION}](?=[{_WESTERN_PUNCTUATION}]))[^\x00-\x7f](?=[^\x00-\x7f])")


def read_text(path: Path) -> list[SourceLine]:
    """Lines of a text export with their 1-based line numbers (a spreadsheet's comma-separated
    export: a line for each record, numbered by the line it starts on)."""
    return [SourceLine(text=raw, line=i, page=None) for i, raw in _numbered_lines(path)]


def read_text_lines(path: Path) -> list[str]:
    """The decoded lines of a text export (line ends and no-break spaces normalised; a spreadsheet's
    comma-separated export a line of tab-separated cells for each record, kb.sources.spreadsheet);
    raises SourceError for a file that is not text."""
    return [raw for _, raw in _numbered_lines(path)]


def _numbered_lines(path: Path) -> list[tuple[int, str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file ({exc.strerror})") from None
    text = decode_text(data)
    del data  # a long file's bytes need not outlive its text
    if not text.strip():
        raise SourceError("empty file")
    # U+FFFE is no character: pdfium's text layer writes it for a hyphen that ended a printed line,
    # joining the line to the next ("decision\ufffemaking"); an export copied from it keeps it
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufffe", "-")
    return spreadsheet_lines(text) or list(enumerate(text.split("\n"), start=1))
