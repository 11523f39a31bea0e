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


def _synthetic_outcome_3(code: str):
    from datetime import date

    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections.models import Activity

    area = LocalAreaPartnership.objects.get(gss_code=code)
    activity = Activity.objects.create(
        kind="full inspection", framework="2023", inspected_code=code, inspected_name=area.name,
        start_date=date(2026, 1, 12), end_date=date(2026, 1, 16), publication_date=date(2026, 3, 2),
        outcome=3, source_key=f"test-demo:{code}", synthetic=True)
    activity.areas.add(area)
    return activity


def test_demo_records_carry_a_demo_tag_and_do_not_change_what_is_due(client_for):
    before = client_for("anonymous").get(f"/areas/{AREA_A}/").content.decode()
    _synthetic_outcome_3(AREA_A)
    text = client_for("anonymous").get(f"/areas/{AREA_A}/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--purple">Demo</strong>' in text
    assert "Made up for the demo" in text
    due = lambda page: page[page.index('id="due"'):page.index("Partners</h2>")]  # noqa: E731
    assert due(text) == due(before)
    listing = client_for("anonymous").get("/areas/").content.decode()
    assert "govuk-tag--purple" in listing


@needs_shared
def test_nottinghamshire_page_explains_both_pending_activities_by_their_rules(client_for):
    text = client_for("anonymous").get("/areas/E10000024/").content.decode()
    due = text[text.index('id="due"'):text.index("Partners</h2>")]
    assert "Monitoring inspection</strong> due by <strong>16 November 2024" in due
    assert "Full inspection</strong> due by <strong>16 May 2026" in due
    assert "usually within 3 years of the final report (Tuesday 16 May 2023)" in due
    assert "Provisional" in due and "framework-spec §8" in due  # the engagement interval
    assert "Priority action plan: usually due by 5 July 2023, 35 working days after the final report" in due
    assert "one weak source says 35 to 50 working days" in due


@needs_shared
def test_dorset_shows_its_legacy_history_from_adcs_marked_with_its_source(client_for):
    from areasend.inspections.importers import import_file
    from tests.conftest import SHARED

    import_file("adcs-2016-2022", SHARED / "inspections" / "adcs_send_outcomes_summary_2016_2022_raw.csv")
    text = client_for("anonymous").get("/areas/E06000059/").content.decode()
    assert "Started 23 January 2017" in text and "Written statement of action required" in text
    assert "Started 4 February 2019" in text
    assert "Source: ADCS SEND outcomes summary" in text
    north = client_for("anonymous").get("/areas/E06000061/").content.decode()
    assert "Started 15 May 2017" in north and "No WSoA" in north


def test_the_cached_page_body_follows_the_viewer_and_the_records(client_for):
    """The body is cached per viewer class and state of the records: the public never gets the
    staff's body, and a new history record shows at once."""
    from datetime import date

    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections.models import Activity, Source

    url = f"/areas/{AREA_A}/"
    assert "After the inspection: plans" in client_for("planner").get(url).content.decode()
    assert "After the inspection: plans" not in client_for("public").get(url).content.decode()
    area = LocalAreaPartnership.objects.get(gss_code=AREA_A)
    record = Activity.objects.create(kind="engagement meeting", framework="2023", start_date=date(2026, 11, 2),
                                     source=Source.ACTIVITIES, inspected_code=AREA_A, inspected_name=area.name)
    record.areas.add(area)
    staff_page = client_for("planner").get(url).content.decode()
    assert "2 November 2026" in staff_page
    assert "2 November 2026" not in client_for("public").get(url).content.decode()  # never published
