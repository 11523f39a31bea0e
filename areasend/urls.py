from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from areasend.api import urls as api_urls
from areasend.areas import views as area_views

urlpatterns = [
    path("", area_views.home, name="home"),
    path("accessibility/", TemplateView.as_view(template_name="accessibility.html"), name="accessibility"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("accounts/", include("areasend.accounts.urls")),
    path("", include("areasend.areas.urls")),
    path("", include("areasend.planning.urls")),
    path("statistics/", include("areasend.insights.urls")),
    path("inspections/", include("areasend.inspections.urls")),
    path("inspections/<int:pk>/cases/", include("areasend.datareturns.urls")),
    path("follow-up/", include("areasend.followup.urls")),
    path("data-return/", include("areasend.datareturns.docs_urls")),
    path("surveys/", include("areasend.surveys.urls")),
    path("reports/", include("areasend.reports.urls")),
    path("api/v1/", include(api_urls)),
    path("admin/", admin.site.urls),
]
handler500 = "areasend.errors.server_error"
