"""PDF/A-4f as far as it can be made and checked here. The signature is ECDSA P-256, for which pyHanko declares
PDF 2.0 (ISO 32002), so PDF/A-3 (PDF 1.7) is out of reach and PDF/A-4f (PDF 2.0, embedded files) is aimed at:
XMP metadata naming pdfaid part 4, revision 2020, conformance F and carrying title, author, subject, keywords
(the archive metadata) and dates, kept current by pyHanko at every later revision; the Info dictionary reduced
to ModDate (PDF 2.0 deprecates the rest); an sRGB output intent; the embedded manifest as an associated file
(AFRelationship /Data). No PDF/A validator (veraPDF) is available on these machines: README says what is and is
not verified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

SRGB_ID = "sRGB IEC61966-2.1"


def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def prepare(writer: Any) -> None:
    """Add the output intent and the XMP identification to a PDF about to be signed (same revision)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata import model

    three = generic.NumberObject(3)  # type: ignore[no-untyped-call]
    icc = generic.StreamObject({generic.NameObject("/N"): three}, stream_data=_srgb_profile())
    intent = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {
            generic.NameObject("/Type"): generic.NameObject("/OutputIntent"),
            generic.NameObject("/S"): generic.NameObject("/GTS_PDFA1"),
            generic.NameObject("/OutputConditionIdentifier"): generic.pdf_string(SRGB_ID),
            generic.NameObject("/Info"): generic.pdf_string(SRGB_ID),
            generic.NameObject("/DestOutputProfile"): writer.add_object(icc),
        }
    )
    writer.root["/OutputIntents"] = generic.ArrayObject([writer.add_object(intent)])
    writer.update_root()
    info_ref = writer.trailer.raw_get("/Info")
    info = info_ref.get_object()

    def text(key: str) -> str | None:
        return str(info[key]) if key in info else None

    meta = writer.document_meta
    meta.title, meta.author, meta.subject = text("/Title"), text("/Author"), text("/Subject")
    meta.creator = text("/Creator")
    meta.created = _pdf_date(text("/CreationDate"))
    pdfaid, pdf = model.NS["pdfaid"], model.NS["pdf"]
    extra = [
        (model.ExpandedName(ns=pdfaid, local_name="part"), model.XmpValue("4")),
        (model.ExpandedName(ns=pdfaid, local_name="rev"), model.XmpValue("2020")),
        (model.ExpandedName(ns=pdfaid, local_name="conformance"), model.XmpValue("F")),
    ]
    keywords = text("/Keywords")
    if keywords:  # pdf:Keywords, as the XMP PDF schema names it (pyHanko writes a lower-case variant)
        extra.append((model.ExpandedName(ns=pdf, local_name="Keywords"), model.XmpValue(keywords)))
    meta.xmp_extra = [model.XmpStructure.of(*extra)]
    # PDF 2.0 deprecates the Info dictionary but for its dates; PDF/A-4 keeps only ModDate there.
    for key in list(info.keys()):
        if key != "/ModDate":
            del info[key]
    writer.mark_update(info_ref)


def _pdf_date(value: str | None) -> datetime | None:
    """A PDF date string (D:20261130124256+00'00') as a datetime."""
    if not value:
        return None
    digits = value.removeprefix("D:")
    try:
        moment = datetime.strptime(digits[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    sign = digits[14:15]
    if sign in ("+", "-") and len(digits) >= 20:
        offset = timedelta(hours=int(digits[15:17]), minutes=int(digits[18:20]))
        return moment.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    return moment.replace(tzinfo=UTC)


def associate(writer: Any, file_spec_string: str) -> None:
    """Mark the embedded file named ``file_spec_string`` as the document's associated data (PDF/A-3 AF),
    without pyHanko's PDF 2.0 switch."""
    from pyhanko.pdf_utils import generic

    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == file_spec_string:
            ref = names.raw_get(i + 1)
            spec = ref.get_object()
            spec["/AFRelationship"] = generic.NameObject("/Data")
            writer.mark_update(ref)
            writer.root["/AF"] = generic.ArrayObject([ref])
            writer.update_root()
            return
    raise KeyError(file_spec_string)
