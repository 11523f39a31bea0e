"""The national overview: one row per partnership with its latest activity and what is due,
filtered and sorted. Used by the page, its CSV download and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from areasend.areas.models import LocalAreaPartnership
from areasend.caching import cached
from areasend.exports import csv_safe
from areasend.framework.calendar import add_months
from areasend.inspections.due import AreaDue, due_list

OUTCOME_FILTERS = [
    ("", "Any result"),
    ("1", "Outcome 1: positive"),
    ("2", "Outcome 2: inconsistent"),
    ("3", "Outcome 3: widespread or systemic failings"),
    ("wsoa", "2016 framework: written statement of action"),
    ("no-wsoa", "2016 framework: no written statement of action"),
    ("none", "Not yet inspected under the 2023 framework"),
]
DUE_WINDOWS = [
    ("", "Any time"),
    ("overdue", "Overdue"),
    ("3", "Within 3 months"),
    ("6", "Within 6 months"),
    ("12", "Within 12 months"),
    ("24", "Within 24 months"),
]
SORT_KEYS = {
    "name": lambda r: r.area.name,
    "region": lambda r: (r.area.region_name, r.area.name),
    "last": lambda r: (r.last_date or date.min, r.area.name),
    "result": lambda r: (r.result, r.area.name),
    "next": lambda r: (r.next_activity, r.area.name),
    "due": lambda r: (r.due_by, r.area.name),
}
SORT_CHOICES = [
    ("name", "Name"), ("region", "Region"), ("last", "Latest activity date"),
    ("result", "Result"), ("next", "Next activity"), ("due", "Due by"),
]


def region_choices() -> list[tuple[str, str]]:
    def build() -> list[tuple[str, str]]:
        regions = (
            LocalAreaPartnership.objects.order_by("region_name")
            .values_list("region_code", "region_name").distinct()
        )
        return [("", "All regions"), *regions]

    # The nine regions change only with the reference table (areasend.caching).
    return cached(("regions", LocalAreaPartnership.objects.count()), build)


class OverviewFilterForm(forms.Form):
    region = forms.ChoiceField(required=False, label="Region")
    result = forms.ChoiceField(required=False, choices=OUTCOME_FILTERS, label="Latest result")
    due = forms.ChoiceField(required=False, choices=DUE_WINDOWS, label="Next inspection due")
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, label="Sort by")
    order = forms.ChoiceField(
        required=False, choices=[("asc", "Ascending"), ("desc", "Descending")], label="Order"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A callable: read only when the form is validated or shown, not on every page view.
        self.fields["region"].choices = region_choices  # type: ignore[attr-defined]


@dataclass(frozen=True)
class OverviewRow:
    area: LocalAreaPartnership
    due: AreaDue

    @property
    def last_kind(self) -> str:
        last = self.due.last_activity
        return last.kind.capitalize() if last else "None recorded"

    @property
    def last_date(self) -> date | None:
        last = self.due.last_activity
        return last.start_date if last else None

    @property
    def last_date_estimated(self) -> bool:
        last = self.due.last_activity
        return bool(last and last.start_date_estimated)

    @property
    def result(self) -> str:
        last = self.due.last_activity
        return last.result_text if last else ""

    @property
    def result_key(self) -> str:
        last = self.due.last_activity
        if last is None:
            return "none"
        if last.outcome:
            return str(last.outcome)
        return "wsoa" if last.wsoa_required else "no-wsoa"

    @property
    def next_activity(self) -> str:
        return self.due.due.activity.value.capitalize()

    @property
    def due_by(self) -> date:
        return self.due.due.due_by

    @property
    def overdue(self) -> bool:
        return self.due.due.overdue


def matches(row: OverviewRow, data: dict[str, str], as_at: date) -> bool:
    if data.get("region") and row.area.region_code != data["region"]:
        return False
    wanted = data.get("result")
    if wanted:
        if wanted == "none":
            if row.result_key in {"1", "2", "3"}:
                return False
        elif row.result_key != wanted:
            return False
    window = data.get("due")
    if window == "overdue":
        return row.overdue
    if window:
        return row.due_by <= add_months(as_at, int(window))
    return True


def overview_rows(areas: Any, data: dict[str, str], as_at: date) -> list[OverviewRow]:
    rows = [OverviewRow(area=d.area, due=d) for d in due_list(as_at, areas)]
    rows = [r for r in rows if matches(r, data, as_at)]
    rows.sort(key=SORT_KEYS[data.get("sort") or "name"], reverse=data.get("order") == "desc")
    return rows


CSV_HEADER = [
    "area_code", "area_name", "region", "latest_activity", "latest_activity_date",
    "latest_activity_date_estimated", "result", "next_activity", "due_by", "overdue",
]


def csv_row(row: OverviewRow) -> list[str]:
    return [csv_safe(v) for v in (
        row.area.gss_code, row.area.name, row.area.region_name, row.last_kind,
        row.last_date.isoformat() if row.last_date else "", "yes" if row.last_date_estimated else "no",
        row.result, row.next_activity, row.due_by.isoformat(), "yes" if row.overdue else "no",
    )]


