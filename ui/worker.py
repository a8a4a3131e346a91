"""One serialized worker thread for store operations (STYLE.md practice 2).

Every call into the store runs here, off the GUI thread, one after another, so
no two writes race and the window never freezes.  Results and known errors come
back as signals on the GUI thread.

Qt objects must die on the GUI thread.  Two things could make Python free one on
the worker thread: the cyclic garbage collector (it runs in whichever thread
happens to allocate) and the worker dropping the last reference to a job whose
callbacks hold widgets.  So while a worker exists, automatic collection is off
and the GUI thread collects on a timer (the recipe PyQt applications use), and
finished jobs are kept a moment on the GUI side so the worker never holds the
last reference.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, QThread, QTimer, Signal, Slot

from app.errors import HuishenError
from app.i18n import tr

GC_INTERVAL_MS = 500
RETIRE_MS = 2000


class _GuiThreadCollector(QObject):
    """Disables automatic garbage collection and collects on the GUI thread instead."""

    users = 0
    instance: _GuiThreadCollector | None = None

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(GC_INTERVAL_MS)
        self.timer.timeout.connect(self.collect)

    def collect(self) -> None:
        low, mid, high = gc.get_threshold()
        counts = gc.get_count()
        if counts[0] > low:
            generation = 2 if counts[2] > high else 1 if counts[1] > mid else 0
            gc.collect(generation)

    @classmethod
    def acquire(cls) -> None:
        if cls.users == 0:
            cls.instance = cls()
            gc.disable()
            cls.instance.timer.start()
        cls.users += 1

    @classmethod
    def release(cls) -> None:
        cls.users = max(0, cls.users - 1)
        if cls.users == 0 and cls.instance is not None:
            cls.instance.timer.stop()
            cls.instance.deleteLater()
            cls.instance = None
            gc.enable()
            gc.collect()


@dataclass(eq=False)
class _Job:
    fn: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[str], None] | None
    mutates: bool = False
    result: Any = field(default=None)


class DbWorker(QObject):
    """Runs submitted callables in order on a single background thread."""

    _submit = Signal(object)
    finished = Signal(object, object)  # job, result
    failed = Signal(object, str)  # job, message
    changed = Signal()  # something in the store changed; views refresh

    def __init__(self) -> None:
        super().__init__()
        _GuiThreadCollector.acquire()
        self._thread = QThread()
        self._thread.setObjectName("huishen-db-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.error.connect(self._on_error)
        self._jobs: set[_Job] = set()
        self._retired: list[_Job] = []
        self._retire_timer = QTimer(self)
        self._retire_timer.setSingleShot(True)
        self._retire_timer.setInterval(RETIRE_MS)
        self._retire_timer.timeout.connect(self._retired.clear)
        self._running = True
        self._thread.start()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        mutates: bool = False,
    ) -> None:
        """Run ``fn`` on the worker; call ``on_done(result)`` or ``on_error(message)`` on the GUI thread."""
        job = _Job(fn, on_done, on_error, mutates)
        self._jobs.add(job)
        self._submit.emit(job)

    def _retire(self, job: _Job) -> None:
        # Keep the job (and the widgets its callbacks hold) referenced from the GUI thread until the
        # worker has certainly let go of its own references.
        self._jobs.discard(job)
        self._retired.append(job)
        self._retire_timer.start()

    @Slot(object, object)
    def _on_done(self, job: _Job, result: Any) -> None:
        self._retire(job)
        if job.on_done is not None:
            _deliver(job.on_done, result)
        if job.mutates:
            self.changed.emit()
        self.finished.emit(job, result)

    @Slot(object, str)
    def _on_error(self, job: _Job, message: str) -> None:
        self._retire(job)
        if job.on_error is not None:
            _deliver(job.on_error, message)
        self.failed.emit(job, message)

    def drain(self, timeout_ms: int = 30_000) -> None:
        """Wait (processing events) until every submitted job has reported back, e.g. drafts saved at exit."""
        if not self._running:
            return
        timer = QElapsedTimer()
        timer.start()
        while self._jobs and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            self._thread.wait(5)

    def shutdown(self) -> None:
        """Finish the running job and stop the thread."""
        if not self._running:
            return
        self._running = False
        self._thread.quit()
        self._thread.wait()
        _GuiThreadCollector.release()


def _deliver(callback: Callable[[Any], None], value: Any) -> None:
    """Hand a result to its view; a view closed meanwhile (its C++ object gone) simply misses it."""
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise


class _Runner(QObject):
    done = Signal(object, object)
    error = Signal(object, str)

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.fn()
        except HuishenError as exc:
            self.error.emit(job, exc.message)
        except Exception as exc:  # a bug: keep the window alive, log the traceback
            from app.registry_model import RegistryBroken  # (not imported before the unlock window's paint)

            if isinstance(exc, RegistryBroken):  # the log changed under the program: a refusal, not a bug
                self.error.emit(job, exc.refusal().message)
                return
            traceback.print_exc()
            self.error.emit(job, tr("Internal error ({kind}); please report it.").format(kind=type(exc).__name__))
        else:
            self.done.emit(job, result)
