"""A full reindex (`reindex_all`; on PostgreSQL COPY into a staging table and set-based merges,
`policies/search/bulk.py`) writes the documents the record-by-record path writes, counts what
it created, changed and left alone the same way, and sees records of the transaction it runs
in."""

from __future__ import annotations

import pytest
from django.db import transaction

from policies.models import Brief, NewsItem, Policy
from policies.search.documents import DOCUMENT_FIELDS, Span, brief_documents, policy_documents
from policies.search.index import reindex, reindex_all
from policies.search.models import SearchDocument

from .factories import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[5000, 3], ids=["one batch", "batches of three"])
def batch(request, monkeypatch):
    """PostgreSQL's merges run per batch, each bounded by its span of record ids: with batches
    of three a change, a missing document and the documents of records beside them fall in
    different batches, and none may be lost or counted twice at a batch's edge."""
    from policies.search import bulk

    monkeypatch.setattr(bulk, "BATCH", request.param)
    return request.param

FIELDS = ["policy_id", "brief_id", "news_id", *DOCUMENT_FIELDS]


def _documents() -> list[tuple]:
    return sorted(SearchDocument.objects.values_list(*FIELDS),
                  key=lambda row: tuple(v or 0 for v in row[:3]))


def test_a_full_reindex_writes_the_documents_the_record_by_record_path_writes(seeded, batch):
    reindex(policies=Policy.objects.all(), briefs=Brief.objects.all(),
            news=NewsItem.objects.all())
    expected = _documents()
    assert len(expected) == (Policy.objects.count() + Brief.objects.count()
                             + NewsItem.objects.count())
    SearchDocument.objects.all().delete()
    result = reindex_all()
    assert (result.created, result.updated, result.unchanged) == (len(expected), 0, 0)
    assert _documents() == expected


def test_a_full_reindex_counts_created_changed_and_unchanged_documents(seeded, batch):
    reindex_all()
    total = SearchDocument.objects.count()
    changed, missing = Policy.objects.order_by("pk")[2:4]
    Policy.objects.filter(pk=changed.pk).update(title="Notice on Renamed Reindex Tests")
    SearchDocument.objects.filter(policy=missing).delete()
    # a brief's document holds the titles of the policies its items discuss
    briefs = Brief.objects.filter(items__policy=changed).distinct().count()
    result = reindex_all()
    assert (result.created, result.updated, result.unchanged) == (1, 1 + briefs,
                                                                  total - 2 - briefs)
    assert SearchDocument.objects.get(policy=changed).title == "notice renamed reindex tests"
    assert reindex_all().unchanged == total


def test_a_full_reindex_sees_the_records_of_its_own_transaction(seeded):
    with transaction.atomic():
        policy = make_policy(title="Measures on Uncommitted Hydrogen Storage")
        reindex_all()
        assert policy.pk in set(Policy.objects.search("uncommitted").values_list("pk",
                                                                                  flat=True))


def test_a_span_reads_the_same_documents_as_its_ids(seeded):
    for model, read in ((Policy, policy_documents), (Brief, brief_documents)):
        ids = sorted(model.objects.values_list("pk", flat=True))
        assert len(ids) > 2
        assert read(Span(ids[1], ids[-1])) == read(ids[1:])
