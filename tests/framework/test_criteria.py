"""Evaluation criteria and themes (areasend.framework.criteria)."""

from __future__ import annotations

import pytest

from areasend.framework.criteria import (
    EVALUATION_AREAS,
    Theme,
    UnknownCriterion,
    criterion,
)


def test_eight_themes_with_slugs() -> None:
    assert [t.value for t in Theme] == [
        "strategic-governance",
        "data-sharing",
        "joint-commissioning",
        "co-production",
        "ehc-plans",
        "health-waiting-times",
        "early-help",
        "next-stage",
    ]


def test_theme_titles_use_the_announced_wording() -> None:
    assert Theme.STRATEGIC_GOVERNANCE.title == "Strategic governance and oversight"
    assert Theme.EHC_PLANS.title == "Timeliness and/or quality of EHC plans"
    assert Theme("next-stage").title == (
        "Moving to the next stage of education, training or employment"
    )
    assert len({t.title for t in Theme}) == 8


def test_area_a_has_five_confirmed_criteria() -> None:
    area = EVALUATION_AREAS["A"]
    assert [c.code for c in area.criteria] == ["A1", "A2", "A3", "A4", "A5"]
    assert area.confirmed and all(c.confirmed for c in area.criteria)
    assert "identified accurately" in area.criteria[0].text


def test_area_b_has_six_unconfirmed_criteria() -> None:
    area = EVALUATION_AREAS["B"]
    assert [c.code for c in area.criteria] == ["B1", "B2", "B3", "B4", "B5", "B6"]
    assert not area.confirmed and not any(c.confirmed for c in area.criteria)
    assert area.title.startswith("How local area partners work together")


def test_criterion_lookup() -> None:
    assert criterion("A3").text == "Children and young people get the right help at the right time."
    assert criterion(" b5 ").area == "B"


def test_unknown_criterion_lists_the_valid_codes() -> None:
    with pytest.raises(UnknownCriterion, match=r"'C1'.*A1, A2"):
        criterion("C1")
