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
        parser.add_argument(
            "--as-at", dest="as_at",
            help="judge by what was known on this date, YYYY-MM-DD (default today): activities that "
                 "had started and whose report had been published by then",
        )
        parser.add_argument("--include-demo", action="store_true",
                            help="also count the demo's synthetic records (left out by default)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["as_at"]:
            try:
                as_at = date.fromisoformat(options["as_at"])
            except ValueError:
                raise CommandError(f"--as-at '{options['as_at']}' is not a date in the form YYYY-MM-DD") from None
        else:
            as_at = timezone.localdate()
        rows = [row.as_dict() for row in due_list(as_at, include_demo=options["include_demo"])]
        if options["json"]:
            self.stdout.write(json.dumps(rows))
            return
        for row in rows:
            for item in row["pending"]:
                flag = " OVERDUE" if item["due_by"] < as_at.isoformat() else ""
                self.stdout.write(f"{row['area_code']} {row['area_name']:<40} {item['activity']:<22} "
                                  f"by {item['due_by']}{flag}  ({item['rule']})")
            meeting = row["next_engagement_meeting"]
            when = f"usually by {meeting} (provisional)" if meeting else "not recorded"
            self.stdout.write(f"{row['area_code']} {row['area_name']:<40} {'engagement meeting':<22} {when}")
            if row["plan_due"]:
                plan = row["plan_due"]
                self.stdout.write(f"{row['area_code']} {row['area_name']:<40} {plan['plan']:<22} "
                                  f"usually by {plan['due_by']} (provisional)")
