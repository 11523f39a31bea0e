from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from .models import REFERENCE_RULE, AgeBand, Need, Provision, Setting
from .services import CONSENT_CHOICES

YES_NO = [("", "Select"), ("yes", "Yes"), ("no", "No")]


def _choices(choices: Any, codes: bool = False) -> list[tuple[str, str]]:
    return [("", "Select"), *((v, f"{v} – {label}" if codes else label) for v, label in choices.choices)]


class EntryForm(forms.Form):
    reference = forms.CharField(
        max_length=20, help_text=f"A pseudonymous reference, {REFERENCE_RULE}; never a name",
        error_messages={"required": "Enter a reference", "max_length": f"A reference must be {REFERENCE_RULE}"},
    )
    age_band = forms.ChoiceField(label="Age band", choices=_choices(AgeBand),
                                 error_messages={"required": "Select the age band"})
    need = forms.ChoiceField(label="Primary need", choices=_choices(Need, codes=True),
                             error_messages={"required": "Select the primary need"})
    provision = forms.ChoiceField(choices=_choices(Provision), error_messages={"required": "Select the provision"})
    setting = forms.ChoiceField(choices=_choices(Setting), error_messages={"required": "Select the setting"})
    in_alternative_provision = forms.ChoiceField(
        label="Attends alternative provision", choices=YES_NO,
        error_messages={"required": "Select whether they attend alternative provision"},
    )


class CaseListUploadForm(forms.Form):
    case_list = forms.FileField(label="Upload a case list", error_messages={
        "required": "Select a CSV file", "empty": "The selected file is empty",
    })


class SelectForm(forms.Form):
    seed = forms.IntegerField(
        required=False, min_value=0, max_value=2**31 - 1,
        help_text="Leave blank for a new random selection; enter a seed to repeat an earlier one",
        error_messages={"invalid": "The seed must be a whole number"},
    )


class SwapForm(forms.Form):
    reference = forms.CharField(
        label="Reference of the child or young person to track instead", max_length=20,
        error_messages={"required": "Enter the reference of the child or young person to track instead"},
    )


class ConsentForm(forms.Form):
    status = forms.ChoiceField(
        label="Consent", choices=[("", "Select"), *((c.value, c.label) for c in CONSENT_CHOICES)],
        error_messages={"required": "Select what the family said"},
    )
    day = forms.IntegerField(required=False, min_value=1, max_value=31)
    month = forms.IntegerField(required=False, min_value=1, max_value=12)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get("day"), data.get("month"), data.get("year")]
        if self.errors.keys() & {"day", "month", "year"}:
            self.add_error(None, "The date must be a real date")
            data["on"] = None
        elif not any(parts):
            data["on"] = None  # today
        elif not all(parts):
            self.add_error("day", "The date must include a day, month and year")
        else:
            try:
                data["on"] = date(int(data["year"]), int(data["month"]), int(data["day"]))
            except ValueError:
                self.add_error("day", "The date must be a real date")
        return data


class DocumentForm(forms.Form):
    document = forms.FileField(label="Upload a document", error_messages={
        "required": "Select a file", "empty": "The selected file is empty",
    })

