"""Bar charts of records over time, drawn on the server: the home page's policies per year, and
every list's histogram (years, or the months of the one year chosen, each bar a link that
narrows the list). This module computes the geometry; `{% timeline_chart %}`
(templatetags/charts.py) writes the inline <svg> (escaped like any template), so a chart needs no
JavaScript and reads as text to a screen reader."""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 200
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_X = 20, 28, 8
MAX_LABELS = 12  # labels under the axis before they are thinned out


@dataclass(frozen=True)
class Bucket:
    """One bar's data: its label under the axis, a longer name, its count, where it leads."""

    label: str
    count: int
    name: str = ""  # "March 2024"; the label when empty
    url: str = ""  # the view narrowed to this bucket ("" for no link)
    selected: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    name: str
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    count_y: float
    show_label: bool
    tooltip: str = ""  # "2024: 5 policies"
    url: str = ""
    selected: bool = False


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    width: int
    height: int
    baseline: float
    total: int
    description: str
    title: str = "Policies per year"
    links: list[Bar] = field(default_factory=list)  # the bars that lead somewhere (links)

    @property
    def label_y(self) -> float:
        return self.baseline + 18


def chart(buckets: list[Bucket], *, title: str, noun: tuple[str, str],
          empty: str) -> Timeline:
    """Bars for the buckets in order, scaled to the largest count."""
    baseline = HEIGHT - MARGIN_BOTTOM
    if not buckets:
        return Timeline([], WIDTH, HEIGHT, baseline, 0, empty, title)
    singular, plural = noun
    peak = max(bucket.count for bucket in buckets) or 1
    slot = (WIDTH - 2 * MARGIN_X) / len(buckets)
    every = max(1, -(-len(buckets) // MAX_LABELS))
    usable = baseline - MARGIN_TOP
    bars = []
    for index, bucket in enumerate(buckets):
        height = round(usable * bucket.count / peak, 1)
        x = MARGIN_X + index * slot
        bars.append(Bar(
            label=bucket.label, name=bucket.name or bucket.label, count=bucket.count,
            x=round(x + slot * 0.1, 1), y=round(baseline - height, 1),
            width=round(slot * 0.8, 1), height=height, label_x=round(x + slot / 2, 1),
            count_y=round(baseline - height - 4, 1),
            show_label=index % every == 0 or index == len(buckets) - 1,
            tooltip=f"{bucket.name or bucket.label}: {bucket.count:,} "
                    f"{singular if bucket.count == 1 else plural}",
            url=bucket.url, selected=bucket.selected,
        ))
    total = sum(bucket.count for bucket in buckets)
    busiest = max(bars, key=lambda bar: bar.count)
    description = (
        f"{total:,} {singular if total == 1 else plural} from {bars[0].name} to "
        f"{bars[-1].name}; the most in {busiest.name} with {busiest.count:,}. "
        + "; ".join(f"{bar.name}: {bar.count}" for bar in bars) + "."
    )
    return Timeline(bars, WIDTH, HEIGHT, baseline, total, description, title,
                    [bar for bar in bars if bar.url])


def year_buckets(counts: dict[int, int], url=None) -> list[Bucket]:
    """Every year from the first to the last (years without records at zero); `url(year)`
    gives each bar's link."""
    if not counts:
        return []
    return [Bucket(str(year), counts.get(year, 0), url=url(year) if url else "")
            for year in range(min(counts), max(counts) + 1)]


def timeline(per_year: list[tuple[int, int]]) -> Timeline:
    """The home page's chart: dated policies per year."""
    counts = {int(year): int(n) for year, n in per_year if year is not None}
    return chart(year_buckets(counts), title="Policies per year", noun=("policy", "policies"),
                 empty="No dated policies yet.")
