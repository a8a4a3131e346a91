"""The dossier proves its decision line (issue 8 item 4): the chair signs a salted commitment to the decision
text inside its ciphertext; the manifest carries text, salt and signature, and `dossier verify` checks them from
the file alone. Attacks by an insider who signs a dossier built from data they altered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.crypto import provider
from app.dossier import service
from app.dossier.verify import verify_pdf
from app.sessions import decision_proof
from tests import two_rounds

AUDITOR = "审计员"
FORGED = "经会审，该线索予以了结，不再核实，相关材料存档备查。"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_rounds.make_store(tmp_path_factory.mktemp("decision") / "store")


@pytest.fixture(scope="module")
def roots(store: Path) -> list[bytes]:
    return two_rounds.trust_roots(store)


@pytest.fixture
def forge(store: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[two_rounds.Change], bytes]]:
    """A dossier signed with the clerk's real certificate, built from data an insider altered with ``change``."""
    with two_rounds.forger(store, monkeypatch) as make:
        yield make


def test_the_honest_decision_is_proved(forge: Any, roots: list[bytes]) -> None:
    report = verify_pdf(forge(lambda content: None), roots)
    assert report.ok, report.failure
    assert report.manifest is not None and report.manifest["decision"]["form"] == "salted"
    assert any("signed by the chair who stated last" in c for c in report.checks)


def test_a_reprinted_decision_line_is_refused(forge: Any, roots: list[bytes]) -> None:
    """The forger prints another decision and carries it in the manifest: the chair's signature does not cover it."""

    def change(content: dict[str, Any]) -> None:
        content["session"]["decision"]["text"] = FORGED
        content["decision_block"]["text"] = FORGED

    report = verify_pdf(forge(change), roots)
    assert not report.ok and "signature on the decision does not verify" in (report.failure or "")


def test_a_decision_printed_otherwise_than_signed_is_refused(forge: Any, roots: list[bytes]) -> None:
    def change(content: dict[str, Any]) -> None:
        content["session"]["decision"]["text"] = FORGED

    report = verify_pdf(forge(change), roots)
    assert not report.ok and "does not print the decision the chair signed" in (report.failure or "")


def test_a_dossier_without_the_signed_decision_is_refused(forge: Any, roots: list[bytes]) -> None:
    def change(content: dict[str, Any]) -> None:
        content["decision_block"] = None

    report = verify_pdf(forge(change), roots)
    assert not report.ok and "no signed decision" in (report.failure or "")


def test_a_decision_re_signed_with_another_key_is_refused_from_the_file_and_by_the_store(
    store: Path, forge: Any, roots: list[bytes], tmp_path: Path
) -> None:
    """The forger signs the forged decision with a key of their own: from the file alone it is not the key of
    the chair's position; against the store it is not a key the signed registry gives the chair."""
    from app import identity

    crypto = provider()
    keys = identity.generate()

    def change(content: dict[str, Any]) -> None:
        block = content["decision_block"]
        salt = bytes.fromhex(block["salt"])
        signed = decision_proof.text_signed_bytes(
            content["store_id"],
            content["session"]["id"],
            block["round"],
            block["at"],
            decision_proof.commitment(salt, FORGED, block.get("basis")),
        )
        block.update(
            text=FORGED,
            signature=crypto.sign(keys.sign.private, signed).hex(),
            sign_public=keys.sign.public.hex(),
            kem_public=keys.kem.public.hex(),
        )
        content["session"]["decision"]["text"] = FORGED

    pdf = forge(change)
    report = verify_pdf(pdf, roots)
    assert not report.ok and "other than the one that signed the chair's position" in (report.failure or "")
    path = tmp_path / "forged.pdf"
    path.write_bytes(pdf)
    auditor = two_rounds.open_as(store, AUDITOR)
    try:
        against = service.verify(path, [], auditor)
    finally:
        auditor.close()
    assert not against.ok and "not signed by a key the registry gives the chair" in (against.failure or ""), (
        against.failure
    )


def test_a_dossier_the_log_does_not_record_is_refused_against_the_store(
    store: Path, forge: Any, tmp_path: Path
) -> None:
    """Signed with the clerk's real certificate but never exported through the program (no `dossier.export`
    entry for this file): the store does not vouch for it."""
    path = tmp_path / "unrecorded.pdf"
    path.write_bytes(forge(lambda content: None))
    auditor = two_rounds.open_as(store, AUDITOR)
    try:
        report = service.verify(path, [], auditor)
    finally:
        auditor.close()
    assert not report.ok and "records no export of this file by 孙记录" in (report.failure or ""), report.failure
