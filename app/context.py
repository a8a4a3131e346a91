"""The unlocked account: who is acting, with which keys, on which store."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.audit import Actor
from app.identity import IdentityKeys
from app.permissions import Operation, require
from app.registry import Registry
from app.store import Store


@dataclass
class AccountContext:
    """Everything a service needs to act for one unlocked account."""

    store: Store
    account_id: int
    name: str
    roles: frozenset[str]
    department: str | None
    keys: IdentityKeys
    identity_id: int
    account_key: bytes
    # The registry replayed from the signed log at unlock (never the accounts table).
    registry: Registry = field(default_factory=Registry)
    # Integrity problems found at unlock (a log cut back below this account's anchor…).
    warnings: list[str] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        """The audit actor for this account."""
        return Actor(self.name, self.identity_id, self.keys.sign.private)

    @property
    def fingerprint(self) -> str:
        return self.keys.fingerprint

    def require(self, operation: Operation) -> None:
        """Raise ``NotPermitted`` unless this account's roles allow ``operation``."""
        require(self.roles, operation)

    def close(self) -> None:
        """Lock: drop the store's connections (keys go with this object)."""
        self.store.close()
