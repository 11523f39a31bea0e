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


@register.filter
def theme_titles(slugs: Any) -> str:
    """Themes by their names, not their slugs: "Joint commissioning, Early help and …"."""
    from areasend.framework.criteria import Theme

    titles = []
    for slug in slugs or []:
        try:
            titles.append(Theme(slug).title)
        except ValueError:
            titles.append(str(slug))
    return ", ".join(titles)
