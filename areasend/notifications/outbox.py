"""The outbox: one row per recipient, written in the caller's transaction, delivered once that
transaction commits (by a task, and by the worker for retries). Message text lives with the app
that sends it (`inspections/messages.py`, `datareturns/messages.py`); this module knows no
message. What goes into logs is ids and counts, never names or references."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from areasend.accounts.models import Role, User

from .models import Kind, Notification
from .tasks import deliver_pending_task

if TYPE_CHECKING:
    from areasend.inspections.models import Inspection

logger = logging.getLogger(__name__)


def queue(kind: Kind, recipients: Iterable[str], subject: str, body: str, inspection: Inspection,
           object_ref: str = "") -> list[Notification]:
    rows = Notification.objects.bulk_create(
        Notification(to=to, kind=kind, subject=subject, body=body, inspection=inspection,
                     area_code=inspection.area.gss_code, object_ref=object_ref)
        for to in unique(recipients)
    )
    logger.info("queued %s %s notification(s) for inspection %s", len(rows), kind.value, inspection.pk)
    if rows:
        # robust: the change has committed; if queueing the task fails, the worker still finds
        # the rows in the outbox, so log it rather than fail the user's request.
        transaction.on_commit(lambda: deliver_pending_task.enqueue(), robust=True)
    return rows


def officer_and_lap_users(inspection: Inspection) -> list[str]:
    return [inspection.nominated_officer_email, *lap_users(inspection)]


def lap_users(inspection: Inspection) -> list[str]:
    users = User.objects.filter(role=Role.LAP, area=inspection.area, is_active=True).exclude(email="")
    return list(users.order_by("email").values_list("email", flat=True))


def unique(addresses: Iterable[str]) -> list[str]:
    """Each address once (case-insensitively): a LAP user who is also the nominated officer
    gets one email."""
    seen: set[str] = set()
    result = []
    for address in addresses:
        key = address.strip().lower()
        if key and key not in seen:
            seen.add(key)
            result.append(address.strip())
    return result


def link(inspection: Inspection) -> str:
    return f"{settings.AREASEND_BASE_URL.rstrip('/')}/inspections/{inspection.pk}/"
