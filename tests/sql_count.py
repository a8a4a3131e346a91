"""The SQL statements an account's engine issues, for statement-count tests (issue 16): whitespace collapsed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event


def _listener(seen: list[str]) -> Any:
    def listen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    return listen


def record(ctx: Any) -> list[str]:
    """Every statement ``ctx``'s engine issues from now on, in order (for as long as the engine lives)."""
    seen: list[str] = []
    event.listen(ctx.store.engine, "before_cursor_execute", _listener(seen))
    return seen


@contextmanager
def statements(ctx: Any) -> Iterator[list[str]]:
    """Every statement ``ctx``'s engine issues inside the block, in order."""
    seen: list[str] = []
    listen, engine = _listener(seen), ctx.store.engine
    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listen)
