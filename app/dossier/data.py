"""Everything a dossier prints, collected from the store in one go (plain data, no ReportLab)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import certs
from app.context import AccountContext
from app.errors import Refused
from app.i18n import tr
from app.permissions import Operation
from app.sessions import content, views
from app.sessions.common import ARCHIVED, DECIDED, load
from models import Account, AuditEntry, Department, Participant, Recusal, Round
from models.base import utcnow

ACTIONS = {
    "session.create": "创建会审事项",
    "session.open": "开始征集意见",
    "opinion.seal": "提交密封意见",
    "opinion.recuse": "申请回避",
    "recusal.decide": "主持人作出回避决定",
    "chair.recuse": "主持人申请回避",
    "chair.recusal.decide": "副主持人对主持人回避作出决定",
    "chair.release": "已回避的主持人释放揭封密钥",
    "access.refused": "拒绝越权访问",
    "session.sealed": "全部意见已密封",
    "session.close": "提前截止征集",
    "reveal.release": "监督员释放揭封密钥",
    "session.reveal": "揭封",
    "session.round": "开启新一轮",
    "chair.position": "主持人末位表态",
    "session.decide": "作出决定",
    "session.withdraw": "撤回",
    "opinion.read": "查阅意见",
    "tally.read": "查阅计票",
    "dossier.export": "导出案卷",
    "dossier.print": "打印案卷",
}


# What the chair does, when the deputy chair acting in the recused chair's place did it (issue 14: the record
# names who acted).
ACTING = {"recusal.decide": "代行主持人作出回避决定", "chair.position": "代行主持人末位表态"}


def _label(action: str, actor: str, session: dict[str, Any]) -> str:
    if action in ACTING and session.get("chair_recused") and actor == session.get("deputy"):
        return ACTING[action]
    return ACTIONS.get(action, action)


BEIJING_LABEL = "北京时间"


def _beijing(ts: datetime) -> datetime:
    from datetime import timedelta, timezone

    return ts.astimezone(timezone(timedelta(hours=8)))


def local_date(ts: datetime) -> str:
    """The date as a record writes it (GB/T 9704 7.3.5.4): 2026年11月24日, no leading zeros."""
    b = _beijing(ts)
    return f"{b.year}年{b.month}月{b.day}日"


def local_time(ts: datetime) -> str:
    """Date and Beijing time of day, as the archive reads it: 2026年11月24日 11:01:46 (the zone named by the caller
    once for a table, or with ``zoned``)."""
    return f"{local_date(ts)} {_beijing(ts).strftime('%H:%M:%S')}"


def zoned(text: str) -> str:
    """A time with its zone named; the time of day and the zone kept on one line."""
    from app.dossier.typeset import keep

    day, _, clock = text.rpartition(" ")
    if ":" not in clock:
        return text
    return f"{day} {keep(f'{clock}（{BEIJING_LABEL}）')}"


def collect(ctx: AccountContext, session_id: int, retention: str | None = None) -> dict[str, Any]:
    """The dossier's content for a decided (or archived) session; clerk only. ``retention`` (永久/30年/10年)
    overrides the matter kind's default retention period."""
    ctx.require(Operation.DOSSIER_EXPORT)
    # One transaction, one full check of the session against its signed facts: every row below is read in the
    # transaction that checked it (it holds the write lock from its start: app.store), the reads recorded last.
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        # The chair's (and deputy's) account rows read once: the recusal ledgers look them up by id again and again,
        # and the transaction's identity map keeps a row only while something refers to it.
        chairs = [db.get(Account, i) for i in (session.chair_id, session.deputy_id) if i is not None]
        key = views.ReaderKey(db, ctx, session)
        info = views.read_show(db, ctx, session, key)
        if info["status"] not in (DECIDED, ARCHIVED):
            raise Refused(
                tr("Only a decided session can be archived as a dossier (this one is {status}).").format(
                    status=info["status_label"]
                )
            )
        opinions = views.read_opinions(db, ctx, session, key)
        tally, _rows = views.read_tally(db, ctx, session, key, rows=opinions["opinions"])
        reads: list[tuple[dict[str, Any], dict[str, Any]]] = [(opinions, tally)]
        # Earlier rounds of a session that went round again: their revealed opinions and tallies are part of the
        # record.
        earlier = []
        for r in info["rounds"]:
            if not r["revealed_at"] or r["number"] == opinions["round"]:
                continue
            past = views.read_opinions(db, ctx, session, key, round_number=r["number"])
            past_tally, _rows = views.read_tally(db, ctx, session, key, r["number"], past["opinions"])
            reads.append((past, past_tally))
            earlier.append(
                {
                    "round": r["number"],
                    "reason": next((x["reason"] for x in info["rounds"] if x["number"] == r["number"] + 1), None),
                    "opinions": past["opinions"],
                    "tally": past_tally,
                }
            )
        rnd = db.scalars(select(Round).where(Round.session_id == session_id).order_by(Round.number.desc())).first()
        assert rnd is not None
        recusals = {}
        for r in db.scalars(select(Recusal).where(Recusal.round_id == rnd.id, Recusal.has_conflict.is_(True))):
            p = db.get_one(Participant, r.participant_id)
            statement = content.recusal_statement(
                key(), ctx.store.slots.store_id, session.id, rnd.number, r, identity=ctx.keys.kem.private
            )
            recusals[db.get_one(Department, p.department_id).name] = statement or ""
        from app.sessions import custodian_recusal, deputy, recusal_decisions

        recusal_record = (
            deputy.rows(db, ctx, session, key())
            + recusal_decisions.rows(db, ctx, session, key())
            + custodian_recusal.rows(db, ctx, session, key())
        )
        from app.dossier import proofs

        store_id = ctx.store.slots.store_id
        envelope_proofs = proofs.collect(db, rnd.id, key(), store_id)
        for past in earlier:
            earlier_round = db.scalars(
                select(Round).where(Round.session_id == session_id, Round.number == past["round"])
            ).one()
            envelope_proofs.update(proofs.collect(db, earlier_round.id, key(), store_id))
        decision_block = _decision_block(db, ctx, session.id, key())
        # The workstation the genesis entry names (signed); a newer identity row anyone may write is not it.
        workstation = ctx.registry.workstation or ""
        from app import policy

        # The threshold the tally's 意见高度雷同 lines were found under (dossier verify recounts them with it).
        similarity = policy.load(db, ctx.registry).similarity_threshold_percent
        from app.dossier import chain

        # The session's verdict before the reads are recorded, and the database as it was then: the chain check
        # below needs no second full check when nothing but these records was written since (chain.py).
        verified = chain.verified(db, ctx, session)
        for read, _tally in reads:  # as opinions() and tally() record them, round by round
            views.record_opinions_read(db, ctx, session, read)
            views.record_tally_read(db, ctx, session, read["round"], read["opinions"])
        entries = list(
            db.scalars(select(AuditEntry).where(AuditEntry.object == f"session:{session_id}").order_by(AuditEntry.seq))
        )
        head = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        from app.dossier import blocks

        definition = blocks.definition_record(db, session, store_id, entries)
        # From this account's verified checkpoint, not the whole store (the cost independent of the log's length).
        chain_ok = chain.holds(db, ctx, session, entries, verified)
        del chairs
    # After the session's check, as before (a session altered in the database is named first).
    material = certs.signing_material(ctx)
    from app.dossier.fonts import installed
    from app.dossier.printing import used_copy_numbers

    faces = installed(ctx)
    now = utcnow()
    classifier = next((e.actor for e in entries if e.action == "session.create"), None)
    decided_at = (info.get("decision") or {}).get("decided_at")
    year = _beijing(datetime.fromisoformat(decided_at) if decided_at else now).year
    from app.dossier import archive

    return {
        "archive": archive.metadata(
            info["kind"], retention, session_id, year, material.cert_der, classifier if info["classification"] else None
        ),
        "session": info,
        "opinions": opinions["opinions"],
        "earlier_rounds": earlier,
        "round": opinions["round"],
        "tally": tally,
        "recusal_statements": recusals,
        "recusal_decisions": recusal_record,
        "proofs": envelope_proofs,
        "fonts": faces,
        "audit": [
            {
                "seq": e.seq,
                "time": local_time(e.ts),
                "actor": e.actor,
                "action": e.action,
                "label": _label(e.action, e.actor, info),
                "details": json.loads(e.details),
                "hash": e.hash,
            }
            for e in entries
        ],
        "chain_head": {"seq": head.seq, "hash": head.hash},
        "chain_ok": chain_ok,
        "copy_number": f"{max(used_copy_numbers(ctx, session_id), default=0) + 1:06d}",
        "exported_at": now.isoformat(),
        "exported_local": local_time(now),
        "exported_by": ctx.name,
        "workstation": workstation,
        "store_id": ctx.store.slots.store_id,
        "signing_cert": material.cert_der,
        "decision_block": decision_block,
        "definition": definition,
        "similarity_percent": similarity,
    }


def _decision_block(db: Any, ctx: AccountContext, session_id: int, key: bytes | None) -> dict[str, Any]:
    """The decision as the chair signed it, with the keys that verify it (the dossier's proof of its decision)."""
    from app import facts
    from app.sessions import decision_proof
    from models import Account, Decision, Identity

    decision = db.scalars(select(Decision).where(Decision.session_id == session_id)).one()
    number = db.get_one(Round, decision.round_id).number
    signed = facts.decision_signed_bytes(
        session_id,
        number,
        decision.text,
        decision.decided_at.isoformat(),
        decision.sealed_text,
        decision.basis,
        decision.sealed_basis,
    )
    candidates = [
        (row.sign_public, row.kem_public)
        for row in db.scalars(select(Identity).where(Identity.account_id == decision.decided_by))
    ]
    signer = decision_proof.signer_of(decision, signed, candidates)
    if signer is None:
        raise Refused(
            tr("The decision does not verify against the chair's signature; the store may have been tampered with.")
        )
    chair = db.get_one(Account, decision.decided_by).name
    opened = content.decision_opened(key, ctx.store.slots.store_id, session_id, decision)
    return decision_proof.manifest_block(decision, number, chair, opened, signer)


def manifest(data: dict[str, Any]) -> dict[str, Any]:
    """The machine-readable facts the dossier vouches for; embedded in the PDF and covered by its signature."""
    from app.crypto import provider

    decision = data["session"]["decision"] or {}
    return {
        "format": "huishen-dossier",
        "version": 5,
        "store": data["store_id"],
        "session": data["session"]["id"],
        "ref": data["session"]["ref"],
        "round": data["round"],
        "copy": data["copy_number"],
        "exported_at": data["exported_at"],
        "workstation": data["workstation"],
        "envelopes": [_envelope(o, data) for o in data["opinions"]],
        "earlier_rounds": [
            {"round": r["round"], "envelopes": [_envelope(o, data) for o in r["opinions"]]}
            | _round_record(r["tally"], r.get("reason"))
            for r in data.get("earlier_rounds", [])
        ],
        **_round_record(data["tally"], None),
        "definition": data["definition"],
        "similarity_percent": data["similarity_percent"],
        "audit": [{"seq": e["seq"], "hash": e["hash"]} for e in data["audit"]],
        "chain_head": data["chain_head"],
        "decision_sha256": provider().hash(decision.get("text", "").encode()).hex(),
        "decision": data["decision_block"],
        "archive": data["archive"],
    }


def _envelope(o: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    return {
        "department": o["department"],
        "author": o["author"],
        "is_chair": o["is_chair"],
        "commitment": o["commitment"],
        "signer_fingerprint": o["signer_fingerprint"],
        "valid": o["valid"],
        "problem": o.get("problem"),
        "proof": data["proofs"].get(o["commitment"]),
    }


def _round_record(tally: dict[str, Any], superseded: str | None) -> dict[str, Any]:
    """What section 四 prints of a round besides its opinions, and who was recused (for the tally's 应到)."""
    from app.dossier import record

    return {"recused": list(tally["recused"]), "notes": record.round_notes(tally.get("round_info"), superseded)}
