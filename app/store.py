"""The encrypted store: a directory holding an SQLCipher database and a key-slot file.

Opening checks everything it can *before* writing anything: the files exist,
the database is not plain SQLite, the key slot opens, the database opens with
that key.  Only then is the engine created (WAL, synchronous=FULL) and the
schema migrated to head.  A failed unlock writes nothing but the attempts file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app import keyslots
from app.attempts import Attempts
from app.errors import StoreUnavailable, WrongPassphrase
from app.i18n import tr
from app.keyslots import KeySlots, SlotSecrets

DB_FILE = "huishen.db"
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
MIN_DB_SIZE = 1024


def _key_pragma(db_key: bytes) -> str:
    return f"PRAGMA key = \"x'{db_key.hex()}'\""


def _connect_raw(path: Path, db_key: bytes, read_only: bool) -> Any:
    uri = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlcipher3.connect(uri, uri=read_only, check_same_thread=False)
    conn.execute(_key_pragma(db_key))
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def check_files(directory: Path) -> None:
    """Refuse, without writing, a directory that does not hold a usable store."""
    db = directory / DB_FILE
    if not directory.is_dir() or not db.exists():
        raise StoreUnavailable(
            tr("No store in {path}. Create one with 'huishen init' or choose another directory.").format(path=directory)
        )
    with db.open("rb") as handle:
        head = handle.read(16)
    if head == PLAIN_SQLITE_HEADER:
        raise StoreUnavailable(
            tr("{path} is a plain, unencrypted SQLite file; Huishen opens only encrypted stores.").format(path=db)
        )
    size = db.stat().st_size
    if size < MIN_DB_SIZE or size % 512:
        raise StoreUnavailable(
            tr("The database {path} is truncated or damaged; restore it from a backup.").format(path=db)
        )


def verify_database_key(directory: Path, db_key: bytes) -> None:
    """Open the database read-only with ``db_key`` and read its schema; writes nothing."""
    db = directory / DB_FILE
    try:
        conn = _connect_raw(db, db_key, read_only=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        raise StoreUnavailable(
            tr("The database {path} does not belong to this key-slot file, or is damaged.").format(path=db)
        ) from exc


def _make_engine(directory: Path, db_key: bytes) -> Engine:
    db = directory / DB_FILE
    engine = create_engine(f"sqlite:///{db}", module=sqlcipher3, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(_key_pragma(db_key))
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute("SELECT count(*) FROM sqlite_master")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    return engine


@dataclass
class Store:
    """An open store: its directory, key slots, and an engine on the decrypted database."""

    directory: Path
    slots: KeySlots
    engine: Engine
    db_key: bytes

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def save_slots(self) -> None:
        """Write the key-slot file (atomically)."""
        keyslots.save(self.directory, self.slots)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def exists(directory: Path) -> bool:
    """Whether ``directory`` already holds (part of) a store."""
    return (directory / DB_FILE).exists() or (directory / keyslots.SLOT_FILE).exists()


def create(directory: Path) -> tuple[Store, SlotSecrets]:
    """Create an empty store at head schema; the caller issues the first slot and saves it."""
    from app import migrate

    if exists(directory):
        raise StoreUnavailable(tr("{path} already holds a store; choose an empty directory.").format(path=directory))
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    secrets = SlotSecrets(os.urandom(32), os.urandom(32))
    engine = _make_engine(directory, secrets.db_key)
    with engine.begin() as conn:
        migrate.upgrade(conn)
    slots = KeySlots(str(uuid.uuid4()), {})
    return Store(directory, slots, engine, secrets.db_key), secrets


@dataclass(frozen=True)
class Unlocked:
    """The result of a successful unlock."""

    store: Store
    secrets: SlotSecrets
    failed_attempts: int


def unlock(directory: Path, account: str, passphrase: str, attempts: Attempts | None = None) -> Unlocked:
    """Open the store as ``account``; refuses cleanly and writes only the attempts file on failure."""
    from app import migrate

    check_files(directory)
    slots = keyslots.load(directory)
    slots.get(account)
    attempts = attempts or Attempts(directory)
    attempts.check(account)
    try:
        secrets = slots.unlock(account, passphrase)
    except WrongPassphrase:
        attempts.record_failure(account)
        raise
    verify_database_key(directory, secrets.db_key)
    failures = attempts.clear(account)
    engine = _make_engine(directory, secrets.db_key)
    with engine.begin() as conn:
        if migrate.current_revision(conn) != migrate.head_revision():
            migrate.upgrade(conn)
    return Unlocked(Store(directory, slots, engine, secrets.db_key), secrets, failures)
