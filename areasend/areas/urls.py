from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("areas/", views.area_list, name="list"),
    path("areas/<str:gss_code>/", views.area_detail, name="detail"),
]
