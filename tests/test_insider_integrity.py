"""Insider attacks with the database key in hand (issue "Insider-proof integrity").

Each test plays one account that unwraps the database key from its own slot,
opens huishen.db with SQLCipher, drops the append-only triggers and rewrites
rows — then checks that the product refuses or reports it, naming what changed,
through the same services the CLI and the window use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app import accounts, audit, auditlog, facts, identity
from app.canonical import canonical_json
from app.crypto import provider
from app.errors import NotPermitted, Refused, StoreUnavailable
from app.sessions import chair, views
from tests.cast import PASS, Cast, raw_db, strip_to_legacy


def _key(cast: Cast) -> bytes:
    return cast("管理员").store.db_key


def _verify(cast: Cast, who: str = "审计员") -> audit.AuditReport:
    cast.close()
    return auditlog.verify_chain(cast(who))


def _decided(cast: Cast) -> int:
    sid = cast.open(n=3)
    for who in ("甲", "乙"):
        cast.seal(sid, who)
    cast.seal(sid, "丙", position="暂存待查")
    cast.reveal(sid)
    from app.opinion_form import OpinionForm

    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以初步核实。")
    return sid


def test_a_clean_store_verifies(cast: Cast) -> None:
    _decided(cast)
    report = _verify(cast)
    assert report.ok, report.problems


def test_reveal_key_swap_is_refused_before_anyone_seals(cast: Cast) -> None:
    sid = cast.open(n=3)
    key = _key(cast)
    cast.close()
    attacker = provider().new_encryption_key()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE rounds SET reveal_public=? WHERE session_id=?", (attacker.public, sid))
    with pytest.raises(facts.Tampered, match="reveal key"):
        cast.seal(sid, "甲")
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM envelopes").fetchone()[0] == 0
    report = _verify(cast)
    assert not report.ok and any("reveal key" in p for p in report.problems)


def _resign_whole_chain(directory: Path, key: bytes) -> None:
    """The attack of the issue: fake identities for everybody, every entry re-signed from entry 1."""
    crypto = provider()
    with raw_db(directory, key, drop_triggers=True) as conn:
        fakes: dict[str, Any] = {}
        for (name,) in conn.execute("SELECT DISTINCT actor FROM audit_entries"):
            keys = identity.generate()
            conn.execute(
                "INSERT INTO identities (account_id, sign_public, kem_public, wrapped_private, fingerprint, created_at)"
                " VALUES (NULL, ?, ?, x'00', ?, '2026-01-01T00:00:00.000000Z')",
                (keys.sign.public, keys.kem.public, keys.fingerprint),
            )
            fakes[name] = (keys, conn.execute("SELECT last_insert_rowid()").fetchone()[0])
        prev = audit.GENESIS
        rows = conn.execute("SELECT seq, ts, actor, action, object, details FROM audit_entries ORDER BY seq").fetchall()
        for seq, ts, actor, action, obj, details in rows:
            data = json.loads(details)
            if "registers" in data:
                target = obj.partition(":")[2] if action != "store.init" else actor
                if target in fakes:
                    data["registers"] = [fakes[target][0].fingerprint] + data["registers"][1:]
            details = canonical_json(data).decode()
            from models.base import UTCDateTime

            digest = audit.entry_hash(
                seq, UTCDateTime().process_result_value(ts, None), actor, action, obj, details, prev
            )  # type: ignore[arg-type]
            keys, ident = fakes[actor]
            sig = crypto.sign(keys.sign.private, audit.signed_bytes(digest))
            conn.execute(
                "UPDATE audit_entries SET details=?, prev_hash=?, hash=?, signature=?, identity_id=? WHERE seq=?",
                (details, prev, digest, sig, ident, seq),
            )
            prev = digest


def test_whole_chain_resigned_with_fake_identities_is_refused_at_unlock(cast: Cast) -> None:
    _decided(cast)
    key = _key(cast)
    cast.close()
    _resign_whole_chain(cast.directory, key)
    for who in ("审计员", "管理员", "主持人"):
        with pytest.raises(StoreUnavailable, match="genesis"):
            accounts.open_account(cast.directory, who, PASS)


def test_planted_envelope_for_another_department(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "乙")
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        (jia,) = conn.execute("SELECT id FROM accounts WHERE name='甲'").fetchone()
        (pid,) = conn.execute("SELECT id FROM participants WHERE session_id=? AND reviewer_id=?", (sid, jia)).fetchone()
        cols = (
            "round_id, is_chair, sealed_at, header, ciphertext, commitment, signature, signer_identity_id, author_copy"
        )
        conn.execute(
            f"INSERT INTO envelopes (participant_id, author_id, {cols}) SELECT ?, ?, {cols} FROM envelopes LIMIT 1",
            (pid, jia),
        )
    with pytest.raises(facts.Tampered, match="planted"):
        cast.seal(sid, "甲")
    report = _verify(cast)
    assert any("planted" in p for p in report.problems)


def test_reviewer_replacing_own_envelope_is_excluded_at_reveal(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    key = _key(cast)
    cast.close()
    # 甲 seals a second, different opinion in a copy of the store, and swaps the envelope row in.
    with raw_db(cast.directory, key) as conn:
        before = conn.execute("SELECT id, commitment FROM envelopes").fetchone()
    other = cast.directory.parent / "other"
    import shutil

    shutil.copytree(cast.directory, other)
    from tests.cast import Cast as C

    c2 = C(other)
    with raw_db(other, key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM envelopes")
        conn.execute("DELETE FROM recusals")
    try:
        c2.seal(
            sid, "甲", position="予以了结", text="标记甲号改：" + "经再次审阅认为反映问题失实，建议予以了结处理为宜。"
        )
    except facts.Tampered:
        pass  # the copy is itself tampered; build the replacement row by hand instead
    c2.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE envelopes SET commitment=? WHERE id=?", ("00" * 32, before[0]))
    for who in ("乙", "丙"):
        cast.seal(sid, who)
    result = cast.reveal(sid)
    assert result["opened"] == 2
    assert result["rejected"][0]["envelope"] == before[0]
    assert "changed after sealing" in result["rejected"][0]["problem"]


def test_deleted_dissenting_envelope_is_reported_not_shown_as_absent(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙", position="暂存待查")
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM recusals WHERE id=(SELECT max(id) FROM recusals)")
        conn.execute("DELETE FROM envelopes WHERE id=(SELECT max(id) FROM envelopes)")
    with pytest.raises(facts.Tampered, match="三室.*missing"):
        cast.reveal(sid)
    report = _verify(cast)
    assert any("missing" in p for p in report.problems)


@pytest.mark.parametrize(
    ("sql", "needle"),
    [
        ("UPDATE review_sessions SET status='revealed'", "signed log says 'decided'"),
        ("UPDATE recusals SET has_conflict=1-has_conflict WHERE id=(SELECT min(id) FROM recusals)", "recusal"),
        ("UPDATE decisions SET text='经会审，对该线索予以了结。'", "decision"),
        ("UPDATE review_sessions SET title='另一个事项'", "definition"),
        ("UPDATE session_items SET text='改过的议题'", "definition"),
        (
            "UPDATE revealed_opinions SET sealed_content=CAST(X'00' || substr(sealed_content, 2) AS BLOB)"
            " WHERE id=(SELECT min(id) FROM revealed_opinions)",
            "commitment",
        ),
        ("UPDATE review_sessions SET withdrawn_reason='x'", "withdrawal reason"),
    ],
)
def test_edited_rows_of_a_decided_session_are_refused_everywhere(cast: Cast, sql: str, needle: str) -> None:
    sid = _decided(cast)
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(sql)
    for call in (
        lambda: views.tally(cast("主持人"), sid),
        lambda: views.opinions(cast("主持人"), sid),
        lambda: views.show(cast("记录员"), sid),
    ):
        with pytest.raises(facts.Tampered) as caught:
            call()
        assert needle in caught.value.message
    report = _verify(cast)
    assert not report.ok and any(needle in p for p in report.problems)


def test_sealed_session_moved_back_to_collecting(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET status='collecting' WHERE id=?", (sid,))
    with pytest.raises(facts.Tampered, match="signed log says 'sealed'"):
        views.board(cast("主持人"), sid)


def test_role_granted_in_sql_gives_nothing(cast: Cast) -> None:
    sid = _decided(cast)
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        (admin,) = conn.execute("SELECT id FROM accounts WHERE name='管理员'").fetchone()
        conn.execute("INSERT INTO account_roles (account_id, role) VALUES (?, 'clerk')", (admin,))
    ctx = cast("管理员")
    assert "clerk" not in ctx.roles
    with pytest.raises(NotPermitted):
        views.opinions(ctx, sid)


def test_fake_chair_registered_with_the_workstation_key(cast: Cast) -> None:
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        (ws_id, sign_pub, kem_pub, wrapped) = conn.execute(
            "SELECT id, sign_public, kem_public, wrapped_private FROM identities WHERE account_id IS NULL"
        ).fetchone()
        fp = identity.fingerprint_of(sign_pub, kem_pub)
        private = provider().unwrap(
            identity.workstation_wrapping_key(key), wrapped, f"huishen-identity/1|workstation|{fp}".encode()
        )
        fake = identity.generate()
        seq, prev, ts = conn.execute("SELECT seq, hash, ts FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
        details = canonical_json({"roles": ["chair"], "department": None, "registers": [fake.fingerprint]}).decode()
        from models.base import UTCDateTime

        t = UTCDateTime().process_result_value(ts, None)
        digest = audit.entry_hash(seq + 1, t, "workstation", "account.add", "account:假主持", details, prev)  # type: ignore[arg-type]
        sig = provider().sign(private[:32], audit.signed_bytes(digest))
        conn.execute(
            "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature, identity_id)"
            " VALUES (?, ?, 'workstation', 'account.add', 'account:假主持', ?, ?, ?, ?, ?)",
            (seq + 1, ts, details, prev, digest, sig, ws_id),
        )
    report = _verify(cast)
    assert report.broken_seq is not None and "unregistered" in (report.problem or "")
    # Everyone can still sign in (so the auditor can look), warned of the forged entry.
    assert any("unregistered" in w for w in cast("主持人").warnings)


def test_truncated_log_is_reported_at_unlock_and_by_verify(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    auditor = cast("审计员")
    accounts.remember_head(auditor)
    head = auditor.registry.seq
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("DELETE FROM audit_entries WHERE seq > ?", (head - 2,))
    ctx = cast("审计员")
    assert any(f"{head - 1} to {head}" in w for w in ctx.warnings)
    report = auditlog.verify_chain(ctx)
    assert not report.ok and f"{head - 1} to {head}" in (report.problem or "")


def test_disabled_custodian_cannot_release_a_share(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    accounts.set_disabled(cast("管理员"), "监督员", True, "离职")
    with pytest.raises(Refused, match="disabled"):
        cast.reveal(sid)


def test_tampered_decision_blocks_dossier_data(cast: Cast) -> None:
    from app.dossier import data

    sid = _decided(cast)
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE decisions SET text='经会审，对该线索予以了结。'")
    with pytest.raises(facts.Tampered, match="decision"):
        data.collect(cast("记录员"), sid)


def test_older_store_sessions_are_reanchored_then_checked(legacy_cast: Cast) -> None:
    """A store from before signed facts: its log lacks digests and its slots lack anchors."""
    cast = legacy_cast
    from app import keyslots

    sid = _decided(cast)
    key = strip_to_legacy(cast)
    ctx = cast("审计员")
    with raw_db(cast.directory, key) as conn:
        assert conn.execute("SELECT count(*) FROM audit_entries WHERE action='store.reanchor'").fetchone()[0] == 1
        # From the first sign-in on, content roles need the security officer too (once, by whoever signed in).
        assert conn.execute("SELECT count(*) FROM audit_entries WHERE action='store.two_person'").fetchone()[0] == 1
    assert keyslots.load(cast.directory).get("审计员").anchor is not None
    assert auditlog.verify_chain(ctx).ok
    assert views.tally(cast("主持人"), sid)["round"] == 1
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE decisions SET text='经会审，对该线索予以了结。'")
    report = _verify(cast)
    assert any("decision" in p for p in report.problems)


def test_statistics_refuse_a_session_whose_opinions_were_edited(cast: Cast) -> None:
    from app import statistics

    _decided(cast)
    assert statistics.per_department(cast("主持人"))
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        # A reader (who holds the content key) swaps in another department's sealed opinion.
        rows = conn.execute("SELECT id, sealed_content FROM revealed_opinions ORDER BY id").fetchall()
        conn.execute("UPDATE revealed_opinions SET sealed_content=? WHERE id=?", (rows[1][1], rows[0][0]))
    with pytest.raises(facts.Tampered, match="commitment"):
        statistics.per_department(cast("主持人"))


def test_positions_of_different_length_give_envelopes_of_equal_size(cast: Cast) -> None:
    """同意 / 不同意 / a long free text: the envelope's size must not tell them apart."""
    sid = cast.open(n=3, kind="collective_study")
    cast.seal(sid, "甲", position="同意")
    cast.seal(sid, "乙", position="不同意")
    cast.seal(sid, "丙", position="弃权")
    key = _key(cast)
    with raw_db(cast.directory, key) as conn:
        sizes = {len(ct) for (ct,) in conn.execute("SELECT ciphertext FROM envelopes")}
        copies = {len(c) for (c,) in conn.execute("SELECT author_copy FROM envelopes")}
    assert len(sizes) == 1 and len(copies) == 1


def test_a_session_without_a_custodian_is_refused_by_default(cast: Cast) -> None:
    from app import policy

    with pytest.raises(Refused, match="custodian"):
        cast.create(n=2, custodians=())
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:  # the settings table decides nothing
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('min_custodians', '0', '2026-01-01T00:00:00.000000Z')"
        )
    with pytest.raises(Refused, match="custodian"):
        cast.create(n=2, custodians=())
    policy.set_value(cast("保密员"), "min_custodians", 0)
    assert cast.create(n=2, custodians=())


def test_cli_audit_verify_names_a_changed_row_when_the_chain_holds(cast: Cast) -> None:
    from tests.conftest import run_cli

    _decided(cast)
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET title='另一个事项'")
    r = run_cli(
        "--store",
        str(cast.directory),
        "--user",
        "审计员",
        "--lang",
        "en",
        "--json",
        "audit",
        "verify",
        env={"HUISHEN_PASSPHRASE": PASS},
    )
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["broken_seq"] is None and any("definition" in p for p in data["problems"])
    r = run_cli(
        "--store",
        str(cast.directory),
        "--user",
        "审计员",
        "--lang",
        "en",
        "audit",
        "verify",
        env={"HUISHEN_PASSPHRASE": PASS},
    )
    assert r.returncode == 1 and "differs from what was signed" in r.stdout and "None" not in r.stdout
