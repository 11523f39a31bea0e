"""The 153 local area partnerships, their partners, and the codes they used to have."""

from __future__ import annotations

from django.db import models

from areasend.caching import ChangeStamped


class AreaType(models.TextChoices):
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan district"
    LONDON = "london", "London borough"
    COUNTY = "county", "County"


class AreaQuerySet(models.QuerySet["LocalAreaPartnership"]):
    def in_region(self, region_code: str) -> AreaQuerySet:
        return self.filter(region_code=region_code)

    def for_code(self, code: str) -> AreaQuerySet:
        """The current partnership(s) for a GSS code: itself, or the successors of an old code
        (Cumbria became Cumberland and Westmorland and Furness in April 2023)."""
        return self.filter(models.Q(gss_code=code) | models.Q(predecessor_codes__code=code)).distinct()


class LocalAreaPartnership(ChangeStamped):
    """A local area partnership: one upper-tier local authority's footprint, with its ICB(s) and
    partners. Identified by the local authority's ONS/GSS code. Change-stamped, so a renamed area or
    a partner added beside it reaches every kept page that shows it at once."""

    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    dfe_code = models.CharField("DfE LA code", max_length=3, unique=True)
    name = models.CharField(max_length=100)
    area_type = models.CharField(max_length=20, choices=AreaType.choices)
    region_code = models.CharField(max_length=9)
    region_name = models.CharField(max_length=50)
    ofsted_urn = models.CharField("Ofsted URN", max_length=10, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "local area partnership"

    def __str__(self) -> str:
        return self.name

    @property
    def ofsted_reports_url(self) -> str:
        if not self.ofsted_urn:
            return ""
        return f"https://reports.ofsted.gov.uk/provider/44/{self.ofsted_urn}"

    @property
    def local_authority(self) -> Partner | None:
        return self.partners.filter(kind=PartnerKind.LOCAL_AUTHORITY).first()


class PartnerKind(models.TextChoices):
    LOCAL_AUTHORITY = "la", "Local authority"
    ICB = "icb", "Integrated care board"
    PARENT_CARER_FORUM = "pcf", "Parent carer forum"
    OTHER = "other", "Other partner"


class Partner(models.Model):
    """A body in the partnership; recommendations are addressed to partners by name."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(max_length=10, choices=PartnerKind.choices)
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=12, blank=True, help_text="ONS code of an ICB")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["area", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "kind", "name"], name="unique_partner_per_area"),
        ]

    def __str__(self) -> str:
        return self.name


class PredecessorCode(models.Model):
    """A GSS code no longer in use whose history belongs to today's partnership(s)."""

    code = models.CharField(max_length=9, unique=True)
    dfe_code = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=100)
    ended = models.DateField()
    successors = models.ManyToManyField(LocalAreaPartnership, related_name="predecessor_codes")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
