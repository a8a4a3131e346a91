"""Four separate stores — chair, custodian, two reviewers — exchanging files only, through the command line.

As far as the exchange types reach today (issue 10): every workstation's identity card reaches every other,
each administrator registers the cards after the fingerprint is read out, the security officer authorises,
the custodian's key batch reaches the chair; the files are unreadable to anyone but their recipients, and
``audit verify`` holds on every store.  What remains for a whole session is listed in README ("Exchange files").
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cast import PASS, make_cast
from tests.conftest import run_cli_in_process as run_cli  # main.main in process

STORES = {"chair": "主持人", "custodian": "监督员", "reviewer1": "甲", "reviewer2": "乙"}


def cli(store: Path, user: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    proc = run_cli("--store", str(store), "--user", user, "--json", *args, env={"HUISHEN_PASSPHRASE": PASS})
    assert proc.returncode != 3, proc.stderr
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}


def test_identity_exchange_and_key_batch_across_four_stores(tmp_path: Path) -> None:
    stores = {}
    for key in STORES:
        make_cast(tmp_path / key).close()
        stores[key] = tmp_path / key
    media = tmp_path / "usb"
    media.mkdir()
    cards = {}
    for key, person in STORES.items():
        status, out = cli(stores[key], person, "export", "identity", "--out", str(media / f"{key}.card"))
        assert status == 0
        cards[key] = out["fingerprint"]
    # The chair's workstation and each other one register each other's card (the fingerprint read aloud by
    # its owner); each security officer authorises.
    pairs = [
        (here, there) for other in STORES if other != "chair" for here, there in (("chair", other), (other, "chair"))
    ]
    for here, there in pairs:
        fp = cards[there]
        status, out = cli(stores[here], "管理员", "import", str(media / f"{there}.card"), "--fingerprint", fp)
        assert status == 0 and out["imported"] and out["awaiting_authorisation"], out
        assert cli(stores[here], "保密员", "exchange", "authorise", fp)[0] == 0
    # The custodian's key batch reaches the chair, and only the chair.
    batch = media / "keys.hsx"
    status, out = cli(stores["custodian"], "监督员", "export", "key-batch", "--to", "主持人", "--out", str(batch))
    assert status == 0 and out["keys"] == 5
    raw = batch.read_bytes()
    assert "监督员".encode() not in raw and b"key-batch" not in raw
    for key in ("reviewer1", "reviewer2"):
        status, out = cli(stores[key], STORES[key], "import", str(batch))
        assert (status, out["reason"]) == (2, "wrong-recipient")
    status, out = cli(stores["chair"], "主持人", "import", str(batch))
    assert status == 0 and out["imported"] and out["keys"] == 5
    for key, store in stores.items():
        status, out = cli(store, "审计员", "audit", "verify")
        assert status == 0, (key, out)
