from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_new, name="new"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.inspection_action, name="action"),
    path("<int:pk>/break-glass/", views.break_glass, name="break-glass"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/<int:member_pk>/remove/", views.team_remove, name="team-remove"),
    path("<int:pk>/evidence/", views.evidence, name="evidence"),
    path("<int:pk>/evidence/<int:note_pk>/", views.evidence_edit, name="evidence-edit"),
    path("<int:pk>/evidence/<int:note_pk>/autosave/", views.evidence_autosave, name="evidence-autosave"),
    path("<int:pk>/evidence/<int:note_pk>/delete/", views.evidence_delete, name="evidence-delete"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/recommendations/<int:rec_pk>/remove/", views.recommendation_remove, name="recommendation-remove"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/comments/<int:comment_pk>/answer/", views.comment_answer, name="comment-answer"),
    path("<int:pk>/report/comments/<int:comment_pk>/apply/", views.comment_apply, name="comment-apply"),
    path("<int:pk>/report/no-further-comments/", views.accuracy_confirm, name="accuracy-confirm"),
]
