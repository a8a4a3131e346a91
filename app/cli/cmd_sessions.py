"""Session commands (filled in by the core issue)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """No session commands yet."""
