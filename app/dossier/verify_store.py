"""Verifying a dossier against the store that made it: the definition, recusals and similarity threshold its
tally was recounted under, every fingerprint, the audit trail and chain head, the decision and its signer, and the
clerk whose certificate signed it and whose export of this very file the log records."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app import audit
from app.context import AccountContext
from app.dossier.verify import Report, _Fail
from app.i18n import tr
from app.permissions import Operation
from models import AuditEntry, Decision, Envelope, Identity, Round


def _decision_text(db: Any, ctx: AccountContext, decision: Decision) -> str | None:
    """The stored decision text, if this account may read it (the auditor may not)."""
    from app.errors import NotPermitted
    from app.sessions import content, views
    from models import ReviewSession

    key = None
    session = db.get(ReviewSession, decision.session_id)
    if decision.sealed_text is not None and session is not None:
        try:
            key = views.reader_key(db, ctx, session)
        except NotPermitted:
            key = None
    return content.decision_text(key, ctx.store.slots.store_id, decision.session_id, decision)


def _decision_signer_in_store(db: Any, ctx: AccountContext, decision: Decision, report: Report) -> None:
    """The key the dossier's decision is signed with belongs, by the signed registry, to the deciding chair."""
    if report.decision_signer is None:
        return
    from models import Account

    chair = db.get(Account, decision.decided_by)
    name = chair.name if chair is not None else ""
    if not ctx.registry.signed_by(name, report.decision_signer):
        raise _Fail(tr("The decision in the dossier is not signed by a key the registry gives the chair."))
    report.checks.append(tr("the decision's signer is the chair by the signed registry"))


def _signer_in_store(db: Any, ctx: AccountContext, manifest: dict[str, Any], report: Report) -> None:
    """The dossier is signed with a certificate the signed log issued to a clerk, and that clerk's export of this
    copy — or an archive refresh of this very file — is in the log (so the clerk was an active clerk then: the
    registry refuses entries by anyone else)."""
    from app import certs

    record = ctx.registry.certificates.get(certs.fingerprint(report.signer_cert or b""))
    if record is None or record.kind != "signing" or record.account is None:
        raise _Fail(tr("The dossier is not signed with a certificate the signed log issued to a clerk of this store."))
    exports = [
        e
        for e in db.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "dossier.export", AuditEntry.object == f"session:{manifest['session']}"
            )
        )
        if e.seq <= ctx.registry.seq
    ]
    by_hash: dict[str, tuple[AuditEntry, dict[str, Any]]] = {}
    for e in exports:
        d = json.loads(e.details)
        if isinstance(d, dict) and isinstance(d.get("sha256"), str) and d.get("copy") == manifest.get("copy"):
            by_hash.setdefault(d["sha256"], (e, d))
    # This very file, walked back through archive refreshes to one export: by the certificate's clerk.
    found, digest = None, report.sha256
    for _ in range(len(by_hash) + 1):
        step = by_hash.get(digest or "")
        if step is None:
            break
        entry, d = step
        if not d.get("refresh"):
            found = entry
            break
        digest = d.get("refreshed_from") if isinstance(d.get("refreshed_from"), str) else None
    if found is None or found.actor != record.account:
        raise _Fail(
            tr("The log records no export of this file by {clerk}, whose certificate signed it.").format(
                clerk=record.account
            )
        )
    report.checks.append(
        tr("signed by clerk {clerk}, whose export of this file the log records").format(clerk=record.account)
    )


def _definition_in_store(db: Any, ctx: AccountContext, manifest: dict[str, Any], report: Report) -> None:
    """The definition the dossier's tally was recounted under is the session's, as the store (checked against
    the chair's signed entry by ``audit verify`` below) has it."""
    from app.facts import definition_of
    from app.sessions.common import round_state
    from models import Department, ReviewSession

    session = db.get(ReviewSession, manifest["session"])
    value = (manifest.get("definition") or {}).get("value")
    if session is None or value != definition_of(db, session, ctx.store.slots.store_id):
        raise _Fail(tr("The session's definition in the dossier (rule, items, people) differs from the store's."))
    dept_of = {p.id: db.get_one(Department, p.department_id).name for p in session.participants}
    for listed in [manifest, *manifest.get("earlier_rounds", [])]:
        rnd = db.scalars(select(Round).where(Round.session_id == session.id, Round.number == listed["round"])).first()
        recused = sorted(dept_of[pid] for pid in round_state(db, rnd).recused()) if rnd is not None else None
        if recused != sorted(listed.get("recused", [])):
            raise _Fail(
                tr("The recusals the dossier counts in round {round} differ from the store's.").format(
                    round=listed["round"]
                )
            )
    from app import policy

    in_force = policy.value_at(db, "similarity_threshold_percent", int(manifest["chain_head"]["seq"]) + 1)
    if manifest.get("similarity_percent") != in_force:
        raise _Fail(
            tr(
                "The similarity threshold the dossier's tally names ({percent} %) is not the one in force when it "
                "was exported ({store} %)."
            ).format(percent=manifest.get("similarity_percent"), store=in_force)
        )
    report.checks.append(tr("the session's definition, recusals and similarity threshold match the store"))


def verify_against_store(ctx: AccountContext, report: Report) -> None:
    """Every fingerprint and the audit-chain head in the dossier match this store."""
    ctx.require(Operation.DOSSIER_VERIFY)
    manifest = report.manifest or {}
    try:
        with ctx.store.transaction() as db:
            if manifest.get("store") != ctx.store.slots.store_id:
                raise _Fail(tr("The dossier was made by another store ({store}).").format(store=manifest.get("store")))
            _definition_in_store(db, ctx, manifest, report)
            rnd = db.scalars(
                select(Round).where(Round.session_id == manifest["session"], Round.number == manifest["round"])
            ).first()
            if rnd is None:
                raise _Fail(tr("The store has no round {round} of session {session}.").format(**manifest))
            stored = {e.commitment: e for e in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id))}
            listed = {e["commitment"] for e in manifest["envelopes"]}
            if listed != set(stored):
                raise _Fail(tr("The sealed opinions listed in the dossier differ from those in the store."))
            for item in manifest["envelopes"]:
                signer = db.get_one(Identity, stored[item["commitment"]].signer_identity_id)
                if signer.fingerprint != item["signer_fingerprint"]:
                    raise _Fail(
                        tr("Signer fingerprint of {who} does not match the store.").format(
                            who=item["department"] or "chair"
                        )
                    )
            report.checks.append(tr("{n} commitment and signer fingerprints match the store").format(n=len(listed)))
            for entry in manifest["audit"]:
                row = db.get(AuditEntry, entry["seq"])
                if row is None or row.hash != entry["hash"]:
                    raise _Fail(
                        tr("Audit entry {seq} in the dossier does not match the store.").format(seq=entry["seq"])
                    )
            head = db.get(AuditEntry, manifest["chain_head"]["seq"])
            if head is None or head.hash != manifest["chain_head"]["hash"]:
                raise _Fail(tr("The audit-chain head printed in the dossier does not match the store."))
            recorded = list(
                db.scalars(
                    select(AuditEntry.seq)
                    .where(AuditEntry.object == f"session:{manifest['session']}", AuditEntry.seq <= head.seq)
                    .order_by(AuditEntry.seq)
                )
            )
            if [e["seq"] for e in manifest["audit"]] != recorded:
                raise _Fail(tr("The dossier's audit trail leaves out or adds entries the store records."))
            report.checks.append(tr("audit entries and chain head match the store"))
            decision = db.scalars(select(Decision).where(Decision.session_id == manifest["session"])).first()
            from app.crypto import provider

            if decision is None:
                raise _Fail(tr("The decision in the dossier does not match the store."))
            text = _decision_text(db, ctx, decision)
            block = manifest.get("decision") or {}
            if text is not None and (
                provider().hash(text.encode()).hex() != manifest["decision_sha256"] or block.get("text") != text
            ):
                raise _Fail(tr("The decision in the dossier does not match the store."))
            if text is not None:
                report.checks.append(tr("decision matches the store"))
            else:
                report.checks.append(
                    tr("the decision is sealed in the store for its readers; its signed record is checked below")
                )
            _decision_signer_in_store(db, ctx, decision, report)
            _signer_in_store(db, ctx, manifest, report)
            report.store_checked = True
            if report.revocation is not None and report.revocation.revoked is not None:
                report.checks.append(
                    tr(
                        "the signing certificate was revoked on {date}, after the export the log records by the "
                        "clerk while active"
                    ).format(date=report.revocation.revoked.strftime("%Y-%m-%d %H:%M"))
                )
            chain = audit.verify(db)
            if chain.broken_seq is not None:
                raise _Fail(tr("The store's audit chain is broken at entry {seq}.").format(seq=chain.broken_seq))
            if chain.problems:
                raise _Fail(tr("The store's signed facts do not verify: {problem}").format(problem=chain.problems[0]))
            report.checks.append(tr("audit chain of the store verifies ({n} entries)").format(n=chain.count))
    except _Fail as exc:
        report.failure = str(exc)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        report.failure = tr("The manifest is malformed ({kind}).").format(kind=type(exc).__name__)


__all__ = ["verify_against_store"]
