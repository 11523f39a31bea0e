"""Writing the audit log. Call inside the transaction of the change it records."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from .client_ip import client_ip
from .models import AuditAction, AuditEvent, User

# Keys whose values are free text someone typed, which may hold personal details: never audited.
FREE_TEXT_KEYS = frozenset({"reason", "text", "comment", "response", "note", "description", "message"})


def record(
    user: Any,
    action: AuditAction | str,
    obj: models.Model | None = None,
    *,
    request: HttpRequest | None = None,
    area_code: str = "",
    target: tuple[type[models.Model], Any] | None = None,
    **data: Any,
) -> AuditEvent:
    """Append one audit row. `data` holds ids and codes only, never personal data or free text.
    `target` names a record by model and id when there is no instance (one refused, or gone)."""
    if FREE_TEXT_KEYS & data.keys():
        raise ValueError(f"Free text is never audited: {sorted(FREE_TEXT_KEYS & data.keys())}")
    actor = user if isinstance(user, User) and user.pk else None
    model, pk = (type(obj), obj.pk) if obj is not None else target or (None, "")
    return AuditEvent.objects.create(
        user=actor,
        username=actor.get_username() if actor else "",
        action=action,
        object_type=model._meta.label if model is not None else "",
        object_id=str(pk),
        area_code=area_code,
        ip_address=client_ip(request),
        data=data,
    )
