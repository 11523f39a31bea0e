"""Small helpers for GOV.UK Design System pages."""

from __future__ import annotations

from django import forms


def form_errors(form: forms.Form) -> list[dict[str, str]]:
    """A form's errors as the error summary wants them: a message and the id of its field."""
    errors = []
    for name, messages in form.errors.items():
        field_id = "" if name == "__all__" else f"id_{name}"
        for message in messages:
            errors.append({"field": field_id, "message": str(message)})
    return errors


def message_errors(*messages: str) -> list[dict[str, str]]:
    return [{"field": "", "message": m} for m in messages]
