"""Measuring a PDF page from its pixels (pdftoppm), for what text extraction cannot see (a dash's stroke, colour)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from PIL import Image

DPI = 600


def crop(path: Path, page: int, x0: float, x1: float, y0: float, y1: float, dpi: int = DPI) -> Image.Image:
    """The region (in points from the top-left corner) of ``page`` as an image."""
    s = dpi / 72
    png = subprocess.run(
        [
            *("pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page)),
            *(
                "-x",
                str(int(x0 * s)),
                "-y",
                str(int(y0 * s)),
                "-W",
                str(int((x1 - x0) * s)),
                "-H",
                str(int((y1 - y0) * s)),
            ),
            str(path),
        ],
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def dark_rows(path: Path, page: int, x0: float, x1: float, y0: float, y1: float) -> list[float]:
    """The y (points from the top) of each pixel row more than half dark in the region: a horizontal stroke."""
    image = crop(path, page, x0, x1, y0, y1).convert("L")
    s = DPI / 72
    rows = []
    for y in range(image.height):
        dark = sum(1 for x in range(image.width) if image.getpixel((x, y)) < 128)  # type: ignore[operator]
        if dark > image.width / 2:
            rows.append(y0 + (y + 0.5) / s)
    return rows


def rule_geometry(path: Path, page: int, x0: float, x1: float, y0: float, y1: float) -> tuple[float, float, float]:
    """A horizontal rule inside the region: its y and its left and right ends (points from the page's corner)."""
    rows = dark_rows(path, page, x0, x1, y0, y1)
    assert rows, "no rule found"
    y = sum(rows) / len(rows)
    strip = crop(path, page, x0 - 10, x1 + 10, y - 1, y + 1).convert("L")
    s = DPI / 72
    columns = [
        x
        for x in range(strip.width)
        if min(strip.getpixel((x, r)) for r in range(strip.height)) < 128  # type: ignore[type-var]
    ]
    return y, x0 - 10 + columns[0] / s, x0 - 10 + (columns[-1] + 1) / s


def coloured_pixels(path: Path, out_dir: Path, dpi: int = 40) -> int:
    """How many pixels of the whole document carry colour (red, blue, …) rather than black, grey or white."""
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(out_dir / "page")], check=True)
    count = 0
    for png in sorted(out_dir.glob("page-*.png")):
        raw = Image.open(png).convert("RGB").tobytes()
        count += sum(1 for i in range(0, len(raw), 3) if max(raw[i : i + 3]) - min(raw[i : i + 3]) > 40)
    return count
