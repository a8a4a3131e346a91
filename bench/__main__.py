"""Benchmarks, run on demand (`make bench`): each prints a ratio against a baseline measured in the same run.

- session list: list_sessions + filling the lazy model for N sessions vs. N/10 (linear ≈ 10×).
- sealing: sealing one opinion vs. one audit append (the crypto's share of a seal).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUISHEN_INSECURE_FAST_KDF", "1")
os.environ.setdefault("HUISHEN_LANG", "en")


def _populate(directory: Path, n: int) -> None:
    """n sessions, inserted raw (creating them through the services would take minutes)."""
    from tests.cast import make_cast, raw_db

    cast = make_cast(directory)
    key = cast("主持人").store.db_key
    cast.close()
    with raw_db(directory, key) as conn:
        t0 = "2026-01-01T00:00:00.000000Z"
        chair = conn.execute("SELECT id FROM accounts WHERE name='主持人'").fetchone()[0]
        reviewers = [r for (r,) in conn.execute("SELECT id FROM accounts WHERE department_id IS NOT NULL")]
        for i in range(n):
            cur = conn.execute(
                "INSERT INTO review_sessions (ref_number, title, kind, classification, classification_term, status,"
                " rule, chair_counts, options, chair_id, created_at) VALUES (?, ?, 'clue_disposal', '秘密', '1年',"
                " 'draft', 'majority-of-expected', 1, '{\"options\": [\"A\", \"B\"]}', ?, ?)",
                (f"B-{i}", f"基准事项{i}", chair, t0),
            )
            for dept, reviewer in enumerate(reviewers[:3], start=1):
                conn.execute(
                    "INSERT INTO participants (session_id, department_id, reviewer_id) VALUES (?, ?, ?)",
                    (cur.lastrowid, dept, reviewer),
                )


def bench_session_list() -> None:
    from PySide6.QtWidgets import QApplication

    from app import accounts
    from app.sessions import views
    from tests.cast import PASS
    from ui.session_list import SessionTableModel

    QApplication.instance() or QApplication([])
    timings = {}
    for n in (1_000, 10_000):
        directory = Path(tempfile.mkdtemp()) / "store"
        _populate(directory, n)
        ctx = accounts.open_account(directory, "主持人", PASS)
        start = time.perf_counter()
        rows = views.list_sessions(ctx)
        fetched = time.perf_counter()
        model = SessionTableModel()
        model.set_rows(rows)
        shown = time.perf_counter()
        ctx.close()
        timings[n] = (fetched - start, shown - fetched)
        print(
            f"session list, {n:>6} sessions: query {fetched - start:.3f} s (worker thread), "
            f"model fill {1000 * (shown - fetched):.2f} ms (GUI thread), first page rows {model.rowCount()}"
        )
    q = timings[10_000][0] / timings[1_000][0]
    m = timings[10_000][1] / max(timings[1_000][1], 1e-9)
    print(f"ratio 10,000 / 1,000: query ×{q:.1f} (linear is ×10), GUI-thread fill ×{m:.1f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    bench_session_list()
