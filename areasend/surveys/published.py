"""The survey summary families read: in plain words, from the running totals, never comments.
Shown on the survey summary page and, once the report is published, inside the report, its PDF
and its card (registered with `reports.hooks` in `SurveysConfig.ready`)."""

from __future__ import annotations

from typing import Any

from areasend.inspections.models import Inspection
from areasend.reports import hooks

from . import services
from .results import MIN_RESPONSES_TO_SHOW, SUPPRESSION_NOTE, from_counts, summary_sentences


def sections_for(inspection: Inspection) -> list[dict[str, Any]]:
    """One section per audience surveyed: its result (small counts suppressed) and sentences."""
    sections = []
    for survey in inspection.surveys.all():
        result = from_counts(survey.questionnaire, services.counts_of(survey), {})
        plural = survey.audience_label.lower()
        sections.append({"survey": survey, "result": result, "sentences": summary_sentences(plural, result)})
    return sections


def report_summary(inspection: Any) -> hooks.SurveySummary | None:
    """The report's survey section: nothing when no survey was run for the inspection."""
    sections = sections_for(inspection)
    if not sections:
        return None
    return hooks.SurveySummary("surveys/_report_summary.html", {
        "sections": sections, "threshold": MIN_RESPONSES_TO_SHOW, "suppression_note": SUPPRESSION_NOTE,
    })
