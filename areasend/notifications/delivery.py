"""The one outbound seam: takes due messages from the outbox and hands them to SMTP or GOV.UK
Notify (AREASEND_NOTIFICATIONS_BACKEND). Tests mock here and nowhere else.

Each message is claimed before it is sent: its attempt is counted and `send_after` moved on by
the backoff in one short transaction, so two workers never send it twice and a worker that dies
mid-send leaves it to be retried, not lost. No transaction stays open during network I/O (with
SQLite that would hold the database's one write lock for the length of an SMTP timeout).
Delivery is at least once: a crash between the provider accepting a message and `sent_at` being
written means it is sent again.

Logs carry notification ids, kinds and counts only: never an address, a name or a case reference.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone
from notifications_python_client.notifications import NotificationsAPIClient

from .models import MAX_ATTEMPTS, Notification, NotificationQuerySet

logger = logging.getLogger(__name__)

# Anything shaped like an email address, so provider errors (SMTPRecipientsRefused lists the
# refused addresses) can be stored without personal data.
_ADDRESS = re.compile(r"[^\s<>\"'(),;:\[\]{}]+@[^\s<>\"'(),;:\[\]{}]+")
_ERROR_LENGTH = 200
# Losing a race for a row to another worker is rare; after this many in a row, stop this run.
_CLAIM_TRIES = 3


def backoff(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt: 1, 5, 25, 125, 625 minutes."""
    return timedelta(minutes=5 ** max(attempts - 1, 0))


def describe_error(exc: BaseException) -> str:
    """The error's class and message, short, with addresses removed."""
    message = _ADDRESS.sub("[address]", str(exc)).strip()
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text[:_ERROR_LENGTH]


@dataclass
class DeliveryReport:
    """What one run did, by notification id."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be retried after the backoff
    abandoned: list[int] = field(default_factory=list)  # failed for the last time

    def as_dict(self) -> dict[str, int]:
        return {"sent": len(self.sent), "failed": len(self.failed), "abandoned": len(self.abandoned)}

    def __str__(self) -> str:
        return ", ".join(f"{key} {count}" for key, count in self.as_dict().items())


class Backend(Protocol):
    def send(self, notification: Notification) -> str:
        """Hand the message over; return the provider's reference for it. Raise on failure."""


class SmtpBackend:
    """Django's email connection: SMTP with the EMAIL_* settings (Django's test runner swaps in
    its in-memory backend, so other apps' tests find their messages in mail.outbox)."""

    def send(self, notification: Notification) -> str:
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
        # No idstring: a short id is not folded, so the stored reference matches the header.
        message_id = make_msgid(domain=domain)
        message = EmailMessage(
            subject=notification.subject, body=notification.body, to=[notification.to],
            headers={"Message-ID": message_id},
        )
        message.send(fail_silently=False)
        return message_id


class NotifyBackend:
    """GOV.UK Notify: one template whose subject and body are the personalisation fields
    ((subject)) and ((body))."""

    def __init__(self) -> None:
        if not settings.AREASEND_NOTIFY_API_KEY or not settings.AREASEND_NOTIFY_TEMPLATE_ID:
            raise ImproperlyConfigured(
                "AREASEND_NOTIFY_API_KEY and AREASEND_NOTIFY_TEMPLATE_ID must be set to send through Notify"
            )
        self.client = NotificationsAPIClient(settings.AREASEND_NOTIFY_API_KEY)
        self.template_id = settings.AREASEND_NOTIFY_TEMPLATE_ID

    def send(self, notification: Notification) -> str:
        response = self.client.send_email_notification(
            email_address=notification.to,
            template_id=self.template_id,
            personalisation={"subject": notification.subject, "body": notification.body},
            reference=f"areasend-notification-{notification.pk}",
        )
        return str(response.get("id", ""))


BACKENDS: dict[str, type[SmtpBackend] | type[NotifyBackend]] = {"smtp": SmtpBackend, "notify": NotifyBackend}


def get_backend() -> Backend:
    name = settings.AREASEND_NOTIFICATIONS_BACKEND
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"AREASEND_NOTIFICATIONS_BACKEND is '{name}'; it must be one of {', '.join(BACKENDS)}"
        )
    return BACKENDS[name]()


def deliver_pending(now: datetime | None = None, limit: int = 100) -> DeliveryReport:
    """Send up to `limit` due messages. Safe to run at any time, as often as you like, from
    several workers at once: what was sent is never sent again."""
    now = now or timezone.now()
    report = DeliveryReport()
    backend: Backend | None = None
    for _ in range(limit):
        notification = _claim_next(now)
        if notification is None:
            break
        backend = backend or get_backend()
        _send(backend, notification, report)
    if report.sent or report.failed or report.abandoned:
        logger.info("notifications delivery: %s", report)
    return report


def _due_for_update(now: datetime) -> NotificationQuerySet:
    qs = Notification.objects.due(now).order_by("send_after", "id")
    # Row locks where the database has them (PostgreSQL): a second worker skips the rows the
    # first is claiming instead of waiting. SQLite has none, but its IMMEDIATE transactions
    # (settings.py) already let only one writer claim at a time.
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True)
    return qs


def _claim_next(now: datetime) -> Notification | None:
    """Count the attempt and push `send_after` on by the backoff before sending. The update is
    conditional on the attempts seen, so a worker that lost a race claims nothing."""
    for _ in range(_CLAIM_TRIES):
        with transaction.atomic():
            candidate = _due_for_update(now).first()
            if candidate is None:
                return None
            attempts = candidate.attempts + 1
            retry_at = now + backoff(attempts)
            won = Notification.objects.filter(
                pk=candidate.pk, attempts=candidate.attempts, sent_at__isnull=True
            ).update(attempts=attempts, send_after=retry_at)
        if won:
            candidate.attempts, candidate.send_after = attempts, retry_at
            return candidate
    return None


def _send(backend: Backend, notification: Notification, report: DeliveryReport) -> None:
    try:
        reference = backend.send(notification)
    except Exception as exc:  # any provider failure: record it and retry later
        _record_failure(notification, exc, report)
        return
    Notification.objects.filter(pk=notification.pk).update(
        sent_at=timezone.now(), last_error="", provider_reference=reference[:200]
    )
    report.sent.append(notification.pk)
    logger.info("notification %s sent (%s, attempt %s)", notification.pk, notification.kind, notification.attempts)


def _record_failure(notification: Notification, exc: Exception, report: DeliveryReport) -> None:
    Notification.objects.filter(pk=notification.pk).update(last_error=describe_error(exc))
    # The class name only in the log: provider messages can quote the recipient.
    error = type(exc).__name__
    if notification.attempts >= MAX_ATTEMPTS:
        report.abandoned.append(notification.pk)
        logger.error(
            "notification %s not delivered after %s attempts, giving up (%s)",
            notification.pk, notification.attempts, error,
        )
    else:
        report.failed.append(notification.pk)
        logger.warning(
            "notification %s failed (%s), attempt %s, retry after %s",
            notification.pk, error, notification.attempts, notification.send_after.isoformat(),
        )

