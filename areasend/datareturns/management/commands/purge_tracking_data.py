from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.datareturns import documents
from areasend.datareturns.models import TrackingDocument
from areasend.datareturns.retention import RETENTION_DAYS, due_for_purge, purge


class Command(BaseCommand):
    help = (
        "Delete the case lists, tracking cases, tracking documents and person-level data returns (keeping "
        "their counts and indicators) of inspections published or withdrawn at least --older-than-days ago "
        f"(default {RETENTION_DAYS}), and sweep files a killed upload left behind. Safe to run daily: a "
        "missed run catches up and a repeated run does nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--older-than-days", dest="days", type=int, default=RETENTION_DAYS,
                            help=f"days since publication or withdrawal (default {RETENTION_DAYS})")
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--older-than-days must be 0 or more")
        due = due_for_purge(timezone.localdate(), options["days"])
        for inspection in due:
            if options["dry_run"]:
                self.stdout.write(f"would purge inspection {inspection.pk} ({inspection.area.gss_code})")
                continue
            done = purge(inspection)
            self.stdout.write(
                f"purged inspection {done.inspection} ({inspection.area.gss_code}): {done.entries} entries, "
                f"{done.cases} cases, {done.documents} documents, {done.returns} data returns"
            )
        if not due:
            self.stdout.write("nothing to purge")
        self._sweep(dry_run=options["dry_run"])

    def _sweep(self, *, dry_run: bool) -> None:
        """Files a crashed or killed upload left behind (see documents.store)."""
        storage = TrackingDocument._meta.get_field("file").storage  # type: ignore[union-attr]
        referenced = set(TrackingDocument.objects.values_list("file", flat=True))
        temp_dir = Path(settings.FILE_UPLOAD_TEMP_DIR) if settings.FILE_UPLOAD_TEMP_DIR else None
        swept = documents.sweep(Path(storage.path("")), referenced, temp_dir, dry_run=dry_run)
        verb = "would sweep" if dry_run else "swept"
        self.stdout.write(f"{verb} {swept.temporary} stale temporary files and {swept.orphans} files with no record")
