"""`areasend purge_tracking_data`: person-level data goes 90 days after publication or withdrawal."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.models import CaseListEntry, TrackingCase, TrackingDocument
from areasend.datareturns.retention import RETENTION_DAYS
from areasend.inspections import workflow
from areasend.inspections.models import Inspection

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db

PUBLISHED = date(2026, 11, 2)


@pytest.fixture
def with_document(agreed_case: Any, cast: dict[str, Any]) -> Path:
    services.record_consent(TrackingCase.objects.current().exclude(pk=agreed_case.pk).first(), "declined",
                            by=cast["lap_a"], on=date(2026, 9, 10))  # a replaced case too
    document = services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    return Path(document.file.path)


def publish(inspection: Any) -> None:
    # Publishing for real needs a whole report; the state and date are all the purge reads.
    Inspection.objects.filter(pk=inspection.pk).update(state="published", published_on=PUBLISHED)


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the command; the files are deleted on commit, so run those callbacks too."""

    def call(*args: str) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("purge_tracking_data", *args, stdout=out)
        return out.getvalue()

    return call


def test_data_of_an_inspection_published_90_days_ago_is_purged(inspection: Any, with_document: Path, run: Any) -> None:
    publish(inspection)
    assert RETENTION_DAYS == 90
    with time_machine.travel(date(2026, 12, 31), tick=False):  # 59 days: kept
        assert "nothing to purge" in run()
    assert with_document.exists() and TrackingDocument.objects.exists()
    with time_machine.travel(date(2027, 1, 31), tick=False):  # 90 days
        output = run()
    assert "12 entries, 7 cases, 1 documents" in output
    assert not CaseListEntry.objects.exists() and not TrackingCase.objects.exists()
    assert not TrackingDocument.objects.exists() and not with_document.exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_type="inspections.Inspection")
    assert event.data == {"purge": "tracking-data", "entries": 12, "cases": 7, "documents": 1, "returns": 0}
    assert event.user is None


def test_a_second_run_does_nothing(inspection: Any, with_document: Path, run: Any) -> None:
    publish(inspection)
    with time_machine.travel(date(2027, 3, 1), tick=False):
        run()
        assert "nothing to purge" in run()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE).count() == 1


def test_older_than_days_overrides_the_default(inspection: Any, with_document: Path, run: Any) -> None:
    publish(inspection)
    with time_machine.travel(date(2026, 11, 12), tick=False):
        assert "nothing to purge" in run("--older-than-days", "11")
        assert "purged inspection" in run("--older-than-days", "10")
    assert not CaseListEntry.objects.exists()


def test_withdrawn_inspections_count_from_the_withdrawal(inspection: Any, with_document: Path,
                                                          cast: dict[str, Any], run: Any) -> None:
    with time_machine.travel(date(2026, 9, 20), tick=False):
        workflow.withdraw(inspection, reason="Postponed", by=cast["planner"])
    with time_machine.travel(date(2026, 12, 18), tick=False):  # 89 days
        assert "nothing to purge" in run()
    with time_machine.travel(date(2026, 12, 19), tick=False):
        assert "purged inspection" in run()
    assert not with_document.exists()


def test_open_inspections_are_never_purged(inspection: Any, with_document: Path, run: Any) -> None:
    assert "nothing to purge" in run("--older-than-days", "0")
    assert with_document.exists() and CaseListEntry.objects.count() == 12


def test_dry_run_deletes_nothing(inspection: Any, with_document: Path, run: Any) -> None:
    publish(inspection)
    with time_machine.travel(date(2027, 3, 1), tick=False):
        assert "would purge" in run("--dry-run")
    assert with_document.exists() and CaseListEntry.objects.count() == 12


def test_a_negative_age_is_refused(run: Any) -> None:
    with pytest.raises(CommandError):
        run("--older-than-days", "-1")


def test_a_data_return_loses_its_file_and_rows_but_keeps_its_indicators(inspection: Any, cast: dict[str, Any],
                                                                        run: Any) -> None:
    from areasend.datareturns import returns, synthetic
    from areasend.datareturns.models import DataReturn

    data = synthetic.csv_bytes(30, as_at=date(2026, 9, 8), errors=2)
    stored = returns.upload_return(inspection, upload("r.csv", data), by=cast["lap_a"])
    path = Path(stored.file.path)
    publish(inspection)
    with time_machine.travel(date(2027, 1, 31), tick=False):
        assert "1 data returns" in run()
    stored = DataReturn.objects.get(pk=stored.pk)
    assert not path.exists() and not stored.file and stored.issues == [] and stored.purged_at is not None
    assert stored.samples == {}
    assert stored.rows == 30 and stored.error_count == 2 and "annual_reviews_overdue" in stored.indicators
    with time_machine.travel(date(2027, 2, 1), tick=False):
        assert "nothing to purge" in run()
