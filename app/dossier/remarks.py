"""The 卷内备考表 (GB/T 9704 / DA/T 22: the file's remarks sheet): the dossier's last section, which prints the
page count — made when the layout reaches it (``late.AtPage``), so that the file is laid out once."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from app.dossier.elements import BLOCK_W, LEADING, GridStyle, data_date, make_table, para, signature_notice
from app.dossier.grid import SignatureSlot
from app.dossier.page import Doc


def made_at(
    data: dict[str, Any],
    s: dict[str, GridStyle],
    pages: dict[str, int],
    check: Callable[[list[Flowable]], None],
) -> Callable[[int], list[Flowable]]:
    """The 卷内备考表, made when the layout reaches its page (``start``): it prints the page count, which is
    ``start`` - 1 and the pages the 备考表 takes laid out alone (it starts a page: nothing before moves it)."""

    def make(start: int) -> list[Flowable]:
        count = start
        for _ in range(4):  # settles at once unless the count's digits move the 备考表 onto another page
            total = start - 1 + Doc(BytesIO(), data).lay_out(table(data, s, count, {}, {}))
            if total == count:
                break
            count = total
        else:
            raise AssertionError("the 卷内备考表's page count does not settle")
        data["_page_count"] = count
        made = table(data, s, count, pages, data)
        check(made)
        return made

    return make


def table(
    data: dict[str, Any], s: dict[str, GridStyle], count: int, pages: dict[str, int], slot: dict[str, Any]
) -> list[Flowable]:
    """The 卷内备考表 of a dossier of ``count`` pages; its heading records its page in ``pages``, the signature
    widget's place goes to ``slot``."""
    session, archive = data["session"], data["archive"]
    heading = para("卷内备考表", s["verify"])
    heading.bookmark = (pages, "卷内备考表")
    out: list[Flowable] = [heading, Spacer(1, LEADING)]
    rows = [
        [
            "本卷情况说明",
            f"本卷共 {count} 页，为会审事项{session['ref']}的电子案卷，"
            f"经数字签名后归档；内容见卷内目录。保管期限{archive['retention']}。",
        ],
        ["立 卷 人", data["exported_by"]],
        ["立卷时间", data_date(data["exported_at"])],
        ["检 查 人", ""],
        ["检查时间", ""],
        ["立卷时核验", f"留痕链核验{'通过' if data['chain_ok'] else '未通过'}；各部门意见均经承诺与签名核验后载入。"],
    ]
    table, snap = make_table(rows, [35 * mm, BLOCK_W - 35 * mm], s, header=False)
    table.setStyle(TableStyle([("TOPPADDING", (0, 3), (-1, 4), 10), ("BOTTOMPADDING", (0, 3), (-1, 4), 10)]))
    out += [table, snap, *signature_notice(data, s), Spacer(1, LEADING / 2)]
    out.append(SignatureSlot(70 * mm, 22 * mm, slot))
    return out


__all__ = ["made_at", "table"]
