"""Schema migrations: one head, models and migrations agree, old stores upgrade with nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select

from app import accounts, auditlog, migrate
from app.context import AccountContext
from models import Account

GOLDEN = Path(__file__).parent / "data"


def test_single_head() -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1
    assert heads[0] == migrate.head_revision()


def test_alembic_check_is_clean(admin: AccountContext) -> None:
    with admin.store.engine.begin() as conn:
        command.check(migrate.alembic_config(conn))  # raises if models and migrations differ


def test_new_store_is_at_head(admin: AccountContext) -> None:
    with admin.store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()


def test_store_of_first_schema_upgrades_to_head(tmp_path: Path) -> None:
    copy = tmp_path / "old"
    shutil.copytree(GOLDEN / "store-v0001", copy)
    ctx = accounts.open_account(copy, "管理员", "golden-admin-1")
    try:
        with ctx.store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
        with ctx.store.transaction() as db:
            names = {a.name: a for a in db.scalars(select(Account))}
        assert set(names) == {"管理员", "张三"}
        assert names["张三"].roles == {"reviewer"}
        assert names["张三"].department is not None and names["张三"].department.name == "案件审理室"
    finally:
        ctx.close()
    # the other account still opens, and the audit chain made by the old version still verifies
    reviewer = accounts.open_account(copy, "张三", "golden-reviewer-1")
    reviewer.close()
    admin = accounts.open_account(copy, "管理员", "golden-admin-1")
    accounts.add_account(admin, "审计员", ["auditor"], None, "auditor-pass")
    admin.close()
    auditor = accounts.open_account(copy, "审计员", "auditor-pass")
    try:
        assert auditlog.verify_chain(auditor).ok
    finally:
        auditor.close()
