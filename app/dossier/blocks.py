"""The dossier prints each department's block where it belongs, and the tally its committed positions give
(issue 8, A2) — checked from the file alone.

``proofs`` checks that every committed text is printed; this module checks *where*: section 四 is rebuilt from
the signed proofs (each block's heading and meta from the author's signed envelope header, its text from the
committed document, in the manifest's order, round by round) and must be printed exactly so; section 七 the same
for the chair's position; section 五 must print, item by item, the counts and outcome that ``app.tally`` gives
for the committed positions under the session's rule. The rule, items, options and people come from the session
definition the chair signed when creating the session (its ``session.create`` entry travels in the manifest).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from app import audit
from app.crypto import provider
from app.i18n import tr

SECTION_OPINIONS, SECTION_TALLY, SECTION_DISSENT = "四、各部门意见（原文）", "五、计票结果", "六、不同意见（如实记录）"
SECTION_CHAIR, SECTION_DECISION = "七、主持人表态（末位表态）", "八、决定"


class BlockFailure(Exception):
    """The file prints a block or tally other than the signed record gives; the message names section and who."""


def definition_record(db: Any, session: Any, store_id: str, entries: list[Any]) -> dict[str, Any]:
    """For the manifest: the session definition and the chair's signed ``session.create`` entry that digests it."""
    from app.facts import definition_of
    from models.base import UTCDateTime

    create = next((e for e in entries if e.action == "session.create"), None)
    entry = None
    if create is not None:
        entry = {
            "seq": create.seq,
            "ts": UTCDateTime().process_bind_param(create.ts, None),  # type: ignore[arg-type]
            "actor": create.actor,
            "action": create.action,
            "object": create.object,
            "details": create.details,
            "prev": create.prev_hash,
            "hash": create.hash,
            "signature": create.signature.hex(),
        }
    return {"value": definition_of(db, session, store_id), "entry": entry}


def flat(text: str) -> str:
    return "".join(text.split())


def _flat_all(flowables: list[Any]) -> str:
    return "".join(flat(f.getPlainText()) for f in flowables)


def _chair_keys(manifest: dict[str, Any]) -> list[bytes]:
    rounds = [manifest["envelopes"], *[r["envelopes"] for r in manifest.get("earlier_rounds", [])]]
    keys = [bytes.fromhex(e["proof"]["sign_public"]) for envs in rounds for e in envs if e.get("is_chair")]
    return keys + [bytes.fromhex((manifest.get("decision") or {}).get("sign_public", ""))]


def definition(manifest: dict[str, Any], store_follows: bool) -> tuple[dict[str, Any], bool]:
    """The session definition, and whether the file alone proves it by the chair's signature (if not, only a
    verification against the store — which compares it with the signed log — may accept it)."""
    from app.facts import digest
    from models.base import UTCDateTime

    record = manifest.get("definition")
    value = record.get("value") if isinstance(record, dict) else None
    if not isinstance(value, dict) or (value.get("store"), value.get("session")) != (
        manifest["store"],
        manifest["session"],
    ):
        raise BlockFailure(tr("The manifest carries no definition of this session."))
    assert isinstance(record, dict)
    entry, proven = record.get("entry"), False
    if isinstance(entry, dict):
        ts = UTCDateTime().process_result_value(str(entry["ts"]), None)  # type: ignore[arg-type]
        assert ts is not None
        fields = (entry["actor"], entry["action"], entry["object"], entry["details"], entry["prev"])
        hashed = audit.entry_hash(int(entry["seq"]), ts, *(str(f) for f in fields))
        listed = {"seq": entry["seq"], "hash": entry["hash"]} in manifest["audit"]
        if hashed != entry["hash"] or not listed or entry["object"] != f"session:{manifest['session']}":
            raise BlockFailure(tr("The session's creation entry in the manifest is not the one its audit trail lists."))
        details = json.loads(entry["details"])
        if entry["action"] == "session.create" and entry["actor"] == value.get("chair"):
            if isinstance(details, dict) and details.get("definition") == digest(value):
                signature, signed = bytes.fromhex(entry["signature"]), audit.signed_bytes(hashed)
                proven = any(provider().verify(k, signature, signed) for k in _chair_keys(manifest) if k)
    if not proven and not store_follows:
        raise BlockFailure(
            tr(
                "The session's definition (rule, items, people) in the dossier is not proven by the chair's "
                "signature in the file; verify the dossier against the store that made it."
            )
        )
    return value, proven


def _rows(envelopes: list[dict[str, Any]], number: int) -> list[dict[str, Any]]:
    """What the dossier prints of each envelope, from the author's signed header and committed document."""
    from app.sessions.opinions import commitment_fingerprint

    rows = []
    for item in envelopes:
        proof = item["proof"]
        header = json.loads(proof["header"])
        who = item.get("department") or tr("chair")
        if not item.get("is_chair") and (header.get("department"), header.get("author")) != (
            item["department"],
            item["author"],
        ):
            raise BlockFailure(
                tr(
                    "Section 四, round {round}: the envelope printed for {who} was sealed by {author} of {other}."
                ).format(round=number, who=who, author=header.get("author"), other=header.get("department"))
            )
        document = proof.get("document") if item["valid"] else None
        rows.append(
            {
                "is_chair": bool(item.get("is_chair")),
                "department": item["department"],
                "author": header.get("author") if item.get("is_chair") else item["author"],
                "sealed_at": header["sealed_at"],
                "fingerprint": commitment_fingerprint(item["commitment"]),
                "signer_fingerprint": item["signer_fingerprint"],
                "valid": bool(item["valid"]),
                "problem": item.get("problem"),
                "opinion": (document or {}).get("opinion") or {},
            }
        )
    return rows


def _rounds(manifest: dict[str, Any]) -> list[tuple[int, dict[str, Any], bool]]:
    earlier = sorted(manifest.get("earlier_rounds", []), key=lambda r: int(r["round"]))
    return [(int(r["round"]), r, False) for r in earlier] + [(int(manifest["round"]), manifest, True)]


def _consume(body: str, cursor: int, pieces: list[tuple[str, str, bool]], section: str) -> int:
    """Each piece printed right where the previous one ended; (label, text, is a department's block)."""
    previous: tuple[str, str, bool] | None = None
    for label, text, block in pieces:
        if not body.startswith(text, cursor):
            if previous is not None and previous[2] and body.find(text, cursor) > cursor:
                raise BlockFailure(
                    tr("Section {section} prints text after {what} that nobody signed.").format(
                        section=section, what=previous[0]
                    )
                )
            raise BlockFailure(
                tr("Section {section} does not print {what} exactly as signed.").format(section=section, what=label)
            )
        cursor += len(text)
        previous = (label, text, block)
    return cursor


def check(manifest: dict[str, Any], pages: str, store_follows: bool) -> list[str]:
    """Sections 四, 五 and 七 of ``pages`` against the signed record in ``manifest``; the checks passed."""
    from app.dossier import people, record
    from app.dossier.elements import make_styles

    value, proven = definition(manifest, store_follows)
    session = {"items": [{"number": n, "text": t} for n, t in value["items"]], "chair": value.get("chair")}
    s = make_styles()
    meta = replace(s["meta"], keep_with_next=True)
    text = flat(pages)
    body_at = text.find("卷内备考表")  # the 卷内目录's last entry: the sections follow it
    start = text.find(SECTION_OPINIONS, body_at)
    if body_at < 0 or start < 0:
        raise BlockFailure(tr("The file does not print section {section}.").format(section="四"))
    rounds = _rounds(manifest)
    pieces: list[tuple[str, str, bool]] = []
    final_rows: list[dict[str, Any]] = []
    for number, rnd, final in rounds:
        rows = _rows(rnd["envelopes"], number)
        final_rows = rows if final else final_rows
        if len(rounds) > 1:
            title = flat(record.round_title(number, final))
            pieces.append((tr("the heading of round {round}").format(round=number), title, False))
        notes = "".join(flat(line) for line in rnd.get("notes", []))
        pieces.append((tr("the notes of round {round}").format(round=number), notes, False))
        departments = [r for r in rows if not r["is_chair"]]
        before = ""
        for k, row in enumerate(departments):
            upto = _flat_all(people.opinion_blocks(departments[: k + 1], session, s, meta))
            label = tr("the block of {department} (round {round})").format(department=row["department"], round=number)
            pieces.append((label, upto[len(before) :], True))
            before = upto
    cursor = _consume(text, start + len(SECTION_OPINIONS), pieces, "四")
    if not text.startswith(SECTION_TALLY, cursor):
        last = pieces[-1][0] if pieces else SECTION_OPINIONS
        raise BlockFailure(
            tr("Section {section} prints text after {what} that nobody signed.").format(section="四", what=last)
        )
    done = [tr("section 四 prints each department's block exactly as its author signed it, round by round")]
    chair_at = _sections_five_six(text, cursor, manifest, value, rounds, s)
    done.append(
        tr(
            "sections 五 and 六 print exactly the tally and the dissent the committed positions give under the "
            "session's rule, round by round"
        )
    )
    chair = _flat_all(people.chair_blocks(final_rows, session, s, meta))
    end = _consume(text, chair_at + len(SECTION_CHAIR), [(tr("the chair's position"), chair, True)], "七")
    if not text.startswith(SECTION_DECISION, end):
        raise BlockFailure(
            tr("Section {section} prints text after {what} that nobody signed.").format(
                section="七", what=tr("the chair's position")
            )
        )
    done.append(tr("section 七 prints the chair's position exactly as signed"))
    if not proven:
        done.append(tr("the session's definition is checked against the store"))
    return done


def _sections_five_six(
    text: str, cursor: int, manifest: dict[str, Any], value: dict[str, Any], rounds: list[tuple[int, Any, bool]], s: Any
) -> int:
    """Sections 五 and 六 rebuilt whole from the manifest (each round recounted) and laid out by the printing's
    own code; the file must print exactly that from ``cursor`` on: where section 七 begins."""
    from app.dossier import tally_section
    from app.dossier.recount import basis_of, recount

    percent = manifest.get("similarity_percent")
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 < percent <= 100:
        raise BlockFailure(tr("The manifest does not name the similarity threshold its tally was made under."))
    try:
        final = recount(value, manifest, basis_of(manifest), percent)
        earlier = [{"round": n, "tally": recount(value, rnd, None, percent)} for n, rnd, last in rounds if not last]
        five = tally_section.plain_text(tally_section.tally_section(final, earlier, s, []))
        six = tally_section.plain_text(tally_section.dissent_section(final, earlier, int(manifest["round"]), s))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BlockFailure(
            tr("Section 五: the committed positions cannot be counted under the session's rule ({kind}).").format(
                kind=type(exc).__name__
            )
        ) from exc
    cursor = _exactly(text, cursor, SECTION_TALLY, five, SECTION_DISSENT, "五")
    return _exactly(text, cursor, SECTION_DISSENT, six, SECTION_CHAIR, "六")


def _exactly(text: str, cursor: int, heading: str, body: str, following: str, section: str) -> int:
    """``heading`` then ``body`` then the ``following`` section's heading, printed exactly from ``cursor``;
    the position of the following heading."""
    if not text.startswith(heading, cursor):
        raise BlockFailure(tr("The file does not print section {section}.").format(section=section))
    at = cursor + len(heading)
    wanted = body + following
    if text.startswith(wanted, at):
        return at + len(body)
    same = 0
    while same < len(wanted) and at + same < len(text) and text[at + same] == wanted[same]:
        same += 1
    printed = text[at + same : at + same + 40]
    if same >= len(body):
        raise BlockFailure(
            tr("Section {section} prints text after its last signed line that nobody signed: “{printed}”.").format(
                section=section, printed=printed
            )
        )
    raise BlockFailure(
        tr(
            "Section {section} does not print what the signed record gives: it prints “{printed}” where the "
            "record gives “{expected}”."
        ).format(section=section, printed=printed, expected=body[same : same + 40])
    )


__all__ = ["BlockFailure", "check", "definition", "definition_record"]
