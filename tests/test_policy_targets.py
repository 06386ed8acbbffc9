"""Policy targets as data: every quantitative goal the seeds state is read with its year, none is
invented, and the stored targets keep editors' corrections, show on the pages and leave in the
JSON, the CSV and the dump."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parsing import parse_brief
from ingest.parsing.targets import find_targets

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {p.stem[:3]: p for p in (ROOT / "fixtures" / "seeds").glob("*.txt")}

# Every numeric target the seeds state about their policies, read by hand from the texts:
# (seed, item, target year, value, unit, words of the metric). The MERICS comments and the news
# are not the policies' words and state none.
SEED_TARGETS = [
    ("000", 1, 2027, 1, "level", "smart manufacturing capabilities of vehicle manufacturers"),
    ("000", 1, 2027, 10, "percent", "industry-wide labor productivity"),
    ("000", 1, 2027, 20, "percent", "delivery cycles"),
    ("000", 2, 2030, 15, "gigawatts", "CSP capacity"),
    ("001", 1, 2027, 1, "", "main platform"),
    ("001", 1, 2027, 30, "", "data nodes"),
    ("001", 1, 2027, 30, "", "tools"),
    ("001", 1, 2027, 20, "", "data-driven applications"),
    ("001", 2, 2027, 3, "", "companies worth CNY 100 billion"),
    ("002", 2, 2027, 85, "percent", "CNC (computerized numerical control) deployment rate"),
    ("002", 2, 2027, 75, "percent", "design tools"),
    ("002", 2, 2027, 2_000_000, "sets", "industrial software"),
    ("002", 2, 2027, 800_000, "sets", "industrial operating systems"),
    ("002", 2, 2027, 90, "percent", "design tools adoption rate"),
    ("002", 3, 2027, 5, "", "mobile IoT industrial clusters"),
    ("002", 3, 2027, 10, "", "mobile IoT industry demonstration bases"),
    ("002", 3, 2027, 100_000_000, "", "connections"),
    ("002", 3, 2027, 10_000_000, "", "connections"),
    ("004", 1, 2060, 80, "percent", "non-fossil fuel energy consumption"),
    ("004", 2, 2025, 85, "percent", "national standards"),
    ("004", 2, 2025, 18, "months", "development timeframe of standards"),
    ("004", 3, 2023, 10, "", "leading IoT enterprises"),
    ("004", 3, 2023, 40, "", "national or industry standards"),
]


@pytest.fixture(scope="module")
def seed_targets():
    found = []
    for stem, path in sorted(SEEDS.items()):
        brief = parse_brief(path.read_text(encoding="utf-8"), filename=path.name)
        for item in brief.items:
            for target in item.policy.targets if item.policy else []:
                found.append((stem, item.position, target))
    return found


def test_every_target_the_seeds_state_is_found_with_its_year_and_none_is_invented(seed_targets):
    got = [(stem, position, t.target_year, t.value, t.unit) for stem, position, t in seed_targets]
    want = [(stem, position, year, value, unit)
            for stem, position, year, value, unit, _ in SEED_TARGETS]
    assert got == want
    for (_, _, target), (*_, metric) in zip(seed_targets, SEED_TARGETS, strict=True):
        assert metric in target.metric
        assert target.sentence and target.value_text.split()[0].rstrip("+") in target.sentence


def test_a_target_keeps_its_baseline_and_direction(seed_targets):
    by_metric = {t.metric: t for _, _, t in seed_targets}
    productivity = by_metric["industry-wide labor productivity"]
    assert (productivity.direction, productivity.baseline_year) == ("raise", 2025)
    cycles = next(t for m, t in by_metric.items() if "delivery cycles" in m)
    assert (cycles.direction, cycles.baseline_year) == ("cut", None)
    timeframe = by_metric["development timeframe of standards"]
    assert (timeframe.value_text, timeframe.baseline_value, timeframe.direction) == (
        "under 18 months", 24, "cut")
    assert by_metric["mobile IoT industrial clusters"].value_text == "more than five"


def test_a_sentence_without_a_number_and_a_year_gives_no_target():
    assert find_targets("The plan confirms previously announced key targets for 2025 and 2030.",
                        []) == []
    assert find_targets("The notice introduces four smart factory levels.", []) == []
    assert find_targets("It will run for three years in selected regions.", []) == []
    assert find_targets("Key goals include:", ["Cultivate 10 leading enterprises"]) == []


def test_years_model_names_and_durations_are_no_targets():
    assert find_targets("Key goals by 2027 include:", [
        "Improve the mobile IoT ecosystem, based on 4G and 5G",
        "Establish a \u201c1+N\u201d system by 2027",
        "The 15-year plan runs until 2035",
        "Hold four days of meetings by 2026",
    ]) == []


def test_the_lead_in_year_applies_to_the_key_points_under_it():
    [target] = find_targets("Important goals for 2027 include:",
                            ["Cultivate between three to five companies worth CNY 100 billion"])
    assert (target.target_year, target.value, target.value_text) == (
        2027, 3, "between three to five")


def test_a_range_from_a_baseline_gives_the_baseline_and_the_target():
    [target] = find_targets("By 2025 the plan aims to:",
                            ["Increase 5G user penetration from 15 to 56 percent"])
    assert (target.metric, target.value, target.baseline_value, target.unit, target.direction) == (
        "5G user penetration", 56, 15, "percent", "raise")
    [money] = find_targets("", ["Grow investment from CNY 2.5 trillion to CNY 3.7 trillion by 2025"
                                ])
    assert (money.value, money.baseline_value, money.unit) == (3.7e12, 2.5e12, "CNY")
