"""The three outcomes of a full inspection and legacy revisit progress (spec §4.3, §5.2, §10.1)."""

from __future__ import annotations

import re
from enum import IntEnum, StrEnum

# The official wording uses a typographic apostrophe (U+2019); kept word for word.
_APOS = "\u2019"


class Outcome(IntEnum):
    """A full inspection outcome under the 2023 framework [C] (spec §4.3)."""

    POSITIVE = 1
    INCONSISTENT = 2
    SYSTEMIC_FAILINGS = 3

    @property
    def statement(self) -> str:
        """The official outcome statement, word for word (handbook and statistics [S9][S82])."""
        return _STATEMENTS[self]

    @property
    def label(self) -> str:
        """A short name for lists and charts."""
        return _LABELS[self]

    @property
    def next_inspection_sentence(self) -> str:
        """The standard next-inspection sentence printed in the report (spec §5.2)."""
        return _NEXT_INSPECTION[self]

    @property
    def required_action_sentence(self) -> str:
        """The standard required-action sentence printed in the report (spec §5.2)."""
        return _REQUIRED_ACTION[self]

    @property
    def requires_priority_action_plan(self) -> bool:
        """Only outcome 3 requires a priority action plan (area SEND) (spec §5.2, §6.1)."""
        return self is Outcome.SYSTEMIC_FAILINGS

    @property
    def requires_strategic_plan(self) -> bool:
        """Outcomes 1 and 2 ask the partnership to update and publish its strategic plan."""
        return self is not Outcome.SYSTEMIC_FAILINGS

    @property
    def allows_priority_actions(self) -> bool:
        """Areas for priority action appear only with outcome 3 [C] [S54] (spec §4.2)."""
        return self is Outcome.SYSTEMIC_FAILINGS


_STATEMENTS: dict[Outcome, str] = {
    Outcome.POSITIVE: (
        f"The local area partnership{_APOS}s SEND arrangements typically lead to positive "
        "experiences and outcomes for children and young people with SEND. The local area "
        "partnership is taking action where improvements are needed."
    ),
    Outcome.INCONSISTENT: (
        f"The local area partnership{_APOS}s arrangements lead to inconsistent experiences and "
        "outcomes for children and young people with SEND. The local area partnership must work "
        "jointly to make improvements."
    ),
    Outcome.SYSTEMIC_FAILINGS: (
        "There are widespread and/or systemic failings leading to significant concerns about the "
        "experiences and outcomes of children and young people with SEND, which the local area "
        "partnership must address urgently."
    ),
}

_LABELS: dict[Outcome, str] = {
    Outcome.POSITIVE: "Positive experiences and outcomes",
    Outcome.INCONSISTENT: "Inconsistent experiences and outcomes",
    Outcome.SYSTEMIC_FAILINGS: "Widespread and/or systemic failings",
}

_STRATEGIC_PLAN_SENTENCE = (
    "Ofsted and the Care Quality Commission (CQC) ask that the local area partnership updates "
    "and publishes its strategic plan based on the recommendations set out in this report."
)

_NEXT_INSPECTION: dict[Outcome, str] = {
    Outcome.POSITIVE: "The next full area SEND inspection will be within approximately five years.",
    Outcome.INCONSISTENT: (
        "The next full area SEND inspection will be within approximately three years."
    ),
    Outcome.SYSTEMIC_FAILINGS: (
        "A monitoring inspection will be carried out within approximately 18 months. "
        "The next full reinspection will be within approximately three years."
    ),
}

_REQUIRED_ACTION: dict[Outcome, str] = {
    Outcome.POSITIVE: _STRATEGIC_PLAN_SENTENCE,
    Outcome.INCONSISTENT: _STRATEGIC_PLAN_SENTENCE,
    Outcome.SYSTEMIC_FAILINGS: (
        f"As a result of this inspection, His Majesty{_APOS}s Chief Inspector requires the local "
        "area partnership to prepare and submit a priority action plan (area SEND) to address "
        "the identified areas for priority action."
    ),
}

# Reports vary the wording (e.g. spelling out SEND), so match on key phrases, not the whole
# statement [D] (spec §4.3).
_KEY_PHRASES: dict[str, Outcome] = {
    "positive experiences": Outcome.POSITIVE,
    "inconsistent experiences": Outcome.INCONSISTENT,
    "widespread and/or systemic": Outcome.SYSTEMIC_FAILINGS,
}


def _normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower())
    # Scraped PDFs sometimes space the slash: "widespread and / or systemic".
    return re.sub(r"\s*/\s*", "/", text)


def outcome_from_text(text: str) -> Outcome:
    """The outcome named by a report's outcome sentence, matched on its key phrase.

    Raises ValueError naming the text when no phrase, or phrases of two outcomes, are found.
    """
    normalised = _normalise(text)
    found = {outcome for phrase, outcome in _KEY_PHRASES.items() if phrase in normalised}
    if len(found) == 1:
        return found.pop()
    shown = text if len(text) <= 200 else text[:200] + "…"
    if not found:
        phrases = ", ".join(repr(p) for p in _KEY_PHRASES)
        raise ValueError(f"No outcome phrase ({phrases}) found in {shown!r}")
    raise ValueError(f"Text names more than one outcome ({sorted(found)}): {shown!r}")


class RevisitProgress(StrEnum):
    """Legacy revisit finding: sufficient progress on all, some or none of the weaknesses."""

    ALL = "all"
    SOME = "some"
    NONE = "none"

    @classmethod
    def from_official(cls, value: str) -> RevisitProgress:
        """Map the official statistics' "Yes"/"Some"/"No" (spec §12.2) to a finding."""
        try:
            return _FROM_OFFICIAL[value.strip().lower()]
        except KeyError:
            raise ValueError(
                f"Unknown revisit progress {value!r}; expected 'Yes', 'Some' or 'No'"
            ) from None


_FROM_OFFICIAL: dict[str, RevisitProgress] = {
    "yes": RevisitProgress.ALL,
    "some": RevisitProgress.SOME,
    "no": RevisitProgress.NONE,
}


class MonitoringFinding(StrEnum):
    """What a monitoring inspection finds (spec §7; Nottinghamshire, July 2025 [S47];
    Hertfordshire, October 2025): the partnership is or is not taking effective action."""

    EFFECTIVE = "effective action"
    INEFFECTIVE = "ineffective action"
