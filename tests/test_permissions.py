"""The permission matrix: every role × every operation, exactly the allowed cells."""

from __future__ import annotations

import pytest

from app.errors import InvalidInput, NotPermitted
from app.permissions import MATRIX, SYSTEM_ROLES, Operation, Role, allowed, parse_roles, require

Op = Operation
EVERYONE = {Op.VIEW_OWN_ACCOUNT, Op.CHANGE_OWN_PASSPHRASE}
READ = {Op.SESSION_LIST, Op.SESSION_READ_CONTENT}

# Written out by hand, independently of app.permissions: a change there must change this table too.
EXPECTED: dict[Role, set[Operation]] = {
    Role.ADMINISTRATOR: EVERYONE
    | {Op.ACCOUNT_LIST, Op.ACCOUNT_ADD, Op.ACCOUNT_DISABLE, Op.ACCOUNT_REISSUE_SLOT, Op.STORE_BACKUP},
    Role.SECURITY_OFFICER: EVERYONE | {Op.POLICY_SET, Op.CERT_MANAGE, Op.ACCOUNT_AUTHORISE, Op.ACCOUNT_LIST},
    Role.AUDITOR: EVERYONE | {Op.AUDIT_LIST, Op.AUDIT_VERIFY, Op.ACCOUNT_LIST, Op.DOSSIER_VERIFY},
    Role.CHAIR: EVERYONE | READ | {Op.SESSION_CREATE, Op.SESSION_REVEAL, Op.CHAIR_POSITION, Op.SESSION_DECIDE},
    Role.REVIEWER: EVERYONE | READ | {Op.OPINION_SEAL},
    Role.CUSTODIAN: EVERYONE | READ | {Op.REVEAL_SHARE},
    Role.CLERK: EVERYONE | READ | {Op.DOSSIER_EXPORT, Op.DOSSIER_VERIFY, Op.AUDIT_VERIFY},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("operation", list(Operation))
def test_matrix_cell(role: Role, operation: Operation) -> None:
    expected = operation in EXPECTED[role]
    assert allowed([role.value], operation) is expected
    if expected:
        require([role.value], operation)
    else:
        with pytest.raises(NotPermitted):
            require([role.value], operation)


def test_matrix_has_every_role() -> None:
    assert set(MATRIX) == set(Role)


def test_no_system_role_reads_session_content_and_nobody_deletes_audit() -> None:
    for role in SYSTEM_ROLES:
        assert not allowed([role], Op.SESSION_READ_CONTENT)
        assert not allowed([role], Op.SESSION_LIST)
    for role in Role:
        assert not allowed([role], Op.AUDIT_DELETE)


@pytest.mark.parametrize(
    "roles",
    [
        ["administrator", "auditor"],
        ["administrator", "chair"],
        ["auditor", "reviewer"],
        ["security_officer", "clerk"],
        [],
        ["emperor"],
    ],
)
def test_forbidden_role_sets(roles: list[str]) -> None:
    with pytest.raises(InvalidInput):
        parse_roles(roles)


def test_session_roles_combine() -> None:
    assert parse_roles(["chair", "Reviewer"]) == {Role.CHAIR, Role.REVIEWER}
