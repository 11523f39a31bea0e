"""The report card: one page, the outcome in plain words, the eight themes, what happens next."""

import io
import re
from datetime import date

import pypdf
import pytest

from areasend.areas.models import LocalAreaPartnership
from areasend.followup.monitoring import FindingInput, record_findings
from areasend.framework.activities import ActivityType
from areasend.framework.criteria import Theme
from areasend.inspections import workflow
from areasend.inspections.lifecycle import transition
from areasend.reports import hooks
from tests.reports.conftest import to_factual_accuracy

pytestmark = pytest.mark.django_db


def test_the_card_shows_the_outcome_themes_and_next_steps(publish, client):
    inspection = publish(3)
    html = client.get(f"/reports/{inspection.pk}/card/").content.decode()
    assert "Outcome 3 of 3" in html and "unofficial summary" in html
    rows = re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th><td class="govuk-table__cell">(.*?)</td>',
                      html)
    assert len(rows) == len(Theme)
    statuses = {title: re.sub(r"<[^>]+>", "", status) for title, status in rows}
    assert statuses[Theme.HEALTH_WAITING_TIMES.title] == "Area for priority action"
    assert statuses[Theme.EHC_PLANS.title] == "Area for improvement"
    assert statuses[Theme.EARLY_HELP.title] == "No recommendation"
    assert rows[0][0] == Theme.HEALTH_WAITING_TIMES.title  # most serious first
    assert "priority action plan, usually by" in html and "A monitoring inspection" in html


def test_the_card_prints_on_one_a4_page(publish, client):
    response = client.get(f"/reports/{publish(3).pk}/card.pdf")
    reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def _full_outcome_3(cast, cqc_lead, area) -> None:
    full = workflow.notify(confirmed=True, area=area, notified_on=date(2025, 1, 13), officer_name="Nora",
                           officer_email="nora@bedford.example", by=cast["planner"])
    lead = cast["inspector"]
    workflow.add_team_member(full, inspector=lead, role="ofsted_lead", remit="education", by=cast["planner"])
    workflow.add_team_member(full, inspector=cqc_lead, role="cqc_lead", remit="health", by=cast["planner"])
    to_factual_accuracy(full, lead, 3)
    workflow.confirm_no_further_comments(full, by=cast["lap_a"])
    workflow.publish(full, by=lead, published_on=date(2025, 4, 1))


def test_a_monitoring_letter_has_its_own_headings_and_no_card(cast, cqc_lead, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    _full_outcome_3(cast, cqc_lead, area)
    monitoring = workflow.notify(confirmed=True, area=area, notified_on=date(2025, 9, 29), officer_name="Nora",
                                 officer_email="nora@bedford.example", by=cast["planner"],
                                 kind=ActivityType.MONITORING_INSPECTION)
    lead = cast["inspector"]
    workflow.add_team_member(monitoring, inspector=lead, role="ofsted_lead", remit="education", by=cast["planner"])
    workflow.add_team_member(monitoring, inspector=cqc_lead, role="cqc_lead", remit="health", by=cast["planner"])
    for action in ["start-fieldwork", "start-evaluating"]:
        transition(monitoring, action, by=lead)
    record_findings(monitoring, rows=[FindingInput("Cut waiting times.", "effective action")], by=lead)
    for action in ["draft-report", "send-for-accuracy"]:
        transition(monitoring, action, by=lead)
    workflow.publish(monitoring, by=lead, published_on=date(2025, 11, 10))
    html = client.get(f"/reports/{monitoring.pk}/").content.decode()
    assert "Area SEND monitoring inspection of Bedford" in html
    assert "Monitoring inspection outcome" in html and "Progress on the areas for priority action" in html
    assert "Report card" not in html
    followed = html[html.index("Areas for priority action from the full inspection"):]
    assert "Cut waiting times." in followed[:followed.index("</ol>")]
    assert client.get(f"/reports/{monitoring.pk}/card/").status_code == 404
    assert client.get(f"/reports/{monitoring.pk}/card.pdf").status_code == 404


def test_a_registered_survey_summary_appears_in_the_report_and_the_card(publish, client, monkeypatch, tmp_path,
                                                                       settings):
    template_dir = tmp_path / "templates"
    (template_dir / "hook_test").mkdir(parents=True)
    (template_dir / "hook_test" / "summary.html").write_text("<p>{{ summary.families }} families answered.</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    inspection = publish(2)
    monkeypatch.setattr(hooks, "survey_summary_providers", [
        lambda i: hooks.SurveySummary("hook_test/summary.html", {"families": 212}) if i.pk == inspection.pk else None])
    for url in [f"/reports/{inspection.pk}/", f"/reports/{inspection.pk}/card/"]:
        html = client.get(url).content.decode()
        assert "What children, young people and families told us" in html
        assert "212 families answered." in html


def test_without_a_survey_provider_there_is_no_survey_section(publish, client):
    html = client.get(f"/reports/{publish(2).pk}/").content.decode()
    assert "families told us" not in html


def test_a_card_with_many_long_recommendations_still_prints_on_one_page(cast, inspection, client, settings,
                                                                      tmp_path):
    from areasend.inspections import evidence
    from tests.inspections.conftest import advance_to_evaluating, complete_outcome

    settings.MEDIA_ROOT = tmp_path
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead, 3)
    long_text = "Leaders across the partnership should urgently improve the support families receive. " * 8
    for kind in ["priority_action"] * 5 + ["improvement"] * 5:
        evidence.add_recommendation(inspection, by=lead, kind=kind, text=long_text, partner_ids=[],
                                    whole_partnership=True, themes=["early-help", "co-production"])
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)
    workflow.confirm_no_further_comments(inspection, by=cast["lap_a"])
    workflow.publish(inspection, by=lead)
    html = client.get(f"/reports/{inspection.pk}/card/").content.decode()
    assert "The full report has 9 more recommendations." in html
    response = client.get(f"/reports/{inspection.pk}/card.pdf")
    assert len(pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages) == 1
