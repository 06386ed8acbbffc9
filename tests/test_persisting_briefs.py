"""`persist.sync_brief` on a ParsedBrief built in memory: no files, no parser, only what a parsed
brief becomes in the database (natural keys, in-place updates, corrections kept, one
transaction). The registry (MIIT, NDRC, ...) comes from the data migration."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from ingest import persist
from ingest.known_records import KnownRecords
from ingest.parsing.structures import ParsedBrief, ParsedItem, ParsedNews, ParsedPolicy
from policies.editorial.history import changes_by
from policies.models import (
    Brief,
    BriefItem,
    Company,
    IngestRun,
    IngestWarning,
    NewsItem,
    Policy,
    PolicyAgency,
    PolicySector,
)

SOURCE = "010_in_memory_brief.txt"
SHA_FIRST = "1" * 64
SHA_SECOND = "2" * 64
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
UNREGISTERED_COMPANY = "Xyz Robotics Co., Ltd. will build the storage plants."


def parsed_brief(*, energy_issued_on: date = date(2024, 11, 20),
                 energy_agencies: tuple[str, ...] = ("MIIT", "NDRC", "NDB"),
                 energy_summary: str = "Three agencies set targets for new energy storage.",
                 corporate_news: str = "BYD opened a battery plant in Hungary.") -> ParsedBrief:
    """A two-item MERICS brief with two news items, as the parser would return it."""
    return ParsedBrief(
        kind="brief",
        title="China Industrial Policy Brief: November 2024",
        publisher="MERICS",
        series="China Industrial Policy Brief",
        published_on=date(2024, 12, 4),
        period_start=date(2024, 11, 1),
        period_end=date(2024, 11, 30),
        authors=["A. Analyst"],
        items=[
            ParsedItem(
                position=1,
                headline="New energy storage gets an action plan",
                summary=energy_summary,
                key_points=["Scale up battery storage", "Set safety standards"],
                comment="Storage is the bottleneck of the energy transition.",
                policy=ParsedPolicy(
                    title="Action Plan for the High-Quality Development of New Energy Storage",
                    chinese_title="新型储能高质量发展行动方案",
                    document_type="action_plan",
                    issued_on=energy_issued_on,
                    agency_refs=list(energy_agencies),
                    source_urls=["https://www.miit.gov.cn/plan.html",
                                 "https://web.archive.org/web/2024/https://example.com/plan"],
                    line=12,
                ),
                line=10,
            ),
            ParsedItem(
                position=2,
                headline="Data labelling industry",
                summary="The data bureau wants a data labelling industry.",
                policy=ParsedPolicy(
                    title="Guidelines for the Data Labelling Industry",
                    document_type="guidelines",
                    issued_on=date(2024, 11, 25),
                    agency_refs=["NDA"],
                    line=30,
                ),
                line=28,
            ),
        ],
        news=[
            ParsedNews(kind="policy", date=date(2024, 11, 7),
                       text="The Cyberspace Administration of China (CAC) tightened data rules.",
                       sources=["Reuters"], line=40),
            ParsedNews(kind="corporate", date=date(2024, 11, 13), text=corporate_news,
                       sources=["Caixin"], line=42),
        ],
    )


def sync(parsed: ParsedBrief, *, sha256: str = SHA_FIRST, run=None, force: bool = False,
         known: KnownRecords | None = None) -> persist.FileOutcome:
    return persist.sync_brief(
        parsed, source_file=SOURCE, raw_text=f"raw text {sha256[:4]}", sha256=sha256,
        known=known or KnownRecords(), run=run, force=force,
    )


def agencies_of(policy: Policy) -> list[tuple[int, str]]:
    return list(policy.policy_agencies.order_by("position")
                .values_list("position", "agency__abbreviation"))


def energy_policy() -> Policy:
    return Policy.objects.get(chinese_title="新型储能高质量发展行动方案")


def snapshot() -> dict:
    """Every row sync_brief writes, with its primary key."""
    return {
        "briefs": list(Brief.objects.values_list("pk", "source_file", "title", "updated_at")),
        "items": list(BriefItem.objects.values_list("pk", "brief_id", "position", "policy_id",
                                                    "summary")),
        "news": list(NewsItem.objects.values_list("pk", "brief_id", "position", "text")),
        "policies": list(Policy.objects.values_list("pk", "slug", "issued_on", "updated_at")),
        "policy_agencies": list(PolicyAgency.objects.values_list("pk", "policy_id", "agency_id",
                                                                 "position")),
    }


@pytest.mark.django_db
class TestANewBrief:
    def test_a_new_brief_is_stored_under_its_file_name(self):
        outcome = sync(parsed_brief())
        assert outcome.status == "created"
        brief = Brief.objects.get(source_file=SOURCE)
        assert outcome.brief == brief
        assert (brief.title, brief.publisher, brief.published_on) == (
            "China Industrial Policy Brief: November 2024", "MERICS", date(2024, 12, 4))
        assert brief.sha256 == SHA_FIRST and brief.slug.startswith("2024-12-04-")

    def test_items_and_news_are_stored_by_their_position_in_the_brief(self):
        outcome = sync(parsed_brief())
        brief = outcome.brief
        assert list(brief.items.order_by("position").values_list("position", "headline")) == [
            (1, "New energy storage gets an action plan"), (2, "Data labelling industry")]
        assert list(brief.news_items.order_by("position").values_list("position", "kind")) == [
            (1, "policy"), (2, "corporate")]
        assert outcome.news_items == 2
        assert outcome.policies_created == 2 and Policy.objects.count() == 2
        assert BriefItem.objects.get(brief=brief, position=1).policy == energy_policy()

    def test_policy_agencies_keep_the_issuing_order_with_the_lead_at_position_zero(self):
        sync(parsed_brief())
        # "NDB" is an alias of the National Data Administration
        assert agencies_of(energy_policy()) == [(0, "MIIT"), (1, "NDRC"), (2, "NDA")]
        assert not energy_policy().needs_review

    def test_news_link_the_agencies_and_companies_they_name(self):
        brief = sync(parsed_brief()).brief
        policy_news, corporate_news = brief.news_items.order_by("position")
        assert [a.abbreviation for a in policy_news.agencies.all()] == ["CAC"]
        assert [c.slug for c in corporate_news.companies.all()] == ["byd"]

    def test_an_unregistered_company_named_with_its_legal_suffix_is_created(self):
        outcome = sync(parsed_brief(energy_summary=UNREGISTERED_COMPANY))
        assert outcome.companies_created == 1
        assert [c.name for c in energy_policy().companies.all()] == ["Xyz Robotics"]

    def test_source_links_are_told_apart(self):
        sync(parsed_brief())
        assert [link["kind"] for link in energy_policy().source_links] == ["official", "archive"]


@pytest.mark.django_db
class TestSyncingAgain:
    def test_the_same_text_again_is_unchanged_and_writes_nothing(self):
        sync(parsed_brief())
        before = snapshot()
        known = KnownRecords()
        with CaptureQueriesContext(connection) as queries:
            outcome = sync(parsed_brief(), known=known)
        assert outcome.status == "unchanged"
        assert outcome.brief.source_file == SOURCE
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == []
        assert snapshot() == before

    def test_a_changed_brief_updates_in_place_under_the_same_primary_keys(self):
        sync(parsed_brief())
        before = snapshot()
        changed = parsed_brief(energy_issued_on=date(2024, 11, 21),
                               corporate_news="BYD opened a second battery plant in Hungary.")
        outcome = sync(changed, sha256=SHA_SECOND)
        assert outcome.status == "updated"
        assert outcome.policies_created == 0 and outcome.policies_updated == 1
        after = snapshot()
        for table in ("briefs", "items", "news", "policies", "policy_agencies"):
            assert [row[0] for row in after[table]] == [row[0] for row in before[table]], table
        assert energy_policy().issued_on == date(2024, 11, 21)
        assert NewsItem.objects.get(brief=outcome.brief, position=2).text.startswith(
            "BYD opened a second")
        assert Brief.objects.get(source_file=SOURCE).sha256 == SHA_SECOND

    def test_items_and_news_the_new_text_no_longer_has_are_removed(self):
        sync(parsed_brief())
        shorter = parsed_brief()
        shorter = dataclasses.replace(shorter, items=shorter.items[:1], news=shorter.news[:1])
        outcome = sync(shorter, sha256=SHA_SECOND)
        assert list(outcome.brief.items.values_list("position", flat=True)) == [1]
        assert list(outcome.brief.news_items.values_list("position", flat=True)) == [1]

    def test_an_editor_corrected_field_survives_a_resync_and_is_counted(self):
        sync(parsed_brief())
        policy = energy_policy()
        policy.issued_on = date(2024, 11, 19)
        policy.mark_corrected("issued_on")
        policy.save()

        outcome = sync(parsed_brief(), force=True)
        assert outcome.status == "updated"
        assert outcome.corrections_kept == 1
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 11, 19)
        assert policy.is_corrected("issued_on")


@pytest.mark.django_db
class TestWhatNeedsAnEditor:
    def test_an_unknown_agency_flags_the_policy_for_review_with_a_warning(self):
        run = IngestRun.objects.create(paths=[SOURCE])
        outcome = sync(parsed_brief(energy_agencies=("MIIT", "Ministry of Magic")), run=run)
        policy = energy_policy()
        assert agencies_of(policy) == [(0, "MIIT")]
        assert policy.needs_review
        assert "unknown agency: Ministry of Magic" in policy.review_reasons
        (warning,) = [reason for line, reason in outcome.warnings if "Ministry of Magic" in reason]
        assert warning.startswith("unknown agency 'Ministry of Magic'")
        stored = IngestWarning.objects.get(run=run, reason=warning)
        assert (stored.file, stored.line, stored.brief) == (SOURCE, 12, outcome.brief)

    def test_a_body_with_its_abbreviation_resolves_by_either_part_or_is_reported_by_its_name(self):
        sync(parsed_brief(energy_agencies=("Ministry of Industry and Information Technology (MIIT)",
                                           "Ministry of Magic (MOM)")))
        policy = energy_policy()
        assert agencies_of(policy) == [(0, "MIIT")]
        assert "unknown agency: Ministry of Magic (MOM)" in policy.review_reasons


@pytest.mark.django_db
class TestOneTransaction:
    @pytest.fixture
    def break_the_second_news_item(self, monkeypatch):
        """Call it to make every later sync fail in the middle, at its second news item."""
        original = persist._Sync.sync_news

        def explode(self, brief, position, news):
            if position == 2:
                raise DatabaseError("disk full (simulated)")
            return original(self, brief, position, news)

        return lambda: monkeypatch.setattr(persist._Sync, "sync_news", explode)

    def test_a_failure_inside_the_transaction_leaves_nothing_half_written(
            self, break_the_second_news_item):
        companies = Company.objects.count()
        break_the_second_news_item()
        with pytest.raises(DatabaseError):
            sync(parsed_brief(energy_summary=UNREGISTERED_COMPANY))
        assert not Brief.objects.exists()
        assert not BriefItem.objects.exists()
        assert not NewsItem.objects.exists()
        assert not Policy.objects.exists()
        assert not PolicyAgency.objects.exists()
        assert Company.objects.count() == companies  # Xyz Robotics was created, then rolled back

    def test_a_failed_update_leaves_the_previous_version_as_it_was(
            self, break_the_second_news_item):
        sync(parsed_brief())
        before = snapshot()
        break_the_second_news_item()
        with pytest.raises(DatabaseError):
            sync(parsed_brief(energy_issued_on=date(2024, 11, 21)), sha256=SHA_SECOND)
        assert snapshot() == before
        assert Brief.objects.get(source_file=SOURCE).sha256 == SHA_FIRST


@pytest.mark.django_db
class TestHistoryOfAnIngest:
    REASON = "ingest run 7: 010_in_memory_brief.txt"

    @staticmethod
    def history(record) -> list[tuple[str, str]]:
        return list(record.history.order_by("history_id")
                    .values_list("history_type", "history_change_reason"))

    def test_every_row_written_has_one_history_row_with_the_runs_reason(self):
        with changes_by(self.REASON):
            sync(parsed_brief(energy_summary=UNREGISTERED_COMPANY))
        for model in (Brief, BriefItem, NewsItem, Policy, PolicyAgency, PolicySector):
            assert model.objects.exists(), model
            for record in model.objects.all():
                assert self.history(record) == [("+", self.REASON)], record
        created = energy_policy().history.get()
        assert [row.company.name for row in created.companies.all()] == ["Xyz Robotics"]

    def test_a_resync_records_what_changed_and_leaves_the_rest_alone(self):
        sync(parsed_brief())
        with changes_by(self.REASON):
            sync(parsed_brief(energy_issued_on=date(2024, 11, 21),
                              energy_summary=UNREGISTERED_COMPANY), sha256=SHA_SECOND)
        policy = energy_policy()
        latest = policy.history.first()
        assert (latest.history_type, latest.history_change_reason, latest.issued_on) == (
            "~", self.REASON, date(2024, 11, 21))
        assert [row.company.name for row in latest.companies.all()] == ["Xyz Robotics"]
        energy_item, data_item = BriefItem.objects.order_by("position")
        assert self.history(energy_item)[-1] == ("~", self.REASON)  # its summary changed
        assert [kind for kind, _ in self.history(data_item)] == ["+"]  # unchanged
        for news in NewsItem.objects.all():
            assert [kind for kind, _ in self.history(news)] == ["+"]
