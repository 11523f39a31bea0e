"""Synthetic survey responses for the demo's full inspections: surveys opened on their notification
day as the timeline says, answers dated inside the window and never after today, every response
marked synthetic. Running it again changes nothing."""

from __future__ import annotations

import random
import secrets
from datetime import date, timedelta

from django.utils import timezone

from areasend.inspections.models import Inspection, State

from .models import Response, Survey
from .questions import CURRENT_VERSION, Audience, Kind, Question
from .services import recount, window

# Enough parents and children to pass the suppression threshold; too few practitioners, so the
# demo also shows a suppressed survey.
DEMO_RESPONSES = {Audience.PARENTS: 48, Audience.CHILDREN: 16, Audience.PRACTITIONERS: 7}
DEMO_COMMENTS = [
    "We waited a long time for the assessment but the school has been supportive.",
    "Nobody asked us what we thought before the plan was written.",
    "The speech and language therapy has made a big difference.",
    "I would like more help getting ready for college.",
]


def _answer(question: Question, rng: random.Random) -> str | list[str] | None:
    if question.kind is Kind.TEXT:
        return rng.choice(DEMO_COMMENTS) if rng.random() < 0.3 else None
    values = [o.value for o in question.options]
    if question.kind is Kind.MULTIPLE:
        return sorted(rng.sample(values[:4], rng.randint(1, 3)))
    weights = [3 if o.positive else 2 for o in question.options[:-1]] + [1]
    return rng.choices(values, weights=weights[:len(values)])[0]


def _days(survey: Survey, today: date) -> list[date]:
    last = min(survey.closes_on, today)
    return [survey.opens_on + timedelta(days=n) for n in range((last - survey.opens_on).days + 1)]


def _responses(survey: Survey, count: int, rng: random.Random, today: date) -> list[Response]:
    days = _days(survey, today)
    if not days:
        return []
    made = []
    for _ in range(count):
        answers = {q.id: a for q in survey.questionnaire.questions if (a := _answer(q, rng)) is not None}
        made.append(Response(survey=survey, submission_key=secrets.token_urlsafe(18), submitted_on=rng.choice(days),
                             easy_read=survey.questionnaire.easy_read and rng.random() < 0.5,
                             answers=answers, synthetic=True))
    return made


def build_demo_surveys() -> int:
    """Surveys with synthetic responses for every synthetic full inspection past notification."""
    today, made = timezone.localdate(), 0
    inspections = Inspection.objects.filter(synthetic=True).exclude(state__in=[State.SCHEDULED, State.WITHDRAWN])
    for inspection in inspections:
        step = window(inspection)
        if step is None or step.start > today:
            continue
        rng = random.Random(inspection.pk)
        for audience, count in DEMO_RESPONSES.items():
            survey, _ = Survey.objects.get_or_create(
                inspection=inspection, audience=audience,
                defaults={"version": CURRENT_VERSION, "opens_on": step.start, "closes_on": step.last_day})
            if not survey.responses.exists():
                made += len(Response.objects.bulk_create(_responses(survey, count, rng, today)))
                recount(survey)
    return made
