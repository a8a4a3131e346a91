"""typeset.units, found by regular expressions over a string of character classes (issue 16), cuts every text
exactly as the character-by-character loop it replaced: compared on thousands of random texts (CJK, Latin
words, digits, half- and full-width punctuation, the 避头尾 marks, spaces, no-break spaces, newlines, kept spans,
astral characters) and on every short text over a small alphabet of one character of each kind."""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest

from app.dossier.typeset import CANNOT_END, CANNOT_START, KEEP_END, KEEP_START, NO_BREAK, units


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and unicodedata.east_asian_width(ch) in ("W", "F")


def _units_before(text: str) -> list[str]:
    """typeset.units as it was (commit 9c7313e), one character at a time."""
    out: list[str] = []
    glue_next = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            out.append(" ")
            glue_next = False
            i += 1
            continue
        if ch == KEEP_START:
            end = text.find(KEEP_END, i)
            end = len(text) if end < 0 else end
            piece = text[i + 1 : end]
            i = end + 1
            if not piece:
                continue
        elif _is_cjk(ch) or (ch in CANNOT_START or ch in CANNOT_END) and ord(ch) >= 0x2000:
            piece = ch
            i += 1
        else:  # a Latin run: letters, digits, dots, slashes, no-break spaces…
            j = i
            while (
                j < len(text)
                and text[j] != " "
                and not _is_cjk(text[j])
                and text[j] not in "（）“”‘’《》〔〕【】，。；："
            ):
                j += 1
            piece = text[i:j] if j > i else text[i]
            i = max(j, i + 1)
        attach = out and (
            glue_next
            or piece[0] in CANNOT_START
            or (piece[0] in ".-_" and out[-1] != " ")  # "证书.pem": a suffix stays with its name
        )
        if attach:
            out[-1] += piece
        else:
            out.append(piece)
        glue_next = piece[-1] in CANNOT_END or piece[-1] == NO_BREAK
    return out


HAN = "审查调查线索处置意见核实谈话函询监督检查案件审理信访举报纪律作风〇㐀"
MARKS = "".join(sorted(CANNOT_START | CANNOT_END)) + "、？！「」『』"
LATIN = ["dossier-2026.pdf", "41390", "ABCD", "v1.2", "a/b/c", "x_y", "证书.pem", "-", "_", ".", "e.g.", "HS·2026"]
ODD = ["\U0001f600", "\U0001d11e", "\U00020000", "\u200b", "\u00e9", "\uff21", "\uff11", "\t", "\x03", "\x02", "\ufeff"]
# one character of each class units tells apart, and a few it does not
ALPHABET = ["中", "，", "（", "“", "”", "…", "〈", "a", "1", ".", "-", "_", "(", ")", " ", NO_BREAK, "\n",
            KEEP_START, KEEP_END, "\U0001f600", "\U0001d11e", "%"]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 60)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(rng.choice(HAN))
        elif roll < 0.55:
            parts.append(rng.choice(MARKS))
        elif roll < 0.68:
            parts.append(rng.choice(LATIN))
        elif roll < 0.76:
            parts.append(rng.choice([" ", "  ", NO_BREAK, "\n"]))
        elif roll < 0.82:
            inner = "".join(rng.choice(HAN + MARKS + " .-" + NO_BREAK) for _ in range(rng.randint(0, 5)))
            parts.append(KEEP_START + inner + rng.choice([KEEP_END, KEEP_END, ""]))
        elif roll < 0.9:
            parts.append(rng.choice(ODD))
        else:
            parts.append(
                chr(rng.choice([rng.randint(0x20, 0x2FF), rng.randint(0x2000, 0xFFFF), rng.randint(0x10000, 0x10FFFF)]))
            )
    return "".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_random_texts_are_cut_as_before(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2500):
        text = _random_text(rng)
        assert units(text) == _units_before(text), repr(text)


def test_every_short_text_over_one_character_of_each_kind_is_cut_as_before() -> None:
    for n in range(1, 4):
        for combo in itertools.product(ALPHABET, repeat=n):
            text = "".join(combo)
            assert units(text) == _units_before(text), repr(text)


def test_every_basic_plane_character_between_others_is_cut_as_before() -> None:
    for code in range(0x10000):
        ch = chr(code)
        for text in (ch, f"a{ch}b", f"中{ch}{ch}.x", f" {ch}-"):
            assert units(text) == _units_before(text), repr(text)


def test_the_reference_is_the_one_that_was_shipped() -> None:
    """Known cuts (the reference above is the former code: if it drifted, these would say so)."""
    assert _units_before("证书.pem 文件") == ["证", "书.pem", " ", "文", "件"]
    assert _units_before("a -b x “引” y") == ["a", " ", "-b", " ", "x", " ", "“引”", " ", "y"]
    assert units("意见：（初步核实）。") == ["意", "见：", "（初", "步", "核", "实）。"]
    assert units(f"纪线{KEEP_START}〔2026〕8号{KEEP_END}。") == ["纪", "线", "〔2026〕8号。"]
    assert units("") == [] and units(f"{KEEP_START}{KEEP_END}") == []
