"""Thematic visits: areas visited for a national theme (no judgement, no letter), findings tagged
with themes, one national report that names an area only if it agreed."""

from datetime import date

import pytest

from areasend.followup import thematic
from areasend.followup.models import NationalTheme
from areasend.inspections import workflow
from areasend.inspections.models import Activity, WorkflowError

from .conftest import BEDFORD, BURY

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    return NationalTheme.objects.create(title="Children not in school", year=2025,
                                        question="How well do partnerships support children with SEND not in school?")


def _visit(theme, area, cast, make_user, named=False, on=date(2026, 3, 2)):
    visit = thematic.add_visit(theme, area=area, notified_on=on, officer_name="Nora",
                               officer_email="nora@example.gov.uk", by=cast["planner"], named=named)
    workflow.add_team_member(visit.visit, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"], confirmed=True)
    workflow.add_team_member(visit.visit, inspector=make_user(f"cqc-{area.pk}", "inspector", inspectorate="cqc"),
                             role="cqc_lead", remit="health", by=cast["planner"])
    workflow.start_fieldwork(visit.visit, by=cast["inspector"])
    return visit


def test_national_report_collects_findings_and_names_only_agreeing_areas(theme, bedford, bury, cast, make_user,
                                                                       client):
    named = _visit(theme, bedford, cast, make_user, named=True)
    anonymous = _visit(theme, bury, cast, make_user, on=date(2026, 3, 9))
    thematic.add_finding(named, text="Part-time timetables are tracked weekly.", themes=["early-help"],
                         by=cast["inspector"])
    thematic.add_finding(anonymous, text="Elective home education is not linked to EHC reviews.",
                         themes=["ehc-plans", "data-sharing"], by=cast["inspector"])
    with pytest.raises(WorkflowError, match="Tag the finding"):
        thematic.add_finding(named, text="Untagged", themes=[], by=cast["inspector"])
    with pytest.raises(WorkflowError, match="is not finished"):
        thematic.publish_report(theme, summary="Summary.", by=cast["planner"])
    for visit in (named, anonymous):
        workflow.start_evaluating(visit.visit, by=cast["inspector"])
        workflow.publish(visit.visit, by=cast["inspector"])
    assert Activity.objects.get(inspection=named.visit).publication_date is None  # no letter of its own
    assert client.get(f"/follow-up/thematic/{theme.pk}/report/").status_code == 404  # not yet published
    thematic.publish_report(theme, summary="Most areas know where these children are.", by=cast["planner"])
    report = client.get(f"/follow-up/thematic/{theme.pk}/report/").content.decode()
    assert "Elective home education is not linked" in report and "Timeliness and/or quality of EHC plans" in report
    assert "Bedford" in report and "Bury" not in report
    assert client.get(f"/inspections/{anonymous.visit.pk}/").status_code == 404  # the visit stays private
    with pytest.raises(WorkflowError, match="The national report was published on"):
        thematic.publish_report(theme, summary="Again.", by=cast["planner"])
    with pytest.raises(WorkflowError, match="already published"):
        thematic.add_visit(theme, area=bury, notified_on=date(2026, 6, 1), officer_name="N",
                           officer_email="n@example.gov.uk", by=cast["planner"])


def test_theme_pages_by_role(theme, client_for):
    assert client_for("planner").get(f"/follow-up/thematic/{theme.pk}/").status_code == 200
    assert client_for("lap_a").get(f"/follow-up/thematic/{theme.pk}/").status_code == 404
    assert "Children not in school" not in client_for("public").get("/follow-up/thematic/").content.decode()
    bad = client_for("planner").post(f"/follow-up/thematic/{theme.pk}/", {
        "area": BEDFORD, "notified_day": "3", "notified_month": "3", "notified_year": "2026",
        "officer_name": "Nora", "officer_email": "nora@example.gov.uk"})
    assert bad.status_code == 400 and b"Monday" in bad.content
    ok = client_for("planner").post(f"/follow-up/thematic/{theme.pk}/", {
        "area": BURY, "notified_day": "2", "notified_month": "3", "notified_year": "2026",
        "officer_name": "Nora", "officer_email": "nora@example.gov.uk", "named": "on"})
    assert ok.status_code == 302 and theme.visits.get().named
    assert client_for("inspector").post(f"/follow-up/thematic/{theme.pk}/", {"summary": "x"}).status_code == 403
