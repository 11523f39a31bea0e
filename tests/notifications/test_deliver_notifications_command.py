"""`areasend deliver_notifications`: the production worker (one run here; --loop repeats it)."""

from __future__ import annotations

import os
import signal
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from areasend.notifications.models import Notification

from .conftest import OFFICER_EMAIL


def _run(*args: str) -> str:
    out = StringIO()
    call_command("deliver_notifications", *args, stdout=out)
    return out.getvalue()


def test_command_delivers_what_is_due_and_prints_counts_only(inspection, smtp_server):
    output = _run()
    assert output.strip() == "Notifications: sent 1, failed 0, abandoned 0"
    assert [r.recipients for r in smtp_server.received] == [[OFFICER_EMAIL]]
    assert Notification.objects.get().sent_at is not None


def test_loop_keeps_delivering_until_sigterm_then_stops_cleanly(inspection, smtp_server):
    handler_before = signal.getsignal(signal.SIGTERM)

    def stop_once_delivered() -> None:
        # However slow the machine, the signal comes after the first run has delivered (and so
        # after the command has installed its handler), never on a fixed timer.
        deadline = time.monotonic() + 30
        while not smtp_server.received and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_once_delivered, daemon=True).start()

    output = _run("--loop", "--interval", "0.1")

    assert output.startswith("Notifications: sent 1, failed 0, abandoned 0")
    assert output.strip().endswith("Stopping after this run")
    assert len(smtp_server.received) == 1
    assert signal.getsignal(signal.SIGTERM) == handler_before


def test_command_with_nothing_due_is_quiet(db):
    assert _run() == ""
    assert _run("--verbosity", "2").strip() == "Notifications: sent 0, failed 0, abandoned 0"


def test_command_refuses_a_zero_interval(db):
    with pytest.raises(CommandError, match="greater than 0"):
        _run("--loop", "--interval", "0")


def test_help_text_is_the_docstring():
    from areasend.notifications.management.commands.deliver_notifications import Command

    assert Command.help and "--loop" in Command.help
