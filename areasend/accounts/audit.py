"""Writing the audit log. Call inside the transaction of the change it records."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from .models import AuditAction, AuditEvent, User


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    user: Any,
    action: AuditAction | str,
    obj: models.Model | None = None,
    *,
    request: HttpRequest | None = None,
    area_code: str = "",
    **data: Any,
) -> AuditEvent:
    """Append one audit row. `data` holds ids and codes only, never personal data."""
    actor = user if isinstance(user, User) and user.pk else None
    return AuditEvent.objects.create(
        user=actor,
        username=actor.get_username() if actor else "",
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        area_code=area_code,
        ip_address=client_ip(request),
        data=data,
    )
