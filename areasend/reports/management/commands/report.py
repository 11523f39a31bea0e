"""Published reports from the command line: list them, or write one as HTML or PDF."""

import json
import shutil
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from areasend import policy
from areasend.reports import documents


class Command(BaseCommand):
    help = ("List the inspections run in areasend whose report is published (--list), or write one "
            "report (ID) as HTML or PDF from the same template as its page. Unpublished: refused.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("inspection", nargs="?", type=int, help="the inspection's number (ID)")
        parser.add_argument("--list", action="store_true", help="list the published reports")
        parser.add_argument("--json", action="store_true", help="print the list as JSON")
        parser.add_argument("--include-demo", action="store_true", help="also list the demo's reports")
        parser.add_argument("--format", choices=["html", "pdf"], default="html")
        parser.add_argument("--card", action="store_true", help="the one-page report card, not the report")
        parser.add_argument("--output", help="file to write (required with ID)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list(options["json"], options["include_demo"])
        elif options["inspection"] is not None:
            if not options["output"]:
                raise CommandError("Give --output PATH: the file to write the report to")
            self._write(options["inspection"], options["format"], options["card"], Path(options["output"]))
        else:
            raise CommandError("Give --list, or an inspection ID with --format and --output")

    def _list(self, as_json: bool, include_demo: bool) -> None:
        reports = policy.published_reports().order_by("published_on", "pk")
        rows = [{"inspection": i.pk, "area_code": i.area.gss_code, "kind": i.kind, "outcome": i.outcome,
                 "published": i.published_on.isoformat() if i.published_on else None}
                for i in (reports if include_demo else reports.filter(synthetic=False))]
        if as_json:
            self.stdout.write(json.dumps(rows))
            return
        for row in rows:
            self.stdout.write(f"{row['inspection']:>6} {row['area_code']} {row['kind']:<22} "
                              f"outcome {row['outcome'] or '-'} published {row['published']}")

    def _write(self, pk: int, fmt: str, card: bool, output: Path) -> None:
        try:
            context = documents.context_for(policy.get_published_report(pk))
        except Http404:
            raise CommandError(f"Inspection {pk} has no published report") from None
        if card and context["report"].is_monitoring:
            raise CommandError(f"Inspection {pk} is a monitoring inspection: it has no report card")
        body = documents.CARD_BODY if card else documents.REPORT_BODY
        if fmt == "pdf":
            shutil.copyfile(documents.pdf_path(context, body), output)
        else:
            output.write_text(documents.print_html(context, body), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")
