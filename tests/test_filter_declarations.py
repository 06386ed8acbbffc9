"""A filter is declared once: one line on a FilterSet gives its parsing, its condition on the
rows, its facet with counts, its phrase in the sentence, its chip and its place in the URL, and
django-filter's own path (`.qs`, `Filter.filter`) is what runs."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from policies.listing.facets import FacetSpec, compute_facets
from policies.listing.filters import ValuesFilter
from policies.listing.filtersets import PolicyFilterSet
from policies.listing.results import chips, suggestions
from policies.listing.sentence import describe
from policies.models import DocumentType, Policy

from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

FORMS = (("plan", "A plan"), ("notice", "A notice"))


class WithForm(PolicyFilterSet):
    """The policy filters plus one declared here and nowhere else."""

    form_of = ValuesFilter(
        label="Form", phrase="in the form of {}", slot="what", field_name="document_type",
        lookup_expr="in", choices=FORMS, noun="form",
        facet=FacetSpec("Form", key="document_type", choices=FORMS))


def test_one_declaration_filters_counts_describes_and_links():
    make_sample_archive()
    filterset = WithForm(QueryDict("form_of=plan&agency=MIIT"), queryset=Policy.objects.all())
    assert filterset.messages == {}
    miit = Policy.objects.filter(policy_agencies__agency__abbreviation="MIIT")
    expected = miit.filter(document_type="plan")
    assert set(filterset.qs) == set(expected) and expected.exists()

    # counted under the other filters (MIIT), not its own: every form MIIT's policies take
    facet = {f.name: f for f in compute_facets(filterset, filterset.state())}["form_of"]
    assert {v.value: v.count for v in facet.values} == {
        code: miit.filter(document_type=code).count()
        for code in set(miit.values_list("document_type", flat=True))
    }
    assert [v.label for v in facet.selected] == ["A plan"]

    sentence = describe(len(filterset.qs), ("policy", "policies"), filterset)
    assert sentence == f"{expected.count()} policies in the form of A plan issued by MIIT"
    labels = [chip.label for chip in chips(filterset, filterset.state())]
    assert labels == ["Agency: MIIT", "Form: A plan"]
    assert filterset.state().urlencode() == "agency=MIIT&form_of=plan"


def test_a_declared_filter_rejects_bad_values_with_its_own_noun_and_is_left_out_of_the_rows():
    make_sample_archive()
    filterset = WithForm(QueryDict("form_of=poem"), queryset=Policy.objects.all())
    assert "form_of" in filterset.messages
    assert "Unknown form “poem”" in filterset.messages["form_of"][0]
    assert filterset.qs.count() == Policy.objects.count()


def test_without_a_declared_filter_counts_what_is_left():
    make_sample_archive()
    filterset = WithForm(QueryDict(f"form_of=plan&type={DocumentType.NOTICE}"),
                         queryset=Policy.objects.all())
    assert filterset.qs.count() == 0
    found = {s.name: s.count for s in suggestions(filterset, filterset.state())}
    assert found == {"form_of": Policy.objects.filter(document_type="notice").count(),
                     "type": Policy.objects.filter(document_type="plan").count()}


def test_each_filterset_has_its_own_filters_and_the_declarations_stay_untouched():
    """The filters are copied shallowly per FilterSet: what one request sets on its copies
    (the parent, the parameter name, the form field) reaches neither another request's copies
    nor the declarations."""
    make_sample_archive()
    first = PolicyFilterSet(QueryDict("agency=MIIT"), queryset=Policy.objects.all())
    second = PolicyFilterSet(QueryDict("type=plan"), queryset=Policy.objects.all())
    assert first.messages == {} and second.messages == {}
    for name, declared in PolicyFilterSet.base_filters.items():
        mine, theirs = first.filters[name], second.filters[name]
        assert mine is not theirs and mine is not declared
        assert mine.parent is first and theirs.parent is second
        assert getattr(declared, "parent", None) is None
        assert mine.param == theirs.param == name
    assert first.form.fields["agency"] is not second.form.fields["agency"]
    plans = Policy.objects.filter(document_type="plan")
    assert plans.exists() and set(second.qs) == set(plans)


def test_the_form_class_is_made_once_per_set_of_filters_and_validates_each_request_alone():
    """ListFilterSet.get_form_class keeps one form class per FilterSet class and set of filters:
    a list inside an agency (no agency_match there) has its own, and one request's values or errors
    never reach another's form."""
    make_sample_archive()
    miit = {"agency": [PolicyFilterSet.base_filters["agency"].entry(
        Policy.objects.filter(agencies__abbreviation="MIIT").first().agencies.get(
            abbreviation="MIIT"))]}
    first = PolicyFilterSet(QueryDict("type=plan&date_from=2024"), queryset=Policy.objects.all())
    second = PolicyFilterSet(QueryDict("type=nonsense&date_from=May"),
                             queryset=Policy.objects.all())
    scoped = PolicyFilterSet(QueryDict("type=plan"), queryset=Policy.objects.all(), fixed=miit)
    assert first.get_form_class() is second.get_form_class()
    assert scoped.get_form_class() is not first.get_form_class()
    assert "agency_match" in first.form.fields and "agency_match" not in scoped.form.fields
    assert first.form.fields["type"] is not second.form.fields["type"]
    assert first.values["type"] == ["plan"] and "type" in second.messages
    assert "date_from" in first.values and "date_from" in second.messages
    assert scoped.values["type"] == ["plan"] and not scoped.messages
