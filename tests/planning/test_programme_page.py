"""The programme page: solve, read, export per inspector, confirm one activity."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from icalendar import Calendar

from areasend.inspections.models import Inspection, State
from areasend.planning.models import Plan
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db


def test_a_start_that_is_not_a_monday_gets_a_field_error(client_for) -> None:
    page = client_for("planner").post("/programme/", {"start": "2026-12-08", "weeks": "10", "seconds": "2"})
    assert page.status_code == 400
    assert b"is a Tuesday; enter a Monday" in page.content
    assert b"govuk-error-summary" in page.content


def test_too_many_seconds_is_refused(client_for) -> None:
    page = client_for("planner").post("/programme/", {"start": "2026-12-07", "weeks": "10", "seconds": "999"})
    assert page.status_code == 400


@needs_shared
def test_solve_read_export_and_confirm(client_for) -> None:
    call_command("demo_pool", "--size", "60", "--seed", "1", stdout=StringIO())
    client = client_for("planner")
    response = client.post("/programme/", {"start": "2026-12-07", "weeks": "12", "seconds": "3"})
    assert response.status_code == 302
    plan = Plan.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Calendar by week and region" in page.content and b"What the pool can and cannot do" in page.content
    assert b"Due dates no plan can meet" in page.content
    planned = plan.activities.exclude(notification_date__lt="2026-12-07").order_by("-notification_date").first()
    lead = planned.team[0]["inspector"]
    csv_text = client.get(f"/programme/{plan.pk}/inspector/{lead}.csv").content.decode()
    assert planned.area.gss_code in csv_text
    ics = Calendar.from_ical(client.get(f"/programme/{plan.pk}/inspector/{lead}.ics").content)
    assert any(planned.area.name in str(e.get("summary")) for e in ics.walk("VEVENT"))
    assert not Inspection.objects.exists()
    confirmed = client.post(f"/programme/activity/{planned.pk}/confirm/",
                            {"officer_name": "Nora Officer", "officer_email": "nora@example.org"})
    assert confirmed.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.notified_on == planned.notification_date
    assert inspection.state == State.SCHEDULED  # nothing reaches the partnership before its Monday


@needs_shared
def test_confirm_needs_the_officer(client_for) -> None:
    call_command("demo_pool", "--size", "60", "--seed", "1", stdout=StringIO())
    client = client_for("planner")
    client.post("/programme/", {"start": "2026-12-07", "weeks": "12", "seconds": "2"})
    planned = Plan.objects.get().activities.first()
    page = client.post(f"/programme/activity/{planned.pk}/confirm/", {"officer_name": "", "officer_email": "x"})
    assert page.status_code == 400
    assert not Inspection.objects.exists()


@needs_shared
def test_a_re_solve_keeping_the_latest_plan_moves_little(client_for) -> None:
    call_command("demo_pool", "--size", "60", "--seed", "1", stdout=StringIO())
    client = client_for("planner")
    form = {"start": "2026-12-07", "weeks": "12", "seconds": "3"}
    client.post("/programme/", form)
    client.post("/programme/", {**form, "keep": "on"})
    first, second = Plan.objects.order_by("pk")
    weeks = {(a.area_id, a.kind): a.notification_date for a in first.activities.all()}
    again = {(a.area_id, a.kind): a.notification_date for a in second.activities.all()}
    moved = sum(again.get(key) != day for key, day in weeks.items())
    assert moved <= len(weeks) // 4
