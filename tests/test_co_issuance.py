"""The co-issuance network: each agency's co-issuers by year on its page (an SVG chart with the
numbers in a table), the whole archive's on /network/, and their JSON and CSV edge lists; every
count is what a direct query of the policies gives."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import combinations

import pytest

from policies.models import Agency, Policy
from policies.network import agency_network, archive_edges

from .factories import make_policy

pytestmark = pytest.mark.django_db


def _direct_pairs() -> Counter:
    """(a, b, year) -> policies, counted policy by policy."""
    counts = Counter()
    for policy in Policy.objects.prefetch_related("policy_agencies__agency"):
        agencies = sorted(pa.agency.abbreviation for pa in policy.policy_agencies.all())
        for a, b in combinations(agencies, 2):
            counts[(a, b, policy.year)] += 1
    return counts


def test_the_archive_edges_equal_direct_counts(seeded):
    edges = archive_edges()
    assert edges and {(e.a, e.b, e.year): e.policies for e in edges} == dict(_direct_pairs())


def test_an_agencys_co_issuers_by_year_equal_direct_queries(seeded):
    miit = Agency.objects.get(abbreviation="MIIT")
    found = agency_network(miit)
    for co_issuer in found.co_issuers:
        for year, n in co_issuer.by_year.items():
            assert n == Policy.objects.filter(year=year).issued_by([miit]).issued_by(
                Agency.objects.filter(abbreviation=co_issuer.abbreviation)).count()
    assert {c.abbreviation for c in found.co_issuers} == {
        b if a == "MIIT" else a for a, b, _ in _direct_pairs() if "MIIT" in (a, b)}
    joint = Policy.objects.issued_by([miit]).filter(policy_agencies__position=1).distinct()
    assert sum(found.joint_per_year.values()) == joint.count()


def test_the_agency_page_draws_the_chart_with_the_numbers_beside_it(seeded, client):
    html = client.get("/agencies/miit/").content.decode()
    section = html[html.index('id="network"'):]
    assert "<svg" in section and 'role="img"' in section and "<desc>" in section
    assert "Policies MIIT issued jointly, per year" in section
    assert '<th scope="row"><a href="/agencies/ndrc/"' in section or "CAC" in section
    assert "/agencies/miit/network.csv" in section


def test_the_agency_page_query_count_does_not_grow_with_the_co_issuers(
        client, django_assert_max_num_queries):
    agencies = list(Agency.objects.exclude(abbreviation="MIIT").values_list(
        "abbreviation", flat=True)[:12])
    for n, other in enumerate(agencies):
        make_policy(title=f"Joint notice {n}", agencies=("MIIT", other),
                    issued_on=__import__("datetime").date(2020 + n % 5, 1, 1))
    with django_assert_max_num_queries(25):
        response = client.get("/agencies/miit/")
    assert response.status_code == 200
    assert len(response.context["network"].co_issuers) == len(agencies)


def test_the_json_and_csv_edge_lists_hold_the_same_edges(seeded, client):
    data = client.get("/api/network/").json()
    assert data["count"] == len(data["results"]) == len(archive_edges())
    rows = list(csv.DictReader(io.StringIO(b"".join(
        client.get("/network/export.csv").streaming_content).decode("utf-8-sig"))))
    assert [(r["source"], r["target"], r["year"], int(r["policies"])) for r in rows] == [
        (e["source"], e["target"], str(e["year"] or ""), e["policies"]) for e in data["results"]]
    mine = client.get("/api/agencies/miit/network/").json()
    assert mine["agency"]["abbreviation"] == "MIIT"
    assert {e["target"] for e in mine["results"]} == {
        c.abbreviation for c in agency_network(Agency.objects.get(abbreviation="MIIT")).co_issuers}
    assert client.get("/agencies/MIIT/network.csv").status_code == 200
    assert client.get("/agencies/nobody/network.csv").status_code == 404


def test_the_network_page_lists_every_pair_and_refuses_unknown_parameters(seeded, client,
                                                                         django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/network/")
    html = response.content.decode()
    assert response.status_code == 200 and "Jointly issued policies per year" in html
    assert len(response.context["pairs"]) == len({(a, b) for a, b, _ in _direct_pairs()})
    assert client.get("/api/network/?year=2024").status_code == 400
    assert client.get("/network/export.csv?year=2024").status_code == 400


# the table's rows as the template loop wrote them: the reference for {% co_issuance_rows %}
ROWS_LOOP = (
    "{% for co_issuer, counts in network.rows %}\n"
    '      <tr><th scope="row"><a href="{% url \'policies:agency-detail\' slug=co_issuer.slug %}"'
    ' title="{{ co_issuer.name }}">{{ co_issuer.abbreviation }}</a></th>'
    "{% for n in counts %}<td>{{ n }}</td>{% endfor %}<td>{{ co_issuer.total }}</td></tr>\n"
    "    {% endfor %}")


def test_the_co_issuance_rows_tag_writes_the_template_loops_markup(seeded):
    from django.template import Context, Template

    make_policy(title='Notice on <b>Joint</b> "Work"', agencies=("MIIT", "NDRC", "MOF"))
    found = agency_network(Agency.objects.get(abbreviation="MIIT"))
    assert len(found.co_issuers) >= 2 and len(found.years) >= 2
    context = Context({"network": found})
    expected = Template(ROWS_LOOP).render(context)
    assert Template("{% load browse %}{% co_issuance_rows network %}").render(context) == expected
