"""Each app's messages module: one function per message; each writes outbox rows in the caller's
transaction and asks for delivery only when that transaction commits."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction

from areasend.datareturns import messages as tracking_messages
from areasend.inspections import messages
from areasend.notifications.models import Kind, Notification

from .conftest import AREA_A, OFFICER_EMAIL


def _rows(kind: Kind) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).order_by("to"))


def test_inspection_notified_writes_one_row_to_the_nominated_officer(inspection):
    [row] = _rows(Kind.INSPECTION_NOTIFIED)
    assert row.to == OFFICER_EMAIL
    assert row.inspection == inspection and row.area_code == AREA_A
    assert row.sent_at is None and row.attempts == 0
    assert row.subject == "Full area SEND inspection of Bedford"


def test_inspection_notified_gives_the_onsite_week_what_happens_next_and_a_link(inspection):
    [row] = _rows(Kind.INSPECTION_NOTIFIED)
    assert "Dear Nora Officer," in row.body
    assert "on site from Monday 21 September 2026 to Friday 25 September 2026" in row.body
    assert "What happens next:" in row.body
    assert "- Tuesday 8 September 2026: set-up discussion with the lead inspector" in row.body
    assert f"https://areasend.example/inspections/{inspection.pk}/" in row.body


def test_factual_accuracy_request_goes_to_the_officer_and_active_lap_users_of_the_area(inspection, cast, make_user):
    gone = make_user("lap-gone", "lap", area_code=AREA_A)
    gone.is_active = False
    gone.save()
    no_email = make_user("lap-no-email", "lap", area_code=AREA_A)
    no_email.email = ""
    no_email.save()
    inspection.accuracy_deadline = date(2026, 11, 13)

    rows = messages.factual_accuracy_requested(inspection)

    assert sorted(r.to for r in rows) == ["lap-a@example.gov.uk", OFFICER_EMAIL]  # not Bury's lap-b
    assert "by the end of Friday 13 November 2026" in rows[0].body
    assert rows[0].subject == "Draft inspection report for Bedford: comments due Friday 13 November 2026"


def test_an_officer_who_is_also_a_lap_user_gets_one_email(inspection, cast):
    inspection.nominated_officer_email = "LAP-A@example.gov.uk"
    inspection.accuracy_deadline = date(2026, 11, 13)
    rows = messages.factual_accuracy_requested(inspection)
    assert [r.to for r in rows] == ["LAP-A@example.gov.uk"]


def test_inspection_published_gives_the_outcome_to_the_officer_and_lap_users(inspection, cast):
    inspection.outcome, inspection.published_on = 2, date(2026, 12, 1)
    rows = messages.inspection_published(inspection)
    assert sorted(r.to for r in rows) == ["lap-a@example.gov.uk", OFFICER_EMAIL]
    assert rows[0].subject == "Inspection report published: Bedford"
    assert "published on Tuesday 1 December 2026" in rows[0].body
    assert "inconsistent experiences" in rows[0].body
    assert "within approximately three years" in rows[0].body


def _case(inspection: Any) -> Any:
    # The tracking case's shape (inspections' TrackingCase): a plain stand-in, not a mock.
    return SimpleNamespace(pk=3, inspection=inspection, entry=SimpleNamespace(reference="TC-7Q4X"),
                           documents_due=date(2026, 9, 14))


def test_tracking_documents_request_goes_to_lap_users_with_the_reference_in_the_body_only(inspection, cast):
    rows = tracking_messages.tracking_documents_requested(_case(inspection))
    assert [r.to for r in rows] == ["lap-a@example.gov.uk"]
    row = rows[0]
    assert "tracking case TC-7Q4X" in row.body
    assert "by the end of Monday 14 September 2026" in row.body
    assert "TC-7Q4X" not in row.subject + row.object_ref + row.area_code


def test_delivery_is_asked_for_once_per_message_only_on_commit(inspection, cast, django_capture_on_commit_callbacks):
    inspection.accuracy_deadline = date(2026, 11, 13)
    with django_capture_on_commit_callbacks() as callbacks:
        messages.factual_accuracy_requested(inspection)
    assert len(callbacks) == 1


def test_no_recipients_means_no_rows_and_no_delivery(inspection, cast, django_capture_on_commit_callbacks):
    cast["lap_a"].is_active = False  # Bedford's only LAP user
    cast["lap_a"].save()
    with django_capture_on_commit_callbacks() as callbacks:
        assert tracking_messages.tracking_documents_requested(_case(inspection)) == []
    assert callbacks == []


def test_committed_notification_is_delivered_over_smtp(notify_inspection, smtp_server,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = notify_inspection()

    [received] = smtp_server.received
    assert received.recipients == [OFFICER_EMAIL]
    assert received.subject == "Full area SEND inspection of Bedford"
    assert "Monday 21 September 2026 to Friday 25 September 2026" in received.body
    assert f"https://areasend.example/inspections/{inspection.pk}/" in received.body
    assert Notification.objects.get().sent_at is not None


class Boom(Exception):
    pass


def test_a_rolled_back_change_sends_nothing(notify_inspection, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Boom), transaction.atomic():
        notify_inspection()
        raise Boom

    assert callbacks == []
    assert not Notification.objects.exists()
    assert smtp_server.received == []
