"""Two people to grant content (三员分立; issue "Insider-proof secrecy", item 4), tried as the administrator."""

from __future__ import annotations

import json

import pytest

from app import accounts, audit, auditlog, grants
from app.errors import InvalidInput, NotPermitted
from app.sessions import views
from tests.cast import Cast, raw_db


def _decided(cast: Cast) -> int:
    from app.opinion_form import OpinionForm
    from app.sessions import chair

    sid = cast.open(n=2)
    for who in ("甲", "乙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以初步核实。")
    return sid


def test_the_administrator_alone_cannot_obtain_a_content_role(cast: Cast) -> None:
    sid = _decided(cast)
    admin = cast("管理员")
    accounts.add_account(admin, "影子记录员", ["clerk"], None, "shadow-pass-8812")
    shadow = accounts.open_account(cast.directory, "影子记录员", "shadow-pass-8812")
    try:
        assert shadow.roles == set() or "clerk" not in shadow.roles
        assert any("security officer" in w for w in shadow.warnings)
        with pytest.raises(NotPermitted):
            views.opinions(shadow, sid)
        with pytest.raises(NotPermitted):
            views.show(shadow, sid)
    finally:
        shadow.close()
    # Nor can the administrator countersign for the security officer.
    with pytest.raises(NotPermitted):
        grants.authorise(admin, "影子记录员")


def test_a_forged_authorisation_by_the_administrator_gives_nothing(cast: Cast) -> None:
    sid = _decided(cast)
    admin = cast("管理员")
    accounts.add_account(admin, "影子记录员", ["clerk"], None, "shadow-pass-8812")
    key = admin.store.db_key
    before = auditlog.verify_chain(cast("审计员"))
    assert before.ok
    cast.close()
    # The administrator signs an authorisation with its own key (it holds the database key and its own key).
    admin = cast("管理员")
    fp = admin.registry.account("影子记录员").current  # type: ignore[union-attr]
    with admin.store.transaction() as db:
        audit.append(db, admin.actor, "account.authorise", "account:影子记录员", {"roles": ["clerk"], "key": fp})
    cast.close()
    shadow = accounts.open_account(cast.directory, "影子记录员", "shadow-pass-8812")
    try:  # the registry stops before the forged entry: no role, and the break is named at sign-in
        assert "clerk" not in shadow.roles
        assert shadow.registry.broken is not None
        with pytest.raises(NotPermitted):
            views.opinions(shadow, sid)
    finally:
        shadow.close()
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok
    with raw_db(cast.directory, key) as conn:
        rows = conn.execute("SELECT actor, details FROM audit_entries WHERE action='account.authorise'").fetchall()
    assert ("管理员", json.dumps({"key": fp, "roles": ["clerk"]}, ensure_ascii=False, separators=(",", ":"))) in rows
    assert sid


def test_the_security_officer_authorises_exactly_what_was_asked(cast: Cast) -> None:
    sid = _decided(cast)
    accounts.add_account(cast("管理员"), "新记录员", ["clerk"], None, "clerk-pass-5531")
    officer = cast("保密员")
    assert [p["account"] for p in grants.pending(officer)] == ["新记录员"]
    with pytest.raises(InvalidInput, match="passphrase the administrator gave"):
        grants.authorise(officer, "新记录员")
    newcomer = accounts.open_account(cast.directory, "新记录员", "clerk-pass-5531")
    accounts.change_passphrase(newcomer, "own-choice-7741")
    newcomer.close()
    cast.close()
    officer = cast("保密员")
    with pytest.raises(InvalidInput, match="fingerprint"):
        grants.authorise(officer, "新记录员", fingerprint="11111 22222 33333 44444 55555 66666")
    info = grants.authorise(officer, "新记录员")
    assert info["roles"] == ["clerk"]
    assert grants.pending(officer) == []
    with pytest.raises(InvalidInput, match="Nothing"):
        grants.authorise(officer, "新记录员")
    cast.close()
    clerk = accounts.open_account(cast.directory, "新记录员", "own-choice-7741")
    try:
        assert "clerk" in clerk.roles and clerk.warnings == []
        assert views.list_sessions(clerk) == []  # the role works; need to know: named on no session yet
        with pytest.raises(NotPermitted, match="not assigned"):
            views.show(clerk, sid)
    finally:
        clerk.close()
    assert auditlog.verify_chain(cast("审计员")).ok
