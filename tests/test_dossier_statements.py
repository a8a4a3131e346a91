"""Issue 16: the dossier's data collection reads the store in one transaction — one full check of the session
against its signed facts, no lookup per department — and its chain check reuses that verdict only when the
export's own records of its reads are all that was written since (anything else: the full check again)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from sqlalchemy import select, text

from app import audit, facts_replay
from app.dossier import chain
from app.dossier import data as dossier_data
from app.sessions import views
from app.sessions.common import load
from models import AuditEntry
from tests import sql_count
from tests.attack_certs_support import _decided, _issue_clerk
from tests.cast import Cast, raw_db

# Measured 91 for three departments (was 240, and grew with the departments); some room, not another round trip
# per department or per opinion.
MAX_STATEMENTS = 100


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The session checks run in full (not the remembered verdict: app/facts_cache.py)."""
    runs: list[int] = []
    run = facts_replay._Check.run

    def counted(self: Any, entries: Any) -> Any:
        runs.append(self.session.id)
        return run(self, entries)

    monkeypatch.setattr(facts_replay._Check, "run", counted)
    return runs


def test_collect_checks_the_session_once_in_a_bounded_number_of_statements(cast: Cast, full_checks: list[int]) -> None:
    sid = _decided(cast)
    _issue_clerk(cast)
    clerk = cast("记录员")
    dossier_data.collect(clerk, sid)  # first use: the clerk's certificate material, the schema
    full_checks.clear()
    with sql_count.statements(clerk) as statements:
        content = dossier_data.collect(clerk, sid)
    assert full_checks == [sid]  # the load's check; the chain check reused it (only the export's reads since)
    assert len(statements) <= MAX_STATEMENTS, len(statements)
    assert not any("FROM departments WHERE departments.id = ?" in s for s in statements)
    assert content["chain_ok"]
    reads = [a["action"] for a in content["audit"][-2:]]
    assert reads == ["opinion.read", "tally.read"]  # recorded, and in the dossier's own record


def _verified_then(cast: Cast, sid: int, between: Any) -> tuple[bool, bool]:
    """In one transaction as the export: the verdict, the export's records of its reads, ``between``, then the
    chain check. (Whether only the reads were written since, whether the chain holds.)"""
    clerk = cast("记录员")
    with clerk.store.transaction() as db:
        session = load(db, sid, clerk)
        before = chain.verified(db, clerk, session)
        assert before is not None and before.problems == ()
        read = views.read_opinions(db, clerk, session, views.ReaderKey(db, clerk, session))
        views.record_opinions_read(db, clerk, session, read)
        views.record_tally_read(db, clerk, session, read["round"], read["opinions"])
        between(db)
        entries = list(db.scalars(select(AuditEntry).where(AuditEntry.object == f"session:{sid}")))
        holds = chain.holds(db, clerk, session, entries, before)  # brings the registry to the head first
        return chain.only_reads_since(db, clerk, before), holds


def test_the_export_s_own_reads_keep_the_verdict(cast: Cast, full_checks: list[int]) -> None:
    sid = _decided(cast)
    cast("记录员")
    full_checks.clear()
    assert _verified_then(cast, sid, lambda db: None) == (True, True)
    assert full_checks == [sid]


def test_a_row_changed_in_the_export_s_transaction_is_checked_again_and_caught(
    cast: Cast, full_checks: list[int]
) -> None:
    """What an insider's trigger would do between the check and the chain check (the full check refuses such a
    trigger; here the write is made directly, in the same transaction)."""
    sid = _decided(cast)
    clerk = cast("记录员")
    with raw_db(cast.directory, clerk.store.db_key, drop_triggers=True):
        pass  # the refusing triggers gone, so that the UPDATE below goes through

    def rewrite(db: Any) -> None:
        db.execute(text("UPDATE decisions SET text = '改过的决定' WHERE session_id = :sid"), {"sid": sid})

    full_checks.clear()
    assert _verified_then(cast, sid, rewrite) == (False, False)
    assert full_checks == [sid, sid]


def test_another_account_s_entry_is_not_the_export_s_own(cast: Cast, full_checks: list[int]) -> None:
    sid = _decided(cast)
    cast("记录员")
    chair_actor = cast("主持人").actor

    def other(db: Any) -> None:
        audit.append(db, chair_actor, "opinion.read", f"session:{sid}", {"round": 1, "departments": []})

    full_checks.clear()
    assert _verified_then(cast, sid, other) == (False, True)  # checked again in full, and honest
    assert full_checks == [sid, sid]


def test_the_signed_facts_have_no_rule_for_a_read() -> None:
    """Why the export's records of its reads cannot change the session's verdict (chain.only_reads_since)."""
    rules = set(facts_replay._MOVES) | set(facts_replay._NEEDS) | set(facts_replay._CHAIR_ACTIONS)
    assert not rules & set(chain.READS)
    source = inspect.getsource(facts_replay)
    assert not any(f'"{action}"' in source for action in chain.READS)
