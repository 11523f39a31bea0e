"""Issue 8 §4: API tokens are made only after two-factor, shown once, stored as a hash, expire,
can be revoked, and are not in the admin."""

import re
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts import enrolment, tokens
from areasend.accounts.models import ApiToken

pytestmark = pytest.mark.django_db
DUE = "/api/v1/due/"
PASSWORD = "a-long-test-password"


def _verified_client(user) -> Client:
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    link = enrolment.link_path(enrolment.issue_link(user))
    client.get(link)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(link, {"token": f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"})
    return client


def _make(client: Client) -> str:
    page = client.post("/accounts/api-tokens/", {"name": "Nightly due report", "days": "30"})
    assert page.status_code == 200, page.content
    assert page["Cache-Control"] == "no-store"
    return re.search(r'<code id="new-token">([^<]+)</code>', page.content.decode()).group(1)


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_a_token_is_made_after_two_factor_shown_once_and_stored_as_a_hash(cast):
    client = _verified_client(cast["planner"])
    key = _make(client)
    stored = ApiToken.objects.get(user=cast["planner"])
    assert key not in stored.key_hash and stored.key_hash == enrolment.digest(key)
    assert stored.expires - timezone.now() > timedelta(days=29)
    assert key.encode() not in client.get("/accounts/api-tokens/").content
    assert Client().get(DUE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_no_token_without_two_factor(client_for, cast):
    client = client_for("planner")  # a password-only session (two-factor not enforced here)
    refused = client.post("/accounts/api-tokens/", {"name": "x", "days": "30"})
    assert refused.status_code == 403
    assert not ApiToken.objects.exists()


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_the_token_page_needs_two_factor(client):
    client.post("/accounts/login/", {"username": "pip-planner", "password": PASSWORD})
    assert client.get("/accounts/api-tokens/").status_code == 302


def test_expired_and_revoked_tokens_fail(cast, client_for):
    token, key = tokens.issue(cast["planner"], "old", 30)
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    assert Client().get(DUE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    token, key = tokens.issue(cast["planner"], "revoke me", 30)
    assert Client().get(DUE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert client_for("inspector").post(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 404
    assert client_for("planner").post(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 302
    assert Client().get(DUE, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_tokens_are_not_in_the_admin_and_the_page_is_for_staff(client_for, cast):
    tokens.issue(cast["planner"], "x", 30)
    admin = client_for("admin")
    index = admin.get("/admin/").content
    assert b"Tokens<" not in index and b"api-token" not in index.lower()
    assert admin.get("/admin/authtoken/token/").status_code == 404
    assert client_for("lap_a").get("/accounts/api-tokens/").status_code == 404
    assert client_for("planner").get("/accounts/api-tokens/").status_code == 200


def test_bad_form_is_a_400_with_the_error_summary(cast):
    client = _verified_client(cast["planner"])
    page = client.post("/accounts/api-tokens/", {"name": "x" * 101, "days": "7"})
    assert page.status_code == 400
    assert b"govuk-error-summary" in page.content and b"Choose 30, 90 or 180 days" in page.content
