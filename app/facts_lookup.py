"""What the facts check reads and looks up (moved out of app.facts_rows, issue 16: modules under ~400 lines): each
round's envelope and recusal rows read once, indexed once (by participant, by fact digest), the definition's
departments, signers' fingerprints, and the rows a check read handed to its caller (:class:`CheckRows`).

A mixin of ``app.facts_rows.RowChecks`` (so of ``app.facts_replay._Check``, which sets the attributes declared here).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.crypto import provider
from app.facts_forms import digest, recusal_fact
from app.facts_seen import CheckRows, EnvelopeSeen, RecusalSeen
from app.identity import fingerprint_of
from models import Envelope, HolderKey, Identity, Recusal, Round


def _signed_by_any(keys: list[bytes], signature: bytes, data: bytes) -> bool:
    """Whether any of ``keys`` (an account's keys, current and retired) signed ``data``: the same answer as
    verifying under each in turn, but a key this process already verified the very signature under is found
    first, so an account that changed keys does not cost a failed verification under its other key at each check."""
    from app.crypto.default import DefaultProvider, was_verified

    crypto = provider()
    if isinstance(crypto, DefaultProvider) and any(was_verified(public, signature, data) for public in keys):
        return True  # the memo is the default provider's own (app.crypto.default.verify)
    return any(crypto.verify(public, signature, data) for public in keys)


class RowLookups:
    """The rows of one session's check, read and indexed once per check."""

    db: Session
    _fingerprints: dict[int, str | None]
    _keys: dict[int, tuple[bytes, bytes]] | None
    _issued: dict[str, set[str]] | None
    _spent: dict[str, int]
    _envelope_rows: dict[int, list[Envelope]]
    _recusal_rows: dict[int, list[Recusal]]
    _envelope_index: dict[int, tuple[list[Envelope], dict[Any, list[Envelope]]]]
    _recusal_scan: dict[int, tuple[dict[str, int], list[int]]]
    _departments_index: tuple[dict[str, Any], dict[Any, tuple[Any, Any]]] | None
    _holder_keys: dict[int, list[HolderKey]]
    _round_rows: list[Round]
    _departments: dict[int, str]

    def envelopes_of(self, round_id: int) -> list[Envelope]:
        if round_id not in self._envelope_rows:
            self._envelope_rows[round_id] = list(self.db.scalars(select(Envelope).where(Envelope.round_id == round_id)))
        return self._envelope_rows[round_id]

    def recusals_of(self, round_id: int) -> list[Recusal]:
        if round_id not in self._recusal_rows:
            self._recusal_rows[round_id] = list(self.db.scalars(select(Recusal).where(Recusal.round_id == round_id)))
        return self._recusal_rows[round_id]

    def _department_of(self, current: dict[str, Any], department: Any) -> tuple[Any, Any] | None:
        """The first participant (id, reviewer) of the definition ``current`` whose department equals
        ``department`` (as a scan of the participants would find it), indexed once per check."""
        if self._departments_index is None or self._departments_index[0] is not current:
            index: dict[Any, tuple[Any, Any]] = {}
            for pid, dept, rev in current["participants"]:
                index.setdefault(dept, (pid, rev))
            self._departments_index = (current, index)
        try:
            return self._departments_index[1].get(department)
        except TypeError:  # an unhashable value (a malformed entry) equals no department name
            return None

    def _envelopes_for(self, round_id: int, participant: int | None) -> list[Envelope]:
        """The round's envelope rows of ``participant`` (None: the chair's), in the order read; indexed once per
        round instead of filtering every row for every entry (n² at 50 departments)."""
        index = self._envelope_index.get(round_id)
        if index is None:
            chair: list[Envelope] = []
            by_participant: dict[Any, list[Envelope]] = {}
            for e in self.envelopes_of(round_id):
                if e.is_chair:
                    chair.append(e)
                by_participant.setdefault(e.participant_id, []).append(e)
            index = self._envelope_index[round_id] = (chair, by_participant)
        return list(index[0] if participant is None else index[1].get(participant, []))

    def _recusal_with_digest(self, round_id: int, round_no: int, expected: Any) -> Recusal | None:
        """The first of the round's recusal rows (in the order read) whose fact digest is ``expected``.

        The digests are computed in row order, each once per check, and only as far as the first match (the rows
        before it, as a scan from the start would): the same rows digested and the same row found as that scan,
        without its n² comparisons."""
        rows = self.recusals_of(round_id)
        first, scanned = self._recusal_scan.setdefault(round_id, ({}, [0]))
        if isinstance(expected, str) and expected in first:
            return rows[first[expected]]
        while scanned[0] < len(rows):
            i = scanned[0]
            value = digest(recusal_fact(rows[i], round_no))
            scanned[0] = i + 1
            first.setdefault(value, i)
            if value == expected:
                return rows[i]
        return None

    def _signer_fp(self, envelope: Envelope) -> str | None:
        if self._keys is None:  # every identity's public keys, as plain rows, once per check
            rows = list(self.db.execute(select(Identity.id, Identity.sign_public, Identity.kem_public)))
            self._keys = {i: (sign, kem) for i, sign, kem in rows}
            if len(self._keys) != len(rows):
                # An id given twice (the key dropped, a row planted): which keys a lookup finds depends on how it
                # searches (a scan, an index in another order), so neither is the signer's — no fingerprint.
                seen: set[int] = set()
                for i, _sign, _kem in rows:
                    if i in seen:
                        self._fingerprints[i] = None
                    seen.add(i)
        key = envelope.signer_identity_id
        if key not in self._fingerprints:
            keys = self._keys.get(key)
            self._fingerprints[key] = fingerprint_of(keys[0], keys[1]) if keys is not None else None
        return self._fingerprints[key]

    def rows_read(self) -> CheckRows:
        """The rows this check read (:class:`CheckRows`), for its caller in the same transaction."""
        return CheckRows(
            list(self._round_rows),
            {rid: tuple(EnvelopeSeen.of(e) for e in rows) for rid, rows in self._envelope_rows.items()},
            {rid: tuple(RecusalSeen.of(r) for r in rows) for rid, rows in self._recusal_rows.items()},
            {rid: tuple(k.kem_public for k in keys) for rid, keys in self._holder_keys.items()},
            dict(self._departments),
        )
