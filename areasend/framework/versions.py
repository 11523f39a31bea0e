"""Framework versions: every number the rules use, named and tagged with its confidence.

The tags are those of framework-spec.md §0: [C] confirmed in a primary source, [S] read in a
reliable secondary source, [D] derived by our own analysis, [U] unconfirmed. Values tagged [U]
are open questions (spec §16); they live here, and only here, so that correcting one against the
live handbook is a one-line change. Each version lists its [U] parameters in `unconfirmed` so
pages can say which dates rest on a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType

from .activities import Framework


class UnknownFrameworkVersion(ValueError):
    """Raised for a framework version key that does not exist."""


@dataclass(frozen=True, kw_only=True)
class FrameworkVersion:
    """One revision of the area SEND framework and its parameters (spec §1, §15)."""

    key: str
    framework: Framework
    in_force_from: date

    # --- Full inspection clock, in English working days after the Monday notification (spec §3).
    # [S] Hackney local offer [S33]: families have 6 working days from the start to answer the
    # surveys. We open the window on the notification day (day 0) and keep it open for this many
    # working days, so it closes on working day survey_window_working_days - 1.
    survey_window_working_days: int
    # [U] No source gives the set-up discussion day; "week 1" [S31]. We take the day after notice.
    setup_discussion_working_day: int
    # [U] Annex A deadlines are unknown (spec §3.2 step 3, §16 item 5). Chosen: 3 working days.
    data_request_working_days: int
    # [U] The PCF meeting is "at the start of the inspection" [S35][S39]; day 2 is our choice.
    pcf_meeting_working_day: int
    # [U] Tracking cases are chosen in weeks 1-2 [S36][S37]; day 3 is our choice.
    tracking_selection_working_day: int
    # [S] Six children or young people are tracked [S36][S37].
    tracking_cases: int
    # [S] Practitioners upload documents "within 2 days" of selection [S36].
    tracking_documents_working_days: int
    # [S] Off-site fieldwork starts 8 working days after notice [S31]; Ealing 2025 [S32].
    offsite_fieldwork_working_day: int
    # [S] Inspectors come on site 10 working days after notice [S31][S32].
    onsite_start_working_day: int
    # [S] On site Monday to Friday of week 3 [S31][S34].
    onsite_working_days: int

    # --- After fieldwork (spec §3.2 steps 11-13, §6).
    # [U] The factual accuracy period is unknown (spec §16 item 6). Chosen: 5 working days.
    factual_accuracy_working_days: int
    # [U] The PAP deadline is unknown; one weak source says 35-50 working days of the final
    # report [S76] (spec §6.1). Chosen: 35, the strictest reading.
    pap_deadline_working_days: int
    # [U] The strategic plan deadline is unknown (spec §6.1). Chosen: 70, as the 2016 WSoA.
    strategic_plan_deadline_working_days: int
    # [U] Months between engagement meetings, per latest outcome. "Annual" before June 2025
    # [S40][S41]; June 2025 "adjusted how often" without saying how [S4] (spec §8, §16 item 3).
    # Unhashable like next_full_inspection_years, so left out of the hash.
    engagement_meeting_interval_months: Mapping[int, int] = field(hash=False)
    # [D] Median gap from the last on-site day to publication in 55 reports [S54] (spec §3.2):
    # about 43 working days for inspections before June 2025, about 51 after.
    publication_gap_working_days: int
    # [C] Next full inspection usually within 5 years (outcome 1) or 3 years (2, 3) [S38][S54].
    # Left out of the hash (a mapping is unhashable) so versions can key caches and dicts.
    next_full_inspection_years: Mapping[int, int] = field(hash=False)
    # [C] What the next full inspection (and the monitoring inspection) is counted from: the
    # final report ("publication"), per the handbook's "from the date the LAP receives its final
    # full inspection report" (¶21) [S2] and spec §6.1/§15. "start" reproduces the scraped
    # "next inspection by" dates, which count from the first day on site (D2I [S54]).
    next_full_inspection_from: str
    # [C] Monitoring inspection usually 18 months after the final report (¶21) [S2].
    monitoring_inspection_months: int
    # [C] Handbook ¶23 (7 July 2025) [S2]: usually no more than 3 monitoring visits in any
    # 12 months across area SEND and ILACS. None where the version has no such cap.
    max_monitoring_visits_per_12_months: int | None
    # [C] Handbook ¶149 (7 July 2025) [S2]: who gives feedback on a priority action plan.
    pap_feedback_from: str
    # [C] First cycle of all 153 partnerships ends "by the end of 2027" [S51][S4][S9].
    first_cycle_end: date

    # --- 2016-2022 framework only (spec §10.1); None for the 2023 framework.
    # [S] Phone call on a Monday, inspection the following Monday [S21][S22].
    legacy_notice_working_days: int | None = None
    # [C] WSoA submitted to HMCI within 70 working days of the letter [S11][S19].
    wsoa_submission_working_days: int | None = None
    # [S] Revisit usually within 18 months of the WSoA being accepted [S16][S17].
    revisit_within_months: int | None = None

    # --- Priority action plan clocks (issue 9; next-capabilities §1.4).
    # [S] LDRS, May 2023: the PAP is published within 70 working days of the report.
    pap_publication_working_days: int = 70
    # [U] No review period is published; chosen so that a plan submitted on working day 35 has
    # its feedback before the plan is due to be published.
    pap_review_working_days: int = 20
    # [U] When a monitoring inspection finds ineffective action, a further visit follows; no
    # interval is published. Chosen: 12 months, inside the ¶23 cap.
    further_monitoring_months: int = 12

    unconfirmed: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # A typo in `unconfirmed` would silently drop the "unconfirmed" warning from a page.
        names = {f.name for f in fields(self)}
        unknown = sorted(self.unconfirmed - names)
        if unknown:
            raise ValueError(f"Framework version {self.key}: unknown parameter(s) {unknown}")

    def is_unconfirmed(self, parameter: str) -> bool:
        """True when the parameter's value is tagged [U] in the spec."""
        return parameter in self.unconfirmed

    def provisional(self, parameter: str) -> Provisional | None:
        """How to label a value that rests on an unconfirmed parameter; None when confirmed."""
        if not self.is_unconfirmed(parameter):
            return None
        return Provisional(parameter, self.key, PARAMETER_SOURCES[parameter])


@dataclass(frozen=True)
class Provisional:
    """A value the spec tags [U]: shown as "usually", with where the guess comes from."""

    parameter: str
    version: str
    source: str

    @property
    def label(self) -> str:
        return "usually"

    def as_dict(self) -> dict[str, str]:
        return {"parameter": self.parameter, "framework_version": self.version,
                "label": self.label, "source": self.source}


# Where each [U] value comes from, in words a page can show next to it (spec §16).
PARAMETER_SOURCES: Mapping[str, str] = MappingProxyType({
    "setup_discussion_working_day": "provisional: the handbook says only 'week 1' (framework-spec §3.2)",
    "data_request_working_days": "provisional: Annex A deadlines are not published (framework-spec §16 item 5)",
    "pcf_meeting_working_day": "provisional: 'at the start of the inspection' (framework-spec §3.2)",
    "tracking_selection_working_day": "provisional: 'weeks 1 to 2' (framework-spec §3.2)",
    "factual_accuracy_working_days": "provisional: the handbook's period is not known (framework-spec §16 item 6)",
    "pap_deadline_working_days": "provisional: one weak source says 35 to 50 working days (framework-spec §6.1)",
    "strategic_plan_deadline_working_days": "provisional: no deadline is published (framework-spec §6.1)",
    "engagement_meeting_interval_months": (
        "provisional: 'annual' before June 2025; the new frequency is not published (framework-spec §8)"
    ),
    "pap_publication_working_days": "provisional: one local news source (next-capabilities §1.4)",
    "pap_review_working_days": "provisional: no review period is published (next-capabilities §1.4)",
    "further_monitoring_months": "provisional: no interval for a further monitoring visit is published",
    "school_holidays": "provisional: typical English term dates; each local authority sets its own",
})


_UNCONFIRMED = frozenset(
    {
        "setup_discussion_working_day",
        "data_request_working_days",
        "pcf_meeting_working_day",
        "tracking_selection_working_day",
        "factual_accuracy_working_days",
        "pap_deadline_working_days",
        "strategic_plan_deadline_working_days",
        "engagement_meeting_interval_months",
        "pap_publication_working_days",
        "pap_review_working_days",
        "further_monitoring_months",
    }
)

_V2023_01 = FrameworkVersion(
    key="2023-01",
    framework=Framework.F2023,
    in_force_from=date(2023, 1, 1),  # [C] spec §1 "Framework dates"
    survey_window_working_days=6,
    setup_discussion_working_day=1,
    data_request_working_days=3,
    pcf_meeting_working_day=2,
    tracking_selection_working_day=3,
    tracking_cases=6,
    tracking_documents_working_days=2,
    offsite_fieldwork_working_day=8,
    onsite_start_working_day=10,
    onsite_working_days=5,
    factual_accuracy_working_days=5,
    pap_deadline_working_days=35,
    strategic_plan_deadline_working_days=70,
    engagement_meeting_interval_months=MappingProxyType({1: 12, 2: 12, 3: 12}),
    publication_gap_working_days=43,
    next_full_inspection_years=MappingProxyType({1: 5, 2: 3, 3: 3}),
    next_full_inspection_from="publication",
    monitoring_inspection_months=18,
    max_monitoring_visits_per_12_months=None,
    pap_feedback_from="Ofsted and CQC",  # [S] Nottinghamshire 2023 PAP "approved" [S46]
    first_cycle_end=date(2027, 12, 31),
    unconfirmed=_UNCONFIRMED,
)

# 6 June 2025 revision [C] [S2]: monitoring and PAP processes reworded; the observed
# publication gap lengthened to about 51 working days [D] [S54].
_V2025_06 = replace(
    _V2023_01, key="2025-06", in_force_from=date(2025, 6, 6), publication_gap_working_days=51
)

# 7 July 2025 revision [C] [S2]: the monitoring-visit cap (¶23) and PAP feedback only from the
# DfE and regional NHS England (¶149).
_V2025_07 = replace(
    _V2025_06,
    key="2025-07",
    in_force_from=date(2025, 7, 7),
    max_monitoring_visits_per_12_months=3,
    pap_feedback_from="DfE and regional NHS England",
)

# The 2016 framework (spec §10.1). The 2023 full-inspection fields are kept so every version has
# the same shape, but nothing uses them for 2016: the timeline refuses a 2016 version.
_V2016 = replace(
    _V2023_01,
    key="2016",
    framework=Framework.F2016,
    in_force_from=date(2016, 5, 1),  # [C] inspections from May 2016 [S84][S85]
    legacy_notice_working_days=5,
    wsoa_submission_working_days=70,
    revisit_within_months=18,
)

VERSIONS: tuple[FrameworkVersion, ...] = (_V2016, _V2023_01, _V2025_06, _V2025_07)

_BY_KEY: dict[str, FrameworkVersion] = {v.key: v for v in VERSIONS}


def get_version(key: str) -> FrameworkVersion:
    """The framework version with this key, e.g. "2025-07"."""
    try:
        return _BY_KEY[key]
    except KeyError:
        valid = ", ".join(_BY_KEY)
        raise UnknownFrameworkVersion(
            f"Unknown framework version {key!r}; valid versions are: {valid}"
        ) from None


def version_in_force(on: date) -> FrameworkVersion:
    """The framework version in force on a date.

    Any date before 1 January 2023 gets the 2016 framework, including dates before May 2016:
    no earlier arrangement is modelled.
    """
    for version in reversed(VERSIONS):
        if version.in_force_from <= on:
            return version
    return VERSIONS[0]
