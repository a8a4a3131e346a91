"""GUI memory and responsiveness on a large store (issue 16, item 3), each figure in a fresh process.

    python -m bench.gui_memory STORE            # the chair's main window on STORE's session list
    python -m bench.gui_memory --bare           # the floor: a bare QMainWindow

Prints one JSON line: resident set size after the whole list is in the model (``rss_mb``), the peak
(``peak_mb``), the seconds until the list was complete, and the longest time the event loop went without
turning (``longest_stall_ms``, sampled by a 10 ms timer while the list loads and the view scrolls to the end).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _memory() -> tuple[float, float]:
    """VmRSS and VmHWM of this process, in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _bare() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.show()
    for _ in range(20):
        app.processEvents()
    rss, peak = _memory()
    return {"rss_mb": rss, "peak_mb": peak}


def ctx_count(ctx: object) -> int:
    """How many sessions the account's list will hold (counted in a child process: its memory is not ours)."""
    code = (
        "import sys, bench.stores\nfrom pathlib import Path\nfrom app import accounts\n"
        "from app.sessions import views\n"
        "ctx = accounts.open_account(Path(sys.argv[1]), sys.argv[2], bench.stores.PASS)\n"
        "print(len(views.list_sessions(ctx)))"
    )
    store, name = ctx.store.directory, ctx.name  # type: ignore[attr-defined]
    out = subprocess.run([sys.executable, "-c", code, str(store), name], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def _main_window(store: Path, account: str, passphrase: str) -> dict[str, float]:
    import app.i18n  # noqa: F401, I001  (as main.py: before the rest of Qt)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    qapp = QApplication([])
    from app import accounts, i18n
    from ui.application import install_fonts
    from ui.main_window import MainWindow
    from ui.session_list import SessionListScreen
    from ui.worker import DbWorker

    i18n.install("zh_CN")
    install_fonts(qapp)
    ctx = accounts.open_account(store, account, passphrase)
    expected = ctx_count(ctx)
    worker = DbWorker()
    stall = {"last": time.perf_counter(), "worst": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        stall["worst"] = max(stall["worst"], now - stall["last"])
        stall["last"] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    t0 = time.perf_counter()
    window = MainWindow(ctx, worker)
    window.resize(1366, 768)
    window.show()
    screen = window.findChild(SessionListScreen)
    assert screen is not None
    deadline = time.monotonic() + 600
    while screen.model.total() < expected and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.001)
    loaded = time.perf_counter() - t0
    view = screen.view
    while view.model().rowCount() < expected and time.monotonic() < deadline:  # scroll to the very end
        view.scrollToBottom()
        qapp.processEvents()
    for _ in range(20):
        qapp.processEvents()
    rss, peak = _memory()
    out = {
        "rss_mb": rss,
        "peak_mb": peak,
        "rows": screen.model.total(),
        "list_complete_s": loaded,
        "longest_stall_ms": stall["worst"] * 1000,
    }
    os._exit(print(json.dumps(out)) or 0)  # the worker thread is still running: no Qt teardown


def _run(*args: str) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-m", "bench.gui_memory", *args], cwd=root, capture_output=True, text=True, timeout=900
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(out.stderr[-2000:])
    result: dict[str, float] = json.loads(lines[-1])
    return result


def bench_gui(store: Path, row: Callable[..., None]) -> None:
    """The rows of `make bench --only gui`: memory against a bare window, and how long the loop ever stalled."""
    bare = min((_run("--bare") for _ in range(3)), key=lambda r: r["rss_mb"])
    ours = min((_run(str(store)) for _ in range(3)), key=lambda r: r["rss_mb"])
    n = int(ours["rows"])
    figure = f"GUI RSS, the {n:,}-session list loaded and scrolled to its end"
    row(figure, ours["rss_mb"], bare["rss_mb"], "≤ 250 MB", "MB")
    row(f"GUI peak RSS, same ({n:,} sessions)", ours["peak_mb"], bare["peak_mb"], "–", "MB")
    row(f"GUI: the whole {n:,}-row list in the model", ours["list_complete_s"], None, "–")
    stall = ours["longest_stall_ms"] / 1000
    row(f"GUI: longest event-loop stall while it loads and scrolls ({n:,})", stall, None, "no freeze")


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import bench.stores  # noqa: F401  (the benchmark stores' settings: fast KDF, English messages)

    if sys.argv[1:] == ["--bare"]:
        print(json.dumps(_bare()))
        os._exit(0)
    store = Path(sys.argv[1])
    account = sys.argv[2] if len(sys.argv) > 2 else "主持人"
    passphrase = os.environ.get("HUISHEN_PASSPHRASE", bench.stores.PASS)
    _main_window(store, account, passphrase)


if __name__ == "__main__":
    main()
