"""The dossier's fonts: shipped in resources/fonts, or the organisation's licensed faces that the security
officer installed into the store (checked, hashed in the signed log, verified on use); embedded as subsets,
never looked up on the system.

GB/T 9704 asks for 小标宋 titles, 仿宋 body text, 黑体 level-1 and 楷体 level-2 headings. Shipped: AR PL UMing
(a 明体/宋体 face) for title and body, WenQuanYi Micro Hei for level-1 headings, AR PL UKai (楷体) for level-2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput, Refused
from app.i18n import tr

if TYPE_CHECKING:
    from app.context import AccountContext

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
SONG = "HuishenSong"  # body (仿宋 in the standard)
TITLE = "HuishenTitle"  # title (小标宋)
HEI = "HuishenHei"  # level-1 headings, 密级 (黑体)
KAI = "HuishenKai"  # level-2 headings (楷体)
NUMBER = "HuishenNumber"  # 份号 and page numbers: always the shipped faces, so that printed copies match
PAGE_NO = "HuishenPageNo"
SHIPPED: dict[str, tuple[str, int]] = {
    SONG: ("uming.ttc", 0),
    TITLE: ("uming.ttc", 0),
    HEI: ("wqy-microhei.ttc", 0),
    KAI: ("ukai.ttc", 0),
    NUMBER: ("wqy-microhei.ttc", 0),
    PAGE_NO: ("uming.ttc", 0),
}
# What the security officer may replace, by role.
ROLES = {"body": SONG, "title": TITLE, "heading1": HEI, "heading2": KAI}
STORE_DIR = "fonts"
_current: dict[str, tuple[str, int]] = {}


def _shipped_path(name: str) -> tuple[str, int]:
    filename, index = SHIPPED[name]
    return str(FONT_DIR / filename), index


def use(faces: dict[str, tuple[str, int]] | None = None) -> None:
    """Register the dossier's faces with ReportLab: ``faces`` (ReportLab name → file, face index) where the
    organisation installed its own, the shipped ones elsewhere. A clear refusal when a file is missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    wanted = {name: (faces or {}).get(name) or _shipped_path(name) for name in SHIPPED}
    for name, (path, _index) in wanted.items():
        if _current.get(name) != (path, _index) and not Path(path).is_file():
            raise Refused(
                tr("The dossier font {path} is missing; run 'make' to set up Huishen again.").format(path=path)
            )
    if any(_current.get(name) != file for name, file in wanted.items()):
        _forget()  # all names afresh: several names share one font object (below, and in ReportLab)
    parsed: dict[tuple[str, int], TTFont] = {}  # one file serves several names (the shipped Song face four)
    for name, (path, index) in wanted.items():
        if _current.get(name) == (path, index):
            continue
        try:
            read = parsed.get((path, index))
            font = _twin(read, name) if read is not None else TTFont(name, path, subfontIndex=index)
            pdfmetrics.registerFont(font)
        except TTFError as exc:
            raise Refused(tr("The dossier font {path} cannot be used ({error}).").format(path=path, error=exc)) from exc
        parsed.setdefault((path, index), font)
        _current[name] = (path, index)
    # Graphics (the tally chart) start from a default font; make it ours so that no
    # non-embedded standard font ends up in the file.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = SONG


def _forget() -> None:
    """Unregister the dossier's names. ReportLab keeps the first font registered under a name and silently
    ignores any later one, and draws every later name whose face it already knows with the first font object of
    that face: without this, a face installed (or removed) after a first dossier would not be drawn."""
    from reportlab.pdfbase import pdfmetrics

    ours = [font for font in (pdfmetrics._fonts.pop(name, None) for name in SHIPPED) if font is not None]
    for face, known in list(pdfmetrics._dynFaceNames.items()):
        if any(known is font for font in ours):
            del pdfmetrics._dynFaceNames[face]
    _current.clear()


def _twin(font: Any, name: str) -> Any:
    """``font`` registered under another name, sharing its parsed face instead of reading the file again (~50 ms
    a face). As ``TTFont(name, …)`` makes it: the face is only read once parsed, and the name keeps its own
    subsets per document (``state``) and its own shaping flag."""
    from copy import copy
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab.rl_config import unShapedFontGlob

    twin = copy(font)
    twin.fontName = name
    twin.state = WeakKeyDictionary()
    twin.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
    return twin


def register() -> None:
    """The faces in use, or the shipped ones when none were chosen yet."""
    if len(_current) < len(SHIPPED) or any(not Path(p).is_file() for p, _ in _current.values()):
        _current.clear()
        use()


def face_file(name: str) -> tuple[str, int]:
    """The file (and face index) a ReportLab name is drawn with."""
    return _current.get(name) or _shipped_path(name)


def covers(font_name: str, text: str) -> list[str]:
    """Characters of ``text`` that ``font_name`` has no glyph for (so a PDF never shows boxes)."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    cmap = face.charToGlyph
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


def install(ctx: AccountContext, role: str, path: Path, index: int = 0) -> dict[str, object]:
    """Install a licensed TrueType face for a role (security officer): checked for embedding permission and
    coverage, copied into the store, its SHA-256 recorded in the signed log."""
    from app import audit
    from app.crypto import provider
    from app.dossier import fontcheck
    from app.fsutil import write_atomic
    from app.permissions import Operation

    ctx.require(Operation.CERT_MANAGE)
    if role not in ROLES:
        raise InvalidInput(tr("Unknown font role '{role}'. Roles: {roles}.").format(role=role, roles=", ".join(ROLES)))
    facts = fontcheck.check(path, index)
    data = path.read_bytes()
    digest = provider().hash(data).hex()
    folder = ctx.store.directory / STORE_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"{role}-{digest[:16]}.ttf"
    write_atomic(target, data)
    with ctx.store.transaction() as db:
        audit.append(
            db,
            ctx.actor,
            "dossier.font",
            "fonts",
            {"role": role, "file": target.name, "index": index, "sha256": digest, "name": facts["name"]},
        )
    return {"role": role, "file": str(target), "sha256": digest, "name": facts["name"]}


def installed(ctx: AccountContext) -> dict[str, tuple[str, int]]:
    """The organisation's faces (ReportLab name → file, index) as the signed log records them, each file
    checked against its recorded hash; refuses when a file was replaced or removed."""
    from sqlalchemy import select

    from app.crypto import provider
    from models import AuditEntry

    with ctx.store.transaction() as db:
        rows = list(db.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.font").order_by(AuditEntry.seq)))
    latest: dict[str, dict[str, object]] = {}
    for row in rows:
        details = json.loads(row.details)
        latest[str(details["role"])] = details
    faces: dict[str, tuple[str, int]] = {}
    for role, details in latest.items():
        file = ctx.store.directory / STORE_DIR / str(details["file"])
        try:
            data = file.read_bytes()
        except OSError:
            data = b""
        if provider().hash(data).hex() != details["sha256"]:
            raise Refused(
                tr("The installed {role} font was changed or removed since it was installed; reinstall it.").format(
                    role=role
                )
            )
        faces[ROLES[role]] = (str(file), int(str(details["index"])))
    return faces
