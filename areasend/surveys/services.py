"""Opening an inspection's surveys and storing responses exactly once.

The window comes from the framework timeline (`SURVEY_WINDOW`: from the notification day for
`survey_window_working_days` working days); a response is accepted only on a day inside it.
Every rendered form carries a submission key, signed so that it cannot be made up or moved to
another survey; the key has a unique index, so a double click, a retry or a resubmitted page is
stored once and acknowledged the same way each time."""

from __future__ import annotations

import secrets
import threading
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.framework.calendar import in_words
from areasend.framework.timeline import SURVEY_WINDOW, Step
from areasend.inspections.models import Inspection, WorkflowError

from .answers import Answers
from .models import AnswerCount, Response, Survey, SurveyStatus
from .questions import CURRENT_VERSION, Audience
from .results import Counts, count_keys

KEY_SALT = "areasend.surveys.submission"
COUNT_SHARDS = 8


class SurveyClosed(WorkflowError):
    """A response outside the survey's window."""


class BadSubmissionKey(WorkflowError):
    """A submission key that this server did not issue for this survey."""


def window(inspection: Inspection) -> Step | None:
    """The survey window of the inspection's timeline; None for kinds with no survey."""
    if not inspection.spec.has_survey:
        return None
    return inspection.step(SURVEY_WINDOW)


def _may_open(inspection: Inspection, today: date) -> Step:
    step = window(inspection)
    if step is None:
        raise WorkflowError(f"A {inspection.kind} has no family survey")
    last_day = step.last_day
    if not inspection.is_open:
        raise WorkflowError(f"The {inspection.spec.noun} is {inspection.get_state_display().lower()}")
    if today > last_day:
        raise WorkflowError(f"The survey window closed on {in_words(last_day)}")
    return step


def open_surveys(inspection: Inspection, *, by: Any, today: date | None = None, request: Any = None) -> list[Survey]:
    """One survey per audience, with the window's dates; opening again changes nothing."""
    step = _may_open(inspection, today or timezone.localdate())
    surveys = []
    for audience in Audience:
        try:
            with transaction.atomic():
                survey, created = Survey.objects.get_or_create(
                    inspection=inspection, audience=audience,
                    defaults={"version": CURRENT_VERSION, "opens_on": step.start,
                              "closes_on": step.last_day, "opened_by": by})
        except IntegrityError:  # opened at the same moment by someone else
            survey, created = Survey.objects.get(inspection=inspection, audience=audience), False
        if created:
            audit.record(by, AuditAction.CREATE, survey, request=request, area_code=inspection.area.gss_code,
                         inspection=inspection.pk, audience=str(audience))
        surveys.append(survey)
    return surveys


def issue_key(survey: Survey) -> str:
    """A fresh submission key for one rendered form, signed with the survey's token."""
    return signing.Signer(salt=KEY_SALT).sign(f"{survey.token}.{secrets.token_urlsafe(18)}")


def read_key(survey: Survey, signed: str) -> str:
    try:
        value = signing.Signer(salt=KEY_SALT).unsign(signed or "")
    except signing.BadSignature:
        raise BadSubmissionKey("This form has expired or was changed. Start the survey again.") from None
    token, _, key = value.rpartition(".")
    if token != survey.token or not key:
        raise BadSubmissionKey("This form belongs to a different survey. Start the survey again.")
    return key


@dataclass(frozen=True)
class Receipt:
    response: Response
    created: bool  # False: the same submission had already been stored


def submit(survey: Survey, answers: Answers, *, signed_key: str, easy_read: bool = False,
           today: date | None = None, synthetic: bool = False) -> Receipt:
    """Store one response, once. A repeat of the same key returns the stored one."""
    key = read_key(survey, signed_key)
    day = today or timezone.localdate()
    if survey.status_on(day) is not SurveyStatus.OPEN:
        raise SurveyClosed(closed_message(survey, day))
    try:
        with _one_writer(), transaction.atomic():
            response = Response.objects.create(survey=survey, submission_key=key, submitted_on=day,
                                               easy_read=easy_read, answers=answers, synthetic=synthetic)
            add_to_counts(survey, [count_keys(survey.questionnaire, answers, easy_read)])
        return Receipt(response, True)
    except IntegrityError:
        return Receipt(Response.objects.get(submission_key=key, survey=survey), False)


# SQLite lets one writer in at a time, and a writer that finds the database locked sleeps in
# steps of up to 100 ms before it tries again. Within one server process, responses queue on this
# lock instead, and are woken the moment the one before them commits. (PostgreSQL: not used.)
_SQLITE_WRITER = threading.Lock()


def _one_writer() -> AbstractContextManager[Any]:
    return _SQLITE_WRITER if connection.vendor == "sqlite" else nullcontext()


def add_to_counts(survey: Survey, per_response: list[list[tuple[str, str]]], shard: int | None = None) -> None:
    """Add responses to the running totals, in the caller's transaction: one statement, its rows
    in sorted order, so concurrent responses queue on a row instead of deadlocking."""
    added = sorted(Counter(key for keys in per_response for key in keys).items())
    if not added:
        return
    part = secrets.randbelow(COUNT_SHARDS) if shard is None else shard
    table = connection.ops.quote_name(AnswerCount._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(added))
    sql = (f"INSERT INTO {table} (survey_id, question, value, shard, number) VALUES {rows} "  # noqa: S608
           f"ON CONFLICT (survey_id, question, value, shard) DO UPDATE SET number = {table}.number + excluded.number")
    with connection.cursor() as cursor:
        cursor.execute(sql, [x for (q, v), n in added for x in (survey.pk, q, v, part, n)])


def recount(survey: Survey) -> None:
    """Rebuild a survey's totals from its responses (after responses were added in bulk)."""
    q = survey.questionnaire
    with transaction.atomic():
        AnswerCount.objects.filter(survey=survey).delete()
        rows = survey.responses.values_list("answers", "easy_read").iterator(chunk_size=5000)
        while batch := [count_keys(q, answers, easy) for answers, easy in islice(rows, 20000)]:
            add_to_counts(survey, batch, shard=0)


def counts_of(survey: Survey) -> Counts:
    totals = AnswerCount.objects.filter(survey=survey).values_list("question", "value").annotate(n=Sum("number"))
    return {(q, v): int(n) for q, v, n in totals}


def closed_message(survey: Survey, day: date) -> str:
    if survey.status_on(day) is SurveyStatus.NOT_OPEN:
        return f"This survey opens on {in_words(survey.opens_on)}."
    return (f"This survey closed on {in_words(survey.closes_on)}. Thank you for your interest: "
            "the inspectors can no longer add new answers.")
