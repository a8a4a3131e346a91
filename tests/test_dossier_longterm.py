"""Long-term validity offline: B-LTA with a local TSA and CRL; verification 10 and 30 years ahead (the
verifying clock frozen there) succeeds for the untouched file and fails for a changed one; refresh."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509

from app import auditlog, cert_requests, certs
from app.dossier import longterm, service
from app.errors import InvalidInput, NotPermitted
from tests import two_rounds
from tests.conftest import run_cli

YEAR = timedelta(days=365.25)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_rounds.make_store(tmp_path_factory.mktemp("longterm") / "store")


@pytest.fixture(scope="module")
def files(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """A B-B dossier exported by a clerk without a timestamping certificate, a B-LTA one with it (issued with the
    clerk's signing certificate), and the CA certificate."""
    folder = tmp_path_factory.mktemp("files")
    clerk = two_rounds.open_as(store, "孙记录")
    officer = two_rounds.open_as(store, "保密员")
    try:
        basic = folder / "basic.pdf"
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(longterm, "material", lambda ctx: None)
            service.export(clerk, two_rounds.session_id(clerk, "纪线〔2026〕6号"), basic)
        with pytest.raises(NotPermitted):
            cert_requests.renew_crl(clerk)
        lt = longterm.material(clerk)
        assert (
            lt is not None
            and "时间戳" in x509.load_der_x509_certificate(lt.tsa_cert_der).subject.rfc4514_string()
        )
        archived = folder / "lta.pdf"
        service.export(clerk, two_rounds.session_id(clerk), archived)
        ca = folder / "ca.pem"
        ca.write_text(certs.export_ca_pem(officer), "utf-8")
    finally:
        clerk.close()
        officer.close()
    yield basic, archived, ca


def _verify(path: Path, ca: Path, years: float) -> service.Report:
    return service.verify(path, [ca.read_bytes()], at=datetime.now(UTC) + years * YEAR)


@pytest.mark.parametrize("years", [0, 10, 30])
def test_lta_dossier_verifies_years_ahead(files: tuple[Path, Path, Path], years: int) -> None:
    _, archived, ca = files
    report = _verify(archived, ca, years)
    assert report.ok, report.failure
    assert any("signature timestamp valid" in c for c in report.checks)
    assert any("archive timestamp" in c for c in report.checks)
    assert report.maintenance and ("refresh" in report.maintenance)


@pytest.mark.parametrize("years", [10, 30])
@pytest.mark.parametrize("where", [0.1, 0.5, 0.95])
def test_a_changed_dossier_fails_years_ahead(
    files: tuple[Path, Path, Path], tmp_path: Path, years: int, where: float
) -> None:
    _, archived, ca = files
    data = bytearray(archived.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    assert not _verify(bad, ca, years).ok


def test_an_appended_change_after_the_archive_timestamp_fails(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _, archived, ca = files
    writer = IncrementalPdfFileWriter(BytesIO(archived.read_bytes()))
    writer.root["/Lang"] = generic.pdf_string("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(out.getvalue())
    report = _verify(appended, ca, 10)
    assert not report.ok


def test_without_a_timestamp_the_dossier_fails_once_its_certificate_expired(files: tuple[Path, Path, Path]) -> None:
    basic, _, ca = files
    assert _verify(basic, ca, 0).ok
    report = _verify(basic, ca, 10)  # the signing certificate lasts 5 years: B-B cannot outlive it
    assert not report.ok


def test_pdfsig_shows_the_signature_and_its_timestamp(files: tuple[Path, Path, Path]) -> None:
    _, archived, _ = files
    out = subprocess.run(["pdfsig", str(archived)], capture_output=True, text=True, check=False).stdout
    assert "Signature #1" in out and "Signature #2" in out
    assert "Signature is Valid" in out
    assert "Timestamp-" in out  # the document timestamp field, signed by the TSA


def test_refresh_adds_an_archive_timestamp_and_is_recorded(
    store: Path, files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    _, archived, ca = files
    target = tmp_path / "refreshed.pdf"
    clerk = two_rounds.open_as(store, "孙记录")
    try:
        result = service.refresh(clerk, archived, target)
        broken = tmp_path / "broken.pdf"
        data = bytearray(archived.read_bytes())
        data[len(data) // 3] ^= 0x01
        broken.write_bytes(bytes(data))
        with pytest.raises(InvalidInput):
            service.refresh(clerk, broken)
        assert broken.read_bytes() == bytes(data)  # not touched
        assert auditlog.verify_chain(clerk).ok  # cert.init_tsa and the refresh replay in the signed log
    finally:
        clerk.close()
    assert result["file"] == str(target)
    with target.open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        assert len(reader.embedded_timestamp_signatures) == 2
    for years in (10, 30):
        report = _verify(target, ca, years)
        assert report.ok, report.failure
        assert any("2 archive timestamp" in c for c in report.checks)


def test_cli_verify_at_a_frozen_clock_and_bad_input(files: tuple[Path, Path, Path]) -> None:
    _, archived, ca = files
    later = (datetime.now(UTC) + 30 * YEAR).isoformat()
    r = run_cli("dossier", "verify", str(archived), "--trust", str(ca), "--at", later)
    assert r.returncode == 0 and "VERIFIED" in r.stdout, r.stdout + r.stderr
    r = run_cli("dossier", "verify", str(archived), "--trust", str(ca), "--at", "next year")
    assert r.returncode == 2 and "--at" in r.stderr
