"""Attendance quorum (出席法定人数, issue 14 item 3) and the threshold a motion needs.

应到 is the original number expected: every department of the session plus the chair when the chair's position
counts.  Recusals do not shrink it for the quorum: the departments that sealed (plus the chair) must be more than
half of it — two thirds for case trial (案件审理) and for any session so configured — before the round may be
sealed, early or not.
"""

from __future__ import annotations

from typing import Any

from app.i18n import tr

MAJORITY = "majority"
TWO_THIRDS = "two-thirds"
QUORUM_RULES = (MAJORITY, TWO_THIRDS)
TWO_THIRDS_KINDS = ("case_trial",)


def quorum_rule(kind: str, configured: str | None) -> str:
    """The session's quorum rule: as configured, else two thirds for case trial, else a majority."""
    if configured in QUORUM_RULES:
        return str(configured)
    return TWO_THIRDS if kind in TWO_THIRDS_KINDS else MAJORITY


def required(rule: str, original: int) -> int:
    """How many must attend out of ``original``: more than half, or at least two thirds."""
    if rule == TWO_THIRDS:
        return -(-2 * original // 3)
    return original // 2 + 1


def votes_needed(rule: str, expected: int) -> int | None:
    """Votes an option needs to pass under the decision rule with ``expected`` members (None: advisory)."""
    if expected <= 0:
        return None
    if rule == "majority-of-expected":
        return expected // 2 + 1
    if rule == "two-thirds":
        return -(-2 * expected // 3)
    if rule == "unanimity":
        return expected
    return None


def attendance(
    kind: str, configured: str | None, departments: int, chair_counts: bool, recused: int, sealed: int
) -> dict[str, Any]:
    """How 应到 is made up and whether the quorum is reached (``sealed``: departments that sealed)."""
    rule = quorum_rule(kind, configured)
    chair = 1 if chair_counts else 0
    original = departments + chair
    present = sealed + chair
    need = required(rule, original)
    return {
        "rule": rule,
        "departments": departments,
        "chair": chair,
        "original": original,
        "recused": recused,
        "expected": original - recused,
        "present": present,
        "required": need,
        "reached": present >= need,
    }


def describe(a: dict[str, Any]) -> str:
    """One line for the tally view and the CLI."""
    rule = tr("more than half") if a["rule"] == MAJORITY else tr("at least two thirds")
    return tr(
        "应到 {original} = {departments} departments + {chair} chair; recused {recused}, so {expected} expected to "
        "vote; present {present}; quorum {required} ({rule} of the original 应到) — {state}."
    ).format(
        original=a["original"],
        departments=a["departments"],
        chair=a["chair"],
        recused=a["recused"],
        expected=a["expected"],
        present=a["present"],
        required=a["required"],
        rule=rule,
        state=tr("reached") if a["reached"] else tr("NOT reached"),
    )


def shortfall_message(a: dict[str, Any]) -> str:
    return tr(
        "No quorum: {present} of the original 应到 {original} attend (sealed opinions plus the chair); {required} "
        "are needed ({rule}). The round cannot be sealed; the chair may withdraw the session."
    ).format(
        present=a["present"],
        original=a["original"],
        required=a["required"],
        rule=tr("more than half") if a["rule"] == MAJORITY else tr("at least two thirds"),
    )
