"""England's 153 local areas as a hex cartogram: one hexagon per area, drawn as an inline SVG
string from the shipped HexJSON (`data/local-areas.hexjson`, MIT, after Open Innovations; its
README says what was changed for today's areas).

Each hexagon is a link with the area's words as its name (a screen reader reads them, a mouse
shows them as a tooltip) and a class `hex-<key>` that the style sheet colours; the page's legend
and table carry the same facts in words, so nothing is said by colour alone.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from importlib import resources

HEXJSON = "local-areas.hexjson"
RADIUS = 10.0  # centre to corner, in the SVG's own units
WIDTH = math.sqrt(3) * RADIUS  # pointy-topped: flat side to flat side
MARGIN = 2.0
# Corners after the top one, clockwise, as relative moves: one path per hexagon stays short.
OUTLINE = f"l{WIDTH / 2:.2f} {RADIUS / 2:g}v{RADIUS:g}l{-WIDTH / 2:.2f} {RADIUS / 2:g}" + (
    f" {-WIDTH / 2:.2f} {-RADIUS / 2:g}v{-RADIUS:g}z"
)


@dataclass(frozen=True)
class Cell:
    """An area's place in the "odd-r" layout: odd rows sit half a hexagon right; r grows north."""

    gss_code: str
    name: str
    q: int
    r: int


@dataclass(frozen=True)
class Shading:
    """What one hexagon shows: its colour key, the page it opens and its words."""

    key: str
    href: str
    label: str


@functools.cache
def cells() -> tuple[Cell, ...]:
    """Every area's cell, by name as the HexJSON lists them."""
    data = resources.files("sendscrape.publish.site") / "data" / HEXJSON
    hexes = json.loads(data.read_text(encoding="utf-8"))["hexes"]
    return tuple(Cell(code, cell["n"], cell["q"], cell["r"]) for code, cell in hexes.items())


def _top_row() -> int:
    return max(cell.r for cell in cells())


def centre(cell: Cell) -> tuple[float, float]:
    """The hexagon's centre in SVG units (y grows downwards, so north is at the top)."""
    x = MARGIN + WIDTH * (cell.q + 0.5 + 0.5 * (cell.r % 2))
    y = MARGIN + RADIUS + 1.5 * RADIUS * (_top_row() - cell.r)
    return x, y


def view_box() -> tuple[float, float]:
    """Width and height of the drawing."""
    width = max(centre(cell)[0] for cell in cells()) + WIDTH / 2 + MARGIN
    height = max(centre(cell)[1] for cell in cells()) + RADIUS + MARGIN
    return round(width, 1), round(height, 1)


def _hexagon(cell: Cell, shading: Shading, focusable: bool) -> str:
    x, y = centre(cell)
    tabindex = "" if focusable else ' tabindex="-1"'
    return (
        f'<a href="{escape(shading.href)}" class="hex-{escape(shading.key)}"{tabindex}>'
        f'<path d="M{x:.1f} {y - RADIUS:g}{OUTLINE}"/>'
        f"<title>{escape(shading.label)}</title></a>"
    )


def hex_map_svg(title: str, shadings: Mapping[str, Shading], focusable: bool = True) -> str:
    """The map as an SVG element: a hexagon for each cell, shaded as `shadings` (by GSS code)
    says. `focusable=False` keeps the links out of the Tab order and the map from screen readers
    (for a second map of the same areas, whose facts the page's table also gives, so a keyboard
    and a screen reader pass the 153 links once)."""
    missing = [cell.gss_code for cell in cells() if cell.gss_code not in shadings]
    if missing:
        raise ValueError(f"no shading for the areas {', '.join(missing)}")
    width, height = view_box()
    in_reading_order = sorted(cells(), key=lambda cell: (-cell.r, cell.q))
    hexagons = "\n".join(
        _hexagon(cell, shadings[cell.gss_code], focusable) for cell in in_reading_order
    )
    hidden = "" if focusable else ' aria-hidden="true"'
    return (
        f'<svg class="hexmap" viewBox="0 0 {width:g} {height:g}" role="group" '
        f'aria-label="{escape(title)}"{hidden}>\n{hexagons}\n</svg>'
    )
