"""The replay of the signed log, entry by entry: hash links, signatures and the actor's entitlement
(:mod:`app.registry` runs it over the whole log)."""

from __future__ import annotations

import json
from typing import Any

from app import audit, cert_facts
from app.crypto import provider
from app.exchange import foreign
from app.i18n import tr
from app.identity import fingerprint_of
from app.permissions import Operation, Role, allowed
from app.registry_model import (
    ISSUE_ACTION,
    OPENINGS,
    QUORUM_ERA_KEYS,
    SYSTEM_ROLE_NAMES,
    AccountRecord,
    Registry,
    RegistryBroken,
    count_issued,
    count_spent,
)
from models import AuditEntry, Identity

# Which operation the actor of each action must be allowed; actions on accounts are
# registry statements and are replayed below.  Session-specific entitlement (this
# chair, this department's reviewer) is checked by app.facts against the signed
# session definition.
ACTION_OPERATIONS: dict[str, Operation | None] = {
    "account.add": Operation.ACCOUNT_ADD,
    "account.disable": Operation.ACCOUNT_DISABLE,
    "account.enable": Operation.ACCOUNT_DISABLE,
    "account.reissue": Operation.ACCOUNT_REISSUE_SLOT,
    "account.authorise": Operation.ACCOUNT_AUTHORISE,
    "account.clearance": Operation.ACCOUNT_AUTHORISE,
    "access.refused": None,
    "account.passwd": None,
    "account.unlock": None,
    "account.anchor": None,
    "store.reanchor": None,
    "policy.set": Operation.POLICY_SET,
    "cert.init_ca": Operation.CERT_MANAGE,
    "cert.import": Operation.CERT_MANAGE,
    "cert.init_tsa": Operation.CERT_MANAGE,
    "cert.issue": Operation.CERT_MANAGE,
    "cert.request": Operation.DOSSIER_EXPORT,
    "dossier.font": Operation.CERT_MANAGE,
    "session.create": Operation.SESSION_CREATE,
    "session.open": Operation.SESSION_CREATE,
    "session.withdraw": Operation.SESSION_CREATE,
    "session.close": Operation.SESSION_REVEAL,
    "session.reveal": Operation.SESSION_REVEAL,
    "session.round": Operation.SESSION_REVEAL,
    "session.decide": Operation.SESSION_DECIDE,
    "chair.position": Operation.CHAIR_POSITION,
    "opinion.seal": Operation.OPINION_SEAL,
    "opinion.recuse": Operation.OPINION_SEAL,
    "recusal.decide": Operation.SESSION_REVEAL,
    "custodian.recuse": Operation.REVEAL_SHARE,
    "chair.recuse": Operation.SESSION_REVEAL,  # the chair's own recusal, decided by the deputy chair
    "chair.recusal.decide": Operation.SESSION_REVEAL,
    "chair.release": Operation.SESSION_REVEAL,
    "opinion.read": Operation.SESSION_READ_CONTENT,
    "tally.read": Operation.SESSION_READ_CONTENT,
    "statistics.read": Operation.SESSION_READ_CONTENT,
    "keys.issue": Operation.REVEAL_SHARE,
    "reveal.release": Operation.REVEAL_SHARE,
    # The chair records a remote custodian's key release, embedding the custodian's signed file (issue 10).
    "reveal.remote": Operation.SESSION_REVEAL,
    # The chair records a remote reviewer's sealed opinion, embedding the reviewer's signed file (issue 10).
    "opinion.remote": Operation.SESSION_CREATE,
    # The chair records a remote reviewer's recusal request, embedding the reviewer's signed file (issue 10).
    "recusal.remote": Operation.SESSION_CREATE,
    "dossier.export": Operation.DOSSIER_EXPORT,
    "dossier.print": Operation.DOSSIER_EXPORT,
    # Exchange files (issue 10): the administrator registers another store's identity from its confirmed
    # card; any active account records what it imported or exported (app.exchange checks who may).
    "exchange.register": Operation.ACCOUNT_ADD,
    "exchange.revoke": Operation.ACCOUNT_DISABLE,
    "exchange.authorise": Operation.ACCOUNT_AUTHORISE,
    # A registered, trusted identity of another store enrolled as a remote member of this one (custodian,
    # reviewer): an account whose only key is that identity's, with no key slot here (app.exchange.members).
    "exchange.enrol": Operation.ACCOUNT_ADD,
    "exchange.import": None,
    "exchange.export": None,
}
# Actions whose actor may be any registered, active account (the round may close on a reviewer's seal).
_ANY_ACTIVE = {"session.sealed"}


def _details(entry: AuditEntry) -> dict[str, Any]:
    try:
        data = json.loads(entry.details)
    except ValueError as exc:
        raise RegistryBroken(entry.seq, tr("entry {seq} has unreadable details").format(seq=entry.seq)) from exc
    if not isinstance(data, dict):
        raise RegistryBroken(entry.seq, tr("entry {seq} has unreadable details").format(seq=entry.seq))
    return data


def _object_name(entry: AuditEntry) -> str:
    kind, _, name = entry.object.partition(":")
    if kind != "account" or not name:
        raise RegistryBroken(entry.seq, tr("entry {seq} names no account").format(seq=entry.seq))
    return name


class Replayer:
    """Feeds entries in order into a :class:`Registry`, checking links, signatures and entitlement."""

    def __init__(self, identities: dict[int, Identity], registry: Registry | None = None) -> None:
        self.identities = identities
        self.registry = registry or Registry()

    def _signer(self, entry: AuditEntry) -> str:
        ident = self.identities.get(entry.identity_id)
        if ident is None:
            raise RegistryBroken(entry.seq, tr("entry {seq} has an invalid signature").format(seq=entry.seq))
        fp = fingerprint_of(ident.sign_public, ident.kem_public)
        if not provider().verify(ident.sign_public, entry.signature, audit.signed_bytes(entry.hash)):
            raise RegistryBroken(entry.seq, tr("entry {seq} has an invalid signature").format(seq=entry.seq))
        self.registry.public_keys.setdefault(fp, (ident.sign_public, ident.kem_public))
        return fp

    def feed(self, entry: AuditEntry, check_signature: bool = True) -> None:
        """Apply one entry; raises :class:`RegistryBroken` naming what is wrong."""
        reg = self.registry
        seq = entry.seq
        if seq != reg.seq + 1:
            raise RegistryBroken(
                reg.seq + 1, tr("entry {seq} is missing (removed or renumbered)").format(seq=reg.seq + 1)
            )
        if entry.prev_hash != reg.head:
            raise RegistryBroken(
                seq, tr("entry {seq} does not follow entry {prev} (reordered or removed)").format(seq=seq, prev=seq - 1)
            )
        digest = audit.entry_hash(
            seq, entry.ts, entry.actor, entry.action, entry.object, entry.details, entry.prev_hash
        )
        if digest != entry.hash:
            raise RegistryBroken(seq, tr("entry {seq} was altered").format(seq=seq))
        details = _details(entry)
        ident = self.identities.get(entry.identity_id)
        if check_signature or seq == 1:
            fp = self._signer(entry)
        elif ident is not None:
            fp = fingerprint_of(ident.sign_public, ident.kem_public)
            reg.public_keys.setdefault(fp, (ident.sign_public, ident.kem_public))
        else:
            raise RegistryBroken(seq, tr("entry {seq} has an invalid signature").format(seq=seq))
        if seq == 1:
            self._genesis(entry, details, fp)
        else:
            self._apply(entry, details, fp)
        if entry.object.startswith("session:"):
            reg.session_hashes[seq] = bytes.fromhex(digest)[:16]
        if entry.action in OPENINGS:
            count_spent(details, reg.spent_keys)
        elif entry.action == "policy.set":
            reg.policy_hashes[seq] = bytes.fromhex(digest)[:16]
        if entry.action == ISSUE_ACTION:
            count_issued(entry.actor, details, reg.issued_keys)
        if reg.quorum_era is None and any(k in details for k in QUORUM_ERA_KEYS.get(entry.action, ())):
            reg.quorum_era = seq
        reg.seq = seq
        reg.head = digest

    def _genesis(self, entry: AuditEntry, details: dict[str, Any], fp: str) -> None:
        reg = self.registry
        admin = details.get("administrator")
        registers = details.get("registers")
        if entry.action != "store.init" or not isinstance(admin, str) or admin != entry.actor:
            raise RegistryBroken(1, tr("entry 1 is not the store's genesis entry").format())
        if not isinstance(registers, list) or fp not in registers:
            raise RegistryBroken(1, tr("entry {seq} is signed by an unregistered key").format(seq=1))
        reg.genesis = entry.hash
        reg.store_id = entry.object.partition(":")[2]
        reg.accounts[admin] = AccountRecord(admin, frozenset({Role.ADMINISTRATOR.value}), None, {fp}, current=fp)
        reg.owner[fp] = admin
        ws = details.get("workstation")
        reg.workstation = ws if isinstance(ws, str) else None
        reg.two_person = reg.genesis_two_person = details.get("two_person") is True

    def _apply(self, entry: AuditEntry, details: dict[str, Any], fp: str) -> None:
        reg = self.registry
        seq = entry.seq
        if reg.owner.get(fp) != entry.actor:
            if fp in reg.owner:
                raise RegistryBroken(seq, tr("entry {seq} is signed by another account's key").format(seq=seq))
            raise RegistryBroken(seq, tr("entry {seq} is signed by an unregistered key").format(seq=seq))
        actor = reg.accounts[entry.actor]
        if fp not in actor.keys:
            raise RegistryBroken(seq, tr("entry {seq} is signed with a retired key").format(seq=seq))
        if actor.disabled:
            raise RegistryBroken(seq, tr("entry {seq} is signed by a disabled account").format(seq=seq))
        action = entry.action
        if action not in _ANY_ACTIVE:
            operation = ACTION_OPERATIONS.get(action)
            if operation is not None and not allowed(actor.roles, operation):
                raise RegistryBroken(
                    seq,
                    tr("entry {seq} ({action}) was made by {actor}, whose roles do not allow it").format(
                        seq=seq, action=action, actor=entry.actor
                    ),
                )
            if action not in ACTION_OPERATIONS and not action.startswith(("audit.", "backup.", "store.")):
                raise RegistryBroken(seq, tr("entry {seq} records an unknown action").format(seq=seq))
        if action == "account.add":
            self._add(entry, details)
        elif action in ("account.disable", "account.enable"):
            name = _object_name(entry)
            rec = reg.accounts.get(name)
            if rec is None or name == entry.actor:
                raise RegistryBroken(seq, tr("entry {seq} names an unknown account").format(seq=seq))
            if rec.remote is not None and rec.remote in reg.foreign and reg.foreign[rec.remote].revoked:
                return  # a revoked identity's member stays disabled
            rec.disabled = action == "account.disable"
        elif action == "account.reissue":
            name = _object_name(entry)
            rec = reg.accounts.get(name)
            new = details.get("registers")
            if rec is None or name == entry.actor or not isinstance(new, list) or len(new) != 1 or rec.remote:
                raise RegistryBroken(seq, tr("entry {seq} names an unknown account").format(seq=seq))
            for old in list(rec.keys) + ([rec.pending_key] if rec.pending_key else []):
                rec.keys.discard(old)  # the administrator never holds the old key: it is retired
                rec.retired.add(old)
            rec.pending_key = None
            if reg.two_person and rec.roles - SYSTEM_ROLE_NAMES:
                self._register(seq, name, str(new[0]), pending=True)
            else:
                self._register(seq, name, str(new[0]))
        elif action == "account.authorise":
            self._authorise(entry, details)
        elif action == "account.clearance":
            name = _object_name(entry)
            rec = reg.accounts.get(name)
            level = details.get("level")
            if rec is None or name == entry.actor or not isinstance(level, str):
                raise RegistryBroken(seq, tr("entry {seq} names an unknown account").format(seq=seq))
            rec.clearance = level
        elif action == "account.passwd":
            new = details.get("registers")
            if new is not None:  # the first change replaces the identity the administrator's program made
                if (
                    actor.own_passphrase
                    or _object_name(entry) != entry.actor
                    or not isinstance(new, list)
                    or len(new) != 1
                ):
                    raise RegistryBroken(seq, tr("entry {seq} registers a key without the right to").format(seq=seq))
                for old in list(actor.keys):
                    actor.keys.discard(old)
                    actor.retired.add(old)
                self._register(seq, entry.actor, str(new[0]))
            actor.own_passphrase = True
        elif action == "store.two_person":
            reg.two_person = True
        elif action.startswith("cert."):
            cert_facts.apply(reg, entry, details)
        elif action == foreign.REGISTER_ACTION:
            record = foreign.parse(details, seq)
            if record is None or record.fingerprint in reg.owner or record.fingerprint in reg.foreign:
                raise RegistryBroken(
                    seq, tr("entry {seq} registers a foreign identity twice or malformed").format(seq=seq)
                )
            reg.foreign[record.fingerprint] = record
        elif action == foreign.REVOKE_ACTION:
            if not foreign.revoke(reg.foreign, details, seq):
                raise RegistryBroken(seq, tr("entry {seq} revokes an unknown foreign identity").format(seq=seq))
            for rec in reg.accounts.values():
                if rec.remote is not None and rec.remote == details.get("fingerprint"):
                    rec.disabled = True  # a revoked identity's member is disabled for good
        elif action == foreign.ENROL_ACTION:
            self._enrol(entry, details)
        elif action == foreign.AUTHORISE_ACTION:
            if not foreign.authorise(reg.foreign, details):
                raise RegistryBroken(seq, tr("entry {seq} authorises an unknown foreign identity").format(seq=seq))
        elif "registers" in details:
            raise RegistryBroken(seq, tr("entry {seq} registers a key without the right to").format(seq=seq))

    def _register(self, seq: int, name: str, fp: str, pending: bool = False) -> None:
        reg = self.registry
        if fp in reg.owner or fp == reg.workstation or fp in reg.foreign:
            raise RegistryBroken(seq, tr("entry {seq} registers a key that is already registered").format(seq=seq))
        reg.owner[fp] = name
        if pending:
            reg.accounts[name].pending_key = fp
            return
        reg.accounts[name].keys.add(fp)
        reg.accounts[name].current = fp

    def _authorise(self, entry: AuditEntry, details: dict[str, Any]) -> None:
        """The security officer's countersignature: exactly the roles and key it names take effect."""
        reg = self.registry
        name = _object_name(entry)
        rec = reg.accounts.get(name)
        roles = details.get("roles")
        key = details.get("key")
        if rec is None or name == entry.actor or not isinstance(roles, list):
            raise RegistryBroken(entry.seq, tr("entry {seq} names an unknown account").format(seq=entry.seq))
        if rec.remote is not None:
            return  # a remote member's roles are the registered identity's, authorised as such
        if frozenset(str(r) for r in roles) != rec.requested:
            return  # authorises something other than what was asked: no effect
        if rec.pending_key is None and not rec.own_passphrase:
            return  # the administrator's initial passphrase is still the account's: no effect
        if rec.pending_key is not None:
            if key != rec.pending_key:
                return
            rec.keys.add(rec.pending_key)
            rec.current = rec.pending_key
            rec.pending_key = None
        elif key != rec.current:
            return
        rec.roles = rec.requested

    def _enrol(self, entry: AuditEntry, details: dict[str, Any]) -> None:
        """A registered, trusted identity of another store becomes a remote member under a name of this store."""
        reg = self.registry
        name = _object_name(entry)
        fp = details.get("fingerprint")
        record = reg.foreign.get(fp) if isinstance(fp, str) else None
        roles = record.roles & foreign.MEMBER_ROLES if record is not None else frozenset()
        if (
            record is None
            or not record.trusted(reg.two_person)
            or not roles
            or name in reg.accounts
            or any(a.remote == record.fingerprint for a in reg.accounts.values())
            or details.get("roles") != sorted(roles)
        ):
            raise RegistryBroken(entry.seq, tr("entry {seq} enrols a remote member wrongly").format(seq=entry.seq))
        reg.accounts[name] = AccountRecord(
            name,
            roles,
            record.department,
            {record.fingerprint},
            current=record.fingerprint,
            requested=roles,
            remote=record.fingerprint,
        )
        reg.public_keys.setdefault(record.fingerprint, (record.sign_public, record.kem_public))

    def _add(self, entry: AuditEntry, details: dict[str, Any]) -> None:
        reg = self.registry
        name = _object_name(entry)
        roles = details.get("roles")
        new = details.get("registers")
        if name in reg.accounts or not isinstance(roles, list) or not isinstance(new, list) or len(new) != 1:
            raise RegistryBroken(entry.seq, tr("entry {seq} adds an account twice or malformed").format(seq=entry.seq))
        dept = details.get("department")
        requested = frozenset(str(r) for r in roles)
        effective = requested & SYSTEM_ROLE_NAMES if reg.two_person else requested
        reg.accounts[name] = AccountRecord(
            name,
            effective,
            dept if isinstance(dept, str) else None,
            requested=requested,
            own_passphrase=not (reg.two_person and requested - effective),
        )
        self._register(entry.seq, name, str(new[0]))
