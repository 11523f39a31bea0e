"""The kinds of area SEND activity under both frameworks (framework-spec.md §2)."""

from __future__ import annotations

from enum import StrEnum


class Framework(StrEnum):
    """The two inspection frameworks: 2016-2022 local area SEND and the 2023 area SEND framework."""

    F2016 = "2016"
    F2023 = "2023"


class ActivityType(StrEnum):
    """Every activity the inspectorates carry out in a local area (spec §2 table).

    The values are the words the command line and the API print, so they must stay stable.
    """

    FULL_INSPECTION = "full inspection"
    MONITORING_INSPECTION = "monitoring inspection"
    ENGAGEMENT_MEETING = "engagement meeting"
    THEMATIC_VISIT = "thematic visit"
    LEGACY_INSPECTION = "local area SEND inspection"
    REVISIT = "revisit"
    INTERIM_VISIT = "interim visit"

    @property
    def framework(self) -> Framework:
        """The framework this activity belongs to."""
        return _FRAMEWORK_OF[self]

    @property
    def is_inspection(self) -> bool:
        """True for activities that inspect the area.

        Engagement meetings, thematic visits and the 2020-21 interim visits are explicitly not
        inspections (spec §2, §9, §10.2): no outcome, no letter for the area, and they do not
        change what is due next.
        """
        return self in _INSPECTIONS


_FRAMEWORK_OF: dict[ActivityType, Framework] = {
    ActivityType.FULL_INSPECTION: Framework.F2023,
    ActivityType.MONITORING_INSPECTION: Framework.F2023,
    ActivityType.ENGAGEMENT_MEETING: Framework.F2023,
    ActivityType.THEMATIC_VISIT: Framework.F2023,
    ActivityType.LEGACY_INSPECTION: Framework.F2016,
    ActivityType.REVISIT: Framework.F2016,
    ActivityType.INTERIM_VISIT: Framework.F2016,
}

_INSPECTIONS = frozenset(
    {
        ActivityType.FULL_INSPECTION,
        ActivityType.MONITORING_INSPECTION,
        ActivityType.LEGACY_INSPECTION,
        ActivityType.REVISIT,
    }
)
