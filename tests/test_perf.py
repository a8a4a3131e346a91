"""Issue 16: the faster paths give the same answers as the slow ones they replace."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app import deadlines, migrate, policy
from app.lazy import lazy
from app.sessions import lifecycle, views
from app.sessions.common import round_state
from app.tally import near_duplicates, similarity
from models import Envelope, Participant, ReviewSession, Round
from models.base import MALFORMED_TIME, UTCDateTime, utcnow
from tests.cast import Cast, raw_db, reasoning

ROOT = Path(__file__).resolve().parent.parent


def _reference_list(cast: Cast, name: str) -> list[dict[str, Any]]:
    """The session list as it was computed before issue 16 (ORM objects, their children, grouped counts)."""
    ctx = cast(name)
    with ctx.store.transaction() as db:
        sessions = [s for s in db.scalars(views._visible(ctx).order_by(ReviewSession.id)) if views._may_see(ctx, s)]
        warning_days = policy.load(db).deadline_warning_days
        ids = [s.id for s in sessions]
        latest = dict(
            db.execute(
                select(Round.session_id, func.max(Round.id)).where(Round.session_id.in_(ids)).group_by(Round.session_id)
            ).all()
        )
        numbers = dict(db.execute(select(Round.id, Round.number).where(Round.id.in_(latest.values()))).all())
        sealed = Counter(
            dict(
                db.execute(
                    select(Envelope.round_id, func.count())
                    .where(Envelope.is_chair.is_(False))
                    .group_by(Envelope.round_id)
                ).all()
            )
        )
        # Departments out of the round as the board and the closing rule count them (a pending request is not).
        recused = Counter(
            {rid: len(round_state(db, db.get_one(Round, rid)).recused()) for rid in latest.values()}
        )
        rows = []
        now = utcnow()
        for s in sessions:
            rid = latest.get(s.id)
            rnd_no = numbers.get(rid, 0) if rid else 0
            n_sealed, n_recused = (sealed[rid], recused[rid]) if rid else (0, 0)
            expected = db.scalar(select(func.count()).where(Participant.session_id == s.id)) or 0
            flag = deadlines.state(s.status, s.deadline, warning_days, now)
            overdue = flag == deadlines.OVERDUE
            rows.append(views.summary(s, rnd_no, n_sealed, n_recused, expected, overdue, flag))
    return rows


def test_the_lean_list_returns_the_same_rows_as_before(cast: Cast) -> None:
    draft = cast.create(n=3, ref="L-draft")
    collecting = cast.open(n=4, ref="L-open", deadline=utcnow() + timedelta(days=3))
    cast.seal(collecting, "甲")
    cast.recuse(collecting, "乙")
    sealed = cast.open(n=2, ref="L-sealed")
    cast.seal(sealed, "甲")
    cast.seal(sealed, "乙")
    revealed = cast.open(n=2, ref="L-revealed")
    cast.seal(revealed, "甲")
    cast.seal(revealed, "乙")
    cast.reveal(revealed)
    policy.set_value(cast("保密员"), "min_custodians", 0)
    chair_only = cast.create(n=2, custodians=(), ref="L-chair-only")
    # overdue: a deadline in the past, written as an insider could (the list only reads it)
    late = cast.open(n=3, ref="L-late", deadline=utcnow() + timedelta(days=1))
    past = UTCDateTime().process_bind_param(utcnow() - timedelta(hours=1), None)
    with raw_db(cast.directory, cast("主持人").store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET deadline=? WHERE id=?", (past, late))
    for name in ("主持人", "记录员", "甲", "丙", "监督员"):
        lean = views.list_sessions(cast(name))
        assert lean == _reference_list(cast, name), name
    rows = {r["ref"]: r for r in views.list_sessions(cast("记录员"))}
    assert rows["L-open"]["sealed"] == 1 and rows["L-open"]["recused"] == 1 and rows["L-open"]["expected"] == 4
    assert rows["L-chair-only"]["chair_only"] and not rows["L-open"]["chair_only"]
    assert rows["L-late"]["overdue"] and not rows["L-open"]["overdue"]
    assert {draft, sealed, revealed, chair_only} <= {r["id"] for r in rows.values()}
    # filters, the overdue flag and the first page
    assert [r["ref"] for r in views.list_sessions(cast("记录员"), overdue_only=True)] == ["L-late"]
    assert [r["ref"] for r in views.list_sessions(cast("记录员"), search="revealed")] == ["L-revealed"]
    assert {r["status"] for r in views.list_sessions(cast("记录员"), status="draft")} == {"draft"}
    first = views.list_sessions(cast("记录员"), limit=2)
    assert first == views.list_sessions(cast("记录员"))[:2]
    lifecycle.withdraw(cast("主持人"), draft, "不再需要")
    assert {r["id"]: r["status"] for r in views.list_sessions(cast("记录员"))}[draft] == "withdrawn"


def test_timestamps_parse_as_strptime_did() -> None:
    column = UTCDateTime()
    for text in (
        "2026-01-01T00:00:00.000000Z",
        "2026-11-30T23:59:59.999999Z",
        "2026-1-01T00:00:00.000000Z",  # strptime reads a one-digit month: still read the same way
        "2026-13-01T00:00:00.000000Z",
        "2026-02-30T00:00:00.000000Z",
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00.000000+08:00",
        "２０２６-01-01T00:00:00.000000Z",  # full-width digits are not ours
        "garbage",
    ):
        try:
            expected = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        except ValueError:
            expected = MALFORMED_TIME
        assert column.process_result_value(text, None) == expected, text


def test_head_revision_without_alembic_agrees_with_alembic(tmp_path: Path, monkeypatch: Any) -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(scripts.get_heads()) == 1 and migrate.head_revision() == scripts.get_heads()[0]
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    # A script the fast reader cannot read (a merge revision's tuple) sends it back to Alembic.
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "x.py").write_text('revision = "x"\ndown_revision = ("a", "b")\n', "utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", tmp_path)
    migrate._revision_graph.cache_clear()
    try:
        monkeypatch.setattr(migrate, "_alembic_heads", lambda: ["from-alembic"])
        assert migrate.head_revision() == "from-alembic"
    finally:
        migrate._revision_graph.cache_clear()


def test_near_duplicates_unchanged() -> None:
    texts = {f"部门{i}": reasoning(str(i % 4), "补充" * (i % 3)) for i in range(12)}
    slow = []
    names = sorted(texts)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            score = similarity(texts[a], texts[b])
            if score >= 0.8:
                slow.append((a, b, int(score * 100)))
    assert near_duplicates(texts) == slow and slow


def test_help_imports_no_service() -> None:
    code = (
        "import sys, main\n"
        "try:\n    main.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'cryptography', 'alembic', 'reportlab', 'app.accounts') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # without the tests' fast-KDF sitecustomize
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out


def test_a_lazy_module_is_the_module() -> None:
    mod = lazy("app.tally")
    from app import tally

    assert mod.near_duplicates is tally.near_duplicates
    assert "app.tally" in repr(mod)


def test_the_unlock_window_is_painted_before_any_service_is_imported(tmp_path: Path) -> None:
    from tests.cast import make_cast

    make_cast(tmp_path / "store").close()
    code = (
        "import sys\nfrom pathlib import Path\nimport app.i18n\n"
        "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
        "from ui.application import Controller\n"
        f"window = Controller(Path({str(tmp_path / 'store')!r})).start()\n"
        "assert window.objectName() != 'setup' and window.account.count() > 0\n"
        "heavy = [m for m in ('sqlalchemy', 'cryptography', 'alembic', 'reportlab', 'app.accounts', 'ui.main_window')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, flush=True)\n"
        "import os\nos._exit(0)\n"  # the worker thread is still running: no Qt teardown
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out


def test_services_are_warmed_up_and_fallback_font_added_only_after_the_first_paint(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from tests.cast import make_cast
    from ui import application

    make_cast(tmp_path / "store").close()
    events: list[str] = []
    monkeypatch.setattr(application, "install_fallback_fonts", lambda: events.append("fallback font"))
    controller = application.Controller(tmp_path / "store")
    real_submit = controller.worker.submit

    def submit(fn: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is application._warm_up:
            events.append("warm up")
        return real_submit(fn, *args, **kwargs)

    monkeypatch.setattr(controller.worker, "submit", submit)
    try:
        window = controller.start()
        assert events == []  # shown, not yet painted: nothing competes with the first paint
        qtbot.waitUntil(lambda: events == ["warm up", "fallback font"], timeout=5000)
        assert window.isVisible()
    finally:
        controller.shutdown()
