"""Small helpers for GOV.UK Design System pages."""

from __future__ import annotations

from django import forms


def form_errors(form: forms.Form, *, with_label: bool = False) -> list[dict[str, str]]:
    """A form's errors as the error summary wants them: each message with the id of the field it
    links to (a whole-form error links to the first field). `with_label` names the field in the
    message, for short filter forms whose messages do not say which field they are about. The
    summary lists them in the order of the form (whole-form errors first), as the fields show them,
    whatever order `clean()` added them in."""
    first = next(iter(form.fields))
    order = ["__all__", *form.fields]
    errors = []
    for name in sorted(form.errors, key=lambda n: order.index(n) if n in order else len(order)):
        messages = form.errors[name]
        bound = form[first if name == "__all__" or name not in form.fields else name]
        for message in messages:
            text = f"{bound.label}: {message}" if with_label and name != "__all__" else str(message)
            errors.append({"field": bound.auto_id or "", "message": text})
    return errors


def message_errors(*messages: str) -> list[dict[str, str]]:
    return [{"field": "", "message": m} for m in messages]
