"""The demo's national programme: a synthetic pool of 60 and a solved plan of the next 26 weeks,
both marked synthetic (they change no public figure). Running the demo again changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from areasend.framework.calendar import monday_of_week

from .models import Inspector, Plan
from .plans import save_plan, solve
from .pool import create_synthetic_pool

DEMO_POOL_SIZE = 60
DEMO_WEEKS = 26
DEMO_SECONDS = 5.0


def build_programme(planner: Any) -> Plan | None:
    if Plan.objects.filter(synthetic=True).exists():
        return None
    start = monday_of_week(timezone.localdate()) + timedelta(weeks=1)
    if not Inspector.objects.filter(synthetic=True, active=True).exists():
        create_synthetic_pool(DEMO_POOL_SIZE, 1, start)
    return save_plan(solve(start, DEMO_WEEKS, DEMO_SECONDS), by=planner, synthetic=True)
