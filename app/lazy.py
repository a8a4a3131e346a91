"""A module imported on first use: the command line's grammar and the unlock window need none of the services,
so they are loaded only when a command runs (``huishen --help`` stays close to the interpreter's start-up)."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for the module ``name``; the first attribute read imports it (later reads go to the module)."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy(name: str) -> Any:
    """``accounts = lazy("app.accounts")`` under ``if not TYPE_CHECKING`` (mypy sees the real import)."""
    return LazyModule(name)
