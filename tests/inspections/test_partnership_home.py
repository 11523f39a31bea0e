"""A partnership user's home page shows their area's live activity and their tasks."""

from typing import Any

import pytest

from areasend.inspections import workflow

pytestmark = pytest.mark.django_db


def test_the_partnership_sees_its_live_inspection_and_tasks_on_its_home_page(inspection: Any, client_for: Any):
    page = client_for("lap_a").get("/").content.decode()
    assert "Full inspection of Bedford" in page
    assert "Upload the list of children and young people for tracking" in page
    assert f"/inspections/{inspection.pk}/" in page


def test_another_area_and_the_public_see_no_live_inspection(inspection: Any, client_for: Any):
    for who in ("lap_b", "public", "anonymous"):
        assert "Full inspection of Bedford" not in client_for(who).get("/").content.decode()


def test_a_withdrawn_inspection_leaves_the_home_page(inspection: Any, client_for: Any, cast: Any):
    workflow.withdraw(inspection, reason="Merged", by=cast["planner"])
    assert "Full inspection of Bedford" not in client_for("lap_a").get("/").content.decode()
