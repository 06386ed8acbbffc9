"""Top-level URLs: the public archive, its JSON twin and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("policies.urls")),
]
