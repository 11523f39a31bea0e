"""Template helpers for GOV.UK form patterns that Django's form rendering does not cover."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup_errors(form: Any, prefix: str) -> list[str]:
    return list(form.errors.get(f"{prefix}_day", []))


@register.filter
def field_value(form: Any, prefix: str) -> dict[str, Any]:
    return {part: form[f"{prefix}_{part}"].value() for part in ("day", "month", "year")}


@register.filter
def get_part(values: dict[str, Any], part: str) -> Any:
    value = values.get(part)
    return "" if value is None else value
