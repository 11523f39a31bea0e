import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def test_sign_in_page_is_a_gov_uk_form(client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b'for="id_username"' in page.content and b'autocomplete="current-password"' in page.content


def test_wrong_password_shows_the_error_summary(client, cast):
    page = client.post("/accounts/login/", {"username": "pip-planner", "password": "nope-nope-nope"})
    assert page.status_code == 200
    assert b"govuk-error-summary" in page.content
    assert b"Enter a correct username and password" in page.content


def test_passwords_are_hashed_with_argon2(make_user, settings):
    from areasend import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_user("hashed", "public").password.startswith("argon2")


def test_repeated_failures_lock_the_account_out(client, cast, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"username": "pip-planner", "password": "wrong-password-1"})
    locked = client.post("/accounts/login/", {"username": "pip-planner", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_post(client_for):
    client = client_for("planner")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_staff_must_set_up_and_pass_totp_before_seeing_anything(cast):
    from areasend.accounts import enrolment

    client = Client()
    assert client.post("/accounts/login/", {"username": "pip-planner", "password": PASSWORD}).status_code == 302
    blocked = client.get("/overview/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/two-factor/")
    link = enrolment.link_path(enrolment.issue_link(cast["planner"]))
    setup = client.get(link)
    assert b"Set up your authenticator app" in setup.content
    device = TOTPDevice.objects.get(user=cast["planner"])
    wrong = client.post(link, {"token": "000000" if totp(device.bin_key) else "111111"})
    assert wrong.status_code == 400
    assert b"govuk-error-summary" in wrong.content
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a failure; don't make the test wait
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    done = client.post(link, {"token": code, "next": "/overview/"})
    assert done.status_code == 200 and b"Your recovery codes" in done.content
    assert client.get("/overview/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_lap_users_are_not_asked_for_totp(cast):
    client = Client()
    client.post("/accounts/login/", {"username": "lap-a", "password": PASSWORD})
    assert client.get("/areas/E06000055/").status_code == 200


def test_next_parameter_cannot_redirect_off_site(client, cast):
    client.force_login(cast["planner"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/accounts/two-factor/", {"token": "12", "next": "https://evil.example/"})
    assert b"https://evil.example/" not in response.content


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_staff_session_without_totp_gets_json_403_from_the_api(cast):
    client = Client()
    client.post("/accounts/login/", {"username": "pip-planner", "password": PASSWORD})
    response = client.get("/api/v1/due/")
    assert response.status_code == 403
    assert "Two-factor" in response.json()["detail"]
