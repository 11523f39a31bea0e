from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("areas/", views.area_list, name="list"),
    path("areas/<str:gss_code>/", views.area_detail, name="detail"),
    path("overview/", views.overview, name="overview"),
    path("overview.csv", views.overview_csv, name="overview-csv"),
]
