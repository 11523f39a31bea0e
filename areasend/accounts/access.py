"""The one place that decides what a user may see. Every view and API route gets its base
querysets from here; a record outside them is a 404, never a 403 that confirms it exists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from areasend.areas.models import LocalAreaPartnership
from areasend.inspections.models import Activity

from .models import Role


def role_of(user: Any) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    return str(user.role)


def is_staff_role(user: Any) -> bool:
    return role_of(user) in {Role.ADMIN, Role.PLANNER, Role.INSPECTOR}


def areas_visible_to(user: Any) -> QuerySet[LocalAreaPartnership]:
    """Staff and the public see every partnership; a partnership user only their own."""
    areas = LocalAreaPartnership.objects.all()
    if role_of(user) == Role.LAP:
        return areas.filter(pk=user.area_id)
    return areas


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """Staff see everything; a partnership user sees their own area's activities; everyone else
    only what has been published."""
    activities = Activity.objects.all()
    role = role_of(user)
    if role in {Role.ADMIN, Role.PLANNER, Role.INSPECTOR}:
        return activities
    if role == Role.LAP:
        return activities.filter(areas=user.area_id)
    return activities.published()


def can_see_national_overview(user: Any) -> bool:
    """The national programme view (what is due, overdue) is for planners and inspectors."""
    return is_staff_role(user)


def can_see_audit_log(user: Any) -> bool:
    return role_of(user) == Role.ADMIN


def get_area_for(user: Any, gss_code: str) -> LocalAreaPartnership:
    try:
        return areas_visible_to(user).get(gss_code=gss_code)
    except LocalAreaPartnership.DoesNotExist:
        raise Http404("No such local area partnership") from None


def inspections_visible_to(user: Any) -> QuerySet[Any]:
    """Live inspections: staff see all; a partnership user sees their own area's from the moment
    it is notified; everyone else only published ones (the embargo)."""
    from areasend.inspections.models import Inspection

    inspections = Inspection.objects.select_related("area")
    role = role_of(user)
    if role in {Role.ADMIN, Role.PLANNER, Role.INSPECTOR}:
        return inspections
    if role == Role.LAP:
        return inspections.filter(area_id=user.area_id)
    return inspections.published()


def get_inspection_for(user: Any, pk: int) -> Any:
    from areasend.inspections.models import Inspection

    try:
        return inspections_visible_to(user).get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404("No such inspection") from None


def can_see_evidence(user: Any) -> bool:
    """Evidence notes and inspectors' working drafts are for inspectorate staff only, never for
    a partnership user."""
    return is_staff_role(user)
