"""Findings of an insider attack review (database key + ONE account's own passphrase): reading before the reveal,
keys that leave their holder, forged dossiers, rewritten read-backs.

Each test plays the attacker: one account, its own program (which it may modify,
monkeypatched here), the database key from its own slot (``raw_db``).  Each test
asserts what the design claims — that the product refuses the attack or that
``audit verify`` reports it — and so FAILS while the finding stands.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import keyslots
from app.errors import NotPermitted, Refused
from app.sessions import holder_keys, lifecycle, naming, reveal
from models import ReviewSession
from tests.attack_support import (
    SECRET,
    db_key_of,
    decided_session,
    envelopes_of_current_round,
    open_all,
    verify_as,
)
from tests.cast import PASS, Cast, raw_db, reasoning

# --- Finding 1: the chair alone makes a session nobody else holds a key of --------------------


def _open_skipping_checks(cast: Cast, sid: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chair's own (modified) program opens the session without checking it against the log."""
    monkeypatch.setattr(lifecycle, "load", lambda db, session_id, ctx: db.get_one(ReviewSession, session_id))
    lifecycle.open_session(cast("主持人"), sid)


def test_f1_chair_makes_a_session_without_custodian_and_reads_before_reveal(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the chair.  Their own program skips create()'s min_custodians policy check and signs
    the definition (no custodians) with the chair's own key.  Nothing downstream re-checks the policy:
    the reviewer's program seals to a round whose only holder key is the chair's."""
    from app import policy

    monkeypatch.setattr(policy, "load", lambda db, reg=None: policy.Policy(min_custodians=0))  # the chair's program
    sid = cast.create(n=3, custodians=())
    _open_skipping_checks(cast, sid, monkeypatch)
    monkeypatch.undo()
    try:
        cast.seal(sid, "甲", text=reasoning("甲", SECRET))
    except Refused:
        return  # the reviewer's program refused to seal to a round only the chair can open
    chair_ctx = cast("主持人")
    keys, rows = envelopes_of_current_round(chair_ctx, sid)
    store_id = chair_ctx.store.slots.store_id
    privates = [holder_keys.release(store_id, chair_ctx.name, chair_ctx.account_key, k) for k in keys]
    opened = open_all(rows, privates)
    report = verify_as(cast)
    pytest.fail(
        f"the chair alone read {len(opened)} opinion(s) before the reveal "
        f"({SECRET in json.dumps(opened, ensure_ascii=False)=}); audit verify ok={report.ok}"
    )


def test_f1b_chair_names_itself_custodian_and_reads_before_reveal(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    """Attacker: the chair.  The chair role may issue one-time round keys (REVEAL_SHARE), and nothing
    but create() checks that a custodian is a custodian, other than the chair: the chair signs a
    definition naming itself custodian, issues its own 'custodian' keys, and holds every layer."""
    from models import Custodian

    chair_ctx = cast("主持人")
    with pytest.raises(NotPermitted):  # the chair role issues no round keys
        holder_keys.issue_batch(chair_ctx, 2)
    # Its program skips that check and signs keys.issue anyway (the registry will not accept it).
    monkeypatch.setattr(type(chair_ctx), "require", lambda self, op: None)
    holder_keys.issue_batch(chair_ctx, 2)
    real_custodian = Custodian
    # The chair's program records itself where create() put the custodian (checks already passed).
    monkeypatch.setattr(naming, "Custodian", lambda account_id: real_custodian(account_id=chair_ctx.account_id))
    try:
        sid = cast.create(n=3)
    except Refused:
        return  # the forged keys.issue entry already stops the next session from being created (clearance check)
    _open_skipping_checks(cast, sid, monkeypatch)
    monkeypatch.undo()
    cast.close()
    try:
        cast.seal(sid, "甲", text=reasoning("甲", SECRET))
    except Refused:
        return
    keys, rows = envelopes_of_current_round(chair_ctx, sid)
    store_id = chair_ctx.store.slots.store_id
    privates = [holder_keys.release(store_id, chair_ctx.name, chair_ctx.account_key, k) for k in keys]
    opened = open_all(rows, privates)
    report = verify_as(cast)
    pytest.fail(
        f"the chair alone ({len(keys)} layers, all its own) read {len(opened)} opinion(s) before the reveal; "
        f"audit verify ok={report.ok}"
    )


# --- Finding 2: the reveal hands the custodian's account key to the chair's process ----------


def test_f2_chair_keeps_the_custodians_account_key_from_one_reveal_and_reads_another_session_early(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the chair.  At the reveal of session A the custodian types their passphrase into the
    chair's program (reveal.reveal(..., {"监督员": passphrase})), which unwraps the custodian's whole
    slot: its account key unwraps every one-time round key the custodian ever issued, including the one
    already assigned to session B, still collecting.  The chair then reads B's opinions alone, before
    B is sealed, and can sign as the custodian forever (reveal.release, keys.issue)."""
    sid_a = cast.open(n=2)
    sid_b = cast.open(n=2)
    cast.seal(sid_a, "甲")
    cast.seal(sid_a, "乙")
    cast.seal(sid_b, "甲", text=reasoning("甲", SECRET))  # B is still collecting (乙 has not sealed)

    captured: dict[str, keyslots.SlotSecrets] = {}
    real_unlock = keyslots.KeySlots.unlock

    def spy(self: keyslots.KeySlots, account: str, passphrase: str) -> keyslots.SlotSecrets:
        secrets = real_unlock(self, account, passphrase)
        captured[account] = secrets
        return secrets

    custodian = cast("监督员")  # the custodian signs in on their own and releases A's key to the chair
    chair_ctx = cast("主持人")
    reveal.release(custodian, sid_a)
    monkeypatch.setattr(keyslots.KeySlots, "unlock", spy)  # the chair's own program
    reveal.reveal(chair_ctx, sid_a, {"监督员": PASS})  # a legitimate reveal of A (a passphrase offered anyway)
    monkeypatch.undo()

    chair_ctx = cast("主持人")
    stolen = {n: s for n, s in captured.items() if n != chair_ctx.name}
    if not stolen:
        return  # the custodian released in their own session: nothing of theirs reached the chair
    keys, rows = envelopes_of_current_round(chair_ctx, sid_b)
    store_id = chair_ctx.store.slots.store_id
    names = {cast("监督员").account_id: "监督员", chair_ctx.account_id: chair_ctx.name}
    privates = []
    for k in keys:
        name = names[k.holder_id]
        account_key = chair_ctx.account_key if name == chair_ctx.name else stolen[name].account_key
        privates.append(holder_keys.release(store_id, name, account_key, k))
    opened = open_all(rows, privates)
    assert not opened, (
        f"after revealing A, the chair alone read {len(opened)} opinion(s) of session B while B was still "
        f"collecting ({SECRET in json.dumps(opened, ensure_ascii=False)=})"
    )


# --- Finding 3: the dossier-signing key opens with the database key ---------------------------


def test_f3_auditor_forges_a_signed_dossier_that_verifies(cast: Cast, tmp_path: Path) -> None:
    """Attacker: the auditor (any account would do).  Before, the workstation's CA and dossier-signing keys were
    wrapped under a key derived from the database key, so every account could sign a PDF as the organisation.
    Now the CA key is sealed to the security officer and each clerk's signing key to that clerk: the auditor
    opens neither, and a dossier signed with a certificate the auditor makes (even one planted in the
    certificates table) verifies neither from the file nor against the store."""
    from io import BytesIO

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.reader import PdfFileReader
    from reportlab.pdfgen import canvas

    from app import cert_requests, certs
    from app.certs import SigningMaterial
    from app.dossier import service, signing
    from app.errors import Refused
    from models import Certificate
    from models.base import utcnow

    certs.init_ca(cast("保密员"), "某市纪委监委")
    cert_requests.request(cast("记录员"))
    cert_requests.issue(cast("保密员"), "记录员")
    sid = decided_session(cast)
    real = tmp_path / "real.pdf"
    service.export(cast("记录员"), sid, real)
    ca_pem = certs.export_ca_pem(cast("记录员")).encode()

    attacker = cast("审计员")
    with pytest.raises(Refused):
        certs.signing_material(attacker)
    # a CA and a signing certificate of the auditor's own, planted in the table as if the officer had made them
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某市纪委监委 会审本地证书机构")])
    now = utcnow()
    fake = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(99)
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = fake.public_bytes(serialization.Encoding.DER)
    with attacker.store.transaction() as db:
        db.add(Certificate(kind="ca", subject=name.rfc4514_string(), cert_der=der, wrapped_key=None))
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    material = SigningMaterial(der, key_der, [der])
    manifest = signing.read_manifest(PdfFileReader(BytesIO(real.read_bytes())))
    assert manifest is not None
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Decision: the clue is closed, no action (forged by the auditor).")
    page.showPage()
    page.save()
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(signing.sign(buffer.getvalue(), manifest, material))

    from_file = service.verify(forged, [ca_pem])
    against_store = service.verify(forged, [], cast("记录员"))
    assert not from_file.ok and not against_store.ok, (
        f"a dossier forged by the auditor verifies: from the file ok={from_file.ok}, "
        f"against the store (clerk) ok={against_store.ok} {against_store.checks}"
    )
    assert "does not chain" in (against_store.failure or ""), against_store.failure


# --- Finding 13: the administrator makes every account's key and identity, and keeps them ------


class _OwnPassphrases(Cast):
    """The cast after some accounts chose passphrases of their own."""

    changed: set[str] = set()

    def __call__(self, name: str) -> Any:
        from app import accounts

        if name not in self.ctxs:
            passphrase = _own(name) if name in self.changed else PASS
            self.ctxs[name] = accounts.open_account(self.directory, name, passphrase)
        return self.ctxs[name]


_NAMES = ("主持人", "监督员", "甲", "乙")


def _own(name: str) -> str:
    return f"own-{sorted(_NAMES).index(name)}-passphrase-no-one-knows-1984-Qz"


def test_f13_administrator_keeps_each_accounts_key_from_creation_and_reads_before_and_after_reveal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the administrator.  add_account() generates the new account's account key and identity
    in the administrator's process (and the first passphrase is the administrator's choice).  Changing
    the passphrase later rewraps the same account key; the identity is never replaced.  The
    administrator's program keeps the account keys of the chair and the custodian at creation, then
    opens both round keys (wrapped under those account keys) and reads an opinion while the session is
    still collecting; after the reveal it opens the chair's content key copy as well."""
    from app import accounts, identity
    from app.sessions import content
    from models import ContentKey
    from tests.cast import make_cast

    kept: dict[str, bytes] = {}
    real_issue = keyslots.KeySlots.issue

    def spy(self: keyslots.KeySlots, account: str, passphrase: str, secrets: keyslots.SlotSecrets) -> None:
        kept.setdefault(account, secrets.account_key)  # the account key as first issued
        real_issue(self, account, passphrase, secrets)

    real_make = keyslots.KeySlots.make

    def spy_make(
        self: keyslots.KeySlots, account: str, passphrase: str, secrets: keyslots.SlotSecrets, *a: Any, **kw: Any
    ) -> Any:
        kept.setdefault(account, secrets.account_key)
        return real_make(self, account, passphrase, secrets, *a, **kw)

    monkeypatch.setattr(keyslots.KeySlots, "issue", spy)  # the administrator's own program
    monkeypatch.setattr(keyslots.KeySlots, "make", spy_make)
    made = make_cast(tmp_path / "store")
    monkeypatch.undo()
    cast = _OwnPassphrases(made.directory)
    cast.changed = set()
    for name in ("主持人", "监督员", "甲", "乙"):  # everyone picks a passphrase of their own at once
        accounts.change_passphrase(cast(name), _own(name))
        cast.changed.add(name)
    cast.close()
    try:
        sid = cast.open(n=2)
        cast.seal(sid, "甲", text=reasoning("甲", SECRET))  # still collecting: 乙 has not sealed
        admin = cast("管理员")
        keys, rows = envelopes_of_current_round(admin, sid)
        store_id = admin.store.slots.store_id
        holder = {cast("主持人").account_id: "主持人", cast("监督员").account_id: "监督员"}
        # The first passphrase change replaced each account key the administrator's program made.
        for k in keys:
            with pytest.raises(Refused):
                holder_keys.release(store_id, holder[k.holder_id], kept[holder[k.holder_id]], k)
        cast.seal(sid, "乙")
        reveal.release(cast("监督员"), sid)
        reveal.reveal(cast("主持人"), sid, {})
        with admin.store.transaction() as db:
            for name in ("主持人", "监督员", "甲"):
                row = identity.current(db, cast(name).account_id)
                assert row.fingerprint == cast(name).fingerprint
                with pytest.raises(Exception):  # noqa: B017 — any refusal: the kept key opens nothing
                    identity.unwrap(row, kept[name])
            mine = {r.fingerprint for r in db.scalars(select(ContentKey).where(ContentKey.session_id == sid))}
            assert mine.isdisjoint({admin.fingerprint})
        assert content  # the content copies went to the new identities only
    finally:
        cast.close()


# --- Finding 14: the author's read-back trusts the row ---------------------------------------------


def test_f14_any_insider_rewrites_what_a_reviewer_reads_back_as_its_own_sealed_opinion(cast: Cast) -> None:
    """Attacker: any account with the database key.  The author copy is HPKE to the author's *public* key,
    so anyone can make one.  read_own_sealed() loads the session (problems only) but does not refuse an
    envelope row that is flagged as changed: 甲 is shown a position it never sealed, with no warning."""
    import os

    from app import sealing
    from app.crypto import provider
    from app.sessions import opinions

    sid = cast.open(n=3)
    cast.seal(sid, "甲", position="初步核实")
    victim = cast("甲")
    kem_public = victim.keys.kem.public
    with raw_db(cast.directory, db_key_of(cast), drop_triggers=True) as conn:
        env_id, header = conn.execute(
            "SELECT e.id, e.header FROM envelopes e JOIN accounts a ON a.id=e.author_id WHERE a.name='甲'"
        ).fetchone()
        document = {
            "opinion": {"positions": {"1": "予以了结"}, "reasoning": "（伪造）同意予以了结。"},
            "recusal": {"conflict": False},
        }
        payload = sealing.padded_payload(document, os.urandom(16))
        forged = provider().seal(kem_public, payload, sealing.info_for(json.loads(header)) + b"|author-copy")
        conn.execute("UPDATE envelopes SET author_copy=? WHERE id=?", (forged, env_id))
    cast.close()
    try:
        shown = opinions.read_own_sealed(cast("甲"), sid)
    except Refused:
        return
    assert shown is not None
    assert shown["document"] != document, f"甲 is shown, as its own sealed opinion: {shown['document']}"
