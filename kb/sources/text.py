"""Read a text export (the bundled corpus's format) into `SourceLine`s.

Text exports arrive in whatever encoding the exporting tool used: UTF-8 (with or without BOM),
UTF-16 with a BOM, or a Windows code page.  We decode rather than reject, and refuse only what is
not text at all (binary data renamed to .txt) or holds nothing.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kb.sources.base import SourceError, SourceLine

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
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 4096) + 2:
        raise SourceError("binary data, not a text export")
    return text


def read_text(path: Path) -> list[SourceLine]:
    """Lines of a text export with their 1-based line numbers."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file ({exc.strerror})") from None
    text = decode_text(data)
    if not text.strip():
        raise SourceError("empty file")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [SourceLine(text=raw, line=i, page=None) for i, raw in enumerate(text.split("\n"), start=1)]
