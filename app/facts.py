"""Signed facts (DESIGN.md §5, threat model): one verifier for every row that matters.

The rows of a session — its definition, each round's reveal key and shares,
every envelope, recusal, revealed opinion, the chair's position, the decision,
the status — can be rewritten by anyone holding the database key.  What cannot
be rewritten is the signed audit log (see :mod:`app.registry`).  So each entry
that makes a fact carries the digest of that fact's canonical form, and this
module checks the rows against the log: every fact the log records is present
and unchanged, was made by the identity entitled to make it (this session's
chair, this department's reviewer) at a point where it was allowed, and no row
exists that the log does not record.  Envelopes and recusals carry their
author's own signature as well, which is checked against the registry's key.

Every read path, the tally, reveal, sealing, the dossier and ``audit verify``
call :func:`check_session` (directly or through :func:`require_intact`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import facts_quorum, sealing
from app.canonical import canonical_json
from app.crypto import provider
from app.errors import Refused
from app.facts_recusal import RecusalTrack
from app.i18n import tr
from app.identity import fingerprint_of
from app.permissions import Role
from app.registry import Registry
from models import (
    Account,
    AuditEntry,
    Decision,
    Department,
    Envelope,
    HolderKey,
    Identity,
    Recusal,
    RevealedOpinion,
    RevealShare,
    ReviewSession,
    Round,
)

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
}


class Tampered(Refused):
    """A session's rows do not match the signed log: shown and used nowhere."""


def digest(value: Any) -> str:
    """SHA-256 of the canonical JSON form of ``value``, hex."""
    return provider().hash(canonical_json(value)).hex()


def _h(data: bytes) -> str:
    return provider().hash(data).hex()


def content_hash(content: str) -> str:
    """The digest a re-anchor records for a revealed opinion stored without its salt (older stores)."""
    return _h(content.encode())


def signer_fingerprint(db: Session, envelope: Envelope) -> str:
    ident = db.get(Identity, envelope.signer_identity_id)
    return fingerprint_of(ident.sign_public, ident.kem_public) if ident is not None else ""


# --- canonical forms -----------------------------------------------------------------------


def definition_of(
    db: Session, session: ReviewSession, store_id: str, names: dict[int, str] | None = None
) -> dict[str, Any]:
    """Everything the chair fixed when creating the session, with people by name (``names``: accounts by id,
    when the caller has read them already)."""
    names = dict(db.execute(select(Account.id, Account.name)).all()) if names is None else names
    depts = dict(db.execute(select(Department.id, Department.name)).all())
    return (
        {
            "store": store_id,
            "session": session.id,
            "ref": session.ref_number,
            "title": session.title,
            "kind": session.kind,
            "classification": session.classification,
            "term": session.classification_term,
            "rule": session.rule,
            "chair_counts": bool(session.chair_counts),
            "options": json.loads(session.options),
            "chair": names.get(session.chair_id),
            "deadline": session.deadline.isoformat() if session.deadline else None,
            "items": [[i.number, i.text] for i in session.items],
            "participants": [
                [p.id, depts.get(p.department_id), names.get(p.reviewer_id)] for p in session.participants
            ],
            "custodians": sorted(str(names.get(c.account_id)) for c in session.custodians),
        }
        | ({"quorum": session.quorum} if session.quorum else {})
        | ({"deputy": names.get(session.deputy_id)} if session.deputy_id is not None else {})
    )


def round_fact(db: Session, rnd: Round, names: dict[int, str] | None = None) -> dict[str, Any]:
    """A round's reveal key and the holders' sealed shares."""
    from app.sessions.holder_keys import key_digest

    names = dict(db.execute(select(Account.id, Account.name)).all()) if names is None else names
    shares = db.scalars(select(RevealShare).where(RevealShare.round_id == rnd.id).order_by(RevealShare.id))
    fact: dict[str, Any] = {
        "round": rnd.number,
        "reveal_public": _h(rnd.reveal_public),
        "shares": [[names.get(s.holder_id), _h(s.sealed_share)] for s in shares],
    }
    keys = db.scalars(select(HolderKey).where(HolderKey.round_id == rnd.id).order_by(HolderKey.layer))
    holders = [[k.layer, names.get(k.holder_id), key_digest(k.kem_public)] for k in keys]
    if holders:  # rounds of older stores split one key instead
        fact["holders"] = holders
    return fact


def _roles(reg: Registry, name: str) -> frozenset[str]:
    """The roles the signed log gave ``name`` (a disabled account keeps them on record)."""
    rec = reg.account(name)
    return rec.roles if rec is not None else frozenset()


def _same_time(signed: Any, stored: Any) -> bool:
    """The seal time shown (the row) is the one the author signed (the header)."""
    try:
        return bool(datetime.fromisoformat(str(signed)) == stored)
    except (TypeError, ValueError):
        return False


def envelope_fact(envelope: Envelope, author: str, signer_fp: str, round_number: int) -> dict[str, Any]:
    return {
        "round": round_number,
        "participant": envelope.participant_id,
        "chair": bool(envelope.is_chair),
        "author": author,
        "header": envelope.header,
        "ciphertext": _h(envelope.ciphertext),
        "commitment": envelope.commitment,
        "signature": envelope.signature.hex(),
        "signer": signer_fp,
        "author_copy": _h(envelope.author_copy),
    }


def recusal_fact(recusal: Recusal, round_number: int) -> dict[str, Any]:
    fact = {
        "round": round_number,
        "participant": recusal.participant_id,
        "conflict": bool(recusal.has_conflict),
        "statement": recusal.statement,
        "signature": recusal.signature.hex(),
    }
    if recusal.sealed_statement is not None:
        fact["sealed"] = blob_digest(recusal.sealed_statement)
    return fact


def decision_fact(decision: Decision, author: str, round_number: int) -> dict[str, Any]:
    # The signature makes this digest unguessable: the auditor sees it, not the text.
    fact = {
        "round": round_number,
        "text": decision.text,
        "by": author,
        "at": decision.decided_at.isoformat(),
        "signature": decision.signature.hex(),
    }
    if decision.sealed_text is not None:
        fact["sealed"] = blob_digest(decision.sealed_text)
    # The options adopted and the reason for departing from the tally (decisions since schema 0005).
    if decision.sealed_basis is not None:
        fact["sealed_basis"] = blob_digest(decision.sealed_basis)
    elif decision.basis:
        fact["basis"] = decision.basis
    return fact


def blob_digest(blob: bytes) -> str:
    return provider().hash(b"huishen-content-blob/1|" + blob).hex()


def recusal_signed_bytes(
    session_id: int,
    round_number: int,
    participant_id: int,
    conflict: bool,
    statement: str,
    sealed_statement: bytes | None = None,
) -> bytes:
    """What a reviewer signs when declaring a conflict (or none): the statement, or its ciphertext's digest."""
    doc: dict[str, Any] = {
        "session": session_id,
        "round": round_number,
        "participant": participant_id,
        "conflict": conflict,
    }
    if conflict and sealed_statement is not None:
        doc["sealed_statement"] = blob_digest(sealed_statement)
    elif conflict:
        doc["statement"] = statement
    return b"huishen-recusal/1|" + canonical_json(doc)


def decision_signed_bytes(
    session_id: int,
    round_number: int,
    text: str,
    at: str,
    sealed_text: bytes | None = None,
    basis: str | None = None,
    sealed_basis: bytes | None = None,
) -> bytes:
    """What the chair signs: the decision text, or (sealed under the content key) its ciphertext's digest; and
    likewise its basis — the options adopted and the written reason for departing from the tally."""
    doc: dict[str, Any] = {"session": session_id, "round": round_number, "at": at}
    if sealed_text is not None:
        doc["sealed_text"] = blob_digest(sealed_text)
    else:
        doc["text"] = text
    if sealed_basis is not None:
        doc["sealed_basis"] = blob_digest(sealed_basis)
    elif basis:
        doc["basis"] = basis
    return b"huishen-decision/1|" + canonical_json(doc)


# --- checking ------------------------------------------------------------------------------


class _Check:
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
        self.acting = ""  # who acts as chair at this point of the replay (the deputy after the chair's recusal)
        self.names = dict(db.execute(select(Account.id, Account.name)).all())
        self.rounds = {r.number: r for r in db.scalars(select(Round).where(Round.session_id == session.id))}
        # Signers' fingerprints, looked up for the envelopes met (not every identity of the store as ORM rows).
        self._fingerprints: dict[int, str | None] = {}
        self._keys: dict[int, tuple[bytes, bytes]] | None = None
        self._issued: dict[str, set[str]] | None = None
        self._spent: dict[str, int] = {}
        # Each round's envelope and recusal rows, read once per check (not once per log entry: n² rows).
        self._envelope_rows: dict[int, list[Envelope]] = {}
        self._recusal_rows: dict[int, list[Recusal]] = {}
        # Each recusal row's fact digest, computed once (not once per entry that looks for its row: n²).
        self._recusal_digests: dict[int, str] = {}

    def envelopes_of(self, round_id: int) -> list[Envelope]:
        if round_id not in self._envelope_rows:
            self._envelope_rows[round_id] = list(self.db.scalars(select(Envelope).where(Envelope.round_id == round_id)))
        return self._envelope_rows[round_id]

    def recusals_of(self, round_id: int) -> list[Recusal]:
        if round_id not in self._recusal_rows:
            self._recusal_rows[round_id] = list(self.db.scalars(select(Recusal).where(Recusal.round_id == round_id)))
        return self._recusal_rows[round_id]

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def flag(self, envelope_id: int, text: str) -> None:
        self.flagged.setdefault(envelope_id, text)

    def _settle_rejected(self, d: dict[str, Any], accounted: set[int]) -> None:
        """At reveal the chair's program rejected some envelopes (signed in the entry); those are settled."""
        rejected = {r.get("envelope") for r in d.get("rejected", []) if isinstance(r, dict)}
        accounted |= {e for e in rejected if isinstance(e, int)}

    def _signer_fp(self, envelope: Envelope) -> str | None:
        if self._keys is None:  # every identity's public keys, as plain rows, once per check
            rows = self.db.execute(select(Identity.id, Identity.sign_public, Identity.kem_public))
            self._keys = {i: (sign, kem) for i, sign, kem in rows}
        key = envelope.signer_identity_id
        if key not in self._fingerprints:
            keys = self._keys.get(key)
            self._fingerprints[key] = fingerprint_of(keys[0], keys[1]) if keys is not None else None
        return self._fingerprints[key]

    def ignore(self, entry: AuditEntry, why: str) -> None:
        """A validly signed entry its signer had no right to make here: it has no effect, and is reported."""
        self.ignored.append(
            tr("entry {seq} ({action}) by {actor} is ignored: {why}").format(
                seq=entry.seq, action=entry.action, actor=entry.actor, why=why
            )
        )

    def _details(self, entry: AuditEntry) -> dict[str, Any] | None:
        try:
            d = json.loads(entry.details)
        except (TypeError, ValueError):
            d = None
        if not isinstance(d, dict):
            self.problem(tr("entry {seq} has unreadable details").format(seq=entry.seq))
            return None
        return d

    def _legacy_facts(self, entries: list[AuditEntry], create: dict[str, Any]) -> dict[str, Any]:
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

    def run(self, entries: list[AuditEntry]) -> list[str]:
        try:
            self._run(entries)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            # Rows or entries of the wrong shape (written by hand): the session is not what was signed.
            self.problem(tr("its records are malformed ({what})").format(what=type(exc).__name__))
        return self.problems

    def _run(self, entries: list[AuditEntry]) -> None:
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
        era = facts_quorum.era_start(self.db)
        quorum_rule = facts_quorum.rule_of(create, current, held=era is not None and entries[0].seq > era)
        if "definition" in create:
            self._check_people(entries[0], current)
        reviewers = {pid: reviewer for pid, _dept, reviewer in current["participants"]}
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
                entry, action = proxy, "opinion.seal"  # type: ignore[assignment]
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
                if len(seen_env[round_no] - set(self.flagged)) + len(seen_rec[round_no]) < len(reviewers):
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

    def _check_people(self, entry: AuditEntry, current: dict[str, Any]) -> None:
        """The reveal-key holders the chair named: real custodians, not the chair or a reviewer, as many as the
        security officer's policy asked when the session was created (the chair signs this; it is checked)."""
        custodians = current["custodians"]
        reviewers = {rev for _pid, _dept, rev in current["participants"]}
        wrong = [
            c
            for c in custodians
            if c == current["chair"] or c in reviewers or Role.CUSTODIAN.value not in _roles(self.reg, str(c))
        ]
        if wrong:
            self.problem(
                tr("its custodians include accounts that may not hold a reveal key: {names}").format(
                    names=", ".join(sorted(str(w) for w in wrong))
                )
            )
        deputy = current.get("deputy")
        if deputy is not None and (
            deputy in (current["chair"], *custodians, *reviewers)
            or Role.CHAIR.value not in _roles(self.reg, str(deputy))
        ):
            self.problem(
                tr("its deputy chair {name} has another part in it or lacks the chair role").format(name=deputy)
            )
        from app import policy

        required = policy.value_at(self.db, "min_custodians", entry.seq)
        if len(set(custodians)) < required:
            self.problem(
                tr("it has {n} custodian(s); the security policy asked for at least {min}").format(
                    n=len(set(custodians)), min=required
                )
            )

    def _check_round_rows(self, reasons: dict[int, dict[str, Any]]) -> None:
        """Reasons and reveal times shown to readers: as signed (nothing claimed that was not signed)."""
        for number, rnd in self.rounds.items():
            signed = reasons.get(number, {})
            if (rnd.close_reason or None) != (signed.get("closed") or None):
                self.problem(
                    tr("the reason round {round} was closed early differs from the signed one").format(round=number)
                )
            if "opened" in signed and (rnd.opened_reason or "") != (signed.get("opened") or ""):
                self.problem(tr("the reason round {round} was opened differs from the signed one").format(round=number))
            if (rnd.revealed_at is not None) != (number in self.revealed_rounds):
                self.problem(tr("the reveal time of round {round} differs from the signed log").format(round=number))

    def _check_round(self, entry: AuditEntry, d: dict[str, Any], legacy: str | None, current: dict[str, Any]) -> None:
        number = d.get("round")
        rnd = self.rounds.get(number) if isinstance(number, int) else None
        expected = d.get("round_key", legacy)
        fact = round_fact(self.db, rnd, self.names) if rnd is not None else {}  # read once, used twice below
        if rnd is None:
            self.problem(tr("round {round} recorded in entry {seq} is missing").format(round=number, seq=entry.seq))
        elif expected != digest(fact):
            self.problem(
                tr("the reveal key or key shares of round {round} differ from what the chair signed").format(
                    round=number
                )
            )
        elif "holder_keys" in d:
            signed = d["holder_keys"]
            rows = fact.get("holders", [])
            if not isinstance(signed, list) or rows != [[i, *h] for i, h in enumerate(signed) if isinstance(h, list)]:
                self.problem(
                    tr("the holder keys of round {round} differ from what the chair signed").format(round=number)
                )
            else:
                self._check_holders(number, signed, current)
        elif "round_key" in d:
            # Only rounds of stores older than per-holder keys (re-anchored) may rest on one key.
            self.problem(
                tr("round {round} was opened with a single reveal key the chair made alone").format(round=number)
            )

    def _check_holders(self, number: Any, holders: Any, current: dict[str, Any]) -> None:
        """Each holder key: the chair's innermost, then one per custodian, issued by that custodian, used once."""
        from app.sessions import holder_keys, remote_keys

        if self._issued is None:
            self._issued = remote_keys.issued(self.db, self.reg)
            self._spent = holder_keys.spent(self.db)
        names = [h[0] for h in holders] if isinstance(holders, list) else []
        if not names or names[0] != self.acting or sorted(names[1:]) != sorted(current["custodians"]):
            self.problem(
                tr("the holders of round {round}'s keys are not this session's chair and custodians").format(
                    round=number
                )
            )
            return
        for name, key in holders[1:]:
            if key not in self._issued.get(name, set()):
                self.problem(
                    tr("the round key of {name} in round {round} was not issued by {name}").format(
                        name=name, round=number
                    )
                )
            elif self._spent.get(key, 0) > 1:
                self.problem(
                    tr("the one-time round key of {name} in round {round} is used by another round too").format(
                        name=name, round=number
                    )
                )

    def _check_envelope(
        self,
        entry: AuditEntry,
        d: dict[str, Any],
        facts: dict[str, Any],
        current: dict[str, Any],
        round_no: int,
        status: str | None,
    ) -> int | None:
        """Find the row this entry sealed; a changed row is flagged (envelope-level), a missing one is not."""
        rnd = self.rounds.get(round_no)
        expected = d.get("envelope") or facts.get("envelopes", {}).get(str(entry.seq))
        is_chair = entry.action == "chair.position"
        if rnd is None:
            self.problem(tr("entry {seq} seals into a round that does not exist").format(seq=entry.seq))
            return None
        if status != "collecting" and not is_chair:
            self.problem(tr("entry {seq} seals an opinion when the session did not allow it").format(seq=entry.seq))
        chair = self.acting  # the deputy chair once the chair's recusal was approved
        if is_chair:
            participant: int | None = None
            entitled = chair
        else:
            matches = [(pid, rev) for pid, dept, rev in current["participants"] if dept == d.get("department")]
            if not matches:
                self.ignore(entry, tr("the department is not in the session"))
                return None
            participant, entitled = matches[0]
            substitute = self.track.substitute(round_no, participant)
            if entry.actor == substitute and d.get("substitute_for") == entitled:
                entitled = substitute  # named by the chair in a signed decision of this round
        if entry.actor != entitled:
            self.ignore(
                entry,
                tr("{actor} may not seal for {who}").format(
                    actor=entry.actor, who=d.get("department") or tr("the chair")
                ),
            )
            return None
        rows = [e for e in self.envelopes_of(rnd.id) if (e.is_chair if is_chair else e.participant_id == participant)]
        who = tr("the chair") if is_chair else str(d.get("department"))
        if not rows:
            self.problem(
                tr("the sealed opinion of {who} in round {round} (entry {seq}) is missing").format(
                    who=who, round=round_no, seq=entry.seq
                )
            )
            return None
        for envelope in rows:
            author = self.names.get(envelope.author_id, "")
            fp = self._signer_fp(envelope) or ""
            if digest(envelope_fact(envelope, author, fp, round_no)) == expected and self._envelope_ok(
                envelope, author, fp, round_no, is_chair
            ):
                return envelope.id
        for envelope in rows:
            self.flag(
                envelope.id,
                tr("the sealed opinion of {who} in round {round} was changed after sealing (entry {seq})").format(
                    who=who, round=round_no, seq=entry.seq
                ),
            )
        return None

    def _envelope_ok(self, envelope: Envelope, author: str, fp: str, round_no: int, is_chair: bool) -> bool:
        """The author's own signature over the envelope, by a key the registry gives that author."""
        public = self.reg.sign_public(fp)
        if not self.reg.signed_by(author, fp) or public is None:
            return False
        try:
            sealing.verify_signature(
                envelope.header, envelope.commitment, envelope.ciphertext, envelope.signature, public
            )
            head = json.loads(envelope.header)
        except (sealing.EnvelopeInvalid, ValueError):
            return False
        want = (self.store_id, self.session.id, round_no, "chair" if is_chair else envelope.participant_id, author)
        got = tuple(head.get(k) for k in ("store", "session", "round", "participant", "author"))
        return got == want and _same_time(head.get("sealed_at"), envelope.sealed_at)

    def _check_recusal(
        self, entry: AuditEntry, d: dict[str, Any], facts: dict[str, Any], reviewers: dict[int, str], round_no: int
    ) -> int | None:
        expected = d.get("recusal") or facts.get("recusals", {}).get(str(entry.seq))
        rnd = self.rounds.get(round_no)
        if expected is None or rnd is None:
            return None
        for recusal in self.recusals_of(rnd.id):
            key = recusal.id
            if key not in self._recusal_digests:
                self._recusal_digests[key] = digest(recusal_fact(recusal, round_no))
            if self._recusal_digests[key] != expected:
                continue
            if reviewers.get(recusal.participant_id) != entry.actor:
                self.problem(
                    tr("the recusal of entry {seq} is not by that department's reviewer").format(seq=entry.seq)
                )
            elif "recusal" in d:  # stores before this kept a signature over other bytes
                signed = recusal_signed_bytes(
                    self.session.id,
                    round_no,
                    recusal.participant_id,
                    recusal.has_conflict,
                    recusal.statement,
                    recusal.sealed_statement,
                )
                ok = any(
                    provider().verify(public, recusal.signature, signed)
                    for public in self.reg.keys_ever_of(entry.actor)
                )
                if not ok:
                    self.problem(
                        tr("the recusal of entry {seq} does not verify against its reviewer's signature").format(
                            seq=entry.seq
                        )
                    )
            return recusal.id
        self.problem(tr("the recusal declaration of entry {seq} is missing or was changed").format(seq=entry.seq))
        return None

    def _check_published(self, envelope_id: int, expected: Any) -> None:
        """The chair's position, published under the content key: the stored ciphertext is the one signed."""
        row = self.db.scalars(select(RevealedOpinion).where(RevealedOpinion.envelope_id == envelope_id)).first()
        if expected is None:  # older stores published it in clear, checked against its commitment
            ok = row is None or row.sealed_content is None
        else:
            ok = row is not None and row.sealed_content is not None and blob_digest(row.sealed_content) == expected
        if not ok:
            self.problem(tr("the chair's stated position differs from what the chair signed"))

    def _check_revealed(self, round_no: int, facts: dict[str, Any], signed: Any, d: dict[str, Any]) -> None:
        """Revealed rows: sealed under the content key as the chair signed at reveal (or, older, in clear).

        Each envelope the reveal opened has a valid row with exactly the signed ciphertext; a row marked
        rejected must be one the reveal entry rejects (one UPDATE must not drop an opinion from the tally).
        """
        rnd = self.rounds.get(round_no)
        if rnd is None:
            return
        legacy = facts.get("revealed", {})
        rejected = {r.get("envelope") for r in d.get("rejected", []) if isinstance(r, dict)}
        rows = self.db.execute(
            select(Envelope, RevealedOpinion)
            .join(RevealedOpinion, RevealedOpinion.envelope_id == Envelope.id)
            .where(Envelope.round_id == rnd.id)
        ).all()
        present = set()
        for envelope, revealed in rows:
            present.add(str(envelope.id))
            if envelope.is_chair and (revealed.sealed_content is not None or isinstance(signed, dict)):
                if not revealed.valid:
                    self.problem(tr("the chair's stated position differs from what the chair signed"))
                continue  # the chair's sealed position is checked against its own entry
            if not revealed.valid:
                if isinstance(signed, dict) and envelope.id not in rejected:
                    self.problem(
                        tr("an opinion of round {round} is marked rejected, but the reveal opened it").format(
                            round=round_no
                        )
                    )
                continue
            content = revealed.content or ""
            if isinstance(signed, dict):
                ok = revealed.sealed_content is not None and signed.get(str(envelope.id)) == blob_digest(
                    revealed.sealed_content
                )
            elif revealed.salt is not None:
                try:
                    ok = sealing.commitment_of(bytes.fromhex(revealed.salt), json.loads(content)) == envelope.commitment
                except ValueError:
                    ok = False
            else:
                ok = legacy.get(str(envelope.id)) == content_hash(content)
            if not ok:
                self.problem(
                    tr("a revealed opinion of round {round} does not match its author's sealed commitment").format(
                        round=round_no
                    )
                )
        if isinstance(signed, dict) and set(signed) - present:
            self.problem(tr("an opinion the reveal of round {round} opened is missing").format(round=round_no))

    def _check_decision(self, entry: AuditEntry, d: dict[str, Any], facts: dict[str, Any], chair: str) -> bool:
        decision = self.db.scalars(select(Decision).where(Decision.session_id == self.session.id)).first()
        expected = d.get("decision") or facts.get("decision")
        rnd = self.db.get(Round, decision.round_id) if decision else None
        if (
            decision is None
            or rnd is None
            or digest(decision_fact(decision, self.names.get(decision.decided_by, ""), rnd.number)) != expected
        ):
            self.problem(tr("the recorded decision is missing or differs from what the chair signed"))
            return False
        if "decision" in d:
            signed = decision_signed_bytes(
                self.session.id,
                rnd.number,
                decision.text,
                decision.decided_at.isoformat(),
                decision.sealed_text,
                decision.basis,
                decision.sealed_basis,
            )
            if not any(provider().verify(pub, decision.signature, signed) for pub in self.reg.keys_ever_of(chair)):
                self.problem(tr("the decision does not verify against the chair's signature"))
        return True

    def _unaccounted(
        self, seen_env: dict[int, set[int]], seen_rec: dict[int, set[int]], rounds: int, decided: bool
    ) -> None:
        for number, rnd in self.rounds.items():
            if number > rounds:
                self.problem(tr("round {round} is not in the signed log (planted)").format(round=number))
                continue
            for envelope in self.envelopes_of(rnd.id):
                if envelope.id not in seen_env[number]:
                    self.flag(
                        envelope.id,
                        tr("an envelope in round {round} is not in the signed log (planted or replaced)").format(
                            round=number
                        ),
                    )
                    if number in self.revealed_rounds:
                        self.problem(self.flagged[envelope.id])
            for recusal in self.recusals_of(rnd.id):
                if recusal.id not in seen_rec[number]:
                    self.problem(
                        tr("a recusal in round {round} is not in the signed log (planted or replaced)").format(
                            round=number
                        )
                    )
        if not decided and self.db.scalars(select(Decision).where(Decision.session_id == self.session.id)).first():
            self.problem(tr("a decision is recorded that the signed log does not contain"))


def session_entries(db: Session, session_id: int) -> list[AuditEntry]:
    return list(
        db.scalars(select(AuditEntry).where(AuditEntry.object == f"session:{session_id}").order_by(AuditEntry.seq))
    )


@dataclass
class SessionCheck:
    """``problems``: the session's record is not what was signed (nothing may be shown or changed);
    ``flagged``: envelope rows that do not match (excluded and reported at reveal)."""

    problems: list[str]
    flagged: dict[int, str]
    ignored: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return self.problems + [p for p in self.flagged.values() if p not in self.problems] + self.ignored


def inspect(db: Session, reg: Registry, session: ReviewSession, store_id: str) -> SessionCheck:
    """Check ``session`` against its signed facts (the verdict reused while nothing changed: app.facts_cache)."""
    from app import facts_cache

    def compute() -> SessionCheck:
        entries = [e for e in session_entries(db, session.id) if e.seq <= reg.seq]
        check = _Check(db, reg, session, store_id)
        check.run(entries)
        return SessionCheck(check.problems, check.flagged, check.ignored)

    return facts_cache.checked(db, reg, session.id, store_id, compute)


def check_session(db: Session, reg: Registry, session: ReviewSession, store_id: str) -> list[str]:
    """Every way ``session``'s rows differ from its signed facts (empty when intact)."""
    return inspect(db, reg, session, store_id).all()


def verify_store(db: Session, reg: Registry, store_id: str | None = None) -> Iterable[str]:
    """Every session of the store checked; yields one line per problem, naming the session."""
    if store_id is None:
        first = db.get(AuditEntry, 1)
        store_id = first.object.partition(":")[2] if first is not None else ""
    logged = {
        int(obj.partition(":")[2])
        for obj in db.scalars(select(AuditEntry.object).where(AuditEntry.action == "session.create"))
    }
    for session in db.scalars(select(ReviewSession).order_by(ReviewSession.id)):
        logged.discard(session.id)
        for problem in check_session(db, reg, session, store_id):
            yield tr("session {ref} (id {id}): {problem}").format(
                ref=session.ref_number, id=session.id, problem=problem
            )
    for missing in sorted(logged):
        yield tr("session id {id}: created in the signed log but missing from the database").format(id=missing)


def require_intact(db: Session, reg: Registry, session: ReviewSession, store_id: str) -> None:
    """Raise :class:`Tampered`, naming the first problem, unless ``session`` matches its signed facts."""
    raise_problems(session, inspect(db, reg, session, store_id).problems)


def raise_problems(session: ReviewSession, problems: list[str]) -> None:
    """Raise :class:`Tampered`, naming the first of ``problems`` (a check's), if there is any."""
    if problems:
        raise Tampered(
            tr(
                "The record of session {ref} was altered in the database: {problem}. Nothing was shown or changed; "
                "tell the auditor."
            ).format(ref=session.ref_number, problem=problems[0])
        )
