"""Deleting survey responses a set time after the report: the answers (free text included) go,
the running totals stay, so the published summary still reads the same. Ofsted deletes its
thematic survey's responses 3 years after the national report [C] (next-capabilities §1.2); no
period is published for area SEND surveys [U], so we use the same."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from areasend.inspections.models import Inspection, State

from .models import Response

RETENTION_YEARS = 3


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def due_for_purge(today: date, years: int = RETENTION_YEARS) -> list[Inspection]:
    cutoff = _years_before(today, years)
    published = Inspection.objects.filter(state=State.PUBLISHED, published_on__lte=cutoff)
    return [i for i in published.select_related("area") if Response.objects.filter(survey__inspection=i).exists()]


@transaction.atomic
def purge(inspection: Inspection) -> int:
    deleted, _ = Response.objects.filter(survey__inspection=inspection).delete()
    return deleted
