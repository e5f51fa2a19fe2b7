"""The gevinsthjul as a spider chart per municipality: polygon points for inline SVG.

Ten axes, 1-10 outwards; the municipality's round, its previous round and the network's mean.
A polygon is drawn only when every step has a mean (three answers or more each).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from heltidnett.polls.services import WheelOverview

SIZE = 220
CENTRE = SIZE / 2
RADIUS = 80
SCALE_TOP = 10


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / SCALE_TOP
    return round(CENTRE + r * math.cos(angle), 1), round(CENTRE + r * math.sin(angle), 1)


def polygon(values: list[float | None]) -> str | None:
    """SVG points of the values on the axes, or None when a value is missing."""
    if not values or any(v is None for v in values):
        return None
    return " ".join(
        f"{x},{y}" for x, y in (_point(i, len(values), v or 0) for i, v in enumerate(values))
    )


@dataclass
class Spider:
    name: str
    current: str | None
    previous: str | None
    network: str | None
    grid: list[str]  # the rings at 2, 4, 6, 8 and 10
    axes: list[tuple[float, float, float, float, int]]  # to x, y; label at x, y; the step


def spiders(wheel: WheelOverview) -> list[Spider]:
    """One chart per municipality of the overview."""
    count = len(wheel.rows)
    grid = [polygon([float(level)] * count) or "" for level in (2, 4, 6, 8, 10)]
    axes = [
        (*_point(i, count, SCALE_TOP), *_point(i, count, SCALE_TOP + 1.6), row.step)
        for i, row in enumerate(wheel.rows)
    ]
    network = polygon([row.network for row in wheel.rows])
    return [
        Spider(
            name,
            polygon([row.cells[m].mean for row in wheel.rows]),
            polygon([row.cells[m].previous for row in wheel.rows]),
            network,
            grid,
            axes,
        )
        for m, name in enumerate(wheel.municipalities)
    ]
