"""Certificates as the signed log states them (issue 8 item 4): which CA the security officer made or imported,
which signing and timestamping certificates were issued to which clerk for which key the clerk requested.
Replayed with the registry, so no check ever trusts the certificates table's rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.registry import Registry
    from models import AuditEntry

CLERK = "clerk"


@dataclass(frozen=True)
class CertRecord:
    """A certificate the log vouches for. ``account`` None: a workstation certificate of older stores, which any
    account could use (never accepted as a dossier's signer)."""

    fingerprint: str
    kind: str  # "ca", "signing" or "tsa"
    account: str | None
    holder: str | None  # the identity whose key unwraps the private key
    seq: int


@dataclass(frozen=True)
class CertRequest:
    """A clerk's signed request: the digests of the certificate requests made with keys only that clerk holds."""

    holder: str
    signing: str
    tsa: str
    seq: int


def _add(reg: Registry, fp: Any, kind: str, account: str | None, holder: Any, seq: int) -> None:
    if isinstance(fp, str) and fp:
        reg.certificates[fp] = CertRecord(fp, kind, account, holder if isinstance(holder, str) else None, seq)


def apply(reg: Registry, entry: AuditEntry, details: dict[str, Any]) -> None:
    """Apply one ``cert.*`` entry (its actor's entitlement was checked by the registry)."""
    action, seq = entry.action, entry.seq
    if action == "cert.init_ca":
        _add(reg, details.get("ca"), "ca", None, details.get("holder"), seq)
        if "holder" not in details:  # older stores: a workstation signing certificate beside the CA
            _add(reg, details.get("signing"), "signing", None, None, seq)
    elif action == "cert.import":
        chain = details.get("chain_fingerprints")
        for fp in chain if isinstance(chain, list) else []:  # a malformed entry has no effect
            _add(reg, fp, "ca", None, None, seq)
        account = details.get("account")
        if isinstance(account, str) and _is_clerk_key(reg, account, details.get("holder")):
            _add(reg, details.get("signing"), "signing", account, details.get("holder"), seq)
        elif account is None:
            _add(reg, details.get("signing"), "signing", None, None, seq)
    elif action == "cert.init_tsa":
        _add(reg, details.get("tsa"), "tsa", None, None, seq)
    elif action == "cert.request":
        holder, signing, tsa = details.get("holder"), details.get("signing_request"), details.get("tsa_request")
        if isinstance(holder, str) and isinstance(signing, str) and isinstance(tsa, str):
            if reg.holds_key(entry.actor, holder):
                reg.cert_requests[entry.actor] = CertRequest(holder, signing, tsa, seq)
    elif action == "cert.issue":
        _issue(reg, details, seq)


def _is_clerk_key(reg: Registry, account: str, holder: Any) -> bool:
    return isinstance(holder, str) and reg.holds_key(account, holder) and CLERK in reg.roles_of(account)


def _issue(reg: Registry, details: dict[str, Any], seq: int) -> None:
    """Takes effect only for exactly what the clerk requested, with the clerk's current key (else: no effect)."""
    account = details.get("account")
    if not isinstance(account, str) or account not in reg.cert_requests:
        return
    request = reg.cert_requests.get(account)
    if (
        request is None
        or details.get("holder") != request.holder
        or details.get("request") != request.signing
        or details.get("tsa_request") != request.tsa
        or not _is_clerk_key(reg, account, request.holder)
    ):
        return
    _add(reg, details.get("signing"), "signing", account, request.holder, seq)
    _add(reg, details.get("tsa"), "tsa", account, request.holder, seq)
    del reg.cert_requests[account]


def ca_fingerprints(reg: Registry) -> set[str]:
    return {fp for fp, rec in reg.certificates.items() if rec.kind == "ca"}
