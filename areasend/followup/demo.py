"""The follow-up part of the demo (issue 9), built through the same functions a user's clicks go
through. Everything hangs off the demo's own (synthetic) published inspections, so none of it
changes a public figure; a second run changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from areasend.accounts.models import User
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.framework.calendar import add_working_days
from areasend.inspections import workflow
from areasend.inspections.models import Inspection

from . import meetings, plans, thematic
from .models import NationalTheme, PriorityActionPlan

COVENTRY, BRISTOL = "E08000026", "E06000023"


def _pap(area: LocalAreaPartnership) -> None:
    if PriorityActionPlan.objects.filter(area=area, synthetic=True, versions__isnull=False).exists():
        return
    report = plans.latest_report(area)
    if report is None or not report.synthetic:
        return
    lap = User.objects.get(username="lap-coventry")
    actions = [plans.ActionInput(
        priority_action_text=rec.text, priority_action=rec, partner_ids=[p.pk for p in rec.partners.all()]
        or list(area.partners.values_list("pk", flat=True)[:1]),
        action="Commission an additional neurodevelopmental assessment service with the voluntary sector.",
        impact_measures="Median wait for an assessment, reported monthly to the improvement board.",
        milestones=[(add_working_days(report.publication_date or date.today(), 120), "New service live")],
    ) for rec in plans.priority_actions_of(report)]
    plans.submit_pap(area, by=lap, actions=actions, local_name="SEND Improvement Plan")
    User.objects.get(username="adviser").supported_areas.add(area)


def _team(inspection: Inspection, planner: User, lead: User, cqc: User) -> None:
    workflow.add_team_member(inspection, inspector=lead, role="ofsted_lead", remit="education", by=planner,
                             confirmed=True)
    if inspection.kind != ActivityType.ENGAGEMENT_MEETING:
        workflow.add_team_member(inspection, inspector=cqc, role="cqc_lead", remit="health", by=planner,
                                 confirmed=True)


def _monitoring(area: LocalAreaPartnership, planner: User, lead: User, cqc: User, monday: date) -> None:
    if Inspection.objects.filter(area=area, kind=ActivityType.MONITORING_INSPECTION).exists():
        return
    inspection = workflow.notify(area=area, notified_on=monday, officer_name=f"{area.name} nominated officer",
                                 officer_email="send-lano@coventry.example", by=planner, synthetic=True,
                                 kind=ActivityType.MONITORING_INSPECTION)
    _team(inspection, planner, lead, cqc)


def _meeting(area: LocalAreaPartnership, planner: User, lead: User, cqc: User, monday: date) -> None:
    if Inspection.objects.filter(area=area, kind=ActivityType.ENGAGEMENT_MEETING).exists():
        return
    held = monday - timedelta(weeks=3) + timedelta(days=2)  # a Wednesday three weeks ago
    meeting = workflow.notify(area=area, notified_on=held, officer_name=f"{area.name} nominated officer",
                              officer_email="send-lano@bristol.example", by=planner, synthetic=True,
                              kind=ActivityType.ENGAGEMENT_MEETING)
    _team(meeting, planner, lead, cqc)
    la = area.partners.get(kind="la")
    owner = area.partners.filter(kind="icb").first() or la
    meetings.record_meeting(meeting, by=lead, data=meetings.MeetingInput(
        attendees=[(la.pk, "Director of children's services; head of SEND")], topics=["ehc-plans", "co-production"],
        actions=[("Share the EHC plan timeliness figures each month", la.pk),
                 ("Report on waits for speech and language therapy", owner.pk)],
        inspector_ids=[lead.pk], notes="Progress on the strategic plan discussed."))


def _thematic(planner: User, lead: User, cqc: User, monday: date) -> None:
    """A demo theme with one visit (Bath and North East Somerset, named with its agreement) and
    its national report published."""
    theme, created = NationalTheme.objects.get_or_create(
        title="Children not in school (demo)", year=monday.year, synthetic=True,
        defaults={"question": "How well do partnerships identify and support children with SEND who are "
                              "not in school, or on part-time timetables?"})
    if not created:
        return
    visit = thematic.add_visit(theme, area=LocalAreaPartnership.objects.get(gss_code="E06000022"),
                               notified_on=_past_monday(monday, 8), officer_name="Bath nominated officer",
                               officer_email="send-lano@bath.example", by=planner, named=True)
    _team(visit.visit, planner, lead, cqc)
    workflow.start_fieldwork(visit.visit, by=lead)
    thematic.add_finding(visit, by=lead, themes=["early-help", "data-sharing"],
                         text="Schools tell the local authority about every part-time timetable within a week.")
    workflow.start_evaluating(visit.visit, by=lead)
    workflow.publish(visit.visit, by=lead)
    thematic.publish_report(theme, by=planner, summary="Where partners share data weekly, children missing "
                                                       "education are found and supported sooner.")


def _past_monday(monday: date, weeks: int) -> date:
    """A working Monday `weeks` before, in term time, as a thematic visit's notification needs."""
    from areasend.framework.timeline import InvalidNotificationDate, check_notification_date

    day = monday - timedelta(weeks=weeks)
    for _ in range(12):
        try:
            check_notification_date(day)
            return day
        except InvalidNotificationDate:
            day -= timedelta(weeks=1)
    return day


def build(*, planner: User, lead: User, cqc: User, monday: date) -> None:
    _thematic(planner, lead, cqc, monday)
    coventry = LocalAreaPartnership.objects.get(gss_code=COVENTRY)
    _pap(coventry)
    _monitoring(coventry, planner, lead, cqc, monday)
    _meeting(LocalAreaPartnership.objects.get(gss_code=BRISTOL), planner, lead, cqc, monday)
