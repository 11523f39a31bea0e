from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("overview.csv", views.overview_csv, name="overview-csv"),
]

from . import programme_views  # noqa: E402  (issue 12: the national programme)

urlpatterns += [
    path("programme/", programme_views.programme, name="programme"),
    path("programme/<int:plan_id>/inspector/<int:user_id>.csv", programme_views.inspector_csv,
         name="programme-inspector-csv"),
    path("programme/<int:plan_id>/inspector/<int:user_id>.ics", programme_views.inspector_ics,
         name="programme-inspector-ics"),
    path("programme/activity/<int:pk>/confirm/", programme_views.confirm_activity, name="programme-confirm"),
]
