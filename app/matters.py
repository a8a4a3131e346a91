"""Matter kinds, their option lists, classifications and decision rules — data, not code."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.errors import InvalidInput
from app.i18n import tr

KINDS_FILE = Path(__file__).resolve().parent.parent / "resources" / "matter_kinds.json"
CUSTOM = "custom"

RULES = ("majority-of-expected", "two-thirds", "unanimity", "advisory")

# 保密法: default terms when none is given (绝密 30 years, 机密 20, 秘密 10); 内部 and 非密 are not classified.
CLASSIFICATIONS = {"非密": "", "内部": "", "秘密": "10年", "机密": "20年", "绝密": "30年"}
UNCLASSIFIED = ("非密", "内部")
# 保密法 art. 15: the longest term of each level, in years.
MAX_YEARS = {"秘密": 10, "机密": 20, "绝密": 30}
LONG_TERM = "长期"  # 绝密 only (国家秘密保密期限的规定)
MARK = "★"


@dataclass(frozen=True)
class MatterKind:
    code: str
    label: str
    options: tuple[str, ...]
    free_text_options: tuple[str, ...] = ()
    # Fixed items, each with its own options (案件审理: 定性, 党纪处分, 政务处分, 移送审查起诉); empty: free items.
    items: tuple[tuple[str, tuple[str, ...]], ...] = ()


@cache
def kinds() -> dict[str, MatterKind]:
    """The configured matter kinds, by code."""
    data = json.loads(KINDS_FILE.read_text("utf-8"))
    return {
        code: MatterKind(
            code,
            item["label"],
            tuple(item["options"]),
            tuple(item.get("free_text_options", [])),
            tuple((i["text"], tuple(i["options"])) for i in item.get("items", [])),
        )
        for code, item in data.items()
    }


def kind(code_or_label: str) -> MatterKind:
    """A kind by code ("clue_disposal") or label ("问题线索处置"); ``custom`` needs its own options."""
    if code_or_label == CUSTOM:
        return MatterKind(CUSTOM, tr("custom"), ())
    for k in kinds().values():
        if code_or_label in (k.code, k.label):
            return k
    names = ", ".join(f"{k.code} ({k.label})" for k in kinds().values())
    raise InvalidInput(
        tr("Unknown matter kind '{kind}'. Kinds: {names}, custom.").format(kind=code_or_label, names=names)
    )


def check_rule(rule: str) -> str:
    """A known decision rule."""
    if rule not in RULES:
        raise InvalidInput(tr("Unknown rule '{rule}'. Rules: {rules}.").format(rule=rule, rules=", ".join(RULES)))
    return rule


def parse_classification(text: str, term: str | None = None) -> tuple[str, str]:
    """(level, term) from "秘密", "秘密★1年" or a level and a separate term."""
    level, _, inline_term = text.partition(MARK)
    level = level.strip()
    if level not in CLASSIFICATIONS:
        raise InvalidInput(
            tr("Unknown classification '{c}'. Levels: {levels}.").format(c=text, levels=", ".join(CLASSIFICATIONS))
        )
    given = (term or inline_term or "").strip()
    if level in UNCLASSIFIED:
        if given:
            raise InvalidInput(
                tr("{level} is not a classification level and takes no 保密期限 (given: {term}).").format(
                    level=level, term=given
                )
            )
        return level, ""
    return level, check_term(level, given or CLASSIFICATIONS[level])


def check_term(level: str, term: str) -> str:
    """A lawful 保密期限 for ``level``: N年 or N个月 up to the level's limit, 长期 (绝密), or a declassification
    condition (解密条件：… / …后解密); anything else is refused naming the limit."""
    limit = MAX_YEARS[level]
    term = term.strip()
    if term == LONG_TERM and level == "绝密":
        return term
    if (
        term.startswith(("解密条件：", "解密条件:"))
        and len(term.split("：" if "：" in term else ":", 1)[1].strip()) >= 2
    ):
        return term
    if term.endswith("后解密") and len(term) > 5:
        return term
    match = re.fullmatch(r"([0-9]{1,4})(年|个月)", term)
    if match:
        number = int(match.group(1))
        months = number * 12 if match.group(2) == "年" else number
        if 0 < months <= limit * 12:
            return f"{number}{match.group(2)}"
    raise InvalidInput(
        tr(
            "Invalid 保密期限 '{term}' for {level}: {level} may be kept secret for at most {limit}年 "
            "(write e.g. 1年 or 6个月, from 1个月 to {limit}年){long}, or a declassification condition "
            "(解密条件：…)."
        ).format(term=term, level=level, limit=limit, long=tr(", or 长期") if level == "绝密" else "")
    )


def marking(level: str, term: str) -> str:
    """The classification mark, e.g. "秘密★1年"; "内部" as is; empty for 非密."""
    if level == "非密" or not level:
        return ""
    if level in UNCLASSIFIED:
        return level
    return f"{level}{MARK}{term}" if term else level
