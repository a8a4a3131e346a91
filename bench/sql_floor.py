"""The SQL floor of one operation: the very statements it issued, with the same parameters, replayed through
raw sqlcipher3 on a copy of the store taken just before it ran (issue 16).

What the operation costs beyond this floor and its own cryptography is SQLAlchemy and our Python; the floor
itself is what SQLCipher needs to read and write those rows (each page decrypted and authenticated).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Captured = list[tuple[str, Any, bool]]  # statement, parameters, executemany


@contextmanager
def capture() -> Iterator[Captured]:
    """Every statement any engine issues inside the block, with its parameters."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: Captured = []

    def listener(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        seen.append((statement, parameters, many))

    event.listen(Engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", listener)


def snapshot(directory: Path, into: Path) -> Path:
    """A copy of the store's database (with its write-ahead log) as it is now."""
    into.mkdir(parents=True, exist_ok=True)
    for name in ("huishen.db", "huishen.db-wal"):
        if (directory / name).exists():
            shutil.copy2(directory / name, into / name)
    return into


def replay(copy: Path, key: bytes, statements: Captured) -> tuple[float, float]:
    """Seconds (wall, CPU) to run ``statements`` raw on ``copy`` (the store's pragmas, one transaction,
    committed)."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(copy / "huishen.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "secure_delete = ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchall()  # the key checked outside the timing
    t, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN")
    for statement, parameters, many in statements:
        if statement.strip().upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
            continue
        if many:
            conn.executemany(statement, parameters)
        else:
            conn.execute(statement, parameters).fetchall()
    conn.execute("COMMIT")
    took = time.perf_counter() - t, time.process_time() - cpu
    conn.close()
    return took
