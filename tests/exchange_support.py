"""Shared fixtures and steps of the exchange-file tests (tests/test_exchange.py, tests/test_exchange_batches.py):
one world of stores built once per run and copied per test, and the attacker's tools."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.crypto import provider
from app.exchange import container, imports
from app.exchange.schema import ExchangeRefused
from tests import exchange_world
from tests.exchange_world import CUSTODIAN, World, store_files

_BUILT: list[World] = []


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> World:
    """Built once per run (the modules that use it only copy it), not once per module."""
    if not _BUILT:
        _BUILT.append(exchange_world.build(tmp_path_factory.mktemp("exchange") / "world"))
    return _BUILT[0]


@pytest.fixture
def world(base: World, tmp_path: Path) -> Iterator[World]:
    w = exchange_world.copy(base, tmp_path / "world")
    yield w
    w.close()


def refused(ctx, path: Path, reason: str, fingerprint: str | None = None) -> ExchangeRefused:  # type: ignore[no-untyped-def]
    """Import must refuse with ``reason`` and leave every file of the store as it was."""
    before = store_files(ctx.store.directory)
    with pytest.raises(ExchangeRefused) as info:
        imports.import_file(ctx, path, fingerprint)
    assert info.value.reason == reason, info.value.message
    assert store_files(ctx.store.directory) == before
    return info.value


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def fingerprint(world: World, who: str = CUSTODIAN) -> str:
    return world.b(who).fingerprint


def new_public() -> bytes:
    return provider().new_encryption_key().public


def open_inner(data: bytes, kem_private: bytes) -> bytes:
    """What a recipient holds after opening a sealed file: the signed inner document (the attacker's start)."""
    at = len(container.MAGIC) + 3
    count = data[at]
    at += 1
    slots = []
    for _ in range(count):
        (size,) = struct.unpack(">H", data[at : at + 2])
        slots.append(data[at + 2 : at + 2 + size])
        at += 2 + size
    prefix = data[:at]
    (size,) = struct.unpack(">I", data[at : at + 4])
    ciphertext = data[at + 4 : at + 4 + size]
    for slot in slots:
        try:
            key = provider().open(kem_private, slot, container.SLOT_INFO)
        except Exception:  # noqa: BLE001,S112 - another recipient's slot
            continue
        return provider().unwrap(key, ciphertext, prefix)
    raise AssertionError("not a recipient")
