from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "areasend.surveys"
    verbose_name = "Surveys for children, young people, families and practitioners"

    def ready(self) -> None:
        from areasend.reports import hooks

        from .published import report_summary

        if report_summary not in hooks.survey_summary_providers:
            hooks.survey_summary_providers.append(report_summary)
