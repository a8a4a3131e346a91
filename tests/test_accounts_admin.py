"""Administrator and first-run services (Qt-free): disable, passphrase reset by re-issuing a slot, set-up wizard,
statistics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import accounts, auditlog, grants, statistics
from app.errors import InvalidInput, NotPermitted, Refused, WrongPassphrase
from app.sessions import opinions
from app.setup_wizard import SetupWizard
from tests.cast import PASS, Cast, reasoning


def test_disable_and_enable(cast: Cast) -> None:
    admin = cast("管理员")
    accounts.set_disabled(admin, "甲", True, "调离本单位")
    cast.ctxs.pop("甲", None)
    with pytest.raises(NotPermitted, match="disabled"):
        accounts.open_account(cast.directory, "甲", PASS)
    accounts.set_disabled(admin, "甲", False, "")
    accounts.open_account(cast.directory, "甲", PASS).close()
    with pytest.raises(NotPermitted):
        accounts.set_disabled(cast("主持人"), "甲", True, "无权")
    with pytest.raises(InvalidInput):
        accounts.set_disabled(admin, "管理员", True, "自己")


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501, "坏\x00字符"])
def test_disabling_needs_a_clean_reason_and_changes_nothing_without(cast: Cast, reason: str) -> None:
    from sqlalchemy import func, select

    from models import AuditEntry

    admin = cast("管理员")
    with admin.store.transaction() as db:
        before = db.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(InvalidInput, match="reason"):
        accounts.set_disabled(admin, "甲", True, reason)
    with admin.store.transaction() as db:
        assert db.scalar(select(func.count()).select_from(AuditEntry)) == before
    accounts.open_account(cast.directory, "甲", PASS).close()  # still active


def test_the_reason_is_in_the_signed_audit_entry(cast: Cast) -> None:
    from sqlalchemy import select

    from app import audit
    from models import AuditEntry

    admin = cast("管理员")
    accounts.set_disabled(admin, "乙", True, "  长期病假，暂停账户  ")
    accounts.set_disabled(admin, "乙", False, "病愈返岗")
    with admin.store.transaction() as db:
        rows = list(db.scalars(select(AuditEntry).where(AuditEntry.object == "account:乙").order_by(AuditEntry.seq)))
        assert [r.action for r in rows[-2:]] == ["account.disable", "account.enable"]
        assert json.loads(rows[-2].details) == {"reason": "长期病假，暂停账户"}
        assert json.loads(rows[-1].details) == {"reason": "病愈返岗"}
        assert audit.verify(db).ok


def test_reset_passphrase_reissues_slot_and_identity(cast: Cast) -> None:
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    old_fp = cast("甲").fingerprint
    cast.close()
    with pytest.raises(Refused, match="share"):  # the custodian still holds a needed key share
        accounts.reissue_slot(cast("管理员"), "监督员", "new-pass-123")
    result = accounts.reissue_slot(cast("管理员"), "甲", "new-pass-123")
    assert result["fingerprint"] != old_fp
    with pytest.raises(WrongPassphrase):
        accounts.open_account(cast.directory, "甲", PASS)
    # The administrator's re-issue alone gives nobody 甲's roles: the security officer countersigns.
    with pytest.raises(NotPermitted, match="security officer"):
        accounts.open_account(cast.directory, "甲", "new-pass-123")
    assert [p["account"] for p in grants.pending(cast("保密员"))] == ["甲"]
    with pytest.raises(InvalidInput, match="fingerprint"):
        grants.authorise(cast("保密员"), "甲", fingerprint=old_fp)
    grants.authorise(cast("保密员"), "甲", fingerprint=result["fingerprint"])
    ctx = accounts.open_account(cast.directory, "甲", "new-pass-123")
    assert ctx.fingerprint == result["fingerprint"]
    ctx.close()
    # what 甲 sealed under the old identity still verifies at reveal, and the chain still verifies
    cast.seal(sid, "乙")
    assert cast.reveal(sid)["rejected"] == []
    assert auditlog.verify_chain(cast("审计员")).ok
    with pytest.raises(NotPermitted):
        accounts.reissue_slot(cast("审计员"), "乙", "new-pass-123")


def test_setup_wizard_steps(tmp_path: Path) -> None:
    wizard = SetupWizard(tmp_path / "store")
    assert SetupWizard.needed(wizard.directory)
    assert wizard.submit_administrator("  ") is not None and wizard.step == "administrator"
    assert wizard.submit_administrator("管理员") is None and wizard.step == "passphrase"
    assert wizard.submit_passphrase("a-long-pass", "another-pass") is not None
    assert wizard.submit_passphrase("short", "short") is not None
    assert wizard.step == "passphrase"
    wizard.back()
    assert wizard.step == "administrator"
    with pytest.raises(InvalidInput):
        wizard.create()
    wizard.submit_administrator("管理员")
    assert wizard.submit_passphrase("a-long-pass", "a-long-pass") is None and wizard.step == "create"
    ctx = wizard.create()
    assert ctx.name == "管理员" and ctx.roles == {"administrator"}
    ctx.close()
    assert not SetupWizard.needed(wizard.directory)


def test_statistics_per_department(cast: Cast) -> None:
    sid = cast.open(n=3)
    cast.seal(sid, "甲", "初步核实")
    cast.seal(sid, "乙", "初步核实", reasoning("甲", "，补充说明"))  # copied from 甲
    cast.seal(sid, "丙", "谈话函询")
    cast.reveal(sid)
    # 2 of 4 expected is no majority (a split, nobody dissents) until the chair's position carries 初步核实
    from app.opinion_form import OpinionForm
    from app.sessions import chair

    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("主持人")))
    rows = {r["department"]: r for r in statistics.per_department(cast("主持人"))}
    assert set(rows) == {"一室", "二室", "三室"}
    assert rows["三室"]["dissent_percent"] == 100 and rows["一室"]["dissent_percent"] == 0
    assert rows["一室"]["near_duplicate_flags"] >= 1  # 甲 and 乙 wrote nearly the same
    assert rows["二室"]["avg_reasoning_chars"] > rows["一室"]["avg_reasoning_chars"]
    with pytest.raises(NotPermitted):
        statistics.per_department(cast("审计员"))
    # drafts are not statistics
    assert opinions.load_draft(cast("甲"), sid) is None
