"""Framework versions and their parameters (areasend.framework.versions)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from areasend.framework.activities import Framework
from areasend.framework.versions import (
    VERSIONS,
    FrameworkVersion,
    UnknownFrameworkVersion,
    get_version,
    version_in_force,
)

UNCONFIRMED = {
    "factual_accuracy_working_days",
    "pap_deadline_working_days",
    "strategic_plan_deadline_working_days",
    "engagement_meeting_interval_months",
    "data_request_working_days",
    "setup_discussion_working_day",
    "pcf_meeting_working_day",
    "tracking_selection_working_day",
    "pap_publication_working_days",  # issue 9
    "pap_review_working_days",
    "further_monitoring_months",
}


def test_versions_in_order() -> None:
    assert [v.key for v in VERSIONS] == ["2016", "2023-01", "2025-06", "2025-07"]
    starts = [v.in_force_from for v in VERSIONS]
    assert starts == sorted(starts)
    assert [v.framework for v in VERSIONS] == [Framework.F2016] + [Framework.F2023] * 3


def test_get_version_by_key() -> None:
    assert get_version("2025-06").in_force_from == date(2025, 6, 6)


def test_unknown_version_lists_the_valid_keys() -> None:
    with pytest.raises(
        UnknownFrameworkVersion, match=r"'2024-04'.*2016, 2023-01, 2025-06, 2025-07"
    ):
        get_version("2024-04")
    assert issubclass(UnknownFrameworkVersion, ValueError)


@pytest.mark.parametrize(
    ("on", "key"),
    [
        (date(2010, 1, 1), "2016"),
        (date(2016, 5, 1), "2016"),
        (date(2022, 12, 31), "2016"),
        (date(2023, 1, 1), "2023-01"),
        (date(2025, 6, 5), "2023-01"),
        (date(2025, 6, 6), "2025-06"),
        (date(2025, 7, 6), "2025-06"),
        (date(2025, 7, 7), "2025-07"),
        (date(2030, 1, 1), "2025-07"),
    ],
)
def test_version_in_force(on: date, key: str) -> None:
    assert version_in_force(on).key == key


def test_2023_framework_parameters() -> None:
    v = get_version("2023-01")
    assert v.survey_window_working_days == 6
    assert v.tracking_cases == 6
    assert v.tracking_documents_working_days == 2
    assert v.offsite_fieldwork_working_day == 8
    assert v.onsite_start_working_day == 10
    assert v.onsite_working_days == 5
    assert v.factual_accuracy_working_days == 5
    assert v.pap_deadline_working_days == 35
    assert v.strategic_plan_deadline_working_days == 70
    assert dict(v.engagement_meeting_interval_months) == {1: 12, 2: 12, 3: 12}
    assert v.next_full_inspection_from == "publication"
    assert v.data_request_working_days == 3
    assert v.pcf_meeting_working_day == 2
    assert v.tracking_selection_working_day == 3
    assert dict(v.next_full_inspection_years) == {1: 5, 2: 3, 3: 3}
    assert v.monitoring_inspection_months == 18
    assert v.first_cycle_end == date(2027, 12, 31)
    assert v.legacy_notice_working_days is None
    assert v.wsoa_submission_working_days is None
    assert v.revisit_within_months is None


def test_publication_gap_lengthens_from_june_2025() -> None:
    gaps = {v.key: v.publication_gap_working_days for v in VERSIONS}
    assert gaps == {"2016": 43, "2023-01": 43, "2025-06": 51, "2025-07": 51}


def test_july_2025_brings_the_monitoring_cap_and_pap_feedback_change() -> None:
    caps = {v.key: v.max_monitoring_visits_per_12_months for v in VERSIONS}
    assert caps == {"2016": None, "2023-01": None, "2025-06": None, "2025-07": 3}
    assert get_version("2025-07").pap_feedback_from == "DfE and regional NHS England"
    assert get_version("2025-06").pap_feedback_from == "Ofsted and CQC"


def test_legacy_parameters_only_on_the_2016_version() -> None:
    v = get_version("2016")
    assert v.legacy_notice_working_days == 5
    assert v.wsoa_submission_working_days == 70
    assert v.revisit_within_months == 18


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.key)
def test_unconfirmed_parameters_are_listed_and_real(version: FrameworkVersion) -> None:
    assert version.unconfirmed == UNCONFIRMED
    names = {f.name for f in dataclasses.fields(FrameworkVersion)}
    assert version.unconfirmed <= names
    assert version.is_unconfirmed("pap_deadline_working_days")
    assert not version.is_unconfirmed("onsite_start_working_day")


def test_a_misspelt_unconfirmed_parameter_is_refused() -> None:
    with pytest.raises(ValueError, match="pap_deadline_days"):
        dataclasses.replace(get_version("2025-07"), unconfirmed=frozenset({"pap_deadline_days"}))


def test_versions_are_immutable() -> None:
    v = get_version("2025-07")
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.pap_deadline_working_days = 50  # type: ignore[misc]
    with pytest.raises(TypeError):
        v.next_full_inspection_years[1] = 4  # type: ignore[index]


def test_versions_are_hashable_and_compare_by_value() -> None:
    v = get_version("2025-07")
    assert {v: "x"}[v] == "x"
    assert dataclasses.replace(v) == v
    assert dataclasses.replace(v, pap_deadline_working_days=50) != v
