"""What a published report says, built once from the live inspection: the HTML page, the PDF
and the report card all render this one object, so they can never differ.

Paragraphs are numbered in reading order: the three findings sections, then the areas for
priority action, then the areas for improvement (the draft's own numbering lists
recommendations by kind, improvements first; once published only the reading order matters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from areasend.areas.models import PartnerKind
from areasend.framework.activities import ActivityType
from areasend.framework.criteria import Theme
from areasend.framework.outcomes import Outcome
from areasend.inspections.models import Activity, Inspection, RecommendationKind, TeamRole
from areasend.reports import hooks

# The kinds of live activity that publish a report of their own (engagement meetings are never
# published; a thematic visit's findings go to a national report).
REPORT_KINDS = (ActivityType.FULL_INSPECTION, ActivityType.MONITORING_INSPECTION)

LEGAL_BASIS = (
    "This inspection was carried out at the request of the Secretary of State for Education "
    "under section 20(1)(a) of the Children Act 2004."
)

# What each outcome means, in plain English for families (our wording, not Ofsted's: the
# official statement is printed word for word above it).
OUTCOME_MEANING: dict[Outcome, str] = {
    Outcome.POSITIVE: (
        "Most children and young people with SEND in this area have good experiences and do well. "
        "The partnership knows what it needs to improve and is doing it."
    ),
    Outcome.INCONSISTENT: (
        "Some children and young people with SEND in this area have good experiences and others do "
        "not. The partnership must work together to make things better for everyone."
    ),
    Outcome.SYSTEMIC_FAILINGS: (
        "Inspectors found serious problems that affect many children and young people with SEND in "
        "this area. The partnership must put them right urgently, and inspectors will come back to "
        "check."
    ),
}

# Partners as the published reports list them: the council first, then the ICB(s).
PARTNER_ORDER = [PartnerKind.LOCAL_AUTHORITY, PartnerKind.ICB, PartnerKind.PARENT_CARER_FORUM, PartnerKind.OTHER]

FULL_HEADINGS = {
    "experience": "What is it like to be a child or young person with SEND in this area?",
    "effective": "What is the area partnership doing that is effective?",
    "improve": "What does the area partnership need to do better?",
}
# A monitoring inspection reports progress on the areas for priority action (spec §7; the
# letter's headings are unconfirmed [U], next-capabilities §1.3).
MONITORING_HEADINGS = {
    "experience": "What has changed since the full inspection",
    "effective": "Progress on the areas for priority action",
    "improve": "What needs to improve further",
}


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: list[Paragraph]


@dataclass(frozen=True)
class Row:
    number: int
    addressees: str
    text: str
    themes: list[str]


@dataclass(frozen=True)
class TeamLine:
    organisation: str
    role: str
    name: str


@dataclass
class Report:
    inspection: Inspection
    is_monitoring: bool
    title: str
    previous: str
    sections: list[Section]
    priority_actions: list[Row]
    improvements: list[Row]
    partners: list[Any]
    team: list[TeamLine]
    survey: hooks.SurveySummary | None
    follow_up: Any = None
    # A monitoring letter: the areas for priority action of the full inspection it follows.
    followed: list[Row] = field(default_factory=list)

    legal_basis = LEGAL_BASIS

    @property
    def area(self) -> Any:
        return self.inspection.area

    @property
    def outcome(self) -> Outcome | None:
        return self.inspection.outcome_enum

    @property
    def outcome_meaning(self) -> str:
        return OUTCOME_MEANING[self.outcome] if self.outcome else ""

    @property
    def finding(self) -> str:
        """A monitoring inspection's finding (effective or ineffective action), when recorded."""
        activity = self.inspection.activity
        return f"The local area partnership is taking {activity.finding}." if activity and activity.finding else ""

    @property
    def onsite(self) -> Any:
        return self.inspection.onsite

    @property
    def synthetic(self) -> bool:
        return self.inspection.synthetic

    @property
    def la_names(self) -> list[str]:
        return [p.name for p in self.partners if p.kind == PartnerKind.LOCAL_AUTHORITY]

    @property
    def icb_names(self) -> list[str]:
        return [p.name for p in self.partners if p.kind == PartnerKind.ICB]

    @property
    def responsible_bodies(self) -> str:
        return " and ".join(self.la_names + self.icb_names)


def build_report(inspection: Inspection) -> Report:
    """The report of one published inspection (callers pass only published ones: the policy's
    `get_published_report`)."""
    monitoring = inspection.kind == ActivityType.MONITORING_INSPECTION
    recommendations = sorted(inspection.recommendations.prefetch_related("partners"),
                             key=lambda r: (r.kind != RecommendationKind.PRIORITY_ACTION, r.position, r.pk))
    numbered = _reading_order(inspection, recommendations)
    return Report(
        inspection=inspection,
        is_monitoring=monitoring,
        title=_title(inspection, monitoring),
        previous=previous_inspection_text(inspection),
        sections=_sections(inspection, numbered, MONITORING_HEADINGS if monitoring else FULL_HEADINGS),
        priority_actions=_rows(recommendations, RecommendationKind.PRIORITY_ACTION, numbered),
        improvements=_rows(recommendations, RecommendationKind.IMPROVEMENT, numbered),
        partners=sorted(inspection.area.partners.all(), key=lambda p: PARTNER_ORDER.index(p.kind)),
        team=_team(inspection),
        survey=hooks.survey_summary(inspection),
        follow_up=None if monitoring else inspection.follow_up,
        followed=followed_priority_actions(inspection) if monitoring else [],
    )


def _reading_order(inspection: Inspection, recommendations: list[Any]) -> dict[str, int]:
    refs = [f"{key}-{n}" for key in FULL_HEADINGS for n in range(1, len(inspection.paragraphs_of(key)) + 1)]
    refs += [f"recommendation-{r.pk}" for r in recommendations]
    return {ref: n for n, ref in enumerate(refs, start=1)}


def _title(inspection: Inspection, monitoring: bool) -> str:
    what = "Area SEND monitoring inspection" if monitoring else "Area SEND inspection"
    return f"{what} of {inspection.area.name} Local Area Partnership"


def _sections(inspection: Inspection, numbered: dict[str, int], headings: dict[str, str]) -> list[Section]:
    return [
        Section(key, heading, [Paragraph(numbered[f"{key}-{n}"], text)
                               for n, text in enumerate(inspection.paragraphs_of(key), start=1)])
        for key, heading in headings.items()
    ]


def _rows(recommendations: list[Any], kind: str, numbered: dict[str, int]) -> list[Row]:
    return [Row(numbered[f"recommendation-{r.pk}"], r.addressees, r.text, list(r.themes))
            for r in recommendations if r.kind == kind]


def _team(inspection: Inspection) -> list[TeamLine]:
    lines = []
    for member in inspection.team.select_related("inspector"):
        role = TeamRole(member.role)
        organisation = "Care Quality Commission" if role.inspectorate == "cqc" else "Ofsted"
        lines.append(TeamLine(organisation, role.label, member.inspector.get_full_name()))
    return sorted(lines, key=lambda line: (line.organisation != "Ofsted", "lead" not in line.role.lower()))


def followed_priority_actions(monitoring: Inspection) -> list[Row]:
    """The areas for priority action of the area's last published outcome-3 full inspection run in
    areasend before this monitoring inspection (what the monitoring inspection checks)."""
    full = (Inspection.objects.published().for_area(monitoring.area)
            .filter(kind=ActivityType.FULL_INSPECTION, outcome=Outcome.SYSTEMIC_FAILINGS,
                    notified_on__lt=monitoring.notified_on).order_by("-notified_on").first())
    if full is None:
        return []
    actions = full.recommendations.filter(kind=RecommendationKind.PRIORITY_ACTION).prefetch_related("partners")
    return [Row(n, r.addressees, r.text, list(r.themes)) for n, r in enumerate(actions, start=1)]


def previous_inspection_text(inspection: Inspection) -> str:
    """'Dates of previous inspection', from the area's published history before this one."""
    earlier = (Activity.objects.published().for_area(inspection.area)
               .filter(kind__in=[ActivityType.FULL_INSPECTION, ActivityType.LEGACY_INSPECTION],
                       start_date__lt=inspection.onsite.start)
               .exclude(inspection=inspection).order_by("-start_date").first())
    if earlier is None or earlier.start_date is None:
        return "This is the partnership's first area SEND inspection."
    return f"The previous full inspection was {date_range(earlier.start_date, earlier.end_date)}."


def date_range(start: date, end: date | None) -> str:
    if end is None or end == start:
        return f"on {start:%-d %B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"from {start:%-d} to {end:%-d %B %Y}"
    return f"from {start:%-d %B %Y} to {end:%-d %B %Y}"


@dataclass(frozen=True)
class ThemeLine:
    title: str
    status: str
    rank: int


_STATUS = {RecommendationKind.PRIORITY_ACTION: (0, "Area for priority action"),
           RecommendationKind.IMPROVEMENT: (1, "Area for improvement")}


def card_themes(report: Report) -> list[ThemeLine]:
    """Each of the eight recurring themes and the most serious recommendation the report makes
    about it (from the published recommendations only: working papers never reach the card)."""
    lines = []
    for theme in Theme:
        found = [_STATUS[kind] for kind, rows in ((RecommendationKind.PRIORITY_ACTION, report.priority_actions),
                                                   (RecommendationKind.IMPROVEMENT, report.improvements))
                 if any(theme.value in row.themes for row in rows)]
        rank, status = min(found) if found else (2, "No recommendation")
        lines.append(ThemeLine(theme.title, status, rank))
    return sorted(lines, key=lambda line: line.rank)


CARD_ACTIONS = 3  # what fits one printed page beside the outcome, themes and next steps


def card_actions(report: Report) -> tuple[list[dict[str, Any]], int]:
    """The first recommendations for the card (priority actions first) and how many are left out."""
    rows = ([{"priority": True, "addressees": r.addressees, "text": r.text} for r in report.priority_actions]
            + [{"priority": False, "addressees": r.addressees, "text": r.text} for r in report.improvements])
    return rows[:CARD_ACTIONS], max(0, len(rows) - CARD_ACTIONS)
