"""Area SEND thematic visits (spec §9): a planner adds the areas visited for a national theme,
the lead records findings tagged with the eight themes (no judgement, no letter), and the
national report collects them, naming an area only if it agreed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.framework.criteria import Theme
from areasend.inspections import workflow
from areasend.inspections.models import Inspection, State, WorkflowError

from .models import NationalTheme, ThematicFinding, ThematicVisit


@transaction.atomic
def add_visit(theme: NationalTheme, *, area: LocalAreaPartnership, notified_on: date, officer_name: str,
              officer_email: str, by: Any, named: bool = False, request: Any = None) -> ThematicVisit:
    theme = NationalTheme.objects.select_for_update().get(pk=theme.pk)
    if theme.report_published_on:
        raise WorkflowError(f"The national report on {theme.title.lower()} is already published")
    visit = workflow.notify(area=area, notified_on=notified_on, officer_name=officer_name,
                            officer_email=officer_email, by=by, request=request, synthetic=theme.synthetic,
                            kind=ActivityType.THEMATIC_VISIT)
    return ThematicVisit.objects.create(visit=visit, theme=theme, named=named)


@transaction.atomic
def add_finding(visit: ThematicVisit, *, text: str, themes: Sequence[str], by: Any,
                request: Any = None) -> ThematicFinding:
    inspection = Inspection.objects.select_for_update().select_related("area").get(pk=visit.visit_id)
    workflow.require_lead(inspection, by)
    workflow.require_state(inspection, State.FIELDWORK, State.EVALUATING)
    if not text.strip():
        raise WorkflowError("Enter the finding")
    if not themes or not set(themes) <= {t.value for t in Theme}:
        raise WorkflowError("Tag the finding with one or more of the eight themes")
    finding = ThematicFinding.objects.create(visit=visit, text=text.strip(), themes=list(themes))
    audit.record(by, AuditAction.CREATE, finding, request=request, area_code=inspection.area.gss_code,
                 theme=visit.theme_id)
    return finding


def report_problems(theme: NationalTheme) -> list[str]:
    visits = list(theme.visits.select_related("visit__area"))
    problems = [f"The visit to {v.visit.area.name} is not finished" for v in visits
                if v.visit.state not in (State.PUBLISHED, State.WITHDRAWN)]
    if not ThematicFinding.objects.filter(visit__theme=theme, visit__visit__state=State.PUBLISHED).exists():
        problems.append("No finding has been added to the national report yet")
    return problems


@transaction.atomic
def publish_report(theme: NationalTheme, *, summary: str, by: Any, on: date | None = None,
                   request: Any = None) -> NationalTheme:
    workflow.require_planner(by)
    locked = NationalTheme.objects.select_for_update().get(pk=theme.pk)
    if locked.report_published_on:
        raise WorkflowError(f"The national report was published on {locked.report_published_on:%-d %B %Y}")
    problems = report_problems(locked) + ([] if summary.strip() else ["Write the report's summary"])
    if problems:
        raise WorkflowError("; ".join(problems))
    locked.report_summary, locked.report_published_on = summary.strip(), on or timezone.localdate()
    locked.save()
    audit.record(by, AuditAction.UPDATE, locked, request=request, published=True)
    return locked


def findings_by_theme(theme: NationalTheme) -> list[tuple[str, list[ThematicFinding]]]:
    """The national report's body: the findings of finished visits under each of the eight themes."""
    findings = list(ThematicFinding.objects.filter(visit__theme=theme, visit__visit__state=State.PUBLISHED)
                    .select_related("visit__visit__area"))
    return [(t.title, [f for f in findings if t.value in f.themes]) for t in Theme
            if any(t.value in f.themes for f in findings)]
