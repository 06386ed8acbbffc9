"""The API's docs page: Swagger UI from static/vendor/ (no CDN), started by a static script
(no inline JavaScript), reading /api/openapi.json."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase


class ArchiveDocs(DocsBase):
    def render_page(self, request, api, **kwargs):
        return render(request, "policies/api_docs.html", {
            "title": api.title,
            "openapi_url": reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs),
            "index_url": reverse("policies:api-index"),
        })
