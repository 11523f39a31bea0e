from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.criteria import EVALUATION_AREAS, Theme
from areasend.framework.outcomes import Outcome

from .models import EvidenceSource, RecommendationKind, Remit, Strength, TeamRole

THEME_CHOICES = [(t.value, t.title) for t in Theme]
CRITERION_CHOICES = [
    (c.code, f"{c.code}: {c.text}") for area in EVALUATION_AREAS.values() for c in area.criteria
]


class DateParts(forms.Form):
    """GOV.UK date input: day, month and year as three fields, checked together."""

    date_prefix = "date"
    date_label = "Date"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        p = self.date_prefix
        self.fields[f"{p}_day"] = forms.IntegerField(required=False, label="Day")
        self.fields[f"{p}_month"] = forms.IntegerField(required=False, label="Month")
        self.fields[f"{p}_year"] = forms.IntegerField(required=False, label="Year")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p = self.date_prefix
        parts = [data.get(f"{p}_day"), data.get(f"{p}_month"), data.get(f"{p}_year")]
        if any(v is None for v in parts):
            self.add_error(f"{p}_day", f"Enter the {self.date_label.lower()} as a day, month and year")
            return data
        day, month, year = parts
        try:
            data[p] = date(int(year), int(month), int(day))  # type: ignore[arg-type]
        except ValueError:
            self.add_error(f"{p}_day", f"{self.date_label} must be a real date")
        return data


class NotifyForm(DateParts):
    date_prefix = "notified"
    date_label = "Notification date"

    area = forms.ModelChoiceField(
        queryset=LocalAreaPartnership.objects.order_by("name"), to_field_name="gss_code",
        label="Local area partnership", empty_label="Choose a partnership",
        error_messages={"required": "Choose the local area partnership",
                        "invalid_choice": "Choose a partnership from the list"},
    )
    officer_name = forms.CharField(label="Nominated officer's name", max_length=200,
                                   error_messages={"required": "Enter the nominated officer's name"})
    officer_email = forms.EmailField(label="Nominated officer's email address", error_messages={
        "required": "Enter the nominated officer's email address",
        "invalid": "Enter an email address in the correct format, like name@example.com",
    })
    confirm = forms.BooleanField(required=False, label="I have read the warning and want to go ahead")
    kind = forms.ChoiceField(required=False, label="Kind of inspection", choices=[
        ("full inspection", "Full inspection"),
        ("monitoring inspection", "Monitoring inspection (after outcome 3)"),
    ])


class TeamMemberForm(forms.Form):
    inspector = forms.ChoiceField(label="Inspector", error_messages={"required": "Choose an inspector"})
    role = forms.ChoiceField(choices=TeamRole.choices, label="Role")
    remit = forms.ChoiceField(choices=Remit.choices, label="Remit")
    confirm = forms.BooleanField(required=False, label="I have read the warning and want to go ahead")

    def __init__(self, *args: Any, inspectors: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspector"].choices = [("", "Choose an inspector")] + [  # type: ignore[attr-defined]
            (str(u.pk), f"{u.get_full_name() or u.username} ({u.get_inspectorate_display()})") for u in inspectors
        ]


class EvidenceForm(DateParts):
    date_prefix = "observed"
    date_label = "Date of the evidence"

    source = forms.ChoiceField(choices=EvidenceSource.choices, label="Source")
    criterion = forms.ChoiceField(choices=CRITERION_CHOICES, label="Evaluation criterion")
    themes = forms.MultipleChoiceField(choices=THEME_CHOICES, required=False, label="Themes")
    strength = forms.ChoiceField(choices=Strength.choices, label="Strength of the evidence",
                                 error_messages={"required": "Choose whether this is a strength or a concern"})
    text = forms.CharField(label="Evidence", widget=forms.Textarea,
                           error_messages={"required": "Enter the evidence"})


class DeleteForm(forms.Form):
    reason = forms.CharField(label="Why are you deleting this note?", max_length=300,
                             error_messages={"required": "Give a reason for deleting the note"})


class OutcomeForm(forms.Form):
    outcome = forms.TypedChoiceField(
        choices=[(o.value, f"Outcome {o.value}: {o.statement}") for o in Outcome], coerce=int,
        label="Inspection outcome", error_messages={"required": "Choose the inspection outcome"},
    )
    experience = forms.CharField(
        widget=forms.Textarea, label="What is it like to be a child or young person with SEND in this area?",
        error_messages={"required": "Write what it is like to be a child or young person with SEND in this area"},
    )
    effective = forms.CharField(
        widget=forms.Textarea, label="What is the area partnership doing that is effective?",
        error_messages={"required": "Write what the area partnership is doing that is effective"},
    )
    improve = forms.CharField(
        widget=forms.Textarea, label="What does the area partnership need to do better?",
        error_messages={"required": "Write what the area partnership needs to do better"},
    )


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(choices=RecommendationKind.choices, label="Type")
    text = forms.CharField(widget=forms.Textarea, label="Recommendation",
                           error_messages={"required": "Enter the recommendation"})
    partners = forms.MultipleChoiceField(required=False, label="Addressed to")
    whole_partnership = forms.BooleanField(required=False, label="The whole local area partnership")
    themes = forms.MultipleChoiceField(choices=THEME_CHOICES, required=False, label="Themes")

    def __init__(self, *args: Any, partners: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(str(p.pk), p.name) for p in partners]  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=500, required=False)


class AccuracyCommentForm(forms.Form):
    paragraph = forms.ChoiceField(label="Paragraph", error_messages={"required": "Choose the paragraph"})
    comment = forms.CharField(widget=forms.Textarea, label="Your comment",
                              error_messages={"required": "Enter your comment"})

    def __init__(self, *args: Any, paragraphs: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [("", "Choose a paragraph")] + [  # type: ignore[attr-defined]
            (ref, f"{n}. {text[:70]}") for n, (ref, text) in enumerate(paragraphs, start=1)
        ]


class AnswerForm(forms.Form):
    response = forms.CharField(widget=forms.Textarea, label="Response",
                               error_messages={"required": "Enter your response"})
    accepted = forms.TypedChoiceField(choices=[("yes", "Accepted: the report will be changed"),
                                               ("no", "Not accepted")],
                                      coerce=lambda v: v == "yes", label="Decision",
                                      error_messages={"required": "Choose whether the comment is accepted"})
