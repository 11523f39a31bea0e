"""Answering a survey: anonymous, no cookies, once per submission, only inside the window."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest
import time_machine
from django.test import Client

from areasend.accounts.models import AuditEvent
from areasend.inspections import workflow
from areasend.surveys import services
from areasend.surveys.models import Response, Survey, SurveyStatus
from areasend.surveys.questions import Audience

from .conftest import LAST_DAY, NOTIFIED, PARENT_ANSWERS

pytestmark = pytest.mark.django_db


def _form(client: Client, survey: Survey, query: str = "") -> dict[str, str]:
    page = client.get(f"/surveys/s/{survey.token}/questions/{query}")
    assert page.status_code == 200
    html = page.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    return fields


def test_opening_uses_the_timeline_window_and_is_idempotent(surveys, inspection, cast):
    parents = surveys[Audience.PARENTS]
    assert (parents.opens_on, parents.closes_on) == (NOTIFIED, LAST_DAY)
    assert len(surveys) == 3 and len({s.token for s in surveys.values()}) == 3
    assert all(len(s.token) >= 32 for s in surveys.values())
    again = services.open_surveys(inspection, by=cast["planner"])
    assert {s.pk for s in again} == {s.pk for s in surveys.values()}


def test_a_monitoring_inspection_has_no_survey(cast, in_window):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections.models import Inspection

    monitoring = Inspection(kind="monitoring inspection", area=LocalAreaPartnership.objects.first(),
                            notified_on=NOTIFIED)
    assert services.window(monitoring) is None
    with pytest.raises(workflow.WorkflowError, match="no family survey"):
        services.open_surveys(monitoring, by=cast["planner"])


def test_a_parent_answers_once_without_an_account_or_cookies(surveys):
    survey = surveys[Audience.PARENTS]
    client = Client()
    data = {**_form(client, survey), **PARENT_ANSWERS}
    first = client.post(f"/surveys/s/{survey.token}/questions/", data)
    assert first.status_code == 302 and first["Location"] == f"/surveys/s/{survey.token}/thank-you/"
    again = client.post(f"/surveys/s/{survey.token}/questions/", data)  # a double click or a retry
    assert again.status_code == 302
    assert not first.cookies and not again.cookies and "sessionid" not in client.cookies
    stored = Response.objects.get(survey=survey)
    assert stored.answers["services"] == ["health", "school"]
    assert stored.answers["comments"].startswith("Waited <script>")  # stored as text, escaped on output
    assert stored.submitted_on == date(2026, 9, 9) and not stored.easy_read
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"ip_address", "user", "created", "user_agent", "session"}


def test_free_text_stays_out_of_logs_and_audit(surveys, caplog):
    survey = surveys[Audience.PARENTS]
    client = Client()
    caplog.set_level(logging.DEBUG)
    client.post(f"/surveys/s/{survey.token}/questions/", {**_form(client, survey), **PARENT_ANSWERS})
    bad = dict(_form(client, survey), **{"q-comments": "speech therapy " * 200})
    assert client.post(f"/surveys/s/{survey.token}/questions/", bad).status_code == 400
    assert "speech therapy" not in caplog.text
    assert not any("speech" in str(e.data) for e in AuditEvent.objects.all())


def test_missing_and_wrong_answers_get_messages_and_nothing_is_stored(surveys):
    survey = surveys[Audience.PARENTS]
    client = Client()
    data = {**_form(client, survey), "q-needs-identified": "agree", "q-comments": "x" * 2001}
    page = client.post(f"/surveys/s/{survey.token}/questions/", data)
    html = page.content.decode()
    assert page.status_code == 400
    assert "There is a problem" in html and 'href="#q-involved"' in html
    assert "Your answer must be 2,000 characters or fewer" in html
    assert 'value="agree" checked' in html  # what was chosen is kept
    stray = {**_form(client, survey), **PARENT_ANSWERS, "q-age": "12"}
    assert client.post(f"/surveys/s/{survey.token}/questions/", stray).status_code == 400
    assert not Response.objects.exists()


@pytest.mark.parametrize("key", ["", "made-up", "abc.def:forged"])
def test_a_made_up_submission_key_is_refused(surveys, key):
    survey = surveys[Audience.PARENTS]
    data = {**PARENT_ANSWERS, "key": key, "page": "0"}
    page = Client().post(f"/surveys/s/{survey.token}/questions/", data)
    assert page.status_code == 400 and "Start the survey again" in page.content.decode()
    assert not Response.objects.exists()


def test_a_key_from_another_survey_is_refused(surveys):
    parents, practitioners = surveys[Audience.PARENTS], surveys[Audience.PRACTITIONERS]
    client = Client()
    data = {**_form(client, practitioners), **PARENT_ANSWERS}
    assert client.post(f"/surveys/s/{parents.token}/questions/", data).status_code == 400


def test_the_easy_read_version_goes_one_question_a_page(surveys):
    survey = surveys[Audience.CHILDREN]
    client = Client()
    url = f"/surveys/s/{survey.token}/questions/"
    data = _form(client, survey, "?version=easy-read")
    assert data["version"] == "easy-read"
    answers = ["yes", "sometimes", "yes", "no", "dont-know"]
    for i, value in enumerate(answers):
        page = client.post(url, {**data, f"q-{survey.questionnaire.questions[i].id}": value})
        assert page.status_code == 200, page.content.decode()[:2000]
        html = page.content.decode()
        assert f"Question {i + 2} of 6" in html
        data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    done = client.post(url, {**data, "q-comments": "I like my teacher"})
    assert done.status_code == 302
    stored = Response.objects.get(survey=survey)
    assert stored.easy_read and stored.answers["ready"] == "no" and stored.answers["comments"] == "I like my teacher"


def test_easy_read_back_keeps_answers(surveys):
    survey = surveys[Audience.CHILDREN]
    client = Client()
    url = f"/surveys/s/{survey.token}/questions/"
    data = _form(client, survey, "?version=easy-read")
    second = client.post(url, {**data, "q-listened": "yes"}).content.decode()
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', second))
    back = client.post(url, {**data, "back": ""}).content.decode()
    assert "Question 1 of 6" in back and 'value="yes" checked' in back


def test_no_answer_before_the_window_opens_or_after_it_closes(surveys):
    survey = surveys[Audience.PARENTS]
    client = Client()
    data = {**_form(client, survey), **PARENT_ANSWERS}
    with time_machine.travel("2026-09-15 09:00 +0100", tick=False):
        assert survey.status is SurveyStatus.CLOSED
        page = client.post(f"/surveys/s/{survey.token}/questions/", data)
        assert page.status_code == 400 and "closed on Monday 14 September 2026" in page.content.decode()
        start = client.get(f"/surveys/s/{survey.token}/")
        assert start.status_code == 200 and "closed on" in start.content.decode()
    with time_machine.travel("2026-09-04 09:00 +0100", tick=False):
        assert survey.status is SurveyStatus.NOT_OPEN
        assert client.get(f"/surveys/s/{survey.token}/questions/").status_code == 200
        assert client.post(f"/surveys/s/{survey.token}/questions/", data).status_code == 400
    with time_machine.travel("2026-09-14 20:00 +0100", tick=False):  # the last day, in the evening
        assert client.post(f"/surveys/s/{survey.token}/questions/", data).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1


def test_an_unknown_token_is_a_404():
    assert Client().get("/surveys/s/not-a-real-token-at-all/").status_code == 404


def test_opening_after_the_window_is_refused(inspection, cast):
    with time_machine.travel("2026-09-16 09:00 +0100", tick=False), \
            pytest.raises(workflow.WorkflowError, match="closed on Monday 14 September 2026"):
        services.open_surveys(inspection, by=cast["inspector"])


@pytest.mark.parametrize("page", ["", "-1", "7", "two"])
def test_a_tampered_page_number_is_refused_with_a_message(surveys, page):
    survey = surveys[Audience.PARENTS]
    client = Client()
    data = {**_form(client, survey), **PARENT_ANSWERS, "page": page}
    response = client.post(f"/surveys/s/{survey.token}/questions/", data)
    assert response.status_code == 400 and "Start the survey again" in response.content.decode()
    assert not Response.objects.exists()


def test_two_answers_to_a_one_answer_question_are_refused(surveys):
    survey = surveys[Audience.PARENTS]
    client = Client()
    data = {**_form(client, survey), **PARENT_ANSWERS, "q-involved": ["agree", "disagree"]}
    response = client.post(f"/surveys/s/{survey.token}/questions/", data)
    assert response.status_code == 400 and "Choose one of the answers shown" in response.content.decode()
    assert not Response.objects.exists()


def test_a_withdrawn_inspection_closes_its_surveys(surveys, inspection, cast):
    survey = surveys[Audience.PARENTS]
    client = Client()
    data = {**_form(client, survey), **PARENT_ANSWERS}
    workflow.withdraw(inspection, by=cast["planner"], reason="The area asked for a delay")
    survey.refresh_from_db()
    assert survey.status is SurveyStatus.CLOSED
    assert client.post(f"/surveys/s/{survey.token}/questions/", data).status_code == 400
    assert not Response.objects.exists()


def test_a_flood_of_refused_posts_from_one_address_is_turned_away(surveys):
    from django.core.cache import cache

    from areasend.surveys.flood import REFUSALS_PER_MINUTE

    cache.clear()
    survey = surveys[Audience.PARENTS]
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = f"/surveys/s/{survey.token}/questions/"
    for _ in range(REFUSALS_PER_MINUTE):
        assert client.post(url, {"key": "forged", "page": "0"}).status_code == 400
    good = {**_form(client, survey), **PARENT_ANSWERS}
    assert client.post(url, good).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.7").post(url, good).status_code == 302  # another address
    cache.clear()
