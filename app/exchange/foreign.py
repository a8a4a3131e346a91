"""Identities of other stores, registered here by the administrator from a confirmed identity card.

A foreign identity signs exchange files only: it never owns a key of this store's registry, so nothing
it signs can ever count as an entry of this store's log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.identity import fingerprint_of

REGISTER_ACTION = "exchange.register"
REVOKE_ACTION = "exchange.revoke"
AUTHORISE_ACTION = "exchange.authorise"
ENROL_ACTION = "exchange.enrol"
# The roles a remote member may hold in this store's sessions (issue 10): reveal-key holder and reviewer.
MEMBER_ROLES = frozenset({"custodian", "reviewer"})
# Roles that reach a session's content: under the two-person rule (三员分立) an identity of another
# workstation holding one is trusted only once the security officer authorises what the administrator registered.
SYSTEM_ROLES = frozenset({"administrator", "auditor", "security_officer"})
ROLES = frozenset({"chair", "custodian", "reviewer", "clerk", "administrator", "auditor", "security_officer"})


@dataclass(frozen=True)
class ForeignRecord:
    """One registered identity of another store, as the administrator's signed entry records it."""

    name: str
    department: str | None
    roles: frozenset[str]
    store: str
    workstation: str
    fingerprint: str
    sign_public: bytes
    kem_public: bytes
    seq: int
    revoked: bool = False
    revoked_seq: int | None = None  # the entry that revoked it: statements embedded after it count for nothing
    authorised: bool = False

    def trusted(self, two_person: bool) -> bool:
        """Whether files of this identity are accepted: not revoked, and authorised where the rule asks it."""
        return not self.revoked and (self.authorised or not two_person or self.roles <= SYSTEM_ROLES)

    def details(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "department": self.department,
            "roles": sorted(self.roles),
            "store": self.store,
            "workstation": self.workstation,
            "fingerprint": self.fingerprint,
            "sign_public": self.sign_public.hex(),
            "kem_public": self.kem_public.hex(),
        }


def parse(details: dict[str, Any], seq: int) -> ForeignRecord | None:
    """The record an ``exchange.register`` entry makes, or None when its details are not one."""
    try:
        sign, kem = bytes.fromhex(details["sign_public"]), bytes.fromhex(details["kem_public"])
        roles = details["roles"]
        dept = details["department"]
        record = ForeignRecord(
            str(details["name"]),
            dept if isinstance(dept, str) else None,
            frozenset(str(r) for r in roles) if isinstance(roles, list) else frozenset(),
            str(details["store"]),
            str(details["workstation"]),
            str(details["fingerprint"]),
            sign,
            kem,
            seq,
        )
    except (KeyError, TypeError, ValueError):
        return None
    if fingerprint_of(sign, kem) != record.fingerprint or not record.roles <= ROLES:
        return None
    return record


def revoke(records: dict[str, ForeignRecord], details: dict[str, Any], seq: int | None = None) -> bool:
    """Apply an ``exchange.revoke`` entry: the named, registered, not yet revoked identity is trusted no more."""
    fp = details.get("fingerprint")
    record = records.get(fp) if isinstance(fp, str) else None
    if record is None or record.revoked:
        return False
    records[record.fingerprint] = replace(record, revoked=True, revoked_seq=seq)
    return True


def authorise(records: dict[str, ForeignRecord], details: dict[str, Any]) -> bool:
    """Apply an ``exchange.authorise`` entry: the security officer's countersignature of a registration."""
    fp = details.get("fingerprint")
    record = records.get(fp) if isinstance(fp, str) else None
    if record is None or record.revoked or record.authorised:
        return False
    records[record.fingerprint] = replace(record, authorised=True)
    return True
