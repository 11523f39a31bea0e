from django import template

from areasend.inspections.models import Activity
from areasend.reports import links

register = template.Library()


@register.filter
def report_path(activity: Activity) -> str:
    """`{{ activity|report_path }}`: the URL of our published report of this activity, or ''."""
    return links.report_path(activity)
