"""The workstation fingerprint a dossier prints and ``whoami`` shows is the one the store's signed genesis entry
names: an insider with the database key who plants a newer workstation identity row (or edits the fingerprint
column of the real one) changes neither."""

from __future__ import annotations

import json

import pytest

from app import account_unlock
from app.dossier import data as dossier_data
from tests.attack_certs_support import _decided, _issue_clerk
from tests.cast import Cast, raw_db
from tests.insider import copy_row


def _genesis_workstation(cast: Cast, key: bytes) -> str:
    with raw_db(cast.directory, key) as conn:
        details = conn.execute("SELECT details FROM audit_entries WHERE seq = 1").fetchone()[0]
    return str(json.loads(details)["workstation"])


def _plant(cast: Cast, key: bytes, how: str) -> None:
    forged = "ff" * 20
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        ws_id = conn.execute("SELECT id FROM identities WHERE account_id IS NULL").fetchone()[0]
        if how == "newer row":
            copy_row(conn, "identities", ws_id, {"fingerprint": forged})
        else:
            conn.execute("UPDATE identities SET fingerprint = ? WHERE id = ?", (forged, ws_id))
        conn.commit()


@pytest.mark.parametrize("how", ["newer row", "edited column"])
def test_a_planted_workstation_identity_is_not_printed(cast: Cast, how: str) -> None:
    sid = _decided(cast)
    _issue_clerk(cast)
    key = cast("主持人").store.db_key
    genesis = _genesis_workstation(cast, key)
    assert genesis and genesis != "ff" * 20
    _plant(cast, key, how)
    with raw_db(cast.directory, key) as conn:  # the planted fingerprint is what the table now says
        newest = conn.execute(
            "SELECT fingerprint FROM identities WHERE account_id IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
    assert newest == "ff" * 20
    assert dossier_data.collect(cast("记录员"), sid)["workstation"] == genesis
    assert account_unlock.whoami(cast("记录员"))["workstation_fingerprint"] == genesis
