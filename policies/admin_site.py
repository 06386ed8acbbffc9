"""The archive's admin site: Django's, plus the review queue."""

from __future__ import annotations

import functools

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from . import read_cache
from .editorial import review
from .editorial.review import waiting_count


class ArchiveAdminSite(admin.AdminSite):
    site_header = "Policy Briefs Archive"
    site_title = "Archive admin"
    index_title = "Editing the archive"
    # the changelists need the width (long titles beside the filters); the index lists the models
    enable_nav_sidebar = False

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
        """The queue, narrowed by ?kind= and ?reason=; a POST of ticked entries marks them
        reviewed and comes back to the same view."""
        if request.method == "POST":
            count = review.clear(request.POST.getlist("entry"))
            messages.success(request, f"{count} record(s) marked reviewed.")
            return redirect(f"{request.path}?{request.GET.urlencode()}"
                            if request.GET else request.path)
        everything = review.review_queue()
        kind, reason = request.GET.get("kind", ""), request.GET.get("reason", "")
        kinds, reasons = review.choices(everything)
        context = {
            **self.each_context(request),
            "title": "Review queue",
            "entries": review.narrowed(everything, kind=kind, reason=reason),
            "total": len(everything), "kind": kind, "reason": reason,
            "kinds": kinds, "reasons": reasons,
        }
        return TemplateResponse(request, "admin/review_queue.html", context)
