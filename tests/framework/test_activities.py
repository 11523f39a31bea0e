"""Activity types and frameworks (areasend.framework.activities)."""

from __future__ import annotations

import pytest

from areasend.framework.activities import ActivityType, Framework


def test_activity_values_are_the_contract_words() -> None:
    assert [a.value for a in ActivityType] == [
        "full inspection",
        "monitoring inspection",
        "engagement meeting",
        "thematic visit",
        "local area SEND inspection",
        "revisit",
        "interim visit",
    ]
    assert ActivityType("local area SEND inspection") is ActivityType.LEGACY_INSPECTION


def test_framework_values() -> None:
    assert [f.value for f in Framework] == ["2016", "2023"]
    assert Framework("2023") is Framework.F2023


@pytest.mark.parametrize(
    ("activity", "framework", "is_inspection"),
    [
        (ActivityType.FULL_INSPECTION, Framework.F2023, True),
        (ActivityType.MONITORING_INSPECTION, Framework.F2023, True),
        (ActivityType.ENGAGEMENT_MEETING, Framework.F2023, False),
        (ActivityType.THEMATIC_VISIT, Framework.F2023, False),
        (ActivityType.LEGACY_INSPECTION, Framework.F2016, True),
        (ActivityType.REVISIT, Framework.F2016, True),
        (ActivityType.INTERIM_VISIT, Framework.F2016, False),
    ],
)
def test_each_activity_knows_its_framework_and_whether_it_inspects(
    activity: ActivityType, framework: Framework, is_inspection: bool
) -> None:
    assert activity.framework is framework
    assert activity.is_inspection is is_inspection
