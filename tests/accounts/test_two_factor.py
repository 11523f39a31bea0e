"""Issue 8 §4: two-factor covers the audit log; enrolment only through a one-time link an
administrator issued; recovery codes exist and work once."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts import enrolment
from areasend.accounts.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cast")]
PASSWORD = "a-long-test-password"


def _signed_in(username: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _enrol(client: Client, user, next_url: str = "/") -> list[str]:
    link = enrolment.link_path(enrolment.issue_link(user))
    client.get(link)
    page = client.post(link, {"token": _code(TOTPDevice.objects.get(user=user, confirmed=False)), "next": next_url})
    assert page.status_code == 200, page.content
    return re.findall(r"<li><code>([a-z0-9]{8})</code></li>", page.content.decode())


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_audit_log_needs_the_second_factor(cast):
    client = _signed_in("ada-admin")
    response = client.get("/accounts/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    _enrol(client, cast["admin"])
    assert client.get("/accounts/audit/").status_code == 200


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_password_alone_never_shows_a_totp_secret(cast):
    client = _signed_in("pip-planner")
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    assert b"Ask an administrator for a set-up link" in page.content
    assert b"Secret key" not in page.content and b"<svg" not in page.content
    assert not TOTPDevice.objects.filter(user=cast["planner"]).exists()


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_a_set_up_link_works_once_and_only_for_its_user(cast):
    token = enrolment.issue_link(cast["planner"])
    assert _signed_in("ivy-inspector").get(enrolment.link_path(token)).status_code == 404
    client = _signed_in("pip-planner")
    link = enrolment.link_path(token)
    assert b"Secret key" in client.get(link).content
    device = TOTPDevice.objects.get(user=cast["planner"], confirmed=False)
    assert client.post(link, {"token": _code(device)}).status_code == 200
    assert _signed_in("pip-planner").get(link).status_code == 404
    assert enrolment.valid_link(cast["planner"], token) is None
    stored = enrolment.TwoFactorSetupLink.objects.get(user=cast["planner"])
    assert stored.token_hash != token and token not in stored.token_hash


@override_settings(AREASEND_REQUIRE_2FA=True)
def test_recovery_codes_sign_in_once_each(cast):
    codes = _enrol(_signed_in("pip-planner"), cast["planner"])
    assert len(codes) == enrolment.RECOVERY_CODES
    client = _signed_in("pip-planner")
    assert b"recovery codes" in client.get("/accounts/two-factor/").content
    done = client.post("/accounts/two-factor/", {"token": codes[0], "next": "/overview/"})
    assert done.status_code == 302 and done["Location"] == "/overview/"
    assert client.get("/overview/").status_code == 200
    assert AuditEvent.objects.filter(username="pip-planner", data__factor="recovery").exists()
    again = _signed_in("pip-planner").post("/accounts/two-factor/", {"token": codes[0]})
    assert again.status_code == 400
    assert StaticToken.objects.filter(device__user=cast["planner"]).count() == enrolment.RECOVERY_CODES - 1


def test_the_command_and_the_admin_action_issue_links(cast, client_for):
    out = StringIO()
    call_command("two_factor_link", "pip-planner", stdout=out)
    token = out.getvalue().strip().rsplit("/", 2)[-2]
    assert enrolment.valid_link(cast["planner"], token) is not None
    admin = client_for("admin")
    response = admin.post("/admin/accounts/user/", {
        "action": "issue_two_factor_link", "_selected_action": [cast["inspector"].pk]}, follow=True)
    assert b"/accounts/two-factor/set-up/" in response.content
    assert enrolment.valid_link(cast["planner"], token) is not None  # another user's link untouched


def test_demo_prints_a_link_for_each_demo_staff_member(settings):
    from areasend.accounts.demo import create_demo_users, demo_two_factor_links

    settings.DEBUG = True
    create_demo_users()
    links = dict(demo_two_factor_links("http://127.0.0.1:8123"))
    assert set(links) == {"admin", "planner", "hmi", "cqc", "oi-olu", "cqc-ceri"}
    assert all(url.startswith("http://127.0.0.1:8123/accounts/two-factor/set-up/") for url in links.values())


def test_devices_and_recovery_codes_are_not_in_the_admin(client_for, cast):
    enrolment.new_recovery_codes(cast["planner"])
    admin = client_for("admin")
    assert admin.get("/admin/otp_static/staticdevice/").status_code == 404
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 404
