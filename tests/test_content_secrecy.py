"""Content at rest after reveal (issue "Insider-proof secrecy", item 3), tried with the database key in hand.

Revealed opinions, the chair's position, recusal statements and the decision
are stored only under the session's content key, sealed to each entitled
reader's identity key; the database key and the 三员's own keys open none of it.
"""

from __future__ import annotations

from typing import Any

import pytest

from app import auditlog
from app.errors import NotPermitted
from app.facts import Tampered
from app.opinion_form import OpinionForm
from app.sessions import chair, content, views
from models import ContentKey, ReviewSession
from tests.cast import PASS, Cast, grant, raw_db, reasoning

DECISION = "经会审，对该线索予以初步核实，由第一监督检查室承办。"
STATEMENT = "本人与被反映人系大学同班同学，依规申请回避。"
CHAIR_TEXT = "主持人意见：经认真研究，同意多数部门意见，该线索反映问题具体，依规依纪开展初步核实工作。"


def _decided_with_recusal(cast: Cast) -> int:
    sid = cast.open(n=3)
    cast.seal(sid, "甲")
    cast.seal(sid, "乙", position="暂存待查")
    from app.opinion_form import Recusal
    from app.sessions import opinions

    opinions.seal_opinion(cast("丙"), sid, None, Recusal(True, STATEMENT))
    from app.sessions import recusal_decisions

    recusal_decisions.decide(cast("主持人"), sid, "三室", True, "回避理由成立，准予回避")
    cast.reveal(sid)
    chair.chair_position(cast("主持人"), sid, OpinionForm(positions={1: "初步核实"}, reasoning=CHAIR_TEXT))
    chair.decide(cast("主持人"), sid, DECISION)
    return sid


def _dump(cast: Cast) -> str:
    """Every column of every table, text and blobs alike, as one string."""
    key = cast("管理员").store.db_key
    parts = []
    with raw_db(cast.directory, key) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("utf-8", "ignore"))
                    elif value is not None:
                        parts.append(str(value))
    return "\n".join(parts)


def test_a_raw_dump_after_reveal_holds_no_content(cast: Cast) -> None:
    sid = _decided_with_recusal(cast)
    # The readers see it all.
    opened = views.opinions(cast("记录员"), sid)["opinions"]
    assert {o["opinion"]["reasoning"] for o in opened if not o["is_chair"]} == {reasoning("甲"), reasoning("乙")}
    assert views.show(cast("记录员"), sid)["decision"]["text"] == DECISION
    dump = _dump(cast)
    for secret in (
        reasoning("甲"),
        reasoning("乙"),
        "标记甲号",
        "标记乙号",
        STATEMENT,
        "大学同班",
        DECISION,
        "第一监督检查室",
    ):
        assert secret not in dump, secret
    assert CHAIR_TEXT[:12] not in dump


def test_the_three_officers_get_no_reader_copy(cast: Cast) -> None:
    sid = _decided_with_recusal(cast)
    with cast("管理员").store.transaction() as db:
        holders = {row.fingerprint for row in db.query(ContentKey).filter(ContentKey.session_id == sid)}
    officers = {cast(n).fingerprint for n in ("管理员", "审计员", "保密员")}
    # 丙's recusal was approved: their copy went with it (issue 14).
    readers = {cast(n).fingerprint for n in ("主持人", "监督员", "记录员", "甲", "乙")}
    assert holders == readers
    assert not holders & officers
    # The auditor verifies the whole store without reading any of it.
    cast.close()
    auditor = cast("审计员")
    assert auditlog.verify_chain(auditor).ok
    with auditor.store.transaction() as db, pytest.raises(NotPermitted):
        content.key_for(db, auditor, db.get_one(ReviewSession, sid), {})


def test_a_planted_content_key_is_refused_before_anything_is_encrypted_under_it(cast: Cast) -> None:
    """Someone with the database key replaces the chair's copy with a key of their own, sealed to the chair."""
    from app.crypto import provider

    sid = cast.open(n=3)
    chair_ctx = cast("主持人")
    mine = provider().random(32)
    store_id = chair_ctx.store.slots.store_id
    fp = chair_ctx.fingerprint
    forged = provider().seal(chair_ctx.keys.kem.public, mine, content._info(store_id, sid, fp))
    with raw_db(cast.directory, chair_ctx.store.db_key, drop_triggers=True) as conn:
        conn.execute("UPDATE content_keys SET sealed=? WHERE session_id=? AND fingerprint=?", (forged, sid, fp))
    for who in ("甲", "乙", "丙"):
        cast.seal(sid, who)
    with pytest.raises(Tampered, match="content key"):
        cast.reveal(sid)
    with raw_db(cast.directory, chair_ctx.store.db_key) as conn:
        assert conn.execute("SELECT count(*) FROM revealed_opinions").fetchone()[0] == 0


def test_a_clerk_added_later_gets_no_copy_unless_named_on_the_session(cast: Cast) -> None:
    from app import accounts

    sid = _decided_with_recusal(cast)
    accounts.add_account(cast("管理员"), "新记录员", ["clerk"], None, PASS)
    with pytest.raises(NotPermitted, match="roles do not permit"):  # the administrator alone grants nothing
        views.opinions(cast("新记录员"), sid)
    cast.close()
    grant(cast.directory, ["新记录员"])
    # Need to know: a clerk the chair did not name on the session gets no copy and reads nothing …
    with pytest.raises(NotPermitted, match="not assigned"):
        views.opinions(cast("新记录员"), sid)
    views.show(cast("主持人"), sid)  # a reader's visit adds copies only for the entitled
    with pytest.raises(NotPermitted, match="not assigned"):
        views.opinions(cast("新记录员"), sid)
    # … while the clerk named on it reads.
    texts = [o["opinion"]["reasoning"] for o in views.opinions(cast("记录员"), sid)["opinions"] if o["department"]]
    assert reasoning("甲") in texts


def test_a_stored_opinion_swapped_by_a_reader_is_refused(cast: Cast) -> None:
    """A reader holds the content key, so could write a well-formed ciphertext; the signed digests catch it."""
    sid = _decided_with_recusal(cast)
    key = cast("管理员").store.db_key
    cast.close()
    with raw_db(cast.directory, key, drop_triggers=True) as conn:
        rows: list[Any] = conn.execute("SELECT id, sealed_content FROM revealed_opinions ORDER BY id").fetchall()
        conn.execute("UPDATE revealed_opinions SET sealed_content=? WHERE id=?", (rows[1][1], rows[0][0]))
    with pytest.raises(Tampered):
        views.opinions(cast("主持人"), sid)
    report = auditlog.verify_chain(cast("审计员"))
    assert not report.ok
