"""Account services: create a store, unlock, who am I, add/disable accounts, passphrases.

The services live in smaller modules along their seams; this module keeps the one name the rest of the
program imports (``from app import accounts``):

- :mod:`app.account_names`: names, passphrases and reasons checked;
- :mod:`app.account_unlock`: creating a store, unlocking, the head kept in one's slot, who am I;
- :mod:`app.account_admin`: the administrator's add, list, disable/enable, re-issue; the chair's directory;
- :mod:`app.account_passwd`: changing one's own passphrase.
"""

from __future__ import annotations

from app.account_admin import add_account, directory, list_accounts, reissue_slot, set_disabled
from app.account_names import (
    MAX_REASON,
    MIN_PASSPHRASE,
    WORKSTATION,
    check_name,
    check_passphrase,
    check_reason,
)
from app.account_passwd import change_passphrase
from app.account_unlock import init_store, open_account, remember_head, store_slots_update, whoami

__all__ = [
    "MAX_REASON",
    "MIN_PASSPHRASE",
    "WORKSTATION",
    "add_account",
    "change_passphrase",
    "check_name",
    "check_passphrase",
    "check_reason",
    "directory",
    "init_store",
    "list_accounts",
    "open_account",
    "reissue_slot",
    "remember_head",
    "set_disabled",
    "store_slots_update",
    "whoami",
]
