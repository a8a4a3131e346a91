"""The encrypted store: a directory holding an SQLCipher database and a key-slot file.

Opening checks everything it can *before* writing anything: the files exist,
the database is not plain SQLite, the key slot opens, the database opens with
that key.  Only then is the engine created (WAL, synchronous=FULL) and the
schema migrated to head.  A failed unlock writes nothing but the attempts file.
"""

from __future__ import annotations

import errno
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from app import keyslots
from app.attempts import Attempts
from app.errors import AuditedRefusal, Refused, StoreUnavailable, WrongPassphrase
from app.fsutil import FileError, StoreBusy, os_error_message
from app.i18n import tr
from app.keyslots import KeySlots, SlotSecrets

DB_FILE = "huishen.db"
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
MIN_DB_SIZE = 1024
# SQLite's own busy handler waits up to BUSY_TIMEOUT_MS per try; a write transaction is
# retried with a growing pause until BUSY_DEADLINE seconds have passed, then refused.
BUSY_TIMEOUT_MS = 2000
BUSY_DEADLINE = 20.0
LOW_SPACE = 4 * 1024 * 1024


def _low_space(directory: Path) -> bool:
    try:
        info = os.statvfs(directory)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < LOW_SPACE


def is_busy(exc: BaseException) -> bool:
    """Whether a database error is SQLite's "database is locked" / "busy"."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def diagnose(exc: BaseException, directory: Path) -> Refused | None:
    """A clear refusal for a database or file-system error met while using the store; None for a bug."""
    if isinstance(exc, OSError):
        return FileError(exc, exc.filename or directory)
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlcipher3.DatabaseError):
        return None
    text = str(orig).lower()
    db = directory / DB_FILE
    if is_busy(orig):
        return StoreBusy(
            tr("The store {path} is busy with another Huishen program; nothing was changed. Try again.").format(
                path=directory
            )
        )
    if "is full" in text or (("disk i/o" in text or "unable to open" in text) and _low_space(directory)):
        return FileError(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), directory)
    if "readonly" in text or "read-only" in text:
        if not os.access(directory, os.W_OK):
            return FileError(OSError(errno.EROFS, os.strerror(errno.EROFS)), directory)
        return FileError(OSError(errno.EACCES, os.strerror(errno.EACCES)), db)
    if "unable to open" in text:
        return FileError(OSError(errno.EACCES, os.strerror(errno.EACCES)), db)
    if "disk i/o" in text:
        return FileError(OSError(errno.EIO, os.strerror(errno.EIO)), db)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreUnavailable(
            tr("The database {path} is damaged; restore the store from a backup ('huishen restore').").format(path=db)
        )
    return None


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
    try:
        info = os.stat(db)
        if not stat_is_regular(info.st_mode):
            raise StoreUnavailable(tr("{path} is not a regular file; refused.").format(path=db))
        with db.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise FileError(exc, db) from exc
    if not os.access(directory, os.W_OK):
        # The unlock itself writes (the write-ahead log, the attempts file): say why before it fails.
        code = errno.EROFS if _read_only_fs(directory) else errno.EACCES
        raise StoreUnavailable(
            tr("The store {path} cannot be written ({reason}); Huishen needs to write to it.").format(
                path=directory, reason=os_error_message(OSError(code, os.strerror(code)), directory)
            )
        )
    if head == PLAIN_SQLITE_HEADER:
        raise StoreUnavailable(
            tr("{path} is a plain, unencrypted SQLite file; Huishen opens only encrypted stores.").format(path=db)
        )
    size = info.st_size
    if size < MIN_DB_SIZE or size % 512:
        raise StoreUnavailable(
            tr("The database {path} is truncated or damaged; restore it from a backup.").format(path=db)
        )


def stat_is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def _read_only_fs(directory: Path) -> bool:
    try:
        return bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def verify_database_key(directory: Path, db_key: bytes) -> None:
    """Open the database read-only with ``db_key`` and read its schema; writes nothing."""
    db = directory / DB_FILE
    try:
        conn = _connect_raw(db, db_key, read_only=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            conn.close()
            raise
        try:
            # Reads every page, so SQLCipher checks every page's HMAC too: a flipped byte is found
            # here, before anything is written into a damaged database.
            result = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
        except sqlcipher3.DatabaseError as exc:
            result = [str(exc)]
        finally:
            conn.close()
        if result != ["ok"]:
            raise StoreUnavailable(
                tr("The database {path} is damaged ({problem}); restore the store from a backup.").format(
                    path=db, problem="; ".join(result[:3])
                )
            )
    except sqlcipher3.DatabaseError as exc:
        text = str(exc).lower()
        if "not a database" not in text:
            known = diagnose(exc, directory)
            if known is not None:
                raise known from exc
        raise StoreUnavailable(
            tr("The database {path} does not belong to this key-slot file, or is damaged.").format(path=db)
        ) from exc


CHANGES_AT_BEGIN = "huishen_changes_at_begin"


def _make_engine(directory: Path, db_key: bytes) -> Engine:
    db = directory / DB_FILE
    engine = create_engine(
        f"sqlite:///{db}",
        module=sqlcipher3,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Transactions are begun by hand below (BEGIN IMMEDIATE), not by the driver.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(_key_pragma(db_key))
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("SELECT count(*) FROM sqlite_master")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock at the start: a deferred transaction that reads, then writes, fails
        # at once with "database is locked" when another writer committed in between (WAL), and
        # two audit appends would both read the same chain head.  Busy: retry with back-off.
        driver = conn.connection.driver_connection
        begin_immediate(driver)
        # What the connection had written when the transaction began: a facts verdict made after this transaction
        # wrote is never remembered (a rollback undoes the rows it saw, not total_changes: app.facts_cache).
        conn.connection.info[CHANGES_AT_BEGIN] = getattr(driver, "total_changes", None)

    return engine


def begin_immediate(dbapi_conn: Any, deadline: float = BUSY_DEADLINE) -> None:
    """``BEGIN IMMEDIATE``, retried with a growing pause while the database is locked."""
    end = time.monotonic() + deadline
    pause = 0.01
    while True:
        try:
            dbapi_conn.execute("BEGIN IMMEDIATE")
            return
        except sqlcipher3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= end:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


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
        """A unit of work: commits on success, rolls back on any error.

        It holds the database's write lock from its start (waiting with back-off for
        another program's write to finish); a full disk, a read-only store or a lock
        held too long become a clear refusal, with nothing changed.
        """
        try:
            try:
                with self._sessions() as session, session.begin():
                    yield session
            except AuditedRefusal as refusal:
                record, refusal.record = refusal.record, None
                if record is not None:  # the refused work is rolled back; the refusal itself is recorded
                    with self._sessions() as session, session.begin():
                        record(session)
                raise
        except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlcipher3.DatabaseError, OSError) as exc:
            known = diagnose(exc, self.directory)
            if known is None:
                raise
            raise known from exc

    def save_slots(self, account: str | None = None) -> None:
        """Write the key-slot file of a new store, or ``account``'s slot alone (re-read under the lock).

        Never rewrites other accounts' slots from this program's copy, which may be stale.
        """
        with keyslots.locked(self.directory):
            if not (self.directory / keyslots.SLOT_FILE).exists():
                keyslots.save(self.directory, self.slots)
                return
            if account is None:
                raise ValueError("save_slots on an existing store needs the account whose slot changed")
            self.slots = keyslots.put(self.directory, self.slots.slots[account])

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


def _set_back(exc: BaseException) -> bool:
    """A migration met what it was to create (a schema version set back below the tables it describes)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "already exists" in text or "duplicate column" in text


def unlock(directory: Path, account: str, passphrase: str, attempts: Attempts | None = None) -> Unlocked:
    """Open the store as ``account``; refuses cleanly and writes only the attempts file on failure."""
    from app import migrate

    check_files(directory)
    slots = keyslots.load(directory)
    # A damaged or too-weak slot is refused here, before any passphrase is tried or counted.
    slots.check_usable(account)
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
    try:
        with engine.begin() as conn:
            current = migrate.current_revision(conn)
            if current != migrate.head_revision():
                migrate.prepare(conn, db_key=secrets.db_key)  # refused if newer; backed up if older
                try:
                    migrate.upgrade(conn, prepared=True)
                except sa_exc.OperationalError as exc:
                    if not _set_back(exc):
                        raise
                    raise StoreUnavailable(
                        tr(
                            "The store says its schema is {revision}, but its tables are of a later version: the "
                            "version was set back (tampered with) or files of different copies were mixed. Nothing "
                            "was changed; restore the store from a backup ('huishen restore')."
                        ).format(revision=current)
                    ) from exc
    except (sa_exc.OperationalError, sa_exc.DatabaseError, OSError) as exc:
        engine.dispose()
        known = diagnose(exc, directory)
        if known is None:
            raise
        raise known from exc
    return Unlocked(Store(directory, slots, engine, secrets.db_key), secrets, failures)
