"""Embedding the manifest and signing the PDF (PAdES baseline B-B, pyHanko); imported lazily (~0.7 s)."""

from __future__ import annotations

import json
from io import BytesIO
from typing import TYPE_CHECKING, Any

from app.canonical import canonical_json
from app.certs import SigningMaterial

if TYPE_CHECKING:
    from app.dossier.longterm import LongTermMaterial

MANIFEST_NAME = "huishen-manifest.json"
FIELD_NAME = "HuishenSignature"


Slot = tuple[int, float, float, float, float]  # 0-based page, x1, y1, x2, y2 in points


def sign(
    pdf: bytes,
    manifest: dict[str, Any],
    material: SigningMaterial,
    slot: Slot | None = None,
    lt: LongTermMaterial | None = None,
) -> bytes:
    """Embed ``manifest`` and sign the whole file with the workstation's certificate; with ``slot``, the
    signature field is visible there (readers then show where the signature is). With ``lt`` (a local TSA and
    a CRL) the signature is PAdES B-LTA: a signature timestamp, the CA certificate and the CRL in the DSS,
    and a document timestamp over it all; without, B-B."""
    from asn1crypto import keys, x509
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    data = canonical_json(manifest)
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string=MANIFEST_NAME,
            file_name=MANIFEST_NAME,
            embedded_data=embed.EmbeddedFileObject.from_file_data(writer, data, mime_type="application/json"),
            description="Huishen dossier verification manifest",
        ),
    )
    from app.dossier import pdfa

    pdfa.associate(writer, MANIFEST_NAME)
    pdfa.prepare(writer)
    from app.dossier.loaded_keys import Signer

    signer = Signer(  # the key parsed once (pyHanko's SimpleSigner parses it per signature)
        signing_cert=x509.Certificate.load(material.cert_der),
        signing_key=keys.PrivateKeyInfo.load(material.key_der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [x509.Certificate.load(d) for d in material.chain_der]
        ),
    )
    long_term: dict[str, Any] = {}
    stamper = None
    if lt is not None:
        from app.dossier import longterm

        stamper = longterm.timestamper(lt)
        long_term = {
            "embed_validation_info": True,
            "use_pades_lta": True,
            "validation_context": longterm.validation_context(lt, [material.cert_der, *material.chain_der]),
        }
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="会审案卷归档 / Huishen dossier archived",
        location="Huishen workstation",
        **long_term,
    )
    out = BytesIO()
    if slot is None:
        signers.PdfSigner(
            meta, signer=signer, timestamper=stamper, new_field_spec=fields.SigFieldSpec(FIELD_NAME)
        ).sign_pdf(writer, output=out)
        return out.getvalue()
    import tempfile

    from pyhanko.stamp import StaticStampStyle

    page, x1, y1, x2, y2 = slot
    with tempfile.TemporaryDirectory() as tmp:
        appearance = f"{tmp}/appearance.pdf"
        with open(appearance, "wb") as fh:
            fh.write(_appearance(x2 - x1, y2 - y1, material.cert_der))
        style = StaticStampStyle.from_pdf_file(appearance, border_width=0)
        spec = fields.SigFieldSpec(FIELD_NAME, on_page=page, box=(round(x1), round(y1), round(x2), round(y2)))
        signers.PdfSigner(meta, signer=signer, timestamper=stamper, stamp_style=style, new_field_spec=spec).sign_pdf(
            writer, output=out
        )
    return out.getvalue()


def _appearance(width: float, height: float, cert_der: bytes) -> bytes:
    """What the visible signature field shows: a black frame saying that a digital signature is here and whose
    (drawn with the dossier's embedded font; the reader's signature panel has the verified details)."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from reportlab.pdfgen.canvas import Canvas

    from app.dossier.fonts import HEI, SONG, register

    register()
    names = x509.load_der_x509_certificate(cert_der).subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    signer = str(names[0].value) if names else ""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=SONG)
    canvas.setLineWidth(1)
    canvas.rect(1, 1, width - 2, height - 2)
    canvas.setFont(HEI, 11)
    canvas.drawString(6, height - 17, "数字签名（PAdES）")
    canvas.setFont(SONG, 8)
    canvas.drawString(6, height - 32, signer[:30])
    canvas.drawString(6, height - 45, "签名信息见阅读器签名面板")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def read_manifest(reader: Any) -> dict[str, Any] | None:
    """The embedded manifest of a dossier opened with pyHanko's reader, or None."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return None
    for i in range(0, len(names), 2):
        if str(names[i]) == MANIFEST_NAME:
            spec = names[i + 1].get_object()
            stream = spec["/EF"]["/F"].get_object()
            return dict(json.loads(stream.data.decode("utf-8")))
    return None
