"""The people a new session names, as the signed log has them (app.sessions.lifecycle.create): each account by
the roles the registry gives it, never by the ``accounts``/``account_roles`` rows an insider may write."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account_names import account_row
from app.accounts import check_name
from app.errors import InvalidInput
from app.i18n import tr
from app.permissions import Role
from app.registry import Registry
from models import Account, Custodian, Department, Participant


def account(db: Session, reg: Registry, name: str, role: Role, what: str) -> Account:
    """The account named for a part, as the signed log has it (its roles, not disabled); the row only for its id."""
    account = account_row(db, name)
    record = reg.account(name)
    if account is None or record is None or record.disabled:
        raise InvalidInput(tr("No active account named {name} ({what}).").format(name=name, what=what))
    if role.value not in record.roles:
        raise InvalidInput(tr("{name} cannot be {what}: the account lacks that role.").format(name=name, what=what))
    return account


def participants(db: Session, reg: Registry, departments: list[str], chair: Account) -> list[Participant]:
    """One participant per ``DEPARTMENT[=REVIEWER]`` entry: the reviewer named, else the department's one reviewer."""
    participants: list[Participant] = []
    seen: set[int] = set()
    for entry in departments:
        dept_name, _, reviewer_name = entry.partition("=")
        dept_name = check_name(dept_name, tr("department"))
        dept = db.scalars(select(Department).where(Department.name == dept_name)).first()
        if dept is None:
            raise InvalidInput(tr("No department named {name}.").format(name=dept_name))
        if dept.id in seen:
            raise InvalidInput(tr("Department {name} is listed twice.").format(name=dept_name))
        seen.add(dept.id)
        if reviewer_name:
            reviewer = account(db, reg, reviewer_name.strip(), Role.REVIEWER, tr("reviewer"))
        else:
            # The department's reviewers as the signed log has them (not the rows: a reviewer moved out of
            # the department there, or a copy of one planted under a new id, would decide the pick).
            candidates = sorted(
                n
                for n, rec in reg.accounts.items()
                if Role.REVIEWER.value in reg.roles_of(n) and rec.department == dept_name
            )
            if len(candidates) != 1:
                raise InvalidInput(
                    tr("Department {name} has {n} reviewers; name one as {name}=REVIEWER.").format(
                        name=dept_name, n=len(candidates)
                    )
                )
            reviewer = account(db, reg, candidates[0], Role.REVIEWER, tr("reviewer"))
            if reviewer.department_id != dept.id:  # the rows place them elsewhere: ask rather than guess
                raise InvalidInput(
                    tr(
                        "The accounts table does not place {name} in {department} as the signed log does (the "
                        "database was altered); name the reviewer as {department}=REVIEWER, and tell the auditor."
                    ).format(name=reviewer.name, department=dept_name)
                )
        if reviewer.id == chair.id:
            raise InvalidInput(tr("The chair cannot also be a department's reviewer in the same session."))
        participants.append(Participant(department_id=dept.id, reviewer_id=reviewer.id))
    return participants


def custodians(
    db: Session, reg: Registry, names: list[str], chair: Account, participants: list[Participant]
) -> list[Custodian]:
    """The reveal-key holders named: custodians by the signed log, neither the chair nor a reviewer."""
    custodians = []
    for name in dict.fromkeys(names):
        cust = account(db, reg, name, Role.CUSTODIAN, tr("custodian"))
        if cust.id == chair.id or cust.id in {p.reviewer_id for p in participants}:
            raise InvalidInput(tr("{name} cannot be a custodian and also chair or review.").format(name=name))
        custodians.append(Custodian(account_id=cust.id))
    return custodians
