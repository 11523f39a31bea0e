from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "areasend.reports"
    verbose_name = "Published reports"
