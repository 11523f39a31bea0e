"""Issue 8 §4: 404, 403, 500 and CSRF-failure pages in the GOV.UK style."""

import pytest
from django.test import Client, RequestFactory

from areasend import urls
from areasend.errors import server_error

pytestmark = pytest.mark.django_db


def _is_govuk(content: bytes) -> bool:
    return b"govuk-template" in content and b"govuk-heading-xl" in content and b"govuk-footer" in content


def test_404_page(client_for):
    response = client_for("lap_a").get("/no-such-page/")
    assert response.status_code == 404
    assert _is_govuk(response.content) and b"Page not found" in response.content


def test_403_page(client_for):
    response = client_for("lap_a").get("/inspections/new/")
    assert response.status_code == 403
    assert _is_govuk(response.content) and b"You cannot do this" in response.content


def test_csrf_failure_page(cast):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert _is_govuk(response.content) and b"we could not send your form" in response.content
    assert b"CSRF" not in response.content  # Django's reason is for developers, never shown


def test_500_page():
    assert urls.handler500 == "areasend.errors.server_error"
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert _is_govuk(response.content) and b"Sorry, there is a problem with the service" in response.content
    assert b"Area SEND inspections" in response.content
