"""Checks on a font the security officer installs for the dossier: a TrueType face (ReportLab embeds glyf
outlines only), a licence that permits embedding a subset, and the characters a dossier prints."""

from __future__ import annotations

import struct
from pathlib import Path

from app.errors import InvalidInput
from app.i18n import tr

# OS/2 fsType bits (OpenType spec): 0x0002 restricted licence; 0x0100 no subsetting; 0x0200 bitmap only.
RESTRICTED, NO_SUBSETTING, BITMAP_ONLY = 0x0002, 0x0100, 0x0200
MIN_LEVEL1_COVERAGE = 1.0  # every character of GB 2312 level 1 (the 3,755 common hanzi)


def _table_directory(data: bytes, index: int) -> int:
    """Offset of the table directory of face ``index`` (a .ttc holds several faces)."""
    if data[:4] == b"ttcf":
        count = struct.unpack(">I", data[8:12])[0]
        if not 0 <= index < count:
            raise InvalidInput(tr("The font collection has no face number {n}.").format(n=index))
        return int(struct.unpack(">I", data[12 + 4 * index : 16 + 4 * index])[0])
    return 0


def _tables(data: bytes, index: int) -> dict[bytes, tuple[int, int]]:
    start = _table_directory(data, index)
    tag = data[start : start + 4]
    if tag == b"OTTO":
        raise InvalidInput(tr("The font has PostScript (CFF) outlines; install a TrueType (glyf) version."))
    if tag not in (b"\x00\x01\x00\x00", b"true"):
        raise InvalidInput(tr("The file is not a TrueType font."))
    count = struct.unpack(">H", data[start + 4 : start + 6])[0]
    tables = {}
    for i in range(count):
        entry = data[start + 12 + 16 * i : start + 28 + 16 * i]
        name, _checksum, offset, length = struct.unpack(">4sIII", entry)
        tables[name] = (offset, length)
    return tables


def embedding_flags(data: bytes, index: int = 0) -> int:
    """The font's fsType (embedding permissions); 0 = installable."""
    tables = _tables(data, index)
    if b"OS/2" not in tables:
        return 0
    offset, _ = tables[b"OS/2"]
    return int(struct.unpack(">H", data[offset + 8 : offset + 10])[0])


def gb2312_level1() -> str:
    """The 3,755 hanzi of GB 2312 level 1 (rows 16–55)."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


REQUIRED_MARKS = "，。、；：？！（）《》“”‘’〔〕【】—…·★0123456789ABCDEFabcdef:-."


def check(path: Path, index: int = 0) -> dict[str, object]:
    """Refuse a font that may not be embedded, that ReportLab cannot embed, or that lacks common characters."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(tr("Cannot read {path}.").format(path=path)) from exc
    try:
        flags = embedding_flags(data, index)
    except (struct.error, IndexError) as exc:
        raise InvalidInput(tr("The file is not a TrueType font.")) from exc
    if flags & RESTRICTED or flags & NO_SUBSETTING or flags & BITMAP_ONLY:
        raise InvalidInput(
            tr(
                "The font's licence does not allow embedding a subset of it in a document (fsType {flags:#06x})."
            ).format(flags=flags)
        )
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        face = TTFont("HuishenCheck", str(path), subfontIndex=index).face
    except TTFError as exc:
        raise InvalidInput(tr("The font cannot be used ({error}).").format(error=exc)) from exc
    cmap = face.charToGlyph
    wanted = gb2312_level1() + REQUIRED_MARKS
    missing = [ch for ch in wanted if ord(ch) not in cmap]
    if len(missing) > len(wanted) * (1 - MIN_LEVEL1_COVERAGE):
        raise InvalidInput(
            tr("The font lacks {n} common characters (for example {chars}); the dossier needs them all.").format(
                n=len(missing), chars="".join(missing[:10])
            )
        )
    return {"fsType": flags, "name": face.name.decode("latin-1") if isinstance(face.name, bytes) else str(face.name)}
