from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "areasend.insights"
    verbose_name = "National statistics"
