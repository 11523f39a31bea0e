"""The inspector pool (inspectors with role, remit, home region, experience, training, leave and
declared conflicts of interest) and the national programme's plans (a solved plan and the
activities it proposes, which a planner confirms one by one)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from areasend.caching import ChangeStamped
from areasend.framework.calendar import add_months

from .programme import TRAINING_VALID_MONTHS


class ConflictOfInterestQuerySet(models.QuerySet["ConflictOfInterest"]):
    def current(self, as_at: date | None = None) -> ConflictOfInterestQuerySet:
        """Conflicts in force on `as_at` (today by default)."""
        day = as_at or timezone.localdate()
        return self.filter(models.Q(ends__isnull=True) | models.Q(ends__gte=day))


class ConflictOfInterest(ChangeStamped):
    """An inspector may not inspect an area they have a declared interest in (for example recent
    employment by its local authority or ICB)."""

    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts_of_interest"
    )
    area = models.ForeignKey(
        "areas.LocalAreaPartnership", on_delete=models.CASCADE, related_name="conflicts_of_interest"
    )
    reason = models.CharField(max_length=300)
    declared_on = models.DateField(default=timezone.localdate)
    ends = models.DateField(null=True, blank=True)

    objects = ConflictOfInterestQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "conflicts of interest"

    def __str__(self) -> str:
        return f"{self.inspector} – {self.area}"


class Organisation(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    CQC = "cqc", "CQC"


class PoolRole(models.TextChoices):
    """The inspector's job, which decides the places on a team they can take."""

    HMI = "hmi", "His Majesty's Inspector (Ofsted)"
    OFSTED_INSPECTOR = "ofsted_inspector", "Ofsted Inspector"
    CQC_LEAD = "cqc_lead", "CQC lead children's services inspector"
    CQC_INSPECTOR = "cqc_inspector", "CQC children's services inspector"

    @property
    def organisation(self) -> str:
        return Organisation.CQC if self.value.startswith("cqc") else Organisation.OFSTED


class PoolRemit(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"


class InspectorQuerySet(models.QuerySet["Inspector"]):
    def active(self) -> InspectorQuerySet:
        return self.filter(active=True)


class Inspector(models.Model):
    """One member of the national pool: a user with the inspector role and what the planner needs
    to place them on a team."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pool_profile")
    organisation = models.CharField(max_length=10, choices=Organisation.choices)
    role = models.CharField(max_length=20, choices=PoolRole.choices)
    remit = models.CharField(max_length=20, choices=PoolRemit.choices)
    home_region_code = models.CharField(max_length=9)
    home_region_name = models.CharField(max_length=50)
    # The 2025 review said Ofsted would explore a national pool of education inspectors: optional.
    national_pool = models.BooleanField(default=False)
    send_experience = models.BooleanField("SEND experience", default=False)
    ap_experience = models.BooleanField("Alternative provision experience", default=False)
    # Working pattern: the most activities a year they can take (part-time inspectors fewer).
    max_activities_per_year = models.PositiveSmallIntegerField(default=8)
    active = models.BooleanField(default=True)
    synthetic = models.BooleanField(default=False)

    objects = InspectorQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.username


class Training(models.Model):
    """A completed area SEND training course; it lapses on `expires_on`."""

    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="training")
    course = models.CharField(max_length=100, default="Area SEND inspection training")
    completed_on = models.DateField()
    expires_on = models.DateField()

    class Meta:
        ordering = ["-expires_on"]

    def __str__(self) -> str:
        return f"{self.course}, {self.completed_on:%-d %B %Y} to {self.expires_on:%-d %B %Y}"


def expiry_for(completed_on: date) -> date:
    return add_months(completed_on, TRAINING_VALID_MONTHS)


class Leave(models.Model):
    """Days an inspector cannot be scheduled (leave, other duties)."""

    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="leave")
    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        ordering = ["first_day"]
        constraints = [models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                              name="leave_in_order")]

    def __str__(self) -> str:
        return f"Leave {self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMMITTED = "committed", "Committed"
    SUPERSEDED = "superseded", "Superseded"


class Plan(models.Model):
    """One solve of the national programme. Committing it proposes its activities; each is notified
    only when a planner confirms it."""

    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    start = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.JSONField(default=dict)
    feasibility = models.JSONField(default=list)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Plan of {self.weeks} weeks from {self.start:%-d %B %Y} ({self.get_status_display()})"


class PlannedActivity(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    area = models.ForeignKey("areas.LocalAreaPartnership", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    due_by = models.DateField(null=True)
    notification_date = models.DateField()
    onsite_start = models.DateField()
    team = models.JSONField(default=list)  # [{"inspector": user id, "role": team role}]
    pinned_week = models.BooleanField(default=False)
    inspection = models.OneToOneField("inspections.Inspection", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="planned")

    class Meta:
        ordering = ["notification_date", "area__name"]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} of {self.area}, notified {self.notification_date:%-d %B %Y}"
