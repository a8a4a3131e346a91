"""Printed copies of an archived dossier: each copy its own 份号 (reserved in the audit log before printing),
pages rendered at their true size for printing at 100 % on A4. Qt-free; the screen draws the images."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app import audit
from app.context import AccountContext
from app.dossier import fonts
from app.dossier.elements import BODY_PT, CHAR_SPACE, LEADING, LEFT, PAGE_H, PAGE_W, TOP
from app.dossier.grid import ASCENT
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import Operation
from app.sessions.common import ARCHIVED, load
from models import AuditEntry

MAX_COPIES = 99
# Where the layout prints 份号 (first line of the block, from the left edge; points from the page's top-left).
NUMBER_BOX = (LEFT - 1.0, TOP, LEFT + 4 * BODY_PT, TOP + LEADING)
NUMBER_BASELINE = TOP + (LEADING - BODY_PT) / 2 + ASCENT * BODY_PT


def used_copy_numbers(ctx: AccountContext, session_id: int) -> list[int]:
    """Every 份号 already given out for this session: the exported files' and the printed copies'."""
    ctx.require(Operation.DOSSIER_EXPORT)
    used: list[int] = []
    with ctx.store.transaction() as db:
        rows = db.scalars(
            select(AuditEntry).where(
                AuditEntry.object == f"session:{session_id}",
                AuditEntry.action.in_(("dossier.export", "dossier.print")),
            )
        )
        for row in rows:
            details = json.loads(row.details)
            if "copy" in details:
                used.append(int(details["copy"]))
            used += [int(n) for n in details.get("numbers", [])]
    return used


def reserve_copies(ctx: AccountContext, session_id: int, copies: int) -> list[str]:
    """The next ``copies`` 份号 for printing, recorded in the audit log before a page is printed (a copy that
    then fails to print leaves its number recorded and unused, never given twice)."""
    ctx.require(Operation.DOSSIER_EXPORT)
    if not 1 <= copies <= MAX_COPIES:
        raise InvalidInput(tr("Print between 1 and {n} copies.").format(n=MAX_COPIES))
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        if session.status != ARCHIVED:
            raise Refused(tr("Only an exported (archived) dossier can be printed."))
    start = max(used_copy_numbers(ctx, session_id), default=0) + 1
    numbers = [f"{n:06d}" for n in range(start, start + copies)]
    with ctx.store.transaction() as db:
        load(db, session_id, ctx)
        audit.append(db, ctx.actor, "dossier.print", f"session:{session_id}", {"copies": copies, "numbers": numbers})
    return numbers


def printed_number(pdf: bytes) -> str | None:
    """The 份号 printed on the first page of a dossier, or None when it has none (an unclassified matter)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        x0, y0, x1, y1 = NUMBER_BOX
        text = document[0].get_textpage().get_text_bounded(x0, PAGE_H - y1, x1, PAGE_H - y0).strip()
    finally:
        document.close()
    return text if len(text) == 6 and text.isdigit() else None


def copy_pages(pdf: bytes, number: str | None, dpi: float) -> Iterator[Any]:
    """The pages of one printed copy as RGB images (PIL) of exactly A4 at ``dpi``, one at a time (a page at
    300 dpi is 26 MB); with ``number``, page 1 carries that 份号 in place of the file's."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw, ImageFont

    overlay = number is not None and printed_number(pdf) is not None
    document = pdfium.PdfDocument(pdf)
    scale = dpi / 72
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            if abs(width - PAGE_W) > 1 or abs(height - PAGE_H) > 1:
                raise Refused(tr("The dossier's pages are not A4; it cannot be printed at 100 %."))
            image = page.render(scale=scale).to_pil().convert("RGB")
            if index == 0 and overlay:
                draw = ImageDraw.Draw(image)
                x0, y0, x1, y1 = (v * scale for v in NUMBER_BOX)
                draw.rectangle((x0, y0, x1, y1), fill="white")
                file, face = fonts.face_file(fonts.NUMBER)  # the layout's 份号 face, always the shipped one
                font = ImageFont.truetype(file, BODY_PT * scale, index=face)
                x = LEFT * scale
                for digit in str(number):  # set as the layout sets it: the grid's character spacing
                    draw.text((x, NUMBER_BASELINE * scale), digit, font=font, fill="black", anchor="ls")
                    x += font.getlength(digit) + CHAR_SPACE * scale
            yield image
    finally:
        document.close()
