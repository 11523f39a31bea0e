import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.inspections.due import due_list


class Command(BaseCommand):
    help = "What is due next for each of the 153 partnerships, by the framework's rules."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--as-at", dest="as_at", help="the date to judge by, YYYY-MM-DD (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["as_at"]:
            try:
                as_at = date.fromisoformat(options["as_at"])
            except ValueError:
                raise CommandError(f"--as-at '{options['as_at']}' is not a date in the form YYYY-MM-DD") from None
        else:
            as_at = timezone.localdate()
        rows = [row.as_dict() for row in due_list(as_at)]
        if options["json"]:
            self.stdout.write(json.dumps(rows))
            return
        for row in rows:
            flag = " OVERDUE" if row["overdue"] else ""
            self.stdout.write(
                f"{row['area_code']} {row['area_name']:<40} {row['next_activity']:<22} by {row['due_by']}{flag}"
            )
