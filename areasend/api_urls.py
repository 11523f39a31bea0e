from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from areasend import api

urlpatterns = [
    path("areas/", api.AreaList.as_view(), name="api-areas"),
    path("areas/<str:gss_code>/", api.AreaDetail.as_view(), name="api-area"),
    path("areas/<str:gss_code>/activities/", api.ActivityList.as_view(), name="api-area-activities"),
    path("activities/", api.ActivityList.as_view(), name="api-activities"),
    path("due/", api.DueList.as_view(), name="api-due"),
    path("statistics/", api.Statistics.as_view(), name="api-statistics"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("swagger/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-swagger"),
]
