"""The questionnaires as data, and reading answers from a form."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from areasend.framework.criteria import criterion
from areasend.surveys import answers
from areasend.surveys.questions import (
    CURRENT_VERSION,
    SYMBOLS,
    VERSIONS,
    Audience,
    Kind,
    UnknownQuestionnaire,
    questionnaire,
)


def test_every_audience_has_a_current_questionnaire():
    assert set(VERSIONS[CURRENT_VERSION]) == set(Audience)


@pytest.mark.parametrize("audience", list(Audience))
def test_questions_link_to_real_criteria_and_have_one_free_text(audience):
    q = questionnaire(CURRENT_VERSION, audience)
    for question in q.questions:
        if question.criterion:
            criterion(question.criterion)  # raises for an unknown code
        if question.kind is Kind.TEXT:
            assert question.max_length > 0 and not question.required
    assert [x.kind for x in q.questions].count(Kind.TEXT) == 1
    assert len({x.id for x in q.questions}) == len(q.questions)


def test_easy_read_is_one_question_a_page_with_symbols_described():
    q = questionnaire(CURRENT_VERSION, Audience.CHILDREN)
    assert q.easy_read
    assert all(len(page) == 1 for page in q.pages(easy_read=True))
    assert len(q.pages(easy_read=False)) == 1
    for question in q.questions:
        assert question.easy_text and len(question.easy_text.split()) <= 10  # short sentences
        for option in question.options:
            assert option.symbol in SYMBOLS


def test_unknown_version_is_refused_by_name():
    with pytest.raises(UnknownQuestionnaire, match="1999"):
        questionnaire("1999", Audience.PARENTS)


def _form(**fields: object) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name.replace("_", "-"), value if isinstance(value, list) else [value])
    return data


def test_answers_are_checked_against_the_questionnaire():
    q = questionnaire(CURRENT_VERSION, Audience.PARENTS)
    got = answers.check(q, _form(q_needs_identified="agree", q_services=["school", "health", "school"]),
                        q.questions)
    assert got.answers == {"needs-identified": "agree", "services": ["health", "school"]}
    assert set(got.errors) == {"q-involved", "q-right-help", "q-next-steps", "q-included"}
    assert got.errors["q-involved"] == "Select an answer to this question"


def test_an_answer_outside_the_options_and_oversize_text_are_errors():
    q = questionnaire(CURRENT_VERSION, Audience.PARENTS)
    got = answers.check(q, _form(q_needs_identified="maybe", q_comments="x" * 2001), q.questions)
    assert got.errors["q-needs-identified"] == "Choose one of the answers shown"
    assert got.errors["q-comments"] == "Your answer must be 2,000 characters or fewer (it has 2,001)"


def test_an_answer_to_a_question_not_in_the_survey_refuses_the_form():
    q = questionnaire(CURRENT_VERSION, Audience.PARENTS)
    got = answers.check(q, _form(q_favourite_colour="blue"), q.questions)
    assert not got.ok and "not in this survey" in got.refused
