"""Running totals: kept in the response's transaction, equal to a count over the stored rows,
also when the same submissions arrive concurrently and twice."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from areasend.surveys import services
from areasend.surveys.models import Response
from areasend.surveys.questions import Audience
from areasend.surveys.results import from_counts, tally

ANSWERS = [{"right-help": "agree", "services": ["school", "health"], "comments": "ok"},
           {"right-help": "disagree", "involved": "agree"}, {"included": "dont-know"}]


def _same_as_rows(survey: Any) -> None:
    rows = survey.responses.values_list("answers", "easy_read")
    expected = tally(survey.questionnaire, rows)
    got = from_counts(survey.questionnaire, services.counts_of(survey))
    assert got.responses == expected.responses
    for a, b in zip(got.questions, expected.questions, strict=True):
        assert (a.answered, a.options) == (b.answered, b.options), a.question.id


@pytest.mark.django_db
def test_totals_match_the_rows_and_a_repeat_adds_nothing(surveys):
    survey = surveys[Audience.PARENTS]
    for i in range(30):
        key = services.issue_key(survey)
        services.submit(survey, ANSWERS[i % 3], signed_key=key, easy_read=i % 4 == 0)
        assert not services.submit(survey, ANSWERS[i % 3], signed_key=key).created
    assert Response.objects.filter(survey=survey).count() == 30
    _same_as_rows(survey)
    counts = services.counts_of(survey)
    assert counts[("", "responses")] == 30 and counts[("", "easy-read")] == 8
    assert counts[("services", "school")] == 10 and ("comments", "ok") not in counts
    services.recount(survey)
    assert services.counts_of(survey) == counts


@pytest.mark.usefixtures("committed_db")
def test_concurrent_submissions_and_retries_are_stored_exactly_once(cast, in_window):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import workflow
    from tests.surveys.conftest import NOTIFIED

    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    inspection = workflow.notify(confirmed=True, area=area, notified_on=NOTIFIED, officer_name="N",
                                 officer_email="n@bedford.example", by=cast["planner"])
    survey = services.open_surveys(inspection, by=cast["planner"])[1]
    keys = [services.issue_key(survey) for _ in range(60)]
    acknowledged: list[str] = []
    lock = threading.Lock()

    def client(mine: list[str]) -> None:
        try:
            for n, key in enumerate(mine):
                for _ in range(2):  # every submission arrives twice
                    services.submit(survey, ANSWERS[n % 3], signed_key=key)
                with lock:
                    acknowledged.append(key)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(keys[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(acknowledged) == 60
    assert Response.objects.filter(survey=survey).count() == 60
    _same_as_rows(survey)
