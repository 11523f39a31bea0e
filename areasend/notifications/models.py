"""The outbox: every message the service sends is first a row here, written in the transaction of
the change it reports, and delivered later by a worker (delivery.py). A rolled-back change
leaves no row, so nothing is sent; a failed send stays in the outbox and is retried."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

# After this many failed attempts a message is left undelivered for a person to look at
# (with the 1, 5, 25… minute backoff the last try is about 13 hours after the first).
MAX_ATTEMPTS = 6


class Kind(models.TextChoices):
    INSPECTION_NOTIFIED = "inspection_notified", "Inspection notified"
    FACTUAL_ACCURACY_REQUESTED = "factual_accuracy_requested", "Factual accuracy check requested"
    INSPECTION_PUBLISHED = "inspection_published", "Inspection report published"
    TRACKING_DOCUMENTS_REQUESTED = "tracking_documents_requested", "Tracking case documents requested"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unsent(self) -> NotificationQuerySet:
        return self.filter(sent_at__isnull=True)

    def due(self, now: datetime | None = None) -> NotificationQuerySet:
        """Unsent messages whose time has come. `<=`, not `==`: a worker that missed a run
        catches up on everything that fell due meanwhile (STYLE.md §7)."""
        now = now or timezone.now()
        return self.unsent().filter(send_after__lte=now, attempts__lt=MAX_ATTEMPTS)

    def abandoned(self) -> NotificationQuerySet:
        """Unsent messages that used up their attempts: for a person to look at."""
        return self.unsent().filter(attempts__gte=MAX_ATTEMPTS)


class Notification(models.Model):
    """One email to one recipient. The body is the email itself; what refers to the object it is
    about (inspection, area code, object reference) carries ids and codes only, never a child's
    name or pseudonymous reference, so it can go into logs."""

    to = models.EmailField()
    kind = models.CharField(max_length=40, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text")
    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    area_code = models.CharField(max_length=9, blank=True)
    object_ref = models.CharField(
        max_length=60, blank=True, help_text="model:id of what the message is about, e.g. trackingcase:12"
    )
    created = models.DateTimeField(default=timezone.now)
    send_after = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, help_text="Error class and message, addresses removed")
    provider_reference = models.CharField(max_length=200, blank=True, help_text="Notify id or SMTP Message-ID")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["sent_at", "send_after"], name="notification_due")]

    def __str__(self) -> str:
        return f"Notification {self.pk} ({self.kind})"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
