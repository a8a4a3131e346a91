"""A session's facts check remembered while the database is unchanged (issue 16 item 2).

Seal, reveal and tally each re-check the whole session against its signed facts, several times in one
operation (the reveal: five).  A verdict is reused only when nothing at all can have changed since it was
made, on the very connection that made it:

- ``PRAGMA data_version`` of that connection is unchanged: no other connection — of this program or any other
  process, an insider's included — committed anything since;
- the connection's own ``total_changes`` is unchanged: this program wrote nothing either (pending ORM changes
  are flushed first, so they count), and it had written nothing in the transaction that made the verdict (a
  rollback takes rows away without moving either counter: only a verdict on committed rows is remembered);
- the registry is the same object, at the same log sequence and head hash, and the store id is the same;
- the database file and its write-ahead log are the files they were, unwritten since (inode, size, modification
  and change times): a page written into either directly — not through SQLite, so neither counter moves; in WAL
  mode SQLite never reads the file's change counter — is read by the connection as soon as its page cache no
  longer holds that page (tests/test_attack_cache_file_edit.py).  An insider can set a file's modification time
  back, not its change time;
- the wal-index (huishen.db-shm) by which SQLite finds a page's newest frame says what it said: its headers, the
  count of frames checkpointed and the frames' page numbers and hash tables (not the readers' marks and locks,
  which every read moves).  Four bytes written there (the checkpointed count set to the log's end, a frame's page
  number changed) have the connection read an older committed version of a page, the file or the log untouched.
  What this cannot see: a write into a file within the same tick of the file system's clock as that file's last
  write before the verdict (coarse timestamps, kernels before 6.13: only a verdict made within one tick of a commit
  or checkpoint, 1-10 ms),
  and an edit made after the test, within the transaction that reuses the verdict (as within any transaction).

Any write anywhere in the database therefore sends the next check back to the full :func:`app.facts.inspect`;
a planted or altered row is caught exactly as before.  The cache lives in the pooled connection's ``info``
(it goes with the connection), at most ``MAX`` sessions per connection.

Beside each verdict it keeps what that full check read (app.facts_carried): the rows it read for its caller
(:class:`app.facts_seen.CheckRows`), the session row with its items, participants and custodians, the log's head
as the transaction's registry catch-up read it, and (per connection) the policy in force.  They are taken when
the verdict is made, before its caller can change anything, as plain values; each ORM object handed out is new,
merged into the caller's session without SQL, so a seal that closes a round changes its copy, never the
remembered one.  They are handed out under the very condition the verdict is — nothing written by anyone since,
on the same connection, same registry — at the moment of the test: the caller's transaction holds the write lock
from its start (``BEGIN IMMEDIATE``, app.store), so no other connection writes before it, and it must use them
before its own first write, as it must the rows of a check it ran itself.

:func:`reuse` makes that test first, before anything is read (one ``PRAGMA data_version``): on a hit the session,
the registry's head (what the catch-up would read and find unchanged) and the verdict are all taken from what was
remembered, and a checked load reads nothing at all.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.facts_carried import Carried, PolicyValues, policy_of, policy_values
from app.store import CHANGES_AT_BEGIN
from models import ReviewSession

if TYPE_CHECKING:
    from app.facts import SessionCheck
    from app.registry import Registry

MAX = 64
_KEY = "huishen_facts_cache"
_POLICY = "huishen_policy_in_force"  # (state, the policy's values) beside the verdicts of one connection
_Entry = tuple[tuple[Any, ...], "SessionCheck", "Carried | None"]  # the state, the verdict, what its check read
# The status in which a session is sealed (app.sessions.common.COLLECTING): only then is the policy in force kept
# with a verdict (the seal checks the form against it).  Not imported: that module imports this one's callers.
_COLLECTING = "collecting"


def _state(db: Session, reg: Registry, store_id: str) -> tuple[Any, ...] | None:
    """Everything a verdict depends on beyond the rows, or None when it cannot be told (no caching)."""
    db.flush()
    conn = db.connection()
    dbapi = conn.connection.dbapi_connection
    changes = getattr(dbapi, "total_changes", None)
    if changes is None:
        return None
    version = conn.exec_driver_sql("PRAGMA data_version").scalar()
    files = _files(conn.engine.url.database)
    if files is None:
        return None
    return (version, changes, id(reg), reg.seq, reg.head, reg.broken is None, store_id, files)


def _files(path: str | None) -> tuple[Any, ...] | None:
    """The database file and its write-ahead log as the file system says they are now, and the digest of the
    wal-index as SQLite reads pages by it; None when any of them cannot be read (nothing is remembered then: a
    path that no longer names the files — a relative one after a change of directory — would compare equal)."""
    if not path:
        return None
    try:
        out: list[Any] = []
        for name in (path, path + "-wal"):
            info = os.stat(name)
            out.append((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        index, mapped = _read_index(path + "-shm")
    except OSError:
        return None
    if not _sqlite_opened({path: out[0][:2], path + "-wal": out[1][:2], path + "-shm": mapped}):
        return None
    # Bytes 100-136: the readers' marks and the lock bytes (SQLite's wal.c, WalCkptInfo), moved by every read.
    digest = hashlib.blake2b(memoryview(index)[:100], digest_size=16)
    digest.update(memoryview(index)[136:])
    out.append(digest.digest())
    return tuple(out)


# Each wal-index file read by a descriptor opened once and never closed: closing any descriptor of a file drops every
# POSIX lock this process holds on it, SQLite's own on the wal-index among them — its write lock, taken by BEGIN
# IMMEDIATE, and another process could then write during this transaction.  (An open descriptor keeps its file's
# inode number from being reused, so the key names one file.)
_INDEX_FDS: dict[tuple[int, int], int] = {}


def _forget_removed() -> None:
    """Close the descriptors of wal-index files no longer in any folder (SQLite removes one when its last
    connection closes; a store's folder removed): no process can open such a file, so no lock on it guards
    anything, and a program that opens many stores (the tests) does not hold a descriptor for each."""
    for key, fd in list(_INDEX_FDS.items()):
        if os.fstat(fd).st_nlink == 0:
            os.close(fd)
            del _INDEX_FDS[key]


def _read_index(name: str) -> tuple[bytes, tuple[int, int]]:
    """The wal-index file's bytes as ``name`` gives it now, and that file's (device, inode)."""
    info = os.stat(name)
    fd = _INDEX_FDS.get((info.st_dev, info.st_ino))
    if fd is None:
        _forget_removed()
        fd = os.open(name, os.O_RDONLY | os.O_CLOEXEC)
        opened = os.fstat(fd)
        _INDEX_FDS[(opened.st_dev, opened.st_ino)] = fd  # never closed (above)
    opened = os.fstat(fd)
    return os.pread(fd, opened.st_size, 0), (opened.st_dev, opened.st_ino)


_FDS = "/proc/self/fd"
_DELETED = b" (deleted)"


def _sqlite_opened(files: dict[str, tuple[int, int]]) -> bool:
    """Whether the files SQLite reads pages by in this process — the database file, the write-ahead log and the
    wal-index, each by the descriptor it opened (the wal-index's kept open while SQLite maps it) — are the files
    just stat'ed and read by their names (``files``: name → device, inode).  An insider who renames a copy over
    one of them, the file SQLite has open kept by a hard link, and writes a page, a frame or the wal-index's four
    bytes into the open one leaves the name's file as it was.  Where the process's descriptors can be listed
    (Linux), every descriptor of a file by one of those names (or of such a file since removed or renamed over:
    its name marked deleted) must be the file of that name now, the database's and the wal-index's among them;
    elsewhere this cannot be told (open: README)."""
    try:
        fds = os.listdir(_FDS)
    except OSError:
        return True
    names = {os.fsencode(os.path.realpath(name)): identity for name, identity in files.items()}
    seen: set[bytes] = set()
    for fd in fds:
        link = os.path.join(_FDS, fd)
        try:
            target = os.fsencode(os.readlink(link))
            if target.endswith(_DELETED):
                target = target[: -len(_DELETED)]
            if target not in names:
                continue
            info = os.stat(link)
        except OSError:
            continue  # a descriptor closed meanwhile (another thread's)
        if (info.st_dev, info.st_ino) != names[target]:
            return False
        seen.add(target)
    database, _, index = (os.fsencode(os.path.realpath(name)) for name in files)  # in the order given
    return database in seen and index in seen



def _info(db: Session) -> dict[Any, Any]:
    return db.connection().connection.info


def checked(
    db: Session,
    reg: Registry,
    session: ReviewSession,
    store_id: str,
    compute: Callable[[], SessionCheck],
    rows: bool = False,
) -> SessionCheck:
    """``compute()``'s verdict for ``session``, reused while the database and the registry are unchanged;
    ``rows``: a reused verdict comes with what its check read (``SessionCheck.rows``), as a check run now would."""
    state = _state(db, reg, store_id)
    if state is None:
        return compute()
    cache: dict[int, _Entry] = _info(db).setdefault(_KEY, {})
    hit = cache.get(session.id)
    if hit is not None and hit[0] == state:
        return _reused(db, state, hit, rows)
    result = compute()
    # No verdict is remembered once this transaction has written: a rollback would take those rows away but leave
    # total_changes (and data_version) as they are, and the next transaction would reuse a verdict on rows that
    # never were committed (and be handed them).  Nor is anything kept for it then.
    if state[1] != _info(db).get(CHANGES_AT_BEGIN):
        return result
    carried = Carried.of(db, reg, result.rows, session) if result.rows is not None else None
    kept = _policy(db, reg, state, carried, session)
    # The check only reads; if it wrote (it must not), the state moved on and this entry never matches.  What is
    # carried was taken above, so this test covers it too.
    if _state(db, reg, store_id) == state:
        if len(cache) >= MAX:
            cache.clear()
        cache[session.id] = (state, _copy(result), carried)
        if kept is not None:
            _info(db)[_POLICY] = (state, kept)
    return result


def reuse(
    db: Session, reg: Registry, session_id: int, store_id: str, rows: bool = False
) -> tuple[ReviewSession, SessionCheck] | None:
    """The session and its remembered verdict when nothing was written since it was made (the test above, made
    before anything is read), with no SQL but that test: the session (and its items, participants, custodians)
    from the values the verdict's check had, the log's head noted for this transaction's first append
    (app.audit.note_head) from the entry that transaction's catch-up read — it was the registry's head, nothing
    was written since, so it still is, unchanged, and a catch-up now would read it alone and find nothing to feed.
    None (read everything, as before) when the test fails or any of these was not kept."""
    from app import audit

    state = _state(db, reg, store_id)
    if state is None:
        return None
    hit: _Entry | None = _info(db).get(_KEY, {}).get(session_id)
    if hit is None or hit[0] != state or hit[2] is None or hit[2].session is None:
        return None
    head = hit[2].head_in(db, reg)
    if head is None:
        return None
    audit.note_head(db, head)
    return hit[2].session.attach(db), _reused(db, state, hit, rows)


def _reused(db: Session, state: tuple[Any, ...], hit: _Entry, rows: bool) -> SessionCheck:
    """A copy of the remembered verdict; ``rows``: with new copies of what its check read, and the policy in force
    when it was kept under this very state."""
    carried = hit[2]
    if not rows or carried is None:
        return replace(_copy(hit[1]), rows=None)
    handed = carried.rows_in(db)
    kept = _info(db).get(_POLICY)
    if kept is not None and kept[0] == state:
        handed.policy = policy_of(kept[1])
    return replace(_copy(hit[1]), rows=handed)


def _policy(
    db: Session, reg: Registry, state: tuple[Any, ...], carried: Carried | None, session: ReviewSession
) -> PolicyValues | None:
    """The policy in force to keep beside a verdict on a session being sealed, read now (app.policy.load with the
    registry) unless it is kept already under this state; only when this transaction's catch-up read the log's
    head as the registry's (``carried.head``): the policy's check then reads its entries and catches up nothing."""
    if carried is None or carried.head is None or session.status != _COLLECTING:
        return None
    kept = _info(db).get(_POLICY)
    if kept is not None and kept[0] == state:
        return None
    return policy_values(db, reg)


def _copy(check: SessionCheck) -> SessionCheck:
    """A copy of the verdict alone (its rows are carried apart, as :class:`app.facts_carried.Carried`)."""
    return replace(
        check, problems=list(check.problems), flagged=dict(check.flagged), ignored=list(check.ignored), rows=None
    )
