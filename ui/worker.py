"""One serialized worker thread for store operations (STYLE.md practice 2).

Every call into the store runs here, off the GUI thread, one after another, so
no two writes race and the window never freezes.  Results and known errors come
back as signals on the GUI thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.errors import HuishenError
from app.i18n import tr


class _Job(QObject):
    def __init__(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[str], None] | None,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error


class DbWorker(QObject):
    """Runs submitted callables in order on a single background thread."""

    _submit = Signal(object)
    finished = Signal(object, object)  # job, result
    failed = Signal(object, str)  # job, message
    changed = Signal()  # something in the store changed; views refresh

    def __init__(self) -> None:
        super().__init__()
        self._thread = QThread()
        self._thread.setObjectName("huishen-db-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.error.connect(self._on_error)
        self._jobs: set[_Job] = set()
        self._thread.start()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        mutates: bool = False,
    ) -> None:
        """Run ``fn`` on the worker; call ``on_done(result)`` or ``on_error(message)`` on the GUI thread."""
        job = _Job(fn, on_done, on_error)
        job.setProperty("mutates", mutates)
        self._jobs.add(job)
        self._submit.emit(job)

    @Slot(object, object)
    def _on_done(self, job: _Job, result: Any) -> None:
        self._jobs.discard(job)
        if job.on_done is not None:
            _deliver(job.on_done, result)
        if job.property("mutates"):
            self.changed.emit()
        self.finished.emit(job, result)

    @Slot(object, str)
    def _on_error(self, job: _Job, message: str) -> None:
        self._jobs.discard(job)
        if job.on_error is not None:
            _deliver(job.on_error, message)
        self.failed.emit(job, message)

    def shutdown(self) -> None:
        """Finish the running job and stop the thread."""
        self._thread.quit()
        self._thread.wait()


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
            traceback.print_exc()
            self.error.emit(job, tr("Internal error ({kind}); please report it.").format(kind=type(exc).__name__))
        else:
            self.done.emit(job, result)
