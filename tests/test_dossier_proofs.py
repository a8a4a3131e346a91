"""The dossier proves its text (issue 8 item 3): from the file alone, each printed opinion is checked against
its author's signed commitment. Attacks by an insider who can sign as the workstation and edit the data."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app import certs
from app.dossier import service
from app.dossier.verify import verify_pdf
from tests import two_rounds
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_rounds.make_store(tmp_path_factory.mktemp("proofs") / "store")


@pytest.fixture(scope="module")
def roots(store: Path) -> list[bytes]:
    return two_rounds.trust_roots(store)


@pytest.fixture
def forge(store: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[two_rounds.Change], bytes]]:
    """A dossier signed with the clerk's real certificate, built from data an insider altered with ``change``."""
    with two_rounds.forger(store, monkeypatch) as make:
        yield make


def _department(content: dict[str, Any], name: str = "第二监督检查室") -> dict[str, Any]:
    return next(o for o in content["opinions"] if o["department"] == name)


def test_an_honest_dossier_proves_every_opinion(forge: Any, roots: list[bytes]) -> None:
    report = verify_pdf(forge(lambda content: None), roots)
    assert report.ok, report.failure
    assert any("signed commitments" in c for c in report.checks)


def test_printed_text_changed_is_caught(forge: Any, roots: list[bytes]) -> None:
    def change(content: dict[str, Any]) -> None:
        _department(content)["opinion"]["reasoning"] = "线索不具体，建议予以了结，不再核实，相关材料存档备查即可。"

    report = verify_pdf(forge(change), roots)
    assert not report.ok and "does not print the committed text of 第二监督检查室" in (report.failure or "")


def test_text_edited_in_the_store_is_caught(forge: Any, roots: list[bytes]) -> None:
    """The revealed text rewritten in the database: printed and carried alike, but not what the author committed."""

    def change(content: dict[str, Any]) -> None:
        forged = "线索不具体，建议予以了结，不再核实，相关材料存档备查即可。"
        opinion = _department(content)
        opinion["opinion"]["reasoning"] = forged
        proof = content["proofs"][opinion["commitment"]]
        proof["document"] = copy.deepcopy(proof["document"])
        proof["document"]["opinion"]["reasoning"] = forged

    report = verify_pdf(forge(change), roots)
    assert not report.ok and "does not match its signed commitment" in (report.failure or "")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("signature", "signature on the envelope of 第二监督检查室 does not verify"),
        ("kem_public", "do not match the printed fingerprint"),
        ("header", "another session or round"),
        ("salt", "does not match its signed commitment"),
    ],
)
def test_each_part_of_the_proof_is_checked(forge: Any, roots: list[bytes], field: str, message: str) -> None:
    def change(content: dict[str, Any]) -> None:
        proof = content["proofs"][_department(content)["commitment"]]
        if field == "header":
            header = json.loads(proof["header"])
            header["round"] = header["round"] + 1
            proof["header"] = json.dumps(header)
        else:
            value = bytearray(bytes.fromhex(proof[field]))
            value[0] ^= 0x01
            proof[field] = value.hex()

    report = verify_pdf(forge(change), roots)
    assert not report.ok and message in (report.failure or ""), report.failure


def test_cli_no_store_checks_the_proofs(store: Path, tmp_path: Path) -> None:
    clerk = two_rounds.open_as(store, "孙记录")
    officer = two_rounds.open_as(store, "保密员")
    try:
        out = tmp_path / "dossier.pdf"
        service.export(clerk, two_rounds.session_id(clerk), out)
        ca = tmp_path / "ca.pem"
        ca.write_text(certs.export_ca_pem(officer), "utf-8")
    finally:
        clerk.close()
        officer.close()
    r = run_cli("--json", "dossier", "verify", str(out), "--trust", str(ca), "--no-store")
    assert r.returncode == 0, r.stdout + r.stderr
    assert any("signed commitments" in c for c in json.loads(r.stdout)["checks"])


def test_the_earlier_round_is_printed_and_proved_too(forge: Any, roots: list[bytes], tmp_path: Path) -> None:
    import subprocess

    pdf = forge(lambda content: None)
    report = verify_pdf(pdf, roots)
    assert report.ok and report.manifest is not None
    assert [r["round"] for r in report.manifest["earlier_rounds"]] == [1] and report.manifest["round"] == 2
    path = tmp_path / "two-rounds.pdf"
    path.write_bytes(pdf)
    text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "第一轮" in text and "第二轮（最终轮，据以决定）" in text and "意见分歧较大" in text

    def change(content: dict[str, Any]) -> None:
        first = next(o for o in content["earlier_rounds"][0]["opinions"] if o["department"] == "第一监督检查室")
        proof = content["proofs"][first["commitment"]]
        proof["document"] = copy.deepcopy(proof["document"])
        proof["document"]["opinion"]["reasoning"] = "第一轮的意见被改写为建议予以了结，不再核实。"
        first["opinion"]["reasoning"] = proof["document"]["opinion"]["reasoning"]

    report = verify_pdf(forge(change), roots)
    assert not report.ok and "does not match its signed commitment" in (report.failure or "")
