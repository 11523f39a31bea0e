"""The published report page: the official structure, numbered paragraphs, the embargo."""

import re

import pytest

from areasend.framework.outcomes import Outcome
from tests.reports.conftest import to_factual_accuracy

pytestmark = pytest.mark.django_db

FULL_HEADINGS = [
    "Inspection outcome",
    "Information about the local area partnership",
    "What is it like to be a child or young person with SEND in this area?",
    "What is the area partnership doing that is effective?",
    "What does the area partnership need to do better?",
    "Areas for priority action",
    "Areas for improvement",
    "Local area partnership details",
    "Information about this inspection",
]


def h2s(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]


def test_an_outcome_3_report_has_the_official_headings_in_order(publish, client):
    inspection = publish(3)
    html = client.get(f"/reports/{inspection.pk}/").content.decode()
    found = [h for h in h2s(html) if h in FULL_HEADINGS]
    assert found == FULL_HEADINGS
    assert "Area SEND inspection of Bedford Local Area Partnership" in html
    assert Outcome.SYSTEMIC_FAILINGS.statement in html
    assert "What this means:" in html


def test_an_outcome_2_report_has_no_priority_actions_section(publish, client):
    html = client.get(f"/reports/{publish(2).pk}/").content.decode()
    assert "Areas for priority action" not in h2s(html)
    assert "Areas for improvement" in h2s(html)


def test_paragraphs_are_numbered_as_in_the_draft_and_recommendations_name_their_addressees(publish, client):
    inspection = publish(2)
    html = client.get(f"/reports/{inspection.pk}/").content.decode()
    # experience has two paragraphs (1, 2), then effective (3), improve (4), the recommendation (5)
    assert re.search(r'id="paragraph-2"><span class="app-number">2\.</span> Some do well\.', html)
    assert re.search(r'id="paragraph-4"><span class="app-number">4\.</span> Plans are late\.', html)
    assert "Bedford" in re.search(r'id="paragraph-5">(.*?)</tr>', html, re.S).group(1)
    assert "Issue EHC plans on time." in html


def test_numbers_follow_reading_order_priority_actions_before_improvements(publish, client):
    html = client.get(f"/reports/{publish(3).pk}/").content.decode()
    # experience 1-2, effective 3, improve 4, then the priority action (5) before the improvement (6)
    assert html.index('id="paragraph-5"') < html.index('id="paragraph-6"')
    assert "Cut waiting times." in re.search(r'id="paragraph-5">(.*?)</tr>', html, re.S).group(1)
    assert "Issue EHC plans on time." in re.search(r'id="paragraph-6">(.*?)</tr>', html, re.S).group(1)
    details = html[html.index("Local area partnership details"):]
    assert details.index("Local authority") < details.index("Integrated care board")


def test_the_team_is_listed_by_organisation_and_role(publish, client):
    html = client.get(f"/reports/{publish(1).pk}/").content.decode()
    assert "Ivy Inspector" in html and "Lead inspector (Ofsted HMI)" in html
    assert "Care Quality Commission" in html and "section 20(1)(a) of the Children Act 2004" in html


def test_nothing_before_publication_reaches_any_report_url(cast, inspection, client_for):
    to_factual_accuracy(inspection, cast["inspector"], 3)
    for role in ["anonymous", "lap_a", "inspector", "planner", "admin"]:
        for suffix in ["", "report.pdf", "card/", "card.pdf"]:
            response = client_for(role).get(f"/reports/{inspection.pk}/{suffix}")
            assert response.status_code == 404, (role, suffix)


def test_an_unknown_report_is_a_404(client):
    assert client.get("/reports/999999/").status_code == 404
    assert client.get("/reports/999999/report.pdf").status_code == 404


def test_a_demo_report_is_tagged_demo(publish, client):
    inspection = publish(1)
    inspection.synthetic = True
    inspection.save()
    html = client.get(f"/reports/{inspection.pk}/").content.decode()
    assert "govuk-tag--purple" in html and "Made up for the demo" in html


def test_the_area_page_links_to_the_published_report(publish, client):
    inspection = publish(2)
    html = client.get("/areas/E06000055/").content.decode()
    assert f'href="/reports/{inspection.pk}/"' in html
    assert "/reports/?area=E06000055" in html


def test_the_report_page_takes_a_bounded_number_of_queries(publish, client, django_assert_max_num_queries):
    inspection = publish(3)
    with django_assert_max_num_queries(8):
        assert client.get(f"/reports/{inspection.pk}/").status_code == 200


def test_the_api_gives_the_report_url_of_an_inspection_published_here(publish, client):
    inspection = publish(2)
    rows = client.get("/api/v1/areas/E06000055/activities/").json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    ours = next(r for r in rows if r["id"] == inspection.activity_id)
    assert ours["report_url"] == f"http://testserver/reports/{inspection.pk}/"


def test_a_partnership_user_reads_another_areas_report_without_a_link_to_its_area_page(publish, client_for):
    inspection = publish(2)
    html = client_for("lap_b").get(f"/reports/{inspection.pk}/").content.decode()
    assert f'href="/areas/{inspection.area.gss_code}/"' not in html
    own = client_for("lap_a").get(f"/reports/{inspection.pk}/").content.decode()
    assert f'href="/areas/{inspection.area.gss_code}/"' in own
