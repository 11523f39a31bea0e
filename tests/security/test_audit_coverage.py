"""Issue 8 §4: views of evidence notes, refused document downloads and the page of a case list
viewed are audited; free-text reasons never reach an audit row."""

from datetime import date

import pytest

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.inspections import evidence
from tests.datareturns.conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(inspection, cast):
    return evidence.add_note(inspection, by=cast["inspector"], source="meeting", observed_on=date(2026, 9, 8),
                             criterion_code="A1", themes=[], strength="positive", text="Early help is good")


@pytest.fixture
def document(agreed_case, cast):
    return services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])


def _last(action):
    return AuditEvent.objects.filter(action=action).latest("id")


def test_viewing_evidence_notes_is_audited(client_for, inspection, note):
    client = client_for("inspector")
    assert client.get(f"/inspections/{inspection.pk}/evidence/").status_code == 200
    event = _last(AuditAction.VIEW)
    assert (event.object_type, event.object_id, event.data["page"]) == ("inspections.Inspection",
                                                                         str(inspection.pk), "evidence")
    assert client.get(f"/inspections/{inspection.pk}/evidence/{note.pk}/").status_code == 200
    event = _last(AuditAction.VIEW)
    assert (event.object_type, event.object_id, event.username) == ("inspections.EvidenceNote", str(note.pk),
                                                                    "ivy-inspector")


def test_refused_downloads_are_audited(client_for, inspection, document):
    url = f"/inspections/{inspection.pk}/cases/{document.case_id}/documents/{document.pk}/"
    assert client_for("lap_b").get(url).status_code == 404
    event = _last(AuditAction.REFUSED)
    assert (event.username, event.object_type, event.object_id) == ("lap-b", "datareturns.TrackingDocument",
                                                                    str(document.pk))
    assert client_for("lap_a").get(url.replace(f"/{document.pk}/", "/999999/")).status_code == 404
    assert _last(AuditAction.REFUSED).object_id == "999999"
    assert client_for("lap_a").get(url).status_code == 200
    assert _last(AuditAction.EXPORT).object_id == str(document.pk)


def test_the_page_of_the_case_list_viewed_is_audited(client_for, inspection, case_list):
    client_for("lap_a").get(f"/inspections/{inspection.pk}/cases/?page=1")
    assert _last(AuditAction.VIEW).data["entries_page"] == 1


def test_free_text_never_reaches_an_audit_row(cast, inspection, note):
    with pytest.raises(ValueError, match="Free text"):
        audit.record(cast["planner"], AuditAction.UPDATE, inspection, reason="Lead inspector's child is ill")
    evidence.delete_note(note, by=cast["inspector"], reason="Mentions a child by name: Sam Smith")
    event = _last(AuditAction.DELETE)
    assert event.object_id == str(note.pk) and "Sam Smith" not in str(event.data)
