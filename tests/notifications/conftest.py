"""A real SMTP server for the delivery tests (aiosmtpd on a free local port), and an inspection
notified through the workflow, as the service does it."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

AREA_A = "E06000055"  # Bedford
OFFICER_EMAIL = "nora@bedford.example"


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())


@dataclass
class SmtpServer:
    """An SMTP server on 127.0.0.1 that keeps what it receives; stop() it to make sends fail."""

    port: int
    received: list[Received] = field(default_factory=list)
    controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append(Received(list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def _immediate_tasks_and_smtp(settings: Any) -> None:
    """Tasks run in-process and the service's own configuration is SMTP, whatever the environment."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.AREASEND_NOTIFICATIONS_BACKEND = "smtp"
    settings.AREASEND_BASE_URL = "https://areasend.example"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    server = SmtpServer(port=_free_port())
    server.start()
    # Django's test runner puts its in-memory backend in; these tests talk real SMTP.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def notify_inspection(cast: dict[str, Any]) -> Any:
    """Call workflow.notify for Bedford (writes the outbox rows; on_commit does not run here)."""
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import workflow

    def notify() -> Any:
        return workflow.notify(
            confirmed=True,
            area=LocalAreaPartnership.objects.get(gss_code=AREA_A), notified_on=date(2026, 9, 7),
            officer_name="Nora Officer", officer_email=OFFICER_EMAIL, by=cast["planner"],
        )

    return notify


@pytest.fixture
def inspection(notify_inspection: Any) -> Any:
    return notify_inspection()
