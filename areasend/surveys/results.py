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
from collections.abc import Iterable, Mapping
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


RESPONSES = ("", "responses")
EASY_READ = ("", "easy-read")
Counts = dict[tuple[str, str], int]


def count_keys(questionnaire: Questionnaire, answers: Mapping[str, object], easy_read: bool) -> list[tuple[str, str]]:
    """What one response adds to the running totals: (question, "") for each question answered,
    (question, value) for each choice, and the response itself. Sorted: totals are always
    locked in the same order."""
    keys = [RESPONSES, *([EASY_READ] if easy_read else [])]
    for qid, value in answers.items():
        question = questionnaire.by_id.get(qid)
        if question is None:
            continue
        keys.append((qid, ""))
        if question.kind is not Kind.TEXT:
            keys += [(qid, str(v)) for v in (value if isinstance(value, list) else [value])]
    return sorted(set(keys))


def from_counts(questionnaire: Questionnaire, counts: Counts, comments: dict[str, list[str]] | None = None
                ) -> SurveyResult:
    """The results from running totals (and, for the team, the comments)."""
    questions = []
    for q in questionnaire.questions:
        per_value = Counter({value: n for (qid, value), n in counts.items() if qid == q.id and value})
        questions.append(_question_result(q, per_value, counts.get((q.id, ""), 0), (comments or {}).get(q.id, [])))
    return SurveyResult(questionnaire, counts.get(RESPONSES, 0), counts.get(EASY_READ, 0), questions)


def tally(questionnaire: Questionnaire, rows: Iterable[tuple[dict[str, object], bool]], *,
          with_comments: bool = False) -> SurveyResult:
    """Count answers over (answers, easy_read) rows: the reference the running totals are
    checked against. Comments only for the team's page."""
    counts: Counter[tuple[str, str]] = Counter()
    comments: dict[str, list[str]] = {q.id: [] for q in questionnaire.questions if q.kind is Kind.TEXT}
    for answers, easy_read in rows:
        counts.update(count_keys(questionnaire, answers, easy_read))
        if with_comments:
            for qid in comments:
                if answers.get(qid):
                    comments[qid].append(str(answers[qid]))
    return from_counts(questionnaire, dict(counts), comments)


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
