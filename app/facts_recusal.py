"""The signed recusal requests and the chair's decisions on them, as :mod:`app.facts` replays a session's log.

A request (``opinion.recuse`` with ``request``) must be the department's own reviewer's; a decision
(``recusal.decide``, the chair's only — checked by the caller) must answer a pending request of the current
round, once; a substitute must be a reviewer of that very department, with no other part in the session.
Anything else is without effect (ignored and reported), so an envelope by a "substitute" the chair never
named, or an opinion sealed "after a refusal" that never happened, is not accepted.
"""

from __future__ import annotations

from typing import Any, Protocol

from app.i18n import tr
from app.registry import Registry
from models import AuditEntry


class _Reporter(Protocol):
    def problem(self, text: str) -> None: ...

    def ignore(self, entry: AuditEntry, why: str) -> None: ...


class RecusalTrack:
    def __init__(
        self, check: _Reporter, reg: Registry, reviewers: dict[int, str], departments: dict[int, str], others: set[str]
    ) -> None:
        self.check = check
        self.reg = reg
        self.reviewers = reviewers
        self.departments = departments
        self.others = others  # the chair and custodians: never a substitute
        self.requested: set[tuple[int, int]] = set()
        self.decided: dict[tuple[int, int], tuple[bool, str | None]] = {}
        self.custodian_requests: dict[tuple[int, str], bool | None] = {}  # → None pending, else approved
        self.custodians: set[str] = set()

    def request(self, entry: AuditEntry, d: dict[str, Any], round_no: int) -> None:
        if d.get("request") is not True:
            return
        pid = d.get("participant")
        if not isinstance(pid, int) or self.reviewers.get(pid) != entry.actor:
            self.check.ignore(entry, tr("the recusal request is not by that department's reviewer"))
            return
        self.requested.add((round_no, pid))

    def decide(self, entry: AuditEntry, d: dict[str, Any], round_no: int) -> None:
        pid = d.get("participant")
        key = (round_no, pid if isinstance(pid, int) else -1)
        if d.get("round") != round_no or key not in self.requested:
            self.check.ignore(entry, tr("no recusal request of that department awaits a decision in this round"))
            return
        if key in self.decided:
            self.check.ignore(entry, tr("the recusal request was already decided"))
            return
        approved = d.get("approved") is True
        substitute = d.get("substitute")
        if substitute is not None:
            rec = self.reg.account(str(substitute)) if isinstance(substitute, str) else None
            if (
                not approved
                or rec is None
                or "reviewer" not in rec.roles  # authorised (三员分立), not merely requested
                or rec.department != self.departments.get(key[1])
                or substitute in self.reviewers.values()
                or substitute in self.others
            ):
                self.check.ignore(entry, tr("the substitute is not a reviewer of that department"))
                return
        self.decided[key] = (approved, substitute if approved else None)

    def custodian_request(self, entry: AuditEntry, d: dict[str, Any], round_no: int, released: set[str]) -> None:
        """A custodian's own request, before releasing their key for the round, once per round."""
        key = (round_no, entry.actor)
        if entry.actor not in self.custodians or d.get("round") != round_no or key in self.custodian_requests:
            self.check.ignore(entry, tr("the account holds no key of this session"))
            return
        if entry.actor in released:
            self.check.ignore(entry, tr("the custodian had already released their key"))
            return
        self.custodian_requests[key] = None

    def decide_custodian(self, entry: AuditEntry, d: dict[str, Any], round_no: int, released: set[str]) -> None:
        key = (round_no, str(d.get("custodian")))
        if d.get("round") != round_no or self.custodian_requests.get(key, False) is not None:
            self.check.ignore(entry, tr("no recusal request of that custodian awaits a decision in this round"))
            return
        approved = d.get("approved") is True
        if approved and key[1] in released:
            self.check.ignore(entry, tr("the custodian had already released their key"))
            return
        self.custodian_requests[key] = approved

    def substitute(self, round_no: int, pid: int) -> str | None:
        decided = self.decided.get((round_no, pid))
        return decided[1] if decided else None

    def refused(self, round_no: int, pid: int) -> bool:
        decided = self.decided.get((round_no, pid))
        return decided is not None and not decided[0]
