from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.inspections.importers import ACTIVITY_SOURCES, REQUIRED_ACTIVITIES, ImportFileError, import_file


class Command(BaseCommand):
    help = (
        "Record activities that happened outside areasend (monitoring inspections, engagement "
        "meetings, thematic visits, full inspections and the legacy kinds) from a CSV with the header "
        f"{','.join(REQUIRED_ACTIVITIES)}. Idempotent: a second run changes nothing. Bad rows are "
        "reported as 'row N: reason'; good rows still load, each in its own transaction."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--source", required=True, help=f"one of: {', '.join(sorted(ACTIVITY_SOURCES))}")
        parser.add_argument("path", type=Path, help="the CSV file to read")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_file(options["source"], options["path"], ACTIVITY_SOURCES)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(f"{options['source']}: {report.summary}.")
        if report.problems:
            # Partial success is still a failure for scripts to notice; the good rows are kept.
            raise SystemExit(1)
