"""Inspectors select the cases to track, reproducibly from a seed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.models import CaseListEntry, TrackingCase
from areasend.inspections.models import WorkflowError

pytestmark = pytest.mark.django_db


def selected(inspection: Any) -> list[str]:
    return sorted(TrackingCase.objects.for_inspection(inspection).values_list("entry__reference", flat=True))


def test_inspector_selects_six_cases_with_one_in_alternative_provision(
    inspection: Any, case_list: Any, cast: dict[str, Any]
) -> None:
    cases = services.select_cases(inspection, by=cast["inspector"], seed=42)
    assert len(cases) == inspection.version.tracking_cases == 6
    assert any(c.entry.in_ap for c in cases)
    assert {c.entry.provision for c in cases} == {"ehc_plan", "sen_support"}
    assert len({c.entry.age_band for c in cases}) == 5  # every age band on the list
    assert all(c.seed == 42 and c.consent == "proposed" and c.selected_by == cast["inspector"] for c in cases)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="inspections.Inspection", data__seed=42)
    assert sorted(event.data["tracking_cases"]) == sorted(c.pk for c in cases)


def test_the_same_seed_selects_the_same_cases(inspection: Any, case_list: Any, cast: dict[str, Any]) -> None:
    services.select_cases(inspection, by=cast["inspector"], seed=2026)
    first = selected(inspection)
    TrackingCase.objects.all().delete()
    services.select_cases(inspection, by=cast["inspector"], seed=2026)
    assert selected(inspection) == first


def test_a_seed_is_drawn_and_kept_when_none_is_given(inspection: Any, case_list: Any, cast: dict[str, Any]) -> None:
    cases = services.select_cases(inspection, by=cast["inspector"])
    assert len({c.seed for c in cases}) == 1


def test_cases_are_selected_once(inspection: Any, cases: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="already been selected"):
        services.select_cases(inspection, by=cast["inspector"], seed=1)


def test_no_selection_without_a_case_list(inspection: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="not uploaded a case list"):
        services.select_cases(inspection, by=cast["inspector"], seed=1)


def test_a_short_list_is_selected_whole(inspection: Any, cast: dict[str, Any]) -> None:
    services.add_entry(inspection, by=cast["lap_a"], reference="ONLY-1", age_band="0-4", need="HI",
                       provision="ehc_plan", setting="early_years", in_alternative_provision="no")
    assert len(services.select_cases(inspection, by=cast["inspector"], seed=1)) == 1


@pytest.mark.parametrize("who", ["planner", "admin", "lap_a"])
def test_only_the_team_may_select(inspection: Any, case_list: Any, cast: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.select_cases(inspection, by=cast[who], seed=1)


def test_select_page_selects_with_the_given_seed(inspection: Any, case_list: Any, client_for: Any) -> None:
    response = client_for("inspector").post(reverse("cases:select", args=[inspection.pk]), {"seed": "42"},
                                            follow=True)
    assert "6 cases selected with seed 42" in response.content.decode()
    assert TrackingCase.objects.filter(seed=42).count() == 6


def test_select_page_rejects_a_bad_seed(inspection: Any, case_list: Any, client_for: Any) -> None:
    response = client_for("inspector").post(reverse("cases:select", args=[inspection.pk]), {"seed": "abc"})
    assert response.status_code == 400
    assert 'href="#id_seed"' in response.content.decode()
    assert not TrackingCase.objects.exists()


def test_select_page_without_a_list_is_a_400(inspection: Any, client_for: Any) -> None:
    response = client_for("inspector").post(reverse("cases:select", args=[inspection.pk]), {})
    assert response.status_code == 400
    assert "not uploaded a case list" in response.content.decode()


def test_lap_user_may_not_select(inspection: Any, case_list: Any, client_for: Any) -> None:
    assert client_for("lap_a").post(reverse("cases:select", args=[inspection.pk]), {}).status_code == 403
    assert CaseListEntry.objects.count() == 12 and not TrackingCase.objects.exists()
