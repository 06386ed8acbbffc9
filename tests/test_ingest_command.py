# ruff: noqa: E501  (expected values are long literal titles)
"""`manage.py ingest`: what the seeds give, idempotency, in-place updates, one transaction per
file, bad input, and editors' corrections surviving a re-ingest."""

from __future__ import annotations

import json
import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from ingest import persist
from policies.models import (
    Agency,
    Brief,
    BriefItem,
    IngestRun,
    IngestWarning,
    NewsItem,
    Policy,
    PolicyAgency,
)

from .conftest import SEEDS

ISSUING = {
    # English title prefix -> the agencies of its "Issuing" line, lead first
    "Implementation Plan for the Digital Transformation of the Automotive": ["MIIT", "MOE", "SAMR", "NDA"],
    "Issuing the Overall Construction Plan for the New Materials": ["MIIT", "MOF", "NDA"],
    "Action Plan for the High-Quality Development of the New Energy Storage": ["MIIT"],
    "Notice on Carrying out the Gradient Cultivation Action of Smart": ["MIIT"],
    "Notice on the Collection of Typical Application Cases": ["MIIT"],
    "Notice on the Selection of Advanced and Applicable": ["MIIT"],
    "Notice on the Selection of Manufacturing Champions": ["MIIT"],
    "Guidelines for Equipment Renewal": ["MIIT"],
    "Notice on Promoting the Development of the Mobile Internet of Things": ["MIIT"],
    "Implementation Guidelines for the Synergistic Development": ["CAC"],
    "Notice on Carrying Out the Pilot Work of Product Carbon Footprint": ["SAMR"],
    "Working Guidance for Carbon Dioxide Peaking": ["CCPCC", "State Council"],
    "The Central Committee of the Communist Party of China and the State Council issued": ["CCPCC", "State Council"],
    "Notice on Issuing the \"Three-year Action Plan": ["MIIT", "CAC", "MOST", "MEE", "MOHURD", "MOA", "NHC", "NEA"],
    "Guiding Opinions on Strengthening the Comprehensive Management": ["CAC", "CCPCPD", "MOE", "MOST", "MIIT", "MPS", "MCT", "SAMR", "NRTA"],
    "Measures for the Administration of Data Security": ["MIIT"],
}


def run_ingest(*args, **kwargs):
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err, **kwargs)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), False
    return out.getvalue(), err.getvalue(), True


def agencies_of(policy):
    return [pa.agency.abbreviation for pa in policy.policy_agencies.order_by("position")
            .select_related("agency")]


@pytest.mark.django_db
class TestWhatTheSeedsGive:
    def test_five_briefs_four_merics_one_caixin_article(self, seeded):
        assert Brief.objects.count() == 5
        assert Brief.objects.filter(kind="brief", publisher="MERICS").count() == 4
        article = Brief.objects.get(kind="article")
        assert article.publisher == "Caixin"
        assert article.published_on == date(2024, 12, 23)
        assert not article.items.exists()
        dates = set(Brief.objects.exclude(published_on=None).values_list("published_on", flat=True))
        assert dates == {date(2024, 12, 4), date(2024, 10, 2), date(2021, 11, 2),
                         date(2024, 12, 23)}
        undated = Brief.objects.get(published_on=None)
        assert undated.source_file.startswith("000_")
        assert undated.needs_review and undated.review_reasons

    def test_seventeen_policies_sixteen_complete_with_exact_issuing_agencies(self, seeded):
        assert Policy.objects.count() == 17
        complete = Policy.objects.exclude(issued_on=None)
        assert complete.count() == 16
        for policy in complete:
            assert policy.title
            expected = [v for k, v in ISSUING.items() if policy.title.startswith(k)]
            assert len(expected) == 1, f"no unique expectation for {policy.title!r}"
            assert agencies_of(policy) == expected[0], policy.title

    def test_the_partial_csp_policy_is_flagged_with_the_agencies_its_summary_names(self, seeded):
        csp = Policy.objects.get(issued_on=None)
        assert "concentrated solar power" in csp.title.lower()
        assert csp.needs_review and csp.review_reasons
        assert set(agencies_of(csp)) == {"NDRC", "NEA"}

    def test_forty_nine_news_items_all_dated(self, seeded):
        assert NewsItem.objects.count() == 49
        assert not NewsItem.objects.filter(date=None).exists()
        per_brief = {
            (b.source_file[:3], kind): b.news_items.filter(kind=kind).count()
            for b in Brief.objects.all() for kind in ("policy", "corporate")
        }
        assert per_brief[("001", "policy")] == 8 and per_brief[("001", "corporate")] == 10
        assert per_brief[("002", "policy")] == 10 and per_brief[("002", "corporate")] == 8
        assert per_brief[("004", "policy")] == 7 and per_brief[("004", "corporate")] == 6

    def test_garbled_chinese_titles_are_not_stored_and_are_flagged(self, seeded):
        for policy in Policy.objects.filter(brief_items__brief__source_file__startswith="001_"):
            assert policy.chinese_title == ""
            assert policy.needs_review
        assert Policy.objects.filter(chinese_title__contains="技术改造").count() == 1

    def test_news_items_link_the_agencies_and_companies_they_name(self, seeded):
        cac = Agency.objects.get(abbreviation="CAC")
        assert NewsItem.objects.filter(agencies=cac).count() >= 3
        biontech = NewsItem.objects.get(text__contains="Biotheus")
        assert {"BioNTech", "Biotheus"} <= {c.name for c in biontech.companies.all()}
        assert biontech.date == date(2024, 11, 13)
        assert biontech.sources == ["Reuters"]

    def test_source_links_are_kept_and_told_apart(self, seeded):
        policy = Policy.objects.get(title__startswith="Notice on the Selection of Advanced")
        kinds = {link["kind"] for link in policy.source_links}
        assert "official" in kinds and "archive" in kinds

    def test_every_stored_warning_names_its_file(self, seeded):
        assert IngestWarning.objects.exists()
        assert not IngestWarning.objects.filter(file="").exists()


@pytest.mark.django_db
class TestIdempotency:
    def test_second_run_changes_nothing_and_says_unchanged(self, seeded):
        before = {
            "policies": list(Policy.objects.values_list("pk", "slug", "updated_at")),
            "news": list(NewsItem.objects.values_list("pk", "text")),
            "items": list(BriefItem.objects.values_list("pk", "policy_id")),
        }
        out, _, ok = run_ingest(SEEDS)
        assert ok
        assert "5 unchanged" in out
        assert "0 created" in out
        after = {
            "policies": list(Policy.objects.values_list("pk", "slug", "updated_at")),
            "news": list(NewsItem.objects.values_list("pk", "text")),
            "items": list(BriefItem.objects.values_list("pk", "policy_id")),
        }
        assert before == after

    def test_changed_text_under_the_same_name_updates_in_place(self, seeded, tmp_path):
        source = next(SEEDS.glob("002_*.txt"))
        moved = tmp_path / "elsewhere" / source.name
        moved.parent.mkdir()
        text = source.read_text(encoding="utf-8").replace("September 4, 2024", "September 5, 2024")
        moved.write_text(text, encoding="utf-8")
        policy = Policy.objects.get(title__startswith="Notice on the Selection of Manufacturing")
        url, brief_pk = policy.get_absolute_url(), Brief.objects.get(source_file=source.name).pk
        count = Policy.objects.count()

        out, _, ok = run_ingest(moved)
        assert ok and "1 updated" in out
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 9, 5)
        assert policy.get_absolute_url() == url
        assert Brief.objects.get(source_file=source.name).pk == brief_pk
        assert Policy.objects.count() == count

    def test_a_policy_discussed_by_two_briefs_is_one_policy(self, seeded, tmp_path):
        source = next(SEEDS.glob("002_*.txt"))
        copy = tmp_path / "002_second_brief.txt"
        copy.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        count = Policy.objects.count()
        _, _, ok = run_ingest(copy)
        assert ok
        assert Policy.objects.count() == count
        policy = Policy.objects.get(title__startswith="Notice on the Selection of Manufacturing")
        assert policy.brief_items.count() == 2


@pytest.mark.django_db
class TestOneTransactionPerFile:
    def test_a_failing_file_leaves_nothing_behind_and_the_others_land(self, tmp_path,
                                                                      monkeypatch):
        for seed in SEEDS.glob("00[12]_*.txt"):
            shutil.copy(seed, tmp_path / seed.name)
        original = persist._Sync.sync_news

        def explode(self, brief, position, news):
            if brief.source_file.startswith("002_") and position == 5:
                raise DatabaseError("disk full (simulated)")
            return original(self, brief, position, news)

        monkeypatch.setattr(persist._Sync, "sync_news", explode)
        _, err, ok = run_ingest(tmp_path)
        assert not ok
        assert "002_" in err and "database error" in err
        assert Brief.objects.filter(source_file__startswith="001_").exists()
        assert not Brief.objects.filter(source_file__startswith="002_").exists()
        assert not BriefItem.objects.filter(headline__contains="Manufacturing Champions").exists()
        assert not NewsItem.objects.filter(text__contains="IBM").exists()


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("name", "content", "reason"),
        [
            ("empty.txt", b"", "empty file"),
            ("blank.txt", b"   \n\n  ", "empty file"),
            ("binary.txt", bytes(range(256)) * 40, "binary"),
            ("utf16.txt", "At a glance: hello".encode("utf-16"), "UTF-16"),
            ("cp1252.txt", "MERICS comment: \u201cquoted\u201d".encode("cp1252"), "not valid UTF-8"),
            ("noise.txt", b"x7 q#(9 ]]" * 2000, "no recognisable"),
        ],
    )
    def test_bad_file_gets_one_line_naming_file_and_reason(self, tmp_path, name, content,
                                                           reason):
        good = tmp_path / next(SEEDS.glob("000_*.txt")).name
        shutil.copy(next(SEEDS.glob("000_*.txt")), good)
        (tmp_path / name).write_bytes(content)
        _, err, ok = run_ingest(tmp_path)
        assert not ok
        lines = [ln for ln in err.splitlines() if name in ln]
        assert len(lines) == 1 and reason in lines[0], err
        assert "Traceback" not in err
        assert Brief.objects.filter(source_file=good.name).exists()
        assert IngestWarning.objects.filter(file=name, is_error=True).exists()

    def test_ten_megabytes_of_noise_is_refused_before_reading(self, tmp_path):
        big = tmp_path / "huge.txt"
        big.write_bytes(b"noise " * (10 * 1024 * 1024 // 6))
        _, err, ok = run_ingest(big)
        assert not ok
        assert "huge.txt" in err and "MB" in err
        assert not Brief.objects.exists()

    def test_missing_path_is_reported(self, tmp_path):
        _, err, ok = run_ingest(tmp_path / "nope.txt")
        assert not ok and "no such file" in err


@pytest.mark.django_db
class TestDryRunAndJson:
    def test_dry_run_writes_nothing(self):
        out, _, ok = run_ingest(SEEDS, dry_run=True)
        assert ok and "Nothing written" in out
        assert not Brief.objects.exists() and not IngestRun.objects.exists()

    def test_json_format_prints_the_parsed_structure(self):
        out, _, ok = run_ingest(next(SEEDS.glob("001_*.txt")), dry_run=True, format="json")
        assert ok
        payload = json.loads(out)
        brief = payload["files"][0]["brief"]
        assert len(brief["items"]) == 5
        assert brief["items"][0]["policy"]["agency_refs"] == ["MIIT", "MOF", "NDB"]
        assert payload["summary"]["news_items"] == 18


@pytest.mark.django_db
class TestCorrectionsSurvive:
    def test_admin_corrections_are_kept_on_reingest(self, seeded, admin_client, tmp_path):
        policy = Policy.objects.get(title__startswith="Guidelines for Equipment Renewal")
        url = f"/admin/policies/policy/{policy.pk}/change/"
        response = admin_client.get(url)
        form = response.context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update(
            title=policy.title, chinese_title=policy.chinese_title, slug=policy.slug,
            document_type=policy.document_type, issued_on="2024-09-21",
            source_links=json.dumps(policy.source_links), review_reasons="[]",
            companies=[], needs_review="",
        )
        rows = list(policy.policy_agencies.all())
        data.update({
            "policy_agencies-TOTAL_FORMS": str(len(rows) + 1),
            "policy_agencies-INITIAL_FORMS": str(len(rows)),
            "policy_agencies-MIN_NUM_FORMS": "0", "policy_agencies-MAX_NUM_FORMS": "1000",
        })
        for i, row in enumerate(rows):
            data.update({f"policy_agencies-{i}-id": str(row.pk),
                         f"policy_agencies-{i}-policy": str(policy.pk),
                         f"policy_agencies-{i}-agency": str(row.agency_id),
                         f"policy_agencies-{i}-position": str(row.position)})
        n = len(rows)
        data.update({f"policy_agencies-{n}-policy": str(policy.pk),
                     f"policy_agencies-{n}-agency": str(Agency.objects.get(abbreviation="NDRC").pk),
                     f"policy_agencies-{n}-position": "1"})
        for prefix in ("policy_sectors", "brief_items"):
            existing = {"policy_sectors": list(policy.policy_sectors.all()),
                        "brief_items": list(policy.brief_items.all())}[prefix]
            data.update({f"{prefix}-TOTAL_FORMS": str(len(existing)),
                         f"{prefix}-INITIAL_FORMS": str(len(existing)),
                         f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
            for i, row in enumerate(existing):
                data[f"{prefix}-{i}-id"] = str(row.pk)
                data[f"{prefix}-{i}-policy"] = str(policy.pk)
                if prefix == "policy_sectors":
                    data[f"{prefix}-{i}-sector"] = str(row.sector_id)
                    data[f"{prefix}-{i}-automatic"] = "on"
        for prefix in ("targets", "relations_out"):  # shown, but left as they are
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                         f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 9, 21)
        assert {"issued_on", "agencies"} <= set(policy.corrected_fields)
        assert agencies_of(policy) == ["MIIT", "NDRC"]

        out, _, ok = run_ingest(SEEDS, force=True)
        assert ok
        assert "corrections kept" in out and " 0 editor corrections kept" not in out
        policy.refresh_from_db()
        assert policy.issued_on == date(2024, 9, 21)
        assert agencies_of(policy) == ["MIIT", "NDRC"]
        assert PolicyAgency.objects.filter(policy=policy).count() == 2
