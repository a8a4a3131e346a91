"""The opinion form (DESIGN.md §4) and its anti-formalism checks, pure so the GUI can run them while typing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from app.i18n import tr
from app.policy import Policy

TEXT_FIELDS = ("reasoning", "facts", "causes", "disposition", "rectification")
MAX_FIELD = 20000


@dataclass
class OpinionForm:
    """What a reviewer (or the chair) fills in."""

    positions: dict[int, str] = field(default_factory=dict)
    position_notes: dict[int, str] = field(default_factory=dict)
    reasoning: str = ""
    facts: str = ""
    causes: str = ""
    disposition: str = ""
    rectification: str = ""

    def to_document(self) -> dict[str, Any]:
        """The canonical content (item numbers as text keys)."""
        return {
            "positions": {str(k): v for k, v in sorted(self.positions.items())},
            "position_notes": {str(k): v for k, v in sorted(self.position_notes.items()) if v.strip()},
            **{name: getattr(self, name).strip() for name in TEXT_FIELDS},
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> OpinionForm:
        return cls(
            positions={int(k): str(v) for k, v in doc.get("positions", {}).items()},
            position_notes={int(k): str(v) for k, v in doc.get("position_notes", {}).items()},
            **{name: str(doc.get(name, "")) for name in TEXT_FIELDS},
        )

    def full_text(self) -> str:
        """Every written field, for similarity checks."""
        return "\n".join(getattr(self, name) for name in TEXT_FIELDS)


@dataclass(frozen=True)
class Recusal:
    """The recusal declaration: a conflict of interest (with a statement), or none."""

    conflict: bool
    statement: str = ""


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class _Kept(dict[int, int | None]):
    """A ``str.translate`` table: a code point maps to itself when it is a letter or a number (Unicode category
    L* or N*), to None (dropped) otherwise; each character is classified on first sight, after which the
    translation runs without a Python call per character (issue 16: the seal checks 800 characters and more)."""

    LIMIT = 1 << 16  # characters remembered at most (typed text uses a few thousand); beyond, classified each time

    def __missing__(self, code: int) -> int | None:
        kept = code if unicodedata.category(chr(code))[0] in "LN" else None
        if len(self) < self.LIMIT:
            self[code] = kept
        return kept


_KEPT = _Kept()


def real_text(text: str) -> str:
    """``text`` without whitespace, punctuation and symbols: what counts as written content."""
    return unicodedata.normalize("NFKC", text).translate(_KEPT)


def check_reasoning(reasoning: str, policy: Policy) -> Problem | None:
    """Too short, or nothing but stock phrases (走过场)? None when acceptable."""
    content = real_text(reasoning)
    minimum = policy.min_reasoning_chars
    if not content:
        return Problem("reasoning", tr("Reasoning is required: write why you hold this position."))
    if len(content) < minimum:
        return Problem(
            "reasoning",
            tr("Reasoning is too short: {n} characters of text, at least {minimum} are required.").format(
                n=len(content), minimum=minimum
            ),
        )
    remaining = content
    for phrase in sorted(policy.stock_phrases, key=len, reverse=True):
        remaining = remaining.replace(real_text(phrase), "")
    if len(remaining) < minimum:
        return Problem(
            "reasoning",
            tr(
                "Reasoning consists mostly of stock phrases (such as “同意”, “无意见”): "
                "state the facts and grounds in your own words."
            ),
        )
    return None


def check_form(
    form: OpinionForm,
    items: list[int],
    options: list[str] | dict[int, list[str]],
    free_text_options: list[str],
    policy: Policy,
) -> list[Problem]:
    """Every problem that stops this form from being sealed, each naming its field.

    ``options``: one list shared by every item, or each item's own (案件审理).
    """
    problems: list[Problem] = []
    for item in items:
        allowed = options.get(item, []) if isinstance(options, dict) else options
        position = form.positions.get(item)
        if not position:
            problems.append(Problem(f"position:{item}", tr("Item {item}: choose a position.").format(item=item)))
        elif position not in allowed:
            problems.append(
                Problem(
                    f"position:{item}",
                    tr("Item {item}: '{position}' is not one of the options ({options}).").format(
                        item=item, position=position, options=", ".join(allowed)
                    ),
                )
            )
        elif position in free_text_options and not form.position_notes.get(item, "").strip():
            problems.append(
                Problem(
                    f"position:{item}",
                    tr("Item {item}: '{position}' needs a description of the position.").format(
                        item=item, position=position
                    ),
                )
            )
    extra = set(form.positions) - set(items)
    if extra:
        problems.append(
            Problem(
                "position",
                tr("Positions given for items that do not exist: {items}.").format(
                    items=", ".join(str(i) for i in sorted(extra))
                ),
            )
        )
    for item, note in form.position_notes.items():
        if len(note) > MAX_FIELD:
            problems.append(
                Problem(f"position:{item}", tr("The field is too long (at most {n} characters).").format(n=MAX_FIELD))
            )
    reasoning = check_reasoning(form.reasoning, policy)
    if reasoning:
        problems.append(reasoning)
    for name in TEXT_FIELDS:
        if len(getattr(form, name)) > MAX_FIELD:
            problems.append(Problem(name, tr("The field is too long (at most {n} characters).").format(n=MAX_FIELD)))
    return problems


def check_recusal(recusal: Recusal | None) -> Problem | None:
    """The declaration is required; a declared conflict needs a statement."""
    if recusal is None:
        return Problem(
            "recusal",
            tr("Declare first whether you have a conflict of interest (recusal declaration is required)."),
        )
    if recusal.conflict and len(real_text(recusal.statement)) < 4:
        return Problem("recusal", tr("Describe the conflict of interest in a few words."))
    return None
