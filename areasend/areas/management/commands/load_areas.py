from typing import Any

from django.core.management.base import BaseCommand

from areasend.areas.reference import load_areas


class Command(BaseCommand):
    help = "Load the 153 local area partnerships from the reference table the project ships (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_areas()
        self.stdout.write(
            f"Areas: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
