"""Pages about partnerships: home, the list and one area."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from areasend.caching import Fingerprint, cached, kept_page
from areasend.followup.status import FOLLOWUP_TABLES
from areasend.inspections.due import due_for_area, latest_inspection
from areasend.inspections.models import HISTORY_TABLES, OUTSIDE_OFFICIAL_STATISTICS, Source
from areasend.inspections.tasks import tasks_for
from areasend.policy import (
    DECISION_TABLES,
    activities_visible_to,
    area_for_page,
    areas_visible_to,
    inspections_visible_to,
    is_area_user,
)

# Sources whose records the area page names: not Ofsted's own releases or areasend itself.
UNOFFICIAL_SOURCES = sorted({*OUTSIDE_OFFICIAL_STATISTICS, Source.ACTIVITIES})
# The area page's body changes only with the history and the follow-up records, and who may see
# what only with policy.DECISION_TABLES: one read of all of them.
area_page_fingerprint = Fingerprint(*HISTORY_TABLES, *FOLLOWUP_TABLES, *DECISION_TABLES)


def home(request: HttpRequest) -> HttpResponse:
    """Everyone's start page; a partnership user also sees their area's live activities and tasks."""
    live: list[tuple[Any, list[Any]]] = []
    if is_area_user(request.user, getattr(request.user, "area_id", None)):
        today = timezone.localdate()
        for inspection in inspections_visible_to(request.user).open().order_by("notified_on"):
            live.append((inspection, tasks_for(inspection, request.user, today)))
    return render(request, "home.html", {"live": live})


def area_list(request: HttpRequest) -> HttpResponse:
    areas = areas_visible_to(request.user).prefetch_related(
        Prefetch("activities", queryset=activities_visible_to(request.user).order_by("start_date", "id"))
    )
    rows = [(area, latest_inspection(list(area.activities.all()))) for area in areas]
    return render(request, "areas/list.html", {"rows": rows})


def area_detail(request: HttpRequest, gss_code: str) -> HttpResponse:
    fingerprint = area_page_fingerprint()
    area, viewer = area_for_page(request.user, gss_code, fingerprint)
    today = timezone.localdate()

    def body() -> str:
        activities = list(activities_visible_to(request.user).filter(areas=area).order_by("-start_date", "-id"))
        return render_to_string("areas/_detail_body.html", {
            "area": area, "partners": area.partners.all(), "predecessors": area.predecessor_codes.all(),
            "activities": activities, "due": due_for_area(area, today, activities),
            "unofficial_sources": UNOFFICIAL_SOURCES,
        }, request=request)

    # The body is the same for everyone who sees the same history and follow-up of the area, on
    # the same day and state of the records (areasend.caching): built once, not per request.
    key = ("area-page", area.pk, today, fingerprint, viewer)
    return kept_page(request, key, "areas/detail.html", lambda: {"area": area, "body": mark_safe(cached(key, body))})
