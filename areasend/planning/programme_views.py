"""The programme page for planners: solve a plan, read it by week and region, the load per
inspector, feasibility in words; exports per inspector (CSV, iCalendar); confirm one activity."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from icalendar import Calendar, Event

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, User
from areasend.framework.calendar import in_words
from areasend.govuk import form_errors, message_errors
from areasend.inspections.models import WorkflowError
from areasend.policy import may_plan_programme, require

from .models import Plan, PlannedActivity
from .overview import csv_safe
from .plans import confirm, save_plan, solve
from .programme import PlanningError

MAX_SECONDS = 20


class SolveForm(forms.Form):
    start = forms.DateField(label="First Monday of the plan", help_text="For example, 2027-01-11",
                            input_formats=["%Y-%m-%d"])
    weeks = forms.IntegerField(label="Weeks to plan", min_value=3, max_value=104, initial=52)
    seconds = forms.IntegerField(label="Time limit for the solver, in seconds", min_value=1,
                                 max_value=MAX_SECONDS, initial=10)
    keep = forms.BooleanField(label="Move the latest plan's activities only where they must", required=False)

    def clean_start(self) -> date:
        start: date = self.cleaned_data["start"]
        if start.weekday() != 0:
            raise forms.ValidationError(f"{start:%-d %B %Y} is a {start:%A}; enter a Monday")
        return start


class ConfirmForm(forms.Form):
    officer_name = forms.CharField(label="Nominated officer's name", max_length=200)
    officer_email = forms.EmailField(label="Nominated officer's email address", max_length=254)


def _require(request: HttpRequest) -> None:
    require(may_plan_programme(request.user), "Only programme planners can see the national programme")


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = SolveForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            return _solve(request, form)
        return _page(request, form, status=400, errors=form_errors(form))
    return _page(request, form)


def _solve(request: HttpRequest, form: SolveForm) -> HttpResponse:
    data = form.cleaned_data
    try:
        previous = Plan.objects.filter(synthetic=False).first() if data["keep"] else None
        plan = save_plan(solve(data["start"], data["weeks"], data["seconds"], previous=previous), by=request.user)
    except PlanningError as error:
        return _page(request, form, status=400, errors=message_errors(str(error)))
    audit.record(request.user, AuditAction.CREATE, plan, request=request, weeks=plan.weeks)
    messages.success(request, f"Plan solved: {plan.summary['scheduled']} activities scheduled")
    return redirect(f"/programme/?plan={plan.pk}")


def _chosen_plan(request: HttpRequest) -> Plan | None:
    wanted = request.GET.get("plan", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404("No such plan")
        return get_object_or_404(Plan, pk=int(wanted))
    return Plan.objects.first()


def _page(request: HttpRequest, form: SolveForm, status: int = 200,
          errors: list[dict[str, str]] | None = None) -> HttpResponse:
    plan = _chosen_plan(request)
    context: dict[str, Any] = {"form": form, "plan": plan, "errors": errors or [], "today": timezone.localdate()}
    if plan is not None:
        context.update(_plan_context(plan))
    return render(request, "planning/programme.html", context, status=status)


def _plan_context(plan: Plan) -> dict[str, Any]:
    activities = list(plan.activities.select_related("area"))
    regions = sorted({a.area.region_name for a in activities})
    weeks: dict[date, dict[str, list[PlannedActivity]]] = defaultdict(lambda: defaultdict(list))
    for activity in activities:
        weeks[activity.notification_date][activity.area.region_name].append(activity)
    calendar = [{"week": week, "cells": [by_region.get(r, []) for r in regions]}
                for week, by_region in sorted(weeks.items())]
    loads: Counter[int] = Counter(t["inspector"] for a in activities for t in a.team)
    people = User.objects.in_bulk(list(loads))
    load_rows = [{"user": people[i], "count": n} for i, n in loads.most_common() if i in people]
    return {"regions": regions, "calendar": calendar, "loads": load_rows, "activities": activities}


def _activities_of(plan: Plan, user_id: int) -> list[tuple[PlannedActivity, str]]:
    rows = []
    for activity in plan.activities.select_related("area"):
        for place in activity.team:
            if place["inspector"] == user_id:
                rows.append((activity, place["role"]))
    return rows


def _onsite_end(activity: PlannedActivity) -> date:
    return activity.onsite_start + timedelta(days=4)


@login_required
def inspector_csv(request: HttpRequest, plan_id: int, user_id: int) -> HttpResponse:
    _require(request)
    plan = get_object_or_404(Plan, pk=plan_id)
    rows = _activities_of(plan, user_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-{plan.pk}-inspector-{user_id}.csv"'
    writer = csv.writer(response)
    writer.writerow(["area_code", "area_name", "activity", "role", "notification_date", "onsite_start", "onsite_end"])
    for activity, role in rows:
        writer.writerow([csv_safe(v) for v in (activity.area.gss_code, activity.area.name, activity.kind, role,
                                                activity.notification_date, activity.onsite_start,
                                                _onsite_end(activity))])
    audit.record(request.user, AuditAction.EXPORT, plan, request=request, export="programme-csv", rows=len(rows))
    return response


@login_required
def inspector_ics(request: HttpRequest, plan_id: int, user_id: int) -> HttpResponse:
    _require(request)
    plan = get_object_or_404(Plan, pk=plan_id)
    calendar = Calendar()
    calendar.add("prodid", "-//areasend//national programme//EN")
    calendar.add("version", "2.0")
    for activity, role in _activities_of(plan, user_id):
        event = Event()
        event.add("uid", f"areasend-plan-{plan.pk}-activity-{activity.pk}-{user_id}")
        event.add("summary", f"{activity.kind.capitalize()} of {activity.area.name} ({role.replace('_', ' ')})")
        event.add("dtstart", activity.notification_date)
        event.add("dtend", _onsite_end(activity) + timedelta(days=1))
        event.add("dtstamp", plan.created)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-{plan.pk}-inspector-{user_id}.ics"'
    audit.record(request.user, AuditAction.EXPORT, plan, request=request, export="programme-ics")
    return response


@login_required
def confirm_activity(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    planned = get_object_or_404(PlannedActivity.objects.select_related("area", "plan"), pk=pk)
    form = ConfirmForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "planned": planned}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "planning/confirm.html", {**context, "errors": form_errors(form)}, status=400)
        try:
            inspection = confirm(planned, by=request.user, request=request, **form.cleaned_data)
        except (WorkflowError, ValueError) as error:
            return render(request, "planning/confirm.html", {**context, "errors": message_errors(str(error))},
                          status=400)
        messages.success(request, f"{planned.kind.capitalize()} of {planned.area.name} scheduled: the partnership "
                                  f"is notified on {in_words(inspection.notified_on)}")
        return redirect(f"/programme/?plan={planned.plan_id}")
    return render(request, "planning/confirm.html", context)
