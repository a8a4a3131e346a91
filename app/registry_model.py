"""The registry's records: accounts, their keys and roles, as the replay of the signed log (:mod:`app.registry`)
leaves them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import audit
from app.cert_facts import CertRecord, CertRequest
from app.errors import Refused
from app.exchange.foreign import ForeignRecord
from app.i18n import tr
from app.permissions import SYSTEM_ROLES

SYSTEM_ROLE_NAMES = frozenset(r.value for r in SYSTEM_ROLES)
OPENINGS = ("session.open", "session.round")  # the entries that spend one-time holder keys


def count_spent(details: Any, into: dict[str, int]) -> None:
    """Add the holder keys a round opening's details name to ``into`` (digest → uses); what cannot be read is
    skipped, from the first unreadable pair on."""
    if not isinstance(details, dict):
        return
    try:
        for _name, digest in details.get("holder_keys", []):
            into[str(digest)] = into.get(str(digest), 0) + 1
    except (ValueError, TypeError):
        return


ISSUE_ACTION = "keys.issue"  # a custodian's signed batch of one-time holder keys


def count_issued(actor: str, details: dict[str, Any], into: dict[str, set[str]]) -> None:
    """Add the holder keys a verified key-issue entry names to its actor's in ``into`` (a list, else none)."""
    keys = details.get("keys")
    if isinstance(keys, list):
        into.setdefault(actor, set()).update(str(k) for k in keys)


EXPORT_ACTION, KEY_RELEASE = "exchange.export", "key-release"  # app.exchange.ledger, app.exchange.container


def count_released(actor: str, details: dict[str, Any], into: dict[tuple[str, str], set[str]]) -> None:
    """A verified export entry of a custodian's key release: the seal board its key was released for."""
    if details.get("type") == KEY_RELEASE:
        into.setdefault((actor, str(details.get("key"))), set()).add(str(details.get("board")))


# The keys whose presence in a signed entry's details shows a program that knew attendance quorums
# (app.facts_quorum): the quorum era starts at the first such entry the registry verifies.
QUORUM_ERA_KEYS = {"store.init": ("quorum_era",), "session.create": ("quorum", "clerks")}


class RegistryBroken(Exception):
    """The log does not replay into a valid registry; ``seq`` names the first bad entry."""

    def __init__(self, seq: int, message: str) -> None:
        super().__init__(message)
        self.seq = seq
        self.message = message

    def refusal(self) -> Refused:
        """The refusal a front end shows when a service let this through (never an internal error)."""
        return Refused(
            tr("The audit log no longer verifies ({problem}); nothing was shown or changed. Tell the auditor.").format(
                problem=self.message
            )
        )


@dataclass
class AccountRecord:
    """One account as the signed log says it is."""

    name: str
    roles: frozenset[str]
    department: str | None
    keys: set[str] = field(default_factory=set)  # active identity fingerprints
    retired: set[str] = field(default_factory=set)
    disabled: bool = False
    current: str | None = None  # the newest registered key
    # Two-person rule (三员分立): roles that reach content, asked for by the administrator, take effect
    # only when the security officer authorises them; a key re-issued by the administrator likewise.
    requested: frozenset[str] = frozenset()
    pending_key: str | None = None
    # Whether the account has replaced the passphrase the administrator gave it (an ``account.passwd``
    # entry of its own since it was added); its roles cannot be authorised before.
    own_passphrase: bool = True
    # The classification level the security officer cleared the account for (知悉范围); none: 非密 only.
    clearance: str = ""
    # A remote member (issue 10): the fingerprint of the other store's identity enrolled under this name.
    # Its key is that identity's; it signs no entry of this log, only statements inside exchange files.
    remote: str | None = None

    @property
    def awaiting(self) -> bool:
        """Whether something the administrator did awaits the security officer's authorisation."""
        return bool(self.requested - self.roles) or self.pending_key is not None


@dataclass
class Registry:
    """Accounts and keys as of entry ``seq`` (hash ``head``) of the verified log."""

    genesis: str = ""
    seq: int = 0
    head: str = audit.GENESIS
    accounts: dict[str, AccountRecord] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)  # fingerprint → account name
    workstation: str | None = None
    public_keys: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # fingerprint → (sign, kem)
    # From this point of the log (new stores: from the start) content roles need two people.
    two_person: bool = False
    genesis_two_person: bool = False
    # The first entry that did not replay (the registry stops before it), if any.
    broken: RegistryBroken | None = None
    # Certificates and clerks' certificate requests as the signed log states them (app.cert_facts).
    certificates: dict[str, CertRecord] = field(default_factory=dict)
    cert_requests: dict[str, CertRequest] = field(default_factory=dict)
    # This store's id (the genesis entry's object) and the identities of other stores registered here.
    store_id: str = ""
    foreign: dict[str, ForeignRecord] = field(default_factory=dict)  # fingerprint → record
    # The verified hash (first 16 bytes) of each session entry fed, by seq: a session's facts check re-hashes the
    # rows it reads, so an entry edited in the database after this registry verified it is noticed (issue 16).
    session_hashes: dict[int, bytes] = field(default_factory=dict)
    # Holder-key digest → how many round openings of the verified log use it (more than one is a replay): a
    # facts check at the log's head reads it here instead of every opening in the store (issue 16).
    spent_keys: dict[str, int] = field(default_factory=dict)
    # The verified hash (first 16 bytes) of each ``policy.set`` entry fed, by seq: the policies in force are read
    # from those rows again, and a row edited after this registry verified it must not set a policy.
    policy_hashes: dict[int, bytes] = field(default_factory=dict)
    # The seq of the first verified entry showing a program that knew quorums (None: none yet): every session
    # created after it is held to a quorum (app.facts_quorum).  Read here, not from rows an insider may edit.
    quorum_era: int | None = None
    # Holder → the one-time holder-key digests its verified key-issue entries name: a round's custodian layer must
    # be one of these (app.facts_rows), read here, not from rows an insider may edit or plant.
    issued_keys: dict[str, set[str]] = field(default_factory=dict)
    # (custodian, holder-key digest) → the seal boards its verified key-release exports name: a key is never
    # released for two boards (app.exchange.key_release), read here, not from rows an insider may delete.
    released: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def account(self, name: str) -> AccountRecord | None:
        return self.accounts.get(name)

    def roles_of(self, name: str) -> frozenset[str]:
        rec = self.accounts.get(name)
        return rec.roles if rec is not None and not rec.disabled else frozenset()

    def is_active(self, name: str) -> bool:
        rec = self.accounts.get(name)
        return rec is not None and not rec.disabled

    def holds_key(self, name: str, fp: str) -> bool:
        """Whether ``fp`` is a registered, unretired key of the active account ``name``."""
        rec = self.accounts.get(name)
        return rec is not None and not rec.disabled and fp in rec.keys

    def signed_by(self, name: str, fp: str) -> bool:
        """Whether ``fp`` is (or was) a registered key of ``name`` (facts signed before a retirement stay valid)."""
        rec = self.accounts.get(name)
        return rec is not None and (fp in rec.keys or fp in rec.retired)

    def keys_ever_of(self, name: str) -> list[bytes]:
        """The signing keys ``name`` holds or held."""
        rec = self.accounts.get(name)
        if rec is None:
            return []
        return [k for fp in sorted(rec.keys | rec.retired) if (k := self.sign_public(fp)) is not None]

    def sign_public(self, fp: str) -> bytes | None:
        keys = self.public_keys.get(fp)
        return keys[0] if keys else None

    def kem_public(self, fp: str) -> bytes | None:
        keys = self.public_keys.get(fp)
        return keys[1] if keys else None

    def member_of(self, fp: str) -> str | None:
        """The name under which the identity ``fp`` of another store is enrolled here (a remote member)."""
        return next((n for n, a in self.accounts.items() if a.remote == fp), None)

    def is_remote(self, name: str) -> bool:
        rec = self.accounts.get(name)
        return rec is not None and rec.remote is not None

    def key_of(self, name: str) -> str | None:
        """The newest active key of ``name``."""
        rec = self.accounts.get(name)
        return rec.current if rec is not None and rec.current in rec.keys else None
