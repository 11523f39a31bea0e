"""Deliver the notifications that are due from the outbox, over SMTP or GOV.UK Notify. Run once
(for cron) or, in production, with --loop as the worker: it retries failed sends after their
backoff and stops cleanly on SIGTERM or Ctrl-C after the message in hand."""

from __future__ import annotations

import signal
import threading
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.notifications.delivery import deliver_pending


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, delivering every --interval seconds")
        parser.add_argument("--interval", type=float, default=30.0,
                            help="seconds between runs with --loop (default 30)")
        parser.add_argument("--limit", type=int, default=100, help="most messages to send per run (default 100)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] <= 0 or options["limit"] <= 0:
            raise CommandError("--interval and --limit must be greater than 0")
        self.verbosity = int(options["verbosity"])
        if not options["loop"]:
            self._run_once(options["limit"])
            return
        self.stopping = threading.Event()
        previous = {signum: signal.signal(signum, self._stop) for signum in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not self.stopping.is_set():
                self._run_once(options["limit"])
                self.stopping.wait(options["interval"])
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _run_once(self, limit: int) -> None:
        report = deliver_pending(limit=limit)
        if report.sent or report.failed or report.abandoned or self.verbosity >= 2:
            self.stdout.write(f"Notifications: {report}")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stdout.write("Stopping after this run")
        self.stopping.set()
