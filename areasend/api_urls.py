from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from areasend import api

urlpatterns = [
    path("areas/", api.AreaList.as_view(), name="api-areas"),
    path("areas/<str:gss_code>/", api.AreaDetail.as_view(), name="api-area"),
    path(
        "areas/<str:gss_code>/activities/", api.AreaActivityList.as_view(),
        name="api-area-activities",
    ),
    path("activities/", api.ActivityList.as_view(), name="api-activities"),
    path("due/", api.DueList.as_view(), name="api-due"),
    path("statistics/", api.Statistics.as_view(), name="api-statistics"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api.ApiDocs.as_view(), name="api-docs"),
    # Anything else under /api/v1/ is a JSON 404 too. Only addresses ending in a slash, so that
    # CommonMiddleware can still redirect /api/v1/areas to /api/v1/areas/.
    re_path(r"^.*/$", api.not_found),
]
