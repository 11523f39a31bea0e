from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<int:pk>/card/", views.card_page, name="card"),
    path("<int:pk>/card.pdf", views.card_pdf, name="card-pdf"),
]
