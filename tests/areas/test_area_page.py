import pytest

from tests.conftest import AREA_A, AREA_B, needs_shared

pytestmark = pytest.mark.django_db


def test_area_page_shows_partners_due_and_reason(client_for):
    page = client_for("anonymous").get(f"/areas/{AREA_A}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bedford local area partnership" in text
    assert "Integrated care board" in text
    assert "Bedford Council" in text
    assert "What is due next" in text and "Why:" in text


@needs_shared
def test_area_page_timeline_covers_both_frameworks_with_report_links(client_for):
    text = client_for("anonymous").get(f"/areas/{AREA_B}/").content.decode()
    assert "(2016 framework)" in text and "(2023 framework)" in text
    assert "Outcome 3: Widespread and/or systemic failings" in text
    assert "Read the published report" in text


@needs_shared
def test_successor_area_shows_its_predecessors_history(client_for):
    text = client_for("anonymous").get("/areas/E06000063/").content.decode()  # Cumberland
    assert "as Cumbria" in text
    assert "History includes" in text


def test_lap_user_sees_own_area_and_404_for_another(client_for):
    lap = client_for("lap_a")
    assert lap.get(f"/areas/{AREA_A}/").status_code == 200
    assert lap.get(f"/areas/{AREA_B}/").status_code == 404
    listing = lap.get("/areas/").content.decode()
    assert "Bedford" in listing and "Bury" not in listing


def test_unknown_area_is_404(client_for):
    assert client_for("planner").get("/areas/E99999999/").status_code == 404


def test_area_list_has_all_areas_for_the_public(client_for):
    text = client_for("anonymous").get("/areas/").content.decode()
    assert "153 partnerships" in text
