"""Failed-unlock bookkeeping, kept apart from the store.

The attempts file is the only thing a failed unlock writes.  After a few
failures each further try must wait a growing delay; the count is put into
the audit log at the next successful unlock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import LockedOut
from app.fsutil import write_atomic
from app.i18n import tr

ATTEMPTS_FILE = "attempts.json"
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
        self.clock = clock

    def _read(self) -> dict[str, dict[str, float]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def failures(self, account: str) -> int:
        """Consecutive failures of ``account`` since its last successful unlock."""
        entry = self._read().get(account) or {}
        return int(entry.get("failures", 0))

    def check(self, account: str) -> None:
        """Raise :class:`LockedOut` while ``account`` must still wait."""
        entry = self._read().get(account) or {}
        wait = delay_after(int(entry.get("failures", 0)))
        remaining = float(entry.get("last", 0)) + wait - self.clock()
        if remaining > 0:
            seconds = int(remaining) + 1
            raise LockedOut(
                tr("Too many wrong passphrases for {name}: wait {seconds} s, then try again.").format(
                    name=account, seconds=seconds
                ),
                remaining,
            )

    def record_failure(self, account: str) -> int:
        """Count one more failure; returns the new count."""
        data = self._read()
        count = int((data.get(account) or {}).get("failures", 0)) + 1
        data[account] = {"failures": count, "last": self.clock()}
        write_atomic(self.path, json.dumps(data).encode())
        return count

    def clear(self, account: str) -> int:
        """Forget ``account``'s failures after a successful unlock; returns how many there were."""
        data = self._read()
        entry = data.pop(account, None)
        if entry is None:
            return 0
        write_atomic(self.path, json.dumps(data).encode())
        return int(entry.get("failures", 0))
