"""The area SEND framework as code: pure functions and value objects, no Django.

Everything the framework says about *when* and *what next* lives here (DESIGN.md "The rules as
code"); the facts and their confidence tags are in shared/domain/framework-spec.md.
"""

from .activities import ActivityType, Framework
from .calendar import (
    add_months,
    add_working_days,
    add_years,
    bank_holiday_name,
    bank_holidays,
    is_working_day,
    monday_of_week,
    working_days_between,
)
from .criteria import EVALUATION_AREAS, Criterion, EvaluationArea, Theme, criterion
from .followup import (
    ActivityRecord,
    FollowUp,
    NextDue,
    estimate_start_from_publication,
    follow_up_for_outcome,
    monitoring_visits_allowed,
    next_due,
)
from .outcomes import Outcome, RevisitProgress, outcome_from_text
from .statutory import (
    COVID_RELAXATION,
    LIMITS,
    StatutoryLimit,
    deadline,
    met,
    phase_transfer_deadline,
    post16_transfer_deadline,
)
from .timeline import (
    InvalidNotificationDate,
    Step,
    factual_accuracy_deadline,
    full_inspection_timeline,
    onsite_is_monday_to_friday,
    pap_deadline,
    strategic_plan_deadline,
)
from .versions import (
    VERSIONS,
    FrameworkVersion,
    UnknownFrameworkVersion,
    get_version,
    version_in_force,
)

__all__ = [
    "COVID_RELAXATION",
    "EVALUATION_AREAS",
    "LIMITS",
    "VERSIONS",
    "ActivityRecord",
    "ActivityType",
    "Criterion",
    "EvaluationArea",
    "FollowUp",
    "Framework",
    "FrameworkVersion",
    "InvalidNotificationDate",
    "NextDue",
    "Outcome",
    "RevisitProgress",
    "StatutoryLimit",
    "Step",
    "Theme",
    "UnknownFrameworkVersion",
    "add_months",
    "add_working_days",
    "add_years",
    "bank_holiday_name",
    "bank_holidays",
    "criterion",
    "deadline",
    "estimate_start_from_publication",
    "factual_accuracy_deadline",
    "follow_up_for_outcome",
    "full_inspection_timeline",
    "get_version",
    "is_working_day",
    "met",
    "monday_of_week",
    "monitoring_visits_allowed",
    "next_due",
    "onsite_is_monday_to_friday",
    "outcome_from_text",
    "pap_deadline",
    "phase_transfer_deadline",
    "post16_transfer_deadline",
    "strategic_plan_deadline",
    "version_in_force",
    "working_days_between",
]
