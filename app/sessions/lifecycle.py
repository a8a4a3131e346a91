"""Creating a session and moving it along its one-way lifecycle (DESIGN.md §3)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app import audit, facts, policy, quorum
from app.context import AccountContext
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.matters import CUSTOM, MatterKind, check_rule, kind, parse_classification
from app.opinion_form import real_text
from app.permissions import Operation, Role
from app.sessions import access, content, holder_keys, keys, naming
from app.sessions.common import (
    COLLECTING,
    DRAFT,
    REVEALED,
    SEALED,
    WITHDRAWN,
    RoundState,
    caught_up,
    load,
    load_checked,
    require_chair,
    require_round,
    require_status,
    round_state,
)
from models import Account, Department, ReviewSession, Round, SessionItem
from models.base import utcnow


@dataclass
class SessionSpec:
    """Everything the chair fills in for a new session."""

    kind: str
    title: str
    ref_number: str
    classification: str
    departments: list[str]  # "部门" or "部门=评审人"
    chair: str
    custodians: list[str] = field(default_factory=list)
    rule: str = "majority-of-expected"
    deadline: datetime | None = None
    items: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    classification_term: str | None = None
    chair_counts: bool = True
    free_text: list[str] | None = None  # options that need a written note ("其他"); None: the kind's
    clerks: list[str] = field(default_factory=list)  # the clerks who may read it (need to know)
    quorum: str | None = None  # "two-thirds" to ask more than the default attendance quorum
    deputy: str | None = None  # the deputy chair who decides the chair's own recusal (app.sessions.deputy)


def _free_text(matter: MatterKind, options: list[str], given: list[str] | None) -> list[str]:
    """The options that need a written note: the kind's, or those named for a custom matter."""
    if given is None:
        return [o for o in matter.free_text_options if o in options]
    chosen = list(dict.fromkeys(o.strip() for o in given if o.strip()))
    unknown = [o for o in chosen if o not in options]
    if unknown:
        raise InvalidInput(
            tr("An option that needs a note must be one of the options: {unknown}.").format(unknown="、".join(unknown))
        )
    return chosen


def _fixed_items(matter: MatterKind, spec: SessionSpec, options: list[str]) -> dict[str, list[str]]:
    """For a kind with fixed items (案件审理): each item's own options, by item number; {} otherwise."""
    if not matter.items:
        return {}
    given = [i.strip() for i in spec.items if i.strip()]
    if given and given != [text for text, _ in matter.items]:
        raise InvalidInput(
            tr("{kind} has fixed items ({items}); they cannot be replaced.").format(
                kind=matter.label, items="、".join(text for text, _ in matter.items)
            )
        )
    if options != list(matter.options):
        raise InvalidInput(
            tr("{kind} has fixed options for each item; they cannot be replaced.").format(kind=matter.label)
        )
    return {str(n): list(opts) for n, (_, opts) in enumerate(matter.items, start=1)}


def _reason(text: str) -> str:
    if len(real_text(text)) < 4:
        raise InvalidInput(tr("A written reason is required (at least a few words)."))
    return text.strip()


def create(ctx: AccountContext, spec: SessionSpec) -> int:
    """Create a session in DRAFT; returns its id."""
    ctx.require(Operation.SESSION_CREATE)
    matter = kind(spec.kind)
    options = [o.strip() for o in (spec.options or list(matter.options)) if o.strip()]
    if matter.code == CUSTOM and not spec.options:
        raise InvalidInput(tr("A custom matter needs its own options (--option)."))
    if len(options) < 2 or len(set(options)) != len(options):
        raise InvalidInput(tr("A session needs at least two distinct options."))
    free_text = _free_text(matter, options, spec.free_text)
    per_item = _fixed_items(matter, spec, options)
    title = spec.title.strip()
    if not title or len(title) > 500:
        raise InvalidInput(tr("The title must be 1 to 500 characters long."))
    ref = spec.ref_number.strip()
    if not ref or len(ref) > 100:
        raise InvalidInput(tr("The reference number must be 1 to 100 characters long."))
    level, term = parse_classification(spec.classification, spec.classification_term)
    check_rule(spec.rule)
    if spec.quorum not in (None, "", *quorum.QUORUM_RULES):
        raise InvalidInput(
            tr("Unknown quorum '{q}'. Quorums: {names}.").format(q=spec.quorum, names=", ".join(quorum.QUORUM_RULES))
        )
    if spec.deadline is not None and spec.deadline.tzinfo is None:
        raise InvalidInput(tr("The deadline needs a time zone (e.g. 2026-12-01T17:00+08:00)."))
    items = [text for text, _ in matter.items] or [i.strip() for i in spec.items if i.strip()] or [title]
    with ctx.store.transaction() as db:
        caught_up(db, ctx, intact=True)  # roles and clearances set since this account unlocked
        reg = ctx.registry
        if db.scalars(select(ReviewSession).where(ReviewSession.ref_number == ref)).first():
            raise InvalidInput(tr("A session with reference number {ref} already exists.").format(ref=ref))
        chair = naming.account(db, reg, spec.chair, Role.CHAIR, tr("chair"))
        participants = naming.participants(db, reg, spec.departments, chair)
        if len(participants) < 2:
            raise InvalidInput(tr("A back-to-back review needs at least two departments."))
        required = policy.load(db, ctx.registry).min_custodians
        if len(dict.fromkeys(spec.custodians)) < required:
            raise InvalidInput(
                tr(
                    "A session needs at least {n} custodian(s) besides the chair to hold the reveal key, so that "
                    "no single person can read early (security policy)."
                ).format(n=required)
            )
        custodians = naming.custodians(db, reg, spec.custodians, chair, participants)
        clerks = [
            naming.account(db, reg, name.strip(), Role.CLERK, tr("clerk")).name for name in dict.fromkeys(spec.clerks)
        ]
        deputy = None
        if spec.deputy and spec.deputy.strip():
            deputy = naming.account(db, reg, spec.deputy.strip(), Role.CHAIR, tr("deputy chair"))
            taken = {
                chair.name,
                *clerks,
                *spec.custodians,
                *[db.get_one(Account, p.reviewer_id).name for p in participants],
            }
            if deputy.name in taken:
                raise InvalidInput(
                    tr(
                        "{name} cannot be the deputy chair: the deputy chair has no other part in the session "
                        "(not its chair, a reviewer, a custodian or a clerk of it)."
                    ).format(name=deputy.name)
                )
        access.check_members(
            ctx.registry,
            level,
            [
                chair.name,
                *[db.get_one(Account, p.reviewer_id).name for p in participants],
                *spec.custodians,
                *clerks,
                *([deputy.name] if deputy else []),
            ],
        )
        session = ReviewSession(
            ref_number=ref,
            title=title,
            kind=matter.code,
            classification=level,
            classification_term=term,
            status=DRAFT,
            rule=spec.rule,
            chair_counts=spec.chair_counts,
            options=json.dumps(
                {
                    "options": options,
                    "free_text": free_text,
                    **({"items": per_item} if per_item else {}),
                    "clerks": clerks,
                },
                ensure_ascii=False,
            ),
            chair_id=chair.id,
            deadline=spec.deadline,
            quorum=spec.quorum or None,
            deputy_id=deputy.id if deputy else None,
        )
        db.add(session)
        db.flush()
        for number, text in enumerate(items, start=1):
            db.add(SessionItem(session_id=session.id, number=number, text=text))
        for p in participants:
            p.session_id = session.id
            db.add(p)
        for c in custodians:
            c.session_id = session.id
            db.add(c)
        db.flush()
        db.expire(session, ["items", "participants", "custodians"])
        audit.append(
            db,
            ctx.actor,
            "session.create",
            f"session:{session.id}",
            {
                "definition": facts.digest(facts.definition_of(db, session, ctx.store.slots.store_id)),
                "ref": ref,
                "kind": matter.code,
                "departments": len(participants),
                "rule": spec.rule,
                "quorum": quorum.quorum_rule(matter.code, spec.quorum or None),
                "chair": chair.name,
                **({"deputy": deputy.name} if deputy else {}),
                "custodians": [c for c in dict.fromkeys(spec.custodians)],
                "clerks": clerks,
            },
        )
        return session.id


def open_session(ctx: AccountContext, session_id: int) -> None:
    """DRAFT → COLLECTING: round 1 gets its reveal key, split among chair and custodians."""
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_CREATE)
        require_status(session, DRAFT)
        if session.deadline is not None and session.deadline <= utcnow():
            raise InvalidInput(tr("The deadline has already passed; set a later deadline before opening."))
        rnd, holders = holder_keys.new_round(db, ctx, session, 1, "")
        content_key = content.create(db, ctx, session, facts.definition_of(db, session, ctx.store.slots.store_id))
        session.status = COLLECTING
        audit.append(
            db,
            ctx.actor,
            "session.open",
            f"session:{session.id}",
            {
                "round": 1,
                "reveal_key_holders": [h.name for h in keys.holders(db, session)],
                "holder_keys": holders,
                "round_key": facts.digest(facts.round_fact(db, rnd)),
                "content_key": content_key,
            },
        )


def db_hash(data: bytes) -> str:
    from app.crypto import provider

    return provider().hash(data).hex()[:16]


def vouched(state: RoundState[Any, Any], check: facts.SessionCheck) -> RoundState[Any, Any]:
    """``state`` with only the envelopes the signed facts vouch for (as app.facts_quorum counts them at a close):
    a planted row for a department that never answered makes no quorum and no department "not absent"."""
    return replace(state, envelopes={p: e for p, e in state.envelopes.items() if e.id not in check.flagged})


def close_early(ctx: AccountContext, session_id: int, reason: str) -> dict[str, Any]:
    """COLLECTING → SEALED before everyone sealed: needs a quorum of sealed opinions and a written reason."""
    reason = _reason(reason)
    with ctx.store.transaction() as db:
        session, check = load_checked(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, COLLECTING)
        rnd = require_round(db, session)
        state = round_state(db, rnd)
        state = vouched(state, check)
        expected = [p for p in session.participants if p.id not in state.recused()]
        sealed = len(state.envelopes)
        if 2 * sealed <= len(expected):
            raise Refused(
                tr("No quorum: {sealed} of {expected} opinions are sealed; more than half are needed.").format(
                    sealed=sealed, expected=len(expected)
                )
            )
        present = attendance_of(session, state)
        if not present["reached"]:
            raise Refused(quorum.shortfall_message(present))
        names = {p.id: p for p in session.participants}
        absent = [names[pid] for pid in {p.id for p in expected} - set(state.envelopes)]
        absent_names = sorted(db.get_one(Department, p.department_id).name for p in absent)
        rnd.closed_at = utcnow()
        rnd.close_reason = reason
        session.status = SEALED
        audit.append(
            db,
            ctx.actor,
            "session.close",
            f"session:{session.id}",
            {"round": rnd.number, "reason": reason, "absent": absent_names, "sealed": sealed},
        )
        return {"absent": absent_names, "sealed": sealed}


def withdraw(ctx: AccountContext, session_id: int, reason: str) -> None:
    """DRAFT, COLLECTING (or REVEALED where no majority formed) → WITHDRAWN, with a reason; nothing is deleted."""
    reason = _reason(reason)
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_CREATE)
        require_status(session, DRAFT, COLLECTING, REVEALED)
        if session.status == REVEALED:  # 暂缓: only where no majority formed (the chair's position stays on record)
            from app.sessions import decision_basis

            rnd = require_round(db, session)
            if not decision_basis.no_majority_items(decision_basis.round_tally(db, ctx, session, rnd)):
                raise Refused(tr("A revealed session is withdrawn only where no majority formed; decide instead."))
        session.status = WITHDRAWN
        session.withdrawn_reason = reason
        audit.append(db, ctx.actor, "session.withdraw", f"session:{session.id}", {"reason": reason})


def new_round(ctx: AccountContext, session_id: int, reason: str) -> int:
    """REVEALED → COLLECTING in a new round (the earlier round stays on record); returns its number."""
    reason = _reason(reason)
    with ctx.store.transaction() as db:
        session = load(db, session_id, ctx)
        require_chair(ctx, session, Operation.SESSION_REVEAL)
        require_status(session, REVEALED)
        previous = require_round(db, session)
        if round_state(db, previous).chair_envelope is not None:  # 暂缓 after the chair's position: no majority only
            from app.sessions import decision_basis

            decision_basis.require_may_defer(db, ctx, session, previous)
        number = previous.number + 1
        rnd, holders = holder_keys.new_round(db, ctx, session, number, reason)
        session.status = COLLECTING
        audit.append(
            db,
            ctx.actor,
            "session.round",
            f"session:{session.id}",
            {
                "round": number,
                "reason": reason,
                "holder_keys": holders,
                "round_key": facts.digest(facts.round_fact(db, rnd)),
            },
        )
        return number


def attendance_of(session: ReviewSession, state: RoundState[Any, Any]) -> dict[str, Any]:
    """The attendance of a round against the session's quorum (see app.quorum)."""
    return quorum.attendance(
        session.kind,
        session.quorum,
        len(session.participants),
        bool(session.chair_counts),
        len(state.recused() & {p.id for p in session.participants}),
        len(state.envelopes),
    )


def mark_sealed_if_complete(
    db: Any,
    ctx: AccountContext,
    session: ReviewSession,
    known: tuple[Round, RoundState[Any, Any]] | None = None,
    check: facts.SessionCheck | None = None,
) -> bool:
    """After a seal or recusal: when every participant has answered, the round closes itself.

    ``known``: the current round and its state as the caller read them in this transaction (which holds the
    write lock from its start) with its own writes added, so the round is not read a second time.  ``check``: the
    facts check of this transaction — an envelope it flagged answers for nobody, whatever the account rows say,
    unless a signed seal by an entitled account stands for its department (a row changed after sealing is excluded
    at the reveal): a planted accounts row named as the substitute made a planted envelope look entitled
    (tests/test_attack_perf_seal.py).
    """
    if known is not None:
        rnd, state = known
    else:
        rnd = require_round(db, session)
        state = round_state(db, rnd)
    if {p.id for p in session.participants} - state.done():
        return False
    # An envelope by someone not entitled (not the department's reviewer, nor the substitute the chair named)
    # answers for nobody; app.facts flags it and the reveal excludes it.
    names = set(state.substitutes.values())  # only a named substitute's id is needed (not every account's)
    ids = dict(db.execute(select(Account.name, Account.id).where(Account.name.in_(names))).all()) if names else {}
    for p in session.participants:
        envelope = state.envelopes.get(p.id)
        entitled = {p.reviewer_id, ids.get(state.substitutes.get(p.id, ""), -1)}
        if envelope is not None and envelope.author_id not in entitled:
            return False
        if envelope is not None and check is not None and envelope.id in check.flagged:
            if (rnd.number, p.id) not in check.answered:
                return False
    if not attendance_of(session, state)["reached"]:
        return False  # below quorum: the round stays open (the board says so); the chair may withdraw
    rnd.closed_at = utcnow()
    session.status = SEALED
    audit.append(db, ctx.actor, "session.sealed", f"session:{session.id}", {"round": rnd.number})
    return True
