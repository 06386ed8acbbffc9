"""Merging duplicate agencies and companies: relations move, names become aliases, old URLs answer
301."""

from __future__ import annotations

import pytest

from policies.models import (
    Agency,
    AgencyAlias,
    Company,
    CompanyAlias,
    NewsItem,
    PolicyAgency,
)

from .admin_forms import post_action
from .factories import make_policy


@pytest.mark.django_db
class TestMerges:
    def test_merging_companies_moves_relations_aliases_and_redirects(self, seeded, client,
                                                                       admin_client):
        survivor = Company.objects.get(slug="volkswagen")
        loser = Company.objects.create(name="Volkswagen AG (dup)", slug="volkswagen-ag-dup")
        policy = make_policy(title="Plan mentioning VW")
        policy.companies.add(loser)
        news = NewsItem.objects.filter(companies=survivor).first()
        other_news = NewsItem.objects.exclude(companies=survivor).first()
        other_news.companies.add(loser)
        old_url = loser.get_absolute_url()

        response = post_action(admin_client, "company", "merge_companies", [survivor, loser],
                               apply="1", survivor=str(survivor.pk))
        assert response.status_code == 302
        assert not Company.objects.filter(pk=loser.pk).exists()
        assert survivor in policy.companies.all()
        assert survivor in other_news.companies.all() and survivor in news.companies.all()
        assert CompanyAlias.objects.get(name="Volkswagen AG (dup)").company == survivor
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"].endswith(survivor.get_absolute_url())

    def test_merging_agencies_keeps_one_row_per_policy_and_the_lead(self, admin_client, client):
        survivor = Agency.objects.get(abbreviation="NDA")
        loser = Agency.objects.create(abbreviation="NDX", name="National Data Office",
                                      slug="ndx", kind="administration")
        both = make_policy(title="Both", agencies=("NDX", "NDA"))
        only_loser = make_policy(title="Loser only", agencies=("MIIT", "NDX"))
        response = post_action(admin_client, "agency", "merge_agencies", [survivor, loser],
                               apply="1", survivor=str(survivor.pk))
        assert response.status_code == 302
        rows = list(PolicyAgency.objects.filter(policy=both).values_list("agency__abbreviation",
                                                                          "position"))
        assert rows == [("NDA", 0)]
        assert [pa.agency.abbreviation for pa in only_loser.policy_agencies.all()] == \
            ["MIIT", "NDA"]
        assert AgencyAlias.objects.get(name="NDX").agency == survivor
        assert Agency.objects.named("National Data Office").get() == survivor
        assert client.get("/agencies/ndx/").status_code == 301
