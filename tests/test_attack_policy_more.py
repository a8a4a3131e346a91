"""More insider attacks on the signed policies (after e8c9914): an account holding the database key deletes,
renames, moves or plants ``policy.set`` rows so that a session creation, a seal or a facts check is held to a
weaker policy than the security officer signed.  Each attack is refused, and nothing is written."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app import audit, policy
from app.errors import Refused
from tests.cast import Cast, raw_db

# Reasoning of 30 to 99 characters (enough by default, not under a 100-character rule).
SHORT = "经审阅，线索具体，可查性较强，建议初步核实处理，依规依纪推进后续工作，请予审定。"


def _sql(cast: Cast, statement: str, args: tuple[Any, ...] = ()) -> None:
    with raw_db(cast.directory, cast("管理员").store.db_key, drop_triggers=True) as conn:
        conn.execute(statement, args)


def _count(cast: Cast, table: str) -> int:
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _policy_seqs(cast: Cast, key: str) -> list[int]:
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        rows = conn.execute(
            "SELECT seq FROM audit_entries WHERE action = 'policy.set' AND object = ? ORDER BY seq", (f"policy:{key}",)
        )
        return [int(r[0]) for r in rows]


def _stricter(cast: Cast) -> tuple[int, int]:
    """The security officer allows chair-only sessions, then asks for two custodians again (the cast has one):
    the seqs of the weak and of the strict entry; the chair signs in after both (its registry verified them)."""
    officer = cast("保密员")
    policy.set_value(officer, "min_custodians", 0)
    policy.set_value(officer, "min_custodians", 2)
    assert policy.current(cast("主持人")).min_custodians == 2
    weak, strict = _policy_seqs(cast, "min_custodians")
    return weak, strict


def _refused_to_create(cast: Cast) -> None:
    before = _count(cast, "review_sessions"), _count(cast, "audit_entries")
    with pytest.raises(Refused):
        cast.create(n=2, custodians=())
    assert (_count(cast, "review_sessions"), _count(cast, "audit_entries")) == before


def test_the_stricter_policy_row_deleted(cast: Cast) -> None:
    _, strict = _stricter(cast)
    _sql(cast, "DELETE FROM audit_entries WHERE seq = ?", (strict,))
    _refused_to_create(cast)


def test_the_stricter_policy_row_renamed_to_another_action(cast: Cast) -> None:
    _, strict = _stricter(cast)
    _sql(cast, "UPDATE audit_entries SET action = 'audit.note' WHERE seq = ?", (strict,))
    _refused_to_create(cast)


def test_the_stricter_policy_row_moved_to_another_policy(cast: Cast) -> None:
    _, strict = _stricter(cast)
    _sql(cast, "UPDATE audit_entries SET object = 'policy:idle_lock_minutes' WHERE seq = ?", (strict,))
    _refused_to_create(cast)


def test_the_two_policy_rows_swapped(cast: Cast) -> None:
    """The weak entry renumbered to come last (and the strict one first): hash links and all else as they were."""
    weak, strict = _stricter(cast)
    _sql(cast, "UPDATE audit_entries SET seq = -1 WHERE seq = ?", (weak,))
    _sql(cast, "UPDATE audit_entries SET seq = ? WHERE seq = ?", (weak, strict))
    _sql(cast, "UPDATE audit_entries SET seq = ? WHERE seq = -1", (strict,))
    _refused_to_create(cast)


@pytest.mark.parametrize("column", ["ts", "actor", "prev_hash", "hash"])
def test_the_stricter_row_with_its_details_and_one_more_column_changed(cast: Cast, column: str) -> None:
    _, strict = _stricter(cast)
    value = {"ts": "2020-01-01 00:00:00.000000", "actor": "管理员", "prev_hash": "0" * 64, "hash": "f" * 64}[column]
    _sql(
        cast,
        f"UPDATE audit_entries SET details = ?, {column} = ? WHERE seq = ?",
        (json.dumps({"old": 0, "new": 0}), value, strict),
    )
    _refused_to_create(cast)


def test_a_policy_set_after_sign_in_then_deleted_under_later_entries(cast: Cast) -> None:
    """The chair's registry never saw the strict entry: removed, with entries after it, it must not be as if the
    security officer had never set it (the registry catches up and finds the hole)."""
    from app import clearance

    chair = cast("主持人")
    officer = cast("保密员")
    policy.set_value(officer, "min_custodians", 0)
    assert policy.current(chair).min_custodians == 0  # the chair's registry is at the log's head
    policy.set_value(officer, "min_custodians", 2)
    clearance.set_clearance(officer, "甲", "机密")  # a later entry, not a policy
    (strict,) = _policy_seqs(cast, "min_custodians")[1:]
    _sql(cast, "DELETE FROM audit_entries WHERE seq = ?", (strict,))
    with pytest.raises(Refused, match="missing"):
        policy.current(chair)  # what the editor, the policy screen and a new key slot's cost read
    _refused_to_create(cast)


def test_a_seal_after_a_reasoning_rule_set_after_sign_in_then_deleted(cast: Cast) -> None:
    from app import clearance

    sid = cast.open(n=2)
    reviewer = cast("甲")
    assert policy.current(reviewer).min_reasoning_chars == 30  # the reviewer's registry is at the log's head
    officer = cast("保密员")
    policy.set_value(officer, "min_reasoning_chars", 100)
    clearance.set_clearance(officer, "乙", "机密")  # a later entry, not a policy
    (seq,) = _policy_seqs(cast, "min_reasoning_chars")
    _sql(cast, "DELETE FROM audit_entries WHERE seq = ?", (seq,))
    before = _count(cast, "envelopes")
    with pytest.raises(Refused, match="missing"):  # the seal's own catch-up of the registry finds the hole
        cast.seal(sid, "甲", text=SHORT)
    assert _count(cast, "envelopes") == before


def test_a_planted_policy_row_beyond_the_head(cast: Cast) -> None:
    """Unsigned (a copy of a signature of another entry), chained to the head: fed to the registry, refused."""
    policy.set_value(cast("保密员"), "min_custodians", 1)
    assert policy.current(cast("主持人")).min_custodians == 1
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        seq, head, ts, sig, ident = conn.execute(
            "SELECT seq, hash, ts, signature, identity_id FROM audit_entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    details = json.dumps({"new": 0, "old": 1})
    from datetime import datetime

    from models.base import UTCDateTime

    when: datetime = UTCDateTime().process_result_value(ts, None)  # type: ignore[assignment]
    digest = audit.entry_hash(seq + 1, when, "保密员", "policy.set", "policy:min_custodians", details, head)
    _sql(
        cast,
        "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature, identity_id) "
        "VALUES (?, ?, '保密员', 'policy.set', 'policy:min_custodians', ?, ?, ?, ?, ?)",
        (seq + 1, ts, details, head, digest, sig, ident),
    )
    before = _count(cast, "review_sessions")
    with pytest.raises(Refused):
        cast.create(n=2, custodians=())
    assert _count(cast, "review_sessions") == before


def test_the_stricter_policy_replaced_at_the_head_by_another_signed_entry(cast: Cast) -> None:
    """The strict entry is the log's head: removed, the next signed entry (the custodian's round keys, by the
    program as it is) takes its seq and chains to the entry before, so the chain holds; the chair's registry,
    which verified the strict entry there, does not let the older policy stand."""
    from app.sessions import holder_keys

    custodian = cast("监督员")
    _, strict = _stricter(cast)
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        assert conn.execute("SELECT max(seq) FROM audit_entries").fetchone()[0] == strict
    _sql(cast, "DELETE FROM audit_entries WHERE seq = ?", (strict,))
    holder_keys.issue_batch(custodian, 1)
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        assert conn.execute("SELECT action FROM audit_entries WHERE seq = ?", (strict,)).fetchone()[0] == "keys.issue"
    _refused_to_create(cast)


def test_a_verified_entry_turned_into_a_policy_row(cast: Cast) -> None:
    """Another verified entry (the officer's clearance) rewritten as a weaker policy: its seq is no policy's."""
    policy.set_value(cast("保密员"), "min_custodians", 1)
    assert policy.current(cast("主持人")).min_custodians == 1
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        (seq,) = conn.execute("SELECT max(seq) FROM audit_entries WHERE action = 'account.clearance'").fetchone()
    _sql(
        cast,
        "UPDATE audit_entries SET action = 'policy.set', object = 'policy:min_custodians', details = ? WHERE seq = ?",
        (json.dumps({"old": 1, "new": 0}), seq),
    )
    _refused_to_create(cast)


def test_a_seal_under_a_deleted_reasoning_rule(cast: Cast) -> None:
    """The officer asks for 100 characters of reasoning; the row removed, a short reasoning must not be sealed."""
    sid = cast.open(n=2)
    policy.set_value(cast("保密员"), "min_reasoning_chars", 100)
    reviewer = cast("甲")
    assert policy.current(reviewer).min_reasoning_chars == 100
    (seq,) = _policy_seqs(cast, "min_reasoning_chars")
    _sql(cast, "DELETE FROM audit_entries WHERE seq = ?", (seq,))
    before = _count(cast, "envelopes")
    with pytest.raises(Refused):
        cast.seal(sid, "甲", text=SHORT)
    assert _count(cast, "envelopes") == before


def test_a_session_made_under_a_deleted_policy_row_is_not_passed_by_the_check(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The insider's own program skips the creation rule: the deleted row was the log's head, the entry the
    chair's program verified last — its catch-up refuses the creation before any rule is read (and another
    account's check would refuse the session: it names the log broken)."""
    from app.sessions import lifecycle

    _, strict = _stricter(cast)
    cast("甲")
    real_load = policy.load
    monkeypatch.setattr(lifecycle.policy, "load", lambda db, reg=None: real_load(db))  # the rows as they are now
    _sql(cast, "DELETE FROM audit_entries WHERE seq = ?", (strict,))
    before = _count(cast, "review_sessions"), _count(cast, "audit_entries")
    with pytest.raises(Refused, match="no longer verifies"):
        cast.create(n=2, custodians=())
    assert (_count(cast, "review_sessions"), _count(cast, "audit_entries")) == before


def test_a_passphrase_rule_lowered_while_a_passphrase_is_changed(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """The insider lowers the officer's zxcvbn score in place while the victim's program checks the new
    passphrase, and puts the row back before the program reads the policy again (for the slot's KDF cost)."""
    from app import accounts

    policy.set_value(cast("保密员"), "passphrase_min_score", 3)
    victim = cast("乙")  # signed in after the officer's entry: verified
    (seq,) = _policy_seqs(cast, "passphrase_min_score")
    with raw_db(cast.directory, cast("管理员").store.db_key) as conn:
        (signed,) = conn.execute("SELECT details FROM audit_entries WHERE seq = ?", (seq,)).fetchone()
    _sql(cast, "UPDATE audit_entries SET details = ? WHERE seq = ?", (json.dumps({"old": 3, "new": 1}), seq))
    real_current = policy.current

    def put_back(ctx: Any) -> policy.Policy:
        _sql(cast, "UPDATE audit_entries SET details = ? WHERE seq = ?", (signed, seq))
        return real_current(ctx)

    monkeypatch.setattr(policy, "current", put_back)
    slots = (cast.directory / "keyslots.json").read_bytes()
    with pytest.raises(Refused, match="altered"):
        accounts.change_passphrase(victim, "Summer2026!")  # zxcvbn score 2
    assert (cast.directory / "keyslots.json").read_bytes() == slots


def test_the_tally_under_a_raised_similarity_threshold(cast: Cast) -> None:
    """Two near-identical opinions are flagged (意见高度雷同) under the officer's 85 %; the row raised to 100 in
    place, the tally the chair decides on (and the dossier prints) must not be counted without the flag."""
    from app.sessions import reading

    sid = cast.open(n=2)
    cast.seal(sid, "甲", text=SHORT + "甲")
    cast.seal(sid, "乙", text=SHORT + "乙")
    cast.reveal(sid)
    policy.set_value(cast("保密员"), "similarity_threshold_percent", 85)
    chair = cast("主持人")
    assert reading.tally(chair, sid)["near_duplicates"]
    (seq,) = _policy_seqs(cast, "similarity_threshold_percent")
    _sql(cast, "UPDATE audit_entries SET details = ? WHERE seq = ?", (json.dumps({"old": 80, "new": 100}), seq))
    before = _count(cast, "audit_entries")
    with pytest.raises(Refused, match="altered"):
        reading.tally(chair, sid)
    assert _count(cast, "audit_entries") == before


def test_a_remote_opinion_under_a_lowered_reasoning_rule(tmp_path: Any) -> None:
    """The reviewer at another workstation seals on their own store: an insider there lowers the officer's
    reasoning rule in place after the reviewer signed in; the envelope file is not made."""
    from app.exchange import envelope_file, imports
    from app.opinion_form import OpinionForm
    from tests import exchange_world
    from tests.cast import reasoning
    from tests.exchange_world import OFFICER, REVIEWER, store_files

    case = exchange_world.open_base(tmp_path)
    world = exchange_world.open_copy(case, tmp_path / "copy").world
    try:
        policy.set_value(world.b(OFFICER), "min_reasoning_chars", 200)
        reviewer = world.b(REVIEWER)
        got = imports.import_file(reviewer, world.root / "package.hsx")
        (seq,) = _policy_seqs(world.b, "min_reasoning_chars")
        _sql(world.b, "UPDATE audit_entries SET details = ? WHERE seq = ?", (json.dumps({"old": 30, "new": 30}), seq))
        before = store_files(world.b.directory)
        with pytest.raises(Refused, match="altered"):
            envelope_file.export(
                reviewer, got["file"], OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("甲"))
            )
        assert store_files(world.b.directory) == before
    finally:
        world.close()
