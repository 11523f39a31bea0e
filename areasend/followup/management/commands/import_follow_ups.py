from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.followup.legacy import REQUIRED, import_follow_ups
from areasend.inspections.importers import ImportFileError


class Command(BaseCommand):
    help = (
        "Record legacy follow-up and support-and-challenge records (WSoA submitted or accepted, "
        "accelerated progress plans, interim visits, improvement notices, statutory directions, "
        f"stocktakes, NHS England interventions) from a CSV with the header {','.join(REQUIRED)}. "
        "Idempotent; bad rows are reported as 'row N: reason' and the good rows still load."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="the CSV file to read")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_follow_ups(options["path"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(f"follow-ups: {report.summary}.")
        if report.problems:
            raise SystemExit(1)
