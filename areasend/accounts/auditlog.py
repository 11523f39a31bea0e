"""The audit log as people read it: names for users, actions, records and areas, and details in
words rather than raw data; and the filters that narrow it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    who: str
    record: str
    area: str
    details: list[str]


def filtered(data: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("user")
    if data.get("user"):
        events = events.filter(username__iexact=data["user"].strip())
    for field in ("action", "record_type", "record_id"):
        if data.get(field):
            events = events.filter(**{"object_type" if field == "record_type" else
                                      "object_id" if field == "record_id" else field: data[field].strip()})
    zone = timezone.get_current_timezone()
    if data.get("from"):
        events = events.filter(created__gte=datetime.combine(data["from"], time.min, zone))
    if data.get("to"):
        events = events.filter(created__lte=datetime.combine(data["to"], time.max, zone))
    return events


def who(event: AuditEvent) -> str:
    user = event.user
    if user is not None and user.get_full_name():
        return f"{user.get_full_name()} ({event.username})"
    return event.username or "No one signed in, or the system"


def record(event: AuditEvent) -> str:
    if not event.object_type:
        return ""
    try:
        name = str(apps.get_model(event.object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        name = event.object_type
    return f"{name} {event.object_id}".strip()


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "none"
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {_value(v)}" for k, v in value.items()) or "none"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "none"
    return str(value).replace("_", " ")


def details(data: dict[str, Any]) -> list[str]:
    return [f"{key.replace('_', ' ').capitalize()}: {_value(value)}" for key, value in data.items()]


def rows(events: list[AuditEvent]) -> list[Row]:
    from areasend.areas.models import LocalAreaPartnership

    codes = {e.area_code for e in events if e.area_code}
    names = dict(LocalAreaPartnership.objects.filter(gss_code__in=codes).values_list("gss_code", "name"))
    return [Row(event=e, who=who(e), record=record(e), area=names.get(e.area_code, e.area_code),
                details=details(e.data or {})) for e in events]
