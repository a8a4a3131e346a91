"""A short property-based run of the chair's import of recusal envelope files (issue 10): the genuine file damaged
as bytes, or changed anywhere in its JSON and re-signed by the genuine reviewer, sealed to the chair.  Each
input ends in an import or a refusal, never another exception, and a refusal leaves the store unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import strategies as st

from app.canonical import canonical_json
from app.crypto import provider
from app.exchange import container, imports, recusal_file
from tests import exchange_world
from tests.exchange_fuzz import _bytes_mutation, _json_values, _mutate, run_importer
from tests.exchange_world import CHAIR, REVIEWER, World


def recusal_strategy(world: World) -> st.SearchStrategy[tuple[str, bytes]]:
    chair, reviewer = world.a(CHAIR), world.b(REVIEWER)
    imported = imports.import_file(reviewer, world.root / "package.hsx")
    data, _info = recusal_file.export(reviewer, imported["file"], "本人与被反映人系近亲属关系，依规申请回避。")
    doc = json.loads(container.open_file(data, chair.keys.kem.private).signed)
    store = chair.store.slots.store_id
    known = [chair.fingerprint, reviewer.fingerprint, store, f"{store}/1", f"{store}/1/1", f"{store}/1/2", "ab" * 32]
    known += [recusal_file.MARK.hex() + "00" * 40, "一室", "二室"]

    def signed(value: Any) -> tuple[str, bytes]:
        try:
            body = canonical_json(value)
        except TypeError:
            body = json.dumps(value).encode()
        inner = container.inner_of(body, provider().sign(reviewer.keys.sign.private, container.SIGN_DOMAIN + body))
        return "chair", container.frame(inner, [(chair.fingerprint, chair.keys.kem.public)])

    def swap(index: int, value: Any) -> tuple[str, bytes]:
        changed = json.loads(json.dumps(doc))
        body = changed["body"]
        body[sorted(body)[index % len(body)]] = value
        return signed(changed)

    structural = st.tuples(
        st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=6), _json_values(known), st.booleans()
    ).map(lambda t: signed(_mutate(doc, t[0], t[1], t[2])))
    targeted = st.tuples(st.integers(min_value=0, max_value=20), st.sampled_from(known)).map(lambda t: swap(*t))
    return st.one_of(_bytes_mutation(data).map(lambda b: ("chair", b)), targeted, structural, structural)


def test_the_recusal_importer_never_crashes(tmp_path_factory: pytest.TempPathFactory) -> None:
    w = exchange_world.build(tmp_path_factory.mktemp("exchange-fuzz-recusal") / "world")
    exchange_world.open_remote_reviewer(w)
    try:
        run_importer(w, recusal_strategy(w), 120, w.root / "input.hsx")
    finally:
        w.close()
