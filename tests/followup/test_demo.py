"""The follow-up demo: synthetic, at each point the issue names, and never counted."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from areasend.accounts.models import User
from areasend.followup.models import MeetingRecord, NationalTheme, PlanVersion
from areasend.followup.status import tasks_for_user
from areasend.insights import stats
from areasend.inspections.due import due_list
from areasend.inspections.models import Activity, Inspection

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_has_a_plan_awaiting_review_a_monitoring_inspection_and_a_meeting():
    today = timezone.localdate()
    before = [row.as_dict() for row in due_list(today)], stats.counts_2023(), stats.counts_2016()
    call_command("demo", stdout=StringIO())
    version = PlanVersion.objects.get(plan__area__gss_code="E08000026")
    assert version.awaiting_review and version.plan.synthetic
    [task] = tasks_for_user(User.objects.get(username="adviser"), today)
    assert "Coventry" in task.text
    monitoring = Inspection.objects.get(kind="monitoring inspection")
    assert monitoring.synthetic and monitoring.area.gss_code == "E08000026"
    record = MeetingRecord.objects.get()
    assert record.meeting.synthetic and Activity.objects.get(inspection=record.meeting).synthetic
    # The demo moves no due date and no public figure.
    assert ([row.as_dict() for row in due_list(today)], stats.counts_2023(), stats.counts_2016()) == before
    theme = NationalTheme.objects.get(synthetic=True)
    assert theme.report_published_on and theme.visits.get().findings.count() == 1
    call_command("demo", stdout=StringIO())
    assert PlanVersion.objects.count() == 1 and MeetingRecord.objects.count() == 1
