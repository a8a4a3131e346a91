"""Failed-unlock bookkeeping, kept apart from the store.

The attempts file is the only thing a failed unlock writes.  After a few
failures each further try must wait a growing delay; the count is put into
the audit log at the next successful unlock.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import LockedOut, Refused, StoreUnavailable
from app.fsutil import FileError, file_lock, read_regular, write_atomic
from app.i18n import tr

ATTEMPTS_FILE = "attempts.json"
MAX_SIZE = 1024 * 1024
MAX_FAILURES = 10**6
FREE_TRIES = 3
MAX_DELAY = 900.0


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures (0, …, 2, 4, 8 … 900)."""
    if failures < FREE_TRIES:
        return 0.0
    return float(min(2 ** (failures - FREE_TRIES + 1), MAX_DELAY))


class Attempts:
    """Failed unlocks per account: {account: {"failures": n, "last": unix time}}."""

    def __init__(self, directory: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = directory / ATTEMPTS_FILE
        self.lock_path = directory
        self.clock = clock

    def _damaged(self) -> StoreUnavailable:
        return StoreUnavailable(
            tr(
                "The record of failed sign-ins {path} is damaged; nothing was changed. The administrator "
                "removes it (the counts start again) or restores it from a backup."
            ).format(path=self.path)
        )

    def _read(self) -> dict[str, Any]:
        """The whole file (entries of other accounts are kept as they are, even if malformed)."""
        try:
            raw = read_regular(self.path, MAX_SIZE, tr("The record of failed sign-ins"))
        except FileError:
            if not self.path.exists() and not self.path.is_symlink():
                return {}
            raise
        except Refused as exc:  # not a regular file, too large
            raise self._damaged() from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise self._damaged() from exc
        if not isinstance(data, dict):
            raise self._damaged()
        return data

    def _entry(self, data: dict[str, Any], account: str) -> tuple[int, float]:
        entry = data.get(account)
        if entry is None:
            return 0, 0.0
        try:
            failures = int(entry.get("failures", 0))
            last = float(entry.get("last", 0))
        except (AttributeError, TypeError, ValueError, OverflowError) as exc:
            raise self._damaged() from exc
        if not 0 <= failures <= MAX_FAILURES or not math.isfinite(last):
            raise self._damaged()
        return failures, last

    def failures(self, account: str) -> int:
        """Consecutive failures of ``account`` since its last successful unlock."""
        return self._entry(self._read(), account)[0]

    def check(self, account: str) -> None:
        """Raise :class:`LockedOut` while ``account`` must still wait."""
        failures, last = self._entry(self._read(), account)
        wait = delay_after(failures)
        remaining = min(last, self.clock()) + wait - self.clock()
        if remaining > 0:
            seconds = int(remaining) + 1
            raise LockedOut(
                tr("Too many wrong passphrases for {name}: wait {seconds} s, then try again.").format(
                    name=account, seconds=seconds
                ),
                remaining,
            )

    def record_failure(self, account: str) -> int:
        """Count one more failure (re-read under the file lock); returns the new count."""
        with file_lock(self.lock_path):
            data = self._read()
            count = min(self._entry(data, account)[0] + 1, MAX_FAILURES)
            data[account] = {"failures": count, "last": self.clock()}
            write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode())
        return count

    def clear(self, account: str) -> int:
        """Forget ``account``'s failures after a successful unlock; returns how many there were."""
        with file_lock(self.lock_path):
            data = self._read()
            failures = self._entry(data, account)[0]
            if account not in data:
                return 0
            del data[account]
            write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode())
        return failures
