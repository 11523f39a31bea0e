from django.urls import path

from . import easyread_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<int:pk>/card/", views.card_page, name="card"),
    path("<int:pk>/card.pdf", views.card_pdf, name="card-pdf"),
    path("<int:pk>/easy-read/", easyread_views.easy_read_page, name="easy-read"),
    path("<int:pk>/easy-read/edit/", easyread_views.easy_read_edit, name="easy-read-edit"),
]
