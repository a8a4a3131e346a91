"""What every bench figure shares: the table of rows printed at the end, timing, the generated opinion texts."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HUISHEN_INSECURE_FAST_KDF", "1")
os.environ.setdefault("HUISHEN_LANG", "en")
sys.path.insert(0, str(ROOT))

Row = tuple[str, str, str, str, str]  # figure, value, floor, ratio, goal
ROWS: list[Row] = []


def _row(figure: str, value: float, floor: float | None, goal: str, unit: str = "s") -> None:
    def fmt(x: float) -> str:
        return f"{x * 1000:.1f} ms" if unit == "s" and x < 1 else (f"{x:.2f} s" if unit == "s" else f"{x:.1f} {unit}")

    ratio = f"{value / floor:.2f}×" if floor else "–"
    ROWS.append((figure, fmt(value), fmt(floor) if floor else "–", ratio, goal))
    print(f"  {figure}: {fmt(value)}  floor {fmt(floor) if floor else '–'}  ratio {ratio}  goal {goal}", flush=True)


def _best(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _text(i: int, chars: int) -> str:
    base = f"第{i}部门意见：经认真审阅线索材料，认为反映的问题具体明确，时间地点人物要素齐全，具有较强的可查性。"
    words = "依规依纪处理审慎研判核查证据链条完整程序合法定性准确处置恰当"
    out = base
    j = i
    while len(out) < chars:
        out += words[j % len(words)] + words[(j * 7 + i) % len(words)]
        j += 3
    return out[:chars]
