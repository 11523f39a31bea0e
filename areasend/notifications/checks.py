"""System checks: a misconfigured notifications backend fails `areasend check` (and so start-up
in CI), not the first send hours later."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register("notifications")
def check_notifications_backend(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .delivery import BACKENDS

    name = settings.AREASEND_NOTIFICATIONS_BACKEND
    if name not in BACKENDS:
        return [checks.Error(
            f"AREASEND_NOTIFICATIONS_BACKEND is '{name}'; it must be one of {', '.join(BACKENDS)}",
            id="notifications.E001",
        )]
    if name == "notify" and not (settings.AREASEND_NOTIFY_API_KEY and settings.AREASEND_NOTIFY_TEMPLATE_ID):
        return [checks.Error(
            "AREASEND_NOTIFICATIONS_BACKEND is 'notify' but AREASEND_NOTIFY_API_KEY or "
            "AREASEND_NOTIFY_TEMPLATE_ID is not set",
            id="notifications.E002",
        )]
    return []
