"""Person-level data a partnership returns during a full inspection: the case list of children and
young people with SEND, the cases inspectors choose to track, and the documents uploaded for them
(framework spec §3.2 steps 3 and 6). Pseudonymous references only; deleted by
`purge_tracking_data` once the inspection is over."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from areasend.framework.calendar import working_days_between

from . import sampling

REFERENCE_PATTERN = r"^[A-Za-z0-9-]{1,20}$"
REFERENCE_RULE = "up to 20 letters, digits or hyphens"
validate_reference = RegexValidator(REFERENCE_PATTERN, f"A reference must be {REFERENCE_RULE}")


class AgeBand(models.TextChoices):
    UNDER_5 = "0-4", "0 to 4"
    PRIMARY = "5-10", "5 to 10"
    SECONDARY = "11-15", "11 to 15"
    POST_16 = "16-19", "16 to 19"
    POST_19 = "20-25", "20 to 25"


class Need(models.TextChoices):
    """Primary type of need, as in the DfE SEN2 return and the school census."""

    ASD = "ASD", "Autistic spectrum disorder"
    SLCN = "SLCN", "Speech, language and communication needs"
    SEMH = "SEMH", "Social, emotional and mental health"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SPLD = "SpLD", "Specific learning difficulty"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    OTH = "OTH", "Other difficulty or disability"


class Provision(models.TextChoices):
    EHC_PLAN = sampling.EHC_PLAN, "EHC plan"
    SEN_SUPPORT = sampling.SEN_SUPPORT, "SEN support"


class Setting(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    MAINSTREAM = "mainstream_school", "Mainstream school"
    SPECIAL = "special_school", "Special school"
    FURTHER_EDUCATION = "further_education", "Further education"
    ALTERNATIVE_PROVISION = sampling.ALTERNATIVE_PROVISION, "Alternative provision"
    NEET = "neet", "Not in education or training"
    HOME_EDUCATED = "home_educated", "Electively home educated"
    OTHER = "other", "Other arrangement"


class Consent(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROACHED = "approached", "Family approached"
    AGREED = "agreed", "Consent agreed"
    DECLINED = "declined", "Consent declined"
    WITHDRAWN = "withdrawn", "Consent withdrawn"


ENDED = frozenset({Consent.DECLINED, Consent.WITHDRAWN})


class CaseListEntryQuerySet(models.QuerySet["CaseListEntry"]):
    def for_inspection(self, inspection: Any) -> CaseListEntryQuerySet:
        return self.filter(inspection=inspection)


class CaseListEntry(models.Model):
    """One child or young person on the partnership's list, by a pseudonymous reference that
    only the partnership can link to a name."""

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="case_list")
    reference = models.CharField(max_length=20, validators=[validate_reference])
    age_band = models.CharField(max_length=5, choices=AgeBand.choices)
    need = models.CharField("Primary need", max_length=4, choices=Need.choices)
    provision = models.CharField(max_length=20, choices=Provision.choices)
    setting = models.CharField(max_length=30, choices=Setting.choices)
    in_alternative_provision = models.BooleanField("Attends alternative provision", default=False)
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = CaseListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["reference", "id"]
        verbose_name_plural = "case list entries"
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"], name="case_reference_once_per_inspection"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def in_ap(self) -> bool:
        return sampling.in_ap(self)


class TrackingCaseQuerySet(models.QuerySet["TrackingCase"]):
    def for_inspection(self, inspection: Any) -> TrackingCaseQuerySet:
        return self.filter(inspection=inspection)

    def current(self) -> TrackingCaseQuerySet:
        """The cases tracked now: not replaced by another."""
        return self.filter(replaced_by__isnull=True)

    def replaced(self) -> TrackingCaseQuerySet:
        return self.filter(replaced_by__isnull=False)


class TrackingCase(models.Model):
    """A child or young person inspectors track, and where the family's consent stands. A case
    that is declined, withdrawn or swapped out keeps its row and points at its replacement."""

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="tracking_cases")
    entry = models.ForeignKey(CaseListEntry, on_delete=models.PROTECT, related_name="tracking_cases")
    consent = models.CharField(max_length=20, choices=Consent.choices, default=Consent.PROPOSED)
    consent_recorded_on = models.DateField(null=True, blank=True)
    documents_due = models.DateField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces",
    )
    selected_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    seed = models.BigIntegerField(help_text="The seed the selection was drawn with, to reproduce it")
    created = models.DateTimeField(default=timezone.now)

    objects = TrackingCaseQuerySet.as_manager()

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "entry"], name="entry_tracked_once_per_inspection"),
        ]

    def __str__(self) -> str:
        return f"Tracking case {self.entry.reference} ({self.get_consent_display()})"

    def documents_late(self, today: date | None = None) -> bool:
        """Agreed, past the due date and still without documents."""
        today = today or timezone.localdate()
        return bool(
            self.consent == Consent.AGREED and self.documents_due and self.documents_due < today
            and not self.documents.all()  # uses the prefetch on list pages
        )

    def working_days_left(self, today: date | None = None) -> int | None:
        if not self.documents_due:
            return None
        return working_days_between(today or timezone.localdate(), self.documents_due)


def _document_path(instance: Any, filename: str) -> str:
    # Random, so a path reveals nothing and cannot be guessed; the name the user gave is kept in
    # original_name and only ever sent back in Content-Disposition.
    return f"tracking/{uuid.uuid4().hex}"


class TrackingDocument(models.Model):
    case = models.ForeignKey(TrackingCase, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=_document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"Document {self.pk} for case {self.case_id}"


def _return_path(instance: Any, filename: str) -> str:
    return f"returns/{uuid.uuid4().hex}"


class DataReturnQuerySet(models.QuerySet["DataReturn"]):
    def for_inspection(self, inspection: Any) -> DataReturnQuerySet:
        return self.filter(inspection=inspection)

    def held(self) -> DataReturnQuerySet:
        """Returns whose person-level file and row issues are still kept."""
        return self.filter(purged_at__isnull=True)


class DataReturn(models.Model):
    """One upload of the partnership's person-level data return, checked on arrival. A corrected
    return is a new row with the next number: earlier ones are kept until the retention purge,
    which deletes the file and the row issues and keeps the counts and indicators (aggregates)."""

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="data_returns")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=_return_path, max_length=200, blank=True)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=10)
    layouts = models.CharField(max_length=40, help_text="The lists the file holds: v1, list1, list2")
    as_at = models.DateField()
    rows = models.PositiveIntegerField()
    valid_rows = models.PositiveIntegerField()
    error_count = models.PositiveIntegerField()
    warning_count = models.PositiveIntegerField()
    issues = models.JSONField(default=list, blank=True, help_text="The first issues, person-level")
    indicators = models.JSONField(default=dict, blank=True)
    weeks_to_final_plan = models.JSONField(default=list, blank=True)
    samples = models.JSONField(default=dict, blank=True, help_text="Topic samples: references, person-level")
    sample_seed = models.BigIntegerField(default=0, help_text="The seed the topic samples were drawn with")
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(null=True, blank=True)

    objects = DataReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="return_number_once_per_inspection"),
        ]

    def __str__(self) -> str:
        return f"Data return {self.number} for inspection {self.inspection_id}"


class PublishedFigure(models.Model):
    """A local authority's published DfE SEN2 figure (Explore Education Statistics, "Education,
    health and care plans"), to set beside the same indicator computed from a return. Loaded by
    `areasend import_send_stats`; public national statistics, not person-level."""

    area_code = models.CharField(max_length=9, help_text="The local authority's GSS code")
    year = models.PositiveSmallIntegerField(help_text="Calendar year (for a January caseload: that January)")
    measure = models.CharField(max_length=40, help_text="The indicator key it compares with")
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    percent = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=80)

    class Meta:
        ordering = ["area_code", "measure", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["area_code", "year", "measure"], name="published_figure_once"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.area_code} {self.year}"
