"""Results for the team, with small-number suppression, and the plain-English summary."""

from __future__ import annotations

import itertools

import pytest
import time_machine

from areasend.surveys import services
from areasend.surveys.questions import CURRENT_VERSION, Audience, questionnaire
from areasend.surveys.results import MIN_RESPONSES_TO_SHOW, quantifier, summary_sentences, tally

pytestmark = pytest.mark.django_db
PARENTS = questionnaire(CURRENT_VERSION, Audience.PARENTS)


def _answers(n: int, agree: int) -> list[tuple[dict[str, object], bool]]:
    return [({"right-help": "agree" if i < agree else "disagree", "comments": f"comment {i}"}, False)
            for i in range(n)]


def test_counts_and_percentages_per_option():
    result = tally(PARENTS, _answers(12, 9), with_comments=True)
    right_help = next(q for q in result.questions if q.question.id == "right-help")
    by_value = {o.value: (o.count, o.percent) for o in right_help.options}
    assert by_value["agree"] == (9, 75) and by_value["disagree"] == (3, 25) and by_value["neither"] == (0, 0)
    assert right_help.positive_percent == 75 and not right_help.suppressed
    comments = next(q for q in result.questions if q.question.id == "comments")
    assert len(comments.comments) == 12


def test_below_the_threshold_a_question_is_suppressed_and_not_summarised():
    result = tally(PARENTS, _answers(MIN_RESPONSES_TO_SHOW - 1, 5))
    right_help = next(q for q in result.questions if q.question.id == "right-help")
    assert right_help.suppressed and result.suppressed
    assert summary_sentences("parents and carers", result) == []


def test_the_summary_uses_the_words_reports_use():
    result = tally(PARENTS, _answers(20, 10))
    assert summary_sentences("parents and carers", result) == [
        "About half of the parents and carers who gave a view (50%) said their child gets the right help "
        "at the right time."]
    assert [quantifier(p) for p in (100, 95, 75, 60, 50, 30, 5, 0)] == [
        "All", "Almost all", "Most", "The majority", "About half", "A minority", "A few", "None"]


def _respond(survey, n: int, agree: int, comment: str = "") -> None:
    for i in range(n):
        answers = {"right-help": "agree" if i < agree else "disagree"}
        if comment:
            answers["comments"] = comment
        services.submit(survey, answers, signed_key=services.issue_key(survey))


def test_the_team_sees_counts_and_escaped_comments(surveys, client_for):
    _respond(surveys[Audience.PARENTS], 12, 9, comment="<b>Waiting</b> too long")
    _respond(surveys[Audience.CHILDREN], 3, 3)
    page = client_for("inspector").get(f"/surveys/inspections/{surveys[Audience.PARENTS].inspection_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;b&gt;Waiting&lt;/b&gt; too long" in html and "<b>Waiting" not in html
    assert ">9</td>" in html and ">75%</td>" in html
    assert "3 answers: fewer than 10, so the results are not shown." in html
    assert f"/surveys/s/{surveys[Audience.PARENTS].token}/" in html
    assert "Evidence for criterion A3; themes: Timeliness and/or quality of EHC plans" in html


def test_the_family_summary_after_the_window_closes(surveys, client_for):
    _respond(surveys[Audience.PARENTS], 12, 9, comment="Private words")
    pk = surveys[Audience.PARENTS].inspection_id
    assert client_for("lap_a").get(f"/surveys/inspections/{pk}/summary/").status_code == 404  # still open
    with time_machine.travel("2026-09-15 09:00 +0100", tick=False):
        page = client_for("lap_a").get(f"/surveys/inspections/{pk}/summary/")
        assert client_for("anonymous").get(f"/surveys/inspections/{pk}/summary/").status_code == 404
    html = page.content.decode()
    assert page.status_code == 200
    assert "Most of the parents and carers who gave a view (75%) said their child gets the right help" in html
    assert "Fewer than 10 children and young people answered" in html
    assert "Private words" not in html


def test_only_the_lead_or_a_planner_opens_surveys(inspection, client_for, cast, make_user):
    from areasend.inspections import workflow

    member = make_user("olly", "inspector", inspectorate="ofsted")
    workflow.add_team_member(inspection, inspector=member, role="ofsted_oi", remit="education", by=cast["planner"])
    client = client_for("anonymous")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(f"/surveys/inspections/{inspection.pk}/open/").status_code == 403
    assert not inspection.surveys.exists()
    opened = client_for("inspector").post(f"/surveys/inspections/{inspection.pk}/open/")
    assert opened.status_code == 302 and inspection.surveys.count() == 3


def test_a_large_survey_is_counted_from_the_database(surveys):
    from areasend.surveys.models import Response

    survey = surveys[Audience.PARENTS]
    values = itertools.cycle(["agree", "disagree", "strongly-agree", "dont-know"])
    Response.objects.bulk_create(
        Response(survey=survey, submission_key=f"k{i}", submitted_on=survey.opens_on,
                 answers={"right-help": next(values), "involved": "agree"}) for i in range(5000))
    rows = survey.responses.values_list("answers", "easy_read").iterator(chunk_size=2000)
    result = tally(survey.questionnaire, rows)
    assert result.responses == 5000
    right_help = next(q for q in result.questions if q.question.id == "right-help")
    assert right_help.positive_percent == round(100 * 2500 / 3750)
