"""What happens after a report is published (spec §6-§10): the partnership's priority action
plan (outcome 3) with every version and its review, its updated strategic plan (outcomes 1 and
2), the record of each engagement meeting, and the legacy follow-up of the 2016 framework."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from areasend.areas.models import LocalAreaPartnership, Partner
from areasend.caching import ChangeStamped
from areasend.framework.criteria import Theme
from areasend.inspections.models import Activity, Inspection, Recommendation


class ReviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REVISE = "revise", "Revise and resubmit"


class PriorityActionPlan(models.Model):
    """The partnership's plan for the areas for priority action of one outcome-3 report. Its
    versions are kept: each submission, and the review it had."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.PROTECT, related_name="priority_action_plans")
    report = models.OneToOneField(Activity, on_delete=models.PROTECT, related_name="priority_action_plan")
    local_name = models.CharField(
        max_length=100, blank=True, help_text="What the partnership calls it, e.g. 'SEND Improvement Plan'"
    )
    due_by = models.DateField()
    publish_by = models.DateField()
    synthetic = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Priority action plan of {self.area.name} ({self.report.publication_date})"

    @property
    def latest(self) -> PlanVersion | None:
        # In Python, so a prefetch of the versions (the overview's) is used.
        return max(self.versions.all(), key=lambda v: v.number, default=None)

    @property
    def accepted(self) -> bool:
        return self.versions.filter(review=ReviewOutcome.ACCEPTED).exists()


class PlanVersion(models.Model):
    """One submission of the plan: the document and its structured actions, and its review."""

    plan = models.ForeignKey(PriorityActionPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    document = models.FileField(upload_to="followup/plans/%Y/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    review_due_by = models.DateField()
    review_body = models.CharField(max_length=60, help_text="Who gives feedback under the version in force")
    review = models.CharField(max_length=10, choices=ReviewOutcome.choices, blank=True)
    review_comments = models.TextField(blank=True)
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"

    @property
    def awaiting_review(self) -> bool:
        return not self.review


class PlanAction(models.Model):
    """What the partnership will do about one area for priority action, who is responsible,
    by when (milestones) and how it will know it worked (impact measures)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    priority_action = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="plan_actions")
    priority_action_text = models.CharField(max_length=500)
    action = models.TextField()
    partners = models.ManyToManyField(Partner, related_name="plan_actions")
    impact_measures = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return f"Action on '{self.priority_action_text[:40]}'"


class Milestone(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["action", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.text[:40]}"


class StrategicPlan(ChangeStamped):
    """The publication of the partnership's updated strategic plan after an outcome 1 or 2 report."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.PROTECT, related_name="strategic_plans")
    report = models.OneToOneField(Activity, on_delete=models.PROTECT, related_name="strategic_plan")
    url = models.URLField(max_length=300)
    published_on = models.DateField()
    due_by = models.DateField()
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"Strategic plan of {self.area.name}, published {self.published_on}"

    @property
    def late(self) -> bool:
        return self.published_on > self.due_by


THEME_CHOICES = [(t.value, t.title) for t in Theme]


class MeetingRecord(models.Model):
    """What was said at an engagement meeting: never published (spec §8)."""

    meeting = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="meeting_record")
    held_on = models.DateField()
    topics = models.JSONField(default=list, help_text="Of the eight themes")
    notes = models.TextField(blank=True)
    inspectors = models.ManyToManyField("accounts.User", related_name="+")
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Record of the engagement meeting of {self.held_on}"

    def topic_titles(self) -> list[str]:
        titles = dict(THEME_CHOICES)
        return [titles.get(t, t) for t in self.topics]


class MeetingAttendee(models.Model):
    record = models.ForeignKey(MeetingRecord, on_delete=models.CASCADE, related_name="attendees")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    names = models.CharField(max_length=300, help_text="Who attended for this partner, with their roles")

    class Meta:
        ordering = ["record", "partner__kind", "id"]

    def __str__(self) -> str:
        return f"{self.partner.name}: {self.names}"


class MeetingAction(models.Model):
    record = models.ForeignKey(MeetingRecord, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=500)
    owner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["record", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class LegacyKind(models.TextChoices):
    """Follow-up and support-and-challenge records of the 2016 framework and after (spec §6.2, §10)."""

    WSOA_SUBMITTED = "wsoa_submitted", "Written statement of action submitted"
    WSOA_ACCEPTED = "wsoa_accepted", "Written statement of action accepted as fit for purpose"
    APP = "app", "Accelerated progress plan required"
    INTERIM_VISIT = "interim_visit", "Interim area SEND visit (2020–21)"
    IMPROVEMENT_NOTICE = "improvement_notice", "DfE improvement notice"
    STATUTORY_DIRECTION = "statutory_direction", "Statutory direction"
    STOCKTAKE = "stocktake", "DfE and NHS England stocktake"
    NHSE_INTERVENTION = "nhse_intervention", "NHS England intervention"


class LegacyFollowUp(ChangeStamped):
    """One dated follow-up record from the public record, with its source and a link."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.PROTECT, related_name="legacy_follow_ups")
    kind = models.CharField(max_length=30, choices=LegacyKind.choices)
    on = models.DateField()
    follows = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=200)
    url = models.URLField(max_length=300, blank=True)
    note = models.CharField(max_length=500, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["area", "on", "id"]
        constraints = [models.UniqueConstraint(fields=["area", "kind", "on"], name="one_legacy_record_a_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.area.name}, {self.on})"

    def as_row(self) -> dict[str, Any]:
        return {"kind": self.get_kind_display(), "on": self.on, "source": self.source, "url": self.url}


class NationalTheme(models.Model):
    """An area SEND thematic review (spec §9): one theme a year, its question, the areas visited
    (no judgement, no letter) and one national report that names areas only if they agree."""

    title = models.CharField(max_length=200)
    question = models.TextField()
    year = models.PositiveSmallIntegerField()
    guidance_url = models.URLField(max_length=300, blank=True)
    report_summary = models.TextField(blank=True)
    report_published_on = models.DateField(null=True, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class ThematicVisit(models.Model):
    visit = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="thematic")
    theme = models.ForeignKey(NationalTheme, on_delete=models.PROTECT, related_name="visits")
    named = models.BooleanField(default=False, help_text="The partnership agreed to be named in the national report")

    def __str__(self) -> str:
        return f"Thematic visit to {self.visit.area.name} ({self.theme})"


class ThematicFinding(models.Model):
    visit = models.ForeignKey(ThematicVisit, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField()
    themes = models.JSONField(default=list, help_text="Of the eight themes")

    class Meta:
        ordering = ["visit", "id"]

    def __str__(self) -> str:
        return self.text[:60]
