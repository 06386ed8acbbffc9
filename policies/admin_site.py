"""The archive's admin site: Django's, plus the review queue."""

from __future__ import annotations

import functools

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from . import read_cache
from .editorial.review import review_queue, waiting_count


class ArchiveAdminSite(admin.AdminSite):
    site_header = "Policy Briefs Archive"
    site_title = "Archive admin"
    index_title = "Editing the archive"

    def get_urls(self):
        return [
            path("review-queue/", self.admin_view(self.review_queue_view), name="review-queue"),
            *super().get_urls(),
        ]

    def admin_view(self, view, cacheable=False):
        """Every admin view; after a POST (an edit, a delete, a bulk action, a merge) the shared
        read cache is replaced, whatever the POST wrote."""
        wrapped = super().admin_view(view, cacheable)

        @functools.wraps(wrapped)
        def view_then_refresh(request, *args, **kwargs):
            response = wrapped(request, *args, **kwargs)
            if request.method == "POST":
                read_cache.changed()
            return response

        return view_then_refresh

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "review_waiting": waiting_count()}
        return super().index(request, extra_context)

    def review_queue_view(self, request):
        context = {
            **self.each_context(request),
            "title": "Review queue",
            "entries": review_queue(),
        }
        return TemplateResponse(request, "admin/review_queue.html", context)
