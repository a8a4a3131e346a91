"""Chinese line-breaking on the GB/T 9704 grid: 28 characters a line, 22 lines a page.

ReportLab's ``wordWrap="CJK"`` only hangs one closing mark past the line end (out of the text block), never
keeps an opening mark off a line end, and splits Latin runs such as file names at random. Here text is cut
into units that must stay together — a character with the closing marks after it and the opening marks
before it (避头尾), a Latin run (file name, number, fingerprint group), a doubled dash or ellipsis — and
lines are filled greedily with whole units, then justified to the full block width.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

# GB/T 15834 marks that may not start a line (closing) or end one (opening).
CANNOT_START = set("，。、；：？！）」』】〕〉》”’…—·%‰℃,.;:?!)]}>") | {"\u3015", "\uff09", "\u00b7"}
CANNOT_END = set("（「『【〔〈《“‘([{<") | {"\u3014", "\uff08"}
_CJK_MARKS = "（）“”‘’《》〔〕【】，。；："
NO_BREAK = "\u00a0"  # joins what may never be split, e.g. the groups of a fingerprint
KEEP_START, KEEP_END = "\x02", "\x03"  # around a span kept on one line (a document number such as 纪线〔2026〕8号)


def keep(text: str) -> str:
    """``text`` marked so that no line breaks inside it."""
    return f"{KEEP_START}{text}{KEEP_END}"


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and unicodedata.east_asian_width(ch) in ("W", "F")


def units(text: str) -> list[str]:
    """``text`` cut into the pieces a line may not split; a space is a unit of its own (a break chance).

    A piece is a token — a space; a span kept whole (``keep``, its marks dropped); a CJK character or a mark at
    or above U+2000 of the two lists above; else a Latin run (letters, digits, dots, slashes, no-break spaces…,
    up to a space, a CJK character or a quotation mark) — with the tokens that attach to it: those after an
    opening mark or a no-break space, those that begin with a closing mark, and a ".", "-" or "_" suffix
    ("证书.pem") unless it follows a lone space. A text of the basic plane without a kept span (nearly all) is cut
    by one regular expression (``_unit``); any other token by token, its characters classed once (``_CLASSES``)."""
    if KEEP_START not in text and (text.isascii() or max(text) <= "\uffff"):
        return _unit().findall(text)
    classes = text.translate(_CLASSES)
    out: list[str] = []
    glue_next = False
    for m in _TOKEN.finditer(classes):
        start = m.start()
        if classes[start] == "s":
            out.append(" ")
            glue_next = False
            continue
        kept = m.start("kept")
        piece = text[kept : m.end("kept")] if kept >= 0 else text[start : m.end()]
        if not piece:  # an empty kept span
            continue
        if out and (glue_next or piece[0] in CANNOT_START or (piece[0] in ".-_" and out[-1] != " ")):
            out[-1] += piece
        else:
            out.append(piece)
        glue_next = piece[-1] in CANNOT_END or piece[-1] == NO_BREAK
    return out


@cache
def _unit() -> re.Pattern[str]:
    """A unit of a text of the basic plane without a kept span: a token, then each token that attaches — after
    an opening mark or a no-break space (the character before it), beginning with a closing mark, or beginning
    with "-" or "_" not right after a space. CJK is listed from ``unicodedata`` (U+2E80–U+FFFF, ~3 ms once)."""

    def chars(found: Iterable[int]) -> str:
        return "".join(f"\\u{c:04x}" for c in sorted(found))

    cjk = "".join(
        f"\\u{first:04x}-\\u{last:04x}" for first, last in _ranges(c for c in range(0x2E80, 0x10000) if _is_cjk(chr(c)))
    )
    marks = chars(ord(c) for c in CANNOT_START | CANNOT_END if ord(c) >= 0x2000 and not _is_cjk(c))
    quotes = chars(ord(c) for c in _CJK_MARKS if not _is_cjk(c))
    word = rf"(?:[{cjk}{marks}]|[^ {cjk}{marks}\x02][^ {cjk}{quotes}]*)"
    glue = chars(ord(c) for c in CANNOT_END | {NO_BREAK})
    closing = chars(ord(c) for c in CANNOT_START)
    return re.compile(rf"(?: |{word})(?:(?<=[{glue}]){word}|(?=[{closing}]){word}|(?<! )(?=[-_]){word})*")


def _ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for c in codes:
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [(first, last) for first, last in out]


def _class_of(ch: str) -> str:
    """One letter for what ``units`` needs to know of a character: s space, k/e the marks of a kept span;
    a CJK character: b closing (cannot start a line), d opening (cannot end one), a other; a mark at or above
    U+2000 of those lists: g closing / f opening quotation mark (they end a Latin run), h closing / i opening other;
    below U+2000: p closing, o opening, n no-break space, u "-" or "_", l other."""
    if ch == " ":
        return "s"
    if ch in (KEEP_START, KEEP_END):
        return "k" if ch == KEEP_START else "e"
    closing, opening = ch in CANNOT_START, ch in CANNOT_END
    if _is_cjk(ch):
        return "b" if closing else "d" if opening else "a"
    if (closing or opening) and ord(ch) >= 0x2000:
        if ch in _CJK_MARKS:
            return "g" if closing else "f"
        return "h" if closing else "i"
    if ch == NO_BREAK:
        return "n"
    return "p" if closing else "o" if opening else "u" if ch in "-_" else "l"


class _Classes(dict[int, str]):
    """``str.translate``'s table: each code point's class, worked out on first sight."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _class_of(chr(code))
        return value


_CLASSES = _Classes()
# a token: a space; a kept span (its marks, the closing one missing at the end of the text); a single CJK
# character or mark; a Latin run, which goes on up to a space, a CJK character or a quotation mark
_TOKEN = re.compile(r"s|k(?P<kept>[^e]*)e?|[abdfghi]|[elnopu][^sabdfg]*")


@dataclass(frozen=True)
class Line:
    """One typeset line: its text, its left indent and whether it is stretched to the full width."""

    text: str
    indent: float
    justified: bool


def break_lines(text: str, width: float, measure: Callable[[str], float], first_indent: float = 0.0) -> list[Line]:
    """Fill lines of ``width`` greedily with whole units; every line but a paragraph's last is justified."""
    lines: list[Line] = []
    for paragraph in text.split("\n"):
        pieces = units(paragraph)
        indent = first_indent
        current: list[str] = []
        used = 0.0
        for piece in pieces:
            if piece == " " and not current:
                continue
            w = measure(piece)
            if current and used + w > width - indent + 0.01:
                lines.append(Line("".join(current).rstrip(" "), indent, True))
                indent, current, used = 0.0, [], 0.0
                if piece == " ":
                    continue
            while w > width - indent + 0.01:  # a unit longer than a line: cut it at no-break spaces, then anywhere
                head = _longest_prefix(piece, width - indent, measure)
                lines.append(Line(head.replace(NO_BREAK, " ").rstrip(" "), indent, True))
                piece = piece[len(head) :].lstrip(NO_BREAK)
                indent, w = 0.0, measure(piece)
            current.append(piece)
            used += w
        lines.append(Line("".join(current).rstrip(" "), indent, False))
    return [Line(line.text.replace(NO_BREAK, " "), line.indent, line.justified) for line in lines]


def _longest_prefix(piece: str, width: float, measure: Callable[[str], float]) -> str:
    best = piece[:1]
    for k in range(1, len(piece) + 1):
        if measure(piece[:k]) > width + 0.01:
            break
        if k == len(piece) or piece[k] == NO_BREAK:
            best = piece[:k]
    if best == piece[:1]:  # no no-break space fits: as many characters as fit
        k = 1
        while k < len(piece) and measure(piece[: k + 1]) <= width + 0.01:
            k += 1
        best = piece[:k]
    return best


# Title breaks (GB/T 9704 7.3.3: 回行时词意完整, 排列对称) fall only between words, as jieba segments them.


def word_boundaries(text: str) -> list[int]:
    """Offsets in ``text`` between two words (jieba's dictionary segmentation, no guessing of unknown words)."""
    import logging

    import jieba  # lazily: it loads its dictionary (~1 s) on first use

    jieba.setLogLevel(logging.WARNING)
    offsets, position = [], 0
    for word in jieba.cut(text, HMM=False):
        position += len(word)
        offsets.append(position)
    return offsets[:-1]


def title_lines(title: str, max_chars: int) -> list[str]:
    """The title in as few lines as fit, broken only at word boundaries, lines as even as possible."""
    if len(title) <= max_chars:
        return [title]
    n = -(-len(title) // max_chars)
    cuts = [
        c
        for c in word_boundaries(title)
        if 0 < c < len(title) and title[c] not in CANNOT_START and title[c - 1] not in CANNOT_END
    ]
    best: list[str] | None = None
    best_score = float("inf")
    for _ in range(2):
        for combo in _combinations(cuts, n - 1):
            bounds = [0, *combo, len(title)]
            parts = [title[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            if any(len(p) > max_chars for p in parts):
                continue
            # even lengths first; among equals, the first line not longer (a trapezoid, 正梯形)
            score = max(map(len, parts)) - min(map(len, parts)) + (0.5 if len(parts[0]) > len(parts[-1]) else 0)
            # a book title (《…》) is broken only when keeping it whole leaves lines very uneven
            score += 4 * sum(1 for c in combo if title[:c].count("《") > title[:c].count("》"))
            if score < best_score:
                best, best_score = parts, score
        if best is not None:
            return best
        n += 1
    # no word boundary fits: cut evenly
    size = -(-len(title) // n)
    return [title[i : i + size] for i in range(0, len(title), size)]


def _combinations(cuts: list[int], k: int) -> list[tuple[int, ...]]:
    from itertools import combinations

    return list(combinations(cuts, k))
