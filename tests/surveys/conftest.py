"""A full inspection of area A (Bedford) notified on Monday 7 September 2026: its survey window
runs from that day to Monday 14 September (6 working days). Tests travel to a day in the window."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from areasend.areas.models import LocalAreaPartnership
from areasend.inspections import workflow
from areasend.surveys import services
from areasend.surveys.questions import Audience
from tests.conftest import AREA_A

NOTIFIED = date(2026, 9, 7)
IN_WINDOW = "2026-09-09 10:00 +0100"
LAST_DAY = date(2026, 9, 14)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """The flood counter and the cached blank forms live in the cache: no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def in_window() -> Any:
    with time_machine.travel(IN_WINDOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def inspection(cast: dict[str, Any], in_window: Any) -> Any:
    area = LocalAreaPartnership.objects.get(gss_code=AREA_A)
    inspection = workflow.notify(confirmed=True, area=area, notified_on=NOTIFIED, officer_name="Nora",
                                 officer_email="nora@bedford.example", by=cast["planner"])
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    return inspection


@pytest.fixture
def surveys(inspection: Any, cast: dict[str, Any]) -> dict[Audience, Any]:
    return {Audience(s.audience): s for s in services.open_surveys(inspection, by=cast["inspector"])}


PARENT_ANSWERS = {"q-needs-identified": "agree", "q-involved": "disagree", "q-right-help": "strongly-agree",
                  "q-next-steps": "dont-know", "q-included": "neither", "q-services": ["school", "health"],
                  "q-comments": "Waited <script>alert(1)</script> two years for speech therapy."}
