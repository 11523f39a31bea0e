from collections.abc import Callable
from typing import Any

import pytest

from areasend.inspections import workflow
from areasend.inspections.models import Inspection
from tests.inspections.conftest import advance_to_evaluating, complete_outcome, cqc_lead, inspection

__all__ = ["cqc_lead", "inspection"]


def to_factual_accuracy(inspection: Inspection, lead: Any, outcome: int) -> Inspection:
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead, outcome)
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)
    return inspection


@pytest.fixture
def publish(cast: dict[str, Any], inspection: Inspection, settings: Any, tmp_path: Any) -> Callable[..., Inspection]:
    """Area A's (Bedford's) inspection taken to publication with the given outcome; the team's
    members have names, as published reports print them."""
    settings.MEDIA_ROOT = tmp_path
    lead = cast["inspector"]
    lead.first_name, lead.last_name = "Ivy", "Inspector"
    lead.save()

    def make(outcome: int = 2) -> Inspection:
        to_factual_accuracy(inspection, lead, outcome)
        workflow.confirm_no_further_comments(inspection, by=cast["lap_a"])
        workflow.publish(inspection, by=lead)
        return Inspection.objects.get(pk=inspection.pk)

    return make
