"""The kinds of live activity as the framework declares them: every kind has a consistent table."""

from datetime import date

import pytest

from areasend.framework.activities import ActivityType
from areasend.framework.lifecycle import KINDS, RESUME, LiveState, Performer, Product, kind_of
from areasend.framework.timeline import NOTIFICATION, ONSITE_FIELDWORK, InvalidNotificationDate


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_state_is_reachable_from_the_initial_one(kind):
    spec = KINDS[kind]
    starts = {spec.initial, spec.initial_for(date(2099, 1, 5), date(2026, 1, 1))}
    reached, frontier = set(starts), list(starts)
    while frontier:
        state = frontier.pop()
        for t in spec.actions_from(state):
            if t.target is not None and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(spec.states)
    assert spec.final in reached


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_action_is_declared_once_and_names_who_may_make_it(kind):
    spec = KINDS[kind]
    actions = [t.action for t in spec.transitions]
    assert len(actions) == len(set(actions))
    assert all(t.by for t in spec.transitions)
    assert all(t.by <= set(Performer) for t in spec.transitions)


def test_only_a_planner_pauses_or_withdraws_and_the_team_runs_the_inspection():
    spec = kind_of(ActivityType.FULL_INSPECTION)
    assert spec.transition("pause").by == {Performer.PLANNER}
    assert spec.transition("withdraw").needs_reason
    assert spec.transition("start-fieldwork").by == {Performer.TEAM}
    assert spec.transition("publish").by == {Performer.LEAD}
    assert spec.transition(RESUME).target is None  # back to the state it was paused from


def test_what_each_kind_produces():
    assert kind_of("full inspection").produces is Product.OUTCOME
    assert kind_of("monitoring inspection").produces is Product.PROGRESS_FINDINGS
    assert kind_of("engagement meeting").produces is Product.RECORD
    assert kind_of("thematic visit").produces is Product.NATIONAL_CONTRIBUTION
    assert kind_of("full inspection").has_survey and not kind_of("monitoring inspection").has_survey


def test_monitoring_inspection_is_on_site_in_week_three():
    steps = {s.step: s for s in kind_of("monitoring inspection").timeline(date(2025, 9, 29), None)}
    assert steps[NOTIFICATION].start == date(2025, 9, 29)
    assert steps[ONSITE_FIELDWORK].start == date(2025, 10, 13)  # working day 10: the third Monday
    assert steps[ONSITE_FIELDWORK].last_day.weekday() < 5


def test_monitoring_inspection_is_notified_on_a_monday_like_a_full_one():
    with pytest.raises(InvalidNotificationDate, match="Monday"):
        kind_of("monitoring inspection").timeline(date(2025, 9, 30), None)


def test_an_engagement_meeting_is_a_dated_record_not_an_inspection():
    spec = kind_of("engagement meeting")
    assert spec.initial is LiveState.SCHEDULED and spec.final is LiveState.HELD
    assert [s.start for s in spec.timeline(date(2026, 3, 4), None)] == [date(2026, 3, 4)]


def test_an_unknown_kind_is_refused():
    with pytest.raises(KeyError, match="not a kind of live activity"):
        kind_of("local area SEND inspection")


def test_an_inspection_for_a_later_monday_starts_scheduled():
    spec = kind_of("full inspection")
    assert spec.initial_for(date(2027, 1, 11), today=date(2026, 12, 1)) is LiveState.SCHEDULED
    assert spec.initial_for(date(2026, 11, 30), today=date(2026, 12, 1)) is LiveState.NOTIFIED
    assert spec.transition("open").by == {Performer.SYSTEM, Performer.PLANNER}
