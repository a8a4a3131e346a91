"""Profiles of the seal, reveal + tally and dossier figures (issue 16): ``python -m bench.profile WHAT``.

Builds a store with ``wide_cast`` (30 departments), then runs the operation under cProfile and counts SQL
statements; prints the top of the profile sorted by cumulative time and writes it to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUISHEN_INSECURE_FAST_KDF", "1")
os.environ.setdefault("HUISHEN_LANG", "en")
sys.path.insert(0, str(ROOT))


class _Counter:
    def __init__(self) -> None:
        self.n = 0
        self.statements: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.n += 1
        self.statements.append(" ".join(statement.split())[:160])


def main() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from app import accounts
    from app.opinion_form import OpinionForm, Recusal
    from app.sessions import chair, lifecycle, opinions, reveal, views
    from app.sessions.lifecycle import SessionSpec
    from bench.common import _text
    from bench.stores import PASS, wide_cast

    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("what", choices=["seal", "reveal", "dossier"])
    parser.add_argument("--departments", type=int, default=30)
    parser.add_argument("--out")
    parser.add_argument("--board", action="store_true", help="seal: the sealer looks at the board first, as in use")
    parser.add_argument(
        "--sql-floor", action="store_true", help="with --plain: the same statements replayed raw on a copy of the store"
    )
    parser.add_argument("--plain", action="store_true", help="time once without the profiler (paired runs)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="seal --board: time N seals in this process instead of one, each rolled back instead of committed, "
        "the board shown before each (its verdict remembered); prints the medians",
    )
    parser.add_argument("--collect", action="store_true", help="dossier: only the data collection (data.collect)")
    parser.add_argument("--pdf", help="dossier: write the measured build's PDF here (to compare page text)")
    parser.add_argument("--cast", help="a folder keeping the generated accounts between runs (copied, not used)")
    args = parser.parse_args()
    n = args.departments
    directory = Path(tempfile.mkdtemp(prefix="huishen-profile-")) / "store"
    if args.cast and Path(args.cast).exists():
        shutil.copytree(args.cast, directory)
    else:
        wide_cast(directory, n + 1)
        if args.cast:
            shutil.copytree(directory, args.cast)
    ctxs: dict[str, Any] = {}

    def as_(name: str) -> Any:
        if name not in ctxs:
            ctxs[name] = accounts.open_account(directory, name, PASS)
        return ctxs[name]

    spec = SessionSpec(
        kind="clue_disposal",
        title="关于某某问题线索的处置",
        ref_number="PROFILE-1",
        classification="秘密★1年",
        departments=[f"第{i + 1:02d}室" for i in range(n)],
        chair="主持人",
        custodians=["监督员"],
        clerks=["记录员"],
    )
    sid = lifecycle.create(as_("主持人"), spec)
    lifecycle.open_session(as_("主持人"), sid)
    positions = ["初步核实", "谈话函询", "初步核实", "暂存待查"]
    last = n - 1 if args.what == "seal" else n
    for i in range(last):
        form = OpinionForm(positions={1: positions[i % 4]}, reasoning=_text(i, 800))
        opinions.seal_opinion(as_(f"审查员{i:02d}"), sid, form, Recusal(False))
    counter = _Counter()
    if args.what == "seal":
        who = as_(f"审查员{last:02d}")
        form = OpinionForm(positions={1: positions[0]}, reasoning=_text(last, 800))
        if args.board:
            views.board(who, sid)

        def run() -> None:
            opinions.seal_opinion(who, sid, form, Recusal(False))

    elif args.what == "reveal":
        reveal.release(as_("监督员"), sid)
        as_("主持人")

        def run() -> None:
            reveal.reveal(as_("主持人"), sid, {})
            views.tally(as_("主持人"), sid)

    else:
        reveal.release(as_("监督员"), sid)
        reveal.reveal(as_("主持人"), sid, {})
        chair.chair_position(as_("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=_text(99, 200)))
        chair.decide(as_("主持人"), sid, "经集体研究，决定对该问题线索予以初步核实。")
        from app.dossier import service

        clerk = as_("记录员")
        service.build(clerk, sid)  # fonts and first-use costs out of the profile

        def run() -> None:
            if args.collect:
                from app.dossier import data

                data.collect(clerk, sid)
            else:
                built = service.build(clerk, sid)
                if args.pdf:
                    Path(args.pdf).write_bytes(built[0])

    if args.repeat and args.what == "seal" and args.board:  # instead of the one-shot figures
        _repeated(run, lambda: views.board(who, sid), args.repeat)
        for c in ctxs.values():
            c.close()
        return
    if args.plain:
        from bench import sql_floor

        copy = sql_floor.snapshot(directory, directory.parent / "before") if args.sql_floor else None
        with sql_floor.capture() as statements:
            t, cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        load = os.getloadavg()[0]
        print(f"{args.what}: {wall * 1000:.1f} ms, CPU {cpu * 1000:.1f} ms (no profiler; load {load:.2f})")
        if copy is not None:
            key = next(iter(ctxs.values())).store.db_key
            runs = [
                sql_floor.replay(sql_floor.snapshot(copy, copy.parent / f"r{i}"), key, statements) for i in range(3)
            ]
            raw_wall, raw_cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            print(
                f"the same {len(statements)} statements raw (sqlcipher3, one transaction): "
                f"{raw_wall * 1000:.1f} ms, CPU {raw_cpu * 1000:.1f} ms"
            )
        for c in ctxs.values():
            c.close()
        return
    event.listen(Engine, "before_cursor_execute", counter)
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    run()
    prof.disable()
    if os.environ.get("HUISHEN_PROFILE_DUMP"):
        prof.dump_stats(os.environ["HUISHEN_PROFILE_DUMP"])
    took = time.perf_counter() - t
    event.remove(Engine, "before_cursor_execute", counter)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
    text = f"{args.what}: {took * 1000:.1f} ms under the profiler, {counter.n} SQL statements\n" + out.getvalue()
    text += "\nSQL statements, in order:\n" + "\n".join(counter.statements) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text)
        prof.dump_stats(args.out + ".prof")  # the raw profile, for pstats (callers, tottime)
    for c in ctxs.values():
        c.close()


def _repeated(run: Any, board: Any, n: int) -> None:
    """``run`` (the seal) ``n`` times after ``board``, each transaction rolled back instead of committed (the same seal
    again, no commit's fsync): one-shot times vary by ±1 ms on the shared machine, a median of many does not."""
    import statistics
    from contextlib import contextmanager

    from app import store

    real = store.Store.transaction

    @contextmanager
    def rolled_back(self: Any) -> Any:
        with self._sessions() as session:
            session.begin()
            try:
                yield session
                session.flush()
            finally:
                session.rollback()

    store.Store.transaction = rolled_back  # type: ignore[method-assign,assignment]
    walls, cpus = [], []
    try:
        for _ in range(n):
            board()
            t, cpu = time.perf_counter(), time.process_time()
            run()
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - cpu)
    finally:
        store.Store.transaction = real  # type: ignore[method-assign]
    print(
        f"seal, {n} repetitions rolled back: median {statistics.median(walls) * 1000:.2f} ms, "
        f"CPU {statistics.median(cpus) * 1000:.2f} ms (load {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
