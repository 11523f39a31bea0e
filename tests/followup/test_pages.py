"""The follow-up pages over HTTP: who sees what (another area's records are a 404), the forms'
messages, and the plan's way from submission to review."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from areasend.areas.models import LocalAreaPartnership
from areasend.followup import meetings
from areasend.followup.models import MeetingRecord, PlanVersion
from areasend.framework.activities import ActivityType
from areasend.inspections import workflow
from areasend.inspections.models import Activity, Inspection
from tests.conftest import needs_shared

from .conftest import BEDFORD, BURY

pytestmark = [pytest.mark.django_db, needs_shared]


def _client(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _row(bury, n=0, **extra):
    partner = bury.partners.first()
    data = {f"a{n}-priority_action_text": "Joint commissioning of therapies", f"a{n}-action": "Commission jointly",
            f"a{n}-partners": [str(partner.pk)], f"a{n}-milestones": "31/03/2027 Contract let\n2027-09-30 Waits halved",
            f"a{n}-impact_measures": "Average wait in weeks"}
    data.update(extra)
    return data


def test_who_sees_an_areas_follow_up(client_for, cast, adviser, other_adviser):
    url = f"/follow-up/{BURY}/"
    assert client_for("lap_b").get(url).status_code == 200
    assert client_for("planner").get(url).status_code == 200
    assert _client(adviser).get(url).status_code == 200
    for name in ("lap_a", "public", "anonymous"):
        assert client_for(name).get(url).status_code == 404
    assert _client(other_adviser).get(url).status_code == 404
    assert client_for("conflicted").get(f"/follow-up/{BEDFORD}/").status_code == 404


def test_partnership_submits_and_adviser_asks_for_a_revision(client_for, bury, adviser):
    lap = client_for("lap_b")
    page = lap.get(f"/follow-up/{BURY}/")
    assert b"Late: not submitted" in page.content and b"Submit your priority action plan" in page.content
    response = lap.post(f"/follow-up/{BURY}/priority-action-plan/submit/", _row(bury))
    assert response.status_code == 302
    version = PlanVersion.objects.get(plan__area=bury)
    action = version.actions.get()
    assert [m.due_on for m in action.milestones.all()] == [date(2027, 3, 31), date(2027, 9, 30)]
    assert b"awaiting review" in lap.get(f"/follow-up/{BURY}/").content
    assert lap.get(f"/follow-up/{BURY}/priority-action-plan/versions/1/review/").status_code == 403
    reviewer = _client(adviser)
    bad = reviewer.post(f"/follow-up/{BURY}/priority-action-plan/versions/1/review/", {"outcome": "revise"})
    assert bad.status_code == 400 and b"Say what the partnership needs to revise" in bad.content
    ok = reviewer.post(f"/follow-up/{BURY}/priority-action-plan/versions/1/review/",
                       {"outcome": "revise", "comments": "Add milestones for health"})
    assert ok.status_code == 302
    assert b"Add milestones for health" in lap.get(f"/follow-up/{BURY}/").content
    assert b"Resubmit your priority action plan" in lap.get("/").content
    area_page = lap.get(f"/areas/{BURY}/").content.decode()
    assert "Priority action plan: <strong" in area_page and "Version 1: revise and resubmit" in area_page
    assert "revise and resubmit" not in client_for("public").get(f"/areas/{BURY}/").content.decode()


def test_bad_milestone_names_the_row_and_line_and_saves_nothing(client_for, bury):
    response = client_for("lap_b").post(f"/follow-up/{BURY}/priority-action-plan/submit/",
                                        _row(bury, **{"a0-milestones": "31/03/2027 Let\nsoon: everything"}))
    assert response.status_code == 400
    assert b"Milestone 2 must start with a real date" in response.content
    assert not PlanVersion.objects.exists()


def test_a_wrong_document_type_is_refused(client_for, bury, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    data = _row(bury, document=SimpleUploadedFile("plan.exe", b"MZ", content_type="application/octet-stream"))
    response = client_for("lap_b").post(f"/follow-up/{BURY}/priority-action-plan/submit/", data)
    assert response.status_code == 400 and b"must be a PDF" in response.content


def test_strategic_plan_form(client_for):
    url = f"/follow-up/{BEDFORD}/strategic-plan/"
    bad = client_for("lap_a").post(url, {"url": "not a link", "published_day": "1", "published_month": "9",
                                         "published_year": "2025"})
    assert bad.status_code == 400 and b"Enter a full web address" in bad.content
    ok = client_for("lap_a").post(url, {"url": "https://bedford.example/send", "published_day": "1",
                                        "published_month": "9", "published_year": "2025"})
    assert ok.status_code == 302
    assert b"Published on 1 September 2025" in client_for("lap_a").get(f"/follow-up/{BEDFORD}/").content
    assert client_for("lap_b").post(url, {}).status_code == 404


def test_next_engagement_meeting_is_scheduled_from_the_rules(client_for, bedford):
    today = timezone.localdate()
    expected = meetings.next_meeting_date(bedford, today)
    assert expected is not None and expected >= today  # a year after the February 2025 report: overdue
    response = client_for("planner").post(f"/follow-up/{BEDFORD}/meetings/schedule/",
                                          {"officer_name": "Nora", "officer_email": "nora@bedford.example"})
    assert response.status_code == 302
    meeting = Inspection.objects.get(area=bedford, kind=ActivityType.ENGAGEMENT_MEETING)
    assert meeting.state == "scheduled" and meeting.notified_on == expected
    again = client_for("planner").post(f"/follow-up/{BEDFORD}/meetings/schedule/",
                                       {"officer_name": "Nora", "officer_email": "nora@bedford.example"})
    assert again.status_code == 400 and b"already has a meeting in progress" in again.content
    url = f"/follow-up/meetings/{meeting.pk}/record/"
    assert client_for("lap_a").get(url).status_code == 404  # scheduled: unseen by the partnership


def test_engagement_meeting_recorded_never_published_and_the_next_follows(client_for, cast, bedford):
    meeting = workflow.notify(area=bedford, notified_on=date(2026, 3, 4), officer_name="Nora",
                              officer_email="nora@bedford.example", by=cast["planner"],
                              kind=ActivityType.ENGAGEMENT_MEETING)
    workflow.add_team_member(meeting, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    la, icb = bedford.partners.filter(kind__in=["la", "icb"]).order_by("kind")[:2]
    data = {"topics": ["ehc-plans", "early-help"], "inspectors": [str(cast["inspector"].pk)],
            f"attendee_{la.pk}": "Director of children's services", "action_1": "Share EHC timeliness data",
            "owner_1": str(la.pk), "action_2": "Report on waits", "owner_2": ""}
    url = f"/follow-up/meetings/{meeting.pk}/record/"
    assert client_for("outsider").get(url).status_code == 403
    bad = client_for("inspector").post(url, data)
    assert bad.status_code == 400 and b"Choose who owns action 2" in bad.content
    data["owner_2"] = str(icb.pk)
    assert client_for("inspector").post(url, data).status_code == 302
    record = MeetingRecord.objects.get(meeting=meeting)
    assert record.actions.count() == 2 and record.attendees.get().partner == la
    assert record.topic_titles() == ["Timeliness and/or quality of EHC plans", "Early help and identification of need"]
    history = Activity.objects.get(inspection=meeting)
    assert history.publication_date is None  # never published
    assert meetings.next_meeting_date(bedford, date(2026, 3, 5)) == date(2027, 3, 4)
    assert client_for("inspector").post(url, data).status_code == 400  # recorded once
    assert client_for("public").get(f"/inspections/{meeting.pk}/").status_code == 404
    for page in ("/inspections/", f"/inspections/{meeting.pk}/"):  # a meeting has no on-site days
        assert client_for("planner").get(page).status_code == 200
        assert client_for("inspector").get(page).status_code == 200


def test_an_adviser_reads_the_meeting_records_of_the_areas_they_support(client_for, cast, bury, adviser,
                                                                       other_adviser):
    meeting = workflow.notify(area=bury, notified_on=date(2026, 3, 4), officer_name="Nora",
                              officer_email="nora@bury.example", by=cast["planner"],
                              kind=ActivityType.ENGAGEMENT_MEETING)
    workflow.add_team_member(meeting, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    la = bury.partners.get(kind="la")
    meetings.record_meeting(meeting, by=cast["inspector"], data=meetings.MeetingInput(
        attendees=[(la.pk, "Director of children's services")], topics=["co-production"],
        actions=[("Publish the co-production charter", la.pk)], inspector_ids=[cast["inspector"].pk]))
    page = _client(adviser).get(f"/follow-up/{BURY}/").content.decode()
    assert "Publish the co-production charter" in page and "Director of children&#x27;s services" in page
    assert "Publish the co-production charter" in client_for("lap_b").get(f"/follow-up/{BURY}/").content.decode()
    assert _client(other_adviser).get(f"/follow-up/{BURY}/").status_code == 404


def test_monitoring_findings_page_is_for_the_lead(client_for, cast, bury, make_user):
    inspection = workflow.notify(area=bury, notified_on=date(2025, 9, 8), officer_name="Nora",
                                 officer_email="n@bury.example", by=cast["planner"],
                                 kind=ActivityType.MONITORING_INSPECTION)
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    workflow.add_team_member(inspection, inspector=make_user("cara", "inspector", inspectorate="cqc"),
                             role="cqc_lead", remit="health", by=cast["planner"])
    workflow.start_fieldwork(inspection, by=cast["inspector"])
    workflow.start_evaluating(inspection, by=cast["inspector"])
    url = f"/follow-up/monitoring/{inspection.pk}/findings/"
    assert client_for("lap_b").get(url).status_code == 404
    assert client_for("planner").post(url, {}).status_code == 403
    data = {"f0-text": "Use of data", "f0-finding": "effective action", "f1-text": "Governance",
            "f1-finding": "ineffective action", "f1-note": "Board not yet effective"}
    assert client_for("inspector").post(url, data).status_code == 302
    assert Inspection.objects.get(pk=inspection.pk).finding == "ineffective action"
    assert client_for("inspector").get(f"/inspections/{inspection.pk}/").status_code == 200


def test_overview_lists_late_plans_first_in_a_few_queries(client_for, cast, adviser, django_assert_max_num_queries):
    from areasend.followup import plans

    plans.record_strategic_plan(LocalAreaPartnership.objects.get(gss_code=BEDFORD), by=cast["lap_a"],
                                url="https://bedford.example/send", published_on=date(2025, 9, 1))
    planner = client_for("planner")
    with django_assert_max_num_queries(12):  # whatever the number of areas
        page = planner.get("/follow-up/")
    text = page.content.decode()
    assert page.status_code == 200 and text.index("Bury") < text.index("Bedford")  # Bury's plan is late
    assert "Published on 1 September 2025" in text
    assert "Late: not submitted" in text
    mine = _client(adviser).get("/follow-up/").content.decode()
    assert "Bury" in mine and "Bedford" not in mine
    assert client_for("lap_b").get("/follow-up/").status_code == 404
    assert "See each area's plan after inspection" in client_for("planner").get("/").content.decode()
