"""Need to know (知悉范围): clearance levels set by the security officer, clerks assigned to a session,
recused participants cut off from the content; every refusal clear, recorded, and exit 2 on the command line;
an insider with the database key cannot widen any of it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from app import accounts, audit, clearance, facts, identity, statistics
from app.canonical import canonical_json
from app.crypto import provider
from app.errors import AuditedRefusal, InvalidInput, NotPermitted, Refused
from app.sessions import access, views
from models import AuditEntry
from tests.cast import PASS, Cast, raw_db
from tests.conftest import run_cli_in_process as run_cli  # main.main in process


def _refusals(cast: Cast, who: str) -> list[dict[str, Any]]:
    with cast("审计员").store.transaction() as db:
        rows = db.scalars(select(AuditEntry).where(AuditEntry.action == "access.refused", AuditEntry.actor == who))
        return [{"object": r.object, **json.loads(r.details)} for r in rows]


def _revealed(cast: Cast, **kw: Any) -> int:
    sid = cast.open(n=3, **kw)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    return sid


def test_only_the_security_officer_sets_clearance_and_the_log_holds_it(cast: Cast) -> None:
    with pytest.raises(NotPermitted):
        clearance.set_clearance(cast("管理员"), "甲", "绝密")
    with pytest.raises(NotPermitted):
        clearance.set_clearance(cast("主持人"), "甲", "绝密")
    with pytest.raises(InvalidInput, match="Unknown clearance level"):
        clearance.set_clearance(cast("保密员"), "甲", "顶级")
    with pytest.raises(InvalidInput, match="三员"):
        clearance.set_clearance(cast("保密员"), "审计员", "秘密")
    info = clearance.set_clearance(cast("保密员"), "甲", "秘密")
    assert info == {"account": "甲", "clearance": "秘密", "was": "机密"}
    cast.close()
    assert access.clearance_of(cast("甲").registry, "甲") == "秘密"  # replayed from the signed log at unlock
    rows = {r["account"]: r["clearance"] for r in clearance.clearances(cast("保密员"))}
    assert rows["甲"] == "秘密" and rows["乙"] == "机密" and "审计员" not in rows


def test_a_session_cannot_include_anyone_cleared_below_it(cast: Cast) -> None:
    with pytest.raises(InvalidInput, match="cleared below") as err:
        cast.create(n=3, classification="绝密")
    assert "甲（机密）" in err.value.message and "主持人（机密）" in err.value.message
    clearance.set_clearance(cast("保密员"), "乙", "秘密")
    with pytest.raises(InvalidInput, match="乙（秘密）"):
        cast.create(n=3, classification="机密")
    cast.create(n=3, classification="秘密")  # 乙 is cleared for 秘密


def test_clearance_lowered_later_cuts_off_reading_and_is_recorded(cast: Cast) -> None:
    sid = _revealed(cast, classification="机密")
    assert views.opinions(cast("甲"), sid)["opinions"]
    clearance.set_clearance(cast("保密员"), "甲", "秘密")
    jia = cast("甲")
    for read in (views.show, views.board, views.opinions, views.tally):
        with pytest.raises(AuditedRefusal, match="classified 机密"):
            read(jia, sid)
    assert sid not in [s["id"] for s in views.list_sessions(jia)]
    refusals = _refusals(cast, "甲")
    assert len(refusals) == 4 and {r["reason"] for r in refusals} == {"clearance"}
    assert refusals[0]["object"] == f"session:{sid}"


def test_a_clerk_reads_only_the_sessions_they_are_named_on(cast: Cast) -> None:
    mine = _revealed(cast)
    other = _revealed(cast, clerks=[])
    clerk = cast("记录员")
    assert [s["id"] for s in views.list_sessions(clerk)] == [mine]
    assert views.tally(clerk, mine)["items"]
    for read in (views.show, views.opinions, views.tally):
        with pytest.raises(AuditedRefusal, match="not assigned"):
            read(clerk, other)
    assert {r["reason"] for r in _refusals(cast, "记录员")} == {"not_assigned"}
    # Statistics read only what the clerk is assigned to.
    stats = statistics.per_department(clerk)
    assert max(r["sessions"] for r in stats) == 1
    # No reader copy of the content key was ever made for the clerk of the other session.
    with cast("主持人").store.transaction() as db:
        from models import Account, ContentKey

        clerk_id = db.scalars(select(Account.id).where(Account.name == "记录员")).one()
        sessions = set(db.scalars(select(ContentKey.session_id).where(ContentKey.account_id == clerk_id)))
    assert sessions == {mine}


def test_naming_a_clerk_needs_the_clerk_role(cast: Cast) -> None:
    with pytest.raises(InvalidInput, match="clerk"):
        cast.create(n=3, clerks=["甲"])


def test_a_recused_reviewer_no_longer_reads_the_content(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.recuse(sid, "丙")
    cast.reveal(sid)
    bing = cast("丙")
    with pytest.raises(AuditedRefusal, match="recusal"):
        views.opinions(bing, sid)
    with pytest.raises(AuditedRefusal, match="recusal"):
        views.tally(bing, sid)
    assert views.show(bing, sid)["status"] == "revealed"  # the particulars (no content) stay visible
    assert sid not in {i["id"] for i, _t, _r in views.revealed_rounds(bing)}
    assert {r["reason"] for r in _refusals(cast, "丙")} == {"recused"}
    assert views.opinions(cast("甲"), sid)["opinions"]


def test_insider_cannot_name_a_clerk_afterwards(cast: Cast) -> None:
    sid = _revealed(cast, clerks=[])
    key = cast("管理员").store.db_key
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        (options,) = conn.execute("SELECT options FROM review_sessions WHERE id=?", (sid,)).fetchone()
        data = json.loads(options)
        data["clerks"] = ["记录员"]
        conn.execute("UPDATE review_sessions SET options=? WHERE id=?", (json.dumps(data, ensure_ascii=False), sid))
    with pytest.raises(facts.Tampered):
        views.tally(cast("记录员"), sid)
    # Nor by dropping the list (which would make it look like a session from before clerks were named).
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        data.pop("clerks")
        conn.execute("UPDATE review_sessions SET options=? WHERE id=?", (json.dumps(data, ensure_ascii=False), sid))
    with pytest.raises(facts.Tampered):
        views.tally(cast("记录员"), sid)


def test_insider_cannot_forge_a_clearance(cast: Cast) -> None:
    """The attacker appends an ``account.clearance`` entry for 甲 in the security officer's name, signed by an
    identity of their own planted in the identities table: the registry refuses it, 甲 stays refused."""
    sid = _revealed(cast, classification="机密")
    clearance.set_clearance(cast("保密员"), "甲", "秘密")
    key = cast("管理员").store.db_key
    cast.close()
    fake = identity.generate()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "INSERT INTO identities (account_id, sign_public, kem_public, wrapped_private, fingerprint, created_at)"
            " VALUES (NULL, ?, ?, x'00', ?, '2026-01-01T00:00:00.000000Z')",
            (fake.sign.public, fake.kem.public, fake.fingerprint),
        )
        ident = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        seq, ts, prev = conn.execute("SELECT seq, ts, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
        details = canonical_json({"level": "绝密", "was": "秘密"}).decode()
        from models.base import UTCDateTime

        when = UTCDateTime().process_result_value(ts, None)
        digest = audit.entry_hash(seq + 1, when, "保密员", "account.clearance", "account:甲", details, prev)  # type: ignore[arg-type]
        sig = provider().sign(fake.sign.private, audit.signed_bytes(digest))
        conn.execute(
            "INSERT INTO audit_entries (seq, ts, actor, action, object, details, prev_hash, hash, signature,"
            " identity_id) VALUES (?, ?, '保密员', 'account.clearance', 'account:甲', ?, ?, ?, ?, ?)",
            (seq + 1, ts, details, prev, digest, sig, ident),
        )
    with pytest.raises(Refused):
        jia = accounts.open_account(cast.directory, "甲", PASS)
        try:
            views.opinions(jia, sid)
        finally:
            jia.close()


def test_cli_clearance_and_need_to_know_refusals_exit_2(cast: Cast) -> None:
    mine = _revealed(cast)
    other = _revealed(cast, clerks=[], classification="机密")
    store = str(cast.directory)
    cast.close()
    env = {"HUISHEN_PASSPHRASE": PASS}

    def run(user: str, *args: str) -> Any:
        return run_cli("--store", store, "--user", user, "--json", *args, env=env)

    r = run("记录员", "tally", str(other))
    assert r.returncode == 2 and "not assigned" in r.stderr and "Traceback" not in r.stderr
    assert run("记录员", "tally", str(mine)).returncode == 0
    r = run("主持人", "user", "clearance", "甲", "秘密")
    assert r.returncode == 2, r.stderr
    r = run("保密员", "user", "clearance", "甲", "秘密")
    assert r.returncode == 0 and json.loads(r.stdout)["clearance"] == "秘密"
    r = run("保密员", "user", "clearance", "甲", "最高")
    assert r.returncode == 2 and "Unknown clearance level" in r.stderr
    r = run("保密员", "user", "clearance")
    assert {x["account"]: x["clearance"] for x in json.loads(r.stdout)}["甲"] == "秘密"
    r = run("甲", "opinion", "show", str(other))
    assert r.returncode == 2 and "classified 机密" in r.stderr
    r = run("甲", "session", "list")
    assert r.returncode == 0 and other not in [s["id"] for s in json.loads(r.stdout)]
    r = run(
        "主持人",
        "session",
        "create",
        "--kind",
        "clue_disposal",
        "--title",
        "T",
        "--ref",
        "绝1",
        "--classification",
        "绝密",
        "--department",
        "一室",
        "二室",
        "--chair",
        "主持人",
        "--custodian",
        "监督员",
    )
    assert r.returncode == 2 and "cleared below" in r.stderr
    audit_rows = run("审计员", "audit", "list")
    assert "access.refused" in audit_rows.stdout
