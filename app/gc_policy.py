"""When Python's cyclic garbage collector runs (issue 16).

A full collection walks every object the process holds: at the size of a signed-in program (the modules of Qt,
SQLAlchemy, ReportLab and pyHanko, the account's engine and caches: 300,000–400,000 objects) one costs
150–250 ms.  Building a dossier allocates enough long-lived objects (flowables, PDF objects) to trigger one
mid-way: a third of an export's time went to walking objects that were never garbage.

Two measures, both standard CPython practice:

- :func:`settle` collects once, then moves what is alive into the permanent generation (``gc.freeze``):
  imported modules, classes and functions live as long as the process, and later collections no longer walk
  them.  Called once the program has imported its services (on the worker, while the passphrase is typed);
  objects alive then that become garbage later are freed by reference counting as before (only a reference
  cycle among them would stay; the collection first means no garbage is frozen).
- :func:`held` holds automatic collection back during one bounded piece of work (a dossier).  Reference
  counting still frees everything that is not in a cycle the moment it is released; cyclic garbage made
  meanwhile (bounded by the one piece of work) is collected by the first automatic collection after it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = True
_settled = False


def settle() -> None:
    """The objects alive now (the imported program) are left out of every later collection (once per process:
    a second sign-in imports nothing new)."""
    global _settled
    with _lock:
        if _settled:
            return
        _settled = True
    gc.collect()
    gc.freeze()


@contextmanager
def held() -> Iterator[None]:
    """No automatic cyclic collection while the block runs (nested and concurrent blocks: until the last ends)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
