"""The header navigation, by what the access policy lets each user see."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from areasend.accounts.models import Role
from areasend.policy import (
    can_see_audit_log,
    can_see_inspections,
    can_see_national_overview,
    followup_links,
    may_plan_programme,
    role_of,
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Header navigation by role."""
    user = request.user
    items = []
    if can_see_national_overview(user):
        items.append(("National overview", reverse("planning:overview")))
    if may_plan_programme(user):
        items.append(("Programme", reverse("planning:programme")))
    if role_of(user) == Role.LAP and getattr(user, "area", None):
        items.append(("Your area", reverse("areas:detail", args=[user.area.gss_code])))  # type: ignore[union-attr]
    else:
        items.append(("Areas", reverse("areas:list")))
    if can_see_inspections(user):
        items.append(("Inspections", reverse("inspections:list")))
    items.append(("Reports", reverse("reports:list")))
    items.extend(followup_links(user))  # issue 9
    items.append(("Statistics", reverse("insights:statistics")))
    if can_see_audit_log(user):
        items.append(("Audit log", reverse("accounts:audit")))
    if getattr(user, "is_staff_role", False):  # issue 8: staff make their own API tokens
        items.append(("API tokens", reverse("accounts:api-tokens")))
    path = request.path
    return {
        "service_name": settings.AREASEND_SERVICE_NAME,
        "nav_items": [{"text": t, "href": h, "active": path.startswith(h) and h != "/"} for t, h in items],
    }
