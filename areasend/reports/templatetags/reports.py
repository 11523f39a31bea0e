from typing import Any

from django import template

from areasend.inspections.models import Activity
from areasend.reports import links

register = template.Library()


@register.filter
def report_path(activity: Activity) -> str:
    """`{{ activity|report_path }}`: the URL of our published report of this activity, or ''."""
    return links.report_path(activity)


@register.filter
def may_edit_easy_read(inspection: Any, user: Any) -> bool:
    """`{{ inspection|may_edit_easy_read:request.user }}`: whether to offer the easy-read form."""
    from areasend import policy

    return policy.may_edit_easy_read(user, inspection)
