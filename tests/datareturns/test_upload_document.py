"""Documents for an agreed case: PDF, DOCX, ODT, PNG or JPEG, under 10 MB, judged by their bytes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services
from areasend.datareturns.documents import safe_name
from areasend.datareturns.models import TrackingDocument
from areasend.inspections.models import WorkflowError

from .conftest import EXE, JPEG, PDF, PNG, docx_bytes, odt_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("plan.pdf", PDF, "application/pdf"),
    ("plan.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("plan.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ("scan.PNG", PNG, "image/png"),
    ("scan.jpeg", JPEG, "image/jpeg"),
    ("scan.jpg", JPEG, "image/jpeg"),
])
def test_each_allowed_kind_is_stored_under_a_random_name(
    agreed_case: Any, cast: dict[str, Any], media: Path, name: str, content: bytes, content_type: str
) -> None:
    document = services.upload_document(agreed_case, upload(name, content), by=cast["lap_a"])
    assert document.original_name == name and document.size == len(content)
    assert document.content_type == content_type  # from the bytes, not the browser
    stored = Path(document.file.path)
    assert stored.read_bytes() == content
    assert stored.is_relative_to(media) and name not in document.file.name
    assert len(stored.name) == 32  # a uuid4 in hex: nothing to guess
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="datareturns.TrackingDocument")
    assert name not in str(event.data)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.pdf", EXE, "not a real PDF"),
    ("virus.exe", EXE, "must be a PDF, DOCX, ODT, PNG or JPEG"),
    ("plan.docx", PDF, "not a real Word document"),
    ("plan.pdf", docx_bytes(), "not a real PDF"),
    ("scan.png", JPEG, "not a real PNG"),
    ("plan.odt", docx_bytes(), "not a real OpenDocument"),
    ("plan.docx", odt_bytes(), "not a real Word document"),
    ("archive.docx", b"PK\x03\x04" + b"\x00" * 64, "not a real Word document"),
    ("notes.txt", b"hello", "must be a PDF"),
    ("empty.pdf", b"", "empty"),
    ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "smaller than 10 MB"),
])
def test_wrong_kinds_and_sizes_are_refused(
    agreed_case: Any, cast: dict[str, Any], media: Path, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(WorkflowError, match=message):
        services.upload_document(agreed_case, upload(name, content, "application/pdf"), by=cast["lap_a"])
    assert not TrackingDocument.objects.exists()
    assert not list(media.rglob("*.*")) and not (media / "tracking").exists()


def test_exactly_10_mb_is_accepted(agreed_case: Any, cast: dict[str, Any]) -> None:
    content = b"%PDF-" + b"0" * (10 * 1024 * 1024 - 5)
    assert services.upload_document(agreed_case, upload("big.pdf", content), by=cast["lap_a"]).size == len(content)


def test_documents_only_for_an_agreed_case(cases: Any, cast: dict[str, Any]) -> None:
    with pytest.raises(WorkflowError, match="once the family has agreed"):
        services.upload_document(cases[1], upload("plan.pdf", PDF), by=cast["lap_a"])


def test_no_documents_after_consent_is_withdrawn(agreed_case: Any, cast: dict[str, Any]) -> None:
    services.record_consent(agreed_case, "withdrawn", by=cast["lap_a"], on=date(2026, 9, 11))
    with pytest.raises(WorkflowError):
        services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])


@pytest.mark.parametrize("who", ["inspector", "lap_b", "planner"])
def test_only_the_areas_users_upload_documents(agreed_case: Any, cast: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast[who])


def test_safe_name_strips_paths_and_control_characters() -> None:
    assert safe_name("C:\\Users\\me\\plan.pdf") == "plan.pdf"
    assert safe_name("../../etc/pass\x00wd\r\n.pdf") == "passwd.pdf"
    assert safe_name("") == "document"
    assert len(safe_name("a" * 300 + ".pdf")) == 200 and safe_name("a" * 300 + ".pdf").endswith(".pdf")


# --- the view ---------------------------------------------------------------------------------


def post(client: Any, inspection: Any, case: Any, file: Any) -> Any:
    return client.post(reverse("cases:upload-document", args=[inspection.pk, case.pk]),
                       {f"document-{case.pk}-document": file})


def test_upload_page_stores_the_document(inspection: Any, agreed_case: Any, client_for: Any) -> None:
    response = post(client_for("lap_a"), inspection, agreed_case, upload("plan.pdf", PDF))
    assert response.status_code == 302
    assert TrackingDocument.objects.filter(case=agreed_case).count() == 1


def test_upload_page_refuses_a_renamed_program(inspection: Any, agreed_case: Any, client_for: Any) -> None:
    response = post(client_for("lap_a"), inspection, agreed_case, upload("plan.pdf", EXE))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#document-{agreed_case.pk}-document"' in page and "not a real PDF" in page
    assert not TrackingDocument.objects.exists()


def test_upload_page_without_a_file_is_a_400(inspection: Any, agreed_case: Any, client_for: Any) -> None:
    response = client_for("lap_a").post(reverse("cases:upload-document", args=[inspection.pk, agreed_case.pk]))
    assert response.status_code == 400
    assert "Select a file" in response.content.decode()
