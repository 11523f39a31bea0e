from datetime import date
from typing import Any

import pytest

from areasend.areas.models import LocalAreaPartnership
from areasend.inspections import workflow

NOTIFIED = date(2026, 9, 7)  # a working Monday


@pytest.fixture
def cqc_lead(make_user: Any) -> Any:
    return make_user("cara-cqc", "inspector", inspectorate="cqc")


@pytest.fixture
def inspection(cast: dict[str, Any], cqc_lead: Any) -> Any:
    """A notified inspection of area A (Bedford) with the cast's inspector as Ofsted lead."""
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    inspection = workflow.notify(confirmed=True, area=area, notified_on=NOTIFIED, officer_name="Nora Officer",
                                 officer_email="nora@bedford.example", by=cast["planner"])
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    workflow.add_team_member(inspection, inspector=cqc_lead, role="cqc_lead", remit="health", by=cast["planner"])
    return inspection


def advance_to_evaluating(inspection: Any, lead: Any) -> None:
    workflow.start_fieldwork(inspection, by=lead)
    workflow.start_evaluating(inspection, by=lead)


def complete_outcome(inspection: Any, lead: Any, outcome: int = 2) -> None:
    from areasend.inspections import evidence

    workflow.record_outcome(inspection, outcome=outcome, experience="Children wait too long.\n\nSome do well.",
                            effective="Early help is strong.", improve="Plans are late.", by=lead)
    la = inspection.area.partners.get(kind="la")
    evidence.add_recommendation(inspection, by=lead, kind="improvement", text="Issue EHC plans on time.",
                                partner_ids=[la.pk], whole_partnership=False, themes=["ehc-plans"])
    if outcome == 3:
        evidence.add_recommendation(inspection, by=lead, kind="priority_action", text="Cut waiting times.",
                                    partner_ids=[], whole_partnership=True, themes=["health-waiting-times"])
