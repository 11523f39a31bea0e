"""Reading a respondent's answers from a submitted form, against the questionnaire: pure, no
database. Each answer field is named `q-<question id>`; anything else that starts with `q-` is an
answer to a question not in the survey and is refused with a message, not ignored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .questions import Kind, Question, Questionnaire

PREFIX = "q-"
Answers = dict[str, str | list[str]]


@dataclass
class Checked:
    answers: Answers = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message
    refused: str = ""  # a problem with the form itself, not one answer

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refused


def field_name(question: Question) -> str:
    return f"{PREFIX}{question.id}"


class FormData(Mapping[str, Sequence[str]]):
    """A QueryDict (or a plain dict of lists) seen as name -> all its values."""

    def __init__(self, data: object) -> None:
        getlist = getattr(data, "getlist", None)
        keys = list(data.keys()) if hasattr(data, "keys") else []  # type: ignore[attr-defined]
        self._values = {k: list(getlist(k)) if getlist else list(data[k]) for k in keys}  # type: ignore[index]

    def __getitem__(self, key: str) -> Sequence[str]:
        return self._values[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _clean(value: str) -> str:
    return value.replace("\x00", "").strip()


def check_one(question: Question, values: Sequence[str], easy_read: bool) -> tuple[str | list[str] | None, str]:
    """The answer to one question, or the message saying what is wrong with it."""
    values = [v for v in (_clean(v) for v in values) if v]
    if question.kind is Kind.TEXT:
        text = values[0] if values else ""
        if question.max_length and len(text) > question.max_length:
            return None, f"Your answer must be {question.max_length:,} characters or fewer (it has {len(text):,})"
        return (text or None), ""
    unknown = [v for v in values if v not in question.values]
    if unknown or (question.kind is Kind.SINGLE and len(values) > 1):
        return None, "Choose one of the answers shown"
    if not values:
        return None, ("Select an answer" if easy_read else "Select an answer to this question") \
            if question.required else ""
    return (values[0] if question.kind is Kind.SINGLE else sorted(set(values))), ""


def stray_fields(questionnaire: Questionnaire, data: Iterable[str]) -> list[str]:
    return [k for k in data if k.startswith(PREFIX) and k[len(PREFIX):] not in questionnaire.by_id]


def check(questionnaire: Questionnaire, data: object, questions: Iterable[Question], *,
          easy_read: bool = False) -> Checked:
    """Check the answers to `questions` in the submitted `data`."""
    form = FormData(data)
    result = Checked()
    if stray_fields(questionnaire, form):
        result.refused = "The form had an answer to a question that is not in this survey. Start the survey again."
        return result
    for question in questions:
        answer, problem = check_one(question, form.get(field_name(question), []), easy_read)
        if problem:
            result.errors[field_name(question)] = problem
        elif answer is not None:
            result.answers[question.id] = answer
    return result
