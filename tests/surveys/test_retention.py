"""Responses are deleted 3 years after the report; the totals, and so the summary, stay."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from areasend.inspections.models import State
from areasend.surveys import services
from areasend.surveys.models import Response
from areasend.surveys.questions import Audience

pytestmark = pytest.mark.django_db


def test_responses_go_three_years_after_publication_and_totals_stay(surveys, inspection):
    survey = surveys[Audience.PARENTS]
    for _ in range(3):
        services.submit(survey, {"right-help": "agree", "comments": "private"}, signed_key=services.issue_key(survey))
    # Published directly: the publication workflow itself is tested in tests/inspections.
    type(inspection).objects.filter(pk=inspection.pk).update(state=State.PUBLISHED, published_on=date(2026, 12, 1))
    totals = services.counts_of(survey)
    with time_machine.travel("2029-11-30 09:00 +0000", tick=False):
        out = StringIO()
        call_command("purge_survey_responses", stdout=out)
        assert "nothing to delete" in out.getvalue() and Response.objects.count() == 3
    with time_machine.travel("2029-12-01 09:00 +0000", tick=False):
        out = StringIO()
        call_command("purge_survey_responses", stdout=out)
        assert "deleted 3 responses" in out.getvalue()
        assert not Response.objects.exists() and services.counts_of(survey) == totals
        call_command("purge_survey_responses", stdout=StringIO())  # a repeat does nothing


def test_a_negative_period_is_refused():
    with pytest.raises(CommandError, match="--older-than-years must be 0 or more"):
        call_command("purge_survey_responses", "--older-than-years", "-1")
