"""Matter kinds, their option lists, classifications and decision rules — data, not code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.errors import InvalidInput
from app.i18n import tr

KINDS_FILE = Path(__file__).resolve().parent.parent / "resources" / "matter_kinds.json"
CUSTOM = "custom"

RULES = ("majority-of-expected", "two-thirds", "unanimity", "advisory")

# 保密法: default terms when none is given (绝密 30 years, 机密 20, 秘密 10).
CLASSIFICATIONS = {"非密": "", "秘密": "10年", "机密": "20年", "绝密": "30年"}
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
    chosen = (term or inline_term or CLASSIFICATIONS[level]).strip()
    if level == "非密":
        chosen = ""
    return level, chosen


def marking(level: str, term: str) -> str:
    """The classification mark, e.g. "秘密★1年"; empty for unclassified."""
    if level == "非密" or not level:
        return ""
    return f"{level}{MARK}{term}" if term else level
