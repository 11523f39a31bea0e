"""Whole pages kept per viewer (areasend.caching.kept_page): the national overview, an area page,
the statistics and a live inspection page are rendered once per state of their records and kept
for each user. What the base template shows must still be each user's own, as they are now: their
name, role and navigation, this page marked current, this session's CSRF token and this request's
flash messages."""

import re
from datetime import date

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory

from areasend.areas.models import LocalAreaPartnership
from areasend.caching import csrf_placeholder
from areasend.inspections import workflow

pytestmark = pytest.mark.django_db

KEPT = ["/overview/", "/areas/E06000055/", "/statistics/"]
TOKEN = re.compile(r'action="/accounts/logout/"[^>]*>\s*<input type="hidden" '
                   r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def inspection(cast):
    return workflow.notify(confirmed=True, area=LocalAreaPartnership.objects.get(gss_code="E06000055"),
                           notified_on=date(2026, 9, 7), officer_name="Nora Officer",
                           officer_email="nora@bedford.example", by=cast["planner"])


def text(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_each_user_sees_their_own_name_and_navigation(client_for, inspection):
    pages = [*KEPT, f"/inspections/{inspection.pk}/"]
    for path in pages:
        planner, admin = text(client_for("planner"), path), text(client_for("admin"), path)
        assert "Signed in as pip-planner (Programme planner)" in planner and "ada-admin" not in planner, path
        assert "Signed in as ada-admin (Administrator)" in admin and "pip-planner" not in admin, path
        assert ">Audit log</a>" in admin and ">Audit log</a>" not in planner, path
    anonymous, lap = text(client_for("anonymous"), "/statistics/"), text(client_for("lap_a"), "/statistics/")
    assert ">Sign in</a>" in anonymous and "Signed in as" not in anonymous
    assert "Signed in as lap-a (Local area partnership user, Bedford)" in lap and ">Your area</a>" in lap


def test_a_change_to_the_user_shows_on_their_next_request(client_for, cast):
    client = client_for("planner")
    assert "(Programme planner)" in text(client, "/overview/")
    planner = cast["planner"]
    planner.role = "admin"
    planner.save()
    page = text(client, "/overview/")
    assert "Signed in as pip-planner (Administrator)" in page and ">Audit log</a>" in page


def test_the_page_shown_is_marked_current_in_the_navigation(client_for):
    client = client_for("planner")
    current = re.compile(r'href="([^"]+)" aria-current="true"')
    assert current.findall(text(client, "/overview/")) == ["/overview/"]
    assert current.findall(text(client, "/statistics/")) == ["/statistics/"]
    assert current.findall(text(client, "/overview/")) == ["/overview/"]


def test_forms_on_a_kept_page_carry_this_sessions_token(cast, inspection):
    """The same planner signed in twice: one kept page each, two CSRF secrets. Every form on the
    page (the sign-out form in the base, the inspection's action forms in its kept content)
    carries the token of the session that asked for it."""
    sessions = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        client.force_login(cast["planner"], backend="django.contrib.auth.backends.ModelBackend")
        for path in ("/overview/", f"/inspections/{inspection.pk}/"):
            page = text(client, path)
            assert csrf_placeholder() not in page
            assert len(set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))) == 1, path
        sessions.append((client, TOKEN.search(page).group(1)))
    (_, first_token), (second, second_token) = sessions
    assert first_token != second_token
    assert second.post("/accounts/logout/", {"csrfmiddlewaretoken": first_token}).status_code == 403
    assert second.post("/accounts/logout/", {"csrfmiddlewaretoken": second_token}).status_code == 302


def test_a_renamed_area_shows_at_once_on_every_kept_page(client_for, inspection):
    lap, planner = client_for("lap_a"), client_for("planner")
    lap_pages = ["/areas/E06000055/", "/statistics/", f"/inspections/{inspection.pk}/"]
    for client, path in [*((lap, p) for p in lap_pages), (planner, "/overview/")]:
        assert "Bedford Renamed" not in text(client, path), path
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    area.name = "Bedford Renamed"
    area.save()
    for path in lap_pages:  # the page's own content, and the base's "Signed in as ... (..., area)"
        assert "Local area partnership user, Bedford Renamed)" in text(lap, path), path
    assert "Bedford Renamed" in text(lap, "/areas/E06000055/").split("Signed in as")[1]
    assert ">Bedford Renamed<" in text(planner, "/overview/")
    assert "Bedford Renamed" in text(planner, f"/inspections/{inspection.pk}/").split("Signed in as")[1]


def queue_message(client: Client, message: str) -> None:
    """A flash message as an earlier request leaves it: in the messages cookie."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, message)
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value


@pytest.mark.parametrize("path", KEPT)
def test_a_flash_message_on_a_kept_page_is_shown_once(client_for, path):
    client = client_for("planner")
    kept = text(client, path)
    queue_message(client, "Programme saved")
    with_message = text(client, path)
    assert "Programme saved" in with_message and "govuk-notification-banner" in with_message
    assert "Programme saved" not in text(client, path) and "Programme saved" not in kept
