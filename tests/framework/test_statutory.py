"""Statutory EHC time limits (areasend.framework.statutory)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areasend.framework.statutory import (
    COVID_RELAXATION,
    LIMITS,
    UnknownStatutoryLimit,
    deadline,
    in_covid_relaxation,
    met,
    phase_transfer_deadline,
    post16_transfer_deadline,
)

FAST = settings(max_examples=100, deadline=None, database=None)


def test_the_limits() -> None:
    assert {k: (lim.amount, lim.unit) for k, lim in LIMITS.items()} == {
        "decision_to_assess": (6, "weeks"),
        "advice": (6, "weeks"),
        "refusal_to_issue": (16, "weeks"),
        "draft_plan_comments": (15, "calendar days"),
        "final_plan": (20, "weeks"),
        "annual_review": (12, "months"),
        "post_review_decision": (4, "weeks"),
        "amended_plan": (8, "weeks"),
        "reassessment_final_plan": (14, "weeks"),
    }
    assert LIMITS["decision_to_assess"].source == "SEND Regulations 2014, reg 5(1)"
    assert all(lim.key == key and lim.name and lim.trigger for key, lim in LIMITS.items())


@pytest.mark.parametrize(
    ("key", "trigger", "expected"),
    [
        ("decision_to_assess", date(2024, 1, 1), date(2024, 2, 12)),
        ("advice", date(2024, 1, 1), date(2024, 2, 12)),
        ("refusal_to_issue", date(2024, 1, 1), date(2024, 4, 22)),
        ("final_plan", date(2024, 1, 1), date(2024, 5, 20)),
        ("post_review_decision", date(2024, 6, 3), date(2024, 7, 1)),
        ("amended_plan", date(2024, 6, 3), date(2024, 7, 29)),
        ("reassessment_final_plan", date(2024, 6, 3), date(2024, 9, 9)),
        # "at least 15 days, beginning with the day on which the draft plan was served"
        ("draft_plan_comments", date(2024, 3, 1), date(2024, 3, 15)),
        # "the period of 12 months starting with the date on which the plan was first made"
        ("annual_review", date(2024, 3, 1), date(2025, 2, 28)),
        ("annual_review", date(2024, 2, 29), date(2025, 2, 27)),
    ],
)
def test_deadlines(key: str, trigger: date, expected: date) -> None:
    assert deadline(key, trigger) == expected


def test_met_on_time_late_and_not_yet_due() -> None:
    request = date(2024, 1, 1)  # final plan due 2024-05-20
    assert met("final_plan", request, date(2024, 5, 20), date(2024, 6, 1)) is True
    assert met("final_plan", request, date(2024, 5, 21), date(2024, 6, 1)) is False
    assert met("final_plan", request, None, date(2024, 5, 20)) is None
    assert met("final_plan", request, None, date(2024, 5, 21)) is False


@FAST
@given(
    st.sampled_from(sorted(LIMITS)),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
)
def test_every_deadline_is_after_its_trigger(key: str, trigger: date) -> None:
    due = deadline(key, trigger)
    assert due > trigger
    assert met(key, trigger, due, due) is True
    assert met(key, trigger, None, trigger) is None


def test_unknown_limit_lists_the_valid_keys() -> None:
    with pytest.raises(UnknownStatutoryLimit, match=r"'final-plan'.*final_plan"):
        deadline("final-plan", date(2024, 1, 1))


def test_phase_transfer_deadlines() -> None:
    assert phase_transfer_deadline(2026, "school") == date(2026, 2, 15)
    assert phase_transfer_deadline(2026, "secondary-to-post16") == date(2026, 3, 31)
    with pytest.raises(ValueError, match="post16_transfer_deadline"):
        phase_transfer_deadline(2026, "post16-to-post16")
    with pytest.raises(ValueError, match="Unknown phase transfer 'college'"):
        phase_transfer_deadline(2026, "college")


def test_post16_to_post16_transfer_is_five_months_before() -> None:
    assert post16_transfer_deadline(date(2026, 1, 5)) == date(2025, 8, 5)
    assert post16_transfer_deadline(date(2026, 7, 31)) == date(2026, 2, 28)


def test_covid_relaxation_period() -> None:
    assert (date(2020, 5, 1), date(2020, 9, 25)) == COVID_RELAXATION
    assert in_covid_relaxation(date(2020, 5, 1))
    assert in_covid_relaxation(date(2020, 9, 25))
    assert not in_covid_relaxation(date(2020, 4, 30))
    assert not in_covid_relaxation(date(2020, 9, 26))
