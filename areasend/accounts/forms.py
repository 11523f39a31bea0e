from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class TokenForm(forms.Form):
    """A 6-digit code from the authenticator app, or an 8-character recovery code."""

    token = forms.CharField(
        label="Security code", max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes",
        error_messages={"required": "Enter the 6-digit security code"},
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split()).lower()
        if (token.isdigit() and len(token) == 6) or (token.isalnum() and token.isascii() and len(token) == 8):
            return token
        raise forms.ValidationError("The security code must be 6 digits, or a recovery code of 8 letters and digits")


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for", max_length=100,
        help_text="For example, the name of the script or system that will use it",
        error_messages={"required": "Enter what the token is for",
                        "max_length": "What the token is for must be 100 characters or fewer"},
    )
    days = forms.TypedChoiceField(
        label="How long it works", coerce=int, initial=90,
        choices=[(30, "30 days"), (90, "90 days"), (180, "180 days")],
        error_messages={"required": "Choose how long the token works",
                        "invalid_choice": "Choose 30, 90 or 180 days"},
    )


def _record_types() -> list[tuple[str, str]]:
    from django.apps import apps

    models = [m for m in apps.get_models() if m.__module__.startswith("areasend.")]
    return sorted(((m._meta.label, str(m._meta.verbose_name).capitalize()) for m in models), key=lambda c: c[1])


class AuditFilterForm(forms.Form):
    """Filters of the audit log: who, what, which record and when (two optional GOV.UK dates)."""

    user = forms.CharField(label="User name", max_length=150, required=False,
                           error_messages={"max_length": "The user name must be 150 characters or fewer"})
    action = forms.ChoiceField(label="Action", required=False,
                               error_messages={"invalid_choice": "Action '%(value)s' is not a known action"})
    record_type = forms.ChoiceField(label="Record type", required=False,
                                    error_messages={"invalid_choice": "'%(value)s' is not a known record type"})
    record_id = forms.CharField(label="Record number", max_length=60, required=False,
                                error_messages={"max_length": "The record number must be 60 characters or fewer"})
    DATES = (("from", "From date"), ("to", "To date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .models import AuditAction

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "All actions"), *AuditAction.choices]  # type: ignore[attr-defined]
        self.fields["record_type"].choices = [("", "Any record"), *_record_types()]  # type: ignore[attr-defined]
        for prefix, _ in self.DATES:
            for part, top in (("day", 31), ("month", 12), ("year", 9999)):
                self.fields[f"{prefix}_{part}"] = forms.IntegerField(
                    required=False, min_value=1, max_value=top, label=part.title(),
                    error_messages={"invalid": "", "min_value": "", "max_value": ""})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix, label in self.DATES:
            data[prefix] = self._date(prefix, label)
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to_day", "The to date must be the same as or after the from date")
        return data

    def _date(self, prefix: str, label: str) -> date | None:
        raw = [self.data.get(f"{prefix}_{part}", "") for part in ("day", "month", "year")]
        if not any(str(v).strip() for v in raw):
            return None
        for part in ("month", "year"):  # one message per date, on its day field
            self.errors.pop(f"{prefix}_{part}", None)
        self.errors.pop(f"{prefix}_day", None)
        try:
            return date(*(int(str(raw[i]).strip()) for i in (2, 1, 0)))
        except ValueError:
            self.add_error(f"{prefix}_day", f"{label} must be a real date, as a day, month and year")
            return None
