from django.apps import AppConfig


class DatareturnsConfig(AppConfig):
    name = "areasend.datareturns"
    verbose_name = "Data returns and tracking cases"
