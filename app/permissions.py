"""Roles and operations: the permission matrix (DESIGN.md §1, 三员分立).

Global roles say what *kind* of work an account may do; the session services
check in addition whether the account holds that role *in the session* (the
chair of this session, a reviewer invited to it, …).  The administrator,
security officer and auditor are mutually exclusive, hold no session role,
and none of them may read session content.  Nobody may delete audit records.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from app.errors import InvalidInput, NotPermitted
from app.i18n import tr


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    SECURITY_OFFICER = "security_officer"
    AUDITOR = "auditor"
    CHAIR = "chair"
    REVIEWER = "reviewer"
    CUSTODIAN = "custodian"
    CLERK = "clerk"


class Operation(StrEnum):
    VIEW_OWN_ACCOUNT = "view_own_account"
    CHANGE_OWN_PASSPHRASE = "change_own_passphrase"
    ACCOUNT_LIST = "account_list"
    ACCOUNT_ADD = "account_add"
    ACCOUNT_DISABLE = "account_disable"
    ACCOUNT_REISSUE_SLOT = "account_reissue_slot"
    ACCOUNT_AUTHORISE = "account_authorise"
    POLICY_SET = "policy_set"
    AUDIT_LIST = "audit_list"
    AUDIT_VERIFY = "audit_verify"
    AUDIT_DELETE = "audit_delete"
    SESSION_CREATE = "session_create"
    SESSION_LIST = "session_list"
    SESSION_READ_CONTENT = "session_read_content"
    OPINION_SEAL = "opinion_seal"
    SESSION_REVEAL = "session_reveal"
    REVEAL_SHARE = "reveal_share"
    CHAIR_POSITION = "chair_position"
    SESSION_DECIDE = "session_decide"
    DOSSIER_EXPORT = "dossier_export"
    DOSSIER_VERIFY = "dossier_verify"
    CERT_MANAGE = "cert_manage"
    STORE_BACKUP = "store_backup"


SYSTEM_ROLES = frozenset({Role.ADMINISTRATOR, Role.SECURITY_OFFICER, Role.AUDITOR})
SESSION_ROLES = frozenset(Role) - SYSTEM_ROLES
_EVERYONE = {Operation.VIEW_OWN_ACCOUNT, Operation.CHANGE_OWN_PASSPHRASE}
_SESSION_READERS = {Operation.SESSION_LIST, Operation.SESSION_READ_CONTENT}

MATRIX: dict[Role, frozenset[Operation]] = {
    Role.ADMINISTRATOR: frozenset(
        _EVERYONE
        | {
            Operation.ACCOUNT_LIST,
            Operation.ACCOUNT_ADD,
            Operation.ACCOUNT_DISABLE,
            Operation.ACCOUNT_REISSUE_SLOT,
            Operation.STORE_BACKUP,
        }
    ),
    Role.SECURITY_OFFICER: frozenset(
        _EVERYONE | {Operation.POLICY_SET, Operation.CERT_MANAGE, Operation.ACCOUNT_AUTHORISE, Operation.ACCOUNT_LIST}
    ),
    Role.AUDITOR: frozenset(
        _EVERYONE | {Operation.AUDIT_LIST, Operation.AUDIT_VERIFY, Operation.ACCOUNT_LIST, Operation.DOSSIER_VERIFY}
    ),
    Role.CHAIR: frozenset(
        _EVERYONE
        | _SESSION_READERS
        | {
            Operation.SESSION_CREATE,
            Operation.SESSION_REVEAL,
            Operation.CHAIR_POSITION,
            Operation.SESSION_DECIDE,
        }
    ),
    Role.REVIEWER: frozenset(_EVERYONE | _SESSION_READERS | {Operation.OPINION_SEAL}),
    Role.CUSTODIAN: frozenset(_EVERYONE | _SESSION_READERS | {Operation.REVEAL_SHARE}),
    Role.CLERK: frozenset(
        _EVERYONE | _SESSION_READERS | {Operation.DOSSIER_EXPORT, Operation.DOSSIER_VERIFY, Operation.AUDIT_VERIFY}
    ),
}


def allowed(roles: Iterable[str], operation: Operation) -> bool:
    """Whether any of ``roles`` permits ``operation`` (one's own account and passphrase: always)."""
    if operation in _EVERYONE:
        return True
    return any(operation in MATRIX.get(Role(r), frozenset()) for r in roles if r in Role._value2member_map_)


def require(roles: Iterable[str], operation: Operation) -> None:
    """Raise :class:`NotPermitted` unless ``roles`` permit ``operation``."""
    if not allowed(roles, operation):
        raise NotPermitted(
            tr("Your account's roles do not permit this operation ({operation}).").format(operation=operation.value)
        )


def parse_roles(names: Iterable[str]) -> frozenset[Role]:
    """Validate a role set: known names, and 三员 roles never combined with any other role."""
    roles: set[Role] = set()
    for name in names:
        try:
            roles.add(Role(name.strip().lower()))
        except ValueError as exc:
            raise InvalidInput(
                tr("Unknown role '{role}'. Roles: {roles}.").format(role=name, roles=", ".join(r.value for r in Role))
            ) from exc
    if not roles:
        raise InvalidInput(tr("An account needs at least one role."))
    if roles & SYSTEM_ROLES and len(roles) > 1:
        raise InvalidInput(
            tr("The administrator, security officer and auditor roles cannot be combined with any other role.")
        )
    return frozenset(roles)
