"""The data version (policies/data_version.py): every archive table has its trigger; a write of
any kind bumps the counter in its own transaction (an ORM save, a bulk insert, an update, a
delete, raw SQL), a write rolled back bumps nothing, and private records do not count."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import connection, connections, transaction

from policies import data_version
from policies.models import Agency, Policy, PolicyAgency, Subscription

pytestmark = pytest.mark.django_db


def version() -> int:
    return data_version.read().number


def test_every_archive_table_bumps_the_version_and_private_ones_do_not():
    watched = set(data_version.watched_tables(apps))
    assert {"policies_policy", "policies_policyagency", "policies_brief",
            "policies_newsitem", "policies_agency", "policies_policy_companies"} <= watched
    assert "policies_subscription" not in watched
    assert not [table for table in watched if "historical" in table]
    assert watched <= data_version.tables_with_triggers(connection)


@pytest.mark.parametrize("write", ["save", "bulk_create", "update", "delete", "raw_sql",
                                   "m2m_add"])
def test_each_kind_of_write_bumps_the_version(write):
    policy = Policy.objects.create(title="Notice on Version Counting", issued_on=date(2024, 1, 2))
    before = version()
    if write == "save":
        policy.title = "Notice on Version Counting, Revised"
        policy.save()
    elif write == "bulk_create":
        Policy.objects.bulk_create([Policy(title=f"Bulk {n}", slug=f"bulk-{n}") for n in range(3)])
    elif write == "update":
        Policy.objects.filter(pk=policy.pk).update(document_type="notice")
    elif write == "delete":
        Policy.objects.filter(pk=policy.pk).delete()
    elif write == "raw_sql":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE policies_policy SET is_draft = %s WHERE id = %s",
                           [True, policy.pk])
    else:
        PolicyAgency.objects.create(policy=policy, agency=Agency.objects.get(
            abbreviation="MIIT"), position=0)
    assert version() > before


def test_a_write_rolled_back_leaves_the_version_as_it_was():
    before = data_version.read()
    with pytest.raises(RuntimeError), transaction.atomic():
        Policy.objects.create(title="Notice That Never Was")
        assert version() > before.number  # inside: seen
        raise RuntimeError("rolled back")
    assert data_version.read() == before


def test_private_records_do_not_change_the_version():
    before = version()
    Subscription.objects.create(email="reader@example.org", query="agency=MIIT")
    assert version() == before


def test_the_token_changes_with_each_write_and_carries_its_time():
    first = data_version.read()
    Policy.objects.create(title="Notice on Tokens")
    second = data_version.read()
    assert second.token != first.token
    assert second.changed_at >= first.changed_at


@pytest.mark.django_db(transaction=True)
def test_the_read_is_the_kept_connections_health_check_and_replaces_a_broken_one():
    """One round trip per cached page: on a kept connection the version read stands for
    Django's `SELECT 1` check, and a connection the database dropped is replaced at once."""
    from unittest import mock

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database lives in memory: its connection is never closed")
    first = data_version.read()
    connection.health_check_done = False  # as at the start of the next request
    with mock.patch.object(type(connections["default"]), "is_usable", side_effect=AssertionError):
        assert data_version.read() == first
    assert connection.health_check_done
    connection.health_check_done = False
    connection.connection.close()  # what a database restart leaves a kept connection with
    assert data_version.read() == first
    assert not connection.connection.closed


def _registry_lookups(queries) -> int:
    """The queries that look a filter's values up in the registry (UNION of named() lookups)."""
    return sum('"r_given"' in query["sql"] for query in queries)


def test_a_filters_registry_records_are_read_once_per_data_version(client, settings):
    """The second request for ?agency=... of the same data version reads no registry; an
    alias added since (a write: a new version) is found by the next request."""
    from django.test.utils import CaptureQueriesContext

    from .conftest import ensure_registry

    ensure_registry()
    settings.RESPONSE_CACHE = False
    url = "/policies/?agency=Ministry+of+Testing+Aliases"
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 400  # unknown agency
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 400
    assert _registry_lookups(first.captured_queries) == 1
    assert _registry_lookups(second.captured_queries) == 0
    Agency.objects.get(abbreviation="MIIT").aliases.create(name="Ministry of Testing Aliases")
    with CaptureQueriesContext(connection) as third:
        response = client.get(url)
    assert response.status_code == 200
    assert _registry_lookups(third.captured_queries) == 1


def test_remembered_outside_a_request_computes_each_time():
    calls = []
    for _ in range(2):
        data_version.remembered("key", lambda: calls.append(1))
    assert len(calls) == 2
