from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from areasend.datareturns.published import MEASURES, import_folder

DEFAULT = Path(settings.BASE_DIR).parent / "shared" / "research-data" / "send_stats"


class Command(BaseCommand):
    help = (
        "Load the DfE's published SEN2 figures per local authority (plans issued within 20 weeks, "
        "decisions within 6 weeks, electively home educated) from the send_stats folder, to set beside "
        "the indicators of data returns. Idempotent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEFAULT), help=f"the folder (default {DEFAULT})")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["path"])
        missing = [m.file for m in MEASURES if not (folder / m.file).is_file()]
        if missing:
            raise CommandError(f"{folder}: missing {', '.join(missing)}")
        created, updated = import_folder(folder)
        self.stdout.write(f"{created} figures added, {updated} already held")
