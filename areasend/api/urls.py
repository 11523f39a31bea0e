from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from areasend.api import activities, areas, docs, due, plumbing, statistics

urlpatterns = [
    path("areas/", areas.AreaList.as_view(), name="api-areas"),
    path("areas/<str:gss_code>/", areas.AreaDetail.as_view(), name="api-area"),
    path(
        "areas/<str:gss_code>/activities/", activities.AreaActivityList.as_view(),
        name="api-area-activities",
    ),
    path("activities/", activities.ActivityList.as_view(), name="api-activities"),
    path("due/", due.DueList.as_view(), name="api-due"),
    path("statistics/", statistics.Statistics.as_view(), name="api-statistics"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", docs.ApiDocs.as_view(), name="api-docs"),
    # Anything else under /api/v1/ is a JSON 404 too. Only addresses ending in a slash, so that
    # CommonMiddleware can still redirect /api/v1/areas to /api/v1/areas/.
    re_path(r"^.*/$", plumbing.not_found),
]
