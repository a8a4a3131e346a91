"""Property-based fuzzing of every exchange-file importer (issue 10).

Inputs: random bytes; the magic and version followed by random bytes; valid files with bytes flipped,
cut, inserted; files correctly sealed to the chair around a damaged signed document; and documents whose
JSON was changed anywhere, then correctly signed by the registered sender and sealed — so the fuzzer
reaches every schema check behind the signature.  Each input must end in an import or a refusal
(:class:`~app.errors.Refused`), never another exception, and a refusal must leave the store byte-for-byte
unchanged.
"""

from __future__ import annotations

import json
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.canonical import canonical_json
from app.crypto import provider
from app.errors import Refused
from app.exchange import container, imports
from app.exchange.schema import ExchangeRefused
from tests.exchange_world import ADMIN, CHAIR, CUSTODIAN, World, store_files


@dataclass
class Outcome:
    inputs: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def _inner_of_batch(world: World) -> bytes:
    from tests.exchange_support import open_inner

    return open_inner(world.batch.read_bytes(), world.a(CHAIR).keys.kem.private)


def _document(inner: bytes) -> Any:
    (size,) = struct.unpack(">I", inner[:4])
    return json.loads(inner[4 : 4 + size])


def _json_values(known: list[str]) -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.text(max_size=30),
        st.sampled_from(["", "00" * 32, "key-batch", "identity-card", CUSTODIAN, CHAIR, "custodian", "chair", *known]),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
        max_leaves=10,
    )


def _mutate(data: Any, path: list[int], value: Any, delete: bool) -> Any:
    if not path or not isinstance(data, (dict, list)) or not data:
        return value
    if isinstance(data, dict):
        key: Any = sorted(data)[path[0] % len(data)]
        copy: Any = dict(data)
    else:
        key = path[0] % len(data)
        copy = list(data)
    if delete and len(path) == 1:
        del copy[key]
        return copy
    copy[key] = _mutate(copy[key], path[1:], value, delete)
    return copy


def _bytes_mutation(raw: bytes) -> st.SearchStrategy[bytes]:
    position = st.integers(min_value=0, max_value=max(0, len(raw) - 1))
    return st.one_of(
        st.tuples(position, st.integers(min_value=1, max_value=255)).map(
            lambda t: raw[: t[0]] + bytes([raw[t[0]] ^ t[1]]) + raw[t[0] + 1 :]
        ),
        position.map(lambda p: raw[:p]),
        st.tuples(position, st.binary(min_size=1, max_size=16)).map(lambda t: raw[: t[0]] + t[1] + raw[t[0] :]),
        st.tuples(position, st.integers(min_value=1, max_value=64)).map(lambda t: raw[: t[0]] + raw[t[0] + t[1] :]),
    )


def strategy(world: World) -> st.SearchStrategy[tuple[str, bytes]]:
    """(who imports, file bytes): "chair" for sealed files, "admin" for cards."""
    batch = world.batch.read_bytes()
    card = world.custodian_card.read_bytes()
    inner = _inner_of_batch(world)
    batch_doc = _document(inner)
    card_doc = _document(card[len(container.MAGIC) + 3 :])
    chair, custodian = world.a(CHAIR), world.b(CUSTODIAN)
    to_chair = [(chair.fingerprint, chair.keys.kem.public)]
    key = custodian.keys.sign.private
    # Values the checks compare against (fingerprints, store ids), so mutations reach the trust and recipient
    # checks too, not only the schema.
    people = [world.a(CHAIR), world.a("记录员"), world.a(ADMIN), custodian, world.b("甲")]
    known = [p.fingerprint for p in people] + [world.a(CHAIR).store.slots.store_id, custodian.store.slots.store_id]
    known += [batch_doc["body"]["keys"][0]["digest"], batch_doc["body"]["keys"][0]["public"]]

    def signed(doc: Any, plain: bool) -> bytes:
        try:
            body = canonical_json(doc)
        except TypeError:
            body = json.dumps(doc).encode()
        inner = container.inner_of(body, provider().sign(key, container.SIGN_DOMAIN + body))
        return container.frame(inner, [] if plain else to_chair)

    structural = st.tuples(
        st.sampled_from(["batch", "card"]),
        st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=5),
        _json_values(known),
        st.booleans(),
    ).map(
        lambda t: (
            "chair" if t[0] == "batch" else "admin",
            signed(_mutate(batch_doc if t[0] == "batch" else card_doc, t[1], t[2], t[3]), t[0] == "card"),
        )
    )
    head = container.MAGIC + struct.pack(">H", container.VERSION)
    return st.one_of(
        st.binary(max_size=300).map(lambda b: ("chair", b)),
        st.binary(max_size=300).map(lambda b: ("chair", head + b)),
        _bytes_mutation(batch).map(lambda b: ("chair", b)),
        _bytes_mutation(card).map(lambda b: ("admin", b)),
        _bytes_mutation(inner).map(lambda b: ("chair", container.frame(b, to_chair))),
        structural,
        structural,
    )


def remote_strategy(world: World) -> st.SearchStrategy[tuple[str, bytes]]:
    """The files of a session with a custodian at another workstation (``exchange_world.seal_remote`` done):
    the reveal request (imported by the custodian) and a key release (imported by the chair), damaged as bytes
    and changed anywhere in their JSON, then signed by their genuine sender and sealed to the genuine recipient."""
    from app.exchange import imports as imp
    from app.exchange import key_release

    chair, custodian = world.a(CHAIR), world.b(CUSTODIAN)
    request = (world.root / "request.hsx").read_bytes()
    imp.import_file(custodian, world.root / "request.hsx")
    req = container.open_file(request, custodian.keys.kem.private)
    release, _info = key_release.export(custodian, req.file_id)
    rel = container.open_file(release, chair.keys.kem.private)
    docs = {"request": json.loads(req.signed), "release": json.loads(rel.signed)}
    senders = {"request": chair.keys.sign.private, "release": custodian.keys.sign.private}
    to = {
        "request": [(custodian.fingerprint, custodian.keys.kem.public)],
        "release": [(chair.fingerprint, chair.keys.kem.public)],
    }
    who = {"request": "custodian", "release": "chair"}
    known = [chair.fingerprint, custodian.fingerprint, req.body["round"], rel.body["board"], rel.body["key"]]
    known += [chair.store.slots.store_id, "key-release", "reveal-request"]

    def signed(kind: str, doc: Any) -> tuple[str, bytes]:
        try:
            body = canonical_json(doc)
        except TypeError:
            body = json.dumps(doc).encode()
        inner = container.inner_of(body, provider().sign(senders[kind], container.SIGN_DOMAIN + body))
        return who[kind], container.frame(inner, to[kind])

    structural = st.tuples(
        st.sampled_from(["request", "release"]),
        st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=5),
        _json_values(known),
        st.booleans(),
    ).map(lambda t: signed(t[0], _mutate(docs[t[0]], t[1], t[2], t[3])))
    # One body field swapped for another well-formed value: reaches the checks of session, round, key and board.
    store = chair.store.slots.store_id
    values = [
        f"{store}/1/2",
        f"{store}/2/1",
        f"{custodian.store.slots.store_id}/1/1",
        "ab" * 32,
        rel.body["key"],
        rel.body["board"],
        req.body["round"],
        provider().random(80).hex(),
    ]

    def swap(kind: str, name: str, value: Any) -> tuple[str, bytes]:
        doc = json.loads(json.dumps(docs[kind]))
        doc["body"][name] = value
        return signed(kind, doc)

    targeted = st.tuples(
        st.sampled_from(["request", "release"]),
        st.sampled_from(["round", "board", "key", "sealed"]),
        st.sampled_from(values),
    ).map(lambda t: swap(*t))
    return st.one_of(
        _bytes_mutation(request).map(lambda b: ("custodian", b)),
        _bytes_mutation(release).map(lambda b: ("chair", b)),
        targeted,
        structural,
        structural,
        structural,
    )


def reviewer_strategy(world: World) -> st.SearchStrategy[tuple[str, bytes]]:
    """The files of a session with a reviewer at another workstation (``exchange_world.open_remote_reviewer``
    done, then taken here to a decision): session package and receipt and result (imported by the reviewer),
    envelope (imported by the chair) — damaged as bytes, or changed anywhere in their JSON and re-signed by
    their genuine sender, sealed to the genuine recipient."""
    from app.exchange import envelope_file, receipts, result_package
    from app.opinion_form import OpinionForm
    from app.sessions import chair as chair_service
    from tests.cast import reasoning
    from tests.exchange_world import REVIEWER

    chair, reviewer = world.a(CHAIR), world.b(REVIEWER)
    sid = 1  # the one session of the world
    package = (world.root / "package.hsx").read_bytes()
    imported = imports.import_file(reviewer, world.root / "package.hsx")
    envelope, _info = envelope_file.export(
        reviewer, imported["file"], OpinionForm(positions={1: "初步核实"}, reasoning=reasoning(REVIEWER))
    )
    (world.root / "envelope.hsx").write_bytes(envelope)
    imports.import_file(chair, world.root / "envelope.hsx")
    receipt, _info = receipts.export(chair, sid)
    world.a.seal(sid, "乙")
    world.a.reveal(sid)
    chair_service.chair_position(chair, sid, OpinionForm(positions={1: "初步核实"}, reasoning=reasoning("主持人")))
    chair_service.decide(chair, sid, "经集体研究，决定对该线索予以初步核实。")
    result, _info = result_package.export(chair, sid)
    files = {"package": package, "envelope": envelope, "receipt": receipt, "result": result}
    who = {"package": "reviewer", "envelope": "chair", "receipt": "reviewer", "result": "reviewer"}
    keys = {"reviewer": reviewer.keys.kem.private, "chair": chair.keys.kem.private}
    docs = {k: json.loads(container.open_file(v, keys[who[k]]).signed) for k, v in files.items()}
    senders = {k: (reviewer if k == "envelope" else chair).keys.sign.private for k in files}
    to = {
        "reviewer": [(reviewer.fingerprint, reviewer.keys.kem.public)],
        "chair": [(chair.fingerprint, chair.keys.kem.public)],
    }
    known = [chair.fingerprint, reviewer.fingerprint, chair.store.slots.store_id, f"{chair.store.slots.store_id}/1"]
    known += [f"{chair.store.slots.store_id}/1/1", f"{chair.store.slots.store_id}/1/2", "ab" * 32]

    def signed(kind: str, doc: Any) -> tuple[str, bytes]:
        try:
            body = canonical_json(doc)
        except TypeError:
            body = json.dumps(doc).encode()
        inner = container.inner_of(body, provider().sign(senders[kind], container.SIGN_DOMAIN + body))
        return who[kind], container.frame(inner, to[who[kind]])

    kinds = st.sampled_from(sorted(files))
    structural = st.tuples(
        kinds,
        st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6),
        _json_values(known),
        st.booleans(),
    ).map(lambda t: signed(t[0], _mutate(docs[t[0]], t[1], t[2], t[3])))

    def swap(kind: str, index: int, value: Any) -> tuple[str, bytes]:
        doc = json.loads(json.dumps(docs[kind]))
        body = doc["body"]
        body[sorted(body)[index % len(body)]] = value
        return signed(kind, doc)

    targeted = st.tuples(kinds, st.integers(min_value=0, max_value=20), st.sampled_from(known)).map(lambda t: swap(*t))
    return st.one_of(
        *[_bytes_mutation(data).map(lambda b, k=kind: (who[k], b)) for kind, data in files.items()],
        targeted,
        structural,
        structural,
    )


def check_one(world: World, who: str, data: bytes, path: Path, outcome: Outcome) -> None:
    """Import ``data`` as ``who``; record the outcome, and any escape or change on refusal as a failure."""
    people = {"custodian": world.b(CUSTODIAN), "reviewer": world.b("甲")}
    ctx = people[who] if who in people else world.a(CHAIR if who == "chair" else ADMIN)
    path.write_bytes(data)
    fingerprint = world.b(CUSTODIAN).fingerprint if who == "admin" else None
    before = store_files(ctx.store.directory)
    outcome.inputs += 1
    try:
        result = imports.import_file(ctx, path, fingerprint)
        outcome.reasons["already" if result.get("already") else "imported"] += 1
        return
    except ExchangeRefused as exc:
        outcome.reasons[exc.reason] += 1
    except Refused as exc:
        outcome.reasons[type(exc).__name__] += 1
    except Exception as exc:  # noqa: BLE001 - any other escape is a finding
        outcome.failures.append(f"{type(exc).__name__}: {exc} for {data[:60]!r}")
        return
    if store_files(ctx.store.directory) != before:
        outcome.failures.append(f"refused but the store changed, for {data[:60]!r}")


def run_importer(world: World, cases: st.SearchStrategy[tuple[str, bytes]], examples: int, path: Path) -> Outcome:
    """Feed ``examples`` generated files to the importers; fail on any escape or on a refusal that changed a store,
    and require that the run reached the checks behind the signature, not only the outer framing."""
    outcome = Outcome()

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def one(case: tuple[str, bytes]) -> None:
        check_one(world, case[0], case[1], path, outcome)

    one()
    assert not outcome.failures, outcome.failures[:5]
    assert outcome.inputs >= examples
    assert outcome.reasons["malformed"] and outcome.reasons["altered"], outcome.reasons
    return outcome
