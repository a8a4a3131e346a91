"""The replay of a session's signed log: its entries in order, the status and who acts as chair at each point,
who may make each entry, each row checked when its entry is met (app.facts_rows).

Moved out of app.facts (issue 16: modules under ~400 lines); app.facts calls it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import facts_quorum
from app.facts_forms import definition_of, digest
from app.facts_recusal import RecusalTrack
from app.facts_rows import RowChecks, _roles
from app.i18n import tr
from app.permissions import Role
from app.registry import Registry
from app.schema_guard import foreign_triggers
from models import Account, AuditEntry, Envelope, HolderKey, Recusal, ReviewSession, Round

# Status after each lifecycle action (None: the action does not move the status).
_MOVES = {
    "session.create": "draft",
    "session.open": "collecting",
    "session.round": "collecting",
    "session.sealed": "sealed",
    "session.close": "sealed",
    "session.reveal": "revealed",
    "session.decide": "decided",
    "session.withdraw": "withdrawn",
}


# The signed status each action may be taken in (the chair's own entries are checked too).
_NEEDS: dict[str, tuple[str | None, ...]] = {
    "session.open": ("draft",),
    "session.round": ("revealed",),
    "session.close": ("collecting",),
    "session.sealed": ("collecting",),
    "session.reveal": ("sealed",),
    "chair.position": ("revealed",),
    "session.decide": ("revealed",),
    "session.withdraw": ("draft", "collecting", "sealed", "revealed"),
    "recusal.decide": ("collecting", "sealed"),
    "recusal.remote": ("collecting",),
    "custodian.recuse": ("collecting", "sealed"),
    "chair.recuse": ("collecting", "sealed"),
    "chair.recusal.decide": ("collecting", "sealed"),
}


_CHAIR_ACTIONS = {
    "session.open",
    "session.round",
    "session.close",
    "session.reveal",
    "session.decide",
    "session.withdraw",
    "chair.position",
    "recusal.decide",
    "reveal.remote",
    "opinion.remote",
    "recusal.remote",
}


class _Check(RowChecks):
    """Checks one session's rows against its entries in the signed log."""

    def __init__(self, db: Session, reg: Registry, session: ReviewSession, store_id: str) -> None:
        self.db = db
        self.reg = reg
        self.session = session
        self.store_id = store_id
        self.problems: list[str] = []
        # Validly signed entries by accounts with no right to make them: without effect, reported by verify.
        self.ignored: list[str] = []
        # Envelope rows that do not match the signed log (changed, planted): excluded at reveal, reported.
        self.flagged: dict[int, str] = {}
        self.revealed_rounds: set[int] = set()
        # (round, participant) whose seal an entitled, signed entry records (whatever its row is now).
        self.answered: set[tuple[int, int]] = set()
        self.acting = ""  # who acts as chair at this point of the replay (the deputy after the chair's recusal)
        self.names = dict(db.execute(select(Account.id, Account.name)).all())
        self._round_rows = list(db.scalars(select(Round).where(Round.session_id == session.id)))
        self.rounds = {r.number: r for r in self._round_rows}
        for name in foreign_triggers(db):  # it could write between our statements: refused before anything else
            planted = tr("the database holds a trigger or view this program did not make ({name})")
            self.problems.append(planted.format(name=name))
        for rnd in self._round_rows:  # a second row under a number (the UNIQUE index dropped): first, it hides one
            if self.rounds[rnd.number] is not rnd:
                self.problems.append(tr("round {round} is recorded twice (one is planted)").format(round=rnd.number))
        # Signers' fingerprints, looked up for the envelopes met (not every identity of the store as ORM rows).
        self._fingerprints: dict[int, str | None] = {}
        self._keys: dict[int, tuple[bytes, bytes]] | None = None
        self._issued: dict[str, set[str]] | None = None
        self._spent: dict[str, int] = {}
        # Each round's envelope and recusal rows, read once per check (not once per log entry: n² rows).
        self._envelope_rows: dict[int, list[Envelope]] = {}
        self._recusal_rows: dict[int, list[Recusal]] = {}
        # Each round's envelope rows by participant, and its recusal rows' fact digests as far as scanned: computed
        # once per check (not once per entry that looks for its row: n²).
        self._envelope_index: dict[int, tuple[list[Envelope], dict[Any, list[Envelope]]]] = {}
        self._recusal_scan: dict[int, tuple[dict[str, int], list[int]]] = {}
        self._departments_index: tuple[dict[str, Any], dict[Any, tuple[Any, Any]]] | None = None
        # Each round's holder keys as its round fact read them; each participant's department as the definition.
        self._holder_keys: dict[int, list[HolderKey]] = {}
        self._departments: dict[int, str] = {}

    def _settle_rejected(self, d: dict[str, Any], accounted: set[int]) -> None:
        """At reveal the chair's program rejected some envelopes (signed in the entry); those are settled."""
        rejected = {r.get("envelope") for r in d.get("rejected", []) if isinstance(r, dict)}
        accounted |= {e for e in rejected if isinstance(e, int)}

    def _details(self, entry: AuditEntry) -> dict[str, Any] | None:
        try:
            d = json.loads(entry.details)
        except (TypeError, ValueError):
            d = None
        if not isinstance(d, dict):
            self.problem(tr("entry {seq} has unreadable details").format(seq=entry.seq))
            return None
        return d

    def _legacy_facts(self, entries: list[Any], create: dict[str, Any]) -> dict[str, Any]:
        """Row digests of a session made before facts were signed: the FIRST re-anchoring only."""
        if "definition" in create:
            for e in entries:
                if e.action == "store.reanchor":
                    self.ignore(e, tr("this session's facts were signed from the start"))
            return {}
        anchors = [e for e in entries if e.action == "store.reanchor"]
        for e in anchors[1:]:
            self.ignore(e, tr("the session was re-anchored earlier"))
        if not anchors:
            return {}
        d = self._details(anchors[0]) or {}
        facts = d.get("facts")
        return facts if isinstance(facts, dict) else {}

    def run(self, entries: list[Any]) -> list[str]:
        try:
            self._run(entries)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            # Rows or entries of the wrong shape (written by hand): the session is not what was signed.
            self.problem(tr("its records are malformed ({what})").format(what=type(exc).__name__))
        return self.problems

    def _all_answered(self, round_no: int, departments: set[int], recusals: set[int]) -> bool:
        """Whether every department of the round has answered by the log: a seal by an entitled account (its
        reviewer, or the substitute the chair named) recorded in a signed entry, or a conflict declared that took
        effect — approved without a substitute, or declared before recusals were decided.  (Counting envelopes plus
        recusal rows counted each seal's no-conflict declaration too: two seals of three were "every department",
        and a recusal approved with a substitute counted whether or not the substitute sealed.)"""
        rnd = self.rounds.get(round_no)
        if rnd is None:
            return False
        answered = {pid for number, pid in self.answered if number == round_no}
        for r in self.recusals_of(rnd.id):
            if r.id not in recusals or not r.has_conflict:
                continue
            key = (round_no, r.participant_id)
            if key not in self.track.requested or self.track.decided.get(key) == (True, None):
                answered.add(r.participant_id)
        return departments <= answered

    def _run(self, entries: list[Any]) -> None:
        s = self.session
        if not entries or entries[0].action != "session.create":
            self.problem(tr("it has no signed creation entry in the audit log (planted)"))
            return
        create = self._details(entries[0])
        if create is None:
            return
        facts = self._legacy_facts(entries, create)
        definition = create.get("definition", facts.get("definition"))
        current = definition_of(self.db, s, self.store_id, self.names)
        if definition != digest(current):
            self.problem(tr("its definition (title, items, options, rule, people) differs from what the chair signed"))
            return
        chair = current["chair"]
        era = self.reg.quorum_era  # from the verified log: rows an insider edits cannot move it (era_start read them)
        quorum_rule = facts_quorum.rule_of(create, current, held=era is not None and entries[0].seq > era)
        if "definition" in create:
            self._check_people(entries[0], current)
        reviewers = {pid: reviewer for pid, _dept, reviewer in current["participants"]}
        self._departments = {pid: dept for pid, dept, _r in current["participants"] if isinstance(dept, str)}
        custodians = set(current["custodians"])
        self.track = RecusalTrack(
            self,
            self.reg,
            reviewers,
            {pid: dept for pid, dept, _r in current["participants"]},
            {chair, *custodians, *([current["deputy"]] if current.get("deputy") else [])},
        )
        self.track.custodians = custodians
        # The chair's own recusal, decided by the deputy chair named on the session (app.sessions.deputy):
        # once approved, the deputy acts as chair; the recused chair still releases their layer of that round.
        deputy = current.get("deputy")
        self.acting = chair
        chair_requests: dict[int, bool | None] = {}
        layer0 = chair  # who holds the innermost key of the current round
        status: str | None = "draft"
        round_no = 0
        layered = False  # the current round rests on per-holder keys (so each custodian releases)
        released: set[str] = set()
        positioned = False
        seen_env: dict[int, set[int]] = defaultdict(set)  # round → envelope ids accounted for
        seen_rec: dict[int, set[int]] = defaultdict(set)
        seen_decision = False
        reasons: dict[int, dict[str, Any]] = defaultdict(dict)
        for entry in entries[1:]:
            d = self._details(entry)
            if d is None:
                continue
            action = entry.action
            if action in _CHAIR_ACTIONS and entry.actor != self.acting:
                self.ignore(entry, tr("only this session's chair may do that"))
                continue
            if action in _NEEDS and status not in _NEEDS[action]:
                self.problem(
                    tr("entry {seq} ({action}) was made when the session was '{status}'").format(
                        seq=entry.seq, action=action, status=status
                    )
                )
            if action == "opinion.remote":  # a reviewer at another workstation, by a file the chair imported
                from app.sessions import remote_seal

                proxy = remote_seal.as_reviewers_seal(self.reg, self.store_id, s.id, round_no, entry, d)
                if proxy is None or proxy.actor not in reviewers.values():
                    self.ignore(entry, tr("the reviewer's own signed envelope does not hold"))
                    continue
                entry, action = proxy, "opinion.seal"
            if action == "recusal.remote":  # a remote reviewer's recusal request (app/facts_remote_recusal.py)
                from app import facts_remote_recusal

                proxy = facts_remote_recusal.as_reviewers_request(self.reg, self.store_id, s.id, round_no, entry, d)
                if proxy is None or proxy.actor not in reviewers.values():
                    self.ignore(entry, tr("the reviewer's own signed recusal does not hold"))
                    continue
                entry, action = proxy, "opinion.recuse"
            if action in ("session.open", "session.round"):
                round_no += 1
                if d.get("round") != round_no:
                    self.problem(
                        tr("entry {seq} opens round {round} out of order").format(seq=entry.seq, round=d.get("round"))
                    )
                self._check_round(entry, d, facts.get("rounds", {}).get(str(round_no)), current)
                layered, released, positioned = "holder_keys" in d, set(), False
                layer0 = self.acting
                reasons[round_no]["opened"] = d.get("reason", "") if action == "session.round" else ""
            elif action in ("opinion.seal", "chair.position"):
                env = self._check_envelope(entry, d, facts, current, round_no, status)
                if env is not None:
                    seen_env[round_no].add(env)
                    if action == "chair.position":
                        positioned = True
                        self._check_published(env, d.get("revealed"))
            elif action == "session.sealed":
                if entry.actor not in (chair, self.acting) and entry.actor not in reviewers.values():
                    self.ignore(entry, tr("the account has no part in this session"))
                    continue
                if not self._all_answered(round_no, set(reviewers), seen_rec[round_no]):
                    self.ignore(entry, tr("not every department had sealed or recused"))
                    continue
            elif action == "recusal.decide" and "custodian" in d:
                self.track.decide_custodian(entry, d, round_no, released)
            elif action == "recusal.decide":
                self.track.decide(entry, d, round_no)
            elif action == "custodian.recuse":
                self.track.custodian_request(entry, d, round_no, released)
            elif action in ("chair.recuse", "chair.recusal.decide"):
                if self._chair_recusal(entry, d, round_no, chair, deputy, chair_requests, released):
                    self.acting = str(deputy)
            elif action == "chair.release":  # a recused chair's layer, to the deputy acting as chair
                if entry.actor != layer0 or layer0 == self.acting:
                    self.ignore(entry, tr("the account holds no key of this session"))
                    continue
                if status == "sealed" and d.get("round") == round_no:
                    released.add(entry.actor)
            elif action == "reveal.remote":  # a custodian at another workstation, by a file the chair imported
                from app.sessions import remote_release

                got = remote_release.verified(self.reg, self.store_id, s.id, entry.actor, d)
                if got is None or got.member not in custodians:
                    self.ignore(entry, tr("the custodian's own signed release does not hold"))
                    continue
                from app.sessions import seal_board

                if got.board != seal_board.round_digest(self.db, s, got.round, self.store_id):  # not another board
                    self.ignore(entry, tr("the custodian's release is bound to another seal board"))
                    continue
                if status == "sealed" and got.round == round_no:
                    released.add(got.member)
            elif action == "reveal.release":
                if entry.actor not in custodians:
                    self.ignore(entry, tr("the account holds no key of this session"))
                    continue
                if status != "sealed":  # nothing to release yet: without effect, and reported
                    self.ignore(entry, tr("a key release signed before the round was sealed"))
                    continue
                if status == "sealed" and d.get("round") == round_no:
                    released.add(entry.actor)
            if action in ("opinion.seal", "opinion.recuse"):
                if entry.actor not in reviewers.values():
                    continue  # reported by _check_envelope / ignored: no part in the session (or a substitute)
                if action == "opinion.recuse":
                    self.track.request(entry, d, round_no)
                if d.get("recusal_refused") is True and "recusal" not in d:
                    pid = next((p for p, name in reviewers.items() if name == entry.actor), -1)
                    if not self.track.refused(round_no, pid):
                        self.problem(
                            tr("entry {seq} seals after a recusal refusal the chair never made").format(seq=entry.seq)
                        )
                    continue
                rec = self._check_recusal(entry, d, facts, reviewers, round_no)
                if rec is not None:
                    seen_rec[round_no].add(rec)
            if action in ("session.sealed", "session.close"):
                short = facts_quorum.shortfall(quorum_rule, current, len(seen_env[round_no] - set(self.flagged)))
                if short is not None:
                    self.problem(tr("entry {seq}: {why}").format(seq=entry.seq, why=short))
            if action == "session.close":
                reasons[round_no]["closed"] = d.get("reason")
            if action == "session.withdraw" and s.withdrawn_reason != d.get("reason"):
                self.problem(tr("the withdrawal reason differs from the signed one"))
            if action == "session.reveal":
                if chair_requests.get(round_no, False) is None:
                    self.problem(
                        tr("round {round} was revealed while the chair's recusal awaited the deputy's decision").format(
                            round=round_no
                        )
                    )
                holders = custodians | ({layer0} if layer0 != self.acting else set())
                if layered and released != holders:
                    self.problem(
                        tr("round {round} was revealed without the release of: {names}").format(
                            round=round_no, names=", ".join(sorted(holders - released))
                        )
                    )
                self.revealed_rounds.add(round_no)
                self._check_revealed(round_no, facts, d.get("revealed"), d)
                self._settle_rejected(d, seen_env[round_no])
            if action == "session.decide":
                if not positioned:
                    self.problem(tr("the decision was recorded before the chair stated a position"))
                seen_decision = self._check_decision(entry, d, facts, self.acting)
            if action in _MOVES:
                status = _MOVES[action]
            if action == "dossier.export" and status == "decided":
                status = "archived"
        self._unaccounted(seen_env, seen_rec, round_no, seen_decision)
        self._check_round_rows(reasons)
        if status != "withdrawn" and s.withdrawn_reason is not None:
            self.problem(tr("a withdrawal reason is recorded that the signed log does not contain"))
        if status is not None and s.status != status:
            self.problem(
                tr("its status is '{status}' in the database, but the signed log says '{signed}'").format(
                    status=s.status, signed=status
                )
            )

    def _chair_recusal(
        self,
        entry: AuditEntry,
        d: dict[str, Any],
        round_no: int,
        chair: str,
        deputy: Any,
        requests: dict[int, bool | None],
        released: set[str],
    ) -> bool:
        """The chair's request, or the deputy's decision on it; True when this approves (the deputy acts)."""
        if deputy is None or d.get("round") != round_no or self.acting != chair:
            self.ignore(entry, tr("no recusal of the chair can be asked or decided here"))
            return False
        if entry.action == "chair.recuse":
            if entry.actor != chair or round_no in requests:
                self.ignore(entry, tr("only the chair asks for the chair's recusal, once a round"))
            else:
                requests[round_no] = None
            return False
        if entry.actor != deputy or Role.CHAIR.value not in _roles(self.reg, str(deputy)):
            self.ignore(entry, tr("only the deputy chair named on the session decides the chair's recusal"))
            return False
        if requests.get(round_no, False) is not None:
            self.ignore(entry, tr("no recusal request of the chair awaits a decision in this round"))
            return False
        approved = d.get("approved") is True
        if approved and released:
            self.ignore(entry, tr("a custodian had already released their key to the chair"))
            return False
        requests[round_no] = approved
        return approved
