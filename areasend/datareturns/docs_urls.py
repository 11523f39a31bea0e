"""Mounted at data-return/: the public return specification and its templates."""

from django.urls import path

from . import docs_views

urlpatterns = [
    path("", docs_views.specification, name="data-return-spec"),
    path("template.csv", docs_views.template_csv, name="data-return-template"),
    path("template.xlsx", docs_views.template_xlsx, name="data-return-template-xlsx"),
    path("template.ods", docs_views.template_ods, name="data-return-template-ods"),
]
