"""Archive metadata of a dossier (DA/T 22-2015 style): 立档单位, 档号, 保管期限 per matter kind, 定密责任人."""

from __future__ import annotations

from typing import Any

from app.errors import InvalidInput
from app.i18n import tr

# 保管期限 and their codes in a 档号 (DA/T 22: Y 永久, D30 定期30年, D10 定期10年).
RETENTION_CODES = {"永久": "Y", "30年": "D30", "10年": "D10"}
# A case trial is kept for good; dispositions of clues and hand-overs for 30 years; collective studies for 10.
DEFAULT_RETENTION = {
    "case_trial": "永久",
    "clue_disposal": "30年",
    "inspection_handover": "30年",
    "collective_study": "10年",
}
FALLBACK_RETENTION = "30年"
CATEGORY = "HS"  # 档案门类代码 for 会审 records


def retention_for(kind: str, chosen: str | None = None) -> str:
    """The retention period: the one chosen at export, else the matter kind's default."""
    if chosen is None or chosen == "":
        return DEFAULT_RETENTION.get(kind, FALLBACK_RETENTION)
    if chosen not in RETENTION_CODES:
        raise InvalidInput(
            tr("Unknown retention period '{value}'. Use one of: {choices}.").format(
                value=chosen, choices="、".join(RETENTION_CODES)
            )
        )
    return chosen


def archival_code(year: int, retention: str, session_id: int) -> str:
    """档号: category·year-retention code-item number, unique within the store."""
    return f"{CATEGORY}·{year}-{RETENTION_CODES[retention]}-{session_id:04d}"


def fonds_name(cert_der: bytes) -> str:
    """立档单位: the organisation named in the signing certificate (set when the CA was created)."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_der_x509_certificate(cert_der)
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        values = cert.subject.get_attributes_for_oid(oid)
        if values:
            return str(values[0].value)
    return "—"


def metadata(
    kind: str, chosen: str | None, session_id: int, year: int, cert_der: bytes, classifier: str | None
) -> dict[str, Any]:
    """What the dossier records about itself as an archive item (page count is added when laid out)."""
    retention = retention_for(kind, chosen)
    return {
        "fonds": fonds_name(cert_der),
        "archival_code": archival_code(year, retention, session_id),
        "retention": retention,
        "classification_authority": classifier,
    }
