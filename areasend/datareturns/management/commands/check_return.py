import json
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.datareturns import validation
from areasend.datareturns.reader import ReturnUnreadable


class Command(BaseCommand):
    help = (
        "Validate a person-level data return (CSV, XLSX or ODS; return version 1 or Ofsted's List 1 and "
        "List 2) and print its row errors, warnings and statutory-compliance indicators. Exits 0 whenever "
        "the file could be read, however many errors it has; non-zero with one line when it cannot."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--as-at", dest="as_at", help="the return's date, YYYY-MM-DD (default today)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        as_at = _as_at(options["as_at"])
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror})") from None
        try:
            checked = validation.check_file(data, path.name, as_at=as_at)
        except ReturnUnreadable as error:
            raise CommandError(f"{path}: {error}") from None
        if options["json"]:
            self.stdout.write(json.dumps(checked.as_json()))
        else:
            self._print(checked)

    def _print(self, checked: validation.Checked) -> None:
        self.stdout.write(f"{checked.rows} rows ({', '.join(checked.layouts)}, {checked.format}): "
                          f"{checked.valid_rows} without errors, {len(checked.errors)} errors, "
                          f"{len(checked.warnings)} warnings")
        for issue in [*checked.errors, *checked.warnings]:
            sheet = f"{issue.sheet} " if issue.sheet and checked.several_sheets else ""
            self.stdout.write(f"{issue.severity} {sheet}row {issue.row} {issue.field}: {issue.message}")
        for key, value in checked.indicators.items():
            self.stdout.write(f"{key}: {value.numerator}/{value.denominator}")


def _as_at(text: str | None) -> date:
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-at {text!r} is not a date: use YYYY-MM-DD") from None
