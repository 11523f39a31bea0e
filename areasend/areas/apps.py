from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "areasend.areas"
    verbose_name = "Local area partnerships"
