import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.insights.stats import counts


def iso_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{name} '{value}' is not a date in the form YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Counts over inspections whose start date falls in the range. 2023 framework: inspections "
        "and outcomes; 2016 framework: inspections, WSoA, revisits and revisit progress."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--framework", choices=["2016", "2023"])
        parser.add_argument("--from", dest="date_from", help="first start date, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="last start date, YYYY-MM-DD")
        parser.add_argument("--include-demo", action="store_true",
                            help="also count the demo's synthetic records (left out by default)")

    def handle(self, *args: Any, **options: Any) -> None:
        start = iso_date(options["date_from"], "--from") if options["date_from"] else None
        end = iso_date(options["date_to"], "--to") if options["date_to"] else None
        if start and end and start > end:
            raise CommandError(f"--from {start} is after --to {end}")
        result = counts(options["framework"], start, end, options["include_demo"])
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(json.dumps(result, indent=2))
