"""The inspector pool: for now, declared conflicts of interest (the national programme optimiser
and the rest of the pool come with the planning work)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ConflictOfInterestQuerySet(models.QuerySet["ConflictOfInterest"]):
    def current(self) -> ConflictOfInterestQuerySet:
        today = timezone.localdate()
        return self.filter(models.Q(ends__isnull=True) | models.Q(ends__gte=today))


class ConflictOfInterest(models.Model):
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
