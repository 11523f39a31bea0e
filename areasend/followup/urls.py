from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("thematic/", views.themes, name="themes"),
    path("thematic/<int:pk>/", views.theme, name="theme"),
    path("thematic/<int:pk>/report/", views.theme_report, name="theme-report"),
    path("thematic/visits/<int:pk>/findings/", views.thematic_findings, name="thematic-findings"),
    path("<str:gss_code>/", views.area_followup, name="area"),
    path("<str:gss_code>/priority-action-plan/submit/", views.pap_submit, name="pap-submit"),
    path("<str:gss_code>/priority-action-plan/versions/<int:number>/review/", views.pap_review, name="pap-review"),
    path("<str:gss_code>/priority-action-plan/versions/<int:number>/document/", views.pap_document,
         name="pap-document"),
    path("<str:gss_code>/strategic-plan/", views.strategic_plan, name="strategic-plan"),
    path("<str:gss_code>/meetings/schedule/", views.meeting_schedule, name="meeting-schedule"),
    path("monitoring/<int:pk>/findings/", views.findings, name="findings"),
    path("meetings/<int:pk>/record/", views.meeting_record, name="meeting-record"),
]
