"""Downloading a tracking document: the team and the area's users, as an attachment, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import services

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(agreed_case: Any, cast: dict[str, Any]) -> Any:
    return services.upload_document(agreed_case, upload("Case plan (final).pdf", PDF), by=cast["lap_a"])


def url(document: Any) -> str:
    return reverse("cases:download", args=[document.case.inspection_id, document.case_id, document.pk])


@pytest.mark.parametrize("who", ["lap_a", "inspector"])
def test_download_streams_the_file_as_an_attachment_and_is_audited(
    document: Any, client_for: Any, cast: dict[str, Any], who: str
) -> None:
    response = client_for(who).get(url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Case plan (final).pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.user, event.object_id, event.area_code) == (cast[who], str(document.pk), "E06000055")


@pytest.mark.parametrize("who", ["planner", "admin", "lap_b", "public", "anonymous"])
def test_others_get_404(document: Any, client_for: Any, who: str) -> None:
    assert client_for(who).get(url(document)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_document_of_another_case_is_a_404(document: Any, cases: Any, client_for: Any) -> None:
    other = reverse("cases:download", args=[document.case.inspection_id, cases[1].pk, document.pk])
    assert client_for("lap_a").get(other).status_code == 404


def test_download_is_get_only(document: Any, client_for: Any) -> None:
    assert client_for("lap_a").post(url(document)).status_code == 405
