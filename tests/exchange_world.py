"""Two separate stores that exchange files (issue 10): the chair's ("a") and a custodian's ("b").

Built once, then copied for each test so that every test starts from the same files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.exchange import batches, cards, container, imports
from tests.cast import Cast, make_cast
from tests.conftest import file_hashes

CHAIR, CUSTODIAN, ADMIN, OFFICER = "主持人", "监督员", "管理员", "保密员"


@dataclass
class World:
    root: Path
    a: Cast  # the chair's workstation
    b: Cast  # the custodian's workstation

    @property
    def custodian_card(self) -> Path:
        return self.root / "custodian.card"

    @property
    def chair_card(self) -> Path:
        return self.root / "chair.card"

    @property
    def batch(self) -> Path:
        return self.root / "batch.hsx"

    def close(self) -> None:
        self.a.close()
        self.b.close()


def store_files(directory: Path) -> dict[str, str]:
    """Every file of a store but SQLite's shared-memory index (-shm: rebuilt by any reader, holds no data)."""
    return {k: v for k, v in file_hashes(directory).items() if not k.endswith("-shm")}


def build(root: Path) -> World:
    """Both stores made, each side's identity card registered on the other, a key batch exported (not imported)."""
    a, b = make_cast(root / "a"), make_cast(root / "b")
    world = World(root, a, b)
    data, info = cards.export(b(CUSTODIAN))
    world.custodian_card.write_bytes(data)
    imports.import_file(a(ADMIN), world.custodian_card, info["fingerprint"])
    cards.authorise(a(OFFICER), info["fingerprint"])
    data, info = cards.export(a(CHAIR))
    world.chair_card.write_bytes(data)
    imports.import_file(b(ADMIN), world.chair_card, info["fingerprint"])
    cards.authorise(b(OFFICER), info["fingerprint"])
    data, _info = batches.export(b(CUSTODIAN), [CHAIR])
    world.batch.write_bytes(data)
    world.close()
    return world


def copy(world: World, root: Path) -> World:
    shutil.copytree(world.root, root)
    return World(root, Cast(root / "a"), Cast(root / "b"))


REMOTE = "远程监督员"


def seal_remote(world: World) -> int:
    """At the chair's: the batch imported, the custodian enrolled as a remote member, a two-department session
    with that remote custodian opened and sealed; the reveal request written to ``request.hsx``."""
    from app import clearance
    from app.exchange import members, reveal_request
    from tests.cast import CLEARANCE

    chair = world.a(CHAIR)
    imports.import_file(chair, world.batch)
    members.enrol(world.a(ADMIN), world.b(CUSTODIAN).fingerprint, REMOTE)
    clearance.set_clearance(world.a(OFFICER), REMOTE, CLEARANCE)
    sid = world.a.open(n=2, custodians=(REMOTE,))
    world.a.seal(sid, "甲")
    world.a.seal(sid, "乙")
    data, _info = reveal_request.export(chair, sid)
    (world.root / "request.hsx").write_bytes(data)
    return sid


REVIEWER, MEMBER = "甲", "远程甲"  # the reviewer on store "b", and the same person enrolled at the chair's


def open_remote_reviewer(world: World, clerks: tuple[str, ...] = ()) -> int:
    """At the chair's: the reviewer of store "b" enrolled as 远程甲, a session 一室=远程甲, 二室=乙 (local) with
    the local custodian opened; the session package written to ``package.hsx``."""
    from app import clearance
    from app.exchange import members, session_package
    from app.sessions import lifecycle
    from app.sessions.lifecycle import SessionSpec
    from tests.cast import CLEARANCE

    data, info = cards.export(world.b(REVIEWER))
    card = world.root / "reviewer.card"
    card.write_bytes(data)
    imports.import_file(world.a(ADMIN), card, info["fingerprint"])
    cards.authorise(world.a(OFFICER), info["fingerprint"])
    members.enrol(world.a(ADMIN), info["fingerprint"], MEMBER)
    clearance.set_clearance(world.a(OFFICER), MEMBER, CLEARANCE)
    spec = SessionSpec(
        kind="clue_disposal",
        title="关于某某问题线索的处置",
        ref_number="REF-REMOTE-1",
        classification="秘密★1年",
        departments=[f"一室={MEMBER}", "二室=乙"],
        chair=CHAIR,
        custodians=["监督员"],
        clerks=list(clerks),
    )
    sid = lifecycle.create(world.a(CHAIR), spec)
    lifecycle.open_session(world.a(CHAIR), sid)
    data, _info = session_package.export(world.a(CHAIR), sid)
    (world.root / "package.hsx").write_bytes(data)
    return sid


def resigned(world: World, genuine: Path, kind: str, sender: str, **change: Any) -> Path:
    """The chair's copy of ``genuine`` with ``change`` made to its body, signed again by ``sender`` (at the
    custodian's workstation, "b") and sealed to the chair: what an insider holding the sender's keys could make."""
    chair = world.a(CHAIR)
    body = {**container.open_file(genuine.read_bytes(), chair.keys.kem.private).body, **change}
    data = container.build(kind, cards.sender_of(world.b(sender)), [(chair.fingerprint, chair.keys.kem.public)], body)
    path = world.root / "changed.hsx"
    path.write_bytes(data)
    return path


@dataclass
class Open:
    """A world where the chair opened a session with a remote reviewer: its package is in ``package``."""

    world: World
    sid: int
    package: Path


def open_base(root: Path) -> Open:
    """A world with the remote reviewer's session opened, built once per module (closed: copy it to use it)."""
    world = copy(build(root / "world"), root / "open")
    sid = open_remote_reviewer(world)
    world.close()
    return Open(world, sid, world.root / "package.hsx")


def open_copy(base: Open, root: Path) -> Open:
    w = copy(base.world, root)
    return Open(w, base.sid, w.root / "package.hsx")


def seal_at_member(case: Open) -> dict[str, Any]:
    """The remote reviewer (store "b") imports the package and seals round 1 on their own store; the envelope
    file is written to ``envelope.hsx``."""
    from app.exchange import envelope_file
    from app.opinion_form import OpinionForm
    from tests.cast import reasoning

    reviewer = case.world.b(REVIEWER)
    got = imports.import_file(reviewer, case.package)
    form = OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))
    data, info = envelope_file.export(reviewer, got["file"], form)
    (case.world.root / "envelope.hsx").write_bytes(data)
    return info
