"""Every inspection activity under both frameworks: the history of each partnership."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from areasend.accounts.models import PLANNER_ROLES, Role
from areasend.areas.models import LocalAreaPartnership
from areasend.caching import ChangeStamped, Fingerprint, Watched
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.followup import ActivityRecord
from areasend.framework.lifecycle import (
    EVIDENCE_STATES,
    KINDS,
    LIVE_KINDS,
    OUTCOME_STATES,
    ActivityKind,
    LiveState,
    Performer,
    kind_of,
)
from areasend.framework.outcomes import MonitoringFinding, Outcome, RevisitProgress
from areasend.framework.timeline import ONSITE_FIELDWORK, Step


class Source(models.TextChoices):
    OFSTED_2016_2022 = "ofsted-2016-2022", "Ofsted official statistics, 2016–2022 framework"
    AREA_SEND_2023 = "area-send-2023", "Published area SEND full inspection reports, 2023 framework"
    AREASEND = "areasend", "Recorded in areasend"
    ADCS_2016_2022 = "adcs-2016-2022", "ADCS SEND outcomes summary, 2016–2022 (not in Ofsted's release)"
    ACTIVITIES = "activities", "Recorded from a list of past activities (import_activities)"


# Sources of history that Ofsted's official statistics leave out. They complete an area's
# timeline but never change the official counts (docs/decisions/0006-legacy-dorset-northamptonshire.md).
OUTSIDE_OFFICIAL_STATISTICS = frozenset({Source.ADCS_2016_2022})


class ActivityQuerySet(models.QuerySet["Activity"]):
    def of_framework(self, framework: Framework | str) -> ActivityQuerySet:
        return self.filter(framework=framework)

    def of_kind(self, kind: ActivityType | str) -> ActivityQuerySet:
        return self.filter(kind=kind)

    def started_between(self, start: date | None, end: date | None) -> ActivityQuerySet:
        qs = self
        if start:
            qs = qs.filter(start_date__gte=start)
        if end:
            qs = qs.filter(start_date__lte=end)
        return qs

    def published(self) -> ActivityQuerySet:
        """What the public may see: activities with a publication date (or history imported
        from published sources)."""
        return self.filter(publication_date__isnull=False)

    def for_area(self, area: LocalAreaPartnership) -> ActivityQuerySet:
        return self.filter(areas=area)

    def real(self) -> ActivityQuerySet:
        """Real records only: what the demo made (synthetic) is left out of every figure."""
        return self.filter(synthetic=False)

    def counted(self, include_demo: bool = False) -> ActivityQuerySet:
        """What statistics and due lists count: real records, plus demo ones on request."""
        return self if include_demo else self.real()

    def in_official_statistics(self) -> ActivityQuerySet:
        """Records of the sources Ofsted's official statistics cover (not ADCS's extra rows)."""
        return self.exclude(source__in=OUTSIDE_OFFICIAL_STATISTICS)


class Activity(ChangeStamped):
    """One inspection activity. An activity inspected under an old code (Cumbria, 2017) belongs to
    the history of each of today's successor partnerships, hence the many-to-many."""

    kind = models.CharField(max_length=40, choices=[(t.value, t.value.capitalize()) for t in ActivityType])
    framework = models.CharField(max_length=4, choices=[(f.value, f.value) for f in Framework])
    areas = models.ManyToManyField(LocalAreaPartnership, related_name="activities")
    inspected_code = models.CharField(
        max_length=9, help_text="The GSS code of the area as inspected at the time"
    )
    inspected_name = models.CharField(max_length=100)
    start_date = models.DateField(null=True, blank=True)
    start_date_estimated = models.BooleanField(
        default=False, help_text="No start date was published; estimated from the publication date"
    )
    end_date = models.DateField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    outcome = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(o.value, o.label) for o in Outcome]
    )
    wsoa_required = models.BooleanField(null=True, blank=True, verbose_name="WSoA required")
    significant_weaknesses = models.PositiveSmallIntegerField(null=True, blank=True)
    revisit_progress = models.CharField(
        max_length=4, blank=True, choices=[(p.value, p.value) for p in RevisitProgress]
    )
    weaknesses_progress_made = models.PositiveSmallIntegerField(null=True, blank=True)
    weaknesses_progress_not_made = models.PositiveSmallIntegerField(null=True, blank=True)
    finding = models.CharField(
        max_length=20, blank=True, choices=[(f.value, f.value.capitalize()) for f in MonitoringFinding],
        help_text="For a monitoring inspection: effective or ineffective action",
    )
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups",
        help_text="For a revisit or monitoring inspection: the inspection it follows",
    )
    report_url = models.URLField(max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.AREASEND)
    source_key = models.CharField(max_length=200, unique=True, help_text="Stable key for re-imports")
    note = models.CharField(max_length=500, blank=True)
    synthetic = models.BooleanField(
        default=False, help_text="Made by the demo: shown with a Demo tag and left out of every figure"
    )
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["framework", "kind", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(kind=ActivityType.FULL_INSPECTION),
                name="outcome_only_on_full_inspection",
            ),
        ]

    def __str__(self) -> str:
        when = self.start_date.isoformat() if self.start_date else "undated"
        return f"{self.kind.capitalize()} of {self.inspected_name}, {when}"

    @property
    def outcome_enum(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None

    @property
    def result_text(self) -> str:
        """The result in words for tables: the outcome, WSoA or revisit progress."""
        if self.outcome:
            return f"Outcome {self.outcome}: {Outcome(self.outcome).label}"
        if self.kind == ActivityType.LEGACY_INSPECTION and self.wsoa_required is not None:
            return "Written statement of action required" if self.wsoa_required else "No WSoA"
        if self.revisit_progress:
            return f"Sufficient progress on {self.revisit_progress} significant weaknesses"
        if self.finding:
            return f"The partnership is taking {self.finding}"
        return ""

    def as_record(self) -> ActivityRecord:
        return ActivityRecord(
            activity=ActivityType(self.kind),
            start=self.start_date,
            end=self.end_date,
            published=self.publication_date,
            outcome=self.outcome_enum,
            wsoa=self.wsoa_required,
            revisit_progress=RevisitProgress(self.revisit_progress) if self.revisit_progress else None,
            finding=self.finding or None,
        )


# What every value cached from the whole national history is keyed by (areasend.caching): it
# changes whenever an activity is added, deleted or updated, or the reference areas change.
HISTORY_TABLES = (Watched(Activity), Watched(LocalAreaPartnership))
history_fingerprint = Fingerprint(*HISTORY_TABLES)


# --- A live full inspection under the 2023 framework ---------------------------------------


class SystemActor:
    """The scheduled job, when it acts on an activity (opening it on its notification date)."""

    is_authenticated = False
    pk = None

    def get_username(self) -> str:
        return "system"

    def __str__(self) -> str:
        return "the system"


SYSTEM = SystemActor()


class WorkflowError(Exception):
    """A transition or change that the rules do not allow now; the message says why, in words
    a user can act on."""


# The states and transitions of every live kind are declared in framework.lifecycle; `State`
# is that enumeration, so `State.PUBLISHED` and the framework's table are one thing.
State = LiveState
STATE_CHOICES = [(s.value, s.label) for s in LiveState]
KIND_CHOICES = [(k.value, k.value.capitalize()) for k in LIVE_KINDS]
OPEN_STATES = kind_of(ActivityType.FULL_INSPECTION).open_states
__all__ = ["EVIDENCE_STATES", "OPEN_STATES", "OUTCOME_STATES"]


class TeamRole(models.TextChoices):
    OFSTED_LEAD = "ofsted_lead", "Lead inspector (Ofsted HMI)"
    OFSTED_HMI = "ofsted_hmi", "His Majesty's Inspector (Ofsted)"
    OFSTED_OI = "ofsted_oi", "Ofsted Inspector"
    CQC_LEAD = "cqc_lead", "CQC lead children's services inspector"
    CQC_INSPECTOR = "cqc_inspector", "CQC children's services inspector"

    @property
    def inspectorate(self) -> str:
        return "cqc" if self.value.startswith("cqc") else "ofsted"


class Remit(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def open(self) -> InspectionQuerySet:
        """Activities still under way (neither complete, paused nor withdrawn), of any kind."""
        query = models.Q()
        for spec in KINDS.values():
            query |= models.Q(kind=spec.kind, state__in=spec.open_states)
        return self.filter(query)

    def of_kind(self, kind: ActivityType | str) -> InspectionQuerySet:
        return self.filter(kind=kind)

    def published(self) -> InspectionQuerySet:
        return self.filter(state=State.PUBLISHED)

    def for_area(self, area: LocalAreaPartnership) -> InspectionQuerySet:
        return self.filter(area=area)


class Inspection(ChangeStamped):
    """One live activity of the 2023 framework in one area: a full inspection, a monitoring
    inspection, an engagement meeting or a thematic visit (`kind`). Its states, transitions and
    timeline come from `framework.lifecycle`; every state change goes through
    `inspections.lifecycle.transition`, which writes an `InspectionEvent` and the audit row."""

    kind = models.CharField(max_length=40, choices=KIND_CHOICES, default=ActivityType.FULL_INSPECTION)
    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.PROTECT, related_name="inspections")
    framework_version = models.CharField(max_length=10)
    notified_on = models.DateField()
    state = models.CharField(max_length=20, choices=STATE_CHOICES, default=LiveState.NOTIFIED)
    paused_from = models.CharField(max_length=20, choices=STATE_CHOICES, blank=True)
    state_reason = models.CharField(max_length=500, blank=True)
    nominated_officer_name = models.CharField(max_length=200)
    nominated_officer_email = models.EmailField()
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True
    )
    created = models.DateTimeField(default=timezone.now)
    # Made by the demo: tagged wherever it shows, and its history record left out of every figure.
    synthetic = models.BooleanField(default=False)

    outcome = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(o.value, o.label) for o in Outcome]
    )
    experience = models.TextField(
        "What is it like to be a child or young person with SEND in this area?", blank=True
    )
    effective = models.TextField("What is the area partnership doing that is effective?", blank=True)
    improve = models.TextField("What does the area partnership need to do better?", blank=True)

    draft_sent_on = models.DateField(null=True, blank=True)
    accuracy_deadline = models.DateField(null=True, blank=True)
    # The partnership may end the factual-accuracy check early by confirming it has no more comments.
    accuracy_confirmed_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    # A monitoring inspection's letter: effective or ineffective action (from one finding per
    # area for priority action, `PriorityActionFinding`).
    finding = models.CharField(
        max_length=20, blank=True, choices=[(f.value, f.value.capitalize()) for f in MonitoringFinding]
    )
    activity = models.OneToOneField(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="inspection"
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "notified_on"], name="one_inspection_per_area_per_notification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} of {self.area.name}, notified {self.notified_on:%-d %B %Y}"

    @property
    def spec(self) -> ActivityKind:
        """The kind's lifecycle: states, transitions, who may make them, timeline, product."""
        return kind_of(self.kind)

    @property
    def version(self) -> Any:
        from areasend.framework.versions import get_version

        return get_version(self.framework_version)

    @cached_property
    def timeline(self) -> list[Step]:
        return self.spec.timeline(self.notified_on, self.version)

    def step(self, name: str) -> Step:
        return next(s for s in self.timeline if s.step == name)

    @property
    def onsite(self) -> Step:
        """The days on site; for a meeting (no fieldwork), the meeting itself."""
        return next((s for s in self.timeline if s.step == ONSITE_FIELDWORK), self.timeline[-1])

    @property
    def is_open(self) -> bool:
        return self.state in self.spec.open_states

    def performers_for(self, user: Any) -> frozenset[Performer]:
        """How `user` stands to this activity, in the terms of the framework's transition table."""
        if user is SYSTEM:
            return frozenset({Performer.SYSTEM})
        if user is None or not user.is_authenticated:
            return frozenset()
        found: set[Performer] = set()
        if user.role in PLANNER_ROLES:
            found.add(Performer.PLANNER)
        if user.role == Role.LAP and user.area_id == self.area_id:
            found.add(Performer.PARTNERSHIP)
        roles = self.team_roles(user)
        if roles:
            found.add(Performer.TEAM)
        if TeamRole.OFSTED_LEAD in roles:
            found.add(Performer.LEAD)
        return frozenset(found)

    def may(self, user: Any, action: str) -> bool:
        """Whether the framework's transition table lets `user` make `action` on this activity."""
        return bool(self.spec.transition(action).by & self.performers_for(user))

    @cached_property
    def states_entered(self) -> frozenset[str]:
        return frozenset(self.events.values_list("to_state", flat=True)) | {self.kind_initial}

    @property
    def kind_initial(self) -> str:
        return self.spec.initial

    def event_date(self, state: LiveState | str) -> Any:
        """When the activity last entered `state` (from its event rows), or None."""
        event = self.events.filter(to_state=state).order_by("-at", "-id").first()
        return timezone.localdate(event.at) if event else None

    @property
    def outcome_enum(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None

    @property
    def lead(self) -> Any:
        member = self.team.filter(role=TeamRole.OFSTED_LEAD).select_related("inspector").first()
        return member.inspector if member else None

    @cached_property
    def members(self) -> list[TeamMember]:
        """The team, each with their inspector's name: one query for the life of this instance (a
        page asks many times); `forget_team` after the team changes. Only what pages show of the
        inspector is read, so a cached copy holds no more of them (no password hash, no email)."""
        return list(self.team.select_related("inspector").only(
            "inspection_id", "role", "remit", "inspector__username", "inspector__first_name",
            "inspector__last_name"))

    def team_roles(self, user: Any) -> frozenset[str]:
        """`user`'s roles on this activity's team."""
        if user is None or not user.is_authenticated:
            return frozenset()
        return frozenset(m.role for m in self.members if m.inspector_id == user.pk)

    def forget_team(self) -> None:
        self.__dict__.pop("members", None)

    def is_on_team(self, user: Any) -> bool:
        return bool(self.team_roles(user))

    def is_lead(self, user: Any) -> bool:
        return TeamRole.OFSTED_LEAD in self.team_roles(user)

    @property
    def follow_up(self) -> Any:
        from areasend.framework.followup import follow_up_for_outcome

        if not self.outcome:
            return None
        final = self.published_on or self.accuracy_deadline or self.onsite.last_day
        return follow_up_for_outcome(Outcome(self.outcome), self.onsite.start, final, self.version)

    def paragraphs_of(self, section: str) -> list[str]:
        # Browsers send line breaks as CRLF: a blank line is any line break, blank, line break.
        text = getattr(self, section)
        return [p.strip() for p in re.split(r"\r?\n[ \t]*\r?\n", text) if p.strip()]

    def report_paragraphs(self) -> list[tuple[str, str]]:
        """The draft's numbered paragraphs, the references factual-accuracy comments point at."""
        paragraphs: list[tuple[str, str]] = []
        for key in ("experience", "effective", "improve"):
            parts = self.paragraphs_of(key)
            paragraphs.extend((f"{key}-{n}", part) for n, part in enumerate(parts, start=1))
        for rec in self.recommendations.all():
            paragraphs.append((f"recommendation-{rec.pk}", rec.text))
        return paragraphs


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    inspector = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="team_places")
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    remit = models.CharField(max_length=20, choices=Remit.choices)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "inspector"], name="inspector_once_per_team"),
            models.UniqueConstraint(
                fields=["inspection"], condition=models.Q(role="ofsted_lead"), name="one_ofsted_lead",
            ),
            models.UniqueConstraint(
                fields=["inspection"], condition=models.Q(role="cqc_lead"), name="one_cqc_lead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspector} ({self.get_role_display()})"


class InspectionEvent(models.Model):
    """One state change of a live activity: who, from, to, when and why. Dates such as "withdrawn
    on" are read from here. The reason may hold personal details, so it lives here (visible to
    those who may see the activity) and never in the audit log."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, choices=STATE_CHOICES)
    to_state = models.CharField(max_length=20, choices=STATE_CHOICES)
    by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class BreakGlassQuerySet(models.QuerySet["BreakGlass"]):
    def current(self) -> BreakGlassQuerySet:
        return self.filter(expires__gt=timezone.now())


class BreakGlass(models.Model):
    """An administrator's audited, time-limited access to one activity's working papers, with
    the reason given (need-to-know: administrators see none of them otherwise)."""

    DURATION_HOURS = 4

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "break-glass accesses"

    def __str__(self) -> str:
        return f"Break-glass access to inspection {self.inspection_id} until {self.expires:%Y-%m-%d %H:%M}"


class EvidenceSource(models.TextChoices):
    MEETING = "meeting", "Meeting"
    TRACKING_CASE = "tracking_case", "Tracking case"
    CASE_SAMPLE = "case_sample", "Case sample"
    SETTING_VISIT = "setting_visit", "Setting visit"
    SURVEY = "survey", "Survey"
    DOCUMENT = "document", "Document"


class Strength(models.TextChoices):
    POSITIVE = "positive", "Positive"
    CONCERN = "concern", "Concern"


class EvidenceNoteQuerySet(models.QuerySet["EvidenceNote"]):
    def current(self) -> EvidenceNoteQuerySet:
        return self.filter(deleted_at__isnull=True)


class EvidenceNote(models.Model):
    """An inspector's evidence. Never silently lost: every edit keeps the previous text as a
    revision, and deletion is a soft delete with a reason."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="evidence")
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=EvidenceSource.choices)
    observed_on = models.DateField()
    criterion = models.CharField(max_length=3)
    themes = models.JSONField(default=list, blank=True)
    strength = models.CharField(max_length=10, choices=Strength.choices)
    text = models.TextField()
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    deleted_reason = models.CharField(max_length=300, blank=True)

    objects = EvidenceNoteQuerySet.as_manager()

    class Meta:
        ordering = ["criterion", "observed_on", "id"]

    def __str__(self) -> str:
        return f"Evidence {self.pk} ({self.criterion}, {self.strength})"


class EvidenceRevision(models.Model):
    """The note as it was before an edit (append-only)."""

    note = models.ForeignKey(EvidenceNote, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField()
    criterion = models.CharField(max_length=3)
    themes = models.JSONField(default=list)
    strength = models.CharField(max_length=10)
    source = models.CharField(max_length=20)
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"Revision of evidence {self.note_id} at {self.replaced_at:%Y-%m-%d %H:%M:%S}"


class RecommendationKind(models.TextChoices):
    PRIORITY_ACTION = "priority_action", "Area for priority action"
    IMPROVEMENT = "improvement", "Area for improvement"


class Recommendation(models.Model):
    """An area for improvement or (outcome 3 only) an area for priority action, addressed to
    named partners or to the whole partnership (spec §5.3)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(max_length=20, choices=RecommendationKind.choices)
    text = models.TextField()
    whole_partnership = models.BooleanField(default=False)
    partners = models.ManyToManyField("areas.Partner", blank=True, related_name="recommendations")
    themes = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def addressees(self) -> str:
        if self.whole_partnership:
            return "The local area partnership"
        return " and ".join(p.name for p in self.partners.all())


class AccuracyComment(models.Model):
    """A partnership's factual-accuracy comment on one paragraph of the draft, and the answer."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="accuracy_comments")
    paragraph = models.CharField(max_length=40)
    comment = models.TextField()
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    response = models.TextField(blank=True)
    accepted = models.BooleanField(null=True, blank=True)
    responded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    # An accepted comment applied by the lead: the paragraph as it was, and when it changed.
    replaced_text = models.TextField(blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"Factual accuracy comment on {self.paragraph}"


class PriorityActionFinding(models.Model):
    """A monitoring inspection's finding on one area for priority action of the full inspection
    it follows: is the partnership taking effective action? (spec §7; next-capabilities §1.3)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="priority_findings")
    # The area for priority action as recorded on a live full inspection, when there is one;
    # for a report imported from the published record, its text alone.
    priority_action = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="monitoring_findings"
    )
    text = models.CharField(max_length=500)
    finding = models.CharField(max_length=20, choices=[(f.value, f.value.capitalize()) for f in MonitoringFinding])
    note = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="one_finding_per_priority_action"),
        ]

    def __str__(self) -> str:
        return f"{self.finding.capitalize()}: {self.text[:60]}"
