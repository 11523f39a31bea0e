from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.surveys.retention import RETENTION_YEARS, due_for_purge, purge


class Command(BaseCommand):
    help = (
        "Delete the survey responses of inspections whose report was published at least "
        f"--older-than-years ago (default {RETENTION_YEARS}); the totals behind the published summary stay. "
        "Safe to run daily: a repeated run does nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--older-than-years", dest="years", type=int, default=RETENTION_YEARS,
                            help=f"years since publication (default {RETENTION_YEARS})")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["years"] < 0:
            raise CommandError("--older-than-years must be 0 or more")
        due = due_for_purge(timezone.localdate(), options["years"])
        for inspection in due:
            self.stdout.write(f"deleted {purge(inspection)} responses of inspection {inspection.pk} "
                              f"({inspection.area.gss_code})")
        if not due:
            self.stdout.write("nothing to delete")
