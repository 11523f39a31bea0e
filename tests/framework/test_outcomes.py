"""Outcomes and revisit progress (areasend.framework.outcomes)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from areasend.framework.outcomes import Outcome, RevisitProgress, outcome_from_text

RESEARCH_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "research-data"
INSPECTIONS = RESEARCH_DATA / "inspections"
needs_research_data = pytest.mark.skipif(
    not RESEARCH_DATA.is_dir(), reason=f"shared research data not present at {RESEARCH_DATA}"
)


def test_official_statements_word_for_word() -> None:
    assert Outcome(2).statement == (
        "The local area partnership\u2019s arrangements lead to inconsistent experiences and "
        "outcomes for children and young people with SEND. The local area partnership must work "
        "jointly to make improvements."
    )
    assert Outcome(1).statement.startswith(
        "The local area partnership\u2019s SEND arrangements typically lead to positive"
    )
    assert Outcome(3).statement.endswith("which the local area partnership must address urgently.")


def test_labels() -> None:
    assert [o.label for o in Outcome] == [
        "Positive experiences and outcomes",
        "Inconsistent experiences and outcomes",
        "Widespread and/or systemic failings",
    ]


def test_next_inspection_sentences() -> None:
    assert Outcome.POSITIVE.next_inspection_sentence == (
        "The next full area SEND inspection will be within approximately five years."
    )
    assert Outcome.INCONSISTENT.next_inspection_sentence == (
        "The next full area SEND inspection will be within approximately three years."
    )
    assert Outcome.SYSTEMIC_FAILINGS.next_inspection_sentence == (
        "A monitoring inspection will be carried out within approximately 18 months. "
        "The next full reinspection will be within approximately three years."
    )


@pytest.mark.parametrize(
    ("outcome", "pap", "strategic", "priority_actions"),
    [
        (Outcome.POSITIVE, False, True, False),
        (Outcome.INCONSISTENT, False, True, False),
        (Outcome.SYSTEMIC_FAILINGS, True, False, True),
    ],
)
def test_what_each_outcome_requires(
    outcome: Outcome, pap: bool, strategic: bool, priority_actions: bool
) -> None:
    assert outcome.requires_priority_action_plan is pap
    assert outcome.requires_strategic_plan is strategic
    assert outcome.allows_priority_actions is priority_actions
    expected = "priority action plan" if pap else "strategic plan"
    assert expected in outcome.required_action_sentence


@pytest.mark.parametrize("outcome", list(Outcome))
def test_outcome_from_its_own_statement(outcome: Outcome) -> None:
    assert outcome_from_text(outcome.statement) is outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The local area partnership's special educational needs and/or disabilities (SEND) "
            "arrangements typically lead to POSITIVE   experiences and outcomes",
            Outcome.POSITIVE,
        ),
        ("lead to inconsistent\nexperiences and outcomes", Outcome.INCONSISTENT),
        ("There are widespread and / or systemic failings", Outcome.SYSTEMIC_FAILINGS),
    ],
)
def test_outcome_from_report_wording_variants(text: str, expected: Outcome) -> None:
    assert outcome_from_text(text) is expected


def test_outcome_from_text_names_the_text_when_nothing_matches() -> None:
    with pytest.raises(ValueError, match="Inspection outcome section not found"):
        outcome_from_text("Inspection outcome section not found.")


def test_outcome_from_text_refuses_two_outcomes() -> None:
    with pytest.raises(ValueError, match="more than one outcome"):
        outcome_from_text("positive experiences ... inconsistent experiences")


@needs_research_data
def test_outcome_from_every_scraped_report_matches_its_code() -> None:
    path = INSPECTIONS / "area_send_2023_framework_full_inspections.csv"
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if "not found" not in r["outcome_text_as_scraped"]]
    assert len(rows) >= 90
    for row in rows:
        assert outcome_from_text(row["outcome_text_as_scraped"]) == int(row["outcome_code"])


@pytest.mark.parametrize(
    ("official", "progress"),
    [
        ("Yes", RevisitProgress.ALL),
        ("Some", RevisitProgress.SOME),
        ("No", RevisitProgress.NONE),
        (" yes ", RevisitProgress.ALL),
        ("SOME", RevisitProgress.SOME),
    ],
)
def test_revisit_progress_from_official(official: str, progress: RevisitProgress) -> None:
    assert RevisitProgress.from_official(official) is progress


@pytest.mark.parametrize("bad", ["", "Partly", "Not revisited yet"])
def test_revisit_progress_refuses_other_words(bad: str) -> None:
    with pytest.raises(ValueError, match="Unknown revisit progress"):
        RevisitProgress.from_official(bad)


def test_revisit_progress_values() -> None:
    assert [p.value for p in RevisitProgress] == ["all", "some", "none"]


@needs_research_data
def test_revisit_progress_reads_the_official_2016_statistics() -> None:
    path = INSPECTIONS / "ofsted_area_send_2016_2022_official.csv"
    with path.open(encoding="utf-8") as f:
        values = [r["revisit_sufficient_progress"] for r in csv.DictReader(f)]
    counts: dict[RevisitProgress, int] = {}
    for value in filter(None, values):
        progress = RevisitProgress.from_official(value)
        counts[progress] = counts.get(progress, 0) + 1
    # Research-data README: 46 revisits, 20 Yes, 24 Some, 2 No.
    assert counts == {RevisitProgress.ALL: 20, RevisitProgress.SOME: 24, RevisitProgress.NONE: 2}
