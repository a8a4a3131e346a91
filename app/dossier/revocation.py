"""Revocation of the dossier's signing certificate, as far as a verifier can know it (issue 8, A6).

The file carries the CA's revocation list (CRL) that the signer embedded: pyHanko validates against it at the time
the signature's timestamp proves. A clerk disabled later keeps their keys (they open with their own passphrase)
and may sign with the list that was current before, timestamped by their own timestamping key: the file alone
cannot know of a later revocation. So the verdict says which list it relied on; a current list exported by the
security officer (``cert crl --out FILE``) given with ``dossier verify --crl FILE`` refuses a certificate it
revokes, and verification against the store (whose log records the export by an active clerk) settles the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from app.errors import InvalidInput
from app.i18n import tr


@dataclass
class Revocation:
    """What the verdict relied on: the embedded list's date, the newest given one's, and a revocation found."""

    embedded: datetime | None = None
    given: datetime | None = None
    revoked: datetime | None = None

    def to_json(self, store: bool) -> dict[str, Any]:
        return {
            "embedded_crl_issued": self.embedded.isoformat() if self.embedded else None,
            "given_crl_issued": self.given.isoformat() if self.given else None,
            "revoked_at": self.revoked.isoformat() if self.revoked else None,
            "later_revocation_ruled_out": store or self.given is not None,
        }


def load(blobs: list[bytes]) -> list[x509.CertificateRevocationList]:
    """Revocation lists from files (PEM or DER); refused when a file is neither."""
    out = []
    for blob in blobs:
        try:
            out.append(
                x509.load_pem_x509_crl(blob) if blob.lstrip().startswith(b"-----") else x509.load_der_x509_crl(blob)
            )
        except ValueError as exc:
            raise InvalidInput(tr("A --crl file is not a certificate revocation list (PEM or DER).")) from exc
    return out


def _issuer(cert: x509.Certificate, roots: list[bytes]) -> x509.Certificate | None:
    for der in roots:
        root = x509.load_der_x509_certificate(der)
        try:
            cert.verify_directly_issued_by(root)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return root
    return None


def _by(crl: x509.CertificateRevocationList, ca: x509.Certificate) -> bool:
    return crl.issuer == ca.subject and crl.is_signature_valid(ca.public_key())  # type: ignore[arg-type]


def _embedded(reader: Any) -> list[x509.CertificateRevocationList]:
    try:
        streams = reader.root["/DSS"]["/CRLs"]
    except KeyError:
        return []
    out = []
    for ref in streams:
        try:
            out.append(x509.load_der_x509_crl(ref.get_object().data))
        except ValueError:
            continue
    return out


def check(
    reader: Any, signer_der: bytes, roots: list[bytes], given: list[x509.CertificateRevocationList]
) -> tuple[Revocation, str | None]:
    """The lists the verdict relies on, and the failure when a given list revokes the signing certificate."""
    cert = x509.load_der_x509_certificate(signer_der)
    ca = _issuer(cert, roots)
    result = Revocation()
    if ca is None:
        return result, None
    embedded = [c for c in _embedded(reader) if _by(c, ca)]
    if embedded:
        result.embedded = max(c.last_update_utc for c in embedded)
    for crl in given:
        if not _by(crl, ca):
            return result, tr(
                "A revocation list given with --crl is not signed by the CA that issued the signing certificate."
            )
    if not given:
        return result, None
    newest = max(given, key=lambda c: c.last_update_utc)
    result.given = newest.last_update_utc
    entry = newest.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is None:
        return result, None
    result.revoked = entry.revocation_date_utc
    return result, tr(
        "The signing certificate was revoked on {date} (UTC), by the revocation list given with --crl. The "
        "signature's timestamp is the clerk's own, so it cannot show that the dossier was signed before that; "
        "verify it against the store, whose log records each export by an active clerk."
    ).format(date=result.revoked.strftime("%Y-%m-%d %H:%M"))


def notice(result: Revocation) -> str:
    """The file-alone verdict on revocation, said plainly."""
    if result.given is not None:
        return tr("revocation checked against the revocation list issued {date} (UTC), given with --crl").format(
            date=result.given.strftime("%Y-%m-%d %H:%M")
        )
    if result.embedded is None:
        return tr(
            "the file carries no revocation list of the CA: a revocation is not known to it; verify against the "
            "store or give a current list with --crl"
        )
    return tr(
        "revocation checked only against the list the signer embedded, issued {date} (UTC): a revocation after "
        "that date is not known to the file; verify against the store or give a current list with --crl"
    ).format(date=result.embedded.strftime("%Y-%m-%d %H:%M"))
