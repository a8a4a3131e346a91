"""What a member's store checks in a result package beyond its own commitments (attack review, issue 10).

A chair's program that lies could list the member's commitment and print beside it another opinion, or a tally
the opinions do not give.  Before a result is recorded the member's store therefore checks, for every round:

- its own envelope: the row shown for its department carries the commitment it sealed, is valid, and shows
  exactly the opinion it sealed (read back from its own author copy, whose salt and document must give that
  commitment);
- the tally: recomputed with :func:`app.tally.tally_item` from the opinions listed, under the session's
  definition (rule, whether the chair counts, items and their options, departments), it must give the printed
  counts, expected, cast, outcome and passed option of every item.  The definition is the one the chair signed
  in the session package this store imported (a reviewer); a member without a package (a custodian) checks the
  result against the definition the result itself carries.

Every mismatch refuses the import with the reason ``altered``; nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app import sealing
from app.canonical import canonical_json
from app.context import AccountContext
from app.exchange import envelope_file, ids, session_package
from app.exchange.schema import ExchangeRefused
from app.i18n import tr
from app.tally import Vote, tally_item

# The figures of each item that must equal the recount.
CHECKED = ("counts", "expected", "cast", "outcome", "passed_option")


@dataclass(frozen=True)
class Definition:
    """What a tally depends on besides the opinions: the session's rule and shape."""

    rule: str
    chair_counts: bool
    items: dict[int, list[str]]
    departments: list[str]

    def text(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "chair_counts": self.chair_counts,
            "items": [[n, list(o)] for n, o in sorted(self.items.items())],
            "departments": sorted(self.departments),
        }


@dataclass(frozen=True)
class Sealed:
    """One envelope this store sealed: its round, department, commitment and the opinion inside."""

    round: int
    department: str
    commitment: str
    opinion: dict[str, Any]


def _altered(message: str) -> ExchangeRefused:
    return ExchangeRefused("altered", message)


def _plain(value: Any) -> Any:
    """As the result carries it: canonical JSON read back."""
    return json.loads(canonical_json(value).decode("utf-8"))


def definition_of_package(package: session_package.Package) -> Definition:
    """The definition the chair signed in a session package."""
    body = package.body
    options = body["options"]
    items = {int(i[0]): list(options.get("items", {}).get(str(i[0]), options["options"])) for i in body["items"]}
    return Definition(
        str(body["rule"]), bool(body["chair_counts"]), items, sorted(str(p[1]) for p in body["participants"])
    )


def parse_definition(text: str) -> Definition:
    """The definition a result package carries (canonical JSON text); refuses one that is not well-formed."""
    try:
        d = json.loads(text)
        items = {int(n): [str(o) for o in opts] for n, opts in d["items"]}
        rule, counts, departments = d["rule"], d["chair_counts"], d["departments"]
        ok = isinstance(rule, str) and isinstance(counts, bool) and isinstance(departments, list)
        ok = ok and all(isinstance(x, str) for x in departments) and bool(items)
    except (ValueError, TypeError, KeyError) as exc:
        raise _altered(tr("The result's session definition is malformed; nothing was imported.")) from exc
    if not ok:
        raise _altered(tr("The result's session definition is malformed; nothing was imported."))
    return Definition(rule, counts, items, sorted(departments))


def sealed_here(ctx: AccountContext, db: Any, session_name: str) -> tuple[list[Sealed], Definition | None]:
    """The envelopes this account sealed for ``session_name`` (their opinions read back from the author copies)
    and the definition of the newest session package it imported for that session."""
    packages = [p for p in session_package.packages(ctx, db) if p.round.session_name == session_name]
    by_round = {str(p.round): p for p in packages}
    out = []
    for d in envelope_file.my_envelopes(db, ctx.name):
        name = ids.parse_round(d.get("round"))
        if name.session_name != session_name:
            continue
        package = by_round.get(str(name))
        try:
            if package is None:
                raise sealing.EnvelopeInvalid("no package")
            header = {"store": name.store, "session": name.session, "round": name.round}
            header |= {"participant": package.participant, "author": package.author}
            document, salt = sealing.open_author_copy_with_salt(
                json.dumps(header), bytes.fromhex(str(d.get("author_copy"))), ctx.keys.kem.private
            )
            if sealing.commitment_of(salt, document) != d.get("commitment"):
                raise sealing.EnvelopeInvalid("commitment")
        except (sealing.EnvelopeInvalid, ValueError) as exc:
            raise _altered(
                tr(
                    "Your own copy of the envelope of round {round} cannot be read back here; nothing was imported."
                ).format(round=name.round)
            ) from exc
        out.append(Sealed(name.round, package.department, str(d["commitment"]), _plain(document["opinion"])))
    newest = max(packages, key=lambda p: p.round.round, default=None)
    return out, definition_of_package(newest) if newest is not None else None


def _rows(text: str, number: int) -> list[dict[str, Any]]:
    rows = json.loads(text)
    fields: dict[str, Any] = {"department": (str, type(None)), "is_chair": bool, "valid": bool, "commitment": str}
    if not isinstance(rows, list) or not all(
        isinstance(r, dict) and all(isinstance(r.get(k), t) for k, t in fields.items()) for r in rows
    ):
        raise _altered(tr("The opinions of round {round} are malformed; nothing was imported.").format(round=number))
    return rows


def check_own(rounds: list[dict[str, Any]], mine: list[Sealed]) -> None:
    """Each envelope of ``mine`` is shown in its round for its department, valid and exactly as sealed."""
    by_round = {r["round"]: r for r in rounds}
    for sealed in mine:
        rnd = by_round.get(sealed.round)
        shown = (
            []
            if rnd is None
            else [
                r
                for r in _rows(rnd["opinions"], sealed.round)
                if r["department"] == sealed.department and not r["is_chair"]
            ]
        )
        ok = rnd is not None and sealed.commitment in rnd["commitments"] and len(shown) == 1
        if not ok or shown[0]["commitment"] != sealed.commitment or not shown[0]["valid"]:
            raise _altered(
                tr(
                    "The result does not show your envelope of round {round} as sealed (department {department}); "
                    "nothing was imported."
                ).format(round=sealed.round, department=sealed.department)
            )
        if shown[0].get("opinion") != sealed.opinion:
            raise _altered(
                tr(
                    "The result shows another opinion for your department in round {round} than the one you sealed; "
                    "nothing was imported."
                ).format(round=sealed.round)
            )


def recount(rnd: dict[str, Any], definition: Definition) -> dict[int, dict[str, Any]]:
    """Item → the checked figures of the round's tally, recomputed from the opinions the result lists."""
    number = rnd["round"]
    rows = _rows(rnd["opinions"], number)
    printed = json.loads(rnd["tally"])
    recused = printed.get("recused", []) if isinstance(printed, dict) else None
    listed = set(rnd["commitments"])
    if (
        not isinstance(recused, list)
        or not all(isinstance(d, str) for d in recused)
        or not set(recused) <= set(definition.departments)
        or any(r["commitment"] not in listed for r in rows if not r["is_chair"])
    ):
        raise _altered(
            tr("The tally of round {round} does not match its opinions; nothing was imported.").format(round=number)
        )
    members = [d for d in definition.departments if d not in recused]
    valid = [r for r in rows if r["valid"] and not r["is_chair"]]
    seen = [r["department"] for r in rows if not r["is_chair"]]
    chair_row = next((r for r in rows if r["is_chair"] and r["valid"]), None)
    out = {}
    try:
        if len(seen) != len(set(seen)) or not set(seen) <= set(definition.departments):
            raise ValueError("a department twice, or not expected")
        rejected = sorted(r["department"] for r in rows if not r["valid"] and not r["is_chair"])
        absent = sorted(set(members) - set(seen))
        for item, options in sorted(definition.items.items()):
            key = str(item)
            votes = [Vote(r["department"], str(r["opinion"]["positions"][key]), "") for r in valid]
            chair = Vote("chair", str(chair_row["opinion"]["positions"][key]), "", True) if chair_row else None
            t = tally_item(
                item,
                definition.rule,
                options,
                members,
                votes,
                chair,
                definition.chair_counts,
                recused,
                absent,
                rejected,
            )
            out[item] = {"counts": t.counts, "expected": t.expected, "cast": t.cast, "outcome": t.outcome}
            out[item]["passed_option"] = t.passed_option
    except (ValueError, TypeError, KeyError) as exc:
        raise _altered(
            tr("The tally of round {round} does not match its opinions; nothing was imported.").format(round=number)
        ) from exc
    return out


def check_tallies(rounds: list[dict[str, Any]], definition: Definition) -> None:
    """Every round's printed tally gives, item by item, what the opinions listed give under ``definition``."""
    for rnd in rounds:
        expected = recount(rnd, definition)
        printed = json.loads(rnd["tally"])
        items = printed.get("items") if isinstance(printed, dict) else None
        got = {}
        for i in items if isinstance(items, list) else []:
            if isinstance(i, dict) and isinstance(i.get("item"), int):
                got[i["item"]] = {k: i.get(k) for k in CHECKED}
        if got != expected:
            raise _altered(
                tr("The tally of round {round} does not match its opinions; nothing was imported.").format(
                    round=rnd["round"]
                )
            )


def check(ctx: AccountContext, db: Any, body: dict[str, Any]) -> list[int]:
    """Refuse a result whose shown opinion of this store or whose tallies do not hold; the rounds checked."""
    mine, definition = sealed_here(ctx, db, body["session"])
    carried = parse_definition(body["definition"])
    if definition is not None and carried != definition:
        raise _altered(
            tr("The result's session definition differs from the session package you received; nothing was imported.")
        )
    check_own(body["rounds"], mine)
    check_tallies(body["rounds"], carried)
    return sorted({s.round for s in mine})
