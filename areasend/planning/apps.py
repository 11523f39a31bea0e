from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "areasend.planning"
    verbose_name = "Programme planning and inspector pool"
