"""A whole session across four separate stores — chair, custodian, two reviewers — by files only (issue 10,
item 5): identity exchange, key batch, session package, each reviewer seals on their own store and exports
an envelope (unreadable to them), the chair imports it and sends receipts back, a second round, reveal request
and key release, reveal, chair's position, decision, result package; every store ends with the same tallies
and decision and its own inclusion checked; ``audit verify`` holds on every store."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import audit, clearance, facts, registry
from app.exchange import (
    batches,
    cards,
    container,
    envelope_file,
    imports,
    key_release,
    members,
    receipts,
    result_package,
    reveal_request,
    session_package,
)
from app.exchange.schema import ExchangeRefused
from app.opinion_form import OpinionForm
from app.sessions import chair as chair_service
from app.sessions import lifecycle, reveal, views
from app.sessions.lifecycle import SessionSpec
from models import ReviewSession
from tests.cast import CLEARANCE, Cast, make_cast, reasoning
from tests.exchange_world import store_files

CHAIR, CUSTODIAN, ADMIN, OFFICER = "主持人", "监督员", "管理员", "保密员"
# store → (person there, name at the chair's store, department)
PEOPLE = {"custodian": (CUSTODIAN, "远程监督员", None), "r1": ("甲", "远程甲", "一室"), "r2": ("乙", "远程乙", "二室")}


class Media:
    """The removable medium: files written by one store, read by another."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def put(self, data: bytes) -> Path:
        self.count += 1
        path = self.root / f"{self.count:03d}.hsx"
        path.write_bytes(data)
        return path


def form(who: str, position: str) -> OpinionForm:
    return OpinionForm(positions={1: position}, reasoning=reasoning(who))


def test_a_whole_session_across_four_stores_by_files_only(tmp_path: Path) -> None:
    stores = {key: make_cast(tmp_path / key) for key in ("chair", "custodian", "r1", "r2")}
    usb = Media(tmp_path / "usb")
    usb.root.mkdir()
    chair_store = stores["chair"]
    chair = chair_store(CHAIR)
    try:
        _run(stores, usb, chair_store, chair)
    finally:
        for cast in stores.values():
            cast.close()


def _exchange_cards(stores: dict[str, Cast], usb: Media) -> None:
    chair_store = stores["chair"]
    data, info = cards.export(chair_store(CHAIR))
    chair_card, chair_fp = usb.put(data), info["fingerprint"]
    for key, (person, local, _dept) in PEOPLE.items():
        data, info = cards.export(stores[key](person))
        imports.import_file(chair_store(ADMIN), usb.put(data), info["fingerprint"])
        cards.authorise(chair_store(OFFICER), info["fingerprint"])
        members.enrol(chair_store(ADMIN), info["fingerprint"], local)
        clearance.set_clearance(chair_store(OFFICER), local, CLEARANCE)
        imports.import_file(stores[key](ADMIN), chair_card, chair_fp)
        cards.authorise(stores[key](OFFICER), chair_fp)


def _seal_round(
    stores: dict[str, Cast], usb: Media, chair: object, sid: int, positions: dict[str, str]
) -> dict[str, Path]:
    """One round through files; returns the files it moved (package, each envelope)."""
    moved = {}
    package = moved["package"] = usb.put(session_package.export(chair, sid)[0])  # type: ignore[arg-type]
    for key in ("r1", "r2"):
        person = PEOPLE[key][0]
        reviewer = stores[key](person)
        imported = imports.import_file(reviewer, package)
        data, info = envelope_file.export(reviewer, imported["file"], form(person, positions[key]))
        envelope = moved[key] = usb.put(data)
        with pytest.raises(ExchangeRefused):  # the reviewer who carries it cannot open it
            container.open_file(envelope.read_bytes(), reviewer.keys.kem.private)
        imports.import_file(chair, envelope)  # type: ignore[arg-type]
    receipt = usb.put(receipts.export(chair, sid)[0])  # type: ignore[arg-type]
    for key in ("r1", "r2"):
        assert imports.import_file(stores[key](PEOPLE[key][0]), receipt)["imported"]
    return moved


def _release(stores: dict[str, Cast], usb: Media, chair: object, sid: int) -> Path:
    request = usb.put(reveal_request.export(chair, sid)[0])  # type: ignore[arg-type]
    custodian = stores["custodian"](CUSTODIAN)
    imported = imports.import_file(custodian, request)
    release = usb.put(key_release.export(custodian, imported["file"])[0])
    imports.import_file(chair, release)  # type: ignore[arg-type]
    reveal.reveal(chair, sid, {})  # type: ignore[arg-type]
    return release


def refused(ctx: object, path: Path, reason: str) -> None:
    """The import is refused for ``reason`` and the importing store is byte-for-byte unchanged."""
    directory = ctx.store.directory  # type: ignore[attr-defined]
    before = store_files(directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(ctx, path)  # type: ignore[arg-type]
    assert info.value.reason == reason, info.value.message
    assert store_files(directory) == before


def _run(stores: dict[str, Cast], usb: Media, chair_store: Cast, chair: object) -> None:
    _exchange_cards(stores, usb)
    batch = usb.put(batches.export(stores["custodian"](CUSTODIAN), [CHAIR])[0])
    imports.import_file(chair, batch)  # type: ignore[arg-type]
    spec = SessionSpec(
        kind="clue_disposal",
        title="关于某某问题线索的处置（跨工作站）",
        ref_number="纪线〔2026〕跨1号",
        classification="秘密★1年",
        departments=["一室=远程甲", "二室=远程乙"],
        chair=CHAIR,
        custodians=["远程监督员"],
        clerks=["记录员"],
    )
    sid = lifecycle.create(chair, spec)  # type: ignore[arg-type]
    lifecycle.open_session(chair, sid)  # type: ignore[arg-type]
    # Round 1: the departments disagree; the chair opens a second round.
    first = _seal_round(stores, usb, chair, sid, {"r1": "初步核实", "r2": "予以了结"})
    first_release = _release(stores, usb, chair, sid)
    lifecycle.new_round(chair, sid, "意见分歧较大，补充材料后再议一轮")  # type: ignore[arg-type]
    # Round 2: both agree.
    second = _seal_round(stores, usb, chair, sid, {"r1": "初步核实", "r2": "初步核实"})
    # Round 1's files replayed in round 2 are refused, every store unchanged: an envelope, the package (on the
    # reviewer's store), and — once round 2 is sealed — the key release.
    refused(chair, first["r1"], "replay")
    refused(chair, first_release, "replay")
    reviewer = stores["r1"]("甲")
    before = store_files(reviewer.store.directory)
    old = imports.import_file(reviewer, first["package"])
    assert old["already"] and store_files(reviewer.store.directory) == before
    with pytest.raises(ExchangeRefused) as info:  # sealing again for round 1
        envelope_file.export(reviewer, old["file"], form("甲", "予以了结"))
    assert info.value.reason == "replay" and store_files(reviewer.store.directory) == before
    before = store_files(chair_store.directory)
    assert imports.import_file(chair, second["r2"])["already"]  # type: ignore[arg-type]
    assert store_files(chair_store.directory) == before
    _release(stores, usb, chair, sid)
    chair_service.chair_position(chair, sid, form(CHAIR, "初步核实"))  # type: ignore[arg-type]
    chair_service.decide(chair, sid, "经集体研究，决定对该线索予以初步核实。")  # type: ignore[arg-type]
    tally = views.tally(chair, sid, 2)  # type: ignore[arg-type]
    assert tally["items"][0]["passed_option"] == "初步核实"
    result = usb.put(result_package.export(chair, sid)[0])  # type: ignore[arg-type]
    for key in ("r1", "r2"):
        reviewer = stores[key](PEOPLE[key][0])
        out = imports.import_file(reviewer, result)
        assert out["included"] == [1, 2]  # each envelope it sealed is in the result unchanged
        shown = result_package.results(reviewer)[0]
        assert shown["decision"]["text"] == "经集体研究，决定对该线索予以初步核实。"
        assert [r["tally"]["items"][0]["counts"] for r in shown["rounds"]] == [
            views.tally(chair, sid, n)["items"][0]["counts"]  # type: ignore[arg-type]
            for n in (1, 2)
        ]
    with pytest.raises(ExchangeRefused):  # the custodian did not seal: nothing of theirs to find, but it is sent
        imports.import_file(stores["custodian"]("甲"), result)
    assert imports.import_file(stores["custodian"](CUSTODIAN), result)["included"] == []
    with chair_store(CHAIR).store.transaction() as db:
        reg = registry.catch_up(db, chair_store(CHAIR).registry)
        session = db.get_one(ReviewSession, sid)
        assert session.status == "decided"
        assert facts.check_session(db, reg, session, chair_store(CHAIR).store.slots.store_id) == []
    # The chair's store exports a dossier of the session that 'dossier verify' accepts.
    from app import cert_requests, certs
    from app.dossier import service

    certs.init_ca(chair_store(OFFICER), "某市纪委监委")
    cert_requests.request(chair_store("记录员"))
    cert_requests.issue(chair_store(OFFICER), "记录员")
    out = usb.root.parent / "dossier.pdf"
    assert service.export(chair_store("记录员"), sid, out)["status"] == "archived"
    ca = certs.export_ca_pem(chair_store(OFFICER)).encode()
    report = service.verify(out, [ca], chair_store("记录员"))
    assert report.ok, report.failure
    for key, cast in stores.items():
        with cast(ADMIN).store.transaction() as db:
            assert audit.verify(db).ok, key
