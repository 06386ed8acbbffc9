from django.urls import path

from . import views

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
]
