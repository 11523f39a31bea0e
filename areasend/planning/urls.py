from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("overview.csv", views.overview_csv, name="overview-csv"),
]
