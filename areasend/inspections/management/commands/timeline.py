import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.framework.timeline import (
    InvalidNotificationDate,
    check_notification_date,
    full_inspection_timeline,
)
from areasend.framework.versions import UnknownFrameworkVersion, get_version


class Command(BaseCommand):
    help = "The dated steps of a full inspection notified on DATE (a working Monday)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--notified", required=True, help="notification date, YYYY-MM-DD")
        parser.add_argument("--framework-version", dest="version", help="e.g. 2023-01, 2025-06, 2025-07")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            notified = date.fromisoformat(options["notified"])
        except ValueError:
            raise CommandError(f"--notified '{options['notified']}' is not a date in the form YYYY-MM-DD") from None
        try:
            version = get_version(options["version"]) if options["version"] else None
            # A new inspection's date: a working Monday whose on-site week is Monday to Friday
            # in term time; the message gives the nearest valid Mondays.
            check_notification_date(notified, version)
            steps = full_inspection_timeline(notified, version)
        except (InvalidNotificationDate, UnknownFrameworkVersion) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps([s.as_dict() for s in steps]))
            return
        for s in steps:
            when = s.start.isoformat() + (f" to {s.end.isoformat()}" if s.end and s.end != s.start else "")
            self.stdout.write(f"{when:<26} {s.step}")
