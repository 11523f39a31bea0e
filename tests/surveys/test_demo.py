"""The demo's surveys: synthetic responses inside each window, an open survey for the notified
inspection, a published summary, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings

from areasend.framework.activities import ActivityType
from areasend.inspections.models import Inspection
from areasend.surveys.models import Response, Survey, SurveyStatus

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
@time_machine.travel("2026-12-03 10:00 +0000", tick=False)  # a Thursday: the notified one's window is open
def test_demo_surveys_are_synthetic_dated_in_their_window_and_idempotent():
    call_command("demo", stdout=StringIO())
    count = Response.objects.count()
    assert count > 0 and not Response.objects.real().exists()
    for survey in Survey.objects.select_related("inspection"):
        assert survey.inspection.synthetic
        days = set(survey.responses.values_list("submitted_on", flat=True))
        assert all(survey.opens_on <= d <= min(survey.closes_on, survey.inspection.created.date()) for d in days)
    notified = Inspection.objects.get(state="notified", kind=ActivityType.FULL_INSPECTION)
    assert {s.status for s in notified.surveys.all()} == {SurveyStatus.OPEN}
    published = Inspection.objects.filter(state="published", kind=ActivityType.FULL_INSPECTION).first()
    page = Client().get(f"/surveys/inspections/{published.pk}/summary/")
    assert page.status_code == 200 and "Demo" in page.content.decode()
    assert "of the parents and carers who gave a view" in page.content.decode()
    call_command("demo", stdout=StringIO())
    assert Response.objects.count() == count
