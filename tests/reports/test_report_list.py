"""Finding reports: the public list of every published report, its filters and their errors."""

from datetime import date

import pytest

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType
from areasend.inspections.models import Activity
from tests.reports.conftest import to_factual_accuracy

pytestmark = pytest.mark.django_db

OFSTED_URL = "https://reports.ofsted.gov.uk/provider/44/test-80431"
# The test database holds the real history too: the fixture's rows are dated so that one
# filter (2023 framework, published 2016, which no real row is) picks out exactly them.
MINE = "framework=2023&year=2016"
NO_REPORT = [ActivityType.ENGAGEMENT_MEETING, ActivityType.THEMATIC_VISIT]


def history(code: str, *, kind: str = "full inspection", framework: str = "2023", published: date | None,
            outcome: int | None = None, url: str = "", key: str) -> Activity:
    area = LocalAreaPartnership.objects.get(gss_code=code)
    activity = Activity.objects.create(
        kind=kind, framework=framework, inspected_code=code, inspected_name=area.name,
        start_date=date(2016, 6, 6), end_date=date(2016, 6, 10), publication_date=published, outcome=outcome,
        source="area-send-2023", source_key=key, report_url=url)
    activity.areas.add(area)
    return activity


@pytest.fixture
def imported() -> None:
    history("E06000009", published=date(2016, 7, 25), outcome=2, url=OFSTED_URL, key="blackpool")
    history("E08000002", published=date(2016, 5, 9), outcome=3, key="bury")  # no URL in the data
    history("E06000055", kind="engagement meeting", published=None, key="bedford-meeting")


def test_imported_reports_link_to_ofsted_and_ours_open_here(imported, publish, client):
    html = client.get(f"/reports/?{MINE}").content.decode()
    assert "2 reports</h2>" in html
    assert f'href="{OFSTED_URL}"' in html
    assert "Not linked in the data" in html  # Bury's row has no URL
    assert "Engagement meeting" not in html
    inspection = publish(2)
    html = client.get(f"/reports/?area=E06000055&year={inspection.published_on.year}").content.decode()
    assert f'href="/reports/{inspection.pk}/"' in html


@pytest.mark.parametrize(("query", "orm"), [
    ("area=E06000009", {"areas__gss_code": "E06000009"}),
    ("year=2024", {"publication_date__year": 2024}),
    ("outcome=3", {"outcome": 3}),
    ("framework=2016", {"framework": "2016"}),
    ("framework=2023&year=2024&outcome=2", {"framework": "2023", "publication_date__year": 2024, "outcome": 2}),
])
def test_the_filters_narrow_the_list(client, query, orm):
    expected = (Activity.objects.filter(publication_date__isnull=False, **orm).exclude(kind__in=NO_REPORT)
                .distinct().count())
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 200
    assert expected >= 1
    assert f"{expected} report{'s' if expected != 1 else ''}</h2>" in response.content.decode()


def test_the_fixture_filter_finds_only_the_fixture(imported, client):
    assert "1 report</h2>" in client.get(f"/reports/?{MINE}&outcome=3").content.decode()
@pytest.mark.parametrize(("query", "message"), [
    ("area=E99999999", "Choose an area from the list"),
    ("year=twenty", "Enter the year as a number"),
    ("year=1999", "Enter a year from 2016"),
    ("outcome=7", "Choose an outcome from the list"),
    ("framework=2019", "Choose a framework from the list"),
    ("page=-1", "The page must be 1 or more"),
])
def test_a_bad_filter_is_a_400_naming_it(client, query, message):
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html


def test_a_page_past_the_end_shows_the_last_page(imported, client):
    assert client.get("/reports/?page=99").status_code == 200


def test_the_list_marks_demo_reports(imported, client):
    assert "govuk-tag--purple" not in client.get(f"/reports/?{MINE}").content.decode()
    Activity.objects.filter(source_key="blackpool").update(synthetic=True)
    assert "govuk-tag--purple" in client.get(f"/reports/?{MINE}").content.decode()


def test_the_list_costs_the_same_few_queries_whatever_its_length(imported, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/reports/")
    assert response.content.decode().count("Read the report<") == 50  # a full first page


def test_an_embargoed_inspection_is_not_in_the_list(cast, inspection, client):
    to_factual_accuracy(inspection, cast["inspector"], 2)
    html = client.get("/reports/?area=E06000055").content.decode()
    assert f"/reports/{inspection.pk}/" not in html
    assert f"/reports/{inspection.pk}/" not in client.get("/areas/E06000055/").content.decode()
