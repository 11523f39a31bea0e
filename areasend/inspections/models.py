"""Every inspection activity under both frameworks: the history of each partnership."""

from __future__ import annotations

from datetime import date

from django.db import models

from areasend.areas.models import LocalAreaPartnership
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.followup import ActivityRecord
from areasend.framework.outcomes import Outcome, RevisitProgress


class Source(models.TextChoices):
    OFSTED_2016_2022 = "ofsted-2016-2022", "Ofsted official statistics, 2016–2022 framework"
    AREA_SEND_2023 = "area-send-2023", "Published area SEND full inspection reports, 2023 framework"
    AREASEND = "areasend", "Recorded in areasend"


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


class Activity(models.Model):
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
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups",
        help_text="For a revisit or monitoring inspection: the inspection it follows",
    )
    report_url = models.URLField(max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.AREASEND)
    source_key = models.CharField(max_length=200, unique=True, help_text="Stable key for re-imports")
    note = models.CharField(max_length=500, blank=True)

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
        )
