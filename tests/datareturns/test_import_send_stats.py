"""`areasend import_send_stats`: the DfE's per-LA figures, set beside a return's indicators."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from areasend.datareturns import published, returns, synthetic
from areasend.datareturns.models import PublishedFigure
from tests.conftest import SHARED

from .conftest import upload

pytestmark = pytest.mark.django_db
SEND_STATS = SHARED / "send_stats"
needs_stats = pytest.mark.skipif(not SEND_STATS.is_dir(), reason="no shared send_stats")


@needs_stats
def test_import_is_idempotent_and_matches_the_published_percentage() -> None:
    out = StringIO()
    call_command("import_send_stats", str(SEND_STATS), stdout=out)
    count = PublishedFigure.objects.count()
    assert count > 2_000 and "figures added" in out.getvalue()
    call_command("import_send_stats", str(SEND_STATS), stdout=StringIO())
    assert PublishedFigure.objects.count() == count
    bedford = PublishedFigure.objects.get(area_code="E06000055", year=2024, measure="final_plan_within_20_weeks")
    assert (bedford.numerator, bedford.denominator, bedford.percent) == (259, 349, 74.2)  # DfE: 74.2
    six = PublishedFigure.objects.get(area_code="E06000055", year=2024, measure="decision_within_6_weeks")
    assert (six.numerator, six.denominator) == (496, 524)
    assert published.beside("E06000055", 2026)["final_plan_within_20_weeks"].year == 2024


def test_a_missing_folder_is_refused(tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="missing"):
        call_command("import_send_stats", str(tmp_path))


@needs_stats
def test_page_sets_the_published_figure_beside_the_indicator(inspection: Any, cast: dict[str, Any],
                                                             client_for: Callable[[str], Any]) -> None:
    call_command("import_send_stats", str(SEND_STATS), stdout=StringIO())
    data = synthetic.csv_bytes(50, as_at=timezone.localdate(), seed=2)
    returns.upload_return(inspection, upload("r.csv", data), by=cast["lap_a"])
    html = client_for("lap_a").get(reverse("cases:return", args=[inspection.pk])).content.decode()
    assert "74.2% (259 of 349, 2024)" in html
