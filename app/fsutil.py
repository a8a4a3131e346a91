"""File-system helpers: atomic private writes, a cross-process file lock, bounded reads, safe outputs.

Every file-system failure the user can cause or meet (a full disk, a read-only
store, a denied permission, a FIFO where a file should be) becomes a
:class:`~app.errors.Refused` with its own message here, never an ``OSError``.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from app.errors import Refused, StoreUnavailable
from app.i18n import tr

LOCK_TIMEOUT = 30.0


class StoreBusy(StoreUnavailable):
    """Another program holds the store (a file lock or the database's write lock) for too long."""


def _open(path: Path, flags: int) -> int:
    """``os.open``, with a NUL in the name reported like any other unusable path."""
    try:
        return os.open(path, flags)
    except ValueError as exc:  # "embedded null byte"
        raise OSError(errno.EINVAL, "invalid file name", str(path).replace("\x00", "\\0")) from exc


def os_error_message(exc: OSError, path: Path | str | None = None) -> str:
    """A plain message for an operating-system error, naming what happened and what to do."""
    where = str(path if path is not None else (exc.filename or ""))
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return tr("The disk is full ({path}); nothing was changed. Free some space and try again.").format(path=where)
    if code == errno.EROFS:
        return tr("{path} is on a read-only file system; nothing was changed.").format(path=where)
    if code in (errno.EACCES, errno.EPERM):
        return tr("Permission denied for {path}; nothing was changed. Check the file permissions.").format(path=where)
    if code == errno.EIO:
        return tr("Input/output error on {path}: the disk may be failing. Copy the store to a safe place.").format(
            path=where
        )
    if code == errno.ENOENT:
        return tr("{path} does not exist.").format(path=where)
    if code in (errno.EISDIR, errno.ENOTDIR):
        return tr("{path} is a directory, or a path through something that is not one.").format(path=where)
    if code == errno.EPIPE:
        return tr("The output was closed before everything was written.")
    return tr("Cannot use {path}: {reason}.").format(path=where, reason=exc.strerror or type(exc).__name__)


class FileError(Refused):
    """An operating-system error, explained."""

    def __init__(self, exc: OSError, path: Path | str | None = None) -> None:
        super().__init__(os_error_message(exc, path))
        self.errno = exc.errno


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either old or new, never half.

    Raises :class:`FileError` (and leaves the old file untouched) when the disk is full,
    the directory read-only or not writable.
    """
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise FileError(exc, path) from exc


# Reentrant within one thread (flock would deadlock on a second descriptor of the same file);
# another thread of the same process opens its own descriptor and waits like another process.
_held: dict[str, tuple[int, int]] = {}
_held_guard = threading.RLock()


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` across processes; waits with back-off.

    ``path`` is normally a store directory (locked as is, so no lock file is left
    behind); a file path is created if needed.  Refuses with :class:`StoreBusy`
    after ``timeout`` seconds.  Reentrant in one process.
    """
    key = f"{path.resolve()}|{threading.get_ident()}"
    with _held_guard:
        held = _held.get(key)
        if held is not None:
            _held[key] = (held[0], held[1] + 1)
    if held is not None:
        try:
            yield
        finally:
            with _held_guard:
                fd, count = _held[key]
                _held[key] = (fd, count - 1)
        return
    try:
        if path.is_dir():
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        else:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise FileError(exc, path) from exc
    try:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        tr("Another Huishen program is changing {path}; nothing was changed. Try again.").format(
                            path=path
                        )
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
        with _held_guard:
            _held[key] = (fd, 1)
        try:
            yield
        finally:
            with _held_guard:
                _held.pop(key, None)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class UnsafeFile(Refused):
    """A file to read is not a regular file, or is too large."""


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """Read ``path`` whole, only if it is a regular file of at most ``limit`` bytes.

    Never blocks on a FIFO, never reads a device, never reads more than ``limit`` bytes
    (the size is checked on the open descriptor, then enforced while reading).
    """
    try:
        fd = _open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise FileError(exc, path) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(tr("{what} {path} is not a regular file; refused.").format(what=what, path=path))
        if info.st_size > limit:
            raise UnsafeFile(
                tr("{what} {path} is larger than {limit} bytes; refused.").format(what=what, path=path, limit=limit)
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnsafeFile(
                    tr("{what} {path} is larger than {limit} bytes; refused.").format(what=what, path=path, limit=limit)
                )
        return b"".join(chunks)
    except OSError as exc:
        raise FileError(exc, path) from exc
    finally:
        os.close(fd)


def check_input_file(path: Path, limit: int, what: str) -> None:
    """Refuse, before anything reads it, a file that is not regular or larger than ``limit`` bytes."""
    try:
        fd = _open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise FileError(exc, path) from exc
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(tr("{what} {path} is not a regular file; refused.").format(what=what, path=path))
    if info.st_size > limit:
        raise UnsafeFile(
            tr("{what} {path} is larger than {limit} bytes; refused.").format(what=what, path=path, limit=limit)
        )


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def check_output_path(out: Path, store_dir: Path | None) -> None:
    """Refuse an output file that would overwrite a store file, a device, a directory or a FIFO.

    ``out`` may exist (a caller decides about ``--force``) only as a regular file
    outside ``store_dir``; its directory must exist.
    """
    if "\x00" in str(out):
        raise FileError(OSError(errno.EINVAL, "invalid file name"), str(out).replace("\x00", "\\0"))
    resolved = out.resolve()
    if store_dir is not None and _inside(resolved, store_dir.resolve()):
        raise Refused(tr("{path} is inside the store directory; write the file somewhere else.").format(path=out))
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        if not resolved.parent.is_dir():
            raise Refused(tr("The directory of {path} does not exist.").format(path=out)) from None
        return
    except OSError as exc:
        raise FileError(exc, out) from exc
    if stat.S_ISDIR(info.st_mode):
        raise Refused(tr("{path} is a directory; give a file name.").format(path=out))
    if not stat.S_ISREG(info.st_mode):
        raise Refused(tr("{path} is not a regular file (a device or a pipe); refused.").format(path=out))
