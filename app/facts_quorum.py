"""The attendance quorum re-checked from the signed log when a round is sealed (issue 14 item 3).

The programs refuse to seal a round below quorum (:mod:`app.sessions.lifecycle`); :mod:`app.facts` replays the
log and flags a ``session.sealed`` or ``session.close`` entry made below it (forged by an insider, or by a
faulty program).

Sessions created before quorums existed are not held to them: a session is checked when its signed
``session.create`` entry names its ``quorum`` rule (sessions created since this check) or lists the session's
``clerks`` (added in the same release as the quorum, so every session created under quorum rules has it).
The entry is signed by the chair: an insider can neither add nor remove these keys.
"""

from __future__ import annotations

from typing import Any

from app import quorum
from app.i18n import tr


def rule_of(create: dict[str, Any], current: dict[str, Any]) -> str | None:
    """The session's quorum rule if it was created under quorum rules, else None (not checked)."""
    if "quorum" in create or "clerks" in create:
        return quorum.quorum_rule(str(current.get("kind")), current.get("quorum"))
    return None


def shortfall(rule: str | None, current: dict[str, Any], sealed: int) -> str | None:
    """Why sealing with ``sealed`` department opinions is below quorum (None: reached, or not checked)."""
    if rule is None:
        return None
    chair = 1 if current.get("chair_counts") else 0
    original = len(current.get("participants", [])) + chair
    need = quorum.required(rule, original)
    if sealed + chair >= need:
        return None
    return tr(
        "round sealed below quorum: {present} of the original 应到 {original} attended, {required} needed"
    ).format(present=sealed + chair, original=original, required=need)
