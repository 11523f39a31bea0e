"""The guided form for the easy-read summary: for each part, up to five lines, each a short
sentence with a symbol. A bad line is named by its part and number."""

from __future__ import annotations

from typing import Any

from django import forms

from areasend.reports.easyread import LINES_PER_PART, MAX_CHARACTERS, PARTS, SYMBOLS, line_problem

SYMBOL_CHOICES = [("", "Choose a symbol"), *[(s.key, s.alt) for s in SYMBOLS.values()]]


def text_name(part: str, n: int) -> str:
    return f"{part}_{n}_text"


def symbol_name(part: str, n: int) -> str:
    return f"{part}_{n}_symbol"


class EasyReadForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in PARTS:
            for n in range(1, LINES_PER_PART + 1):
                self.fields[text_name(part.key, n)] = forms.CharField(
                    required=False, max_length=MAX_CHARACTERS, label=f"{part.heading}: line {n}",
                    error_messages={"max_length": f"{part.heading}, line {n}: use {MAX_CHARACTERS} "
                                                  "characters or fewer"})
                self.fields[symbol_name(part.key, n)] = forms.ChoiceField(
                    required=False, choices=SYMBOL_CHOICES, label=f"{part.heading}: symbol for line {n}",
                    error_messages={"invalid_choice": f"{part.heading}, line {n}: choose a symbol from the list"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for part in PARTS:
            filled = [self._check_line(data, part.key, part.heading, n) for n in range(1, LINES_PER_PART + 1)]
            if not any(filled) and not self.errors.get(text_name(part.key, 1)):
                self.add_error(text_name(part.key, 1), f"{part.heading}: write at least one line")
        return data

    def _check_line(self, data: dict[str, Any], part: str, heading: str, n: int) -> bool:
        text, symbol = data.get(text_name(part, n), ""), data.get(symbol_name(part, n), "")
        if text and not symbol and symbol_name(part, n) not in self.errors:
            self.add_error(symbol_name(part, n), f"{heading}, line {n}: choose a symbol for this line")
        if symbol and not text:
            self.add_error(text_name(part, n), f"{heading}, line {n}: write the line, or choose no symbol")
        problem = line_problem(text) if text else ""
        if problem:
            self.add_error(text_name(part, n), f"{heading}, line {n}: {problem[0].lower()}{problem[1:]}")
        return bool(text or symbol)

    def lines(self) -> list[tuple[str, str, str]]:
        """(part, text, symbol) of every filled line, in order."""
        return [(part.key, self.cleaned_data[text_name(part.key, n)], self.cleaned_data[symbol_name(part.key, n)])
                for part in PARTS for n in range(1, LINES_PER_PART + 1)
                if self.cleaned_data.get(text_name(part.key, n))]

    def rows(self) -> list[dict[str, Any]]:
        """The fields grouped for the template: each part with its guide and line pairs."""
        return [{"part": part, "lines": [(n, self[text_name(part.key, n)], self[symbol_name(part.key, n)])
                                         for n in range(1, LINES_PER_PART + 1)]} for part in PARTS]


def initial_for(summary: Any) -> dict[str, str]:
    initial: dict[str, str] = {}
    if summary is None:
        return initial
    for part in PARTS:
        for n, line in enumerate(summary.lines_of(part.key), start=1):
            initial[text_name(part.key, n)], initial[symbol_name(part.key, n)] = line.text, line.symbol
    return initial
