"""Where each published activity's report is: ours for an inspection run in areasend, Ofsted's
own URL for imported history (when the data has one)."""

from __future__ import annotations

from django.urls import reverse

from areasend.inspections.models import Activity, Source

_PREFIX = "areasend:inspection:"  # the history key publication gives (inspections.workflow)


def report_path(activity: Activity) -> str:
    """Our report's URL for an activity published from areasend, without a query; else ''."""
    from areasend.reports.content import REPORT_KINDS

    number = activity.source_key.removeprefix(_PREFIX)
    if (activity.source != Source.AREASEND or activity.publication_date is None
            or activity.kind not in REPORT_KINDS or number == activity.source_key or not number.isdigit()):
        return ""
    return reverse("reports:report", args=[int(number)])


def report_link(activity: Activity) -> str:
    """The report to link to from a list: ours, or the published source's."""
    return report_path(activity) or activity.report_url
