"""The inspection pages: who sees what, forms and their errors."""

import pytest

from areasend.inspections import evidence, workflow
from areasend.inspections.models import Inspection, State
from tests.inspections.conftest import NOTIFIED, advance_to_evaluating, complete_outcome

pytestmark = pytest.mark.django_db


def urls(inspection, note=None):
    base = f"/inspections/{inspection.pk}"
    pages = [f"{base}/", f"{base}/team/", f"{base}/evidence/", f"{base}/outcome/", f"{base}/report/"]
    if note:
        pages.append(f"{base}/evidence/{note.pk}/")
    return pages


def test_planner_notifies_through_the_form(client_for):
    client = client_for("planner")
    assert client.get("/inspections/new/").status_code == 200
    response = client.post("/inspections/new/", {
        "area": "E08000002", "notified_day": "7", "notified_month": "9", "notified_year": "2026",
        "officer_name": "Bea Officer", "officer_email": "bea@bury.example",
    })
    inspection = Inspection.objects.get(area__gss_code="E08000002", notified_on=NOTIFIED)
    assert response.status_code == 302 and response["Location"] == f"/inspections/{inspection.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "On-site fieldwork" in page and "Monday 21 September" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"notified_day": "8", "notified_month": "9", "notified_year": "2026"}, "is a Tuesday"),
    ({"notified_day": "31", "notified_month": "2", "notified_year": "2026"}, "must be a real date"),
    ({"notified_day": "", "notified_month": "9", "notified_year": "2026"}, "as a day, month and year"),
    ({"notified_day": "7", "notified_month": "9", "notified_year": "2026", "officer_email": "nope"},
     "Enter an email address in the correct format"),
])
def test_bad_notification_input_shows_the_error_summary_and_stores_nothing(client_for, data, message):
    form = {"area": "E08000002", "officer_name": "Bea", "officer_email": "bea@bury.example", **data}
    response = client_for("planner").post("/inspections/new/", form)
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text and message in text
    assert not Inspection.objects.filter(area__gss_code="E08000002").exists()


@pytest.mark.parametrize("name", ["inspector", "lap_a", "public"])
def test_only_planners_reach_the_notify_form(client_for, name):
    assert client_for(name).get("/inspections/new/").status_code == 403


def test_other_area_and_public_get_404_everywhere_before_publication(inspection, client_for, cast):
    note = evidence.add_note(inspection, by=cast["inspector"], source="meeting", observed_on=NOTIFIED,
                             criterion_code="A1", themes=[], strength="positive", text="x")
    for name in ["lap_b", "public", "anonymous"]:
        client = client_for(name)
        for url in urls(inspection, note):
            assert client.get(url).status_code == 404, (name, url)
        assert client.post(f"/inspections/{inspection.pk}/actions/start-fieldwork/").status_code == 404


def test_lap_user_sees_the_inspection_but_never_evidence_team_or_outcome(inspection, client_for, cast):
    note = evidence.add_note(inspection, by=cast["inspector"], source="meeting", observed_on=NOTIFIED,
                             criterion_code="A1", themes=[], strength="positive", text="secret note")
    lap = client_for("lap_a")
    overview = lap.get(f"/inspections/{inspection.pk}/")
    assert overview.status_code == 200
    assert "Upload the list of children and young people" in overview.content.decode()
    for url in [f"/inspections/{inspection.pk}/evidence/", f"/inspections/{inspection.pk}/team/",
                f"/inspections/{inspection.pk}/outcome/", f"/inspections/{inspection.pk}/evidence/{note.pk}/",
                f"/inspections/{inspection.pk}/report/"]:
        assert lap.get(url).status_code == 404, url
    assert lap.post(f"/inspections/{inspection.pk}/evidence/{note.pk}/autosave/", {"text": "x"}).status_code == 404


def test_inspector_records_evidence_and_autosaves(inspection, client_for):
    client = client_for("inspector")
    response = client.post(f"/inspections/{inspection.pk}/evidence/", {
        "source": "meeting", "observed_day": "8", "observed_month": "9", "observed_year": "2026",
        "criterion": "A3", "themes": ["health-waiting-times"], "strength": "concern",
        "text": "Families wait two years for an autism assessment.",
    })
    assert response.status_code == 302
    note = inspection.evidence.get()
    saved = client.post(f"/inspections/{inspection.pk}/evidence/{note.pk}/autosave/",
                        {"text": "Families wait over two years for an autism assessment."})
    assert saved.json()["saved"] is True and saved.json()["changed"] is True
    note.refresh_from_db()
    assert note.text.startswith("Families wait over") and note.revisions.count() == 1
    page = client.get(f"/inspections/{inspection.pk}/evidence/").content.decode()
    assert "Families wait over two years" in page and "Thin" in page


def test_evidence_form_errors_name_the_field(inspection, client_for):
    response = client_for("inspector").post(f"/inspections/{inspection.pk}/evidence/", {
        "source": "meeting", "observed_day": "8", "observed_month": "9", "observed_year": "2026",
        "criterion": "A3", "text": "",
    })
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the evidence" in text and "Choose whether this is a strength or a concern" in text
    assert not inspection.evidence.exists()


def test_transition_out_of_order_shows_error_summary(inspection, client_for):
    response = client_for("inspector").post(f"/inspections/{inspection.pk}/actions/publish/")
    assert response.status_code == 400
    assert "can only be done when the inspection is factual accuracy check" in response.content.decode()
    assert Inspection.objects.get(pk=inspection.pk).state == State.NOTIFIED


def test_unknown_action_is_404(inspection, client_for):
    assert client_for("inspector").post(f"/inspections/{inspection.pk}/actions/explode/").status_code == 404


def test_walk_to_publication_through_the_pages(inspection, client_for, cast):
    lead = client_for("inspector")
    lap = client_for("lap_a")
    base = f"/inspections/{inspection.pk}"
    assert lead.post(f"{base}/actions/start-fieldwork/").status_code == 302
    assert lead.post(f"{base}/actions/start-evaluating/").status_code == 302
    assert lead.post(f"{base}/outcome/", {
        "form": "outcome", "outcome": "1", "experience": "Children are well supported.",
        "effective": "Joint commissioning works.", "improve": "Transitions could be smoother.",
    }).status_code == 302
    icb = inspection.area.partners.filter(kind="icb").first()
    assert lead.post(f"{base}/outcome/", {
        "form": "recommendation", "kind": "priority_action", "text": "Cut waits.", "whole_partnership": "on",
    }).status_code == 400  # priority action refused for outcome 1
    assert lead.post(f"{base}/outcome/", {
        "form": "recommendation", "kind": "improvement", "text": "Improve transition planning.",
        "partners": [str(icb.pk)], "themes": ["next-stage"],
    }).status_code == 302
    assert lead.post(f"{base}/actions/draft-report/").status_code == 302
    assert lap.get(f"{base}/report/").status_code == 404  # not yet sent to the partnership
    assert lead.post(f"{base}/actions/send-for-accuracy/").status_code == 302
    report = lap.get(f"{base}/report/")
    assert report.status_code == 200 and "Comment on factual accuracy" in report.content.decode()
    assert lap.post(f"{base}/report/", {"paragraph": "effective-1", "comment": "It was jointly funded."}
                    ).status_code == 302
    comment = inspection.accuracy_comments.get()
    assert lead.post(f"{base}/report/comments/{comment.pk}/answer/",
                     {"response": "Thank you, corrected.", "accepted": "yes"}).status_code == 302
    assert lead.post(f"{base}/report/comments/{comment.pk}/apply/",
                     {"text": "Early help is strong and jointly funded."}).status_code == 302
    assert lead.post(f"{base}/actions/publish/").status_code == 400  # the check is still open
    assert lap.post(f"{base}/report/no-further-comments/").status_code == 302
    assert lead.post(f"{base}/actions/publish/").status_code == 302
    assert client_for("anonymous").get(f"{base}/report/").status_code == 200
    area_page = client_for("anonymous").get(f"/areas/{inspection.area.gss_code}/").content.decode()
    assert "Outcome 1: Positive experiences and outcomes" in area_page


def test_draft_report_is_embargoed_from_the_public_area_page(inspection, cast, client_for):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead, outcome=3)
    workflow.draft_report(inspection, by=lead)
    text = client_for("anonymous").get(f"/areas/{inspection.area.gss_code}/").content.decode()
    assert "2026" not in text.split("Inspection history")[1].split("All Ofsted reports")[0]


def test_findings_typed_in_a_browser_split_into_paragraphs(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    workflow.record_outcome(inspection, outcome=2, experience="First.\r\n\r\nSecond.\r\n \r\nThird.",
                            effective="One.", improve="Two.\n\nThree.", by=lead)
    refs = [ref for ref, _ in inspection.report_paragraphs()]
    assert refs == ["experience-1", "experience-2", "experience-3", "effective-1", "improve-1", "improve-2"]


def test_every_inspection_page_has_breadcrumbs_back_to_the_inspection(inspection, client_for):
    client = client_for("inspector")
    for url in urls(inspection):
        page = client.get(url).content.decode()
        assert 'class="govuk-breadcrumbs' in page, url
        crumb = f"Full inspection of {inspection.area.name}"
        if url.endswith(f"{inspection.pk}/"):
            assert f'aria-current="page">{crumb}' in page
        else:
            assert f'href="/inspections/{inspection.pk}/">{crumb}' in page, url
    notify_form = client_for("planner").get("/inspections/new/").content.decode()
    assert 'class="govuk-back-link"' in notify_form


def test_the_team_reaches_the_surveys_from_the_inspection_and_the_partnership_does_not(inspection, client_for):
    surveys = f'href="/surveys/inspections/{inspection.pk}/"'
    assert surveys in client_for("inspector").get(f"/inspections/{inspection.pk}/").content.decode()
    results = client_for("inspector").get(f"/surveys/inspections/{inspection.pk}/").content.decode()
    assert 'aria-current="page">Surveys' in results and 'class="govuk-breadcrumbs' in results
    assert results.count("govuk-error-summary") == 0
    assert surveys not in client_for("lap_a").get(f"/inspections/{inspection.pk}/").content.decode()
