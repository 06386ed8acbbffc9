"""The API's docs page: Swagger UI from static/vendor/ (no CDN), started by a static script
(no inline JavaScript), reading /api/openapi.json.

It runs under the site's Content-Security-Policy with one addition: its stylesheet draws icons
as data: images. It needs no 'unsafe-inline' for styles (it sets them through the DOM, which
the policy allows, not in style attributes) nor for scripts.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase

SWAGGER_UI_CSP = {"img-src": ["data:"]}


class ArchiveDocs(DocsBase):
    @csp_update(SWAGGER_UI_CSP)
    def render_page(self, request, api, **kwargs):
        return render(request, "policies/api_docs.html", {
            "title": api.title,
            "openapi_url": reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs),
            "index_url": reverse("policies:api-index"),
        })
