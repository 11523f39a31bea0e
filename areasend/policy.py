"""The one access policy, above the apps: what a user may *see* and what they may *do*.

May see: querysets. Every view and API route gets its base querysets here; a record outside them
is a 404, never a 403 that confirms it exists. Need-to-know narrows what a live activity shows:
- working papers (evidence notes and revisions, the draft outcome and report, factual-accuracy
  comments): the activity's team and programme planners; an administrator only through an
  audited break-glass access with a reason;
- person-level data (tracking-case lists, documents): the team and the area's partnership (who
  supply it); an administrator through break-glass; never planners, who staff and move an
  inspection without needing children's details;
- an inspector with a declared conflict of interest for an area sees nothing of its live work.

May do: state changes are allowed by the framework's transition table (`framework.lifecycle`),
resolved against how the user stands to the activity (`Inspection.performers_for`); the few
changes outside that table (notify, staff a team, comment, select cases) are decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import PLANNER_ROLES, STAFF_ROLES, AuditAction, Role, User
from areasend.areas.models import LocalAreaPartnership
from areasend.caching import Watched, cached
from areasend.inspections.models import Activity, BreakGlass, Inspection, InspectionQuerySet, State
from areasend.planning.models import ConflictOfInterest

T = TypeVar("T")


def role_of(user: Any) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    return str(user.role)


def is_staff_role(user: Any) -> bool:
    return role_of(user) in STAFF_ROLES


def is_planner(user: Any) -> bool:
    return role_of(user) in PLANNER_ROLES


def is_area_user(user: Any, area_id: int | None) -> bool:
    return role_of(user) == Role.LAP and area_id is not None and user.area_id == area_id


def require(allowed: bool, message: str) -> None:
    """Refuse with a 403 and a message a user can act on."""
    if not allowed:
        raise PermissionDenied(message)


# --- May see ---------------------------------------------------------------------------------


def areas_visible_to(user: Any) -> QuerySet[LocalAreaPartnership]:
    """Staff and the public see every partnership; a partnership user only their own."""
    areas = LocalAreaPartnership.objects.all()
    if role_of(user) == Role.LAP:
        return areas.filter(pk=user.area_id)
    return areas


def get_area_for(user: Any, gss_code: str) -> LocalAreaPartnership:
    try:
        return areas_visible_to(user).get(gss_code=gss_code)
    except LocalAreaPartnership.DoesNotExist:
        raise Http404("No such local area partnership") from None


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """History: staff see everything; a partnership user their own area's; everyone else only
    what has been published."""
    activities = Activity.objects.all()
    role = role_of(user)
    if role in STAFF_ROLES:
        return activities
    if role == Role.LAP:
        return activities.filter(areas=user.area_id)
    return activities.published()


def area_page_viewer(user: Any, area: LocalAreaPartnership) -> tuple[str, bool]:
    """Everything the area page shows that depends on who is looking: which history they see
    (`activities_visible_to`) and whether they see the area's follow-up. Users alike in both see
    the same page body, so it is cached per viewer class."""
    role = role_of(user)
    history = "all" if role in STAFF_ROLES else "own" if role == Role.LAP else "published"
    return history, followup_areas_visible_to(user).filter(pk=area.pk).exists()


def conflicted_area_ids(user: Any) -> QuerySet[Any]:
    return ConflictOfInterest.objects.current().filter(inspector_id=user.pk).values("area_id")


def inspections_visible_to(user: Any) -> InspectionQuerySet:
    """Live activities: staff see all but the areas they have declared a conflict with; a
    partnership user their own area's from notification; everyone else only published ones."""
    inspections = Inspection.objects.select_related("area")
    role = role_of(user)
    if role in STAFF_ROLES:
        return inspections.exclude(area_id__in=conflicted_area_ids(user))
    if role == Role.LAP:
        # A scheduled activity stays invisible to the partnership until its notification date.
        return inspections.filter(area_id=user.area_id).exclude(state=State.SCHEDULED)
    # A thematic visit has no letter: only the national report is public (spec §9; issue 9).
    return inspections.published().exclude(kind="thematic visit")


def get_inspection_for(user: Any, pk: int) -> Inspection:
    try:
        return inspections_visible_to(user).get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404("No such inspection") from None


def inspection_page_viewer(user: Any, inspection: Inspection) -> tuple[bool, ...]:
    """Everything the inspection page's shared parts show that depends on who is looking (the
    sections offered, the task list, the history). Users alike in all of it see the same parts,
    so they are cached per viewer class."""
    return (
        is_staff_role(user), is_area_user(user, inspection.area_id),
        may_see_working_papers(user, inspection), may_see_person_level(user, inspection),
        may_edit_easy_read(user, inspection),
    )


# --- Decisions kept --------------------------------------------------------------------------
# The busiest pages ask the same questions on every request (may this user see this inspection or
# this area, and as whom). Their answers are kept in the cache (areasend.caching) under all that
# the rules above read: the user's own row (id, role, area: read afresh from the session on every
# request), the day, and a fingerprint that the page reads in its one query of its tables and
# these. The rules themselves are unchanged and are what builds each answer.
DECISION_TABLES = (Watched(ConflictOfInterest), Watched(User.supported_areas.through))


def _decided(user: Any, subject: tuple[Any, ...], fingerprint: tuple[Any, ...], decide: Callable[[], T]) -> T:
    who = (getattr(user, "pk", None), role_of(user), getattr(user, "area_id", None))
    return cached(("decision", subject, who, timezone.localdate(), fingerprint), decide)


def inspection_for_page(user: Any, pk: int, fingerprint: tuple[Any, ...]) -> Inspection:
    """`get_inspection_for`, kept: `fingerprint` must cover the inspection's own row (its
    `updated`) and DECISION_TABLES. A 404 is never kept."""
    return _decided(user, ("inspection", pk), fingerprint, lambda: get_inspection_for(user, pk))


def area_for_page(user: Any, gss_code: str, fingerprint: tuple[Any, ...]) -> tuple[LocalAreaPartnership, Any]:
    """`get_area_for` and `area_page_viewer`, kept: `fingerprint` must cover the areas and
    DECISION_TABLES."""

    def decide() -> tuple[LocalAreaPartnership, Any]:
        area = get_area_for(user, gss_code)
        return area, area_page_viewer(user, area)

    return _decided(user, ("area", gss_code), fingerprint, decide)


def has_break_glass(user: Any, inspection: Inspection) -> bool:
    return role_of(user) == Role.ADMIN and inspection.break_glass.current().filter(user=user).exists()


def may_see_working_papers(user: Any, inspection: Inspection) -> bool:
    """Evidence, revisions, the draft outcome and report, and the staff side of comments."""
    return (
        inspection.is_on_team(user)
        or role_of(user) == Role.PLANNER
        or has_break_glass(user, inspection)
    )


def may_see_person_level(user: Any, inspection: Inspection) -> bool:
    """Tracking-case lists and documents: the team, the area's partnership, break-glass."""
    return (
        inspection.is_on_team(user)
        or is_area_user(user, inspection.area_id)
        or has_break_glass(user, inspection)
    )


def may_read_report(user: Any, inspection: Inspection) -> bool:
    if inspection.state == State.PUBLISHED:
        return True
    if is_area_user(user, inspection.area_id):
        return inspection.state == State.FACTUAL_ACCURACY
    return may_see_working_papers(user, inspection)


def working_papers_of(user: Any, pk: int) -> Inspection:
    """The activity, when the user may see its working papers; a 404 otherwise."""
    inspection = get_inspection_for(user, pk)
    if not may_see_working_papers(user, inspection):
        raise Http404("No such inspection")
    return inspection


def person_level_of(user: Any, pk: int) -> Inspection:
    inspection = get_inspection_for(user, pk)
    if not may_see_person_level(user, inspection):
        raise Http404("No such inspection")
    return inspection


def can_see_national_overview(user: Any) -> bool:
    """The national programme view (what is due, overdue) is for planners and inspectors."""
    return is_staff_role(user)


def can_see_audit_log(user: Any) -> bool:
    return role_of(user) == Role.ADMIN


def can_see_inspections(user: Any) -> bool:
    return role_of(user) in STAFF_ROLES | {Role.LAP}


# --- May do ----------------------------------------------------------------------------------


def may_do(user: Any, inspection: Inspection, action: str) -> bool:
    """A state change, by the framework's table (does not check the current state)."""
    return inspection.may(user, action)


def may_notify(user: Any) -> bool:
    return is_planner(user)


def may_manage_team(user: Any, inspection: Inspection) -> bool:
    return is_planner(user) or inspection.is_lead(user)


def may_write_evidence(user: Any, inspection: Inspection) -> bool:
    return inspection.is_on_team(user)


def may_lead(user: Any, inspection: Inspection) -> bool:
    """The outcome, recommendations, answers to comments: the lead inspector's."""
    return inspection.is_lead(user)


def may_comment_on_accuracy(user: Any, inspection: Inspection) -> bool:
    return is_area_user(user, inspection.area_id)


def grant_break_glass(inspection: Inspection, *, by: Any, reason: str, request: Any = None) -> BreakGlass:
    """An administrator's time-limited access to one activity's working papers. The reason stays
    on the break-glass row; the audit row names the row, not the words."""
    require(role_of(by) == Role.ADMIN, "Only administrators can use break-glass access")
    if not reason.strip():
        raise ValueError("Give the reason you need access")
    grant = BreakGlass.objects.create(
        inspection=inspection, user=by, reason=reason.strip()[:500],
        expires=timezone.now() + timedelta(hours=BreakGlass.DURATION_HOURS),
    )
    audit.record(by, AuditAction.CREATE, grant, request=request, area_code=inspection.area.gss_code,
                 inspection=inspection.pk)
    return grant


# --- After publication: plans, monitoring findings, engagement meetings (issue 9) -----------


def followup_areas_visible_to(user: Any) -> QuerySet[LocalAreaPartnership]:
    """An area's follow-up (plans, meeting records): inspectorate staff, bar an inspector's
    declared conflicts; the area's own partnership; a government adviser for the areas they
    support; nobody else (meeting records are never public)."""
    areas = LocalAreaPartnership.objects.all()
    role = role_of(user)
    if role in STAFF_ROLES:
        return areas.exclude(pk__in=conflicted_area_ids(user))
    if role == Role.LAP:
        return areas.filter(pk=user.area_id)
    if role == Role.ADVISER:
        return user.supported_areas.all()
    return areas.none()


def get_followup_area_for(user: Any, gss_code: str) -> LocalAreaPartnership:
    try:
        return followup_areas_visible_to(user).get(gss_code=gss_code)
    except LocalAreaPartnership.DoesNotExist:
        raise Http404("No such local area partnership") from None


def may_submit_plan(user: Any, area: LocalAreaPartnership) -> bool:
    """Plans are the partnership's: its own users submit and record them."""
    return is_area_user(user, area.pk)


def may_review_pap(user: Any, area: LocalAreaPartnership, government_review: bool) -> bool:
    """Feedback on a priority action plan: Ofsted and CQC (programme planners act for them)
    before July 2025; after, only a government adviser who supports the area (¶149)."""
    if government_review:
        return role_of(user) == Role.ADVISER and user.supported_areas.filter(pk=area.pk).exists()
    return is_planner(user)


def may_record_meeting(user: Any, meeting: Inspection) -> bool:
    """The record of an engagement meeting: the inspectors at it (its team) and planners."""
    return meeting.is_on_team(user) or is_planner(user)


def meetings_visible_to(user: Any, area: LocalAreaPartnership) -> InspectionQuerySet:
    """An area's engagement meetings and their records (never public): staff and the partnership
    as for any live activity; a government adviser who supports the area, the meetings held."""
    if role_of(user) == Role.ADVISER:
        if not user.supported_areas.filter(pk=area.pk).exists():
            return Inspection.objects.none()
        return Inspection.objects.filter(area=area, kind="engagement meeting", state=State.HELD)
    return inspections_visible_to(user).filter(area=area, kind="engagement meeting")


def followup_links(user: Any) -> list[tuple[str, str]]:
    """The header link to follow-up: every area's plans for staff and advisers, the area's own
    follow-up for its partnership."""
    from django.urls import reverse

    if is_staff_role(user) or role_of(user) == Role.ADVISER:
        return [("Plans after inspection", reverse("followup:overview"))]
    if role_of(user) == Role.LAP and user.area_id:
        return [("After the inspection", reverse("followup:area", args=[user.area.gss_code]))]
    return []


def themes_visible_to(user: Any) -> QuerySet[Any]:
    """National thematic reviews: staff see every one; everyone else those whose national report
    is published."""
    from areasend.followup.models import NationalTheme

    themes = NationalTheme.objects.all()
    return themes if is_staff_role(user) else themes.filter(report_published_on__isnull=False)


# --- Person-level data returns (issue 10) ------------------------------------------------------


def may_upload_data_return(user: Any, inspection: Inspection) -> bool:
    """The partnership sends its own return."""
    return is_area_user(user, inspection.area_id)


def may_use_data_return(user: Any, inspection: Inspection) -> bool:
    """Turning a return into the case list: the team or the partnership, never break-glass."""
    return inspection.is_on_team(user) or is_area_user(user, inspection.area_id)


# --- Surveys (issue 11) ------------------------------------------------------------------------
# Answering needs no account (an unguessable link per survey). Results per question and the
# free-text comments are working papers; the plain-English summary is for the team and planners,
# the area's partnership once the survey window has closed, and everyone once the report is out.


def may_open_surveys(user: Any, inspection: Inspection) -> bool:
    return inspection.is_lead(user) or is_planner(user)


def survey_results_of(user: Any, pk: int) -> Inspection:
    return working_papers_of(user, pk)


def may_read_survey_summary(user: Any, inspection: Inspection, *, window_closed: bool) -> bool:
    if inspection.state == State.PUBLISHED or may_see_working_papers(user, inspection):
        return True
    return window_closed and is_area_user(user, inspection.area_id)


# --- The national programme (issue 12) ----------------------------------------------------------


def may_plan_programme(user: Any) -> bool:
    """Solving, reading and confirming the national programme: planners and administrators."""
    return is_planner(user)


# --- Published reports (issue 13) ------------------------------------------------------------
# The embargo: a report exists, for every role alike, once its inspection is published, and for
# nobody before (the draft is the team's and the partnership's, at inspections:report). What is
# published is public, so a partnership user may read another area's report as anyone could.


def published_reports() -> InspectionQuerySet:
    from areasend.reports.content import REPORT_KINDS

    return (Inspection.objects.published().filter(kind__in=REPORT_KINDS)
            .select_related("area", "activity", "easy_read"))


def get_published_report(pk: int) -> Inspection:
    try:
        return published_reports().get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404("No published report") from None


def published_history() -> QuerySet[Activity]:
    """Every published activity of both frameworks with a report: imported rows link to Ofsted's."""
    from areasend.framework.activities import ActivityType

    no_report = [ActivityType.ENGAGEMENT_MEETING, ActivityType.THEMATIC_VISIT]
    return Activity.objects.published().exclude(kind__in=no_report).prefetch_related("areas")


# --- Easy-read summaries of reports (issue 13, item 5) ----------------------------------------
# Need-to-know: only the inspection's lead inspector writes it, at any stage; everyone reads it
# once the report is published (through get_published_report), and nobody before.


def may_edit_easy_read(user: Any, inspection: Inspection) -> bool:
    from areasend.reports.content import REPORT_KINDS

    return inspection.kind in REPORT_KINDS and inspection.is_lead(user)


def easy_read_to_edit(user: Any, pk: int) -> Inspection:
    """The inspection whose summary this user may write; a 404 for anyone else."""
    inspection = get_inspection_for(user, pk)
    if not may_edit_easy_read(user, inspection):
        raise Http404("No such inspection")
    return inspection
