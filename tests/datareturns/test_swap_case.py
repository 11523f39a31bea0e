"""Inspectors swap a proposed case for another child before the family agrees."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from areasend.datareturns import services
from areasend.datareturns.models import CaseListEntry, TrackingCase
from areasend.inspections.models import WorkflowError

pytestmark = pytest.mark.django_db


def unselected(inspection: Any) -> CaseListEntry:
    return CaseListEntry.objects.for_inspection(inspection).exclude(tracking_cases__isnull=False).first()


def test_inspector_swaps_a_proposed_case(inspection: Any, cases: Any, cast: dict[str, Any]) -> None:
    old, entry = cases[1], unselected(inspection)
    new = services.swap_case(old, entry, by=cast["inspector"])
    old.refresh_from_db()
    assert old.replaced_by == new and new.entry == entry and new.consent == "proposed"
    assert TrackingCase.objects.for_inspection(inspection).current().count() == 6


def test_an_agreed_case_cannot_be_swapped(inspection: Any, agreed_case: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="has agreed"):
        services.swap_case(agreed_case, unselected(inspection), by=cast["inspector"])


def test_a_selected_entry_cannot_be_swapped_in(inspection: Any, cases: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="already been selected"):
        services.swap_case(cases[0], cases[1].entry, by=cast["inspector"])


def test_a_replaced_case_cannot_be_swapped_again(inspection: Any, cases: Any, cast: dict[str, Any]) -> None:
    services.record_consent(cases[0], "declined", by=cast["lap_a"], on=date(2026, 9, 9))
    with pytest.raises(WorkflowError, match="has been replaced"):
        services.swap_case(cases[0], unselected(inspection), by=cast["inspector"])


@pytest.mark.parametrize("who", ["lap_a", "planner"])
def test_only_the_team_may_swap(inspection: Any, cases: Any, cast: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.swap_case(cases[0], unselected(inspection), by=cast[who])


def test_swap_page_swaps_by_reference(inspection: Any, cases: Any, client_for: Any) -> None:
    entry = unselected(inspection)
    case = cases[2]
    response = client_for("inspector").post(reverse("cases:swap", args=[inspection.pk, case.pk]),
                                            {f"swap-{case.pk}-reference": entry.reference})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.replaced_by is not None and case.replaced_by.entry == entry


def test_swap_page_names_an_unknown_reference(inspection: Any, cases: Any, client_for: Any) -> None:
    case = cases[2]
    response = client_for("inspector").post(reverse("cases:swap", args=[inspection.pk, case.pk]),
                                            {f"swap-{case.pk}-reference": "NOPE-1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#swap-{case.pk}-reference"' in page and "&#x27;NOPE-1&#x27; is not on the case list" in page
    assert not TrackingCase.objects.filter(replaced_by__isnull=False).exists()
