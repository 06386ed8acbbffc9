"""A registry filter's value (?agency=MIIT, ?sector=..., ?company=...) is resolved once per data
version and kept per value: a new combination of filters queries only for the values no request
asked before, an unknown name is kept as unknown, and any write resolves them afresh."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies.listing.filtersets import ENTRIES
from policies.models import Agency, AgencyAlias, Sector


def registry_lookups(response_of):
    """The response, and the registry lookups it made (the one UNION query per request)."""
    with CaptureQueriesContext(connection) as queries:
        response = response_of()
    return response, [q["sql"] for q in queries.captured_queries if "r_given" in q["sql"]]


def test_a_new_combination_looks_up_only_the_values_not_asked_before(seeded, client):
    ENTRIES.clear()
    sector = Sector.objects.filter(policies__isnull=False).first()
    first, lookups = registry_lookups(lambda: client.get("/policies/?agency=MIIT&type=notice"))
    assert first.status_code == 200 and len(lookups) == 1 and "policies_agency" in lookups[0]

    combined, lookups = registry_lookups(
        lambda: client.get(f"/policies/?agency=miit&sector={sector.slug}"))
    assert combined.status_code == 200
    assert len(lookups) == 1  # the sector alone: MIIT (in any case) was resolved before
    assert "policies_sector" in lookups[0] and "policies_agency" not in lookups[0]
    expected = sector.policies.filter(policy_agencies__agency__abbreviation="MIIT").count()
    assert expected and f"issued by MIIT in {sector.name}" in combined.text
    assert f"{expected} polic" in combined.text

    again, lookups = registry_lookups(
        lambda: client.get(f"/policies/?sector={sector.slug}&agency=MIIT&page_size=10"))
    assert again.status_code == 200 and lookups == []


def test_an_unknown_name_is_kept_unknown_and_still_reported(seeded, client):
    ENTRIES.clear()
    for expected_lookups, url in ((1, "/policies/?agency=NOSUCHBODY"),
                                  (0, "/policies/?agency=NOSUCHBODY&type=notice")):
        response, lookups = registry_lookups(lambda: client.get(url))  # noqa: B023
        assert len(lookups) == expected_lookups
        assert response.status_code == 400
        assert "Unknown agency" in response.text and "NOSUCHBODY" in response.text


def test_a_write_resolves_the_values_afresh(seeded, client):
    """An alias added in the admin names its agency at the next request."""
    ENTRIES.clear()
    unknown = client.get("/policies/?agency=Industry+Ministry+Alias")
    assert unknown.status_code == 400 and "Unknown agency" in unknown.text
    AgencyAlias.objects.create(agency=Agency.objects.get(abbreviation="MIIT"),
                               name="Industry Ministry Alias")
    known, lookups = registry_lookups(
        lambda: client.get("/policies/?agency=Industry+Ministry+Alias"))
    assert len(lookups) == 1 and known.status_code == 200
    assert "Unknown agency" not in known.text and "issued by MIIT" in known.text
