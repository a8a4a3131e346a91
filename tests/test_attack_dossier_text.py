"""Attacks on what the dossier prints and signs (issue 8 item 4), with the database key: the manifest's version,
the department blocks, the tally, the decision line, the definition and the audit trail (A1–A3, A5, A7, A10, H3).
The certificate model's own attacks: tests/test_attack_certs.py.

Each test names the attacking role. Confirmed holes are strict expected failures (the assertion states what
should hold); attacks that were refused are ordinary tests.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.attack_certs_support import (
    DECISION,
    _decided,
    _export_altered,
    _issue_clerk,
    _opinion_of,
    _unsigned,
    _verify_both,
)
from tests.cast import Cast

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
