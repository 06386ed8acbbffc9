"""A date a source states only to the month ("In March 2016, MIIT released ...") is stored as
such and never shown, exported or cited as a day: the ingest keeps the precision, and the
page, the JSON, the CSV, the citations and the brief pages all say "March 2016"."""

from __future__ import annotations

import csv
import io
from datetime import date

import bibtexparser
import pytest
import rispy
from django.core.management import call_command

from policies.models import Brief, DatePrecision, Policy

from .conftest import ensure_registry
from .factories import make_policy

pytestmark = pytest.mark.django_db

MONTH_ONLY = """Widget Watch: March 2016

In March 2016, MIIT released the Widget Domain Regulation for comment. The regulation sets
rules for widget registries across the country and their service providers.

On 3 April 2016, the NDRC issued the Notice on Gadget Pricing. The notice caps gadget prices
in six provinces for a trial year and asks the provinces to report back.
"""


@pytest.fixture
def month_policy():
    policy = make_policy(title="Widget Domain Regulation", agencies=("MIIT",),
                         issued_on=date(2016, 3, 1), document_type="other")
    Policy.objects.filter(pk=policy.pk).update(issued_precision=DatePrecision.MONTH)
    return Policy.objects.get(pk=policy.pk)


def test_the_ingest_stores_a_month_as_a_month_and_a_day_as_a_day(tmp_path):
    ensure_registry()
    (tmp_path / "widget-watch.txt").write_text(MONTH_ONLY, encoding="utf-8")
    call_command("ingest", str(tmp_path), verbosity=0)
    month = Policy.objects.get(title="Widget Domain Regulation")
    assert (month.issued_on, month.issued_precision) == (date(2016, 3, 1), "month")
    day = Policy.objects.get(title="Notice on Gadget Pricing")
    assert (day.issued_on, day.issued_precision) == (date(2016, 4, 3), "day")


def test_the_page_and_the_list_say_the_month_and_no_day(client, month_policy):
    page = client.get(month_policy.get_absolute_url()).content.decode()
    assert '<time datetime="2016-03">March 2016</time>' in page
    assert "1 March 2016" not in page
    listing = client.get("/policies/").content.decode()
    assert '<time datetime="2016-03">Mar 2016</time>' in listing


def test_json_csv_and_citations_carry_the_precision(client, month_policy):
    row = client.get(f"/api/policies/{month_policy.pk}/").json()
    assert (row["date"], row["date_precision"]) == ("2016-03-01", "month")
    rows = list(csv.DictReader(io.StringIO(
        b"".join(client.get("/policies/export.csv").streaming_content).decode("utf-8-sig"))))
    assert [r["date"] for r in rows] == ["2016-03"]
    entry = bibtexparser.parse_string(
        client.get(f"/policies/{month_policy.pk}/cite.bib").content.decode()).entries[0]
    assert entry.fields_dict["date"].value == "2016-03"
    assert entry.fields_dict["month"].value == "mar"
    record = rispy.loads(client.get(f"/policies/{month_policy.pk}/cite.ris").content.decode())[0]
    assert record["date"] == "2016/03//"


def test_a_brief_dated_to_its_month_shows_the_month(client):
    brief = Brief.objects.create(title="Widget Watch", slug="widget-watch",
                                 published_on=date(2023, 4, 1),
                                 published_precision=DatePrecision.MONTH,
                                 source_file="w.txt", sha256="0" * 64, raw_text="x")
    page = client.get(brief.get_absolute_url()).content.decode()
    assert '<time datetime="2023-04">April 2023</time>' in page
    assert client.get(f"/api/briefs/{brief.slug}/").json()["date_precision"] == "month"
