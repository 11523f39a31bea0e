"""Counts and percentages per question, with small-number suppression, and the plain-English
summary for families.

Suppression: a question's results are shown only when at least MIN_RESPONSES_TO_SHOW people
answered it, so nobody can be picked out from a handful of answers. Ofsted Parent View publishes a
question's results only from 10 responses [C] (next-capabilities §1.2); we use the same threshold
for the team's page and the families' summary.

The summary's words follow how published reports describe survey results (rounded shares and
quantifiers: "most", "about half", "a minority") [D] (next-capabilities §1.2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .questions import Kind, Question, Questionnaire

MIN_RESPONSES_TO_SHOW = 10
SUPPRESSION_NOTE = (f"We show a question's results only when at least {MIN_RESPONSES_TO_SHOW} people answered "
                    "it, so that nobody can be identified from their answers.")


@dataclass(frozen=True)
class OptionResult:
    value: str
    label: str
    count: int
    percent: int  # rounded, of those who answered the question


@dataclass
class QuestionResult:
    question: Question
    answered: int
    options: list[OptionResult] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return self.answered < MIN_RESPONSES_TO_SHOW

    @property
    def positive_percent(self) -> int | None:
        """The share of positive answers among those who gave a view ("don't know" left out)."""
        views = [o for o in self.options if o.value != "dont-know"]
        total = sum(o.count for o in views)
        if not total or not any(o.positive for o in self.question.options):
            return None
        positive = {o.value for o in self.question.options if o.positive}
        return round(100 * sum(o.count for o in views if o.value in positive) / total)


@dataclass
class SurveyResult:
    questionnaire: Questionnaire
    responses: int
    easy_read: int
    questions: list[QuestionResult]

    @property
    def suppressed(self) -> bool:
        return self.responses < MIN_RESPONSES_TO_SHOW


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _question_result(question: Question, counts: Counter[str], answered: int, comments: list[str]) -> QuestionResult:
    result = QuestionResult(question, answered, comments=comments)
    for option in question.options:
        n = counts.get(option.value, 0)
        result.options.append(OptionResult(option.value, option.label, n, _percent(n, answered)))
    return result


def tally(questionnaire: Questionnaire, rows: Iterable[tuple[dict[str, object], bool]], *,
          with_comments: bool = False) -> SurveyResult:
    """Count answers over (answers, easy_read) rows. Comments only for the team's page."""
    counts: dict[str, Counter[str]] = {q.id: Counter() for q in questionnaire.questions}
    answered: Counter[str] = Counter()
    comments: dict[str, list[str]] = {q.id: [] for q in questionnaire.questions}
    responses = easy = 0
    for answers, easy_read in rows:
        responses += 1
        easy += bool(easy_read)
        for qid, value in answers.items():
            if qid not in counts:
                continue
            answered[qid] += 1
            if isinstance(value, list):
                counts[qid].update(value)
            elif questionnaire.by_id[qid].kind is Kind.TEXT:
                if with_comments:
                    comments[qid].append(str(value))
            else:
                counts[qid][str(value)] += 1
    questions = [_question_result(q, counts[q.id], answered[q.id], comments[q.id]) for q in questionnaire.questions]
    return SurveyResult(questionnaire, responses, easy, questions)


def quantifier(percent: int) -> str:
    """The words inspection reports use for a share."""
    if percent == 100:
        return "All"
    if percent >= 90:
        return "Almost all"
    if percent >= 70:
        return "Most"
    if percent > 55:
        return "The majority"
    if percent >= 45:
        return "About half"
    if percent >= 20:
        return "A minority"
    if percent > 0:
        return "A few"
    return "None"


def sentence(audience_plural: str, result: QuestionResult) -> str | None:
    """One plain-English sentence for a question with a positive answer, or None when it is
    suppressed or has no summary wording."""
    share = result.positive_percent
    if result.suppressed or share is None or not result.question.summary:
        return None
    return (f"{quantifier(share)} of the {audience_plural} who gave a view ({share}%) said "
            f"{result.question.summary}.")


def summary_sentences(audience_plural: str, result: SurveyResult) -> list[str]:
    found = (sentence(audience_plural, q) for q in result.questions)
    return [s for s in found if s]
