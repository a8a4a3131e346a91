"""dossier export/verify, cert init-ca/import/export-ca."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import Output, unlocked
from app.errors import InvalidInput
from app.fsutil import check_input_file, check_output_path, read_regular, write_atomic
from app.i18n import tr

if TYPE_CHECKING:
    from app import cert_requests, certs
    from app.cli import secrets_input
else:
    from app.lazy import lazy

    certs = lazy("app.certs")
    cert_requests = lazy("app.cert_requests")
    secrets_input = lazy("app.cli.secrets_input")

MAX_DOSSIER = 256 * 1024 * 1024
MAX_TRUST_FILE = 1024 * 1024


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from app.dossier import service

    check_output_path(Path(args.out), args.store)
    with unlocked(args) as ctx:
        result = service.export(ctx, args.id, Path(args.out), overwrite=args.force, retention=args.retention)
    out.result(
        result,
        [
            tr("Dossier written to {file} (copy {copy}); the session is archived.").format(**result),
            f"SHA-256: {result['sha256']}",
        ],
    )
    return 0


def cmd_preview(args: argparse.Namespace, out: Output) -> int:
    from app.dossier import service

    target = Path(args.out)
    check_output_path(target, args.store)
    if target.exists() and not args.force:
        raise InvalidInput(tr("{path} already exists; choose another file name.").format(path=target))
    with unlocked(args) as ctx:
        pdf = service.preview(ctx, args.id, retention=args.retention)
    write_atomic(target, pdf)
    out.result(
        {"session": args.id, "file": str(target), "bytes": len(pdf), "archived": False},
        tr("Preview written to {file} (unsigned, marked as a preview); the session is not archived.").format(
            file=target
        ),
    )
    return 0


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    from app.dossier import service

    pems = [read_regular(Path(path), MAX_TRUST_FILE, tr("The certificate file")) for path in args.trust or []]
    check_input_file(Path(args.file), MAX_DOSSIER, tr("The dossier"))
    crls = [read_regular(Path(path), MAX_TRUST_FILE, tr("The revocation list file")) for path in args.crl or []]
    at = _moment(args.at) if args.at else None
    if (args.user or os.environ.get("HUISHEN_USER")) and not args.no_store:
        with unlocked(args) as ctx:
            report = service.verify(Path(args.file), pems, ctx, at=at, crl_files=crls)
    else:
        report = service.verify(Path(args.file), pems, at=at, crl_files=crls)
    lines = [f"ok: {c}" for c in report.checks]
    lines += [tr("note: {text}").format(text=n) for n in report.notices]
    if report.maintenance:
        lines.append(report.maintenance)
    lines.append(tr("VERIFIED") if report.ok else tr("FAILED: {reason}").format(reason=report.failure))
    out.result(report.to_json(), lines)
    return 0 if report.ok else 1


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(tr("--at takes a date and time such as 2056-11-30T12:00:00+08:00.")) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cmd_refresh(args: argparse.Namespace, out: Output) -> int:
    from app.dossier import service

    with unlocked(args) as ctx:
        target = Path(args.out) if args.out else None
        check_output_path(target or Path(args.file), args.store)
        result = service.refresh(ctx, Path(args.file), target)
    out.result(result, tr("Archive timestamp added to {file}.").format(**result))
    return 0


def cmd_init_tsa(args: argparse.Namespace, out: Output) -> int:
    """Older command: timestamping certificates now come with each clerk's ('cert issue'); renews the CRL."""
    with unlocked(args) as ctx:
        result = cert_requests.renew_crl(ctx)
    out.result(
        result,
        [
            tr("Timestamping certificates come with each clerk's signing certificate ('huishen cert issue NAME')."),
            tr("Revocation list renewed (valid until {date}).").format(date=result["next_update"][:10]),
        ],
    )
    return 0


def cmd_crl(args: argparse.Namespace, out: Output) -> int:
    target = Path(args.out) if args.out else None
    if target is not None:
        check_output_path(target, args.store)
    with unlocked(args) as ctx:
        result = cert_requests.renew_crl(ctx)
        pem = cert_requests.current_crl_pem(ctx) if target is not None else None
    lines = [tr("Revocation list renewed (valid until {date}).").format(date=result["next_update"][:10])]
    if target is not None and pem is not None:
        write_atomic(target, pem)
        result["file"] = str(target)
        lines.append(
            tr("Written to {file}: give it to verifiers ('dossier verify FILE --crl {file}').").format(file=target)
        )
    out.result(result, lines)
    return 0


def cmd_request(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        result = cert_requests.request(ctx)
    out.result(
        result,
        [
            tr("Signing and timestamping keys made and sealed to your identity; the request is signed."),
            tr("The security officer now runs 'huishen cert issue {name}'.").format(name=result["account"]),
        ],
    )
    return 0


def cmd_issue(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        result = cert_requests.issue(ctx, args.name)
    out.result(
        result,
        [
            tr("Signing and timestamping certificates issued to {name}.").format(name=result["account"]),
            tr("Signing certificate: {v}").format(v=result["signing_fingerprint"]),
        ],
    )
    return 0


def cmd_pending(args: argparse.Namespace, out: Output) -> int:
    with unlocked(args) as ctx:
        rows = cert_requests.pending(ctx)
    lines = [tr("{name}: request {digest}").format(name=r["account"], digest=r["request"][:16]) for r in rows]
    out.result({"pending": rows}, lines or [tr("No certificate request awaits you.")])
    return 0


def cmd_install_font(args: argparse.Namespace, out: Output) -> int:
    from app.dossier import fonts

    with unlocked(args) as ctx:
        result = fonts.install(ctx, args.role, Path(args.file), args.index)
    out.result(result, tr("Font {name} installed for {role}.").format(**result))
    return 0


def cmd_init_ca(args: argparse.Namespace, out: Output) -> int:
    if not 1 <= args.years <= 50:
        raise InvalidInput(tr("--years must be 1 to 50."))
    with unlocked(args) as ctx:
        result = certs.init_ca(ctx, args.org, args.years)
    out.result(
        result,
        [
            tr("Local certificate authority created; its key opens only with your passphrase."),
            tr("CA fingerprint: {v}").format(v=result["ca_fingerprint"]),
            tr("Each clerk runs 'huishen cert request'; you then run 'huishen cert issue NAME'."),
        ],
    )
    return 0


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    data = read_regular(Path(args.file), MAX_TRUST_FILE, tr("The certificate file"))
    passphrase = secrets_input.new_passphrase(args.p12_passphrase_file) if args.p12_passphrase_file else ""
    with unlocked(args) as ctx:
        result = certs.import_p12(ctx, data, passphrase, args.clerk)
    out.result(result, tr("Imported signing certificate {v}.").format(v=result["signing_subject"]))
    return 0


def cmd_export_ca(args: argparse.Namespace, out: Output) -> int:
    check_output_path(Path(args.out), args.store)
    with unlocked(args) as ctx:
        pem = certs.export_ca_pem(ctx)
    write_atomic(Path(args.out), pem.encode())
    out.result({"file": args.out}, tr("CA certificate written to {path}.").format(path=args.out))
    return 0


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    d = sub.add_parser("dossier", parents=[parent], help=tr("the signed PDF dossier"))
    dsub = d.add_subparsers(dest="dossier_command", required=True)
    p = dsub.add_parser("export", parents=[parent], help=tr("export and archive a decided session (clerk)"))
    p.add_argument("id", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help=tr("replace an existing file"))
    p.add_argument("--retention", help=tr("retention period: 永久, 30年 or 10年 (default: by matter kind)"))
    p.set_defaults(func=cmd_export)
    p = dsub.add_parser("preview", parents=[parent], help=tr("write an unsigned preview; archives nothing (clerk)"))
    p.add_argument("id", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help=tr("replace an existing file"))
    p.add_argument("--retention", help=tr("retention period: 永久, 30年 or 10年 (default: by matter kind)"))
    p.set_defaults(func=cmd_preview)
    p = dsub.add_parser("verify", parents=[parent], help=tr("verify a dossier's signature and fingerprints"))
    p.add_argument("file")
    p.add_argument("--trust", action="append", metavar="CA.pem")
    p.add_argument("--no-store", action="store_true", help=tr("check the file only, not against a store"))
    p.add_argument("--at", metavar="TIME", help=tr("verify as if the clock read TIME (ISO 8601), e.g. years ahead"))
    p.add_argument(
        "--crl",
        action="append",
        metavar="CURRENT.crl",
        help=tr("a current revocation list of the CA ('cert crl --out'): refuse a certificate it revokes"),
    )
    p.set_defaults(func=cmd_verify)
    p = dsub.add_parser("refresh", parents=[parent], help=tr("add an archive timestamp to a dossier (maintenance)"))
    p.add_argument("file")
    p.add_argument("--out", help=tr("write the refreshed dossier here instead of over the file"))
    p.set_defaults(func=cmd_refresh)
    c = sub.add_parser("cert", parents=[parent], help=tr("certificates for signing dossiers (security officer)"))
    csub = c.add_subparsers(dest="cert_command", required=True)
    p = csub.add_parser("init-ca", parents=[parent], help=tr("create a local CA (security officer)"))
    p.add_argument("--org", required=True)
    p.add_argument("--years", type=int, default=10)
    p.set_defaults(func=cmd_init_ca)
    p = csub.add_parser("init-tsa", parents=[parent], help=tr("renew the revocation list (older name of 'cert crl')"))
    p.set_defaults(func=cmd_init_tsa)
    p = csub.add_parser("crl", parents=[parent], help=tr("issue a fresh revocation list (security officer)"))
    p.add_argument("--out", help=tr("also write the new revocation list (PEM) to this file, for verifiers"))
    p.set_defaults(func=cmd_crl)
    p = csub.add_parser("request", parents=[parent], help=tr("make your signing keys and request certificates (clerk)"))
    p.set_defaults(func=cmd_request)
    p = csub.add_parser("issue", parents=[parent], help=tr("issue a clerk's requested certificates (security officer)"))
    p.add_argument("name")
    p.set_defaults(func=cmd_issue)
    p = csub.add_parser("pending", parents=[parent], help=tr("clerks whose certificate request awaits you"))
    p.set_defaults(func=cmd_pending)
    p = csub.add_parser("install-font", parents=[parent], help=tr("install a licensed TrueType face for the dossier"))
    p.add_argument("role", choices=["body", "title", "heading1", "heading2"])
    p.add_argument("file")
    p.add_argument("--index", type=int, default=0, help=tr("face number inside a .ttc collection"))
    p.set_defaults(func=cmd_install_font)
    p = csub.add_parser("import", parents=[parent], help=tr("import a signing certificate (PKCS#12)"))
    p.add_argument("file")
    p.add_argument("--p12-passphrase-file")
    p.add_argument("--for", dest="clerk", metavar="NAME", help=tr("the clerk whose certificate it is"))
    p.set_defaults(func=cmd_import)
    p = csub.add_parser("export-ca", parents=[parent], help=tr("write the CA certificate (PEM)"))
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export_ca)
