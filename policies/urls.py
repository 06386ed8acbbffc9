from django.urls import path

from . import api, views

app_name = "policies"

urlpatterns = [
    path("", views.home, name="home"),
    path("policies/", views.policy_list, name="policy-list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy-detail-short"),
    path("policies/<int:pk>/<str:slug>/", views.policy_detail, name="policy-detail"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency-detail"),
    path("sectors/", views.sector_list, name="sector-list"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector-detail"),
    path("companies/", views.company_list, name="company-list"),
    path("companies/<slug:slug>/", views.company_detail, name="company-detail"),
    path("briefs/", views.brief_list, name="brief-list"),
    path("briefs/<slug:slug>/", views.brief_detail, name="brief-detail"),
    path("news/", views.news_list, name="news-list"),
    # The JSON twin.
    path("api/", views.api_index, name="api-index"),
    path("api/policies/", api.policy_list, name="api-policy-list"),
    path("api/policies/<int:pk>/", api.policy_detail, name="api-policy-detail"),
    path("api/agencies/", api.agency_list, name="api-agency-list"),
    path("api/agencies/<slug:slug>/", api.agency_detail, name="api-agency-detail"),
    path("api/sectors/", api.sector_list, name="api-sector-list"),
    path("api/companies/", api.company_list, name="api-company-list"),
    path("api/briefs/", api.brief_list, name="api-brief-list"),
    path("api/news/", api.news_list, name="api-news-list"),
]
