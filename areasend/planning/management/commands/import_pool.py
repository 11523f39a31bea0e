from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.planning.pool import CSV_HEADER, import_pool_csv


class Command(BaseCommand):
    help = f"Import or update inspectors from a CSV with the header {','.join(CSV_HEADER)}."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        try:
            result = import_pool_csv(path)
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from None
        for line in result.errors or []:
            self.stderr.write(line)
        self.stdout.write(f"{result.created} inspectors created, {result.updated} updated, "
                          f"{len(result.errors or [])} rows with errors")
