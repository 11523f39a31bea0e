"""Once the report is published, the survey summary families read is part of it (page and card),
with small counts suppressed; without surveys the report has no survey section."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings

from areasend.inspections.models import Inspection
from areasend.reports import hooks
from areasend.surveys.published import report_summary

pytestmark = pytest.mark.django_db


def test_the_surveys_app_registers_its_summary_with_the_reports() -> None:
    assert report_summary in hooks.survey_summary_providers


@override_settings(DEBUG=True)
@time_machine.travel("2026-12-03 10:00 +0000", tick=False)
def test_a_published_demo_report_carries_its_survey_summary() -> None:
    call_command("demo", stdout=StringIO())
    published = Inspection.objects.filter(state="published", surveys__isnull=False).distinct().first()
    assert published is not None
    html = Client().get(f"/reports/{published.pk}/").content.decode()
    assert "What children, young people and families told us" in html
    assert "answered the survey" in html or "so we do not show their results" in html
    card = Client().get(f"/reports/{published.pk}/card/").content.decode()
    assert "What children, young people and families told us" in card
    unsurveyed = Inspection.objects.filter(state="published", surveys__isnull=True).first()
    if unsurveyed is not None:
        assert "families told us" not in Client().get(f"/reports/{unsurveyed.pk}/").content.decode()
