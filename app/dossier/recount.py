"""A round's tally rebuilt from the dossier's manifest alone, as ``views.compute_tally`` makes it from the store:
counts and outcome under the chair-signed definition (``app.tally``), thresholds, the decision's adopted options,
dissent, the authors' position notes, near-duplicate texts (under the similarity threshold the manifest names),
late seals (the signed headers' seal times against the definition's deadline) and the attendance quorum.

Everything it reads is signed: the committed documents and headers (checked against the authors' commitments by
``proofs``), the definition (by the chair's ``session.create`` entry, or against the store) and the decision's
basis (by the chair). Only the recusals and the similarity threshold are the exporter's word in the file alone;
against the store both are compared with the store's.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.i18n import tr


def recount(
    value: dict[str, Any],
    rnd: dict[str, Any],
    basis: dict[str, Any] | None,
    similarity_percent: int,
) -> dict[str, Any]:
    """The tally of one round (``rnd``: the manifest's entry of it, with ``envelopes`` and ``recused``) under
    the signed definition ``value``; ``basis``: the decision's, for the round it decided (else None)."""
    from app import deadlines
    from app.opinion_form import OpinionForm
    from app.quorum import attendance, votes_needed
    from app.tally import Vote, near_duplicates, tally_item

    envelopes: list[dict[str, Any]] = rnd["envelopes"]
    recused = sorted(str(d) for d in rnd.get("recused", []))
    options = value["options"]
    per_item = options.get("items", {}) if isinstance(options, dict) else {}
    shared = options["options"] if isinstance(options, dict) else options
    members = [dept for _, dept, _ in value["participants"] if dept not in recused]
    valid = [e for e in envelopes if e["valid"] and not e.get("is_chair")]
    chair = next((e for e in envelopes if e["valid"] and e.get("is_chair")), None)
    rejected = sorted(str(e["department"]) for e in envelopes if not e["valid"])
    absent = sorted(set(members) - {e["department"] for e in envelopes})
    adopted = (basis or {}).get("adopted", {})

    def opinion(e: dict[str, Any]) -> dict[str, Any]:
        return dict(e["proof"]["document"]["opinion"])

    def vote(e: dict[str, Any], key: str, is_chair: bool = False) -> Vote:
        o = opinion(e)
        return Vote(str(e["department"] or tr("chair")), o["positions"][key], o["reasoning"], is_chair)

    items = []
    for number, text in value["items"]:
        key = str(number)
        t = tally_item(
            number,
            value["rule"],
            [str(o) for o in per_item.get(key, shared) or []],
            members,
            [vote(e, key) for e in valid],
            vote(chair, key, True) if chair else None,
            bool(value["chair_counts"]),
            recused,
            absent,
            rejected,
            adopted.get(key),
        )
        noted = valid + ([chair] if chair else [])
        items.append(
            {
                "item": number,
                "text": text,
                "counts": t.counts,
                "expected": t.expected,
                "cast": t.cast,
                "outcome": t.outcome,
                "passed_option": t.passed_option,
                "dissent": [
                    {"department": v.voter, "position": v.position, "reasoning": v.reasoning, "is_chair": v.is_chair}
                    for v in t.dissent
                ],
                "notes": [
                    {"department": e["department"] or tr("chair"), "position": opinion(e)["positions"][key], "note": n}
                    for e in noted
                    if (n := opinion(e).get("position_notes", {}).get(key))
                ],
                "needed": votes_needed(value["rule"], t.expected),
                "decided_option": t.decided_option,
                "departs": basis is not None and number in basis.get("departs", []),
                "split": t.split,
            }
        )
    texts = {str(e["department"]): OpinionForm.from_document(opinion(e)).full_text() for e in valid}
    similar = near_duplicates(texts, similarity_percent / 100)
    deadline = datetime.fromisoformat(value["deadline"]) if value.get("deadline") else None
    sealed = [
        {"department": e["department"], "sealed_at": json.loads(e["proof"]["header"])["sealed_at"]} for e in envelopes
    ]
    departments = [e for e in envelopes if not e.get("is_chair")]
    return {
        "items": items,
        "recused": recused,
        "absent": absent,
        "rejected": rejected,
        "near_duplicates": [{"a": a, "b": b, "percent": pct} for a, b, pct in similar],
        "late": deadlines.late_departments(sealed, deadline),
        "attendance": attendance(
            value["kind"],
            value.get("quorum"),
            len(value["participants"]),
            bool(value["chair_counts"]),
            len(recused),
            len(departments),
        ),
        "decision": {"reason": basis.get("reason", "")} if basis is not None else None,
    }


def basis_of(manifest: dict[str, Any]) -> dict[str, Any]:
    """The decision's basis as the chair signed it (a decision of the plain form carries it as JSON text)."""
    basis = (manifest.get("decision") or {}).get("basis")
    if isinstance(basis, str):
        basis = json.loads(basis) if basis else {}
    return dict(basis or {})


__all__ = ["basis_of", "recount"]
