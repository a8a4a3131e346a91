"""The dossier's fonts: shipped in resources/fonts, embedded as subsets; never looked up on the system."""

from __future__ import annotations

from pathlib import Path

from app.errors import Refused
from app.i18n import tr

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
SONG = "HuishenSong"  # AR PL UMing (明体/宋体 style): title and body
HEI = "HuishenHei"  # WenQuanYi Micro Hei (黑体 style): headings
_FILES = {SONG: ("uming.ttc", 0), HEI: ("wqy-microhei.ttc", 0)}
_registered = False


def register() -> None:
    """Register the TrueType CJK fonts with ReportLab; a clear refusal when a font file is missing."""
    global _registered
    if _registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for name, (filename, index) in _FILES.items():
        path = FONT_DIR / filename
        if not path.is_file():
            raise Refused(
                tr("The dossier font {path} is missing; run 'make' to set up Huishen again.").format(path=path)
            )
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
        except TTFError as exc:
            raise Refused(tr("The dossier font {path} cannot be used ({error}).").format(path=path, error=exc)) from exc
    # Graphics (the tally chart) start from a default font; make it ours so that no
    # non-embedded standard font ends up in the file.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = SONG
    _registered = True


def covers(font_name: str, text: str) -> list[str]:
    """Characters of ``text`` that ``font_name`` has no glyph for (so a PDF never shows boxes)."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    cmap = face.charToGlyph
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
