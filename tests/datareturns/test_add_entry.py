"""Adding one child or young person to the case list by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.caselist import CaseListInvalid
from areasend.datareturns.models import CaseListEntry

pytestmark = pytest.mark.django_db

GOOD = {"reference": "BED-100", "age_band": "11-15", "need": "SEMH", "provision": "sen_support",
        "setting": "mainstream_school", "in_alternative_provision": "yes"}


def test_lap_user_adds_an_entry(inspection: Any, cast: dict[str, Any]) -> None:
    entry = services.add_entry(inspection, by=cast["lap_a"], **GOOD)
    assert entry.in_alternative_provision is True and entry.in_ap
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="datareturns.CaseListEntry",
                                     object_id=str(entry.pk)).exists()


def test_a_duplicate_reference_is_refused(inspection: Any, cast: dict[str, Any]) -> None:
    services.add_entry(inspection, by=cast["lap_a"], **GOOD)
    with pytest.raises(CaseListInvalid, match="reference: 'BED-100' is already on the case list"):
        services.add_entry(inspection, by=cast["lap_a"], **GOOD)


def test_the_same_reference_may_be_used_by_another_inspection(inspection: Any, cast: dict[str, Any]) -> None:
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import workflow

    from .conftest import NOTIFIED

    bury = LocalAreaPartnership.objects.get(gss_code="E08000002")
    other = workflow.notify(area=bury, notified_on=NOTIFIED, officer_name="O", officer_email="o@bury.example",
                            by=cast["planner"], confirmed=True)
    services.add_entry(inspection, by=cast["lap_a"], **GOOD)
    services.add_entry(other, by=cast["lap_b"], **GOOD)
    assert CaseListEntry.objects.filter(reference="BED-100").count() == 2


@pytest.mark.parametrize("who", ["inspector", "lap_b", "admin"])
def test_only_the_areas_users_may_add(inspection: Any, cast: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.add_entry(inspection, by=cast[who], **GOOD)


def test_add_entry_page_adds_and_redirects(inspection: Any, client_for: Any) -> None:
    response = client_for("lap_a").post(reverse("cases:add-entry", args=[inspection.pk]), GOOD)
    assert response.status_code == 302
    assert CaseListEntry.objects.filter(reference="BED-100").exists()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"reference": "Jane Smith"}, "id_reference", "must be up to 20 letters, digits or hyphens"),
    ({"age_band": "12-15"}, "id_age_band", "Select a valid choice"),
    ({"need": ""}, "id_need", "Select the primary need"),
])
def test_add_entry_page_names_the_bad_field(
    inspection: Any, client_for: Any, change: dict[str, str], field: str, message: str
) -> None:
    response = client_for("lap_a").post(reverse("cases:add-entry", args=[inspection.pk]), {**GOOD, **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#{field}"' in page and message in page
    assert not CaseListEntry.objects.exists()
