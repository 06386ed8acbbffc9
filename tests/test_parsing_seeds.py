"""Golden-file comparisons for the five seeds, plus the counts the issue spells out.

The goldens (tests/golden/<stem>.json) are reviewed by eye; rewrite them with
`tests/golden/regenerate.py` and review the diff.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.parsing import parse_brief
from ingest.parsing.structures import ParsedBrief, to_jsonable

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"


def _parse(stem: str) -> ParsedBrief:
    path = next(p for p in SEEDS if p.stem.startswith(stem))
    return parse_brief(path.read_text(encoding="utf-8"), filename=path.name)


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedBrief]:
    return {p.stem[:3]: _parse(p.stem[:3]) for p in SEEDS}


def test_there_are_five_seeds_with_goldens():
    assert len(SEEDS) == 5
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == [p.stem for p in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_golden(seed):
    got = to_jsonable(parse_brief(seed.read_text(encoding="utf-8"), filename=seed.name))
    want = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert got == want


def test_counts_from_the_issue(parsed):
    def kinds(b):
        return (len(b.items), sum(n.kind == "policy" for n in b.news),
                sum(n.kind == "corporate" for n in b.news))

    assert {k: (b.kind, kinds(b)) for k, b in parsed.items()} == {
        "000": ("brief", (2, 0, 0)),
        "001": ("brief", (5, 8, 10)),
        "002": ("brief", (5, 10, 8)),
        "003": ("article", (0, 0, 0)),
        "004": ("brief", (5, 7, 6)),
    }
    news = [n for b in parsed.values() for n in b.news]
    assert len(news) == 49 and all(n.date for n in news) and all(n.sources for n in news)
    policies = [i.policy for b in parsed.values() for i in b.items]
    assert len(policies) == 17 and all(policies)
    complete = [p for p in policies if p.title and p.issued_on and p.agency_refs]
    assert len(complete) == 16


def test_brief_dates_and_authors(parsed):
    b0, b1, b2, b3, b4 = (parsed[k] for k in ("000", "001", "002", "003", "004"))
    assert b0.published_on is None and "undated brief" in b0.review_reasons
    assert (b1.published_on, b1.period_start, b1.period_end) == (
        date(2024, 12, 4), date(2024, 10, 29), date(2024, 11, 25))
    assert (b2.published_on, b2.period_start, b2.period_end) == (
        date(2024, 10, 2), date(2024, 8, 24), date(2024, 9, 22))
    assert b4.published_on == date(2021, 11, 2)
    assert b1.authors == ["Alexander Brown", "Andreas Mischer"]
    assert (b3.publisher, b3.published_on, b3.authors) == (
        "Caixin", date(2024, 12, 23), ["Hu Shuli", "Wang Liwei", "Qin Min"])
    assert b3.title == "Weekend Long Read: Chinese Auto Industry’s Clean Future"
    assert b3.items == [] and b3.body


def test_seed_000_items_and_topics(parsed):
    b = parsed["000"]
    assert b.title == ("Digitalization of China’s auto industry + Concentrated solar power + "
                       "Innovation points system")
    assert len(b.topics) == 5
    first, csp = b.items
    assert first.headline == "Digitalization of China’s auto industry held back by parts suppliers"
    assert first.policy.agency_refs == ["MIIT", "MOE", "SAMR", "NDA"]
    assert first.policy.issued_on == date(2025, 12, 30)
    assert csp.policy.issued_on is None and csp.policy.agency_refs == [
        "National Development and Reform Commission (NDRC)", "National Energy Administration (NEA)"]
    assert csp.policy.review_reasons == ["no policy title line", "missing date"]


def test_seed_titles_are_clean(parsed):
    for b in parsed.values():
        for it in b.items:
            p = it.policy
            for text in (p.title, p.chinese_title, it.headline, it.summary, it.comment):
                assert "<u>" not in text and "MERICS |" not in text and "  " not in text
            assert "(Link)" not in p.title and "RTENR" not in p.title
    reasons = [r for b in parsed.values() for i in b.items for r in i.policy.review_reasons]
    assert reasons.count("chinese title dropped as OCR garbage") == 5
    assert reasons.count("no chinese title") == 1


def test_seed_004_box_is_extra_not_items(parsed):
    first = parsed["004"].items[0]
    assert first.extra.startswith("China prioritizes green technologies")
    assert "9. Marine equipment" in first.extra
    assert [i.position for i in parsed["004"].items] == [1, 2, 3, 4, 5]
