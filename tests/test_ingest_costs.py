"""What one ingest costs, pinned without timing anything: the queries to store a brief do not grow
with its items and news, and a registry's matchers are compiled once per content in a process."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ingest import persist
from ingest.known_records import KnownRecords
from ingest.matching import cache, trie
from ingest.parsing.structures import ParsedBrief, ParsedItem, ParsedNews, ParsedPolicy
from policies.models import AgencyAlias, Brief, BriefItem, NewsItem, Policy

from .test_persisting_briefs import UNREGISTERED_COMPANY, parsed_brief

AGENCIES = ["MIIT", "NDRC", "NDA", "CAC", "SAMR", "MOF"]
COMPANIES = ["BYD", "CATL", "Huawei", "BioNTech", "Siemens"]


def sized_brief(*, items: int, news: int, variant: str = "") -> ParsedBrief:
    """A brief with this many items (each on its own policy) and news items, each naming agencies
    and companies, so every table the ingest writes gets rows for each of them."""
    return dataclasses.replace(
        parsed_brief(),
        items=[
            ParsedItem(
                position=n,
                headline=f"Item {n}{variant}",
                summary=f"{AGENCIES[n % 6]} wants more batteries from {COMPANIES[n % 5]}.",
                key_points=["Scale up battery storage", f"Point {n}"],
                # one company to create per brief: each one created costs its own queries
                comment=f"Xyz Robotics{variant} Co., Ltd. will supply it." if n == 1 else "",
                policy=ParsedPolicy(
                    title=f"Notice {n}{variant} on New Energy Storage",
                    chinese_title=f"关于新型储能的通知{n}{variant}",
                    document_type="notice",
                    issued_on=date(2024, 11, 1 + n % 28),
                    agency_refs=[AGENCIES[n % 6], AGENCIES[(n + 1) % 6]],
                    source_urls=[f"https://www.miit.gov.cn/{n}.html"],
                    line=10 * n,
                ),
                line=10 * n - 2,
            )
            for n in range(1, items + 1)
        ],
        news=[
            ParsedNews(kind="policy" if n % 2 else "corporate", date=date(2024, 11, 1 + n % 28),
                       text=f"The {AGENCIES[n % 6]} met {COMPANIES[n % 5]} about item {n}"
                            f"{variant}.",
                       sources=["Reuters"], line=500 + n)
            for n in range(1, news + 1)
        ],
    )


def queries_to_sync(parsed: ParsedBrief, *, name: str, sha256: str) -> int:
    known = KnownRecords()
    with CaptureQueriesContext(connection) as queries:
        outcome = persist.sync_brief(parsed, source_file=name, raw_text=f"raw {sha256}",
                                     sha256=sha256, known=known, run=None, force=True)
    assert outcome.status in ("created", "updated")
    return len(queries)


@pytest.mark.django_db
class TestQueriesPerBrief:
    def test_a_new_brief_costs_the_same_queries_with_five_or_twenty_five_news(self):
        small = queries_to_sync(sized_brief(items=2, news=5), name="a.txt", sha256="a" * 64)
        large = queries_to_sync(sized_brief(items=2, news=25, variant="b"), name="b.txt",
                                sha256="b" * 64)
        assert NewsItem.objects.count() == 30
        assert large == small

    def test_a_new_brief_costs_the_same_queries_with_two_or_ten_policies(self):
        small = queries_to_sync(sized_brief(items=2, news=5), name="a.txt", sha256="a" * 64)
        large = queries_to_sync(sized_brief(items=10, news=5, variant="b"), name="b.txt",
                                sha256="b" * 64)
        assert Policy.objects.count() == 12 and BriefItem.objects.count() == 12
        assert large == small

    def test_updating_every_item_and_news_costs_the_same_queries_for_five_or_twenty_five(self):
        costs = []
        for n, name in ((5, "a.txt"), (25, "b.txt")):
            queries_to_sync(sized_brief(items=n, news=n), name=name, sha256=name[0] * 64)
            changed = sized_brief(items=n, news=n, variant=" (revised)")
            costs.append(queries_to_sync(changed, name=name, sha256=name[0].upper() * 64))
        assert costs[0] == costs[1]
        assert Brief.objects.count() == 2
        assert NewsItem.objects.filter(text__contains="(revised)").count() == 30

    def test_the_budget_of_a_new_brief(self):
        """Say so here when a change costs more: a new brief with two policies, two news items
        and an unregistered company."""
        count = queries_to_sync(parsed_brief(energy_summary=UNREGISTERED_COMPANY),
                                name="a.txt", sha256="a" * 64)
        assert count <= 50  # SQLite; PostgreSQL writes no FTS5 rows


@pytest.mark.django_db
class TestMatchersCompiledOncePerContent:
    @pytest.fixture
    def compiles(self, monkeypatch):
        cache.clear()
        counted = []
        original = trie.Trie.compile

        def compile(self, **kwargs):
            counted.append(1)
            return original(self, **kwargs)

        monkeypatch.setattr(trie.Trie, "compile", compile)
        return counted

    def test_building_known_records_twice_compiles_once(self, compiles):
        first = KnownRecords()
        compiled = len(compiles)
        second = KnownRecords()
        assert compiled == 6  # agencies, sectors, companies: Latin and Chinese each
        assert len(compiles) == compiled
        assert second.agency_matcher is first.agency_matcher
        assert second.sector_classifier is first.sector_classifier
        assert second.company_matcher is first.company_matcher

    def test_an_alias_added_by_an_editor_gives_a_new_matcher_that_knows_it(self, compiles):
        before = KnownRecords()
        assert before.agencies_in("The Widget Office met.") == []
        miit = before.agencies["MIIT"]
        AgencyAlias.objects.create(agency=miit, name="Widget Office")
        after = KnownRecords()
        assert after.agency_matcher is not before.agency_matcher
        assert after.agencies_in("The Widget Office met.") == [miit]
        assert after.company_matcher is before.company_matcher
