"""Test-only: lets HUISHEN_INSECURE_FAST_KDF=1 take effect in CLI subprocesses started by the tests.

tests/conftest.py puts this directory on PYTHONPATH; an installed Huishen has no
such module, so the environment variable alone never weakens a real slot.
"""

import os
import sys
from pathlib import Path

if os.environ.get("HUISHEN_INSECURE_FAST_KDF") == "1":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    try:
        from app.crypto import default as _default

        _default.allow_fast_kdf_for_tests()
    except ImportError:  # not run from the project's checkout
        pass
