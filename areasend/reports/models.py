"""The easy-read summary of a report, written by the lead inspector from a guided form."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend.inspections.models import Inspection


class EasyReadSummary(models.Model):
    """Short lines, one idea each, with a symbol; public only once the report is published."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="easy_read")
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Easy-read summary of inspection {self.inspection_id}"

    def lines_of(self, part: str) -> list[EasyReadLine]:
        return [line for line in self.lines.all() if line.part == part]


class EasyReadLine(models.Model):
    summary = models.ForeignKey(EasyReadSummary, on_delete=models.CASCADE, related_name="lines")
    part = models.CharField(max_length=10)
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=100)
    symbol = models.CharField(max_length=20)

    class Meta:
        ordering = ["summary", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def symbol_alt(self) -> str:
        from areasend.reports.easyread import SYMBOLS

        return SYMBOLS[self.symbol].alt if self.symbol in SYMBOLS else ""
