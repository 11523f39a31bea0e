"""Open every scheduled activity whose notification date has come: the partnership can see it and
the nominated officer's message goes out. Run daily (and at start-up); idempotent, and a missed
day is caught up on the next run."""

from typing import Any

from django.core.management.base import BaseCommand

from areasend.inspections.workflow import open_scheduled


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        opened = open_scheduled()
        self.stdout.write(f"Opened {len(opened)} scheduled activit{'y' if len(opened) == 1 else 'ies'}")
