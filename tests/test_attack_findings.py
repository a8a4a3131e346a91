"""Findings of an insider attack review (database key + ONE account's own passphrase).

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

from app import auditlog, keyslots
from app.errors import NotPermitted, Refused
from app.opinion_form import OpinionForm
from app.sealing import EnvelopeInvalid, open_sealed
from app.sessions import chair, holder_keys, lifecycle, reveal
from app.sessions.common import require_round
from models import Envelope, HolderKey, Identity, ReviewSession
from tests.cast import ALL_ACCOUNTS, PASS, Cast, raw_db, reasoning, strip_to_legacy

SECRET = "秘密立场XYZ"


def _key(cast: Cast) -> bytes:
    return cast("管理员").store.db_key


def _verify(cast: Cast, who: str = "审计员") -> Any:
    cast.close()
    return auditlog.verify_chain(cast(who))


def _envelopes_of_current_round(ctx: Any, sid: int) -> tuple[list[HolderKey], list[tuple[Any, ...]]]:
    with ctx.store.transaction() as db:
        rnd = require_round(db, db.get_one(ReviewSession, sid))
        keys = holder_keys.round_keys(db, rnd)
        for k in keys:
            db.expunge(k)
        rows = []
        for env in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id).order_by(Envelope.id)):
            signer = db.get_one(Identity, env.signer_identity_id)
            rows.append((env.header, env.ciphertext, env.commitment, env.signature, signer.sign_public))
    return keys, rows


def _open_all(rows: list[tuple[Any, ...]], privates: list[bytes]) -> list[dict[str, Any]]:
    out = []
    for header, ciphertext, commitment, signature, signer in rows:
        try:
            out.append(open_sealed(header, ciphertext, commitment, signature, signer, privates))
        except EnvelopeInvalid:
            pass
    return out


def _chair_position_and_decide(cast: Cast, sid: int) -> None:
    text = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=text))
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以初步核实。")


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

    monkeypatch.setattr(policy, "load", lambda db: policy.Policy(min_custodians=0))  # the chair's program
    sid = cast.create(n=3, custodians=())
    _open_skipping_checks(cast, sid, monkeypatch)
    monkeypatch.undo()
    try:
        cast.seal(sid, "甲", text=reasoning("甲", SECRET))
    except Refused:
        return  # the reviewer's program refused to seal to a round only the chair can open
    chair_ctx = cast("主持人")
    keys, rows = _envelopes_of_current_round(chair_ctx, sid)
    store_id = chair_ctx.store.slots.store_id
    privates = [holder_keys.release(store_id, chair_ctx.name, chair_ctx.account_key, k) for k in keys]
    opened = _open_all(rows, privates)
    report = _verify(cast)
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
    monkeypatch.setattr(lifecycle, "Custodian", lambda account_id: real_custodian(account_id=chair_ctx.account_id))
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
    keys, rows = _envelopes_of_current_round(chair_ctx, sid)
    store_id = chair_ctx.store.slots.store_id
    privates = [holder_keys.release(store_id, chair_ctx.name, chair_ctx.account_key, k) for k in keys]
    opened = _open_all(rows, privates)
    report = _verify(cast)
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
    keys, rows = _envelopes_of_current_round(chair_ctx, sid_b)
    store_id = chair_ctx.store.slots.store_id
    names = {cast("监督员").account_id: "监督员", chair_ctx.account_id: chair_ctx.name}
    privates = []
    for k in keys:
        name = names[k.holder_id]
        account_key = chair_ctx.account_key if name == chair_ctx.name else stolen[name].account_key
        privates.append(holder_keys.release(store_id, name, account_key, k))
    opened = _open_all(rows, privates)
    assert not opened, (
        f"after revealing A, the chair alone read {len(opened)} opinion(s) of session B while B was still "
        f"collecting ({SECRET in json.dumps(opened, ensure_ascii=False)=})"
    )


# --- Finding 3: the dossier-signing key opens with the database key ---------------------------


def _decided(cast: Cast) -> int:
    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    cast.reveal(sid)
    _chair_position_and_decide(cast, sid)
    return sid


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
    sid = _decided(cast)
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


# --- Finding 4: any account may sign 'session.sealed' for any session, at any time -------------


def test_f4_auditor_closes_a_round_early_and_suppresses_the_remaining_opinions(cast: Cast) -> None:
    """Attacker: the auditor (a 三员 account with no part in the session; any active account works).
    'session.sealed' is accepted from any active account (registry._ANY_ACTIVE) and app.facts moves
    the signed status to 'sealed' without checking the actor's part in the session or that every
    participant had answered.  With one signed entry and one UPDATE the round closes after 甲 alone:
    乙 and 丙 can no longer seal, the chair reveals one opinion without quorum or a written reason
    (close_early's rules), and audit verify reports nothing."""
    from app import audit
    from models import ReviewSession as RS

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    attacker = cast("审计员")
    with attacker.store.transaction() as db:
        audit.append(db, attacker.actor, "session.sealed", f"session:{sid}", {"round": 1})
        db.get_one(RS, sid).status = "sealed"
    with pytest.raises(Refused):
        cast.seal(sid, "乙")  # refused: the session's status no longer matches its signed log
    with pytest.raises(Refused):  # nor is anything revealed
        cast.reveal(sid)
    report = _verify(cast)
    assert not report.ok, "a round closed by the auditor after one of three opinions verifies cleanly"
    assert any("ignored" in p for p in report.problems)


# --- Finding 5: the chair's signed lifecycle entries are not checked for what they claim ---------


def test_f5_chair_alone_reveals_by_rejecting_every_genuine_envelope_then_decides(cast: Cast) -> None:
    """Attacker: the chair, without any custodian.  Its program signs a 'session.reveal' entry that
    lists every genuine envelope as rejected (with a made-up problem) and writes invalid revealed rows.
    app.facts settles rejected envelopes without checking that they were flagged, nor that each
    custodian signed a reveal.release for the round: the chair then states its position and decides
    alone, every department's opinion suppressed, and audit verify reports nothing."""
    from app import audit
    from models import RevealedOpinion

    sid = cast.open(n=3)
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    chair_ctx = cast("主持人")
    with chair_ctx.store.transaction() as db:
        session = db.get_one(ReviewSession, sid)
        rnd = require_round(db, session)
        rejected = []
        for env in db.scalars(select(Envelope).where(Envelope.round_id == rnd.id)):
            rejected.append(
                {"envelope": env.id, "participant": env.participant_id, "problem": "signature does not verify"}
            )
            db.add(RevealedOpinion(envelope_id=env.id, valid=False, problem="signature does not verify"))
        from models.base import utcnow

        rnd.revealed_at = utcnow()
        session.status = "revealed"
        audit.append(
            db,
            chair_ctx.actor,
            "session.reveal",
            f"session:{sid}",
            {"round": 1, "opened": 0, "rejected": rejected, "holders": ["主持人", "监督员"], "revealed": {}},
        )
    with pytest.raises(Refused, match="without the release"):
        _chair_position_and_decide(cast, sid)
    report = _verify(cast)
    assert not report.ok, (
        "the chair alone 'revealed' by rejecting all three genuine opinions and decided; verify is clean"
    )


def test_f5b_chair_decides_before_the_reveal_without_stating_a_position(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the chair.  Its program skips decide()'s checks (status REVEALED, chair's position
    first — 末位表态).  app.facts checks the decision's digest and signature, not the point at which it
    was made: a decision recorded while the round is still collecting verifies, and the session is
    'decided' for the clerk to archive."""
    from types import SimpleNamespace

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    with raw_db(cast.directory, _key(cast), drop_triggers=True):
        pass  # the insider drops the status-order trigger
    monkeypatch.setattr(chair, "require_status", lambda *a: None)
    monkeypatch.setattr(chair, "round_state", lambda db, rnd: SimpleNamespace(chair_envelope=object()))
    # ... and the decision's tie to the tally (no tally exists yet: nothing is revealed)
    monkeypatch.setattr(chair.decision_basis, "round_tally", lambda *a: {"items": []})
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以了结处理。")
    monkeypatch.undo()
    report = _verify(cast)
    assert not report.ok, "a decision made while collecting, before any reveal or chair position, verifies cleanly"


# --- Finding 6: crafted rows and self-signed entries crash the app instead of a refusal ----------


def test_f6a_store_reanchor_signed_by_any_reviewer_crashes_every_read_and_audit_verify(cast: Cast) -> None:
    """Attacker: a reviewer (any account: 'store.*' actions need no role).  One validly signed
    'store.reanchor' entry for a session whose 'facts' is not an object makes app.facts raise
    AttributeError (``facts.get`` evaluated as the default of ``create.get``): every read of the
    session and ``audit verify`` crash, for every account."""
    from app import audit
    from app.sessions import views

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    attacker = cast("乙")
    with attacker.store.transaction() as db:
        audit.append(db, attacker.actor, "store.reanchor", f"session:{sid}", {"facts": "x"})
    cast.close()
    try:
        views.show(cast("主持人"), sid)
    except Refused:
        pass  # a clear refusal naming the problem is fine
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok


def test_f6b_planted_envelope_with_a_dangling_signer_crashes_the_reveal(cast: Cast) -> None:
    """Attacker: any account with the database key.  An extra envelope row whose signer_identity_id
    names no identity (foreign keys are off in the attacker's own connection) is only 'flagged'
    before the reveal; reveal() then calls db.get_one(Identity, …) outside its try and dies with
    sqlalchemy NoResultFound instead of excluding and naming the row."""
    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute(
            "INSERT INTO envelopes (round_id, participant_id, author_id, is_chair, sealed_at, header, ciphertext, "
            "commitment, signature, signer_identity_id, author_copy) SELECT round_id, participant_id, "
            "(SELECT id FROM accounts WHERE name='丙'), "
            "is_chair, sealed_at, header, ciphertext, commitment, signature, 9999, author_copy FROM envelopes "
            "ORDER BY id LIMIT 1"
        )
    cast.close()
    try:
        cast.reveal(sid)
    except Refused:
        pass


def test_f6c_unreadable_session_options_crash_the_session_view(cast: Cast) -> None:
    """Attacker: any account with the database key.  review_sessions.options set to non-JSON: app.facts'
    definition_of() (run on every load) raises JSONDecodeError rather than Tampered."""
    from app.sessions import views

    sid = cast.open(n=2)
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE review_sessions SET options='{' WHERE id=?", (sid,))
    cast.close()
    with pytest.raises(Refused):
        views.show(cast("主持人"), sid)
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok


def test_f6d_security_officer_signs_a_policy_of_the_wrong_type_and_session_creation_crashes(cast: Cast) -> None:
    """Attacker: the security officer.  Its program signs a 'policy.set' entry whose value has the
    wrong type; policy.load() takes it unchecked (set_value's range check runs only in the SO's own
    program) and lifecycle.create() dies with TypeError for every chair."""
    from app import audit

    officer = cast("保密员")
    with officer.store.transaction() as db:
        audit.append(db, officer.actor, "policy.set", "policy:min_custodians", {"old": 1, "new": "one"})
    cast.close()
    try:
        cast.create(n=2)
    except Refused:
        pass


# --- Finding 7: 'store.reanchor' may be signed by anyone, any time; the newest one wins ----------


def _make_legacy(cast: Cast) -> int:
    """A decided session of a store from before signed facts, re-anchored at the next unlock
    (the set-up of test_insider_integrity.test_older_store_sessions_are_reanchored_then_checked)."""
    sid = _decided(cast)
    strip_to_legacy(cast)
    for name in ALL_ACCOUNTS:
        cast(name)  # every account signs in once after the upgrade: anchors pinned, sessions re-anchored
    assert auditlog.verify_chain(cast("审计员")).ok
    cast.close()
    return sid


def test_f7_any_account_rebases_a_reanchored_session_and_rewrites_its_decision(legacy_cast: Cast) -> None:
    """Attacker: reviewer 丙 (any account; 'store.*' entries need no role).  After the one legitimate
    re-anchor, 丙 rewrites the decision row and signs a second 'store.reanchor' for the session with
    the digests of the rows as they now are; app.facts uses the newest re-anchor, so the forged
    decision is shown to every reader and audit verify is clean."""
    cast = legacy_cast
    from app import audit, reanchor
    from app.sessions import views
    from models import Decision

    sid = _make_legacy(cast)
    forged = "经会审，对该线索予以了结，不再处理。"
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE decisions SET text=?, sealed_text=NULL WHERE session_id=?", (forged, sid))
    cast.close()
    attacker = cast("丙")
    with attacker.store.transaction() as db:
        session = db.get_one(ReviewSession, sid)
        from app import facts

        entries = facts.session_entries(db, sid)
        details = {"facts": reanchor._facts(db, attacker, session, entries), "reason": "routine"}
        audit.append(db, attacker.actor, "store.reanchor", f"session:{sid}", details)
        assert db.scalars(select(Decision)).first() is not None
    cast.close()
    with pytest.raises(Refused):  # the first re-anchoring stands; the rewritten decision is refused
        views.show(cast("记录员"), sid)
    report = _verify(cast)
    assert not report.ok
    assert any("re-anchored earlier" in p for p in report.problems)


def test_f6e_one_malformed_audit_timestamp_bricks_every_unlock_including_the_auditors(cast: Cast) -> None:
    """Attacker: any account with the database key.  audit_entries.ts of one entry set to a non-timestamp:
    the registry replay loads the row through UTCDateTime, which raises ValueError, so every account's
    unlock (the auditor's too, who should be told which entry is bad) dies with a traceback instead of
    'entry N was altered'."""
    from app import accounts

    cast.open(n=2)
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE audit_entries SET ts='garbage' WHERE seq=5")
    cast.close()
    try:
        ctx = accounts.open_account(cast.directory, "审计员", PASS)
    except Refused:
        return  # a clear refusal is acceptable
    report = auditlog.verify_chain(ctx)
    ctx.close()
    assert report.broken_seq == 5


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE rounds SET number='x'",
        "UPDATE envelopes SET sealed_at='garbage' WHERE id=(SELECT min(id) FROM envelopes)",
        "UPDATE review_sessions SET deadline='garbage'",
    ],
    ids=["round-number", "envelope-sealed-at", "session-deadline"],
)
def test_f6f_malformed_session_rows_crash_reads_and_verify(cast: Cast, sql: str) -> None:
    """Attacker: any account with the database key.  A non-integer round number or a non-timestamp in a
    session's rows raises TypeError/ValueError in app.facts (or the list) rather than Tampered."""
    from app.sessions import views

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute(sql)
    cast.close()
    try:
        views.list_sessions(cast("主持人"))
        views.show(cast("主持人"), sid)
    except Refused:
        pass
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok


# --- Finding 8: a decision is checked against the chair's *current* key only --------------------


def test_f8_administrator_reissues_the_chairs_slot_and_every_decided_session_reads_as_tampered(cast: Cast) -> None:
    """Attacker: the administrator, with its ordinary right to reset a forgotten passphrase.  app.facts
    checks a decision's signature with reg.key_of(chair) — the chair's newest key — not the keys the
    chair held when it decided (envelopes and recusals use signed_by / keys_ever_of).  After one
    'account.reissue' of the chair, every intact decided session is refused as altered for every
    reader and audit verify reports a forgery that did not happen."""
    from app import accounts
    from app.sessions import views

    sid = _decided(cast)
    accounts.reissue_slot(cast("管理员"), "主持人", "a-new-and-long-passphrase-for-the-chair-77")
    cast.close()
    views.show(cast("记录员"), sid)  # raises Tampered today
    assert _verify(cast).ok


# --- Finding 9: a revealed opinion's 'valid' flag is not covered ----------------------------------


def test_f9_any_insider_marks_a_revealed_opinion_invalid_and_it_drops_out_of_the_tally(cast: Cast) -> None:
    """Attacker: any account with the database key (a 三员 account will do).  app.facts skips revealed
    rows whose 'valid' is false, and nothing compares the set of valid rows with the 'revealed' digests
    the chair signed at reveal: one UPDATE removes 丙's dissent from the tally and the dossier, and
    audit verify is clean."""
    from app.sessions import views

    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    cast.seal(sid, "丙", position="暂存待查")
    cast.reveal(sid)
    before = views.tally(cast("记录员"), sid)
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute(
            "UPDATE revealed_opinions SET valid=0, problem='signature does not verify' WHERE envelope_id="
            "(SELECT e.id FROM envelopes e JOIN accounts a ON a.id=e.author_id WHERE a.name='丙')"
        )
    cast.close()
    try:
        after = views.tally(cast("记录员"), sid)
    except Refused:
        return
    report = _verify(cast)
    assert report.ok is False, (
        f"丙's opinion silently dropped: tally before {json.dumps(before['items'], ensure_ascii=False)[:300]} "
        f"after {json.dumps(after['items'], ensure_ascii=False)[:300]}; verify clean"
    )


# --- Finding 10: columns shown to readers (and printed in the dossier) that no signed fact covers ----


@pytest.mark.parametrize(
    "sql",
    [
        # the time each department sealed (seal board, dossier '密封时间'): not in envelope_fact
        "UPDATE envelopes SET sealed_at='2020-01-01T00:00:00.000000Z' WHERE id=(SELECT min(id) FROM envelopes)",
        # a 'closed early' reason planted on a round every department answered (checked only after session.close)
        "UPDATE rounds SET close_reason='主持人提前结束：部门未按时表态'",
        # why the round was opened (a second round's reason is signed in session.round, never compared)
        "UPDATE rounds SET opened_reason='重新表决的理由被改写'",
    ],
    ids=["envelope-sealed-at", "planted-close-reason", "opened-reason"],
)
def test_f10_uncovered_columns_change_what_readers_see_and_verify_stays_clean(cast: Cast, sql: str) -> None:
    """Attacker: any account with the database key.  Each UPDATE changes what the session view and the
    dossier show; audit verify reports nothing."""
    from app.sessions import views

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙")
    before = (views.show(cast("记录员"), sid), views.board(cast("记录员"), sid))
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute(sql)
    cast.close()
    try:
        after = (views.show(cast("记录员"), sid), views.board(cast("记录员"), sid))
    except Refused:
        return
    assert before != after
    assert not _verify(cast).ok, "a shown fact changed in the database; verify is clean"


# --- Finding 11: anchors can be stripped from keyslots.json; every account then trusts on first use --


def test_f11_chair_strips_every_anchor_cuts_its_decision_from_the_log_and_decides_again(cast: Cast) -> None:
    """Attacker: the chair.  The anchor is an optional, separate field of each slot (not inside the
    passphrase-wrapped payload): deleting it makes the next unlock treat the store as one from before
    anchors and pin whatever log it finds.  The chair cuts the log back before its own decision,
    deletes the decision row, strips every anchor, and decides again with another text.  The auditor,
    whose anchor had seen the first decision, gets no warning and audit verify is clean."""
    from app import accounts
    from app.sessions import views

    sid = _decided(cast)
    first = views.show(cast("记录员"), sid)["decision"]["text"]
    auditor = cast("审计员")
    accounts.remember_head(auditor)  # the auditor's anchor now covers the first decision
    cast.close()
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        (decide_seq,) = conn.execute("SELECT seq FROM audit_entries WHERE action='session.decide'").fetchone()
        conn.execute("DELETE FROM audit_entries WHERE seq >= ?", (decide_seq,))
        conn.execute("DELETE FROM decisions")
        conn.execute("UPDATE review_sessions SET status='revealed'")
    slots = keyslots.load(cast.directory)
    for name in slots.slots:
        slots.set_anchor(name, None)
    keyslots.save(cast.directory, slots)
    chair.decide(cast("主持人"), sid, "经会审，对该线索予以了结，不再处理。")
    cast.close()
    auditor = cast("审计员")
    second = views.show(cast("记录员"), sid)["decision"]["text"]
    report = auditlog.verify_chain(auditor)
    assert auditor.warnings or not report.ok, (
        f"decision {first!r} silently replaced by {second!r}: no warning at the auditor's unlock, verify clean"
    )


def test_f10b_clearing_revealed_at_silently_drops_a_revealed_round_from_the_statistics(cast: Cast) -> None:
    """Attacker: any account with the database key.  rounds.revealed_at is covered by no signed fact, yet
    views.revealed_rounds() and _revealed_round() select on it: set to NULL, a revealed session vanishes
    from the per-department statistics (dissent, on-time rates) without a refusal, and verify is clean."""
    from app import statistics

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="暂存待查")
    cast.reveal(sid)
    before = statistics.per_department(cast("记录员"))
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE rounds SET revealed_at=NULL")
    cast.close()
    try:
        after = statistics.per_department(cast("记录员"))
    except Refused:
        return
    assert after == before, f"a revealed session silently dropped from the statistics: before {before} after {after}"
    assert not _verify(cast).ok


# --- Finding 12: one signed entry by an account with no part in a session blocks it for good -----


def test_f12_a_reviewer_of_no_part_blocks_a_session_forever_with_one_signed_entry(cast: Cast) -> None:
    """Attacker: reviewer 丁, who is not in the session.  The registry accepts an 'opinion.seal' entry
    from any reviewer for any session; app.facts then marks the session as altered ('seals for a
    department not in the session'), so every service refuses it for every account — and the entry,
    validly signed in the hash chain, can never be removed.  The two real reviewers cannot seal."""
    from app import audit

    sid = cast.open(n=2)
    cast.seal(sid, "甲")
    attacker = cast("丁")
    with attacker.store.transaction() as db:
        audit.append(db, attacker.actor, "opinion.seal", f"session:{sid}", {"round": 1, "department": "审理室"})
    cast.close()
    cast.seal(sid, "乙")  # refused today: Tampered


def test_f5c_chair_discards_a_collecting_round_by_opening_the_next_one(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the chair.  Its program skips new_round()'s status check (REVEALED only): a
    'session.round' entry while round 1 is still collecting abandons the opinions already sealed in it —
    never revealed, never in a tally — and app.facts accepts the move."""
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="暂存待查")
    monkeypatch.setattr(lifecycle, "require_status", lambda *a: None)
    lifecycle.new_round(cast("主持人"), sid, "重新表决，请各部门重新表态。")
    monkeypatch.undo()
    report = _verify(cast)
    assert not report.ok, "round 1 (two sealed opinions) abandoned unrevealed by a second round; verify clean"


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
        keys, rows = _envelopes_of_current_round(admin, sid)
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


@pytest.mark.parametrize(
    "version",
    [
        pytest.param("0003", id="older-revision"),
        pytest.param("9999", id="unknown-revision"),
    ],
)
def test_f6g_a_rewritten_schema_version_crashes_every_unlock(cast: Cast, version: str) -> None:
    """Attacker: any account with the database key.  alembic_version is trusted at every unlock: set back,
    the migrations re-run on tables that exist (OperationalError); set to an unknown revision, Alembic
    raises CommandError — a traceback for every account instead of a refusal naming the problem."""
    from app import accounts

    cast.open(n=2)
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num=?", (version,))
    cast.close()
    before = _db_bytes(cast.directory)
    with pytest.raises(Refused) as refused:
        accounts.open_account(cast.directory, "审计员", PASS).close()
    assert ("set back" in str(refused.value)) == (version == "0003"), refused.value
    assert _db_bytes(cast.directory) == before  # nothing migrated, nothing half-done


def _db_bytes(directory: Path) -> bytes:
    return (directory / "huishen.db").read_bytes()


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
    with raw_db(cast.directory, _key(cast), drop_triggers=True) as conn:
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
