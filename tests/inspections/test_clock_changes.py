"""Dates of the framework are calendar dates in England: a change made just after midnight
British Summer Time belongs to the new day, and a timeline never shifts with the clocks."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.utils import timezone

from areasend.framework.timeline import full_inspection_timeline
from areasend.inspections import workflow
from areasend.inspections.tasks import tasks_for
from tests.inspections.conftest import advance_to_evaluating, complete_outcome

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("notified", "onsite"), [
    (date(2026, 3, 16), (date(2026, 3, 30), date(2026, 4, 7))),  # spans the clocks going forward and Easter
    (date(2026, 10, 12), (date(2026, 10, 26), date(2026, 10, 30))),  # clocks go back on 25 October
])
def test_timeline_is_the_same_whatever_the_clock(notified, onsite):
    steps = {s.step: s for s in full_inspection_timeline(notified)}
    assert (steps["on-site fieldwork"].start, steps["on-site fieldwork"].last_day) == onsite


@time_machine.travel(datetime(2026, 3, 29, 23, 30, tzinfo=UTC), tick=False)  # 00:30 BST, Monday 30 March
def test_local_date_after_midnight_bst_is_the_new_day():
    assert timezone.localdate() == date(2026, 3, 30)


def test_factual_accuracy_deadline_sent_just_after_midnight_bst(inspection, cast):
    lead = cast["inspector"]
    advance_to_evaluating(inspection, lead)
    complete_outcome(inspection, lead)
    workflow.draft_report(inspection, by=lead)
    # 23:30 UTC on Sunday 29 March 2026 is 00:30 BST on Monday 30 March: the draft is sent on
    # the Monday, not the Sunday.
    with time_machine.travel(datetime(2026, 3, 29, 23, 30, tzinfo=UTC), tick=False):
        workflow.send_for_factual_accuracy(inspection, by=lead)
    assert inspection.draft_sent_on == date(2026, 3, 30)
    # 5 working days: 31 March, 1 and 2 April, then Good Friday and Easter Monday are skipped.
    assert inspection.accuracy_deadline == date(2026, 4, 8)


def test_late_tasks_count_working_days_not_calendar_days(inspection, cast):
    # Set-up discussion is due Tuesday 8 September 2026; by Monday 14 September it is 4 working
    # days late (9, 10, 11, 14), though 6 calendar days have passed.
    tasks = {t.title: t for t in tasks_for(inspection, cast["inspector"], date(2026, 9, 14))}
    assert tasks["Hold the set-up discussion"].working_days_late == 4
    assert tasks["Hold the set-up discussion"].status == "4 working days late"
