"""A cast of accounts and helpers for session tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from app import accounts, grants
from app.context import AccountContext
from app.opinion_form import OpinionForm, Recusal
from app.sessions import holder_keys, lifecycle, opinions
from app.sessions.lifecycle import SessionSpec

PASS = "cast-pass-123"
DEPTS = ["一室", "二室", "三室", "审理室", "信访室"]
REVIEWERS = ["甲", "乙", "丙", "丁", "戊"]
ROLES = {
    "主持人": ["chair"],
    "监督员": ["custodian"],
    "记录员": ["clerk"],
    "审计员": ["auditor"],
    "保密员": ["security_officer"],
}


def reasoning(who: str, extra: str = "") -> str:
    """Distinct, long-enough reasoning that carries a marker unique to its author."""
    return (
        f"标记{who}号：经认真审阅线索材料，{who}部门认为反映的问题具体明确，"
        f"时间地点人物要素齐全，具有较强的可查性，应当依规依纪处理{extra}。"
    )


@dataclass
class Cast:
    directory: Path
    ctxs: dict[str, AccountContext] = field(default_factory=dict)

    def __call__(self, name: str) -> AccountContext:
        if name not in self.ctxs:
            self.ctxs[name] = accounts.open_account(self.directory, name, PASS)
        return self.ctxs[name]

    def close(self) -> None:
        for ctx in self.ctxs.values():
            ctx.close()
        self.ctxs.clear()

    def create(self, n: int = 5, custodians: tuple[str, ...] = ("监督员",), **kw: Any) -> int:
        spec = SessionSpec(
            kind=kw.pop("kind", "clue_disposal"),
            title=kw.pop("title", "关于某某问题线索的处置"),
            ref_number=kw.pop("ref", f"REF-{len(self.ctxs)}-{id(kw)}"),
            classification=kw.pop("classification", "秘密★1年"),
            departments=DEPTS[:n],
            chair="主持人",
            custodians=list(custodians),
            **kw,
        )
        return lifecycle.create(self("主持人"), spec)

    def open(self, **kw: Any) -> int:
        sid = self.create(**kw)
        lifecycle.open_session(self("主持人"), sid)
        return sid

    def seal(self, sid: int, reviewer: str, position: str = "初步核实", text: str | None = None) -> dict[str, Any]:
        form = OpinionForm(positions={1: position}, reasoning=text or reasoning(reviewer))
        return opinions.seal_opinion(self(reviewer), sid, form, Recusal(False))

    def reveal(self, sid: int, custodians: tuple[str, ...] = ("监督员",)) -> dict[str, Any]:
        """Each custodian releases in their own session, then the chair reveals."""
        from app.sessions import reveal

        for name in custodians:
            reveal.release(self(name), sid)
        return reveal.reveal(self("主持人"), sid, {})

    def recuse(self, sid: int, reviewer: str) -> dict[str, Any]:
        return opinions.seal_opinion(self(reviewer), sid, None, Recusal(True, "与被反映人系同学关系"))


def grant(directory: Path, names: list[str], passphrase: str = PASS) -> None:
    """What 三员分立 asks: each person replaces the administrator's passphrase, the security officer authorises."""
    for name in names:
        ctx = accounts.open_account(directory, name, passphrase)
        accounts.change_passphrase(ctx, passphrase)
        ctx.close()
    officer = accounts.open_account(directory, "保密员", PASS)
    for name in names:
        grants.authorise(officer, name)
    officer.close()


def make_cast(directory: Path) -> Cast:
    admin = accounts.init_store(directory, "管理员", PASS)
    for name, roles in ROLES.items():
        accounts.add_account(admin, name, roles, None, PASS)
    for dept, name in zip(DEPTS, REVIEWERS, strict=True):
        accounts.add_account(admin, name, ["reviewer"], dept, PASS)
    admin.close()
    grant(directory, [n for n in [*ROLES, *REVIEWERS] if n not in ("审计员", "保密员")])
    custodian = accounts.open_account(directory, "监督员", PASS)
    holder_keys.issue_batch(custodian, 10)  # what the custodian's sign-in does
    custodian.close()
    return Cast(directory)


@contextmanager
def raw_db(directory: Path, db_key: bytes, drop_triggers: bool = False) -> Iterator[Any]:
    conn = sqlcipher3.connect(str(directory / "huishen.db"))
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    if drop_triggers:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


ALL_ACCOUNTS = (*ROLES, "管理员", *REVIEWERS)
# Audit details and genesis flags that stores from before signed facts did not write.
LEGACY_KEYS = ("definition", "round_key", "holder_keys", "envelope", "recusal", "decision", "two_person")


def strip_to_legacy(cast: Cast) -> bytes:
    """Make the cast's store look like one written before signed facts: the log without row digests, re-signed
    by each account, no commitment salts, no anchors in the slots.  Returns the database key (the cast is closed).

    Needs a cast whose first passphrase changes kept each identity (the ``legacy_cast`` fixture): a retired
    identity's key could not re-sign its entries.
    """
    from app import audit, keyslots
    from app.canonical import canonical_json
    from app.crypto import provider
    from models.base import UTCDateTime

    keys = {name: cast(name).keys.sign.private for name in ALL_ACCOUNTS}
    key = cast("管理员").store.db_key
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        prev = audit.GENESIS
        rows = conn.execute("SELECT seq, ts, actor, action, object, details FROM audit_entries ORDER BY seq").fetchall()
        for seq, ts, actor, action, obj, details in rows:
            data = {k: v for k, v in json.loads(details).items() if k not in LEGACY_KEYS}
            details = canonical_json(data).decode()
            t = UTCDateTime().process_result_value(ts, None)
            digest = audit.entry_hash(seq, t, actor, action, obj, details, prev)  # type: ignore[arg-type]
            sig = provider().sign(keys[actor], audit.signed_bytes(digest))
            conn.execute(
                "UPDATE audit_entries SET details=?, prev_hash=?, hash=?, signature=? WHERE seq=?",
                (details, prev, digest, sig, seq),
            )
            prev = digest
        conn.execute("UPDATE revealed_opinions SET salt=NULL")
    slots = keyslots.load(cast.directory)
    for name in slots.slots:
        slots.set_anchor(name, None)
    keyslots.save(cast.directory, slots)
    return key
