"""Ed25519 signatures of the audit log verified on every core (issue 16 item 3).

The replay (app.registry.replay) stays sequential — each entry's hash link, signer and entitlement depend on the
ones before — but the signatures, the costly part, are verified ahead of it in worker processes, chunk by chunk:
each worker returns the digests (:func:`app.crypto.default.verified_key`) of the (key, signature, bytes) it
verified, the replay's own ``verify`` finds them remembered.  Nothing is taken on trust: a triple that the
replay builds differently (another key, another signature) is not in the set and is verified there as before;
a chunk whose worker failed is simply verified in the replay.

Only this module's light function runs in the workers (started with "spawn": no Qt or database state is
forked); the pool is used for logs of at least ``MIN_ENTRIES`` entries on machines with two cores or more.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

MIN_ENTRIES = 20_000
CHUNK = 4_000
AHEAD = 4  # chunks in flight


def verify_chunk(triples: Sequence[tuple[bytes, bytes, bytes]]) -> list[bytes]:
    """In a worker: the memo digests of the triples whose signature verifies."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from app.crypto.default import verified_key

    keys: dict[bytes, Any] = {}
    out = []
    for public, signature, data in triples:
        try:
            key = keys.get(public)
            if key is None:
                key = keys[public] = ed25519.Ed25519PublicKey.from_public_bytes(public)
            key.verify(signature, data)
        except (InvalidSignature, ValueError):
            continue
        out.append(verified_key(public, signature, data))
    return out


def workers() -> int:
    """How many worker processes to use (0: verify in the replay alone)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores if cores >= 2 else 0


def pipelined(chunks: Iterator[tuple[list[Any], list[tuple[bytes, bytes, bytes]]]]) -> Iterator[list[Any]]:
    """Yield each chunk's rows once its signatures have been verified ahead (remembered for the replay)."""
    import multiprocessing

    from app.crypto.default import forget_verified, remember_verified

    pool = ProcessPoolExecutor(max_workers=workers(), mp_context=multiprocessing.get_context("spawn"))
    pending: list[tuple[list[Any], Future[list[bytes]]]] = []
    try:
        for rows, triples in chunks:
            pending.append((rows, pool.submit(verify_chunk, triples)))
            if len(pending) < AHEAD:
                continue
            yield from _drain_one(pending, remember_verified, forget_verified)
        while pending:
            yield from _drain_one(pending, remember_verified, forget_verified)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _drain_one(pending: list[Any], remember: Any, forget: Any) -> Iterator[list[Any]]:
    rows, future = pending.pop(0)
    try:
        done = future.result()
    except Exception:  # noqa: BLE001 (a worker that failed: the replay verifies this chunk itself)
        done = []
    remember(done)
    try:
        yield rows
    finally:
        forget(done)
