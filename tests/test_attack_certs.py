"""Attacks on the certificate model (issue 8 item 4) and the dossier's signed decision, with the database key.

Each test names the attacking role. Confirmed holes are strict expected failures (the assertion states what
should hold); attacks that were refused are ordinary tests.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import cert_requests, certs
from app.errors import Refused
from app.opinion_form import OpinionForm
from app.sessions import chair
from models import Certificate
from tests.cast import Cast, raw_db

DECISION = "经会审，对该线索予以初步核实。"


def _key(cast: Cast) -> bytes:
    return cast("管理员").store.db_key


def _issue_clerk(cast: Cast) -> None:
    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")


def _decided(cast: Cast) -> int:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="谈话函询")
    cast.seal(sid, "丙")
    cast.reveal(sid)
    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, DECISION)
    return sid


def _export_altered(
    cast: Cast,
    sid: int,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    alter_content: Any = None,
    alter_manifest: Any = None,
) -> dict[str, Any]:
    """The clerk's own program, changed: the genuine export path (own certificate, own TSA, recorded in the log),
    but the pages are laid out from altered content and/or the manifest is altered before signing."""
    from app.dossier import data as dossier_data
    from app.dossier import layout

    real_render, real_manifest = layout.render, dossier_data.manifest

    def render(content: dict[str, Any]) -> bytes:
        altered = copy.deepcopy(content)
        if alter_content is not None:
            alter_content(altered)
        pdf = real_render(altered)
        # what layout adds (page count, ...) goes back; the texts the manifest carries stay genuine
        content.update({k: v for k, v in altered.items() if k not in ("opinions", "session", "earlier_rounds")})
        return pdf

    def manifest(content: dict[str, Any]) -> dict[str, Any]:
        m = real_manifest(content)
        if alter_manifest is not None:
            alter_manifest(m)
        return m

    from app.dossier import service

    with monkeypatch.context() as mp:
        mp.setattr(layout, "render", render)
        mp.setattr(dossier_data, "manifest", manifest)
        return service.export(cast("记录员"), sid, out)


def _verify_both(cast: Cast, path: Path, who: str = "审计员") -> tuple[Any, Any]:
    from app.dossier import service

    ca_pem = certs.export_ca_pem(cast(who)).encode()
    return service.verify(path, [ca_pem]), service.verify(path, [], cast(who))


def _opinion_of(content: dict[str, Any], author: str) -> dict[str, Any]:
    return next(o for o in content["opinions"] if o["author"] == author)


# --- A1: the manifest version is chosen by the signer; version 1 skips every proof ------------------------------


def test_a1_clerk_downgrades_manifest_version_and_prints_forged_text(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: a clerk. The export is made through the clerk's own program, with the clerk's genuine certificate,
    and recorded in the log; only the printed text differs from what the authors and the chair signed, and the
    manifest says version 1 ("made before proofs were carried"). README: 'text ... printed differently, fails even
    in a dossier validly signed by a clerk'."""
    _issue_clerk(cast)
    sid = _decided(cast)

    def forge(content: dict[str, Any]) -> None:
        content["session"]["decision"]["text"] = "经会审，对该线索予以了结，不再核实。"
        _opinion_of(content, "甲")["opinion"]["reasoning"] = "该线索查无实据，建议予以了结。" * 3

    def downgrade(m: dict[str, Any]) -> None:
        m["version"] = 1

    out = tmp_path / "forged.pdf"
    _export_altered(cast, sid, out, monkeypatch, forge, downgrade)
    from_file, against_store = _verify_both(cast, out)
    _, as_reader = _verify_both(cast, out, who="记录员")
    assert not from_file.ok and not against_store.ok and not as_reader.ok, (
        f"a version-1 dossier with forged text verifies: file ok={from_file.ok} {from_file.checks[-1:]}, "
        f"store (auditor) ok={against_store.ok}, store (reader) ok={as_reader.ok}"
    )


# --- A2: 'the file prints each committed text' is a substring test over the whole file --------------------------


def test_a2_genuine_dossier_verifies_with_blocks_and_tally_checked(cast: Cast, tmp_path: Path) -> None:
    """The check is not a refusal of everything: the untouched export verifies from the file and the store, and
    says what it checked of the blocks and the tally."""
    from app.dossier import service

    _issue_clerk(cast)
    sid = _decided(cast)
    out = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, out)
    from_file, against_store = _verify_both(cast, out)
    assert from_file.ok and against_store.ok, (from_file.failure, against_store.failure)
    assert any("section 四 prints each department's block exactly" in c for c in from_file.checks)
    assert any("sections 五 and 六 print exactly the tally and the dissent" in c for c in from_file.checks)


def _flip_label(content: dict[str, Any]) -> None:
    op = _opinion_of(content, "甲")["opinion"]
    op["positions"] = {k: "谈话函询" for k in op["positions"]}


def _add_sentence(content: dict[str, Any]) -> None:
    op = _opinion_of(content, "甲")["opinion"]
    op["reasoning"] = op["reasoning"] + "（补充：经再次研究，本部门改为建议谈话函询。）"


def _add_sentence_to_last(content: dict[str, Any]) -> None:
    op = _opinion_of(content, "丙")["opinion"]
    op["reasoning"] = op["reasoning"] + "本部门另建议予以了结。"


def _swap_blocks(content: dict[str, Any]) -> None:
    ops = content["opinions"]
    i, j = ops.index(_opinion_of(content, "甲")), ops.index(_opinion_of(content, "乙"))
    ops[i], ops[j] = ops[j], ops[i]


def _swap_texts(content: dict[str, Any]) -> None:
    a, b = _opinion_of(content, "甲"), _opinion_of(content, "乙")
    a["opinion"], b["opinion"] = b["opinion"], a["opinion"]


def _tally(content: dict[str, Any]) -> None:
    item = content["tally"]["items"][0]
    item["counts"] = {
        k: (v + 1 if k == "谈话函询" else v - 1 if k == "初步核实" else v) for k, v in item["counts"].items()
    }


def _chair_position(content: dict[str, Any]) -> None:
    op = _opinion_of(content, "主持人")["opinion"]
    op["reasoning"] = op["reasoning"] + "（会后补记：另有不同考虑。）"


@pytest.mark.parametrize(
    ("forge", "where"),
    [
        (_flip_label, "Section 四 does not print the block of 一室 (round 1)"),
        (_add_sentence, "Section 四 prints text after the block of 一室 (round 1) that nobody signed"),
        (_add_sentence_to_last, "Section 四 prints text after the block of 三室 (round 1)"),
        (_swap_blocks, "Section 四 does not print the block of 一室 (round 1)"),
        (_swap_texts, "Section 四 does not print the block of 一室 (round 1)"),
        (_tally, "Section 五 does not print what the signed record gives"),
        (_chair_position, "Section 七 prints text after the chair's position"),
    ],
)
def test_a2_clerk_prints_a_department_block_or_tally_other_than_signed(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forge: Any, where: str
) -> None:
    """Attacker: a clerk, with their own program and genuine certificate (the export is in the log). 甲 sealed
    初步核实; the pages print 甲 as 谈话函询 (a label printed anyway for 乙), or add a sentence to a department's
    reasoning, or swap two departments' blocks or texts, or print other counts in section 五, or extend the chair's
    position. Manifest untouched (every proof present): the file alone refuses, naming section and department."""
    _issue_clerk(cast)
    sid = _decided(cast)
    out = tmp_path / "forged.pdf"
    _export_altered(cast, sid, out, monkeypatch, forge)
    from_file, against_store = _verify_both(cast, out)
    assert not from_file.ok and not against_store.ok, (
        f"a dossier printed differently verifies: file ok={from_file.ok}, store ok={against_store.ok}"
    )
    assert from_file.failure is not None and where in from_file.failure, from_file.failure


def test_a2_clerk_relabels_a_department_in_the_manifest_too(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: a clerk who swaps 甲's and 乙's department names in pages *and* manifest: the envelope header the
    author signed names the department, so the file alone refuses."""
    _issue_clerk(cast)
    sid = _decided(cast)

    def relabel_content(content: dict[str, Any]) -> None:
        a, b = _opinion_of(content, "甲"), _opinion_of(content, "乙")
        a["opinion"], b["opinion"] = b["opinion"], a["opinion"]

    def relabel_manifest(m: dict[str, Any]) -> None:
        a = next(e for e in m["envelopes"] if e["author"] == "甲")
        b = next(e for e in m["envelopes"] if e["author"] == "乙")
        a["proof"], b["proof"] = b["proof"], a["proof"]
        a["commitment"], b["commitment"] = b["commitment"], a["commitment"]
        a["signer_fingerprint"], b["signer_fingerprint"] = b["signer_fingerprint"], a["signer_fingerprint"]

    out = tmp_path / "relabelled.pdf"
    _export_altered(cast, sid, out, monkeypatch, relabel_content, relabel_manifest)
    from_file, _ = _verify_both(cast, out)
    assert not from_file.ok
    assert from_file.failure is not None and "was sealed by 乙 of 二室" in from_file.failure, from_file.failure


def test_a2_clerk_changes_the_rule_in_the_manifest_definition(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: a clerk who changes the rule in the manifest's definition (to print another outcome): the chair's
    signed creation entry digests the definition, so the file alone no longer proves it and refuses."""
    _issue_clerk(cast)
    sid = _decided(cast)

    def rule(m: dict[str, Any]) -> None:
        m["definition"]["value"]["rule"] = "unanimity"

    out = tmp_path / "rule.pdf"
    _export_altered(cast, sid, out, monkeypatch, None, rule)
    from_file, against_store = _verify_both(cast, out)
    assert not from_file.ok and not against_store.ok
    assert from_file.failure is not None and "not proven by the chair's signature" in from_file.failure


# --- A3: the decision line: the chair's signed text only has to occur in the file -------------------------------


def test_a3_clerk_extends_the_signed_decision_line(cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _issue_clerk(cast)
    sid = _decided(cast)

    def forge(content: dict[str, Any]) -> None:
        content["session"]["decision"]["text"] = DECISION + "上述决定经复议撤销，对该线索予以了结。"

    out = tmp_path / "forged.pdf"
    _export_altered(cast, sid, out, monkeypatch, forge)
    from_file, against_store = _verify_both(cast, out)
    _, as_reader = _verify_both(cast, out, who="记录员")
    assert not from_file.ok and not against_store.ok and not as_reader.ok, (
        f"an extended decision line verifies: file ok={from_file.ok}, store ok={against_store.ok}, "
        f"reader ok={as_reader.ok}"
    )


# --- A4: a malformed row in the certificates table crashes every reader of it ----------------------------------


@pytest.mark.parametrize(
    ("kind", "cert_der", "wrapped"),
    [("ca", 12345, None), ("signing", 12345, None), ("crl", 12345, None), ("request", b"x", 7), ("signing", b"x", 7)],
)
def test_a4_any_insider_plants_a_non_blob_certificate_row(
    cast: Cast, tmp_path: Path, kind: str, cert_der: Any, wrapped: Any
) -> None:
    """Attacker: any account (here the reviewer's database key). A row whose cert_der is an integer (SQLite stores
    any type in a BLOB column) must be ignored or reported, not crash verify / export-ca / issue / export."""
    from app.dossier import service

    _issue_clerk(cast)
    sid = _decided(cast)
    real = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, real)
    cert_requests.request(cast("记录员"))  # a pending request, so that 'cert issue' has work to do
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute(
            "INSERT INTO certificates (kind, subject, cert_der, wrapped_key, active, created_at) "
            "VALUES (?, 'x', ?, ?, 1, '2026-11-30 00:00:00.000000')",
            (kind, cert_der, wrapped),
        )
    crashes = []
    for label, call in (
        ("export-ca", lambda: certs.export_ca_pem(cast("审计员"))),
        ("verify", lambda: service.verify(real, [], cast("审计员"))),
        ("signing_material", lambda: certs.signing_material(cast("记录员"))),
        ("crl", lambda: cert_requests.renew_crl(cast("保密员"))),
        ("issue", lambda: cert_requests.issue(cast("保密员"), "记录员")),
        ("export", lambda: service.export(cast("记录员"), sid, tmp_path / f"again-{kind}.pdf")),
    ):
        try:
            call()
        except (Refused,) + _product_errors():
            pass
        except Exception as exc:  # noqa: BLE001 - what the CLI would report as exit 3
            crashes.append(f"{label}: {type(exc).__name__}: {exc}")
    assert crashes == [], f"A4 ({kind}): a planted certificates row crashes: {crashes}"


def _product_errors() -> tuple[type[BaseException], ...]:
    from app import errors

    return tuple(
        v
        for v in vars(errors).values()
        if isinstance(v, type) and issubclass(v, Exception) and v.__module__ == errors.__name__
    )


# --- A5: a clerk-signed manifest with malformed fields crashes 'dossier verify' against the store --------------


@pytest.mark.parametrize("field", ["session", "audit_seq", "chain_head"])
def test_a5_clerk_signs_a_malformed_manifest_and_verify_crashes(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    from app.dossier import service

    _issue_clerk(cast)
    sid = _decided(cast)

    def malform(m: dict[str, Any]) -> None:
        m["version"] = 1  # A1: no proofs are read, so nothing from the file refuses the odd values
        if field == "session":
            m["session"] = {"id": sid}
        elif field == "audit_seq":
            m["audit"] = [{"seq": {"a": 1}, "hash": "00"}]
        else:
            m["chain_head"] = {"seq": [1, 2], "hash": "00"}

    out = tmp_path / "odd.pdf"
    _export_altered(cast, sid, out, monkeypatch, None, malform)
    try:
        report = service.verify(out, [], cast("审计员"))
    except Exception as exc:  # noqa: BLE001 - the CLI reports this as an internal error (exit 3)
        pytest.fail(f"dossier verify crashed: {type(exc).__name__}: {exc}")
    assert not report.ok


# --- A6: a disabled clerk keeps signing dossiers that verify from the file, with the old revocation list --------


def _unsigned(cast: Cast, sid: int) -> tuple[bytes, dict[str, Any]]:
    from app.dossier import data as dossier_data
    from app.dossier import layout

    content = dossier_data.collect(cast("记录员"), sid, None)
    pdf = layout.render(content)
    return pdf, dossier_data.manifest(content)


@pytest.mark.parametrize("backdate", [False, True])
def test_a6_disabled_and_revoked_clerk_signs_a_dossier_that_verifies_from_the_file(
    cast: Cast, tmp_path: Path, backdate: bool
) -> None:
    """Attacker: a clerk, after being disabled. The clerk's own keys (they open with the clerk's passphrase, as
    before being disabled: kept here as the clerk's program unwrapped them) and the CRL that was current before.

    The file alone cannot know of a later revocation (README, "A disabled clerk"): it says which list it relied on
    and that a later revocation is not ruled out; a current list exported by the security officer (--crl) refuses
    the revoked certificate, and the store refuses the file (no export by an active clerk)."""
    from datetime import timedelta

    from pyhanko.sign.timestamps import dummy_client

    from app import accounts
    from app.dossier import longterm, service, signing
    from models.base import utcnow

    _issue_clerk(cast)
    sid = _decided(cast)
    material = certs.signing_material(cast("记录员"))
    lt = longterm.material(cast("记录员"))
    assert lt is not None
    pdf, manifest = _unsigned(cast, sid)
    ca_pem = certs.export_ca_pem(cast("审计员")).encode()
    genuine = tmp_path / "genuine.pdf"
    service.export(cast("记录员"), sid, genuine)  # before the disablement, through the product

    accounts.set_disabled(cast("管理员"), "记录员", True, "调离记录员岗位，停用账户。")
    cert_requests.renew_crl(cast("保密员"))  # the revocation list now revokes the clerk's certificates
    current = cert_requests.current_crl_pem(cast("保密员"))
    assert current is not None
    cast.close()

    if backdate:  # the clerk's own TSA says the signature was made before the revocation
        real_init = dummy_client.DummyTimeStamper.__init__

        def init(self: Any, *a: Any, **kw: Any) -> None:
            kw["fixed_dt"] = utcnow() - timedelta(minutes=2)
            real_init(self, *a, **kw)

        dummy_client.DummyTimeStamper.__init__ = init  # type: ignore[method-assign]
    try:
        signed = signing.sign(pdf, manifest, material, None, lt)
    finally:
        if backdate:
            dummy_client.DummyTimeStamper.__init__ = real_init  # type: ignore[method-assign]
    out = tmp_path / "after-revocation.pdf"
    out.write_bytes(signed)
    against_store = service.verify(out, [], cast("审计员"), crl_files=[current])
    assert not against_store.ok, "held before: the store refuses (no export by an active clerk)"
    assert against_store.failure is not None and "records no export of this file by 记录员" in against_store.failure
    at = utcnow() + timedelta(days=30) if backdate else None

    # From the file alone with the embedded (old) list: it verifies, and says plainly what it relied on.
    alone = service.verify(out, [ca_pem], at=at)
    assert alone.ok, alone.failure
    assert any("revocation checked only against the list the signer embedded" in n for n in alone.notices)
    revocation = alone.to_json()["revocation"]
    assert revocation["embedded_crl_issued"] and revocation["later_revocation_ruled_out"] is False
    assert revocation["given_crl_issued"] is None

    # With the security officer's current list: refused, naming the revocation.
    with_crl = service.verify(out, [ca_pem], at=at, crl_files=[current])
    assert not with_crl.ok
    assert with_crl.failure is not None and "The signing certificate was revoked on" in with_crl.failure
    assert with_crl.to_json()["revocation"]["revoked_at"] is not None

    # The genuine dossier exported while the clerk was active: the file alone with the current list cannot tell
    # it from the forgery (the timestamp is the clerk's own) and refuses; the store accepts it, saying why.
    assert not service.verify(genuine, [ca_pem], crl_files=[current]).ok
    store = service.verify(genuine, [], cast("审计员"), crl_files=[current])
    assert store.ok, store.failure
    assert any("after the export the log records" in c for c in store.checks)
    assert store.to_json()["revocation"]["later_revocation_ruled_out"] is True


def test_a6_a_revocation_list_not_signed_by_the_ca_is_refused(cast: Cast, tmp_path: Path) -> None:
    """Attacker: anyone handing a verifier a revocation list of their own making (a fresh CA's), to hide nothing
    or to smear a clerk: it is refused, not silently used."""
    from datetime import timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from app.dossier import service
    from models.base import utcnow

    _issue_clerk(cast)
    sid = _decided(cast)
    out = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, out)
    ca_pem = certs.export_ca_pem(cast("审计员")).encode()
    ca = x509.load_pem_x509_certificate(ca_pem)
    key = ec.generate_private_key(ec.SECP256R1())
    now = utcnow()
    signer = x509.load_der_x509_certificate(certs.signing_material(cast("记录员")).cert_der)
    fake = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)  # the same name, another key
        .last_update(now)
        .next_update(now + timedelta(days=1))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(signer.serial_number).revocation_date(now).build()
        )
        .sign(key, hashes.SHA256())
    )
    report = service.verify(out, [ca_pem], crl_files=[fake.public_bytes(serialization.Encoding.PEM)])
    assert not report.ok and report.failure is not None and "not signed by the CA" in report.failure
    assert x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")])  # (name API used above)
    plain = service.verify(out, [ca_pem])
    assert plain.ok, plain.failure


# --- A7: the manifest's decision block is not tied to the stored decision ----------------------------------------


def test_a7_chair_resigns_another_decision_and_the_clerk_prints_it(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attackers: the chair (signs, with their own key, a salted commitment to another text for the same store,
    session and round: nothing in the log records it) and a clerk (prints it). decision_sha256 stays genuine."""
    from app.sessions import decision_proof

    _issue_clerk(cast)
    sid = _decided(cast)
    forged_text = "经会审，对该线索予以了结。"
    chair_ctx = cast("主持人")

    def forge_pages(content: dict[str, Any]) -> None:
        content["session"]["decision"]["text"] = forged_text

    def forge_manifest(m: dict[str, Any]) -> None:
        block = m["decision"]
        sealed = decision_proof.sealed_value(
            chair_ctx.keys.sign.private, m["store"], m["session"], block["round"], block["at"], forged_text
        )
        block.update(text=forged_text, salt=sealed["salt"], signature=sealed["signature"])

    out = tmp_path / "resigned.pdf"
    _export_altered(cast, sid, out, monkeypatch, forge_pages, forge_manifest)
    _, as_reader = _verify_both(cast, out, who="记录员")
    assert not as_reader.ok, f"a re-signed decision verifies against the store for a reader: {as_reader.checks}"


# --- A8: one cert.import entry with a non-list chain bricks the registry replay ---------------------------------


def test_a8_security_officer_signs_a_malformed_cert_import_and_every_unlock_crashes(cast: Cast) -> None:
    from app import audit

    officer = cast("保密员")
    with officer.store.transaction() as db:
        audit.append(db, officer.actor, "cert.import", "account:记录员", {"account": None, "chain_fingerprints": 5})
    cast.close()
    try:
        cast("审计员")
    except (Refused,) + _product_errors():
        pass  # refused or reported by name: fine
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"the auditor's unlock crashes: {type(exc).__name__}: {exc}")


# --- What held -------------------------------------------------------------------------------------------------


def test_h1_swapped_request_row_and_replayed_request_are_refused_by_issue(cast: Cast) -> None:
    """Attacker: any insider (here a reviewer's database key) replaces the clerk's stored certificate request with
    one for a key the attacker holds; the officer's 'cert issue' refuses. After an issue, issuing again (a replayed
    request) is refused too."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    mine = ec.generate_private_key(ec.SECP256R1())
    csr = cert_requests._csr(mine, "记录员", hashes.SHA256())
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        conn.execute("UPDATE certificates SET cert_der = ? WHERE kind = 'request' AND active = 1", (csr,))
    with pytest.raises(Refused, match="differs from the one signed"):
        cert_requests.issue(cast("保密员"), "记录员")
    cast.close()
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")
    with pytest.raises(Refused, match="no pending certificate request"):
        cert_requests.issue(cast("保密员"), "记录员")


def test_h2_officer_mints_a_certificate_with_the_ca_key_the_store_refuses_it(cast: Cast, tmp_path: Path) -> None:
    """Attacker: the security officer, who opens the CA key, mints a certificate for a key of their own (named as
    the clerk), plants it as the clerk's in the table and signs a copy of a genuine dossier's pages and manifest.
    From the file with --trust it verifies (the CA vouches; documented); against the store it is refused."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.certs import SigningMaterial
    from app.dossier import signing

    _issue_clerk(cast)
    sid = _decided(cast)
    pdf, manifest = _unsigned(cast, sid)
    officer = cast("保密员")
    mine = ec.generate_private_key(ec.SECP256R1())
    with officer.store.transaction() as db:
        ca, ca_key = cert_requests._own_ca(db, officer)
        csr = x509.load_der_x509_csr(cert_requests._csr(mine, "记录员", hashes.SHA256()))
        der = cert_requests._leaf(ca, ca_key, csr, "某市纪委监委 记录员 记录员", False)
        db.add(Certificate(kind="signing", subject="x", cert_der=der, wrapped_key=None))
    key_der = mine.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ca_der = ca.public_bytes(serialization.Encoding.DER)
    out = tmp_path / "officer.pdf"
    out.write_bytes(signing.sign(pdf, manifest, SigningMaterial(der, key_der, [ca_der])))
    from_file, against_store = _verify_both(cast, out)
    assert from_file.ok  # by design: the CA's holder can certify any key
    assert not against_store.ok and "issued to a clerk" in (against_store.failure or ""), against_store.failure


def test_h3_decision_block_of_another_session_is_refused_from_the_file(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: a clerk moves the chair's signed decision of another session (same round number, same chair) into
    this session's manifest and prints it."""
    _issue_clerk(cast)
    other = _decided(cast)
    _, other_manifest = _unsigned(cast, other)
    sid = _decided(cast)
    other_block = other_manifest["decision"]

    def forge_manifest(m: dict[str, Any]) -> None:
        m["decision"] = other_block

    out = tmp_path / "moved.pdf"
    _export_altered(cast, sid, out, monkeypatch, None, forge_manifest)
    from_file, against_store = _verify_both(cast, out)
    assert not from_file.ok and "does not verify" in (from_file.failure or ""), from_file.failure
    assert not against_store.ok


# --- A9: 'made' and 'this file' may be satisfied by two different log entries ---------------------------------


def test_a9_officer_imported_key_plus_another_clerks_refresh_verifies_against_the_store(
    cast: Cast, tmp_path: Path
) -> None:
    """Attacker: the security officer (cert import --for 记录员 with a key the officer made). Unwitting helper:
    clerk 记录员乙 runs archive maintenance ('dossier refresh') on the file the officer hands over."""
    from io import BytesIO

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app import accounts
    from app.certs import SigningMaterial
    from app.dossier import service, signing
    from tests.cast import PASS, grant

    admin = cast("管理员")
    accounts.add_account(admin, "记录员乙", ["clerk"], None, PASS)
    cast.close()
    grant(cast.directory, ["记录员乙"])
    _issue_clerk(cast)
    cert_requests.request(cast("记录员乙"))
    cert_requests.issue(cast("保密员"), "记录员乙")
    sid = _decided(cast)
    real = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, real)
    manifest = signing.read_manifest(PdfFileReader(BytesIO(real.read_bytes())))
    assert manifest is not None

    officer = cast("保密员")
    mine = ec.generate_private_key(ec.SECP256R1())
    with officer.store.transaction() as db:
        ca, ca_key = cert_requests._own_ca(db, officer)
    csr = x509.load_der_x509_csr(cert_requests._csr(mine, "记录员", hashes.SHA256()))
    der = cert_requests._leaf(ca, ca_key, csr, "某市纪委监委 记录员 记录员", False)
    p12 = pkcs12.serialize_key_and_certificates(
        b"k", mine, x509.load_der_x509_certificate(der), [ca], serialization.BestAvailableEncryption(b"pw-123")
    )
    certs.import_p12(officer, p12, "pw-123", clerk="记录员")
    key_der = mine.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The genuine pages and manifest (v3, every proof holds), reusing the real export's copy number, signed with
    # the key the officer holds for 记录员: the file verifies; only the store can tell 记录员 never exported it.
    pdf, fresh = _unsigned(cast, sid)
    fresh["copy"] = manifest["copy"]
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        signing.sign(pdf, fresh, SigningMaterial(der, key_der, [ca.public_bytes(serialization.Encoding.DER)]))
    )
    service.refresh(cast("记录员乙"), forged)
    against_store = service.verify(forged, [], cast("审计员"))
    assert not against_store.ok, f"the officer's forgery verifies against the store: {against_store.checks}"


# --- A10: the dossier's audit trail may omit entries ---------------------------------------------------------


def test_a10_clerk_omits_audit_entries_from_the_dossier(
    cast: Cast, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _issue_clerk(cast)
    sid = _decided(cast)
    dropped: list[Any] = []

    def forge(content: dict[str, Any]) -> None:
        keep = [e for e in content["audit"] if e.get("action") not in ("opinion.read", "reveal.release")]
        dropped.extend(e for e in content["audit"] if e not in keep)
        content["audit"] = keep

    out = tmp_path / "short-trail.pdf"
    _export_altered(cast, sid, out, monkeypatch, forge)
    assert dropped, "nothing was dropped: the attack did not run"
    from_file, against_store = _verify_both(cast, out)
    assert not against_store.ok, f"a dossier missing {len(dropped)} audit entries verifies: {against_store.checks}"


# --- A11: 'cert issue' certifies, as the timestamping key, whatever stored request hashes to either digest ------


def test_a11_planted_tsa_request_row_makes_issue_certify_another_key(cast: Cast) -> None:
    from cryptography import x509

    certs.init_ca(cast("保密员"), "某市纪委监委")
    requested = cert_requests.request(cast("记录员"))
    key = _key(cast)
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        der, wrapped = conn.execute(
            "SELECT cert_der, wrapped_key FROM certificates WHERE kind = 'request' AND active = 1"
        ).fetchone()
        conn.execute(
            "INSERT INTO certificates (kind, subject, cert_der, wrapped_key, active, created_at) "
            "VALUES ('tsa-request', '记录员', ?, ?, 1, '2026-11-30 00:00:00.000000')",
            (der, wrapped),
        )
    try:
        issued = cert_requests.issue(cast("保密员"), "记录员")
    except Refused:
        return  # refused: held
    officer = cast("保密员")
    with officer.store.transaction() as db:
        rows = {certs.fingerprint(r.cert_der): r.cert_der for r in db.scalars(select(Certificate))}
    tsa = x509.load_der_x509_certificate(rows[issued["tsa_fingerprint"]])
    signing = x509.load_der_x509_certificate(rows[issued["signing_fingerprint"]])
    assert tsa.public_key() != signing.public_key(), (
        f"the TSA certificate certifies the signing key; the log says tsa_request={requested['tsa_request'][:12]}…"
    )


@pytest.mark.parametrize("field", ["rule", "recused"])
def test_a2_manifest_definition_or_recusals_other_than_the_stores_are_refused_against_the_store(
    cast: Cast, tmp_path: Path, field: str
) -> None:
    """Attacker: a clerk whose manifest counts under another rule, or with a department recused that was not (from
    the file alone the recusals are what the manifest says: README). Against the store both are refused."""
    from app.dossier import service, verify

    _issue_clerk(cast)
    sid = _decided(cast)
    out = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, out)
    report = service.verify(out, [], cast("审计员"))
    assert report.ok, report.failure
    forged = copy.deepcopy(report.manifest)
    assert forged is not None
    if field == "rule":
        forged["definition"]["value"]["rule"] = "two-thirds"
    else:
        forged["recused"] = ["三室"]
    again = verify.Report(manifest=forged, signer_cert=report.signer_cert, sha256=report.sha256)
    verify.verify_against_store(cast("审计员"), again)
    expected = "differs from the store's" if field == "rule" else "recusals the dossier counts in round 1"
    assert again.failure is not None and expected in again.failure, again.failure
