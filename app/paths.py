"""Where things live on disk."""

from __future__ import annotations

import os
from pathlib import Path


def default_store() -> Path:
    """$HUISHEN_STORE, else the per-user data directory (XDG): ~/.local/share/huishen/store."""
    explicit = os.environ.get("HUISHEN_STORE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "huishen" / "store"
