"""The documents of a published report, shared by the views and the `report` command: the
template context, the self-contained print HTML and its cached PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from areasend.inspections.models import Inspection
from areasend.reports import content, pdf

REPORT_BODY = "reports/_report.html"
CARD_BODY = "reports/_card.html"


def context_for(inspection: Inspection) -> dict[str, Any]:
    """What every format of one published report renders (callers check publication)."""
    report = content.build_report(inspection)
    url = settings.AREASEND_BASE_URL.rstrip("/") + reverse("reports:report", args=[inspection.pk])
    actions, more = content.card_actions(report)
    return {"report": report, "themes": content.card_themes(report), "report_url": url,
            "card_actions": actions, "card_more": more}


def print_html(context: dict[str, Any], body: str = REPORT_BODY) -> str:
    """Rendered without a request: the same report always gives the same HTML, hence one
    cached PDF per version of the report."""
    return render_to_string("reports/print.html", {**context, "body": body})


def pdf_path(context: dict[str, Any], body: str = REPORT_BODY) -> Path:
    name = "report-card" if body == CARD_BODY else "report"
    return pdf.cached(f"{name}-{context['report'].inspection.pk}", print_html(context, body))
