"""Mounted at surveys/: the public answering pages by token, and the team's pages by inspection."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("s/<slug:token>/", views.start, name="start"),
    path("s/<slug:token>/questions/", views.answer, name="answer"),
    path("s/<slug:token>/thank-you/", views.thanks, name="thanks"),
    path("inspections/<int:pk>/", views.results, name="results"),
    path("inspections/<int:pk>/open/", views.open_surveys, name="open"),
    path("inspections/<int:pk>/summary/", views.summary, name="summary"),
]
