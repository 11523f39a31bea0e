"""notifications.delivery.deliver_pending: the outbox worker, over a real SMTP server, and the
Notify backend with NotificationsAPIClient patched (the one mocked seam)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from areasend.datareturns import messages as tracking_messages
from areasend.inspections import messages
from areasend.notifications.delivery import _claim_next, backoff, deliver_pending, describe_error
from areasend.notifications.models import MAX_ATTEMPTS, Kind, Notification

from .conftest import OFFICER_EMAIL


def test_due_message_is_delivered_over_smtp_and_marked_sent(inspection, smtp_server):
    report = deliver_pending()

    row = Notification.objects.get()
    assert report.sent == [row.pk] and report.failed == []
    [received] = smtp_server.received
    assert received.recipients == [OFFICER_EMAIL]
    assert received.subject == "Full area SEND inspection of Bedford"
    assert "Dear Nora Officer," in received.body
    assert str(received.message["Message-ID"]).strip() == row.provider_reference
    assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""


def test_running_delivery_twice_sends_once(inspection, smtp_server):
    deliver_pending()
    later = timezone.now() + timedelta(days=1)
    assert deliver_pending(now=later).sent == []
    assert len(smtp_server.received) == 1


def test_failed_send_records_the_attempt_and_backs_off_then_a_later_run_delivers(inspection, smtp_server):
    smtp_server.stop()
    now = timezone.now()

    report = deliver_pending(now=now)

    row = Notification.objects.get()
    assert report.failed == [row.pk] and report.sent == []
    assert row.sent_at is None and row.attempts == 1
    assert row.send_after == now + timedelta(minutes=1)
    assert row.last_error.startswith("ConnectionRefusedError")

    smtp_server.start()
    assert deliver_pending(now=now + timedelta(seconds=59)).sent == []  # not yet due
    assert smtp_server.received == []
    assert deliver_pending(now=now + timedelta(minutes=1)).sent == [row.pk]  # due at exactly send_after
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2 and row.last_error == ""
    assert len(smtp_server.received) == 1


def test_backoff_grows_1_5_25_minutes():
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 5, 25)]


def test_message_is_given_up_after_max_attempts(inspection, smtp_server):
    smtp_server.stop()
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS - 1):
        assert deliver_pending(now=now).failed
        now += timedelta(days=1)

    report = deliver_pending(now=now)

    row = Notification.objects.get()
    assert report.abandoned == [row.pk]
    assert row.attempts == MAX_ATTEMPTS and row.sent_at is None
    assert not Notification.objects.due(now + timedelta(days=30)).exists()
    assert list(Notification.objects.abandoned()) == [row]


def test_a_claimed_message_is_not_claimed_again_by_a_second_worker(inspection):
    now = timezone.now()
    first = _claim_next(now)
    assert first is not None and first.attempts == 1
    assert _claim_next(now) is None


def test_missed_runs_catch_up_on_everything_that_fell_due(inspection, cast, smtp_server):
    inspection.accuracy_deadline = date(2026, 11, 13)
    messages.factual_accuracy_requested(inspection)
    Notification.objects.update(send_after=timezone.now() - timedelta(days=3))

    assert len(deliver_pending().sent) == 3
    assert sorted(r.recipients[0] for r in smtp_server.received) == [
        "lap-a@example.gov.uk", OFFICER_EMAIL, OFFICER_EMAIL,
    ]


def test_limit_caps_one_run(inspection, cast, smtp_server):
    inspection.accuracy_deadline = date(2026, 11, 13)
    messages.factual_accuracy_requested(inspection)
    assert len(deliver_pending(limit=2).sent) == 2
    assert len(deliver_pending(limit=2).sent) == 1


def test_notify_backend_sends_through_the_notify_client(inspection, settings):
    settings.AREASEND_NOTIFICATIONS_BACKEND = "notify"
    settings.AREASEND_NOTIFY_API_KEY = "test-key"
    settings.AREASEND_NOTIFY_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    row = Notification.objects.get()
    with mock.patch("areasend.notifications.delivery.NotificationsAPIClient", autospec=True) as client_class:
        client_class.return_value.send_email_notification.return_value = {"id": "notify-123"}
        report = deliver_pending()

    client_class.assert_called_once_with("test-key")
    client_class.return_value.send_email_notification.assert_called_once_with(
        email_address=OFFICER_EMAIL,
        template_id="f33517ff-2a88-4f6e-b855-c550268ce08a",
        personalisation={"subject": row.subject, "body": row.body},
        reference=f"areasend-notification-{row.pk}",
    )
    row.refresh_from_db()
    assert report.sent == [row.pk]
    assert row.provider_reference == "notify-123" and row.sent_at is not None


def test_notify_failure_is_stored_without_the_address(inspection, settings):
    settings.AREASEND_NOTIFICATIONS_BACKEND = "notify"
    settings.AREASEND_NOTIFY_API_KEY, settings.AREASEND_NOTIFY_TEMPLATE_ID = "test-key", "template"
    with mock.patch("areasend.notifications.delivery.NotificationsAPIClient", autospec=True) as client_class:
        client_class.return_value.send_email_notification.side_effect = RuntimeError(
            f"400 BadRequestError: Can't send to {OFFICER_EMAIL} using a team-only API key"
        )
        report = deliver_pending()

    row = Notification.objects.get()
    assert report.failed == [row.pk]
    assert row.last_error == "RuntimeError: 400 BadRequestError: Can't send to [address] using a team-only API key"


def test_notify_without_its_key_refuses_to_send(inspection, settings):
    settings.AREASEND_NOTIFICATIONS_BACKEND = "notify"
    settings.AREASEND_NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        deliver_pending()


def test_nothing_due_needs_no_backend(settings, db):
    settings.AREASEND_NOTIFICATIONS_BACKEND = "pigeon"
    assert deliver_pending().as_dict() == {"sent": 0, "failed": 0, "abandoned": 0}


def test_describe_error_is_short_and_has_no_addresses():
    text = describe_error(OSError("refused: {'a.b@x.example': (550, b'no <c@y.example>')}" + "x" * 500))
    assert "@" not in text and text.startswith("OSError: refused: {'[address]'")
    assert len(text) == 200


def test_logs_carry_no_address_or_case_reference(inspection, cast, smtp_server, caplog,
                                                   django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG, logger="areasend")
    caplog.set_level(logging.DEBUG, logger="django_tasks")
    case = SimpleNamespace(pk=3, inspection=inspection, entry=SimpleNamespace(reference="TC-7Q4X"),
                           documents_due=date(2026, 9, 14))
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        tracking_messages.tracking_documents_requested(case)  # delivery runs on commit and fails
    smtp_server.start()
    deliver_pending(now=timezone.now() + timedelta(minutes=2))

    sent = Notification.objects.filter(kind=Kind.TRACKING_DOCUMENTS_REQUESTED, sent_at__isnull=False)
    assert [r.to for r in sent] == ["lap-a@example.gov.uk"]
    assert "failed (ConnectionRefusedError)" in caplog.text and " sent " in caplog.text
    for secret in ("@", "TC-7Q4X", "Nora", "lap-a"):
        assert secret not in caplog.text
