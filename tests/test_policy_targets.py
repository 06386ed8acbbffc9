"""Policy targets as data: every quantitative goal the seeds state is read with its year, none is
invented, and the stored targets keep editors' corrections, show on the pages and leave in the
JSON, the CSV and the dump."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from ingest.parsing import parse_brief
from ingest.parsing.targets import find_targets
from policies.models import Brief, BriefItem, NewsItem, Policy, PolicyTarget

from .admin_forms import change_form_data
from .conftest import SEEDS as SEEDS_DIR
from .factories import make_policy, make_target

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


# --------------------------------------------------------------------------- stored targets


def _seed_targets():
    return sorted((t.policy.title[:30], t.target_year, float(t.value))
                  for t in PolicyTarget.objects.select_related("policy"))


@pytest.mark.django_db
def test_the_ingest_stores_every_seed_target_once_and_again_unchanged(seeded):
    stored = PolicyTarget.objects.select_related("brief_item", "policy")
    assert stored.count() == len(SEED_TARGETS)
    assert all(t.brief_item.policy_id == t.policy_id for t in stored)
    before = {t.pk: t.updated_at for t in stored}
    call_command("ingest", str(SEEDS_DIR), force=True, verbosity=0)
    assert {t.pk: t.updated_at for t in PolicyTarget.objects.all()} == before


@pytest.mark.django_db
def test_an_editors_correction_of_a_target_survives_a_reingest_with_its_history(
        seeded, editor_client):
    target = PolicyTarget.objects.get(metric="CSP capacity")
    url = f"/admin/policies/policytarget/{target.pk}/change/"
    data = change_form_data(editor_client.get(url))
    data.update(metric="installed CSP capacity", value="16")
    assert editor_client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert {"metric", "value"} <= set(target.corrected_fields)

    call_command("ingest", str(SEEDS_DIR), force=True, verbosity=0)
    target.refresh_from_db()
    assert (target.metric, target.value, target.target_year) == ("installed CSP capacity", 16,
                                                                 2030)
    assert [h.metric for h in target.history.order_by("history_date")] == [
        "CSP capacity", "installed CSP capacity"]


@pytest.mark.django_db
def test_a_target_the_text_no_longer_states_goes_unless_an_editor_corrected_it(
        seeded, tmp_path):
    source = SEEDS["000"]
    changed = tmp_path / source.name
    changed.write_text(source.read_text(encoding="utf-8").replace(
        "Install 15 gigawatts (GW) of CSP capacity, ", ""), encoding="utf-8")
    kept = PolicyTarget.objects.get(metric="industry-wide labor productivity")
    kept.save_corrections("direction")
    call_command("ingest", str(changed), verbosity=0)
    assert not PolicyTarget.objects.filter(metric="CSP capacity").exists()
    assert PolicyTarget.objects.filter(pk=kept.pk).exists()


# --------------------------------------------------------------------------- pages and twins


@pytest.mark.django_db
def test_the_targets_page_facets_count_what_direct_queries_count(seeded, client,
                                                                  django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/targets/")
    assert response.status_code == 200
    facets = {f.name: f for f in response.context["results"].facets}
    assert {v.value: v.count for v in facets["year"].values} == dict(Counter(
        str(y) for y in PolicyTarget.objects.values_list("target_year", flat=True)))
    miit = next(v for v in facets["agency"].values if v.value == "MIIT")
    assert miit.count == PolicyTarget.objects.filter(
        policy__policy_agencies__agency__abbreviation="MIIT").distinct().count()
    html = response.content.decode()
    assert "CSP capacity" in html and "?year=2030" in html


@pytest.mark.django_db
def test_choosing_a_year_keeps_the_other_years_counts(seeded, client):
    response = client.get("/targets/?year=2027")
    results = response.context["results"]
    assert results.page.paginator.count == PolicyTarget.objects.filter(target_year=2027).count()
    assert len([v for v in results.facets[0].values if v.count]) > 1
    assert all(t.target_year == 2027 for t in results.rows)


@pytest.mark.django_db
def test_the_targets_query_count_does_not_grow_with_the_rows(client,
                                                             django_assert_max_num_queries):
    policies = [make_policy(title=f"Plan {n}", agencies=("MIIT", "NDRC"), sectors=("energy",))
                for n in range(30)]
    for n, policy in enumerate(policies):
        make_target(policy, metric=f"metric {n}", target_year=2025 + n % 3)
    with django_assert_max_num_queries(12):
        assert client.get("/targets/?page_size=100").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["year=27", "sector=nonsense", "agency=XYZ", "yaer=2027",
                                   "page_size=0"])
def test_a_bad_targets_parameter_is_a_400_naming_it(seeded, client, query):
    assert client.get(f"/targets/?{query}").status_code == 400
    answer = client.get(f"/api/targets/?{query}")
    assert answer.status_code == 400 and answer.json()["errors"]
    if not query.startswith("page"):  # the export has every row: it reads no page
        assert client.get(f"/targets/export.csv?{query}").status_code == 400


@pytest.mark.django_db
def test_the_targets_json_and_csv_twins_hold_the_same_rows(seeded, client):
    data = client.get("/api/targets/?year=2030").json()
    assert [r["metric"] for r in data["results"]] == ["CSP capacity"]
    row = data["results"][0]
    assert (row["value"], row["unit"], row["target_year"]) == (15, "gigawatts", 2030)
    assert row["policy"]["url"].startswith("http://testserver/policies/")
    csv_text = b"".join(client.get("/targets/export.csv?year=2030").streaming_content)
    rows = list(csv.DictReader(io.StringIO(csv_text.decode("utf-8-sig"))))
    assert [(r["metric"], r["value"], r["target_year"]) for r in rows] == [
        ("CSP capacity", "15", "2030")]


@pytest.mark.django_db
def test_a_policy_page_and_its_json_list_its_targets(seeded, client):
    target = PolicyTarget.objects.get(metric="industry-wide labor productivity")
    html = client.get(target.policy.get_absolute_url()).content.decode()
    assert f'id="target-{target.pk}"' in html and "industry-wide labor productivity" in html
    data = client.get(f"/api/policies/{target.policy_id}/").json()
    assert [t["metric"] for t in data["targets"]][:2] == [
        "smart manufacturing capabilities of vehicle manufacturers",
        "industry-wide labor productivity"]
    assert data["targets"][1]["baseline_year"] == 2025


@pytest.mark.django_db
def test_ingested_text_in_a_target_is_escaped(client):
    policy = make_policy(title="Plan")
    make_target(policy, metric="<script>alert(1)</script>", sentence="<b>bold</b>")
    html = client.get("/targets/").content.decode() + client.get(
        policy.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html and "<b>bold" not in html


@pytest.mark.django_db
def test_the_dump_round_trips_targets_with_their_corrections_and_history(seeded, tmp_path):
    corrected = PolicyTarget.objects.get(metric="CSP capacity")
    corrected.metric = "installed CSP capacity"
    corrected.save_corrections("metric")

    def state():
        return (sorted(PolicyTarget.objects.values_list(
                    "pk", "policy_id", "brief_item_id", "position", "metric", "value", "unit",
                    "direction", "target_year", "baseline_year", "corrected_fields")),
                PolicyTarget.history.count())

    before = state()
    dump = tmp_path / "archive.jsonl"
    call_command("export", format="jsonl", output=str(dump), stderr=io.StringIO())
    for model in (NewsItem, BriefItem, Policy, Brief):
        model.objects.all().delete()
    assert not PolicyTarget.objects.exists()
    call_command("import_dump", str(dump), stdout=io.StringIO())
    assert state() == before


def test_the_scorer_reports_targets_with_recall_and_precision():
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_extraction.py"),
                           "--split", "seeds", "--json"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    totals = json.loads(done.stdout)["totals"]
    assert (totals["targets"], totals["targets_recall"], totals["targets_precision"]) == (
        len(SEED_TARGETS), 1.0, 1.0)
    corpus = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_extraction.py")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60, check=True)
    assert re.search(r"^targets on \d+ texts: R=\d+% P=\d+%", corpus.stdout, re.M)


@pytest.mark.django_db
def test_a_target_corrected_inline_on_the_policy_form_survives_a_reingest(seeded,
                                                                         editor_client):
    target = PolicyTarget.objects.get(metric="CSP capacity")
    url = f"/admin/policies/policy/{target.policy_id}/change/"
    data = change_form_data(editor_client.get(url))
    [row] = [k for k, v in data.items() if k.startswith("targets-") and k.endswith("-id")
             and str(v) == str(target.pk)]
    data[row.replace("-id", "-target_year")] = "2031"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    target.refresh_from_db()
    assert (target.target_year, target.corrected_fields) == (2031, ["target_year"])
    call_command("ingest", str(SEEDS_DIR), force=True, verbosity=0)
    target.refresh_from_db()
    assert target.target_year == 2031
