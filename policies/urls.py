from django.urls import path

from . import exports, feeds, views
from .api import pages as api_pages
from .api.endpoints import api

app_name = "policies"

urlpatterns = [
    path("", views.home, name="home"),
    path("policies/", views.policy_list, name="policy-list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy-detail-short"),
    path("policies/by-number/<path:number>/", views.policy_by_number, name="policy-by-number"),
    path("policies/<int:pk>/cite.bib", views.policy_cite_bib, name="policy-cite-bib"),
    path("policies/<int:pk>/cite.ris", views.policy_cite_ris, name="policy-cite-ris"),
    path("policies/<int:pk>/<str:slug>/", views.policy_detail, name="policy-detail"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("agencies/<slug:slug>/network.csv", exports.agency_network_export,
         name="agency-network-export"),
    path("network/", views.network_page, name="network"),
    path("network/export.csv", exports.network_export, name="network-export"),
    path("sectors/", views.sector_list, name="sector-list"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector-detail"),
    path("companies/", views.company_list, name="company-list"),
    path("companies/<slug:slug>/", views.company_detail, name="company-detail"),
    path("briefs/", views.brief_list, name="brief-list"),
    path("briefs/<slug:slug>/", views.brief_detail, name="brief-detail"),
    path("news/", views.news_list, name="news-list"),
    path("names/<str:kind>.json", views.registry_names, name="names"),
    path("targets/", views.target_list, name="target-list"),
    # Open data: CSV of any list, Atom feeds, the whole archive as JSON Lines.
    path("policies/export.csv", exports.policy_export, name="policy-export"),
    path("news/export.csv", exports.news_export, name="news-export"),
    path("briefs/export.csv", exports.brief_export, name="brief-export"),
    path("agencies/export.csv", exports.agency_export, name="agency-export"),
    path("sectors/export.csv", exports.sector_export, name="sector-export"),
    path("companies/export.csv", exports.company_export, name="company-export"),
    path("targets/export.csv", exports.target_export, name="target-export"),
    path("policies/feed/", feeds.PolicyFeed(), name="policy-feed"),
    path("agencies/<slug:slug>/feed/", feeds.AgencyFeed(), name="agency-feed"),
    path("sectors/<slug:slug>/feed/", feeds.SectorFeed(), name="sector-feed"),
    path("companies/<slug:slug>/feed/", feeds.CompanyFeed(), name="company-feed"),
    path("dump/archive.jsonl", views.dump_download, name="dump"),
    path("report/<str:kind>/<int:pk>/", views.report_problem, name="report-problem"),
    # E-mail alerts on any policy list (double opt-in, one-click unsubscribe).
    path("alerts/follow/", views.follow, name="alerts-follow"),
    path("alerts/confirm/<str:token>/", views.follow_confirm, name="alerts-confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts-unsubscribe"),
    # The JSON twin.
    path("api/", api_pages.index, name="api-index"),
    # the operations, /api/openapi.json (their description) and /api/docs/
    path("api/", api.urls),
]
