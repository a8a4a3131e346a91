"""Long-term validity, offline (PAdES B-LT / B-LTA): a local timestamping authority (RFC 3161) whose certificate
the local CA issues, a CRL from the local CA embedded with the CA certificate, and document timestamps that
``dossier refresh`` adds as archive maintenance. Imported lazily with pyHanko.

Each clerk has a timestamping certificate of their own (issued with their signing certificate, the key sealed
to the clerk's identity), so a timestamp vouches for a time as far as that clerk is trusted — no more than the
signature itself. An organisation TSA or trust root can replace the local one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509

from app import cert_requests, certs
from app.context import AccountContext
from app.errors import InvalidInput, Refused
from app.i18n import tr
from app.permissions import Operation
from models.base import utcnow

TSA = "tsa"
CRL_DAYS = 30  # a CRL is issued at each export; it speaks for the moment of signing, which is what is checked


@dataclass(frozen=True)
class LongTermMaterial:
    """What B-LT/B-LTA signing needs beyond the signing certificate: the TSA and a fresh CRL (DER)."""

    tsa_cert_der: bytes
    tsa_key_der: bytes
    ca_der: bytes
    crl_der: bytes


def material(ctx: AccountContext) -> LongTermMaterial | None:
    """This clerk's own timestamping certificate and key, its CA and that CA's current revocation list; None when
    no timestamping certificate was issued to this account (the dossier is then signed B-B)."""
    with ctx.store.transaction() as db:
        certs.fresh_registry(db, ctx)
        row = certs.own_certificate(db, ctx, certs.TSA)
        if row is None:
            return None
        cert = x509.load_der_x509_certificate(row.cert_der)
        ca_der = next(
            (
                d
                for d in certs.trust_roots_der(db, ctx.registry)
                if x509.load_der_x509_certificate(d).subject == cert.issuer
            ),
            None,
        )
        crl = cert_requests.current_crl(db, ca_der) if ca_der is not None else None
    if ca_der is None:
        raise Refused(tr("The CA that issued your timestamping certificate is not in the signed log."))
    if crl is None:
        raise Refused(
            tr("The revocation list has expired: the security officer runs 'huishen cert crl' to issue a new one.")
        )
    key = certs._open_key(ctx, row.wrapped_key, certs.TSA, cert.public_key())
    return LongTermMaterial(row.cert_der, key, ca_der, crl)


def timestamper(lt: LongTermMaterial) -> Any:
    """An RFC 3161 timestamping authority run in-process with the workstation's TSA key.

    pyHanko's DummyTimeStamper is exactly that — a TimeStamper that issues tokens itself with a given
    certificate and key (documented as a testing aid because it has no network service around it); the key
    and certificate here are the security officer's TSA, not test material."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from app.dossier.loaded_keys import TimeStamper

    return TimeStamper(
        tsa_cert=asn1_x509.Certificate.load(lt.tsa_cert_der),
        tsa_key=keys.PrivateKeyInfo.load(lt.tsa_key_der),
        certs_to_embed=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [asn1_x509.Certificate.load(lt.ca_der)]
        ),
    )


def validation_context(lt: LongTermMaterial, signing_chain: list[bytes]) -> Any:
    """What is embedded for B-LT: the CA, the TSA certificate, the CRL; nothing fetched."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(lt.ca_der)],
        other_certs=[asn1_x509.Certificate.load(d) for d in [lt.tsa_cert_der, *signing_chain]],
        crls=[asn1_crl.CertificateList.load(lt.crl_der)],
        allow_fetching=False,
        revocation_mode="hard-fail",
    )


def refresh(ctx: AccountContext, data: bytes) -> bytes:
    """Archive maintenance: a new document timestamp (and fresh revocation data) over the whole dossier, to be
    added before the last timestamp's certificate or its algorithms expire. The content is not touched."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers

    ctx.require(Operation.DOSSIER_EXPORT)
    lt = material(ctx)
    if lt is None:
        raise Refused(
            tr(
                "You have no timestamping certificate: run 'huishen cert request', then the security officer runs "
                "'huishen cert issue {name}'."
            ).format(name=ctx.name)
        )
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        if not reader.embedded_regular_signatures:
            raise InvalidInput(tr("The file is not a signed dossier."))
        writer = IncrementalPdfFileWriter(BytesIO(data))
    except InvalidInput:
        raise
    except Exception as exc:
        raise InvalidInput(
            tr("The file is not a readable signed PDF ({kind}).").format(kind=type(exc).__name__)
        ) from exc
    out = BytesIO()
    signers.PdfTimeStamper(timestamper(lt)).timestamp_pdf(
        writer, "sha256", validation_context=validation_context(lt, []), output=out
    )
    return out.getvalue()


def when(data_at: datetime | None) -> datetime:
    """The verifying clock: the given moment (to look ahead in tests and drills) or now."""
    return data_at or utcnow()
