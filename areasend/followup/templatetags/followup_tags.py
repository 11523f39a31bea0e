"""Follow-up pieces the pages of lower layers show (the home page, the area page), by template
tag, so those apps never import this one."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from areasend import policy
from areasend.followup.status import plan_status, tasks_for_user

register = template.Library()


@register.inclusion_tag("followup/_tasks.html", takes_context=True)
def followup_tasks(context: dict[str, Any]) -> dict[str, Any]:
    """The signed-in user's plan tasks: a partnership's plan to submit, a reviewer's plans."""
    user = context["request"].user
    return {"tasks": tasks_for_user(user, timezone.localdate()),
            "overview": policy.is_staff_role(user) or policy.role_of(user) == "adviser"}


@register.inclusion_tag("followup/_area_links.html", takes_context=True)
def followup_for_area(context: dict[str, Any], area: Any) -> dict[str, Any]:
    """On the area page: the public legacy follow-up records, and a link to the area's
    follow-up for those who may see it."""
    user = context["request"].user
    may_see = policy.followup_areas_visible_to(user).filter(pk=area.pk).exists()
    return {"area": area, "legacy": area.legacy_follow_ups.filter(synthetic=False), "may_see": may_see,
            "status": plan_status(area, timezone.localdate()) if may_see else None}
