"""Forms of the follow-up pages: lengths limited, every message naming the field and row."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.outcomes import MonitoringFinding
from areasend.inspections.forms import DateParts

from .models import THEME_CHOICES, ReviewOutcome

TEXT_MAX = 2000
DOCUMENT_TYPES = {".pdf", ".docx", ".odt"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–:]?\s*(.+?)\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*[-–:]?\s*(.+?)\s*$")


def parse_milestones(text: str) -> list[tuple[date, str]]:
    """One milestone a line: a date (31/03/2026 or 2026-03-31), then what is done by then."""
    found = []
    for n, line in enumerate((x for x in text.splitlines() if x.strip()), start=1):
        dmy, iso = _DMY.match(line), _ISO.match(line)
        try:
            if dmy:
                found.append((date(int(dmy[3]), int(dmy[2]), int(dmy[1])), dmy[4]))
            elif iso:
                found.append((date(int(iso[1]), int(iso[2]), int(iso[3])), iso[4]))
            else:
                raise ValueError
        except ValueError:
            raise forms.ValidationError(
                f"Milestone {n} must start with a real date, like 31/03/2026, then say what is done by then"
            ) from None
    return found


class PlanActionForm(forms.Form):
    """One row of the plan: what will be done about one area for priority action."""

    priority_action_text = forms.CharField(label="Area for priority action", max_length=500, required=False)
    action = forms.CharField(label="Action", widget=forms.Textarea, max_length=TEXT_MAX, required=False)
    partners = forms.MultipleChoiceField(label="Responsible partners", required=False)
    milestones = forms.CharField(
        label="Milestones", widget=forms.Textarea, max_length=TEXT_MAX, required=False,
        help_text="One a line: the date, then what will be done by then, for example "
                  "'31/03/2026 All new EHC plans issued within 20 weeks'")
    impact_measures = forms.CharField(label="How you will measure the impact", widget=forms.Textarea,
                                      max_length=TEXT_MAX, required=False)

    def __init__(self, *args: Any, partners: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(str(p.pk), p.name) for p in partners]  # type: ignore[attr-defined]

    def clean_milestones(self) -> list[tuple[date, str]]:
        return parse_milestones(self.cleaned_data.get("milestones") or "")

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(k) for k in ("action", "partners", "milestones", "impact_measures"))


class PlanSubmitForm(forms.Form):
    local_name = forms.CharField(label="What your partnership calls the plan (optional)", max_length=100,
                                 required=False)
    document = forms.FileField(label="The plan document (optional)", required=False,
                               help_text="PDF, Word (.docx) or OpenDocument (.odt), up to 10 MB")

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if not document:
            return None
        suffix = "." + document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
        if suffix not in DOCUMENT_TYPES:
            raise forms.ValidationError("The plan document must be a PDF, Word (.docx) or OpenDocument (.odt) file")
        if document.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError("The plan document must be 10 MB or smaller")
        return document


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices, label="Your review",
                                error_messages={"required": "Choose accepted or revise and resubmit"})
    comments = forms.CharField(label="Comments for the partnership", widget=forms.Textarea, max_length=5000,
                               required=False)


class StrategicPlanForm(DateParts):
    date_prefix = "published"
    date_label = "Publication date"

    url = forms.URLField(label="Link to the published plan", max_length=300, assume_scheme="https", error_messages={
        "required": "Enter the link to the published plan",
        "invalid": "Enter a full web address, like https://www.example.gov.uk/send-strategy"})


FINDING_CHOICES = [(f.value, f"The partnership is taking {f.value}") for f in MonitoringFinding]


class FindingForm(forms.Form):
    text = forms.CharField(label="Area for priority action", max_length=500, required=False)
    finding = forms.ChoiceField(choices=FINDING_CHOICES, label="Finding", required=False)
    note = forms.CharField(label="Progress and remaining concerns", widget=forms.Textarea, max_length=TEXT_MAX,
                           required=False)


class ScheduleMeetingForm(forms.Form):
    officer_name = forms.CharField(label="Nominated officer's name", max_length=200,
                                   error_messages={"required": "Enter the nominated officer's name"})
    officer_email = forms.EmailField(label="Nominated officer's email address", max_length=254, error_messages={
        "required": "Enter the nominated officer's email address",
        "invalid": "Enter an email address in the correct format, like name@example.com"})


class MeetingRecordForm(forms.Form):
    topics = forms.MultipleChoiceField(choices=THEME_CHOICES, label="Topics discussed",
                                       error_messages={"required": "Choose at least one topic"})
    inspectors = forms.MultipleChoiceField(label="Inspectors present",
                                           error_messages={"required": "Choose the inspectors present"})
    notes = forms.CharField(label="Notes (never published)", widget=forms.Textarea, max_length=5000, required=False)

    def __init__(self, *args: Any, partners: Any = (), inspectors: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = list(partners)
        self.fields["inspectors"].choices = [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.username) for u in inspectors]
        owners = [("", "Choose the owner")] + [(str(p.pk), p.name) for p in self.partners]
        for p in self.partners:
            self.fields[f"attendee_{p.pk}"] = forms.CharField(
                label=f"Who attended for {p.name}", max_length=300, required=False)
        for n in range(1, 4):
            self.fields[f"action_{n}"] = forms.CharField(label=f"Action agreed {n}", max_length=500, required=False)
            self.fields[f"owner_{n}"] = forms.ChoiceField(label=f"Owner of action {n}", choices=owners, required=False)

    def attendees(self) -> list[tuple[int, str]]:
        return [(p.pk, v) for p in self.partners if (v := self.cleaned_data.get(f"attendee_{p.pk}", "").strip())]

    def actions(self) -> list[tuple[str, int]]:
        rows = []
        for n in range(1, 4):
            text, owner = self.cleaned_data.get(f"action_{n}", "").strip(), self.cleaned_data.get(f"owner_{n}") or ""
            if text and not owner:
                self.add_error(f"owner_{n}", f"Choose who owns action {n}")
            elif text:
                rows.append((text, int(owner)))
        return rows


class ThematicVisitForm(DateParts):
    date_prefix = "notified"
    date_label = "Notification date"

    area = forms.ModelChoiceField(
        queryset=LocalAreaPartnership.objects.order_by("name"), to_field_name="gss_code",
        label="Local area partnership", empty_label="Choose a partnership",
        error_messages={"required": "Choose the local area partnership",
                        "invalid_choice": "Choose a partnership from the list"})
    officer_name = forms.CharField(label="Nominated officer's name", max_length=200,
                                   error_messages={"required": "Enter the nominated officer's name"})
    officer_email = forms.EmailField(label="Nominated officer's email address", max_length=254, error_messages={
        "required": "Enter the nominated officer's email address",
        "invalid": "Enter an email address in the correct format, like name@example.com"})
    named = forms.BooleanField(required=False, label="The partnership agrees to be named in the national report")


class ThematicFindingForm(forms.Form):
    text = forms.CharField(label="Finding", widget=forms.Textarea, max_length=TEXT_MAX,
                           error_messages={"required": "Enter the finding"})
    themes = forms.MultipleChoiceField(choices=THEME_CHOICES, label="Themes",
                                       error_messages={"required": "Tag the finding with at least one theme"})


class NationalReportForm(forms.Form):
    summary = forms.CharField(label="Summary of the national report", widget=forms.Textarea, max_length=5000,
                              error_messages={"required": "Write the report's summary"})
