"""A survey per audience of a live full inspection, and its anonymous responses.

A response holds no account, no address, no time of day and no cookie: only the answers, the day
it arrived, whether the easy-read version was used, and the submission key that makes a repeated
or retried submission count once (unique index)."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import models
from django.utils import timezone

from areasend.inspections.models import Inspection

from .questions import Audience, Questionnaire, questionnaire

TOKEN_BYTES = 24  # 32 URL-safe characters: unguessable


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class SurveyStatus(models.TextChoices):
    NOT_OPEN = "not_open", "Not open yet"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Survey(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="surveys")
    audience = models.CharField(max_length=30, choices=[(a.value, a.label) for a in Audience])
    version = models.CharField(max_length=20)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspection", "audience"], name="one_survey_per_audience")]
        ordering = ["inspection", "audience"]

    def __str__(self) -> str:
        return f"{Audience(self.audience).label} survey, {self.inspection}"

    @property
    def questionnaire(self) -> Questionnaire:
        return questionnaire(self.version, self.audience)

    @property
    def audience_label(self) -> str:
        return Audience(self.audience).label

    @property
    def synthetic(self) -> bool:
        return bool(self.inspection.synthetic)

    def status_on(self, day: date) -> SurveyStatus:
        """Time only runs forward: open from its first day to its last day inclusive."""
        if day < self.opens_on:
            return SurveyStatus.NOT_OPEN
        if day > self.closes_on or not self.inspection.is_open:
            return SurveyStatus.CLOSED
        return SurveyStatus.OPEN

    @property
    def status(self) -> SurveyStatus:
        return self.status_on(timezone.localdate())


class ResponseQuerySet(models.QuerySet["Response"]):
    def real(self) -> ResponseQuerySet:
        return self.filter(synthetic=False)


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submission_key = models.CharField(max_length=64, unique=True)
    submitted_on = models.DateField()  # the day only: a time of day could help identify someone
    easy_read = models.BooleanField(default=False)
    answers = models.JSONField()
    synthetic = models.BooleanField(default=False, help_text="Made by the demo; never counted in public figures")

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class AnswerCount(models.Model):
    """Running totals per survey, question and answer, kept in the same transaction as each
    response, so a summary reads a few dozen rows however many responses there are. The row with
    an empty value counts the people who answered the question; question "" counts responses
    ("responses") and easy-read responses ("easy-read"). Each total is split over a few shards,
    one picked at random per response, so concurrent responses seldom wait for the same row; a
    total is the sum over its shards."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="counts")
    question = models.CharField(max_length=40)
    value = models.CharField(max_length=40)
    shard = models.PositiveSmallIntegerField(default=0)
    number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "question", "value", "shard"],
                                               name="one_count_per_answer_and_shard")]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.question}={self.value}: {self.number}"
