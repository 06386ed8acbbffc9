"""The API's OpenAPI description: generated from the code, valid OpenAPI 3.1, and true: every
documented list and detail endpoint answers in the documented shape (checked with a JSON Schema
validator, not by the code that produced it), documents exactly the parameters the list takes,
and its refusals are the documented Problem. The docs page loads nothing from another host."""

from __future__ import annotations

import re

import pytest
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec
from pydantic import ValidationError as ShapeError

from policies.api import schemas
from policies.listing.filtersets import BriefFilterSet, NewsFilterSet, PolicyFilterSet
from policies.models import Brief, Company, DocumentType, NewsItem, Policy, Sector
from policies.search.index import reindex_all

from .conftest import ROOT
from .factories import make_sample_archive

pytestmark = pytest.mark.django_db

PAGE_PARAMETERS = {"page", "page_size"}


@pytest.fixture
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def archive():
    data = make_sample_archive()
    reindex_all()
    return data


def answer_schema(spec, path: str, status: int) -> dict:
    """The documented schema of `path`'s GET answer with `status`, its $refs resolvable."""
    content = spec["paths"][path]["get"]["responses"][str(status)]["content"]
    return {**content["application/json"]["schema"], "components": spec["components"]}


def assert_answers_as_documented(spec, path: str, url: str, client, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    OAS31Validator(answer_schema(spec, path, status)).validate(response.json())
    return response.json()


def documented_parameters(spec, path: str) -> set[str]:
    return {p["name"] for p in spec["paths"][path]["get"].get("parameters", [])
            if p["in"] == "query"}


def concrete(path: str, archive) -> str:
    """A documented path with its placeholders filled by records that exist."""
    values = {
        "pk": {"policies": Policy.objects.first().pk, "news": NewsItem.objects.first().pk},
        "slug": {"agencies": "miit", "sectors": Sector.objects.filter(policies__isnull=False)
                 .first().slug, "companies": Company.objects.first().slug,
                 "briefs": Brief.objects.first().slug},
    }
    kind = path.split("/")[2]
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)][kind]), path)


def test_the_description_is_valid_openapi_3_1(spec):
    validate_spec(spec)  # raises on any violation of the OpenAPI 3.1 specification
    assert spec["openapi"].startswith("3.1")
    operation_ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids)) == 15


def test_every_documented_endpoint_answers_in_the_documented_shape(client, spec, archive):
    lists = details = 0
    for path in spec["paths"]:
        data = assert_answers_as_documented(spec, path, concrete(path, archive), client)
        if "{" in path:
            details += 1
        else:
            lists += 1
            assert data["results"], f"{path}: an empty list proves little about its rows"
    assert (lists, details) == (8, 7)


def test_documented_shapes_hold_on_filtered_searched_and_paged_answers(client, spec, archive):
    for url in ("/api/policies/?q=energy&agency=MIIT&sort=relevance",
                "/api/policies/?agency=MIIT&agency=NDRC&agency_match=all",
                "/api/policies/?undated=1", "/api/policies/?page_size=2&page=2",
                "/api/agencies/miit/?include_subordinate=1", "/api/news/?kind=corporate",
                "/api/briefs/?q=hydrogen"):
        path = url.split("?")[0]
        if path.startswith("/api/agencies/"):
            path = "/api/agencies/{slug}/"
        assert_answers_as_documented(spec, path, url, client)


def test_refusals_are_the_documented_problem(client, spec, archive):
    data = assert_answers_as_documented(spec, "/api/policies/", "/api/policies/?sectr=energy",
                                        client, status=400)
    assert "did you mean" in data["errors"]["sectr"][0]
    assert_answers_as_documented(spec, "/api/policies/", "/api/policies/?page=99", client,
                                 status=404)
    assert_answers_as_documented(spec, "/api/policies/{pk}/", "/api/policies/999999/", client,
                                 status=404)
    assert_answers_as_documented(spec, "/api/sectors/", "/api/sectors/?sector=x", client,
                                 status=400)


def test_each_list_documents_exactly_the_parameters_it_takes(spec):
    taken = {
        "/api/policies/": set(PolicyFilterSet.base_filters),
        "/api/news/": set(NewsFilterSet.base_filters),
        "/api/briefs/": set(BriefFilterSet.base_filters),
        # an agency's page fixes the agency: no agency, and no way to combine agencies
        "/api/agencies/{slug}/": set(PolicyFilterSet.base_filters) - {"agency", "agency_match"},
        "/api/sectors/{slug}/": set(PolicyFilterSet.base_filters) - {"sector"},
        "/api/agencies/": set(),
        "/api/targets/": {"year", "sector", "agency"},
    }
    for path, names in taken.items():
        assert documented_parameters(spec, path) == names | PAGE_PARAMETERS, path


def test_every_documented_parameter_value_is_accepted_and_an_undocumented_one_refused(
        client, spec, archive):
    """Each enum value the description offers is one the list accepts (no 400), and a name the
    description does not list is refused: the document and the FilterSet agree both ways."""
    for parameter in spec["paths"]["/api/policies/"]["get"]["parameters"]:
        schema = parameter["schema"]
        enum = schema.get("enum") or schema.get("items", {}).get("enum") or []
        for value in enum:
            url = f"/api/policies/?{parameter['name']}={value}"
            if parameter["name"] == "agency_match":
                url += "&agency=MIIT&agency=NDRC"
            assert client.get(url).status_code == 200, url
    assert client.get("/api/policies/?issuer=MIIT").status_code == 400


def test_choices_in_the_description_come_from_the_models(spec):
    shape = spec["components"]["schemas"]["PolicyOut"]["properties"]["document_type"]
    document_types = spec["components"]["schemas"][shape["$ref"].rsplit("/", 1)[1]]["enum"]
    assert document_types == list(DocumentType.values)
    type_parameter = next(p for p in spec["paths"]["/api/policies/"]["get"]["parameters"]
                          if p["name"] == "type")
    assert type_parameter["schema"]["items"]["enum"] == list(DocumentType.values)
    assert type_parameter["explode"] is True  # ?type=plan&type=notice


def test_a_key_no_shape_declares_cannot_reach_an_answer():
    row = {"abbreviation": "MIIT", "name": "Ministry", "slug": "miit"}
    schemas.AgencyRef.model_validate(row)
    with pytest.raises(ShapeError):
        schemas.AgencyRef.model_validate({**row, "email": "someone@example.org"})


def test_a_schema_validator_would_catch_a_wrong_shape(spec):
    """The check above is not vacuous: the documented policy list rejects a row without its id."""
    document = answer_schema(spec, "/api/policies/", 200)
    with pytest.raises(ValidationError):
        OAS31Validator(document).validate({"count": 1, "next": None, "previous": None,
                                           "facets": {}, "results": [{"title": "x"}]})


def test_docs_page_loads_only_vendored_assets_with_their_licence(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))], sources
    assert "<script>" not in html  # no inline script: the page runs under a strict CSP
    vendor = ROOT / "static" / "vendor" / "swagger-ui-dist"
    assert "Apache License" in (vendor / "LICENSE").read_text()
    assert (vendor / "swagger-ui-bundle.js").stat().st_size > 100_000


def test_the_overview_page_lists_the_generated_operations(client, spec):
    html = client.get("/api/").content.decode()
    for path in spec["paths"]:
        assert path in html, path
    assert 'href="/api/docs/"' in html and 'href="/api/openapi.json"' in html
