"""The background task that runs delivery. Queued on commit by messages.py; run in-process by
the immediate backend, or by `areasend db_worker` with the database backend. Retries after a
failure come from the `deliver_notifications --loop` worker, which runs the same function."""

from __future__ import annotations

from django_tasks import task

from .delivery import deliver_pending


@task()
def deliver_pending_task() -> dict[str, int]:
    """Deliver what is due now; returns the counts (JSON for the task result)."""
    return deliver_pending().as_dict()
