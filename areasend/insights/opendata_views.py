"""The open data page and its downloads (/statistics/open-data/): public, like the statistics."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from areasend.caching import cached
from areasend.exports import csv_safe
from areasend.framework.outcomes import Outcome
from areasend.inspections.models import history_fingerprint

from .charts import publication_delay_chart
from .opendata import DATASETS, LICENCE, LICENCE_URL, Dataset, csv_cell, table


def _dataset(slug: str) -> Dataset:
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise Http404("No such dataset")
    return dataset


def _table(dataset: Dataset) -> list[dict[str, Any]]:
    """Built once per state of the history and day (the due list moves with the date)."""
    today = timezone.localdate()
    return cached(("open-data", dataset.slug, history_fingerprint(), today), lambda: table(dataset, today))


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/open_data.html", {
        "datasets": DATASETS.values(), "licence": LICENCE, "licence_url": LICENCE_URL})


@require_safe
def dataset_csv(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="area-send-{dataset.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(dataset.names)
    writer.writerows([csv_safe(csv_cell(row[name])) for name in dataset.names] for row in _table(dataset))
    return response


@require_safe
def dataset_json(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset(slug)
    body = {
        "dataset": dataset.slug, "title": dataset.title, "licence": LICENCE, "licence_url": LICENCE_URL,
        "generated_on": timezone.localdate().isoformat(),
        "columns": [{"name": c.name, "type": c.type, "meaning": c.meaning} for c in dataset.columns],
        "rows": _table(dataset),
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="area-send-{dataset.slug}.json"'
    return response


@require_safe
def themes_and_timeliness(request: HttpRequest) -> HttpResponse:
    from .national import theme_table, timeliness

    key = ("themes-and-timeliness", history_fingerprint())
    context = cached(key, lambda: {"timeliness": timeliness(), "themes": theme_table(),
                                   "delay_chart": publication_delay_chart(0)})
    return render(request, "insights/themes_and_timeliness.html", {**context, "outcomes": list(Outcome)})
