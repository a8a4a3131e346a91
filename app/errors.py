"""Errors the user is meant to see, separated from bugs (STYLE.md practice 4).

A ``HuishenError`` carries a message that is already translated and says what
happened and what to do; front ends show it as is.  Anything else that escapes
a service is a bug.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class HuishenError(Exception):
    """A known, expected failure with a message for the user."""

    exit_status = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(HuishenError):
    """The request was refused: bad input, not permitted, wrong state."""


class StoreUnavailable(Refused):
    """The store cannot be opened: missing, damaged, foreign or plain files."""


class UnknownAccount(Refused):
    """No key slot exists for the named account."""


class WrongPassphrase(Refused):
    """The passphrase does not open the account's key slot."""


class LockedOut(Refused):
    """Too many failed unlocks; the account must wait before trying again."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotPermitted(Refused):
    """The account's roles do not allow the operation."""


class AuditedRefusal(NotPermitted):
    """A refusal that is itself recorded: ``record`` writes the audit entry after the refused work is rolled back.

    :meth:`app.store.Store.transaction` runs it once, in a transaction of its own.
    """

    def __init__(self, message: str, record: Callable[[Any], None]) -> None:
        super().__init__(message)
        self.record: Callable[[Any], None] | None = record


class InvalidInput(Refused):
    """The input is malformed or incomplete."""


class VerificationFailed(HuishenError):
    """A verification found a problem (exit status 1)."""

    exit_status = 1
