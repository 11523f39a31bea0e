from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("inspections-by-year.csv", views.inspections_by_year_csv, name="inspections-by-year-csv"),
    path("charts/<slug:name>.svg", views.chart_svg, name="chart"),
]
