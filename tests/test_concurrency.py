"""Parallel CLI writers against one store (account adds, passphrase changes, seals, a backup at once):
no lost update, no exit 3 (one round of the concurrency suite)."""

from __future__ import annotations

from pathlib import Path

from tests.suites.common import allow_fast_kdf, demo_store
from tests.suites.concurrency import jobs, one_round


def test_parallel_writers_lose_nothing(tmp_path: Path) -> None:
    allow_fast_kdf()
    store = demo_store(tmp_path / "demo")
    statuses, problems = one_round(store, tmp_path, "t")
    print(f"concurrency: {len(statuses)} parallel writers, exit statuses {statuses}")
    assert len(statuses) == len(jobs(tmp_path, "t")) == 10
    assert 3 not in statuses
    assert problems == []
