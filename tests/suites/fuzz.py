"""Fuzz suite: hostile command-line arguments and hostile store files, in one process, each under a time limit.

    python -m tests.suites.fuzz --examples 2000

Every input must end in exit 0, 1 or 2 (never 3, never an escaping exception)
within the time limit.  Prints how many inputs ran, the exit statuses, and any
failure with its input.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.suites.common import PASS, allow_fast_kdf, demo_store

TIME_LIMIT = 30
USERS = ["管理员", "审计员", "保密员", "王主持", "赵监督", "孙记录", "周一", "吴二", "nobody", ""]


class Hang(Exception):
    """An input ran past the time limit."""


@dataclass
class Figures:
    inputs: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)

    def report(self, what: str) -> str:
        lines = [
            f"fuzz ({what}): {self.inputs} inputs; exit statuses {dict(sorted(self.statuses.items()))}; "
            f"exit 3 / crashes / hangs: {len(self.failures)}"
        ]
        return "\n".join(lines + [f"  FAIL {f}" for f in self.failures[:20]])


@contextlib.contextmanager
def _limit(seconds: int) -> Iterator[None]:
    def expire(_sig: int, _frame: Any) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_cli_in_process(argv: list[str]) -> int:
    """Parse and run one command line as main.py would (never the window); returns its exit status."""
    from app import cli

    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                args = cli.parse(argv)
            except SystemExit as exc:
                return int(exc.code or 0)
            if getattr(args, "func", None) is None:
                return 0  # the window: not fuzzed here
            return cli.run(args)
    finally:
        sys.stdin = stdin


def _command_shapes() -> list[tuple[list[str], list[str]]]:
    """Every command path of the parser with the options it takes."""
    from app import cli

    shapes: list[tuple[list[str], list[str]]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        options = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
        if not subs:
            shapes.append((path, options))
        for action in subs:
            for name, child in action.choices.items():
                walk(child, [*path, name])

    walk(cli.build_parser(), [])
    return [s for s in shapes if s[0] and s[0][0] not in ("gui", "init", "demo", "restore")]


def _tokens(specials: list[str]) -> st.SearchStrategy[str]:
    numbers = st.integers(min_value=-(2**70), max_value=2**70).map(str)
    small = st.integers(min_value=-3, max_value=12).map(str)
    raw = st.binary(min_size=1, max_size=12).map(os.fsdecode)  # invalid UTF-8 included
    text = st.text(min_size=0, max_size=40)
    numbered = st.tuples(st.sampled_from(["1", "²", "0", "99999999999999999999", "-1", "١"]), text).map(
        lambda t: f"{t[0]}={t[1]}"
    )
    dates = st.sampled_from(["0001-01-01", "9999-12-31T23:59:59", "2026-12-01T17:00+08:00", "2026-13-45", "1e309"])
    return st.one_of(numbers, small, raw, text, numbered, dates, st.sampled_from(specials))


def fuzz_arguments(store: Path, examples: int, figures: Figures, seed: int) -> None:
    shapes = _command_shapes()
    work = store.parent
    fifo = work / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    specials = [
        str(fifo),
        "/dev/zero",
        "/dev/null",
        str(work),
        str(store),
        str(store / "huishen.db"),
        str(store / "keyslots.json"),
        str(work / "missing" / "x"),
        str(work / "out.pdf"),
        "-",
        "--",
        "=",
        "",
        "秘密★-1年",
        "绝密★99999999年",
        "x" * 5000,
    ]
    option_pool = sorted({o for _p, opts in shapes for o in opts})

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        shape=st.sampled_from(shapes),
        user=st.sampled_from(USERS),
        data=st.data(),
    )
    def one(shape: tuple[list[str], list[str]], user: str, data: st.DataObject) -> None:
        path, options = shape
        token = _tokens(specials)
        extra = data.draw(
            st.lists(st.one_of(token, st.sampled_from(options or ["--json"]), st.sampled_from(option_pool)), max_size=8)
        )
        argv = ["--store", str(store), "--user", user, *path, *extra]
        figures.inputs += 1
        try:
            with _limit(TIME_LIMIT):
                status = run_cli_in_process(argv)
        except Hang:
            figures.failures.append(f"hang: {argv!r}")
            return
        except BaseException as exc:  # noqa: BLE001 - any escape is a finding
            figures.failures.append(f"{type(exc).__name__} escaped: {argv!r}")
            return
        figures.statuses[status] += 1
        if status not in (0, 1, 2):
            figures.failures.append(f"exit {status}: {argv!r}")

    random.seed(seed)
    one()


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(min_value=-(2**80), max_value=2**80), st.floats(), st.text(max_size=20)
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
        max_leaves=12,
    )


def fuzz_files(base: Path, examples: int, figures: Figures) -> None:
    """Hostile key-slot and attempts files (bytes, odd JSON, a real file with one value replaced)."""
    real = json.loads((base / "keyslots.json").read_text("utf-8"))
    work = base.parent / "files"

    def mutate(data: Any, path: list[Any], value: Any) -> Any:
        if not path or not isinstance(data, (dict, list)) or not data:
            return value
        key = list(data)[path[0] % len(data)] if isinstance(data, dict) else path[0] % len(data)
        copy = dict(data) if isinstance(data, dict) else list(data)
        copy[key] = mutate(copy[key], path[1:], value)  # type: ignore[index]
        return copy

    content = st.one_of(
        st.binary(max_size=200),
        _json_values().map(lambda v: json.dumps(v).encode()),
        st.tuples(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=5), _json_values()).map(
            lambda t: json.dumps(mutate(real, t[0], t[1]), ensure_ascii=False).encode()
        ),
    )

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(target=st.sampled_from(["keyslots.json", "attempts.json"]), body=content, user=st.sampled_from(USERS[:4]))
    def one(target: str, body: bytes, user: str) -> None:
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(base, work)
        (work / target).write_bytes(body)
        argv = ["--store", str(work), "--user", user, "whoami"]
        figures.inputs += 1
        try:
            with _limit(TIME_LIMIT):
                status = run_cli_in_process(argv)
        except Hang:
            figures.failures.append(f"hang: {target} = {body[:80]!r}")
            return
        except BaseException as exc:  # noqa: BLE001
            figures.failures.append(f"{type(exc).__name__} escaped: {target} = {body[:80]!r}")
            return
        figures.statuses[status] += 1
        if status not in (0, 1, 2):
            figures.failures.append(f"exit {status}: {target} = {body[:80]!r}")

    one()


def _fuzz_world(world: Any, cases: Any, count: int, path: Path, outcome: Any) -> None:
    from tests.exchange_fuzz import check_one

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def one(case: tuple[str, bytes]) -> None:
        try:
            with _limit(TIME_LIMIT):
                check_one(world, case[0], case[1], path, outcome)
        except Hang:
            outcome.failures.append(f"hang: {case[1][:80]!r}")

    one()


def fuzz_exchange(work: Path, examples: int, figures: Figures) -> None:
    """Every exchange-file importer (issue 10) under mutated valid files and random bytes (tests/exchange_fuzz.py):
    two thirds on cards, key batches, reveal requests and key releases, one third on session packages,
    envelopes, receipts and results (a second pair of stores), a tenth of it on recusal envelopes (a third pair)."""
    from tests import exchange_world
    from tests.exchange_fuzz import Outcome, remote_strategy, reviewer_strategy, strategy

    outcome = Outcome()
    first = exchange_world.build(work / "exchange")
    exchange_world.seal_remote(first)  # a session with a custodian at another workstation: request and release
    second = exchange_world.build(work / "exchange2")
    exchange_world.open_remote_reviewer(second)  # a session with a reviewer at another workstation
    third = exchange_world.build(work / "exchange3")
    exchange_world.open_remote_reviewer(third)  # the same, the reviewer's recusal by file not yet imported
    from tests.test_exchange_recusal_fuzz import recusal_strategy

    plans = [
        (first, st.one_of(strategy(first), remote_strategy(first)), examples - examples // 3),
        (second, reviewer_strategy(second), examples // 3 - examples // 10),
        (third, recusal_strategy(third), examples // 10),
    ]
    try:
        for world, cases, count in plans:
            if count > 0:
                _fuzz_world(world, cases, count, work / "input.hsx", outcome)
    finally:
        first.close()
        second.close()
        third.close()
    figures.inputs = outcome.inputs
    figures.failures = outcome.failures
    for reason, count in outcome.reasons.items():
        figures.statuses[0 if reason in ("imported", "already") else 2] += count
    figures.reasons = outcome.reasons


def run(examples: int, seed: int) -> tuple[Figures, Figures]:
    allow_fast_kdf()
    os.environ.update({"HUISHEN_PASSPHRASE": PASS, "HUISHEN_NEW_PASSPHRASE": PASS, "HUISHEN_LANG": "en"})
    args_figures, file_figures = Figures(), Figures()
    with tempfile.TemporaryDirectory(prefix="huishen-fuzz-") as tmp:
        store = demo_store(Path(tmp) / "store")
        pristine = Path(tmp) / "pristine"
        shutil.copytree(store, pristine)
        fuzz_arguments(store, examples, args_figures, seed)
        fuzz_files(pristine, max(10, examples // 4), file_figures)
    return args_figures, file_figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--exchange-examples", type=int, default=None, help="exchange-file inputs (default: examples)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    arguments, files = run(args.examples, args.seed)
    print(arguments.report("arguments"))
    print(files.report("store files"))
    exchange = Figures()
    with tempfile.TemporaryDirectory(prefix="huishen-fuzz-exchange-") as tmp:
        fuzz_exchange(Path(tmp), args.exchange_examples or args.examples, exchange)
    print(exchange.report("exchange files"))
    print(f"  refusal reasons: {dict(sorted(exchange.reasons.items()))}")
    print(f"fuzz: {time.monotonic() - start:.0f} s")
    return 0 if not arguments.failures and not files.failures and not exchange.failures else 1


if __name__ == "__main__":
    sys.exit(main())
