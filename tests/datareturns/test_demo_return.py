"""The demo gives its live inspections a synthetic return of realistic size, with indicators."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from areasend.datareturns.models import DataReturn

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_live_inspections_have_a_synthetic_return() -> None:
    call_command("demo", stdout=StringIO())
    stored = DataReturn.objects.select_related("inspection")
    assert stored.exists()
    for data_return in stored:
        assert data_return.inspection.synthetic
        assert (data_return.rows, data_return.error_count) == (5_000, 12)
        assert data_return.indicators["final_plan_within_20_weeks"]["denominator"] > 1_000
    count = stored.count()
    call_command("demo", stdout=StringIO())  # idempotent
    assert DataReturn.objects.count() == count
