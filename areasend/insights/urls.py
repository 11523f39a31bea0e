from django.urls import path

from . import opendata_views, views

app_name = "insights"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("inspections-by-year.csv", views.inspections_by_year_csv, name="inspections-by-year-csv"),
    path("open-data/", opendata_views.open_data, name="open-data"),
    path("open-data/<slug:slug>.csv", opendata_views.dataset_csv, name="open-data-csv"),
    path("open-data/<slug:slug>.json", opendata_views.dataset_json, name="open-data-json"),
    path("themes-and-timeliness/", opendata_views.themes_and_timeliness, name="themes-and-timeliness"),
    path("charts/<slug:name>.svg", views.chart_svg, name="chart"),
]
