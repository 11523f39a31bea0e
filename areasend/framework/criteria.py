"""Evaluation criteria (spec §4.1) and the eight recurring themes (spec §13)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Theme(StrEnum):
    """The eight themes named in the review announcement of 6 June 2025 [C] (spec §13)."""

    STRATEGIC_GOVERNANCE = "strategic-governance"
    DATA_SHARING = "data-sharing"
    JOINT_COMMISSIONING = "joint-commissioning"
    CO_PRODUCTION = "co-production"
    EHC_PLANS = "ehc-plans"
    HEALTH_WAITING_TIMES = "health-waiting-times"
    EARLY_HELP = "early-help"
    NEXT_STAGE = "next-stage"

    # Shadows str.title() on purpose: the theme's heading reads better than a method nobody
    # calls on a slug.
    @property
    def title(self) -> str:  # type: ignore[override]
        """The theme's full wording."""
        return _THEME_TITLES[self]


_THEME_TITLES: dict[Theme, str] = {
    Theme.STRATEGIC_GOVERNANCE: "Strategic governance and oversight",
    Theme.DATA_SHARING: "Information, data-sharing and coordination of services",
    Theme.JOINT_COMMISSIONING: "Joint commissioning arrangements across the partnership",
    Theme.CO_PRODUCTION: "Co-production with children, young people, families and providers",
    Theme.EHC_PLANS: "Timeliness and/or quality of EHC plans",
    Theme.HEALTH_WAITING_TIMES: "Waiting times for health services",
    Theme.EARLY_HELP: "Early help and identification of need",
    Theme.NEXT_STAGE: "Moving to the next stage of education, training or employment",
}


class UnknownCriterion(ValueError):
    """Raised for a criterion code that does not exist."""


@dataclass(frozen=True)
class Criterion:
    """One evaluation criterion, paraphrased (the handbook text could not be read; spec §0)."""

    code: str
    area: str
    text: str
    confirmed: bool = True


@dataclass(frozen=True)
class EvaluationArea:
    """One of the two things inspectors evaluate (spec §4.1)."""

    key: str
    title: str
    criteria: tuple[Criterion, ...]
    # False where the criteria are recalled, not read in a source ([U], spec §16 item 1).
    confirmed: bool


_A = "A"
_B = "B"

# [S] Criteria A1-A5, paraphrased from the Lancashire guide [S31]; A1 also in [S56].
_AREA_A = EvaluationArea(
    key=_A,
    title=(
        "The impact of the local area partnership's SEND arrangements on the experiences and "
        "outcomes of children and young people"
    ),
    criteria=(
        Criterion(
            "A1", _A, "Needs are identified accurately and assessed in a timely and effective way."
        ),
        Criterion(
            "A2",
            _A,
            "Children, young people and their families take part in decisions "
            "about their individual plans and support.",
        ),
        Criterion("A3", _A, "Children and young people get the right help at the right time."),
        Criterion(
            "A4",
            _A,
            "Children and young people are well prepared for their next steps "
            "and achieve strong outcomes.",
        ),
        Criterion(
            "A5",
            _A,
            "Children and young people are valued, visible and included in their communities.",
        ),
    ),
    confirmed=True,
)

# [U] The heading is [S] [S40][S33]; B1-B6 are recalled from the 2023 handbook and could not be
# checked (spec §4.1, §16 item 1).
_AREA_B = EvaluationArea(
    key=_B,
    title="How local area partners work together to plan, evaluate and develop the SEND system",
    criteria=(
        Criterion(
            "B1",
            _B,
            "Leaders are ambitious for children and young people with SEND.",
            confirmed=False,
        ),
        Criterion(
            "B2",
            _B,
            "Leaders actively engage and work with children, young people and "
            "families, including the parent carer forum.",
            confirmed=False,
        ),
        Criterion(
            "B3",
            _B,
            "Leaders have an accurate, shared understanding of the needs of "
            "children and young people in their area.",
            confirmed=False,
        ),
        Criterion(
            "B4",
            _B,
            "Leaders commission services and provision to meet those needs and "
            "aspirations, including alternative provision.",
            confirmed=False,
        ),
        Criterion("B5", _B, "Leaders evaluate services and make improvements.", confirmed=False),
        Criterion(
            "B6",
            _B,
            "Leaders create an environment in which effective practice and "
            "multi-agency working can flourish.",
            confirmed=False,
        ),
    ),
    confirmed=False,
)

EVALUATION_AREAS: MappingProxyType[str, EvaluationArea] = MappingProxyType(
    {_A: _AREA_A, _B: _AREA_B}
)

_BY_CODE: dict[str, Criterion] = {
    c.code: c for area in EVALUATION_AREAS.values() for c in area.criteria
}


def criterion(code: str) -> Criterion:
    """The criterion with this code, e.g. "A1" (case-insensitive)."""
    try:
        return _BY_CODE[code.strip().upper()]
    except KeyError:
        valid = ", ".join(_BY_CODE)
        raise UnknownCriterion(f"Unknown criterion {code!r}; valid codes are: {valid}") from None
