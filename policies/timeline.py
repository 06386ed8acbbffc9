"""The home page's timeline of policies per year, drawn on the server: this module computes the
geometry, `templates/includes/_timeline.html` writes the inline <svg> (escaped like any
template), so the chart needs no JavaScript and reads as text to a screen reader."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 640, 200
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_X = 20, 28, 8
MAX_LABELS = 12  # year labels under the axis before they are thinned out


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    count_y: float
    show_label: bool


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    width: int
    height: int
    baseline: float
    total: int
    description: str

    @property
    def label_y(self) -> float:
        return self.baseline + 18


def timeline(per_year: list[tuple[int, int]]) -> Timeline:
    """Bars for every year from the first to the last (years without policies at zero)."""
    counts = {int(year): int(n) for year, n in per_year if year is not None}
    baseline = HEIGHT - MARGIN_BOTTOM
    if not counts:
        return Timeline([], WIDTH, HEIGHT, baseline, 0, "No dated policies yet.")
    years = list(range(min(counts), max(counts) + 1))
    peak = max(counts.values()) or 1
    slot = (WIDTH - 2 * MARGIN_X) / len(years)
    every = max(1, -(-len(years) // MAX_LABELS))
    usable = baseline - MARGIN_TOP
    bars = []
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        height = round(usable * count / peak, 1)
        x = MARGIN_X + index * slot
        bars.append(Bar(
            year=year, count=count, x=round(x + slot * 0.1, 1), y=round(baseline - height, 1),
            width=round(slot * 0.8, 1), height=height, label_x=round(x + slot / 2, 1),
            count_y=round(baseline - height - 4, 1),
            show_label=index % every == 0 or index == len(years) - 1,
        ))
    busiest = max(bars, key=lambda bar: (bar.count, bar.year))
    total = sum(counts.values())
    description = (
        f"{total:,} dated policies from {years[0]} to {years[-1]}; the busiest year was "
        f"{busiest.year} with {busiest.count:,}. "
        + "; ".join(f"{bar.year}: {bar.count}" for bar in bars) + "."
    )
    return Timeline(bars, WIDTH, HEIGHT, baseline, total, description)
