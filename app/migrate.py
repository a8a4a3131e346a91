"""Schema migrations with Alembic, run on the store's own (encrypted) connection."""

from __future__ import annotations

import functools
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from sqlalchemy import Connection, text

from app.errors import StoreUnavailable
from app.i18n import tr
from app.keyslots import SLOT_FILE

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
BACKUP_DIR = "backups"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations, bound to ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


_REVISION = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:(['"])([^'"]*)\2|None)""", re.MULTILINE)


@functools.cache
def _revision_graph() -> dict[str, str | None]:
    """{revision: down_revision} read from the migration scripts' two assignments, without importing Alembic
    (which parses and compiles every script: 0.3 s at each unlock).  A script whose revision cannot be read
    that way makes the caller fall back to Alembic."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = {m.group(1): m.group(3) for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if "revision" not in found or found["revision"] is None or "down_revision" not in found:
            raise LookupError(path.name)
        graph[found["revision"]] = found["down_revision"]
    return graph


def _alembic_heads() -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def head_revision() -> str:
    """The newest schema revision this program knows."""
    try:
        graph = _revision_graph()
        heads = sorted(set(graph) - {down for down in graph.values() if down is not None})
    except LookupError:
        heads = _alembic_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads")
    return heads[0]


def known_revisions() -> set[str]:
    """Every schema revision this program knows."""
    try:
        return set(_revision_graph())
    except LookupError:
        from alembic.script import ScriptDirectory

        return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The store's schema revision, or None for an empty database."""
    exists = connection.execute(
        text("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    ).scalar_one()
    if not exists:
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(connection: Connection, revision: str = "head", prepared: bool = False) -> None:
    """Migrate the store to ``revision`` (head by default).

    A store written by a newer program (a revision this one does not know) is refused before anything is
    written; a store that is behind is copied to ``backups/`` beside its database before it is migrated
    (``prepared``: :func:`prepare` already did both, outside any transaction).
    """
    from alembic import command

    if not prepared:
        prepare(connection, revision)
    command.upgrade(alembic_config(connection), revision)


def prepare(connection: Connection, revision: str = "head", db_key: bytes | None = None) -> None:
    """Refuse a store from a newer program; back up a store that is behind (with ``db_key``: through a
    connection of its own, outside the caller's transaction)."""
    current = current_revision(connection)
    if current is not None and current not in known_revisions():
        raise StoreUnavailable(
            tr(
                "This store was written by a newer version of Huishen (schema {revision}); this version knows "
                "schemas up to {head} and cannot open it. Nothing was changed: install the newer version again."
            ).format(revision=current, head=head_revision())
        )
    target = head_revision() if revision == "head" else revision
    if current is not None and current != target:
        try:
            backup(connection, current, db_key)
        except (OSError, sqlcipher3.Error) as exc:
            raise StoreUnavailable(
                tr(
                    "The store could not be backed up before its upgrade ({error}); nothing was changed. "
                    "Make room next to the store (its backups/ folder) and open it again."
                ).format(error=exc)
            ) from exc


def backup(connection: Connection, revision: str, db_key: bytes | None = None) -> Path | None:
    """Copy the store's database (still encrypted, same key) and key slots to ``backups/``; None in memory.

    The copy is a store of its own: ``huishen --store <copy>`` opens it with the same accounts, in a program
    that knows ``revision``.
    """
    database = Path(connection.exec_driver_sql("PRAGMA database_list").fetchall()[0][2] or "")
    if not database.name:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = database.parent / BACKUP_DIR / f"{stamp}-schema-{revision}"
    target.mkdir(parents=True, mode=0o700)
    try:
        os.chmod(target.parent, 0o700)
        own = None
        if db_key is not None:  # the caller holds a write transaction: export through a connection of our own
            own = sqlcipher3.connect(str(database), isolation_level=None)
            own.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        raw = own if own is not None else connection.connection.dbapi_connection
        assert raw is not None
        # ATTACH without a KEY clause gives the copy the main database's key (SQLCipher); the export is read
        # in one transaction, so the copy is consistent even with the write-ahead log in use.
        raw.execute("ATTACH DATABASE ? AS huishen_backup", (str(target / database.name),))
        try:
            raw.execute("SELECT sqlcipher_export('huishen_backup')")
        finally:
            raw.execute("DETACH DATABASE huishen_backup")
            if own is not None:
                own.close()
        slots = database.parent / SLOT_FILE
        if slots.is_file():
            shutil.copy2(slots, target / SLOT_FILE)
        for path in target.iterdir():
            os.chmod(path, 0o600)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # no half backup that looks like a whole one
        raise
    return target
