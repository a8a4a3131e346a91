"""Codes the store keeps (roles, rules, audit actions, detail keys) in the user's language, for the screens.

Each label is a literal ``QCoreApplication.translate("Labels", …)`` call so lupdate collects it; a code with no
label is shown as it is (never hidden), so a new action still appears in the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.sessions.common import status_label


def role_label(code: str) -> str:
    labels = {
        "administrator": QCoreApplication.translate("Labels", "administrator"),
        "security_officer": QCoreApplication.translate("Labels", "security officer"),
        "auditor": QCoreApplication.translate("Labels", "auditor"),
        "chair": QCoreApplication.translate("Labels", "chair"),
        "reviewer": QCoreApplication.translate("Labels", "reviewer"),
        "custodian": QCoreApplication.translate("Labels", "custodian"),
        "clerk": QCoreApplication.translate("Labels", "clerk"),
    }
    return labels.get(code, code)


def roles_label(codes: Iterable[str]) -> str:
    return QCoreApplication.translate("Labels", ", ").join(role_label(c) for c in sorted(codes)) or "—"


def rule_label(code: str) -> str:
    labels = {
        "majority-of-expected": QCoreApplication.translate("Labels", "Majority of members expected"),
        "two-thirds": QCoreApplication.translate("Labels", "Two-thirds of members expected"),
        "unanimity": QCoreApplication.translate("Labels", "Unanimity"),
        "advisory": QCoreApplication.translate("Labels", "Advisory (no binding count)"),
    }
    return labels.get(code, code)


ACTIONS = (
    "access.refused",
    "account.add",
    "account.authorise",
    "account.clearance",
    "account.disable",
    "account.enable",
    "account.passwd",
    "account.reissue",
    "account.unlock",
    "backup.create",
    "cert.import",
    "cert.init_ca",
    "cert.issue",
    "cert.request",
    "chair.position",
    "dossier.export",
    "dossier.print",
    "exchange.authorise",
    "exchange.enrol",
    "exchange.export",
    "exchange.import",
    "exchange.register",
    "exchange.revoke",
    "keys.issue",
    "opinion.read",
    "opinion.recuse",
    "opinion.remote",
    "recusal.remote",
    "recusal.decide",
    "chair.recuse",
    "chair.recusal.decide",
    "chair.release",
    "opinion.seal",
    "policy.set",
    "reveal.release",
    "reveal.remote",
    "session.close",
    "session.create",
    "session.decide",
    "session.open",
    "session.reveal",
    "session.round",
    "session.sealed",
    "session.withdraw",
    "statistics.read",
    "store.init",
    "store.restore",
    "store.two_person",
    "tally.read",
)


def action_label(code: str) -> str:
    labels = {
        "account.add": QCoreApplication.translate("Labels", "account added"),
        "account.authorise": QCoreApplication.translate("Labels", "roles or key authorised"),
        "account.clearance": QCoreApplication.translate("Labels", "clearance level set"),
        "access.refused": QCoreApplication.translate("Labels", "access refused (need to know)"),
        "account.anchor": QCoreApplication.translate("Labels", "trust anchor set"),
        "account.disable": QCoreApplication.translate("Labels", "account disabled"),
        "account.enable": QCoreApplication.translate("Labels", "account enabled"),
        "account.passwd": QCoreApplication.translate("Labels", "passphrase changed"),
        "account.reissue": QCoreApplication.translate("Labels", "passphrase reset"),
        "account.unlock": QCoreApplication.translate("Labels", "signed in"),
        "backup.create": QCoreApplication.translate("Labels", "backup made"),
        "cert.import": QCoreApplication.translate("Labels", "certificate imported"),
        "cert.init_ca": QCoreApplication.translate("Labels", "local CA created"),
        "cert.issue": QCoreApplication.translate("Labels", "clerk's certificates issued"),
        "cert.request": QCoreApplication.translate("Labels", "signing certificate requested"),
        "chair.position": QCoreApplication.translate("Labels", "chair's position sealed"),
        "dossier.export": QCoreApplication.translate("Labels", "dossier exported"),
        "dossier.print": QCoreApplication.translate("Labels", "dossier printed"),
        "exchange.authorise": QCoreApplication.translate("Labels", "identity of another workstation authorised"),
        "exchange.enrol": QCoreApplication.translate("Labels", "member at another workstation enrolled"),
        "exchange.export": QCoreApplication.translate("Labels", "exchange file exported"),
        "exchange.import": QCoreApplication.translate("Labels", "exchange file imported"),
        "exchange.register": QCoreApplication.translate("Labels", "identity of another workstation registered"),
        "exchange.revoke": QCoreApplication.translate("Labels", "identity of another workstation revoked"),
        "keys.issue": QCoreApplication.translate("Labels", "one-time keys issued"),
        "opinion.read": QCoreApplication.translate("Labels", "opinions read"),
        "opinion.recuse": QCoreApplication.translate("Labels", "recusal recorded"),
        "recusal.decide": QCoreApplication.translate("Labels", "recusal decided by the chair"),
        "chair.recuse": QCoreApplication.translate("Labels", "the chair asked to be recused"),
        "chair.release": QCoreApplication.translate("Labels", "round key released by the recused chair"),
        "chair.recusal.decide": QCoreApplication.translate("Labels", "the chair's recusal decided by the deputy chair"),
        "opinion.seal": QCoreApplication.translate("Labels", "opinion sealed"),
        "policy.set": QCoreApplication.translate("Labels", "policy changed"),
        "reveal.release": QCoreApplication.translate("Labels", "reveal key released"),
        "opinion.remote": QCoreApplication.translate("Labels", "opinion sealed at another workstation"),
        "recusal.remote": QCoreApplication.translate("Labels", "recusal requested at another workstation"),
        "reveal.remote": QCoreApplication.translate("Labels", "reveal key released at another workstation"),
        "session.close": QCoreApplication.translate("Labels", "collection closed early"),
        "session.create": QCoreApplication.translate("Labels", "session created"),
        "session.decide": QCoreApplication.translate("Labels", "decision recorded"),
        "session.open": QCoreApplication.translate("Labels", "session opened"),
        "session.reveal": QCoreApplication.translate("Labels", "opinions revealed"),
        "session.round": QCoreApplication.translate("Labels", "new round opened"),
        "session.sealed": QCoreApplication.translate("Labels", "all opinions sealed"),
        "session.withdraw": QCoreApplication.translate("Labels", "session withdrawn"),
        "statistics.read": QCoreApplication.translate("Labels", "statistics read"),
        "store.init": QCoreApplication.translate("Labels", "store created"),
        "store.reanchor": QCoreApplication.translate("Labels", "older store re-anchored"),
        "store.restore": QCoreApplication.translate("Labels", "store restored from a backup"),
        "store.two_person": QCoreApplication.translate("Labels", "two-person grants in force"),
        "tally.read": QCoreApplication.translate("Labels", "tally read"),
    }
    return labels.get(code, code)


def policy_label(key: str) -> str:
    labels = {
        "min_reasoning_chars": QCoreApplication.translate("Labels", "minimum reasoning length"),
        "stock_phrases": QCoreApplication.translate("Labels", "stock phrases"),
        "similarity_threshold_percent": QCoreApplication.translate("Labels", "near-duplicate threshold"),
        "idle_lock_minutes": QCoreApplication.translate("Labels", "idle lock minutes"),
        "min_custodians": QCoreApplication.translate("Labels", "minimum custodians per session"),
        "passphrase_min_score": QCoreApplication.translate("Labels", "minimum passphrase strength"),
        "backup_reminder_days": QCoreApplication.translate("Labels", "backup reminder (days)"),
        "kdf_n": QCoreApplication.translate("Labels", "key derivation cost"),
        "kdf_cost_log2": QCoreApplication.translate("Labels", "key derivation cost"),
    }
    return labels.get(key, QCoreApplication.translate("Labels", "security policy: {key}").format(key=key))


def detail_key_label(key: str) -> str:
    labels = {
        "round": QCoreApplication.translate("Labels", "round"),
        "departments": QCoreApplication.translate("Labels", "departments"),
        "roles": QCoreApplication.translate("Labels", "roles"),
        "department": QCoreApplication.translate("Labels", "department"),
        "reason": QCoreApplication.translate("Labels", "reason"),
        "opened": QCoreApplication.translate("Labels", "opened"),
        "rejected": QCoreApplication.translate("Labels", "rejected"),
        "holders": QCoreApplication.translate("Labels", "key holders"),
        "status": QCoreApplication.translate("Labels", "status"),
        "key": QCoreApplication.translate("Labels", "key"),
        "value": QCoreApplication.translate("Labels", "value"),
        "copies": QCoreApplication.translate("Labels", "copies"),
        "failed_attempts_before": QCoreApplication.translate("Labels", "failed attempts before"),
        "fingerprint": QCoreApplication.translate("Labels", "fingerprint"),
        "count": QCoreApplication.translate("Labels", "count"),
        "digest": QCoreApplication.translate("Labels", "digest"),
        "recused": QCoreApplication.translate("Labels", "recused"),
        "recusal": QCoreApplication.translate("Labels", "recusal declaration"),
        "commitment": QCoreApplication.translate("Labels", "commitment"),
        "file": QCoreApplication.translate("Labels", "file"),
        "sha256": QCoreApplication.translate("Labels", "SHA-256"),
        "audit_seq": QCoreApplication.translate("Labels", "audit log up to entry"),
        "backup_sha256": QCoreApplication.translate("Labels", "backup SHA-256"),
        "backup_created": QCoreApplication.translate("Labels", "backup made at"),
        "backup_audit_seq": QCoreApplication.translate("Labels", "backup's audit log up to entry"),
        "backup_by": QCoreApplication.translate("Labels", "backup made by"),
        "administrator": QCoreApplication.translate("Labels", "administrator"),
        "registers": QCoreApplication.translate("Labels", "registers keys"),
        "workstation": QCoreApplication.translate("Labels", "workstation"),
        "keys": QCoreApplication.translate("Labels", "keys"),
        "chair": QCoreApplication.translate("Labels", "chair"),
        "deputy": QCoreApplication.translate("Labels", "deputy chair"),
        "quorum": QCoreApplication.translate("Labels", "attendance quorum"),
        "approved": QCoreApplication.translate("Labels", "approved"),
        "statement": QCoreApplication.translate("Labels", "statement (sealed)"),
        "custodians": QCoreApplication.translate("Labels", "custodians"),
        "definition": QCoreApplication.translate("Labels", "definition digest"),
        "kind": QCoreApplication.translate("Labels", "matter kind"),
        "ref": QCoreApplication.translate("Labels", "reference number"),
        "rule": QCoreApplication.translate("Labels", "decision rule"),
        "holder_keys": QCoreApplication.translate("Labels", "key holders' keys"),
        "reveal_key_holders": QCoreApplication.translate("Labels", "key holders"),
        "round_key": QCoreApplication.translate("Labels", "round key"),
        "envelope": QCoreApplication.translate("Labels", "envelope"),
        "anchored": QCoreApplication.translate("Labels", "anchored"),
        "classification": QCoreApplication.translate("Labels", "classification"),
        "title": QCoreApplication.translate("Labels", "title"),
        "signing_subject": QCoreApplication.translate("Labels", "certificate subject"),
        "subject": QCoreApplication.translate("Labels", "certificate subject"),
        "path": QCoreApplication.translate("Labels", "file"),
        "pages": QCoreApplication.translate("Labels", "pages"),
        "name": QCoreApplication.translate("Labels", "name"),
        "ca": QCoreApplication.translate("Labels", "CA fingerprint"),
        "signing": QCoreApplication.translate("Labels", "signing certificate fingerprint"),
        "signing_fingerprint": QCoreApplication.translate("Labels", "signing certificate fingerprint"),
        "organisation": QCoreApplication.translate("Labels", "organisation"),
        "decision": QCoreApplication.translate("Labels", "decision"),
        "rounds": QCoreApplication.translate("Labels", "rounds"),
        "absent": QCoreApplication.translate("Labels", "absent"),
        "bytes": QCoreApplication.translate("Labels", "bytes"),
        "chain": QCoreApplication.translate("Labels", "chain head"),
        "copy": QCoreApplication.translate("Labels", "copy"),
        "new": QCoreApplication.translate("Labels", "new value"),
        "old": QCoreApplication.translate("Labels", "old value"),
        "retired": QCoreApplication.translate("Labels", "retired key"),
        "sealed": QCoreApplication.translate("Labels", "sealed"),
        "facts": QCoreApplication.translate("Labels", "signed facts"),
        "content_key": QCoreApplication.translate("Labels", "content key digest"),
        "two_person": QCoreApplication.translate("Labels", "two-person grants"),
        "quorum_era": QCoreApplication.translate("Labels", "sessions held to attendance quorums"),
        "to": QCoreApplication.translate("Labels", "released to"),
        "revealed": QCoreApplication.translate("Labels", "revealed contents"),
        "anchor_missing": QCoreApplication.translate("Labels", "trust anchor missing"),
        "change": QCoreApplication.translate("Labels", "change id"),
        "holder": QCoreApplication.translate("Labels", "key holder"),
        "account": QCoreApplication.translate("Labels", "account"),
        "signing_request": QCoreApplication.translate("Labels", "signing request digest"),
        "tsa_request": QCoreApplication.translate("Labels", "timestamping request digest"),
        "request": QCoreApplication.translate("Labels", "request"),
        "participant": QCoreApplication.translate("Labels", "participant no."),
        "tsa": QCoreApplication.translate("Labels", "timestamping certificate fingerprint"),
        "chain_fingerprints": QCoreApplication.translate("Labels", "CA chain fingerprints"),
        "level": QCoreApplication.translate("Labels", "clearance level"),
        "was": QCoreApplication.translate("Labels", "previous level"),
        "clerks": QCoreApplication.translate("Labels", "clerks"),
    }
    return labels.get(key, key)


def object_label(obj: str, refs: dict[str, str]) -> str:
    """``session:5`` as the matter's 编号 when known; an account as its name."""
    if obj in refs:
        return refs[obj]
    kind, _, rest = obj.partition(":")
    if kind == "account" and rest:
        return rest
    if kind == "session" and rest:
        return QCoreApplication.translate("Labels", "session {id}").format(id=rest)
    if kind == "store":
        return QCoreApplication.translate("Labels", "this store")
    if kind == "certificates":
        return QCoreApplication.translate("Labels", "certificates")
    if kind == "statistics":
        return QCoreApplication.translate("Labels", "statistics")
    if kind == "policy":
        return policy_label(rest)
    return obj


def details_label(details: Any) -> str:
    """Audit details as readable ``key: value`` pairs (status codes and roles translated)."""
    if not isinstance(details, dict):
        return "" if details in (None, "") else str(details)
    parts = []
    for key, value in details.items():
        if key == "status" and isinstance(value, str):
            shown = status_label(value)
        elif key == "rule" and isinstance(value, str):
            shown = rule_label(value)
        elif key == "kind" and isinstance(value, str):
            shown = kind_label(value)
        elif key == "quorum" and isinstance(value, str):
            shown = quorum_label(value)
        elif key == "roles" and isinstance(value, list):
            shown = roles_label([str(v) for v in value])
        else:
            shown = _plain(value)
        parts.append(f"{detail_key_label(str(key))}：{shown}")
    return "；".join(parts)


def quorum_label(code: str) -> str:
    labels = {
        "majority": QCoreApplication.translate("Labels", "more than half of the original 应到"),
        "two-thirds": QCoreApplication.translate("Labels", "two thirds of the original 应到"),
    }
    return labels.get(code, code)


def kind_label(code: str) -> str:
    from app.matters import kinds

    known = kinds()
    if code in known:
        return known[code].label
    return QCoreApplication.translate("Labels", "custom options") if code == "custom" else code


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("Labels", "yes") if value else QCoreApplication.translate("Labels", "no")
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return "，".join(f"{detail_key_label(str(k))} {_plain(v)}" for k, v in value.items())
    text = str(value)
    if len(text) >= 32 and all(c in "0123456789abcdefABCDEF:" for c in text):
        return text[:14] + "…"  # a digest: its start identifies it; the full value is in the tooltip
    return text
