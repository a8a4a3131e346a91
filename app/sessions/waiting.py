"""The "waiting for" list of a seal board (issue 10): what is still missing before the next step.

For a sealed round with per-holder keys: each custodian whose key release has not arrived — released in
their own session here, or, for a custodian at another workstation, by a key-release file the chair imports
(``remote``: the chair sends them the reveal request).  Names only, no content.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.registry import Registry
from app.sessions import holder_keys
from app.sessions.common import SEALED, account_names
from models import ReviewSession, Round


def waiting_for(db: Session, reg: Registry, session: ReviewSession, rnd: Round) -> list[dict[str, Any]]:
    if session.status != SEALED:
        return []
    names = account_names(db)
    out = []
    for key in holder_keys.round_keys(db, rnd):
        if key.layer and key.released is None:
            name = names.get(key.holder_id, "")
            out.append({"what": "key-release", "who": name, "remote": reg.is_remote(name)})
    return out
