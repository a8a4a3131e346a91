"""What the insider attack tests share: the database key of one account's slot, the auditor's verdict, the
envelopes of a round opened with private keys the attacker holds, a decided session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import auditlog
from app.opinion_form import OpinionForm
from app.sealing import EnvelopeInvalid, open_sealed
from app.sessions import chair, holder_keys
from app.sessions.common import require_round
from models import Envelope, HolderKey, Identity, ReviewSession
from tests.cast import Cast

SECRET = "秘密立场XYZ"


def db_key_of(cast: Cast) -> bytes:
    return cast("管理员").store.db_key


def verify_as(cast: Cast, who: str = "审计员") -> Any:
    cast.close()
    return auditlog.verify_chain(cast(who))


def envelopes_of_current_round(ctx: Any, sid: int) -> tuple[list[HolderKey], list[tuple[Any, ...]]]:
    with ctx.store.transaction() as db:
        rnd = require_round(db, db.get_one(ReviewSession, sid))
        keys = holder_keys.round_keys(db, rnd)
        for k in keys:
            db.expunge(k)
        rows = []
        for env in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id).order_by(Envelope.id)):
            signer = db.get_one(Identity, env.signer_identity_id)
            rows.append((env.header, env.ciphertext, env.commitment, env.signature, signer.sign_public))
    return keys, rows


def open_all(rows: list[tuple[Any, ...]], privates: list[bytes]) -> list[dict[str, Any]]:
    out = []
    for header, ciphertext, commitment, signature, signer in rows:
        try:
            out.append(open_sealed(header, ciphertext, commitment, signature, signer, privates))
        except EnvelopeInvalid:
            pass
    return out


def chair_position_and_decide(cast: Cast, sid: int) -> None:
    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以初步核实。")


def decided_session(cast: Cast) -> int:
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    chair_position_and_decide(cast, sid)
    return sid


def db_bytes(directory: Path) -> bytes:
    return (directory / "huishen.db").read_bytes()
