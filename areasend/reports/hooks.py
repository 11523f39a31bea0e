"""Seams that later parts of the service fill without the reports app depending on them.

A surveys app registers one function in its `AppConfig.ready()`:

    from areasend.reports import hooks
    hooks.survey_summary_providers.append(summary_for)

`summary_for(inspection)` returns `None` (no summary: nothing is shown) or a `SurveySummary`
whose template is rendered (with `summary` = its context) in the `survey_summary` block, under the
heading "What children, young people and families told us", in the page, the PDF and the report
card alike. Only published
inspections are ever passed in, so a provider needs no embargo check of its own; it must still
suppress small counts itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SurveySummary:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


survey_summary_providers: list[Callable[[Any], SurveySummary | None]] = []


def survey_summary(inspection: Any) -> SurveySummary | None:
    """The first summary a registered provider gives for this published inspection."""
    for provider in survey_summary_providers:
        found = provider(inspection)
        if found is not None:
            return found
    return None
