"""The row checks of a session's facts check: each kind of row (round keys and holders, envelopes, recusals,
revealed opinions, the decision, rows no entry accounts for) against the entry that signed it.

Moved out of app.facts (issue 16: modules under ~400 lines) as a mixin of its replay, ``app.facts_replay._Check``,
which sets the attributes declared here.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import sealing
from app.facts_forms import (
    blob_digest,
    content_hash,
    decision_fact,
    decision_signed_bytes,
    digest,
    envelope_fact,
    recusal_signed_bytes,
    round_fact,
)
from app.facts_lookup import RowLookups, _signed_by_any
from app.facts_recusal import RecusalTrack
from app.i18n import tr
from app.permissions import Role
from app.registry import Registry
from models import AuditEntry, Decision, Envelope, RevealedOpinion, ReviewSession, Round


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


class RowChecks(RowLookups):
    """The rows of one session checked against the entries of the signed log that made them."""

    db: Session
    reg: Registry
    session: ReviewSession
    store_id: str
    problems: list[str]
    ignored: list[str]
    flagged: dict[int, str]
    answered: set[tuple[int, int]]
    revealed_rounds: set[int]
    acting: str
    names: dict[int, str]
    rounds: dict[int, Round]
    track: RecusalTrack

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def flag(self, envelope_id: int, text: str) -> None:
        self.flagged.setdefault(envelope_id, text)

    def ignore(self, entry: AuditEntry, why: str) -> None:
        """A validly signed entry its signer had no right to make here: it has no effect, and is reported."""
        self.ignored.append(
            tr("entry {seq} ({action}) by {actor} is ignored: {why}").format(
                seq=entry.seq, action=entry.action, actor=entry.actor, why=why
            )
        )

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
        clerks = current["options"].get("clerks") if isinstance(current["options"], dict) else None
        unfit = sorted(
            {str(r) for r in reviewers if Role.REVIEWER.value not in _roles(self.reg, str(r))}
            | {str(c) for c in clerks or [] if Role.CLERK.value not in _roles(self.reg, str(c))}
        )
        if unfit:  # a role granted in the database only (a 三员 named reviewer would hold a reader copy of the key)
            self.problem(
                tr("it names people for a part the signed log gives them no role for: {names}").format(
                    names=", ".join(unfit)
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

        required = policy.value_at(self.db, "min_custodians", entry.seq, self.reg)
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
        if rnd is not None:  # read once, used twice below (and by a caller in the same transaction: rows_read)
            from app.sessions.holder_keys import round_keys

            self._holder_keys[rnd.id] = round_keys(self.db, rnd)
        fact = round_fact(self.db, rnd, self.names, self._holder_keys[rnd.id]) if rnd is not None else {}
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
            head = self.db.scalar(select(func.max(AuditEntry.seq)))
            # The registry's counts of the openings it verified (a row deleted since still counts: reading the table
            # alone missed it), and the openings the table holds beyond them when the registry is behind its head.
            # Never the table alone: with its last rows deleted the registry is ahead of it (attack review, h-attack2).
            behind = head is not None and self.reg.seq < head
            self._spent = (
                holder_keys.spent(self.db, after=self.reg.seq, counted=self.reg.spent_keys)
                if behind
                else self.reg.spent_keys
            )
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
            match = self._department_of(current, d.get("department"))
            if match is None:
                self.ignore(entry, tr("the department is not in the session"))
                return None
            participant, entitled = match
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
        if participant is not None:  # the department answered, by the log (its row may since have been changed)
            self.answered.add((round_no, participant))
        rows = self._envelopes_for(rnd.id, participant)
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
        recusal = self._recusal_with_digest(rnd.id, round_no, expected)
        if recusal is not None:
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
                ok = _signed_by_any(self.reg.keys_ever_of(entry.actor), recusal.signature, signed)
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
            if not _signed_by_any(self.reg.keys_ever_of(chair), decision.signature, signed):
                self.problem(tr("the decision does not verify against the chair's signature"))
        return True

    def _unaccounted(
        self, seen_env: dict[int, set[int]], seen_rec: dict[int, set[int]], rounds: int, decided: bool
    ) -> None:
        for number, rnd in self.rounds.items():
            if not 1 <= number <= rounds:  # the signed log numbers rounds from 1
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
        planted = select(Decision.id).where(Decision.session_id == self.session.id)
        if not decided and self.db.scalars(planted).first() is not None:  # any id (an insider may write 0)
            self.problem(tr("a decision is recorded that the signed log does not contain"))
