"""The API's overview page (/api/): what each operation does and takes, read from the generated
OpenAPI description (so it cannot drift from the code), the downloads, and the dump's format."""

from __future__ import annotations

from functools import cache

from django.shortcuts import render
from django.urls import reverse

from .. import dump, page_meta
from .endpoints import api


@cache
def operations() -> list[dict]:
    """[{path, link, summary, parameters}] of the documented operations, in the API's order."""
    rows = []
    for path, operations_ in api.get_openapi_schema()["paths"].items():
        operation = operations_["get"]
        rows.append({
            "path": path,
            "link": "" if "{" in path else path,
            "summary": (operation.get("description") or operation["summary"]).split("\n\n")[0],
            "parameters": [p["name"] for p in operation.get("parameters", [])
                           if p["in"] == "query"],
        })
    return rows


def index(request):
    dump_url = reverse("policies:dump")
    return render(request, "policies/api_index.html", {
        "meta": page_meta.api(request, dump_url=dump_url),
        "operations": operations(),
        "docs_url": reverse("policies:api:openapi-view"),
        "openapi_url": reverse("policies:api:openapi-json"),
        "dump_url": dump_url,
        "dump_format": dump.__doc__.strip(),
        "dump_models": dump.MODELS + dump.HISTORY,
    })
