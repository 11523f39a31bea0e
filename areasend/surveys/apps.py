from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "areasend.surveys"
    verbose_name = "Surveys for children, young people, families and practitioners"
