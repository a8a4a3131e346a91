"""Realistic example data: accounts and sessions in every state, for trying Huishen out."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from app import accounts, clearance, grants
from app.context import AccountContext
from app.opinion_form import OpinionForm, Recusal
from app.sessions import chair, deputy, holder_keys, lifecycle, opinions, recusal_decisions, reveal
from app.sessions.lifecycle import SessionSpec
from models.base import utcnow

PASSPHRASE = "demo-pass-2026"
ADMIN = "管理员"

ACCOUNTS: list[tuple[str, list[str], str | None]] = [
    ("审计员", ["auditor"], None),
    ("保密员", ["security_officer"], None),
    ("王主持", ["chair"], "委领导"),
    ("李副主持", ["chair"], "委领导"),
    ("赵监督", ["custodian"], "机关纪委"),
    ("孙记录", ["clerk"], "办公厅"),
    ("周一", ["reviewer"], "第一监督检查室"),
    ("吴二", ["reviewer"], "第二监督检查室"),
    ("郑三", ["reviewer"], "第三监督检查室"),
    ("陈审", ["reviewer"], "案件审理室"),
    ("林访", ["reviewer"], "信访室"),
]
DEPTS = ["第一监督检查室", "第二监督检查室", "第三监督检查室", "案件审理室", "信访室"]
REVIEWER_OF = {
    "第一监督检查室": "周一",
    "第二监督检查室": "吴二",
    "第三监督检查室": "郑三",
    "案件审理室": "陈审",
    "信访室": "林访",
}

REASONS = {
    "周一": "该线索反映某局副局长在工程招投标中违规打招呼、收受好处，举报人提供了具体项目名称和时间，"
    "经初步比对，项目确由其分管，线索具体、可查性较强，建议予以初步核实，重点调取招投标档案和资金往来。",
    "吴二": "线索指向的两个项目中标单位存在关联关系，且中标价格明显高于同期同类项目，与举报内容相互印证，"
    "具备进一步核查的基础；建议初步核实，同时注意保密，防止串供和转移证据。",
    "郑三": "举报内容虽有项目名称，但关于收受好处的情节仅为传闻，无具体时间、地点和金额，"
    "现有材料不足以支撑立即核查；建议先采取谈话函询方式，要求其本人就有关问题作出说明。",
    "陈审": "从审理角度看，若进入初步核实，应当同步固定招投标评审记录和银行流水，确保证据链完整；"
    "综合现有材料，问题线索具体，同意予以初步核实，并建议明确核实期限。",
    "林访": "信访室复核了同一举报人此前的三次来信，反映内容前后一致、细节逐步具体，"
    "且有其他群众来信佐证部分事实，线索可信度较高，建议予以初步核实。",
}


def _form(position: str, reasoning: str, facts: str = "", items: int = 1) -> OpinionForm:
    # Demo content is data (what people would type), not user-interface text: it is not translated.
    return OpinionForm(
        positions={i: position for i in range(1, items + 1)},
        reasoning=reasoning,
        facts=facts,
        disposition="由承办部门按程序办理。",
    )


def populate(admin: AccountContext) -> list[dict[str, Any]]:
    """Add the demo accounts and sessions to an unlocked store (as its administrator)."""
    directory = admin.store.directory
    made = []
    for name, roles, dept in ACCOUNTS:
        accounts.add_account(admin, name, roles, dept, PASSPHRASE)
        made.append({"name": name, "roles": roles, "department": dept, "passphrase": PASSPHRASE})
    ctxs: dict[str, AccountContext] = {}

    def as_(name: str) -> AccountContext:
        if name not in ctxs:
            ctxs[name] = accounts.open_account(directory, name, PASSPHRASE)
        return ctxs[name]

    try:
        # Each person replaces the administrator's passphrase (here with the same demo one) and the security
        # officer countersigns every role that reaches content (三员分立).
        content_accounts = [n for n, roles, _d in ACCOUNTS if not set(roles) & {"auditor", "security_officer"}]
        for name in content_accounts:
            accounts.change_passphrase(as_(name), PASSPHRASE)
        for name in content_accounts:
            grants.authorise(as_("保密员"), name)
            # 涉密人员定级: 信访室's reviewer is cleared for 秘密 only, so the 机密 trial leaves that room out.
            clearance.set_clearance(as_("保密员"), name, "秘密" if name == "林访" else "机密")
            ctxs.pop(name).close()  # signed in again with the roles now in force
        # What the custodian's sign-ins do: one-time round keys, made in the custodian's own session.
        holder_keys.issue_batch(as_("赵监督"), 20)
        _sessions(as_)
    finally:
        for ctx in ctxs.values():
            ctx.close()
    return made


def _spec(
    ref: str, title: str, kind: str = "clue_disposal", depts: list[str] | None = None, days: float | None = 7, **kw: Any
) -> SessionSpec:
    return SessionSpec(
        kind=kind,
        title=title,
        ref_number=ref,
        classification=kw.pop("classification", "秘密★1年"),
        departments=depts or DEPTS,
        chair="王主持",
        custodians=["赵监督"],
        clerks=kw.pop("clerks", ["孙记录"]),
        deadline=utcnow() + timedelta(days=days) if days is not None else None,
        **kw,
    )


def _seal(as_: Any, sid: int, who: str, position: str, reasoning: str | None = None) -> None:
    opinions.seal_opinion(as_(who), sid, _form(position, reasoning or REASONS[who]), Recusal(False))


def _sessions(as_: Any) -> None:
    from app import cert_requests, certs

    certs.init_ca(as_("保密员"), "某市纪委监委")
    cert_requests.request(as_("孙记录"))  # the clerk's signing keys, made in the clerk's own session
    cert_requests.issue(as_("保密员"), "孙记录")
    chair_ctx = as_("王主持")
    # DRAFT: a collective-study matter still being prepared.
    lifecycle.create(
        chair_ctx,
        _spec(
            "纪会〔2026〕5号",
            "关于修订《派驻机构工作规则》的集体研究",
            kind="collective_study",
            depts=DEPTS[:3],
            classification="非密",
            items=["修订草案第三章", "修订草案第五章"],
        ),
    )
    # WITHDRAWN.
    sid = lifecycle.create(chair_ctx, _spec("纪线〔2026〕9号", "关于某街道办事处主任问题线索的处置", depts=DEPTS[:3]))
    lifecycle.withdraw(chair_ctx, sid, "该线索已按管理权限移交区纪委监委处置。")
    # COLLECTING, two of five sealed.
    sid = lifecycle.create(chair_ctx, _spec("纪线〔2026〕12号", "关于某国有企业财务总监问题线索的处置"))
    lifecycle.open_session(chair_ctx, sid)
    _seal(as_, sid, "周一", "初步核实")
    _seal(as_, sid, "林访", "初步核实")
    # COLLECTING and OVERDUE: the deadline passes with opinions missing.
    overdue = lifecycle.create(
        chair_ctx, _spec("纪线〔2026〕11号", "关于某县卫健局干部问题线索的处置", depts=DEPTS[:3], days=2 / 86400)
    )
    lifecycle.open_session(chair_ctx, overdue)
    _seal(as_, overdue, "周一", "谈话函询")
    deadline_passes = time.monotonic() + 2.5
    # SEALED: everyone sealed, waiting for the reveal.
    sid = lifecycle.create(
        chair_ctx,
        _spec(
            "纪审〔2026〕7号",
            "关于某市发改委原副主任案件的审理意见",
            kind="case_trial",
            depts=["第一监督检查室", "第二监督检查室", "案件审理室"],
            classification="机密★5年",
        ),
    )
    lifecycle.open_session(chair_ctx, sid)
    trial = {
        "周一": (
            ["构成违纪", "严重警告", "无", "否"],
            "违反中央八项规定精神，违规收受礼金、违规操办婚宴（《中国共产党纪律处分条例》第一百零一条、第一百零四条）",
            "审查调查查明其违规收受礼金、违规操办婚宴，问题性质较为严重但主动交代、退缴全部款项，"
            "认错悔错态度较好，依规依纪给予党内严重警告处分。",
        ),
        "吴二": (
            ["构成违纪", "严重警告", "记过", "否"],
            "违反廉洁纪律，收受可能影响公正执行公务的礼金（《中国共产党纪律处分条例》第一百零一条）",
            "其违反中央八项规定精神问题事实清楚、证据确实，情节尚未达到须予组织调整的程度，"
            "综合其主动说明情况和积极退赃表现，建议给予党内严重警告、政务记过处分。",
        ),
        "陈审": (
            ["构成违纪和职务违法", "撤销党内职务", "撤职", "否"],
            "利用职务便利为他人谋利并收受财物，违反廉洁纪律，涉嫌职务违法（《中华人民共和国公职人员政务处分法》第三十三条）",
            "审理认为其利用职务便利为他人谋利并收受财物，已涉嫌职务违法，且在审查调查初期存在对抗行为，"
            "从严把握，建议给予撤销党内职务、政务撤职处分。",
        ),
    }
    for who, (positions, finding, reasoning) in trial.items():
        form = OpinionForm(
            positions=dict(enumerate(positions, start=1)), position_notes={1: finding}, reasoning=reasoning
        )
        opinions.seal_opinion(as_(who), sid, form, Recusal(False))
    # REVEALED: five departments, one recusal, one dissent, one near-duplicate pair; chair yet to speak.
    sid = lifecycle.create(chair_ctx, _spec("纪线〔2026〕8号", "关于某区住建局局长问题线索的处置"))
    lifecycle.open_session(chair_ctx, sid)
    _seal(as_, sid, "周一", "初步核实")
    _seal(as_, sid, "吴二", "初步核实", REASONS["周一"] + "另建议同步了解其配偶经商情况。")
    opinions.seal_opinion(as_("郑三"), sid, None, Recusal(True, "本人与被反映人系大学同学，关系密切，申请回避。"))
    recusal_decisions.decide(chair_ctx, sid, "第三监督检查室", True, "回避理由成立，准予回避。")
    _seal(as_, sid, "陈审", "初步核实")
    _seal(as_, sid, "林访", "谈话函询", REASONS["郑三"])
    reveal.release(as_("赵监督"), sid)  # the custodian, in their own session
    reveal.reveal(chair_ctx, sid, {})
    # DECIDED: the full story, for the dossier.
    sid = lifecycle.create(
        chair_ctx, _spec("纪线〔2026〕6号", "关于某局副局长违规插手工程招投标问题线索的处置", classification="秘密★1年")
    )
    lifecycle.open_session(chair_ctx, sid)
    _seal(as_, sid, "周一", "初步核实")
    _seal(as_, sid, "吴二", "初步核实")
    _seal(as_, sid, "郑三", "谈话函询")
    _seal(as_, sid, "陈审", "初步核实")
    opinions.seal_opinion(
        as_("林访"), sid, None, Recusal(True, "被反映人系本人近亲属的同事，为避免影响公正，申请回避。")
    )
    recusal_decisions.decide(chair_ctx, sid, "信访室", True, "为避免影响公正，准予回避。")
    reveal.release(as_("赵监督"), sid)  # the custodian, in their own session
    reveal.reveal(chair_ctx, sid, {})
    chair.chair_position(
        chair_ctx,
        sid,
        _form(
            "初步核实",
            "综合各部门意见，多数部门认为线索具体、可查，第三监督检查室的意见有一定道理，"
            "但现有材料已能与举报内容相互印证，应当予以初步核实，并严格控制知情范围。",
        ),
    )
    chair.decide(
        chair_ctx,
        sid,
        "对该问题线索予以初步核实，由第一监督检查室牵头、案件审理室配合，"
        "于三个月内完成核实并报告结果；第三监督检查室的不同意见如实记录在卷。",
    )
    # COLLECTING with the chair recused: the deputy chair named on the session approved and now acts as chair.
    sid = lifecycle.create(
        chair_ctx,
        _spec("纪线〔2026〕13号", "关于某区教育局局长问题线索的处置", depts=DEPTS[:3], deputy="李副主持"),
    )
    lifecycle.open_session(chair_ctx, sid)
    deputy.request(chair_ctx, sid, "被反映人系本人配偶的表兄，依规申请回避，由副主持人代行主持。")
    deputy.decide(as_("李副主持"), sid, True, "回避理由成立，准予回避，由副主持人代行主持。")
    _seal(as_, sid, "吴二", "初步核实")
    remaining = deadline_passes - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)


def create_store(directory: Path) -> tuple[AccountContext, dict[str, Any]]:
    """A new store for the demo, administered by 管理员 with the demo passphrase."""
    ctx = accounts.init_store(directory, ADMIN, PASSPHRASE)
    return ctx, {"name": ADMIN, "roles": ["administrator"], "department": None, "passphrase": PASSPHRASE}
