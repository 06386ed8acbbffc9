"""Rules live in the database: unique natural keys and valid choices are enforced by constraints,
not only by forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from policies.models import (
    Agency,
    AgencyAlias,
    Brief,
    BriefItem,
    NewsItem,
    Policy,
    PolicyAgency,
)

from .factories import make_policy


@pytest.mark.django_db
class TestConstraints:
    def test_duplicate_agency_abbreviation_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Agency.objects.create(abbreviation="MIIT", name="Duplicate", slug="miit-2")

    def test_duplicate_alias_is_rejected(self):
        nda = Agency.objects.get(abbreviation="NDA")
        with pytest.raises(IntegrityError), transaction.atomic():
            AgencyAlias.objects.create(agency=nda, name="NDB")

    def test_invalid_agency_kind_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Agency.objects.create(abbreviation="XX", name="X", slug="xx", kind="cabal")

    def test_invalid_document_type_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Policy.objects.create(title="T", document_type="decree")

    def test_an_agency_appears_once_per_policy(self):
        policy = make_policy(agencies=("MIIT",))
        with pytest.raises(IntegrityError), transaction.atomic():
            PolicyAgency.objects.create(
                policy=policy, agency=Agency.objects.get(abbreviation="MIIT"), position=1
            )

    def test_brief_item_positions_are_unique_within_a_brief(self):
        brief = Brief.objects.create(title="B", source_file="b.txt", sha256="0" * 64,
                                     raw_text="x", slug="b")
        BriefItem.objects.create(brief=brief, position=1, headline="one")
        with pytest.raises(IntegrityError), transaction.atomic():
            BriefItem.objects.create(brief=brief, position=1, headline="again")

    def test_brief_text_hash_and_file_name_are_unique(self):
        Brief.objects.create(title="B", source_file="b.txt", sha256="1" * 64, raw_text="x",
                             slug="b")
        with pytest.raises(IntegrityError), transaction.atomic():
            Brief.objects.create(title="C", source_file="c.txt", sha256="1" * 64, raw_text="x",
                                 slug="c")
        with pytest.raises(IntegrityError), transaction.atomic():
            Brief.objects.create(title="D", source_file="b.txt", sha256="2" * 64, raw_text="x",
                                 slug="d")

    def test_reporting_period_must_be_ordered(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Brief.objects.create(title="B", source_file="p.txt", sha256="3" * 64, raw_text="x",
                                 slug="p", period_start=date(2024, 5, 1),
                                 period_end=date(2024, 4, 1))

    def test_news_kind_is_constrained(self):
        brief = Brief.objects.create(title="B", source_file="n.txt", sha256="4" * 64,
                                     raw_text="x", slug="n")
        with pytest.raises(IntegrityError), transaction.atomic():
            NewsItem.objects.create(brief=brief, position=1, kind="gossip", text="t")
