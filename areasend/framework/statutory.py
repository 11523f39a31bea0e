"""Statutory EHC time limits a data return can be checked against (spec §11).

Sources: the Children and Families Act 2014 Part 3 and the SEND Regulations 2014
(SI 2014/1530). Exceptions such as regulation 10(4) (a setting closed for 4 weeks, exceptional
personal circumstances, missed appointments) switch a limit off for one case; recording them is
the caller's job, this module only computes the dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

from .calendar import add_months, add_working_days

Unit = Literal["weeks", "calendar days", "months", "working days"]

# [C] The Special Educational Needs and Disability (Coronavirus) (Amendment) Regulations 2020
# relaxed these limits from 1 May to 25 September 2020 where coronavirus made them
# impractical [S75]. Compliance figures over this period need a caveat, not a failure.
COVID_RELAXATION: tuple[date, date] = (date(2020, 5, 1), date(2020, 9, 25))


class UnknownStatutoryLimit(ValueError):
    """Raised for a statutory limit key that does not exist."""


@dataclass(frozen=True)
class StatutoryLimit:
    """One time limit: `amount` `unit`s from `trigger`.

    `counts_trigger_day` is True where the law counts the period "beginning with" the trigger
    day, so the last day of the period is one day earlier than a plain addition gives.
    """

    key: str
    name: str
    amount: int
    unit: Unit
    trigger: str
    source: str
    counts_trigger_day: bool = False


_REGS = "SEND Regulations 2014"

_ALL: tuple[StatutoryLimit, ...] = (
    StatutoryLimit(
        key="decision_to_assess",
        name="Decision whether to carry out an EHC needs assessment",
        amount=6,
        unit="weeks",
        trigger="request for an EHC needs assessment",
        source=f"{_REGS}, reg 5(1)",
    ),
    StatutoryLimit(
        key="advice",
        name="Advice for the EHC needs assessment",
        amount=6,
        unit="weeks",
        trigger="request for advice",
        source=f"{_REGS}, reg 8",
    ),
    StatutoryLimit(
        key="refusal_to_issue",
        name="Notice of a decision not to issue an EHC plan",
        amount=16,
        unit="weeks",
        trigger="request for an EHC needs assessment",
        source=f"{_REGS}, reg 10(1)",
    ),
    StatutoryLimit(
        key="draft_plan_comments",
        name="Time to comment on a draft EHC plan",
        amount=15,
        unit="calendar days",
        trigger="draft plan served",
        source=f"{_REGS}, reg 13(1)(a)",
        counts_trigger_day=True,  # "at least 15 days, beginning with the day ... served"
    ),
    StatutoryLimit(
        key="final_plan",
        name="Final EHC plan issued",
        amount=20,
        unit="weeks",
        trigger="request for an EHC needs assessment",
        source=f"{_REGS}, reg 13(2)",
    ),
    StatutoryLimit(
        key="annual_review",
        name="EHC plan reviewed",
        amount=12,
        unit="months",
        trigger="plan made or last reviewed",
        source="Children and Families Act 2014, s44(1)",
        counts_trigger_day=True,  # "the period of 12 months starting with the date ..."
    ),
    StatutoryLimit(
        key="post_review_decision",
        name="Decision to keep, amend or cease after a review",
        amount=4,
        unit="weeks",
        trigger="review meeting",
        source=f"{_REGS}, reg 20; R (L, M and P) v Devon CC [2022] EWHC 493 (Admin) [S69]",
    ),
    StatutoryLimit(
        key="amended_plan",
        name="Final amended EHC plan after a review",
        amount=8,
        unit="weeks",
        trigger="proposed amendments sent",
        source=f"{_REGS}, reg 22(3)",
    ),
    StatutoryLimit(
        key="reassessment_final_plan",
        name="Final EHC plan after a re-assessment",
        amount=14,
        unit="weeks",
        trigger="notice of re-assessment",
        source=f"{_REGS}, reg 27(2)",
    ),
)

LIMITS: MappingProxyType[str, StatutoryLimit] = MappingProxyType({lim.key: lim for lim in _ALL})


def limit(limit_key: str) -> StatutoryLimit:
    """The statutory limit with this key."""
    try:
        return LIMITS[limit_key]
    except KeyError:
        valid = ", ".join(LIMITS)
        raise UnknownStatutoryLimit(
            f"Unknown statutory limit {limit_key!r}; valid limits are: {valid}"
        ) from None


def deadline(limit_key: str, trigger: date) -> date:
    """The last day on which the step is on time."""
    lim = limit(limit_key)
    if lim.unit == "weeks":
        end = trigger + timedelta(weeks=lim.amount)
    elif lim.unit == "calendar days":
        end = trigger + timedelta(days=lim.amount)
    elif lim.unit == "months":
        end = add_months(trigger, lim.amount)
    else:
        end = add_working_days(trigger, lim.amount)
    return end - timedelta(days=1) if lim.counts_trigger_day else end


def met(limit_key: str, trigger: date, done: date | None, as_at: date) -> bool | None:
    """Whether the limit was met: None while it is not done and not yet past its deadline."""
    due = deadline(limit_key, trigger)
    if done is not None:
        return done <= due
    return False if as_at > due else None


# [C] SEND Regulations 2014, reg 18(1) [S64]: review and amend the plan *before* these dates in
# the calendar year of the transfer.
_PHASE_TRANSFER_DAY: dict[str, tuple[int, int]] = {
    "school": (2, 15),
    "secondary-to-post16": (3, 31),
}


def phase_transfer_deadline(transfer_year: int, transfer: str) -> date:
    """The reg 18(1) date for a phase transfer: 15 February ("school"), 31 March
    ("secondary-to-post16").

    The regulation says "before" this date, so a review completed on or after it is late:
    compliant means done < phase_transfer_deadline(...). For a post-16 to post-16 transfer at
    any other time use post16_transfer_deadline().
    """
    if transfer == "post16-to-post16":
        raise ValueError(
            "A post-16 to post-16 transfer is timed from its transfer date: "
            "use post16_transfer_deadline(transfer_date)"
        )
    try:
        month, day = _PHASE_TRANSFER_DAY[transfer]
    except KeyError:
        valid = ", ".join([*_PHASE_TRANSFER_DAY, "post16-to-post16"])
        raise ValueError(f"Unknown phase transfer {transfer!r}; valid transfers: {valid}") from None
    return date(transfer_year, month, day)


def post16_transfer_deadline(transfer_date: date) -> date:
    """Reg 18(2): review and amend at least five months before a post-16 to post-16 transfer.

    Done on or before the returned date is compliant.
    """
    return add_months(transfer_date, -5)


def in_covid_relaxation(d: date) -> bool:
    """True if d falls in the temporary COVID relaxation of the time limits (1 May-25 Sep 2020)."""
    start, end = COVID_RELAXATION
    return start <= d <= end
