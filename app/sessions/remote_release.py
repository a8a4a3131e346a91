"""Key releases of custodians at other workstations, as this store's signed log records them (issue 10).

The chair's import of a key-release file appends a ``reveal.remote`` entry that embeds the custodian's own
signed document (:mod:`app.exchange.statements`).  Such an entry counts as that custodian's release only when
the embedded signature holds under the member's registered key, the entry is the chair's, and the document
names exactly this store's session and round, the key digest and the sealed key the entry records.  Both the
fact checker (app/facts.py) and the reveal (app/sessions/reveal.py) read releases through :func:`verified`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.exchange import container, ids, statements
from app.registry import Registry
from app.sessions import content

ACTION = "reveal.remote"


@dataclass(frozen=True)
class RemoteRelease:
    member: str
    round: int
    key: str
    sealed: str  # digest of the released ciphertext
    board: str


def verified(reg: Registry, store_id: str, session_id: int, actor: str, details: Any) -> RemoteRelease | None:
    """The release ``actor``'s entry records, if the remote custodian's embedded statement proves it."""
    if not isinstance(details, dict):
        return None
    member, number = details.get("member"), details.get("round")
    if not isinstance(member, str) or type(number) is not int:
        return None
    doc = statements.verified(reg, member, actor, details, container.KEY_RELEASE)
    if doc is None:
        return None
    body = doc.body
    try:
        sealed = bytes.fromhex(str(body.get("sealed")))
    except ValueError:
        return None
    release = RemoteRelease(member, number, str(details.get("key")), str(details.get("sealed")), str(body.get("board")))
    if (
        body.get("round") != str(ids.RoundName(store_id, session_id, number))
        or body.get("key") != release.key
        or details.get("board") != release.board
        or content.sealed_digest(sealed) != release.sealed
    ):
        return None
    return release
