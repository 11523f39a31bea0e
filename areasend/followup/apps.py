from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "areasend.followup"
    label = "followup"
    verbose_name = "After publication"
