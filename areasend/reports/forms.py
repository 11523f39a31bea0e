"""The filters of the published reports list; a bad value is a 400 naming the filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import Framework
from areasend.framework.outcomes import Outcome

FIRST_YEAR = 2016  # the first area SEND inspections were published in 2016


class ReportFilterForm(forms.Form):
    area = forms.ChoiceField(required=False, label="Area")
    year = forms.IntegerField(required=False, label="Year published", min_value=FIRST_YEAR, max_value=2100,
                              error_messages={"invalid": "Enter the year as a number, like 2024",
                                              "min_value": f"Enter a year from {FIRST_YEAR}",
                                              "max_value": "Enter a year before 2100"})
    outcome = forms.TypedChoiceField(
        required=False, label="Outcome (2023 framework)", coerce=int, empty_value=None,
        choices=[("", "Any outcome"), *[(o.value, f"{o.value}: {o.label}") for o in Outcome]],
        error_messages={"invalid_choice": "Choose an outcome from the list"})
    framework = forms.ChoiceField(
        required=False, label="Framework",
        choices=[("", "Both frameworks"), *[(f.value, f"{f.value} framework") for f in Framework]],
        error_messages={"invalid_choice": "Choose a framework from the list"})
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput,
                              error_messages={"invalid": "The page must be a whole number",
                                              "min_value": "The page must be 1 or more"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = LocalAreaPartnership.objects.order_by("name").values_list("gss_code", "name")
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "All areas"), *areas]
        field.error_messages["invalid_choice"] = "Choose an area from the list"

    def apply(self, activities: QuerySet[Any]) -> QuerySet[Any]:
        data = self.cleaned_data
        if data.get("area"):
            activities = activities.filter(areas__gss_code=data["area"])
        if data.get("year"):
            activities = activities.filter(publication_date__year=data["year"])
        if data.get("outcome"):
            activities = activities.filter(outcome=data["outcome"])
        if data.get("framework"):
            activities = activities.filter(framework=data["framework"])
        return activities
