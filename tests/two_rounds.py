"""A demo store whose session 纪线〔2026〕8号 went to a second round before it was decided (for dossier tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app import accounts, demo
from app.context import AccountContext
from app.opinion_form import Recusal
from app.sessions import chair, lifecycle, opinions, reveal, views

REF = "纪线〔2026〕8号"


def open_as(directory: Path, name: str) -> AccountContext:
    return accounts.open_account(directory, name, demo.PASSPHRASE)


def session_id(ctx: AccountContext, ref: str = REF) -> int:
    return next(r["id"] for r in views.list_sessions(ctx) if r["ref"] == ref)


AGAINST_REASON = "被反映人已于本月主动说明情况并退缴违纪款项，问题性质轻微，经集体研究予以了结，不再初步核实。"


def make_store(directory: Path, against_tally: bool = False) -> Path:
    """The demo store, with 纪线〔2026〕8号 taken through a second round to a decision (``against_tally``: a
    decision of 予以了结 against the round's 初步核实, with the chair's written reason)."""
    ctx, _ = demo.create_store(directory)
    demo.populate(ctx)
    ctx.close()
    opened: dict[str, AccountContext] = {}

    def as_(name: str) -> AccountContext:
        if name not in opened:
            opened[name] = open_as(directory, name)
        return opened[name]

    try:
        sid = session_id(as_("王主持"))
        lifecycle.new_round(as_("王主持"), sid, "意见分歧较大，补充材料后再议一轮")
        for who in ("周一", "吴二", "陈审", "林访"):
            opinions.seal_opinion(as_(who), sid, demo._form("初步核实", demo.REASONS[who]), Recusal(False))
        opinions.seal_opinion(as_("郑三"), sid, None, Recusal(True, "本人与被反映人系大学同学，关系密切，申请回避。"))
        from app.sessions import recusal_decisions

        recusal_decisions.decide(as_("王主持"), sid, "第三监督检查室", True, "回避理由成立，准予回避。")
        reveal.release(as_("赵监督"), sid)  # the custodian, in their own session
        reveal.reveal(as_("王主持"), sid, {})
        chair.chair_position(
            as_("王主持"),
            sid,
            demo._form("初步核实", "经再议，各部门意见一致，补充材料已能与举报内容相互印证，同意予以初步核实。"),
        )
        if against_tally:
            chair.decide(
                as_("王主持"),
                sid,
                "对该问题线索予以了结，由第一监督检查室函告被反映人所在单位党组织。",
                AGAINST_REASON,
                adopted={"1": "予以了结"},
            )
        else:
            chair.decide(
                as_("王主持"), sid, "对该问题线索予以初步核实，由第一监督检查室牵头，于三个月内完成核实并报告结果。"
            )
    finally:
        for c in opened.values():
            c.close()
    return directory


def trust_roots(directory: Path) -> list[bytes]:
    """The store's CA certificates as the signed log names them (for verifying from the file alone)."""
    from app import certs

    officer = open_as(directory, "保密员")
    try:
        with officer.store.transaction() as db:
            return certs.trust_roots_der(db, officer.registry)
    finally:
        officer.close()


Change = Callable[[dict[str, Any]], None]


@contextmanager
def forger(directory: Path, monkeypatch: Any) -> Iterator[Callable[[Change], bytes]]:
    """Build dossiers signed with the clerk's real certificate from data an insider altered with ``change``."""
    from app.dossier import data as dossier_data
    from app.dossier import service

    clerk = open_as(directory, "孙记录")
    real_collect = dossier_data.collect

    def make(change: Change) -> bytes:
        def altered(*args: Any, **kwargs: Any) -> dict[str, Any]:
            content = real_collect(*args, **kwargs)
            change(content)
            return content

        monkeypatch.setattr(dossier_data, "collect", altered)
        pdf, _ = service.build(clerk, session_id(clerk))
        monkeypatch.setattr(dossier_data, "collect", real_collect)
        return pdf

    try:
        yield make
    finally:
        clerk.close()
