from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.inspections.importers import SOURCES, ImportFileError, import_file


class Command(BaseCommand):
    help = (
        "Import published inspection history. --source ofsted-2016-2022 reads Ofsted's official "
        "2016-2022 statistics; --source area-send-2023 reads the 2023-framework full inspections. "
        "Idempotent: a second run changes nothing. Bad rows are reported; good rows still load."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--source", required=True, help=f"one of: {', '.join(sorted(SOURCES))}")
        parser.add_argument("path", type=Path, help="the CSV file to read")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_file(options["source"], options["path"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(f"{options['source']}: {report.summary}.")
        if report.problems:
            # Partial success is still a failure for scripts to notice; the good rows are kept.
            raise SystemExit(1)
