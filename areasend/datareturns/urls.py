"""Mounted at inspections/<int:pk>/cases/: every view takes the inspection's pk."""

from django.urls import path

from . import return_views, views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("entries/", views.add_entry, name="add-entry"),
    path("upload/", views.upload_case_list, name="upload"),
    path("select/", views.select_cases, name="select"),
    path("<int:case_id>/swap/", views.swap_case, name="swap"),
    path("<int:case_id>/consent/", views.record_consent, name="consent"),
    path("<int:case_id>/documents/", views.upload_document, name="upload-document"),
    path("<int:case_id>/documents/<int:document_id>/", views.download_document, name="download"),
    path("return/", return_views.data_return, name="return"),
    path("return/upload/", return_views.upload_return, name="upload-return"),
    path("return/<int:return_id>/errors.csv", return_views.error_report, name="return-errors"),
    path("return/<int:return_id>/case-list/", return_views.make_case_list, name="return-case-list"),
]
