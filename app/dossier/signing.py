"""Embedding the manifest and signing the PDF (PAdES baseline B-B, pyHanko); imported lazily (~0.7 s)."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

from app.canonical import canonical_json
from app.certs import SigningMaterial

MANIFEST_NAME = "huishen-manifest.json"
FIELD_NAME = "HuishenSignature"


def sign(pdf: bytes, manifest: dict[str, Any], material: SigningMaterial) -> bytes:
    """Embed ``manifest`` and sign the whole file with the workstation's certificate."""
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
    signer = signers.SimpleSigner(
        signing_cert=x509.Certificate.load(material.cert_der),
        signing_key=keys.PrivateKeyInfo.load(material.key_der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [x509.Certificate.load(d) for d in material.chain_der]
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="会审案卷归档 / Huishen dossier archived",
        location="Huishen workstation",
    )
    out = BytesIO()
    signers.PdfSigner(meta, signer=signer, new_field_spec=fields.SigFieldSpec(FIELD_NAME)).sign_pdf(writer, output=out)
    return out.getvalue()


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
